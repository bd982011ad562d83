"""Name forms: canonical speaker names (titles and determiners removed), the fullest form
an article uses, and the names and titles an article gives people."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from newsprov.dataset.extract.quotes.lexicon import (
    AUX, CAPW, CAPW_TAIL, CAP_STOP, CUE_CAPITALISED, CUE_SET, DETERMINERS, EDGE_PUNCT, IRREGULAR_PAST, OBJECT_CUES,
    PARTICLES_IN_NAMES, PREPOSITIONS, PREV_WORD_RE, TITLES, TOKEN_RE, WORD_RE, is_adverb, trie_pattern,
)
from newsprov.dataset.extract.quotes.sentences import is_sentence_initial
from newsprov.dataset.extract.speakers import (
    ORG_NAME_HEADS, PERSON_NOUNS, Evidence, clean_name, describes, document_author, strip_possessive,
)


def canonical(mention: str, kind: str, evidence: Evidence | None = None, sentence_initial: bool = False) -> str | None:
    """Mention text with determiners and titles removed (and, for names, what
    speakers.clean_name strips: possessives, party labels, departments after a title)."""
    if evidence is None:
        return _canonical_form(mention, kind, None, sentence_initial)
    return evidence.remember(("canonical", mention, kind, sentence_initial),
                             lambda: _canonical_form(mention, kind, evidence, sentence_initial))


def _canonical_form(mention: str, kind: str, evidence: Evidence | None, sentence_initial: bool) -> str | None:
    words = mention.split()
    if kind == "pronoun":
        return None
    if words and words[0].lower() in DETERMINERS and words[1:2] != ["of"]:
        words = words[1:]  # (not in "one of her ads")
    if kind in ("name", "org") and words:
        words[-1] = strip_possessive(words[-1])
        if words and words[0] in CUE_CAPITALISED and len(words) > 1:
            words = words[1:]  # "Added Gibbs", a verb-first attribution's name
    if kind == "name":
        cut = 0
        for k, w in enumerate(words[:-1]):
            if w.lower() in TITLES or w.lower().rstrip(".") in TITLES or describes(w):
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
            if (w[:1].islower() and w.lower() not in PARTICLES_IN_NAMES) or w.endswith(("’s", "'s")):
                if all(x[:1].isupper() for x in words[k + 1:]):
                    words = words[k + 1:]
                break
    out = " ".join(words).strip(EDGE_PUNCT + " ")
    return out or None


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


def name_segments(start: int, run: str) -> list[tuple[int, list[str]]]:
    """The names in a run of capitalised words, each with where it starts: the run split at
    speech verbs ("Chris Christie Calls Hillary Clinton", a headline, is two names; "Stated
    Stone" is one), each part without the words that start sentences or clauses at its ends
    ("Ted Cruz With"); such a word inside a name stays ("Saadia Even Tsur")."""
    # (the words sliced anew from each run: no word object is shared between articles)
    return [(start + spans[0][0], [run[a:b] for a, b in spans]) for spans in _run_segments(run)]


@lru_cache(maxsize=65536)  # (a name's run recurs through an article and from article to article)
def _run_segments(run: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The names of name_segments in a run, each as its words' spans in the run."""
    parts: list[list[tuple[tuple[int, int], str]]] = [[]]
    for m in TOKEN_RE.finditer(run):
        if m.group().lower() in CUE_SET:
            parts.append([])
        else:
            parts[-1].append((m.span(), m.group()))
    out = []
    for part in parts:
        while part and part[0][1] in CAP_STOP:
            part = part[1:]
        while part and part[-1][1] in CAP_STOP:
            part = part[:-1]
        if part:
            out.append(tuple(span for span, _ in part))
    return tuple(out)


def body_names(text: str, segments: list[tuple[int, list[str]]], evidence: Evidence) -> list[tuple[int, list[str]]]:
    """A Title Case headline's capitalised runs cut to the words the body capitalises mid-sentence:
    "Offensive Things Donald Trump Said" names Donald Trump."""
    out = []
    for start, words in segments:
        at, run, run_start = start, [], start
        for w in words:
            at = text.find(w, at)
            if evidence.midsentence(strip_possessive(w)) or (run and w in PARTICLES_IN_NAMES):
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


def known_names(text: str, segments: list[tuple[int, list[str]]], known_last: set[str]) -> list[tuple[int, list[str]]]:
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


TITLE_OF_RE = re.compile(r"\b(?:Secretary|Minister|Director|Department|Ministry|Chief|Chairman|Chairwoman|Head|Chancellor|"
                         r"Commissioner|Secretary-General|Undersecretary|Under Secretary|Administrator)[ \u00a0]+(?:of|for)[ \u00a0]+$")


# Words after which a name stands in a subject's place ("..., and Trump", "that Trump").
_SUBJECT_BEFORE = frozenset(
    "and but or that while when as because since after before although though if so yet where whereas until unless once".split())


_OBJECT_PREPOSITIONS = frozenset("to than like over under toward towards via per".split())
_NO_SUBJECT_AFTER = PREPOSITIONS | _OBJECT_PREPOSITIONS  # (a name after one is no subject)


# A US legislator's party and state after the name: ", R-S.C.," / " (D-Calif.)" / ", I-Vt.,".
PARTY_LABEL_RE = re.compile(r"(?:,[ \u00a0]*|[ \u00a0]*\()[RDI]-[A-Z][A-Za-z.]*(?:[ \u00a0][A-Z][A-Za-z.]*)?(?:,|\))[ \u00a0]")


# A non-restrictive relative clause after a name, closed by a comma: ", who opposes the project, ".
RELATIVE_CLAUSE_RE = re.compile(r",?[ \u00a0]+(?:who|whose)[ \u00a0][^,.;:!?\"“”()]{1,120},[ \u00a0]")


def _reported_clause(text: str, prev: re.Match, end: int) -> bool:
    """Whether the name before ``end`` opens a clause reported by a speech verb ("said Steele
    must", "said that Steele had"): right after the verb (or its "that") and before a verb of
    its own. An inverted attribution ("..., said Steele.") has no verb after the name."""
    word = prev.group(1)
    if word == "that":  # the verb may stand a few words before its "that": "told reporters on Monday that"
        window = re.split(r"[,;:.!?()\"“”]", text[max(0, prev.start() - 40):prev.start()])[-1]
        if not any(w in CUE_SET for w in re.findall(r"[a-z]+", window)[-4:]):
            return False
    elif word not in CUE_SET or word in OBJECT_CUES:  # ("told Steele": Steele is who was told)
        return False
    w = WORD_RE.match(text, end)
    return w is not None and verb_next(w.group(1))


def subject_position(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] stands in a subject's place: opening a sentence or
    clause, after a conjunction or an inverted speech verb, or before a verb."""
    if is_sentence_initial(text, start):
        return True
    j = start
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    after_comma = j > 0 and text[j - 1] in ",;:—–("
    p = PREV_WORD_RE.search(text, max(0, start - 30), start)
    if p is not None and p.group(1) in _NO_SUBJECT_AFTER:
        return False  # "Gov. Rick Perry of Texas is ...": Texas is no subject
    if p is not None and _reported_clause(text, p, end):
        return False  # "DeMint ... said Steele must apologize": Steele opens what DeMint said, and the
        # "he said" after DeMint's next quotation is DeMint: the sayer stays the antecedent
    if p is not None and (p.group(1) in _SUBJECT_BEFORE or (p.group(1) in CUE_SET and p.group(1) not in OBJECT_CUES)):
        return True
    if text[end - 2:end] in ("’s", "'s"):
        return False
    label = PARTY_LABEL_RE.match(text, end)
    after = label.end() - 1 if label is not None else end  # "Sen. Jim DeMint, R-S.C., would not ...": no apposition
    relative = RELATIVE_CLAUSE_RE.match(text, after) if label is not None or text[after:after + 1] == "," else None
    if relative is not None:  # "Peter King, R-N.Y., who opposes the project, said ...": the verb after the clause
        after = relative.end() - 1
    if label is not None or relative is not None:
        w = WORD_RE.match(text, after)
        return w is not None and verb_next(w.group(1))
    if after_comma:
        return text[end:end + 1] not in (",", ")")  # (not an apposition: "his wife, Huma Abedin, a ...")
    w = WORD_RE.match(text, end)
    return w is not None and verb_next(w.group(1))


def verb_next(word: str) -> bool:
    """Whether a word after a name makes it a subject: an auxiliary, an adverb, a speech verb or
    a past tense (a word in -s may be a plural noun: "Houthi rebels", "Israeli planes")."""
    return word in AUX or is_adverb(word) or word in CUE_SET or word in IRREGULAR_PAST \
        or (word.endswith("ed") and len(word) > 4)


_ROLE_NOUN_PATTERN = trie_pattern(sorted(PERSON_NOUNS | {w.rstrip(".") for w in TITLES if w.isalpha()}))
_NAME_PATTERN = r"(?:" + CAPW + r"[ \u00a0]+){0,3}" + CAPW
# "former Alaska governor Sarah Palin", "Republican presidential candidate Rick Perry": a
# lower-case title before a name.
# "former Alaska governor Sarah Palin", "Republican presidential candidate Rick Perry": a
# lower-case title before a name (found at the title noun; the words before it read backwards).
_ROLE_NOUN_SET = frozenset(PERSON_NOUNS | {w.rstrip(".") for w in TITLES if w.isalpha()})
_TITLE_BEFORE_NAME_RE = re.compile(r"(?<![\w’'.-])[a-z][\w-]*(?=[ \u00a0]+[A-Z])")
_TITLE_LEAD_RE = re.compile(r"(?:(?<![\w’'.-])" + CAPW + r"[ \u00a0]+){0,3}(?:(?<![\w’'.-])[a-z][\w-]*[ \u00a0]+){0,2}$")
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
# (\b before "The" checked once its T is read, as (?<!\w.): a regex opening with a letter is
# searched by skipping to it)
ROLE_SUBJECT_RE = re.compile(r"(?P<np>T(?<!\w.)he[ \u00a0]+(?:[\w.’'-]+[ \u00a0]+){0,3}?(?:" + _ROLE_NOUN_PATTERN
                              + r"))(?=[ \u00a0]+[a-z])")


def titled_names(text: str, runs: list[tuple[int, str, str]], evidence: Evidence) -> list[tuple[str, list[str]]]:
    """(name, title words) for every person the article gives a title: 'Texas Gov. Rick Perry'
    (Rick Perry: Texas, Gov.), 'former Alaska governor Sarah Palin', 'Perry, the Texas governor'."""
    out = []
    for _, mention, canon in runs:
        words, name = mention.split(), canon.split()
        if 0 < len(name) < len(words) and [strip_possessive(w) for w in words[-len(name):]] == name:
            title = words[:-len(name)]
            if any(w.lower().rstrip(".") in TITLES for w in title):
                out.append((canon, title))
    for m in _TITLE_BEFORE_NAME_RE.finditer(text):
        if m.group() not in _ROLE_NOUN_SET:
            continue
        name = _NAME_AT_RE.match(text, m.end())
        lead = _TITLE_LEAD_RE.search(text, max(0, m.start() - 80), m.start())
        canon = canonical(name.group("name"), "name", evidence) if name else None
        if canon and len(canon.split()) >= 2:
            out.append((canon, (text[lead.start():m.start()] if lead else "").split() + [m.group()]))
    for m in _APPOSITION_COMMA_RE.finditer(text):
        title = _APPOSITION_TITLE_RE.match(text, m.end())
        name = _NAME_BEFORE_RE.search(text, max(0, m.start() - 80), m.start()) if title else None
        canon = canonical(name.group(), "name", evidence) if name else None
        if canon:
            out.append((canon, title.group("title").split()))
    for m in _TITLE_COMMA_RE.finditer(text):
        if m.group().split(",")[0] not in _ROLE_NOUN_SET:
            continue
        the = _THE_TITLE_BEFORE_RE.search(text, max(0, m.start() - 60), m.start() + len(m.group().split(",")[0]))
        name = _NAME_AFTER_COMMA_RE.match(text, m.end()) if the else None
        canon = canonical(name.group("name"), "name", evidence) if name else None
        if canon:
            out.append((canon, the.group("title").split()))
    return out


# A capitalised word neither after nor before another. (What may not stand before it is checked
# once its capital is read, each lookbehind a character longer: a regex opening with a character
# class is searched by skipping to its characters, one opening with a lookbehind is tried at every
# character.)
LONE_NAME_RE = re.compile(r"[A-Z](?<![\w’'.-].)(?<![A-Z][a-z][ \u00a0].)(?<![A-Z]\.[ \u00a0].)[a-z][\w’'-]*(?<![’'-])(?![ \u00a0]+[A-Z])")
NEXT_WORD_RE = re.compile(r"[ \u00a0]+([a-z]+)\b")
# Two names joined by a hyphen before a noun: a compound modifier ("Romney-Ryan Medicare", "Israel-Hamas war").
COMPOUND_MODIFIER_RE = re.compile(r"[A-Z][a-z]+-[A-Z][a-z]+ [A-Z]")


# What makes a capitalised word part of a longer name before it: "Freedom to Marry", "Bank of
# America", "Freedom’s Lighthouse".
NAME_PART_BEFORE_RE = re.compile(r"[A-Z][\w-]*(?:[ \u00a0]+(?:to|of|for|and|the|de)|[’']s)[ \u00a0]+$")


def mention_kind(mention: str, kind: str) -> str:
    """A description that ends in a name is the name's ('Secretary of State Hillary Clinton', 'the
    NAACP President Benjamin Todd Jealous'); 'The Arizona Republican' is a description."""
    words = mention.split()
    if kind == "nominal" and len(words) > 1 and words[-1][:1].isupper() and not words[-1].isupper() \
            and any(w[:1].isupper() for w in words[:-1]) and strip_possessive(words[-1]) == words[-1]:
        return "name"
    if kind == "org" and len(words) > 1:
        if words[-1].lower() in PERSON_NOUNS:
            return "nominal"
        if any(w.lower().rstrip(".") in TITLES for w in words[1:-1]):
            return "name"
    return kind


def author_of(mention: str) -> str | None:
    """'Mr. Trump’s statement' -> 'Mr. Trump', 'the Perry TV ad' -> 'Perry'."""
    author = document_author(mention.split())
    return " ".join(author) if author else None


# Proper-name runs (titles included) anywhere in the text: the name forms a
# shorter mention may resolve to. ((?:CAPW[ ]+){1,5}CAPW, its first word opening with a plain
# capital: see CAPW_TAIL.)
NAME_RUN_RE = re.compile(r"[A-Z]" + CAPW_TAIL + r"[ \u00a0]+(?:" + CAPW + r"[ \u00a0]+){0,4}" + CAPW)
