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
import collections
import re
from collections.abc import Mapping
from dataclasses import dataclass

from newsprov.dataset.extract.speakers import (
    DOCUMENT_NOUNS, HEADER_WORDS, OFFICE_NOUNS, ORG_NAME_HEADS, PERSON_NOUNS, Evidence, Timeline, clean_name, expand_title, name_kind,
    describes, document_author, nominal_kind, role_matches, singular, strip_possessive,
)

__all__ = ["Quote", "extract_quotes"]


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str  # "full" or "partial"
    speaker: str | None
    # person, organisation, group, role; unresolved when the mention stands for no speaker
    # the rules can name (a pronoun with no antecedent, a document); None with no mention
    speaker_kind: str | None
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


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
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


# --- cues and speaker noun phrases ------------------------------------------

# Speech / attribution verbs of news reporting (all tenses a reporter uses).
_CUE_WORDS = (
    "said says say saying told tells tell telling added adds adding wrote writes "
    "writing written noted notes noting remarked remarks remarking stated states stating "
    "explained explains explaining asked asks asking argued argues arguing declared "
    "declares insisted insists insisting warned warns warning claimed claims "
    "continued continues replied replies responded responds recalled recalls "
    "recounted acknowledged acknowledges admitted admits announced announces "
    "tweeted tweets tweeting posted called calls calling described describes "
    "describing mentioned mentions suggested suggests quipped joked complained "
    "complains conceded concedes observed observes predicted predicts promised "
    "promises promising vowed vows vowing urged urges testified stressed stresses emphasized "
    "emphasised emphasizes pointed countered cautioned contended asserted asserts "
    "maintained maintains reported reports boasted boasts hinted declared "
    "shouted shouting yelled yelling screamed screaming exclaimed whispered confirmed confirms announced "
    "labeled labelled dubbed branded termed deemed praised slammed blasted "
    "mocked lamented touted echoed agreed disagreed chimed quoted indicated "
    "signaled signalled threatened pledged demanded demands thinks believes "
    "believed thought wondered recalls reacted responded retorted "
    "alleges answered elaborated proclaimed proclaims speculated speculates reads "
    "chanted chanting chants cited cites citing accused accuses accusing commented "
    "interjected mused scoffed huffed griped fumed grumbled bragged gushed opined texted emailed chided "
    "reiterated reiterates clarified confided assured pleaded implored inquired sniped railed"
).split()
_CUE_PHRASES = ("according to", "in a statement", "put it", "puts it")


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation factored into a prefix trie: the engine tests one
    branch per first letter instead of every word at every position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?" if len(alts) > 1 or len(alts[0]) > 1 else body + "?"
        return body

    return emit(trie)


_CUE_SET = frozenset(_CUE_WORDS)
_CUE_CAPITALISED = frozenset(w[:1].upper() + w[1:] for w in _CUE_WORDS)
# Cues whose object, not their subject, follows them ("told her supporters",
# "called him a liar"): never inverted like "said Smith".
_OBJECT_CUES = frozenset(
    """told tells tell telling called calls calling urged urges urging praised praising slammed
    slamming blasted blasting mocked mocking labeled labelled labeling labelling dubbed dubbing
    branded branding termed deemed described describes describing quoted quoting asked asks
    asking""".split())

_CUE_ALL = sorted(set(_CUE_WORDS) | set(_CUE_PHRASES))
# Case-sensitive: lowercase in running text; Title Case forms are accepted
# only in headline-style paragraphs ("Howard Dean Tells Convention"), since
# "United States" or "Consumer Reports" are not speech verbs.
_CUE_RE = re.compile(
    r"\b(?:" + _trie_pattern(_CUE_ALL) + "|" + _trie_pattern([w[:1].upper() + w[1:] for w in _CUE_ALL]) + r")\b")


_MAX_HEADLINE = 600


def _is_headline(text: str, pos: int) -> bool:
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


def _cues(text: str, lo: int, hi: int):
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
    if g[:1].isupper() and g != "According to" and not _is_headline(text, m.start()):
        return False, -1
    prev = _prev_token(text, m.start())
    if prev is not None and _is_noun_use(text, m.start(), prev=prev):
        return False, -1
    if prev is not None and prev[1] in _PREPOSITIONS and not g.endswith("ing"):
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


_PREPOSITIONS = frozenset("in of for from with by on at into across among about against between".split())
# Determiners and possessives: a speech verb's form right after one is a
# noun ("Trump's remarks", "his claims", "the calls"), not a verb.
_NOUN_DETS = frozenset("the a an his her its their our my your this these those".split())
_CONTRACTED_SUBJ = frozenset("he she it that there what who here where".split())


def _is_noun_use(text: str, pos: int, adjective_ok: bool = True, prev: tuple[int, str] | None = None) -> bool:
    """Whether the cue word at ``pos`` follows a determiner or a possessive, perhaps with
    an adjective between ("Trump’s repeated calls", "his latest remarks"). ``prev`` is
    the token before it when already known."""
    m = prev or _prev_token(text, pos)
    if m is None:
        return False
    w = m[1]
    if w.lower() in _NOUN_DETS:
        return True
    if adjective_ok and (w in _CUE_ADJECTIVES or (w.endswith("ed") and w.isalpha() and w.islower())):
        return _is_noun_use(text, m[0], adjective_ok=False)
    # a possessive, not a contraction ("He's said" is "he has said")
    return w.endswith(("’s", "'s")) and w[:-2].lower() not in _CONTRACTED_SUBJ


# Adjectives that come between a determiner and a speech noun: "his recent remarks".
_CUE_ADJECTIVES = frozenset(
    """recent latest public private frequent earlier previous repeated initial final original own
    new first last past many several numerous angry""".split())


def _cue_search(text: str, lo: int, hi: int):
    return next(_cues(text, lo, hi), None)


