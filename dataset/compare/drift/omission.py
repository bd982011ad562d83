"""Material only some versions print (kind ``omission``).

Representation: one row per fact; side ``a`` = the versions printing it (the
span of the unit in each), side ``b`` = the versions lacking it (null spans).
An ``addition`` is the same fact seen from the other side, so only ``omission``
rows are written (the scorer accepts gold ``addition`` rows with sides swapped).

Units. Each body sentence is cut into clauses at , ; : ( ) and dashes (and the
Arabic-script and full-width commas, semicolons, colons and parentheses); a piece
with fewer than ``MIN_CONTENT`` content words joins its neighbour, so a unit is
a clause or a whole sentence. Words of an agency credit ("(AP)", "(اے پی پی)") are
not counted: a dateline's "26 جولائی (اے پی پی)" joins the clause after it.

Search of the whole version. A unit of version X is *present* in version Y when
some window of one or two consecutive sentences of Y (anywhere in Y, headline
and captions included) holds at least ``PRESENT`` of the unit's content stems,
each stem weighted by its rarity across the story's sentences
(``log(1 + N / df)``: a word every version prints about the story, "Israel",
weighs little; "deployments" weighs much). Only when no window of Y reaches it is
Y listed as lacking the unit. Versions compared: every pair of the story when it
has at most ``EXHAUSTIVE`` versions, else the pairs linked in ``sentence_links``
(the project's partners), so the cost stays linear in versions.

A unit v of Y that the search finds in X at the sentence of X's unit u, holding
at least ``REVERSE_SHARED`` of u's weighted content, is u told in other words: Y
does not lack u ("which began Thursday and continued through Sunday" / "which took
place from Thursday through Sunday"). v may be longer than u: an outlet that cuts
one sentence into two clauses ("Hezbollah claimed responsibility for launching over
320 Katyusha rockets ..., along with deploying a "large number" of drones") tells
in each a part of the other's one clause ("Hezbollah said its attack involved more
than 320 Katyusha rockets ... and a "large number" of drones"); v being found at
u's place already says that X's sentence there holds half of v.

Collapse. Units that some version lacks are joined through the search itself:
when X's unit is found in Y's window, Y's units there that the same versions lack
join it if they tell the same fact: they share at least ``REVERSE_SHARED`` of the
smaller unit's weighted content (any shared word chained neighbouring facts: on the
seeds one row held 36 units, twelve facts of the gold, that one version lacks). A version where a member was found prints the fact
(its unit at that window is its span) when that unit shares ``REVERSE_SHARED`` of the smaller
unit's weighted content; otherwise the words were found scattered over sentences telling other
facts, and the version is named on neither side. A fact's lacking side is the versions
that most of its units compared with found lacking, where most of those units and of the
other versions' tellings found with them were not found either (on the seeds, E's clause
of the lead is not found in A, but B, C and D's clauses are: A prints the lead in its own
words); its printing side the versions with a unit in it. Rows with the same printing and
lacking versions whose units lie in one paragraph of each printing version are merged (the
guideline's unit is the paragraph, or the clause when the rest is shared). Rows whose
printed spans overlap in ``MERGE_VERSIONS`` versions are one fact (``_merge_overlapping``).
Two rows each lacking from the versions that print the other, with one version printing both
in one span, are one fact told two ways, and neither is written (``_drop_complements``).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict

import numpy as np
from scipy import sparse

from newsprov.dataset.compare.drift.collapse import UF, Fact, Mark
from newsprov.dataset.compare.drift.article_view import Article, Sent
from newsprov.dataset.compare.drift.words import Tok
from newsprov.dataset.metadata import WIRE_CREDIT

__all__ = ["omission_facts", "MIN_CONTENT", "PRESENT", "EXHAUSTIVE"]

MIN_CONTENT = 4     # a clause of fewer content words is not a fact by itself
PRESENT = 0.5       # half the unit's (rarity-weighted) content found in one place = present
REVERSE_SHARED = 0.35  # ...a unit found where another stands, holding this much of its weighted content, tells it
MERGE_VERSIONS = 2  # rows printing the same text in this many versions are one fact (one version: a stray member)
EXHAUSTIVE = 17     # = project PARTNER_WINDOW + 1: stories up to this size are compared pair by pair
# clause marks of every script: , ; : ( ) and dashes, the Arabic-script comma and semicolon
# (Urdu, Arabic, Persian: "،" "؛"), the full-width comma, semicolon, colon and parentheses (CJK)
_CUT = re.compile(r"[,;:()\u2013\u2014\u060c\u061b\uff0c\uff1b\uff1a\uff08\uff09]|\s-\s")


class Unit:
    __slots__ = ("aid", "sent", "toks", "stems", "start", "end", "para", "idx")

    def __init__(self, aid, sent, toks, idx):
        self.aid, self.sent, self.toks, self.idx = aid, sent, toks, idx
        self.stems = {t.stem for t in toks if t.content}
        self.start, self.end = toks[0].start, toks[-1].end
        self.para = sent.para or f"{aid}:{sent.sid}"


# A dateline's credit in a script without Latin letters: at the start of a paragraph, a place (and
# date) of at most four words and a bracketed credit of at most four words, "اسلام آباد (نمائندہ
# دنیا)" (the paper's correspondent), "کراچی ۔ 17 ستمبر (اے پی پی)". (In English a bracket there
# is as often a name's party, "Rep. Joe Sestak (D-Penn.)": only the agencies of WIRE_CREDIT count.)
_DATELINE_CREDIT = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*(?:[^\s()]+[ \t]*){1,4}(\([^()\na-zA-Z]{1,40}\))")


def _credit_spans(text: str) -> list[tuple[int, int]]:
    """Where the text prints an agency credit ("(AP)", "(اے پی پی)") or a dateline's credit: its
    words state no fact."""
    spans = [m.span() for m in WIRE_CREDIT.finditer(text)]
    spans += [m.span(1) for m in _DATELINE_CREDIT.finditer(text) if len(m.group(1).split()) <= 4]
    return spans


def _units(art: Article, start_idx: int) -> list[Unit]:
    out = []
    credits = _credit_spans(art.text)
    credited = {t.start for s in art.sents for t in s.toks if any(a <= t.start < b for a, b in credits)} if credits else ()

    def facts(toks: list[Tok]) -> int:
        """Content words outside agency credits (a dateline's "26 جولائی (اے پی پی)" is no fact)."""
        return sum(t.content and t.start not in credited for t in toks)
    for s in art.sents:
        if not s.body or not s.toks:
            continue
        pieces: list[list[Tok]] = [[]]
        prev_end = s.toks[0].start
        for t in s.toks:
            gap = art.text[prev_end:t.start]
            if pieces[-1] and gap != " " and _CUT.search(gap):  # (one space, most gaps, cuts nothing)
                pieces.append([])
            pieces[-1].append(t)
            prev_end = t.end
        merged: list[list[Tok]] = []
        for p in pieces:
            if merged and facts(merged[-1]) < MIN_CONTENT:
                merged[-1] = merged[-1] + p
            else:
                merged.append(p)
        if len(merged) > 1 and facts(merged[-1]) < MIN_CONTENT:
            last = merged.pop()
            merged[-1] = merged[-1] + last
        for p in merged:
            if facts(p) >= MIN_CONTENT:
                out.append(Unit(art.aid, s, p, start_idx + len(out)))
    return out


class _Index:
    """Where each stem of one version stands: the windows holding it (window k: sentences k and k+1,
    k from -1), as sets for the exact sums and as a sparse matrix (stems x windows) for the search."""

    def __init__(self, art: Article, column: dict[str, int] | None = None):
        self.art = art
        self.sents = art.sents
        post: dict[str, set[int]] = defaultdict(set)
        for k, s in enumerate(self.sents):
            for st in {t.stem for t in s.toks if t.content}:
                post[st].update((k, k - 1))
        self.windows = {st: tuple(ks) for st, ks in post.items()}  # stem -> windows holding it
        column = column if column is not None else {st: n for n, st in enumerate(sorted(post))}
        rows, cols = [], []
        for st, ks in post.items():
            rows += [column[st]] * len(ks)
            cols += [k + 1 for k in ks]
        self.matrix = sparse.csr_matrix((np.ones(len(rows), np.int64), (rows, cols)),
                                        shape=(len(column), len(self.sents) + 1))

    def best(self, stems: set[str], w: dict[str, float]) -> tuple[float, int]:
        """(share of the stems' weight in the window holding most of it, that window), ties to the
        earlier window; (0.0, -1) when no stem is printed. One unit at a time: ``_search`` gives the
        same answers for many units at once."""
        total = math.fsum(w[s] for s in stems) or 1.0
        parts: dict[int, list[float]] = defaultdict(list)
        windows = self.windows
        for st in stems:
            ks = windows.get(st)
            if ks:
                weight = w[st]
                for k in ks:
                    parts[k].append(weight)
        if not parts:
            return 0.0, -1
        # fsum: exactly rounded, so the sum (and a tie) does not depend on the set's order,
        # which changes from one run to the next with string hashing
        score = {k: math.fsum(v) for k, v in parts.items()}
        k = max(score, key=lambda j: (score[j], -j))
        return score[k] / total, k


def _fingerprint(stem: str) -> int:
    """A stable 52-bit number for a stem: sums of them are exact in any order, so two windows
    holding the same stems of a unit have the same sum, and different stems almost surely not."""
    return int.from_bytes(hashlib.blake2b(stem.encode("utf-8"), digest_size=8).digest(), "little") >> 12


class _Units:
    """The units of one version as rows over the story's stem columns: their stems' weights, their
    stems' fingerprints, and their total weights."""

    def __init__(self, units: list[Unit], column: dict[str, int], w: dict[str, float]):
        self.units = units
        rows = [r for r, u in enumerate(units) for _ in u.stems]
        cols = [column[st] for u in units for st in u.stems]
        shape = (len(units), len(column))
        self.weights = sparse.csr_matrix(([w[st] for u in units for st in u.stems], (rows, cols)), shape=shape)
        self.prints = sparse.csr_matrix((np.array([_fingerprint(st) for u in units for st in u.stems], np.int64),
                                         (rows, cols)), shape=shape)
        self.totals = np.asarray(self.weights.sum(axis=1)).ravel()


def _search(mine: _Units, w: dict[str, float], indexes: list[_Index]) -> list[list[int | None]]:
    """For each version's index, for each unit: the window ``best`` finds when it holds ``PRESENT``
    of the unit's weight, else None. The sums are taken by sparse products, in floats (added in
    the stems' column order, the same in every process: yet two windows of other stems whose
    exact sums are equal can come out unequal) and in stem fingerprints (exact). Where rounding
    could decide the unit is read again by ``best``, so the answers are ``best``'s:
    when a window holding other stems of the unit than the best window (another fingerprint)
    weighs within a hair (1e-9) of it, or the best is within a hair of ``PRESENT``. Windows
    holding the same stems, as the two windows around one sentence often do, tie: argmax takes
    the earlier, as ``best`` does."""
    matrix = sparse.hstack([ix.matrix for ix in indexes], format="csr")
    scores_all = (mine.weights @ matrix).toarray()
    prints_all = (mine.prints @ matrix).toarray()
    totals = mine.totals
    tol = 1e-9 * (totals + 1.0)
    out, at = [], 0
    rows = np.arange(len(mine.units))
    for ix in indexes:
        width = ix.matrix.shape[1]
        scores, prints = scores_all[:, at:at + width], prints_all[:, at:at + width]
        at += width
        top = scores.max(axis=1)
        k = scores.argmax(axis=1)
        close = ((scores >= (top - tol)[:, None]) & (prints != prints[rows, k][:, None])).any(axis=1)
        close |= np.abs(top - PRESENT * totals) <= tol
        present = (top > 0) & (top >= PRESENT * totals)
        found: list[int | None] = [int(kk) - 1 if ok else None for kk, ok in zip(k.tolist(), present.tolist())]
        for n in np.flatnonzero(close).tolist():
            score, kk = ix.best(mine.units[n].stems, w)
            found[n] = kk if score >= PRESENT else None
        out.append(found)
    return out


def _story_state(arts: dict[str, Article], ids: list[str]):
    """The story's units (in ``ids`` order), its stems' rarity weights over the story's sentences,
    their columns (sorted stems) and each version's index."""
    units: list[Unit] = []
    for aid in ids:
        units += _units(arts[aid], len(units))
    df: dict[str, int] = defaultdict(int)
    n_sent = 0
    for aid in ids:
        for s in arts[aid].sents:
            n_sent += 1
            for st in {t.stem for t in s.toks if t.content}:
                df[st] += 1
    w = {st: math.log(1 + n_sent / c) for st, c in df.items()}
    column = {st: n for n, st in enumerate(sorted(df))}
    return units, w, column, {aid: _Index(arts[aid], column) for aid in ids}


def omission_facts(arts: dict[str, Article], pairs: set[tuple[str, str]] | None) -> list[Fact]:
    ids = sorted(arts)
    if len(ids) < 2:
        return []
    units, w, column, index = _story_state(arts, ids)
    if len(ids) <= EXHAUSTIVE or pairs is None:
        partners = {a: [b for b in ids if b != a] for a in ids}
    else:
        partners = defaultdict(list)
        for a, b in sorted(pairs):
            if a in arts and b in arts:
                partners[a].append(b)
                partners[b].append(a)
    units_by_sent: dict[tuple[str, int], list[Unit]] = defaultdict(list)
    for u in units:
        units_by_sent[(u.aid, u.sent.index)].append(u)
    uf = UF()
    lacking: dict[int, set[str]] = {}
    compared: dict[int, set[str]] = {}
    found: dict[tuple[int, str], int] = {}
    by_article: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        lacking[u.idx] = set()
        compared[u.idx] = set(partners.get(u.aid, ()))
        by_article[u.aid].append(u)
    for aid, mine in by_article.items():
        bs = partners.get(aid, ())
        for b, ks in zip(bs, _search(_Units(mine, column, w), w, [index[b] for b in bs]) if bs else ()):
            for u, k in zip(mine, ks):
                if k is not None:
                    found[(u.idx, b)] = k  # window = sentences k and k + 1 (positions in the article)
                else:
                    lacking[u.idx].add(b)
    # the reverse search: a unit v of Y found in X at u's sentence, holding REVERSE_SHARED of u's
    # weight, is u said in other words (v may be longer: X cut Y's one clause into two)
    units_of: dict[str, list[Unit]] = defaultdict(list)
    pos_of: dict[int, int] = {}
    for v in units:
        units_of[v.aid].append(v)
    for aid in ids:
        for k, sent in enumerate(arts[aid].sents):
            for v in units_by_sent.get((aid, sent.index), ()):
                pos_of[v.idx] = k
    wsum = {u.idx: math.fsum(w[x] for x in u.stems) for u in units}

    def shared(u: Unit, v: Unit) -> float:
        return math.fsum(w[x] for x in u.stems & v.stems)

    def same_fact(u: Unit, v: Unit) -> bool:
        """u and v share REVERSE_SHARED of the smaller unit's weighted content."""
        return shared(u, v) >= REVERSE_SHARED * min(wsum[u.idx], wsum[v.idx])
    for u in units:
        for b in sorted(lacking[u.idx]):
            for v in units_of[b]:
                k = found.get((v.idx, u.aid))
                if k is None or pos_of[u.idx] not in (k, k + 1):
                    continue
                if shared(u, v) >= REVERSE_SHARED * wsum[u.idx]:
                    lacking[u.idx].discard(b)
                    break
    # facts: units some version lacks, joined when one is found where the other stands
    cands = [u for u in units if lacking[u.idx]]
    cand_ids = {u.idx for u in cands}
    for u in cands:
        uf.find(u.idx)
        for b in compared[u.idx]:
            k = found.get((u.idx, b))
            if k is None:
                continue
            for kk in (k, k + 1):
                if 0 <= kk < len(arts[b].sents):
                    for v in units_by_sent.get((b, arts[b].sents[kk].index), ()):
                        if v.idx in cand_ids and lacking[v.idx] - {u.aid} == lacking[u.idx] - {v.aid} and same_fact(u, v):
                            uf.union(u.idx, v.idx)
    comps: dict[int, list[Unit]] = defaultdict(list)
    for u in cands:
        comps[uf.find(u.idx)].append(u)
    rows = []
    for members in comps.values():
        printing = {u.aid for u in members}
        # versions where a member was found also print the fact (their best unit there is its span)
        extra: list[Unit] = []
        for u in members:
            for b, k in ((b, found.get((u.idx, b))) for b in compared[u.idx]):
                if k is None or b in printing:
                    continue
                near = [v for kk in (k, k + 1) if 0 <= kk < len(arts[b].sents)
                        for v in units_by_sent.get((b, arts[b].sents[kk].index), ())]
                if near:
                    best = max(near, key=lambda v: (shared(u, v), -v.start))
                    if same_fact(u, best):
                        extra.append(best)
                        printing.add(b)
        lack = set()
        # (only versions some member was compared with can lack it: linear in partners, not versions)
        for y in set().union(*(compared[u.idx] for u in members)):
            if y in printing:
                continue
            seen_by = [u for u in members if y in compared[u.idx]]
            if not seen_by or 2 * sum(y in lacking[u.idx] for u in seen_by) < len(seen_by):
                continue
            # the versions found printing it were searched in y too: most of them must miss it there
            seen_by += [v for v in extra if y in compared[v.idx]]
            if 2 * sum(y in lacking[u.idx] for u in seen_by) >= len(seen_by):
                lack.add(y)
        if not lack:
            continue
        rows.append((members + extra, lack))
    # merge rows of one paragraph with the same sides
    merged: dict[tuple, list] = {}
    order = []
    for members, lack in rows:
        printing = tuple(sorted({u.aid for u in members}))
        paras = tuple(sorted({(u.aid, u.para) for u in members}))
        key = (printing, tuple(sorted(lack)), tuple(sorted({p for _, p in paras})))
        if key not in merged:
            merged[key] = []
            order.append(key)
        merged[key].extend(members)
    facts = []
    for key in order:
        members = merged[key]
        printing, lack, _ = key
        a_marks = []
        for aid in printing:
            us = sorted((u for u in members if u.aid == aid), key=lambda u: u.start)
            # contiguous units of one version become one span
            cur = None
            for u in us:
                if cur and (u.sent.index - cur[2] <= 1):
                    cur = (cur[0], max(cur[1], _end_with_punct(arts[aid].text, u.end)), u.sent.index)
                else:
                    if cur:
                        a_marks.append(Mark(aid, cur[0], cur[1], "printed"))
                    cur = (u.start, _end_with_punct(arts[aid].text, u.end), u.sent.index)
            if cur:
                a_marks.append(Mark(aid, cur[0], cur[1], "printed"))
        b_marks = [Mark(aid, 0, 0, "") for aid in lack]
        facts.append(Fact("omission", "whole-version-search", a_marks, b_marks,
                          {"units": len(members), "printing": len(printing), "lacking": len(lack)}))
    return _drop_complements(_merge_overlapping(facts))


def _merge_overlapping(facts: list[Fact]) -> list[Fact]:
    """Rows printing the same text are one fact: rows whose printed spans overlap by at least half
    of the shorter in MERGE_VERSIONS versions or more are joined (the units that found the fact
    differ, so each row saw a different part of the versions). A version one of them saw printing it prints it;
    the fact's lacking side is every other version some row found lacking; a row left with none
    is dropped. (Seeds: three rows for one sentence each said that another printing version lacked it.)"""
    uf = UF()
    for n in range(len(facts)):
        uf.find(n)
    for (n1, n2), where in sorted(_overlaps(facts).items()):
        if len(where) >= MERGE_VERSIONS:
            uf.union(n1, n2)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(facts)):
        groups[uf.find(n)].append(n)
    out = []
    for members in sorted(groups.values()):
        if len(members) == 1:
            out.append(facts[members[0]])
            continue
        by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
        units = 0
        for n in members:
            units += facts[n].detail["units"]
            for m in facts[n].a:
                by_article[m.article].append((m.start, m.end))
        a_marks = []
        for aid in sorted(by_article):
            cur = None
            for st, en in sorted(by_article[aid]):
                if cur and st <= cur[1]:
                    cur = (cur[0], max(cur[1], en))
                else:
                    if cur:
                        a_marks.append(Mark(aid, cur[0], cur[1], "printed"))
                    cur = (st, en)
            a_marks.append(Mark(aid, cur[0], cur[1], "printed"))
        lack = sorted({m.article for n in members for m in facts[n].b} - set(by_article))
        if lack:
            out.append(Fact("omission", "whole-version-search", a_marks, [Mark(aid, 0, 0, "") for aid in lack],
                            {"units": units, "printing": len(by_article), "lacking": len(lack)}))
    return out


