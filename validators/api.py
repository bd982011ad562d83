"""The validator's public entry point: the one module of validators/ that other layers import.

    validate(path) -> Report          a package on disk, every check: integrity (sizes, sha256), the
                                      Data Package profile, each table schema against its model, each
                                      table against its model, keys, spans, counts and derived rules
    check_tables(tables) -> [error]   the rules across tables, over tables in memory: what the build
                                      checks before it publishes (the same rules validate applies,
                                      except those reading the source texts)
    read_table(path, model, name)     a table's CSV typed by its model, and the errors of reading it
    resolve_descriptor(path) -> Path  the descriptor a path names (a datapackage.json or its folder;
                                      default: the package found from the current directory)

Errors are ValidationError (a stable `type` slug, see CATALOGUE); a Report holds them by task.
PackageUnreadable (DescriptorNotFound, MalformedDescriptor) means the package could not be read
at all: a usage or I/O problem, not invalid data.
"""

from __future__ import annotations

import polars as pl

from newsprov.schemas.registry import metas
from newsprov.validators import cross_table
from newsprov.validators.errors import CATALOGUE, ValidationError
from newsprov.validators.report import Report, Task
from newsprov.validators.run import DescriptorNotFound, MalformedDescriptor, PackageUnreadable, resolve_descriptor, validate
from newsprov.validators.tables import read_table

__all__ = ["CATALOGUE", "DescriptorNotFound", "MalformedDescriptor", "PackageUnreadable", "Report", "Task", "ValidationError",
           "check_tables", "read_table", "resolve_descriptor", "validate"]


def check_tables(tables: dict[str, pl.DataFrame]) -> list[ValidationError]:
    """Every rule across the tables given (of the registered models): foreign keys, counts, spans
    within spans, values that agree, derived rules needing no source text; errors name resource and row."""
    return cross_table.check_tables(tables, metas())
