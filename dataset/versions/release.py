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
`verify_archive` checks an archive against SHA256SUMS and opens it as a package archive;
`extract_archive` unpacks its declared members, all or nothing (both through
dataset/versions/archive.py, which says what an archive must be).
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import io
import os
import re
import stat
import tempfile
import zipfile
from pathlib import Path

from newsprov.core import source_manifest
from newsprov.core.files import file_sha256
from newsprov.core.descriptor import parse as parse_descriptor, read_bytes as read_descriptor_bytes
from newsprov.core.layout import DESCRIPTOR
from newsprov.core.publish import locked
from newsprov.dataset.versions.archive import ArchiveError, PackageArchive, unsafe_member
from newsprov.core.semver import parse_semver

SUMS = "SHA256SUMS"
EPOCH = (1980, 1, 1, 0, 0, 0)
LEVEL = 9
MODE = 0o644
NAME = re.compile(r"^[a-z0-9._-]+$")  # Frictionless package name pattern


class ReleaseError(Exception):
    """A release that cannot be made, or an archive that cannot be trusted; the message says why."""


class InvalidRelease(ReleaseError):
    """A package that was read but fails validation: invalid data (exit 1), not an I/O error."""


def _descriptor_path(package) -> Path:
    from newsprov.validators.api import DescriptorNotFound, resolve_descriptor

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
    from newsprov.core.paths import UnreadableResource, UnsafePath, read_resources

    path = _descriptor_path(package)
    try:
        raw = read_descriptor_bytes(path)
        descriptor = parse_descriptor(raw, str(path))
    except ValueError as exc:
        raise ReleaseError(str(exc)) from None
    rels = [resource.get("path") if isinstance(resource, dict) else None for resource in descriptor["resources"]]
    manifest = next((r for r in descriptor["resources"] if isinstance(r, dict) and r.get("name") == source_manifest.MANIFEST), None)
    if manifest is not None and isinstance(manifest.get("path"), str):  # the sources it lists are members too
        try:
            listed = source_manifest.expand(read_resources(path.parent, [manifest["path"]])[manifest["path"]], manifest["path"])
        except (source_manifest.ManifestError, UnsafePath, UnreadableResource) as exc:
            raise ReleaseError(f"{path}: source manifest: {exc}") from None
        rels += [r["path"] for r in listed]
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
    if verify:  # first: an invalid name or version is invalid data, reported as validate reports it
        from newsprov.validators.api import validate

        report = validate(descriptor_path)
        if not report.valid:
            first = report.errors[0]
            raise InvalidRelease(f"{descriptor_path}: invalid package, {len(report.errors)} error(s); first: [{first.type}] {first.message}")
    zip_name = archive_name(descriptor)
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


def verify_archive(zip_path, sums_path=None) -> str:
    """The archive's sha256 hex, when SHA256SUMS lists it with that digest and it opens as a
    package archive (dataset/versions/archive.py: safe members, limits, only declared members) whose
    declared members all read back within their sizes and CRCs.

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
    actual = file_sha256(zip_path)
    if actual != listed:
        raise ReleaseError(f"{zip_path}: sha256 {actual} does not match {listed} in {sums_path}; the archive was altered or is corrupt")
    try:
        with PackageArchive(zip_path) as archive:
            archive.check_all()  # as zipfile's testzip did, but only declared members, each within its size
    except ArchiveError as exc:
        raise ReleaseError(str(exc)) from None
    return actual


def extract_archive(zip_path, dest, *, max_bytes: int | None = None) -> Path:
    """Unpack the archive's descriptor and declared members into dest (absent or an empty folder),
    all or nothing (PackageArchive.extract); a member a refusal is found in leaves nothing behind."""
    try:
        with PackageArchive(zip_path, max_bytes=max_bytes) as archive:
            return archive.extract(dest)
    except ArchiveError as exc:
        raise ReleaseError(str(exc)) from None
