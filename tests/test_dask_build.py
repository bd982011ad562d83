"""The per-article work on Dask: the same bytes as in-process, however the work is cut."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from test_stories_grouping import FLOOD, TRIAL, filler
from newsprov.dataset import per_article
from newsprov.dataset.compare import stories
from newsprov.dataset.build import build


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".newsprov.lock"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("corpus")
    for aid, text in {**FLOOD, **TRIAL, **filler(30)}.items():
        (src / f"{aid}.txt").write_text(text + "\n", encoding="utf-8")
    return src


def test_shards_of_one_article_give_the_same_package(corpus, tmp_path, monkeypatch):
    build(corpus, tmp_path / "a" / "pkg")
    monkeypatch.setattr(per_article, "SHARD_ARTICLES", 1)
    build(corpus, tmp_path / "b" / "pkg")
    assert _files(tmp_path / "a" / "pkg") == _files(tmp_path / "b" / "pkg")


def test_batches_of_one_story_give_the_same_package(corpus, tmp_path, monkeypatch):
    # sentence links, reuse and drifts run story by story in batches: however the stories are
    # cut into tasks, each story's rows are its own
    build(corpus, tmp_path / "a" / "pkg")
    monkeypatch.setattr(stories, "BATCH_ARTICLES", 1)
    assert len(stories.story_batches({"x": "s1", "y": "s1", "z": "s2", "w": "s2"}, "xyzw")) == 2
    build(corpus, tmp_path / "b" / "pkg")
    a, b = _files(tmp_path / "a" / "pkg"), _files(tmp_path / "b" / "pkg")
    assert a == b and any(n.endswith("sentence_links.csv") for n in a)


def test_a_local_dask_cluster_builds_the_same_bytes(corpus, tmp_path):
    pytest.importorskip("dask.distributed", reason="needs dask[distributed] (pip install 'newsprov[dask]')")
    build(corpus, tmp_path / "in-process" / "pkg")
    out = subprocess.run([sys.executable, "-m", "newsprov", "build", str(corpus), "--out", str(tmp_path / "dask" / "pkg"),
                          "--workers", "2"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "(Dask local cluster (2 workers x 1 thread))" in out.stdout
    assert _files(tmp_path / "in-process" / "pkg") == _files(tmp_path / "dask" / "pkg")


@pytest.mark.parametrize("args", [["--workers", "0"], ["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"]])
def test_a_bad_engine_request_is_one_line_and_exit_2(corpus, tmp_path, args):
    out = subprocess.run([sys.executable, "-m", "newsprov", "build", str(corpus), "--out", str(tmp_path / "pkg"), "--quiet", *args],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "--workers" in out.stderr
    assert not (tmp_path / "pkg").exists()



def test_the_dask_engine_gives_results_in_order_and_items_whole():
    # more items than tasks in flight (2 per worker): the queue refills as results come back,
    # and results keep the order of the items; a list item reaches its task as one list
    pytest.importorskip("dask.distributed", reason="needs dask[distributed] (pip install 'newsprov[dask]')")
    from newsprov.core.engine import engine

    eng = engine(workers=1)
    try:
        assert eng.map(len, [[0] * k for k in range(13)]) == list(range(13))
        assert eng.map(len, []) == []
    finally:
        eng.close()
