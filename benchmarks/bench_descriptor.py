"""The size of datapackage.json against the number of sources: one resource per source, or the
source manifest (newsprov.core.source_manifest), measured directly on the descriptor the build
writes (the same functions), for invented sources; not a test, it prints figures.

    .venv/bin/python benchmarks/bench_descriptor.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import time

from newsprov.core import source_manifest
from newsprov.core.descriptor import dumps
from newsprov.dataset import describe as desc
from newsprov.dataset.context import Source
from newsprov.dataset.metadata import SourceMeta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    meta = desc.read_package_metadata(__import__("pathlib").Path("/nonexistent"), fallback_name="bench")
    for n in args.sizes:
        started = time.perf_counter()
        sources = []
        for i in range(n):
            data = f"Story {i}\n\nAn invented article number {i}.\n".encode()
            aid = f"{i:06d}_{hashlib.sha256(data).hexdigest()[:16]}"
            sources.append(Source(aid, f"sources/{aid}.txt", data, data.decode(), SourceMeta(aid, f"sources/{aid}.txt")))
        each = [desc.source_resource(s, meta["source_license"]) for s in sources]
        per_source = len(dumps(desc.descriptor(meta, "2026-12-05T00:00:00Z", each)))
        manifest = source_manifest.manifest_bytes([(s.article_id, s.path, s.sha256, len(s.data)) for s in sources])
        resource = source_manifest.manifest_resource(source_manifest.MANIFEST_PATH, manifest, hashlib.sha256(manifest).hexdigest(), [meta["source_license"]])
        with_manifest = len(dumps(desc.descriptor(meta, "2026-12-05T00:00:00Z", [resource])))
        print(f"{n:>7} sources: datapackage.json {per_source / 1e6:8.3f} MB with one resource each, "
              f"{with_manifest / 1e6:8.4f} MB with the manifest (+ the manifest CSV, {len(manifest) / 1e6:.2f} MB) "
              f"[{time.perf_counter() - started:.1f} s; the table resources, ~40 KB, not included]")


if __name__ == "__main__":
    main()
