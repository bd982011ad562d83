"""Publishing: whole or not at all, and never over a file newsprov did not write (issue 15, items 2-3).

The kill test runs the publish step in a child process that kills itself (SIGKILL) at the
k-th point between two file operations (NEWSPROV_FAULT_AT=k), for every k the step has, and
checks what is left: a package newsprov validate accepts, equal to the old one or the new
one, which the next build finishes with nothing left over.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsprov.dataset.build import BuildError, build
from newsprov.core.layout import REPO_ROOT, Layout
from newsprov.core.publish import GENERATION, LOCK_NAME, MANIFEST, BuildLocked, publish
from newsprov.validators.run import validate

POSIX = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kills with SIGKILL (POSIX)")


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsprov", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


# --- --out: only newsprov's own files -----------------------------------------------------


def test_a_folder_holding_something_else_is_refused_with_one_line_and_left_as_it_was(tiny_sources, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes\n")
    (out / "datapackage.json").write_text('{"name": "my-own-package", "resources": []}\n')
    before = files_of(out)
    done = cli("build", str(tiny_sources), "--out", str(out))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"newsprov: {out}: not empty (datapackage.json, …) and not a newsprov package "
                                        f"(no {MANIFEST}); newsprov writes only into an empty folder or one it built"]
    assert files_of(out) == before  # not even a lock file


def test_an_empty_folder_or_one_with_only_package_toml_is_built_into(tiny_sources, tmp_path):
    (tmp_path / "a").mkdir()
    build(tiny_sources, tmp_path / "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "package.toml").write_text('name = "mine"\nversion = "2.0.0"\n')
    build(tiny_sources, tmp_path / "b")
    assert json.loads((tmp_path / "b" / "datapackage.json").read_text())["version"] == "2.0.0"
    assert (tmp_path / "b" / "package.toml").read_text() == 'name = "mine"\nversion = "2.0.0"\n'


def test_a_file_newsprov_would_write_but_did_not_is_never_overwritten(tiny_sources, tmp_path):
    out = tmp_path / "pkg"
    build(tiny_sources, out)
    (out / "tables" / "quotes.csv").write_text("my own quotes\n")  # the user's now
    (tiny_sources / "alpha.txt").write_text("Talks end.\n\nAn official said \u201cnothing more.\u201d\n")
    before = files_of(out)
    with pytest.raises(BuildError, match=r"tables/quotes\.csv: not written by newsprov, or changed since it was; newsprov will not overwrite it"):
        build(tiny_sources, out)
    assert files_of(out) == before


def test_files_newsprov_no_longer_needs_are_removed_and_nothing_else(tiny_sources, tmp_path):
    out = tmp_path / "pkg"
    build(tiny_sources, out)
    (out / "tables" / "notes.csv").write_text("a,b\n1,2\n")  # the user's, beside newsprov's tables
    (out / "README.md").write_text("my package\n")
    (tiny_sources / "beta.txt").unlink()
    build(tiny_sources, out)
    assert not (out / "sources" / "beta.txt").exists()  # newsprov wrote it; the package no longer has it
    assert (out / "tables" / "notes.csv").read_text() == "a,b\n1,2\n" and (out / "README.md").read_text() == "my package\n"
    manifest = json.loads((out / MANIFEST).read_text())
    assert sorted(manifest["files"]) == sorted(rel for rel in files_of(out) if rel not in ("tables/notes.csv", "README.md", MANIFEST, LOCK_NAME))
    assert manifest["pending"] == {}
    assert validate(out).valid


def test_a_stale_file_the_user_changed_is_left_alone(tiny_sources, tmp_path):
    out = tmp_path / "pkg"
    build(tiny_sources, out)
    (out / "sources" / "beta.txt").write_text("edited by hand\n")
    (tiny_sources / "beta.txt").unlink()
    build(tiny_sources, out)
    assert (out / "sources" / "beta.txt").read_text() == "edited by hand\n"
    assert "sources/beta.txt" not in json.loads((out / MANIFEST).read_text())["files"]


def test_a_package_an_older_newsprov_built_is_adopted(tiny_sources, tmp_path):
    out = tmp_path / "pkg"
    build(tiny_sources, out)
    (out / MANIFEST).unlink()  # as newsprov 1.1 left it: a lock file, a descriptor, its files
    (out / ".newsprov-staging-ab12cd34").mkdir()  # and a killed build's staging folder
    (out / ".newsprov-staging-ab12cd34" / "datapackage.json").write_text("{}")
    (tiny_sources / "beta.txt").unlink()
    build(tiny_sources, out)
    assert not (out / "sources" / "beta.txt").exists() and not (out / ".newsprov-staging-ab12cd34").exists()
    assert "datapackage.json" in json.loads((out / MANIFEST).read_text())["files"]


def test_a_malformed_manifest_stops_the_build(tiny_sources, tmp_path):
    out = tmp_path / "pkg"
    build(tiny_sources, out)
    (out / MANIFEST).write_text("{not json")
    with pytest.raises(BuildError, match=r"\.newsprov-manifest\.json: malformed manifest"):
        build(tiny_sources, out)


def test_a_second_build_is_refused_at_once_with_one_line(tiny_sources, tmp_path):
    from filelock import FileLock

    out = tmp_path / "pkg"
    build(tiny_sources, out)
    with FileLock(str(out / LOCK_NAME)):
        with pytest.raises(BuildLocked, match="another newsprov process is writing this package"):
            build(tiny_sources, out)
        done = cli("build", str(tiny_sources), "--out", str(out))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"newsprov: {out / LOCK_NAME}: another newsprov process is writing this package; run again when it has finished"]


def test_the_embedded_layout_writes_its_descriptor_and_tables_only(embedded_copy):
    layout = Layout(embedded_copy, "dataset/")
    sources = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (embedded_copy / "dataset" / "sources").iterdir()}
    (embedded_copy / "dataset" / "tables" / "retired.csv").write_text("x\n1\n")  # a table newsprov no longer builds
    build(layout=layout)
    assert not (embedded_copy / "dataset" / "tables" / "retired.csv").exists()
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (embedded_copy / "dataset" / "sources").iterdir()} == sources
    assert build(layout=layout, check=True).differing == []


# --- atomic publishing: killed at every point -----------------------------------------------

CHILD = """
import pickle, sys
from newsprov.core.publish import publish
plan = pickle.load(open(sys.argv[1], "rb"))
publish(plan["root"], plan["files"], source_column=plan["source_column"])
"""


def _content(root: Path) -> dict:
    """What a package holds, read through its descriptor: metadata, each table's rows, each source's bytes.
    A source_path naming a generation copy counts as its final path (module doc of publish)."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    out = {"meta": {k: v for k, v in descriptor.items() if k != "resources"}}
    for r in descriptor["resources"]:
        data = (root / r["path"]).read_bytes()
        if r["type"] == "table":
            rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
            if r["name"] == "articles":
                k = rows[0].index("source_path")
                for row in rows[1:]:
                    row[k] = GENERATION.sub("", row[k])
            data = rows
        out[r["name"]] = ({k: v for k, v in r.items() if k not in ("path", "hash", "bytes")}, data)
    return out


