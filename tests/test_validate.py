"""newsprov validate: every kind of tampering is found, named, and mapped to an exit code."""

from __future__ import annotations

import json
import re

import frictionless
import pytest
from typer.testing import CliRunner

from conftest import edit_csv, rehash
from newsprov.cli import app
from newsprov.validators.run import DescriptorNotFound, MalformedDescriptor, validate

runner = CliRunner()
SOURCE = "dataset/sources/001_9d3f9a3be7baeea0.txt"


def frictionless_errors(root) -> list[list]:
    report = frictionless.validate(str(root / "datapackage.json"))
    return [[task.name, err.type] for task in report.tasks for err in task.errors]


def test_published_package_is_valid_for_both_validators():
    report = validate()
    assert report.valid, report.to_text()
    assert frictionless.validate("datapackage.json").valid


def test_one_changed_byte_in_a_source(embedded_copy):
    path = embedded_copy / SOURCE
    data = bytearray(path.read_bytes())
    data[10] ^= 0x01
    path.write_bytes(bytes(data))
    report = validate(embedded_copy)
    assert ["hash-mismatch", "source-001_9d3f9a3be7baeea0", None] in report.flatten(["type", "resource", "row"])
    assert ["source-mismatch", "articles", 3] in report.flatten(["type", "resource", "row"])
    assert ["source-001_9d3f9a3be7baeea0", "hash-count"] in frictionless_errors(embedded_copy)


def test_a_deleted_table_row(embedded_copy):
    path = embedded_copy / "dataset/tables/sentences.csv"
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(lines[:4] + lines[5:]))
    report = validate(embedded_copy)
    flat = report.flatten(["type", "resource"])
    assert ["bytes-mismatch", "sentences"] in flat and ["hash-mismatch", "sentences"] in flat
    assert ["row-constraint", "articles", 2, "n_sentences"] in report.flatten(["type", "resource", "row", "field"])
    assert {"sentences"} <= {name for name, _ in frictionless_errors(embedded_copy)}
    rehash(embedded_copy, "sentences")  # even with a forged checksum, the count betrays it
    flat = validate(embedded_copy).flatten(["type", "resource", "row", "field"])
    assert flat[:2] == [
        ["row-constraint", "articles", 2, "n_sentences"],
        ["foreign-key", "quotes", 3, "sentence_id"],  # the quote "constructive," sat in the deleted sentence
    ]
    # and every alignment row of that sentence (article 000 is always the first of its pairs)
    assert len(flat) == 2 + 4 and {tuple(e[:2]) + (e[3],) for e in flat[2:]} == {("foreign-key", "sentence_links", "sentence_id")}


def test_an_altered_span_offset_is_caught_by_provenance(embedded_copy):
    edit_csv(embedded_copy / "dataset/tables/sentences.csv", row=3, column="start", value="5")
    rehash(embedded_copy, "sentences")
    assert validate(embedded_copy).flatten(["type", "resource", "row", "field"]) == [["span-mismatch", "sentences", 3, "text"]]


def test_schema_constraints_are_reported_per_row_and_column(embedded_copy):
    path = embedded_copy / "dataset/tables/articles.csv"
    edit_csv(path, row=2, column="sha256", value="ABC")
    edit_csv(path, row=4, column="n_words", value="-3")
    edit_csv(path, row=5, column="bytes", value="many")
    rehash(embedded_copy, "articles")
    flat = validate(embedded_copy).flatten(["type", "resource", "row", "field"])
    assert ["constraint-error", "articles", 2, "sha256"] in flat
    assert ["constraint-error", "articles", 4, "n_words"] in flat
    assert ["type-error", "articles", 5, "bytes"] in flat


def test_a_dangling_foreign_key(embedded_copy):
    edit_csv(embedded_copy / "dataset/tables/paragraphs.csv", row=2, column="article_id", value="999_nowhere")
    rehash(embedded_copy, "paragraphs")
    flat = validate(embedded_copy).flatten(["type", "resource", "row", "field"])
    assert ["foreign-key", "paragraphs", 2, "article_id"] in flat
    assert ["row-constraint", "paragraphs", 2, None] in flat  # the id no longer names its article


