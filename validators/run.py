"""Validate a data package: integrity, schemas, keys and provenance, in one report."""

from __future__ import annotations

import collections
import contextlib
import gc
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from newsprov.core import source_manifest
from newsprov.core.descriptor import DescriptorError, read as read_descriptor
from newsprov.core.layout import DESCRIPTOR, NoPackageHere, current_package
from newsprov.core.text import BOM, SourceError, decode_source
from newsprov.schemas import build_report
from newsprov.schemas.registry import metas, models
from newsprov.validators import build_report as report_checks
from newsprov.validators import cross_table, integrity, profile, provenance, tables
from newsprov.validators.errors import ValidationError
from newsprov.core.paths import PathGuard
from newsprov.validators.table_schemas import check_table_schema, declared_constraint_errors
from newsprov.validators.report import PACKAGE_TASK, Report, Task


class PackageUnreadable(Exception):
    """The package cannot be read at all: an I/O or usage problem (exit 2), not invalid data (exit 1)."""


class DescriptorNotFound(PackageUnreadable):
    """No descriptor to validate."""


class MalformedDescriptor(PackageUnreadable):
    """A descriptor that cannot be read as one: too large, nested too deep, empty, not UTF-8, not JSON,
    not an object, or without a resources list (descriptor.parse says which)."""


def resolve_descriptor(path: Path | str | None) -> Path:
    """The descriptor `path` names (a datapackage.json or its folder); with None, the package
    found from the current directory upward (core.layout.find_package)."""
    if path is None:
        try:
            return current_package().descriptor
        except NoPackageHere as exc:
            raise DescriptorNotFound(str(exc)) from None
    path = Path(path)
    if path.is_dir():
        path = path / DESCRIPTOR
    if not path.is_file():
        raise DescriptorNotFound(f"{path}: data package descriptor not found")
    return path


def validate(path: Path | str | None = None, engine=None) -> Report:
    """Validate the package at path (a datapackage.json or its folder; default: the package
    found from the current directory upward). `engine` (newsprov.core.engine; default this
    process) runs the per-article work of the rules reading the source texts (Rule.derive):
    on a Dask cluster for a large package, with the same report."""
    with _gc_paused():
        return _validate(path, engine)


def _validate(path: Path | str | None, engine=None) -> Report:
    started = time.perf_counter()
    descriptor_path = resolve_descriptor(path)
    root = descriptor_path.parent
    package = Task(PACKAGE_TASK, "package", str(descriptor_path))
    report = Report(str(descriptor_path), [package])
    try:
        descriptor = read_descriptor(descriptor_path)
    except DescriptorError as exc:
        raise MalformedDescriptor(str(exc)) from None
    except OSError as exc:
        raise DescriptorNotFound(f"{descriptor_path}: cannot read ({exc.strerror})") from None
    package.errors += integrity.check_descriptor(descriptor)
    package.errors += profile.check_package(descriptor)
    # The profile is checked by frictionless (importing it takes about 0.5 s) in a thread of its
    # own while the resources are checked, on one resource of each shape (profile.reduced, about
    # 0.3 s for 100,000 sources, in that thread too: it holds the resource dicts until then).
    with ThreadPoolExecutor(1, thread_name_prefix="newsprov-profile") as pool:
        profile_errors = pool.submit(_check_profile, {**descriptor, "resources": list(descriptor["resources"])})
        resources = descriptor.pop("resources")
        del descriptor  # _validate_resources empties the list as it goes: 100,000 resource dicts are freed early
        package.errors += _expand_manifest(root, resources)
        _validate_resources(root, resources, report, engine)
        package.errors += profile_errors.result()
    return _done(report, started)


