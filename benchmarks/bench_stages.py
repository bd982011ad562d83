"""Where a build's time goes: wall time of each stage of an in-process build (prints figures).

    python benchmarks/bench_stages.py SOURCES_DIR [--out PKG]

Builds SOURCES_DIR in this process (as `newsprov build SOURCES_DIR --out PKG -q`) and prints the
exclusive wall time of each table builder and each shared intermediate result (the time spent in
it, less the time of the tables it asked for), the per-article steps one by one, and the rest
(reading, validating and publishing). The tables are the same bytes as an unwatched build: the
timers only wrap BuildContext's methods and the per-article steps. Not a test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from newsprov.cli import app
from newsprov.dataset import context, per_article


class Stages:
    """Exclusive wall time per label; a stage's time excludes the stages it starts."""

    def __init__(self):
        self.exclusive: Counter = Counter()
        self._stack: list[float] = []

    def timed(self, label: str, work):
        started = time.perf_counter()
        self._stack.append(0.0)
        try:
            return work()
        finally:
            spent = time.perf_counter() - started
            inner = self._stack.pop()
            self.exclusive[label] += spent - inner
            if self._stack:
                self._stack[-1] += spent


def watch(stages: Stages) -> None:
    """Wrap BuildContext.table / cached / per_article and the per-article steps with timers."""
    cls = context.BuildContext
    table, cached, per_art = cls.table, cls.cached, cls.per_article

    def timed_table(self, name):
        if name in self._tables:
            return self._tables[name]
        return stages.timed(f"table {name}", lambda: table(self, name))

    def timed_cached(self, key, compute):
        if key in self._cache:
            return self._cache[key]
        return stages.timed(f"shared {key}", lambda: cached(self, key, compute))

    def timed_per_article(self, step):
        if f"per-article:{step}" in self._cache:
            return self._cache[f"per-article:{step}"]
        return stages.timed("per-article (language detection)", lambda: per_art(self, step))

    cls.table, cls.cached, cls.per_article = timed_table, timed_cached, timed_per_article
    for name, step in list(per_article.STEPS.items()):
        per_article.STEPS[name] = (lambda step, label: lambda *a: stages.timed(label, lambda: step(*a)))(
            step, f"per-article {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="package folder (default: a temporary one)")
    args = parser.parse_args()
    stages = Stages()
    watch(stages)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "package"
        started = time.perf_counter()
        try:
            app(["build", str(args.sources), "--out", str(out), "-q"], standalone_mode=False)
        except SystemExit as exc:
            if exc.code:
                raise
        total = time.perf_counter() - started
    data = sum(p.stat().st_size for p in args.sources.glob("*.txt"))
    print(f"{args.sources}: {data / 1e6:.2f} MB of text, build {total:.1f} s wall in this process "
          f"({data / 1e6 / total:.3f} MB/s)")
    print("| stage | wall s | share |")
    print("|---|---|---|")
    for label, spent in stages.exclusive.most_common():
        if spent >= 0.005:
            print(f"| {label} | {spent:.2f} | {spent / total:.1%} |")
    rest = total - sum(stages.exclusive.values())
    print(f"| the rest (reading, validating, publishing) | {rest:.2f} | {rest / total:.1%} |")


if __name__ == "__main__":
    main()
