"""Cross-outlet sentence alignment and article-level reuse.

``sentence_links(sentences, story_of=None) -> polars.DataFrame``
    Within each story (``story_of``: article id -> story id; default one story), for each pair of partner articles ``a < b`` (by ``article_id``; see
    Partners below) that share at least one aligned sentence, every sentence of ``a`` gets one row pointing at its
    best counterpart in ``b``; every sentence of ``b`` that no sentence of ``a``
    chose gets one row pointing at *its* best counterpart in ``a``. A sentence
    without a counterpart scoring at least ``ALIGN_MIN`` gets a row with a null
    counterpart (``relation == "unaligned"``). Article pairs without any aligned
    sentence are unrelated stories and produce no rows. Rows are sorted by
    ``article_id``, ``other_article_id``, ``sentence_index``.

    Columns:

    * ``link_id`` (str, unique) – ``"<sentence_id>><other_article_id>"``.
    * ``article_id`` (str) – article of ``sentence_id``.
    * ``sentence_id`` (str) – the sentence described by the row.
    * ``other_article_id`` (str) – the article compared against (never equal to
      ``article_id``; smaller or greater).
    * ``other_sentence_id`` (str, nullable) – best counterpart in
      ``other_article_id``; null when ``relation == "unaligned"``.
    * ``similarity`` (float 0–1, 4 decimals) – word-level Indel similarity
      (``rapidfuzz.distance.Indel``) of the two sentences' content words
      (normalised, stop words removed, see ``normalise.word_key``); 1.0 for
      ``identical`` / ``typographic``. For unaligned rows: the best score seen
      below the threshold, 0.0 when blocking found no candidate.
    * ``relation`` (str) – ``"identical"`` (same characters), ``"typographic"``
      (same words after ``normalise_text``: quotes, dashes, spaces, case,
      NFKC), ``"rewritten"`` (similarity ≥ ``ALIGN_MIN``, words differ),
      ``"unaligned"``.
    * ``diff`` (str, nullable) – JSON list of word edits turning this sentence
      into the counterpart, equal runs omitted. Each op is
      ``[op, this_text, other_text, this_start, this_end, other_start, other_end]``
      with ``op`` in ``"replace" | "insert" | "delete"``; offsets are into
      the sources (``source[this_start:this_end] == this_text``); an insert
      has an empty this-span at the insertion point, a delete an empty
      other-span. ``"[]"`` for identical/typographic; null when unaligned.
    * ``n_inserted`` / ``n_deleted`` (int, nullable) – words only in the
      counterpart / only in this sentence (insert / delete ops).
    * ``n_replaced`` (int, nullable) – words of this sentence inside replace ops.
    * ``sentence_index`` (int) – position of ``sentence_id`` in its article.
    * ``n_words`` (int) – word tokens of ``sentence_id``.

``article_links(sentences, articles, links) -> polars.DataFrame``
    One row per article pair ``article_id < other_article_id`` present in
    ``links``; sorted by both ids. Columns:

    * ``article_id`` / ``other_article_id`` (str).
    * ``reused_share`` (float 0–1, 4 decimals) – share of ``article_id``'s
      sentence words lying in sentences linked to ``other_article_id`` as
      identical, typographic or near-verbatim (similarity ≥ ``NEAR_VERBATIM``).
    * ``reused_share_other`` (float) – the same for ``other_article_id``.
    * ``n_aligned`` (int) – link rows of the pair with a counterpart.
    * ``shared_wire`` (str, nullable) – wire/agency credits both articles carry
      (``'; '``-joined, sorted), else null. Credits are read from
      ``articles.wire_credits`` (``'; '``-separated); role words such as
      ``Photograph:`` / ``Photo`` / ``Source:`` are stripped before comparing.

Blocking: each sentence's features are its content-word keys and adjacent
content-word bigrams. An inverted index holds every feature occurring in at
least two and at most ``MAX_POSTING`` sentences (words common to a whole corpus
never form blocks). Each sentence probes the index with its rarest features
(``PROBE_SHARE`` of them, at least ``PROBE_MIN``, none more than
``PROBE_DF_FACTOR`` times as frequent as the rarest); only sentences found that way
(in other articles) are scored. The number of scored pairs is thus bounded by
``n_sentences * n_probe * MAX_POSTING`` and in practice by the real overlap —
linear in the corpus size for a bounded number of versions per story.

Partners: sentences are compared only between *partner* articles. Each article
takes as partners the ``MAX_PARTNERS`` articles met most often in samples of at
most ``PARTNER_WINDOW`` articles drawn from its probe features' posting lists
(``article_partners``). A story of up to ``PARTNER_WINDOW + 1`` versions is
therefore compared pair by pair; a story of 500 versions links each version to
its closest dozen, so the output and the cost grow linearly with the number of
versions instead of with its square (quote and figure groups are connected
components and still join every version).

Stories: features are counted and indexed per story (a feature of two stories is two
keys), so a story's links are exactly what the story built alone would give, and no
link joins two stories.
"""

