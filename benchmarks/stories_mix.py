"""Stories in a mixed corpus: labelled stories hidden among unrelated articles.

Copies (byte-exact, into a temporary folder; nothing is written into the project) BASIL dev
(30 stories x 3 independent outlets), COUNTER dev (300 agency/newspaper pairs, Urdu), the five
seeds (one story) and PolNeAR dev and train (unlabelled US political news: distractors), builds
the folder with `newsprov build`, and prints `newsprov eval stories` for the labelled articles,
then what happened to the distractors: how many PolNeAR articles share a story with a labelled
article (each is a false join), and the largest story.

    .venv/bin/python benchmarks/stories_mix.py [--shared ../shared] [--keep DIR]

Not a test: it prints figures (the build of ~1,900 articles takes a minute or two).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import polars as pl

from newsprov.dataset.evaluate.stories import adjusted_rand_index

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temporary folder)")
    args = parser.parse_args()
    corpora = args.shared / "corpora"
    work = args.keep or Path(tempfile.mkdtemp(prefix="newsprov-mix-"))
    src = work / "sources"
    src.mkdir(parents=True, exist_ok=True)
    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for f in sorted((corpora / "basil" / "dev" / "text").glob("*.txt")):
        shutil.copyfile(f, src / f"basil-{f.name}")
        labels[f"basil-{f.stem}".lower()] = "basil-" + f.stem.split("_")[0]
    with open(corpora / "counter" / "dev" / "labels.tsv", encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) >= 2:
                kinds[row[0]] = row[1]
    for f in sorted((corpora / "counter" / "dev" / "pairs").glob("*/*.txt")):
        shutil.copyfile(f, src / f"counter-{f.name}")
        labels[f"counter-{f.stem}".lower()] = "counter-" + f.parent.name
    for f in sorted((args.shared / "seeds").glob("*.txt")):
        shutil.copyfile(f, src / f"seed-{f.name}")
        labels[f"seed-{f.stem}".lower()] = "seeds"
    distractors = []
    for split in ("dev", "train"):
        for f in sorted((corpora / "polnear" / split / "text").glob("*.txt")):
            shutil.copyfile(f, src / f"polnear-{f.name}")
            distractors.append(f"polnear-{f.stem}".lower())
    tsv = work / "labels.tsv"
    tsv.write_text("".join(f"{a}\t{s}\n" for a, s in sorted(labels.items())), encoding="utf-8")
    n = len(list(src.glob("*.txt")))
    print(f"corpus: {n} articles ({len(labels)} labelled, {len(distractors)} PolNeAR distractors) in {src}")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsprov", "build", str(src), "--out", str(work / "pkg"), "--quiet"], check=True)
    print(f"build: {time.perf_counter() - t0:.1f} s")
    for corpus in ("basil", "counter", "seed"):
        sub = work / f"labels-{corpus}.tsv"
        sub.write_text("".join(f"{a}\t{s}\n" for a, s in sorted(labels.items()) if a.startswith(corpus)), encoding="utf-8")
        print(f"--- {corpus} (within the whole corpus)")
        subprocess.run([sys.executable, "-m", "newsprov", "eval", "stories", str(work / "pkg"), "--labels", str(sub)], check=True)
    story = dict(pl.read_csv(work / "pkg" / "tables" / "articles.csv", columns=["article_id", "story_id"], infer_schema=False).iter_rows())
    labelled_stories = {story[a] for a in labels if a in story}
    joined = [a for a in distractors if story.get(a) in labelled_stories]
    pairs = [k for k, v in kinds.items() if v in ("WD", "PD")]
    together = sum(story.get(f"counter-{p}_src") == story.get(f"counter-{p}_der") for p in pairs)
    sizes = Counter(story.values())
    mixed = sum(1 for s in set(story.values()) if len({a.split("-")[0] for a, t in story.items() if t == s}) > 1)
    print(f"COUNTER derived pairs (WD, PD) in one story: {together}/{len(pairs)} = {together / len(pairs):.3f}")
    print(f"PolNeAR distractors in a labelled story: {len(joined)}; stories mixing corpora: {mixed}")
    print(f"stories: {len(sizes)}, largest {max(sizes.values())}, singletons {sum(1 for v in sizes.values() if v == 1)}")
    # the strictest reading: every distractor a story of its own (PolNeAR has no story labels;
    # articles of one topic weeks apart that share a story count as false joins)
    strict = {**{a: "single:" + a for a in distractors}, **labels}
    scored = sorted(a for a in strict if a in story)
    pn = Counter(story[a] for a in distractors if a in story)
    print(f"PolNeAR pairs sharing a story: {sum(v * (v - 1) // 2 for v in pn.values())}; adjusted Rand index of the "
          f"whole corpus, each distractor its own story: {adjusted_rand_index([strict[a] for a in scored], [story[a] for a in scored]):.3f}")
    for name in ("sentence_links", "article_links", "drifts"):
        rows = pl.scan_csv(work / "pkg" / "tables" / f"{name}.csv").select(pl.len()).collect().item()
        print(f"{name}: {rows} rows")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
