"""The story page: one self-contained HTML file showing the outlets' versions side by side.

``render(ds) -> str``. Styles and the small script are inline and every link is a
fragment of the page itself, so the file opens anywhere, offline, with no server.
The same dataset always gives the same bytes.

Layout: a summary (outlets, shared text, groups, drifts by kind); the versions
side by side, one row per sentence of a reference version (the one sharing most text
with the others), each other version's aligned sentence beside it with its changed words
marked, and what an outlet added in rows of its own where it printed it; each quote and
figure group across outlets; every drift, grouped by kind, each linked to its span in
every version on each side (or saying the version lacks it); the full texts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from html import escape

import polars as pl

from newsprov.schemas.drifts import DRIFT_KINDS

# Versions shown as columns side by side. Past this many a row no longer fits a screen;
# the reference and the versions sharing most text with it are shown, the rest listed.
MAX_COLUMNS = 8

KIND_NOTES = {
    "attribution": "a source added, dropped or changed, or a reporting verb of another force (said / claimed)",
    "modality": "a claim made more or less certain (will / may, a hedge added or dropped)",
    "negation": "a negation added or dropped",
    "reversal": "a claim turned into its opposite (rose / fell, pre-emptive / in response)",
    "figure_value": "a figure reported with a different value or unit",
    "figure_qualifier": "the same figure qualified differently (exact, about, at least …)",
    "figure_base": "a percentage of a different base (of the targets / of the strikes)",
    "time_reference": "a different date, day or time relation (last month / the previous month, before / after)",
    "quote_wording": "a quotation whose words were altered or silently trimmed",
    "quote_paraphrase": "quoted in one version, unquoted or reported speech in another",
    "speaker": "a quotation attributed to someone else",
    "name_spelling": "a name spelled differently",
    "framing": "an evaluative word one version uses where its aligned counterpart is neutral or absent",
    "omission": "material only some versions print (side b: the versions lacking it)",
    "caption_credit": "a photo caption or source credit that differs",
    "wording": "another meaning-bearing substitution (struck / targeted)",
}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str
    title: str
    anchor: str | None = None


class _Marker:
    """Renders spans of one source with overlapping marks; each anchor id is emitted once."""

    def __init__(self, texts: dict[str, str], marks: dict[str, list[Mark]]):
        self.texts, self.marks, self.emitted = texts, marks, set()

    def has(self, anchor: str) -> bool:
        return anchor in self.emitted

    def html(self, article_id: str, lo: int, hi: int, extra: list[Mark] = ()) -> str:
        text = self.texts[article_id]
        marks = [m for m in (*self.marks.get(article_id, ()), *extra) if m.start <= hi and m.end >= lo]
        cuts = {lo, hi} | {min(max(p, lo), hi) for m in marks for p in (m.start, m.end)}
        cuts = sorted(cuts)
        out = []
        for a, b in zip(cuts, cuts[1:] + [None]):
            out += self._anchors(marks, a, hi, at_end=b is None)
            if b is None:
                break
            active = [m for m in marks if m.start <= a and m.end >= b and m.start < m.end]
            piece = escape(text[a:b])
            if active:
                css = " ".join(dict.fromkeys(c for m in active for c in m.css.split()))
                title = escape("\n".join(dict.fromkeys(m.title for m in active)), quote=True)
                out.append(f'<span class="{css}" title="{title}">{piece}</span>')
            else:
                out.append(piece)
        return "".join(out)

    def _anchors(self, marks: list[Mark], at: int, hi: int, at_end: bool) -> list[str]:
        """Anchors of the marks starting here whose whole span is shown (up to hi): a span that
        runs past the rendered piece (a clause over two sentences) gets its anchor where the
        text is shown whole."""
        out = []
        for m in marks:
            if m.anchor and m.start == at and m.end <= hi and m.anchor not in self.emitted and (not at_end or m.start == m.end):
                self.emitted.add(m.anchor)
                point = ' class="anchor point" title="insertion point"' if m.start == m.end else ' class="anchor"'
                out.append(f'<span id="{escape(m.anchor, quote=True)}"{point}></span>')
        return out


def _text(value) -> str:
    """A cell value as escaped text; empty for null."""
    return "" if value is None else escape(str(value))


def _label(row: dict, number: int) -> str:
    return row["outlet"] or f"Version {number}"


def _reference(articles: list[str], article_links: pl.DataFrame) -> str:
    """The version sharing most aligned sentences with the others (ties: the first id)."""
    shared: dict[str, int] = defaultdict(int)
    for a, b, n in article_links.select("article_id", "other_article_id", "n_aligned").iter_rows():
        shared[a] += n
        shared[b] += n
    return min(articles, key=lambda a: (-shared[a], a))


def _marks(ds) -> dict[str, list[Mark]]:
    marks: dict[str, list[Mark]] = defaultdict(list)
    for q in ds.quotes.iter_rows(named=True):
        who = q["speaker"] or "no speaker found"
        marks[q["article_id"]].append(Mark(q["start"], q["end"], "quote", f"Quote {q['quote_id']} ({q['kind']}): {who} · {q['method']}", f"quote-{q['quote_id']}"))
        if q["speaker_start"] is not None:
            marks[q["article_id"]].append(Mark(q["speaker_start"], q["speaker_end"], "speaker", f"Speaker of {q['quote_id']}: {who}"))
    for f in ds.figures.iter_rows(named=True):
        unit = f" {f['unit']}" if f["unit"] else ""
        marks[f["article_id"]].append(Mark(f["start"], f["end"], "figure", f"Figure {f['figure_id']}: {f['value']:g}{unit} ({f['value_kind']}) · {f['method']}", f"figure-{f['figure_id']}"))
    for u in ds.unquoted.iter_rows(named=True):
        marks[u["article_id"]].append(Mark(u["start"], u["end"], "unquoted", f"Words of quote group {u['group_id']} printed without quotation marks"))
    kinds = dict(ds.drifts.select("drift_id", "kind").iter_rows())
    details = dict(ds.drifts.select("drift_id", "detail").iter_rows())
    for sp in ds.drift_spans.drop_nulls("start").iter_rows(named=True):
        did = sp["drift_id"]
        kind = kinds.get(did, "")
        title = f"{did} {kind} (side {sp['side']})" + (f": {details[did]}" if details.get(did) else "")
        marks[sp["article_id"]].append(Mark(sp["start"], sp["end"], f"disc disc-{kind}", title, f"span-{sp['span_id']}"))
    return marks


def render(ds, story: dict | None = None, back: str | None = None) -> str:
    """The story page of a loaded dataset (``newsprov.load()``), as one HTML string.

    ``story``: the row of ``stories`` this page shows, when the dataset is one story of a larger
    package (``story_pages.split``), named in the header; ``back``: a link to the index of the
    package's stories (the only link of the page that is not a fragment of it)."""
    articles = ds.articles.sort("article_id").to_dicts()
    ids = [a["article_id"] for a in articles]
    labels = {a["article_id"]: _label(a, i + 1) for i, a in enumerate(articles)}
    texts = {a: ds.text(a) for a in ids}
    marker = _Marker(texts, _marks(ds))
    reference = _reference(ids, ds.article_links) if ids else None
    columns = _columns(ids, reference, ds.article_links)
    parts = [
        _head(ds, story, back),
        _summary(ds, articles, labels),
        _side_by_side(ds, columns, labels, marker) if reference else "",
        _quote_groups(ds, labels),
        _figure_groups(ds, labels),
        _drifts(ds, labels),
        _full_texts(ds, articles, labels, marker),
        _FOOT,
    ]
    return "\n".join(parts)


