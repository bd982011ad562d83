"""Numeric-claim ("figure") extraction from English news text (and the numbers of Urdu, Hindi,
Arabic, Chinese and Japanese copy; other languages: lang.numerals).

``extract_figures(text)`` returns every quantity the text asserts, as ``Figure``
records whose ``start``/``end`` are Python ``str`` offsets into ``text``
(``text[start:end] == figure.text`` always holds).

Span convention (applied everywhere)
------------------------------------
The span is the *number expression*: an optional qualifier, the number, and the
unit only when it is fused to the number in writing.  The counted noun is *not*
part of the span; it is reported in ``unit`` (singular lemma) and ``subject``.

* qualifier + number:          "about 100" (Israeli planes), "more than 320"
* fused unit symbols / words:  "90%", "90 per cent", "$2bn", "£1.5 million"
* hyphenated compounds:        "10-month" (war), "76-year-old", "two-day"
* ranges:                      "10 to 15", "10-15", "between 10 and 15"
* vague magnitudes:            "hundreds" (of rockets), "tens of thousands"
* an article used as the number ("an hour") is only a figure with a qualifier,
  and then the unit noun is included because the article alone is meaningless:
  "about an hour".

Values
------
``value`` is always set.  ``range`` gives value = midpoint, low/high = ends.
``lower_bound`` gives low = value; ``upper_bound`` gives high = value.
Vague magnitudes use the conventional reading "at least two of the base, less
than ten of them": "hundreds" -> value = low = 200, high = 1000; "dozens" ->
24..120; "tens of thousands" -> 20 000..100 000.

Units
-----
Singular lemma of what is counted: percent, dollar, pound, euro, year (also for
ages, "Saadia Even Tsur, 76," and "76-year-old"), month, rocket, soldier...
An elliptical count ("two others", "injuring one") takes the unit of the
nearest earlier figure in the same sentence (the news convention "one soldier
was killed and two others were wounded").  None when nothing is counted.

Deliberately not figures
------------------------
Calendar dates and years (also a day before a month name of Urdu, Hindi or Arabic, typed
against it or not, and a number before the Chinese and Japanese month and day marks 月 日), times of day, ordinals, decades ("the 1990s", "in my
40s"), the pronoun "one" ("one of the", "no one", "one another", "one said",
"from one", "win that one"), phone numbers, identifiers and numbers in names
(F-16, G7, Apollo 11, Route 66, "No. 5", digit strings of 10+ digits), and
non-numeral quantifiers ("both", "several", "many", "some Israelis").
A bare four-digit number 1500-2099 is read as a year (news style writes counts
of that size with a thousands comma) unless a qualifier or a fused unit shows
it is a quantity ("more than 2000", "2000%").  A number after a capitalised
word is read as part of a name unless a plural count noun follows.
A range needs its second number to be the larger one: "53 percent to 39
percent" is a score, two figures.
The partitive "one of <det> <nouns>" is a count only when a passive event verb
follows ("one of its soldiers was killed"), the standard casualty phrasing.
Partitive counts above one ("two of its fighters") are always counts.

Number words are valued with ``text_to_num.text2num`` (text2num 3.1), which
handles compounds ("seventy-six", "one hundred and five"); dozen, fractions
and vague magnitudes, which it does not know, are handled here.
"""

from __future__ import annotations

import re

from text_to_num import text2num

from newsprov.lang.calendar import OTHER_SCRIPTS, month_names
from newsprov.lang.figure import Figure
from newsprov.lang.numerals import extract_numerals

__all__ = ["Figure", "GRAMMAR_LANGUAGES", "MEASURE_UNITS", "PERCENT_UNITS", "extract_figures"]

PERCENT_UNITS = ("percent", "percentage point")
# Units of measure (singular): what a number is measured in, as opposed to what it counts
# ("270 targets", "270 sites": one count, worded two ways). Figures of one group differ in
# `unit` only when both are measured and in different units ("five minutes", "five hours").
MEASURE_UNITS = frozenset(
    PERCENT_UNITS
    + ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
       "mile", "kilometre", "kilometer", "metre", "meter", "foot", "inch", "yard", "centimetre", "millimetre",
       "pound", "kilogram", "gram", "ounce", "ton", "tonne", "gallon", "litre", "liter", "barrel", "acre", "hectare",
       "degree", "mile per hour", "kilometre per hour", "dollar", "euro", "yen", "shekel", "rupee", "yuan", "ruble",
       "rouble", "peso", "franc", "lira", "dinar", "riyal", "dirham", "pence", "cent", "USD")
)


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

# Cardinal number words (ordinals deliberately absent: "first" is not a count).
UNITS_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000,
               "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_NW = "|".join(
    [f"{t}-(?:{'|'.join(UNITS_WORDS[:9])})" for t in TENS_WORDS]
    + sorted(UNITS_WORDS + TENS_WORDS, key=len, reverse=True)
)
_SCALE = "hundred|thousand|million|billion|trillion"

