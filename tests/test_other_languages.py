"""Quotes and figures in languages the English rules do not read: numbers as each language prints
them (lang.numerals), quotations found by their marks with no speaker guessed."""

from __future__ import annotations

import pytest

from newsprov.dataset.extract.quotes.extract import extract_quotes
from newsprov.lang.figures import extract_figures
from newsprov.lang.numerals import decimal_comma


def readings(text, language):
    return [(f.text, f.value, f.value_kind, f.unit, f.method) for f in extract_figures(text, language)]


@pytest.mark.parametrize("language, text, expected", [
    ("de", "Dabei wurden 40.000 Menschen getötet.", ("40.000", 40000.0, "exact", None, "digits")),
    ("fr", "Au total, 40 000 personnes ont été tuées.", ("40 000", 40000.0, "exact", None, "digits")),
    ("fr", "Au total, 40\u202f000 personnes ont été tuées.", ("40\u202f000", 40000.0, "exact", None, "digits")),
    ("ru", "погибли 40 000 человек", ("40 000", 40000.0, "exact", None, "digits")),
    ("de", "ein Plus von 2,5 Prozent", ("2,5 Prozent", 2.5, "exact", "percent", "percent")),
    ("fr", "soit 2,5 % de plus", ("2,5 %", 2.5, "exact", "percent", "percent")),
    ("tr", "fiyatlar %5 arttı", ("%5", 5.0, "exact", "percent", "percent")),
    ("de", "Kosten von 1,2 Milliarden Euro", ("1,2 Milliarden Euro", 1.2e9, "exact", "euro", "currency")),
    ("fr", "un coût de 1,2 milliard d'euros", ("1,2 milliard d'euros", 1.2e9, "exact", "euro", "currency")),
    ("es", "costó 5 millones de dólares", ("5 millones de dólares", 5e6, "exact", "dollar", "currency")),
    ("ru", "ущерб 1,2 млрд рублей", ("1,2 млрд рублей", 1.2e9, "exact", "ruble", "currency")),
    ("de", "Rund 300 Soldaten", ("Rund 300", 300.0, "approximate", None, "digits")),
    ("es", "más de 1.500 cohetes", ("más de 1.500", 1500.0, "lower_bound", None, "digits")),
    ("ru", "около 300 человек", ("около 300", 300.0, "approximate", None, "digits")),
    ("fr", "environ 15 km", ("environ 15 km", 15.0, "approximate", "kilometre", "measure")),
    ("de", "zwischen 10-15 Tote", ("10-15", 12.5, "range", None, "range")),
])
def test_numbers_are_read_as_the_language_prints_them(language, text, expected):
    assert readings(text, language) == [expected]


@pytest.mark.parametrize("language, text", [
    ("de", "Am 25. August begann es."),
    ("fr", "Le 25 août, il a parlé."),
    ("es", "El 25 de agosto habló."),
    ("ru", "25 августа он выступил."),
    ("pl", "25 sierpnia przemówił."),
    ("it", "Il 25 agosto ha parlato."),
    ("de", "Es geschah am 25.08.2024 gegen Mittag."),
    ("de", "Um 14.30 Uhr und um 16 Uhr."),
    ("fr", "À 14h30 précises."),
    ("de", "Im Jahr 2023 war es anders."),
    ("de", "Eine F-16 und COVID-19."),
])
def test_dates_times_years_and_identifiers_are_no_figures(language, text):
    assert readings(text, language) == []


def test_a_day_before_a_month_is_a_date_and_a_count_after_one_is_not():
    assert readings("Im August 40.000 Menschen.", "de") == [("40.000", 40000.0, "exact", None, "digits")]


def test_the_decimal_mark_is_read_from_the_text_before_the_language():
    mexico = "En México murieron 40,000 personas, un alza de 3.5 por ciento."
    assert decimal_comma(mexico, "es") is False
    assert readings(mexico, "es") == [("40,000", 40000.0, "exact", None, "digits"),
                                      ("3.5 por ciento", 3.5, "exact", "percent", "percent")]
    assert decimal_comma("Es murieron 40.000 personas.", "es") is True  # no evidence: the language's convention
    # the other mark before other than three digits is still a decimal mark
    assert readings("Más de 3.5 veces.", "es") == [("Más de 3.5", 3.5, "lower_bound", None, "digits")]


def test_english_and_undetermined_texts_keep_the_english_grammar():
    text = "About 40,000 people were killed on Aug. 25, up 2.5 percent."
    assert readings(text, "en") == readings(text, None) == readings(text, "und")
    assert ("About 40,000", 40000.0, "approximate", "person", "digits") in readings(text, "en")


def quotes(text, language):
    return [(text[q.start:q.end], q.kind, q.speaker, q.speaker_mention, q.method) for q in extract_quotes(text, language)]


def test_a_quotation_in_another_language_has_no_speaker_guessed():
    french = ("Les pourparlers reprennent\n\nLE CAIRE, 25 août (AFP) - Les négociations ont repris dimanche. "
              "« Nous sommes proches d'un accord », a déclaré le ministre. Il a parlé d'un « moment décisif ».\n")
    german = ("Gespräche in Kairo\n\nKAIRO (dpa) - Die Verhandlungen wurden am Sonntag fortgesetzt. "
              "„Wir sind einer Einigung nahe“, sagte Außenminister Sameh Schukri.\n")
    # the English rules took the dateline and the weekday for speakers
    assert quotes(french, None)[0][3] == "LE CAIRE" and quotes(german, None)[0][2] == "Sonntag"
    assert quotes(french, "fr") == [("Nous sommes proches d'un accord", "full", None, None, "quote-marks/other-language")]
    assert quotes(german, "de") == [("Wir sind einer Einigung nahe", "full", None, None, "quote-marks/other-language")]


