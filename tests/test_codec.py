import json
from datetime import date

import attrs
import pytest

from lawdiff.address import Address
from lawdiff.codec import node_from_json, node_to_json, operation_from_json, operation_to_json
from lawdiff.commencement import Commencement
from lawdiff.errors import InvalidAmendment
from lawdiff.formats.akn import read_act
from lawdiff.model import Kind, Provision
from lawdiff.operations import (
    EditCell,
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    Position,
    Provenance,
    SubstituteProvision,
    SubstituteWords,
)
from lawdiff.text import Occurrence, Words
from tests.helpers import LASSA, num, para, sub

A = Address.parse
OPS: list[Operation] = [
    InsertWords(target=A("s. 6(2)"), position=Position.AFTER, anchor="director of", words="x",
                occurrence=Occurrence("both"), provenance=Provenance("cite", "text"),
                commencement=(Commencement(date(2008, 1, 1), authority="S.I. 2007/1792, art. 2",
                                           condition="dcs-appointed"),)),
    InsertWords(target=A("s. 6(2)"), position=Position.AT_END, words="y"),
    SubstituteWords(target=A("s. 6(6)"), old=Words("a", "b"), new="c", occurrence=Occurrence.nth(2)),
    OmitWords(target=A("s. 6(6)"), old=Words("a", to_end=True)),
    InsertProvision(target=A("s. 6"), provisions=(sub("A1", "x"),), before=num("1")),
    InsertProvision(target=A("s. 2(6)"), provisions=(para("za", "y;"),), after_words="means—"),
    SubstituteProvision(target=A("s. 6(2)"), provisions=(sub("2", "z", para("a", "p")),)),
    OmitProvision(target=A("s. 6(1)"), how="repealed"),
    EditCell(target=A("Sch. 1 entry for “Sections 6 and 7B of this Act”"), column=2, new="n"),
    OmitWords(target=A("s. 6(6)"), old=Words("a"), occurrence=Occurrence("last")),
    OmitWords(target=A("s. 2(6)"), old=Words("a", to_end=True, end_of=A("s. 2(6)(b)"))),
    SubstituteWords(target=A("s. 6(6)"), old=Words("a", from_start=True), new="c"),
    OmitWords(target=A("s. 6(6)"), old=Words("a", after=True)),
    SubstituteWords(target=A("s. 6(6)"), old=Words("a", before=True), new="c"),
]


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.TYPE)
def test_operations_round_trip_through_json(op: Operation) -> None:
    data = json.loads(json.dumps(operation_to_json(op)))
    assert data["type"] == op.TYPE
    assert operation_from_json(data) == op


def test_the_last_occurrence_is_written_as_last() -> None:
    op = OmitWords(target=A("s. 6(6)"), old=Words("a"), occurrence=Occurrence("last"))
    assert operation_to_json(op)["occurrence"] == "last"
    data = {"type": "omit_words", "target": "s. 6(6)", "old": "a", "occurrence": "last"}
    assert operation_from_json(data) == op
    with pytest.raises(InvalidAmendment, match="only/both/each/last"):
        operation_from_json({**data, "occurrence": 2})


def test_inverse_primitives_round_trip() -> None:
    lassa = read_act(LASSA)
    for op in (OPS[1], OPS[4], OPS[7], OPS[8]):
        inverse = op.invert(lassa)
        assert operation_from_json(json.loads(json.dumps(operation_to_json(inverse)))) == inverse


def test_nodes_round_trip_and_kinds_are_inferred() -> None:
    lassa = read_act(LASSA)
    for node in lassa.children:
        assert node_from_json(node_to_json(node)) == node
    inferred = node_from_json({"num": "A1", "text": "x"}, Kind.SECTION)
    assert isinstance(inferred, Provision) and inferred.kind is Kind.SUBSECTION
    assert node_from_json({"num": "za", "text": "x"}, Kind.SUBSECTION).kind is Kind.PARAGRAPH  # type: ignore


