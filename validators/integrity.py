"""Descriptor shape, safe paths, file sizes and sha256 of every resource."""

from __future__ import annotations

import hashlib
from pathlib import Path

from newsprov.validators.errors import ValidationError
from newsprov.validators.paths import unsafe_reason

REQUIRED = ("name", "version", "resources")
def file_sha256(path: Path) -> str:
    """Streamed (hashlib.file_digest): memory stays bounded whatever the file size."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def check_descriptor(descriptor: object) -> list[ValidationError]:
    if not isinstance(descriptor, dict):
        return [ValidationError("descriptor-error", note="the top level is not a JSON object")]
    errors = [ValidationError("descriptor-error", note=f"property {key!r} is missing") for key in REQUIRED if key not in descriptor]
    resources = descriptor.get("resources", [])
    if not isinstance(resources, list):
        return errors + [ValidationError("descriptor-error", note="'resources' is not a list")]
    names = set()
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            errors.append(ValidationError("descriptor-error", note=f"resource {index} has no name"))
            continue
        if resource["name"] in names:
            errors.append(ValidationError("descriptor-error", resource=resource["name"], note=f"resource name {resource['name']!r} repeats"))
        names.add(resource["name"])
        for key in ("path", "hash", "bytes"):
            if key not in resource:
                errors.append(ValidationError("descriptor-error", resource=resource["name"], note=f"resource {resource['name']!r} has no {key!r}"))
    return errors


def check_resource(root: Path, resource: dict) -> tuple[list[ValidationError], Path | None, str | None]:
    """Errors of one resource's file, its path when safe to read, and its actual sha256."""
    name = resource["name"]
    reason = unsafe_reason(root, resource.get("path"))
    if reason:
        return [ValidationError("unsafe-path", resource=name, note=reason)], None, None
    path = root / resource["path"]
    if not path.is_file():
        return [ValidationError("resource-missing", resource=name, note=resource["path"])], None, None
    errors, actual = [], None
    size = path.stat().st_size
    if "bytes" in resource and resource["bytes"] != size:
        errors.append(ValidationError("bytes-mismatch", resource=name, note=f"{resource['path']}: descriptor {resource['bytes']}, file {size}"))
    declared = str(resource.get("hash", ""))
    algorithm, _, expected = declared.rpartition(":")
    if (algorithm or "md5") != "sha256":
        errors.append(ValidationError("descriptor-error", resource=name, note=f"hash of {name!r} must be 'sha256:<hex>', found {declared!r}"))
    else:
        actual = file_sha256(path)
        if actual != expected:
            errors.append(ValidationError("hash-mismatch", resource=name, note=f"{resource['path']}: descriptor {expected[:12]}…, file {actual[:12]}…"))
    return errors, path, actual
