"""Resource paths a package may use: relative, local, inside the package."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def unsafe_reason(root: Path, path: object) -> str | None:
    """Why a resource path is refused, or None when it is safe."""
    if not isinstance(path, str) or not path:
        return f"{path!r} is not a path"
    if REMOTE.match(path):
        return f"{path} is a remote URL"
    posix = PurePosixPath(path)
    if posix.is_absolute() or "\\" in path or re.match(r"^[A-Za-z]:", path):
        return f"{path} is absolute"
    if ".." in posix.parts:
        return f"{path} contains '..'"
    try:
        resolved = (root / path).resolve()
        resolved.relative_to(root.resolve())
    except ValueError:
        return f"{path} resolves outside the package (symlink)"
    return None
