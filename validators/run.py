"""Validate a data package: integrity, schemas, keys and provenance, in one report."""

from __future__ import annotations

import json
import time
from pathlib import Path

import polars as pl

from newsprov.dataset.layout import DESCRIPTOR, embedded
from newsprov.dataset.registry import metas, models
from newsprov.dataset.text import SourceError, decode_source
from newsprov.validators import comparison, cross_table, derived, integrity, provenance, tables
from newsprov.validators.errors import ValidationError
from newsprov.validators.report import PACKAGE_TASK, Report, Task


class DescriptorNotFound(Exception):
    """No descriptor to validate (an I/O problem, not invalid data)."""


def resolve_descriptor(path: Path | str | None) -> Path:
    if path is None:
        return embedded().descriptor
    path = Path(path)
    if path.is_dir():
        path = path / DESCRIPTOR
    if not path.is_file():
        raise DescriptorNotFound(f"{path}: data package descriptor not found")
    return path


def validate(path: Path | str | None = None) -> Report:
    """Validate the package at path (a datapackage.json or its folder; default: embedded)."""
    started = time.perf_counter()
    descriptor_path = resolve_descriptor(path)
    root = descriptor_path.parent
    package = Task(PACKAGE_TASK, "package", str(descriptor_path))
    report = Report(str(descriptor_path), [package])
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        package.errors.append(ValidationError("descriptor-error", note=f"{descriptor_path.name} is not valid JSON ({exc})"))
        return _done(report, started)
    except OSError as exc:
        raise DescriptorNotFound(f"{descriptor_path}: cannot read ({exc.strerror})") from None
    package.errors += integrity.check_descriptor(descriptor)
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return _done(report, started)

    known, table_metas = models(), metas()
    loaded: dict[str, pl.DataFrame] = {}
    source_hashes: dict[str, tuple[Path, str | None]] = {}
    tasks: dict[str, Task] = {}
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str) or resource["name"] in tasks:
            continue
        task = Task(resource["name"], str(resource.get("type", "file")), str(resource.get("path")))
        tasks[task.name] = task
        report.tasks.append(task)
        errors, file, actual = integrity.check_resource(root, resource)
        task.errors += errors
        if file is None:
            continue
        if task.type == "text":
            source_hashes[resource["path"]] = (file, actual)
        elif task.name in known:
            df, read_errors = tables.read_table(file, known[task.name], task.name)
            task.errors += read_errors
            if df is not None:
                task.errors += tables.check_model(df, known[task.name], task.name)
                task.errors += tables.check_primary_key(df, table_metas[task.name])
                loaded[task.name] = df
    for error in tables.check_foreign_keys(loaded, table_metas):
        tasks[error.resource].errors.append(error)
    cross = cross_table.check_article_counts(loaded) + cross_table.check_within(loaded, table_metas) + cross_table.check_agrees(loaded, table_metas) + comparison.check(loaded)
    for error in cross:
        tasks[error.resource].errors.append(error)
    _check_provenance(loaded, table_metas, source_hashes, tasks)
    return _done(report, started)


def _check_provenance(loaded, table_metas, source_hashes, tasks) -> None:
    articles = loaded.get("articles")
    if articles is None:
        return
    actual = pl.DataFrame(
        {"source_path": list(source_hashes), "actual_sha256": [sha for _, sha in source_hashes.values()]},
        schema={"source_path": pl.String, "actual_sha256": pl.String},
    )
    tasks["articles"].errors += provenance.check_articles_match_sources(articles, actual)
    ids, texts = [], []
    for article_id, source_path in articles.select("article_id", "source_path").iter_rows():
        if source_path not in source_hashes:
            continue
        file, _ = source_hashes[source_path]
        try:
            texts.append(decode_source(file.read_bytes(), source_path))
            ids.append(article_id)
        except SourceError as exc:
            tasks["articles"].errors.append(ValidationError("encoding-error", resource="articles", field="source_path", cell=source_path, note=str(exc)))
    frame = pl.DataFrame({"article_id": ids, "source_text": texts}, schema={"article_id": pl.String, "source_text": pl.String})
    for name, df in loaded.items():
        tasks[name].errors += provenance.check_spans(df, table_metas[name], frame)
    if "figures" in loaded:
        tasks["figures"].errors += derived.check_figures(loaded["figures"], frame)


def _done(report: Report, started: float) -> Report:
    report.seconds = time.perf_counter() - started
    return report
