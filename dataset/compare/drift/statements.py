"""One statement in two versions written independently: sentences matched by what they say.

Outlets that write a story themselves tell the same fact in sentences they word differently,
which sentence alignment rarely pairs. A rule that compares such facts (``reported_cue``)
describes each candidate sentence by its *content* (a set of content-word stems,
``loose`` so that lose/losing meet) and pair the candidates of two versions that are each
other's best match by Dice of content, at least ``MIN_DICE`` with at least ``MIN_SHARED``
shared stems: one story tells many facts about one subject, and two topic words ("bishops",
"letters") are what every sentence about it shares.
"""

from __future__ import annotations

from typing import Iterable, Protocol, Sequence, TypeVar

from newsprov.dataset.compare.drift.words import Tok, loose

__all__ = ["MIN_SHARED", "MIN_DICE", "content_of", "dice", "mutual_best"]

MIN_SHARED = 3
MIN_DICE = 0.25


class _HasContent(Protocol):
    content: frozenset[str]


C = TypeVar("C", bound=_HasContent)


def content_of(toks: Iterable[Tok], leave_out: frozenset[str] | set[str] = frozenset()) -> frozenset[str]:
    """The loose content stems of ``toks``, but for tokens whose key is in ``leave_out``."""
    return frozenset(loose(t.stem) for t in toks if t.content and t.key not in leave_out)


def dice(x: frozenset[str], y: frozenset[str]) -> tuple[float, int]:
    """(Dice coefficient, shared count) of two contents."""
    shared = len(x & y)
    total = len(x) + len(y)
    return (2 * shared / total if total else 0.0), shared


def mutual_best(xs: Sequence[C], ys: Sequence[C], min_shared: int = MIN_SHARED,
                min_dice: float = MIN_DICE) -> list[tuple[C, C]]:
    """Pairs (x, y) that are each other's best match by Dice of ``content`` (ties: the earlier),
    over the thresholds; in xs order."""
    best_x: dict[int, tuple[float, int]] = {}
    best_y: dict[int, tuple[float, int]] = {}
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            d, shared = dice(x.content, y.content)
            if shared < min_shared or d < min_dice:
                continue
            if i not in best_x or d > best_x[i][0]:
                best_x[i] = (d, j)
            if j not in best_y or d > best_y[j][0]:
                best_y[j] = (d, i)
    return [(xs[i], ys[j]) for i, (_d, j) in sorted(best_x.items()) if best_y[j][1] == i]
