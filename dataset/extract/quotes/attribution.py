"""What the quote rules return: a quote row, and the attribution a rule finds for it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str  # "full" or "partial"
    speaker: str | None
    # person, organisation, group, role; unresolved when the mention stands for no speaker
    # the rules can name (a pronoun with no antecedent, a document); None with no mention
    speaker_kind: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    method: str


@dataclass(frozen=True)
class Attribution:
    """What a rule finds for a quote: the speaker's mention (start, end, kind: name, nominal,
    org or pronoun), the cue's span and the method recorded. Rules return new ones (with
    dataclasses.replace), never change one they were given."""
    np: tuple[int, int, str] | None
    cue: tuple[int, int] | None
    method: str
    # a quote going on from the previous one keeps that quote's resolved (speaker, speaker_kind)
    inherited: tuple[str | None, str] | None = None
