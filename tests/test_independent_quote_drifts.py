"""Drifts of quotations between versions written independently (sentences not aligned):
a quotation reported in another version's own words (quote_paraphrase / reported-paraphrase),
and one quotation introduced by reporting verbs of different force (attribution / quote-cue)."""
from __future__ import annotations

import polars as pl

from newsprov.dataset.compare.drift.table_rules import _cue_obs

from conftest import built_drift_spans

HEAD = {
    "a": "Riverton budget vote delayed as flood repairs mount\n\nRIVERTON — The Riverton council postponed its budget vote on Tuesday after engineers said repairs to the flood wall would cost far more than planned.\n\n",
    "b": "Flood wall costs push Riverton budget back\n\nRIVERTON — Council members in Riverton put off a vote on the city budget Tuesday, as the bill for fixing the damaged flood wall kept climbing.\n\n",
    "c": "Riverton delays budget over flood wall\n\nRIVERTON — A vote on the Riverton budget was delayed on Tuesday because repairs to the flood wall will be far more expensive than expected, engineers said.\n\n",
}
QUOTED = "\"We will not raise taxes on working families to pay for this wall,\" Governor Ruth Osei told reporters at the council building.\n"
REPORTED = "Governor Ruth Osei said her government would refuse to raise taxes for working families to cover the repairs.\n"
UNNAMED = "The government has refused to raise taxes for working families to cover the repairs, officials said.\n"


def _drifts(tmp_path, texts):
    spans = built_drift_spans(tmp_path, texts)
    return spans.filter(pl.col("kind") == "quote_paraphrase")


def test_a_quotation_reported_in_other_words_by_an_independent_version(tmp_path):
    got = _drifts(tmp_path, {"a": HEAD["a"] + QUOTED, "b": HEAD["b"] + REPORTED})
    assert got["drift_id"].n_unique() == 1 and set(got["method"]) == {"reported-paraphrase"}
    sides = {(r["side"], r["article_id"]): r["text"] for r in got.iter_rows(named=True)}
    assert sides == {("a", "a"): "We will not raise taxes on working families to pay for this wall,",
                     ("b", "b"): "raise taxes for working families"}


def test_the_same_words_without_the_speaker_named_are_not_a_paraphrase_of_the_quotation(tmp_path):
    # the words come back, but nobody is said to say them: not the governor's statement
    assert _drifts(tmp_path, {"a": HEAD["a"] + QUOTED, "b": HEAD["b"] + UNNAMED}).is_empty()


def _member(aid, text, cue, start, speaker="Ruth Osei"):
    return {"article_id": aid, "text": text, "cue": cue, "cue_start": start, "cue_end": start + len(cue or ""), "speaker": speaker}


def test_one_quotation_said_in_one_version_and_insisted_in_another_is_an_attribution_drift():
    line = "nothing improper took place in the talks"
    ob = _cue_obs("q1", [_member("a", line, "said", 10), _member("b", line, "insisted", 20)])
    assert ob.kind == "attribution" and ob.method == "quote-cue"
    assert [(m.article, m.start, m.end, m.reading) for m in ob.marks] == [("a", 10, 14, "neutral"), ("b", 20, 28, "assertive")]
    assert ob.detail["classes"] == "assertive/neutral"


def test_quote_cues_of_one_force_a_scare_quote_or_a_version_of_two_minds_give_no_row():
    line = "nothing improper took place in the talks"
    assert _cue_obs("q1", [_member("a", line, "said", 10), _member("b", line, "told", 20)]) is None  # both neutral
    assert _cue_obs("q1", [_member("a", "conference call", "said", 10), _member("b", "conference call", "insisted", 20)]) is None
    # b introduces the quotation twice, once "said" and once "insisted": b takes no part, a alone is no drift
    assert _cue_obs("q1", [_member("a", line, "said", 10), _member("b", line, "insisted", 20), _member("b", line, "said", 90)]) is None
    assert _cue_obs("q1", [_member("a", line, None, 10), _member("b", line, "insisted", 20)]) is None
    # a quotation one outlet says Osei said and another that her aide insisted: two acts of saying
    assert _cue_obs("q1", [_member("a", line, "said", 10), _member("b", line, "insisted", 20, "Tom Ames")]) is None
    # a subject line in scare quotes beside the full quotation: only the statement is read
    assert _cue_obs("q1", [_member("a", "conference call.", "confirmed", 5), _member("a", line, "said", 10),
                           _member("b", line, "insisted", 20)]).detail["classes"] == "assertive/neutral"


def test_a_quotation_reported_by_a_pronoun_subject_is_a_paraphrase_too(tmp_path):
    # "She said": the governor, named by the attribution before it
    pronoun = ("Governor Ruth Osei said on Monday that the council would meet again next week.\n\n"
               "She said her government would refuse to raise taxes for working families to cover the repairs.\n")
    got = _drifts(tmp_path, {"a": HEAD["a"] + QUOTED, "b": HEAD["b"] + pronoun})
    assert set(got["method"]) == {"reported-paraphrase"}
    assert ("b", "raise taxes for working families") in set(got.select("article_id", "text").iter_rows())


