"""Pathological inputs: the parser's time grows linearly with the length of its input.

Each case parses an input with one unit (white space, dashes, commas,
quotations, brackets, list words, lead-ins …) repeated n times at a place the
grammar reads, at two sizes eight times apart.  Linear time gives a ratio of
about 8; the quadratic behaviour these tests guard against ("Table" followed by
10,000 spaces once took 3.7 s, with 40,000 spaces 62 s) gives 64 and more.  The
bound allows a ratio of 24 plus 50 ms, so a busy machine does not fail it,
while a quadratic parser fails it by far.  These are not speed targets
(``benchmarks/bench_parse.py`` reports the times against length).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_strategies import Drawn, instructions

from lawdiff.parse import parse_instruction_line

SMALL, BIG = 1_000, 8_000


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        result = parse_instruction_line(text)
        best = min(best, time.perf_counter() - start)
        assert ("ops" in result) != ("error" in result)
    return best


def _assert_linear(make: Callable[[int], str]) -> None:
    small, big = _best_time(make(SMALL)), _best_time(make(BIG))
    assert big <= 24 * small + 0.05, (f"{big:.3f} s for {len(make(BIG))} characters, "
                                      f"{small:.4f} s for {len(make(SMALL))}")


def _items(n: int) -> str:
    return " ".join(f"({i + 1}) omit “x”;" for i in range(min(n, 999)))


CASES: dict[str, Callable[[int], str]] = {
    "Table and spaces": lambda n: "Table" + " " * n,
    "a reference and spaces": lambda n: "In section 1" + " " * n + "x",
    "spaces before the verb": lambda n: "for “a”" + " " * n + "substitute “b”",
    "spaces and a comma before the verb": lambda n: "for “a”" + " " * n + ", x",
    "tabs after a locator": lambda n: "in subsection (1)" + "\t" * n + ", omit “X”",
    "line breaks and commas": lambda n: "omit “a”" + ",\n" * n + " x",
    "dashes after the verb": lambda n: "after “a” insert" + "—" * n,
    "hyphens ending a lead-in": lambda n: "The X Act 1990 is amended as follows" + "-" * n + "x",
    "open brackets": lambda n: "In section 6 " + "(" * n,
    "unclosed headings": lambda n: "In section 6 " + "(x" * n + " omit “a”",
    "bracketed numbers": lambda n: "section 1" + "(1)" * n,
    "quotations in a list": lambda n: "omit " + "“X”, " * n + "x",
    "quotations in a row": lambda n: "for " + "“X” " * n + "substitute “y”",
    "“and” after a reference": lambda n: "section 1" + " and 2" * n,
    "words after a range's end": lambda n: "omit the words from “a” to the end of " + "a " * n,
    "spaces in a range's end": lambda n: "omit the words from “a” to the end of a" + " " * n + "!",
    "an unquoted entry name": lambda n: "omit the entry for x" + " " * n + "!",
    "an Act's name": lambda n: "In the " + "Foo " * n + "Act 1990, omit “X”",
    "items under a long lead-in": lambda n: "In section 1 (" + "x " * n + ")— " + _items(n // 8),
    "list items": lambda n: _items(n // 4),
    "items after commas": lambda n: "In section 1—" + " (a)" * n + " omit “y”",
    "no-break spaces": lambda n: "for “a”" + "\u00a0" * n + "substitute “b”",
    "occurrence words": lambda n: "omit “a”, in the" + " first" * n + " places",
    "the words, many times": lambda n: "omit " + "the words " * n + "“a”",
    "EU instruments named in a row": lambda n: "In Article 1 of " + "Regulation (EU) 2017/1 on "
    "x of " * n + ", omit “X”",
    "an EU instrument's long title": lambda n: "In Regulation (EU) No 648/2012 on " + "x, " * n
    + "omit “X”",
    "ordinals of passages in a list": lambda n: "In Article 3, in the " + "first, " * n
    + "and second indents, omit “X”",
    "closing words in a quoted list": lambda n: "for subsection (2) substitute— “(2) X— (a) y, "
    "or (b) (" + ", and z" * n + ").”",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_time_grows_linearly_with_the_input(name: str) -> None:
    _assert_linear(CASES[name])


_UNITS = [" ", "\t", "\n", ",", ", ", "—", "-", "(", ")", "“x” ", "and ", "the ", "(a) ", ". ",
          ";", "(1)", "of ", "in ", "’", "\u00a0", "in section 1, ", "first ", "… "]


@settings(max_examples=20, deadline=None)
@given(instructions(), st.sampled_from(_UNITS), st.data())
def test_a_unit_repeated_anywhere_in_an_instruction_costs_linear_time(
        drawn: Drawn, unit: str, data: st.DataObject) -> None:
    """Any unit repeated at any place between two characters of a generated instruction."""
    text = drawn.text
    places = [0, len(text), *(i for i, c in enumerate(text) if not c.isalnum())]
    at = data.draw(st.sampled_from(places))
    _assert_linear(lambda n: text[:at] + unit * n + text[at:])
