"""Versions of a data package: open one, compare two, and the bump a change requires.

readers (a folder, a release archive or a git revision), changes (what a diff holds), engine
(how it is computed, and the bump rules) and changelog. Semantic versions themselves are
newsprov.core.semver.
"""

from newsprov.dataset.versions.changelog import changelog_has_entry
from newsprov.dataset.versions.changes import PackageDiff, RowChange, TableDiff
from newsprov.dataset.versions.engine import diff
from newsprov.dataset.versions.readers import PackageSnapshot, VersionError, export_package, git_tags, open_package, package_folder, resolve_revision

__all__ = ["PackageDiff", "PackageSnapshot", "RowChange", "TableDiff", "VersionError", "changelog_has_entry", "diff",
           "export_package", "git_tags", "open_package", "package_folder", "resolve_revision"]
