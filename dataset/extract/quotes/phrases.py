"""Speaker noun phrases: the subject before a speech verb, the phrase after an inverted
one ("said Mr Smith"), after "according to"; each as (start, end, kind) with kind pronoun,
name, nominal or org."""

from __future__ import annotations

import re

from newsprov.dataset.extract.quotes.lexicon import (
    ADVERBIAL_PREPS, AUX, CAPW, CAP_STOP, CLAUSE_GAP_WORDS, CONTRACTION_RE, CUE_SET, DAY_NAMES, DETERMINERS,
    EDGE_PUNCT, GROUP_HEADS, INDEFINITE_SUBJECTS, INTRO_WORDS, NOT_HEAD, NUMBER_WORDS, OF_HEADS, OF_LINKS,
    PARTICLES_IN_NAMES, PAST_RE, PERSON_HEADS, POSSESSIVES, PREV_WORD_RE, PRONOUNS, SPACES, SUBORDINATORS, TITLES,
    TOKEN_RE, VERBISH_RE, is_adverb,
)


def np_before(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The speaker noun phrase ending right before ``hi`` (a cue start).

    Returns (start, end, kind) with kind in {"pronoun", "name", "nominal", "org"}.
    A phrase headed by a preposition of time or place is an adverbial, not the
    subject: the subject is looked for before it.
    """
    rel = _relative_subject(text, lo, hi)
    if rel is not None:
        return rel
    np = np_before_plain(text, lo, hi)
    if np is not None and np[2] != "pronoun":
        # "Another source speaking to Fox News said": who speaks is before the participle
        part = _PARTICIPLE_TO_RE.search(text, max(lo, np[0] - 30), np[0])
        if part is not None:
            outer = np_before_plain(text, lo, part.start())
            if outer is not None and outer[2] != "pronoun" and outer[1] == part.start() - 1:
                return outer
    if np is not None and np[2] != "pronoun":
        p = PREV_WORD_RE.search(text, max(lo, np[0] - 12), np[0])
        before = text[max(lo, p.start(1) - 40):p.start(1)].split() if p is not None else []
        head = text[np[0]:np[1]].split()[0]
        if p is not None and p.group(1) in ADVERBIAL_PREPS and not (
                before and before[-1][:1].isupper() and not before[-1].endswith(",")
                and head[:1].isupper() and head.lower() not in INTRO_WORDS):
            # (not inside a name: "The Council on Foreign Relations director")
            outer = np_before_plain(text, lo, p.start(1))
            if outer is not None and all(w in AUX for w in text[outer[1]:p.start(1)].replace(",", " ").split()):
                return outer
    return np


_PARTICIPLE_TO_RE = re.compile(r"(?<=\s)(?:speaking|talking|writing|responding)[ \t\u00a0]+(?:to|with|on|in)[ \t\u00a0]+$")


# A relative clause between a subject and its verb: "Swanson, who is a pastor in Elizabeth,
# Colorado, slammed ...", "Trump, who has been feuding with leaders, on Friday described ...".
RELATIVE_RE = re.compile(r", (?:who|which|whose) ")


def _relative_subject(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The noun phrase before ", who ...," when that clause runs up to the verb at ``hi``
    (only adverbs, auxiliaries or a time between its closing comma and the verb)."""
    rel = None
    for m in RELATIVE_RE.finditer(text, lo, hi):
        rel = m
    if rel is None:
        return None
    close = text.rfind(",", rel.end(), hi)
    if close < 0:
        return None
    gap = text[close + 1:hi].split()
    if len(gap) > 3 or any(not (w.lower() in CLAUSE_GAP_WORDS or w in AUX or is_adverb(w)) for w in gap):
        return None
    if any(c in text[rel.end():close] for c in ";:!?\"“”()"):
        return None
    np = np_before_plain(text, lo, rel.start())
    return np if np is not None and np[1] == rel.start() and np[2] != "pronoun" else None


# A time between a subject and its verb: "The State Department less than two weeks ago said",
# "Smith last week told".
_TIME_TAIL_RE = re.compile(
    r"[ \t\u00a0](?:(?:(?:less|more) than|about|nearly|almost|some|just|only)[ \t\u00a0]+)?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+)[ \t\u00a0]+"
    r"(?:hours?|days?|weeks?|months?|years?|decades?)[ \t\u00a0]+ago"
    r"|[ \t\u00a0](?:(?:earlier|later)[ \t\u00a0]+)?(?:last|this|next)[ \t\u00a0]+"
    r"(?:week|month|year|weekend|spring|summer|fall|autumn|winter)$")


def np_before_plain(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    toks = [m.span() for m in TOKEN_RE.finditer(text, lo, hi)][-30:]
    while toks and (text[toks[-1][0]:toks[-1][1]].lower() in AUX or is_adverb(text[toks[-1][0]:toks[-1][1]])):
        toks.pop()
    if toks:
        tail = _TIME_TAIL_RE.search(text, max(lo, toks[-1][1] - 40), toks[-1][1])
        if tail is not None and tail.end() == toks[-1][1]:
            while toks and toks[-1][0] > tail.start():
                toks.pop()
            while toks and (text[toks[-1][0]:toks[-1][1]].lower() in AUX or is_adverb(text[toks[-1][0]:toks[-1][1]])
                            or re.fullmatch(r"[a-z]+ed", text[toks[-1][0]:toks[-1][1]])):
                toks.pop()  # ("a report issued earlier this year found": the participle goes too)
    if toks and text[toks[-1][0]:toks[-1][1]] in DAY_NAMES and len(toks) > 1:
        # a day between the subject and its verb: "Priebus later Thursday told", "Smith Thursday said"
        toks = toks[:-1]
        while len(toks) > 1 and text[toks[-1][0]:toks[-1][1]] in ("on", "later", "earlier", "late", "early", "this", "last"):
            toks = toks[:-1]
    if toks and text[toks[-1][1] - 2:toks[-1][1]] == "),":
        toks = toks[:-1] + [(toks[-1][0], toks[-1][1] - 1)]  # "Gov. John Kasich (R-OH), said"
    if toks and text[toks[-1][1] - 1] == ")":
        # a parenthesis after the name: "Harry M. Reid (D-Nev.) told"
        j = len(toks) - 1
        while j >= 0 and j > len(toks) - 4 and not text[toks[j][0]] == "(":
            j -= 1
        if j > 0 and text[toks[j][0]] == "(" and text[toks[j - 1][1] - 1] not in ",;:)\"”":
            toks = toks[:j]
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
        inner_words = [text[a:b].strip(EDGE_PUNCT) for a, b in inner]
        if inner_words and all(w[:1].isupper() or w.lower() in PARTICLES_IN_NAMES for w in inner_words if w) \
                and inner_words[0] not in CAP_STOP:
            got = _np_from_tokens(text, inner)
            if got and got[2] == "name":
                return got
        got = _np_from_tokens(text, toks[: j + 1])
        if got is not None and got[2] != "name":
            # a second appositive: "Alixandria Lapp, executive director of the House
            # Majority PAC, a Democratic super PAC, said": the name before both
            k = j - 1
            while k >= 0 and k > j - 10 and not text[toks[k][0]:toks[k][1]].endswith(","):
                k -= 1
            mid = text[toks[k + 1][0]:toks[k + 1][1]].strip(EDGE_PUNCT).lower() if k + 1 <= j else ""
            if k >= 0 and text[toks[k][0]:toks[k][1]].endswith(",") and mid not in NOT_HEAD and mid not in PRONOUNS:
                first = _np_from_tokens(text, toks[: k + 1])
                if first is not None and first[2] == "name" and (k == 0 or text[toks[k - 1][1] - 1] in ",;:" or first[0] == toks[0][0]
                                                                 or _np_head(text, toks[: k + 1]) == first):
                    return first
        return got
    return _np_from_tokens(text, toks)


def _is_caps_run(text: str, toks: list[tuple[int, int]], k: int) -> bool:
    """Whether token k is all capitals and so is a neighbour: a headline's words, not an
    acronym inside a name ("NATO Secretary General")."""
    def caps(j: int) -> bool:
        w = text[toks[j][0]:toks[j][1]]
        return sum(c.isalpha() for c in w) > 1 and w.upper() == w
    return caps(k) and ((k > 0 and caps(k - 1)) or (k + 1 < len(toks) and caps(k + 1)))


def _np_from_tokens(text: str, toks: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    np = _np_head(text, toks)
    if np is None or np[2] == "pronoun":
        return np
    # "the secretary of state", "the head of the agency", "the director of the FBI":
    # the phrase begins with the person or group the "of" phrase completes
    k = next((k for k in range(len(toks) - 1, 0, -1) if toks[k][0] < np[0]), 0)
    if 0 < k and text[toks[k][0]:toks[k][1]] in OF_LINKS and toks[k][1] < np[0]:
        head = _of_head(text, toks[:k], text[toks[k][0]:toks[k][1]])
        if head is not None:
            return head[0], np[1], "nominal"
    return np


def _np_head(text: str, toks: list[tuple[int, int]]) -> tuple[int, int, str] | None:
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
    core = CONTRACTION_RE.sub("", word)  # "She’d called": She
    if core.lower() in PRONOUNS:
        return a, a + len(core), "pronoun"
    if word.lower() in INDEFINITE_SUBJECTS:
        return a, b, "nominal"  # "Yet another said, “...”", "Others said"
    if word[:1].isupper():
        # walk back over capitalised words (names with titles)
        i = len(toks) - 1
        while i > 0:
            w = text[toks[i - 1][0]:toks[i - 1][1]]
            if w[-1:] in ",;:\"”“)" or w.endswith("’s") or w.endswith("'s"):
                break
            if _is_caps_run(text, toks, i - 1):
                break  # an all-caps headline before the name: "... ISTANBUL EXPLOSION Turkish President ..."
            if w[:1].isupper() or (w.lower() in PARTICLES_IN_NAMES and i < len(toks) - 1):
                i -= 1
                continue
            break
        while i < len(toks) and text[toks[i][0]:toks[i][1]].strip("“\"(") in CAP_STOP:
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
    if not word.isalpha() or word.lower() in NOT_HEAD:
        return None
    i = len(toks) - 1
    steps = 0
    while i > 0 and steps < 4:
        w = text[toks[i - 1][0]:toks[i - 1][1]]
        lw = w.lower()
        if lw in DETERMINERS or w.endswith("’s") or w.endswith("'s"):
            return toks[i - 1][0], b, "nominal"
        if lw in OF_LINKS:
            head = _of_head(text, toks[:i - 1], lw)  # ("the secretary of state")
            if head is not None:
                return head[0], b, "nominal"
        if w[-1:] in ",;:\"”“)" or lw in NOT_HEAD:
            break
        i -= 1
        steps += 1
    after_prep = i > 0 and text[toks[i - 1][0]:toks[i - 1][1]].lower() in NOT_HEAD
    if word.lower() in PERSON_HEADS or (word.lower() in GROUP_HEADS and not after_prep):
        # (also "About 50 protesters", "Local voters"; not "an email to his supporters")
        return toks[i][0], b, "nominal"
    return None


def _of_head(text: str, toks: list[tuple[int, int]], link: str) -> tuple[int, int, str] | None:
    """The noun phrase ending the tokens when its head names people ("the secretary",
    "members", and for "of" also a group or a title: "a group", "the head"), for a
    phrase that goes on with ``link`` ("of ...", "for ...")."""
    if not toks:
        return None
    last = text[toks[-1][0]:toks[-1][1]].lower()
    if link == "of" and (last in INDEFINITE_SUBJECTS or last in NUMBER_WORDS or last.isdigit()):
        return toks[-1][0], toks[-1][1], "nominal"  # "one of her ads", "two of the officials"
    heads = PERSON_HEADS if link == "for" else PERSON_HEADS | GROUP_HEADS | TITLES | OF_HEADS
    if last not in heads:
        return None
    np = _np_from_tokens(text, toks)
    return np if np is not None and np[2] != "pronoun" and np[1] == toks[-1][1] else None


def _np_after(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The speaker noun phrase starting at ``lo`` ("said Mr Smith, a ...")."""
    m = _NP_AFTER_RE.match(text, lo, hi)
    if not m:
        return None
    s, e = m.span("np")
    word = text[s:e]
    if word.lower() in PRONOUNS:
        return s, e, "pronoun"
    first = word.split()[0]
    if first.lower() in DETERMINERS:
        return s, e, "org" if word.split()[-1][:1].isupper() else "nominal"
    if first in CAP_STOP:
        return None
    return s, e, "name"


_NP_AFTER_RE = re.compile(
    r"\s*(?P<np>(?:he|she|they|we|I)\b"
    r"|(?:the|a|an|another|one|some|many|several|both|this|these|those|his|her|their)\s+"
    # (a dot only inside or after initials: "a U.S. official", never a full stop)
    r"(?:(?:[\w’'-]|\.(?=\w)|(?<=\b[A-Z])\.)+\s+){0,3}(?:[a-z0-9][\w’'-]*)?[a-z]\b"
    r"|(?:(?:The|A|An)\s+)?(?:" + CAPW + r"[ \u00a0]+){0,6}" + CAPW +
    # lowercase descriptors before a name: "said former Obama adviser David Axelrod"
    r"|(?:[a-z][\w’'-]*[ \u00a0]+){1,4}(?:" + CAPW + r"[ \u00a0]+){0,6}" + CAPW + r")"
)


def np_at(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """A speaker noun phrase starting at ``lo`` (pronoun, nominal or name,
    possibly led by lowercase descriptors: "former Obama adviser David Axelrod")."""
    if text.startswith("it ", lo):
        return lo, lo + 2, "pronoun"  # "“Vote now,” it read."
    np = _np_after(text, lo, hi)
    if np is None:
        return None
    s, e, kind = np
    if kind == "name" and text[s:s + 1].islower():
        # descriptors around a name: "former Obama adviser David Axelrod"
        x = _NAME_TAIL_RE.match(text, e, hi)
        if x is not None:
            e = x.end()
    elif kind == "name":
        # an organisation and a role before the name: "Ohio State University
        # professor Paul Beck" (not "Trump on Monday")
        x = _NAME_TAIL_RE.match(text, e, hi)
        if x is not None:
            tail = x.group().split()
            low = [w for w in tail if w[:1].islower()]
            caps = tail[len(low):]
            if not any(w in NOT_HEAD or w in INTRO_WORDS or w in AUX or w in CUE_SET
                       or VERBISH_RE.fullmatch(w) for w in low) \
                    and caps[0] not in CAP_STOP and caps[0].lower() not in INTRO_WORDS:
                e = x.end()
    words = text[s:e].split()
    if words[0][:1].islower() and kind == "name":
        for k, w in enumerate(words):
            if w[:1].isupper():
                break
            if w == "of" and 0 < k < len(words) - 1 and words[k - 1] not in NOT_HEAD:
                continue  # a title with its domain: "former secretary of state Hillary Clinton"
            if w in NOT_HEAD or w in CUE_SET or w in SUBORDINATORS:
                return None
    elif kind in ("nominal", "org"):
        # stop a nominal before a verb it swallowed ("the 43-year-old asked",
        # "the statement read", "the nominee riffed")
        k = 1
        while k < len(words) and words[k].lower() not in CUE_SET and words[k] not in NOT_HEAD and not (
                k >= 2 and PAST_RE.fullmatch(words[k])):
            k += 1
        words = words[:k]
        e = s + len(" ".join(words)) if " ".join(words) == text[s:s + len(" ".join(words))] else e
    return s, e, kind


_PHRASE_END_RE = re.compile(r"[,.;:!?)\n]")


def np_according(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The source after "according to": a noun phrase, or a bare plural up to
    the next punctuation ("according to officials, ...")."""
    np = _np_after(text, lo, hi)
    if np is None and text[lo:lo + 1] in SPACES:
        stop = _PHRASE_END_RE.search(text, lo, hi)
        np = bare_nominal(text, lo + 1, stop.start() if stop else hi)
    return np


_BARE_WORD_RE = re.compile(r"[a-z][a-z-]*(?<!ing)(?<!ly)")


def bare_nominal(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """A plural or mass noun phrase without determiner filling the subject
    slot between a quote and its cue: "“...,” federal prosecutors wrote"."""
    words = text[lo:hi].split()
    while words and words[-1] in AUX:
        words.pop()
    if not words or len(words) > 4 or words[-1] in NOT_HEAD or words[0] in NOT_HEAD or words[0] in INTRO_WORDS \
            or words[0] in POSSESSIVES:  # "according to its analysis": the speaker's own document
        return None
    if not all(_BARE_WORD_RE.fullmatch(w) and w not in AUX for w in words):
        return None
    return lo, lo + len(" ".join(words)), "nominal"


_NAME_TAIL_RE = re.compile(r"(?: [a-z][\w’'-]*){1,3}(?: " + CAPW + ")+")
