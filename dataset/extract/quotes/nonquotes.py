"""Quotation marks that quote nobody (scare quotes, titles of works, labels), and whether
a quote is a full sentence or a fragment of the reporter's."""

from __future__ import annotations

import re

from newsprov.dataset.extract.quotes.cues import is_headline
from newsprov.dataset.extract.quotes.marks import CLOSING_MARKS
from newsprov.lang.words import word_count


def quote_kind(text: str, start: int, end: int, para_start: int) -> str:
    j = start - 1
    while j > para_start and text[j - 1] in " \t\u00a0":
        j -= 1
    # j is the index of the open mark; look before it
    k = j - 1
    while k >= para_start and text[k] in " \t\u00a0":
        k -= 1
    before = text[k] if k >= para_start else "\n"
    first = text[start:end].lstrip(" \u00a0\u202f\u2009")[:1]  # (French sets a space inside « »)
    # (a letter of a script without case opens a sentence as a capital does: "हम", "我们")
    opens = first.isupper() or first.isdigit() or first in "‘'\"“…" or (first.isalpha() and not first.islower())
    if opens and before in _BEFORE_FULL:
        return "full"
    return "partial"


# What precedes a quotation that is a sentence of its own: a paragraph's start, a colon, a comma
# or a sentence's end, in Latin and in other scripts' punctuation (full-width colon and comma,
# ideographic full stop, Arabic-script comma and full stop, danda).
_BEFORE_FULL = frozenset("\n:,.!?—–-(" + "：，。！？、،؛۔।")


# Scare quotes and coined terms ("a “workplace” issue") are short and have
# no speaker; a quotation of more words than this without one is still a
# quotation whose speaker was missed. Chosen on PolNeAR train: at 1-6 words
# nine in ten unattributed marked phrases are not annotated as quotes.
MAX_SCARE_WORDS = 6
# Titles of works, names and slogans are put in quotation marks in news
# style ("The Apprentice", "Gang of Eight"): a short phrase in Title Case that
# is not a sentence. Only attributions that do not point at the phrase itself
# (the sentence's subject, a speaker carried over) leave it a title.
_MAX_TITLE_WORDS = 6
_TITLE_SMALL = frozenset("a an the of and or nor but to in on at for by with from as is are vs. vs".split())
_WEAK_METHODS = frozenset({
    "quote-marks/no-speaker", "quote-marks/sentence-subject", "quote-marks/relative",
    "quote-marks/same-paragraph", "quote-marks/continued-paragraph"})


def not_a_quotation(text: str, start: int, end: int, method: str, kind: str = "full") -> bool:
    """Whether marked text[start:end] is a scare quote or a title, not a quotation."""
    if method not in _WEAK_METHODS:
        # a title in its usual place, whoever the sentence quotes: "on CNN’s “New Day,”",
        # "the author of “Hacked World Order,”", "an appearance on “CBS This Morning”"
        return kind == "partial" and _TITLE_CONTEXT_RE.search(text, max(0, start - 16), max(0, start - 1)) is not None \
            and _is_title(text, start, end, kind)
    if method == "quote-marks/no-speaker" and word_count(text[start:end]) <= MAX_SCARE_WORDS:
        return True
    return _is_title(text, start, end, kind)


def _is_title(text: str, start: int, end: int, kind: str) -> bool:
    """Whether the marked words are a short phrase in Title Case (outside a headline)."""
    words = text[start:end].split()
    body = text[start:end].rstrip(CLOSING_MARKS + ",")
    if kind == "partial" and body.endswith(".") and not body.endswith(".."):
        # American style sets the reporter's full stop inside the closing
        # mark: "a host on the TV show “Shark Tank.”" is still a title
        body = body[:-1]
    if not words or len(words) > _MAX_TITLE_WORDS or body[-1:] in ".!?…":
        return False
    if not words[0][:1].isupper() or is_headline(text, start):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _TITLE_SMALL for w in words)


_TITLE_CONTEXT_RE = re.compile(r"(?:\b(?:on|of|in|from|titled|entitled)|[’']s)[ \t\u00a0]*$")


# Quoted words that name something rather than report speech: "the so-called
# “X”", "a group called “X”" (a participle after a noun, no speaker doing the
# calling), "what is called “X”", and a quoted phrase referred to as words
# ("the “X” comment", "the “X” moniker"). Nobody is quoted saying them.
_LABEL_BEFORE_RE = re.compile(
    r"(?:\bso[- ]?\s?called"
    r"|\bwhat (?:is|are|was|were|has been|have been|had been) (?:called|known as|dubbed|described as))"
    r"(?: the| an?)?[ \t\u00a0]*$")
_NOUN_CALLED_RE = re.compile(
    r"\b(?!(?:he|she|they|we|you|who|whom|which|what|that|it|is|are|was|were|be|been|being|has|have|had"
    r"|also|each|both|all|often|once|then|now|later|first|even|still|just|never|ever)\b)"
    r"[a-z][a-z-]*(?<!ly) (?:called|named|dubbed|nicknamed)(?: the| an?)?[ \t\u00a0]*$")
# ('what the military called “X”': the noun is the subject of a relative clause, the caller)
_RELATIVE_OPEN_RE = re.compile(r"\b(?:what|which|whom|who|that)\b[^,;:.!?“”\"]*$")
_LABEL_NOUN_AFTER_RE = re.compile(
    r"[ \t\u00a0]+(?:comments?|remarks?|moniker|nickname|label)\b")
_LABEL_DET_RE = re.compile(r"(?<![\w’'])(?:the|a|an|his|her|their|its|that|this)[ \t\u00a0]+$", re.I)


def is_label(text: str, start: int, close_end: int, open_at: int, lo: int) -> bool:
    """Whether the marked words at ``start`` name a thing instead of quoting
    anyone ('a group called “X”', 'the “X” comment'); ``lo`` bounds the look back."""
    before = text[max(lo, open_at - 60):open_at]
    if _LABEL_BEFORE_RE.search(before):
        return True
    m = _NOUN_CALLED_RE.search(before)
    if m is not None and not _RELATIVE_OPEN_RE.search(before, 0, m.start()):
        return True
    return bool(_LABEL_DET_RE.search(before)) and _LABEL_NOUN_AFTER_RE.match(text, close_end) is not None
