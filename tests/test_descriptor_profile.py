"""The descriptor against the Data Package profile (frictionless' own) and each table's schema
against its Pandera model: what frictionless or `newsprov release` would refuse, `newsprov
validate` refuses too, as invalid data (exit 1) with a stable error slug."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import frictionless
import pytest
from typer.testing import CliRunner

from conftest import edit_csv, rehash
from newsprov.cli import app
from newsprov.dataset.versions.release import release
from newsprov.validators import profile
from newsprov.validators.errors import CATALOGUE
from newsprov.validators.run import validate

runner = CliRunner()


def edit_descriptor(root, change) -> dict:
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text())
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=2))
    return descriptor


def table(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def field(descriptor: dict, name: str, column: str) -> dict:
    return next(f for f in table(descriptor, name)["schema"]["fields"] if f["name"] == column)


def found(root) -> list[list]:
    return validate(root).flatten(["type", "resource", "field"])


def exit_code(root) -> int:
    return runner.invoke(app, ["validate", str(root)]).exit_code


def test_a_name_breaking_the_profile_pattern(tiny_package):
    edit_descriptor(tiny_package, lambda d: d.update(name="My Package"))
    errors = validate(tiny_package).errors
    assert any(e.type == "profile-error" and "'My Package' does not match" in e.note for e in errors)
    assert exit_code(tiny_package) == 1


def test_schema_fields_that_are_not_a_list(tiny_package):
    edit_descriptor(tiny_package, lambda d: table(d, "quotes")["schema"].update(fields={"quote_id": "string"}))
    assert ["profile-error", None, None] in found(tiny_package)
    assert ["schema-mismatch", "quotes", None] in found(tiny_package)
    assert exit_code(tiny_package) == 1


@pytest.mark.parametrize("version", ["one", "1.0", "v1.0.0", "01.2.3", 1])
def test_a_version_that_is_not_semver(tiny_package, version):
    edit_descriptor(tiny_package, lambda d: d.update(version=version))
    assert ["version-error", None, None] in found(tiny_package)
    assert exit_code(tiny_package) == 1


def test_a_package_with_no_resources_is_invalid_data(tiny_package):
    edit_descriptor(tiny_package, lambda d: d.update(resources=[]))
    report = validate(tiny_package)
    assert [e.note for e in report.errors if e.type == "descriptor-error"] == ["the package has no resources"]
    assert exit_code(tiny_package) == 1


def test_a_field_type_contradicting_the_model(tiny_package):
    edit_descriptor(tiny_package, lambda d: field(d, "quotes", "start").update(type="string"))
    error = next(e for e in validate(tiny_package).errors if e.type == "schema-type-mismatch")
    assert (error.resource, error.field, error.message) == ("quotes", "start", "Column start of quotes is declared string, but its model gives integer")
    assert exit_code(tiny_package) == 1


def test_a_primary_key_contradicting_the_model(tiny_package):
    edit_descriptor(tiny_package, lambda d: table(d, "sentences")["schema"].update(primaryKey=["article_id"]))
    assert ["schema-primary-key-mismatch", "sentences", None] in found(tiny_package)


def test_fields_renamed_or_reordered(tiny_package):
    def swap(d):
        fields = table(d, "paragraphs")["schema"]["fields"]
        fields[0], fields[1] = fields[1], fields[0]
    edit_descriptor(tiny_package, swap)
    error = next(e for e in validate(tiny_package).errors if e.type == "schema-field-mismatch")
    assert error.resource == "paragraphs" and error.note.startswith("order article_id, paragraph_id, ")
    edit_descriptor(tiny_package, lambda d: swap(d) or field(d, "paragraphs", "kind").update(name="sort"))
    error = next(e for e in validate(tiny_package).errors if e.type == "schema-field-mismatch")
    assert error.note == "missing kind; not in the model: sort"


def test_a_foreign_key_the_model_lacks_is_a_mismatch_one_left_out_is_not(tiny_package):
    invented = {"fields": ["text"], "reference": {"resource": "articles", "fields": ["headline"]}}
    edit_descriptor(tiny_package, lambda d: table(d, "sentences")["schema"]["foreignKeys"].append(invented))
    assert ["schema-foreign-key-mismatch", "sentences", None] in found(tiny_package)
    edit_descriptor(tiny_package, lambda d: table(d, "sentences")["schema"].update(foreignKeys=[]))
    assert validate(tiny_package).valid  # newsprov checks the model's keys anyway


def test_a_constraint_beyond_the_model_is_checked_on_the_rows(tiny_package):
    """As frictionless does: an older release's narrower enum holds for its rows; a maximum someone added does not."""
    methods = sorted(set(__import__("polars").read_csv(tiny_package / "tables/quotes.csv")["method"].to_list()))
    edit_descriptor(tiny_package, lambda d: field(d, "quotes", "method")["constraints"].update(enum=methods))
    assert validate(tiny_package).valid and not frictionless.validate(str(tiny_package / "datapackage.json")).flatten(["type"])
    edit_descriptor(tiny_package, lambda d: field(d, "sentences", "end")["constraints"].update(maximum=60))
    errors = [e for e in validate(tiny_package).errors if e.type == "constraint-error"]
    assert errors and all(e.resource == "sentences" and e.field == "end" and e.cell > 60 for e in errors)
    assert errors[0].note == "the descriptor's constraint maximum = 60 (not in the model; frictionless checks it)"
    theirs = frictionless.validate(str(tiny_package / "datapackage.json")).flatten(["rowNumber", "fieldName", "type"])
    assert sorted([e.row, e.field] for e in errors) == sorted([row, name] for row, name, kind in theirs if kind == "constraint-error")


