"""The drift engine's weighted sums do not depend on the order a set is walked in.

Python's set order of strings changes from one process to the next (string hashing is
salted), and a float sum depends on its order: 0.1 + 0.2 + 0.3 != 0.3 + 0.2 + 0.1. A sum
over a set of stems must therefore be exactly rounded (math.fsum), or two builds of one
folder differ (found on PolNeAR train: an omission's span moved between runs)."""
import itertools
from types import SimpleNamespace as NS

from newsprov.dataset.compare.drift.omission import _Index


def _article(sentences):
    return NS(sents=[NS(toks=[NS(stem=s, content=True) for s in stems]) for stems in sentences])


def test_window_scores_and_ties_are_the_same_in_every_walking_order():
    assert 0.1 + 0.2 + 0.3 != 0.3 + 0.2 + 0.1  # the premise: naive sums depend on the order
    # window 0 (sentences 0-1) holds x, y, z; window 2 holds q alone, weighing their sum
    art = _article([["x", "y"], ["z"], ["q"]])
    w = {"x": 0.1, "y": 0.2, "z": 0.3, "q": 0.6}
    index = _Index(art)
    results = {index.best(list(order), w) for order in itertools.permutations(["x", "y", "z", "q"])}
    assert len(results) == 1, results