@pytest.mark.parametrize("data, message", [
    ({"type": "fold_words"}, "unknown operation type"),
    ({"type": "insert_words", "target": "s. 6", "words": "x", "position": "after", "anchor": "y",
      "colour": "red"}, "unknown field"),
    ({"type": "insert_words", "target": "s. 6(", "words": "x", "position": "at_end"}, "bracket"),
    ({"type": "insert_words", "target": "s. 6", "words": "x", "position": "sideways"}, "sideways"),
    ({"type": "substitute_words", "target": "s. 6", "old": {"from": "a", "too": "b"}, "new": "c"},
     "unknown range field"),
    ({"type": "insert_provision", "target": "s. 6", "provisions": [{"num": "1", "txt": "x"}]},
     "unknown provision field"),
    ({"type": "insert_words", "target": "s. 6", "words": "x", "position": "at_end",
      "commencement": [{"date": "2008-13-01"}]}, "YYYY-MM-DD"),
    ([1, 2], "must be an object"),
    ({"type": "omit_words", "target": "s. 6", "old": {"from": "a", "to_end": "no"}},
     "to_end must be true or false"),
    ({"type": "omit_words", "target": "s. 6", "old": {"from": "a", "to_end": True, "end_of": 6}},
     "end_of must be a citation"),
    ({"type": "omit_words", "target": "s. 6", "old": {"from_start": True, "to": "a", "x": 1}},
     "unknown range field"),
    ({"type": "omit_words", "target": "s. 6", "old": {"after": "a", "to_end": True}},
     "the words after given words are"),
    ({"type": "omit_words", "target": "s. 6", "old": {"before": 3}},
     "the words before given words are"),
    ({"type": "omit_words", "target": "s. 6", "old": {"from_start": "yes", "to": "a"}},
     "a range from the beginning is"),
    ({"type": "omit_words", "target": "s. 6", "old": "a", "occurrence": [True]},
     "indices must be integers"),
])
def test_malformed_json_is_an_invalid_amendment(data: object, message: str) -> None:
    with pytest.raises(InvalidAmendment, match=message):
        operation_from_json(data)


# The JSON format as it was written before each class came to declare its fields' forms:
# literal objects, so that a change to the format shows here, not only in a round trip.
WRITTEN = [
    {"type": "insert_words", "provenance": {"citation": "cite", "text": "text"},
     "commencement": [{"date": "2008-01-01", "authority": "S.I. 2007/1792, art. 2",
                       "condition": "dcs-appointed"}],
     "target": "s. 6(2)", "words": "x", "position": "after", "anchor": "director of",
     "occurrence": "both"},
    {"type": "insert_words", "target": "s. 6(2)", "words": "y", "position": "at_end"},
    {"type": "substitute_words", "target": "s. 6(6)", "old": {"from": "a", "to": "b"}, "new": "c",
     "occurrence": [2]},
    {"type": "omit_words", "target": "s. 6(6)", "old": {"from": "a", "to_end": True}},
    {"type": "insert_provision", "target": "s. 6",
     "provisions": [{"kind": "subsection", "num": "A1", "text": "x"}], "before": "1"},
    {"type": "insert_provision", "target": "s. 2(6)",
     "provisions": [{"kind": "paragraph", "num": "za", "text": "y;"}], "after_words": "means—"},
    {"type": "substitute_provision", "target": "s. 6(2)",
     "provisions": [{"kind": "subsection", "num": "2", "text": "z",
                     "children": [{"kind": "paragraph", "num": "a", "text": "p"}]}]},
    {"type": "omit_provision", "target": "s. 6(1)", "how": "repealed"},
    {"type": "edit_cell", "target": "Sch. 1 entry for “Sections 6 and 7B of this Act”",
     "column": 2, "new": "n"},
    {"type": "omit_words", "target": "s. 6(6)", "old": "a", "occurrence": "last"},
    {"type": "omit_words", "target": "s. 2(6)",
     "old": {"from": "a", "to_end": True, "end_of": "s. 2(6)(b)"}},
    {"type": "substitute_words", "target": "s. 6(6)", "old": {"from_start": True, "to": "a"},
     "new": "c"},
    {"type": "omit_words", "target": "s. 6(6)", "old": {"after": "a"}},
    {"type": "substitute_words", "target": "s. 6(6)", "old": {"before": "a"}, "new": "c"},
]


