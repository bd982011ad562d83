"""One huge article builds in memory and time linear in its size: no step pairs every
quote, figure or sentence of an article with every other (issue 15, item 1).

The speed figures are printed by benchmarks/bench_big_article.py; here, the interval and
grouping steps that used to pair everything are checked against brute-force references on
random input, and the memory of a whole build is checked to grow by a bounded number of
bytes per byte of article.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from collections import defaultdict

import polars as pl
import pytest

from newsprov.dataset.compare import quotes as compare_quotes
from newsprov.lang.words import STOPWORDS, tokenize, word_key
from newsprov.core.layout import REPO_ROOT
from newsprov.dataset.locate import first_containing


def _bench():
    spec = importlib.util.spec_from_file_location("bench_big_article", REPO_ROOT / "benchmarks" / "bench_big_article.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- figures inside quotes: an as-of join, not figures x quotes ------------------------


def _random_spans(rng: random.Random, n: int, articles: str, length: int) -> pl.DataFrame:
    rows = []
    for _ in range(n):
        start = rng.randrange(length)
        rows.append((rng.choice(articles), start, start + rng.randrange(1, 12)))
    return pl.DataFrame(rows, schema={"article_id": pl.String, "start": pl.Int64, "end": pl.Int64}, orient="row")


@pytest.mark.parametrize("seed", range(40))
def test_first_containing_equals_the_brute_force_definition(seed):
    """Spans nest and overlap freely here (quotes from overrides may); the answer is the
    holder opening first, then the shorter, then the earlier row."""
    rng = random.Random(seed)
    rows = _random_spans(rng, rng.randrange(0, 30), "ab", 40)
    spans = _random_spans(rng, rng.randrange(0, 15), "abc", 40)
    got = first_containing(rows, spans).to_list()
    for i, (aid, start, end) in enumerate(rows.iter_rows()):
        holders = [(s, e, k) for k, (a, s, e) in enumerate(spans.iter_rows()) if a == aid and s <= start and end <= e]
        assert got[i] == (min(holders)[2] if holders else None), (rows.row(i), spans)


def test_a_figure_takes_the_quote_holding_it_and_its_speaker():
    from newsprov.dataset.builders.figures import _attribute

    figures = pl.DataFrame({"article_id": ["a", "a", "a", "b"], "start": [5, 30, 60, 5], "end": [8, 33, 62, 8],
                            "sentence_id": ["a:s0", "a:s1", "a:s2", "b:s0"], "attributed_to": [None, None, "Curated", None]})
    quotes = pl.DataFrame({"quote_id": ["a:q0", "a:q1", "b:q0"], "article_id": ["a", "a", "b"], "start": [0, 25, 50],
                           "end": [20, 40, 70], "speaker": ["Ann", None, "Bo"], "sentence_id": ["a:s0", "a:s1", "b:s3"]})
    out = _attribute(figures, quotes)
    assert out["quote_id"].to_list() == ["a:q0", "a:q1", None, None]
    assert out["attributed_to"].to_list() == ["Ann", None, "Curated", None]


# --- quote groups: per distinct wording, the same links as pairing every quote ---------


def _pairwise_components(norms: list[tuple], articles: list[str]) -> set[frozenset]:
    """The definition, quote by quote: quote i (rows sorted by article) probes the postings of
    its rarest keys for later quotes of other articles, and links those _linked accepts."""
    import math

    feats = [{word_key(w) for w in nm if w not in STOPWORDS} or set(nm) for nm in norms]
    df = defaultdict(int)
    for f in feats:
        for k in f:
            df[k] += 1
    postings = defaultdict(list)
    for i, f in enumerate(feats):
        for k in f:
            if df[k] >= 2:
                postings[k].append(i)
    uf = compare_quotes.UnionFind(len(norms))
    for i, f in enumerate(feats):
        probe = sorted((df[k], k) for k in f if k in postings)[: max(3, math.ceil(0.6 * len(f)))]
        for _, k in probe:
            for j in postings[k]:
                if j > i and articles[j] != articles[i] and compare_quotes._linked(norms[i], norms[j]) is not None:
                    uf.union(i, j)
    comps = defaultdict(set)
    for i in range(len(norms)):
        comps[uf.find(i)].add(i)
    return {frozenset(c) for c in comps.values() if len({articles[i] for i in c}) >= 2}


WORDS = "the talks will resume in cairo said officials hostages deal not a".split()


@pytest.mark.parametrize("seed", range(60))
def test_quote_components_equal_the_pairwise_definition(seed):
    rng = random.Random(seed)
    pool = [tuple(rng.choice(WORDS) for _ in range(rng.randrange(0, 6))) for _ in range(rng.randrange(1, 8))]
    n = rng.randrange(1, 40)
    articles = sorted(rng.choice("abcd") for _ in range(n))
    norms = [rng.choice(pool) if rng.random() < 0.7 else tuple(rng.choice(WORDS) for _ in range(rng.randrange(1, 6)))
             for _ in range(n)]
    got = {frozenset(c) for c in compare_quotes._components(norms, articles)}
    assert got == _pairwise_components(norms, articles)


def test_a_quotation_repeated_in_one_article_is_compared_once_per_wording(monkeypatch):
    """600 copies of one quotation in each of two articles: linking all 360,000 pairs was the
    quadratic step; the same words need no comparison at all, different ones one each."""
    calls = []
    real = compare_quotes._linked
    monkeypatch.setattr(compare_quotes, "_linked", lambda a, b: calls.append((a, b)) or real(a, b))
    one = ("talks", "will", "resume", "in", "cairo")
    other = ("talks", "will", "resume", "in", "cairo", "soon")
    norms = [one] * 600 + [other] * 600
    articles = ["a"] * 600 + ["b"] * 600
    groups = compare_quotes._components(norms, articles)
    assert [len(g) for g in groups] == [1200]
    assert len(calls) <= 2


# --- unquoted reuse: one pass over each text, the same occurrences ---------------------


def _brute_unquoted(searched, texts, quote_spans):
    found = defaultdict(dict)
    for aid in sorted(texts):
        text, toks = texts[aid], tokenize(texts[aid])
        for w, targets in searched.items():
            for n, qid in targets:
                for k in range(len(toks) - len(w) + 1):
                    if tuple(t.norm for t in toks[k:k + len(w)]) != w:
                        continue
                    s, e = toks[k].start, toks[k + len(w) - 1].end
                    if any(s < qe and qs < e for qs, qe in quote_spans.get(aid, ())):
                        continue
                    if (s > 0 and text[s - 1] in compare_quotes._QUOTE_CHARS) or (e < len(text) and text[e] in compare_quotes._QUOTE_CHARS):
                        continue
                    cur = found[n].get((aid, s))
                    if cur is None or e > cur[0]:
                        found[n][(aid, s)] = (e, qid)
    return {n: d for n, d in found.items() if d}


@pytest.mark.parametrize("seed", range(40))
def test_unquoted_search_equals_a_search_at_every_word(seed):
    rng = random.Random(seed)
    vocab = ["talks", "Talks", "resume", "in", "Cairo", "cairo", "deal", "\u201cdeal", "deal\u201d", "said", "the"]
    texts = {aid: " ".join(rng.choice(vocab) for _ in range(rng.randrange(0, 60))) + rng.choice(["", ".", "\n"])
             for aid in "abc"[:rng.randrange(1, 4)]}
    quote_spans = {aid: [(s, s + rng.randrange(1, 20)) for s in sorted(rng.sample(range(max(1, len(t))), min(3, len(t))))]
                   for aid, t in texts.items()}
    searched = defaultdict(list)
    for n in range(rng.randrange(1, 5)):
        for _ in range(rng.randrange(1, 3)):
            w = tuple(rng.choice(["talks", "resume", "in", "cairo", "deal", "the"]) for _ in range(rng.randrange(2, 4)))
            searched[w].append((n, f"x:q{n}"))
    got = {n: d for n, d in compare_quotes._unquoted(dict(searched), texts, quote_spans).items() if d}
    assert got == _brute_unquoted(searched, texts, quote_spans)


# --- a whole build -------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="peak RSS read through wait4 and /proc (Linux)")
def test_a_builds_memory_grows_linearly_with_the_size_of_one_article():
    """200 KB and 1.6 MB articles of the same structure, each built in its own process.
    Before the fix the figures x quotes join made 2 MB cost 5.7 GB; now a build needs about
    30 bytes of memory per byte of article. Bound: 150 (a 1.6 MB article growing as the
    square of its size would need thousands)."""
    bench = _bench()
    small = bench.run(0.2, True, max_rss=4 * 2**30, timeout=600)
    large = bench.run(1.6, True, max_rss=4 * 2**30, timeout=600)
    assert small["exit"] == 0 and large["exit"] == 0, (small, large)
    per_byte = (large["peak_rss"] - small["peak_rss"]) / (large["bytes"] - small["bytes"])
    assert per_byte < 150, f"{per_byte:.0f} bytes of peak memory per byte of article"


# --- entities: every alias's first mention found in one pass --------------------------


@pytest.mark.parametrize("seed", range(40))
def test_first_word_occurrences_equal_a_search_per_needle(seed):
    from newsprov.dataset.locate import find_word, first_word_occurrences

    rng = random.Random(seed)
    pieces = ["Ann", "Anne", "Ann-Marie", "O", "O'Brien", "Mr.", "Mr. Li", "Li", "Lina", "é", "Éva", "2", "x2", " ", ", ", ".", "\n", "(R-OH)", "_"]
    texts = [(aid, "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))) for aid in ("a", "b", "c")]
    needles = rng.sample(["Ann", "Anne", "Ann-Marie", "O", "O'Brien", "Mr. Li", "Li", "Éva", "2", "(R-OH)", "Nobody", "_x"], 6)
    expected = {}
    for needle in needles:
        for aid, text in texts:
            at = find_word(text, needle)
            if at >= 0:
                expected[needle] = (aid, at)
                break
    assert first_word_occurrences(needles, texts) == expected


# --- validation: span checks of one long article ---------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_span_checks_of_a_long_article_equal_slicing_its_text(seed):
    """Spans of a 300,000-character article (windows of 65,536 characters): short and long
    spans, right and wrong, inside and outside the text, give the errors plain slicing gives."""
    from newsprov.schemas.registry import metas
    from newsprov.validators import provenance

    rng = random.Random(seed)
    long_text = "".join(rng.choice(["Talks ", "in ", "Cairo ", "\u201cended\u201d ", "\u00e9t\u00e9 ", "\U0001d400 ", "\n"]) for _ in range(60000))
    texts = pl.DataFrame({"article_id": ["big", "small"], "source_text": [long_text, "A short one."]})
    rows, expected = [], []
    for index in range(300):
        article, text = ("big", long_text) if rng.random() < 0.9 else ("small", "A short one.")
        start = rng.randrange(-5, len(text) + 5)
        end = start + rng.choice([0, 1, 7, 300, 70000, 200000])
        piece = text[max(start, 0):max(end, 0)]
        if rng.random() < 0.3 and piece:
            piece = piece[:-1] + ("x" if piece[-1] != "x" else "y")
        rows.append({"sentence_id": f"s{index}", "article_id": article, "paragraph_id": "p", "sentence_index": index,
                     "start": start, "end": end, "text": piece})
        if start < 0 or end > len(text) or start >= end:
            expected.append(("span-out-of-bounds", index))
        elif text[start:end] != piece:
            expected.append(("span-mismatch", index))
    df = pl.DataFrame(rows)
    errors = provenance.check_spans(df, metas()["sentences"], texts)
    got = [(e.type, e.row) for e in errors]
    from newsprov.validators.tables import csv_line

    assert sorted(got, key=lambda x: (x[1], x[0])) == sorted(((kind, csv_line(i)) for kind, i in expected), key=lambda x: (x[1], x[0]))
