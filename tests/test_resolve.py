"""Spec tests for newsprov.dataset.extract.resolve: speaker names joined into entities over a scope."""

import itertools
import random

import pytest
from hypothesis import given, settings, strategies as st

from newsprov.dataset.extract.resolve import Curated, CurationError, Mention, resolve


def names(*specs):
    """Mentions from (article, name, kind) triples."""
    return [Mention(a, n, k) for a, n, k in specs]


def canon(result):
    return {alias: e.canonical for alias, e in result.items()}


def test_a_spelling_variant_and_a_surname_of_one_person_make_one_entity_not_a_chain():
    # Before: Nasralah -> Nasrallah (spelling) and Nasrallah -> Hassan Nasrallah (surname): a chain
    # the entities schema refused, so four such articles stopped the whole build.
    got = resolve(names(("a", "Hassan Nasrallah", "person"), ("b", "Nasrallah", "unresolved"),
                        ("c", "Nasrallah", "unresolved"), ("d", "Nasralah", "unresolved")))
    assert canon(got) == {"Hassan Nasrallah": "Hassan Nasrallah", "Nasrallah": "Hassan Nasrallah", "Nasralah": "Hassan Nasrallah"}
    assert {a: e.method for a, e in got.items()} == {"Hassan Nasrallah": "speaker-name", "Nasrallah": "surname", "Nasralah": "surname"}
    assert {e.kind for e in got.values()} == {"person"}


def test_two_spellings_of_a_possessive_resolve_as_the_name_itself():
    got = resolve(names(("a", "Clinton’s", "unresolved"), ("b", "Clinton's", "unresolved"), ("c", "Hillary Clinton", "person")))
    assert canon(got) == {"Clinton’s": "Hillary Clinton", "Clinton's": "Hillary Clinton", "Clinton": "Hillary Clinton",
                          "Hillary Clinton": "Hillary Clinton"}


def test_a_middle_initial_or_name_does_not_make_another_person():
    got = resolve(names(("a", "Donald J. Trump", "person"), ("b", "Donald Trump", "person"), ("c", "Donald Trump", "person"),
                        ("d", "Hillary Rodham Clinton", "person"), ("e", "Hillary Clinton", "person")))
    assert canon(got) == {"Donald J. Trump": "Donald Trump", "Donald Trump": "Donald Trump",
                          # (a tie in articles and quotes: the fuller form names the entity)
                          "Hillary Rodham Clinton": "Hillary Rodham Clinton", "Hillary Clinton": "Hillary Rodham Clinton"}
    assert got["Donald J. Trump"].method == "name-variant"


def test_two_people_with_different_middle_initials_stay_two_and_the_short_form_stays_apart():
    got = resolve(names(("a", "George W. Bush", "person"), ("b", "George H. W. Bush", "person"), ("c", "George Bush", "person"),
                        ("d", "Bush", "unresolved")))
    assert canon(got) == {n: n for n in ("George W. Bush", "George H. W. Bush", "George Bush", "Bush")}


def test_a_surname_shared_by_two_people_in_scope_stays_unmerged():
    got = resolve(names(("a", "Joe Biden", "person"), ("b", "Hunter Biden", "person"), ("c", "Biden", "unresolved")))
    assert got["Biden"].canonical == "Biden"


def test_the_scope_is_a_parameter_a_surname_joins_only_the_person_of_its_own_scope():
    story_one = names(("a", "Joe Biden", "person"), ("b", "Biden", "unresolved"))
    story_two = names(("c", "Hunter Biden", "person"), ("d", "Biden", "unresolved"))
    assert resolve(story_one)["Biden"].canonical == "Joe Biden"
    assert resolve(story_two)["Biden"].canonical == "Hunter Biden"
    assert resolve(story_one + story_two)["Biden"].canonical == "Biden"  # one scope: ambiguous


