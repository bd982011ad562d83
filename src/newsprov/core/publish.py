"""Publish a built package into its folder: whole or not at all, and only over newsprov's own files.

Atomic for the package as a whole. A kill at any instant leaves a datapackage.json that
names only complete files whose bytes match its checksums: the old package, or the new.
Under an exclusive lock (the `filelock` library; a second build is refused at once):

1. the manifest (below) records every file about to be written, before any is;
2. each file whose content changes is written under a generation name beside its final
   path (``tables/quotes.csv.newsprov-<gen>``) and flushed to disk; new files (not named
   by the old descriptor) go straight to their final path;
3. datapackage.json is replaced (temporary file + os.replace, atomic) by a descriptor
   naming the generation files, so the new package is published;
4. each changed file's final path is replaced by its new content (temporary file +
   os.replace); the descriptor of step 3 names none of them;
5. datapackage.json is replaced by the descriptor naming the final paths (the published
   form, byte-identical to a build that found the folder empty);
6. the generation files, files newsprov wrote earlier that the package no longer has,
   and leftovers of killed builds are removed; the manifest is rewritten.

Files and their folders are fsynced before each rename that publishes them. A source whose
content changes at the same path (a user's folder) cannot be swapped with its table in one
rename, so in step 3 the descriptor names its generation copy and the articles table of
that step says so in ``source_path``: the package of that instant is the new package, with
that source read from its generation copy.

The manifest ``.newsprov-manifest.json`` lists each file newsprov wrote in the folder with
its sha256, and the files in flight. It is what lets newsprov tell its own files from the
user's: a file at a path newsprov would write is replaced only if it still holds bytes
newsprov wrote there (checksums, so a file the user replaced or edited is never taken for
newsprov's); a file newsprov wrote earlier and no longer needs is removed only while it
still holds those bytes; nothing else in the folder is touched. A folder with no manifest
must be empty (but for ``package.toml``, which the build reads) or a package an older
newsprov built (its ``.newsprov.lock`` and a descriptor whose every file matches its
checksum). The embedded dataset owns ``datapackage.json`` and ``dataset/tables/*.csv`` by
its layout; its sources are inputs and are never written.

NEWSPROV_FAULT_AT=k (tests only) kills the process with SIGKILL at the k-th point between
two file operations; NEWSPROV_FAULT_LOG=FILE appends each point's label to FILE.
"""

from __future__ import annotations

import contextlib
import csv
import fnmatch
import io
import json
import os
import re
import secrets
import shutil
import signal
from pathlib import Path

from filelock import FileLock, Timeout

from newsprov.core.files import file_sha256
from newsprov.core.spool import Content, as_bytes, equals_file, hex_sha256, write_to

LOCK_NAME = ".newsprov.lock"
MANIFEST = ".newsprov-manifest.json"
INPUTS_IN_FOLDER = ("package.toml",)  # files of a user's package folder that the build reads, never writes
GENERATION = re.compile(r"\.newsprov-[0-9a-f]{12}(?:\.tmp)?$")  # generation and temporary files
LEGACY_STAGING = re.compile(r"^\.newsprov-staging-[A-Za-z0-9_]{8}$")  # staging folders of newsprov <= 1.1


class BuildLocked(OSError):
    """Another newsprov process holds the package's lock."""


class PublishRefused(OSError):
    """Publishing would overwrite or delete a file newsprov did not write; the message names it."""


def sha256(data: Content) -> str:
    return "sha256:" + hex_sha256(data)


def _file_sha256(path: Path) -> str | None:
    """The file's sha256, or None when there is no regular file there."""
    if path.is_symlink() or not path.is_file():
        return None if not (path.exists() or path.is_symlink()) else "not-a-file"
    return "sha256:" + file_sha256(path)


# --- fault injection (tests) --------------------------------------------------------


_points = 0


def fault_point(label: str) -> None:
    """A point between two file operations where a test may kill the process (module doc)."""
    global _points
    _points += 1
    log = os.environ.get("NEWSPROV_FAULT_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{_points} {label}\n")
    if os.environ.get("NEWSPROV_FAULT_AT") == str(_points):
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


# --- the lock -------------------------------------------------------------------------


