"""The driver: every direct quote of a text with its speaker, cue and offsets."""

from __future__ import annotations

import bisect
import collections
import re

from newsprov.dataset.extract.quotes.after import attr_clause_after
from newsprov.dataset.extract.quotes.attribution import Attribution, Quote
from newsprov.dataset.extract.quotes.before import attr_before, passive_intro
from newsprov.dataset.extract.quotes.cues import cues_in, is_headline
from newsprov.dataset.extract.quotes.lexicon import (
    CAP_STOP, HONORIFICS, PARTICLES_IN_NAMES, PERSON_PRONOUN_FORMS, POSSESSIVES,
)
from newsprov.dataset.extract.quotes.marks import inside, quote_spans, standard_marks
from newsprov.dataset.extract.quotes.name_forms import (
    COMPOUND_MODIFIER_RE, LONE_NAME_RE, NAME_PART_BEFORE_RE, NAME_RUN_RE, NEXT_WORD_RE, ROLE_SUBJECT_RE,
    TITLE_OF_RE, author_of, body_names, canonical, fullest_of, known_names, mention_kind, name_segments, name_uses,
    subject_position, titled_names, verb_next,
)
from newsprov.dataset.extract.quotes.nonquotes import MAX_SCARE_WORDS, not_a_quotation
from newsprov.dataset.extract.quotes.phrases import np_according, np_before
from newsprov.dataset.extract.quotes.rules import OTHER_LANGUAGE, Previous, QuoteContext, attribute, pronoun_resolved
from newsprov.dataset.extract.quotes.sentences import Paragraphs, is_sentence_initial, previous_paragraph_end, sentence_start
from newsprov.dataset.extract.speakers import (
    DOCUMENT_NOUNS, OFFICE_NOUNS, PERSON_NOUNS, Evidence, Timeline, document_author, expand_title, name_kind,
    nominal_kind, role_matches, singular, strip_possessive,
)
from newsprov.lang.words import word_count

# The languages the speaker rules read (cues, names, pronouns: English), and "und", a text too
# short or mixed for the detector, read as before languages were detected.
SPEAKER_RULE_LANGUAGES = frozenset({"en", "und"})


