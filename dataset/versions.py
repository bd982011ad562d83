"""Compare two versions of a data package and say which semver bump the change needs.

A version is opened from a package folder (or its datapackage.json), a release
archive (.zip, see archive.py) or a git revision (`v1.0.0`, `HEAD~1`, a sha; files
are read from git objects, nothing is checked out) of the repository holding the
package the user points at, else of the current directory (see `diff`).

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

import hashlib
import io
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from newsprov.dataset.archive import ArchiveError, PackageArchive, unsafe_member  # noqa: F401 (unsafe_member: imported from here before)
from newsprov.core.descriptor import MAX_DESCRIPTOR_BYTES, DescriptorError, parse as parse_descriptor, read_bytes as read_descriptor_bytes
from newsprov.core.layout import DESCRIPTOR, REPO_ROOT
from newsprov.core.printable import safe_lines
from newsprov.core.semver import LEVELS

SAMPLE = 20  # changed / added / removed rows listed per table (counts are always exact)
_NEW = "\x00new"  # suffix of the new side's columns in joins
_FLAG = "\x00changed"
_ROW = "\x00row"


class VersionError(Exception):
    """A version that cannot be opened or compared; the message names the reference."""


def changelog_has_entry(changelog_text: str, version: str) -> bool:
    """Whether a Markdown heading names the version: `## 1.2.0`, `## [1.2.0] - 2026-11-23`, `### v1.2.0 (date)`."""
    text = re.sub(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", "", changelog_text, flags=re.M | re.S)
    pattern = rf"^ {{0,3}}#{{1,6}}[ \t]+(?:version[ \t]+)?\[?v?{re.escape(str(version))}\]?(?=[ \t]|$)"
    return re.search(pattern, text, flags=re.M | re.I) is not None


# --------------------------------------------------------------------------- opening versions


@dataclass(frozen=True)
class PackageSnapshot:
    """One version of a package: its descriptor, table CSV bytes and source checksums."""

    ref: str
    kind: str  # "folder", "archive" or "git"
    descriptor: dict
    tables: dict[str, bytes]  # table resource name -> CSV bytes
    sources: dict[str, str]  # other resource name -> "sha256:<hex>" of its bytes

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    @property
    def name(self) -> str:
        return str(self.descriptor.get("name", ""))

    def resource(self, name: str) -> dict:
        return next(r for r in self.descriptor["resources"] if r.get("name") == name)


class _Folder:
    kind = "folder"

    def __init__(self, descriptor_path: Path):
        self.root = descriptor_path.parent
        self.path = descriptor_path
        self.label = str(descriptor_path)
        self.descriptor_rel = descriptor_path.name

    def descriptor_bytes(self) -> bytes:
        try:
            return read_descriptor_bytes(self.path, self.label)
        except DescriptorError as exc:
            raise VersionError(str(exc)) from None
        except OSError as exc:
            raise VersionError(f"{self.label}: cannot read ({exc.strerror})") from None

    def read_many(self, rels: list[str]) -> dict[str, bytes]:
        from newsprov.core.paths import UnreadableResource, UnsafePath, read_resources

        try:
            return read_resources(self.root, rels)
        except UnsafePath as exc:
            raise VersionError(f"{self.label}: unsafe resource path: {exc}") from None
        except UnreadableResource as exc:
            raise VersionError(f"{self.label}: cannot read {exc.rel} ({exc.strerror})") from None

    def sha256(self, rel: str) -> str:
        """A source's sha256, streamed: sources are never all held at once."""
        from newsprov.core.paths import PathGuard

        if not hasattr(self, "_guard"):
            self._guard = PathGuard(self.root)
        reason = self._guard.reason(rel)
        if reason:
            raise VersionError(f"{self.label}: unsafe resource path: {reason}")
        try:
            with open(self.root / rel, "rb") as handle:
                return hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as exc:
            raise VersionError(f"{self.label}: cannot read {rel} ({exc.strerror})") from None


class _Archive:
    """A release archive, opened through dataset/archive.py: only declared members are read,
    each within its declared size, sources hashed as they stream."""

    kind = "archive"
    descriptor_rel = DESCRIPTOR

    def __init__(self, path: Path):
        self.label = str(path)
        try:
            self.archive = PackageArchive(path)
        except ArchiveError as exc:
            raise VersionError(str(exc)) from None

    def descriptor_bytes(self) -> bytes:
        return self.archive.raw_descriptor

    def read_many(self, rels: list[str]) -> dict[str, bytes]:
        try:
            return {rel: self.archive.read(rel) for rel in rels}
        except ArchiveError as exc:
            raise VersionError(str(exc)) from None

    def sha256(self, rel: str) -> str:
        digest = hashlib.sha256()
        try:
            for chunk in self.archive.chunks(rel):
                digest.update(chunk)
        except ArchiveError as exc:
            raise VersionError(str(exc)) from None
        return digest.hexdigest()