from __future__ import annotations

import bisect
import json
import math
import re
import zlib
from array import array
from collections import defaultdict

import polars as pl
from rapidfuzz.distance import Indel, Levenshtein

from newsprov.dataset.compare.stories import story_batches
from newsprov.lang.words import STOPWORDS, WORD_RE, Token, edit_blocks, normalise_word, word_key
from newsprov.schemas.base import dtypes
from newsprov.schemas.comparison import SentenceLinks

__all__ = [
    "ALIGN_MIN",
    "NEAR_VERBATIM",
    "PROBE_SHARE",
    "PROBE_MIN",
    "PROBE_DF_FACTOR",
    "MAX_POSTING",
    "SentenceInfo",
    "prepare",
    "candidate_pairs",
    "word_diff",
    "sentence_links",
    "article_links",
    "parse_credits",
]

# Minimum content-word similarity for two sentences to be aligned. Measured on
# the five seed articles (all best-counterpart pairs across the 10 article
# pairs, read by hand): true paraphrases across outlets score 0.40–1.0
# ("Neither offered evidence." / "Neither side provided concrete evidence ..."
# = 0.40); below 0.40 the best counterpart was mostly a different sentence
# sharing only names (Israel, Hezbollah); a few heavy rewrites (0.30–0.37) are
# lost. 0.40 keeps every clear paraphrase seen and few false friends.
ALIGN_MIN = 0.40
# Similarity from which a rewritten sentence counts as reused near-verbatim.
# Seeds (104 rewritten links): sub-editor edits of one wire text (a name
# respelled, a word or two dropped/added) score 0.85-0.96; from 0.84 down the
# pairs are already outlet rewrites (verbs swapped, clauses added: "A crucial
# round ... aimed at reaching" vs "A round ... meant to bring about").
NEAR_VERBATIM = 0.85
# Blocking: a sentence probes the index with its rarest
# max(PROBE_MIN, ceil(PROBE_SHARE * n_features)) features. Measured on the
# seeds against exhaustive scoring of all 7,915 cross-article sentence pairs:
# PROBE_K=6 fixed missed 11 of 121 pairs aligned at ALIGN_MIN, share 0.3 missed
# 5, share 0.5 missed 2, share 0.6 / min 4 missed none; with PROBE_DF_FACTOR
# below, 696 pairs (8.8%) are scored, still missing none (five versions of
# one story: nearly everything is related, so little
# can be pruned; in a multi-story corpus the share drops with corpus size).
PROBE_SHARE = 0.6
PROBE_MIN = 4
# ... but only features at most PROBE_DF_FACTOR times as frequent as the
# sentence's rarest indexed feature: a story's own words occur about once per
# version, words shared with other stories far more often. Without this, words
# such as "officials" or "reportedly" link every story to every other until
# they pass MAX_POSTING, and candidates grow quadratically (the linear-growth
# test measures it). Seeds: no recall lost (121/121) at factor 4.
PROBE_DF_FACTOR = 4
# Features occurring in more sentences than this are not indexed: a word that
# frequent is common to the corpus, not to one story. An absolute cap keeps the
# number of candidates per sentence bounded, so the total grows linearly with
# the number of sentences (as long as a story has fewer than ~MAX_POSTING
# versions of a sentence).
MAX_POSTING = 500
# Articles each article is aligned with: the ones sharing most of its probe features.
# A story told by 5 or 10 outlets keeps every pair; past that, each version is linked to
# its closest versions only, so 500 versions of one story cost about 500 * MAX_PARTNERS
# article pairs instead of 125,000 (quote and figure groups still join across the links).
MAX_PARTNERS = 12
# Articles sampled around an article in each probe feature's posting list. A story of up
# to PARTNER_WINDOW + 1 versions is compared exhaustively, as before partners existed.
PARTNER_WINDOW = 16

