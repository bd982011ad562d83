"""Attribution in the reporter's words before the quote: the speech verb of its sentence
and its subject, "according to", a possessive speech noun, a poll, a relative "who", a label
("Name: “...”"), and the sentence that introduces a quote paragraph."""

from __future__ import annotations

import re
from dataclasses import replace

from newsprov.dataset.extract.quotes.attribution import Attribution
from newsprov.dataset.extract.quotes.cues import cue_search, cues_in, is_passive
from newsprov.dataset.extract.quotes.lexicon import (
    AUX, CAPW, CAP_STOP, CUE_WORDS, DETERMINERS, NAMING_CUES, OBJECT_CUES, PREV_WORD_RE, SPEECH_NOUNS,
    trie_pattern,
)
from newsprov.dataset.extract.quotes.marks import QUOTE_CHARS
from newsprov.dataset.extract.quotes.phrases import RELATIVE_RE, np_according, np_at, np_before
from newsprov.dataset.extract.quotes.sentences import previous_paragraph_end, sentence_start
from newsprov.dataset.extract.quotes.subjects import COORD_END_RE, attr_subject, coordinate_subject, intro_clause_end
from newsprov.dataset.extract.speakers import HEADER_WORDS


_CLAUSE_CLOSED_RE = re.compile(r",[ \t\u00a0]+[a-z]+[ \t\u00a0]+\w")


# A pronoun after a concessive or adversative conjunction, or in a parenthetical
# ", he said,", is the subject of a speech act of its own, not a pronoun inside
# what the sentence's subject said: the nearest mention is the speaker.
_CONCESSIVE = frozenset("though although but yet".split())
# "he said," / "she later added," right after the pronoun's comma.
_PARENTHETICAL_RE = re.compile(r"[A-Za-z]+ (?:[a-z]+ )?(?:" + trie_pattern(CUE_WORDS) + r"),")


def outer_speaker(text: str, sent_start: int, pron_at: int) -> tuple[int, int, str] | None:
    """The named or nominal subject of the nearest speech verb with one, before a
    pronoun at ``pron_at`` that stands for it ("Trump said Sunday that he
    believed ...", "His wife had warned him ..., but Trump said he responded")."""
    m = None
    for c in cues_in(text, sent_start, pron_at):
        if c.group().endswith("ing"):
            continue  # ("X replied, before adding that he thinks": X's)
        if is_passive(text, sent_start, c):
            continue  # ("X was asked ..., he said"): X did not speak
        np = np_before(text, sent_start, c.start())
        if np is not None and np[2] != "pronoun":
            m = c  # (a pronoun subject of its own stands for the one before it)
    if m is None or m.group().lower() == "according to":
        return None
    w = PREV_WORD_RE.search(text, max(sent_start, pron_at - 12), pron_at)
    if w is not None and w.group(1) in _CONCESSIVE:
        return None  # "X said ..., though he added “...”": a speech act of its own
    if text[sent_start:pron_at].rstrip().endswith(",") and _PARENTHETICAL_RE.match(text, pron_at):
        return None  # "..., he said, “...”": a parenthetical attribution of its own
    if intro_clause_end(text, sent_start, min(len(text), pron_at + 20)) == pron_at:
        return None  # "When Sanders accused her of ..., she said “...”": the main clause's own subject
    np = np_before(text, sent_start, m.start())
    # (a nominal subject too: "The president told NPR he believes ...")
    if np is None or np[2] not in ("name", "nominal") or (np[2] == "name" and text[np[0]:np[1]].split()[0] in CAP_STOP) \
            or text[np[0]:np[1]].endswith(("’s", "'s")):
        return None
    return np


_WHO_RE = re.compile(r", who ")


def attr_relative(text: str, sent_start: int, open_at: int) -> Attribution | None:
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
    return Attribution((last.start() + 2, last.start() + 5, "pronoun"), None, "quote-marks/relative")


# A poll or survey reporting its respondents' words: "In a September
# Washington Post-ABC News poll, 75 percent of Republicans said “...”", "The
# poll also finds that 37 percent say ...". The source is the poll.
_POLL_RE = re.compile(r"\b(?P<np>(?:[Tt]he|[Aa]n?)(?: [\w/’'.&-]+){0,6}? (?:poll|survey))\b"
                      r"(?=(?: [a-z]+)?,| (?:also )?(?:finds|found|shows|showed)\b| released)")


def attr_poll(text: str, sent_start: int, open_at: int) -> Attribution | None:
    m = None
    for m in _POLL_RE.finditer(text, sent_start, open_at):
        break
    if m is None:
        return None
    return Attribution((m.start("np"), m.end("np"), "nominal"), None, "quote-marks/poll")


_SPEECH_NOUN = r" (?:" + trie_pattern(SPEECH_NOUNS) + r")\b"
_POSS_SPEECH_RE = re.compile(
    r"(?:(?P<name>(?:" + CAPW + r"[ \u00a0]+){0,3}" + CAPW + r")[’']s|\b(?P<pron>his|her|their)\b)"
    r"(?: (?:[a-z][\w-]*|[A-Z][a-z]+)){0,2}?" + _SPEECH_NOUN)
