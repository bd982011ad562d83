"""The data dictionary, generated from the Pandera models (README's section)."""

from __future__ import annotations

from newsprov.schemas.base import table_meta
from newsprov.schemas.frictionless import table_schema
from newsprov.schemas.registry import models


def _constraints(field: dict) -> str:
    c = dict(field.get("constraints", {}))
    parts = []
    if c.pop("required", False):
        parts.append("required")
    if c.pop("unique", False):
        parts.append("unique")
    for key, value in c.items():
        parts.append(f"{key} `{value}`" if key != "enum" else "one of " + ", ".join(f"`{v}`" for v in value))
    return "; ".join(parts) or "nullable"


def markdown() -> str:
    """One section per table: key, references, and a row per column."""
    out = []
    for name, model in models().items():
        meta = table_meta(model)
        schema = table_schema(model)
        out.append(f"### `{name}` — {meta.title}\n\n{meta.description}\n")
        out.append(f"Primary key: `{', '.join(meta.primary_key)}`.")
        for fk in meta.foreign_keys:
            out.append(f" `{', '.join(fk.fields)}` references `{fk.resource}.{', '.join(fk.reference)}`.")
        if meta.spans:
            spans = ", ".join(f"`{s.text}` = source[`{s.start}`:`{s.end}`]" for s in meta.spans)
            out.append(f" Provenance: {spans}.")
        out.append("\n\n| column | type | constraints | description |\n|---|---|---|---|\n")
        for field in schema["fields"]:
            out.append(f"| `{field['name']}` | {field['type']} | {_constraints(field)} | {field.get('description', '')} |\n")
        out.append("\n")
    return "".join(out)


START, END = "<!-- dictionary:start -->", "<!-- dictionary:end -->"


def splice(readme: str, dictionary: str) -> str:
    """README text with the part between the dictionary markers replaced."""
    head, sep, rest = readme.partition(START)
    if not sep or END not in rest:
        raise ValueError(f"README has no {START} … {END} section")
    return f"{head}{START}\n{dictionary}{END}{rest.partition(END)[2]}"