_SCHEMA = dtypes(SentenceLinks)


class SentenceInfo:
    """Pre-tokenised sentence (internal, shared with other compare modules).

    Kept compact, since a build holds one per sentence of the corpus: token offsets in
    arrays, word forms and features as tuples of strings shared through the vocabulary
    (not one Token object and one string per word); ``tokens`` rebuilds Token objects
    for the one sentence that needs them.
    """

    __slots__ = ("sid", "aid", "index", "start", "text", "starts", "ends", "norms", "ids", "content", "features", "story")

    def __init__(self, sid, aid, index, start, text, vocab, story=""):
        self.sid = sid
        self.aid = aid
        self.story = story
        self.index = index
        self.start = start
        self.text = text
        found = list(WORD_RE.finditer(text))
        self.starts = array("q", [m.start() + start for m in found])
        self.ends = array("q", [m.end() + start for m in found])
        word, ids, feature = vocab.word, vocab.ids, vocab.feature
        self.norms = norms = tuple([word(normalise_word(m.group())) for m in found])  # (ids in word order)
        self.ids = array("q", [ids[n] for n in norms])
        keys = [word_key(n) for n in norms if n not in STOPWORDS]
        self.content = array("q", [vocab.id("\x00" + k) for k in keys])
        feats = {feature(k) for k in keys}
        feats.update(feature(f"{a} {b}") for a, b in zip(keys, keys[1:]))
        self.features = tuple(feats)

    @property
    def tokens(self) -> list[Token]:
        at = self.start
        return [Token(s, e, self.text[s - at:e - at], n) for s, e, n in zip(self.starts, self.ends, self.norms)]

    @property
    def n_tokens(self) -> int:
        return len(self.norms)


class Vocabulary:
    """Ids of word forms and content keys, and one shared copy of each word and feature string."""

    __slots__ = ("ids", "strings")

    def __init__(self):
        self.ids: dict[str, int] = {}
        self.strings: dict[str, str] = {}

    def id(self, key: str) -> int:
        return self.ids.setdefault(key, len(self.ids))

    def word(self, norm: str) -> str:
        self.id(norm)
        return self.strings.setdefault(norm, norm)

    def feature(self, feature: str) -> str:
        return self.strings.setdefault(feature, feature)


def prepare(sentences: pl.DataFrame, story_of: dict[str, str] | None = None) -> list[SentenceInfo]:
    """Tokenise sentences, sorted by article_id then sentence_index (each knows its story)."""
    vocab = Vocabulary()
    df = sentences.select("sentence_id", "article_id", "sentence_index", "start", "text").sort(
        "article_id", "sentence_index", "sentence_id"
    )
    story_of = story_of or {}
    return [SentenceInfo(*row, vocab, story_of.get(row[1], "")) for row in df.iter_rows()]


def _probes(infos: list[SentenceInfo], df: dict[str, int]) -> list[list[str]]:
    """Each sentence's probe features: its rarest indexed ones (module doc). ``df``: the story's
    sentences having each feature."""
    out = []
    for s in infos:
        n_probe = max(PROBE_MIN, math.ceil(PROBE_SHARE * len(s.features)))
        probe = sorted((df[f], f) for f in s.features if 2 <= df[f] <= MAX_POSTING)[:n_probe]
        if probe:  # skip features far more common than the sentence's rarest one
            limit = PROBE_DF_FACTOR * probe[0][0]
            probe = [p for p in probe if p[0] <= limit]
        out.append([f for _, f in probe])
    return out


