"""Stories against labelled corpora: the adjusted Rand index, and how many labelled pairs stay together.

``evaluate_stories(gold, predicted)`` scores a grouping (article id -> story id) against gold
labels (article id -> story label) over the labelled articles:

* ``ari``: the adjusted Rand index (Hubert & Arabie), from the contingency table (own
  implementation, ``adjusted_rand_index``);
* ``pairs_together``: the share of gold same-story article pairs the grouping puts in one
  story (recall of pairs), and ``pairs_apart`` the share of gold different-story pairs it
  keeps apart;
* ``derived_together`` (when the gold gives pair kinds, as COUNTER's WD/PD/ND labels): the share
  of derived pairs (WD, PD) whose two texts share a story; per kind too.

Gold labels come from a TSV (``read_labels``: ``article_id<TAB>story``, one article per line,
'#' comments, an optional header line ``article_id<TAB>story``; article ids as newsprov gives them, the file stem lower-cased) or from a corpus
layout: BASIL (``text/<story>_<outlet>.txt``: the story is the file prefix) or COUNTER
(``labels.tsv`` + ``pairs/<pair>/<pair>_src.txt`` and ``_der.txt``: each pair one story).
The grouping comes from a built package (articles.story_id) or from grouping a folder's texts
as the build does (``group_folder``).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from math import comb
from pathlib import Path

__all__ = ["StoriesGoldError", "adjusted_rand_index", "evaluate_stories", "read_labels", "basil_labels",
           "counter_labels", "group_folder", "package_stories"]


class StoriesGoldError(Exception):
    """Gold labels that cannot be read, or that name no article of the grouping."""


def adjusted_rand_index(truth: list, pred: list) -> float:
    """ARI of two labellings of the same items (1.0 identical partitions; about 0 chance; may be negative)."""
    if len(truth) != len(pred):
        raise ValueError("two labellings of different lengths")
    cells = Counter(zip(truth, pred))
    index = sum(comb(c, 2) for c in cells.values())
    sa = sum(comb(c, 2) for c in Counter(truth).values())
    sb = sum(comb(c, 2) for c in Counter(pred).values())
    total = comb(len(truth), 2)
    expected = sa * sb / total if total else 0.0
    maximum = (sa + sb) / 2
    if maximum == expected:  # both partitions trivial (all singletons, or one group) and equal
        return 1.0
    return (index - expected) / (maximum - expected)


def _pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for a in sorted(labels):
        groups[labels[a]].append(a)
    return {(x, y) for members in groups.values() for i, x in enumerate(members) for y in members[i + 1:]}


def evaluate_stories(gold: dict[str, str], predicted: dict[str, str], kinds: dict[str, str] | None = None) -> dict:
    """Scores of `predicted` against `gold` over the articles both name (module doc). `kinds`:
    gold story -> pair kind (WD, PD, ND) for the derived-pair shares."""
    ids = sorted(set(gold) & set(predicted))
    if not ids:
        raise StoriesGoldError("the gold labels name no article of the grouping")
    truth = [gold[a] for a in ids]
    pred = [predicted[a] for a in ids]
    together = _pairs({a: gold[a] for a in ids})
    n_pairs = comb(len(ids), 2)
    pred_pairs = _pairs({a: predicted[a] for a in ids})
    out = {
        "articles": len(ids), "unlabelled": len(set(predicted) - set(gold)), "missing": len(set(gold) - set(predicted)),
        "gold_stories": len(set(truth)), "stories": len(set(pred)),
        "largest_story": max(Counter(pred).values()),
        "ari": adjusted_rand_index(truth, pred),
        "pairs_together": len(together & pred_pairs) / len(together) if together else None,
        "pairs_apart": (n_pairs - len(together | pred_pairs)) / (n_pairs - len(together)) if n_pairs > len(together) else None,
    }
    if kinds:
        by_kind: dict[str, list[bool]] = defaultdict(list)
        members: dict[str, list[str]] = defaultdict(list)
        for a in ids:
            members[gold[a]].append(a)
        for story, arts in sorted(members.items()):
            if story in kinds and len(arts) == 2:
                by_kind[kinds[story]].append(predicted[arts[0]] == predicted[arts[1]])
        out["together_by_kind"] = {k: sum(v) / len(v) for k, v in sorted(by_kind.items())}
        derived = by_kind.get("WD", []) + by_kind.get("PD", [])
        out["derived_pairs"] = len(derived)
        out["derived_together"] = sum(derived) / len(derived) if derived else None
    return out


def read_labels(path: Path) -> dict[str, str]:
    """article_id -> story label from a TSV of `article_id<TAB>story` lines ('#' comments)."""
    from newsprov.dataset.build import BuildError, article_id

    out: dict[str, str] = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StoriesGoldError(f"{path}: labels file not found") from None
    except UnicodeDecodeError:
        raise StoriesGoldError(f"{path}: not UTF-8") from None
    for n, row in enumerate(csv.reader(text.splitlines(), delimiter="\t"), 1):
        if not row or row[0].startswith("#") or (n == 1 and [c.strip() for c in row[:2]] == ["article_id", "story"]):
            continue  # (a comment, or the header line)
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise StoriesGoldError(f"{path}: line {n}: expected article_id<TAB>story")
        try:
            aid = article_id(Path(row[0].strip()))
        except BuildError as exc:
            raise StoriesGoldError(f"{path}: line {n}: {exc}") from None
        if aid in out and out[aid] != row[1].strip():
            raise StoriesGoldError(f"{path}: line {n}: {aid} is labelled twice")
        out[aid] = row[1].strip()
    if not out:
        raise StoriesGoldError(f"{path}: no labelled article")
    return out


def basil_labels(folder: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """(article id -> file, article id -> story) of a BASIL layout: text/<story>_<outlet>.txt."""
    from newsprov.dataset.build import article_id

    files = sorted((folder / "text").glob("*.txt"))
    if not files:
        raise StoriesGoldError(f"{folder}: no text/*.txt (a BASIL layout)")
    return {article_id(f): f for f in files}, {article_id(f): f.stem.split("_")[0] for f in files}


def counter_labels(folder: Path) -> tuple[dict[str, Path], dict[str, str], dict[str, str]]:
    """(article id -> file, article id -> pair, pair -> kind) of a COUNTER layout."""
    from newsprov.dataset.build import article_id

    labels = folder / "labels.tsv"
    if not labels.is_file():
        raise StoriesGoldError(f"{folder}: no labels.tsv (a COUNTER layout)")
    files, gold, kinds = {}, {}, {}
    with open(labels, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) < 2 or row[0].startswith("#"):
                continue
            pair, kind = row[0], row[1]
            for f in sorted((folder / "pairs" / pair).glob("*.txt")):
                files[article_id(f)] = f
                gold[article_id(f)] = pair
            kinds[pair] = kind
    if not files:
        raise StoriesGoldError(f"{labels}: no pair has texts under pairs/")
    return files, gold, kinds


def group_folder(files: dict[str, Path]) -> dict[str, str]:
    """article id -> story id, grouped as the build groups them (texts and the dates they state)."""
    from newsprov.core.text import decode_source
    from newsprov.dataset import metadata
    from newsprov.dataset.compare.stories import group

    texts, dates = {}, {}
    for aid, path in sorted(files.items()):
        texts[aid] = decode_source(path.read_bytes(), str(path))
        dates[aid] = metadata.derive(aid, path.name, texts[aid]).dateline_date
    return group(texts, dates).story_id


def package_stories(descriptor: Path) -> dict[str, str]:
    """article id -> story id of a built package (its articles table)."""
    from newsprov.dataset.versions.load import load

    articles = load(descriptor).tables["articles"]
    if "story_id" not in articles.columns:
        raise StoriesGoldError(f"{descriptor}: the package has no stories (built before newsprov had them)")
    return dict(articles.select("article_id", "story_id").iter_rows())
