"""Derived rows that break a rule are left out of the package, and said so.

Heuristics are sometimes wrong in ways a model rule catches: a quote whose speaker has no
entity, a figure whose quote was never built. Before this, one such row anywhere in a
folder stopped the whole build. Now the build checks each derived table's rows against its
Pandera model as the table is built (so that the tables built from it never see a bad row),
then every rule across tables, and leaves out each row that breaks one, with every row that
depends on it through a foreign key, transitively. Each row left out is a `Dropped`, written
to the package's build report (newsprov.schemas.build_report) and printed as a warning.

The tables of the source text itself (group `source`: articles, paragraphs, sentences) come
from exact rules, not heuristics: a row of theirs that breaks a rule is a newsprov bug and still
stops the build, as does a rule broken by a whole table (a missing column, a wrong type).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandera.errors
import polars as pl

from newsprov.schemas.base import TableMeta
from newsprov.schemas.build_report import FORMAT

# The group of tables whose rows are never dropped: the sources' own structure (module docstring).
EXACT = "source"
# Rounds of cross-table checks before giving up (each round drops at least one row; a
# package needs a handful at most).
MAX_ROUNDS = 20


class RuleBroken(Exception):
    """A rule broken where no row can be dropped: a newsprov bug, the build stops."""


@dataclass(frozen=True)
class Dropped:
    table: str
    key: dict
    article_id: str | None
    rule: str
    reason: str  # breaks-rule | depends-on
    depends_on: dict | None
    row: dict

    def warning(self) -> str:
        """One line naming the rule, the table and the article."""
        key = ", ".join(f"{k}={v}" for k, v in self.key.items())
        why = (f"depends on dropped {self.depends_on['table']} row {', '.join(map(str, self.depends_on['key'].values()))}"
               if self.depends_on else f"breaks {self.rule}")
        return f"warning: dropped {self.table} row {key} of article {self.article_id}: {why}"

    def to_dict(self) -> dict:
        return {"table": self.table, "key": self.key, "article_id": self.article_id, "rule": self.rule,
                "reason": self.reason, "depends_on": self.depends_on, "row": self.row}


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _dropped(name: str, meta: TableMeta, df: pl.DataFrame, index: int, rule: str, depends_on: dict | None = None) -> Dropped:
    row = {k: _plain(v) for k, v in df.row(index, named=True).items()}
    key = {k: row[k] for k in meta.primary_key}
    return Dropped(name, key, row.get("article_id"), rule, "depends-on" if depends_on else "breaks-rule", depends_on, row)


def model_failures(name: str, model, df: pl.DataFrame) -> dict[int, str]:
    """{row index: rule} for every row of ``df`` that breaks its model; RuleBroken for a failure
    of the whole table. Of rows sharing a value that must be unique, the first stays."""
    try:
        model.validate(df, lazy=True)
        return {}
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    out: dict[int, str] = {}
    unique: dict[str, list[int]] = {}
    for context, column, check, index in cases.select("schema_context", "column", "check", "index").iter_rows():
        if index is None:
            raise RuleBroken(f"table {name}: {column}: {check}")
        if check == "field_uniqueness":
            unique.setdefault(column, []).append(int(index))
            continue
        rule = str(check) if context == "DataFrameSchema" else f"{column}: {check}"
        out.setdefault(int(index), rule)
    for column, rows in unique.items():
        first = {}
        for index in sorted(rows):
            value = df[column][index]
            if value in first:
                out.setdefault(index, f"{column}: unique")
            else:
                first[value] = index
    return out


def keep_valid_rows(name: str, model, meta: TableMeta, df: pl.DataFrame, dropped: list[Dropped] = (),
                    built: dict[str, pl.DataFrame] | None = None) -> tuple[pl.DataFrame, list[Dropped]]:
    """``df`` without the rows that depend (by foreign key) on a row already ``dropped`` from a
    table ``built`` before it, nor the rows that break its model; and the rows left out."""
    df, lost = _dependents(name, meta, df, dropped, built or {})
    failures = model_failures(name, model, df)
    if not failures:
        return df, lost
    if meta.group == EXACT:
        index, rule = min(failures.items())
        raise RuleBroken(f"table {name}: row {index} breaks {rule}")
    dropped = [_dropped(name, meta, df, i, rule) for i, rule in sorted(failures.items())]
    return _without(df, failures), lost + dropped


def _dependents(name: str, meta: TableMeta, df: pl.DataFrame, dropped, built: dict[str, pl.DataFrame]) -> tuple[pl.DataFrame, list[Dropped]]:
    """Rows of ``df`` referencing a dropped row whose key its table no longer has."""
    lost: list[Dropped] = []
    for fk in meta.foreign_keys:
        parents = [d for d in dropped if d.table == fk.resource]
        if not parents or fk.resource not in built:
            continue
        target = built[fk.resource]
        for parent in parents:
            values = tuple(parent.row[r] for r in fk.reference)
            if any(v is None for v in values) or target.filter(_equal(fk.reference, values)).height:
                continue
            hit = df.with_row_index("_i").filter(_equal(fk.fields, values))["_i"].to_list()
            if hit:
                if meta.group == EXACT:
                    raise RuleBroken(f"table {name} depends on dropped {fk.resource} row {parent.key}")
                lost += [_dropped(name, meta, df, i, "foreign-key", {"table": fk.resource, "key": parent.key}) for i in hit]
                df = _without(df, hit)
    return df, lost


def _equal(columns, values) -> pl.Expr:
    return pl.all_horizontal(pl.col(c) == v for c, v in zip(columns, values))


def _without(df: pl.DataFrame, indexes) -> pl.DataFrame:
    keep = pl.Series(sorted(set(range(df.height)) - set(indexes)), dtype=pl.UInt32)
    return df[keep]


def enforce(tables: dict[str, pl.DataFrame], models: dict, metas: dict[str, TableMeta], cross_checks) -> list[Dropped]:
    """Drop (in ``tables``, in place) every row that breaks a rule across tables, then every row
    depending on a dropped one through a foreign key, until all rules hold.

    ``cross_checks(tables)`` returns the validator's errors across tables (ValidationError with
    resource and 1-based row), the same rules `newsprov validate` applies.
    """
    dropped: list[Dropped] = []
    for _ in range(MAX_ROUNDS):
        failing: dict[str, dict[int, str]] = {}
        for name, df in tables.items():
            if metas[name].group != EXACT:
                for index, rule in model_failures(name, models[name], df).items():
                    failing.setdefault(name, {}).setdefault(index, rule)
        for error in cross_checks(tables):
            if error.resource not in metas or error.row is None or metas[error.resource].group == EXACT:
                raise RuleBroken(f"{error.resource}: {error.message}")
            rule = error.type if not error.note else f"{error.type}: {error.field} -> {error.note}"
            failing.setdefault(error.resource, {}).setdefault(error.row - 2, rule)
        if not failing:
            return dropped
        for name in sorted(failing):
            gone = [_dropped(name, metas[name], tables[name], i, rule) for i, rule in sorted(failing[name].items())]
            tables[name] = _without(tables[name], failing[name])
            dropped += gone + _cascade(tables, metas, name, gone)
    raise RuleBroken(f"rules still broken after {MAX_ROUNDS} rounds of dropping rows")


def _cascade(tables: dict[str, pl.DataFrame], metas: dict[str, TableMeta], name: str, gone: list[Dropped]) -> list[Dropped]:
    """Rows referencing a dropped row through a foreign key (and rows referencing those, ...)."""
    out: list[Dropped] = []
    queue = [(name, d) for d in gone]
    while queue:
        target, parent = queue.pop(0)
        for other, meta in metas.items():
            if other not in tables:
                continue
            for fk in meta.foreign_keys:
                if fk.resource != target:
                    continue
                values = tuple(parent.row[r] for r in fk.reference)
                if any(v is None for v in values):
                    continue
                still = tables[target].filter(_equal(fk.reference, values)).height
                if still:
                    continue  # another row still has the key (an entity alias, say)
                df = tables[other]
                hit = df.with_row_index("_i").filter(_equal(fk.fields, values))["_i"].to_list()
                if not hit:
                    continue
                if meta.group == EXACT:
                    raise RuleBroken(f"table {other} depends on dropped {target} row {parent.key}")
                rows = [_dropped(other, meta, df, i, "foreign-key", {"table": target, "key": parent.key}) for i in hit]
                tables[other] = _without(df, hit)
                out += rows
                queue += [(other, r) for r in rows]
    return out


def report_bytes(dropped: list[Dropped]) -> bytes:
    """The build report's bytes: the same for the same dropped rows (sorted, fixed key order)."""
    order = sorted(dropped, key=lambda d: (d.table, json.dumps(d.key, sort_keys=True), d.reason))
    report = {"format": FORMAT, "dropped": [d.to_dict() for d in order]}
    return (json.dumps(report, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
