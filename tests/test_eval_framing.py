"""`newsprov eval framing`: framing rows' loaded words scored as tokens against lexical-bias spans."""

from __future__ import annotations

import json

import polars as pl
import pytest
from typer.testing import CliRunner

from conftest import SHARED
from newsprov.cli import app

runner = CliRunner()
BASIL = SHARED / "corpora" / "basil" / "dev"


def _gold_line(article_id: str, start: int, end: int, bias: str = "lex") -> str:
    return json.dumps({"article_id": article_id, "story": "seeds", "start": start, "end": end, "bias": bias})


def test_the_published_loaded_words_are_found_and_a_missed_word_costs_recall(tmp_path):
    import newsprov

    ds = newsprov.load()
    framing = ds.tables["drifts"].filter(pl.col("kind") == "framing").select("drift_id")
    loaded = (ds.tables["drift_spans"].join(framing, on="drift_id").filter(pl.col("side") == "a")
              .select("article_id", "start", "end", "text").unique().sort("article_id", "start"))
    assert loaded.height >= 1  # the seeds print at least one loaded word another version lacks
    assert all(" " not in t for t in loaded["text"])  # one word each: one token each
    # A word no framing row names: the first word of the first article's text, as a lex span.
    first = ds.articles["article_id"][0]
    text = ds.text(first)
    import re

    word = re.search(r"\w+", text)
    assert (first, word.start()) not in set(loaded.select("article_id", "start").iter_rows())
    lines = [_gold_line(a, s, e) for a, s, e, _ in loaded.iter_rows()] + [_gold_line(first, *word.span())]
    lines.append(_gold_line(first, *word.span(), bias="inf"))  # informational bias is not a loaded word
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "framing", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    n = loaded.height
    system = scores["system"]["articles"]
    assert (system["tokens"], system["gold_tokens"], system["true"]) == (n, n + 1, n)
    assert system["precision"] == 1.0 and system["recall"] == round(n / (n + 1), 4)
    # the baseline counts words no other version prints: the loaded words only one version uses among them
    assert scores["baseline"]["articles"]["tokens"] > system["tokens"]


def test_an_unreadable_gold_file_is_one_line_and_exit_2(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "framing", "--gold", str(gold)])
    assert result.exit_code == 2
    assert "gold.jsonl" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_gold_naming_no_article_of_the_package_is_refused(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(_gold_line("nowhere_article", 0, 4) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "framing", "--gold", str(gold)])
    assert result.exit_code == 2 and "names no article" in result.output


@pytest.mark.skipif(not (BASIL / "annotations.jsonl").is_file(), reason="needs ../shared/corpora/basil/dev (set NEWSPROV_SHARED)")
def test_basil_dev_is_scored_in_both_scopes(tmp_path):
    from newsprov.dataset.build import build

    build(BASIL / "text", out=tmp_path / "basil")
    result = runner.invoke(app, ["eval", "framing", "--gold", str(BASIL / "annotations.jsonl"), str(tmp_path / "basil"), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["stories"] == 30 and scores["system"]["articles"]["gold_tokens"] > 200
    # the naive baseline finds most loaded words in annotated sentences, at low precision
    assert scores["baseline"]["lex_sentences"]["recall"] > 0.4
