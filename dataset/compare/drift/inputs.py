"""The engine's inputs: the package's tables, the source texts, optional reuse runs.

``Inputs`` holds Polars frames with the columns of the package tables of the same
names (``articles``, ``sentences``, ``sentence_links``, ``quotes``,
``quote_groups``, ``unquoted``, ``figures``, ``figure_groups``; optional
``paragraphs``) and ``texts`` (article id -> source text, decoded as UTF-8 with a
leading BOM removed). ``reuse`` is optional: rows ``(article_id,
other_article_id, start, end, other_start, other_end)`` of verbatim runs.

The builder (dataset/builders/drifts.py) fills it from the build's tables;
``gold_eval.pooled`` from loaded packages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

__all__ = ["Inputs"]


@dataclass
class Inputs:
    articles: pl.DataFrame
    sentences: pl.DataFrame
    sentence_links: pl.DataFrame
    quotes: pl.DataFrame
    quote_groups: pl.DataFrame
    unquoted: pl.DataFrame
    figures: pl.DataFrame
    figure_groups: pl.DataFrame
    texts: dict[str, str]
    paragraphs: pl.DataFrame | None = None
    reuse: pl.DataFrame | None = None
    article_links: pl.DataFrame | None = None
    extra: dict = field(default_factory=dict)
