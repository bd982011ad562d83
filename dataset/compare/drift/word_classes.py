"""Word classes of English news writing that the drift rules read.

Each list encodes a general convention of news prose (not of one corpus):

* ``ATTRIBUTION``: reporting verbs by *force*. Style guides (AP, Reuters) treat
  "said" as the neutral verb; "claimed", "insisted", "admitted", "warned",
  "signalled" add the writer's judgement of the claim. A change of class between
  aligned versions is an ``attribution`` drift; neutral synonyms (said/told/added/
  noted/stated) are not.
* ``MODAL``: modal verbs and semi-modals by force (certain future / possible /
  probable / obligation), and ``HEDGES`` (words that lower certainty or state a
  hope rather than a fact). ``would`` is grouped with ``will`` (reported-speech
  backshift is not a change of certainty).
* ``NEGATORS``: syntactic negation.
* ``TIME``: weekdays, months, relative time words and their anchors; ``SEQUENCE``
  markers (before/after/as/while ...).
* ``ANTONYMS``: opposite relational words (reversal), and ``CAUSAL``: the two
  readings of who acted first (pre-emptive vs in response).
* ``QUALIFIERS``: bounds and approximations of numbers; ``RANK``: "one of the".
* ``CREDIT``: patterns of photo captions and source credits.
"""

from __future__ import annotations

import re

from newsprov.dataset.compare.drift.words import fold_key, stem

__all__ = ["ATTRIBUTION", "attribution_class", "MODAL", "modal_class", "HEDGES", "NEGATORS", "is_negator",
           "WEEKDAYS", "MONTHS", "RELATIVE_TIME", "SEQUENCE", "ANTONYM", "CAUSAL_FIRST", "CAUSAL_RESPONSE",
           "APPROX", "LOWER", "UPPER", "TITLES", "STYLE_EQUIV"]


def _forms(lemma: str) -> set[str]:
    """Inflected forms of a regular English verb (said/told etc. are listed explicitly)."""
    out = {lemma}
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        out |= {lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"), lemma + "ed", lemma + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgkmnprt]$", lemma):  # admit -> admitted, signal -> signalled
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
        if lemma.endswith("l"):
            out |= {lemma + "led", lemma + "ling"}
    return {fold_key(f) for f in out}


_ATTR_CLASSES = {
    "neutral": "say tell state add note report announce explain mention describe remark write recount comment "
               "reply speak call tweet post testify inform brief indicate observe continue relate",
    "assertive": "claim insist assert maintain contend argue allege purport",
    "concessive": "admit concede acknowledge confess",
    "warning": "warn threaten caution vow pledge promise",
    "emphatic": "emphasize emphasise stress underscore underline reiterate highlight",
    "tentative": "suggest hint signal imply intimate",
    "confirmative": "confirm reveal disclose verify",
    "denial": "deny dismiss reject refute dispute",
    "accusatory": "accuse blame charge complain criticize criticise slam blast condemn",
    "boast": "boast tout brag hail praise",
}
_IRREGULAR = {
    "neutral": "said says saying told telling wrote written writing spoke spoken speaking according stated",
}
ATTRIBUTION: dict[str, str] = {}
for _cls, _lemmas in _ATTR_CLASSES.items():
    for _l in _lemmas.split():
        for _f in _forms(_l):
            ATTRIBUTION.setdefault(_f, _cls)
for _cls, _words in _IRREGULAR.items():
    for _w in _words.split():
        ATTRIBUTION[fold_key(_w)] = _cls
# words that are reporting verbs only in some senses: excluded
for _w in ("post", "posts", "posted", "posting", "call", "calls", "calling", "charge", "charges", "charging",
           "continue", "continues", "continued", "continuing", "relate", "relates", "related", "relating",
           "brief", "briefs", "briefing", "note", "notes", "state", "states", "report", "reports", "call",
           "promise", "promises", "claims", "warning", "charged"):
    ATTRIBUTION.pop(fold_key(_w), None)
for _w in ("called", "noted", "reported", "briefed"):
    ATTRIBUTION[_w] = "neutral"


def attribution_class(key: str) -> str | None:
    return ATTRIBUTION.get(key)


MODAL: dict[str, str] = {}
for _cls, _words in {
    "will": "will shall would wont ll won't",
    "possible": "may might could",
    "can": "can cannot cant",
    "should": "should ought",
    "must": "must",
}.items():
    for _w in _words.split():
        MODAL[fold_key(_w)] = _cls


def modal_class(key: str) -> str | None:
    return MODAL.get(key)


# Hedges: their presence in one version only lowers (or raises) the certainty of a claim.
HEDGES = frozenset(fold_key(w) for w in (
    "apparently allegedly reportedly possibly perhaps probably likely unlikely potentially presumably "
    "seemingly supposedly whether hope hopes hoped hoping appear appears appeared seem seems seemed "
    "expected expect expects definitely certainly clearly undoubtedly surely").split())
# multi-word hedges (as key sequences)
HEDGE_PHRASES = [("at", "least"), ("in", "hopes", "of"), ("in", "hope", "of")]

# A speaker mention starting with one of these names no one: the rules guessed who it stands for.
SPEAKER_PRONOUNS = frozenset("he she they it we i you who him them".split())

