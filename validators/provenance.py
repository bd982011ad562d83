"""Provenance: every span's text equals the checksummed source at its offsets."""

from __future__ import annotations

import weakref

import polars as pl

from newsprov.schemas.base import TableMeta
from newsprov.validators.tables import csv_line
from newsprov.validators.errors import ValidationError


# Polars slices a string by characters from its start, so slicing one long article's text
# at each of its spans costs the article's length per span: the square of its size in all.
# Spans are instead sliced from windows of 2 * WINDOW characters starting at multiples of
# WINDOW; a span no longer than WINDOW lies inside the window of its start. Longer spans
# (whole paragraphs or sentences of text without breaks: few rows) are compared in Python.
WINDOW = 1 << 16
_windows_of: list = []  # (weak reference to the texts frame given, its windows): one per validation


def _windows(given: pl.DataFrame, texts: pl.DataFrame) -> pl.DataFrame:
    """_article, _k, _window: an article of up to 2 * WINDOW characters is its own window 0."""
    if _windows_of and _windows_of[0][0]() is given:
        return _windows_of[0][1]
    small = texts.filter(pl.col("_n") <= 2 * WINDOW).select("_article", pl.lit(0, pl.Int64).alias("_k"), pl.col("_source").alias("_window"))
    rows = [(article, k, source[k * WINDOW:(k + 2) * WINDOW])
            for article, source, n in texts.filter(pl.col("_n") > 2 * WINDOW).select("_article", "_source", "_n").iter_rows()
            for k in range(-(-n // WINDOW))]
    big = pl.DataFrame(rows, schema={"_article": pl.String, "_k": pl.Int64, "_window": pl.String}, orient="row")
    windows = pl.concat([small, big])
    _windows_of[:] = [(weakref.ref(given), windows)]
    return windows


def check_spans(df: pl.DataFrame, meta: TableMeta, texts: pl.DataFrame) -> list[ValidationError]:
    """texts: article_id, source_text (and n, its length in characters, computed when absent).

    Checks every Span the model declares, vectorised: the rows are joined once to their
    article's length (once per article column) and each span compared with a Polars slice of
    the window of the text holding it (WINDOW above), in time linear in the text's size."""
    errors = []
    if not meta.spans:
        return errors
    given = texts
    if "n" not in texts.columns:
        texts = texts.with_columns(n=pl.col("source_text").str.len_chars())
    texts = texts.select(pl.col("article_id").alias("_article"), pl.col("source_text").alias("_source"), pl.col("n").alias("_n"))
    windows = _windows(given, texts)
    sources = None
    joined: dict[str, pl.LazyFrame] = {}
    for span in meta.spans:
        if span.article not in joined:
            columns = sorted({c for sp in meta.spans if sp.article == span.article for c in (sp.start, sp.end, sp.text)})
            joined[span.article] = (
                df.lazy()
                .with_row_index("_index")
                .select("_index", pl.col(span.article).alias("_article"), *columns)
                .join(texts.lazy().select("_article", "_n"), on="_article", how="inner")
            )
        # One lazy pass: out-of-bounds rows and rows whose text differs from the slice,
        # only those collected. Rows with a null start, end or text are skipped (a drift_spans
        # row for a version that lacks the material).
        s, e, t = pl.col(span.start), pl.col(span.end), pl.col(span.text)
        outside = (s < 0) | (e > pl.col("_n")) | (s >= e)
        long = (e - s) > WINDOW
        k = pl.when(pl.col("_n") <= 2 * WINDOW).then(0).otherwise(s.clip(0) // WINDOW).cast(pl.Int64).alias("_k")
        # Clipped so that out-of-bounds rows (reported as such) cannot make the slice fail.
        wrong = pl.when(long).then(False).otherwise(
            pl.col("_window").str.slice((s - pl.col("_k") * WINDOW).clip(0), (e - s).clip(0)) != t)
        bad = (
            joined[span.article]
            .filter(s.is_not_null() & e.is_not_null() & t.is_not_null())
            .with_columns(k)
            .join(windows.lazy(), on=["_article", "_k"], how="left")
            .filter(outside | wrong | (long & ~outside))
            .select(index="_index", s=s, e=e, t=t, n="_n", outside=outside, long=long, article="_article")
            .sort("index")
            .collect()
        )
        if bad.filter(pl.col("long") & ~pl.col("outside")).height:
            sources = sources if sources is not None else dict(texts.select("_article", "_source").iter_rows())
        mismatched = []
        for index, s_, e_, t_, n, out, is_long, article in bad.iter_rows():
            if out:
                errors.append(ValidationError("span-out-of-bounds", resource=meta.name, row=csv_line(index), field=f"{span.start},{span.end}", note=f"[{s_}:{e_}] (article length {n})"))
            elif not is_long or sources[article][s_:e_] != t_:
                mismatched.append((index, s_, e_, t_))
        for index, s_, e_, t_ in mismatched:
            errors.append(ValidationError("span-mismatch", resource=meta.name, row=csv_line(index), field=span.text, cell=t_[:80], note=f"[{s_}:{e_}]"))
    return errors


def check_sources_match(df: pl.DataFrame, meta: TableMeta, actual: pl.DataFrame) -> list[ValidationError]:
    """The table listing the source files (meta.sources) against them. actual: source_path,
    actual_sha256 of the source resources on disk."""
    path, sha = meta.sources.path, meta.sources.sha256
    rows = df.with_row_index().join(actual.rename({"source_path": path}), on=path, how="left")
    errors = []
    for index, rel in rows.filter(pl.col("actual_sha256").is_null()).sort("index").select("index", path).iter_rows():
        errors.append(ValidationError("source-mismatch", resource=meta.name, row=csv_line(index), field=path, cell=rel, note="no source resource has this path"))
    bad = rows.filter(pl.col("actual_sha256").is_not_null() & (pl.col(sha) != pl.col("actual_sha256")))
    for index, declared, real in bad.sort("index").select("index", sha, "actual_sha256").iter_rows():
        errors.append(ValidationError("source-mismatch", resource=meta.name, row=csv_line(index), field=sha, cell=declared, note=f"the file's sha256 is {real}"))
    return errors
