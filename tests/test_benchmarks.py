"""The benchmark script runs (figures are reported in the README, never asserted as times)."""

import importlib.util
import os
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_core.py"


def test_bench_core_quick_run_produces_a_report() -> None:
    spec = importlib.util.spec_from_file_location("bench_core", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    affinity = os.sched_getaffinity(0)
    try:
        per_size, memory, report = module.run(quick=True)
    finally:
        os.sched_setaffinity(0, affinity)  # the script pins itself to one core
    assert len(per_size) == 2 and all(row["n"] > 0 and row["apply"] > 0 for row in per_size)
    assert memory["ratio"] > 1
    assert "apply_batch" in report and "| Target |" in report
