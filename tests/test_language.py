"""articles.language is detected from the text (CLD2), not assumed: `und` when the detector is unsure."""

from __future__ import annotations

import polars as pl
import pytest

from newsprov.dataset.build import build
from newsprov.dataset.language import detect_language
from newsprov.schemas.articles import LANGUAGE

# Invented sentences, one short news paragraph per language.
TEXTS = {
    "en": "The ceasefire talks in Cairo ended on Sunday without an agreement, two officials said, "
          "and negotiators will meet again next week to discuss the prisoner exchange.",
    "ur": "قاہرہ میں جنگ بندی کے مذاکرات اتوار کو کسی معاہدے کے بغیر ختم ہو گئے، دو حکام نے بتایا۔ "
          "مذاکرات کار اگلے ہفتے قیدیوں کے تبادلے پر بات کرنے کے لیے دوبارہ ملیں گے۔",
    "hi": "काहिरा में युद्धविराम वार्ता रविवार को बिना किसी समझौते के समाप्त हो गई, दो अधिकारियों ने कहा। "
          "वार्ताकार अगले सप्ताह कैदियों की अदला-बदली पर चर्चा के लिए फिर मिलेंगे।",
    "zh": "两名官员说，开罗的停火谈判周日结束，没有达成任何协议。谈判代表将于下周再次会面，讨论交换囚犯问题。",
    "fr": "Les négociations de cessez-le-feu au Caire se sont achevées dimanche sans accord, ont indiqué deux "
          "responsables, et les négociateurs se retrouveront la semaine prochaine.",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_a_news_paragraph_gets_its_language(code):
    assert detect_language(TEXTS[code]) == code


@pytest.mark.parametrize("text", ["", "Hi", "12 34 56", "--- * ---", "OK Cairo"])
def test_too_little_text_is_undetermined_not_english(text):
    assert detect_language(text) == "und"


def test_control_characters_do_not_break_detection():
    assert detect_language("\x83\x00" + TEXTS["en"] + "\x9d") == "en"


def test_detection_is_deterministic():
    assert {detect_language(TEXTS["ur"]) for _ in range(5)} == {"ur"}


def test_every_answer_fits_the_schema_rule():
    import re

    for text in [*TEXTS.values(), "部長說談判將繼續。會議週一舉行。目前還沒有做出任何決定，官員們說。"]:
        assert re.fullmatch(LANGUAGE, detect_language(text))


def test_a_built_folder_labels_each_article_by_its_text(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for code in ("en", "ur", "hi"):
        (src / f"{code}_story.txt").write_text(f"Headline\n\n{TEXTS[code]}\n", encoding="utf-8")
    (src / "tiny.txt").write_text("Cairo\n\nOK.\n", encoding="utf-8")
    build(src, tmp_path / "pkg")
    articles = pl.read_csv(tmp_path / "pkg" / "tables" / "articles.csv")
    assert dict(articles.select("article_id", "language").iter_rows()) == {
        "en_story": "en", "ur_story": "ur", "hi_story": "hi", "tiny": "und"}


def test_cleaning_keeps_every_printable_text_as_it_is_and_drops_only_what_cld2_refuses():
    from newsprov.dataset.language import _clean

    assert _clean("Line one\n\tline two") == "Line one\n\tline two"
    assert _clean("ab\u200cز\xa0c") == "ab\u200cز\xa0c"  # ZWNJ and no-break space are text (Cf, Zs)
    assert _clean("a\x00b\x9dc\ue000d\U0010fffde\r\n") == "abcde\n"  # C0/C1 controls, private use, unassigned