# Fractions written in words; value is the fraction itself.
# Denominators of fractions written in words ("two-fifths", "a third of").
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
                "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
NUMERATORS = {w: i + 1 for i, w in enumerate(UNITS_WORDS[:9])} | {"a": 1, "an": 1}
_DENOM = r"(?:halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"

# Vague magnitudes: (value=low, high).  "hundreds" is read as 200..1000.
VAGUE = {
    "dozens": (24.0, 120.0), "scores": (40.0, 200.0),
    "hundreds": (200.0, 1_000.0), "thousands": (2_000.0, 10_000.0),
    "millions": (2e6, 1e7), "billions": (2e9, 1e10),
    "tens of thousands": (20_000.0, 100_000.0),
    "hundreds of thousands": (200_000.0, 1e6),
    "tens of millions": (2e7, 1e8), "hundreds of millions": (2e8, 1e9),
}

# Qualifiers that precede a number, mapped to the kind they imply.
QUALIFIERS = {
    "about": "approximate", "around": "approximate", "some": "approximate",
    "roughly": "approximate", "nearly": "approximate", "almost": "approximate",
    "approximately": "approximate", "an estimated": "approximate",
    "close to": "approximate", "just over": "approximate", "just under": "approximate",
    "more than": "lower_bound", "over": "lower_bound", "at least": "lower_bound",
    "upwards of": "lower_bound", "in excess of": "lower_bound",
    "no fewer than": "lower_bound", "no less than": "lower_bound",
    "fewer than": "upper_bound", "less than": "upper_bound", "up to": "upper_bound",
    "under": "upper_bound", "at most": "upper_bound", "as many as": "upper_bound",
    "no more than": "upper_bound",
}
_QUAL_RE = re.compile(
    r"(?<![\w])(" + "|".join(sorted((re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))
    + r")\s+(?:of\s+)?$",
    re.IGNORECASE,
)

CURRENCY_SYMBOLS = {"$": "dollar", "US$": "dollar", "£": "pound", "€": "euro", "¥": "yen"}
CURRENCY_WORDS = {"dollar": "dollar", "dollars": "dollar", "pound": "pound", "pounds": "pound",
                  "euro": "euro", "euros": "euro", "shekel": "shekel", "shekels": "shekel"}
# Scale suffixes; "m"/"k" only count as scale after a currency sign ($3m), since
# a bare "3m" is a length in metres.
SUFFIX_SCALE = {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3,
                "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}
# Scale words after a number in Urdu, Hindi and Arabic copy ("5 ارب روپے": 5 billion rupees;
# lakh 1e5 and crore 1e7 as South Asian copy counts), typed against the number or not.
OTHER_SCALE = {
    "ہزار": 1e3, "لاکھ": 1e5, "کروڑ": 1e7, "ارب": 1e9, "کھرب": 1e11, "ملین": 1e6, "بلین": 1e9,
    "हज़ार": 1e3, "हजार": 1e3, "लाख": 1e5, "करोड़": 1e7, "करोड़": 1e7, "अरब": 1e9, "खरब": 1e11,
    "मिलियन": 1e6, "बिलियन": 1e9,
    "ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
}
SUFFIX_SCALE.update(OTHER_SCALE)
# Percent in those scripts: Urdu and Persian "فیصد", Hindi "प्रतिशत" / "फीसदी", Arabic "بالمئة" /
# "في المئة", and the Arabic percent sign.
# Currencies written as words after the number (or its scale word) in Urdu, Hindi and Arabic
# copy: the unit, part of the expression as "20 dollars" is ("5 ارب روپے": 5 billion rupees).
OTHER_CURRENCY = {
    "روپے": "rupee", "روپیہ": "rupee", "روپیے": "rupee", "روپوں": "rupee", "ڈالر": "dollar", "ڈالرز": "dollar",
    "یورو": "euro", "پاؤنڈ": "pound", "ریال": "riyal", "درہم": "dirham",
    "रुपये": "rupee", "रुपए": "rupee", "रुपया": "rupee", "रुपयों": "rupee", "डॉलर": "dollar", "यूरो": "euro", "पाउंड": "pound",
    "دولار": "dollar", "دولارات": "dollar", "يورو": "euro", "جنيه": "pound", "جنيها": "pound", "ريال": "riyal",
    "درهم": "dirham", "دينار": "dinar", "ليرة": "lira",
}
# The word ends there: no letter, digit or combining mark of the script follows ("करोड़ों" is
# another word than "करोड़").
_WORD_ENDS = r"(?![\w\u0900-\u097f\u064b-\u065f\u0670\u06d6-\u06ed])"
OTHER_PERCENT = ("فیصد", "فی صد", "प्रतिशत", "फीसदी", "फ़ीसदी", "بالمئة", "بالمائة", "في المئة", "في المائة", "٪")

# Abbreviated measurement units written right after a number ("100m", "5 km").
MEASURE_ABBREV = {"km/h": "kilometre per hour", "km": "kilometre", "kg": "kilogram", "cm": "centimetre",
                  "mm": "millimetre", "mph": "mile per hour", "lb": "pound", "lbs": "pound",
                  "ft": "foot", "mi": "mile", "m": "metre"}

# Units written as a hyphenated compound modifier ("10-month", "two-day").
HYPHEN_UNITS = ("year|month|week|day|hour|minute|second|mile|kilometre|kilometer|"
                "metre|meter|foot|inch|pound|ton|tonne|story|storey|page|point|member|man|seat|game")

MONTHS = ("jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|may|june|"
          "july|august|september|october|november|december")

# Words that end the noun phrase after a number (function words, common verbs).
STOPWORDS = frozenset("""
a an the of in on at to for from by with without and or but nor as than that which who whom whose
this these those is are was were be been being has have had do does did will would can could may
might must shall should said says say told tells according after before during while when where
since until into onto over under about around between against among per each every all both
its their his her our your my it they he she we you i them him us me there here not no so also
including other others more most less least than then such only just still even very too
left died fled came went last ago next remain remained voted arrived returned killed wounded injured
""".split())

IRREGULAR_PLURALS = {"people": "person", "men": "man", "women": "woman", "children": "child",
                     "feet": "foot", "teeth": "tooth", "mice": "mouse", "police": "police",
                     "personnel": "personnel", "staff": "staff", "percent": "percent",
                     "series": "series", "news": "news", "lives": "life", "wives": "wife",
                     "knives": "knife", "thieves": "thief", "halves": "half"}
# Plural-looking words that are not plurals.
NOT_PLURAL = frozenset("us has was is this thus its his news series gas bus less plus across press".split())

_DET = r"(?:the|its|their|his|her|our|these|those|them|us|whom|which|my|your)"

# --------------------------------------------------------------------------
# Master scanner.  Alternatives that *exclude* come first so that, at equal
# start, they consume their text (a date is never re-read as a count).
# --------------------------------------------------------------------------
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CUR = r"US\$|\$|£|€|¥"
SCANNER = re.compile(
    r"""
    (?P<x_iso>\b\d{4}-\d{1,2}-\d{1,2}\b)                                  # ISO date
  | (?P<x_phone>(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{3}[\s.-]\d{3,4}[\s.-]\d{3,4}\b)
  | (?P<x_time>\b\d{1,2}(?::\d{2})+(?:\s?[ap]\.?m\.?)?|\b\d{1,2}\s?[ap]\.m\.|\b\d{1,2}\s?[ap]m\b|\b\d{1,2}\s+o'clock)
  | (?P<x_longid>\d{10,})                                                  # IDs: counts that big carry commas
  | (?P<x_ord>\b\d+(?:st|nd|rd|th)\b)
  | (?P<x_decade>\b\d*0['’]?s\b)                                        # 1990s, 40s, '90s
  | (?P<x_ident>(?:\b[A-Za-z]+-?\d[\w-]*|(?<=[\w])\d[\w]*|\b\d+[A-Za-z]{2,}\d*\w*|\#\d+))
  | (?P<money_pre>(?<![\w$£€¥])(?:""" + _CUR + r""")\s?(?:""" + _DIGITS + r""")(?:\s?(?:million|billion|trillion|thousand|bn|mn|tn|m|k)\b)?)
  | (?P<num>(?<![\w.,])(?:""" + _DIGITS + r"""))
  | (?P<vague>\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)\b(?=\s+of\b|\s+(?:more|upon|were|have|had|are|fled|died)\b))
  | (?P<frac>\b(?:(?:one|two|three|four|five|six|seven|eight|nine)-""" + _DENOM + r"""
               |(?:a|one)\s+(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)(?=\s+of\b)
               |(?:two|three|four|five|six|seven|eight|nine)\s+""" + _DENOM + r"""(?=\s+of\b)
               |(?:a|one)\s+half|half)\b)
  | (?P<words>\b(?:(?:a|an)\s+(?=(?:""" + _SCALE + r"""|dozen)\b))?(?:(?:""" + _NW + r"""|""" + _SCALE + r"""|dozen)(?:(?:\s+|-)(?:and\s+)?(?=(?:""" + _NW + r"""|""" + _SCALE + r"""|dozen)\b))?)+\b)
  | (?P<art>\b(?:a|an)\s+(?=(?:year|month|week|day|hour|minute|decade|mile|kilometre|dozen)\b))
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Every scanner match contains one of these in its first token (checked by the
# equivalence test against a plain scan); the leading look-ahead lets the regex
# engine skip positions by their first character.
_GATE = re.compile(
    r"[\d$£€¥#]|(?=[otfsenhmbdqaOTFSENHMBDQA])\b(?:" + _NW.replace("-(?:", "(?:") + r"|hundreds?|thousands?|millions?"
    r"|billions?|trillions?|dozens?|scores|tens|half|third|quarter|an?)\b",
    re.IGNORECASE,
)
_AFTER_NUM = re.compile(
    r"""(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b|\s?percentage\s+points?\b|\s?(?:""" + "|".join(OTHER_PERCENT) + r""")""" + _WORD_ENDS + r""")
      | (?P<scale>\s(?:million|billion|trillion|thousand)\b|\s?(?:bn|mn|tn)\b|m(?=\s+[a-z]+s\b)
                 |\s?(?:""" + "|".join(sorted(OTHER_SCALE, key=lambda w: (-len(w), w))) + r""")""" + _WORD_ENDS + r""")
      | (?P<msr>\s?(?:km/h|km|kg|cm|mm|mph|lbs?|ft|mi|m)\b)
      | (?P<hy>-(?P<hyunit>""" + HYPHEN_UNITS + r""")s?(?P<old>-old)?\b
              |-(?!(?:to|and|or|for|by|from|in|on|of|a|an|""" + _NW + r""")\b)(?P<hyunit2>[a-z]{3,})\b(?!-))""",
    re.VERBOSE | re.IGNORECASE,
)
_RANGE_TAIL = re.compile(
    r"\s*(?:-|–|—|to|or)\s*(?:(?:" + _CUR + r")\s?)?(?P<n2>" + _DIGITS + r"|" + _NW + r")(?P<suf>(?:bn|mn|m|k)\b)?(?![\w])(?!,\d)",
    re.IGNORECASE,
)
_YEAR_LIKE = re.compile(r"1[5-9]\d\d|20\d\d")
_FRACTION_OF_SCALE = re.compile(r"\s+an?\s+(dozen|hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_MORE_OTHER = re.compile(r"\s*(?:other|more|additional|further|extra)(\s+)(?=[A-Za-z])", re.IGNORECASE)
_NUMBER_SIGN_BEFORE = re.compile(r"\b(?:No|Nos|no|Nr)\.\s?$")
_BETWEEN_HEAD = re.compile(r"\b(between|from)\s+$", re.IGNORECASE)
_BETWEEN_TAIL = re.compile(r"\s+(?:and|to)\s+(?:(?:" + _CUR + r")\s?)?(?P<n2>" + _DIGITS + r"|" + _NW + r")(?P<suf>(?:bn|mn|m|k)\b)?(?![\w])",
                           re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(?:" + MONTHS + r")\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"\s+(?:" + MONTHS + r")\b", re.IGNORECASE)
# The Gregorian months in the news languages of other scripts (Urdu, Hindi, Arabic: its
# Egyptian and its Levantine names), which copy there often types against the day ("17اکتوبر"),
# and the Chinese and Japanese day and month marks ("3月12日"): a number before them is a date.
OTHER_MONTHS = "|".join(sorted(month_names(*OTHER_SCRIPTS), key=lambda w: (-len(w), w)))
_OTHER_MONTH_AFTER = re.compile(r"\s*(?:(?:" + OTHER_MONTHS + r")(?!\w)|[月日])")
_AGE_APPOS = re.compile(r"[A-Z][\w'’.-]*,\s$")
_AGE_APPOS_AFTER = re.compile(r",\s|\)")
_SENT_BREAK = re.compile(r"[.!?]\s+[A-Z\"“]|\n")
_ONE_PRONOUN_BEFORE = re.compile(r"\b(?:no|any|every|each|some|the|this|which|what|another|such|a|little|other|only|last|big|new|right|wrong|same)\s+$", re.IGNORECASE)
_ONE_PRONOUN_AFTER = re.compile(r"\s*(?:another|anyone|said|says|say|could|would|can|may|might|must|should|will|shall|does|did|has|is|thing|day|time|way|hand|point|by\s+one|'s|’s)\b", re.IGNORECASE)
_PARTITIVE_EVENT = re.compile(r"\s+of\s+(?:\w+\s+){1,4}?(?:was|has\s+been|had\s+been|is)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|arrested|detained|hurt|abducted|kidnapped|taken|shot|captured|released|missing)\b", re.IGNORECASE)
# After a count: nothing counted follows (punctuation, a relative pronoun, the end).
_ELLIPSIS_AFTER = re.compile(r"\s*(?:[.,;:!?)\"”—–]|$|(?:that|who|which|whom)\b)")
# Before an elliptical "one": a verb in -ing/-ed or a common irregular past.
_VERB_BEFORE = re.compile(r"\b(?:\w+ing|\w+ed|hurt|shot|hit|lost|left|saw|found|took|kept|had|have|has)\s+$", re.IGNORECASE)
_PARTITIVE_OF = re.compile(r"\s+of\s+(?:" + _DET + r"\s+)?", re.IGNORECASE)
_FOLLOW_WORDS = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
_OTHER_CURRENCY = re.compile(r"\s*(" + "|".join(sorted(OTHER_CURRENCY, key=lambda w: (-len(w), w))) + r")" + _WORD_ENDS)


def _parse_digits(s: str) -> float:
    return float(s.replace(",", ""))


def _parse_words(s: str) -> float | None:
    low = re.sub(r"\s+", " ", s.lower()).strip()
    low = re.sub(r"^an? ", "one ", low)
    mult = 1.0
    if "dozen" in low:
        head = low.split("dozen")[0].strip()
        mult = 12.0
        if not head:
            return 12.0
        low = head
    try:
        return float(text2num(low, "en")) * mult
    except (ValueError, IndexError):
        try:
            return float(text2num(low.replace(" and ", " "), "en")) * mult
        except (ValueError, IndexError):
            return None


def _lemma(word: str) -> str:
    w = word.lower().strip("'’")
    if w in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[w]
    if w in NOT_PLURAL or len(w) < 4:
        return w
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("men") and len(w) > 4:  # congressmen, gunmen, servicemen
        w = w[:-3] + "man"
    elif w.endswith(("sses", "xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    # demonyms and other proper nouns keep their capital: "Americans" -> "American"
    return w.capitalize() if word[:1].isupper() and word[1:2].islower() else w


def _is_plural(word: str) -> bool:
    w = word.lower()
    # -ous/-us/-is/-ss words ("enormous", "census", "crisis", "class") are not plurals
    return w in IRREGULAR_PLURALS or (w.endswith("s") and not w.endswith(("ss", "ous", "us", "is"))
                                      and w not in NOT_PLURAL and len(w) > 2)


def _noun_phrase(text: str, pos: int, plural: bool) -> tuple[str | None, str | None]:
    """Noun phrase starting at pos: (subject, unit lemma)."""
    m = _PARTITIVE_OF.match(text, pos)
    if m:
        pos = m.end()
    words: list[tuple[int, int, str]] = []
    p = pos
    # "two other children", "three more people": the modifier is skipped when a
    # word (not punctuation) follows, so "two others" stays elliptical
    m = _MORE_OTHER.match(text, p)
    if m:
        p = m.end(1)
    for _ in range(4):
        m = _FOLLOW_WORDS.match(text, p)
        if not m or (m.start(1) - p > 2):
            break
        w = m.group(1)
        if w.lower() in STOPWORDS:
            break
        words.append((m.start(1), m.end(1), w))
        p = m.end(1)
        # a punctuation mark right after the word ends the phrase
        if p < len(text) and text[p] in ",.;:!?)\"”":
            break
    if not words:
        return None, None
    head_i = None
    if plural:
        for i, (_, _, w) in enumerate(words):
            if _is_plural(w) and (w[0].islower() or i == len(words) - 1):
                head_i = i
                break
    if head_i is None:
        # singular / no clear plural: a participle after the noun ends the
        # phrase ("one woman appeared", "one foot propping"); the head is then
        # the last lowercase word ("one senior administration official")
        for i, (_, _, w) in enumerate(words):
            if i and w.lower().endswith(("ed", "ing")):
                words = words[:i]
                break
        for i, (_, _, w) in enumerate(words):
            if w[0].islower():
                head_i = i
    if head_i is None:
        return None, None
    return text[words[0][0]:words[head_i][1]], _lemma(words[head_i][2])


# A unit of measure written after a number ("five minutes", "10 miles", "20 dollars").
_MEASURE_WORD = re.compile(
    r"[ \u00a0]+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries|miles?|kilomet(?:re|er)s?"
    r"|met(?:re|er)s?|feet|foot|inch(?:es)?|yards?|pounds?|kilograms?|grams?|ounces?|tons?|tonnes?|gallons?|lit(?:re|er)s?"
    r"|barrels?|acres?|hectares?|degrees?|dollars?|euros?|yen|shekels?|rupees?|cents?)\b(?![-’'])",
    re.IGNORECASE,
)
# "90% of them", "of those": the base is what the sentence counted before.
_BASE_PRONOUN = re.compile(r"\s+of\s+(?:them|those|these|which|whom)\b", re.IGNORECASE)


def _measure_lemma(word: str) -> str:
    w = word.lower()
    if w in ("feet", "foot"):
        return "foot"
    return "century" if w == "centuries" else _lemma(w) if w not in ("yen", "inches") else ("inch" if w == "inches" else w)


def _percent_base(text: str, end: int, start: int, earlier: list[Figure]) -> str | None:
    """What a percentage is a share of: the noun phrase after "of" ("90% of the strikes": strikes),
    or for "of them" the counted noun of the nearest earlier figure in the sentence ("struck 270
    targets, 90% of them ...": targets); None when no base is written."""
    if _BASE_PRONOUN.match(text, end):
        sst = _sentence_start(text, start)
        for f in reversed(earlier):
            if f.end <= sst:
                break
            if f.subject and f.unit not in MEASURE_UNITS:
                return f.subject
        return None
    if _PARTITIVE_OF.match(text, end):
        return _noun_phrase(text, end, plural=True)[0]
    return None


def _sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - 300)
    last = lo
    for m in _SENT_BREAK.finditer(text, lo, pos):
        last = m.start() + 1
    return last


def _gated_search(text: str, pos: int):
    """Next scanner match at or after pos; an int (new pos) when a candidate fails; None at the end.

    Speed: a cheap gate finds the next digit, currency sign or number word; the
    full scanner is only tried from the start of that token up to the candidate.
    """
    g = _GATE.search(text, pos)
    if not g:
        return None
    c = g.start()
    ts = c
    lim = max(pos, c - 40)
    while ts > lim and not text[ts - 1].isspace():
        ts -= 1
    for p in range(ts, c + 1):
        m = SCANNER.match(text, p)
        if m:
            return m
    return g.end()


# The languages this grammar reads (BCP 47 primary tags): English, "und" (a text too short or
# mixed for the language detector), and the languages of other scripts whose month, percent,
# scale and currency words it knows (Chinese and Japanese: the date marks 月 日). A text in any
# other language is read by lang.numerals, which reads numbers only as that language prints them.
GRAMMAR_LANGUAGES = frozenset({"en", "und", *OTHER_SCRIPTS, "zh", "ja"})


def extract_figures(text: str, language: str | None = None) -> list[Figure]:
    """All figures in text, in order of position (see module docstring). ``language`` (the text's
    BCP 47 tag; None reads it as English) outside GRAMMAR_LANGUAGES: lang.numerals.extract_numerals."""
    if language is not None and language.split("-")[0] not in GRAMMAR_LANGUAGES:
        return extract_numerals(text, language)
    return _extract(text, gated=True)


def _extract(text: str, gated: bool) -> list[Figure]:
    """gated=False scans with the full regex at every position (reference for tests)."""
    out: list[Figure] = []
    n = len(text)
    pos = 0
    while True:
        if not gated:
            m = SCANNER.search(text, pos)
            if not m:
                break
        else:
            m = _gated_search(text, pos)
            if m is None:
                break
            if isinstance(m, int):
                pos = m
                continue
        kind_group = m.lastgroup
        pos = m.end()
        if kind_group.startswith("x_"):
            continue
        s, e = m.start(), m.end()
        unit = subject = None
        method = kind_group
        low = high = None
        vkind = "exact"
        fused_unit = False
        value: float | None
        before = text[max(0, s - 40):s]

        if kind_group == "money_pre":
            raw = m.group()
            sym = re.match(_CUR, raw).group()
            rest = raw[len(sym):].strip()
            mm = re.match(_DIGITS, rest)
            value = _parse_digits(mm.group())
            suf = rest[mm.end():].strip().lower()
            if suf:
                value *= SUFFIX_SCALE[suf]
            unit, fused_unit, method = CURRENCY_SYMBOLS[sym], True, "currency"
        elif kind_group == "num":
            value = _parse_digits(m.group())
            raw = m.group()
            after = text[e:e + 40]
            # calendar dates and years
            if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
                continue
            if _OTHER_MONTH_AFTER.match(after):  # (these languages put the day first: a number after the month is another)
                continue
            # A bare four-digit number 1500-2099 is a year in news copy (counts of
            # that size carry a thousands comma in AP/Reuters style), unless a
            # qualifier or a fused unit shows it is a quantity ("over 2000", "2000%").
            if _YEAR_LIKE.fullmatch(raw) and not _QUAL_RE.search(before) and not _AFTER_NUM.match(text, e):
                continue
            if _NUMBER_SIGN_BEFORE.search(before):  # "No. 5": an identifier
                continue
            # numbers inside names: "Apollo 11", "Route 66", "Resolution 1701"
            wb = re.search(r"([A-Z][\w'’-]*)\s+$", before)
            if wb and not _QUAL_RE.search(before) and wb.group(1).lower() not in STOPWORDS:
                nxt = _FOLLOW_WORDS.match(text, e)
                # kept only when a plural count noun follows ("Sunday 5 people")
                if not (nxt and nxt.group(1)[0].islower() and nxt.group(1).lower() not in STOPWORDS
                        and _is_plural(nxt.group(1))):
                    continue
            method = "digits"
            am = _AFTER_NUM.match(text, e)
            if am:
                if am.group("pct"):
                    unit = "percentage point" if "point" in am.group().lower() else "percent"
                    method = "percent"
                elif am.group("scale"):
                    value *= SUFFIX_SCALE[am.group().strip().lower()]
                elif am.group("msr"):
                    unit, method = MEASURE_ABBREV[am.group().strip().lower()], "measure"
                else:
                    unit = _lemma(am.group("hyunit") or am.group("hyunit2"))
                    method = "age-hyphen" if am.group("old") else "hyphen-unit"
                fused_unit = unit is not None
                e = am.end()
                if am.group("scale"):
                    am2 = _AFTER_NUM.match(text, e)
                    if am2 and am2.group("hy"):
                        unit, fused_unit, e = _lemma(am2.group("hyunit") or am2.group("hyunit2")), True, am2.end()
            # age apposition: "Saadia Even Tsur, 76,"
            if unit is None and re.fullmatch(r"\d{1,3}", raw) and _AGE_APPOS.search(before) \
                    and _AGE_APPOS_AFTER.match(text[e:e + 2]) and value < 130:
                unit, method, fused_unit = "year", "age-apposition", True
        elif kind_group == "vague":
            key = re.sub(r"\s+", " ", m.group().lower())
            value, high = VAGUE[key]
            low = value
            vkind = "vague_magnitude"
            method = "vague-magnitude"
        elif kind_group == "words":
            raw = m.group()
            value = _parse_words(raw)
            if value is None:
                # unparseable run (e.g. "one two"): keep the first word only
                first = re.match(r"\S+", raw).group()
                e = s + len(first)
                pos = e
                value = _parse_words(first)
                if value is None:
                    continue
            method = "number-words"
            low_raw = raw.lower()
            after = text[e:e + 80]
            if low_raw == "one":
                if _ONE_PRONOUN_BEFORE.search(before) or _ONE_PRONOUN_AFTER.match(after):
                    continue
                if re.match(r"\s+of\b", after):
                    if not _PARTITIVE_EVENT.match(after):
                        continue
                # elliptical "one" (nothing counted after it) is the pronoun
                # ("from one", "win that one,") unless a verb governs it
                # ("slightly injuring one.", "killed one")
                if _ELLIPSIS_AFTER.match(after) and not _VERB_BEFORE.search(before):
                    continue
                if re.match(r"\s+(?:an|the|a)\b", after) or re.match(r"\s*[-–—]", after):
                    continue
            am = _AFTER_NUM.match(text, e)
            if am:
                if am.group("pct"):
                    unit, method = ("percentage point" if "point" in am.group().lower() else "percent"), "percent"
                elif am.group("hy"):
                    unit = _lemma(am.group("hyunit") or am.group("hyunit2"))
                    method = "age-hyphen" if am.group("old") else "hyphen-unit"
                elif am.group("scale"):
                    value *= SUFFIX_SCALE[am.group().strip().lower()]
                elif am.group("msr"):
                    unit, method = MEASURE_ABBREV[am.group().strip().lower()], "measure"
                fused_unit = unit is not None
                e = am.end()
        elif kind_group == "frac":
            raw = m.group().lower()
            if re.search(r"\b(?:first|second|other|latter|former|back|top|bottom)\s+$", before, re.I):
                continue
            parts = re.split(r"[\s-]+", raw)
            num = NUMERATORS[parts[0]] if len(parts) > 1 else 1
            den = parts[-1]
            den = DENOMINATORS.get(den, DENOMINATORS.get(den[:-1], 2))
            value = num / den
            method = "fraction-words"
            sm = _FRACTION_OF_SCALE.match(text, e)
            if sm:  # "half a dozen" = 6, "half a million" = 500 000
                value *= 12.0 if sm.group(1).lower() == "dozen" else SCALE_WORDS[sm.group(1).lower()]
                e = sm.end()
            elif re.match(r"\s+(?:an?)\s+(hour|day|year|month|week|mile|century|decade|dozen)\b", text[e:e + 30], re.I):
                mm = re.match(r"\s+(?:an?)\s+(\w+)", text[e:e + 30])
                unit, e, fused_unit = _lemma(mm.group(1)), e + mm.end(), True
        elif kind_group == "art":
            qm = _QUAL_RE.search(before)
            if not qm:
                continue
            mm = re.match(r"(\w+)", text[e:e + 20])
            unit = _lemma(mm.group(1))
            if unit == "dozen":
                value = 12.0
                unit = None
            else:
                value = 1.0
            e = e + mm.end()
            fused_unit = unit is not None
            method = "article-unit"
        else:  # pragma: no cover
            continue

        if value is None:
            continue

        # ---- ranges: "10 to 15", "10-15", "between 10 and 15", "1% to 3%", "$2-3m"
        pct_first = unit == "percent" and kind_group in ("num", "words")
        if vkind == "exact" and (kind_group == "money_pre" or pct_first
                                 or kind_group in ("num", "words") and not fused_unit):
            bh = _BETWEEN_HEAD.search(before)
            tail = (_BETWEEN_TAIL if bh else _RANGE_TAIL).match(text, e)
            am = _AFTER_NUM.match(text, tail.end()) if tail else None
            if tail and pct_first and not (am and am.group("pct")):
                tail = None  # "90% to them" is no range; "1% to 3%" is
            if tail:
                n2s = tail.group("n2")
                v2 = _parse_digits(n2s) if n2s[0].isdigit() or n2s[0] == "." else _parse_words(n2s)
                money_scaled = False
                if kind_group == "money_pre" and v2 is not None:
                    # "$2m-$3m", "$2m-3m", "$2-3 million": the scale applies to both ends
                    base = _parse_digits(re.search(_DIGITS, m.group()).group())
                    money_scaled = value != base
                    if tail.group("suf"):
                        v2 *= SUFFIX_SCALE[tail.group("suf").lower()]
                    elif money_scaled and base:
                        v2 *= value / base
                elif tail.group("suf"):
                    v2 = None  # "10-15m" without currency: metres or millions, unclear
                # the second number must be larger: "53 percent to 39 percent" is a score
                if v2 is not None and v2 > value:
                    low, high = value, v2
                    value = (low + high) / 2
                    vkind = "range"
                    if bh:
                        s -= len(bh.group()) - bh.start(1) + bh.start()
                    e = tail.end()
                    method = "range"
                    if am:
                        if am.group("pct"):
                            unit = "percentage point" if "point" in am.group().lower() else "percent"
                        elif am.group("hy"):
                            unit = _lemma(am.group("hyunit") or am.group("hyunit2"))
                        elif am.group("scale") and not money_scaled:
                            f = SUFFIX_SCALE[am.group().strip().lower()]
                            low, high, value = low * f, high * f, value * f
                        elif am.group("msr"):
                            unit = MEASURE_ABBREV[am.group().strip().lower()]
                        e = am.end()
                        fused_unit = unit is not None
        pos = max(pos, e)

        # ---- qualifier before the number
        if vkind == "exact":
            qm = _QUAL_RE.search(text[max(0, s - 40):s])
            if qm:
                q = re.sub(r"\s+", " ", qm.group(1).lower())
                vkind = QUALIFIERS[q]
                s = s - (len(text[max(0, s - 40):s]) - qm.start(1))
                if vkind == "lower_bound":
                    low = value
                elif vkind == "upper_bound":
                    high = value

        # ---- unit / subject
        oc = _OTHER_CURRENCY.match(text, e) if unit is None and vkind != "vague_magnitude" else None
        mw = _MEASURE_WORD.match(text, e) if unit is None and vkind != "vague_magnitude" and not oc else None
        if oc:
            unit, e, fused_unit = OTHER_CURRENCY[oc.group(1)], oc.end(), True
            pos = max(pos, e)
        elif mw:
            # a unit of measure written next to the number belongs to the expression: "five
            # minutes", "10 miles", "20 dollars"; what it measures follows "of" ("10 miles of road")
            unit, e, fused_unit = _measure_lemma(mw.group(1)), mw.end(), True
            subject = _noun_phrase(text, e, plural=True)[0] if _PARTITIVE_OF.match(text, e) else None
            pos = max(pos, e)
        elif unit is None:
            after_e = text[e:e + 20]
            cw = _FOLLOW_WORDS.match(text, e)
            if cw and cw.group(1).lower() in CURRENCY_WORDS:
                unit = CURRENCY_WORDS[cw.group(1).lower()]
                subject = cw.group(1)
            elif kind_group == "vague" or _PARTITIVE_OF.match(after_e) and vkind != "vague_magnitude":
                subject, unit = _noun_phrase(text, e, plural=True)
            else:
                if cw and (cw.group(1).lower() == "others" or cw.group(1).lower() == "more"
                           and _ELLIPSIS_AFTER.match(text, cw.end())):
                    subject = cw.group(1)
                else:
                    subject, unit = _noun_phrase(text, e, plural=value != 1)
            if unit is None and (subject in ("others", "more") or (
                    method == "number-words" and _ELLIPSIS_AFTER.match(text, e))):
                # elliptical count: inherit the unit of the nearest earlier figure
                # in the same sentence ("one soldier ... and two others")
                sst = _sentence_start(text, s)
                for f in reversed(out):
                    if f.end <= sst:
                        break
                    if f.unit is not None and f.method != "age-apposition":
                        unit = f.unit
                        break
        elif unit in PERCENT_UNITS:
            subject = _percent_base(text, e, s, out)
        elif fused_unit:
            subject = None
            if method in ("hyphen-unit", "age-hyphen"):
                subject, _u = _noun_phrase(text, e, plural=False)
        if e <= s or e > n:
            continue
        out.append(Figure(s, e, text[s:e], float(value),
                          None if low is None else float(low),
                          None if high is None else float(high),
                          vkind, unit, subject, method))
    return out
