"""Reading a data package descriptor safely, and writing one in stable bytes.

Size and nesting depth are checked before a descriptor is parsed, so that a hostile file
cannot exhaust the memory or the stack of a command that opens it.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from pathlib import Path


def dumps(descriptor: dict) -> bytes:
    """Stable bytes: fixed key order as built, 2-space indent, LF, final newline."""
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")



# Limits checked before a descriptor is parsed, so that a hostile file cannot exhaust memory or
# the stack of every command that opens it.
#
# MAX_DESCRIPTOR_BYTES: the largest descriptor newsprov is benchmarked on (100,000 sources and the
# tables, benchmarks/bench_validate_large.py) is 52-54 MB; json.loads of it peaks at about 250 MB
# and takes about 1 s. 128 MiB leaves room for some 250,000 sources and keeps parsing under
# about 650 MB.
MAX_DESCRIPTOR_BYTES = 128 << 20
# MAX_DEPTH: newsprov's own descriptors nest 8 levels (package > resources > resource > schema >
# fields > field > constraints > enum list); Frictionless adds at most a few more (dialects,
# foreignKeys > reference). 64 is far above any real descriptor and far below the depth at which
# json.loads (about 1,000 with Python's default recursion limit) or the code walking the result
# (jsonschema, copy.deepcopy) would overflow the stack.
MAX_DEPTH = 64


class DescriptorError(ValueError):
    """A file that cannot be read as a data package descriptor; the message names it and says why."""


_BRACKETS_ONLY = bytes(c for c in range(256) if c not in b"[]{}")  # translate() deletes all of these
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_DEPTH_STEP = [0] * 256
_DEPTH_STEP[ord("[")] = _DEPTH_STEP[ord("{")] = 1
_DEPTH_STEP[ord("]")] = _DEPTH_STEP[ord("}")] = -1


def nesting_depth(raw: bytes, limit: int = MAX_DEPTH) -> int:
    """How deeply the JSON text's arrays and objects nest (a bracket inside a string does not count).

    Brackets are first counted as if none were inside strings (C speed: about 50 ms for 50 MB);
    that can only overestimate, so only a count above `limit` is made exact by removing the strings.
    """
    depth = max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, raw.translate(None, _BRACKETS_ONLY))), default=0)
    if depth <= limit:
        return depth
    brackets = _STRING.sub(b"", raw).translate(None, _BRACKETS_ONLY)
    return max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def read_bytes(path: Path | str, label: str | None = None) -> bytes:
    """A descriptor file's bytes, its size checked before anything is read.

    OSError when the file cannot be opened or read; DescriptorError when it is too large.
    """
    label = str(path) if label is None else label
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_DESCRIPTOR_BYTES:
            raise DescriptorError(f"{label}: data package descriptor too large ({size} bytes; the limit is {MAX_DESCRIPTOR_BYTES})")
        # Its size, then what may have been added since (or what a special file holds), bounded.
        # (read(MAX_DESCRIPTOR_BYTES + 1) would allocate 128 MiB for any descriptor.)
        chunks = [handle.read(size + 1)]
        total = len(chunks[0])
        while total <= MAX_DESCRIPTOR_BYTES and (chunk := handle.read(min(1 << 16, MAX_DESCRIPTOR_BYTES + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
        raw = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(raw) > MAX_DESCRIPTOR_BYTES:
        raise DescriptorError(f"{label}: data package descriptor too large (over {MAX_DESCRIPTOR_BYTES} bytes)")
    return raw


def read(path: Path | str, label: str | None = None) -> dict:
    """Read and parse a descriptor file (read_bytes, then parse)."""
    label = str(path) if label is None else label
    return parse(read_bytes(path, label), label)


def parse(raw: bytes, label: str) -> dict:
    """A descriptor's JSON as a dict with a resources list; DescriptorError (a ValueError) naming `label` otherwise.

    Size and nesting depth are checked before the JSON is parsed.
    """
    if len(raw) > MAX_DESCRIPTOR_BYTES:
        raise DescriptorError(f"{label}: data package descriptor too large (over {MAX_DESCRIPTOR_BYTES} bytes)")
    if not raw.strip():
        raise DescriptorError(f"{label}: empty data package descriptor")
    if raw[:4] == b"PK\x03\x04":
        raise DescriptorError(f"{label}: a zip archive, not a data package descriptor")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DescriptorError(f"{label}: malformed data package descriptor (not UTF-8 at byte {exc.start})") from None
    depth = nesting_depth(raw)
    if depth > MAX_DEPTH:
        raise DescriptorError(f"{label}: malformed data package descriptor (arrays and objects nested {depth} deep; the limit is {MAX_DEPTH})")
    try:
        descriptor = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise DescriptorError(f"{label}: malformed data package descriptor ({exc})") from None
    if not isinstance(descriptor, dict):
        raise DescriptorError(f"{label}: malformed data package descriptor (the top level is not a JSON object)")
    if not isinstance(descriptor.get("resources"), list):
        raise DescriptorError(f"{label}: malformed data package descriptor (no resources list)")
    return descriptor
