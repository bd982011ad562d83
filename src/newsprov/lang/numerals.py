"""Figures in languages the English figure grammar does not read: numbers as the language prints them.

``extract_numerals(text, language) -> list[Figure]`` (the records of ``lang.figures``, the same
span convention: optional qualifier, the number, a fused percent sign, scale word, currency or
unit of measure; ``text[start:end] == figure.text``).

Why a grammar of its own: most languages of Europe and many others write the decimal mark as a
comma and group thousands with a full stop or a space ("40.000 Menschen", "40 000 personnes",
"2,5 %"), where the English grammar reads 40.0, then 40 and 0, then 2; and English words around
a number (counted nouns, number words, qualifiers) mean nothing there ("25 agosto" is no count of
"agosto"s). So this grammar reads only what does not depend on English words:

* digits with the text's separators. Which mark is the decimal one is read from the text itself
  (a number such as "2,5" or "1.234.567" shows a decimal comma; "2.5" or "1,234,567" a decimal
  point; the majority wins), else from the language's convention (``DECIMAL_COMMA``: CLDR's
  decimal symbol). Thin, no-break and plain spaces group thousands ("40 000") in either;
* a percent sign or the language's word for percent, a scale word ("1,2 Milliarden", "40 mil"),
  a currency sign or word before or after ("40 €", "5 millones de dólares"), an abbreviated unit
  of measure ("12 km");
* ranges ("10-15", the second larger) and the qualifiers of a few languages ("mehr als", "plus
  de", "más de", "около": ``QUALIFIERS``);
* never figures: dates (a day before or after the language's month names, "25. August", "25 de
  agosto", "25.08.2024"), times ("14:30", "14.30 Uhr", "14h30"), years (a bare 1500-2099), numbers
  inside identifiers ("F-16", "COVID-19"), digit strings of 10 or more (phone numbers, ids).

What is counted is left unread (``unit`` None, ``subject`` None) but for the units above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprov.lang.calendar import month_names
from newsprov.lang.figure import Figure

__all__ = ["DECIMAL_COMMA", "QUALIFIERS", "extract_numerals", "decimal_comma"]

# Languages whose decimal symbol is the comma (CLDR, the language's default locale). Spanish of
# Mexico and Central America writes a decimal point: the text's own numbers decide first.
DECIMAL_COMMA = frozenset(
    "af az be bg bs ca cs da de el es et eu fi fo fr gl hr hu hy id is it ka kk ky lt lv mk mn nb nl nn no "
    "pl pt ro ru sk sl sq sr sv tr uk uz vi".split())

# Qualifiers before a number, by the value kind they give (as "about", "more than" in English).
QUALIFIERS: dict[str, str] = {
    **dict.fromkeys(("mehr als", "über", "mindestens", "más de", "al menos", "plus de", "au moins", "più di", "oltre",
                     "almeno", "mais de", "pelo menos", "meer dan", "minstens", "ruim", "более", "свыше", "не менее",
                     "больше", "ponad", "co najmniej", "więcej niż", "mer än", "minst", "mere end", "mindst", "mer enn",
                     "yli", "vähintään", "peste", "cel puțin", "több mint", "legalább", "víc než", "nejméně"),
                    "lower_bound"),
    **dict.fromkeys(("bis zu", "weniger als", "höchstens", "hasta", "menos de", "jusqu'à", "jusqu’à", "moins de",
                     "fino a", "meno di", "até", "tot", "minder dan", "hoogstens", "до", "менее", "меньше",
                     "не более", "do", "mniej niż", "upp till", "mindre än", "op til", "mindre end", "opp til",
                     "mindre enn", "enintään", "până la", "legfeljebb", "až", "méně než"), "upper_bound"),
    **dict.fromkeys(("rund", "etwa", "ungefähr", "circa", "ca.", "fast", "knapp", "nahezu", "unos", "unas",
                     "alrededor de", "cerca de", "casi", "aproximadamente", "environ", "près de", "presque",
                     "quasi", "quase", "ongeveer", "bijna", "zo'n", "около", "почти", "примерно", "порядка",
                     "приблизительно", "około", "prawie", "blisko", "omkring", "nästan", "cirka", "næsten",
                     "nesten", "noin", "lähes", "aproape", "körülbelül", "mintegy", "majdnem", "téměř", "asi",
                     "kolem", "yaklaşık", "sekitar", "hampir"), "approximate"),
}
_QUAL_RE = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=lambda q: (-len(q), q)))
    + r")\s+$", re.IGNORECASE)

# Percent: the sign, and the words (one word is the whole unit; "pour cent" two).
PERCENT_WORDS = ("prozent", "pour cent", "por ciento", "per cento", "por cento", "procent", "procento", "procenta",
                 "procentů", "prosent", "prosenttia", "procentai", "százalék", "yüzde", "percent", "pct",
                 "процента", "процентов", "процент", "відсотків", "відсотка", "відсоток", "posto", "odsto")
# Scale words after a number (singular and plural, abbreviations as copy prints them).
SCALE_WORDS: dict[str, float] = {
    **dict.fromkeys(("tausend", "mil", "mille", "тыс.", "тысяч", "тысячи", "тысяча", "tys.", "tysięcy", "tisíc",
                     "bin", "ribu"), 1e3),
    **dict.fromkeys(("million", "millionen", "mio.", "mio", "millions", "millón", "millones", "milione", "milioni",
                     "milhão", "milhões", "miljoen", "miljoenen", "miljon", "miljoner", "millioner", "miljoonaa",
                     "milion", "miliony", "milionów", "mln", "mln.", "млн", "млн.", "миллион", "миллиона",
                     "миллионов", "milyon", "juta", "millió"), 1e6),
    **dict.fromkeys(("milliarde", "milliarden", "mrd.", "mrd", "milliard", "milliards", "mil millones", "miliardo",
                     "miliardi", "bilhão", "bilhões", "mil milhões", "miljard", "miljarden", "miljarder",
                     "milliarder", "miljardia", "miliard", "miliardy", "miliardów", "mld", "mld.", "млрд",
                     "млрд.", "миллиард", "миллиарда", "миллиардов", "milyar", "miliar", "milliárd"), 1e9),
}
# Currencies: signs (before or after the number) and words after it.
CURRENCY_SIGNS = {"€": "euro", "$": "dollar", "US$": "dollar", "£": "pound", "¥": "yen", "₽": "ruble", "₺": "lira",
                  "₴": "hryvnia", "zł": "zloty", "Kč": "koruna", "₹": "rupee", "R$": "real", "CHF": "franc"}
CURRENCY_WORDS: dict[str, str] = {
    **dict.fromkeys(("euro", "euros", "евро", "eur"), "euro"),
    **dict.fromkeys(("dollar", "dollars", "dólar", "dólares", "dollari", "dollaro", "доллар", "доллара", "долларов",
                     "dolarów", "dolarů", "dolar", "dolari", "usd"), "dollar"),
    **dict.fromkeys(("рубль", "рубля", "рублей", "rubel", "rubli", "roubles", "rublos", "rubli"), "ruble"),
    **dict.fromkeys(("pfund", "livres", "libras", "sterline", "фунтов"), "pound"),
    **dict.fromkeys(("franken", "francs", "franchi"), "franc"),
    **dict.fromkeys(("złotych", "zł", "zlotys"), "zloty"),
    **dict.fromkeys(("kronen", "kronor", "kroner", "korun", "kr"), "krona"),
    **dict.fromkeys(("lira", "lire", "liras"), "lira"),
    **dict.fromkeys(("yen", "иен"), "yen"),
    **dict.fromkeys(("yuan", "юаней"), "yuan"),
    **dict.fromkeys(("rupiah",), "rupiah"),
    **dict.fromkeys(("peso", "pesos"), "peso"),
    **dict.fromkeys(("reais",), "real"),
}
# Units of measure written as symbols, the same in every language.
MEASURE_SYMBOLS = {"km/h": "kilometre per hour", "km²": "square kilometre", "km": "kilometre", "kg": "kilogram",
                   "cm": "centimetre", "mm": "millimetre", "m²": "square metre", "m": "metre", "ha": "hectare",
                   "°C": "degree", "°": "degree", "км": "kilometre", "кг": "kilogram"}

# The end of a word: no letter, digit or mark follows.
_END = r"(?![\w\u0300-\u036f])"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


_SPACE = "[ \u00a0\u202f\u2009]"
_NUMBER = {  # by decimal mark: grouped thousands, else plain digits with an optional decimal part
    # (the other mark followed by other than three digits is a decimal mark too: "3.5" in a text
    # that writes "2,5" is still three and a half)
    ",": re.compile(rf"\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?(?![\d.]\d)|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?(?!\d)"
                    r"|\d+(?:,\d+|\.(?!\d{3}(?!\d))\d+)?"),
    ".": re.compile(rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,]\d)|\d{{1,3}}(?:[\u00a0\u202f\u2009]\d{{3}})+(?:\.\d+)?(?!\d)"
                    r"|\d+(?:\.\d+|,(?!\d{3}(?!\d))\d+)?"),
}
# Evidence of the text's decimal mark.
_COMMA_EVIDENCE = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d])|\d\.\d{3},\d|(?<![\d.,])\d{1,3}(?:\.\d{3}){2,}(?![\d.,]?\d)")
_POINT_EVIDENCE = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])|\d,\d{3}\.\d|(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d.,]?\d)")

_CANDIDATE = re.compile(r"(?<![\w.,\-/])(?:(?:US\$|R\$|[$€£¥₽₺₴₹]|CHF|%)[ \u00a0]?)?\d")
# Not figures: dates, times and identifiers around a number.
_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d)")
_TIME = re.compile(r"\d{1,2}(?::\d{2}(?::\d{2})?|[.h]\d{2}(?=\s*(?:uhr|h)\b)|h\d{2}\b|\s*(?:uhr|h)\b(?!-))", re.IGNORECASE)
_IDENT_BEFORE = re.compile(r"[^\W\d_][-‑]?$")
_IDENT_AFTER = re.compile(r"[-‑]?[^\W\d_]")
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


_MONTHS = _alternation(month_names())  # (English among them: "25 August" is a date in German too)
_MONTH_AFTER = re.compile(rf"\.?\s*(?:de\s+)?(?:{_MONTHS}){_END}", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"(?<!\w)(?:{_MONTHS})\.?\s+$", re.IGNORECASE)  # "August 25" (a day: 1-31)
_PERCENT = re.compile(rf"\s?(?:%|(?:{_alternation(PERCENT_WORDS)}){_END})", re.IGNORECASE)
_SCALE = re.compile(rf"{_SPACE}(?:de\s+)?({_alternation(SCALE_WORDS)})(?![\w\u0300-\u036f])", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    rf"{_SPACE}?((?-i:{_alternation(CURRENCY_SIGNS)}))(?!\w)|{_SPACE}(?:de\s+|d['’])?({_alternation(CURRENCY_WORDS)}){_END}",
    re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(rf"({_alternation(CURRENCY_SIGNS)}){_SPACE}?(?=\d)")
_MEASURE = re.compile(rf"{_SPACE}?({_alternation(MEASURE_SYMBOLS)})(?![\w²])")
_RANGE_DASH = re.compile(r"\s?[-–]\s?(?=\d)")
_PERCENT_BEFORE = re.compile(r"%\s?(?=\d)")  # Turkish: "%5"


def _fold(word: str) -> str:
    """A word's key for the tables: case folded as the patterns match it (IGNORECASE also matches
    the Turkish dotted and dotless i with i), spaces single."""
    return re.sub(r"\s+", " ", word.casefold().replace("\u0307", "").replace("ı", "i"))


# The tables by folded key (what a case-insensitive pattern matched is looked up folded).
_SCALE_BY_KEY = {_fold(k): v for k, v in SCALE_WORDS.items()}
_CURRENCY_BY_KEY = {_fold(k): v for k, v in CURRENCY_WORDS.items()}
_QUALIFIER_BY_KEY = {_fold(k): v for k, v in QUALIFIERS.items()}


def decimal_comma(text: str, language: str) -> bool:
    """Whether the text writes the decimal mark as a comma: its own numbers' majority, else its
    language's convention."""
    commas = len(_COMMA_EVIDENCE.findall(text))
    points = len(_POINT_EVIDENCE.findall(text))
    if commas != points:
        return commas > points
    return language.split("-")[0] in DECIMAL_COMMA


