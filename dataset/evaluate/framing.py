"""Framing drifts against lexical-bias spans: token precision, recall and F1.

``evaluate_framing(gold_jsonl, packages)`` reads gold spans in the layout of BASIL's
``annotations.jsonl`` (one JSON object per line: article_id, story, start, end, bias; rows
with ``bias == "lex"`` are the loaded words), recomputes the drifts of the packages holding
those articles with the gold's stories (a package built from a folder is one story until
stories exist), and scores the word tokens of each framing row's side a (the loaded word)
against the gold tokens, micro-averaged over articles. Two scopes are reported:

* ``articles``: every token of every article counts;
* ``lex_sentences``: only tokens of sentences holding a gold lexical span (the scope a
  reader checking annotated sentences sees).

Beside the system, the naive baseline the issue names, "words the other outlets don't use"
(every content word of an article that no other version of its story prints), is scored
the same way. A token is a word's start offset, so partial overlaps count per word.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import polars as pl

from newsprov.dataset.compare.drift import drifts
from newsprov.dataset.compare.drift.gold_eval import pooled
from newsprov.dataset.compare.drift.words import STOPWORDS, fold_key

__all__ = ["FramingGoldError", "evaluate_framing"]

WORD = re.compile(r"\w+(?:['’]\w+)*")


class FramingGoldError(Exception):
    """The gold file cannot be read, or names no article of the packages."""


def _tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() + start for m in WORD.finditer(text[start:end])}


def _prf(pred: dict, gold: dict, keep: dict | None) -> dict:
    sel = (lambda a, s: s & keep.get(a, set())) if keep is not None else (lambda a, s: s)
    p_n = sum(len(sel(a, s)) for a, s in pred.items())
    g_n = sum(len(sel(a, s)) for a, s in gold.items())
    tp = sum(len(sel(a, s) & gold.get(a, set())) for a, s in pred.items())
    p = tp / p_n if p_n else 0.0
    r = tp / g_n if g_n else 0.0
    return {"tokens": p_n, "gold_tokens": g_n, "true": tp, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _read_gold(path: Path) -> list[dict]:
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise FramingGoldError(f"{path}: not a JSON-lines gold file ({exc})") from None
    if not all(isinstance(r, dict) and {"article_id", "start", "end"} <= set(r) for r in rows):
        raise FramingGoldError(f"{path}: every line needs article_id, start and end")
    return rows


def evaluate_framing(gold_path: Path, packages: list[Path] | None = None) -> dict:
    """Token P/R/F1 of framing rows and of the naive baseline, in both scopes (module doc)."""
    rows = _read_gold(gold_path)
    inputs = pooled(list(packages) if packages else [None])
    texts = inputs.texts
    rows = [r for r in rows if r["article_id"] in texts]
    if not rows:
        raise FramingGoldError(f"{gold_path}: names no article of the package(s) given")
    story_of = {r["article_id"]: str(r.get("story") or r["article_id"]) for r in rows}
    for aid in texts:
        story_of.setdefault(aid, "extra:" + aid)
    found, spans = drifts(inputs, story_of)
    framing = spans.join(found.filter(pl.col("kind") == "framing").select("drift_id"), on="drift_id")
    pred: dict[str, set[int]] = defaultdict(set)
    for aid, s, e in framing.filter((pl.col("side") == "a") & pl.col("start").is_not_null()).select("article_id", "start", "end").iter_rows():
        pred[aid] |= _tokens(texts[aid], s, e)
    gold: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        if r.get("bias") == "lex":
            gold[r["article_id"]] |= _tokens(texts[r["article_id"]], int(r["start"]), int(r["end"]))
    scored = sorted({r["article_id"] for r in rows})
    stories = defaultdict(list)
    for a in scored:
        stories[story_of[a]].append(a)
    keys = {a: {fold_key(m.group()) for m in WORD.finditer(texts[a])} for a in scored}
    base: dict[str, set[int]] = defaultdict(set)
    for a in scored:
        others = set().union(*(keys[b] for b in stories[story_of[a]] if b != a))
        for m in WORD.finditer(texts[a]):
            k = fold_key(m.group())
            if k and k not in STOPWORDS and k not in others and not k[:1].isdigit():
                base[a].add(m.start())
    # the lex-sentences scope: tokens of the sentences (the package's sentences table) holding a gold span
    keep: dict[str, set[int]] = defaultdict(set)
    sentences = inputs.sentences.filter(pl.col("article_id").is_in(scored)).select("article_id", "start", "end")
    for aid, s, e in sentences.iter_rows():
        toks = _tokens(texts[aid], s, e)
        if toks & gold.get(aid, set()):
            keep[aid] |= toks
    pred = {a: pred.get(a, set()) for a in scored}
    base = {a: base.get(a, set()) for a in scored}
    gold = {a: gold.get(a, set()) for a in scored}
    return {
        "articles": len(scored), "stories": len(stories), "framing_rows": found.filter(pl.col("kind") == "framing").height,
        "system": {"articles": _prf(pred, gold, None), "lex_sentences": _prf(pred, gold, keep)},
        "baseline": {"articles": _prf(base, gold, None), "lex_sentences": _prf(base, gold, keep)},
    }
