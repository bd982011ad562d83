"""A derived row that breaks a rule is left out, with the rows depending on it, warned about
and listed in the package's build report; `build --strict` fails instead."""

from __future__ import annotations

import dataclasses
import json

import frictionless
import pytest
from typer.testing import CliRunner

from newsprov.cli import app
from newsprov.dataset.build import BuildError, StrictBuildError, build
from newsprov.validators.run import validate

from conftest import rehash

runner = CliRunner()
ARTICLES = {
    "alpha.txt": "Rockets fired at dawn\n\n“We fired 320 rockets at the base,” Jane Roe said on Sunday.\n\nThe talks ended, an official said.\n",
    "beta.txt": "Talks end\n\nThe official called the talks “constructive and useful for both sides.”\n",
}


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def plant_bad_quote(monkeypatch):
    """Every article's first quote comes out of extraction with a kind no rule knows."""
    import newsprov.dataset.per_article as per_article

    real = per_article.extract_quotes

    def planted(text, language=None):
        found = real(text, language)
        return [dataclasses.replace(found[0], kind="bogus"), *found[1:]] if found else found

    monkeypatch.setattr(per_article, "extract_quotes", planted)


def test_a_row_breaking_its_model_is_left_out_warned_about_and_reported(sources, tmp_path, monkeypatch):
    plant_bad_quote(monkeypatch)
    out = tmp_path / "pkg"
    result = runner.invoke(app, ["build", str(sources), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "warning: dropped" in line]
    assert warnings == ["newsprov: warning: dropped quotes row quote_id=alpha:q0000 of article alpha: breaks kind: isin(['full', 'partial'])",
                        "newsprov: warning: dropped quotes row quote_id=beta:q0000 of article beta: breaks kind: isin(['full', 'partial'])"]
    report = json.loads((out / "reports" / "build-report.json").read_text())
    assert [(d["table"], d["key"], d["reason"]) for d in report["dropped"]] == [
        ("quotes", {"quote_id": "alpha:q0000"}, "breaks-rule"), ("quotes", {"quote_id": "beta:q0000"}, "breaks-rule")]
    assert report["dropped"][0]["row"]["text"] == "We fired 320 rockets at the base,"  # the row as built, for a curator
    assert "alpha:q0000" not in (out / "tables" / "quotes.csv").read_text()
    assert validate(out).valid and frictionless.validate(str(out / "datapackage.json")).valid


def test_rows_depending_on_a_dropped_entity_are_dropped_too(sources, tmp_path, monkeypatch):
    """The entity of Jane Roe breaks its model: her quote (speaker -> entities.alias) goes too,
    reported as depending on it; the figure in that quote stays, no longer in a quote."""
    import newsprov.dataset.builders.entities as entities_builder

    real = entities_builder.resolve_scope

    def planted(mentions, curated):
        found = real(mentions, curated)
        found["Jane Roe"] = dataclasses.replace(found["Jane Roe"], kind="alien")
        return found

    monkeypatch.setattr(entities_builder, "resolve_scope", planted)
    result = build(sources, tmp_path / "pkg")
    assert [(d.table, d.key, d.reason, d.depends_on) for d in result.dropped] == [
        ("entities", {"alias": "Jane Roe"}, "breaks-rule", None),
        ("quotes", {"quote_id": "alpha:q0000"}, "depends-on", {"table": "entities", "key": {"alias": "Jane Roe"}}),
    ]
    assert result.dropped[0].rule == "kind: isin(['person', 'organisation', 'group', 'role', 'unresolved'])"
    assert result.tables["figures"]["quote_id"].to_list() == [None]
    assert validate(tmp_path / "pkg").valid and frictionless.validate(str(tmp_path / "pkg" / "datapackage.json")).valid


def test_a_row_breaking_a_rule_across_tables_takes_its_dependents_with_it_transitively(tmp_path, monkeypatch):
    """Two outlets print the same quote holding the same figure (a quote group and a figure group).
    One quote claims the wrong sentence (a rule across tables): it goes, then the figure in it
    (quote_id -> quotes), then that figure's group row (figure_id -> figures), and its quote group
    row; the groups left with one member break their own rule and go too."""
    import polars as pl
    import newsprov.dataset.builders.quotes as quotes_builder

    folder = tmp_path / "in"
    folder.mkdir()
    line = "“We fired 320 rockets at the base,” Jane Roe said on Sunday.\n"
    (folder / "alpha.txt").write_text("Rockets fired at dawn\n\n" + line, encoding="utf-8")
    (folder / "beta.txt").write_text("Rockets at dawn\n\n" + line, encoding="utf-8")
    real = quotes_builder.build

    def planted(ctx):
        df = real(ctx)
        return df.with_columns(sentence_id=pl.when(pl.col("quote_id") == "alpha:q0000").then(pl.lit("alpha:s0000"))
                               .otherwise(pl.col("sentence_id")))

    monkeypatch.setattr(quotes_builder, "build", planted)
    result = build(folder, tmp_path / "pkg")
    got = [(d.table, d.reason, d.depends_on["table"] if d.depends_on else None) for d in result.dropped]
    assert got[0] == ("quotes", "breaks-rule", None) and result.dropped[0].rule.startswith("cross-table")
    assert ("figures", "depends-on", "quotes") in got and ("figure_groups", "depends-on", "figures") in got
    assert ("quote_groups", "depends-on", "quotes") in got
    assert {t for t, reason, _ in got if reason == "breaks-rule"} >= {"quotes"}
    assert result.tables["quote_groups"].height == 0 and result.tables["figure_groups"].height == 0
    assert validate(tmp_path / "pkg").valid and frictionless.validate(str(tmp_path / "pkg" / "datapackage.json")).valid


def test_strict_fails_and_publishes_nothing(sources, tmp_path, monkeypatch):
    plant_bad_quote(monkeypatch)
    out = tmp_path / "pkg"
    result = runner.invoke(app, ["build", str(sources), "--out", str(out), "--strict"])
    assert result.exit_code == 1
    assert "warning: dropped quotes row quote_id=alpha:q0000" in result.output and "--strict" in result.output
    assert not out.exists()
    with pytest.raises(StrictBuildError) as err:
        build(sources, out, strict=True)
    assert len(err.value.dropped) == 2 and isinstance(err.value, BuildError)


def test_a_clean_build_reports_no_dropped_row_and_strict_passes(sources, tmp_path):
    out = tmp_path / "pkg"
    assert runner.invoke(app, ["build", str(sources), "--out", str(out), "--strict"]).exit_code == 0
    assert json.loads((out / "reports" / "build-report.json").read_text()) == {"format": "newsprov-build-report/1", "dropped": []}
    resource = next(r for r in json.loads((out / "datapackage.json").read_text())["resources"] if r["name"] == "build-report")
    assert (resource["type"], resource["path"], resource["mediatype"]) == ("json", "reports/build-report.json", "application/json")


def test_validate_catches_a_report_that_lies_or_is_malformed(sources, tmp_path, monkeypatch):
    plant_bad_quote(monkeypatch)
    out = tmp_path / "pkg"
    build(sources, out)
    path = out / "reports" / "build-report.json"
    report = json.loads(path.read_text())
    report["dropped"][0].update(table="entities", key={"alias": "Jane Roe"})  # a row the table still has
    path.write_text(json.dumps(report))
    assert {"bytes-mismatch", "hash-mismatch"} & {e[0] for e in validate(out).flatten(["type"])}  # the checksum first
    rehash(out, "build-report")
    assert validate(out).flatten(["type", "resource", "field"]) == [["dropped-row-present", "build-report", "entities"]]
    path.write_text(json.dumps({"format": "newsprov-build-report/1", "dropped": [{"table": "quotes"}]}))
    rehash(out, "build-report")
    assert [e[0] for e in validate(out).flatten(["type"])] == ["build-report-error"]
