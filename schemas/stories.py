"""The stories table: the corpus grouped into stories (one event, many versions)."""

from __future__ import annotations

import pandera.polars as pa

from newsprov.schemas.base import ARTICLE_ID, Rule, TableModel, anchored
from newsprov.schemas.story_rules import one_story_per_row, story_sizes

LINKED_BY = ("single", "reuse", "event", "reuse+event", "folder")
STORY_METHODS = ("minhash-lsh+event-cosine", "small-folder")
# the cross-outlet tables, each with the columns naming the articles a row relates
CROSS_OUTLET = {
    "sentence_links": ("article_id", "other_article_id"),
    "article_links": ("article_id", "other_article_id"),
    "reuse_runs": ("article_id", "other_article_id"),
    "quote_groups": ("group_id", "article_id"),
    "figure_groups": ("group_id", "article_id"),
    "unquoted": ("group_id", "article_id"),
    "drift_spans": ("drift_id", "article_id"),
}


class Stories(TableModel):
    """Stories
    The stories of the corpus, one row per story: articles reporting one event, linked by reused
    text (near-duplicate word shingles, MinHash) or by shared event content (rare words, names,
    word pairs and figures, tf-idf cosine, group-average linkage), never across stated dates more
    than a day apart. Each article's story is articles.story_id; every cross-outlet table
    (sentence links, article links, reuse runs, quote and figure groups, unquoted reuse,
    drifts) relates articles of one story only. A folder of fewer than ten articles is one story.
    """

    _group = "comparison"
    _primary_key = ("story_id",)
    _rules = (
        Rule("story-size", {"stories": ("story_id", "n_articles"), "articles": ("article_id", "story_id")}, story_sizes),
        Rule("one-story", {"articles": ("article_id", "story_id"), **CROSS_OUTLET}, one_story_per_row(CROSS_OUTLET)),
    )

    story_id: str = pa.Field(unique=True, str_matches=anchored(ARTICLE_ID), description="The story's id: the smallest article_id among its articles (so it depends on the set of articles, never on their order).")
    n_articles: int = pa.Field(ge=1, description="Articles of the story (rows of articles with this story_id).")
    linked_by: str = pa.Field(isin=list(LINKED_BY), description="What links its articles: single (one article), reuse (near-duplicate text only), event (shared event content only), reuse+event (both), folder (a folder of fewer than ten articles is one story by rule: document frequencies over so few articles cannot tell a story's own words from its language's).")
    method: str = pa.Field(isin=list(STORY_METHODS), description="How the story was formed: minhash-lsh+event-cosine (the clustering), or small-folder (the rule for folders of fewer than ten articles).")

    class Config:
        name = "stories"
