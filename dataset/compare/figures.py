"""Grouping the same figure across outlets and checking that they agree.

``figure_groups(figures, links, texts=None, sentences=None, story_of=None) -> polars.DataFrame``

Figures are compared only within a story (``story_of``: article id -> story id; default
one story), first inside aligned sentences (``links`` rows with a counterpart); then figures
of sentences too rewritten to align (``_match_paraphrased``: one value, shared facts or
speaker) and, last, one quantity that independent versions state with different numbers
(``_match_restated``). In each aligned sentence pair, figures are matched one-to-one,
best score first: same unit (case-insensitive; both null counts as same only
when the subjects share a word) scores 4, same value 2, a shared subject word
1, same ``value_kind`` 0.5; a pair needs the same unit, or the same value
with no unit-matched partner left. Groups are connected components of matches
spanning at least two articles.

A group is ``"conflicting"`` when any two members differ in:

* ``value`` – ``value``/``value_low``/``value_high`` differ;
* ``qualifier`` – ``value_kind`` differs (exact / approximate / lower_bound …);
* ``unit`` – both are units of measure (``schemas.figures.MEASURE_UNITS``) and
  different ("five minutes" / "five hours"); counted nouns worded differently
  ("270 targets" / "270 sites") are one count, not a unit conflict;
* ``base`` – both are percentages whose bases (``subject``) are known and
  different ("90% of them", the targets / "90% of the strikes");
* ``claim`` – the words around the figures (``CLAIM_WINDOW`` words either side,
  same sentence) carry opposite relational words (``CLAIM_ANTONYMS``: before /
  after, more / fewer, rose / fell …) — "five minutes after" vs "five minutes
  before" conflicts although the numbers agree. Needs ``texts`` (article id →
  source) to read the context; without it, claims are not checked.

Columns (sorted by ``group_id``, ``article_id``, ``start``):

* ``group_id`` (str) – ``"f0001"``…, numbered by the earliest member's
  (``article_id``, ``start``).
* ``figure_id`` (str), ``article_id`` (str), ``sentence_id`` (str),
  ``start`` / ``end`` (int) – the member and its span.
* ``agreement`` (str) – ``"consistent"`` or ``"conflicting"`` (whole group).
* ``differs`` (str, nullable) – ``';'``-joined aspects (in the order value,
  qualifier, unit, base, claim) in which this figure differs from at least one
  other member; null when it agrees with all.
* ``claim`` (str, nullable) – the relational word found next to the figure
  (casefolded), if any.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import polars as pl

from newsprov.lang.words import STOPWORDS, tokenize
from newsprov.dataset.compare.quotes import UnionFind
from newsprov.lang.figures import MEASURE_UNITS, PERCENT_UNITS
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import FigureGroups

__all__ = ["CLAIM_ANTONYMS", "CLAIM_WINDOW", "figure_groups", "claim_word", "ANTONYM", "unit_conflict", "base_conflict",
           "stated_numbers"]

# Opposite relational words of English news prose (time order, direction of
# change, comparison, outcome). Used for figure claims and for reversals.
CLAIM_ANTONYMS = [
    ("before", "after"), ("earlier", "later"), ("prior", "after"), ("since", "until"),
    ("more", "less"), ("more", "fewer"), ("most", "least"), ("over", "under"),
    ("above", "below"), ("up", "down"), ("higher", "lower"), ("increase", "decrease"),
    ("increased", "decreased"), ("increases", "decreases"), ("rise", "fall"), ("rose", "fell"),
    ("rising", "falling"), ("risen", "fallen"), ("gain", "loss"), ("gained", "lost"),
    ("won", "lost"), ("win", "lose"), ("wins", "loses"), ("ahead", "behind"), ("inside", "outside"),
    ("maximum", "minimum"), ("at least", "at most"), ("majority", "minority"), ("north", "south"),
    ("east", "west"), ("grew", "shrank"), ("growth", "decline"), ("surplus", "deficit"),
    ("profit", "loss"), ("up from", "down from"), ("killed", "injured"), ("dead", "wounded"),
    ("accepted", "rejected"), ("approved", "rejected"), ("agreed", "refused"), ("allowed", "banned"),
    ("guilty", "innocent"), ("confirmed", "denied"), ("open", "closed"), ("opened", "closed"),
    ("entered", "left"), ("arrived", "left"),
]
ANTONYM: dict[str, set[str]] = defaultdict(set)
for _a, _b in CLAIM_ANTONYMS:
    if " " not in _a:
        ANTONYM[_a].add(_b)
        ANTONYM[_b].add(_a)
# Words either side of a figure searched for a claim word. 3 covers
# "five minutes after", "rose 5% to", "up from 12"; wider windows picked up
# words of the next clause on the seeds.
CLAIM_WINDOW = 3
# A rewritten sentence keeps the facts' words: on the seeds the paraphrased pair about one
# witness shares 6 content words (home, synagogue, bedroom, damaged …) while unrelated
# sentences with the same figure share at most 2. Shared speaker alone also suffices.
PARAPHRASE_MIN_SHARED = 4
# A (value, unit) shared by this many ungrouped figures is too common ("one person") to pair.
PARAPHRASE_MAX_BLOCK = 50
# Same value, qualified differently, in unaligned sentences (_may_qualify): numbers below this
# are too common in one story to pair.
QUALIFIED_MIN_VALUE = 10
# One quantity stated with different numbers (_match_restated): the sentences share 4 content
# words besides the unit and the numbers, one a name both print (measured on BASIL dev: 3 let
# in "$1.3 trillion" / "$716 billion", two different sums), and the numbers are of one size
# (an estimate and its correction, not a part and the whole).
RESTATED_MIN_SHARED = 4
RESTATED_MAX_RATIO = 2.0
# ... or, with no name shared, where the unit is a counted noun (not a measure or a currency: a
# sum or a span of years can be anything) and each of the two versions states one value only of
# it and of that size (within RESTATED_MAX_RATIO of either: the one count of women in a class
# action, stated once by each outlet), the sentences share SOLE_MIN_SHARED words and the two
# numbers are one estimate restated: within SOLE_MAX_RATIO of each other ("1.5 million" /
# "1.6 million" women; not a "30-year low" of one rate and "50-year lows" of another).
SOLE_MIN_SHARED = 2
SOLE_MAX_RATIO = 1.25

_SCHEMA = dtypes(FigureGroups)


def claim_word(text: str, start: int, end: int, sent_start: int, sent_end: int) -> tuple[str, int, int] | None:
    """Relational word within CLAIM_WINDOW words after (then before) a figure."""
    after = [t for t in tokenize(text[end:sent_end], end)][:CLAIM_WINDOW]
    before = [t for t in tokenize(text[sent_start:start], sent_start)][-CLAIM_WINDOW:]
    for t in after + before[::-1]:
        if t.norm in ANTONYM:
            return t.norm, t.start, t.end
    return None


def _unit(u):
    return u.casefold() if isinstance(u, str) and u else None


def unit_conflict(f: dict, g: dict) -> bool:
    """Both measured, in different units (a counted noun worded two ways is no conflict)."""
    return f["unit"] in MEASURE_UNITS and g["unit"] in MEASURE_UNITS and _unit(f["unit"]) != _unit(g["unit"])


def base_conflict(f: dict, g: dict) -> bool:
    """Both percentages, of different bases ("90% of them (targets)" / "90% of the strikes")."""
    return (f["unit"] in PERCENT_UNITS and g["unit"] in PERCENT_UNITS and bool(f.get("subject")) and bool(g.get("subject"))
            and f["subject"].casefold() != g["subject"].casefold())


def _subject_words(s):
    return {w.norm for w in tokenize(s or "") if w.norm not in STOPWORDS}


def _same_value(f, g) -> bool:
    def eq(x, y):
        if x is None or y is None:
            return x is None and y is None
        return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))
    return eq(f["value"], g["value"]) and eq(f["value_low"], g["value_low"]) and eq(f["value_high"], g["value_high"])


def figure_groups(figures: pl.DataFrame, links: pl.DataFrame, texts: dict[str, str] | None = None,
                  sentences: pl.DataFrame | None = None, story_of: dict[str, str] | None = None) -> pl.DataFrame:
    """Group figures of aligned sentences and flag disagreements (module doc)."""
    figs = figures.filter(pl.col("sentence_id").is_not_null()).sort("article_id", "start", "figure_id")
    for c in ("value_low", "value_high", "unit", "subject"):
        if c not in figs.columns:
            figs = figs.with_columns(pl.lit(None).alias(c))
    recs = figs.to_dicts()
    by_sent: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(recs):
        by_sent[f["sentence_id"]].append(i)
    sent_span: dict[str, tuple[int, int]] = {}
    if sentences is not None:
        sent_span = {s: (a, b) for s, a, b in sentences.select("sentence_id", "start", "end").iter_rows()}
    claims = _Claims(recs, texts, sent_span)
    pairs = set()
    for sid, osid in links.filter(pl.col("other_sentence_id").is_not_null()).select(
            "sentence_id", "other_sentence_id").iter_rows():
        if sid in by_sent and osid in by_sent:
            pairs.add(tuple(sorted((sid, osid))))
    uf = UnionFind(len(recs))
    for sid, osid in sorted(pairs):
        scored = []
        for i in by_sent[sid]:
            for j in by_sent[osid]:
                f, g = recs[i], recs[j]
                same_unit = _unit(f["unit"]) == _unit(g["unit"])
                sw = _subject_words(f["subject"]) & _subject_words(g["subject"])
                if same_unit and f["unit"] is None and not sw:
                    same_unit = False
                same_val = _same_value(f, g)
                score = 4 * same_unit + 2 * same_val + (1 if sw else 0) + 0.5 * (f["value_kind"] == g["value_kind"])
                if same_unit or same_val:
                    scored.append((-score, not same_unit, recs[i]["start"], recs[j]["start"], i, j))
        used_i, used_j = set(), set()
        for _neg, value_only, _a, _b, i, j in sorted(scored):
            if i in used_i or j in used_j:
                continue
            if value_only:  # value-only match only if neither has a same-unit partner left
                if any(_unit(recs[i]["unit"]) == _unit(recs[k]["unit"]) for k in by_sent[osid] if k not in used_j) or \
                   any(_unit(recs[j]["unit"]) == _unit(recs[k]["unit"]) for k in by_sent[sid] if k not in used_i):
                    continue
            used_i.add(i)
            used_j.add(j)
            uf.union(i, j)
    _match_paraphrased(recs, uf, texts, sent_span, story_of or {})
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(recs)):
        comps[uf.find(i)].append(i)
    groups = sorted(sorted(m, key=lambda i: (recs[i]["article_id"], recs[i]["start"]))
                    for m in comps.values() if len({recs[i]["article_id"] for i in m}) >= 2)
    groups.sort(key=lambda m: (recs[m[0]]["article_id"], recs[m[0]]["start"]))
    rows = []
    for n, members in enumerate(groups, 1):
        gid = f"f{n:04d}"
        diffs = {i: [] for i in members}
        runs = _article_runs([recs[i]["article_id"] for i in members])
        for p, x in enumerate(members):
            a, b = runs[p]  # members of x's own article are members[a:b]
            for q in itertools.chain(range(a), range(b, len(members))):
                y = members[q]
                f, g = recs[x], recs[y]
                if not _same_value(f, g):
                    diffs[x].append("value")
                if f["value_kind"] != g["value_kind"]:
                    diffs[x].append("qualifier")
                if unit_conflict(f, g):
                    diffs[x].append("unit")
                if base_conflict(f, g):
                    diffs[x].append("base")
                cf, cg = claims.get(x), claims.get(y)
                if cf and cg and cg[0] in ANTONYM.get(cf[0], ()):
                    diffs[x].append("claim")
        conflicting = any(diffs.values())
        for i in members:
            aspects = [a for a in ("value", "qualifier", "unit", "base", "claim") if a in diffs[i]]
            c = claims.get(i)
            rows.append({"group_id": gid, "figure_id": recs[i]["figure_id"], "article_id": recs[i]["article_id"],
                         "sentence_id": recs[i]["sentence_id"], "start": recs[i]["start"], "end": recs[i]["end"],
                         "agreement": "conflicting" if conflicting else "consistent",
                         "differs": ";".join(aspects) or None, "claim": c[0] if c else None})
    out = pl.DataFrame(rows, schema=_SCHEMA) if rows else pl.DataFrame(schema=_SCHEMA)
    return out.sort("group_id", "article_id", "start")


def _article_runs(articles: list[str]) -> list[tuple[int, int]]:
    """For a list sorted by article, the (start, end) of each item's own article's run."""
    out, a = [], 0
    for i in range(1, len(articles) + 1):
        if i == len(articles) or articles[i] != articles[a]:
            out += [(a, i)] * (i - a)
            a = i
    return out


class _Claims:
    """The claim word next to each figure, read when first asked for (only group members are)."""

    def __init__(self, recs: list[dict], texts: dict[str, str] | None, sent_span: dict):
        self.recs, self.texts, self.sent_span, self.found = recs, texts, sent_span, {}

    def get(self, i: int) -> tuple | None:
        if self.texts is None:
            return None
        if i not in self.found:
            f = self.recs[i]
            text = self.texts.get(f["article_id"])
            if text is None:
                self.found[i] = None
            else:
                s0, s1 = self.sent_span.get(f["sentence_id"]) or _guess_sentence(text, f["start"], f["end"])
                self.found[i] = claim_word(text, f["start"], f["end"], s0, s1)
        return self.found[i]


def _context_words(rec: dict, texts: dict[str, str] | None, sent_span: dict) -> set[str]:
    """Content words of the figure's sentence, the figure's own words left out."""
    text = (texts or {}).get(rec["article_id"])
    if text is None or rec["sentence_id"] not in sent_span:
        return set()
    s0, s1 = sent_span[rec["sentence_id"]]
    own = {t.norm for t in tokenize(text[rec["start"]:rec["end"]])}
    return {t.norm for t in tokenize(text[s0:s1])} - STOPWORDS - own


def _match_paraphrased(recs: list[dict], uf: UnionFind, texts: dict[str, str] | None, sent_span: dict,
                       story_of: dict[str, str]) -> None:
    """Second pass for figures whose sentences were rewritten too much to align.

    Two figures still ungrouped, in different articles, with the same value and the same
    known unit (however qualified, `_may_qualify`: "as many as 1.5 million" / "1.5 million")
    are the same figure when the same speaker is credited with both, or when their sentences
    share ``PARAPHRASE_MIN_SHARED`` content words. Blocking on (value, unit)
    keeps the cost near linear (blocks are per story). Each article joins a group at most once.
    """
    grouped = defaultdict(int)
    for i in range(len(recs)):
        grouped[uf.find(i)] += 1
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(recs):
        if grouped[uf.find(i)] == 1 and _unit(f["unit"]) and f["value"] is not None:
            blocks[story_of.get(f["article_id"], ""), f["value"], _unit(f["unit"])].append(i)
    candidates = []
    for members in blocks.values():
        if len(members) < 2 or len(members) > PARAPHRASE_MAX_BLOCK or len({recs[i]["article_id"] for i in members}) < 2:
            continue
        words = {i: _context_words(recs[i], texts, sent_span) for i in members}
        for x in members:
            for y in members:
                f, g = recs[x], recs[y]
                if x >= y or f["article_id"] == g["article_id"]:
                    continue
                if f["value_kind"] != g["value_kind"] and not _may_qualify(f, g):
                    continue
                shared = len(words[x] & words[y])
                same_speaker = bool(f.get("attributed_to")) and f.get("attributed_to") == g.get("attributed_to")
                if same_speaker or shared >= PARAPHRASE_MIN_SHARED:
                    candidates.append((-same_speaker, -shared, f["article_id"], f["start"], g["article_id"], g["start"], x, y))
    articles_in = {uf.find(i): {recs[i]["article_id"]} for i in range(len(recs))}
    _join(uf, articles_in, [c[-2:] for c in sorted(candidates)])
    _match_restated(recs, uf, texts, sent_span, story_of, articles_in)


def _join(uf: UnionFind, articles_in: dict, pairs) -> None:
    """Union each pair in turn unless it would put two figures of one article in a group."""
    for x, y in pairs:
        a, b = uf.find(x), uf.find(y)
        if a == b or articles_in[a] & articles_in[b]:
            continue
        uf.union(x, y)
        articles_in[uf.find(x)] = articles_in[a] | articles_in[b]


def _may_qualify(f: dict, g: dict) -> bool:
    """Two figures of one value qualified differently, of sentences too different to align, may be
    one figure unless a vague magnitude ("hundreds" is no 200) or a small number ("more than
    three debates" / "the first of three debates": small counts recur for different things)."""
    return "vague_magnitude" not in (f["value_kind"], g["value_kind"]) and abs(f["value"]) >= QUALIFIED_MIN_VALUE


def stated_numbers(f: dict) -> frozenset:
    """The numbers a figure states (value and bounds): "as many as 1.5 million" and "1.5 million"
    state the same one."""
    return frozenset(round(v, 6) for v in (f["value"], f["value_low"], f["value_high"]) if v is not None)


def _fact_words(rec: dict, texts: dict[str, str] | None, sent_span: dict) -> tuple[set[str], set[str]]:
    """The figure's sentence's content words (numbers left out), and those of them printed as a
    name (capitalised, not the sentence's first word)."""
    text = (texts or {}).get(rec["article_id"])
    if text is None or rec["sentence_id"] not in sent_span:
        return set(), set()
    s0, s1 = sent_span[rec["sentence_id"]]
    toks = [t for t in tokenize(text[s0:s1]) if not (rec["start"] - s0 <= t.start < rec["end"] - s0)]
    words = {t.norm for t in toks if not any(c.isdigit() for c in t.norm)} - STOPWORDS
    named = {t.norm for i, t in enumerate(toks) if i and t.text[:1].isupper() and t.norm in words}
    return words, named


def _match_restated(recs: list[dict], uf: UnionFind, texts: dict[str, str] | None, sent_span: dict,
                    story_of: dict[str, str], articles_in: dict) -> None:
    """Third pass: one count or amount that independent versions state with different numbers.

    Outlets writing one story themselves state its figures as their own sources gave them
    ("as many as 1.5 million women" / "up to 1.6 million women"; "$500,000 of airtime in Fort
    Myers, West Palm Beach and Miami" / "to air in Miami, West Palm Beach and Fort Myers, is
    costing ... $1 million"). A figure still ungrouped joins the figure of another article of
    its story (grouped or not) with the same known unit whose sentence shares at least
    ``RESTATED_MIN_SHARED`` content words with its own (numbers left out), one of them a name
    both print (a place, a person, an organisation: what makes the two sentences one fact
    rather than two polls' boilerplate, "margin of error of plus or minus"), when the two values
    are within a factor of ``RESTATED_MAX_RATIO``, neither is a vague magnitude ("billions"),
    and neither article prints the other's number anywhere (a version printing both numbers
    reports two quantities, not one drifted). Without a shared name, two figures of a counted
    noun (not a measure or a currency) are one quantity when each is the only value of that unit
    and size (within ``RESTATED_MAX_RATIO``) its version states, the two are within
    ``SOLE_MAX_RATIO`` of each other and their sentences share ``SOLE_MIN_SHARED`` content words:
    the one count of women in a class action that each outlet states once, "as many as 1.5
    million women" (its sentence naming a justice) / "up to 1.6 million women" (naming the
    court). Percentages are left out (one story's percentages are mostly different shares: two
    candidates', two polls'). The best such partner (most shared words) wins; blocks of more than
    ``PARAPHRASE_MAX_BLOCK`` figures are skipped, as in the second pass. Scripts without capitals
    have no names: only the counted-noun way can join their figures.
    """
    numbers_of: dict[str, set] = defaultdict(set)
    values_of: dict[tuple, set] = defaultdict(set)  # (article, unit) -> the values it states
    for f in recs:
        numbers_of[f["article_id"]] |= stated_numbers(f)
        if _unit(f["unit"]) and f["value"] is not None:
            values_of[f["article_id"], _unit(f["unit"])].add(round(f["value"], 6))
    sizes = defaultdict(int)
    for i in range(len(recs)):
        sizes[uf.find(i)] += 1
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(recs):
        if _unit(f["unit"]) and f["value"] and f["value_kind"] != "vague_magnitude" and f["unit"] not in PERCENT_UNITS:
            blocks[story_of.get(f["article_id"], ""), _unit(f["unit"])].append(i)
    words: dict[int, set] = {}
    best: list[tuple] = []
    for members in blocks.values():
        if len(members) > PARAPHRASE_MAX_BLOCK or len({recs[i]["article_id"] for i in members}) < 2:
            continue
        for y in members:
            g = recs[y]
            if sizes[uf.find(y)] > 1:
                continue
            found = []
            for x in members:
                f = recs[x]
                if f["article_id"] == g["article_id"] or stated_numbers(f) & stated_numbers(g):
                    continue
                lo, hi = sorted((abs(f["value"]), abs(g["value"])))
                if lo == 0 or hi / lo > RESTATED_MAX_RATIO:
                    continue
                if stated_numbers(f) & numbers_of[g["article_id"]] or stated_numbers(g) & numbers_of[f["article_id"]]:
                    continue
                for k in (x, y):
                    if k not in words:
                        words[k] = _fact_words(recs[k], texts, sent_span)
                own = _subject_words(f["subject"]) | _subject_words(g["subject"]) | {_unit(f["unit"])}
                shared = len(words[x][0] & words[y][0] - own)
                if (shared >= RESTATED_MIN_SHARED and words[x][1] & words[y][1] - own) or (
                        shared >= SOLE_MIN_SHARED and _one_estimate(f, g, lo, hi, values_of)):
                    found.append((-shared, f["article_id"], f["start"], x))
            if found:
                top = min(found)
                best.append((top[0], g["article_id"], g["start"], top[3], y))
    _join(uf, articles_in, [(x, y) for *_, x, y in sorted(best)])


def _one_estimate(f: dict, g: dict, lo: float, hi: float, values_of: dict[tuple, set]) -> bool:
    """Two figures of one counted noun (not a measure or a currency), within SOLE_MAX_RATIO of
    each other (``lo``, ``hi``: their sizes), each its version's only value of that unit within
    RESTATED_MAX_RATIO of them (``values_of``: (article, unit) -> the values it states)."""
    if f["unit"] in MEASURE_UNITS or hi / lo > SOLE_MAX_RATIO:
        return False
    return all(sum(lo / RESTATED_MAX_RATIO <= v <= hi * RESTATED_MAX_RATIO
                   for v in values_of[r["article_id"], _unit(r["unit"])]) == 1 for r in (f, g))


def _guess_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Fallback sentence bounds: nearest '. ' / newline either side."""
    s = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    cands = [p for p in (text.find(". ", end), text.find("\n", end)) if p >= 0]
    return s, (min(cands) + 1 if cands else len(text))
