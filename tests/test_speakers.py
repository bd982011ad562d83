"""Spec tests: a quote's canonical speaker is a person, organisation, group or role, named as the
article names it (invented sentences; expected values written by hand)."""

import pytest

from newsprov.dataset.extract.quotes import extract_quotes
from newsprov.dataset.extract.speakers import Evidence, name_kind, nominal_kind


def speakers(text):
    return [(q.speaker, q.speaker_kind) for q in extract_quotes(text)]


def speaker_of(text, quoted):
    (q,) = [q for q in extract_quotes(text) if q.text.startswith(quoted)]
    return q.speaker, q.speaker_kind


# --- roles stand for the person the article names --------------------------------------------

def test_a_description_stands_for_the_one_person_the_article_gives_that_title():
    text = ("Texas Gov. Jim Hale vetoed the bill on Friday. Lawmakers had passed it in May.\n\n"
            "“It was a bad bill from the start,” the Texas governor said.")
    assert speaker_of(text, "It was") == ("Jim Hale", "person")


def test_a_lowercase_title_and_an_apposition_also_give_a_person_a_title():
    assert speaker_of("Former Ohio governor Ann Reyes spoke first. “We must act,” the former governor said.", "We must") == ("Ann Reyes", "person")
    assert speaker_of("Ann Reyes, the Ohio senator, spoke first. “We must act,” the senator said.", "We must") == ("Ann Reyes", "person")


def test_a_description_right_after_a_persons_quote_stands_for_that_person():
    text = ("Republican presidential candidate Jim Hale released a new ad on Tuesday.\n\n"
            "“I am not ashamed of my faith,” says Hale.\n\n"
            "“I will end this war on religion,” the Texas governor continues.")
    assert speaker_of(text, "I will end") == ("Jim Hale", "person")


def test_a_description_the_article_introduces_as_someone_else_stays_a_role():
    text = ("“We will win,” Jim Hale said. A governor from a neighbouring state disagreed.\n\n"
            "“He will lose,” the governor said.")
    assert speaker_of(text, "He will lose") == ("governor", "role")


def test_an_anonymous_role_stays_a_role():
    text = "Jim Hale spoke on Monday. “Talks were constructive,” a U.S. official said."
    assert speaker_of(text, "Talks") == ("U.S. official", "role")


# --- he and she stand for a person, and for a subject before an object ------------------------

def test_a_pronoun_prefers_the_subject_to_a_nearer_object():
    text = ("Jim Hale and Rob Marsh met on Monday.\n\n"
            "In an interview with Fox News, Hale also attacked Marsh for what he called an “utter failure on jobs.”")
    assert speaker_of(text, "utter") == ("Jim Hale", "person")


def test_a_pronoun_does_not_stand_for_a_name_after_a_preposition_or_in_an_apposition():
    text = ("Rep. Tom Weaver spoke on Sunday.\n\n"
            "The congressman also worried about his wife, Ana Ruiz, a longtime aide to Secretary of State Mary Major. "
            "“I am protecting my wife,” he told CNN.")
    assert speaker_of(text, "I am protecting") == ("Tom Weaver", "person")


def test_a_pronoun_never_stands_for_a_place():
    text = "Ana Ruiz grew up in Ohio. She moved to New York in 2001.\n\n“It was a good year,” she said."
    assert speaker_of(text, "It was") == ("Ana Ruiz", "person")


def test_a_pronoun_never_stands_for_an_organisation():
    text = ("Tom Weaver gave an interview to Fox News on Tuesday. Fox News aired it twice.\n\n"
            "“We will not back down,” he said.")
    assert speaker_of(text, "We will") == ("Tom Weaver", "person")


def test_names_inside_a_quotation_are_not_what_a_pronoun_after_it_stands_for():
    text = ("Prime Minister Dan Ezra appeared on television on Sunday.\n\n"
            "“Sen. Ann Cole has said that she is determined to act,” he said.")
    assert speaker_of(text, "Sen. Ann Cole") == ("Dan Ezra", "person")


