"""Releases: reproducible archives, SHA256SUMS, verification, safe extraction, loading by version."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import newsprov
import newsprov.dataset.versions.load as load_module
from newsprov.dataset.build import build
from newsprov.dataset.versions.load import DatasetError, available_versions
from newsprov.dataset.versions.release import ReleaseError, extract_archive, read_sums, release, verify_archive



def members(package: Path) -> list[str]:
    """What an archive of the package holds: the descriptor and every resource file, sorted."""
    descriptor = json.loads((package / "datapackage.json").read_text())
    return sorted(["datapackage.json", *(r["path"] for r in descriptor["resources"])])


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPROV_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def set_version(root: Path, version: str) -> None:
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["version"] = version
    path.write_text(json.dumps(descriptor, indent=2))


def test_release_bytes_are_reproducible(tiny_sources, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    build(tiny_sources, tmp_path / "a" / "pkg")
    build(tiny_sources, tmp_path / "b" / "pkg")
    first, line = release(tmp_path / "a" / "pkg", tmp_path / "out-a")
    second, _ = release(tmp_path / "b" / "pkg" / "datapackage.json", tmp_path / "out-b")
    assert first.name == "in-0.1.0.zip"  # named after the articles folder (tiny_sources: "in")
    assert first.read_bytes() == second.read_bytes()
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    assert line == f"{digest}  in-0.1.0.zip"
    assert (tmp_path / "out-a" / "SHA256SUMS").read_text() == line + "\n"
    with zipfile.ZipFile(first) as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == members(tmp_path / "a" / "pkg")
        assert infos[0].filename == "datapackage.json" and "sources/alpha.txt" in zf.namelist() and "tables/articles.csv" in zf.namelist()
        assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        assert zf.read("sources/alpha.txt") == (tmp_path / "a" / "pkg" / "sources" / "alpha.txt").read_bytes()


def test_sums_file_keeps_one_sorted_line_per_archive(tiny_package, tmp_path):
    out = tmp_path / "releases"
    _, line = release(tiny_package, out)
    release(tiny_package, out)  # the same package again: nothing changes
    assert (out / "SHA256SUMS").read_text() == line + "\n"
    set_version(tiny_package, "0.10.0")
    _, line10 = release(tiny_package, out)
    set_version(tiny_package, "0.2.0")
    _, line2 = release(tiny_package, out)
    assert (out / "SHA256SUMS").read_text().splitlines() == [line, line10, line2]  # sorted by file name
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["SHA256SUMS", "in-0.1.0.zip", "in-0.10.0.zip", "in-0.2.0.zip"]


def test_a_released_version_is_not_overwritten_with_other_content(tiny_package, tmp_path):
    out = tmp_path / "releases"
    release(tiny_package, out)
    (tiny_package / "sources" / "beta.txt").write_bytes(b"changed")
    with pytest.raises(ReleaseError, match="invalid package"):
        release(tiny_package, out)
    with pytest.raises(ReleaseError, match="already released .* new version"):
        release(tiny_package, out, verify=False)
    path, line = release(tiny_package, out, verify=False, force=True)
    assert read_sums(out / "SHA256SUMS") == {"in-0.1.0.zip": line.split()[0]}


def test_a_non_semver_version_is_not_released(tiny_package, tmp_path):
    set_version(tiny_package, "1.0")
    with pytest.raises(ReleaseError, match="'1.0' is not a semantic version"):
        release(tiny_package, tmp_path / "releases", verify=False)


def test_tampered_archive_is_refused(tiny_package, tmp_path):
    zip_path, line = release(tiny_package, tmp_path / "releases")
    assert verify_archive(zip_path) == line.split()[0]
    data = bytearray(zip_path.read_bytes())
    data[100] ^= 0xFF
    zip_path.write_bytes(bytes(data))
    with pytest.raises(ReleaseError, match="does not match .* altered or is corrupt"):
        verify_archive(zip_path)
    with pytest.raises(DatasetError, match="does not match"):
        newsprov.load(zip_path)


def test_unlisted_archive_is_refused(tiny_package, tmp_path):
    zip_path, _ = release(tiny_package, tmp_path / "releases")
    (tmp_path / "releases" / "SHA256SUMS").write_text("")
    with pytest.raises(ReleaseError, match="not listed"):
        verify_archive(zip_path)
    with pytest.raises(ReleaseError, match="not found"):
        verify_archive(zip_path, tmp_path / "nowhere" / "SHA256SUMS")


@pytest.mark.parametrize("bad", ["../evil.txt", "/abs.txt", "a/../../evil.txt", "C:/evil.txt", "a\\..\\evil.txt"])
def test_unsafe_member_names_are_refused(tmp_path, bad):
    zip_path = tmp_path / "bad.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("datapackage.json", "{}")
        zf.writestr(zipfile.ZipInfo(bad), b"x")
    (tmp_path / "SHA256SUMS").write_text(f"{hashlib.sha256(zip_path.read_bytes()).hexdigest()}  bad.zip\n")
    with pytest.raises(ReleaseError, match="unsafe archive member"):
        verify_archive(zip_path)
    with pytest.raises(ReleaseError, match="unsafe archive member"):
        extract_archive(zip_path, tmp_path / "out" / "x")
    assert not (tmp_path / "out" / "x").exists() and not (tmp_path / "evil.txt").exists()
    with pytest.raises(DatasetError, match="unsafe archive member"):
        newsprov.load(zip_path, verify=False)


def test_extract_archive(tiny_package, tmp_path):
    zip_path, _ = release(tiny_package, tmp_path / "releases")
    dest = extract_archive(zip_path, tmp_path / "x")
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file()) == members(tiny_package)
    with pytest.raises(ReleaseError, match="not an empty folder"):
        extract_archive(zip_path, dest)


def test_load_an_archive(tiny_package, tmp_path, cache):
    zip_path, _ = release(tiny_package, tmp_path / "releases")
    ds = newsprov.load(zip_path)
    assert ds.articles.height == 2 and ds.version == "0.1.0"
    assert cache in ds.root.parents
    assert ds.text("alpha").startswith("Talks end without a deal")
    (tmp_path / "releases" / "SHA256SUMS").unlink()  # no sums beside it: loaded, the package itself validated
    assert newsprov.load(str(zip_path)).sentences.height == 6


@pytest.fixture
def repo(tiny_package, tmp_path, monkeypatch):
    """A repository laid out like this one: datapackage.json at the root, releases/ beside it."""
    root = tmp_path / "repo"
    shutil.copytree(tiny_package, root, ignore=shutil.ignore_patterns(".newsprov*"))
    monkeypatch.setattr(load_module, "REPO_ROOT", root)
    return root


def git(cwd: Path, *args: str) -> None:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args]
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)


def test_load_a_released_version(repo):
    release(repo, repo / "releases")
    set_version(repo, "0.2.0")  # the work tree moved on; 0.1.0 still loads from its archive
    ds = newsprov.load(version="0.1.0")
    assert ds.version == "0.1.0" and ds.articles.height == 2 and ds.root != repo
    with pytest.raises(DatasetError, match=r"version 9\.9\.9 of in not found .*available: 0\.1\.0$"):
        newsprov.load(version="9.9.9")
    with pytest.raises(DatasetError, match="'1.0' is not a semantic version"):
        newsprov.load(version="1.0")
    with pytest.raises(DatasetError, match="not both"):
        newsprov.load(repo, version="0.1.0")


def test_a_tampered_release_is_refused(repo):
    zip_path, _ = release(repo, repo / "releases")
    with zipfile.ZipFile(zip_path, "a") as zf:
        zf.writestr("extra.txt", "sneaked in")
    with pytest.raises(DatasetError, match="does not match"):
        newsprov.load(version="0.1.0")


def test_a_version_falls_back_to_its_git_tag(repo):
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "0.1.0")
    git(repo, "tag", "v0.1.0")
    git(repo, "tag", "v1.0")  # not semver: ignored
    set_version(repo, "0.1.1")
    git(repo, "commit", "-q", "-am", "0.1.1")
    git(repo, "tag", "v0.1.1")
    assert available_versions() == ["0.1.0", "0.1.1"]
    ds = newsprov.load(version="0.1.0")
    assert ds.version == "0.1.0" and ds.sentences.height == 6
    release(repo, repo / "releases")  # 0.1.1 from its archive, 0.1.0 still from the tag
    assert newsprov.load(version="0.1.1").version == "0.1.1"
    with pytest.raises(DatasetError, match="available: 0.1.0, 0.1.1$"):
        newsprov.load(version="2.0.0")


class _Failing:
    """A file whose write puts half the bytes on disk, then fails (a full disk, a crash)."""

    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(28, "No space left on device")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != ".newsprov.lock"}


@pytest.mark.parametrize("failing_write", [1, 2])  # the archive, or SHA256SUMS after it
def test_a_release_failing_mid_write_leaves_the_previous_release_untouched(tiny_package, tmp_path, monkeypatch, failing_write):
    import newsprov.dataset.versions.release as release_module

    out = tmp_path / "releases"
    release(tiny_package, out)
    before = _snapshot(out)
    set_version(tiny_package, "0.2.0")
    real_fdopen, calls = release_module.os.fdopen, []

    def fdopen(fd, *args, **kwargs):
        calls.append(fd)
        handle = real_fdopen(fd, *args, **kwargs)
        return _Failing(handle) if len(calls) == failing_write else handle

    monkeypatch.setattr(release_module.os, "fdopen", fdopen)
    with pytest.raises(OSError, match="No space left"):
        release(tiny_package, out)
    assert len(calls) == failing_write
    assert _snapshot(out) == before  # no in-0.2.0.zip (whole or partial), no temporary file, same SHA256SUMS
    monkeypatch.setattr(release_module.os, "fdopen", real_fdopen)
    _, line = release(tiny_package, out)
    assert sorted(_snapshot(out)) == ["SHA256SUMS", "in-0.1.0.zip", "in-0.2.0.zip"]
    assert (out / "SHA256SUMS").read_text().splitlines()[1] == line


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
import newsprov.dataset.versions.release as release_module

real_fdopen = os.fdopen

class Stalled:
    def __init__(self, handle):
        self.handle = handle
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)
    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        Path(sys.argv[3]).write_text("half written")
        time.sleep(120)

release_module.os.fdopen = lambda fd, *args, **kwargs: Stalled(real_fdopen(fd, *args, **kwargs))
release_module.release(sys.argv[1], sys.argv[2])
"""


