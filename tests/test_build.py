"""newsprov build: reproducible packages, exact sources, clear failures that publish nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsprov.dataset.build import BuildError, build
from newsprov.core.layout import REPO_ROOT, Layout

from conftest import SHARED

SEEDS = SHARED / "seeds"


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".newsprov" not in p.name}


def test_committed_package_equals_a_fresh_build():
    result = build(check=True)
    assert result.differing == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent (checkout without the shared folder)")
def test_embedded_sources_are_the_seeds_byte_for_byte():
    sums = dict(line.split()[::-1] for line in (SEEDS / "SHA256SUMS").read_text().splitlines() if line.strip())
    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text())
    hashes = {Path(r["path"]).name: r["hash"] for r in descriptor["resources"] if r["type"] == "text"}
    assert hashes == {name: f"sha256:{digest}" for name, digest in sums.items()}
    for name, digest in sums.items():
        assert hashlib.sha256((REPO_ROOT / "dataset" / "sources" / name).read_bytes()).hexdigest() == digest


def test_two_builds_are_byte_identical(tiny_sources, tmp_path, monkeypatch):
    build(tiny_sources, tmp_path / "a")
    first = snapshot(tmp_path / "a")
    build(tiny_sources, tmp_path / "a")
    assert snapshot(tmp_path / "a") == first
    # SOURCE_DATE_EPOCH, when set, is `created`.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1724544000")
    build(tiny_sources, tmp_path / "b" / "pkg")
    build(tiny_sources, tmp_path / "c" / "pkg")
    assert snapshot(tmp_path / "b" / "pkg") == snapshot(tmp_path / "c" / "pkg")
    assert json.loads(snapshot(tmp_path / "b" / "pkg")["datapackage.json"])["created"] == "2024-08-25T00:00:00Z"


def test_a_build_that_lets_its_tables_go_publishes_the_same_bytes(tiny_sources, tmp_path):
    # the CLI's build lets each table go once its CSV is made (keep_tables=False): same files
    kept = build(tiny_sources, tmp_path / "a" / "pkg")
    let_go = build(tiny_sources, tmp_path / "b" / "pkg", keep_tables=False)
    assert snapshot(tmp_path / "a" / "pkg") == snapshot(tmp_path / "b" / "pkg")
    assert let_go.tables == {} and kept.tables
    assert let_go.rows == kept.rows == {name: df.height for name, df in kept.tables.items()}
    assert let_go.rows["articles"] == len(list(tiny_sources.glob("*.txt")))


def test_a_lean_build_spools_its_tables_to_disk_and_leaves_no_spool_behind(tiny_sources, tmp_path, monkeypatch):
    """build(keep_tables=False) writes each table's CSV to a spool folder in $TMPDIR, publishes
    from it (the same bytes as from memory), checks against it, and removes it on return,
    whether the build publishes, only checks, or fails."""
    import tempfile

    from newsprov.core.spool import Spooled

    spool_root = tmp_path / "tmpdir"
    spool_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool_root))
    kept = build(tiny_sources, tmp_path / "a" / "pkg")
    lean = build(tiny_sources, tmp_path / "b" / "pkg", keep_tables=False)
    assert snapshot(tmp_path / "a" / "pkg") == snapshot(tmp_path / "b" / "pkg")
    spooled = {rel: f for rel, f in lean.files.items() if isinstance(f, Spooled)}
    assert sorted(spooled) == sorted(f"tables/{name}.csv" for name in kept.tables)
    assert all(f.size == len(kept.files[rel]) and f.sha256 == hashlib.sha256(kept.files[rel]).hexdigest() for rel, f in spooled.items())
    assert list(spool_root.iterdir()) == []  # removed once build returned
    out = tmp_path / "b" / "pkg"
    assert build(tiny_sources, out, check=True, keep_tables=False).differing == []
    (out / "tables" / "quotes.csv").write_bytes((out / "tables" / "quotes.csv").read_bytes() + b"\n")
    assert build(tiny_sources, out, check=True, keep_tables=False).differing == ["tables/quotes.csv"]
    assert list(spool_root.iterdir()) == []
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "mine.txt").write_text("the user's file\n")  # publishing is refused: not newsprov's folder
    with pytest.raises(BuildError, match="not empty"):
        build(tiny_sources, tmp_path / "c", keep_tables=False)
    assert list(spool_root.iterdir()) == []


def test_created_comes_from_the_sources_never_from_the_clock(tiny_sources, tmp_path, monkeypatch):
    """Two builds of the same articles, copied to different folders at different times (the
    clock and the files' dates are faked to 2001 and 2031): the same bytes, and `created` is the
    newest date an article states (beta's dateline). With no stated date there is none."""
    import datetime
    import os
    import shutil
    import time

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    packages = []
    for year in (2001, 2031):
        moment = datetime.datetime(year, 6, 1, 12, 0, tzinfo=datetime.timezone.utc)

        class Clock(datetime.datetime):
            @classmethod
            def now(cls, tz=None):
                return moment if tz else moment.replace(tzinfo=None)

            @classmethod
            def utcnow(cls):
                return moment.replace(tzinfo=None)

            @classmethod
            def today(cls):
                return moment.replace(tzinfo=None)

        monkeypatch.setattr(datetime, "datetime", Clock)
        monkeypatch.setattr(time, "time", lambda: moment.timestamp())
        monkeypatch.setattr(time, "time_ns", lambda: int(moment.timestamp() * 1e9))
        sources = shutil.copytree(tiny_sources, tmp_path / str(year) / "in")
        for path in sources.iterdir():
            os.utime(path, (moment.timestamp(), moment.timestamp()))
        build(sources, tmp_path / str(year) / "pkg")
        packages.append(snapshot(tmp_path / str(year) / "pkg"))
    assert packages[0] == packages[1]
    assert json.loads(packages[0]["datapackage.json"])["created"] == "2024-08-26T00:00:00Z"
    (tiny_sources / "beta.txt").write_text("No date is stated here, the ministry said.\n")
    build(tiny_sources, tmp_path / "undated")
    assert "created" not in json.loads((tmp_path / "undated" / "datapackage.json").read_text())


def test_builds_do_not_depend_on_the_hash_seed(tmp_path):
    """Python orders sets of strings by a per-process random hash: nothing built may follow that order.
    Built in subprocesses under different PYTHONHASHSEED values, from the embedded sources."""
    import os
    import subprocess
    import sys

    snapshots = []
    for seed in ("1", "2", "3"):
        out = tmp_path / seed / "pkg"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1724544000"}
        subprocess.run([sys.executable, "-m", "newsprov", "build", str(REPO_ROOT / "dataset" / "sources"), "--out", str(out), "-q"],
                       env=env, check=True, capture_output=True)
        snapshots.append(snapshot(out))
    assert snapshots[0] and snapshots[0] == snapshots[1] == snapshots[2]


def test_descriptor_lists_each_source_and_table_with_checksums(tiny_package):
    descriptor = json.loads((tiny_package / "datapackage.json").read_text())
    by_name = {r["name"]: r for r in descriptor["resources"]}
    assert {"articles", "paragraphs", "sentences", "source-alpha", "source-beta"} <= set(by_name)
    source = by_name["source-alpha"]
    data = (tiny_package / source["path"]).read_bytes()
    assert (source["type"], source["mediatype"], source["encoding"]) == ("text", "text/plain", "utf-8")
    assert source["hash"] == "sha256:" + hashlib.sha256(data).hexdigest() and source["bytes"] == len(data)
    table = by_name["articles"]
    assert table["hash"] == "sha256:" + hashlib.sha256((tiny_package / table["path"]).read_bytes()).hexdigest()
    assert table["schema"]["primaryKey"] == ["article_id"]
    assert descriptor["version"] == "0.1.0" and descriptor["created"] == "2024-08-26T00:00:00Z"  # beta's dateline


def test_articles_record_what_the_text_states(tiny_package):
    import newsprov

    articles = newsprov.load(tiny_package).articles.sort("article_id")
    alpha, beta = articles.to_dicts()
    assert alpha["headline"] == "Talks end without a deal" and alpha["dateline_date"] is None
    assert beta["headline"] is None
    assert str(beta["dateline_date"]) == "2024-08-26" and beta["wire_credits"] == "AP"
    assert alpha["outlet"] is None and beta["outlet"] is None


def test_bom_and_crlf_keep_offsets_exact(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Headline here now\r\n\r\nThe minister said \u201cno.\u201d Then he left.\r\n"
    (folder / "crlf.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    build(folder, tmp_path / "pkg")
    import newsprov

    ds = newsprov.load(tmp_path / "pkg")
    assert ds.text("crlf") == text  # BOM removed, nothing else changed
    row = ds.sentences.filter(ds.sentences["text"].str.starts_with("The minister")).row(0, named=True)
    assert text[row["start"]:row["end"]] == row["text"] == "The minister said \u201cno.\u201d"


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda d: None, "no *.txt source documents"),
        (lambda d: (d / "a.txt").write_bytes(b""), "a.txt: empty source document"),
        (lambda d: (d / "b.txt").write_bytes(b"caf\xe9 au lait"), "b.txt: not valid UTF-8"),
    ],
    ids=["empty-folder", "empty-file", "not-utf8"],
)
def test_bad_input_names_the_file(tmp_path, setup, message):
    folder = tmp_path / "in"
    folder.mkdir()
    setup(folder)
    with pytest.raises(BuildError, match=message.replace("*", r"\*")):
        build(folder, tmp_path / "out")


def test_missing_sources_folder(tmp_path):
    with pytest.raises(BuildError, match="sources directory not found"):
        build(tmp_path / "nope", tmp_path / "out")


def test_failed_build_leaves_the_published_package_untouched(tiny_sources, tmp_path):
    out = tmp_path / "pkg"
    build(tiny_sources, out)
    before = snapshot(out)
    (tiny_sources / "zeta.txt").write_bytes(b"\xff\xfe broken")
    with pytest.raises(BuildError, match="zeta.txt"):
        build(tiny_sources, out)
    assert snapshot(out) == before


def test_a_crash_while_writing_leaves_the_package_untouched(tiny_sources, tmp_path, monkeypatch):
    from newsprov.core import publish

    out = tmp_path / "pkg"
    build(tiny_sources, out)
    before = snapshot(out)
    (tiny_sources / "gamma.txt").write_text("A new article arrived today, the agency said.\n")
    real = publish.write_file
    calls = []

    def crash(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError("disk full")
        real(path, data)

    monkeypatch.setattr(publish, "write_file", crash)
    with pytest.raises(OSError):
        build(tiny_sources, out)
    assert snapshot(out) == before
    assert not [p for p in out.rglob("*") if ".newsprov-" in p.name and p.name != ".newsprov-manifest.json"]  # nothing left over


def test_check_names_every_differing_file(tiny_sources, tmp_path):
    out = tmp_path / "pkg"
    build(tiny_sources, out)
    assert build(tiny_sources, out, check=True).differing == []
    (out / "tables" / "articles.csv").write_text("tampered\n")
    (tiny_sources / "alpha.txt").write_text("Talks end without a deal, officials said today.\n")
    assert build(tiny_sources, out, check=True).differing == [
        "datapackage.json",
        "sources/alpha.txt",
        "tables/articles.csv",
        "tables/drift_spans.csv",  # the omitted material's spans in alpha moved
        "tables/drifts.csv",  # alpha's unshared "constructive" (framing, marked-unshared) is gone
        "tables/entities.csv",  # alpha's quoted official is gone
        "tables/paragraphs.csv",
        "tables/quotes.csv",
        "tables/sentences.csv",
    ]  # figures.csv is equal: neither version of alpha has a number


def test_out_is_required_with_a_sources_folder(tiny_sources):
    with pytest.raises(BuildError, match="--out is required"):
        build(tiny_sources)


def test_version_must_be_semver(tiny_sources, tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "package.toml").write_text('version = "1.0"\n')
    with pytest.raises(BuildError, match="not a semantic version"):
        build(tiny_sources, tmp_path / "pkg")


def test_add_copies_byte_exact_and_records_metadata(embedded_copy, tmp_path):
    from newsprov.dataset import metadata
    from newsprov.dataset.sources import add_source

    layout = Layout(embedded_copy, "dataset/")
    new = tmp_path / "Extra Story.txt"
    new.write_bytes("DAILY TIMES\n\nMore talks are planned, Reuters reported. (Reuters)\n".encode())
    meta = add_source(new, outlet="Daily Times", layout=layout)
    assert meta.source_id == "extra-story" and meta.outlet == "Daily Times" and meta.wire_credits == "Reuters"
    assert (embedded_copy / "dataset" / "sources" / "Extra Story.txt").read_bytes() == new.read_bytes()
    assert metadata.read(layout.metadata_file)["extra-story"].outlet == "Daily Times"
    result = build(layout=layout)
    assert "extra-story" in result.tables["articles"]["article_id"].to_list()
    with pytest.raises(BuildError, match="already in"):
        add_source(new, layout=layout)


def test_rows_breaking_a_cross_table_rule_are_left_out_and_strict_publishes_nothing(tiny_sources, tmp_path, monkeypatch):
    import polars as pl

    from newsprov.dataset.build import StrictBuildError
    from newsprov.dataset.builders import quote_groups

    (tiny_sources / "gamma.txt").write_text("Talks in Cairo ended on Sunday, an official said.\n\nThe official called them \u201cconstructive.\u201d\n")
    out = tmp_path / "pkg"
    assert build(tiny_sources, out).tables["quote_groups"].height == 2  # alpha and gamma print the same quote
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    original = quote_groups.build
    # A builder bug: the group claims more articles than it spans.
    monkeypatch.setattr(quote_groups, "build", lambda ctx: original(ctx).with_columns(n_articles=pl.lit(3, pl.Int64)))
    with pytest.raises(StrictBuildError, match="2 derived row"):
        build(tiny_sources, out, strict=True)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    result = build(tiny_sources, out)
    assert result.tables["quote_groups"].height == 0
    assert [(d.table, d.reason) for d in result.dropped] == [("quote_groups", "breaks-rule")] * 2
    assert "n_articles" in result.dropped[0].rule


def test_a_story_of_many_rewritten_versions_builds_into_a_valid_package(tmp_path):
    """Versions derived from the seeds as outlets rewrite a wire story (benchmarks/bench_story.py)."""
    import importlib.util

    from newsprov.validators.run import validate

    spec = importlib.util.spec_from_file_location("bench_story", REPO_ROOT / "benchmarks" / "bench_story.py")
    bench_story = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_story)
    sources = tmp_path / "sources"
    sources.mkdir()
    bench_story.write_story(sources, 24)
    result = build(sources, tmp_path / "pkg")
    assert result.tables["quote_groups"].height and result.tables["figure_groups"].height
    assert validate(tmp_path / "pkg").flatten(["type", "resource", "row"]) == []


def test_a_percentage_over_100_is_flagged_not_refused(tmp_path):
    """Pandera unpacks a tuple given to Field(isin=...): the one-value flag enum once became the
    characters of 'percent-over-100', so any article with a rise of 150 percent failed to build."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Prices rose 150 percent last year, officials said.\n\nThe index fell 20 percent.\n",
                                  encoding="utf-8")
    build(folder, tmp_path / "pkg")
    figures = (tmp_path / "pkg" / "tables" / "figures.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[-2] for line in figures[1:]] == ["percent-over-100", ""]
    descriptor = json.loads((tmp_path / "pkg" / "datapackage.json").read_text())
    fields = {f["name"]: f for r in descriptor["resources"] if r["name"] == "figures" for f in r["schema"]["fields"]}
    assert fields["flag"]["constraints"]["enum"] == ["percent-over-100"]



@pytest.mark.parametrize("text, credit", [
    ("راولپنڈی ۔27جولائی (اے پی پی )محکمہ زراعت پنجاب نے کہا ہے", "اے پی پی"),  # APP, Urdu; a space inside the brackets
    ("لاہور (اے پی) پولیس نے بتایا", "اے پی"),  # AP, not the first letters of APP
    ("نئی دہلی (آن لائن) بھارتی حکومت نے", "آن لائن"),
    ("नई दिल्ली, 12 मार्च (भाषा) राजधानी में बारिश", "भाषा"),  # PTI-Bhasha, Hindi
    ("القاهرة (رويترز) - قال مسؤولون", "رويترز"),  # Reuters, Arabic
    ("北京，3月12日电（新华社）——第五届会议开幕", "新华社"),  # Xinhua, full-width brackets
    ("LAHORE, July 27 (APP): The Punjab agriculture department said", "APP"),
    ("کراچی (سپورٹس ڈیسک) قومی ٹیم", None),  # the paper's own sports desk: no agency
    ("The vote (NNI members abstained) was close", None),  # not a bracket of its own
])
def test_agency_credits_are_read_in_the_script_of_the_text(text, credit):
    from newsprov.dataset.metadata import derive

    assert derive("x", "sources/x.txt", text).wire_credits == credit


def test_one_folder_built_into_two_differently_named_folders_gives_the_same_bytes(tiny_sources, tmp_path):
    # the package's default name is the articles folder's, never the output folder's: a build
    # in-process into one folder and on a cluster into another can be compared byte for byte
    build(tiny_sources, tmp_path / "in-process")
    build(tiny_sources, tmp_path / "on-a-cluster")
    assert snapshot(tmp_path / "in-process") == snapshot(tmp_path / "on-a-cluster")
    descriptor = json.loads((tmp_path / "in-process" / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["name"], descriptor["title"]) == ("in", "in")  # tiny_sources is the folder "in"


def test_a_package_rebuilt_from_its_own_sources_keeps_its_name(tiny_sources, tmp_path):
    build(tiny_sources, tmp_path / "pkg")
    before = (tmp_path / "pkg" / "datapackage.json").read_bytes()
    build(layout=Layout(tmp_path / "pkg"))
    assert json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))["name"] == "in"
    assert (tmp_path / "pkg" / "datapackage.json").read_bytes() == before


def test_a_package_toml_name_wins_over_the_folders(tiny_sources, tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "package.toml").write_text('name = "my-corpus"\nversion = "1.0.0"\n', encoding="utf-8")
    build(tiny_sources, tmp_path / "pkg")
    assert json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))["name"] == "my-corpus"
