"""Direct-quote extraction with speaker attribution for English news text.

Rules encode general conventions of English news writing:

* A quote is text between double quotation marks (straight or curly, mixed
  freely), or between curly single marks when not nested in a double quote.
  Apostrophes (’ inside or at the end of a word) are never quotation marks.
* News style never lets a quotation run across a paragraph break without
  reopening it: a paragraph that ends while a quote is open closes that quote
  at the paragraph end, and the reopened quote in the next paragraph is a
  continuation by the same speaker.
* Attribution sits next to the quote (“...,” he said / said X / according to
  X) or in the reporter's sentence that embeds it (X said officials were
  “optimistic”). A quote with no attribution of its own that follows a quote
  from a named speaker in the same or the previous paragraph is by that
  speaker.
* Pronouns are resolved to the most recent named person who spoke or was
  mentioned as a subject of a speech verb; within an article each mention
  resolves to the fullest form of the name used (Nasrallah → Hassan Nasrallah).

Offsets are Python ``str`` indices into the text as given.

The package: ``marks`` (quotation marks and quote spans), ``lexicon`` (word lists),
``cues`` (speech verbs), ``sentences`` (the one sentence splitter and paragraph bounds),
``phrases`` and ``subjects`` (the noun-phrase grammar), ``before`` and ``after`` (what
the words around a quote attribute), ``nonquotes`` (labels and scare quotes),
``name_forms`` (name resolution), ``rules`` (the ordered rule table and its refiners:
what each rule applies to, finds and records) and ``extract`` (the driver).
"""

from __future__ import annotations

from newsprov.dataset.extract.quotes.attribution import Quote
from newsprov.dataset.extract.quotes.extract import extract_quotes, reported_speaker
from newsprov.dataset.extract.quotes.marks import standard_marks
from newsprov.dataset.extract.quotes.name_forms import BODY_USE, fullest_of, name_uses
from newsprov.dataset.extract.quotes.rules import QUOTE_METHODS, REFINERS, RULES

__all__ = [
    "BODY_USE", "QUOTE_METHODS", "REFINERS", "RULES", "Quote", "extract_quotes", "fullest_of", "name_uses",
    "reported_speaker", "standard_marks",
]
