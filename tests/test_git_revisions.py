"""Git revisions name versions of the user's package: they resolve in the repository holding the
package the user points at (or the current directory's), never in newsprov's own code folder."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TINY
from newsprov.cli import app
from newsprov.dataset.build import build
from newsprov.dataset.versions import diff

runner = CliRunner()
THIRD = "date 2024-08-27 Talks resumed in Doha on Tuesday, a mediator said.\n"


def git(cwd: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def user_repo(tmp_path) -> Path:
    """A user's git repository with two commits of a package built at its top: two articles, then three."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "user-repo"
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in TINY.items():
        (articles / name).write_bytes(text.encode("utf-8"))
    build(articles, repo)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "two articles")
    (articles / "gamma.txt").write_text(THIRD, encoding="utf-8")
    build(articles, repo)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "a third article")
    return repo


def test_diff_head_1_inside_the_users_repository_compares_the_users_package(user_repo, monkeypatch):
    monkeypatch.chdir(user_repo)
    result = runner.invoke(app, ["diff", "HEAD~1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("HEAD~1 (0.1.0) -> . (0.1.0): required bump MINOR")
    assert "  + source-gamma" in result.stdout.splitlines()
    assert "table articles: 1 rows added, 0 removed, 0 changed (2 -> 3)" in result.stdout


def test_a_revision_resolves_where_the_other_side_points_from_anywhere(user_repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not a repository
    change = diff("HEAD~1", str(user_repo))
    assert change.sources_added == ["source-gamma"] and change.required_bump == "minor"
    assert diff("HEAD", user_repo / "datapackage.json").empty
    result = runner.invoke(app, ["diff", "HEAD~1", str(user_repo), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["sources"]["added"] == ["source-gamma"]


def test_a_package_in_a_subfolder_of_the_repository(user_repo, monkeypatch):
    nested = user_repo.parent / "outer"
    nested.mkdir()
    git(nested, "init", "-q")
    shutil.copytree(user_repo, nested / "data" / "pkg", ignore=shutil.ignore_patterns(".git"))
    git(nested, "add", ".")
    git(nested, "commit", "-q", "-m", "package")
    (nested / "data" / "pkg" / "sources" / "gamma.txt").write_text(THIRD.replace("Doha", "Cairo"), encoding="utf-8")
    monkeypatch.chdir(nested)
    change = diff("HEAD", "data/pkg")  # data/pkg at HEAD against the edited work tree
    assert change.sources_changed == ["source-gamma"]


def test_validate_against_a_revision_of_the_users_repository(user_repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", str(user_repo), "--against", "HEAD~1"])
    assert result.exit_code == 1  # sources were added but the version is still 0.1.0
    assert "version: the content changed but the version is still 0.1.0: a minor bump is required (to 0.2.0)" in result.stderr


def test_outside_any_repository_a_revision_is_not_found_in_newsprovs_own(tmp_path, tiny_package, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "HEAD~1", str(tiny_package)])
    assert result.exit_code == 2
    assert result.stderr.startswith("newsprov: HEAD~1: not a package folder, datapackage.json, .zip archive or git revision of ")
