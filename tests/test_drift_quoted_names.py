"""quote_paraphrase / unquoted-fuzzy reads quotations of speech, not names in quotation marks.

Version a puts a levy's nickname and a complaint's name in quotation marks; b and c print the same
words without them. A name printed without its marks is no quotation turned into paraphrase: no
quote_paraphrase row may span them (through `newsprov build`).
"""
import polars as pl

from conftest import built_story

BODY = """Flood talks in Riverton ended on Tuesday without a deal after nine hours, the regional council said.

The council will open the dam gates next week to relieve the pressure on the old northern wall.

Engineers found no cracks in the northern wall of the old dam during the long inspection on Monday.
"""

A = BODY + """
The council voted to delay the so-called "Riverton levy" on valley farms until the spring.

Its banners still carry the old "Hale loophole" complaint along the river road.
"""

B = BODY + """
The council voted to delay the so-called Riverton levy on valley farms until the spring.

Its banners still carry the old Hale loophole complaint along the river road.
"""


def test_names_printed_without_their_marks_are_not_paraphrase(tmp_path):
    ds = built_story(tmp_path, {"a": A, "b": B, "c": B})
    rows = ds.drifts.filter(pl.col("kind") == "quote_paraphrase")
    spans = ds.drift_spans.join(rows, on="drift_id")
    assert not [t for t in spans["text"] if t and ("levy" in t or "loophole" in t)]