def _git(repo_root: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=repo_root, input=data, capture_output=True, check=False)
    except OSError as exc:
        raise VersionError(f"cannot run git in {repo_root} ({exc.strerror})") from None


def resolve_revision(rev: str, repo_root: Path | str | None = None) -> str | None:
    """The commit sha a git revision names in the repository, or None."""
    repo_root = Path(repo_root or REPO_ROOT)
    if not rev or rev.startswith("-") or any(c in rev for c in "\x00\n "):
        return None
    done = _git(repo_root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    return done.stdout.decode().strip() if done.returncode == 0 else None


def git_tags(repo_root: Path | str | None = None) -> list[str]:
    done = _git(Path(repo_root or REPO_ROOT), "tag", "--list")
    return done.stdout.decode().split() if done.returncode == 0 else []


class _Git:
    kind = "git"
    descriptor_rel = DESCRIPTOR

    def __init__(self, repo_root: Path, rev: str, commit: str):
        self.repo_root, self.commit = repo_root, commit
        self.label = f"{rev} ({commit[:12]})"
        prefix = _git(repo_root, "rev-parse", "--show-prefix")
        self.prefix = prefix.stdout.decode().strip() if prefix.returncode == 0 else ""

    def descriptor_bytes(self) -> bytes:
        """The descriptor's blob, its size asked of git first (`cat-file --batch-check`)."""
        done = _git(self.repo_root, "cat-file", "--batch-check", data=f"{self.commit}:{self.prefix}{DESCRIPTOR}\n".encode())
        header = done.stdout.split()
        if done.returncode == 0 and len(header) == 3 and header[1] == b"blob" and int(header[2]) > MAX_DESCRIPTOR_BYTES:
            raise VersionError(f"{self.label}: {self.prefix}{DESCRIPTOR}: data package descriptor too large ({int(header[2])} bytes; the limit is {MAX_DESCRIPTOR_BYTES})")
        return self.read_many([DESCRIPTOR])[DESCRIPTOR]

    def read_many(self, rels: list[str]) -> dict[str, bytes]:
        """Blobs at the commit, all through one `git cat-file --batch` (a batched `git show REV:path`)."""
        if not rels:
            return {}
        for rel in rels:
            reason = unsafe_member(rel)
            if reason:
                raise VersionError(f"{self.label}: unsafe resource path: {reason}")
        request = "".join(f"{self.commit}:{self.prefix}{rel}\n" for rel in rels).encode()
        done = _git(self.repo_root, "cat-file", "--batch", data=request)
        if done.returncode != 0:
            raise VersionError(f"{self.label}: git cat-file failed: {done.stderr.decode().strip()}")
        out, buf, pos = {}, done.stdout, 0
        for rel in rels:
            end = buf.index(b"\n", pos)
            header = buf[pos:end].split()
            if len(header) != 3 or header[1] != b"blob":
                raise VersionError(f"{self.label}: {self.prefix}{rel} is not in the revision")
            size = int(header[2])
            out[rel] = buf[end + 1 : end + 1 + size]
            pos = end + 1 + size + 1
        return out


def _reader(ref, repo_root: Path):
    if isinstance(ref, (str, Path)) and str(ref):
        path = Path(ref)
        if path.is_dir():
            path = path / DESCRIPTOR
            if not path.is_file():
                raise VersionError(f"{path}: data package descriptor not found")
            return _Folder(path)
        if path.is_file():
            if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
                return _Archive(path)
            return _Folder(path)
        if path.suffix.lower() in (".zip", ".json"):
            raise VersionError(f"{path}: not found")
        commit = resolve_revision(str(ref), repo_root)
        if commit:
            return _Git(repo_root, str(ref), commit)
    raise VersionError(f"{ref}: not a package folder, datapackage.json, .zip archive or git revision of {repo_root}")


def _is_table(resource: dict) -> bool:
    return resource.get("type") == "table" or isinstance(resource.get("schema"), dict)


def _descriptor_of(reader) -> dict:
    raw = reader.descriptor_bytes()
    try:
        descriptor = parse_descriptor(raw, reader.label)
    except ValueError as exc:
        raise VersionError(str(exc)) from None
    names = set()
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str) or not isinstance(resource.get("path"), str):
            raise VersionError(f"{reader.label}: every resource needs a name and a single path")
        if resource["name"] in names:
            raise VersionError(f"{reader.label}: resource name {resource['name']!r} appears twice")
        names.add(resource["name"])
    return descriptor


