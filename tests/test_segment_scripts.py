"""Sentence ends of other scripts split sentences; Latin-script behaviour is unchanged."""

from newsprov.dataset.segment import paragraphs, sentences


def split(text):
    return [text[s:e] for s, e in sentences(text, 0, len(text))]


def test_urdu_full_stop_and_question_mark_end_sentences():
    text = "وزیر نے کہا کہ بات چیت جاری رہے گی۔ اجلاس پیر کو ہوگا۔کیا فیصلہ ہو گیا؟ ابھی نہیں۔"
    assert split(text) == ["وزیر نے کہا کہ بات چیت جاری رہے گی۔", "اجلاس پیر کو ہوگا۔", "کیا فیصلہ ہو گیا؟", "ابھی نہیں۔"]


def test_devanagari_danda_ends_sentences():
    text = "मंत्री ने कहा कि बातचीत जारी रहेगी। बैठक सोमवार को होगी॥ क्या फैसला हुआ?"
    assert split(text) == ["मंत्री ने कहा कि बातचीत जारी रहेगी।", "बैठक सोमवार को होगी॥", "क्या फैसला हुआ?"]


def test_cjk_full_width_marks_end_sentences_without_spaces():
    text = "部长说谈判将继续。会议周一举行！结果如何？「尚未决定。」他说。"
    assert split(text) == ["部长说谈判将继续。", "会议周一举行！", "结果如何？", "「尚未决定。」", "他说。"]


def test_latin_mark_before_a_caseless_script_ends_a_sentence():
    assert split("The talks ended. اجلاس پیر کو ہوگا۔") == ["The talks ended.", "اجلاس پیر کو ہوگا۔"]


def test_latin_mark_before_lower_case_still_does_not_split():
    assert split("Use e.g. the bridge. Then go.") == ["Use e.g. the bridge.", "Then go."]


def test_urdu_lines_ending_in_a_full_stop_are_body_not_headings():
    text = "بلائنڈ کرکٹ ورلڈ کپ\n\nپاکستان نے میچ جیت لیا۔ ٹیم اگلے ہفتے واپس آئے گی۔"
    assert [b.kind for b in paragraphs(text)] == ["headline", "body"]
