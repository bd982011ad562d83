"""The quotes, figures and entities tables of the embedded dataset, and what validation catches in them."""

from __future__ import annotations

import polars as pl
import pytest

import newsprov
from newsprov.validators.run import validate

from conftest import edit_csv, rehash
from test_validate import frictionless_errors

AP, GUARDIAN_STYLE = "000_4b0563042a307713", "002_24045d0b881258cf"


@pytest.fixture(scope="module")
def ds():
    return newsprov.load()


def csv_row(root, table: str, **where) -> int:
    """The CSV line (header = 1) of the only row matching `where`."""
    df = pl.read_csv(root / f"dataset/tables/{table}.csv", infer_schema=False).with_row_index()
    for column, value in where.items():
        df = df.filter(pl.col(column) == value)
    assert df.height == 1, df
    return df["index"][0] + 2


def test_quotes_keep_their_speaker_across_outlets(ds):
    q = ds.quotes
    storm = q.filter(pl.col("text").str.starts_with("We will now reserve the right to respond"))
    assert storm["speaker"].unique().to_list() == ["Hassan Nasrallah"] and storm.height == 3
    # 002 spells him Binyamin; the entities table resolves the spelling.
    repeat = q.filter(pl.col("text").str.contains("this is not the end of the story"))
    assert sorted(repeat["speaker"].unique().to_list()) == ["Benjamin Netanyahu"]
    assert ds.entities.filter(pl.col("alias") == "Binyamin Netanyahu").row(0, named=True)["canonical"] == "Benjamin Netanyahu"
    hiz = q.filter((pl.col("article_id") == GUARDIAN_STYLE) & (pl.col("text") == "large number"))
    assert hiz.select("speaker", "speaker_mention").row(0) == ("Hezbollah", "Hizbullah")


def test_pronoun_mentions_keep_their_span_and_resolve(ds):
    row = ds.quotes.filter((pl.col("article_id") == AP) & pl.col("text").str.starts_with("At this current stage")).row(0, named=True)
    assert (row["speaker_mention"], row["speaker"], row["cue"]) == ("He", "Hassan Nasrallah", "told")
    text = ds.text(AP)
    assert text[row["speaker_start"]:row["speaker_end"]] == "He"
    assert text[row["start"] - 1] in "\"“" and row["kind"] == "full"


def test_figures_parse_value_kind_unit_and_who_states_them(ds):
    rockets = ds.figures.filter((pl.col("article_id") == AP) & (pl.col("text") == "more than 320")).row(0, named=True)
    assert (rockets["value"], rockets["value_low"], rockets["value_kind"], rockets["unit"]) == (320.0, 320.0, "lower_bound", "rocket")
    assert rockets["subject"] == "Katyusha rockets" and rockets["attributed_to"] == "Hezbollah"
    crowd = ds.figures.filter((pl.col("article_id") == AP) & (pl.col("text") == "tens of thousands")).row(0, named=True)
    assert crowd["value_kind"] == "vague_magnitude" and crowd["value_low"] <= crowd["value"] < crowd["value_high"]
    assert ds.figures.filter(pl.col("text").str.contains("2024|Aug")).is_empty()  # dates are not figures


def test_every_quote_and_figure_sits_in_its_sentence(ds):
    for table in ("quotes", "figures"):
        joined = ds.tables[table].join(ds.sentences.select("sentence_id", pl.col("start").alias("s"), pl.col("end").alias("e")), on="sentence_id")
        assert joined.height == ds.tables[table].filter(pl.col("sentence_id").is_not_null()).height
        assert joined.filter((pl.col("start") < pl.col("s")) | (pl.col("start") >= pl.col("e"))).is_empty()


def test_curated_entity_row_says_curated(ds):
    assert ds.entities.filter(pl.col("alias") == "Hezbollah").select("kind", "method").row(0) == ("organisation", "curated")
    assert ds.entities.filter(pl.col("alias") == "Hizbullah").select("canonical", "kind").row(0) == ("Hezbollah", "organisation")


