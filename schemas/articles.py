"""The articles table: one row per source document."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import polars as pl
import pandera.polars as pa

from newsprov.schemas.base import ARTICLE_ID, SHA256_HEX, Count, ForeignKey, SourceFiles, Span, TableModel, anchored

LANGUAGE = r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?"  # language, optional script and region


class Articles(TableModel):
    """Articles
    One row per source document: its checksum, size, counts and what the text itself
    states about its origin (dateline date, wire credits, outlet). Unknown is null.
    """

    _group = "source"
    _primary_key = ("article_id",)
    _spans = (Span(start="headline_start", end="headline_end", text="headline"),)
    # Each article's source file, read (and checksummed) by the validator through this table.
    _sources = SourceFiles(path="source_path", sha256="sha256")
    _counts = (Count("n_paragraphs", "paragraphs"), Count("n_sentences", "sentences"))
    _foreign_keys = (ForeignKey(("story_id",), "stories", ("story_id",)),)

    article_id: str = pa.Field(unique=True, str_matches=anchored(ARTICLE_ID), description="Source id: the file stem, lower-cased.")
    source_path: str = pa.Field(unique=True, str_length={"min_value": 1}, description="Path of the source document, relative to datapackage.json.")
    sha256: str = pa.Field(str_matches=anchored(SHA256_HEX), description="SHA-256 of the source file's bytes, 64 lowercase hex digits.")
    bytes: int = pa.Field(gt=0, description="Size of the source file in bytes.")
    n_chars: int = pa.Field(gt=0, description="Characters of the offset text (UTF-8 decoded, leading BOM removed).")
    n_words: int = pa.Field(ge=0, description="Word tokens in the text.")
    n_paragraphs: int = pa.Field(ge=1, description="Rows of this article in the paragraphs table.")
    n_sentences: int = pa.Field(ge=0, description="Rows of this article in the sentences table.")
    headline: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="The headline where the file has one; null otherwise.")
    headline_start: int = pa.Field(nullable=True, ge=0, description="Character offset where the headline starts.")
    headline_end: int = pa.Field(nullable=True, ge=1, description="Character offset where the headline ends (exclusive).")
    dateline_date: dt.date = pa.Field(nullable=True, description="Date given by a `date YYYY-MM-DD` header in the text; null when none.")
    wire_credits: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="Agency credits shown in the text, as printed, separated by '; ' (e.g. 'AP', 'AFP Photo').")
    outlet: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="The outlet where the text names it (e.g. a masthead line), from the curated metadata.")
    language: str = pa.Field(str_matches=anchored(LANGUAGE), description="Language of the text (BCP 47 tag: language, optional script and region): the curated value in sources.csv when given, else detected by CLD2 (pycld2); 'und' when the detector is not reliable (short or mixed text).")
    story_id: Optional[str] = pa.Field(str_matches=anchored(ARTICLE_ID), description="The story the article belongs to (stories.story_id). Absent from packages built before newsprov had stories.")

    class Config:
        name = "articles"

    @pa.dataframe_check(error="headline-span-complete")
    def headline_span_complete(cls, data) -> pl.LazyFrame:
        """Headline, headline_start and headline_end are all null or all set, start < end <= n_chars."""
        cols = [pl.col("headline"), pl.col("headline_start"), pl.col("headline_end")]
        all_null = pl.all_horizontal([c.is_null() for c in cols])
        all_set = pl.all_horizontal([c.is_not_null() for c in cols])
        ordered = (pl.col("headline_start") < pl.col("headline_end")) & (pl.col("headline_end") <= pl.col("n_chars"))
        return data.lazyframe.select(all_null | (all_set & ordered.fill_null(False)))