def _expand_manifest(root: Path, resources: list) -> list[ValidationError]:
    """A source manifest's rows appended to resources as the text resources they stand for
    (newsprov.core.source_manifest), so every source check applies to each listed source."""
    manifest = next((r for r in resources if isinstance(r, dict) and r.get("name") == source_manifest.MANIFEST), None)
    if manifest is None:
        return []
    rel = manifest.get("path")
    if not isinstance(rel, str) or PathGuard(root).reason(rel) or not (root / rel).is_file():
        return []  # (the manifest's own resource check says what is wrong with it)
    try:
        listed = source_manifest.expand((root / rel).read_bytes(), rel)
    except (source_manifest.ManifestError, OSError) as exc:
        return [ValidationError("descriptor-error", resource=source_manifest.MANIFEST, note=str(exc))]
    names = {r.get("name") for r in resources if isinstance(r, dict)}
    errors = [ValidationError("descriptor-error", resource=r["name"], note="listed in the source manifest and declared as a resource too")
              for r in listed if r["name"] in names]
    # a source beside the listed ones that the manifest does not list (added, or its row removed)
    paths = {r["path"] for r in listed}
    folders = sorted({p.rpartition("/")[0] for p in paths})
    for folder in folders:
        for extra in sorted(p for p in (root / folder).glob("*.txt") if p.is_file() and f"{folder}/{p.name}" not in paths):
            errors.append(ValidationError("descriptor-error", resource=source_manifest.MANIFEST,
                                          note=f"{folder}/{extra.name} is a source file the source manifest does not list"))
    resources += [r for r in listed if r["name"] not in names]
    return errors


def _check_profile(descriptor: dict) -> list[ValidationError]:
    return profile.check_profile(*profile.reduced(descriptor))


def _validate_resources(root: Path, resources: list, report: Report, engine=None) -> None:
    """Every check of every resource, errors added to one task per resource (appended to report).

    How this scales to 100,000 sources and millions of rows (README, "Validation at scale"):
    table files are hashed in one thread and read and checked against their models in
    another (see _Prefetch for the memory bound), while this thread reads each source
    once: the bytes hashed are the bytes decoded for the span checks. A table's spans
    are checked as soon as it is read; then each cross-table rule runs as soon as the
    tables it joins are read, and of each table only the columns rules still to run
    read are kept (cross_table.Schedule). Errors are kept by stage and reported in
    the order a stage-by-stage run gives.
    """
    known, table_metas = models(), metas()
    guard = PathGuard(root)
    tasks: dict[str, Task] = {}
    parts: dict[str, _Parts] = collections.defaultdict(_Parts)  # only tasks with errors get one
    sources, others = [], []
    declared: dict[str, list] = {}  # constraints a table's schema declares beyond its model, checked on its rows
    for resource in resources:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str) or resource["name"] in tasks:
            continue
        task = Task(resource["name"], str(resource.get("type", "file")), str(resource.get("path")))
        tasks[task.name] = task
        if task.name in known:
            schema_errors, declared[task.name] = check_table_schema(resource, known[task.name])
            parts[task.name].integrity += schema_errors
        report.tasks.append(task)
        (sources if task.type == "text" else others).append(resource)
    resources.clear()

    with ThreadPoolExecutor(1, thread_name_prefix="newsprov-hash") as hasher, ThreadPoolExecutor(1, thread_name_prefix="newsprov-read") as reader:
        files: dict[str, str] = {}
        hashing = {}
        for resource in others:
            errors, file, fd, st = integrity.open_resource(guard, resource)
            if errors:
                parts[resource["name"]].integrity += errors
            if fd is not None:
                files[resource["name"]] = file
                hashing[resource["name"]] = hasher.submit(integrity.finish_resource, resource, file, fd, st)
        prefetch = _Prefetch(reader, {n: f for n, f in files.items() if n in known}, known, table_metas, declared=declared)
        try:
            source_files = _SourceBytes()
            sources.reverse()
            while sources:
                resource = sources.pop()  # each resource dict is freed once read
                checked = integrity.check_file(root, resource, guard, keep_bytes=True)
                if checked.errors:
                    parts[resource["name"]].integrity += checked.errors
                if checked.path is not None:
                    source_files.add(resource["path"], checked.actual, checked.data)
            schedule = cross_table.Schedule(table_metas)
            if build_report.NAME in files:  # (its checksum is checked with the other files)
                report, errors = report_checks.read(files[build_report.NAME], build_report.NAME)
                parts[build_report.NAME].cross += errors
                if report is not None:
                    schedule.jobs.append(report_checks.absent_job(report, build_report.NAME, table_metas))
            _check_tables(prefetch, table_metas, source_files, parts, schedule, engine)
        finally:
            prefetch.close()
        for name, future in hashing.items():
            if errors := future.result().errors:
                parts[name].integrity += errors

    for stage, error in schedule.finish():
        getattr(parts[error.resource], stage).append(error)
    for name, part in parts.items():
        tasks[name].errors += part.ordered()


