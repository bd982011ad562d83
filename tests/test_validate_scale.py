"""How newsprov validate scales: one read per source, vectorised decoding, tables read in a
background thread within a memory budget, a fast JSON report. Each gives the same answers
as the simple way did; these tests pin the answers where the fast paths could differ."""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import edit_csv, rehash
from newsprov.cli import app
from newsprov.validators import integrity, provenance
from newsprov.validators import run as run_module
from newsprov.validators.errors import ValidationError
from newsprov.core.paths import PathGuard, unsafe_reason
from newsprov.validators.report import Report, Task
from newsprov.validators.run import validate

REPO = Path(__file__).resolve().parents[1]


def flat(report) -> list[list]:
    return report.flatten(["type", "resource", "row", "field"])


def test_json_report_is_the_indented_dump_character_for_character(embedded_copy):
    (embedded_copy / "dataset/sources/001_9d3f9a3be7baeea0.txt").write_bytes("changé \u201cq\u201d\n".encode())
    report = validate(embedded_copy)
    report.tasks[2].name = 'odd "name" \\ with \u2028 and tab\t'
    assert not report.valid and any(t.valid for t in report.tasks)
    assert report.to_json() == json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
    empty = Report("x", [])
    assert empty.to_json() == json.dumps(empty.to_dict(), indent=2, ensure_ascii=False)
    one = Report("x", [Task("t", "table", "p", [ValidationError("table-error", resource="t", note="n")])])
    assert one.to_json() == json.dumps(one.to_dict(), indent=2, ensure_ascii=False)


def test_cli_json_output_is_unchanged(embedded_copy):
    (embedded_copy / "dataset/sources/001_9d3f9a3be7baeea0.txt").write_bytes("changé\n".encode())
    result = CliRunner().invoke(app, ["validate", str(embedded_copy), "--json"])
    assert result.exit_code == 1
    assert result.output == json.dumps(json.loads(result.output), indent=2, ensure_ascii=False) + "\n"


def test_a_source_that_is_not_utf8_is_an_encoding_error_and_its_spans_are_skipped(tiny_package):
    (tiny_package / "sources/beta.txt").write_bytes(b"date 2024-08-26 Mr. Smith \xff said.\n")
    rehash(tiny_package, "source-beta")
    errors = flat(validate(tiny_package))
    assert ["encoding-error", "articles", None, "source_path"] in errors
    message = next(e.note for e in validate(tiny_package).errors if e.type == "encoding-error")
    assert message == "sources/beta.txt: not valid UTF-8 (byte 26: b'\\xff')"
    assert not any(e[0].startswith("span") for e in errors)  # beta's text is unknown; alpha's spans still hold


@pytest.mark.parametrize("content", ["   \n\t \x1c\x1f\u3000\u2029\n", "\ufeff \n"])
def test_a_source_of_only_whitespace_is_empty(tiny_package, content):
    # \x1c-\x1f and U+3000 are whitespace to Python's str.strip(), which decode_source uses
    (tiny_package / "sources/alpha.txt").write_bytes(content.encode())
    rehash(tiny_package, "source-alpha")
    errors = [e for e in validate(tiny_package).errors if e.type == "encoding-error"]
    assert [e.note for e in errors] == ["sources/alpha.txt: empty source document"]


def test_text_that_only_looks_blank_to_a_regex_is_not_empty(tiny_package):
    # U+200B (zero width space) is not whitespace to Python: the source is not empty, its spans fail
    (tiny_package / "sources/alpha.txt").write_bytes(" \u200b \n".encode())
    rehash(tiny_package, "source-alpha")
    errors = validate(tiny_package).errors
    assert not [e for e in errors if e.type == "encoding-error"]
    assert {"span-out-of-bounds", "source-mismatch"} <= {e.type for e in errors}


def test_a_leading_bom_is_not_part_of_the_offset_text(tiny_sources, tmp_path):
    from newsprov.dataset.build import build

    path = tiny_sources / "alpha.txt"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    build(tiny_sources, tmp_path / "bom")
    assert validate(tmp_path / "bom").valid


def test_each_source_is_read_once(tiny_package, monkeypatch):
    opened = []
    real = integrity.os.open
    monkeypatch.setattr(integrity.os, "open", lambda path, *a, **k: opened.append(str(path)) or real(path, *a, **k))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} read again"))
    assert validate(tiny_package).valid
    sources = [p for p in opened if "/sources/" in p]
    assert sorted(sources) == sorted(set(sources)) and len(sources) == 2


