"""Tables comparing outlets' versions of one story: aligned sentences, reuse, groups (drifts: schemas/drifts.py).

Each model documents one output of newsprov.dataset.compare; the builders in
dataset/builders/ call that library on the articles, sentences, quotes and figures.
"""

from __future__ import annotations

from typing import Optional

import polars as pl
import pandera.polars as pa

from newsprov.schemas.base import ARTICLE_ID, ForeignKey, Span, TableModel, anchored
from newsprov.schemas.comparison_rules import ARTICLE_LINK_RULES, FIGURE_GROUP_RULES, QUOTE_GROUP_RULES, UNQUOTED_RULES

SENTENCE_RELATIONS = ("identical", "typographic", "rewritten", "unaligned")
QUOTE_RELATIONS = ("reference", "identical", "typographic", "truncated", "extended", "altered")
AGREEMENTS = ("consistent", "conflicting")
SHARE = {"ge": 0.0, "le": 1.0}


def _article(column: str) -> ForeignKey:
    return ForeignKey((column,), "articles", ("article_id",))


class SentenceLinks(TableModel):
    """Sentence links
    For each pair of articles that share text, each sentence aligned to its best counterpart in
    the other article (or marked unaligned: what one outlet added or dropped), with a
    similarity score and a word-level diff.
    """

    _group = "comparison"
    _primary_key = ("link_id",)
    _foreign_keys = (
        _article("article_id"), _article("other_article_id"),
        ForeignKey(("sentence_id",), "sentences", ("sentence_id",)),
        ForeignKey(("other_sentence_id",), "sentences", ("sentence_id",)),
    )

    link_id: str = pa.Field(unique=True, description="'<sentence_id>><other_article_id>'.")
    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The article of the sentence.")
    sentence_id: str = pa.Field(description="The sentence aligned.")
    other_article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The article it is compared with.")
    other_sentence_id: str = pa.Field(nullable=True, description="Its best counterpart there; null when unaligned.")
    similarity: float = pa.Field(**SHARE, description="Word-level similarity of the pair (rapidfuzz Indel over content words), 0–1.")
    relation: str = pa.Field(isin=list(SENTENCE_RELATIONS), description="identical; typographic (only quote marks, dashes, spacing or case differ); rewritten; unaligned.")
    diff: str = pa.Field(nullable=True, description="Null when unaligned; else a JSON list of edits [op, this_text, other_text, this_start, this_end, other_start, other_end], offsets into the sources.")
    n_inserted: int = pa.Field(nullable=True, ge=0, description="Words only the other sentence has; null when unaligned.")
    n_deleted: int = pa.Field(nullable=True, ge=0, description="Words only this sentence has; null when unaligned.")
    n_replaced: int = pa.Field(nullable=True, ge=0, description="Words replaced by other words; null when unaligned.")
    sentence_index: int = pa.Field(ge=0, description="Position of the sentence in its article.")
    n_words: int = pa.Field(ge=0, description="Words in the sentence.")

    class Config:
        name = "sentence_links"

    @pa.dataframe_check(error="unaligned-has-no-counterpart")
    def unaligned_has_no_counterpart(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("relation") == "unaligned") == pl.col("other_sentence_id").is_null())

    @pa.dataframe_check(error="different-articles")
    def different_articles(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("article_id") != pl.col("other_article_id")) & pl.col("sentence_id").str.starts_with(pl.col("article_id") + ":")
        )


class ArticleLinks(TableModel):
    """Article links
    For each pair of articles that share text: the share of each one's words lying in verbatim
    or near-verbatim runs of words reused from the other (token alignment, independent of
    sentence splitting and of the script), the likely wire origin when one contains most of
    the other, and the wire service both credit, if any.
    """

    _group = "comparison"
    _primary_key = ("article_id", "other_article_id")
    _foreign_keys = (_article("article_id"), _article("other_article_id"))
    _rules = ARTICLE_LINK_RULES

    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="One article of the pair (the smaller id).")
    other_article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The other article.")
    reused_share: float = pa.Field(**SHARE, description="Share of article_id's words lying in runs of at least 3 words reused from other_article_id (greedy string tiling, small edits bridged; quotations left out: independent outlets print the same quotations).")
    reused_share_other: float = pa.Field(**SHARE, description="The same share for other_article_id.")
    n_runs: Optional[int] = pa.Field(ge=0, description="Runs counted in the shares (rows of reuse_runs for the pair). Absent from packages built before newsprov had it.")
    likely_origin: Optional[str] = pa.Field(nullable=True, str_matches=anchored(ARTICLE_ID), description="The article containing most of the other (>= 0.6 of the other reused from it, its own share at least 0.1 lower): the likely wire origin, as clients cut wire copy; a presumption from text alone. Null when neither contains the other. Absent from packages built before newsprov had it.")
    n_aligned: int = pa.Field(ge=0, description="Sentence pairs aligned between the two (sentence_links).")
    shared_wire: str = pa.Field(nullable=True, description="A wire credit both texts show (e.g. 'AP'); null when none is shared.")
    method: Optional[str] = pa.Field(isin=["greedy_string_tiling"], description="How the shares were measured. Absent from packages whose shares were measured on aligned sentences.")

    class Config:
        name = "article_links"

    @pa.dataframe_check(error="ordered-pair")
    def ordered_pair(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("article_id") < pl.col("other_article_id"))

    @pa.dataframe_check(error="origin-in-pair")
    def origin_in_pair(cls, data) -> pl.LazyFrame:
        """The likely origin is one of the pair, and the one whose words the other reuses most."""
        if "likely_origin" not in data.lazyframe.collect_schema().names():
            return data.lazyframe.select(pl.lit(True).alias("likely_origin"))  # (an older package)
        origin = pl.col("likely_origin")
        return data.lazyframe.select(
            origin.is_null()
            | ((origin == pl.col("article_id")) & (pl.col("reused_share_other") > pl.col("reused_share")))
            | ((origin == pl.col("other_article_id")) & (pl.col("reused_share") > pl.col("reused_share_other")))
        )


