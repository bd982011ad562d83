"""Direct-quote extraction with speaker attribution for English news text.

Rules encode general conventions of English news writing:

* A quote is text between double quotation marks (straight or curly, mixed
  freely), or between curly single marks when not nested in a double quote.
  Apostrophes (’ inside or at the end of a word) are never quotation marks.
* News style never lets a quotation run across a paragraph break without
  reopening it: a paragraph that ends while a quote is open closes that quote
  at the paragraph end, and the reopened quote in the next paragraph is a
  continuation by the same speaker.
* Attribution sits next to the quote (“...,” he said / said X / according to
  X) or in the reporter's sentence that embeds it (X said officials were
  “optimistic”). A quote with no attribution of its own that follows a quote
  from a named speaker in the same or the previous paragraph is by that
  speaker.
* Pronouns are resolved to the most recent named person who spoke or was
  mentioned as a subject of a speech verb; within an article each mention
  resolves to the fullest form of the name used (Nasrallah → Hassan Nasrallah).

Offsets are Python ``str`` indices into the text as given.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["Quote", "extract_quotes"]


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str  # "full" or "partial"
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    method: str


# --- quotation marks -------------------------------------------------------

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


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) inner spans of double-quoted text, in order."""
    spans: list[tuple[int, int, bool]] = []
    open_at = -1  # index just after the open mark, or -1
    n = len(text)
    for m in _MARK_RE.finditer(text):
        i = m.start()
        ch = text[i]
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


# --- cues and speaker noun phrases ------------------------------------------

# Speech / attribution verbs of news reporting (all tenses a reporter uses).
_CUE_WORDS = (
    "said says say saying told tells tell telling added adds adding wrote writes "
    "writing noted notes noting remarked remarks remarking stated states stating "
    "explained explains explaining asked asks asking argued argues arguing declared "
    "declares insisted insists insisting warned warns warning claimed claims "
    "continued continues replied replies responded responds recalled recalls "
    "recounted acknowledged acknowledges admitted admits announced announces "
    "tweeted tweets tweeting posted called calls calling described describes "
    "describing mentioned mentions suggested suggests quipped joked complained "
    "complains conceded concedes observed observes predicted predicts promised "
    "promises vowed vows urged urges testified stressed stresses emphasized "
    "emphasised emphasizes pointed countered cautioned contended asserted asserts "
    "maintained maintains reported reports boasted boasts hinted declared "
    "shouted yelled screamed exclaimed whispered confirmed confirms announced "
    "labeled labelled dubbed branded termed deemed praised slammed blasted "
    "mocked lamented touted echoed agreed disagreed chimed quoted indicated "
    "signaled signalled threatened pledged demanded demands thinks believes "
    "believed thought wondered recalls reacted responded retorted"
).split()
# Case-insensitive: headlines capitalise verbs ("Howard Dean Tells Convention").
_CUE_RE = re.compile(
    r"\b(?:according to|in a statement|" + "|".join(sorted(set(_CUE_WORDS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

# Subject pronouns that can name a speaker; he/she resolve to a person.
_PERSONAL_PRONOUNS = frozenset({"he", "she"})
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "who", "you"})
# Words between a subject and its speech verb ("X also said", "X has said").
_AUX = frozenset(
    "also has had have was were is are would will could later then previously "
    "recently once reportedly further repeatedly again simply flatly publicly "
    "privately often had always never did does do".split()
)
# Determiners / quantifiers that open a nominal speaker ("the official").
_DETERMINERS = frozenset("the a an another one this that these those some many two three several".split())
# Capitalised words that start sentences or clauses but are not names.
_CAP_STOP = frozenset(
    "The A An But And However When Then In On At As If Yet So Also While Meanwhile "
    "After Before Later Still This That These Those Both Each Some Many It He She "
    "They We I You There Here Now Instead Earlier Last Next For With Without From "
    "Although Though Since Because Asked Speaking Even Only Just Or Nor Not No "
    "Describing Under Over Of By To Into Through".split()
)
# Titles and honorifics stripped from canonical names (everything up to and
# including the last title word is dropped: "Israeli Prime Minister Benjamin
# Netanyahu" → "Benjamin Netanyahu").
_TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev.
    sen sen. senator rep rep. representative gov gov. governor lt lt. gen gen. general
    adm adm. admiral col col. colonel maj maj. major capt capt. captain sgt sgt.
    cmdr cmdr. commander president vice minister secretary director chairman
    chairwoman chair chairperson chief judge justice mayor ambassador speaker
    leader spokesman spokeswoman spokesperson king queen prince princess pope
    sheikh ayatollah premier chancellor attorney officer commissioner
    superintendent pastor father sister brother candidate nominee""".split()
)
# Honorifics that mark a person even on a single-word name ("Mr Nasrallah").
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. prof prof.".split())
# Lowercase name particles that can sit inside a proper name.
_NAME_PARTICLES = frozenset("de del della van von der den al bin bint la le du da dos di ibn st.".split())
# Head nouns of nominal speakers that denote people (for pronoun resolution).
_PERSON_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson minister president
    director officer source sources aide aides adviser advisor analyst expert
    lawyer attorney leader chief diplomat envoy resident witness doctor teacher
    secretary senator governor lawmaker lawmakers candidate member commander""".split()
)
# Lowercase words that never end a nominal speaker (verbs, prepositions...).
_NOT_HEAD = frozenset(
    """that which who whom what and or but of to in on at for with by as from
    than not be been being it is was are were has have had will would can could
    should may might must do does did also then this these those there""".split()
)

_TOKEN_RE = re.compile(r"\S+")
_SENT_END_RE = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
# Abbreviations whose full stop does not end a sentence.
_ABBREV_RE = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b(?:[A-Za-z]\.)+[A-Za-z]|\bSt|\bNo|\bvs|\betc)\.$")
_EDGE_PUNCT = "\"“”‘’'()[]{}.,;:!?—–-…"


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() is False and tok[:1] in "Ÿ")