def test_path_guard_gives_the_answers_of_unsafe_reason(tmp_path):
    root = tmp_path / "pkg"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "a.txt").write_text("a")
    (tmp_path / "outside.txt").write_text("o")
    (tmp_path / "elsewhere").mkdir()
    (root / "sources" / "in.txt").symlink_to(root / "sources" / "a.txt")
    (root / "sources" / "out.txt").symlink_to(tmp_path / "outside.txt")
    (root / "sources" / "loop.txt").symlink_to(root / "sources" / "loop.txt")
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    (root / "inner").symlink_to(root / "sources")
    (root / "up").symlink_to(tmp_path)  # the package's parent: "up/pkg" is the package, "up/outside.txt" is not
    paths = ["sources/a.txt", "sources/in.txt", "sources/out.txt", "sources/missing.txt", "linked/x.txt", "inner/a.txt",
             "inner/out.txt", "./sources//a.txt", ".", "sources/../a.txt", "/etc/passwd", "C:/x", "a\\b", "http://x/y", "", None, 3,
             "up/pkg", "up/outside.txt", "sources/..", "sources/.", "sources/", "sources/b\\c", "sources/x/../../..",
             "1http://x", "1http://y", "sources/a.txt/", "sources//a.txt"]
    # Twice in one guard, in both orders: answers cached from one path may not leak to another.
    for order in (paths, paths[::-1]):
        guard = PathGuard(root)
        for path in order + order:
            assert guard.reason(path) == unsafe_reason(root, path), path
    assert unsafe_reason(root, "sources/loop.txt") == "sources/loop.txt cannot be resolved (symlink loop)"


def test_symlinked_sources_inside_pass_and_outside_are_unsafe(tiny_package, tmp_path):
    source = tiny_package / "sources" / "alpha.txt"
    kept = tiny_package / "kept-alpha.txt"
    source.rename(kept)
    source.symlink_to(kept)
    assert validate(tiny_package).valid
    (tmp_path / "outside.txt").write_bytes(kept.read_bytes())
    source.unlink()
    source.symlink_to(tmp_path / "outside.txt")
    assert flat(validate(tiny_package))[0] == ["unsafe-path", "source-alpha", None, None]


def test_a_fifo_is_a_missing_resource_and_does_not_block(tiny_package):
    path = tiny_package / "sources" / "alpha.txt"
    path.unlink()
    os.mkfifo(path)
    assert ["resource-missing", "source-alpha", None, None] in flat(validate(tiny_package))


def test_large_tables_are_hashed_streamed(embedded_copy, monkeypatch):
    monkeypatch.setattr(integrity, "WHOLE_READ", 64)  # every table is "large"
    assert validate(embedded_copy).valid
    path = embedded_copy / "dataset/tables/quotes.csv"
    path.write_bytes(path.read_bytes().replace(b",partial,", b",Partial,", 1))  # same size, other bytes
    assert flat(validate(embedded_copy))[0] == ["hash-mismatch", "quotes", None, None]


def _many_faults(root: Path) -> None:
    edit_csv(root / "dataset/tables/sentences.csv", 4, "end", "-1")
    edit_csv(root / "dataset/tables/quotes.csv", 5, "kind", "paraphrase")
    edit_csv(root / "dataset/tables/paragraphs.csv", 2, "article_id", "999_nowhere")
    edit_csv(root / "dataset/tables/articles.csv", 3, "n_sentences", "7")
    edit_csv(root / "dataset/tables/entities.csv", 2, "canonical", "Somebody Else")
    for name in ("sentences", "quotes", "paragraphs", "articles", "entities"):
        rehash(root, name)
    data = bytearray((root / "dataset/sources/002_24045d0b881258cf.txt").read_bytes())
    data[5] ^= 1
    (root / "dataset/sources/002_24045d0b881258cf.txt").write_bytes(bytes(data))


def test_the_read_budget_changes_nothing_but_memory(embedded_copy, monkeypatch):
    _many_faults(embedded_copy)
    default = flat(validate(embedded_copy))
    assert {e[0] for e in default} >= {"hash-mismatch", "source-mismatch", "span-out-of-bounds", "constraint-error", "foreign-key", "row-constraint", "cross-table", "span-mismatch"}
    monkeypatch.setattr(run_module, "READ_BUDGET", 1)  # one table in memory at a time
    assert flat(validate(embedded_copy)) == default


