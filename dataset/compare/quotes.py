"""Grouping the same quotation across outlets, and finding it unquoted.

``quote_groups(quotes, texts, story_of=None) -> (groups, unquoted)``

Within each story (``story_of``: article id -> story id; default one story): quotes of
two stories never link, and a group's words are searched unquoted in its story only.

Two quotes from different articles are *linked* when their normalised words
(``normalise.tokenize``; punctuation and typography ignored) are equal, when one
is a contiguous run inside the other (the shorter having at least
``CONTAIN_MIN_WORDS`` words, ``CONTAIN_MIN_CONTENT`` of them content words: "in
Vietnam" is not a quotation of a speech that mentions Vietnam), when their
word-level Indel similarity is at least ``ALTERED_MIN``, or when the shorter (at
least ``PARTIAL_MIN_WORDS`` words) matches a stretch of the longer with Indel
similarity at least ``PARTIAL_MIN`` (an altered partial quotation). Candidate
pairs are blocked on shared rare words (like ``sentences.candidate_pairs``).

Groups never chain unrelated quotations: the connected components of links are
split around their reference. The component's *reference wording* is the
normalised wording used by most articles (ties: more words, then earliest
``article_id`` / ``start``); the wordings linked to it *directly* form its
group; the rest of the component is split the same way, again and again. A
group spanning fewer than two articles is dropped. The reference's earliest quote
is the group's reference quote.

``groups`` columns (sorted by ``group_id``, ``article_id``, ``start``):

* ``group_id`` (str) – ``"q0001"``…, numbered by the reference quote's
  (``article_id``, ``start``).
* ``quote_id`` (str), ``article_id`` (str), ``start`` / ``end`` (int) – the
  member quote and its span.
* ``relation`` (str) – to the reference wording: ``"reference"`` (the
  reference quote), ``"identical"`` (same characters), ``"typographic"`` (same
  normalised words), ``"truncated"`` (a contiguous part of the reference),
  ``"extended"`` (contains the reference), ``"altered"`` (otherwise).
* ``similarity`` (float 0–1, 4 decimals) – word-level Indel similarity of the
  member to the part of the reference it quotes: the shorter of the two wordings
  against the best-matching stretch of the longer one of the same length (1.0
  for a contiguous part, ``truncated`` / ``extended``; for wordings of equal length
  the plain Indel similarity).
* ``reference_quote_id`` (str) – the group's reference quote.
* ``n_articles`` (int) – distinct articles in the group.

``unquoted`` columns (sorted by ``group_id``, ``article_id``, ``start``):

* ``group_id`` (str) – the group whose words were found.
* ``article_id`` (str), ``start`` / ``end`` (int), ``text`` (str) – the
  occurrence; ``texts[article_id][start:end] == text``.
* ``quote_id`` (str) – the member quote whose wording matched.

An occurrence is a run of at least ``UNQUOTED_MIN_WORDS`` words equal (after
normalisation) to a member's wording, not overlapping any quote of that article
and not directly enclosed in quotation marks. Any article in ``texts`` is
searched, including ones that also quote the words elsewhere.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import defaultdict
from functools import lru_cache

import polars as pl
from rapidfuzz.distance import Indel

from newsprov.lang.words import STOPWORDS, WORD_RE, contains_run, normalise_word, tokenize, word_key
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import QuoteGroups, Unquoted

__all__ = ["ALTERED_MIN", "CONTAIN_MIN_WORDS", "CONTAIN_MIN_CONTENT", "PARTIAL_MIN", "PARTIAL_MIN_WORDS",
           "UNQUOTED_MIN_WORDS", "UnionFind", "quote_groups", "partial_similarity"]

# Word-level similarity from which two quotes count as the same quotation
# reworded. On the seeds the cross-outlet variants of one quotation score
# 0.78–1.0, and quotes by different speakers at most 0.4; 0.6 sits between.
ALTERED_MIN = 0.6
# A quote that is a contiguous run inside a longer one joins its group only if
# it has this many words: one-word scare quotes ("constructive") join by
# equality only, or any quote containing the word would absorb them.
CONTAIN_MIN_WORDS = 2
# ... and at least this many content words (not stop words): a two-word fragment such
# as "in Vietnam" or "the war" names a topic, not a quotation.
CONTAIN_MIN_CONTENT = 2
# An altered partial quotation ("I'm not ashamed to admit I'm a Christian" inside a
# longer speech that says "admit that I'm") links when the shorter, of at least
# PARTIAL_MIN_WORDS words, matches a stretch of the longer this closely (same bar as
# two whole quotes reworded by a sub-editor, 0.78-1.0 on the seeds).
PARTIAL_MIN = 0.8
PARTIAL_MIN_WORDS = 4
# Shortest wording searched for unquoted reuse. Two-word phrases catch
# repeated scare quotes ("working teams" written without marks by another
# outlet in the seeds); single words would match ordinary vocabulary.
UNQUOTED_MIN_WORDS = 2

_QUOTE_CHARS = frozenset("\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb")

_G_SCHEMA = dtypes(QuoteGroups)
_U_SCHEMA = dtypes(Unquoted)


def partial_similarity(a: tuple, b: tuple, cutoff: float = 0.0) -> float:
    """Indel similarity of the shorter wording to its best-matching stretch of the longer.

    With a ``cutoff``, a result below it may be returned as 0.0: no stretch can match better
    than the share of the shorter wording's words found in order in the whole longer one
    (their longest common subsequence), so when that share is below the cutoff the stretches
    are not scored one by one."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    if n == 0:
        return 0.0
    if n == len(long):
        return Indel.normalized_similarity(a, b)
    if contains_run(long, short):
        return 1.0
    if cutoff > 0.0:
        common = (n + len(long) - Indel.distance(short, long)) / 2
        if common / n < cutoff:
            return 0.0
    return max(Indel.normalized_similarity(short, long[i:i + n]) for i in range(len(long) - n + 1))


