#!/usr/bin/env python3
"""Core performance figures for lawdiff: consolidation time, memory of versions, XML ratio.

Run from the repository root (lawdiff installed, e.g. ``pip install -e .``)::

    python benchmarks/bench_core.py           # full run: prints a Markdown table
    python benchmarks/bench_core.py --quick   # smoke run on small inputs (a few seconds)

What is measured (one core, see ``benchmarks/README.md`` for the method):

1. **Consolidation time.**  A generated Act of N provisions (every node counts:
   Parts, sections, subsections, paragraphs) and N word-level amendments
   (InsertWords / SubstituteWords / OmitWords on targets such as "s. 123(2)",
   each naming words that occur exactly once in its target at the moment it
   applies).  Only ``lawdiff.engine.apply_batch(act, ops)`` is timed; the
   operations are built beforehand and every repetition starts from a freshly
   generated Act, so no lazily built lookup table survives from one run to the
   next.  Best of 3 with ``time.perf_counter``.
2. **Memory of versions.**  With ``tracemalloc``: the memory of the base Act
   alone, then of the base plus 1,000 successive versions (one word operation
   each, every intermediate Act kept in a list).
3. **Ratio to XML parsing.**  The Act written with
   ``lawdiff.formats.akn.act_to_bytes``; ``lxml.etree.fromstring`` on those
   bytes (best of 3) against (a) ``apply_batch`` alone and (b) reading the
   bytes into the model (``act_from_bytes``) plus ``apply_batch``.

The generator is deterministic (fixed seed), so figures are comparable run to run.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from lxml import etree

import lawdiff
from lawdiff.address import Address, address_of, resolve
from lawdiff.designation import Designation, Style
from lawdiff.engine import apply_batch
from lawdiff.formats.akn import act_from_bytes, act_to_bytes
from lawdiff.model import Act, ActInfo, Kind, Provision
from lawdiff.operations import (
    InsertWords,
    OmitWords,
    Operation,
    Position,
    Provenance,
    SubstituteWords,
    child_label,
)
from lawdiff.text import Words, find_phrase, segments

T = TypeVar("T")
SEED = 1970_42
SIZES = (2_500, 5_000, 10_000, 20_000)
QUICK_SIZES = (300, 600)
REPEAT = 3
MEMORY_BASE = 10_000
MEMORY_VERSIONS = 1_000
TARGET_SECONDS_10K = 1.0
TARGET_MEMORY_RATIO = 3.0
TARGET_PARSE_RATIO = 2.0

# --- a realistic generated Act ------------------------------------------------------------

AUTHORITIES = ("Secretary of State", "Welsh Ministers", "local authority", "appropriate person",
               "Commission", "relevant body", "Treasury", "chief officer of police",
               "registration authority", "responsible authority", "Lord Chancellor",
               "Health and Safety Executive")
SUBJECTS = ("the keeping of registers", "the form of applications", "the payment of fees",
            "the inspection of premises", "the conduct of inquiries", "the provision of information",
            "the appointment of inspectors", "the making of complaints", "the review of decisions",
            "the publication of reports", "the giving of notices", "the service of documents")
PEOPLE = ("person", "body corporate", "employer", "owner of the land", "occupier",
          "holder of a licence", "trustee", "partnership", "registered provider", "applicant")
DOCUMENTS = ("a statement of its policy", "an annual report", "a code of practice",
             "a scheme", "a list of approved persons", "a register of licences",
             "guidance", "a summary of the accounts")
PERIODS = ("the period of 28 days", "the period of 3 months", "the period of 6 months",
           "the period of 14 days", "the period of one year", "the period of 21 days")
EVENTS = ("the end of each financial year", "the date on which the notice is given",
          "the coming into force of this section", "the making of the order",
          "the receipt of the application", "the determination of the appeal")
VERBS = ("furnish", "produce", "provide", "maintain", "publish", "retain", "deliver", "disclose")
OBJECTS = ("such information as may be prescribed", "any document in his possession",
           "a copy of the register", "particulars of the premises", "records of each inspection",
           "details of any payment made", "an estimate of the costs",
           "a description of the arrangements")
TERMS = ("the appropriate authority", "prescribed", "premises", "relevant function",
         "the relevant period", "qualifying body", "enactment", "financial year")
HEADINGS = ("Interpretation", "Regulations", "Offences", "Duty to publish information",
            "Power to require information", "Appeals", "Fees", "Inspection", "Guidance",
            "Annual reports", "Registers", "Notices", "Review of decisions", "Consultation",
            "Enforcement", "Supplementary")
PART_TITLES = ("Preliminary", "General duties", "Licensing", "Registration", "Inspection",
               "Enforcement", "Appeals", "Finance", "Miscellaneous", "Supplementary")

# Words an amendment inserts or substitutes (realistic amending vocabulary).
INSERTED = ("or the Welsh Ministers", "in writing", "(or any part of it)", "or Scottish Ministers",
            "with the consent of the Treasury", "so far as reasonably practicable",
            "or any other person", "after consulting the Commission", "or electronic",
            "in relation to England", "or such longer period as may be prescribed")
SUBSTITUTED = ("the appropriate national authority", "the period of 2 months", "must", "may",
               "the regulator", "level 5 on the standard scale", "an officer of the Commission",
               "the prescribed form", "relevant premises", "an order made by statutory instrument")


def _a(noun: str) -> str:
    """``noun`` with its indefinite article."""
    return f"{'an' if noun[0] in 'aeiouAEIOU' else 'a'} {noun}"


def _sentence(rng: random.Random, sec: int, sub: int) -> str:
    """One full sentence of statutory text (a section or subsection without paragraphs)."""
    a, p, s = rng.choice(AUTHORITIES), rng.choice(PEOPLE), rng.choice(SUBJECTS)
    return rng.choice((
        f"The {a} may by regulations make provision about {s} for the purposes of section {sec}.",
        f"{_a(p).capitalize()} who fails without reasonable excuse to comply with a requirement "
        f"imposed under subsection ({sub}) commits an offence.",
        f"{_a(p).capitalize()} guilty of an offence under this section is liable on summary "
        f"conviction to a fine not exceeding level {rng.randint(1, 5)} on the standard scale.",
        f"The {a} must publish {rng.choice(DOCUMENTS)} within {rng.choice(PERIODS)} beginning "
        f"with {rng.choice(EVENTS)}.",
        f"Before making regulations under section {sec} the {a} must consult such persons as "
        f"appear to the {a} to be representative of the interests concerned.",
        f"In this section \u201c{rng.choice(TERMS)}\u201d has the meaning given by section "
        f"{rng.randint(1, max(1, sec))} of the Act of {rng.randint(1960, 2020)}.",
        f"Subsection ({sub}) does not apply to {_a(p)} who is exempt by virtue of an order made "
        f"under section {rng.randint(1, sec + 20)}.",
        f"Regulations under this section about {s} may make different provision for different "
        f"areas and for different cases.",
    ))


def _list(rng: random.Random, count: int) -> tuple[str, list[str]]:
    """Opening words and ``count`` paragraph texts that read on from them."""
    a, p = rng.choice(AUTHORITIES), rng.choice(PEOPLE)
    style = rng.randrange(4)
    if style == 0:
        intro = f"The {a} may by notice in writing require {_a(p)}\u2014"
        items = [f"to {rng.choice(VERBS)} {rng.choice(OBJECTS)}" for _ in range(count)]
    elif style == 1:
        intro = f"{_a(p).capitalize()} commits an offence if the {p}\u2014"
        items = [rng.choice((f"fails to {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                             f"obstructs {_a(rng.choice(PEOPLE))} exercising a power under "
                             f"this section",
                             "knowingly or recklessly makes a statement which is false in a "
                             "material particular")) for _ in range(count)]
    elif style == 2:
        intro = "Regulations under this section may in particular make provision about\u2014"
        items = [f"{rng.choice(SUBJECTS)} by {_a(rng.choice(PEOPLE))}" for _ in range(count)]
    else:
        intro = f"The {a} must, in exercising functions under this Part, have regard to\u2014"
        items = [rng.choice((f"any guidance given by the {rng.choice(AUTHORITIES)}",
                             f"the need to secure {rng.choice(SUBJECTS)} within "
                             f"{rng.choice(PERIODS)}")) for _ in range(count)]
    ends = [";"] * (count - 2) + ["; and" if rng.random() < 0.7 else "; or", "."]
    return intro, [item + end for item, end in zip(items, ends[-count:], strict=True)]


def _num(value: int) -> Designation:
    return Designation(str(value), Style.NUMBER)


def _section(rng: random.Random, number: int, budget: int) -> Provision:
    """A section of at most ``budget`` nodes (itself included), usually 3-10."""
    heading = rng.choice(HEADINGS)
    if budget == 1 or rng.random() < 0.2:
        return Provision(Kind.SECTION, _num(number), heading=heading,
                         text=_sentence(rng, number, 1))
    subs: list[Provision] = []
    left = budget - 1
    for k in range(1, rng.randint(2, 5) + 1):
        if left == 0:
            break
        if left >= 3 and rng.random() < 0.25:
            count = min(rng.randint(2, 4), left - 1)
            intro, texts = _list(rng, count)
            paras = [Provision(Kind.PARAGRAPH, Designation(chr(97 + i), Style.ALPHA), text=t)
                     for i, t in enumerate(texts)]
            subs.append(Provision(Kind.SUBSECTION, _num(k), text=intro, children=paras))
            left -= 1 + count
        else:
            subs.append(Provision(Kind.SUBSECTION, _num(k), text=_sentence(rng, number, max(1, k - 1))))
            left -= 1
    return Provision(Kind.SECTION, _num(number), heading=heading, children=subs)


def generate_act(n: int, seed: int = SEED) -> Act:
    """A deterministic Act of exactly ``n`` provisions: Parts of ~50 sections, subsections,
    some with paragraphs (a)-(d).  Its lookup table is built, as ``read_act`` builds it."""
    rng = random.Random(f"{seed}:act:{n}")
    parts: list[Provision] = []
    remaining = n
    section_no = 0
    part_no = 0
    while remaining > 0:
        part_no += 1
        remaining -= 1  # the Part itself
        sections = []
        for _ in range(rng.randint(45, 55)):
            if remaining == 0:
                break
            section_no += 1
            sec = _section(rng, section_no, remaining)
            sections.append(sec)
            remaining -= _count(sec)
        if remaining == 1:  # a lone node left over cannot make a Part: end this Part with it
            section_no += 1
            sections.append(_section(rng, section_no, 1))
            remaining = 0
        parts.append(Provision(Kind.PART, _num(part_no), heading=PART_TITLES[part_no % 10],
                               children=sections))
    info = ActInfo(title=f"Generated Benchmark Act {n}", year=2030, chapter="c. 99",
                   work="ukpga/2030/99", version_date=date(2030, 1, 1))
    act = Act(info, parts)
    act.lookup()
    return act


def _count(node: object) -> int:
    return 1 + sum(_count(c) for c in getattr(node, "children", ()))


def count_provisions(act: Act) -> int:
    """Every node of the Act (Parts, sections, subsections, paragraphs)."""
    return sum(_count(c) for c in act.children)


# --- realistic amendments -----------------------------------------------------------------

def _targets(act: Act) -> list[str]:
    """Citations of every provision with words of its own ("s. 12", "s. 12(3)", "s. 12(3)(b)")."""
    return [str(address_of(act, path)) for path, node in act.walk()
            if isinstance(node, Provision) and node.text is not None and not node.kind.transparent]


def _word_spans(text: str) -> list[str]:
    """Candidate quoted words: runs of 1-4 plain words from ``text``."""
    tokens = text.split(" ")
    plain = [t.isalnum() for t in tokens]
    out = []
    for width in (1, 2, 3, 4):
        for i in range(len(tokens) - width + 1):
            if all(plain[i:i + width]):
                out.append(" ".join(tokens[i:i + width]))
    return out


def generate_ops(act: Act, count: int, seed: int = SEED) -> list[Operation]:
    """``count`` word operations on ``act``, each valid when applied in order.

    Each names words occurring exactly once in its target *at the point it
    applies* (checked against the Act as amended so far, which is why this
    applies each operation as it goes).  Mix: 40% substitute, 30% insert
    (before/after words, sometimes at the end), 30% omit.
    """
    rng = random.Random(f"{seed}:ops:{count}")
    targets = _targets(act)
    current = act
    ops: list[Operation] = []
    while len(ops) < count:
        cite = rng.choice(targets)
        address = Address.parse(cite)
        loc = resolve(current, address)
        segs = segments(loc.node, cite, child_label=child_label)
        seg = rng.choice(segs)
        candidates = _word_spans(seg.text)
        rng.shuffle(candidates)
        words = next((w for w in candidates[:12]
                      if sum(len(find_phrase(s.text, w)) for s in segs) == 1), None)
        if words is None:
            continue
        n = len(ops) + 1
        prov = Provenance(f"Benchmark (Amendment) Act 2031 (c. 7), Sch. 1 para. {n}")
        roll = rng.random()
        if roll < 0.4:
            op: Operation = SubstituteWords(target=address, old=Words(words),
                                            new=rng.choice(SUBSTITUTED), provenance=prov)
        elif roll < 0.6:
            op = InsertWords(target=address, position=rng.choice((Position.AFTER, Position.BEFORE)),
                             anchor=words, words=rng.choice(INSERTED), provenance=prov)
        elif roll < 0.7:
            op = InsertWords(target=address, position=Position.AT_END,
                             words=rng.choice(INSERTED), provenance=prov)
        else:
            if len(segs) == 1 and words == segs[0].text:
                continue
            op = OmitWords(target=address, old=Words(words), provenance=prov)
        current = op.apply(current)
        ops.append(op)
    return ops


# --- measuring ------------------------------------------------------------------------------

def pin_to_one_core() -> str:
    """Run on a single CPU where the OS allows it; returns a note for the report."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[0]})
        return f"pinned to CPU {cpus[0]} of {len(cpus)} available"
    return "not pinned (sched_setaffinity unavailable)"


