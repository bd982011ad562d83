"""Sentence and paragraph bounds as the quote rules see them (offsets into the text)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator


_SENT_END_RE = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
# Abbreviations whose full stop does not end a sentence.
# Initials, and the abbreviations of AP style before a name or number: titles,
# months, states, company suffixes. A short word of a name ("Paul Beck.",
# "Ted Cruz.") does end a sentence.
_ABBREVIATIONS = (
    "Mr Mrs Ms Dr Prof Sen Sens Rep Reps Gov Govs Lt Gen Adm Col Maj Capt Sgt Cmdr Cpl Pvt Rev Hon Gens "
    "Jr Sr St Ste Ft Mt Pt Ave Blvd Rd No Nos Vol Fig Inc Co Corp Ltd Bros Dept Univ Assn "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun "
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont "
    "Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo vs etc approx est"
).split()
_ABBREV_RE = re.compile(r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|\b(?:" + "|".join(_ABBREVIATIONS) + r"))\.$")


def is_abbreviation(text: str, stop_end: int, lo: int = 0) -> bool:
    """Whether the full stop ending at ``stop_end`` closes an abbreviation or an initial
    (looking back no further than ``lo``), so that it does not end a sentence."""
    return _ABBREV_RE.search(text, max(lo, stop_end - 9), stop_end) is not None


def sentence_breaks(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The sentence splitter every rule shares: each break between two sentences inside
    text[lo:hi] (``m.start()`` at the stop, ``m.end()`` where the next sentence starts);
    a stop closing an abbreviation or an initial ("Sen.", "J. Gerald Hebert") is none."""
    for m in _SENT_END_RE.finditer(text, lo, hi):
        if not is_abbreviation(text, m.start() + 1, lo):
            yield m


def sentence_start(text: str, para_start: int, pos: int) -> int:
    """Start of the sentence containing ``pos`` (not before ``para_start``)."""
    lo = max(para_start, pos - 600)
    start = para_start if lo == para_start else lo
    for m in sentence_breaks(text, lo, pos):
        start = m.end()
    return start


def previous_sentence_start(text: str, para_start: int, sent_start: int) -> int:
    """Start of the sentence before the one starting at ``sent_start`` (in the same paragraph)."""
    return sentence_start(text, para_start, sent_start - 1)


def has_sentence_end(text: str, lo: int, hi: int) -> bool:
    """Whether a sentence ends inside text[lo:hi] (initials and titles such
    as "J. Gerald Hebert", "Sen. Chuck Schumer" do not end one)."""
    return next(sentence_breaks(text, lo, hi), None) is not None


def sentence_end(text: str, pos: int, para_end: int) -> int:
    """End of the sentence running at ``pos``: a full stop just inside the
    closing marks before ``pos`` ("bills.” That's") has already ended it."""
    k = pos
    while k > 0 and text[k - 1] in "\"”’'":
        k -= 1
    if k < pos and text[k - 1:k] == ".":
        m = _SENT_END_RE.match(text, k - 1)
        if m is not None and not is_abbreviation(text, k):
            return k
    m = next(sentence_breaks(text, pos, min(para_end, pos + 400)), None)
    return m.start() + 1 if m is not None else para_end


def previous_paragraph_end(text: str, para_start: int, lo: int = 0) -> int:
    """Where the paragraph before the one starting at ``para_start`` ends (its trailing
    white space left out, not before ``lo``)."""
    pe = para_start - 1
    while pe > lo and text[pe - 1].isspace():
        pe -= 1
    return pe


class Paragraphs:
    """Paragraph bounds by bisecting the newlines once found (rfind from the text's start
    for every quote and cue was quadratic in a long text without line breaks)."""

    def __init__(self, text: str):
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.n = len(text)

    def start(self, pos: int) -> int:
        """Just after the last newline before pos (as text.rfind("\\n", 0, pos) + 1)."""
        k = bisect.bisect_left(self.newlines, pos) - 1
        return self.newlines[k] + 1 if k >= 0 else 0

    def end(self, pos: int) -> int:
        """The first newline at or after pos, or the text's end."""
        k = bisect.bisect_left(self.newlines, pos)
        return self.newlines[k] if k < len(self.newlines) else self.n


def is_sentence_initial(text: str, pos: int) -> bool:
    """Whether a word at ``pos`` opens its sentence or paragraph (where every word is capitalised)."""
    j = pos
    while j > 0 and text[j - 1] in " \t\u00a0“\"‘'(":
        j -= 1
    if j == 0 or text[j - 1] == "\n":
        return True
    k = j
    while k > 0 and text[k - 1] in "”’\"')":
        k -= 1
    if text[k - 1:k] in (".", "!", "?", ":") and k > 0:
        return not (text[k - 1] == "." and is_abbreviation(text, k))
    return False
