"""quote_wording / ``quote-stretch``: one quotation reworded inside a longer quotation of another version.

Outlets cut one speech into quotations at different places: one prints two sentences as two
quotations ("We have learned something important since the days that I served in Vietnam," he
said. "And you exemplify it. ..."), another joins them into one ("We have learned something very
important since the days that I served in Vietnam... whatever we think about the war ...").
Quote groups put each quotation in one group, so the longer one joins the group of the passage
it matches best, and a word changed in the other passage is compared with nothing.

The rule: a quote group's reference wording R (at least ``quotes.PARTIAL_MIN_WORDS`` words and
two content words, not in title case) and a quotation Q of a version with no member in the
group, Q longer than R, with a stretch of Q's words matching R at Indel similarity at least
``quotes.PARTIAL_MIN`` but not equal to R (equal words are the same quotation, cut longer; not
a drift). The row's marks are the group's members (reading: R's words) and the stretch of Q
(its words). Candidates are Q holding R's rarest content word, so the cost follows the
quotations that share words, not groups times quotations.

``overlap_obs`` (``quote-overlap``, below) is its sibling for two quotations that each hold
words the other lacks: one passage cut at different places by two versions.
"""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

from newsprov.dataset.compare.drift.collapse import Mark, Obs
from newsprov.dataset.compare.drift.words import text_tokens
from newsprov.dataset.compare.quotes import PARTIAL_MIN, PARTIAL_MIN_WORDS

__all__ = ["stretch_obs", "best_stretch", "overlap_obs", "overlap"]

# A stretch may be this many words shorter or longer than the wording it matches (a word
# added or cut by the outlet: "something very important").
_SLACK = 2


def best_stretch(short: tuple, long: tuple) -> tuple[float, int, int]:
    """(similarity, i, j): the stretch long[i:j] most similar to ``short`` (Indel), its length
    within ``_SLACK`` words of short's; ties: the length nearest short's, then the earliest."""
    n = len(short)
    best = (0.0, 0, 0)
    key_best = None
    for length in range(max(1, n - _SLACK), min(len(long), n + _SLACK) + 1):
        for i in range(len(long) - length + 1):
            s = Indel.normalized_similarity(short, long[i:i + length])
            key = (s, -abs(length - n), -i)
            if key_best is None or key > key_best:
                key_best, best = key, (s, i, i + length)
    return best


def stretch_obs(qrec: dict[str, dict], by_group: dict[str, list[dict]], title_case) -> list[Obs]:
    """quote_wording observations of quotations reworded inside longer ones (module doc)."""
    toks = {qid: [t for t in text_tokens(r["text"]) if t.key] for qid, r in qrec.items()}
    keys = {qid: tuple(t.key for t in ts) for qid, ts in toks.items()}
    df: dict[str, int] = defaultdict(int)
    holding: dict[str, list[str]] = defaultdict(list)
    for qid in sorted(qrec):
        for k in {t.key for t in toks[qid] if t.content}:
            df[k] += 1
            holding[k].append(qid)
    out: list[Obs] = []
    for gid in sorted(by_group):
        mem = by_group[gid]
        ref_id = mem[0]["reference_quote_id"]
        if ref_id not in qrec:
            continue
        ref = keys[ref_id]
        content = sorted({t.key for t in toks[ref_id] if t.content}, key=lambda k: (df[k], k))
        if len(ref) < PARTIAL_MIN_WORDS or len(content) < 2 or title_case(qrec[ref_id]["text"]):
            continue
        in_group = {m["article_id"] for m in mem}
        for qid in sorted(set(holding[content[0]]) | set(holding[content[1]])):
            q = qrec[qid]
            if q["article_id"] in in_group or len(keys[qid]) <= len(ref):
                continue
            long = keys[qid]
            common = (len(ref) + len(long) - Indel.distance(ref, long)) / 2
            if common / len(ref) < PARTIAL_MIN:
                continue
            sim, i, j = best_stretch(ref, long)
            if sim < PARTIAL_MIN or long[i:j] == ref:
                continue
            ts = toks[qid]
            marks = [Mark(m["article_id"], qrec[m["quote_id"]]["start"], qrec[m["quote_id"]]["end"], " ".join(ref))
                     for m in mem if m["quote_id"] in qrec and keys[m["quote_id"]] == ref]
            marks.append(Mark(q["article_id"], q["start"] + ts[i].start, q["start"] + ts[j - 1].end, " ".join(long[i:j])))
            out.append(Obs("quote_wording", "quote-stretch", tuple(marks), {"group": gid}))
    return out


# quote_wording / ``quote-overlap``: two versions cut one speech at different places so that
# neither quotation holds the other ("In the House of Representatives, what have you guys been
# doing, John?" / "What have you guys been debating, John? You've been debating a commemorative
# coin for baseball?"). Their shared stretch, read word for word, is one passage transcribed two
# ways. The stretch: equal runs joined across gaps of at most _GAP words on each side, at least
# OVERLAP_MIN_WORDS words and two content words long on each side, at Indel similarity at least
# quotes.PARTIAL_MIN, and not equal. Only quotations of one named speaker (a person), of two
# versions, not in one quote group (a group compares its members already).
_GAP = 2
OVERLAP_MIN_WORDS = 6
# A word trigram printed by more of a speaker's statements than this is a refrain or a stock
# phrase; it proposes no pairs (as passim caps its n-gram series).
OVERLAP_MAX_HOLDING = 50


