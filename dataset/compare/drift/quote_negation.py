"""negation (``quote-negator``): one quotation, as two versions print it, with a negator in one
reading that the other lacks ("If they don't pass this bill ... it will increase the risk" /
"To pass this bill ... would increase the risk").

The sentence rule (``pair_rules``, ``negator``) reads sentences that sentence alignment paired;
versions written independently quote the same words inside sentences of their own, which it
rarely pairs, while the quote groups do. Each member of a group whose words differ from the
reference (``relation`` altered) is word-aligned with the reference; a negator counts when it
stands in an edit block whose other side is a few words, not nothing, and holds no negator, and
the two readings hold different numbers of negators. A block of one side only at either end is
a cut quotation, not a negation, and is not read. The row spans the negator and the other
reading's words facing it (side a is the majority reading, as for every kind but framing and
omission); the group's quote_wording row stays.
"""

from __future__ import annotations

from newsprov.dataset.compare.drift.article_view import Article
from newsprov.dataset.compare.drift.collapse import Mark, Obs
from newsprov.dataset.compare.drift.word_align import align
from newsprov.dataset.compare.drift.word_classes import NEGATORS
from newsprov.dataset.compare.drift.words import Tok, tokens

__all__ = ["quote_negation_obs"]

MAX_BLOCK = 4  # words on either side of an edit block holding the negator (as the sentence rule)


def _negation(x: list[Tok], y: list[Tok]) -> tuple[bool, slice, slice] | None:
    """(x is the negated side, the negator's index, the other side's words facing it), or None."""
    if sum(t.key in NEGATORS for t in x) == sum(t.key in NEGATORS for t in y):
        return None
    for b in align(x, y):
        if not (0 < b.i1 - b.i0 <= MAX_BLOCK and 0 < b.j1 - b.j0 <= MAX_BLOCK):
            continue
        nx = [i for i in range(b.i0, b.i1) if x[i].key in NEGATORS]
        ny = [j for j in range(b.j0, b.j1) if y[j].key in NEGATORS]
        if bool(nx) != bool(ny):
            return (True, slice(nx[0], nx[0] + 1), slice(b.j0, b.j1)) if nx else \
                (False, slice(ny[0], ny[0] + 1), slice(b.i0, b.i1))
    return None


_AS_REFERENCE = ("reference", "identical", "typographic")  # members printing the reference's words


def quote_negation_obs(qrec: dict[str, dict], by_group: dict[str, list[dict]], arts: dict[str, Article]) -> list[Obs]:
    """The negation rows of the story's quote groups (module doc)."""
    out = []
    for gid, mem in sorted(by_group.items()):
        ref = qrec.get(mem[0]["reference_quote_id"])
        if ref is None or ref["article_id"] not in arts:
            continue

        def toks(q: dict) -> list[Tok]:
            return tokens(arts[q["article_id"]].text, q["start"], q["end"])

        rt = toks(ref)
        # the members printing the reference's words, token for token
        same = [(qrec[m["quote_id"]]["article_id"], t) for m in mem if m["relation"] in _AS_REFERENCE
                for t in [toks(qrec[m["quote_id"]])] if [u.key for u in t] == [u.key for u in rt]]
        for m in mem:
            qq = qrec.get(m["quote_id"])
            if m["relation"] != "altered" or qq is None:
                continue
            qt = toks(qq)
            found = _negation(qt, rt)
            if found is None:
                continue
            q_negated, at, facing = found
            q_span, r_span = (at, facing) if q_negated else (facing, at)
            q_reading, r_reading = ("negated", "affirmed") if q_negated else ("affirmed", "negated")
            marks = [Mark(qq["article_id"], qt[q_span][0].start, qt[q_span][-1].end, q_reading)]
            marks += [Mark(aid, t[r_span][0].start, t[r_span][-1].end, r_reading) for aid, t in same]
            out.append(Obs("negation", "quote-negator", tuple(marks), {"group": gid}))
    return out
