"""Characters per second of extract_quotes over PolNeAR train texts."""
import sys
import time
from pathlib import Path

from newsprov.dataset.extract.quotes import extract_quotes

RUNS = 3
ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "polnear" / "train" / "text"


def main() -> int:
    if not ROOT.is_dir():
        print(f"skipped: {ROOT} not present")
        return 0
    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("*.txt"))]
    chars = sum(map(len, texts))
    runs = []
    for _ in range(RUNS):  # (the best of a few runs, as timeit does: the others measure the machine's noise)
        t0 = time.perf_counter()
        n = sum(len(extract_quotes(t)) for t in texts)
        runs.append(time.perf_counter() - t0)
    dt = min(runs)
    print(f"{len(texts)} texts, {chars} chars, {n} quotes in {dt:.2f}s (best of {RUNS}; slowest {max(runs):.2f}s): "
          f"{chars / dt / 1e6:.2f} M chars/s")
    # The same texts as one paragraph without line breaks, at two sizes: time per character
    # should not grow with the length (it once did: every quote searched back to the start).
    flat = " ".join(t.replace("\n", " ") for t in texts)
    for size in (len(flat) // 4, len(flat)):
        t0 = time.perf_counter()
        n = len(extract_quotes(flat[:size]))
        dt = time.perf_counter() - t0
        print(f"one paragraph of {size} chars, {n} quotes in {dt:.2f}s: {size / dt / 1e6:.2f} M chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