def _columns(ids: list[str], reference: str | None, article_links: pl.DataFrame) -> list[str]:
    if reference is None:
        return []
    shared: dict[str, float] = defaultdict(float)
    for a, b, n in article_links.select("article_id", "other_article_id", "n_aligned").iter_rows():
        if reference in (a, b):
            shared[b if a == reference else a] = n
    others = sorted((a for a in ids if a != reference), key=lambda a: (-shared[a], a))[: MAX_COLUMNS - 1]
    return [reference] + sorted(others)


def _head(ds, story: dict | None = None, back: str | None = None) -> str:
    title = ds.descriptor.get("title") or ds.descriptor.get("name", "newsprov story")
    if story is not None:
        title = f"{title} · story {story['story_id']}"
    where = ""
    if story is not None:
        how = f", linked by {escape(story['linked_by'])}" if story.get("linked_by") else ""
        up = f' · <a href="{escape(back, quote=True)}">all stories</a>' if back else ""
        where = f"<p class=\"sub\">Story <code>{escape(story['story_id'])}</code> of the package: {ds.articles.height} versions{how}{up}</p>"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(title)}</h1><p class=\"sub\">Data package <code>{escape(ds.descriptor.get('name', ''))}</code> "
        f"version {escape(ds.version)} · generated by newsprov from the package's tables; every mark points at characters of a checksummed source.</p>{where}</header>"
    )


