"""attribution / unattributed-quote: a quotation one version attributes to its speaker and another
prints alone, in a paragraph after someone else's words (through `newsprov build`).

Versions a and c name the spokesman; b prints his words alone after the councillor's quotes; d
prints them alone too, but after the spokesman's own paragraph, which attributes them. A
quotation a, c and d give to "officials" and b prints alone after the councillor's words names no
one: no row.
"""
import polars as pl
import pytest
from conftest import built_story

BODY = """Flood talks in Riverton ended on Tuesday without a deal after nine hours, the regional council said.

The council will open the dam gates next week to relieve the pressure on the old northern wall.

Engineers found no cracks in the northern wall of the old dam during the long inspection on Monday.
"""

COUNCILLOR = """
"I was pushed and shouted at before the vote, but that is no excuse for what I did," councillor Dan Hale said in a statement.
"""

# a quotation of unnamed officials: printed alone by b and d too, but no one is named to be taken for
OFFICIALS = """
"The old northern wall will hold until the spring floods arrive in the valley," officials said on Monday.
"""

OFFICIALS_ALONE = """
"The old northern wall will hold until the spring floods arrive in the valley."
"""

NAMED = """
"Dan Hale has lost his temper again and again," said Jon Thompson, a spokesman for the opposition.  "His conduct is unbecoming of a member of the regional council, and the voters will remember it."
"""

ALONE = """
"His conduct is unbecoming of a member of the regional council, and the voters will remember it."
"""

SPOKESMAN_FIRST = """
"Dan Hale has lost his temper again and again," said Jon Thompson, a spokesman for the opposition.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    texts = {"a": BODY + COUNCILLOR + NAMED + OFFICIALS, "b": BODY + COUNCILLOR + ALONE + COUNCILLOR + OFFICIALS_ALONE,
             "c": BODY + COUNCILLOR + NAMED + OFFICIALS, "d": BODY + COUNCILLOR + SPOKESMAN_FIRST + ALONE + OFFICIALS}
    return built_story(tmp_path_factory.mktemp("unattr"), texts)


def test_quotation_printed_alone_after_another_speaker_is_an_attribution_row(built):
    rows = built.drifts.filter(pl.col("method") == "unattributed-quote")
    assert len(rows) == 1 and rows["kind"][0] == "attribution"
    sp = built.drift_spans.filter(pl.col("drift_id") == rows["drift_id"][0])
    sides = {side: sorted((a, t) for a, t in sp.filter(pl.col("side") == side).select("article_id", "text").iter_rows())
             for side in ("a", "b")}
    named = [("a", "said Jon Thompson"), ("c", "said Jon Thompson")]
    alone = [("b", "His conduct is unbecoming of a member of the regional council, and the voters will remember it.")]
    assert sorted(sides.values()) == sorted([named, alone])
