"""How much of an instruction corpus the parser reads correctly.

Usage::

    python -m lawdiff.parse.coverage tests/parse_corpus/uk_instructions.jsonl [--verbose]

Each line of the corpus is ``{"id", "text", "expected": {"ops": [...]}}`` or
``"expected": {"error": true}``, optionally with the ``"unparsed"`` span the
error must report.  An entry counts as correct when
:func:`~lawdiff.parse.jsonl.parse_instruction_line` gives exactly the
expected ops, or an error where one is expected, with that span when the
entry gives one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from lawdiff.parse.jsonl import parse_instruction_line


@attrs.frozen(slots=True)
class Coverage:
    """The outcome over a corpus: how many entries, which ids were wrong."""

    total: int
    correct: int
    wrong: tuple[str, ...]

    def summary(self) -> str:
        """One line such as "parsed correctly: 130/135 (96.3%)"."""
        share = 100.0 * self.correct / self.total if self.total else 100.0
        return f"parsed correctly: {self.correct}/{self.total} ({share:.1f}%)"


def entry_matches(entry: dict[str, Any]) -> bool:
    """True when the parser's result for ``entry["text"]`` is what ``entry["expected"]`` says:
    the same ops, or an error (reporting the expected ``unparsed`` span, if one is given)."""
    got = parse_instruction_line(entry["text"])
    expected = entry["expected"]
    if "error" in expected:
        if "error" not in got:
            return False
        return "unparsed" not in expected or got["unparsed"] == expected["unparsed"]
    return got == {"ops": expected["ops"]}


def read_corpus(path: str | Path) -> list[dict[str, Any]]:
    """The entries of a JSON-lines corpus file, blank lines skipped."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def measure(entries: Iterable[dict[str, Any]]) -> Coverage:
    """Check every entry and count the correct ones."""
    total = 0
    wrong: list[str] = []
    for entry in entries:
        total += 1
        if not entry_matches(entry):
            wrong.append(str(entry.get("id", total)))
    return Coverage(total, total - len(wrong), tuple(wrong))


def main(argv: list[str] | None = None) -> int:
    """Print the coverage of the corpus named on the command line; 0 on success, 2 on misuse."""
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in args
    paths = [a for a in args if a != "--verbose"]
    if len(paths) != 1:
        print("usage: python -m lawdiff.parse.coverage CORPUS.jsonl [--verbose]", file=sys.stderr)
        return 2
    entries = read_corpus(paths[0])
    result = measure(entries)
    print(result.summary())
    if result.wrong:
        print("not matching: " + ", ".join(result.wrong))
    if verbose:
        by_id = {str(e.get("id")): e for e in entries}
        for ident in result.wrong:
            entry = by_id[ident]
            print(f"\n## {ident}\n{entry['text']}")
            print("expected:", json.dumps(entry["expected"], ensure_ascii=False))
            print("got:     ", json.dumps(parse_instruction_line(entry["text"]),
                                          ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
