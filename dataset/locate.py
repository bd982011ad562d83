"""Which sentence holds a span: the link from extracted rows to the sentences table."""

from __future__ import annotations

import re

import polars as pl


def sentence_of(rows: pl.DataFrame, sentences: pl.DataFrame, position: str = "start") -> pl.Series:
    """For each row, the sentence_id of the sentence containing rows[position], or null."""
    if rows.is_empty():
        return pl.Series("sentence_id", [], dtype=pl.String)
    spans = sentences.select("article_id", pl.col("start").alias("_s"), pl.col("end").alias("_e"), "sentence_id").sort("article_id", "_s")
    found = (
        rows.select("article_id", pl.col(position).alias("_p")).with_row_index("_i")
        .sort("article_id", "_p")
        .join_asof(spans, left_on="_p", right_on="_s", by="article_id", strategy="backward", check_sortedness=False)
        .sort("_i")
    )
    return found.select(pl.when(pl.col("_p") < pl.col("_e")).then(pl.col("sentence_id"))).to_series().alias("sentence_id")


def first_containing(rows: pl.DataFrame, spans: pl.DataFrame) -> pl.Series:
    """For each row (article_id, start, end), the index into `spans` of the first span holding it, or null.

    `spans` has article_id, start, end; a span holds a row when span.start <= row.start and
    row.end <= span.end. "First" is in (start, end, position in `spans`) order: of nested or
    overlapping holders, the one opening earliest. Linear after sorting, whatever the
    number of spans per article (no pairing of every row with every span): in that order,
    the first span reaching row.end is necessarily a new maximum of the running end, so an
    as-of join on those record-holding spans finds it, and it holds the row exactly when
    it opens no later than the row (any span before it ends too early, any after opens later).
    """
    if rows.is_empty() or spans.is_empty():
        return pl.Series("span", [None] * rows.height, dtype=pl.UInt32)
    records = (
        spans.select("article_id", "start", "end").with_row_index("_span")
        .sort("article_id", "start", "end", "_span")
        .filter(pl.col("end") > pl.col("end").cum_max().shift(1, fill_value=-1).over("article_id"))
        .select("article_id", pl.col("start").alias("_s"), pl.col("end").alias("_e"), "_span")
    )
    found = (
        rows.select("article_id", "start", "end").with_row_index("_i")
        .sort("article_id", "end")
        .join_asof(records, left_on="end", right_on="_e", by="article_id", strategy="forward", check_sortedness=False)
        .sort("_i")
    )
    return found.select(pl.when(pl.col("_s") <= pl.col("start")).then(pl.col("_span"))).to_series().alias("span")


_RUN = re.compile(r"[^\W_]+")  # a maximal run of str.isalnum() characters


def first_word_occurrences(needles, texts: list[tuple[str, str]]) -> dict[str, tuple[str, int]]:
    """(article_id, offset) of each needle's first occurrence not inside a longer word.

    Texts are searched in the order given; a needle found nowhere is absent from the result.
    One pass over each text's words serves every needle (a needle starting with a letter or
    digit can only start where a run of them starts), so the cost is the texts' size plus
    the needles', not their product. The few needles starting otherwise are searched directly.
    """
    by_head: dict[str, list[str]] = {}
    odd = []
    for needle in sorted(set(needles)):
        head = _RUN.match(needle)
        if head:
            by_head.setdefault(head.group(), []).append(needle)
        elif needle:
            odd.append(needle)
    found: dict[str, tuple[str, int]] = {}
    for article_id, text in texts:
        if not by_head and not odd:
            break
        for run in _RUN.finditer(text) if by_head else ():
            waiting = by_head.get(run.group())
            if not waiting:
                continue
            at = run.start()
            for needle in [n for n in waiting if text.startswith(n, at) and not _alnum_at(text, at + len(n))]:
                found[needle] = (article_id, at)
                waiting.remove(needle)
            if not waiting:
                del by_head[run.group()]
                if not by_head:
                    break
        for needle in list(odd):
            at = find_word(text, needle)
            if at >= 0:
                found[needle] = (article_id, at)
                odd.remove(needle)
    return found


def _alnum_at(text: str, at: int) -> bool:
    return at < len(text) and text[at].isalnum()


def find_word(text: str, needle: str) -> int:
    """First occurrence of needle not inside a longer word, or -1."""
    at = text.find(needle)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(needle)] if at + len(needle) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return at
        at = text.find(needle, at + 1)
    return -1
