"""Assemble datapackage.json: one resource per source document and per table, and the build report."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from newsprov.core.spool import Content, hex_sha256
from newsprov.core.text import SourceError
from newsprov.dataset.context import Source
from newsprov.schemas import build_report
from newsprov.schemas.base import table_meta
from newsprov.schemas.frictionless import table_schema
from newsprov.schemas.registry import models

DEFAULT_SOURCE_LICENSE = {
    "name": "LicenseRef-publisher-rights",
    "title": "Article text reproduced for research; all rights remain with the original publishers",
}
DEFAULT_LICENSES = [{"name": "MIT", "title": "newsprov code, derived tables and annotations"}]


def read_package_metadata(path: Path, fallback_name: str) -> dict:
    """Curated package metadata (package.toml); defaults for a user's folder."""
    try:
        meta = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        meta = {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"{path}: malformed package metadata ({exc})") from None
    meta.setdefault("name", fallback_name)
    meta.setdefault("title", fallback_name)
    meta.setdefault("version", "0.1.0")
    meta.setdefault("licenses", DEFAULT_LICENSES)
    meta.setdefault("sources", [{"title": "Articles supplied by the package's maintainer; outlet, author and URL recorded only where the text states them"}])
    meta.setdefault("source_license", DEFAULT_SOURCE_LICENSE)
    return meta


def source_resource(source: Source, license_: dict) -> dict:
    return {
        "name": f"source-{source.article_id}",
        "type": "text",
        "path": source.path,
        "scheme": "file",
        "format": "txt",
        "mediatype": "text/plain",
        "encoding": "utf-8",
        "hash": f"sha256:{source.sha256}",
        "bytes": len(source.data),
        "licenses": [license_],
    }


def table_resource(name: str, path: str, data: Content) -> dict:
    model = models()[name]
    meta = table_meta(model)
    return {
        "name": name,
        "type": "table",
        "title": meta.title,
        "description": meta.description,
        "path": path,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "hash": f"sha256:{hex_sha256(data)}",
        "bytes": len(data),
        "schema": table_schema(model),
    }


def report_resource(path: str, data: bytes) -> dict:
    """The build report (newsprov.schemas.build_report): a JSON resource with its checksum and schema."""
    return {
        "name": build_report.NAME,
        "type": "json",
        "title": "Build report",
        "description": build_report.DESCRIPTION,
        "path": path,
        "scheme": "file",
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "bytes": len(data),
        "jsonSchema": build_report.REPORT_SCHEMA,
    }


def descriptor(meta: dict, created: str, resources: list[dict]) -> dict:
    out = {
        "name": meta["name"],
        "title": meta["title"],
        "version": meta["version"],
        "created": created,
        "licenses": meta["licenses"],
        "sources": meta["sources"],
        "resources": resources,
    }
    if meta.get("description"):
        out["description"] = " ".join(meta["description"].split())
    if meta.get("homepage"):
        out["homepage"] = meta["homepage"]
    return out


