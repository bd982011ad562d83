"""The build report's own checks: its shape, and that every row it says was dropped is absent.

The checksum and size are checked like any resource's. Here: the JSON parses and has the
report's shape (newsprov.schemas.build_report), every `depends_on` names a row the report
also lists, and no table holds a row the report lists as dropped (a report that says a row
was left out while the table has it tells a lie about the package).
"""

from __future__ import annotations

import json

import polars as pl

from newsprov.schemas import build_report
from newsprov.validators.cross_table import Job
from newsprov.validators.errors import ValidationError


def read(path: str, name: str) -> tuple[dict | None, list[ValidationError]]:
    """The report parsed, or None and the errors that say why it is no report."""
    try:
        with open(path, encoding="utf-8") as fh:
            report = json.load(fh)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, [ValidationError("build-report-error", resource=name, note=f"not a JSON document ({exc})")]
    errors = [ValidationError("build-report-error", resource=name, note=p) for p in build_report.problems(report)]
    if errors:
        return None, errors
    listed = {(d["table"], json.dumps(d["key"], sort_keys=True)) for d in report["dropped"]}
    for n, d in enumerate(report["dropped"]):
        dep = d["depends_on"]
        if dep is not None and (dep["table"], json.dumps(dep["key"], sort_keys=True)) not in listed:
            errors.append(ValidationError("build-report-error", resource=name,
                                          note=f"dropped[{n}] depends on {dep['table']} row {dep['key']}, which the report does not list"))
    return report, errors


def absent_job(report: dict, name: str, metas: dict) -> Job:
    """A cross-table job: every dropped row's key is absent from its table."""
    by_table: dict[str, list[dict]] = {}
    for d in report["dropped"]:
        if d["table"] in metas and set(d["key"]) == set(metas[d["table"]].primary_key):
            by_table.setdefault(d["table"], []).append(d["key"])
    columns = {table: frozenset(metas[table].primary_key) for table in by_table}

    def run(tables: dict[str, pl.DataFrame]) -> list[ValidationError]:
        errors = []
        for table, keys in sorted(by_table.items()):
            df = tables.get(table)
            if df is None:
                continue
            pk = list(metas[table].primary_key)
            wanted = pl.DataFrame([{c: k[c] for c in pk} for k in keys], schema={c: df.schema[c] for c in pk}, strict=False)
            present = df.select(pk).join(wanted, on=pk, how="semi")
            for row in present.iter_rows(named=True):
                errors.append(ValidationError("dropped-row-present", resource=name, field=table,
                                              cell=", ".join(str(row[c]) for c in pk), note=f"{table} still has it"))
        return errors

    return Job("cross", columns, run)
