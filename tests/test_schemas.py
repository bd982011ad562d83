"""Table Schemas and the data dictionary are derived from the Pandera models."""

import re

import pytest

from newsprov.schemas.registry import models
from newsprov.schemas.dictionary import markdown
from newsprov.schemas.frictionless import table_schema


def test_articles_table_schema():
    schema = table_schema(models()["articles"])
    fields = {f["name"]: f for f in schema["fields"]}
    assert schema["primaryKey"] == ["article_id"]
    assert fields["sha256"] == {
        "name": "sha256",
        "type": "string",
        "description": fields["sha256"]["description"],
        "constraints": {"required": True, "pattern": "[0-9a-f]{64}"},
    }
    assert fields["dateline_date"]["type"] == "date" and "required" not in fields["dateline_date"].get("constraints", {})
    assert fields["bytes"]["constraints"] == {"required": True, "minimum": 1}


def test_foreign_keys_and_enums():
    schema = table_schema(models()["sentences"])
    assert {"fields": ["paragraph_id"], "reference": {"resource": "paragraphs", "fields": ["paragraph_id"]}} in schema["foreignKeys"]
    kind = next(f for f in table_schema(models()["paragraphs"])["fields"] if f["name"] == "kind")
    assert kind["constraints"]["enum"][0] == "dateline"


@pytest.mark.parametrize("name", sorted(models()))
def test_patterns_are_whole_value_in_both_worlds(name):
    model = models()[name]
    for column in model.to_schema().columns.values():
        for check in column.checks:
            if check.name == "str_matches":
                pattern = check.statistics["pattern"]
                assert pattern.startswith("^") and pattern.endswith("$"), (name, column.name)


def test_dictionary_documents_every_column():
    text = markdown()
    for name, model in models().items():
        assert f"### `{name}`" in text
        for column in model.to_schema().columns:
            assert re.search(rf"^\| `{column}` \|", text, re.M), (name, column)


def test_every_extraction_rule_slug_is_an_allowed_method():
    """A rule added to an extractor must be declared in its table's method enumeration."""
    import re

    from newsprov.core.layout import REPO_ROOT
    from newsprov.schemas.figures import FIGURE_METHODS
    from newsprov.schemas.quotes import QUOTE_METHODS

    quote_source = "".join(p.read_text() for p in sorted((REPO_ROOT / "dataset/extract/quotes").glob("*.py")))
    quote_rules = set(re.findall(r'"(quote-marks/[a-z-]+)"', quote_source))
    assert quote_rules and quote_rules <= set(QUOTE_METHODS)
    figure_source = (REPO_ROOT / "src/newsprov/lang/figures.py").read_text()
    figure_rules = set(re.findall(r'method\s*=\s*"([a-z-]+)"', figure_source)) | set(re.findall(r'\),\s*"([a-z-]+)"\n', figure_source))
    assert figure_rules and figure_rules <= set(FIGURE_METHODS)