class QuoteGroups(TableModel):
    """Quote groups
    The same quotation as printed by different outlets: each member with its relation to the
    group's reference wording. A group spans at least two articles.
    """

    _group = "comparison"
    _primary_key = ("quote_id",)
    _foreign_keys = (
        _article("article_id"),
        ForeignKey(("quote_id",), "quotes", ("quote_id",)),
        ForeignKey(("reference_quote_id",), "quotes", ("quote_id",)),
    )
    _rules = QUOTE_GROUP_RULES

    group_id: str = pa.Field(description="The group.")
    quote_id: str = pa.Field(unique=True, description="A member quote (in one group only).")
    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The member's article.")
    start: int = pa.Field(ge=0, description="The member quote's start offset.")
    end: int = pa.Field(ge=1, description="Its end offset.")
    relation: str = pa.Field(isin=list(QUOTE_RELATIONS), description="reference; identical; typographic (marks, dashes, spacing, case); truncated (contained in the reference); extended (contains it); altered.")
    similarity: float = pa.Field(**SHARE, description="Word similarity to the reference wording.")
    reference_quote_id: str = pa.Field(description="The group's reference quote (its most common wording).")
    n_articles: int = pa.Field(ge=2, description="Articles the group spans (at least two).")

    class Config:
        name = "quote_groups"

    @pa.dataframe_check(error="reference-is-itself")
    def reference_is_itself(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("relation") == "reference") == (pl.col("quote_id") == pl.col("reference_quote_id")))


class Unquoted(TableModel):
    """Unquoted reuse
    Places where a quote group's words appear in another article without quotation marks:
    a quote turned into the reporter's prose (or the reverse).
    """

    _group = "comparison"
    _primary_key = ("group_id", "article_id", "start")
    _foreign_keys = (_article("article_id"), ForeignKey(("quote_id",), "quotes", ("quote_id",)))
    _spans = (Span(start="start", end="end", text="text"),)
    _rules = UNQUOTED_RULES

    group_id: str = pa.Field(description="The quote group (quote_groups.group_id).")
    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The article printing the words unquoted.")
    start: int = pa.Field(ge=0, description="Where the words start.")
    end: int = pa.Field(ge=1, description="Where they end.")
    text: str = pa.Field(str_length={"min_value": 1}, description="The words, equal to source[start:end].")
    quote_id: str = pa.Field(description="The group's quote they repeat.")

    class Config:
        name = "unquoted"


class FigureGroups(TableModel):
    """Figure groups
    The same figure as reported by different outlets (same unit and subject in aligned
    sentences): consistent, or conflicting with what differs.
    """

    _group = "comparison"
    _primary_key = ("figure_id",)
    _foreign_keys = (
        _article("article_id"),
        ForeignKey(("figure_id",), "figures", ("figure_id",)),
        ForeignKey(("sentence_id",), "sentences", ("sentence_id",)),
    )
    _rules = FIGURE_GROUP_RULES

    group_id: str = pa.Field(description="The group.")
    figure_id: str = pa.Field(unique=True, description="A member figure (in one group only).")
    article_id: str = pa.Field(str_matches=anchored(ARTICLE_ID), description="The member's article.")
    sentence_id: str = pa.Field(nullable=True, description="The member's sentence.")
    start: int = pa.Field(ge=0, description="The figure's start offset.")
    end: int = pa.Field(ge=1, description="Its end offset.")
    agreement: str = pa.Field(isin=list(AGREEMENTS), description="consistent, or conflicting (the group's members differ).")
    differs: str = pa.Field(nullable=True, description="What this member differs in from another member, ';'-joined: value, qualifier, unit (of measure: minutes vs hours, not targets vs sites), base (of a percentage: of the targets vs of the strikes), claim; null when it agrees with all (a conflicting group has at least one such row).")
    claim: str = pa.Field(nullable=True, description="The claim word near the figure that other members contradict (e.g. 'after' vs 'before').")

    class Config:
        name = "figure_groups"

    @pa.dataframe_check(error="conflict-says-what-differs")
    def conflict_says_what_differs(cls, data) -> pl.LazyFrame:
        # Group-level: a member may agree with every other member of a conflicting group
        # (it has no claim word, say, while two others carry opposite ones).
        return data.lazyframe.select((pl.col("agreement") == "conflicting") == pl.col("differs").is_not_null().any().over("group_id"))
