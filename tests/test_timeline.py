from datetime import date

import pytest

from lawdiff.address import Address
from lawdiff.amendment import Amendment
from lawdiff.commencement import Commencement
from lawdiff.engine import consolidate, versions
from lawdiff.errors import InvalidAmendment
from lawdiff.formats.akn import read_act
from lawdiff.formats.amendment_file import amendment_from_toml, read_amendment
from lawdiff.operations import InsertWords, Position, Provenance
from lawdiff.render.text import node_lines
from lawdiff.timeline import Revocation, View, effective_date, has_effect
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3


def s6(act) -> list[str]:  # type: ignore[no-untyped-def]
    from lawdiff.address import resolve
    return node_lines(resolve(act, Address.parse("s. 6")).node)


def op_with(*entries: Commencement) -> InsertWords:
    return InsertWords(target=Address.parse("s. 6(1)"), position=Position.AT_END, words="x",
                       commencement=entries, provenance=Provenance("Test Act 2020 (c. 1), s. 1(2)"))


def test_effective_date_per_extent_and_condition() -> None:
    op = op_with(Commencement(date(2005, 4, 1), extent="E"), Commencement(date(2006, 4, 1), extent="W"))
    assert effective_date(op, View()) == date(2005, 4, 1)
    assert effective_date(op, View(extent="W")) == date(2006, 4, 1)
    assert effective_date(op, View(extent="E")) == date(2005, 4, 1)
    # A view of several parts needs each covered: in force for E+W once Wales has it.
    assert effective_date(op, View(extent="E+W")) == date(2006, 4, 1)
    assert effective_date(op, View(extent="S")) is None
    assert effective_date(op_with(Commencement(date(2005, 4, 1), extent="E")),
                          View(extent="E+W")) is None
    # The amending provision's own extent bounds every view.
    wide = op_with(Commencement(date(2005, 4, 1)))
    assert effective_date(wide, View(extent="S")) == date(2005, 4, 1)
    assert effective_date(wide, View(extent="S"), within="E+W") is None
    assert effective_date(wide, View(extent="W"), within="E+W") == date(2005, 4, 1)
    assert effective_date(wide, View(), within="E+W") == date(2005, 4, 1)
    cond = op_with(Commencement(date(2008, 1, 1), condition="dcs-appointed"))
    assert effective_date(cond, View()) == date(2008, 1, 1)
    assert effective_date(cond, View(conditions={"dcs-appointed": date(2006, 9, 1)})) == date(2006, 9, 1)
    late = View(conditions={"dcs-appointed": date(2009, 1, 1)})
    assert effective_date(cond, late) == date(2008, 1, 1)
    prospective = op_with(Commencement(note="prospective"))
    assert effective_date(prospective, View()) is None
    assert not has_effect(prospective, View())


def test_point_in_time_versions_of_the_1970_act() -> None:
    base, para2 = read_act(LASSA), read_amendment(PARA_2)
    at_base = consolidate(base, [para2], date(2004, 11, 14))
    assert at_base.act == base and len(at_base.pending) == 5
    in_2005 = consolidate(base, [para2], date(2005, 6, 1))
    assert [s.operation.provenance.citation[-10:] for s in in_2005.steps] == ["para. 2(3)"]
    assert s6(in_2005.act) == s6(base)
    assert {p.reason for p in in_2005.pending} == {"in force from 2008-01-01"}
    in_2008 = consolidate(base, [para2], date(2008, 1, 1))
    assert s6(in_2008.act)[1].startswith("(A1) A local authority in England")
    assert in_2008.act == consolidate(base, [para2]).act


def test_conditional_commencement_under_s_18_9() -> None:
    base, para2 = read_act(LASSA), read_amendment(PARA_2)
    appointed = {"dcs-appointed": date(2006, 9, 1)}
    before = consolidate(base, [para2], date(2006, 8, 31), conditions=appointed)
    after = consolidate(base, [para2], date(2006, 9, 1), conditions=appointed)
    general = consolidate(base, [para2], date(2006, 9, 1))
    assert s6(before.act) == s6(base) == s6(general.act)
    assert s6(after.act)[2].startswith("(1) A local authority in Wales")
    assert [d.isoformat() for d, _ in versions(base, [para2], conditions=appointed)] == [
        "2005-04-01", "2006-09-01"]


