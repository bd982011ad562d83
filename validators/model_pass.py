"""Which parts of a table's Pandera schema fail, found in one parallel pass.

Pandera validates a Polars frame check by check, collecting each check's output, its
pass flag and its failure cases in turn: on millions of rows most of that time goes
to tables with nothing wrong. Here every check of the schema (the same check
functions Pandera runs, through Pandera's own check backend, with its null rule)
becomes one boolean aggregate, and all of them are collected together with
`pl.collect_all`, which shares the scan and runs them in parallel. Only the checks
that fail go back to Pandera, in a schema restricted to them, for its failure cases:
Pandera stays the single source of truth for what a failure is and how it is reported.

Anything this pass does not mirror exactly (coercion, parsers, defaults, regex
columns, frame-level uniqueness, a frame whose columns differ from the schema's, as
when an older package lacks an optional column) returns None: the caller runs Pandera on the whole schema, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

# Pandera's public polars API (pandera.polars) has no way to run checks without collecting
# their failure cases; this pass borrows four internals for that. They are optional: if a
# Pandera release moves them, the pass is off and Pandera validates the whole schema itself.
try:
    import pandera.backends.polars.builtin_checks  # noqa: F401  (registers the checks for Polars frames, as Pandera does)
    from pandera.api.polars.types import PolarsData
    from pandera.backends.polars.checks import PolarsCheckBackend
    from pandera.config import CONFIG
    from pandera.constants import CHECK_OUTPUT_KEY
except ImportError:  # pragma: no cover (depends on the Pandera release)
    CONFIG = None


@dataclass(frozen=True)
class Failed:
    """The schema parts that failed: columns (one of whose type, nullability, uniqueness or checks
    failed; Pandera then runs all of that column) and frame-level checks, by index."""

    columns: set[str]
    frame_checks: set[int]

    def __bool__(self) -> bool:
        return bool(self.columns or self.frame_checks)


def _supported(schema, df: pl.DataFrame) -> bool:
    if CONFIG is None:
        return False  # the internals this pass borrows are not there
    depth = getattr(CONFIG, "validation_depth", None)
    if getattr(CONFIG, "use_narwhals_backend", False) or not getattr(CONFIG, "validation_enabled", True) or depth is not None and depth.name != "SCHEMA_AND_DATA":
        return False  # Pandera would run other backends, or fewer checks
    if any(getattr(schema, option, None) for option in ("coerce", "unique", "parsers", "add_missing_columns", "drop_invalid_rows", "ordered")):
        return False
    if set(df.columns) != set(schema.columns):
        return False
    for column in schema.columns.values():  # (an optional column is present: the frame has them all)
        if column.coerce or column.regex or column.parsers or column.default is not None:
            return False
    return True


def _check_passed(check, lf: pl.LazyFrame, key: str) -> pl.LazyFrame | bool:
    """One row, one column: did every row pass (Pandera's semantics: a null output passes when the check ignores nulls)."""
    out = PolarsCheckBackend(check).apply(PolarsData(lf, key))
    if isinstance(out, bool):
        return out
    flag = pl.col(CHECK_OUTPUT_KEY)
    flag = (flag | flag.is_null()) if check.ignore_na else flag.fill_null(False)
    return out.select(flag.all())


def failed_parts(df: pl.DataFrame, schema) -> Failed | None:
    """The failing parts of `schema` on `df` (falsy when all pass), or None when this pass cannot mirror Pandera."""
    if not _supported(schema, df):
        return None
    try:
        return _failed_parts(df, schema)
    except Exception:  # noqa: BLE001  (Pandera internals this pass borrows changed, or a check raised:
        return None  # Pandera on the whole schema gives the answer, as without this pass)


def _failed_parts(df: pl.DataFrame, schema) -> Failed:
    lf = df.lazy()
    failed = Failed(set(), set())
    owners, queries = [], []  # per query: the column it checks, or the index of a frame check
    for name, column in schema.columns.items():
        if not column.dtype.check(df.schema[name], PolarsData(lf.select(name), name)):  # as Pandera's check_dtype
            failed.columns.add(name)
        if not column.nullable:
            expr = pl.col(name).is_not_null()
            if df.schema[name].is_float():
                expr = expr & pl.col(name).is_not_nan()
            owners.append(name)
            queries.append(lf.select(expr.all()))
        if column.unique:
            # Distinct hashes prove distinct values; a collision (or a real duplicate) goes to Pandera.
            owners.append(name)
            queries.append(lf.select(pl.col(name).hash().n_unique() == pl.len()))
        for check in column.checks:
            owners.append(name)
            queries.append(_check_passed(check, lf, name))
    for index, check in enumerate(schema.checks):
        owners.append(index)
        queries.append(_check_passed(check, lf, "*"))
    lazy = [i for i, q in enumerate(queries) if isinstance(q, pl.LazyFrame)]
    results = dict(zip(lazy, pl.collect_all([queries[i] for i in lazy]))) if lazy else {}
    for i, owner in enumerate(owners):
        if not (results[i].item() if i in results else queries[i]):
            (failed.frame_checks if isinstance(owner, int) else failed.columns).add(owner)
    return failed


def restricted(schema, failed: Failed):
    """The schema with only the failed columns (all their checks) and the failed frame checks."""
    columns = {name: column for name, column in schema.columns.items() if name in failed.columns}
    checks = [check for index, check in enumerate(schema.checks) if index in failed.frame_checks]
    return schema.__class__(columns=columns, checks=checks, name=schema.name, strict=False)
