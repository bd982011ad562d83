"""Provenance: every span's text equals the checksummed source at its offsets."""

from __future__ import annotations

import polars as pl

from newsprov.schemas.base import TableMeta
from newsprov.validators.tables import _row
from newsprov.validators.errors import ValidationError


def check_spans(df: pl.DataFrame, meta: TableMeta, texts: pl.DataFrame) -> list[ValidationError]:
    """texts: article_id, source_text. Checks every Span the model declares."""
    errors = []
    for span in meta.spans:
        rows = (
            df.with_row_index()
            .select("index", pl.col(span.article).alias("article_id"), pl.col(span.start).alias("s"), pl.col(span.end).alias("e"), pl.col(span.text).alias("t"))
            .drop_nulls(["s", "e", "t"])
            .join(texts, on="article_id", how="inner")
            .with_columns(n=pl.col("source_text").str.len_chars())
        )
        # A null text with start == end is an insertion point (discrepancies); drop_nulls above skips it.
        outside = (pl.col("s") < 0) | (pl.col("e") > pl.col("n")) | (pl.col("s") >= pl.col("e"))
        for index, s, e, n in rows.filter(outside).select("index", "s", "e", "n").iter_rows():
            errors.append(ValidationError("span-out-of-bounds", resource=meta.name, row=_row(index), field=f"{span.start},{span.end}", note=f"[{s}:{e}] (article length {n})"))
        inside = rows.filter(~outside)
        wrong = inside.filter(pl.col("source_text").str.slice(pl.col("s"), pl.col("e") - pl.col("s")) != pl.col("t"))
        for index, s, e, t in wrong.select("index", "s", "e", "t").iter_rows():
            errors.append(ValidationError("span-mismatch", resource=meta.name, row=_row(index), field=span.text, cell=t[:80], note=f"[{s}:{e}]"))
    return errors


def check_articles_match_sources(articles: pl.DataFrame, actual: pl.DataFrame) -> list[ValidationError]:
    """actual: source_path, actual_sha256 of the source resources on disk."""
    rows = articles.with_row_index().join(actual, on="source_path", how="left")
    errors = []
    for index, path in rows.filter(pl.col("actual_sha256").is_null()).select("index", "source_path").iter_rows():
        errors.append(ValidationError("source-mismatch", resource="articles", row=_row(index), field="source_path", cell=path, note="no source resource has this path"))
    bad = rows.filter(pl.col("actual_sha256").is_not_null() & (pl.col("sha256") != pl.col("actual_sha256")))
    for index, sha, real in bad.select("index", "sha256", "actual_sha256").iter_rows():
        errors.append(ValidationError("source-mismatch", resource="articles", row=_row(index), field="sha256", cell=sha, note=f"the file's sha256 is {real}"))
    return errors
