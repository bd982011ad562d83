"""`newsprov eval drift`: the drift rows scored against the committed gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO_ROOT, SHARED
from newsprov.cli import app

runner = CliRunner()
GOLD = REPO_ROOT / "benchmarks" / "gold" / "drift"
BASIL = SHARED / "corpora" / "basil" / "dev" / "text"


def _scores(*args: str) -> dict:
    result = runner.invoke(app, ["eval", "drift", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_seeds_gold_is_mostly_surfaced_with_rows_that_hold_and_collapse():
    scores = _scores("--gold", str(GOLD / "seeds_gold.json"))
    assert scores["gold_rows"] == 93
    # The target: at least 80% of the drifts a careful reader finds (clear rows).
    assert scores["recall_clear"]["recall"] >= 0.80
    # Not only omissions: the other kinds together are found more often than not.
    assert scores["recall_non_omission_clear"]["recall"] >= 0.5
    # Most rows are drifts the reader also found, and one fact is about one row.
    assert scores["precision_vs_gold"] >= 0.75
    assert scores["collapse_jaccard_mean"] >= 0.8


def test_the_table_prints_each_kind():
    result = runner.invoke(app, ["eval", "drift", "--gold", str(GOLD / "seeds_gold.json")])
    assert result.exit_code == 0, result.output
    assert "| all kinds | 79 |" in result.output and "| attribution |" in result.output and "collapse" in result.output


def test_an_unreadable_or_foreign_gold_file_exits_2(tmp_path):
    missing = runner.invoke(app, ["eval", "drift", "--gold", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "none.json" in missing.output
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"format": "something-else", "drifts": []}))
    result = runner.invoke(app, ["eval", "drift", "--gold", str(foreign)])
    assert result.exit_code == 2 and "newsprov-drift-gold/1" in result.output


def test_a_gold_span_that_does_not_match_the_text_exits_2(tmp_path):
    gold = json.loads((GOLD / "seeds_gold.json").read_text(encoding="utf-8"))
    gold["drifts"][0]["a"][0]["start"] += 1
    path = tmp_path / "shifted.json"
    path.write_text(json.dumps(gold))
    result = runner.invoke(app, ["eval", "drift", "--gold", str(path)])
    assert result.exit_code == 2 and "does not match its text" in result.output


def test_the_basil_gold_holds_offsets_and_hashes_only():
    gold = json.loads((GOLD / "basil_gold.json").read_text(encoding="utf-8"))
    assert gold["span_text"] == "sha"
    for row in gold["drifts"]:
        for side in ("a", "b"):
            for span in row[side]:
                assert set(span) == {"article", "start", "end", "sha"}


@pytest.mark.skipif(not BASIL.is_dir(), reason=f"{BASIL} is absent (evaluation corpora live in ../shared)")
def test_basil_gold_scores_on_a_few_stories_built_from_the_corpus(tmp_path):
    """Six stories (18 articles) keep this fast; the whole figure is in the README."""
    from newsprov.dataset.build import build

    gold = json.loads((GOLD / "basil_gold.json").read_text(encoding="utf-8"))
    stories = sorted(gold["stories"])[:6]
    src = tmp_path / "text"
    src.mkdir()
    for story in stories:
        for article in gold["stories"][story]:
            (src / f"{article}.txt").write_bytes((BASIL / f"{article}.txt").read_bytes())  # (tmp only)
    gold["stories"] = {s: gold["stories"][s] for s in stories}
    gold["drifts"] = [d for d in gold["drifts"] if d["story"] in stories]
    subset = tmp_path / "gold.json"
    subset.write_text(json.dumps(gold))
    build(src, tmp_path / "pkg")
    scores = _scores("--gold", str(subset), str(tmp_path / "pkg"))  # every gold span's sha checked against the text
    assert scores["gold_rows"] == len(gold["drifts"]) > 0
    assert scores["recall_all"]["matched"] > 0
