"""Fingerprint of the quote extractor: a sha256 of extract_quotes' rows over every
PolNeAR text (train + dev), one line per split and a total.

Run it with two checkouts' interpreters and compare the lines, e.g. before and after
a refactoring that must not change outputs:

    /work/main/.venv/bin/python scripts/quotes_fingerprint.py
    .venv/bin/python scripts/quotes_fingerprint.py

The corpus root defaults to the nearest shared/corpora/polnear above the checkout
(override with an argument).
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

from newsprov.dataset.extract.quotes import extract_quotes


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        root = Path(argv[1])
    else:  # the nearest shared/corpora/polnear above this checkout
        here = Path(__file__).resolve()
        root = next((d / "shared" / "corpora" / "polnear" for d in here.parents
                     if (d / "shared" / "corpora" / "polnear").is_dir()), here)
    if not root.is_dir():
        print(f"quotes_fingerprint: no corpus at {root}", file=sys.stderr)
        return 2
    total = hashlib.sha256()
    for split in ("train", "dev"):
        h = hashlib.sha256()
        n = files = 0
        for p in sorted((root / split / "text").glob("*.txt")):
            qs = extract_quotes(p.read_text(encoding="utf-8"))
            n += len(qs)
            files += 1
            line = json.dumps([p.name, [asdict(q) for q in qs]], ensure_ascii=False, sort_keys=True).encode() + b"\n"
            h.update(line)
            total.update(line)
        print(f"polnear/{split}: {files} texts, {n} quotes, sha256 {h.hexdigest()}")
    print(f"total sha256 {total.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
