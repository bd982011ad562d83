"""Build the drifts table (and, shared with drift_spans, their spans): every drift between versions."""

import polars as pl

from newsprov.dataset.builders.quote_groups import grouped
from newsprov.dataset.builders.stories import story_of
from newsprov.dataset.compare.drift import Inputs, drifts
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.drifts import Drifts

SCHEMA = Drifts


def found(ctx: BuildContext) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(drifts, drift_spans) of the build, story by story."""
    def compute(ctx: BuildContext) -> tuple[pl.DataFrame, pl.DataFrame]:
        groups, unquoted = grouped(ctx)
        inputs = Inputs(
            articles=ctx.table("articles"), sentences=ctx.table("sentences"),
            sentence_links=ctx.table("sentence_links"), quotes=ctx.table("quotes"), quote_groups=groups,
            unquoted=unquoted, figures=ctx.table("figures"), figure_groups=ctx.table("figure_groups"),
            texts=ctx.texts, paragraphs=ctx.table("paragraphs"), article_links=ctx.table("article_links"),
        )
        return drifts(inputs, story_of(ctx), engine=ctx.engine)
    return ctx.cached("drifts", compute)


def build(ctx: BuildContext) -> pl.DataFrame:
    return found(ctx)[0].select(list(dtypes(SCHEMA)))
