"""How far text alone separates derived from independent writing: article_links' reuse share
beside the classic alternatives, on labelled agency/newspaper pairs and independent outlets.

    python benchmarks/reuse_measures.py [--counter DIR] [--basil DIR] [--folds 5] [--seed 0]

Defaults: ../shared/corpora/counter/dev and ../shared/corpora/basil/dev (the layouts of
``newsprov eval reuse``). Prints, for each measure of the newspaper's text against the agency's
(COUNTER) and of every outlet's text against each other outlet's of its story (BASIL):

* ROC AUC derived (WD + PD) vs non-derived, and wholly derived (WD) vs the rest (issue 18
  asks 0.90 and 0.95 of the published share);
* the 90th percentile and the maximum over the independent BASIL pairs (issue 18: at most
  0.15 for the published share: independent outlets must not look like wire copies).

Measures: ``share`` (the published ``reused_share``: words in reused runs, quotations left
out); ``share_quotes`` (the same, quotations counted); ``share_word_pairs`` (every shared
word pair counted as a run, not only pairs anchored near a longer run); ``containment_n``
(share of the text's distinct word n-grams found in the other, n = 1, 2, 3); ``ordered_words``
(longest common subsequence of the two token lists, over the text's tokens: the words the two
print in the same order, anywhere). Then the best any linear mix of them can do: a logistic
regression over all measures, trained and scored in ``--folds``-fold cross-validation (a
seeded split), once per target. A ceiling for a single published number, not a method
newsprov uses.

Not a test: it reads ../shared and prints figures.
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

import numpy as np

from newsprov.core.layout import REPO_ROOT
from newsprov.dataset.compare import reuse
from newsprov.dataset.compare.reuse_eval import ReuseGoldError, basil_texts, counter_pairs, quantile, roc_auc

SHARED = REPO_ROOT.parent / "shared"


def ordered_words(ta, tb) -> float:
    """Longest common subsequence of the token keys over len(ta) (bit-parallel LCS: Allison
    and Dix 1986, Hyyro 2004; one big integer per text)."""
    if not ta:
        return 0.0
    masks: dict[str, int] = {}
    for i, t in enumerate(ta):
        masks[t.norm] = masks.get(t.norm, 0) | (1 << i)
    full = (1 << len(ta)) - 1
    v = full
    for t in tb:
        m = masks.get(t.norm, 0)
        u = v & m
        v = ((v + u) | (v - u)) & full
    return (len(ta) - bin(v).count("1")) / len(ta)


def _share(ta, tb, quotes: bool = False, **kw) -> float:
    return reuse.shares(reuse.find_runs(ta, tb, **kw), ta, tb, quotes=quotes)[0]


MEASURES = {
    "share": lambda ta, tb: _share(ta, tb),
    "share_quotes": lambda ta, tb: _share(ta, tb, quotes=True),
    "share_word_pairs": lambda ta, tb: _share(ta, tb, min_run=2, anchored_run=None),
    "containment_1": lambda ta, tb: reuse.ngram_containment(ta, tb, 1),
    "containment_2": lambda ta, tb: reuse.ngram_containment(ta, tb, 2),
    "containment_3": lambda ta, tb: reuse.ngram_containment(ta, tb, 3),
    "ordered_words": ordered_words,
}


def basil_pairs(folder: Path) -> list[tuple[str, str]]:
    """(text, other text) for every ordered pair of outlets of a story."""
    out = []
    for by_outlet in basil_texts(folder).values():
        for x, y in combinations(sorted(by_outlet), 2):
            out += [(by_outlet[x], by_outlet[y]), (by_outlet[y], by_outlet[x])]
    return out


def _logistic_cv(x: np.ndarray, y: np.ndarray, folds: int, seed: int) -> np.ndarray:
    """Out-of-fold scores of a logistic regression (standardised features, gradient descent)."""
    scores = np.zeros(len(y))
    order = np.random.default_rng(seed).permutation(len(y))
    for test in np.array_split(order, folds):
        train = np.setdiff1d(order, test)
        mean, std = x[train].mean(0), x[train].std(0) + 1e-9
        a = np.column_stack([np.ones(len(train)), (x[train] - mean) / std])
        w = np.zeros(a.shape[1])
        for _ in range(3000):
            p = 1 / (1 + np.exp(-a @ w))
            w += 0.1 * a.T @ (y[train] - p) / len(train)
        scores[test] = np.column_stack([np.ones(len(test)), (x[test] - mean) / std]) @ w
    return scores


def _aucs(values, labels) -> tuple[float, float]:
    derived = roc_auc([v for v, lab in zip(values, labels) if lab != "ND"],
                      [v for v, lab in zip(values, labels) if lab == "ND"])
    wholly = roc_auc([v for v, lab in zip(values, labels) if lab == "WD"],
                     [v for v, lab in zip(values, labels) if lab != "WD"])
    return derived, wholly


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counter", type=Path, default=SHARED / "corpora" / "counter" / "dev")
    parser.add_argument("--basil", type=Path, default=SHARED / "corpora" / "basil" / "dev")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        counter = [(lab, reuse.tokenise(der), reuse.tokenise(src)) for _pair, lab, der, src in counter_pairs(args.counter)]
        basil = [(reuse.tokenise(a), reuse.tokenise(b)) for a, b in basil_pairs(args.basil)] if args.basil.is_dir() else []
    except ReuseGoldError as exc:
        print(f"reuse_measures: {exc}", file=sys.stderr)
        return 2
    labels = [lab for lab, _, _ in counter]
    print(f"COUNTER: {len(counter)} pairs ({labels.count('WD')} WD, {labels.count('PD')} PD, "
          f"{labels.count('ND')} ND); BASIL: {len(basil)} directed pairs of independent outlets")
    print("\n| measure | AUC derived vs ND | AUC WD vs rest | BASIL p90 | BASIL max |\n|---|---|---|---|---|")
    columns = []
    for name, measure in MEASURES.items():
        values = [measure(ta, tb) for _, ta, tb in counter]
        columns.append(values)
        derived, wholly = _aucs(values, labels)
        independent = [measure(ta, tb) for ta, tb in basil]
        p90 = f"{quantile(independent, 0.9):.3f}" if independent else "-"
        top = f"{max(independent):.3f}" if independent else "-"
        print(f"| {name} | {derived:.3f} | {wholly:.3f} | {p90} | {top} |")
    x = np.column_stack(columns)
    derived = _aucs(_logistic_cv(x, np.array([lab != "ND" for lab in labels], float), args.folds, args.seed), labels)[0]
    wholly = _aucs(_logistic_cv(x, np.array([lab == "WD" for lab in labels], float), args.folds, args.seed), labels)[1]
    print(f"| logistic mix of all, {args.folds}-fold cross-validated (one model per target) "
          f"| {derived:.3f} | {wholly:.3f} | - | - |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
