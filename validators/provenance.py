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
    joined: dict[str, pl.LazyFrame] = {}
    for span in meta.spans:
        if span.article not in joined:
            columns = sorted({c for sp in meta.spans if sp.article == span.article for c in (sp.start, sp.end, sp.text)})
            joined[span.article] = (
                df.lazy()
                .with_row_index("_index")
                .select("_index", pl.col(span.article).alias("_article"), *columns)
                .join(texts.lazy(), on="_article", how="inner")
            )
        # One lazy pass: out-of-bounds rows and rows whose text differs from the slice,
        # only those collected. A null text with start == end is an insertion point
        # (discrepancies): rows with a null start, end or text are skipped.
        s, e, t = pl.col(span.start), pl.col(span.end), pl.col(span.text)
        outside = (s < 0) | (e > pl.col("_n")) | (s >= e)
        # Clipped so that out-of-bounds rows (reported as such) cannot make the slice fail.
        wrong = pl.col("_source").str.slice(s.clip(0), (e - s).clip(0)) != t
        bad = (
            joined[span.article]
            .filter(s.is_not_null() & e.is_not_null() & t.is_not_null())
            .filter(outside | wrong)
            .select(index="_index", s=s, e=e, t=t, n="_n", outside=outside)
            .sort("index")
            .collect()
        )
        for index, s_, e_, t_, n, out in bad.iter_rows():
            if out:
                errors.append(ValidationError("span-out-of-bounds", resource=meta.name, row=_row(index), field=f"{span.start},{span.end}", note=f"[{s_}:{e_}] (article length {n})"))
        for index, s_, e_, t_, n, out in bad.iter_rows():
            if not out:
                errors.append(ValidationError("span-mismatch", resource=meta.name, row=_row(index), field=span.text, cell=t_[:80], note=f"[{s_}:{e_}]"))
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
