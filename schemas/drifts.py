"""The drifts table: every difference a reader would care about between the versions of a story.

One row per drift per story (every article of a build is one story until a stories table
exists), typed by ``kind`` and collapsed: a row names every version on each side in
``drift_spans``. The rules that find them are in newsprov.dataset.compare.drift.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from newsprov.schemas.base import TableModel, anchored
from newsprov.schemas.drift_rules import DRIFT_RULES

# The drift taxonomy (README "Where the versions drift"). Stylistic differences (typography,
# US/UK spelling, "on Sunday"/"Sunday", serial comma, abbreviations) are not drifts.
DRIFT_KINDS = ("attribution", "modality", "negation", "reversal", "figure_value", "figure_qualifier", "figure_base",
               "time_reference", "quote_wording", "quote_paraphrase", "speaker", "name_spelling", "framing", "omission",
               "caption_credit", "wording")


class Drifts(TableModel):
    """Drifts
    One row per difference between the versions of a story that a reader would care about: an
    attribution dropped or changed, a modal or hedge, a figure, a time reference, a quotation
    reworded or paraphrased, a name spelled differently, a loaded word, material only some
    versions print. Side a is the majority reading (for framing the loaded word, for omission
    the versions printing the material); side b every other reading. Spans in drift_spans.
    """

    _group = "comparison"
    _primary_key = ("drift_id",)
    _rules = DRIFT_RULES

    drift_id: str = pa.Field(unique=True, str_matches=anchored(r"d\d{6,}"), description="'d<index>', numbered in the order kind, first span (article, start), method.")
    kind: str = pa.Field(isin=list(DRIFT_KINDS), description=", ".join(DRIFT_KINDS) + ".")
    method: str = pa.Field(str_length={"min_value": 1}, description="The rule that found it (e.g. 'verb-force', 'quote-group', 'evaluative-lexicon'); '/weak-alignment' when its sentences were paired by content overlap, not by sentence_links.")
    detail: str = pa.Field(nullable=True, description="Short key=value notes joined by '; ' (e.g. 'group=g0003; readings=2').")
    n_a: int = pa.Field(ge=1, description="Versions (articles) on side a.")
    n_b: int = pa.Field(ge=1, description="Versions (articles) on side b.")

    class Config:
        name = "drifts"

