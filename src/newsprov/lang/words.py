"""Typographic normalisation and word tokenisation with offsets.

Two versions of one news sentence often differ only in typography: curly vs
straight quotation marks and apostrophes, en/em dashes vs hyphens, non-breaking
or doubled spaces, compatibility characters (NFKC: ligatures, full-width forms,
the ellipsis character) and letter case. This module folds those differences
away so the comparison modules can tell *typographic* variation from rewording.

Functions
---------
``normalise_text(s, casefold=True) -> str``
    NFKC, quotation marks and apostrophes to ``"`` / ``'``, every dash and minus
    to ``-``, runs of whitespace to one space, stripped, optionally casefolded.
``tokenize(text, offset=0) -> list[Token]``
    Word tokens with character offsets (``text[start - offset:end - offset]``
    is the token's surface). A word is a run of letters/digits, joined across
    inner apostrophes, hyphens, dashes-as-hyphens, dots and commas between digits
    and dots in abbreviations (``U.S.`` → ``U.S``; ``Israel’s``; ``10-month``;
    ``150,000``; ``90%`` gives ``90``). Punctuation is not a token.
``word_key(norm) -> str``
    A looser key of a normalised token for blocking: dots, hyphens and
    apostrophes removed and a possessive ``'s`` dropped (``U.S`` and ``US`` →
    ``us``; ``cease-fire`` and ``ceasefire`` → ``ceasefire``).
``tokens_frame(sentences) -> polars.DataFrame``
    One row per word token of each sentence, columns:

    * ``sentence_id`` (str) – the sentence the token belongs to.
    * ``article_id`` (str) – the sentence's article.
    * ``token_index`` (int) – 0-based position of the token in its sentence.
    * ``start`` / ``end`` (int) – character offsets of the token in the
      article's source text (the sentence's ``start`` plus the in-sentence
      offset), so ``source[start:end] == text``.
    * ``text`` (str) – the token's surface form.
    * ``norm`` (str) – ``normalise_text(text)`` (casefolded).

``contains_run(long, short) -> bool``
    Whether the token tuple ``short`` occurs as a contiguous run inside ``long``.

``word_count(text) -> float``
    Words of a text in any script: whitespace-separated words, where a run of characters of a
    script written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) counts one word
    per two characters (``NOSPACE_WORD_CHARS``), as ``dataset/compare/reuse`` weighs them.

``STOPWORDS``: English function words, used to pick content words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

__all__ = [
    "STOPWORDS",
    "Token",
    "contains_run",
    "edit_blocks",
    "normalise_text",
    "normalise_word",
    "tokenize",
    "tokens_frame",
    "word_key",
    "is_capitalised",
    "word_count",
    "NOSPACE",
]

def word_count(text: str) -> float:
    """Words of ``text`` in any script (module doc): the same as ``len(text.split())`` for a text
    with no character of a script written without spaces."""
    if _NOSPACE_RUN_RE.search(text) is None:
        return len(text.split())
    chars = sum(len(m.group()) for m in _NOSPACE_RUN_RE.finditer(text))
    return len(_NOSPACE_RUN_RE.sub(" ", text).split()) + chars / NOSPACE_WORD_CHARS

# Quotation marks and apostrophes (single and double, all directions, primes
# and low-9 forms) fold to the ASCII marks; dashes and minus signs fold to "-".
_QUOTE_MAP = {
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02"},
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u00b4\u0060\uff07"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
}
_TRANS = str.maketrans(_QUOTE_MAP)
_WS_RE = re.compile(r"\s+")


def normalise_text(s: str, casefold: bool = True) -> str:
    """Fold typographic variation: NFKC, quotes, dashes, whitespace, case."""
    s = unicodedata.normalize("NFKC", s).translate(_TRANS)
    s = _WS_RE.sub(" ", s).strip()
    return s.casefold() if casefold else s


@lru_cache(maxsize=1 << 18)
def normalise_word(word: str) -> str:
    """``normalise_text`` of one word, memoised: the same words recur in every text."""
    return normalise_text(word)


# A word: letters/digits, continued across ' ’ - – . , when a letter/digit
# follows (so "Israel’s", "10-month", "U.S", "150,000", "pre-emptive").
# Scripts written without spaces between words (character ranges, for a regex class).
NOSPACE = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff\u31f0-\u31ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
    "\U00020000-\U0003134f"  # Han extensions
)
#: Characters of a no-space script that make about one word (Chinese words are mostly two characters).
NOSPACE_WORD_CHARS = 2
_NOSPACE_RUN_RE = re.compile(f"[{NOSPACE}]+")


# A word: letters/digits joined across inner apostrophes, hyphens, dots and thousands commas; a
# character of a script written without spaces is a word by itself (no word boundary is written).
WORD_RE = _WORD_RE = re.compile(rf"[{NOSPACE}]|[^\W_{NOSPACE}]+(?:(?:['\u2019\-\u2010\u2011\u2013]|\.(?=[^\W_])|,(?=\d{{3}}))[^\W_{NOSPACE}]+)*")


# Not frozen (a frozen dataclass takes 4x as long to make, and a build makes millions of tokens);
# hashed on its fields as a frozen one is. Tokens are never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    start: int
    end: int
    text: str
    norm: str


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of ``text``; offsets are shifted by ``offset``."""
    out = []
    for m in _WORD_RE.finditer(text):
        w = m.group()
        out.append(Token(m.start() + offset, m.end() + offset, w, normalise_word(w)))
    return out


