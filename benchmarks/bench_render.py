#!/usr/bin/env python3
"""Speed of the redline and the annotated text as the number of operations grows.

Run from the repository root (lawdiff installed, e.g. ``pip install -e .``)::

    python benchmarks/bench_render.py           # full run, a few minutes: prints Markdown tables
    python benchmarks/bench_render.py --quick   # smoke run on small inputs (a few seconds)
    python benchmarks/bench_render.py --sizes 1000,2000 --no-spread   # a part of it

What is measured (one core, see ``benchmarks/README.md`` for the method):

1. **Many operations on one provision.**  An Act whose s. 1(1) lists 2N
   sections by number ("… are sections 100, 101, 102, … of the Principal
   Act.") and N word operations on it (40% substitutions, "for “117”
   substitute “117A”"; 30% insertions after given words; 30% omissions),
   each quoting words that occur once.  Timed:
   ``consolidate`` (for reference), ``redline_text`` of the base text
   against the consolidated text, and ``annotated_text`` of the
   consolidated text.
2. **A large Act with spread-out operations.**  The generated Act of
   ``bench_core.py`` at about 50 MB of Akoma Ntoso (205,000 provisions) and
   10,000 word operations spread over it.  Timed: ``redline_text`` and
   ``annotated_text``, each once, in a fresh process whose peak resident
   memory is read before and after (Linux ``/proc/self/status``).

Each figure is the best of up to 3 runs (one run when a run takes more than
10 s), in CPU time of the process (``time.process_time``, so that other work
on a shared machine does not inflate it), after ``gc.collect()``.  The
generators use fixed seeds.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import lawdiff  # noqa: E402
from lawdiff.address import Address  # noqa: E402
from lawdiff.amendment import Amendment  # noqa: E402
from lawdiff.commencement import Commencement  # noqa: E402
from lawdiff.designation import Designation, Style  # noqa: E402
from lawdiff.engine import consolidate  # noqa: E402
from lawdiff.model import Act, ActInfo, Kind, Provision  # noqa: E402
from lawdiff.operations import (  # noqa: E402
    InsertWords,
    OmitWords,
    Operation,
    Position,
    Provenance,
    SubstituteWords,
)
from lawdiff.render.annotated import annotated_text  # noqa: E402
from lawdiff.render.redline import redline_text  # noqa: E402
from lawdiff.text import Words  # noqa: E402

SEED = 2031_7
SIZES = (1_000, 2_000, 4_000, 10_000)
QUICK_SIZES = (100, 200)
SPREAD_PROVISIONS = 205_000
SPREAD_OPS = 10_000
QUICK_SPREAD = (3_000, 300)
WORK = "ukpga/2030/99"
CITATION = "Benchmark (Reform) Act 2031 (c. 7)"
IN_FORCE = (Commencement(date=date(2031, 1, 1)),)

# --- many operations on one provision -------------------------------------------------------


def one_provision(n: int, seed: int = SEED) -> tuple[Act, Amendment]:
    """An Act whose s. 1(1) lists 2n sections by number, and n word operations on it."""
    rng = random.Random(f"{seed}:one:{n}")
    numbers = list(range(100, 100 + 2 * n))
    text = ("The enactments mentioned in section 2 are sections "
            + ", ".join(str(k) for k in numbers) + " of the Principal Act.")
    sub = Provision(Kind.SUBSECTION, Designation("1", Style.NUMBER), text=text)
    section = Provision(Kind.SECTION, Designation("1", Style.NUMBER),
                        heading="Relevant enactments", children=(sub,))
    info = ActInfo(title="Generated Benchmark Act", year=2030, chapter="c. 99", work=WORK,
                   version_date=date(2030, 1, 1))
    target = Address.parse("s. 1(1)")
    ops: list[Operation] = []
    for i, k in enumerate(rng.sample(numbers[:-1], n), start=1):
        prov = Provenance(f"{CITATION}, Sch. 1 para. {i}")
        roll = rng.random()
        if roll < 0.4:
            ops.append(SubstituteWords(target=target, old=Words(str(k)), new=f"{k}A",
                                       provenance=prov, commencement=IN_FORCE))
        elif roll < 0.7:
            ops.append(InsertWords(target=target, position=Position.AFTER, anchor=str(k),
                                   words="(so far as it extends to England)", provenance=prov,
                                   commencement=IN_FORCE))
        else:
            ops.append(OmitWords(target=target, old=Words(f"{k},"), provenance=prov,
                                 commencement=IN_FORCE))
    return Act(info, (section,)), Amendment(CITATION, WORK, tuple(ops))


def best_of(run: Callable[[], object], repeat: int = 3, alone: float = 10.0) -> float:
    """The fastest of up to ``repeat`` timings of ``run()``; one run if it takes over ``alone`` s."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.process_time()
        result = run()
        elapsed = time.process_time() - t0
        del result
        best = min(best, elapsed)
        if elapsed > alone:
            break
    return best


def bench_one(n: int) -> dict[str, float]:
    act, amendment = one_provision(n)
    before = consolidate(act, [amendment], date(2030, 6, 1))
    after = consolidate(act, [amendment])
    assert len(after.steps) == n and not before.steps
    return {
        "n": n,
        "chars": len(after.act.children[0].children[0].text or ""),  # type: ignore[union-attr]
        "consolidate": best_of(lambda: consolidate(act, [amendment])),
        "redline": best_of(lambda: redline_text(before, after)),
        "annotated": best_of(lambda: annotated_text(after)),
    }


