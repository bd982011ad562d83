"""Hostile release archives: only what the descriptor declares is read, within its declared size and
the limits, and nothing of a refused archive is left in the cache (dataset/versions/archive.py)."""

from __future__ import annotations

import shutil
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TINY
from newsprov.cli import app
from newsprov.dataset.versions import archive as archive_module
from newsprov.dataset.versions.archive import ArchiveError, PackageArchive, member_count
from newsprov.dataset.build import build
from newsprov.dataset.versions.load import DatasetError, InvalidDataset, load
from newsprov.dataset.versions.release import SUMS, archive_bytes, package_files, release, sums_text
from newsprov.dataset.versions import VersionError, diff

runner = CliRunner()
BIG = 200 << 20  # the undeclared member of the report: 200 MB of zeros, about 200 KB deflated


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """A tiny package, its release, and hostile variants of the release (built once: the big one takes a second)."""
    root = tmp_path_factory.mktemp("archives")
    sources = root / "in"
    sources.mkdir()
    for name, text in TINY.items():
        (sources / name).write_bytes(text.encode("utf-8"))
    package = root / "pkg"
    build(sources, package)
    good, _ = release(package, root / "releases")
    descriptor, files = package_files(package)

    big = root / "undeclared" / good.name
    big.parent.mkdir()
    shutil.copy(good, big)
    with zipfile.ZipFile(big, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("extra.bin", "w", force_zip64=True) as member:
        chunk = bytes(1 << 20)
        for _ in range(BIG >> 20):
            member.write(chunk)

    longer = root / "longer" / good.name  # honest headers, a source longer than its declared bytes
    longer.parent.mkdir()
    grown = dict(files)
    grown["sources/alpha.txt"] = files["sources/alpha.txt"] + b"One more sentence, an official said.\n"
    longer.write_bytes(archive_bytes(grown, descriptor.get("created")))

    lying = root / "lying" / good.name  # headers claiming the declared size of a member that holds 10 MB
    lying.parent.mkdir()
    declared = len(files["sources/alpha.txt"])
    bloated = dict(files)
    bloated["sources/alpha.txt"] = b"a" * (10 << 20)
    data = bytearray(archive_bytes(bloated, descriptor.get("created")))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_length = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            name = bytes(data[at + (30 if signature == b"PK\x03\x04" else 46):][:name_length])
            if name == b"sources/alpha.txt":
                struct.pack_into("<I", data, at + offset, declared)
            at = data.find(signature, at + 1)
    lying.write_bytes(bytes(data))

    tampered = root / "tampered" / good.name  # a well-formed archive of an invalid package
    tampered.parent.mkdir()
    changed = dict(files)
    changed["sources/alpha.txt"] = files["sources/alpha.txt"].replace(b"Cairo", b"Gizeh")
    tampered.write_bytes(archive_bytes(changed, descriptor.get("created")))
    return {"package": package, "good": good, "undeclared": big, "longer": longer, "lying": lying, "tampered": tampered}


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSPROV_CACHE", str(folder))
    return folder


def leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def test_the_hostile_archives_are_what_they_claim(made):
    assert made["undeclared"].stat().st_size < 400_000
    with zipfile.ZipFile(made["undeclared"]) as zf:
        assert zf.getinfo("extra.bin").file_size == BIG
    with zipfile.ZipFile(made["lying"]) as zf:
        assert zf.getinfo("sources/alpha.txt").file_size == len(TINY["alpha.txt"].encode())


def test_an_undeclared_200_mb_member_is_refused_by_diff_without_reading_it(made):
    tracemalloc.start()
    try:
        with pytest.raises(VersionError, match=r"archive member extra.bin is not declared in datapackage.json$"):
            diff(made["undeclared"], made["package"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 << 20, peak  # nothing near 200 MB was decompressed into memory
    result = runner.invoke(app, ["diff", str(made["undeclared"]), str(made["package"])])
    assert result.exit_code == 2
    assert result.stderr == f"newsprov: {made['undeclared']}: archive member extra.bin is not declared in datapackage.json\n"


def test_an_undeclared_member_is_refused_by_load_and_nothing_enters_the_cache(made, cache):
    with pytest.raises(DatasetError, match="extra.bin is not declared"):
        load(made["undeclared"])
    assert leftovers(cache) == []
    result = runner.invoke(app, ["report", str(made["undeclared"]), "--out", str(cache.parent / "story.html")])
    assert result.exit_code == 2 and "extra.bin is not declared" in result.stderr and leftovers(cache) == []


def test_even_when_sha256sums_lists_it(made, cache, tmp_path):
    folder = tmp_path / "listed"
    folder.mkdir()
    shutil.copy(made["undeclared"], folder)
    from newsprov.core.files import file_sha256

    (folder / SUMS).write_text(sums_text({made["undeclared"].name: file_sha256(made["undeclared"])}))
    with pytest.raises(DatasetError, match="extra.bin is not declared"):
        load(folder / made["undeclared"].name)
    assert leftovers(cache) == []


def test_a_member_longer_than_its_declared_bytes_is_refused_before_it_is_read(made, cache):
    with pytest.raises(VersionError, match=r"archive member sources/alpha.txt is \d+ bytes; datapackage.json declares \d+$"):
        diff(made["longer"], made["package"])
    with pytest.raises(DatasetError, match="sources/alpha.txt is"):
        load(made["longer"])
    assert leftovers(cache) == []


def test_a_header_that_lies_about_the_size_is_caught_while_streaming(made, cache):
    tracemalloc.start()
    try:
        with pytest.raises(VersionError, match="archive member sources/alpha.txt (expands beyond its declared|cannot be read)"):
            diff(made["lying"], made["package"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 << 20, peak
    with pytest.raises(DatasetError, match="sources/alpha.txt"):
        load(made["lying"])
    assert leftovers(cache) == []


def test_streaming_counts_the_bytes_itself(made):
    """Whatever zipfile makes of the headers, no more bytes than the limit ever come out."""
    with PackageArchive(made["good"]) as archive:
        info = archive.members["sources/alpha.txt"]
        with pytest.raises(ArchiveError, match=rf"sources/alpha.txt expands beyond its declared {info.file_size - 5} bytes$"):
            b"".join(archive._stream(info, info.file_size - 5))
        assert archive.read("sources/alpha.txt") == TINY["alpha.txt"].encode()


def test_an_invalid_package_in_a_sound_archive_is_invalid_data_and_leaves_no_cache(made, cache):
    with pytest.raises(InvalidDataset, match=r"invalid package, \d+ error\(s\); first: \[hash-mismatch\]"):
        load(made["tampered"])
    assert leftovers(cache) == []
    result = runner.invoke(app, ["report", str(made["tampered"]), "--out", str(cache.parent / "story.html")])
    assert result.exit_code == 1 and result.stderr.startswith(f"newsprov: {made['tampered']}: invalid package") and leftovers(cache) == []


def test_a_sound_archive_loads_and_is_cached_once(made, cache):
    ds = load(made["good"])
    assert ds.articles.height == 2
    assert len(leftovers(cache)) == 1 and load(made["good"]).articles.height == 2


def test_member_count_and_total_size_limits(made, monkeypatch, tmp_path):
    assert member_count(made["good"]) == len(zipfile.ZipFile(made["good"]).infolist())
    monkeypatch.setattr(archive_module, "MAX_MEMBERS", 3)
    with pytest.raises(ArchiveError, match=r"archive has \d+ members; the limit is 3$"):
        PackageArchive(made["good"])
    monkeypatch.setattr(archive_module, "MAX_MEMBERS", 250_000)
    monkeypatch.setattr(archive_module, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(ArchiveError, match="archive expands to more than 1000 bytes"):
        PackageArchive(made["good"])
    result = runner.invoke(app, ["diff", str(made["good"]), str(made["package"])])
    assert result.exit_code == 2 and "expands to more than 1000 bytes" in result.stderr


def test_extract_writes_only_declared_members(made, tmp_path):
    with PackageArchive(made["good"]) as archive:
        dest = archive.extract(tmp_path / "out")
        declared = {r["path"] for r in archive.descriptor["resources"]} | {"datapackage.json"}
    assert {str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file()} == declared
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left beside it


def test_diff_hashes_a_folder_packages_sources_without_holding_them(made, tmp_path):
    changed = tmp_path / "changed"
    shutil.copytree(made["package"], changed)
    with open(changed / "sources" / "alpha.txt", "wb") as handle:  # 40 MB of text where 120 bytes were
        for _ in range(40):
            handle.write(b"Talks went on, an official said. " * 31_776)
    tracemalloc.start()
    try:
        change = diff(made["package"], changed)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert change.sources_changed == ["source-alpha"]
    assert peak < 10 << 20, peak
