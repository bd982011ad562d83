"""Word alignment of two aligned sentences into edit blocks.

``align(x, y) -> list[Block]`` aligns the tokens of two sentences on their
stylistic keys (``text.fold_key``), longest common subsequence
(``rapidfuzz.distance.Indel.opcodes``), and returns the maximal runs of
non-matching tokens between matched ones as ``Block(i0, i1, j0, j1)``:
``x[i0:i1]`` in the first sentence stands where ``y[j0:j1]`` stands in the
second (either may be empty: an insertion point).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from newsprov.dataset.compare.drift.words import Tok
from newsprov.lang.words import edit_blocks

__all__ = ["Block", "align", "matched_pairs"]


@dataclass(frozen=True, slots=True)
class Block:
    i0: int
    i1: int
    j0: int
    j1: int


def _opcodes(x: list[Tok], y: list[Tok]):
    return Indel.opcodes([t.key for t in x], [t.key for t in y])


def align(x: list[Tok], y: list[Tok]) -> list[Block]:
    return [Block(*b) for b in edit_blocks(_opcodes(x, y))]


def matched_pairs(x: list[Tok], y: list[Tok]) -> dict[int, int]:
    """Index in x -> index in y of matched tokens."""
    out = {}
    for op in _opcodes(x, y):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                out[op.src_start + k] = op.dest_start + k
    return out
