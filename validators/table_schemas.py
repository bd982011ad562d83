"""Each table resource's declared Table Schema against the one its Pandera model gives.

The models are the single source of truth; the descriptor's schemas are generated from them
(schemas/frictionless.py). newsprov reads tables through the models, `frictionless validate`
through the descriptor: where the two disagree, one validator could accept a table the other
refuses. So the declared schema may not contradict the model:

* field names and their order, each field's type and format, the primary key, missing
  values, the other field and schema properties that change how a cell is read, and the
  resource's format (UTF-8 CSV, default dialect) must be the model's;
* a foreign key the model does not have is a mismatch; one the descriptor leaves out is not
  (newsprov checks the model's keys anyway, and releases made before a key was added to the
  model stay valid);
* a constraint equal to the model's, or one the descriptor leaves out, is fine; a constraint
  the model does not have (an older release's narrower enum, a maximum someone added) is
  checked against the data as frictionless checks it (`declared_constraint_errors`), and the
  rows breaking it are invalid: frictionless would refuse them. A constraint newsprov cannot
  check that way is a mismatch.

Descriptive properties (title, description, examples, rdfType) may differ.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import polars as pl

from newsprov.schemas.frictionless import table_schema
from newsprov.validators.errors import ValidationError

DESCRIPTIVE = frozenset({"title", "description", "examples", "example", "rdfType"})
# Resource properties that change how frictionless reads the file, with the values newsprov writes.
READING = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "scheme": "file"}
NOT_ALLOWED = ("dialect", "compression", "innerpath", "extrapaths", "data")


@dataclass(frozen=True)
class Declared:
    """A constraint the descriptor declares for a column and the model does not: checked on the data."""

    column: str
    key: str
    value: object


def check_table_schema(resource: dict, model) -> tuple[list[ValidationError], list[Declared]]:
    """Errors of a resource named like one of newsprov's tables, against that table's model,
    and the declared constraints to check on the table's rows."""
    return check_resource(resource, _expected(model), _optional(model))


@functools.cache
def _optional(model) -> frozenset[str]:
    """Columns the model lets a table leave out (added after packages that lack them were published)."""
    return frozenset(name for name, column in model.to_schema().columns.items() if not column.required)


@functools.cache
def _expected(model) -> dict:
    return table_schema(model)


def check_resource(resource: dict, expected: dict, optional: frozenset[str] = frozenset()) -> tuple[list[ValidationError], list[Declared]]:
    name = resource["name"]
    errors, declared_checks = [], []
    for prop, value in READING.items():
        declared = resource.get(prop, value)
        if not (isinstance(declared, str) and declared.lower().replace("utf8", "utf-8") == value):
            errors.append(ValidationError("table-format-mismatch", resource=name, cell=declared, note=f"{prop} must be {value!r}"))
    for prop in NOT_ALLOWED:
        if prop in resource:
            errors.append(ValidationError("table-format-mismatch", resource=name, cell=resource[prop], note=f"{prop} must be absent"))
    if resource.get("type", "table") != "table":
        errors.append(ValidationError("table-format-mismatch", resource=name, cell=resource.get("type"), note="type must be 'table'"))
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        return errors + [ValidationError("schema-mismatch", resource=name, note=f"schema is {_kind(schema)}, not a Table Schema object")], []
    fields = schema.get("fields")
    if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
        return errors + [ValidationError("schema-mismatch", resource=name, note="schema.fields is not a list of fields with names")], []

    declared = {f["name"]: f for f in fields}
    model = {f["name"]: f for f in expected["fields"]}
    names = [f["name"] for f in fields]
    model_names = [c for c in model if c in declared or c not in optional]
    if names != model_names:
        missing = [c for c in model_names if c not in declared]
        extra = [c for c in names if c not in model]
        parts = [f"missing {', '.join(missing)}"] if missing else []
        parts += [f"not in the model: {', '.join(extra)}"] if extra else []
        if len(set(names)) != len(names):
            parts.append("a field is declared twice")
        if not parts:
            parts.append(f"order {', '.join(names)} instead of {', '.join(model_names)}")
        errors.append(ValidationError("schema-field-mismatch", resource=name, note="; ".join(parts)))
    for column in (c for c in model_names if c in declared):
        got, want = declared[column], model[column]
        if (got.get("type", "string"), got.get("format", "default")) != (want["type"], want.get("format", "default")):
            errors.append(ValidationError("schema-type-mismatch", resource=name, field=column, cell=_type(got), note=_type(want)))
            continue  # its constraints mean something else
        constraints, model_constraints = got.get("constraints", {}), want.get("constraints", {})
        if not isinstance(constraints, dict):
            errors.append(ValidationError("schema-constraint-mismatch", resource=name, field=column, cell=constraints, note=model_constraints))
        elif constraints != model_constraints:
            for key, value in constraints.items():
                if key in model_constraints and _same(model_constraints[key], value):
                    continue
                usable = _usable(key, value, want["type"])
                if usable is None:
                    continue  # frictionless ignores it for this type, and so may newsprov
                if usable:
                    declared_checks.append(Declared(column, key, value))
                else:
                    errors.append(ValidationError("schema-constraint-mismatch", resource=name, field=column, cell={key: value}, note=model_constraints))
        other = sorted(k for k in (set(got) | set(want)) - DESCRIPTIVE - {"name", "type", "format", "constraints"} if got.get(k) != want.get(k))
        if other:
            errors.append(ValidationError("schema-mismatch", resource=name, field=column, note=f"field {column!r}: {', '.join(other)} differ from the model"))

    if _key(schema.get("primaryKey")) != _key(expected.get("primaryKey")):
        errors.append(ValidationError("schema-primary-key-mismatch", resource=name, cell=schema.get("primaryKey"), note=expected.get("primaryKey")))
    declared_fks, model_fks = _foreign_keys(schema.get("foreignKeys")), _foreign_keys(expected.get("foreignKeys"))
    if not isinstance(declared_fks, list) or not set(declared_fks) <= set(model_fks):
        errors.append(ValidationError("schema-foreign-key-mismatch", resource=name, cell=schema.get("foreignKeys"), note=expected.get("foreignKeys", [])))
    other = sorted(k for k in (set(schema) | set(expected)) - DESCRIPTIVE - {"fields", "primaryKey", "foreignKeys"} if schema.get(k) != expected.get(k))
    if other:
        errors.append(ValidationError("schema-mismatch", resource=name, note=f"{', '.join(other)} differ from the model's ({', '.join(f'{k}={expected.get(k)!r}' for k in other)})"))
    return errors, declared_checks


