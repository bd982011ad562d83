"""`newsprov eval`: scores against gold, checked on a tiny hand-annotated corpus."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprov.cli import app

runner = CliRunner()
TEXT = "\u201cWe will win,\u201d Smith said. Jones said the plan was \u201cdead on arrival.\u201d \u201cMaybe,\u201d a voice said.\n"


def span(part: str) -> str:
    start = TEXT.index(part)
    return f"{start} {start + len(part)}\t{part}"


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "gold"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    ann = [
        f"T1\tSource {span('Smith')}",
        f"T2\tCue {span('said')}",
        f"T3\tContent {span(chr(0x201C) + 'We will win,' + chr(0x201D))}",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        f"T4\tSource {span('Jones')}",
        f"T5\tContent {span('the plan was ' + chr(0x201C) + 'dead on arrival.' + chr(0x201D))}",
        "E2\tAttribution:T4 Content:T5 Source:T4",
    ]
    (root / "attributions" / "doc1_annotator.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text("filename\tpublisher\ndoc1\tThe Tiny Times\n", encoding="utf-8")
    return root


def test_eval_quotes_scores_a_hand_annotated_document(corpus):
    result = runner.invoke(app, ["eval", "quotes", "--gold", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.output)["overall"]
    # Three quotes found, two annotated (the unannotated "Maybe," counts against precision).
    assert (overall["gold"], overall["predicted"], overall["matched"]) == (2, 3, 2)
    assert overall["precision"] == pytest.approx(2 / 3) and overall["recall"] == 1.0
    assert overall["speaker_accuracy"] == 1.0 and overall["end_to_end_f1"] == pytest.approx(0.8)
    assert list(json.loads(result.output)["per_publisher"]) == ["The Tiny Times"]


def test_eval_quotes_table_output(corpus):
    result = runner.invoke(app, ["eval", "quotes", "--gold", str(corpus)])
    assert result.exit_code == 0
    assert "| overall | 1 | 2 | 3 | 0.667 | 1.000 | 0.800 | 1.000 | 0.800 |" in result.output.splitlines()


def test_eval_quotes_without_documents_exits_2(tmp_path):
    result = runner.invoke(app, ["eval", "quotes", "--gold", str(tmp_path)])
    assert result.exit_code == 2 and "no annotated documents" in result.output


def test_eval_figures_scores_the_package_table(tmp_path):
    from newsprov.lang.figures import extract_figures
    import newsprov

    ds = newsprov.load()
    article = ds.articles["article_id"][0]
    text = ds.text(article)
    start = text.index("more than 320")
    gold = [
        {"article": article, "start": start, "end": start + 13, "value": 320.0, "value_kind": "lower_bound", "unit": "rocket"},
        {"article": article, "start": start, "end": start + 13, "value": 999.0, "value_kind": "exact", "unit": "rocket"},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    result = runner.invoke(app, ["eval", "figures", "--gold", str(path), "--json"])
    scores = json.loads(result.output)
    n_article = len(extract_figures(text))
    assert scores["matched"] == 1 and scores["value_acc"] == 1.0 and scores["recall"] == 0.5
    assert scores["predicted"] == ds.figures.height and len(scores["spurious"]) == ds.figures.height - 1 and n_article > 1


BASIL_TEXT = ("Hale vows a fight\n\nTexas Gov. Jim Hale spoke in Austin on Monday. \u201cWe will win this fight,\u201d the Texas governor said. "
              "Union leaders called the plan \u201ca disgrace to every worker.\u201d \u201cIt is over,\u201d said Ann Reyes.\n")


@pytest.fixture
def basil(tmp_path):
    """A BASIL-layout folder: one invented article, four annotated quotes."""
    root = tmp_path / "basil"
    (root / "text").mkdir(parents=True)
    (root / "text" / "s001_fox.txt").write_text(BASIL_TEXT, encoding="utf-8")

    def row(part, speaker, quote="yes"):
        start = BASIL_TEXT.index(part)
        return json.dumps({"article_id": "s001_fox", "story": "s001", "start": start, "end": start + len(part), "text": part,
                           "bias": "inf", "quote": quote, "speaker": speaker})

    rows = [row("We will win this fight", "Jim_Hale"), row("a disgrace to every worker", "other_anti"),
            row("It is over", "Bob_Reyes"), row("spoke in Austin", "Jim_Hale", quote="no"),
            row("Union leaders called", "Tea_Party")]  # (not a quotation the package finds)
    (root / "annotations.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "stories.tsv").write_text("s001\tfox\ts001_fox\t2011-01-01\tHale vows a fight\thttp://example.org\n", encoding="utf-8")
    return root


def test_eval_speakers_scores_named_persons_by_surname(basil):
    result = runner.invoke(app, ["eval", "speakers", "--gold", str(basil), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    # Jim_Hale: found, "Jim Hale" (the Texas governor); Bob_Reyes: found, and "Ann Reyes" has the surname; other_anti is
    # generic, left out; Tea_Party counts as a person here (this text never prints "party" in lower case) and no quote
    # of the package holds its span.
    assert {k: scores["persons"][k] for k in ("annotated", "covered", "correct")} == {"annotated": 3, "covered": 2, "correct": 2}
    assert scores["persons"]["accuracy"] == 1.0 and scores["persons"]["coverage"] == pytest.approx(2 / 3)
    assert list(scores["per_outlet"]) == ["fox"]
    assert [e["gold"] for e in scores["errors"]] == ["Tea_Party"]


def test_eval_speakers_table_and_a_folder_not_in_the_layout(basil, tmp_path):
    result = runner.invoke(app, ["eval", "speakers", "--gold", str(basil)])
    assert result.exit_code == 0 and "| named persons | 3 | 2 | 2 | 0.667 | 1.000 | 0.667 |" in result.output.splitlines()
    bad = runner.invoke(app, ["eval", "speakers", "--gold", str(tmp_path / "nothing")])
    assert bad.exit_code == 2 and "BASIL layout" in bad.output


def test_a_person_label_is_two_capitalised_parts_the_corpus_never_prints_in_lower_case():
    from newsprov.dataset.evaluate.speakers import is_person_label

    lower = {"party", "lawmakers", "now"}
    assert is_person_label("Rick_Perry", lower) and is_person_label("Bibi_Netanyahu", lower)
    assert not any(is_person_label(x, lower) for x in ("Tea_Party", "Democratic_Lawmakers", "Obama_campaign", "NAACP", "Secure_America_Now"))
