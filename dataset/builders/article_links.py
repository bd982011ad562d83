"""Build the article_links table: how much text each pair of articles shares, and their wire."""

import polars as pl

from newsprov.dataset.compare.sentences import article_links
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import ArticleLinks

SCHEMA = ArticleLinks


def build(ctx: BuildContext) -> pl.DataFrame:
    df = article_links(ctx.table("sentences"), ctx.table("articles"), ctx.table("sentence_links"))
    return df.select(list(dtypes(SCHEMA))).sort("article_id", "other_article_id")
