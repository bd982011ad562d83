"""Attribution in the words after the closing mark: "“...,” X said", "said X", "according to
X", a clause after the quote, a passive naming verb's agent, credit lines."""

from __future__ import annotations

import re

from newsprov.dataset.extract.quotes.attribution import Attribution
from newsprov.dataset.extract.quotes.cues import cue_search, cues_in
from newsprov.dataset.extract.quotes.lexicon import (
    AUX, CAPW, CUE_SET, DETERMINERS, NOT_HEAD, OBJECT_CUES, POSSESSIVES, PREV_WORD_RE, SPACES, VERBISH_RE,
    VERB_PARTICLES, WORD_RE,
)
from newsprov.dataset.extract.quotes.marks import CLOSING_MARKS
from newsprov.dataset.extract.quotes.phrases import bare_nominal, np_according, np_at, np_before
from newsprov.dataset.extract.quotes.sentences import has_sentence_end


# Words that open a new clause after a quote, not an inverted attribution.
_CLAUSE_LINK_RE = re.compile(r"(?:and|but|or|nor|yet|so|which|while|whereas|for instance|for example)\b")


def attr_after(text: str, q_start: int, q_end: int, close_end: int, para_end: int,
                next_open: int) -> Attribution | None:
    """Attribution in the words following the closing mark."""
    hi = min(para_end, next_open, close_end + 200)
    tail = text[close_end:hi]
    stripped = tail.lstrip(" ,\u00a0—–-")
    if not stripped:
        return None
    lo = close_end + (len(tail) - len(stripped))
    # the quote's own final punctuation, looking through nested closing marks
    k = q_end
    while k > q_start and text[k - 1] in CLOSING_MARKS:
        k -= 1
    last = text[k - 1:k]
    # a new sentence after the quote belongs to itself; ? and ! do not end
    # the reporter's sentence ("“Why?” Trump asked.")
    ended = last == "." or text[close_end:close_end + 1] == "."
    # News style separates a quote from its attribution with a comma (or the
    # quote's own ?, !, dash); "“size of the miracle” that saved him" is prose.
    punct_ok = last in ",!?—–-…" or text[close_end:lo].strip()[:1] in {",", "—", "–", "-"}
    m = cue_search(text, lo, min(hi, lo + 150))
    if m is not None:
        between = text[lo:m.start()]
        if any(c in between for c in ";:!?\"“”") or has_sentence_end(text, lo, m.start()):
            m = None
    if m is not None and not between.strip():
        if m.group() in OBJECT_CUES and m.group() not in ("asked", "asks") or m.group().endswith("ing"):
            # "“...,” telling Fox 35 that ...": who follows is told, not telling; "“...,”
            # saying the city ...": a participle is never inverted ("“...?” asked Bennett" is)
            return None
        if m.group().lower() == "according to" or not ended:
            np = np_at(text, m.end() + 1, hi) if text[m.end():m.end() + 1] in SPACES else None
            if np:
                method = "quote-marks/according-to" if m.group().lower() == "according to" else "quote-marks/cue-speaker-after"
                return Attribution(np, m.span(), method)
        return None
    if not punct_ok and not ended:
        # a missing comma ("“...battle of niches” Grubbs said."): only a
        # subject and its cue right after the quote still attribute it
        np0 = np_at(text, lo, m.start()) if m is not None else None
        if np0 is None or np0[2] == "pronoun" or text[np0[1]:m.start()].strip() or text[text.rfind("\n", 0, q_start) + 1:q_start - 1].strip():
            return None
        return Attribution(np0, m.span(), "quote-marks/speaker-after")
    if m is None and not ended:
        # "“...,” marveled Blaze co-host Stu Burguiere": inverted order with a
        # verb not in the cue list
        v = VERBISH_RE.match(text, lo)
        if v is not None and text[v.end():v.end() + 1] in SPACES:
            np = np_at(text, v.end(), hi)
            if np is not None and np[2] != "pronoun":
                return Attribution(np, v.span(), "quote-marks/verb-speaker-after")
    if _CLAUSE_LINK_RE.match(text, lo):
        # '..., to act “presidential,” but Trump said ...', '“glow in the dark,” for
        # instance, and Trump vowed ...': a clause of its own follows the quote
        return None
    if text.startswith("as ", lo) and m is not None:
        # "“...,” as Cruz said on Monday": the speaker is Cruz (a pronoun's "as she put
        # it" goes on from the sentence, and "as his father dreamed, X said" is no attribution)
        np_as = np_at(text, lo + 3, m.start())
        if np_as is not None and np_as[2] != "pronoun" and not text[np_as[1]:m.start()].strip():
            lo += 3
    np0 = np_at(text, lo, m.start() if m is not None else hi)
    if np0 is not None:
        if ended and not (np0[2] == "pronoun" and text[np0[0]].islower()):
            # ‘... end.” Smith said.’ is rare; accept only when the cue closes it.
            if m is None or text[np0[1]:m.start()].strip() or not re.match(r"\s*\.", text[m.end():m.end() + 3]):
                return None
        if m is not None:
            gap = text[np0[1]:m.start()]
            if not gap.strip() or gap.lstrip()[:1] in ",(" or all(w in AUX for w in gap.split()):
                return Attribution(np0, m.span(), "quote-marks/speaker-after")
        # "“...,” Oliver barked.": subject and any finite verb
        j = np0[1]
        while True:
            w = WORD_RE.match(text, j)
            if w is None or w.group(1) not in AUX and not w.group(1).endswith("ly"):
                break
            j = w.end()
        v = VERBISH_RE.match(text, j + 1) if text[j:j + 1] in SPACES else None
        if v is not None and text.startswith(" to ", v.end()):
            v = None  # "“...,” the number needed to win": a participle, not a speech act
        if v is not None and not ended:
            return Attribution(np0, v.span(), "quote-marks/speaker-verb-after")
    if m is None:
        return None
    between = text[lo:m.start()]
    np = np_before(text, lo, m.start()) or bare_nominal(text, lo, m.start())
    if not np:
        return None
    if np[0] != lo:
        # a descriptor before the name ("organizing director Kendall Fells")
        # or a long nominal ("the independent Vermont senator"): the mention
        # is the whole phrase between the quote and the cue.
        words = text[lo:np[0]].split()
        if len(words) > 8 or np[2] == "pronoun" or any(c in text[lo:np[0]] for c in ".;:!?\"“”") or not (
                np[2] == "name" or words[0][:1].isupper() or words[0].lower() in DETERMINERS):
            return None
        np = (lo, np[1], np[2] if np[2] == "name" else "nominal")
    if ended and np[2] != "pronoun" and not text[np[0]:np[0] + 1].islower():
        if not re.match(r"\s*\.", text[m.end():m.end() + 3]):
            return None
    elif ended and np[2] == "pronoun" and text[np[0]].isupper():
        return None
    return Attribution(np, m.span(), "quote-marks/speaker-after")


