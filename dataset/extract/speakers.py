"""What kind of speaker a name or a description is, and which words are no speaker at all.

A canonical speaker is a person ("Rick Perry"), an organisation ("the White House",
"NAACP"), a group of people ("Democrats", "protesters") or a role ("a U.S. official").
Quote attribution rules find the words in the subject slot of a speech verb; those words
are sometimes a place ("New York", reached from "she"), a sentence fragment ("Close",
"Updated", "the same time"), a document ("the report", "the ad") or a possessive
("Obama’s"). The tests here use conventions of English news writing, not lists of
names:

* capitalisation: a proper name is capitalised wherever it occurs, so a capitalised word
  that the article also prints in lower case ("Close", "Federal") is a common word that
  opened a sentence;
* place cues: a name printed after "in", "across", "throughout", "near" and the like, and
  never with a title or a first name, is a place; AP state abbreviations and party-state
  tags ("R-Texas") are places;
* organisation cues: acronyms (NAACP, CNN), head words of institutions (News, Times,
  Party, Committee, Department, University, ...), web names (FactCheck.org);
* group cues: plural demonyms and party members (Democrats, Americans, Catholics);
* role nouns: the head of a description ("the Texas governor", "an aide") is a noun for a
  person (official, governor, spokesman; or a word formed like one: -ist, -ian, -man,
  -person), for a group (officials, voters, critics) or for an organisation (the
  campaign, the ministry); anything else (the report, the letter, the same time) is not a
  speaker, and a document modified by a name ("Mr. Trump’s statement", "the Perry ad") is
  the named author's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# --- word lists (each a convention of news writing; lower case) -------------------------

# Nouns for one person, as the head of a described speaker ("the Texas governor").
PERSON_NOUNS = frozenset(
    """official spokesman spokeswoman spokesperson minister president director officer source aide
    adviser advisor analyst expert lawyer attorney leader chief diplomat envoy resident witness doctor
    teacher secretary senator governor lawmaker candidate member commander congressman congresswoman
    representative mayor sheriff judge justice chairman chairwoman chair ceo executive founder owner
    host anchor reporter correspondent writer author editor producer pollster consultant scholar
    professor researcher scientist activist organizer organiser supporter critic opponent voter
    delegate nominee negotiator mediator prosecutor investigator detective agent soldier veteran student
    worker employee staffer manager man woman boy girl child mother father wife husband son daughter
    brother sister friend neighbor neighbour pastor priest bishop cardinal rabbi imam pope king queen
    prince princess sheikh ambassador premier chancellor commissioner superintendent general admiral
    colonel captain sergeant lieutenant trooper deputy insider observer operative ally donor sponsor
    investor banker trader partner player coach fan viewer reader caller listener speaker moderator
    narrator announcer interviewer commentator blogger columnist publisher counsel defendant plaintiff
    victim survivor suspect assailant gunman attacker protester protestor demonstrator immigrant refugee
    citizen taxpayer constituent patient parent physician nurse surgeon official businessman
    businesswoman billionaire millionaire mogul tycoon entrepreneur economist strategist historian
    politician attendee participant respondent applicant heckler impostor person individual
    actress actor singer comedian celebrity star artist musician designer student graduate principal
    dean provost trustee treasurer auditor inspector regulator monitor administrator coordinator
    organizer director-general secretary-general vice-president president-elect governor-elect
    senator-elect congressman-elect incumbent challenger contender frontrunner front-runner
    predecessor successor nephew niece cousin uncle aunt grandmother grandfather relative republican
    democrat alderman alderwoman assemblyman assemblywoman councilman councilwoman archbishop filmmaker
    journalist dj co-anchor whip recorder advocate editor-in-chief secretary-treasurer celebrity
    challenger comptroller auditor clerk""".split()
)
# Collectives and plural-only nouns for people.
GROUP_NOUNS = frozenset(
    """people public crowd audience family families couple couples staff crew jury panel residents
    others both many several most some two three four few majority minority electorate""".split()
)
# Last words of names that are no speaker: events, laws, documents of state, buildings and
# places ("Ames Straw Poll", "Affordable Care Act", "U.S. Constitution", "Trump Tower").
# (Not words that are also common surnames: Park, Hall, Street, Lake, Tower, Brooks.)
NON_SPEAKER_HEADS = frozenset(
    """poll debate convention summit festival games cup series act bill amendment constitution
    treaty accord accords agreement plan building square avenue boulevard airport memorial museum
    stadium arena plaza islands river mountains valley county city province region district
    village""".split()
)
# Prepositions a capitalised run may open with ("Despite George Will", "Amid Calls").
LEADING_PREPOSITIONS = frozenset("despite amid amidst during after before since with without by for from on in at to "
                                 "against among about over under following unlike like wherever whenever while when where "
                                 "if as because although though unless until once".split())
# Words before a name that say who the person is, not what they are called: "Actress
# Rosario Dawson", "Alderman X", "Filmmaker X", "14-year-old X" (the name follows the last one).
DESCRIPTOR_END = re.compile(r"\d+-year-old|[\w-]+-(?:based|born|raised|bred)")
POST_MODIFIER_PREPOSITIONS = frozenset("of from for with in at on by to about".split())
# Place abbreviations that are no speaker ("the mayor of Washington, DC, suggested").
PLACE_ABBREVIATIONS = frozenset("dc us usa uk".split())
# Function words written capitalised inside a title or headline, never inside a person's name.
INNER_FUNCTION_WORDS = frozenset("on in at of for to by with from the and a an is are".split())
QUANTIFIERS = frozenset("others both many several most some two three four few".split())
# Nouns for an institution, as the head of a described speaker ("the campaign said").
ORG_NOUNS = frozenset(
    """campaign administration government ministry department agency committee commission council board
    company firm corporation group coalition organization organisation foundation institute association
    union party military army navy police court office bureau team network newspaper paper magazine
    outlet station channel website site blog publication church school university college club league
    movement caucus pac senate house congress parliament legislature embassy consulate regime cabinet
    hospital bank fund authority service studio publisher broadcaster agency chamber alliance federation
    society center centre charity nonprofit non-profit watchdog think-tank tank lobby industry
    manufacturer retailer carrier airline militia junta tribunal prosecution defense defence
    presidency ministry secretariat mission delegation opposition establishment""".split()
)
# Capitalised last words of organisation names ("Fox News", "Republican Party").
ORG_NAME_HEADS = frozenset(
    """news times post journal register tribune herald press gazette chronicle observer guardian
    examiner inquirer bulletin dispatch courier sentinel record standard
    telegraph mail star sun globe daily weekly magazine review report network radio tv television
    channel media wire party committee council commission department ministry agency administration
    office bureau institute institution foundation association union coalition center centre
    university college school academy church corporation corp inc co ltd llc company group network
    fund bank trust authority service services court senate house congress parliament assembly
    government army navy force forces police guard corps command brigade brigades militia movement
    front alliance league federation society club caucus pac campaign project initiative conference
    organization organisation watch council board team industries partners coalition""".split()
)
# What people issue: a document or a broadcast speaks for its author ("Mr. Trump’s statement",
# "the Perry ad"), and without a named author it is no speaker.
DOCUMENT_NOUNS = frozenset(
    """ad ads advertisement commercial spot statement statements report letter memo memorandum video post
    tweet tweets email release ruling op-ed column editorial book speech interview transcript study poll
    survey petition resolution document filing complaint lawsuit brief order bill plan proposal website
    page blog message note notes remarks comments words endorsement announcement campaign-ad clip
    mailer flier flyer brochure""".split()
)
# Words of a document's kind between its author and its noun ("the Perry TV ad").
MEDIA_WORDS = frozenset("tv web radio video online internet television campaign print digital".split())
# Words that label a part of a web page or a story, never a speaker ("Updated: ...").
HEADER_WORDS = frozenset(
    """updated update correction corrections clarification note related watch read listen photo
    photos video videos breaking exclusive analysis opinion advertisement latest more see also
    editor’s editor's""".split()
)
DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("january february march april may june july august september october november december".split())
# Capitalised words that open sentences and clauses; never a speaker on their own.
FUNCTION_WORDS = frozenset(
    """the a an but and however when then in on at as if yet so also while meanwhile after before
    later still this that these those both each some many it he she they we i you there here now
    instead earlier last next for with without from although though since because asked speaking
    even only just or nor not no describing under over of by to into through neither either whether
    what why how who where which former other another such someone anyone everyone somebody anybody
    everybody nobody""".split()
)
# Party labels set before a name in news style ("Democrat Elizabeth Warren").
PARTY_LABELS = frozenset("democrat democratic republican gop independent libertarian conservative liberal".split())
# Endings of plural names for groups of people (Americans, Democrats, Catholics, Evangelicals,
# Conservatives, Muslims); "-ers" is left out: Sanders, Summers, Peters are surnames.
GROUP_NAME_END = re.compile(r"(?:ans|ats|ists|ics|als|ives|ites|ims|ards|ees|eers)$")
# AP-style state abbreviations ("Ill.", "Calif.") and party-state tags ("R-Texas", "D-N.Y.").
STATE_ABBREVIATIONS = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev "
    "okla ore pa tenn tex va vt wash wis wyo".split())
