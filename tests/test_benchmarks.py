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


def _load(name: str) -> object:
    path = BENCH.parent / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_render_measures_and_reports() -> None:
    bench = _load("bench_render")
    row = bench.bench_one(40)  # type: ignore[attr-defined]
    assert row["n"] == 40 and row["redline"] > 0 and row["annotated"] > 0
    report = bench.report([row], None, "not pinned", True)  # type: ignore[attr-defined]
    assert "| 40 |" in report and "redline_text" in report


def test_bench_diff_measures_and_reports() -> None:
    bench = _load("bench_diff")
    rows = {parts: [bench.bench_lawdiff(n, parts, 1) for n in (20, 40)]  # type: ignore[attr-defined]
            for parts in (False, True)}
    assert all(r["ops"] > 0 for group in rows.values() for r in group)
    report = bench.report(rows, "xmldiff not run", "not pinned", True)  # type: ignore[attr-defined]
    assert "| x2 sections" in report and "xmldiff not run" in report