def test_a_quotation_from_a_written_statement_in_one_version_and_a_person_in_another_is_a_speaker_drift(tmp_path):
    line = "\"We will not raise taxes on working families to pay for this wall,\""
    texts = {"a": HEAD["a"] + line + " said Tom Ames, a spokesman for the governor.\n",
             "b": HEAD["b"] + line + " reads a statement from the governor's office.\n"}
    got = built_drift_spans(tmp_path, texts).filter(pl.col("kind") == "speaker")
    assert sorted(got.select("article_id", "text").iter_rows()) == [("a", "Tom Ames"), ("b", "a statement")]
    # a pronoun no one is named for is no reading: "it said" gives no row
    texts["b"] = HEAD["b"] + "The office issued a short reply. " + line + " it said.\n"
    assert built_drift_spans(tmp_path, texts, out="out2").filter(pl.col("kind") == "speaker").is_empty()


def _speaker_rows(tmp_path, name, a_tail, b_tail):
    line = "\"We will not raise taxes on working families to pay for this wall,\""
    (tmp_path / name).mkdir()
    texts = {"a": HEAD["a"] + line + a_tail, "b": HEAD["b"] + b_tail.replace("LINE", line)}
    got = built_drift_spans(tmp_path / name, texts).filter(pl.col("kind") == "speaker")
    return sorted(got.select("article_id", "text").iter_rows())


def test_a_speaker_drift_needs_two_sources_each_named_by_its_outlet(tmp_path):
    ames = " said Tom Ames, president of Riverton Taxpayers Association.\n"
    # two people named: a speaker drift
    assert _speaker_rows(tmp_path, "people", ames, "LINE said Governor Ruth Osei.\n") == [
        ("a", "Tom Ames"), ("b", "Governor Ruth Osei")]
    # "she said": the outlet named no one there, and who "she" is the rules only guess
    assert _speaker_rows(tmp_path, "pronoun", ames, "Governor Ruth Osei spoke first. LINE she said.\n") == []
    # the organisation the speaker is named with in the other version: one source
    assert _speaker_rows(tmp_path, "affiliated", ames,
                         "LINE Riverton Taxpayers Association said in a statement on Tuesday.\n") == []


PHRASE = "Governor Ruth Osei said the cost overruns were \"simply staggering\" and asked engineers for a new estimate.\n"


def test_a_quoted_phrase_printed_without_quotation_marks_in_what_the_speaker_said(tmp_path):
    # a: the governor's phrase in quotation marks; b: the same phrase in b's own words, after
    # "said" with the governor as subject (its intensifier dropped)
    reported = "Governor Ruth Osei said on Tuesday that the overruns were staggering and that the vote must wait.\n"
    got = _drifts(tmp_path, {"a": HEAD["a"] + PHRASE, "b": HEAD["b"] + reported})
    assert set(got["method"]) == {"reported-paraphrase"}
    assert sorted(got.select("article_id", "text").iter_rows()) == [("a", "simply staggering"), ("b", "staggering")]


def test_a_quoted_phrase_is_not_paraphrased_by_its_word_elsewhere_or_said_by_someone_else(tmp_path):
    # the word after another person's reporting verb: not the governor's phrase
    other = "Engineer Tom Ames said on Tuesday that the overruns were staggering and that the vote must wait.\n"
    (tmp_path / "x").mkdir()
    assert _drifts(tmp_path / "x", {"a": HEAD["a"] + PHRASE, "b": HEAD["b"] + other}).is_empty()
    # the word the version keeps repeating (three sentences): the story's subject, not her phrase
    staggering = ("Governor Ruth Osei said the overruns were staggering. The staggering bill fell on the city. "
                  "Residents called the staggering sums a warning.\n")
    (tmp_path / "y").mkdir()
    assert _drifts(tmp_path / "y", {"a": HEAD["a"] + PHRASE, "b": HEAD["b"] + staggering}).is_empty()
    # a full quotation is left to the rule for longer statements (three content words at least)
    full = "\"It is simply staggering,\" Governor Ruth Osei said.\n"
    (tmp_path / "z").mkdir()
    assert _drifts(tmp_path / "z", {"a": HEAD["a"] + full, "b": HEAD["b"] + "Governor Ruth Osei said the overruns were staggering.\n"}).is_empty()


def test_a_quoted_phrase_whose_evaluative_word_is_dropped_is_not_paraphrased_by_its_head(tmp_path):
    # "a disastrous scheme" / "the scheme": the word left out is what the governor said of it
    phrase = "Governor Ruth Osei called the repair plan \"a disastrous scheme\" and asked engineers for a new estimate.\n"
    head_only = "Governor Ruth Osei said on Tuesday that the repair scheme would wait for a new estimate.\n"
    (tmp_path / "x").mkdir()
    assert _drifts(tmp_path / "x", {"a": HEAD["a"] + phrase, "b": HEAD["b"] + head_only}).is_empty()
    # the same phrase with its evaluative word kept, in b's own words: a paraphrase
    kept = "Governor Ruth Osei said on Tuesday that the repair scheme was disastrous and must wait.\n"
    (tmp_path / "y").mkdir()
    got = _drifts(tmp_path / "y", {"a": HEAD["a"] + phrase, "b": HEAD["b"] + kept})
    assert set(got["method"]) == {"reported-paraphrase"}
    assert sorted(got.select("article_id", "text").iter_rows()) == [("a", "a disastrous scheme"), ("b", "scheme was disastrous")]


