"""Framing in independently written versions: marked or evaluative words the other versions never use.

The pair rule (``pair_rules``, framing / evaluative-lexicon) needs an aligned sentence: a loaded
word facing a neutral counterpart. Outlets that write a story themselves share little text, their
sentences rarely align, and there every word is the outlet's own choice. This rule reads such a
version against the whole texts of the others. A word ``w`` of version X is scored

    score = novelty × strength × pos_weight        (kept when score >= THRESHOLD = 0.5)

* **novelty**: the share of the story's other versions whose text nowhere prints ``w``'s stem (a
  word moved to another sentence is never "absent").
* **strength** (0..1) = max(lexical, markedness):
  - lexical: the vendored evaluative lexicon (``evaluative``: VADER, pattern), discounted for
    words as common as the commonest English ("good", "like": Zipf >= 6 gives 0);
  - markedness: how rare the word is in general English, ``(5 - zipf) / 2`` clipped to 0..1
    (``wordfreq``'s Zipf frequency: Zipf 5 is "said", "people"; 3 and below a marked choice such
    as "slammed", "dangled", "bombastic"). A rare word is a choice the writer made; everyday
    evaluative words ("new", "clear", "good") are the default wording of news prose.
* **pos_weight** by coarse part of speech (TextBlob's pattern tagger, shipped with the library):
  adjectives, adverbs and interjections 1.0, verbs 0.8, nouns 0.6, anything else 0.3 (never
  enough); proper nouns are skipped. A noun counts only when the lexicon rates it ("thugs",
  "scheme"): a noun that is merely rare is subject matter ("legislator", "maladies"), not a
  choice of tone.

THRESHOLD 0.5 is the midpoint of the score's range, fixed before measuring: a word every other
version lacks, half-strong (VADER 2 of 4, "moderately" evaluative, or half-way from common to
rare), as an adjective or adverb.

Never candidates: function words, tokens with digits, names (a word printed capitalised inside
a sentence somewhere in the story, headlines aside), words the pair rule already reported.

When it applies: only to versions that are **independent** of every other version of the story:
``article_links``' reuse share below ``DERIVED_SHARE`` (0.25) in both directions with each. In
a rewrite of another version, a word the others lack is an edit (the aligned pair rules read
it) or material only that version prints (``omission``), not a framing choice. English only
(``articles.language`` "en"): the lexicon and the frequency list are English; other languages
are not read by this rule rather than guessed.

Rows: one per story and stem. Side a: the version(s) printing the word, each occurrence that
scored (the span extended left over intensifiers: "utterly irresponsible"); side b: the versions
lacking it, null spans. Method ``evaluative-unshared`` when the lexicon rates the word,
``marked-unshared`` when only its rarity does; ``detail`` gives every factor.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import polars as pl

from newsprov.dataset.compare.drift import evaluative
from newsprov.dataset.compare.drift.article_view import Article, Sent
from newsprov.dataset.compare.drift.collapse import Fact, Mark
from newsprov.dataset.compare.drift.words import STOPWORDS

__all__ = ["unshared_facts", "independent_versions", "THRESHOLD", "DERIVED_SHARE"]

THRESHOLD = 0.5
DERIVED_SHARE = 0.25  # a quarter of either text reused from the other: a rewrite, not independent writing
ZIPF_COMMON = 5.0
ZIPF_RARE = 3.0
POS_WEIGHT = {"JJ": 1.0, "RB": 1.0, "UH": 1.0, "VB": 0.8, "NN": 0.6}
POS_OTHER = 0.3


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of an English word (wordfreq; 0 for a word it does not know)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _tagger():
    from textblob.en import tag

    return tag


def pos_tags(words: list[str]) -> list[str]:
    """Penn tags of a sentence's words (TextBlob's pattern tagger: rules and lexicon in the wheel)."""
    tagged = _tagger()(" ".join(w.replace(" ", "_") for w in words), tokenize=False)
    tags = [t for _, t in tagged]
    return tags if len(tags) == len(words) else [""] * len(words)


def strength(word: str) -> tuple[float, float, float, float]:
    """(strength, lexical, markedness, zipf) of an English word, out of context (module doc)."""
    z = zipf(word.casefold())
    lex = evaluative.strength(word) * min(1.0, max(0.0, ZIPF_COMMON + 1.0 - z))
    mark = min(1.0, max(0.0, (ZIPF_COMMON - z) / (ZIPF_COMMON - ZIPF_RARE)))
    return max(lex, mark), lex, mark, z


def independent_versions(ids: list[str], links: pl.DataFrame | None, language: dict[str, str]) -> set[str]:
    """English versions whose reuse share with every other version of the story is below DERIVED_SHARE."""
    if links is None or len(ids) < 2:
        return set()
    shared: dict[str, float] = defaultdict(float)
    for a, b, s1, s2 in links.filter(pl.col("article_id").is_in(ids) & pl.col("other_article_id").is_in(ids)).select(
            "article_id", "other_article_id", "reused_share", "reused_share_other").iter_rows():
        top = max(s1 or 0.0, s2 or 0.0)
        shared[a] = max(shared[a], top)
        shared[b] = max(shared[b], top)
    return {a for a in ids if language.get(a) == "en" and shared[a] < DERIVED_SHARE}


def _title_case(s: Sent) -> bool:
    """Most content words capitalised, as in a headline ("Senators Slam Chairman Over Remarks")."""
    content = [t for t in s.toks if t.content and t.text[:1].isalpha()]
    return len(content) >= 3 and sum(t.cap for t in content) >= 0.6 * len(content)


def _candidate(t, i: int, title: bool, names: set[str]) -> bool:
    if not _word_candidate(t.text, t.key):
        return False
    return not (t.cap and (i > 0 and not title or t.key in names))


@lru_cache(maxsize=1 << 16)
def _word_candidate(text: str, key: str) -> bool:
    """What _candidate asks of the word itself: no function word, no digit, a letter first, no
    internal capitals (an acronym or a brand)."""
    if key in STOPWORDS or any(c.isdigit() for c in key) or not text[:1].isalpha():
        return False
    return not any(c.isupper() for c in text[1:])


def unshared_facts(arts: dict[str, Article], independent: set[str], reported: set[tuple[str, int, int]]) -> list[Fact]:
    """Framing facts of the independent versions (module doc); ``reported``: (article, start, end) of
    framing spans the pair rule already gave, never repeated."""
    ids = sorted(arts)
    if not independent or len(ids) < 2:
        return []
    titles = {s.sid: _title_case(s) for a in ids for s in arts[a].sents}
    names = {t.key for a in ids for s in arts[a].sents if not titles[s.sid]
             for i, t in enumerate(s.toks) if i > 0 and t.cap}
    found: dict[str, dict[str, list[tuple[Mark, dict]]]] = defaultdict(lambda: defaultdict(list))
    for a in sorted(independent):
        others = [b for b in ids if b != a]
        for s in arts[a].sents:
            tags = None
            title = titles[s.sid]
            for i, t in enumerate(s.toks):
                if not _candidate(t, i, title, names):
                    continue
                lacking = [b for b in others if t.stem not in arts[b].stems]
                if not lacking:
                    continue
                novelty = len(lacking) / len(others)
                st, lex, mark, z = strength(t.text)
                if novelty * st < THRESHOLD:
                    continue  # pos_weight <= 1 cannot lift it
                if evaluative.plain_sense_at(s.toks, i):
                    continue
                if tags is None:
                    tags = pos_tags([u.text for u in s.toks])
                tag = tags[i]
                if tag in ("NNP", "NNPS"):
                    continue
                score = novelty * st * POS_WEIGHT.get(tag[:2], POS_OTHER)
                if score < THRESHOLD or (tag[:2] == "NN" and lex <= 0):
                    continue
                k = i
                while k > 0 and evaluative.is_booster(s.toks[k - 1].text):
                    k -= 1  # "utterly irresponsible"
                start, end = s.toks[k].start, t.end
                if any(r[0] == a and r[1] < end and start < r[2] for r in reported):
                    continue
                found[t.stem][a].append((Mark(a, start, end, t.stem, loaded=True), {
                    "score": round(score, 2), "lexical": round(lex, 2), "markedness": round(mark, 2),
                    "zipf": round(z, 2), "novelty": round(novelty, 2), "pos": tag or "?",
                    "quoted": "yes" if s.quoted[i] else "no", "lacking": lacking}))
    facts = []
    for stem in sorted(found):
        by_version = found[stem]
        side_a = sorted(by_version)
        lacking = sorted({b for a in side_a for _m, d in by_version[a] for b in d["lacking"]} - set(side_a))
        lacking = [b for b in lacking if stem not in arts[b].stems]
        if not lacking:
            continue
        first = by_version[side_a[0]][0][1]
        detail = {k: v for k, v in first.items() if k != "lacking"}
        method = "evaluative-unshared" if first["lexical"] > 0 else "marked-unshared"
        marks = [m for a in side_a for m, _d in by_version[a]]
        facts.append(Fact("framing", method, marks, [Mark(b, 0, 0, "") for b in lacking], detail))
    return facts
