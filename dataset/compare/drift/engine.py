"""The drift engine: every difference between the versions of a story, typed and collapsed.

``drifts(inputs, story_of=None) -> (drifts, drift_spans)``

``inputs`` is an ``Inputs`` (the package tables plus texts); ``story_of`` maps
article id -> story id (default: one story, ``"story"``, holding every article).
Every drift lies within one story.

``drifts`` (one row per drift per story; sorted by story_id, kind, first span):

* ``drift_id`` (str) – ``"d000001"``… numbered in that order across stories.
* ``story_id`` (str) – the story's label from ``story_of`` (the package's table, where a
  build is one story, leaves it out).
* ``kind`` (str) – attribution, modality, negation, reversal, figure_value,
  figure_qualifier, figure_base, time_reference, quote_wording,
  quote_paraphrase, speaker, name_spelling, framing, omission, caption_credit,
  wording.
* ``method`` (str) – the rule that produced the row (see the rule modules).
* ``detail`` (str) – ``key=value`` pairs joined by ``"; "``.
* ``n_a`` / ``n_b`` (int) – versions on each side.

``drift_spans`` (sorted by drift_id, side, article_id, start; nulls last):

* ``span_id`` (str) – ``"<drift_id><side><k>"``, k counting the side's spans from 1.
* ``drift_id`` (str), ``side`` (``"a"`` / ``"b"``), ``article_id`` (str).
* ``start`` / ``end`` (int, nullable) and ``text`` (str, nullable) – the span,
  ``texts[article_id][start:end] == text``; null for a version that lacks the
  material (omission's side b, a credit or framing counterpart that is absent).

Sides: ``a`` is the majority reading, except for ``framing`` (``a`` = the
loaded word) and ``omission`` (``a`` = the printing versions, ``b`` = the
versions lacking it). A version appears on one side of a row, except in
``name_spelling`` rows where a version printing both spellings is on both.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from newsprov.dataset.compare.drift.inputs import Inputs
from newsprov.schemas.base import dtypes
from newsprov.schemas.drift_spans import DriftSpans
from newsprov.schemas.drifts import DRIFT_KINDS, Drifts
from newsprov.dataset.compare.drift.collapse import Fact, Mark, Obs, collapse
from newsprov.dataset.compare.drift.omission import EXHAUSTIVE, omission_facts
from newsprov.dataset.compare.drift.pair_rules import pair_observations
from newsprov.dataset.compare.drift.reported_cue import reported_cue_obs
from newsprov.dataset.compare.drift.restated import restated_obs
from newsprov.dataset.compare.drift.unshared import DERIVED_SHARE, independent_versions, unshared_facts
from newsprov.dataset.compare.drift.nicknames import nickname_obs
from newsprov.dataset.compare.drift.table_rules import credit_facts, figure_obs, name_obs, quote_obs
from newsprov.dataset.compare.drift.article_view import Article, build_articles
from newsprov.dataset.compare.stories import story_batches

__all__ = ["drifts", "DRIFT_SCHEMA", "SPAN_SCHEMA", "KINDS"]

# Sentences the project's links leave unaligned are paired when each is the other's best
# match by rarity-weighted content overlap (Dice) at least this high (the omission search's
# weights); rows from such pairs carry "/weak-alignment" in their method.
SECONDARY_MIN = 0.35
# Such a pair is two sentences on one subject, not two wordings of one claim: a word facing
# another in their word diff is chance. Only a reporting verb of another force is read there
# (measured, every row read: on BASIL dev and PolNeAR train/dev the framing, modality,
# negation, figure_value and time_reference rows from these pairs were false when read, 39 of
# 39; verb-force rows were true on the seeds and BASIL, one each against the gold). The same
# holds for sentences that sentence_links pairs between two versions written independently
# (reuse share below DERIVED_SHARE both ways, ``_independent_pairs``): BASIL dev lost 17 such
# rows, all false when read ("laughter" / "circus", "wasn't" / "believe"); of PolNeAR's 61, 44
# were read, false but for one borderline negation.
SECONDARY_KINDS = frozenset({"attribution"})
KINDS = DRIFT_KINDS
# the tables' columns from their models; the engine's drifts also carry the story (until the
# stories table exists the builder leaves it out)
DRIFT_SCHEMA = {"drift_id": pl.String, "story_id": pl.String} | {k: v for k, v in dtypes(Drifts).items() if k != "drift_id"}
SPAN_SCHEMA = dtypes(DriftSpans)


def _story_pairs(links: pl.DataFrame, arts: dict[str, Article]):
    """Aligned body sentence pairs of the story (each unordered pair once) and the linked article pairs."""
    ids = list(arts)
    l = links.filter(pl.col("article_id").is_in(ids) & pl.col("other_article_id").is_in(ids))
    art_pairs = {tuple(sorted(p)) for p in l.select("article_id", "other_article_id").unique().iter_rows()}
    l = l.filter(pl.col("other_sentence_id").is_not_null())
    seen = set()
    out = []
    by_sent: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for aid, sid, oaid, osid, sim, rel in l.select("article_id", "sentence_id", "other_article_id",
                                                   "other_sentence_id", "similarity", "relation").iter_rows():
        x, y = arts[aid].by_sid.get(sid), arts[oaid].by_sid.get(osid)
        if x is None or y is None:
            continue
        by_sent[sid][oaid].append(y)
        by_sent[osid][aid].append(x)
        key = (sid, osid) if sid < osid else (osid, sid)
        if key in seen:
            continue
        seen.add(key)
        if rel in ("identical", "typographic") or not (x.body and y.body):
            continue
        out.append((x, y, sim))
    return out, art_pairs, by_sent


class _Ctx:
    """Neighbourhood keys of a sentence and all stems of a version (for absence claims)."""

    def __init__(self, arts: dict[str, Article]):
        self.arts = arts
        self._stems: dict[str, set[str]] = {}
        self._near: dict[str, set[str]] = {}

    def stems(self, aid: str) -> set[str]:
        if aid not in self._stems:
            self._stems[aid] = {t.stem for s in self.arts[aid].sents for t in s.toks}
        return self._stems[aid]

    def near(self, sent) -> set[str]:
        if sent.sid not in self._near:
            ss = self.arts[sent.aid].sents
            k = ss.index(sent)
            self._near[sent.sid] = {t.key for s in ss[max(0, k - 1):k + 2] for t in s.toks}
        return self._near[sent.sid]


def _secondary_pairs(arts: dict[str, Article], by_sent, art_pairs) -> list:
    """Pairs the sentence links missed: mutual best by rarity-weighted content overlap (module doc)."""
    import math
    df: dict[str, int] = defaultdict(int)
    n = 0
    for a in arts.values():
        for s in a.sents:
            n += 1
            for st in {t.stem for t in s.toks if t.content}:
                df[st] += 1
    w = {st: math.log(1 + n / c) for st, c in df.items()}
    bag = {s.sid: {t.stem for t in s.toks if t.content} for a in arts.values() for s in a.sents if s.body}
    pairs = _version_pairs(arts, art_pairs)
    out = []

    total = {sid: math.fsum(w[x] for x in b) for sid, b in bag.items()}  # fsum: independent of set order

    def dice(x, y):
        shared = bag[x.sid] & bag[y.sid]
        if not shared:
            return 0.0
        tot = total[x.sid] + total[y.sid]
        return 2 * math.fsum(w[s] for s in shared) / tot if tot else 0.0
    for a, b in pairs:
        xa = [s for s in arts[a].sents if s.body and b not in by_sent.get(s.sid, {})]
        yb = [s for s in arts[b].sents if s.body and a not in by_sent.get(s.sid, {})]
        if not xa or not yb:
            continue
        best_x = {}
        best_y = {}
        for x in xa:
            for y in yb:
                d = dice(x, y)
                if d > best_x.get(x.sid, (0, None))[0]:
                    best_x[x.sid] = (d, y)
                if d > best_y.get(y.sid, (0, None))[0]:
                    best_y[y.sid] = (d, x)
        for x in xa:
            d, y = best_x.get(x.sid, (0, None))
            if y is not None and d >= SECONDARY_MIN and best_y[y.sid][1] is x:
                out.append((x, y, round(d, 4)))
    return out


def _facts_for_story(inp: Inputs, arts: dict[str, Article], para_kind: dict[str, str]) -> list[Fact]:
    pairs, art_pairs, by_sent = _story_pairs(inp.sentence_links, arts)
    extra = _secondary_pairs(arts, by_sent, art_pairs)
    for x, y, _d in extra:
        by_sent[x.sid][y.aid].append(y)
        by_sent[y.sid][x.aid].append(x)
    obs: dict[str, list[Obs]] = defaultdict(list)
    faced = []
    ctx = _Ctx(arts)
    version_pairs = _version_pairs(arts, art_pairs)
    # (versions that wrote the story themselves: in a rewrite the same statement is aligned, and the
    # pair rules read it; a statement the rewrite dropped must not be matched to a neighbouring one)
    independent = _independent_pairs(version_pairs, inp.article_links)
    own_words = set(independent)
    # (the secondary pairs flagged as such: pairs the sentence links missed)
    for x, y, sim, secondary in [(x, y, sim, False) for x, y, sim in pairs] + [(x, y, d, True) for x, y, d in extra]:
        o, names = pair_observations(x, y, sim, ctx)
        if secondary or (min(x.aid, y.aid), max(x.aid, y.aid)) in own_words:
            o = [ob for ob in o if ob.kind in SECONDARY_KINDS]
        if secondary:
            for ob in o:
                ob.method += "/weak-alignment"
                ob.detail["alignment"] = "secondary"
        for ob in o:
            obs[ob.kind].append(ob)
        faced += names
    for ob in figure_obs(inp.figures, inp.figure_groups, arts):
        obs[ob.kind].append(ob)
    # sentence links keyed for the quote rules: "<quoting article>|<other article>|<quote start>" -> sentences
    qlinks: dict[str, list] = {}
    if inp.quotes is not None and len(inp.quotes):
        for qid, aid, s in inp.quotes.filter(pl.col("article_id").is_in(list(arts))).select(
                "quote_id", "article_id", "start").iter_rows():
            sx = arts[aid].sent_at(s)
            if sx is None:
                continue
            for oaid, ys in by_sent.get(sx.sid, {}).items():
                qlinks[f"{aid}|{oaid}|{s}"] = ys
    partners = None
    if len(arts) > EXHAUSTIVE:
        partners = defaultdict(set)
        for a, b in art_pairs:
            partners[a].add(b)
            partners[b].add(a)
    qobs = quote_obs(inp.quotes, inp.quote_groups, inp.unquoted, arts, qlinks, partners)
    for ob in qobs:
        if ob.method != "quote-overlap":
            obs[ob.kind].append(ob)
    for ob in restated_obs(inp.quotes, inp.quote_groups, arts, version_pairs):
        obs[ob.kind].append(ob)
    for ob in qobs:  # last: a fact another rule found too keeps that rule's name (a row is named by its first observation)
        if ob.method == "quote-overlap":
            obs[ob.kind].append(ob)
    for ob in reported_cue_obs(arts, _person_speakers(inp.quotes, arts), independent):
        obs[ob.kind].append(ob)
    for ob in name_obs(arts, faced):
        obs[ob.kind].append(ob)
    spelled = {tuple(sorted(ob.detail.get("spellings", "").split("/"))) for ob in obs["name_spelling"]}
    for ob in nickname_obs(arts, spelled):
        obs[ob.kind].append(ob)
    facts: list[Fact] = []
    for kind in KINDS:
        if kind == "omission":
            continue
        if kind == "name_spelling":
            facts += _name_facts(obs[kind])
            continue
        facts += collapse(obs[kind], orient_loaded=(kind == "framing"))
    reported = {(m.article, m.start, m.end) for f in facts if f.kind == "framing" for m in f.a}
    language = dict(inp.articles.select("article_id", "language").iter_rows()) if "language" in inp.articles.columns else {}
    facts += unshared_facts(arts, independent_versions(sorted(arts), inp.article_links, language), reported)
    facts += credit_facts(arts, para_kind)
    facts += omission_facts(arts, art_pairs)
    return _dedupe(facts)


def _person_speakers(quotes: pl.DataFrame | None, arts: dict[str, Article]) -> list[str]:
    """The story's quoted speakers that are persons, sorted."""
    if quotes is None or not len(quotes) or "speaker_kind" not in quotes.columns:
        return []
    q = quotes.filter(pl.col("article_id").is_in(list(arts)) & (pl.col("speaker_kind") == "person"))
    return sorted(q.get_column("speaker").drop_nulls().unique().to_list())