def test_a_short_quotation_that_is_a_sentence_is_kept_in_a_caseless_script():
    hindi = 'दिल्ली में बारिश\n\nमुख्यमंत्री ने कहा, "हम हर संभव मदद करेंगे।"\n'
    chinese = "北京暴雨\n\n市长表示：“我们将全力救援。”他说，所谓“一带一路”合作仍在继续。\n"
    assert quotes(hindi, "hi") == [("हम हर संभव मदद करेंगे।", "full", None, None, "quote-marks/other-language")]
    assert quotes(chinese, "zh") == [("我们将全力救援。", "full", None, None, "quote-marks/other-language")]
    assert quotes(hindi, None) == []  # the English rules took it for a scare quote (five words, no speaker)


def test_english_quotes_are_unchanged_by_the_language():
    text = 'Talks\n\nCAIRO (AP) - "We are close to a deal and will sign it soon," the minister said on Sunday.\n'
    assert quotes(text, "en") == quotes(text, None) == quotes(text, "und")
    assert quotes(text, "en")[0][2] == "minister"


def test_a_package_of_german_articles_reads_and_validates_its_figures(tmp_path):
    from newsprov.dataset.build import build
    from newsprov.validators.run import validate

    src = tmp_path / "src"
    src.mkdir()
    body = ("Nach Angaben des Gesundheitsministeriums wurden seit Beginn des Krieges mehr als 40.000 Menschen "
            "getötet. Die Preise stiegen im Juli um 2,5 Prozent, die Kosten liegen bei 1,2 Milliarden Euro. "
            "Die Verhandlungen sollen am Montag in Kairo fortgesetzt werden, teilte das Außenministerium mit.")
    (src / "a.txt").write_text("Gespräche in Kairo gehen weiter\n\n" + body + "\n", encoding="utf-8")
    (src / "b.txt").write_text("Verhandlungen in Kairo\n\n" + body.replace("2,5", "2,7") + "\n", encoding="utf-8")
    out = tmp_path / "pkg"
    build(src, out)
    import polars as pl

    articles = pl.read_csv(out / "tables" / "articles.csv")
    assert set(articles["language"]) == {"de"}
    figures = pl.read_csv(out / "tables" / "figures.csv").filter(pl.col("article_id") == "a")
    assert figures.select("text", "value").rows() == [("mehr als 40.000", 40000.0), ("2,5 Prozent", 2.5),
                                                      ("1,2 Milliarden Euro", 1.2e9)]
    assert validate(out).flatten(["type", "resource", "row"]) == []
    # the validator reads German figures as the build did: a value changed is caught
    path = out / "tables" / "figures.csv"
    table = path.read_text(encoding="utf-8")
    assert ",mehr als 40.000,40000,40000," in table
    path.write_text(table.replace(",mehr als 40.000,40000,40000,", ",mehr als 40.000,40,40,", 1), encoding="utf-8")
    errors = validate(out).flatten(["type", "resource", "row"])
    assert ["derived-mismatch", "figures", 2] in errors


def split(text, language):
    from newsprov.dataset.segment import sentences

    return [text[a:b] for a, b in sentences(text, 0, len(text), language)]


def test_a_day_written_as_an_ordinal_ends_no_sentence_where_the_language_writes_days_so():
    german = "Die Gespräche begannen am 25. August in Kairo. Sie dauerten bis zum 3. September an."
    assert split(german, "de") == ["Die Gespräche begannen am 25. August in Kairo.", "Sie dauerten bis zum 3. September an."]
    assert split("Rozmowy zaczęły się 25. sierpnia w Kairze. Trwały długo.", "pl")[0] == "Rozmowy zaczęły się 25. sierpnia w Kairze."
    # in English a number can end a sentence before one that opens with a month's name
    assert split("It rose 5. May was worse.", "en") == ["It rose 5.", "May was worse."]


def test_an_initial_is_an_initial_in_any_script():
    assert split("Пресс-секретарь Д. Песков заявил. Это было вчера.", "ru") == [
        "Пресс-секретарь Д. Песков заявил.", "Это было вчера."]


def test_words_in_capitals_are_read_as_in_lower_case():
    assert readings("YAKLAŞIK 300 kişi, 5 MİLYON lira", "tr") == [
        ("YAKLAŞIK 300", 300.0, "approximate", None, "digits"), ("5 MİLYON lira", 5e6, "exact", "lira", "currency")]
    assert readings("RUND 300 Soldaten und 1,2 MILLIARDEN EURO", "de") == [
        ("RUND 300", 300.0, "approximate", None, "digits"), ("1,2 MILLIARDEN EURO", 1.2e9, "exact", "euro", "currency")]


def test_any_text_reads_without_error_and_every_figure_is_its_span():
    from hypothesis import given, settings, strategies as st

    alphabet = st.sampled_from(list("0123456789 .,%€$£-–/:\n\"«»“„") + ["\u00a0", "\u202f", "R$", "r$", "Kč", "MİLYON", "YAKLAŞIK ",
                                                                      "yaklaşık ", "Uhr", "25. August", "de agosto",
                                                                      "Milliarden", "млрд", "d'euros", "km²"])

    @settings(max_examples=500, deadline=None, derandomize=True)
    @given(st.lists(alphabet, max_size=40).map("".join), st.sampled_from(["de", "fr", "tr", "es", "ru", "ko"]))
    def check(text, language):
        for f in extract_figures(text, language):
            assert f.end > f.start and text[f.start:f.end] == f.text
        for q in extract_quotes(text, language):
            assert q.end > q.start and text[q.start:q.end] == q.text

    check()
