"""Spec tests for joining names across outlets."""

from newsprov.dataset.extract.names import spelling_groups, surname_targets


def test_a_surname_resolves_to_the_one_full_name_ending_with_it():
    assert surname_targets(["Hassan Nasrallah", "Nasrallah", "Hezbollah"]) == {"Nasrallah": "Hassan Nasrallah"}


def test_a_surname_shared_by_two_people_stays_unmerged():
    assert surname_targets(["Joe Biden", "Hunter Biden", "Biden"]) == {}


def test_roles_and_groups_are_not_surnames_of_anyone():
    assert surname_targets(["U.S. official", "official", "Israeli military", "military"]) == {}


def test_transliterations_are_grouped_but_consonant_changes_are_not():
    assert spelling_groups(["Hizbullah", "Hezbollah", "Gaddafi", "Qaddafi"]) == [["Hezbollah", "Hizbullah"]]
