"""The package's layers point one way, and no module reaches into another's private names.

    core, lang  <-  schemas  <-  validators  <-  dataset (build)  <-  dataset.versions, .evaluate  <-  CLI

A module may import its own layer and the layers below it, never one above: at the top of the
file or inside a function. Outside validators/, the validator is reached through its entry
point, newsprov.validators.api, only. `from x import _name` (or `x._name`) across modules is refused too:
what another module offers is its public names. Read from the source with ast, every module of
every package pyproject.toml maps, so a new module is covered the day it is added.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Layer of a module: the longest prefix listed here decides; lower imports nothing higher.
LAYERS = {
    "newsprov.core": 0,
    "newsprov.lang": 1,
    "newsprov.schemas": 2,
    "newsprov.validators": 3,
    "newsprov.dataset": 4,
    "newsprov.dataset.versions": 5,
    "newsprov.dataset.evaluate": 5,  # scores a built or loaded package against gold: builds and loads
    "newsprov": 6,  # the package's top: __init__ (load, validate), cli, page, browser
}
# The validator's one public entry point: the only module of it other layers import.
VALIDATORS, ENTRY = "newsprov.validators", "newsprov.validators.api"
NAMES = {0: "core", 1: "lang", 2: "schemas", 3: "validators", 4: "dataset (build)", 5: "dataset.versions / evaluate", 6: "CLI / top"}


def layer(module: str) -> int | None:
    best = None
    for prefix in LAYERS:
        if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best)):
            best = prefix
    return None if best is None else LAYERS[best]


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name, from pyproject's package-dir mapping."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    out = {}
    for package, folder in config["package-dir"].items():
        for path in sorted((ROOT / folder).glob("*.py")):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            out[name] = path
    return out


def imports(name: str, path: Path):
    """(line, imported module, imported name or None) of every import in the module, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                yield node.lineno, base, alias.name


def resolved(target: str, imported: str | None, known: dict[str, Path]) -> tuple[str, str | None]:
    """`from a.b import c`: the module a.b.c when c is a module, else (a.b, name c)."""
    if imported is not None and f"{target}.{imported}" in known:
        return f"{target}.{imported}", None
    return target, imported


def violations(known: dict[str, Path], root: Path = ROOT) -> list[str]:
    found = []
    for name, path in known.items():
        mine = layer(name)
        rel = path.relative_to(root)
        for line, target, imported in imports(name, path):
            if not target.startswith("newsprov"):
                continue
            module, member = resolved(target, imported, known)
            theirs = layer(module)
            if mine is not None and theirs is not None and theirs > mine:
                found.append(f"{rel}:{line}: {name} ({NAMES[mine]}) imports {module} ({NAMES[theirs]}), a layer above")
            if module.startswith(VALIDATORS + ".") and module != ENTRY and not name.startswith(VALIDATORS + "."):
                found.append(f"{rel}:{line}: {name} imports {module}; outside the validator, import {ENTRY}")
            if member is not None and member.startswith("_") and not member.startswith("__") and module != name:
                found.append(f"{rel}:{line}: {name} imports the private name {member} of {module}")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = _module_aliases(tree, name, known)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
                if node.attr.startswith("_") and not node.attr.startswith("__"):
                    found.append(f"{rel}:{node.lineno}: {name} reads the private name {node.attr} of {aliases[node.value.id]}")
    return found


def _module_aliases(tree: ast.AST, name: str, known: dict[str, Path]) -> dict[str, str]:
    """Local names bound to another newsprov module (`from newsprov.x import y` with y a module, `import ... as`)."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsprov"):
            for alias in node.names:
                module = f"{node.module}.{alias.name}"
                if module in known and module != name:
                    out[alias.asname or alias.name] = module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("newsprov.") and alias.asname and alias.name != name:
                    out[alias.asname] = alias.name
    return out


def test_every_module_is_in_a_layer():
    known = modules()
    assert len(known) > 50  # the mapping was read (a broken glob would make the other tests vacuous)
    assert [name for name in known if layer(name) is None] == []


def test_no_module_imports_a_layer_above_or_a_private_name():
    assert violations(modules()) == []


# The checker itself, on invented modules: it must catch what it is meant to catch.

def _fake(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    known = {}
    for name, text in files.items():
        path = tmp_path / (name.replace(".", "_") + ".py")
        path.write_text(text)
        known[name] = path
    return known


@pytest.mark.parametrize("source, expected", [
    ("from newsprov.dataset.build import build\n", "a layer above"),
    ("def f():\n    from newsprov.dataset.extract import quotes\n", "a layer above"),  # inside a function
    ("import newsprov.cli\n", "a layer above"),
    ("from newsprov.dataset.toy import x\n", "a layer above"),
    ("from newsprov.schemas.other import _row\n", "private name _row"),  # the same layer, but private
    ("from newsprov.schemas import other\nx = other._row(1)\n", "private name _row"),
])
def test_the_checker_catches(tmp_path, source, expected):
    known = _fake(tmp_path, {"newsprov.schemas.toy": source, "newsprov.schemas.other": "", "newsprov.dataset.build": "",
                             "newsprov.dataset.extract.quotes": "", "newsprov.cli": ""})
    found = violations(known, tmp_path)
    assert len(found) == 1 and expected in found[0], found


def test_the_checker_lets_downward_and_public_imports_pass(tmp_path):
    known = _fake(tmp_path, {"newsprov.dataset.toy": "from newsprov.schemas.base import Span\nfrom newsprov.validators import api\nimport polars\nx = api.validate\n",
                             "newsprov.validators.api": "", "newsprov.schemas.base": ""})
    assert violations(known, tmp_path) == []


def test_the_validator_is_reached_through_its_entry_point(tmp_path):
    known = _fake(tmp_path, {"newsprov.dataset.toy": "from newsprov.validators.tables import read_table\nfrom newsprov.validators.api import validate\n",
                             "newsprov.validators.tables": "", "newsprov.validators.api": ""})
    found = violations(known, tmp_path)
    assert len(found) == 1 and "import newsprov.validators.api" in found[0], found
