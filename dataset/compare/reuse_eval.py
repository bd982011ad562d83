"""Score article_links' reuse shares on labelled text-reuse corpora.

Two layouts are read (the corpora in ../shared/corpora/ follow them):

* COUNTER style (``--counter DIR``): ``DIR/labels.tsv`` (tab-separated: pair id,
  label ``WD`` wholly derived / ``PD`` partly derived / ``ND`` non-derived, any
  further columns ignored; a header row starting with ``pair`` is skipped) and
  ``DIR/pairs/<id>/<id>_src.txt`` (the agency text) and ``<id>_der.txt`` (the
  newspaper text). The score of a pair is the newspaper's share: its words lying
  in runs reused from the agency text, exactly as article_links measures it.
  Reported: ROC AUC of that share for derived (WD + PD) vs ND, and for WD vs
  the rest (ties count half: the Mann-Whitney statistic).
* BASIL style (``--basil DIR``): ``DIR/text/<story>_<outlet>.txt``, several
  outlets writing the same story themselves. Every pair of outlets of a story
  gives two shares (each direction); reported: their 90th percentile (linear
  interpolation) and maximum. Independent outlets should share little.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from newsprov.dataset.compare import reuse
from newsprov.dataset.compare.reuse_links import pair_reuse

__all__ = ["ReuseGoldError", "roc_auc", "quantile", "counter_pairs", "counter_scores", "basil_texts", "basil_shares",
           "evaluate_reuse"]


class ReuseGoldError(ValueError):
    """A folder not in the expected layout."""


def _read(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def roc_auc(positives: list[float], negatives: list[float]) -> float:
    """P(a positive scores above a negative), ties counting half."""
    if not positives or not negatives:
        return float("nan")
    values = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum, i = 0.0, 0
    while i < len(values):
        j = i
        while j < len(values) and values[j][0] == values[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2 * sum(label for _, label in values[i:j])
        i = j
    n1, n0 = len(positives), len(negatives)
    return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0)


def quantile(values: list[float], q: float) -> float:
    """Linearly interpolated quantile (numpy's default)."""
    v = sorted(values)
    if not v:
        return float("nan")
    pos = (len(v) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def _share(text: str, other: str) -> float:
    """Share of text's words in runs reused from other (article_links.reused_share)."""
    return pair_reuse(reuse.tokenise(text), reuse.tokenise(other))[0]


def counter_pairs(folder: Path) -> list[tuple[str, str, str, str]]:
    """(pair id, label, newspaper text, agency text) for every labelled pair of a COUNTER-style
    folder (module doc)."""
    labels = folder / "labels.tsv"
    if not labels.is_file():
        raise ReuseGoldError(f"{folder}: no labels.tsv (expected labels.tsv and pairs/<id>/<id>_src.txt, <id>_der.txt)")
    out = []
    with labels.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.reader(f, delimiter="\t"), start=1):
            if not row or row[0] == "pair":
                continue
            if len(row) < 2 or row[1] not in ("WD", "PD", "ND"):
                raise ReuseGoldError(f"{labels}: line {line}: expected a pair id and a label WD, PD or ND")
            pair, label = row[0], row[1]
            try:
                src = _read(folder / "pairs" / pair / f"{pair}_src.txt")
                der = _read(folder / "pairs" / pair / f"{pair}_der.txt")
            except (OSError, UnicodeDecodeError) as exc:
                raise ReuseGoldError(f"{labels}: line {line}: pair {pair}: {exc}") from None
            out.append((pair, label, der, src))
    if not out:
        raise ReuseGoldError(f"{labels}: no labelled pairs")
    return out


def counter_scores(folder: Path) -> list[tuple[str, str, float]]:
    """(pair id, label, newspaper's share) for every labelled pair of a COUNTER-style folder."""
    return [(pair, label, _share(der, src)) for pair, label, der, src in counter_pairs(folder)]


def basil_texts(folder: Path) -> dict[str, dict[str, str]]:
    """Story -> outlet -> text of a BASIL-style folder (``text/<story>_<outlet>.txt``)."""
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted((folder / "text").glob("*.txt")):
        story, sep, outlet = path.stem.partition("_")
        if sep:
            try:
                texts[story][outlet] = _read(path)
            except (OSError, UnicodeDecodeError) as exc:
                raise ReuseGoldError(f"{path}: {exc}") from None
    if not texts:
        raise ReuseGoldError(f"{folder}: no text/<story>_<outlet>.txt files")
    return dict(texts)


def basil_shares(folder: Path) -> dict[str, list[float]]:
    """Story -> the directional shares of every pair of its outlets (BASIL-style folder)."""
    out = {}
    for story, by_outlet in sorted(basil_texts(folder).items()):
        shares = []
        for x, y in combinations(sorted(by_outlet), 2):
            ta, tb = reuse.tokenise(by_outlet[x]), reuse.tokenise(by_outlet[y])
            share_x, share_y, _ = pair_reuse(ta, tb)
            shares += [share_x, share_y]
        out[story] = shares
    return out


def evaluate_reuse(counter: Path | None = None, basil: Path | None = None) -> dict:
    """Scores for the folders given (module doc); a folder that is absent is reported as skipped."""
    result: dict = {"skipped": []}
    if counter is not None:
        if not Path(counter).exists():
            result["skipped"].append(f"counter: {counter} is absent")
        else:
            scores = counter_scores(Path(counter))
            by = defaultdict(list)
            for _, label, share in scores:
                by[label].append(share)
            result["counter"] = {
                "pairs": len(scores), "WD": len(by["WD"]), "PD": len(by["PD"]), "ND": len(by["ND"]),
                "auc_derived": roc_auc(by["WD"] + by["PD"], by["ND"]),
                "auc_wholly_derived": roc_auc(by["WD"], by["PD"] + by["ND"]),
            }
    if basil is not None:
        if not Path(basil).exists():
            result["skipped"].append(f"basil: {basil} is absent")
        else:
            stories = basil_shares(Path(basil))
            values = [v for shares in stories.values() for v in shares]
            result["basil"] = {"stories": len(stories), "shares": len(values),
                               "p90": quantile(values, 0.9), "max": max(values) if values else float("nan")}
    return result
