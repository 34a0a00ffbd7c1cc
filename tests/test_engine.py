import attrs
import pytest

from lawdiff.address import Address
from lawdiff.amendment import Amendment
from lawdiff.engine import apply_all, apply_batch, consolidate
from lawdiff.errors import BatchError, ConflictingAmendments, InvalidAmendment, WordsNotFound
from lawdiff.formats.akn import read_act
from lawdiff.operations import InsertWords, Position, Provenance, SubstituteWords
from lawdiff.text import Words
from tests.helpers import LASSA

A = Address.parse


def test_batch_is_all_or_nothing() -> None:
    lassa = read_act(LASSA)
    good = InsertWords(target=A("s. 6(1)"), position=Position.AFTER, anchor="local authority",
                       words="in Wales")
    bad = SubstituteWords(target=A("s. 6(6)"), old=Words("a director of social service"),
                          new="x")
    with pytest.raises(BatchError) as info:
        apply_batch(lassa, [good, bad])
    assert info.value.index == 1 and info.value.operation is bad
    assert isinstance(info.value.cause, WordsNotFound)
    assert "operation 2 failed, nothing was changed" in str(info.value)
    assert lassa == read_act(LASSA)


def test_conflict_with_an_earlier_operation_is_named() -> None:
    lassa = read_act(LASSA)
    first = SubstituteWords(target=A("s. 6(6)"), old=Words("a director of social services"),
                            new="a person under this section", provenance=Provenance("first op"))
    second = SubstituteWords(target=A("s. 6(6)"), old=Words("director"), new="officer",
                             provenance=Provenance("second op"))
    with pytest.raises(BatchError) as info:
        apply_batch(lassa, [first, second])
    cause = info.value.cause
    assert isinstance(cause, ConflictingAmendments)
    assert cause.earlier.startswith("first op") and "second op" in str(cause)


def test_steps_record_changes() -> None:
    lassa = read_act(LASSA)
    op = InsertWords(target=A("s. 6(1)"), position=Position.AFTER, anchor="local authority",
                     words="in Wales")
    result = apply_batch(lassa, [op])
    (step,) = result.steps
    (change,) = step.changes
    text = result.act.node_at((0, 0)).text  # type: ignore[union-attr]
    assert text[change.start:change.end] == "in Wales"
    assert str(change.address) == "s. 6(1)" and change.effect == "words inserted"
    assert apply_all(lassa, [op]) == result.act


def test_consolidate_refuses_an_amendment_of_another_act() -> None:
    lassa = read_act(LASSA)
    op = InsertWords(target=A("s. 2(6)(a)"), position=Position.AT_END, words="x")
    other = Amendment(citation="X", amends="ukpga/1989/42", operations=(op,))
    with pytest.raises(InvalidAmendment, match="amends ukpga/1989/42"):
        consolidate(lassa, [other])


def test_omitting_words_can_join_a_new_occurrence_of_them() -> None:
    """Omitting "local the" from "local local the the" leaves "local the": a later
    substitution of the same words in the same batch then fits, and is no conflict.
    """
    from lawdiff.operations import OmitWords
    from lawdiff.text import Occurrence
    from tests.helpers import act, section, sub

    before = act(section("1", sub("1", "local local the the")))
    omit = OmitWords(target=A("s. 1(1)"), old=Words("local the"), occurrence=Occurrence("each"))
    again = SubstituteWords(target=A("s. 1(1)"), old=Words("local the"), new="x",
                            occurrence=Occurrence("each"))
    after = apply_all(before, [omit, again])
    assert after.node_at((0, 0)).text == "x"  # type: ignore[union-attr]


def test_an_amendment_revoked_on_the_day_asked_about_is_revoked_that_day() -> None:
    """A revocation dated the as-at day has already happened on that day (the first
    day it is law); the day before, the amendment is merely not yet in force."""
    from datetime import date

    from lawdiff.formats.amendment_file import amendment_from_toml, read_amendment
    from tests.helpers import PARA_2

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
    cited = "Children Act 2004 (c. 31), Sch. 2 para. 2(2)(b)"

    def reason(day: date) -> str:
        result = consolidate(base, [para2, revoke], day)
        return {p.operation.provenance.citation: p.reason for p in result.pending}[cited]

    assert reason(date(2007, 6, 1)) == ("omitted by S.I. 2007/9999, reg. 2 (1.6.2007) before it "
                                        "took effect")
    assert reason(date(2007, 5, 31)) == "in force from 2008-01-01"


def test_an_amendment_given_twice_is_an_error_naming_both_places() -> None:
    """Naming one amendment file twice would apply it twice ("in Wales in Wales")."""
    from lawdiff.formats.amendment_file import read_amendment
    from tests.helpers import PARA_2

    base = read_act(LASSA)
    para2 = read_amendment(PARA_2)
    with pytest.raises(InvalidAmendment) as info:
        consolidate(base, [para2, para2])
    message = str(info.value)
    assert message.startswith("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(a) (insert s. 6(A1)")
    assert f"operation 1 of {PARA_2} (amendment 1) and operation 1 of {PARA_2} (amendment 2)" \
        in message
    assert "an amendment applies once" in message


def test_one_change_made_by_two_files_under_one_citation_is_an_error() -> None:
    """The same citation and effect, whatever the words or commencement recorded."""
    from datetime import date

    from lawdiff.commencement import Commencement

    base = read_act(LASSA)
    op = InsertWords(target=A("s. 6(1)"), position=Position.AFTER, anchor="local authority",
                     words="in Wales", provenance=Provenance("X Act 2000 (c. 1), s. 1(2)"),
                     commencement=[Commencement(date(2008, 1, 1))])
    again = attrs.evolve(op, provenance=Provenance("X Act 2000 (c. 1), s. 1(2)", "verbatim"),
                         commencement=[Commencement(date(2009, 1, 1))])
    first = Amendment(citation="X Act 2000 (c. 1), s. 1", amends="ukpga/1970/42",
                      operations=(op,), name="first.toml")
    second = Amendment(citation="X Act 2000 (c. 1), s. 1", amends="ukpga/1970/42",
                       operations=(again,), name="second.toml")
    with pytest.raises(InvalidAmendment) as info:
        consolidate(base, [first, second])
    assert "is given twice: operation 1 of first.toml and operation 1 of second.toml" in \
        str(info.value)
    # Another citation, or another change, is another amendment.
    other = attrs.evolve(again, provenance=Provenance("X Act 2000 (c. 1), s. 2"))
    consolidate(base, [first, attrs.evolve(second, operations=(other,))])
    elsewhere = attrs.evolve(again, words="in England")
    consolidate(base, [first, attrs.evolve(second, operations=(elsewhere,))])