def _drop_complements(facts: list[Fact]) -> list[Fact]:
    """Two rows that are each other's complement at one place are one fact told two ways: each
    row's lacking versions print the other row, and some version prints both in one span (its
    unit was found in both wordings). Neither version lacks the fact, so both rows go. (Seeds:
    "to resolve outstanding issues" / "in hopes of addressing remaining disagreements", each said
    lacking from the versions printing the other, with 003's "hoping to resolve the outstanding
    issues" on the printing side of both.)"""
    printing = [{m.article for m in f.a} for f in facts]
    lacking = [{m.article for m in f.b} for f in facts]
    drop: set[int] = set()
    for n1, n2 in _overlaps(facts):
        if lacking[n1] <= printing[n2] and lacking[n2] <= printing[n1]:
            drop.update((n1, n2))
    return [f for n, f in enumerate(facts) if n not in drop]


def _overlaps(facts: list[Fact]) -> dict[tuple[int, int], set[str]]:
    """Pairs of rows (indices, smaller first) whose printed spans overlap by at least half of the
    shorter, and the versions where they do."""
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # article -> (start, end, fact)
    for n, f in enumerate(facts):
        for m in f.a:
            spans[m.article].append((m.start, m.end, n))
    shared: dict[tuple[int, int], set[str]] = defaultdict(set)
    for aid, marks in spans.items():
        marks.sort()
        for i, (s1, e1, n1) in enumerate(marks):
            for s2, e2, n2 in marks[i + 1:]:
                if s2 >= e1:
                    break
                if n1 != n2 and 2 * (min(e1, e2) - s2) >= min(e1 - s1, e2 - s2):
                    shared[(min(n1, n2), max(n1, n2))].add(aid)
    return shared


def _end_with_punct(text: str, end: int) -> int:
    """Extend a span over closing punctuation and quotation marks right after it."""
    while end < len(text) and text[end] in ".!?\"\u201d\u2019)":
        end += 1
    return end
