"""The README is part of the product: its quickstart, commands, examples and dictionary are checked."""

from __future__ import annotations

import re

import typer
from typer.testing import CliRunner

from newsprov.cli import app
from newsprov.core.layout import REPO_ROOT
from newsprov.schemas.dictionary import END, START, markdown

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_readme_opens_with_the_two_setup_commands():
    first = _blocks("sh")[0]
    assert README.index("```sh") < README.index("\n## ")
    commands = [line.split("#")[0].strip() for line in first.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_dictionary_section_equals_the_generated_dictionary():
    section = README.split(START, 1)[1].split(END, 1)[0]
    assert section == "\n" + markdown(), "run `make dictionary` to refresh README.md"


def test_every_cli_command_is_documented_and_has_help():
    runner = CliRunner()
    names = sorted(typer.main.get_command(app).commands)
    assert names
    for name in names:
        assert f"`newsprov {name}" in README, name
        assert runner.invoke(app, [name, "--help"]).exit_code == 0, name


def test_python_example_runs():
    (example,) = _blocks("python")
    exec(compile(example, "README.md", "exec"), {})


def test_the_readme_says_how_to_put_newsprov_on_path():
    setup = README[: README.index("\n## ")]
    assert ". .venv/bin/activate" in setup and "pipx install ." in setup


def test_the_readme_names_only_releases_that_exist():
    named = set(re.findall(r"releases/[\w.-]+\.zip", README))
    assert named and all((REPO_ROOT / path).is_file() for path in named), named


def test_the_readme_diff_examples_run(monkeypatch):
    """Every `newsprov diff` line of the README's shell examples, run where the README runs it."""
    import shlex
    import subprocess

    monkeypatch.chdir(REPO_ROOT)
    examples = [line.split("#")[0].strip() for block in _blocks("sh") for line in block.splitlines() if line.strip().startswith("newsprov diff ")]
    assert any("releases/" in line for line in examples)
    for line in examples:
        args = shlex.split(line)[1:]
        if any(arg.startswith("HEAD") for arg in args) and subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD~1"], cwd=REPO_ROOT, capture_output=True).returncode != 0:
            continue  # a shallow clone has no HEAD~1
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, (line, result.output)
        assert "required bump" in result.stdout.splitlines()[0], line
