"""Beyond a number of sources, one checksummed manifest lists them (datapackage.json stays small)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import rehash
from newsprov.core.source_manifest import MANIFEST, MANIFEST_PATH
from newsprov.dataset.build import build
from newsprov.validators.run import validate

ARTICLES = {f"a{i}.txt": f"Story {i}\n\nThe council of town {i} met on Monday, an official said. It voted {i + 3} to 2.\n" for i in range(5)}


@pytest.fixture
def package(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPROV_SOURCE_RESOURCE_LIMIT", "3")
    src = tmp_path / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "pkg"
    build(src, out)
    return out


def _errors(root):
    return validate(root).flatten(["type", "resource"])


def test_sources_are_listed_in_the_manifest_not_one_resource_each(package):
    descriptor = json.loads((package / "datapackage.json").read_text())
    names = [r["name"] for r in descriptor["resources"]]
    assert MANIFEST in names and not any(n.startswith("source-a") for n in names)
    rows = (package / MANIFEST_PATH).read_text().splitlines()
    assert rows[0] == "article_id,path,sha256,bytes" and len(rows) == 6
    assert _errors(package) == []


def test_below_the_limit_each_source_is_a_resource(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, text in list(ARTICLES.items())[:2]:
        (src / name).write_text(text, encoding="utf-8")
    build(src, tmp_path / "pkg")
    names = [r["name"] for r in json.loads((tmp_path / "pkg" / "datapackage.json").read_text())["resources"]]
    assert "source-a0" in names and MANIFEST not in names


def test_a_tampered_source_is_caught_through_the_manifest(package):
    path = package / "sources" / "a2.txt"
    path.write_bytes(path.read_bytes().replace(b"council", b"cowncil"))
    errors = _errors(package)
    assert ["hash-mismatch", "source-a2"] in errors


def test_a_missing_source_is_caught(package):
    (package / "sources" / "a1.txt").unlink()
    assert ["resource-missing", "source-a1"] in _errors(package)


def test_a_tampered_manifest_is_caught(package):
    manifest = package / MANIFEST_PATH
    lines = manifest.read_text().splitlines(keepends=True)
    article, path, sha, size = lines[3].rstrip("\n").split(",")
    lines[3] = f"{article},{path},{'0' * 64},{size}\n"  # a row vouching for other bytes
    manifest.write_text("".join(lines))
    assert ["hash-mismatch", MANIFEST] in _errors(package)
    rehash(package, MANIFEST)  # its own checksum updated: the file no longer matches its row
    assert ["hash-mismatch", f"source-{article}"] in _errors(package)


def test_frictionless_accepts_the_manifest_package(package):
    frictionless = shutil.which("frictionless") or str(__import__("pathlib").Path(sys.executable).with_name("frictionless"))
    out = subprocess.run([frictionless, "validate", str(package / "datapackage.json")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:]


def test_diff_release_and_load_read_a_manifest_package(package, tmp_path, monkeypatch):
    from newsprov.dataset.versions.engine import diff
    from newsprov.dataset.versions.load import load
    from newsprov.dataset.versions.release import release

    old = tmp_path / "old"
    shutil.copytree(package, old)
    path = package / "sources" / "a4.txt"
    path.write_bytes(path.read_bytes() + b" ")
    monkeypatch.chdir(tmp_path)
    result = diff(old, package)
    assert result.sources_changed == ["source-a4"]
    zip_path, _ = release(old / "datapackage.json", tmp_path / "rel", verify=False)
    ds = load(zip_path)
    assert ds.articles.height == 5 and ds.text("a0").startswith("Story 0")


def test_a_source_the_manifest_does_not_list_is_caught(package):
    (package / "sources" / "a9.txt").write_text("Story 9\n\nAn article slipped in.\n", encoding="utf-8")
    assert ["descriptor-error", MANIFEST] in _errors(package)