# --- a large Act, operations spread out -----------------------------------------------------


def _rss_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def spread_child(provisions: int, count: int, what: str) -> dict[str, float]:
    """In this process: build the Act and operations, then time one ``what`` ("redline" or
    "annotated") and read the resident memory before it and at its peak."""
    from bench_core import generate_act, generate_ops  # the core benchmark's realistic Act

    from lawdiff.formats.akn import act_to_bytes

    act = generate_act(provisions)
    size = len(act_to_bytes(act))
    ops = generate_ops(act, count)
    dated = tuple(attrs_evolve_commencement(op) for op in ops)
    amendment = Amendment(CITATION, act.info.work, dated)
    before = consolidate(act, [amendment], date(2030, 6, 1))
    after = consolidate(act, [amendment])
    assert len(after.steps) == count
    run: Callable[[], str] = ((lambda: redline_text(before, after)) if what == "redline"
                              else (lambda: annotated_text(after)))
    gc.collect()
    rss = _rss_kb("VmRSS")
    t0 = time.process_time()
    out = run()
    elapsed = time.process_time() - t0
    peak = _rss_kb("VmHWM")
    return {"provisions": provisions, "ops": count, "akn_bytes": size, "seconds": elapsed,
            "rss_before_mb": rss / 1024, "peak_mb": peak / 1024, "extra_mb": (peak - rss) / 1024,
            "output_chars": len(out)}


def attrs_evolve_commencement(op: Operation) -> Operation:
    """``op`` with a commencement date (the generator's operations have none)."""
    import attrs

    return attrs.evolve(op, commencement=IN_FORCE)


def bench_spread(provisions: int, count: int) -> dict[str, dict[str, float]]:
    out = {}
    for what in ("redline", "annotated"):
        proc = subprocess.run([sys.executable, __file__, "--child", what, str(provisions),
                               str(count)], capture_output=True, text=True, check=True)
        out[what] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


# --- reporting ------------------------------------------------------------------------------


def pin_to_one_core() -> str:
    """Run on a single CPU where the OS allows it (children inherit it); a note for the report."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        cpu = cpus[-1]
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu} of {len(cpus)} available"
    return "not pinned (sched_setaffinity unavailable)"


def report(rows: Sequence[dict[str, float]], spread: dict[str, dict[str, float]] | None,
           note: str, quick: bool) -> str:
    lines = [
        f"Machine: {platform.platform()}, {platform.machine()}; "
        f"{platform.python_implementation()} {platform.python_version()}; "
        f"lawdiff {lawdiff.__version__}; {note}"
        f"{'; QUICK smoke run (small inputs, not the published figures)' if quick else ''}",
    ]
    if rows:
        first = rows[0]
        lines += [
            "",
            "Many operations on one provision (s. 1(1)):",
            "",
            "| Operations | Final text | consolidate (s) | redline_text (s) | annotated_text (s) "
            "| redline per op vs smallest | annotated per op vs smallest |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in rows:
            scale = first["n"] / r["n"]
            lines.append(
                f"| {r['n']:,} | {r['chars'] / 1000:,.0f} k chars | {r['consolidate']:.2f} "
                f"| {r['redline']:.2f} | {r['annotated']:.2f} "
                f"| {r['redline'] * scale / first['redline']:.2f} "
                f"| {r['annotated'] * scale / first['annotated']:.2f} |")
    if spread:
        red, ann = spread["redline"], spread["annotated"]
        lines += [
            "",
            f"A large Act ({red['provisions']:,} provisions, "
            f"{red['akn_bytes'] / 1e6:.1f} MB of AKN), {red['ops']:,} operations spread over it:",
            "",
            "| Output | Time (s) | RSS before (MB) | Peak RSS (MB) | Extra (MB) |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, r in (("redline_text", red), ("annotated_text", ann)):
            lines.append(f"| {name} | {r['seconds']:.1f} | {r['rss_before_mb']:,.0f} "
                         f"| {r['peak_mb']:,.0f} | {r['extra_mb']:,.0f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs: a smoke run")
    parser.add_argument("--sizes", help="comma-separated operation counts for the one-provision "
                                        "table (default 1000,2000,4000,10000)")
    parser.add_argument("--no-spread", action="store_true", help="skip the large Act")
    parser.add_argument("--child", nargs=3, metavar=("WHAT", "PROVISIONS", "OPS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        what, provisions, count = args.child
        print(json.dumps(spread_child(int(provisions), int(count), what)))
        return 0
    started = time.perf_counter()
    note = pin_to_one_core()
    sizes = (tuple(int(s) for s in args.sizes.split(",")) if args.sizes
             else QUICK_SIZES if args.quick else SIZES)
    rows = [bench_one(n) for n in sizes]
    spread = None
    if not args.no_spread:
        spread = bench_spread(*(QUICK_SPREAD if args.quick else (SPREAD_PROVISIONS, SPREAD_OPS)))
    print(report(rows, spread, note, args.quick))
    print(f"\n(benchmark wall time {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
