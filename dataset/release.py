"""Release archives: one reproducible .zip per package version, listed in SHA256SUMS.

`release` writes `<name>-<version>.zip` holding datapackage.json and every resource
file at its relative path. The same package always gives the same bytes: members
in sorted order, every member dated from the descriptor's `created` (1980-01-01
when absent or unparseable; zip cannot store earlier dates), mode 0644, made on
"Unix", deflated at level 9, no directory entries, no comment or extra fields.
(Identical bytes also assume the same zlib; Python's bundled zlib is stable.)

Both files are written through a temporary file and os.replace, the archive first:
an interrupted release leaves no partial archive and the previous SHA256SUMS; if
SHA256SUMS cannot be written the new archive is taken back; temporary files left
by a killed release are removed by the next one (under the lock).

The archive's SHA-256 goes into `SHA256SUMS` beside it, in `sha256sum` format
(`<hex>  <file name>`, lines sorted by file name). A released version is immutable:
re-releasing it with different content is refused unless `force=True`.
`verify_archive` checks an archive against SHA256SUMS and its member names;
`extract_archive` unpacks one without letting any member escape the destination.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import io
import os
import re
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

from newsprov.dataset.descriptor import parse as parse_descriptor, read_bytes as read_descriptor_bytes
from newsprov.dataset.layout import DESCRIPTOR
from newsprov.dataset.publish import locked
from newsprov.dataset.versions import parse_semver, unsafe_member

SUMS = "SHA256SUMS"
EPOCH = (1980, 1, 1, 0, 0, 0)
LEVEL = 9
MODE = 0o644
NAME = re.compile(r"^[a-z0-9._-]+$")  # Frictionless package name pattern
MAX_BYTES = 4 << 30  # refuse to extract archives claiming more than this (zip bombs)


class ReleaseError(Exception):
    """A release that cannot be made, or an archive that cannot be trusted; the message says why."""


def _descriptor_path(package) -> Path:
    from newsprov.validators.run import DescriptorNotFound, resolve_descriptor

    try:
        return resolve_descriptor(package)
    except DescriptorNotFound as exc:
        raise ReleaseError(str(exc)) from None


def archive_name(descriptor: dict) -> str:
    """`<name>-<version>.zip`, after checking both are fit for a file name."""
    name, version = descriptor.get("name"), descriptor.get("version")
    if not isinstance(name, str) or not NAME.match(name):
        raise ReleaseError(f"package name {name!r} must be lower-case letters, digits, '.', '_' or '-'")
    try:
        parse_semver(version)
    except ValueError as exc:
        raise ReleaseError(f"package version: {exc}") from None
    return f"{name}-{version}.zip"


def zip_timestamp(created: object) -> tuple:
    """The member date: `created` (UTC fields) within zip's range, else 1980-01-01 00:00:00."""
    if isinstance(created, str) and created:
        try:
            moment = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
        except ValueError:
            return EPOCH
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.timezone.utc)
        if 1980 <= moment.year <= 2107:
            return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return EPOCH


def archive_bytes(files: dict[str, bytes], created: object = None) -> bytes:
    """A reproducible zip of files (relative path -> bytes)."""
    stamp = zip_timestamp(created)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as zf:
        for rel in sorted(files):
            info = zipfile.ZipInfo(rel, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | MODE) << 16
            zf.writestr(info, files[rel], compresslevel=LEVEL)
    return buffer.getvalue()


def package_files(package) -> tuple[dict, dict[str, bytes]]:
    """The descriptor and {relative path: bytes} of datapackage.json and every resource file."""
    from newsprov.validators.paths import UnreadableResource, UnsafePath, read_resources

    path = _descriptor_path(package)
    try:
        raw = read_descriptor_bytes(path)
        descriptor = parse_descriptor(raw, str(path))
    except ValueError as exc:
        raise ReleaseError(str(exc)) from None
    rels = [resource.get("path") if isinstance(resource, dict) else None for resource in descriptor["resources"]]
    try:
        for rel in rels:  # what an archive member may not be, on top of what a package path may not be
            if reason := unsafe_member(rel) if isinstance(rel, str) and rel else None:
                raise UnsafePath(reason)
        files = read_resources(path.parent, rels)
    except UnsafePath as exc:
        raise ReleaseError(f"{path}: unsafe resource path: {exc}") from None
    except UnreadableResource as exc:
        raise ReleaseError(f"{path.parent / exc.rel}: cannot read ({exc.strerror})") from None
    return descriptor, {DESCRIPTOR: raw, **files}


