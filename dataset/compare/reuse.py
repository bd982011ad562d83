"""Text reuse between two versions of a news text, measured on tokens.

Independent of sentence splitting and of the script. Pure functions; needs only
the standard library and rapidfuzz. The tables built from it (article_links,
reuse_runs) are in ``newsprov.dataset.compare.reuse_links``; every constant
below carries the figures it was chosen on (COUNTER dev, BASIL dev; research
notes for issue 18).

Pipeline for one pair of versions ``a`` and ``b``::

    ta, tb = tokenise(a_text), tokenise(b_text)
    runs = find_runs(ta, tb)                  # aligned runs, character spans in both texts
    share_a, share_b = shares(runs, ta, tb)   # directional reuse shares
    origin = likely_origin(share_a, share_b)  # "a" | "b" | None

or ``compare(a_text, b_text) -> Reuse`` for all of it, and ``candidate_pairs``
to choose which versions of a story to align (each with its closest dozen).

Tokens
------
``tokenise(text) -> list[Token]``: ``Token(start, end, norm, weight, quoted)``
with ``text[start:end]`` the surface. A *word* is a maximal run of letters and
combining marks (so Devanagari vowel signs and Arabic harakat stay inside their
word, unlike ``[^\\W_]+``), joined across an inner apostrophe (Israel’s), plus
ZWNJ/ZWJ; a number is a run of digits (``9ماہ`` is two tokens, as when spaced).
Scripts written without spaces between words (Han, Hiragana, Katakana, Thai,
Lao, Khmer, Myanmar) give one token per character, weighing ``CHAR_WEIGHT`` of
a word. Punctuation is not a token. ``norm`` folds variation that is not
rewording: NFKC, case, optional diacritics of Latin/Greek/Cyrillic/Arabic/
Hebrew (not Indic vowel signs, which are letters), Arabic-script letters typed
interchangeably (Arabic/Farsi yeh and kaf, heh forms, tatweel), and decimal
digits of every script to ASCII (``۹`` = ``९`` = ``9``). ``quoted`` marks tokens
inside quotation marks (``quoted_spans``; the project may pass its own spans).

Runs
----
``find_runs(ta, tb)``: greedy string tiling (Wise 1993; used for newspaper vs.
newswire reuse in METER, Clough et al. 2002, and COUNTER, Sharjeel et al. 2017)
finds common token runs longest first, each token of either text in at most one
tile, so moved paragraphs are found and repeated phrases are not counted twice.
Tiles that follow one another in the same order in both texts, at most
``MAX_GAP`` word-equivalents apart on each side, are one run (sub-editing: a
word changed, a name respelled, a clause cut); inside a gap the tokens that
still align (rapidfuzz Indel, i.e. LCS) count as matched. A run is kept when it
matches at least ``MIN_RUN`` word-equivalents, or at least ``ANCHORED_RUN``
when it is *anchored*: within ``ANCHOR_WINDOW`` word-equivalents of a run of
``MIN_RUN`` narrative (unquoted) word-equivalents, on the same side of it in
both texts (the word pairs that copy editing leaves between its cuts; an
isolated pair, a name or "of the", is what independent writers share by
chance). Each ``Run`` has character spans
in both texts, its tiles, the matched token indices of both sides, and whether
it lies on the main chain of runs ordered alike in both texts.

Shares
------
``shares(runs, ta, tb)``: matched token weight of a / token weight of a (and
the same for b), counting runs on the main ordered chain and moved blocks of at
least ``MOVED_MIN`` word-equivalents, and leaving quotations out. Directional:
a version cut from a longer one has share 1.0, the longer one a smaller share.

Origin
------
``likely_origin(share_a, share_b, credited_a, credited_b)``: when one version
is contained in the other (``ORIGIN_CONTAINED``, ``ORIGIN_MARGIN``), the
container is the likely wire origin unless only the contained one carries a
wire credit; None when neither contains the other or both contain each other.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import defaultdict
from itertools import accumulate
from typing import Iterable, Mapping, NamedTuple, Sequence

import numpy as np
from rapidfuzz.distance import Indel

from newsprov.lang.words import NOSPACE

__all__ = [
    "MIN_RUN",
    "ANCHORED_RUN",
    "ANCHOR_WINDOW",
    "MIN_TILE",
    "MAX_GAP",
    "MOVED_MIN",
    "CHAR_WEIGHT",
    "MAX_SEED_OCCURRENCES",
    "ORIGIN_CONTAINED",
    "ORIGIN_MARGIN",
    "Token",
    "Prepared",
    "prepare",
    "Tile",
    "Run",
    "Reuse",
    "tokenise",
    "quoted_spans",
    "normalise_token",
    "find_runs",
    "shares",
    "likely_origin",
    "compare",
    "ngram_containment",
    "candidate_pairs",
]

# --- constants ----------------------------------------------------------------

# A run must align at least MIN_RUN word-equivalents: word trigrams are the unit
# of the classic copy-detection measures (Lyon et al.'s Ferret; Barron-Cedeno &
# Rosso 2009 found n = 2-3 best for containment), the shortest span that is more
# than a name or a set phrase shared by chance. Measured curve in README (3-6).
MIN_RUN = 3
# A shorter run of at least ANCHORED_RUN word-equivalents (a word pair) counts
# only when anchored: within ANCHOR_WINDOW word-equivalents of a run of MIN_RUN
# unquoted word-equivalents, on the same side of it in both texts. Copy editing
# changes and cuts words inside copied sentences and leaves word pairs between
# the longer runs; an isolated pair (a name, "of the", "Tea Party") is what
# independent outlets share by chance, and so is a pair next to a quotation both
# print. ANCHOR_WINDOW = MOVED_MIN, half a news sentence. Measured (COUNTER dev
# / BASIL dev): derived AUC 0.879 -> 0.885 (paired 95% CI of the gain +0.001 to
# +0.012), WD AUC 0.921 -> 0.925, independent p90 0.076 -> 0.088; windows 6-12
# give 0.884-0.886 and 0.082-0.093. Every word pair counted: 0.894, p90 0.113.
# ANCHORED_RUN = None keeps runs of MIN_RUN only (the previous behaviour).
ANCHORED_RUN = 2
ANCHOR_WINDOW = 8
# Tokens of a run need not be contiguous: tiles (verbatim pieces of at least
# MIN_TILE tokens, found longest first) join into one run across gaps of at
# most MAX_GAP word-equivalents on each side: a word or three changed, a name
# respelled, a clause cut, as sub-editors do. Longer gaps are new material.
MIN_TILE = 1
MAX_GAP = 3
# Copied text keeps the order of its source, except for blocks an editor moves
# (a sentence, a paragraph). A run off the main ordered chain of runs counts in
# the shares only if it aligns at least MOVED_MIN word-equivalents (some half of
# an average news sentence of 20-25 words); shorter ones out of order are the
# names and set phrases that independent writers share. README: 8 and 12 give
# the same figures.
MOVED_MIN = 8
# A character of a script written without spaces counts for this much of a
# word: Chinese words average under two characters (1.5-2 in segmented
# corpora), so a run of MIN_RUN words is 6 characters.
CHAR_WEIGHT = 0.5
# A seed n-gram occurring more often than this in one text (boilerplate, a
# repeated refrain, a function word) is not used as a seed there; runs still
# extend through it. Bounds the work per text.
MAX_SEED_OCCURRENCES = 20
# Likely wire origin: a is contained in b when at least ORIGIN_CONTAINED of a
# lies in runs reused from b ("most of" a: wire clients print the agency's copy
# cut and lightly edited) and b is contained in a at least ORIGIN_MARGIN less
# (b has material a lacks). How chosen (README, origin table): no independent
# BASIL pair passes from 0.4 up (their largest share is 0.17) and 1 of 85
# COUNTER non-derived pairs does at 0.6 (none at 0.7); 0.6 names an origin for
# 22 of 66 wholly derived pairs. With both shares high the two are one text and
# no direction can be read from it.
ORIGIN_CONTAINED = 0.6
ORIGIN_MARGIN = 0.1

# --- tokenisation ---------------------------------------------------------------


def _mark_class() -> str:
    """Character class body of every combining mark (Mn, Mc, Me) in this Python's Unicode."""
    ranges: list[list[int]] = []
    for cp in list(range(0x20000)) + list(range(0xE0100, 0xE01F0)):
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


