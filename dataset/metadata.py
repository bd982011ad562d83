"""Curated source metadata (sources.csv): only what each text itself states."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

from newsprov.dataset.segment import DATELINE_HEADER
from newsprov.core.text import SourceError

# Agency credits as printed: "– AP" closing a story, "(AFP Photo)", "Photograph: EPA",
# "(With agency inputs)", "(Reuters)" after a dateline.
AGENCIES = r"AP|AFP|Reuters|UPI|EPA|DPA|ANI|PTI|IANS|Xinhua|Bloomberg|Getty Images|Anadolu|APP|NNI|PPI"
# The same in the scripts of other news languages, as their agencies' copy prints them in
# parentheses after the dateline: Urdu (APP, NNI, PPI, Online, AFP, Reuters; "news agencies"),
# Hindi (PTI-Bhasha, UNI-Varta, IANS, ANI, PTI), Arabic (AFP, Reuters, DPA, SPA, WAM, MENA, SANA,
# QNA) and Chinese (Xinhua, China News Service, Reuters, AP, AFP, Kyodo), full-width parentheses
# too. Longest first, so that "اے پی پی" (APP) is not read as "اے پی" (AP).
AGENCIES_OTHER_SCRIPTS = "|".join(sorted((
    "اے پی پی", "این این آئی", "پی پی آئی", "آن لائن", "اے ایف پی", "رائٹرز", "اے پی", "نیوز ایجنسیاں",
    "भाषा", "वार्ता", "आईएएनएस", "एएनआई", "पीटीआई",
    "أ ف ب", "رويترز", "د ب أ", "واس", "وام", "أ ش أ", "سانا", "قنا",
    "新华社", "中新社", "路透社", "美联社", "法新社", "共同社",
), key=lambda a: (-len(a), a)))
WIRE_CREDIT = re.compile(
    rf"(?:[–—-]\s*(?P<closing>{AGENCIES})\s*$)"
    rf"|\((?P<paren>(?:{AGENCIES})(?: (?:Photo|Photograph|Video))?)\)"
    rf"|\b(?P<photo>Photograph: (?:{AGENCIES}))\b"
    r"|\((?P<inputs>With (?:agency|wire) inputs)\)"
    rf"|[(\uff08]\s*(?P<script>{AGENCIES_OTHER_SCRIPTS})\s*[)\uff09]",
    re.MULTILINE,
)
COLUMNS = ("source_id", "path", "dateline_date", "wire_credits", "outlet", "language")


@dataclass(frozen=True)
class SourceMeta:
    source_id: str
    path: str
    dateline_date: str | None = None
    wire_credits: str | None = None
    outlet: str | None = None
    language: str | None = None  # curated BCP 47 tag; None: the build detects it (dataset/language.py)


def derive(source_id: str, path: str, text: str, outlet: str | None = None) -> SourceMeta:
    """Metadata read off the text by rule: the dateline header and wire credits."""
    header = DATELINE_HEADER.match(text)
    date = None
    if header:
        try:
            date = dt.date.fromisoformat(header.group(2)).isoformat()
        except ValueError:
            date = None
    credits: list[str] = []
    for match in WIRE_CREDIT.finditer(text):
        credit = next(g for g in match.groups() if g)
        if credit not in credits:
            credits.append(credit)
    return SourceMeta(source_id, path, date, "; ".join(credits) or None, outlet)


def read(path: Path) -> dict[str, SourceMeta]:
    """Read sources.csv; a malformed file raises SourceError naming it."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read metadata ({exc})") from None
    reader = csv.DictReader(io.StringIO(raw))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise SourceError(f"{path}: expected columns {','.join(COLUMNS)}, found {','.join(reader.fieldnames or [])}")
    rows = {}
    for line, row in enumerate(reader, start=2):
        values = {k: (v if v != "" else None) for k, v in row.items()}
        if not values["source_id"] or not values["path"]:
            raise SourceError(f"{path}: line {line}: source_id and path are required")
        if values["dateline_date"]:
            try:
                dt.date.fromisoformat(values["dateline_date"])
            except ValueError:
                raise SourceError(f"{path}: line {line}: dateline_date {values['dateline_date']!r} is not YYYY-MM-DD") from None
        rows[values["source_id"]] = SourceMeta(**values)
    return rows


def write(path: Path, rows: dict[str, SourceMeta]) -> None:
    """Write sources.csv sorted by source id, LF line endings."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for key in sorted(rows):
        meta = rows[key]
        writer.writerow(["" if getattr(meta, f.name) is None else getattr(meta, f.name) for f in fields(meta)])
    tmp = path.with_suffix(".csv.tmp")
    tmp.write_text(out.getvalue(), encoding="utf-8")
    tmp.replace(path)


def merge(curated: SourceMeta | None, derived: SourceMeta) -> SourceMeta:
    """Curated values win; derived ones fill what the curator left empty."""
    if curated is None:
        return derived
    return replace(
        curated,
        path=derived.path,
        dateline_date=curated.dateline_date or derived.dateline_date,
        wire_credits=curated.wire_credits or derived.wire_credits,
    )