PARTY_STATE = re.compile(r"\(?[RDI]-[A-Z][A-Za-z.]*\)?")
# Title abbreviations and the role nouns they stand for ("Texas Gov. Rick Perry" is the Texas governor).
TITLE_NOUNS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "congressman": "representative",
    "congresswoman": "representative", "gen": "general", "lt": "lieutenant", "adm": "admiral",
    "col": "colonel", "capt": "captain", "sgt": "sergeant", "pres": "president", "sec": "secretary",
    "dr": "doctor", "prof": "professor", "rev": "pastor", "reverend": "pastor", "atty": "attorney",
    "cmdr": "commander", "supt": "superintendent", "amb": "ambassador", "gov.-elect": "governor",
    "chairwoman": "chairman", "chair": "chairman", "spokeswoman": "spokesman", "spokesperson": "spokesman",
}
# Role nouns of one office holder: a definite description of one ("the Texas governor")
# right after a person's quote stands for that person in news style ("elegant variation").
OFFICE_NOUNS = frozenset(
    """governor senator representative president mayor candidate nominee chairman secretary minister
    premier chancellor ambassador sheriff justice judge commissioner ceo founder leader speaker
    billionaire mogul tycoon businessman businesswoman republican democrat""".split()
)
# Departments after "Secretary of": "Secretary of State Hillary Clinton" is Hillary Clinton.
OFFICE_WORDS = frozenset(
    """state defense defence treasury justice labor labour commerce energy education agriculture
    interior transportation health human services homeland security veterans affairs foreign housing
    urban development finance economy trade war navy army air force staff joint chiefs the and of
    environment culture information communications home""".split()
)
NAME_PARTICLES = frozenset("de del della van von der den al bin bint la le du da dos di ibn st. st".split())
POSSESSIVE_END = ("’s", "'s", "’", "'")
_ACRONYM = re.compile(r"[A-Z][A-Z&.]*[A-Z]\.?")
# (three lower-case letters before the inner capital: FactCheck, HuffPost; not McCarthy, DeMint, LaBolt)
_CAMEL = re.compile(r"[A-Z][a-z]{3,}[A-Z][A-Za-z]*|[\w-]+\.(?:com|org|net|gov|edu)")