def extract_quotes(text: str, language: str | None = None) -> list[Quote]:
    """All direct quotes in ``text`` with their speaker, cue and offsets (into ``text``).

    ``language``: the text's BCP 47 tag (the articles table's). In a language the speaker rules
    do not read, quotations are found by their marks alone and name no speaker (``marked_only``):
    English rules take a dateline or a weekday for a French or German quote's speaker."""
    source = text
    text = standard_marks(text)
    spans = quote_spans(text)
    if not spans:
        return []
    if language is not None and language.split("-")[0] not in SPEAKER_RULE_LANGUAGES:
        return marked_only(source, text, spans)

    # Subjects of speech verbs across the article: the timeline pronouns
    # resolve against, and the pool of name forms for fullest-name resolution.
    headline_paras: dict[int, bool] = {}  # paragraph (the newline before it) -> in headline Title Case?
    paragraphs = Paragraphs(text)

    def in_headline(pos: int) -> bool:
        para = paragraphs.start(pos)
        if para not in headline_paras:
            headline_paras[para] = is_headline(text, pos)
        return headline_paras[para]

    evidence = Evidence(text, in_headline)
    # (a text all in Title Case has no body to tell names by: its capitals are all there is)
    has_body = evidence.has_body
    said_subjects: list[tuple[int, str, str, str]] = []  # (position, mention, kind, canonical)
    name_ends: dict[str, set[int]] = collections.defaultdict(set)  # name form -> where its uses end
    headline_ends: dict[str, set[int]] = collections.defaultdict(set)  # the same, in Title Case headlines
    said_ends: dict[str, set[int]] = collections.defaultdict(set)  # the same, as subjects of speech verbs
    q_starts = [s for s, _, _ in spans]
    runs: list[tuple[int, str, str]] = []

    def add_said(np: tuple[int, int, str]) -> None:
        """A speech verb's subject: a name form, weighed as said (and a pronoun's antecedent)."""
        mention = text[np[0]:np[1]]
        npk = mention_kind(mention, np[2])
        canon = canonical(mention, npk, evidence, is_sentence_initial(text, np[0]))
        if canon:
            if not inside(spans, q_starts, np[0]):  # (a name in a quote weighs as a plain use)
                said_ends[canon].add(np[1])
            name_ends[canon].add(np[1])
            said_subjects.append((np[0], mention, npk, canon))

    def add_runs(segments: list[tuple[int, list[str]]]) -> None:
        """Runs of capitalised words: name forms, and the names a pronoun may stand for."""
        for s0, words in segments:
            mention = " ".join(words)
            # ("Secretary of State Hillary Clinton": the run after "of" opens with the department)
            office = TITLE_OF_RE.search(text, max(0, s0 - 30), s0) is not None
            canon = canonical(("of " if office else "") + mention, "name", evidence, is_sentence_initial(text, s0))
            if canon and len(canon.split()) >= 2:
                # (a headline capitalises every word: "Republican Donor Adelson" counts only where
                # the body has no other form)
                (headline_ends if in_headline(s0) else name_ends)[canon].add(s0 + len(mention))
            if canon:
                runs.append((s0, mention, canon))

    # (the body first: what it names is what a Title Case headline's capitals may be taken for)
    headline_nps, headline_runs = [], []
    for m in cues_in(text, 0, len(text)):
        ps = paragraphs.start(m.start())
        ss = sentence_start(text, ps, m.start()) if m.start() - ps > 0 else ps
        if m.group().lower() == "according to":
            np = np_according(text, m.end(), min(len(text), m.end() + 80))
        else:
            np = np_before(text, max(ss, m.start() - 200), m.start())
        if np and np[2] != "pronoun" and has_body and in_headline(np[0]):
            headline_nps.append(np)
        elif np and np[2] != "pronoun":
            add_said(np)

    for m in NAME_RUN_RE.finditer(text):
        if inside(spans, q_starts, m.start()):
            continue  # names inside quotes are not antecedents
        if has_body and in_headline(m.start()):
            headline_runs.append(m)
            continue
        add_runs(name_segments(m.start(), m.group()))
    known_last = {form.rsplit(" ", 1)[-1] for form in name_ends} | {form.rsplit(" ", 1)[-1] for form in said_ends}
    for np in headline_nps:
        cut = known_names(text, body_names(text, [(np[0], text[np[0]:np[1]].split())], evidence), known_last)
        if cut and np[2] == "name":
            last = cut[-1][1][-1]
            add_said((cut[-1][0], text.rfind(last, cut[-1][0], np[1]) + len(last), np[2]))
    for m in headline_runs:
        add_runs(known_names(text, body_names(text, name_segments(m.start(), m.group()), evidence), known_last))
    # Name forms by their last word (a fuller form of a name ends with the same word),
    # and each name's fullest form once found: the forms are fixed from here on.
    by_last: dict[str, dict[str, tuple[int, int]]] = collections.defaultdict(dict)
    for form, uses in name_uses(name_ends, headline_ends, said_ends).items():
        by_last[form.rsplit(" ", 1)[-1]][form] = uses
    fullest_forms: dict[str | None, str | None] = {}

    def fullest(canon: str | None) -> str | None:
        if canon not in fullest_forms:
            fullest_forms[canon] = fullest_of(canon, by_last.get(canon.rsplit(" ", 1)[-1], {}) if canon else {})
        return fullest_forms[canon]

    def name_kind_of(mention: str, name: str, strict: bool = False) -> str | None:
        first = mention.split()[0].lower()
        return name_kind(name, evidence, person_hint=first in HONORIFICS or first.rstrip(".") in HONORIFICS, strict=strict)

    timeline = Timeline()
    for s0, mention, npk, canon in said_subjects:
        if inside(spans, q_starts, s0):
            continue  # (who a quotation names is not who a pronoun after it stands for)
        if npk == "nominal":
            if nominal_kind(canon) == "role" and not mention.split()[0].lower() in POSSESSIVES:
                timeline.add(s0, canon, "role", True)
        elif name_kind_of(mention, fullest(canon)) == "person":
            timeline.add(s0, canon, "person", True)
    for s0, mention, canon in runs:
        full = fullest(canon)
        if text[max(0, s0 - 4):s0].lower() == "the " or headline_paras.get(paragraphs.start(s0)):
            continue  # (a headline's capitals say nothing of what is a name)
        if name_kind_of(mention, full) == "person":
            timeline.add(s0, full, "person", subject_position(text, s0, s0 + len(mention)))
    for m in LONE_NAME_RE.finditer(text):
        # a surname alone where the article names the person in full ("asked Trump if he ..."), or
        # as a sentence's subject when a title marks it a person's ("Ryan also hammered Obama")
        s0, word = m.start(), strip_possessive(m.group())
        if (word not in by_last and word not in evidence.titled) or m.group() in CAP_STOP or inside(spans, q_starts, s0):
            continue  # (only a word some fuller name ends with, or a titled one, can be a person's)
        canon = canonical(m.group(), "name", evidence, is_sentence_initial(text, s0))
        full = fullest(canon) if canon else None
        if not full or name_kind(full, evidence) != "person" or COMPOUND_MODIFIER_RE.match(full):
            continue  # ("Medicare" of "Romney-Ryan Medicare" names no one)
        subject = subject_position(text, s0, m.end())
        if " " in full:
            timeline.add(s0, full, "person", subject)
        elif subject and (nxt := NEXT_WORD_RE.match(text, m.end())) is not None and verb_next(nxt.group(1)):
            timeline.add(s0, full, "person", True)
    titled_found: list = []  # (found when a description is first resolved: most articles need none)

    def titled() -> list:
        if not titled_found:
            titled_found.append(titled_names(text, runs, evidence))
        return titled_found[0]

    def role_person(s: int, mention: str, canon: str) -> str | None:
        """The person a definite description ('the Texas governor') stands for: the one
        person the article gives that title, else (an office's title no one carries, right
        after that person's words) the person last named as a subject."""
        words = canon.split()
        head, mods = words[-1], words[:-1]
        if not mention.split()[0].lower() == "the":
            return None
        found = {fullest(name) for name, title in titled() if role_matches(head, mods, title)}
        if len(found) == 1:
            return found.pop()
        office = expand_title(head)
        if found or office not in OFFICE_NOUNS or any(expand_title(w) == office for _, title in titled() for w in title):
            return None
        if re.search(r"\b(?:[Aa]n?|[Aa]nother)\s+(?:[\w.’'-]+\s+){0,3}" + re.escape(head) + r"\b", text[:s]):
            return None  # introduced as "a governor": someone else
        hit = timeline.antecedent(s, since=paragraphs.start(max(0, paragraphs.start(s) - 2)), persons_only=True,
                                  subjects_only=True)
        return fullest(hit[0]) if hit else None

    for m in ROLE_SUBJECT_RE.finditer(text):
        s0, e0 = m.span("np")
        if inside(spans, q_starts, s0) or not is_sentence_initial(text, s0):
            continue
        canon = canonical(text[s0:e0], "nominal")
        if canon and nominal_kind(canon) == "role":
            person = role_person(s0, text[s0:e0], canon)
            # (an unnamed one still stands in the subject's place: "The congressman ... he")
            timeline.add(s0, person or fullest(canon), "person" if person else "role", True)

    def reporter_sentence(pos: int) -> int:
        """Where the sentence holding ``pos`` starts, sentence ends inside quotations skipped."""
        ps = paragraphs.start(pos)
        ss = sentence_start(text, ps, pos)
        while True:
            k = bisect.bisect_right(q_starts, ss) - 1
            if k < 0 or not (spans[k][0] <= ss < spans[k][1]) or spans[k][0] - 1 <= ps:
                return ps if k >= 0 and spans[k][0] <= ss < spans[k][1] else ss
            ss = sentence_start(text, ps, spans[k][0] - 1)

    def previous_sentence(pos: int) -> int:
        """Where the reporter's sentence before the one holding ``pos`` starts (maybe in the
        paragraph before)."""
        ps = paragraphs.start(pos)
        ss = reporter_sentence(pos)
        if ss > ps:
            return reporter_sentence(ss - 1)
        pe = previous_paragraph_end(text, ps)
        return reporter_sentence(pe - 1) if pe > 0 else 0

    def resolve(attr: Attribution) -> tuple[str | None, str, Attribution]:
        """The canonical speaker a mention stands for and its kind (person, organisation,
        group, role), or (None, 'unresolved'); and the attribution, refined when a pronoun
        was resolved."""
        s, e, npk = attr.np
        if npk == "pronoun":
            if text[s:e].lower() in PERSON_PRONOUN_FORMS:
                hit = timeline.antecedent(s, since=previous_sentence(s))
                if hit is not None:
                    return fullest(hit[0]), hit[1], pronoun_resolved(attr)
            return None, "unresolved", attr
        return (*resolve_mention(attr), attr)

    def resolve_mention(attr: Attribution) -> tuple[str | None, str]:
        """resolve() for a mention that is no pronoun."""
        s, e, npk = attr.np
        mention = text[s:e]
        npk = mention_kind(mention, npk)
        if npk in ("name", "org") and strip_possessive(mention.split()[-1]) != mention.split()[-1]:
            return None, "unresolved"  # "said Clinton’s top aide Jake Sullivan": the possessor does not speak
        initial = is_sentence_initial(text, s)
        words = mention.split()
        if npk == "name" and strip_possessive(words[-1]).lower() in DOCUMENT_NOUNS and len(words) > 1:
            author = author_of(mention)  # "Perry TV Ad: ...": the ad's author
            if author is None:
                return None, "unresolved"
            mention = author
        canon = canonical(mention, npk, evidence, initial)
        if not canon:
            return None, "unresolved"
        if npk == "name" and " " not in canon and NAME_PART_BEFORE_RE.search(text, max(0, s - 40), s):
            return None, "unresolved"  # "the founder of Freedom to Marry", "Freedom’s Lighthouse": a piece of a name
        if npk == "name" and has_body and in_headline(s) and not all(evidence.midsentence(w) or w in PARTICLES_IN_NAMES for w in canon.split()):
            return None, "unresolved"  # a headline's capitals name nothing the body names ("Clinton Cash Debunks Hillary")
        if npk == "nominal" and initial and evidence.common(canon.split()[0]):
            canon = canon[:1].lower() + canon[1:]  # "Close aides" opening a sentence: close aides
        if npk == "nominal":
            first = mention.split()[0].lower()
            if first in POSSESSIVES:
                if first in PERSON_PRONOUN_FORMS and document_author(["X", *mention.split()[1:]]):
                    # "his remarks", "her statement": the pronoun's person said it
                    hit = timeline.antecedent(s, since=previous_sentence(s))
                    if hit is not None:
                        return fullest(hit[0]), hit[1]
                return None, "unresolved"  # "his campaign": whose depends on a pronoun
            kind = nominal_kind(canon)
            if kind is None:
                author = author_of(mention)
                if author is None:
                    return None, "unresolved"  # "the report", "the same time": no speaker
                canon, npk = canonical(author, "name", evidence), "name"
                if not canon:
                    return None, "unresolved"
            elif kind == "role":
                person = role_person(s, mention, canon)
                if person:
                    timeline.add(s, person, "person", True)
                    return person, "person"
                speaker = fullest(canon)
                timeline.add(s, speaker, "role", True)
                return speaker, "role"
            else:
                return fullest(canon), kind
        speaker = fullest(canon)
        kind = name_kind_of(mention, speaker, strict=attr.cue is None)
        if kind is None:
            return None, "unresolved"
        if npk == "org" and kind in ("person", "unresolved"):
            kind = "organisation"  # "the Hill": a name with an article is no person's
        if kind in ("group", "role") and " " not in speaker and initial and (
                evidence.common(speaker) or (singular(speaker.lower()) in PERSON_NOUNS and not evidence.midsentence(speaker))):
            speaker = speaker.lower()  # "Critics said": critics, capitalised only to open the sentence
        if kind == "person":
            timeline.add(s, speaker, kind, True)
        return speaker, kind

    out: list[Quote] = []
    prev: Previous | None = None  # the last quote with a speaker mention
    for idx in range(len(spans)):
        ctx = QuoteContext.of(text, spans, idx, paragraphs, prev)
        start, end, kind, para_start = ctx.start, ctx.end, ctx.kind, ctx.para_start
        attr = attribute(ctx)
        speaker, speaker_kind = attr.inherited if attr.inherited is not None else (None, "unresolved")
        if not_a_quotation(text, start, end, attr.method, kind) and not passive_intro(text, ctx.sent_start, ctx.open_at):
            continue
        if attr.np is not None and attr.inherited is None:
            speaker, speaker_kind, attr = resolve(attr)
        np = attr.np
        cue = attr.cue
        out.append(Quote(  # (every text field sliced from the source itself)
            start=start, end=end, text=source[start:end], kind=kind,
            speaker=speaker,
            speaker_kind=speaker_kind if np is not None else None,
            speaker_mention=source[np[0]:np[1]] if np else None,
            speaker_start=np[0] if np else None,
            speaker_end=np[1] if np else None,
            cue=source[cue[0]:cue[1]] if cue else None,
            cue_start=cue[0] if cue else None,
            cue_end=cue[1] if cue else None,
            method=attr.method,
        ))
        if np is not None:
            prev = Previous(para_start, speaker, attr, end, speaker_kind)
        elif prev is not None and prev.para_start != para_start:
            prev = None
    return out


