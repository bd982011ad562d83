"""Per-article signatures (MinHash of word shingles, terms, figures, date), corpus term statistics,
event vectors, LSH band keys and candidate pairs."""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from datasketch import MinHash

from newsprov.dataset.compare.stories.params import (BUCKET_CAP, BUCKET_WINDOW, DF_CAP, FIGURE_MIN_DF, FIGURE_RARE_FRACTION, IDF_POWER, INDEX_TERMS, LSH_BANDS, LSH_ROWS, MIN_ARTICLES, MINHASH_SEED, NORM_UNSHARED, NUM_PERM, PHRASES, PROBABILISTIC_IDF, RARE_PHRASE_DF, SHINGLE_WORDS, VECTOR_TERMS)
from newsprov.dataset.compare.stories.text import dateline_date, fold, scan, scan_names, script_of

@lru_cache(maxsize=1 << 18)  # (the same words and names recur from article to article)
def _h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


def _identity(x: int) -> int:
    return x


@lru_cache(maxsize=None)  # (a few dozen scripts)
def script_code(script: str) -> int:
    """Stable small integer for a script name (DIGIT for numbers)."""
    return zlib.crc32(script.encode("ascii", "replace"))


DIGIT = script_code("DIGIT")


@dataclass(frozen=True)
class Signature:
    article_id: str
    script: int                      # script_code of the article's dominant script
    minhash: np.ndarray              # uint32[NUM_PERM] over word shingles
    shingles: int                    # distinct shingles
    term_keys: np.ndarray            # uint64, sorted: hashed words, numbers, names, phrases
    term_counts: np.ndarray          # int32, occurrences in the article
    term_scripts: np.ndarray         # uint32 script_code of each term (DIGIT for numbers)
    date: str | None = None
    phrase_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))  # uint64, sorted: the phrase terms


_MIX = np.uint64(0x100000001B3)


def shingle_hashes(keys: Sequence[str]) -> np.ndarray:
    """Distinct 32-bit hashes of the SHINGLE_WORDS-word shingles (one shingle if shorter)."""
    if not keys:
        return np.zeros(0, dtype=np.uint32)
    uniq = {k: _h64(k) for k in set(keys)}
    h = np.fromiter((uniq[k] for k in keys), dtype=np.uint64, count=len(keys))
    width = min(SHINGLE_WORDS, len(keys))
    count = len(keys) - width + 1
    acc = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(width):
            acc = acc * _MIX ^ h[k:k + count]
    return np.unique((acc >> np.uint64(32)).astype(np.uint32))


def signature(article_id: str, text: str, date: str | None = None) -> Signature:
    """Everything stories need from one article, computed from its text alone.

    `date`: a date the article states (ISO, or '--MM-DD'); by default the
    dateline's, if any (`dateline_date`).
    """
    folded = fold(text)
    sc = scan(folded)
    keys = sc.keys
    terms: dict[int, tuple[int, int]] = {}  # term key -> (occurrences, script code)
    scripts: Counter = Counter()
    for k, c in Counter(keys).items():
        if k[0].isdigit():
            terms[_h64("n\x00" + k)] = (c, DIGIT)
        else:
            script = script_of(k[0])
            scripts[script] += c
            if len(k) >= 2:
                terms[_h64("w\x00" + k)] = (c, script_code(script))
    doc_script = min(scripts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if scripts else "DIGIT"

    shingle_set = shingle_hashes(keys)
    mh = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=_identity)
    if len(shingle_set):
        mh.update_batch(shingle_set.tolist())

    for name, c in Counter(scan_names(sc)).items():
        terms[_h64("e\x00" + name)] = (c, _script_key(name[0]))
    if PHRASES:
        pairs: Counter = Counter(x + " " + y for x, y, gap in zip(keys, keys[1:], sc.gaps)
                                 if gap.isspace() and not x[0].isdigit() and not y[0].isdigit())
        phrase = np.empty(len(pairs), dtype=np.uint64)
        for n, (ph, c) in enumerate(pairs.items()):
            key = phrase[n] = _h64("p\x00" + ph)
            terms[key] = (c, _script_key(ph[0]))
        phrase_keys = np.unique(phrase)
    else:
        phrase_keys = np.zeros(0, np.uint64)
    term_keys = np.fromiter(terms.keys(), dtype=np.uint64, count=len(terms))
    order = np.argsort(term_keys)
    vals = np.array(list(terms.values()), dtype=np.int64).reshape(-1, 2)[order]
    if date is None:
        date = dateline_date(text, folded)
    return Signature(article_id, script_code(doc_script), mh.hashvalues.astype(np.uint32), len(shingle_set),
                     term_keys[order], vals[:, 0].astype(np.int32), vals[:, 1].astype(np.uint32), date, phrase_keys)


