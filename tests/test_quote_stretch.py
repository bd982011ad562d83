"""quote_wording / quote-stretch: one quotation reworded inside a longer quotation of another
version (outlets cut one speech into quotations at different places)."""
from __future__ import annotations

import polars as pl

from newsprov.dataset.compare.drift.quote_stretch import best_stretch, overlap

from conftest import built_drift_spans

HEAD = {
    "a": "Riverton budget vote delayed as flood repairs mount\n\nRIVERTON — The Riverton council postponed its budget vote on Tuesday after engineers said repairs to the flood wall would cost far more than planned.\n\n",
    "b": "Flood wall costs push Riverton budget back\n\nRIVERTON — Council members in Riverton put off a vote on the city budget Tuesday, as the bill for fixing the damaged flood wall kept climbing.\n\n",
    "c": "Riverton delays budget over flood wall\n\nRIVERTON — A vote on the Riverton budget was delayed on Tuesday because repairs to the flood wall will be far more expensive than expected, engineers said.\n\n",
}
# a and b print the governor's two sentences as two quotations; c joins them, one word changed
SPLIT = ("\"We have learned something important from the storms of the last decade,\" Governor Ruth Osei said. "
         "\"Whatever the wall costs, we owe the river towns a defence that holds.\"\n")
JOINED = ("\"We have learned something very important from the storms of the last decade... whatever the wall "
          "costs, we owe the river towns a defence that holds,\" Governor Ruth Osei told the council.\n")
JOINED_SAME = ("\"We have learned something important from the storms of the last decade... whatever the wall "
               "costs, we owe the river towns a defence that holds,\" Governor Ruth Osei told the council.\n")


def _wording(tmp_path, texts):
    return built_drift_spans(tmp_path, texts).filter(pl.col("kind") == "quote_wording")


def test_a_word_changed_inside_a_joined_quotation_is_a_wording_drift_against_the_split_ones(tmp_path):
    got = _wording(tmp_path, {"a": HEAD["a"] + SPLIT, "b": HEAD["b"] + SPLIT, "c": HEAD["c"] + JOINED})
    texts = {(r["article_id"], r["text"]) for r in got.iter_rows(named=True)}
    # the split versions' first quotation is on the row, beside c's reworded stretch
    assert ("a", "We have learned something important from the storms of the last decade,") in texts
    assert ("b", "We have learned something important from the storms of the last decade,") in texts
    assert any(a == "c" and "something very important" in t for a, t in texts)
    sides = {r["side"] for r in got.iter_rows(named=True) if r["article_id"] == "c"}
    assert len(sides) == 1 and sides != {r["side"] for r in got.iter_rows(named=True) if r["article_id"] == "a"}


def test_a_joined_quotation_that_keeps_every_word_is_no_drift(tmp_path):
    got = _wording(tmp_path, {"a": HEAD["a"] + SPLIT, "b": HEAD["b"] + SPLIT, "c": HEAD["c"] + JOINED_SAME})
    assert not any("storms" in t for t in got["text"])


def test_best_stretch_finds_the_reworded_words_with_a_word_added():
    short = tuple("we have learned something important since".split())
    long = tuple("and then we have learned something very important since the war".split())
    sim, i, j = best_stretch(short, long)
    assert long[i:j] == tuple("we have learned something very important since".split())
    assert round(sim, 3) == round(12 / 13, 3)


# quote-overlap: two versions cut one passage at different places; neither quotation holds the other
FRONT_CUT = ("\"In the chamber this week, what have you all been discussing, Martha?\" Governor Ruth Osei "
             "asked the council.\n")
BACK_CUT = ("\"What have you all been debating, Martha? You have been debating a plaque for the bandstand,\" "
            "Governor Ruth Osei said.\n")


def test_overlap_finds_the_shared_stretch_of_two_quotations_cut_differently():
    a = tuple("in the chamber this week what have you all been discussing martha".split())
    b = tuple("what have you all been debating martha you have been debating a plaque for the bandstand".split())
    assert overlap(a, b) == (5, 12, 0, 7)
    assert overlap(a, a) is None                                   # the same words: no drift
    assert overlap(a, tuple("you all been debating martha".split())) is None  # shorter than OVERLAP_MIN_WORDS


def test_one_passage_cut_at_different_places_with_a_word_changed_is_a_wording_drift(tmp_path):
    got = _wording(tmp_path, {"a": HEAD["a"] + FRONT_CUT, "b": HEAD["b"] + BACK_CUT, "c": HEAD["c"]})
    texts = {(r["article_id"], r["text"]) for r in got.iter_rows(named=True)}
    assert texts == {("a", "what have you all been discussing, Martha"), ("b", "What have you all been debating, Martha")}
    assert set(got["method"]) == {"quote-overlap"}


def test_quotations_of_different_speakers_sharing_words_are_no_overlap(tmp_path):
    other = BACK_CUT.replace("Governor Ruth Osei said", "Mayor Tom Bale said")
    assert _wording(tmp_path, {"a": HEAD["a"] + FRONT_CUT, "b": HEAD["b"] + other, "c": HEAD["c"]}).is_empty()


def test_an_overlap_always_holds_three_equal_words_in_a_row():
    # (why overlap_obs may take its candidates from shared word trigrams)
    a = tuple("we owe the river towns a wall that holds firm".split())
    b = tuple("we owe every river town a wall which holds firm".split())  # equal runs of 2 at most
    assert overlap(a, b) is None
    c = tuple("we owe the river towns a defence that holds firm".split())
    assert overlap(a, c) == (0, 10, 0, 10)
