"""What changed between two versions of a package: per table and per source, and the bump it requires.

PackageDiff is the answer of `newsprov diff` (engine.py computes it): its reasons (level,
change) give `required_bump`; `to_dict` is the JSON of `--json`, `to_text` the text output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsprov.core.printable import safe_lines
from newsprov.core.semver import LEVELS


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
