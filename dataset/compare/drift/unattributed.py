"""attribution (``unattributed-quote``): one quotation whose speaker one version names and another
does not, printing it in a paragraph of its own after another person's words.

A paragraph that is only a quotation is read as its previous paragraph's speaker's
(``continued-paragraph``): the usual way of printing a long statement ("...," he said. / "...").
When another version names the quotation's speaker and that is someone else (by last name), the
first version has dropped the attribution, and its reader takes the words for the previous
speaker's: "'Bob Etheridge has lost it,' said Jon Thompson, a Republican spokesman. 'His conduct
is unbecoming of a member of Congress.'" against the same words printed alone after Etheridge's
own. A speaker counts as named when the quotation's version names them by a proper name of two
words or more ("Jon Thompson", "White House"; not a pronoun, not a guess of the rules:
"officials", "the campaign" and single words the rules could not resolve are not read). The
row's sides: the naming versions' speaker and verb, and the quotation as the other version
prints it.
"""

from __future__ import annotations

from newsprov.dataset.compare.drift.collapse import Mark, Obs
from newsprov.dataset.compare.drift.word_classes import SPEAKER_PRONOUNS
from newsprov.dataset.compare.drift.words import fold_key

__all__ = ["unattributed_obs"]

CONTINUED = "continued-paragraph"
# methods whose speaker the outlet did not name next to the words (the rules' guess)
_GUESSED = (CONTINUED, "pronoun-resolved", "no-speaker", "previous-sentence")
MAX_SPAN = 80  # characters: the speaker and the verb marked together when they stand this close


def _last(name: str | None) -> str:
    return fold_key(name.split()[-1]) if name and name.split() else ""


def _named(q: dict) -> bool:
    mention = (q.get("speaker_mention") or "").split()
    name = (q.get("speaker") or "").split()
    return (len(name) >= 2 and all(w[:1].isupper() for w in name) and bool(mention)
            and q.get("speaker_kind") in ("person", "organisation") and fold_key(mention[0]) not in SPEAKER_PRONOUNS
            and q.get("speaker_start") is not None and not any(g in (q.get("method") or "") for g in _GUESSED))


def unattributed_obs(qrec: dict[str, dict], by_group: dict[str, list[dict]]) -> list[Obs]:
    """The story's unattributed-quote rows (module doc)."""
    out = []
    for gid, mem in sorted(by_group.items()):
        quotes = [qrec[m["quote_id"]] for m in mem if m["quote_id"] in qrec]
        named = [q for q in quotes if _named(q)]
        names = {_last(q["speaker"]) for q in named}
        if len(names) != 1:  # no one named, or two speakers: another rule's matter
            continue
        alone = [q for q in quotes if CONTINUED in (q.get("method") or "") and _last(q.get("speaker")) not in names
                 and q["article_id"] not in {n["article_id"] for n in named}]
        if not alone:
            continue
        marks = []
        for q in named:
            s, e = q["speaker_start"], q["speaker_end"]
            if q.get("cue_start") is not None and max(e, q["cue_end"]) - min(s, q["cue_start"]) <= MAX_SPAN:
                s, e = min(s, q["cue_start"]), max(e, q["cue_end"])  # "said Jon Thompson"
            marks.append(Mark(q["article_id"], s, e, "named"))
        marks += [Mark(q["article_id"], q["start"], q["end"], "unattributed") for q in alone]
        out.append(Obs("attribution", "unattributed-quote", tuple(marks), {"group": gid, "speaker": next(iter(names))}))
    return out