def _summary(ds, articles: list[dict], labels: dict[str, str]) -> str:
    quotes = ds.quotes.group_by("article_id").len()
    figures = ds.figures.group_by("article_id").len()
    nq, nf = dict(quotes.iter_rows()), dict(figures.iter_rows())
    rows = []
    for a in articles:
        aid = a["article_id"]
        headline = a["headline"] or ""
        rows.append(
            f"<tr><td><a href=\"#text-{aid}\">{escape(labels[aid])}</a><br><code>{aid}</code></td><td dir=\"auto\">{escape(headline)}</td>"
            f"<td>{_text(a['dateline_date'])}</td><td>{_text(a['wire_credits'])}</td>"
            f"<td class=\"n\">{a['n_words']}</td><td class=\"n\">{a['n_sentences']}</td><td class=\"n\">{nq.get(aid, 0)}</td><td class=\"n\">{nf.get(aid, 0)}</td></tr>"
        )
    outlets = (
        "<table class=\"outlets\"><thead><tr><th>Version</th><th>Headline (as printed)</th><th>Dateline date</th><th>Credits</th>"
        "<th>Words</th><th>Sentences</th><th>Quotes</th><th>Figures</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        "<p class=\"note\">A version is named by its outlet only where the text states it; otherwise by its number and file id.</p>"
    )
    groups = ds.quote_groups.select("group_id").n_unique()
    relations = ds.quote_groups.filter(pl.col("relation") != "reference").group_by("relation").len().sort("relation")
    fgroups = ds.figure_groups.group_by("group_id").agg(pl.col("agreement").first())
    conflicting = fgroups.filter(pl.col("agreement") == "conflicting").height
    by_kind = dict(ds.drifts.group_by("kind").len().iter_rows())
    kinds = "".join(
        f"<tr><td><span class=\"badge disc-{k}\">{k}</span></td><td class=\"n\">{by_kind.get(k, 0)}</td><td>{escape(KIND_NOTES[k])}</td></tr>"
        for k in DRIFT_KINDS
    )
    numbers = (
        "<ul class=\"numbers\">"
        f"<li><b>{len(articles)}</b> versions</li>"
        f"<li><b>{groups}</b> quote groups <span class=\"dim\">({', '.join(f'{n} {r}' for r, n in relations.iter_rows()) or 'none'})</span></li>"
        f"<li><b>{fgroups.height}</b> figure groups <span class=\"dim\">({conflicting} conflicting)</span></li>"
        f"<li><b>{ds.drifts.height}</b> drifts</li></ul>"
    )
    return (
        "<section id=\"summary\"><h2>Summary</h2>" + numbers + outlets
        + "<div class=\"two\"><div><h3>Shared text</h3>" + _matrix(articles, labels, ds.article_links) + "</div>"
        + "<div><h3><a href=\"#drifts\">Drifts</a> by kind</h3><table class=\"kinds\"><tbody>" + kinds + "</tbody></table></div></div></section>"
    )


