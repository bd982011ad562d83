"""Scores of candidate pairs (near-duplicate resemblance, event cosine, vetoes) and group-average
clustering of each connected component into stories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse

from newsprov.dataset.compare.stories.params import (DATE_WINDOW_DAYS, DUP_RESEMBLANCE, EVENT_LINK, FIGURE_MIN, LINK_DENSITY, NUM_PERM,
                                                     SPECIFIC_PHRASES, STRONG_EVENT)
from newsprov.dataset.compare.stories.text import date_distance
from newsprov.dataset.compare.stories.signatures import Signature, Vector

def veto(date_a: str | None, date_b: str | None, figs_a, figs_b) -> str | None:
    """Why two articles cannot report one event: 'date' when both state dates
    more than DATE_WINDOW_DAYS apart, 'figures' when both report FIGURE_MIN+ rare
    numbers and share none; else None."""
    if date_a and date_b and date_distance(date_a, date_b) > DATE_WINDOW_DAYS:
        return "date"
    if len(figs_a) >= FIGURE_MIN and len(figs_b) >= FIGURE_MIN and not set(np.asarray(figs_a).tolist()) & set(np.asarray(figs_b).tolist()):
        return "figures"
    return None


@dataclass
class Matrix:
    """Corpus arrays: what scoring and clustering read."""
    ids: list[str]
    minhash: np.ndarray        # n x NUM_PERM uint32
    shingles: np.ndarray       # n
    vectors: "sparse.csr_matrix"     # n x terms, unit rows (float32)
    figures: "sparse.csr_matrix"     # n x rare numbers, binary
    n_figures: np.ndarray
    date_ord: np.ndarray       # proleptic ordinal when the year is stated, else -1
    date_doy: np.ndarray       # day of year (leap-year calendar) when a date is stated, else -1
    phrases: "sparse.csr_matrix | None" = None  # n x rare phrases, binary (Vector.phrases)
    words: "sparse.csr_matrix | None" = None  # n x kept terms other than numbers, binary (Vector.words)


def _csr(rows: Sequence[np.ndarray], weights: Sequence[np.ndarray] | None):
    from scipy import sparse
    n = len(rows)
    allk = np.concatenate([np.asarray(r, dtype=np.uint64) for r in rows]) if n else np.zeros(0, np.uint64)
    if len(allk) == 0:
        return sparse.csr_matrix((n, 0), dtype=np.float32)
    _, col = np.unique(allk, return_inverse=True)
    indptr = np.r_[0, np.cumsum([len(r) for r in rows])]
    data = np.concatenate([np.asarray(w, dtype=np.float32) for w in weights]) if weights is not None \
        else np.ones(len(allk), dtype=np.float32)
    m = sparse.csr_matrix((data, col.astype(np.int64), indptr), shape=(n, int(col.max()) + 1))
    m.sort_indices()
    return m


def matrix(sigs: Sequence[Signature], vecs: Sequence[Vector]) -> Matrix:
    ords, doys = [], []
    for v in vecs:
        if v.date:
            y, m, d = (2000, int(v.date[-5:-3]), int(v.date[-2:])) if v.date.startswith("--") else map(int, v.date.split("-"))
            doys.append(dt.date(2000, m, d).timetuple().tm_yday)
            ords.append(-1 if v.date.startswith("--") else dt.date(y, m, d).toordinal())
        else:
            ords.append(-1)
            doys.append(-1)
    figs = [v.figures for v in vecs]
    return Matrix(
        ids=[s.article_id for s in sigs],
        minhash=np.stack([s.minhash for s in sigs]) if sigs else np.zeros((0, NUM_PERM), np.uint32),
        shingles=np.array([s.shingles for s in sigs], dtype=np.int64),
        vectors=_csr([v.keys for v in vecs], [v.weights for v in vecs]),
        figures=_csr(figs, None),
        n_figures=np.array([len(f) for f in figs], dtype=np.int64),
        date_ord=np.array(ords, dtype=np.int64),
        date_doy=np.array(doys, dtype=np.int64),
        phrases=_csr([v.phrases for v in vecs], None),
        words=_csr([v.words for v in vecs], None),
    )


def _rowdot(a, b) -> np.ndarray:
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


@dataclass
class Edges:
    pairs: np.ndarray          # m x 2 positions, i < j
    containment: np.ndarray    # estimated overlap / smaller shingle set
    resemblance: np.ndarray    # estimated overlap / larger shingle set
    cosine: np.ndarray         # event cosine
    veto: np.ndarray           # 0 none, 1 date, 2 figures
    phrases: np.ndarray | None = None  # rare phrases both print (None: not counted, every pair specific)

    def specific(self) -> np.ndarray:
        """Pairs with specific evidence of one event (params.SPECIFIC_PHRASES): rare phrases, or a strong cosine."""
        if self.phrases is None:
            return np.ones(len(self.pairs), dtype=bool)
        return (self.phrases >= SPECIFIC_PHRASES) | (self.cosine >= STRONG_EVENT)


def pair_vetoes(mx: Matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """0 = none, 1 = stated dates too far apart, 2 = disjoint rare figures."""
    out = np.zeros(len(i), dtype=np.int8)
    both = (mx.date_doy[i] >= 0) & (mx.date_doy[j] >= 0)
    if both.any():
        full = both & (mx.date_ord[i] >= 0) & (mx.date_ord[j] >= 0)
        d = np.abs(mx.date_doy[i] - mx.date_doy[j])
        dist = np.minimum(d, 366 - d)
        dist = np.where(full, np.abs(mx.date_ord[i] - mx.date_ord[j]), dist)
        out[both & (dist > DATE_WINDOW_DAYS)] = 1
    many = (out == 0) & (mx.n_figures[i] >= FIGURE_MIN) & (mx.n_figures[j] >= FIGURE_MIN)
    if many.any():
        shared = _rowdot(mx.figures[i[many]], mx.figures[j[many]])
        idx = np.flatnonzero(many)
        out[idx[shared == 0]] = 2
    return out


def score_pairs(mx: Matrix, pairs: np.ndarray, chunk: int = 20_000) -> Edges:
    """Containment (MinHash estimate), event cosine and veto for each candidate pair."""
    m = len(pairs)
    cont = np.zeros(m, dtype=np.float32)
    res = np.zeros(m, dtype=np.float32)
    cos = np.zeros(m, dtype=np.float32)
    vet = np.zeros(m, dtype=np.int8)
    phr = np.zeros(m, dtype=np.int32)
    for s in range(0, m, chunk):
        i, j = pairs[s:s + chunk, 0], pairs[s:s + chunk, 1]
        jac = np.count_nonzero(mx.minhash[i] == mx.minhash[j], axis=1) / NUM_PERM
        a, b = mx.shingles[i], mx.shingles[j]
        inter = jac / (1.0 + jac) * (a + b)
        cont[s:s + chunk] = np.where((a > 0) & (b > 0), np.minimum(1.0, inter / np.maximum(1, np.minimum(a, b))), 0.0)
        res[s:s + chunk] = np.where((a > 0) & (b > 0), np.minimum(1.0, inter / np.maximum(1, np.maximum(a, b))), 0.0)
        cos[s:s + chunk] = _rowdot(mx.vectors[i], mx.vectors[j])
        if mx.words is not None:  # numbers alone are no evidence of one event (Matrix.words)
            cos[s:s + chunk] *= _rowdot(mx.words[i], mx.words[j]) > 0
        vet[s:s + chunk] = pair_vetoes(mx, i, j)
        if mx.phrases is not None:
            phr[s:s + chunk] = _rowdot(mx.phrases[i], mx.phrases[j])
    return Edges(pairs, cont, res, cos, vet, phr if mx.phrases is not None else None)


# ---------------------------------------------------------------------------
# Clustering (per connected component)
# ---------------------------------------------------------------------------

#: Largest component clustered exactly (dense m x m similarities, ~8 m^2 bytes);
#: a larger one is first split by raising its edge threshold in SPLIT_STEP steps.
MAX_COMPONENT = 3000
SPLIT_STEP = 0.02


def _average_linkage(mx: Matrix, members: np.ndarray, dup_pairs: np.ndarray, event_link: float,
                     density: float | None = None) -> np.ndarray:
    """Flat clusters of one component: group-average linkage (UPGMA) on cosine.

    Near-duplicate groups start merged; two groups merge, best average first, while
    their mean cross-pair cosine is >= event_link, at least `density` of their
    cross pairs are themselves >= event_link (one bridging article cannot join two
    stories), and no cross pair is vetoed (cannot-link)."""
    density = LINK_DENSITY if density is None else density
    m = len(members)
    sub = mx.vectors[members]
    sim = (sub @ sub.T).tocsr().astype(np.float64)     # sparse: pairs sharing no term are absent
    if mx.words is not None:  # (as in score_pairs: pairs sharing numbers only are absent too)
        w = mx.words[members]
        sim = sim.multiply((w @ w.T).sign()).tocsr()
    sim.setdiag(0.0)
    sim.eliminate_zeros()
    # initial groups: near-duplicate components
    if len(dup_pairs):
        from scipy.sparse.csgraph import connected_components
        g = sparse.coo_matrix((np.ones(len(dup_pairs)), (dup_pairs[:, 0], dup_pairs[:, 1])), shape=(m, m))
        dc = connected_components(g, directed=False)[1]
    else:
        dc = np.arange(m)
    _, dc = np.unique(dc, return_inverse=True)
    k = int(dc.max()) + 1
    ind = sparse.csr_matrix((np.ones(m), (dc, np.arange(m))), shape=(k, m))
    strong_m = sim.copy()
    strong_m.data = (strong_m.data >= event_link).astype(np.float64)
    if mx.phrases is not None:  # a strong pair needs specific evidence too (Edges.specific)
        ph = mx.phrases[members]
        ph = (ph @ ph.T).tocsr()
        ph.data = (ph.data >= SPECIFIC_PHRASES).astype(np.float64)
        hi = sim.copy()
        hi.data = (hi.data >= STRONG_EVENT).astype(np.float64)
        strong_m = strong_m.multiply((ph + hi).sign()).tocsr()
    veto_m = sparse.lil_matrix((m, m), dtype=np.float64)
    cand = np.flatnonzero((mx.date_doy[members] >= 0) | (mx.n_figures[members] >= FIGURE_MIN))
    if len(cand) > 1:
        a, b = np.triu_indices(len(cand), 1)
        hit = pair_vetoes(mx, members[cand[a]], members[cand[b]]) > 0
        veto_m = sparse.coo_matrix((np.ones(2 * int(hit.sum())),
                                    (np.r_[cand[a][hit], cand[b][hit]], np.r_[cand[b][hit], cand[a][hit]])), shape=(m, m))

    def fold(mat) -> np.ndarray:
        return np.asarray((ind @ sparse.csr_matrix(mat) @ ind.T).todense())

    total = fold(sim)
    strong = fold(strong_m)
    vetoed = fold(veto_m) > 0
    size = np.bincount(dc, minlength=k).astype(np.float64)
    alive = np.ones(k, dtype=bool)

    def scores(i: int) -> np.ndarray:
        pairs_n = size[i] * size
        avg = total[i] / pairs_n
        ok = alive & (avg >= event_link) & (strong[i] >= density * pairs_n) & ~vetoed[i]
        ok[i] = False
        return np.where(ok, avg, -np.inf)

    score = np.stack([scores(i) for i in range(k)])
    arg = score.argmax(axis=1)
    best = score[np.arange(k), arg]
    label = np.arange(k)
    while True:
        i = int(np.argmax(best))
        if not np.isfinite(best[i]):
            break
        j = int(arg[i])
        a, b = min(i, j), max(i, j)
        total[a] += total[b]; total[:, a] = total[a]
        strong[a] += strong[b]; strong[:, a] = strong[a]
        vetoed[a] |= vetoed[b]; vetoed[:, a] = vetoed[a]
        size[a] += size[b]
        alive[b] = False
        label[label == b] = a
        score[b] = -np.inf; score[:, b] = -np.inf
        row = scores(a)
        score[a] = row; score[:, a] = row
        redo = np.flatnonzero(alive & ((arg == a) | (arg == b)))
        redo = np.union1d(redo, [a])
        up = alive & (score[:, a] > best)
        best[up] = score[up, a]; arg[up] = a
        for r in redo:
            arg[r] = int(np.argmax(score[r])); best[r] = score[r, arg[r]]
        best[b] = -np.inf
    return label[dc] + 1


def components(n: int, pairs: np.ndarray) -> np.ndarray:
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components
    g = sparse.coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    return connected_components(g, directed=False)[1]


def cluster(mx: Matrix, edges: Edges, *, event_link: float = EVENT_LINK,
            dup_resemblance: float | None = None, method: str = "average") -> np.ndarray:
    """Story label (smallest member position) for each article.

    Edges that can link (no veto; near-duplicate or cosine >= event_link) form
    components; method='single' stops there (connected components: the chaining
    baseline); method='average' clusters each component by group-average linkage
    on cosine with near-duplicates pre-merged and vetoes as cannot-links."""
    n = len(mx.ids)
    dup_resemblance = DUP_RESEMBLANCE if dup_resemblance is None else dup_resemblance
    dup = (edges.veto == 0) & (edges.resemblance >= dup_resemblance)
    link = dup | ((edges.veto == 0) & (edges.cosine >= event_link) & edges.specific())
    lp = edges.pairs[link]
    comp = components(n, lp) if n else np.zeros(0, np.int64)
    if method == "single":
        flat = comp
    else:
        flat = np.arange(n, dtype=np.int64) + n  # singletons keep ids of their own
        next_id = 0
        order = np.argsort(comp, kind="stable")
        starts = np.flatnonzero(np.r_[True, comp[order][1:] != comp[order][:-1]]) if n else np.zeros(0, np.int64)
        bounds = np.r_[starts, n]
        dp = edges.pairs[dup]
        dorder = np.argsort(comp[dp[:, 0]], kind="stable") if len(dp) else np.zeros(0, np.int64)
        dp = dp[dorder]
        dcomp = comp[dp[:, 0]] if len(dp) else np.zeros(0, np.int64)
        pos = np.zeros(n, dtype=np.int64)
        for s, e in zip(bounds[:-1], bounds[1:]):
            if e - s == 1:
                continue
            members = np.sort(order[s:e])
            c = comp[members[0]]
            lo, hi = np.searchsorted(dcomp, c), np.searchsorted(dcomp, c, side="right")
            for part in _split(mx, members, lp, edges.cosine[link], dup[link], event_link):
                pos[part] = np.arange(len(part))
                dsel = dp[lo:hi]
                if len(part) < len(members):
                    inside = np.isin(dsel[:, 0], part) & np.isin(dsel[:, 1], part)
                    dsel = dsel[inside]
                sub = _average_linkage(mx, part, pos[dsel], event_link) if len(part) > 1 else np.array([1])
                for k in np.unique(sub):
                    flat[part[sub == k]] = next_id
                    next_id += 1
    _, inv = np.unique(flat, return_inverse=True)
    first = np.full(inv.max() + 1 if n else 0, n, dtype=np.int64)
    np.minimum.at(first, inv, np.arange(n))
    return first[inv]


def _split(mx: Matrix, members: np.ndarray, lp: np.ndarray, lcos: np.ndarray, ldup: np.ndarray,
           event_link: float) -> list[np.ndarray]:
    """A component small enough for exact clustering, or its pieces at a raised edge threshold."""
    if len(members) <= MAX_COMPONENT:
        return [members]
    inside = np.isin(lp[:, 0], members)
    p, c, d = lp[inside], lcos[inside], ldup[inside]
    t = event_link
    while True:
        t += SPLIT_STEP
        keep = d | (c >= t)
        comp = components(len(mx.ids), p[keep])[members]
        parts = [members[comp == k] for k in np.unique(comp)]
        if max(len(x) for x in parts) <= MAX_COMPONENT or t > 1.0:
            out = []
            for x in parts:
                out.extend(_split(mx, x, p, c, d, t) if len(x) > MAX_COMPONENT and t <= 1.0 else [x])
            return out
