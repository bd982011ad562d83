"""Build every corpus in ../shared whole, in random subsets and in random unions, and check each package.

For each corpus (PolNeAR train and dev, BASIL dev, COUNTER dev, the seeds) the script builds
the whole corpus, then random subsets of it under each random seed, then random unions drawn
from all corpora. Files are copied into a fresh flat folder (builds take a flat folder of
*.txt and refuse symlinks), named <corpus>--<file> so unions cannot collide. Every build must
succeed (`newsprov build DIR --out PKG` exits 0) and each package must then pass `newsprov
validate` and Frictionless' own validation. Subset sizes are drawn log-uniformly between 1 and
the corpus size, so small and large subsets both occur without every run costing a whole
corpus. By default the build and `newsprov validate` run in this process through the library
calls the commands make (a build that would exit non-zero raises BuildError); `--cli` runs the
commands themselves, an interpreter each (slower).

    python scripts/build_random_subsets.py                      # whole corpora + 50 subsets each + 50 unions, seeds 1..5
    python scripts/build_random_subsets.py --subsets 5 --unions 5 --seeds 1 --no-whole   # a quick look
    python scripts/build_random_subsets.py --shared /path/to/shared --keep-failures /tmp/failed

Prints one line per build (corpus, seed, size, seconds, verdict) and a summary; exits 1 if any
build, validation or Frictionless check failed (the failing folders kept with --keep-failures).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWSPROV = [sys.executable, "-m", "newsprov"]


def corpora(shared: Path) -> dict[str, list[Path]]:
    """Each corpus's source files, sorted (a missing corpus is left out, with a note)."""
    globs = {
        "polnear-train": ("corpora/polnear/train/text", "*.txt"),
        "polnear-dev": ("corpora/polnear/dev/text", "*.txt"),
        "basil-dev": ("corpora/basil/dev/text", "*.txt"),
        "counter-dev": ("corpora/counter/dev/pairs", "*/*.txt"),
        "seeds": ("seeds", "*.txt"),
    }
    found = {}
    for name, (folder, pattern) in globs.items():
        files = sorted((shared / folder).glob(pattern))
        if files:
            found[name] = files
        else:
            print(f"note: {shared / folder} has no {pattern}; {name} left out", file=sys.stderr)
    return found


def subset_size(rng: random.Random, n: int) -> int:
    """Log-uniform in 1..n: as many runs of 2-9 articles as of 100-999."""
    return max(1, min(n, round(math.exp(rng.uniform(0, math.log(n))))))


@dataclass
class Outcome:
    label: str
    n: int
    seconds: float
    problem: str | None  # None: built, valid, Frictionless-valid
    dropped: int = 0  # derived rows the build left out (listed in its build report)


def _build_and_validate(src: Path, out: Path, cli: bool) -> tuple[str | None, int]:
    """(problem or None, rows dropped) of building src into out and validating it with newsprov."""
    if cli:
        build = subprocess.run([*NEWSPROV, "build", str(src), "--out", str(out), "--quiet"], capture_output=True, text=True)
        if build.returncode != 0:
            return f"build exit {build.returncode}: {(build.stderr or build.stdout).strip().splitlines()[-1:]}", 0
        dropped = sum("warning: dropped" in line for line in build.stderr.splitlines())
        valid = subprocess.run([*NEWSPROV, "validate", str(out), "--json"], capture_output=True, text=True)
        if valid.returncode != 0:
            try:
                errors = json.loads(valid.stdout).get("errors", [])[:3]
            except ValueError:
                errors = valid.stderr.strip().splitlines()[-1:]
            return f"newsprov validate exit {valid.returncode}: {errors}", dropped
        return None, dropped
    from newsprov.dataset.build import BuildError, build
    from newsprov.validators.api import validate

    try:
        result = build(src, out)
    except BuildError as exc:
        return f"build failed (exit 2): {exc}", 0
    report = validate(out)
    if not report.valid:
        return f"newsprov validate: {report.flatten(['type', 'resource', 'row'])[:3]}", len(result.dropped)
    return None, len(result.dropped)


