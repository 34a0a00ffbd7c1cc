import pytest

from lawdiff.address import Address, resolve
from lawdiff.errors import InvalidStatute, ProvisionNotFound
from lawdiff.model import AMBIGUOUS, Kind, Omitted, Provision, Row, Table
from tests.helpers import act, alpha, num, para, section, sub


def test_children_must_follow_designation_order() -> None:
    with pytest.raises(InvalidStatute, match="subsection 1 stands after subsection 2 but must "
                                             "come before it in designation order"):
        section("1", sub("2", "Two."), sub("1", "One."))


def test_duplicate_numbers_are_refused() -> None:
    with pytest.raises(InvalidStatute, match="holds two of subsection 1"):
        section("1", sub("1", "One."), sub("1", "Again."))


def test_a_provision_needs_words() -> None:
    with pytest.raises(InvalidStatute, match="has no words, heading or children"):
        sub("1", None)  # type: ignore[arg-type]
    with pytest.raises(InvalidStatute, match=r"text needs words, not '\.'"):
        sub("1", ".")


def test_kinds_must_nest_properly() -> None:
    with pytest.raises(InvalidStatute, match="cannot hold"):
        Provision(Kind.SUBSECTION, num("1"), text="x", children=(sub("2", "y"),))
    with pytest.raises(InvalidStatute, match="alpha"):
        Provision(Kind.PARAGRAPH, num("1"), text="x")


def test_text_must_be_clean_single_line() -> None:
    with pytest.raises(InvalidStatute):
        sub("1", "two  spaces")
    with pytest.raises(InvalidStatute):
        sub("1", " leading")


def test_wrap_up_needs_children() -> None:
    with pytest.raises(InvalidStatute):
        Provision(Kind.SUBSECTION, num("1"), text="x", wrap_up="closing")


def test_table_rows_may_differ_in_width_but_need_a_cell() -> None:
    # Real tables span cells across columns: a row of one cell over a row of three.
    assert len(Table((Row(("a", "b")), Row(("c",)))).rows) == 2
    with pytest.raises(InvalidStatute):
        Row(())


def test_lookup_sees_through_parts_and_crossheadings() -> None:
    s5 = section("5", text="Five.")
    part = Provision(Kind.PART, num("1"), heading="General", children=(
        Provision(Kind.CROSSHEADING, None, heading="Intro", children=(s5,)),))
    a = act(part)
    assert a.find(Kind.SECTION, num("5")) == (0, 0, 0)
    assert a.node_at((0, 0, 0)) is s5


def test_a_number_two_provisions_share_names_neither() -> None:
    p1 = Provision(Kind.PART, num("1"), children=(section("5", text="a"),))
    p2 = Provision(Kind.PART, num("2"), children=(section("5", text="b"),))
    a = act(p1, p2)
    assert a.find(Kind.SECTION, num("5")) == AMBIGUOUS
    with pytest.raises(ProvisionNotFound, match="ambiguous"):
        resolve(a, Address.parse("s. 5"))


def test_replace_node_shares_everything_off_the_path() -> None:
    s1 = section("1", sub("1", "One."), sub("2", "Two."))
    s2 = section("2", text="Other.")
    a = act(s1, s2)
    b = a.replace_node((0, 1), sub("2", "Changed."))
    assert b.children[1] is s2
    assert b.children[0].children[0] is s1.children[0]  # type: ignore[union-attr]
    assert a.children[0] is s1  # the original is untouched
    assert b.node_at((0, 1)).text == "Changed."  # type: ignore[union-attr]


def test_replace_node_refuses_a_different_number() -> None:
    a = act(section("1", sub("1", "One.")))
    with pytest.raises(InvalidStatute):
        a.replace_node((0, 0), sub("2", "Two."))


def test_replace_children_validates_order() -> None:
    a = act(section("1", sub("1", "One."), sub("2", "Two.")))
    with pytest.raises(InvalidStatute):
        a.replace_children((0,), 0, 0, (sub("3", "Three."),))
    b = a.replace_children((0,), 2, 2, (sub("3", "Three."),))
    assert [c.num.value for c in b.children[0].children] == ["1", "2", "3"]  # type: ignore


def test_lookup_is_rebuilt_after_structural_change_under_a_part() -> None:
    part = Provision(Kind.PART, num("1"), children=(section("1", text="a"),))
    a = act(part)
    assert a.find(Kind.SECTION, num("2")) is None
    b = a.replace_children((0,), 1, 1, (section("2", text="b"),))
    assert b.find(Kind.SECTION, num("2")) == (0, 1)


def test_omitted_placeholder_keeps_kind_and_number() -> None:
    o = Omitted(Kind.SUBSECTION, num("3"), "repealed", "repealed by X")
    assert o.num == num("3")
    with pytest.raises(InvalidStatute):
        Omitted(Kind.SUBSECTION, num("3"), "vanished")


def test_walk_is_document_order() -> None:
    a = act(section("1", sub("1", "x", para("a", "p;"), para("b", "q."))), section("2", text="y"))
    assert [p for p, _ in a.walk()] == [(0,), (0, 0), (0, 0, 0), (0, 0, 1), (1,)]
    assert alpha("a") < alpha("b")


@pytest.mark.parametrize("bad", ["\x00", "\x03", "\x1f", "\ufffe"])
def test_text_no_format_could_write_is_refused(bad: str) -> None:
    with pytest.raises(InvalidStatute, match="control character"):
        Provision(Kind.SECTION, num("1"), text=f"A local{bad} authority")
    with pytest.raises(InvalidStatute, match="control character"):
        Row(("Sections 6", f"Appointment{bad}"))
