"""Brat standoff (PolNeAR) reading and evaluation of :func:`extract_quotes`.

Gold quotes are the quotation-marked parts of attribution ``Content`` spans,
taken as the inner span between the marks (the convention of
``extract_quotes``), each paired with the ``Source`` span of the same
attribution event. Gold is derived independently of the extractor's own
mark-pairing so the evaluation does not grade the extractor against itself.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newsprov.dataset.extract.quotes import extract_quotes, standard_marks

__all__ = ["Span", "Event", "Annotation", "read_ann", "gold_quotes", "evaluate_quotes", "load_pairs"]

Span = tuple[int, int]


@dataclass
class Annotation:
    """The text-bound annotations (T lines) and events (E lines) of one file."""

    spans: dict[str, tuple[str, list[Span], str]] = field(default_factory=dict)  # id -> (type, fragments, text)
    events: list[dict[str, str]] = field(default_factory=list)  # role -> T id


Event = dict


def read_ann(path: Path) -> Annotation:
    """Parse a brat .ann file; discontinuous spans become several fragments."""
    ann = Annotation()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        tid = parts[0]
        if tid.startswith("T") and len(parts) >= 2:
            head = parts[1]
            typ, _, offs = head.partition(" ")
            frags = []
            for frag in offs.split(";"):
                a, b = frag.split()
                frags.append((int(a), int(b)))
            ann.spans[tid] = (typ, frags, parts[2] if len(parts) > 2 else "")
        elif tid.startswith("E") and len(parts) >= 2:
            roles = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                role = role.rstrip("0123456789")  # Content2 -> Content
                roles.setdefault(role, ref)
            ann.events.append(roles)
    return ann


_OPEN = "“\"„«‘"
_QUOTE_IN_FRAG = re.compile(r"[“\"„«]([^“”\"„«»\n]*)[”\"»]?|‘([^‘’\n]+)’(?!\w)")


def _marked_parts(text: str, a: int, b: int) -> list[Span]:
    """Inner spans of quotation-marked text inside one Content fragment.

    A fragment that opens a quote and ends before its close (a quote running
    to the paragraph end) yields the span to the fragment end.
    """
    out = []
    for m in _QUOTE_IN_FRAG.finditer(text, a, b):
        g = 1 if m.group(1) is not None else 2
        s, e = m.span(g)
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 1 and text[s:e].strip():
            out.append((s, e))
    return out


def gold_quotes(text: str, ann: Annotation) -> list[tuple[Span, list[Span] | None]]:
    """[(quote_span, source_fragments or None)] for one document."""
    out: dict[Span, list[Span] | None] = {}
    text = standard_marks(text)  # (''...'' and ``...'' are quotation marks too; same offsets)
    for ev in ann.events:
        content = ev.get("Content")
        if content not in ann.spans:
            continue
        src = ev.get("Source")
        src_frags = ann.spans[src][1] if src in ann.spans else None
        for a, b in ann.spans[content][1]:
            for q in _marked_parts(text, a, b):
                if q not in out or out[q] is None:
                    out[q] = src_frags
    return sorted(out.items())


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(pred: list[Span], gold: list[Span]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, largest overlap first; overlap must be at
    least half of the longer span."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            ov = _overlap(p, g)
            if ov and ov * 2 >= max(p[1] - p[0], g[1] - g[0]):
                cands.append((ov, i, j))
    cands.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def load_pairs(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(text, ann) pairs; with several annotators of one text, the first .ann
    in name order is used."""
    gold_dir = Path(gold_dir)
    text_dir, ann_dir = gold_dir / "text", gold_dir / "attributions"
    anns = sorted(ann_dir.glob("*.ann"))
    pairs = []
    for txt in sorted(text_dir.glob("*.txt")):
        cands = [a for a in anns if a.name.startswith(txt.stem + "_") or a.stem == txt.stem]
        if cands:
            pairs.append((txt, cands[0]))
    return pairs


def _publishers(metadata: Path | None) -> dict[str, str]:
    if metadata is None:
        return {}
    with open(metadata, newline="", encoding="utf-8") as fh:
        return {row["filename"]: row["publisher"] for row in csv.DictReader(fh, delimiter="\t")}


def _scores(c: dict) -> dict:
    def f(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    p = c["matched"] / c["predicted"] if c["predicted"] else 0.0
    r = c["matched"] / c["gold"] if c["gold"] else 0.0
    sp = c["speaker_ok"] / c["matched"] if c["matched"] else 0.0
    ep = c["end_to_end_tp"] / c["predicted"] if c["predicted"] else 0.0
    er = c["end_to_end_tp"] / c["gold"] if c["gold"] else 0.0
    return {
        **c,
        "precision": p, "recall": r, "f1": f(p, r),
        "speaker_accuracy": sp,
        "end_to_end_precision": ep, "end_to_end_recall": er, "end_to_end_f1": f(ep, er),
    }


def evaluate_quotes(gold_dir: Path, metadata: Path | None = None) -> dict:
    """Precision/recall/F1 of quote spans, speaker accuracy on matched quotes
    and end-to-end quote+speaker F1, overall and per publisher."""
    pubs = _publishers(metadata)
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"documents": 0, "gold": 0, "predicted": 0, "matched": 0, "speaker_ok": 0, "end_to_end_tp": 0})
    for txt, ann_path in load_pairs(gold_dir):
        text = txt.read_text(encoding="utf-8")
        gold = gold_quotes(text, read_ann(ann_path))
        pred = extract_quotes(text)
        pairs = _match([(q.start, q.end) for q in pred], [g for g, _ in gold])
        ok = 0
        for i, j in pairs:
            q, src = pred[i], gold[j][1]
            if src is None:
                ok += q.speaker_start is None  # no source in gold: none predicted is right
            elif q.speaker_start is not None and any(
                    _overlap((q.speaker_start, q.speaker_end), s) for s in src):
                ok += 1
        pub = pubs.get(txt.stem) or next((v for k, v in pubs.items() if txt.stem.startswith(k)), "unknown")
        for key in ("overall", pub):
            c = counts[key]
            c["documents"] += 1
            c["gold"] += len(gold)
            c["predicted"] += len(pred)
            c["matched"] += len(pairs)
            c["speaker_ok"] += ok
            c["end_to_end_tp"] += ok
    result = {"overall": _scores(counts.pop("overall", counts["overall"]))}
    result["per_publisher"] = {k: _scores(v) for k, v in sorted(counts.items())}
    return result


if __name__ == "__main__":  # pragma: no cover - manual evaluation
    import json
    import sys

    root = Path(sys.argv[1])
    meta = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    print(json.dumps(evaluate_quotes(root, meta), indent=2))
