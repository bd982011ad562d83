"""Frictionless Table Schemas derived from the Pandera models (one source of truth)."""

from __future__ import annotations

import polars as pl

from newsprov.schemas.base import table_meta

# Polars dtype -> Table Schema field type.
FIELD_TYPES = {
    pl.String: "string",
    pl.Int64: "integer",
    pl.Int32: "integer",
    pl.Float64: "number",
    pl.Boolean: "boolean",
    pl.Date: "date",
}


def _unanchor(pattern: str) -> str:
    """Table Schema patterns match the whole value; drop the anchors Pandera needs."""
    if pattern.startswith("^(?:") and pattern.endswith(")$"):
        return pattern[4:-2]
    return pattern


def _constraints(column) -> dict:
    out: dict = {}
    if not column.nullable:
        out["required"] = True
    if column.unique:
        out["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "greater_than_or_equal_to":
            out["minimum"] = stats["min_value"]
        elif check.name == "greater_than":
            out["minimum"] = stats["min_value"] + 1  # integers only
        elif check.name == "less_than_or_equal_to":
            out["maximum"] = stats["max_value"]
        elif check.name == "in_range":
            out["minimum"], out["maximum"] = stats["min_value"], stats["max_value"]
        elif check.name == "isin":
            if isinstance(stats["allowed_values"], str):
                # (Pandera unpacks a tuple given to Field(isin=...): a one-value tuple becomes
                # its string, whose characters would be the enum; pass a list)
                raise TypeError(f"isin check of column {column.name!r} has a string, not a collection, of allowed values")
            out["enum"] = list(stats["allowed_values"])
        elif check.name == "str_matches":
            out["pattern"] = _unanchor(stats["pattern"])
        elif check.name == "str_length":
            if stats.get("min_value") is not None:
                out["minLength"] = stats["min_value"]
            if stats.get("max_value") is not None:
                out["maxLength"] = stats["max_value"]
    return out


def table_schema(model) -> dict:
    """The Table Schema of a model's CSV: fields, constraints, primaryKey, foreignKeys."""
    schema = model.to_schema()
    meta = table_meta(model)
    fields = []
    for name, column in schema.columns.items():
        field = {"name": name, "type": FIELD_TYPES[column.dtype.type]}
        if column.description:
            field["description"] = column.description
        constraints = _constraints(column)
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    out: dict = {"fields": fields, "missingValues": [""], "primaryKey": list(meta.primary_key)}
    if meta.foreign_keys:
        out["foreignKeys"] = [
            {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
            for fk in meta.foreign_keys
        ]
    return out
