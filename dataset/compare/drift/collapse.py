"""Pairwise observations and their collapse into one row per drift.

A rule that compares two versions emits an ``Obs``: a kind, the rule's name
(``method``), and one ``Mark`` per version (article, span, *reading*). A mark
with ``start == end`` is an insertion point or an absence (the version lacks
the material there); it is written out with a null span.

``collapse(observations)`` joins observations of one kind whose marks overlap
in the same article (union-find over marks), so the pairs (A, B), (A, C),
(B, D) that see one difference become one fact. Within a fact each version
gets one reading (its spans' readings; a real span wins over an empty mark);
versions are grouped by reading; side ``a`` is the versions carrying a marked
word (``Mark.loaded``: framing's loaded word, a hedge) when some but not all do
(for ``framing`` a fact needs them), else the reading most versions print (ties:
the group holding the smallest article id); every other reading is side ``b``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

__all__ = ["Mark", "Obs", "Fact", "collapse", "UF"]


@dataclass(frozen=True, slots=True)
class Mark:
    article: str
    start: int
    end: int
    reading: str  # normalised reading of the span ("" = absent)
    loaded: bool = False  # this side carries the marked word (framing's loaded word, a hedge)

    @property
    def empty(self) -> bool:
        return self.start == self.end


@dataclass
class Obs:
    kind: str
    method: str
    marks: tuple[Mark, ...]
    detail: dict = field(default_factory=dict)


@dataclass
class Fact:
    """One collapsed drift: sides a and b, each a list of marks (empty marks = null spans)."""
    kind: str
    method: str
    a: list[Mark]
    b: list[Mark]
    detail: dict


class UF:
    def __init__(self):
        self.p: dict = {}

    def find(self, x):
        p = self.p.setdefault(x, x)
        while p != x:
            gp = self.p.setdefault(p, p)
            self.p[x] = gp
            x, p = p, gp
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            if b < a:
                a, b = b, a
            self.p[b] = a


def _overlap_groups(marks: list[tuple], uf: UF) -> None:
    """Union marks of one article that overlap; a point touching a span or a point joins it."""
    marks = sorted(marks, key=lambda im: (im[1].start, im[1].end))
    cur, cur_end, cur_point = None, -1, False
    for i, m in marks:
        if cur is not None and (m.start < cur_end or (m.start == cur_end and (m.empty or cur_point))):
            uf.union(cur, i)
            if m.end > cur_end:
                cur_end, cur_point = m.end, m.empty
        else:
            cur, cur_end, cur_point = i, m.end, m.empty


def collapse(obs: list[Obs], orient_loaded: bool = False) -> list[Fact]:
    """Join the observations of one kind into facts (module doc)."""
    if not obs:
        return []
    uf = UF()
    flat: list[tuple[int, Mark]] = []
    for k, o in enumerate(obs):
        for m in o.marks:
            idx = len(flat)
            flat.append((k, m))
            uf.union(("o", k), ("m", idx))
    by_article: dict[str, list[tuple[tuple, Mark]]] = defaultdict(list)
    for idx, (_k, m) in enumerate(flat):
        by_article[m.article].append((("m", idx), m))
    for _a, ms in by_article.items():
        _overlap_groups(ms, uf)
    comps: dict = defaultdict(list)
    for k in range(len(obs)):
        comps[uf.find(("o", k))].append(k)
    facts = []
    for ks in comps.values():
        marks: dict[tuple, Mark] = {}
        for k in ks:
            for m in obs[k].marks:
                marks[(m.article, m.start, m.end, m.reading, m.loaded)] = m
        per_article: dict[str, list[Mark]] = defaultdict(list)
        for m in marks.values():
            per_article[m.article].append(m)
        reading_of: dict[str, str] = {}
        kept: dict[str, list[Mark]] = {}
        for a, ms in per_article.items():
            real = [m for m in ms if not m.empty]
            use = real or ms[:1]
            if not real:
                use = [Mark(a, ms[0].start, ms[0].start, "", any(m.loaded for m in ms))]
            kept[a] = sorted(use, key=lambda m: (m.start, m.end))
            reading_of[a] = " | ".join(sorted({m.reading for m in use}))
        for a, ms in kept.items():  # a span inside another span of the version says it twice
            kept[a] = [m for k, m in enumerate(ms) if m.empty or not any(
                o is not m and not o.empty and o.start <= m.start and m.end <= o.end
                and (o.end - o.start > m.end - m.start or ms.index(o) < k) for o in ms)]
        groups: dict[str, list[str]] = defaultdict(list)
        for a in sorted(reading_of):
            groups[reading_of[a]].append(a)
        if len(groups) < 2:
            continue
        loaded = [a for a in kept if any(m.loaded for m in kept[a])]
        if orient_loaded and (not loaded or len(loaded) == len(kept)):
            continue
        if loaded and len(loaded) < len(kept):
            side_a = sorted(loaded)
        else:
            real = {r for r in groups if any(not m.empty for a in groups[r] for m in kept[a])}
            best = min(groups, key=lambda r: (r not in real, -len(groups[r]), min(groups[r])))
            side_a = groups[best]
        side_b = sorted(a for a in kept if a not in side_a)
        first = obs[min(ks)]
        detail = dict(first.detail)
        detail["readings"] = len(groups)
        facts.append(Fact(first.kind, first.method, [m for a in side_a for m in kept[a]],
                          [m for a in side_b for m in kept[a]], detail))
    return facts
