"""Write a synthetic corpus of many stories, derived from real text, as a flat folder of *.txt.

    python benchmarks/make_corpus.py OUT_DIR --articles N [--seed S] [--singletons 0.25] [--max-versions 200]

What it writes (seeded: the same arguments give the same bytes):

* Stories of 2 to `--max-versions` versions (sizes drawn with weight k**-1.6, so most
  stories are small and a few are large) plus singleton articles (`--singletons` of the
  articles).
* Each story has a *base article* recombined from real text: a headline taken from a
  real sentence, an invented event lead (two invented people, a place, numbers: what makes
  one story's event different from another's), then 8 to 20 paragraphs, each a run of 1 to
  4 consecutive sentences of one real paragraph (so quotations and their attributions stay
  whole). About half the stories carry a wire dateline ("PLACE, Mon. D (AP) --").
* Versions are derived from the base the way outlets rewrite a wire story (as
  benchmarks/bench_story.py does): about 15% of sentences dropped, adjacent sentences
  swapped, a paragraph moved up, a word dropped or replaced by a near-synonym,
  punctuation changed (curly/straight quotes, dashes, an Oxford comma), sometimes a
  sentence of other real text added.
* The real text is read at run time from PolNeAR (train and dev, all of
  ../shared/corpora/polnear/*/text) and the five seeds (dataset/sources of the project).
  Nothing of it is stored here; the corpus folder must not be committed.

Writes OUT_DIR/*.txt (file names are random hex, so names say nothing of the story) and
OUT_DIR.labels.tsv (article_id, story) beside the folder. Prints a summary.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

from bench_story import _edit_words, _punctuate  # (benchmarks/: how outlets rewrite a wire story)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSPROV_SHARED", REPO.parent / "shared"))
SEEDS = REPO / "dataset" / "sources"

SENTENCE = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])")
SYNONYMS = {
    "said": "stated", "talks": "negotiations", "official": "representative", "attack": "strike",
    "began": "started", "ended": "concluded", "large": "big", "continue": "go on", "killed": "slain",
    "however": "but", "early": "earlier", "major": "big", "told": "informed", "says": "states",
    "campaign": "bid", "voters": "the electorate", "support": "backing", "plan": "proposal",
    "week": "seven days", "big": "large", "new": "fresh", "help": "assist", "claimed": "said",
}
SYLLABLES = "ka lo mi ran tes vo bur zel dan fi gor hal jin ner pol sar tun wex qua bri mor ste".split()
PLACES = "Tarvel Ostrana Kelmira Dunhollow Marisk Pellanor Veyburg Quillon Soradi Lunetta Harrowgate Bexmoor".split()
MONTHS = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()
AGENCIES = ("AP", "AFP", "Reuters")
VERBS = ("met", "criticised", "endorsed", "debated", "sued", "challenged", "praised", "joined")


def real_texts() -> list[str]:
    """The real articles the corpus is derived from, sorted by path (a fixed order)."""
    files = sorted((SHARED / "corpora" / "polnear").glob("*/text/*.txt")) + sorted(SEEDS.glob("*.txt"))
    if not files:
        sys.exit(f"make_corpus: no texts under {SHARED / 'corpora' / 'polnear'} or {SEEDS}")
    return [f.read_text(encoding="utf-8-sig") for f in files]


def pools(texts: list[str]) -> tuple[list[list[str]], list[str]]:
    """Paragraphs (as sentence lists, 2+ words each) and headline candidates."""
    paragraphs, heads = [], []
    for text in texts:
        blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
        for block in blocks[1:]:
            sentences = [s for s in SENTENCE.split(" ".join(block.split())) if len(s.split()) >= 4]
            if sentences:
                paragraphs.append(sentences)
        for s in (s for b in blocks[1:] for s in SENTENCE.split(b)):
            words = s.split()
            if 6 <= len(words) <= 14 and s[:1].isupper() and len(words[-1]) > 4 and not set(s) & set("\"'\u201c\u201d\u2018\u2019:?"):
                heads.append(s.strip().rstrip("."))
    return paragraphs, heads


def _name(rng: random.Random) -> str:
    word = lambda k: "".join(rng.choice(SYLLABLES) for _ in range(k)).capitalize()
    return f"{word(2)} {word(rng.choice((2, 3)))}"


def base_article(rng: random.Random, paragraphs: list[list[str]], heads: list[str]) -> tuple[str, list[list[str]]]:
    """(headline, paragraphs as sentence lists) of a story's base article."""
    place = rng.choice(PLACES)
    a, b = _name(rng), _name(rng)
    lead = (f"{a} {rng.choice(VERBS)} {b} in {place} on {rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'))}, "
            f"officials said, after {rng.randint(120, 98000):,} people signed a petition and "
            f"{rng.randint(2, 900)}.{rng.randint(1, 9)} million dollars were pledged.")
    follow = f"{a.split()[1]} and {b.split()[1]} are expected to meet again in {rng.randint(2, 11)} weeks."
    body = [[lead, follow]]
    for _ in range(rng.randint(8, 20)):
        source = rng.choice(paragraphs)
        k = rng.randint(1, min(4, len(source)))
        at = rng.randrange(len(source) - k + 1)
        body.append(list(source[at:at + k]))
    if rng.random() < 0.5:  # a wire dateline opens the lead
        body[0][0] = f"{place.upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)} ({rng.choice(AGENCIES)}) \u2014 " + body[0][0]
    return rng.choice(heads), body


