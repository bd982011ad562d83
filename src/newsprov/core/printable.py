"""Text for a terminal or a CI log: nothing taken from data may start a line or run a command.

Descriptors, file names and cells are data. Printed in text output, a newline or carriage
return inside one would start a new line the data chooses, and a GitHub Actions runner
reads any line starting with `::` (after leading whitespace) as a workflow command
(`::add-mask::`, `::stop-commands::`, ...). So control characters (C0, DEL, C1), the Unicode
line and paragraph separators and the bidirectional controls (which can make a terminal show
text in another order than it is) are written as escapes (`\\n`, `\\x1b`, `\\u2028`), and a line
that would still start with `::` gets its first colon escaped (`\\x3a:`).
"""

from __future__ import annotations

import re

UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: object) -> str:
    """The text with every control, separator and bidirectional control character escaped."""
    return UNPRINTABLE.sub(_escape, str(text))


def safe_line(text: object) -> str:
    """One line of text output: printable, and not starting with `::` (a workflow command)."""
    line = printable(text)
    stripped = line.lstrip()
    if stripped.startswith("::"):
        line = line[: len(line) - len(stripped)] + "\\x3a" + stripped[1:]
    return line


def safe_lines(lines) -> str:
    """Lines joined by newlines, each made safe: the only line breaks are the ones between them."""
    return "\n".join(safe_line(line) for line in lines)