def _version_pairs(arts: dict[str, Article], art_pairs: set) -> list[tuple[str, str]]:
    """Every pair of versions in a story of up to EXHAUSTIVE versions, else the linked pairs."""
    ids = sorted(arts)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]] if len(ids) <= EXHAUSTIVE else sorted(art_pairs)


def _independent_pairs(pairs: list[tuple[str, str]], links: pl.DataFrame | None) -> list[tuple[str, str]]:
    """The pairs of versions that share less than DERIVED_SHARE of their text either way
    (``article_links``; a pair with no link shares none)."""
    top: dict[tuple[str, str], float] = {}
    if links is not None and len(links):
        for a, b, s1, s2 in links.select("article_id", "other_article_id", "reused_share", "reused_share_other").iter_rows():
            key = (a, b) if a < b else (b, a)
            top[key] = max(top.get(key, 0.0), s1 or 0.0, s2 or 0.0)
    return [p for p in pairs if top.get(p, 0.0) < DERIVED_SHARE]


def _name_facts(obs: list[Obs]) -> list[Fact]:
    """One row per pair of spellings: side a the spelling more versions print."""
    out = []
    for o in obs:
        by_reading: dict[str, list[Mark]] = defaultdict(list)
        for m in o.marks:
            by_reading[m.reading].append(m)
        if len(by_reading) != 2:
            continue
        r1, r2 = sorted(by_reading, key=lambda r: (-len({m.article for m in by_reading[r]}), r))
        out.append(Fact(o.kind, o.method, by_reading[r1], by_reading[r2], dict(o.detail)))
    return out


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """A figure_value seen both by the figure groups and by aligned numbers is one row (the group's)."""
    out = []
    spans_by_kind: dict[str, set] = defaultdict(set)
    for f in facts:
        if f.method == "figure-group" or f.method == "figure-claim":
            for m in f.a + f.b:
                spans_by_kind[f.kind].add((m.article, m.start, m.end))
    for f in facts:
        if f.method == "aligned-numbers":
            if any((m.article, s, e) in spans_by_kind[f.kind] or any(
                    m.article == a and m.start < e2 and s2 < m.end for (a, s2, e2) in spans_by_kind[f.kind])
                    for m in f.a + f.b for s, e in [(m.start, m.end)]):
                continue
        out.append(f)
    return out


