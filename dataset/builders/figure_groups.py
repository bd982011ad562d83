"""Build the figure_groups table: one figure as each outlet reports it, consistent or not."""

import polars as pl

from newsprov.dataset.builders.stories import story_of
from newsprov.dataset.compare.figures import figure_groups
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import FigureGroups

SCHEMA = FigureGroups


def build(ctx: BuildContext) -> pl.DataFrame:
    df = figure_groups(ctx.table("figures"), ctx.table("sentence_links"), ctx.texts, ctx.table("sentences"), story_of(ctx))
    return df.select(list(dtypes(SCHEMA))).sort("group_id", "figure_id")