@contextlib.contextmanager
def _gc_paused():
    """No cyclic garbage collection while validating: with 100,000 resources the descriptor
    alone is millions of objects, which every collection would walk again (seconds).

    On the way out, the objects allocated meanwhile (the report among them) move to the oldest
    generation (freeze, then unfreeze): left in the youngest, the first allocation after
    gc.enable() would walk them all (0.7 s for a 100,000-task report). Nothing is kept alive
    by this; objects are freed by reference counting as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@dataclass
class _Parts:
    """A task's errors by stage; reported in this order whatever order they were found in."""

    integrity: list[ValidationError] = field(default_factory=list)
    table: list[ValidationError] = field(default_factory=list)  # reading, model, primary key
    keys: list[ValidationError] = field(default_factory=list)  # foreign keys
    cross: list[ValidationError] = field(default_factory=list)  # counts, within, agrees
    provenance: list[ValidationError] = field(default_factory=list)  # sources, spans, derived values

    def ordered(self) -> list[ValidationError]:
        return self.integrity + self.table + self.keys + self.cross + self.provenance


# Bytes of CSV the background reader may hold in tables not yet span-checked.
READ_BUDGET = 512 << 20
# Tables up to this size are read first (while the sources are read), the others largest first.
SMALL_TABLE = 16 << 20


class _Prefetch:
    """Tables read and checked against their models in a background thread.

    Order: the table listing the source files first (its rows say which text each article has), then the small
    tables (their fixed cost overlaps the reading of the sources), then the others
    largest first, so that the columns kept from earlier tables are fewest when the
    largest is read. Reading waits while the tables read but not yet released by the
    checker hold more than `budget` bytes of CSV (a table larger than that is read
    alone): memory stays bounded however many tables there are.
    """

    def __init__(self, pool: ThreadPoolExecutor, files: dict[str, str], known: dict, table_metas: dict, budget: int | None = None, declared: dict | None = None):
        budget = READ_BUDGET if budget is None else budget  # looked up now, so that READ_BUDGET can be set at run time
        sizes = {name: os.path.getsize(path) for name, path in files.items()}
        self.order = sorted(files, key=lambda n: (table_metas[n].sources is None, sizes[n] > SMALL_TABLE, -sizes[n], n))
        self.weight = {name: min(sizes[name], budget) for name in files}
        self.budget, self.held = budget, 0
        self.room = threading.Condition()
        self.closed = False
        self.declared = declared or {}
        self.futures = {name: pool.submit(self._read, name, files[name], known[name], table_metas[name]) for name in self.order}

    def _read(self, name: str, path: str, model, meta):
        with self.room:
            self.room.wait_for(lambda: self.closed or self.held + self.weight[name] <= self.budget)
            if self.closed:
                return None, []
            self.held += self.weight[name]
        df, errors = tables.read_table(path, model, name)
        if df is not None:
            errors += tables.check_model(df, model, name)
            errors += tables.check_primary_key(df, meta)
            if self.declared.get(name):
                errors += declared_constraint_errors(df, name, self.declared[name], model)
        return df, errors

    def __iter__(self):
        for name in self.order:
            # Neither the future nor this frame may keep a table alive once the checker drops it.
            yield (name, *self.futures.pop(name).result())

    def release(self, name: str) -> None:
        """The checker is done with this table."""
        with self.room:
            self.held -= self.weight[name]
            self.room.notify_all()

    def close(self) -> None:
        with self.room:
            self.closed = True
            self.room.notify_all()
        for future in self.futures.values():
            future.cancel()


def _check_tables(prefetch: _Prefetch, table_metas, source_files, parts, schedule: cross_table.Schedule, engine=None) -> None:
    """Each table's errors, its spans and the rules reading the source texts checked while it is
    in memory (the table listing the source files first, whose rows say which text each article
    has); then it goes to the cross-table schedule, which keeps only the columns rules still to
    run will read."""
    texts = None
    for name, df, errors in prefetch:
        parts[name].table += errors
        if df is not None:
            meta = table_metas[name]
            if meta.sources is not None:
                texts = _source_texts(df, meta, source_files.frame(), parts[name].provenance)
            if texts is not None:
                parts[name].provenance += provenance.check_spans(df, meta, texts)
                for rule in meta.rules:
                    if rule.texts:
                        parts[name].provenance += cross_table.rule_errors(rule, {name: df}, texts, engine)
            schedule.add(name, df)
        del df
        prefetch.release(name)