def open_package(ref, repo_root: Path | str | None = None) -> PackageSnapshot:
    """Open one version: a package folder or its datapackage.json, a .zip archive, or a git revision.

    An existing path wins over a git revision of the same spelling. Git revisions are
    read from the repository holding repo_root (default: the current directory), never
    newsprov's own unless that is where the user is; the package is the datapackage.json
    in repo_root's folder of the tree.
    """
    if isinstance(ref, PackageSnapshot):
        return ref
    reader = _reader(ref, Path(repo_root) if repo_root else Path.cwd())
    descriptor = _descriptor_of(reader)
    resources = descriptor["resources"]
    if hasattr(reader, "sha256"):  # sources hashed as they stream, never all held at once
        files = reader.read_many(sorted({r["path"] for r in resources if _is_table(r)}))
        sources = {r["name"]: "sha256:" + reader.sha256(r["path"]) for r in resources if not _is_table(r)}
    else:
        files = reader.read_many(sorted({r["path"] for r in resources}))
        sources = {r["name"]: "sha256:" + hashlib.sha256(files[r["path"]]).hexdigest() for r in resources if not _is_table(r)}
    tables = {r["name"]: files[r["path"]] for r in resources if _is_table(r)}
    return PackageSnapshot(str(ref), reader.kind, descriptor, tables, sources)


def export_package(ref, dest: Path, repo_root: Path | str | None = None) -> Path:
    """Write one version's datapackage.json and resource files under dest (which must not exist).

    Git revisions resolve as in open_package (default: the current directory)."""
    reader = _reader(ref, Path(repo_root) if repo_root else Path.cwd())
    descriptor = _descriptor_of(reader)
    rels = sorted({r["path"] for r in descriptor["resources"]})
    files = reader.read_many(rels)
    files[DESCRIPTOR] = reader.descriptor_bytes()
    dest.mkdir(parents=True)
    for rel, data in files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return dest


# --------------------------------------------------------------------------- diff


@dataclass
class RowChange:
    key: dict
    columns: dict  # column -> (old, new)

    def to_dict(self) -> dict:
        return {"key": self.key, "columns": {c: {"old": o, "new": n} for c, (o, n) in self.columns.items()}}


@dataclass
class TableDiff:
    name: str
    status: str  # "added", "removed", "changed" or "unchanged"
    primary_key: list[str] = field(default_factory=list)
    rows_old: int = 0  # row counts are filled in for added, removed and changed tables only
    rows_new: int = 0
    rows_added: int = 0
    rows_removed: int = 0
    rows_changed: int = 0
    changed_columns: dict[str, int] = field(default_factory=dict)  # column -> rows whose value changed
    changes: list[RowChange] = field(default_factory=list)  # the first SAMPLE changed rows
    added: list[dict] = field(default_factory=list)  # keys (whole rows without a key) of the first SAMPLE added rows
    removed: list[dict] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    types_changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    primary_key_changed: tuple[list, list] | None = None
    columns_reordered: bool = False
    schema_details: list[str] = field(default_factory=list)  # descriptive schema changes
    metadata_changed: list[str] = field(default_factory=list)  # resource keys other than schema/hash/bytes
    path_changed: tuple[str, str] | None = None
    bytes_changed: bool = False
    notes: list[str] = field(default_factory=list)
    rows_renumbered: int = 0  # rows whose content is found in the other version under another key

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"

    def to_dict(self) -> dict:
        out = {
            "status": self.status,
            "primary_key": self.primary_key,
            "rows": {"old": self.rows_old, "new": self.rows_new, "added": self.rows_added, "removed": self.rows_removed, "changed": self.rows_changed,
                     "renumbered": self.rows_renumbered},
            "changed_columns": self.changed_columns,
            "changes": [c.to_dict() for c in self.changes],
            "added": self.added,
            "removed": self.removed,
            "schema": {
                "columns_added": self.columns_added,
                "columns_removed": self.columns_removed,
                "types_changed": {c: {"old": o, "new": n} for c, (o, n) in self.types_changed.items()},
                "primary_key_changed": {"old": self.primary_key_changed[0], "new": self.primary_key_changed[1]} if self.primary_key_changed else None,
                "columns_reordered": self.columns_reordered,
                "details": self.schema_details,
            },
            "metadata_changed": self.metadata_changed,
            "path_changed": list(self.path_changed) if self.path_changed else None,
            "notes": self.notes,
        }
        return out