def check(label: str, files: list[tuple[str, Path]], keep: Path | None, cli: bool = False) -> Outcome:
    """Copy ``files`` (name, path) into a flat folder, build, validate, frictionless-validate."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsprov-subset-") as tmp:
        src, out = Path(tmp) / "articles", Path(tmp) / "package"
        src.mkdir()
        for name, path in files:
            shutil.copyfile(path, src / name)
        problem, dropped = _build_and_validate(src, out, cli)
        if problem is None:
            import frictionless

            report = frictionless.validate(str(out / "datapackage.json"))
            if not report.valid:
                problem = f"frictionless: {report.flatten(['type', 'note'])[:3]}"
        if problem and keep is not None:
            dest = keep / label.replace(" ", "_")
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(tmp, dest)
    return Outcome(label, len(files), time.perf_counter() - started, problem, dropped)


def named(corpus: str, paths: list[Path]) -> list[tuple[str, Path]]:
    """Flat, collision-free names: <corpus>--<file> (COUNTER's pair folder kept in the name)."""
    return [(f"{corpus}--{p.parent.name + '-' if corpus == 'counter-dev' else ''}{p.name}", p) for p in paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("NEWSPROV_SHARED") or REPO.parent / "shared"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5], help="random seeds (default 1..5)")
    parser.add_argument("--subsets", type=int, default=50, help="random subsets per corpus, over all seeds (default 50)")
    parser.add_argument("--unions", type=int, default=50, help="random unions of all corpora, over all seeds (default 50)")
    parser.add_argument("--max-union", type=int, default=200, help="most articles in one union (default 200)")
    parser.add_argument("--no-whole", action="store_true", help="skip building each whole corpus")
    parser.add_argument("--keep-failures", type=Path, help="copy each failing folder (articles and package) here")
    parser.add_argument("--cli", action="store_true", help="run `newsprov build` and `newsprov validate` as commands (an interpreter each)")
    args = parser.parse_args(argv)
    found = corpora(args.shared)
    if not found:
        print(f"{args.shared}: no corpora found", file=sys.stderr)
        return 2
    if args.keep_failures:
        args.keep_failures.mkdir(parents=True, exist_ok=True)
    outcomes = []

    def run(label: str, files: list[tuple[str, Path]]) -> None:
        o = check(label, files, args.keep_failures, args.cli)
        outcomes.append(o)
        verdict = "ok" if o.problem is None else "FAIL " + o.problem
        print(f"{o.label:<36} {o.n:>5} articles {o.seconds:7.1f} s  {verdict}{f' ({o.dropped} rows dropped)' if o.dropped else ''}", flush=True)

    if not args.no_whole:
        for corpus, paths in found.items():
            run(f"{corpus} whole", named(corpus, paths))
    per_seed = lambda total, k: total // len(args.seeds) + (k < total % len(args.seeds))  # noqa: E731
    for k, seed in enumerate(args.seeds):
        rng = random.Random(seed)
        for corpus, paths in found.items():
            for i in range(per_seed(args.subsets, k)):
                pick = sorted(rng.sample(paths, subset_size(rng, len(paths))))
                run(f"{corpus} seed {seed} #{i}", named(corpus, pick))
        pool = [(corpus, p) for corpus, paths in found.items() for p in paths]
        for i in range(per_seed(args.unions, k)):
            pick = sorted(rng.sample(pool, subset_size(rng, min(len(pool), args.max_union))))
            files = [f for corpus, p in pick for f in named(corpus, [p])]
            run(f"union seed {seed} #{i} ({len({c for c, _ in pick})} corpora)", files)
    failed = [o for o in outcomes if o.problem]
    total = sum(o.seconds for o in outcomes)
    print(f"\n{len(outcomes)} builds, {sum(o.n for o in outcomes)} articles in all, {total:.0f} s; "
          f"{len(outcomes) - len(failed)} built and validated, {len(failed)} failed; "
          f"{sum(o.dropped for o in outcomes)} derived rows dropped in {sum(1 for o in outcomes if o.dropped)} builds")
    for o in failed:
        print(f"  FAILED {o.label}: {o.problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
