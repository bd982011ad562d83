"""Derived rules of the stories table (declared on schemas/stories.py's model).

* a story's ``n_articles`` is the number of articles naming it (and a story names at least one);
* no row of a cross-outlet table relates articles of two stories: a pair's two articles, and
  the members of one group (quote, figure, unquoted, drift), share one story.

Packages built before stories existed lack articles.story_id: the rules then hold.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from newsprov.schemas.base import Failure


def story_sizes(tables: dict, texts=None) -> list[Failure]:
    """n_articles equals the articles naming the story."""
    stories, articles = tables.get("stories"), tables.get("articles")
    if stories is None or articles is None or "story_id" not in articles.columns:
        return []
    counts = articles.group_by("story_id").agg(actual=pl.len())
    wrong = (stories.with_row_index().join(counts, on="story_id", how="left")
             .with_columns(pl.col("actual").fill_null(0)).filter(pl.col("actual") != pl.col("n_articles")))
    return [Failure("stories", i, "n_articles", n, f"but {a} article(s) name story {s}")
            for i, s, n, a in wrong.select("index", "story_id", "n_articles", "actual").iter_rows()]


def one_story_per_row(cross_outlet: Mapping[str, tuple[str, str]]):
    """The check: in each cross-outlet table, the two articles of a pair (article_id and
    other_article_id), or every member of a group (rows sharing the group column), lie in one story."""

    def check(tables: dict, texts=None) -> list[Failure]:
        articles = tables.get("articles")
        if articles is None or "story_id" not in articles.columns:
            return []
        story = articles.select("article_id", "story_id")
        failures = []
        for table, (key, article) in cross_outlet.items():
            df = tables.get(table)
            if df is None or not len(df):
                continue
            rows = df.select(key, article).with_row_index()
            if key == "article_id":  # a pair: article_id and other_article_id
                joined = (rows.join(story, on="article_id", how="left")
                          .join(story.rename({"article_id": article, "story_id": "_other"}), on=article, how="left"))
                bad = joined.filter(pl.col("story_id") != pl.col("_other"))
                failures += [Failure(table, i, article, o, f"is in story {so}, {a} in story {sa}: a pair lies in one story")
                             for i, a, o, sa, so in bad.select("index", "article_id", article, "story_id", "_other").sort("index").iter_rows()]
            else:  # a group: its members' stories
                joined = rows.join(story, on="article_id", how="left").with_columns(
                    _first=pl.col("story_id").first().over(key))
                bad = joined.filter(pl.col("story_id") != pl.col("_first"))
                failures += [Failure(table, i, "article_id", a, f"is in story {s}, other members of {g} in story {f}: a group lies in one story")
                             for i, g, a, s, f in bad.select("index", key, "article_id", "story_id", "_first").sort("index").iter_rows()]
        return failures

    return check
