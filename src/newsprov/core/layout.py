"""Where a package keeps its parts, relative to its datapackage.json."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]  # src/newsprov/core/layout.py -> the checkout
DESCRIPTOR = "datapackage.json"


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
    return Layout(REPO_ROOT, "dataset/")
