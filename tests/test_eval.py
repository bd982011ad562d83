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
    from newsprov.dataset.extract.figures import extract_figures
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
