"""Names across outlets: which spellings are one name.

Outlets transliterate the same name differently (Hizbullah/Hezbollah, Binyamin/Benjamin,
Mohammed/Muhammad). Those variants differ in vowels, doubled letters and the y/j glide,
rarely in consonants; so two names are taken as one when their consonant skeletons are
equal token by token. Consonant changes (Hamas/Hamad, Gaddafi/Qaddafi) are never merged:
a missed merge leaves two rows a curator can join; a false merge would silently attribute
one person's words to another. (newsprov.dataset.extract.resolve joins names into entities.)
"""

from __future__ import annotations

import re
import unicodedata

VOWELS_AND_GLIDES = re.compile(r"[aeiouyj]")
# Only tokens with a skeleton this long may differ in vowels: shorter ones (Dana/Dina,
# Joe/Jai) are different names too often, so they must match exactly.
MIN_SKELETON = 4


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
