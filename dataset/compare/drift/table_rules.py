"""Rules over the package's group tables: figures, quotes, names, captions and credits.

* figure_value / figure_qualifier / figure_base (method ``figure-group``): a figure
  group whose members differ in value (or unit of measure), in ``value_kind``
  (exact / approximate / lower_bound ...), or, for percentages, in base
  (``subject``). One row per group and aspect; readings are the values, kinds
  or bases. A group's ``claim`` conflict (a relational word next to the figure,
  "five minutes after" / "before") is a ``time_reference`` when the words are
  temporal, else a ``reversal``; its spans are the claim words.
* quote_wording (``quote-group``): members of one quote group whose words differ
  from the reference wording (``altered``), or a full quotation silently trimmed
  (both full quotes, the member a contiguous part, no ellipsis). A partial quote
  that keeps the words is not a drift. A group's wording reworded inside a longer quotation
  of a version outside the group (outlets cut one speech into quotations at different places):
  ``quote-stretch`` (``quote_stretch``).
* quote_paraphrase: the group's words printed without quotation marks in another
  version (``unquoted`` table, method ``unquoted``; or a fuzzy search of the whole
  version for at least 75% of the quotation's content words in order, outside
  quotation marks, ``unquoted-fuzzy``; a quotation of one content word, "constructive",
  only in the sentences aligned to the quoting ones); a full quotation that another version
  reduces to a quoted fragment of at most half its words (``fragment``; a word or two, too
  short to join the group, by ``_adopt_fragments``); a full
  quotation whose aligned sentence in another version has no quotation and a
  reporting verb, the quoted words mostly gone (``reported-speech``); for versions written
  independently, whose sentences are not aligned, a sentence naming the speaker beside a
  reporting verb (or with a pronoun subject standing for the speaker) and printing most of the
  quotation's content words outside quotation marks (``reported-paraphrase``).
* attribution (``quote-cue``): one quotation (a quote group) introduced by reporting verbs of
  different force in different versions ("said" / "insisted"). (One speaker's statement,
  quoted or not, reported with verbs of different force: ``reported_cue``.) A group's quotation
  one version attributes and another prints alone after someone else's words:
  ``unattributed-quote`` (``unattributed``). A negator in one version's reading of a group's
  quotation only: ``negation`` / ``quote-negator`` (``quote_negation``).
* speaker (``quote-group``): members of one group attributed to different named
  speakers (canonical names differ, neither contains the other's last word, they share no
  capitalised word, and one is a person), a written source counting as a speaker where no
  person is named ("reads a statement", "says the letter": a determiner and a document noun).
  Read only: members of four words or more, not in title case (a motto or a slogan is said by
  many), not a longer statement quoting the reference; a speaker the outlet names (a pronoun,
  "he said", is the rules' guess, not the outlet's word); and an organisation, group or role
  counts as one source with a person printed beside its name ("Jonathan Cowan, president of
  Third Way" / "Third Way").
* name_spelling (``spelling``): two capitalised spellings, each used by versions
  that do not use the other, similar by characters (Indel >= 0.7), not one a
  prefix of the other, seen facing each other in an aligned pair or sharing a
  neighbouring word. One row per pair of spellings; every occurrence spanned. A given name
  and its familiar form ("William" / "Bill") are read by ``nicknames.nickname_obs``.
* caption_credit (``credit``): photo captions/credits and source credits
  ("(AFP Photo)", "Photograph: EPA", "– AP", "(With agency inputs)") that differ
  between versions; versions without one are listed with a null span.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict

import polars as pl
from rapidfuzz import process
from rapidfuzz.distance import Indel

from newsprov.dataset.compare.drift import evaluative
from newsprov.dataset.compare.drift.word_align import align
from newsprov.dataset.compare.drift.word_classes import ATTRIBUTION, MONTHS, SPEAKER_PRONOUNS, TITLES, WEEKDAYS
from newsprov.dataset.compare.drift.collapse import Fact, Mark, Obs, collapse
from newsprov.dataset.compare.drift.pair_rules import NAME_SIM
from newsprov.dataset.compare.drift.quote_negation import quote_negation_obs
from newsprov.dataset.compare.drift.quote_stretch import overlap_obs, stretch_obs
from newsprov.dataset.compare.figures import stated_numbers
from newsprov.dataset.compare.drift.article_view import Article, Sent
from newsprov.dataset.compare.drift.unattributed import unattributed_obs
from newsprov.dataset.compare.drift.reported_cue import Clause, clauses, pronoun_subject
from newsprov.dataset.compare.drift.words import STOPWORDS, Tok, fold_key, loose, text_tokens

__all__ = ["figure_obs", "quote_obs", "name_obs", "credit_facts"]

_TEMPORAL_CLAIMS = frozenset("before after earlier later prior since until".split())


# --------------------------------------------------------------------------- figures
def figure_obs(figures: pl.DataFrame, groups: pl.DataFrame, arts: dict[str, Article]) -> list[Obs]:
    if groups is None or not len(groups):
        return []
    g = groups.filter(pl.col("article_id").is_in(list(arts)))
    f = figures.select("figure_id", "value", "value_low", "value_high", "value_kind", "unit", "subject")
    g = g.join(f, on="figure_id", how="left")
    out = []
    for (gid,), rows in g.group_by(["group_id"], maintain_order=True):
        rows = rows.sort("article_id", "start")
        if rows["article_id"].n_unique() < 2:
            continue
        recs = rows.to_dicts()
        differs = set()
        for r in recs:
            differs |= set((r.get("differs") or "").split(";")) - {""}
        base = {"group": gid}

        def emit(kind, reading, method="figure-group", marks=None):
            ms = marks or tuple(Mark(r["article_id"], r["start"], r["end"], reading(r)) for r in recs)
            if len({m.reading for m in ms}) > 1:
                out.append(Obs(kind, method, ms, dict(base)))
        if "value" in differs or "unit" in differs:
            # the numbers stated: "as many as 1.5 million" / "1.5 million" differ in qualifier only
            emit("figure_value", lambda r: f"{sorted(stated_numbers(r))}|{r['unit'] if 'unit' in differs else ''}")
        if "qualifier" in differs:
            emit("figure_qualifier", lambda r: str(r["value_kind"]))
        if "base" in differs:
            emit("figure_base", lambda r: (r["subject"] or "").casefold())
        if "claim" in differs:
            marks = []
            for r in recs:
                art = arts[r["article_id"]]
                sent = art.sent_at(r["start"])
                if sent is None:
                    continue
                toks = [t for t in sent.toks if t.key == (r.get("claim") or "")]
                near = sorted(toks, key=lambda t: min(abs(t.start - r["end"]), abs(t.end - r["start"])))
                if near:
                    marks.append(Mark(r["article_id"], near[0].start, near[0].end, near[0].key))
            words = {m.reading for m in marks}
            if len(words) > 1:
                kind = "time_reference" if words <= _TEMPORAL_CLAIMS else "reversal"
                out.append(Obs(kind, "figure-claim", tuple(marks), dict(base)))
    return out


# --------------------------------------------------------------------------- quotes
def _keys(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in text_tokens(text))


def _content_stems(text: str) -> list[str]:
    seen = []
    for t in text_tokens(text):
        if t.content and t.stem not in seen:
            seen.append(t.stem)
    return seen


def _lower_stems(text: str) -> frozenset[str]:
    """Stems of the content words a quotation prints in lower case (not names)."""
    return frozenset(t.stem for t in text_tokens(text) if t.content and not t.cap)


@functools.lru_cache(maxsize=8192)
def _stems_of(text: str) -> tuple[str, ...]:
    """_content_stems, memoised: the paraphrase search reads each quotation against every version."""
    return tuple(_content_stems(text))


@functools.lru_cache(maxsize=8192)
def _loose_stems_of(text: str) -> tuple[str, ...]:
    """_stems_of without final e (words.loose), each once."""
    return tuple(dict.fromkeys(loose(x) for x in _stems_of(text)))


def _fuzzy_unquoted(q_stems: list[str], art: Article, sents: list[Sent] | None = None,
                    lower: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Shortest window of the article (outside quotation marks) holding >= 75% of the stems in order
    (two at least; a quotation of one content word, only in the ``sents`` given: the sentences
    aligned to the quoting ones). With ``lower`` (the stems the quotation prints in lower case),
    two of the window's words must be among them: names alone ("AARP ... Social Security",
    "Ground Zero ... mosque") are the story's subject, not the quotation reported."""
    need = min(len(q_stems), max(2, -(-3 * len(q_stems) // 4)))
    pool = sents if sents is not None else art.sents
    best = None
    for s in pool:
        toks = [(t, q) for t, q in zip(s.toks, s.quoted)]
        n = len(toks)
        for i in range(n):
            t, q = toks[i]
            if q or t.stem not in q_stems:
                continue
            k = q_stems.index(t.stem)
            got, last, common = 1, i, int(t.stem in lower)
            pos = k
            for j in range(i + 1, min(n, i + 3 * len(q_stems) + 2)):
                tj, qj = toks[j]
                if qj:
                    break
                if tj.stem in q_stems[pos + 1:]:
                    pos = q_stems.index(tj.stem, pos + 1)
                    got += 1
                    common += tj.stem in lower
                    last = j
                    if got >= need and (not lower or common >= 2):
                        break
            if got >= need and (not lower or common >= 2):
                span = (toks[i][0].start, toks[last][0].end)
                if best is None or span[1] - span[0] < best[1] - best[0]:
                    best = span
    return best


PARAPHRASE_PERCENT = 60  # of the quotation's content words, in one sentence of the other version


def _reported_paraphrase(quotes: list[dict], art: Article, speakers: dict[str, frozenset[str]]) -> tuple[int, int] | None:
    """A sentence of ``art`` reporting one of the quotations in its own words (quote_paraphrase
    / reported-paraphrase, for versions written independently, whose sentences are not aligned):
    it names the quotation's speaker (last name) beside a reporting verb, or has a reporting verb
    whose pronoun subject stands for the speaker ("he suggested he doesn't want to make a
    federal case out of it"; ``reported_cue.pronoun_subject`` over the story's ``speakers``), and
    prints, outside quotation marks, at least PARAPHRASE_PERCENT % of the quotation's content
    words (three at least, one of them not capitalised: a shared name or title alone is not a
    statement; two words, "war" and "Obama", are often only the story's subject; stems compared
    without final e, ``words.loose``). Only quotations of four words or more with a named
    speaker are read. The span runs from the first to the last of those words; the sentence
    holding the most of them wins (ties: the first)."""
    best = None
    for qq in quotes:
        speaker = (qq.get("speaker") or "").split()
        if len(qq["text"].split()) < 4 or not speaker or (qq.get("speaker_kind") or "") in ("", "unresolved"):
            continue
        last = fold_key(speaker[-1])
        stems = _loose_stems_of(qq["text"])
        if len(stems) < 3:
            continue
        need = max(3, -(-PARAPHRASE_PERCENT * len(stems) // 100))  # (the ceiling, in integers)
        if sum(x in art.loose_stems for x in stems) < need:
            continue  # (no sentence can hold them where the whole version does not)
        for s in art.sents:
            found = [t for t, q in zip(s.toks, s.quoted) if not q and loose(t.stem) in stems]
            got = {loose(t.stem) for t in found}
            if len(got) < need or all(t.cap for t in found):
                continue
            verbs = [i for i, t in enumerate(s.toks) if t.key in ATTRIBUTION]
            if not verbs or not (any(t.key == last for t in s.toks)
                                 or any(pronoun_subject(art, s, i, speakers) == last for i in verbs)):
                continue
            score = len(got) / len(stems)
            if best is None or score > best[0]:
                best = (score, found[0].start, found[-1].end)
    return None if best is None else best[1:]


PHRASE_WINDOW = 15  # words after the reporting verb


def _with_group_speaker(quotes: list[dict]) -> list[dict]:
    """The members of one quote group, those with no speaker given the group's: the one person
    (by last name) its members name. One quotation is one act of saying; an outlet that prints it
    far from the attribution ("Summers ... told reporters that failure ... 'would significantly
    increase the risk'") still quotes the person another outlet names beside it."""
    names = {fold_key(q["speaker"].split()[-1]): q for q in quotes
             if q.get("speaker") and q.get("speaker_kind") == "person"}
    if len(names) != 1 or all(q.get("speaker") for q in quotes):
        return quotes
    person = next(iter(names.values()))
    return [q if q.get("speaker") else {**q, "speaker": person["speaker"], "speaker_kind": "person"} for q in quotes]


def _reported_phrase(quotes: list[dict], said: list[Clause], art: Article) -> tuple[int, int] | None:
    """A short partial quotation (one to three content words: a phrase quoted inside the outlet's
    own sentence, he had "real doubts") that ``art`` prints without quotation marks in what the
    speaker is reported to have said (quote_paraphrase / reported-paraphrase): within
    PHRASE_WINDOW words after a reporting verb whose subject is the speaker (``said``: the
    version's reported clauses, ``reported_cue.clauses``), the quotation's last content word
    (its head: "doubts", "risk", "whipsawed") and all its content words but one, outside
    quotation marks, not all capitalised. The word that may be missing is a modifier the outlet
    left out ("real doubts" / "doubts"), never an evaluative one (lexicon strength at least
    ``evaluative.THRESHOLD``): "a terrible presidency" / "presidency" drops what was said of it.
    The head must stand in at most two sentences of the
    version: a word the version keeps repeating is the story's subject ("war", "tax"), not the
    speaker's phrase. The span runs from the first to the last of those words; the first clause
    found wins."""
    for qq in quotes:
        speaker = (qq.get("speaker") or "").split()
        if qq.get("kind") != "partial" or not speaker or (qq.get("speaker_kind") or "") in ("", "unresolved"):
            continue
        last = fold_key(speaker[-1])
        stems = _loose_stems_of(qq["text"])
        if not 1 <= len(stems) <= 3:
            continue
        head = stems[-1]
        if not 0 < art.sentences_with[head] <= 2:
            continue
        strong = {loose(t.stem) for t in text_tokens(qq["text"])
                  if t.content and evaluative.strength(t.text) >= evaluative.THRESHOLD}
        for c in said:
            if c.speaker != last:
                continue
            s = c.sent
            i = next(k for k, t in enumerate(s.toks) if t is c.verb)
            found = [t for t, q in zip(s.toks[i + 1:i + 1 + PHRASE_WINDOW], s.quoted[i + 1:i + 1 + PHRASE_WINDOW])
                     if not q and loose(t.stem) in stems]
            got = {loose(t.stem) for t in found}
            if head in got and len(got) >= max(1, len(stems) - 1) and strong <= got and not all(t.cap for t in found):
                return found[0].start, found[-1].end
    return None


def _adopt_fragments(facts: dict[str, dict], arts: dict[str, Article]) -> None:
    """A quoted word or two of a full quotation another version prints (he said he was "profoundly"
    sorry / "I deeply and profoundly regret my reaction") is too short to join its quote group;
    it joins that quotation's fact as a ``fragment`` when the speaker (a person, by last name) is
    the same, its words stand in the full quotation as a run, it has at most half its words, its
    version prints no member of it, exactly one quotation of the other versions qualifies, and
    its version prints its content words nowhere but in quotations of these words (a word the
    version uses elsewhere, the self-identified "student" of a story about a student, "my
    friend" beside "a friend of Joe Biden", is the story's vocabulary or a manner of address,
    not a cut from one statement)."""
    wording_count: dict[tuple[str, tuple], int] = defaultdict(int)
    for f in facts.values():
        for qq in f["quotes"]:
            wording_count[qq["article_id"], _keys(qq["text"])] += 1
    fulls: dict[str, list] = defaultdict(list)  # speaker's last name -> (fact key, the quotation's keys, articles quoting it)
    for key, f in facts.items():
        arts_of = {qq["article_id"] for qq in f["quotes"]}
        for qq in f["quotes"]:
            if qq.get("kind") == "full" and qq.get("speaker") and qq.get("speaker_kind") == "person":
                fulls[fold_key(qq["speaker"].split()[-1])].append((key, _keys(qq["text"]), arts_of))
    for key in [k for k, f in facts.items() if len(f["quotes"]) == 1]:
        qq = facts[key]["quotes"][0]
        last = fold_key(qq["speaker"].split()[-1]) if qq.get("speaker") else None
        if qq.get("kind") != "partial" or qq.get("speaker_kind") != "person" or last not in fulls:
            continue
        words = _keys(qq["text"])
        if not words or not any(t.content for t in text_tokens(qq["text"])) or _title_case(qq["text"]):
            continue
        stems = {loose(t.stem) for t in text_tokens(qq["text"]) if t.content}
        printed = sum(1 for sx in arts[qq["article_id"]].sents for t in sx.toks if loose(t.stem) in stems)
        if printed > len(stems) * wording_count[qq["article_id"], words]:
            continue
        hits = {k for k, full, arts_of in fulls[last] if k != key and qq["article_id"] not in arts_of
                and 2 * len(words) <= len(full) and any(full[i:i + len(words)] == words for i in range(len(full)))}
        if len(hits) == 1:
            target = facts[hits.pop()]
            target["unquoted"].append(Mark(qq["article_id"], qq["start"], qq["end"], "fragment"))
            target["methods"].add("fragment")
            target["quotes"].append(qq)  # its wording is searched for in the other versions too
            del facts[key]


# Written sources a quotation is attributed to when no person is ("... reads a statement from
# Reid's office", "says the letter"): another version naming the person who said it is a
# speaker drift (the statement's words put in a spokesman's mouth, a letter's in a priest's).
_DOCUMENTS = frozenset("""statement statements letter letters report memo memorandum release email e-mail
    advertisement ad ads filing document documents editorial complaint lawsuit ruling transcript
    note post tweet""".split())
_DETERMINERS = frozenset("a an the his her their its this that".split())


def _title_case(text: str) -> bool:
    """Every content word capitalised (two at least): a title, a motto, a slogan."""
    words = [t for t in text_tokens(text) if t.content and t.text[:1].isalpha()]
    return len(words) >= 2 and all(t.cap for t in words)


def _affiliated(a: str, b: str, person: dict[str, bool], caps: dict[str, set[str]], around: dict[str, set[str]]) -> bool:
    """A person and an organisation, group or role named beside them ("said Jonathan Cowan,
    president of Third Way" / "Third Way"; "Lis Smith, an Obama campaign spokeswoman" / "the
    Obama campaign"): one source, not two speakers."""
    if person[a] == person[b]:
        return False
    who, body = (a, b) if person[a] else (b, a)
    return bool(caps[body]) and caps[body] <= around[who]


def _document(mention: str) -> str | None:
    """"the letter" -> "(the letter)": a speaker mention that is a written source (a determiner and
    a document noun, nothing else), as a speaker reading; else None."""
    words = [fold_key(w) for w in mention.split()]
    if len(words) == 2 and words[0] in _DETERMINERS and words[1] in _DOCUMENTS:
        return f"({words[1]})"
    return None


def _cue_obs(gid: str, members: list[dict]) -> Obs | None:
    """attribution / quote-cue: one quotation introduced by reporting verbs of different force
    in different versions ("said" / "insisted", "told" / "acknowledged"). A member takes part
    when its words are a statement (three words or more, two of them content words: a
    scare-quoted noun phrase, "conference call", is not) and its cue is a reporting verb; a
    version whose members have verbs of more than one force takes no part; members naming
    different speakers (last names) are not one act of saying."""
    verbs: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    speakers = set()
    for m in members:
        s, e = m.get("cue_start"), m.get("cue_end")
        if not m.get("cue") or s is None or e is None or len(m["text"].split()) < 3 or len(_stems_of(m["text"])) < 2:
            continue
        toks = text_tokens(m["cue"])
        force = ATTRIBUTION.get(toks[-1].key) if toks else None
        if force is not None:
            verbs[m["article_id"]].append((s, e, force))
            if m.get("speaker"):
                speakers.add(fold_key(m["speaker"].split()[-1]))
    one = {aid: v for aid, v in verbs.items() if len({f for *_, f in v}) == 1}
    if len({v[0][2] for v in one.values()}) < 2 or len(speakers) > 1:
        return None
    marks = tuple(Mark(aid, s, e, force) for aid in sorted(one) for s, e, force in one[aid])
    forces = sorted({v[0][2] for v in one.values()})
    return Obs("attribution", "quote-cue", marks, {"group": gid, "classes": "/".join(forces)})


def quote_obs(quotes: pl.DataFrame, groups: pl.DataFrame, unquoted: pl.DataFrame, arts: dict[str, Article],
              links: dict[str, list[Sent]], partners: dict[str, set[str]] | None = None) -> list[Obs]:
    """quote_wording, quote_paraphrase and speaker observations (module doc).

    ``partners`` (article -> the articles compared with it): when given, a quotation is
    searched for unquoted only in the partners of the versions quoting it (large stories,
    where the cost must stay linear in versions); else in every version of the story."""
    out: list[Obs] = []
    q = quotes.filter(pl.col("article_id").is_in(list(arts)))
    if not len(q):
        return out
    qrec = {r["quote_id"]: r for r in q.to_dicts()}
    # the story's speakers (persons, by last name): a pronoun subject may stand for any of them
    speakers = {fold_key(r["speaker"].split()[-1]): frozenset() for r in qrec.values()
                if r.get("speaker") and r.get("speaker_kind") == "person"}
    g = groups.filter(pl.col("article_id").is_in(list(arts))) if groups is not None else groups
    member_of: dict[str, str] = {}
    by_group: dict[str, list[dict]] = defaultdict(list)
    if g is not None and len(g):
        for r in g.to_dicts():
            if r["quote_id"] in qrec:
                member_of[r["quote_id"]] = r["group_id"]
                by_group[r["group_id"]].append(r)
    # --- quote_wording and speaker per group
    for gid, mem in by_group.items():
        if len({m["article_id"] for m in mem}) < 2:
            continue
        ref = qrec.get(mem[0]["reference_quote_id"])
        if ref is None:
            continue
        marks = []
        for m in mem:
            qq = qrec[m["quote_id"]]
            rel = m["relation"]
            reading = "reference"
            if rel == "altered":
                reading = " ".join(_keys(qq["text"]))
            elif rel in ("truncated", "extended") and qq.get("kind") == "full" and ref.get("kind") == "full":
                if not any(e in (qq["text"] + ref["text"]) for e in ("...", "\u2026")):
                    reading = " ".join(_keys(qq["text"]))
            marks.append(Mark(m["article_id"], qq["start"], qq["end"], reading))
        if len({m.reading for m in marks}) > 1:
            out.append(Obs("quote_wording", "quote-group", tuple(marks), {"group": gid}))
        cue = _cue_obs(gid, [qrec[m["quote_id"]] for m in mem])
        if cue is not None:
            out.append(cue)
        # speaker
        sp = []
        person: dict[str, bool] = {}
        around: dict[str, set[str]] = defaultdict(set)  # name -> capitalised words of its mentions' sentences
        for m in mem:
            qq = qrec[m["quote_id"]]
            name = qq.get("speaker")
            kind = (qq.get("speaker_kind") or "").lower()
            if not name and kind == "unresolved":
                name = _document(qq.get("speaker_mention") or "")  # "reads a statement", "says the letter"
            if not name or len(_keys(qq["text"])) < 4:
                continue  # (three words, "the next president", are a phrase many people use)
            if kind in ("pronoun", "unknown"):
                continue
            if _title_case(qq["text"]):
                continue  # "In God We Trust", "Make America Great Again": a name of a thing, said by many
            if m["relation"] == "extended" and len(qq["text"].split()) > 2 * len(ref["text"].split()):
                continue  # a longer statement that quotes the reference is another act of saying
            mention = (qq.get("speaker_mention") or "").split()
            if not mention or fold_key(mention[0]) in SPEAKER_PRONOUNS:
                continue  # "he said": who "he" is, the rules guessed; the outlet named no one here
            s0, s1 = qq.get("speaker_start"), qq.get("speaker_end")
            if s0 is None or s1 is None:
                continue
            if kind not in ("person", "unresolved") and not any(w[:1].isupper() for w in name.split()):
                continue  # "the group": a noun that names no one (a written source is read as one)
            sp.append((m["article_id"], s0, s1, name))
            person[name] = person.get(name, False) or kind == "person"
            if kind == "person":  # the capitalised words of every sentence of the version naming them
                key = fold_key(name.split()[-1])
                around[name] |= {t.key for sx in arts[m["article_id"]].sents if any(t.key == key for t in sx.toks)
                                 for t in sx.toks if t.cap}
        names = {n for *_, n in sp}
        if len(names) > 1:
            last = {n: n.split()[-1].casefold().rstrip("'s").replace("\u2019s", "") for n in names}
            caps = {n: {fold_key(w) for w in n.split() if w[:1].isupper()} for n in names}
            # two readings are two speakers when neither name holds the other's last word, they share
            # no capitalised word ("Georgetown University" / "Georgetown scholars"), and one is a
            # person (an organisation and a group, "The administration" / "Democrats", name no one)
            distinct = [(a, b) for a in names for b in names if a < b and last[a] not in b.casefold()
                        and last[b] not in a.casefold() and not caps[a] & caps[b] and (person[a] or person[b])
                        and not _affiliated(a, b, person, caps, around)]
            if distinct:
                out.append(Obs("speaker", "quote-group", tuple(Mark(a, s, e, n) for a, s, e, n in sp), {"group": gid}))
    out += stretch_obs(qrec, by_group, _title_case)
    out += overlap_obs(qrec, by_group, member_of)
    out += quote_negation_obs(qrec, by_group, arts)
    out += unattributed_obs(qrec, by_group)
    # --- quote_paraphrase
    unq = defaultdict(list)
    if unquoted is not None and len(unquoted):
        for r in unquoted.filter(pl.col("article_id").is_in(list(arts))).to_dicts():
            unq[r["group_id"]].append(r)
    facts: dict[str, dict] = {}  # fact key -> {"quoted": [marks], "unquoted": [marks], "methods": set}
    for qid, qq in qrec.items():
        key = member_of.get(qid, qid)
        f = facts.setdefault(key, {"quoted": [], "unquoted": [], "methods": set(), "quotes": []})
        f["quoted"].append(Mark(qq["article_id"], qq["start"], qq["end"], "quoted"))
        f["quotes"].append(qq)
    _adopt_fragments(facts, arts)
    for gid, rows in unq.items():
        if gid in facts:
            for r in rows:
                facts[gid]["unquoted"].append(Mark(r["article_id"], r["start"], r["end"], "unquoted"))
                facts[gid]["methods"].add("unquoted")
    said: dict[str, list[Clause]] = {}  # article -> its reported clauses (read when needed)
    for key, f in facts.items():
        quoting = {m.article for m in f["quoted"]}
        have_unq = {m.article for m in f["unquoted"]}
        longest = max(f["quotes"], key=lambda qq: len(qq["text"]))
        # a name, a title or a slogan ("Ground Zero Mosque", "Don't Ask Don't Tell", "In God We
        # Trust") is the same name with or without quotation marks: no paraphrase is searched for
        # (rows from the unquoted table, an exact match of a statement's words, are still read)
        a_name = _title_case(longest["text"])
        stems = _content_stems(longest["text"])
        # a full quotation reduced to a fragment
        fulls = [qq for qq in f["quotes"] if qq.get("kind") == "full"]
        if fulls and key in by_group and not a_name:
            full_n = max(len(_keys(qq["text"])) for qq in fulls)
            adopted = {(m.article, m.start) for m in f["unquoted"]}  # (_adopt_fragments marked them already)
            for qq in f["quotes"]:
                if qq.get("kind") == "partial" and len(_keys(qq["text"])) * 2 <= full_n and qq["article_id"] not in {
                        x["article_id"] for x in fulls} and (qq["article_id"], qq["start"]) not in adopted:
                    f["quoted"] = [m for m in f["quoted"] if not (m.article == qq["article_id"] and m.start == qq["start"])]
                    f["unquoted"].append(Mark(qq["article_id"], qq["start"], qq["end"], "fragment"))
                    f["methods"].add("fragment")
        # the five shortest wordings (ties by text: a set's order changes from one process to the next)
        wordings = [(_content_stems(w), _lower_stems(w)) for w in sorted({qq["text"] for qq in f["quotes"]},
                                                                         key=lambda w: (len(w), w))[:5]]
        searched = {} if a_name else arts if partners is None else {
            a: arts[a] for a in sorted(set().union(*(partners.get(x, set()) for x in quoting))) if a in arts}
        for aid, art in searched.items():
            if aid in quoting or aid in have_unq:
                continue
            if len(stems) >= 2:
                hit = None
                have = art.stems
                for st, low in wordings:
                    # (a window needs 75% of the stems: none where the version lacks them)
                    if len(st) < 2 or len(low) < 2 or sum(x in have for x in st) < max(2, -(-3 * len(st) // 4)):
                        continue
                    hit = _fuzzy_unquoted(st, art, lower=low)
                    if hit:
                        break
                if hit:
                    f["unquoted"].append(Mark(aid, hit[0], hit[1], "unquoted"))
                    f["methods"].add("unquoted-fuzzy")
                    continue
            # aligned sentences of the quoting versions in this version
            aligned = [s for qq in f["quotes"] for s in links.get(f"{qq['article_id']}|{aid}|{qq['start']}", [])]
            if len(stems) == 1 and aligned:
                hit = _fuzzy_unquoted(stems, art, aligned)
                if hit:
                    f["unquoted"].append(Mark(aid, hit[0], hit[1], "unquoted"))
                    f["methods"].add("unquoted-fuzzy")
                    continue
            if longest.get("kind") == "full" and len(stems) >= 4 and aligned:
                for qq in f["quotes"]:
                    for sy in links.get(f"{qq['article_id']}|{aid}|{qq['start']}", []):
                        if any(sy.quoted) or not any(t.key in ATTRIBUTION for t in sy.toks):
                            continue
                        sx = arts[qq["article_id"]].sent_at(qq["start"])
                        if sx is None:
                            continue
                        ys = {t.stem for t in sy.toks}
                        if sum(s in ys for s in stems) * 2 >= len(stems):
                            continue
                        qi = [i for i, t in enumerate(sx.toks) if qq["start"] <= t.start < qq["end"]]
                        if not qi:
                            continue
                        lo, hi = qi[0], qi[-1] + 1
                        # the words around the quotation (its frame) must be printed by the other sentence
                        frame = {t.stem for t in sx.toks[max(0, lo - 8):lo] + sx.toks[hi:hi + 8]
                                 if t.content and not t.cap and t.key not in ATTRIBUTION and not
                                 sx.quoted[sx.toks.index(t)]}
                        if len(frame & ys) < 2:
                            continue
                        js = [(b.j0, b.j1) for b in align(sx.toks, sy.toks) if b.i0 < hi and b.i1 > lo and b.j1 > b.j0]
                        if js:
                            j0, j1 = min(a for a, _ in js), max(b for _, b in js)
                            f["unquoted"].append(Mark(aid, sy.toks[j0].start, sy.toks[j1 - 1].end, "reported"))
                            f["methods"].add("reported-speech")
                            break
                    else:
                        continue
                    break
            if not any(m.article == aid for m in f["unquoted"]):
                named = _with_group_speaker(f["quotes"])
                hit = _reported_paraphrase(named, art, speakers)
                if hit is None and speakers:
                    if aid not in said:
                        said[aid] = clauses(art, speakers)
                    hit = _reported_phrase(named, said[aid], art)
                if hit:
                    f["unquoted"].append(Mark(aid, hit[0], hit[1], "reported"))
                    f["methods"].add("reported-paraphrase")
        if f["unquoted"] and f["quoted"]:
            out.append(Obs("quote_paraphrase", "+".join(sorted(f["methods"])), tuple(f["quoted"] + f["unquoted"]),
                           {"quote": key}))
    return out


# --------------------------------------------------------------------------- names
def _name_types(arts: dict[str, Article]) -> dict[str, dict[str, list[Tok]]]:
    """key -> article -> occurrences of capitalised words (not sentence-initial-only function words)."""
    out: dict[str, dict[str, list[Tok]]] = defaultdict(lambda: defaultdict(list))
    for aid, art in arts.items():
        for s in art.sents:
            for i, t in enumerate(s.toks):
                if not t.cap or len(t.key) < 4 or t.key in STOPWORDS or t.key in TITLES or t.key[:1].isdigit():
                    continue
                if t.key in WEEKDAYS or t.key in MONTHS:
                    continue
                if t.text.isupper() and len(t.text) <= 5:
                    continue  # acronyms
                out[t.key][aid].append(t)
    return out


def name_obs(arts: dict[str, Article], faced: list[tuple[Tok, Tok, str, str]]) -> list[Obs]:
    types = _name_types(arts)
    keys = sorted(types)
    faced_pairs = {tuple(sorted((t.key, u.key))) for t, u, _a, _b in faced}
    # neighbours of each type: keys of adjacent tokens
    neigh: dict[str, set[str]] = defaultdict(set)
    for aid, art in arts.items():
        for s in art.sents:
            for i, t in enumerate(s.toks):
                if t.key in types:
                    if i > 0 and s.toks[i - 1].key not in STOPWORDS:
                        neigh[t.key].add("<" + s.toks[i - 1].key)
                    if i + 1 < len(s.toks) and s.toks[i + 1].key not in STOPWORDS:
                        neigh[t.key].add(">" + s.toks[i + 1].key)
    out = []
    by_len: dict[int, list[str]] = defaultdict(list)
    for k in keys:
        by_len[len(k)].append(k)
    for k1 in keys:
        # (only names after k1 in sort order: each pair is read once)
        near = [k2 for n in range(len(k1) - 3, len(k1) + 4)
                for k2 in by_len.get(n, ())[bisect.bisect_right(by_len.get(n, ()), k1):]]
        # (rapidfuzz scores every name of near length in one call, in C: still a pass over the
        # story's names per name, but a fast one; the Python checks below see only similar pairs)
        for k2, sim, _i in sorted(process.extract(k1, near, scorer=Indel.normalized_similarity,
                                              score_cutoff=NAME_SIM, limit=None), key=lambda m: (len(m[0]), m[0])):
            if k2 <= k1:
                continue
            if k1.startswith(k2) or k2.startswith(k1) or k1.rstrip("s") == k2.rstrip("s"):
                continue
            a1, a2 = set(types[k1]), set(types[k2])
            faced_ok = (k1, k2) in faced_pairs
            if (a1 & a2) and not faced_ok:
                continue
            if not faced_ok and not (neigh[k1] & neigh[k2]):
                continue
            if a1 <= a2 or a2 <= a1:
                # one spelling's versions all print the other too: not a variant pair
                if not faced_ok:
                    continue
            marks = []
            for k in (k1, k2):
                for aid, occ in types[k].items():
                    for t in occ:
                        marks.append(Mark(aid, t.start, t.end, k))
            out.append(Obs("name_spelling", "spelling", tuple(marks),
                           {"spellings": f"{k1}/{k2}", "similarity": round(sim, 3)}))
    return out


# --------------------------------------------------------------------------- captions and credits
_PHOTO_RE = re.compile(r"(?:\((?:[A-Z][\w./ -]{0,30} )?(?:Photo|Photograph|Image|Picture|File)[^)]{0,30}\)|"
                       r"\b(?:Photo(?:graph)?|Image|Picture)s?\s*(?:credit)?\s*:\s*[^\n]{1,60}$|"
                       r"\b(?:Getty Images|AP Photo|AFP Photo|Reuters Photo|EPA-EFE|Shutterstock)\b)", re.M | re.I)
_SOURCE_RE = re.compile(r"(?:\(\s*(?:with|additional)\s+(?:agency\s+)?inputs?[^)]{0,40}\)|"
                        r"(?<=[.!?\"\u201d])\s*[\u2013\u2014-]\s*(?:AP|AFP|Reuters|PTI|IANS|ANI|UPI|DPA|Xinhua|Bloomberg)\s*$|"
                        r"^\s*\((?:AP|AFP|Reuters|PTI|IANS|ANI|UPI)\)|"
                        r"\b(?:Reporting by|Additional reporting by|contributed to this report)\b[^\n]{0,80})", re.M | re.I)


def credit_facts(arts: dict[str, Article], para_kind: dict[str, str]) -> list[Fact]:
    """caption_credit rows: one per class of credit (photo, source) that the versions print
    differently. Each observation already names every version, a version without a credit marked
    absent at no position, so each is collapsed alone: those absences must not join two classes."""
    return [f for o in _credit_obs(arts, para_kind) for f in collapse([o])]


def _credit_obs(arts: dict[str, Article], para_kind: dict[str, str]) -> list[Obs]:
    found: dict[str, dict[str, list[tuple[int, int, str]]]] = {"photo": defaultdict(list), "source": defaultdict(list)}
    for aid, art in arts.items():
        text = art.text
        caption_paras = set()
        for s in art.sents:
            if s.para and para_kind.get(s.para) == "caption":
                caption_paras.add(s.para)
        # caption paragraphs as a whole
        spans_by_para: dict[str, list[int]] = {}
        for s in art.sents:
            if s.para in caption_paras:
                lo, hi = spans_by_para.get(s.para, [s.start, s.end])
                spans_by_para[s.para] = [min(lo, s.start), max(hi, s.end)]
        for p, (lo, hi) in spans_by_para.items():
            m = _PHOTO_RE.search(text, lo, hi)
            label = m.group().strip("() ").casefold() if m else text[lo:hi].casefold()
            found["photo"][aid].append((lo, hi, _norm_credit(label)))
        for m in _PHOTO_RE.finditer(text):
            if any(lo <= m.start() < hi for lo, hi in spans_by_para.values()):
                continue
            found["photo"][aid].append((m.start(), m.end(), _norm_credit(m.group())))
        for m in _SOURCE_RE.finditer(text):
            s, e = m.start(), m.end()
            while s < e and not text[s].isalnum() and text[s] != "(":
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            # "(With agency inputs)" names no agency: a reading of its own, not the absence of a credit
            found["source"][aid].append((s, e, _norm_credit(m.group()) or "unnamed"))
    out = []
    for cls, per in found.items():
        if not per:
            continue
        marks = []
        for aid in arts:
            occ = per.get(aid)
            if occ:
                reading = " + ".join(sorted({r for *_, r in occ}))
                marks += [Mark(aid, s, e, reading) for s, e, _r in occ]
            else:
                marks.append(Mark(aid, 0, 0, ""))
        if len({m.reading for m in marks}) > 1:
            out.append(Obs("caption_credit", f"credit-{cls}", tuple(marks), {"credit": cls}))
    return out


def _norm_credit(s: str) -> str:
    s = s.casefold()
    s = re.sub(r"\b(photo(graph)?s?|image|picture|credit|file|with|inputs?|agency|additional|reporting by)\b", " ", s)
    return re.sub(r"[^\w]+", " ", s).strip()