# Scripts written without spaces between words: one token per character.
_NOSPACE = NOSPACE
_MARKS = _mark_class()
# A word: letters and marks, or digits (and their marks), not both: numbers typed
# against a word ("9ماہ", "225کے", "2024年") are two tokens, as they are when spaced.
# Letters joined by an apostrophe stay one word (Israel’s, don't, l'armée), as
# in the project's tokenizer.
_WORD_RE = re.compile(rf"(?:[^\W\d_]|[{_MARKS}\u200c\u200d])+(?:['\u2019](?:[^\W\d_]|[{_MARKS}])+)*|(?:\d|[{_MARKS}])+")
# (the same words in a text with no combining mark or joiner: the class of every mark is slow to
# test at each character, and most texts hold none)
_PLAIN_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+")
_NOSPACE_RE = re.compile(rf"[{_NOSPACE}]")
_SPLIT_RE = re.compile(rf"[{_NOSPACE}][{_MARKS}]*|(?:(?![{_NOSPACE}])(?:[^\W\d_]|[{_MARKS}\u200c\u200d]))+")

# Optional diacritics: combining marks of alphabets where they are optional
# (accents, Arabic harakat and hamza seat marks, Hebrew points), removed after
# NFKD. Indic and other abugida vowel signs are letters and are kept.
_OPTIONAL_MARK_RE = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u20d0-\u20ff\ufe20-\ufe2f\u200c\u200d\u0640]"  # + ZWNJ, ZWJ, tatweel
)
# Arabic-script letters typed interchangeably (Arabic vs Persian/Urdu keyboards).
_LETTER_FOLD = str.maketrans({
    "\u064a": "\u06cc", "\u0649": "\u06cc",  # Arabic yeh, alef maksura -> Farsi yeh
    "\u0643": "\u06a9",  # Arabic kaf -> keheh
    "\u0647": "\u06c1", "\u06d5": "\u06c1", "\u0629": "\u06c1",  # heh, ae, teh marbuta -> heh goal
})
_NORM_CACHE: dict[str, str] = {}