def test_an_altered_figure_value_is_caught(embedded_copy):
    path = embedded_copy / "dataset/tables/figures.csv"
    row = csv_row(embedded_copy, "figures", article_id=AP, text="more than 320")
    edit_csv(path, row, "value", "420.0")
    assert ["figures", "hash-count"] in frictionless_errors(embedded_copy) or ["figures", "hash-mismatch"] in frictionless_errors(embedded_copy)
    rehash(embedded_copy, "figures")  # a forged checksum: the value no longer reads from the text
    flat = validate(embedded_copy).flatten(["type", "resource", "row", "field"])
    assert [e for e in flat if e[1] == "figures"] == [["derived-mismatch", "figures", row, "value"]]
    # Its group, marked consistent, now holds two values: every member's row says so.
    assert {tuple(e[1:4:2]) for e in flat if e[1] != "figures"} == {("figure_groups", "agreement")}


def test_altered_figure_offsets_are_caught(embedded_copy):
    path = embedded_copy / "dataset/tables/figures.csv"
    row = csv_row(embedded_copy, "figures", article_id=AP, text="270")
    start = int(pl.read_csv(path)["start"][row - 2])
    edit_csv(path, row, "start", str(start + 1))
    rehash(embedded_copy, "figures")
    flat = validate(embedded_copy).flatten(["type", "resource", "row"])
    assert ["span-mismatch", "figures", row] in flat


def test_a_speaker_spelled_as_a_variant_is_caught(embedded_copy):
    path = embedded_copy / "dataset/tables/quotes.csv"
    row = csv_row(embedded_copy, "quotes", article_id=GUARDIAN_STYLE, text="large number")
    edit_csv(path, row, "speaker", "Hizbullah")
    rehash(embedded_copy, "quotes")
    # Hizbullah is an alias (the foreign key holds) but not the canonical name.
    flat = validate(embedded_copy).flatten(["type", "resource", "row", "field"])
    assert [e for e in flat if e[1] == "quotes"] == [["cross-table", "quotes", row, "speaker"]]
    assert [e for e in flat if e[1] != "quotes"] == []


def test_figure_attribution_must_match_the_quote_holding_it(tiny_sources, tmp_path):
    (tiny_sources / "gamma.txt").write_text("\u201cWe fired 320 rockets,\u201d Hassan Nasrallah said on Sunday.\n", encoding="utf-8")
    out = tmp_path / "pkg"
    newsprov.build(tiny_sources, out)
    figures = pl.read_csv(out / "tables/figures.csv", infer_schema=False)
    row = figures.with_row_index().filter(pl.col("text") == "320").row(0, named=True)
    assert row["quote_id"] == "gamma:q0000" and row["attributed_to"] == "Hassan Nasrallah"
    edit_csv(out / "tables/figures.csv", row["index"] + 2, "attributed_to", "Someone Else")
    rehash(out, "figures")
    assert validate(out).flatten(["type", "resource", "row", "field"]) == [["cross-table", "figures", row["index"] + 2, "attributed_to"]]
    edit_csv(out / "tables/figures.csv", row["index"] + 2, "attributed_to", "Hassan Nasrallah")
    edit_csv(out / "tables/figures.csv", row["index"] + 2, "quote_id", "alpha:q0000")
    rehash(out, "figures")
    assert ["cross-table", "figures", row["index"] + 2, "quote_id"] in validate(out).flatten(["type", "resource", "row", "field"])


def test_figures_in_reported_speech_name_who_states_them(ds):
    by_text = {r["text"]: r["attributed_to"] for r in ds.figures.filter(pl.col("article_id") == AP).iter_rows(named=True)}
    # "He said about 100 Israeli planes struck 270 targets, 90% of them…" — he is Hagari.
    assert by_text["about 100"] == by_text["270"] == by_text["90%"] == "Daniel Hagari"
    # "Israeli Prime Minister Benjamin Netanyahu said the military had eliminated thousands of rockets"
    assert by_text["thousands"] == "Benjamin Netanyahu"
    # 002 spells the speaker "Hizbullah"; attributions use the canonical name too.
    assert set(ds.figures.filter(pl.col("article_id") == GUARDIAN_STYLE, pl.col("text") == "hundreds")["attributed_to"]) == {"Hezbollah"}


def test_unnamed_reported_speakers_stay_null(tiny_sources, tmp_path):
    (tiny_sources / "gamma.txt").write_text("An official said 40 people were hurt. Police said 12 were arrested.\n", encoding="utf-8")
    newsprov.build(tiny_sources, tmp_path / "pkg")
    rows = pl.read_csv(tmp_path / "pkg/tables/figures.csv", infer_schema=False).filter(pl.col("article_id") == "gamma")
    assert rows.select("text", "attributed_to").rows() == [("40", None), ("12", "Police")]
