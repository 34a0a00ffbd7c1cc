#!/usr/bin/env python3
"""Speed of ``lawdiff.diff.diff`` as the number of sibling sections grows, against xmldiff.

Run from the repository root (lawdiff installed, e.g. ``pip install -e .``)::

    python benchmarks/bench_diff.py           # full run, about 2 minutes: prints Markdown tables
    python benchmarks/bench_diff.py --quick   # smoke run on small inputs (a few seconds)

What is measured (one core, see ``benchmarks/README.md`` for the method):

* **The pair.**  An Act of N sections (each with two to four subsections of
  statute-like text, from a fixed seed) and a later text of it: 5% of the
  sections have a word changed (substituted, inserted or omitted), 2% are
  repealed (left as placeholders), 1% are substituted whole, and 2% new
  sections are inserted ("12A" after s. 12).  Two layouts: every section
  directly under the Act, and sections in Parts of 50.
* **lawdiff.**  ``diff(a, b)`` (``fallback=False``), best of 3 in CPU time
  of the process (``time.process_time``, so that other work on a shared
  machine does not inflate it); the result is checked to turn ``a`` into
  ``b``.
* **xmldiff.**  ``xmldiff.main.diff_trees`` with ``fast_match=True`` on the
  two Akoma Ntoso files (``lawdiff.formats.akn.act_to_bytes``, parsed
  beforehand) of the flat pair of 1,000 sections, best of 3.  xmldiff is not
  a dependency of lawdiff: without it (``pip install xmldiff``) that row says
  so.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import lawdiff  # noqa: E402
from lawdiff.designation import Designation, Style  # noqa: E402
from lawdiff.diff import diff  # noqa: E402
from lawdiff.engine import apply_batch  # noqa: E402
from lawdiff.model import Act, ActInfo, Kind, Node, Omitted, Provision  # noqa: E402

SEED = 1989_42
SIZES = (300, 1_000, 3_000)
QUICK_SIZES = (60, 120)
XMLDIFF_SECTIONS = 1_000
TARGET_GROWTH = 2.2
TARGET_VS_XMLDIFF = 20.0

SUBJECTS = ("the keeping of registers", "the form of applications", "the payment of fees",
            "the inspection of premises", "the conduct of inquiries", "the giving of notices")
AUTHORITIES = ("Secretary of State", "Welsh Ministers", "local authority", "Commission",
               "Treasury", "relevant body")
PERIODS = ("28 days", "3 months", "6 months", "14 days", "one year")


def _sentence(rng: random.Random, sec: int, k: int) -> str:
    a, s, p = rng.choice(AUTHORITIES), rng.choice(SUBJECTS), rng.choice(PERIODS)
    return rng.choice((
        f"The {a} may by regulations make provision about {s} for the purposes of section {sec}.",
        f"The {a} must publish a report within the period of {p} beginning with the day on "
        f"which subsection ({k}) first applies.",
        f"A person who fails without reasonable excuse to comply with subsection ({k}) commits "
        f"an offence under section {sec}.",
        f"Regulations under this section about {s} may make different provision for different "
        f"areas.",
    ))


def _num(value: str) -> Designation:
    return Designation(value, Style.NUMBER)


def _section(rng: random.Random, number: str, serial: int) -> Provision:
    subs = [Provision(Kind.SUBSECTION, _num(str(k)), text=_sentence(rng, serial, k))
            for k in range(1, rng.randint(2, 4) + 1)]
    return Provision(Kind.SECTION, _num(number), heading=f"Heading {serial}", children=subs)


def _grouped(sections: Sequence[Node], parts: bool) -> tuple[Node, ...]:
    if not parts:
        return tuple(sections)
    return tuple(Provision(Kind.PART, _num(str(i // 50 + 1)), heading=f"Part {i // 50 + 1}",
                           children=tuple(sections[i:i + 50]))
                 for i in range(0, len(sections), 50))


def pair(n: int, parts: bool, seed: int = SEED) -> tuple[Act, Act]:
    """An Act of ``n`` sections and a later text of it (see the module documentation)."""
    rng = random.Random(f"{seed}:{n}")
    info = ActInfo(title="Generated Benchmark Act", year=2030, chapter="c. 99",
                   work="ukpga/2030/99", version_date=date(2030, 1, 1))
    old = [_section(rng, str(k), k) for k in range(1, n + 1)]
    new: list[Node] = []
    for k, sec in enumerate(old, start=1):
        roll = rng.random()
        if roll < 0.02:
            new.append(Omitted(Kind.SECTION, sec.num, "repealed"))  # type: ignore[arg-type]
        elif roll < 0.03:
            new.append(_section(rng, str(k), k + n))
        elif roll < 0.08:
            sub = sec.children[0]
            assert isinstance(sub, Provision) and sub.text is not None
            words = sub.text.split(" ")
            i = rng.randrange(1, len(words) - 1)
            what = rng.randrange(3)
            if what == 0:
                words[i] = "relevant"
            elif what == 1:
                words.insert(i, "(or any part of it)")
            else:
                del words[i]
            changed = Provision(Kind.SUBSECTION, sub.num, text=" ".join(words))
            new.append(sec.with_children((changed, *sec.children[1:])))
        else:
            new.append(sec)
        if rng.random() < 0.02:
            new.append(_section(rng, f"{k}A", k + 2 * n))
    return Act(info, _grouped(old, parts)), Act(info, _grouped(new, parts))


def best_of(run: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


def bench_lawdiff(n: int, parts: bool, repeat: int) -> dict[str, float]:
    a, b = pair(n, parts)
    ops = diff(a, b, fallback=False)
    assert apply_batch(a, ops).act.children == b.children
    return {"n": n, "ops": len(ops), "seconds": best_of(lambda: diff(a, b, fallback=False),
                                                         repeat)}


def bench_xmldiff(n: int, repeat: int) -> dict[str, float] | str:
    """xmldiff's fast_match on the flat pair of ``n`` sections, or why it was not run."""
    try:
        from lxml import etree
        from xmldiff import main as xmldiff_main
    except ImportError:
        return "xmldiff is not installed (pip install xmldiff)"
    from lawdiff.formats.akn import act_to_bytes

    a, b = pair(n, parts=False)
    left, right = etree.fromstring(act_to_bytes(a)), etree.fromstring(act_to_bytes(b))
    actions = xmldiff_main.diff_trees(left, right, diff_options={"fast_match": True})
    return {"n": n, "actions": len(actions), "seconds": best_of(
        lambda: xmldiff_main.diff_trees(left, right, diff_options={"fast_match": True}), repeat)}


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
        return f"pinned to CPU {cpus[-1]} of {len(cpus)} available"
    return "not pinned (sched_setaffinity unavailable)"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(rows: dict[bool, list[dict[str, float]]], xml: dict[str, float] | str, note: str,
           quick: bool) -> str:
    lines = [f"Machine: {platform.platform()}, {platform.machine()}; "
             f"{platform.python_implementation()} {platform.python_version()}; "
             f"lawdiff {lawdiff.__version__}; {note}"
             f"{'; QUICK smoke run (small inputs, not the published figures)' if quick else ''}",
             "",
             "| Sections | Layout | Operations | diff (s) | time vs previous size |",
             "|---:|---|---:|---:|---:|"]
    for parts, layout in ((False, "flat"), (True, "Parts of 50")):
        previous = None
        for r in rows[parts]:
            growth = f"{r['seconds'] / previous:.2f}x" if previous else ""
            lines.append(f"| {r['n']:,} | {layout} | {r['ops']:,} | {r['seconds']:.3f} | {growth} |")
            previous = r["seconds"]
    lines += ["", "| Target | Result | Verdict |", "|---|---|---|"]
    for parts, layout in ((False, "flat"), (True, "Parts")):
        worst = 0.0
        for x, y in zip(rows[parts], rows[parts][1:], strict=False):
            per_doubling = (y["seconds"] / x["seconds"]) ** (1 / max(1e-9, _log2(y["n"] / x["n"])))
            worst = max(worst, per_doubling)
        lines.append(f"| x2 sections \u21d2 \u2264 x{TARGET_GROWTH} time ({layout}) "
                     f"| x{worst:.2f} per doubling (worst step) "
                     f"| {_verdict(worst <= TARGET_GROWTH)} |")
    flat = next((r for r in rows[False] if not isinstance(xml, str) and r["n"] == xml["n"]), None)
    if isinstance(xml, str):
        lines.append(f"| \u2265 {TARGET_VS_XMLDIFF:g}x faster than xmldiff fast_match "
                     f"({XMLDIFF_SECTIONS:,} sections) | {xml} | not measured |")
    elif flat is not None:
        ratio = xml["seconds"] / flat["seconds"]
        lines.append(f"| \u2265 {TARGET_VS_XMLDIFF:g}x faster than xmldiff fast_match "
                     f"({xml['n']:,} sections) | xmldiff {xml['seconds']:.3f} s "
                     f"({xml['actions']:,} actions), lawdiff {flat['seconds']:.3f} s: "
                     f"{ratio:.1f}x | {_verdict(ratio >= TARGET_VS_XMLDIFF)} |")
    return "\n".join(lines)


def _log2(x: float) -> float:
    import math

    return math.log2(x)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs: a smoke run")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    note = pin_to_one_core()
    sizes = QUICK_SIZES if args.quick else SIZES
    repeat = 1 if args.quick else 3
    rows = {parts: [bench_lawdiff(n, parts, repeat) for n in sizes] for parts in (False, True)}
    xml = bench_xmldiff(sizes[-1] if args.quick else XMLDIFF_SECTIONS, repeat)
    print(report(rows, xml, note, args.quick))
    print(f"\n(benchmark wall time {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
