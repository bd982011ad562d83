"""Spec tests for which spellings are one name."""

from newsprov.dataset.extract.names import variant_key


def test_transliterations_share_a_key_but_consonant_changes_do_not():
    assert variant_key("Hizbullah") == variant_key("Hezbollah")
    assert variant_key("Binyamin Netanyahu") == variant_key("Benjamin Netanyahu")
    assert variant_key("Gaddafi") != variant_key("Qaddafi")


def test_punctuation_and_case_do_not_make_another_name():
    assert variant_key("U.S. official") == variant_key("US official")


def test_short_names_must_match_exactly():
    assert variant_key("Dana") != variant_key("Dina")