NEGATORS = frozenset(fold_key(w) for w in (
    "not no never neither nor none nobody nothing nowhere without cannot n't").split()) | frozenset(
    fold_key(w) for w in "didn't don't doesn't isn't wasn't won't can't couldn't wouldn't shouldn't aren't "
                         "weren't hasn't haven't hadn't mustn't".split())


def is_negator(key: str) -> bool:
    return key in NEGATORS


WEEKDAYS = {fold_key(d): i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
WEEKDAYS.update({fold_key(d): i for i, d in enumerate("mon tue wed thu fri sat sun".split())})
MONTHS = {fold_key(m): i for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({fold_key(m): i for i, m in enumerate("jan feb mar apr may jun jul aug sept oct nov dec".split())})
MONTHS["sep"] = 8
del MONTHS["may"]  # the modal; "May" is read as a month only when capitalised (see rules)
# relative time words -> anchor class; "last month" is anchored on publication,
# "the previous month" on the event, "ago" on publication, "earlier" on the event.
RELATIVE_TIME = {
    "yesterday": "pub-1d", "today": "pub0", "tonight": "pub0", "tomorrow": "pub+1d", "last": "pub-prev",
    "next": "pub-next", "previous": "event-prev", "preceding": "event-prev", "prior": "event-prev",
    "following": "event-next", "ago": "pub-ago", "recently": "recent", "recent": "recent", "coming": "pub-next",
    "upcoming": "pub-next", "later": "later", "earlier": "earlier",
}
TIME_UNITS = frozenset("day days week weeks weekend month months year years morning afternoon evening night "
                       "hour hours minute minutes decade decades".split())
# sequence markers: before/after of *time* (time_reference)
SEQUENCE = {"before": "before", "after": "after", "following": "after", "followed": "after", "since": "after",
            "preceded": "before", "prior": "before", "ahead": "before", "until": "before",
            "while": "during", "during": "during", "as": "during", "amid": "during", "when": "during"}

_ANTONYM_PAIRS = [
    ("more", "less"), ("more", "fewer"), ("most", "least"), ("above", "below"), ("higher", "lower"),
    ("increase", "decrease"), ("increased", "decreased"), ("rise", "fall"), ("rose", "fell"), ("rising", "falling"),
    ("gain", "loss"), ("gained", "lost"), ("won", "lost"), ("win", "lose"), ("wins", "loses"), ("ahead", "behind"),
    ("inside", "outside"), ("maximum", "minimum"), ("majority", "minority"), ("grew", "shrank"),
    ("growth", "decline"), ("surplus", "deficit"), ("profit", "loss"), ("accepted", "rejected"),
    ("approved", "rejected"), ("agreed", "refused"), ("allowed", "banned"), ("guilty", "innocent"),
    ("confirmed", "denied"), ("support", "oppose"), ("supports", "opposes"), ("supported", "opposed"),
    ("supporting", "opposing"), ("for", "against"), ("success", "failure"), ("succeeded", "failed"),
    ("legal", "illegal"), ("true", "false"), ("victory", "defeat"), ("attacker", "victim"),
    ("winner", "loser"), ("strengthen", "weaken"), ("strengthened", "weakened"), ("expand", "cut"),
    ("raise", "lower"), ("raised", "lowered"), ("start", "end"), ("started", "ended"), ("open", "closed"),
    ("opened", "closed"), ("entered", "left"), ("arrived", "left"), ("acquitted", "convicted"),
    ("hired", "fired"), ("up", "down"),
]
ANTONYM: dict[str, set[str]] = {}
for _a, _b in _ANTONYM_PAIRS:
    ANTONYM.setdefault(fold_key(_a), set()).add(fold_key(_b))
    ANTONYM.setdefault(fold_key(_b), set()).add(fold_key(_a))
# who acted first: a pre-emptive act vs a response (reversal of causal order)
CAUSAL_FIRST = frozenset(stem(fold_key(w)) for w in "preemptive pre-emptive preventive preventative unprovoked".split())
CAUSAL_RESPONSE = frozenset(stem(fold_key(w)) for w in (
    "response responses respond responded responding retaliation retaliatory retaliate retaliated retaliating "
    "reprisal reprisals").split())

# Number qualifiers (figure_qualifier); "about"/"around", "more than"/"over" are one class each.
APPROX = frozenset("about around approximately roughly some nearly almost estimated circa".split())
LOWER = frozenset("more than over at least upwards of exceeding above".split())
UPPER = frozenset("less fewer under up to at most below".split())

TITLES = frozenset(fold_key(w) for w in (
    "mr mrs ms dr sen senator rep representative gov governor gen general adm admiral lt col sgt capt "
    "prof president minister secretary rear vice chairman chairwoman chairperson spokesperson spokesman "
    "spokeswoman director chief leader sir lord").split())

# Word pairs the guideline lists as *not* a drift (same meaning, house style).
STYLE_EQUIV = [frozenset(fold_key(w) for w in group.split()) for group in (
    "about around approximately roughly some nearly", "over above", "spokesperson spokesman spokeswoman",
    "chairperson chairman chairwoman chair", "concluded ended", "centre center", "whilst while",
    "amid amidst", "towards toward", "upon on", "us american", "uk british", "un united",
    "prime pm", "program programme",
)]


def style_equivalent(a: str, b: str) -> bool:
    return any(a in g and b in g for g in STYLE_EQUIV)
