"""Load a data package as Polars DataFrames, verified on the way in."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from newsprov.core.layout import DESCRIPTOR, REPO_ROOT, embedded_releases
from newsprov.core.files import file_sha256
from newsprov.core.semver import parse_semver
from newsprov.schemas.registry import models
from newsprov.core.descriptor import read as read_descriptor
from newsprov.core.text import decode_source
from newsprov.core.paths import PathGuard
from newsprov.validators.api import DescriptorNotFound, read_table, resolve_descriptor, validate


class DatasetError(Exception):
    """A package that cannot be loaded: unsafe, unreadable or invalid (the message says which)."""


class InvalidDataset(DatasetError):
    """A package that was read but fails validation: invalid data (exit 1), not an I/O error (exit 2)."""


@dataclass(frozen=True)
class Dataset:
    """One Polars DataFrame per table (`ds.articles`, `ds.tables["articles"]`), plus metadata."""

    root: Path
    descriptor: dict
    tables: dict[str, pl.DataFrame]

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    def __getattr__(self, name: str) -> pl.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"no table {name!r}; tables: {', '.join(tables)}")

    def text(self, article_id: str) -> str:
        """The source text an article's offsets refer to."""
        path = self.articles.filter(pl.col("article_id") == article_id)["source_path"]
        if path.is_empty():
            raise KeyError(article_id)
        return decode_source((self.root / path[0]).read_bytes(), path[0])


RELEASES = "releases"


def cache_root() -> Path:
    """Where archives and tagged versions are unpacked: $NEWSPROV_CACHE, else $XDG_CACHE_HOME/newsprov."""
    if os.environ.get("NEWSPROV_CACHE"):
        return Path(os.environ["NEWSPROV_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsprov"


def load(path: Path | str | None = None, *, version: str | None = None, verify: bool = True) -> Dataset:
    """Load a package (datapackage.json or its folder; default: the package found from the
    current directory upward, as git finds its repository, never where newsprov is installed).

    `path` may also be a release archive (.zip): it is checked against a SHA256SUMS
    beside it when there is one, unpacked into the cache and loaded. `version="1.0.0"`
    loads that release of the embedded dataset (see load_version).

    Resource paths that are absolute, contain '..', leave the package through a
    symlink or are URLs are always refused, as are unsafe archive members. With
    verify (the default) checksums, schemas, keys and spans are checked first and an
    invalid package (or an archive that does not match SHA256SUMS) is refused.
    """
    if version is not None:
        if path is not None:
            raise DatasetError("give a package path or a version, not both")
        return load_version(version, verify=verify)
    if path is not None and Path(path).suffix.lower() == ".zip":
        return load_archive(path, verify=verify)
    return _load_package(path, verify)


def _load_package(path: Path | str | None, verify: bool) -> Dataset:
    try:
        descriptor_path = resolve_descriptor(path)
        descriptor = read_descriptor(descriptor_path)
    except DescriptorNotFound as exc:
        raise DatasetError(str(exc)) from None
    except OSError as exc:
        raise DatasetError(f"{path or descriptor_path}: cannot read ({exc.strerror})") from None
    except ValueError as exc:
        raise DatasetError(str(exc)) from None
    root = descriptor_path.parent
    guard = PathGuard(root)
    for resource in descriptor["resources"]:
        reason = guard.reason(resource.get("path") if isinstance(resource, dict) else None)
        if reason:
            raise DatasetError(f"{descriptor_path}: unsafe resource path: {reason}")
    if verify:
        _verify(descriptor_path, str(descriptor_path))
    known = models()
    tables = {}
    for resource in descriptor["resources"]:
        if resource.get("name") in known:
            df, errors = read_table(root / resource["path"], known[resource["name"]], resource["name"])
            if df is None:
                raise DatasetError(f"{root / resource['path']}: {errors[0].message}")
            tables[resource["name"]] = df
    return Dataset(root, descriptor, tables)


def _verify(package: Path, label: str) -> None:
    """InvalidDataset (naming `label`) unless the package validates."""
    report = validate(package)
    if not report.valid:
        first = report.errors[0]
        raise InvalidDataset(f"{label}: invalid package, {len(report.errors)} error(s); first: [{first.type}] {first.message}")


def _cached(name: str, fill, label: str, verify: bool) -> Dataset:
    """The package in the cache folder `name`, filled once by fill(dest) and loaded.

    A new folder is filled and (with verify) validated in a temporary folder beside it, which
    becomes the cache folder only when both succeed: on any failure it is removed, so nothing
    of a refused archive is left in the cache. A cached folder that no longer validates is
    removed too (newsprov wrote it), and the error raised.
    """
    root = cache_root()
    dest = root / name
    if (dest / DESCRIPTOR).is_file():
        try:
            return _load_package(dest, verify)
        except InvalidDataset:
            shutil.rmtree(dest, ignore_errors=True)
            raise
    root.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".newsprov-cache-", dir=root))
    try:
        fill(stage / "package")
        if verify:
            _verify(stage / "package", label)
        try:
            os.replace(stage / "package", dest)
        except OSError:
            if not (dest / DESCRIPTOR).is_file():
                raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return _load_package(dest, verify=False)  # validated above, before it entered the cache


