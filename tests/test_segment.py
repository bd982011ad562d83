"""Paragraph kinds and sentence boundaries follow news-writing conventions."""

from newsprov.dataset.segment import paragraphs, sentences


def kinds(text):
    return [(b.kind, text[b.start:b.end]) for b in paragraphs(text)]


def split(text):
    return [text[s:e] for s, e in sentences(text, 0, len(text))]


def test_masthead_section_headline_then_body():
    text = "Daily Globe\nWorld\n\nLeaders Meet In Geneva For Talks\n\nLeaders met on Monday. They talked.\n\nRelated posts"
    assert kinds(text) == [
        ("heading", "Daily Globe"),
        ("heading", "World"),
        ("headline", "Leaders Meet In Geneva For Talks"),
        ("body", "Leaders met on Monday. They talked."),
        ("heading", "Related posts"),
    ]


def test_dateline_header_caption_and_credit():
    text = " date 2024-08-26 A man walks past rubble. Photograph: EPA\n\nThe strike hit at dawn, officials said.\n\n(With agency inputs)"
    assert kinds(text) == [
        ("dateline", "date 2024-08-26"),
        ("caption", "A man walks past rubble. Photograph: EPA"),
        ("body", "The strike hit at dawn, officials said."),
        ("credit", "(With agency inputs)"),
    ]


def test_single_newline_files_have_one_paragraph_per_line():
    assert [k for k, _ in kinds("First line here, he said.\nSecond line here.\n")] == ["body", "body"]


def test_abbreviations_initials_and_quotes_do_not_split():
    text = 'Rear Adm. Daniel Hagari spoke. Gen. C.Q. Brown arrived Aug. 25 in the U.S. capital. "We are ready." He left.'
    assert split(text) == ["Rear Adm. Daniel Hagari spoke.", "Gen. C.Q. Brown arrived Aug. 25 in the U.S. capital.", '"We are ready."', "He left."]


def test_initialism_at_the_end_of_a_sentence():
    assert split("Troops returned to the U.S. The war ended.") == ["Troops returned to the U.S.", "The war ended."]


def test_no_before_a_number_is_not_an_end():
    assert split("He was ranked No. 5 in the poll. She said no. Then she left.") == ["He was ranked No. 5 in the poll.", "She said no.", "Then she left."]
