"""Speaker-attribution errors of extract_quotes on a PolNeAR split, by category, with context.

    python benchmarks/quote_errors.py [CATEGORY] [N] [--split train]

Without CATEGORY: counts per category and accuracy per rule (method). With it (e.g.
`nospeaker`, `fp`, `fn`, `wrong:sentence-subject`): N random examples with their paragraph.
Tune rules on train only; dev is for the final figures of `newsprov eval quotes`.
"""
import argparse
import collections
import random
import sys
from pathlib import Path

from newsprov.dataset.extract.brat import _match, _overlap, gold_quotes, load_pairs, read_ann
from newsprov.dataset.extract.quotes import extract_quotes

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "polnear"


def context(text: str, start: int, end: int) -> str:
    ps = text.rfind("\n", 0, start) + 1
    pe = text.find("\n", end)
    pe = len(text) if pe < 0 else pe
    return text[max(ps, start - 300):min(pe, end + 200)].replace("\n", " ¶ ")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("category", nargs="?")
    ap.add_argument("n", nargs="?", type=int, default=20)
    ap.add_argument("--split", default="train")
    args = ap.parse_args()
    if not (ROOT / args.split).is_dir():
        print(f"skipped: {ROOT / args.split} not present")
        return 0
    counts, examples = collections.Counter(), collections.defaultdict(list)
    by_method, ok_method = collections.Counter(), collections.Counter()
    for txt, ann in load_pairs(ROOT / args.split):
        text = txt.read_text(encoding="utf-8")
        gold = gold_quotes(text, read_ann(ann))
        pred = extract_quotes(text)
        pairs = _match([(q.start, q.end) for q in pred], [g for g, _ in gold])
        matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, q in enumerate(pred):
            if i not in matched_p:
                counts["fp"] += 1
                examples["fp"].append(f"{txt.stem}: [{q.text[:80]}] {q.method}\n    | {context(text, q.start, q.end)}")
        for j, (g, _) in enumerate(gold):
            if j not in matched_g:
                counts["fn"] += 1
                examples["fn"].append(f"{txt.stem}: [{text[g[0]:g[1]][:80]}]\n    | {context(text, *g)}")
        for i, j in pairs:
            q, src = pred[i], gold[j][1]
            if src is None:
                ok, cat = q.speaker_start is None, "gold-without-source"
            elif q.speaker_start is None:
                ok, cat = False, "nospeaker"
            else:
                ok = any(_overlap((q.speaker_start, q.speaker_end), s) for s in src)
                cat = "wrong:" + q.method.split("/")[-1]
            by_method[q.method] += 1
            ok_method[q.method] += ok
            if ok:
                counts["ok"] += 1
                continue
            counts[cat] += 1
            gold_src = " / ".join(text[a:b] for a, b in src) if src else None
            lo = min([q.start] + [a for a, _ in src or []])
            hi = max([q.end] + [b for _, b in src or []])
            examples[cat].append(f"{txt.stem}: [{q.text[:80]}] predicted={q.speaker_mention!r} gold={gold_src!r} "
                                 f"{q.method}\n    | {context(text, lo, hi)}")
    if args.category is None:
        for cat, n in counts.most_common():
            print(f"{n:6d}  {cat}")
        print()
        for method, n in by_method.most_common():
            print(f"{n:6d}  {ok_method[method] / n:.3f}  {method}")
        return 0
    pool = examples[args.category]
    for line in random.Random(0).sample(pool, min(args.n, len(pool))):
        print("-", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
