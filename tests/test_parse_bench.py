"""benchmarks/bench_parse.py runs (its figures go in the README, never asserted as times)."""

import importlib.util
import os
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_parse.py"


def test_bench_parse_quick_run_prints_its_tables(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("bench_parse", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    try:
        assert module.main(["--quick"]) == 0
    finally:
        if affinity is not None:
            os.sched_setaffinity(0, affinity)  # the script pins itself to one core
    out = capsys.readouterr().out
    assert "| typical single instructions | 80 |" in out
    assert "texts per CPU second" in out and "Time against length" in out
    assert out.count("\n| ") >= 2 + len(module.PATHOLOGICAL)
    # distinct texts: no two variants of a seed are the same, and each still reads the same way
    seeds = module.CHILDREN_ACT_ITEMS
    assert len({module.variant(t, k) for t in seeds for k in range(1, 30)}) == 29 * len(seeds)
