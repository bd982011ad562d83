"""Articles in subfolders (a corpus kept per day, per pair or per outlet): read with --recursive,
never silently left out without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TINY
from newsprov.dataset.build import BuildError, build
from test_build import snapshot
from test_cli import run


def _nested(root: Path) -> Path:
    """TINY's two articles, each in a subfolder of its own (a day, a pair)."""
    for k, (name, text) in enumerate(sorted(TINY.items())):
        (root / f"day-{k}").mkdir(parents=True)
        (root / f"day-{k}" / name).write_bytes(text.encode("utf-8"))
    return root


def test_a_recursive_build_is_the_build_of_the_same_articles_in_one_folder(tmp_path):
    nested = _nested(tmp_path / "a" / "corpus")
    flat = tmp_path / "b" / "corpus"
    flat.mkdir(parents=True)
    for name, text in TINY.items():
        (flat / name).write_bytes(text.encode("utf-8"))
    build(nested, tmp_path / "a" / "pkg", recursive=True)
    build(flat, tmp_path / "b" / "pkg")
    assert snapshot(tmp_path / "a" / "pkg") == snapshot(tmp_path / "b" / "pkg")
    assert sorted(p.name for p in (tmp_path / "a" / "pkg" / "sources").iterdir()) == sorted(TINY)


def test_a_folder_whose_articles_are_all_in_subfolders_is_refused_saying_so(tmp_path):
    nested = _nested(tmp_path / "corpus")
    with pytest.raises(BuildError, match=r"no \*\.txt source documents \(2 \*\.txt files in subfolders; --recursive reads them\)"):
        build(nested, tmp_path / "pkg")
    assert not (tmp_path / "pkg").exists()


def test_the_command_line_names_the_articles_it_leaves_unread_even_when_quiet(tmp_path):
    corpus = _nested(tmp_path / "corpus")
    (corpus / "top.txt").write_text("A third article, an official said on Monday.\n", encoding="utf-8")
    plain = run("build", str(corpus), "--out", str(tmp_path / "plain"), "--quiet")
    assert plain.returncode == 0, plain.stderr
    assert plain.stderr.strip().splitlines() == [f"newsprov: note: {corpus}: 2 *.txt files in subfolders not read (--recursive reads them)"]
    deep = run("build", str(corpus), "--out", str(tmp_path / "deep"), "--recursive")
    assert deep.returncode == 0 and deep.stderr == "", deep.stderr
    assert " 3 articles," in deep.stdout


def test_hidden_folders_and_packages_inside_the_corpus_are_not_read(tmp_path):
    corpus = _nested(tmp_path / "corpus")
    build(corpus, corpus / "pkg", recursive=True)  # a package built inside the corpus: its sources/ are copies
    (corpus / ".cache").mkdir()
    (corpus / ".cache" / "draft.txt").write_text("A draft, never an article.\n", encoding="utf-8")
    before = snapshot(corpus / "pkg")
    build(corpus, corpus / "pkg", recursive=True)  # no "source id 'alpha' also comes from" its copy
    assert snapshot(corpus / "pkg") == before


def test_two_files_of_one_name_in_two_subfolders_are_one_line(tmp_path):
    corpus = _nested(tmp_path / "corpus")
    (corpus / "day-1" / "alpha.txt").write_text("Another alpha, an official said.\n", encoding="utf-8")
    result = run("build", str(corpus), "--out", str(tmp_path / "pkg"), "-r")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "source id 'alpha' also comes from" in lines[0], lines
    assert not (tmp_path / "pkg").exists()


def test_a_subfolder_that_cannot_be_listed_is_one_line_not_skipped(tmp_path, monkeypatch):
    import os

    corpus = _nested(tmp_path / "corpus")
    scandir = os.scandir

    def refusing(path="."):
        if Path(path).name == "day-1":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)  # (chmod cannot refuse root, who runs CI here)
    with pytest.raises(BuildError, match=r"day-1: cannot read the folder \(Permission denied\)"):
        build(corpus, tmp_path / "pkg", recursive=True)
    assert not (tmp_path / "pkg").exists()


def test_without_recursive_a_subfolder_that_cannot_be_listed_does_not_stop_the_build(tmp_path, monkeypatch):
    import os

    corpus = _nested(tmp_path / "corpus")
    (corpus / "top.txt").write_text("A third article, an official said on Monday.\n", encoding="utf-8")
    scandir = os.scandir

    def refusing(path="."):
        if Path(path).name == "day-1":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    from newsprov.dataset.articles_folder import unread_in_subfolders

    assert unread_in_subfolders(corpus) == "1 *.txt file in subfolders"  # (day-1's is not counted)
    assert build(corpus, tmp_path / "pkg").rows["articles"] == 1


@pytest.mark.parametrize(("content", "message"), [(b"caf\xe9\n", "bad.txt: not valid UTF-8"), (b"", "bad.txt: empty source document")])
def test_a_bad_article_in_a_subfolder_is_one_line_naming_it_and_nothing_is_published(tmp_path, content, message):
    corpus = _nested(tmp_path / "corpus")
    (corpus / "day-1" / "bad.txt").write_bytes(content)
    result = run("build", str(corpus), "--out", str(tmp_path / "pkg"), "--recursive")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and lines[0].startswith("newsprov: ") and message in lines[0], lines
    assert "day-1" in lines[0] and not (tmp_path / "pkg").exists()
