"""Tables against their Pandera models, then primary and foreign keys, all vectorised."""

from __future__ import annotations

import json
from pathlib import Path

import pandera.errors
import polars as pl

from newsprov.schemas.base import TableMeta
from newsprov.validators import model_pass
from newsprov.validators.errors import ValidationError

HEADER_ROWS = 1  # CSV row numbers count the header as row 1, as Frictionless does


def csv_line(index: int) -> int:
    """The CSV line of a table's 0-based row (the header is line 1)."""
    return int(index) + HEADER_ROWS + 1


def read_table(path: Path, model, name: str) -> tuple[pl.DataFrame | None, list[ValidationError]]:
    """Read a CSV as text, then cast each column to its model's type, reporting bad cells."""
    try:
        raw = pl.read_csv(path, infer_schema=False)
    except (pl.exceptions.PolarsError, UnicodeDecodeError, OSError) as exc:
        return None, [ValidationError("table-error", resource=name, note=str(exc).splitlines()[0])]
    columns = model.to_schema().columns
    # (a column the model marks optional may be absent: packages built before it existed)
    errors = [ValidationError("missing-column", resource=name, field=c) for c, col in columns.items() if c not in raw.columns and col.required]
    errors += [ValidationError("extra-column", resource=name, field=c) for c in raw.columns if c not in columns]
    if errors:
        return None, errors
    columns = {c: col for c, col in columns.items() if c in raw.columns}
    casts = []
    for column_name, column in columns.items():
        dtype = column.dtype.type
        col = pl.col(column_name)
        if dtype == pl.Date:
            casts.append(col.str.to_date("%Y-%m-%d", strict=False))
        elif dtype == pl.Boolean:
            casts.append(col.replace_strict({"true": True, "false": False}, default=None, return_dtype=pl.Boolean))
        else:
            casts.append(col.cast(dtype, strict=False))
    typed = raw.select(casts)
    for column_name, column in columns.items():
        if column.dtype.type == pl.String:
            continue  # read as text: nothing to fail
        bad = (raw[column_name].is_not_null() & typed[column_name].is_null()).arg_true()
        for index, cell in zip(bad.to_list(), raw[column_name].gather(bad).to_list()):
            errors.append(ValidationError("type-error", resource=name, row=csv_line(index), field=column_name, cell=cell, note=str(column.dtype)))
    return typed, errors


def check_model(df: pl.DataFrame, model, name: str, one_pass: bool = True) -> list[ValidationError]:
    """Every failure of the model, lazily (all of them, not the first).

    All checks run first in one parallel pass (model_pass); Pandera then reports the
    failures of the parts that failed, from a schema restricted to them. one_pass=False:
    Pandera validates the whole schema (the same errors, slower)."""
    schema = model.to_schema()
    failed = model_pass.failed_parts(df, schema) if one_pass else None
    if failed is not None and not failed:
        return []
    try:
        (schema if failed is None else model_pass.restricted(schema, failed)).validate(df, lazy=True)
        return []
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    errors = []
    for context, column, check, index, cell in cases.select("schema_context", "column", "check", "index", "failure_case").iter_rows():
        row = csv_line(index) if index is not None else None
        if context == "DataFrameSchema" and column == name:
            if check in ("column_in_dataframe", "column_in_schema"):
                kind = "missing-column" if check == "column_in_dataframe" else "extra-column"
                errors.append(ValidationError(kind, resource=name, field=cell))
            else:
                errors.append(ValidationError("row-constraint", resource=name, row=row, cell=_short(cell), note=check))
        elif check == "not_nullable":
            errors.append(ValidationError("required-error", resource=name, row=row, field=column))
        elif check == "field_uniqueness":
            errors.append(ValidationError("unique-error", resource=name, row=row, field=column, cell=cell))
        elif str(check).startswith("dtype("):
            errors.append(ValidationError("type-error", resource=name, row=row, field=column, cell=cell, note=check))
        else:
            errors.append(ValidationError("constraint-error", resource=name, row=row, field=column, cell=cell, note=check))
    return errors


def _short(cell) -> str:
    try:
        return json.dumps(json.loads(cell), ensure_ascii=False)[:200]
    except (TypeError, ValueError):
        return str(cell)[:200]


def check_primary_key(df: pl.DataFrame, meta: TableMeta) -> list[ValidationError]:
    key = list(meta.primary_key)
    if len(key) == 1:
        return []  # a one-column key is declared unique in the model and checked there
    dup = df.with_row_index().filter(pl.struct(key).is_duplicated())
    return [
        ValidationError("primary-key", resource=meta.name, row=csv_line(r[0]), cell=", ".join(map(str, r[1:])))
        for r in dup.select(["index", *key]).iter_rows()
    ]


def check_foreign_keys(tables: dict[str, pl.DataFrame], metas: dict[str, TableMeta]) -> list[ValidationError]:
    errors = []
    for name, meta in metas.items():
        if name not in tables:
            continue
        for fk in meta.foreign_keys:
            errors += check_foreign_key(name, tables[name], fk, tables.get(fk.resource))
    return errors


def check_foreign_key(name: str, df: pl.DataFrame, fk, target: pl.DataFrame | None) -> list[ValidationError]:
    """One foreign key of table `name`: every non-null value has a row in target (None: the target is missing).
    A key over a column the table lacks (an optional column, absent from packages built before it) holds."""
    if not set(fk.fields) <= set(df.columns):
        return []
    if target is None:
        return [ValidationError("foreign-key", resource=name, field=",".join(fk.fields), note=f"{fk.resource} (resource missing)")]
    ref = target.lazy().select([pl.col(r).alias(f) for f, r in zip(fk.fields, fk.reference)])  # an anti join needs no unique()
    missing = (
        df.lazy().select(list(fk.fields)).with_row_index().drop_nulls(list(fk.fields))
        .join(ref, on=list(fk.fields), how="anti", nulls_equal=False)
        .sort("index").select(["index", *fk.fields]).collect()
    )
    return [
        ValidationError("foreign-key", resource=name, row=csv_line(row[0]), field=",".join(fk.fields), cell=", ".join(map(str, row[1:])), note=f"{fk.resource}.{','.join(fk.reference)}")
        for row in missing.iter_rows()
    ]
