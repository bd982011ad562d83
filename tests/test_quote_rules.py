"""Spec tests for the quote rule table (newsprov.dataset.extract.quotes.rules): each rule
tried alone on a small invented context, the refiners, the derived method list, and the
sentence splitter every rule shares (expected values hand-written)."""
import dataclasses
import re
from pathlib import Path

import pytest

from newsprov.dataset.extract.quotes import extract_quotes
from newsprov.dataset.extract.quotes.attribution import Attribution
from newsprov.dataset.extract.quotes.rules import (
    QUOTE_METHODS, REFINERS, RULES, Previous, QuoteContext, attribute, pronoun_resolved,
)
from newsprov.dataset.extract.quotes.sentences import (
    has_sentence_end, is_sentence_initial, sentence_breaks, sentence_end, sentence_start,
)

RULE = {r.slug: r for r in RULES}
REFINER = {r.slug: r for r in REFINERS}


def words(ctx, span):
    return ctx.text[span[0]:span[1]]


def found(slug, text, prev=None, index=0):
    """What one rule finds for quote ``index`` of ``text``, tried on its own."""
    ctx = QuoteContext.of_text(text, prev, index)
    assert RULE[slug].applies(ctx), f"{slug} does not apply"
    return ctx, RULE[slug].finds(ctx)


def test_rules_are_ordered_with_unique_slugs_and_refiners_follow():
    slugs = [r.slug for r in RULES]
    assert len(slugs) == len(set(slugs))
    assert slugs[:2] == ["passive-agent", "speaker-after"]  # the words right after the quote come first
    assert slugs.index("reported-speech") < slugs.index("continued") < slugs.index("sentence-subject")
    assert [r.slug for r in REFINERS] == ["outer-source", "label"]
    # a rule's slug is the name of the function that finds (speaker_after: speaker-after)
    assert all(r.slug == r.finds.__name__.replace("_", "-") for r in RULES)
    assert all(r.slug == r.refines.__name__.replace("_", "-") for r in REFINERS)


def test_quote_methods_are_derived_from_the_rules_and_match_the_schema():
    from newsprov.schemas.quotes import QUOTE_METHODS as SCHEMA_METHODS

    assert set(QUOTE_METHODS) == {m for r in (*RULES, *REFINERS) for m in r.methods} | {
        "quote-marks/no-speaker", "quote-marks/pronoun-resolved", "quote-marks/other-language"}
    assert set(SCHEMA_METHODS) == set(QUOTE_METHODS) | {"curated"}


def test_every_method_the_package_writes_is_declared_by_a_rule():
    import newsprov.dataset.extract.quotes as package

    source = "".join(p.read_text() for p in sorted(Path(package.__file__).parent.glob("*.py")))
    assert set(re.findall(r'"(quote-marks/[a-z-]+)"', source)) <= set(QUOTE_METHODS)


def test_attributions_are_frozen_and_refined_into_new_ones():
    attr = Attribution((0, 2, "pronoun"), (3, 7), "quote-marks/speaker-after")
    with pytest.raises(dataclasses.FrozenInstanceError):
        attr.method = "quote-marks/label"
    resolved = pronoun_resolved(attr)
    assert resolved.method == "quote-marks/pronoun-resolved" and attr.method == "quote-marks/speaker-after"
    assert pronoun_resolved(Attribution((0, 2, "pronoun"), None, "quote-marks/same-paragraph")).method \
        == "quote-marks/same-paragraph"


def test_passive_agent_alone():
    ctx, attr = found("passive-agent", "The plan was called “a waste of money” by Mayor Ann Reyes on Monday.")
    assert attr.method == "quote-marks/passive-agent"
    assert words(ctx, attr.np) == "Mayor Ann Reyes" and words(ctx, attr.cue) == "called"


def test_passive_agent_does_not_apply_to_a_quote_opening_its_sentence():
    ctx = QuoteContext.of_text("“We will win,” Jane Doe said.")
    assert ctx.opens_sentence and not RULE["passive-agent"].applies(ctx)


