"""quote_wording / ``restated``: one statement of one speaker quoted in different words.

Outlets that were in the room, or worked from different recordings, transcribe one statement
differently: "I don't favor civil unions if it's identical to marriage, and I don't favor
marriage between people of the same gender" / "I do not favor marriage between people of the
same gender, and I do not favor civil unions if they are identical to marriage other than by
name". The quote groups (``compare.quotes``) join wordings that are close word for word; these
are not, and fall in no common group.

Two quotations of different versions are one statement quoted differently when the quotes table
gives both the same speaker (a person, by last name), neither is in a quote group with a member
in the other version (that pair the group rule compared; a quotation matched twice would join
two groups' rows into one), each has at least ``MIN_WORDS`` words, and each is the other's best
match among that speaker's other quotations in the other version by Dice of content words (``statements.mutual_best``, at least
``MIN_DICE`` with at least ``MIN_SHARED`` shared content words; higher bars than for reported
clauses, since a quotation is longer than the clause that reports it). The row spans each
quotation; versions whose wordings are the same (after folding typography) read alike, so side
a is the wording most versions print.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, NamedTuple

import polars as pl

from newsprov.dataset.compare.drift.collapse import Mark, Obs
from newsprov.dataset.compare.drift.statements import content_of, mutual_best
from newsprov.dataset.compare.drift.words import fold_key, text_tokens

__all__ = ["restated_obs", "MIN_WORDS", "MIN_SHARED", "MIN_DICE"]

MIN_WORDS = 5
MIN_SHARED = 4
MIN_DICE = 0.4


class Quoted(NamedTuple):
    quote_id: str
    article: str
    start: int
    end: int
    reading: str  # the wording, typography folded
    content: frozenset[str]


def restated_obs(quotes: pl.DataFrame | None, groups: pl.DataFrame | None, articles: Iterable[str],
                 pairs: Iterable[tuple[str, str]]) -> list[Obs]:
    """quote_wording observations for the pairs of versions ``pairs`` (module doc)."""
    if quotes is None or not len(quotes) or "speaker_kind" not in quotes.columns:
        return []
    q = quotes.filter(pl.col("article_id").is_in(list(articles)) & (pl.col("speaker_kind") == "person")
                      & pl.col("speaker").is_not_null())
    group_of: dict[str, str] = {}
    in_group: dict[str, set[str]] = defaultdict(set)  # group -> its versions
    if groups is not None and len(groups):
        for qid, gid, aid in groups.select("quote_id", "group_id", "article_id").iter_rows():
            group_of[qid] = gid
            in_group[gid].add(aid)
    by: dict[tuple[str, str], list[Quoted]] = defaultdict(list)  # (article, speaker) -> quotations
    for qid, aid, start, end, text, speaker in q.select("quote_id", "article_id", "start", "end", "text",
                                                          "speaker").sort("article_id", "start").iter_rows():
        toks = text_tokens(text)
        if len(toks) < MIN_WORDS:
            continue
        by[aid, fold_key(speaker.split()[-1])].append(
            Quoted(qid, aid, start, end, " ".join(t.key for t in toks), content_of(toks)))
    speakers_of: dict[str, set[str]] = defaultdict(set)
    for aid, who in by:
        speakers_of[aid].add(who)
    out = []
    for a, b in pairs:
        for who in sorted(speakers_of[a] & speakers_of[b]):
            # (a quotation whose group already has a member in the other version was compared there)
            xs = [x for x in by[a, who] if b not in in_group.get(group_of.get(x.quote_id), ())]
            ys = [y for y in by[b, who] if a not in in_group.get(group_of.get(y.quote_id), ())]
            for x, y in mutual_best(xs, ys, MIN_SHARED, MIN_DICE):
                if x.reading == y.reading:
                    continue
                out.append(Obs("quote_wording", "restated", (Mark(a, x.start, x.end, x.reading),
                                                             Mark(b, y.start, y.end, y.reading)), {"speaker": who}))
    return out
