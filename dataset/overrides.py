"""Reviewed corrections to extracted rows (dataset/overrides.toml), applied at build time.

Extraction is sometimes wrong. Curators fix a row, drop a false one or add a missed
one here instead of editing generated tables. Every override names a span of a real
source by article_id, start, end and repeats its text; an override that no longer
points at what it says (the source changed, the extractor now finds the row itself,
the row it corrects is gone) is stale and fails the build with a message naming it.

    [[quotes]]
    action = "set"                    # set | drop | add
    article_id = "000_4b0563042a307713"
    start = 1234
    end = 1250
    text = "large number"             # must equal source[start:end]
    speaker = "Hezbollah"             # set/add: fields to give the row
    speaker_start = 1180
    speaker_end = 1189
    reason = "why a reviewer agreed"  # required

Fields to empty go in `clear` (e.g. `clear = ["speaker", "cue"]`); spans' texts
(speaker_mention, cue) are always taken from the source. Rows set or added say
method = "curated".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ACTIONS = ("set", "drop", "add")
SPAN_KEY = ("article_id", "start", "end")


def _curations() -> dict:
    """Table name -> the Curation its model declares (the tables curators may correct), by name."""
    from newsprov.schemas.registry import metas

    found = {name: meta.curation for name, meta in metas().items() if meta.curation is not None}
    return dict(sorted(found.items()))


CURATIONS = _curations()
# What each table lets an override give; span columns travel as (start, end) pairs whose
# text column is filled from the source. Declared on the models (schemas.base.Curation).
FIELDS = {name: set(c.fields) for name, c in CURATIONS.items()}
CLEARABLE = {name: dict(c.clearable) for name, c in CURATIONS.items()}
# What a row added by hand must give besides its span.
ADD_REQUIRED = {name: set(c.add_required) for name, c in CURATIONS.items()}
SPAN_TEXTS = {name: dict(c.span_texts) for name, c in CURATIONS.items() if c.span_texts}


class OverrideError(Exception):
    """A malformed or stale override; the message names the file and the entry."""


@dataclass(frozen=True)
class Override:
    table: str
    action: str
    where: str  # "<file> [[quotes]] #2", for messages
    key: tuple
    values: dict = field(default_factory=dict)
    clear: tuple[str, ...] = ()
    text: str | None = None


def read(path: Path | None) -> list[Override]:
    """The overrides of a file (none when it does not exist)."""
    if path is None or not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise OverrideError(f"{path}: malformed overrides file ({exc})") from None
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise OverrideError(f"{path}: unknown section(s) {sorted(unknown)}; expected {sorted(FIELDS)}")
    out = []
    for table in FIELDS:
        entries = data.get(table, [])
        if not isinstance(entries, list):
            raise OverrideError(f"{path}: [{table}] must be an array of tables ([[{table}]])")
        for number, entry in enumerate(entries, 1):
            out.append(_parse(table, entry, f"{path} [[{table}]] #{number}"))
    return out


def _parse(table: str, entry: dict, where: str) -> Override:
    entry = dict(entry)
    action = entry.pop("action", None)
    if action not in ACTIONS:
        raise OverrideError(f"{where}: action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if not str(entry.pop("reason", "")).strip():
        raise OverrideError(f"{where}: a reason is required (what the reviewer checked)")
    clear = tuple(entry.pop("clear", ()))
    bad_clear = set(clear) - set(CLEARABLE[table])
    if bad_clear:
        raise OverrideError(f"{where}: cannot clear {sorted(bad_clear)}; clearable: {sorted(CLEARABLE[table])}")
    if table == "entities":
        if "alias" not in entry:
            raise OverrideError(f"{where}: alias is required")
        key, text = (entry.pop("alias"),), None
    else:
        missing = [k for k in (*SPAN_KEY, "text") if k not in entry]
        if missing:
            raise OverrideError(f"{where}: missing {', '.join(missing)}")
        key, text = tuple(entry.pop(k) for k in SPAN_KEY), entry.pop("text")
        if not (isinstance(key[1], int) and isinstance(key[2], int) and 0 <= key[1] < key[2]):
            raise OverrideError(f"{where}: start and end must be integers with 0 <= start < end")
    unknown = set(entry) - FIELDS[table]
    if unknown:
        raise OverrideError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(FIELDS[table])}")
    if action == "drop" and (entry or clear):
        raise OverrideError(f"{where}: a drop takes no fields")
    if action == "add" and ADD_REQUIRED[table] - set(entry):
        raise OverrideError(f"{where}: an add needs {', '.join(sorted(ADD_REQUIRED[table] - set(entry)))}")
    return Override(table, action, where, key, entry, clear, text)


def for_table(overrides: list[Override], table: str) -> list[Override]:
    return [o for o in overrides if o.table == table]


def apply(rows: list[dict], overrides: list[Override], texts: dict[str, str]) -> list[dict]:
    """Rows (dicts with article_id, start, end, …) with the span-keyed overrides applied.

    Raises OverrideError for an override whose span is not in the source as written, or
    whose target row is missing (set, drop) or already extracted (add).
    """
    if not overrides:
        return rows
    by_span = {(r["article_id"], r["start"], r["end"]): r for r in rows}
    dropped = set()
    added = []
    for o in overrides:
        text = texts.get(o.key[0])
        if text is None:
            raise OverrideError(f"{o.where}: stale override: no article {o.key[0]!r}")
        _check_span(o, text, o.key[1], o.key[2], o.text, "text")
        row = by_span.get(o.key)
        if o.action == "add":
            if row is not None:
                raise OverrideError(f"{o.where}: stale override: the extractor now finds this row itself; remove the override")
            row = {"article_id": o.key[0], "start": o.key[1], "end": o.key[2], "text": o.text}
            added.append(row)
            by_span[o.key] = row
        elif row is None or o.key in dropped:
            raise OverrideError(f"{o.where}: stale override: no extracted {o.table} row at {o.key[0]}[{o.key[1]}:{o.key[2]}]")
        if o.action == "drop":
            dropped.add(o.key)
            continue
        for name in o.clear:
            for column in CLEARABLE[o.table][name]:
                row[column] = None
        row.update(o.values)
        for (start, end), column in SPAN_TEXTS.get(o.table, {}).items():
            if start in o.values or end in o.values:
                if row.get(start) is None or row.get(end) is None:
                    raise OverrideError(f"{o.where}: {start} and {end} go together")
                _check_span(o, text, row[start], row[end], None, column)
                row[column] = text[row[start]:row[end]]
        row["method"] = "curated"
    kept = [r for r in rows if (r["article_id"], r["start"], r["end"]) not in dropped]
    return sorted(kept + added, key=lambda r: (r["article_id"], r["start"], r["end"]))


def _check_span(o: Override, text: str, start, end, expected: str | None, column: str) -> None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise OverrideError(f"{o.where}: {column} span [{start}:{end}] is outside the article ({len(text)} characters)")
    if expected is not None and text[start:end] != expected:
        raise OverrideError(f"{o.where}: stale override: source[{start}:{end}] is {text[start:end]!r}, not {expected!r}")