def _np_before(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The speaker noun phrase ending right before ``hi`` (a cue start).

    Returns (start, end, kind) with kind in {"pronoun", "name", "nominal", "org"}.
    """
    toks = [(m.start() + lo, m.end() + lo) for m in _TOKEN_RE.finditer(text[lo:hi])][-30:]
    while toks and text[toks[-1][0]:toks[-1][1]].lower() in _AUX:
        toks.pop()
    if not toks:
        return None
    last = text[toks[-1][0]:toks[-1][1]]
    if last.endswith(","):
        # Appositive: "Rear Adm. Daniel Hagari," / "The official, who spoke..., said"
        j = len(toks) - 2
        while j >= 0 and not text[toks[j][0]:toks[j][1]].endswith(","):
            j -= 1
        if j < 0:
            return None
        inner = toks[j + 1:]
        inner_words = [text[a:b].strip(_EDGE_PUNCT) for a, b in inner]
        if inner_words and all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in inner_words if w) \
                and inner_words[0] not in _CAP_STOP:
            got = _np_from_tokens(text, inner)
            if got and got[2] == "name":
                return got
        return _np_from_tokens(text, toks[: j + 1])
    return _np_from_tokens(text, toks)


def _np_from_tokens(text: str, toks: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    if not toks:
        return None
    a, b = toks[-1]
    word = text[a:b]
    stripped = word.rstrip(",;:")
    if stripped != word:
        b -= len(word) - len(stripped)
        word = stripped
    if not word or word[-1] in "\"”’)":
        return None
    if word.lower() in _PRONOUNS:
        return a, b, "pronoun"
    if word[:1].isupper():
        # walk back over capitalised words (names with titles)
        i = len(toks) - 1
        while i > 0:
            w = text[toks[i - 1][0]:toks[i - 1][1]]
            if w[-1:] in ",;:\"”“)" or w.endswith("’s") or w.endswith("'s"):
                break
            if w[:1].isupper() or (w.lower() in _NAME_PARTICLES and i < len(toks) - 1):
                i -= 1
                continue
            break
        while i < len(toks) and text[toks[i][0]:toks[i][1]].strip("“\"(") in _CAP_STOP:
            i += 1
        if i >= len(toks):
            return None
        start = toks[i][0]
        while start < b and text[start] in "“\"(‘":
            start += 1
        prev = text[toks[i - 1][0]:toks[i - 1][1]].lower() if i > 0 else ""
        first = text[toks[i][0]:toks[i][1]]
        if prev in {"the"} or (i > 0 and text[toks[i - 1][0]:toks[i - 1][1]] == "The"):
            return toks[i - 1][0], b, "org"
        if first in {"The"}:
            return start, b, "org"
        return start, b, "name"
    # nominal: "the official", "a U.S. official", "Israel’s military spokesperson"
    if not word.isalpha() or word.lower() in _NOT_HEAD:
        return None
    i = len(toks) - 1
    steps = 0
    while i > 0 and steps < 4:
        w = text[toks[i - 1][0]:toks[i - 1][1]]
        lw = w.lower()
        if lw in _DETERMINERS or w.endswith("’s") or w.endswith("'s"):
            return toks[i - 1][0], b, "nominal"
        if w[-1:] in ",;:\"”“)" or lw in _NOT_HEAD:
            break
        i -= 1
        steps += 1
    if word.lower() in _PERSON_NOUNS:
        return toks[i][0], b, "nominal"
    return None


def _np_after(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The speaker noun phrase starting at ``lo`` ("said Mr Smith, a ...")."""
    m = _NP_AFTER_RE.match(text, lo, hi)
    if not m:
        return None
    s, e = m.span("np")
    word = text[s:e]
    if word.lower() in _PRONOUNS:
        return s, e, "pronoun"
    first = word.split()[0]
    if first.lower() in _DETERMINERS:
        return s, e, "org" if word.split()[-1][:1].isupper() else "nominal"
    if first in _CAP_STOP:
        return None
    return s, e, "name"


# One word of a proper name: initials (U.S., C.Q.), a dotted title
# abbreviation (Adm., Mr.), or a capitalised word (never a sentence's full stop).
_NAME_ABBREV = r"(?:Mr|Mrs|Ms|Dr|Gen|Adm|Sen|Rep|Gov|Lt|Col|Maj|Capt|Sgt|Cmdr|Jr|Sr|St|Prof|Rev|Ft|Mt)\."
_CAPW = r"(?:(?:[A-Z]\.)+(?![a-z])|" + _NAME_ABBREV + r"|[A-Z][\w’'-]*(?<![’'-]))"
_NP_AFTER_RE = re.compile(
    r"\s*(?P<np>(?:he|she|they|we|I)\b"
    r"|(?:the|a|an|another|one)\s+(?:[\w.’'-]+\s+){0,3}[a-z]+\b"
    r"|(?:(?:The|A|An)\s+)?(?:" + _CAPW + r"[ \u00a0]+){0,6}" + _CAPW +
    # lowercase descriptors before a name: "said former Obama adviser David Axelrod"
    r"|(?:[a-z][\w’'-]*[ \u00a0]+){1,4}(?:" + _CAPW + r"[ \u00a0]+){0,6}" + _CAPW + r")"
)


def _canonical(mention: str, kind: str) -> str | None:
    """Mention text with determiners and titles removed."""
    words = mention.split()
    if kind == "pronoun":
        return None
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    if kind == "name":
        cut = 0
        for k, w in enumerate(words[:-1]):
            if w.lower() in _TITLES or w.lower().rstrip(".") in _TITLES:
                cut = k + 1
        words = words[cut:]
    out = " ".join(words).strip(_EDGE_PUNCT + " ")
    return out or None


def _is_person(mention: str, kind: str, canon: str | None) -> bool:
    if kind == "nominal":
        return mention.split()[-1].lower() in _PERSON_NOUNS
    if kind != "name" or not canon:
        return False
    first = mention.split()[0].lower()
    return len(canon.split()) >= 2 or first in _HONORIFICS or first.rstrip(".") in _HONORIFICS


# --- sentences and paragraphs ------------------------------------------------


def _sentence_start(text: str, para_start: int, pos: int) -> int:
    """Start of the sentence containing ``pos`` (not before ``para_start``)."""
    lo = max(para_start, pos - 600)
    start = para_start if lo == para_start else lo
    for m in _SENT_END_RE.finditer(text, lo, pos):
        if _ABBREV_RE.search(text, max(lo, m.start() - 8), m.start() + 1):
            continue
        start = m.end()
    return start


def _sentence_end(text: str, pos: int, para_end: int) -> int:
    for m in _SENT_END_RE.finditer(text, pos, min(para_end, pos + 400)):
        if _ABBREV_RE.search(text, max(pos, m.start() - 8), m.start() + 1):
            continue
        return m.start() + 1
    return para_end


# --- attribution ---------------------------------------------------------------


@dataclass
class _Attr:
    np: tuple[int, int, str] | None
    cue: tuple[int, int] | None
    method: str


def _attr_after(text: str, q_end: int, close_end: int, para_end: int, next_open: int) -> _Attr | None:
    """Attribution in the words following the closing mark."""
    hi = min(para_end, next_open, close_end + 160)
    tail = text[close_end:hi]
    stripped = tail.lstrip(" ,\u00a0—–-")
    if not stripped:
        return None
    lo = close_end + (len(tail) - len(stripped))
    # a new sentence after the quote belongs to itself
    ended = text[q_end - 1:q_end] in ".!?" or text[close_end:close_end + 1] == "."
    m = _CUE_RE.search(text, lo, min(hi, lo + 90))
    if not m:
        return None
    between = text[lo:m.start()]
    # News style separates a quote from its attribution with a comma (or the
    # quote's own ?, !, dash); "“size of the miracle” that saved him" is prose.
    punct_ok = text[q_end - 1:q_end] in ",!?—–-…" or text[close_end:lo].strip()[:1] in {",", "—", "–", "-"}
    if not punct_ok and between.strip():
        return None
    if between.strip() == "":
        if m.group() in {"according to"} or not ended:
            np = _np_after(text, m.end(), hi)
            if np:
                method = "quote-marks/according-to" if m.group() == "according to" else "quote-marks/cue-speaker-after"
                return _Attr(np, m.span(), method)
        return None
    if any(c in between for c in ".;:!?\"“”") and not re.fullmatch(r"[^;:!?\"“”]*", between):
        return None
    np = _np_before(text, lo, m.start())
    if not np:
        return None
    if np[0] != lo:
        # a descriptor before the name ("organizing director Kendall Fells")
        # or a long nominal ("the independent Vermont senator"): the mention
        # is the whole phrase between the quote and the cue.
        words = text[lo:np[0]].split()
        if len(words) > 8 or np[2] == "pronoun" or any(c in text[lo:np[0]] for c in ".;:!?\"“”") or not (
                np[2] == "name" or words[0][:1].isupper() or words[0].lower() in _DETERMINERS):
            return None
        np = (lo, np[1], np[2] if np[2] == "name" else "nominal")
    if ended and np[2] != "pronoun" and not text[np[0]:np[0] + 1].islower():
        # ‘... end.” Smith said.’ is rare; accept only when the cue closes it.
        if not re.match(r"\s*[.,]", text[m.end():m.end() + 3]):
            return None
    elif ended and np[2] == "pronoun" and text[np[0]].isupper():
        return None
    return _Attr(np, m.span(), "quote-marks/speaker-after")


def _attr_clause_after(text: str, close_end: int, sent_end: int) -> _Attr | None:
    """'“...” if the results are poor, Nasrallah said': the quote opens a
    sentence whose attribution follows the reporter's own clause."""
    for m in _CUE_RE.finditer(text, close_end, sent_end):
        if m.group() == "according to":
            np = _np_after(text, m.end(), sent_end)
            if np and text[close_end:m.start()].rstrip().endswith(","):
                return _Attr(np, m.span(), "quote-marks/according-to")
            return None
        np = _np_before(text, close_end, m.start())
        if np and text[close_end:np[0]].rstrip().rstrip("\"”").endswith(","):
            return _Attr(np, m.span(), "quote-marks/speaker-after-clause")
        return None
    return None


# Conjunctions and connectives that may open a sentence before its subject.
_LEADING = re.compile(r"(?:(?:But|And|Yet|So|Still|Now|Instead|Meanwhile|However|Later|Earlier|Then)\b,?\s+)*")


def _attr_subject(text: str, sent_start: int, open_at: int) -> _Attr | None:
    """The subject of the reporter's sentence embedding a partial quote:
    'Donald Trump is promising to “bomb the hell” out of...'."""
    lo = _LEADING.match(text, sent_start, open_at).end()
    m = _NP_AFTER_RE.match(text, lo, open_at)
    if not m:
        return None
    s, e = m.span("np")
    mention = text[s:e]
    rest = text[e:e + 2]
    if not (rest[:1] == "," or (rest[:1] == " " and rest[1:2].islower())):
        return None
    first = mention.split()[0]
    if first in _CAP_STOP and first.lower() not in _PRONOUNS and (
            first not in {"The", "A", "An"} or len(mention.split()) == 1):
        return None
    if mention.lower() in _PRONOUNS:
        kind = "pronoun"
    elif first.lower() in _DETERMINERS:
        kind = "org" if mention.split()[-1][:1].isupper() else "nominal"
        if kind == "nominal" and mention.split()[-1].lower() not in _PERSON_NOUNS:
            return None
    else:
        kind = "name"
    return _Attr((s, e, kind), None, "quote-marks/sentence-subject")


def _attr_before(text: str, sent_start: int, open_at: int) -> _Attr | None:
    """Attribution in the reporter's words before the quote, same sentence."""
    cues = list(_CUE_RE.finditer(text, sent_start, open_at))
    for m in reversed(cues):
        if m.group() == "according to":
            np = _np_after(text, m.end(), open_at)
            if np:
                return _Attr(np, m.span(), "quote-marks/according-to")
            continue
        if m.group().lower().endswith("ing"):
            # a participle ("..., asking the department to...") has the
            # subject of the main clause, not the noun right before it
            continue
        np = _np_before(text, sent_start, m.start())
        if np:
            return _Attr(np, m.span(), "quote-marks/speaker-before")
    label = _LABEL_RE.search(text, sent_start, open_at)
    if label and label.end() == open_at or (label and label.start() == sent_start):
        s, e = label.span("np")
        return _Attr((s, e, "name"), None, "quote-marks/speaker-label")
    return None


# Headline and summary convention "Name: “quote”" / "Name: headline ‘quote’".
_LABEL_RE = re.compile(r"(?:^|(?<=\s[-–—]\s)|(?<=\n))(?P<np>(?:" + _CAPW + r"[ \u00a0]+){0,3}" + _CAPW + r"):\s+", re.M)


def _kind(text: str, start: int, end: int, para_start: int) -> str:
    j = start - 1
    while j > para_start and text[j - 1] in " \t\u00a0":
        j -= 1
    # j is the index of the open mark; look before it
    k = j - 1
    while k >= para_start and text[k] in " \t\u00a0":
        k -= 1
    before = text[k] if k >= para_start else "\n"
    first = text[start:start + 1]
    if (first.isupper() or first.isdigit() or first in "‘'\"“…") and before in "\n:,.!?—–-(":
        return "full"
    return "partial"


def fullest_of(canon: str | None, names: set[str]) -> str | None:
    """The longest name form in ``names`` that ends with ``canon``."""
    if not canon:
        return canon
    best = canon
    for n in names:
        if len(n) > len(best) and n.endswith(" " + canon) and not n[: -len(canon)].rstrip().endswith(("’s", "'s")):
            best = n
    return best


# --- main ------------------------------------------------------------------------


def extract_quotes(text: str) -> list[Quote]:
    """All direct quotes in ``text`` with their speaker, cue and offsets."""
    spans = _quote_spans(text)
    if not spans:
        return []

    # Subjects of speech verbs across the article: the timeline pronouns
    # resolve against, and the pool of name forms for fullest-name resolution.
    subjects: list[tuple[int, str]] = []  # (position, canonical) of persons
    names: set[str] = set()
    for m in _CUE_RE.finditer(text):
        ps = text.rfind("\n", 0, m.start()) + 1
        ss = _sentence_start(text, ps, m.start()) if m.start() - ps > 0 else ps
        if m.group() == "according to":
            np = _np_after(text, m.end(), min(len(text), m.end() + 80))
        else:
            np = _np_before(text, max(ss, m.start() - 200), m.start())
        if np and np[2] != "pronoun":
            mention = text[np[0]:np[1]]
            canon = _canonical(mention, np[2])
            if canon:
                names.add(canon)
                if _is_person(mention, np[2], canon):
                    subjects.append((np[0], canon))
    q_starts = [s for s, _, _ in spans]
    runs: list[tuple[int, str, str]] = []
    for m in _NAME_RUN_RE.finditer(text):
        s0 = m.start()
        k = bisect.bisect_right(q_starts, s0) - 1
        if k >= 0 and spans[k][1] > s0:
            continue  # names inside quotes are not antecedents
        words = m.group().split()
        while words and words[0] in _CAP_STOP:
            s0 += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        mention = " ".join(words)
        canon = _canonical(mention, "name")
        if canon and len(canon.split()) >= 2:
            names.add(canon)
        if canon:
            runs.append((s0, mention, canon))
    for s0, mention, canon in runs:
        full = fullest_of(canon, names)
        if _is_person(mention, "name", full) and text[max(0, s0 - 4):s0].lower() != "the ":
            subjects.append((s0, full))

    def fullest(canon: str | None) -> str | None:
        return fullest_of(canon, names)

    subjects.sort()
    sub_pos = [p for p, _ in subjects]

    out: list[Quote] = []
    prev_para_speaker: tuple[int, str | None, _Attr, int] | None = None  # (para_start, speaker, attr, quote_end)
    starts = [s for s, _, _ in spans]
    for idx, (start, end, closed) in enumerate(spans):
        para_start = text.rfind("\n", 0, start) + 1
        para_end = text.find("\n", end)
        if para_end < 0:
            para_end = len(text)
        close_end = end + 1 if closed else end
        next_open = starts[idx + 1] - 1 if idx + 1 < len(spans) else len(text)
        kind = _kind(text, start, end, para_start)

        attr = _attr_after(text, end, close_end, para_end, next_open)
        if attr is None:
            ss = _sentence_start(text, para_start, start - 1)
            # partial quotes and quotes introduced mid-sentence take the
            # speaker of the reporter's sentence
            attr = _attr_before(text, ss, max(ss, start - 1))
            if attr is not None and kind == "partial":
                attr.method = "quote-marks/reported-speech"
            if attr is None and closed:
                attr = _attr_clause_after(text, close_end, _sentence_end(text, close_end, para_end))
        speaker: str | None = None
        if attr is not None and attr.np is not None:
            s, e, npk = attr.np
            mention = text[s:e]
            if npk == "pronoun":
                if mention.lower() in _PERSONAL_PRONOUNS:
                    k = bisect.bisect_left(sub_pos, s) - 1
                    if k >= 0:
                        speaker = fullest(subjects[k][1])
                        attr.method = "quote-marks/pronoun-resolved"
            else:
                speaker = fullest(_canonical(mention, npk))
                if speaker and _is_person(mention, npk, speaker):
                    bisect.insort(subjects, (s, speaker))
                    sub_pos = [p for p, _ in subjects]
        elif prev_para_speaker is not None and prev_para_speaker[1] is not None:
            p_start, p_speaker, p_attr, p_end = prev_para_speaker
            same_para = p_start == para_start
            # the previous quote sits in the paragraph just before this one
            prev_para = not same_para and "\n" not in text[p_end:para_start].strip() \
                and start - para_start <= 1
            if (same_para or prev_para) and kind == "full":
                speaker = p_speaker
                attr = _Attr(p_attr.np, p_attr.cue,
                             "quote-marks/same-paragraph" if same_para else "quote-marks/continued-paragraph")
        ss = _sentence_start(text, para_start, start - 1)
        if attr is None and (kind == "partial" or _CUE_RE.search(text, ss, max(ss, start - 1))):
            attr = _attr_subject(text, ss, max(ss, start - 1))
            if attr is not None and attr.np[2] == "pronoun":
                if text[attr.np[0]:attr.np[1]].lower() in _PERSONAL_PRONOUNS:
                    k = bisect.bisect_left(sub_pos, attr.np[0]) - 1
                    speaker = fullest(subjects[k][1]) if k >= 0 else None
            elif attr is not None:
                speaker = fullest(_canonical(text[attr.np[0]:attr.np[1]], attr.np[2]))
        if attr is None:
            attr = _Attr(None, None, "quote-marks/no-speaker")
        np = attr.np
        cue = attr.cue
        out.append(Quote(
            start=start, end=end, text=text[start:end], kind=kind,
            speaker=speaker,
            speaker_mention=text[np[0]:np[1]] if np else None,
            speaker_start=np[0] if np else None,
            speaker_end=np[1] if np else None,
            cue=text[cue[0]:cue[1]] if cue else None,
            cue_start=cue[0] if cue else None,
            cue_end=cue[1] if cue else None,
            method=attr.method,
        ))
        if speaker is not None:
            prev_para_speaker = (para_start, speaker, attr, end)
        elif prev_para_speaker is not None and prev_para_speaker[0] != para_start:
            prev_para_speaker = None
    return out


# Proper-name runs (titles included) anywhere in the text: the name forms a
# shorter mention may resolve to.
_NAME_RUN_RE = re.compile(r"(?:" + _CAPW + r"[ \u00a0]+){1,5}" + _CAPW)
