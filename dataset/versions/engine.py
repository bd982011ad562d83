"""Compare two versions of a data package and say which semver bump the change needs.

Each side is anything readers.open_package opens (a folder, a release archive, a git
revision of the repository holding the other side's package, else the current directory's).

Tables are compared row by row, matched on their Table Schema primaryKey; sources
(and any other non-table resource) by the SHA-256 of their bytes.

Bump rules, for a consumer who pins a version (the smallest bump that is enough):

MAJOR - something a consumer's code may rely on is gone or means something else:
  * a table is removed or renamed (a rename is a removal plus an addition);
  * a column is removed or renamed;
  * a column's type (Table Schema `type`, or its `format`) changes;
  * a table's primary key changes;
  * the package `name` changes.
MINOR - the data grows or shrinks, but every remaining column keeps its meaning:
  * tables, columns or sources are added;
  * rows are added;
  * rows or sources are removed. Removing rows is not a mere correction: a
    consumer's joins or saved keys may stop matching, so it is at least MINOR
    (never only PATCH), but it is not MAJOR, because no column or table a query
    names disappears;
  * the column order of a table changes (readers by position notice);
  * a resource's file moves (`path` changes; resources are identified by name);
  * the package `licenses` change (what a consumer may do with the data changed).
PATCH - corrections, with the same rows, keys and columns:
  * cell values change in rows matched by primary key;
  * a source's bytes change (same resource name, new checksum);
  * a table's bytes change while its rows do not (formatting only);
  * descriptive metadata changes: titles, descriptions, field properties other
    than type and format (e.g. descriptions, constraints), other schema keys.
NONE - nothing but `version` and `created` differs.

0.y.z versions get no special treatment: a MAJOR change to 0.3.1 needs 1.0.0.
When the old version is a pre-release (1.0.0-rc.1) any later version is accepted
(semver: a pre-release makes no promises). Build metadata (+...) is ignored.
"""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl

from newsprov.core.semver import LEVELS
from newsprov.dataset.versions.changes import PackageDiff, RowChange, TableDiff
from newsprov.dataset.versions.readers import VersionError, open_package, package_folder

SAMPLE = 20  # changed / added / removed rows listed per table (counts are always exact)
_NEW = "\x00new"  # suffix of the new side's columns in joins
_FLAG = "\x00changed"
_ROW = "\x00row"


def _read_csv(data: bytes, label: str) -> pl.DataFrame:
    if not data.strip():
        return pl.DataFrame()
    try:
        return pl.read_csv(io.BytesIO(data), infer_schema=False)
    except (pl.exceptions.PolarsError, UnicodeDecodeError) as exc:
        raise VersionError(f"{label}: unreadable CSV ({str(exc).splitlines()[0]})") from None


def _pk(schema: dict) -> list[str]:
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def _type(spec: dict) -> str:
    fmt = spec.get("format")
    return spec.get("type", "any") + (f" ({fmt})" if fmt not in (None, "default") else "")


def _diff_schema(t: TableDiff, old: dict, new: dict) -> None:
    old_fields = {f["name"]: f for f in old.get("fields", []) if isinstance(f, dict) and "name" in f}
    new_fields = {f["name"]: f for f in new.get("fields", []) if isinstance(f, dict) and "name" in f}
    t.columns_removed = [c for c in old_fields if c not in new_fields]
    t.columns_added = [c for c in new_fields if c not in old_fields]
    common = [c for c in old_fields if c in new_fields]
    t.columns_reordered = common != [c for c in new_fields if c in old_fields]
    for c in common:
        if _type(old_fields[c]) != _type(new_fields[c]):
            t.types_changed[c] = (_type(old_fields[c]), _type(new_fields[c]))
        keys = sorted((set(old_fields[c]) | set(new_fields[c])) - {"name", "type", "format"})
        changed = [k for k in keys if old_fields[c].get(k) != new_fields[c].get(k)]
        if changed:
            t.schema_details.append(f"column {c}: {', '.join(changed)}")
    if _pk(old) != _pk(new):
        t.primary_key_changed = (_pk(old), _pk(new))
    for k in sorted((set(old) | set(new)) - {"fields", "primaryKey"}):
        if old.get(k) != new.get(k):
            t.schema_details.append(f"schema {k}")


def _keyed_rows(df: pl.DataFrame, cols: list[str], limit: int) -> list[dict]:
    return df.head(limit).select(cols).to_dicts()


