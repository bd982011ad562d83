"""A package of several stories as pages: each story cut out whole, a page per story, an index of them."""

from __future__ import annotations

import html
import re

import polars as pl
import pytest
from typer.testing import CliRunner

import newsprov
from newsprov.browser import find_chromium, open_page
from newsprov.cli import app
from newsprov.page import render
from newsprov.story_pages import split, write_report
from test_stories import FLOOD, TRIAL, corpus_package  # noqa: F401  (the fixture: two invented stories among thirty other articles)

runner = CliRunner()


@pytest.fixture(scope="module")
def ds(corpus_package):  # noqa: F811
    return newsprov.load(corpus_package)


def test_each_story_is_cut_out_with_all_its_rows_and_nothing_else(ds):
    parts = split(ds)
    story = dict(ds.articles.select("article_id", "story_id").iter_rows())
    assert set(parts) == set(ds.stories["story_id"])
    flood = parts[story[next(iter(FLOOD))]]
    assert sorted(flood.articles["article_id"]) == sorted(FLOOD)
    for name, df in ds.tables.items():
        if "article_id" not in df.columns or name == "entities":
            continue
        for sid, part in parts.items():  # every row of the story's articles, in the package's order
            assert part.tables[name].equals(df.filter(pl.col("article_id").replace_strict(story, default=None) == sid)), (name, sid)
    drifts = pl.concat([p.drifts for p in parts.values()])
    assert drifts.height == ds.drifts.height and set(drifts["drift_id"]) == set(ds.drifts["drift_id"])
    for sid, part in parts.items():  # a drift goes with the story of its spans
        assert set(part.drifts["drift_id"]) == set(part.drift_spans["drift_id"])
        assert part.stories["story_id"].to_list() == [sid]


def test_the_index_links_a_page_for_each_story_of_several_versions(ds, tmp_path):
    out = tmp_path / "site" / "index.html"
    result = runner.invoke(app, ["report", str(ds.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    several = ds.stories.filter(pl.col("n_articles") >= 2)["story_id"].to_list()
    singles = ds.stories.filter(pl.col("n_articles") == 1).height
    assert f"the index of {ds.stories.height} stories, and {len(several)} story pages" in result.output
    index = out.read_text(encoding="utf-8")
    story = dict(ds.articles.select("article_id", "story_id").iter_rows())
    assert {story[next(iter(FLOOD))], story[next(iter(TRIAL))]} <= set(several)
    pages = {}
    for sid in several:
        assert f'<a href="index-stories/{sid}.html">{sid}</a>' in index
        pages[sid] = (tmp_path / "site" / "index-stories" / f"{sid}.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "site" / "index-stories").iterdir()) == sorted(f"{s}.html" for s in pages)
    assert f"{singles}</b> single articles" in index
    for sid, page in pages.items():
        members = [a for a, s in story.items() if s == sid]
        assert f"story {sid}</h1>" in page and '<a href="../index.html">all stories</a>' in page
        texts = re.findall(r'<details id="text-([^"]+)">', page)
        assert sorted(texts) == sorted(members)  # its versions, no other article
        for anchor in re.findall(r'href="#([^"]+)"', page):  # every link of the page lands on it
            assert f'id="{anchor}"' in page, anchor
        body = page[page.index(f'<details id="text-{members[0]}">'):]
        body = body[body.index('<div class="fulltext" dir="auto">') + len('<div class="fulltext" dir="auto">'):body.index("</div></details>")]
        assert html.unescape(re.sub(r"<[^>]+>", "", body)) == ds.text(members[0])


def test_one_story_page_on_request_and_the_rest_named_in_the_index(ds, tmp_path):
    story = dict(ds.articles.select("article_id", "story_id").iter_rows())
    sid = story[next(iter(TRIAL))]
    out = tmp_path / "trial.html"
    result = runner.invoke(app, ["report", str(ds.root), "--story", sid, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 versions" in result.output
    one = split(ds, [sid])[sid]
    assert out.read_text(encoding="utf-8") == render(one, story=one.stories.to_dicts()[0])
    several = ds.stories.filter(pl.col("n_articles") >= 2).sort("n_articles", "story_id", descending=[True, False])
    result = runner.invoke(app, ["report", str(ds.root), "--max-pages", "1", "--out", str(tmp_path / "i.html")])
    assert result.exit_code == 0 and f"{several.height - 1} more stories have no page" in result.output
    index = (tmp_path / "i.html").read_text(encoding="utf-8")
    assert [p.name for p in (tmp_path / "i-stories").iterdir()] == [f"{several['story_id'][0]}.html"]  # the largest
    assert index.count("newsprov report --story ") == several.height - 1  # the others: the command that writes each page


def test_an_unknown_story_is_one_line_and_exit_2(ds, tmp_path):
    result = runner.invoke(app, ["report", str(ds.root), "--story", "no-such-story", "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "no story 'no-such-story'" in result.output
    assert not (tmp_path / "x.html").exists()


def test_a_package_of_one_story_gets_its_page_as_before(tmp_path):
    embedded = newsprov.load()
    report = write_report(embedded, tmp_path / "story.html")
    assert not report.index and report.pages == {}
    assert (tmp_path / "story.html").read_text(encoding="utf-8") == render(embedded)
    assert [p.name for p in tmp_path.iterdir()] == ["story.html"]


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (Debian: apt install chromium)")
def test_chromium_renders_the_index_and_a_story_page_without_console_messages(ds, tmp_path):
    report = write_report(ds, tmp_path / "index.html")
    for page in (report.out, *report.pages.values()):
        run = open_page(page.resolve().as_uri(), screenshot=tmp_path / f"{page.stem}.png")
        assert run.console == [], (page, run.console)


def test_text_of_any_direction_is_laid_out_by_its_own_script(tmp_path):
    # an Urdu or Arabic text runs right to left: every block of source text takes its direction
    # from its own characters, and a quoted span inside an English sentence is isolated
    from conftest import built_drift_spans

    lead = "کراچی میں وزیر اعلیٰ نے پیر کو نئے اسپتال کا افتتاح کیا۔\n\n"
    texts = {"a": lead + "اسپتال میں 500 بستر ہیں۔\n", "b": lead + "اسپتال میں 400 بستر ہیں۔\n"}
    built_drift_spans(tmp_path, texts)
    page = render(newsprov.load(tmp_path / "out"))
    assert page.count('<div class="fulltext" dir="auto">') == 2
    assert '<div class="txt" dir="auto">' in page
    assert "“<bdi>500</bdi>”" in page  # a drift's span (the figure), as the drift table quotes it
