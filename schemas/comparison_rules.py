"""Derived rules of the comparison tables: groups are true of the quotes and figures they link.

Each function is the `check` of a Rule a model of schemas/comparison.py declares, with the
tables and columns it reads; it returns the rows breaking it (0-based, per table).

* every quote or figure group spans at least two articles (and ``n_articles`` says how many);
* a group member's article and span are its quote's or figure's;
* a quote group has one reference, and each relation is true of the two texts
  (``identical``: equal text; ``typographic``: equal words once typography is folded;
  ``truncated`` / ``extended``: one wording a contiguous run of the other);
* a figure group's members all carry its agreement; a ``consistent`` group's
  members have equal values, qualifier, unit of measure (where both are measured)
  and percentage base (where both are percentages with a base); each aspect a
  member ``differs`` in really differs within the group;
* unquoted reuse points at a group and at one of its quotes;
* an article link counts as many runs (``n_runs``) as reuse_runs holds for its pair.
"""

from __future__ import annotations

import polars as pl

from newsprov.lang.figures import MEASURE_UNITS, PERCENT_UNITS
from newsprov.lang.words import contains_run, tokenize
from newsprov.schemas.base import Failure, Rule

# What each figure `differs` aspect compares, as the columns of `figures`.
ASPECT_COLUMNS = {"value": ("value", "value_low", "value_high"), "qualifier": ("value_kind",), "unit": ("unit",),
                  "base": ("subject",), "claim": ("claim",)}


def group_size_rule(table: str, counted: bool) -> Rule:
    """Every group of `table` spans at least two articles; with `counted`, n_articles says how many."""

    def check(tables: dict, texts=None) -> list[Failure]:
        return _group_sizes(tables[table], table) if table in tables else []

    columns = ("group_id", "article_id", "n_articles") if counted else ("group_id", "article_id")
    return Rule("group-spans-articles", {table: columns}, check)


def member_span_rule(table: str, members: str, key: str) -> Rule:
    """A member row of `table` has the article and span of the `members` row its `key` names."""

    def check(tables: dict, texts=None) -> list[Failure]:
        if table not in tables or members not in tables:
            return []
        return _member_spans(tables[table], tables[members], table, key)

    columns = (key, "article_id", "start", "end")
    return Rule("member-span", {table: columns, members: columns}, check)


def _group_sizes(groups: pl.DataFrame, table: str) -> list[Failure]:
    counted = groups.with_row_index().with_columns(actual=pl.col("article_id").n_unique().over("group_id"))
    failures = [
        Failure(table, i, "group_id", g, f"spans {n} article; a group spans at least two")
        for i, g, n in counted.filter(pl.col("actual") < 2).select("index", "group_id", "actual").iter_rows()
    ]
    if "n_articles" in groups.columns:
        wrong = counted.filter(pl.col("n_articles") != pl.col("actual"))
        failures += [Failure(table, i, "n_articles", n, f"but group {g} spans {a} articles") for i, n, g, a in wrong.select("index", "n_articles", "group_id", "actual").iter_rows()]
    return failures


def _member_spans(groups: pl.DataFrame, members: pl.DataFrame, table: str, key: str) -> list[Failure]:
    ref = members.select(key, pl.col("article_id").alias("_a"), pl.col("start").alias("_s"), pl.col("end").alias("_e"))
    rows = groups.with_row_index().join(ref, on=key, how="inner")
    failures = []
    for column, other in (("article_id", "_a"), ("start", "_s"), ("end", "_e")):
        for i, cell, expected, k in rows.filter(pl.col(column) != pl.col(other)).select("index", column, other, key).iter_rows():
            failures.append(Failure(table, i, column, cell, f"should be {expected!r}, as in {key} {k}"))
    return failures


def quote_relations(tables: dict, texts=None) -> list[Failure]:
    """A quote group has one reference; each member's relation is true of its text and the reference's."""
    if "quote_groups" not in tables or "quotes" not in tables:
        return []
    groups, quotes = tables["quote_groups"], tables["quotes"]
    wanted = pl.concat([groups["quote_id"], groups["reference_quote_id"]]).unique()
    text = dict(quotes.filter(pl.col("quote_id").is_in(wanted.implode())).select("quote_id", "text").iter_rows())
    failures = []
    per_group = groups.group_by("group_id").agg(refs=(pl.col("relation") == "reference").sum(), ids=pl.col("reference_quote_id").n_unique())
    for g, refs, ids in per_group.filter((pl.col("refs") != 1) | (pl.col("ids") != 1)).sort("group_id").iter_rows():
        index = groups.with_row_index().filter(pl.col("group_id") == g)["index"][0]
        failures.append(Failure("quote_groups", index, "group_id", g, f"has {refs} reference rows and {ids} reference quotes; a group has exactly one"))
    rows = groups.with_row_index().filter(pl.col("relation").is_in(["identical", "typographic", "truncated", "extended"]))
    for i, quote_id, reference, relation in rows.select("index", "quote_id", "reference_quote_id", "relation").iter_rows():
        if quote_id not in text or reference not in text:
            continue  # a foreign-key error already names it
        mine, theirs = text[quote_id], text[reference]
        words, ref_words = _words(mine), _words(theirs)
        holds = {
            "identical": mine == theirs,
            "typographic": words == ref_words,
            "truncated": contains_run(ref_words, words),
            "extended": contains_run(words, ref_words),
        }[relation]
        if not holds:
            failures.append(Failure("quote_groups", i, "relation", relation, f"is not true of the quote's text {mine!r} against the reference {theirs!r}"))
    return failures


