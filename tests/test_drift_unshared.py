"""Framing in independently written versions (dataset/compare/drift/unshared.py): a marked or
evaluative word one outlet chose and the others never print. Invented stories, built with newsprov."""

from __future__ import annotations

import polars as pl
import pytest

from conftest import SHARED

from newsprov.dataset.compare.drift import unshared
from test_drift_rules import rows, story, texts_of  # noqa: F401 (story is a fixture)

# Three outlets writing one invented event themselves: little shared text, one of them tendentious.
OWN = {
    "a": ("The city council rejected the harbour expansion plan on Monday after a long evening session.\n\n"
          "Members voted seven to four against the proposal, which would have added two piers and a ferry terminal.\n\n"
          "The mayor, Alma Rensford, said the council would ask engineers for a smaller design before spring.\n"),
    "b": ("Councillors threw out a bombastic harbour scheme in a disastrous session on Monday night.\n\n"
          "Seven members opposed the project and four backed it, ending a year of bitter lobbying by the port company.\n\n"
          "Rensford told reporters that a cheaper version could return to the chamber next year.\n"),
    "c": ("A proposal to enlarge the harbour failed in the council chamber on Monday.\n\n"
          "The vote, eleven members in all, split seven against and four in favour of the piers.\n\n"
          "Officials expect the port company to present revised drawings in the coming months.\n"),
}


def _unshared(d, s):
    out = []
    for r, sides in rows(d, s, "framing"):
        if r["method"].endswith("-unshared"):
            out.append((r, sides))
    return out


def test_independent_outlets_loaded_words_are_rows_with_the_lacking_versions_on_side_b(story):
    d, s, texts = story(OWN)
    found = _unshared(d, s)
    words = {t for _r, sides in found for t in texts_of(sides["a"])}
    assert {"bombastic", "disastrous"} <= words
    for r, sides in found:
        assert [a for a, _t in sides["a"]] == ["b"] or "b" not in [a for a, _t in sides["a"]]
        lacking = sorted(a for a, _t in sides["b"])
        assert texts_of(sides["b"]) == set() and lacking  # absent: null spans
        word = next(iter(texts_of(sides["a"])))
        for a in lacking:
            assert word.casefold() not in texts[a].casefold()
        assert r["n_b"] == len(lacking)
    # names and plain reporting words are never framing; every factor is in the row
    assert not words & {"Rensford", "Monday", "council", "said", "voted"}
    r = next(r for r, sides in found if texts_of(sides["a"]) == {"bombastic"})
    assert {"score", "markedness", "zipf", "novelty", "pos", "quoted"} <= {kv.split("=")[0] for kv in r["detail"].split("; ")}


def test_a_version_printing_the_word_anywhere_is_never_said_to_lack_it(story):
    texts = dict(OWN)
    texts["c"] = OWN["c"] + "\nCritics called the earlier scheme bombastic and costly.\n"
    d, s, _ = story(texts)
    found = _unshared(d, s)
    ((r, sides),) = [(r, sd) for r, sd in found if "bombastic" in texts_of(sd["a"])]
    assert sorted({a for a, _t in sides["a"]}) == ["b", "c"] and [a for a, _t in sides["b"]] == ["a"]


def test_with_one_other_version_that_prints_the_word_elsewhere_nothing_is_unshared(story):
    c = OWN["c"] + "\nCritics called the earlier scheme bombastic and costly.\n"
    d, s, _ = story({"b": OWN["b"], "c": c})
    assert not [r for r, sd in _unshared(d, s) if "bombastic" in texts_of(sd["a"])]


def test_in_a_rewrite_of_another_version_an_added_word_is_not_read_as_unshared_framing(story):
    # b copies a and adds rare, loaded words: an edit of shared text (the aligned rules' business)
    texts = {"a": OWN["a"], "b": OWN["a"].replace("rejected the harbour", "rejected the bombastic harbour")
             .replace("long evening", "disastrous evening")}
    d, s, _ = story(texts)
    assert _unshared(d, s) == []


