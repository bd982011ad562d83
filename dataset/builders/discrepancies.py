"""Build the discrepancies table: every difference found between two outlets' versions."""

import polars as pl

from newsprov.dataset.builders.quote_groups import grouped
from newsprov.dataset.compare.discrepancies import discrepancies
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import Discrepancies

SCHEMA = Discrepancies


def build(ctx: BuildContext) -> pl.DataFrame:
    df = discrepancies(
        ctx.table("sentences"), ctx.table("sentence_links"), ctx.texts,
        ctx.table("quotes"), grouped(ctx)[0], ctx.table("figures"), ctx.table("figure_groups"),
    )
    # An empty span is an insertion point: its text is null, not "" (CSV cannot tell them apart).
    df = df.with_columns(
        text=pl.when(pl.col("start") < pl.col("end")).then(pl.col("text")),
        other_text=pl.when(pl.col("other_start") < pl.col("other_end")).then(pl.col("other_text")),
    )
    return df.select(list(dtypes(SCHEMA)))
