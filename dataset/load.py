"""Load a data package as Polars DataFrames, verified on the way in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from newsprov.dataset.registry import models
from newsprov.dataset.text import decode_source
from newsprov.validators.paths import unsafe_reason
from newsprov.validators.run import DescriptorNotFound, resolve_descriptor, validate
from newsprov.validators.tables import read_table


class DatasetError(Exception):
    """A package that cannot be loaded: unsafe, unreadable or invalid (the message says which)."""


@dataclass(frozen=True)
class Dataset:
    """One Polars DataFrame per table (`ds.articles`, `ds.tables["articles"]`), plus metadata."""

    root: Path
    descriptor: dict
    tables: dict[str, pl.DataFrame]

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    def __getattr__(self, name: str) -> pl.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"no table {name!r}; tables: {', '.join(tables)}")

    def text(self, article_id: str) -> str:
        """The source text an article's offsets refer to."""
        path = self.articles.filter(pl.col("article_id") == article_id)["source_path"]
        if path.is_empty():
            raise KeyError(article_id)
        return decode_source((self.root / path[0]).read_bytes(), path[0])


def load(path: Path | str | None = None, *, verify: bool = True) -> Dataset:
    """Load a package (datapackage.json or its folder; default: the embedded dataset).

    Resource paths that are absolute, contain '..', leave the package through a
    symlink or are URLs are always refused. With verify (the default) checksums,
    schemas, keys and spans are checked first and an invalid package is refused.
    """
    try:
        descriptor_path = resolve_descriptor(path)
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except DescriptorNotFound as exc:
        raise DatasetError(str(exc)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DatasetError(f"{path or descriptor_path}: malformed data package descriptor ({exc})") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DatasetError(f"{descriptor_path}: malformed data package descriptor (no resources list)")
    root = descriptor_path.parent
    for resource in descriptor["resources"]:
        reason = unsafe_reason(root, resource.get("path") if isinstance(resource, dict) else None)
        if reason:
            raise DatasetError(f"{descriptor_path}: unsafe resource path: {reason}")
    if verify:
        report = validate(descriptor_path)
        if not report.valid:
            first = report.errors[0]
            raise DatasetError(f"{descriptor_path}: invalid package, {len(report.errors)} error(s); first: [{first.type}] {first.message}")
    known = models()
    tables = {}
    for resource in descriptor["resources"]:
        if resource.get("name") in known:
            df, errors = read_table(root / resource["path"], known[resource["name"]], resource["name"])
            if df is None:
                raise DatasetError(f"{root / resource['path']}: {errors[0].message}")
            tables[resource["name"]] = df
    return Dataset(root, descriptor, tables)
