"""Build the reuse_runs table: the runs of words each pair of articles shares (and, shared with
article_links, the shares they give)."""

import polars as pl

from newsprov.dataset.builders.stories import story_of
from newsprov.dataset.compare.reuse_links import reuse_tables
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.reuse import ReuseRuns

SCHEMA = ReuseRuns


def reuse(ctx: BuildContext) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(article_links, reuse_runs) frames, computed once per build."""
    return ctx.cached("reuse", lambda c: reuse_tables(c.texts, c.table("articles"), c.table("sentence_links"), story_of(c), engine=c.engine))


def build(ctx: BuildContext) -> pl.DataFrame:
    return reuse(ctx)[1].select(list(dtypes(SCHEMA)))  # (reuse_tables gives the rows in the table's order)
