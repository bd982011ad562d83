"""Build a data package from a folder of UTF-8 articles."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from newsprov.core import source_manifest
from newsprov.core.descriptor import dumps
from newsprov.core.semver import parse_semver
from newsprov.core.spool import Content, spool, spool_folder
from newsprov.dataset import describe as desc
from newsprov.dataset import metadata, row_checks
from newsprov.dataset.articles_folder import CURATED_FILES, discover
from newsprov.dataset.context import BuildContext, Source
from newsprov.dataset.overrides import OverrideError, read as read_overrides
from newsprov.core.layout import DESCRIPTOR, Layout, NoPackageHere, current_package
from newsprov.core.publish import PublishRefused, differing, publish
from newsprov.dataset.registry import tables as registered_tables
from newsprov.core.text import SourceError, decode_source
from newsprov.schemas import build_report
from newsprov.validators.api import check_tables

class BuildError(Exception):
    """A build that cannot go ahead; the message names the file at fault."""


@dataclass
class BuildResult:
    root: Path
    tables: dict[str, pl.DataFrame]
    files: dict[str, Content]  # bytes; with keep_tables False the tables are core.spool.Spooled, removed once build returns
    differing: list[str] = field(default_factory=list)
    published: bool = False
    dropped: list = field(default_factory=list)  # newsprov.dataset.row_checks.Dropped, as in the build report
    rows: dict[str, int] = field(default_factory=dict)  # table -> its number of rows

    @property
    def descriptor(self) -> dict:
        return json.loads(self.files[DESCRIPTOR])


def article_id(path: Path) -> str:
    """The source id: the file stem lower-cased, other characters than [a-z0-9._-] as '-'."""
    stem = re.sub(r"[^a-z0-9._-]+", "-", path.stem.lower()).strip("-._")
    if not stem:
        raise BuildError(f"{path}: file name gives no usable source id")
    return stem


def default_name(layout: Layout, sources_dir: Path) -> str:
    """The package's name where package.toml gives none: the articles folder's name, so that one
    folder built into any two output folders (in-process, on a cluster) gives the same bytes. A
    package rebuilt from its own sources/ keeps the name its descriptor has (else its folder's)."""
    if sources_dir.resolve() != layout.sources_dir.resolve():
        folder = sources_dir.resolve()
    else:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            name = json.loads(layout.descriptor.read_text(encoding="utf-8")).get("name")
            if isinstance(name, str) and re.fullmatch(r"[a-z0-9._-]+", name):
                return name
        folder = layout.root.resolve()
    try:
        return article_id(folder)
    except BuildError:
        return "newsprov-package"


def read_sources(files: list[Path], layout: Layout, curated: dict, progress=None) -> list[Source]:
    sources, seen = [], {}
    for path in files:
        if path.is_symlink():
            raise BuildError(f"{path}: symbolic links are not accepted as sources")
        aid = article_id(path)
        if aid in seen:
            raise BuildError(f"{path}: source id {aid!r} also comes from {seen[aid]}")
        seen[aid] = path
        data = path.read_bytes()
        text = decode_source(data, str(path))
        rel = layout.rel("sources", path.name)
        meta = metadata.merge(curated.get(aid), metadata.derive(aid, rel, text))
        sources.append(Source(aid, rel, data, text, meta))
        if progress:
            progress(1)
    return sources


def write_table_csv(df: pl.DataFrame, target) -> None:
    """CSV that is the same bytes for the same rows (LF, nulls empty, ISO dates), to a path or buffer."""
    df.write_csv(target, line_terminator="\n", null_value="", date_format="%Y-%m-%d", float_scientific=False)


def table_csv(df: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    write_table_csv(df, buffer)
    return buffer.getvalue()




def created_stamp(sources: list[Source], curated: str | None) -> str | None:
    """`created`, the same for the same sources whenever and wherever they are built.

    In order: the curated stamp of package.toml (the embedded dataset pins one per
    version); SOURCE_DATE_EPOCH (the reproducible-builds convention); else the newest
    date the sources state (dateline or sources.csv), at midnight UTC: the package cannot
    predate its newest article, and the date is one the texts give. When no source states
    a date, the descriptor has no `created` (it is optional): newsprov never reads the
    clock and never invents a date.
    """
    if curated:
        return str(curated)
    if "SOURCE_DATE_EPOCH" in os.environ:
        try:
            moment = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise BuildError(f"SOURCE_DATE_EPOCH: {os.environ['SOURCE_DATE_EPOCH']!r} is not a number of seconds since 1970-01-01") from None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = [s.meta.dateline_date for s in sources if s.meta.dateline_date]
    return f"{max(dates)}T00:00:00Z" if dates else None


class StrictBuildError(BuildError):
    """`build --strict`: rows broke rules and would have been dropped; nothing was published."""

    def __init__(self, message: str, dropped: list):
        super().__init__(message)
        self.dropped = dropped


def build_tables(ctx: BuildContext) -> tuple[dict[str, pl.DataFrame], list]:
    """Every table, each derived row that breaks a rule left out (with the rows depending on
    it), and the rows left out (newsprov.dataset.row_checks)."""
    from newsprov.schemas.registry import metas, models

    table_models, table_metas = models(), metas()
    dropped: list = []

    def check(name: str, df: pl.DataFrame) -> pl.DataFrame:
        df, lost = row_checks.keep_valid_rows(name, table_models[name], table_metas[name], df, dropped, ctx.built)
        dropped.extend(lost)
        return df

    ctx.check = check
    try:
        tables = {name: ctx.table(name) for name in registered_tables()}
        dropped += row_checks.enforce(tables, table_models, table_metas, check_tables)
    except OverrideError as exc:
        raise BuildError(str(exc)) from None
    except row_checks.RuleBroken as exc:
        raise BuildError(f"the built tables break a rule no row can be dropped for: {exc} (a newsprov bug; nothing was published)") from None
    return tables, dropped


def build(
    sources_dir: Path | None = None,
    out: Path | None = None,
    *,
    check: bool = False,
    progress=None,
    layout: Layout | None = None,
    strict: bool = False,
    engine=None,
    keep_tables: bool = True,
    recursive: bool = False,
) -> BuildResult:
    """Build the package: tables from the sources, descriptor with checksums.

    With no arguments, rebuilds in place the package found from the current directory upward
    (core.layout.find_package: this repository's embedded dataset when run in the checkout),
    or the package at `layout`. With `check`, writes
    nothing and lists in `differing` every file that differs from the published one.
    Derived rows that break a rule are left out and listed in `dropped` and in the
    package's build report; with `strict`, any such row fails the build (StrictBuildError)
    and nothing is published. `engine` (newsprov.core.engine) runs the per-article work
    (dataset/per_article.py): in this process by default, or on a Dask cluster; the output is
    the same bytes. With ``keep_tables`` False the result's ``tables`` is empty (``rows`` has
    their sizes): each table is let go once its CSV is made, so a large corpus's build does not
    hold every table twice (as frames and as CSV bytes); and each table's CSV is written to a
    spool folder (core.spool: $TMPDIR, removed when build returns) instead of held in memory.
    """
    if layout is not None or (sources_dir is None and out is None):
        try:
            layout = layout or current_package()
        except NoPackageHere as exc:
            raise BuildError(f"{exc}; or give a folder of articles and --out") from None
        sources_dir = layout.sources_dir
    elif out is None:
        raise BuildError("--out is required when a sources directory is given")
    else:
        layout = Layout(Path(out))
        sources_dir = Path(sources_dir) if sources_dir is not None else layout.sources_dir
    try:
        files = discover(Path(sources_dir), recursive)
        curated = metadata.read(layout.metadata_file if layout.prefix else Path(sources_dir) / CURATED_FILES[0])
        overrides = read_overrides(layout.overrides_file if layout.prefix else Path(sources_dir) / CURATED_FILES[1])
        package_meta = desc.read_package_metadata(layout.package_file, fallback_name=default_name(layout, Path(sources_dir)))
        try:
            parse_semver(str(package_meta["version"]))
        except ValueError:
            raise BuildError(f"{layout.package_file}: version {package_meta['version']!r} is not a semantic version (MAJOR.MINOR.PATCH)")
        sources = read_sources(files, layout, curated, progress)
    except (SourceError, OverrideError) as exc:
        raise BuildError(str(exc)) from None

    ctx = BuildContext(sources, overrides, engine=engine)
    out_files, resources = {}, []
    for source in sources:
        out_files[source.path] = source.data
    if len(sources) > source_manifest.limit():  # one checksummed manifest instead of one resource per source
        rel = layout.rel(*source_manifest.MANIFEST_PATH.split("/"))
        out_files[rel] = source_manifest.manifest_bytes([(s.article_id, s.path, s.sha256, len(s.data)) for s in sources])
        resources.append(source_manifest.manifest_resource(rel, out_files[rel], hashlib.sha256(out_files[rel]).hexdigest(),
                                                           [package_meta["source_license"]]))
    else:
        resources += [desc.source_resource(source, package_meta["source_license"]) for source in sources]
    tables, dropped = build_tables(ctx)
    ctx.release()
    if strict and dropped:
        raise StrictBuildError(f"{len(dropped)} derived row(s) break a rule (--strict: nothing was published)", dropped)
    with contextlib.nullcontext() if keep_tables else spool_folder() as spool_to:
        rows = {}
        for name in list(tables):
            df = tables[name] if keep_tables else tables.pop(name)
            rel = layout.rel("tables", f"{name}.csv")
            out_files[rel] = table_csv(df) if spool_to is None else spool(Path(spool_to), f"{name}.csv", lambda path: write_table_csv(df, path))
            rows[name] = df.height
            del df
            resources.append(desc.table_resource(name, rel, out_files[rel]))
        rel = layout.rel(build_report.FOLDER, build_report.FILE)
        out_files[rel] = row_checks.report_bytes(dropped)
        resources.append(desc.report_resource(rel, out_files[rel]))
        candidate = desc.descriptor(package_meta, created_stamp(sources, package_meta.get("created")), resources)
        if candidate["created"] is None:
            del candidate["created"]
        out_files[DESCRIPTOR] = dumps(candidate)

        result = BuildResult(layout.root, tables, out_files, dropped=dropped, rows=rows)
        if check:
            result.differing = differing(out_files, layout.root)
            return result
        try:
            if layout.prefix:  # the embedded layout: sources are inputs; the descriptor and tables are newsprov's
                inputs = {source.path for source in sources}
                publish(layout.root, {rel: data for rel, data in out_files.items() if rel not in inputs},
                        owned_by_layout=(DESCRIPTOR, layout.rel("tables", "*.csv")))
            else:
                publish(layout.root, out_files, source_column=(layout.rel("tables", "articles.csv"), "source_path"))
        except PublishRefused as exc:
            raise BuildError(str(exc)) from None
    result.published = True
    return result
