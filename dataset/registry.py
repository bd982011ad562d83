"""The tables newsprov builds: every module in dataset/builders/ is one table.

Adding a table means adding its Pandera model in schemas/ and a builder module
here with `SCHEMA` (the model) and `build(ctx) -> polars.DataFrame`; nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

from newsprov.schemas.base import TableMeta, table_meta


@cache
def builders() -> dict[str, ModuleType]:
    """Builder modules by table name, sorted by name."""
    import newsprov.dataset.builders as package

    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if hasattr(module, "SCHEMA") and hasattr(module, "build"):
            found[table_meta(module.SCHEMA).name] = module
    return dict(sorted(found.items()))


def models() -> dict[str, type]:
    """Pandera models by table name."""
    return {name: module.SCHEMA for name, module in builders().items()}


def metas() -> dict[str, TableMeta]:
    return {name: table_meta(model) for name, model in models().items()}