def test_errors_keep_the_stage_order_in_each_task(embedded_copy):
    _many_faults(embedded_copy)
    stages = ["integrity", "table", "keys", "cross", "provenance"]
    stage_of = {"hash-mismatch": 0, "bytes-mismatch": 0, "constraint-error": 1, "row-constraint": 1, "type-error": 1, "required-error": 1,
                "unique-error": 1, "foreign-key": 2, "cross-table": 3, "source-mismatch": 4, "span-mismatch": 4, "span-out-of-bounds": 4}
    for task in validate(embedded_copy).tasks:
        order = [stage_of[e.type] for e in task.errors if not (e.type == "row-constraint" and "count-matches" in e.note)]
        assert order == sorted(order), (task.name, [e.type for e in task.errors], stages)
        rows = [e.row for e in task.errors if e.type in ("span-mismatch", "span-out-of-bounds")]
        assert rows == sorted(rows)


def test_a_failure_midway_stops_the_reader_and_restores_gc(embedded_copy, monkeypatch):
    monkeypatch.setattr(run_module, "READ_BUDGET", 1)
    before = threading.active_count()

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(provenance, "check_spans", broken)
    with pytest.raises(RuntimeError, match="boom"):
        validate(embedded_copy)
    assert threading.active_count() == before
    assert gc.isenabled()


def test_gc_stays_disabled_if_the_caller_disabled_it(tiny_package):
    gc.disable()
    try:
        validate(tiny_package)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_made_while_validating_leave_in_the_oldest_generation():
    """Left in the youngest generation, they would all be walked by the first collection after
    validation (0.7 s after a 100,000-source package); nothing is kept alive by moving them."""
    with run_module._gc_paused():
        marker = [object()]
        made = [[i] for i in range(10_000)]
    young = gc.get_objects(generation=0) + gc.get_objects(generation=1)
    assert not any(o is marker for o in young)
    assert any(o is marker for o in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0  # not frozen for good
    del made


def _bench():
    spec = importlib.util.spec_from_file_location("bench_validate_large", REPO / "benchmarks" / "bench_validate_large.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_package_has_exactly_the_planted_faults(tmp_path):
    bench = _bench()
    facts = bench.build_package(tmp_path / "pkg", n_quotes=300, n_sources=30, seed=3, log=lambda message: None)
    assert facts["rows"]["quotes"] == 300 and facts["n_sources"] == 30
    report = validate(tmp_path / "pkg")
    found = [(e.type, e.resource, e.row) for e in report.errors]
    for fault in facts["faults"]:
        assert tuple(fault["newsprov"]) in found, fault["key"]
    explained = {(f["resource"], f["row"]) for f in facts["faults"]} | {tuple(x) for f in facts["faults"] for x in f["explains"]}
    assert [e for e in found if (e[1], e[2]) not in explained] == []


@pytest.mark.parametrize("order", ["registry", "reversed", "without-sentences"])
def test_the_schedule_gives_the_errors_of_the_stage_by_stage_checks(embedded_copy, order):
    from newsprov.schemas.registry import metas, models
    from newsprov.validators import cross_table, tables

    _many_faults(embedded_copy)
    edit_csv(embedded_copy / "dataset/tables/quotes.csv", 4, "sentence_id", "000_4b0563042a307713:s0099")
    full = {name: tables.read_table(embedded_copy / "dataset/tables" / f"{name}.csv", model, name)[0] for name, model in models().items()}
    if order == "without-sentences":
        del full["sentences"]
    names = list(full)[::-1] if order == "reversed" else list(full)
    table_metas = metas()
    expected = (tables.check_foreign_keys(full, table_metas) + cross_table.check_counts(full, table_metas)
                + cross_table.check_within(full, table_metas) + cross_table.check_agrees(full, table_metas)
                + [e for meta in table_metas.values() for rule in meta.rules if not rule.texts for e in cross_table.rule_errors(rule, full)])
    schedule = cross_table.Schedule(table_metas)
    for name in names:
        schedule.add(name, full[name])
    found = schedule.finish()
    assert [error for _, error in found] == expected
    assert {e.type for e in expected} >= {"foreign-key", "row-constraint", "cross-table"}
    assert [stage for stage, _ in found] == ["keys" if e.type == "foreign-key" else "cross" for e in expected]
    if order == "without-sentences":
        assert any(e.note == "sentences (resource missing)" for e in expected)
    assert schedule.tables == {}


def test_the_schedule_drops_what_no_rule_still_needs(embedded_copy):
    from newsprov.schemas.registry import metas, models
    from newsprov.validators import cross_table, tables

    schedule = cross_table.Schedule(metas())
    for name in ("articles", "paragraphs", "sentences"):
        schedule.add(name, tables.read_table(embedded_copy / "dataset/tables" / f"{name}.csv", models()[name], name)[0])
    assert "paragraphs" not in schedule.tables  # its key was only for sentences, its article_id only for its checks
    assert set(schedule.tables["sentences"].columns) == {"sentence_id", "start", "end"}  # for quotes, figures, sentence_links
