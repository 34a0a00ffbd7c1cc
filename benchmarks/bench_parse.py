#!/usr/bin/env python3
"""Speed of the instruction parser (``lawdiff.parse``): instructions per second on one core,
and time against input length for pathological inputs.

Run from the repository root::

    python benchmarks/bench_parse.py           # about 20 s
    python benchmarks/bench_parse.py --quick   # a smoke run, about a second

**Throughput** is measured on *distinct* texts, each parsed once, with the
parser's caches cleared before each timed pass, through
``lawdiff.parse.parse_instruction_line`` (the machine interface, so JSON-ready
dicts are built too).  The seed texts are:

* **typical single instructions**: the items of the Children Act 2004, Sch. 2
  paras. 2 and 3, each on its own ("(b) in subsection (1), after “local
  authority” insert “in Wales”;"), and every entry of
  ``tests/parse_corpus/uk_instructions.jsonl`` that is one instruction (one
  expected op) shorter than 400 characters;
* **the whole corpus**, multi-item provisions, long inserted sections and
  expected errors included.

Each seed text is made into many distinct texts (:func:`variant`): the number
after "section", "regulation", "article", "Schedule", "Part" or "paragraph", and
the year of an Act or instrument, is changed, and a distinct word is put into
every quotation, so that no text repeats within a pass.  Each pass times one
parse of every text of a fresh set of variants, after clearing the
``functools.lru_cache`` caches of :mod:`lawdiff.parse`; the figure is the
median of the passes.  The garbage collector stays on, as in real use.  Each
pass is timed twice over: by the CPU time the process used
(``time.process_time``, the parser's own work on its one core) and by the
wall clock (``time.perf_counter``, which also counts time the process waited
for a core on a busy machine); the machine's load average is printed with
them.  For
comparison the old "warm" figure (the seed texts re-parsed in a loop, caches
warm) is printed too; it is not the figure for the target.

**Time against length** parses inputs made of a short instruction with one
unit repeated n times at a place where it is read (white space after a
reference, dashes, commas, quotations, brackets, nested lead-ins …) for n up to
64,000 characters, and prints microseconds per character: a flat column means
linear time.  The two inputs made of numbered items stop growing at 999 items
(an item number has at most three digits), so their largest inputs are
shorter than the column heads say; µs/char is of their real length.

The target is at least 20,000 typical single instructions per second.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lawdiff.parse.grammar  # noqa: E402
import lawdiff.parse.markers  # noqa: E402
import lawdiff.parse.quoted  # noqa: E402
import lawdiff.parse.quotes  # noqa: E402
import lawdiff.parse.refs  # noqa: E402
from lawdiff.parse import parse_instruction_line  # noqa: E402

CORPUS = ROOT / "tests" / "parse_corpus" / "uk_instructions.jsonl"
TARGET = 20_000

PARA_2 = (
    "2 (1) The Local Authority Social Services Act 1970 is amended as follows.\n"
    "(2) In section 6 (director of social services)—\n"
    "(a) before subsection (1) insert—\n"
    "“(A1) A local authority in England shall appoint an officer, to be known as the director "
    "of adult social services, for the purposes of their social services functions, other than "
    "those for which the authority’s director of children’s services is responsible under "
    "section 18 of the Children Act 2004.”;\n"
    "(b) in subsection (1), after “local authority” insert “in Wales”;\n"
    "(c) in subsection (2), after “director of”, in both places, insert “adult social services "
    "or (as the case may be)”;\n"
    "(d) in subsection (6), for “a director of social services” substitute “a person under this "
    "section”.\n"
    "(3) In Schedule 1, in the entry for “Sections 6 and 7B of this Act”, after the words "
    "“Appointment of” insert “director of adult social services or”.")
PARA_3 = (
    "3 In section 2 of the Local Government and Housing Act 1989 (politically restricted posts), "
    "in subsection (6)—\n"
    "(a) after “means—” insert—\n"
    "“(za) the director of children’s services appointed under section 18 of the Children Act "
    "2004 and the director of adult social services appointed under section 6(A1) of the Local "
    "Authority Social Services Act 1970 (in the case of a local authority in England);”;\n"
    "(b) in paragraph (a), at the end insert “(in the case of a local authority in Wales)”;\n"
    "(c) in paragraph (c) after “director of social services” insert “(in the case of a local "
    "authority in Wales)”.")
CHILDREN_ACT_ITEMS = [
    "(1) The Local Authority Social Services Act 1970 is amended as follows.",
    "(a) before subsection (1) insert—\n“(A1) A local authority in England shall appoint an "
    "officer, to be known as the director of adult social services, for the purposes of their "
    "social services functions, other than those for which the authority’s director of "
    "children’s services is responsible under section 18 of the Children Act 2004.”;",
    "(a) after “means—” insert—\n“(za) the director of children’s services appointed under "
    "section 18 of the Children Act 2004 and the director of adult social services appointed "
    "under section 6(A1) of the Local Authority Social Services Act 1970 (in the case of a local "
    "authority in England);”;",
    "(b) in subsection (1), after “local authority” insert “in Wales”;",
    "(c) in subsection (2), after “director of”, in both places, insert “adult social services or "
    "(as the case may be)”;",
    "(d) in subsection (6), for “a director of social services” substitute “a person under this "
    "section”.",
    "(3) In Schedule 1, in the entry for “Sections 6 and 7B of this Act”, after the words "
    "“Appointment of” insert “director of adult social services or”.",
    "(b) in paragraph (a), at the end insert “(in the case of a local authority in Wales)”;",
    "(c) in paragraph (c) after “director of social services” insert “(in the case of a local "
    "authority in Wales)”.",
]

# --- distinct texts ----------------------------------------------------------------------------

_NUMBERED = re.compile(r"\b((?:sub-?)?sections?|regulations?|articles?|schedules?|parts?|paragraphs?|Act"
                       r"|Regulations|Order|Measure) (\(?)(\d+)", re.IGNORECASE)
_YEAR_FIRST = re.compile(r"\b(\d{4}) (Act|Order|Regulations)\b")
_CLOSE_QUOTE = re.compile("(?<=[^\\s\u201c])\u201d")
_WORDS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa")


def _bump(m: re.Match[str], k: int) -> int:
    """A number after "section" … made ``k`` more; a year after "Act" … ``k`` less (a year
    after 2099 is no year the grammar reads)."""
    value = int(m.group(3))
    return value - k if m.group(1).lower() in ("act", "regulations", "order", "measure") \
        and value >= 1000 else value + k


def variant(text: str, k: int) -> str:
    """A text that reads like ``text`` but differs from every other ``variant(text, j)``:
    the numbers after "section", "Schedule", "paragraph (" … become ``k`` more and the
    years of Acts and instruments ``k`` less, and each closing curly quotation mark gets a word
    spelling ``k`` before it (quotations of provisions keep their numbers, so they still
    split the same way)."""
    tag = " ".join(_WORDS[int(d)] for d in str(k))
    changed = _NUMBERED.sub(lambda m: f"{m.group(1)} {m.group(2)}{_bump(m, k)}", text)
    changed = _YEAR_FIRST.sub(lambda m: f"{int(m.group(1)) - k} {m.group(2)}", changed)
    changed = _CLOSE_QUOTE.sub(f" {tag}\u201d", changed)
    # A text with nothing to change (none in the typical mix) differs by trailing spaces.
    return changed if changed != text else text + " " * k


def clear_caches() -> None:
    """Empty every ``functools`` cache of the parser's modules."""
    for module in (lawdiff.parse.grammar, lawdiff.parse.refs, lawdiff.parse.quotes,
                   lawdiff.parse.quoted, lawdiff.parse.markers):
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