def test_it_and_they_stay_unresolved():
    assert speakers("“We are ready,” they said.") == [(None, "unresolved")]


# --- names as news style sets them ------------------------------------------------------------

def test_titles_party_labels_and_departments_are_not_part_of_a_name():
    assert speaker_of("“It is over,” said Arizona Sheriff Joe Ortiz.", "It is") == ("Joe Ortiz", "person")
    assert speaker_of("Democrat Ann Reyes called it “a disgrace.”", "a disgrace") == ("Ann Reyes", "person")
    assert speaker_of("Secretary of State Mary Major said the talks were “productive and frank.”", "productive") == ("Mary Major", "person")
    assert speaker_of("“We agree,” said AARP CEO A. Barry Rand.", "We agree") == ("A. Barry Rand", "person")


def test_a_possessor_does_not_speak_for_the_person_it_possesses():
    assert speakers("“This is a hoax,” said Clinton’s top foreign policy aide Jake Sullivan.")[0][0] != "Clinton’s"
    assert speakers("“This is a hoax,” said Clinton’s top foreign policy aide Jake Sullivan.")[0][0] != "Clinton"


def test_a_document_speaks_for_its_named_author_and_otherwise_names_no_one():
    assert speaker_of("Jim Hale is on the air. “Faith made us strong,” the Hale ad says.", "Faith") == ("Jim Hale", "person")
    assert speaker_of("“The plan is sound,” the report said.", "The plan") == (None, "unresolved")


def test_a_header_word_is_no_speaker_label():
    text = "Updated: Jim Hale on Sunday tried to clarify his comment that “we are all part of one great and proud nation.”"
    assert [q.speaker_mention for q in extract_quotes(text)] != ["Updated"]


def test_a_capitalised_common_word_opening_a_sentence_is_no_speaker():
    text = ("The vote was close. Close to midnight, the senators left.\n\n"
            "Close said the plan was “fiscally irresponsible and grossly unfair to workers.”")
    assert speaker_of(text, "fiscally")[0] != "Close"


@pytest.mark.parametrize("phrase,kind", [
    ("U.S. official", "role"), ("43-year-old", "role"), ("columnist", "role"), ("protesters", "group"),
    ("Democratic lawmakers", "group"), ("campaign", "organisation"), ("Israeli military", "organisation"),
    ("report", None), ("same time", None), ("snarky", None), ("measure three", None),
])
def test_a_description_is_a_speaker_by_its_head_noun(phrase, kind):
    assert nominal_kind(phrase) == kind


@pytest.mark.parametrize("name,kind", [
    ("Jim Hale", "person"), ("NAACP", "organisation"), ("Fox News", "organisation"), ("White House", "organisation"),
    ("Democrats", "group"), ("House Republicans", "group"), ("DNC Communications Director", "role"),
    ("R-Texas", None), ("Ill.", None), ("Updated", None), ("Tuesday", None), ("comments signal Ryan", None),
    ("Hale", "unresolved"), ("Obama’s", None),
])
def test_a_name_is_a_speaker_by_its_words(name, kind):
    assert name_kind(name) == kind


def test_the_article_tells_a_place_and_a_common_word_from_a_name():
    evidence = Evidence("Crowds gathered in New York. The vote was close. Gov. Jim Hale of Texas spoke to Hale supporters.")
    assert name_kind("New York", evidence) is None
    assert name_kind("Texas", evidence) is None
    assert name_kind("Close", evidence) is None
    assert name_kind("Hale", evidence) == "person"  # a title before it somewhere in the article


