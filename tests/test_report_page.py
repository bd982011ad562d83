"""The story page: self-contained, every link lands on its span, and a real browser renders it."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

import newsprov
from newsprov.browser import find_chromium, open_page
from newsprov.cli import app
from newsprov.page import render

runner = CliRunner()


@pytest.fixture(scope="module")
def ds():
    return newsprov.load()


@pytest.fixture(scope="module")
def page(ds) -> str:
    return render(ds)


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _text_from(page: str, element_id: str, length: int = 4000) -> str:
    """The page's text from the element with this id on (tags stripped)."""
    at = page.index(f'id="{element_id}"')
    return _plain(page[page.rindex("<", 0, at):][:length])


def _section(page: str, section: str) -> str:
    start = page.index(f'<section id="{section}">')
    return page[start:page.index("</section>", start)]


def test_the_page_is_self_contained_and_reproducible(ds, page):
    assert render(ds) == page
    assert re.findall(r"""(?:src|href|action)\s*=\s*["'](?!#)""", page) == []
    assert "<link" not in page and "<img" not in page and "@import" not in page and "url(" not in page


def test_every_link_lands_on_an_element_and_ids_are_unique(page):
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets and targets <= set(ids)


def test_each_drift_span_link_lands_on_its_span(ds, page):
    spans = ds.drift_spans.drop_nulls("start")
    assert spans.height
    for span_id, text in spans.select("span_id", "text").iter_rows():
        anchor = f"span-{span_id}"
        assert f'href="#{anchor}"' in page
        assert _text_from(page, anchor, length=40 * len(text) + 4000).startswith(text), anchor


def test_drifts_are_grouped_by_kind_with_every_version_on_each_side(ds, page):
    section = _section(page, "drifts")
    kinds = re.findall(r'<h3 id="kind-([a-z_]+)">', section)
    assert kinds and sorted(kinds) == sorted(ds.drifts["kind"].unique().to_list())
    for kind in kinds:  # each kind's rows sit under its heading
        block = section[section.index(f'id="kind-{kind}"'):]
        block = block[:block.index("</table>")]
        assert set(re.findall(r'<tr data-kind="([a-z_]+)"', block)) == {kind}
    labels = {a["article_id"]: a["outlet"] or f"Version {i + 1}" for i, a in enumerate(ds.articles.sort("article_id").to_dicts())}
    lacking = ds.drift_spans.filter(pl.col("start").is_null())
    for drift_id, article_id in lacking.select("drift_id", "article_id").head(20).iter_rows():
        row = section[section.index(f'id="{drift_id}"'):]
        row = _plain(row[:row.index("</tr>")])
        assert f"{labels[article_id]}: lacks it" in row


def test_each_quote_and_figure_is_marked_where_it_is(ds, page):
    for table, key in (("quotes", "quote"), ("figures", "figure")):
        for row in ds.tables[table].iter_rows(named=True):
            assert _text_from(page, f"{key}-{row[f'{key}_id']}").startswith(row["text"])


def test_full_texts_reproduce_each_source_exactly(ds, page):
    for article_id in ds.articles["article_id"]:
        start = page.index(f'<details id="text-{article_id}">')
        body = page[page.index('<div class="fulltext" dir="auto">', start) + len('<div class="fulltext" dir="auto">'):page.index("</div></details>", start)]
        assert _plain(body) == ds.text(article_id)


def test_side_by_side_shows_every_sentence_of_every_version(ds, page):
    grid = _plain(_section(page, "side-by-side"))
    missing = [s for s in ds.sentences["text"] if s not in grid]
    assert missing == []


def test_summary_counts_drifts_by_kind(ds, page):
    summary = _section(page, "summary")
    for kind, n in ds.drifts.group_by("kind").len().iter_rows():
        assert re.search(rf'disc-{kind}">{kind}</span></td><td class="n">{n}</td>', summary)


def test_cli_writes_the_page_for_a_user_folder(tiny_package, tmp_path):
    out = tmp_path / "site" / "story.html"
    result = runner.invoke(app, ["report", str(tiny_package), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "2 versions" in result.output


def test_cli_refuses_a_tampered_package_and_writes_nothing(embedded_copy, tmp_path):
    source = next((embedded_copy / "dataset/sources").glob("*.txt"))
    source.write_bytes(source.read_bytes() + b" ")
    out = tmp_path / "story.html"
    result = runner.invoke(app, ["report", str(embedded_copy), "--out", str(out)])
    assert result.exit_code == 1  # invalid data, as `validate` says (README, exit codes)
    assert "invalid package" in result.output and source.name in result.output
    assert not out.exists()


needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (Debian: apt install chromium)")


@needs_chromium
def test_chromium_renders_the_page_without_console_messages(page, tmp_path):
    from PIL import Image

    path = tmp_path / "story.html"
    path.write_text(page, encoding="utf-8")
    shot = tmp_path / "story.png"
    run = open_page(path.as_uri(), screenshot=shot, size=(1200, 1500))
    assert run.console == []
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 1500)
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50  # text, marks and tables, not a blank page
    white = max(count for count, colour in colours if colour == (255, 255, 255))
    assert white < 0.95 * 1200 * 1500


@needs_chromium
def test_following_a_link_opens_the_full_text_it_points_into(ds, page, tmp_path):
    path = tmp_path / "story.html"
    path.write_text(page, encoding="utf-8")
    article_id = ds.articles["article_id"][0]
    run = open_page(path.as_uri() + f"#text-{article_id}", dump_dom=True)
    assert run.console == []
    assert '<html lang="en" class="js">' in run.dom  # the page's script ran to the end
    assert f'<details id="text-{article_id}" open="">' in run.dom


@needs_chromium
def test_a_broken_page_is_caught_by_the_console_check(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><img src='missing.png'><script>undefinedFunction()</script></body></html>")
    run = open_page(path.as_uri())
    assert any("undefinedFunction" in line for line in run.console)
