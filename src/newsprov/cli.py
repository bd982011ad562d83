"""The newsprov command line: parse options, call the library, render, map to an exit code.

Exit codes (the README's table is the contract, tests/test_exit_codes.py runs it): 0 valid /
done, 1 invalid data (or --check found differences), 2 usage or I/O error. Every error is one
line on stderr, `newsprov: <file>: <what>`; an unexpected exception too (exit 2, naming the
file the command was working on), never a traceback unless NEWSPROV_DEBUG=1.
"""

from __future__ import annotations

import contextvars
import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

try:  # Typer 0.2x vendors Click
    from typer._click import exceptions as _click_exceptions
except ImportError:  # older Typer depends on Click itself
    from click import exceptions as _click_exceptions

ClickException, UsageError = _click_exceptions.ClickException, _click_exceptions.UsageError
NoArgsIsHelpError = getattr(_click_exceptions, "NoArgsIsHelpError", ())  # () catches nothing

from newsprov.core.printable import printable, safe_lines

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2
# The file the running command works on, named by the line an unexpected exception gives.
_SUBJECT: contextvars.ContextVar[str | None] = contextvars.ContextVar("newsprov_subject", default=None)


def _about(path) -> None:
    _SUBJECT.set(str(path))


def _here(part: str = "descriptor") -> Path:
    """For messages: the default package's descriptor (or sources_dir), found from the current
    directory upward as the commands find it; the current directory when there is none."""
    from newsprov.core.layout import find_package

    found = find_package()
    return getattr(found, part) if found is not None else Path.cwd()


