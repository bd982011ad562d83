"""The attribution rules, in the order they are tried, and the refiners applied after them.

Each quote is seen through a :class:`QuoteContext` (its offsets, paragraph and sentence, and
the last quote before it that had a speaker). The rules of :data:`RULES` are tried in order:
the first that applies and finds an :class:`Attribution` wins. The refiners of
:data:`REFINERS` then look at the winner and may return another one (a rule or refiner never
changes the attribution it was given: it returns a new one). A quote no rule attributes is
``quote-marks/no-speaker``; a pronoun resolved to its antecedent is ``pronoun-resolved``.

Every method a row may carry is declared by the rule or refiner that records it, and
:data:`QUOTE_METHODS` is derived from those declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from newsprov.dataset.extract.quotes.after import (
    AFTER_CUE_METHODS, attr_after, attr_clause_after, attr_credit_line, attr_passive_agent, attr_pull_credit,
    attr_sourcing_after, own_complement,
)
from newsprov.dataset.extract.quotes.attribution import Attribution
from newsprov.dataset.extract.quotes.before import (
    attr_before, attr_poll, attr_possessive, attr_relative, lead_in, outer_speaker,
)
from newsprov.dataset.extract.quotes.cues import INVERTED_INTRO_RE, PARTICIPLE_LEAD_RE, cue_search
from newsprov.dataset.extract.quotes.lexicon import DETERMINERS, PERSONAL_PRONOUNS
from newsprov.dataset.extract.quotes.marks import QUOTE_CHARS, quote_spans, standard_marks
from newsprov.dataset.extract.quotes.nonquotes import MAX_SCARE_WORDS, is_label, quote_kind
from newsprov.dataset.extract.quotes.sentences import (
    Paragraphs, previous_paragraph_end, previous_sentence_start, sentence_end, sentence_start,
)
from newsprov.dataset.extract.quotes.subjects import LEADING, attr_subject, clause_subject

NO_SPEAKER = "quote-marks/no-speaker"
# A quotation in a text whose language the speaker rules do not read (extract.marked_only).
OTHER_LANGUAGE = "quote-marks/other-language"
PRONOUN_RESOLVED = "quote-marks/pronoun-resolved"


@dataclass(frozen=True)
class Previous:
    """The last quote before this one that had a speaker mention (what a quote with no
    attribution of its own may go on from)."""
    para_start: int
    speaker: str | None
    attr: Attribution
    end: int
    speaker_kind: str


@dataclass(frozen=True)
class QuoteContext:
    """One quote as the rules see it: offsets into ``text`` (its marks standardised)."""
    text: str
    start: int  # the quoted words (inside the marks)
    end: int
    closed: bool  # whether a closing mark follows ``end``
    close_end: int  # just after the closing mark
    next_open: int  # the next quote's opening mark (or the text's end)
    para_start: int  # the paragraph's first mark or letter
    para_end: int
    open_at: int  # the opening mark
    sent_start: int  # where the reporter's sentence holding the quote starts
    kind: str  # "full" or "partial"
    opens_sentence: bool  # nothing of the reporter's before the quote in its sentence
    lead_only: bool  # only a connective ("But", "Instead,") or a lone participle before it
    prev: Previous | None = None

    @classmethod
    def of(cls, text: str, spans: list[tuple[int, int, bool]], idx: int, paragraphs: Paragraphs,
           prev: Previous | None = None) -> QuoteContext:
        """The context of quote ``idx`` of ``spans`` (as marks.quote_spans finds them)."""
        start, end, closed = spans[idx]
        para_start = paragraphs.start(start)
        while para_start < start - 1 and text[para_start] in " \t\u00a0":
            para_start += 1  # (an indented paragraph starts at its first mark or letter)
        open_at = max(para_start, start - 1)
        # (the sentence-end lookahead needs to see the mark and first letter)
        ss = min(sentence_start(text, para_start, min(start + 1, len(text))), open_at)
        # does the quote open its sentence (nothing of the reporter's before it)?
        opens_sentence = not text[ss:open_at].strip(" \t\u00a0\"“‘'(—–-")
        # only a connective before the quote ("Instead, “he just...”", "But “..."):
        # it goes on from the sentence before, as a quote opening it would
        lead_only = not opens_sentence and LEADING.match(text, ss, open_at).end() >= open_at - 1 \
            and not text[ss:open_at].strip(" \t\u00a0\"“‘'(—–-,").lower() in {"then", "now"}
        # "Adding, “...”": a participle alone goes on from the speaker before
        lead_only = lead_only or PARTICIPLE_LEAD_RE.fullmatch(text, ss, open_at) is not None
        return cls(
            text=text, start=start, end=end, closed=closed, close_end=end + 1 if closed else end,
            next_open=spans[idx + 1][0] - 1 if idx + 1 < len(spans) else len(text),
            para_start=para_start, para_end=paragraphs.end(end), open_at=open_at, sent_start=ss,
            kind=quote_kind(text, start, end, para_start), opens_sentence=opens_sentence, lead_only=lead_only,
            prev=prev,
        )

    @classmethod
    def of_text(cls, text: str, prev: Previous | None = None, index: int = 0) -> QuoteContext:
        """The context of a text's quote number ``index`` (for trying a rule on its own)."""
        text = standard_marks(text)
        return cls.of(text, quote_spans(text), index, Paragraphs(text), prev)

    def sentence_end_after(self, pos: int) -> int:
        """End of the sentence running at ``pos`` (not past the paragraph)."""
        return sentence_end(self.text, pos, self.para_end)