def normalise_token(word: str) -> str:
    """Matching key of a token surface (see module doc); memoised."""
    key = _NORM_CACHE.get(word)
    if key is None:
        s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", word).casefold())
        s = unicodedata.normalize("NFC", _OPTIONAL_MARK_RE.sub("", s)).translate(_LETTER_FOLD)
        if not s.isascii():
            s = "".join(str(unicodedata.digit(c)) if c.isdigit() and unicodedata.digit(c, None) is not None else c
                        for c in s)
        key = s or word
        if len(_NORM_CACHE) < 1_000_000:
            _NORM_CACHE[word] = key
    return key


class Token(NamedTuple):
    start: int  # character offset into the text
    end: int
    norm: str  # matching key
    weight: float  # 1.0 for a word, CHAR_WEIGHT for a character of a script without spaces
    quoted: bool = False  # inside quotation marks (see quoted_spans)


# Quotations: an opening mark and its closing mark within one paragraph (line).
# Pairs: "..." “...” „...“ «...» 「...」 『...』, Urdu ’’...‘‘ (and ‘‘...’’), and
# single ‘...’ opening at a word start and closed by a ’ that no letter follows
# (Israel’s, don’t are apostrophes). A quotation not closed in its paragraph
# runs to the paragraph's end only when the next paragraph opens with the same
# mark (news style for a quotation that goes on); otherwise the mark is not a
# quotation (Urdu copy also uses ‘ and ’ as separators).
_QUOTE_PAIRS = {  # opening mark -> closing marks (double quotes of one family close each other: copy mixes them)
    "\u2019\u2019": ("\u2018\u2018",), "\u2018\u2018": ("\u2019\u2019",),
    '"': ('"', "\u201d", "\u201c"), "\u201c": ("\u201d", '"'), "\u201e": ("\u201c", "\u201d", '"'),
    "\u00ab": ("\u00bb",), "\u300c": ("\u300d",), "\u300e": ("\u300f",), "\u2018": ("\u2019",),
}
_OPEN_RE = re.compile("|".join(re.escape(o) for o in _QUOTE_PAIRS))


def _close(line: str, opener: str, pos: int) -> int:
    """End (exclusive) of the first closing mark for ``opener`` from pos, or -1."""
    best = -1
    for c in _QUOTE_PAIRS[opener]:
        k = pos
        while True:
            k = line.find(c, k)
            if k < 0:
                break
            if opener == "\u2018" and k + 1 < len(line) and (line[k + 1].isalpha() or line[k + 1] == "\u2019"):
                k += 1  # an apostrophe inside a word, not the closing mark
                continue
            if best < 0 or k + len(c) < best:
                best = k + len(c)
            break
    return best


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (marks included), in order (see _QUOTE_PAIRS)."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    spans = []
    for n, (base, line) in enumerate(lines):
        nxt = lines[n + 1][1].lstrip() if n + 1 < len(lines) else ""
        pos = 0
        while True:
            m = _OPEN_RE.search(line, pos)
            if m is None:
                break
            o = m.group()
            if o == "\u2018" and m.start() and line[m.start() - 1].isalnum():
                pos = m.end()
                continue
            end = _close(line, o, m.end())
            if end < 0 and nxt.startswith(o):
                end = len(line)
            if end < 0 or end - m.start() <= len(o):
                pos = m.end()
                continue
            spans.append((base + m.start(), base + end))
            pos = end
    return spans


def tokenise(text: str, quotes: Sequence[tuple[int, int]] | None = None) -> list[Token]:
    """Tokens of ``text`` with character offsets (``text[t.start:t.end]`` is the surface).

    ``quotes``: spans of quoted speech (default ``quoted_spans(text)``; the
    project may pass its own quote spans); tokens inside are marked ``quoted``.
    """
    marked = any(ord(c) > 127 and (c in "\u200c\u200d" or unicodedata.category(c)[0] == "M") for c in set(text))
    words = (_WORD_RE if marked else _PLAIN_WORD_RE).finditer(text)
    if _NOSPACE_RE.search(text) is None:  # (most texts: every word is one token)
        out = [Token(m.start(), m.end(), normalise_token(m.group()), 1.0) for m in words]
    else:
        out = [t for m in words for t in _word_tokens(m)]
    spans = quoted_spans(text) if quotes is None else quotes
    if spans:
        starts = [t.start for t in out]
        for s, e in spans:  # (tokens starting inside a quotation)
            for n in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                if not out[n].quoted:
                    out[n] = out[n]._replace(quoted=True)
    return out