def article_partners(infos: list[SentenceInfo], probes: list[list[str]], df: dict[str, int]) -> set[tuple[str, str]]:
    """Article pairs worth aligning within one story's sentences: each article with the
    MAX_PARTNERS its probe features meet most.

    An article probes with its sentences' probe features (the rarest of each). Each
    feature's posting list (articles having it) is ordered by a hash of (feature, article),
    so every feature offers a different sample of at most PARTNER_WINDOW articles around
    this one; partners are the articles met in most samples. The work per article is
    bounded, whatever the number of versions of a story.
    """
    feats: dict[str, set[str]] = defaultdict(set)
    probed: dict[str, set[str]] = defaultdict(set)
    for s, probe in zip(infos, probes):
        feats[s.aid].update(f for f in s.features if 2 <= df[f] <= MAX_POSTING)
        probed[s.aid].update(probe)
    postings: dict[str, list[str]] = defaultdict(list)  # feature -> articles
    for aid in sorted(feats):
        for f in feats[aid]:
            postings[f].append(aid)
    position: dict[tuple[str, str], int] = {}
    for f, aids in postings.items():
        if len(aids) > 1:
            aids.sort(key=lambda a: (zlib.crc32(f"{f}\x00{a}".encode()), a))
            position.update(((f, a), k) for k, a in enumerate(aids))
    pairs = set()
    half = PARTNER_WINDOW // 2
    for aid in sorted(feats):
        met: dict[str, int] = defaultdict(int)
        for f in sorted(probed[aid]):
            aids = postings[f]
            if len(aids) < 2:
                continue
            k = position[f, aid]
            for b in aids[max(0, k - half):k + half + 1]:
                met[b] += 1
        met.pop(aid, None)
        best = sorted(met, key=lambda b: (-met[b], b))[:MAX_PARTNERS]
        pairs.update((min(aid, b), max(aid, b)) for b in best)
    return pairs


def candidate_pairs(infos: list[SentenceInfo]) -> set[tuple[int, int]]:
    """Blocked candidate pairs (i < j): probe-feature matches between partner articles of one story
    (module doc), story by story."""
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(infos):
        by_story[s.story].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_story.values():
        pairs |= _story_candidates(infos, members)
    return pairs


def _story_candidates(infos: list[SentenceInfo], members: list[int]) -> set[tuple[int, int]]:
    """candidate_pairs among the sentences ``members`` (indices into infos) of one story."""
    story = [infos[i] for i in members]
    df: dict[str, int] = defaultdict(int)  # feature -> the story's sentences having it
    for s in story:
        for f in s.features:
            df[f] += 1
    probes = dict(zip(members, _probes(story, df)))
    partners = sorted(article_partners(story, [probes[i] for i in members], df))
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_article[infos[i].aid].append(i)
    index: dict[str, dict[str, list[int]]] = {}
    for aid in sorted({aid for pair in partners for aid in pair}):  # only articles with a partner
        postings = defaultdict(list)
        for i in by_article[aid]:
            for f in infos[i].features:
                if 2 <= df[f] <= MAX_POSTING:
                    postings[f].append(i)
        index[aid] = postings
    pairs: set[tuple[int, int]] = set()
    for a, b in partners:
        for x, y in ((a, b), (b, a)):
            postings = index[y]
            for i in by_article[x]:
                for f in probes[i]:
                    for j in postings.get(f, ()):
                        pairs.add((i, j) if i < j else (j, i))
    return pairs


def _similarity(x: SentenceInfo, y: SentenceInfo) -> float:
    if x.norms == y.norms:
        return 1.0
    if x.content or y.content:
        return Indel.normalized_similarity(x.content, y.content)
    return Indel.normalized_similarity(x.ids, y.ids)


def word_diff(x: SentenceInfo, y: SentenceInfo) -> list[list]:
    """Word edit blocks from x to y (adjacent edits merged), with source spans."""
    ops = edit_blocks(Levenshtein.opcodes(x.ids, y.ids))
    out = []
    for s0, s1, d0, d1 in ops:
        a0, a1 = _span(x, s0, s1)
        b0, b1 = _span(y, d0, d1)
        tag = "replace" if s1 > s0 and d1 > d0 else ("delete" if s1 > s0 else "insert")
        out.append([tag, x.text[a0 - x.start:a1 - x.start], y.text[b0 - y.start:b1 - y.start], a0, a1, b0, b1])
    return out