def test_roles_groups_and_organisations_are_no_ones_surname():
    got = resolve(names(("a", "Democrats", "group"), ("b", "Mary Democrats", "person"), ("c", "NAACP", "organisation")))
    assert got["Democrats"].canonical == "Democrats" and got["NAACP"].canonical == "NAACP"


def test_the_name_most_articles_use_names_the_entity_then_most_quoted_then_alphabetical():
    got = resolve(names(("a", "Hezbollah", "organisation"), ("b", "Hezbollah", "organisation"), ("c", "Hizbullah", "organisation")))
    assert got["Hizbullah"].canonical == "Hezbollah" and got["Hizbullah"].method == "spelling-variant"


def test_curated_entries_join_name_and_classify_ahead_of_every_rule():
    got = resolve(names(("a", "Hezbollah", "unresolved"), ("b", "Hizbullah", "unresolved"), ("c", "Party of God", "organisation")),
                  [Curated("Party of God", canonical="Hizbullah"), Curated("Hezbollah", kind="organisation")])
    assert canon(got) == {"Hezbollah": "Hizbullah", "Hizbullah": "Hizbullah", "Party of God": "Hizbullah"}
    assert {e.kind for e in got.values()} == {"organisation"} and got["Party of God"].method == "curated"


def test_contradicting_curated_entries_are_an_error():
    with pytest.raises(CurationError):
        resolve(names(("a", "A B", "person"), ("b", "C D", "person")), [Curated("A B", canonical="C D"), Curated("C D", canonical="A B"),
                                                                        Curated("X Y", canonical="A B")])


FIRST = st.sampled_from(["Hassan", "Donald", "Hillary", "Michael", "Rick", "Anna"])
LAST = st.sampled_from(["Nasrallah", "Nasralah", "Trump", "Clinton", "Steele", "Perry", "Perry’s", "Clinton's"])
NAME = st.one_of(
    LAST,
    st.builds(lambda f, l: f"{f} {l}", FIRST, LAST),
    st.builds(lambda f, i, l: f"{f} {i}. {l}", FIRST, st.sampled_from("JDMR"), LAST),
    st.sampled_from(["U.S. official", "US official", "Democrats", "NAACP", "the campaign"]),
)
KIND = st.sampled_from(["person", "organisation", "group", "role", "unresolved"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdef"), NAME, KIND), min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_any_mix_of_names_gives_entities_without_chains_whatever_the_order(specs, rng):
    got = resolve(names(*specs))
    for alias, e in got.items():
        assert got[e.canonical].canonical == e.canonical  # every canonical resolves to itself: no chain, no cycle
        assert got[e.canonical].kind == e.kind  # one entity, one kind
        assert not e.canonical.endswith(("’s", "'s"))  # no possessive names an entity
    shuffled = list(specs)
    rng.shuffle(shuffled)
    again = resolve(names(*shuffled))
    assert {a: (e.canonical, e.kind, e.method) for a, e in again.items()} == {a: (e.canonical, e.kind, e.method) for a, e in got.items()}


def test_a_build_joins_an_honorific_surname_and_a_middle_initial_to_the_full_names(tmp_path):
    from newsprov.dataset.build import build

    folder = tmp_path / "in"
    folder.mkdir()
    articles = {"a.txt": "Steele under fire\n\nRepublican chairman Michael Steele spoke. “It was a mistake,” Michael Steele said.\n",
                "b.txt": "Party reacts\n\n“I will not resign,” Mr. Steele said on Sunday.\n",
                "c.txt": "Trump speaks\n\n“We will win,” Donald J. Trump said.\n",
                "d.txt": "Trump again\n\n“We will win big,” Donald Trump said.\n"}
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    quotes = build(folder, tmp_path / "pkg").tables["quotes"]
    assert dict(quotes.select("article_id", "speaker").iter_rows()) == {
        "a": "Michael Steele", "b": "Michael Steele", "c": "Donald J. Trump", "d": "Donald J. Trump"}
