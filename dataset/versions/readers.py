"""Opening one version of a data package: a folder, a release archive or a git revision.

A version is opened from a package folder (or its datapackage.json), a release archive
(.zip, see archive.py: only declared members are read, each within its declared size) or a
git revision (`v1.0.0`, `HEAD~1`, a sha; files are read from git objects, nothing is checked
out) of the repository holding the package the user points at, else of the current directory.
Each reader gives the descriptor's bytes, resource files by path, and (folders and archives)
a source's sha256 as it streams, so that sources are never all held at once.
"""

from __future__ import annotations

import hashlib
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from newsprov.core.descriptor import MAX_DESCRIPTOR_BYTES, DescriptorError, parse as parse_descriptor, read_bytes as read_descriptor_bytes
from newsprov.core.layout import DESCRIPTOR, REPO_ROOT
from newsprov.core import source_manifest
from newsprov.core.paths import PathGuard, UnreadableResource, UnsafePath, read_resources
from newsprov.dataset.versions.archive import ArchiveError, PackageArchive, unsafe_member


class VersionError(Exception):
    """A version that cannot be opened or compared; the message names the reference."""


@dataclass(frozen=True)
class PackageSnapshot:
    """One version of a package: its descriptor, table CSV bytes and source checksums."""

    ref: str
    kind: str  # "folder", "archive" or "git"
    descriptor: dict
    tables: dict[str, bytes]  # table resource name -> CSV bytes
    sources: dict[str, str]  # other resource name -> "sha256:<hex>" of its bytes
    listed: dict[str, dict] = field(default_factory=dict)  # sources a source manifest lists, as resources

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    @property
    def name(self) -> str:
        return str(self.descriptor.get("name", ""))

    def resource(self, name: str) -> dict:
        if name in self.listed:
            return self.listed[name]
        return next(r for r in self.descriptor["resources"] if r.get("name") == name)


class FolderReader:
    kind = "folder"

    def __init__(self, descriptor_path: Path):
        self.root = descriptor_path.parent
        self.path = descriptor_path
        self.label = str(descriptor_path)
        self.descriptor_rel = descriptor_path.name

    def descriptor_bytes(self) -> bytes:
        try:
            return read_descriptor_bytes(self.path, self.label)
        except DescriptorError as exc:
            raise VersionError(str(exc)) from None
        except OSError as exc:
            raise VersionError(f"{self.label}: cannot read ({exc.strerror})") from None

    def read_many(self, rels: list[str]) -> dict[str, bytes]:
        try:
            return read_resources(self.root, rels)
        except UnsafePath as exc:
            raise VersionError(f"{self.label}: unsafe resource path: {exc}") from None
        except UnreadableResource as exc:
            raise VersionError(f"{self.label}: cannot read {exc.rel} ({exc.strerror})") from None

    def sha256(self, rel: str) -> str:
        """A source's sha256, streamed: sources are never all held at once."""
        if not hasattr(self, "_guard"):
            self._guard = PathGuard(self.root)
        reason = self._guard.reason(rel)
        if reason:
            raise VersionError(f"{self.label}: unsafe resource path: {reason}")
        try:
            with open(self.root / rel, "rb") as handle:
                return hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as exc:
            raise VersionError(f"{self.label}: cannot read {rel} ({exc.strerror})") from None


class ArchiveReader:
    """A release archive, opened through dataset/versions/archive.py: only declared members are read,
    each within its declared size, sources hashed as they stream."""

    kind = "archive"
    descriptor_rel = DESCRIPTOR

    def __init__(self, path: Path):
        self.label = str(path)
        try:
            self.archive = PackageArchive(path)
        except ArchiveError as exc:
            raise VersionError(str(exc)) from None

    def descriptor_bytes(self) -> bytes:
        return self.archive.raw_descriptor

    def read_many(self, rels: list[str]) -> dict[str, bytes]:
        try:
            return {rel: self.archive.read(rel) for rel in rels}
        except ArchiveError as exc:
            raise VersionError(str(exc)) from None

    def sha256(self, rel: str) -> str:
        digest = hashlib.sha256()
        try:
            for chunk in self.archive.chunks(rel):
                digest.update(chunk)
        except ArchiveError as exc:
            raise VersionError(str(exc)) from None
        return digest.hexdigest()


