"""Revised CLML's change markup and F-notes laid over an amended Act."""

from __future__ import annotations

from lawdiff.address import Address
from lawdiff.formats.clml_reader import read_clml
from lawdiff.formats.clml_revised import MarkedChange, mark_changes
from lawdiff.formats.clml_writer import write_clml
from lawdiff.inline import Mark
from lawdiff.model import Provision
from tests.helpers import act, section, sub

TEXT = "A local authority in Wales shall appoint an officer."


def test_words_inserted_and_a_provision_substituted_are_marked_with_their_notes() -> None:
    base = act(section("6", sub("1", TEXT), sub("2", "Two or more authorities may concur.")))
    changes = [MarkedChange(Address.parse("s. 6(1)"), "text", 18, 26, "words inserted", "key-1"),
               MarkedChange(Address.parse("s. 6(2)"), None, 0, 0, "substituted", "key-2")]
    marked = mark_changes(base, changes, [("key-1", "Words in s. 6(1) inserted by X"),
                                          ("key-2", "S. 6(2) substituted by X")])
    first = marked.children[0].children[0]  # type: ignore[union-attr]
    assert isinstance(first, Provision)
    assert first.marks == (Mark("text", 18, 18, "commentary-ref", (("Ref", "key-1"),)),
                           Mark("text", 18, 26, "addition", (("ChangeId", "key-1-1"),
                                                             ("CommentaryRef", "key-1"))))
    assert [(c.ident, c.type, c.words) for c in marked.commentaries] == [
        ("key-1", "F", "Words in s. 6(1) inserted by X"), ("key-2", "F", "S. 6(2) substituted by X")]
    written = write_clml(marked)
    assert b'<CommentaryRef Ref="key-1"/><Addition ChangeId="key-1-1" CommentaryRef="key-1">in ' \
           b'Wales</Addition>' in written
    again = read_clml(written, "again.xml")
    assert [c.ident for c in again.commentaries] == ["key-1", "key-2"]


def test_a_change_whose_words_cannot_be_marked_keeps_its_note() -> None:
    crossing = Mark("text", 10, 20, "emphasis")
    base = act(section("6", sub("1", TEXT)))
    base = base.replace_node((0, 0), Provision(  # type: ignore[arg-type]
        base.children[0].children[0].kind, base.children[0].children[0].num,  # type: ignore[union-attr]
        text=TEXT, marks=(crossing,)))
    marked = mark_changes(base, [MarkedChange(Address.parse("s. 6(1)"), "text", 15, 26,
                                              "words substituted", "k")], [("k", "note")])
    node = marked.children[0].children[0]  # type: ignore[union-attr]
    assert isinstance(node, Provision)
    assert node.marks == (crossing, Mark("text", 15, 15, "commentary-ref", (("Ref", "k"),)))
    assert [c.ident for c in marked.commentaries] == ["k"]
