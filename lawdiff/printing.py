"""How provision numbers and omitted provisions are printed, in every output.

Shared by the plain text, the annotated text, the redline and the Akoma
Ntoso writer, so that none of them depends on another for it.
"""

from __future__ import annotations

from lawdiff.designation import Designation
from lawdiff.model import Kind

DOTS = ". . . . . . ."
"""The line of dots an omitted or repealed provision prints after its number."""


def num_text(kind: Kind, num: Designation | None) -> str:
    """How a number is printed: "(A1)" for bracketed levels, "Schedule 1", "Part 2", "6".

    A cross-heading (no number) prints "".
    """
    if num is None:
        return ""
    if kind.bracketed:
        return f"({num})"
    if kind is Kind.SCHEDULE:
        return f"Schedule {num}"
    if kind is Kind.PART:
        return f"Part {num}"
    return str(num)
