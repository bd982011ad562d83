"""Build reference corpora and record (or compare) the sha256 of every file each build publishes.

A refactoring must not change outputs. This script builds the same inputs with the code of
the current checkout and writes one line per published file (`<build>/<relative path>
<sha256>`), or compares them with a record made earlier:

    python scripts/hash_builds.py --record /tmp/hashes-before.txt    # before the change
    python scripts/hash_builds.py --compare /tmp/hashes-before.txt   # after: exit 1 naming every file that differs

The builds: the embedded dataset (`newsprov build --check` must pass), PolNeAR dev and
train texts, BASIL dev texts and a flat copy of the COUNTER dev pairs (builds take a flat
folder of *.txt). Corpora are read from ../shared (or --shared) and built into a temporary
folder (or --work); nothing of theirs is written into the project. A corpus that is absent is
skipped and said so. Each build runs `python -m newsprov build SOURCES --out PACKAGE --quiet`
with the interpreter running this script, so run it with the project's environment
(`.venv/bin/python scripts/hash_builds.py ...`).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWSPROV = [sys.executable, "-m", "newsprov"]
# build name -> sources folder, relative to ../shared/corpora (None: a flat copy is made, see _flat_counter)
CORPORA = {
    "polnear-dev": "polnear/dev/text",
    "polnear-train": "polnear/train/text",
    "basil-dev": "basil/dev/text",
    "counter-dev": None,
}


def _flat_counter(shared: Path, work: Path) -> Path | None:
    """COUNTER dev's pairs/cNNNN/*.txt copied into one flat folder (byte-exact)."""
    pairs = shared / "corpora" / "counter" / "dev" / "pairs"
    if not pairs.is_dir():
        return None
    flat = work / "counter-dev-flat"
    flat.mkdir(parents=True, exist_ok=True)
    for path in sorted(pairs.glob("*/*.txt")):
        shutil.copyfile(path, flat / path.name)
    return flat


def _hashes(root: Path) -> dict[str, str]:
    """sha256 of every file under root (the manifest and lock files aside: they name the run, not the data)."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name not in (".newsprov.lock",):
            out[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def build_all(shared: Path, work: Path, only: list[str] | None) -> tuple[dict[str, str], list[str]]:
    lines: dict[str, str] = {}
    problems = []
    if not only or "embedded" in only:
        started = time.perf_counter()
        done = subprocess.run([*NEWSPROV, "build", "--check", "--quiet"], cwd=REPO, capture_output=True, text=True)
        print(f"embedded: build --check exit {done.returncode} ({time.perf_counter() - started:.1f}s)", flush=True)
        if done.returncode != 0:
            problems.append(f"embedded: build --check exit {done.returncode}: {done.stdout.strip()} {done.stderr.strip()}")
        for rel in ["datapackage.json", *sorted(p.relative_to(REPO).as_posix() for p in (REPO / "dataset" / "tables").glob("*.csv")),
                    "dataset/reports/build-report.json"]:
            lines[f"embedded/{rel}"] = hashlib.sha256((REPO / rel).read_bytes()).hexdigest()
    for name, rel in CORPORA.items():
        if only and name not in only:
            continue
        sources = (shared / "corpora" / rel) if rel else _flat_counter(shared, work)
        if sources is None or not sources.is_dir():
            print(f"{name}: skipped ({shared / 'corpora'} has no such corpus)", flush=True)
            continue
        out = work / name
        if out.exists():
            shutil.rmtree(out)
        started = time.perf_counter()
        done = subprocess.run([*NEWSPROV, "build", str(sources), "--out", str(out), "--quiet"], capture_output=True, text=True)
        print(f"{name}: build exit {done.returncode} ({time.perf_counter() - started:.1f}s)", flush=True)
        if done.returncode != 0:
            problems.append(f"{name}: build exit {done.returncode}: {done.stderr.strip()[-500:]}")
            continue
        for file, digest in _hashes(out).items():
            lines[f"{name}/{file}"] = digest
    return lines, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--record", type=Path, help="write the hashes to this file")
    action.add_argument("--compare", type=Path, help="compare with the hashes in this file")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (default: ../shared)")
    parser.add_argument("--work", type=Path, default=None, help="where to build (default: a temporary folder, removed after)")
    parser.add_argument("--only", nargs="*", help=f"build only these: embedded, {', '.join(CORPORA)}")
    args = parser.parse_args()
    if not args.shared.is_dir() and Path("/work/shared").is_dir():  # (a worktree's ../shared may be elsewhere)
        args.shared = Path("/work/shared")
    work = args.work or Path(tempfile.mkdtemp(prefix="newsprov-hash-builds-"))
    try:
        lines, problems = build_all(args.shared, work, args.only)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print(f"FAILED {problem}", file=sys.stderr)
    if args.record:
        args.record.write_text("".join(f"{key} {digest}\n" for key, digest in sorted(lines.items())), encoding="utf-8")
        print(f"recorded {len(lines)} files in {args.record}")
        return 1 if problems else 0
    before = dict(line.rsplit(" ", 1) for line in args.compare.read_text(encoding="utf-8").splitlines() if line.strip())
    if args.only:
        before = {k: v for k, v in before.items() if k.split("/", 1)[0] in args.only}
    differ = sorted(k for k in before.keys() & lines.keys() if before[k] != lines[k])
    missing, extra = sorted(before.keys() - lines.keys()), sorted(lines.keys() - before.keys())
    for key in differ:
        print(f"differs: {key}")
    for key in missing:
        print(f"missing: {key}")
    for key in extra:
        print(f"new: {key}")
    same = len(before.keys() & lines.keys()) - len(differ)
    print(f"{same} of {len(before)} files byte-identical; {len(differ)} differ, {len(missing)} missing, {len(extra)} new")
    return 1 if (differ or missing or extra or problems) else 0


if __name__ == "__main__":
    sys.exit(main())
