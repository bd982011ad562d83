"""article_links and reuse_runs: shares measured on words, runs with spans in both sources.

Invented texts only: a wire story, a client's cut of it, an independent report of the same
event (same names, same quotation, its own words), and an unrelated story.
"""

from __future__ import annotations

import polars as pl
import pytest

from newsprov.dataset.build import build
from newsprov.dataset.compare.reuse import MAX_PARTNERS
from newsprov.validators.run import validate

from conftest import edit_csv, rehash

WIRE = (
    "Ceasefire talks end in Cairo\n\n"
    "Talks in Cairo on a ceasefire ended on Sunday without an agreement, a senior official said. "
    "Negotiators will meet again next week to close the remaining gaps over the border crossing.\n\n"
    "“We made progress on most points,” said Omar Haddad, the chief mediator. "
    "The official, who asked not to be named, said working groups would stay in the capital. "
    "Mediators from three countries took part in four days of meetings at a hotel near the airport.\n\n"
    "The next round is expected to focus on the release of detainees and on aid deliveries to the north.\n"
)
CUT = (
    "Cairo talks end without deal\n\n"
    "Talks in Cairo on a ceasefire ended on Sunday without an agreement, a senior official said. "
    "Negotiators will meet again next week to close the remaining gaps over the border crossing.\n\n"
    "Mediators from three countries took part in four days of meetings at a hotel near the airport.\n"
)
INDEPENDENT = (
    "No breakthrough as mediators leave Egypt\n\n"
    "A fourth day of bargaining in the Egyptian capital produced no deal, diplomats told our correspondent, "
    "although both delegations described the mood as businesslike.\n\n"
    "“We made progress on most points,” said Omar Haddad, the chief mediator, before flying home. "
    "Disagreements remain over who controls the crossing and how many prisoners are freed first.\n"
)
UNRELATED = (
    "Council approves school budget\n\n"
    "The city council approved a new budget for schools on Tuesday after a long debate. "
    "Teachers welcomed the extra money for books, buses and repairs to three old buildings.\n"
)
# The same cut in Urdu, sentences ended by ۔ with no space after some of them.
URDU_WIRE = (
    "قاہرہ میں جنگ بندی کے مذاکرات اتوار کو کسی معاہدے کے بغیر ختم ہو گئے، ایک سینئر اہلکار نے بتایا۔"
    "مذاکرات کار اگلے ہفتے باقی اختلافات دور کرنے کے لیے دوبارہ ملیں گے۔ "
    "تین ملکوں کے ثالثوں نے ہوائی اڈے کے قریب ایک ہوٹل میں چار دن کے اجلاسوں میں حصہ لیا۔ "
    "اگلے دور میں قیدیوں کی رہائی اور شمال کو امداد کی فراہمی پر توجہ دی جائے گی۔\n"
)
URDU_CUT = (
    "قاہرہ میں جنگ بندی کے مذاکرات اتوار کو کسی معاہدے کے بغیر ختم ہو گئے، ایک سینئر اہلکار نے بتایا۔ "
    "مذاکرات کار اگلے ہفتے باقی اختلافات دور کرنے کے لیے دوبارہ ملیں گے۔\n"
)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    root = tmp_path_factory.mktemp("reuse")
    src = root / "in"
    src.mkdir()
    for name, text in {"wire": WIRE, "cut": CUT, "independent": INDEPENDENT, "unrelated": UNRELATED,
                       "urdu_wire": URDU_WIRE, "urdu_cut": URDU_CUT}.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    build(src, root / "pkg")
    return root / "pkg"


def table(package, name):
    return pl.read_csv(package / "tables" / f"{name}.csv", infer_schema_length=None)


def link(package, a, b):
    rows = table(package, "article_links").filter((pl.col("article_id") == a) & (pl.col("other_article_id") == b))
    return rows.row(0, named=True) if len(rows) else None


def test_a_cut_of_the_wire_is_wholly_reused_and_the_wire_is_its_likely_origin(package):
    row = link(package, "cut", "wire")
    assert row["reused_share"] >= 0.9  # every word of the cut but its own headline is in the wire text
    assert 0.3 < row["reused_share_other"] < 0.7  # the wire has a quotation-free half the cut dropped
    assert row["likely_origin"] == "wire" and row["method"] == "greedy_string_tiling"


def test_an_independent_report_sharing_names_and_a_quotation_reuses_almost_nothing(package):
    row = link(package, "independent", "wire")
    if row is not None:  # listed only when the sentence alignment linked them
        assert row["reused_share"] < 0.15 and row["reused_share_other"] < 0.15 and row["likely_origin"] is None


def test_an_unrelated_story_is_not_linked(package):
    links = table(package, "article_links")
    assert links.filter((pl.col("article_id") == "unrelated") | (pl.col("other_article_id") == "unrelated")).is_empty()


def test_the_urdu_cut_is_measured_like_the_english_one(package):
    row = link(package, "urdu_cut", "urdu_wire")
    assert row["reused_share"] >= 0.9 and row["likely_origin"] == "urdu_wire"


def test_runs_carry_exact_spans_in_both_sources(package):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (package / "sources").glob("*.txt")}
    runs = table(package, "reuse_runs")
    assert len(runs) > 0
    for r in runs.iter_rows(named=True):
        assert texts[r["article_id"]][r["start"]:r["end"]] == r["text"]
        assert texts[r["other_article_id"]][r["other_start"]:r["other_end"]] == r["other_text"]
    cut_runs = runs.filter((pl.col("article_id") == "cut") & (pl.col("other_article_id") == "wire"))
    assert "Negotiators will meet again next week" in " ".join(cut_runs["text"])
    counts = dict(runs.group_by("article_id", "other_article_id").len().select(
        pl.concat_str("article_id", "other_article_id", separator=">"), "len").iter_rows())
    assert counts == {f"{a}>{b}": n for a, b, n in table(package, "article_links").select(
        "article_id", "other_article_id", "n_runs").iter_rows() if n}


def test_the_package_validates_and_a_moved_run_offset_in_the_other_source_is_caught(package, tmp_path):
    import shutil

    assert validate(package).valid
    copy = tmp_path / "copy"
    shutil.copytree(package, copy)
    edit_csv(copy / "tables" / "reuse_runs.csv", row=2, column="other_start", value="1")
    rehash(copy, "reuse_runs")
    errors = validate(copy).flatten(["type", "resource", "row", "field"])
    assert ["span-mismatch", "reuse_runs", 2, "other_text"] in errors


def test_many_versions_of_one_story_are_not_compared_pair_by_pair(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    n = 40
    for k in range(n):  # each version cuts a different sentence and adds one of its own
        parts = [s for j, s in enumerate(WIRE.split(". ")) if j != k % 5]
        (src / f"v{k:02d}.txt").write_text(". ".join(parts) + f" Version {k} adds reporting from desk number {k * 7}.\n",
                                           encoding="utf-8")
    build(src, tmp_path / "pkg")
    links = table(tmp_path / "pkg", "article_links")
    assert len(links) <= n * MAX_PARTNERS < n * (n - 1) // 2
    assert links["reused_share"].min() > 0.5  # every pair listed is a pair of near copies