class _Guarded(TyperGroup):
    """Runs a command; an exception no command expected becomes one line and exit 2.

    NEWSPROV_DEBUG=1 lets it through (with its traceback) for debugging."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (ClickException, typer.Exit, typer.Abort):  # exits, usage errors, aborts: already handled
            raise
        except Exception as exc:
            if os.environ.get("NEWSPROV_DEBUG") == "1":
                raise
            subject = _SUBJECT.get() or getattr(exc, "filename", None) or (ctx.invoked_subcommand or "newsprov")
            what = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            typer.echo(f"newsprov: {printable(subject)}: unexpected error: {type(exc).__name__}{': ' + printable(what) if what else ''} "
                       "(set NEWSPROV_DEBUG=1 for the traceback)", err=True)
            raise typer.Exit(EXIT_ERROR) from None

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        """Usage errors as one line too, `newsprov: <command>: <what>` (not Typer's framed box)."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError:
            return super().main(*args, standalone_mode=True, **kwargs)  # Typer prints the help
        except UsageError as exc:
            command = exc.ctx.command_path.partition(" ")[2] if exc.ctx is not None else ""
            help_command = f"newsprov {command}".strip()
            typer.echo(f"newsprov: {printable(command or 'usage')}: {printable(exc.format_message().rstrip('.'))}; see `{printable(help_command)} --help`", err=True)
            sys.exit(exc.exit_code)
        except ClickException as exc:
            typer.echo(f"newsprov: {printable(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("newsprov: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(cls=_Guarded, add_completion=False, no_args_is_help=True, help=__doc__.splitlines()[0])


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    """One line on stderr, `newsprov: <file>: <what>` (anything taken from data escaped), and exit."""
    typer.echo(f"newsprov: {printable(message)}", err=True)
    raise typer.Exit(code)


def _say(*lines: str, err: bool = False) -> None:
    """Text output, one argument per line: data in them can neither break a line nor start one with '::'."""
    typer.echo(safe_lines(lines), err=err)


def _progress(total: int, quiet: bool, label: str):
    """A progress bar on stderr for long work; silent when quiet or not a terminal."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return None
    bar = typer.progressbar(length=total, label=label, file=sys.stderr)
    bar.__enter__()
    return bar


@app.command()
def build(
    sources_dir: Optional[Path] = typer.Argument(None, help="Folder of UTF-8 *.txt articles (default: rebuild the package found from the current directory upward)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Package folder to write (required with SOURCES_DIR)."),
    check: bool = typer.Option(False, "--check", help="Rebuild in a temporary place; exit 1 naming every file that differs."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1, publishing nothing, if any derived row breaks a rule (by default such rows are left out, warned about and listed in build-report.json)."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Run the per-article work on a local Dask cluster of N worker processes (the same bytes as in-process)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run it on the Dask cluster whose scheduler is at ADDRESS (tcp://host:port)."),
    recursive: bool = typer.Option(False, "--recursive", "-r", help="Read the *.txt articles of SOURCES_DIR's subfolders too (the package keeps them in one sources/ folder: file names must differ)."),
) -> None:
    """Build a data package (tables and datapackage.json) from a folder of articles."""
    from newsprov.dataset.articles_folder import discover, notes as folder_notes
    from newsprov.dataset.build import BuildError, StrictBuildError, build as run_build
    from newsprov.core.text import SourceError
    from newsprov.core.engine import EngineError, engine as make_engine
    from newsprov.core.publish import BuildLocked

    _about(sources_dir if sources_dir is not None else _here("sources_dir"))
    bar = engine = None
    try:
        if sources_dir is not None:
            n_files = len(discover(sources_dir, recursive))
            for line in folder_notes(sources_dir, recursive):  # (also with --quiet: files left unread are never silent)
                typer.echo(f"newsprov: note: {line}", err=True)
            bar = _progress(n_files, quiet, "reading sources")
        engine = make_engine(workers, scheduler)
        result = run_build(sources_dir, out, check=check, progress=bar.update if bar else None, strict=strict, engine=engine,
                           keep_tables=False, recursive=recursive)
    except EngineError as exc:
        _fail(str(exc))
    except StrictBuildError as exc:
        for row in exc.dropped:
            typer.echo(f"newsprov: {row.warning()}", err=True)
        _fail(str(exc), EXIT_INVALID)
    except (BuildError, SourceError, BuildLocked, OSError) as exc:
        _fail(str(exc))
    finally:
        if bar:
            bar.__exit__(None, None, None)
        if engine is not None:
            engine.close()
    for row in result.dropped:  # (also with --quiet: a row left out is never silent)
        typer.echo(f"newsprov: {row.warning()}", err=True)
    if check:
        for rel in result.differing:
            _say(f"differs: {rel}")
        if result.differing:
            _fail(f"{len(result.differing)} published file(s) differ from a fresh build of {result.root}", EXIT_INVALID)
        if not quiet:
            _say(f"up to date: {len(result.files)} files in {result.root} equal a fresh build")
        return
    if not quiet:
        counts = ", ".join(f"{n} {name}" for name, n in result.rows.items())
        on = f" ({engine.name})" if engine.workers > 1 or engine.name != "in-process" else ""
        _say(f"built {result.root / 'datapackage.json'}{on}: {counts}")


FORMATS = ("text", "json", "github")


@app.command()
def validate(
    datapackage: Optional[Path] = typer.Argument(None, help="datapackage.json or its folder (default: the package found from the current directory upward)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON (the shape of `frictionless validate --json`); same as --format json."),
    output: str = typer.Option("text", "--format", help="text, json, or github (workflow `::error file=…,line=…::` annotations)."),
    against: Optional[str] = typer.Option(None, "--against", help="A previous release (path, .zip, or git revision of the repository holding the package): also fail unless the version is bumped enough and CHANGELOG.md has an entry for it."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Run the per-article checks (figures read again from the sources) on a local Dask cluster of N worker processes (the same report)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run them on the Dask cluster whose scheduler is at ADDRESS (tcp://host:port; the texts are sent to its workers)."),
) -> None:
    """Validate a package: checksums, schemas, keys and spans. Exit 0 valid, 1 invalid, 2 error."""
    from newsprov.core.engine import EngineError, engine as make_engine
    from newsprov.validators.api import PackageUnreadable, validate as run_validate

    _about(datapackage if datapackage is not None else _here())
    if output not in FORMATS:
        _fail(f"--format: must be one of {', '.join(FORMATS)}, not {output!r}")
    engine = None
    try:
        engine = make_engine(workers, scheduler)
        report = run_validate(datapackage, engine=engine)
    except (PackageUnreadable, EngineError) as exc:
        _fail(str(exc))
    finally:
        if engine is not None:
            engine.close()
    if against is not None:
        problems = _version_problems(against, datapackage)
        for problem in problems:  # one error line each, as the report lists them
            _say(f"newsprov: {report.descriptor}: version: {problem}", err=True)
        if problems:
            from newsprov.validators.api import ValidationError

            report.tasks[0].errors += [ValidationError("descriptor-error", note=p) for p in problems]
    if as_json or output == "json":
        typer.echo(report.to_json())
    elif output == "github":
        typer.echo(report.to_github())
    else:
        typer.echo(report.to_text())  # safe lines (core/printable.py)
    unsafe = [e for e in report.errors if e.type == "unsafe-path"]
    if unsafe:  # newsprov refused to read a file: an I/O error, whatever else the report says
        _fail(f"{report.descriptor}: unsafe resource path: {unsafe[0].note}" + (f" (and {len(unsafe) - 1} more)" if len(unsafe) > 1 else ""))
    raise typer.Exit(EXIT_OK if report.valid else EXIT_INVALID)


def _version_problems(against: str, datapackage: Optional[Path]) -> list[str]:
    """What stops this package from being published after `against`: bump and changelog."""
    from newsprov.core.semver import check_bump
    from newsprov.dataset.versions import VersionError, changelog_has_entry, diff
    from newsprov.validators.api import resolve_descriptor

    descriptor = resolve_descriptor(datapackage)
    try:
        change = diff(against, descriptor.parent)
    except (VersionError, ValueError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{against}: {exc.strerror or exc}")
    problems = check_bump(change.old_version, change.new_version, change.required_bump)
    changelog = descriptor.parent / "CHANGELOG.md"
    if change.required_bump != "none" and not (changelog.is_file() and changelog_has_entry(changelog.read_text(encoding="utf-8"), change.new_version)):
        problems.append(f"{changelog.name} has no entry for {change.new_version}")
    return problems


@app.command(name="diff")
def diff_command(
    old: str = typer.Argument(..., help="datapackage.json, its folder, a release .zip, or a git revision (HEAD~1, a tag): of the repository holding NEW's package, else the current directory's."),
    new: str = typer.Argument(".", help="The same kinds of reference (default: the package in the current directory)."),
    as_json: bool = typer.Option(False, "--json", help="Print the diff as JSON."),
) -> None:
    """Rows added, removed and changed per table, schema and source changes, and the version bump they require."""
    from newsprov.dataset.versions import VersionError, diff

    _about(old)
    try:
        change = diff(old, new)
    except (VersionError, ValueError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or old}: {exc.strerror or exc}")
    typer.echo(json.dumps(change.to_dict(), indent=2, ensure_ascii=False) if as_json else change.to_text())


@app.command()
def release(
    datapackage: Optional[Path] = typer.Argument(None, help="The package to release (default: the package found from the current directory upward)."),
    out: Path = typer.Option(Path("releases"), "--out", help="Folder for <name>-<version>.zip and SHA256SUMS."),
) -> None:
    """Write a reproducible <name>-<version>.zip of a valid package and record its sha256 in SHA256SUMS."""
    from newsprov.dataset.versions.release import InvalidRelease, ReleaseError, release as run_release
    from newsprov.validators.api import DescriptorNotFound, resolve_descriptor

    _about(datapackage if datapackage is not None else _here())
    try:
        descriptor_path = resolve_descriptor(datapackage)
        archive, line = run_release(descriptor_path, out)
    except InvalidRelease as exc:
        _fail(str(exc), EXIT_INVALID)
    except (ReleaseError, DescriptorNotFound) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or out}: {exc.strerror or exc}")
    _say(f"released {archive}", line)
    story = descriptor_path.parent / STORY_PICTURE
    if story.is_file():
        _rerender_story(descriptor_path, story)


# A package keeping a picture of its story page here (the embedded one does, for the README) gets
# it re-rendered by each release, so that it always shows the released version.
STORY_PICTURE = Path("docs") / "story.png"


def _rerender_story(descriptor_path: Path, story: Path) -> None:
    """Re-render the story page's picture after a release; say so, or say why not (the release stands)."""
    from newsprov.browser import BrowserMissing
    from newsprov.dataset.versions.load import DatasetError, load
    from newsprov.page import screenshot

    try:
        ds = load(descriptor_path, verify=False)  # the release has just validated it
        run = screenshot(ds, story)
    except (BrowserMissing, RuntimeError, OSError, DatasetError) as exc:
        _say(f"newsprov: {story}: not re-rendered, it may show an older version ({exc})", err=True)
        return
    for line in run.console:
        _say(f"console: {line}", err=True)
    _say(f"re-rendered {story} (version {ds.version})")


@app.command()
def add(
    file: Path = typer.Argument(..., help="A UTF-8 text file to add to the sources of the package found from the current directory (laid out as the embedded dataset)."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="The outlet, where the text names it (e.g. its masthead)."),
    no_build: bool = typer.Option(False, "--no-build", help="Only copy the file and record its metadata."),
) -> None:
    """Add a source to the package here (the embedded dataset in the checkout; copied byte-exact), record its metadata, rebuild."""
    from newsprov.dataset.build import BuildError, build as run_build
    from newsprov.dataset.sources import add_source

    _about(file)
    try:
        meta = add_source(file, outlet=outlet)
        _say(f"added {meta.path} as {meta.source_id}")
        if not no_build:
            result = run_build()
            _say(f"built {result.root / 'datapackage.json'}: {result.rows['articles']} articles")
    except BuildError as exc:
        _fail(str(exc))


eval_app = typer.Typer(no_args_is_help=True, help="Score extraction against human-annotated gold.")
app.add_typer(eval_app, name="eval")

QUOTE_COLUMNS = (("documents", "docs", "d"), ("gold", "gold", "d"), ("predicted", "pred", "d"), ("precision", "P", "f"), ("recall", "R", "f"), ("f1", "F1", "f"), ("speaker_accuracy", "speaker", "f"), ("end_to_end_f1", "e2e F1", "f"))


@eval_app.command("quotes")
def eval_quotes(
    gold: Path = typer.Option(..., "--gold", help="A brat-standoff corpus folder with text/ and attributions/ (PolNeAR layout)."),
    metadata: Optional[Path] = typer.Option(None, "--metadata", help="TSV with filename and publisher columns (default: metadata.tsv beside the folder, if any)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Quote P/R/F1, speaker accuracy and end-to-end F1, overall and per publisher."""
    from newsprov.dataset.extract.brat import evaluate_quotes, load_pairs

    _about(gold)
    if not load_pairs(gold):
        _fail(f"{gold}: no annotated documents (expected text/*.txt and attributions/*.ann)")
    if metadata is None and (gold.parent / "metadata.tsv").is_file():
        metadata = gold.parent / "metadata.tsv"
    try:
        scores = evaluate_quotes(gold, metadata)
    except (OSError, KeyError, ValueError) as exc:
        _fail(f"{gold}: cannot evaluate ({exc})")
    if as_json:
        typer.echo(json.dumps(scores, indent=2, sort_keys=True))
        return
    rows = [("overall", scores["overall"]), *scores["per_publisher"].items()]
    lines = ["| publisher | " + " | ".join(label for _, label, _ in QUOTE_COLUMNS) + " |", "|---" * (len(QUOTE_COLUMNS) + 1) + "|"]
    for name, row in rows:
        cells = [f"{row[key]:.3f}" if kind == "f" else str(row[key]) for key, _, kind in QUOTE_COLUMNS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    _say(*lines)


SPEAKER_COLUMNS = (("annotated", "annotated", "d"), ("covered", "covered", "d"), ("correct", "correct", "d"), ("coverage", "coverage", "f"), ("accuracy", "accuracy", "f"), ("end_to_end", "end-to-end", "f"))


@eval_app.command("speakers")
def eval_speakers(
    gold: Path = typer.Option(..., "--gold", help="A BASIL-layout folder: text/*.txt and annotations.jsonl (quote=yes spans with a speaker label)."),
    datapackage: Optional[Path] = typer.Argument(None, help="The package whose quotes are scored (default: one built from the gold texts in a temporary folder)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores (and every wrong or missed speaker) as JSON."),
) -> None:
    """Named speakers' surname accuracy and coverage, for persons and all named labels, per outlet."""
    from newsprov.dataset.build import BuildError
    from newsprov.dataset.evaluate.speakers import GoldError, evaluate_speakers
    from newsprov.dataset.versions.load import DatasetError

    try:
        scores = evaluate_speakers(gold, datapackage)
    except (GoldError, BuildError, DatasetError, OSError) as exc:
        _fail(str(exc) if isinstance(exc, (GoldError, BuildError)) else f"{datapackage or gold}: {exc}")
    if as_json:
        typer.echo(json.dumps(scores, indent=2, sort_keys=True))
        return
    rows = [("named persons", scores["persons"]), ("all named speakers", scores["named"])]
    rows += [(f"persons, {outlet}", row) for outlet, row in scores["persons_per_outlet"].items()]
    typer.echo("| speakers | " + " | ".join(label for _, label, _ in SPEAKER_COLUMNS) + " |")
    typer.echo("|---" * (len(SPEAKER_COLUMNS) + 1) + "|")
    for name, row in rows:
        cells = [f"{row[key]:.3f}" if kind == "f" else str(row[key]) for key, _, kind in SPEAKER_COLUMNS]
        typer.echo(f"| {name} | " + " | ".join(cells) + " |")


@eval_app.command("framing")
def eval_framing(
    gold: Path = typer.Option(..., "--gold", help="Lexical-bias spans, one JSON object per line (article_id, story, start, end, bias; bias 'lex' = a loaded word), as BASIL's annotations.jsonl."),
    packages: Optional[list[Path]] = typer.Argument(None, help="The packages holding the gold's articles (default: the embedded package)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Framing rows' loaded words against lexical-bias spans: token P/R/F1, beside the naive baseline, over whole articles and over annotated sentences."""
    from newsprov.dataset.evaluate.framing import FramingGoldError, evaluate_framing
    from newsprov.dataset.versions.load import DatasetError

    try:
        scores = evaluate_framing(gold, packages or None)
    except (FramingGoldError, DatasetError, OSError) as exc:
        _fail(str(exc) if isinstance(exc, FramingGoldError) else f"{' '.join(map(str, packages or [])) or 'embedded package'}: {exc}")
    if as_json:
        typer.echo(json.dumps(scores, indent=2, sort_keys=True))
        return
    typer.echo(f"{scores['articles']} articles, {scores['stories']} stories, {scores['framing_rows']} framing rows")
    typer.echo("| framing | scope | tokens | gold tokens | precision | recall | F1 |")
    typer.echo("|---|---|---|---|---|---|---|")
    for who, label in (("system", "framing rows (loaded word)"), ("baseline", "baseline: words no other version uses")):
        for scope in ("articles", "lex_sentences"):
            r = scores[who][scope]
            typer.echo(f"| {label} | {scope.replace('_', ' ')} | {r['tokens']} | {r['gold_tokens']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")


@eval_app.command("reuse")
def eval_reuse(
    counter: Optional[Path] = typer.Option(None, "--counter", help="A COUNTER-layout folder: labels.tsv (pair, WD/PD/ND) and pairs/<id>/<id>_src.txt, <id>_der.txt."),
    labels: Optional[Path] = typer.Option(None, "--labels", help="The labels.tsv of a COUNTER-layout folder (the same as --counter with its folder)."),
    basil: Optional[Path] = typer.Option(None, "--basil", help="A BASIL-layout folder: text/<story>_<outlet>.txt, outlets writing one story independently."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """ROC AUC of the newspaper's reuse share (derived vs not, wholly derived vs rest) and independent outlets' p90 share; a folder that is absent is skipped."""
    from newsprov.dataset.compare.reuse_eval import ReuseGoldError, evaluate_reuse

    if labels is not None:
        if counter is not None and counter.resolve() != labels.resolve().parent:
            _fail(f"eval reuse: {labels}: --labels and --counter name different folders")
        counter = labels.parent
    if counter is None and basil is None:
        _fail("eval reuse: give --counter DIR, --basil DIR or both")
    _about(counter or basil)
    try:
        scores = evaluate_reuse(counter, basil)
    except (ReuseGoldError, OSError) as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(scores, indent=2, sort_keys=True))
        return
    lines = [f"skipped: {note}" for note in scores["skipped"]]
    if "counter" in scores:
        c = scores["counter"]
        lines.append(f"counter: {c['pairs']} pairs ({c['WD']} WD, {c['PD']} PD, {c['ND']} ND): ROC AUC derived vs non-derived "
                     f"{c['auc_derived']:.3f}, wholly derived vs rest {c['auc_wholly_derived']:.3f}")
    if "basil" in scores:
        b = scores["basil"]
        lines.append(f"basil: {b['stories']} stories, {b['shares']} directional shares of independent outlets: "
                     f"p90 {b['p90']:.3f}, max {b['max']:.3f}")
    _say(*lines)


@eval_app.command("stories")
def eval_stories(
    target: Optional[Path] = typer.Argument(None, help="A built package (datapackage.json or its folder) whose articles.story_id is scored; without it, the labelled corpus is grouped as the build would."),
    labels: Optional[Path] = typer.Option(None, "--labels", help="A TSV of article_id<TAB>story lines (with a PACKAGE)."),
    basil: Optional[Path] = typer.Option(None, "--basil", help="A BASIL-layout folder: text/<story>_<outlet>.txt (story = file prefix)."),
    counter: Optional[Path] = typer.Option(None, "--counter", help="A COUNTER-layout folder: labels.tsv and pairs/<pair>/*.txt (each pair one story; derived pairs WD/PD)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Adjusted Rand index of the stories against labels, and the share of labelled pairs kept together."""
    from newsprov.core.text import SourceError
    from newsprov.dataset.evaluate.stories import (StoriesGoldError, basil_labels, counter_labels, evaluate_stories,
                                                   group_folder, package_stories, read_labels)
    from newsprov.dataset.versions.load import DatasetError

    given = [x for x in (labels, basil, counter) if x is not None]
    if len(given) != 1:
        _fail("eval stories: give one of --labels TSV (with a PACKAGE), --basil DIR or --counter DIR")
    _about(given[0])
    try:
        kinds = None
        if labels is not None:
            if target is None:
                _fail("eval stories: --labels needs the PACKAGE whose stories it scores")
            gold = read_labels(labels)
        elif basil is not None:
            files, gold = basil_labels(basil)
        else:
            files, gold, kinds = counter_labels(counter)
        if target is not None:
            _about(target)
            predicted = package_stories(target)
        else:
            predicted = group_folder(files)
        scores = evaluate_stories(gold, predicted, kinds)
    except (StoriesGoldError, DatasetError, SourceError, OSError) as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(scores, indent=2, sort_keys=True))
        return
    fmt = lambda x: "n/a" if x is None else f"{x:.3f}"
    lines = [f"stories: {scores['articles']} labelled articles in {scores['gold_stories']} gold stories; "
             f"{scores['stories']} stories found (largest {scores['largest_story']})",
             f"adjusted Rand index {scores['ari']:.3f}; gold same-story pairs together {fmt(scores['pairs_together'])}, "
             f"different-story pairs apart {fmt(scores['pairs_apart'])}"]
    if "derived_together" in scores:
        by_kind = ", ".join(f"{k} {v:.3f}" for k, v in scores["together_by_kind"].items())
        lines.append(f"derived pairs (WD, PD) in one story: {fmt(scores['derived_together'])} of {scores['derived_pairs']} ({by_kind})")
    _say(*lines)


@eval_app.command("drift")
def eval_drift(
    gold: Path = typer.Option(..., "--gold", help="A gold drift file (JSON, format newsprov-drift-gold/1; see benchmarks/gold/drift/guideline.md)."),
    packages: Optional[list[Path]] = typer.Argument(None, help="The packages holding the gold's articles (default: the embedded package)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores (with every missed gold row and unmatched system row) as JSON."),
) -> None:
    """Drifts against gold: recall per kind (clear, and with borderline), system rows matching gold, collapse."""
    from newsprov.dataset.compare.drift.gold_eval import GoldError, evaluate_drift
    from newsprov.dataset.versions.load import DatasetError

    try:
        scores = evaluate_drift(gold, packages or None)
    except (GoldError, DatasetError, OSError, KeyError) as exc:
        _fail(str(exc) if isinstance(exc, GoldError) else f"{' '.join(map(str, packages or [])) or 'embedded package'}: {exc}")
    if as_json:
        typer.echo(json.dumps(scores, indent=2, sort_keys=True))
        return
    typer.echo("| drift | gold | matched | recall | gold (with borderline) | matched | recall |")
    typer.echo("|---|---|---|---|---|---|---|")
    rows = [("all kinds", {"clear": scores["recall_clear"], "all": scores["recall_all"]}),
            ("all but omission", {"clear": scores["recall_non_omission_clear"], "all": scores["recall_non_omission_all"]})]
    rows += list(scores["by_kind"].items())
    for name, row in rows:
        c, a = row["clear"], row["all"]
        cell = lambda r: "-" if r is None else f"{r:.3f}"
        typer.echo(f"| {name} | {c['gold']} | {c['matched']} | {cell(c['recall'])} | {a['gold']} | {a['matched']} | {cell(a['recall'])} |")
    precision = scores["precision_vs_gold"]
    typer.echo(f"system rows in the gold's kinds: {scores['system_rows_in_scope']}, matching a gold row: {scores['true_rows']} "
               f"({'-' if precision is None else f'{precision:.3f}'}; duplicates {scores['duplicate_rows']}); "
               f"collapse (versions per side, Jaccard): {scores['collapse_jaccard_mean']}")


@eval_app.command("figures")
def eval_figures(
    gold: Path = typer.Option(..., "--gold", help="JSON list of gold figures: article, start, end, value, value_kind, unit."),
    datapackage: Optional[Path] = typer.Argument(None, help="The package whose figures table is scored (default: the package found from the current directory upward)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Span P/R/F1 of the package's figures, and value, kind and unit accuracy on matched ones."""
    from newsprov.dataset.evaluate.figures import score_figures
    from newsprov.dataset.versions.load import DatasetError, InvalidDataset, load

    _about(gold)
    try:
        records = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        _fail(f"{gold}: {getattr(exc, 'strerror', None) or exc}")
    _about(datapackage if datapackage is not None else _here())
    try:
        ds = load(datapackage)
    except DatasetError as exc:
        _fail(str(exc), EXIT_INVALID if isinstance(exc, InvalidDataset) else EXIT_ERROR)
    predicted = ds.figures.rename({"article_id": "article"}).to_dicts()
    scores = score_figures(records, predicted)
    summary = {k: v for k, v in scores.items() if not isinstance(v, list)}
    if as_json:
        typer.echo(json.dumps({**summary, "missed": scores["missed"], "spurious": scores["spurious"]}, indent=2, sort_keys=True, default=str))
        return
    for key, value in summary.items():
        _say(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")


@app.command()
def report(
    datapackage: Optional[Path] = typer.Argument(None, help="datapackage.json, its folder or a release .zip (default: the package found from the current directory upward)."),
    out: Path = typer.Option(Path("story.html"), "--out", help="The HTML file to write: the story page, or for a package of several stories their index (the story pages go to the folder <out stem>-stories beside it)."),
    story: Optional[str] = typer.Option(None, "--story", help="Write only this story's page (a story_id of the package's stories table) to --out."),
    max_pages: int = typer.Option(500, "--max-pages", min=0, help="With several stories: write the pages of at most this many stories, the largest first (the index gives the command for the rest)."),
    screenshot: Optional[Path] = typer.Option(None, "--screenshot", help="Also save a PNG of the page (or of the index) as headless Chromium renders it (needs Chromium)."),
) -> None:
    """Write the story page: one self-contained HTML file, the versions side by side, every drift linked to its spans in every version. A package of several stories gets an index of its stories and a page per story."""
    from newsprov.browser import BrowserMissing
    from newsprov.dataset.versions.load import DatasetError, InvalidDataset, load
    from newsprov.page import screenshot as page_screenshot
    from newsprov.story_pages import pages_folder, write_report

    _about(datapackage if datapackage is not None else _here())
    try:
        ds = load(datapackage)
    except DatasetError as exc:
        _fail(str(exc), EXIT_INVALID if isinstance(exc, InvalidDataset) else EXIT_ERROR)
    try:
        written = write_report(ds, out, story=story, max_pages=max_pages)
    except KeyError:
        _fail(f"{ds.root}: no story {story!r} (the story ids are in tables/stories.csv)")
    except OSError as exc:
        _fail(f"{exc.filename or out}: cannot write ({exc.strerror or exc})")
    if written.index:
        rest = f"; {written.not_written} more stories have no page (--max-pages)" if written.not_written else ""
        _say(f"wrote {out} ({written.size // 1024} KiB): the index of {written.stories} stories, "
             f"and {len(written.pages)} story pages in {pages_folder(Path(out))}{rest}")
    else:
        shown = written.shown
        _say(f"wrote {out} ({written.size // 1024} KiB): {shown.articles.height} versions, {shown.quote_groups['group_id'].n_unique()} quote groups, "
             f"{shown.figure_groups['group_id'].n_unique()} figure groups, {shown.drifts.height} drifts")
    if screenshot is not None:
        try:
            run = page_screenshot(ds, screenshot, html=out)  # records the package and version it shows
        except (BrowserMissing, RuntimeError, OSError) as exc:
            _fail(f"{screenshot}: {exc}")
        for line in run.console:
            _say(f"console: {line}", err=True)
        _say(f"wrote {screenshot}")
        if run.console:
            _fail(f"{out}: the page logged {len(run.console)} console message(s)", EXIT_INVALID)


@app.command()
def dictionary(
    readme: Optional[Path] = typer.Option(None, "--readme", help="Rewrite this README's dictionary section in place instead of printing."),
) -> None:
    """Print the data dictionary (Markdown), generated from the Pandera models."""
    from newsprov.schemas.dictionary import markdown, splice

    _about(readme or "dictionary")
    if readme is None:
        typer.echo(markdown(), nl=False)
        return
    try:
        readme.write_text(splice(readme.read_text(encoding="utf-8"), markdown()), encoding="utf-8")
    except (OSError, ValueError) as exc:
        _fail(f"{readme}: {exc}")


def main() -> None:
    app()
