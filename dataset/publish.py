"""Publish a staged package into place without ever leaving a half-written one.

Files are written to a staging folder beside the package, then moved into place
with os.replace (atomic per file), datapackage.json last; an exclusive lock keeps
two builds from interleaving. A failure before the moves leaves the package as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

LOCK_NAME = ".newsprov.lock"


class BuildLocked(Exception):
    pass


@contextlib.contextmanager
def locked(root: Path):
    """Hold an exclusive lock on the package root for the duration of a build."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK_NAME, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(f"{root / LOCK_NAME}: another build of this package is running") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def staging(root: Path):
    """A temporary folder on the same filesystem as the package, removed afterwards."""
    root.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=".newsprov-staging-", dir=root))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def differing(files: dict[str, bytes], root: Path) -> list[str]:
    """Relative paths whose published bytes differ from the staged ones."""
    out = []
    for rel, data in files.items():
        target = root / rel
        if not target.is_file() or target.read_bytes() != data:
            out.append(rel)
    return sorted(out)


def publish(files: dict[str, bytes], root: Path, stage: Path, descriptor_rel: str, stale: list[Path] = ()) -> None:
    """Write every file to the stage, then move each into place, the descriptor last."""
    for rel, data in files.items():
        write_file(stage / rel, data)
    order = sorted(rel for rel in files if rel != descriptor_rel) + [descriptor_rel]
    for rel in order:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage / rel, target)
    for path in stale:
        path.unlink(missing_ok=True)