@dataclass(frozen=True)
class Rule:
    """An attribution rule: where it applies, what it finds, the methods it records."""
    slug: str
    applies: Callable[[QuoteContext], bool]
    finds: Callable[[QuoteContext], Attribution | None]
    methods: tuple[str, ...]

    @classmethod
    def of(cls, applies: Callable[[QuoteContext], bool], finds: Callable[[QuoteContext], Attribution | None],
           methods: tuple[str, ...]) -> Rule:
        """A rule named after the function that finds (speaker_after: speaker-after)."""
        return cls(finds.__name__.replace("_", "-"), applies, finds, methods)

    def __call__(self, ctx: QuoteContext) -> Attribution | None:
        return self.finds(ctx) if self.applies(ctx) else None


@dataclass(frozen=True)
class Refiner:
    """A second look at the winning attribution (``found_by`` is the slug of the rule
    that found it): returns a new attribution, or the same one."""
    slug: str
    applies: Callable[[QuoteContext, str, Attribution], bool]
    refines: Callable[[QuoteContext, Attribution], Attribution]
    methods: tuple[str, ...]

    @classmethod
    def of(cls, applies: Callable[[QuoteContext, str, Attribution], bool],
           refines: Callable[[QuoteContext, Attribution], Attribution], methods: tuple[str, ...]) -> Refiner:
        """A refiner named after the function that refines (outer_source: outer-source)."""
        return cls(refines.__name__.replace("_", "-"), applies, refines, methods)

    def __call__(self, ctx: QuoteContext, found_by: str, attr: Attribution) -> Attribution:
        return self.refines(ctx, attr) if self.applies(ctx, found_by, attr) else attr


def _with_method(attr: Attribution | None, method: str) -> Attribution | None:
    return replace(attr, method=method) if attr is not None else None


def _inherit(prev: Previous, method: str) -> Attribution:
    """The previous quote's speaker goes on (its mention and cue, and its speaker as resolved)."""
    return Attribution(prev.attr.np, prev.attr.cue, method, inherited=(prev.speaker, prev.speaker_kind))


# -- the rules, in order ------------------------------------------------------------------

def passive_agent(ctx: QuoteContext) -> Attribution | None:
    """'was called “X” by Y': the agent of a passive naming verb."""
    return attr_passive_agent(ctx.text, ctx.sent_start, ctx.open_at, ctx.close_end, ctx.para_end)


def speaker_after(ctx: QuoteContext) -> Attribution | None:
    """The attribution in the words following the closing mark ("“...,” X said", "said X",
    "according to X"), unless the quote sits inside a reporter's sentence that goes on
    after it."""
    text = ctx.text
    attr = attr_after(text, ctx.start, ctx.end, ctx.close_end, ctx.para_end, ctx.next_open)
    if attr is None:
        return None
    if attr.method in AFTER_CUE_METHODS and not ctx.opens_sentence and attr.cue is not None \
            and own_complement(text, max(attr.cue[1], attr.np[1]), ctx.para_end):
        # "Trump claimed that “...,” one of the prosecutors said the cases
        # differ": the speech verb after the quote opens a report of its
        # own; the quote belongs to the speech verb before it
        return attr_before(text, ctx.sent_start, ctx.open_at) or attr
    if attr.method == "quote-marks/speaker-verb-after" and not ctx.opens_sentence:
        # a quote inside the reporter's sentence: a clause after it with a verb
        # that is no speech verb is the reporter's ("When Lee pointed out that it
        # is “a tax,” Ray seized on it", 'Titled “X,” the video pans around ...')
        return None
    return attr