def test_a_resource_path_escaping_the_package(embedded_copy):
    path = embedded_copy / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"][0]["path"] = "../outside.txt"
    path.write_text(json.dumps(descriptor))
    found = validate(embedded_copy).flatten(["type", "resource"])
    assert ["unsafe-path", "source-000_4b0563042a307713"] in found
    assert ["profile-error", None] in found  # frictionless' own path rule says the same
    # README: an unsafe path is an I/O error (newsprov refuses to read it), exit 2, whatever the format
    for extra in ([], ["--json"], ["--format", "github"]):
        result = runner.invoke(app, ["validate", str(embedded_copy), *extra])
        assert result.exit_code == 2, extra
        assert result.stderr == f"newsprov: {path}: unsafe resource path: ../outside.txt contains '..'\n"


@pytest.mark.parametrize("content", ["{not json", "[]", '{"name": "x"}', ""])
def test_a_malformed_descriptor_is_an_io_error(tmp_path, content):
    """README: "2 usage or I/O error (missing file, malformed descriptor, ...)"."""
    (tmp_path / "datapackage.json").write_text(content)
    with pytest.raises(MalformedDescriptor, match="datapackage.json: (malformed|empty) data package descriptor"):
        validate(tmp_path)
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2 and result.output.startswith(f"newsprov: {tmp_path / 'datapackage.json'}: ") and result.output.count("\n") == 1


def test_a_missing_descriptor_is_an_io_error(tmp_path):
    with pytest.raises(DescriptorNotFound):
        validate(tmp_path)
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert "nope.json: data package descriptor not found" in result.output
    assert "Traceback" not in result.output


def test_exit_codes_and_json_report(embedded_copy):
    ok = runner.invoke(app, ["validate", str(embedded_copy), "--json"])
    assert ok.exit_code == 0 and json.loads(ok.output)["valid"] is True
    (embedded_copy / SOURCE).write_bytes(b"changed")
    bad = runner.invoke(app, ["validate", str(embedded_copy), "--json"])
    report = json.loads(bad.output)
    assert bad.exit_code == 1 and report["valid"] is False
    assert set(report) >= {"valid", "stats", "tasks"} and report["stats"]["errors"] == len([e for t in report["tasks"] for e in t["errors"]])
    error = next(e for t in report["tasks"] for e in t["errors"])
    assert set(error) >= {"type", "title", "message", "note"}
    human = runner.invoke(app, ["validate", str(embedded_copy)])
    assert human.exit_code == 1 and human.output.strip().splitlines()[-1].startswith("INVALID")
    assert "source-001_9d3f9a3be7baeea0: [hash-mismatch]" in human.output


def test_user_folder_package_passes_both_validators(tiny_package):
    assert validate(tiny_package).valid
    assert frictionless_errors(tiny_package) == []


def test_github_format_points_at_the_csv_line(embedded_copy, monkeypatch):
    from conftest import edit_csv

    edit_csv(embedded_copy / "dataset/tables/sentences.csv", 4, "end", "-1")
    rehash(embedded_copy, "sentences")
    monkeypatch.chdir(embedded_copy)
    result = runner.invoke(app, ["validate", "datapackage.json", "--format", "github"])
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert any(line.startswith("::error file=dataset/tables/sentences.csv,line=4,title=span-out-of-bounds::") for line in annotations)
    # the quote whose sentence now ends at -1 is reported at its own line too
    assert all(re.match(r"::error file=dataset/tables/\w+\.csv,line=\d+,title=[a-z-]+::Row \d+ of ", line) for line in annotations)
    assert result.output.splitlines()[-1].startswith("INVALID ")
    assert runner.invoke(app, ["validate", "datapackage.json", "--format", "xml"]).exit_code == 2
