"""The command line as a user runs it: real processes, exit codes and one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsprov", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_build_then_validate_a_folder(tiny_sources, tmp_path):
    out = tmp_path / "pkg"
    built = run("build", str(tiny_sources), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith(f"built {out / 'datapackage.json'}: ") and " 2 articles," in built.stdout
    checked = run("build", str(tiny_sources), "--out", str(out), "--check")
    assert checked.returncode == 0 and "up to date" in checked.stdout
    valid = run("validate", str(out))
    assert valid.returncode == 0 and valid.stdout.strip().splitlines()[-1].startswith("VALID")


def test_check_exits_1_naming_what_differs(tiny_package, tiny_sources):
    (tiny_sources / "beta.txt").write_text("A changed article, an official said.\n", encoding="utf-8")
    result = run("build", str(tiny_sources), "--out", str(tiny_package), "--check", "--quiet")
    assert result.returncode == 1
    assert "differs: sources/beta.txt" in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.txt", b"caf\xe9 au lait\n", "bad.txt: not valid UTF-8"),
        ("empty.txt", b"", "empty.txt: empty"),
    ],
)
def test_bad_sources_give_one_line_and_exit_2(tiny_sources, tmp_path, name, content, message):
    (tiny_sources / name).write_bytes(content)
    result = run("build", str(tiny_sources), "--out", str(tmp_path / "pkg"))
    assert result.returncode == 2 and not (tmp_path / "pkg" / "datapackage.json").exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsprov: ") and message in lines[0], lines


def test_usage_errors_exit_2(tmp_path):
    assert run("build", str(tmp_path)).returncode == 2  # --out is required with a folder
    missing = run("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "pkg"))
    assert missing.returncode == 2 and "nowhere: sources directory not found" in missing.stderr
    assert run("validate", str(tmp_path / "nope.json")).returncode == 2
    assert run("add", str(tmp_path / "nope.txt"), "--no-build").returncode == 2


def test_python_dash_m_and_help():
    result = run("--help")
    assert result.returncode == 0 and "validate" in result.stdout


def test_files_of_the_folder_that_are_not_articles_are_named_in_one_note(tiny_sources, tmp_path):
    (tiny_sources / "labels.tsv").write_text("alpha\ts1\n", encoding="utf-8")
    (tiny_sources / "story.md").write_text("# not an article\n", encoding="utf-8")
    (tiny_sources / "sources.csv").write_text("source_id,path,dateline_date,wire_credits,outlet,language\n", encoding="utf-8")  # curated: read
    (tiny_sources / ".DS_Store").write_bytes(b"\0")  # hidden: not named
    result = run("build", str(tiny_sources), "--out", str(tmp_path / "pkg"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"newsprov: note: {tiny_sources}: 2 files that are not *.txt (labels.tsv, story.md) not read (articles are *.txt files)"]
    clean = run("build", str(tmp_path / "pkg" / "sources"), "--out", str(tmp_path / "again"), "--quiet")
    assert clean.returncode == 0 and clean.stderr == "", clean.stderr
