"""A descriptor is bounded before it is parsed: size and nesting depth, then JSON, then shape.

Whatever the file holds, opening it gives a dict or one DescriptorError naming the file, never
a RecursionError or a read of gigabytes."""

from __future__ import annotations

import json

import pytest

from newsprov.core.descriptor import MAX_DEPTH, MAX_DESCRIPTOR_BYTES, DescriptorError, nesting_depth, parse, read
from newsprov.validators.run import MalformedDescriptor, validate


def nested(depth: int) -> bytes:
    return b'{"resources": [], "x": ' + b"[" * (depth - 1) + b"]" * (depth - 1) + b"}"


def test_nesting_depth_counts_arrays_and_objects_but_not_brackets_in_strings():
    assert nesting_depth(b'{"a": [1, {"b": []}]}') == 4
    assert nesting_depth(b"3") == 0
    text = json.dumps({"resources": [], "pattern": "[" * 500 + "{" * 500, "escaped": '\\"[[[[' * 100}).encode()
    assert nesting_depth(text) == 2  # the object and its empty list: every other bracket is inside a string


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_a_descriptor_nested_deeper_than_the_limit_is_refused_before_parsing(depth):
    with pytest.raises(DescriptorError, match=rf"^pkg/datapackage.json: malformed data package descriptor \(arrays and objects nested {depth} deep; the limit is {MAX_DEPTH}\)$"):
        parse(nested(depth), "pkg/datapackage.json")


def test_a_descriptor_at_the_depth_limit_parses():
    assert parse(nested(MAX_DEPTH), "d")["resources"] == []


def test_brackets_in_strings_do_not_count_against_the_limit():
    text = json.dumps({"resources": [], "description": "[" * (MAX_DEPTH * 2)}).encode()
    assert parse(text, "d")["description"].startswith("[[[")


def test_an_oversized_descriptor_is_refused_from_its_size_before_it_is_read(tmp_path):
    path = tmp_path / "datapackage.json"
    with open(path, "wb") as handle:  # sparse: nothing is written, the size is what counts
        handle.truncate(MAX_DESCRIPTOR_BYTES + 1)
    with pytest.raises(DescriptorError, match=rf"datapackage.json: data package descriptor too large \({MAX_DESCRIPTOR_BYTES + 1} bytes; the limit is {MAX_DESCRIPTOR_BYTES}\)"):
        read(path)
    with pytest.raises(MalformedDescriptor, match="too large"):
        validate(tmp_path)


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b"", "empty data package descriptor"),
        (b"  \n", "empty data package descriptor"),
        (b"\xff{}", "not UTF-8 at byte 0"),
        (b"{not json", "malformed data package descriptor (Expecting property name"),
        (b"[]", "the top level is not a JSON object"),
        (b'"x"', "the top level is not a JSON object"),
        (b'{"name": "x"}', "no resources list"),
        (b'{"resources": {}}', "no resources list"),
    ],
)
def test_what_cannot_be_read_as_a_descriptor_is_named(tmp_path, raw, what):
    (tmp_path / "datapackage.json").write_bytes(raw)
    with pytest.raises(DescriptorError) as caught:
        read(tmp_path / "datapackage.json")
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'datapackage.json'}: ") and what in message and "\n" not in message
    with pytest.raises(MalformedDescriptor):
        validate(tmp_path)


def test_reading_a_descriptor_takes_about_its_size(tmp_path):
    import tracemalloc

    from newsprov.core.descriptor import read_bytes

    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps({"resources": []}))
    tracemalloc.start()
    try:
        assert read_bytes(path) == b'{"resources": []}'
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20, peak  # not the 128 MiB buffer read(limit + 1) allocates


def test_a_file_whose_size_says_nothing_is_still_read_and_bounded():
    from pathlib import Path

    from newsprov.core.descriptor import read_bytes

    status = Path("/proc/self/status")
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs Linux's /proc (files of size 0 that hold text)")
    assert read_bytes(status).startswith(b"Name:")