@lru_cache(maxsize=4096)
def _script_key(ch: str) -> int:
    """script_code of a character's script."""
    return script_code(script_of(ch))


# ---------------------------------------------------------------------------
# Corpus statistics (a reduction) and event vectors (map)
# ---------------------------------------------------------------------------

@dataclass
class TermStats:
    keys: np.ndarray                 # uint64 sorted term keys
    df: np.ndarray                   # documents containing each key
    population: dict[int, int]       # script code -> documents whose dominant script it is
    documents: int

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Document frequency of each key (0 when unseen)."""
        if len(self.keys) == 0:
            return np.zeros(len(keys), dtype=np.int64)
        pos = np.searchsorted(self.keys, keys)
        pos = np.minimum(pos, len(self.keys) - 1)
        return np.where(self.keys[pos] == keys, self.df[pos], 0)


def term_statistics(signatures: Iterable[Signature]) -> TermStats:
    """Document frequencies and script populations.  Mergeable: statistics of
    shards combine with `merge_statistics` (a Dask reduction)."""
    sigs = list(signatures)
    keys = np.concatenate([s.term_keys for s in sigs]) if sigs else np.zeros(0, np.uint64)
    uk, df = np.unique(keys, return_counts=True)
    return TermStats(uk, df.astype(np.int64), dict(Counter(s.script for s in sigs)), len(sigs))


def merge_statistics(parts: Sequence[TermStats]) -> TermStats:
    keys = np.concatenate([p.keys for p in parts])
    df = np.concatenate([p.df for p in parts])
    uk, inv = np.unique(keys, return_inverse=True)
    total = np.bincount(inv, weights=df, minlength=len(uk)).astype(np.int64)
    pop: Counter = Counter()
    for p in parts:
        pop.update(p.population)
    return TermStats(uk, total, dict(pop), sum(p.documents for p in parts))


@dataclass(frozen=True)
class Vector:
    article_id: str
    keys: np.ndarray        # uint64, sorted
    weights: np.ndarray     # float32, L2-normalised
    index_keys: np.ndarray  # uint64: the INDEX_TERMS heaviest terms with df <= DF_CAP
    figures: np.ndarray     # uint64: rare numbers (df <= FIGURE_RARE_FRACTION of the corpus)
    date: str | None
    phrases: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))  # uint64: rare phrases (2 <= df <= RARE_PHRASE_DF)
    words: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))  # uint64: the kept terms that are not numbers


def vector(sig: Signature, stats: TermStats, *, vector_terms: int | None = None,
           index_terms: int | None = None, df_cap: int | None = None) -> Vector:
    """Sublinear tf x script-population idf over terms that occur in 2+ articles;
    the heaviest `vector_terms` kept, unit length."""
    vector_terms = VECTOR_TERMS if vector_terms is None else vector_terms
    index_terms = INDEX_TERMS if index_terms is None else index_terms
    df_cap = DF_CAP if df_cap is None else df_cap
    df = stats.lookup(sig.term_keys)
    pop = np.zeros(len(df))
    for code in np.unique(sig.term_scripts):
        n = stats.documents if code == DIGIT else stats.population.get(int(code), 0)
        pop[sig.term_scripts == code] = max(n, MIN_ARTICLES) if n else 0
    pop = np.maximum(pop, df)
    ok = df > 1
    idf = np.zeros(len(df))
    if PROBABILISTIC_IDF:
        # Robertson-Sparck Jones: a word in half the articles or more carries no weight,
        # whatever the corpus size
        idf[ok] = np.maximum(0.0, np.log((pop[ok] - df[ok] + 0.5) / (df[ok] + 0.5)))
    else:
        idf[ok] = np.log(pop[ok] / df[ok])
    w = (1.0 + np.log(np.maximum(sig.term_counts, 1))) * idf ** IDF_POWER
    live = np.flatnonzero(w > 0)
    # heaviest first; ties by key so the choice never depends on input order
    order = live[np.lexsort((sig.term_keys[live], -w[live]))]
    kept = order[:vector_terms]
    # "rare" is relative to the corpus: below FIGURE_MIN_DF / FIGURE_RARE_FRACTION
    # articles (100) no number is rare, and figures never veto
    rare_cap = FIGURE_RARE_FRACTION * stats.documents
    num = np.flatnonzero((sig.term_scripts == DIGIT) & (df >= FIGURE_MIN_DF) & (df <= rare_cap))
    numbers = num
    index = kept[df[kept] <= df_cap][:index_terms]
    kept = np.sort(kept)  # term keys are sorted, so positions sort keys
    weights = w[kept]
    norm = float(np.sqrt((weights * weights).sum()))
    if NORM_UNSHARED:
        # terms no other article has still make this article about something else
        lone = df == 1
        w1 = (1.0 + np.log(np.maximum(sig.term_counts[lone], 1))) * np.log(np.maximum(pop[lone], 1.0))
        norm = float(np.sqrt(norm * norm + (w1 * w1).sum()))
    if norm > 0:
        weights = weights / norm
    pdf = stats.lookup(sig.phrase_keys)
    return Vector(sig.article_id, sig.term_keys[kept], weights.astype(np.float32),
                  sig.term_keys[index], np.sort(sig.term_keys[numbers]), sig.date,
                  sig.phrase_keys[(pdf >= 2) & (pdf <= RARE_PHRASE_DF)],
                  sig.term_keys[kept[sig.term_scripts[kept] != DIGIT]])


def cosine(a: Vector, b: Vector) -> float:
    common, ia, ib = np.intersect1d(a.keys, b.keys, assume_unique=True, return_indices=True)
    if len(common) == 0:
        return 0.0
    return float(np.dot(a.weights[ia].astype(np.float64), b.weights[ib]))


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller shingle set found in the other (from MinHash)."""
    if a.shingles == 0 or b.shingles == 0:
        return 0.0
    j = float(np.count_nonzero(a.minhash == b.minhash)) / NUM_PERM
    inter = j / (1.0 + j) * (a.shingles + b.shingles)
    return min(1.0, inter / min(a.shingles, b.shingles))


