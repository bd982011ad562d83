"""Spec tests for newsprov.lang.figures (numeric-claim extraction)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprov.dataset.evaluate.figures import score_figures
from newsprov.lang.figures import Figure, extract_figures
from newsprov.core.text import read_source

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "dataset" / "sources"
GOLD = Path(__file__).parent / "fixtures" / "seed_figures_gold.json"


def one(text: str) -> Figure:
    figs = extract_figures(text)
    assert len(figs) == 1, figs
    f = figs[0]
    assert text[f.start:f.end] == f.text
    return f


def texts(text: str) -> list[str]:
    return [f.text for f in extract_figures(text)]


def test_figure_field_order():
    assert [f.name for f in dataclasses.fields(Figure)] == [
        "start", "end", "text", "value", "value_low", "value_high",
        "value_kind", "unit", "subject", "method"]
    f = one("It fired 270 rockets.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.value = 1.0  # type: ignore[misc]


# --- digits, separators, decimals, multipliers -------------------------------

@pytest.mark.parametrize("sentence, span, value, unit", [
    ("Israel struck 270 targets overnight.", "270", 270, "target"),
    ("It has 150,000 rockets in store.", "150,000", 150_000, "rocket"),
    ("Prices rose 1.5 points.", "1.5", 1.5, "point"),
    ("Some 1.5 million people fled.", "Some 1.5 million", 1_500_000, "person"),
    ("The firm lost $2bn last year.", "$2bn", 2e9, "dollar"),
    ("The club paid £3m for him.", "£3m", 3e6, "pound"),
    ("A fine of €300 was imposed.", "€300", 300, "euro"),
    ("They raised 40 million dollars.", "40 million dollars", 40e6, "dollar"),
    ("Police arrested 12 men.", "12", 12, "man"),
    ("He ran the 100m final.", "100m", 100, "metre"),
])
def test_digits(sentence, span, value, unit):
    f = one(sentence)
    assert (f.text, f.value, f.unit) == (span, value, unit)


@pytest.mark.parametrize("sentence", [
    "Support reached 90% on Monday.",
    "Support reached 90 per cent on Monday.",
    "Support reached 90 percent on Monday.",
])
def test_percent_spellings(sentence):
    f = one(sentence)
    assert f.value == 90 and f.unit == "percent" and f.value_kind == "exact"
    assert f.text.startswith("90")


# --- number words --------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, unit", [
    ("Israel said one soldier was killed.", "one", 1, "soldier"),
    ("Seventy-six people died.", "Seventy-six", 76, "person"),
    ("A dozen eggs broke.", "A dozen", 12, "egg"),
    ("He bought two dozen eggs.", "two dozen", 24, "egg"),
    ("A hundred soldiers marched.", "A hundred", 100, "soldier"),
    ("He arrived five minutes later.", "five minutes", 5, "minute"),
    ("One hundred and five people voted.", "One hundred and five", 105, "person"),
])
def test_number_words(sentence, span, value, unit):
    f = one(sentence)
    assert (f.text, f.value, f.unit, f.value_kind) == (span, value, unit, "exact")


def test_elliptical_count_inherits_unit():
    figs = extract_figures("One soldier was killed and two others were wounded.")
    assert [(f.text, f.value, f.unit) for f in figs] == [("One", 1, "soldier"), ("two", 2, "soldier")]
    assert figs[1].subject == "others"


def test_partitive_counts():
    assert [(f.text, f.unit) for f in extract_figures("Two of its fighters were killed.")] == [("Two", "fighter")]
    f = one("Officials said one of its soldiers was killed.")
    assert (f.value, f.unit) == (1, "soldier")


# --- hyphenated forms and ages ------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, unit", [
    ("The 10-month war goes on.", "10-month", 10, "month"),
    ("The 10-month-long war goes on.", "10-month", 10, "month"),
    ("After a two-day trial he left.", "two-day", 2, "day"),
    ("A 76-year-old man was hurt.", "76-year-old", 76, "year"),
    ("Saadia Even Tsur, 76, said he was at home.", "76", 76, "year"),
])
def test_hyphen_and_age(sentence, span, value, unit):
    f = one(sentence)
    assert (f.text, f.value, f.unit) == (span, value, unit)


def test_age_apposition_method():
    assert one("Jane Doe, 54, said so.").method == "age-apposition"


# --- qualifiers ---------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, kind, low, high", [
    ("About 100 planes took part.", "About 100", "approximate", None, None),
    ("Around 100 planes took part.", "Around 100", "approximate", None, None),
    ("Some 100 planes took part.", "Some 100", "approximate", None, None),
    ("Roughly 100 planes took part.", "Roughly 100", "approximate", None, None),
    ("Nearly 100 planes took part.", "Nearly 100", "approximate", None, None),
    ("Almost 100 planes took part.", "Almost 100", "approximate", None, None),
    ("An estimated 100 planes took part.", "An estimated 100", "approximate", None, None),
    ("More than 100 planes took part.", "More than 100", "lower_bound", 100, None),
    ("Over 100 planes took part.", "Over 100", "lower_bound", 100, None),
    ("At least 100 planes took part.", "At least 100", "lower_bound", 100, None),
    ("Fewer than 100 planes took part.", "Fewer than 100", "upper_bound", None, 100),
    ("Less than 100 planes took part.", "Less than 100", "upper_bound", None, 100),
    ("Up to 100 planes took part.", "Up to 100", "upper_bound", None, 100),
    ("Under 100 planes took part.", "Under 100", "upper_bound", None, 100),
])
def test_qualifiers(sentence, span, kind, low, high):
    f = one(sentence)
    assert (f.text, f.value, f.value_kind, f.value_low, f.value_high, f.unit) == (span, 100, kind, low, high, "plane")


def test_about_an_hour():
    f = one("The airport closed for about an hour.")
    assert (f.text, f.value, f.value_kind, f.unit) == ("about an hour", 1, "approximate", "hour")


def test_bare_article_is_not_a_figure():
    assert extract_figures("He waited an hour and a day.") == []


# --- ranges -------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span", [
    ("Police said 10 to 15 people were hurt.", "10 to 15"),
    ("Police said 10-15 people were hurt.", "10-15"),
    ("Police said 10–15 people were hurt.", "10–15"),
    ("Police said between 10 and 15 people were hurt.", "between 10 and 15"),
])
def test_ranges(sentence, span):
    f = one(sentence)
    assert (f.text, f.value_kind, f.value_low, f.value, f.value_high, f.unit) == (span, "range", 10, 12.5, 15, "person")


# --- vague magnitudes -------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, low, high, unit", [
    ("It fired hundreds of rockets.", "hundreds", 200, 1000, "rocket"),
    ("It launched dozens of strikes.", "dozens", 24, 120, "strike"),
    ("It destroyed thousands of rockets.", "thousands", 2000, 10000, "rocket"),
    ("It displaced tens of thousands of people.", "tens of thousands", 20000, 100000, "person"),
    ("It cost millions of dollars.", "millions", 2e6, 1e7, "dollar"),
])
def test_vague(sentence, span, low, high, unit):
    f = one(sentence)
    assert (f.text, f.value_kind, f.value_low, f.value, f.value_high, f.unit) == (
        span, "vague_magnitude", low, low, high, unit)


# --- fractions --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, unit", [
    ("Half of the residents left.", "Half", 0.5, "resident"),
    ("A third of voters stayed home.", "A third", 1 / 3, "voter"),
    ("Two-thirds of the seats changed hands.", "Two-thirds", 2 / 3, "seat"),
])
def test_fractions(sentence, span, value, unit):
    f = one(sentence)
    assert (f.text, f.unit) == (span, unit) and f.value == pytest.approx(value)


# --- exclusions -------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "A rocket hit Acre, Israel, Aug. 25, 2024.",
    "The Oct. 7 incursion shocked Israel.",
    "They met on 25 August in Cairo.",
    "Hezbollah fought Israel to a stalemate in 2006.",
    " date 2024-08-26 Talks ended.",
    "The meeting starts at 3 p.m. sharp.",
    "The meeting starts at 10:30 sharp.",
    "He came first in the race.",
    "The 7th fleet sailed.",
    "It is one of the largest in the world.",
    "No one was hurt.",
    "They blamed one another.",
    "One said he was afraid.",
    "It was hit by shrapnel from one.",
    "Call 555-123-4567 for details.",
    "An F-16 flew over.",
    "The G7 met in Italy.",
    "Apollo 11 landed on the Moon.",
    "He drove along Route 66 again.",
    "Neither side provided evidence.",
    "Both sides said several talks failed.",
    "Some Israelis were shaken.",
])
def test_exclusions(sentence):
    assert extract_figures(sentence) == []


def test_year_then_count():
    assert texts("In 2019, 2,019 people came.") == ["2,019"]


# --- robustness ------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_is_safe(text):
    for f in extract_figures(text):
        _check_valid(text, f)


NUMBERISH = st.lists(st.sampled_from([
    "about", "more than", "up to", "between", "and", "to", "-", "one", "two", "seventy-six", "a", "an",
    "dozen", "hundreds", "of", "tens", "thousands", "100", "1,500", "2.5", "$", "£", "%", "per cent", "m",
    "bn", "million", "year-old", "-year-old", "hour", "Aug.", "2024", ",", " ", "half", "third", "people",
    "rockets", "Route", "F-16", "3 p.m.", "10:30", "7th", "others", "one of the", "\n", "—",
]), max_size=30).map(lambda xs: " ".join(xs))


@settings(max_examples=500, deadline=None)
@given(NUMBERISH)
def test_numberish_text_is_safe(text):
    for f in extract_figures(text):
        _check_valid(text, f)


def _check_valid(text: str, f: Figure) -> None:
    assert 0 <= f.start < f.end <= len(text)
    assert text[f.start:f.end] == f.text
    assert f.value_kind in {"exact", "approximate", "lower_bound", "upper_bound", "range", "vague_magnitude"}
    if f.value_low is not None:
        assert f.value_low <= f.value
    if f.value_high is not None:
        assert f.value <= f.value_high
    assert isinstance(f.method, str) and f.method


def test_figures_are_ordered_and_disjoint():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt")))
    figs = extract_figures(text)
    for a, b in zip(figs, figs[1:]):
        assert a.end <= b.start


# --- seed gold -----------------------------------------------------------------------------------

def _gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_gold_spans_are_exact():
    for g in _gold():
        text = read_source(SOURCES / f"{g['article']}.txt")
        assert text[g["start"]:g["end"]] == g["text"], g


def test_score_function_basics():
    gold = [{"article": "a", "start": 0, "end": 10, "value": 1.0, "value_kind": "exact", "unit": "x"}]
    pred_half = [{"article": "a", "start": 5, "end": 12, "value": 1.0, "value_kind": "exact", "unit": "x"}]
    pred_small = [{"article": "a", "start": 8, "end": 12, "value": 1.0, "value_kind": "exact", "unit": "x"}]
    assert score_figures(gold, pred_half)["f1"] == 1.0
    assert score_figures(gold, pred_small)["f1"] == 0.0
    assert score_figures(gold, gold + gold)["precision"] == 0.5


def test_seed_gold_score():
    gold = _gold()
    pred = []
    for path in sorted(SOURCES.glob("*.txt")):
        for f in extract_figures(read_source(path)):
            pred.append({**dataclasses.asdict(f), "article": path.stem})
    r = score_figures(gold, pred)
    detail = {k: r[k] for k in ("missed", "spurious", "mismatched")}
    assert r["f1"] >= 0.97, detail
    assert r["value_and_kind_acc"] >= 0.97, detail
    assert r["unit_acc"] >= 0.9, detail


@settings(max_examples=300, deadline=None)
@given(NUMBERISH)
def test_gated_scan_equals_plain_scan(text):
    from newsprov.lang.figures import _extract

    assert _extract(text, gated=True) == _extract(text, gated=False)


def test_gated_scan_equals_plain_scan_on_seeds():
    from newsprov.lang.figures import _extract

    for path in sorted(SOURCES.glob("*.txt")):
        text = read_source(path)
        assert _extract(text, gated=True) == _extract(text, gated=False)


# --- further conventions -------------------------------------------------------------------

@pytest.mark.parametrize("sentence, span, value, low, high, unit", [
    ("Half a dozen donors came.", "Half a dozen", 6, None, None, "donor"),
    ("Half a million people marched.", "Half a million", 500_000, None, None, "person"),
    ("Cruz had 1% to 3% support.", "1% to 3%", 2, 1, 3, "percent"),
    ("It costs $2m-$3m a year.", "$2m-$3m", 2.5e6, 2e6, 3e6, "dollar"),
    ("It costs $2-3 million a year.", "$2-3 million", 2.5e6, 2e6, 3e6, "dollar"),
    ("It was a 300-person meeting.", "300-person", 300, None, None, "person"),
    ("She is raising two other children.", "two", 2, None, None, "child"),
    ("He met four congressmen.", "four", 4, None, None, "congressman"),
    ("It killed four Americans.", "four", 4, None, None, "American"),
    ("It had three enormous chandeliers.", "three", 3, None, None, "chandelier"),
])
def test_further_conventions(sentence, span, value, low, high, unit):
    f = one(sentence)
    assert (f.text, f.value, f.value_low, f.value_high, f.unit) == (span, value, low, high, unit)


def test_score_is_not_a_range():
    assert texts("Trump won, 53 percent to 39 percent.") == ["53 percent", "39 percent"]


@pytest.mark.parametrize("sentence", [
    "Those were the 2008 primaries.",
    "I found myself, in my 40s, restless.",
    "It was big in the 1990s.",
    'See <tweet id="746104714429927424"> here.',
    "He is No. 5 on the list.",
    "Win that one, he said.",
    "That's one that would work.",
])
def test_more_exclusions(sentence):
    assert extract_figures(sentence) == []


def test_year_sized_count_with_qualifier():
    f = one("More than 2000 people came.")
    assert (f.value, f.value_kind, f.unit) == (2000, "lower_bound", "person")


@pytest.mark.parametrize("text, span, unit, subject", [
    ("The convoy drove 10 miles of dirt road.", "10 miles", "mile", "dirt road"),
    ("Talks lasted three days.", "three days", "day", None),
    ("She is 76 years old.", "76 years", "year", None),
    ("Planes struck 270 targets.", "270", "target", "targets"),  # a counted noun stays outside
])
def test_a_unit_of_measure_next_to_the_number_is_part_of_the_expression(text, span, unit, subject):
    (f,) = extract_figures(text)
    assert (f.text, f.unit, f.subject) == (span, unit, subject)


@pytest.mark.parametrize("text, base", [
    ("Planes struck 270 targets, 90% of them rocket launchers.", "targets"),
    ("Planes hit 270 sites, with 90% of the strikes aimed at launchers.", "strikes"),
    ("Turnout rose 5% on Tuesday.", None),
])
def test_the_base_of_a_percentage_is_its_subject(text, base):
    (f,) = [f for f in extract_figures(text) if f.unit == "percent"]
    assert f.subject == base


@pytest.mark.parametrize("text, figures", [
    ("کراچی ۔ 17 ستمبر (اے پی پی) پاکستانی روپے کے مقابلے میں 200 افراد", ["200"]),  # Urdu dateline: 17 September
    ("ہملٹن ۔ 17اکتوبر (اے پی پی) میچ", []),  # the day typed against the month
    ("नई दिल्ली, 12 मार्च (भाषा) करीब 200 उड़ानें प्रभावित हुईं", ["200"]),  # Hindi: 12 March
    ("القاهرة في 17 سبتمبر أعلنت الوزارة مقتل 300 شخص", ["300"]),  # Arabic: the day first, a count after the month
    ("دمشق، 5 تموز: قتل 40 شخصا", ["40"]),  # Levantine month name
    ("北京，3月12日电——会议开幕", []),  # Chinese: March 12
])
def test_calendar_dates_of_other_scripts_are_not_figures(text, figures):
    assert [f.text for f in extract_figures(text)] == figures


@pytest.mark.parametrize("text, span, value, unit", [
    ("حکومت نے 5 ارب روپے جاری کئے", "5 ارب روپے", 5e9, "rupee"),  # Urdu: 5 billion rupees
    ("قیمت 200 روپے فی کلو", "200 روپے", 200, "rupee"),
    ("سیلاب سے 10لاکھ افراد متاثر ہوئے", "10لاکھ", 1e6, None),  # 10 lakh, typed against the number
    ("करीब 2 करोड़ रुपये खर्च हुए", "2 करोड़ रुपये", 2e7, "rupee"),  # Hindi: 2 crore rupees
    ("خسرت الشركة 5 مليارات دولار", "5 مليارات دولار", 5e9, "dollar"),  # Arabic: 5 billion dollars
    ("قیمتوں میں 12 فیصد اضافہ", "12 فیصد", 12, "percent"),
    ("बेरोजगारी दर 7 प्रतिशत रही", "7 प्रतिशत", 7, "percent"),
    ("ارتفعت الأسعار 12٪ وخسرت الشركة 5 مليارات دولار", "12٪", 12, "percent"),
])
def test_scale_words_and_percent_of_other_scripts(text, span, value, unit):
    first = extract_figures(text)[0]
    assert (first.text, first.value, first.unit) == (span, value, unit)


def test_a_scale_word_is_read_only_as_a_whole_word():
    # "करोड़ों" (crores of) is another word than "करोड़": the number keeps its own value
    assert [(f.text, f.value) for f in extract_figures("करीब 2 करोड़ों रुपये")] == [("2", 2)]