def _detail(d: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in d.items())


def drifts(inputs: Inputs, story_of: dict[str, str] | None = None, engine=None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Drift rows and their spans for every story (module doc). The stories are independent:
    batches of them run on `engine` (newsprov.core.engine: a Dask cluster, or this process
    by default); rows are numbered afterwards in story order, so the output is the same bytes."""
    texts = inputs.texts
    if story_of is None:
        story_of = {a: "story" for a in texts}
    # (only the articles of stories with two versions or more are read: one article alone has no drift)
    groups = story_batches(story_of, texts)
    members = {story: ids for batch in groups for story, ids in batch}
    per_story = _split_inputs(inputs, story_of, sorted(members), members)
    batches = [[(story, per_story.pop(story)) for story, _ids in batch] for batch in groups]
    results = engine.map(_story_batch, batches) if engine is not None else [_story_batch(b) for b in batches]
    del batches
    # number the drifts in story order: each batch numbered its own from 1 (column _n)
    d_parts, s_parts, offset = [], [], 0
    for d, spans in results:
        d_parts.append(d.with_columns(_n=pl.col("_n") + offset))
        s_parts.append(spans.with_columns(_n=pl.col("_n") + offset))
        offset += d.height
    del results
    drift_id = pl.lit("d") + pl.col("_n").cast(pl.String).str.zfill(6)
    d = (pl.concat(d_parts) if d_parts else pl.DataFrame(schema=_LOCAL_DRIFTS)).select(drift_id.alias("drift_id"), pl.exclude("_n"))
    s = (pl.concat(s_parts) if s_parts else pl.DataFrame(schema=_LOCAL_SPANS)).with_columns(drift_id=drift_id)
    s = s.select((pl.col("drift_id") + pl.col("_suffix")).alias(c) if c == "span_id" else pl.col(c) for c in SPAN_SCHEMA)
    return d.cast(DRIFT_SCHEMA), s.cast(SPAN_SCHEMA)


def _story_batch(batch: list[tuple[str, Inputs]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The drift and span rows of a batch of stories, each story from its own rows only (a task:
    a pure function; the rows are built on the worker, numbered within the batch)."""
    out = []
    for story, inp in batch:
        para_kind: dict[str, str] = {}
        if inp.paragraphs is not None and len(inp.paragraphs):
            para_kind = dict(inp.paragraphs.select("paragraph_id", "kind").iter_rows())
        arts = build_articles(inp.texts, inp.sentences, inp.quotes, inp.paragraphs)
        arts = {a: arts[a] for a in sorted(inp.texts) if a in arts}
        if len(arts) >= 2:
            out.append((story, _facts_for_story(inp, arts, para_kind), inp.texts))
    return _batch_rows(out)


# a batch's rows, numbered from 1 within the batch (_n); drifts() renumbers them across batches
_LOCAL_DRIFTS = {"_n": pl.Int64} | {k: v for k, v in DRIFT_SCHEMA.items() if k != "drift_id"}
_LOCAL_SPANS = {"_n": pl.Int64, "_suffix": pl.String} | {k: v for k, v in SPAN_SCHEMA.items() if k not in ("span_id", "drift_id")}


def _batch_rows(found: list[tuple[str, list[Fact], dict[str, str]]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The drifts and spans rows of a batch's stories: facts of a story in (kind, first span,
    method) order, each side's spans by version then position."""
    d_rows, s_rows = [], []
    n = 0
    for story, facts, texts in found:
        keyed = []
        for f in facts:
            first = min(((m.article, m.start) for m in f.a + f.b if not m.empty), default=("", 0))
            keyed.append(((f.kind, first, f.method), f))
        keyed.sort(key=lambda kf: kf[0])
        for _k, f in keyed:
            n += 1
            d_rows.append({"_n": n, "story_id": story, "kind": f.kind, "method": f.method,
                           "detail": _detail(dict(f.detail)), "n_a": len({m.article for m in f.a}),
                           "n_b": len({m.article for m in f.b})})
            for side, marks in (("a", f.a), ("b", f.b)):
                s_rows += _span_rows(n, side, marks, texts)
    return (pl.DataFrame(d_rows, schema=_LOCAL_DRIFTS) if d_rows else pl.DataFrame(schema=_LOCAL_DRIFTS),
            pl.DataFrame(s_rows, schema=_LOCAL_SPANS) if s_rows else pl.DataFrame(schema=_LOCAL_SPANS))


_FRAMES = ("articles", "sentences", "sentence_links", "quotes", "quote_groups", "unquoted", "figures",
           "figure_groups", "paragraphs", "reuse", "article_links")


def _split_inputs(inp: Inputs, story_of: dict[str, str], stories: list[str], members: dict[str, list[str]]) -> dict[str, Inputs]:
    """Each story's rows of every input frame (by the story of the row's article_id) and its texts,
    split once, so the work per story does not grow with the number of stories."""
    parts: dict[str, dict] = {}
    for name in _FRAMES:
        df = getattr(inp, name)
        if df is None:
            continue
        keyed = df.with_columns(_story=pl.col("article_id").replace_strict(story_of, default=None, return_dtype=pl.String))
        split = keyed.filter(pl.col("_story").is_in(stories)).partition_by("_story", as_dict=True, include_key=False, maintain_order=True)
        parts[name] = ({key[0]: frame for key, frame in split.items()}, df.clear())
    out = {}
    for story in stories:
        frames = {name: got.get(story, empty) for name, (got, empty) in parts.items()}
        out[story] = Inputs(**frames, texts={a: inp.texts[a] for a in members[story]}, extra=inp.extra)
    return out


def _span_rows(n: int, side: str, marks: list[Mark], texts: dict[str, str]) -> list[dict]:
    """One row per distinct span of each version on the side; a version with only empty marks
    (it lacks the material) gets one row with a null span."""
    rows = []
    real = {m.article for m in marks if not m.empty}
    seen = set()
    for m in sorted(marks, key=lambda m: (m.article, m.empty, m.start, m.end)):
        key = (m.article, None) if m.empty else (m.article, m.start, m.end)
        if key in seen or (m.empty and m.article in real):
            continue
        seen.add(key)
        rows.append({"_n": n, "_suffix": f"{side}{len(rows) + 1}", "side": side, "article_id": m.article,
                     "start": None if m.empty else m.start, "end": None if m.empty else m.end,
                     "text": None if m.empty else texts[m.article][m.start:m.end]})
    return rows
