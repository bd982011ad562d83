"""The words of news reporting the quote rules read: speech verbs, pronouns, auxiliaries,
titles, determiners, function words and the patterns built from them (lower case unless said)."""

from __future__ import annotations

import re


# Speech / attribution verbs of news reporting (all tenses a reporter uses).
CUE_WORDS = (
    "said says say saying told tells tell telling added adds adding wrote writes "
    "writing written noted notes noting remarked remarks remarking stated states stating "
    "explained explains explaining asked asks asking argued argues arguing declared "
    "declares insisted insists insisting warned warns warning claimed claims "
    "continued continues replied replies responded responds recalled recalls "
    "recounted acknowledged acknowledges admitted admits announced announces "
    "tweeted tweets tweeting posted called calls calling described describes "
    "describing mentioned mentions suggested suggests quipped joked complained "
    "complains conceded concedes observed observes predicted predicts promised "
    "promises promising vowed vows vowing urged urges testified stressed stresses emphasized "
    "emphasised emphasizes pointed countered cautioned contended asserted asserts "
    "maintained maintains reported reports boasted boasts hinted declared "
    "shouted shouting yelled yelling screamed screaming exclaimed whispered confirmed confirms announced "
    "labeled labelled dubbed branded termed deemed praised slammed blasted "
    "mocked lamented touted echoed agreed disagreed chimed quoted indicated "
    "signaled signalled threatened pledged demanded demands thinks believes "
    "believed thought wondered recalls reacted responded retorted "
    "alleges answered elaborated proclaimed proclaims speculated speculates reads "
    "chanted chanting chants cited cites citing accused accuses accusing commented "
    "interjected mused scoffed huffed griped fumed grumbled bragged gushed opined texted emailed chided "
    "reiterated reiterates clarified confided assured pleaded implored inquired sniped railed "
    # the -ing form of verbs above, as in "ends with Perry claiming, “...”"
    "claiming declaring replying responding acknowledging admitting announcing conceding predicting "
    "urging stressing emphasizing emphasising cautioning asserting boasting confirming pledging "
    "recalling quipping joking"
).split()
_CUE_PHRASES = ("according to", "in a statement", "put it", "puts it")


def trie_pattern(words: list[str]) -> str:
    """A regex alternation factored into a prefix trie: the engine tests one
    branch per first letter instead of every word at every position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?" if len(alts) > 1 or len(alts[0]) > 1 else body + "?"
        return body

    return emit(trie)


CUE_SET = frozenset(CUE_WORDS)
CUE_CAPITALISED = frozenset(w[:1].upper() + w[1:] for w in CUE_WORDS)
# Cues whose object, not their subject, follows them ("told her supporters",
# "called him a liar"): never inverted like "said Smith".
OBJECT_CUES = frozenset(
    """told tells tell telling called calls calling urged urges urging praised praising slammed
    slamming blasted blasting mocked mocking labeled labelled labeling labelling dubbed dubbing
    branded branding termed deemed described describes describing quoted quoting asked asks
    asking""".split())

CUE_ALL = sorted(set(CUE_WORDS) | set(_CUE_PHRASES))


PREPOSITIONS = frozenset("in of for from with by on at into across among about against between".split())
# Determiners and possessives: a speech verb's form right after one is a
# noun ("Trump's remarks", "his claims", "the calls"), not a verb.
NOUN_DETS = frozenset("the a an his her its their our my your this these those".split())
CONTRACTED_SUBJ = frozenset("he she it that there what who here where".split())


# Adjectives that come between a determiner and a speech noun: "his recent remarks".
CUE_ADJECTIVES = frozenset(
    """recent latest public private frequent earlier previous repeated initial final original own
    new first last past many several numerous angry""".split())


# Subject pronouns that can name a speaker; he/she resolve to a person.
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# The forms of those that resolve to the person named before them ("led her to declare").
PERSON_PRONOUN_FORMS = PERSONAL_PRONOUNS | {"him", "her"}
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "who", "you"})
# Words between a subject and its speech verb ("X also said", "X has said").
AUX = frozenset(
    "also has had have was were is are would will could later then previously "
    "recently once reportedly further repeatedly again simply flatly publicly "
    "privately often had always never did does do may might must should can "
    "can't won't wouldn't didn't doesn't don't still even just".split()
)
# Determiners / quantifiers that open a nominal speaker ("the official").
DETERMINERS = frozenset("the a an another one this that these those some many two three several".split())
# Capitalised words that start sentences or clauses but are not names.
CAP_STOP = frozenset(
    "The A An But And However When Then In On At As If Yet So Also While Meanwhile "
    "After Before Later Still This That These Those Both Each Some Many It He She "
    "They We I You There Here Now Instead Earlier Last Next For With Without From "
    "Although Though Since Because Asked Speaking Even Only Just Or Nor Not No "
    "Describing Under Over Of By To Into Through Neither Either Whether What Why How Who Where Which".split()
)
# Titles and honorifics stripped from canonical names (everything up to and
# including the last title word is dropped: "Israeli Prime Minister Benjamin
# Netanyahu" → "Benjamin Netanyahu").
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev.
    sen sen. senator rep rep. representative gov gov. governor lt lt. gen gen. general
    adm adm. admiral col col. colonel maj maj. major capt capt. captain sgt sgt.
    cmdr cmdr. commander president vice minister secretary director chairman
    chairwoman chair chairperson chief judge justice mayor ambassador speaker
    leader spokesman spokeswoman spokesperson king queen prince princess pope
    sheikh ayatollah premier chancellor attorney officer commissioner
    superintendent pastor father sister brother candidate nominee sheriff congressman congresswoman
    ceo editor host co-host anchor correspondent columnist coach founder publisher analyst
    strategist pollster""".split()
)
# Honorifics that mark a person even on a single-word name ("Mr Nasrallah").
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. prof prof.".split())
# Lowercase name particles that can sit inside a proper name.
PARTICLES_IN_NAMES = frozenset("de del della van von der den al bin bint la le du da dos di ibn st.".split())
# Head nouns of nominal speakers that denote people (for pronoun resolution).
PERSON_HEADS = frozenset(
    """official officials spokesman spokeswoman spokesperson minister president
    director officer source sources aide aides adviser advisor analyst expert
    lawyer attorney leader chief diplomat envoy resident witness doctor teacher
    secretary senator governor lawmaker lawmakers candidate member commander""".split()
)
# Lowercase words that never end a nominal speaker (verbs, prepositions...).
NOT_HEAD = frozenset(
    """that which who whom what and or but of to in on at for with by as from
    than not be been being it is was are were has have had will would can could
    should may might must do does did also then this these those there""".split()
)

