"""A figure's value, bounds, kind and unit are what the figure grammar reads at its span.

The Rule `figure-reading` of the figures model: tampering with the value of a rule row
(method other than `curated`) while leaving the text alone is caught here, because the
grammar (newsprov.lang.figures) is run again over the article and its reading of the same
span must equal the row. Corrections belong in the overrides file, whose rows say `curated`.
"""

from __future__ import annotations

import re
from dataclasses import asdict

import polars as pl

from newsprov.lang.figures import MEASURE_UNITS, extract_figures
from newsprov.schemas.base import Failure, Rule

READ = ("value", "value_low", "value_high", "value_kind", "unit")
# A unit of measure written out at the end of an expression ("five minutes", "10 miles").
UNIT_AFTER = re.compile(r"[ \u00a0]+[A-Za-z]+$")
# CSV round trips floats exactly in practice; the tolerance only absorbs formatting.
RELATIVE_TOLERANCE = 1e-9


# The readings' columns and types (the figures model's); check casts them to the table's own.
READING_SCHEMA = {"article_id": pl.String, "start": pl.Int64, "end": pl.Int64, "value": pl.Float64,
                  "value_low": pl.Float64, "value_high": pl.Float64, "value_kind": pl.String, "unit": pl.String}


def read_figures(texts: pl.DataFrame) -> pl.DataFrame:
    """What the figure grammar reads in each text (article_id, source_text, and language: the
    grammar depends on it; absent, English): article_id, start, end
    and the READ columns, one row per reading. Pure, per article: the validator may run it in
    shards on a cluster (Rule.derive)."""
    derived = []
    languages = texts["language"] if "language" in texts.columns else [None] * texts.height
    for (article_id, text), language in zip(texts.select("article_id", "source_text").iter_rows(), languages):
        for f in extract_figures(text, language):
            reading = {k: v for k, v in asdict(f).items() if k in ("start", "end", *READ)}
            derived.append({"article_id": article_id, **reading})
            unit_word = UNIT_AFTER.search(f.text)
            if unit_word is not None and f.unit in MEASURE_UNITS:
                # the same reading without the unit of measure in the span ("five" of "five
                # minutes"): packages built before the unit joined the expression
                derived.append({"article_id": article_id, **reading, "end": f.start + unit_word.start()})
    return pl.DataFrame(derived, schema=READING_SCHEMA)


def figure_readings(tables: dict, readings: pl.DataFrame) -> list[Failure]:
    """readings: read_figures over the articles' texts. One failure per rule row whose read values differ."""
    figures = tables["figures"]
    rows = figures.with_row_index().filter(pl.col("method") != "curated")
    if rows.is_empty():
        return []
    # (the readings take the figures table's own types)
    expected = readings.select(pl.col(c).cast(figures.schema[c]) for c in ("article_id", "start", "end", *READ))
    joined = rows.join(expected.rename({c: f"_{c}" for c in READ}), on=["article_id", "start", "end"], how="left").sort("index")
    failures = []
    for index, start, end in joined.filter(pl.col("_value_kind").is_null()).select("index", "start", "end").iter_rows():
        failures.append(Failure("figures", index, "start,end", f"[{start}:{end}]", "no rule reads a figure at this span"))
    found = joined.filter(pl.col("_value_kind").is_not_null())
    for column in READ:
        a, b = pl.col(column), pl.col(f"_{column}")
        if column in ("value_kind", "unit"):
            differs = ~a.eq_missing(b)
        else:
            close = (a - b).abs() <= RELATIVE_TOLERANCE * pl.max_horizontal(a.abs(), b.abs(), pl.lit(1.0))
            differs = ~(close.fill_null(False) | (a.is_null() & b.is_null()))
        for index, got, want in found.filter(differs).select("index", column, f"_{column}").iter_rows():
            failures.append(Failure("figures", index, column, got, f"the rule reads {want!r}"))
    return failures


FIGURE_READING = Rule("figure-reading", {"figures": ("article_id", "start", "end", "method", *READ)}, figure_readings,
                      error="derived-mismatch", texts=True, derive=read_figures)
