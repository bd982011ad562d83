"""Gregorian month names of news languages other than English, as their copy prints them (month
number by name). English months stay with the rules that read them (they also need AP's
abbreviations and case); these lists are shared so that a language is added once.

Urdu; Hindi (both spellings in use, with and without nukta or half letters); Arabic, its
Egyptian / Gulf names and its Levantine names (the first word of "كانون الثاني", "تشرين الأول":
the day before them is a date whichever of the pair it is, so those two map to their first month).
English full names, which copy in other languages prints too ("25 August" in German and Dutch;
the English figure grammar keeps its own list, with AP's abbreviations). The languages of
Europe and Indonesian, lower case, in the form a date prints them: Russian,
Ukrainian, Polish and Czech decline the month after a day ("25 августа", "25 sierpnia"), so
the genitive is listed (and the Russian nominative).
"""

from __future__ import annotations

__all__ = ["MONTHS_BY_LANGUAGE", "OTHER_SCRIPTS", "month_names"]

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


def _twelve(names: str) -> dict[str, int]:
    """Month number by name from twelve names in order ("a/b" for two spellings of one month)."""
    out = {}
    for i, forms in enumerate(names.split()):
        out.update(dict.fromkeys(forms.split("/"), i + 1))
    assert len(names.split()) == 12, names
    return out


MONTHS_BY_LANGUAGE.update({
    "en": _twelve("january february march april may june july august september october november december"),
    "de": _twelve("januar/jänner februar/feber märz april mai juni juli august september oktober november dezember"),
    "fr": _twelve("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    "es": _twelve("enero febrero marzo abril mayo junio julio agosto septiembre/setiembre octubre noviembre diciembre"),
    "it": _twelve("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"),
    "pt": _twelve("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"),
    "nl": _twelve("januari februari maart april mei juni juli augustus september oktober november december"),
    "ru": _twelve("января/январь февраля/февраль марта/март апреля/апрель мая/май июня/июнь июля/июль "
                  "августа/август сентября/сентябрь октября/октябрь ноября/ноябрь декабря/декабрь"),
    "uk": _twelve("січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня"),
    "pl": _twelve("stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia"),
    "cs": _twelve("ledna února března dubna května června července srpna září října listopadu prosince"),
    "sv": _twelve("januari februari mars april maj juni juli augusti september oktober november december"),
    "da": _twelve("januar februar marts/mars april maj/mai juni juli august september oktober november desember/december"),
    "tr": _twelve("ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık"),
    "ro": _twelve("ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie"),
    "id": _twelve("januari februari maret april mei juni juli agustus september oktober november desember"),
})
# The languages of scripts other than Latin and Cyrillic whose months the English figure grammar reads.
OTHER_SCRIPTS = ("ur", "hi", "ar")


def month_names(*languages: str) -> dict[str, int]:
    """Month number by name, over the languages given (all of them by default)."""
    out: dict[str, int] = {}
    for lang in languages or tuple(MONTHS_BY_LANGUAGE):
        out.update(MONTHS_BY_LANGUAGE[lang])
    return out
