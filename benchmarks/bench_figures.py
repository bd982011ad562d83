"""Throughput and safety of extract_figures over the PolNeAR train texts.

Usage: .venv/bin/python benchmarks/bench_figures.py [CORPUS_DIR]

Reads the corpus in place (nothing is copied), prints characters per second on
one core, and asserts that every figure has a valid span on every text.
Exits 0 with a message when the corpus is absent.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from newsprov.lang.figures import extract_figures

DEFAULT_CORPUS = Path("/work/shared/corpora/polnear/train/text")
MIN_CHARS_PER_SECOND = 2_000_000


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    paths = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    if not paths:
        print(f"corpus not found or empty: {corpus} -- nothing to benchmark")
        return 0
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    n_chars = sum(len(t) for t in texts)

    extract_figures(texts[0])  # warm-up (regex compile caches)
    t0 = time.perf_counter()
    results = [extract_figures(t) for t in texts]
    elapsed = time.perf_counter() - t0

    n_figs = 0
    kinds: Counter[str] = Counter()
    methods: Counter[str] = Counter()
    for text, figs in zip(texts, results):
        prev_end = -1
        for f in figs:
            assert 0 <= f.start < f.end <= len(text), f
            assert text[f.start:f.end] == f.text, f
            assert f.start >= prev_end, f
            if f.value_low is not None:
                assert f.value_low <= f.value, f
            if f.value_high is not None:
                assert f.value <= f.value_high, f
            prev_end = f.end
            kinds[f.value_kind] += 1
            methods[f.method] += 1
        n_figs += len(figs)

    cps = n_chars / elapsed if elapsed else float("inf")
    print(f"files: {len(texts)}  chars: {n_chars:,}  figures: {n_figs:,}  invalid spans: 0")
    print(f"time: {elapsed:.3f}s  speed: {cps / 1e6:.2f} M chars/s "
          f"({'OK' if cps >= MIN_CHARS_PER_SECOND else 'BELOW'} target {MIN_CHARS_PER_SECOND / 1e6:.0f} M chars/s)")
    print("by kind:", dict(kinds.most_common()))
    print("by method:", dict(methods.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