def _matrix(articles: list[dict], labels: dict[str, str], links: pl.DataFrame) -> str:
    share = {}
    for a, b, s, t in links.select("article_id", "other_article_id", "reused_share", "reused_share_other").iter_rows():
        share[a, b], share[b, a] = s, t
    ids = [a["article_id"] for a in articles][: MAX_COLUMNS * 2]
    head = "".join(f"<th>{escape(labels[b])}</th>" for b in ids)
    body = []
    for a in ids:
        cells = []
        for b in ids:
            if a == b:
                cells.append("<td class=\"self\">—</td>")
            else:
                s = share.get((a, b), 0.0)
                cells.append(f"<td class=\"n\" style=\"background:rgba(37,99,235,{s * 0.6:.2f})\">{s:.0%}</td>")
        body.append(f"<tr><th>{escape(labels[a])}</th>{''.join(cells)}</tr>")
    return (
        f"<table class=\"matrix\"><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        "<p class=\"note\">Share of the row version's words lying in runs of words reused from the column version (verbatim or near-verbatim; quotations left out).</p>"
    )


def _side_by_side(ds, columns: list[str], labels: dict[str, str], marker: _Marker) -> str:
    reference = columns[0]
    sentences = ds.sentences.sort("article_id", "sentence_index")
    spans = {sid: (aid, s, e) for sid, aid, s, e in sentences.select("sentence_id", "article_id", "start", "end").iter_rows()}
    order = {aid: list(g["sentence_id"]) for (aid,), g in sentences.group_by(["article_id"], maintain_order=True)}
    counterpart = _counterparts(ds.sentence_links, reference, columns[1:])
    ref_rows = order.get(reference, [])
    placed: dict[str, int] = {}
    for row, sid in enumerate(ref_rows):
        for other in columns[1:]:
            link = counterpart.get((sid, other))
            if link:
                placed.setdefault(link["other_sentence_id"], row)
    # What a version adds goes after the row of its last sentence shown above it.
    added: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for other in columns[1:]:
        last = -1
        for sid in order.get(other, []):
            if sid in placed:
                last = max(last, placed[sid])
            else:
                added[last][other].append(sid)

    def cell(sid: str | None, link: dict | None = None, repeated: bool = False) -> str:
        if sid is None:
            return "<td class=\"empty\"></td>"
        aid, s, e = spans[sid]
        extra, meta = [], ""
        if link:
            extra = [Mark(a, b, "changed", note) for a, b, note in link["changes"]]
            meta = f"<div class=\"meta rel-{link['relation']}\">{link['relation']} · {link['similarity']:.2f}{' · repeated' if repeated else ''}</div>"
        return f"<td>{meta}<div class=\"txt\" dir=\"auto\">{marker.html(aid, s, e, extra)}</div></td>"

    ref_note = ' <span class="dim">(reference)</span>'
    head = "".join(f"<th>{escape(labels[a])}{ref_note if a == reference else ''}<br><code>{a}</code></th>" for a in columns)
    body = []

    def added_rows(row: int) -> None:
        extra = added.get(row, {})
        for k in range(max((len(v) for v in extra.values()), default=0)):
            cells = ["<td class=\"empty\"></td>"] + [cell(extra[o][k] if k < len(extra.get(o, ())) else None) for o in columns[1:]]
            body.append(f"<tr class=\"added\">{''.join(cells)}</tr>")

    added_rows(-1)
    shown: set[str] = set()
    for row, sid in enumerate(ref_rows):
        cells = [cell(sid)]
        for other in columns[1:]:
            link = counterpart.get((sid, other))
            other_sid = link["other_sentence_id"] if link else None
            cells.append(cell(other_sid, link, repeated=other_sid in shown) if link else cell(None))
            if other_sid:
                shown.add(other_sid)
        body.append(f"<tr>{''.join(cells)}</tr>")
        added_rows(row)
    left_out = [a for a in ds.articles.sort("article_id")["article_id"] if a not in columns]
    note = f"<p class=\"note\">Not shown as columns (see the full texts): {', '.join(escape(labels[a]) for a in left_out)}.</p>" if left_out else ""
    legend = (
        "<p class=\"legend\"><span class=\"quote\">quoted words</span> <span class=\"speaker\">speaker</span> "
        "<span class=\"figure\">figure</span> <span class=\"changed\">words changed from the reference</span> "
        "<span class=\"unquoted\">quoted elsewhere, unquoted here</span> <span class=\"disc\">drift</span> · "
        "Rows in grey hold what a version added. Hover a mark for details.</p>"
    )
    return (
        f"<section id=\"side-by-side\"><h2>Side by side</h2>{legend}{note}<div class=\"scroll\"><table class=\"grid\">"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></section>"
    )