@lru_cache(maxsize=65536)
def _n_content(words: tuple) -> int:
    return sum(1 for w in words if w not in STOPWORDS)


def _linked(a: tuple, b: tuple) -> float | None:
    if a == b:
        return 1.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    # Words of the shorter found in order in the longer (their longest common subsequence):
    # a contiguous run needs all of them, an altered partial quotation PARTIAL_MIN of them.
    common = (n + len(long) - Indel.distance(short, long)) // 2
    content = n >= CONTAIN_MIN_WORDS and _n_content(short) >= CONTAIN_MIN_CONTENT
    if content and common == n and contains_run(long, short):
        return 1.0
    if n >= CONTAIN_MIN_WORDS:
        s = Indel.normalized_similarity(a, b)
        if s >= ALTERED_MIN:
            return s
    if n >= PARTIAL_MIN_WORDS and content and common / n >= PARTIAL_MIN:
        s = partial_similarity(a, b, cutoff=PARTIAL_MIN)
        if s >= PARTIAL_MIN:
            return s
    return None


def _star_split(members: list[int], norms: list[tuple], rows: list[tuple]) -> list[list[int]]:
    """Split a component around its reference wording, again and again (module doc)."""
    out = []
    left = list(members)
    while left:
        by_wording: dict[tuple, set] = defaultdict(set)
        for i in left:
            by_wording[norms[i]].add(rows[i][1])
        ref = min(by_wording, key=lambda w: (-len(by_wording[w]), -len(w),
                                             min((rows[i][1], rows[i][2]) for i in left if norms[i] == w)))
        group = [i for i in left if norms[i] == ref or _linked(norms[i], ref) is not None]
        out.append(group)
        taken = set(group)
        left = [i for i in left if i not in taken]
    return out


def _relation(q_text: str, q_norm: tuple, ref_text: str, ref_norm: tuple) -> str:
    if q_text == ref_text:
        return "identical"
    if q_norm == ref_norm:
        return "typographic"
    if contains_run(ref_norm, q_norm):
        return "truncated"
    if contains_run(q_norm, ref_norm):
        return "extended"
    return "altered"