_GROUPED = {g: re.compile(rf"\d{{1,3}}(?:{re.escape(g)}\d{{3}})+") for g in ".,"}


def _value(raw: str, mark: str) -> float:
    """The value of a number as ``_NUMBER[mark]`` matched it."""
    s = re.sub(_SPACE, "", raw)
    group = "." if mark == "," else ","
    if mark in s:  # decimal mark present: the other one groups
        return float(s.replace(group, "").replace(mark, "."))
    if _GROUPED[group].fullmatch(s):  # grouped thousands
        return float(s.replace(group, ""))
    return float(s.replace(group, "."))  # the other mark before other than three digits: a decimal


def extract_numerals(text: str, language: str) -> list[Figure]:
    """Every figure the text prints (module doc), in order of position."""
    mark = "," if decimal_comma(text, language) else "."
    number = _NUMBER[mark]
    out: list[Figure] = []
    pos = 0
    while True:
        c = _CANDIDATE.search(text, pos)
        if c is None:
            break
        s = p = c.start()
        pos = c.end()
        unit = None
        sign = _PERCENT_BEFORE.match(text, p) or _CURRENCY_BEFORE.match(text, p)
        if sign is not None:
            unit = "percent" if sign.re is _PERCENT_BEFORE else CURRENCY_SIGNS[sign.group(1)]
            p = sign.end()
        nm = number.match(text, p)
        if nm is None:
            continue
        raw, e = nm.group(), nm.end()
        pos = e
        before = text[max(0, s - 40):s]
        date = _NUMERIC_DATE.match(text, p)
        if date or _TIME.match(text, p):
            pos = max(pos, date.end() if date else e)
            continue
        if _IDENT_BEFORE.search(before) or len(re.sub(r"\D", "", raw)) >= 10:
            continue  # "F-16", "COVID-19"; a phone number or an id
        if _IDENT_AFTER.match(text, e) and not (_MEASURE.match(text, e) or _PERCENT.match(text, e)
                                                or _CURRENCY_AFTER.match(text, e)):
            continue  # "3D", "5G", "16-jährig"
        if unit is None and (_MONTH_AFTER.match(text, e) or _MONTH_BEFORE.search(before) and re.fullmatch(r"\d{1,2}", raw)
                             and 1 <= int(raw) <= 31 and not (_PERCENT.match(text, e) or _SCALE.match(text, e))):
            continue  # a date
        value = _value(raw, mark)
        low = high = None
        kind, method = "exact", "digits" if unit is None else "percent" if unit == "percent" else "currency"
        rt = _RANGE_DASH.match(text, e)  # a range: "10-15", "10 – 15 %", the second number larger
        m2 = number.match(text, rt.end()) if rt else None
        if m2 and _value(m2.group(), mark) > value and not _IDENT_AFTER.match(text, m2.end()) \
                and not _MONTH_AFTER.match(text, m2.end()):
            low, high = value, _value(m2.group(), mark)
            value, kind, method, e = (low + high) / 2, "range", "range", m2.end()
        if unit is None and kind == "exact" and _YEAR.fullmatch(raw) and not _QUAL_RE.search(before) \
                and not (_PERCENT.match(text, e) or _CURRENCY_AFTER.match(text, e) or _SCALE.match(text, e)):
            continue  # a year
        scaled = _SCALE.match(text, e)
        if scaled:
            factor = _SCALE_BY_KEY[_fold(scaled.group(1))]
            value, e = value * factor, scaled.end()
            low, high = (None if low is None else low * factor), (None if high is None else high * factor)
        if unit is None:
            pm = _PERCENT.match(text, e)
            cm = None if pm else _CURRENCY_AFTER.match(text, e)
            mm = None if pm or cm else _MEASURE.match(text, e)
            if pm:
                unit, e, method = "percent", pm.end(), "percent" if kind == "exact" else method
            elif cm:
                word = cm.group(1) or cm.group(2)
                unit = CURRENCY_SIGNS.get(word) or _CURRENCY_BY_KEY[_fold(word)]
                e, method = cm.end(), "currency" if kind == "exact" else method
            elif mm:
                unit, e, method = MEASURE_SYMBOLS[mm.group(1)], mm.end(), "measure" if kind == "exact" else method
        if kind == "exact":
            qm = _QUAL_RE.search(before)
            if qm:
                kind = _QUALIFIER_BY_KEY[_fold(qm.group(1))]
                s -= len(before) - qm.start(1)
                low = value if kind == "lower_bound" else None
                high = value if kind == "upper_bound" else None
        pos = max(pos, e)
        out.append(Figure(s, e, text[s:e], float(value), None if low is None else float(low),
                          None if high is None else float(high), kind, unit, None, method))
    return out
