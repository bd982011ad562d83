"""Scripts written without spaces (Chinese, Japanese, Thai...): words are counted and compared
without a space to find them (invented sentences)."""

from __future__ import annotations

import polars as pl

from newsprov.dataset.compare.drift.words import tokens
from newsprov.dataset.extract.quotes.extract import extract_quotes
from newsprov.dataset.segment import paragraphs
from newsprov.lang.words import WORD_RE, word_count

LEAD = "北京举行国际气候会议\n\n北京，3月12日电——第五届国际气候合作会议12日在北京开幕，来自40多个国家的代表出席了会议。"


def test_words_are_counted_in_any_script():
    assert word_count("Mediators met in Cairo on Sunday") == 6
    assert word_count("北京举行国际气候会议") == 5  # ten characters, about two each to a word
    assert word_count("会议 in 北京") == 3


def test_each_character_of_a_spaceless_script_is_a_token_and_other_words_are_as_before():
    assert [m.group() for m in WORD_RE.finditer("U.S. Israel's 150,000 cease-fire")] == ["U.S", "Israel's", "150,000", "cease-fire"]
    assert [m.group() for m in WORD_RE.finditer("减少百分之三十 by 2030年")] == ["减", "少", "百", "分", "之", "三", "十", "by", "2030", "年"]
    assert [t.text for t in tokens("减少2030年 U.S. talks")] == ["减", "少", "2030", "年", "U.S.", "talks"]


def test_a_chinese_headline_is_a_headline():
    kinds = [(LEAD[b.start:b.end], b.kind) for b in paragraphs(LEAD)]
    assert kinds[0] == ("北京举行国际气候会议", "headline")


def test_a_chinese_quotation_is_a_quotation_and_a_quoted_term_is_not():
    text = LEAD + "会议主席表示：“各国必须在2030年前将碳排放减少百分之三十。”\n\n他说，所谓“一带一路”合作仍在继续。\n"
    quoted = [text[q.start:q.end] for q in extract_quotes(text)]
    assert quoted == ["各国必须在2030年前将碳排放减少百分之三十。"]  # a statement; "Belt and Road" is a name


def test_two_chinese_versions_of_a_quotation_are_grouped_and_their_difference_is_a_drift(tmp_path):
    from conftest import built_drift_spans

    body = "\n\n与会代表讨论了可再生能源投资和森林保护等议题。去年全球可再生能源投资达到5000亿美元。\n"
    texts = {
        "a": LEAD + "会议主席表示：“各国必须在2030年前将碳排放减少百分之三十。”" + body,
        "b": LEAD + "会议主席表示：“各国必须在2030年前将碳排放减少百分之二十。”" + body,
    }
    spans = built_drift_spans(tmp_path, texts).filter(pl.col("kind") == "quote_wording")
    assert sorted(spans["text"]) == ["各国必须在2030年前将碳排放减少百分之三十。", "各国必须在2030年前将碳排放减少百分之二十。"]