def _counterparts(links: pl.DataFrame, reference: str, others: list[str]) -> dict[tuple[str, str], dict]:
    """(reference sentence, other version) -> its aligned sentence there, with the words changed in it.

    A pair of versions stores each alignment once, from either side, with a diff of
    [op, this_text, other_text, this_start, this_end, other_start, other_end] edits.
    """
    aligned = links.filter(pl.col("other_sentence_id").is_not_null())
    out = {}
    for r in aligned.filter((pl.col("article_id") == reference) & pl.col("other_article_id").is_in(others)).iter_rows(named=True):
        changes = [(os_, oe, _change_note(op, old, new)) for op, old, new, _, _, os_, oe in json.loads(r["diff"] or "[]") if op in ("replace", "insert") and oe > os_]
        out[r["sentence_id"], r["other_article_id"]] = {**r, "changes": changes}
    for r in aligned.filter((pl.col("other_article_id") == reference) & pl.col("article_id").is_in(others)).iter_rows(named=True):
        changes = [(ts, te, _change_note(_REVERSED.get(op, op), new, old)) for op, old, new, ts, te, _, _ in json.loads(r["diff"] or "[]") if op in ("replace", "delete") and te > ts]
        out.setdefault((r["other_sentence_id"], r["article_id"]), {**r, "other_sentence_id": r["sentence_id"], "changes": changes})
    return out


_REVERSED = {"insert": "delete", "delete": "insert"}


def _change_note(op: str, reference_words: str, these_words: str) -> str:
    if op == "insert":
        return f"added: {these_words!r}"
    return f"{reference_words!r} in the reference"


def _quote_groups(ds, labels: dict[str, str]) -> str:
    quotes = {q["quote_id"]: q for q in ds.quotes.iter_rows(named=True)}
    unquoted = defaultdict(list)
    for u in ds.unquoted.iter_rows(named=True):
        unquoted[u["group_id"]].append(u)
    blocks = []
    for (gid,), g in ds.quote_groups.sort("group_id", "article_id", "start").group_by(["group_id"], maintain_order=True):
        rows = []
        for m in g.iter_rows(named=True):
            q = quotes.get(m["quote_id"], {})
            rows.append(
                f"<tr><td>{escape(labels.get(m['article_id'], m['article_id']))}</td><td><span class=\"badge rel-{m['relation']}\">{m['relation']}</span></td>"
                f"<td><a href=\"#quote-{escape(m['quote_id'], quote=True)}\">“<bdi>{escape(q.get('text', ''))}</bdi>”</a></td><td>{escape(q.get('speaker') or '—')}</td><td class=\"n\">{m['similarity']:.2f}</td></tr>"
            )
        for u in unquoted.get(gid, ()):
            rows.append(f"<tr class=\"added\"><td>{escape(labels.get(u['article_id'], u['article_id']))}</td><td><span class=\"badge\">unquoted</span></td><td colspan=\"3\" dir=\"auto\">{escape(u['text'])}</td></tr>")
        ref = quotes.get(g["reference_quote_id"][0], {})
        heading = f"{gid} · {escape(ref.get('speaker') or 'no speaker found')} · {g['article_id'].n_unique()} versions"
        blocks.append(_group_block(gid, heading, ("Version", "Relation", "Wording", "Speaker", "Similarity"), rows))
    return _groups_section("quotes", "Quotes across versions", blocks, "No quotation is printed by more than one version.")


