"""Reading a package from a .zip archive without trusting it.

An archive is opened in this order, and refused (ArchiveError, naming it) at the first problem,
before anything else is read:

1. its member count, from the end of central directory record, within MAX_MEMBERS;
2. every member name safe (relative, no '..', no drive, URL, NUL or newline), no links or
   devices, no name twice, and the sizes the headers state adding up to at most MAX_TOTAL_BYTES;
3. datapackage.json read (at most MAX_DESCRIPTOR_BYTES) and parsed with the descriptor's limits;
4. every resource path the descriptor declares present, with the size its header states equal
   to the resource's `bytes`; every other member (directories aside) refused: an archive holding
   what its descriptor does not account for is not the package it claims to be;
5. then only declared members are read, each streamed while its decompressed bytes are counted:
   a member yielding more than its declared size (a header that lies) is refused as soon as it
   does, whatever zipfile makes of it.

`extract` writes the descriptor and the declared members into a temporary folder beside the
destination, which replaces the destination only when everything was read; on any failure the
temporary folder is removed, so nothing of a refused archive is left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from newsprov.core import source_manifest
from newsprov.core.descriptor import MAX_DESCRIPTOR_BYTES, DescriptorError, parse as parse_descriptor
from newsprov.core.layout import DESCRIPTOR

# MAX_MEMBERS: the largest package newsprov is benchmarked on (benchmarks/bench_validate_large.py)
# has 100,013 files; the descriptor limit (dataset/descriptor.py) allows about 250,000 resources.
# zipfile keeps one ZipInfo (about 0.5 KB) per member in memory: 250,000 cost about 125 MB.
MAX_MEMBERS = 250_000
# MAX_TOTAL_BYTES: that benchmark package is 1.3 GB uncompressed; 4 GiB leaves three times as
# much while bounding what extracting (disk) or `newsprov diff` (which holds the tables in
# memory) may be made to take, however small the archive is (deflate expands up to ~1000x).
MAX_TOTAL_BYTES = 4 << 30
CHUNK = 1 << 20
MODE = 0o644


class ArchiveError(Exception):
    """An archive that cannot be trusted or read; the message names it and says why."""


def unsafe_member(name: object) -> str | None:
    """Why a path inside a package or archive is refused (absolute, '..', drive, URL...), or None."""
    if not isinstance(name, str) or not name or "\x00" in name or "\n" in name:
        return f"{name!r} is not a usable path"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", name):
        return f"{name} is a remote URL"
    if name.startswith("/") or "\\" in name or re.match(r"^[A-Za-z]:", name):
        return f"{name} is absolute"
    if ".." in PurePosixPath(name).parts:
        return f"{name} contains '..'"
    return None


def member_count(path: Path) -> int | None:
    """Members the archive's end of central directory record announces (None when unknown),
    read before zipfile parses the whole central directory."""
    end_record = getattr(zipfile, "_EndRecData", None)
    if end_record is None:  # a future Python without it: zipfile's own parse is bounded by the file's size
        return None
    with open(path, "rb") as handle:
        record = end_record(handle)
    if not record:
        return None
    return record[getattr(zipfile, "_ECD_ENTRIES_TOTAL", 4)]


class PackageArchive:
    """A release archive, opened and checked as the module's docstring says."""

    def __init__(self, path: Path | str, max_members: int | None = None, max_bytes: int | None = None):
        max_members = MAX_MEMBERS if max_members is None else max_members  # looked up now: tests lower the limits
        max_bytes = MAX_TOTAL_BYTES if max_bytes is None else max_bytes
        self.path = Path(path)
        self.label = str(path)
        try:
            count = member_count(self.path)
            if count is not None and count > max_members:
                raise ArchiveError(f"{self.label}: archive has {count} members; the limit is {max_members}")
            self.zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile as exc:
            raise ArchiveError(f"{self.label}: not a readable zip archive ({exc})") from None
        except OSError as exc:
            raise ArchiveError(f"{self.label}: cannot read ({exc.strerror or exc})") from None
        try:
            self._check(max_members, max_bytes)
        except BaseException:
            self.zip.close()
            raise

    def _check(self, max_members: int, max_bytes: int) -> None:
        infos = self.zip.infolist()
        if len(infos) > max_members:
            raise ArchiveError(f"{self.label}: archive has {len(infos)} members; the limit is {max_members}")
        self.members: dict[str, zipfile.ZipInfo] = {}
        seen, total = set(), 0
        for info in infos:
            reason = unsafe_member(info.filename.rstrip("/") if info.is_dir() else info.filename)
            if reason:
                raise ArchiveError(f"{self.label}: unsafe archive member: {reason}")
            kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the maker recorded no file type
            if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
                raise ArchiveError(f"{self.label}: archive member {info.filename} is not a regular file (link or device)")
            key = info.filename.rstrip("/")
            if key in seen:
                raise ArchiveError(f"{self.label}: archive member {info.filename} appears twice")
            seen.add(key)
            total += info.file_size
            if total > max_bytes:
                raise ArchiveError(f"{self.label}: archive expands to more than {max_bytes} bytes")
            if not info.is_dir():
                self.members[info.filename] = info
        if DESCRIPTOR not in self.members:
            raise ArchiveError(f"{self.label}: archive has no {DESCRIPTOR}")
        if self.members[DESCRIPTOR].file_size > MAX_DESCRIPTOR_BYTES:
            raise ArchiveError(f"{self.label}: {DESCRIPTOR} too large ({self.members[DESCRIPTOR].file_size} bytes; the limit is {MAX_DESCRIPTOR_BYTES})")
        self.raw_descriptor = self._read(self.members[DESCRIPTOR], MAX_DESCRIPTOR_BYTES)
        try:
            self.descriptor = parse_descriptor(self.raw_descriptor, f"{self.label}: {DESCRIPTOR}")
        except DescriptorError as exc:
            raise ArchiveError(str(exc)) from None
        self.declared: dict[str, int | None] = {}
        for resource in self.descriptor["resources"]:
            rel = resource.get("path") if isinstance(resource, dict) else None
            reason = unsafe_member(rel)
            if reason:
                raise ArchiveError(f"{self.label}: unsafe resource path: {reason}")
            size = resource.get("bytes")
            self.declared[rel] = size if type(size) is int and size >= 0 else None
        self._declare_manifest_sources()
        for rel, size in self.declared.items():
            info = self.members.get(rel)
            if info is None:
                raise ArchiveError(f"{self.label}: archive has no {rel}, which {DESCRIPTOR} declares")
            if size is not None and info.file_size != size:
                raise ArchiveError(f"{self.label}: archive member {rel} is {info.file_size} bytes; {DESCRIPTOR} declares {size}")
        undeclared = sorted(set(self.members) - set(self.declared) - {DESCRIPTOR})
        if undeclared:
            more = f" (and {len(undeclared) - 1} more)" if len(undeclared) > 1 else ""
            raise ArchiveError(f"{self.label}: archive member {undeclared[0]} is not declared in {DESCRIPTOR}{more}")

    def _read(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        chunks = list(self._stream(info, limit))
        return b"".join(chunks)

    def _stream(self, info: zipfile.ZipInfo, limit: int):
        """The member's bytes in chunks, refused as soon as more than `limit` come out."""
        count = 0
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(CHUNK):
                    count += len(chunk)
                    if count > limit:
                        raise ArchiveError(f"{self.label}: archive member {info.filename} expands beyond its declared {limit} bytes")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise ArchiveError(f"{self.label}: archive member {info.filename} cannot be read ({exc})") from None

    def read(self, rel: str) -> bytes:
        """A declared member's bytes (at most its declared size)."""
        return self._read(self._declared_info(rel), self.members[rel].file_size)

    def chunks(self, rel: str):
        """A declared member's bytes in chunks (for hashing without holding them)."""
        return self._stream(self._declared_info(rel), self.members[rel].file_size)

    def _declare_manifest_sources(self) -> None:
        """Sources a source manifest lists count as declared, with their sizes (the manifest is
        read first, within its own declared size)."""
        manifest = next((r for r in self.descriptor["resources"] if isinstance(r, dict) and r.get("name") == source_manifest.MANIFEST), None)
        if manifest is None or manifest.get("path") not in self.members:
            return
        rel = manifest["path"]
        size = self.declared.get(rel)
        if size is not None and self.members[rel].file_size != size:
            return  # (reported as a size mismatch below)
        try:
            listed = source_manifest.expand(self._read(self.members[rel], self.members[rel].file_size), f"{self.label}: {rel}")
        except source_manifest.ManifestError as exc:
            raise ArchiveError(str(exc)) from None
        for resource in listed:
            reason = unsafe_member(resource["path"])
            if reason:
                raise ArchiveError(f"{self.label}: unsafe source path in the manifest: {reason}")
            self.declared.setdefault(resource["path"], resource["bytes"])

    def _declared_info(self, rel: str) -> zipfile.ZipInfo:
        if rel != DESCRIPTOR and rel not in self.declared:
            raise ArchiveError(f"{self.label}: {rel} is not declared in {DESCRIPTOR}")
        return self.members[rel]

    def check_all(self) -> None:
        """Read every declared member through (each within its size, CRC checked by zipfile), keeping nothing."""
        for rel in sorted(self.declared):
            for _ in self.chunks(rel):
                pass

    def extract(self, dest: Path | str) -> Path:
        """Write the descriptor and every declared member under dest (absent or an empty folder), all or nothing."""
        dest = Path(dest)
        if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
            raise ArchiveError(f"{dest}: destination exists and is not an empty folder")
        dest.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".newsprov-extract-", dir=dest.parent))
        try:
            base = stage.resolve()
            for rel in [DESCRIPTOR, *sorted(self.declared)]:
                target = (stage / rel).resolve()
                if base not in target.parents:
                    raise ArchiveError(f"{self.label}: archive member {rel} leaves the destination")
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.exists():  # two resources with one path: written once
                    continue
                with open(target, "xb") as sink:
                    for chunk in self.chunks(rel):
                        sink.write(chunk)
                os.chmod(target, MODE)
            os.replace(stage, dest)
        except OSError as exc:
            raise ArchiveError(f"{self.label}: cannot extract to {dest} ({exc.strerror or exc})") from None
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        return dest

    def close(self) -> None:
        self.zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
