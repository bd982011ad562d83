"""The descriptor against the Data Package profile (frictionless' own) and newsprov's package rules.

What `frictionless validate` or `newsprov release` would refuse, `newsprov validate` refuses
too: the profile is checked by frictionless itself (`Package.metadata_validate`: the JSON
Schema of the package, each resource, each table schema and field, and the rules frictionless
adds: name patterns, unique resource names, `created` a datetime, safe paths...), and newsprov
adds a semantic version, at least one resource, and a name fit for a release file name.

At scale (100,000 sources) frictionless takes about 0.25 ms per resource, so resources are
checked one per *shape*: resources that differ only in a name matching the name pattern, a
path frictionless deems safe, a string hash and an integer size give the same answers from
frictionless, so one of each shape is enough (a value failing one of those rules keeps its
resource in a shape of its own, checked by frictionless in full).
"""

from __future__ import annotations

import marshal
import operator
import re

from newsprov.core.semver import parse_semver
from newsprov.validators.errors import ValidationError

# The release archive is `<name>-<version>.zip` (dataset/versions/release.py): no '/' in the name,
# although the Data Package name pattern allows it.
RELEASE_NAME = re.compile(r"^[a-z0-9._-]+$")


def check_package(descriptor: dict) -> list[ValidationError]:
    """newsprov's own package rules: version, resources, name (after check_descriptor's required keys)."""
    errors = []
    name = descriptor.get("name")
    if isinstance(name, str) and not RELEASE_NAME.match(name):
        errors.append(ValidationError("descriptor-error", note=f"package name {name!r} must be lower-case letters, digits, '.', '_' or '-' (it names the release archive)"))
    if "version" in descriptor:
        try:
            parse_semver(descriptor["version"])
        except ValueError as exc:
            errors.append(ValidationError("version-error", cell=descriptor["version"], note=str(exc)))
    if descriptor.get("resources") == []:
        errors.append(ValidationError("descriptor-error", note="the package has no resources"))
    return errors


def reduced(descriptor: dict) -> tuple[dict, list[int] | None]:
    """The descriptor with one resource of each shape, and the index in the descriptor of each
    resource kept: check_profile(*reduced(d)) gives the same errors as check_profile(d)."""
    out = {key: value for key, value in descriptor.items() if key != "resources"}
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return {**out, "resources": resources}, None
    kept = representatives(resources)
    out["resources"] = [resources[i] for i in kept]
    return out, kept


def check_profile(descriptor: dict, kept: list[int] | None = None) -> list[ValidationError]:
    """Frictionless' metadata errors for the descriptor (pass `*reduced(descriptor)` for speed:
    `kept` maps the reduced descriptor's resource indexes back to the full one's)."""
    from frictionless import FrictionlessException, Package

    try:
        found = list(Package.metadata_validate(descriptor))
    except FrictionlessException as exc:  # e.g. an unknown field type stops frictionless at once
        found = [exc.error]
    except (RecursionError, TypeError, ValueError, AttributeError, KeyError) as exc:  # frictionless choking on a value of the wrong kind
        return [ValidationError("profile-error", note=f"frictionless cannot read the descriptor ({type(exc).__name__}: {exc})")]
    notes = [f"{error.type}: {error.note}" for error in found]
    if kept is not None:
        notes = [_RESOURCE_INDEX.sub(lambda m: f"{m.group(1)}{kept[int(m.group(2))]}", note) for note in notes]
    return [ValidationError("profile-error", note=note) for note in notes]


_RESOURCE_INDEX = re.compile(r"(at property 'resources/)(\d+)")


def representatives(resources: list) -> list[int]:
    """Indexes of one resource of each shape, in order.

    Fast path, for the usual case of many resources written alike: resources with the same
    properties in the same order form a group; when every other property has one value in
    the group and every name, path, hash and size passes the plain forms below, the group
    is one shape. Otherwise its resources are keyed one by one (_shape). Resources that are
    not objects are all kept (frictionless names each by its index).
    """
    groups: dict[tuple, list] = {}
    kept = []
    for index, resource in enumerate(resources):
        if type(resource) is dict:
            groups.setdefault(tuple(resource), []).append(index)
        else:
            kept.append(index)
    for props, indexes in groups.items():
        group = [resources[i] for i in indexes]
        if all(_uniform(prop, group) for prop in props):
            kept.append(indexes[0])
        else:
            kept += {_shape(resources[i]): i for i in reversed(indexes)}.values()
    return sorted(kept)


def _uniform(prop: str, group: list) -> bool:
    values = list(map(operator.itemgetter(prop), group))
    plain = _PLAIN.get(prop)
    if plain is not None:
        return _all_plain(prop, values)
    first = values[0]
    if values.count(first) != len(values):
        return False
    # Equal; but 1 == 1.0 == True, which frictionless may answer differently. A value holding
    # only strings, lists, objects and nulls equals only values of the same types.
    return _only_strings(first) or len(set(map(marshal.dumps, values))) == 1


def _only_strings(value) -> bool:
    if value is None or type(value) is str:
        return True
    if type(value) is list:
        return all(map(_only_strings, value))
    if type(value) is dict:
        return all(map(_only_strings, value.values()))
    return False


def _all_plain(prop: str, values: list) -> bool:
    """Whether every value passes _PLAIN[prop] (one C-speed match over all of them)."""
    if prop == "bytes":
        return set(map(type, values)) == {int} and min(values) > 0
    if set(map(type, values)) != {str}:
        return False
    joined = "\n".join(values)
    if joined.count("\n") != len(values) - 1:  # a value holding a newline would pass for two
        return False
    return _JOINED[prop].match(joined) is not None and not (prop == "path" and "../" in joined)


def _plain_name(value) -> bool:
    return type(value) is str and _NAME.match(value) is not None


def _plain_path(value) -> bool:
    # No '/' or '~' first, no '$', '%', ':' or space anywhere, no '../': frictionless' is_safe_path
    # holds, whatever the environment (os.path.expandvars only acts on '$').
    return type(value) is str and _PATH.match(value) is not None and "../" not in value


def _plain_hash(value) -> bool:
    return type(value) is str and _HASH.match(value) is not None


def _plain_bytes(value) -> bool:
    return type(value) is int and value > 0  # frictionless skips a falsy size: 0 is not like 1


_FORMS = {"name": r"[-a-z0-9._/]+", "path": r"[\w.][\w./-]*", "hash": r"(?:sha256:|md5:)?[0-9a-fA-F]+"}  # name: frictionless' settings.NAME_PATTERN
_NAME, _PATH, _HASH = (re.compile(rf"^{form}\Z") for form in _FORMS.values())
_JOINED = {prop: re.compile(rf"^{form}(?:\n{form})*\Z") for prop, form in _FORMS.items()}
_PLAIN = {"name": _plain_name, "path": _plain_path, "hash": _plain_hash, "bytes": _plain_bytes}


def _shape(resource: dict) -> tuple:
    """A key equal for resources frictionless answers alike: the plain values of _PLAIN become one."""
    return tuple((prop, _SAME if prop in _PLAIN and _PLAIN[prop](value) else (type(value).__name__, repr(value))) for prop, value in resource.items())


_SAME = "\x00plain"
