"""Built files kept on disk instead of in memory until they are published.

A large corpus's tables run to gigabytes of CSV (reuse runs grow with the pairs of versions in a
story). A build that held every table's bytes in memory until publishing would need that much
memory again on top of the tables themselves; a `Spooled` file is written once to a spool folder
(the system's temporary folder, or $TMPDIR: never the package folder, so a killed build leaves
nothing there), and publishing copies it in chunks. Its checksum and size are known from the
start, so the descriptor is made without reading it back into memory.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsprov.core.files import file_sha256

CHUNK = 1 << 20


@dataclass(frozen=True)
class Spooled:
    """A built file's bytes, in a spool folder: its path there, its size and its hex sha256."""

    path: Path
    size: int
    sha256: str

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()

    def __len__(self) -> int:
        return self.size


Content = bytes | Spooled


def spool(folder: Path, name: str, write) -> Spooled:
    """A Spooled file made by ``write(path)`` in ``folder``; its checksum read back in chunks."""
    path = Path(folder) / name
    try:
        write(path)
        return Spooled(path, path.stat().st_size, file_sha256(path))
    except Exception as exc:  # polars reports a full disk as its own error type: one clear line either way
        raise OSError(f"{path}: cannot write a built file to the spool folder ({exc}); "
                      "set TMPDIR to a folder with room for the package's tables") from exc


def spool_folder() -> tempfile.TemporaryDirectory:
    """A fresh spool folder, removed when the context ends (a killed build's stays in $TMPDIR)."""
    return tempfile.TemporaryDirectory(prefix="newsprov-spool-")


def hex_sha256(content: Content) -> str:
    return content.sha256 if isinstance(content, Spooled) else hashlib.sha256(content).hexdigest()


def as_bytes(content: Content) -> bytes:
    """The content in memory (for the few small files that must be read whole)."""
    return content.read_bytes() if isinstance(content, Spooled) else content


def write_to(handle, content: Content) -> None:
    """Write the content to an open binary file, a Spooled file in chunks."""
    if isinstance(content, Spooled):
        with open(content.path, "rb") as source:
            shutil.copyfileobj(source, handle, CHUNK)
    else:
        handle.write(content)


def equals_file(content: Content, path: Path) -> bool:
    """Whether the regular file at ``path`` holds exactly these bytes."""
    if not path.is_file():
        return False
    if isinstance(content, Spooled):
        return path.stat().st_size == content.size and file_sha256(path) == content.sha256
    return path.stat().st_size == len(content) and path.read_bytes() == content


__all__ = ["Content", "Spooled", "as_bytes", "equals_file", "hex_sha256", "spool", "spool_folder", "write_to"]
