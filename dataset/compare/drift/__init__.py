"""Where the versions of a story drift: typed, collapsed drifts with spans in every version.

``drifts(inputs, story_of=None) -> (drifts, drift_spans)`` (``engine``) reads the
package's tables (``Inputs``); ``score_drifts`` (``score``) scores rows against a
gold file of format ``newsprov-drift-gold/1``.
"""

from newsprov.dataset.compare.drift.engine import DRIFT_SCHEMA, KINDS, SPAN_SCHEMA, drifts
from newsprov.dataset.compare.drift.inputs import Inputs

__all__ = ["drifts", "Inputs", "KINDS", "DRIFT_SCHEMA", "SPAN_SCHEMA"]
