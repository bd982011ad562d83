"""newsprov: news coverage as a validated, provenance-tracked Frictionless data package."""

from pathlib import Path as _Path

# In a source checkout (editable install) the card's top-level folders sit beside
# src/. Adding the repository root to this package's search path makes them
# importable as newsprov.schemas, newsprov.dataset and newsprov.validators only,
# never as top-level packages. A wheel install copies them under newsprov/ instead.
_ROOT = _Path(__file__).resolve().parents[2]
if (_ROOT / "pyproject.toml").is_file() and (_ROOT / "schemas").is_dir():
    __path__.append(str(_ROOT))  # noqa: F821 (package __path__)

__all__ = ["build", "load", "validate", "__version__"]
__version__ = "0.1.0"


def __getattr__(name):
    # Lazy: importing newsprov stays cheap; polars and pandera load on first use.
    if name == "build":
        from newsprov.dataset.build import build

        return build
    if name == "load":
        from newsprov.dataset.versions.load import load

        return load
    if name == "validate":
        from newsprov.validators.api import validate

        return validate
    raise AttributeError(name)
