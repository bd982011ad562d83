"""Semantic versions (semver.org 2.0.0) through the `semver` library, and newsprov's bump rules.

`parse_semver(text)` gives a `semver.Version` (fields major, minor, patch, prerelease, build;
compared by semver precedence with `<` and `==`, build metadata ignored) or a ValueError that
names the text. What change requires which bump is dataset/versions/diff.py's business; here
only how two versions relate:

* `bump_kind(old, new)`: "major", "minor", "patch", "none" (same precedence) or "downgrade";
  a later pre-release or release of the same MAJOR.MINOR.PATCH counts as "patch";
* `check_bump(old, new, required)`: what is wrong with going from old to new when the
  changes require a `required` bump (a pre-release old version promises nothing);
* `next_version(old, kind)`: the smallest version after old that is a `kind` bump.

0.y.z versions get no special treatment: a MAJOR change to 0.3.1 needs 1.0.0.
"""

from __future__ import annotations

import semver

Version = semver.Version
LEVELS = ("none", "patch", "minor", "major")


def parse_semver(text) -> Version:
    """The semantic version `text` spells; ValueError naming it otherwise."""
    if isinstance(text, Version):
        return text
    try:
        if isinstance(text, str):
            return Version.parse(text)
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)")


def bump_kind(old, new) -> str:
    """"major", "minor", "patch", "none" (same precedence) or "downgrade" from old to new."""
    o, n = parse_semver(old), parse_semver(new)
    if n < o:
        return "downgrade"
    if n == o:
        return "none"
    if n.major != o.major:
        return "major"
    if n.minor != o.minor:
        return "minor"
    return "patch"


def next_version(old, kind: str) -> str:
    """The smallest version after old that is a `kind` bump (none: old itself)."""
    o = parse_semver(old)
    if kind == "major":
        return f"{o.major + 1}.0.0"
    if kind == "minor":
        return f"{o.major}.{o.minor + 1}.0"
    if kind == "patch":
        return f"{o.major}.{o.minor}.{o.patch if o.prerelease else o.patch + 1}"
    return str(o)


def check_bump(old_version, new_version, required: str) -> list[str]:
    """Problems with going from old_version to new_version for a `required` change; [] when fine."""
    if required not in LEVELS:
        raise ValueError(f"required bump {required!r} is not one of {', '.join(LEVELS)}")
    problems = []
    try:
        old = parse_semver(old_version)
    except ValueError as exc:
        problems.append(f"old version: {exc}")
    try:
        new = parse_semver(new_version)
    except ValueError as exc:
        problems.append(f"new version: {exc}")
    if problems:
        return problems
    kind = bump_kind(old, new)
    if kind == "downgrade":
        return [f"{new} is lower than {old}: versions must increase"]
    if old.prerelease:
        return []
    if LEVELS.index(kind) < LEVELS.index(required):
        if kind == "none":
            return [f"the content changed but the version is still {old}: a {required} bump is required (to {next_version(old, required)})"]
        return [f"{old} -> {new} is a {kind} bump, but the changes require a {required} bump (to {next_version(old, required)} or later)"]
    if kind == "major" and (new.minor, new.patch) != (0, 0):
        problems.append(f"{old} -> {new}: a major bump resets minor and patch (expected {new.major}.0.0)")
    elif kind == "minor" and new.patch != 0:
        problems.append(f"{old} -> {new}: a minor bump resets patch (expected {new.major}.{new.minor}.0)")
    return problems
