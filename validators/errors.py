"""The catalogue of validation errors: a stable slug, a title and a message template each."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ErrorType:
    type: str
    title: str
    template: str
    description: str


CATALOGUE = {
    e.type: e
    for e in (
        ErrorType("descriptor-error", "Descriptor Error", "The descriptor is not valid: {note}", "datapackage.json is missing a required property or is malformed."),
        ErrorType("profile-error", "Profile Error", "The descriptor breaks the Data Package profile: {note}", "Checked by frictionless itself (Package.metadata_validate), so that `frictionless validate` accepts what newsprov accepts."),
        ErrorType("version-error", "Version Error", "The package version {cell!r} is not a semantic version: {note}", "`version` must be MAJOR.MINOR.PATCH (semver.org), as releases and `newsprov diff` need."),
        ErrorType("table-format-mismatch", "Table Format Mismatch", "Resource {resource} declares {cell!r}: {note}", "newsprov tables are UTF-8 CSV files read with the default dialect; a resource declaring otherwise would be read differently by frictionless."),
        ErrorType("schema-mismatch", "Schema Mismatch", "The schema of {resource} does not match its model: {note}", "A table's Table Schema must be the one its Pandera model gives (schemas/frictionless.py), descriptions aside."),
        ErrorType("schema-field-mismatch", "Schema Field Mismatch", "The fields of {resource} are not its model's columns in order: {note}", "Field names and their order must be the model's columns."),
        ErrorType("schema-type-mismatch", "Schema Type Mismatch", "Column {field} of {resource} is declared {cell}, but its model gives {note}", "Each field's type (and format) must be the one its model's column type gives."),
        ErrorType("schema-constraint-mismatch", "Schema Constraint Mismatch", "Column {field} of {resource} declares constraints {cell}, but its model gives {note}", "Each field's constraints must be the ones its model's checks give."),
        ErrorType("schema-primary-key-mismatch", "Schema Primary Key Mismatch", "The primary key of {resource} is declared {cell!r}, but its model gives {note}", "The primaryKey must be the model's primary key."),
        ErrorType("schema-foreign-key-mismatch", "Schema Foreign Key Mismatch", "The foreign keys of {resource} are declared {cell!r}, but its model gives {note}", "The foreignKeys must be the model's foreign keys."),
        ErrorType("unsafe-path", "Unsafe Path", "Resource path {note} leaves the package or is not a local relative path", "Paths must be relative, inside the package, without '..', symlinks out or URLs."),
        ErrorType("resource-missing", "Resource Missing", "The file of resource {resource} was not found: {note}", "Every resource path must exist."),
        ErrorType("bytes-mismatch", "Bytes Mismatch", "The file size of {resource} does not match the descriptor: {note}", "The descriptor's `bytes` must equal the file's size."),
        ErrorType("hash-mismatch", "Hash Mismatch", "The sha256 of {resource} does not match the descriptor: {note}", "The descriptor's `hash` must equal the file's sha256: the file changed after the build."),
        ErrorType("encoding-error", "Encoding Error", "The file of {resource} is not valid UTF-8: {note}", "Sources and tables are UTF-8."),
        ErrorType("table-error", "Table Error", "The table {resource} cannot be read: {note}", "The CSV must parse with the header the schema declares."),
        ErrorType("missing-column", "Missing Column", "Column {field} of {resource} is missing", "Every column of the schema must be present."),
        ErrorType("extra-column", "Extra Column", "Column {field} of {resource} is not in the schema", "Tables are strict: no undeclared columns."),
        ErrorType("type-error", "Type Error", "Row {row} of {resource}: {field} = {cell!r} is not of type {note}", "Each cell must parse as its column's type."),
        ErrorType("required-error", "Required Error", "Row {row} of {resource}: {field} is empty but required", "Non-nullable columns must hold a value."),
        ErrorType("unique-error", "Unique Error", "Row {row} of {resource}: {field} = {cell!r} is not unique", "Unique columns must not repeat a value."),
        ErrorType("constraint-error", "Constraint Error", "Row {row} of {resource}: {field} = {cell!r} fails {note}", "A column constraint from the table's Pandera model."),
        ErrorType("row-constraint", "Row Constraint", "Row {row} of {resource} fails {note}", "A rule spanning several columns of the row."),
        ErrorType("primary-key", "Primary Key Error", "Row {row} of {resource}: primary key {cell!r} repeats", "Primary keys identify one row each."),
        ErrorType("foreign-key", "Foreign Key Error", "Row {row} of {resource}: {field} = {cell!r} has no match in {note}", "Every reference must point at an existing row."),
        ErrorType("source-mismatch", "Source Mismatch", "Row {row} of {resource}: {field} = {cell!r} does not match the source file: {note}", "An article's recorded checksum or path must match its source resource."),
        ErrorType("cross-table", "Cross-Table Error", "Row {row} of {resource}: {field} = {cell!r} {note}", "A rule linking rows of two tables: a span inside the span it references, values that must agree, or a derived rule of the table's model (its slug in `rule`)."),
        ErrorType("derived-mismatch", "Derived Value Mismatch", "Row {row} of {resource}: {field} = {cell!r} is not what its text gives: {note}", "A rule-extracted value must equal what the rule derives from the span's text; corrections go through the overrides file and say method = curated."),
        ErrorType("span-out-of-bounds", "Span Out Of Bounds", "Row {row} of {resource}: span {note} lies outside the article", "0 <= start < end <= length of the article text."),
        ErrorType("build-report-error", "Build Report Error", "The build report {resource} is not valid: {note}", "build-report.json must parse and have the shape its jsonSchema gives; every depends_on names a row it lists."),
        ErrorType("dropped-row-present", "Dropped Row Present", "The build report {resource} lists a dropped {field} row {cell!r}, but {note}", "A row the build report says was left out must not be in its table."),
        ErrorType("span-mismatch", "Span Mismatch", "Row {row} of {resource}: {field} = {cell!r} is not the source text at {note}", "The span's text must equal source[start:end]."),
    )
}


@dataclass
class ValidationError:
    type: str
    resource: str | None = None
    row: int | None = None  # 1-based CSV line, the header being line 1 (as Frictionless rowNumber)
    field: str | None = None
    cell: object = None
    note: str = ""
    rule: str | None = None  # the slug of the model's derived rule that found it (schemas.base.Rule)

    @property
    def title(self) -> str:
        return CATALOGUE[self.type].title

    @property
    def message(self) -> str:
        return CATALOGUE[self.type].template.format(resource=self.resource, row=self.row, field=self.field, cell=self.cell, note=self.note)

    def to_dict(self) -> dict:
        out = {
            "type": self.type,
            "title": self.title,
            "description": CATALOGUE[self.type].description,
            "message": self.message,
            "note": self.note,
            "tags": ["#row"] if self.row is not None else [],
        }
        if self.resource is not None:
            out["resourceName"] = self.resource
        if self.row is not None:
            out["rowNumber"] = self.row
        if self.field is not None:
            out["fieldName"] = self.field
        if self.cell is not None:
            out["cell"] = str(self.cell)
        if self.rule is not None:
            out["rule"] = self.rule
        return out


def as_plain(error: ValidationError) -> dict:
    return asdict(error)
