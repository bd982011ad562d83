"""Build the entities table: speakers' names resolved into entities, curated rows applied."""

from __future__ import annotations

import polars as pl

from newsprov.dataset.builders.quotes import extracted
from newsprov.dataset.context import BuildContext
from newsprov.dataset.extract.resolve import Curated, CurationError, Mention, resolve
from newsprov.dataset.locate import first_word_occurrences
from newsprov.dataset.overrides import OverrideError, for_table
from newsprov.schemas.entities import Entities
from newsprov.schemas.base import dtypes

SCHEMA = Entities


def build(ctx: BuildContext) -> pl.DataFrame:
    mentions = [Mention(row["article_id"], row["speaker"], row.get("speaker_kind"))
                for row in extracted(ctx) if row.get("speaker")]
    entities = resolve_scope(mentions, _curated(ctx, {m.name for m in mentions}))
    texts = [(s.article_id, s.text) for s in ctx.sources]
    occurrences = first_word_occurrences(entities, texts)
    out = []
    for alias in sorted(entities):
        e = entities[alias]
        where = _first_occurrence(alias, occurrences)
        out.append({"alias": alias, "canonical": e.canonical, "kind": e.kind, "method": e.method,
                    "n_articles": e.n_articles, **where})
    return pl.DataFrame(out, schema=dtypes(SCHEMA)).select(list(dtypes(SCHEMA)))


def resolve_scope(mentions: list[Mention], curated: list[Curated]) -> dict:
    """The entities of the build (one alias table for the whole corpus: an alias is one row, whatever its stories)."""
    try:
        return resolve(mentions, curated)
    except CurationError as exc:
        raise OverrideError(f"entities overrides: {exc}") from None


def _curated(ctx: BuildContext, names: set[str]) -> list[Curated]:
    out = []
    for o in for_table(ctx.overrides, "entities"):
        (alias,) = o.key
        if o.action == "drop":
            raise OverrideError(f"{o.where}: entities cannot be dropped; set canonical instead")
        if o.action == "set" and alias not in names:
            raise OverrideError(f"{o.where}: stale override: no speaker is named {alias!r}")
        if o.action == "add" and alias in names:
            raise OverrideError(f"{o.where}: stale override: {alias!r} is already an entity; use action = \"set\"")
        canonical = o.values.get("canonical")
        if canonical is not None and canonical != alias and canonical not in names \
                and canonical not in {x.key[0] for x in for_table(ctx.overrides, "entities")}:
            raise OverrideError(f"{o.where}: canonical {canonical!r} must itself be an entity")
        out.append(Curated(alias, canonical, o.values.get("kind")))
    return out


def _first_occurrence(alias: str, occurrences: dict[str, tuple[str, int]]) -> dict:
    if alias in occurrences:
        article_id, at = occurrences[alias]
        return {"article_id": article_id, "start": at, "end": at + len(alias), "mention": alias}
    return {"article_id": None, "start": None, "end": None, "mention": None}
