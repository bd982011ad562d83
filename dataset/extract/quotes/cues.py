"""Speech cues (said, told, according to, ...) in running text: found once per text, each
checked to be a verb, not a noun ("his remarks") nor a Title Case word outside a headline."""

from __future__ import annotations

import bisect
import re

from newsprov.dataset.extract.quotes.lexicon import (
    CONTRACTED_SUBJ, CUE_ADJECTIVES, CUE_ALL, CUE_WORDS, NOUN_DETS, PREPOSITIONS, trie_pattern,
)


# Case-sensitive: lowercase in running text; Title Case forms are accepted
# only in headline-style paragraphs ("Howard Dean Tells Convention"), since
# "United States" or "Consumer Reports" are not speech verbs.
_CUE_RE = re.compile(
    r"\b(?:" + trie_pattern(CUE_ALL) + "|" + trie_pattern([w[:1].upper() + w[1:] for w in CUE_ALL]) + r")\b")


_MAX_HEADLINE = 600


def is_headline(text: str, pos: int) -> bool:
    """Whether the paragraph around ``pos`` is in headline Title Case."""
    # (a headline has at most 30 words: a paragraph longer than _MAX_HEADLINE characters is
    # none, found without scanning all of a long one)
    ps = text.rfind("\n", max(0, pos - _MAX_HEADLINE), pos) + 1
    pe = text.find("\n", pos, pos + _MAX_HEADLINE)
    if (ps == 0 and pos > _MAX_HEADLINE) or (pe < 0 and len(text) - pos > _MAX_HEADLINE):
        return False
    words = text[ps:pe if pe >= 0 else len(text)].split()
    if not words or len(words) > 30:
        return False
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return caps * 4 >= len(words) * 3


# The cue matches of the last text seen, each with what its checks found: every quote looks
# for cues in parts of its text many times. (A tuple swapped in whole, so a thread never
# reads another's half.)
_CUE_INDEX: tuple[str, list[int], list[re.Match], list[tuple[bool, int]]] | None = None


def cues_in(text: str, lo: int, hi: int):
    """Speech-cue matches in text[lo:hi], Title Case ones only in headlines."""
    global _CUE_INDEX
    index = _CUE_INDEX
    if index is None or index[0] is not text:
        found = list(_CUE_RE.finditer(text))
        index = _CUE_INDEX = (text, [m.start() for m in found], found, [_cue_check(text, m) for m in found])
    _, starts, found, checks = index
    for k in range(bisect.bisect_left(starts, lo), len(found)):
        m = found[k]
        if m.end() > hi:
            if m.start() >= hi:
                return
            continue
        ok, prep_at = checks[k]
        if ok and prep_at < lo:
            yield m


def _cue_check(text: str, m: re.Match) -> tuple[bool, int]:
    """Whether a cue match is a speech verb (a Title Case one only in a headline, none
    after a determiner or possessive), and where a preposition right before it starts
    (-1 if none): "in states that vote", "of remarks" are nouns when the preposition is
    inside the span searched."""
    g = m.group()
    if g[:1].isupper() and g != "According to" and not is_headline(text, m.start()):
        return False, -1
    prev = _prev_token(text, m.start())
    if prev is not None and _is_noun_use(text, m.start(), prev=prev):
        return False, -1
    if prev is not None and prev[1] in PREPOSITIONS and not g.endswith("ing"):
        return True, prev[0]
    return True, -1


def _prev_token(text: str, pos: int) -> tuple[int, str] | None:
    """The token before ``pos`` (where it starts, its text) when spaces, not a line
    break, separate them, looking back at most 40 characters."""
    floor = max(0, pos - 40)
    j = pos
    while j > floor and text[j - 1] in " \t\u00a0":
        j -= 1
    if j == pos:
        return None
    k = j
    while k > floor and not text[k - 1].isspace():
        k -= 1
    if k == j or (k == floor and k > 0 and not text[k - 1].isspace()):
        return None
    return k, text[k:j]


def _is_noun_use(text: str, pos: int, adjective_ok: bool = True, prev: tuple[int, str] | None = None) -> bool:
    """Whether the cue word at ``pos`` follows a determiner or a possessive, perhaps with
    an adjective between ("Trump’s repeated calls", "his latest remarks"). ``prev`` is
    the token before it when already known."""
    m = prev or _prev_token(text, pos)
    if m is None:
        return False
    w = m[1]
    if w.lower() in NOUN_DETS:
        return True
    if adjective_ok and (w in CUE_ADJECTIVES or (w.endswith("ed") and w.isalpha() and w.islower())):
        return _is_noun_use(text, m[0], adjective_ok=False)
    # a possessive, not a contraction ("He's said" is "he has said")
    return w.endswith(("’s", "'s")) and w[:-2].lower() not in CONTRACTED_SUBJ


def cue_search(text: str, lo: int, hi: int):
    return next(cues_in(text, lo, hi), None)


_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be)[ \t\u00a0]+(?:(?:[a-z]+ly|then|also|later|again|once|first|not|never|still)[ \t\u00a0]+)?$")


def is_passive(text: str, sent_start: int, m: re.Match) -> bool:
    """Whether the cue match is a participle after a form of "be" ("was asked", "is
    quoted"): its subject is spoken to or about, not speaking."""
    return m.group()[-2:] in ("ed", "ld") \
        and _PASSIVE_BEFORE_RE.search(text, max(sent_start, m.start() - 24), m.start()) is not None


# A verb-first introduction of a quote paragraph: "Stated Stone:", "Added the senator:".
INVERTED_INTRO_RE = re.compile(r"[ \t\u00a0]*(?P<cue>" + trie_pattern([w[:1].upper() + w[1:] for w in CUE_WORDS if w.endswith(("ed", "said", "wrote", "told"))])
                                + r")[ \u00a0]+(?P<np>(?:(?:[Tt]he|[Aa]n?) )?(?:[\w.’'-]+ ){0,4}[\w.’'-]+):")


# A sentence opened by a speech participle alone: "Adding, “...”", "Continuing: “...”".
PARTICIPLE_LEAD_RE = re.compile(r"(?:" + trie_pattern([w.capitalize() for w in CUE_WORDS if w.endswith("ing")]) + r")[,:][ \t\u00a0]*")