def test_versions_in_another_language_are_not_read_by_the_english_lexicon(story):
    es = {
        "a": ("El ayuntamiento rechazó el lunes el plan de ampliación del puerto tras una larga sesión nocturna.\n\n"
              "Siete concejales votaron en contra de la propuesta, que habría añadido dos muelles y una terminal.\n"),
        # "terrible", "brutal": Spanish words spelled as English evaluative adjectives
        "b": ("Los concejales tumbaron un proyecto terrible en una sesión brutal el lunes.\n\n"
              "Siete miembros se opusieron y cuatro lo apoyaron, tras un año de presiones de la empresa portuaria.\n"),
    }
    d, s, _ = story(es)
    assert _unshared(d, s) == []


def test_the_score_is_novelty_times_strength_and_common_words_are_not_marked():
    st_rare, _lex, mark_rare, z_rare = unshared.strength("bombastic")
    st_common, _lex2, mark_common, z_common = unshared.strength("said")
    assert z_rare < unshared.ZIPF_RARE < unshared.ZIPF_COMMON < z_common
    assert mark_rare == 1.0 and mark_common == 0.0 and st_rare == 1.0
    assert st_common < unshared.THRESHOLD


def _unshared_words(story, addition):
    texts = dict(OWN)
    texts["b"] = OWN["b"] + addition
    d, s, _ = story(texts)
    return {t for _r, sides in _unshared(d, s) for t in texts_of(sides["a"])}


def test_a_strong_word_in_its_plain_sense_is_not_framing(story):
    # "outstanding warrant" (unserved) and "tested positive" rate as praise in the lexicons
    words = _unshared_words(story, "\nThe port company's director, who faces an outstanding warrant, tested positive "
                                   "for the virus last week.\n")
    assert {"bombastic", "disastrous"} <= words and not words & {"outstanding", "positive"}


def test_the_same_strong_word_in_its_evaluative_sense_is_framing(story):
    words = _unshared_words(story, "\nThe port company's director, an outstanding engineer, was positive about the vote.\n")
    assert "outstanding" in words


BASIL_TEXT = SHARED / "corpora" / "basil" / "dev" / "text"


@pytest.mark.skipif(not BASIL_TEXT.is_dir(), reason="needs ../shared/corpora/basil/dev (set NEWSPROV_SHARED)")
def test_sentences_paired_only_by_shared_content_give_no_word_level_rows_but_attribution(tmp_path):
    # independent outlets' sentences on one subject, paired by content overlap (weak alignment):
    # a hedge, a negator, a number or an evaluative word facing another in their word diff is
    # chance (BASIL stories s003, s005 and s012 gave such rows, false when read)
    from conftest import built_drift_spans

    texts = {p.stem: p.read_text(encoding="utf-8-sig") for story in ("s001", "s003", "s005", "s012")
             for p in sorted(BASIL_TEXT.glob(f"{story}_*.txt"))}
    assert len(texts) == 12
    spans = built_drift_spans(tmp_path, texts)
    weak = spans.filter(pl.col("method").str.ends_with("/weak-alignment"))
    assert set(weak["kind"]) <= {"attribution"}
    # the three outlets wrote each story themselves (each reuses less than a quarter of the
    # other): the sentences sentence_links pairs between them give no word-level rows either
    word_level = {"hedge", "modal-verb", "negator", "aligned-numbers", "rank", "evaluative-lexicon",
                  "outcome-vs-attempt", "weekday", "month", "year", "anchor", "sequence", "relative"}
    assert not set(spans["method"].str.replace("/weak-alignment", "", literal=True)) & word_level
    # a reporting verb of another force in sentences sentence_links did pair is read there, and is
    # not said to come from a weak alignment ("insisting" / "said" in s001)
    linked = spans.filter(pl.col("method") == "verb-force")
    assert {"insisting", "said"} <= set(linked["text"])
    assert not linked["detail"].str.contains("alignment=secondary").any()
