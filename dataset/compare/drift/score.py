"""Scoring drift rows against gold (format ``newsprov-drift-gold/1``).

``score_drifts(gold, drifts, drift_spans, texts) -> dict``

Matching (as the gold guideline recommends): a system row matches a gold row
when

* it lies in the gold story (every article of the row belongs to the story's
  article set; story labels are not compared);
* the kinds are equal (``addition`` is ``omission`` with the sides swapped);
* for each gold side that carries spans, some system span on the matching side
  overlaps (shares a character with) a gold span in the same article. Sides may
  be matched in either orientation, except ``omission`` and ``framing``.

Recall = matched gold rows / gold rows, clear only and with borderline rows,
overall and per kind, and kind-agnostic (any kind). "Both sides" counts the
matches whose gold row has spans on both sides (the row then has spans in a
version of each side by construction). Precision is over the system rows of
the file's ``kinds`` in its ``stories``: a row is true when it matches any gold
row (clear or borderline); rows matching a gold row already matched are
duplicates (a measure of collapsing); the rest are unmatched and are listed for
reading. Collapsing quality: mean Jaccard of the article sets per side between
each matched gold row and its best system row.

Spans of a ``"span_text": "sha"`` gold file are checked against the texts
(first 12 hex digits of the span's sha256); a mismatch is an error.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import polars as pl

__all__ = ["GoldError", "score_drifts", "format_report"]

_FIXED = {"omission", "framing"}


class GoldError(ValueError):
    pass


def _check_gold(gold: dict, texts: dict[str, str]) -> None:
    if gold.get("format") != "newsprov-drift-gold/1":
        raise GoldError(f"gold format is {gold.get('format')!r}, expected 'newsprov-drift-gold/1'")
    mode = gold.get("span_text", "text")
    for d in gold["drifts"]:
        for side in ("a", "b"):
            for sp in d[side]:
                if sp["start"] is None:
                    continue
                t = texts.get(sp["article"])
                if t is None:
                    raise GoldError(f"{d['id']}: article {sp['article']} not in the texts")
                piece = t[sp["start"]:sp["end"]]
                if mode == "sha":
                    if hashlib.sha256(piece.encode()).hexdigest()[:12] != sp["sha"]:
                        raise GoldError(f"{d['id']}: span {sp['article']}[{sp['start']}:{sp['end']}] does not match its sha")
                elif piece != sp.get("text"):
                    raise GoldError(f"{d['id']}: span {sp['article']}[{sp['start']}:{sp['end']}] does not match its text")


def _spans(side: list[dict]) -> list[tuple[str, int, int]]:
    return [(s["article"], s["start"], s["end"]) for s in side if s["start"] is not None]


def _hit(gold_spans, sys_spans) -> bool:
    for a, s, e in gold_spans:
        for b, s2, e2 in sys_spans:
            if a == b and s < e2 and s2 < e:
                return True
    return False


def _match(g: dict, r: dict, any_kind: bool = False) -> bool:
    gk, rk = g["kind"], r["kind"]
    ga, gb = _spans(g["a"]), _spans(g["b"])
    ra, rb = r["a_spans"], r["b_spans"]
    if gk == "addition":
        gk, ga, gb = "omission", gb, ga
    if rk == "addition":
        rk, ra, rb = "omission", rb, ra
    if not any_kind and gk != rk:
        return False

    def ok(x, y):
        return (not ga or _hit(ga, x)) and (not gb or _hit(gb, y))
    if gk in _FIXED and (any_kind is False or rk == gk):
        return ok(ra, rb)
    return ok(ra, rb) or ok(rb, ra)


def _articles(side: list[dict]) -> set[str]:
    return {s["article"] for s in side}


def score_drifts(gold: dict, drifts: pl.DataFrame, drift_spans: pl.DataFrame, texts: dict[str, str]) -> dict:
    _check_gold(gold, texts)
    kinds = set(gold["kinds"])
    if "omission" in kinds:
        kinds.add("addition")
    stories = {k: set(v) for k, v in gold["stories"].items()}
    story_of_article = {a: k for k, arts in stories.items() for a in arts}
    # system rows
    rows: dict[str, dict] = {}
    for r in drifts.iter_rows(named=True):
        rows[r["drift_id"]] = {"id": r["drift_id"], "kind": r["kind"], "method": r["method"], "detail": r["detail"],
                               "a_spans": [], "b_spans": [], "a_art": set(), "b_art": set()}
    for r in drift_spans.iter_rows(named=True):
        x = rows.get(r["drift_id"])
        if x is None:
            continue
        x[f"{r['side']}_art"].add(r["article_id"])
        if r["start"] is not None:
            x[f"{r['side']}_spans"].append((r["article_id"], r["start"], r["end"]))
    sys_by_story: dict[str, list[dict]] = defaultdict(list)
    for x in rows.values():
        arts = x["a_art"] | x["b_art"]
        st = {story_of_article.get(a) for a in arts}
        if len(st) == 1 and None not in st:
            sys_by_story[st.pop()].append(x)
    g_rows = gold["drifts"]
    matched: dict[str, list[str]] = {}
    matched_any: dict[str, bool] = {}
    for g in g_rows:
        cands = [x for x in sys_by_story.get(g["story"] if g["story"] in stories else "", [])]
        if g["story"] not in stories:
            arts = _articles(g["a"]) | _articles(g["b"])
            st = {story_of_article.get(a) for a in arts}
            cands = sys_by_story.get(st.pop(), []) if len(st) == 1 else []
        matched[g["id"]] = [x["id"] for x in cands if _match(g, x)]
        matched_any[g["id"]] = any(_match(g, x, any_kind=True) for x in cands)
    # per-kind recall
    def rec(sel):
        n = len(sel)
        m = sum(1 for g in sel if matched[g["id"]])
        return {"gold": n, "matched": m, "recall": round(m / n, 3) if n else None}
    clear = [g for g in g_rows if g.get("grade") != "borderline"]
    by_kind = {}
    for k in sorted({g["kind"] for g in g_rows}):
        by_kind[k] = {"clear": rec([g for g in clear if g["kind"] == k]),
                      "all": rec([g for g in g_rows if g["kind"] == k])}
    both = [g for g in g_rows if _spans(g["a"]) and _spans(g["b"])]
    # precision over system rows in scope
    in_scope = [x for st, xs in sys_by_story.items() for x in xs if x["kind"] in kinds]
    hit_by = defaultdict(list)
    for gid, xs in matched.items():
        for x in xs:
            hit_by[x].append(gid)
    true_rows = [x for x in in_scope if hit_by.get(x["id"])]
    claimed = set()
    dups = 0
    for x in sorted(true_rows, key=lambda x: x["id"]):
        gids = hit_by[x["id"]]
        if all(g in claimed for g in gids):
            dups += 1
        claimed.update(gids)
    unmatched = [x for x in in_scope if not hit_by.get(x["id"])]
    # collapsing quality
    jac = []
    byid = {x["id"]: x for x in rows.values()}
    for g in g_rows:
        if not matched[g["id"]]:
            continue
        ga, gb = _articles(g["a"]), _articles(g["b"])
        best = 0.0
        for xid in matched[g["id"]]:
            x = byid[xid]
            for sa, sb in ((x["a_art"], x["b_art"]), (x["b_art"], x["a_art"])):
                j = (len(ga & sa) / len(ga | sa) + len(gb & sb) / len(gb | sb)) / 2 if (ga | sa) and (gb | sb) else 0
                best = max(best, j)
        jac.append(best)
    return {
        "gold_rows": len(g_rows),
        "recall_clear": rec(clear),
        "recall_all": rec(g_rows),
        "recall_any_kind_all": {"matched": sum(matched_any.values()), "gold": len(g_rows)},
        "recall_non_omission_all": rec([g for g in g_rows if g["kind"] not in ("omission", "addition")]),
        "recall_non_omission_clear": rec([g for g in clear if g["kind"] not in ("omission", "addition")]),
        "both_sides": rec(both),
        "by_kind": by_kind,
        "system_rows_in_scope": len(in_scope),
        "true_rows": len(true_rows),
        "duplicate_rows": dups,
        "unmatched_rows": len(unmatched),
        "precision_vs_gold": round(len(true_rows) / len(in_scope), 3) if in_scope else None,
        "collapse_jaccard_mean": round(sum(jac) / len(jac), 3) if jac else None,
        "unmatched": [x["id"] for x in sorted(unmatched, key=lambda x: x["id"])],
        "missed": [g["id"] for g in g_rows if not matched[g["id"]]],
        "matches": {k: v for k, v in matched.items() if v},
    }


def format_report(rep: dict) -> str:
    lines = []
    rc, ra = rep["recall_clear"], rep["recall_all"]
    lines.append(f"gold rows {rep['gold_rows']}: recall clear {rc['matched']}/{rc['gold']} = {rc['recall']}; "
                 f"with borderline {ra['matched']}/{ra['gold']} = {ra['recall']}; any kind "
                 f"{rep['recall_any_kind_all']['matched']}/{rep['recall_any_kind_all']['gold']}")
    no, noc = rep["recall_non_omission_all"], rep["recall_non_omission_clear"]
    lines.append(f"non-omission: clear {noc['matched']}/{noc['gold']} = {noc['recall']}; all {no['matched']}/{no['gold']} = {no['recall']}")
    b = rep["both_sides"]
    lines.append(f"gold rows with spans on both sides matched: {b['matched']}/{b['gold']} = {b['recall']}")
    lines.append(f"system rows in scope {rep['system_rows_in_scope']}: matching gold {rep['true_rows']} "
                 f"(of which duplicates {rep['duplicate_rows']}), unmatched {rep['unmatched_rows']}; "
                 f"collapse Jaccard {rep['collapse_jaccard_mean']}")
    lines.append("kind               clear        all")
    for k, v in rep["by_kind"].items():
        c, a = v["clear"], v["all"]
        lines.append(f"{k:18} {c['matched']:>3}/{c['gold']:<3} {'' if c['recall'] is None else c['recall']:<6} "
                     f"{a['matched']:>3}/{a['gold']:<3} {a['recall']}")
    return "\n".join(lines)
