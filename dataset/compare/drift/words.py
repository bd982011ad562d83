"""Word tokens with offsets and the keys that fold away stylistic variation.

A *token* is a run of letters/digits joined across inner apostrophes, hyphens and
dots (``U.S.``, ``Israel's``, ``cease-fire``, ``150,000``), or a ``%`` sign.
Every token keeps ``start``/``end`` into the source, so ``text[start:end]`` is
its surface.

``key`` folds what the drift guideline calls *not a drift*: typography (NFKC,
quote marks, dashes), case, dots/hyphens/apostrophes inside a word
(``U.S.``/``US``, ``cease-fire``/``ceasefire``), a possessive ``'s``, diacritics,
British/American spelling (``-our``/``-or``, ``-ise``/``-ize``, ``-yse``/``-yze``,
``-ence``/``-ense``, ``-tre``/``-ter``, doubled ``l`` before ``-ed``/``-ing``),
numerals vs number words (``five``/``5``), and ``%``/``percent``/``per cent``.
``stem`` is a crude suffix stripper over ``key``, used only to decide whether two
versions use "the same word" (``reach``/``reaching``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsprov.lang.words import NOSPACE

__all__ = ["Tok", "tokens", "text_tokens", "fold_key", "stem", "loose", "STOPWORDS", "content", "is_number"]

_TYPO = str.maketrans({
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02"},
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u00b4\u0060\uff07"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
})
# (a character of a script written without spaces is a word by itself, as in newsprov.lang.words)
_WORD_RE = re.compile(rf"[{NOSPACE}]|[^\W_{NOSPACE}]+(?:(?:['\u2019\-\u2010\u2011]|\.(?=[^\W_])|,(?=\d{{3}}))[^\W_{NOSPACE}]+)*\.?|%")
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
                      "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000", "million": "1000000",
                      "billion": "1000000000"})
_UK_US = [
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{3})ence$"), r"ense"),
    (re.compile(r"(?<=[a-z]{2})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{2}[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"(?<=[a-z]{3})mme$"), r"m"),
]


@lru_cache(maxsize=200_000)  # a pure function of the word, called for every token of every comparison
def fold_key(word: str) -> str:
    """The stylistic-variation-free key of one word (module doc)."""
    w = unicodedata.normalize("NFKC", word).translate(_TYPO).casefold()
    if w == "%":
        return "percent"
    w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("s'"):
        w = w[:-1]
    w = w.replace(".", "").replace("-", "").replace("'", "").replace(",", "")
    if w in _NUMBER_WORDS:
        return _NUMBER_WORDS[w]
    for rx, rep in _UK_US:
        if rx.search(w):
            w = rx.sub(rep, w)
            break
    return w


_SUFFIXES = ("ingly", "edly", "ings", "ing", "ied", "ies", "ed", "es", "ly", "s", "e")


@lru_cache(maxsize=200_000)
def stem(key: str) -> str:
    """Crude stem of a key: reach/reaches/reaching/reached -> reach."""
    if len(key) <= 4 or key.isdigit():
        return key
    for suf in _SUFFIXES:
        if key.endswith(suf) and len(key) - len(suf) >= 3:
            base = key[: -len(suf)]
            if suf in ("ied", "ies"):
                base += "y"
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
                base = base[:-1]  # admitted -> admit
            return base
    return key


def loose(stem_: str) -> str:
    """A stem without its final e, to compare stems across inflections the stripper treats
    unevenly (make/making: "make"/"mak"; lose/losing: "lose"/"los")."""
    return stem_.rstrip("e") or stem_


def is_number(key: str) -> bool:
    return key[:1].isdigit()


STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves may might must shall its mr mrs ms dr also per cent percent
    s t""".split()
)


# Not frozen (a frozen dataclass takes 4x as long to make, and every comparison makes millions of
# tokens); hashed on its fields as a frozen one is. Tokens are never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class Tok:
    start: int
    end: int
    text: str
    key: str
    stem: str
    cap: bool  # first character upper case
    content: bool  # a content word: is_content(key)


def is_content(key: str) -> bool:
    """A content word's key: not a stopword, not empty (Tok.content, set when the token is made)."""
    return key not in STOPWORDS and key != ""


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokens of text[start:end] with offsets into text; ``per cent`` is one token."""
    seg = text[start:end] if end is not None else text[start:]
    out: list[Tok] = []
    for m in _WORD_RE.finditer(seg):
        s, e = m.start() + start, m.end() + start
        w = m.group()
        if w.endswith(".") and len(w) > 1:
            # keep a final dot only for abbreviations with inner dots (U.S.)
            if "." not in w[:-1]:
                w, e = w[:-1], e - 1
        k, st, is_word = _word(w)
        if not k:
            continue
        if k == "cent" and out and out[-1].key == "per" and s - out[-1].end <= 2:
            p = out.pop()
            out.append(Tok(p.start, e, text[p.start:e], "percent", "percent", False, is_content("percent")))
            continue
        out.append(Tok(s, e, w, k, st, w[:1].isupper(), is_word))
    return out


@lru_cache(maxsize=1 << 14)
def text_tokens(text: str) -> tuple[Tok, ...]:
    """``tokens(text)`` of a whole short text (a quotation, a cue), memoised: the quote rules read
    each quotation several times. A tuple: tokens are never changed once made."""
    return tuple(tokens(text))


@lru_cache(maxsize=1 << 18)
def _word(surface: str) -> tuple[str, str, bool]:
    """(key, stem, content) of a word's surface, memoised (one lookup per token)."""
    k = fold_key(surface)
    return k, stem(k), is_content(k)


def content(toks) -> list[Tok]:
    return [t for t in toks if t.content]