_POSSESSIVE_LAST = frozenset("s’'")  # the last letter of every possessive strip_possessive strips


def strip_possessive(word: str) -> str:
    """'Clinton’s' -> 'Clinton', "Reagan's" -> 'Reagan', 'Jones’' -> 'Jones'; other words unchanged."""
    if word[-1:] not in _POSSESSIVE_LAST:
        return word  # (most words: one test)
    for end in ("’s", "'s"):
        if word.endswith(end) and len(word) > len(end):
            return word[: -len(end)]
    if word.endswith(("s’", "s'")) and len(word) > 2:
        return word[:-1]
    return word


def is_possessive(word: str) -> bool:
    return strip_possessive(word) != word


def singular(noun: str) -> str:
    """A plural noun's singular, by English spelling rules ('officials', 'spokesmen', 'parties')."""
    if noun.endswith("men") and len(noun) > 4:
        return noun[:-3] + "man"
    if noun == "people":
        return "person"
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun


def _person_noun(noun: str) -> bool:
    """A noun for one person: listed, or formed like one (-ist, -ian, -man, -woman, -person,
    -eer, an age such as 'the 43-year-old')."""
    if noun in PERSON_NOUNS:
        return True
    if "-" in noun and noun.rsplit("-", 1)[1] in PERSON_NOUNS:
        return True  # "co-host", "ex-governor"
    return (len(noun) > 5 and noun.endswith(("ist", "ian")) and noun not in {"median", "christian"}) or (
        len(noun) > 4 and noun.endswith(("man", "woman", "person", "eer")) and noun not in {"german", "roman", "career"}
    ) or noun.endswith("-old")


