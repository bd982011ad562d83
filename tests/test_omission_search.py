"""The omission search answers many units at once (one sparse product per version) exactly as the
search of one unit at a time (``_Index.best``, the exact sums) does: the same window, the same
verdict, ties to the earlier window."""

from __future__ import annotations

import math

import pytest

import newsprov
from newsprov.dataset.compare.drift import omission
from newsprov.dataset.compare.drift.article_view import build_articles

from conftest import line_articles


def _story_state(arts):
    """Units, weights, columns and indexes as omission_facts makes them."""
    ids = sorted(arts)
    return (ids, *omission._story_state(arts, ids))


def _batched_equals_one_by_one(arts) -> int:
    ids, units, w, column, index = _story_state(arts)
    checked = 0
    for aid in ids:
        mine = [u for u in units if u.aid == aid]
        if not mine:
            continue
        others = [b for b in ids if b != aid]
        for b, found in zip(others, omission._search(omission._Units(mine, column, w), w, [index[b] for b in others])):
            for u, k in zip(mine, found):
                score, kk = index[b].best(u.stems, w)
                assert k == (kk if score >= omission.PRESENT else None), (u.aid, b, u.start)
                checked += 1
    return checked


def test_seeds_batched_search_equals_unit_by_unit():
    ds = newsprov.load()
    texts = {aid: ds.text(aid) for aid in ds.articles["article_id"]}
    arts = build_articles(texts, ds.sentences, ds.quotes, ds.paragraphs)
    assert _batched_equals_one_by_one(arts) > 500


def test_ties_go_to_the_earlier_window_and_verdicts_near_the_threshold_agree():
    # one sentence repeated: the windows on either side hold the same stems (a tie); sentences
    # holding about half a unit's words put verdicts near PRESENT
    a = ("Officials said the talks on the ceasefire would resume in Cairo next week.\n"
         "The delegations met the mediators for hours on Sunday evening.\n"
         "Negotiators reported progress on the prisoner exchange and the corridor.")
    b = ("The delegations met the mediators for hours on Sunday evening.\n"
         "Officials said the talks would resume in Cairo.\n"
         "Officials said the talks on the ceasefire would resume in Cairo next week.\n"
         "Negotiators reported progress.\n"
         "The corridor and the prisoner exchange were discussed.")
    arts = line_articles({"a": a, "b": b, "c": b.replace("Cairo", "Doha")})
    assert _batched_equals_one_by_one(arts) >= 6
    ids, units, w, column, index = _story_state(arts)
    u = next(u for u in units if u.aid == "a" and "ceasefire" in a[u.start:u.end])
    score, k = index["b"].best(u.stems, w)
    assert score == pytest.approx(1.0) and k == 1  # sentence 2 of b: windows 1 and 2 tie, 1 wins


def test_windows_of_other_stems_weighing_the_same_are_read_exactly():
    # window 0 (sentences 0-1) holds a, b, c, d; window 1 (sentences 1-2) holds a, e; their exact
    # sums are equal, but the product sums in column order (a, b, c, d: 0.7999999999999999; a, e:
    # 0.8), so its argmax is the later window; the unit-by-unit search's exact sums tie, and the
    # tie goes to the earlier window
    import math
    from types import SimpleNamespace as NS

    art = NS(sents=[NS(toks=[NS(stem=s, content=True) for s in stems]) for stems in (["b", "c", "d"], ["a"], ["e"])])
    w = {"a": 0.1, "b": 0.4, "c": 0.2, "d": 0.1, "e": math.fsum([0.1, 0.2, 0.4])}
    column = {st: n for n, st in enumerate(sorted(w))}
    index = omission._Index(art, column)
    units = omission._Units([NS(stems=set(w))], column, w)
    approx = (units.weights @ index.matrix).toarray()[0]
    assert approx[1] < approx[2]  # the premise: window 0 (column 1) sums below window 1 in floats
    assert math.fsum([w["a"], w["b"], w["c"], w["d"]]) == math.fsum([w["a"], w["e"]])  # exact sums tie
    assert index.best(set(w), w)[1] == 0
    assert omission._search(units, w, [index]) == [[0]]
