"""Rules that span tables: foreign keys, counts a row records, spans inside the spans they
reference, values that must agree, and the derived rules the models declare; and the schedule
the validator runs them on. Every one of them is declared by a model (schemas/): nothing here
names a table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import polars as pl

from newsprov.core.engine import InProcess
from newsprov.schemas.base import Count, Rule
from newsprov.validators.errors import ValidationError
from newsprov.validators.tables import check_foreign_key, csv_line

def check_counts(tables: dict[str, pl.DataFrame], metas: dict) -> list[ValidationError]:
    """Each declared Count: the column equals the number of rows the counted table has for the article."""
    errors = []
    for name, meta in metas.items():
        for count in meta.counts:
            errors += check_count(name, tables.get(name), count, tables.get(count.table))
    return errors


def check_count(name: str, df: pl.DataFrame | None, count: Count, counted: pl.DataFrame | None) -> list[ValidationError]:
    """df.<count.column> (table `name`) equals the number of rows `counted` has for the row's article."""
    if df is None or counted is None or count.column not in df.columns:
        return []
    column, table = count.column, count.table
    counts = counted.lazy().group_by("article_id").agg(actual=pl.len().cast(pl.Int64))
    rows = (
        df.lazy().select("article_id", column).with_row_index()
        .join(counts, on="article_id", how="left").with_columns(pl.col("actual").fill_null(0))
        .filter(pl.col(column) != pl.col("actual")).sort("index").select("index", column, "actual").collect()
    )
    return [
        ValidationError("row-constraint", resource=name, row=csv_line(index), field=column, cell=claimed, note=f"count-matches-{table} ({table} has {actual} rows for this article)")
        for index, claimed, actual in rows.iter_rows()
    ]


def check_within(tables: dict[str, pl.DataFrame], metas: dict) -> list[ValidationError]:
    """Each declared Within: the row's span lies inside the referenced row's span."""
    errors = []
    for name, meta in metas.items():
        for rule in meta.within:
            errors += check_within_rule(name, tables.get(name), rule, tables.get(rule.resource), metas[rule.resource].primary_key[0] if rule.resource in metas else None)
    return errors


def check_within_rule(name: str, df: pl.DataFrame | None, rule, other: pl.DataFrame | None, other_key: str | None) -> list[ValidationError]:
    if df is None or other is None:
        return []
    ref = other.lazy().select(pl.col(other_key).alias(rule.key), pl.col("start").alias("_s"), pl.col("end").alias("_e"))
    mine = [c for c in dict.fromkeys((rule.key, rule.start, rule.end)) if c is not None]
    inside = (pl.col(rule.start) >= pl.col("_s")) & (pl.col(rule.start) < pl.col("_e"))
    if rule.end is not None:
        inside &= pl.col(rule.end) <= pl.col("_e")
    rows = (
        df.lazy().select(mine).with_row_index().filter(pl.col(rule.key).is_not_null()).join(ref, on=rule.key, how="inner")
        .filter(~inside).sort("index").select("index", rule.key, "_s", "_e").collect()
    )
    return [
        ValidationError("cross-table", resource=name, row=csv_line(index), field=rule.key, cell=key, note=f"does not hold this row's span (it spans [{s}:{e}])")
        for index, key, s, e in rows.iter_rows()
    ]


def check_agrees(tables: dict[str, pl.DataFrame], metas: dict) -> list[ValidationError]:
    """Each declared Agrees: a column equals the referenced row's value where that is set."""
    errors = []
    for name, meta in metas.items():
        for rule in meta.agrees:
            errors += check_agrees_rule(name, tables.get(name), rule, tables.get(rule.resource))
    return errors


def check_agrees_rule(name: str, df: pl.DataFrame | None, rule, other: pl.DataFrame | None) -> list[ValidationError]:
    if df is None or other is None or rule.column not in df.columns or rule.other not in other.columns:
        return []  # (an optional column an older package lacks)
    ref = other.select(pl.col(rule.reference).alias(rule.key), pl.col(rule.other).alias("_other")).unique(rule.key, keep="first", maintain_order=True)
    wrong = (
        df.lazy().select(list(dict.fromkeys((rule.key, rule.column)))).with_row_index()
        .filter(pl.col(rule.key).is_not_null()).join(ref.lazy(), on=rule.key, how="inner").filter(pl.col("_other").is_not_null())
        .filter(pl.col(rule.column).is_null() | (pl.col(rule.column) != pl.col("_other")))
        .sort("index").select("index", rule.column, "_other").collect()
    )
    return [
        ValidationError("cross-table", resource=name, row=csv_line(index), field=rule.column, cell=value, note=f"should be {expected!r}, the {rule.other} of {rule.resource} row {rule.key} it references")
        for index, value, expected in wrong.iter_rows()
    ]


@dataclass(frozen=True)
class Job:
    """One cross-table rule: the tables it joins, the columns it reads of each, and how to run it.

    run(tables) gives the same errors as the rule's part of check_foreign_keys, check_counts,
    check_within, check_agrees or rule_errors over the same tables. stage is "keys" (foreign
    keys) or "cross" (the rest).
    """

    stage: str
    columns: dict[str, frozenset[str]]
    run: Callable[[dict[str, pl.DataFrame]], list[ValidationError]]

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(self.columns)


