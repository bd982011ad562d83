"""Sources listed in one checksummed manifest instead of one descriptor resource each.

A package of more than ``SOURCE_RESOURCE_LIMIT`` sources (``NEWSPROV_SOURCE_RESOURCE_LIMIT``
overrides it) lists them in one CSV table resource, ``source-manifest`` (``sources/manifest.csv``;
columns article_id, path, sha256, bytes; one row per source, sorted by path), whose own resource
carries its sha256 and size. datapackage.json then stays small (a resource is about 400 bytes;
100,000 of them would be some 40 MB), frictionless still checks the manifest's checksum and
schema, and newsprov reads the rows back as the source resources they stand for (``expand``):
every check of a source resource (the file exists and is safe, its sha256 and size, UTF-8,
the spans and the articles table that name it) applies to every listed source.
"""

from __future__ import annotations

import csv
import io
import os

__all__ = ["MANIFEST", "MANIFEST_PATH", "COLUMNS", "limit", "manifest_bytes", "manifest_resource", "expand", "ManifestError"]

MANIFEST = "source-manifest"
MANIFEST_PATH = "sources/manifest.csv"
COLUMNS = ("article_id", "path", "sha256", "bytes")
SOURCE_RESOURCE_LIMIT = 1000


class ManifestError(Exception):
    """A manifest that cannot be read as one (its CSV header or a row is wrong)."""


def limit() -> int:
    """Sources beyond which a package lists them in the manifest."""
    value = os.environ.get("NEWSPROV_SOURCE_RESOURCE_LIMIT")
    return int(value) if value and value.isdigit() else SOURCE_RESOURCE_LIMIT


def manifest_bytes(rows: list[tuple[str, str, str, int]]) -> bytes:
    """The manifest CSV (LF, sorted by path) of (article_id, path, sha256, bytes) rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(sorted(rows, key=lambda r: r[1]))
    return out.getvalue().encode("utf-8")


def manifest_resource(path: str, data: bytes, sha256: str, licenses: list) -> dict:
    return {
        "name": MANIFEST, "type": "table", "title": "Source manifest",
        "description": "The package's source documents, one row each: article_id, path (relative to datapackage.json), sha256 and size in bytes of the file. Each row stands for a text resource; newsprov validate checks every file against it.",
        "path": path, "scheme": "file", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "hash": f"sha256:{sha256}", "bytes": len(data), "licenses": licenses,
        "schema": {"fields": [{"name": "article_id", "type": "string", "constraints": {"required": True, "unique": True}},
                              {"name": "path", "type": "string", "constraints": {"required": True, "unique": True}},
                              {"name": "sha256", "type": "string", "constraints": {"required": True, "pattern": "[0-9a-f]{64}"}},
                              {"name": "bytes", "type": "integer", "constraints": {"required": True, "minimum": 1}}],
                   "primaryKey": ["path"]},
    }


def expand(data: bytes, label: str = MANIFEST_PATH) -> list[dict]:
    """The text resources the manifest's rows stand for (name source-<article_id>)."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    except UnicodeDecodeError:
        raise ManifestError(f"{label}: not UTF-8") from None
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ManifestError(f"{label}: the header must be {','.join(COLUMNS)}")
    out = []
    for n, row in enumerate(rows[1:], 2):
        if len(row) != 4 or not row[3].isdigit():
            raise ManifestError(f"{label}: line {n}: expected article_id,path,sha256,bytes")
        out.append({"name": f"source-{row[0]}", "type": "text", "path": row[1], "format": "txt", "mediatype": "text/plain",
                    "encoding": "utf-8", "hash": f"sha256:{row[2]}", "bytes": int(row[3])})
    return out
