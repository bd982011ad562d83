"""The sentences table: sentence boundaries, the unit later tables align across outlets."""

from __future__ import annotations

import polars as pl
import pandera.polars as pa

from newsprov.schemas.base import ARTICLE_ID, ForeignKey, Span, TableModel, anchored


class Sentences(TableModel):
    """Sentences
    One row per sentence of every paragraph, found by rule (terminal punctuation,
    closing quotes, abbreviations and initials kept inside the sentence).
    """

    _group = "source"
    _primary_key = ("sentence_id",)
    _foreign_keys = (
        ForeignKey(("article_id",), "articles", ("article_id",)),
        ForeignKey(("paragraph_id",), "paragraphs", ("paragraph_id",)),
    )
    _spans = (Span(start="start", end="end", text="text"),)

    sentence_id: str = pa.Field(unique=True, str_matches=anchored(ARTICLE_ID + r":s\d{4,}"), description="'<article_id>:s<index>'.")
    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The article this sentence belongs to.")
    paragraph_id: str = pa.Field(str_matches=anchored(ARTICLE_ID + r":p\d{3,}"), description="The paragraph that contains it.")
    sentence_index: int = pa.Field(ge=0, description="Position of the sentence in its article, from 0.")
    start: int = pa.Field(ge=0, description="Character offset where the sentence starts.")
    end: int = pa.Field(ge=1, description="Character offset where it ends (exclusive).")
    text: str = pa.Field(str_length={"min_value": 1}, description="The sentence's text, equal to source[start:end].")

    class Config:
        name = "sentences"

    @pa.dataframe_check(error="end-after-start")
    def end_after_start(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("end") > pl.col("start"))

    @pa.dataframe_check(error="sentence-in-its-paragraph")
    def in_its_paragraph(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("paragraph_id").str.starts_with(pl.col("article_id") + ":p")
            & pl.col("sentence_id").str.starts_with(pl.col("article_id") + ":s")
        )