# The speech noun every match of _POSS_SPEECH_RE ends with: a quick scan for it (the regex
# engine skips to its space) leaves out most texts before a quote.
_SPEECH_NOUN_RE = re.compile(_SPEECH_NOUN)
# What may stand between the noun and the quote when the quote is what was
# said, not a verdict on it ("Trump's comments were “sarcastic”").
_POSS_GAP_RE = re.compile(r"(?: that| of| to [a-z]+(?: [a-z]+)?| was:| is:|:|,| [—–-]|[—–])\s*$")
_MAX_POSS_GAP = 60


def attr_possessive(text: str, lo: int, open_at: int, pronouns: bool = False) -> Attribution | None:
    """A possessive and a speech noun right before the quote: the speaker is
    the possessor ("Trump's pledge to be “neutral”"); a possessive pronoun
    ("her claim that “...”") only with ``pronouns``."""
    lo = max(lo, open_at - 120)
    if _SPEECH_NOUN_RE.search(text, lo, open_at) is None:
        return None  # (no speech noun before the quote: no possessive of one)
    best = None
    for m in _POSS_SPEECH_RE.finditer(text, lo, open_at):
        best = m
    if best is None or open_at - best.end() > _MAX_POSS_GAP:
        return None
    gap = text[best.end():open_at]
    if any(c in gap for c in ".;!?\"“”") or cue_search(text, best.end(), open_at) is not None:
        return None
    if not _POSS_GAP_RE.match(gap):
        return None
    if best.group("name"):
        s, e = best.span("name")
        if text[s:e].split()[0] in CAP_STOP:
            words = text[s:e].split()
            while words and words[0] in CAP_STOP:
                s += len(words[0]) + 1
                words = words[1:]
            if not words:
                return None
        return Attribution((s, e, "name"), None, "quote-marks/possessive")
    if pronouns:
        s, e = best.span("pron")
        return Attribution((s, e, "pronoun"), None, "quote-marks/possessive")
    return None


_WITH_END_RE = re.compile(r"(?<![\w’'])[Ww]ith\s+$")


def attr_before(text: str, sent_start: int, open_at: int) -> Attribution | None:
    """Attribution in the reporter's words before the quote, same sentence.
    A speech verb in an introductory subordinate clause does not govern a
    quote in the main clause."""
    full_start = sent_start
    sent_start = intro_clause_end(text, sent_start, open_at)
    cues = list(cues_in(text, sent_start, open_at))
    if cues and cues[0].group() == "According to":
        np = np_according(text, cues[0].end(), open_at)
        if np and text[np[1]:np[1] + 1] == ",":
            # "According to the pool report, Obama said “...”": the source of the sentence
            return Attribution(np, cues[0].span(), "quote-marks/according-to")
    obj = None
    for obj in _OBJECT_TO_RE.finditer(text, sent_start, open_at):
        pass
    if obj is not None and not any(c in text[obj.end():open_at] for c in QUOTE_CHARS) \
            and not any(c.start() > obj.end() for c in cues):
        # "a win that led her to declare that it was “in sight”", "prompting him to call
        # it “a disgrace”": who is led to speak is the object before "to"
        return Attribution((*obj.span(1), "pronoun"), obj.span(2), "quote-marks/speaker-before")
    participle = None
    for m in reversed(cues):
        if is_passive(text, sent_start, m):
            continue  # "Trump was asked, “...”": the subject is spoken to, not speaking
        if participle is not None and any(c in text[m.end():participle.start()] for c in QUOTE_CHARS):
            # "Carson shared a class called “Perception” on Facebook, writing “...”": the
            # verb before the earlier quote is that quote's; the participle has the
            # subject of the main clause
            subj = attr_subject(text, full_start, participle.start())
            return Attribution(subj.np, participle.span(), "quote-marks/speaker-before") if subj is not None else None
        if m.group().lower() == "according to":
            np = np_according(text, m.end(), open_at)
            if np:
                return Attribution(np, m.span(), "quote-marks/according-to")
            continue
        if m.group().lower().endswith("ing"):
            # a participle ("..., asking the department to...") has the
            # subject of the main clause, not the noun right before it;
            # except in "with Sen. John McCain calling it “...”"
            np = np_before(text, sent_start, m.start())
            if np is not None and _WITH_END_RE.search(text, max(sent_start, np[0] - 6), np[0]) and all(
                    w in AUX or w.endswith("ly") for w in text[np[1]:m.start()].split()):
                return Attribution(np, m.span(), "quote-marks/speaker-before")
            if participle is None and text[sent_start:m.start()].rstrip().endswith(","):
                participle = m
            continue
        if text[full_start:m.start()].rstrip().endswith(("," , "”", '"')) and m.group() not in OBJECT_CUES:
            # inverted order after a clause or quote: "..., said Alan Abramowitz"
            np = np_at(text, m.end(), open_at)
            if np is not None and np[2] != "pronoun" and text[np[1]:np[1] + 1] in {",", ".", ":"}:
                return Attribution(np, m.span(), "quote-marks/speaker-before")
        np = np_before(text, sent_start, m.start())
        if (np and text[np[0]:np[1]].lower() == "who" or RELATIVE_RE.search(text, max(sent_start, m.start() - 40), m.start())) \
                and _CLAUSE_CLOSED_RE.search(text, m.end(), open_at):
            # "Mr. Trump, who said last week that ..., issued a statement saying “...”", "the
            # announcement, which some have argued was ..., was an “insult”": the relative
            # clause ends before the quote; its verb does not govern it
            continue
        if np:
            return Attribution(np, m.span(), "quote-marks/speaker-before")
        if COORD_END_RE.search(text, max(sent_start, m.start() - 12), m.start()):
            # a second verb of the subject: "Lee praised those who left but said “...”",
            # "When Trump referred to the attack and said he would “protect ...”"
            np = coordinate_subject(text, full_start, m.start())
            if np is not None:
                return Attribution(np, m.span(), "quote-marks/speaker-before")
    src = _FROM_LABEL_RE.search(text, sent_start, open_at)
    if src is not None:
        # "From the report: “...”", "More from Jones: “...”": an excerpt from its source
        s, e = src.span("np")
        kind = "nominal" if text[s:e].split()[0].lower() in DETERMINERS else "name"
        poss = re.search(r"[’']s\b", text[s:e])
        if kind == "name" and poss is not None:
            e = s + poss.start()  # "From Bush's Facebook post:": Bush
        return Attribution((s, e, kind), None, "quote-marks/speaker-label")
    label = _LABEL_RE.search(text, sent_start, open_at)
    if label and label.group("np").split()[0].lower() in HEADER_WORDS:
        label = None  # "Updated: ...", "Correction: ...": a page's label, no speaker's
    if label and label.end() == open_at or (label and label.start() == sent_start):
        s, e = label.span("np")
        return Attribution((s, e, "name"), None, "quote-marks/speaker-label")
    return None


