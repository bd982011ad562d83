"""Validation at scale: newsprov validate vs frictionless validate vs openssl dgst, on one large package.

Usage:
    .venv/bin/python benchmarks/bench_validate_large.py                 # ~1,000,000 quotes, 100,000 sources
    .venv/bin/python benchmarks/bench_validate_large.py --small         # 20,000 quotes, 2,000 sources (a minute)
    .venv/bin/python benchmarks/bench_validate_large.py --quotes N --sources M [--out DIR] [--runs R]
        [--frictionless-sample K | --frictionless-full | --no-frictionless] [--reuse]

The package is derived from real text: every source document is a seeded random
recombination of paragraphs of the five embedded seed sources (dataset/sources/),
joined by blank lines; the seed sources themselves are included as they are. The rows
of paragraphs, sentences and quotes are the seed package's rows for the paragraphs
used, with offsets shifted to where each paragraph now sits, so source[start:end] ==
text holds for every span. The articles table comes from the real articles builder
(newsprov.dataset.builders.articles, over Source objects read by the real build's
read_sources), CSV bytes from build.table_csv, the descriptor from
newsprov.core.descriptor (sha256 and bytes of every source and table). The other
tables (entities, figures and the cross-outlet tables) hold the seed package's rows:
they reference only the seed articles, which the package keeps.

Faults are then planted (listed by the script); newsprov validate --json and
frictionless validate --json run on the same package, and openssl dgst -sha256 over
the same files (the descriptor and every resource file), each in a child process
timed for wall time and peak resident memory (/usr/bin/time -v). Written files are
flushed (sync) and the page cache is warm for all three (an untimed pass reads every
file first).

Frictionless on 100,000 resources takes long. By default it is timed on a sample: the
tables with K sources (including the corrupted one) and the same K sources alone, and
the full time is extrapolated linearly per source resource (the output says so). Use
--frictionless-full to time it on the whole package.

Prints figures; exits 1 if newsprov misses a planted fault (or reports an error no
fault explains), 2 on a usage problem. Not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

import newsprov
from newsprov.core.descriptor import dumps
from newsprov.dataset import describe as desc
from newsprov.dataset import metadata
from newsprov.dataset.build import read_sources, table_csv
from newsprov.dataset.context import BuildContext
from newsprov.core.layout import DESCRIPTOR, REPO_ROOT, Layout
from newsprov.dataset.registry import tables as registered_tables
from newsprov.schemas.registry import models
from newsprov.schemas.base import dtypes

MANIFEST = "bench-manifest.json"  # beside the package, not one of its resources
PACKAGE_NAME = "newsprov-bench-large"
CREATED = "2026-01-01T00:00:00Z"
SEP = "\n\n"


# ---------------------------------------------------------------- generation


def seed_templates(ds) -> dict:
    """Seed paragraphs, and the sentences and quotes inside each, with offsets relative to the paragraph."""
    p = ds.paragraphs.select("paragraph_id", "article_id", "kind", "text", ps="start", pe="end")
    s = (
        ds.sentences.join(p.select("paragraph_id", "ps"), on="paragraph_id")
        .select("paragraph_id", seed_sid="sentence_id", rs=pl.col("start") - pl.col("ps"), re=pl.col("end") - pl.col("ps"), text="text")
    )
    q = ds.quotes.join(p.select("paragraph_id", "article_id", "ps", "pe"), on="article_id")
    q = q.filter((pl.col("start") >= pl.col("ps")) & (pl.col("end") <= pl.col("pe")))
    inside = [(pl.col(c).is_null() | ((pl.col(c) >= pl.col("ps")) & (pl.col(c) <= pl.col("pe")))) for c in ("speaker_start", "speaker_end", "cue_start", "cue_end")]
    q = q.filter(pl.all_horizontal(inside))
    rel = [(pl.col(c) - pl.col("ps")).alias(c) for c in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")]
    q = q.select("paragraph_id", pl.col("sentence_id").alias("seed_sid"), *rel, "text", "kind", "speaker", "speaker_kind", "speaker_mention", "cue", "method")
    nq = dict(q.group_by("paragraph_id").len().iter_rows())
    return {"p": p, "s": s, "q": q, "nq": nq}


def plan_documents(t: dict, n_docs: int, n_quotes: int, rng: random.Random):
    """For each new document, the seed paragraphs it is made of (ids), in order."""
    p = t["p"]
    kinds = dict(p.select("paragraph_id", "kind").iter_rows())
    quoting = sorted(t["nq"], key=lambda pid: (t["nq"][pid], pid))
    counts = [t["nq"][pid] for pid in quoting]
    others = sorted(pid for pid, k in kinds.items() if pid not in t["nq"] and k not in ("headline", "dateline"))
    datelines = sorted(pid for pid, k in kinds.items() if k == "dateline")
    headlines = sorted(pid for pid, k in kinds.items() if k == "headline")
    base, extra = divmod(n_quotes, n_docs)
    for doc in range(n_docs):
        quota = base + (doc < extra)
        head = []
        if datelines and rng.random() < 0.4:
            head.append(rng.choice(datelines))
        if headlines and rng.random() < 0.3:
            head.append(rng.choice(headlines))
        body = []
        while quota > 0:
            k = bisect.bisect_right(counts, quota)
            pid = quoting[rng.randrange(k)]
            body.append(pid)
            quota -= t["nq"][pid]
        body += rng.sample(others, rng.randint(2, 5))
        rng.shuffle(body)
        yield head + body


def generate(out: Path, n_quotes: int, n_sources: int, seed: int, log) -> dict:
    """Write the package (sources, tables, datapackage.json) into out; returns facts about it."""
    ds = newsprov.load()  # the embedded package, validated on the way in
    seed_ids = ds.articles["article_id"].to_list()
    n_docs = n_sources - len(seed_ids)
    n_new_quotes = n_quotes - ds.quotes.height
    if n_docs < 1 or n_new_quotes < 0:
        raise SystemExit(f"--sources must exceed {len(seed_ids)} and --quotes be at least {ds.quotes.height}")
    t = seed_templates(ds)
    ptext = dict(t["p"].select("paragraph_id", "text").iter_rows())
    plen = {pid: len(text) for pid, text in ptext.items()}

    layout = Layout(out)
    layout.sources_dir.mkdir(parents=True)
    for aid, path in ds.articles.select("article_id", "source_path").iter_rows():
        shutil.copyfile(ds.root / path, layout.sources_dir / Path(path).name)

    rng = random.Random(seed)
    plan_doc, plan_index, plan_pid, plan_start, new_ids = [], [], [], [], []
    started = time.perf_counter()
    for doc, parts in enumerate(plan_documents(t, n_docs, n_new_quotes, rng)):
        pos = 0
        for index, pid in enumerate(parts):
            plan_doc.append(doc)
            plan_index.append(index)
            plan_pid.append(pid)
            plan_start.append(pos)
            pos += plen[pid] + len(SEP)
        data = (SEP.join(ptext[pid] for pid in parts) + "\n").encode("utf-8")
        aid = f"{doc + len(seed_ids):06d}_{hashlib.sha256(data).hexdigest()[:16]}"
        new_ids.append(aid)
        (layout.sources_dir / f"{aid}.txt").write_bytes(data)
    log(f"wrote {n_docs:,} generated sources in {time.perf_counter() - started:.1f}s")

    plan = pl.DataFrame({"doc": plan_doc, "paragraph_index": plan_index, "paragraph_key": plan_pid, "at": plan_start},
                        schema={"doc": pl.Int64, "paragraph_index": pl.Int64, "paragraph_key": pl.String, "at": pl.Int64})
    plan = plan.join(pl.DataFrame({"doc": range(len(new_ids)), "article_id": new_ids}, schema={"doc": pl.Int64, "article_id": pl.String}), on="doc")
    del plan_doc, plan_index, plan_pid, plan_start

    def ident(letter: str, width: int, index: str) -> pl.Expr:
        return pl.col("article_id") + f":{letter}" + pl.col(index).cast(pl.String).str.zfill(width)

    paragraphs = (
        plan.join(t["p"].select(paragraph_key="paragraph_id", kind="kind", text="text", n=pl.col("pe") - pl.col("ps")), on="paragraph_key")
        .sort("doc", "paragraph_index")
        .select(paragraph_id=ident("p", 3, "paragraph_index"), article_id="article_id", paragraph_index="paragraph_index", start="at",
                end=pl.col("at") + pl.col("n"), kind="kind", text="text")
    )
    sentences = (
        plan.join(t["s"].rename({"paragraph_id": "paragraph_key"}), on="paragraph_key")
        .sort("doc", "paragraph_index", "rs")
        .with_columns(sentence_index=pl.int_range(pl.len()).over("doc"))
        .with_columns(sentence_id=ident("s", 4, "sentence_index"), paragraph_id=ident("p", 3, "paragraph_index"))
    )
    sentence_map = sentences.select("article_id", "paragraph_index", "seed_sid", new_sid="sentence_id")
    sentences = sentences.select("sentence_id", "article_id", "paragraph_id", "sentence_index", start=pl.col("at") + pl.col("rs"), end=pl.col("at") + pl.col("re"), text="text")
    spans = ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")
    quotes = (
        plan.join(t["q"].rename({"paragraph_id": "paragraph_key"}), on="paragraph_key")
        .with_columns([(pl.col("at") + pl.col(c)).alias(c) for c in spans])
        .sort("doc", "start")
        .with_columns(quote_index=pl.int_range(pl.len()).over("doc"))
        .join(sentence_map, on=["article_id", "paragraph_index", "seed_sid"], how="left")
        .with_columns(quote_id=ident("q", 4, "quote_index"), sentence_id="new_sid")
        .sort("doc", "start")
    )
    tables = {name: df for name, df in ds.tables.items()}
    tables["paragraphs"] = pl.concat([ds.paragraphs, paragraphs.select(list(dtypes(models()["paragraphs"])))])
    tables["sentences"] = pl.concat([ds.sentences, sentences.select(list(dtypes(models()["sentences"])))])
    tables["quotes"] = pl.concat([ds.quotes, quotes.select(list(dtypes(models()["quotes"])))])
    del plan, paragraphs, sentences, quotes, sentence_map

    # The articles table by the real builder, over the sources read back by the real build.
    started = time.perf_counter()
    curated = metadata.read(REPO_ROOT / "dataset" / "sources.csv")
    files = sorted(layout.sources_dir.glob("*.txt"))
    sources = read_sources(files, layout, curated)
    ctx = BuildContext(sources)
    ctx._tables.update(paragraphs=tables["paragraphs"], sentences=tables["sentences"])
    tables["articles"] = registered_tables()["articles"].build(ctx)
    # one story, the seeds' (the generated documents recombine its paragraphs; the seeds'
    # cross-outlet tables are kept as they are), so the stories table stays true
    story = ds.stories["story_id"][0]
    tables["articles"] = tables["articles"].with_columns(story_id=pl.lit(story))
    tables["stories"] = ds.stories.with_columns(n_articles=pl.lit(tables["articles"].height, dtype=pl.Int64))
    source_license = desc.read_package_metadata(Path("/nonexistent"), PACKAGE_NAME)["source_license"]
    resources = [desc.source_resource(s, source_license) for s in sources]
    del ctx, sources
    log(f"articles table and source resources in {time.perf_counter() - started:.1f}s")
    return {"tables": tables, "resources": resources, "layout": layout, "n_seed": len(seed_ids), "seed_rows": {n: df.height for n, df in ds.tables.items()}}


# ---------------------------------------------------------------- faults


@dataclass
class Fault:
    key: str
    what: str
    resource: str
    row: int | None  # CSV line (header = 1), as both validators report it
    newsprov: tuple  # (type, resource, row) newsprov must report
    frictionless: tuple | None  # (types, resource, row) frictionless can report, or None when it cannot express it
    explains: list = field(default_factory=list)  # other (resource, row) this fault legitimately causes errors at

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("key", "what", "resource", "row", "newsprov", "frictionless", "explains")}


def line(index: int) -> int:
    return index + 2


def set_cell(df: pl.DataFrame, index: int, column: str, value) -> pl.DataFrame:
    return df.with_columns(pl.when(pl.int_range(pl.len()) == index).then(pl.lit(value)).otherwise(pl.col(column)).alias(column))


def plant_table_faults(tables: dict, n_seed_rows: dict) -> list[Fault]:
    """Faults inside tables (written before the descriptor, whose checksums then match them)."""
    faults = []
    q = tables["quotes"]
    first, n = n_seed_rows["quotes"], q.height
    at = lambda share: first + int((n - first) * share)  # noqa: E731  rows among the generated ones
    if n - first < 8:
        raise SystemExit("too few generated quotes to plant faults; raise --quotes")

    i = at(0.31)
    old = q["text"][i]
    q = set_cell(q, i, "text", old[:-1] + ("#" if old[-1] != "#" else "%"))
    faults.append(Fault("span-mismatch", "a quote's text no longer equals source[start:end] (last character changed)", "quotes", line(i),
                        ("span-mismatch", "quotes", line(i)), None))
    i = at(0.52)
    q = set_cell(q, i, "quote_id", q["quote_id"][i - 1])
    faults.append(Fault("duplicate-key", "a quote_id repeats the previous row's (primary key)", "quotes", line(i),
                        ("unique-error", "quotes", line(i)), (("primary-key", "unique-error"), "quotes", line(i)), [("quotes", line(i - 1))]))
    i = at(0.73)
    q = set_cell(q, i, "article_id", "zz-missing-article")
    faults.append(Fault("foreign-key", "a quote's article_id names no article", "quotes", line(i),
                        ("foreign-key", "quotes", line(i)), (("foreign-key",), "quotes", line(i))))
    i = at(0.94)
    q = set_cell(q, i, "kind", "paraphrase")
    faults.append(Fault("enum", "a quote's kind is outside its enum (full, partial)", "quotes", line(i),
                        ("constraint-error", "quotes", line(i)), (("constraint-error",), "quotes", line(i))))
    tables["quotes"] = q

    s = tables["sentences"]
    i = n_seed_rows["sentences"] + int((s.height - n_seed_rows["sentences"]) * 0.6)
    s = set_cell(s.with_columns(pl.col("start").cast(pl.String)), i, "start", "12x")
    faults.append(Fault("type", "a sentence's start is not an integer ('12x')", "sentences", line(i),
                        ("type-error", "sentences", line(i)), (("type-error",), "sentences", line(i))))
    tables["sentences"] = s

    a = tables["articles"]
    i = n_seed_rows["articles"] + int((a.height - n_seed_rows["articles"]) * 0.2)
    a = set_cell(a, i, "n_sentences", a["n_sentences"][i] + 1)
    faults.append(Fault("count", "an article's n_sentences is one more than its sentences rows", "articles", line(i),
                        ("row-constraint", "articles", line(i)), None))
    tables["articles"] = a
    return faults


def plant_file_faults(root: Path, descriptor: dict, articles: pl.DataFrame, n_seed: int) -> list[Fault]:
    """Faults after the build: a source edited in place, a descriptor whose size is wrong."""
    faults = []
    sources = [r for r in descriptor["resources"] if r["type"] == "text"]
    victim = sources[n_seed + (len(sources) - n_seed) * 45 // 100]
    path = root / victim["path"]
    data = bytearray(path.read_bytes())
    gap = data.index(b"\n\n")  # a blank line between paragraphs: no span covers it, only the checksum changes
    data[gap + 1] = ord(" ")
    path.write_bytes(bytes(data))
    row = articles.with_row_index().filter(pl.col("source_path") == victim["path"])["index"][0]
    faults.append(Fault("hash", f"one byte changed in a source file ({victim['path']}, byte {gap + 1})", victim["name"], None,
                        ("hash-mismatch", victim["name"], None), (("hash-count",), victim["name"], None), [("articles", line(row))]))
    table = next(r for r in descriptor["resources"] if r["name"] == "paragraphs")
    table["bytes"] += 1
    faults.append(Fault("bytes", "the descriptor's bytes of the paragraphs table is one too many", "paragraphs", None,
                        ("bytes-mismatch", "paragraphs", None), (("byte-count",), "paragraphs", None)))
    return faults


def build_package(out: Path, n_quotes: int, n_sources: int, seed: int, log) -> dict:
    started = time.perf_counter()
    made = generate(out, n_quotes, n_sources, seed, log)
    tables, layout = made["tables"], made["layout"]
    faults = plant_table_faults(tables, made["seed_rows"])
    resources = list(made["resources"])
    layout.tables_dir.mkdir(parents=True)
    for name in sorted(tables):
        data = table_csv(tables[name])
        rel = layout.rel("tables", f"{name}.csv")
        (out / rel).write_bytes(data)
        resources.append(desc.table_resource(name, rel, data))
        del data
    meta = desc.read_package_metadata(Path("/nonexistent"), PACKAGE_NAME)
    meta["title"] = "newsprov benchmark package (generated from the seed sources)"
    descriptor = desc.descriptor(meta, CREATED, resources)
    faults += plant_file_faults(out, descriptor, tables["articles"], made["n_seed"])
    (out / DESCRIPTOR).write_bytes(dumps(descriptor))
    facts = {
        "rows": {name: df.height for name, df in sorted(tables.items())},
        "n_sources": sum(1 for r in resources if r["type"] == "text"),
        "source_bytes": sum(r["bytes"] for r in resources if r["type"] == "text"),
        "table_bytes": sum((out / r["path"]).stat().st_size for r in resources if r["type"] == "table"),
        "descriptor_bytes": (out / DESCRIPTOR).stat().st_size,
        "faults": [f.to_dict() for f in faults],
        "seconds": round(time.perf_counter() - started, 1),
    }
    (out.parent / f"{out.name}.{MANIFEST}").write_text(json.dumps(facts, indent=1))
    return facts


# ---------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: bytes


TIME = "/usr/bin/time"


def measure(command: list[str], cwd: Path | None = None, stdout_path: Path | None = None) -> Run:
    """Wall time (perf_counter around the child) and peak RSS (GNU time -v, else RUSAGE_CHILDREN in a fresh wrapper)."""
    sink = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats:
        if os.access(TIME, os.X_OK):
            wrapped = [TIME, "-v", "-o", stats.name, *command]
        else:
            probe = "import resource,subprocess,sys;r=subprocess.run(sys.argv[2:]).returncode;open(sys.argv[1],'w').write(f'Maximum resident set size (kbytes): {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n');sys.exit(r)"
            wrapped = [sys.executable, "-c", probe, stats.name, *command]
        started = time.perf_counter()
        done = subprocess.run(wrapped, cwd=cwd, stdout=sink, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - started
        text = Path(stats.name).read_text()
    if stdout_path:
        sink.close()
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
    return Run(seconds, int(match.group(1)) / 1024 if match else float("nan"), done.returncode, b"" if stdout_path else done.stdout)


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def errors_of(report: dict) -> list[tuple]:
    return [(e["type"], e.get("resourceName", t["name"]), e.get("rowNumber")) for t in report["tasks"] for e in t["errors"]]


def frictionless_errors(report: dict) -> list[tuple]:
    return [(e["type"], t["name"], e.get("rowNumber")) for t in report["tasks"] for e in t["errors"]] + [(e["type"], None, None) for e in report.get("errors", [])]


def sub_descriptor(root: Path, descriptor: dict, keep, name: str) -> Path:
    """A descriptor holding some of the resources, in the package folder (frictionless refuses absolute
    paths; named otherwise than datapackage.json it needs --type package, or it is taken for a JSON file)."""
    path = root / f".bench-{name}.json"
    part = dict(descriptor, resources=[r for r in descriptor["resources"] if keep(r)])
    path.write_bytes(dumps(part))
    return path


def human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000:
            return f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


def span(values: list[float], fmt: str) -> str:
    lo, hi = min(values), max(values)
    return format(lo, fmt) if len(values) == 1 or f"{lo:{fmt}}" == f"{hi:{fmt}}" else f"{lo:{fmt}}–{hi:{fmt}}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=100_000)
    parser.add_argument("--small", action="store_true", help="a quick run: 20,000 quotes, 2,000 sources")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="folder for the package (default: a temporary folder, removed afterwards)")
    parser.add_argument("--reuse", action="store_true", help="with --out: use the package already generated there")
    parser.add_argument("--runs", type=int, default=1, help="time each tool this many times and print the range")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--frictionless-sample", type=int, default=1000, metavar="K", help="time frictionless on the tables plus K sources and extrapolate (default 1000)")
    group.add_argument("--frictionless-full", action="store_true", help="time frictionless on the whole package")
    group.add_argument("--no-frictionless", action="store_true")
    args = parser.parse_args(argv)
    if args.small:
        args.quotes, args.sources = 20_000, 2_000
    if args.reuse and not args.out:
        parser.error("--reuse needs --out")

    log = lambda message: print(f"  .. {message}", file=sys.stderr, flush=True)  # noqa: E731
    temp = None
    if args.out:
        root = args.out.resolve()
    else:
        temp = Path(tempfile.mkdtemp(prefix="newsprov-bench-"))
        root = temp / "pkg"
    try:
        manifest = root.parent / f"{root.name}.{MANIFEST}"
        if args.reuse and manifest.is_file():
            facts = json.loads(manifest.read_text())
            log(f"reusing {root}")
        else:
            if root.exists():
                if not manifest.is_file():
                    parser.error(f"{root} exists and was not made by this script")
                shutil.rmtree(root)
            log(f"generating {args.quotes:,} quotes over {args.sources:,} sources into {root}")
            facts = build_package(root, args.quotes, args.sources, args.seed, log)
        return report(root, facts, args, log)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


def report(root: Path, facts: dict, args, log) -> int:
    descriptor_path = root / DESCRIPTOR
    descriptor = json.loads(descriptor_path.read_bytes())
    faults = facts["faults"]
    files = [DESCRIPTOR, *(r["path"] for r in descriptor["resources"])]
    total_bytes = sum((root / f).stat().st_size for f in files)
    file_list = root.parent / f"{root.name}.files0"
    file_list.write_bytes(b"".join(f.encode() + b"\0" for f in files))
    xargs_size = 1 << 20
    batches = subprocess.run(["xargs", "-0", "-s", str(xargs_size), "-a", str(file_list), "echo"], cwd=root, capture_output=True, check=True).stdout.count(b"\n")
    openssl_cmd = ["xargs", "-0", "-s", str(xargs_size), "-a", str(file_list), "openssl", "dgst", "-sha256"]
    newsprov_cmd = [sys.executable, "-m", "newsprov", "validate", "--json", str(descriptor_path)]

    log("flushing written files to disk and warming the page cache (untimed)")
    os.sync()  # no writeback of the freshly generated 1.3 GB during the timed runs
    subprocess.run(openssl_cmd, cwd=root, stdout=subprocess.DEVNULL, check=True)

    runs = {"newsprov": [], "openssl": []}
    newsprov_report = None
    for attempt in range(args.runs):
        log(f"run {attempt + 1}/{args.runs}: newsprov validate --json")
        r = measure(newsprov_cmd, cwd=root)
        runs["newsprov"].append(r)
        newsprov_report = json.loads(r.stdout)
        log(f"run {attempt + 1}/{args.runs}: openssl dgst -sha256 over {len(files):,} files")
        out = root.parent / f"{root.name}.openssl.txt"
        r = measure(openssl_cmd, cwd=root, stdout_path=out)
        hashed = out.read_bytes().count(b"\n")
        if r.returncode != 0 or hashed != len(files):
            print(f"openssl failed or hashed {hashed} of {len(files)} files", file=sys.stderr)
            return 2
        runs["openssl"].append(r)

    fric = None
    if not args.no_frictionless:
        fric = time_frictionless(root, descriptor, faults, args, log)

    # ---- fault table
    found = errors_of(newsprov_report)
    missed = []
    print()
    print(f"{'planted fault':<16} {'where':<34} {'newsprov':<10} {'frictionless':<14}")
    for f in faults:
        expected = tuple(f["newsprov"])
        ok = any(e[0] == expected[0] and e[1] == expected[1] and e[2] == expected[2] for e in found)
        if not ok:
            missed.append(f["key"])
        fr = "cannot say"
        if f["frictionless"] is not None:
            if fric is None:
                fr = "not run"
            elif f["frictionless"][1] not in fric["resources"]:
                fr = "not in sample"
            else:
                types, resource, row = f["frictionless"]
                fr = "yes" if any(e[0] in types and e[1] == resource and (row is None or e[2] == row) for e in fric["errors"]) else "NO"
        where = f["resource"] + (f" line {f['row']}" if f["row"] else "")
        print(f"{f['key']:<16} {where[:34]:<34} {'yes' if ok else 'MISSED':<10} {fr:<14}")
    explained = set()
    for f in faults:
        explained.add((f["resource"], f["row"]))
        explained.update((r, n) for r, n in f["explains"])
    unexplained = [e for e in found if (e[1], e[2]) not in explained]
    print(f"newsprov reported {len(found)} error(s); {len(unexplained)} not explained by a planted fault" + (f": {unexplained[:5]}" if unexplained else ""))
    if fric is not None:
        fr_unexplained = [e for e in fric["errors"] if (e[1], e[2]) not in explained and (e[1], None) not in explained]
        print(f"frictionless reported {len(fric['errors'])} error(s); {len(fr_unexplained)} not explained by a planted fault" + (f": {fr_unexplained[:5]}" if fr_unexplained else ""))

    # ---- figures
    rows = facts["rows"]
    print()
    print(f"package: {facts['n_sources']:,} sources ({human(facts['source_bytes'])}), tables {human(facts['table_bytes'])} "
          f"({', '.join(f'{n} {v:,}' for n, v in rows.items() if v > 1000)}; other tables {sum(v for v in rows.values() if v <= 1000):,} seed rows), "
          f"{len(files):,} files, {human(total_bytes)} in all")
    print(f"machine: {os.cpu_count()} cores; page cache warm; {args.runs} run(s) of each tool")
    nv = [r.seconds for r in runs["newsprov"]]
    ns = [r.seconds for r in runs["openssl"]]
    nm = [r.max_rss_mb for r in runs["newsprov"]]
    print(f"newsprov validate --json   {span(nv, '.2f')} s   peak {span(nm, '.0f')} MiB   ({human(total_bytes / min(nv))}/s)")
    print(f"openssl dgst -sha256       {span(ns, '.2f')} s   peak {span([r.max_rss_mb for r in runs['openssl']], '.0f')} MiB   "
          f"(xargs -0 -s {xargs_size}: {batches} openssl processes for {len(files):,} files)")
    if fric is not None:
        print(f"frictionless validate      {fric['seconds']:.1f} s   peak {fric['max_rss_mb']:.0f} MiB   {fric['how']}")
    print(f"commands (in {root}): {' '.join(newsprov_cmd[1:])} | frictionless validate --type package --json DESCRIPTOR | {' '.join(openssl_cmd)}")
    verdict = lambda ok: "met" if ok else "MISSED"  # noqa: E731
    if fric is not None:
        faster = [fric["seconds"] / a for a in nv]
        print(f"newsprov/frictionless {span([1 / x for x in faster], '.3f')} (newsprov {span(faster, '.0f')}x faster"
              f"{', frictionless time extrapolated' if fric['extrapolated'] else ''}; target >= 20x: {verdict(min(faster) >= 20)})")
    to_openssl = [a / b for a, b in zip(nv, ns)]
    print(f"newsprov/openssl {span(to_openssl, '.2f')} (target <= 2: {verdict(max(to_openssl) <= 2)})")
    peak = max(nm) * 2**20  # bytes
    print(f"newsprov peak memory {peak / 1e9:.2f} GB = {peak / 2**30:.2f} GiB (target < 2 GB: {verdict(peak < 2e9)})")
    if missed or unexplained:
        print(f"FAIL: newsprov missed {missed}" if missed else "FAIL: newsprov reported errors no planted fault explains")
        return 1
    return 0


def time_frictionless(root: Path, descriptor: dict, faults: list, args, log) -> dict:
    cli = tool("frictionless")
    resources = descriptor["resources"]
    sources = [r for r in resources if r["type"] == "text"]
    if args.frictionless_full or args.frictionless_sample >= len(sources):
        log(f"frictionless validate on the whole package ({len(resources):,} resources)")
        r = measure([cli, "validate", "--type", "package", "--json", str(root / DESCRIPTOR)], cwd=root)
        return {"seconds": r.seconds, "max_rss_mb": r.max_rss_mb, "errors": frictionless_errors(json.loads(r.stdout)),
                "resources": {x["name"] for x in resources}, "extrapolated": False, "how": "(measured on the whole package)"}
    k = max(2, args.frictionless_sample)
    victims = {f["resource"] for f in faults if f["key"] == "hash"}
    step = max(1, len(sources) // k)
    sample = [x for x in sources if x["name"] in victims]
    sample += [x for x in sources[::step] if x["name"] not in victims][: k - len(sample)]
    names = {x["name"] for x in sample}
    with_tables = sub_descriptor(root, descriptor, lambda x: x["type"] == "table" or x["name"] in names, "fl-tables")
    only_k = sub_descriptor(root, descriptor, lambda x: x["name"] in names, "fl-sources")
    only_1 = sub_descriptor(root, descriptor, lambda x: x["name"] == sample[-1]["name"], "fl-one")
    log(f"frictionless validate: all tables + {k:,} sources")
    big = measure([cli, "validate", "--type", "package", "--json", str(with_tables)], cwd=root)
    log(f"frictionless validate: {k:,} sources alone, then 1 source (start-up)")
    alone = measure([cli, "validate", "--type", "package", "--json", str(only_k)], cwd=root)
    one = measure([cli, "validate", "--type", "package", "--json", str(only_1)], cwd=root)
    per_source = max(0.0, alone.seconds - one.seconds) / (k - 1)
    rest = len(sources) - k
    estimate = big.seconds + rest * per_source
    how = (f"EXTRAPOLATED: measured {big.seconds:.1f} s on all tables + {k:,} of {len(sources):,} sources, "
           f"plus {rest:,} x {per_source * 1000:.2f} ms per further source (from {k:,} sources alone {alone.seconds:.1f} s "
           f"minus 1 source {one.seconds:.1f} s); peak memory is that of the measured run")
    for path in (with_tables, only_k, only_1):
        path.unlink()
    return {"seconds": estimate, "max_rss_mb": max(big.max_rss_mb, alone.max_rss_mb), "errors": frictionless_errors(json.loads(big.stdout)),
            "resources": {x["name"] for x in resources if x["type"] == "table"} | names, "extrapolated": True, "how": how}


if __name__ == "__main__":
    sys.exit(main())
