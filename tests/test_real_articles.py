"""Other real news articles (PolNeAR dev texts, when ../shared is present) build into a package both validators accept."""

from __future__ import annotations

import shutil

import frictionless
import pytest

from newsprov.dataset.build import build
from newsprov.validators.run import validate

from conftest import SHARED

TEXTS = SHARED / "corpora" / "polnear" / "dev" / "text"
pytestmark = pytest.mark.skipif(not TEXTS.is_dir(), reason=f"{TEXTS} is absent (evaluation corpora live in ../shared)")


def test_real_articles_build_into_a_valid_package(tmp_path):
    """All 84 (the first 24 once hid two build failures in the rest: a quote's kind overwritten
    by its speaker's, a same-article speaker pair demanded a discrepancy row)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = sorted(TEXTS.glob("*.txt"))
    for path in paths:  # read in place, copied only into tmp_path
        shutil.copy(path, folder / path.name)
    out = tmp_path / "pkg"
    result = build(folder, out)
    assert result.tables["articles"].height == len(paths) == 84
    assert result.tables["quotes"].height > 0 and result.tables["figures"].height > 0
    report = validate(out)
    assert report.valid, report.to_text()
    assert frictionless.validate(str(out / "datapackage.json")).valid
    assert build(folder, out, check=True).differing == []  # a rebuild is byte-identical
