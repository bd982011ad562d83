"""attribution / reported-cue: one speaker's statement reported with verbs of different force in
sentences two versions wrote themselves ("Osei said ..." / "Osei insisted ...")."""
from __future__ import annotations

import polars as pl
import pytest

from newsprov.dataset.compare.drift.article_view import build_articles
from newsprov.dataset.compare.drift.reported_cue import clauses, reported_cue_obs

HEAD = {
    "a": "Riverton budget vote delayed as flood repairs mount\n\nRIVERTON — The Riverton council postponed its budget vote on Tuesday after engineers said repairs to the flood wall would cost far more than planned.\n\n",
    "b": "Flood wall costs push Riverton budget back\n\nRIVERTON — Council members in Riverton put off a vote on the city budget Tuesday, as the bill for fixing the damaged flood wall kept climbing.\n\n",
}
QUOTED = "\"We will not raise taxes on working families to pay for this wall,\" Governor Ruth Osei told reporters at the council building.\n\n"
SAID = "Osei, who took office in January, said on Monday the parks department would lose its summer staff before any school closed.\n"
INSISTED = "Speaking to a radio host, Governor Osei insisted that summer staff at the parks department would go first and that no school would close.\n"


def test_one_statement_said_in_one_version_and_insisted_in_another_is_an_attribution_drift(tmp_path):
    import newsprov
    from newsprov.dataset.build import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(HEAD["a"] + QUOTED + SAID, encoding="utf-8")
    (src / "b.txt").write_text(HEAD["b"] + INSISTED, encoding="utf-8")
    build(src, tmp_path / "out")
    ds = newsprov.load(tmp_path / "out")
    got = ds.drift_spans.join(ds.drifts, on="drift_id").filter(pl.col("kind") == "attribution")
    assert set(got["method"]) == {"reported-cue"} and got["drift_id"].n_unique() == 1
    assert sorted(got.select("side", "article_id", "text").iter_rows()) == [("a", "a", "said"), ("b", "b", "insisted")]
    assert "classes=assertive/neutral" in got["detail"][0]


def _article(sentence: str, aid: str = "x"):
    frame = pl.DataFrame({"sentence_id": [f"{aid}:s0"], "article_id": [aid], "sentence_index": [0], "start": [0],
                          "end": [len(sentence)], "text": [sentence]})
    quotes = pl.DataFrame(schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64})
    return build_articles({aid: sentence}, frame, quotes, None)[aid]


SPEAKERS = {"osei": frozenset({"ruth", "osei"})}


@pytest.mark.parametrize("sentence, verb", [
    ("Osei insisted on Monday that the parks department would lose its summer staff first.", "insisted"),
    ("Osei, who took office in January, admitted that the parks would close.", "admitted"),
    ("Governor Ruth Osei (D-Riverton) claimed the wall would hold until spring.", "claimed"),
    ("\u201cThe wall will hold until spring,\u201d said Governor Ruth Osei, a Democrat.", "said"),
])
def test_a_reported_clause_is_a_reporting_verb_whose_subject_is_the_speaker(sentence, verb):
    got = clauses(_article(sentence), SPEAKERS)
    assert [(c.speaker, c.verb.text) for c in got] == [("osei", verb)]


@pytest.mark.parametrize("sentence", [
    "Osei said no and went on to win the primary in a landslide over the mayor.",  # a refusal
    "Aides say Mr. Osei will decide on the parks budget before the end of the month.",  # aides say it
    "Osei\u2019s statement criticizing the council was read out at the meeting on Tuesday.",  # the statement's act
    "Osei urged members to reject the parks budget on Tuesday night.",  # their act, not hers
    "Engineers urged Osei and the council to act, but later admitted the wall was sound.",  # the engineers admitted
    "Governor Ruth Osei Insists Parks Will Stay Open as Riverton Fights Over Its Flood Wall Budget",  # a title-case headline
    "The mayor insisted that the parks department would lose its summer staff first.",  # not the speaker
])
def test_words_near_a_name_that_are_not_the_name_reporting_are_not_a_reported_clause(sentence):
    assert clauses(_article(sentence), SPEAKERS) == []


def test_two_different_statements_of_one_speaker_are_not_compared():
    a = _article("Osei said the parks department would lose its summer staff before any school closed.", "a")
    b = _article("Osei insisted that the flood wall would hold until spring and that no road would close.", "b")
    assert reported_cue_obs({"a": a, "b": b}, ["Ruth Osei"], [("a", "b")]) == []
    c = _article("Osei insisted that summer staff at the parks department would go before any school closed.", "c")
    obs = reported_cue_obs({"a": a, "c": c}, ["Ruth Osei"], [("a", "c")])
    assert [(m.article, m.reading) for o in obs for m in o.marks] == [("a", "neutral"), ("c", "assertive")]
    # one force on both sides is no drift
    d = _article("Osei told reporters that summer staff at the parks department would go before any school closed.", "d")
    assert reported_cue_obs({"a": a, "d": d}, ["Ruth Osei"], [("a", "d")]) == []


def _story(text: str, aid: str = "x"):
    """An article of several sentences (split after each full stop and space)."""
    import re

    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    frame = pl.DataFrame({"sentence_id": [f"{aid}:s{k}" for k in range(len(bounds))], "article_id": [aid] * len(bounds),
                          "sentence_index": list(range(len(bounds))), "start": [s for s, _ in bounds],
                          "end": [e for _, e in bounds], "text": [text[s:e] for s, e in bounds]})
    quotes = pl.DataFrame(schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64})
    return build_articles({aid: text}, frame, quotes, None)[aid]


def _pronoun_verb(art, verb):
    from newsprov.dataset.compare.drift.reported_cue import pronoun_subject

    for s in art.sents:
        for i, t in enumerate(s.toks):
            if t.key == verb:
                return pronoun_subject(art, s, i, SPEAKERS)
    raise AssertionError(verb)


@pytest.mark.parametrize("text, who", [
    # "he/she said" continues the last attribution ...
    ("Governor Ruth Osei said on Monday that the wall would hold. She also insisted that no school would close.", "osei"),
    ("Osei, who took office in January, said the wall would hold. The engineers disagree. She insisted it would.", "osei"),
    # ... a day after the verb names no one, and without an attribution the nearest speaker named counts
    ("Ruth Osei met the engineers. The talks ended late, said Wednesday's bulletin. She insisted the wall would hold.", "osei"),
    # the last person reported is the mayor, whom the story does not quote: not the governor
    ("Osei said the wall would hold. Tom Ames, the mayor, said the council would meet. He insisted it would.", None),
    ("The wall held on Monday. He insisted that it would.", None),  # nobody named
])
def test_a_pronoun_subject_stands_for_the_last_person_reported(text, who):
    assert _pronoun_verb(_story(text), "insisted") == who


def test_only_pairs_of_versions_that_wrote_the_story_themselves_are_read():
    from newsprov.dataset.compare.drift.engine import _independent_pairs

    links = pl.DataFrame({"article_id": ["a", "c"], "other_article_id": ["b", "a"],
                          "reused_share": [0.10, 0.60], "reused_share_other": [0.20, 0.30]})
    # a-c is a rewrite (0.6 of c is a's text); b-c share no text at all
    assert _independent_pairs([("a", "b"), ("a", "c"), ("b", "c")], links) == [("a", "b"), ("b", "c")]
