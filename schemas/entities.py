"""The entities table: the names speakers go by, and the canonical name each resolves to."""

from __future__ import annotations

import polars as pl
import pandera.polars as pa

from newsprov.schemas.base import ARTICLE_ID, Curation, ForeignKey, Span, TableModel, all_or_none, anchored

ENTITY_KINDS = ("person", "organisation", "group", "role", "unresolved")
# speaker-name: the name an entity goes by (its own canonical form); spelling-variant: a
# name that differs from another only by transliteration (vowels, doubled letters, y/j),
# punctuation or a possessive; name-variant: the same first and last name with or
# without middle names or initials; surname: the surname of the one person in scope with
# that surname; curated: overrides. (newsprov.dataset.extract.resolve)
ENTITY_METHODS = ("speaker-name", "spelling-variant", "name-variant", "surname", "curated")


class Entities(TableModel):
    """Entities
    One row per name a speaker goes by in any article, with the canonical name it resolves
    to across outlets (spelling variants such as Hizbullah/Hezbollah become one), its kind,
    the rule or curation that set it, and where it first occurs.
    """

    _group = "extracted"
    _primary_key = ("alias",)
    # what a reviewed override may give an entity row (dataset/overrides.toml)
    _curation = Curation(fields=frozenset({"canonical", "kind"}), add_required=frozenset({"canonical"}))
    _foreign_keys = (ForeignKey(("article_id",), "articles", ("article_id",)),)
    _spans = (Span(start="start", end="end", text="mention"),)

    alias: str = pa.Field(unique=True, str_length={"min_value": 1}, description="A name as printed for a speaker ('Hizbullah', 'Binyamin Netanyahu').")
    canonical: str = pa.Field(str_length={"min_value": 1}, description="The name it resolves to across the package; quotes.speaker holds this.")
    kind: str = pa.Field(isin=list(ENTITY_KINDS), description="person (a personal name), organisation (an institution, party, company or outlet: 'NAACP', 'White House'), group (people together: 'Democrats', 'protesters'), role (a described speaker: 'U.S. official'), unresolved (a name no rule could classify).")
    method: str = pa.Field(isin=list(ENTITY_METHODS), description="speaker-name, spelling-variant (transliteration, punctuation or possessive of another alias), name-variant (with or without middle names or initials), surname (the surname of the one fuller person name in scope), or curated.")
    n_articles: int = pa.Field(ge=0, description="Articles in which a quote is attributed to this alias.")
    article_id: str = pa.Field(nullable=True, str_matches=anchored(ARTICLE_ID), description="The first article where the alias occurs in the text; null when it does not occur verbatim.")
    start: int = pa.Field(nullable=True, ge=0, description="Offset of its first occurrence there.")
    end: int = pa.Field(nullable=True, ge=1, description="Offset after it.")
    mention: str = pa.Field(nullable=True, str_length={"min_value": 1}, description="The occurrence, equal to source[start:end] (and to alias).")

    class Config:
        name = "entities"

    @pa.dataframe_check(error="canonical-is-an-alias")
    def canonical_is_an_alias(cls, data) -> pl.LazyFrame:
        """Every canonical name is itself an alias that resolves to itself."""
        lf = data.lazyframe
        selves = lf.filter(pl.col("alias") == pl.col("canonical")).select(pl.col("alias").alias("canonical"), pl.lit(True).alias("_ok"))
        return lf.join(selves, on="canonical", how="left", maintain_order="left").select(pl.col("_ok").fill_null(False))

    @pa.dataframe_check(error="kind-of-canonical")
    def kind_of_canonical(cls, data) -> pl.LazyFrame:
        """An alias has the kind of the entity it resolves to."""
        lf = data.lazyframe
        kinds = lf.filter(pl.col("alias") == pl.col("canonical")).select(pl.col("alias").alias("canonical"), pl.col("kind").alias("_kind"))
        return lf.join(kinds, on="canonical", how="left", maintain_order="left").select((pl.col("kind") == pl.col("_kind")).fill_null(False))

    @pa.dataframe_check(error="occurrence-complete")
    def occurrence_complete(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            all_or_none("article_id", "start", "end", "mention")
            & (pl.col("mention").is_null() | (pl.col("mention") == pl.col("alias")))
        )