def pull_credit(ctx: QuoteContext) -> Attribution | None:
    """A pull quote: a quotation paragraph and its speaker's name on the next line."""
    return attr_pull_credit(ctx.text, ctx.para_end)


def according_to(ctx: QuoteContext) -> Attribution | None:
    """"..., according to the Times." names the source of all the sentence reports."""
    return attr_sourcing_after(ctx.text, ctx.close_end, ctx.sentence_end_after(ctx.close_end))


def reported_speech(ctx: QuoteContext) -> Attribution | None:
    """Partial quotes and quotes introduced mid-sentence take the speaker of the
    reporter's sentence ("X said officials were “optimistic”")."""
    text, ss, open_at = ctx.text, ctx.sent_start, ctx.open_at
    attr = attr_before(text, ss, open_at)
    if attr is not None and ctx.kind == "partial" and attr.method == "quote-marks/speaker-before":
        attr = replace(attr, method="quote-marks/reported-speech")
    if attr is not None and attr.np is not None and attr.np[2] == "pronoun" and attr.np[0] > ss \
            and text[attr.np[0]:attr.np[1]] in PERSONAL_PRONOUNS:
        # "Trump said Sunday that he believed ... “...”": the pronoun
        # of an embedded clause stands for the sentence's named subject
        outer = outer_speaker(text, ss, attr.np[0])
        if outer is not None:
            attr = Attribution(outer, attr.cue, attr.method)
    poll = attr_poll(text, ss, open_at)
    if poll is not None and (attr is None or attr.np is None or attr.np[0] >= poll.np[1]):
        attr = poll
    rel = attr_relative(text, ss, open_at)
    if rel is not None and (attr is None or attr.np is None or attr.np[0] < rel.np[0]):
        attr = rel
    poss = attr_possessive(text, ss, open_at)
    if poss is not None and (attr is None or attr.cue is None or attr.cue[1] <= poss.np[0]):
        attr = poss
    if attr is not None and ctx.closed:
        # "X slammed the group for promoting “...” on his show, Right Wing Watch
        # first reported.": the outer source of the whole sentence
        attr = according_to(ctx) or attr
    return attr


def speaker_after_clause(ctx: QuoteContext) -> Attribution | None:
    """'“...” if the results are poor, Nasrallah said': the attribution after the
    reporter's own clause."""
    return attr_clause_after(ctx.text, ctx.close_end, ctx.sentence_end_after(ctx.close_end))


def between_quotes(ctx: QuoteContext) -> Attribution | None:
    """A reporter's sentence with its own attribution between two quotes names the
    speaker of the second: "“...,” said Megan Greene. Greene added that the Fed wants
    out. “They don’t...”"."""
    pss = previous_sentence_start(ctx.text, ctx.para_start, ctx.sent_start)
    if pss <= ctx.prev.end:
        return None
    return _with_method(attr_before(ctx.text, pss, ctx.sent_start - 1), "quote-marks/previous-sentence")


def continued(ctx: QuoteContext) -> Attribution | None:
    """A quote with no attribution of its own goes on from the previous quote's speaker
    in the same paragraph or the one before ("“The way I see it,” Woods elaborated, “no
    one questioned it.”"), unless a reporter's sentence after the previous quote
    introduces it ("“...,” Tenney said. She went on to say:¶“...”")."""
    prev = ctx.prev
    same_para = prev.para_start == ctx.para_start
    # the previous quote sits in the paragraph just before this one
    prev_para = not same_para and "\n" not in ctx.text[prev.end:ctx.para_start].strip() \
        and ctx.start - ctx.para_start <= 1
    lead = lead_in(ctx.text, prev.end, ctx.para_start) if prev_para else None
    if lead is not None:
        return lead
    if same_para or prev_para:
        return _inherit(prev, "quote-marks/same-paragraph" if same_para else "quote-marks/continued-paragraph")
    return None


def previous_sentence(ctx: QuoteContext) -> Attribution | None:
    """"Smith said on Monday the plan was dead. “It will not pass.”": the speaker named
    in the previous sentence."""
    text = ctx.text
    pss = previous_sentence_start(text, ctx.para_start, ctx.sent_start)
    attr = attr_before(text, pss, ctx.sent_start - 1) or attr_subject(text, pss, ctx.sent_start - 1)
    return _with_method(attr, "quote-marks/previous-sentence")


