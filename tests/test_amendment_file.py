import pytest

from lawdiff.errors import InvalidAmendment
from lawdiff.formats.amendment_file import amendment_from_toml, read_amendment
from lawdiff.operations import InsertProvision, InsertWords, SubstituteWords
from lawdiff.text import Occurrence
from tests.helpers import PARA_2, PARA_3


def test_corpus_files_load_with_provenance_and_commencement() -> None:
    para2 = read_amendment(PARA_2)
    assert para2.citation == "Children Act 2004 (c. 31), Sch. 2 para. 2"
    assert para2.amends == "ukpga/1970/42"
    assert [type(op) for op in para2.operations] == [
        InsertProvision, InsertWords, InsertWords, SubstituteWords, InsertWords]
    for op in para2.operations:
        assert op.provenance.citation and op.provenance.text
        assert op.commencement
    assert para2.operations[0].commencement[0].authority == "S.I. 2007/1792, art. 2"
    assert para2.operations[4].commencement[0].extent == "E"
    para3 = read_amendment(PARA_3)
    assert para3.operations[0].provisions[0].num.value == "za"  # type: ignore[attr-defined]


GOOD_HEAD = '[amendment]\ncitation = "X"\namends = "ukpga/1970/42"\n'


@pytest.mark.parametrize("text, message", [
    ("not toml = = =", "not valid TOML"),
    ('[amendment]\ncitation = "X"\n[[operation]]\ntype = "omit_provision"\ntarget = "s. 6"\n',
     "amends"),
    (GOOD_HEAD, "no \\[\\[operation\\]\\] or"),
    (GOOD_HEAD + '[[operation]]\ncitation = "para. 9"\ntype = "insert_words"\ntarget = "s. 6"\n',
     "operation 1 \\(para. 9\\)"),
    (GOOD_HEAD + '[[operation]]\ntype = "omit_provision"\ntarget = "s. six"\n', "operation 1"),
    (GOOD_HEAD + 'colour = "red"\n[[operation]]\ntype = "omit_provision"\ntarget = "s. 6"\n',
     "unknown \\[amendment\\] key"),
    (GOOD_HEAD.replace('amends', 'source = 5\namends') +
     '[[operation]]\ntype = "omit_provision"\ntarget = "s. 6"\n', "'source' must be a string"),
    # A TOML timestamp is not a day: it must not reach date comparisons.
    (GOOD_HEAD + '[[operation]]\ntype = "omit_provision"\ntarget = "s. 6"\n'
     'commencement = [{ date = 2005-04-01T00:00:00 }]\n', "operation 1: date must be a day"),
    (GOOD_HEAD + '[[revocation]]\ntarget = "X (1)"\ndate = 2016-04-06T00:00:00\nby = "Y"\n',
     "revocation 1: date must be a day"),
    (GOOD_HEAD + '[[revocation]]\ntarget = "X (1)"\ndate = 2016-04-06\nby = "Y"\nhow = 5\n',
     "revocation 1: how must be text"),
    (GOOD_HEAD + '[[revocation]]\ntarget = "X (1)"\nby = "Y"\n', "revocation 1 needs 'date'"),
    (GOOD_HEAD + '[[operation]]\ntype = "insert_words"\ntarget = "s. 6"\nposition = "middle"\n'
     'words = "x"\n', "position 'middle' is not one of before, after"),
    (GOOD_HEAD + '[[operation]]\ntype = "omit_provision"\ntarget = 5\n',
     "the target must be a citation"),
    (GOOD_HEAD + '[[operation]]\ntype = "omit_provision"\ntarget = "Sch. 1 entry for Sections"\n',
     "a table entry is cited by its first column in quotation marks"),
    (GOOD_HEAD + '[[operation]]\ntype = "insert_provision"\ntarget = "s. 6"\n'
     'provisions = [{ num = "A1" }]\n', "subsection A1 has no words, heading or children"),
])
def test_malformed_files_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(InvalidAmendment, match=message) as info:
        amendment_from_toml(text, "bad.toml")
    assert str(info.value).startswith("bad.toml: ")