def _word_tokens(m: re.Match) -> list[Token]:
    """The tokens of one word: the word, or its pieces where it holds characters of a script
    written without spaces (each such character a token of CHAR_WEIGHT)."""
    w = m.group()
    if _NOSPACE_RE.search(w) is None:
        return [Token(m.start(), m.end(), normalise_token(w), 1.0)]
    base = m.start()
    return [Token(base + p.start(), base + p.end(), normalise_token(p.group()),
                  CHAR_WEIGHT if _NOSPACE_RE.match(p.group()) else 1.0) for p in _SPLIT_RE.finditer(w)]


# --- runs -----------------------------------------------------------------------


class Tile(NamedTuple):
    """A verbatim piece: tokens a[i:i+n] equal b[j:j+n] (after normalisation)."""

    i: int
    j: int
    n: int


class Run(NamedTuple):
    """A verbatim or near-verbatim run, with spans in both texts.

    ``a_start``/``a_end`` and ``b_start``/``b_end`` are character offsets
    (``a_text[a_start:a_end]`` is the run in a, from its first to its last
    matched token); ``a_tokens``/``b_tokens`` the token index ranges (end
    exclusive); ``tiles`` the verbatim pieces; ``matched_a``/``matched_b`` the
    token indices aligned to an equal token of the other text (tiles plus the
    tokens that still align inside the gaps); ``kind`` is "verbatim" (one tile)
    or "near_verbatim" (tiles joined across small edits); ``in_order`` tells
    whether the run lies on the main chain of runs that follow the same order
    in both texts; ``weight`` is its aligned word-equivalents in a.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_tokens: tuple[int, int]
    b_tokens: tuple[int, int]
    tiles: tuple[Tile, ...]
    matched_a: tuple[int, ...]
    matched_b: tuple[int, ...]
    kind: str
    in_order: bool  # on the main ordered chain of runs (see find_runs)
    weight: float  # word-equivalents of a aligned (sum of matched_a weights)
    anchored: bool = False  # shorter than MIN_RUN, kept because near a longer run (see find_runs)


def token_ids(docs: Mapping[str, Sequence[Token]]) -> dict[str, np.ndarray]:
    """Each document's tokens as integers, one vocabulary over the documents (equal matching keys,
    equal integers): computed once per story, so that the tiling of each pair compares integers."""
    vocab: dict[str, int] = {}
    return {d: np.fromiter((vocab.setdefault(t.norm, len(vocab)) for t in toks), np.int64, len(toks))
            for d, toks in docs.items()}


class Prepared(NamedTuple):
    """What every pair of one text needs, computed once per text (``prepare``), not once per pair."""

    ids: np.ndarray  # the tokens as integers (token_ids)
    cum: list[float]  # prefix sums of token weights (_cumulative)
    keep: list[bool]  # tokens the shares count (quotations left out; all of a text that is all quotation)
    total: float  # weight of the kept tokens
    uniform: bool  # every token weighs 1.0 (no script without spaces): a weight is a count


def prepare(docs: Mapping[str, Sequence[Token]]) -> dict[str, Prepared]:
    """``Prepared`` of each document, one vocabulary of token ids over them (see token_ids)."""
    ids = token_ids(docs)
    out = {}
    for d, toks in docs.items():
        keep = _kept(toks, quotes=False)
        out[d] = Prepared(ids[d], _cumulative(toks), keep, sum(t.weight for t, k in zip(toks, keep) if k),
                          all(t.weight == 1.0 for t in toks))
    return out


def _tiles(ta: Sequence[Token], tb: Sequence[Token], min_tile: int,
           ids: tuple[np.ndarray, np.ndarray] | None = None) -> list[Tile]:
    """Greedy string tiling (``_tiles_greedy``); for tiles of one token or more, ``_tiles_unigram``
    gives the same tiles faster (``ids``: the two texts' ``token_ids``, computed when None)."""
    if min_tile == 1:
        return _tiles_unigram(ta, tb, ids)
    return _tiles_greedy(ta, tb, min_tile)


def _tiles_unigram(ta: Sequence[Token], tb: Sequence[Token], ids: tuple[np.ndarray, np.ndarray] | None) -> list[Tile]:
    """``_tiles_greedy(ta, tb, 1)``, the same tiles: the seeds (token pairs), their skipping and the
    one-token test of their extension in numpy; the candidates of one token, which are most of
    them, taken without the bucket loop.

    Why that is the same: a one-token candidate (i, j) is taken when neither token is taken yet,
    in (i, j) order; only a tile holding i or j can take them, that is a longer tile (its tokens
    are marked before the one-token bucket is read) or a one-token tile of the same token. So the
    tokens are independent of one another, and a token printed once in each text has one
    candidate, taken unless a longer tile holds it."""
    la, lb = len(ta), len(tb)
    if not la or not lb:
        return []
    if ids is None:
        both = token_ids({"a": ta, "b": tb})
        ids = (both["a"], both["b"])
    _, inv = np.unique(np.concatenate(ids), return_inverse=True)
    A, B = inv[:la], inv[la:]
    nv = int(inv.max()) + 1
    ca, cb = np.bincount(A, minlength=nv), np.bincount(B, minlength=nv)
    seed_a = ((ca <= MAX_SEED_OCCURRENCES) & (cb > 0) & (cb <= MAX_SEED_OCCURRENCES))[A]
    ii = np.flatnonzero(seed_a)
    if not len(ii):
        return []
    # seeds: every i of a seed token with every j of the same token in b, in (i, j) order
    order_b = np.argsort(B, kind="stable")
    start_b = np.zeros(nv + 1, np.int64)
    np.cumsum(cb, out=start_b[1:])
    g = A[ii]
    reps = cb[g]
    I = np.repeat(ii, reps)
    J = order_b[np.repeat(start_b[g] - (np.cumsum(reps) - reps), reps) + np.arange(int(reps.sum()))]
    # (inside a run found from an earlier seed: the token pair before is a seed pair)
    inner = (I > 0) & (J > 0)
    k = np.flatnonzero(inner)
    inner[k] = seed_a[I[k] - 1] & (A[I[k] - 1] == B[J[k] - 1])
    I, J = I[~inner], J[~inner]
    longer = (I + 1 < la) & (J + 1 < lb)
    k = np.flatnonzero(longer)
    longer[k] = A[I[k] + 1] == B[J[k] + 1]
    a, b = A.tolist(), B.tolist()
    buckets: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in zip(I[longer].tolist(), J[longer].tolist()):
        n = 2
        while i + n < la and j + n < lb and a[i + n] == b[j + n]:
            n += 1
        buckets[n].append((i, j))
    mark_a, mark_b = bytearray(la), bytearray(lb)
    tiles: list[Tile] = []
    pieces: list[tuple[int, int]] = []  # one-token parts of longer candidates, requeued
    while buckets:  # longer candidates, longest first, as _tiles_greedy takes them
        n = max(buckets)
        for i, j in sorted(buckets.pop(n)):
            if mark_a.find(1, i, i + n) < 0 and mark_b.find(1, j, j + n) < 0:
                tiles.append(Tile(i, j, n))
                mark_a[i:i + n] = mark_b[j:j + n] = b"\x01" * n
                continue
            for s, length in _free_parts(mark_a, mark_b, i, j, n):
                (buckets[length] if length > 1 else pieces).append((i + s, j + s))
    I1, J1 = I[~longer], J[~longer]
    if pieces:
        extra = np.array(pieces, dtype=np.int64)
        I1, J1 = np.concatenate([I1, extra[:, 0]]), np.concatenate([J1, extra[:, 1]])
        o = np.lexsort((J1, I1))
        I1, J1 = I1[o], J1[o]
        first = np.r_[True, (I1[1:] != I1[:-1]) | (J1[1:] != J1[:-1])]  # (a piece that is a seed too: once)
        I1, J1 = I1[first], J1[first]
    if tiles:
        free = ~(np.frombuffer(bytes(mark_a), np.uint8)[I1].astype(bool) | np.frombuffer(bytes(mark_b), np.uint8)[J1].astype(bool))
        I1, J1 = I1[free], J1[free]
    once = (ca[A[I1]] == 1) & (cb[B[J1]] == 1)
    tiles += [Tile(i, j, 1) for i, j in zip(I1[once].tolist(), J1[once].tolist())]
    for i, j in zip(I1[~once].tolist(), J1[~once].tolist()):
        if not mark_a[i] and not mark_b[j]:
            tiles.append(Tile(i, j, 1))
            mark_a[i] = mark_b[j] = 1
    tiles.sort(key=lambda t: (t.i, t.j))
    return tiles


def _free_parts(mark_a: bytearray, mark_b: bytearray, i: int, j: int, k: int) -> list[tuple[int, int]]:
    """(offset, length) of each run of the candidate a[i:i+k] / b[j:j+k] still free in both texts."""
    parts, s = [], None
    for t in range(k + 1):
        free = t < k and not mark_a[i + t] and not mark_b[j + t]
        if free and s is None:
            s = t
        elif not free and s is not None:
            parts.append((s, t - s))
            s = None
    return parts


def _tiles_greedy(ta: Sequence[Token], tb: Sequence[Token], min_tile: int) -> list[Tile]:
    """Greedy string tiling: maximal common token runs of at least min_tile tokens, longest
    first (ties: earlier in a, then in b), each token of either text in at most one tile.

    Candidates wait in one bucket per length, taken longest first and each bucket in (i, j)
    order: the order of a priority queue on (-length, i, j), without its cost. A candidate
    that overlaps an accepted tile goes back as its still-free parts, which are shorter and
    so land in a bucket not yet taken."""
    a = [t.norm for t in ta]
    b = [t.norm for t in tb]
    la, lb, n = len(a), len(b), min_tile
    if la < n or lb < n:
        return []
    if n == 1:
        grams_b = b
        grams = a
    else:
        grams_b = [tuple(b[j:j + n]) for j in range(lb - n + 1)]
        grams = [tuple(a[i:i + n]) for i in range(la - n + 1)]
    index: dict = defaultdict(list)
    for j, g in enumerate(grams_b):
        index[g].append(j)
    count_a: dict = defaultdict(int)
    for g in grams:
        count_a[g] += 1
    # seeds of a frequent n-gram (in either text) are skipped; runs still extend through it
    seed = [g in index and count_a[g] <= MAX_SEED_OCCURRENCES and len(index[g]) <= MAX_SEED_OCCURRENCES for g in grams]
    buckets: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, g in enumerate(grams):
        if not seed[i]:
            continue
        prev = i and seed[i - 1]
        ap = a[i - 1] if i else None
        for j in index[g]:
            if prev and j and ap == b[j - 1]:
                continue  # inside a run found from an earlier seed
            k = n
            while i + k < la and j + k < lb and a[i + k] == b[j + k]:
                k += 1
            buckets[k].append((i, j))
    mark_a, mark_b = bytearray(la), bytearray(lb)
    tiles: list[Tile] = []
    k = max(buckets, default=0)
    while k >= n:
        for i, j in sorted(buckets.pop(k, ())):
            if k == 1:
                if not mark_a[i] and not mark_b[j]:
                    tiles.append(Tile(i, j, 1))
                    mark_a[i] = mark_b[j] = 1
                continue
            if mark_a.find(1, i, i + k) < 0 and mark_b.find(1, j, j + k) < 0:
                tiles.append(Tile(i, j, k))
                mark_a[i:i + k] = mark_b[j:j + k] = b"\x01" * k
                continue
            # requeue the parts still free in both texts (shorter: a bucket still to come)
            for s, length in _free_parts(mark_a, mark_b, i, j, k):
                if length >= n:
                    buckets[length].append((i + s, j + s))
        k -= 1
    tiles.sort(key=lambda t: (t.i, t.j))
    return tiles


def _gap_matches(ta, tb, i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int]]:
    """Token index pairs aligned as equal inside a gap a[i0:i1] / b[j0:j1] (LCS)."""
    if i1 <= i0 or j1 <= j0:
        return []
    x = [t.norm for t in ta[i0:i1]]
    y = [t.norm for t in tb[j0:j1]]
    out = []
    for op in Indel.opcodes(x, y):
        if op.tag == "equal":
            out.extend((i0 + op.src_start + d, j0 + op.dest_start + d) for d in range(op.src_end - op.src_start))
    return out


