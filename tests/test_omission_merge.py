"""Omission rows that print the same text are one fact, rows that are each other's complement are one fact
told two ways, and no version is said to lack what it prints."""

from __future__ import annotations

import polars as pl

from newsprov.dataset.compare.drift.collapse import Fact, Mark
from newsprov.dataset.compare.drift.omission import _drop_complements, _merge_overlapping


def fact(printed: dict[str, tuple[int, int]], lacking: list[str], units: int = 1) -> Fact:
    a = [Mark(aid, s, e, "printed") for aid, (s, e) in sorted(printed.items())]
    b = [Mark(aid, 0, 0, "") for aid in lacking]
    return Fact("omission", "whole-version-search", a, b, {"units": units, "printing": len(a), "lacking": len(b)})


def sides(f: Fact):
    return {m.article: (m.start, m.end) for m in f.a}, sorted(m.article for m in f.b)


def test_rows_printing_one_sentence_become_one_row_lacking_only_what_none_prints():
    # as on the seeds: units of versions A, B and D found the same sentence, each missing the
    # others' clause, so one row said D lacked it and another that B did
    rows = [
        fact({"A": (100, 200), "B": (50, 150), "D": (10, 60)}, ["C", "E"]),
        fact({"A": (100, 200), "B": (50, 150)}, ["C", "D", "E"]),
        fact({"A": (100, 190), "D": (10, 60)}, ["B", "C", "E"]),
        fact({"A": (400, 450), "B": (300, 350)}, ["C"]),  # another sentence: left alone
    ]
    out = _merge_overlapping(rows)
    assert len(out) == 2
    assert sides(out[0]) == ({"A": (100, 200), "B": (50, 150), "D": (10, 60)}, ["C", "E"])
    assert out[0].detail == {"units": 3, "printing": 3, "lacking": 2}
    assert out[1] is rows[3]


def test_rows_overlapping_in_one_version_only_stay_apart():
    # one version's best unit can be a stray match (a lede beside a clause); one overlap joins nothing
    rows = [fact({"A": (0, 80), "D": (500, 600)}, ["B", "C"]), fact({"B": (0, 90), "D": (500, 610)}, ["A"])]
    assert _merge_overlapping(rows) == rows


def test_a_small_overlap_joins_nothing_and_a_row_left_lacking_nothing_is_dropped():
    touching = [fact({"A": (0, 100), "B": (0, 100)}, ["C"]), fact({"A": (90, 200), "B": (90, 200)}, ["D"])]
    assert _merge_overlapping(touching) == touching  # 10 characters of 100: neighbouring clauses
    contradicted = [fact({"A": (0, 100), "B": (0, 100)}, ["C"]), fact({"A": (0, 100), "B": (10, 100), "C": (5, 50)}, [])]
    assert _merge_overlapping(contradicted) == []  # C prints it after all


def test_a_version_is_not_said_to_print_a_fact_at_a_sentence_that_does_not_tell_it(tmp_path):
    # B and C's clause "The official called the recent talks" is found in A only through two common
    # words spread over two unrelated sentences ("in recent weeks", "the council called"); neither
    # of A's units there shares enough of the clause to be its span, so A prints nothing in that row
    from conftest import built_drift_spans

    lead = "Mediators ended two days of talks in Vienna on Monday without a deal on the water dispute, officials said.\n\n"
    dam = "The dispute over the river dam has strained relations between the two neighbours for a decade.\n\n"
    farms = "Farmers downstream say the dam has cut their harvests by a third since it opened.\n\n"
    called = lead + "The official called the recent talks, which began on Saturday, a step forward.\n\n" + dam + farms
    texts = {
        "a": lead + "The official described the negotiations, which began on Saturday, as a step forward.\n\n" + dam
        + "Engineers have inspected the spillway in recent weeks.\n\nThe council called for a new survey of the dam's foundations.\n\n"
        + farms,
        "b": called, "c": called, "d": lead + dam + farms,
    }
    spans = built_drift_spans(tmp_path, texts).filter(pl.col("kind") == "omission")
    row = spans.filter((pl.col("article_id") == "b") & pl.col("text").str.starts_with("The official called the recent talks"))
    assert row.height == 1
    members = spans.filter(pl.col("drift_id") == row["drift_id"][0])
    assert sorted(members.filter(pl.col("side") == "a")["article_id"]) == ["b", "c"]
    assert members.filter(pl.col("side") == "b")["article_id"].to_list() == ["d"]


