"""Rules across drifts and drift_spans: each drift row is true of the spans that place it.

* ``n_a`` / ``n_b`` equal the distinct versions (articles) drift_spans puts on each side;
* a version is on one side of a drift, except in ``name_spelling`` rows (a version printing
  both spellings is on both);
* a null span says the version lacks the material: it is the version's only row on that side,
  and it occurs only where the rules say a version can lack something: side b of an
  ``omission`` (whose side a always has spans), either side of a ``caption_credit`` (versions
  without a credit), the counterpart side of a ``framing`` row (side a is the loaded word and
  always has a span) or of a ``modality`` hedge;
* every drift has at least one span with text.

(Foreign keys, kinds, sides and the offsets of every span against its source are checked as
for every table, from the models in schemas/drifts.py and schemas/drift_spans.py.)
"""

from __future__ import annotations

import polars as pl

from newsprov.schemas.base import Failure, Rule

__all__ = ["DRIFT_RULES", "NULL_SIDES"]

# Kinds whose rows may name a version that lacks the material, and on which sides.
NULL_SIDES = {"omission": ("b",), "caption_credit": ("a", "b"), "framing": ("b",), "modality": ("a", "b")}

_READS = {"drifts": ("drift_id", "kind", "n_a", "n_b"), "drift_spans": ("drift_id", "side", "article_id", "start")}


def _pair(tables: dict) -> tuple[pl.DataFrame, pl.DataFrame] | None:
    drifts, spans = tables.get("drifts"), tables.get("drift_spans")
    return None if drifts is None or spans is None else (drifts, spans)


def side_counts(tables: dict, texts=None) -> list[Failure]:
    """n_a / n_b equal the distinct versions drift_spans puts on each side."""
    if (pair := _pair(tables)) is None:
        return []
    drifts, spans = pair
    per_side = spans.group_by("drift_id", "side").agg(n=pl.col("article_id").n_unique())
    counts = drifts.with_row_index().join(
        per_side.pivot(on="side", index="drift_id", values="n") if per_side.height else pl.DataFrame(schema={"drift_id": pl.String}),
        on="drift_id", how="left")
    failures = []
    for side in ("a", "b"):
        column = f"n_{side}"
        actual = pl.col(side).fill_null(0) if side in counts.columns else pl.lit(0)
        wrong = counts.with_columns(_actual=actual).filter(pl.col(column) != pl.col("_actual"))
        failures += [Failure("drifts", i, column, n, f"but drift_spans puts {a} version(s) on side {side} of {d}")
                     for i, n, a, d in wrong.select("index", column, "_actual", "drift_id").iter_rows()]
    return failures


def _rows(drifts: pl.DataFrame, spans: pl.DataFrame) -> pl.DataFrame:
    return spans.with_row_index().join(drifts.select("drift_id", "kind"), on="drift_id", how="left")


def one_side(tables: dict, texts=None) -> list[Failure]:
    """A version is on one side of a drift, except in name_spelling rows."""
    if (pair := _pair(tables)) is None:
        return []
    rows = _rows(*pair)
    both = rows.filter((pl.col("side").n_unique().over("drift_id", "article_id") > 1) & (pl.col("kind") != "name_spelling"))
    return [Failure("drift_spans", i, "article_id", a, f"is on both sides of {d}, a {k} row")
            for i, a, d, k in both.select("index", "article_id", "drift_id", "kind").iter_rows()]


def lacking_versions(tables: dict, texts=None) -> list[Failure]:
    """A null span (the version lacks the material) only where its kind allows, and alone."""
    if (pair := _pair(tables)) is None:
        return []
    rows = _rows(*pair)
    null = pl.col("start").is_null()
    allowed = pl.lit(False)
    for kind, sides in NULL_SIDES.items():
        allowed = allowed | ((pl.col("kind") == kind) & pl.col("side").is_in(list(sides)))
    bad = rows.filter(null & ~allowed)
    failures = [Failure("drift_spans", i, "start", None, f"is null (the version lacks the material), which a {k} row cannot say on side {s}")
                for i, k, s in bad.select("index", "kind", "side").iter_rows()]
    crowded = rows.filter(null & (pl.len().over("drift_id", "side", "article_id") > 1))
    failures += [Failure("drift_spans", i, "start", None, f"is null, yet {a} has other spans on side {s} of {d}")
                 for i, a, s, d in crowded.select("index", "article_id", "side", "drift_id").iter_rows()]
    return failures


def has_text(tables: dict, texts=None) -> list[Failure]:
    """Every drift has at least one span with text."""
    if (pair := _pair(tables)) is None:
        return []
    drifts, spans = pair
    spanned = spans.filter(pl.col("start").is_not_null()).select("drift_id").unique()
    empty = drifts.with_row_index().join(spanned, on="drift_id", how="anti")
    return [Failure("drifts", i, "drift_id", d, "has no span with text in drift_spans") for i, d in empty.select("index", "drift_id").iter_rows()]


DRIFT_RULES = (
    Rule("drift-side-counts", _READS, side_counts),
    Rule("drift-one-side", {"drifts": ("drift_id", "kind"), "drift_spans": ("drift_id", "side", "article_id")}, one_side),
    Rule("drift-lacking-version", {"drifts": ("drift_id", "kind"), "drift_spans": ("drift_id", "side", "article_id", "start")}, lacking_versions),
    Rule("drift-has-text", {"drifts": ("drift_id",), "drift_spans": ("drift_id", "start")}, has_text),
)
