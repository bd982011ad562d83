"""benchmarks/reuse_measures.py: its order-preserving overlap is a true longest common
subsequence, and it prints a row per measure for corpora in the COUNTER and BASIL layouts."""

from __future__ import annotations

import importlib.util
import random

from newsprov.core.layout import REPO_ROOT
from newsprov.dataset.compare import reuse


def _bench():
    spec = importlib.util.spec_from_file_location("reuse_measures", REPO_ROOT / "benchmarks" / "reuse_measures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lcs_table(a: list[str], b: list[str]) -> int:
    """The textbook dynamic programme."""
    row = [0] * (len(b) + 1)
    for x in a:
        prev_diag, row[0] = 0, 0
        for j, y in enumerate(b, start=1):
            prev_diag, row[j] = row[j], prev_diag + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def test_ordered_words_is_the_longest_common_subsequence_over_the_first_text():
    bench = _bench()
    rng = random.Random(7)
    for _ in range(300):
        a = [rng.choice("abcde") for _ in range(rng.randint(1, 40))]
        b = [rng.choice("abcdef") for _ in range(rng.randint(0, 40))]
        ta, tb = reuse.tokenise(" ".join(a)), reuse.tokenise(" ".join(b))
        assert bench.ordered_words(ta, tb) == _lcs_table(a, b) / len(a)
    assert bench.ordered_words(reuse.tokenise("the talks ended"), reuse.tokenise("ended the talks")) == 2 / 3


def test_it_prints_every_measure_for_both_layouts(tmp_path, capsys):
    bench = _bench()
    counter = tmp_path / "counter"
    agency = "The cabinet on Monday approved a plan to build two hundred schools in rural districts."
    pairs = {"x1": ("WD", agency, "The cabinet on Monday approved a plan to build two hundred schools."),
             "x2": ("PD", agency, "Parents waited. The cabinet on Monday approved a plan to build schools."),
             "x3": ("ND", agency, "Ministers signed off a scheme for 200 village classrooms this week.")}
    for pair, (_label, src, der) in pairs.items():
        (counter / "pairs" / pair).mkdir(parents=True)
        (counter / "pairs" / pair / f"{pair}_src.txt").write_text(src, encoding="utf-8")
        (counter / "pairs" / pair / f"{pair}_der.txt").write_text(der, encoding="utf-8")
    (counter / "labels.tsv").write_text("".join(f"{p}\t{lab}\n" for p, (lab, _, _) in pairs.items()), encoding="utf-8")
    basil = tmp_path / "basil" / "text"
    basil.mkdir(parents=True)
    (basil / "s1_fox.txt").write_text("Lawmakers slammed the plan on Monday.", encoding="utf-8")
    (basil / "s1_nyt.txt").write_text("The plan drew criticism from legislators.", encoding="utf-8")
    assert bench.main(["--counter", str(counter), "--basil", str(basil.parent), "--folds", "3"]) == 0
    out = capsys.readouterr().out
    assert "3 pairs (1 WD, 1 PD, 1 ND); BASIL: 2 directed pairs" in out
    rows = {line.split(" | ")[0].lstrip("| "): line for line in out.splitlines() if line.startswith("| ")}
    assert set(bench.MEASURES) <= set(rows)
    # the wholly derived copy outranks the independent rewrite on the published share
    assert rows["share"].split(" | ")[1] == "1.000"


def test_a_folder_without_labels_is_refused(tmp_path, capsys):
    assert _bench().main(["--counter", str(tmp_path)]) == 2
    assert "no labels.tsv" in capsys.readouterr().err


def test_a_text_that_is_not_utf8_is_named_in_one_line(tmp_path, capsys):
    folder = tmp_path / "counter"
    (folder / "pairs" / "x1").mkdir(parents=True)
    (folder / "labels.tsv").write_text("x1\tWD\n", encoding="utf-8")
    (folder / "pairs" / "x1" / "x1_src.txt").write_text("The cabinet met.", encoding="utf-8")
    (folder / "pairs" / "x1" / "x1_der.txt").write_bytes(b"\xff\xfe not UTF-8")
    assert _bench().main(["--counter", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "pair x1" in err and "utf-8" in err
