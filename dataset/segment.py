"""Paragraph and sentence boundaries, as character offsets into the source text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprov.lang.calendar import month_names
from newsprov.lang.words import word_count

# A `date YYYY-MM-DD` header some feeds put before the first paragraph.
DATELINE_HEADER = re.compile(r"\A\s*(date (\d{4}-\d{2}-\d{2}))(?=\s)")
# Photo captions end with the picture credit ("Photograph: EPA", "(AFP Photo)").
CAPTION_CREDIT = re.compile(r"(?:\b(?:Photograph|Photo|Picture|Image)s?:\s*[^.\n]{1,60}|\([^()\n]{0,40}\bPhoto\))\s*$")
# Agency credit lines printed as a paragraph of their own.
CREDIT_LINE = re.compile(r"^\(?\s*(?:with (?:agency|wire) inputs|with inputs from [^)]{1,60}|[–—-]\s*[A-Z]{2,6})\s*\)?$", re.IGNORECASE)
# Sentence-final marks of other scripts: Urdu full stop and Arabic question mark
# (۔ ؟), Devanagari danda and double danda (। ॥), CJK full-width full stop,
# exclamation and question marks (。 ！ ？).
OTHER_TERMINALS = "۔؟।॥。！？"
TERMINAL = re.compile(rf"[.!?…:;{OTHER_TERMINALS}][\"'”’)\]」』]*$|[\"”’」』]$")
# A heading is a short line with no final punctuation; 20 words is longer than any
# headline style guide allows, and shorter than almost any body paragraph.
HEADING_MAX_WORDS = 20
# The headline, when present, comes within the first few blocks (masthead, section).
HEADLINE_WITHIN = 5

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
LINE_BREAK = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    kind: str


def _blocks(text: str, offset: int) -> list[tuple[int, int]]:
    """Non-empty blocks separated by blank lines (or by line breaks if there are none)."""
    body = text[offset:]
    splitter = PARAGRAPH_BREAK if PARAGRAPH_BREAK.search(body.strip()) else LINE_BREAK
    spans, pos = [], offset
    for match in splitter.finditer(text, offset):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        out.extend(_heading_lines(text, *_trim(text, start, end)))
    return [(s, e) for s, e in out if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    return start + lead, start + len(chunk.rstrip())


def _heading_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block made only of heading-like lines (masthead, section) is one paragraph per line."""
    lines, pos = [], start
    for match in LINE_BREAK.finditer(text, start, end):
        lines.append((pos, match.start()))
        pos = match.end()
    lines.append((pos, end))
    if len(lines) > 1 and all(_kind(text[s:e].strip()) == "heading" for s, e in lines):
        return [_trim(text, s, e) for s, e in lines]
    return [(start, end)]


def _kind(chunk: str) -> str:
    if CREDIT_LINE.match(chunk):
        return "credit"
    if CAPTION_CREDIT.search(chunk):
        return "caption"
    if not TERMINAL.search(chunk) and word_count(chunk) <= HEADING_MAX_WORDS:
        return "heading"
    return "body"


def paragraphs(text: str) -> list[Block]:
    """Split text into paragraphs with a kind each (see schemas/paragraphs.py)."""
    blocks: list[Block] = []
    offset = 0
    header = DATELINE_HEADER.match(text)
    if header:
        blocks.append(Block(header.start(1), header.end(1), "dateline"))
        offset = header.end(1)
    for start, end in _blocks(text, offset):
        blocks.append(Block(start, end, _kind(text[start:end])))
    return _mark_headline(blocks, text)


def _mark_headline(blocks: list[Block], text: str) -> list[Block]:
    """The headline is the heading right before the first body paragraph, near the top."""
    first_body = next((i for i, b in enumerate(blocks) if b.kind == "body"), None)
    if first_body is None or first_body == 0 or first_body > HEADLINE_WITHIN:
        return blocks
    prev = blocks[first_body - 1]
    if prev.kind == "heading" and word_count(text[prev.start:prev.end]) >= 3:
        blocks[first_body - 1] = Block(prev.start, prev.end, "headline")
    return blocks


