"""A validation report: tasks (one per resource, plus the package), each with errors."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from newsprov.validators.errors import ValidationError
from newsprov.core.printable import printable, safe_lines

PACKAGE_TASK = "package"
_string = json.encoder.encode_basestring  # how json.dumps(..., ensure_ascii=False) writes a str


@dataclass
class Task:
    name: str
    type: str
    place: str
    errors: list[ValidationError] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "type": self.type,
            "valid": self.valid,
            "place": self.place,
            "stats": {"errors": len(self.errors)},
            "errors": [e.to_dict() for e in self.errors],
        }


@dataclass
class Report:
    descriptor: str
    tasks: list[Task]
    seconds: float = 0.0

    @property
    def valid(self) -> bool:
        return all(t.valid for t in self.tasks)

    @property
    def errors(self) -> list[ValidationError]:
        return [e for t in self.tasks for e in t.errors]

    def flatten(self, keys: list[str]) -> list[list]:
        """Rows of the chosen error attributes, e.g. ["type", "resource", "row"]."""
        return [[getattr(e, k) for k in keys] for e in self.errors]

    def to_dict(self) -> dict:
        """The shape of `frictionless validate --json`: valid, stats, tasks[].errors[]."""
        return {**self.to_dict_without_tasks(), "tasks": [t.to_dict() for t in self.tasks]}

    def to_json(self) -> str:
        """json.dumps(self.to_dict(), indent=2, ensure_ascii=False), character for character.

        With 100,000 resources the pure-Python indenting encoder takes seconds; a task
        without errors (nearly all of them) is written from a template instead, each
        string through the C string encoder json.dumps itself uses.
        """
        head = {**self.to_dict_without_tasks(), "tasks": []}
        text = json.dumps(head, indent=2, ensure_ascii=False)
        if not self.tasks:
            return text
        tail = '"tasks": []\n}'
        assert text.endswith(tail)
        body = ",\n".join(_task_json(task) for task in self.tasks)
        return text[: -len(tail)] + '"tasks": [\n' + body + "\n  ]\n}"

    def to_dict_without_tasks(self) -> dict:
        return {
            "valid": self.valid,
            "stats": {"tasks": len(self.tasks), "errors": len(self.errors), "warnings": 0, "seconds": round(self.seconds, 3)},
            "warnings": [],
            "errors": [],
        }

    def to_text(self) -> str:
        lines = []
        for task in self.tasks:
            for e in task.errors:
                where = [task.name if e.resource is None else e.resource]
                if e.row is not None:
                    where.append(f"row {e.row}")
                if e.field is not None:
                    where.append(f"column {e.field}")
                lines.append(f"{' '.join(where)}: [{e.type}] {e.message}")
        failed = [t.name for t in self.tasks if not t.valid]
        if failed:
            lines.append(f"INVALID {self.descriptor}: {len(self.errors)} error(s) in {len(failed)} of {len(self.tasks)} task(s): {', '.join(failed)}")
        else:
            lines.append(f"VALID {self.descriptor}: {len(self.tasks)} task(s), 0 errors ({self.seconds:.2f}s)")
        return safe_lines(lines)  # names and cells are data: they may not break a line or start one with '::'


    def to_github(self, relative_to: str | Path | None = None) -> str:
        """GitHub Actions workflow commands: one `::error file=…,line=…::` per error, then the summary line.

        Files are given relative to `relative_to` (default: the working directory), as
        GitHub expects paths relative to the checkout; `line` is the CSV line of the row.
        """
        base = Path(relative_to or os.getcwd())
        root = Path(self.descriptor).parent
        lines = []
        for task in self.tasks:
            place = Path(self.descriptor) if task.name == PACKAGE_TASK else root / task.place
            file = os.path.relpath(place, base)
            for e in task.errors:
                props = f"file={_escape_property(file)}"
                if e.row is not None:
                    props += f",line={e.row}"
                props += f",title={_escape_property(e.type)}"
                lines.append(f"::error {props}::{_escape_data(e.message)}")
        return "\n".join([*lines, self.to_text().splitlines()[-1]])


_VALID_TASK = (
    '    {{\n      "name": {name},\n      "type": {type},\n      "valid": true,\n      "place": {place},\n'
    '      "stats": {{\n        "errors": 0\n      }},\n      "errors": []\n    }}'
)


def _task_json(task: Task) -> str:
    """One task as json.dumps(..., indent=2) writes it at depth 2 of the report."""
    if not task.errors:
        return _VALID_TASK.format(name=_string(task.name), type=_string(task.type), place=_string(task.place))
    return "\n".join("    " + line for line in json.dumps(task.to_dict(), indent=2, ensure_ascii=False).split("\n"))


def _escape_data(value: str) -> str:
    """GitHub's escaping of a workflow command's data (%, CR, LF), then every other control character escaped."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