def best_of(repeat: int, run: Callable[[T], object], setup: Callable[[], T]) -> float:
    """The fastest of ``repeat`` timings of ``run(setup())``: setup untimed, GC collected first."""
    best = float("inf")
    for _ in range(repeat):
        arg = setup()
        gc.collect()
        t0 = time.perf_counter()
        result = run(arg)
        elapsed = time.perf_counter() - t0
        del result, arg
        best = min(best, elapsed)
    return best


def bench_size(n: int, repeat: int) -> dict[str, float]:
    act = generate_act(n)
    assert count_provisions(act) == n, (count_provisions(act), n)
    ops = generate_ops(act, n)
    consolidated = apply_batch(act, ops)  # checks every op fits (untimed)
    assert len(consolidated.steps) == n
    del consolidated, act
    apply_s = best_of(repeat, lambda a: apply_batch(a, ops), lambda: generate_act(n))
    data = act_to_bytes(generate_act(n))
    parse_s = best_of(repeat, lambda _: etree.fromstring(data), lambda: None)
    read_apply_s = best_of(repeat, lambda _: apply_batch(act_from_bytes(data), ops),
                           lambda: None)
    return {"n": n, "apply": apply_s, "parse": parse_s, "read_apply": read_apply_s,
            "bytes": len(data)}