def test_a_release_killed_mid_write_leaves_no_partial_archive(tiny_package, tmp_path):
    import sys
    import time

    out = tmp_path / "releases"
    release(tiny_package, out)
    before = _snapshot(out)
    set_version(tiny_package, "0.2.0")
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(tiny_package), str(out), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the release ended before it was killed"
            assert time.monotonic() < deadline, "the release never started writing"
            time.sleep(0.05)
        assert any(p.name.startswith(".in-0.2.0.zip.") for p in out.iterdir())  # half of it is on disk, under another name
    finally:
        child.kill()
        child.wait()
    assert not (out / "in-0.2.0.zip").exists()
    assert {k: v for k, v in _snapshot(out).items() if not k.endswith(".tmp")} == before
    _, line = release(tiny_package, out)  # the next release takes the lock the dead one held, and tidies its leftovers
    assert sorted(_snapshot(out)) == ["SHA256SUMS", "in-0.1.0.zip", "in-0.2.0.zip"]
    assert verify_archive(out / "in-0.2.0.zip") == line.split()[0]


def _set_first_source_path(package: Path, rel: str) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text())
    next(r for r in descriptor["resources"] if r.get("type") == "text")["path"] = rel
    path.write_text(json.dumps(descriptor))


@pytest.mark.parametrize("rel, message", [("../outside.txt", "unsafe resource path: ../outside.txt contains '..'"),
                                          ("sources/missing.txt", "missing.txt: cannot read")])
def test_release_and_diff_refuse_an_unsafe_or_unreadable_resource_naming_it(tiny_package, tmp_path, rel, message):
    from newsprov.dataset.versions import VersionError, open_package

    _set_first_source_path(tiny_package, rel)
    with pytest.raises(ReleaseError, match=message):
        release(tiny_package, tmp_path / "releases")
    with pytest.raises(VersionError, match=message.replace("missing.txt: ", "")):
        open_package(tiny_package)
    assert not (tmp_path / "releases").exists() or not any((tmp_path / "releases").glob("*.zip"))
