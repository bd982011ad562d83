"""Span-level discrepancies between outlets' versions of one story.

``discrepancies(sentences, links, texts, quotes=None, quote_groups=None,
figures=None, figure_groups=None) -> polars.DataFrame``

Inputs are the frames of ``sentences.sentence_links``, ``quotes.quote_groups``
(its first element) and ``figures.figure_groups``, plus the tables they were
built from and ``texts`` (article id → source text). Kinds:

* ``name_spelling`` – in a rewritten aligned sentence pair, a replaced word
  and its replacement are capitalised, not sentence-function words, not
  weekday/month names, not one a prefix of the other (Israel/Israeli), not
  equal without dots (U.S./US), and near-identical by characters
  (``rapidfuzz`` Indel similarity ≥ ``NAME_SIM``): Hizbullah/Hezbollah.
* ``framing`` – a loaded word (``LOADED_WORDS``) present in one sentence of an
  aligned pair only, inside an edit (inserted or replacing neutral wording).
  The span is the loaded word; the other span is what the other sentence has
  instead (empty at the insertion point when nothing).
* ``reversal`` – an edit replacing a word by its opposite
  (``figures.CLAIM_ANTONYMS``: before/after, won/lost …) where neither word
  occurs in the other sentence; or a negation (not, no, never, n't …) added or
  removed in a pair with similarity ≥ ``NEGATION_MIN``; or a figure group
  ``claim`` conflict (spans on the two claim words).
* ``figure_value`` / ``figure_qualifier`` – two members of one figure group
  (different articles) whose values (or units of measure, or a percentage's
  base) / ``value_kind`` differ.
* ``quote_wording`` – a quote group member ``"altered"`` with respect to the
  reference wording (truncation and extension are ordinary partial quoting
  and are not reported).
* ``speaker`` – a quote group member attributed to a different speaker than
  the reference quote (canonical names compared exactly: the entities table
  has already joined spelling variants and surnames).
  Spans are the speaker mentions when known, else the quotes.
* ``omission`` – a quote group (or figure group) member's sentence is aligned
  to a sentence of an article that has no member of that group. The other span
  is the whole counterpart sentence.

Columns (sorted by ``article_id``, ``other_article_id``, ``start``,
``other_start``, ``kind``, ``end``, ``other_end``, ``detail``):

* ``discrepancy_id`` (str) – ``"d000001"``… in that order.
* ``kind`` (str) – one of the kinds above.
* ``article_id`` (str) – always ``< other_article_id``.
* ``start`` / ``end`` (int), ``text`` (str) – span in ``article_id``'s source;
  ``texts[article_id][start:end] == text`` (may be empty for an insertion
  point).
* ``other_article_id`` (str), ``other_start`` / ``other_end`` (int),
  ``other_text`` (str) – the counterpart span, same guarantee.
* ``detail`` (str) – short machine-readable note, ``key=value`` pairs joined by
  ``'; '`` (e.g. ``"similarity=0.78"``, ``"word=massacre; in=<article_id>"``).
"""

from __future__ import annotations

import json
from collections import defaultdict

import polars as pl
from rapidfuzz.distance import Indel

from newsprov.dataset.compare.figures import ANTONYM, base_conflict, claim_word, unit_conflict
from newsprov.lang.words import STOPWORDS, is_capitalised, word_key
from newsprov.dataset.compare.sentences import prepare

__all__ = ["NAME_SIM", "NEGATION_MIN", "LOADED_WORDS", "NEGATORS", "discrepancies"]

# Character similarity (Indel, casefolded) from which two different
# capitalised words are spellings of one name. Transliteration variants score
# 0.75–0.8 (Binyamin/Benjamin 0.75, Hizbullah/Hezbollah 0.78); distinct names
# of similar shape mostly under 0.7 (Hamas/Hassan 0.55, Israel/Iran 0.6).
NAME_SIM = 0.7
# Added/removed negation is only trusted in close paraphrases; on the seeds
# looser pairs restructure clauses ("did not take part" / "was not involved").
NEGATION_MIN = 0.6