def _same(a, b) -> bool:
    return type(a) is type(b) and a == b


# Constraints frictionless checks on cells of each field type (schema/field.py supported_constraints).
SUPPORTED = {
    "string": {"required", "unique", "minLength", "maxLength", "pattern", "enum"},
    "integer": {"required", "unique", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"},
    "number": {"required", "unique", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"},
    "date": {"required", "unique", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"},
    "boolean": {"required", "unique", "enum"},
}
KNOWN = {"required", "unique", "minLength", "maxLength", "pattern", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}


def _usable(key: str, value, field_type: str) -> bool | None:
    """True when newsprov can check the declared constraint on the data as frictionless does;
    None when frictionless ignores it for this field type; False otherwise (a mismatch)."""
    if key in KNOWN and key not in SUPPORTED.get(field_type, set()):
        return None
    if key in ("required", "unique"):
        return isinstance(value, bool)
    if key in ("minLength", "maxLength"):
        return type(value) is int
    if key == "pattern":
        try:
            re.compile(value)
        except (re.error, TypeError):
            return False
        return isinstance(value, str)
    if key == "enum":
        return isinstance(value, list) and _cast(value, field_type) is not None
    if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return _cast([value], field_type) is not None
    return False


def _cast(values: list, field_type: str) -> list | None:
    """Constraint values as the column's Python values (frictionless reads them as cells), or None."""
    out = []
    for value in values:
        if field_type == "string":
            if not isinstance(value, str):
                return None
            out.append(value)
        elif field_type in ("integer", "number"):
            if isinstance(value, bool):
                return None
            if isinstance(value, str):
                try:
                    value = int(value) if field_type == "integer" else float(value)
                except ValueError:
                    return None
            if not isinstance(value, (int, float)) or (field_type == "integer" and isinstance(value, float) and not value.is_integer()):
                return None
            out.append(value)
        elif field_type == "date":
            try:
                out.append(dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None)
            except ValueError:
                return None
            if out[-1] is None:
                return None
        elif field_type == "boolean":
            if not isinstance(value, bool):
                return None
            out.append(value)
        else:
            return None
    return out


def declared_constraint_errors(df: pl.DataFrame, name: str, checks: list[Declared], model) -> list[ValidationError]:
    """Rows breaking constraints the descriptor declares beyond the model (constraint-error), as frictionless finds them."""
    from newsprov.validators.tables import csv_line

    field_types = {f["name"]: f["type"] for f in _expected(model)["fields"]}
    errors = []
    for check in checks:
        if check.column not in df.columns:
            continue
        col = df[check.column]
        key, value = check.key, check.value
        if key == "required":
            bad = col.is_null() if value else None
        elif key == "unique":
            bad = (col.is_not_null() & ~col.is_first_distinct()) if value else None
        elif key == "minLength":
            bad = col.str.len_chars() < value
        elif key == "maxLength":
            bad = col.str.len_chars() > value
        elif key == "pattern":
            regex = re.compile(f"^{value}$")  # frictionless' anchoring, with Python's re
            unique = col.drop_nulls().unique()
            failing = [v for v in unique.to_list() if not regex.match(v)]
            bad = col.is_in(failing) if failing else None
        elif key == "enum":
            bad = col.is_not_null() & ~col.is_in(_cast(value, field_types[check.column]))
        else:
            bound = _cast([value], field_types[check.column])[0]
            compare = {"minimum": col.lt, "maximum": col.gt, "exclusiveMinimum": col.le, "exclusiveMaximum": col.ge}[key]
            bad = compare(bound) | (col.is_nan() if col.dtype.is_float() else False)
        if bad is None:
            continue
        bad = bad.fill_null(False)
        for index, cell in zip(bad.arg_true().to_list(), col.filter(bad).to_list()):
            errors.append(ValidationError("constraint-error", resource=name, row=csv_line(index), field=check.column, cell=cell,
                                          note=f"the descriptor's constraint {key} = {value!r} (not in the model; frictionless checks it)"))
    return errors


def _kind(value) -> str:
    return "absent" if value is None else f"a {type(value).__name__}"


def _type(field: dict) -> str:
    fmt = field.get("format", "default")
    return str(field.get("type", "string")) + ("" if fmt == "default" else f" ({fmt})")


def _key(value) -> object:
    """A primary key as a list (a single field name may be given as a string)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _foreign_keys(value) -> object:
    """Foreign keys in a comparable form: field lists, in any order of the keys."""
    if value is None:
        return []
    if not isinstance(value, list):
        return value
    out = []
    for fk in value:
        if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
            return None
        ref = fk["reference"]
        out.append(repr((_key(fk.get("fields")), ref.get("resource"), _key(ref.get("fields")))))
    return sorted(out)