def _group_block(gid: str, heading: str, columns: tuple[str, ...], rows: list[str]) -> str:
    head = "".join(f"<th>{c}</th>" for c in columns)
    return f"<div class=\"group\" id=\"group-{gid}\"><h4>{heading}</h4><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"


def _groups_section(section: str, title: str, blocks: list[str], empty: str) -> str:
    return f"<section id=\"{section}\"><h2>{title}</h2>" + ("".join(blocks) or f"<p>{empty}</p>") + "</section>"


def _figure_groups(ds, labels: dict[str, str]) -> str:
    figures = {f["figure_id"]: f for f in ds.figures.iter_rows(named=True)}
    blocks = []
    for (gid,), g in ds.figure_groups.sort("group_id", "article_id", "start").group_by(["group_id"], maintain_order=True):
        rows = []
        for m in g.iter_rows(named=True):
            f = figures.get(m["figure_id"], {})
            rows.append(
                f"<tr><td>{escape(labels.get(m['article_id'], m['article_id']))}</td><td><a href=\"#figure-{escape(m['figure_id'], quote=True)}\">{escape(f.get('text', ''))}</a></td>"
                f"<td class=\"n\">{f.get('value', 0):g}</td><td>{escape(f.get('value_kind') or '')}</td><td>{escape(f.get('unit') or '')}</td>"
                f"<td>{escape(m['differs'] or '')}</td><td>{escape(m['claim'] or '')}</td></tr>"
            )
        agreement = g["agreement"][0]
        first = figures.get(g["figure_id"][0], {})
        what = " ".join(x for x in (first.get("text"), first.get("unit") and f"({first['unit']})") if x)
        heading = f"{gid} · {escape(what)} · {g['article_id'].n_unique()} versions · <span class=\"badge agree-{agreement}\">{agreement}</span>"
        blocks.append(_group_block(gid, heading, ("Version", "As printed", "Value", "Qualifier", "Unit", "Differs in", "Claim word"), rows))
    return _groups_section("figures", "Figures across versions", blocks, "No figure is reported by more than one version.")