def git(repo_root: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=repo_root, input=data, capture_output=True, check=False)
    except OSError as exc:
        raise VersionError(f"cannot run git in {repo_root} ({exc.strerror})") from None


def resolve_revision(rev: str, repo_root: Path | str | None = None) -> str | None:
    """The commit sha a git revision names in the repository, or None."""
    repo_root = Path(repo_root or REPO_ROOT)
    if not rev or rev.startswith("-") or any(c in rev for c in "\x00\n "):
        return None
    done = git(repo_root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    return done.stdout.decode().strip() if done.returncode == 0 else None


def git_tags(repo_root: Path | str | None = None) -> list[str]:
    done = git(Path(repo_root or REPO_ROOT), "tag", "--list")
    return done.stdout.decode().split() if done.returncode == 0 else []


class GitReader:
    kind = "git"
    descriptor_rel = DESCRIPTOR

    def __init__(self, repo_root: Path, rev: str, commit: str):
        self.repo_root, self.commit = repo_root, commit
        self.label = f"{rev} ({commit[:12]})"
        prefix = git(repo_root, "rev-parse", "--show-prefix")
        self.prefix = prefix.stdout.decode().strip() if prefix.returncode == 0 else ""

    def descriptor_bytes(self) -> bytes:
        """The descriptor's blob, its size asked of git first (`cat-file --batch-check`)."""
        done = git(self.repo_root, "cat-file", "--batch-check", data=f"{self.commit}:{self.prefix}{DESCRIPTOR}\n".encode())
        header = done.stdout.split()
        if done.returncode == 0 and len(header) == 3 and header[1] == b"blob" and int(header[2]) > MAX_DESCRIPTOR_BYTES:
            raise VersionError(f"{self.label}: {self.prefix}{DESCRIPTOR}: data package descriptor too large ({int(header[2])} bytes; the limit is {MAX_DESCRIPTOR_BYTES})")
        return self.read_many([DESCRIPTOR])[DESCRIPTOR]

    def read_many(self, rels: list[str]) -> dict[str, bytes]:
        """Blobs at the commit, all through one `git cat-file --batch` (a batched `git show REV:path`)."""
        if not rels:
            return {}
        for rel in rels:
            reason = unsafe_member(rel)
            if reason:
                raise VersionError(f"{self.label}: unsafe resource path: {reason}")
        request = "".join(f"{self.commit}:{self.prefix}{rel}\n" for rel in rels).encode()
        done = git(self.repo_root, "cat-file", "--batch", data=request)
        if done.returncode != 0:
            raise VersionError(f"{self.label}: git cat-file failed: {done.stderr.decode().strip()}")
        out, buf, pos = {}, done.stdout, 0
        for rel in rels:
            end = buf.index(b"\n", pos)
            header = buf[pos:end].split()
            if len(header) != 3 or header[1] != b"blob":
                raise VersionError(f"{self.label}: {self.prefix}{rel} is not in the revision")
            size = int(header[2])
            out[rel] = buf[end + 1 : end + 1 + size]
            pos = end + 1 + size + 1
        return out


def reader_for(ref, repo_root: Path):
    if isinstance(ref, (str, Path)) and str(ref):
        path = Path(ref)
        if path.is_dir():
            path = path / DESCRIPTOR
            if not path.is_file():
                raise VersionError(f"{path}: data package descriptor not found")
            return FolderReader(path)
        if path.is_file():
            if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
                return ArchiveReader(path)
            return FolderReader(path)
        if path.suffix.lower() in (".zip", ".json"):
            raise VersionError(f"{path}: not found")
        commit = resolve_revision(str(ref), repo_root)
        if commit:
            return GitReader(repo_root, str(ref), commit)
    raise VersionError(f"{ref}: not a package folder, datapackage.json, .zip archive or git revision of {repo_root}")


def is_table(resource: dict) -> bool:
    return resource.get("type") == "table" or isinstance(resource.get("schema"), dict)


def descriptor_of(reader) -> dict:
    raw = reader.descriptor_bytes()
    try:
        descriptor = parse_descriptor(raw, reader.label)
    except ValueError as exc:
        raise VersionError(str(exc)) from None
    names = set()
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str) or not isinstance(resource.get("path"), str):
            raise VersionError(f"{reader.label}: every resource needs a name and a single path")
        if resource["name"] in names:
            raise VersionError(f"{reader.label}: resource name {resource['name']!r} appears twice")
        names.add(resource["name"])
    return descriptor


