"""The one-pass model check (validators.model_pass) reports exactly what Pandera on the whole schema reports.

The fast route only decides which parts of a schema failed; if it wrongly passed a
part, an error would go missing. These tests corrupt the embedded tables cell by cell
(random cells, random kinds of damage) and compare the errors of both routes."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprov.core.layout import embedded
from newsprov.schemas.registry import models
from newsprov.validators import model_pass, tables

MODELS = models()


@pytest.fixture(scope="module")
def typed_tables() -> dict[str, pl.DataFrame]:
    layout = embedded()
    out = {}
    for name, model in MODELS.items():
        df, errors = tables.read_table(layout.tables_dir / f"{name}.csv", model, name)
        assert df is not None and not errors, name
        out[name] = df
    return out


def both(df: pl.DataFrame, name: str) -> tuple[list, list]:
    fast = tables.check_model(df, MODELS[name], name)
    whole = tables.check_model(df, MODELS[name], name, one_pass=False)
    return [e.to_dict() for e in fast], [e.to_dict() for e in whole]


def test_every_embedded_table_passes_both_routes(typed_tables):
    for name, df in typed_tables.items():
        failed = model_pass.failed_parts(df, MODELS[name].to_schema())
        assert failed is not None and not failed, name
        assert both(df, name) == ([], [])


def damaged(df: pl.DataFrame, column: str, row: int, how: str, other: int) -> pl.DataFrame:
    dtype = df.schema[column]
    if how == "null":
        value = None
    elif how == "copy":  # another row's value: duplicates keys, breaks spans and patterns
        value = df[column][other]
    elif dtype == pl.String:
        value = {"empty": "", "odd": "Not An Id!", "long": "x" * 300}.get(how, "?")
    elif dtype.is_integer():
        value = {"empty": -1, "odd": -10**6, "long": 10**9}.get(how, 0)
    else:
        value = None
    values = df[column].to_list()
    values[row] = value
    return df.with_columns(pl.Series(column, values, dtype=dtype))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_cell_gives_the_same_errors_by_both_routes(typed_tables, data):
    name = data.draw(st.sampled_from(sorted(n for n, df in typed_tables.items() if df.height >= 2)))
    df = typed_tables[name]
    for _ in range(data.draw(st.integers(1, 3))):
        column = data.draw(st.sampled_from(df.columns))
        row = data.draw(st.integers(0, df.height - 1))
        other = data.draw(st.integers(0, df.height - 1))
        how = data.draw(st.sampled_from(["null", "copy", "empty", "odd", "long"]))
        df = damaged(df, column, row, how, other)
    fast, whole = both(df, name)
    assert fast == whole


def test_a_duplicate_key_is_reported_by_pandera_with_its_rows(typed_tables):
    df = damaged(typed_tables["quotes"], "quote_id", 3, "copy", 1)
    fast, whole = both(df, "quotes")
    assert fast == whole
    assert [e["type"] for e in fast] == ["unique-error", "unique-error"]
    assert sorted(e["rowNumber"] for e in fast) == [3, 5]  # CSV rows: header is row 1


def test_frames_the_pass_cannot_mirror_go_to_pandera_whole(typed_tables):
    df = typed_tables["quotes"].drop("method")
    assert model_pass.failed_parts(df, MODELS["quotes"].to_schema()) is None
    fast, whole = both(df, "quotes")
    assert fast == whole and fast


def test_if_the_pass_breaks_pandera_answers_alone(typed_tables, monkeypatch):
    """The pass borrows Pandera's check backend; should that change or a check raise, the
    errors still come, from Pandera on the whole schema."""
    df = damaged(typed_tables["quotes"], "kind", 2, "odd", 0)
    expected = both(df, "quotes")[1]
    assert expected and any(e["fieldName"] == "kind" for e in expected)

    def broken(*args, **kwargs):
        raise AttributeError("changed internals")

    monkeypatch.setattr(model_pass, "_check_passed", broken)
    assert model_pass.failed_parts(df, MODELS["quotes"].to_schema()) is None
    assert [e.to_dict() for e in tables.check_model(df, MODELS["quotes"], "quotes")] == expected
