"""How each table is built: table name -> its model (newsprov.schemas.registry) and its builder.

Every module in dataset/builders/ with `SCHEMA` (the table's model) and `build(ctx) ->
polars.DataFrame` builds one table. Adding a table means a Pandera model in schemas/ and a
builder module here; the descriptor, the data dictionary, the validator and the build report
pick it up. `register(model, build)` adds a table at run time (an extension, a test) and
`unregister(name)` takes it back.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import polars as pl

from newsprov.schemas import registry as schema_registry
from newsprov.schemas.base import table_meta


@dataclass(frozen=True)
class Table:
    """One table: its name, its Pandera model and the function building it from a BuildContext."""

    name: str
    model: type
    build: Callable[..., pl.DataFrame]


class RegistryError(Exception):
    """A model without a builder, or a builder without a model: a table half added."""


_discovered: dict[str, ModuleType] = {}
_registered: dict[str, Callable[..., pl.DataFrame]] = {}


def _discover() -> dict[str, Callable[..., pl.DataFrame]]:
    """The builders of dataset/builders/ (the modules found once; each one's `build` looked up on each call)."""
    if not _discovered:
        import newsprov.dataset.builders as package

        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            if hasattr(module, "SCHEMA") and hasattr(module, "build"):
                _discovered[table_meta(module.SCHEMA).name] = module
    return {name: module.build for name, module in _discovered.items()}


def tables() -> dict[str, Table]:
    """Every table, sorted by name; RegistryError when a model has no builder or a builder no model."""
    models = schema_registry.models()
    builds = {**_discover(), **_registered}
    if set(models) != set(builds):
        half = sorted(set(models) ^ set(builds))
        raise RegistryError("; ".join(f"table {name!r} has a {'model but no builder' if name in models else 'builder but no model'}" for name in half))
    return {name: Table(name, model, builds[name]) for name, model in models.items()}


def register(model: type, build: Callable[..., pl.DataFrame]) -> str:
    """Add a table: its model (to newsprov.schemas.registry) and its builder; its name."""
    name = schema_registry.register(model)
    _registered[name] = build
    return name


def unregister(name: str) -> None:
    """Take back a table added with register."""
    del _registered[name]
    schema_registry.unregister(name)


@contextlib.contextmanager
def registered(model: type, build: Callable[..., pl.DataFrame]):
    """A table added for the duration of a with block."""
    name = register(model, build)
    try:
        yield name
    finally:
        unregister(name)
