"""attribution / ``reported-cue``: one speaker's statement reported with verbs of different force.

Outlets that write a story themselves report the same statement of the same person in sentences
they word differently, which sentence alignment rarely pairs: "Ryan ... said last week the
letters do not express the views of all U.S. bishops" / "Ryan claimed in a recent interview that
those letters did not speak for all bishops". The pair rules read the verbs of aligned sentences
word by word; this rule reads the statement and its speaker, wherever the sentences stand.

A *reported clause* is a body sentence with an unquoted reporting verb (``ATTRIBUTION``) whose
subject is one of the story's quoted speakers (persons), by last name:

* before the verb: the name, then at most ``NEAR_WORDS`` words without a comma ("Boehner of
  Ohio said on", "Romney on Wednesday reiterated", "Boehner (R-Ohio) admitted"), or an
  apposition between two commas ("Ryan, a Catholic and chairman of the House Budget Committee,
  said"); at most ``SPEAKER_BEFORE`` words, never across a quotation or another reporting verb;
* after the verb, in the inversion that follows the words ("..., said Sen. Ryan"): only
  capitalised words (titles, first names) between, at most ``SPEAKER_AFTER``.

Not clauses: a possessive name ("Perry's statement criticizing": the statement is the subject),
an infinitive ("pushes Democrats to reject": their act), "said no" / "said yes" (a refusal, an
assent), a capitalised verb inside a sentence (a title-case headline). One clause per sentence
and speaker; its force is that of its first verb of marked force (claimed, admitted, insisted
...), else neutral. Its *content* is what was said: the content-word stems after the verb when
the name comes first, before it when the name follows, leaving out the speaker's names, the
reporting verbs, weekdays and months.

Two clauses of different versions are one statement when they name the same speaker and each
is the other's best match among that speaker's clauses in the other version
(``statements.mutual_best``: Dice of content, with thresholds; a person is reported many times
in one story, about one subject). When their forces differ, the row spans each version's verb;
side a is the force most versions use, as for every attribution row. A verb the pair rules
already flagged in aligned sentences joins their row (the marks overlap), so the fact is one row.

The engine gives this rule only pairs of versions that wrote the story themselves (sharing less
than ``unshared.DERIVED_SHARE`` of their text either way): in a rewrite the same statement is
aligned and read by the pair rules, and a statement the rewrite dropped would be matched to a
neighbouring one ("Hezbollah claimed it had hit ..." / "Hezbollah said its strike involved ...").
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import Iterable, NamedTuple

from newsprov.dataset.compare.drift.article_view import Article, Sent
from newsprov.dataset.compare.drift.collapse import Mark, Obs
from newsprov.dataset.compare.drift.word_classes import ATTRIBUTION, MONTHS, WEEKDAYS
from newsprov.dataset.compare.drift.statements import content_of, mutual_best
from newsprov.dataset.compare.drift.words import STOPWORDS, Tok, fold_key

__all__ = ["reported_cue_obs", "clauses", "pronoun_subject", "Clause", "SPEAKER_BEFORE", "SPEAKER_AFTER", "NEAR_WORDS"]

SPEAKER_BEFORE = 12
SPEAKER_AFTER = 3
NEAR_WORDS = 4
BACK_SENTENCES = 3
_TIME_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)
PRONOUNS = frozenset({"he", "she"})
# Nouns a name modifies when the people around the person speak for them ("the Trump campaign
# denied", "Perry aides said"): the subject is they, not the person.
ENTOURAGE = frozenset("""campaign campaigns administration aide aides adviser advisers advisor advisors spokesman
    spokeswoman spokesperson spokesmen office team staff staffer staffers allies ally lawyer lawyers attorney
    attorneys camp supporters backers government family associates officials""".split())


class Clause(NamedTuple):
    sent: Sent
    speaker: str  # folded last name
    verb: Tok
    force: str
    content: frozenset[str]


def _subject(text: str, s: Sent, i: int, speakers: dict[str, frozenset[str]]) -> str | None:
    """The speaker (folded last name) who is the subject of the reporting verb s.toks[i], or None
    (module doc)."""
    verb = s.toks[i]
    for j in range(i - 1, max(-1, i - 1 - SPEAKER_BEFORE), -1):
        t = s.toks[j]
        if s.quoted[j] or t.key in ATTRIBUTION:
            break
        if t.cap and t.key in speakers:
            if t.text.endswith(("'s", "\u2019s", "s'", "s\u2019")) or (j + 1 < i and s.toks[j + 1].key in ENTOURAGE):
                return None  # "Perry's statement criticizing", "the Trump campaign has denied"
            between = text[t.end:verb.start]
            if "," not in between:
                return t.key if i - j - 1 <= NEAR_WORDS else None
            # an apposition: the name, a comma, words, and a comma just before the verb
            parts = between.split(",")
            return t.key if len(parts) == 3 and parts[0].strip() in ("", "Jr.", "Jr") and not parts[2].strip() else None
    return None


def _inverted_subject(text: str, s: Sent, i: int, speakers: dict[str, frozenset[str]]) -> str | None:
    """The speaker named just after the reporting verb s.toks[i] in inversion ("…,” said Sen.
    Ryan"), or None (module doc)."""
    verb = s.toks[i]
    if not re.search(r"[,\u201d\"']\s*$", text[s.start:verb.start]):
        return None  # the name follows the verb only in inversion after the words: "…,” said Ryan"
    for j in range(i + 1, min(len(s.toks), i + 1 + SPEAKER_AFTER)):
        t = s.toks[j]
        if s.quoted[j] or not t.cap:
            break
        if t.key in speakers:
            return t.key
    return None


class _AnyName:
    """Every capitalised word but a function word, a pronoun or a day or month counts as a name
    (``x in _ANY_NAME``; "..., said Wednesday" names no one)."""

    def __contains__(self, key: str) -> bool:
        return key not in STOPWORDS and key not in PRONOUNS and key not in WEEKDAYS and key not in MONTHS


_ANY_NAME = _AnyName()


def pronoun_subject(art: Article, s: Sent, i: int, speakers: dict[str, frozenset[str]]) -> str | None:
    """The speaker a pronoun subject of the reporting verb s.toks[i] stands for ("he suggested",
    "she also said"): the named subject of the nearest reporting verb before it, in its sentence or
    the BACK_SENTENCES before (news copy's "he said" continues the last attribution; the last
    name printed may be the person spoken about), if that subject is one of ``speakers``; when
    no reporting verb there has a named subject, the speaker named nearest before it. None when
    the verb has no pronoun subject, the last person reported is not a speaker, or no speaker is
    named before it."""
    j = i - 1
    if j >= 1 and s.toks[j].key in ("also", "later", "then", "had", "has", "have"):
        j -= 1
    if j < 0 or s.toks[j].key not in PRONOUNS or s.quoted[j]:
        return None
    k = bisect.bisect_right(art.starts, s.start) - 1
    window = list(enumerate(reversed(art.sents[max(0, k - BACK_SENTENCES):k + 1])))
    for back, sent in window:
        for m in range(j - 1 if back == 0 else len(sent.toks) - 1, -1, -1):
            if sent.toks[m].key in ATTRIBUTION and not sent.quoted[m]:
                # any name as subject: the last person reported, whether the story quotes them or not
                who = _subject(art.text, sent, m, _ANY_NAME) or _inverted_subject(art.text, sent, m, _ANY_NAME)
                if who is not None:
                    return who if who in speakers else None
    for back, sent in window:  # no attribution before it: the speaker named nearest
        for t in reversed(sent.toks[:j] if back == 0 else sent.toks):
            if t.cap and t.key in speakers:
                return t.key
    return None


def clauses(art: Article, speakers: dict[str, frozenset[str]]) -> list[Clause]:
    """The reported clauses of a version (module doc). ``speakers``: last name -> every folded
    word of that speaker's names (left out of the content)."""
    out = []
    for s in art.sents:
        if not s.body:
            continue
        found: dict[str, list[tuple[int, str, bool]]] = {}
        for i, t in enumerate(s.toks):
            force = ATTRIBUTION.get(t.key)
            if force is None or s.quoted[i] or (i and t.cap):
                continue  # (a capitalised verb inside a sentence: a headline in title case)
            if force == "neutral" and i + 1 < len(s.toks) and s.toks[i + 1].key in ("no", "yes"):
                continue  # "said no": a refusal, not a report of words
            if i and s.toks[i - 1].key == "to":
                continue  # "pushes Democrats to reject": not the name's own act of saying
            inverted = False
            who = _subject(art.text, s, i, speakers) or pronoun_subject(art, s, i, speakers)
            if who is None:
                who, inverted = _inverted_subject(art.text, s, i, speakers), True
            if who is not None:
                found.setdefault(who, []).append((i, force, inverted))
        for who, verbs in found.items():
            i, force, inverted = next((v for v in verbs if v[1] != "neutral"), verbs[0])
            # what was said: after the verb when the subject comes first ("Ryan claimed that ..."),
            # before it in inversion ("..., said Ryan, the budget chairman")
            part = s.toks[:i] if inverted else s.toks[i + 1:]
            names = speakers[who]
            content = content_of((t for t in part if t.key not in ATTRIBUTION), names | _TIME_WORDS)
            out.append(Clause(s, who, s.toks[i], force, content))
    return out


def reported_cue_obs(arts: dict[str, Article], speaker_names: Iterable[str],
                     pairs: Iterable[tuple[str, str]]) -> list[Obs]:
    """attribution observations for the pairs of versions ``pairs`` (module doc).

    ``speaker_names``: the story's quoted speakers (names as the quotes table prints them)."""
    speakers: dict[str, set[str]] = defaultdict(set)
    for name in speaker_names:
        parts = [fold_key(p) for p in name.split() if p[:1].isupper()]
        if parts and len(parts[-1]) >= 3:
            speakers[parts[-1]].update(parts)
    if not speakers:
        return []
    frozen = {k: frozenset(v) for k, v in speakers.items()}
    by_version: dict[str, dict[str, list[Clause]]] = {}
    for aid, art in arts.items():
        per: dict[str, list[Clause]] = defaultdict(list)
        for c in clauses(art, frozen):
            per[c.speaker].append(c)
        by_version[aid] = per
    out = []
    for a, b in pairs:
        ca, cb = by_version.get(a, {}), by_version.get(b, {})
        for who in sorted(set(ca) & set(cb)):
            for x, y in mutual_best(ca[who], cb[who]):
                if x.force == y.force:
                    continue
                marks = (Mark(a, x.verb.start, x.verb.end, x.force), Mark(b, y.verb.start, y.verb.end, y.force))
                out.append(Obs("attribution", "reported-cue", marks,
                               {"speaker": who, "classes": "/".join(sorted((x.force, y.force)))}))
    return out
