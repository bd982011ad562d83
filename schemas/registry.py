"""The tables newsprov knows: table name -> Pandera model, the single source of truth of each.

Every model defined in a module of schemas/ (a subclass of TableModel; its Config names the
table) is a table; the descriptor's Table Schemas, the data dictionary, the validator and the
build all take the list from here. `register(model)` adds a table at run time (an extension,
a test) and `unregister(name)` takes it back; the build also needs a builder for it
(newsprov.dataset.registry.register takes both).
"""

from __future__ import annotations

import importlib
import pkgutil

from newsprov.schemas.base import TableMeta, TableModel, table_meta

_discovered: dict[str, type[TableModel]] = {}
_registered: dict[str, type[TableModel]] = {}


def _discover() -> dict[str, type[TableModel]]:
    """The models of schemas/, found once."""
    if not _discovered:
        import newsprov.schemas as package

        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, TableModel) and value is not TableModel and value.__module__ == module.__name__:
                    _discovered[table_meta(value).name] = value
    return _discovered


def models() -> dict[str, type[TableModel]]:
    """Pandera models by table name, sorted by name."""
    return dict(sorted({**_discover(), **_registered}.items()))


def metas() -> dict[str, TableMeta]:
    """What each model declares besides its columns (keys, spans, group, rules), by table name."""
    return {name: table_meta(model) for name, model in models().items()}


def register(model: type[TableModel]) -> str:
    """Add a table (its model); its name, from the model's Config. A name already known is refused."""
    name = table_meta(model).name
    if name in models():
        raise ValueError(f"a table named {name!r} is already registered")
    _registered[name] = model
    return name


def unregister(name: str) -> None:
    """Take back a table added with register."""
    del _registered[name]
