"""Resource paths a package may use: relative, local, inside the package."""

from __future__ import annotations

import os
import re
from pathlib import Path

REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _parts(path: str) -> list[str]:
    """The components PurePosixPath(path).parts gives for a relative path ('.' and empty ones dropped)."""
    return [part for part in path.split("/") if part and part != "."]


# Characters no resource path may hold: C0 and C1 controls and DEL (a newline in a path would
# start a new line of every report naming it), and the Unicode line and paragraph separators.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What frictionless' is_safe_path refuses besides the above (so that `frictionless validate`
# never refuses a path newsprov accepts): a leading '~' (home folder), '$' anywhere (an
# environment variable os.path.expandvars would expand), a leading '%…%' (a Windows variable),
# a 'file:' URL, and '../' anywhere (even as the end of a name such as 'a../b').
FRICTIONLESS_UNSAFE = re.compile(r"^~|\$|^%.+%|^ *file:|\.\./", re.IGNORECASE)


def lexical_reason(path: object) -> str | None:
    """Why a path is refused from its spelling alone (not a string, URL, absolute, '..', control
    characters, what frictionless refuses), or None."""
    if not isinstance(path, str) or not path:
        return f"{path!r} is not a path"
    if CONTROL.search(path):
        return f"{path!r} holds a control character"
    if "://" in path and REMOTE.match(path):
        return f"{path} is a remote URL"
    if path.startswith("/") or "\\" in path or (path[1:2] == ":" and path[0] in ASCII_LETTERS):
        return f"{path} is absolute"
    if ".." in _parts(path):
        return f"{path} contains '..'"
    if FRICTIONLESS_UNSAFE.search(path):
        return f"{path} is not a safe path for frictionless ('~', '$', '%…%', 'file:' or '../')"
    return None


class PathGuard:
    """unsafe_reason for many paths of one package, resolving each folder once.

    `(root / path).resolve()` resolves every component of every path; for 100,000
    sources in one folder that is 100,000 times the same folders. Here a path's
    folder is resolved once and cached, and only its last component is looked at per
    path: when it is not a symbolic link, the resolved path is the resolved folder
    joined with the name, exactly what resolve() gives. A last component that is a
    link is resolved in full.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.base = os.path.join(str(self.root), "")  # the root as a string prefix, ending in '/'
        self._root = str(self.root.resolve())
        self._folders: dict[str, str] = {}
        self._safe: set[str] = set()  # folders, as spelled, known to lie inside the package

    def _plain_name_in_safe_folder(self, path: object) -> bool:
        """Whether path is 'folder/name' with folder already found inside the package and name a
        plain file name: then every answer of folder_reason is known without looking again."""
        if type(path) is not str:
            return False
        folder, _, name = path.rpartition("/")
        return folder in self._safe and name not in ("", ".", "..") and "\\" not in name and "$" not in name and name.isprintable()

    def _inside(self, resolved: str) -> bool:
        return self._root == "/" or resolved == self._root or resolved.startswith(self._root + "/")

    def folder_reason(self, path: object) -> str | None:
        """Everything unsafe_reason checks except whether the last component is a link leaving the package."""
        if self._plain_name_in_safe_folder(path):
            return None
        reason = lexical_reason(path)
        if reason:
            return reason
        parts = _parts(path)
        if not parts:  # "." and the like: the package folder itself
            return unsafe_reason(self.root, path)
        key = "/".join(parts[:-1])
        folder = self._folders.get(key)
        if folder is None:
            folder = self._folders[key] = str(self.root.joinpath(*parts[:-1]).resolve())
        if not self._inside(folder + "/" + parts[-1]):
            return f"{path} resolves outside the package (symlink)"
        if self._inside(folder) and parts[-1] != "..":
            # (a folder outside, e.g. linked to the package's parent, may still hold the package itself)
            self._safe.add(path.rpartition("/")[0])
        return None

    def link_reason(self, path: str) -> str | None:
        """For a path whose last component is a symbolic link: does it resolve inside the package?"""
        return unsafe_reason(self.root, path)

    def reason(self, path: object) -> str | None:
        """Why a resource path is refused, or None when it is safe (the same answer as unsafe_reason)."""
        reason = self.folder_reason(path)
        if reason or not os.path.islink(self.root / path):
            return reason
        return self.link_reason(path)


def unsafe_reason(root: Path, path: object) -> str | None:
    """Why a resource path is refused, or None when it is safe."""
    reason = lexical_reason(path)
    if reason:
        return reason
    try:
        resolved = (root / path).resolve()
        resolved.relative_to(root.resolve())
    except ValueError:
        return f"{path} resolves outside the package (symlink)"
    except RuntimeError:  # pathlib's "Symlink loop"
        return f"{path} cannot be resolved (symlink loop)"
    return None


class UnsafePath(ValueError):
    """A resource path a package may not use (the message says why)."""


class UnreadableResource(OSError):
    """A safe resource path whose file cannot be read: `rel` names it."""

    def __init__(self, rel: str, strerror: str | None):
        super().__init__(strerror)
        self.rel, self.strerror = rel, strerror


def read_resources(root: Path, rels: list[str]) -> dict[str, bytes]:
    """{rel: bytes} of each resource file under root; UnsafePath or UnreadableResource on the first bad one."""
    guard = PathGuard(root)
    out = {}
    for rel in rels:
        reason = guard.reason(rel)
        if reason:
            raise UnsafePath(reason)
        try:
            out[rel] = (Path(root) / rel).read_bytes()
        except OSError as exc:
            raise UnreadableResource(rel, exc.strerror) from None
    return out
