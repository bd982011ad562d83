"""The build's work on one article at a time, run in shards: in this process or on Dask workers.

Each step is a pure function of one article (its id, text, the date its metadata states and
its language: the metadata's, else the one detected first): paragraph segmentation, quote and
figure extraction (whose rules depend on the language), language detection and the story
signature (MinHash of shingles, terms, figures). They are most of a build's time and need no
other article, so ``run`` cuts the sources into shards of ``SHARD_ARTICLES`` and maps
``run_shard`` over them with the build's engine (core/engine.py). The builders read the
results through ``BuildContext.per_article(step)``; since every step is pure, the tables are the
same bytes whichever engine ran them and however the shards were cut.
"""

from __future__ import annotations

from newsprov.dataset.compare.stories import signature
from newsprov.dataset.extract.quotes import extract_quotes
from newsprov.dataset.language import detect_language
from newsprov.dataset.segment import paragraphs
from newsprov.lang.figures import extract_figures

__all__ = ["STEPS", "RESULTS", "SHARD_ARTICLES", "run", "run_shard"]

# articles per task: big enough that a task outweighs its scheduling (~1 ms), small enough
# that a few workers share the work evenly
SHARD_ARTICLES = 100


def _paragraphs(aid: str, text: str, date: str | None, language: str):
    return paragraphs(text)


def _quotes(aid: str, text: str, date: str | None, language: str):
    return extract_quotes(text, language)


def _figures(aid: str, text: str, date: str | None, language: str):
    return extract_figures(text, language)


def _story_signature(aid: str, text: str, date: str | None, language: str):
    return signature(aid, text, date)


STEPS = {"paragraphs": _paragraphs, "quotes": _quotes, "figures": _figures, "story_signature": _story_signature}
# (the results of "language" too: detected before the steps, which read it)
RESULTS = ("language", *STEPS)


def run_shard(items: list[tuple[str, str, str | None, str | None]]) -> dict[str, list]:
    """Every step for each (article id, text, date, metadata language or None) of a shard:
    step -> results, in item order; "language" is the metadata's or the detected one."""
    languages = [language or detect_language(text) for _aid, text, _date, language in items]
    out = {"language": languages}
    for name, step in STEPS.items():
        out[name] = [step(aid, text, date, lang) for (aid, text, date, _), lang in zip(items, languages)]
    return out


def run(items: list[tuple[str, str, str | None, str | None]], engine) -> dict[str, dict]:
    """result -> article id -> value, for every item, computed shard by shard on `engine`."""
    shards = [items[i:i + SHARD_ARTICLES] for i in range(0, len(items), SHARD_ARTICLES)]
    out: dict[str, dict] = {name: {} for name in RESULTS}
    for shard, results in zip(shards, engine.map(run_shard, shards)):
        for name, values in results.items():
            out[name].update(zip((item[0] for item in shard), values))
    return out
