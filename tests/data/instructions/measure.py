"""Measure lawdiff's instruction parser on frozen expected readings, or its coverage.

Usage::

    python measure.py sample EXPECTED.jsonl      # exact / refused / wrong, by family
    python measure.py coverage HARVEST.jsonl     # how many texts give ops at all

``sample`` compares, for each line, what ``lawdiff.parse.parse_instruction_line``
returns with the line's ``"expected"``:

* expected ops: **exact** when the parser gives the same ops in the same
  order, **refused** when it gives an error, **wrong** otherwise;
* expected refusal: **exact** when it gives an error whose ``unparsed`` span
  is the expected one, **refused (other span)** for another span, **wrong**
  when it gives ops.

Ops are compared on the eight version-1 keys, and, where the parser's
richer ``ParsedOp`` carries them, on three version-2 keys: ``places`` (from
``occurrence_rule`` and ``occurrence_indices``), ``words_part`` and ``act``.
``range_end`` and ``as_inserted_by`` are not compared: the parser gives
``range_end`` as an address ("s. 4(2)(b)"), not as cited, and has no
``as_inserted_by``.  Run it only on files whose readings are frozen.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from typing import Any

from lawdiff.errors import InstructionParseError
from lawdiff.parse import parse, parse_instruction_line

V1_KEYS = ["action", "position", "anchor", "old", "new", "occurrence", "target", "range"]
V2_COMPARED = ["places", "words_part", "act"]
STRUCTURAL_NEW = re.compile(
    r"^(\(\w+\) |\d+[A-Za-z]*[ .]|Article \d+\w* |PART |CHAPTER |SCHEDULE|Information about )")


def families(expected: dict[str, Any]) -> set[str]:
    """The drafting families of an expected reading (the README's table, ops side)."""
    if "error" in expected:
        return {"expected refusal"}
    found: set[str] = set()
    for op in expected["ops"]:
        action, new, old = op["action"], op["new"] or "", op["old"]
        if op["range"]:
            found.add("ranges of words")
        if action == "insert":
            if op["position"] is None:
                found.add("insert at the appropriate place / no place named")
            structural = bool(STRUCTURAL_NEW.match(new)) and op["anchor"] is None
            found.add("insert whole provisions" if structural else "insert words")
        elif action == "substitute" and old is None:
            found.add("substitute whole provisions")
        elif action == "substitute" and not op["range"]:
            found.add("substitute words")
        elif action == "omit" and old is None:
            found.add("omit whole provisions")
        elif action == "omit" and not op["range"]:
            found.add("omit words")
        elif action == "renumber":
            found.add("renumbering")
        if op["places"] is not None:
            found.add("occurrence qualifiers")
        target = op["target"] or ""
        if "definition" in target or new.startswith("“"):
            found.add("definitions")
        if re.search(r"\bentr(y|ies)\b", target):
            found.add("table and list entries")
        if re.search(r"heading|title", target, re.IGNORECASE):
            found.add("headings and titles")
        if op["words_part"]:
            found.add("opening or closing words")
        if op["act"]:
            found.add("Act or instrument named")
    if len(expected["ops"]) > 1:
        found.add("several ops in one entry")
    return found


def _places(op: Any) -> Any:
    rule = op.occurrence_rule
    if rule == "only":
        return None
    if rule in ("both", "each", "last"):
        return rule
    return list(op.occurrence_indices)


def parsed(text: str) -> dict[str, Any]:
    """The parser's result: ops with the compared keys, or the error and its span."""
    line = parse_instruction_line(text)
    if "error" in line:
        return {"error": True, "unparsed": line["unparsed"]}
    try:
        rich = parse(text)
    except InstructionParseError:  # the two interfaces disagree: keep the machine one
        rich = ()
    ops = []
    for index, op in enumerate(line["ops"]):
        extra: dict[str, Any] = {key: None for key in V2_COMPARED}
        if index < len(rich):
            extra = {"places": _places(rich[index]), "words_part": rich[index].words_part,
                     "act": rich[index].act}
        ops.append({**op, **extra})
    return {"ops": ops}


def verdict(expected: dict[str, Any], got: dict[str, Any]) -> tuple[str, str]:
    """(outcome on the eight v1 keys, outcome on v1 + places, words_part, act)."""
    if "error" in expected:
        if "error" not in got:
            return "wrong", "wrong"
        same = got["unparsed"] == expected["unparsed"]
        outcome = "exact" if same else "refused (other span)"
        return outcome, outcome
    if "error" in got:
        return "refused", "refused"
    want, have = expected["ops"], got["ops"]
    if len(want) != len(have):
        return "wrong", "wrong"
    v1 = all({k: w[k] for k in V1_KEYS} == {k: h[k] for k in V1_KEYS}
             for w, h in zip(want, have, strict=True))
    v2 = v1 and all({k: w[k] for k in V2_COMPARED} == {k: h[k] for k in V2_COMPARED}
                    for w, h in zip(want, have, strict=True))
    return ("exact" if v1 else "wrong"), ("exact" if v2 else "wrong")


def measure_sample(path: str) -> int:
    """Print the sample's outcomes, overall and by family; return the exit status."""
    with open(path, encoding="utf-8") as fh:
        entries = [json.loads(line) for line in fh]
    overall: dict[str, Counter[str]] = {"v1": Counter(), "v1+": Counter()}
    by_family: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: list[str] = []
    for entry in entries:
        expected = entry["expected"]
        v1, v2 = verdict(expected, parsed(entry["text"]))
        overall["v1"][v1] += 1
        overall["v1+"][v2] += 1
        for family in families(expected):
            by_family[family][v1] += 1
        if v1 == "wrong":
            wrong.append(entry["id"])
    total = len(entries)
    for name, counts in overall.items():
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"{name}: {total} entries: {shown}; exact {100 * counts['exact'] / total:.1f}%")
    print("| Family | Entries | Exact | Refused | Refused (other span) | Wrong |")
    print("|---|---:|---:|---:|---:|---:|")
    for family, counts in sorted(by_family.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"| {family} | {sum(counts.values())} | {counts['exact']} | {counts['refused']} "
              f"| {counts['refused (other span)']} | {counts['wrong']} |")
    print("wrong (v1):", " ".join(wrong) if wrong else "none")
    return 0


def measure_coverage(path: str) -> int:
    """Print how many harvest texts give ops and how many are refused."""
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    read = sum("ops" in parse_instruction_line(text) for text in texts)
    print(f"{len(texts)} texts: {read} give ops ({100 * read / len(texts):.1f}%), "
          f"{len(texts) - read} refused")
    return 0


def main(argv: list[str]) -> int:
    """Run the measurement named by argv[1] on the file argv[2]."""
    if len(argv) != 3 or argv[1] not in ("sample", "coverage"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return measure_sample(argv[2]) if argv[1] == "sample" else measure_coverage(argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