def _cumulative(tokens: Sequence[Token]) -> list[float]:
    """Prefix sums of token weights: weight of tokens[i:j] is cum[j] - cum[i]."""
    return list(accumulate((t.weight for t in tokens), initial=0.0))  # (the same sums, left to right)


def find_runs(ta: Sequence[Token], tb: Sequence[Token], min_run: float = MIN_RUN, max_gap: float = MAX_GAP,
              min_tile: int = MIN_TILE, anchored_run: float | None = ANCHORED_RUN,
              anchor_window: float = ANCHOR_WINDOW,
              prepared: tuple[Prepared, Prepared] | None = None) -> list[Run]:
    """Verbatim and near-verbatim runs shared by two token lists, in a's order (module doc).

    Tiles (greedy string tiling, at least ``min_tile`` tokens) that follow one
    another in the same order in both texts, at most ``max_gap`` word-equivalents
    apart on each side, form one run; a run is kept when it aligns at least
    ``min_run`` word-equivalents of a, or at least ``anchored_run`` and it is
    anchored (``_anchored``; ``anchored_run=None`` keeps only ``min_run``).
    ``prepared``: the two texts' ``prepare`` when computed already (per story).
    """
    floor = min_run if anchored_run is None else min(min_run, anchored_run)
    if prepared is None:
        cum_a, cum_b, ids, counted = _cumulative(ta), _cumulative(tb), None, False
    else:
        cum_a, cum_b, ids = prepared[0].cum, prepared[1].cum, (prepared[0].ids, prepared[1].ids)
        counted = prepared[0].uniform  # (a's weights are all 1.0: a run's weight is its count, exactly)
    groups: list[list[Tile]] = []
    for t in _tiles(ta, tb, min_tile, ids):  # sorted by position in a
        if groups:
            p = groups[-1][-1]
            if (t.i >= p.i + p.n and t.j >= p.j + p.n
                    and cum_a[t.i] - cum_a[p.i + p.n] <= max_gap and cum_b[t.j] - cum_b[p.j + p.n] <= max_gap):
                groups[-1].append(t)
                continue
        groups.append([t])
    runs = []
    for g in groups:
        xs: list[int] = []  # the aligned token pairs (xs[n], ys[n]), in a's order
        ys: list[int] = []
        for k, t in enumerate(g):
            if k:
                p = g[k - 1]
                for x, y in _gap_matches(ta, tb, p.i + p.n, t.i, p.j + p.n, t.j):
                    xs.append(x)
                    ys.append(y)
            xs.extend(range(t.i, t.i + t.n))
            ys.extend(range(t.j, t.j + t.n))
        w = float(len(xs)) if counted else sum(ta[x].weight for x in xs)
        if w + 1e-9 < floor:
            continue
        i0, i1 = g[0].i, g[-1].i + g[-1].n
        j0, j1 = g[0].j, g[-1].j + g[-1].n
        runs.append(Run(ta[i0].start, ta[i1 - 1].end, tb[j0].start, tb[j1 - 1].end, (i0, i1), (j0, j1),
                        tuple(g), tuple(xs), tuple(sorted(ys)),
                        "verbatim" if len(g) == 1 else "near_verbatim", False, w))
    if floor < min_run:
        runs = _anchored(runs, ta, tb, cum_a, cum_b, min_run, anchor_window)
    chain = _main_chain(runs)
    return [r._replace(in_order=k in chain) for k, r in enumerate(runs)]


