"""The drift rules on invented sentences, through `newsprov build` and the package's drifts tables.

Every rule on invented sentences: one story of three versions, a test per kind.

Version a and c print the same wording; b changes one thing per paragraph (c changes a
few others), so each kind must come out once, with the right sides. Each assertion names
the span texts, so a rule that stops firing, fires on the wrong words or puts the versions
on the wrong sides fails.
"""
import polars as pl
import pytest


def _build(tmp_path, texts):
    """Write the versions, build them with newsprov, load the package: (drifts, drift_spans, texts)."""
    import newsprov
    from newsprov.dataset.build import build
    src = tmp_path / "src"
    src.mkdir()
    for aid, text in texts.items():
        (src / f"{aid}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(src, out)
    ds = newsprov.load(out)
    return ds.drifts, ds.drift_spans, {aid: ds.text(aid) for aid in texts}


@pytest.fixture
def story(tmp_path):
    """story({"a": text, "b": text, ...}) -> (drifts, drift_spans, texts) of the built package."""
    return lambda texts: _build(tmp_path, texts)


def rows(d: pl.DataFrame, s: pl.DataFrame, kind: str):
    """[(row, {side: [(article, text)]})] of one kind."""
    out = []
    for r in d.filter(pl.col("kind") == kind).iter_rows(named=True):
        sp = s.filter(pl.col("drift_id") == r["drift_id"])
        sides = {side: [(a, t) for a, t in sp.filter(pl.col("side") == side).select("article_id", "text").iter_rows()]
                 for side in ("a", "b")}
        out.append((r, sides))
    return out


def texts_of(side):
    return {t for _a, t in side if t is not None}

A = """Flood talks in Riverton ended on Tuesday without a deal, the mayor said.

The council will open the dam gates next week to relieve the pressure on the wall.

Engineers did not find cracks in the northern wall of the old dam during the inspection.

Water levels rose sharply overnight after the storm, the river agency reported on its website.

Rescuers evacuated 320 residents from the low valley farms before dawn on Monday.

"We will rebuild every bridge in this valley before the winter," Governor Ruth Osei told reporters.

A shelter for 80 families opened in the school gym near the old mill, and volunteers brought blankets and soup.

The storm hit the coast on Sunday and flooded the harbour district.

Drones struck the fuel depot outside the town, the army said in a short statement.

The repairs should last at least until the spring floods, according to the engineers. – AP
"""

B = """Flood talks in Riverton ended on Thursday without a deal, the mayor claimed.

The council may open the dam gates next week to relieve the pressure on the wall.

Engineers did find cracks in the northern wall of the old dam during the inspection.

Water levels fell sharply overnight after the storm, the river agency reported on its website.

Rescuers evacuated 230 residents from the low valley farms before dawn on Monday.

"We will rebuild every single bridge in this whole valley before the winter," Governor Ruth Osei told reporters.

A shelter for 80 families opened in the school gym near the old mill, and volunteers brought blankets and soup.

The devastating storm hit the coast on Sunday and flooded the harbour district.

Drones targeted the fuel depot outside the town, the army said in a short statement.

The repairs should last until the spring floods, according to the engineers.

(With agency inputs)
"""

C = """Flood talks in Rivertown ended on Tuesday without a deal, the mayor said.

The council will open the dam gates next week to relieve the pressure on the wall.

Engineers did not find cracks in the northern wall of the old dam during the inspection.

Water levels rose sharply overnight after the storm, the river agency reported on its website.

Rescuers evacuated 320 residents from the low valley farms before dawn on Monday.

Governor Ruth Osei told reporters the state will rebuild every bridge in this valley before the winter.

The storm hit the coast on Sunday and flooded the harbour district.

Drones struck the fuel depot outside the town, the army said in a short statement.

The repairs should last at least until the spring floods, according to the engineers.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("story"), {"a": A, "b": B, "c": C})


def one(built, kind):
    d, s, _ = built
    got = rows(d, s, kind)
    assert got, f"no {kind} row"
    return got


def test_every_span_is_exact(built):
    d, s, texts = built
    for aid, st, en, t in s.drop_nulls("start").select("article_id", "start", "end", "text").iter_rows():
        assert texts[aid][st:en] == t


def test_attribution_said_vs_claimed_one_row_sides_two_and_one(built):
    (r, sides), = one(built, "attribution")
    assert texts_of(sides["a"]) == {"said"} and {a for a, _ in sides["a"]} == {"a", "c"}
    assert texts_of(sides["b"]) == {"claimed"} and (r["n_a"], r["n_b"]) == (2, 1)


def test_time_reference_weekday(built):
    got = [(texts_of(s["a"]), texts_of(s["b"])) for _r, s in one(built, "time_reference")]
    assert ({"Tuesday"}, {"Thursday"}) in got


def test_modality_will_vs_may(built):
    got = [(texts_of(s["a"]), texts_of(s["b"])) for _r, s in one(built, "modality")]
    assert ({"will"}, {"may"}) in got


def test_modality_hedge_at_least(built):
    got = [(r["method"], texts_of(s["a"]) | texts_of(s["b"])) for r, s in one(built, "modality")]
    assert any(m == "hedge" and any("at least" in t for t in ts) for m, ts in got)


def test_negation_not_dropped(built):
    (r, sides), = one(built, "negation")
    assert texts_of(sides["a"]) | texts_of(sides["b"]) >= {"not"}
    assert {a for a, _ in sides["a"]} | {a for a, _ in sides["b"]} == {"a", "b", "c"}


def test_reversal_rose_vs_fell(built):
    got = [texts_of(s["a"]) | texts_of(s["b"]) for _r, s in one(built, "reversal")]
    assert {"rose", "fell"} in got


def test_figure_value_320_vs_230(built):
    got = [texts_of(s["a"]) | texts_of(s["b"]) for _r, s in one(built, "figure_value")]
    assert any({"320", "230"} <= ts for ts in got)


def test_quote_wording_words_added_inside_the_quotation(built):
    (r, sides), = one(built, "quote_wording")
    assert any("single" in t for t in texts_of(sides["b"]) | texts_of(sides["a"]))


def test_quote_paraphrase_quoted_vs_reported(built):
    got = one(built, "quote_paraphrase")
    assert any({a for a, _ in s["b"]} == {"c"} and {a for a, _ in s["a"]} == {"a", "b"} for _r, s in got)


def test_name_spelling_riverton_rivertown(built):
    (r, sides), = one(built, "name_spelling")
    assert texts_of(sides["a"]) == {"Riverton"} and texts_of(sides["b"]) == {"Rivertown"}


def test_framing_loaded_word_first(built):
    (r, sides), = one(built, "framing")
    assert texts_of(sides["a"]) == {"devastating"} and {a for a, _ in sides["a"]} == {"b"}


def test_omission_whole_paragraph_lacking_in_one_version(built):
    got = one(built, "omission")
    hit = [(r, s) for r, s in got if any("shelter" in (t or "") for _a, t in s["a"])]
    assert hit
    r, s = hit[0]
    assert [a for a, t in s["b"]] == ["c"] and all(t is None for _a, t in s["b"])


def test_no_omission_claimed_for_material_present_in_other_words(built):
    for r, s in one(built, "omission"):
        assert not any("rebuild" in (t or "") for _a, t in s["a"]), "the governor's line is in every version"


def test_caption_credit_agency_credits_differ(built):
    (r, sides), = one(built, "caption_credit")
    assert texts_of(sides["a"]) | texts_of(sides["b"]) >= {"AP", "(With agency inputs)"}


def test_wording_outcome_vs_attempt(built):
    (r, sides), = one(built, "wording")
    assert texts_of(sides["a"]) | texts_of(sides["b"]) == {"struck", "targeted"}


def test_no_row_for_style_only_differences(story):
    d, s, _ = story({
        "x": "The cease-fire talks in Cairo concluded Sunday, a U.S. official said, after about 100 delegates met.\n",
        "y": "The ceasefire talks in Cairo concluded on Sunday, a US official said, after around 100 delegates met.\n",
    })
    assert d.height == 0, d


def test_a_one_word_quotation_printed_without_quotation_marks_in_a_rewrite(story):
    # a quotes one word of the official's; b, a rewrite of the same sentence, prints it plainly
    a = ("Talks on the Riverton flood wall ended on Sunday without a deal, an official said.\n\n"
         "The official called the three days of meetings \"constructive\" and said engineers would return next week.\n")
    b = ("Talks on the Riverton flood wall ended on Sunday without a deal, an official said.\n\n"
         "The three days of meetings were described as constructive by the official, who said engineers would return next week.\n")
    d, s, _ = story({"a": a, "b": b})
    got = [(r, sides) for r, sides in rows(d, s, "quote_paraphrase")]
    assert [(sides["a"], sides["b"]) for _r, sides in got] == [([("a", "constructive")], [("b", "constructive")])]


def test_photo_and_source_credits_are_two_rows_and_an_unnamed_agency_is_a_reading(story):
    # a prints a photo credited to AFP and ends "- AP"; b prints another photo (EPA) and "(With agency
    # inputs)"; c prints neither. A version lacking both credits must not join the two into one row.
    body = ("Flood talks in Riverton ended on Tuesday without a deal, the mayor said.\n\n"
            "The council will open the dam gates next week to relieve the pressure on the wall.\n\n")
    a = (body + "A resident checks the damage to the old mill in Riverton, May 4, 2025. (AFP Photo)\n\n"
         "Engineers will inspect the northern wall again on Friday. – AP\n")
    b = ("Residents sandbag the river bank near the school in Riverton. Photograph: EPA\n\n" + body
         + "Engineers will inspect the northern wall again on Friday.\n\n(With agency inputs)\n")
    c = body + "Engineers will inspect the northern wall again on Friday.\n"
    d, s, _ = story({"a": a, "b": b, "c": c})
    got = {r["method"]: sides for r, sides in rows(d, s, "caption_credit")}
    assert set(got) == {"credit-photo", "credit-source"}
    photo, source = got["credit-photo"], got["credit-source"]
    assert not {t for side in photo.values() for t in texts_of(side)} & {"AP", "(With agency inputs)"}
    assert texts_of(source["a"]) == {"AP"} and [x for x, _t in source["a"]] == ["a"]
    assert texts_of(source["b"]) == {"(With agency inputs)"} and sorted(x for x, _t in source["b"]) == ["b", "c"]


def test_a_strong_word_put_in_place_of_a_weaker_one_is_a_wording_row(story):
    # b softens "war" to "conflict" in the lede but speaks of a "wider war" further down: no
    # framing choice of a's (b prints the word), still an edit a reader is told less by
    lede = "Talks in Cairo to end the ten-month {} in Gaza ended on Sunday without a deal, an official said.\n\n"
    rest = ("Mediators from Egypt and Qatar will meet the delegations again next week in Cairo.\n\n"
            "The talks are meant to prevent a wider {} across the region, diplomats said.\n")
    d, s, _ = story({"a": lede.format("war") + rest.format("war"), "b": lede.format("conflict") + rest.format("war")})
    (r, sides), = rows(d, s, "wording")
    assert r["method"] == "weaker-word"
    assert sides["a"] == [("a", "war")] and sides["b"] == [("b", "conflict")]


def test_no_weaker_word_row_between_sentences_written_apart(story):
    # one subject, two constructions (similarity below SUBSTITUTION_MIN_SIMILARITY): "win" / "secure"
    # is no edit of one sentence
    common = "Ohio voted on Tuesday and the count went on late into the night in Columbus.\n\n"
    a = common + "It takes 1,237 delegates to win the Republican nomination for president.\n\nKasich is in the race.\n"
    b = common + "No one is on pace to get the 1,237 delegates needed to secure the Republican nomination, he said, so he can win later.\n"
    d, s, _ = story({"a": a, "b": b})
    assert not rows(d, s, "wording")


def test_no_weaker_word_row_for_a_word_the_lexicon_does_not_rate(story):
    # "friends" (rated) in place of "family" (unrated): another word, not a weaker one
    lede = "The mayor thanked her {} at the opening of the new bridge in Riverton on Sunday, officials said.\n\n"
    rest = "The bridge cost the city two years of work, and her friends organised the party afterwards.\n"
    d, s, _ = story({"a": lede.format("friends") + rest, "b": lede.format("family") + rest})
    assert not rows(d, s, "wording")
