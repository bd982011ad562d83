"""Names across outlets: which spellings are one name, and what kind of speaker a name is.

Outlets transliterate the same name differently (Hizbullah/Hezbollah, Binyamin/Benjamin,
Mohammed/Muhammad). Those variants differ in vowels, doubled letters and the y/j glide,
rarely in consonants; so two names are taken as one when their consonant skeletons are
equal token by token. Consonant changes (Hamas/Hamad, Gaddafi/Qaddafi) are never merged:
a missed merge leaves two rows a curator can join; a false merge would silently attribute
one person's words to another.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

VOWELS_AND_GLIDES = re.compile(r"[aeiouyj]")
# Only tokens with a skeleton this long may differ in vowels: shorter ones (Dana/Dina,
# Joe/Jai) are different names too often, so they must match exactly.
MIN_SKELETON = 4
# Described speakers: a role, not a name ("a U.S. official", "Israeli military spokesman").
ROLE_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson source sources diplomat diplomats
    minister officer officers analyst analysts expert experts witness witnesses resident
    residents aide aides adviser advisers advisor advisors lawmaker lawmakers negotiator
    negotiators envoy mediator mediators commander correspondent reporter statement""".split()
)
PARTICLES = frozenset("al el bin ibn bint de del della da di van von der den la le du dos st".split())


def plain(name: str) -> str:
    """Case, accents, dots and hyphens removed: 'U.S. official' and 'US official' agree."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[.\u2019'\-]", "", letters).casefold().split())


def skeleton(token: str) -> str:
    """First letter, then consonants, doubled letters collapsed: 'hizbullah', 'hezbollah' -> 'hzblh'."""
    return re.sub(r"(.)\1+", r"\1", token[:1] + VOWELS_AND_GLIDES.sub("", token[1:]))


def variant_key(name: str) -> tuple[str, ...]:
    """What two spellings of one name share: long tokens' skeletons, short tokens as written."""
    key = []
    for token in plain(name).split():
        bones = skeleton(token)
        key.append(bones if len(bones) >= MIN_SKELETON else token)
    return tuple(key)


def kind_of(name: str) -> str:
    """person (two or more capitalised words), role, group (lower-case head noun), unknown."""
    words = name.split()
    last = words[-1].lower() if words else ""
    if last in ROLE_NOUNS:
        return "role"
    if words and words[-1][:1].islower():
        return "group"
    named = [w for w in words if w.lower() not in PARTICLES]
    if len(named) >= 2 and all(w[:1].isupper() for w in named):
        return "person"
    return "unknown"


def spelling_groups(names: Iterable[str]) -> list[list[str]]:
    """Names that are one name spelled differently, grouped (only groups of two or more)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(set(names)):
        groups.setdefault(variant_key(name), []).append(name)
    return [g for _, g in sorted(groups.items()) if len(g) > 1]


def surname_targets(names: Iterable[str]) -> dict[str, str]:
    """One-word names that are the surname of exactly one fuller person name: {'Nasrallah': 'Hassan Nasrallah'}.

    News style names a person in full once, then by surname; an outlet that only prints the
    surname still means the same person. Two people sharing the surname (the Bidens) leave it
    unmerged: a missed merge is a row a curator can join, a false one misattributes words.
    """
    names = sorted(set(names))
    by_last: dict[str, list[str]] = {}
    for name in names:
        tokens = plain(name).split()
        if kind_of(name) == "person" and len(tokens) >= 2:
            by_last.setdefault(tokens[-1], []).append(name)
    out = {}
    for name in names:
        tokens = plain(name).split()
        if len(tokens) == 1 and name[:1].isupper() and len(by_last.get(tokens[0], ())) == 1:
            out[name] = by_last[tokens[0]][0]
    return out
