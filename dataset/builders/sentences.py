"""Build the sentences table from the paragraphs."""

import polars as pl

from newsprov.dataset.context import BuildContext
from newsprov.dataset.segment import sentences
from newsprov.schemas.base import dtypes
from newsprov.schemas.sentences import Sentences

SCHEMA = Sentences
# Datelines are metadata, not prose; every other block is split into sentences.
PROSE_KINDS = ("headline", "heading", "caption", "credit", "body")


def build(ctx: BuildContext) -> pl.DataFrame:
    texts = {s.article_id: s.text for s in ctx.sources}
    languages = ctx.per_article("language")
    paragraphs = ctx.table("paragraphs").filter(pl.col("kind").is_in(PROSE_KINDS))
    rows, counters = [], {}
    for paragraph_id, article_id, start, end in paragraphs.select("paragraph_id", "article_id", "start", "end").iter_rows():
        text = texts[article_id]
        for s, e in sentences(text, start, end, languages[article_id]):
            index = counters.get(article_id, 0)
            counters[article_id] = index + 1
            rows.append((f"{article_id}:s{index:04d}", article_id, paragraph_id, index, s, e, text[s:e]))
    return pl.DataFrame(rows, schema=dtypes(SCHEMA), orient="row")