# Subject pronouns that can name a speaker; he/she resolve to a person.
_PERSONAL_PRONOUNS = frozenset({"he", "she"})
# The forms of those that resolve to the person named before them ("led her to declare").
_PERSON_PRONOUN_FORMS = _PERSONAL_PRONOUNS | {"him", "her"}
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "who", "you"})
# Words between a subject and its speech verb ("X also said", "X has said").
_AUX = frozenset(
    "also has had have was were is are would will could later then previously "
    "recently once reportedly further repeatedly again simply flatly publicly "
    "privately often had always never did does do may might must should can "
    "can't won't wouldn't didn't doesn't don't still even just".split()
)
# Determiners / quantifiers that open a nominal speaker ("the official").
_DETERMINERS = frozenset("the a an another one this that these those some many two three several".split())
# Capitalised words that start sentences or clauses but are not names.
_CAP_STOP = frozenset(
    "The A An But And However When Then In On At As If Yet So Also While Meanwhile "
    "After Before Later Still This That These Those Both Each Some Many It He She "
    "They We I You There Here Now Instead Earlier Last Next For With Without From "
    "Although Though Since Because Asked Speaking Even Only Just Or Nor Not No "
    "Describing Under Over Of By To Into Through Neither Either Whether What Why How Who Where Which".split()
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
    superintendent pastor father sister brother candidate nominee sheriff congressman congresswoman
    ceo editor host co-host anchor correspondent columnist coach founder publisher analyst
    strategist pollster""".split()
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
# A word space: news text often sets a no-break space between words ("writes\u00a0Nate Silver").
_SPACES = (" ", "\u00a0")
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
_EDGE_PUNCT = "\"“”‘’'()[]{}.,;:!?—–-…"


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() is False and tok[:1] in "Ÿ")


# Lowercase words in -ly that are no adverbs ("the family said").
_LY_NOUNS = frozenset("family ally rally assembly supply daily weekly monthly quarterly early belly bully "
                      "anomaly monopoly homily lily jelly folly".split())


def _is_adverb(word: str) -> bool:
    """A manner or time adverb between a subject and its verb ("she angrily said")."""
    return len(word) > 4 and word.endswith("ly") and word.isalpha() and word.islower() and word not in _LY_NOUNS


# Prepositions of time and place heading an adverbial between a subject and
# its verb ("Trump at the time said", "Beck, who has in the past described").
_ADVERBIAL_PREPS = frozenset("at in on during since throughout".split())
_PREV_WORD_RE = re.compile(r"(?<![\w’'.-])([a-z]+)[ \t\u00a0]+$")


def _np_before(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The speaker noun phrase ending right before ``hi`` (a cue start).

    Returns (start, end, kind) with kind in {"pronoun", "name", "nominal", "org"}.
    A phrase headed by a preposition of time or place is an adverbial, not the
    subject: the subject is looked for before it.
    """
    rel = _relative_subject(text, lo, hi)
    if rel is not None:
        return rel
    np = _np_before_plain(text, lo, hi)
    if np is not None and np[2] != "pronoun":
        # "Another source speaking to Fox News said": who speaks is before the participle
        part = _PARTICIPLE_TO_RE.search(text, max(lo, np[0] - 30), np[0])
        if part is not None:
            outer = _np_before_plain(text, lo, part.start())
            if outer is not None and outer[2] != "pronoun" and outer[1] == part.start() - 1:
                return outer
    if np is not None and np[2] != "pronoun":
        p = _PREV_WORD_RE.search(text, max(lo, np[0] - 12), np[0])
        before = text[max(lo, p.start(1) - 40):p.start(1)].split() if p is not None else []
        head = text[np[0]:np[1]].split()[0]
        if p is not None and p.group(1) in _ADVERBIAL_PREPS and not (
                before and before[-1][:1].isupper() and not before[-1].endswith(",")
                and head[:1].isupper() and head.lower() not in _INTRO_WORDS):
            # (not inside a name: "The Council on Foreign Relations director")
            outer = _np_before_plain(text, lo, p.start(1))
            if outer is not None and all(w in _AUX for w in text[outer[1]:p.start(1)].replace(",", " ").split()):
                return outer
    return np


_PARTICIPLE_TO_RE = re.compile(r"(?<=\s)(?:speaking|talking|writing|responding)[ \t\u00a0]+(?:to|with|on|in)[ \t\u00a0]+$")


_CLAUSE_CLOSED_RE = re.compile(r",[ \t\u00a0]+[a-z]+[ \t\u00a0]+\w")


# A relative clause between a subject and its verb: "Swanson, who is a pastor in Elizabeth,
# Colorado, slammed ...", "Trump, who has been feuding with leaders, on Friday described ...".
_RELATIVE_RE = re.compile(r", (?:who|which|whose) ")
_CLAUSE_GAP_WORDS = frozenset(
    """also then later again still now once first last on in at this that next week month year
    morning afternoon evening night today yesterday tonight monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december""".split())


def _relative_subject(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The noun phrase before ", who ...," when that clause runs up to the verb at ``hi``
    (only adverbs, auxiliaries or a time between its closing comma and the verb)."""
    rel = None
    for m in _RELATIVE_RE.finditer(text, lo, hi):
        rel = m
    if rel is None:
        return None
    close = text.rfind(",", rel.end(), hi)
    if close < 0:
        return None
    gap = text[close + 1:hi].split()
    if len(gap) > 3 or any(not (w.lower() in _CLAUSE_GAP_WORDS or w in _AUX or _is_adverb(w)) for w in gap):
        return None
    if any(c in text[rel.end():close] for c in ";:!?\"“”()"):
        return None
    np = _np_before_plain(text, lo, rel.start())
    return np if np is not None and np[1] == rel.start() and np[2] != "pronoun" else None


# A time between a subject and its verb: "The State Department less than two weeks ago said",
# "Smith last week told".
_TIME_TAIL_RE = re.compile(
    r"[ \t\u00a0](?:(?:(?:less|more) than|about|nearly|almost|some|just|only)[ \t\u00a0]+)?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+)[ \t\u00a0]+"
    r"(?:hours?|days?|weeks?|months?|years?|decades?)[ \t\u00a0]+ago"
    r"|[ \t\u00a0](?:(?:earlier|later)[ \t\u00a0]+)?(?:last|this|next)[ \t\u00a0]+"
    r"(?:week|month|year|weekend|spring|summer|fall|autumn|winter)$")


def _np_before_plain(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    toks = [(m.start() + lo, m.end() + lo) for m in _TOKEN_RE.finditer(text[lo:hi])][-30:]
    while toks and (text[toks[-1][0]:toks[-1][1]].lower() in _AUX or _is_adverb(text[toks[-1][0]:toks[-1][1]])):
        toks.pop()
    if toks:
        tail = _TIME_TAIL_RE.search(text, max(lo, toks[-1][1] - 40), toks[-1][1])
        if tail is not None and tail.end() == toks[-1][1]:
            while toks and toks[-1][0] > tail.start():
                toks.pop()
            while toks and (text[toks[-1][0]:toks[-1][1]].lower() in _AUX or _is_adverb(text[toks[-1][0]:toks[-1][1]])
                            or re.fullmatch(r"[a-z]+ed", text[toks[-1][0]:toks[-1][1]])):
                toks.pop()  # ("a report issued earlier this year found": the participle goes too)
    if toks and text[toks[-1][0]:toks[-1][1]] in _DAYS and len(toks) > 1:
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
        inner_words = [text[a:b].strip(_EDGE_PUNCT) for a, b in inner]
        if inner_words and all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in inner_words if w) \
                and inner_words[0] not in _CAP_STOP:
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
            mid = text[toks[k + 1][0]:toks[k + 1][1]].strip(_EDGE_PUNCT).lower() if k + 1 <= j else ""
            if k >= 0 and text[toks[k][0]:toks[k][1]].endswith(",") and mid not in _NOT_HEAD and mid not in _PRONOUNS:
                first = _np_from_tokens(text, toks[: k + 1])
                if first is not None and first[2] == "name" and (k == 0 or text[toks[k - 1][1] - 1] in ",;:" or first[0] == toks[0][0]
                                                                 or _np_head(text, toks[: k + 1]) == first):
                    return first
        return got
    return _np_from_tokens(text, toks)


_DAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
def _is_caps_run(text: str, toks: list[tuple[int, int]], k: int) -> bool:
    """Whether token k is all capitals and so is a neighbour: a headline's words, not an
    acronym inside a name ("NATO Secretary General")."""
    def caps(j: int) -> bool:
        w = text[toks[j][0]:toks[j][1]]
        return sum(c.isalpha() for c in w) > 1 and w.upper() == w
    return caps(k) and ((k > 0 and caps(k - 1)) or (k + 1 < len(toks) and caps(k + 1)))


# Indefinite pronouns that are whole subjects ("another said", "others argued").
_INDEFINITE_SUBJECTS = frozenset("another others one some many several both most".split())


def _np_from_tokens(text: str, toks: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    np = _np_head(text, toks)
    if np is None or np[2] == "pronoun":
        return np
    # "the secretary of state", "the head of the agency", "the director of the FBI":
    # the phrase begins with the person or group the "of" phrase completes
    k = next((k for k in range(len(toks) - 1, 0, -1) if toks[k][0] < np[0]), 0)
    if 0 < k and text[toks[k][0]:toks[k][1]] in _OF_LINKS and toks[k][1] < np[0]:
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
    core = _CONTRACTION_RE.sub("", word)  # "She’d called": She
    if core.lower() in _PRONOUNS:
        return a, a + len(core), "pronoun"
    if word.lower() in _INDEFINITE_SUBJECTS:
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
        if lw in _OF_LINKS:
            head = _of_head(text, toks[:i - 1], lw)  # ("the secretary of state")
            if head is not None:
                return head[0], b, "nominal"
        if w[-1:] in ",;:\"”“)" or lw in _NOT_HEAD:
            break
        i -= 1
        steps += 1
    after_prep = i > 0 and text[toks[i - 1][0]:toks[i - 1][1]].lower() in _NOT_HEAD
    if word.lower() in _PERSON_NOUNS or (word.lower() in _GROUP_NOUNS and not after_prep):
        # (also "About 50 protesters", "Local voters"; not "an email to his supporters")
        return toks[i][0], b, "nominal"
    return None


# Nouns for a person or group that an "of" phrase completes: "the head of the agency";
# "for" completes a person noun only: "a spokesman for the campaign".
_OF_LINKS = frozenset({"of", "for"})
_OF_HEADS = frozenset({"head", "heads"})
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozens hundreds thousands none".split())


def _of_head(text: str, toks: list[tuple[int, int]], link: str) -> tuple[int, int, str] | None:
    """The noun phrase ending the tokens when its head names people ("the secretary",
    "members", and for "of" also a group or a title: "a group", "the head"), for a
    phrase that goes on with ``link`` ("of ...", "for ...")."""
    if not toks:
        return None
    last = text[toks[-1][0]:toks[-1][1]].lower()
    if link == "of" and (last in _INDEFINITE_SUBJECTS or last in _NUMBER_WORDS or last.isdigit()):
        return toks[-1][0], toks[-1][1], "nominal"  # "one of her ads", "two of the officials"
    heads = _PERSON_NOUNS if link == "for" else _PERSON_NOUNS | _GROUP_NOUNS | _TITLES | _OF_HEADS
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
    r"|(?:the|a|an|another|one|some|many|several|both|this|these|those|his|her|their)\s+"
    # (a dot only inside or after initials: "a U.S. official", never a full stop)
    r"(?:(?:[\w’'-]|\.(?=\w)|(?<=\b[A-Z])\.)+\s+){0,3}(?:[a-z0-9][\w’'-]*)?[a-z]\b"
    r"|(?:(?:The|A|An)\s+)?(?:" + _CAPW + r"[ \u00a0]+){0,6}" + _CAPW +
    # lowercase descriptors before a name: "said former Obama adviser David Axelrod"
    r"|(?:[a-z][\w’'-]*[ \u00a0]+){1,4}(?:" + _CAPW + r"[ \u00a0]+){0,6}" + _CAPW + r")"
)


def _canonical(mention: str, kind: str, evidence: Evidence | None = None, sentence_initial: bool = False) -> str | None:
    """Mention text with determiners and titles removed (and, for names, what
    speakers.clean_name strips: possessives, party labels, departments after a title)."""
    if evidence is None:
        return _canonical_form(mention, kind, None, sentence_initial)
    key = ("canonical", mention, kind, sentence_initial)
    if key not in evidence.memo:
        evidence.memo[key] = _canonical_form(mention, kind, evidence, sentence_initial)
    return evidence.memo[key]


def _canonical_form(mention: str, kind: str, evidence: Evidence | None, sentence_initial: bool) -> str | None:
    words = mention.split()
    if kind == "pronoun":
        return None
    if words and words[0].lower() in _DETERMINERS and words[1:2] != ["of"]:
        words = words[1:]  # (not in "one of her ads")
    if kind in ("name", "org") and words:
        words[-1] = strip_possessive(words[-1])
        if words and words[0] in _CUE_CAPITALISED and len(words) > 1:
            words = words[1:]  # "Added Gibbs", a verb-first attribution's name
    if kind == "name":
        cut = 0
        for k, w in enumerate(words[:-1]):
            if w.lower() in _TITLES or w.lower().rstrip(".") in _TITLES or describes(w):
                cut = k + 1
        if not (cut and words[-1].lower() in ORG_NAME_HEADS):  # ("Justice Department" is no Justice)
            words = words[cut:]
        words = clean_name(words, evidence, sentence_initial and cut == 0)
        # "former Obama speechwriter Jon Favreau" / "Trump’s lawyer Michael
        # Cohen": the name is what follows the last descriptor word
        for k in range(len(words) - 2, -1, -1):
            w = words[k]
            if w in ("and", "&"):
                continue  # two people: "Frank Newport and Jim Harter"
            if (w[:1].islower() and w.lower() not in _NAME_PARTICLES) or w.endswith(("’s", "'s")):
                if all(x[:1].isupper() for x in words[k + 1:]):
                    words = words[k + 1:]
                break
    out = " ".join(words).strip(_EDGE_PUNCT + " ")
    return out or None


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


def _has_sentence_end(text: str, lo: int, hi: int) -> bool:
    """Whether a sentence ends inside text[lo:hi] (initials and titles such
    as "J. Gerald Hebert", "Sen. Chuck Schumer" do not end one)."""
    return any(not _ABBREV_RE.search(text, max(lo, m.start() - 8), m.start() + 1)
               for m in _SENT_END_RE.finditer(text, lo, hi))


def _sentence_end(text: str, pos: int, para_end: int) -> int:
    """End of the sentence running at ``pos``: a full stop just inside the
    closing marks before ``pos`` ("bills.” That's") has already ended it."""
    k = pos
    while k > 0 and text[k - 1] in "\"”’'":
        k -= 1
    if k < pos and text[k - 1:k] == ".":
        m = _SENT_END_RE.match(text, k - 1)
        if m is not None and not _ABBREV_RE.search(text, max(0, k - 9), k):
            return k
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


# Verb-like word right after a post-quote subject ("Oliver barked", "Trump
# shot back"): any past or present-tense form, not only listed speech verbs.
_VERBS = "shot|spoke|wrote|told|said|put|cried|went|began|read|fired|hit|gave|made|took|quipped"
_VERBISH_RE = re.compile(r"(?:[a-z]+(?:ed|s)|" + _VERBS + r")\b")
# Verbs that end a subject noun phrase: the above and common irregular pasts ("A 2014
# House report found “...”", "The Florida senator sought to ...").
_SUBJECT_END_RE = re.compile(r"(?:[a-z]+(?:ed|s)|" + _VERBS + r"|found|thought|felt|knew|saw|came|got|kept|left|"
                             r"held|brought|led|ran|won|lost|sent|stood|became|meant|paid|met|heard|sought|drew|chose)\b")
_CLOSING_MARKS = "'’\"” \u00a0"
# Past-tense verbs that end a nominal subject ("the statement read").
_PAST_RE = re.compile(r"[a-z]+ed|shot|spoke|wrote|told|said|put|cried|went|began|read|gave|made|took|sang")


def _np_at(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
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
            if not any(w in _NOT_HEAD or w in _INTRO_WORDS or w in _AUX or w in _CUE_SET
                       or _VERBISH_RE.fullmatch(w) for w in low) \
                    and caps[0] not in _CAP_STOP and caps[0].lower() not in _INTRO_WORDS:
                e = x.end()
    words = text[s:e].split()
    if words[0][:1].islower() and kind == "name":
        for k, w in enumerate(words):
            if w[:1].isupper():
                break
            if w == "of" and 0 < k < len(words) - 1 and words[k - 1] not in _NOT_HEAD:
                continue  # a title with its domain: "former secretary of state Hillary Clinton"
            if w in _NOT_HEAD or w in _CUE_SET or w in _SUBORDINATORS:
                return None
    elif kind in ("nominal", "org"):
        # stop a nominal before a verb it swallowed ("the 43-year-old asked",
        # "the statement read", "the nominee riffed")
        k = 1
        while k < len(words) and words[k].lower() not in _CUE_SET and words[k] not in _NOT_HEAD and not (
                k >= 2 and _PAST_RE.fullmatch(words[k])):
            k += 1
        words = words[:k]
        e = s + len(" ".join(words)) if " ".join(words) == text[s:s + len(" ".join(words))] else e
    return s, e, kind


# Words that open a new clause after a quote, not an inverted attribution.
_CLAUSE_LINK_RE = re.compile(r"(?:and|but|or|nor|yet|so|which|while|whereas|for instance|for example)\b")


def _attr_after(text: str, q_start: int, q_end: int, close_end: int, para_end: int,
                next_open: int) -> _Attr | None:
    """Attribution in the words following the closing mark."""
    hi = min(para_end, next_open, close_end + 200)
    tail = text[close_end:hi]
    stripped = tail.lstrip(" ,\u00a0—–-")
    if not stripped:
        return None
    lo = close_end + (len(tail) - len(stripped))
    # the quote's own final punctuation, looking through nested closing marks
    k = q_end
    while k > q_start and text[k - 1] in _CLOSING_MARKS:
        k -= 1
    last = text[k - 1:k]
    # a new sentence after the quote belongs to itself; ? and ! do not end
    # the reporter's sentence ("“Why?” Trump asked.")
    ended = last == "." or text[close_end:close_end + 1] == "."
    # News style separates a quote from its attribution with a comma (or the
    # quote's own ?, !, dash); "“size of the miracle” that saved him" is prose.
    punct_ok = last in ",!?—–-…" or text[close_end:lo].strip()[:1] in {",", "—", "–", "-"}
    m = _cue_search(text, lo, min(hi, lo + 150))
    if m is not None:
        between = text[lo:m.start()]
        if any(c in between for c in ";:!?\"“”") or _has_sentence_end(text, lo, m.start()):
            m = None
    if m is not None and not between.strip():
        if m.group() in _OBJECT_CUES and m.group() not in ("asked", "asks") or m.group().endswith("ing"):
            # "“...,” telling Fox 35 that ...": who follows is told, not telling; "“...,”
            # saying the city ...": a participle is never inverted ("“...?” asked Bennett" is)
            return None
        if m.group().lower() == "according to" or not ended:
            np = _np_at(text, m.end() + 1, hi) if text[m.end():m.end() + 1] in _SPACES else None
            if np:
                method = "quote-marks/according-to" if m.group().lower() == "according to" else "quote-marks/cue-speaker-after"
                return _Attr(np, m.span(), method)
        return None
    if not punct_ok and not ended:
        # a missing comma ("“...battle of niches” Grubbs said."): only a
        # subject and its cue right after the quote still attribute it
        np0 = _np_at(text, lo, m.start()) if m is not None else None
        if np0 is None or np0[2] == "pronoun" or text[np0[1]:m.start()].strip() or text[text.rfind("\n", 0, q_start) + 1:q_start - 1].strip():
            return None
        return _Attr(np0, m.span(), "quote-marks/speaker-after")
    if m is None and not ended:
        # "“...,” marveled Blaze co-host Stu Burguiere": inverted order with a
        # verb not in the cue list
        v = _VERBISH_RE.match(text, lo)
        if v is not None and text[v.end():v.end() + 1] in _SPACES:
            np = _np_at(text, v.end(), hi)
            if np is not None and np[2] != "pronoun":
                return _Attr(np, v.span(), "quote-marks/verb-speaker-after")
    if _CLAUSE_LINK_RE.match(text, lo):
        # '..., to act “presidential,” but Trump said ...', '“glow in the dark,” for
        # instance, and Trump vowed ...': a clause of its own follows the quote
        return None
    if text.startswith("as ", lo) and m is not None:
        # "“...,” as Cruz said on Monday": the speaker is Cruz (a pronoun's "as she put
        # it" goes on from the sentence, and "as his father dreamed, X said" is no attribution)
        np_as = _np_at(text, lo + 3, m.start())
        if np_as is not None and np_as[2] != "pronoun" and not text[np_as[1]:m.start()].strip():
            lo += 3
    np0 = _np_at(text, lo, m.start() if m is not None else hi)
    if np0 is not None:
        if ended and not (np0[2] == "pronoun" and text[np0[0]].islower()):
            # ‘... end.” Smith said.’ is rare; accept only when the cue closes it.
            if m is None or text[np0[1]:m.start()].strip() or not re.match(r"\s*\.", text[m.end():m.end() + 3]):
                return None
        if m is not None:
            gap = text[np0[1]:m.start()]
            if not gap.strip() or gap.lstrip()[:1] in ",(" or all(w in _AUX for w in gap.split()):
                return _Attr(np0, m.span(), "quote-marks/speaker-after")
        # "“...,” Oliver barked.": subject and any finite verb
        j = np0[1]
        while True:
            w = _WORD_RE.match(text, j)
            if w is None or w.group(1) not in _AUX and not w.group(1).endswith("ly"):
                break
            j = w.end()
        v = _VERBISH_RE.match(text, j + 1) if text[j:j + 1] in _SPACES else None
        if v is not None and text.startswith(" to ", v.end()):
            v = None  # "“...,” the number needed to win": a participle, not a speech act
        if v is not None and not ended:
            return _Attr(np0, v.span(), "quote-marks/speaker-verb-after")
    if m is None:
        return None
    between = text[lo:m.start()]
    np = _np_before(text, lo, m.start()) or _bare_nominal(text, lo, m.start())
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
        if not re.match(r"\s*\.", text[m.end():m.end() + 3]):
            return None
    elif ended and np[2] == "pronoun" and text[np[0]].isupper():
        return None
    return _Attr(np, m.span(), "quote-marks/speaker-after")


_POSSESSIVES = frozenset("its his her their our my your".split())
_PHRASE_END_RE = re.compile(r"[,.;:!?)\n]")


def _np_according(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """The source after "according to": a noun phrase, or a bare plural up to
    the next punctuation ("according to officials, ...")."""
    np = _np_after(text, lo, hi)
    if np is None and text[lo:lo + 1] in _SPACES:
        stop = _PHRASE_END_RE.search(text, lo, hi)
        np = _bare_nominal(text, lo + 1, stop.start() if stop else hi)
    return np


_BARE_WORD_RE = re.compile(r"[a-z][a-z-]*(?<!ing)(?<!ly)")


def _bare_nominal(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """A plural or mass noun phrase without determiner filling the subject
    slot between a quote and its cue: "“...,” federal prosecutors wrote"."""
    words = text[lo:hi].split()
    while words and words[-1] in _AUX:
        words.pop()
    if not words or len(words) > 4 or words[-1] in _NOT_HEAD or words[0] in _NOT_HEAD or words[0] in _INTRO_WORDS \
            or words[0] in _POSSESSIVES:  # "according to its analysis": the speaker's own document
        return None
    if not all(_BARE_WORD_RE.fullmatch(w) and w not in _AUX for w in words):
        return None
    return lo, lo + len(" ".join(words)), "nominal"


_NAME_TAIL_RE = re.compile(r"(?: [a-z][\w’'-]*){1,3}(?: " + _CAPW + ")+")
_QUOTE_CHARS = frozenset('"“”„«»')
_WORD_RE = re.compile(r" ([a-z]+)\b")


def _attr_clause_after(text: str, close_end: int, sent_end: int) -> _Attr | None:
    """'“...” if the results are poor, Nasrallah said': the quote opens a
    sentence whose attribution follows the reporter's own clause."""
    for m in _cues(text, close_end, sent_end):
        if m.group().lower() == "according to":
            np = _np_according(text, m.end(), sent_end)
            if np and text[close_end:m.start()].rstrip().endswith(","):
                return _Attr(np, m.span(), "quote-marks/according-to")
            return None
        if m.group().endswith("ing") and text[close_end:m.start()].rstrip().endswith(","):
            return None  # "..., Hillary Clinton, saying": the participle's subject is the main clause's
        np = _np_before(text, close_end, m.start())
        if np and np[2] == "name":
            # a descriptor before the name: "..., Justice Department senior trial counsel
            # Caroline Lewis Wolverton wrote": the mention is the whole phrase after the comma
            comma = text.rfind(",", close_end, np[0])
            words = text[comma + 1:np[0]].split() if comma >= 0 else []
            if words and len(words) <= 8 and not any(c in text[comma + 1:np[0]] for c in ".;:!?()\"“”") and not any(
                    w in _NOT_HEAD or w in _POSSESSIVES or w in _PARTICLES or w in _AUX or w in _CUE_SET
                    or w.endswith(("ed", "ly")) or w in _DETERMINERS for w in words):
                np = (np[0] - len(text[comma + 1:np[0]].lstrip()), np[1], "name")
        if np and text[close_end:np[0]].rstrip().rstrip("\"”").endswith(","):
            return _Attr(np, m.span(), "quote-marks/speaker-after-clause")
        if text[close_end:m.start()].rstrip().endswith(",") and not m.group().endswith("ing"):
            # inverted order closing the sentence: "“...” in the primary, said
            # professor Paul Beck." / ", says Evan Tracey, a consultant."
            np = _np_at(text, m.end() + 1, sent_end + 1) if text[m.end():m.end() + 1] in _SPACES else None
            if np is not None and np[2] != "pronoun" and text[np[1]:np[1] + 1] in {",", ".", ""}:
                return _Attr(np, m.span(), "quote-marks/speaker-after-clause")
        return None
    return None


# Conjunctions and connectives that may open a sentence before its subject.
_LEADING = re.compile(r"(?:(?:But|And|Yet|So|Still|Now|Instead|Meanwhile|However|Then"
                      r"|(?:Later|Earlier)(?!\s+(?:this|that|in|on|at|last|the)\b))\b,?\s+)*"
                      r"(?:(?:then|later|also)\b,?\s+)?")


# Words opening an introductory phrase or clause before the subject
# ("After the debate, ...", "Asked about it, ...", "On Sunday, ...").
_INTRO_WORDS = frozenset(
    """after before during amid amidst given as when while although though since because if unless until
    once in on at by for with without from under over into through despite following according asked
    speaking earlier last later first next today yesterday tonight also even not only in instead
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december to of perhaps maybe now meanwhile still here""".split())
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
_CONTRACTION_RE = re.compile(r"[’'](?:s|d|ll|re|ve|m)$")


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
_CONTRACTED = frozenset("it that there here what who where".split())


def _not_subject(word: str) -> bool:
    w = word.strip(_EDGE_PUNCT)
    if w in _NOT_SUBJECT or (w.endswith("ly") and w[1:].islower() and len(w) > 4):
        return True
    return w[-2:] in ("’s", "'s") and w[:-2].lower() in _CONTRACTED


def _attr_subject(text: str, sent_start: int, open_at: int) -> _Attr | None:
    """The subject of the reporter's sentence embedding a quote: 'Donald
    Trump is promising to “bomb the hell” out of...', 'After the debate,
    Cruz shot back: “...”'. Introductory phrases ending in a comma are
    skipped."""
    lo = _LEADING.match(text, sent_start, open_at).end()
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
        w = t.group().strip(_EDGE_PUNCT)
        lw = w.lower()
        nxt = text[t.end() + 1:t.end() + 2]
        if lw in _INTRO_WORDS or (w[:1].isupper() and lw in _INTRO_PREPS) or (w[:1].isupper() and lw.endswith(("ing", "ed")) and lw not in _CUE_SET
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
    core = _CONTRACTION_RE.sub("", first.rstrip(","))  # "He’s predicting": He
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
            while i < len(toks) and i < 3 and word(i)[:1].islower() and word(i) not in _NOT_HEAD \
                    and not word(i)[-1:] in ",;:" and word(i) not in _CUE_SET:
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
            if bare[:1].isupper() or bare.lower() in _NAME_PARTICLES or bare[:1].isdigit():
                last_cap = j
            elif kind == "name" and last_cap < j - 2:
                break
            elif bare in _NOT_HEAD or bare in _AUX or bare in _CUE_SET or (
                    _SUBJECT_END_RE.fullmatch(bare) and j > i and not bare.endswith("ss")):
                break
            j += 1
            if w[-1:] in ",;:)":
                break
        if kind == "name":
            j = last_cap + 1
            if 0 < j < len(toks) or (j == 0 and word(0).lower() in _POSSESSIVES and len(toks) > 1):
                j = max(j, 1)
                k = _possessed_end(toks, j, word)
                if k > j:  # "Hillary Clinton’s aides", "Trump campaign officials": not Clinton, not Trump
                    j, kind = k, "nominal"
        if j <= (1 if kind == "nominal" else 0):
            return None
        s, e = toks[0][0], toks[j - 1][1]
        while e > s and text[e - 1] in ",;:)":
            e -= 1
        if kind == "name" and text[s:e].split()[0] in _CAP_STOP:
            return None
        if kind == "name" and " " not in text[s:e] and _not_subject(text[s:e]):
            return None
        if kind == "nominal" and text[s:e].split()[-1][:1].isupper():
            kind = "org"
    rest = text[e:e + 2]
    if not (rest[:1] in ",(—–" or rest[:2] in {" (", " —", " –", " -"} or (rest[:1] == " " and rest[1:2].islower())):
        return None
    return _Attr((s, e, kind), None, "quote-marks/sentence-subject")


# Plural heads of group speakers: "Nuclear proliferation experts said".
_GROUP_NOUNS = frozenset(
    """officials aides advisers advisors experts analysts supporters critics voters leaders
    members lawmakers legislators senators protesters activists residents sources organizers
    strategists donors delegates economists researchers historians lawyers attorneys
    reporters journalists observers insiders staffers operatives allies opponents officers
    spokesmen spokeswomen prosecutors investigators diplomats negotiators""".split())
# Heads of a speaker noun phrase after a name used as a modifier ("Trump campaign").
_SPEAKER_HEADS = _PERSON_NOUNS | _GROUP_NOUNS | frozenset(
    "campaign administration team office camp staff government ministry department committee".split())
_POSSESSIVE_END = ("’s", "'s", "s’", "s'")


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
    possessive = last.endswith(_POSSESSIVE_END) and last.lower()[:-2] not in _CONTRACTED_SUBJ or (
        j == 1 and last.lower() in _POSSESSIVES)
    if not possessive and (j != 1 or not last.isalpha() or last.lower() in _PRONOUNS):
        return j
    k, end = j, j
    while k < len(toks) and k < j + 3:
        w = word(k)
        bare = w.rstrip(",;:)")
        if bare in _DETERMINERS or bare in _POSSESSIVES or bare in _PRONOUNS:
            end = min(end, k - 1) if k > j else end  # the word before was a verb
            break
        if not re.fullmatch(r"[a-z][a-z-]*", bare) or bare in _AUX or bare in _NOT_HEAD or bare in _CUE_SET \
                or bare in _PARTICLES or bare in _IRREGULAR_PAST or bare.endswith(("ly", "ed")):
            break
        plural = bare.endswith("s") and not bare.endswith("ss")
        if plural and not bare in _GROUP_NOUNS and not (possessive and k == j):
            break
        k += 1
        if possessive or bare in _SPEAKER_HEADS:
            end = k
        if plural or bare != w:
            break
    return max(end, j)


_PARTICLES = frozenset("out up down off over back about into onto after before under through against "
                       "among between during without within upon".split())
_IRREGULAR_PAST = frozenset(
    """came took sent made gave went got ran put set led held kept left met paid saw stood won wrote
    became began brought built bought caught chose drew drove fell felt fought found flew grew heard
    hit knew lost meant rose sold shot spent spoke struck swore taught thought threw told said""".split())


# A pronoun subject opening a coordinate or subordinate clause: "..., and he
# pronounced the deal “a disaster”", "although she made clear she has “concerns”".
_CLAUSE_SUBJ_RE = re.compile(r"(?:,|\b(?:and|but|although|though|while|as|when|because|since|after|before|yet|so|where))"
                             r"\s+(he|she|they|we|I)\s+(?=[a-z])")


def _clause_subject(text: str, attr: _Attr, open_at: int) -> _Attr | None:
    """The subject of the clause holding the quote when that clause, not the
    sentence, has a subject of its own: a pronoun ("..., and he pronounced the deal
    “a disaster”") or a person or group ("..., when Sanders protesters interrupted her
    speech, shouting “...”") -- the nearest one before the quote."""
    cues = list(_cues(text, attr.np[1], open_at))
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
    if best is None or any(c in text[best[1]:open_at] for c in _QUOTE_CHARS):
        return None
    if any(m.start() < best[0] for m in cues):
        return None  # "X apologized, saying they were “...”": the clause is what X said
    return _Attr(best, None, "quote-marks/sentence-subject")


# A subordinate or coordinate clause after a comma: "..., when Sanders protesters
# interrupted", "..., where the secretary of state said", "..., and the league denounced".
_CLAUSE_OPEN_RE = re.compile(r"[,;][ \t\u00a0]+(?:and |but |when |where |while |as |after |because |though |although |"
                             r"whereas |until )?(?=\S)")
# A finite verb (optionally after an auxiliary or adverbs) ending a clause's subject.
_FINITE_RE = re.compile(r"(?:[a-z]+ly[ \t\u00a0]+)?(?:has|have|had|was|were|is|are|would|will|could|did)?[ \t\u00a0]*"
                        r"(?:[a-z]+ed|" + "|".join(sorted(_IRREGULAR_PAST)) + r")\b")


def _clause_np(text: str, lo: int, hi: int) -> tuple[int, int, str] | None:
    """A speaker subject opening the clause at ``lo``: a name, or a nominal headed by a
    person or group noun, then a finite verb ("Sanders protesters interrupted")."""
    for t in _TOKEN_RE.finditer(text, lo, min(hi, lo + 120)):
        if t.start() == lo:
            continue
        if _FINITE_RE.match(text, t.start()) is None:
            if t.group()[-1:] in ",;:" or t.group() in _NOT_HEAD:
                return None
            continue
        np = _np_before_plain(text, lo, t.start())
        if np is None or np[0] != lo or np[2] == "pronoun":
            return None
        head = text[np[0]:np[1]].split()[-1].lower()
        if np[2] == "name" and text[np[0]:np[1]].split()[0] in _CAP_STOP:
            return None
        if np[2] == "nominal" and head not in _PERSON_NOUNS and head not in _GROUP_NOUNS and head not in _SPEAKER_HEADS:
            return None
        return np
    return None


# A pronoun after a concessive or adversative conjunction, or in a parenthetical
# ", he said,", is the subject of a speech act of its own, not a pronoun inside
# what the sentence's subject said: the nearest mention is the speaker.
_CONCESSIVE = frozenset("though although but yet".split())
# "he said," / "she later added," right after the pronoun's comma.
_PARENTHETICAL_RE = re.compile(r"[A-Za-z]+ (?:[a-z]+ )?(?:" + _trie_pattern(_CUE_WORDS) + r"),")


def _outer_speaker(text: str, sent_start: int, pron_at: int) -> tuple[int, int, str] | None:
    """The named or nominal subject of the nearest speech verb with one, before a
    pronoun at ``pron_at`` that stands for it ("Trump said Sunday that he
    believed ...", "His wife had warned him ..., but Trump said he responded")."""
    m = None
    for c in _cues(text, sent_start, pron_at):
        if c.group().endswith("ing"):
            continue  # ("X replied, before adding that he thinks": X's)
        if _is_passive(text, sent_start, c):
            continue  # ("X was asked ..., he said"): X did not speak
        np = _np_before(text, sent_start, c.start())
        if np is not None and np[2] != "pronoun":
            m = c  # (a pronoun subject of its own stands for the one before it)
    if m is None or m.group().lower() == "according to":
        return None
    w = _PREV_WORD_RE.search(text, max(sent_start, pron_at - 12), pron_at)
    if w is not None and w.group(1) in _CONCESSIVE:
        return None  # "X said ..., though he added “...”": a speech act of its own
    if text[sent_start:pron_at].rstrip().endswith(",") and _PARENTHETICAL_RE.match(text, pron_at):
        return None  # "..., he said, “...”": a parenthetical attribution of its own
    if _intro_clause_end(text, sent_start, min(len(text), pron_at + 20)) == pron_at:
        return None  # "When Sanders accused her of ..., she said “...”": the main clause's own subject
    np = _np_before(text, sent_start, m.start())
    # (a nominal subject too: "The president told NPR he believes ...")
    if np is None or np[2] not in ("name", "nominal") or (np[2] == "name" and text[np[0]:np[1]].split()[0] in _CAP_STOP) \
            or text[np[0]:np[1]].endswith(("’s", "'s")):
        return None
    return np


_WHO_RE = re.compile(r", who ")


def _attr_relative(text: str, sent_start: int, open_at: int) -> _Attr | None:
    """A relative clause holding the quote: "Sen. Marco Rubio, who marveled in
    the debate that Clinton was “...”" -- the speaker is the relative "who"
    (standing for the noun before it), when the clause runs up to the quote."""
    last = None
    for m in _WHO_RE.finditer(text, sent_start, open_at):
        last = m
    if last is None:
        return None
    clause = text[last.end():open_at]
    if any(c in clause for c in ",;:()\"“”—–") or len(clause.split()) > 20:
        return None
    return _Attr((last.start() + 2, last.start() + 5, "pronoun"), None, "quote-marks/relative")


# A poll or survey reporting its respondents' words: "In a September
# Washington Post-ABC News poll, 75 percent of Republicans said “...”", "The
# poll also finds that 37 percent say ...". The source is the poll.
_POLL_RE = re.compile(r"\b(?P<np>(?:[Tt]he|[Aa]n?)(?: [\w/’'.&-]+){0,6}? (?:poll|survey))\b"
                      r"(?=(?: [a-z]+)?,| (?:also )?(?:finds|found|shows|showed)\b| released)")


def _attr_poll(text: str, sent_start: int, open_at: int) -> _Attr | None:
    m = None
    for m in _POLL_RE.finditer(text, sent_start, open_at):
        break
    if m is None:
        return None
    return _Attr((m.start("np"), m.end("np"), "nominal"), None, "quote-marks/poll")


# Nouns of what someone said, after a possessive naming its speaker:
# "Trump's pledge to be “neutral”", "her remark that “...”", "Clinton's
# response was: “...”".
_SPEECH_NOUNS = (
    "remark remarks comment comments claim claims statement statements pledge pledges promise promises "
    "response answer reply assertion assertions insistence dictum words vow warning warnings argument "
    "suggestion description declaration admission contention boast quip quips slogan mantra catchphrase "
    "charge accusation prediction message tweet tweets retort refrain motto rallying cry call "
    "characterization announcement denial explanation question testimony"
).split()
_POSS_SPEECH_RE = re.compile(
    r"(?:(?P<name>(?:" + _CAPW + r"[ \u00a0]+){0,3}" + _CAPW + r")[’']s|\b(?P<pron>his|her|their)\b)"
    r"(?: (?:[a-z][\w-]*|[A-Z][a-z]+)){0,2}? (?:" + _trie_pattern(_SPEECH_NOUNS) + r")\b")
# What may stand between the noun and the quote when the quote is what was
# said, not a verdict on it ("Trump's comments were “sarcastic”").
_POSS_GAP_RE = re.compile(r"(?: that| of| to [a-z]+(?: [a-z]+)?| was:| is:|:|,| [—–-]|[—–])\s*$")
_MAX_POSS_GAP = 60


def _attr_possessive(text: str, lo: int, open_at: int, pronouns: bool = False) -> _Attr | None:
    """A possessive and a speech noun right before the quote: the speaker is
    the possessor ("Trump's pledge to be “neutral”"); a possessive pronoun
    ("her claim that “...”") only with ``pronouns``."""
    best = None
    for m in _POSS_SPEECH_RE.finditer(text, max(lo, open_at - 120), open_at):
        best = m
    if best is None or open_at - best.end() > _MAX_POSS_GAP:
        return None
    gap = text[best.end():open_at]
    if any(c in gap for c in ".;!?\"“”") or _cue_search(text, best.end(), open_at) is not None:
        return None
    if not _POSS_GAP_RE.match(gap):
        return None
    if best.group("name"):
        s, e = best.span("name")
        if text[s:e].split()[0] in _CAP_STOP:
            words = text[s:e].split()
            while words and words[0] in _CAP_STOP:
                s += len(words[0]) + 1
                words = words[1:]
            if not words:
                return None
        return _Attr((s, e, "name"), None, "quote-marks/possessive")
    if pronouns:
        s, e = best.span("pron")
        return _Attr((s, e, "pronoun"), None, "quote-marks/possessive")
    return None


# Cues that name where the reporter got the whole sentence from, and so
# outrank a speech verb inside it ("According to the pool report, Obama said
# “...”", "..., the Times reported.").
_SOURCING_CUES = frozenset({"according to", "reported", "reports"})
_WITH_END_RE = re.compile(r"(?<![\w’'])[Ww]ith\s+$")


def _attr_sourcing_after(text: str, close_end: int, sent_end: int) -> _Attr | None:
    """'..., according to X.' / '..., X reported.' / '..., reported X.' closing the sentence."""
    for m in _cues(text, close_end, sent_end):
        cue = m.group().lower()
        if cue not in _SOURCING_CUES:
            continue
        after = text[m.end():sent_end].strip(" .")
        if not text[close_end:m.start()].rstrip().endswith(",") and (after or cue not in ("reported", "reports")):
            continue  # (only "..., X reported." has words between its comma and the cue)
        if cue == "according to":
            np = _np_according(text, m.end(), sent_end)
            if np is not None and np[2] != "pronoun":
                return _Attr(np, m.span(), "quote-marks/according-to")
        elif cue in ("reported", "reports") and after:
            np = _np_at(text, m.end() + 1, sent_end) if text[m.end():m.end() + 1] in _SPACES else None
            if np is not None and np[2] != "pronoun" and not text[np[1]:sent_end].strip(" .”\""):
                return _Attr(np, m.span(), "quote-marks/according-to")
        elif cue in ("reported", "reports"):
            hi = m.start()
            w = _PREV_WORD_RE.search(text, max(close_end, hi - 8), hi)
            if w is not None and w.group(1) == "first":
                hi = w.start(1)  # "..., Politico first reported."
            np = _np_before(text, close_end, hi)
            if np is not None and np[2] != "pronoun" and text[close_end:np[0]].rstrip().endswith(","):
                return _Attr(np, m.span(), "quote-marks/according-to")
    return None


# Subordinators opening an introductory adverbial clause ("While Sullivan
# praises the piece, Clinton ..."); not "as", whose clause may be the
# attribution itself ("As he put it, ...").
_SUBORDINATORS = frozenset("when while after before although though since because if once until unless whereas".split())
_SUBORD_RE = re.compile(r"(?:(?:But|And|Yet|So|Still|Now|Then)\s+)?(?P<w>[A-Z][a-z]+)\s")


def _intro_clause_end(text: str, sent_start: int, open_at: int) -> int:
    """Where the main clause starts after an introductory subordinate clause
    ("When Trump announced his run, he ..."), or ``sent_start``."""
    m = _SUBORD_RE.match(text, sent_start, open_at)
    if m is None or m.group("w").lower() not in _SUBORDINATORS:
        return sent_start
    c = text.find(", ", m.end(), open_at)
    if c < 0 or any(ch in text[m.end():c] for ch in _QUOTE_CHARS) or len(text[c + 2:open_at].split()) < 2:
        return sent_start
    return c + 2


def _attr_before(text: str, sent_start: int, open_at: int) -> _Attr | None:
    """Attribution in the reporter's words before the quote, same sentence.
    A speech verb in an introductory subordinate clause does not govern a
    quote in the main clause."""
    full_start = sent_start
    sent_start = _intro_clause_end(text, sent_start, open_at)
    cues = list(_cues(text, sent_start, open_at))
    if cues and cues[0].group() == "According to":
        np = _np_according(text, cues[0].end(), open_at)
        if np and text[np[1]:np[1] + 1] == ",":
            # "According to the pool report, Obama said “...”": the source of the sentence
            return _Attr(np, cues[0].span(), "quote-marks/according-to")
    obj = None
    for obj in _OBJECT_TO_RE.finditer(text, sent_start, open_at):
        pass
    if obj is not None and not any(c in text[obj.end():open_at] for c in _QUOTE_CHARS) \
            and not any(c.start() > obj.end() for c in cues):
        # "a win that led her to declare that it was “in sight”", "prompting him to call
        # it “a disgrace”": who is led to speak is the object before "to"
        return _Attr((*obj.span(1), "pronoun"), obj.span(2), "quote-marks/speaker-before")
    participle = None
    for m in reversed(cues):
        if _is_passive(text, sent_start, m):
            continue  # "Trump was asked, “...”": the subject is spoken to, not speaking
        if participle is not None and any(c in text[m.end():participle.start()] for c in _QUOTE_CHARS):
            # "Carson shared a class called “Perception” on Facebook, writing “...”": the
            # verb before the earlier quote is that quote's; the participle has the
            # subject of the main clause
            subj = _attr_subject(text, full_start, participle.start())
            return _Attr(subj.np, participle.span(), "quote-marks/speaker-before") if subj is not None else None
        if m.group().lower() == "according to":
            np = _np_according(text, m.end(), open_at)
            if np:
                return _Attr(np, m.span(), "quote-marks/according-to")
            continue
        if m.group().lower().endswith("ing"):
            # a participle ("..., asking the department to...") has the
            # subject of the main clause, not the noun right before it;
            # except in "with Sen. John McCain calling it “...”"
            np = _np_before(text, sent_start, m.start())
            if np is not None and _WITH_END_RE.search(text, max(sent_start, np[0] - 6), np[0]) and all(
                    w in _AUX or w.endswith("ly") for w in text[np[1]:m.start()].split()):
                return _Attr(np, m.span(), "quote-marks/speaker-before")
            if participle is None and text[sent_start:m.start()].rstrip().endswith(","):
                participle = m
            continue
        if text[full_start:m.start()].rstrip().endswith(("," , "”", '"')) and m.group() not in _OBJECT_CUES:
            # inverted order after a clause or quote: "..., said Alan Abramowitz"
            np = _np_at(text, m.end(), open_at)
            if np is not None and np[2] != "pronoun" and text[np[1]:np[1] + 1] in {",", ".", ":"}:
                return _Attr(np, m.span(), "quote-marks/speaker-before")
        np = _np_before(text, sent_start, m.start())
        if (np and text[np[0]:np[1]].lower() == "who" or _RELATIVE_RE.search(text, max(sent_start, m.start() - 40), m.start())) \
                and _CLAUSE_CLOSED_RE.search(text, m.end(), open_at):
            # "Mr. Trump, who said last week that ..., issued a statement saying “...”", "the
            # announcement, which some have argued was ..., was an “insult”": the relative
            # clause ends before the quote; its verb does not govern it
            continue
        if np:
            return _Attr(np, m.span(), "quote-marks/speaker-before")
        if _COORD_END_RE.search(text, max(sent_start, m.start() - 12), m.start()):
            # a second verb of the subject: "Lee praised those who left but said “...”",
            # "When Trump referred to the attack and said he would “protect ...”"
            np = _coordinate_subject(text, full_start, m.start())
            if np is not None:
                return _Attr(np, m.span(), "quote-marks/speaker-before")
    src = _FROM_LABEL_RE.search(text, sent_start, open_at)
    if src is not None:
        # "From the report: “...”", "More from Jones: “...”": an excerpt from its source
        s, e = src.span("np")
        kind = "nominal" if text[s:e].split()[0].lower() in _DETERMINERS else "name"
        poss = re.search(r"[’']s\b", text[s:e])
        if kind == "name" and poss is not None:
            e = s + poss.start()  # "From Bush's Facebook post:": Bush
        return _Attr((s, e, kind), None, "quote-marks/speaker-label")
    label = _LABEL_RE.search(text, sent_start, open_at)
    if label and label.group("np").split()[0].lower() in HEADER_WORDS:
        label = None  # "Updated: ...", "Correction: ...": a page's label, no speaker's
    if label and label.end() == open_at or (label and label.start() == sent_start):
        s, e = label.span("np")
        return _Attr((s, e, "name"), None, "quote-marks/speaker-label")
    return None




# A pronoun subject of a main clause after a comma or a coordinating conjunction.
_MAIN_CLAUSE_SUBJ_RE = re.compile(r"(?:,|\b(?:and|but|yet|so))\s+(he|she|they|we|I)\s+(?=[a-z])")
# Verbs that name a thing rather than report speech ('what has been called “X”').
_NAMING_CUES = frozenset("called labeled labelled dubbed branded termed deemed described named".split())


# An all-caps headline opening a paragraph (two words at least, each of two capitals or a number).
_CAPS_LETTERS = r"[‘’']?[A-Z][A-Z0-9’'‘.,:;&$%-]*[A-Z][A-Z0-9’'‘.,:;&$%-]*(?![a-z])"
_CAPS_HEAD_RE = re.compile(_CAPS_LETTERS + r"(?:[ \u00a0]+(?:" + _CAPS_LETTERS + r"|\d[\d,.]*(?![a-z])))+[ \u00a0]*")


def _lead_in(text: str, p_end: int, para_start: int) -> _Attr | None:
    """The speaker introduced by the last sentence of the paragraph before
    ``para_start`` when that sentence follows the paragraph's last quote (ending at
    ``p_end``) and is the reporter's own: its speech verb's subject, or a person or
    pronoun subject."""
    pe = para_start - 1
    while pe > p_end and text[pe - 1].isspace():
        pe -= 1
    pps = text.rfind("\n", 0, pe) + 1
    pss = _sentence_start(text, pps, pe - 1)
    if pss <= p_end or any(c in text[pss:pe] for c in _QUOTE_CHARS):
        return None
    attr = _attr_before(text, pss, pe - 1)
    if attr is None:
        attr = _attr_subject(text, pss, pe - 1)
        if attr is None or attr.np[2] not in ("name", "pronoun"):
            return None
    if attr.np is None:
        return None
    attr.method = "quote-marks/colon-intro" if text[pe - 1:pe] == ":" else "quote-marks/previous-paragraph"
    return attr


def _passive_intro(text: str, sent_start: int, open_at: int) -> bool:
    """Whether a passive speech verb introduces the quote ("Trump was asked, “...”"): a
    quotation even when nobody is named as its speaker."""
    m = None
    for m in _cues(text, max(sent_start, open_at - 60), open_at):
        pass
    return m is not None and not text[m.end():open_at].strip(" ,:\u00a0") and m.group() not in _NAMING_CUES \
        and _is_passive(text, sent_start, m)


_OBJECT_TO_RE = re.compile(r"\b(him|her|them)[ \t\u00a0]+to[ \t\u00a0]+(say|declare|call|describe|tell|ask|write|add|"
                           r"warn|insist|proclaim|brand|label|dub)\b")
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be)[ \t\u00a0]+(?:(?:[a-z]+ly|then|also|later|again|once|first|not|never|still)[ \t\u00a0]+)?$")
def _is_passive(text: str, sent_start: int, m: re.Match) -> bool:
    """Whether the cue match is a participle after a form of "be" ("was asked", "is
    quoted"): its subject is spoken to or about, not speaking."""
    return m.group()[-2:] in ("ed", "ld") \
        and _PASSIVE_BEFORE_RE.search(text, max(sent_start, m.start() - 24), m.start()) is not None


_COORD_END_RE = re.compile(r"[^,;]\s(?:and|but)[ \t\u00a0]+$")


def _coordinate_subject(text: str, sent_start: int, cue_at: int) -> tuple[int, int, str] | None:
    """The subject a speech verb after "and"/"but" shares with the verb before it: the
    sentence's subject, or the subject of the introductory clause holding both verbs
    ("When Trump referred to ... and said ..."). Only a name or a pronoun."""
    last = None
    for c in _MAIN_CLAUSE_SUBJ_RE.finditer(text, sent_start, cue_at):
        last = c
    if last is not None and not any(ch in text[last.end(1):cue_at] for ch in (*_QUOTE_CHARS, ",", ";")):
        return last.start(1), last.end(1), "pronoun"  # "..., he laughed and said"
    lo = sent_start
    m = _SUBORD_RE.match(text, sent_start, cue_at)
    if m is not None and m.group("w").lower() in _SUBORDINATORS and ", " not in text[m.end():cue_at]:
        lo = m.end()
    attr = _attr_subject(text, lo, cue_at)
    if attr is None or attr.np[2] not in ("name", "pronoun"):
        return None
    if any(c in text[attr.np[1]:cue_at] for c in _QUOTE_CHARS):
        return None
    return attr.np


# An excerpt introduced by its source, opening its sentence: "From the
# report: “...”", "More from Jones: “...”", "From Bush's Facebook post: “...”".
_FROM_LABEL_RE = re.compile(r"(?:^|(?<=\s[-–—]\s)|(?<=\s[-–—])|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s))(?:More |Also )?[Ff]rom "
                            r"(?P<np>(?:[Tt]he |[Aa]n? )?[A-Za-z][\w’'.&-]*(?: [\w’'.&-]+){0,6}):\s*$", re.M)


# A verb-first introduction of a quote paragraph: "Stated Stone:", "Added the senator:".
_INVERTED_INTRO_RE = re.compile(r"[ \t\u00a0]*(?P<cue>" + _trie_pattern([w[:1].upper() + w[1:] for w in _CUE_WORDS if w.endswith(("ed", "said", "wrote", "told"))])
                                + r")[ \u00a0]+(?P<np>(?:(?:[Tt]he|[Aa]n?) )?(?:[\w.’'-]+ ){0,4}[\w.’'-]+):")


# A credit line under a quotation: "- Hillary Clinton." / "—President Obama, tweeting."
_CREDIT_LINE_RE = re.compile(r"\n\s*[-–—]\s?(?P<np>(?:" + _CAPW + r"[ \u00a0]+){0,5}" + _CAPW + r")(?:[,.]|\s*$)",
                             re.M)


def _attr_credit_line(text: str, para_end: int) -> _Attr | None:
    m = _CREDIT_LINE_RE.match(text, para_end)
    if m is None or text.find("\n", m.end()) - m.end() > 120:
        return None
    line_end = text.find("\n", m.end())
    if text[m.end():line_end if line_end >= 0 else len(text)].rstrip(" .").endswith(("-", "–", "—")):
        return None  # a section heading "– Old hands –"
    s, e = m.span("np")
    return _Attr((s, e, "name"), None, "quote-marks/credit-line")


# A pull quote: a quotation paragraph left open and, on the very next line, the
# credit "Name, Affiliation." (the closing mark after the credit):
# "“We will not back down.¶Jane Roe, Tenants United.”"
_PULL_CREDIT_RE = re.compile(r"\n(?P<np>[A-Z][^\"“”\n]{2,120}?)\.?[\"”][ \t\u00a0]*(?=\n|$)")


def _attr_pull_credit(text: str, para_end: int) -> _Attr | None:
    m = _PULL_CREDIT_RE.match(text, para_end)
    if m is None or len(m.group("np").split()) > 12:
        return None
    s, e = m.span("np")
    return _Attr((s, e, "name"), None, "quote-marks/credit-line")


# Headline and summary convention "Name: “quote”" / "Name: headline ‘quote’".
_LABEL_RE = re.compile(r"(?:^|(?<=\s[-–—]\s)|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s))(?P<np>(?:" + _CAPW + r"[ \u00a0]+){0,3}" + _CAPW
                       + r"(?:[ \u00a0]+(?:and|&)[ \u00a0]+(?:" + _CAPW + r"[ \u00a0]+){0,2}" + _CAPW + r")?):\s+", re.M)


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


# The weight of one use of a name form in an article's body (name_uses): more than all its
# uses in headlines together.
BODY_USE = 1000


def fullest_of(canon: str | None, names) -> str | None:
    """The fullest form of ``canon`` among ``names``: a mapping of each name form to
    (times used, where first used), or a plain collection of forms.

    Forms extend ``canon`` a word at a time to the left (Nasrallah → Hassan Nasrallah →
    Sayyed Hassan Nasrallah). Where forms disagree on the next word (Marco Rubio and,
    from "In March Rubio said", March Rubio), the word of the forms used more often wins,
    then the one used first, then the first in alphabetical order: never the order of a
    set, which changes from run to run. A full name the body uses (weight of BODY_USE or
    more) is not extended by words that only a headline adds ("NYTimes Casually Conflates
    Ted Cruz"); a lone surname may be ("Pataki" → "George Pataki" from the headline).
    """
    if not canon:
        return canon
    stats = names if isinstance(names, Mapping) else {n: (1, 0) for n in names}
    best = canon
    while True:
        branches: dict[str, tuple[int, float]] = {}
        for n, (count, first) in stats.items():
            if len(n) > len(best) and n.endswith(" " + best) and not n[: -len(best)].rstrip().endswith(("’s", "'s")):
                word = n[: -len(best)].split()[-1]
                used, at = branches.get(word, (0, float("inf")))
                branches[word] = (used + count, min(at, first))
        if not branches:
            return best
        if " " in best and stats.get(best, (0,))[0] >= BODY_USE and all(used < BODY_USE for used, _ in branches.values()):
            return best  # a full name the body uses is not extended by words only a headline adds
        best = min(branches, key=lambda w: (-branches[w][0], branches[w][1], w)) + " " + best


def name_uses(ends: dict[str, set[int]], headline_ends: dict[str, set[int]] | None = None,
              said_ends: dict[str, set[int]] | None = None) -> dict[str, tuple[int, int]]:
    """(weight, first end) of each name form for fullest_of, from where its uses end (a use
    found both as a speech verb's subject and as a run of capitalised words counts once).
    A use as the subject of a speech verb weighs double (a reporter attributing a quote names
    the speaker in full: "Top Republican Party donor Sheldon Adelson said"); uses in headlines
    weigh less than any use in the body: they only break ties."""
    headline_ends, said_ends = headline_ends or {}, said_ends or {}
    return {
        form: (BODY_USE * (len(ends.get(form, ())) + len(said_ends.get(form, ()))) + len(headline_ends.get(form, ())),
               min(ends.get(form, set()) | headline_ends.get(form, set())))
        for form in ends.keys() | headline_ends.keys()
    }


# --- quotation marks that do not quote ------------------------------------------

# Scare quotes and coined terms ("a “workplace” issue") are short and have
# no speaker; a quotation of more words than this without one is still a
# quotation whose speaker was missed. Chosen on PolNeAR train: at 1-6 words
# nine in ten unattributed marked phrases are not annotated as quotes.
_MAX_SCARE_WORDS = 6
# Titles of works, names and slogans are put in quotation marks in news
# style ("The Apprentice", "Gang of Eight"): a short phrase in Title Case that
# is not a sentence. Only attributions that do not point at the phrase itself
# (the sentence's subject, a speaker carried over) leave it a title.
_MAX_TITLE_WORDS = 6
_TITLE_SMALL = frozenset("a an the of and or nor but to in on at for by with from as is are vs. vs".split())
_WEAK_METHODS = frozenset({
    "quote-marks/no-speaker", "quote-marks/sentence-subject", "quote-marks/relative",
    "quote-marks/same-paragraph", "quote-marks/continued-paragraph"})


def _not_a_quotation(text: str, start: int, end: int, method: str, kind: str = "full") -> bool:
    """Whether marked text[start:end] is a scare quote or a title, not a quotation."""
    if method not in _WEAK_METHODS:
        # a title in its usual place, whoever the sentence quotes: "on CNN’s “New Day,”",
        # "the author of “Hacked World Order,”", "an appearance on “CBS This Morning”"
        return kind == "partial" and _TITLE_CONTEXT_RE.search(text, max(0, start - 16), max(0, start - 1)) is not None \
            and _is_title(text, start, end, kind)
    words = text[start:end].split()
    if method == "quote-marks/no-speaker" and len(words) <= _MAX_SCARE_WORDS:
        return True
    return _is_title(text, start, end, kind)


def _is_title(text: str, start: int, end: int, kind: str) -> bool:
    """Whether the marked words are a short phrase in Title Case (outside a headline)."""
    words = text[start:end].split()
    body = text[start:end].rstrip(_CLOSING_MARKS + ",")
    if kind == "partial" and body.endswith(".") and not body.endswith(".."):
        # American style sets the reporter's full stop inside the closing
        # mark: "a host on the TV show “Shark Tank.”" is still a title
        body = body[:-1]
    if not words or len(words) > _MAX_TITLE_WORDS or body[-1:] in ".!?…":
        return False
    if not words[0][:1].isupper() or _is_headline(text, start):
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


def _is_label(text: str, start: int, close_end: int, open_at: int, lo: int) -> bool:
    """Whether the marked words at ``start`` name a thing instead of quoting
    anyone ('a group called “X”', 'the “X” comment'); ``lo`` bounds the look back."""
    before = text[max(lo, open_at - 60):open_at]
    if _LABEL_BEFORE_RE.search(before):
        return True
    m = _NOUN_CALLED_RE.search(before)
    if m is not None and not _RELATIVE_OPEN_RE.search(before, 0, m.start()):
        return True
    return bool(_LABEL_DET_RE.search(before)) and _LABEL_NOUN_AFTER_RE.match(text, close_end) is not None


_AFTER_CUE_METHODS = frozenset({"quote-marks/speaker-after", "quote-marks/cue-speaker-after"})
# Words after an attribution that make a clause of their own ("said the two
# cases were different"), not an adverbial ("reported in 1991").
_MIN_COMPLEMENT_WORDS = 3
_CLAUSE_STOP_RE = re.compile(r"[.,;:!?—–\"“”()]| - ")


def _own_complement(text: str, pos: int, para_end: int) -> bool:
    """Whether the words after an attribution at ``pos`` run on as a clause of
    its own (", one of the prosecutors said the two cases were different")."""
    stop = _CLAUSE_STOP_RE.search(text, pos, para_end)
    words = text[pos:stop.start() if stop else para_end].split()
    return len(words) >= _MIN_COMPLEMENT_WORDS


# --- main ------------------------------------------------------------------------


# A naming verb in the passive right before a quote whose agent follows it: 'has been
# called “strategic ambiguity” by Joshua Hendrick', 'was described as “X” by the
# governor'.
_PASSIVE_CUE_RE = re.compile(r"\b(?:is|are|was|were|been|be|being)[ \t\u00a0]+(?:[a-z]+ly[ \t\u00a0]+)?"
                             r"(?P<cue>called|described|labeled|labelled|dubbed|branded|termed|deemed)"
                             r"(?:[ \t\u00a0]+as)?[ \t\u00a0]*$")
_BY_RE = re.compile(r",?[ \t\u00a0]+by[ \t\u00a0]+")


def _attr_passive_agent(text: str, ss: int, open_at: int, close_end: int, para_end: int) -> _Attr | None:
    cue = _PASSIVE_CUE_RE.search(text, max(ss, open_at - 60), open_at)
    by = _BY_RE.match(text, close_end, para_end) if cue is not None else None
    if by is None:
        return None
    np = _np_at(text, by.end(), min(para_end, by.end() + 120))
    if np is None or np[2] == "pronoun":
        return None
    return _Attr(np, cue.span("cue"), "quote-marks/passive-agent")


# A sentence opened by a speech participle alone: "Adding, “...”", "Continuing: “...”".
_PARTICIPLE_LEAD_RE = re.compile(r"(?:" + _trie_pattern([w.capitalize() for w in _CUE_WORDS if w.endswith("ing")]) + r")[,:][ \t\u00a0]*")


class _Paragraphs:
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


def _name_segments(start: int, run: str) -> list[tuple[int, list[str]]]:
    """The names in a run of capitalised words, each with where it starts: the run split at
    speech verbs ("Chris Christie Calls Hillary Clinton", a headline, is two names; "Stated
    Stone" is one), each part without the words that start sentences or clauses at its ends
    ("Ted Cruz With"); such a word inside a name stays ("Saadia Even Tsur")."""
    parts: list[list[tuple[int, str]]] = [[]]
    for m in _TOKEN_RE.finditer(run):
        if m.group().lower() in _CUE_SET:
            parts.append([])
        else:
            parts[-1].append((start + m.start(), m.group()))
    out = []
    for part in parts:
        while part and part[0][1] in _CAP_STOP:
            part = part[1:]
        while part and part[-1][1] in _CAP_STOP:
            part = part[:-1]
        if part:
            out.append((part[0][0], [w for _, w in part]))
    return out


def _body_names(text: str, segments: list[tuple[int, list[str]]], evidence: Evidence) -> list[tuple[int, list[str]]]:
    """A Title Case headline's capitalised runs cut to the words the body capitalises mid-sentence:
    "Offensive Things Donald Trump Said" names Donald Trump."""
    out = []
    for start, words in segments:
        at, run, run_start = start, [], start
        for w in words:
            at = text.find(w, at)
            if evidence.midsentence(strip_possessive(w)) or (run and w in _NAME_PARTICLES):
                if not run:
                    run_start = at
                run.append(w)
            elif run:
                out.append((run_start, run))
                run = []
            at += len(w)
        if run:
            out.append((run_start, run))
    return out


def _known_names(text: str, segments: list[tuple[int, list[str]]], known_last: set[str]) -> list[tuple[int, list[str]]]:
    """A headline's runs cut after each word that ends a name the body uses ("Anthony Weiner Twitter
    Photo Scandal" names Anthony Weiner: the body says "Congressman Anthony Weiner"); words after the
    last such word are left out."""
    out = []
    for start, words in segments:
        at, first = start, 0
        positions = []
        for w in words:
            at = text.find(w, at)
            positions.append(at)
            at += len(w)
        for i, w in enumerate(words):
            if strip_possessive(w) in known_last:
                out.append((positions[first], words[first:i + 1]))
                first = i + 1
    return out


def _inside(spans: list[tuple[int, int, bool]], starts: list[int], pos: int) -> bool:
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


def extract_quotes(text: str) -> list[Quote]:
    """All direct quotes in ``text`` with their speaker, cue and offsets (into ``text``)."""
    source = text
    text = standard_marks(text)
    spans = _quote_spans(text)
    if not spans:
        return []

    # Subjects of speech verbs across the article: the timeline pronouns
    # resolve against, and the pool of name forms for fullest-name resolution.
    headline_paras: dict[int, bool] = {}  # paragraph (the newline before it) -> in headline Title Case?
    paragraphs = _Paragraphs(text)

    def in_headline(pos: int) -> bool:
        para = paragraphs.start(pos)
        if para not in headline_paras:
            headline_paras[para] = _is_headline(text, pos)
        return headline_paras[para]

    evidence = Evidence(text, in_headline)
    # (a text all in Title Case has no body to tell names by: its capitals are all there is)
    has_body = evidence.has_body
    said_subjects: list[tuple[int, str, str, str]] = []  # (position, mention, kind, canonical)
    name_ends: dict[str, set[int]] = collections.defaultdict(set)  # name form -> where its uses end
    headline_ends: dict[str, set[int]] = collections.defaultdict(set)  # the same, in Title Case headlines
    said_ends: dict[str, set[int]] = collections.defaultdict(set)  # the same, as subjects of speech verbs
    q_starts = [s for s, _, _ in spans]
    runs: list[tuple[int, str, str]] = []

    def add_said(np: tuple[int, int, str]) -> None:
        """A speech verb's subject: a name form, weighed as said (and a pronoun's antecedent)."""
        mention = text[np[0]:np[1]]
        npk = _mention_kind(mention, np[2])
        canon = _canonical(mention, npk, evidence, _sentence_initial(text, np[0]))
        if canon:
            if not _inside(spans, q_starts, np[0]):  # (a name in a quote weighs as a plain use)
                said_ends[canon].add(np[1])
            name_ends[canon].add(np[1])
            said_subjects.append((np[0], mention, npk, canon))

    def add_runs(segments: list[tuple[int, list[str]]]) -> None:
        """Runs of capitalised words: name forms, and the names a pronoun may stand for."""
        for s0, words in segments:
            mention = " ".join(words)
            # ("Secretary of State Hillary Clinton": the run after "of" opens with the department)
            office = _TITLE_OF_RE.search(text, max(0, s0 - 30), s0) is not None
            canon = _canonical(("of " if office else "") + mention, "name", evidence, _sentence_initial(text, s0))
            if canon and len(canon.split()) >= 2:
                # (a headline capitalises every word: "Republican Donor Adelson" counts only where
                # the body has no other form)
                (headline_ends if in_headline(s0) else name_ends)[canon].add(s0 + len(mention))
            if canon:
                runs.append((s0, mention, canon))

    # (the body first: what it names is what a Title Case headline's capitals may be taken for)
    headline_nps, headline_runs = [], []
    for m in _cues(text, 0, len(text)):
        ps = paragraphs.start(m.start())
        ss = _sentence_start(text, ps, m.start()) if m.start() - ps > 0 else ps
        if m.group().lower() == "according to":
            np = _np_according(text, m.end(), min(len(text), m.end() + 80))
        else:
            np = _np_before(text, max(ss, m.start() - 200), m.start())
        if np and np[2] != "pronoun" and has_body and in_headline(np[0]):
            headline_nps.append(np)
        elif np and np[2] != "pronoun":
            add_said(np)

    for m in _NAME_RUN_RE.finditer(text):
        if _inside(spans, q_starts, m.start()):
            continue  # names inside quotes are not antecedents
        if has_body and in_headline(m.start()):
            headline_runs.append(m)
            continue
        add_runs(_name_segments(m.start(), m.group()))
    known_last = {form.rsplit(" ", 1)[-1] for form in name_ends} | {form.rsplit(" ", 1)[-1] for form in said_ends}
    for np in headline_nps:
        cut = _known_names(text, _body_names(text, [(np[0], text[np[0]:np[1]].split())], evidence), known_last)
        if cut and np[2] == "name":
            last = cut[-1][1][-1]
            add_said((cut[-1][0], text.rfind(last, cut[-1][0], np[1]) + len(last), np[2]))
    for m in headline_runs:
        add_runs(_known_names(text, _body_names(text, _name_segments(m.start(), m.group()), evidence), known_last))
    # Name forms by their last word (a fuller form of a name ends with the same word),
    # and each name's fullest form once found: the forms are fixed from here on.
    by_last: dict[str, dict[str, tuple[int, int]]] = collections.defaultdict(dict)
    for form, uses in name_uses(name_ends, headline_ends, said_ends).items():
        by_last[form.rsplit(" ", 1)[-1]][form] = uses
    fullest_forms: dict[str | None, str | None] = {}

    def fullest(canon: str | None) -> str | None:
        if canon not in fullest_forms:
            fullest_forms[canon] = fullest_of(canon, by_last.get(canon.rsplit(" ", 1)[-1], {}) if canon else {})
        return fullest_forms[canon]

    def name_kind_of(mention: str, name: str, strict: bool = False) -> str | None:
        first = mention.split()[0].lower()
        return name_kind(name, evidence, person_hint=first in _HONORIFICS or first.rstrip(".") in _HONORIFICS, strict=strict)

    timeline = Timeline()
    for s0, mention, npk, canon in said_subjects:
        if _inside(spans, q_starts, s0):
            continue  # (who a quotation names is not who a pronoun after it stands for)
        if npk == "nominal":
            if nominal_kind(canon) == "role" and not mention.split()[0].lower() in _POSSESSIVES:
                timeline.add(s0, canon, "role", True)
        elif name_kind_of(mention, fullest(canon)) == "person":
            timeline.add(s0, canon, "person", True)
    for s0, mention, canon in runs:
        full = fullest(canon)
        if text[max(0, s0 - 4):s0].lower() == "the " or headline_paras.get(paragraphs.start(s0)):
            continue  # (a headline's capitals say nothing of what is a name)
        if name_kind_of(mention, full) == "person":
            timeline.add(s0, full, "person", _subject_position(text, s0, s0 + len(mention)))
    for m in _LONE_NAME_RE.finditer(text):
        # a surname alone where the article names the person in full ("asked Trump if he ..."), or
        # as a sentence's subject when a title marks it a person's ("Ryan also hammered Obama")
        s0, word = m.start(), strip_possessive(m.group())
        if (word not in by_last and word not in evidence.titled) or m.group() in _CAP_STOP or _inside(spans, q_starts, s0):
            continue  # (only a word some fuller name ends with, or a titled one, can be a person's)
        canon = _canonical(m.group(), "name", evidence, _sentence_initial(text, s0))
        full = fullest(canon) if canon else None
        if not full or name_kind(full, evidence) != "person" or _COMPOUND_MODIFIER_RE.match(full):
            continue  # ("Medicare" of "Romney-Ryan Medicare" names no one)
        subject = _subject_position(text, s0, m.end())
        if " " in full:
            timeline.add(s0, full, "person", subject)
        elif subject and (nxt := _NEXT_WORD_RE.match(text, m.end())) is not None and _verb_next(nxt.group(1)):
            timeline.add(s0, full, "person", True)
    titled_found: list = []  # (found when a description is first resolved: most articles need none)

    def titled() -> list:
        if not titled_found:
            titled_found.append(_titled_names(text, runs, evidence))
        return titled_found[0]

    def role_person(s: int, mention: str, canon: str) -> str | None:
        """The person a definite description ('the Texas governor') stands for: the one
        person the article gives that title, else (an office's title no one carries, right
        after that person's words) the person last named as a subject."""
        words = canon.split()
        head, mods = words[-1], words[:-1]
        if not mention.split()[0].lower() == "the":
            return None
        found = {fullest(name) for name, title in titled() if role_matches(head, mods, title)}
        if len(found) == 1:
            return found.pop()
        office = expand_title(head)
        if found or office not in OFFICE_NOUNS or any(expand_title(w) == office for _, title in titled() for w in title):
            return None
        if re.search(r"\b(?:[Aa]n?|[Aa]nother)\s+(?:[\w.’'-]+\s+){0,3}" + re.escape(head) + r"\b", text[:s]):
            return None  # introduced as "a governor": someone else
        hit = timeline.antecedent(s, since=paragraphs.start(max(0, paragraphs.start(s) - 2)), persons_only=True,
                                  subjects_only=True)
        return fullest(hit[0]) if hit else None

    for m in _ROLE_SUBJECT_RE.finditer(text):
        s0, e0 = m.span("np")
        if _inside(spans, q_starts, s0) or not _sentence_initial(text, s0):
            continue
        canon = _canonical(text[s0:e0], "nominal")
        if canon and nominal_kind(canon) == "role":
            person = role_person(s0, text[s0:e0], canon)
            # (an unnamed one still stands in the subject's place: "The congressman ... he")
            timeline.add(s0, person or fullest(canon), "person" if person else "role", True)

    def reporter_sentence(pos: int) -> int:
        """Where the sentence holding ``pos`` starts, sentence ends inside quotations skipped."""
        ps = paragraphs.start(pos)
        ss = _sentence_start(text, ps, pos)
        while True:
            k = bisect.bisect_right(q_starts, ss) - 1
            if k < 0 or not (spans[k][0] <= ss < spans[k][1]) or spans[k][0] - 1 <= ps:
                return ps if k >= 0 and spans[k][0] <= ss < spans[k][1] else ss
            ss = _sentence_start(text, ps, spans[k][0] - 1)

    def previous_sentence(pos: int) -> int:
        """Where the reporter's sentence before the one holding ``pos`` starts (maybe in the
        paragraph before)."""
        ps = paragraphs.start(pos)
        ss = reporter_sentence(pos)
        if ss > ps:
            return reporter_sentence(ss - 1)
        pe = ps - 1
        while pe > 0 and text[pe - 1].isspace():
            pe -= 1
        return reporter_sentence(pe - 1) if pe > 0 else 0

    def resolve(attr: _Attr) -> tuple[str | None, str]:
        """The canonical speaker a mention stands for and its kind (person, organisation,
        group, role), or (None, 'unresolved')."""
        s, e, npk = attr.np
        mention = text[s:e]
        if npk == "pronoun":
            if mention.lower() in _PERSON_PRONOUN_FORMS:
                hit = timeline.antecedent(s, since=previous_sentence(s))
                if hit is not None:
                    if attr.method.endswith(("-after", "-before")):
                        attr.method = "quote-marks/pronoun-resolved"
                    return fullest(hit[0]), hit[1]
            return None, "unresolved"
        npk = _mention_kind(mention, npk)
        if npk in ("name", "org") and strip_possessive(mention.split()[-1]) != mention.split()[-1]:
            return None, "unresolved"  # "said Clinton’s top aide Jake Sullivan": the possessor does not speak
        initial = _sentence_initial(text, s)
        words = mention.split()
        if npk == "name" and strip_possessive(words[-1]).lower() in DOCUMENT_NOUNS and len(words) > 1:
            author = _document_author(mention)  # "Perry TV Ad: ...": the ad's author
            if author is None:
                return None, "unresolved"
            mention = author
        canon = _canonical(mention, npk, evidence, initial)
        if not canon:
            return None, "unresolved"
        if npk == "name" and " " not in canon and _NAME_PART_BEFORE_RE.search(text, max(0, s - 40), s):
            return None, "unresolved"  # "the founder of Freedom to Marry", "Freedom’s Lighthouse": a piece of a name
        if npk == "name" and has_body and in_headline(s) and not all(evidence.midsentence(w) or w in _NAME_PARTICLES for w in canon.split()):
            return None, "unresolved"  # a headline's capitals name nothing the body names ("Clinton Cash Debunks Hillary")
        if npk == "nominal" and initial and evidence.common(canon.split()[0]):
            canon = canon[:1].lower() + canon[1:]  # "Close aides" opening a sentence: close aides
        if npk == "nominal":
            first = mention.split()[0].lower()
            if first in _POSSESSIVES:
                if first in _PERSON_PRONOUN_FORMS and document_author(["X", *mention.split()[1:]]):
                    # "his remarks", "her statement": the pronoun's person said it
                    hit = timeline.antecedent(s, since=previous_sentence(s))
                    if hit is not None:
                        return fullest(hit[0]), hit[1]
                return None, "unresolved"  # "his campaign": whose depends on a pronoun
            kind = nominal_kind(canon)
            if kind is None:
                author = _document_author(mention)
                if author is None:
                    return None, "unresolved"  # "the report", "the same time": no speaker
                canon, npk = _canonical(author, "name", evidence), "name"
                if not canon:
                    return None, "unresolved"
            elif kind == "role":
                person = role_person(s, mention, canon)
                if person:
                    timeline.add(s, person, "person", True)
                    return person, "person"
                speaker = fullest(canon)
                timeline.add(s, speaker, "role", True)
                return speaker, "role"
            else:
                return fullest(canon), kind
        speaker = fullest(canon)
        kind = name_kind_of(mention, speaker, strict=attr.cue is None)
        if kind is None:
            return None, "unresolved"
        if npk == "org" and kind in ("person", "unresolved"):
            kind = "organisation"  # "the Hill": a name with an article is no person's
        if kind in ("group", "role") and " " not in speaker and initial and (
                evidence.common(speaker) or (singular(speaker.lower()) in PERSON_NOUNS and not evidence.midsentence(speaker))):
            speaker = speaker.lower()  # "Critics said": critics, capitalised only to open the sentence
        if kind == "person":
            timeline.add(s, speaker, kind, True)
        return speaker, kind

    out: list[Quote] = []
    prev: tuple[int, str | None, _Attr, int, str] | None = None  # (para_start, speaker, attr, quote_end, speaker_kind)
    starts = [s for s, _, _ in spans]
    for idx, (start, end, closed) in enumerate(spans):
        para_start = paragraphs.start(start)
        while para_start < start - 1 and text[para_start] in " \t\u00a0":
            para_start += 1  # (an indented paragraph starts at its first mark or letter)
        para_end = paragraphs.end(end)
        close_end = end + 1 if closed else end
        next_open = starts[idx + 1] - 1 if idx + 1 < len(spans) else len(text)
        kind = _kind(text, start, end, para_start)
        open_at = max(para_start, start - 1)
        # (the sentence-end lookahead needs to see the mark and first letter)
        ss = min(_sentence_start(text, para_start, min(start + 1, len(text))), open_at)
        # does the quote open its sentence (nothing of the reporter's before it)?
        opens_sentence = not text[ss:open_at].strip(" \t\u00a0\"“‘'(—–-")
        # only a connective before the quote ("Instead, “he just...”", "But “..."):
        # it goes on from the sentence before, as a quote opening it would
        lead_only = not opens_sentence and _LEADING.match(text, ss, open_at).end() >= open_at - 1 \
            and not text[ss:open_at].strip(" \t\u00a0\"“‘'(—–-,").lower() in {"then", "now"}
        # "Adding, “...”": a participle alone goes on from the speaker before
        lead_only = lead_only or _PARTICIPLE_LEAD_RE.fullmatch(text, ss, open_at) is not None

        speaker: str | None = None
        speaker_kind = "unresolved"
        inherited = False
        attr = _attr_passive_agent(text, ss, open_at, close_end, para_end) if closed and not opens_sentence else None
        attr = attr or _attr_after(text, start, end, close_end, para_end, next_open)
        if attr is not None and attr.method in _AFTER_CUE_METHODS and not opens_sentence and attr.cue is not None \
                and _own_complement(text, max(attr.cue[1], attr.np[1]), para_end):
            # "Trump claimed that “...,” one of the prosecutors said the cases
            # differ": the speech verb after the quote opens a report of its
            # own; the quote belongs to the speech verb before it
            alt = _attr_before(text, ss, open_at)
            if alt is not None:
                attr = alt
        if attr is not None and attr.method == "quote-marks/speaker-verb-after" and not opens_sentence:
            # a quote inside the reporter's sentence: a clause after it with a verb
            # that is no speech verb is the reporter's ("When Lee pointed out that it
            # is “a tax,” Ray seized on it", 'Titled “X,” the video pans around ...')
            attr = None
        if attr is None and start - para_start <= 2 and not text[close_end:para_end].strip():
            attr = _attr_pull_credit(text, para_end)
        if attr is not None and attr.cue is not None:
            # "“...,” Sanders said, according to CNN.": the outer source
            tail = max(attr.cue[1], attr.np[1])
            attr = _attr_sourcing_after(text, tail, _sentence_end(text, tail, para_end)) or attr
        if attr is None and not opens_sentence and closed:
            # "..., according to the Times." names the source of all the sentence reports
            attr = _attr_sourcing_after(text, close_end, _sentence_end(text, close_end, para_end))
        if attr is None and not opens_sentence:
            # partial quotes and quotes introduced mid-sentence take the
            # speaker of the reporter's sentence
            attr = _attr_before(text, ss, open_at)
            if attr is not None and kind == "partial" and attr.method == "quote-marks/speaker-before":
                attr.method = "quote-marks/reported-speech"
            if attr is not None and attr.np is not None and attr.np[2] == "pronoun" and attr.np[0] > ss \
                    and text[attr.np[0]:attr.np[1]] in _PERSONAL_PRONOUNS:
                # "Trump said Sunday that he believed ... “...”": the pronoun
                # of an embedded clause stands for the sentence's named subject
                outer = _outer_speaker(text, ss, attr.np[0])
                if outer is not None:
                    attr = _Attr(outer, attr.cue, attr.method)
            poll = _attr_poll(text, ss, open_at)
            if poll is not None and (attr is None or attr.np is None or attr.np[0] >= poll.np[1]):
                attr = poll
            rel = _attr_relative(text, ss, open_at)
            if rel is not None and (attr is None or attr.np is None or attr.np[0] < rel.np[0]):
                attr = rel
            poss = _attr_possessive(text, ss, open_at)
            if poss is not None and (attr is None or attr.cue is None or attr.cue[1] <= poss.np[0]):
                attr = poss
            if attr is not None and closed:
                # "X slammed the group for promoting “...” on his show, Right Wing Watch
                # first reported.": the outer source of the whole sentence
                attr = _attr_sourcing_after(text, close_end, _sentence_end(text, close_end, para_end)) or attr
        if attr is None and closed:
            attr = _attr_clause_after(text, close_end, _sentence_end(text, close_end, para_end))
        if attr is None and opens_sentence and prev is not None and prev[0] == para_start and ss > para_start:
            # a reporter's sentence with its own attribution between two
            # quotes names the speaker of the second: "“...,” said Megan
            # Greene. Greene added that the Fed wants out. “They don’t...”"
            pss = _sentence_start(text, para_start, ss - 1)
            if pss > prev[3]:
                attr = _attr_before(text, pss, ss - 1)
                if attr is not None:
                    attr.method = "quote-marks/previous-sentence"
        if attr is None and prev is not None and (opens_sentence or lead_only or prev[3] >= ss):
            # (a quote in the same sentence as the previous one continues it:
            # "“The way I see it,” Woods elaborated, “no one questioned it.”")
            p_start, p_speaker, p_attr, p_end, p_kind = prev
            same_para = p_start == para_start
            # the previous quote sits in the paragraph just before this one
            prev_para = not same_para and "\n" not in text[p_end:para_start].strip() and start - para_start <= 1
            lead = _lead_in(text, p_end, para_start) if prev_para else None
            if lead is not None:
                # "“...,” Tenney said. She went on to say:¶“...”", "“...,” Lee added. Park
                # then had a question for him.¶“...”": a reporter's sentence after the last
                # quote introduces the next one
                attr = lead
            elif same_para or prev_para:
                speaker, speaker_kind, inherited = p_speaker, p_kind, True
                attr = _Attr(p_attr.np, p_attr.cue,
                             "quote-marks/same-paragraph" if same_para else "quote-marks/continued-paragraph")
        if attr is None and opens_sentence and ss > para_start:
            # "Smith said on Monday the plan was dead. “It will not pass.”":
            # the speaker named in the previous sentence
            pss = _sentence_start(text, para_start, ss - 1)
            attr = _attr_before(text, pss, ss - 1) or _attr_subject(text, pss, ss - 1)
            if attr is not None:
                attr.method = "quote-marks/previous-sentence"
        if attr is None and start - para_start <= 1 and para_start >= 2:
            # a quote-only paragraph introduced by "Cruz continued:" above it
            pe = para_start - 1
            while pe > 0 and text[pe - 1].isspace():
                pe -= 1
            pps = text.rfind("\n", 0, pe) + 1
            pss = _sentence_start(text, pps, pe - 1)
            if text[pe - 1:pe] == ":":
                inv = _INVERTED_INTRO_RE.fullmatch(text, pss, pe)
                if inv is not None:
                    # "Stated Stone:" / "Added the senator:": a verb-first introduction
                    np_kind = "nominal" if inv.group("np").split()[0].lower() in _DETERMINERS else "name"
                    attr = _Attr((*inv.span("np"), np_kind), inv.span("cue"), "")
                else:
                    attr = _attr_before(text, pss, pe - 1) or _attr_subject(text, pss, pe - 1)
                if attr is not None:
                    attr.method = "quote-marks/colon-intro"
            elif _QUOTE_CHARS.isdisjoint(text[pps:pe]):
                # a quote-only paragraph after reported speech: "Smith said
                # the bill was dead.¶“It will not pass.”"
                attr = _attr_before(text, pss, pe - 1)
                if attr is not None:
                    attr.method = "quote-marks/previous-paragraph"
        if attr is None and not text[close_end:para_end].strip(" .\u00a0"):
            # "“...”¶- Hillary Clinton.": a credit line under a quote
            attr = _attr_credit_line(text, para_end)
        if attr is None and not opens_sentence:
            attr = _attr_subject(text, ss, open_at)
            if attr is not None:
                attr = _clause_subject(text, attr, open_at) or attr
            if attr is None or attr.np[2] not in ("name", "pronoun"):
                # "The comments came in answer to her claim that she “never sent”
                # ...": a possessive pronoun outranks a subject that is no person
                attr = _attr_possessive(text, ss, open_at, pronouns=True) or attr
        if attr is None and not opens_sentence and ss > para_start and _cue_search(text, ss, open_at) is None \
                and len(text[start:end].split()) > _MAX_SCARE_WORDS:
            # "This makes it hard, he said. Good information can still win, but only when
            # “the truth is sexier than the lie.”": a sentence with no speaker of its own
            # goes on with the reported speech of the sentence before (a few words
            # with no speaker of their own stay scare quotes)
            pss = _sentence_start(text, para_start, ss - 1)
            attr = _attr_before(text, pss, ss - 1) or _attr_sourcing_after(text, pss, ss)
            if attr is not None:
                attr.method = "quote-marks/previous-sentence"
        if attr is None and not opens_sentence and prev is not None and prev[0] == para_start \
                and text[ss:open_at].rstrip().endswith(",") and _cue_search(text, ss, open_at) is None:
            # "“...,” Mr. Garin said. For others, on the other hand, “you don't ...”": only
            # introductory phrases before it, the quote goes on from the paragraph's speaker
            speaker, speaker_kind, inherited = prev[1], prev[4], True
            attr = _Attr(prev[2].np, prev[2].cue, "quote-marks/same-paragraph")
        if attr is not None and kind == "partial" and not opens_sentence and (attr.cue is None or attr.cue[0] < start) \
                and _is_label(text, start, close_end, open_at, ss):
            # a speech verb after the quote still governs it ('a group called “X,” Lee said')
            attr = _Attr(None, None, "quote-marks/label")
        if attr is None:
            attr = _Attr(None, None, "quote-marks/no-speaker")
        if _not_a_quotation(text, start, end, attr.method, kind) and not _passive_intro(text, ss, open_at):
            continue
        if attr.np is not None and not inherited:
            speaker, speaker_kind = resolve(attr)
        np = attr.np
        cue = attr.cue
        out.append(Quote(  # (every text field sliced from the source itself)
            start=start, end=end, text=source[start:end], kind=kind,
            speaker=speaker,
            speaker_kind=speaker_kind if np is not None else None,
            speaker_mention=source[np[0]:np[1]] if np else None,
            speaker_start=np[0] if np else None,
            speaker_end=np[1] if np else None,
            cue=source[cue[0]:cue[1]] if cue else None,
            cue_start=cue[0] if cue else None,
            cue_end=cue[1] if cue else None,
            method=attr.method,
        ))
        if np is not None:
            prev = (para_start, speaker, attr, end, speaker_kind)
        elif prev is not None and prev[0] != para_start:
            prev = None
    return out


_TITLE_OF_RE = re.compile(r"\b(?:Secretary|Minister|Director|Department|Ministry|Chief|Chairman|Chairwoman|Head|Chancellor|"
                         r"Commissioner|Secretary-General|Undersecretary|Under Secretary|Administrator)[ \u00a0]+(?:of|for)[ \u00a0]+$")


def _sentence_initial(text: str, pos: int) -> bool:
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
        return not (text[k - 1] == "." and _ABBREV_RE.search(text, max(0, k - 9), k))
    return False


# Words after which a name stands in a subject's place ("..., and Trump", "that Trump").
_SUBJECT_BEFORE = frozenset(
    "and but or that while when as because since after before although though if so yet where whereas until unless once".split())


_OBJECT_PREPOSITIONS = frozenset("to than like over under toward towards via per".split())


def _subject_position(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands in a subject's place: opening a sentence or
    clause, after a conjunction or an inverted speech verb, or before a verb."""
    if _sentence_initial(text, start):
        return True
    j = start
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    after_comma = j > 0 and text[j - 1] in ",;:—–("
    p = _PREV_WORD_RE.search(text, max(0, start - 30), start)
    if p is not None and p.group(1) in _PREPOSITIONS | _OBJECT_PREPOSITIONS:
        return False  # "Gov. Rick Perry of Texas is ...": Texas is no subject
    if p is not None and (p.group(1) in _SUBJECT_BEFORE or (p.group(1) in _CUE_SET and p.group(1) not in _OBJECT_CUES)):
        return True
    if text[end - 2:end] in ("’s", "'s"):
        return False
    if after_comma:
        return text[end:end + 1] not in (",", ")")  # (not an apposition: "his wife, Huma Abedin, a ...")
    w = _WORD_RE.match(text, end)
    return w is not None and _verb_next(w.group(1))


def _verb_next(word: str) -> bool:
    """Whether a word after a name makes it a subject: an auxiliary, an adverb, a speech verb or
    a past tense (a word in -s may be a plural noun: "Houthi rebels", "Israeli planes")."""
    return word in _AUX or _is_adverb(word) or word in _CUE_SET or word in _IRREGULAR_PAST \
        or (word.endswith("ed") and len(word) > 4)


_ROLE_NOUN_PATTERN = _trie_pattern(sorted(PERSON_NOUNS | {w.rstrip(".") for w in _TITLES if w.isalpha()}))
_NAME_PATTERN = r"(?:" + _CAPW + r"[ \u00a0]+){0,3}" + _CAPW
# "former Alaska governor Sarah Palin", "Republican presidential candidate Rick Perry": a
# lower-case title before a name.
# "former Alaska governor Sarah Palin", "Republican presidential candidate Rick Perry": a
# lower-case title before a name (found at the title noun; the words before it read backwards).
_ROLE_NOUN_SET = frozenset(PERSON_NOUNS | {w.rstrip(".") for w in _TITLES if w.isalpha()})
_TITLE_BEFORE_NAME_RE = re.compile(r"(?<![\w’'.-])[a-z][\w-]*(?=[ \u00a0]+[A-Z])")
_TITLE_LEAD_RE = re.compile(r"(?:(?<![\w’'.-])" + _CAPW + r"[ \u00a0]+){0,3}(?:(?<![\w’'.-])[a-z][\w-]*[ \u00a0]+){0,2}$")
_NAME_AT_RE = re.compile(r"[ \u00a0]+(?P<name>" + _NAME_PATTERN + r")")
# "Rick Perry, the Texas governor," / "the Texas governor, Rick Perry,": an apposition (found at
# its comma and article).
_APPOSITION_COMMA_RE = re.compile(r",[ \u00a0]+(?:the|a|an)[ \u00a0]+")
_APPOSITION_TITLE_RE = re.compile(r"(?P<title>(?:[\w.’'-]+[ \u00a0]+){0,4}?(?:" + _ROLE_NOUN_PATTERN + r"))\b(?![ \u00a0]+of\b)")
_NAME_BEFORE_RE = re.compile(r"(?<![\w’'.-])" + _NAME_PATTERN + r"$")
_TITLE_COMMA_RE = re.compile(r"(?<![\w’'.-])[a-z][\w-]*,[ \u00a0]+(?=[A-Z])")
_THE_TITLE_BEFORE_RE = re.compile(r"\b[Tt]he[ \u00a0]+(?P<title>(?:[\w.’'-]+[ \u00a0]+){0,4}?[\w.’'-]+)$")
_NAME_AFTER_COMMA_RE = re.compile(r"(?P<name>" + _NAME_PATTERN + r")(?=[,.])")
# "The congressman also expressed ...", "The Texas governor continues": a described person
# opening a sentence as its subject.
_ROLE_SUBJECT_RE = re.compile(r"(?P<np>\bThe[ \u00a0]+(?:[\w.’'-]+[ \u00a0]+){0,3}?(?:" + _ROLE_NOUN_PATTERN
                              + r"))(?=[ \u00a0]+[a-z])")


def _titled_names(text: str, runs: list[tuple[int, str, str]], evidence: Evidence) -> list[tuple[str, list[str]]]:
    """(name, title words) for every person the article gives a title: 'Texas Gov. Rick Perry'
    (Rick Perry: Texas, Gov.), 'former Alaska governor Sarah Palin', 'Perry, the Texas governor'."""
    out = []
    for _, mention, canon in runs:
        words, name = mention.split(), canon.split()
        if 0 < len(name) < len(words) and [strip_possessive(w) for w in words[-len(name):]] == name:
            title = words[:-len(name)]
            if any(w.lower().rstrip(".") in _TITLES for w in title):
                out.append((canon, title))
    for m in _TITLE_BEFORE_NAME_RE.finditer(text):
        if m.group() not in _ROLE_NOUN_SET:
            continue
        name = _NAME_AT_RE.match(text, m.end())
        lead = _TITLE_LEAD_RE.search(text, max(0, m.start() - 80), m.start())
        canon = _canonical(name.group("name"), "name", evidence) if name else None
        if canon and len(canon.split()) >= 2:
            out.append((canon, (text[lead.start():m.start()] if lead else "").split() + [m.group()]))
    for m in _APPOSITION_COMMA_RE.finditer(text):
        title = _APPOSITION_TITLE_RE.match(text, m.end())
        name = _NAME_BEFORE_RE.search(text, max(0, m.start() - 80), m.start()) if title else None
        canon = _canonical(name.group(), "name", evidence) if name else None
        if canon:
            out.append((canon, title.group("title").split()))
    for m in _TITLE_COMMA_RE.finditer(text):
        if m.group().split(",")[0] not in _ROLE_NOUN_SET:
            continue
        the = _THE_TITLE_BEFORE_RE.search(text, max(0, m.start() - 60), m.start() + len(m.group().split(",")[0]))
        name = _NAME_AFTER_COMMA_RE.match(text, m.end()) if the else None
        canon = _canonical(name.group("name"), "name", evidence) if name else None
        if canon:
            out.append((canon, the.group("title").split()))
    return out


# A capitalised word neither after nor before another.
_LONE_NAME_RE = re.compile(r"(?<![\w’'.-])(?<![A-Z][a-z][ \u00a0])(?<![A-Z]\.[ \u00a0])[A-Z][a-z][\w’'-]*(?<![’'-])(?![ \u00a0]+[A-Z])")
_NEXT_WORD_RE = re.compile(r"[ \u00a0]+([a-z]+)\b")
# Two names joined by a hyphen before a noun: a compound modifier ("Romney-Ryan Medicare", "Israel-Hamas war").
_COMPOUND_MODIFIER_RE = re.compile(r"[A-Z][a-z]+-[A-Z][a-z]+ [A-Z]")


# What makes a capitalised word part of a longer name before it: "Freedom to Marry", "Bank of
# America", "Freedom’s Lighthouse".
_NAME_PART_BEFORE_RE = re.compile(r"[A-Z][\w-]*(?:[ \u00a0]+(?:to|of|for|and|the|de)|[’']s)[ \u00a0]+$")


def _mention_kind(mention: str, kind: str) -> str:
    """A description that ends in a name is the name's ('Secretary of State Hillary Clinton', 'the
    NAACP President Benjamin Todd Jealous'); 'The Arizona Republican' is a description."""
    words = mention.split()
    if kind == "nominal" and len(words) > 1 and words[-1][:1].isupper() and not words[-1].isupper() \
            and any(w[:1].isupper() for w in words[:-1]) and strip_possessive(words[-1]) == words[-1]:
        return "name"
    if kind == "org" and len(words) > 1:
        if words[-1].lower() in PERSON_NOUNS:
            return "nominal"
        if any(w.lower().rstrip(".") in _TITLES for w in words[1:-1]):
            return "name"
    return kind


def _document_author(mention: str) -> str | None:
    """'Mr. Trump’s statement' -> 'Mr. Trump', 'the Perry TV ad' -> 'Perry'."""
    author = document_author(mention.split())
    return " ".join(author) if author else None


# Proper-name runs (titles included) anywhere in the text: the name forms a
# shorter mention may resolve to.
_NAME_RUN_RE = re.compile(r"(?:" + _CAPW + r"[ \u00a0]+){1,5}" + _CAPW)


def reported_speaker(text: str, sent_start: int, start: int, end: int, sent_end: int) -> tuple[int, int, str, str | None] | None:
    """The speaker of reported speech holding text[start:end], in its sentence.

    'The military said about 100 planes struck…', '…320 rockets, Hezbollah said.',
    '…, according to the ministry.' Returns (mention_start, mention_end, kind, canonical)
    where kind is pronoun, nominal, org or name and canonical is None for pronouns.
    """
    attr = _attr_before(text, sent_start, start) or _attr_clause_after(text, end, sent_end)
    if attr is None or attr.np is None or attr.method == "quote-marks/speaker-label":
        return None
    s, e, kind = attr.np
    return s, e, kind, _canonical(text[s:e], kind)
