"""Reviewed overrides: curators fix, drop or add rows; stale or malformed entries fail the build."""

from __future__ import annotations

import polars as pl
import pytest
from typer.testing import CliRunner

from newsprov.cli import app
from newsprov.dataset.build import BuildError, build

from conftest import TINY

ALPHA = TINY["alpha.txt"]
QUOTE = "constructive."  # between the marks of alpha's quote
Q_START = ALPHA.index(QUOTE)


def write(folder, body: str) -> None:
    (folder / "overrides.toml").write_text(body, encoding="utf-8")


def quotes(out) -> pl.DataFrame:
    return pl.read_csv(out / "tables/quotes.csv", infer_schema=False)


def entry(action: str, start: int = Q_START, text: str = QUOTE, extra: str = "") -> str:
    return f'[[quotes]]\naction = "{action}"\narticle_id = "alpha"\nstart = {start}\nend = {start + len(text)}\ntext = "{text}"\nreason = "reviewed"\n{extra}'


def test_without_overrides_the_rule_row_stands(tiny_sources, tmp_path):
    build(tiny_sources, tmp_path / "pkg")
    row = quotes(tmp_path / "pkg").filter(pl.col("text") == QUOTE).row(0, named=True)
    assert row["method"] != "curated" and row["speaker_mention"] == "The official"


def test_set_changes_the_speaker_and_says_curated(tiny_sources, tmp_path):
    mention = ALPHA.index("Cairo")
    write(tiny_sources, entry("set", extra=f'speaker = "Cairo"\nspeaker_start = {mention}\nspeaker_end = {mention + 5}\nclear = ["cue"]\n'))
    build(tiny_sources, tmp_path / "pkg")
    row = quotes(tmp_path / "pkg").filter(pl.col("text") == QUOTE).row(0, named=True)
    assert (row["speaker"], row["speaker_mention"], row["cue"], row["method"]) == ("Cairo", "Cairo", None, "curated")


def test_drop_and_add(tiny_sources, tmp_path):
    missed = "Talks in Cairo"  # not in quotation marks, but a curator may add any real span
    write(tiny_sources, entry("drop") + "\n" + entry("add", start=ALPHA.index(missed), text=missed, extra='kind = "partial"\n'))
    build(tiny_sources, tmp_path / "pkg")
    rows = quotes(tmp_path / "pkg").filter(pl.col("article_id") == "alpha")
    assert rows.select("text", "kind", "method").rows() == [(missed, "partial", "curated")]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (entry("set", text="constructive!", extra='kind = "full"\n'), "stale override: source["),
        (entry("drop", text=QUOTE[:-1]), "stale override: no extracted quotes row"),
        (entry("add", start=0, text="Talks"), "an add needs kind"),
        (entry("add", extra='kind = "full"\n'), "the extractor now finds this row itself"),
        (entry("set", extra='colour = "red"\n'), "unknown field(s) ['colour']"),
        (entry("set").replace('reason = "reviewed"\n', ""), "a reason is required"),
        ('[[quotes]\naction = "set"', "malformed overrides file"),
        ('[[figures]]\naction = "drop"\narticle_id = "nobody"\nstart = 0\nend = 1\ntext = "x"\nreason = "r"\n', "no article 'nobody'"),
        ('[[entities]]\naction = "set"\nalias = "Nobody Known"\ncanonical = "Nobody Known"\nreason = "r"\n', "no speaker is named 'Nobody Known'"),
    ],
)
def test_bad_overrides_fail_the_build_naming_the_entry(tiny_sources, tmp_path, body, message):
    out = tmp_path / "pkg"
    build(tiny_sources, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(tiny_sources, body)
    with pytest.raises(BuildError) as caught:
        build(tiny_sources, out)
    assert message in str(caught.value) and "overrides.toml" in str(caught.value)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # the published package is intact


def test_cli_reports_a_stale_override_in_one_line(tiny_sources, tmp_path):
    write(tiny_sources, entry("drop", text=QUOTE[:-1]))
    result = CliRunner().invoke(app, ["build", str(tiny_sources), "--out", str(tmp_path / "pkg")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsprov: ") and "[[quotes]] #1" in lines[0]
