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

from conftest import line_articles


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


def _version(texts, words: str) -> str:
    return next(a for a, t in texts.items() if words in t)


def test_a_clause_told_inside_a_longer_sentence_elsewhere_is_not_lacking_there():
    # D splits the wire's one-clause sentence ("Hezbollah said its attack involved more than 320
    # Katyusha rockets aimed at multiple sites in Israel and a "large number" of drones") into two
    # clauses; A's sentence is found at D's, and D's first clause shares a good part of its words
    # with it: A and B tell that clause, in one sentence with more
    texts, facts = _facts()
    for other in ("Israel massacre on Palestinians", "Mr Nasrallah said, adding"):
        assert not _lacking(facts, texts, _version(texts, other), "claimed responsibility for launching over 320")
    # E's "they were kept informed by Egyptian and Qatari mediators" is A's "A Hamas delegation was
    # briefed by Egyptian and Qatari mediators"
    assert not _lacking(facts, texts, _version(texts, "Israel massacre on Palestinians"), "kept informed by Egyptian")


def test_a_clause_of_its_own_beside_a_told_one_is_still_lacking():
    # D's lead: the delegations failed to agree (every version tells it), "as neither side accepted
    # several compromises proposed by mediators" (no other version does)
    texts, facts = _facts()
    rows = _lacking(facts, texts, _version(texts, "Israel massacre on Palestinians"), "several compromises proposed")
    assert rows and all(len(f.b) == 4 for f in rows)


def test_an_outlet_that_cuts_one_wire_sentence_into_two_clauses_lacks_nothing_and_nor_do_the_others():
    # Sub-editors cut a long wire sentence into clauses and reword each; each clause holds a part
    # of the wire's one clause, found where that clause stands. Nobody lacks the rockets or the
    # drones; the bridge, printed by the cutting outlet alone, is lacking from the other two.
    wire = ("Talks between the two sides ended on Sunday without an agreement, officials said.\n"
            "The rebels said their attack involved more than 320 rockets aimed at several towns in the valley "
            "and a large number of drones.\n"
            "The army said it intercepted most of them.")
    cut = ("Talks between the two sides ended on Sunday without an agreement, officials said.\n"
           "The rebels claimed responsibility for launching over 320 rockets at various towns in the valley, "
           "along with deploying a large number of drones.\n"
           "The army said it intercepted most of them, although one rocket destroyed the old stone bridge over the river.")
    texts = {"a": wire, "b": wire.replace("Sunday", "Sunday evening"), "c": cut}
    rows = [(sorted(texts[m.article][m.start:m.end] for m in f.a), sorted(m.article for m in f.b))
            for f in omission_facts(line_articles(texts), None)]
    assert not [r for r in rows if any("rockets" in t or "drones" in t for t in r[0])]
    assert [lacking for printed, lacking in rows if any("stone bridge" in t for t in printed)] == [["a", "b"]]
