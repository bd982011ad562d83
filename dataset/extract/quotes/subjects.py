"""The subject of the reporter's sentence or clause that embeds a quote ("Donald Trump is
promising to “bomb the hell” out of ...", "..., and he pronounced the deal “a disaster”")."""

from __future__ import annotations

import re

from newsprov.dataset.extract.quotes.attribution import Attribution
from newsprov.dataset.extract.quotes.cues import cues_in
from newsprov.dataset.extract.quotes.lexicon import (
    AUX, CAP_STOP, CONTRACTED, CONTRACTED_SUBJ, CONTRACTION_RE, CUE_SET, DETERMINERS, EDGE_PUNCT, GROUP_HEADS,
    INTRO_WORDS, IRREGULAR_PAST, NOT_HEAD, PARTICLES_IN_NAMES, PERSON_HEADS, POSSESSIVES, POSSESSIVE_SUFFIXES,
    PRONOUNS, SPEAKER_HEADS, SUBJECT_END_RE, SUBORDINATORS, TOKEN_RE, VERB_PARTICLES,
)
from newsprov.dataset.extract.quotes.marks import QUOTE_CHARS
from newsprov.dataset.extract.quotes.phrases import np_before_plain


# Conjunctions and connectives that may open a sentence before its subject.
LEADING = re.compile(r"(?:(?:But|And|Yet|So|Still|Now|Instead|Meanwhile|However|Then"
                      r"|(?:Later|Earlier)(?!\s+(?:this|that|in|on|at|last|the)\b))\b,?\s+)*"
                      r"(?:(?:then|later|also)\b,?\s+)?")
# Adverbs opening a sentence ("Immediately after the attacks, ...",
# "Separately, ...") when a comma or a preposition follows them.
_INTRO_ADVERB_NEXT = frozenset("after before during following in on at since".split())
# Time phrases ending an introductory phrase ("Eight years ago, he ...").
_INTRO_TIME_END = ("ago,", "earlier,", "later,", "before,")
_MAX_INTRO_WORDS = 6
# Prepositions opening an introductory phrase ("Across Asia, ...", "Like
# Corker, Menendez ...", "Between 2001 and 2007, ...").
_INTRO_PREPS = frozenset(
    "across among amongst between like unlike near around within throughout behind beyond toward towards "
    "against via upon alongside besides inside outside".split())
# "in Salem, New Hampshire, ...": a place named with its state or country
# continues the phrase; the subject follows the second comma.
_IN_PLACE_END_RE = re.compile(r"\b(?:in|near|of) (?:[A-Z][\w.’'-]*[ \u00a0]){0,2}[A-Z][\w.’'-]*$")
_STATE_RE = re.compile(r"(?:[A-Z][\w’'-]*\.?[ \u00a0]?){1,3}(?<! ),[ \u00a0]+(?=\S)")
# Wire-story datelines: "WASHINGTON (AP) — ", "PHILADELPHIA, July 25 (UPI) — ",
# "PORTLAND, Ore. - " (a city outside the capitals carries its state).
_DATELINE_RE = re.compile(r"(?:[A-Z][A-Z. ]{1,40}, [A-Z][A-Za-z]{1,12}\.?(?: [A-Z][a-z]+)?|[A-Z][A-Za-z. ]{1,40})"
                          r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z. ]{1,20}\))? ?[—–―-]{1,2} ")
_SUBJ_PRONOUNS = frozenset({"He", "She", "They", "We", "I", "It"})
_SUBJ_DETERMINERS = frozenset("The A An This That These Those Some Many Several Two Three Both Most Other Multiple".split())
_SUBJ_TOKEN_RE = re.compile(r"[^\s]+")


