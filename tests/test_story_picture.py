"""docs/story.png says which version of the package it shows, and each release re-renders it."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from newsprov.browser import find_chromium, png_text, with_png_text
from newsprov.cli import app
from newsprov.core.layout import REPO_ROOT
from newsprov.page import SHOT_PACKAGE, SHOT_VERSION

runner = CliRunner()
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (Debian: apt install chromium)")


def blank_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_readme_picture_records_the_version_of_the_package():
    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    recorded = png_text((REPO_ROOT / "docs" / "story.png").read_bytes())
    assert recorded.get(SHOT_PACKAGE) == descriptor["name"]
    assert recorded.get(SHOT_VERSION) == descriptor["version"], "docs/story.png shows another version: `newsprov release` re-renders it"


def test_text_chunks_are_written_where_png_readers_find_them():
    from PIL import Image

    data = with_png_text(blank_png(), {"newsprov-version": "1.2.3", "newsprov-package": "pkg"})
    assert png_text(data) == {"newsprov-version": "1.2.3", "newsprov-package": "pkg"}
    image = Image.open(io.BytesIO(data))
    image.load()  # every chunk's CRC is checked
    assert image.text == {"newsprov-version": "1.2.3", "newsprov-package": "pkg"} and image.size == (4, 3)
    with pytest.raises(ValueError):
        with_png_text(b"GIF89a", {"a": "b"})


@pytest.fixture
def package_with_picture(tiny_package):
    (tiny_package / "docs").mkdir()
    (tiny_package / "docs" / "story.png").write_bytes(blank_png())
    return tiny_package


@needs_chromium
def test_release_re_renders_the_picture_with_the_released_version(package_with_picture, tmp_path):
    from PIL import Image

    result = runner.invoke(app, ["release", str(package_with_picture), "--out", str(tmp_path / "releases")])
    picture = package_with_picture / "docs" / "story.png"
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"re-rendered {picture} (version 0.1.0)"
    assert png_text(picture.read_bytes()) == {SHOT_PACKAGE: "in", SHOT_VERSION: "0.1.0"}
    assert Image.open(picture).size == (1400, 1800)


def test_release_says_when_it_cannot_re_render_the_picture(package_with_picture, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPROV_CHROMIUM", str(tmp_path / "no-chromium"))
    before = (package_with_picture / "docs" / "story.png").read_bytes()
    result = runner.invoke(app, ["release", str(package_with_picture), "--out", str(tmp_path / "releases")])
    assert result.exit_code == 0 and (tmp_path / "releases" / "in-0.1.0.zip").is_file()
    assert result.stderr.startswith(f"newsprov: {package_with_picture / 'docs' / 'story.png'}: not re-rendered, it may show an older version (no Chromium found")
    assert (package_with_picture / "docs" / "story.png").read_bytes() == before


def test_a_package_without_a_picture_is_released_without_one(tiny_package, tmp_path):
    result = runner.invoke(app, ["release", str(tiny_package), "--out", str(tmp_path / "releases")])
    assert result.exit_code == 0 and "re-render" not in result.output and not (tiny_package / "docs").exists()
