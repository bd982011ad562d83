"""Build the figures table: rule extraction, overrides, and who states each figure."""

from __future__ import annotations

import bisect

import polars as pl

from newsprov.dataset.context import BuildContext
from newsprov.dataset.extract.quotes import fullest_of, name_uses, reported_speaker
from newsprov.dataset.locate import first_containing, sentence_of
from newsprov.dataset.overrides import apply, for_table
from newsprov.schemas.base import dtypes
from newsprov.lang.figures import PERCENT_UNITS
from newsprov.schemas.figures import Figures

SCHEMA = Figures
EXTRACTED = ("article_id", "start", "end", "text", "value", "value_low", "value_high", "value_kind", "unit", "subject", "method", "attributed_to", "flag")


def build(ctx: BuildContext) -> pl.DataFrame:
    found = ctx.per_article("figures")
    # (vars, not dataclasses.asdict: a Figure's fields are plain values, and asdict copies each one deeply)
    rows = [{"article_id": s.article_id, "attributed_to": None, "flag": None, **vars(f)} for s in ctx.sources for f in found[s.article_id]]
    ctx.forget("per-article:figures")  # read once: the rows hold it now
    rows = apply(rows, for_table(ctx.overrides, "figures"), ctx.texts)
    types = dtypes(SCHEMA)
    df = pl.DataFrame([{k: r.get(k) for k in EXTRACTED} for r in rows], schema={k: types[k] for k in EXTRACTED})
    df = df.with_columns(sentence_id=sentence_of(df, ctx.table("sentences")))
    df = _attribute(df, ctx.table("quotes"))
    df = _attribute_reported_speech(df, ctx)
    over = pl.col("unit").is_in(PERCENT_UNITS).fill_null(False) & ((pl.col("value") > 100) | (pl.col("value") < 0))
    df = df.with_columns(
        flag=pl.when(pl.col("flag").is_null() & over).then(pl.lit("percent-over-100")).otherwise(pl.col("flag")),
        figure_id=pl.col("article_id") + ":f" + pl.int_range(pl.len()).over("article_id").cast(pl.String).str.zfill(4),
    )
    return df.select(list(types))


def _attribute(figures: pl.DataFrame, quotes: pl.DataFrame) -> pl.DataFrame:
    """quote_id of the quote holding each figure; attributed_to its speaker, else that of a quote in the same sentence."""
    held = quotes.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_q"), "quote_id", pl.col("speaker").alias("q_speaker"))
    same_sentence = (
        quotes.filter(pl.col("speaker").is_not_null() & pl.col("sentence_id").is_not_null())
        .group_by("sentence_id").agg(pl.col("speaker").sort().first().alias("s_speaker"))
    )
    return (
        figures.with_row_index("_i")
        .with_columns(_q=first_containing(figures, quotes))
        .join(held, on="_q", how="left")
        .join(same_sentence, on="sentence_id", how="left")
        .sort("_i")
        .with_columns(attributed_to=pl.coalesce("attributed_to", "q_speaker", "s_speaker"))
        .drop("_i", "_q", "q_speaker", "s_speaker")
    )


def _attribute_reported_speech(figures: pl.DataFrame, ctx: BuildContext) -> pl.DataFrame:
    """attributed_to, where still null, from reported speech: 'the military said about 100 planes…'.

    A named speaker resolves, as in quotes, to the fullest form the article's quotes use and
    then through the entities table; a pronoun to the article's last quoted person before it.
    Unnamed speakers ('an official') stay null: the table names speakers, never descriptions.
    """
    texts = ctx.texts
    sentences = {r[0]: r[1:] for r in ctx.table("sentences").select("sentence_id", "start", "end").iter_rows()}
    quotes = ctx.table("quotes").filter(pl.col("speaker").is_not_null()).sort("article_id", "speaker_start")
    speakers: dict[str, list[tuple[int, str]]] = {}
    for article_id, at, speaker in quotes.select("article_id", "speaker_start", "speaker").iter_rows():
        speakers.setdefault(article_id, []).append((at, speaker))
    canonical = dict(ctx.table("entities").select("alias", "canonical").iter_rows())
    starts = {article_id: [at for at, _ in known] for article_id, known in speakers.items()}
    uses: dict[str, dict] = {}  # per article, computed once: the name forms its quotes use
    found = []
    for article_id, sentence_id, start, end, current in figures.select("article_id", "sentence_id", "start", "end", "attributed_to").iter_rows():
        if current is not None or sentence_id is None:
            found.append(current)
            continue
        s_start, s_end = sentences[sentence_id]
        said = reported_speaker(texts[article_id], s_start, start, end, s_end)
        known = speakers.get(article_id, [])
        name = None
        if said is not None and said[2] == "pronoun":
            earlier = bisect.bisect_left(starts.get(article_id, []), said[0])  # speakers named before the pronoun
            name = known[earlier - 1][1] if earlier and said[0] - s_start < 2 * (s_end - s_start) else None
        elif said is not None and said[3] and any(c.isupper() for c in said[3]):
            if article_id not in uses:
                uses[article_id] = name_uses(_ends(known))
            name = fullest_of(said[3], uses[article_id])
        found.append(canonical.get(name, name))
    return figures.with_columns(attributed_to=pl.Series(found, dtype=pl.String))


def _ends(known: list[tuple[int, str]]) -> dict[str, set[int]]:
    """Where each speaker of an article's quotes is named, as fullest_of weighs name forms."""
    ends: dict[str, set[int]] = {}
    for at, speaker in known:
        ends.setdefault(speaker, set()).add(at)
    return ends
