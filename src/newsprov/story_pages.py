"""A package of many stories as pages: one story page each (``page.render``) and an index.

``split(ds)`` cuts a loaded package into one dataset per story (every table's rows of the
story's articles, its drifts, its row of ``stories``), each table cut in one pass whatever the
number of stories. ``write_report`` writes what ``newsprov report`` writes: for a package of one
story, its page (as ``page.write``); for a package of several, an index of the stories at
``out`` and the page of each story of two versions or more in the folder ``<out stem>-stories``
beside it, the largest ``max_pages`` stories first (the index says how to render the rest).
Files are written through temporary files and replaced; nothing else in the folder is touched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import polars as pl

from newsprov.page import KIND_NOTES, CSS, render, write_html
from newsprov.schemas.drifts import DRIFT_KINDS

#: Story pages written by default with an index (the largest stories first).
MAX_PAGES = 500


@dataclass
class Report:
    """What ``write_report`` wrote: the page or index at ``out``, and the story pages."""

    out: Path
    size: int
    stories: int  # stories in the package
    pages: dict[str, Path] = field(default_factory=dict)  # story id -> its page (index mode)
    not_written: int = 0  # stories of 2+ versions beyond max_pages
    shown: object = None  # the dataset of the single page written (page mode)

    @property
    def index(self) -> bool:
        return self.shown is None


def story_ids(ds) -> list[str]:
    """The package's story ids, in the order of its stories table (or its articles' story ids)."""
    if "stories" in ds.tables:
        return ds.stories["story_id"].to_list()
    return ds.articles["story_id"].unique(maintain_order=True).to_list()


def split(ds, stories: list[str] | None = None) -> dict[str, object]:
    """Story id -> a Dataset holding only that story's rows (the same root and descriptor)."""
    from newsprov.dataset.versions.load import Dataset

    wanted = set(story_ids(ds) if stories is None else stories)
    aid_story = ds.articles.select("article_id", "story_id")
    lookup = dict(aid_story.iter_rows())
    spans = ds.tables.get("drift_spans")
    drift_story = {} if spans is None else {
        d: lookup.get(a) for d, a in spans.select("drift_id", "article_id").unique("drift_id", keep="first", maintain_order=True).iter_rows()}
    parts: dict[str, dict[str, pl.DataFrame]] = {s: {} for s in wanted}
    for name, df in ds.tables.items():
        if "story_id" in df.columns and name in ("articles", "stories"):
            key = pl.col("story_id")
        elif "article_id" in df.columns:
            key = pl.col("article_id").replace_strict(lookup, default=None, return_dtype=pl.String)
        elif "drift_id" in df.columns:
            key = pl.col("drift_id").replace_strict(drift_story, default=None, return_dtype=pl.String)
        else:
            key = None
        if key is None:
            for s in wanted:
                parts[s][name] = df.clear()
            continue
        tagged = df.with_columns(key.alias("__story")).filter(pl.col("__story").is_in(list(wanted)))
        cut = {k[0]: v.drop("__story") for k, v in tagged.partition_by("__story", as_dict=True, maintain_order=True).items()}
        for s in wanted:
            parts[s][name] = cut.get(s, df.clear())
    return {s: Dataset(ds.root, ds.descriptor, parts[s]) for s in sorted(wanted)}


def pages_folder(out: Path) -> Path:
    return out.parent / f"{out.stem}-stories"


def write_report(ds, out: Path, *, story: str | None = None, max_pages: int = MAX_PAGES,
                 command: str = "newsprov report") -> Report:
    """Write the story page, or the index and story pages (module doc). ``story``: only that
    story's page, at ``out`` (KeyError when the package has no such story)."""
    out = Path(out)
    ids = story_ids(ds)
    if story is not None:
        if story not in ids:
            raise KeyError(story)
        one = split(ds, [story])[story] if len(ids) > 1 else ds
        return Report(out, write_html(render(one, story=_story_row(one, story)), out), len(ids), shown=one)
    if len(ids) <= 1:
        return Report(out, write_html(render(ds), out), len(ids), shown=ds)
    sizes = Counter(ds.articles["story_id"].to_list())
    ranked = sorted((s for s in ids if sizes[s] >= 2), key=lambda s: (-sizes[s], s))
    chosen = ranked[:max_pages]
    folder = pages_folder(out)
    pages = {}
    back = f"../{out.name}"
    for sid, part in split(ds, chosen).items():
        path = folder / f"{sid}.html"
        write_html(render(part, story=_story_row(part, sid), back=back), path)
        pages[sid] = path
    index = render_index(ds, {s: f"{folder.name}/{s}.html" for s in pages}, command)
    return Report(out, write_html(index, out), len(ids), pages, len(ranked) - len(chosen))