_KEY_STRIP = str.maketrans("", "", ".-'")


@lru_cache(maxsize=1 << 18)
def word_key(norm: str) -> str:
    """Loose blocking key of a normalised token (see module docstring), memoised."""
    if norm.endswith("'s"):
        norm = norm[:-2]
    return norm.translate(_KEY_STRIP)


def is_capitalised(word: str) -> bool:
    """First character an upper-case letter (names, sentence starts)."""
    return bool(word) and word[0].isupper()


STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves said says say told according while would may might must
    shall one its it's he's she's they're we're i'm don't didn't won't can't mr mrs ms dr
    """.split()
)


def tokens_frame(sentences: pl.DataFrame) -> pl.DataFrame:
    """One row per word token of each sentence (columns in module docstring)."""
    rows: dict[str, list] = {k: [] for k in ("sentence_id", "article_id", "token_index", "start", "end", "text", "norm")}
    for sid, aid, start, text in sentences.select("sentence_id", "article_id", "start", "text").iter_rows():
        for i, t in enumerate(tokenize(text, start)):
            rows["sentence_id"].append(sid)
            rows["article_id"].append(aid)
            rows["token_index"].append(i)
            rows["start"].append(t.start)
            rows["end"].append(t.end)
            rows["text"].append(t.text)
            rows["norm"].append(t.norm)
    schema = {"sentence_id": pl.String, "article_id": pl.String, "token_index": pl.Int64,
              "start": pl.Int64, "end": pl.Int64, "text": pl.String, "norm": pl.String}
    return pl.DataFrame(rows, schema=schema)


def contains_run(long: tuple, short: tuple) -> bool:
    """Whether ``short`` occurs as a contiguous run inside ``long``."""
    n = len(short)
    if n == 0 or n > len(long):
        return False
    first = short[0]
    return any(long[i] == first and long[i:i + n] == short for i in range(len(long) - n + 1))


def edit_blocks(opcodes) -> list[list[int]]:
    """The maximal runs of non-equal edit operations (rapidfuzz opcodes, in order) between equal
    ones, each as [src_start, src_end, dest_start, dest_end]: adjacent edits merged into one block."""
    blocks = []
    pending = None
    for op in opcodes:
        if op.tag == "equal":
            if pending:
                blocks.append(pending)
                pending = None
            continue
        if pending is None:
            pending = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            pending[1], pending[3] = op.src_end, op.dest_end
    if pending:
        blocks.append(pending)
    return blocks