def test_a_name_in_quotation_marks_printed_without_them_is_no_paraphrase(tmp_path):
    # a campaign's name, a title or a slogan is the same name with or without quotation marks
    a = HEAD["a"] + "Governor Ruth Osei said the plan would be called \"The Riverton Harbour Wall Compact,\" after the town.\n"
    b = HEAD["b"] + "Governor Ruth Osei said she would sign the Riverton Harbour Wall Compact with the council.\n"
    assert _drifts(tmp_path, {"a": a, "b": b}).is_empty()


def _with_quotes(text: str, aid: str = "b"):
    """An article of several sentences (split after each full stop and space), its quotations
    the runs between straight double quotes."""
    import re

    from newsprov.dataset.compare.drift.article_view import build_articles

    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    frame = pl.DataFrame({"sentence_id": [f"{aid}:s{k}" for k in range(len(bounds))], "article_id": [aid] * len(bounds),
                          "sentence_index": list(range(len(bounds))), "start": [s for s, _ in bounds],
                          "end": [e for _, e in bounds], "text": [text[s:e] for s, e in bounds]})
    spans = [(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]+"', text)]
    quotes = pl.DataFrame({"article_id": [aid] * len(spans), "start": [s for s, _ in spans], "end": [e for _, e in spans]},
                          schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64})
    return build_articles({aid: text}, frame, quotes, None)[aid]


def test_a_short_quotation_reported_by_a_version_that_quotes_its_head_word_elsewhere_is_a_paraphrase():
    from newsprov.dataset.compare.drift.reported_cue import clauses
    from newsprov.dataset.compare.drift.table_rules import _reported_phrase

    # "risk" stands in three sentences of b, but in two of them inside the governor's own quotations:
    # the outlet's own words use it once, so it is her phrase, not the story's subject
    b = _with_quotes("Governor Ruth Osei warned on Monday that a delay would badly raise the risk of flooding. "
                     "\"To wait would materially increase the risk to every home,\" she added. "
                     "\"The risk is real,\" an aide said. ")
    quote = {"text": "badly increase the risk", "kind": "partial", "speaker": "Ruth Osei", "speaker_kind": "person"}
    said = clauses(b, {"osei": frozenset({"ruth", "osei"})})
    hit = _reported_phrase([quote], said, b)
    assert hit is not None and b.text[hit[0]:hit[1]] == "badly raise the risk"


def test_members_of_a_quote_group_with_no_speaker_take_the_one_person_the_group_names():
    from newsprov.dataset.compare.drift.table_rules import _with_group_speaker

    named = {"text": "would badly increase the risk", "speaker": "Ruth Osei", "speaker_kind": "person"}
    bare = {"text": "badly increase the risk", "speaker": None, "speaker_kind": None}
    got = _with_group_speaker([named, bare])
    assert [q["speaker"] for q in got] == ["Ruth Osei", "Ruth Osei"] and got[1]["speaker_kind"] == "person"
    # two persons named: nobody is guessed
    other = {"text": "badly increase the risk", "speaker": "Tom Ames", "speaker_kind": "person"}
    assert _with_group_speaker([named, other, bare])[2]["speaker"] is None
    # a pronoun or an organisation is no person to give
    org = {"text": "badly increase the risk", "speaker": "the council", "speaker_kind": "organisation"}
    assert _with_group_speaker([org, bare])[1]["speaker"] is None


FULL_APOLOGY = "\"I deeply and profoundly regret my words at the council and I apologize to everyone there,\" Governor Ruth Osei said in a statement on Monday.\n\n"
ONE_WORD = "Governor Ruth Osei said she \"profoundly\" regrets what she told the council on Friday.\n\n"


def test_a_full_quotation_cut_to_one_quoted_word_by_another_version_is_a_fragment(tmp_path):
    got = _drifts(tmp_path, {"a": HEAD["a"] + FULL_APOLOGY, "b": HEAD["b"] + ONE_WORD})
    assert "fragment" in "".join(got["method"])
    assert ("b", "profoundly") in set(got.select("article_id", "text").iter_rows())
    assert any(a == "a" and t.startswith("I deeply and profoundly regret") for a, t in got.select("article_id", "text").iter_rows())


def test_a_quoted_word_the_version_also_uses_in_its_own_words_is_not_a_fragment(tmp_path):
    # b writes "profoundly" itself too: the word is its vocabulary, not a cut from the statement
    own = ONE_WORD + "Residents were profoundly shaken by the flood, officials said.\n"
    got = _drifts(tmp_path, {"a": HEAD["a"] + FULL_APOLOGY, "b": HEAD["b"] + own})
    assert ("b", "profoundly") not in set(got.select("article_id", "text").iter_rows())