def _anchored(runs: list[Run], ta: Sequence[Token], tb: Sequence[Token], cum_a: Sequence[float],
              cum_b: Sequence[float], min_run: float, window: float) -> list[Run]:
    """Runs of at least min_run, and the shorter ones that are anchored (flagged ``anchored``):
    within ``window`` word-equivalents of a run of at least min_run unquoted word-equivalents
    (an anchor), on the same side of the anchor in both texts."""
    big = [r for r in runs  # the anchors, in a's order and disjoint in a
           if sum(ta[x].weight for x in r.matched_a if not ta[x].quoted) + 1e-9 >= min_run]
    starts = [r.a_tokens[0] for r in big]
    out = []
    for r in runs:
        if r.weight + 1e-9 >= min_run:
            out.append(r)
            continue
        (i0, i1), (j0, j1) = r.a_tokens, r.b_tokens
        ok = False
        k = bisect.bisect_left(starts, i1)
        m = k  # big runs after r in a, nearest first
        while not ok and m < len(big) and cum_a[big[m].a_tokens[0]] - cum_a[i1] <= window:
            q = big[m]
            ok = q.b_tokens[0] >= j1 and cum_b[q.b_tokens[0]] - cum_b[j1] <= window
            m += 1
        m = k - 1  # big runs before r in a, nearest first
        while not ok and m >= 0 and cum_a[i0] - cum_a[big[m].a_tokens[1]] <= window:
            q = big[m]
            ok = q.a_tokens[1] <= i0 and q.b_tokens[1] <= j0 and cum_b[j0] - cum_b[q.b_tokens[1]] <= window
            m -= 1
        if ok:
            out.append(r._replace(anchored=True))
    return out