# ---------------------------------------------------------------------------
# Candidate pairs: a group-by on keys (the shuffle of a distributed build)
# ---------------------------------------------------------------------------

def band_keys(sig: Signature) -> np.ndarray:
    """LSH band keys of an article: one uint64 per band, band index folded in."""
    if sig.shingles == 0:
        return np.zeros(0, dtype=np.uint64)
    rows = sig.minhash[: LSH_BANDS * LSH_ROWS].reshape(LSH_BANDS, LSH_ROWS).astype(np.uint64)
    key = np.arange(LSH_BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for r in range(LSH_ROWS):  # FNV-style mix of the band's rows; collisions only add candidates
        key = (key ^ rows[:, r]) * np.uint64(0x100000001B3)
    return key


def _pairs_from_groups(keys: np.ndarray, members: np.ndarray, cap: int, window: int | None) -> np.ndarray:
    """All pairs of members sharing a key, for keys held by 2..cap members; keys
    held by more get `window` neighbours each (in member order), or none if window is None."""
    if len(keys) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    order = np.lexsort((members, keys))
    k, m = keys[order], members[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    sizes = np.diff(np.r_[starts, len(k)])
    out = []
    for size in np.unique(sizes):
        if size < 2:
            continue
        firsts = starts[sizes == size]
        if size <= cap:
            a, b = np.triu_indices(size, 1)
            block = m[firsts[:, None] + np.arange(size)]          # groups x size
            out.append(np.stack([block[:, a].ravel(), block[:, b].ravel()], axis=1))
        elif window:
            for f in firsts:
                g = m[f:f + size]
                for w in range(1, window + 1):
                    out.append(np.stack([g[:-w], g[w:]], axis=1))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    return np.concatenate(out).astype(np.int64)


def candidate_pairs(bands: Sequence[np.ndarray], index: Sequence[Sequence[int]]) -> np.ndarray:
    """Unique pairs (i < j, positions) that share an LSH bucket or an indexed rare term.

    bands[i]: band keys of article i; index[i]: its indexed terms.  Buckets over
    BUCKET_CAP are walked with a BUCKET_WINDOW (copies of one text chain up);
    terms in more than DF_CAP indexes are skipped (not rare)."""
    n = len(bands)
    bk = np.concatenate([np.asarray(b, dtype=np.uint64) for b in bands]) if n else np.zeros(0, np.uint64)
    bm = np.repeat(np.arange(n), [len(b) for b in bands])
    tk = np.array([k for ks in index for k in ks], dtype=np.uint64)
    tm = np.repeat(np.arange(n), [len(ks) for ks in index])
    pairs = np.concatenate([_pairs_from_groups(bk, bm, BUCKET_CAP, BUCKET_WINDOW),
                            _pairs_from_groups(tk, tm, DF_CAP, None)])
    if len(pairs) == 0:
        return pairs
    pairs = np.sort(pairs, axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    code = np.unique(pairs[:, 0] * np.int64(n) + pairs[:, 1])
    return np.stack([code // n, code % n], axis=1)
