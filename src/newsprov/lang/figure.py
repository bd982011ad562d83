"""The record of one figure, as both figure grammars give it (lang.figures for English and the
languages it knows, lang.numerals for the others)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Figure"]


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: float
    value_low: float | None
    value_high: float | None
    value_kind: str
    unit: str | None
    subject: str | None
    method: str