def marked_only(source: str, text: str, spans: list[tuple[int, int, bool]]) -> list[Quote]:
    """The quotations of a text in a language the speaker rules do not read: every marked span of
    more than MAX_SCARE_WORDS words, and the shorter ones that are a sentence of their own, that is
    open a sentence (``quote_kind`` "full") and either end with a sentence's final mark inside the
    marks ("“我们将全力救援。”", '"हम हर संभव मदद करेंगे।"') or hand over to an attribution after a
    comma or a dash ("« Nous sommes proches », a déclaré", "„Wir sind nahe“, sagte"). Short marked
    words otherwise are titles, names and scare quotes, in scripts with case or without ('"ارتھ"،
    "سوامی"'). Spaces some typography sets inside the marks are left out ("« Nous »"); no speaker,
    no cue; method ``OTHER_LANGUAGE``."""
    paragraphs = Paragraphs(text)
    spans = _alternating(text, spans)
    out = []
    for idx in range(len(spans)):
        ctx = QuoteContext.of(text, spans, idx, paragraphs)
        start, end = ctx.start, ctx.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end == start:
            continue
        if word_count(text[start:end]) <= MAX_SCARE_WORDS and not (
                ctx.kind == "full" and (text[end - 1] in _FINAL_MARKS or _HANDS_OVER.match(text, ctx.close_end))):
            continue
        out.append(Quote(start=start, end=end, text=source[start:end], kind=ctx.kind, speaker=None, speaker_kind=None,
                         speaker_mention=None, speaker_start=None, speaker_end=None, cue=None, cue_start=None,
                         cue_end=None, method=OTHER_LANGUAGE))
    return out


