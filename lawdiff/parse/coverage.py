"""How much of an instruction corpus the parser reads correctly.

Usage::

    python -m lawdiff.parse.coverage CORPUS.jsonl [--verbose]

Each line of the corpus is ``{"id", "text", "expected": {"ops": [...]}}`` or
``"expected": {"error": true}``, optionally with the ``"unparsed"`` span the
error must report.  The expected ops may be written in the machine reading of
version 1 (each op with its eight keys) or of version 2 (the thirteen keys of
``docs/parsing.md``), one version throughout an entry; a version-1 entry is
compared on the version-1 keys of what the parser gives.

Each entry that expects ops is **read exactly** (the parser gives exactly the
expected ops), **refused** (the parser reports an error: it did not read the
instruction, and says so) or **read wrongly** (it gives other ops, which is
worse than a refusal).  Refusals are counted by the families the instruction
belongs to (:func:`families`: occurrence qualifiers, ranges, passive forms,
renumbering …).  Each entry that expects an error is refused with the expected
span, refused with another span, or read (wrongly).

A corpus that cannot be read (a missing file, a line that is not JSON, an
entry without "text" or "expected", ops with keys of neither version) is a
one-line error on stderr naming the file and line, with exit status 1; a
usage error exits 2.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from lawdiff.parse.jsonl import parse_instruction_line

#: The keys of a version-1 op, in order.
V1_KEYS = ("action", "position", "anchor", "old", "new", "occurrence", "target", "range")
#: The keys of a version-2 op, in order.
V2_KEYS = (*V1_KEYS, "places", "range_end", "words_part", "as_inserted_by", "act")

#: Outcomes of an entry that expects ops.
READ, REFUSED, WRONG = "read exactly", "refused", "read wrongly"
#: Outcomes of an entry that expects an error.
REFUSED_WITH_SPAN, REFUSED_OTHER_SPAN, READ_INSTEAD = (
    "refused with the span", "refused with another span", "read instead of refused")


@attrs.frozen(slots=True)
class EntryResult:
    """What the parser made of one corpus entry: its ``outcome`` (one of the names above),
    the ``families`` of the instruction, and what the parser gave (``got``)."""

    id: str
    expects_ops: bool
    outcome: str
    families: tuple[str, ...]
    got: dict[str, Any]

    @property
    def correct(self) -> bool:
        """True when the entry came out as expected."""
        return self.outcome in (READ, REFUSED_WITH_SPAN)


@attrs.frozen(slots=True)
class Coverage:
    """The outcome over a corpus.

    ``total``/``correct``/``wrong`` count every entry (``wrong`` lists the
    ids that did not come out as expected); ``amending``/``amending_correct``
    count the entries that expect ops, apart from those that expect a
    refusal, so that refusing correctly does not pass for reading.
    ``results`` holds each entry's :class:`EntryResult`.
    """

    total: int
    correct: int
    wrong: tuple[str, ...]
    amending: int = 0
    amending_correct: int = 0
    results: tuple[EntryResult, ...] = ()

    def count(self, outcome: str) -> int:
        """How many entries had ``outcome``."""
        return sum(r.outcome == outcome for r in self.results)

    def ids(self, outcome: str) -> tuple[str, ...]:
        """The ids of the entries that had ``outcome``."""
        return tuple(r.id for r in self.results if r.outcome == outcome)

    def refused_by_family(self, outcome: str = REFUSED) -> list[tuple[str, int]]:
        """For entries with ``outcome``, how many belong to each family, most first."""
        counts: Counter[str] = Counter()
        for r in self.results:
            if r.outcome == outcome:
                counts.update(r.families)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def summary(self) -> str:
        """One line such as "parsed correctly: 130/135 (96.3%); amending instructions read:
        114/119 (95.8%); expected refusals with their span: 16/16"."""
        refusals, refused = self.total - self.amending, self.correct - self.amending_correct
        return (f"parsed correctly: {self.correct}/{self.total} ({_share(self.correct, self.total)}); "
                f"amending instructions read: {self.amending_correct}/{self.amending} "
                f"({_share(self.amending_correct, self.amending)}); "
                f"expected refusals with their span: {refused}/{refusals}")

    def report(self) -> str:
        """The summary line, then the amending instructions read exactly, refused (by
        family) and read wrongly, and how the expected refusals came out."""
        n = self.amending
        lines = [self.summary(),
                 f"read exactly: {self.count(READ)}/{n} ({_share(self.count(READ), n)})",
                 f"refused: {self.count(REFUSED)}/{n} ({_share(self.count(REFUSED), n)})"]
        for family, count in self.refused_by_family():
            lines.append(f"  {family}: {count}")
        lines.append(f"read wrongly: {self.count(WRONG)}/{n} ({_share(self.count(WRONG), n)})")
        for family, count in self.refused_by_family(WRONG):
            lines.append(f"  {family}: {count}")
        lines.append(f"expected refusals: {self.count(REFUSED_WITH_SPAN)} refused with the span, "
                     f"{self.count(REFUSED_OTHER_SPAN)} with another span, "
                     f"{self.count(READ_INSTEAD)} read instead")
        return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{100.0 * part / whole if whole else 100.0:.1f}%"


