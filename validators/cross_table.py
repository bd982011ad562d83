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


def check_within(tables: dict[str, pl.DataFrame], metas: dict) -> list[ValidationError]:
    """Each declared Within: the row's span lies inside the referenced row's span."""
    errors = []
    for name, meta in metas.items():
        df = tables.get(name)
        for rule in meta.within:
            other = tables.get(rule.resource)
            if df is None or other is None:
                continue
            ref = other.select(pl.col(metas[rule.resource].primary_key[0]).alias(rule.key), pl.col("start").alias("_s"), pl.col("end").alias("_e"))
            rows = df.with_row_index().filter(pl.col(rule.key).is_not_null()).join(ref, on=rule.key, how="inner")
            inside = (pl.col(rule.start) >= pl.col("_s")) & (pl.col(rule.start) < pl.col("_e"))
            if rule.end is not None:
                inside &= pl.col(rule.end) <= pl.col("_e")
            for index, key, s, e in rows.filter(~inside).select("index", rule.key, "_s", "_e").iter_rows():
                errors.append(ValidationError("cross-table", resource=name, row=_row(index), field=rule.key, cell=key, note=f"does not hold this row's span (it spans [{s}:{e}])"))
    return errors


def check_agrees(tables: dict[str, pl.DataFrame], metas: dict) -> list[ValidationError]:
    """Each declared Agrees: a column equals the referenced row's value where that is set."""
    errors = []
    for name, meta in metas.items():
        df = tables.get(name)
        for rule in meta.agrees:
            other = tables.get(rule.resource)
            if df is None or other is None:
                continue
            ref = other.select(pl.col(rule.reference).alias(rule.key), pl.col(rule.other).alias("_other")).unique(rule.key, keep="first")
            rows = df.with_row_index().filter(pl.col(rule.key).is_not_null()).join(ref, on=rule.key, how="inner").filter(pl.col("_other").is_not_null())
            wrong = rows.filter(pl.col(rule.column).is_null() | (pl.col(rule.column) != pl.col("_other")))
            for index, value, expected in wrong.select("index", rule.column, "_other").iter_rows():
                errors.append(ValidationError("cross-table", resource=name, row=_row(index), field=rule.column, cell=value, note=f"should be {expected!r}, the {rule.other} of {rule.resource} row {rule.key} it references"))
    return errors