def _diff_rows(t: TableDiff, old: pl.DataFrame, new: pl.DataFrame, old_key: list[str], sample: int) -> None:
    common = [c for c in new.columns if c in old.columns]
    t.rows_old, t.rows_new = old.height, new.height
    key = next((k for k in (t.primary_key, old_key) if k and all(c in common for c in k)), None)
    if key and (old.select(key).is_duplicated().any() or new.select(key).is_duplicated().any()):
        t.notes.append(f"primary key {key} is not unique; rows compared whole")
        key = None
    elif not key and t.primary_key:
        t.notes.append(f"primary key {t.primary_key} is not in both versions' columns; rows compared whole")
    old = old.with_row_index(_ROW)
    new = new.with_row_index(_ROW)
    if key:
        removed = old.join(new.select(key), on=key, how="anti", nulls_equal=True).sort(_ROW)
        added = new.join(old.select(key), on=key, how="anti", nulls_equal=True).sort(_ROW)
        t.rows_removed, t.rows_added = removed.height, added.height
        t.removed, t.added = _keyed_rows(removed, key, sample), _keyed_rows(added, key, sample)
        values = [c for c in common if c not in key]
        if not values:
            return
        both = old.select(common).join(new.select(*common, _ROW), on=key, how="inner", suffix=_NEW, nulls_equal=True)
        flagged = both.with_columns(pl.col(c).ne_missing(pl.col(c + _NEW)).alias(c + _FLAG) for c in values)
        changed = flagged.filter(pl.any_horizontal(c + _FLAG for c in values)).sort(_ROW)
        t.rows_changed = changed.height
        if not changed.height:
            return
        counts = changed.select(pl.col(c + _FLAG).sum().alias(c) for c in values).row(0, named=True)
        t.changed_columns = {c: int(n) for c, n in counts.items() if n}
        for row in changed.head(sample).iter_rows(named=True):  # only the listed sample is looped over
            cols = {c: (row[c], row[c + _NEW]) for c in values if row[c + _FLAG]}
            t.changes.append(RowChange({k: row[k] for k in key}, cols))
        _note_renumbering(t, old.select(common), new.select(common), key, values)
        return
    if not common:
        t.rows_removed, t.rows_added = old.height, new.height
        return
    # no usable key: rows are compared whole (as multisets) on the shared columns
    counts_old = old.group_by(common).agg(pl.len().alias("\x00old"), pl.col(_ROW).min())
    counts_new = new.group_by(common).agg(pl.len().alias("\x00new"), pl.col(_ROW).min())
    joined = counts_old.join(counts_new, on=common, how="full", coalesce=True, nulls_equal=True, suffix=_NEW)
    joined = joined.with_columns((pl.col("\x00new").cast(pl.Int64).fill_null(0) - pl.col("\x00old").cast(pl.Int64).fill_null(0)).alias("\x00d"))
    t.rows_added = int(joined.filter(pl.col("\x00d") > 0)["\x00d"].sum())
    t.rows_removed = int(-joined.filter(pl.col("\x00d") < 0)["\x00d"].sum())
    t.added = _keyed_rows(joined.filter(pl.col("\x00d") > 0).sort(_ROW + _NEW), common, sample)
    t.removed = _keyed_rows(joined.filter(pl.col("\x00d") < 0).sort(_ROW), common, sample)


def _note_renumbering(t: TableDiff, old: pl.DataFrame, new: pl.DataFrame, key: list[str], values: list[str]) -> None:
    """When keys are numbered in order, one inserted row renumbers every row after it: by key they
    all changed. Compared by content (the columns besides the key, as multisets), say how many
    rows kept their content under another key, and what was really added and removed."""
    if not (t.rows_changed and (t.rows_added or t.rows_removed or t.rows_changed > 1)):
        return
    o = old.group_by(values).agg(pl.len().alias("\x00o"))
    n = new.group_by(values).agg(pl.len().alias("\x00n"))
    j = o.join(n, on=values, how="full", coalesce=True, nulls_equal=True).select(
        pl.col("\x00o").cast(pl.Int64).fill_null(0), pl.col("\x00n").cast(pl.Int64).fill_null(0))
    kept = int(j.select(pl.min_horizontal("\x00o", "\x00n").sum()).item())
    same_key = old.join(new, on=list(key) + values, how="semi", nulls_equal=True).height  # unchanged under the same key
    moved = kept - same_key
    if moved > 0:
        added, removed = new.height - kept, old.height - kept
        t.rows_renumbered = moved
        t.notes.append(f"{moved} row(s) have the same content under another {'/'.join(key)} (renumbered); "
                       f"compared by content, {added} row(s) added and {removed} removed")


_RESOURCE_IDENTITY = {"name", "path", "hash", "bytes", "schema"}


def _metadata_changes(old: dict, new: dict, ignore: set[str]) -> list[str]:
    return [k for k in sorted((set(old) | set(new)) - ignore) if old.get(k) != new.get(k)]