def test_a_constraint_newsprov_cannot_check_is_a_mismatch(tiny_package):
    edit_descriptor(tiny_package, lambda d: field(d, "sentences", "text")["constraints"].update(jsonSchema={"type": "string"}))
    assert ["schema-constraint-mismatch", "sentences", "text"] in found(tiny_package)


def test_a_csv_dialect_or_encoding_the_tables_do_not_have(tiny_package):
    edit_descriptor(tiny_package, lambda d: table(d, "articles").update(dialect={"delimiter": ";"}, encoding="latin-1"))
    assert [e.note for e in validate(tiny_package).errors if e.type == "table-format-mismatch"] == ["encoding must be 'utf-8'", "dialect must be absent"]


def test_descriptions_may_differ(tiny_package):
    edit_descriptor(tiny_package, lambda d: field(d, "quotes", "text").update(description="Reworded.", title="Words"))
    assert validate(tiny_package).valid


def test_every_new_slug_is_in_the_catalogue():
    for slug in ("profile-error", "version-error", "table-format-mismatch", "schema-mismatch", "schema-field-mismatch",
                 "schema-type-mismatch", "schema-constraint-mismatch", "schema-primary-key-mismatch", "schema-foreign-key-mismatch"):
        assert CATALOGUE[slug].type == slug


# What newsprov validate accepts, frictionless validate and newsprov release accept too.
MUTATIONS = {
    "as built": lambda d: None,
    "name with capitals": lambda d: d.update(name="Tiny"),
    "name with a slash": lambda d: d.update(name="org/tiny"),  # the profile allows it; the release file name cannot
    "name with a space under the v2 profile": lambda d: d.update({"$schema": "https://datapackage.org/profiles/2.0/datapackage.json", "name": "tiny pkg"}),
    "version 1.0": lambda d: d.update(version="1.0"),
    "created not a date": lambda d: d.update(created="yesterday"),
    "a licence without name or path": lambda d: d.update(licenses=[{"title": "x"}]),
    "a contributor's email": lambda d: d.update(contributors=[{"title": "A", "email": "not an email"}]),
    "an extra property": lambda d: d.update(keywords=["news"], x_note={"any": ["thing", 1]}),
    "fields not a list": lambda d: table(d, "quotes")["schema"].update(fields={}),
    "an unknown field type": lambda d: field(d, "quotes", "text").update(type="words"),
    "a field type changed": lambda d: field(d, "sentences", "text").update(type="integer"),
    "a stricter constraint": lambda d: field(d, "sentences", "end")["constraints"].update(maximum=60),
    "a pattern constraint": lambda d: field(d, "sentences", "text")["constraints"].update(pattern="[A-Z].*"),
    "missing values changed": lambda d: table(d, "sentences")["schema"].update(missingValues=["", "-"]),
    "a dialect": lambda d: table(d, "sentences").update(dialect={"delimiter": ";"}),
    "a resource name with capitals": lambda d: table(d, "quotes").update(name="Quotes"),
    "a resource path with a variable": lambda d: d["resources"][0].update(path="sources/$HOME.txt"),
    "bytes as a string": lambda d: d["resources"][0].update(bytes=str(d["resources"][0]["bytes"])),
    "a bad hash": lambda d: d["resources"][0].update(hash="sha1:abc"),
    "a resource that is not an object": lambda d: d["resources"].append("sources/alpha.txt"),
}


