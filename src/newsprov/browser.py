"""A real headless browser (Chromium) for looking at pages the way a person would.

Optional: only the report's screenshot and its test use it. Without Chromium,
``find_chromium()`` returns None and ``BrowserMissing`` carries a one-line hint.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
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


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def with_png_text(png: bytes, texts: dict[str, str]) -> bytes:
    """The PNG with a tEXt chunk per key (Latin-1 keyword and text) after its header chunk."""
    if not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    header_end = 8 + 12 + struct.unpack(">I", png[8:12])[0]
    chunks = b"".join(_chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1")) for key, value in texts.items())
    return png[:header_end] + chunks + png[header_end:]


def png_text(png: bytes) -> dict[str, str]:
    """The tEXt chunks of a PNG, keyword -> text."""
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG image")
    out, at = {}, 8
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I", png[at:at + 4])[0], png[at + 4:at + 8]
        if kind == b"tEXt":
            key, _, value = png[at + 8:at + 8 + length].partition(b"\0")
            out[key.decode("latin-1")] = value.decode("latin-1")
        if kind == b"IEND":
            break
        at += 12 + length
    return out