# Loaded or evaluative words whose presence in one version only marks a framing
# choice (violence labels, delegitimising labels, doubt-casting speech verbs,
# intensifiers). Generic English news vocabulary.
LOADED_WORDS = frozenset(
    """massacre massacres massacred slaughter slaughtered slaughtering genocide genocidal
    atrocity atrocities butchery butchered carnage bloodbath pogrom ethnic-cleansing
    terrorist terrorists terror terrorism militant militants extremist extremists radical radicals
    jihadist jihadists insurgent insurgents thug thugs gang gangs mob regime regimes
    occupation occupied occupier occupiers invader invaders invasion aggression aggressor
    brutal brutally barbaric savage savagely ruthless heinous horrific horrendous cowardly
    claimed claiming alleged allegedly purported purportedly so-called admitted admits
    insisted insists boasted boasts conceded concedes
    martyr martyrs martyred martyrdom hero heroes heroic crushing devastating shocking
    notorious infamous hardline hardliner hardliners""".split()
)
NEGATORS = frozenset("not no never neither nor none nobody nothing without cannot".split())

_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)

_SCHEMA = {"discrepancy_id": pl.String, "kind": pl.String, "article_id": pl.String, "start": pl.Int64,
           "end": pl.Int64, "text": pl.String, "other_article_id": pl.String, "other_start": pl.Int64,
           "other_end": pl.Int64, "other_text": pl.String, "detail": pl.String}


def _negs(norms) -> int:
    return sum(1 for n in norms if n in NEGATORS or n.endswith("n't"))


def _name_like(tok) -> bool:
    return (is_capitalised(tok.text) and len(tok.text) >= 4 and tok.norm not in STOPWORDS
            and tok.norm not in _NOT_NAMES and not any(c.isdigit() for c in tok.text))


def _name_sim(a, b) -> float | None:
    x, y = word_key(a.norm), word_key(b.norm)
    if x == y or x.startswith(y) or y.startswith(x):
        return None
    s = Indel.normalized_similarity(x, y)
    return s if s >= NAME_SIM else None


def _next_article(recs: list[dict]) -> list[int]:
    """For members sorted by article, the index where the next article's members begin."""
    out, end = [0] * len(recs), len(recs)
    for i in range(len(recs) - 1, -1, -1):
        if i + 1 < len(recs) and recs[i + 1]["article_id"] != recs[i]["article_id"]:
            end = i + 1
        out[i] = end
    return out


