"""benchmarks/bench_stages.py: a stage's time is its own, less the stages it started."""

from __future__ import annotations

import importlib.util

from newsprov.core.layout import REPO_ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench_stages", REPO_ROOT / "benchmarks" / "bench_stages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_stage_is_timed_without_the_stages_it_starts(monkeypatch):
    bench = _bench()
    clock = iter(range(0, 1000, 1))  # each reading of the clock one second later
    monkeypatch.setattr(bench.time, "perf_counter", lambda: float(next(clock)))
    stages = bench.Stages()

    def inner():
        return stages.timed("inner", lambda: "x")  # reads the clock at 1 and 2: 1 s

    # outer reads the clock at 0 and 3: 3 s in all, 1 s of it in inner
    assert stages.timed("outer", inner) == "x"
    assert stages.exclusive == {"inner": 1.0, "outer": 2.0}
    stages.timed("inner", lambda: None)  # 4 and 5: inner's second second
    assert stages.exclusive["inner"] == 2.0