def colon_intro(ctx: QuoteContext) -> Attribution | None:
    """A quote-only paragraph introduced by the paragraph above it: "Cruz continued:",
    "Stated Stone:", or reported speech ("Smith said the bill was dead.¶“It will not
    pass.”")."""
    text = ctx.text
    pe = previous_paragraph_end(text, ctx.para_start)
    pps = text.rfind("\n", 0, pe) + 1
    pss = sentence_start(text, pps, pe - 1)
    if text[pe - 1:pe] == ":":
        inv = INVERTED_INTRO_RE.fullmatch(text, pss, pe)
        if inv is not None:
            # "Stated Stone:" / "Added the senator:": a verb-first introduction
            np_kind = "nominal" if inv.group("np").split()[0].lower() in DETERMINERS else "name"
            attr = Attribution((*inv.span("np"), np_kind), inv.span("cue"), "")
        else:
            attr = attr_before(text, pss, pe - 1) or attr_subject(text, pss, pe - 1)
        return _with_method(attr, "quote-marks/colon-intro")
    if QUOTE_CHARS.isdisjoint(text[pps:pe]):
        return _with_method(attr_before(text, pss, pe - 1), "quote-marks/previous-paragraph")
    return None


def credit_line(ctx: QuoteContext) -> Attribution | None:
    """"“...”¶- Hillary Clinton.": a credit line under a quote."""
    return attr_credit_line(ctx.text, ctx.para_end)


def sentence_subject(ctx: QuoteContext) -> Attribution | None:
    """The subject of the reporter's sentence holding the quote, with no speech verb
    ("Trump called the report “fake news”"); a possessive pronoun outranks a subject that
    is no person ("her claim that she “never sent” ...")."""
    text, ss, open_at = ctx.text, ctx.sent_start, ctx.open_at
    attr = attr_subject(text, ss, open_at)
    if attr is not None:
        attr = clause_subject(text, attr, open_at) or attr
    if attr is None or attr.np[2] not in ("name", "pronoun"):
        attr = attr_possessive(text, ss, open_at, pronouns=True) or attr
    return attr


def speech_goes_on(ctx: QuoteContext) -> Attribution | None:
    """"This makes it hard, he said. Good information can still win, but only when “the
    truth is sexier than the lie.”": a sentence with no speaker of its own goes on with
    the reported speech of the sentence before (a few words with no speaker of their own
    stay scare quotes)."""
    text = ctx.text
    pss = previous_sentence_start(text, ctx.para_start, ctx.sent_start)
    attr = attr_before(text, pss, ctx.sent_start - 1) or attr_sourcing_after(text, pss, ctx.sent_start)
    return _with_method(attr, "quote-marks/previous-sentence")


def after_intro_phrase(ctx: QuoteContext) -> Attribution | None:
    """"“...,” Mr. Garin said. For others, on the other hand, “you don't ...”": only
    introductory phrases before it, the quote goes on from the paragraph's speaker."""
    return _inherit(ctx.prev, "quote-marks/same-paragraph")