def open_package(ref, repo_root: Path | str | None = None) -> PackageSnapshot:
    """Open one version: a package folder or its datapackage.json, a .zip archive, or a git revision.

    An existing path wins over a git revision of the same spelling. Git revisions are
    read from the repository holding repo_root (default: the current directory), never
    newsprov's own unless that is where the user is; the package is the datapackage.json
    in repo_root's folder of the tree.
    """
    if isinstance(ref, PackageSnapshot):
        return ref
    reader = reader_for(ref, Path(repo_root) if repo_root else Path.cwd())
    descriptor = descriptor_of(reader)
    resources = descriptor["resources"]
    if hasattr(reader, "sha256"):  # sources hashed as they stream, never all held at once
        files = reader.read_many(sorted({r["path"] for r in resources if is_table(r)}))
        sources = {r["name"]: "sha256:" + reader.sha256(r["path"]) for r in resources if not is_table(r)}
    else:
        files = reader.read_many(sorted({r["path"] for r in resources}))
        sources = {r["name"]: "sha256:" + hashlib.sha256(files[r["path"]]).hexdigest() for r in resources if not is_table(r)}
    tables = {r["name"]: files[r["path"]] for r in resources if is_table(r)}
    listed = _manifest_sources(tables, reader.label)
    if listed:  # sources listed in a manifest: hashed as if each were a resource
        if hasattr(reader, "sha256"):
            sources.update({r["name"]: "sha256:" + reader.sha256(r["path"]) for r in listed})
        else:
            data = reader.read_many(sorted(r["path"] for r in listed))
            sources.update({r["name"]: "sha256:" + hashlib.sha256(data[r["path"]]).hexdigest() for r in listed})
    return PackageSnapshot(str(ref), reader.kind, descriptor, tables, sources, {r["name"]: r for r in listed})


def _manifest_sources(tables: dict[str, bytes], label: str) -> list[dict]:
    """The source resources a package's source manifest stands for (none without one)."""
    if source_manifest.MANIFEST not in tables:
        return []
    try:
        return source_manifest.expand(tables[source_manifest.MANIFEST], label)
    except source_manifest.ManifestError as exc:
        raise VersionError(str(exc)) from None


def export_package(ref, dest: Path, repo_root: Path | str | None = None) -> Path:
    """Write one version's datapackage.json and resource files under dest (which must not exist).

    Git revisions resolve as in open_package (default: the current directory)."""
    reader = reader_for(ref, Path(repo_root) if repo_root else Path.cwd())
    descriptor = descriptor_of(reader)
    rels = sorted({r["path"] for r in descriptor["resources"]})
    files = reader.read_many(rels)
    manifest = next((r for r in descriptor["resources"] if r["name"] == source_manifest.MANIFEST), None)
    if manifest is not None:
        files.update(reader.read_many(sorted(r["path"] for r in _manifest_sources({manifest["name"]: files[manifest["path"]]}, reader.label))))
    files[DESCRIPTOR] = reader.descriptor_bytes()
    dest.mkdir(parents=True)
    for rel, data in files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return dest


def package_folder(ref) -> Path | None:
    """The folder of the package a reference names when it is a package folder or a descriptor file, else None."""
    if not isinstance(ref, (str, Path)) or not str(ref):
        return None
    path = Path(ref)
    if path.is_dir():
        return path if (path / DESCRIPTOR).is_file() else None
    if path.is_file() and not (path.suffix.lower() == ".zip" or zipfile.is_zipfile(path)):
        return path.parent
    return None
