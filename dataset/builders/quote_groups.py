"""Build the quote_groups table (and, shared with unquoted, where group words appear unquoted)."""

import polars as pl

from newsprov.dataset.builders.stories import story_of
from newsprov.dataset.compare.quotes import quote_groups
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import QuoteGroups

SCHEMA = QuoteGroups


def grouped(ctx: BuildContext) -> tuple[pl.DataFrame, pl.DataFrame]:
    return ctx.cached("quote_groups", lambda ctx: quote_groups(ctx.table("quotes"), ctx.texts, story_of(ctx)))


def build(ctx: BuildContext) -> pl.DataFrame:
    return grouped(ctx)[0].select(list(dtypes(SCHEMA))).sort("group_id", "quote_id")