# Each rule: when it applies (a test of the context), what finds the attribution (the
# rule's slug is that function's name), and every method it may record.
RULES: tuple[Rule, ...] = (
    Rule.of(lambda c: c.closed and not c.opens_sentence,
            passive_agent, ("quote-marks/passive-agent",)),
    Rule.of(lambda c: True,
            speaker_after, ("quote-marks/speaker-after", "quote-marks/cue-speaker-after", "quote-marks/according-to",
                            "quote-marks/verb-speaker-after", "quote-marks/speaker-verb-after",
                            # (the speech verb before, when the one after opens a report of its own)
                            "quote-marks/speaker-before", "quote-marks/speaker-label")),
    Rule.of(lambda c: c.start - c.para_start <= 2 and not c.text[c.close_end:c.para_end].strip(),
            pull_credit, ("quote-marks/credit-line",)),
    Rule.of(lambda c: not c.opens_sentence and c.closed,
            according_to, ("quote-marks/according-to",)),
    Rule.of(lambda c: not c.opens_sentence,
            reported_speech, ("quote-marks/reported-speech", "quote-marks/speaker-before", "quote-marks/speaker-label",
                              "quote-marks/according-to", "quote-marks/poll", "quote-marks/relative",
                              "quote-marks/possessive")),
    Rule.of(lambda c: c.closed,
            speaker_after_clause, ("quote-marks/speaker-after-clause", "quote-marks/according-to")),
    Rule.of(lambda c: c.opens_sentence and c.prev is not None and c.prev.para_start == c.para_start
            and c.sent_start > c.para_start,
            between_quotes, ("quote-marks/previous-sentence",)),
    Rule.of(lambda c: c.prev is not None and (c.opens_sentence or c.lead_only or c.prev.end >= c.sent_start),
            continued, ("quote-marks/same-paragraph", "quote-marks/continued-paragraph", "quote-marks/colon-intro",
                        "quote-marks/previous-paragraph")),
    Rule.of(lambda c: c.opens_sentence and c.sent_start > c.para_start,
            previous_sentence, ("quote-marks/previous-sentence",)),
    Rule.of(lambda c: c.start - c.para_start <= 1 and c.para_start >= 2,
            colon_intro, ("quote-marks/colon-intro", "quote-marks/previous-paragraph")),
    Rule.of(lambda c: not c.text[c.close_end:c.para_end].strip(" .\u00a0"),
            credit_line, ("quote-marks/credit-line",)),
    Rule.of(lambda c: not c.opens_sentence,
            sentence_subject, ("quote-marks/sentence-subject", "quote-marks/possessive")),
    Rule.of(lambda c: not c.opens_sentence and c.sent_start > c.para_start
            and cue_search(c.text, c.sent_start, c.open_at) is None
            and len(c.text[c.start:c.end].split()) > MAX_SCARE_WORDS,
            speech_goes_on, ("quote-marks/previous-sentence",)),
    Rule.of(lambda c: not c.opens_sentence and c.prev is not None and c.prev.para_start == c.para_start
            and c.text[c.sent_start:c.open_at].rstrip().endswith(",")
            and cue_search(c.text, c.sent_start, c.open_at) is None,
            after_intro_phrase, ("quote-marks/same-paragraph",)),
)


# -- the refiners, in order ----------------------------------------------------------------

def outer_source(ctx: QuoteContext, attr: Attribution) -> Attribution:
    """"“...,” Sanders said, according to CNN.": the outer source of the sentence."""
    tail = max(attr.cue[1], attr.np[1])
    return attr_sourcing_after(ctx.text, tail, ctx.sentence_end_after(tail)) or attr


def label(ctx: QuoteContext, attr: Attribution) -> Attribution:
    """Marked words naming a thing are spoken by nobody ('the so-called “X”', 'a group
    called “X”'), unless a speech verb after the quote governs it ('a group called “X,"
    Lee said'). (A speaker the quote went on from stays with it.)"""
    return replace(attr, np=None, cue=None, method="quote-marks/label")


# Each refiner: when it applies (the context, the slug of the rule that found the
# attribution, the attribution), what refines it, and every method it may record.
REFINERS: tuple[Refiner, ...] = (
    Refiner.of(lambda c, found_by, a: found_by in ("passive-agent", "speaker-after") and a.cue is not None,
               outer_source, ("quote-marks/according-to",)),
    Refiner.of(lambda c, found_by, a: c.kind == "partial" and not c.opens_sentence
               and (a.cue is None or a.cue[0] < c.start)
               and is_label(c.text, c.start, c.close_end, c.open_at, c.sent_start),
               label, ("quote-marks/label",)),
)


def attribute(ctx: QuoteContext) -> Attribution:
    """The attribution of one quote: the first rule that finds one, refined; or no speaker."""
    for rule in RULES:
        attr = rule(ctx)
        if attr is not None:
            for refiner in REFINERS:
                attr = refiner(ctx, rule.slug, attr)
            return attr
    return Attribution(None, None, NO_SPEAKER)


def pronoun_resolved(attr: Attribution) -> Attribution:
    """A pronoun after or before its cue, resolved to its antecedent, says so."""
    return replace(attr, method=PRONOUN_RESOLVED) if attr.method.endswith(("-after", "-before")) else attr


def _methods() -> tuple[str, ...]:
    declared = {m for step in (*RULES, *REFINERS) for m in step.methods} | {NO_SPEAKER, PRONOUN_RESOLVED, OTHER_LANGUAGE}
    return tuple(sorted(declared))


# Every method a quote row may carry (the table's schema adds `curated`, set by overrides).
QUOTE_METHODS: tuple[str, ...] = _methods()
RULE_SLUGS: tuple[str, ...] = tuple(r.slug for r in RULES)
_SLUG_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")
assert len(set(RULE_SLUGS)) == len(RULE_SLUGS) and all(_SLUG_RE.fullmatch(s) for s in RULE_SLUGS)