def _words(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(text))


def unquoted_in_group(tables: dict, texts=None) -> list[Failure]:
    """Unquoted reuse names a quote of the group it names."""
    if "unquoted" not in tables or "quote_groups" not in tables:
        return []
    members = tables["quote_groups"].select("group_id", "quote_id")
    wrong = tables["unquoted"].with_row_index().join(members, on=["group_id", "quote_id"], how="anti")
    return [Failure("unquoted", i, "quote_id", q, f"is not a member of quote group {g}") for i, g, q in wrong.select("index", "group_id", "quote_id").iter_rows()]


def figure_agreement(tables: dict, texts=None) -> list[Failure]:
    """A figure group's agreement and each member's `differs` are true of the figures."""
    if "figure_groups" not in tables or "figures" not in tables:
        return []
    groups, figures = tables["figure_groups"], tables["figures"]
    columns = ["figure_id", "value", "value_low", "value_high", "value_kind", pl.col("unit").str.to_lowercase(),
               # (a unit differs only as a unit of measure; a base only as a percentage's)
               pl.when(pl.col("unit").is_in(list(MEASURE_UNITS))).then(pl.col("unit").str.to_lowercase()).alias("_measure"),
               pl.when(pl.col("unit").is_in(list(PERCENT_UNITS))).then(pl.col("subject").str.to_lowercase()).alias("_base")]
    rows = groups.with_row_index().join(figures.select(columns), on="figure_id", how="inner")
    failures = []
    mixed = rows.filter(pl.col("agreement").n_unique().over("group_id") > 1)
    failures += [Failure("figure_groups", i, "agreement", a, f"differs from other members of group {g}") for i, a, g in mixed.select("index", "agreement", "group_id").iter_rows()]
    # How many distinct values each aspect takes within the group (nulls ignored for unit and claim).
    spread = {
        "value": pl.struct("value", "value_low", "value_high").n_unique().over("group_id"),
        "qualifier": pl.col("value_kind").n_unique().over("group_id"),
        "unit": pl.col("unit").drop_nulls().n_unique().over("group_id"),
        "measure": pl.col("_measure").drop_nulls().n_unique().over("group_id"),
        "base": pl.col("_base").drop_nulls().n_unique().over("group_id"),
        "claim": pl.col("claim").drop_nulls().n_unique().over("group_id"),
    }
    rows = rows.with_columns(**{f"_{aspect}": expr for aspect, expr in spread.items()})
    # A consistent group may count one thing in different words (targets, sites), not measure it
    # in different units; a unit listed as differing must differ in any case (packages built
    # before units of measure were told from counted nouns list targets/sites as a unit change).
    varies = pl.any_horizontal(pl.col(f"_{aspect}") > 1 for aspect in ("value", "qualifier", "measure", "base"))
    for i, g in rows.filter((pl.col("agreement") == "consistent") & varies).select("index", "group_id").iter_rows():
        failures.append(Failure("figure_groups", i, "agreement", "consistent", f"but the members of group {g} differ in value, qualifier, unit or base"))
    for aspect in ASPECT_COLUMNS:
        listed = pl.col("differs").fill_null("").str.split(";").list.contains(aspect)
        for i, g in rows.filter(listed & (pl.col(f"_{aspect}") < 2)).select("index", "group_id").iter_rows():
            failures.append(Failure("figure_groups", i, "differs", aspect, f"but no member of group {g} differs in {aspect}"))
    return failures


QUOTE_GROUP_RULES = (
    group_size_rule("quote_groups", counted=True),
    member_span_rule("quote_groups", "quotes", "quote_id"),
    Rule("quote-relation", {"quote_groups": ("group_id", "quote_id", "reference_quote_id", "relation"), "quotes": ("quote_id", "text")},
         quote_relations),
)
UNQUOTED_RULES = (Rule("unquoted-in-group", {"unquoted": ("group_id", "quote_id"), "quote_groups": ("group_id", "quote_id")}, unquoted_in_group),)
FIGURE_GROUP_RULES = (
    group_size_rule("figure_groups", counted=False),
    member_span_rule("figure_groups", "figures", "figure_id"),
    Rule("figure-agreement", {"figure_groups": ("group_id", "figure_id", "agreement", "differs", "claim"),
                              "figures": ("figure_id", "value", "value_low", "value_high", "value_kind", "unit", "subject")}, figure_agreement),
)


def run_counts(tables: dict, texts=None) -> list[Failure]:
    """article_links.n_runs says how many reuse_runs the pair has."""
    if "article_links" not in tables or "reuse_runs" not in tables:
        return []
    links, runs = tables["article_links"], tables["reuse_runs"]
    if "n_runs" not in links.columns:  # a package built before reuse_runs
        return []
    counts = runs.group_by("article_id", "other_article_id").agg(_actual=pl.len())
    rows = (links.with_row_index().join(counts, on=["article_id", "other_article_id"], how="left")
            .with_columns(pl.col("_actual").fill_null(0)).filter(pl.col("n_runs") != pl.col("_actual")))
    return [Failure("article_links", i, "n_runs", n, f"but reuse_runs holds {a} runs for the pair")
            for i, n, a in rows.select("index", "n_runs", "_actual").iter_rows()]


ARTICLE_LINK_RULES = (
    Rule("run-count", {"article_links": ("article_id", "other_article_id", "n_runs"),
                       "reuse_runs": ("article_id", "other_article_id")}, run_counts),
)