def _drifts(ds, labels: dict[str, str]) -> str:
    """Every drift, a table per kind: each version on each side with a link to its span."""
    drifts, spans = ds.drifts, ds.drift_spans
    present = [k for k in DRIFT_KINDS if drifts.filter(pl.col("kind") == k).height]
    boxes = "".join(f"<label><input type=\"checkbox\" data-kind=\"{k}\" checked> <span class=\"badge disc-{k}\">{k}</span></label> " for k in present)
    by_drift: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for sp in spans.sort("drift_id", "side", "article_id", "start", nulls_last=True).iter_rows(named=True):
        by_drift[sp["drift_id"], sp["side"]].append(sp)

    def side(did: str, name: str) -> str:
        items = []
        for sp in by_drift.get((did, name), ()):
            who = escape(labels.get(sp["article_id"], sp["article_id"]))
            if sp["start"] is None:
                items.append(f"<li>{who}: <i>lacks it</i></li>")
            else:
                items.append(f"<li>{who}: <a href=\"#span-{sp['span_id']}\">“<bdi>{escape(sp['text'])}</bdi>”</a></li>")
        return "<ul class=\"spans\">" + "".join(items) + "</ul>"

    blocks = []
    for kind in present:
        rows = []
        for d in drifts.filter(pl.col("kind") == kind).sort("drift_id").iter_rows(named=True):
            did = d["drift_id"]
            rows.append(
                f"<tr data-kind=\"{kind}\" id=\"{did}\"><td><code>{did}</code><br><span class=\"dim\">{escape(d['method'])}</span></td>"
                f"<td>{side(did, 'a')}</td><td>{side(did, 'b')}</td><td class=\"detail\">{escape(d['detail'] or '')}</td></tr>"
            )
        blocks.append(
            f"<div class=\"group\" data-kind=\"{kind}\"><h3 id=\"kind-{kind}\"><span class=\"badge disc-{kind}\">{kind}</span> "
            f"<span class=\"dim\">{len(rows)} · {escape(KIND_NOTES[kind])}</span></h3>"
            "<table class=\"discs\"><thead><tr><th>Id · rule</th><th>Side a</th><th>Side b</th><th>Detail</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></div>"
        )
    empty = "" if blocks else "<p class=\"note\">No drift between the versions.</p>"
    return (
        "<section id=\"drifts\"><h2>Where the versions drift</h2><p class=\"note\">One row per drift: side a is the "
        "reading most versions print (for framing the loaded word, for omission the versions printing the material), "
        "side b every other reading. Each span links to its place in the full text.</p><p class=\"filters\">" + boxes + "</p>"
        + empty + "".join(blocks) + "</section>"
    )


def _full_texts(ds, articles: list[dict], labels: dict[str, str], marker: _Marker) -> str:
    blocks = []
    for a in articles:
        aid = a["article_id"]
        body = marker.html(aid, 0, len(marker.texts[aid]))
        blocks.append(f"<details id=\"text-{aid}\"><summary>{escape(labels[aid])} <code>{aid}</code> · {a['n_words']} words · <code>{escape(a['source_path'])}</code></summary><div class=\"fulltext\" dir=\"auto\">{body}</div></details>")
    return "<section id=\"texts\"><h2>Full texts</h2><p class=\"note\">Each source exactly as checksummed, with the same marks.</p>" + "".join(blocks) + "</section>"


