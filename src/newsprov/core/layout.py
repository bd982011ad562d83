"""Where a package keeps its parts, relative to its datapackage.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# src/newsprov/core/layout.py -> the checkout. Only the checkout's own things (its tests, its
# embedded dataset's git history) are looked up here; the default package is the one found
# from the current directory (find_package), never a folder of the installed code.
REPO_ROOT = Path(__file__).resolve().parents[3]
DESCRIPTOR = "datapackage.json"
EMBEDDED_PREFIX = "dataset/"
RELEASES = "releases"


@dataclass(frozen=True)
class Layout:
    """A package root and the folder prefix its data lives under ('dataset/' or '')."""

    root: Path
    prefix: str = ""

    @property
    def descriptor(self) -> Path:
        return self.root / DESCRIPTOR

    def rel(self, *parts: str) -> str:
        return self.prefix + "/".join(parts)

    @property
    def sources_dir(self) -> Path:
        return self.root / self.rel("sources")

    @property
    def tables_dir(self) -> Path:
        return self.root / self.rel("tables")

    @property
    def metadata_file(self) -> Path:
        return self.root / self.rel("sources.csv")

    @property
    def overrides_file(self) -> Path:
        return self.root / self.rel("overrides.toml")

    @property
    def package_file(self) -> Path:
        return self.root / self.rel("package.toml")


def embedded() -> Layout:
    """The repository's own package: datapackage.json at the root, data under dataset/."""
    return Layout(REPO_ROOT, EMBEDDED_PREFIX)


def embedded_releases() -> Path:
    """The folder of the embedded dataset's release archives and SHA256SUMS: package data of an
    installed wheel (newsprov/releases/), or the checkout's releases/."""
    installed = Path(__file__).resolve().parents[1] / RELEASES
    return installed if installed.is_dir() else REPO_ROOT / RELEASES


class NoPackageHere(LookupError):
    """No datapackage.json in the current directory or any folder above it."""


def find_package(start: Path | str | None = None) -> Layout | None:
    """The package holding `start` (default: the current directory), found as git finds its
    repository: the nearest folder, from there upward, that holds a datapackage.json. Never
    where newsprov is installed. Its data lives under dataset/ when its descriptor says so
    (this repository's layout), else beside the descriptor (a package `newsprov build` wrote)."""
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DESCRIPTOR).is_file():
            return Layout(folder, _prefix(folder / DESCRIPTOR))
    return None


def current_package(start: Path | str | None = None) -> Layout:
    """find_package, or NoPackageHere naming where it looked."""
    found = find_package(start)
    if found is None:
        where = Path(start if start is not None else Path.cwd()).resolve()
        raise NoPackageHere(f"no {DESCRIPTOR} in {where} or any folder above it (give the package's path, or run where it is)")
    return found


def _prefix(descriptor: Path) -> str:
    """'dataset/' when the descriptor's tables live under dataset/ (this repository's layout), else ''."""
    try:
        resources = json.loads(descriptor.read_bytes()).get("resources")
        paths = [r.get("path") for r in resources if isinstance(r, dict)]
    except (OSError, ValueError, AttributeError, TypeError):
        return ""
    return EMBEDDED_PREFIX if any(isinstance(p, str) and p.startswith(EMBEDDED_PREFIX + "tables/") for p in paths) else ""
