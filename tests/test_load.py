"""newsprov.load: Polars tables, verified, and unsafe packages refused."""

from __future__ import annotations

import json
import os

import polars as pl
import pytest

import newsprov
from newsprov.dataset.versions.load import DatasetError


def test_load_embedded_dataset():
    ds = newsprov.load()
    assert isinstance(ds.articles, pl.DataFrame) and ds.articles.height == 5
    assert ds.version == json.loads((ds.root / "datapackage.json").read_text())["version"]
    assert set(ds.tables) == {
        "articles", "paragraphs", "sentences", "quotes", "figures", "entities",
        "sentence_links", "article_links", "reuse_runs", "quote_groups", "unquoted", "figure_groups", "drifts", "drift_spans", "stories",
    }
    row = ds.sentences.row(0, named=True)
    assert ds.text(row["article_id"])[row["start"]:row["end"]] == row["text"]


def test_typed_columns(tiny_package):
    ds = newsprov.load(tiny_package)
    assert ds.articles.schema["dateline_date"] == pl.Date and ds.articles.schema["bytes"] == pl.Int64


def test_tampered_package_is_refused_unless_verification_is_off(tiny_package):
    (tiny_package / "sources" / "alpha.txt").write_text("Something else entirely.\n")
    with pytest.raises(DatasetError, match="invalid package.*source-alpha"):
        newsprov.load(tiny_package)
    assert newsprov.load(tiny_package, verify=False).articles.height == 2


@pytest.mark.parametrize("bad", ["/etc/passwd", "../x.csv", "https://example.org/a.csv", "link/x.txt"])
def test_unsafe_paths_are_refused_even_without_verification(tiny_package, tmp_path, bad):
    if bad.startswith("link"):
        os.symlink(tmp_path, tiny_package / "link")
    path = tiny_package / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"][0]["path"] = bad
    path.write_text(json.dumps(descriptor))
    with pytest.raises(DatasetError, match="unsafe resource path"):
        newsprov.load(tiny_package, verify=False)


def test_missing_and_malformed_descriptors(tmp_path):
    with pytest.raises(DatasetError, match="not found"):
        newsprov.load(tmp_path)
    (tmp_path / "datapackage.json").write_text("{")
    with pytest.raises(DatasetError, match="malformed"):
        newsprov.load(tmp_path)