def test_speaker_after_alone():
    ctx, attr = found("speaker-after", "“We will win,” Jane Doe said.")
    assert attr.method == "quote-marks/speaker-after"
    assert words(ctx, attr.np) == "Jane Doe" and words(ctx, attr.cue) == "said"
    ctx, attr = found("speaker-after", "“We will win,” said Jane Doe, the mayor.")
    assert attr.method == "quote-marks/cue-speaker-after" and words(ctx, attr.np).startswith("Jane Doe")


def test_speaker_after_leaves_a_reporters_clause_alone():
    # a verb after the quote that is no speech verb, inside the reporter's sentence
    ctx, attr = found("speaker-after", "When Lee called it “a tax,” Ray walked out of the room.")
    assert attr is None


def test_according_to_alone():
    ctx, attr = found("according-to", "The talks will resume within “a few days”, according to the ministry.")
    assert attr.method == "quote-marks/according-to" and words(ctx, attr.np) == "the ministry"


def test_reported_speech_alone():
    ctx, attr = found("reported-speech", "Ann Reyes said the plan was “a disaster” for the town.")
    assert attr.method == "quote-marks/reported-speech"
    assert words(ctx, attr.np) == "Ann Reyes" and words(ctx, attr.cue) == "said"


def test_continued_takes_the_previous_quotes_speaker_in_the_same_paragraph():
    text = "“The way I see it,” Tom Ray said, “no one asked us.”"
    prev = Previous(para_start=0, speaker="Tom Ray", attr=Attribution((20, 27, "name"), (28, 32), "quote-marks/speaker-after"),
                    end=18, speaker_kind="person")
    ctx, attr = found("continued", text, prev=prev, index=1)
    assert ctx.text[ctx.start:ctx.end] == "no one asked us."
    assert attr.method == "quote-marks/same-paragraph" and attr.np == (20, 27, "name")
    assert attr.inherited == ("Tom Ray", "person")


def test_continued_needs_a_previous_quote():
    ctx = QuoteContext.of_text("“No one asked us.”")
    assert not RULE["continued"].applies(ctx)


def test_previous_sentence_alone():
    ctx, attr = found("previous-sentence", "Ann Reyes said on Monday the plan was dead. “It will not pass.”")
    assert attr.method == "quote-marks/previous-sentence" and words(ctx, attr.np) == "Ann Reyes"


def test_colon_intro_alone():
    ctx, attr = found("colon-intro", "Later that day the mayor, Ann Reyes, told reporters:\n“We will rebuild.”")
    assert attr.method == "quote-marks/colon-intro" and "Ann Reyes" in words(ctx, attr.np)
    ctx, attr = found("colon-intro", "Added Ann Reyes:\n“We will rebuild.”")
    assert attr.method == "quote-marks/colon-intro" and words(ctx, attr.np) == "Ann Reyes"


def test_credit_line_alone():
    ctx, attr = found("credit-line", "“Never give up on a neighbour.”\n- Ann Reyes.")
    assert attr.method == "quote-marks/credit-line" and words(ctx, attr.np) == "Ann Reyes" and attr.cue is None


def test_speaker_after_clause_alone():
    ctx, attr = found("speaker-after-clause", "“We will leave” if the talks fail, Ann Reyes said.")
    assert attr.method == "quote-marks/speaker-after-clause"
    assert words(ctx, attr.np) == "Ann Reyes" and words(ctx, attr.cue) == "said"


def test_sentence_subject_alone():
    ctx, attr = found("sentence-subject", "Ann Reyes wants the town to be “a place for everyone” again.")
    assert attr.method == "quote-marks/sentence-subject" and words(ctx, attr.np) == "Ann Reyes"
    assert attr.cue is None


def test_between_quotes_alone():
    text = "“We will win,” said Ann Reyes. Reyes added that the vote was close. “They know it.”"
    prev = Previous(para_start=0, speaker="Ann Reyes", attr=Attribution((20, 29, "name"), (15, 19), "quote-marks/cue-speaker-after"),
                    end=13, speaker_kind="person")
    ctx, attr = found("between-quotes", text, prev=prev, index=1)
    assert attr.method == "quote-marks/previous-sentence"
    assert words(ctx, attr.np) == "Reyes" and words(ctx, attr.cue) == "added"


def test_speech_goes_on_alone():
    text = ("The plan is dead, Ann Reyes said. Voters can still win, but only when "
            "“the town hall listens to every one of them.”")
    ctx, attr = found("speech-goes-on", text)
    assert attr.method == "quote-marks/previous-sentence" and words(ctx, attr.np) == "Ann Reyes"


