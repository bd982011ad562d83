"""Seconds per corpus size for newsprov.dataset.compare (sentence_links + article_links).

Synthetic versions are made by perturbing the seed sentences: each synthetic
*story* renames every non-stop word of the seeds (so different stories share
only function words), and each *version* of a story drops ~15% of sentences,
swaps curly/straight quotes, and replaces a word in half the sentences. Two scenarios:

* corpus: N articles = N/5 stories x 5 versions; cost should grow linearly in N.
* one story: N versions of a single story; output is pairwise (N(N-1)/2
  article pairs), so time per output row is the figure to watch.

Prints numbers only; no assertions on time.
"""
import random
import sys
import time
import zlib
from pathlib import Path

import polars as pl

from newsprov.lang.words import STOPWORDS
from newsprov.dataset.compare.sentences import article_links, candidate_pairs, prepare, sentence_links

ROOT = Path(__file__).resolve().parents[1] / "dataset"


def seed_sentences() -> list[str]:
    s = pl.read_csv(ROOT / "tables" / "sentences.csv")
    return s.filter(pl.col("article_id") == s["article_id"][0])["text"].to_list()


def rename(word: str, story: int) -> str:
    h = zlib.crc32(f"{story}:{word}".encode())
    return word[0] + "".join("bcdfghklmnprstvz"[(h >> (4 * i)) & 15] for i in range(6))


def make_corpus(n_articles: int, versions: int, base: list[str]) -> pl.DataFrame:
    rows = []
    for a in range(n_articles):
        story, v = divmod(a, versions)
        rng = random.Random(a)
        aid = f"st{story:04d}_v{v:03d}"
        pos, idx = 0, 0
        for sent in base:
            if rng.random() < 0.15:
                continue
            words = [w if w.lower().strip(".,;:\"“”") in STOPWORDS else rename(w, story) for w in sent.split()]
            if rng.random() < 0.5:  # a sub-editor's word swap
                k = rng.randrange(len(words))
                words[k] = rename(words[k], -1 - a)
            text = " ".join(words)
            if rng.random() < 0.5:
                text = text.replace('"', "\u201c")
            rows.append((f"{aid}:s{idx:04d}", aid, f"{aid}:p{idx:03d}", idx, pos, pos + len(text), text))
            pos += len(text) + 1
            idx += 1
    return pl.DataFrame(rows, schema=["sentence_id", "article_id", "paragraph_id", "sentence_index", "start", "end", "text"],
                        orient="row")


def run(n: int, versions: int, base: list[str]) -> None:
    sents = make_corpus(n, versions, base)
    articles = pl.DataFrame({"article_id": sents["article_id"].unique().sort(), "wire_credits": None})
    t0 = time.perf_counter()
    cands = len(candidate_pairs(prepare(sents)))
    links = sentence_links(sents)
    article_links(sents, articles, links)
    dt = time.perf_counter() - t0
    print(f"{n:5d} articles {sents.height:6d} sentences  candidates {cands:8d}  link rows {links.height:8d}  "
          f"{dt:7.2f} s  {1e6 * dt / max(1, links.height):6.1f} us/row", flush=True)


def main() -> int:
    if not (ROOT / "tables" / "sentences.csv").exists():
        print("skipped: seed sentences table not present")
        return 0
    base = seed_sentences()
    print("corpus (5 versions per story):")
    for n in (50, 100, 200):
        run(n, 5, base)
    print("one story (all versions related):")
    for n in (10, 20, 40):
        run(n, n, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
