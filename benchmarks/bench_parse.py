#!/usr/bin/env python3
"""Speed of the instruction parser (``lawdiff.parse``): instructions per second on one core.

Run from the repository root::

    python benchmarks/bench_parse.py           # about 10 s
    python benchmarks/bench_parse.py --quick   # a smoke run, under a second

Three mixes are timed with ``time.perf_counter``, best of several runs, each
run parsing the whole mix many times through
``lawdiff.parse.parse_instruction_line`` (the machine interface, so JSON-ready
dicts are built too).  Each is reported in texts per second and in
instructions (ops produced) per second:

* **typical single instructions**: the items of the Children Act 2004, Sch. 2
  paras. 2 and 3, each on its own ("(b) in subsection (1), after “local
  authority” insert “in Wales”;"), and every entry of
  ``tests/parse_corpus/uk_instructions.jsonl`` that is one instruction (one
  expected op) shorter than 400 characters;
* **the whole corpus**, multi-item provisions, long inserted sections and
  expected errors included;
* **whole provisions**: Children Act Sch. 2 para. 2 and para. 3 as printed.

The target is at least 20,000 instructions per second for the first mix.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def corpus_entries() -> list[dict[str, Any]]:
    """The corpus entries, or none when the corpus file is absent."""
    if not CORPUS.exists():
        return []
    with open(CORPUS, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def count_ops(texts: Sequence[str]) -> int:
    """How many instructions (ops) the texts give."""
    return sum(len(parse_instruction_line(t).get("ops", [])) for t in texts)


def rate(texts: Sequence[str], *, runs: int, min_time: float,
         parse: Callable[[str], object] = parse_instruction_line) -> float:
    """Instructions per second over ``texts``: best of ``runs``, each at least ``min_time`` s."""
    for text in texts:
        parse(text)
    best = float("inf")
    for _ in range(runs):
        loops = 0
        start = time.perf_counter()
        elapsed = 0.0
        while elapsed < min_time:
            for text in texts:
                parse(text)
            loops += 1
            elapsed = time.perf_counter() - start
        best = min(best, elapsed / (loops * len(texts)))
    return 1.0 / best


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures as a Markdown table; exit 0 whether or not the target is met."""
    args = list(sys.argv[1:] if argv is None else argv)
    quick = "--quick" in args
    runs, min_time = (1, 0.05) if quick else (7, 0.4)
    entries = corpus_entries()
    corpus = [e["text"] for e in entries]
    typical = CHILDREN_ACT_ITEMS + [e["text"] for e in entries if len(e["text"]) < 400
                                    and len(e["expected"].get("ops", ())) == 1]
    mixes = [("typical single instructions", typical), ("whole corpus", corpus),
             ("whole provisions (Children Act paras. 2, 3)", [PARA_2, PARA_3])]
    started = time.perf_counter()
    print(f"Python {platform.python_version()} on {platform.machine()}, "
          f"{platform.system()}; one core")
    print()
    print("| mix | texts | instructions | mean length (chars) | texts per second "
          "| instructions per second |")
    print("|---|---:|---:|---:|---:|---:|")
    first = 0.0
    for name, texts in mixes:
        if not texts:
            print(f"| {name} | 0 | 0 | – | (corpus file absent) | – |")
            continue
        r = rate(texts, runs=runs, min_time=min_time)
        first = first or r
        ops = count_ops(texts)
        mean = sum(len(t) for t in texts) / len(texts)
        print(f"| {name} | {len(texts)} | {ops} | {mean:.0f} | {r:,.0f} "
              f"| {r * ops / len(texts):,.0f} |")
    print()
    verdict = "met" if first >= TARGET else "NOT met"
    print(f"Target {TARGET:,} typical single instructions per second: {verdict} "
          f"({first:,.0f}).")
    print(f"(took {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