def diff(old, new, *, sample: int = SAMPLE, repo_root: Path | str | None = None) -> PackageDiff:
    """What changed from old to new (snapshots, or anything open_package accepts), and the bump it needs.

    A git revision on one side resolves in the repository holding the package the other side
    points at (`diff("HEAD~1", "my-package/")`: my-package/ at HEAD~1 of its repository), else
    in the current directory's; repo_root overrides both."""
    if repo_root is None:
        repo_root = package_folder(new) or package_folder(old) or Path.cwd()
    old, new = open_package(old, repo_root), open_package(new, repo_root)
    out = PackageDiff(old.ref, new.ref, old.version, new.version, {})
    reasons: list[tuple[str, str]] = []

    # package metadata
    out.metadata_changed = _metadata_changes(old.descriptor, new.descriptor, {"resources", "version", "created"})
    for key in out.metadata_changed:
        level = {"name": "major", "licenses": "minor"}.get(key, "patch")
        reasons.append((level, f"package {key} changed"))

    # sources (and other non-table resources), by checksum
    out.sources_added = sorted(set(new.sources) - set(old.sources))
    out.sources_removed = sorted(set(old.sources) - set(new.sources))
    for name in sorted(set(old.sources) & set(new.sources)):
        o, n = old.resource(name), new.resource(name)
        if old.sources[name] != new.sources[name]:
            out.sources_changed.append(name)
        if o["path"] != n["path"]:
            out.sources_moved[name] = (o["path"], n["path"])
        if _metadata_changes(o, n, _RESOURCE_IDENTITY):
            out.sources_metadata_changed.append(name)
    reasons += [("minor", f"source added: {n}") for n in out.sources_added]
    reasons += [("minor", f"source removed: {n}") for n in out.sources_removed]
    reasons += [("patch", f"source content changed: {n}") for n in out.sources_changed]
    reasons += [("minor", f"source {n} moved: {o} -> {p}") for n, (o, p) in out.sources_moved.items()]
    reasons += [("patch", f"source {n} metadata changed") for n in out.sources_metadata_changed]

    # tables
    for name in sorted(set(old.tables) | set(new.tables)):
        if name not in new.tables:
            t = TableDiff(name, "removed", _pk(old.resource(name).get("schema") or {}))
            t.rows_old = t.rows_removed = _read_csv(old.tables[name], f"{old.ref}: {name}").height
            reasons.append(("major", f"table removed: {name}"))
        elif name not in old.tables:
            t = TableDiff(name, "added", _pk(new.resource(name).get("schema") or {}))
            t.rows_new = t.rows_added = _read_csv(new.tables[name], f"{new.ref}: {name}").height
            reasons.append(("minor", f"table added: {name}"))
        else:
            o, n = old.resource(name), new.resource(name)
            t = TableDiff(name, "unchanged", _pk(n.get("schema") or {}))
            _diff_schema(t, o.get("schema") or {}, n.get("schema") or {})
            t.metadata_changed = _metadata_changes(o, n, _RESOURCE_IDENTITY)
            if o["path"] != n["path"]:
                t.path_changed = (o["path"], n["path"])
            t.bytes_changed = old.tables[name] != new.tables[name]
            if t.bytes_changed:
                _diff_rows(t, _read_csv(old.tables[name], f"{old.ref}: {name}"), _read_csv(new.tables[name], f"{new.ref}: {name}"), _pk(o.get("schema") or {}), sample)
            reasons += [("major", f"table {name}: column removed: {c}") for c in t.columns_removed]
            reasons += [("major", f"table {name}: column {c} type {a} -> {b}") for c, (a, b) in t.types_changed.items()]
            if t.primary_key_changed:
                reasons.append(("major", f"table {name}: primary key {t.primary_key_changed[0]} -> {t.primary_key_changed[1]}"))
            reasons += [("minor", f"table {name}: column added: {c}") for c in t.columns_added]
            if t.columns_reordered:
                reasons.append(("minor", f"table {name}: column order changed"))
            if t.rows_added:
                reasons.append(("minor", f"table {name}: {t.rows_added} row(s) added"))
            if t.rows_removed:
                reasons.append(("minor", f"table {name}: {t.rows_removed} row(s) removed"))
            if t.path_changed:
                reasons.append(("minor", f"table {name} moved: {t.path_changed[0]} -> {t.path_changed[1]}"))
            if t.rows_changed:
                reasons.append(("patch", f"table {name}: {t.rows_changed} row(s) changed in {', '.join(t.changed_columns)}"))
            reasons += [("patch", f"table {name}: {detail}") for detail in t.schema_details]
            if t.metadata_changed:
                reasons.append(("patch", f"table {name}: {', '.join(t.metadata_changed)} changed"))
            if t.bytes_changed and not (t.rows_added or t.rows_removed or t.rows_changed or t.columns_added or t.columns_removed or t.columns_reordered):
                t.notes.append("the file's bytes differ but its rows are equal (formatting)")
                reasons.append(("patch", f"table {name}: file bytes changed, rows equal"))
            if t.bytes_changed or t.schema_details or t.metadata_changed or t.path_changed or t.primary_key_changed or t.types_changed or t.columns_added or t.columns_removed or t.columns_reordered:
                t.status = "changed"
            if not t.bytes_changed:
                t.rows_old = t.rows_new = _read_csv(new.tables[name], f"{new.ref}: {name}").height if t.changed else 0
        out.tables[name] = t
    out.reasons = sorted(reasons, key=lambda r: -LEVELS.index(r[0]))
    return out
