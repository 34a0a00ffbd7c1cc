#!/usr/bin/env python3
"""Reading and writing real legislation: lawdiff against lxml's own parse and serialise.

Run from the repository root (lawdiff installed, e.g. ``pip install -e .``)::

    python benchmarks/bench_formats.py           # full run: prints Markdown tables
    python benchmarks/bench_formats.py --quick   # smoke run (a few seconds)

For each document -- the Human Rights Act 1998 (revised CLML, 0.3 MB), the
Financial Services and Markets Act 2023 (revised CLML, 3.1 MB) and a
generated CLML document of 100,000 provisions -- it measures, in one run and
on one pinned core, best of 3 with ``time.perf_counter``:

1. **lxml**: ``etree.fromstring`` of the bytes plus ``etree.tostring`` of the
   tree (the floor any XML tool pays);
2. **read + write**: ``read_clml`` then ``write_clml`` with no amendment;
3. **read + index + write**: as 2, after building the index of provisions that
   the first citation needs (``Act.lookup``), a cost paid once per document;
4. **read + k amendments + write**: k word substitutions, each in a different
   provision spread over the document, applied as one batch; the cost of each
   further amendment is the difference between k and k/10 amendments,
   divided by 9k/10;
5. **memory**: peak resident memory above the interpreter's own, of a process
   that parses the bytes with lxml, against one that reads with lawdiff,
   applies the k amendments and writes (each in a fresh process).

The ratios are taken within the same run.  Targets (project issue 8): read +
write at most 3x lxml; each amendment at most 40 µs; peak memory at most 3x
lxml's tree.
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
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from lawdiff.address import Address, address_of
from lawdiff.engine import apply_batch
from lawdiff.formats.clml_reader import read_clml
from lawdiff.formats.clml_writer import write_clml
from lawdiff.model import Act, Kind, Provision
from lawdiff.operations import Operation, SubstituteWords
from lawdiff.text import Words, find_phrase

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "data" / "documents"
REAL = {"Human Rights Act 1998 (revised CLML)": DOCS / "ukpga-1998-42-revised-2026-04-06.clml.xml",
        "Financial Services and Markets Act 2023 (revised CLML)":
            DOCS / "ukpga-2023-29-revised-2024-11-01.clml.xml"}
SEED = 20261206


def best_of(repeat: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def generated_clml(n: int) -> bytes:
    """A CLML document of ``n`` provisions (the core benchmark's generated Act, as CLML)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_core import generate_act

    return write_clml(generate_act(n))


def word_substitutions(act: Act, k: int) -> list[Operation]:
    """k substitutions of a word that occurs once in its provision, in k different provisions."""
    rng = random.Random(SEED)
    leaves: list[tuple[Address, str]] = []
    for path, node in act.walk():
        if isinstance(node, Provision) and node.text and node.num is not None \
                and not node.kind.transparent and not node.children and node.kind in _CITED:
            leaves.append((address_of(act, path), node.text))
    rng.shuffle(leaves)
    ops: list[Operation] = []
    for address, text in leaves:
        for word in sorted({w for w in text.split() if w.isalpha() and len(w) > 5}):
            if len(find_phrase(text, word)) == 1:
                ops.append(SubstituteWords(target=address, old=Words(word), new=word.upper()))
                break
        if len(ops) == k:
            break
    return ops


_CITED = frozenset({Kind.SUBSECTION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH, Kind.SECTION,
                    Kind.SCHEDULE_SUBPARAGRAPH, Kind.SCHEDULE_PARAGRAPH, Kind.NUMBERED_PARAGRAPH,
                    Kind.ARTICLE, Kind.REGULATION})


def measure(name: str, data: bytes, k: int, repeat: int) -> dict[str, object]:
    lxml_time = best_of(repeat, lambda: etree.tostring(etree.fromstring(data)))
    rw_time = best_of(repeat, lambda: write_clml(read_clml(data, name)))

    def indexed() -> None:
        act = read_clml(data, name)
        act.lookup()
        write_clml(act)

    index_time = best_of(repeat, indexed)
    ops = word_substitutions(read_clml(data, name), k)
    few = max(len(ops) // 10, 1)

    def amend(count: int) -> Callable[[], None]:
        def run() -> None:
            act = read_clml(data, name)
            gc.freeze()
            write_clml(apply_batch(act, ops[:count]).act)
            gc.unfreeze()
        return run

    few_time = best_of(repeat, amend(few))
    all_time = best_of(repeat, amend(len(ops)))
    memory = {mode: _peak_rss(mode, data, len(ops)) for mode in ("lxml", "lawdiff")}
    return {"document": name, "bytes": len(data), "k": len(ops), "lxml": lxml_time,
            "read_write": rw_time, "indexed": index_time, "amend": all_time,
            "per_amendment_us": (all_time - few_time) / max(len(ops) - few, 1) * 1e6,
            "rss_lxml": memory["lxml"], "rss_lawdiff": memory["lawdiff"]}


def _peak_rss(mode: str, data: bytes, k: int) -> float:
    """Peak RSS (MB) a fresh process adds over its own start-up to parse, or to read-amend-write."""
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"lawdiff-bench-{os.getpid()}.xml"
    path.write_bytes(data)
    try:
        out = subprocess.run([sys.executable, __file__, "--rss", mode, str(path), str(k)],
                             check=True, capture_output=True, text=True).stdout
    finally:
        path.unlink()
    return float(out.strip())


def _high_water_mb() -> float:
    """This process's peak resident memory (MB).  VmHWM is the process's own: getrusage's
    ru_maxrss survives fork and exec on Linux, so a child would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_child(mode: str, path: str, k: int) -> None:
    data = Path(path).read_bytes()
    before = _high_water_mb()
    if mode == "lxml":
        tree = etree.fromstring(data)
        etree.tostring(tree)
    else:
        act = read_clml(data, path)
        ops = word_substitutions(act, k)
        write_clml(apply_batch(act, ops).act)
    print(_high_water_mb() - before)


def pin() -> str:
    try:
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
        return f"pinned to core {max(os.sched_getaffinity(0))}"
    except (AttributeError, OSError):
        return "not pinned"


def report(rows: list[dict[str, object]], note: str) -> str:
    out = [f"Machine: {platform.machine()}, {platform.python_implementation()} "
           f"{platform.python_version()}, lxml {etree.__version__}; {note}.", "",
           "| Document | Size | lxml parse + serialise | read + write | ratio | read + index "
           "+ write | ratio | k | read + k amendments + write | µs per further amendment | "
           "peak RSS lxml | peak RSS lawdiff | memory ratio |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        f = {key: float(value) for key, value in r.items()  # type: ignore[arg-type]
             if key not in ("document",)}
        lx = f["lxml"]
        out.append(f"| {r['document']} | {f['bytes'] / 1e6:.1f} MB | {lx:.3f} s | "
                   f"{f['read_write']:.3f} s | {f['read_write'] / lx:.2f}x | "
                   f"{f['indexed']:.3f} s | {f['indexed'] / lx:.2f}x | {int(f['k'])} | "
                   f"{f['amend']:.3f} s | {f['per_amendment_us']:.0f} | "
                   f"{f['rss_lxml']:.0f} MB | {f['rss_lawdiff']:.0f} MB | "
                   f"{f['rss_lawdiff'] / f['rss_lxml'] if f['rss_lxml'] else float('nan'):.2f}x |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, one repetition")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--rss", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss:
        _rss_child(args.rss[0], args.rss[1], int(args.rss[2]))
        return 0
    note = pin()
    started = time.perf_counter()
    repeat = 1 if args.quick else 3
    rows = []
    for name, path in REAL.items():
        if args.quick and path.stat().st_size > 1_000_000:
            continue
        rows.append(measure(name, path.read_bytes(), 100 if args.quick else 1000, repeat))
    n = 3_000 if args.quick else 100_000
    rows.append(measure(f"generated, {n:,} provisions (CLML)", generated_clml(n),
                        100 if args.quick else 1000, repeat))
    print(json.dumps(rows, indent=1) if args.json else report(rows, note))
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
