"""What builders see: the sources, their curated metadata, and the other tables."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from newsprov.dataset.metadata import SourceMeta


@dataclass(frozen=True)
class Source:
    article_id: str
    path: str  # relative to the package root, POSIX separators
    data: bytes
    text: str
    meta: SourceMeta

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class BuildContext:
    sources: list[Source]
    overrides: list = field(default_factory=list)  # newsprov.dataset.overrides.Override
    # check(name, df) -> df: applied to each table as it is built, before any other table sees it
    check: Callable[[str, pl.DataFrame], pl.DataFrame] | None = None
    engine: object = None  # newsprov.core.engine: where per-article work runs (None: this process)
    _cache: dict = field(default_factory=dict)
    _tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    _building: set[str] = field(default_factory=set)

    def table(self, name: str) -> pl.DataFrame:
        """Another table, built on first use (builders may depend on each other)."""
        if name not in self._tables:
            from newsprov.dataset.registry import tables

            if name in self._building:
                raise RuntimeError(f"tables depend on each other in a cycle through {name!r}")
            self._building.add(name)
            df = tables()[name].build(self)
            self._tables[name] = self.check(name, df) if self.check is not None else df
            self._building.discard(name)
        return self._tables[name]

    @property
    def built(self) -> dict[str, pl.DataFrame]:
        """The tables built so far (after check)."""
        return self._tables

    @property
    def texts(self) -> dict[str, str]:
        return {s.article_id: s.text for s in self.sources}

    def per_article(self, step: str) -> dict:
        """article id -> the result of a per-article step (newsprov.dataset.per_article), every
        step computed in one pass over the sources on the build's engine, on first use."""
        key = f"per-article:{step}"
        if key not in self._cache:
            from newsprov.core.engine import InProcess
            from newsprov.dataset.per_article import run

            items = [(s.article_id, s.text, s.meta.dateline_date, s.meta.language) for s in self.sources]
            for name, results in run(items, self.engine or InProcess()).items():
                self._cache[f"per-article:{name}"] = results
        return self._cache[key]

    def forget(self, key: str) -> None:
        """Drop one intermediate result that no later step needs (a later use computes it again)."""
        self._cache.pop(key, None)

    def release(self) -> None:
        """Let go of the intermediate results (per-article work, reuse runs, the drift engine's
        state...) and of the built tables once every table is built and handed over: a large
        corpus's build must not hold them while it writes the tables."""
        self._cache.clear()
        self._tables.clear()
        self.check = None

    def cached(self, key: str, compute):
        """Intermediate results several builders share (e.g. raw extraction), computed once."""
        if key not in self._cache:
            self._cache[key] = compute(self)
        return self._cache[key]
