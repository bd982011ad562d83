"""Build the entities table: speakers' names, spelling variants joined, curated rows applied."""

from __future__ import annotations

from collections import Counter, defaultdict

import polars as pl

from newsprov.dataset.builders.quotes import extracted
from newsprov.dataset.context import BuildContext
from newsprov.dataset.locate import first_word_occurrences
from newsprov.dataset.extract.names import kind_of, spelling_groups, surname_targets
from newsprov.dataset.overrides import OverrideError, for_table
from newsprov.schemas.entities import Entities
from newsprov.schemas.base import dtypes

SCHEMA = Entities


def build(ctx: BuildContext) -> pl.DataFrame:
    articles: dict[str, set[str]] = defaultdict(set)
    quotes: Counter = Counter()
    for row in extracted(ctx):
        if row.get("speaker"):
            articles[row["speaker"]].add(row["article_id"])
            quotes[row["speaker"]] += 1
    rows = {name: {"alias": name, "canonical": name, "kind": kind_of(name), "method": "speaker-name"} for name in articles}
    for group in spelling_groups(articles):
        # The spelling most outlets use, then the most quoted, then the first alphabetically.
        main = min(group, key=lambda n: (-len(articles[n]), -quotes[n], n))
        for name in group:
            if name != main:
                rows[name].update(canonical=main, method="spelling-variant")
    for name, full in surname_targets(n for n, r in rows.items() if r["canonical"] == n).items():
        rows[name].update(canonical=full, method="surname")
    _apply_curated(rows, ctx)
    for row in rows.values():
        row["kind"] = rows[row["canonical"]]["kind"]  # one entity, one kind
    texts = [(s.article_id, s.text) for s in ctx.sources]
    occurrences = first_word_occurrences(rows, texts)
    out = []
    for alias in sorted(rows):
        row = rows[alias]
        where = _first_occurrence(alias, occurrences)
        out.append({**row, "n_articles": len(articles.get(alias, ())), **where})
    return pl.DataFrame(out, schema=dtypes(SCHEMA)).select(list(dtypes(SCHEMA)))


def _apply_curated(rows: dict[str, dict], ctx: BuildContext) -> None:
    for o in for_table(ctx.overrides, "entities"):
        (alias,) = o.key
        if o.action == "drop":
            raise OverrideError(f"{o.where}: entities cannot be dropped; set canonical instead")
        if o.action == "set" and alias not in rows:
            raise OverrideError(f"{o.where}: stale override: no speaker is named {alias!r}")
        if o.action == "add" and alias in rows:
            raise OverrideError(f"{o.where}: stale override: {alias!r} is already an entity; use action = \"set\"")
        row = rows.setdefault(alias, {"alias": alias, "canonical": alias, "kind": kind_of(alias)})
        row.update(o.values, method="curated")
    for o in for_table(ctx.overrides, "entities"):
        target = rows[o.key[0]]["canonical"]
        if target not in rows or rows[target]["canonical"] != target:
            raise OverrideError(f"{o.where}: canonical {target!r} must itself be an entity that resolves to itself")


def _first_occurrence(alias: str, occurrences: dict[str, tuple[str, int]]) -> dict:
    if alias in occurrences:
        article_id, at = occurrences[alias]
        return {"article_id": article_id, "start": at, "end": at + len(alias), "mention": alias}
    return {"article_id": None, "start": None, "end": None, "mention": None}