def _story_row(ds, sid: str) -> dict:
    rows = ds.stories.filter(pl.col("story_id") == sid).to_dicts() if "stories" in ds.tables else []
    return rows[0] if rows else {"story_id": sid, "n_articles": ds.articles.height, "linked_by": None}


def render_index(ds, links: dict[str, str], command: str = "newsprov report") -> str:
    """The index of a package's stories: one row per story of two versions or more (largest
    first), its versions' headlines, how it is linked, its drifts by kind; each linked to its
    page where one was written, else the command that writes it."""
    title = ds.descriptor.get("title") or ds.descriptor.get("name", "newsprov stories")
    arts = ds.articles.sort("article_id")
    sizes = Counter(arts["story_id"].to_list())
    linked = dict(ds.stories.select("story_id", "linked_by").iter_rows()) if "stories" in ds.tables else {}
    heads: dict[str, list[str]] = {}
    for sid, head in arts.select("story_id", "headline").iter_rows():
        heads.setdefault(sid, []).append(head or "")
    story_of = dict(arts.select("article_id", "story_id").iter_rows())
    kinds = dict(ds.drifts.select("drift_id", "kind").iter_rows())
    per: dict[str, Counter] = {}
    for did, aid in ds.drift_spans.select("drift_id", "article_id").unique("drift_id", keep="first", maintain_order=True).iter_rows():
        per.setdefault(story_of.get(aid), Counter())[kinds.get(did)] += 1
    ranked = sorted((s for s in sizes if sizes[s] >= 2), key=lambda s: (-sizes[s], s))
    rows = []
    for sid in ranked:
        name = f'<a href="{escape(links[sid], quote=True)}">{escape(sid)}</a>' if sid in links else escape(sid)
        todo = "" if sid in links else f'<br><code>{escape(command)} --story {escape(sid)}</code>'
        counts = per.get(sid, Counter())
        drifts = " ".join(f'<span class="badge disc-{k}" title="{escape(KIND_NOTES[k], quote=True)}">{k} {counts[k]}</span>'
                          for k in DRIFT_KINDS if counts.get(k))
        shown = heads[sid][:3]
        more = f'<br><span class="dim">and {len(heads[sid]) - 3} more</span>' if len(heads[sid]) > 3 else ""
        rows.append(f"<tr><td>{name}{todo}</td><td class=\"n\">{sizes[sid]}</td><td>{escape(linked.get(sid) or '')}</td>"
                    f"<td>{'<br>'.join(f'<bdi>{escape(h)}</bdi>' for h in shown)}{more}</td><td class=\"n\">{sum(counts.values())}</td><td>{drifts}</td></tr>")
    singles = sum(1 for s in sizes if sizes[s] == 1)
    numbers = (f'<ul class="numbers"><li><b>{arts.height}</b> articles</li><li><b>{len(sizes)}</b> stories</li>'
               f'<li><b>{len(ranked)}</b> of two versions or more</li><li><b>{singles}</b> single articles</li>'
               f'<li><b>{ds.drifts.height}</b> drifts</li></ul>')
    missing = len(ranked) - sum(1 for s in ranked if s in links)
    note = (f'<p class="note">{missing} stories have no page yet: the command under each writes it.</p>' if missing else "")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} · stories</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(title)} · stories</h1><p class=\"sub\">Data package <code>{escape(ds.descriptor.get('name', ''))}</code> "
        f"version {escape(ds.version)} · generated by newsprov from the package's tables. Each story's page shows its versions side "
        "by side and every drift between them.</p></header>\n"
        f"<section id=\"stories\"><h2>Stories</h2>{numbers}{note}"
        "<table class=\"stories\"><thead><tr><th>Story</th><th>Versions</th><th>Linked by</th><th>Headlines (as printed)</th>"
        "<th>Drifts</th><th>By kind</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        "<p class=\"note\">Largest stories first. A story is linked by text reuse (<code>reuse</code>), shared event content "
        "(<code>event</code>), both, or is the whole folder (<code>folder</code>). Single articles have no page: they have no "
        "other version to compare with.</p></section>\n</body>\n</html>\n"
    )
