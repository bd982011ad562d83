"""The build report: every derived row a build left out of the package, and why.

Extraction is heuristic; now and then a derived row (a quote, a figure, an entity, a
comparison row) breaks a rule of its table's model or a rule across tables. The build
publishes the package without such a row, and without every row that depends on it through
a foreign key, and records each one here, in a JSON resource of the package
(`reports/build-report.json`, with its sha256 in datapackage.json like every resource):

    {"format": "newsprov-build-report/1",
     "dropped": [{"table": "quotes", "key": {"quote_id": "a:q0003"}, "article_id": "a",
                  "rule": "speaker-kind-complete", "reason": "breaks-rule", "depends_on": null,
                  "row": {... the row as built ...}},
                 {"table": "figures", "key": {"figure_id": "a:f0001"}, "article_id": "a",
                  "rule": "foreign-key", "reason": "depends-on",
                  "depends_on": {"table": "quotes", "key": {"quote_id": "a:q0003"}}, "row": {...}}]}

`newsprov validate` checks the report's checksum, its shape (REPORT_SCHEMA, also given in
the descriptor as the resource's `jsonSchema`), that every row it lists as dropped is
absent from its table, and that every `depends_on` names a row the report also lists.
"""

from __future__ import annotations

FORMAT = "newsprov-build-report/1"
NAME = "build-report"
# (in a folder of its own: sorted after datapackage.json in a release archive, beside any later report)
FOLDER, FILE = "reports", "build-report.json"
REASONS = ("breaks-rule", "depends-on")
DESCRIPTION = ("Every derived row the build left out of the package: the table, its key and article, the rule it "
               "broke (or the dropped row it depended on through a foreign key) and the row as built.")

_KEY = {"type": "object", "minProperties": 1, "additionalProperties": {"type": ["string", "integer"]}}
REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["format", "dropped"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT},
        "dropped": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["table", "key", "article_id", "rule", "reason", "depends_on", "row"],
                "additionalProperties": False,
                "properties": {
                    "table": {"type": "string", "minLength": 1},
                    "key": _KEY,
                    "article_id": {"type": ["string", "null"]},
                    "rule": {"type": "string", "minLength": 1},
                    "reason": {"enum": list(REASONS)},
                    "depends_on": {
                        "oneOf": [
                            {"type": "null"},
                            {"type": "object", "required": ["table", "key"], "additionalProperties": False,
                             "properties": {"table": {"type": "string"}, "key": _KEY}},
                        ]
                    },
                    "row": {"type": "object"},
                },
            },
        },
    },
}


def problems(report: object) -> list[str]:
    """What makes ``report`` (parsed JSON) not a build report of this format; [] when it is one.

    A hand check of REPORT_SCHEMA (no JSON Schema engine needed to validate a package)."""
    if not isinstance(report, dict):
        return ["the report is not a JSON object"]
    out = []
    if report.get("format") != FORMAT:
        out.append(f"format is {report.get('format')!r}, not {FORMAT!r}")
    extra = set(report) - {"format", "dropped"}
    if extra:
        out.append(f"unknown properties {sorted(extra)}")
    dropped = report.get("dropped")
    if not isinstance(dropped, list):
        return out + ["dropped is not a list"]
    fields = set(REPORT_SCHEMA["properties"]["dropped"]["items"]["required"])
    for n, entry in enumerate(dropped):
        where = f"dropped[{n}]"
        if not isinstance(entry, dict) or set(entry) != fields:
            out.append(f"{where} must have exactly the properties {sorted(fields)}")
            continue
        if not isinstance(entry["table"], str) or not entry["table"]:
            out.append(f"{where}.table is not a table name")
        if not _is_key(entry["key"]):
            out.append(f"{where}.key is not an object of key values")
        if entry["article_id"] is not None and not isinstance(entry["article_id"], str):
            out.append(f"{where}.article_id is neither a string nor null")
        if not isinstance(entry["rule"], str) or not entry["rule"]:
            out.append(f"{where}.rule is empty")
        if entry["reason"] not in REASONS:
            out.append(f"{where}.reason {entry['reason']!r} is not one of {list(REASONS)}")
        dep = entry["depends_on"]
        if (entry["reason"] == "depends-on") != (dep is not None):
            out.append(f"{where}.depends_on must be set exactly when reason is depends-on")
        if dep is not None and not (isinstance(dep, dict) and set(dep) == {"table", "key"} and isinstance(dep["table"], str) and _is_key(dep["key"])):
            out.append(f"{where}.depends_on is not {{table, key}}")
        if not isinstance(entry["row"], dict):
            out.append(f"{where}.row is not an object")
    return out


def _is_key(key: object) -> bool:
    return isinstance(key, dict) and bool(key) and all(isinstance(k, str) and isinstance(v, (str, int)) and not isinstance(v, bool)
                                                       for k, v in key.items())