def _span(s: SentenceInfo, i: int, j: int) -> tuple[int, int]:
    """Source span of tokens i..j-1; empty span at the gap when i == j."""
    if j > i:
        return s.starts[i], s.ends[j - 1]
    if i < len(s.starts):
        p = s.starts[i]
        if i > 0:  # put the insertion point right after the previous word
            p = s.ends[i - 1]
        return p, p
    p = s.ends[-1] if s.ends else s.start
    return p, p


def _row(x: SentenceInfo, other_aid: str, y: SentenceInfo | None, score: float) -> dict:
    base = {
        "link_id": f"{x.sid}>{other_aid}",
        "article_id": x.aid,
        "sentence_id": x.sid,
        "other_article_id": other_aid,
        "sentence_index": x.index,
        "n_words": x.n_tokens,
    }
    if y is None:
        return base | {"other_sentence_id": None, "similarity": round(score, 4), "relation": "unaligned",
                       "diff": None, "n_inserted": None, "n_deleted": None, "n_replaced": None}
    if x.text == y.text:
        rel = "identical"
    elif x.norms == y.norms:
        rel = "typographic"
    else:
        rel = "rewritten"
    ops = [] if rel != "rewritten" else word_diff(x, y)
    ins = dele = rep = 0
    for tag, _a, _b, a0, a1, b0, b1 in ops:
        na = _count(x, a0, a1)
        nb = _count(y, b0, b1)
        if tag == "insert":
            ins += nb
        elif tag == "delete":
            dele += na
        else:
            rep += na
    return base | {"other_sentence_id": y.sid, "similarity": round(score, 4), "relation": rel,
                   "diff": json.dumps(ops, ensure_ascii=False, separators=(",", ":")),
                   "n_inserted": ins, "n_deleted": dele, "n_replaced": rep}


def _count(s: SentenceInfo, a: int, b: int) -> int:
    """Tokens of s lying within [a, b) (its tokens are in order and never overlap)."""
    return max(0, bisect.bisect_right(s.ends, b) - bisect.bisect_left(s.starts, a)) if b > a else 0


def sentence_links(sentences: pl.DataFrame, story_of: dict[str, str] | None = None, engine=None) -> pl.DataFrame:
    """Align sentences across every related article pair of each story (see module doc). Stories
    are independent: batches of them run on ``engine`` (newsprov.core.engine; default this
    process), each from its own sentences only, so the rows are the same whichever way they ran."""
    if not story_of:
        return _align((sentences, None))
    batches = story_batches(story_of, sentences["article_id"].unique().to_list())
    batch_of = {a: str(k) for k, batch in enumerate(batches) for _story, ids in batch for a in ids}
    parts = (sentences.with_columns(_batch=pl.col("article_id").replace_strict(batch_of, default=None, return_dtype=pl.String))
             .filter(pl.col("_batch").is_not_null())
             .partition_by("_batch", as_dict=True, include_key=False))
    tasks = [(parts[(str(k),)], {a: story_of[a] for _story, ids in batch for a in ids}) for k, batch in enumerate(batches)]
    results = engine.map(_align, tasks) if engine is not None else [_align(t) for t in tasks]
    found = [r for r in results if len(r)]
    out = pl.concat(found) if found else pl.DataFrame(schema=_SCHEMA)
    return out.sort("article_id", "other_article_id", "sentence_index", "sentence_id")


