"""A changelog's entries: `newsprov validate --against` wants one for the new version."""

from __future__ import annotations

import re


def changelog_has_entry(changelog_text: str, version: str) -> bool:
    """Whether a Markdown heading names the version: `## 1.2.0`, `## [1.2.0] - 2026-11-23`, `### v1.2.0 (date)`."""
    text = re.sub(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", "", changelog_text, flags=re.M | re.S)
    pattern = rf"^ {{0,3}}#{{1,6}}[ \t]+(?:version[ \t]+)?\[?v?{re.escape(str(version))}\]?(?=[ \t]|$)"
    return re.search(pattern, text, flags=re.M | re.I) is not None
