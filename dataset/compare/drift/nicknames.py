"""name_spelling (``nickname``): one person's given name printed in full by some versions and as
a familiar form by others ("William Kristol" / "Bill Kristol", "Robert Bauer" / "Bob Bauer").

The drift guideline counts a nickname against the full form as a name spelling, but the
spelling rule (``table_rules.name_obs``) compares characters, and "Bill" is not like "William".
A pair of given names counts when the ``nicknames`` package (a hand-curated list of English given
names and their familiar forms, Apache-2.0) lists one as a nickname of the other, and both are
printed just before the same capitalised surname (a middle name or initial may stand between), each by a
version that does not print the other before that surname. One row per pair per surname; every
occurrence of either given name before that surname is spanned.

Read only for given names in ASCII letters (the list is of English names), and only for the pairs
the list gives: "Bibi" is not listed for "Benjamin", so "Bibi Netanyahu" is not read.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from newsprov.dataset.compare.drift.article_view import Article
from newsprov.dataset.compare.drift.collapse import Mark, Obs
from newsprov.dataset.compare.drift.word_classes import MONTHS, TITLES, WEEKDAYS
from newsprov.dataset.compare.drift.words import STOPWORDS, Tok

__all__ = ["nickname_obs", "nickname_pair"]


@functools.lru_cache(maxsize=1)
def _pairs() -> frozenset[tuple[str, str]]:
    """(full name, nickname), both lower case, from the nicknames package."""
    from nicknames import NickNamer  # data only: a CSV inside the wheel

    out = set()
    for full, nicks in NickNamer().nickname_lookup.items():
        for nick in nicks:
            if nick != full and full.isalpha() and nick.isalpha():
                out.add((full, nick))
    return frozenset(out)


def nickname_pair(x: str, y: str) -> bool:
    """One of two lower-case given names is listed as a nickname of the other."""
    pairs = _pairs()
    return (x, y) in pairs or (y, x) in pairs


def _given(t: Tok) -> bool:
    return t.cap and t.text.isascii() and t.text.isalpha() and len(t.text) >= 2 and not t.text.isupper()


def _surname(t: Tok) -> bool:
    return (t.cap and t.text[:1].isalpha() and len(t.key) >= 2 and t.key not in STOPWORDS
            and t.key not in TITLES and t.key not in WEEKDAYS and t.key not in MONTHS)


def _before_surnames(arts: dict[str, Article]) -> dict[str, dict[str, dict[str, list[Tok]]]]:
    """surname key -> given-name key -> article -> the given name's tokens printed before it."""
    out: dict[str, dict[str, dict[str, list[Tok]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for aid, art in arts.items():
        for s in art.sents:
            toks = s.toks
            for i, t in enumerate(toks[:-1]):
                if not _given(t):
                    continue
                # the surname: the next word, or the one after a middle name or initial
                for j in (i + 1, i + 2):
                    if j >= len(toks) or _parted(s, toks[j - 1], toks[j]):
                        break
                    if _surname(toks[j]):
                        out[toks[j].key][t.key][aid].append(t)
                    if not toks[j].cap:
                        break
    return out


def _parted(s, t: Tok, u: Tok) -> bool:
    """Anything but a space between two words of a sentence (punctuation, a line break)."""
    gap = s.text[t.end - s.start:u.start - s.start]
    return gap != " " and not (gap == ". " and len(t.text) == 1)  # ("Christopher J. Dodd")


def nickname_obs(arts: dict[str, Article], known: set[tuple[str, str]] = frozenset()) -> list[Obs]:
    """The story's nickname rows (module doc); ``known``: pairs of spellings (sorted keys) another
    name rule already reports, left to it."""
    out = []
    for surname, givens in sorted(_before_surnames(arts).items()):
        names = sorted(givens)
        for n, k1 in enumerate(names):
            for k2 in names[n + 1:]:
                if (k1, k2) in known or not nickname_pair(k1, k2):
                    continue
                a1, a2 = set(givens[k1]), set(givens[k2])
                if not (a1 - a2) or not (a2 - a1):
                    continue
                marks = tuple(Mark(aid, t.start, t.end, k) for k in (k1, k2)
                              for aid, occ in sorted(givens[k].items()) for t in occ)
                out.append(Obs("name_spelling", "nickname", marks, {"spellings": f"{k1}/{k2}", "surname": surname}))
    return out