def _align(task: tuple[pl.DataFrame, dict[str, str] | None]) -> pl.DataFrame:
    """The sentence links of a batch of stories (or of one story: ``story_of`` None; a task: a pure function)."""
    sentences, story_of = task
    if sentences["article_id"].n_unique() < 2:
        return pl.DataFrame(schema=_SCHEMA)  # one article has no pair to align
    infos = prepare(sentences, story_of)
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(infos):
        by_article[s.aid].append(i)
    # best[(i, other_article)] = (score, j); ties -> earlier sentence (smaller j)
    best: dict[tuple[int, str], tuple[float, int]] = {}
    near: dict[tuple[int, str], float] = {}
    for i, j in sorted(candidate_pairs(infos)):
        x, y = infos[i], infos[j]
        score = _similarity(x, y)
        for u, v in ((i, j), (j, i)):
            key = (u, infos[v].aid)
            if score >= ALIGN_MIN:
                cur = best.get(key)
                if cur is None or score > cur[0] or (score == cur[0] and v < cur[1]):
                    best[key] = (score, v)
            elif score > near.get(key, 0.0):
                near[key] = score
    pairs = sorted({tuple(sorted((infos[i].aid, a))) for (i, a) in best})
    rows = []
    for a, b in pairs:
        targets = set()
        for i in by_article[a]:
            hit = best.get((i, b))
            if hit:
                targets.add(hit[1])
                rows.append(_row(infos[i], b, infos[hit[1]], hit[0]))
            else:
                rows.append(_row(infos[i], b, None, near.get((i, b), 0.0)))
        for j in by_article[b]:
            if j in targets:
                continue
            hit = best.get((j, a))
            if hit:
                rows.append(_row(infos[j], a, infos[hit[1]], hit[0]))
            else:
                rows.append(_row(infos[j], a, None, near.get((j, a), 0.0)))
    out = pl.DataFrame(rows, schema=_SCHEMA) if rows else pl.DataFrame(schema=_SCHEMA)
    return out.sort("article_id", "other_article_id", "sentence_index", "sentence_id")


# --- article level ---------------------------------------------------------

_ROLE_RE = re.compile(
    r"^(?:photo(?:graph)?s?|pictures?|images?|video|source|sources|reporting|additional reporting|"
    r"with|by|via|credit|illustration|graphic)\b\s*(?:by|from)?\s*:?\s*|\s+(?:photos?|pictures?|images?|video)$",
    re.IGNORECASE,
)


def parse_credits(credits: str | None) -> set[str]:
    """Normalised wire credits of an article ('; '-separated field)."""
    out = set()
    for part in (credits or "").split(";"):
        c = part.strip()
        prev = None
        while prev != c:
            prev = c
            c = _ROLE_RE.sub("", c).strip(" :,.-")
        if c:
            out.add(c.upper() if len(c) <= 6 else c)
    return out


def article_links(sentences: pl.DataFrame, articles: pl.DataFrame, links: pl.DataFrame) -> pl.DataFrame:
    """Reuse shares and shared wire credit per article pair (see module doc)."""
    schema = {"article_id": pl.String, "other_article_id": pl.String, "reused_share": pl.Float64,
              "reused_share_other": pl.Float64, "n_aligned": pl.Int64, "shared_wire": pl.String}
    linked = pl.concat([links["article_id"], links["other_article_id"]]).unique()
    words, total = {}, defaultdict(int)  # words of each sentence, of articles that have links only
    for sid, aid, t in sentences.filter(pl.col("article_id").is_in(linked.implode())).select("sentence_id", "article_id", "text").iter_rows():
        words[sid] = sum(1 for _ in WORD_RE.finditer(t))
        total[aid] += words[sid]
    credits = {}
    if "wire_credits" in articles.columns:
        credits = {a: parse_credits(c) for a, c in articles.select("article_id", "wire_credits").iter_rows()}
    reused: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, other) -> sentence ids
    n_aligned: dict[tuple[str, str], int] = defaultdict(int)
    for aid, sid, oaid, osid, sim, rel in links.select(
        "article_id", "sentence_id", "other_article_id", "other_sentence_id", "similarity", "relation"
    ).iter_rows():
        key = (min(aid, oaid), max(aid, oaid))
        n_aligned.setdefault(key, 0)
        if osid is None:
            continue
        n_aligned[key] += 1
        if rel in ("identical", "typographic") or sim >= NEAR_VERBATIM:
            reused[(aid, oaid)].add(sid)
            reused[(oaid, aid)].add(osid)
    rows = []
    for a, b in sorted(n_aligned):
        share = []
        for x, y in ((a, b), (b, a)):
            n = sum(words.get(s, 0) for s in reused.get((x, y), ()))
            share.append(round(n / total[x], 4) if total.get(x) else 0.0)
        common = credits.get(a, set()) & credits.get(b, set())
        rows.append({"article_id": a, "other_article_id": b, "reused_share": share[0],
                     "reused_share_other": share[1], "n_aligned": n_aligned[(a, b)],
                     "shared_wire": "; ".join(sorted(common)) if common else None})
    return pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