ACCEPTED = {"as built", "an extra property"}
UNSAFE = {"a resource path with a variable"}  # exit 2: newsprov refuses to read it (and frictionless calls it unsafe)


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_what_newsprov_accepts_frictionless_and_release_accept(tiny_package, tmp_path, mutation):
    edit_descriptor(tiny_package, MUTATIONS[mutation])
    code = exit_code(tiny_package)
    assert code == (0 if mutation in ACCEPTED else 2 if mutation in UNSAFE else 1)
    if code == 0:
        theirs = frictionless.validate(str(tiny_package / "datapackage.json"))
        assert theirs.valid, theirs.flatten(["type", "note"])
        archive, _ = release(tiny_package, tmp_path / "releases")  # raises if it refuses
        assert archive.is_file()


def test_one_resource_per_shape_gives_frictionless_the_same_answers(tiny_package):
    """The reduction check_profile works on (validators/profile.py) loses no error."""
    descriptor = json.loads((tiny_package / "datapackage.json").read_text())
    source = descriptor["resources"][0]
    many = [dict(source, name=f"source-{i}", path=f"sources/s{i}.txt", bytes=i + 1, hash=f"sha256:{i:064x}") for i in range(300)]
    many[7]["name"] = "Source Seven"
    many[20]["path"] = "~/s20.txt"
    many[33]["bytes"] = True
    many[41]["licenses"] = [{"name": 1}]
    many[52]["hash"] = 5
    many[60]["bytes"] = 0
    many[61]["title"] = "only here"
    many[75] = "not an object"
    descriptor["resources"] = many + descriptor["resources"][2:]
    reduced, kept = profile.reduced(descriptor)
    assert len(reduced["resources"]) < 30
    fast = sorted(e.note for e in profile.check_profile(reduced, kept))
    assert fast == sorted(e.note for e in profile.check_profile(copy.deepcopy(descriptor)))
    assert len(fast) >= 6 and any("resources/75" in note for note in fast)


@pytest.mark.parametrize(("prop", "value"), [("name", "source-9\nsource-10"), ("path", "sources/a.txt\nsources/b.txt"), ("hash", "sha256:ab\ncd")])
def test_a_value_holding_a_newline_does_not_pass_for_two_plain_ones(tiny_package, prop, value):
    descriptor = json.loads((tiny_package / "datapackage.json").read_text())
    source = descriptor["resources"][0]
    many = [dict(source, name=f"source-{i}", path=f"sources/s{i}.txt", hash=f"sha256:{i:064x}") for i in range(50)]
    many[9][prop] = value
    descriptor["resources"] = many
    reduced, kept = profile.reduced(descriptor)
    assert 9 in kept
    assert sorted(e.note for e in profile.check_profile(reduced, kept)) == sorted(e.note for e in profile.check_profile(copy.deepcopy(descriptor)))


def test_a_table_with_a_declared_constraint_still_reports_its_other_errors(tiny_package):
    edit_descriptor(tiny_package, lambda d: field(d, "sentences", "end")["constraints"].update(maximum=10_000))
    edit_csv(tiny_package / "tables/sentences.csv", 2, "end", "-1")
    rehash(tiny_package, "sentences")
    assert "constraint-error" in {e.type for e in validate(tiny_package).errors}


def test_an_optional_column_may_be_left_out_a_required_one_may_not():
    from newsprov.schemas.quotes import Quotes
    from newsprov.validators.table_schemas import check_table_schema

    descriptor = json.loads((Path(__file__).resolve().parents[1] / "datapackage.json").read_text(encoding="utf-8"))
    quotes = next(r for r in descriptor["resources"] if r["name"] == "quotes")
    older = copy.deepcopy(quotes)  # as packages built before speaker_kind existed declare it
    older["schema"]["fields"] = [f for f in older["schema"]["fields"] if f["name"] != "speaker_kind"]
    broken = copy.deepcopy(quotes)
    broken["schema"]["fields"] = [f for f in broken["schema"]["fields"] if f["name"] != "cue"]
    assert check_table_schema(older, Quotes)[0] == []
    assert [(e.type, e.note) for e in check_table_schema(broken, Quotes)[0]] == [("schema-field-mismatch", "missing cue")]
