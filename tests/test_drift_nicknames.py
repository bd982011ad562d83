"""name_spelling / nickname: a given name in full in some versions, as a familiar form in others.

One story of three versions, built with newsprov. Versions a and c print the full names, b the
familiar ones, in sentences that are otherwise the same; a few near misses must give no row.
"""
import polars as pl
import pytest
from conftest import built_story

from newsprov.dataset.compare.drift.nicknames import nickname_pair

BODY = """Flood talks in Riverton ended on Tuesday without a deal after nine hours, the regional council said.

The council will open the dam gates next week to relieve the pressure on the old northern wall.

Engineers did not find cracks in the northern wall of the old dam during the long inspection.

Water levels rose sharply overnight after the storm, the river agency reported on its website.

Rescuers evacuated residents from the low valley farms before dawn on Monday, police said.
"""

# Each version: the body, then sentences naming people. {kristol} {dodd}: the forms that differ.
PEOPLE = """
The engineer {kristol} Kristol, who leads the inspection team, said the wall would hold.

The hydrologist {dodd} Dodd said the river would crest on Thursday night.

The farmer Bob Lee, whose fields flooded, met the council; Robert Lee asked for sandbags.

The clerk {jones}, Jones said, kept the minutes of the meeting.

The mayor {netanyahu} Netanyahu thanked the rescuers at the town hall.

The driver {smith} drove the last bus out of the valley before the road closed.
"""

FULL = dict(kristol="William", dodd="Christopher J.", jones="Robert", netanyahu="Benjamin", smith="William Brown")
FAMILIAR = dict(kristol="Bill", dodd="Chris", jones="Bob", netanyahu="Bibi", smith="Bill Smith")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    texts = {"a": BODY + PEOPLE.format(**FULL), "b": BODY + PEOPLE.format(**FAMILIAR), "c": BODY + PEOPLE.format(**FULL)}
    return built_story(tmp_path_factory.mktemp("nick"), texts)


def _sides(ds, drift_id):
    sp = ds.drift_spans.filter(pl.col("drift_id") == drift_id)
    return {side: sorted((a, t) for a, t in sp.filter(pl.col("side") == side).select("article_id", "text").iter_rows())
            for side in ("a", "b")}


def test_full_and_familiar_forms_before_one_surname_are_one_row_each(built):
    rows = built.drifts.filter(pl.col("method") == "nickname").sort("drift_id")
    got = {r["detail"]: _sides(built, r["drift_id"]) for r in rows.iter_rows(named=True)}
    assert set(rows["kind"]) == {"name_spelling"}
    assert got == {
        "spellings=bill/william; surname=kristol": {"a": [("a", "William"), ("c", "William")], "b": [("b", "Bill")]},
        "spellings=chris/christopher; surname=dodd": {"a": [("a", "Christopher"), ("c", "Christopher")],
                                                      "b": [("b", "Chris")]},
    }


def test_near_misses_give_no_row(built):
    # every version prints both "Bob Lee" and "Robert Lee"; "Robert, Jones" is not a name before a
    # surname; "Bibi" is not listed for "Benjamin"; Bill Smith and William Brown are two people
    spans = built.drift_spans.join(built.drifts.filter(pl.col("kind") == "name_spelling"), on="drift_id")
    assert not set(spans["text"]) & {"Bob", "Robert", "Bibi", "Benjamin", "Brown", "Smith"}


def test_the_list_gives_pairs_both_ways_and_not_unrelated_names():
    assert nickname_pair("william", "bill") and nickname_pair("bill", "william")
    assert nickname_pair("robert", "bob") and nickname_pair("christopher", "chris")
    assert not nickname_pair("benjamin", "bibi") and not nickname_pair("william", "robert")
    assert not nickname_pair("william", "william")