def bench_memory(base_n: int, versions: int) -> dict[str, float]:
    # The operations are built on a separate (identical) Act before tracing starts, so
    # neither they nor the generator's throwaway versions are counted.
    ops = generate_ops(generate_act(base_n), versions)
    gc.collect()
    tracemalloc.start()
    try:
        m0 = tracemalloc.get_traced_memory()[0]
        act = generate_act(base_n)
        gc.collect()
        m1 = tracemalloc.get_traced_memory()[0]
        kept = [act]
        for op in ops:
            kept.append(op.apply(kept[-1]))
        gc.collect()
        m2 = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(kept) == versions + 1
    base, total = m1 - m0, m2 - m0
    return {"base_n": base_n, "versions": versions, "base": base, "total": total,
            "ratio": total / base, "per_version": (total - base) / versions}


# --- reporting ------------------------------------------------------------------------------

def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(sizes: Sequence[dict[str, float]], memory: dict[str, float], pin_note: str,
           quick: bool) -> str:
    lines = [
        f"Machine: {platform.platform()}, {platform.machine()}, "
        f"{platform.processor() or 'unknown processor'}; "
        f"{platform.python_implementation()} {platform.python_version()}; "
        f"lawdiff {lawdiff.__version__}, lxml {'.'.join(map(str, etree.LXML_VERSION))}; "
        f"{pin_note}{'; QUICK smoke run (small inputs, not the published figures)' if quick else ''}",
        "",
        "| Provisions (N) | Amendments | AKN size | apply_batch (s) | \u00b5s / amendment "
        "| time/N vs smallest | lxml parse (s) | apply / parse | (read + apply) / parse |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    first = sizes[0]["apply"] / sizes[0]["n"]
    for r in sizes:
        per = r["apply"] / r["n"]
        lines.append(
            f"| {r['n']:,} | {r['n']:,} | {r['bytes'] / 1e6:.1f} MB | {r['apply']:.3f} "
            f"| {per * 1e6:.0f} | {per / first:.2f} | {r['parse']:.4f} "
            f"| {r['apply'] / r['parse']:.1f} | {r['read_apply'] / r['parse']:.1f} |")
    lines += [
        "",
        "| Memory (tracemalloc) | Value |",
        "|---|---:|",
        f"| Base Act ({memory['base_n']:,} provisions) | {memory['base'] / 1e6:.2f} MB |",
        f"| Base + {memory['versions']:,} retained versions | {memory['total'] / 1e6:.2f} MB |",
        f"| Ratio (base + versions) / base | {memory['ratio']:.2f}x |",
        f"| Extra memory per version | {memory['per_version'] / 1e3:.2f} kB |",
    ]
    ten = next((r for r in sizes if r["n"] == 10_000), None)
    lines += ["", "| Target | Result | Verdict |", "|---|---|---|"]
    if ten is not None:
        lines.append(f"| apply_batch, 10,000 amendments on 10,000 provisions < "
                     f"{TARGET_SECONDS_10K:g} s | {ten['apply']:.3f} s "
                     f"| {_verdict(ten['apply'] < TARGET_SECONDS_10K)} |")
    if memory["versions"] == MEMORY_VERSIONS:
        lines.append(f"| 1,000 versions \u2264 {TARGET_MEMORY_RATIO:g}x one version "
                     f"| {memory['ratio']:.2f}x "
                     f"| {_verdict(memory['ratio'] <= TARGET_MEMORY_RATIO)} |")
    ref = ten or sizes[-1]
    lines.append(f"| apply / parse \u2264 {TARGET_PARSE_RATIO:g} (N = {ref['n']:,}) "
                 f"| {ref['apply'] / ref['parse']:.1f} "
                 f"| {_verdict(ref['apply'] / ref['parse'] <= TARGET_PARSE_RATIO)} |")
    lines.append(f"| (read + apply) / parse \u2264 {TARGET_PARSE_RATIO:g} (N = {ref['n']:,}) "
                 f"| {ref['read_apply'] / ref['parse']:.1f} "
                 f"| {_verdict(ref['read_apply'] / ref['parse'] <= TARGET_PARSE_RATIO)} |")
    return "\n".join(lines)


def run(quick: bool = False) -> tuple[list[dict[str, float]], dict[str, float], str]:
    """Run every measurement; returns (per-size figures, memory figures, Markdown report)."""
    pin_note = pin_to_one_core()
    sizes = QUICK_SIZES if quick else SIZES
    repeat = 1 if quick else REPEAT
    per_size = [bench_size(n, repeat) for n in sizes]
    memory = bench_memory(1_000, 100) if quick else bench_memory(MEMORY_BASE, MEMORY_VERSIONS)
    return per_size, memory, report(per_size, memory, pin_note, quick)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="small inputs, one repetition: a smoke run of a few seconds")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    *_, text = run(quick=args.quick)
    print(text)
    print(f"\n(benchmark wall time {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