def overlap(a: tuple, b: tuple) -> tuple[int, int, int, int] | None:
    """(i0, i1, j0, j1): the longest stretch a[i0:i1] / b[j0:j1] of the rule above, or None."""
    blocks = [m for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
    best = None
    for x in range(len(blocks)):
        i0, j0 = blocks[x].a, blocks[x].b
        i1, j1 = i0 + blocks[x].size, j0 + blocks[x].size
        for y in range(x + 1, len(blocks) + 1):
            if y > x + 1:
                i1, j1 = blocks[y - 1].a + blocks[y - 1].size, blocks[y - 1].b + blocks[y - 1].size
            if min(i1 - i0, j1 - j0) >= OVERLAP_MIN_WORDS and a[i0:i1] != b[j0:j1] \
                    and Indel.normalized_similarity(a[i0:i1], b[j0:j1]) >= PARTIAL_MIN:
                if best is None or (i1 - i0) + (j1 - j0) > (best[1] - best[0]) + (best[3] - best[2]):
                    best = (i0, i1, j0, j1)
            if y == len(blocks):
                break
            gi, gj = blocks[y].a - i1, blocks[y].b - j1
            if gi < 0 or gj < 0 or gi > _GAP or gj > _GAP:
                break
    return best


def overlap_obs(qrec: dict[str, dict], by_group: dict[str, list[dict]], member_of: dict[str, str]) -> list[Obs]:
    """quote_wording observations of one passage cut differently by two versions (above).

    A quote group takes part by its reference wording (marks: the members printing it), an
    ungrouped quotation by itself, so the cost follows the distinct statements of a speaker,
    not the versions that reprint them."""
    toks = {qid: [t for t in text_tokens(r["text"]) if t.key] for qid, r in qrec.items()}
    keys = {qid: tuple(t.key for t in ts) for qid, ts in toks.items()}
    units: dict[str, tuple[str, list[str]]] = {}  # unit -> (representative quote, quotes printing its words)
    for gid in sorted(by_group):
        ref = by_group[gid][0]["reference_quote_id"]
        if ref in qrec:
            units[gid] = (ref, [m["quote_id"] for m in by_group[gid] if m["quote_id"] in qrec and keys[m["quote_id"]] == keys[ref]])
    for qid in sorted(qrec):
        if qid not in member_of:
            units[qid] = (qid, [qid])
    by_speaker: dict[str, list[str]] = defaultdict(list)
    for u in sorted(units):
        r = qrec[units[u][0]]
        if r.get("speaker") and r.get("speaker_kind") == "person" and len(keys[units[u][0]]) >= OVERLAP_MIN_WORDS:
            by_speaker[r["speaker"]].append(u)
    out: list[Obs] = []
    for speaker in sorted(by_speaker):
        us = by_speaker[speaker]
        # a stretch at Indel 0.8 with gaps of at most 2 words holds 3 words in a row that both
        # quotations print (two equal words between changed ones give at most 0.67), so candidates
        # are the units sharing a word trigram; a trigram most of the units print says nothing
        holding: dict[tuple, list[int]] = defaultdict(list)
        for n, u in enumerate(us):
            k = keys[units[u][0]]
            for g in {k[i:i + 3] for i in range(len(k) - 2)}:
                holding[g].append(n)
        pairs = sorted({(x, y) for ns in holding.values() if len(ns) <= OVERLAP_MAX_HOLDING
                        for i, x in enumerate(ns) for y in ns[i + 1:]})
        for x, y in pairs:
            (p, pm), (q, qm) = units[us[x]], units[us[y]]
            if {qrec[m]["article_id"] for m in pm} == {qrec[m]["article_id"] for m in qm}:
                continue  # the same versions print both: two statements, not one cut two ways
            found = overlap(keys[p], keys[q])
            if found is None:
                continue
            i0, i1, j0, j1 = found
            tp, tq = toks[p], toks[q]
            if sum(t.content for t in tp[i0:i1]) < 2 or sum(t.content for t in tq[j0:j1]) < 2:
                continue
            marks = [Mark(qrec[m]["article_id"], qrec[m]["start"] + toks[m][i0].start, qrec[m]["start"] + toks[m][i1 - 1].end,
                          " ".join(keys[p][i0:i1])) for m in pm]
            marks += [Mark(qrec[m]["article_id"], qrec[m]["start"] + toks[m][j0].start, qrec[m]["start"] + toks[m][j1 - 1].end,
                           " ".join(keys[q][j0:j1])) for m in qm]
            out.append(Obs("quote_wording", "quote-overlap", tuple(marks), {"speaker": speaker}))
    return out
