"""`newsprov eval reuse`: the reuse share scored on labelled agency/newspaper pairs and on
independent outlets (invented folders in the corpora's layouts; the real ones in ../shared)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprov.cli import app
from newsprov.dataset.compare.reuse_eval import counter_scores, quantile, roc_auc

from conftest import SHARED

runner = CliRunner()

AGENCY = [
    "The provincial cabinet on Monday approved a plan to build two hundred new schools in rural districts over "
    "three years. The education minister said the first fifty buildings would open before the next winter. "
    "Officials said the plan would be paid for from the development budget and by a loan from a foreign bank.",
    "The national cricket team reached the final of the blind cricket world cup after beating the hosts by six "
    "wickets on Saturday. The captain scored an unbeaten century and was named player of the match. "
    "The final will be played in the capital on Thursday evening.",
]
# Wholly derived: the agency text cut and lightly edited.
WD = [
    "The provincial cabinet on Monday approved a plan to build two hundred new schools in rural districts over "
    "three years. The education minister said the first fifty buildings would open before winter.",
    "The national cricket team reached the final of the blind cricket world cup after beating the hosts by six "
    "wickets on Saturday. The final will be played in the capital on Thursday.",
]
# Partly derived: one copied sentence inside the newspaper's own reporting.
PD = [
    "Parents in the hill villages have waited for years. The provincial cabinet on Monday approved a plan to build "
    "two hundred new schools in rural districts over three years. Teachers' unions asked who would staff them, "
    "and opposition members called the timetable unrealistic given last year's floods.",
]
# Non-derived: the same events in the newspaper's own words.
ND = [
    "Rural children may soon have classrooms nearer home: ministers signed off on Monday a scheme for 200 schools, "
    "with roughly a quarter due to be ready by the cold season, according to the education department.",
    "Blind cricketers are through to the World Cup final. They knocked out the home side with six wickets to spare, "
    "led by a captain who was not out on a hundred; the title match is on Thursday at the national stadium.",
]


@pytest.fixture
def counter(tmp_path):
    folder = tmp_path / "counter"
    rows = []
    pairs = [("WD", AGENCY[0], WD[0]), ("WD", AGENCY[1], WD[1]), ("PD", AGENCY[0], PD[0]),
             ("ND", AGENCY[0], ND[0]), ("ND", AGENCY[1], ND[1])]
    for n, (label, src, der) in enumerate(pairs):
        pair = f"x{n:03d}"
        (folder / "pairs" / pair).mkdir(parents=True)
        (folder / "pairs" / pair / f"{pair}_src.txt").write_text(src, encoding="utf-8")
        (folder / "pairs" / pair / f"{pair}_der.txt").write_text(der, encoding="utf-8")
        rows.append(f"{pair}\t{label}\tnational\tpaper\tagency")
    (folder / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def basil(tmp_path):
    folder = tmp_path / "basil" / "text"
    folder.mkdir(parents=True)
    (folder / "s001_left.txt").write_text(AGENCY[0], encoding="utf-8")
    (folder / "s001_right.txt").write_text(ND[0], encoding="utf-8")
    (folder / "s002_left.txt").write_text(AGENCY[1], encoding="utf-8")
    (folder / "s002_right.txt").write_text(ND[1], encoding="utf-8")
    return folder.parent


def test_auc_counts_ties_half_and_quantile_interpolates():
    assert roc_auc([1.0, 0.5], [0.5, 0.0]) == 0.875
    assert quantile([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], 0.9) == pytest.approx(0.9)


def test_a_derived_newspaper_text_shares_most_words_and_a_rewritten_one_almost_none(counter):
    shares = {pair: (label, share) for pair, label, share in counter_scores(counter)}
    assert shares["x000"][1] > 0.9 and shares["x001"][1] > 0.85  # cut and lightly edited
    assert 0.2 < shares["x002"][1] < 0.6  # one copied sentence among its own
    assert shares["x003"][1] < 0.1 and shares["x004"][1] < 0.1  # the same facts, other words


def test_eval_reuse_scores_both_layouts(counter, basil):
    result = runner.invoke(app, ["eval", "reuse", "--counter", str(counter), "--basil", str(basil), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["counter"]["auc_derived"] == 1.0 and scores["counter"]["auc_wholly_derived"] == 1.0
    assert (scores["counter"]["WD"], scores["counter"]["PD"], scores["counter"]["ND"]) == (2, 1, 2)
    assert scores["basil"]["shares"] == 4 and scores["basil"]["max"] < 0.1


def test_eval_reuse_skips_an_absent_folder_and_says_so(counter, tmp_path):
    result = runner.invoke(app, ["eval", "reuse", "--counter", str(counter), "--basil", str(tmp_path / "nowhere")])
    assert result.exit_code == 0, result.output
    assert "skipped: basil:" in result.output and "ROC AUC derived vs non-derived 1.000" in result.output


def test_eval_reuse_needs_a_folder_and_a_folder_in_the_layout(tmp_path):
    assert runner.invoke(app, ["eval", "reuse"]).exit_code == 2
    (tmp_path / "empty").mkdir()
    bad = runner.invoke(app, ["eval", "reuse", "--counter", str(tmp_path / "empty")])
    assert bad.exit_code == 2 and "no labels.tsv" in bad.output


def test_eval_reuse_names_an_outlet_text_that_is_not_utf8(counter, tmp_path):
    (tmp_path / "basil" / "text").mkdir(parents=True)
    (tmp_path / "basil" / "text" / "s1_fox.txt").write_bytes(b"\xff\xfe not UTF-8")
    bad = runner.invoke(app, ["eval", "reuse", "--basil", str(tmp_path / "basil")])
    assert bad.exit_code == 2 and "s1_fox.txt" in bad.output and "utf-8" in bad.output
    assert len(bad.output.strip().splitlines()) == 1


@pytest.mark.skipif(not (SHARED / "corpora" / "counter" / "dev").is_dir() or not (SHARED / "corpora" / "basil" / "dev").is_dir(),
                    reason="COUNTER/BASIL dev are absent (evaluation corpora live in ../shared)")
def test_the_shared_dev_corpora_keep_their_measured_figures():
    result = runner.invoke(app, ["eval", "reuse", "--counter", str(SHARED / "corpora" / "counter" / "dev"),
                                 "--basil", str(SHARED / "corpora" / "basil" / "dev"), "--json"])
    scores = json.loads(result.output)
    # measured at this commit: 0.885 / 0.925 / 0.088 (README, "Reuse"); the issue's targets are 0.90 / 0.95 / 0.15
    assert scores["counter"]["auc_derived"] >= 0.87 and scores["counter"]["auc_wholly_derived"] >= 0.91
    assert scores["basil"]["p90"] <= 0.10


def test_eval_reuse_takes_the_labels_file_as_the_issue_names_it(counter):
    by_folder = runner.invoke(app, ["eval", "reuse", "--counter", str(counter), "--json"])
    by_labels = runner.invoke(app, ["eval", "reuse", "--labels", str(counter / "labels.tsv"), "--json"])
    assert by_labels.exit_code == 0, by_labels.output
    assert json.loads(by_labels.output)["counter"] == json.loads(by_folder.output)["counter"]
