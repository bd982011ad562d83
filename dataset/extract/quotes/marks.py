"""Quotation marks: where quotes open and close, and the marks of archives read as curly ones."""

from __future__ import annotations

import bisect
import re


# Double marks: “ ” „ are unambiguous in direction; " and the guillemets are
# decided by their neighbours. Newlines are scanned too because a paragraph
# break closes any open quote (news quotes are reopened per paragraph).
_MARK_RE = re.compile(r'["“”„«»]|\n')
_OPEN_ONLY = frozenset("“„«")
_CLOSE_ONLY = frozenset("”»")
# Curly single quotes used as top-level marks (British style): ‘ opens at a
# word start; ’ closes only when not followed by a letter (else apostrophe:
# Israel’s, aren’t). Limited length keeps plural possessives (the Joneses’)
# from closing a far-away ‘.
_SINGLE_RE = re.compile(r"(?<![\w’'])‘(?=\S)([^‘’\n]{1,300}?\S)’(?![\w])")
_MAX_SINGLE = 300

# Characters that may precede an opening straight quote / follow a closing one.
_OPEN_PREV = frozenset(" \t\n([{—–-/:;,")
_CLOSE_NEXT = frozenset(" \t\n)]}.,;:!?—–-/…’")


# Markup left in a text (embedded posts: <tweet author="@x" id="1">): the
# marks around attribute values delimit data, not quotations.
_TAG_RE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>\n]*)?/?>")


def _mistyped_close(text: str, i: int) -> bool:
    """Whether the opening mark at ``i`` closes the open quote: it hugs the
    word before it and is followed by a space or punctuation ('unusual,“ said')."""
    prev = text[i - 1]
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    return not prev.isspace() and prev not in "([{—–-/“‘\"" and (
        nxt.isspace() or nxt in _CLOSE_NEXT)


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) inner spans of double-quoted text, in order."""
    spans: list[tuple[int, int, bool]] = []
    open_at = -1  # index just after the open mark, or -1
    n = len(text)
    tags = [m.span() for m in _TAG_RE.finditer(text)] if "<" in text else []
    tag_starts = [a for a, _ in tags]
    for m in _MARK_RE.finditer(text):
        i = m.start()
        ch = text[i]
        if tags:
            k = bisect.bisect_right(tag_starts, i) - 1
            if k >= 0 and i < tags[k][1]:
                continue
        if ch == "\n":
            if open_at >= 0:
                end = i
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                if end > open_at:
                    spans.append((open_at, end, False))
                open_at = -1
            continue
        if ch in _OPEN_ONLY:
            role = "open"
            if ch == "“" and open_at >= 0 and i > open_at and _mistyped_close(text, i):
                role = "close"  # “It's unusual,“ said X: a closing mark typed as an opening one
        elif ch in _CLOSE_ONLY:
            role = "close"
        else:  # straight quote: decide by neighbours, else toggle
            prev = text[i - 1] if i else "\n"
            nxt = text[i + 1] if i + 1 < n else "\n"
            can_open = (prev in _OPEN_PREV or prev in "“‘\"") and not nxt.isspace()
            can_close = not prev.isspace() and (nxt in _CLOSE_NEXT or nxt in "”\"")
            if can_open and not can_close:
                role = "open"
            elif can_close and not can_open:
                role = "close"
            else:
                role = "close" if open_at >= 0 else "open"
        if role == "open":
            # A second opener while open means the first was stray (or its
            # close is missing); keep the most recent, which the text continues.
            open_at = i + 1
        elif open_at >= 0:
            if i > open_at:
                spans.append((open_at, i, True))
            open_at = -1
        # a close with nothing open is a stray mark: ignored
    if open_at >= 0:
        end = n
        while end > open_at and text[end - 1].isspace():
            end -= 1
        if end > open_at:
            spans.append((open_at, end, False))
    # top-level single-quoted spans not inside a double-quoted one
    if "‘" in text:
        starts = [s for s, _, _ in spans]
        extra = []
        for m in _SINGLE_RE.finditer(text):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and spans[k][1] >= m.start():
                continue
            extra.append((m.start(1), m.end(1), True))
        if extra:
            spans = sorted(spans + extra)
    return spans


CLOSING_MARKS = "'’\"” \u00a0"
QUOTE_CHARS = frozenset('"“”„«»')


def inside(spans: list[tuple[int, int, bool]], starts: list[int], pos: int) -> bool:
    """Whether pos lies inside one of the quote spans (starts: their starts, sorted)."""
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][1] > pos


# Plain text from newspaper archives and treebanks types double quotation marks as two
# apostrophes (''That wasn't a good way to treat me,'' he complained) or opens them with
# two backquotes (``...''). Read as curly marks, a no-break space standing in for the
# second character, so that every offset stays the offset in the source.
_DOUBLED_RE = re.compile(r"``|''")
_DOUBLED_OPEN_PREV = frozenset("([{—–-/")


def standard_marks(text: str) -> str:
    """``text`` with doubled-apostrophe and double-backquote quotation marks as “ and ”
    (same length: each two-character mark becomes a mark and a no-break space)."""
    if "''" not in text and "``" not in text:
        return text
    parts, last, is_open, line = [], 0, False, 0
    for m in _DOUBLED_RE.finditer(text):
        i, j = m.span()
        if i < last:
            continue  # (the apostrophe already taken by a three-apostrophe close)
        if text.rfind("\n", line, i) >= 0:
            is_open, line = False, i  # a paragraph break closes any quote
        if m.group() == "''" and j < len(text) and text[j] == "'" and i and not text[i - 1].isspace():
            i, j = i + 1, j + 1  # three apostrophes closing: a nested quote's ' and then ''
        prev = text[i - 1] if i else "\n"
        nxt = text[j] if j < len(text) else "\n"
        can_open = prev.isspace() or prev in _DOUBLED_OPEN_PREV
        can_close = not prev.isspace() or nxt.isspace()  # (", '' said": a close after a stray space)
        if m.group() == "``" or (can_open and not nxt.isspace() and not (is_open and can_close)):
            mark, is_open = "\u00a0“", True  # opening: the quote starts right after it
        elif can_close:
            mark, is_open = "”\u00a0", False  # closing: the quote ends right before it
        else:
            continue
        parts += [text[last:i], mark]
        last = j
    return "".join(parts) + text[last:]