def corpus_entries() -> list[dict[str, Any]]:
    """The corpus entries, or none when the corpus file is absent."""
    if not CORPUS.exists():
        return []
    with open(CORPUS, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def count_ops(texts: Sequence[str]) -> int:
    """How many instructions (ops) the texts give."""
    return sum(len(parse_instruction_line(t).get("ops", [])) for t in texts)


def cold_rate(seeds: Sequence[str], *, copies: int, passes: int
              ) -> tuple[float, float, float, int]:
    """Texts per second over distinct texts, each parsed once with caches cleared first:
    (median over ``passes`` by CPU time, the same by wall-clock time, ops per text, texts
    per pass).  Each pass parses ``copies`` fresh variants of every seed."""
    cpu_rates: list[float] = []
    wall_rates: list[float] = []
    ops_per_text = 0.0
    total = 0
    for p in range(passes):
        texts = [variant(t, 1 + p * copies + k) for k in range(copies) for t in seeds]
        if p == 0:
            ops_per_text = count_ops(texts) / len(texts)
        clear_caches()
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            parse_instruction_line(text)
        cpu_rates.append(len(texts) / (time.process_time() - cpu))
        wall_rates.append(len(texts) / (time.perf_counter() - wall))
        total = len(texts)
    return statistics.median(cpu_rates), statistics.median(wall_rates), ops_per_text, total


def warm_rate(texts: Sequence[str], *, runs: int, min_time: float) -> float:
    """Texts per CPU second re-parsing the same ``texts`` in a loop (caches warm): best of
    ``runs``, each at least ``min_time`` s of CPU time.  Printed for comparison only."""
    for text in texts:
        parse_instruction_line(text)
    best = float("inf")
    for _ in range(runs):
        loops = 0
        start = time.process_time()
        elapsed = 0.0
        while elapsed < min_time:
            for text in texts:
                parse_instruction_line(text)
            loops += 1
            elapsed = time.process_time() - start
        best = min(best, elapsed / (loops * len(texts)))
    return 1.0 / best


# --- time against length -----------------------------------------------------------------------

def _items(n: int) -> str:
    return " ".join(f"({i + 1}) omit “x”;" for i in range(n))


#: Pathological inputs: (name, the input for about ``n`` characters).
PATHOLOGICAL: list[tuple[str, Callable[[int], str]]] = [
    ("“Table” + spaces", lambda n: "Table" + " " * n),
    ("reference + spaces + word", lambda n: "In section 1" + " " * n + "x"),
    ("spaces before the verb", lambda n: "for “a”" + " " * n + "substitute “b”"),
    ("line breaks and commas", lambda n: "omit “a”" + ",\n" * (n // 2) + " x"),
    ("dashes after the verb", lambda n: "after “a” insert" + "—" * n),
    ("hyphens after a lead-in", lambda n: "The X Act 1990 is amended as follows" + "-" * n),
    ("open brackets", lambda n: "In section 6 " + "(" * n),
    ("nested headings", lambda n: "In section 6 " + "(x" * (n // 4) + ")" * (n // 4)
     + " omit “a”"),
    ("bracketed numbers", lambda n: "section 1" + "(1)" * (n // 3)),
    ("quotations", lambda n: "omit " + "“X”, " * (n // 5) + "x"),
    ("“and” runs", lambda n: "section 1" + " and 2" * (n // 6)),
    ("range end words", lambda n: "omit the words from “a” to the end of " + "a " * (n // 2)),
    ("unquoted entry name", lambda n: "omit the entry for x" + " " * n + "!"),
    ("Act name words", lambda n: "In the " + "Foo " * (n // 4) + "Act 1990, omit “X”"),
    ("items under a long lead-in", lambda n: "In section 1 (" + "x " * (n // 4) + ")— "
     + _items(min(n // 32, 999))),
    ("list items", lambda n: _items(min(n // 16, 999))),
    ("nbsp runs", lambda n: "for “a”" + "\u00a0" * n + "substitute “b”"),
]
LENGTHS = (1_000, 4_000, 16_000, 64_000)


def time_once(text: str, repeat: int) -> float:
    """The best of ``repeat`` timings of one parse of ``text``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        parse_instruction_line(text)
        best = min(best, time.perf_counter() - start)
    return best


def length_table(lengths: Sequence[int], repeat: int) -> list[str]:
    """Markdown rows: for each pathological input, ms at each length and µs per character."""
    head = "| input | " + " | ".join(f"{n:,} chars (ms)" for n in lengths) + \
        " | µs/char at smallest | µs/char at largest |"
    rows = [head, "|---|" + "---:|" * (len(lengths) + 2)]
    for name, make in PATHOLOGICAL:
        cells = []
        per_char = []
        for n in lengths:
            text = make(n)
            t = time_once(text, repeat)
            cells.append(f"{t * 1000:.1f}")
            per_char.append(t * 1e6 / len(text))
        rows.append(f"| {name} | " + " | ".join(cells) +
                    f" | {per_char[0]:.2f} | {per_char[-1]:.2f} |")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures as Markdown tables; exit 0 whether or not the target is met."""
    args = list(sys.argv[1:] if argv is None else argv)
    quick = "--quick" in args
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    copies, passes = (3, 2) if quick else (60, 7)
    entries = corpus_entries()
    corpus = [e["text"] for e in entries]
    typical = CHILDREN_ACT_ITEMS + [e["text"] for e in entries if len(e["text"]) < 400
                                    and len(e["expected"].get("ops", ())) == 1]
    mixes = [("typical single instructions", typical), ("whole corpus", corpus)]
    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {platform.python_version()} on {platform.machine()}, "
          f"{platform.system()}; one core; {os.cpu_count()} cores, load average {load:.1f}")
    print()
    print("Distinct texts, each parsed once, caches cleared before each pass "
          f"(median of {passes} passes):")
    print()
    print("| mix | seed texts | distinct texts per pass | ops per text | mean length (chars) "
          "| texts per CPU second | ops per CPU second | texts per wall-clock second |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    first = 0.0
    for name, seeds in mixes:
        if not seeds:
            print(f"| {name} | 0 | 0 | – | – | (corpus file absent) | – | – |")
            continue
        r, wall, ops_per_text, per_pass = cold_rate(seeds, copies=copies, passes=passes)
        first = first or r
        mean = sum(len(t) for t in seeds) / len(seeds)
        print(f"| {name} | {len(seeds)} | {per_pass:,} | {ops_per_text:.2f} | {mean:.0f} "
              f"| {r:,.0f} | {r * ops_per_text:,.0f} | {wall:,.0f} |")
    print()
    verdict = "met" if first >= TARGET else "NOT met"
    print(f"Target {TARGET:,} typical single instructions per second (distinct texts, caches "
          f"cleared, CPU time): {verdict} ({first:,.0f}).")
    if typical:
        warm = warm_rate(typical, runs=1 if quick else 5, min_time=0.05 if quick else 0.3)
        print(f"For comparison, the same seed texts re-parsed in a loop with warm caches: "
              f"{warm:,.0f} per CPU second.")
    print()
    print("Time against length (best of "
          f"{1 if quick else 3}; a flat µs/char column means linear time):")
    print()
    lengths = LENGTHS[:2] if quick else LENGTHS
    for row in length_table(lengths, 1 if quick else 3):
        print(row)
    print(f"(took {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
