"""Quote and figure input frames built with the project's extractors.

Until the package ships quotes/figures tables, these helpers produce frames
with the columns the compare modules expect, from source texts and the
sentences table. Ids are ``"<article_id>:q0000"`` / ``"<article_id>:f0000"``
in text order; ``sentence_id`` is the sentence containing the item's start
(null when none does).

``quotes_frame(texts, sentences)`` columns: quote_id, article_id,
sentence_id, start, end, text, kind, speaker, speaker_mention, speaker_start,
speaker_end, cue, cue_start, cue_end, method.

``figures_frame(texts, sentences, quotes=None)`` columns: figure_id,
article_id, sentence_id, start, end, text, value, value_low, value_high,
value_kind, unit, subject, attributed_to (speaker of the enclosing quote, or
null), quote_id (enclosing quote, or null), method.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict

import polars as pl

__all__ = ["quotes_frame", "figures_frame"]

_Q_SCHEMA = {"quote_id": pl.String, "article_id": pl.String, "sentence_id": pl.String, "start": pl.Int64,
             "end": pl.Int64, "text": pl.String, "kind": pl.String, "speaker": pl.String,
             "speaker_mention": pl.String, "speaker_start": pl.Int64, "speaker_end": pl.Int64, "cue": pl.String,
             "cue_start": pl.Int64, "cue_end": pl.Int64, "method": pl.String}
_F_SCHEMA = {"figure_id": pl.String, "article_id": pl.String, "sentence_id": pl.String, "start": pl.Int64,
             "end": pl.Int64, "text": pl.String, "value": pl.Float64, "value_low": pl.Float64,
             "value_high": pl.Float64, "value_kind": pl.String, "unit": pl.String, "subject": pl.String,
             "attributed_to": pl.String, "quote_id": pl.String, "method": pl.String}


def _locator(sentences: pl.DataFrame):
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for sid, aid, s, e in sentences.select("sentence_id", "article_id", "start", "end").sort("start").iter_rows():
        spans.setdefault(aid, []).append((s, e, sid))

    def find(aid: str, pos: int) -> str | None:
        lst = spans.get(aid, [])
        k = bisect.bisect_right(lst, (pos, float("inf"), "")) - 1
        if k >= 0 and lst[k][0] <= pos < lst[k][1]:
            return lst[k][2]
        return None
    return find


def quotes_frame(texts: dict[str, str], sentences: pl.DataFrame) -> pl.DataFrame:
    from newsprov.dataset.extract.quotes import extract_quotes

    find = _locator(sentences)
    rows = []
    for aid in sorted(texts):
        for n, q in enumerate(extract_quotes(texts[aid])):
            d = asdict(q)
            rows.append({"quote_id": f"{aid}:q{n:04d}", "article_id": aid, "sentence_id": find(aid, q.start)} | d)
    return pl.DataFrame(rows, schema=_Q_SCHEMA) if rows else pl.DataFrame(schema=_Q_SCHEMA)


def figures_frame(texts: dict[str, str], sentences: pl.DataFrame, quotes: pl.DataFrame | None = None) -> pl.DataFrame:
    from newsprov.lang.figures import extract_figures

    find = _locator(sentences)
    qspans: dict[str, list[tuple[int, int, str, str | None]]] = {}
    if quotes is not None:
        for qid, aid, s, e, sp in quotes.select("quote_id", "article_id", "start", "end", "speaker").iter_rows():
            qspans.setdefault(aid, []).append((s, e, qid, sp))
    rows = []
    for aid in sorted(texts):
        for n, f in enumerate(extract_figures(texts[aid])):
            enc = next(((qid, sp) for s, e, qid, sp in qspans.get(aid, ()) if s <= f.start and f.end <= e), (None, None))
            rows.append({"figure_id": f"{aid}:f{n:04d}", "article_id": aid, "sentence_id": find(aid, f.start)}
                        | asdict(f) | {"quote_id": enc[0], "attributed_to": enc[1]})
    return pl.DataFrame(rows, schema=_F_SCHEMA) if rows else pl.DataFrame(schema=_F_SCHEMA)
