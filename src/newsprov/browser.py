"""A real headless browser (Chromium) for looking at pages the way a person would.

Optional: only the report's screenshot and its test use it. Without Chromium,
``find_chromium()`` returns None and ``BrowserMissing`` carries a one-line hint.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HINT = "no Chromium found: install it (Debian: apt install chromium) or set NEWSPROV_CHROMIUM to its path"
# Lines Chromium logs for the page's console (messages, uncaught errors, failed loads).
_CONSOLE = re.compile(r":CONSOLE(?::\d+)?\] (.*)$")
# Time the page's scripts get before the screenshot or DOM dump (virtual time, not wall time).
SCRIPT_BUDGET_MS = 3000


class BrowserMissing(RuntimeError):
    """Chromium is not installed."""


@dataclass(frozen=True)
class PageRun:
    console: list[str]
    dom: str | None


def find_chromium() -> str | None:
    explicit = os.environ.get("NEWSPROV_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def open_page(url: str, screenshot: Path | None = None, size: tuple[int, int] = (1400, 1800), dump_dom: bool = False) -> PageRun:
    """Load url headless; return what its console printed and, if asked, the DOM after scripts ran."""
    chromium = find_chromium()
    if chromium is None:
        raise BrowserMissing(HINT)
    with tempfile.TemporaryDirectory(prefix="newsprov-chromium-") as profile:
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
            f"--virtual-time-budget={SCRIPT_BUDGET_MS}", f"--window-size={size[0]},{size[1]}",
        ]
        if screenshot is not None:
            command.append(f"--screenshot={Path(screenshot).resolve()}")
        if dump_dom:
            command.append("--dump-dom")
        done = subprocess.run(command + [url], capture_output=True, text=True, timeout=180)
    console = [m.group(1) for line in done.stderr.splitlines() if (m := _CONSOLE.search(line))]
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited {done.returncode}: {done.stderr.strip().splitlines()[-1:]}")
    return PageRun(console, done.stdout if dump_dom else None)