def jobs(metas: dict) -> list[Job]:
    """Every cross-table rule, in the order the stage-by-stage checks report them:
    foreign keys (by table, then key), counts, Within, Agrees, then the models' derived
    rules that need no source text (those run with the spans, validators/run.py)."""
    out = []
    for name, meta in metas.items():
        for fk in meta.foreign_keys:
            out.append(Job("keys", _columns((name, fk.fields), (fk.resource, fk.reference)),
                           lambda t, name=name, fk=fk: check_foreign_key(name, t[name], fk, t.get(fk.resource)) if name in t else []))
    for name, meta in metas.items():
        for count in meta.counts:
            out.append(Job("cross", _columns((name, ("article_id", count.column)), (count.table, ("article_id",))),
                           lambda t, name=name, count=count: check_count(name, t.get(name), count, t.get(count.table))))
    for name, meta in metas.items():
        for rule in meta.within:
            key = metas[rule.resource].primary_key[0] if rule.resource in metas else None
            mine = tuple(c for c in (rule.key, rule.start, rule.end) if c is not None)
            out.append(Job("cross", _columns((name, mine), (rule.resource, (key, "start", "end") if key else ())),
                           lambda t, name=name, rule=rule, key=key: check_within_rule(name, t.get(name), rule, t.get(rule.resource), key)))
    for name, meta in metas.items():
        for rule in meta.agrees:
            out.append(Job("cross", _columns((name, (rule.key, rule.column)), (rule.resource, (rule.reference, rule.other))),
                           lambda t, name=name, rule=rule: check_agrees_rule(name, t.get(name), rule, t.get(rule.resource))))
    for meta in metas.values():
        for rule in meta.rules:
            if not rule.texts:
                out.append(Job("cross", _columns(*rule.reads.items()), lambda t, rule=rule: rule_errors(rule, t)))
    return out


# Characters of source text per shard of a rule's per-article work (Rule.derive): about 90
# articles of the benchmark corpus (2.8 kB each), so that even a few thousand articles make
# dozens of tasks to spread over the workers.
SHARD_CHARS = 250_000


def rule_errors(rule: Rule, tables: dict[str, pl.DataFrame], texts: pl.DataFrame | None = None, engine=None) -> list[ValidationError]:
    """A derived rule's failures as errors. The rule gets the columns it declares and no others (a
    column it reads undeclared fails loudly); an optional column a table lacks stays absent.

    A rule with per-article work (Rule.derive) gets, in place of the texts, that work's frames over
    shards of the texts of the articles its table names, run by `engine` (newsprov.core.engine;
    default this process): the same frame whichever engine ran it and however it was sharded."""
    given = {name: tables[name].select([c for c in columns if c in tables[name].columns])
             for name, columns in rule.reads.items() if name in tables}
    if rule.derive is not None and texts is not None:
        texts = derived(rule, given, texts, engine)
    return [ValidationError(rule.error, resource=f.table, row=csv_line(f.index), field=f.field, cell=f.cell, note=f.note, rule=rule.slug)
            for f in rule.check(given, texts)]


def derived(rule: Rule, given: dict[str, pl.DataFrame], texts: pl.DataFrame, engine=None, shard_chars: int | None = None) -> pl.DataFrame:
    """rule.derive over shards of the texts (article_id, source_text, and language when the articles
    table has it) of the articles the rule's table names (all texts when it has no article_id), concatenated in the texts' order."""
    own = next(iter(given.values()), None)
    if own is not None and "article_id" in own.columns:
        texts = texts.filter(pl.col("article_id").is_in(own["article_id"].unique().implode()))
    texts = texts.select("article_id", "source_text", *(["language"] if "language" in texts.columns else []))
    size = max(1, SHARD_CHARS if shard_chars is None else shard_chars)
    ends = texts.select(pl.col("source_text").str.len_chars().cum_sum() // size)["source_text"]
    shards = [part.drop("_shard") for _, part in texts.with_columns(_shard=ends).group_by("_shard", maintain_order=True)] or [texts]
    return pl.concat((engine or InProcess()).map(rule.derive, shards), how="vertical")


def check_tables(tables: dict[str, pl.DataFrame], metas: dict) -> list[ValidationError]:
    """Every rule across tables over tables in memory (the jobs, in order, each over all the tables)."""
    errors = []
    for job in jobs(metas):
        errors += job.run(tables)
    return errors


def _columns(*pairs) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for table, columns in pairs:
        out.setdefault(table, set()).update(columns)
    return {table: frozenset(columns) for table, columns in out.items()}


class Schedule:
    """Runs each Job as soon as every table it joins has been added, then keeps of each
    table only the columns that jobs still to run read (a table none reads is dropped).

    The validator adds tables one by one; memory then holds only what is still needed.
    finish() runs the jobs left (their tables missing: a foreign key to a missing table
    is an error) and returns every error, in the order of jobs(metas).
    """

    def __init__(self, metas: dict):
        self.jobs = jobs(metas)
        self.results: dict[int, list[ValidationError]] = {}
        self.tables: dict[str, pl.DataFrame] = {}

    def add(self, name: str, df: pl.DataFrame) -> None:
        self.tables[name] = df
        for index, job in enumerate(self.jobs):
            if index not in self.results and all(t in self.tables for t in job.tables):
                self.results[index] = job.run(self.tables)
        self._trim()

    def _trim(self) -> None:
        needed: dict[str, set[str]] = {}
        for index, job in enumerate(self.jobs):
            if index not in self.results:
                for table, columns in job.columns.items():
                    needed.setdefault(table, set()).update(columns)
        for name in list(self.tables):
            keep = [c for c in self.tables[name].columns if c in needed.get(name, ())]
            if not keep:
                del self.tables[name]
            elif len(keep) < len(self.tables[name].columns):
                self.tables[name] = self.tables[name].select(keep)

    def finish(self) -> list[tuple[str, ValidationError]]:
        """(stage, error) for every error of every job, in order."""
        out = []
        for index, job in enumerate(self.jobs):
            errors = self.results.pop(index) if index in self.results else job.run(self.tables)
            out += [(job.stage, error) for error in errors]
        self.tables.clear()
        return out