# Double quotation marks paired in turn in a text of another language (``_alternating``).
_DOUBLE_MARKS = '"“”„'


def _alternating(text: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """``spans`` with the double marks " “ ” „ paired in turn within each paragraph (the first
    opens, the next closes), guillemets and corner brackets as ``spans`` has them. The English
    rules tell an opening mark from a closing one by its direction and by the spaces around it;
    copy in other scripts sets the spaces either way and right-to-left copy turns the curly
    marks round ('فلم " کچھ کچھ ہوتا ہے"', '”وہ“'). A paragraph's last mark of an odd count
    pairs with none; a pair inside another span stays out ("« il a dit “non” »")."""
    out = [sp for sp in spans if sp[0] == 0 or text[sp[0] - 1] not in _DOUBLE_MARKS]
    for para in re.finditer(r"[^\n]+", text):
        marks = [m.start() for m in re.finditer(f"[{_DOUBLE_MARKS}]", para.group())]
        base = para.start()
        out.extend((base + a + 1, base + b, True) for a, b in zip(marks[::2], marks[1::2]) if b > a + 1)
    out.sort()
    kept: list[tuple[int, int, bool]] = []
    for sp in out:
        if kept and sp[0] < kept[-1][1]:
            continue
        kept.append(sp)
    return kept


# A sentence's final marks, in Latin and other scripts; and what follows a quotation that hands
# over to its attribution: a comma or a dash, then a word (not the next title of a list).
_FINAL_MARKS = frozenset(".!?…。！？।॥۔؟")
_HANDS_OVER = re.compile(r"[ \t\u00a0]*[,،，][ \t\u00a0]*[-—–]?[ \t\u00a0]*(?=[^\W\d_])|[ \t\u00a0]*[-—–][ \t\u00a0]*(?=[^\W\d_])")


def reported_speaker(text: str, sent_start: int, start: int, end: int, sent_end: int) -> tuple[int, int, str, str | None] | None:
    """The speaker of reported speech holding text[start:end], in its sentence.

    'The military said about 100 planes struck…', '…320 rockets, Hezbollah said.',
    '…, according to the ministry.' Returns (mention_start, mention_end, kind, canonical)
    where kind is pronoun, nominal, org or name and canonical is None for pronouns.
    """
    attr = attr_before(text, sent_start, start) or attr_clause_after(text, end, sent_end)
    if attr is None or attr.np is None or attr.method == "quote-marks/speaker-label":
        return None
    s, e, kind = attr.np
    return s, e, kind, canonical(text[s:e], kind)
