"""diff, release and validate --against from the command line, and the embedded dataset's releases."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

import newsprov
from newsprov.cli import app

from conftest import edit_csv, rehash

runner = CliRunner()


def test_diff_of_a_package_with_itself_needs_no_bump(tiny_package):
    result = runner.invoke(app, ["diff", str(tiny_package), str(tiny_package)])
    assert result.exit_code == 0 and "required bump NONE" in result.output.splitlines()[0]


def test_validate_against_refuses_a_change_without_a_bump(tiny_package, tmp_path):
    changed = tmp_path / "changed"
    shutil.copytree(tiny_package, changed)
    edit_csv(changed / "tables/articles.csv", 2, "language", "fr")
    rehash(changed, "articles")
    assert runner.invoke(app, ["validate", str(changed)]).exit_code == 0  # valid data on its own
    result = runner.invoke(app, ["validate", str(changed), "--against", str(tiny_package)])
    assert result.exit_code == 1
    assert "version: " in result.output and "PATCH" in runner.invoke(app, ["diff", str(tiny_package), str(changed)]).output


def test_release_is_reproducible_and_loadable(tiny_package, tmp_path):
    first = runner.invoke(app, ["release", str(tiny_package), "--out", str(tmp_path / "a")])
    second = runner.invoke(app, ["release", str(tiny_package), "--out", str(tmp_path / "b")])
    assert first.exit_code == second.exit_code == 0
    assert first.output.splitlines()[-1] == second.output.splitlines()[-1]  # same sha256 line
    (archive,) = (tmp_path / "a").glob("*.zip")
    assert newsprov.load(archive).articles.height == 2


def test_the_embedded_release_loads_by_version():
    ds = newsprov.load(version="1.0.0")
    assert ds.version == "1.0.0" and ds.quotes.height > 0 and ds.figures.height > 0
