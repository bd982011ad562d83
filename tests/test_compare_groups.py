"""Spec tests for compare.quotes and compare.figures (the drifts they lead to: test_drift_specs.py)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

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


def _unaligned(versions):
    """make_sentences, and the sentence links, checked to pair no sentence: the versions'
    sentences are too rewritten to align (what the figure passes after alignment are for)."""
    s, texts = make_sentences(versions)
    links = sentence_links(s)
    assert links.filter(pl.col("other_sentence_id").is_not_null()).is_empty()
    return s, texts, links


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


def test_a_claim_word_conflict_makes_a_figure_group_conflicting():
    s, texts = make_sentences({
        "a": ["The ten-month war in Gaza continued as talks stalled in Cairo on Sunday.",
              "The retired teacher arrived home five minutes after his bedroom was damaged by a rocket."],
        "b": ["The ten-month massacre in Gaza continued as talks stalled in Cairo on Sunday.",
              "The retired teacher arrived home five minutes before his bedroom was damaged by a rocket."],
    })
    links = sentence_links(s)
    # figure groups: numbers agree, claim conflicts
    f = _figures(texts, s, [("fa", "a", "five", 5.0, "exact", "minute"), ("fb", "b", "five", 5.0, "exact", "minute")])
    fg = figure_groups(f, links, texts, s)
    assert fg["agreement"].to_list() == ["conflicting", "conflicting"]
    assert fg["differs"].to_list() == ["claim", "claim"] and fg["claim"].to_list() == ["after", "before"]


def test_figure_groups_say_what_differs():
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


SEEDS = Path(__file__).resolve().parents[1] / "dataset"


@pytest.mark.skipif(not (SEEDS / "tables" / "sentences.csv").exists(), reason="seed tables absent")
def test_seed_integration_groups():
    import newsprov

    ds = newsprov.load(SEEDS.parent / "datapackage.json")
    s, q, f = ds.tables["sentences"], ds.tables["quotes"], ds.tables["figures"]
    texts = {aid: ds.text(aid) for aid in ds.articles["article_id"]}
    links = sentence_links(s)
    groups, unquoted = quote_groups(q, texts)
    fg = figure_groups(f, links, texts, s)
    assert fg.height > 0
    assert groups["group_id"].n_unique() >= 5
    assert set(groups.group_by("group_id").agg(pl.col("article_id").n_unique())["article_id"]) >= {2}
    for row in unquoted.iter_rows(named=True):
        assert texts[row["article_id"]][row["start"]:row["end"]] == row["text"]


def test_a_figure_in_a_sentence_rewritten_beyond_alignment_is_still_compared():
    s, texts, links = _unaligned({
        "a": ["In the northern city of Acre, a retired teacher said he arrived home from the synagogue five minutes after his bedroom was damaged.",
              "Five minutes of silence were held at noon in the capital."],
        "b": ["Recounting the scare, he told of returning home from the synagogue five minutes before his bedroom was damaged, marvelling at the miracle that spared him as he surveyed broken windows and debris strewn across his bed and floor.",
              "Officials said the vote would take five minutes."],
    })
    f = _figures(texts, s, [("a1", "a", "five minutes after", 5.0, "exact", "minute"), ("a2", "a", "Five minutes of", 5.0, "exact", "minute"),
                            ("b1", "b", "five minutes before", 5.0, "exact", "minute"), ("b2", "b", "five minutes.", 5.0, "exact", "minute")])
    f = f.with_columns(pl.col("end") - pl.col("text").str.len_chars() + 4, pl.col("text").str.slice(0, 4))  # the spans are the number words
    fg = figure_groups(f, links, texts, s)
    # The witness's figure pairs up (shared facts: home, synagogue, bedroom, damaged); the unrelated ones do not.
    assert fg.select("figure_id", "agreement", "differs", "claim").rows() == [
        ("a1", "conflicting", "claim", "after"), ("b1", "conflicting", "claim", "before")]


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


def test_one_amount_stated_with_different_numbers_by_independent_versions_conflicts():
    # Two outlets writing one story themselves: sentences too different to align, the same
    # quantity (the ad's cost) stated as two amounts; a third amount is another quantity.
    s, texts, links = _unaligned({
        "a": ["The advertisement, set to air in Tampa, Orlando and Jacksonville, is costing the veterans group $1 million, the group confirmed.",
              "The council approved $2 million for the new library on Monday."],
        "b": ["Organisers have reserved $500,000 of airtime across Jacksonville, Orlando and Tampa for the veterans group.",
              "A separate fund of $1.5 million went to road repairs."],
    })
    specs = [("a1", "a", "$1 million", 1e6, "exact", "dollar"), ("a2", "a", "$2 million", 2e6, "exact", "dollar"),
             ("b1", "b", "$500,000", 5e5, "exact", "dollar"), ("b2", "b", "$1.5 million", 1.5e6, "exact", "dollar")]
    fg = figure_groups(_figures(texts, s, specs), links, texts, s)
    # The ad's cost: places and the group shared (tampa, orlando, jacksonville, veterans, group);
    # the library's and the roads' money share no facts with anything.
    assert fg.select("figure_id", "agreement", "differs").rows() == [("a1", "conflicting", "value"), ("b1", "conflicting", "value")]


def test_restated_numbers_need_one_size_and_a_version_printing_both_numbers_is_no_drift():
    base = {"a": ["The advertisement, set to air in Tampa, Orlando and Jacksonville, is costing the veterans group $1 million, the group confirmed."],
            "b": ["Organisers have reserved {fig} of airtime across Jacksonville, Orlando and Tampa for the veterans group.{extra}"]}

    def groups(fig, value, extra=""):
        s, texts = make_sentences({"a": base["a"], "b": [base["b"][0].format(fig=fig, extra=extra)]})
        specs = [("a1", "a", "$1 million", 1e6, "exact", "dollar"), ("b1", "b", fig, value, "exact", "dollar")]
        if extra:
            specs.append(("b2", "b", "$1 million", 1e6, "exact", None))
        return figure_groups(_figures(texts, s, specs), sentence_links(s), texts, s)

    assert groups("$500,000", 5e5).height == 2
    assert groups("$400,000", 4e5).is_empty()          # more than twice as far apart: a part, not the whole
    assert groups("$500,000", 5e5, " The full campaign will cost $1 million.").is_empty()  # b prints a's number too


def test_the_one_count_each_version_states_of_a_unit_is_one_quantity_without_a_shared_name():
    # Independent outlets name different people in the sentence (a justice / the court): no
    # shared name, but each states one count of women of that size, and the two are one estimate.
    a = ("Justice Ginsburg, an ardent defender of equal rights, voiced concerns about the particulars of the "
         "sex discrimination case, which covers {x} women.{extra}")
    b = ("The Supreme Court appears ready to block a massive sex discrimination lawsuit against the retailer on "
         "behalf of up to {y} women, making class actions harder for workers nationwide.")

    def grouped(x, xv, y, yv, extra="", extra_fig=None):
        s, texts, links = _unaligned({"a": [a.format(x=x, extra=extra)], "b": [b.format(y=y)]})
        specs = [("a1", "a", x, xv, "exact", "woman"), ("b1", "b", y, yv, "upper_bound", "woman")]
        if extra_fig:
            specs.append(("a2", "a", extra_fig[0], extra_fig[1], "exact", "woman"))
        return figure_groups(_figures(texts, s, specs), links, texts, s).select("figure_id", "differs").rows()

    assert grouped("1.5 million", 1.5e6, "1.6 million", 1.6e6) == [("a1", "value;qualifier"), ("b1", "value;qualifier")]
    # numbers further apart than one estimate restated: two quantities
    assert grouped("1.5 million", 1.5e6, "2.0 million", 2.0e6) == []
    # a version stating two counts of women of that size: which one the other restates is unknown
    assert grouped("1.5 million", 1.5e6, "1.6 million", 1.6e6, " Some 1.2 million of them still work there.",
                   ("1.2 million", 1.2e6)) == []


def test_one_value_qualified_differently_groups_unless_small_or_vague():
    a = "Lawyers for as many as {x} workers at the Tampa plant told the Orlando court that the back pay owed could reach millions."
    b = "Filed in Orlando years ago and still unresolved, the suit seeks back pay from the Tampa plant's owners for {y} workers, according to their lawyers and union officials."

    def grouped(x, y, value, kinds):
        s, texts, links = _unaligned({"a": [a.format(x=x)], "b": [b.format(y=y)]})
        f = _figures(texts, s, [("a1", "a", x, value, kinds[0], "worker"), ("b1", "b", y, value, kinds[1], "worker")])
        return figure_groups(f, links, texts, s).select("figure_id", "differs").rows()

    assert grouped("1,500", "1,500", 1500.0, ("upper_bound", "exact")) == [("a1", "qualifier"), ("b1", "qualifier")]
    assert grouped("three", "three", 3.0, ("upper_bound", "exact")) == []          # small counts recur
    assert grouped("hundreds of", "hundreds of", 200.0, ("vague_magnitude", "exact")) == []
    assert grouped("three", "three", 3.0, ("exact", "exact")) == [("a1", None), ("b1", None)]  # as before: same reading
