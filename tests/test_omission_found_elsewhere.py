"""A version is not said to lack a fact that the search finds in it through another version's telling.

On the embedded seeds, version E tells the lead in words of its own ("aimed at reaching ... to
temporarily halt the 10-month-long Israel-Hamas war"); that clause is not found in version A,
which prints the lead as "aimed at securing a cease-fire ... to temporarily end the 10-month
Israel massacre on Palestinians". B, C and D print the same fact, and their clauses are found in
A: A prints the lead, so no omission row may list A as lacking it.
"""

from __future__ import annotations

import newsprov
from newsprov.dataset.compare.drift.article_view import build_articles
from newsprov.dataset.compare.drift.omission import omission_facts


def _facts():
    ds = newsprov.load()
    texts = {aid: ds.text(aid) for aid in ds.articles["article_id"]}
    arts = build_articles(texts, ds.sentences, ds.quotes, ds.paragraphs)
    return texts, omission_facts(arts, None)


def _lacking(facts, texts, aid: str, words: str) -> list:
    """Rows that say ``aid`` lacks a fact some version prints in a span containing ``words``."""
    return [f for f in facts if any(m.article == aid for m in f.b)
            and any(words in texts[m.article][m.start:m.end] for m in f.a)]


def test_a_version_whose_telling_other_versions_find_is_not_lacking():
    texts, facts = _facts()
    lead_a = next(a for a, t in texts.items() if "Israel massacre on Palestinians" in t)
    assert "temporarily end the 10-month" in texts[lead_a]  # A prints the lead, in its own words
    assert not _lacking(facts, texts, lead_a, "hostage deal to")
    assert not _lacking(facts, texts, lead_a, "in the coming days")  # "discussions will continue ... to address the remaining gaps"


def test_a_version_that_tells_the_fact_nowhere_is_still_lacking():
    # the military spokesman's account (100 planes, 270 targets) is printed by A-D, not by E
    texts, facts = _facts()
    rows = _lacking(facts, texts, next(a for a, t in texts.items() if "Asian News Makers" in t), "270")
    assert rows and all(len(f.a) == 4 for f in rows)