@dataclass
class PackageDiff:
    old_ref: str
    new_ref: str
    old_version: str
    new_version: str
    tables: dict[str, TableDiff]
    sources_added: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    sources_changed: list[str] = field(default_factory=list)
    sources_moved: dict[str, tuple[str, str]] = field(default_factory=dict)
    sources_metadata_changed: list[str] = field(default_factory=list)
    metadata_changed: list[str] = field(default_factory=list)  # package keys, not version/created/resources
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (level, change), most severe first

    @property
    def tables_added(self) -> list[str]:
        return [n for n, t in self.tables.items() if t.status == "added"]

    @property
    def tables_removed(self) -> list[str]:
        return [n for n, t in self.tables.items() if t.status == "removed"]

    @property
    def required_bump(self) -> str:
        return max((level for level, _ in self.reasons), key=LEVELS.index, default="none")

    @property
    def empty(self) -> bool:
        return not self.reasons

    def to_dict(self) -> dict:
        return {
            "old": {"ref": self.old_ref, "version": self.old_version},
            "new": {"ref": self.new_ref, "version": self.new_version},
            "required_bump": self.required_bump,
            "reasons": [{"level": level, "change": change} for level, change in self.reasons],
            "tables_added": self.tables_added,
            "tables_removed": self.tables_removed,
            "tables": {n: t.to_dict() for n, t in self.tables.items() if t.changed},
            "sources": {
                "added": self.sources_added,
                "removed": self.sources_removed,
                "changed": self.sources_changed,
                "moved": {n: {"old": o, "new": p} for n, (o, p) in self.sources_moved.items()},
                "metadata_changed": self.sources_metadata_changed,
            },
            "metadata_changed": self.metadata_changed,
        }

    def to_text(self) -> str:
        lines = [f"{self.old_ref} ({self.old_version or '?'}) -> {self.new_ref} ({self.new_version or '?'}): required bump {self.required_bump.upper()}"]
        if self.empty:
            lines.append("no changes")
            return safe_lines(lines) + "\n"
        if self.sources_added or self.sources_removed or self.sources_changed:
            lines.append(f"sources: {len(self.sources_added)} added, {len(self.sources_removed)} removed, {len(self.sources_changed)} changed")
            lines += [f"  + {n}" for n in self.sources_added] + [f"  - {n}" for n in self.sources_removed] + [f"  ~ {n}" for n in self.sources_changed]
        for name, t in self.tables.items():
            if t.status == "unchanged":
                continue
            if t.status in ("added", "removed"):
                lines.append(f"table {name}: {t.status} ({t.rows_new if t.status == 'added' else t.rows_old} rows)")
                continue
            lines.append(f"table {name}: {t.rows_added} rows added, {t.rows_removed} removed, {t.rows_changed} changed ({t.rows_old} -> {t.rows_new})")
            for label, cols in (("columns added", t.columns_added), ("columns removed", t.columns_removed)):
                if cols:
                    lines.append(f"  {label}: {', '.join(cols)}")
            for col, (o, n) in t.types_changed.items():
                lines.append(f"  column {col}: type {o} -> {n}")
            if t.primary_key_changed:
                lines.append(f"  primary key: {t.primary_key_changed[0]} -> {t.primary_key_changed[1]}")
            if t.columns_reordered:
                lines.append("  column order changed")
            lines += [f"  schema: {detail}" for detail in t.schema_details]
            if t.metadata_changed:
                lines.append(f"  metadata changed: {', '.join(t.metadata_changed)}")
            if t.path_changed:
                lines.append(f"  moved: {t.path_changed[0]} -> {t.path_changed[1]}")
            if t.changed_columns:
                lines.append("  changed columns: " + ", ".join(f"{c} ({k})" for c, k in t.changed_columns.items()))
            for change in t.changes:
                key = ", ".join(f"{k}={v}" for k, v in change.key.items())
                for col, (o, n) in change.columns.items():
                    lines.append(f"  ~ {key}: {col}: {_short(o)} -> {_short(n)}")
            for sign, rows in (("+", t.added), ("-", t.removed)):
                lines += [f"  {sign} " + ", ".join(f"{k}={_short(v)}" for k, v in row.items()) for row in rows]
            shown = len(t.changes) + len(t.added) + len(t.removed)
            if shown < t.rows_changed + t.rows_added + t.rows_removed:
                lines.append(f"  ... ({t.rows_changed + t.rows_added + t.rows_removed - shown} more rows not listed)")
            lines += [f"  note: {note}" for note in t.notes]
        lines.append("reasons:")
        lines += [f"  {level.upper()}: {change}" for level, change in self.reasons]
        return safe_lines(lines) + "\n"  # names and values are data: they may not break a line or start one with '::'


def _short(value, limit: int = 60) -> str:
    text = "∅" if value is None else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def package_folder(ref) -> Path | None:
    """The folder of the package a reference names when it is a package folder or a descriptor file, else None."""
    if not isinstance(ref, (str, Path)) or not str(ref):
        return None
    path = Path(ref)
    if path.is_dir():
        return path if (path / DESCRIPTOR).is_file() else None
    if path.is_file() and not (path.suffix.lower() == ".zip" or zipfile.is_zipfile(path)):
        return path.parent
    return None


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
