"""Score the speakers a package names against BASIL-style annotations.

The gold folder holds ``text/*.txt`` and ``annotations.jsonl``: phrase spans with
``start``/``end`` offsets into the text, ``quote`` = yes for quoted material and ``speaker``
a label such as ``Michael_Steele`` (or a generic ``other_pro``/``other_anti``/
``other_neutral``); ``stories.tsv`` (optional) gives each article's outlet.

Each annotated quote span is matched to the package's quote overlapping it most; the
speaker is right when its last word equals the label's last word, case and accents
ignored (the surname for a person: "Rick Perry", "Gov. Perry" and "Rick_Perry" agree).
Generic labels are left out. Scores are given for every named label and for named
persons: labels of two or more capitalised parts whose last part the corpus never prints
in lower case (Rick_Perry, Bibi_Netanyahu are persons; Tea_Party, Democratic_Lawmakers,
Obama_campaign, NAACP are not).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

GENERIC_PREFIX = "other_"
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")


class GoldError(ValueError):
    """A gold folder that is not in the BASIL layout."""


def surname(name: str) -> str:
    """The last word of a name or label, case, accents and a possessive removed."""
    decomposed = unicodedata.normalize("NFKD", name.replace("_", " "))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = plain.split()
    last = words[-1] if words else ""
    return re.sub(r"[’']s$", "", last).strip(".,;:").casefold()


def is_person_label(label: str, lower_words: set[str]) -> bool:
    """Whether a gold speaker label names one person (see the module docstring)."""
    parts = [p for p in label.split("_") if p]
    return len(parts) >= 2 and all(p[:1].isupper() for p in parts) and parts[-1].lower() not in lower_words


def read_gold(gold_dir: Path) -> tuple[dict[str, str], list[dict], dict[str, str]]:
    """(texts by article id, quote annotations with a speaker, outlet by article id)."""
    gold_dir = Path(gold_dir)
    text_dir, ann_path = gold_dir / "text", gold_dir / "annotations.jsonl"
    if not text_dir.is_dir() or not ann_path.is_file():
        raise GoldError(f"{gold_dir}: expected text/*.txt and annotations.jsonl (BASIL layout)")
    texts = {p.stem: p.read_text(encoding="utf-8-sig") for p in sorted(text_dir.glob("*.txt"))}
    quotes = []
    with ann_path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise GoldError(f"{ann_path}:{n}: not JSON ({exc})") from None
            if row.get("quote") == "yes" and row.get("speaker") and row.get("article_id") in texts:
                quotes.append(row)
    outlets = {}
    stories = gold_dir / "stories.tsv"
    if stories.is_file():
        with stories.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t"):
                if len(row) >= 3:
                    outlets[row[2]] = row[1]
    for article in texts:
        outlets.setdefault(article, article.rsplit("_", 1)[-1] if "_" in article else "unknown")
    return texts, quotes, outlets


def score_speakers(gold_dir: Path, quotes: list[dict]) -> dict:
    """Coverage and surname accuracy of ``quotes`` (rows with article_id, start, end, speaker,
    speaker_mention, method; article ids as the file stems lower-cased) against the gold."""
    from newsprov.dataset.build import article_id

    texts, gold, outlets = read_gold(gold_dir)
    ids = {stem: article_id(Path(stem + ".txt")) for stem in texts}
    lower_words = {w for text in texts.values() for w in _LOWER_WORD.findall(text)}
    by_article: dict[str, list[dict]] = defaultdict(list)
    for q in quotes:
        by_article[q["article_id"]].append(q)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"annotated": 0, "covered": 0, "correct": 0})
    errors = []
    for row in gold:
        label = row["speaker"]
        if label.startswith(GENERIC_PREFIX):
            continue
        groups = ["named", f"outlet:{outlets[row['article_id']]}"]
        if is_person_label(label, lower_words):
            groups += ["persons", f"persons:{outlets[row['article_id']]}"]
        found = [q for q in by_article.get(ids[row["article_id"]], []) if q["start"] < row["end"] and q["end"] > row["start"]]
        best = max(found, key=lambda q: (min(q["end"], row["end"]) - max(q["start"], row["start"]), -q["start"]), default=None)
        right = best is not None and bool(best.get("speaker")) and surname(best["speaker"]) == surname(label)
        for g in groups:
            counts[g]["annotated"] += 1
            counts[g]["covered"] += best is not None
            counts[g]["correct"] += right
        if not right:
            errors.append({"article_id": row["article_id"], "start": row["start"], "end": row["end"], "gold": label,
                           "speaker": best.get("speaker") if best else None,
                           "mention": best.get("speaker_mention") if best else None,
                           "method": best.get("method") if best else None, "person": "persons" in groups})

    def scores(c: dict) -> dict:
        return {**c, "accuracy": c["correct"] / c["covered"] if c["covered"] else 0.0,
                "coverage": c["covered"] / c["annotated"] if c["annotated"] else 0.0,
                "end_to_end": c["correct"] / c["annotated"] if c["annotated"] else 0.0}

    per_outlet = {g.split(":", 1)[1]: scores(c) for g, c in sorted(counts.items()) if g.startswith("outlet:")}
    persons_per_outlet = {g.split(":", 1)[1]: scores(c) for g, c in sorted(counts.items()) if g.startswith("persons:")}
    return {
        "persons": scores(counts["persons"]),
        "named": scores(counts["named"]),
        "per_outlet": per_outlet,
        "persons_per_outlet": persons_per_outlet,
        "errors": errors,
    }


def evaluate_speakers(gold_dir: Path, datapackage: Path | None = None) -> dict:
    """score_speakers on a package's quotes: the package at ``datapackage``, or one built
    from the gold texts in a temporary folder."""
    import tempfile

    from newsprov.dataset.build import build
    from newsprov.dataset.versions.load import load

    read_gold(gold_dir)  # (a malformed gold folder fails before anything is built)
    if datapackage is not None:
        return score_speakers(gold_dir, load(datapackage).quotes.to_dicts())
    with tempfile.TemporaryDirectory(prefix="newsprov-eval-") as tmp:
        result = build(Path(gold_dir) / "text", Path(tmp) / "package")
        return score_speakers(gold_dir, result.tables["quotes"].to_dicts())
