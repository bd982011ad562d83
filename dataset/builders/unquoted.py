"""Build the unquoted table: a quote group's words printed without quotation marks elsewhere."""

import polars as pl

from newsprov.dataset.builders.quote_groups import grouped
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import Unquoted

SCHEMA = Unquoted


def build(ctx: BuildContext) -> pl.DataFrame:
    return grouped(ctx)[1].select(list(dtypes(SCHEMA))).sort("group_id", "article_id", "start")
