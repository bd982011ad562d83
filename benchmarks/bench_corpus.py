"""A corpus of many stories, built in-process and on a local Dask cluster: time, throughput, memory.

For each size (default 10,000 articles) a corpus is derived from real text with
benchmarks/make_corpus.py (PolNeAR and the seeds recombined into stories of 2 to 200 versions,
plus singletons; seeded, written under --work, never into the project), then built with
`newsprov build` in-process and with `--workers N`. Printed per build: wall and CPU seconds,
articles per second, MB per second per core (input bytes / wall / cores used), the peak RSS of
the build process and of its largest worker (sampled from /proc every 0.2 s),
datapackage.json's size, whether the two builds are the same bytes, and `newsprov eval stories`
against the corpus's story labels.

    .venv/bin/python benchmarks/bench_corpus.py [--sizes 10000 30000] [--workers 2] [--work DIR] [--dask-only]

Not a test: it prints figures. The machine is shared; say how loaded it was (`uptime`).
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWSPROV = [sys.executable, "-m", "newsprov"]


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".newsprov.lock"}


def _tree_rss(root: int) -> dict[int, int]:
    """RSS in KiB of ``root`` and each of its descendants (from /proc; {} where there is no /proc)."""
    parent, rss = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        pid = int(stat.parent.name)
        parent[pid] = int(fields[1])
        rss[pid] = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    tree, frontier = {root}, [root]
    while frontier:
        kids = [p for p, pp in parent.items() if pp in frontier and p not in tree]
        tree.update(kids)
        frontier = kids
    return {p: rss.get(p, 0) for p in tree}


def _run(command: list[str]) -> tuple[float, float, float, float]:
    """(wall s, CPU s of the children, the build process's peak RSS and its largest descendant's
    (a Dask worker) peak RSS in MiB, sampled every 0.2 s from /proc) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(command)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid, kib in _tree_rss(proc.pid).items():
            peaks[pid] = max(peaks.get(pid, 0), kib)
        time.sleep(0.2)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, command)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    client = peaks.pop(proc.pid, 0)
    return wall, cpu, client / 1024, max(peaks.values(), default=0) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsprov-bench-corpus"))
    parser.add_argument("--dask-only", action="store_true", help="skip the in-process build (a large corpus takes long in one process)")
    args = parser.parse_args()
    print(f"load: {Path('/proc/loadavg').read_text().split()[:3] if Path('/proc/loadavg').exists() else '?'}")
    for size in args.sizes:
        corpus = args.work / f"corpus-{size}"
        if not corpus.is_dir():
            subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_corpus.py"), str(corpus), "--articles", str(size)], check=True)
        n = len(list(corpus.glob("*.txt")))
        mb = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
        outs = {}
        engines = [("in-process", [], 1), (f"dask x{args.workers}", ["--workers", str(args.workers)], args.workers)]
        for engine, extra, cores in engines[args.dask_only:]:
            out = args.work / f"pkg-{size}-{engine.split()[0]}" / "pkg"
            if out.exists():
                subprocess.run(["rm", "-rf", str(out.parent)], check=True)
            wall, cpu, peak, worker = _run([*NEWSPROV, "build", str(corpus), "--out", str(out), "--quiet", *extra])
            outs[engine] = out
            desc = (out / "datapackage.json").stat().st_size
            print(f"{size:>7} articles {mb:7.1f} MB | {engine:<11} | wall {wall:8.1f} s | cpu {cpu:8.1f} s | "
                  f"{n / wall:6.1f} articles/s | {mb / wall / cores:5.2f} MB/s per core | peak {peak:7.0f} MiB build, "
                  f"{worker:6.0f} MiB largest worker | "
                  f"datapackage.json {desc / 1e6:.2f} MB", flush=True)
        if len(outs) == 2:
            a, b = (_files(p) for p in outs.values())
            print(f"{size:>7} articles: in-process and Dask builds {'the same bytes' if a == b else 'DIFFER: ' + ', '.join(sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k)))[:400]}")
        labels = args.work / f"corpus-{size}.labels.tsv"
        subprocess.run([*NEWSPROV, "eval", "stories", str(next(iter(outs.values()))), "--labels", str(labels)], check=True)


if __name__ == "__main__":
    main()
