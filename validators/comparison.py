"""Rules across the comparison tables: groups are true of the quotes and figures they link.

* every quote or figure group spans at least two articles (and ``n_articles`` says how many);
* a group member's article and span are its quote's or figure's;
* a quote group has one reference, and each relation is true of the two texts
  (``identical``: equal text; ``typographic``: equal words once typography is folded;
  ``truncated`` / ``extended``: one wording a contiguous run of the other);
* a figure group's members all carry its agreement; a ``consistent`` group's
  members have equal values, qualifier, unit of measure (where both are measured)
  and percentage base (where both are percentages with a base); each aspect a
  member ``differs`` in really differs within the group;
* unquoted reuse points at a group and at one of its quotes.
"""

from __future__ import annotations

import polars as pl

from newsprov.dataset.compare.normalise import tokenize
from newsprov.dataset.compare.quotes import contains_run
from newsprov.schemas.figures import MEASURE_UNITS, PERCENT_UNITS
from newsprov.validators.errors import ValidationError
from newsprov.validators.tables import _row

# What each figure `differs` aspect compares, as the columns of `figures`.
ASPECT_COLUMNS = {"value": ("value", "value_low", "value_high"), "qualifier": ("value_kind",), "unit": ("unit",),
                  "base": ("subject",), "claim": ("claim",)}


# The columns these rules read, per table (the validator keeps only what rules still need).
COLUMNS = {
    "quote_groups": ("group_id", "quote_id", "article_id", "start", "end", "relation", "reference_quote_id", "n_articles"),
    "quotes": ("quote_id", "article_id", "start", "end", "text"),
    "unquoted": ("group_id", "quote_id"),
    "figure_groups": ("group_id", "figure_id", "article_id", "start", "end", "agreement", "differs", "claim"),
    "figures": ("figure_id", "article_id", "start", "end", "value", "value_low", "value_high", "value_kind", "unit", "subject"),
}


def check(tables: dict[str, pl.DataFrame]) -> list[ValidationError]:
    errors = []
    if "quote_groups" in tables:
        errors += _group_sizes(tables["quote_groups"], "quote_groups", "quote_id")
        if "quotes" in tables:
            errors += _member_spans(tables["quote_groups"], tables["quotes"], "quote_groups", "quote_id")
            errors += _quote_relations(tables["quote_groups"], tables["quotes"])
        if "unquoted" in tables:
            errors += _unquoted(tables["unquoted"], tables["quote_groups"])
    if "figure_groups" in tables:
        errors += _group_sizes(tables["figure_groups"], "figure_groups", "figure_id")
        if "figures" in tables:
            errors += _member_spans(tables["figure_groups"], tables["figures"], "figure_groups", "figure_id")
            errors += _figure_agreement(tables["figure_groups"], tables["figures"])
    return errors


def _error(table: str, index: int, field: str, cell, note: str) -> ValidationError:
    return ValidationError("cross-table", resource=table, row=_row(index), field=field, cell=cell, note=note)


def _group_sizes(groups: pl.DataFrame, table: str, member: str) -> list[ValidationError]:
    counted = groups.with_row_index().with_columns(actual=pl.col("article_id").n_unique().over("group_id"))
    errors = [
        _error(table, i, "group_id", g, f"spans {n} article; a group spans at least two")
        for i, g, n in counted.filter(pl.col("actual") < 2).select("index", "group_id", "actual").iter_rows()
    ]
    if "n_articles" in groups.columns:
        wrong = counted.filter(pl.col("n_articles") != pl.col("actual"))
        errors += [_error(table, i, "n_articles", n, f"but group {g} spans {a} articles") for i, n, g, a in wrong.select("index", "n_articles", "group_id", "actual").iter_rows()]
    return errors


def _member_spans(groups: pl.DataFrame, members: pl.DataFrame, table: str, key: str) -> list[ValidationError]:
    ref = members.select(key, pl.col("article_id").alias("_a"), pl.col("start").alias("_s"), pl.col("end").alias("_e"))
    rows = groups.with_row_index().join(ref, on=key, how="inner")
    errors = []
    for column, other in (("article_id", "_a"), ("start", "_s"), ("end", "_e")):
        for i, cell, expected, k in rows.filter(pl.col(column) != pl.col(other)).select("index", column, other, key).iter_rows():
            errors.append(_error(table, i, column, cell, f"should be {expected!r}, as in {key} {k}"))
    return errors


def _quote_relations(groups: pl.DataFrame, quotes: pl.DataFrame) -> list[ValidationError]:
    wanted = pl.concat([groups["quote_id"], groups["reference_quote_id"]]).unique()
    text = dict(quotes.filter(pl.col("quote_id").is_in(wanted.implode())).select("quote_id", "text").iter_rows())
    errors = []
    per_group = groups.group_by("group_id").agg(refs=(pl.col("relation") == "reference").sum(), ids=pl.col("reference_quote_id").n_unique())
    for g, refs, ids in per_group.filter((pl.col("refs") != 1) | (pl.col("ids") != 1)).sort("group_id").iter_rows():
        index = groups.with_row_index().filter(pl.col("group_id") == g)["index"][0]
        errors.append(_error("quote_groups", index, "group_id", g, f"has {refs} reference rows and {ids} reference quotes; a group has exactly one"))
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
            errors.append(_error("quote_groups", i, "relation", relation, f"is not true of the quote's text {mine!r} against the reference {theirs!r}"))
    return errors


def _words(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(text))


def _unquoted(unquoted: pl.DataFrame, groups: pl.DataFrame) -> list[ValidationError]:
    members = groups.select("group_id", "quote_id")
    wrong = unquoted.with_row_index().join(members, on=["group_id", "quote_id"], how="anti")
    return [_error("unquoted", i, "quote_id", q, f"is not a member of quote group {g}") for i, g, q in wrong.select("index", "group_id", "quote_id").iter_rows()]


def _figure_agreement(groups: pl.DataFrame, figures: pl.DataFrame) -> list[ValidationError]:
    columns = ["figure_id", "value", "value_low", "value_high", "value_kind", pl.col("unit").str.to_lowercase(),
               # (a unit differs only as a unit of measure; a base only as a percentage's)
               pl.when(pl.col("unit").is_in(list(MEASURE_UNITS))).then(pl.col("unit").str.to_lowercase()).alias("_measure"),
               pl.when(pl.col("unit").is_in(list(PERCENT_UNITS))).then(pl.col("subject").str.to_lowercase()).alias("_base")]
    rows = groups.with_row_index().join(figures.select(columns), on="figure_id", how="inner")
    errors = []
    mixed = rows.filter(pl.col("agreement").n_unique().over("group_id") > 1)
    errors += [_error("figure_groups", i, "agreement", a, f"differs from other members of group {g}") for i, a, g in mixed.select("index", "agreement", "group_id").iter_rows()]
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
        errors.append(_error("figure_groups", i, "agreement", "consistent", f"but the members of group {g} differ in value, qualifier, unit or base"))
    for aspect in ASPECT_COLUMNS:
        listed = pl.col("differs").fill_null("").str.split(";").list.contains(aspect)
        for i, g in rows.filter(listed & (pl.col(f"_{aspect}") < 2)).select("index", "group_id").iter_rows():
            errors.append(_error("figure_groups", i, "differs", aspect, f"but no member of group {g} differs in {aspect}"))
    return errors
