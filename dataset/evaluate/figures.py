"""Scoring extracted figures against a gold annotation.

Span match: exact, or overlap of at least half the longer span; matching is
one-to-one (greedy, exact matches first, then by largest overlap), within the
same article.  Records are mappings (or objects) with article, start, end,
value, value_kind, unit; ``article`` may be absent (single document).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["score_figures"]

VALUE_REL_TOL = 1e-6  # values are floats; "right" means equal up to rounding


def _get(rec: Any, key: str, default: Any = None) -> Any:
    if isinstance(rec, Mapping):
        return rec.get(key, default)
    return getattr(rec, key, default)


def _overlap_ok(g: Any, p: Any) -> int:
    """Overlap length if the pair is a span match, else -1."""
    gs, ge, ps, pe = _get(g, "start"), _get(g, "end"), _get(p, "start"), _get(p, "end")
    ov = min(ge, pe) - max(gs, ps)
    if gs == ps and ge == pe:
        return 10**9
    longer = max(ge - gs, pe - ps)
    return ov if ov > 0 and 2 * ov >= longer else -1


def _same_value(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) <= VALUE_REL_TOL * max(1.0, abs(float(a)))


def score_figures(gold: Iterable[Any], predicted: Iterable[Any]) -> dict:
    """Precision/recall/F1 of spans, and attribute accuracy over matched pairs."""
    gold, predicted = list(gold), list(predicted)
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if _get(g, "article") != _get(p, "article"):
                continue
            ov = _overlap_ok(g, p)
            if ov >= 0:
                pairs.append((ov, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    matches = []
    for _ov, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append((gold[gi], predicted[pi]))
    tp = len(matches)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def acc(pred) -> float:
        return sum(1 for g, p in matches if pred(g, p)) / tp if tp else 1.0

    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": tp,
        "exact_span": sum(1 for g, p in matches if _get(g, "start") == _get(p, "start") and _get(g, "end") == _get(p, "end")),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "value_acc": acc(lambda g, p: _same_value(_get(g, "value"), _get(p, "value"))),
        "kind_acc": acc(lambda g, p: _get(g, "value_kind") == _get(p, "value_kind")),
        "value_and_kind_acc": acc(lambda g, p: _same_value(_get(g, "value"), _get(p, "value"))
                                  and _get(g, "value_kind") == _get(p, "value_kind")),
        "unit_acc": acc(lambda g, p: _get(g, "unit") == _get(p, "unit")),
        "missed": [g for i, g in enumerate(gold) if i not in used_g],
        "spurious": [p for i, p in enumerate(predicted) if i not in used_p],
        "mismatched": [(g, p) for g, p in matches
                       if not (_same_value(_get(g, "value"), _get(p, "value"))
                               and _get(g, "value_kind") == _get(p, "value_kind")
                               and _get(g, "unit") == _get(p, "unit"))],
    }
