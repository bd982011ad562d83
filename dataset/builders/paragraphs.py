"""Build the paragraphs table."""

import polars as pl

from newsprov.dataset.context import BuildContext
from newsprov.schemas.paragraphs import Paragraphs
from newsprov.schemas.base import dtypes

SCHEMA = Paragraphs


def build(ctx: BuildContext) -> pl.DataFrame:
    rows = []
    blocks = ctx.per_article("paragraphs")
    for source in ctx.sources:
        for index, block in enumerate(blocks[source.article_id]):
            rows.append(
                (f"{source.article_id}:p{index:03d}", source.article_id, index, block.start, block.end, block.kind, source.text[block.start:block.end])
            )
    ctx.forget("per-article:paragraphs")  # read once: the table holds it now
    return pl.DataFrame(rows, schema=dtypes(SCHEMA), orient="row")