def _main_chain(runs: Sequence[Run]) -> set[int]:
    """Indices of the heaviest chain of runs ordered alike in both texts (runs are in a's order)."""
    n = len(runs)
    best = [0.0] * n
    prev = [-1] * n
    for k, r in enumerate(runs):
        best[k] = r.weight
        for m in range(k):
            q = runs[m]
            if q.a_tokens[1] <= r.a_tokens[0] and q.b_tokens[1] <= r.b_tokens[0] and best[m] + r.weight > best[k]:
                best[k], prev[k] = best[m] + r.weight, m
    chain: set[int] = set()
    k = max(range(n), key=lambda x: (best[x], -x)) if n else -1
    while k >= 0:
        chain.add(k)
        k = prev[k]
    return chain


def _kept(tokens: Sequence[Token], quotes: bool) -> list[bool]:
    """The tokens a share counts: all with ``quotes``, else those outside quotations (all of a
    text that is all quotation)."""
    keep = [quotes or not t.quoted for t in tokens]
    return keep if any(keep) else [True] * len(tokens)


def shares(runs: Iterable[Run], ta: Sequence[Token], tb: Sequence[Token],
           quotes: bool = False, prepared: tuple[Prepared, Prepared] | None = None) -> tuple[float, float]:
    """(share of a's token weight reused from b, share of b's reused from a).

    Counted: the runs on the main ordered chain, and runs elsewhere of at least
    MOVED_MIN word-equivalents (a sentence or paragraph moved by an editor).

    Quoted tokens are left out of both counts unless ``quotes``: independent
    outlets print the same quotations, and sharing them is not copying one
    another (the runs still cover them). A text that is all quotation is
    measured on all its tokens. ``prepared`` (the two texts' ``prepare``) serves when
    ``quotes`` is false.
    """
    runs = [r for r in runs if r.in_order or r.weight + 1e-9 >= MOVED_MIN]
    out = []
    for side, (tokens, attr) in enumerate(((ta, "matched_a"), (tb, "matched_b"))):
        if prepared is None or quotes:
            keep = _kept(tokens, quotes)
            total = sum(t.weight for t, k in zip(tokens, keep) if k)
        else:
            keep, total = prepared[side].keep, prepared[side].total
        matched = {k for r in runs for k in getattr(r, attr)}
        if prepared is not None and not quotes and prepared[side].uniform:
            used = sum(map(keep.__getitem__, matched))  # (every weight 1.0: the count, exactly)
        else:
            used = sum(tokens[k].weight for k in matched if keep[k])
        out.append(used / total if total else 0.0)
    return out[0], out[1]


