"""Spec tests for compare.quotes, compare.figures and compare.discrepancies."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from newsprov.dataset.compare.discrepancies import discrepancies
from newsprov.dataset.compare.figures import figure_groups
from newsprov.dataset.compare.quotes import quote_groups
from newsprov.dataset.compare.sentences import sentence_links
from test_compare_sentences import make_sentences


def _quotes(texts, specs):
    """specs: (quote_id, article_id, quoted words, speaker) -> quotes frame; spans found in the text."""
    rows = []
    for qid, aid, words, speaker in specs:
        s = texts[aid].index(words)
        rows.append({"quote_id": qid, "article_id": aid, "sentence_id": None, "start": s, "end": s + len(words),
                     "text": words, "kind": "full", "speaker": speaker, "speaker_mention": None,
                     "speaker_start": None, "speaker_end": None})
    return pl.DataFrame(rows, schema_overrides={"speaker_start": pl.Int64, "speaker_end": pl.Int64,
                                                "sentence_id": pl.String, "speaker_mention": pl.String})


def _figures(texts, sentences, specs):
    """specs: (figure_id, article_id, text, value, kind, unit)."""
    rows = []
    for fid, aid, text, value, kind, unit in specs:
        s = texts[aid].index(text)
        sid = sentences.filter((pl.col("article_id") == aid) & (pl.col("start") <= s) & (pl.col("end") > s))["sentence_id"][0]
        rows.append({"figure_id": fid, "article_id": aid, "sentence_id": sid, "start": s, "end": s + len(text),
                     "text": text, "value": value, "value_low": None, "value_high": None, "value_kind": kind,
                     "unit": unit, "subject": unit, "attributed_to": None, "quote_id": None, "method": "test"})
    return pl.DataFrame(rows, schema_overrides={"value_low": pl.Float64, "value_high": pl.Float64,
                                                "attributed_to": pl.String, "quote_id": pl.String})


def test_quote_groups_relations_and_unquoted():
    s, texts = make_sentences({
        "a": ["“We will respond at a later time,” the leader said.", "Officials described “working teams” in Cairo."],
        "b": ["\"We will respond at a later time,\" he said.", "Lower-level working teams will stay in Cairo."],
        "c": ["The leader said: “respond at a later time”.", "Unrelated “scare quote” here."],
        "d": ["“We shall respond at some later time,” the leader said."],
    })
    q = _quotes(texts, [("qa", "a", "We will respond at a later time,", "Leader"),
                        ("qa2", "a", "working teams", None),
                        ("qb", "b", "We will respond at a later time,", "Leader"),
                        ("qc", "c", "respond at a later time", "Leader"),
                        ("qc2", "c", "scare quote", None),
                        ("qd", "d", "We shall respond at some later time,", "Someone Else")])
    groups, unquoted = quote_groups(q, texts)
    rel = dict(zip(groups["quote_id"], groups["relation"]))
    assert rel == {"qa": "reference", "qb": "identical", "qc": "truncated", "qd": "altered"}
    assert groups["group_id"].unique().to_list() == ["q0001"]  # singletons (qa2, qc2) are not groups
    assert unquoted.height == 0  # "working teams" is a singleton: no group, no search
    # make "working teams" a group: b quotes it too in a second sentence
    texts2 = dict(texts, e="Teams of “working teams” met.")
    q2 = pl.concat([q, _quotes(texts2, [("qe", "e", "working teams", None)])])
    g2, u2 = quote_groups(q2, texts2)
    assert set(g2.filter(pl.col("quote_id") == "qe")["group_id"]) == set(g2.filter(pl.col("quote_id") == "qa2")["group_id"])
    row = u2.row(0, named=True)
    assert (row["article_id"], row["text"]) == ("b", "working teams")
    assert texts2["b"][row["start"]:row["end"]] == "working teams"
    # discrepancies: altered wording and different speaker
    d = discrepancies(s, sentence_links(s), texts, q, groups)
    kinds = set(d["kind"])
    assert {"quote_wording", "speaker"} <= kinds
    qw = d.filter(pl.col("kind") == "quote_wording").row(0, named=True)
    assert (qw["article_id"], qw["other_article_id"]) == ("a", "d")
    assert qw["text"] == "We will respond at a later time," and qw["other_text"] == "We shall respond at some later time,"


def test_name_spelling_exact_spans():
    s, texts = make_sentences({
        "a": ["The Lebanese group Hizbullah fired rockets, said Prime Minister Binyamin Netanyahu."],
        "b": ["The Lebanese group Hezbollah fired rockets, said Prime Minister Benjamin Netanyahu."],
    })
    d = discrepancies(s, sentence_links(s), texts)
    ns = d.filter(pl.col("kind") == "name_spelling").sort("start")
    assert ns.select("text", "other_text").rows() == [("Hizbullah", "Hezbollah"), ("Binyamin", "Benjamin")]
    r = ns.row(0, named=True)
    assert (r["start"], r["end"]) == (texts["a"].index("Hizbullah"), texts["a"].index("Hizbullah") + 9)
    assert (r["other_start"], r["other_end"]) == (texts["b"].index("Hezbollah"), texts["b"].index("Hezbollah") + 9)
    for row in d.iter_rows(named=True):
        assert texts[row["article_id"]][row["start"]:row["end"]] == row["text"]
        assert texts[row["other_article_id"]][row["other_start"]:row["other_end"]] == row["other_text"]


def test_not_name_spelling_inflection_or_weekday():
    s, texts = make_sentences({
        "a": ["Israeli officials met Iranian envoys in Geneva on Thursday to discuss the nuclear file."],
        "b": ["Israel officials met Iran envoys in Geneva on Tuesday to discuss the nuclear file."],
    })
    d = discrepancies(s, sentence_links(s), texts)
    assert d.filter(pl.col("kind") == "name_spelling").height == 0


def test_framing_and_reversal():
    s, texts = make_sentences({
        "a": ["The ten-month war in Gaza continued as talks stalled in Cairo on Sunday.",
              "The retired teacher arrived home five minutes after his bedroom was damaged by a rocket."],
        "b": ["The ten-month massacre in Gaza continued as talks stalled in Cairo on Sunday.",
              "The retired teacher arrived home five minutes before his bedroom was damaged by a rocket."],
    })
    links = sentence_links(s)
    d = discrepancies(s, links, texts)
    fr = d.filter(pl.col("kind") == "framing").row(0, named=True)
    assert (fr["text"], fr["other_text"]) == ("war", "massacre") and "word=massacre" in fr["detail"]
    rv = d.filter(pl.col("kind") == "reversal").row(0, named=True)
    assert (rv["text"], rv["other_text"]) == ("after", "before")
    # figure groups: numbers agree, claim conflicts
    f = _figures(texts, s, [("fa", "a", "five", 5.0, "exact", "minute"), ("fb", "b", "five", 5.0, "exact", "minute")])
    fg = figure_groups(f, links, texts, s)
    assert fg["agreement"].to_list() == ["conflicting", "conflicting"]
    assert fg["differs"].to_list() == ["claim", "claim"] and fg["claim"].to_list() == ["after", "before"]


def test_figure_value_qualifier_and_omission():
    s, texts = make_sentences({
        "a": ["The army said about 100 planes struck 270 targets in the south overnight.",
              "Officials told reporters that more than 320 rockets were fired at the north."],
        "b": ["The army said 100 planes struck 250 targets in the south overnight.",
              "Officials told reporters that 320 rockets were fired at the north."],
        "c": ["The army said planes struck targets in the south overnight."],
    })
    links = sentence_links(s)
    f = _figures(texts, s, [("a1", "a", "about 100", 100.0, "approximate", "plane"), ("a2", "a", "270", 270.0, "exact", "target"),
                            ("a3", "a", "more than 320", 320.0, "lower_bound", "rocket"),
                            ("b1", "b", "100", 100.0, "exact", "plane"), ("b2", "b", "250", 250.0, "exact", "target"),
                            ("b3", "b", "320", 320.0, "exact", "rocket")])
    fg = figure_groups(f, links, texts, s)
    diff = dict(zip(fg["figure_id"], fg["differs"]))
    assert diff == {"a1": "qualifier", "b1": "qualifier", "a2": "value", "b2": "value", "a3": "qualifier", "b3": "qualifier"}
    d = discrepancies(s, links, texts, figures=f, figure_groups=fg)
    kinds = d.group_by("kind").len().sort("kind").rows()
    assert ("figure_value", 1) in kinds and ("figure_qualifier", 2) in kinds
    fv = d.filter(pl.col("kind") == "figure_value").row(0, named=True)
    assert (fv["text"], fv["other_text"]) == ("270", "250")
    om = d.filter(pl.col("kind") == "omission")
    assert om.height >= 1 and set(om["other_article_id"]) == {"c"}


SEEDS = Path(__file__).resolve().parents[1] / "dataset"


@pytest.mark.skipif(not (SEEDS / "tables" / "sentences.csv").exists(), reason="seed tables absent")
def test_seed_integration_discrepancies():
    from newsprov.dataset.compare.inputs import figures_frame, quotes_frame

    s = pl.read_csv(SEEDS / "tables" / "sentences.csv")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (SEEDS / "sources").glob("*.txt")}
    links = sentence_links(s)
    q = quotes_frame(texts, s)
    f = figures_frame(texts, s, q)
    groups, unquoted = quote_groups(q, texts)
    fg = figure_groups(f, links, texts, s)
    d = discrepancies(s, links, texts, q, groups, f, fg)
    assert groups["group_id"].n_unique() >= 5
    assert set(groups.group_by("group_id").agg(pl.col("article_id").n_unique())["article_id"]) >= {2}
    assert "name_spelling" in set(d["kind"])
    pairs = set(d.filter(pl.col("kind") == "name_spelling").select("text", "other_text").rows())
    assert ("Hezbollah", "Hizbullah") in pairs or ("Hizbullah", "Hezbollah") in pairs
    for row in d.iter_rows(named=True):
        assert texts[row["article_id"]][row["start"]:row["end"]] == row["text"]
        assert texts[row["other_article_id"]][row["other_start"]:row["other_end"]] == row["other_text"]
        assert row["article_id"] < row["other_article_id"]
    for row in unquoted.iter_rows(named=True):
        assert texts[row["article_id"]][row["start"]:row["end"]] == row["text"]
    assert d["discrepancy_id"].n_unique() == d.height


def test_a_figure_in_a_sentence_rewritten_beyond_alignment_is_still_compared():
    s, texts = make_sentences({
        "a": ["In the northern city of Acre, a retired teacher said he arrived home from the synagogue five minutes after his bedroom was damaged.",
              "Five minutes of silence were held at noon in the capital."],
        "b": ["Recounting the scare, he told of returning home from the synagogue five minutes before his bedroom was damaged, marvelling at the miracle that spared him as he surveyed broken windows and debris strewn across his bed and floor.",
              "Officials said the vote would take five minutes."],
    })
    links = sentence_links(s)
    assert links.filter(pl.col("other_sentence_id").is_not_null()).is_empty()  # too rewritten to align
    f = _figures(texts, s, [("a1", "a", "five minutes after", 5.0, "exact", "minute"), ("a2", "a", "Five minutes of", 5.0, "exact", "minute"),
                            ("b1", "b", "five minutes before", 5.0, "exact", "minute"), ("b2", "b", "five minutes.", 5.0, "exact", "minute")])
    f = f.with_columns(pl.col("end") - pl.col("text").str.len_chars() + 4, pl.col("text").str.slice(0, 4))  # the spans are the number words
    fg = figure_groups(f, links, texts, s)
    # The witness's figure pairs up (shared facts: home, synagogue, bedroom, damaged); the unrelated ones do not.
    assert fg.select("figure_id", "agreement", "differs", "claim").rows() == [
        ("a1", "conflicting", "claim", "after"), ("b1", "conflicting", "claim", "before")]
    d = discrepancies(s, links, texts, figures=f, figure_groups=fg)
    assert d.filter(pl.col("kind") == "reversal").select("text", "other_text").rows() == [("after", "before")]


def test_one_mention_attributing_quotes_of_two_groups_gives_a_speaker_row_per_group():
    s, texts = make_sentences({
        "a": ['The official said the talks were "constructive and serious" and "far from over" on Sunday.'],
        "b": ['The spokesman said the talks were "constructive and serious" and "far from over" on Sunday.'],
    })
    links = sentence_links(s)
    q = _quotes(texts, [("a1", "a", "constructive and serious", "US official"), ("a2", "a", "far from over", "US official"),
                        ("b1", "b", "constructive and serious", "Army spokesman"), ("b2", "b", "far from over", "Army spokesman")])
    mention = {"a": (4, 12), "b": (4, 13)}  # "official" / "spokesman": one mention for both quotes
    q = q.with_columns(pl.col("article_id").replace_strict({k: v[0] for k, v in mention.items()}).alias("speaker_start"),
                       pl.col("article_id").replace_strict({k: v[1] for k, v in mention.items()}).alias("speaker_end"))
    groups, _ = quote_groups(q, texts)
    d = discrepancies(s, links, texts, quotes=q, quote_groups=groups).filter(pl.col("kind") == "speaker")
    assert sorted(d["detail"].str.extract(r"group=(\w+)").to_list()) == sorted(groups["group_id"].unique().to_list())
    assert d.height == 2


def test_a_count_worded_two_ways_is_no_unit_conflict_but_a_changed_percentage_base_is():
    s, texts = make_sentences({
        "a": ["The army said about 100 planes struck 270 targets overnight, 90% of them rocket launchers in the south."],
        "b": ["The army said about 100 planes struck 270 sites overnight, with 90% of the strikes on rocket launchers in the south."],
    })
    links = sentence_links(s)
    f = _figures(texts, s, [("a1", "a", "270", 270.0, "exact", "target"), ("a2", "a", "90%", 90.0, "exact", "percent"),
                            ("b1", "b", "270", 270.0, "exact", "site"), ("b2", "b", "90%", 90.0, "exact", "percent")])
    f = f.with_columns(subject=pl.Series(["targets", "targets", "sites", "strikes"]))
    fg = figure_groups(f, links, texts, s)
    got = {r["figure_id"]: (r["agreement"], r["differs"]) for r in fg.to_dicts()}
    assert got == {"a1": ("consistent", None), "b1": ("consistent", None), "a2": ("conflicting", "base"), "b2": ("conflicting", "base")}
    d = discrepancies(s, links, texts, figures=f, figure_groups=fg).filter(pl.col("kind") == "figure_value")
    assert d["detail"].to_list() == ["group=f0002; bases=targets/strikes"]
