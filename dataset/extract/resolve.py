"""Which speaker names are one entity, over a scope of articles.

Every rule here only ever joins two names into one group (union-find), and each group's
canonical name is chosen from its members by a ranking that depends on nothing but the
names and their counts: resolution cannot make a chain (A -> B -> C) or a cycle, and gives
the same answer whatever the order of the articles or the interpreter's hash seed.

Names are joined when they are:

* one spelling of another (Hizbullah/Hezbollah, U.S. official/US official: names.variant_key);
* one name with and without a possessive ("Clinton’s" is Clinton);
* one person's name with and without middle names or initials ("Donald J. Trump",
  "Donald Trump"; "Hillary Rodham Clinton", "Hillary Clinton"), when the scope holds only
  one such fuller form (George W. Bush and George H. W. Bush keep "George Bush" apart);
* a surname and the one fuller person name in scope ending with it ("Mr. Steele",
  already "Steele", and "Michael Steele"; "Nasrallah" and "Hassan Nasrallah"). Two people
  sharing the surname in scope leave it alone: a missed merge is a row a curator can
  join, a false one credits one person's words to another.

The scope is a parameter: today a package's whole folder; per story once stories exist.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsprov.dataset.extract.names import plain, variant_key
from newsprov.dataset.extract.speakers import NAME_PARTICLES, strip_possessive

# The kinds a speaker can be, strongest evidence first: when the members of one entity were
# classified differently, the first kind any member has wins.
KIND_ORDER = ("person", "organisation", "group", "role", "unresolved")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$")
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


@dataclass
class Mention:
    """One quote's speaker as an article names it, and the kind the extractor gave it."""

    article_id: str
    name: str
    kind: str | None = None


@dataclass
class Entity:
    alias: str
    canonical: str
    kind: str
    method: str  # speaker-name, spelling-variant, name-variant, surname
    n_articles: int
    n_quotes: int


@dataclass
class _Groups:
    parent: dict[str, str] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)  # member -> the rule that first joined it

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str, rule: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # (which root survives does not matter: ranked later)
            for name in (a, b):
                self.how.setdefault(name, rule)


def _name_words(name: str) -> list[str]:
    """A person name's words without initials and suffixes ('Donald J. Trump' -> Donald, Trump)."""
    return [w for w in name.split() if not _INITIAL.match(w) and w.lower() not in _SUFFIXES]


def _is_person_name(name: str, kinds: Counter) -> bool:
    return kinds.get("person", 0) > 0 and len(_name_words(name)) >= 2


@dataclass(frozen=True)
class Curated:
    """A reviewer's entity entry: the alias joins the entity of ``canonical`` (which then
    bears that name), or its entity gets ``kind``."""

    alias: str
    canonical: str | None = None
    kind: str | None = None


class CurationError(ValueError):
    """Curated entries that contradict each other."""


def resolve(mentions: Iterable[Mention], curated: Iterable[Curated] = ()) -> dict[str, Entity]:
    """Every name in ``mentions`` (one scope) with the entity it belongs to; ``curated`` entries
    join names and name or classify entities, ahead of every rule."""
    articles: dict[str, set[str]] = defaultdict(set)
    quotes: Counter = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        articles[m.name].add(m.article_id)
        quotes[m.name] += 1
        kinds[m.name][m.kind or "unresolved"] += 1
    curated = list(curated)
    groups = _Groups()
    for c in curated:
        groups.find(c.alias)
        if c.canonical:
            groups.union(c.alias, c.canonical, "curated")
    names = sorted(set(articles) | set(groups.parent))
    for name in names:
        groups.find(name)
        bare = " ".join(strip_possessive(w) for w in name.split())
        if bare != name:
            groups.union(name, bare, "spelling-variant")
            kinds[bare].update(kinds[name])
    names = sorted(groups.parent)
    by_key: dict[tuple, list[str]] = defaultdict(list)
    for name in names:
        by_key[variant_key(name)].append(name)
    for members in by_key.values():
        for other in members[1:]:
            groups.union(members[0], other, "spelling-variant")
    _join_name_variants(names, kinds, groups)
    _join_surnames(names, kinds, groups)

    members: dict[str, list[str]] = defaultdict(list)
    for name in names:
        members[groups.find(name)].append(name)
    targets = {c.canonical for c in curated if c.canonical}
    curated_kinds: dict[str, set[str]] = defaultdict(set)
    for c in curated:
        if c.kind:
            curated_kinds[groups.find(c.alias)].add(c.kind)
    curated_aliases = {c.alias for c in curated}
    out = {}
    for root, group in members.items():

        def rank(n: str) -> tuple:
            person_name = _is_person_name(n, kinds[n])
            return (not person_name, strip_possessive(n.split()[-1]) != n.split()[-1], -len(articles.get(n, ())),
                    -quotes[n], -len(_name_words(n)), n)

        forced = sorted(targets.intersection(group))
        if len(forced) > 1:
            raise CurationError(f"curated entries join {forced[0]!r} and {forced[1]!r} into one entity; name one canonical")
        main = forced[0] if forced else min(group, key=rank)
        if len(curated_kinds[root]) > 1:
            raise CurationError(f"curated entries give the entity {main!r} the kinds {sorted(curated_kinds[root])}")
        total = Counter()
        for n in group:
            total.update(kinds[n])
        kind = next(iter(curated_kinds[root]), None) or next((k for k in KIND_ORDER if total.get(k)), "unresolved")
        for n in group:
            method = "curated" if n in curated_aliases else _relation(n, main) or groups.how.get(n, "spelling-variant")
            out[n] = Entity(n, main, kind, method, len(articles.get(n, ())), quotes[n])
    return out


