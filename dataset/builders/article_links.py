"""Build the article_links table: how much text each pair of articles shares, and their wire."""

import polars as pl

from newsprov.dataset.builders.reuse_runs import reuse
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import ArticleLinks

SCHEMA = ArticleLinks


def build(ctx: BuildContext) -> pl.DataFrame:
    return reuse(ctx)[0].select(list(dtypes(SCHEMA)))  # (reuse_tables gives the rows in the table's order)