def nominal_kind(phrase: str) -> str | None:
    """role, group or organisation for a described speaker ('U.S. official', 'protesters', 'the
    campaign'), by its head noun; None when the head names no speaker (a document, a time, an
    adjective left alone: 'the report', 'same time', 'snarky')."""
    words = [w.strip(".,;:!?\"“”‘’()") for w in phrase.split()]
    words = [w for w in words if w]
    if words and words[-1].lower() in INNER_FUNCTION_WORDS:
        return None  # a phrase cut short: "the Office of the"
    for k, w in enumerate(words[1:], 1):
        if w in POST_MODIFIER_PREPOSITIONS:
            words = words[:k]  # the head is before its modifiers: "statement from the committee"
            break
    if not words:
        return None
    head = words[-1].lower()
    if head in {"another", "one", "other"}:
        return "role" if len(words) == 1 else None
    if head in GROUP_NOUNS:
        # ("two said", "others argued"; but "the measure three" is no one)
        return "group" if len(words) == 1 or head not in QUANTIFIERS else None
    if head in ORG_NOUNS:
        return "organisation"
    if _person_noun(head):
        return "role"
    one = singular(head)
    if one != head and (_person_noun(one) or one in GROUP_NOUNS):
        return "group"
    return None


class Evidence:
    """What an article's text says about its capitalised words: which it also prints in lower
    case, which follow place prepositions, which carry a title or honorific, which it calls an
    organisation in an apposition or a naming phrase."""


    _PLACE = re.compile(
                        # "in Columbus, Ohio,": a city and its state or country (both are places)
                        r"\b(?:[Ii]n|from|near)[ \u00a0]+([A-Z][\w.-]*(?:[ \u00a0][A-Z][\w.-]*)?),[ \u00a0]+([A-Z][a-z][\w-]*(?:[ \u00a0][A-Z][a-z][\w-]*)?)(?=[,.;])|"
                        r"\b(?:in|across|throughout|near|outside|inside|around|within|[Ii]n|(?:moved|moving|went|traveled|"
                        r"travelled|returned|flew|fled|headed|relocated|trip|back|way)[ \u00a0]+to)[ \u00a0]+(?:the[ \u00a0]+)?"
                        r"((?:(?:[A-Z]\.|St\.|Ft\.|Mt\.|[A-Z][\w’'-]*)[ \u00a0]){0,2}[A-Z][\w-]*)(?![\w’'-]|[ \u00a0]+[A-Z]|[’']s)"
                        # "Gov. Rick Perry of Texas", "the University of Iowa": a name's place
                        r"|\b[A-Z][a-z]+[ \u00a0]+of[ \u00a0]+([A-Z][a-z][\w-]*(?:[ \u00a0][A-Z][a-z][\w-]*)?)(?![\w’'-]|[ \u00a0]+[A-Z]|[’']s)"
                        # "the senator from Vermont", "refugees from Iraq": where a person comes from
                        r"|\b(?:senator|senators|governor|congressman|congresswoman|representative|lawmaker|lawmakers|delegate|delegates|"
                        r"resident|residents|native|natives|refugee|refugees|immigrant|immigrants|voter|voters|people|man|woman|family|"
                        r"families|troops|soldiers)[ \u00a0]+from[ \u00a0]+([A-Z][a-z][\w-]*(?:[ \u00a0][A-Z][a-z][\w-]*)?)(?![\w’'-]|[ \u00a0]+[A-Z]|[’']s)")
    # A capitalised word after a lower-case word or a comma: capitalised because it is a name.
    _MIDCAP = re.compile(r"(?:[^\s.!?:“”\"‘’(\[][ \u00a0]+[“\"‘(]?|[?!,][”\"’]+[ \u00a0]+)([A-Z][\w’'-]*[\w])")
    # (each title's \b checked once its capital is read, as (?<!\w.): a regex opening with letters
    # is searched by skipping to them, one opening with \b is tried at every character)
    _HONORIFIC = re.compile(r"(?:" + "|".join(w[0] + r"(?<!\w.)" + w[1:] for w in (
                                "Mr Mrs Ms Dr Sen Rep Gov Gen Prof Sheriff Senator Governor President Congressman "
                                "Congresswoman Representative Justice Judge Mayor Secretary Minister Lt Col Capt Sgt Adm").split())
                            + r")\.?[ \u00a0]+(?:[A-Z][\w’'-]*[ \u00a0]+){0,3}([A-Z][\w-]*)")

    _ORG_NOUN = r"(?:" + "|".join(sorted(ORG_NOUNS | {"organisation", "organization", "group", "coalition"}, key=len, reverse=True)) + r")"
    _NAME = r"([A-Z][\w.’'&-]*(?:[ \u00a0]+(?:of|for|on|to|and|the|[A-Z][\w.’'&-]*)){0,5}(?<![ .]))"
    # "Third Way, a moderate Democratic group" (found at its comma and article, the name read
    # backwards), "a coalition of groups called Strengthen Social Security" (found at "called")
    _COMMA_ARTICLE = re.compile(r",[ \u00a0]+(?:a|an|the)[ \u00a0]+")
    _ORG_AFTER = re.compile(r"(?:[\w’'-]+[ \u00a0]+){0,4}?" + _ORG_NOUN + r"s?\b(?![’'])")  # (not "the group’s director")
    _NAME_BEFORE = re.compile(r"(?<![\w’'.&-])" + _NAME + r"$")
    _CALLED = re.compile(r"[ \u00a0]+(?:called|named|known[ \u00a0]+as)[ \u00a0]+(?=[A-Z])")
    _ORG_BEFORE = re.compile(r"\b" + _ORG_NOUN + r"s?(?:[ \u00a0]+of[ \u00a0]+[a-z]+)?$")
    _NAME_AT = re.compile(_NAME)

    def __init__(self, text: str, is_headline=None):
        """``is_headline(pos)``: whether the paragraph at pos is a Title Case headline, whose
        capitals say nothing of which words are names."""
        self.text = text
        self.memo: dict = {}  # what the article's names were found to be (name_kind, canonical forms)
        organisations = set()
        for m in self._COMMA_ARTICLE.finditer(text):
            if self._ORG_AFTER.match(text, m.end()):
                name = self._NAME_BEFORE.search(text, max(0, m.start() - 80), m.start())
                if name:
                    organisations.add(name.group(1))
        for m in self._CALLED.finditer(text):
            if self._ORG_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                organisations.add(self._NAME_AT.match(text, m.end()).group(1))
        self.organisations = frozenset(organisations)
        self.is_headline = is_headline
        # (which words are printed in lower case, or capitalised mid-sentence, is asked of few
        # words per article: each is looked up when first asked, not every word collected)
        self.has_body = self._has_body()
        self.places = frozenset(g.rstrip(".") for m in self._PLACE.finditer(text) for g in m.groups() if g)
        self.titled = frozenset(m.group(1) for m in self._HONORIFIC.finditer(text))

    def _has_body(self) -> bool:
        """Whether some word outside a Title Case headline is capitalised mid-sentence (else the
        text's capitals are all there is to tell names by)."""
        pos = 0
        while (m := self._MIDCAP.search(self.text, pos)) is not None:
            if self.is_headline is None or not self.is_headline(m.start(1)):
                return True
            line_end = self.text.find("\n", m.start(1))
            if line_end < 0:
                return False
            pos = line_end  # (the rest of a headline paragraph is headline too)
        return False

    def remember(self, key: tuple, compute):
        """``compute()``, once per key for this article (what its names were found to be)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def common(self, word: str) -> bool:
        """Whether a capitalised word is a common word: the article prints it in lower case."""
        if not word[1:].islower():
            return False
        return self.remember(("lower", word), lambda: any(True for _ in self._occurrences(word.lower(), "’'.-")))

    def midsentence(self, word: str) -> bool:
        """Whether the article capitalises the word somewhere a sentence does not open (outside
        a Title Case headline): capitalised because it is a name."""
        return self.remember(("mid", word), lambda: self._capitalised_midsentence(word))

    def _capitalised_midsentence(self, word: str) -> bool:
        text = self.text
        found = False
        for i in self._occurrences(word, "’'-"):
            if self.is_headline is not None and self.is_headline(i):
                continue
            j = i - 1 if i and text[i - 1] in "“\"‘(" else i
            k = j
            while k > 0 and text[k - 1] in " \u00a0":
                k -= 1
            if k < j and k > 0 and not text[k - 1].isspace() and text[k - 1] not in ".!?:“”\"‘’([":
                found = True  # after a word or a comma: "said Trump", "Donald Trump", ", Trump"
            elif i == j and k < i:
                q = k
                while q > 0 and text[q - 1] in "”\"’":
                    q -= 1
                found = q < k and q > 0 and text[q - 1] in "?!,"  # "“Why?” Trump asked"
            if found:
                break
        return found

    def _occurrences(self, word: str, joiners: str):
        """Where ``word`` occurs as a whole word (not inside a longer one, nor joined by ``joiners``)."""
        text, n, at = self.text, len(word), self.text.find(word)
        while at >= 0:
            before = text[at - 1] if at else " "
            after = text[at + n] if at + n < len(text) else " "
            if not (before.isalnum() or before == "_" or before in joiners) and not (after.isalnum() or after == "_" or after in "’'-"):
                yield at
            at = text.find(word, at + 1)

    def place(self, name: str) -> bool:
        """A name the article uses as a place and never with a title ('in New York')."""
        last = name.split()[-1]
        return name in self.places and last not in self.titled


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def name_kind(name: str, evidence: Evidence | None = None, person_hint: bool = False, strict: bool = False) -> str | None:
    """person, organisation, group, role or 'unresolved' for a capitalised name; None when it is
    no speaker (see _name_kind), remembered per article."""
    if evidence is None:
        return _name_kind(name, None, person_hint, strict)
    return evidence.remember(("kind", name, person_hint, strict), lambda: _name_kind(name, evidence, person_hint, strict))


def _name_kind(name: str, evidence: Evidence | None = None, person_hint: bool = False, strict: bool = False) -> str | None:
    """person, organisation, group, role or 'unresolved' for a capitalised name; None when it is
    no speaker: a place, a fragment of a sentence, a header word, a possessive left alone.

    ``person_hint``: the text marks the name as a person's (an honorific before it, a pronoun
    resolved to it). ``strict``: no speech verb vouches for the name (the subject of any verb,
    a label), so a single word must also be capitalised somewhere a sentence does not open.
    """
    if _no_speaker_by_words(name) or (evidence is not None and evidence.place(name)):
        return None  # (a place: "in New York")
    words = name.split()
    last = words[-1].lower().rstrip(".")
    if ("and" in words or "&" in words) and last not in ORG_NAME_HEADS:
        parts = " ".join(words).replace(" & ", " and ").split(" and ")
        kinds = [name_kind(p, evidence) for p in parts]
        return "group" if all(k == "person" for k in kinds) else None  # "Frank Newport and Jim Harter"
    if evidence is not None and name in evidence.organisations:
        return "organisation"  # "Third Way, a moderate Democratic group"
    if any(w.lower() in INNER_FUNCTION_WORDS for w in words[1:]):
        # a title of a work, a headline: "Hotline On Call", "Court Hears Argument In Wal-Mart"
        return "organisation" if last in ORG_NAME_HEADS else None
    if last in ORG_NAME_HEADS or (len(words) == 1 and (_ACRONYM.fullmatch(words[0]) or _CAMEL.fullmatch(words[0]))):
        return "organisation"
    if last in PERSON_NOUNS or TITLE_NOUNS.get(last) in PERSON_NOUNS:
        return "role"  # a title without a name: "DNC Communications Director", "New York Democrat"
    if (GROUP_NAME_END.search(last) or singular(last) in PERSON_NOUNS) and not person_hint:
        return "group"  # "Democrats", "African American Pastors"
    if len(words) == 1:
        if evidence is not None and not person_hint and (
                evidence.common(words[0]) or (strict and not evidence.midsentence(strip_possessive(words[0])))):
            return None  # a common word capitalised where a sentence opens: "Close", "Therefore", "Optimism"
        if person_hint or (evidence is not None and words[0] in evidence.titled):
            return "person"
        return "unresolved"
    if all(w in NAME_PARTICLES or (_ACRONYM.fullmatch(w) and len(w) <= 3) for w in words[:-1]) and not person_hint:
        return "unresolved"
    return "person"


@lru_cache(maxsize=65536)  # (a pure function of the name, and names recur from article to article)
def _no_speaker_by_words(name: str) -> bool:
    """Whether a capitalised name is no speaker by its words alone (_name_kind's first tests): no
    words, a party label, a fragment of a sentence, a possessive, a compound modifier, a header
    word, a day, a month, a state's abbreviation, an event, a law, a building."""
    words = name.split()
    if not words:
        return True
    lowered = [w.lower().rstrip(".") for w in words]
    if PARTY_STATE.fullmatch(name) or any(PARTY_STATE.fullmatch(w) for w in words):
        return True
    if any(not _capitalised(w) and w.lower() not in NAME_PARTICLES and w not in ("and", "&", "of", "for", "on", "the")
           for w in words) or words[-1].lower() in ("of", "for", "on", "the", "and", "&"):
        return True  # lower-case words in a name: a piece of a sentence ("comments signal Ryan")
    if any(is_possessive(w) for w in words):
        return True
    if any("-" in w and w.rsplit("-", 1)[1][:1].islower() and w.split("-")[0].lower() not in NAME_PARTICLES for w in words):
        return True  # a compound modifier, no name: "Kansas City-area", "Texas-based"
    if sum(1 for w in words if len(w) > 3 and w.isupper() and w.isalpha()) >= 2 or any(c in name for c in "—–\"“”‘’"):
        return True  # a newsletter's all-caps headline run into a name: "ROLL TIDE Alabama"
    last = lowered[-1]
    if len(words) == 1 and (last in HEADER_WORDS or last in DAYS or last in MONTHS or last in FUNCTION_WORDS):
        return True
    if (last in STATE_ABBREVIATIONS and (len(words) == 1 or name.endswith("."))) or last.replace(".", "") in PLACE_ABBREVIATIONS:
        return True
    return last in NON_SPEAKER_HEADS  # an event, a law, a building: "Ames Straw Poll", "Affordable Care Act"


def clean_name(words: list[str], evidence: Evidence | None = None, sentence_initial: bool = False) -> list[str]:
    """A name's words without what news style sets around a name: a trailing possessive
    ('Clinton’s'), a party label ('Democrat Elizabeth Warren'), a department after a
    title ('of State Hillary Rodham Clinton'), a capitalised speech verb ('Added Gibbs'), a
    header word ('Updated'), days and months at either end, and a capitalised common word
    opening a sentence ('Senior White House')."""
    words = list(words)
    for k, w in enumerate(words[:-1]):
        if w.endswith(",") and k > 0:
            words = words[:k + 1]  # "Gwenda Blair, Donald ...": the name before the comma
            words[-1] = w.rstrip(",")
            break
    if words:
        words[-1] = strip_possessive(words[-1])
    while len(words) > 1 and words[0].lower() in LEADING_PREPOSITIONS:
        words = words[1:]  # "Despite George Will"
    if words and words[0].lower() in ("of", "for"):
        k = 1
        while k < len(words) - 1 and words[k].lower() in OFFICE_WORDS:
            k += 1
        words = words[k:] if k > 1 else words
    while words and (words[0].lower().rstrip(":") in HEADER_WORDS or words[0].lower() in DAYS or words[0].lower() in MONTHS
                     and len(words) > 2):
        words = words[1:]
    while len(words) > 1 and (words[-1].lower() in DAYS or words[-1].lower() in ("today", "yesterday", "tonight")):
        words = words[:-1]
    if len(words) >= 3 and (words[0].lower() in PARTY_LABELS or singular(words[0].lower()) in PARTY_LABELS):
        words = words[1:]
    if evidence is not None and len(words) >= 4:
        for n in (2, 1):  # "Ted Cruz South Carolina": a place after the name
            if " ".join(words[-n:]) in evidence.places:
                words = words[:-n]
                break
    if len(words) >= 2 and sentence_initial and evidence is not None and evidence.common(words[0]) \
            and words[0].lower() not in PARTY_LABELS:
        words = words[1:]
    return words


def document_author(words: list[str]) -> list[str] | None:
    """The author's words of a document description ('Mr. Trump’s statement', 'the Perry TV ad',
    'the Georgetown University letter'): the capitalised words before the document noun."""
    if not words or strip_possessive(words[-1]).lower().strip(".,;:") not in DOCUMENT_NOUNS:
        return None
    head = words[:-1]
    if head and head[0].lower() in ("the", "a", "an", "this", "that", "these", "those"):
        head = head[1:]
    while len(head) > 1 and head[-1].lower().rstrip("’'s") in MEDIA_WORDS:
        head = head[:-1]
    if not head or not all(_capitalised(w) or w.lower() in NAME_PARTICLES for w in head):
        return None
    head[-1] = strip_possessive(head[-1])
    return head


@lru_cache(maxsize=65536)  # (a pure function of the word, asked of every word of every name)
def describes(word: str) -> bool:
    """Whether a word before a name describes the person ('Actress', 'Billionaire', 'Whip',
    '14-year-old', 'Texas-based'): a person noun, singular or plural, or such a compound."""
    w = word.lower().rstrip(".,")
    if w in NOT_DESCRIPTORS:
        return False
    return w in PERSON_NOUNS or singular(w) in PERSON_NOUNS or w in TITLE_NOUNS or DESCRIPTOR_END.fullmatch(w) is not None \
        or w.split("-")[-1] in PERSON_NOUNS


# Person nouns that are also first names or parts of names ("Dean Baquet", "Major Garrett").
NOT_DESCRIPTORS = frozenset("dean major star earl duke king prince rich grant will chase".split())


def expand_title(word: str) -> str:
    """The role noun of a title word: 'Gov.' -> 'governor', 'Congressman' -> 'representative'."""
    w = word.lower().rstrip(".")
    return TITLE_NOUNS.get(w, w)


def role_matches(head: str, modifiers: Iterable[str], title_words: Iterable[str]) -> bool:
    """Whether a description ('the Texas governor': head governor, modifiers [Texas]) fits a
    title a person carries in the article ('Texas Gov.'): the same role noun, and every
    capitalised modifier among the title's words."""
    titles = {expand_title(w) for w in title_words}
    if expand_title(head) not in titles and head not in titles:
        return False
    plain = {w.lower().rstrip(".") for w in title_words}
    return all(m.lower() in plain for m in modifiers if m[:1].isupper())


class Timeline:
    """The persons (and roles) an article names, in order of position, each marked as standing in a
    subject's place or not: what he/she stand for.

    News style, like English generally, prefers a subject as a pronoun's antecedent ("Ryan also
    hammered Obama for what he called ...": he is Ryan), so the nearest subject before the
    pronoun wins over a nearer object or a name after a preposition ("an aide to Secretary of
    State Hillary Rodham Clinton. ... he told CNN"); with no subject within the paragraph and
    the one before it, the nearest name does.
    """

    def __init__(self) -> None:
        self.entries: list[tuple[int, str, str, bool]] = []  # (position, name, kind, subject)
        self.positions: list[int] = []

    def add(self, pos: int, name: str, kind: str, subject: bool) -> None:
        import bisect

        k = bisect.bisect_left(self.positions, pos)
        while k < len(self.positions) and self.positions[k] == pos:
            if self.entries[k][1] == name:
                if subject and not self.entries[k][3]:
                    self.entries[k] = (pos, name, kind, True)
                return
            k += 1
        self.entries.insert(k, (pos, name, kind, subject))
        self.positions.insert(k, pos)  # (kept in step, not rebuilt: linear in long articles)

    def antecedent(self, pos: int, since: int = 0, persons_only: bool = False,
                   subjects_only: bool = False) -> tuple[str, str] | None:
        """(name, kind) a pronoun at ``pos`` stands for: the nearest subject at or after
        ``since``, else the nearest entry (unless ``subjects_only``)."""
        import bisect

        k = bisect.bisect_left(self.positions, pos) - 1
        nearest = None
        while k >= 0:
            at, name, kind, subject = self.entries[k]
            if persons_only and kind != "person":
                k -= 1
                continue
            if nearest is None:
                nearest = (name, kind)
            if subject:
                if at >= since:
                    return name, kind
                break
            if at < since:
                break
            k -= 1
        return None if subjects_only else nearest