def _relation(alias: str, main: str) -> str | None:
    """How an alias relates to its entity's name: speaker-name (it is the name), spelling-variant,
    surname or name-variant; None when it joined through another alias."""
    if alias == main:
        return "speaker-name"
    bare = " ".join(strip_possessive(w) for w in alias.split())
    if variant_key(bare) == variant_key(main):
        return "spelling-variant"
    words, main_words = _name_words(bare), _name_words(main)
    if len(words) == 1 and main_words and variant_key(words[0]) == variant_key(main_words[-1]):
        return "surname"
    if len(words) >= 2 and len(main_words) >= 2 and plain(words[0]) == plain(main_words[0]) and plain(words[-1]) == plain(main_words[-1]):
        return "name-variant"
    return None


def _join_name_variants(names: list[str], kinds: dict[str, Counter], groups: _Groups) -> None:
    """'Donald J. Trump' and 'Donald Trump'; 'Hillary Rodham Clinton' and 'Hillary Clinton': one
    person when the scope's fuller forms of first and last name agree."""
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in names:
        words = _name_words(name)
        if len(words) >= 2 and _is_person_name(name, kinds[name]):
            by_ends[(plain(words[0]), plain(words[-1]))].append(name)
    for forms in by_ends.values():
        if len(forms) < 2:
            continue
        middles = {}
        for f in forms:
            raw = [w for w in f.split() if w.lower() not in _SUFFIXES]
            middles[f] = tuple(w[0].upper() for w in raw[1:-1] if w.lower() not in NAME_PARTICLES)
        fuller = {m for m in middles.values() if m}
        if len(fuller) > 1 and not _compatible(fuller):
            continue  # George W. Bush and George H. W. Bush: "George Bush" could be either
        for f in forms[1:]:
            groups.union(forms[0], f, "name-variant")


def _compatible(middles: set[tuple[str, ...]]) -> bool:
    """Whether middle-name initials agree (one is a prefix of every other)."""
    longest = max(middles, key=len)
    return all(longest[:len(m)] == m for m in middles)


def _join_surnames(names: list[str], kinds: dict[str, Counter], groups: _Groups) -> None:
    """A one-word name and the one person in scope whose full name ends with it."""
    by_last: dict[tuple, set[str]] = defaultdict(set)
    for name in names:
        words = _name_words(name)
        if len(words) >= 2 and _is_person_name(name, kinds[name]):
            by_last[variant_key(words[-1])].add(groups.find(name))
    for name in names:
        words = name.split()
        if len(words) != 1 or not name[:1].isupper():
            continue
        if not (kinds[name].get("person") or kinds[name].get("unresolved")):
            continue  # ("Democrats", "NAACP": no one's surname)
        roots = by_last.get(variant_key(name), set())
        if len(roots) == 1:
            groups.union(next(iter(roots)), name, "surname")