def discrepancies(sentences: pl.DataFrame, links: pl.DataFrame, texts: dict[str, str],
                  quotes: pl.DataFrame | None = None, quote_groups: pl.DataFrame | None = None,
                  figures: pl.DataFrame | None = None, figure_groups: pl.DataFrame | None = None) -> pl.DataFrame:
    """All discrepancy kinds available from the given frames (module doc)."""
    aligned = links.filter(pl.col("other_sentence_id").is_not_null())
    rewritten = aligned.filter((pl.col("relation") == "rewritten") & pl.col("diff").is_not_null() & (pl.col("diff") != ""))
    needed = pl.concat([rewritten["sentence_id"], rewritten["other_sentence_id"]]).unique()
    # Only the sentences of rewritten pairs are read word by word.
    infos = {s.sid: s for s in prepare(sentences.filter(pl.col("sentence_id").is_in(needed.implode())))}
    out: dict[tuple, str] = {}

    def add(kind, aid, s, e, oaid, os_, oe, detail):
        if aid == oaid:
            return
        if aid > oaid:
            aid, s, e, oaid, os_, oe = oaid, os_, oe, aid, s, e
        key = (aid, oaid, s, os_, kind, e, oe)
        if kind == "speaker":
            # One mention can attribute quotes of several groups: a row per group, each
            # naming its group (validation requires it).
            key += (detail,)
        if key not in out or detail < out[key]:
            out[key] = detail

    # --- sentence diffs: name spelling, framing, reversal ------------------
    for sid, osid, sim, rel, diff in aligned.select(
            "sentence_id", "other_sentence_id", "similarity", "relation", "diff").iter_rows():
        if rel != "rewritten" or not diff or sid not in infos or osid not in infos:
            continue
        x, y = infos[sid], infos[osid]
        xn, yn = set(x.norms), set(y.norms)
        xneg, yneg = _negs(x.norms), _negs(y.norms)
        xtokens, ytokens = x.tokens, y.tokens
        for tag, _at, _bt, a0, a1, b0, b1 in json.loads(diff):
            xt = [t for t in xtokens if a0 <= t.start and t.end <= a1]
            yt = [t for t in ytokens if b0 <= t.start and t.end <= b1]
            # name spelling: best near-identical capitalised partner
            for t in xt:
                if not _name_like(t) or t.norm in yn:
                    continue
                best = max(((_name_sim(t, u), u) for u in yt if _name_like(u) and u.norm not in xn),
                           key=lambda p: (p[0] or 0, -p[1].start), default=(None, None))
                if best[0] is not None:
                    add("name_spelling", x.aid, t.start, t.end, y.aid, best[1].start, best[1].end,
                        f"similarity={best[0]:.2f}")
            # reversal: antonym swapped
            for t in xt:
                if t.norm not in ANTONYM or t.norm in yn:
                    continue
                for u in yt:
                    if u.norm in ANTONYM[t.norm] and u.norm not in xn:
                        add("reversal", x.aid, t.start, t.end, y.aid, u.start, u.end, f"antonyms={t.norm}/{u.norm}")
            # reversal: negation added / removed
            if sim >= NEGATION_MIN and xneg != yneg:
                for side, toks, other_span in (("this", xt, (b0, b1)), ("other", yt, (a0, a1))):
                    for t in toks:
                        if t.norm in NEGATORS or t.norm.endswith("n't"):
                            if side == "this" and xneg > yneg:
                                add("reversal", x.aid, t.start, t.end, y.aid, *other_span, f"negation={t.norm}")
                            elif side == "other" and yneg > xneg:
                                add("reversal", x.aid, *other_span, y.aid, t.start, t.end, f"negation={t.norm}")
            # framing: loaded word on one side only
            for t in xt:
                if t.norm in LOADED_WORDS and t.norm not in yn:
                    add("framing", x.aid, t.start, t.end, y.aid, b0, b1, f"word={t.norm}; in={x.aid}")
            for u in yt:
                if u.norm in LOADED_WORDS and u.norm not in xn:
                    add("framing", x.aid, a0, a1, y.aid, u.start, u.end, f"word={u.norm}; in={y.aid}")

    # symmetric alignment map for omissions
    align: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for aid, sid, oaid, osid in aligned.select("article_id", "sentence_id", "other_article_id",
                                               "other_sentence_id").iter_rows():
        align[sid].add((oaid, osid))
        align[osid].add((aid, sid))
    sent_span = {s: (a, b) for s, a, b in sentences.select("sentence_id", "start", "end").iter_rows()}

    def omissions(members: list[dict], label: str):
        arts = {m["article_id"] for m in members}
        seen = set()
        for m in members:
            for oaid, osid in sorted(align.get(m.get("sentence_id"), ())):
                if oaid in arts or (oaid, osid) in seen or osid not in sent_span:
                    continue
                seen.add((oaid, osid))
                os_, oe = sent_span[osid]
                add("omission", m["article_id"], m["start"], m["end"], oaid, os_, oe, label)

    # --- quotes -----------------------------------------------------------
    if quotes is not None and quote_groups is not None and quote_groups.height:
        qinfo = {r["quote_id"]: r for r in quotes.to_dicts()}
        for (gid,), g in quote_groups.group_by(["group_id"], maintain_order=True):
            recs = g.sort("article_id", "start").to_dicts()
            ref = qinfo.get(recs[0]["reference_quote_id"])
            if ref is None:
                continue
            for r in recs:
                q = qinfo.get(r["quote_id"])
                if q is None or q["quote_id"] == ref["quote_id"]:
                    continue
                if r["relation"] == "altered":
                    add("quote_wording", q["article_id"], q["start"], q["end"], ref["article_id"], ref["start"],
                        ref["end"], f"group={gid}; similarity={r['similarity']:.2f}")
                # Speakers are canonical (entities join spellings and surnames), so any
                # difference is a disagreement between outlets, and validation requires its row.
                if q.get("speaker") and ref.get("speaker") and q["speaker"] != ref["speaker"]:
                    qs = (q["speaker_start"], q["speaker_end"]) if q.get("speaker_start") is not None else (q["start"], q["end"])
                    rs = (ref["speaker_start"], ref["speaker_end"]) if ref.get("speaker_start") is not None else (ref["start"], ref["end"])
                    add("speaker", q["article_id"], *qs, ref["article_id"], *rs,
                        f"group={gid}; speakers={q['speaker']}/{ref['speaker']}")
            omissions([qinfo[r["quote_id"]] for r in recs if r["quote_id"] in qinfo], f"quote_group={gid}")

    # --- figures ----------------------------------------------------------
    claims: dict[str, tuple | None] = {}

    def claim_of(f: dict) -> tuple | None:
        if f["figure_id"] not in claims:
            text = texts[f["article_id"]]
            claims[f["figure_id"]] = claim_word(text, f["start"], f["end"], *sent_span.get(f.get("sentence_id"), (0, len(text))))
        return claims[f["figure_id"]]

    if figures is not None and figure_groups is not None and figure_groups.height:
        finfo = {r["figure_id"]: r for r in figures.to_dicts()}
        for (gid,), g in figure_groups.group_by(["group_id"], maintain_order=True):
            recs = [finfo[f] for f in g.sort("article_id", "start")["figure_id"] if f in finfo]
            next_article = _next_article(recs)
            for i, f in enumerate(recs):
                for k in range(next_article[i], len(recs)):  # members of later articles only
                    h = recs[k]
                    vals = lambda r: (r["value"], r.get("value_low"), r.get("value_high"))
                    if vals(f) != vals(h):
                        add("figure_value", f["article_id"], f["start"], f["end"], h["article_id"], h["start"],
                            h["end"], f"group={gid}; values={f['value']:g}/{h['value']:g}")
                    elif unit_conflict(f, h):
                        add("figure_value", f["article_id"], f["start"], f["end"], h["article_id"], h["start"],
                            h["end"], f"group={gid}; units={f['unit']}/{h['unit']}")
                    elif base_conflict(f, h):
                        add("figure_value", f["article_id"], f["start"], f["end"], h["article_id"], h["start"],
                            h["end"], f"group={gid}; bases={f['subject']}/{h['subject']}")
                    if f["value_kind"] != h["value_kind"]:
                        add("figure_qualifier", f["article_id"], f["start"], f["end"], h["article_id"], h["start"],
                            h["end"], f"group={gid}; qualifiers={f['value_kind']}/{h['value_kind']}")
                    if f["article_id"] not in texts or h["article_id"] not in texts:
                        continue
                    cf, ch = claim_of(f), claim_of(h)
                    if cf and ch and ch[0] in ANTONYM.get(cf[0], ()):
                        add("reversal", f["article_id"], cf[1], cf[2], h["article_id"], ch[1], ch[2],
                            f"antonyms={cf[0]}/{ch[0]}")
            omissions(recs, f"figure_group={gid}")

    rows = []
    for (aid, oaid, s, os_, kind, e, oe, *_), detail in out.items():
        rows.append({"kind": kind, "article_id": aid, "start": s, "end": e, "text": texts[aid][s:e],
                     "other_article_id": oaid, "other_start": os_, "other_end": oe,
                     "other_text": texts[oaid][os_:oe], "detail": detail})
    rows.sort(key=lambda r: (r["article_id"], r["other_article_id"], r["start"], r["other_start"], r["kind"],
                             r["end"], r["other_end"], r["detail"]))
    for n, r in enumerate(rows, 1):
        r["discrepancy_id"] = f"d{n:06d}"
    df = pl.DataFrame(rows, schema=_SCHEMA) if rows else pl.DataFrame(schema=_SCHEMA)
    return df.select(list(_SCHEMA))
