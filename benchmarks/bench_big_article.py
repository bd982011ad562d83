"""Peak memory and wall time to build ONE big article: `newsprov build` on a folder of one file.

The article is made by recombining the seed articles' paragraphs in an order drawn from a
seeded RNG (realistic news prose: attributed quotes, partial quotes, figures with units and
qualifiers, datelines' text, names in several spellings) until it reaches the size asked for.
The "one-line" variant joins the same paragraphs with spaces: no line break at all, the case
where a paragraph is the whole article.

Each build runs in its own subprocess (`python -m newsprov build DIR --out PKG -q`), so the
peak resident set size (ru_maxrss from wait4) is that build's alone. A watchdog kills a build
whose resident memory passes --max-rss or whose time passes --timeout, and says so, so a
regression cannot take the machine down. Prints figures only; no assertions on time.

    python benchmarks/bench_big_article.py [SIZE_MB ...] [--variant paragraphs|one-line|both]
                                           [--max-rss GB] [--timeout S]
    (default sizes: 1 5 50, both variants)

Targets (issue 15): a 50 MB article under 2 GB peak; 5 MB in at most 8x the time of 1 MB.
Timings on a shared machine are noisy; the memory figure is the one to trust.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "dataset" / "sources"


def seed_paragraphs() -> list[str]:
    """Every non-empty line block of the seed articles, stripped, in a fixed order."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        out += [p.strip() for p in text.splitlines() if p.strip() and not p.lstrip().startswith("date ")]
    return out


def big_article(size: int, seed: int = 0, line_breaks: bool = True) -> str:
    """An article of at least `size` UTF-8 bytes made of the seeds' paragraphs in a random order."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    joiner = "\n\n" if line_breaks else " "
    parts = ["Talks in Cairo end without a deal as Israel and Hezbollah trade fire"]
    total = len(parts[0].encode("utf-8"))
    while total < size:
        paragraph = rng.choice(paragraphs)
        parts.append(paragraph)
        total += len(paragraph.encode("utf-8")) + len(joiner)
    return joiner.join(parts) + "\n"


def _watch(pid: int, max_rss: int, deadline: float, verdict: list) -> None:
    """Kill the build when its resident memory passes max_rss bytes or time runs out."""
    status = Path(f"/proc/{pid}/status")
    while True:
        time.sleep(0.05)
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            return
        if fields.get("State", "").strip().startswith("Z"):
            return
        rss = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
        if rss > max_rss or time.monotonic() > deadline:
            verdict.append(f"killed: RSS {rss / 2**30:.1f} GiB" if rss > max_rss else "killed: timeout")
            os.kill(pid, signal.SIGKILL)
            return


def run(size_mb: float, line_breaks: bool, max_rss: int, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="newsprov-big-") as tmp:
        folder = Path(tmp) / "sources"
        folder.mkdir()
        text = big_article(int(size_mb * 2**20), seed=int(size_mb * 1000), line_breaks=line_breaks)
        (folder / "big.txt").write_text(text, encoding="utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1724544000"}
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "newsprov", "build", str(folder), "--out", str(Path(tmp) / "pkg"), "-q"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        verdict: list[str] = []
        watcher = threading.Thread(target=_watch, args=(proc.pid, max_rss, started + timeout, verdict), daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        error = proc.stderr.read().decode(errors="replace").strip().splitlines()
        proc.stderr.close()
        watcher.join()
        counts = {}
        tables = Path(tmp) / "pkg" / "tables"
        if proc.returncode == 0:
            for name in ("sentences", "quotes", "figures"):
                with open(tables / f"{name}.csv", "rb") as handle:
                    counts[name] = sum(1 for _ in handle) - 1
        return {
            "bytes": len(text.encode("utf-8")), "seconds": seconds,
            "peak_rss": usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024),  # bytes on macOS, KiB elsewhere
            "exit": proc.returncode, "note": verdict[0] if verdict else (error[-1] if error and proc.returncode else ""),
            **counts,
        }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 5, 50], help="article sizes in MiB")
    parser.add_argument("--variant", choices=("paragraphs", "one-line", "both"), default="both")
    parser.add_argument("--max-rss", type=float, default=8.0, help="kill a build above this many GiB (default 8)")
    parser.add_argument("--timeout", type=float, default=1800, help="kill a build after this many seconds")
    args = parser.parse_args(argv)
    variants = {"paragraphs": [True], "one-line": [False], "both": [True, False]}[args.variant]
    print(f"{'variant':>10} {'MiB':>6} {'seconds':>8} {'peak RSS MiB':>13} {'sentences':>10} {'quotes':>8} {'figures':>8}  note", flush=True)
    for line_breaks in variants:
        for size in args.sizes:
            r = run(size, line_breaks, int(args.max_rss * 2**30), args.timeout)
            print(f"{'paragraphs' if line_breaks else 'one-line':>10} {r['bytes'] / 2**20:6.1f} {r['seconds']:8.1f} "
                  f"{r['peak_rss'] / 2**20:13.0f} {r.get('sentences', '-'):>10} {r.get('quotes', '-'):>8} {r.get('figures', '-'):>8}  "
                  f"{r['note'] if r['exit'] else ''}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
