"""The reuse_runs table: the verbatim and near-verbatim runs behind article_links' shares."""

from __future__ import annotations

import polars as pl
import pandera.polars as pa

from newsprov.schemas.base import ARTICLE_ID, ForeignKey, Span, TableModel, anchored

RUN_KINDS = ("verbatim", "near_verbatim")


class ReuseRuns(TableModel):
    """Reuse runs
    Each run of words one article shares with another, with its span in both sources: verbatim
    (equal words) or near-verbatim (verbatim pieces joined across edits of up to three words).
    These are the runs article_links' shares count.
    """

    _group = "comparison"
    _primary_key = ("article_id", "other_article_id", "start")
    _foreign_keys = (
        ForeignKey(("article_id",), "articles", ("article_id",)),
        ForeignKey(("other_article_id",), "articles", ("article_id",)),
        ForeignKey(("article_id", "other_article_id"), "article_links", ("article_id", "other_article_id")),
    )
    _spans = (
        Span(start="start", end="end", text="text"),
        Span(start="other_start", end="other_end", text="other_text", article="other_article_id"),
    )

    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="One article of the pair (the smaller id, as in article_links).")
    other_article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The other article.")
    start: int = pa.Field(ge=0, description="Where the run starts in article_id's source (its first aligned word).")
    end: int = pa.Field(ge=1, description="Where it ends (after its last aligned word).")
    text: str = pa.Field(str_length={"min_value": 1}, description="The run in article_id, equal to source[start:end].")
    other_start: int = pa.Field(ge=0, description="Where the run starts in other_article_id's source.")
    other_end: int = pa.Field(ge=1, description="Where it ends there.")
    other_text: str = pa.Field(str_length={"min_value": 1}, description="The run in other_article_id, equal to its source[other_start:other_end].")
    n_words: int = pa.Field(ge=2, description="Words aligned as equal in the run (a character of a script written without spaces, such as Chinese, counts as one).")
    kind: str = pa.Field(isin=list(RUN_KINDS), description="verbatim (one unbroken run of equal words) or near_verbatim (verbatim pieces joined across small edits).")
    in_order: bool = pa.Field(description="On the main chain of runs that follow the same order in both texts; false for a block an editor moved.")
    method: str = pa.Field(isin=["greedy_string_tiling"], description="How the run was found (greedy string tiling over normalised words).")

    class Config:
        name = "reuse_runs"

    @pa.dataframe_check(error="ordered-pair")
    def ordered_pair(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("article_id") < pl.col("other_article_id"))

    @pa.dataframe_check(error="span-ordered")
    def span_ordered(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("start") < pl.col("end")) & (pl.col("other_start") < pl.col("other_end")))
