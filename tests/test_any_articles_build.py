"""Any folder of articles builds into a package both validators accept: invented articles naming
people in every form news style uses (hypothesis), and a sample of the real corpora in ../shared
(the full run, every corpus whole and in random subsets and unions, is
scripts/build_random_subsets.py)."""

from __future__ import annotations

import importlib.util
import random
import shutil
import sys

import frictionless
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from newsprov.dataset.build import build
from newsprov.core.layout import REPO_ROOT
from newsprov.validators.run import validate

from conftest import SHARED

FIRST = ["Hassan", "Donald", "Hillary", "Michael", "Rick", "Ann", "Jim", "Mary"]
LAST = ["Nasrallah", "Nasralah", "Trump", "Clinton", "Steele", "Perry", "Hale", "Reyes", "Bush"]
TITLES = ["Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Gov.", "President", "Rep.", "Texas Gov.", "Hezbollah leader"]
ROLES = ["the Texas governor", "the senator", "the congressman", "a U.S. official", "the official", "the president",
         "the former governor", "protesters", "the campaign", "the group", "the report"]
PLACES = ["New York", "Texas", "Ohio", "Beirut", "Cairo"]
QUOTES = ["We will respond at a time of our choosing", "The country can relax now", "This is not the end",
          "We fired 320 rockets at the base", "It was a bad bill from the start", "Talks were constructive"]


@st.composite
def mention(draw):
    """A name, a title and a surname, a possessive, a middle initial, a role, a pronoun."""
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    return draw(st.sampled_from([
        f"{first} {last}", last, f"{draw(st.sampled_from(TITLES))} {last}", f"{draw(st.sampled_from(TITLES))} {first} {last}",
        f"{first} {draw(st.sampled_from('JDMR'))}. {last}", f"{last}’s", f"{last}'s", f"{first} {last}’s aide",
        draw(st.sampled_from(ROLES)), "he", "she", "they", f"{first} {last} of {draw(st.sampled_from(PLACES))}",
    ]))


@st.composite
def sentence(draw):
    who, quote = draw(mention()), draw(st.sampled_from(QUOTES))
    place = draw(st.sampled_from(PLACES))
    forms = [
        f"“{quote},” {who} said.", f"{who[:1].upper() + who[1:]} said the plan was “{quote.lower()}.”",
        f"“{quote},” said {who}.", f"{who[:1].upper() + who[1:]} spoke in {place} on Sunday.",
        f"According to {who}, “{quote.lower()}.”", f"{who[:1].upper() + who[1:]}: “{quote}.”",
        f"She moved to {place} in 2001. “{quote},” she said.",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def article(draw):
    paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4))
    headline = draw(st.sampled_from(["Leader speaks", "Talks in Cairo", "Perry Ad Focuses on Faith", "Updated: reaction"]))
    return "\n\n".join([headline, *paragraphs]) + "\n"


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(article(), min_size=1, max_size=4))
def test_invented_articles_naming_people_every_way_build_into_a_valid_package(tmp_path, texts):
    folder, out = tmp_path / "articles", tmp_path / "pkg"
    shutil.rmtree(tmp_path, ignore_errors=True)
    folder.mkdir(parents=True)
    for n, text in enumerate(texts):
        (folder / f"a{n}.txt").write_text(text, encoding="utf-8")
    result = build(folder, out)
    assert result.dropped == []  # no heuristic row broke a rule here
    entities = result.tables["entities"]
    canon = dict(entities.select("alias", "canonical").iter_rows())
    assert all(canon[c] == c for c in canon.values())  # no chain, no cycle
    assert not any(c.endswith(("’s", "'s")) for c in canon.values())
    report = validate(out)
    assert report.valid, report.to_text()
    assert frictionless.validate(str(out / "datapackage.json")).valid


def _harness():
    spec = importlib.util.spec_from_file_location("build_random_subsets", REPO_ROOT / "scripts" / "build_random_subsets.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason=f"{SHARED / 'corpora'} is absent (evaluation corpora live in ../shared)")
def test_a_random_union_of_every_real_corpus_builds_into_a_valid_package(tmp_path):
    """A sample of what scripts/build_random_subsets.py runs in full: a few articles of each corpus
    in one folder (seed 7), built, then checked by both validators."""
    harness = _harness()
    found = harness.corpora(SHARED)
    assert {"polnear-train", "polnear-dev", "basil-dev", "counter-dev"} <= set(found)
    rng = random.Random(7)
    files = [f for corpus, paths in found.items() for f in harness.named(corpus, rng.sample(paths, min(4, len(paths))))]
    folder, out = tmp_path / "articles", tmp_path / "pkg"
    folder.mkdir()
    for name, path in files:
        shutil.copyfile(path, folder / name)
    result = build(folder, out)
    assert result.tables["articles"].height == len(files)
    report = validate(out)
    assert report.valid, report.to_text()
    assert frictionless.validate(str(out / "datapackage.json")).valid
