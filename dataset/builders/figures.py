"""Build the figures table: rule extraction, overrides, and who states each figure."""

from __future__ import annotations

from dataclasses import asdict

import polars as pl

from newsprov.dataset.context import BuildContext
from newsprov.dataset.extract.figures import extract_figures
from newsprov.dataset.locate import sentence_of
from newsprov.dataset.overrides import apply, for_table
from newsprov.schemas.base import dtypes
from newsprov.schemas.figures import Figures, PERCENT_UNITS

SCHEMA = Figures
EXTRACTED = ("article_id", "start", "end", "text", "value", "value_low", "value_high", "value_kind", "unit", "subject", "method", "attributed_to", "flag")


def build(ctx: BuildContext) -> pl.DataFrame:
    rows = [{"article_id": s.article_id, "attributed_to": None, "flag": None, **asdict(f)} for s in ctx.sources for f in extract_figures(s.text)]
    rows = apply(rows, for_table(ctx.overrides, "figures"), ctx.texts)
    types = dtypes(SCHEMA)
    df = pl.DataFrame([{k: r.get(k) for k in EXTRACTED} for r in rows], schema={k: types[k] for k in EXTRACTED})
    df = df.with_columns(sentence_id=sentence_of(df, ctx.table("sentences")))
    df = _attribute(df, ctx.table("quotes"))
    over = pl.col("unit").is_in(PERCENT_UNITS).fill_null(False) & ((pl.col("value") > 100) | (pl.col("value") < 0))
    df = df.with_columns(
        flag=pl.when(pl.col("flag").is_null() & over).then(pl.lit("percent-over-100")).otherwise(pl.col("flag")),
        figure_id=pl.col("article_id") + ":f" + pl.int_range(pl.len()).over("article_id").cast(pl.String).str.zfill(4),
    )
    return df.select(list(types))


def _attribute(figures: pl.DataFrame, quotes: pl.DataFrame) -> pl.DataFrame:
    """quote_id of the quote holding each figure; attributed_to its speaker, else that of a quote in the same sentence."""
    q = quotes.select("article_id", pl.col("start").alias("q_start"), pl.col("end").alias("q_end"), "quote_id", pl.col("speaker").alias("q_speaker"))
    inside = (
        figures.with_row_index("_i")
        .join(q, on="article_id", how="inner")
        .filter((pl.col("q_start") <= pl.col("start")) & (pl.col("end") <= pl.col("q_end")))
        .group_by("_i").agg(pl.col("quote_id").first(), pl.col("q_speaker").first())
    )
    same_sentence = (
        quotes.filter(pl.col("speaker").is_not_null() & pl.col("sentence_id").is_not_null())
        .group_by("sentence_id").agg(pl.col("speaker").sort().first().alias("s_speaker"))
    )
    return (
        figures.with_row_index("_i")
        .join(inside, on="_i", how="left")
        .join(same_sentence, on="sentence_id", how="left")
        .sort("_i")
        .with_columns(attributed_to=pl.coalesce("attributed_to", "q_speaker", "s_speaker"))
        .drop("_i", "q_speaker", "s_speaker")
    )