@pytest.fixture
def versions(tmp_path):
    """An old package (alpha, beta, delta) and the files of the new one: alpha edited (a source
    changing at its path), beta removed, gamma added; most tables change."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "alpha.txt").write_text("Talks end\n\nTalks in Cairo ended on Sunday, an official said.\n\n"
                                   "The official called them \u201cconstructive.\u201d 12 people attended.\n")
    (src / "beta.txt").write_text("date 2024-08-26 Mr. Smith said the talks would resume. He left at 5 p.m.\n")
    (src / "delta.txt").write_text("Nothing changes here, the ministry said on Monday.\n")
    old = tmp_path / "old" / "pkg"  # one folder name: a package is named after its folder
    build(src, old)
    (old / "NOTES.md").write_text("the user's own file\n")
    (src / "alpha.txt").write_text("Talks end\n\nTalks in Cairo ended on Sunday, a US official said.\n\n"
                                   "The official called them \u201cvery constructive.\u201d 15 people attended.\n")
    (src / "beta.txt").unlink()
    (src / "gamma.txt").write_text("Talks in Cairo ended on Sunday, an official said, with 15 people there.\n")
    new_files = build(src, tmp_path / "new" / "pkg", check=True).files
    reference = tmp_path / "reference"
    shutil.copytree(old, reference)
    publish(reference, new_files, source_column=("tables/articles.csv", "source_path"))
    return old, new_files, reference, src


def _kill_at(k: int, old: Path, work: Path, plan_file: Path, log: Path | None = None) -> int:
    shutil.copytree(old, work)  # (the package's name stays "pkg": the files to publish are precomputed)
    env = {**os.environ, "NEWSPROV_FAULT_AT": str(k)}
    if log:
        env["NEWSPROV_FAULT_LOG"] = str(log)
    return subprocess.run([sys.executable, "-c", CHILD, str(plan_file)], env=env, capture_output=True).returncode


@POSIX
def test_a_publish_killed_at_any_point_leaves_the_old_or_the_new_package_whole(versions, tmp_path):
    old, new_files, reference, _ = versions
    plan_file = tmp_path / "plan.pickle"
    work = tmp_path / "work"
    plan_file.write_bytes(pickle.dumps({"root": work / "0", "files": new_files, "source_column": ("tables/articles.csv", "source_path")}))
    log = tmp_path / "points.log"
    assert _kill_at(0, old, work / "0", plan_file, log) == 0  # no kill: count the points
    points = log.read_text().splitlines()
    assert len(points) >= 30, points  # this publish has that many instants between file operations
    assert any("descriptor names the generation files" in p for p in points)
    old_content, new_content = _content(old), _content(reference)
    assert old_content != new_content
    seen = set()
    for k in range(1, len(points) + 1):
        root = work / str(k)
        plan_file.write_bytes(pickle.dumps({"root": root, "files": new_files, "source_column": ("tables/articles.csv", "source_path")}))
        assert _kill_at(k, old, root, plan_file) == -signal.SIGKILL, points[k - 1]
        report = validate(root)
        assert report.valid, (points[k - 1], report.to_text())
        content = _content(root)
        assert content in (old_content, new_content), points[k - 1]
        seen.add("old" if content == old_content else "new")
        if points[k - 1].endswith("descriptor names the generation files"):  # Frictionless agrees at that instant too
            from frictionless import validate as frictionless_validate

            assert frictionless_validate(str(root / "datapackage.json")).valid
        assert (root / "NOTES.md").read_text() == "the user's own file\n"
        # The next build finishes the job and removes every leftover.
        publish(root, new_files, source_column=("tables/articles.csv", "source_path"))
        assert files_of(root) == files_of(reference), points[k - 1]
    assert seen == {"old", "new"}


@POSIX
def test_a_killed_build_is_finished_by_the_next_one_from_the_command_line(versions, tmp_path):
    old, _, reference, src = versions
    log = tmp_path / "points.log"
    count = tmp_path / "count" / "pkg"
    shutil.copytree(old, count)
    assert cli("build", str(src), "--out", str(count), "-q", env={"NEWSPROV_FAULT_LOG": str(log)}).returncode == 0
    points = log.read_text().splitlines()
    for k in (2, len(points) // 2):
        root = tmp_path / f"cli{k}" / "pkg"
        shutil.copytree(old, root)
        spool = tmp_path / f"tmpdir{k}"
        spool.mkdir()
        done = cli("build", str(src), "--out", str(root), "-q", env={"NEWSPROV_FAULT_AT": str(k), "TMPDIR": str(spool)})
        assert done.returncode == -signal.SIGKILL, done.stderr
        assert k != 2 or any(GENERATION.search(p.name) for p in root.rglob("*"))  # a generation file was written
        # the killed build's table spool stays in $TMPDIR (no process is left to remove it), never in the package
        assert [p.name.startswith("newsprov-spool-") for p in spool.iterdir()] == [True]
        assert not any("spool" in p.name for p in root.rglob("*"))
        assert validate(root).valid
        assert cli("build", str(src), "--out", str(root), "-q").returncode == 0
        assert files_of(root) == files_of(reference)
        assert cli("validate", str(root)).returncode == 0


@POSIX
def test_a_file_half_written_when_the_build_died_is_removed_by_the_next(versions, tmp_path):
    """A kill inside a write leaves a truncated generation file: the manifest named it before
    it was created, no descriptor names it, and the next build removes it."""
    old, new_files, reference, _ = versions
    root = tmp_path / "half" / "pkg"
    plan_file = tmp_path / "plan.pickle"
    plan_file.write_bytes(pickle.dumps({"root": root, "files": new_files, "source_column": ("tables/articles.csv", "source_path")}))
    assert _kill_at(2, old, root, plan_file) == -signal.SIGKILL  # after the first generation file
    (generation,) = [p for p in root.rglob("*") if GENERATION.search(p.name)]
    generation.write_bytes(generation.read_bytes()[: generation.stat().st_size // 2])
    assert generation.relative_to(root).as_posix() in json.loads((root / MANIFEST).read_text())["pending"]
    assert validate(root).valid and _content(root) == _content(old)
    publish(root, new_files, source_column=("tables/articles.csv", "source_path"))
    assert files_of(root) == files_of(reference)
