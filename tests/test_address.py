import pytest

from lawdiff.address import Address, address_of, resolve
from lawdiff.errors import InvalidAddress, ProvisionNotFound
from lawdiff.formats.akn import read_act
from lawdiff.model import Kind, Provision, Row, Table
from tests.helpers import LASSA, LGHA, act, num, para, section, sub


@pytest.mark.parametrize("citation, eid", [
    ("s. 6", "sec_6"), ("s. 6(A1)", "sec_6__subsec_A1"), ("s. 2(6)(za)", "sec_2__subsec_6__para_za"),
    ("s. 2(6)(a)(ii)", "sec_2__subsec_6__para_a__subpara_ii"), ("Sch. 1", "sched_1"),
    ("Sch. 1 para. 2(3)(a)", "sched_1__para_2__subpara_3__para_a"), ("Pt. 2", "part_2"),
    ("s. 3(b)", "sec_3__para_b"), ("Sch. 2 para. 4(b)", "sched_2__para_4__para_b"),
])
def test_citations_and_eids_round_trip(citation: str, eid: str) -> None:
    a = Address.parse(citation)
    assert str(a) == citation
    assert a.eid == eid
    assert Address.from_eid(eid) == a
    assert Address.parse(eid) == a


def test_long_forms_are_read() -> None:
    assert Address.parse("section 6(1)") == Address.parse("s. 6(1)")
    assert Address.parse("Schedule 1 paragraph 2") == Address.parse("Sch. 1 para. 2")


def test_entry_addresses() -> None:
    a = Address.parse("Sch. 1 entry for “Sections 6 and 7B of this Act”")
    assert a.entry == "Sections 6 and 7B of this Act"
    assert str(a) == "Sch. 1 entry for “Sections 6 and 7B of this Act”"
    with pytest.raises(InvalidAddress):
        _ = a.eid


@pytest.mark.parametrize("bad", ["s. ", "x. 6", "s. 6(", "para. 2", "s. 6 s. 7", "s. 6(1)(a)(1)",
                                 "bogus_6"])
def test_bad_addresses(bad: str) -> None:
    with pytest.raises(InvalidAddress):
        Address.parse(bad)


def test_resolve_finds_provisions_in_the_corpus() -> None:
    lassa = read_act(LASSA)
    loc = resolve(lassa, Address.parse("s. 6(2)"))
    assert isinstance(loc.node, Provision) and loc.node.text.startswith("Two or more")  # type: ignore
    entry = resolve(lassa, Address.parse("Sch. 1 entry for “Sections 6 and 7B of this Act”"))
    assert isinstance(entry.node, Table) and entry.row == 1
    lgha = read_act(LGHA)
    assert resolve(lgha, Address.parse("s. 2(6)(c)")).node.num.value == "c"  # type: ignore


def test_missing_provision_names_nearest_existing() -> None:
    lassa = read_act(LASSA)
    with pytest.raises(ProvisionNotFound) as info:
        resolve(lassa, Address.parse("s. 6(5A)"))
    assert info.value.nearest == ("s. 6(5)", "s. 6(6)")
    assert "s. 6(5A) does not exist" in str(info.value)
    with pytest.raises(ProvisionNotFound) as info:
        resolve(lassa, Address.parse("s. 7"))
    assert info.value.nearest == ("s. 6",)


def test_path_through_a_repealed_provision_is_not_found() -> None:
    lassa = read_act(LASSA)
    with pytest.raises(ProvisionNotFound, match="repealed"):
        resolve(lassa, Address.parse("s. 6(3)(a)"))


def test_missing_entry_lists_entries() -> None:
    lassa = read_act(LASSA)
    with pytest.raises(ProvisionNotFound) as info:
        resolve(lassa, Address.parse("Sch. 1 entry for “Section 99”"))
    assert "entry for “Sections 6 and 7B of this Act”" in info.value.nearest


def test_address_of_skips_parts() -> None:
    part = Provision(Kind.PART, num("1"), children=(section("4", sub("1", "x", para("a", "y"))),))
    a = act(part, Provision(Kind.SCHEDULE, num("1"), children=(Table((Row(("a", "b")),)),)))
    assert str(address_of(a, (0,))) == "Pt. 1"
    assert str(address_of(a, (0, 0, 0, 0))) == "s. 4(1)(a)"
    assert str(address_of(a, (1, 0))) == "Sch. 1"


def test_an_entry_named_by_how_it_begins() -> None:
    a = Address.parse("Sch. 2 entry beginning “A district council”")
    assert (a.entry, a.entry_beginning) == ("A district council", True)
    assert str(a) == "Sch. 2 entry beginning “A district council”"
    assert Address.parse(str(a)) == a
    assert a.parent == Address.parse("Sch. 2")
    table = Table((Row(("A district council.", "x")), Row(("A district policing body.", "y")),
                   Row(("A district councillor.", "z"))))
    lists = act(Provision(Kind.SCHEDULE, num("2"), children=(table,)))
    assert resolve(lists, a).row == 0  # "councillor" does not begin with "council"
    assert resolve(lists, Address.parse("Sch. 2 entry beginning “A district policing”")).row == 1
    with pytest.raises(ProvisionNotFound, match="3 entries begin with “A district”") as info:
        resolve(lists, Address.parse("Sch. 2 entry beginning “A district”"))
    assert "“A district councillor.”" in str(info.value)
    with pytest.raises(ProvisionNotFound, match="no entry beginning “A county”"):
        resolve(lists, Address.parse("Sch. 2 entry beginning “A county”"))
    # the whole text is still needed without "beginning"
    with pytest.raises(ProvisionNotFound, match="no entry for"):
        resolve(lists, Address.parse("Sch. 2 entry for “A district council”"))
    with pytest.raises(InvalidAddress, match="entry_beginning"):
        Address(a.steps, None, True)
