"""The generalisation check on the held-out documents (see README.md in this folder).

Usage::

    python tests/data/heldout/check.py [FILE ...]

Runs on each held-out file the checks the development set's tests run on
``tests/data/documents`` and prints one line per file and check (``ok`` or
what failed), then a summary.  Exit status 1 when any check fails.
"""

from __future__ import annotations

import json
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from lawdiff.formats.akn import act_from_bytes, act_to_bytes, validate
from lawdiff.formats.clml_names import UKM
from lawdiff.formats.clml_reader import read_clml
from lawdiff.formats.clml_writer import write_clml
from lawdiff.formats.text import own_words, read_text, write_text
from lawdiff.model import Act

HERE = Path(__file__).parent / "documents"


def _words(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    for meta in root.findall(f"{{{UKM}}}Metadata"):
        root.remove(meta)
    return re.split(r"[ \t\r\n]+", " ".join(root.itertext()).strip(" \t\r\n"))


def _read(name: str) -> Act:
    data = (HERE / name).read_bytes()
    if name.endswith(".clml.xml"):
        return read_clml(data, name)
    return act_from_bytes(data, name)


def _clml_round_trip(name: str, act: Act) -> str | None:
    if not name.endswith(".clml.xml"):
        return None
    copied = read_clml(write_clml(act), "copied")
    if copied != act:
        return "copying: the tree read back differs"
    rebuilt = write_clml(act, verbatim=False)
    if read_clml(rebuilt, "rebuilt") != act:
        return "rebuilding: the tree read back differs"
    if _words(rebuilt) != _words((HERE / name).read_bytes()):
        return "rebuilding: the words differ"
    return "ok"


def _akn(name: str, act: Act) -> str | None:
    data = act_to_bytes(act)
    problems = validate(data)
    if problems:
        return f"invalid AKN: {problems[0]}"
    if act_from_bytes(data, "written.xml") != act:
        return "the tree read back differs"
    return "ok"


def _akn_to_clml(name: str, act: Act) -> str | None:
    if not name.endswith(".akn.xml"):
        return None
    if read_clml(write_clml(act), "written.xml") != act:
        return "the tree read back differs"
    return "ok"


def _text(name: str, act: Act) -> str | None:
    if not name.endswith(".clml.xml"):
        return None
    text = write_text(act)
    if text.split() != own_words(act):
        return "the text's words are not the document's own"
    if write_text(read_text(text, name)) != text:
        return "the text read back prints differently"
    return "ok"


CHECKS: list[tuple[str, Callable[[str, Act], str | None]]] = [
    ("CLML -> CLML", _clml_round_trip),
    ("-> AKN", _akn),
    ("AKN -> CLML", _akn_to_clml),
    ("plain text", _text),
]


def main(argv: list[str]) -> int:
    manifest = json.loads((HERE / "manifest.json").read_text("utf-8"))
    names = argv or [e["file"] for e in manifest]
    failed = passed = 0
    for name in names:
        try:
            act = _read(name)
        except Exception as exc:
            print(f"{name}\tread\tFAILED: {type(exc).__name__}: {exc}")
            failed += 1
            continue
        print(f"{name}\tread\tok")
        passed += 1
        for label, check in CHECKS:
            try:
                outcome = check(name, act)
            except Exception as exc:
                outcome = f"{type(exc).__name__}: {exc}"
                if "-v" in sys.argv:
                    traceback.print_exc()
            if outcome is None:
                continue
            if outcome == "ok":
                passed += 1
            else:
                failed += 1
                outcome = f"FAILED: {outcome}"
            print(f"{name}\t{label}\t{outcome}")
    print(f"{passed} checks passed, {failed} failed, on {len(names)} files")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main([a for a in sys.argv[1:] if a != "-v"]))
