"""Provenance: every span's text equals the checksummed source at its offsets."""

from __future__ import annotations

import polars as pl

from newsprov.schemas.base import TableMeta
from newsprov.validators.tables import _row
from newsprov.validators.errors import ValidationError


def check_spans(df: pl.DataFrame, meta: TableMeta, texts: pl.DataFrame) -> list[ValidationError]:
    """texts: article_id, source_text (and n, its length in characters, computed when absent).

    Checks every Span the model declares, vectorised: the rows are joined once to their
    article's text (once per article column) and each span compared with a Polars slice of it."""
    errors = []
    if not meta.spans:
        return errors
    if "n" not in texts.columns:
        texts = texts.with_columns(n=pl.col("source_text").str.len_chars())
    texts = texts.select(pl.col("article_id").alias("_article"), pl.col("source_text").alias("_source"), pl.col("n").alias("_n"))
    joined: dict[str, pl.DataFrame] = {}
    for span in meta.spans:
        if span.article not in joined:
            columns = sorted({c for sp in meta.spans if sp.article == span.article for c in (sp.start, sp.end, sp.text)})
            joined[span.article] = (
                df.with_row_index("_index")
                .select("_index", pl.col(span.article).alias("_article"), *columns)
                .join(texts, on="_article", how="inner")
            )
        rows = (
            joined[span.article]
            .select(index="_index", s=pl.col(span.start), e=pl.col(span.end), t=pl.col(span.text), source_text="_source", n="_n")
            .drop_nulls(["s", "e", "t"])
        )
        # A null text with start == end is an insertion point (discrepancies); drop_nulls above skips it.
        outside = (pl.col("s") < 0) | (pl.col("e") > pl.col("n")) | (pl.col("s") >= pl.col("e"))
        for index, s, e, n in rows.filter(outside).sort("index").select("index", "s", "e", "n").iter_rows():
            errors.append(ValidationError("span-out-of-bounds", resource=meta.name, row=_row(index), field=f"{span.start},{span.end}", note=f"[{s}:{e}] (article length {n})"))
        inside = rows.filter(~outside)
        wrong = inside.filter(pl.col("source_text").str.slice(pl.col("s"), pl.col("e") - pl.col("s")) != pl.col("t"))
        for index, s, e, t in wrong.sort("index").select("index", "s", "e", "t").iter_rows():
            errors.append(ValidationError("span-mismatch", resource=meta.name, row=_row(index), field=span.text, cell=t[:80], note=f"[{s}:{e}]"))
    return errors


def check_articles_match_sources(articles: pl.DataFrame, actual: pl.DataFrame) -> list[ValidationError]:
    """actual: source_path, actual_sha256 of the source resources on disk."""
    rows = articles.with_row_index().join(actual, on="source_path", how="left")
    errors = []
    for index, path in rows.filter(pl.col("actual_sha256").is_null()).sort("index").select("index", "source_path").iter_rows():
        errors.append(ValidationError("source-mismatch", resource="articles", row=_row(index), field="source_path", cell=path, note="no source resource has this path"))
    bad = rows.filter(pl.col("actual_sha256").is_not_null() & (pl.col("sha256") != pl.col("actual_sha256")))
    for index, sha, real in bad.sort("index").select("index", "sha256", "actual_sha256").iter_rows():
        errors.append(ValidationError("source-mismatch", resource="articles", row=_row(index), field="sha256", cell=sha, note=f"the file's sha256 is {real}"))
    return errors
