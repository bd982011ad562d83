"""Build the stories table (and each article's story): the corpus grouped into stories."""

from typing import NamedTuple

import polars as pl

from newsprov.dataset.compare.stories import MIN_ARTICLES, group
from newsprov.dataset.context import BuildContext
from newsprov.schemas.base import dtypes
from newsprov.schemas.stories import Stories

SCHEMA = Stories


class Grouped(NamedTuple):
    story_id: dict[str, str]  # article id -> story id
    links: dict[str, str]  # story id -> how its articles were linked


def grouped(ctx: BuildContext) -> Grouped:
    """The build's stories, computed once: from the texts and the dates they state (dateline or
    curated sources.csv). Only the grouping is kept: the articles' signatures and the pair
    scores are dropped once it is made (at 30,000 articles they are gigabytes)."""
    def compute(c: BuildContext) -> Grouped:
        stories = group({s.article_id: s.text for s in c.sources}, {s.article_id: s.meta.dateline_date for s in c.sources},
                        signatures=c.per_article("story_signature"))
        c.forget("per-article:story_signature")
        return Grouped(stories.story_id, stories.links)
    return ctx.cached("stories", compute)


def story_of(ctx: BuildContext) -> dict[str, str]:
    """article id -> story id."""
    return grouped(ctx).story_id


def build(ctx: BuildContext) -> pl.DataFrame:
    stories = grouped(ctx)
    sizes: dict[str, int] = {}
    for sid in stories.story_id.values():
        sizes[sid] = sizes.get(sid, 0) + 1
    small = len(ctx.sources) < MIN_ARTICLES
    rows = [{"story_id": sid, "n_articles": n,
             "linked_by": "folder" if small and n > 1 else stories.links[sid],
             "method": "small-folder" if small else "minhash-lsh+event-cosine"} for sid, n in sorted(sizes.items())]
    return pl.DataFrame(rows, schema=dtypes(SCHEMA)).sort("story_id")