def render(headline: str, body: list[list[str]]) -> str:
    return headline + "\n\n" + "\n\n".join(" ".join(p) for p in body if p) + "\n"


def version(headline: str, body: list[list[str]], rng: random.Random, paragraphs: list[list[str]]) -> str:
    """One outlet's rewrite of the base (drops, swaps, moves, word and punctuation edits, an addition)."""
    out = []
    for k, para in enumerate(body):
        kept = [s for s in para if rng.random() > 0.15] or para[:1]
        if k == 0:
            kept = para[:1] + [s for s in para[1:] if s in kept]  # the lead stays
        if len(kept) > 1 and rng.random() < 0.2:
            i = rng.randrange(len(kept) - 1)
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
        out.append([_edit_words(s, rng, SYNONYMS) for s in kept])
    if len(out) > 3 and rng.random() < 0.3:
        out.insert(1, out.pop(rng.randrange(2, len(out))))
    if rng.random() < 0.3:  # the outlet adds a sentence of its own
        out.insert(rng.randrange(1, len(out) + 1), [rng.choice(rng.choice(paragraphs))])
    head = _edit_words(headline, rng, SYNONYMS) if rng.random() < 0.5 else headline
    return _punctuate(render(head, out), rng)


def story_sizes(rng: random.Random, n_articles: int, singletons: float, max_versions: int) -> list[int]:
    ks = list(range(2, max_versions + 1))
    weights = [k ** -1.6 for k in ks]
    sizes, in_stories = [], 0
    target = round(n_articles * (1 - singletons))
    while in_stories < target:
        k = min(rng.choices(ks, weights)[0], target - in_stories)
        if k < 2:
            break
        sizes.append(k)
        in_stories += k
    sizes += [1] * (n_articles - sum(sizes))
    rng.shuffle(sizes)
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--singletons", type=float, default=0.25, help="share of the articles that are singletons")
    ap.add_argument("--max-versions", type=int, default=200)
    args = ap.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"make_corpus: {args.out}: not empty")
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    paragraphs, heads = pools(real_texts())
    sizes = story_sizes(rng, args.articles, args.singletons, args.max_versions)
    names: set[str] = set()
    labels, total = [], 0
    for story, size in enumerate(sizes):
        headline, body = base_article(rng, paragraphs, heads)
        for v in range(size):
            text = render(headline, body) if size == 1 else version(headline, body, rng, paragraphs)
            name = f"{rng.getrandbits(64):016x}"
            while name in names:
                name = f"{rng.getrandbits(64):016x}"
            names.add(name)
            data = text.encode("utf-8")
            (args.out / f"{name}.txt").write_bytes(data)
            total += len(data)
            labels.append((name, f"s{story:06d}"))
    labels.sort()
    (args.out.parent / f"{args.out.name}.labels.tsv").write_text(
        "article_id\tstory\n" + "".join(f"{a}\t{s}\n" for a, s in labels), encoding="utf-8")
    by_size = Counter(sizes)
    print(f"{args.out}: {len(labels)} articles, {total / 1e6:.1f} MB, {len(sizes)} stories "
          f"({by_size[1]} singletons, largest {max(sizes)} versions, "
          f"{sum(k for k in sizes if k >= 50)} articles in stories of 50+ versions); "
          f"pool: {len(paragraphs)} real paragraphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
