"""Descriptor shape, safe paths, file sizes and sha256 of every resource."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from newsprov.validators.errors import ValidationError
from newsprov.core.paths import PathGuard

REQUIRED = ("name", "version", "resources")
# Files up to this size are read whole (one read, one hash call); larger ones are streamed.
WHOLE_READ = 1 << 20
# Open without following a last-component link (checked separately) and without
# blocking on a FIFO (refused below as not a regular file).
_NOFOLLOW = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


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


@dataclass
class Checked:
    """One resource's file after the integrity checks."""

    errors: list[ValidationError]
    path: str | None = None  # set when the path is safe and the file exists
    actual: str | None = None  # its sha256 hex, when the descriptor declares a sha256
    data: bytes | None = None  # its bytes, when asked to keep them


def _read_all(fd: int, size: int) -> bytes:
    """The whole file; `size` is its size when opened (fstat). One read when it still has that size."""
    first = os.read(fd, size + 1)
    if len(first) == size:  # the size fstat gave, and nothing past it: the whole file
        return first
    chunks = [first]
    while chunk := os.read(fd, max(size + 1, 1 << 16)):
        chunks.append(chunk)
    return b"".join(chunks)


def open_resource(guard: PathGuard, resource: dict):
    """(errors, path, fd, stat): fd is an open descriptor of the file, or None with the errors saying why."""
    name, rel = resource["name"], resource.get("path")
    reason = guard.folder_reason(rel)
    if reason:
        return [ValidationError("unsafe-path", resource=name, note=reason)], None, None, None
    path = guard.base + rel
    try:
        fd = os.open(path, _NOFOLLOW)
    except OSError as exc:
        if exc.errno == errno.ELOOP and os.path.islink(path):  # the last component is a link: where does it lead?
            reason = guard.link_reason(rel)
            if reason:
                return [ValidationError("unsafe-path", resource=name, note=reason)], None, None, None
        if not os.path.isfile(path):
            return [ValidationError("resource-missing", resource=name, note=rel)], None, None, None
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return [ValidationError("resource-missing", resource=name, note=rel)], None, None, None
    return [], path, fd, st


def finish_resource(resource: dict, path: str, fd: int, st, keep_bytes: bool = False) -> Checked:
    """Size and sha256 of an opened resource file (closes fd); releases the GIL while hashing large files."""
    name = resource["name"]
    errors, actual, data = [], None, None
    try:
        size = st.st_size
        if "bytes" in resource and resource["bytes"] != size:
            errors.append(ValidationError("bytes-mismatch", resource=name, note=f"{resource['path']}: descriptor {resource['bytes']}, file {size}"))
        declared = str(resource.get("hash", ""))
        algorithm, _, expected = declared.rpartition(":")
        sha256 = (algorithm or "md5") == "sha256"
        if keep_bytes or (sha256 and size <= WHOLE_READ):
            data = _read_all(fd, size)
        if not sha256:
            errors.append(ValidationError("descriptor-error", resource=name, note=f"hash of {name!r} must be 'sha256:<hex>', found {declared!r}"))
        else:
            if data is not None:
                actual = hashlib.sha256(data).hexdigest()
            else:
                with open(fd, "rb", buffering=0, closefd=False) as handle:
                    actual = hashlib.file_digest(handle, "sha256").hexdigest()
            if actual != expected:
                errors.append(ValidationError("hash-mismatch", resource=name, note=f"{resource['path']}: descriptor {expected[:12]}…, file {actual[:12]}…"))
    finally:
        os.close(fd)
    return Checked(errors, path, actual, data if keep_bytes else None)


def check_file(root: Path, resource: dict, guard: PathGuard | None = None, keep_bytes: bool = False) -> Checked:
    """Every integrity check of one resource: safe path, file present, size, sha256."""
    errors, path, fd, st = open_resource(guard or PathGuard(root), resource)
    if fd is None:
        return Checked(errors)
    return finish_resource(resource, path, fd, st, keep_bytes)


def check_resource(root: Path, resource: dict) -> tuple[list[ValidationError], Path | None, str | None]:
    """Errors of one resource's file, its path when safe to read, and its actual sha256."""
    checked = check_file(root, resource)
    return checked.errors, None if checked.path is None else Path(checked.path), checked.actual