TOKEN_RE = re.compile(r"\S+")
# A word space: news text often sets a no-break space between words ("writes\u00a0Nate Silver").
SPACES = (" ", "\u00a0")
EDGE_PUNCT = "\"“”‘’'()[]{}.,;:!?—–-…"


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok[:1].isdigit() is False and tok[:1] in "Ÿ")


# Lowercase words in -ly that are no adverbs ("the family said").
_LY_NOUNS = frozenset("family ally rally assembly supply daily weekly monthly quarterly early belly bully "
                      "anomaly monopoly homily lily jelly folly".split())


def is_adverb(word: str) -> bool:
    """A manner or time adverb between a subject and its verb ("she angrily said")."""
    return len(word) > 4 and word.endswith("ly") and word.isalpha() and word.islower() and word not in _LY_NOUNS


# Prepositions of time and place heading an adverbial between a subject and
# its verb ("Trump at the time said", "Beck, who has in the past described").
ADVERBIAL_PREPS = frozenset("at in on during since throughout".split())
PREV_WORD_RE = re.compile(r"(?<![\w’'.-])([a-z]+)[ \t\u00a0]+$")
CLAUSE_GAP_WORDS = frozenset(
    """also then later again still now once first last on in at this that next week month year
    morning afternoon evening night today yesterday tonight monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december""".split())


DAY_NAMES = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


# Indefinite pronouns that are whole subjects ("another said", "others argued").
INDEFINITE_SUBJECTS = frozenset("another others one some many several both most".split())


# Nouns for a person or group that an "of" phrase completes: "the head of the agency";
# "for" completes a person noun only: "a spokesman for the campaign".
OF_LINKS = frozenset({"of", "for"})
OF_HEADS = frozenset({"head", "heads"})
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozens hundreds thousands none".split())


# One word of a proper name: initials (U.S., C.Q.), a dotted title
# abbreviation (Adm., Mr.), or a capitalised word (never a sentence's full stop).
_NAME_ABBREVIATIONS = "Mr Mrs Ms Dr Gen Adm Sen Rep Gov Lt Col Maj Capt Sgt Cmdr Jr Sr St Prof Rev Ft Mt".split()
_NAME_ABBREV = r"(?:" + "|".join(_NAME_ABBREVIATIONS) + r")\."
CAPW = r"(?:(?:[A-Z]\.)+(?![a-z])|" + _NAME_ABBREV + r"|[A-Z][\w’'-]*(?<![’'-]))"
# CAPW after its first letter (a capital in each of its forms, an abbreviation's checked by a
# lookbehind): "[A-Z]" + CAPW_TAIL matches what CAPW does. A regex that opens with a character
# class is searched by skipping to the characters of that class; one that opens with a group
# is tried at every character of the text.
CAPW_TAIL = (r"(?:\.(?:[A-Z]\.)*(?![a-z])|(?:" + "|".join(f"(?<={a[0]}){a[1:]}" for a in _NAME_ABBREVIATIONS)
             + r")\.|[\w’'-]*(?<![’'-]))")


