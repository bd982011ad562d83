"""Stories in the build: a table, each article's story, cross-outlet tables within stories,
the validator's story rules, and `newsprov eval stories` (invented articles only)."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pytest

from conftest import SHARED, edit_csv, rehash
from test_stories_grouping import FLOOD, TRIAL, filler
from newsprov.dataset.build import build
from newsprov.dataset.evaluate.stories import adjusted_rand_index, evaluate_stories, read_labels, StoriesGoldError
from newsprov.validators.run import validate

CROSS = ("sentence_links", "article_links", "reuse_runs", "quote_groups", "figure_groups", "unquoted", "drift_spans")


# --- the adjusted Rand index, against hand-computed values --------------------

@pytest.mark.parametrize("truth, pred, expected", [
    ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),               # the same partition, other names
    ([0, 0, 1, 2], [0, 0, 1, 1], 4 / 7),             # (1 - 1/3) / (3/2 - 1/3)
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),              # (0 - 2/3) / (2 - 2/3): worse than chance
    ([0, 1, 2, 3], [0, 1, 2, 3], 1.0),               # all singletons in both
    ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),               # one story found as four
])
def test_adjusted_rand_index_of_small_labellings(truth, pred, expected):
    assert adjusted_rand_index(truth, pred) == pytest.approx(expected)


def test_scores_count_pairs_kept_together_and_apart_and_derived_pairs():
    gold = {"a1": "p1", "a2": "p1", "b1": "p2", "b2": "p2", "c1": "p3", "c2": "p3"}
    found = {"a1": "x", "a2": "x", "b1": "x", "b2": "y", "c1": "z", "c2": "z"}
    s = evaluate_stories(gold, found, kinds={"p1": "WD", "p2": "PD", "p3": "ND"})
    # gold pairs: (a1,a2) (b1,b2) (c1,c2); found together: (a1,a2) (c1,c2) -> 2/3
    assert s["pairs_together"] == pytest.approx(2 / 3)
    # 15 pairs, 12 gold-apart; found joins a1-b1 and a2-b1, so 10 of 12 stay apart
    assert s["pairs_apart"] == pytest.approx(10 / 12)
    assert s["derived_pairs"] == 2 and s["derived_together"] == 0.5
    assert s["together_by_kind"] == {"ND": 1.0, "PD": 0.0, "WD": 1.0}


def test_labels_file_is_read_with_ids_as_the_build_gives_them(tmp_path):
    path = tmp_path / "labels.tsv"
    path.write_text("# article\tstory\nAlpha One.txt\ts1\nbeta\ts1\n", encoding="utf-8")
    assert read_labels(path) == {"alpha-one": "s1", "beta": "s1"}
    path.write_text("alpha\n", encoding="utf-8")
    with pytest.raises(StoriesGoldError, match="line 1"):
        read_labels(path)


# --- the build ----------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_package(tmp_path_factory):
    """Two invented stories of three versions each among thirty unrelated articles."""
    src = tmp_path_factory.mktemp("corpus")
    for aid, text in {**FLOOD, **TRIAL, **filler(30)}.items():
        (src / f"{aid}.txt").write_text(text + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("pkg") / "pkg"
    build(src, out)
    return out


def _table(root, name):
    return pl.read_csv(root / "tables" / f"{name}.csv", infer_schema=False)


def test_each_article_has_its_story_and_each_story_its_size(corpus_package):
    story = dict(_table(corpus_package, "articles").select("article_id", "story_id").iter_rows())
    assert len({story[a] for a in FLOOD}) == 1 and len({story[a] for a in TRIAL}) == 1
    assert story["a1"] != story["d1"]
    assert story["a1"] == "a1" and story["d1"] == "d1"  # the smallest article id names the story
    stories = _table(corpus_package, "stories")
    size = dict(stories.select("story_id", "n_articles").iter_rows())
    assert size["a1"] == "3" and size["d1"] == "3"
    assert set(stories["method"]) == {"minhash-lsh+event-cosine"}
    linked = dict(stories.select("story_id", "linked_by").iter_rows())
    assert linked["a1"] == linked["d1"] == "event"  # rewritten, not copied: linked by what they report


def test_no_cross_outlet_row_relates_two_stories(corpus_package):
    story = dict(_table(corpus_package, "articles").select("article_id", "story_id").iter_rows())
    links = _table(corpus_package, "sentence_links")
    assert len(links) > 0
    for name in ("sentence_links", "article_links", "reuse_runs"):
        df = _table(corpus_package, name)
        assert all(story[a] == story[b] for a, b in df.select("article_id", "other_article_id").iter_rows()), name
    for name, key in (("quote_groups", "group_id"), ("figure_groups", "group_id"), ("drift_spans", "drift_id")):
        df = _table(corpus_package, name)
        by_group = df.with_columns(s=pl.col("article_id").replace_strict(story)).group_by(key).agg(pl.col("s").n_unique())
        assert (by_group["s"] == 1).all(), name
    assert _table(corpus_package, "figure_groups").height > 0  # (the stories' shared figures were grouped)


def test_the_corpus_package_is_valid(corpus_package):
    assert validate(corpus_package).flatten(["type", "resource", "row", "field"]) == []


def test_a_small_folder_is_one_story_said_so(tiny_package):
    stories = _table(tiny_package, "stories")
    assert stories.select("n_articles", "linked_by", "method").rows() == [("2", "folder", "small-folder")]


def _copy(src, tmp_path):
    import shutil
    dst = tmp_path / "copy"
    shutil.copytree(src, dst)
    return dst


def test_an_article_moved_to_another_story_breaks_the_story_rules(corpus_package, tmp_path):
    root = _copy(corpus_package, tmp_path)
    articles = _table(root, "articles")
    row = articles["article_id"].to_list().index("b1") + 2
    edit_csv(root / "tables" / "articles.csv", row, "story_id", "d1")
    rehash(root, "articles")
    errors = validate(root).flatten(["type", "resource", "row", "field", "note"])
    notes = " ".join(str(e[4]) for e in errors)
    assert any(e[1] == "stories" and e[3] == "n_articles" for e in errors), errors  # a1 now has 2, d1 has 4
    assert any(e[1] == "sentence_links" for e in errors) and "a pair lies in one story" in notes


def test_an_article_naming_no_story_breaks_the_foreign_key(corpus_package, tmp_path):
    root = _copy(corpus_package, tmp_path)
    edit_csv(root / "tables" / "articles.csv", 2, "story_id", "zzz-no-such-story")
    rehash(root, "articles")
    assert ["foreign-key", "articles", 2, "story_id"] in validate(root).flatten(["type", "resource", "row", "field"])


def test_eval_stories_scores_a_package_against_a_labels_file(corpus_package, tmp_path):
    labels = tmp_path / "labels.tsv"
    gold = {**{a: "flood" for a in FLOOD}, **{a: "trial" for a in TRIAL}, "z000": "z0", "z001": "z1"}
    labels.write_text("".join(f"{a}\t{s}\n" for a, s in gold.items()), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "newsprov", "eval", "stories", str(corpus_package), "--labels", str(labels), "--json"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    scores = json.loads(out.stdout)
    assert scores["articles"] == 8 and scores["ari"] == 1.0 and scores["unlabelled"] == 28


def test_eval_stories_refuses_labels_without_a_package(tmp_path):
    labels = tmp_path / "labels.tsv"
    labels.write_text("a\ts\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "newsprov", "eval", "stories", "--labels", str(labels)], capture_output=True, text=True)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "PACKAGE" in out.stderr


# --- on the shared corpora (skipped without them) ------------------------------

@pytest.mark.skipif(not (SHARED / "corpora" / "basil" / "dev" / "text").is_dir(), reason="needs ../shared/corpora/basil/dev")
def test_basil_dev_outlets_of_one_story_are_one_story():
    out = subprocess.run([sys.executable, "-m", "newsprov", "eval", "stories", "--basil", str(SHARED / "corpora" / "basil" / "dev"), "--json"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["ari"] >= 0.9


@pytest.mark.parametrize("content, message", [(None, "labels file not found"), (b"\xff\xfe bad\tx\n", "not UTF-8"), (b"", "no labelled article")])
def test_bad_labels_are_one_line_and_exit_2(tmp_path, content, message):
    labels = tmp_path / "labels.tsv"
    if content is not None:
        labels.write_bytes(content)
    out = subprocess.run([sys.executable, "-m", "newsprov", "eval", "stories", str(tmp_path), "--labels", str(labels)], capture_output=True, text=True)
    assert out.returncode == 2 and out.stderr == f"newsprov: {labels}: {message}\n"
