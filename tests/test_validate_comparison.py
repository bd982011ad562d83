"""Validation fails, naming the rows, when a comparison table stops being true of the data."""

from __future__ import annotations

import polars as pl

from conftest import edit_csv, rehash
from newsprov.validators.run import validate

TABLES = "dataset/tables"


def _line(root, table: str, **match) -> int:
    """The CSV line (header = 1) of the first row matching every column=value given."""
    df = pl.read_csv(root / TABLES / f"{table}.csv", infer_schema=False).with_row_index()
    for column, value in match.items():
        df = df.filter(pl.col(column) == value)
    return df["index"][0] + 2


def _cross(root) -> list[list]:
    return [e for e in validate(root).flatten(["type", "resource", "row", "field"]) if e[0] == "cross-table"]


def _member(root, relation: str) -> dict:
    df = pl.read_csv(root / TABLES / "quote_groups.csv", infer_schema=False)
    return df.filter(pl.col("relation") == relation).row(0, named=True)


def test_the_published_comparison_tables_are_consistent(embedded_copy):
    assert _cross(embedded_copy) == []


def test_a_relation_that_is_not_true_of_the_texts(embedded_copy):
    truncated, typographic = _member(embedded_copy, "truncated"), _member(embedded_copy, "typographic")
    path = embedded_copy / TABLES / "quote_groups.csv"
    lines = [_line(embedded_copy, "quote_groups", quote_id=m["quote_id"]) for m in (truncated, typographic)]
    edit_csv(path, lines[0], "relation", "identical")
    edit_csv(path, lines[1], "relation", "identical")
    rehash(embedded_copy, "quote_groups")
    assert _cross(embedded_copy) == [["cross-table", "quote_groups", line, "relation"] for line in sorted(lines)]
    assert {e.rule for e in validate(embedded_copy).errors} == {"quote-relation"}  # the model's rule that found them


def test_a_group_left_with_one_article(embedded_copy):
    groups = pl.read_csv(embedded_copy / TABLES / "quote_groups.csv", infer_schema=False)
    # A non-reference member of a group spanning three or more articles, moved to a new group.
    member = groups.filter((pl.col("relation") != "reference") & (pl.col("n_articles").cast(int) >= 3)).row(0, named=True)
    line = _line(embedded_copy, "quote_groups", quote_id=member["quote_id"])
    edit_csv(embedded_copy / TABLES / "quote_groups.csv", line, "group_id", "q9999")
    rehash(embedded_copy, "quote_groups")
    flat = _cross(embedded_copy)
    assert ["cross-table", "quote_groups", line, "group_id"] in flat  # spans one article; no reference
    assert ["cross-table", "quote_groups", line, "n_articles"] in flat
    first_of_old = _line(embedded_copy, "quote_groups", group_id=member["group_id"])
    assert ["cross-table", "quote_groups", first_of_old, "n_articles"] in flat


def _relabel_first_group(root, agreement: str, new_agreement: str, differs: str) -> list[int]:
    """Set agreement and differs on every row of the first figure group with this agreement; its CSV lines."""
    path = root / TABLES / "figure_groups.csv"
    groups = pl.read_csv(path, infer_schema=False).with_row_index()
    group = groups.filter(pl.col("agreement") == agreement)["group_id"][0]
    lines = [i + 2 for i in groups.filter(pl.col("group_id") == group)["index"]]
    for line in lines:
        edit_csv(path, line, "agreement", new_agreement)
        edit_csv(path, line, "differs", differs)
    rehash(root, "figure_groups")
    return lines


def test_a_conflicting_figure_group_marked_consistent(embedded_copy):
    lines = _relabel_first_group(embedded_copy, "conflicting", "consistent", "")
    assert _cross(embedded_copy) == [["cross-table", "figure_groups", line, "agreement"] for line in lines]


def test_a_difference_claimed_where_members_agree(embedded_copy):
    lines = _relabel_first_group(embedded_copy, "consistent", "conflicting", "value")
    assert _cross(embedded_copy) == [["cross-table", "figure_groups", line, "differs"] for line in lines]


def test_a_member_span_that_is_not_its_quote(embedded_copy):
    member = _member(embedded_copy, "identical")
    line = _line(embedded_copy, "quote_groups", quote_id=member["quote_id"])
    edit_csv(embedded_copy / TABLES / "quote_groups.csv", line, "start", str(int(member["start"]) + 1))
    rehash(embedded_copy, "quote_groups")
    assert _cross(embedded_copy) == [["cross-table", "quote_groups", line, "start"]]


def test_a_figure_group_row_pointing_at_a_missing_sentence(embedded_copy):
    edit_csv(embedded_copy / TABLES / "figure_groups.csv", 2, "sentence_id", "000_4b0563042a307713:s9999")
    rehash(embedded_copy, "figure_groups")
    assert validate(embedded_copy).flatten(["type", "resource", "row", "field"]) == [["foreign-key", "figure_groups", 2, "sentence_id"]]