@contextlib.contextmanager
def locked(root: Path):
    """Hold the package folder's exclusive lock; BuildLocked at once when another process has it."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_NAME
    if path.is_symlink() or (path.exists() and (not path.is_file() or path.stat().st_size)):
        raise PublishRefused(f"{path}: not newsprov's lock file (newsprov's is an empty file); newsprov will not overwrite it")
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BuildLocked(f"{path}: another newsprov process is writing this package; run again when it has finished") from None
    try:
        yield
    finally:
        lock.release()


# --- writing ----------------------------------------------------------------------------


def write_file(path: Path, data: Content) -> None:
    """Write and flush to disk (a new file; callers never write over a published one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        write_to(handle, data)
        handle.flush()
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    """Make renames and new names in a folder durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _replace(root: Path, rel: str, data: Content, tmp_rel: str, label: str) -> None:
    """rel's content replaced atomically: written to tmp_rel, flushed, renamed over rel."""
    write_file(root / tmp_rel, data)
    fault_point(f"wrote {tmp_rel}")
    os.replace(root / tmp_rel, root / rel)
    fsync_dir((root / rel).parent)
    fault_point(label)


def differing(files: dict[str, Content], root: Path) -> list[str]:
    """Relative paths whose published bytes differ from the built ones."""
    return sorted(rel for rel, data in files.items() if not equals_file(data, root / rel))


# --- the manifest -----------------------------------------------------------------------


def read_manifest(root: Path) -> dict | None:
    """{"files": {rel: sha256}, "pending": {rel: [sha256, ...]}} or None when the folder has none."""
    path = root / MANIFEST
    if not path.exists() and not path.is_symlink():
        return None
    try:
        if path.is_symlink() or not path.is_file():
            raise ValueError("not a regular file")
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not (isinstance(manifest, dict) and manifest.get("generator") == "newsprov"
                and isinstance(manifest.get("files"), dict) and isinstance(manifest.get("pending", {}), dict)):
            raise ValueError("not a newsprov manifest")
        files = {str(k): str(v) for k, v in manifest["files"].items()}
        pending = {str(k): [str(h) for h in v] for k, v in manifest.get("pending", {}).items() if isinstance(v, list)}
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PublishRefused(f"{path}: malformed manifest ({exc}); newsprov cannot tell its files from others, so it writes nothing") from None
    for rel in [*files, *pending]:
        if rel.startswith("/") or ".." in rel.split("/") or "\\" in rel:
            raise PublishRefused(f"{path}: malformed manifest (unsafe path {rel!r}); newsprov writes nothing")
    return {"files": files, "pending": pending}


def write_manifest(root: Path, files: dict[str, str], pending: dict[str, list[str]], gen: str) -> None:
    manifest = {
        "generator": "newsprov",
        "note": "Files newsprov wrote in this folder, with their sha256; it replaces or removes no other file.",
        "files": dict(sorted(files.items())),
        "pending": {k: sorted(set(v)) for k, v in sorted(pending.items())},
    }
    data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    tmp = f"{MANIFEST}.newsprov-{gen}.tmp"
    write_file(root / tmp, data)
    os.replace(root / tmp, root / MANIFEST)
    fsync_dir(root)


def _legacy_package(root: Path, descriptor_rel: str) -> dict[str, str] | None:
    """Files of a package an older newsprov built (no manifest): its lock file, and a descriptor
    whose every resource lies under sources/, tables/ or reports/ and matches its checksum."""
    if not (root / LOCK_NAME).is_file():
        return None
    try:
        descriptor = json.loads((root / descriptor_rel).read_text(encoding="utf-8"))
        owned = {descriptor_rel: _file_sha256(root / descriptor_rel)}
        for resource in descriptor["resources"]:
            rel = resource["path"]
            if not (isinstance(rel, str) and re.fullmatch(r"(sources|tables|reports)/[^/\\]+", rel) and not rel.endswith("/..")):
                return None
            actual = _file_sha256(root / rel)
            if actual is None or actual != resource.get("hash"):
                return None
            owned[rel] = actual
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    return owned


def _rewrite_column(data: bytes, column: str, mapping: dict[str, str]) -> bytes:
    """A CSV with the values of one column mapped (the same rows otherwise)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    k = rows[0].index(column)
    for row in rows[1:]:
        row[k] = mapping.get(row[k], row[k])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


# --- publishing -----------------------------------------------------------------------


def publish(root: Path, files: dict[str, Content], *, descriptor_rel: str = "datapackage.json",
            owned_by_layout: tuple[str, ...] = (), source_column: tuple[str, str] | None = None) -> None:
    """Publish `files` ({relative path: bytes or a core.spool.Spooled file}, the descriptor among
    them, in memory) into root (module doc).

    owned_by_layout: glob patterns of files the folder's layout gives newsprov (the embedded
    dataset's); then no manifest is needed to own them. source_column: (the articles
    table's path, its column naming each source's path), for sources whose content changes.
    Raises PublishRefused (naming the file) before writing anything when the folder holds a
    file that is not newsprov's where newsprov would write, BuildLocked when another
    process holds the lock.
    """
    root = Path(root)
    if not owned_by_layout and root.is_dir():
        _owned_files(root, descriptor_rel, owned_by_layout)  # refuse before even the lock file is made
    with locked(root):
        _publish(root, files, descriptor_rel, owned_by_layout, source_column)


def _by_layout(rel: str, patterns) -> bool:
    return any(fnmatch.fnmatchcase(rel, p) and rel.count("/") == p.count("/") for p in patterns)


def _owned_files(root: Path, descriptor_rel: str, owned_by_layout) -> dict:
    """The manifest's record of the folder, or that of a package an older newsprov built, or
    an empty one for an empty folder; PublishRefused for any other folder."""
    manifest = read_manifest(root)
    if manifest is not None:
        return manifest
    manifest = {"files": {}, "pending": {}}
    if not owned_by_layout:
        legacy = _legacy_package(root, descriptor_rel)
        if legacy is not None:
            manifest["files"] = legacy
        else:
            others = sorted(p.name for p in root.iterdir() if p.name not in (LOCK_NAME, *INPUTS_IN_FOLDER))
            if others:
                raise PublishRefused(f"{root}: not empty ({others[0]}{', …' if len(others) > 1 else ''}) and not a newsprov package "
                                     f"(no {MANIFEST}); newsprov writes only into an empty folder or one it built")
    return manifest


def _publish(root: Path, files: dict[str, Content], descriptor_rel: str, owned_by_layout, source_column) -> None:
    manifest = _owned_files(root, descriptor_rel, owned_by_layout)
    owned, pending = manifest["files"], manifest["pending"]

    def ours(rel: str, actual: str | None) -> bool:
        return actual is not None and (owned.get(rel) == actual or actual in pending.get(rel, ()) or _by_layout(rel, owned_by_layout))

    hashes = {rel: sha256(data) for rel, data in files.items()}
    current = {rel: _file_sha256(root / rel) for rel in files}
    for rel in sorted(files):
        if current[rel] not in (None, hashes[rel]) and not ours(rel, current[rel]):
            raise PublishRefused(f"{root / rel}: not written by newsprov, or changed since it was; newsprov will not overwrite it")
    # Leftovers of killed builds: generation and temporary files the manifest recorded before
    # writing them, old newsprov's staging folders, the manifest's own temporary files.
    leftovers = sorted(rel for rel in pending if GENERATION.search(rel))
    for path in root.iterdir():
        if (LEGACY_STAGING.match(path.name) and path.is_dir() and not path.is_symlink()) or (
                path.name.startswith(MANIFEST + ".newsprov-") and GENERATION.search(path.name)):
            leftovers.append(path.name)
    stale = sorted(rel for rel, h in owned.items() if rel not in files and _file_sha256(root / rel) == h)
    for pattern in owned_by_layout:
        stale += sorted(str(p.relative_to(root).as_posix()) for p in root.glob(pattern)
                        if p.is_file() and not p.is_symlink() and p.relative_to(root).as_posix() not in files)
    stale = sorted(set(stale))

    changed = sorted(rel for rel in files if rel != descriptor_rel and current[rel] not in (None, hashes[rel]))
    added = sorted(rel for rel in files if rel != descriptor_rel and current[rel] is None)
    gen = secrets.token_hex(6)
    final_owned = {rel: hashes[rel] for rel in files}
    if not (changed or added or stale or leftovers) and current[descriptor_rel] == hashes[descriptor_rel]:
        if owned != final_owned or pending:
            write_manifest(root, final_owned, {}, gen)
        return

    staged, descriptor_now = _generation(files, hashes, changed, descriptor_rel, source_column, gen)
    flight: dict[str, list[str]] = {rel: list(v) for rel, v in pending.items()}  # a killed build's, until removed
    for rel, data in staged.items():
        flight.setdefault(f"{rel}.newsprov-{gen}", []).append(sha256(data))
    for rel in changed + added + [descriptor_rel]:
        flight.setdefault(f"{rel}.newsprov-{gen}.tmp", []).append(hashes[rel])
        flight.setdefault(rel, []).append(hashes[rel])
    if descriptor_now is not None:
        flight.setdefault(f"{descriptor_rel}.newsprov-{gen}.tmp", []).append(sha256(descriptor_now))
        flight[descriptor_rel].append(sha256(descriptor_now))
    write_manifest(root, owned, flight, gen)
    fault_point("manifest records the files in flight")

    switched = False
    written: list[str] = []
    try:
        for rel in sorted(staged):  # 2. generation files beside the final paths
            write_file(root / f"{rel}.newsprov-{gen}", staged[rel])
            written.append(f"{rel}.newsprov-{gen}")
            fault_point(f"wrote {rel}.newsprov-{gen}")
        for rel in added:  # new files: no descriptor names them yet
            written += [f"{rel}.newsprov-{gen}.tmp", rel]
            _replace(root, rel, files[rel], f"{rel}.newsprov-{gen}.tmp", f"added {rel}")
        for folder in sorted({(root / rel).parent for rel in [*staged, *added]}):
            fsync_dir(folder)
        if descriptor_now is not None:  # 3. the new package, its changed files under generation names
            written.append(f"{descriptor_rel}.newsprov-{gen}.tmp")
            _replace(root, descriptor_rel, descriptor_now, f"{descriptor_rel}.newsprov-{gen}.tmp", "descriptor names the generation files")
            switched = True
    except BaseException:
        if not switched:  # the old package is still the published one: take back what was written
            for rel in written:
                (root / rel).unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                write_manifest(root, owned, pending, gen)
        raise
    for rel in changed:  # 4. final paths, which no descriptor names meanwhile
        _replace(root, rel, files[rel], f"{rel}.newsprov-{gen}.tmp", f"replaced {rel}")
    # 5. the published form
    _replace(root, descriptor_rel, files[descriptor_rel], f"{descriptor_rel}.newsprov-{gen}.tmp", "descriptor names the final paths")
    # 6. what no descriptor names any more
    for rel in [*(f"{r}.newsprov-{gen}" for r in sorted(staged)), *leftovers, *stale]:
        path = root / rel
        if LEGACY_STAGING.match(rel) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file() or path.is_symlink():
            path.unlink(missing_ok=True)
        else:
            continue
        fault_point(f"removed {rel}")
    for folder in sorted({(root / rel).parent for rel in files}):
        fsync_dir(folder)
    write_manifest(root, final_owned, {}, gen)
    fault_point("manifest lists the published files")


def _generation(files, hashes, changed, descriptor_rel, source_column, gen):
    """The generation files ({final path: bytes}) and the descriptor naming them (None if none)."""
    if not changed:
        return {}, None
    descriptor = json.loads(as_bytes(files[descriptor_rel]))
    resources = {r["path"]: r for r in descriptor["resources"]}
    staged = {rel: files[rel] for rel in changed}
    moved_sources = {rel: f"{rel}.newsprov-{gen}" for rel in changed if resources.get(rel, {}).get("type") == "text"}
    if moved_sources and source_column and source_column[0] in files:
        table, column = source_column
        staged[table] = _rewrite_column(as_bytes(files[table]), column, moved_sources)
    for rel, data in staged.items():
        if rel in resources:
            resources[rel].update(path=f"{rel}.newsprov-{gen}", hash=sha256(data), bytes=len(data))
    return staged, (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
