"""Stories and one topic's coverage weeks apart: what story grouping does with articles that state
no dateline, measured with PolNeAR's file names (``<outlet>_<YYYY-MM-DD>_<slug>.txt``: a date the
texts themselves do not state, used here only as a label).

Builds nothing: computes each article's story signature once, then groups the mix of BASIL dev,
COUNTER dev, the seeds and PolNeAR train and dev (as ``benchmarks/stories_mix.py``) at each
``EVENT_LINK`` given, and prints BASIL's adjusted Rand index, the share of COUNTER's derived pairs
kept together, and how many pairs of PolNeAR articles share a story while their file names are
more than 7 days apart (different events) or at most 2 days apart.

    .venv/bin/python benchmarks/stories_topic_dates.py [--shared ../shared] [EVENT_LINK ...]

Not a test: it prints figures (about a minute per threshold on 1,619 articles).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import re
from collections import defaultdict
from pathlib import Path

from newsprov.dataset.compare.stories import group
from newsprov.dataset.compare.stories.params import EVENT_LINK
from newsprov.dataset.compare.stories.signatures import signature
from newsprov.dataset.evaluate.stories import evaluate_stories

REPO = Path(__file__).resolve().parents[1]
_DATE = re.compile(r"_(\d{4}-\d\d-\d\d)_")


def _read(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("event_link", nargs="*", type=float, default=[EVENT_LINK])
    args = parser.parse_args()
    corpora = args.shared / "corpora"
    texts: dict[str, str] = {}
    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    dates: dict[str, dt.date] = {}
    for f in sorted((corpora / "basil" / "dev" / "text").glob("*.txt")):
        k = "basil-" + f.stem.lower()
        texts[k], labels[k] = _read(f), "basil-" + f.stem.split("_")[0]
    with open(corpora / "counter" / "dev" / "labels.tsv", encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) >= 2:
                kinds["counter-" + row[0]] = row[1]
    for f in sorted((corpora / "counter" / "dev" / "pairs").glob("*/*.txt")):
        k = "counter-" + f.stem.lower()
        texts[k], labels[k] = _read(f), "counter-" + f.parent.name
    for f in sorted((args.shared / "seeds").glob("*.txt")):
        k = "seed-" + f.stem.lower()
        texts[k], labels[k] = _read(f), "seeds"
    for split in ("dev", "train"):
        for f in sorted((corpora / "polnear" / split / "text").glob("*.txt")):
            k = "polnear-" + f.stem.lower()
            texts[k] = _read(f)
            dates[k] = dt.date.fromisoformat(_DATE.search(f.stem).group(1))
    sigs = {a: signature(a, texts[a]) for a in texts}
    basil = {a: s for a, s in labels.items() if a.startswith("basil")}
    print(f"{len(texts)} articles ({len(dates)} PolNeAR)")
    print(f"{'EVENT_LINK':>10} {'BASIL ARI':>9} {'derived together':>16} {'PolNeAR pairs >7 days':>21} {'<=2 days':>8}")
    for link in args.event_link:
        story = group(texts, event_link=link, signatures=sigs).story_id
        ari = evaluate_stories(basil, {a: story[a] for a in basil})["ari"]
        derived = evaluate_stories(labels, {a: story[a] for a in labels}, kinds)["derived_together"]
        members: dict[str, list[str]] = defaultdict(list)
        for a in dates:
            members[story[a]].append(a)
        far = near = 0
        for ids in members.values():
            for x, y in itertools.combinations(ids, 2):
                days = abs((dates[x] - dates[y]).days)
                far += days > 7
                near += days <= 2
        print(f"{link:10.2f} {ari:9.3f} {derived:16.3f} {far:21d} {near:8d}", flush=True)


if __name__ == "__main__":
    main()
