"""Text folding, tokens, names and the date a dateline states (any script)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
import unicodedata
from typing import NamedTuple, Sequence

from newsprov.lang.calendar import month_names
from newsprov.dataset.compare.stories.params import (NAME_MIN_WORDS)

# Arabic-script letters written interchangeably: Arabic yeh / alef maksura ->
# Farsi yeh, Arabic kaf -> keheh, heh goal / heh doachashmee / teh marbuta -> heh.
_ARABIC_VARIANTS = {0x064A: "\u06cc", 0x0649: "\u06cc", 0x0643: "\u06a9", 0x06C1: "\u0647", 0x06BE: "\u0647", 0x0629: "\u0647"}


@functools.cache
def _fold_table() -> dict[int, object]:
    table: dict[int, object] = {}
    for cp in range(sys.maxunicode + 1):
        cat = unicodedata.category(chr(cp))
        if cat in ("Mn", "Me", "Cf"):
            table[cp] = None
        elif cat == "Nd":
            table[cp] = str(unicodedata.decimal(chr(cp)))
    table.update(_ARABIC_VARIANTS)
    return table


def fold(text: str) -> str:
    """Marks and format characters dropped, digits ASCII, letter variants unified (case kept)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", text).translate(_fold_table()))


# "U.S." / "G.O.P." / "N.A.A.C.P." written without points.
_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class Token(NamedTuple):
    text: str      # as written (folded, case kept)
    key: str       # case-folded form used for matching
    start: int     # offsets into the folded text (adjacency only)
    end: int


class Scan(NamedTuple):
    """The tokens of a folded text as parallel lists (what signatures read)."""
    texts: list[str]   # as written (folded, case kept)
    keys: list[str]    # case-folded form used for matching
    gaps: list[str]    # gaps[i]: the text between token i and token i + 1 ("" when they overlap)


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


def _key(word: str) -> str:
    return word.replace(",", "") if word[0].isdigit() else word.casefold()


def _unpoint(folded: str) -> str:
    return _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), folded)


def tokens(text: str) -> tuple[list[Token], str]:
    """Word and number tokens of `text` (folded); unspaced scripts as character bigrams."""
    folded = _unpoint(fold(text))
    return _tokens(folded), folded


def _tokens(folded: str) -> list[Token]:
    out: list[Token] = []
    append = out.append
    unspaced = _UNSPACED.search(folded) is not None
    for m in _TOKEN.finditer(folded):
        word = m.group(0)
        start, end = m.span()
        if unspaced and not word[0].isdigit() and _UNSPACED.search(word):
            low = word.casefold()
            if len(low) == 1:
                append(Token(word, low, start, end))
            for i in range(len(low) - 1):
                append(Token(word[i:i + 2], low[i:i + 2], start + i, start + i + 2))
        else:
            append(Token(word, _key(word), start, end))
    return out


def scan(folded: str) -> Scan:
    """`tokens` of an already folded text, as lists; a text without unspaced scripts is read
    by one split (the same tokens, no per-token objects)."""
    folded = _unpoint(folded)
    if _UNSPACED.search(folded) is None:
        parts = _TOKEN_SPLIT.split(folded)
        texts = parts[1::2]
        return Scan(texts, [_key(w) for w in texts], parts[2:-1:2])
    toks = _tokens(folded)
    return Scan([t.text for t in toks], [t.key for t in toks],
                [folded[a.end:b.start] for a, b in zip(toks, toks[1:])])


@functools.lru_cache(maxsize=65536)
def script_of(ch: str) -> str:
    """Unicode script family of a character by its name's first word ('LATIN', 'ARABIC', 'CJK')."""
    if ch.isdigit():
        return "DIGIT"
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "OTHER"


def names(toks: Sequence[Token], folded: str) -> list[str]:
    """Capitalised runs of NAME_MIN_WORDS+ adjacent words, split at words the
    article also writes in lower case ('The', 'Criticized'); case-folded.  Scripts
    without case yield none."""
    return scan_names(Scan([t.text for t in toks], [t.key for t in toks],
                           [folded[a.end:b.start] for a, b in zip(toks, toks[1:])]))


