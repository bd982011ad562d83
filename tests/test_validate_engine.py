"""The validator's per-article work (Rule.derive) in shards, in this process or on Dask: the same report."""

from __future__ import annotations

import subprocess
import sys

import polars as pl
import pytest

from newsprov.core.engine import InProcess
from newsprov.schemas.figure_reading import FIGURE_READING
from newsprov.validators import cross_table
from newsprov.validators.run import validate

from conftest import edit_csv, rehash
from test_quotes_figures_tables import AP, csv_row


class Counting(InProcess):
    """In this process, counting the items (shards) it was given."""

    def __init__(self):
        self.items = 0

    def map(self, fn, items):
        self.items += len(items)
        return super().map(fn, items)


def _texts(root) -> pl.DataFrame:
    rows = []
    for path in sorted((root / "dataset/sources").glob("*.txt")):
        rows.append((path.stem, path.read_text(encoding="utf-8-sig")))
    return pl.DataFrame(rows, schema={"article_id": pl.String, "source_text": pl.String}, orient="row")


def test_the_derived_readings_are_the_same_however_the_texts_are_sharded(embedded_copy):
    texts = _texts(embedded_copy)
    figures = pl.read_csv(embedded_copy / "dataset/tables/figures.csv")
    given = {"figures": figures.select(FIGURE_READING.reads["figures"])}
    one, many = Counting(), Counting()
    whole = cross_table.derived(FIGURE_READING, given, texts, one, shard_chars=10**9)
    sharded = cross_table.derived(FIGURE_READING, given, texts, many, shard_chars=1)
    assert one.items == 1 and many.items == texts.height  # one shard per article when a shard holds one character
    assert whole.height > 40 and whole.equals(sharded)
    # only the articles the figures table names are read
    only = {"figures": given["figures"].filter(pl.col("article_id") == AP)}
    assert set(cross_table.derived(FIGURE_READING, only, texts)["article_id"]) == {AP}


def test_an_altered_figure_value_is_caught_with_the_texts_in_one_shard_per_article(embedded_copy, monkeypatch):
    path = embedded_copy / "dataset/tables/figures.csv"
    row = csv_row(embedded_copy, "figures", article_id=AP, text="more than 320")
    edit_csv(path, row, "value", "420.0")
    rehash(embedded_copy, "figures")
    expected = validate(embedded_copy).flatten(["type", "resource", "row", "field"])
    assert ["derived-mismatch", "figures", row, "value"] in expected
    monkeypatch.setattr(cross_table, "SHARD_CHARS", 1)
    counting = Counting()
    assert validate(embedded_copy, engine=counting).flatten(["type", "resource", "row", "field"]) == expected
    assert counting.items == 5


def test_validate_on_a_local_dask_cluster_gives_the_same_report(embedded_copy):
    pytest.importorskip("dask.distributed", reason="needs dask[distributed] (pip install 'newsprov[dask]')")
    path = embedded_copy / "dataset/tables/figures.csv"
    row = csv_row(embedded_copy, "figures", article_id=AP, text="more than 320")
    edit_csv(path, row, "value", "420.0")
    rehash(embedded_copy, "figures")
    run = [sys.executable, "-m", "newsprov", "validate", str(embedded_copy), "--format", "github"]
    here = subprocess.run(run, capture_output=True, text=True, timeout=120)
    dask = subprocess.run([*run, "--workers", "2"], capture_output=True, text=True, timeout=300)
    assert here.returncode == dask.returncode == 1, dask.stderr
    assert "derived-mismatch" in here.stdout and here.stdout == dask.stdout, here.stdout


@pytest.mark.parametrize("args", [["--workers", "0"], ["--workers", "1", "--scheduler", "tcp://127.0.0.1:1"]])
def test_a_bad_engine_request_to_validate_is_one_line_and_exit_2(embedded_copy, args):
    out = subprocess.run([sys.executable, "-m", "newsprov", "validate", str(embedded_copy), *args],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "--workers" in out.stderr