def _version(ops: list[Any]) -> int:
    """The machine-reading version the expected ops are written in (1 or 2); 2 when there
    are none.  Raises ValueError when an op's keys are those of neither."""
    versions = set()
    for o in ops:
        keys = tuple(o) if isinstance(o, dict) else ()
        if set(keys) == set(V1_KEYS):
            versions.add(1)
        elif set(keys) == set(V2_KEYS):
            versions.add(2)
        else:
            raise ValueError("an expected op has the keys of neither version 1 (eight) nor "
                             "version 2 (thirteen)")
    if len(versions) > 1:
        raise ValueError("the expected ops mix version 1 and version 2")
    return versions.pop() if versions else 2


_FAMILY_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("respectively", re.compile(r"\brespectively\b", re.I)),
    ("leave out", re.compile(r"\bleave\s+out\b", re.I)),
    ("repeal the words", re.compile(r"\brepeal\s+the\s+words?\b", re.I)),
    ("immediately before or after", re.compile(r"\bimmediately\s+(?:before|after|preceding"
                                               r"|following)\b", re.I)),
    ("passive or older form", re.compile(
        r"\b(?:shall\s+be|is|are)\s+(?:hereby\s+)?(?:inserted|added|substituted|omitted"
        r"|repealed|amended\s+by)\b|\bthere\s+(?:shall\s+be|is|are)\b"
        r"|\bcease[sd]?\s+to\s+have\s+effect\b", re.I)),
    ("renumbering", re.compile(r"\brenumber|\bbecomes?\s+(?:sub-?)?(?:section|paragraph)", re.I)),
    ("as inserted by", re.compile(r"\bas\s+(?:inserted|substituted|added)\s+by\b", re.I)),
    ("in any enactment", re.compile(r"\bany\s+enactment\b", re.I)),
    ("each of the following", re.compile(r"\beach\s+of\s+the\s+following\b", re.I)),
    ("opening or closing words", re.compile(r"\b(?:opening|closing)\s+words\b"
                                            r"|\bwords\s+(?:before|after|preceding|following)\s+"
                                            r"(?:sub-?)?paragraph\b", re.I)),
    ("at the appropriate place", re.compile(r"\bappropriate\s+places?\b", re.I)),
    ("Schedule, Part, regulation, article or rule", re.compile(
        r"\b(?:Schedule|Part|regulation|article|rule)s?\s+\(?[0-9A-Z]", re.I)),
]