# Words after which a period does not end a sentence: titles, months, common
# abbreviations of news copy (AP style). Single initials are handled by rule.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen adm lt col maj capt cmdr sgt cpl pvt sen rep gov lt.gov
    pres rev st ft mt jr sr sens reps govs vs etc approx est dept univ corp inc ltd co
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    a.m p.m u.s u.k u.n e.u d.c""".split()
)
# After a multi-letter initialism (U.S.), a period ends the sentence only when the
# next word is one that commonly opens a sentence.
SENTENCE_OPENERS = frozenset(
    "the a an he she it they we i but and in on at this that there these those his her their its".split()
)
# Abbreviations that only come before a number ("No. 5", "Vol. 2").
BEFORE_NUMBER = frozenset({"no", "nos", "vol", "art", "pp"})
# A Latin end mark needs a space and then a word that is not lower case (an upper-case
# letter, a digit, or a letter of a script without case); the other scripts' marks end a
# sentence before any word, spaced or not (CJK and often Urdu copy put no space).
CANDIDATE_END = re.compile(
    rf"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[^\W_])"
    rf"|[{OTHER_TERMINALS}]+[\"'”’)\]」』]*(?=\s*[\"'“‘(\[「『]*[^\W_])"
)
WORD_BEFORE = re.compile(r"([^\W\d_](?:[^\W\d_]|\.)*)\.$")  # (letters of any script: "Д. Песков" is an initial)
# A day written as an ordinal before a month name ("am 25. August", "25. srpna", "3. september"):
# the languages that write a day so, mid-sentence (in English "It rose 5. May was worse" ends one).
ORDINAL_DAY_LANGUAGES = frozenset("de da nb nn no is fo fi et lv lt cs sk pl sl hr sr bs hu".split())
ORDINAL_DAY = re.compile(r"(?<![\d.,])\d{1,2}\.$")
MONTH_NEXT = re.compile(r"\s+(" + "|".join(sorted(
    month_names(),
    key=lambda w: (-len(w), w))) + r")(?![^\W\d_])", re.IGNORECASE)
NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]*([A-Za-z]+)")
FIRST_CHAR = re.compile(r"\s+[\"'“‘(\[]*([^\W_])")


def _is_boundary(text: str, match: re.Match, ordinal_days: bool = False) -> bool:
    punct = match.group(0)
    if punct[0] in OTHER_TERMINALS:
        return True
    nxt = FIRST_CHAR.match(text, match.end())
    if nxt and nxt.group(1).islower():
        return False  # "e.g. the", "... and so on. then" (only cased scripts have lower case)
    if not punct.startswith("."):
        return True
    if ordinal_days and punct == "." and ORDINAL_DAY.search(text, max(0, match.start() - 3), match.end()) \
            and MONTH_NEXT.match(text, match.end()):
        return False  # "am 25. August"
    before = WORD_BEFORE.search(text, max(0, match.start() - 30), match.start() + 1)
    if not before:
        return True
    word = before.group(1)
    key = word.lower().rstrip(".")
    if len(word.rstrip(".")) == 1 and word[0].isupper():
        return False  # an initial: "C.Q. Brown", "Daniel J. Hagari"
    if key in BEFORE_NUMBER:
        return not re.match(r"\s+\d", text[match.end():match.end() + 3])
    if key in ABBREVIATIONS and "." not in key:
        return False
    if "." in word or key in ABBREVIATIONS:
        nxt = NEXT_WORD.match(text, match.end())
        return bool(nxt and nxt.group(1).lower() in SENTENCE_OPENERS)
    return True


def sentences(text: str, start: int, end: int, language: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end], whitespace trimmed. ``language`` (the text's BCP 47
    tag): in ORDINAL_DAY_LANGUAGES a full stop after a day before a month name ends nothing."""
    ordinal_days = language is not None and language.split("-")[0] in ORDINAL_DAY_LANGUAGES
    out, pos = [], start
    for match in CANDIDATE_END.finditer(text, start, end):
        if _is_boundary(text, match, ordinal_days):
            out.append((pos, match.end()))
            pos = match.end()
    out.append((pos, end))
    return [span for span in (_trim(text, s, e) for s, e in out) if span[1] > span[0]]