def test_operations_apply_in_the_order_they_took_effect() -> None:
    base, para2 = read_act(LASSA), read_amendment(PARA_2)
    result = consolidate(base, [para2])
    dates = [s.effective for s in result.steps]
    assert dates == sorted(dates)  # type: ignore[type-var]
    assert result.steps[0].operation.provenance.citation.endswith("para. 2(3)")  # type: ignore[union-attr]


def test_amendment_of_an_amending_provision() -> None:
    base, para2 = read_act(LASSA), read_amendment(PARA_2)
    revoke = amendment_from_toml('''
[amendment]
citation = "Test Regulations 2007 (S.I. 2007/9999), reg. 2"
amends = "ukpga/2004/31"
[[revocation]]
target = "Children Act 2004 (c. 31), Sch. 2 para. 2(2)(b)"
date = 2007-06-01
by = "S.I. 2007/9999, reg. 2"
''')
    result = consolidate(base, [para2, revoke])
    assert not any(s.operation.provenance.citation.endswith("2(2)(b)")  # type: ignore[union-attr]
                   for s in result.steps)
    (pending,) = result.pending
    assert pending.reason == "omitted by S.I. 2007/9999, reg. 2 (1.6.2007) before it took effect"
    # On a day before the revocation it is only not yet in force (found by audit).
    before = consolidate(base, [para2, revoke], date(2007, 1, 1))
    reasons = {p.operation.provenance.citation: p.reason for p in before.pending}
    assert reasons["Children Act 2004 (c. 31), Sch. 2 para. 2(2)(b)"] == "in force from 2008-01-01"
    assert s6(result.act)[2].startswith("(1) A local authority shall")
    # For an authority whose amendment already had effect, the revocation leaves the text alone.
    early = consolidate(base, [para2, revoke], conditions={"dcs-appointed": date(2006, 9, 1)})
    assert s6(early.act)[2].startswith("(1) A local authority in Wales shall")


def test_revocation_targets_only_the_named_provision() -> None:
    r = Revocation("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(b)", date(2016, 4, 6), "S.I. 2016/413")
    hit = op_with(Commencement(date(2008, 1, 1)))
    assert not r.affects(hit)
    named = InsertWords(target=Address.parse("s. 6(1)"), position=Position.AT_END, words="x",
                        provenance=Provenance("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(b)"))
    assert r.affects(named)
    with pytest.raises(InvalidAmendment):
        Revocation("x", date(2016, 4, 6), "y", how="vanished")


def test_1989_act_and_empty_amendment_list() -> None:
    base = read_act(LGHA)
    assert consolidate(base, []).act is base
    para3 = read_amendment(PARA_3)
    assert consolidate(base, [para3], date(2007, 12, 31)).act == base
    assert consolidate(base, [Amendment("x", "ukpga/1970/42", ())]).act is base


def test_part_2_of_the_children_act_does_not_extend_to_scotland() -> None:
    """s. 68(2): Sch. 2 extends to England and Wales, so a Scotland view of the 1989 Act
    keeps the base text, with each change pending and the reason given."""
    result = consolidate(read_act(LGHA), [read_amendment(PARA_3)], extent="S")
    assert result.act == read_act(LGHA)
    assert [p.reason for p in result.pending] == [
        "Children Act 2004 (c. 31), Sch. 2 para. 3 extends to E+W only"] * 3
    wales = consolidate(read_act(LGHA), [read_amendment(PARA_3)], extent="W")
    assert len(wales.steps) == 3 and not wales.pending


def test_a_condition_no_amendment_names_is_an_error() -> None:
    from lawdiff.errors import InvalidView
    with pytest.raises(InvalidView, match=r"'dcs-apointed' .*conditions named: dcs-appointed"):
        consolidate(read_act(LASSA), [read_amendment(PARA_2)],
                    conditions={"dcs-apointed": date(2006, 9, 1)})
    with pytest.raises(InvalidView, match="dcs-apointed"):
        versions(read_act(LASSA), [read_amendment(PARA_2)],
                 conditions={"dcs-apointed": date(2006, 9, 1)})


def test_an_operation_in_a_file_must_say_when_it_takes_effect() -> None:
    text = ('[amendment]\ncitation = "X"\namends = "ukpga/1970/42"\n[[operation]]\n'
            'type = "omit_provision"\ntarget = "s. 6(2)"\n')
    with pytest.raises(InvalidAmendment, match="operation 1 needs a commencement"):
        amendment_from_toml(text, "x.toml")
    dated = amendment_from_toml(text + "commencement = [{ note = \"prospective\" }]\n", "x.toml")
    assert dated.operations[0].commencement[0].prospective
