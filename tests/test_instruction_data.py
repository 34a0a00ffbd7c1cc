"""The real-instruction data of ``tests/data/instructions/`` is well formed and frozen.

``sample.jsonl`` and ``heldout.jsonl`` hold expected readings written by hand
before the parser was run on those instructions; their SHA-256 is recorded
here (and in the folder's README) so that a reading cannot be changed after
the fact without this test failing.  Every sample entry must be a harvest
entry, word for word; no held-out entry may come from a file the harvest
uses.  No test here runs the parser: these tests check the data only.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent / "data" / "instructions"
HARVEST = DATA / "harvest.jsonl"
SAMPLE = DATA / "sample.jsonl"
HELDOUT = DATA / "heldout.jsonl"

SAMPLE_SHA256 = "8264880f5e26e3dfe3d5aa885fe0f12274fabe3d9388d14f65461666d652d56a"
SAMPLE_SIZE = 300
HELDOUT_SHA256 = "6232dc0d9c666149cb27e422ee6218ef2e4e4d1a0649eccef6e177640ae81de3"

ENTRY_KEYS = ["id", "citation", "source", "text"]
OP_KEYS = ["action", "position", "anchor", "old", "new", "occurrence", "target", "range",
           "places", "range_end", "words_part", "as_inserted_by", "act"]
ACTIONS = {"insert", "substitute", "omit", "renumber"}
POSITIONS = {None, "before", "after", "at_end", "at_beginning"}
WORDS_PARTS = {None, "opening", "closing"}
NAMED_OCCURRENCE = {"first": 1, "second": 2, "third": 3}
STRING_OR_NULL = ["anchor", "old", "new", "target", "range_end", "as_inserted_by", "act"]


def _lines(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _positions(value: object) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in value)
            and value == sorted(set(value)))


def _check_op(op: dict[str, Any], text: str) -> None:
    assert list(op) == OP_KEYS, list(op)
    assert op["action"] in ACTIONS
    assert op["position"] in POSITIONS
    assert op["words_part"] in WORDS_PARTS
    assert isinstance(op["range"], bool)
    for key in STRING_OR_NULL:
        value = op[key]
        assert value is None or (isinstance(value, str) and value.strip() == value and value), key
    occurrence, places = op["occurrence"], op["places"]
    if places is None:
        assert occurrence is None
    elif places in ("both", "each"):
        assert occurrence == "all"
    elif places == "last":
        assert occurrence == "last"
    else:
        assert _positions(places), places
        if len(places) == 1 and places[0] in NAMED_OCCURRENCE.values():
            assert occurrence == {v: k for k, v in NAMED_OCCURRENCE.items()}[places[0]]
        else:
            assert occurrence == places
    if op["action"] in ("insert", "renumber"):
        assert op["new"] is not None and op["old"] is None
    if op["action"] == "substitute":
        assert op["new"] is not None
    if op["action"] == "omit":
        assert op["new"] is None and op["anchor"] is None
    if op["action"] == "renumber":
        assert op["target"] is not None
    if op["anchor"] is not None:
        assert op["position"] in ("before", "after")
    if op["range"]:
        assert op["old"] is not None and " …" in op["old"]
    else:
        assert op["range_end"] is None
    if op["words_part"] is not None:
        assert op["target"] is not None
    flat = _collapsed(text)
    for key in ("anchor", "new", "as_inserted_by", "act"):
        if op[key] is not None:
            assert op[key] in flat, (key, op[key])
    if op["old"] is not None:
        for end in op["old"].split(" … "):
            end = end.removesuffix(" …")
            assert end and end in flat, end


def _check_entry(entry: dict[str, Any]) -> None:
    assert list(entry) == [*ENTRY_KEYS, "expected"], list(entry)
    for key in ENTRY_KEYS:
        assert isinstance(entry[key], str) and entry[key], key
    expected = entry["expected"]
    if "error" in expected:
        assert list(expected) == ["error", "unparsed"]
        assert expected["error"] is True
        span = expected["unparsed"]
        assert isinstance(span, str) and span and span in entry["text"]
    else:
        assert list(expected) == ["ops"]
        assert isinstance(expected["ops"], list) and expected["ops"]
        for op in expected["ops"]:
            _check_op(op, entry["text"])


def test_harvest_is_well_formed() -> None:
    harvest = _lines(HARVEST)
    assert len(harvest) >= 2000
    ids = [entry["id"] for entry in harvest]
    assert len(ids) == len(set(ids))
    for entry in harvest:
        assert list(entry) == ENTRY_KEYS, entry.get("id")
        for key in ENTRY_KEYS:
            assert isinstance(entry[key], str) and entry[key].strip() == entry[key] and entry[key]
        assert "  " not in entry["text"] and "\n" not in entry["text"], entry["id"]


def test_sample_is_frozen() -> None:
    digest = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert digest == SAMPLE_SHA256, (
        "sample.jsonl changed: the expected readings are frozen (see the folder's README)")


def test_sample_lines_are_well_formed() -> None:
    sample = _lines(SAMPLE)
    assert len(sample) == SAMPLE_SIZE
    assert len({entry["id"] for entry in sample}) == SAMPLE_SIZE
    for entry in sample:
        _check_entry(entry)


def test_sample_entries_are_harvest_entries_word_for_word() -> None:
    harvest = {entry["id"]: entry for entry in _lines(HARVEST)}
    for entry in _lines(SAMPLE):
        assert entry["id"] in harvest, entry["id"]
        original = harvest[entry["id"]]
        for key in ENTRY_KEYS:
            assert entry[key] == original[key], (entry["id"], key)


def test_sample_is_the_seeded_draw() -> None:
    import random
    ids = [entry["id"] for entry in _lines(HARVEST)]
    drawn = set(random.Random(9003).sample(ids, SAMPLE_SIZE))
    assert [entry["id"] for entry in _lines(SAMPLE)] == [i for i in ids if i in drawn]


def _source_file(entry: dict[str, Any]) -> str:
    return str(entry["source"]).split(" (", 1)[0]


def test_heldout_is_frozen() -> None:
    digest = hashlib.sha256(HELDOUT.read_bytes()).hexdigest()
    assert digest == HELDOUT_SHA256, (
        "heldout.jsonl changed: the held-out readings are frozen (see the folder's README)")


def test_heldout_lines_are_well_formed() -> None:
    heldout = _lines(HELDOUT)
    assert len(heldout) >= 150
    assert len({entry["id"] for entry in heldout}) == len(heldout)
    for entry in heldout:
        _check_entry(entry)


def test_heldout_shares_no_instrument_with_the_harvest() -> None:
    harvest = _lines(HARVEST)
    harvest_files = {_source_file(entry) for entry in harvest}
    harvest_ids = {entry["id"] for entry in harvest}
    for entry in _lines(HELDOUT):
        assert _source_file(entry) not in harvest_files, entry["id"]
        assert entry["id"] not in harvest_ids, entry["id"]


@pytest.mark.parametrize("bad", [
    {"action": "insert", "position": "after", "anchor": "x", "old": None, "new": None,
     "occurrence": None, "target": None, "range": False, "places": None, "range_end": None,
     "words_part": None, "as_inserted_by": None, "act": None},
    {"action": "omit", "position": None, "anchor": None, "old": "x", "new": None,
     "occurrence": "all", "target": None, "range": False, "places": [1], "range_end": None,
     "words_part": None, "as_inserted_by": None, "act": None},
])
def test_checker_rejects_malformed_ops(bad: dict[str, Any]) -> None:
    with pytest.raises(AssertionError):
        _check_op(bad, "omit “x”")
