"""How much of an instruction corpus the parser reads correctly.

Usage::

    python -m lawdiff.parse.coverage tests/parse_corpus/uk_instructions.jsonl [--verbose]

Each line of the corpus is ``{"id", "text", "expected": {"ops": [...]}}`` or
``"expected": {"error": true}``, optionally with the ``"unparsed"`` span the
error must report.  A corpus that cannot be read (a missing file, a line that
is not JSON, an entry without "text" or "expected") is a one-line error on
stderr naming the file and line, with exit status 1; a usage error exits 2.  An entry counts as correct when
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
    """The outcome over a corpus: how many entries, which ids were wrong.

    ``amending``/``amending_correct`` count the entries that expect ops (the
    instructions the parser should read), apart from those that expect a
    refusal, so that refusing correctly does not pass for reading.
    """

    total: int
    correct: int
    wrong: tuple[str, ...]
    amending: int = 0
    amending_correct: int = 0

    def summary(self) -> str:
        """One line such as "parsed correctly: 130/135 (96.3%); amending instructions read:
        114/119 (95.8%); expected refusals with their span: 16/16"."""
        refusals, refused = self.total - self.amending, self.correct - self.amending_correct
        return (f"parsed correctly: {self.correct}/{self.total} ({_share(self.correct, self.total)}); "
                f"amending instructions read: {self.amending_correct}/{self.amending} "
                f"({_share(self.amending_correct, self.amending)}); "
                f"expected refusals with their span: {refused}/{refusals}")


def _share(part: int, whole: int) -> str:
    return f"{100.0 * part / whole if whole else 100.0:.1f}%"


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


class CorpusError(ValueError):
    """A corpus file that cannot be read: ``path``, and ``line`` (1-based) when one line
    is at fault.  ``str()`` is one line: "FILE:LINE: what is wrong"."""

    def __init__(self, message: str, *, path: str | Path, line: int | None = None):
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.reason = message


def read_corpus(path: str | Path) -> list[dict[str, Any]]:
    """The entries of a JSON-lines corpus file, blank lines skipped.

    Raises CorpusError, naming the file (and the line, when one is at fault),
    when the file cannot be read, a line is not UTF-8 or not a JSON object,
    or an entry has no "text" string or no "expected" object with "ops" (a
    list) or "error".
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise CorpusError(exc.strerror or str(exc), path=path) from None
    entries: list[dict[str, Any]] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CorpusError(f"not UTF-8 text (byte {exc.start + 1} of the line)", path=path,
                              line=number) from None
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"not JSON ({exc.msg} at column {exc.colno})", path=path,
                              line=number) from None
        problem = _entry_problem(entry)
        if problem is not None:
            raise CorpusError(problem, path=path, line=number)
        entries.append(entry)
    return entries


def _entry_problem(entry: Any) -> str | None:
    """What is wrong with one corpus entry, or None."""
    if not isinstance(entry, dict):
        return "not a JSON object"
    if not isinstance(entry.get("text"), str):
        return 'no "text" (the instruction, a string)'
    expected = entry.get("expected")
    if not isinstance(expected, dict):
        return 'no "expected" (an object with "ops" or "error")'
    if "error" in expected:
        unparsed = expected.get("unparsed")
        if unparsed is not None and not isinstance(unparsed, str):
            return '"expected" "unparsed" is not a string'
        return None
    if not isinstance(expected.get("ops"), list):
        return '"expected" has neither "ops" (a list) nor "error"'
    return None


def measure(entries: Iterable[dict[str, Any]]) -> Coverage:
    """Check every entry and count the correct ones."""
    total = amending = amending_correct = 0
    wrong: list[str] = []
    for entry in entries:
        total += 1
        ok = entry_matches(entry)
        if "error" not in entry["expected"]:
            amending += 1
            amending_correct += ok
        if not ok:
            wrong.append(str(entry.get("id", total)))
    return Coverage(total, total - len(wrong), tuple(wrong), amending, amending_correct)


def main(argv: list[str] | None = None) -> int:
    """Print the coverage of the corpus named on the command line.

    Returns 0 when the corpus was read (however many entries match), 1 when it
    cannot be read (a one-line error on stderr naming the file and line), and
    2 on misuse.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in args
    paths = [a for a in args if a != "--verbose"]
    if len(paths) != 1:
        print("usage: python -m lawdiff.parse.coverage CORPUS.jsonl [--verbose]", file=sys.stderr)
        return 2
    try:
        entries = read_corpus(paths[0])
    except CorpusError as exc:
        print(f"lawdiff.parse.coverage: error: {exc}", file=sys.stderr)
        return 1
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
