"""Reading source documents exactly: UTF-8, a leading BOM removed, nothing else changed."""

from __future__ import annotations

from pathlib import Path

BOM = "\ufeff"


class SourceError(Exception):
    """A source document that cannot be used; the message names the file."""


def decode_source(data: bytes, name: str) -> str:
    """Decode source bytes into the text all offsets refer to."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name}: not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None
    if text.startswith(BOM):
        text = text[1:]
    if not text.strip():
        raise SourceError(f"{name}: empty source document")
    return text


def read_source(path: Path) -> str:
    """Read one source file as its offset text (see decode_source)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: source file not found") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None
    return decode_source(data, str(path))