@pytest.mark.parametrize(("op", "written"), list(zip(OPS, WRITTEN, strict=True)),
                         ids=lambda x: getattr(x, "TYPE", ""))
def test_the_json_format_is_unchanged(op: Operation, written: dict[str, object]) -> None:
    out = operation_to_json(op)
    assert out == written and list(out) == list(written)
    assert operation_from_json(written) == op


def test_inverse_primitives_are_written_as_before() -> None:
    lassa = read_act(LASSA)
    assert operation_to_json(OPS[4].invert(lassa)) == {
        "type": "replace_children", "path": [0], "start": 0, "end": 1, "nodes": []}
    omitted = operation_to_json(OPS[1].invert(lassa))
    assert omitted["type"] == "replace_text" and omitted["path"] == [0, 1]
    assert omitted["edits"] == [{"path": [], "field": "text", "start": 276, "end": 278, "new": "",
                                 "core": [0, 0]}]


def test_every_field_of_every_operation_has_a_json_form() -> None:
    from lawdiff.codec import VALUE_FORMS
    from lawdiff.operations import OPERATION_TYPES

    for cls in OPERATION_TYPES.values():
        forms = cls.json_forms()
        assert list(forms) == [f.name for f in attrs.fields(cls)], cls
        assert set(forms.values()) <= set(VALUE_FORMS), cls


def test_renumbering_operations_are_written_with_their_numbers() -> None:
    from lawdiff.designation import Designation, Style
    from lawdiff.formats.amendment_file import amendment_from_toml
    from lawdiff.operations import RenumberProvision, TextBecomesChild

    renumber = RenumberProvision(target=A("s. 6(3)"), to=Designation("4", Style.NUMBER))
    child = TextBecomesChild(target=A("s. 5"), num=Designation("1", Style.NUMBER))
    deeper = TextBecomesChild(target=A("s. 5(1)(b)"), num=Designation("i", Style.ROMAN))
    assert operation_to_json(renumber) == {"type": "renumber_provision", "target": "s. 6(3)",
                                           "to": "4"}
    assert operation_to_json(child) == {"type": "text_becomes_child", "target": "s. 5",
                                        "num": "1"}
    words = TextBecomesChild(target=A("s. 5(2)"), num=Designation("a", Style.ALPHA),
                             words=Words("the person", to_end=True))
    assert operation_to_json(words) == {"type": "text_becomes_child", "target": "s. 5(2)",
                                        "num": "a", "words": {"from": "the person",
                                                              "to_end": True}}
    for op in (renumber, child, deeper, words):
        assert operation_from_json(json.loads(json.dumps(operation_to_json(op)))) == op
    with pytest.raises(InvalidAmendment, match="number"):
        operation_from_json({"type": "renumber_provision", "target": "s. 6(3)", "to": "b"})
    toml = '''
[amendment]
citation = "X Act 2020 (c. 1), s. 2"
amends = "ukpga/2000/1"
[[operation]]
text = "subsection (3) is renumbered as subsection (4)"
type = "renumber_provision"
target = "s. 6(3)"
to = "4"
commencement = [{ date = 2020-01-01 }]
[[operation]]
type = "text_becomes_child"
target = "s. 5"
num = "1"
commencement = [{ date = 2020-01-01 }]
'''
    first, second = amendment_from_toml(toml).operations
    assert attrs.evolve(first, provenance=attrs.evolve(first.provenance, text=None),
                        commencement=()) == renumber
    assert attrs.evolve(second, commencement=()) == child


def test_an_entry_named_by_how_it_begins_is_written_as_its_citation() -> None:
    op = EditCell(target=A("Sch. 1 entry beginning “Sections 6”"), column=2, new="n")
    assert operation_to_json(op)["target"] == "Sch. 1 entry beginning “Sections 6”"
    assert operation_from_json(json.loads(json.dumps(operation_to_json(op)))) == op
