"""Framing rows against BASIL's lexical-bias spans: token precision, recall and F1.

    .venv/bin/python benchmarks/framing_basil.py PACKAGE [--basil ../shared/corpora/basil/dev]

PACKAGE is `newsprov build ../shared/corpora/basil/dev/text --out PACKAGE`. The drifts are
recomputed per BASIL story (the file prefix, as `newsprov eval drift` does with the gold's
stories). Predicted tokens: the word tokens of each framing row's side a (the loaded word);
gold tokens: the word tokens of annotations.jsonl rows with bias == "lex". Micro-averaged
over all articles. The baseline the issue names, "words the other outlets don't use", is
printed beside it: every content word (not a stop word) of an article that neither other
version of its story prints.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

import polars as pl

from newsprov.dataset.compare.drift import drifts
from newsprov.dataset.compare.drift.gold_eval import pooled
from newsprov.dataset.compare.drift.words import STOPWORDS, fold_key

WORD = re.compile(r"\w+(?:['’]\w+)*")


def tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() + start for m in WORD.finditer(text[start:end])}


def prf(pred: dict, gold: dict) -> tuple[float, float, float]:
    tp = sum(len(pred[a] & gold[a]) for a in pred)
    np_, ng = sum(map(len, pred.values())), sum(map(len, gold.values()))
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("package", type=Path)
    ap.add_argument("--basil", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpora/basil/dev")
    args = ap.parse_args()
    inputs = pooled([args.package])
    story_of = {a: a.split("_")[0] for a in inputs.texts}
    found, spans = drifts(inputs, story_of)
    framing = spans.join(found.filter(pl.col("kind") == "framing").select("drift_id"), on="drift_id")
    pred: dict[str, set[int]] = defaultdict(set)
    for aid, s, e in framing.filter((pl.col("side") == "a") & pl.col("start").is_not_null()).select("article_id", "start", "end").iter_rows():
        pred[aid] |= tokens(inputs.texts[aid], s, e)
    gold: dict[str, set[int]] = defaultdict(set)
    for line in (args.basil / "annotations.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("bias") == "lex" and row.get("article_id") in inputs.texts:
            gold[row["article_id"]] |= tokens(inputs.texts[row["article_id"]], row["start"], row["end"])
    base: dict[str, set[int]] = defaultdict(set)
    keys = {a: {fold_key(m.group()) for m in WORD.finditer(t)} for a, t in inputs.texts.items()}
    stories = defaultdict(list)
    for a in inputs.texts:
        stories[story_of[a]].append(a)
    for a, text in inputs.texts.items():
        others = set().union(*(keys[b] for b in stories[story_of[a]] if b != a))
        for m in WORD.finditer(text):
            k = fold_key(m.group())
            if k and k not in STOPWORDS and k not in others and not k[:1].isdigit():
                base[a].add(m.start())
    for a in inputs.texts:
        pred.setdefault(a, set()), gold.setdefault(a, set()), base.setdefault(a, set())
    print(f"articles {len(inputs.texts)}, framing rows {found.filter(pl.col('kind') == 'framing').height}, "
          f"gold lex tokens {sum(map(len, gold.values()))}")
    for name, p in (("framing rows (side a)", pred), ("baseline: words the other outlets don't use", base)):
        P, R, F = prf(p, gold)
        print(f"{name:45} P {P:.3f}  R {R:.3f}  F1 {F:.3f}  ({sum(map(len, p.values()))} tokens)")


if __name__ == "__main__":
    main()