def families(entry: dict[str, Any]) -> tuple[str, ...]:
    """The families of drafting an entry belongs to, from its expected ops and its wording:
    "occurrence", "range", "range to the end of a provision", "several changes", "at the
    beginning or end", "whole provisions", "words", and those of the wording
    ("respectively", "leave out", "passive or older form", "renumbering" …)."""
    found: list[str] = []
    ops = entry["expected"].get("ops") or []
    text = entry["text"]
    if any(o.get("occurrence") is not None or o.get("places") is not None for o in ops):
        found.append("occurrence")
    if any(o.get("range") for o in ops):
        found.append("range")
    if any(o.get("range_end") for o in ops) or re.search(r"\bto\s+the\s+end\s+of\b", text, re.I):
        found.append("range to the end of a provision")
    if len(ops) > 1:
        found.append("several changes")
    if any(o.get("position") in ("at_end", "at_beginning") for o in ops):
        found.append("at the beginning or end")
    if any(o.get("action") == "renumber" for o in ops):
        found.append("renumbering")
    if any(o.get("action") != "renumber" and o.get("old") is None and o.get("anchor") is None
           and o.get("position") not in ("at_end", "at_beginning")
           and (o.get("action") == "omit" or _numbered(o.get("new"))) for o in ops):
        found.append("whole provisions")
    if any(o.get("old") is not None or o.get("anchor") is not None for o in ops):
        found.append("words")
    for name, pattern in _FAMILY_WORDS:
        if name not in found and pattern.search(text):
            found.append(name)
    return tuple(found) or ("other",)


def _numbered(new: object) -> bool:
    return isinstance(new, str) and re.match(r"\(?[A-Za-z0-9]{1,5}\)?\s", new) is not None


def judge(entry: dict[str, Any], default_id: str = "") -> EntryResult:
    """How the parser's result for ``entry["text"]`` compares with ``entry["expected"]``
    (the entry is named by its "id", else by ``default_id``)."""
    got = parse_instruction_line(entry["text"])
    expected = entry["expected"]
    ident = str(entry.get("id", default_id))
    kinds = families(entry)
    if "error" in expected:
        if "error" not in got:
            outcome = READ_INSTEAD
        elif "unparsed" in expected and got["unparsed"] != expected["unparsed"]:
            outcome = REFUSED_OTHER_SPAN
        else:
            outcome = REFUSED_WITH_SPAN
        return EntryResult(ident, False, outcome, kinds, got)
    if "error" in got:
        return EntryResult(ident, True, REFUSED, kinds, got)
    ops = got["ops"]
    if _version(expected["ops"]) == 1:
        ops = [{k: o[k] for k in V1_KEYS} for o in ops]
    outcome = READ if ops == expected["ops"] else WRONG
    return EntryResult(ident, True, outcome, kinds, got)


def entry_matches(entry: dict[str, Any]) -> bool:
    """True when the parser's result for ``entry["text"]`` is what ``entry["expected"]`` says:
    the same ops, or an error (reporting the expected ``unparsed`` span, if one is given)."""
    return judge(entry).correct


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
    list of ops with the keys of version 1 or of version 2) or "error".
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
    try:
        _version(expected["ops"])
    except ValueError as exc:
        return str(exc)
    return None


def measure(entries: Iterable[dict[str, Any]]) -> Coverage:
    """Judge every entry and count the outcomes."""
    results = tuple(judge(entry, str(i)) for i, entry in enumerate(entries, start=1))
    amending = sum(r.expects_ops for r in results)
    amending_correct = sum(r.expects_ops and r.correct for r in results)
    wrong = tuple(r.id for r in results if not r.correct)
    return Coverage(len(results), len(results) - len(wrong), wrong, amending, amending_correct,
                    results)


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
    print(result.report())
    if result.wrong:
        print("not matching: " + ", ".join(result.wrong))
    if verbose:
        by_id = {str(e.get("id", i)): e for i, e in enumerate(entries, start=1)}
        for r in result.results:
            if r.correct:
                continue
            entry = by_id[r.id]
            print(f"\n## {r.id} ({r.outcome}; {', '.join(r.families)})\n{entry['text']}")
            print("expected:", json.dumps(entry["expected"], ensure_ascii=False))
            print("got:     ", json.dumps(r.got, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