def likely_origin(share_a: float, share_b: float, credited_a: bool = False, credited_b: bool = False,
                  contained: float = ORIGIN_CONTAINED, margin: float = ORIGIN_MARGIN) -> str | None:
    """The likely wire origin of two versions: "a", "b" or None.

    One version is *contained* in the other when at least ``contained`` of it
    is text reused from the other and the other is less contained in it (by
    ``margin``); otherwise (independent, or the same text both ways) None.
    The container is the likely origin (the other was cut from it, as clients
    cut wire copy), unless only the contained version carries a wire/agency
    credit (``credited_*``, e.g. the project's ``wire_credits``): then that
    one is the wire copy and the container a longer article built on it.
    """
    if share_a >= contained and share_a - share_b >= margin:
        inner, outer = "a", "b"
        credited_inner, credited_outer = credited_a, credited_b
    elif share_b >= contained and share_b - share_a >= margin:
        inner, outer = "b", "a"
        credited_inner, credited_outer = credited_b, credited_a
    else:
        return None
    return inner if credited_inner and not credited_outer else outer


class Reuse(NamedTuple):
    share_a: float
    share_b: float
    runs: list[Run]
    origin: str | None  # "a", "b" or None


def compare(a_text: str, b_text: str, credited_a: bool = False, credited_b: bool = False) -> Reuse:
    """Runs, directional shares and likely origin of two texts (module defaults)."""
    ta, tb = tokenise(a_text), tokenise(b_text)
    runs = find_runs(ta, tb)
    sa, sb = shares(runs, ta, tb)
    return Reuse(sa, sb, runs, likely_origin(sa, sb, credited_a, credited_b))


# --- baselines and candidate pairs ----------------------------------------------


def ngram_containment(ta: Sequence[Token], tb: Sequence[Token], n: int) -> float:
    """Share of a's distinct token n-grams also in b (the classic containment measure)."""
    ga = {tuple(t.norm for t in ta[i:i + n]) for i in range(len(ta) - n + 1)}
    if not ga:
        return 0.0
    gb = {tuple(t.norm for t in tb[i:i + n]) for i in range(len(tb) - n + 1)}
    return len(ga & gb) / len(ga)


# Candidate pairs for a corpus: documents sharing rare n-grams. Each document's
# n-grams are ordered by a stable hash and its SKETCH smallest kept (a bottom-k
# MinHash sketch: the same n-grams are kept in every version that has them);
# posting lists longer than MAX_POSTING are skipped (an n-gram that common is
# boilerplate, as passim caps n-gram document frequency). A document meets, in
# each posting list, at most PARTNER_WINDOW documents around itself (the list is
# ordered by a hash of (n-gram, document), a different sample per n-gram), and
# keeps as partners the MAX_PARTNERS it met most often, if met in at least
# MIN_SHARED lists (one shared trigram is chance): the work per document is
# bounded whatever the number of versions of one story. Measured (README, cost):
# all 600 COUNTER dev texts together, 128 trigrams keep 210 of the 215 derived
# pairs among 4,096 candidates (64 trigrams: 192; bigrams link everything).
SKETCH = 128
MAX_POSTING = 10_000
PARTNER_WINDOW = 16
MAX_PARTNERS = 12
MIN_SHARED = 2


def _stable_hash(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big")


def candidate_pairs(docs: Mapping[str, Sequence[Token]], n: int = MIN_RUN, sketch: int = SKETCH,
                    window: int = PARTNER_WINDOW, max_partners: int = MAX_PARTNERS,
                    min_shared: int = MIN_SHARED, story_of: Mapping[str, str] | None = None) -> set[tuple[str, str]]:
    """Document pairs (x < y) worth aligning: each document with the partners sharing most sketch n-grams.

    With ``story_of`` (document -> story), n-grams are indexed per story: pairs lie within a
    story, each story's exactly as if it were alone."""
    story_of = story_of or {}
    sketches: dict[str, list[int]] = {}
    for did in sorted(docs):
        toks = docs[did]
        grams = {" ".join(t.norm for t in toks[i:i + n]) for i in range(len(toks) - n + 1)}
        sketches[did] = sorted(_stable_hash(g) for g in grams)[:sketch]
    postings: dict[tuple[str, int], list[str]] = defaultdict(list)  # (story, n-gram hash) -> documents
    for did, hs in sketches.items():
        for h in hs:
            postings[story_of.get(did, ""), h].append(did)
    position: dict[tuple[int, str], int] = {}
    for (_, h), ids in postings.items():
        if 1 < len(ids) <= MAX_POSTING:
            ids.sort(key=lambda d: (_stable_hash(f"{h}\x00{d}"), d))
            position.update(((h, d), k) for k, d in enumerate(ids))
    pairs: set[tuple[str, str]] = set()
    half = window // 2
    for did, hs in sketches.items():
        met: dict[str, int] = defaultdict(int)
        for h in hs:
            k = position.get((h, did))
            if k is None:
                continue
            ids = postings[story_of.get(did, ""), h]
            for other in ids[max(0, k - half):k + half + 1]:
                met[other] += 1
        met.pop(did, None)
        for other in sorted((o for o in met if met[o] >= min_shared), key=lambda o: (-met[o], o))[:max_partners]:
            pairs.add((min(did, other), max(did, other)))
    return pairs
