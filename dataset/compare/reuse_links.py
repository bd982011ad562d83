"""Article-level reuse measured on tokens: the article_links and reuse_runs tables.

``reuse_tables(texts, articles, links, story_of=None, engine=None) -> (article_links, reuse_runs)``

Which pairs (within each story of ``story_of``, article id -> story id; default one story): the candidate pairs of ``reuse.candidate_pairs`` (articles sharing
rare word trigrams, each article with at most its ``MAX_PARTNERS`` closest:
never all pairs of a corpus, so the work grows linearly with the number of
articles) plus the pairs ``sentence_links`` aligned. A pair is listed when the
sentence alignment linked it or when the two share a counted run of at least
``reuse.MOVED_MIN`` word-equivalents (half a news sentence: a short set phrase
shared by two unrelated articles does not make a link).

``article_links`` (one row per pair ``article_id < other_article_id``):

* ``reused_share`` / ``reused_share_other``: share of each version's words
  (quotations left out, see ``reuse.shares``) lying in runs reused from the
  other, 4 decimals; independent of sentence splitting and of the script.
* ``n_runs``: the runs counted (rows of ``reuse_runs`` for the pair).
* ``likely_origin``: the article that contains most of the other (at least
  ``reuse.ORIGIN_CONTAINED`` = 0.6 of the other lies in runs reused from it,
  and the other's share is at least ``reuse.ORIGIN_MARGIN`` = 0.1 higher than
  its own): the likely wire origin, as clients cut wire copy. A presumption
  from text alone: a newspaper that *expands* agency copy contains it too.
* ``n_aligned``: sentence pairs aligned by ``sentence_links``; ``shared_wire``:
  the wire credits both print.

``reuse_runs`` (one row per counted run): spans in both sources
(``source[start:end] == text``), the tokens aligned, ``kind`` (``verbatim``:
one unbroken run of equal words; ``near_verbatim``: verbatim pieces joined
across small edits), ``in_order`` (on the main chain of runs ordered alike in
both texts; false for a block an editor moved).
"""

from __future__ import annotations

import polars as pl

from newsprov.dataset.compare.stories import story_batches
from newsprov.dataset.compare import reuse
from newsprov.dataset.compare.sentences import parse_credits
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import ArticleLinks
from newsprov.schemas.reuse import ReuseRuns

__all__ = ["METHOD", "LINK_SCHEMA", "RUN_SCHEMA", "reuse_tables", "pair_reuse"]

METHOD = "greedy_string_tiling"
LINK_SCHEMA = dtypes(ArticleLinks)
RUN_SCHEMA = dtypes(ReuseRuns)


def pair_reuse(ta, tb, prepared=None) -> tuple[float, float, list[reuse.Run]]:
    """Directional shares and the counted runs (those ``reuse.shares`` counts) of two token lists
    (``prepared``: their ``reuse.prepare``, when computed already)."""
    runs = reuse.find_runs(ta, tb, prepared=prepared)
    share_a, share_b = reuse.shares(runs, ta, tb, prepared=prepared)
    counted = [r for r in runs if r.in_order or r.weight + 1e-9 >= reuse.MOVED_MIN]
    return share_a, share_b, counted


def reuse_tables(texts: dict[str, str], articles: pl.DataFrame, links: pl.DataFrame,
                 story_of: dict[str, str] | None = None, engine=None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """article_links and reuse_runs for the articles' texts (module doc). Stories are independent:
    batches of them run on ``engine`` (newsprov.core.engine; default this process), each from
    its own texts and rows only, so the rows are the same whichever way they ran."""
    n_aligned: dict[tuple[str, str], int] = {}
    for aid, oaid, osid in links.select("article_id", "other_article_id", "other_sentence_id").iter_rows():
        key = (min(aid, oaid), max(aid, oaid))
        n_aligned[key] = n_aligned.get(key, 0) + (osid is not None)
    credits: dict[str, set] = {}
    if "wire_credits" in articles.columns:
        credits = {a: parse_credits(c) for a, c in articles.select("article_id", "wire_credits").iter_rows()}
    tasks = []
    for batch in story_batches(story_of, texts):
        ids = {a for _story, members in batch for a in members}
        tasks.append(([{a: texts[a] for a in members} for _story, members in batch],
                      {a: credits[a] for a in ids if credits.get(a)},
                      {p: n for p, n in n_aligned.items() if p[0] in ids}))
    results = engine.map(_reuse_batch, tasks) if engine is not None else [_reuse_batch(t) for t in tasks]
    links_out = [d for d, _r in results if len(d)]
    runs_out = [r for _d, r in results if len(r)]
    del results
    # in the tables' order and with their columns, so that the builders' tables share these
    # frames' memory instead of copying them (reuse_runs is the corpus's largest table)
    return ((pl.concat(links_out) if links_out else pl.DataFrame(schema=LINK_SCHEMA)).sort("article_id", "other_article_id"),
            (pl.concat(runs_out) if runs_out else pl.DataFrame(schema=RUN_SCHEMA)).sort("article_id", "other_article_id", "start"))


def _reuse_batch(task) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The article_links and reuse_runs rows of a batch of stories (a task: a pure function)."""
    stories, credits, n_aligned = task
    link_rows, run_rows = [], []
    for texts in stories:
        tokens = {aid: reuse.tokenise(texts[aid]) for aid in sorted(texts)}
        pairs = reuse.candidate_pairs(tokens) | {p for p in n_aligned if p[0] in tokens and p[1] in tokens}
        prepared = reuse.prepare(tokens)
        for a, b in sorted(pairs):
            share_a, share_b, runs = pair_reuse(tokens[a], tokens[b], (prepared[a], prepared[b]))
            if (a, b) not in n_aligned and not any(r.weight + 1e-9 >= reuse.MOVED_MIN for r in runs):
                continue
            origin = reuse.likely_origin(share_a, share_b)
            common = credits.get(a, set()) & credits.get(b, set())
            link_rows.append({
                "article_id": a, "other_article_id": b, "reused_share": round(share_a, 4),
                "reused_share_other": round(share_b, 4), "n_runs": len(runs),
                "likely_origin": {"a": a, "b": b}.get(origin),
                "n_aligned": n_aligned.get((a, b), 0), "shared_wire": "; ".join(sorted(common)) if common else None,
                "method": METHOD,
            })
            ta, tb = texts[a], texts[b]
            for r in runs:
                run_rows.append({
                    "article_id": a, "other_article_id": b, "start": r.a_start, "end": r.a_end,
                    "text": ta[r.a_start:r.a_end], "other_start": r.b_start, "other_end": r.b_end,
                    "other_text": tb[r.b_start:r.b_end], "n_words": len(r.matched_a), "kind": r.kind,
                    "in_order": r.in_order, "method": METHOD,
                })
    return (pl.DataFrame(link_rows, schema=LINK_SCHEMA) if link_rows else pl.DataFrame(schema=LINK_SCHEMA),
            pl.DataFrame(run_rows, schema=RUN_SCHEMA) if run_rows else pl.DataFrame(schema=RUN_SCHEMA))
