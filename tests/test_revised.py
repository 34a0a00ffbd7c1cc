"""A consolidation as a revised text in legislation.gov.uk's form (lawdiff.revised)."""

from __future__ import annotations

from pathlib import Path

from lawdiff.address import Address, resolve
from lawdiff.amendment import Amendment
from lawdiff.engine import Consolidation, consolidate
from lawdiff.formats.akn import read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.formats.clml_reader import read_clml
from lawdiff.formats.clml_writer import write_clml
from lawdiff.model import Act, Provision, Table
from lawdiff.revised import revised_act

ROOT = Path(__file__).parent.parent


def revised_1970() -> tuple[Consolidation, Act]:
    base = read_act(ROOT / "statutes" / "ukpga-1970-42.xml")
    cons = consolidate(base, [read_amendment(ROOT / "amendments" /
                                             "children-act-2004-sch-2-para-2.toml")])
    return cons, revised_act(cons)


def spans(node: Provision, field: str = "text") -> list[tuple[str, str]]:
    text = node.texts()[field] or ""
    return [(m.name, text[m.start:m.end]) for m in node.marks if m.field == field and
            not m.is_atom]


def test_inserted_and_substituted_words_are_marked_with_their_f_note() -> None:
    _, revised = revised_1970()
    s61 = resolve(revised, Address.parse("s. 6(1)")).node
    assert isinstance(s61, Provision)
    assert spans(s61) == [("addition", "in Wales")]
    (mark,) = [m for m in s61.marks if m.name == "addition"]
    note = next(c for c in revised.commentaries if c.ident == mark.get("CommentaryRef"))
    assert note.type == "F"
    assert note.words.startswith("Words in s. 6(1) inserted (1.1.2008")
    s66 = resolve(revised, Address.parse("s. 6(6)")).node
    assert isinstance(s66, Provision)
    assert spans(s66) == [("substitution", "a person under this section")]


def test_an_inserted_provision_has_every_run_of_words_marked() -> None:
    _, revised = revised_1970()
    a1 = resolve(revised, Address.parse("s. 6(A1)")).node
    assert isinstance(a1, Provision)
    assert spans(a1, "num") == [("addition", "A1")]
    assert spans(a1)[0][0] == "addition" and spans(a1)[0][1] == a1.text
    assert any(m.name == "commentary-ref" and m.field == "num" for m in a1.marks)


def test_words_in_a_table_entry_are_marked() -> None:
    _, revised = revised_1970()
    table = next(n for _, n in revised.walk() if isinstance(n, Table))
    row = table.rows[1]
    assert [(m.name, row.cells[1][m.start:m.end]) for m in row.marks] == [
        ("addition", "director of adult social services or")]


def test_omitted_words_print_as_dots_after_a_reference_to_their_note() -> None:
    base = read_act(ROOT / "statutes" / "ukpga-1989-42.xml")
    from lawdiff.operations import OmitWords
    from lawdiff.text import Words

    op = OmitWords(target=Address.parse("s. 2(6)(a)"), old=Words("or director of education"))
    cons = consolidate(base, [Amendment("Test Act 2009 (c. 9), s. 1", base.info.work, (op,))])
    node = resolve(revised_act(cons), Address.parse("s. 2(6)(a)")).node
    assert isinstance(node, Provision) and node.text is not None
    assert ". . ." in node.text
    ref = next(m for m in node.marks if m.name == "commentary-ref")
    assert node.text[ref.start:ref.start + 5] == ". . ."


def test_the_revised_text_is_written_as_clml_and_reads_back() -> None:
    _, revised = revised_1970()
    again = read_clml(write_clml(revised), "revised.xml")
    assert again.info.status == "revised"
    assert [c.words for c in again.commentaries] == [c.words for c in revised.commentaries]
    s61 = resolve(again, Address.parse("s. 6(1)")).node
    assert isinstance(s61, Provision) and spans(s61) == [("addition", "in Wales")]


def test_notes_the_base_text_already_had_are_kept_and_new_ones_follow() -> None:
    hra = read_clml((ROOT / "tests" / "data" / "documents" /
                     "ukpga-1998-42-revised-2026-04-06.clml.xml").read_bytes(), "hra")
    from lawdiff.operations import InsertWords, Position

    op = InsertWords(target=Address.parse("s. 1(2)"), position=Position.AT_END,
                     words="and of this section")
    revised = revised_act(consolidate(hra, [Amendment("Test Act 2027 (c. 1), s. 1",
                                                      hra.info.work, (op,))]))
    assert revised.commentaries[:len(hra.commentaries)] == hra.commentaries
    (new,) = revised.commentaries[len(hra.commentaries):]
    assert new.ident not in {c.ident for c in hra.commentaries}
    assert new.words.startswith("Words in s. 1(2) inserted")
