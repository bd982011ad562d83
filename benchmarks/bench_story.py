"""Seconds to build one story told by n outlets: the whole `newsprov build`, n up to 500.

Versions are derived from the five seed articles the way outlets rewrite a wire story:
each starts from one seed (chosen at random), drops about 15% of its sentences, swaps a
few adjacent sentences, changes punctuation (curly/straight quotes, dashes, an Oxford
comma) and edits wording (a word dropped, a word replaced by a near-synonym). The sources
are written to a temporary folder and built with newsprov.build into another.

Prints, per n: seconds, sentence links, and seconds / (n log2 n) -- flat or falling
means the build grows no worse than n log n. Prints numbers only; no assertions on time.

    python benchmarks/bench_story.py [n ...]      (default: 62 125 250 500)
"""

from __future__ import annotations

import math
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from newsprov.dataset.build import build

SEEDS = Path(__file__).resolve().parents[1] / "dataset" / "sources"
SYNONYMS = {
    "said": "stated", "talks": "negotiations", "official": "representative", "attack": "strike",
    "began": "started", "ended": "concluded", "large": "big", "continue": "go on", "killed": "slain",
    "Sunday": "on Sunday", "rockets": "missiles", "however": "but", "early": "earlier", "major": "big",
}
_SENTENCE = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])")


def _edit_words(sentence: str, rng: random.Random, synonyms: dict[str, str] = SYNONYMS) -> str:
    """An outlet's edit of a sentence: maybe a word dropped, some words replaced by near-synonyms."""
    words = sentence.split(" ")
    if len(words) > 6 and rng.random() < 0.3:
        del words[rng.randrange(1, len(words) - 1)]
    for k, w in enumerate(words):
        if w in synonyms and rng.random() < 0.4:
            words[k] = synonyms[w]
    return " ".join(words)


def _punctuate(text: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        text = text.replace("\u201c", '"').replace("\u201d", '"')
    if rng.random() < 0.3:
        text = text.replace(" \u2013 ", " \u2014 ").replace(" - ", " \u2013 ")
    if rng.random() < 0.3:
        text = text.replace(" and ", ", and ", 1)
    return text


def version(seed: str, rng: random.Random) -> str:
    paragraphs = []
    for paragraph in seed.split("\n\n"):
        sentences = [s for s in _SENTENCE.split(paragraph.strip()) if s]
        kept = [s for s in sentences if rng.random() > 0.15] or sentences[:1]
        if len(kept) > 1 and rng.random() < 0.2:
            k = rng.randrange(len(kept) - 1)
            kept[k], kept[k + 1] = kept[k + 1], kept[k]
        if kept:
            paragraphs.append(" ".join(_edit_words(s, rng) for s in kept))
    if len(paragraphs) > 3 and rng.random() < 0.3:  # a paragraph moved up
        k = rng.randrange(2, len(paragraphs))
        paragraphs.insert(1, paragraphs.pop(k))
    return _punctuate("\n\n".join(paragraphs), rng) + "\n"


def write_story(folder: Path, n: int) -> None:
    seeds = [p.read_text(encoding="utf-8-sig") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(n):
        rng = random.Random(i)
        (folder / f"outlet{i:04d}.txt").write_text(version(rng.choice(seeds), rng), encoding="utf-8")


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [62, 125, 250, 500]
    print(f"{'versions':>8} {'seconds':>8} {'sentence links':>15} {'quote groups':>13} {'drifts':>14} {'us per n log2 n':>16}")
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="newsprov-story-") as tmp:
            folder, out = Path(tmp) / "sources", Path(tmp) / "package"
            folder.mkdir()
            write_story(folder, n)
            started = time.perf_counter()
            result = build(folder, out)
            seconds = time.perf_counter() - started
        t = result.tables
        print(f"{n:8d} {seconds:8.2f} {t['sentence_links'].height:15d} {t['quote_groups']['group_id'].n_unique():13d} "
              f"{t['drifts'].height:14d} {1e6 * seconds / (n * math.log2(n)):16.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