CSS = """
:root{--ink:#1f2933;--dim:#6b7280;--line:#d8dee6;--bg:#fff;--quote:#fff3bf;--fig:#0f766e;--chg:#fde2e2;--disc:#dc2626}
*{box-sizing:border-box}body{margin:0;padding:0 1.5rem 3rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
header{padding:1rem 0 .25rem;border-bottom:1px solid var(--line)}h1{font-size:1.45rem;margin:.2rem 0}h2{margin-top:2rem;font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1rem;margin:.8rem 0 .3rem}h4{margin:.9rem 0 .3rem;font-size:.95rem}.sub,.note,.dim{color:var(--dim)}.note{font-size:.85rem;margin:.3rem 0}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:.3rem .45rem;vertical-align:top;text-align:left}th{background:#f5f7fa;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:.78em;color:var(--dim)}
.numbers{display:flex;gap:1.5rem;list-style:none;padding:0;margin:.8rem 0;font-size:1.05rem}.two{display:flex;gap:2.5rem;flex-wrap:wrap}
.matrix td,.matrix th{font-size:.85rem}.matrix td.self{color:var(--dim);text-align:center}
.scroll{overflow-x:auto}.grid{table-layout:fixed;width:100%;min-width:900px}.grid td{font-size:.88rem}.grid tr.added td{background:#f3f4f6}
.grid td.empty{background:#fafafa}.meta{font-size:.72rem;color:var(--dim);margin-bottom:.15rem}.meta.rel-identical{color:#15803d}.meta.rel-typographic{color:#0369a1}
.quote{background:var(--quote)}.speaker{font-weight:600;color:#1d4ed8}.figure{outline:1.5px solid var(--fig);outline-offset:-1px;border-radius:2px;color:var(--fig);font-weight:600}
.changed{background:var(--chg)}.unquoted{text-decoration:underline dotted #7c3aed 2px}.disc{text-decoration:underline wavy var(--disc) 1.5px;text-underline-offset:3px}
.anchor{display:inline-block;width:0;height:1em;vertical-align:text-bottom}.anchor.point::before{content:"\\2038";color:var(--disc);font-weight:700}
.anchor:target{width:auto}.anchor:target::after{content:"\\25B6";color:var(--disc);font-size:.8em}
td.flash,.fulltext.flash{animation:flash 2s ease-out}@keyframes flash{from{background:#fecaca}to{background:inherit}}
.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.78rem;background:#e5e7eb;white-space:nowrap}
.rel-identical{background:#dcfce7}.rel-typographic{background:#e0f2fe}.rel-truncated,.rel-extended{background:#fef9c3}.rel-altered{background:#fee2e2}.rel-reference{background:#e5e7eb}
.agree-consistent{background:#dcfce7}.agree-conflicting{background:#fee2e2}
.disc-figure_value,.disc-figure_qualifier{background:#fee2e2}.disc-quote_wording,.disc-speaker{background:#ffedd5}.disc-name_spelling{background:#e0e7ff}
.disc-framing{background:#fae8ff}.disc-reversal{background:#fecaca}.disc-omission{background:#f1f5f9}
span.disc{background:none}.legend span{margin-right:.6rem}.filters label{margin-right:.4rem;cursor:pointer}
ul.spans{margin:0;padding-left:1rem}.group{margin-bottom:1rem}.group table{width:min(100%,62rem)}.discs td.detail{font-size:.8rem;color:var(--dim)}
details{border:1px solid var(--line);border-radius:4px;margin:.5rem 0;padding:.3rem .6rem}summary{cursor:pointer}
.fulltext{white-space:pre-wrap;font-size:.9rem;max-width:60rem;padding:.5rem 0}
"""

_SCRIPT = """
(function () {
  document.documentElement.classList.add("js");
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var p = target; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    var box = target.closest("td, .fulltext");
    if (box) { box.classList.remove("flash"); void box.offsetWidth; box.classList.add("flash"); }
    target.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll("div.group[data-kind='" + box.dataset.kind + "']").forEach(function (row) {
        row.hidden = !box.checked;
      });
    });
  });
})();
"""

_FOOT = f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"


def write(ds, out) -> int:
    """Write the story page to out (through a temporary file, then replace); return its size in bytes."""
    return write_html(render(ds), out)


def write_html(page: str, out) -> int:
    """Write an HTML page to out (through a temporary file, then replace); return its size in bytes."""
    import os
    import tempfile
    from pathlib import Path

    out = Path(out)
    data = page.encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(data)


# The PNG text chunks a screenshot records about what it shows (read them with browser.png_text).
SHOT_PACKAGE, SHOT_VERSION = "newsprov-package", "newsprov-version"


def screenshot(ds, png, html=None):
    """Render the story page in headless Chromium into png (replaced atomically), recording the
    package's name and version in the PNG (text chunks SHOT_PACKAGE, SHOT_VERSION), so that a
    picture kept in the repository says which version it shows. Returns browser.PageRun;
    raises browser.BrowserMissing without Chromium (png is then left as it was)."""
    import tempfile
    from pathlib import Path

    from newsprov.browser import open_page, with_png_text
    from newsprov.dataset.versions.release import atomic_write

    png = Path(png)
    with tempfile.TemporaryDirectory(prefix="newsprov-shot-") as tmp:
        page = Path(html) if html is not None else Path(tmp) / "story.html"
        if html is None:
            write(ds, page)
        shot = Path(tmp) / "story.png"
        run = open_page(page.resolve().as_uri(), screenshot=shot)
        data = with_png_text(shot.read_bytes(), {SHOT_PACKAGE: str(ds.descriptor.get("name", "")), SHOT_VERSION: str(ds.version)})
    atomic_write(png, data)
    return run