# Verb-like word right after a post-quote subject ("Oliver barked", "Trump
# shot back"): any past or present-tense form, not only listed speech verbs.
_VERBS = "shot|spoke|wrote|told|said|put|cried|went|began|read|fired|hit|gave|made|took|quipped"
VERBISH_RE = re.compile(r"(?:[a-z]+(?:ed|s)|" + _VERBS + r")\b")
# Verbs that end a subject noun phrase: the above and common irregular pasts ("A 2014
# House report found “...”", "The Florida senator sought to ...").
SUBJECT_END_RE = re.compile(r"(?:[a-z]+(?:ed|s)|" + _VERBS + r"|found|thought|felt|knew|saw|came|got|kept|left|"
                             r"held|brought|led|ran|won|lost|sent|stood|became|meant|paid|met|heard|sought|drew|chose)\b")
# Past-tense verbs that end a nominal subject ("the statement read").
PAST_RE = re.compile(r"[a-z]+ed|shot|spoke|wrote|told|said|put|cried|went|began|read|gave|made|took|sang")


POSSESSIVES = frozenset("its his her their our my your".split())
WORD_RE = re.compile(r" ([a-z]+)\b")


# Words opening an introductory phrase or clause before the subject
# ("After the debate, ...", "Asked about it, ...", "On Sunday, ...").
INTRO_WORDS = frozenset(
    """after before during amid amidst given as when while although though since because if unless until
    once in on at by for with without from under over into through despite following according asked
    speaking earlier last later first next today yesterday tonight also even not only in instead
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december to of perhaps maybe now meanwhile still here""".split())
CONTRACTION_RE = re.compile(r"[’'](?:s|d|ll|re|ve|m)$")
CONTRACTED = frozenset("it that there here what who where".split())


# Plural heads of group speakers: "Nuclear proliferation experts said".
GROUP_HEADS = frozenset(
    """officials aides advisers advisors experts analysts supporters critics voters leaders
    members lawmakers legislators senators protesters activists residents sources organizers
    strategists donors delegates economists researchers historians lawyers attorneys
    reporters journalists observers insiders staffers operatives allies opponents officers
    spokesmen spokeswomen prosecutors investigators diplomats negotiators""".split())
# Heads of a speaker noun phrase after a name used as a modifier ("Trump campaign").
SPEAKER_HEADS = PERSON_HEADS | GROUP_HEADS | frozenset(
    "campaign administration team office camp staff government ministry department committee".split())
POSSESSIVE_SUFFIXES = ("’s", "'s", "s’", "s'")


VERB_PARTICLES = frozenset("out up down off over back about into onto after before under through against "
                       "among between during without within upon".split())
IRREGULAR_PAST = frozenset(
    """came took sent made gave went got ran put set led held kept left met paid saw stood won wrote
    became began brought built bought caught chose drew drove fell felt fought found flew grew heard
    hit knew lost meant rose sold shot spent spoke struck swore taught thought threw told said""".split())


# Nouns of what someone said, after a possessive naming its speaker:
# "Trump's pledge to be “neutral”", "her remark that “...”", "Clinton's
# response was: “...”".
SPEECH_NOUNS = (
    "remark remarks comment comments claim claims statement statements pledge pledges promise promises "
    "response answer reply assertion assertions insistence dictum words vow warning warnings argument "
    "suggestion description declaration admission contention boast quip quips slogan mantra catchphrase "
    "charge accusation prediction message tweet tweets retort refrain motto rallying cry call "
    "characterization announcement denial explanation question testimony"
).split()


# Subordinators opening an introductory adverbial clause ("While Sullivan
# praises the piece, Clinton ..."); not "as", whose clause may be the
# attribution itself ("As he put it, ...").
SUBORDINATORS = frozenset("when while after before although though since because if once until unless whereas".split())
# Verbs that name a thing rather than report speech ('what has been called “X”').
NAMING_CUES = frozenset("called labeled labelled dubbed branded termed deemed described named".split())
