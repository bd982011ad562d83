"""A table is a model and a builder: one added through the public registry is built, described,
documented and validated like the others, with no other file touched."""

from __future__ import annotations

import json

import pandera.polars as pa
import polars as pl
import pytest

from conftest import TINY, edit_csv, rehash
from newsprov.dataset.build import build
from newsprov.dataset.registry import RegistryError, registered, tables
from newsprov.schemas import registry as schema_registry
from newsprov.schemas.base import ForeignKey, TableModel
from newsprov.schemas.dictionary import markdown
from newsprov.validators.api import validate


class Lengths(TableModel):
    """Lengths
    One row per article: how many characters and sentences it has (a toy table for this test).
    """

    _group = "extracted"
    _primary_key = ("article_id",)
    _foreign_keys = (ForeignKey(("article_id",), "articles", ("article_id",)),)

    article_id: str = pa.Field(unique=True, description="The article.")
    n_chars: int = pa.Field(ge=1, description="Its characters.")
    n_sentences: int = pa.Field(ge=0, description="Its sentences.")

    class Config:
        name = "lengths"


def build_lengths(ctx) -> pl.DataFrame:
    sentences = ctx.table("sentences").group_by("article_id").agg(n_sentences=pl.len().cast(pl.Int64))
    return (ctx.table("articles").select("article_id", "n_chars").join(sentences, on="article_id", how="left")
            .with_columns(pl.col("n_sentences").fill_null(0)).sort("article_id"))


def test_a_table_added_through_the_registry_is_built_described_documented_and_validated(tiny_sources, tmp_path):
    out = tmp_path / "pkg"
    with registered(Lengths, build_lengths):
        result = build(tiny_sources, out)
        per_article = result.tables["sentences"].group_by("article_id").len()
        expected = [(name[:-4], len(text), per_article.filter(pl.col("article_id") == name[:-4])["len"].item()) for name, text in sorted(TINY.items())]
        assert result.tables["lengths"].rows() == expected
        (resource,) = [r for r in json.loads((out / "datapackage.json").read_text())["resources"] if r["name"] == "lengths"]
        assert (resource["path"], resource["title"]) == ("tables/lengths.csv", "Lengths")
        assert [f["name"] for f in resource["schema"]["fields"]] == ["article_id", "n_chars", "n_sentences"]
        assert resource["schema"]["foreignKeys"] == [{"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}}]
        assert "### `lengths` — Lengths" in markdown()
        assert validate(out).valid
        edit_csv(out / "tables" / "lengths.csv", 2, "n_chars", "0")
        rehash(out, "lengths")
        assert validate(out).flatten(["type", "resource", "row", "field"]) == [["constraint-error", "lengths", 2, "n_chars"]]
    assert "lengths" not in tables() and "### `lengths`" not in markdown()  # taken back


def test_a_model_without_a_builder_is_named():
    schema_registry.register(Lengths)
    try:
        with pytest.raises(RegistryError, match="table 'lengths' has a model but no builder"):
            tables()
    finally:
        schema_registry.unregister("lengths")


def test_a_table_name_is_registered_once():
    with registered(Lengths, build_lengths):
        with pytest.raises(ValueError, match="a table named 'lengths' is already registered"):
            schema_registry.register(Lengths)


def test_every_model_declares_its_group():
    class Groupless(TableModel):
        """Groupless"""

        _primary_key = ("x",)
        x: str

        class Config:
            name = "groupless"

    with pytest.raises(TypeError, match="must declare _group, one of source, extracted, comparison"):
        schema_registry.register(Groupless)


def test_what_curators_may_override_is_declared_by_the_models():
    """The overrides file accepts, per table, exactly what the table's model declares, and every
    declared field is a column of that model (adding an overridable column = the model only)."""
    from newsprov.dataset import overrides
    from newsprov.schemas.registry import metas, models

    declared = {name: meta.curation for name, meta in metas().items() if meta.curation is not None}
    assert set(declared) == {"quotes", "figures", "entities"}
    assert set(overrides.FIELDS) == set(declared)
    for name, curation in declared.items():
        columns = set(models()[name].to_schema().columns)
        assert overrides.FIELDS[name] == set(curation.fields) and curation.fields <= columns, name
        assert curation.add_required <= curation.fields, name
        for cleared in curation.clearable.values():
            assert set(cleared) <= columns, name
        for (start, end), text in curation.span_texts.items():
            assert {start, end, text} <= columns, name
