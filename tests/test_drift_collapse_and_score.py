"""Collapsing pairwise observations into one row per fact, and the scorer's matching rules."""
import polars as pl

from newsprov.dataset.compare.drift.collapse import Mark, Obs, collapse
from newsprov.dataset.compare.drift.score import score_drifts


def test_three_versions_two_readings_collapse_to_one_row_two_plus_one():
    # pairs (a, b) and (c, b) both see "said" vs "claimed"; (a, c) see nothing
    obs = [Obs("attribution", "verb-force", (Mark("a", 10, 14, "neutral"), Mark("b", 12, 19, "assertive"))),
           Obs("attribution", "verb-force", (Mark("c", 30, 34, "neutral"), Mark("b", 12, 19, "assertive")))]
    (f,) = collapse(obs)
    assert sorted(m.article for m in f.a) == ["a", "c"] and [m.article for m in f.b] == ["b"]


def test_different_places_in_one_version_stay_different_rows():
    obs = [Obs("modality", "modal-verb", (Mark("a", 10, 14, "will"), Mark("b", 10, 13, "possible"))),
           Obs("modality", "modal-verb", (Mark("a", 90, 94, "will"), Mark("b", 95, 98, "possible")))]
    assert len(collapse(obs)) == 2


def test_framing_side_a_is_the_loaded_word_even_in_a_minority():
    obs = [Obs("framing", "evaluative-lexicon", (Mark("b", 4, 15, "devast", loaded=True), Mark("a", 4, 9, ""))),
           Obs("framing", "evaluative-lexicon", (Mark("b", 4, 15, "devast", loaded=True), Mark("c", 4, 9, "")))]
    (f,) = collapse(obs, orient_loaded=True)
    assert [m.article for m in f.a] == ["b"] and sorted(m.article for m in f.b) == ["a", "c"]



def test_hedged_versions_are_one_side_whatever_their_hedge():
    # b "in hopes of addressing", c "in hopes of addressing", d "hoping to resolve" against a's
    # plain "to resolve": three hedged versions (two readings) on side a, the plain one on b
    obs = [Obs("modality", "hedge", (Mark("b", 5, 27, "in hopes of", loaded=True), Mark("a", 5, 7, ""))),
           Obs("modality", "hedge", (Mark("c", 5, 27, "in hopes of", loaded=True), Mark("a", 5, 7, ""))),
           Obs("modality", "hedge", (Mark("d", 5, 22, "hoping", loaded=True), Mark("a", 5, 7, "")))]
    (f,) = collapse(obs)
    assert sorted(m.article for m in f.a) == ["b", "c", "d"] and [m.article for m in f.b] == ["a"]
    assert f.detail["readings"] == 3
    # no marked word: the reading most versions print is side a, as before
    plain = [Obs("modality", "modal-verb", (Mark("a", 1, 5, "will"), Mark("b", 1, 4, "may"))),
             Obs("modality", "modal-verb", (Mark("c", 1, 5, "will"), Mark("b", 1, 4, "may")))]
    (g,) = collapse(plain)
    assert sorted(m.article for m in g.a) == ["a", "c"] and [m.article for m in g.b] == ["b"]

TEXTS = {"a": "The mayor said the bridge is safe.", "b": "The mayor claimed the bridge is safe.",
         "c": "The mayor said the bridge is safe."}
GOLD = {"format": "newsprov-drift-gold/1", "span_text": "text", "kinds": ["attribution", "omission"],
        "stories": {"s": ["a", "b", "c"]},
        "drifts": [{"id": "g1", "story": "s", "kind": "attribution",
                    "a": [{"article": "a", "start": 10, "end": 14, "text": "said"}],
                    "b": [{"article": "b", "start": 10, "end": 17, "text": "claimed"}], "note": ""}]}


def _sys(rows):
    d = pl.DataFrame([{"drift_id": i, "story_id": "x", "kind": k, "method": "m", "detail": "", "n_a": 1, "n_b": 1}
                      for i, k, _ in rows])
    s = pl.DataFrame([{"drift_id": i, "side": side, "article_id": a, "start": st, "end": en,
                       "text": None if st is None else TEXTS[a][st:en]}
                      for i, _k, spans in rows for side, a, st, en in spans],
                     schema={"drift_id": pl.String, "side": pl.String, "article_id": pl.String, "start": pl.Int64,
                             "end": pl.Int64, "text": pl.String})
    return d, s


def test_a_row_matches_in_either_orientation_and_a_second_one_is_a_duplicate():
    d, s = _sys([("r1", "attribution", [("a", "b", 10, 17), ("b", "a", 10, 14)]),
                 ("r2", "attribution", [("a", "a", 10, 14), ("a", "c", 10, 14), ("b", "b", 10, 17)])])
    rep = score_drifts(GOLD, d, s, TEXTS)
    assert rep["recall_all"]["matched"] == 1 and rep["duplicate_rows"] == 1 and rep["unmatched_rows"] == 0


def test_wrong_kind_or_no_overlap_does_not_match():
    d, s = _sys([("r1", "modality", [("a", "a", 10, 14), ("b", "b", 10, 17)]),
                 ("r2", "attribution", [("a", "a", 0, 3), ("b", "b", 0, 3)])])
    rep = score_drifts(GOLD, d, s, TEXTS)
    assert rep["recall_all"]["matched"] == 0 and rep["unmatched_rows"] == 1  # the modality row is outside the file's kinds


def test_a_span_inside_another_span_of_the_same_version_is_not_printed_twice():
    # one pair reads "in hopes of addressing", another only "in": the version shows the longer span
    obs = [Obs("modality", "hedge", (Mark("b", 5, 27, "in hopes of", loaded=True), Mark("a", 5, 7, ""))),
           Obs("modality", "hedge", (Mark("b", 5, 7, "in hopes of", loaded=True), Mark("c", 5, 7, "")))]
    (f,) = collapse(obs)
    assert [(m.article, m.start, m.end) for m in f.a] == [("b", 5, 27)]
    assert sorted((m.article, m.start, m.end) for m in f.b) == [("a", 5, 7), ("c", 5, 7)]
