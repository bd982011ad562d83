"""What every table model declares besides its columns: name, group, keys, spans and rules.

A Pandera model is the single source of truth for a table. Column types, nullability
and constraints live in its fields, and rules over the columns of one row or of the whole
frame in its checks (`@pa.dataframe_check(error="slug")`). The facts Pandera has no slot for
are class attributes read through `table_meta`: the table's group, primary and foreign keys,
spans to re-locate in the sources, spans inside other rows' spans (Within), values that must
equal another table's (Agrees), counts of another table's rows (Count), the source files a
table lists (SourceFiles), and derived rules that read other tables or the source texts (Rule).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
class Count:
    """`column` of this table holds how many rows `table` has for the row's article (article_id)."""

    column: str
    table: str


@dataclass(frozen=True)
class SourceFiles:
    """This table lists the package's source documents: each article's file (`path`, relative to
    datapackage.json) and that file's `sha256`. The validator reads the texts through it."""

    path: str = "source_path"
    sha256: str = "sha256"
    article: str = "article_id"


@dataclass(frozen=True)
class Failure:
    """A row breaking a Rule: `table`, the row's 0-based `index` there, the field and cell to name, why."""

    table: str
    index: int
    field: str
    cell: object
    note: str


@dataclass(frozen=True)
class Rule:
    """A derived rule: what a table's rows must be, given other tables or the source texts.

    `slug` names the rule (stable, in every error it gives); `error` is the type its failures
    are reported as (newsprov.validators.errors). `reads` is every table and column the rule
    reads: it is handed those columns and no others, so a column it reads without declaring
    fails loudly, never silently. With `texts`, it also gets the source texts (a frame of
    article_id, source_text, and the articles' language when the package has it) and may read
    only its own table. `check(tables, texts)` returns
    the rows that break it; `tables` holds the tables of `reads` that the package has (a
    rule decides what a missing one means).

    `derive` (with `texts`) is the rule's per-article work, a pure function of a shard of
    the texts (article_id, source_text, language: the articles its table names) giving a frame; the
    frames of all shards, concatenated in order, are handed to `check` in place of the texts.
    The validator runs it in shards, in this process or on a Dask cluster, with the same result.
    """

    slug: str
    reads: Mapping[str, tuple[str, ...]]
    check: Callable[..., list[Failure]]
    error: str = "cross-table"
    texts: bool = False
    derive: Callable[..., pl.DataFrame] | None = None

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(self.reads)


@dataclass(frozen=True)
class Curation:
    """What curators may give a row of this table in a reviewed overrides file (dataset/overrides.py):
    `fields` an override may set, the `clearable` names (each emptying its columns), what a row
    added by hand must give besides its span (`add_required`), and the span columns whose text
    column is filled from the source (`span_texts`: (start, end) -> text column)."""

    fields: frozenset[str]
    clearable: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    add_required: frozenset[str] = frozenset()
    span_texts: Mapping[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class TableMeta:
    name: str
    primary_key: tuple[str, ...]
    group: str = "extracted"
    foreign_keys: tuple[ForeignKey, ...] = field(default=())
    spans: tuple[Span, ...] = field(default=())
    within: tuple[Within, ...] = field(default=())
    agrees: tuple[Agrees, ...] = field(default=())
    counts: tuple[Count, ...] = field(default=())
    sources: SourceFiles | None = None
    rules: tuple[Rule, ...] = field(default=())
    curation: Curation | None = None
    title: str = ""
    description: str = ""


class TableModel(pa.DataFrameModel):
    """Base of every newsprov table model."""

    class Config:
        strict = True
        coerce = False


def table_meta(model: type[TableModel]) -> TableMeta:
    """The table-level facts a model declares (name, group, keys, spans, rules...)."""
    doc = (model.__doc__ or "").strip()
    title, _, description = doc.partition("\n")
    group = getattr(model, "_group", None)
    if group not in GROUPS:
        raise TypeError(f"model {model.__name__} must declare _group, one of {', '.join(GROUPS)} (found {group!r})")
    name = model.Config.name
    rules = tuple(getattr(model, "_rules", ()))
    for rule in rules:
        if rule.texts and set(rule.reads) != {name}:
            raise TypeError(f"rule {rule.slug} of {name} reads the source texts, so it may read only {name}")
    return TableMeta(
        name=name,
        primary_key=tuple(model._primary_key),
        group=group,
        foreign_keys=tuple(getattr(model, "_foreign_keys", ())),
        spans=tuple(getattr(model, "_spans", ())),
        within=tuple(getattr(model, "_within", ())),
        agrees=tuple(getattr(model, "_agrees", ())),
        counts=tuple(getattr(model, "_counts", ())),
        sources=getattr(model, "_sources", None),
        rules=rules,
        curation=getattr(model, "_curation", None),
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