def attr_clause_after(text: str, close_end: int, sent_end: int) -> Attribution | None:
    """'“...” if the results are poor, Nasrallah said': the quote opens a
    sentence whose attribution follows the reporter's own clause."""
    for m in cues_in(text, close_end, sent_end):
        if m.group().lower() == "according to":
            np = np_according(text, m.end(), sent_end)
            if np and text[close_end:m.start()].rstrip().endswith(","):
                return Attribution(np, m.span(), "quote-marks/according-to")
            return None
        if m.group().endswith("ing") and text[close_end:m.start()].rstrip().endswith(","):
            return None  # "..., Hillary Clinton, saying": the participle's subject is the main clause's
        np = np_before(text, close_end, m.start())
        if np and np[2] == "name":
            # a descriptor before the name: "..., Justice Department senior trial counsel
            # Caroline Lewis Wolverton wrote": the mention is the whole phrase after the comma
            comma = text.rfind(",", close_end, np[0])
            words = text[comma + 1:np[0]].split() if comma >= 0 else []
            if words and len(words) <= 8 and not any(c in text[comma + 1:np[0]] for c in ".;:!?()\"“”") and not any(
                    w in NOT_HEAD or w in POSSESSIVES or w in VERB_PARTICLES or w in AUX or w in CUE_SET
                    or w.endswith(("ed", "ly")) or w in DETERMINERS for w in words):
                np = (np[0] - len(text[comma + 1:np[0]].lstrip()), np[1], "name")
        if np and text[close_end:np[0]].rstrip().rstrip("\"”").endswith(","):
            return Attribution(np, m.span(), "quote-marks/speaker-after-clause")
        if text[close_end:m.start()].rstrip().endswith(",") and not m.group().endswith("ing"):
            # inverted order closing the sentence: "“...” in the primary, said
            # professor Paul Beck." / ", says Evan Tracey, a consultant."
            np = np_at(text, m.end() + 1, sent_end + 1) if text[m.end():m.end() + 1] in SPACES else None
            if np is not None and np[2] != "pronoun" and text[np[1]:np[1] + 1] in {",", ".", ""}:
                return Attribution(np, m.span(), "quote-marks/speaker-after-clause")
        return None
    return None


# Cues that name where the reporter got the whole sentence from, and so
# outrank a speech verb inside it ("According to the pool report, Obama said
# “...”", "..., the Times reported.").
_SOURCING_CUES = frozenset({"according to", "reported", "reports"})


