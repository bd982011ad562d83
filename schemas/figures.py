"""The figures table: every numeric claim, parsed into a value a program can compare."""

from __future__ import annotations

import polars as pl
import pandera.polars as pa

from newsprov.lang.figures import PERCENT_UNITS
from newsprov.schemas.base import ARTICLE_ID, Agrees, Curation, ForeignKey, Span, TableModel, Within, anchored
from newsprov.schemas.figure_reading import FIGURE_READING
from newsprov.schemas.quotes import QUOTE_ID

VALUE_KINDS = ("exact", "approximate", "lower_bound", "upper_bound", "range", "vague_magnitude")
# The rules of newsprov.lang.figures, by the kind of expression they read.
FIGURE_METHODS = (
    "age-apposition", "age-hyphen", "article-unit", "currency", "digits", "fraction-words",
    "hyphen-unit", "measure", "number-words", "percent", "range", "vague-magnitude", "curated",
)
FIGURE_FLAGS = ("percent-over-100",)


class Figures(TableModel):
    """Figures
    One row per number an article reports: the whole expression (qualifier, number and an
    adjacent unit word), its value and bounds, what kind of value it is, the unit and the
    noun phrase counted, and who states it when it sits in a quote or an attributed statement.
    """

    _group = "extracted"
    _primary_key = ("figure_id",)
    # what a reviewed override may give a figure (dataset/overrides.toml)
    _curation = Curation(
        fields=frozenset({"value", "value_low", "value_high", "value_kind", "unit", "subject", "attributed_to", "flag"}),
        clearable={name: (name,) for name in ("value_low", "value_high", "unit", "subject", "attributed_to", "flag")},
        add_required=frozenset({"value", "value_kind"}),
    )
    _foreign_keys = (
        ForeignKey(("article_id",), "articles", ("article_id",)),
        ForeignKey(("sentence_id",), "sentences", ("sentence_id",)),
        ForeignKey(("quote_id",), "quotes", ("quote_id",)),
    )
    _within = (Within("sentence_id", "sentences"), Within("quote_id", "quotes"))
    # A figure inside a quote is attributed to the quote's speaker.
    _agrees = (Agrees("quote_id", "quotes", "quote_id", column="attributed_to", other="speaker"),)
    _spans = (Span(start="start", end="end", text="text"),)
    # value, bounds, kind and unit are what the figure grammar reads at the span (method curated aside).
    _rules = (FIGURE_READING,)

    figure_id: str = pa.Field(unique=True, str_matches=anchored(ARTICLE_ID + r":f\d{4,}"), description="'<article_id>:f<index>', in order of position.")
    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The article reporting the figure.")
    sentence_id: str = pa.Field(nullable=True, description="The sentence containing the figure; null outside prose sentences.")
    start: int = pa.Field(ge=0, description="Offset where the expression starts.")
    end: int = pa.Field(ge=1, description="Offset where it ends (exclusive).")
    text: str = pa.Field(str_length={"min_value": 1}, description="The expression as printed ('more than 320', '90%', 'tens of thousands'), equal to source[start:end].")
    value: float = pa.Field(description="The value: the number itself, the bound for bounds, the midpoint of a range, the order of magnitude for vague magnitudes.")
    value_low: float = pa.Field(nullable=True, description="Lowest value the expression admits, where a range or bound implies one.")
    value_high: float = pa.Field(nullable=True, description="Highest value the expression admits, where a range or bound implies one.")
    value_kind: str = pa.Field(isin=list(VALUE_KINDS), description="exact; approximate (about, around, some, nearly); lower_bound (more than, at least); upper_bound (up to, fewer than); range (10 to 15); vague_magnitude (dozens, thousands).")
    unit: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="What is counted or measured, singular ('percent', 'plane', 'rocket', 'year', 'USD'). A unit of measure written next to the number is part of the expression ('five minutes', '10 miles'); a counted noun is not ('270 targets').")
    subject: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="The noun phrase the number counts ('Israeli planes', 'Katyusha rockets'); for a percentage, its base ('90% of the strikes': strikes; '90% of them' after '270 targets': targets).")
    attributed_to: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="The speaker (canonical, as in quotes) when the figure is in a quote or an attributed statement.")
    quote_id: str = pa.Field(nullable=True, str_matches=anchored(QUOTE_ID), description="The quote containing the figure, if any.")
    flag: str = pa.Field(nullable=True, isin=list(FIGURE_FLAGS), description="A reviewed oddity: percent-over-100 (a percentage above 100, e.g. a rise of 150%).")
    method: str = pa.Field(isin=list(FIGURE_METHODS), description="The rule that produced the row, or `curated` (set by dataset/overrides.toml).")

    class Config:
        name = "figures"

    @pa.dataframe_check(error="end-after-start")
    def end_after_start(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("end") > pl.col("start"))

    @pa.dataframe_check(error="value-within-bounds")
    def value_within_bounds(cls, data) -> pl.LazyFrame:
        """value_low <= value <= value_high where they are set."""
        low = (pl.col("value_low") <= pl.col("value")).fill_null(True)
        high = (pl.col("value") <= pl.col("value_high")).fill_null(True)
        return data.lazyframe.select(low & high)

    @pa.dataframe_check(error="bounds-match-kind")
    def bounds_match_kind(cls, data) -> pl.LazyFrame:
        """A range has both bounds; a lower bound has value_low; an upper bound has value_high."""
        kind = pl.col("value_kind")
        return data.lazyframe.select(
            pl.when(kind == "range").then(pl.col("value_low").is_not_null() & pl.col("value_high").is_not_null())
            .when(kind == "lower_bound").then(pl.col("value_low").is_not_null())
            .when(kind == "upper_bound").then(pl.col("value_high").is_not_null())
            .otherwise(True)
        )

    @pa.dataframe_check(error="percent-within-0-100")
    def percent_within_range(cls, data) -> pl.LazyFrame:
        """A percentage lies within 0–100 unless flagged percent-over-100."""
        percent = pl.col("unit").is_in(PERCENT_UNITS).fill_null(False)
        inside = (pl.col("value") >= 0) & (pl.col("value") <= 100)
        return data.lazyframe.select(~percent | inside | (pl.col("flag") == "percent-over-100").fill_null(False))

    @pa.dataframe_check(error="id-matches-article")
    def id_matches_article(cls, data) -> pl.LazyFrame:
        aid = pl.col("article_id")
        return data.lazyframe.select(
            pl.col("figure_id").str.starts_with(aid + ":f")
            & (pl.col("sentence_id").is_null() | pl.col("sentence_id").str.starts_with(aid + ":s"))
            & (pl.col("quote_id").is_null() | pl.col("quote_id").str.starts_with(aid + ":q"))
        )
