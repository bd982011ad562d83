"""Versions: semver rules, package diffs and the bump they require, git and archive refs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest

from newsprov.dataset.build import build
from newsprov.dataset.versions.release import release
from newsprov.core.semver import bump_kind, check_bump, parse_semver
from newsprov.dataset.versions import VersionError, changelog_has_entry, diff, open_package
from conftest import edit_csv, rehash

OLD_SENTENCE = "He left at 5 p.m. on Monday."
GAMMA = "Talks resume\n\nNegotiators met again in Doha on Tuesday.\n"


def copy(package: Path, dest: Path) -> Path:
    shutil.copytree(package, dest, ignore=shutil.ignore_patterns(".newsprov*"))
    return dest


def set_schema(root: Path, table: str, edit) -> None:
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text())
    for resource in descriptor["resources"]:
        if resource["name"] == table:
            edit(resource["schema"])
    path.write_text(json.dumps(descriptor, indent=2))


def git(cwd: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args]
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


# ---------------------------------------------------------------- semver


@pytest.mark.parametrize(
    "text, expected",
    [("1.2.3", (1, 2, 3, None, None)), ("0.1.0", (0, 1, 0, None, None)), ("2.0.0-rc.1", (2, 0, 0, "rc.1", None)), ("1.0.0+build.7", (1, 0, 0, None, "build.7"))],
)
def test_parse_semver(text, expected):
    version = parse_semver(text)
    assert (version.major, version.minor, version.patch, version.prerelease, version.build) == expected
    assert str(version) == text


@pytest.mark.parametrize("bad", ["1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", "1.2.3.4", "", " 1.0.0", "1.0.0\n", "latest", 1])
def test_non_semver_is_rejected_naming_the_string(bad):
    with pytest.raises(ValueError, match=re.escape(f"{bad!r} is not a semantic version")):
        parse_semver(bad)


@pytest.mark.parametrize(
    "old, new, kind",
    [
        ("1.2.3", "2.0.0", "major"),
        ("1.2.3", "1.3.0", "minor"),
        ("1.2.3", "1.2.4", "patch"),
        ("1.2.3", "1.2.3", "none"),
        ("1.2.3", "1.2.3+meta", "none"),
        ("1.2.3", "1.2.2", "downgrade"),
        ("2.0.0", "1.9.9", "downgrade"),
        ("1.0.0-rc.1", "1.0.0", "patch"),
        ("1.0.0", "1.0.0-rc.1", "downgrade"),
        ("1.0.0-rc.2", "1.0.0-rc.10", "patch"),
        ("0.1.0", "1.0.0", "major"),
    ],
)
def test_bump_kind(old, new, kind):
    assert bump_kind(old, new) == kind


def test_check_bump():
    assert check_bump("1.2.3", "1.2.4", "patch") == []
    assert check_bump("1.2.3", "2.0.0", "patch") == []  # a larger bump than needed is fine
    assert check_bump("1.2.3", "1.2.3", "none") == []
    assert check_bump("1.2.3", "1.2.4", "minor") == ["1.2.3 -> 1.2.4 is a patch bump, but the changes require a minor bump (to 1.3.0 or later)"]
    assert check_bump("1.2.3", "1.2.3", "major") == ["the content changed but the version is still 1.2.3: a major bump is required (to 2.0.0)"]
    assert check_bump("0.1.0", "0.2.0", "major") != []  # no 0.x leniency
    assert check_bump("1.2.3", "1.2.0", "patch") == ["1.2.0 is lower than 1.2.3: versions must increase"]
    assert check_bump("1.2.3", "2.1.0", "major") == ["1.2.3 -> 2.1.0: a major bump resets minor and patch (expected 2.0.0)"]
    assert check_bump("1.0.0-rc.1", "1.0.0", "major") == []  # a pre-release promises nothing
    [problem] = check_bump("1.2.3", "1.3", "minor")
    assert "'1.3' is not a semantic version" in problem
    with pytest.raises(ValueError):
        check_bump("1.0.0", "1.0.1", "huge")


def test_changelog_has_entry():
    text = "# Changelog\n\n## [1.2.0] - 2026-11-23\n- more rows\n\n## 1.1.0\n\n### v1.0.1 (2026-01-02)\n\n```\n## 0.9.0\n```\n1.0.0 was first\n"
    assert changelog_has_entry(text, "1.2.0")
    assert changelog_has_entry(text, "1.1.0")
    assert changelog_has_entry(text, "1.0.1")
    assert not changelog_has_entry(text, "1.0.0")  # mentioned, but not as a heading
    assert not changelog_has_entry(text, "0.9.0")  # inside a code block
    assert not changelog_has_entry(text, "1.2")
    assert not changelog_has_entry("## 1.2.0-rc.1\n", "1.2.0")


# ---------------------------------------------------------------- diffs


def test_identical_packages_have_an_empty_diff(tiny_package, tmp_path):
    other = copy(tiny_package, tmp_path / "copy")
    result = diff(tiny_package, other)
    assert result.required_bump == "none" and result.empty
    assert result.reasons == [] and result.to_dict()["tables"] == {}
    assert "no changes" in result.to_text()
    assert diff(tiny_package, tiny_package / "datapackage.json").required_bump == "none"


def test_a_changed_value_is_a_patch_listing_the_column(tiny_package, tmp_path):
    new = copy(tiny_package, tmp_path / "new")
    sentences = new / "tables" / "sentences.csv"
    assert pl.read_csv(sentences)["text"][4] == OLD_SENTENCE  # beta:s0001, CSV row 6
    edit_csv(sentences, 6, "text", "He left at 6 p.m. on Monday.")
    rehash(new, "sentences")
    result = diff(tiny_package, new)
    assert result.required_bump == "patch"
    table = result.tables["sentences"]
    assert (table.rows_added, table.rows_removed, table.rows_changed) == (0, 0, 1)
    assert table.changed_columns == {"text": 1}
    [change] = table.changes
    assert change.key == {"sentence_id": "beta:s0001"}
    assert change.columns == {"text": (OLD_SENTENCE, "He left at 6 p.m. on Monday.")}
    assert [t for t, d in result.tables.items() if d.changed] == ["sentences"]
    data = json.loads(json.dumps(result.to_dict()))
    assert data["required_bump"] == "patch"
    assert data["tables"]["sentences"]["changes"] == [{"key": {"sentence_id": "beta:s0001"}, "columns": {"text": {"old": OLD_SENTENCE, "new": "He left at 6 p.m. on Monday."}}}]
    assert "sentence_id=beta:s0001: text: 'He left at 5 p.m. on Monday.' -> 'He left at 6 p.m. on Monday.'" in result.to_text()


def test_an_added_source_is_minor_and_its_removal_too(tiny_sources, tiny_package, tmp_path):
    (tiny_sources / "gamma.txt").write_text(GAMMA)
    new = tmp_path / "v2" / "pkg"  # same folder name, so the same package name
    build(tiny_sources, new)
    result = diff(tiny_package, new)
    assert result.sources_added == ["source-gamma"] and result.sources_removed == [] and result.sources_changed == []
    assert result.required_bump == "minor"
    articles = result.tables["articles"]
    assert (articles.rows_added, articles.rows_removed, articles.rows_changed) == (1, 0, 0)
    assert articles.added == [{"article_id": "gamma"}]
    assert result.tables["sentences"].rows_added == 2
    # A drift names every version on each side: the new version lacking some material changes
    # those rows (n_b, detail), and the folder's one story counts one article more: patch-level
    # changes within the minor bump; nothing else is. Four drifts: two omissions, the caption
    # credit and alpha's unshared "constructive" (framing), each now lacking in gamma too.
    assert {level for level, reason in result.reasons if not reason.startswith(("table drifts:", "table stories:"))} == {"minor"}
    assert [reason for level, reason in result.reasons if level == "patch"] == [
        "table drifts: 4 row(s) changed in detail, n_b", "table stories: 1 row(s) changed in n_articles"]

    back = diff(new, tiny_package)  # removing a source: rows disappear, joins may break -> MINOR, not PATCH
    assert back.sources_removed == ["source-gamma"]
    assert back.tables["articles"].removed == [{"article_id": "gamma"}]
    assert back.required_bump == "minor"


def test_a_changed_source_is_a_patch(tiny_package, tmp_path):
    new = copy(tiny_package, tmp_path / "new")
    (new / "sources" / "beta.txt").write_bytes((new / "sources" / "beta.txt").read_bytes() + b" ")
    result = diff(tiny_package, new)
    assert result.sources_changed == ["source-beta"]
    assert result.required_bump == "patch"


def test_a_removed_column_is_major(tiny_package, tmp_path):
    new = copy(tiny_package, tmp_path / "new")
    articles = new / "tables" / "articles.csv"
    pl.read_csv(articles, infer_schema=False).drop("outlet").write_csv(articles, line_terminator="\n", null_value="")
    set_schema(new, "articles", lambda s: s.update(fields=[f for f in s["fields"] if f["name"] != "outlet"]))
    rehash(new, "articles")
    result = diff(tiny_package, new)
    assert result.required_bump == "major"
    table = result.tables["articles"]
    assert table.columns_removed == ["outlet"] and table.columns_added == []
    assert table.rows_changed == 0  # the other columns are untouched
    assert ("major", "table articles: column removed: outlet") in result.reasons
    assert "columns removed: outlet" in result.to_text()


def test_an_added_column_is_minor_a_retyped_column_or_new_key_major(tiny_package, tmp_path):
    added = copy(tiny_package, tmp_path / "added")
    path = added / "tables" / "articles.csv"
    pl.read_csv(path, infer_schema=False).with_columns(pl.lit("x").alias("note")).write_csv(path, line_terminator="\n", null_value="")
    set_schema(added, "articles", lambda s: s["fields"].append({"name": "note", "type": "string"}))
    result = diff(tiny_package, added)
    assert result.tables["articles"].columns_added == ["note"] and result.required_bump == "minor"

    retyped = copy(tiny_package, tmp_path / "retyped")
    set_schema(retyped, "articles", lambda s: [f.update(type="string") for f in s["fields"] if f["name"] == "bytes"])
    result = diff(tiny_package, retyped)
    assert result.tables["articles"].types_changed == {"bytes": ("integer", "string")}
    assert result.required_bump == "major"

    rekeyed = copy(tiny_package, tmp_path / "rekeyed")
    set_schema(rekeyed, "sentences", lambda s: s.update(primaryKey=["article_id", "sentence_index"]))
    result = diff(tiny_package, rekeyed)
    assert result.tables["sentences"].primary_key_changed == (["sentence_id"], ["article_id", "sentence_index"])
    assert result.required_bump == "major"


def test_a_removed_table_is_major(tiny_package, tmp_path):
    new = copy(tiny_package, tmp_path / "new")
    path = new / "datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "figures"]
    path.write_text(json.dumps(descriptor))
    result = diff(tiny_package, new)
    assert result.tables_removed == ["figures"] and result.required_bump == "major"
    assert diff(new, tiny_package).tables_added == ["figures"]
    assert diff(new, tiny_package).required_bump == "minor"


def test_git_revisions_are_read_without_checkout(tiny_package, tmp_path):
    repo = tmp_path / "repo"
    package = copy(tiny_package, repo / "data")  # the package in a subfolder of the repository
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    git(repo, "tag", "v1.0.0")
    first = git(repo, "rev-parse", "HEAD")
    edit_csv(package / "tables" / "sentences.csv", 6, "text", "He left at 6 p.m. on Monday.")
    rehash(package, "sentences")
    git(repo, "commit", "-q", "-am", "fix a sentence")

    snapshot = open_package("v1.0.0", package)
    assert snapshot.kind == "git"
    assert snapshot.tables == open_package(tiny_package).tables
    assert snapshot.sources == open_package(tiny_package).sources
    for old, new in (("v1.0.0", "HEAD"), ("HEAD~1", package), (first[:10], "HEAD")):
        result = diff(old, new, repo_root=package)
        assert result.required_bump == "patch"
        assert result.tables["sentences"].changed_columns == {"text": 1}
    assert diff("HEAD", package, repo_root=package).empty  # the work tree equals HEAD
    with pytest.raises(VersionError, match="not a package folder, datapackage.json, .zip archive or git revision"):
        open_package("v9.9.9", package)
    with pytest.raises(VersionError, match="not found"):
        open_package(tmp_path / "missing.zip", package)


def test_a_release_archive_is_a_version(tiny_package, tmp_path):
    zip_path, _ = release(tiny_package, tmp_path / "releases")
    snapshot = open_package(zip_path)
    assert snapshot.kind == "archive"
    assert snapshot.descriptor == open_package(tiny_package).descriptor
    assert diff(zip_path, tiny_package).empty


def test_without_a_primary_key_rows_are_compared_whole(tiny_package, tmp_path):
    old = copy(tiny_package, tmp_path / "old")
    set_schema(old, "sentences", lambda s: s.pop("primaryKey"))
    new = copy(old, tmp_path / "new")
    path = new / "tables" / "sentences.csv"
    lines = path.read_text().splitlines(keepends=True)
    lines[5] = lines[5].replace("5 p.m.", "6 p.m.")
    path.write_text("".join(lines + [lines[1]]))  # one row corrected, one duplicated
    table = diff(old, new).tables["sentences"]
    assert (table.rows_added, table.rows_removed, table.rows_changed) == (2, 1, 0)
    assert [row["text"] for row in table.removed] == [OLD_SENTENCE]
    assert [row["sentence_id"] for row in table.added] == ["alpha:s0000", "beta:s0001"]
    assert diff(old, new).required_bump == "minor"


def test_an_inserted_row_that_renumbers_the_rest_is_said_to_renumber(tiny_package, tmp_path):
    """Ids numbered in order (sentences within an article, drifts in the package): one row
    inserted early shifts every later id, so by key every later row changed. The diff says how
    many rows kept their content under another key, and what was added by content."""
    old = copy(tiny_package, tmp_path / "old")
    new = copy(tiny_package, tmp_path / "new")
    df = pl.read_csv(old / "tables" / "sentences.csv", infer_schema=False)
    rows = [df.row(0, named=True) | {"sentence_id": f"alpha:s{i:04d}", "text": f"Sentence {i}."} for i in range(5)]
    pl.DataFrame(rows, schema=df.schema).write_csv(old / "tables" / "sentences.csv")
    inserted = rows[:2] + [rows[0] | {"text": "Inserted."}] + rows[2:]
    renumbered = [r | {"sentence_id": f"alpha:s{i:04d}"} for i, r in enumerate(inserted)]
    pl.DataFrame(renumbered, schema=df.schema).write_csv(new / "tables" / "sentences.csv")
    table = diff(old, new).tables["sentences"]
    assert (table.rows_added, table.rows_removed, table.rows_changed) == (1, 0, 3)  # by key
    assert table.rows_renumbered == 3
    assert "3 row(s) have the same content under another sentence_id (renumbered); compared by content, 1 row(s) added and 0 removed" in table.notes
    assert diff(old, new).to_dict()["tables"]["sentences"]["rows"]["renumbered"] == 3


def test_a_corrected_value_is_not_called_renumbering(tiny_package, tmp_path):
    new = copy(tiny_package, tmp_path / "new")
    edit_csv(new / "tables" / "sentences.csv", 6, "text", "He left at 6 p.m. on Monday.")
    edit_csv(new / "tables" / "sentences.csv", 3, "start", "1")
    table = diff(tiny_package, new).tables["sentences"]
    assert table.rows_changed == 2 and table.rows_renumbered == 0
    assert not any("renumbered" in note for note in table.notes)
