"""``newsprov eval drift``: the drift engine scored against a gold file (``newsprov-drift-gold/1``).

``evaluate_drift(gold_path, packages) -> dict`` loads each package (``newsprov.load``; none:
the embedded one), pools their tables and recomputes the drifts with the gold file's stories
(a package today is one story; gold files such as BASIL's hold many stories in one folder, so
each story's articles are compared only with each other; an article no story names is a story
of its own). The rows are then scored with ``score.score_drifts``: recall per kind (clear rows,
and with borderline), the share of system rows matching a gold row (a precision proxy: the
gold may miss real drifts), duplicates, and how well rows collapse (Jaccard of the versions on
each side). The format is documented in benchmarks/gold/drift/guideline.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from newsprov.dataset.compare.drift.engine import drifts
from newsprov.dataset.compare.drift.inputs import Inputs
from newsprov.dataset.compare.drift.score import GoldError, score_drifts

__all__ = ["GoldError", "read_gold", "pooled", "evaluate_drift"]

_TABLES = ("articles", "sentences", "sentence_links", "quotes", "quote_groups", "unquoted", "figures", "figure_groups",
           "paragraphs")


def read_gold(path: Path) -> dict:
    """The gold file, parsed; GoldError when it cannot be read or is not a gold drift file."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GoldError(f"{path}: cannot read a JSON gold file ({exc})") from exc
    if not isinstance(gold, dict) or gold.get("format") != "newsprov-drift-gold/1":
        raise GoldError(f"{path}: not a gold drift file (format must be 'newsprov-drift-gold/1')")
    for key in ("kinds", "stories", "drifts"):
        if key not in gold:
            raise GoldError(f"{path}: gold file has no {key!r}")
    return gold


def pooled(packages: list[Path | None]) -> Inputs:
    from newsprov.dataset.versions.load import load

    loaded = [load(p) for p in packages]
    texts: dict[str, str] = {}
    for ds in loaded:
        for aid in ds.articles["article_id"]:
            texts[aid] = ds.text(aid)

    def table(name: str) -> pl.DataFrame:
        parts = [ds.tables[name] for ds in loaded if name in ds.tables]
        return pl.concat(parts, how="diagonal_relaxed") if len(parts) > 1 else parts[0]

    frames = {name: table(name) for name in _TABLES}
    links = [ds.tables["article_links"] for ds in loaded if "article_links" in ds.tables]
    frames["article_links"] = pl.concat(links, how="diagonal_relaxed") if links else None
    return Inputs(texts=texts, **frames)


def evaluate_drift(gold_path: Path, packages: list[Path] | None = None) -> dict:
    """Scores (``score.score_drifts``) of the drifts recomputed per gold story (module doc)."""
    gold = read_gold(gold_path)
    inputs = pooled(list(packages) if packages else [None])
    story_of = {aid: label for label, ids in gold["stories"].items() for aid in ids}
    missing = sorted(a for a in story_of if a not in inputs.texts)
    if missing:
        raise GoldError(f"{gold_path}: {len(missing)} gold article(s) are in no package given, e.g. {missing[0]}")
    for aid in inputs.texts:
        story_of.setdefault(aid, "extra:" + aid)
    found, spans = drifts(inputs, story_of)
    report = score_drifts(gold, found, spans, inputs.texts)
    report["system_rows"] = found.height
    report["stories"] = len(gold["stories"])
    return report