class UnionFind:
    """Disjoint sets over 0..n-1 (path halving); a set's root is its smallest member."""

    def __init__(self, n):
        self.p = list(range(n))

    def find(self, x):
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def _components(norms: list[tuple], articles: list[str], stories: list[str] | None = None) -> list[list[int]]:
    """Quotes (indices) joined by links, per component spanning two articles or more.

    A quote probes the postings of its rarest content keys (frequencies counted over
    quotes) for quotes of articles after its own (by article_id), and links those
    ``_linked`` accepts. The work is done per distinct wording, not per quote, with the
    same result: quotes of one wording link to each other across articles (when they
    have words), and wording u links to wording v when u's probe finds v, ``_linked``
    accepts them and u occurs in an article before one v occurs in. So a quotation
    repeated a thousand times in one article costs what one does.
    """
    stories = stories or [""] * len(norms)
    wordings: dict[tuple, int] = {}  # (story, wording) -> index: wordings of two stories never meet
    of_quote = [wordings.setdefault((st, nm), len(wordings)) for st, nm in zip(stories, norms)]
    arts: list[set[str]] = [set() for _ in wordings]
    for w, aid in zip(of_quote, articles):
        arts[w].add(aid)
    forms = [nm for _, nm in wordings]
    feats = [{(st, word_key(x)) for x in nm if x not in STOPWORDS} or {(st, x) for x in nm} for st, nm in wordings]
    df: dict[str, int] = defaultdict(int)
    for w in of_quote:
        for k in feats[w]:
            df[k] += 1
    first, last = [min(a) for a in arts], [max(a) for a in arts]
    postings: dict[str, list[int]] = defaultdict(list)
    for w, f in enumerate(feats):
        for k in f:
            if df[k] >= 2:
                postings[k].append(w)
    for k, ws in postings.items():  # latest article first: a probe stops at its own article
        ws.sort(key=lambda v: last[v], reverse=True)
    uf = UnionFind(len(forms))
    for w, f in enumerate(feats):
        probe = sorted((df[k], k) for k in f if k in postings)[: max(3, math.ceil(0.6 * len(f)))]
        seen = set()
        for _, k in probe:
            for v in postings[k]:
                if not first[w] < last[v]:
                    break  # a quote probes only quotes of articles after its own (see above)
                if v == w or v in seen:
                    continue
                seen.add(v)
                if _linked(forms[w], forms[v]) is not None:
                    uf.union(w, v)
    members: dict[int, list[int]] = defaultdict(list)
    for i, w in enumerate(of_quote):
        if feats[w]:
            members[uf.find(w)].append(i)
        else:  # a quote without words links to nothing, even to its own wording
            members[-1 - i].append(i)
    return [m for m in members.values() if len({articles[i] for i in m}) >= 2]


def _unquoted(searched: dict[tuple, list[tuple[int, str]]], texts: dict[str, str],
              quote_spans: dict[str, list[tuple[int, int]]]) -> dict[int, dict[tuple[str, int], tuple[int, str]]]:
    """Where each searched wording occurs outside quotation marks: group -> (article, start) -> (end, quote_id).

    One pass over each text's words, for all wordings at once (a wording is recognised at
    its last word by comparing the words just read), so the cost is linear in the texts,
    not in texts times groups. At each start the longest match of a group is kept.
    """
    by_last: dict[str, list[tuple[tuple, int, str]]] = defaultdict(list)
    for w, targets in searched.items():
        for n, qid in targets:
            by_last[w[-1]].append((w, n, qid))
    found: dict[int, dict[tuple[str, int], tuple[int, str]]] = defaultdict(dict)
    if not by_last:
        return found
    longest = max(len(w) for w in searched)
    for aid in sorted(texts):
        text = texts[aid]
        spans = sorted(quote_spans.get(aid, ()))
        opens = [qs for qs, _ in spans]
        reach = list(itertools.accumulate((qe for _, qe in spans), max))  # furthest end of quotes opened so far
        norms: list[str] = []
        starts: list[int] = []
        for m in WORD_RE.finditer(text):
            norm = normalise_word(m.group())
            norms.append(norm)
            starts.append(m.start())
            if len(norms) > 2 * longest:  # keep the last words only
                del norms[:longest], starts[:longest]
            for w, n, qid in by_last.get(norm, ()):
                k = len(norms) - len(w)
                if k < 0 or tuple(norms[k:]) != w:
                    continue
                s, e = starts[k], m.end()
                p = bisect.bisect_left(opens, e)  # quotes opening before the run ends
                if p and reach[p - 1] > s:
                    continue  # overlaps a quote of this article
                if (s > 0 and text[s - 1] in _QUOTE_CHARS) or (e < len(text) and text[e] in _QUOTE_CHARS):
                    continue
                cur = found[n].get((aid, s))
                if cur is None or e > cur[0]:
                    found[n][(aid, s)] = (e, qid)
    return found


