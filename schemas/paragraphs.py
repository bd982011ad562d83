"""The paragraphs table: block boundaries of each article."""

from __future__ import annotations

import polars as pl
import pandera.polars as pa

from newsprov.schemas.base import ARTICLE_ID, ForeignKey, Span, TableModel, anchored

PARAGRAPH_KINDS = ("dateline", "headline", "heading", "caption", "credit", "body")


class Paragraphs(TableModel):
    """Paragraphs
    One row per paragraph (a block of text between blank lines, or a line where the
    file has no blank lines), with its offsets and what kind of block it is.
    """

    _group = "source"
    _primary_key = ("paragraph_id",)
    _foreign_keys = (ForeignKey(("article_id",), "articles", ("article_id",)),)
    _spans = (Span(start="start", end="end", text="text"),)

    paragraph_id: str = pa.Field(unique=True, str_matches=anchored(ARTICLE_ID + r":p\d{3,}"), description="'<article_id>:p<index>'.")
    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The article this paragraph belongs to.")
    paragraph_index: int = pa.Field(ge=0, description="Position of the paragraph in its article, from 0.")
    start: int = pa.Field(ge=0, description="Character offset where the paragraph starts.")
    end: int = pa.Field(ge=1, description="Character offset where it ends (exclusive); trailing whitespace excluded.")
    kind: str = pa.Field(isin=list(PARAGRAPH_KINDS), description="dateline (a `date` header), headline, heading (short line without final punctuation), caption (photo caption with credit), credit (agency credit line), or body.")
    text: str = pa.Field(str_length={"min_value": 1}, description="The paragraph's text, equal to source[start:end].")

    class Config:
        name = "paragraphs"

    @pa.dataframe_check(error="end-after-start")
    def end_after_start(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("end") > pl.col("start"))

    @pa.dataframe_check(error="id-matches-article")
    def id_matches_article(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("paragraph_id").str.starts_with(pl.col("article_id") + ":p"))
