"""Drift specs carried over from the discrepancies table it replaces: invented two-version
stories built with newsprov, the rows read from the package's drifts and drift_spans."""

from __future__ import annotations

import polars as pl
import pytest

from test_drift_rules import rows, story, texts_of  # noqa: F401 (story is a fixture)


def test_a_transliterated_name_is_one_row_per_pair_of_spellings_with_exact_spans(story):
    d, s, texts = story({
        "a": "The Lebanese group Hizbullah fired rockets on Sunday, said Prime Minister Binyamin Netanyahu.\n\nHizbullah said the strikes were over.\n",
        "b": "The Lebanese group Hezbollah fired rockets on Sunday, said Prime Minister Benjamin Netanyahu.\n\nHezbollah said the strikes were over.\n",
    })
    got = {frozenset(texts_of(sides["a"]) | texts_of(sides["b"])) for _r, sides in rows(d, s, "name_spelling")}
    assert got == {frozenset({"Hizbullah", "Hezbollah"}), frozenset({"Binyamin", "Benjamin"})}
    hiz = s.join(d, on="drift_id").filter(pl.col("text") == "Hizbullah")
    assert hiz.height == 2  # every occurrence spanned, in one row
    for aid, start, end, text in s.drop_nulls("start").select("article_id", "start", "end", "text").iter_rows():
        assert texts[aid][start:end] == text


def test_an_inflection_or_a_weekday_is_no_name_spelling(story):
    d, s, _ = story({
        "a": "Israeli officials met Iranian envoys in Geneva on Thursday to discuss the nuclear file.\n",
        "b": "Israel officials met Iran envoys in Geneva on Tuesday to discuss the nuclear file.\n",
    })
    assert rows(d, s, "name_spelling") == []
    ((_r, sides),) = rows(d, s, "time_reference")
    assert texts_of(sides["a"]) | texts_of(sides["b"]) == {"Thursday", "Tuesday"}


def test_a_loaded_word_is_side_a_and_a_before_after_claim_is_a_drift(story):
    # (the old fixed list had "war" vs "massacre"; the lexicon has no "massacre", see README)
    d, s, _ = story({
        "a": "The ten-month campaign in Gaza continued as talks stalled in Cairo on Sunday.\n\nThe retired teacher arrived home five minutes after his bedroom was damaged by a rocket.\n",
        "b": "The brutal ten-month campaign in Gaza continued as talks stalled in Cairo on Sunday.\n\nThe retired teacher arrived home five minutes before his bedroom was damaged by a rocket.\n",
    })
    ((r, sides),) = rows(d, s, "framing")
    assert texts_of(sides["a"]) == {"brutal"} and [a for a, _t in sides["a"]] == ["b"]
    claims = [texts_of(sd["a"]) | texts_of(sd["b"]) for kind in ("time_reference", "reversal") for _r, sd in rows(d, s, kind)]
    assert {"after", "before"} in claims


def test_a_changed_figure_and_a_sentence_one_version_lacks(story):
    d, s, _ = story({
        "a": "The army said 100 planes struck 270 targets in the south overnight.\n\nOfficials told reporters that 320 rockets were fired at the northern towns.\n",
        "b": "The army said 100 planes struck 250 targets in the south overnight.\n\nOfficials told reporters that 320 rockets were fired at the northern towns.\n",
        "c": "The army said 100 planes struck 270 targets in the south overnight.\n",
    })
    ((r, sides),) = rows(d, s, "figure_value")
    assert texts_of(sides["a"]) == {"270"} and texts_of(sides["b"]) == {"250"}
    assert (r["n_a"], r["n_b"]) == (2, 1)
    omitted = rows(d, s, "omission")
    assert omitted and all([a for a, t in sides["b"]] == ["c"] and texts_of(sides["b"]) == set() for _r, sides in omitted)
    assert any("320 rockets" in t for _r, sides in omitted for t in texts_of(sides["a"]))


def test_a_number_qualified_in_one_version_is_a_qualifier_drift_not_a_value_drift(story):
    d, s, _ = story({
        "a": "The army said as many as 270 targets in the south were struck overnight by 100 planes.\n",
        "b": "The army said 270 targets in the south were struck overnight by 100 planes.\n",
    })
    assert rows(d, s, "figure_value") == []
    ((_r, sides),) = rows(d, s, "figure_qualifier")
    assert texts_of(sides["a"]) | texts_of(sides["b"]) == {"as many as 270", "270"}


def test_an_outcome_verb_facing_an_attempt_verb_whose_noun_the_sentence_also_prints(story):
    # "struck 270 targets" / "targeted 270 sites": the noun "targets" shares the verb's stem,
    # but the verb is still a substitution, not a word moved within the sentence.
    d, s, _ = story({
        "a": "The military spokesman said about 100 Israeli planes struck 270 targets in the south overnight.\n",
        "b": "The military spokesman said about 100 Israeli planes targeted 270 sites in the south overnight.\n",
        "c": "The military spokesman said about 100 Israeli planes struck 270 targets in the south overnight.\n",
    })
    ((r, sides),) = rows(d, s, "wording")
    assert texts_of(sides["a"]) == {"struck"} and texts_of(sides["b"]) == {"targeted"}
    assert sorted(a for a, _t in sides["a"]) == ["a", "c"]
