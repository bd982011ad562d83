"""Build the sentence_links table: every sentence aligned across each pair of articles of a story."""

import polars as pl

from newsprov.dataset.builders.stories import story_of
from newsprov.dataset.compare.sentences import sentence_links
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import SentenceLinks

SCHEMA = SentenceLinks


def build(ctx: BuildContext) -> pl.DataFrame:
    return sentence_links(ctx.table("sentences"), story_of(ctx), engine=ctx.engine).select(list(dtypes(SCHEMA))).sort("link_id")
