"""What every table model declares besides its columns: name, group, keys and checked spans.

A Pandera model is the single source of truth for a table. Column types, nullability
and constraints live in its fields; the few facts Pandera has no slot for (its group,
primary key, foreign keys, text spans to re-locate in the sources) are class attributes
read through `table_meta`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandera.polars as pa
import polars as pl

# Article ids are file stems made safe for Frictionless resource names.
ARTICLE_ID = r"[a-z0-9][a-z0-9._-]*"
SHA256_HEX = r"[0-9a-f]{64}"
# What a table's rows are, declared by each model as `_group`:
#   source      the structure of the sources themselves (articles, paragraphs, sentences), found
#               by exact rules: a row breaking a rule is a newsprov bug and stops the build;
#   extracted   what rules read off the articles (quotes, figures, the entities speakers resolve to);
#   comparison  what comparing articles finds (aligned sentences, groups, discrepancies).
# A row of an extracted or comparison table that breaks a rule is left out of the package by
# the build, with the rows depending on it, and listed in the build report.
GROUPS = ("source", "extracted", "comparison")


def anchored(pattern: str) -> str:
    """Pandera's str_matches anchors only the start; anchor the end too."""
    return rf"^(?:{pattern})$"


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    """Columns holding a span of an article's source text: text == source[start:end]."""

    start: str
    end: str
    text: str
    article: str = "article_id"


@dataclass(frozen=True)
class Within:
    """The row's span lies inside the span of the row `key` references in `resource`.

    With `end` None only the start must lie inside (a quote may run past its sentence).
    """

    key: str
    resource: str
    start: str = "start"
    end: str | None = "end"


@dataclass(frozen=True)
class Agrees:
    """Where `key` references a row of `resource` whose `other` is set, `column` equals it."""

    key: str
    resource: str
    reference: str
    column: str
    other: str


@dataclass(frozen=True)
class TableMeta:
    name: str
    primary_key: tuple[str, ...]
    group: str = "extracted"
    foreign_keys: tuple[ForeignKey, ...] = field(default=())
    spans: tuple[Span, ...] = field(default=())
    within: tuple[Within, ...] = field(default=())
    agrees: tuple[Agrees, ...] = field(default=())
    title: str = ""
    description: str = ""


class TableModel(pa.DataFrameModel):
    """Base of every newsprov table model."""

    class Config:
        strict = True
        coerce = False


def table_meta(model: type[TableModel]) -> TableMeta:
    """The table-level facts a model declares (name, group, keys, spans)."""
    doc = (model.__doc__ or "").strip()
    title, _, description = doc.partition("\n")
    group = getattr(model, "_group", None)
    if group not in GROUPS:
        raise TypeError(f"model {model.__name__} must declare _group, one of {', '.join(GROUPS)} (found {group!r})")
    return TableMeta(
        name=model.Config.name,
        primary_key=tuple(model._primary_key),
        group=group,
        foreign_keys=tuple(getattr(model, "_foreign_keys", ())),
        spans=tuple(getattr(model, "_spans", ())),
        within=tuple(getattr(model, "_within", ())),
        agrees=tuple(getattr(model, "_agrees", ())),
        title=title.strip(),
        description=" ".join(description.split()),
    )


def all_or_none(*columns: str) -> pl.Expr:
    """True where the columns are all null or all set (a span and its text travel together)."""
    nulls = [pl.col(c).is_null() for c in columns]
    return pl.all_horizontal(nulls) | ~pl.any_horizontal(nulls)


def ordered(start: str, end: str) -> pl.Expr:
    """True where start < end, or where both are null."""
    return (pl.col(start) < pl.col(end)).fill_null(True)


def dtypes(model: type[TableModel]) -> dict:
    """Column name -> Polars dtype, in the model's column order (for building frames)."""
    return {name: column.dtype.type for name, column in model.to_schema().columns.items()}