def load_archive(zip_path: Path | str, *, verify: bool = True) -> Dataset:
    """Load a release archive: verified against the SHA256SUMS beside it (when there is one),
    its declared members unpacked into the cache (dataset/versions/archive.py says what is refused)."""
    from newsprov.dataset.versions.release import SUMS, ReleaseError, extract_archive, verify_archive

    zip_path = Path(zip_path)
    if not zip_path.is_file():
        raise DatasetError(f"{zip_path}: archive not found")
    try:
        if verify and (zip_path.parent / SUMS).is_file():
            digest = verify_archive(zip_path)
        else:
            digest = file_sha256(zip_path)
        return _cached(f"{zip_path.stem}-{digest[:16]}", lambda dest: extract_archive(zip_path, dest), str(zip_path), verify)
    except ReleaseError as exc:
        raise DatasetError(str(exc)) from None
    except OSError as exc:
        raise DatasetError(f"{zip_path}: cannot read ({exc.strerror})") from None


def available_versions(repo_root: Path | str | None = None) -> list[str]:
    """Versions of a repository's package (default: the embedded dataset): release archives in
    its releases/ and git tags v<semver>, in order."""
    from newsprov.dataset.versions import git_tags

    folder, repo, name = _release_home(repo_root)
    found = set()
    if name and folder.is_dir():
        for archive in folder.glob(f"{_glob_escape(name)}-*.zip"):
            found.add(archive.name[len(name) + 1 : -len(".zip")])
    if repo is not None:
        found |= {tag[1:] for tag in git_tags(repo) if tag.startswith("v")}
    valid = []
    for candidate in found:
        try:
            valid.append(parse_semver(candidate))
        except ValueError:
            continue
    return [str(v) for v in sorted(valid)]


def _release_home(repo_root: Path | str | None) -> tuple[Path, Path | None, str | None]:
    """(releases folder, git repository or None, package name) of a repository's package; by
    default the embedded dataset's: in a checkout, its releases/ and tags; installed, the
    archives shipped as package data (newsprov/releases/), named as their SHA256SUMS lists them."""
    if repo_root is None and not (REPO_ROOT / DESCRIPTOR).is_file():
        folder = embedded_releases()
        return folder, None, _name_from_sums(folder)
    root = Path(repo_root or REPO_ROOT)
    return root / RELEASES, root, _package_name(root)


_ARCHIVE = re.compile(r"^(?P<name>.+?)-(?P<version>\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?)\.zip$")


def _name_from_sums(folder: Path) -> str | None:
    """The package name of the archives SHA256SUMS lists (None unless exactly one)."""
    from newsprov.dataset.versions.release import SUMS, ReleaseError, read_sums

    try:
        names = {m.group("name") for m in map(_ARCHIVE.match, read_sums(folder / SUMS)) if m}
    except (ReleaseError, OSError):
        return None
    return names.pop() if len(names) == 1 else None


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _package_name(repo_root: Path) -> str | None:
    try:
        name = read_descriptor(repo_root / DESCRIPTOR).get("name")
    except (OSError, ValueError):
        return None
    return name if isinstance(name, str) and name else None


def load_version(version: str, *, repo_root: Path | str | None = None, verify: bool = True) -> Dataset:
    """Load a released version of a repository's package (default: the embedded dataset: the
    checkout's releases/ and tags, or, installed, the archives shipped as package data).

    First `releases/<name>-<version>.zip` (name from the repository's datapackage.json),
    verified against `releases/SHA256SUMS`; failing that the git tag `v<version>`, read
    from git objects. Both are unpacked into the cache and loaded (and, with verify,
    validated). An unknown version raises DatasetError listing the available ones.
    """
    from newsprov.dataset.versions.release import SUMS, ReleaseError, extract_archive, verify_archive
    from newsprov.dataset.versions import VersionError, export_package, resolve_revision

    try:
        parse_semver(version)
    except ValueError as exc:
        raise DatasetError(f"version: {exc}") from None
    folder, repo, name = _release_home(repo_root)
    if name is None:
        raise DatasetError(f"{repo / DESCRIPTOR if repo is not None else folder / 'SHA256SUMS'}: cannot read the package name")
    archive = folder / f"{name}-{version}.zip"
    try:
        if archive.is_file():
            if verify:
                digest = verify_archive(archive, folder / SUMS)
            else:
                digest = file_sha256(archive)
            return _cached(f"{archive.stem}-{digest[:16]}", lambda dest: extract_archive(archive, dest), str(archive), verify)
        commit = resolve_revision(f"refs/tags/v{version}", repo) if repo is not None else None
        if commit:
            return _cached(f"{name}-{version}-git-{commit[:16]}", lambda dest: export_package(commit, dest, repo), f"v{version} ({commit[:12]})", verify)
    except (ReleaseError, VersionError) as exc:
        raise DatasetError(str(exc)) from None
    available = available_versions(repo_root)
    raise DatasetError(
        f"version {version} of {name} not found (no {RELEASES}/{archive.name}, no git tag v{version}); "
        f"available: {', '.join(available) if available else 'none'}"
    )