def lead_in(text: str, p_end: int, para_start: int) -> Attribution | None:
    """The speaker introduced by the last sentence of the paragraph before
    ``para_start`` when that sentence follows the paragraph's last quote (ending at
    ``p_end``) and is the reporter's own: its speech verb's subject, or a person or
    pronoun subject."""
    pe = previous_paragraph_end(text, para_start, p_end)
    pps = text.rfind("\n", 0, pe) + 1
    pss = sentence_start(text, pps, pe - 1)
    if pss <= p_end or any(c in text[pss:pe] for c in QUOTE_CHARS):
        return None
    attr = attr_before(text, pss, pe - 1)
    if attr is None:
        attr = attr_subject(text, pss, pe - 1)
        if attr is None or attr.np[2] not in ("name", "pronoun"):
            return None
    if attr.np is None:
        return None
    return replace(attr, method="quote-marks/colon-intro" if text[pe - 1:pe] == ":" else "quote-marks/previous-paragraph")


def passive_intro(text: str, sent_start: int, open_at: int) -> bool:
    """Whether a passive speech verb introduces the quote ("Trump was asked, “...”"): a
    quotation even when nobody is named as its speaker."""
    m = None
    for m in cues_in(text, max(sent_start, open_at - 60), open_at):
        pass
    return m is not None and not text[m.end():open_at].strip(" ,:\u00a0") and m.group() not in NAMING_CUES \
        and is_passive(text, sent_start, m)


_OBJECT_TO_RE = re.compile(r"\b(him|her|them)[ \t\u00a0]+to[ \t\u00a0]+(say|declare|call|describe|tell|ask|write|add|"
                           r"warn|insist|proclaim|brand|label|dub)\b")


# An excerpt introduced by its source, opening its sentence: "From the
# report: “...”", "More from Jones: “...”", "From Bush's Facebook post: “...”".
_FROM_LABEL_RE = re.compile(r"(?:^|(?<=\s[-–—]\s)|(?<=\s[-–—])|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s))(?:More |Also )?[Ff]rom "
                            r"(?P<np>(?:[Tt]he |[Aa]n? )?[A-Za-z][\w’'.&-]*(?: [\w’'.&-]+){0,6}):\s*$", re.M)


# Headline and summary convention "Name: “quote”" / "Name: headline ‘quote’".
_LABEL_RE = re.compile(r"(?:^|(?<=\s[-–—]\s)|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s))(?P<np>(?:" + CAPW + r"[ \u00a0]+){0,3}" + CAPW
                       + r"(?:[ \u00a0]+(?:and|&)[ \u00a0]+(?:" + CAPW + r"[ \u00a0]+){0,2}" + CAPW + r")?):\s+", re.M)
