"""The newsprov command line: parse options, call the library, render, map to an exit code.

Exit codes: 0 valid / done, 1 invalid data (or --check found differences), 2 usage or I/O error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.splitlines()[0])


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    typer.echo(f"newsprov: {message}", err=True)
    raise typer.Exit(code)


def _progress(total: int, quiet: bool, label: str):
    """A progress bar on stderr for long work; silent when quiet or not a terminal."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return None
    bar = typer.progressbar(length=total, label=label, file=sys.stderr)
    bar.__enter__()
    return bar


@app.command()
def build(
    sources_dir: Optional[Path] = typer.Argument(None, help="Folder of UTF-8 *.txt articles (default: the embedded dataset/sources/)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Package folder to write (required with SOURCES_DIR)."),
    check: bool = typer.Option(False, "--check", help="Rebuild in a temporary place; exit 1 naming every file that differs."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Build a data package (tables and datapackage.json) from a folder of articles."""
    from newsprov.dataset.build import BuildError, build as run_build, discover
    from newsprov.dataset.publish import BuildLocked

    bar = None
    try:
        if sources_dir is not None:
            bar = _progress(len(discover(sources_dir)), quiet, "reading sources")
        result = run_build(sources_dir, out, check=check, progress=bar.update if bar else None)
    except (BuildError, BuildLocked, OSError) as exc:
        _fail(str(exc))
    finally:
        if bar:
            bar.__exit__(None, None, None)
    if check:
        for rel in result.differing:
            typer.echo(f"differs: {rel}")
        if result.differing:
            _fail(f"{len(result.differing)} published file(s) differ from a fresh build of {result.root}", EXIT_INVALID)
        if not quiet:
            typer.echo(f"up to date: {len(result.files)} files in {result.root} equal a fresh build")
        return
    if not quiet:
        counts = ", ".join(f"{len(df)} {name}" for name, df in result.tables.items())
        typer.echo(f"built {result.root / 'datapackage.json'}: {counts}")


@app.command()
def validate(
    datapackage: Optional[Path] = typer.Argument(None, help="datapackage.json or its folder (default: the embedded dataset)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON (the shape of `frictionless validate --json`)."),
) -> None:
    """Validate a package: checksums, schemas, keys and spans. Exit 0 valid, 1 invalid, 2 error."""
    from newsprov.validators.run import DescriptorNotFound, validate as run_validate

    try:
        report = run_validate(datapackage)
    except DescriptorNotFound as exc:
        _fail(str(exc))
    typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) if as_json else report.to_text())
    raise typer.Exit(EXIT_OK if report.valid else EXIT_INVALID)


@app.command()
def add(
    file: Path = typer.Argument(..., help="A UTF-8 text file to add to the embedded dataset's sources."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="The outlet, where the text names it (e.g. its masthead)."),
    no_build: bool = typer.Option(False, "--no-build", help="Only copy the file and record its metadata."),
) -> None:
    """Add a source to the embedded dataset (copied byte-exact), record its metadata, rebuild."""
    from newsprov.dataset.build import BuildError, build as run_build
    from newsprov.dataset.sources import add_source

    try:
        meta = add_source(file, outlet=outlet)
        typer.echo(f"added {meta.path} as {meta.source_id}")
        if not no_build:
            result = run_build()
            typer.echo(f"built {result.root / 'datapackage.json'}: {len(result.tables['articles'])} articles")
    except BuildError as exc:
        _fail(str(exc))


@app.command()
def dictionary(
    readme: Optional[Path] = typer.Option(None, "--readme", help="Rewrite this README's dictionary section in place instead of printing."),
) -> None:
    """Print the data dictionary (Markdown), generated from the Pandera models."""
    from newsprov.schemas.dictionary import markdown, splice

    if readme is None:
        typer.echo(markdown(), nl=False)
        return
    try:
        readme.write_text(splice(readme.read_text(encoding="utf-8"), markdown()), encoding="utf-8")
    except (OSError, ValueError) as exc:
        _fail(f"{readme}: {exc}")


def main() -> None:
    app()