def quote_groups(quotes: pl.DataFrame, texts: dict[str, str], story_of: dict[str, str] | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Cross-article quote groups and unquoted reuse of their words, within each story."""
    story_of = story_of or {}
    q = quotes.select("quote_id", "article_id", "start", "end", "text").sort("article_id", "start", "quote_id")
    rows = list(q.iter_rows())
    norms = [tuple(t.norm for t in tokenize(r[4])) for r in rows]
    stories = [story_of.get(r[1], "") for r in rows]
    comps = [g for c in _components(norms, [r[1] for r in rows], stories) for g in _star_split(c, norms, rows)]
    groups = []
    for members in comps:
        arts = {rows[i][1] for i in members}
        if len(arts) < 2:
            continue
        by_wording: dict[tuple, set] = defaultdict(set)
        for i in members:
            by_wording[norms[i]].add(rows[i][1])
        ref_norm = min(by_wording, key=lambda w: (-len(by_wording[w]), -len(w),
                                                   min((rows[i][1], rows[i][2]) for i in members if norms[i] == w)))
        ref = min((i for i in members if norms[i] == ref_norm), key=lambda i: (rows[i][1], rows[i][2]))
        groups.append((rows[ref][1], rows[ref][2], ref, sorted(members, key=lambda i: (rows[i][1], rows[i][2])), len(arts)))
    groups.sort()
    g_rows, u_rows = [], []
    searched: dict[str, dict[tuple, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))  # story -> wording -> (group, its quote_id)
    for n, (_, _, ref, members, n_arts) in enumerate(groups):
        gid = f"q{n + 1:04d}"
        for i in members:
            rel = "reference" if i == ref else _relation(rows[i][4], norms[i], rows[ref][4], norms[ref])
            g_rows.append({"group_id": gid, "quote_id": rows[i][0], "article_id": rows[i][1], "start": rows[i][2],
                           "end": rows[i][3], "relation": rel,
                           "similarity": round(partial_similarity(norms[i], norms[ref]), 4),
                           "reference_quote_id": rows[ref][0], "n_articles": n_arts})
        wordings = {}
        for i in members:
            if len(norms[i]) >= UNQUOTED_MIN_WORDS and norms[i] not in wordings:
                wordings[norms[i]] = rows[i][0]
        for w, qid in wordings.items():
            searched[story_of.get(rows[ref][1], "")][w].append((n, qid))
    quote_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r in rows:
        quote_spans[r[1]].append((r[2], r[3]))
    in_story: dict[str, dict[str, str]] = defaultdict(dict)
    for aid in texts:
        in_story[story_of.get(aid, "")][aid] = texts[aid]
    found: dict[int, dict[tuple[str, int], tuple[int, str]]] = {}
    for story in sorted(searched):
        found.update(_unquoted(searched[story], in_story[story], quote_spans))
    for n in sorted(found):
        kept = []
        for (aid, s), (e, qid) in sorted(found[n].items()):
            if kept and kept[-1][0] == aid and s < kept[-1][2]:  # overlapping run of the same group
                if e > kept[-1][2]:
                    kept[-1] = (aid, kept[-1][1], e, qid)
                continue
            kept.append((aid, s, e, qid))
        for aid, s, e, qid in kept:
            u_rows.append({"group_id": f"q{n + 1:04d}", "article_id": aid, "start": s, "end": e, "text": texts[aid][s:e], "quote_id": qid})
    g = pl.DataFrame(g_rows, schema=_G_SCHEMA) if g_rows else pl.DataFrame(schema=_G_SCHEMA)
    u = pl.DataFrame(u_rows, schema=_U_SCHEMA) if u_rows else pl.DataFrame(schema=_U_SCHEMA)
    return g.sort("group_id", "article_id", "start"), u.sort("group_id", "article_id", "start")
