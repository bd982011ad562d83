"""Validation fails, naming the rows, when drifts or drift_spans stop being true of the data."""

from __future__ import annotations

import polars as pl

from conftest import edit_csv, rehash
from newsprov.validators.run import validate

TABLES = "dataset/tables"


def _rows(root, table: str) -> pl.DataFrame:
    return pl.read_csv(root / TABLES / f"{table}.csv", infer_schema=False).with_row_index()


def _errors(root) -> list[list]:
    return validate(root).flatten(["type", "resource", "row", "field"])


def test_the_published_drift_tables_are_valid(embedded_copy):
    assert _errors(embedded_copy) == []


def test_a_side_count_that_is_not_the_versions_on_that_side(embedded_copy):
    row = _rows(embedded_copy, "drifts").row(0, named=True)
    edit_csv(embedded_copy / TABLES / "drifts.csv", row["index"] + 2, "n_b", str(int(row["n_b"]) + 1))
    rehash(embedded_copy, "drifts")
    assert _errors(embedded_copy) == [["cross-table", "drifts", row["index"] + 2, "n_b"]]


def test_a_span_whose_text_is_not_at_its_offsets(embedded_copy):
    spans = _rows(embedded_copy, "drift_spans").filter(pl.col("start") != "")
    row = spans.row(0, named=True)
    edit_csv(embedded_copy / TABLES / "drift_spans.csv", row["index"] + 2, "start", str(int(row["start"]) + 1))
    rehash(embedded_copy, "drift_spans")
    assert ["span-mismatch", "drift_spans", row["index"] + 2, "text"] in _errors(embedded_copy)


def test_a_span_of_an_unknown_drift_or_article(embedded_copy):
    path = embedded_copy / TABLES / "drift_spans.csv"
    edit_csv(path, 2, "drift_id", "d999999")
    edit_csv(path, 3, "article_id", "no-such-article")
    rehash(embedded_copy, "drift_spans")
    errors = _errors(embedded_copy)
    assert ["foreign-key", "drift_spans", 2, "drift_id"] in errors
    assert ["foreign-key", "drift_spans", 3, "article_id"] in errors


def test_a_kind_outside_the_taxonomy_and_a_third_side(embedded_copy):
    edit_csv(embedded_copy / TABLES / "drifts.csv", 2, "kind", "typo")
    rehash(embedded_copy, "drifts")
    edit_csv(embedded_copy / TABLES / "drift_spans.csv", 2, "side", "c")
    rehash(embedded_copy, "drift_spans")
    flat = _errors(embedded_copy)
    assert [e for e in flat if e[1] == "drifts" and e[3] == "kind"] and [e for e in flat if e[1] == "drift_spans" and e[3] == "side"]


def test_a_null_span_where_no_rule_says_a_version_can_lack_the_material(embedded_copy):
    drifts = _rows(embedded_copy, "drifts")
    spans = _rows(embedded_copy, "drift_spans").join(drifts.drop("index"), on="drift_id")
    # side a of an attribution row: the version prints the reading, it cannot lack it
    row = spans.filter((pl.col("kind") == "attribution") & (pl.col("side") == "a")).row(0, named=True)
    path = embedded_copy / TABLES / "drift_spans.csv"
    for column in ("start", "end", "text"):
        edit_csv(path, row["index"] + 2, column, "")
    rehash(embedded_copy, "drift_spans")
    errors = [e for e in _errors(embedded_copy) if e[0] == "cross-table"]
    assert ["cross-table", "drift_spans", row["index"] + 2, "start"] in errors


def test_an_omission_printed_by_a_version_said_to_lack_it(embedded_copy):
    drifts = _rows(embedded_copy, "drifts")
    spans = _rows(embedded_copy, "drift_spans").join(drifts.drop("index"), on="drift_id")
    omission = spans.filter(pl.col("kind") == "omission")
    lacking = omission.filter(pl.col("side") == "b").row(0, named=True)
    printing = omission.filter((pl.col("side") == "a") & (pl.col("drift_id") == lacking["drift_id"])).row(0, named=True)
    path = embedded_copy / TABLES / "drift_spans.csv"
    edit_csv(path, lacking["index"] + 2, "article_id", printing["article_id"])
    rehash(embedded_copy, "drift_spans")
    errors = [e for e in _errors(embedded_copy) if e[0] == "cross-table"]
    assert ["cross-table", "drift_spans", lacking["index"] + 2, "article_id"] in errors