def scan_names(sc: Scan) -> list[str]:
    """`names` of a scanned text (words joined by one space only)."""
    texts, keys, gaps = sc
    lower = {k for w, k in zip(texts, keys) if w[0].islower()}
    found: list[str] = []
    cur: list[str] = []
    for i, (w, k) in enumerate(zip(texts, keys)):
        if w[0].isupper() and k not in lower:
            if cur and gaps[i - 1] != " ":
                if len(cur) >= NAME_MIN_WORDS:
                    found.append(" ".join(cur))
                cur = []
            cur.append(k)
        elif cur:
            if len(cur) >= NAME_MIN_WORDS:
                found.append(" ".join(cur))
            cur = []
    if len(cur) >= NAME_MIN_WORDS:
        found.append(" ".join(cur))
    return found


# ---------------------------------------------------------------------------
# Dates stated in a dateline
# ---------------------------------------------------------------------------

_MONTHS = {
    # English (full and AP abbreviations)
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Urdu, keyed as folded like the words looked up (Arabic-script variants unified: "مئی" and
# "جولائی" are "میی" and "جولایی" once folded)
_MONTHS.update({fold(name).casefold(): n for name, n in month_names("ur").items()})
_FIRST = {"یکم": 1}  # Urdu 'first' (of the month)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# A dateline's date is followed by the credit or the dash that ends the dateline.
_DATELINE_END = re.compile(r"\s*[(\[\-\u2013\u2014:]")
#: Characters from the start of an article's body searched for a dateline date.
DATELINE_CHARS = 80


def _month(word: str) -> int | None:
    return _MONTHS.get(fold(word).casefold().rstrip("."))


def dateline_date(text: str, folded: str | None = None) -> str | None:
    """The date an article states in its dateline, or None.

    Looks only at the header line newsprov writes (' date YYYY-MM-DD') and the
    first DATELINE_CHARS characters of the first body paragraph (after a headline
    paragraph): 'CAIRO, Aug. 25 (AP) --', 'Dhaka, 1 December (APP)'.  Returns ISO
    'YYYY-MM-DD', or '--MM-DD' when no year is stated.  Never guesses a year.
    `folded`: `fold(text)`, when the caller has it.
    """
    folded = fold(text) if folded is None else folded  # (fold drops a BOM, a format character)
    head = folded.lstrip()[:40]
    m = _ISO.search(head)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    paras = [p for p in re.split(r"\n\s*\n", folded.strip()) if p.strip()]
    zones = [p.strip()[:DATELINE_CHARS] for p in paras[:2]]
    for zone in zones:
        m = _ISO.search(zone)
        if m and _DATELINE_END.match(zone, m.end()):
            return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        words = list(_TOKEN.finditer(zone))
        for i, w in enumerate(words):
            month = _month(w.group(0))
            if month is None:
                continue
            day = year = None
            last = w
            nxt = words[i + 1] if i + 1 < len(words) else None
            prv = words[i - 1] if i > 0 else None
            if nxt and nxt.group(0).isdigit() and 1 <= int(nxt.group(0)) <= 31:
                day, last = int(nxt.group(0)), nxt                       # Aug 25[, 2024]
            elif prv and (prv.group(0).isdigit() and 1 <= int(prv.group(0)) <= 31 or prv.group(0) in _FIRST):
                day = _FIRST.get(prv.group(0)) or int(prv.group(0))      # 25 August[ 2024]
            if day is None:
                continue
            after = words[words.index(last) + 1] if words.index(last) + 1 < len(words) else None
            if after and len(after.group(0)) == 4 and after.group(0).isdigit() and after.start() - last.end() <= 2:
                year, last = int(after.group(0)), after
            if _DATELINE_END.match(zone, last.end()):
                return _valid(year, month, day)
    return None


def _valid(year: int | None, month: int, day: int) -> str | None:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def date_distance(a: str, b: str) -> int:
    """Days between two stated dates; with a year missing on either side, the
    distance between month-days around the year."""
    if not a.startswith("--") and not b.startswith("--"):
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    da = dt.date(2000, int(a[-5:-3]), int(a[-2:])).timetuple().tm_yday
    db = dt.date(2000, int(b[-5:-3]), int(b[-2:])).timetuple().tm_yday
    d = abs(da - db)
    return min(d, 366 - d)
