"""The drift_spans table: where each drift lies in every version on each of its sides."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from newsprov.schemas.base import ARTICLE_ID, ForeignKey, Span, TableModel, all_or_none, anchored, ordered

SIDES = ("a", "b")


class DriftSpans(TableModel):
    """Drift spans
    For each drift, one row per span in each version on each side (side a, side b), with its
    offsets into the source; a version that lacks the material (an omission's side b, a
    credit or a loaded word's counterpart that is absent) has one row with a null span.
    """

    _group = "comparison"
    _primary_key = ("span_id",)
    _foreign_keys = (
        ForeignKey(("drift_id",), "drifts", ("drift_id",)),
        ForeignKey(("article_id",), "articles", ("article_id",)),
    )
    _spans = (Span(start="start", end="end", text="text"),)

    span_id: str = pa.Field(unique=True, str_matches=anchored(r"d\d{6,}[ab]\d+"), description="'<drift_id><side><index>', the index counting the side's spans from 1.")
    drift_id: str = pa.Field(str_matches=anchored(r"d\d{6,}"), description="The drift.")
    side: str = pa.Field(isin=list(SIDES), description="a or b: the side of the drift this version is on.")
    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The version.")
    start: int = pa.Field(nullable=True, ge=0, description="Span start; null when the version lacks the material.")
    end: int = pa.Field(nullable=True, ge=1, description="Span end; null with start.")
    text: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="source[start:end]; null with start.")

    class Config:
        name = "drift_spans"

    @pa.dataframe_check(error="span-set-together")
    def span_set_together(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(all_or_none("start", "end", "text") & ordered("start", "end"))

    @pa.dataframe_check(error="span-id-names-drift-and-side")
    def span_id_names_drift_and_side(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("span_id").str.starts_with(pl.col("drift_id") + pl.col("side")))
