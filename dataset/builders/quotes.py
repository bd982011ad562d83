"""Build the quotes table: rule extraction, reviewed overrides, speakers made canonical."""

from __future__ import annotations

import polars as pl

from newsprov.dataset.context import BuildContext
from newsprov.dataset.locate import sentence_of
from newsprov.dataset.overrides import apply, for_table
from newsprov.schemas.quotes import Quotes
from newsprov.schemas.base import dtypes

SCHEMA = Quotes


def extracted(ctx: BuildContext) -> list[dict]:
    """Quotes of every article as the rules and overrides give them, speakers as each article names them."""

    def compute(ctx: BuildContext) -> list[dict]:
        found = ctx.per_article("quotes")
        # (vars, not dataclasses.asdict: a Quote's fields are plain values, and asdict copies each one deeply)
        rows = [{"article_id": s.article_id, **vars(q)} for s in ctx.sources for q in found[s.article_id]]
        ctx.forget("per-article:quotes")  # read once: the rows hold it now
        return apply(rows, for_table(ctx.overrides, "quotes"), ctx.texts)

    return ctx.cached("quotes", compute)


def build(ctx: BuildContext) -> pl.DataFrame:
    entities = ctx.table("entities")
    canonical = dict(entities.select("alias", "canonical").iter_rows())
    kinds = dict(entities.select("alias", "kind").iter_rows())
    columns = [c for c in SCHEMA.to_schema().columns if c not in ("quote_id", "sentence_id")]
    df = pl.DataFrame(extracted(ctx), schema={c: dtype for c, dtype in dtypes(SCHEMA).items() if c in columns})
    df = df.with_columns(pl.col("speaker").replace(canonical))
    # One entity, one kind: a quote's speaker_kind is its entity's; a mention that names no
    # entity is unresolved; no mention, no kind.
    df = df.with_columns(speaker_kind=pl.when(pl.col("speaker").is_not_null()).then(pl.col("speaker").replace_strict(kinds, default=None))
                         .when(pl.col("speaker_mention").is_not_null()).then(pl.lit("unresolved")))
    df = df.with_columns(sentence_id=sentence_of(df, ctx.table("sentences")))
    df = df.with_columns(quote_id=pl.col("article_id") + ":q" + pl.int_range(pl.len()).over("article_id").cast(pl.String).str.zfill(4))
    ctx.forget("quotes")  # the table holds the extracted rows now (entities read them before it)
    return df.select(list(dtypes(SCHEMA)))
