"""Gregorian month names of the news languages of other scripts than Latin, as their copy
prints them (month number by name). English months stay with the rules that read them (they
also need AP's abbreviations and case); these lists are shared so that a language is added once.

Urdu; Hindi (both spellings in use, with and without nukta or half letters); Arabic, its
Egyptian / Gulf names and its Levantine names (the first word of "كانون الثاني", "تشرين الأول":
the day before them is a date whichever of the pair it is, so those two map to their first month).
"""

from __future__ import annotations

__all__ = ["MONTHS_BY_LANGUAGE", "month_names"]

MONTHS_BY_LANGUAGE: dict[str, dict[str, int]] = {
    "ur": {n: i + 1 for i, n in enumerate("جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر".split())},
    "hi": {
        "जनवरी": 1, "फ़रवरी": 2, "फरवरी": 2, "मार्च": 3, "अप्रैल": 4, "मई": 5, "जून": 6, "जुलाई": 7, "अगस्त": 8,
        "सितंबर": 9, "सितम्बर": 9, "अक्टूबर": 10, "अक्तूबर": 10, "नवंबर": 11, "नवम्बर": 11, "दिसंबर": 12, "दिसम्बर": 12,
    },
    "ar": {
        "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
        "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11,
        "ديسمبر": 12,
        "كانون": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9,
        "تشرين": 10,
    },
}


def month_names(*languages: str) -> dict[str, int]:
    """Month number by name, over the languages given (all of them by default)."""
    out: dict[str, int] = {}
    for lang in languages or tuple(MONTHS_BY_LANGUAGE):
        out.update(MONTHS_BY_LANGUAGE[lang])
    return out
