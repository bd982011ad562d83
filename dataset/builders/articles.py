"""Build the articles table: one row per source, with counts and stated metadata."""

import datetime as dt

import polars as pl

from newsprov.dataset.builders.stories import story_of
from newsprov.dataset.context import BuildContext
from newsprov.schemas.articles import Articles

SCHEMA = Articles
WORD = r"[^\W_]+(?:['’.-][^\W_]+)*"


def build(ctx: BuildContext) -> pl.DataFrame:
    paragraphs = ctx.table("paragraphs")
    sentences = ctx.table("sentences")
    headlines = paragraphs.filter(pl.col("kind") == "headline").select(
        "article_id", headline="text", headline_start="start", headline_end="end"
    )
    counts_p = paragraphs.group_by("article_id").agg(n_paragraphs=pl.len())
    counts_s = sentences.group_by("article_id").agg(n_sentences=pl.len())
    base = pl.DataFrame(
        {
            "article_id": [s.article_id for s in ctx.sources],
            "source_path": [s.path for s in ctx.sources],
            "sha256": [s.sha256 for s in ctx.sources],
            "bytes": [len(s.data) for s in ctx.sources],
            "text": [s.text for s in ctx.sources],
            "dateline_date": [dt.date.fromisoformat(s.meta.dateline_date) if s.meta.dateline_date else None for s in ctx.sources],
            "wire_credits": [s.meta.wire_credits for s in ctx.sources],
            "outlet": [s.meta.outlet for s in ctx.sources],
            "language": [ctx.per_article("language")[s.article_id] for s in ctx.sources],
            "story_id": [story_of(ctx)[s.article_id] for s in ctx.sources],
        },
        schema_overrides={"dateline_date": pl.Date, "wire_credits": pl.String, "outlet": pl.String},
    )
    table = (
        base.with_columns(
            n_chars=pl.col("text").str.len_chars().cast(pl.Int64),
            n_words=pl.col("text").str.count_matches(WORD).cast(pl.Int64),
        )
        .join(counts_p, on="article_id", how="left")
        .join(counts_s, on="article_id", how="left")
        .join(headlines, on="article_id", how="left")
        .with_columns(pl.col("n_paragraphs", "n_sentences").fill_null(0).cast(pl.Int64))
    )
    return table.select(list(SCHEMA.to_schema().columns)).sort("article_id")
