"""Text output never lets data break a line or start one with `::` (a GitHub Actions workflow
command such as `::add-mask::`); `--format github` keeps GitHub's own escaping."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import rehash
from newsprov.cli import app
from newsprov.core.printable import printable, safe_line

runner = CliRunner()
PAYLOAD = "\n::add-mask::secret"


def commands(output: str) -> list[str]:
    """Lines a runner would take as workflow commands, other than newsprov's own annotations."""
    return [line for line in output.split("\n") if line.lstrip().startswith("::") and not line.startswith("::error file=")]


def run(*args: str):
    result = runner.invoke(app, list(args))
    return result, result.stdout + result.stderr


def edit_descriptor(root, change) -> None:
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text())
    change(descriptor)
    path.write_text(json.dumps(descriptor))


def test_printable_escapes_controls_separators_and_bidi():
    assert printable("a\nb\r\tc\x1b[31m\x00\x85\u2028\u202e.") == "a\\nb\\r\\tc\\x1b[31m\\x00\\x85\\u2028\\u202e."
    assert printable("café “quoted” 東京") == "café “quoted” 東京"
    assert safe_line("::add-mask::x") == "\\x3a:add-mask::x"
    assert safe_line("  ::warning::x") == "  \\x3a:warning::x"
    assert safe_line("table x: ::not a command") == "table x: ::not a command"


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_resource_path_with_a_newline_and_a_command(tiny_package, fmt):
    edit_descriptor(tiny_package, lambda d: d["resources"][0].update(path="sources/alpha.txt" + PAYLOAD))
    result, output = run("validate", str(tiny_package), "--format", fmt)
    assert result.exit_code == 2  # an unsafe path
    assert commands(output) == []
    assert result.stderr.count("\n") == 1 and "alpha.txt\\n::add-mask::secret" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_resource_name_with_a_newline_and_a_command(tiny_package, fmt):
    edit_descriptor(tiny_package, lambda d: d["resources"][0].update(name="source-alpha" + PAYLOAD))
    result, output = run("validate", str(tiny_package), "--format", fmt)
    assert result.exit_code == 1
    assert commands(output) == []
    assert "source-alpha\\n::add-mask::secret" in output or "source-alpha%0A::add-mask::secret" in output


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_cell_and_a_column_name_with_a_newline_and_a_command(tiny_package, fmt):
    path = tiny_package / "tables/sentences.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] += ',"extra' + PAYLOAD + '"'
    lines[1] = lines[1].replace("Talks end without a deal", '"Talks end' + PAYLOAD + '"', 1) if '"' not in lines[1] else lines[1]
    lines[1] += ',"x' + PAYLOAD + '"'
    path.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    rehash(tiny_package, "sentences")
    result, output = run("validate", str(tiny_package), "--format", fmt)
    assert result.exit_code == 1 and "extra-column" in output
    assert commands(output) == []
    assert "::add-mask::secret" in output  # shown, escaped, on the line that names it


def test_github_format_keeps_escaping_newline_cr_and_percent_in_data_and_properties(tiny_package, monkeypatch):
    (tiny_package / "sources/alpha.txt").rename(tiny_package / "sources/alpha,50%:x.txt")
    edit_descriptor(tiny_package, lambda d: d["resources"][0].update(path="sources/alpha,50%:x.txt"))
    (tiny_package / "sources/alpha,50%:x.txt").write_text("Changed, an official said.\n")  # a hash mismatch there
    path = tiny_package / "tables/sentences.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text(lines[0] + ',"x\r50%' + PAYLOAD + '"\n' + lines[1] + ",y\n", encoding="utf-8")
    rehash(tiny_package, "sentences")
    monkeypatch.chdir(tiny_package)
    result, output = run("validate", "datapackage.json", "--format", "github")
    annotations = [line for line in output.split("\n") if line.startswith("::error ")]
    assert annotations and commands(output) == []
    assert any(line.startswith("::error file=sources/alpha%2C50%25%3Ax.txt,title=hash-mismatch::") for line in annotations)
    assert any(line.startswith("::error file=tables/sentences.csv,title=extra-column::Column x%0D50%25%0A::add-mask::secret of sentences") for line in annotations)


def test_diff_text_output(tiny_package, tmp_path):
    import shutil

    old = tmp_path / "old"
    shutil.copytree(tiny_package, old)
    edit_descriptor(tiny_package, lambda d: d["resources"][0].update(name="source-alpha" + PAYLOAD))
    result, output = run("diff", str(old), str(tiny_package))
    assert result.exit_code == 0 and commands(output) == []
    assert "+ source-alpha\\n::add-mask::secret" in output


def test_error_lines_escape_what_the_user_typed(tmp_path):
    result, output = run("validate", str(tmp_path / ("nowhere" + PAYLOAD)))
    assert result.exit_code == 2 and commands(output) == []
    assert result.stderr == f"newsprov: {tmp_path}/nowhere\\n::add-mask::secret: data package descriptor not found\n"