def test_an_operation_may_act_on_the_last_occurrence() -> None:
    text = (GOOD_HEAD + '[[operation]]\ntype = "substitute_words"\ntarget = "s. 6(6)"\n'
            'old = "a"\nnew = "b"\noccurrence = "last"\ncommencement = [{ date = 2008-01-01 }]\n')
    (op,) = amendment_from_toml(text).operations
    assert isinstance(op, SubstituteWords) and op.occurrence == Occurrence("last")
    assert op.describe() == "in s. 6(6), for “a”, where it last occurs, substitute “b”"
    with pytest.raises(InvalidAmendment, match="unknown occurrence rule"):
        amendment_from_toml(text.replace('"last"', '"final"'))


def _nested_provisions(depth: int) -> str:
    inner = '{ num = "9", text = "x" }'
    for _ in range(depth):
        inner = f'{{ num = "9", text = "x", children = [{inner}] }}'
    return (GOOD_HEAD + '[[operation]]\ntype = "insert_provision"\ntarget = "s. 6"\n'
            f'provisions = [{inner}]\ncommencement = [{{ date = 2008-01-01 }}]\n')


@pytest.mark.parametrize("text", [
    GOOD_HEAD + "x = " + "[" * 5000 + "]" * 5000 + "\n",
    GOOD_HEAD + "x = " + "{ a = " * 5000 + "1" + " }" * 5000 + "\n",
    _nested_provisions(400),
])
def test_deeply_nested_files_are_one_clear_error(text: str) -> None:
    """Nesting deep enough to exhaust Python's stack is refused with a message, not a
    RecursionError."""
    with pytest.raises(InvalidAmendment, match="nested too deeply") as info:
        amendment_from_toml(text, "deep.toml")
    assert str(info.value).startswith("deep.toml: ")


OMIT = '[[operation]]\ntype = "omit_provision"\ntarget = "s. 6(3)"\n'


@pytest.mark.parametrize("text, message", [
    # A required field left out is named, in the file's terms.
    (GOOD_HEAD + '[[operation]]\ntype = "omit_provision"\ncommencement = [{ date = 2008-01-01 }]\n',
     "bad.toml: operation 1: omit_provision needs 'target'"),
    (GOOD_HEAD + '[[operation]]\ntype = "substitute_words"\ntarget = "s. 6(6)"\nold = "a"\n'
     'commencement = [{ date = 2008-01-01 }]\n', "bad.toml: operation 1: substitute_words needs 'new'"),
    # A commencement given as a bare date is not read letter by letter.
    (GOOD_HEAD + OMIT + 'commencement = "2008-01-01"\n',
     "bad.toml: operation 1: omit_provision: commencement must be a list of entries"),
    (GOOD_HEAD + OMIT + 'commencement = 2008-01-01\n',
     "bad.toml: operation 1: omit_provision: commencement must be a list of entries"),
    # The amending provision's extent names the file and the table.
    (GOOD_HEAD + 'extent = "Q"\n' + OMIT + 'commencement = [{ date = 2008-01-01 }]\n',
     "bad.toml: \\[amendment\\] extent: unknown extent 'Q'"),
    # A byte-order mark is named, not reported as an invalid statement.
    ("\ufeff" + GOOD_HEAD + OMIT + 'commencement = [{ date = 2008-01-01 }]\n',
     "bad.toml: starts with a byte-order mark"),
    # Dates are TOML dates, unquoted, everywhere; a quoted one is refused as the message says.
    (GOOD_HEAD + OMIT + 'commencement = [{ date = "2008-01-01" }]\n',
     "bad.toml: operation 1: commencement date must be a day \\(YYYY-MM-DD, unquoted in TOML\\), "
     "not '2008-01-01'"),
    (GOOD_HEAD + '[[revocation]]\ntarget = "X (1)"\ndate = "2016-04-06"\nby = "Y"\n',
     "bad.toml: revocation 1: date must be a day \\(YYYY-MM-DD, unquoted in TOML\\), "
     "not '2016-04-06'"),
])
def test_errors_speak_the_file_s_language(text: str, message: str) -> None:
    with pytest.raises(InvalidAmendment, match=message) as info:
        amendment_from_toml(text, "bad.toml")
    assert "TypeError" not in str(info.value) and "keyword" not in str(info.value)


def test_the_json_form_still_takes_dates_as_strings() -> None:
    """JSON has no date type: operation_from_json reads "YYYY-MM-DD" strings."""
    from datetime import date

    from lawdiff.codec import operation_from_json
    op = operation_from_json({"type": "omit_provision", "target": "s. 6(3)",
                              "commencement": [{"date": "2008-01-01"}]})
    assert op.commencement[0].date == date(2008, 1, 1)
