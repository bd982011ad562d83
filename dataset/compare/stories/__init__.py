"""Stories: group a corpus of news articles into stories (one event, many versions).

Two kinds of evidence link two articles:

* text reuse -- near-duplicate word shingles, estimated with datasketch MinHash
  and found through LSH band keys (bands x rows as datasketch.MinHashLSH picks
  them); buckets are capped, as passim caps n-gram frequency;
* shared event content -- reports of one event written independently share its
  rare words, names, phrases and figures: a tf-idf vector over words, numbers,
  capitalised multiword names and adjacent word pairs, compared by cosine;
  candidates come from an inverted index over each article's heaviest terms,
  skipping terms in more than DF_CAP articles. Such a pair links only with specific
  evidence of one event: SPECIFIC_PHRASES adjacent word pairs at most RARE_PHRASE_DF
  articles print, or a cosine of STRONG_EVENT (``Edges.specific``).

Clustering: only candidate pairs are scored; pairs that could link (near
duplicates, or cosine >= EVENT_LINK, and no veto) form connected components, and
each component is clustered by group-average linkage (UPGMA) on cosine with
near-duplicate groups merged first.  Two groups merge while their mean cross
cosine >= EVENT_LINK, at least LINK_DENSITY of their cross pairs reach it too,
and no cross pair is vetoed: stated dates too far apart, or disjoint rare
figures.  Single linkage (plain components) is kept as the chaining baseline.
Story id: the smallest article id of the story.

Every step is a pure function shaped for a Dask build: `signature` maps over
articles; `term_statistics` is a reduction (`merge_statistics` combines shards);
`vector` and `band_keys` map with the statistics broadcast; `candidate_pairs` is
a group-by (a shuffle) on band and term keys; `score_pairs` maps over pair
partitions; `cluster` maps over connected components.

Language and script: text is NFKD-folded (marks and format characters dropped,
decimal digits of every script to ASCII, Arabic-script letter variants unified)
and case-folded; scripts written without spaces (CJK, Thai, Lao, Khmer, Myanmar)
become character bigrams; names are found by capitalisation only where a script
has case, and rare words and word pairs do the work elsewhere.  Document
frequencies are counted within the articles written in a term's script, so the
function words of a language that is a minority of the corpus weigh as little
as in a corpus of that language alone.

Modules: params (the constants), text (folding, tokens, names, datelines), signatures (per
article, and corpus statistics), clustering (pair scores, vetoes, clustering).
Dependencies: numpy, scipy, datasketch.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Mapping

import numpy as np

from newsprov.dataset.compare.stories.params import BUCKET_CAP, DUP_RESEMBLANCE, EVENT_LINK, MIN_ARTICLES
from newsprov.dataset.compare.stories.text import date_distance, dateline_date, fold, names, tokens
from newsprov.dataset.compare.stories.signatures import (band_keys, candidate_pairs, containment, merge_statistics, signature,
                                                        term_statistics, vector)
from newsprov.dataset.compare.stories.clustering import Edges, Matrix, cluster, components, matrix, score_pairs, veto

__all__ = ["Stories", "group", "story_batches", "BATCH_ARTICLES", "signature", "term_statistics", "merge_statistics", "vector", "band_keys",
           "candidate_pairs", "containment", "matrix", "score_pairs", "cluster", "veto", "fold", "tokens", "names",
           "dateline_date", "date_distance", "BUCKET_CAP", "DUP_RESEMBLANCE", "EVENT_LINK", "MIN_ARTICLES"]

# articles per task when stories are shared out to an engine's workers
BATCH_ARTICLES = 200


def story_batches(story_of: Mapping[str, str] | None, articles, batch_articles: int | None = None) -> list[list[tuple[str, list[str]]]]:
    """The stories of two articles or more among ``articles`` (``story_of`` None: all one story
    "story"), as batches of (story, its sorted article ids) in story order, each batch closed
    once it holds ``batch_articles`` (default BATCH_ARTICLES) articles: the tasks of a per-story
    step on an engine (sentence links, reuse, drifts)."""
    batch_articles = batch_articles or BATCH_ARTICLES
    members: dict[str, list[str]] = {}
    for a in sorted(articles):
        story = "story" if story_of is None else story_of.get(a)
        if story is not None:
            members.setdefault(story, []).append(a)
    batches, batch, size = [], [], 0
    for story in sorted(st for st, ids in members.items() if len(ids) >= 2):
        batch.append((story, members[story]))
        size += len(members[story])
        if size >= batch_articles:
            batches.append(batch)
            batch, size = [], 0
    if batch:
        batches.append(batch)
    return batches


@dataclass(frozen=True)
class Stories:
    story_id: dict[str, str]          # article id -> story id (smallest article id in the story)
    links: dict[str, str]             # story id -> 'single' | 'reuse' | 'event' | 'reuse+event'
    edges: Edges
    matrix: Matrix


def group(articles: Mapping[str, str], dates: Mapping[str, str | None] | None = None, *,
          event_link: float = EVENT_LINK, method: str = "average", signatures: Mapping | None = None) -> Stories:
    """Article id -> story id for a corpus {article_id: text}.

    `dates`: optional curated dates (ISO or '--MM-DD') that override the dateline;
    a missing or None entry falls back to the date the text states, if any.
    `signatures`: each article's `signature`, when computed already (the build computes them
    with its other per-article work, possibly on Dask workers).
    Deterministic: the result depends on the set of articles, not their order.
    """
    ids = sorted(articles)
    dates = dates or {}
    sigs = [signatures[a] if signatures is not None else signature(a, articles[a], dates.get(a)) for a in ids]
    stats = term_statistics(sigs)
    vecs = [vector(s, stats) for s in sigs]
    mx = matrix(sigs, vecs)
    pairs = candidate_pairs([band_keys(s) for s in sigs], [v.index_keys for v in vecs])
    edges = score_pairs(mx, pairs)
    if len(ids) < MIN_ARTICLES:
        label = np.zeros(len(ids), dtype=np.int64)
    else:
        label = cluster(mx, edges, event_link=event_link, method=method)
    story, links = _describe(ids, label, edges, event_link)
    return Stories(story, links, edges, mx)


def _describe(ids: list[str], label: np.ndarray, edges: Edges, event_link: float):
    """Story ids and how each story is linked: 'single', 'reuse' (near-duplicates
    only), 'event' (shared event content only) or 'reuse+event'."""
    n = len(ids)
    story = {ids[i]: ids[label[i]] for i in range(n)}
    p = edges.pairs
    dup = (edges.veto == 0) & (edges.resemblance >= DUP_RESEMBLANCE)
    if len(p):
        dup &= label[p[:, 0]] == label[p[:, 1]]
    dcomp = components(n, p[dup]) if n else np.zeros(0, np.int64)
    parts: dict[int, set] = defaultdict(set)
    size = Counter(label.tolist())
    for i in range(n):
        parts[int(label[i])].add(int(dcomp[i]))
    links = {}
    for root in sorted(size):
        k = len(parts[root])
        links[ids[root]] = ("single" if size[root] == 1 else "reuse" if k == 1
                            else "event" if k == size[root] else "reuse+event")
    return story, links
