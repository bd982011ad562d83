"""Shared fixtures: tiny packages built in tmp_path, and the repository's own."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from newsprov.dataset.build import build
from newsprov.core.layout import REPO_ROOT

# The shared material beside the checkout (../shared); NEWSPROV_SHARED points elsewhere (a
# worktree one folder deeper than the main checkout).
SHARED = Path(os.environ.get("NEWSPROV_SHARED") or REPO_ROOT.parent / "shared")
TINY = {
    "alpha.txt": "Talks end without a deal\n\nTalks in Cairo ended on Sunday, an official said.\n\nThe official called them \u201cconstructive.\u201d\n",
    "beta.txt": "date 2024-08-26 Mr. Smith said the talks would resume. He left at 5 p.m. on Monday.\n\n\u2013 AP",
}


@pytest.fixture
def tiny_sources(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TINY.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


@pytest.fixture
def tiny_package(tiny_sources: Path, tmp_path: Path) -> Path:
    out = tmp_path / "pkg"
    build(tiny_sources, out)
    return out


@pytest.fixture
def embedded_copy(tmp_path: Path) -> Path:
    """A copy of the repository's published package, safe to tamper with."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO_ROOT / "datapackage.json", root)
    for sub in ("sources", "tables", "reports"):
        shutil.copytree(REPO_ROOT / "dataset" / sub, root / "dataset" / sub)
    shutil.copy(REPO_ROOT / "dataset" / "sources.csv", root / "dataset")
    shutil.copy(REPO_ROOT / "dataset" / "package.toml", root / "dataset")
    return root


def rehash(root: Path, resource_name: str) -> None:
    """Make the descriptor's hash and bytes match an edited file, so deeper checks are reached."""
    import hashlib

    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text())
    for resource in descriptor["resources"]:
        if resource["name"] == resource_name:
            data = (root / resource["path"]).read_bytes()
            resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
            resource["bytes"] = len(data)
    path.write_text(json.dumps(descriptor, indent=2))


def edit_csv(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV (row counts the header as 1), keeping the rest byte-identical."""
    import polars as pl

    df = pl.read_csv(path, infer_schema=False)
    df = df.with_columns(pl.when(pl.int_range(pl.len()) == row - 2).then(pl.lit(value)).otherwise(pl.col(column)).alias(column))
    df.write_csv(path, line_terminator="\n", null_value="")


def built_package(folder: Path, texts: dict[str, str], out: str = "out"):
    """Write texts (article id -> text) to folder/src, build them to folder/out, and load the package."""
    import newsprov

    src = folder / "src"
    src.mkdir(exist_ok=True)
    for aid, text in texts.items():
        (src / f"{aid}.txt").write_text(text, encoding="utf-8")
    build(src, folder / out)
    return newsprov.load(folder / out)


def built_story(folder: Path, texts: dict[str, str]):
    """built_package of versions that must make one story (asserted: the drift rules compare
    versions within a story only)."""
    ds = built_package(folder, texts)
    assert ds.articles["story_id"].n_unique() == 1, "the versions must be one story"
    return ds


def built_drift_spans(folder: Path, texts: dict[str, str], out: str = "out"):
    """built_package's drift_spans joined with their drifts (kind, method, detail...)."""
    ds = built_package(folder, texts, out)
    return ds.drift_spans.join(ds.drifts, on="drift_id")


def line_articles(texts: dict[str, str]):
    """The drift engine's view of invented versions (article id -> text), one sentence per line
    (no quotes, no paragraphs table)."""
    import polars as pl

    from newsprov.dataset.compare.drift.article_view import build_articles

    rows = []
    for aid, text in texts.items():
        start = 0
        for n, line in enumerate(text.split("\n")):
            if line.strip():
                rows.append({"sentence_id": f"{aid}-s{n}", "article_id": aid, "sentence_index": n,
                             "start": start, "end": start + len(line), "text": line})
            start += len(line) + 1
    return build_articles(texts, pl.DataFrame(rows), None, None)
