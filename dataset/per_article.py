"""The build's work on one article at a time, run in shards: in this process or on Dask workers.

Each step is a pure function of one article (its id, text and the date its metadata states):
paragraph segmentation, quote and figure extraction, language detection and the story
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

__all__ = ["STEPS", "SHARD_ARTICLES", "run", "run_shard"]

# articles per task: big enough that a task outweighs its scheduling (~1 ms), small enough
# that a few workers share the work evenly
SHARD_ARTICLES = 100


def _paragraphs(aid: str, text: str, date: str | None):
    return paragraphs(text)


def _quotes(aid: str, text: str, date: str | None):
    return extract_quotes(text)


def _figures(aid: str, text: str, date: str | None):
    return extract_figures(text)


def _language(aid: str, text: str, date: str | None):
    return detect_language(text)


def _story_signature(aid: str, text: str, date: str | None):
    return signature(aid, text, date)


STEPS = {"paragraphs": _paragraphs, "quotes": _quotes, "figures": _figures, "language": _language,
         "story_signature": _story_signature}


def run_shard(items: list[tuple[str, str, str | None]]) -> dict[str, list]:
    """Every step for each (article id, text, date) of a shard: step -> results, in item order."""
    return {name: [step(aid, text, date) for aid, text, date in items] for name, step in STEPS.items()}


def run(items: list[tuple[str, str, str | None]], engine) -> dict[str, dict]:
    """step -> article id -> result, for every item, computed shard by shard on `engine`."""
    shards = [items[i:i + SHARD_ARTICLES] for i in range(0, len(items), SHARD_ARTICLES)]
    out: dict[str, dict] = {name: {} for name in STEPS}
    for shard, results in zip(shards, engine.map(run_shard, shards)):
        for name, values in results.items():
            out[name].update(zip((aid for aid, _, _ in shard), values))
    return out
