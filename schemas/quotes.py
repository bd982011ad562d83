"""The quotes table: every direct quotation, who said it and the words that say so."""

from __future__ import annotations

from typing import Optional

import polars as pl
import pandera.polars as pa

from newsprov.schemas.base import ARTICLE_ID, Agrees, Curation, ForeignKey, Span, Within, TableModel, all_or_none, anchored, ordered

QUOTE_KINDS = ("full", "partial")
SPEAKER_KINDS = ("person", "organisation", "group", "role", "unresolved")
# Every rule of newsprov.dataset.extract.quotes names itself with one of these slugs;
# `curated` marks a row set or added by dataset/overrides.toml.
QUOTE_METHODS = (
    "quote-marks/according-to",
    "quote-marks/colon-intro",
    "quote-marks/continued-paragraph",
    "quote-marks/credit-line",
    "quote-marks/cue-speaker-after",
    "quote-marks/label",  # marked words naming a thing, spoken by nobody ('the so-called “X”', 'a group called “X”')
    "quote-marks/no-speaker",
    "quote-marks/other-language",  # found by its marks in a text whose language the speaker rules do not read
    "quote-marks/passive-agent",  # the agent of a passive naming verb (called “X” by Y)
    "quote-marks/poll",
    "quote-marks/possessive",
    "quote-marks/previous-paragraph",
    "quote-marks/previous-sentence",
    "quote-marks/pronoun-resolved",
    "quote-marks/relative",
    "quote-marks/reported-speech",
    "quote-marks/same-paragraph",
    "quote-marks/sentence-subject",
    "quote-marks/speaker-after",
    "quote-marks/speaker-after-clause",
    "quote-marks/speaker-before",
    "quote-marks/speaker-label",
    "quote-marks/speaker-verb-after",
    "quote-marks/verb-speaker-after",
    "curated",
)
QUOTE_ID = ARTICLE_ID + r":q\d{4,}"


class Quotes(TableModel):
    """Quotes
    One row per direct quotation: the words between the quotation marks (marks excluded),
    whether it is a sentence of its own or a fragment of the reporter's sentence, who said
    it (canonical across outlets, via the entities table), the words that point to the
    speaker and the attribution verb, each with offsets into the source.
    """

    _group = "extracted"
    _primary_key = ("quote_id",)
    # what a reviewed override may give a quote (dataset/overrides.toml)
    _curation = Curation(
        fields=frozenset({"kind", "speaker", "speaker_start", "speaker_end", "cue_start", "cue_end"}),
        clearable={"speaker": ("speaker", "speaker_mention", "speaker_start", "speaker_end"), "cue": ("cue", "cue_start", "cue_end")},
        add_required=frozenset({"kind"}),
        span_texts={("speaker_start", "speaker_end"): "speaker_mention", ("cue_start", "cue_end"): "cue"},
    )
    _foreign_keys = (
        ForeignKey(("article_id",), "articles", ("article_id",)),
        ForeignKey(("sentence_id",), "sentences", ("sentence_id",)),
        ForeignKey(("speaker",), "entities", ("alias",)),
    )
    _within = (Within("sentence_id", "sentences", end=None),)
    # A speaker is an entity's canonical name, never one of its other spellings.
    _agrees = (Agrees("speaker", "entities", "alias", column="speaker", other="canonical"),
               Agrees("speaker", "entities", "alias", column="speaker_kind", other="kind"))
    _spans = (
        Span(start="start", end="end", text="text"),
        Span(start="speaker_start", end="speaker_end", text="speaker_mention"),
        Span(start="cue_start", end="cue_end", text="cue"),
    )

    quote_id: str = pa.Field(unique=True, str_matches=anchored(QUOTE_ID), description="'<article_id>:q<index>', in order of position.")
    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The article quoting.")
    sentence_id: str = pa.Field(nullable=True, description="The sentence where the quote starts; null when it starts outside prose sentences.")
    start: int = pa.Field(ge=0, description="Offset of the first quoted character (after the opening mark).")
    end: int = pa.Field(ge=1, description="Offset after the last quoted character (before the closing mark).")
    text: str = pa.Field(str_length={"min_value": 1}, description="The quoted words, equal to source[start:end].")
    kind: str = pa.Field(isin=list(QUOTE_KINDS), description="full: a clause or sentence of its own; partial: a fragment inside the reporter's sentence.")
    speaker: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="Canonical name of the person or group quoted (entities.canonical); null when the text names nobody.")
    # (Optional: packages built before the column existed lack it and still validate.)
    speaker_kind: Optional[str] = pa.Field(nullable=True, isin=list(SPEAKER_KINDS), description="person, organisation, group or role: the kind of the speaker's entity (entities.kind); unresolved: the words pointing to the speaker name no one the rules can tell (a pronoun with no antecedent, a document such as 'the report'); null when no words point to a speaker. Absent from packages built before newsprov had it.")
    speaker_mention: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="The words that name or point to the speaker for this quote ('he', 'the official', 'Mr Nasrallah').")
    speaker_start: int = pa.Field(nullable=True, ge=0, description="Offset where speaker_mention starts.")
    speaker_end: int = pa.Field(nullable=True, ge=1, description="Offset where speaker_mention ends.")
    cue: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="The attribution verb or phrase (said, told, according to, …).")
    cue_start: int = pa.Field(nullable=True, ge=0, description="Offset where the cue starts.")
    cue_end: int = pa.Field(nullable=True, ge=1, description="Offset where the cue ends.")
    method: str = pa.Field(isin=list(QUOTE_METHODS), description="The rule that produced the row, or `curated` (set by dataset/overrides.toml).")

    class Config:
        name = "quotes"

    @pa.dataframe_check(error="end-after-start")
    def end_after_start(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("end") > pl.col("start"))

    @pa.dataframe_check(error="speaker-span-complete")
    def speaker_span_complete(cls, data) -> pl.LazyFrame:
        """speaker_mention, speaker_start, speaker_end all null or all set (start < end); a speaker needs a mention."""
        mention = all_or_none("speaker_mention", "speaker_start", "speaker_end") & ordered("speaker_start", "speaker_end")
        return data.lazyframe.select(mention & (pl.col("speaker").is_null() | pl.col("speaker_mention").is_not_null()))

    @pa.dataframe_check(error="speaker-kind-complete")
    def speaker_kind_complete(cls, data) -> pl.LazyFrame:
        """A kind exactly where words point to a speaker; 'unresolved' where they name no entity."""
        if "speaker_kind" not in data.lazyframe.collect_schema().names():
            return data.lazyframe.select(pl.lit(True).alias("speaker_kind"))  # (an older package)
        return data.lazyframe.select(
            (pl.col("speaker_kind").is_null() == pl.col("speaker_mention").is_null())
            & (pl.col("speaker").is_not_null() | pl.col("speaker_kind").is_null() | (pl.col("speaker_kind") == "unresolved"))
        )

    @pa.dataframe_check(error="cue-span-complete")
    def cue_span_complete(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(all_or_none("cue", "cue_start", "cue_end") & ordered("cue_start", "cue_end"))

    @pa.dataframe_check(error="id-matches-article")
    def id_matches_article(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("quote_id").str.starts_with(pl.col("article_id") + ":q")
            & (pl.col("sentence_id").is_null() | pl.col("sentence_id").str.starts_with(pl.col("article_id") + ":s"))
        )
