"""negation / quote-negator: one quotation printed with a negator by one version and without it by
another, in sentences of their own (independent coverage), through `newsprov build`.

Versions a and c quote the economist with "don't"; b quotes her without it. A second quotation is
reworded by b and cut before its two negated clauses (a trim, the negators in no block facing
words), and a third has the same negator count in every version: neither may give a negation row.
"""
import polars as pl
import pytest
from conftest import built_story

BODY = """Flood talks in Riverton ended on Tuesday without a deal after nine hours, the regional council said.

The council will open the dam gates next week to relieve the pressure on the old northern wall.

Engineers found no cracks in the northern wall of the old dam during the long inspection on Monday.

Water levels rose sharply overnight after the storm, the river agency reported on its website.
"""

A = BODY + """
In a briefing for reporters, the economist Mara Lind warned of the cost. "If they don't pass this budget in the next couple of weeks it will sharply increase the risk that the valley economy would stall out," Lind said.

The engineer Tom Reyes was blunt. "The wall will hold through the winter, and nobody should panic about it, but we are not finished with the repairs," Reyes said.

"We cannot promise anything to the farmers yet, and we will not guess," said the mayor, Ruth Osei.
"""

B = BODY + """
Speaking at the council offices, Lind gave a dire assessment. "To pass this budget in the next couple of weeks would sharply increase the risk that the valley economy would stall out," the economist Mara Lind said.

Reyes was confident. "The wall will surely hold through the winter," the engineer Tom Reyes said.

"We can't promise anything to the farmers yet, and we will not guess," the mayor, Ruth Osei, said.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return built_story(tmp_path_factory.mktemp("qneg"), {"a": A, "b": B, "c": A})


def test_negator_lost_in_one_reading_is_a_negation_row(built):
    rows = built.drifts.filter(pl.col("method") == "quote-negator")
    assert len(rows) == 1 and rows["kind"][0] == "negation"
    sp = built.drift_spans.filter(pl.col("drift_id") == rows["drift_id"][0])
    got = {(side, a, t) for side, a, t in sp.select("side", "article_id", "text").iter_rows()}
    negated = {(a, t) for _s, a, t in got if t == "don't"}
    facing = {(a, t) for _s, a, t in got if t != "don't"}
    assert negated == {("a", "don't"), ("c", "don't")} and facing == {("b", "To")}
    assert len({s for s, _a, t in got if t == "don't"}) == 1  # the two negated readings on one side


def test_cut_quotation_and_equal_negator_counts_give_no_row(built):
    spans = built.drift_spans.join(built.drifts.filter(pl.col("kind") == "negation"), on="drift_id")
    assert not set(spans["text"]) & {"not", "nobody", "cannot", "can't", "finished", "panic"}