def read_sums(path: Path) -> dict[str, str]:
    """{file name: sha256 hex} of a SHA256SUMS file ({} when absent)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    out = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = re.match(r"^([0-9a-fA-F]{64}) [ *](.+)$", line)
        if not match:
            raise ReleaseError(f"{path}:{number}: not a '<sha256>  <file>' line")
        out[match.group(2)] = match.group(1).lower()
    return out


def sums_text(entries: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(entries.items()))


def atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def release(package_dir_or_descriptor, out_dir, *, verify: bool = True, force: bool = False) -> tuple[Path, str]:
    """Write `<name>-<version>.zip` into out_dir and record it in out_dir/SHA256SUMS.

    Returns the archive's path and its SHA256SUMS line. With verify (the default) an
    invalid package is refused. A version already released with other bytes (in the
    archive or in SHA256SUMS) is refused unless force: bump the version instead.
    """
    descriptor_path = _descriptor_path(package_dir_or_descriptor)
    descriptor, files = package_files(descriptor_path)
    zip_name = archive_name(descriptor)
    if verify:
        from newsprov.validators.run import validate

        report = validate(descriptor_path)
        if not report.valid:
            first = report.errors[0]
            raise ReleaseError(f"{descriptor_path}: invalid package, {len(report.errors)} error(s); first: [{first.type}] {first.message}")
    data = archive_bytes(files, descriptor.get("created"))
    digest = hashlib.sha256(data).hexdigest()
    out_dir = Path(out_dir)
    target, sums_path = out_dir / zip_name, out_dir / SUMS
    with locked(out_dir):
        _remove_stale_temporaries(out_dir, (zip_name, SUMS))
        entries = read_sums(sums_path)
        if not force:
            listed = entries.get(zip_name)
            if listed is not None and listed != digest:
                raise ReleaseError(f"{zip_name} was already released with sha256 {listed}; the package changed since, so give it a new version (or force)")
            if target.exists() and target.read_bytes() != data:
                raise ReleaseError(f"{target} exists with other content; give the package a new version (or force)")
        previous = target.read_bytes() if target.exists() else None
        if previous != data:
            atomic_write(target, data)
        entries[zip_name] = digest
        try:
            atomic_write(sums_path, sums_text(entries).encode("utf-8"))
        except BaseException:
            # All or nothing: an archive SHA256SUMS does not list is not released.
            if previous is None:
                target.unlink(missing_ok=True)
            elif previous != data:
                atomic_write(target, previous)
            raise
    return target, f"{digest}  {zip_name}"


def _remove_stale_temporaries(out_dir: Path, names) -> None:
    """Temporary files a killed release left (atomic_write's `.<name>.*.tmp`). Called under
    the lock: no other release is writing, so any found are stale."""
    for name in names:
        for path in out_dir.glob(f".{glob.escape(name)}.*.tmp"):
            path.unlink(missing_ok=True)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_members(zf: zipfile.ZipFile, label: str, max_bytes: int = MAX_BYTES) -> list[zipfile.ZipInfo]:
    """The archive's members, after refusing unsafe names, links, duplicates and absurd sizes."""
    seen, total = set(), 0
    for info in zf.infolist():
        reason = unsafe_member(info.filename.rstrip("/") if info.is_dir() else info.filename)
        if reason:
            raise ReleaseError(f"{label}: unsafe archive member: {reason}")
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the maker recorded no file type
        if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
            raise ReleaseError(f"{label}: archive member {info.filename} is not a regular file (link or device)")
        key = info.filename.rstrip("/")
        if key in seen:
            raise ReleaseError(f"{label}: archive member {info.filename} appears twice")
        seen.add(key)
        total += info.file_size
        if total > max_bytes:
            raise ReleaseError(f"{label}: archive expands to more than {max_bytes} bytes")
    return zf.infolist()


def verify_archive(zip_path, sums_path=None) -> str:
    """The archive's sha256 hex, when SHA256SUMS lists it with that digest and its members are safe.

    sums_path defaults to SHA256SUMS beside the archive. Raises ReleaseError otherwise.
    """
    zip_path = Path(zip_path)
    sums_path = Path(sums_path) if sums_path is not None else zip_path.parent / SUMS
    if not zip_path.is_file():
        raise ReleaseError(f"{zip_path}: archive not found")
    if not sums_path.is_file():
        raise ReleaseError(f"{zip_path}: cannot verify, {sums_path} not found")
    listed = read_sums(sums_path).get(zip_path.name)
    if listed is None:
        raise ReleaseError(f"{zip_path}: not listed in {sums_path}; refusing an unverified archive")
    actual = _file_sha256(zip_path)
    if actual != listed:
        raise ReleaseError(f"{zip_path}: sha256 {actual} does not match {listed} in {sums_path}; the archive was altered or is corrupt")
    try:
        with zipfile.ZipFile(zip_path) as zf:
            check_members(zf, str(zip_path))
            bad = zf.testzip()
    except zipfile.BadZipFile as exc:
        raise ReleaseError(f"{zip_path}: not a readable zip archive ({exc})") from None
    if bad is not None:
        raise ReleaseError(f"{zip_path}: member {bad} fails its CRC check")
    return actual


def extract_archive(zip_path, dest, *, max_bytes: int = MAX_BYTES) -> Path:
    """Unpack the archive into dest (absent or an empty folder), all or nothing.

    Members are written into a temporary sibling folder, which then replaces dest;
    names that are absolute or contain '..', links and duplicates are refused.
    """
    zip_path, dest = Path(zip_path), Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ReleaseError(f"{dest}: destination exists and is not an empty folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".newsprov-extract-", dir=dest.parent))
    try:
        with zipfile.ZipFile(zip_path) as zf:
            base = stage.resolve()
            for info in check_members(zf, str(zip_path), max_bytes):
                target = (stage / info.filename).resolve()
                if target != base and base not in target.parents:
                    raise ReleaseError(f"{zip_path}: archive member {info.filename} leaves the destination")
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as source, open(target, "xb") as sink:
                    shutil.copyfileobj(source, sink, 1 << 20)
                os.chmod(target, MODE)
        os.replace(stage, dest)
    except zipfile.BadZipFile as exc:
        raise ReleaseError(f"{zip_path}: not a readable zip archive ({exc})") from None
    except OSError as exc:
        raise ReleaseError(f"{zip_path}: cannot extract to {dest} ({exc})") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return dest
