"""Which sentence holds a span: the link from extracted rows to the sentences table."""

from __future__ import annotations

import polars as pl


def sentence_of(rows: pl.DataFrame, sentences: pl.DataFrame, position: str = "start") -> pl.Series:
    """For each row, the sentence_id of the sentence containing rows[position], or null."""
    if rows.is_empty():
        return pl.Series("sentence_id", [], dtype=pl.String)
    spans = sentences.select("article_id", pl.col("start").alias("_s"), pl.col("end").alias("_e"), "sentence_id").sort("article_id", "_s")
    found = (
        rows.select("article_id", pl.col(position).alias("_p")).with_row_index("_i")
        .sort("article_id", "_p")
        .join_asof(spans, left_on="_p", right_on="_s", by="article_id", strategy="backward", check_sortedness=False)
        .sort("_i")
    )
    return found.select(pl.when(pl.col("_p") < pl.col("_e")).then(pl.col("sentence_id"))).to_series().alias("sentence_id")