def _time_intro(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] opens with a short time phrase and a comma ("Eight years ago, ")."""
    c = text.find(", ", lo, hi)
    return c >= 0 and len(text[lo:c].split()) <= _MAX_INTRO_WORDS and text[lo:c + 1].endswith(_INTRO_TIME_END)


def _word_at(text: str, pos: int) -> str:
    m = _WORD_AT_RE.match(text, pos)
    return m.group() if m else ""


_WORD_AT_RE = re.compile(r"[a-z]+")


# Capitalised words opening a sentence that are no subject: contractions
# ("It’s", "That’s"), sentence adverbs ("Indeed", "Hastily"), imperatives and
# prepositions ("Ask", "Beyond").
_NOT_SUBJECT = frozenset(
    "What Indeed Moreover Likewise Already Somewhere Ask Do Adding Outside Beyond Good More Its "
    "Otherwise Nevertheless Nonetheless Furthermore Besides Thus Hence Anyway Anyhow Certainly Surely".split())


def _not_subject(word: str) -> bool:
    w = word.strip(EDGE_PUNCT)
    if w in _NOT_SUBJECT or (w.endswith("ly") and w[1:].islower() and len(w) > 4):
        return True
    return w[-2:] in ("’s", "'s") and w[:-2].lower() in CONTRACTED


def attr_subject(text: str, sent_start: int, open_at: int) -> Attribution | None:
    """The subject of the reporter's sentence embedding a quote: 'Donald
    Trump is promising to “bomb the hell” out of...', 'After the debate,
    Cruz shot back: “...”'. Introductory phrases ending in a comma are
    skipped."""
    lo = LEADING.match(text, sent_start, open_at).end()
    d = _DATELINE_RE.match(text, lo, open_at)
    if d is not None:
        lo = d.end()
    head = _CAPS_HEAD_RE.match(text, lo, open_at)
    if head is not None and head.end() < open_at and text[head.end()].isupper() and text[head.end() + 1:head.end() + 2].islower():
        lo = head.end()  # a newsletter item's all-caps headline: "ROLL TIDE Alabama beat ..."
    for _ in range(3):
        t = _SUBJ_TOKEN_RE.match(text, lo, open_at)
        if t is None:
            return None
        w = t.group().strip(EDGE_PUNCT)
        lw = w.lower()
        nxt = text[t.end() + 1:t.end() + 2]
        if lw in INTRO_WORDS or (w[:1].isupper() and lw in _INTRO_PREPS) or (w[:1].isupper() and lw.endswith(("ing", "ed")) and lw not in CUE_SET
                                  and t.group()[-1:] != "," and nxt.islower()) or (
                w[:1].isupper() and lw.endswith("ly") and (
                    t.group()[-1:] == "," or _word_at(text, t.end() + 1) in _INTRO_ADVERB_NEXT)) or _time_intro(text, lo, open_at):
            c = text.find(", ", t.end() - 1, open_at)
            if c < 0:
                return None
            lo = c + 2
            if _IN_PLACE_END_RE.search(text, max(t.start(), c - 60), c):
                # "in Salem, New Hampshire, Trump ...": a place with its state
                st = _STATE_RE.match(text, lo, open_at)
                if st is not None:
                    lo = st.end()
            while lo < open_at and text[lo] in " \u00a0":
                lo += 1
            continue
        break
    toks = [(m.start(), m.end()) for m in _SUBJ_TOKEN_RE.finditer(text, lo, min(open_at, lo + 160))][:14]
    if not toks:
        return None

    def word(i: int) -> str:
        return text[toks[i][0]:toks[i][1]]

    first = word(0).lstrip("(")
    kind = "name"
    core = CONTRACTION_RE.sub("", first.rstrip(","))  # "He’s predicting": He
    if core in _SUBJ_PRONOUNS or (lo > sent_start and core.islower() and core.capitalize() in _SUBJ_PRONOUNS):
        # (lowercase after a conjunction or an introductory phrase: "But he wanted to know, “...”")
        s, e = toks[0][0], toks[0][0] + len(core)
        kind = "pronoun"
    else:
        i = 0
        if first in _SUBJ_DETERMINERS or first.lower() in {"the", "a", "an"}:
            kind = "nominal"
            i = 1
        elif first[:1].islower():
            # lowercase descriptors before a name ("party Chairman Reince Priebus")
            while i < len(toks) and i < 3 and word(i)[:1].islower() and word(i) not in NOT_HEAD \
                    and not word(i)[-1:] in ",;:" and word(i) not in CUE_SET:
                i += 1
            if i >= len(toks) or not word(i)[:1].isupper():
                return None
        # the noun phrase: capitalised words, descriptors between them, up to
        # a verb, a comma or a parenthesis
        j = i
        last_cap = -1
        while j < len(toks) and j < i + 8:
            w = word(j)
            bare = w.rstrip(",;:)").strip("“”\"")
            if not bare or w[:1] in "(“\"‘—–":
                break
            if bare[:1].isupper() or bare.lower() in PARTICLES_IN_NAMES or bare[:1].isdigit():
                last_cap = j
            elif kind == "name" and last_cap < j - 2:
                break
            elif bare in NOT_HEAD or bare in AUX or bare in CUE_SET or (
                    SUBJECT_END_RE.fullmatch(bare) and j > i and not bare.endswith("ss")):
                break
            j += 1
            if w[-1:] in ",;:)":
                break
        if kind == "name":
            j = last_cap + 1
            if 0 < j < len(toks) or (j == 0 and word(0).lower() in POSSESSIVES and len(toks) > 1):
                j = max(j, 1)
                k = _possessed_end(toks, j, word)
                if k > j:  # "Hillary Clinton’s aides", "Trump campaign officials": not Clinton, not Trump
                    j, kind = k, "nominal"
        if j <= (1 if kind == "nominal" else 0):
            return None
        s, e = toks[0][0], toks[j - 1][1]
        while e > s and text[e - 1] in ",;:)":
            e -= 1
        if kind == "name" and text[s:e].split()[0] in CAP_STOP:
            return None
        if kind == "name" and " " not in text[s:e] and _not_subject(text[s:e]):
            return None
        if kind == "nominal" and text[s:e].split()[-1][:1].isupper():
            kind = "org"
    rest = text[e:e + 2]
    if not (rest[:1] in ",(—–" or rest[:2] in {" (", " —", " –", " -"} or (rest[:1] == " " and rest[1:2].islower())):
        return None
    return Attribution((s, e, kind), None, "quote-marks/sentence-subject")


def _possessed_end(toks: list[tuple[int, int]], j: int, word) -> int:
    """Where a subject noun phrase ends when its capitalised words are not all of it.

    After a possessive ("Hillary Clinton’s aides cast ...", "His office put out ..."),
    the possessed noun and its modifiers (at most three lowercase words) belong to the
    phrase, a plural noun ending it. After a lone capitalised word, lowercase words
    ending in a speaker noun do ("Trump campaign officials said", "Nuclear
    proliferation experts have"). Verbs, adverbs, auxiliaries and function words end
    the phrase; a word right before a determiner was a verb ("Clinton's campaign took
    the unusual step"). Returns j when nothing follows that belongs to it.
    """
    last = word(j - 1)
    possessive = last.endswith(POSSESSIVE_SUFFIXES) and last.lower()[:-2] not in CONTRACTED_SUBJ or (
        j == 1 and last.lower() in POSSESSIVES)
    if not possessive and (j != 1 or not last.isalpha() or last.lower() in PRONOUNS):
        return j
    k, end = j, j
    while k < len(toks) and k < j + 3:
        w = word(k)
        bare = w.rstrip(",;:)")
        if bare in DETERMINERS or bare in POSSESSIVES or bare in PRONOUNS:
            end = min(end, k - 1) if k > j else end  # the word before was a verb
            break
        if not re.fullmatch(r"[a-z][a-z-]*", bare) or bare in AUX or bare in NOT_HEAD or bare in CUE_SET \
                or bare in VERB_PARTICLES or bare in IRREGULAR_PAST or bare.endswith(("ly", "ed")):
            break
        plural = bare.endswith("s") and not bare.endswith("ss")
        if plural and not bare in GROUP_HEADS and not (possessive and k == j):
            break
        k += 1
        if possessive or bare in SPEAKER_HEADS:
            end = k
        if plural or bare != w:
            break
    return max(end, j)


# A pronoun subject opening a coordinate or subordinate clause: "..., and he
# pronounced the deal “a disaster”", "although she made clear she has “concerns”".
_CLAUSE_SUBJ_RE = re.compile(r"(?:,|\b(?:and|but|although|though|while|as|when|because|since|after|before|yet|so|where))"
                             r"\s+(he|she|they|we|I)\s+(?=[a-z])")


def clause_subject(text: str, attr: Attribution, open_at: int) -> Attribution | None:
    """The subject of the clause holding the quote when that clause, not the
    sentence, has a subject of its own: a pronoun ("..., and he pronounced the deal
    “a disaster”") or a person or group ("..., when Sanders protesters interrupted her
    speech, shouting “...”") -- the nearest one before the quote."""
    cues = list(cues_in(text, attr.np[1], open_at))
    if any(not m.group().endswith("ing") for m in cues):
        return None  # the clause is what the subject said: "X said ... that he has “...”"
    last = None
    for m in _CLAUSE_SUBJ_RE.finditer(text, attr.np[1], open_at):
        last = m
    # (a pronoun only with no speech verb after it: in "Bradley apologized after they
    # came out, saying ...", "they" does not say it)
    best = last.span(1) + ("pronoun",) if last is not None and not cues else None
    for m in _CLAUSE_OPEN_RE.finditer(text, attr.np[1], open_at):
        if best is not None and m.end() <= best[0]:
            continue
        np = _clause_np(text, m.end(), open_at)
        if np is not None:
            best = np
    if best is None or any(c in text[best[1]:open_at] for c in QUOTE_CHARS):
        return None
    if any(m.start() < best[0] for m in cues):
        return None  # "X apologized, saying they were “...”": the clause is what X said
    return Attribution(best, None, "quote-marks/sentence-subject")


# A subordinate or coordinate clause after a comma: "..., when Sanders protesters
# interrupted", "..., where the secretary of state said", "..., and the league denounced".
_CLAUSE_OPEN_RE = re.compile(r"[,;][ \t\u00a0]+(?:and |but |when |where |while |as |after |because |though |although |"
                             r"whereas |until )?(?=\S)")
# A finite verb (optionally after an auxiliary or adverbs) ending a clause's subject.
_FINITE_RE = re.compile(r"(?:[a-z]+ly[ \t\u00a0]+)?(?:has|have|had|was|were|is|are|would|will|could|did)?[ \t\u00a0]*"
                        r"(?:[a-z]+ed|" + "|".join(sorted(IRREGULAR_PAST)) + r")\b")


def _clause_np(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """A speaker subject opening the clause at ``lo``: a name, or a nominal headed by a
    person or group noun, then a finite verb ("Sanders protesters interrupted")."""
    for t in TOKEN_RE.finditer(text, lo, min(hi, lo + 120)):
        if t.start() == lo:
            continue
        if _FINITE_RE.match(text, t.start()) is None:
            if t.group()[-1:] in ",;:" or t.group() in NOT_HEAD:
                return None
            continue
        np = np_before_plain(text, lo, t.start())
        if np is None or np[0] != lo or np[2] == "pronoun":
            return None
        head = text[np[0]:np[1]].split()[-1].lower()
        if np[2] == "name" and text[np[0]:np[1]].split()[0] in CAP_STOP:
            return None
        if np[2] == "nominal" and head not in PERSON_HEADS and head not in GROUP_HEADS and head not in SPEAKER_HEADS:
            return None
        return np
    return None


_SUBORD_RE = re.compile(r"(?:(?:But|And|Yet|So|Still|Now|Then)\s+)?(?P<w>[A-Z][a-z]+)\s")


def intro_clause_end(text: str, sent_start: int, open_at: int) -> int:
    """Where the main clause starts after an introductory subordinate clause
    ("When Trump announced his run, he ..."), or ``sent_start``."""
    m = _SUBORD_RE.match(text, sent_start, open_at)
    if m is None or m.group("w").lower() not in SUBORDINATORS:
        return sent_start
    c = text.find(", ", m.end(), open_at)
    if c < 0 or any(ch in text[m.end():c] for ch in QUOTE_CHARS) or len(text[c + 2:open_at].split()) < 2:
        return sent_start
    return c + 2


# A pronoun subject of a main clause after a comma or a coordinating conjunction.
_MAIN_CLAUSE_SUBJ_RE = re.compile(r"(?:,|\b(?:and|but|yet|so))\s+(he|she|they|we|I)\s+(?=[a-z])")


# An all-caps headline opening a paragraph (two words at least, each of two capitals or a number).
_CAPS_LETTERS = r"[‘’']?[A-Z][A-Z0-9’'‘.,:;&$%-]*[A-Z][A-Z0-9’'‘.,:;&$%-]*(?![a-z])"
_CAPS_HEAD_RE = re.compile(_CAPS_LETTERS + r"(?:[ \u00a0]+(?:" + _CAPS_LETTERS + r"|\d[\d,.]*(?![a-z])))+[ \u00a0]*")


COORD_END_RE = re.compile(r"[^,;]\s(?:and|but)[ \t\u00a0]+$")


def coordinate_subject(text: str, sent_start: int, cue_at: int) -> tuple[int, int, str] | None:
    """The subject a speech verb after "and"/"but" shares with the verb before it: the
    sentence's subject, or the subject of the introductory clause holding both verbs
    ("When Trump referred to ... and said ..."). Only a name or a pronoun."""
    last = None
    for c in _MAIN_CLAUSE_SUBJ_RE.finditer(text, sent_start, cue_at):
        last = c
    if last is not None and not any(ch in text[last.end(1):cue_at] for ch in (*QUOTE_CHARS, ",", ";")):
        return last.start(1), last.end(1), "pronoun"  # "..., he laughed and said"
    lo = sent_start
    m = _SUBORD_RE.match(text, sent_start, cue_at)
    if m is not None and m.group("w").lower() in SUBORDINATORS and ", " not in text[m.end():cue_at]:
        lo = m.end()
    attr = attr_subject(text, lo, cue_at)
    if attr is None or attr.np[2] not in ("name", "pronoun"):
        return None
    if any(c in text[attr.np[1]:cue_at] for c in QUOTE_CHARS):
        return None
    return attr.np