def attr_sourcing_after(text: str, close_end: int, sent_end: int) -> Attribution | None:
    """'..., according to X.' / '..., X reported.' / '..., reported X.' closing the sentence."""
    for m in cues_in(text, close_end, sent_end):
        cue = m.group().lower()
        if cue not in _SOURCING_CUES:
            continue
        after = text[m.end():sent_end].strip(" .")
        if not text[close_end:m.start()].rstrip().endswith(",") and (after or cue not in ("reported", "reports")):
            continue  # (only "..., X reported." has words between its comma and the cue)
        if cue == "according to":
            np = np_according(text, m.end(), sent_end)
            if np is not None and np[2] != "pronoun":
                return Attribution(np, m.span(), "quote-marks/according-to")
        elif cue in ("reported", "reports") and after:
            np = np_at(text, m.end() + 1, sent_end) if text[m.end():m.end() + 1] in SPACES else None
            if np is not None and np[2] != "pronoun" and not text[np[1]:sent_end].strip(" .”\""):
                return Attribution(np, m.span(), "quote-marks/according-to")
        elif cue in ("reported", "reports"):
            hi = m.start()
            w = PREV_WORD_RE.search(text, max(close_end, hi - 8), hi)
            if w is not None and w.group(1) == "first":
                hi = w.start(1)  # "..., Politico first reported."
            np = np_before(text, close_end, hi)
            if np is not None and np[2] != "pronoun" and text[close_end:np[0]].rstrip().endswith(","):
                return Attribution(np, m.span(), "quote-marks/according-to")
    return None


# A credit line under a quotation: "- Hillary Clinton." / "—President Obama, tweeting."
_CREDIT_LINE_RE = re.compile(r"\n\s*[-–—]\s?(?P<np>(?:" + CAPW + r"[ \u00a0]+){0,5}" + CAPW + r")(?:[,.]|\s*$)",
                             re.M)


def attr_credit_line(text: str, para_end: int) -> Attribution | None:
    m = _CREDIT_LINE_RE.match(text, para_end)
    if m is None or text.find("\n", m.end()) - m.end() > 120:
        return None
    line_end = text.find("\n", m.end())
    if text[m.end():line_end if line_end >= 0 else len(text)].rstrip(" .").endswith(("-", "–", "—")):
        return None  # a section heading "– Old hands –"
    s, e = m.span("np")
    return Attribution((s, e, "name"), None, "quote-marks/credit-line")


# A pull quote: a quotation paragraph left open and, on the very next line, the
# credit "Name, Affiliation." (the closing mark after the credit):
# "“We will not back down.¶Jane Roe, Tenants United.”"
_PULL_CREDIT_RE = re.compile(r"\n(?P<np>[A-Z][^\"“”\n]{2,120}?)\.?[\"”][ \t\u00a0]*(?=\n|$)")


def attr_pull_credit(text: str, para_end: int) -> Attribution | None:
    m = _PULL_CREDIT_RE.match(text, para_end)
    if m is None or len(m.group("np").split()) > 12:
        return None
    s, e = m.span("np")
    return Attribution((s, e, "name"), None, "quote-marks/credit-line")


AFTER_CUE_METHODS = frozenset({"quote-marks/speaker-after", "quote-marks/cue-speaker-after"})
# Words after an attribution that make a clause of their own ("said the two
# cases were different"), not an adverbial ("reported in 1991").
_MIN_COMPLEMENT_WORDS = 3
_CLAUSE_STOP_RE = re.compile(r"[.,;:!?—–\"“”()]| - ")


def own_complement(text: str, pos: int, para_end: int) -> bool:
    """Whether the words after an attribution at ``pos`` run on as a clause of
    its own (", one of the prosecutors said the two cases were different")."""
    stop = _CLAUSE_STOP_RE.search(text, pos, para_end)
    words = text[pos:stop.start() if stop else para_end].split()
    return len(words) >= _MIN_COMPLEMENT_WORDS


# A naming verb in the passive right before a quote whose agent follows it: 'has been
# called “strategic ambiguity” by Joshua Hendrick', 'was described as “X” by the
# governor'.
_PASSIVE_CUE_RE = re.compile(r"\b(?:is|are|was|were|been|be|being)[ \t\u00a0]+(?:[a-z]+ly[ \t\u00a0]+)?"
                             r"(?P<cue>called|described|labeled|labelled|dubbed|branded|termed|deemed)"
                             r"(?:[ \t\u00a0]+as)?[ \t\u00a0]*$")
_BY_RE = re.compile(r",?[ \t\u00a0]+by[ \t\u00a0]+")


def attr_passive_agent(text: str, ss: int, open_at: int, close_end: int, para_end: int) -> Attribution | None:
    cue = _PASSIVE_CUE_RE.search(text, max(ss, open_at - 60), open_at)
    by = _BY_RE.match(text, close_end, para_end) if cue is not None else None
    if by is None:
        return None
    np = np_at(text, by.end(), min(para_end, by.end() + 120))
    if np is None or np[2] == "pronoun":
        return None
    return Attribution(np, cue.span("cue"), "quote-marks/passive-agent")