# Characters Python's str.strip() removes: Unicode White_Space (\s in Polars' regex) and
# the four ASCII separators \x1c-\x1f. A text with nothing else is empty (decode_source).
NOT_SPACE = r"[^\s\x1c-\x1f]"


class _SourceBytes:
    """The bytes of every source read, moved into Polars in batches as they come.

    Python holds one batch at a time; concatenating the batches into one chunk and
    joining them to the articles copies no text (Polars string views), so the sources
    are in memory once.
    """

    BATCH = 10_000

    def __init__(self):
        self.paths: list[str] = []
        self.hashes: list[str | None] = []
        self.batch: list[bytes] = []
        self.chunks: list[pl.Series] = []

    def add(self, path: str, actual: str | None, data: bytes) -> None:
        self.paths.append(path)
        self.hashes.append(actual)
        self.batch.append(data)
        if len(self.batch) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.batch:
            self.chunks.append(pl.Series("data", self.batch, dtype=pl.Binary))
            self.batch = []

    def frame(self) -> pl.DataFrame:
        """source_path, actual_sha256, data: one row per path (the last resource with it, as a dict would keep)."""
        self._flush()
        data = pl.concat(self.chunks).rechunk() if self.chunks else pl.Series("data", [], dtype=pl.Binary)
        frame = pl.DataFrame({"source_path": self.paths, "actual_sha256": self.hashes}, schema={"source_path": pl.String, "actual_sha256": pl.String})
        self.paths, self.hashes, self.chunks = [], [], []
        return frame.with_columns(data=data).unique("source_path", keep="last", maintain_order=True)


def _source_texts(articles: pl.DataFrame, meta, sources: pl.DataFrame, errors: list) -> pl.DataFrame:
    """article_id, source_text, n (its length in characters) and, when the table has it, language
    of every article whose source file was read.

    articles: the table listing the source files (meta.sources names its columns); sources:
    source_path, actual_sha256, data (the file's bytes). Decoding is vectorised:
    the bytes are cast to String (which checks UTF-8) and the leading BOM stripped, as
    decode_source does. Only sources that fail (not UTF-8, or empty) go through
    decode_source itself, for its message.
    """
    errors += provenance.check_sources_match(articles, meta, sources.select("source_path", "actual_sha256"))
    rows = (
        articles.with_row_index("_row")
        .select("_row", pl.col(meta.sources.article).alias("article_id"), pl.col(meta.sources.path).alias("source_path"))
        .join(sources.select("source_path", "data"), on="source_path", how="inner")
        .sort("_row")
        .drop("_row")
    )
    del sources
    try:
        frame = rows.select("article_id", source_text=pl.col("data").cast(pl.String))  # no copy: the same bytes, checked as UTF-8
        if frame.select(pl.col("source_text").str.starts_with(BOM).any()).item():
            frame = frame.with_columns(pl.col("source_text").str.strip_prefix(BOM))  # copies: only when some source has a BOM
        suspects = frame.with_row_index().filter(~pl.col("source_text").str.contains(NOT_SPACE))["index"].to_list()
    except pl.exceptions.PolarsError:  # a source is not UTF-8: decode each in Python, which names it
        frame, suspects = None, range(rows.height)
    decoded, dropped = {}, set()
    for index in suspects:
        aid, path, data = rows.row(index)
        try:
            decoded[index] = decode_source(data, path)
        except SourceError as exc:
            errors.append(ValidationError("encoding-error", resource=meta.name, field=meta.sources.path, cell=path, note=str(exc)))
            dropped.add(index)
    if frame is None:
        keep = [i for i in range(rows.height) if i not in dropped]
        frame = pl.DataFrame(
            {"article_id": rows["article_id"].gather(keep), "source_text": [decoded[i] for i in keep]},
            schema={"article_id": pl.String, "source_text": pl.String},
        )
    elif dropped:
        frame = frame.with_row_index("_i").filter(~pl.col("_i").is_in(sorted(dropped))).drop("_i")
    if "language" in articles.columns:  # (what the figure grammar reads depends on it: Rule.derive)
        languages = articles.select(pl.col(meta.sources.article).alias("article_id"), "language").unique("article_id", keep="first")
        frame = frame.join(languages, on="article_id", how="left", maintain_order="left")
    return frame.with_columns(n=pl.col("source_text").str.len_chars())


def _done(report: Report, started: float) -> Report:
    report.seconds = time.perf_counter() - started
    return report
