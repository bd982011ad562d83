"""The exit-code contract: every cell of the README's table, run.

Each row of the table is one bad (or good) input, built once below; each column a command.
The test reads the table from README.md, so the README cannot promise what the commands do
not do. Besides the code: no traceback, and every error is one line on stderr,
`newsprov: <file>: <what>`, naming the input it was given."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TINY, rehash
from newsprov.cli import app
from newsprov.dataset.build import build
from newsprov.core.descriptor import MAX_DESCRIPTOR_BYTES
from newsprov.core.layout import REPO_ROOT
from newsprov.dataset.versions.release import release

README = REPO_ROOT / "README.md"
GOLD = REPO_ROOT / "tests" / "fixtures" / "seed_figures_gold.json"
runner = CliRunner()


def contract() -> dict[str, dict[str, str]]:
    """{input: {command: code or '–'}} from the README's table."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("<!-- exit-codes:start -->"): text.index("<!-- exit-codes:end -->")]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in table.splitlines() if line.startswith("|")]
    header, body = rows[0], rows[2:]
    commands = [cell.strip("`") for cell in header[1:]]
    return {row[0]: dict(zip(commands, row[1:])) for row in body}


CONTRACT = contract()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Per row of the table: the input given to package commands, to build and to add."""
    root = tmp_path_factory.mktemp("battery")
    sources = root / "articles"
    sources.mkdir()
    for name, text in TINY.items():
        (sources / name).write_bytes(text.encode("utf-8"))
    good = root / "good"
    build(sources, good)

    def package(name: str, change=None) -> Path:
        folder = root / name
        shutil.copytree(good, folder)
        if change:
            change(folder)
        return folder

    def articles(name: str, content: bytes | None = None, link: bool = False) -> Path:
        folder = root / f"{name}-articles"
        shutil.copytree(sources, folder)
        if link:
            (root / "elsewhere.txt").write_bytes(b"An article kept elsewhere, an official said.\n")
            (folder / "gamma.txt").symlink_to(root / "elsewhere.txt")
        elif content is not None:
            (folder / "gamma.txt").write_bytes(content)
        return folder

    def file(name: str, content: bytes) -> Path:
        path = root / "files" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        return path

    def descriptor(name: str, raw: bytes | None = None, size: int | None = None) -> Path:
        folder = root / name
        folder.mkdir()
        if size is not None:
            with open(folder / "datapackage.json", "wb") as handle:
                handle.truncate(size)
        else:
            (folder / "datapackage.json").write_bytes(raw)
        return folder

    def unsafe(folder: Path) -> None:
        path = folder / "datapackage.json"
        d = json.loads(path.read_text())
        shutil.copy(folder / d["resources"][0]["path"], root / "outside.txt")
        d["resources"][0]["path"] = "../outside.txt"
        path.write_text(json.dumps(d))

    def source_bytes(data: bytes, update: bool):
        def change(folder: Path) -> None:
            (folder / "sources" / "alpha.txt").write_bytes(data)
            if update:
                rehash(folder, "source-alpha")
        return change

    archive, _ = release(good, root / "releases")
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("notes/extra.txt", "not declared")
    empty = root / "empty-folder"
    empty.mkdir()
    missing = root / "nowhere"
    return {
        "a valid package (or folder of articles)": {"package": good, "build": sources},
        "missing file or folder": {"package": missing, "build": missing, "add": root / "nowhere.txt"},
        "folder without a descriptor (or without articles)": {"package": empty, "build": empty, "add": empty},
        "empty descriptor": {"package": descriptor("empty-descriptor", b"")},
        "descriptor that is not JSON": {"package": descriptor("not-json", b'{"name": "x", "resources": [')},
        "descriptor of 100,000 nested brackets": {"package": descriptor("bomb", b"[" * 100_000 + b"]" * 100_000)},
        "descriptor over 128 MiB": {"package": descriptor("oversized", size=MAX_DESCRIPTOR_BYTES + 1)},
        "unsafe resource path (or a source that is a symlink)": {"package": package("unsafe", unsafe), "build": articles("symlink", link=True)},
        "source that is not UTF-8 (checksum updated)": {
            "package": package("latin1", source_bytes("Caf\u00e9 talks, an official said.\n".encode("latin-1"), True)),
            "build": articles("latin1", "Caf\u00e9 talks.\n".encode("latin-1")),
            "add": file("latin1.txt", "Caf\u00e9 talks.\n".encode("latin-1")),
        },
        "empty source (checksum updated)": {
            "package": package("empty-source", source_bytes(b"", True)),
            "build": articles("empty", b""),
            "add": file("empty.txt", b""),
        },
        "tampered source (checksum not updated)": {"package": package("tampered", source_bytes(TINY["alpha.txt"].replace("Cairo", "Gizeh").encode(), False))},
        "release archive with an undeclared member": {"package": archive, "build": archive, "add": archive},
    }


def command_line(command: str, given: Path, good: Path, tmp: Path) -> list[str]:
    return {
        "validate": ["validate", str(given)],
        "diff OLD NEW": ["diff", str(given), str(good)],
        "release": ["release", str(given), "--out", str(tmp / "releases")],
        "report": ["report", str(given), "--out", str(tmp / "story.html")],
        "eval figures": ["eval", "figures", "--gold", str(GOLD), str(given)],
        "build": ["build", str(given), "--out", str(tmp / "built"), "--quiet"],
        "add": ["add", str(given), "--no-build"],
    }[command]


CELLS = [(row, command) for row, codes in CONTRACT.items() for command, code in codes.items() if code != "–"]


def test_the_readme_table_covers_the_battery():
    assert len(CONTRACT) == 12 and len(CELLS) >= 60
    assert set(next(iter(CONTRACT.values()))) == {"validate", "diff OLD NEW", "release", "report", "eval figures", "build", "add"}


@pytest.mark.parametrize(("row", "command"), CELLS)
def test_exit_code(inputs, tmp_path, row, command):
    expected = int(CONTRACT[row][command])
    kind = command if command in ("build", "add") else "package"
    given = inputs[row][kind]
    before = sorted(p.name for p in (REPO_ROOT / "dataset" / "sources").iterdir())
    result = runner.invoke(app, command_line(command, given, inputs["a valid package (or folder of articles)"]["package"], tmp_path))
    output = result.stdout + result.stderr
    assert result.exit_code == expected, output
    assert "Traceback" not in output and not isinstance(result.exception, (AssertionError, TypeError, KeyError, AttributeError))
    errors = result.stderr.splitlines()
    if expected == 0:
        assert errors == []
    elif command == "validate" and expected == 1:
        assert errors == [] and result.stdout.splitlines()[-1].startswith("INVALID ")  # the report is the message
    else:
        assert len(errors) == 1 and errors[0].startswith(f"newsprov: {given}"), errors
        assert re.match(r"^newsprov: [^\n]+: \S", errors[0])
    assert sorted(p.name for p in (REPO_ROOT / "dataset" / "sources").iterdir()) == before  # add wrote nothing


def python(*args: str, env: dict | None = None, code: str | None = None) -> subprocess.CompletedProcess:
    import os

    argv = [sys.executable, "-c", code] if code else [sys.executable, "-m", "newsprov", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})


def test_a_real_process_prints_one_line_and_no_traceback_for_the_bracket_bomb(inputs):
    given = inputs["descriptor of 100,000 nested brackets"]["package"]
    for args in (["validate", str(given)], ["diff", str(given), "."], ["report", str(given), "--out", "/dev/null"]):
        done = python(*args)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr == f"newsprov: {given / 'datapackage.json'}: malformed data package descriptor (arrays and objects nested 100000 deep; the limit is 64)\n"


CRASH = """
import sys
import newsprov.validators.run as run
def broken(path=None, engine=None):
    raise RuntimeError("something nobody expected\\nsecond line")
run.validate = broken
sys.argv = ["newsprov", "validate", sys.argv[1]]
from newsprov.cli import main
main()
"""


def test_an_unexpected_exception_is_one_line_and_exit_2_unless_debugging(tmp_path):
    package = tmp_path / "some-package"
    done = python(code=CRASH.replace("sys.argv[1]", repr(str(package))))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr == f"newsprov: {package}: unexpected error: RuntimeError: something nobody expected (set NEWSPROV_DEBUG=1 for the traceback)\n"
    debug = python(code=CRASH.replace("sys.argv[1]", repr(str(package))), env={"NEWSPROV_DEBUG": "1"})
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "something nobody expected" in debug.stderr


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["validate", "a", "b"], "newsprov: validate: Got unexpected extra argument(s) (b); see `newsprov validate --help`"),
        (["nosuch"], "newsprov: usage: No such command 'nosuch'; see `newsprov --help`"),
        (["eval", "figures"], "newsprov: eval figures: Missing option '--gold'; see `newsprov eval figures --help`"),
        (["validate", "--format", "xml"], "newsprov: --format: must be one of text, json, github, not 'xml'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, line):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and result.stderr == line + "\n" and result.stdout == ""