def test_rows_each_lacking_what_the_other_prints_at_one_place_are_dropped():
    # as on the seeds: A and D print "to resolve outstanding issues", B, C and E "in hopes of
    # addressing remaining disagreements"; D's clause was found in both wordings (one span on both rows)
    told_two_ways = [fact({"A": (400, 446), "D": (600, 660)}, ["B", "C", "E"]),
                     fact({"B": (390, 455), "C": (500, 565), "D": (600, 660), "E": (900, 938)}, ["A"])]
    assert _drop_complements(told_two_ways) == []


def test_rows_that_do_not_complement_each_other_stay():
    other = fact({"X": (0, 50), "Y": (0, 50)}, ["Z"])
    # B lacks the second row's fact but prints neither: not the same fact told two ways
    rows = [fact({"A": (400, 446), "D": (600, 660)}, ["B", "C"]), fact({"C": (500, 565), "D": (600, 660)}, ["A", "B"]), other]
    assert _drop_complements(rows) == rows
    # each lacks what the other prints, but the shared version prints them in different places
    apart = [fact({"A": (400, 446), "D": (600, 660)}, ["C"]), fact({"C": (500, 565), "D": (700, 760)}, ["A"])]
    assert _drop_complements(apart) == apart


def test_clauses_are_cut_at_the_arabic_script_comma(tmp_path):
    # Urdu marks clauses with "،" (U+060C): the clause only two versions print ("while a separate
    # ward has been built for heart patients") is the fact, not its whole sentence, which the
    # third version half prints ("the hospital has five hundred beds")
    lead = "کراچی میں وزیر اعلیٰ نے پیر کو نئے اسپتال کا افتتاح کیا۔\n\n"
    work = "منصوبے پر دو سال سے کام جاری تھا اور اس پر بھاری لاگت آئی۔\n\n"
    end = "شہریوں نے اس اقدام کا خیر مقدم کیا اور حکومت کا شکریہ ادا کیا۔\n\n"
    full = lead + "اسپتال میں پانچ سو بستر ہیں، جبکہ دل کے مریضوں کے لیے علیحدہ وارڈ بھی بنایا گیا ہے۔\n\n" + work + end
    texts = {"a": full, "b": full, "c": lead + "اسپتال میں پانچ سو بستر ہیں۔\n\n" + work + end}
    from conftest import built_drift_spans

    spans = built_drift_spans(tmp_path, texts).filter(pl.col("kind") == "omission")
    printed = spans.filter(pl.col("side") == "a")
    assert sorted(printed["article_id"]) == ["a", "b"]
    assert set(printed["text"]) == {"جبکہ دل کے مریضوں کے لیے علیحدہ وارڈ بھی بنایا گیا ہے"}
    assert spans.filter(pl.col("side") == "b")["article_id"].to_list() == ["c"]



def test_a_dateline_and_its_agency_credit_are_no_fact_of_their_own(tmp_path):
    # the agency's copy opens with "Karachi . 26 July (APP)", the newspaper's without it: the day and
    # the credit join the clause after them, so no row says the newspaper lacks "26 July (APP)"
    from conftest import built_drift_spans

    body = ("وفاقی حکومت نے پیر کو نئے اسپتال کی تعمیر کے لیے فنڈز جاری کر دیے۔\n\n"
            "منصوبے پر دو سال سے کام جاری تھا اور اس پر بھاری لاگت آئی۔\n\n"
            "شہریوں نے اس اقدام کا خیر مقدم کیا اور حکومت کا شکریہ ادا کیا۔\n")
    texts = {"src": "کراچی ۔ 26 جولائی (اے پی پی) " + body, "der": body, "der2": body}
    spans = built_drift_spans(tmp_path, texts).filter(pl.col("kind") == "omission")
    assert spans.filter(pl.col("side") == "a")["text"].to_list() == []  # (it was "26 جولائی (اے پی پی)", lacking from both)


def test_a_newspaper_dateline_with_its_own_credit_is_no_fact_either(tmp_path):
    # "Islamabad (Dunya correspondent)": the paper's own credit in its dateline; while in English a
    # bracket after a name at the start of a paragraph is its party, and its words still count
    from newsprov.dataset.compare.drift.omission import _credit_spans

    urdu = "سرخی\n\nاسلام آباد (نمائندہ دنیا) وفاقی حکومت نے"
    assert [urdu[a:b] for a, b in _credit_spans(urdu)] == ["(نمائندہ دنیا)"]
    english = "Headline\n\nRep. Joe Sestak (D-Penn.) said on Friday"
    assert _credit_spans(english) == []
    assert [t[a:b] for t in ["WASHINGTON (Reuters) - The Senate"] for a, b in _credit_spans(t)] == ["(Reuters)"]