def test_speech_goes_on_leaves_a_few_words_as_scare_quotes():
    ctx = QuoteContext.of_text("The plan is dead, Ann Reyes said. Voters want a “fresh start” now.")
    assert not RULE["speech-goes-on"].applies(ctx)


def test_after_intro_phrase_alone():
    text = "“We will win,” Ann Reyes said. For others, “the vote is already lost.”"
    prev = Previous(para_start=0, speaker="Ann Reyes", attr=Attribution((15, 24, "name"), (25, 29), "quote-marks/speaker-after"),
                    end=13, speaker_kind="person")
    ctx, attr = found("after-intro-phrase", text, prev=prev, index=1)
    assert attr.method == "quote-marks/same-paragraph" and attr.inherited == ("Ann Reyes", "person")
    assert words(ctx, attr.np) == "Ann Reyes"


def test_outer_source_refines_only_what_the_words_after_the_quote_found():
    ctx = QuoteContext.of_text("“We will win,” Jane Doe said, according to the Daily Clarion.")
    attr = RULE["speaker-after"].finds(ctx)
    assert REFINER["outer-source"].applies(ctx, "speaker-after", attr)
    assert not REFINER["outer-source"].applies(ctx, "reported-speech", attr)
    refined = REFINER["outer-source"](ctx, "speaker-after", attr)
    assert words(ctx, refined.np) == "the Daily Clarion" and words(ctx, attr.np) == "Jane Doe"


def test_the_first_rule_that_finds_wins_then_the_refiners_look():
    ctx = QuoteContext.of_text("“We will win,” Jane Doe said, according to the Daily Clarion.")
    attr = attribute(ctx)
    # the outer source of the sentence refines what speaker-after found
    assert attr.method == "quote-marks/according-to" and words(ctx, attr.np) == "the Daily Clarion"
    assert RULE["speaker-after"].finds(ctx).method == "quote-marks/speaker-after"


def test_label_refiner_returns_a_new_attribution():
    ctx = QuoteContext.of_text("Ann Reyes joined a group called “Friends of the Park” last year.")
    before = Attribution((0, 9, "name"), None, "quote-marks/sentence-subject")
    assert REFINER["label"].applies(ctx, "sentence-subject", before)
    after = REFINER["label"](ctx, "sentence-subject", before)
    assert after == Attribution(None, None, "quote-marks/label")
    assert before.method == "quote-marks/sentence-subject" and before.np == (0, 9, "name")


def test_no_rule_no_speaker():
    assert attribute(QuoteContext.of_text("“Rain, then sun.”")).method == "quote-marks/no-speaker"


# -- the shared sentence splitter --------------------------------------------------------

SENTENCES = "Sen. Ann Reyes spoke first. J. R. Smith left at noon. Then it rained! “Why?” she asked. The end."


def test_sentence_breaks_skip_abbreviations_and_initials():
    starts = [m.end() for m in sentence_breaks(SENTENCES, 0, len(SENTENCES))]
    assert [SENTENCES[s:s + 6] for s in starts] == ["J. R. ", "Then i", "“Why?”", "The en"]


def test_every_sentence_bound_comes_from_the_one_splitter():
    text = SENTENCES
    assert sentence_start(text, 0, text.index("Smith")) == text.index("J. R.")
    assert sentence_start(text, 0, text.index("rained")) == text.index("Then")
    assert sentence_start(text, 0, text.index("asked")) == text.index("“Why?”")
    assert sentence_start(text, text.index("Ann"), text.index("first")) == text.index("Ann")  # (not before the paragraph)
    assert sentence_end(text, 0, len(text)) == text.index("first.") + len("first.")
    assert has_sentence_end(text, 0, 20) is False and has_sentence_end(text, 0, 30) is True
    assert is_sentence_initial(text, text.index("Then")) and not is_sentence_initial(text, text.index("Ann"))
    assert is_sentence_initial(text, text.index("R. Smith")) is False


def test_extract_quotes_uses_the_rule_table():
    q = extract_quotes("“We will win,” Jane Doe said.")[0]
    assert q.method in QUOTE_METHODS and q.speaker == "Jane Doe"
