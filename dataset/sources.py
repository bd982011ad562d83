"""Adding a source document to a package laid out as the embedded dataset (data under dataset/)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from newsprov.dataset import metadata
from newsprov.dataset.build import BuildError, article_id
from newsprov.core.layout import Layout, NoPackageHere, current_package
from newsprov.core.text import SourceError, read_source


def add_source(file: Path, outlet: str | None = None, layout: Layout | None = None) -> metadata.SourceMeta:
    """Copy FILE byte-exact into dataset/sources/ and record its metadata in sources.csv (default
    package: the one found from the current directory upward)."""
    if layout is None:
        try:
            layout = current_package()
        except NoPackageHere as exc:
            raise BuildError(str(exc)) from None
        if not layout.prefix:
            raise BuildError(f"{layout.descriptor}: add works on a package laid out as the embedded dataset (sources.csv and sources/ under dataset/); "
                             "for another package, put the file in its source folder and build")
    file = Path(file)
    try:
        text = read_source(file)
    except SourceError as exc:
        raise BuildError(str(exc)) from None
    if file.suffix.lower() != ".txt":
        raise BuildError(f"{file}: sources are *.txt files")
    aid = article_id(file)
    target = layout.sources_dir / file.name
    rows = metadata.read(layout.metadata_file)
    if aid in rows or target.exists():
        raise BuildError(f"{file}: a source with id {aid!r} is already in {layout.sources_dir}")
    meta = metadata.derive(aid, layout.rel("sources", file.name), text)
    if outlet:
        meta = replace(meta, outlet=outlet)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(file, tmp)
    tmp.replace(target)
    rows[aid] = meta
    metadata.write(layout.metadata_file, rows)
    return meta
