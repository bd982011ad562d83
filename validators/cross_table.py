"""Rules that span tables: counts an article records match the rows that exist."""

from __future__ import annotations

import polars as pl

from newsprov.validators.errors import ValidationError
from newsprov.validators.tables import _row

# articles column -> table whose rows per article it counts
COUNTED = {"n_paragraphs": "paragraphs", "n_sentences": "sentences"}


def check_article_counts(tables: dict[str, pl.DataFrame]) -> list[ValidationError]:
    articles = tables.get("articles")
    if articles is None:
        return []
    errors = []
    for column, table in COUNTED.items():
        if table not in tables or column not in articles.columns:
            continue
        counts = tables[table].group_by("article_id").agg(actual=pl.len().cast(pl.Int64))
        rows = articles.with_row_index().join(counts, on="article_id", how="left").with_columns(pl.col("actual").fill_null(0))
        for index, claimed, actual in rows.filter(pl.col(column) != pl.col("actual")).select("index", column, "actual").iter_rows():
            errors.append(ValidationError("row-constraint", resource="articles", row=_row(index), field=column, cell=claimed, note=f"count-matches-{table} ({table} has {actual} rows for this article)"))
    return errors
