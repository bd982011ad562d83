"""Per-story view of the sentences: tokens, quotation masks, paragraph kinds."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from newsprov.dataset.compare.drift.words import Tok, loose, tokens

__all__ = ["Sent", "Article", "build_articles", "quotation_spans"]

# Paragraph kinds (paragraphs table) that are not the article's own running text.
NON_BODY = frozenset({"heading", "headline", "caption", "credit", "dateline", "boilerplate", "byline"})

_OPEN = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u2018": "\u2019"}
_OPENING = re.compile('[\u201c"\u00ab]')  # the marks that open a quotation_spans span


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans between paired double quotation marks, within a paragraph (marks excluded)."""
    out = []
    for pm in re.finditer(r"[^\n]+", text):
        para, base = pm.group(), pm.start()
        k = 0
        while (m := _OPENING.search(para, k)) is not None:
            k = m.start()
            c = para[k]
            close = _OPEN[c]
            e = para.find(close, k + 1)
            if c == "\u201c":  # mixed marks: a straight or curly closing mark ends it too
                cands = [p for p in (para.find("\u201d", k + 1), para.find('"', k + 1)) if p != -1]
                e = min(cands) if cands else -1
            if e == -1:
                k += 1
                continue
            out.append((base + k + 1, base + e))
            k = e + 1
    return out


@dataclass
class Sent:
    sid: str
    aid: str
    index: int
    start: int
    end: int
    text: str
    toks: list[Tok]
    quoted: list[bool]
    body: bool
    para: str | None

    def inq(self, i: int) -> bool:
        return self.quoted[i]


@dataclass
class Article:
    aid: str
    text: str
    sents: list[Sent]
    quotes: list[tuple[int, int]]
    by_sid: dict[str, Sent] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)

    @cached_property
    def stems(self) -> frozenset[str]:
        """Every word stem the article prints."""
        return frozenset(t.stem for s in self.sents for t in s.toks)

    @cached_property
    def loose_stems(self) -> frozenset[str]:
        """Every word stem the article prints, without final e (words.loose)."""
        return frozenset(loose(x) for x in self.stems)

    @cached_property
    def sentences_with(self) -> Counter[str]:
        """Loose content stem -> how many of the article's sentences print it outside quotation marks
        (the outlet's own words: a word it keeps using is the story's subject)."""
        return Counter(x for s in self.sents for x in {loose(t.stem) for t, q in zip(s.toks, s.quoted) if t.content and not q})

    def sent_at(self, pos: int) -> Sent | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.sents[k].start <= pos < max(self.sents[k].end, self.sents[k].start + 1):
            return self.sents[k]
        return None


def build_articles(texts: dict[str, str], sentences: pl.DataFrame, quotes: pl.DataFrame,
                   paragraphs: pl.DataFrame | None) -> dict[str, Article]:
    kinds: dict[str, str] = {}
    if paragraphs is not None and len(paragraphs):
        kinds = dict(paragraphs.select("paragraph_id", "kind").iter_rows())
    qspans: dict[str, list[tuple[int, int]]] = {a: quotation_spans(t) for a, t in texts.items()}
    if quotes is not None and len(quotes):
        for aid, s, e in quotes.select("article_id", "start", "end").iter_rows():
            if aid in qspans:
                qspans[aid].append((s, e))
    # Per article: quotation spans sorted by start, and the furthest end among those starting at
    # or before each (a token is quoted when some span starting at or before it ends at or after it).
    sorted_q = {a: sorted(q) for a, q in qspans.items()}
    q_starts = {a: [x for x, _ in q] for a, q in sorted_q.items()}
    q_reach = {a: list(itertools.accumulate((y for _, y in q), max)) for a, q in sorted_q.items()}
    arts: dict[str, Article] = {}
    cols = ["sentence_id", "article_id", "sentence_index", "start", "end", "text"]
    has_para = "paragraph_id" in sentences.columns
    if has_para:
        cols.append("paragraph_id")
    for row in sentences.filter(pl.col("article_id").is_in(list(texts))).select(cols).sort(
            "article_id", "sentence_index").iter_rows():
        sid, aid, idx, s, e, t = row[:6]
        para = row[6] if has_para else None
        text = texts[aid]
        toks = tokens(text, s, e)
        qs, starts, reach = sorted_q[aid], q_starts[aid], q_reach[aid]
        quoted = []
        for tk in toks:
            k = bisect.bisect_right(starts, tk.start) - 1
            quoted.append(k >= 0 and reach[k] >= tk.end)
        body = kinds.get(para, "body") not in NON_BODY
        if body and not kinds:  # no paragraphs table: a short line without final punctuation is a heading
            body = not (len(toks) <= 12 and not re.search(r"[.!?\"\u201d)]\s*$", t))
        art = arts.get(aid)
        if art is None:
            art = arts[aid] = Article(aid, text, [], sorted(set(qs)))
        sent = Sent(sid, aid, idx, s, e, t, toks, quoted, body, para)
        art.sents.append(sent)
        art.by_sid[sid] = sent
    for art in arts.values():
        art.starts = [s.start for s in art.sents]
    return arts
