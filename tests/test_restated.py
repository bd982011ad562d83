"""quote_wording / restated: one statement of one speaker quoted in different words by two
versions, too far apart word for word to share a quote group."""
from __future__ import annotations

import polars as pl

from newsprov.dataset.compare.drift.restated import restated_obs

from conftest import built_drift_spans

A = "I don't favor civil unions if it's identical to marriage, and I don't favor marriage between people of the same gender."
B = ("Well, when these issues were raised in my state, I indicated my view, which is I do not favor marriage between "
     "people of the same gender, and I do not favor civil unions if they are identical to marriage other than by name")
OTHER = "The budget we passed last spring will put more teachers in every classroom of this state by the autumn."


def _quotes(rows):
    return pl.DataFrame([{"quote_id": f"{aid}:q{k}", "article_id": aid, "start": 100 * k, "end": 100 * k + len(text),
                          "text": text, "speaker": speaker, "speaker_kind": "person"}
                         for k, (aid, text, speaker) in enumerate(rows)])


NO_GROUPS = pl.DataFrame(schema={"quote_id": pl.String, "group_id": pl.String, "article_id": pl.String})


def test_one_statement_quoted_in_other_words_by_two_versions_is_a_quote_wording_drift():
    obs = restated_obs(_quotes([("a", A, "Mitt Romney"), ("b", B, "Mitt Romney")]), NO_GROUPS, ["a", "b"], [("a", "b")])
    assert [(o.kind, o.method) for o in obs] == [("quote_wording", "restated")]
    assert [(m.article, m.start, m.end) for m in obs[0].marks] == [("a", 0, len(A)), ("b", 100, 100 + len(B))]


def test_other_statements_other_speakers_and_grouped_quotations_are_not_restatements():
    # the same speaker on another subject
    assert restated_obs(_quotes([("a", A, "Mitt Romney"), ("b", OTHER, "Mitt Romney")]), NO_GROUPS, ["a", "b"], [("a", "b")]) == []
    # the same words from two people
    assert restated_obs(_quotes([("a", A, "Mitt Romney"), ("b", B, "Rick Perry")]), NO_GROUPS, ["a", "b"], [("a", "b")]) == []
    # a's quotation already has a member of its group in b: the group rule compared them
    grouped = pl.DataFrame({"quote_id": ["a:q0", "b:q2"], "group_id": ["g1", "g1"], "article_id": ["a", "b"]})
    rows = [("a", A, "Mitt Romney"), ("b", B, "Mitt Romney"), ("b", A.split(",")[0], "Mitt Romney")]
    assert restated_obs(_quotes(rows), grouped, ["a", "b"], [("a", "b")]) == []


def test_a_build_reports_the_restatement(tmp_path):
    head = {"a": "Romney restates his view on marriage\n\nDENVER - Mitt Romney spoke to a local station on Monday.\n\n",
            "b": "Romney: no civil unions identical to marriage\n\nDENVER - The Republican candidate gave an interview to KDVR.\n\n"}
    texts = {"a": head["a"] + f"\u201c{A}\u201d Romney said.\n", "b": head["b"] + f"\"{B},\" Mitt Romney told the station.\n"}
    got = built_drift_spans(tmp_path, texts).filter(pl.col("method") == "restated")
    assert sorted(got.select("side", "article_id").iter_rows()) == [("a", "a"), ("b", "b")]
    assert set(got["text"]) == {A, B + ","}  # (the comma inside the marks is part of the quotation)
