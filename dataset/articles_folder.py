"""Which files of a folder of articles a build reads: its *.txt files (with ``recursive``, those
of its subfolders too), and what it leaves unread, said in one line each (never in silence)."""

from __future__ import annotations

import os
from pathlib import Path

from newsprov.core.layout import DESCRIPTOR
from newsprov.core.text import SourceError

__all__ = ["SOURCE_SUFFIX", "CURATED_FILES", "discover", "notes", "unread_files", "unread_in_subfolders"]

SOURCE_SUFFIX = ".txt"
CURATED_FILES = ("sources.csv", "overrides.toml")  # read beside the articles of a folder build


def discover(sources_dir: Path, recursive: bool = False) -> list[Path]:
    """The *.txt files of a folder (hidden files skipped), sorted by name. With ``recursive``, those
    of its subfolders too (``_nested``). Without it, a folder whose only articles lie in
    subfolders is refused with one line that says so."""
    if not sources_dir.exists():
        raise SourceError(f"{sources_dir}: sources directory not found")
    if not sources_dir.is_dir():
        raise SourceError(f"{sources_dir}: not a directory")
    files = sorted(p for p in sources_dir.iterdir() if _is_source(p))
    if recursive:
        files = sorted(files + _nested(sources_dir), key=lambda p: (p.name, p.as_posix()))
    if not files:
        below = "" if recursive else unread_in_subfolders(sources_dir)
        raise SourceError(f"{sources_dir}: no *{SOURCE_SUFFIX} source documents"
                         + (f" ({below}; --recursive reads them)" if below else ""))
    return files


def _is_source(p: Path) -> bool:
    return p.suffix.lower() == SOURCE_SUFFIX and not p.name.startswith(".") and p.is_file()


def _nested(sources_dir: Path, strict: bool = True) -> list[Path]:
    """The sources in the subfolders of ``sources_dir``, at any depth: hidden folders, folders
    holding a datapackage.json (a package: its sources/ are copies of articles) and links to
    folders are not entered. The package keeps them in one folder (sources/, by file name), so
    two files of one name in two subfolders are refused as one source id from two files. A
    subfolder that cannot be listed is an error when ``strict`` (their articles are being read),
    else passed over (they are only being counted)."""
    out = []
    for folder, dirs, names in os.walk(sources_dir, onerror=_unreadable if strict else None):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(folder) / d / DESCRIPTOR).is_file())
        if Path(folder) != sources_dir:
            out += [p for p in (Path(folder) / n for n in names) if _is_source(p)]
    return out


def unread_files(sources_dir: Path) -> str:
    """The files of the folder itself that a build neither reads as articles nor as curated
    metadata (``CURATED_FILES``): "N files that are not *.txt (a, b, c)", or ""."""
    names = sorted(p.name for p in sources_dir.iterdir()
                   if p.is_file() and not p.name.startswith(".") and not _is_source(p) and p.name not in CURATED_FILES)
    if not names:
        return ""
    shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
    return f"{_files(len(names))} that {'is' if len(names) == 1 else 'are'} not *{SOURCE_SUFFIX} ({shown})"


def _unreadable(exc: OSError) -> None:
    """A subfolder that cannot be listed is one line naming it, never skipped in silence."""
    raise SourceError(f"{exc.filename}: cannot read the folder ({exc.strerror})")


def unread_in_subfolders(sources_dir: Path) -> str:
    """What a build without --recursive leaves unread: "N *.txt files in subfolders", or ""."""
    n = len(_nested(sources_dir, strict=False))
    return f"{_files(n, f'*{SOURCE_SUFFIX} ')} in subfolders" if n else ""


def _files(n: int, kind: str = "") -> str:
    return f"{n} {kind}file{'' if n == 1 else 's'}"


def notes(sources_dir: Path, recursive: bool = False) -> list[str]:
    """One line for each kind of file of the folder a build leaves unread (never in silence):
    articles in subfolders (without ``recursive``), and files that are not articles."""
    out = []
    below = "" if recursive else unread_in_subfolders(sources_dir)
    if below:
        out.append(f"{sources_dir}: {below} not read (--recursive reads them)")
    other = unread_files(sources_dir)
    if other:
        out.append(f"{sources_dir}: {other} not read (articles are *{SOURCE_SUFFIX} files)")
    return out
