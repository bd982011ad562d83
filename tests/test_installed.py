"""Installed use: the default package is the one found from the current directory upward (as git
finds its repository), never a folder of the installed code; the embedded dataset's releases
load by version from the wheel's package data.

The last test builds the wheel, installs it (without its dependencies, which a .pth file lends
from this environment) into a fresh virtual environment under tmp_path, and runs the commands a
user would run in a folder holding a package: `newsprov validate`, `newsprov.load()` and
`newsprov build`, all with no arguments.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import newsprov
from newsprov.core.layout import EMBEDDED_PREFIX, REPO_ROOT, NoPackageHere, current_package, find_package
from newsprov.dataset.versions.load import DatasetError

from conftest import TINY


def test_the_package_is_found_from_a_folder_inside_it(tiny_package, monkeypatch):
    inner = tiny_package / "tables"
    assert find_package(inner).root == tiny_package.resolve()
    assert find_package(inner).prefix == ""  # a package newsprov build wrote: data beside the descriptor
    monkeypatch.chdir(inner)
    assert newsprov.load().root == tiny_package.resolve()
    assert newsprov.validate().valid


def test_the_checkout_is_found_with_its_data_under_dataset():
    found = find_package(REPO_ROOT / "dataset" / "tables")
    assert (found.root, found.prefix) == (REPO_ROOT, EMBEDDED_PREFIX)


def test_no_package_above_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if find_package(tmp_path) is not None:
        pytest.skip(f"a datapackage.json sits above {tmp_path}")
    with pytest.raises(NoPackageHere, match=f"no datapackage.json in {tmp_path}"):
        current_package()
    with pytest.raises(DatasetError, match="no datapackage.json"):
        newsprov.load()
    done = subprocess.run([sys.executable, "-m", "newsprov", "validate"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2 and "no datapackage.json" in done.stderr


def _wheel(out: Path) -> Path:
    # From a copy of the checkout: setuptools' build/ folder keeps modules that were since
    # removed, and the checkout's own is left alone.
    source = out.parent / "source"
    shutil.copytree(REPO_ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
                   check=True, capture_output=True)
    (wheel,) = out.glob("newsprov-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment holding only the wheel (dependencies lent by a .pth file)."""
    from importlib.metadata import PackageNotFoundError, version

    try:  # the build backend, used without build isolation: no network
        backend = int(version("setuptools").split(".")[0])
    except PackageNotFoundError:
        backend = 0
    if backend < 77:
        pytest.skip("setuptools >= 77 is not installed here (pyproject's build backend; the test extra installs it)")
    tmp = tmp_path_factory.mktemp("installed")
    wheel = _wheel(tmp / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "newsprov/releases/SHA256SUMS" in names and any(n.startswith("newsprov/releases/") and n.endswith(".zip") for n in names)
    assert not any(n.startswith(("validators/", "dataset/", "schemas/")) for n in names)  # never top-level packages
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)], check=True, capture_output=True)
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    # The dependencies, from this environment's site-packages (its .pth files, among them the
    # editable install's finder, are not processed from a folder a .pth adds: newsprov comes from the wheel).
    (purelib / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def _run(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NEWSPROV_CACHE"] = str(cwd.parent / "cache")
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env={**env, "PATH": f"{venv / 'bin'}:{env.get('PATH', '')}"})


def test_the_installed_wheel_works_on_the_package_in_the_current_folder(installed, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in TINY.items():
        (articles / name).write_text(text, encoding="utf-8")
    package = tmp_path / "work" / "pkg"
    made = _run(installed, tmp_path, "newsprov", "build", str(articles), "--out", str(package), "-q")
    assert made.returncode == 0, made.stderr
    here = package / "tables"  # a folder inside the package: found upward

    code = ("import json, newsprov; ds = newsprov.load(); old = newsprov.load(version='1.0.0');"
            "print(json.dumps([newsprov.__file__, str(ds.root), ds.articles.height, old.version, old.quotes.height]))")
    loaded = _run(installed, here, str(installed / "bin" / "python"), "-c", code)
    assert loaded.returncode == 0, loaded.stderr
    where, root, n_articles, old_version, old_quotes = json.loads(loaded.stdout)
    assert Path(where).is_relative_to(installed)  # the wheel's code, not the checkout's
    assert (root, n_articles) == (str(package.resolve()), len(TINY))
    assert old_version == "1.0.0" and old_quotes > 0  # from the wheel's package data

    valid = _run(installed, here, "newsprov", "validate")
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert str(package.resolve() / "datapackage.json") in valid.stdout

    before = {p.relative_to(package): p.read_bytes() for p in package.rglob("*") if p.is_file()}
    rebuilt = _run(installed, here, "newsprov", "build")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert {p.relative_to(package): p.read_bytes() for p in package.rglob("*") if p.is_file()} == before  # same sources: same bytes

    nowhere = tmp_path / "empty"
    nowhere.mkdir()
    if find_package(nowhere) is None:
        lost = _run(installed, nowhere, "newsprov", "validate")
        assert lost.returncode == 2 and "no datapackage.json" in lost.stderr
