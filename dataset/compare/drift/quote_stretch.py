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
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz.distance import Indel

from newsprov.dataset.compare.drift.collapse import Mark, Obs
from newsprov.dataset.compare.drift.words import tokens
from newsprov.dataset.compare.quotes import PARTIAL_MIN, PARTIAL_MIN_WORDS

__all__ = ["stretch_obs", "best_stretch"]

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
    toks = {qid: [t for t in tokens(r["text"]) if t.key] for qid, r in qrec.items()}
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