def test_an_apposition_or_a_naming_phrase_makes_a_name_an_organisations():
    evidence = Evidence("Fair Way, a moderate Democratic group in Washington, disagreed. A coalition of groups called "
                        "Protect Our Pensions has railed against cuts.")
    assert name_kind("Fair Way", evidence) == "organisation"
    assert name_kind("Protect Our Pensions", evidence) == "organisation"
    assert name_kind("Fair Way") == "person"  # (nothing else tells)


def test_two_people_named_together_are_a_group_and_a_name_cut_from_a_longer_one_is_none():
    assert name_kind("Frank Lee and Jo Park") == "group"
    assert speakers("Ed Wolf, the founder of Freedom to Marry, a gay rights group, said that now “there is a chance to win.”")[0][0] != "Marry"


@pytest.mark.parametrize("name", ["Ames Straw Poll", "Veterans War Memorial Building", "Affordable Care Act", "DC", "U.S."])
def test_events_laws_buildings_and_place_abbreviations_are_no_speakers(name):
    assert name_kind(name) is None


def test_a_headline_label_naming_an_ad_is_the_ads_author():
    text = "Hale TV Ad: I Can Defend Our “Faith and Families from Washington”\n\nJim Hale released the ad on Tuesday."
    assert speaker_of(text, "Faith") == ("Jim Hale", "person")


def test_a_capitalised_description_opening_a_sentence_is_written_in_lower_case():
    assert speaker_of("Critics said the plan was “dead on arrival in the Senate.”", "dead") == ("critics", "group")


def test_a_state_after_a_city_and_where_a_person_comes_from_are_places():
    evidence = Evidence("Clinton, during a town hall meeting in Columbus, Ohio, spoke. The senator from Vermont said so.")
    assert name_kind("Ohio", evidence) is None and name_kind("Vermont", evidence) is None


def test_a_title_case_headline_names_only_what_the_body_capitalises():
    text = ("9 Offensive Things Jim Hale Has Said About Voters\n\n"
            "A year ago it seemed unlikely that Jim Hale would win. “They are lazy,” Hale said in May.\n\n"
            "“They are worse,” he said.")
    assert [q.speaker for q in extract_quotes(text)] == ["Jim Hale", "Jim Hale"]


@pytest.mark.parametrize("name", ["ROLL TIDE Alabama", "To Ben Carson", "Wherever Ann Reyes"])
def test_headline_capitals_and_a_leading_preposition_are_not_a_name(name):
    from newsprov.dataset.extract.quotes.name_forms import canonical

    canon = canonical(name, "name")
    assert canon in ("Ben Carson", "Ann Reyes") or name_kind(canon) is None


def test_a_headline_run_names_only_what_the_body_names_ending_where_a_body_name_ends():
    text = ("Jim Hale Twitter Photo Scandal: Congressman Breaks His Silence\n\n"
            "A day after telling reporters that he was done, Congressman Jim Hale (D-N.Y.) broke his silence Wednesday "
            "about a photo sent from his Twitter account.\n\n"
            "“This was a prank,” he told reporters.")
    assert speaker_of(text, "This was") == ("Jim Hale", "person")


def test_compound_modifiers_and_an_organisations_director_are_not_misnamed():
    assert name_kind("Kansas City-area") is None
    evidence = Evidence("Ann Cole, the group’s executive director, said so. Log Cabin, a gay rights group, agreed.")
    assert name_kind("Ann Cole", evidence) == "person" and name_kind("Log Cabin", evidence) == "organisation"


def test_a_party_named_at_a_sentence_start_keeps_its_capital():
    text = "The bill angered Democrats in the House. Democrats said the bill was “a betrayal of every worker in the state.”"
    assert speaker_of(text, "a betrayal") == ("Democrats", "group")


def test_a_headline_run_is_cut_after_the_last_word_ending_a_name_the_body_uses():
    from newsprov.dataset.extract.quotes.name_forms import known_names

    text = "Jim Hale Twitter Photo Scandal"
    assert known_names(text, [(0, text.split())], {"Hale", "Reyes"}) == [(0, ["Jim", "Hale"])]
