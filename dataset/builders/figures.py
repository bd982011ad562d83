"""Build the figures table: rule extraction, overrides, and who states each figure."""

from __future__ import annotations

from dataclasses import asdict

import polars as pl

from newsprov.dataset.context import BuildContext
from newsprov.dataset.extract.figures import extract_figures
from newsprov.dataset.extract.quotes import fullest_of, name_uses, reported_speaker
from newsprov.dataset.locate import sentence_of
from newsprov.dataset.overrides import apply, for_table
from newsprov.schemas.base import dtypes
from newsprov.schemas.figures import Figures, PERCENT_UNITS

SCHEMA = Figures
EXTRACTED = ("article_id", "start", "end", "text", "value", "value_low", "value_high", "value_kind", "unit", "subject", "method", "attributed_to", "flag")


def build(ctx: BuildContext) -> pl.DataFrame:
    rows = [{"article_id": s.article_id, "attributed_to": None, "flag": None, **asdict(f)} for s in ctx.sources for f in extract_figures(s.text)]
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
    q = quotes.select("article_id", pl.col("start").alias("q_start"), pl.col("end").alias("q_end"), "quote_id", pl.col("speaker").alias("q_speaker"))
    inside = (
        figures.with_row_index("_i")
        .join(q, on="article_id", how="inner")
        .filter((pl.col("q_start") <= pl.col("start")) & (pl.col("end") <= pl.col("q_end")))
        .group_by("_i").agg(pl.col("quote_id").first(), pl.col("q_speaker").first())
    )
    same_sentence = (
        quotes.filter(pl.col("speaker").is_not_null() & pl.col("sentence_id").is_not_null())
        .group_by("sentence_id").agg(pl.col("speaker").sort().first().alias("s_speaker"))
    )
    return (
        figures.with_row_index("_i")
        .join(inside, on="_i", how="left")
        .join(same_sentence, on="sentence_id", how="left")
        .sort("_i")
        .with_columns(attributed_to=pl.coalesce("attributed_to", "q_speaker", "s_speaker"))
        .drop("_i", "q_speaker", "s_speaker")
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
            earlier = [speaker for at, speaker in known if at < said[0]]
            name = earlier[-1] if earlier and said[0] - s_start < 2 * (s_end - s_start) else None
        elif said is not None and said[3] and any(c.isupper() for c in said[3]):
            name = fullest_of(said[3], name_uses(_ends(known)))
        found.append(canonical.get(name, name))
    return figures.with_columns(attributed_to=pl.Series(found, dtype=pl.String))


def _ends(known: list[tuple[int, str]]) -> dict[str, set[int]]:
    """Where each speaker of an article's quotes is named, as fullest_of weighs name forms."""
    ends: dict[str, set[int]] = {}
    for at, speaker in known:
        ends.setdefault(speaker, set()).add(at)
    return ends
