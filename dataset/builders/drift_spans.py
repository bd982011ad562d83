"""Build the drift_spans table: where each drift lies in every version on each side."""

import polars as pl

from newsprov.dataset.builders.drifts import found
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.drift_spans import DriftSpans

SCHEMA = DriftSpans


def build(ctx: BuildContext) -> pl.DataFrame:
    return found(ctx)[1].select(list(dtypes(SCHEMA)))
