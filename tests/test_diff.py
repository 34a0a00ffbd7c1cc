"""lawdiff.diff: legal-level operations between two texts of an Act.

The property: for any two Acts, applying ``diff(a, b)`` to ``a`` gives
``b``'s provisions.  ``b`` is made two ways: by random valid operations on
``a`` (small, local differences, the usual case), and independently of
``a`` with overlapping numbering (large, structural differences).  Texts
come from a small vocabulary full of repeated words, so unique quotations
are hard to find.  ``fallback=False`` makes the planner raise instead of
silently replacing the whole Act.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from lawdiff.address import Address, address_of, resolve
from lawdiff.designation import Designation, Style
from lawdiff.diff import (
    PROVENANCE,
    _align,
    _is_crossheading,
    _keys,
    diff,
    diff_summary,
    positional_changes,
)
from lawdiff.engine import apply_batch, consolidate
from lawdiff.errors import LawdiffError
from lawdiff.formats.akn import read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.model import Act, ActInfo, Kind, Node, Omitted, Provision, Row, Table
from lawdiff.operations import (
    Applied,
    EditCell,
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    Position,
    Provenance,
    ReplaceChildren,
    SubstituteProvision,
    SubstituteWords,
)
from lawdiff.text import Occurrence, Words, segments, select
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3, act, num, para, section, sub
from tests.test_printing import imported_modules

# --- strategies ------------------------------------------------------------------------------

VOCAB = ["the", "local", "authority", "director", "of", "social", "services", "a", "person",
         "and", "or", "in", "Wales", "shall", "appoint"]
ENDINGS = ["", "", ";", ".", "; and", ","]
INFO = ActInfo("Test Act 2000", 2000, "c. 1", "ukpga/2000/1", date(2000, 1, 1))


def alpha(value: str) -> Designation:
    return Designation(value, Style.ALPHA)


@st.composite
def texts(draw: st.DrawFn, min_words: int = 1) -> str:
    words = draw(st.lists(st.sampled_from(VOCAB), min_size=min_words, max_size=9))
    if words and draw(st.booleans()):
        i = draw(st.integers(0, len(words) - 1))
        words[i] += ","
    text = " ".join(words) + draw(st.sampled_from(ENDINGS))
    return text if text.strip() == text and text else "the"


def numbers(pool: list[str], style: Style, max_size: int) -> st.SearchStrategy[list[Designation]]:
    designations = [Designation(v, style) for v in pool]
    return st.lists(st.sampled_from(designations), unique=True, max_size=max_size).map(
        lambda ds: sorted(ds, key=lambda d: d.key))


@st.composite
def paragraphs(draw: st.DrawFn) -> list[Node]:
    out: list[Node] = []
    for n in draw(numbers(["za", "a", "aa", "b", "c"], Style.ALPHA, 3)):
        if draw(st.integers(0, 7)) == 0:
            out.append(Omitted(Kind.PARAGRAPH, n, "repealed"))
        else:
            out.append(Provision(Kind.PARAGRAPH, n, text=draw(texts())))
    return out


@st.composite
def subsections(draw: st.DrawFn) -> list[Node]:
    out: list[Node] = []
    for n in draw(numbers(["A1", "1", "1A", "2", "3"], Style.NUMBER, 4)):
        choice = draw(st.integers(0, 9))
        if choice == 0:
            note = draw(st.sampled_from([None, "repealed by the Other Act 2001"]))
            out.append(Omitted(Kind.SUBSECTION, n, draw(st.sampled_from(["omitted", "repealed"])),
                               note))
            continue
        kids = draw(paragraphs()) if choice >= 7 else []
        wrap = draw(st.one_of(st.none(), texts())) if kids else None
        out.append(Provision(Kind.SUBSECTION, n, text=draw(texts()), children=kids, wrap_up=wrap))
    return out


@st.composite
def sections(draw: st.DrawFn) -> list[Node]:
    out: list[Node] = []
    for n in draw(numbers(["1", "1A", "2", "3"], Style.NUMBER, 3)):
        heading = draw(st.sampled_from(["Directors", "Officers", None]))
        shape = draw(st.integers(0, 3))
        if shape == 0:
            out.append(Provision(Kind.SECTION, n, heading=heading, text=draw(texts())))
        elif shape == 1:
            out.append(Provision(Kind.SECTION, n, heading=heading, text=draw(texts()),
                                 children=draw(paragraphs())))
        else:
            kids = draw(subsections())
            wrap = draw(st.one_of(st.none(), texts())) if kids and shape == 3 else None
            # A section with no subsections left needs words of its own.
            out.append(Provision(Kind.SECTION, n, heading=heading, children=kids, wrap_up=wrap,
                                 text=None if kids else draw(texts())))
    return out


@st.composite
def schedules(draw: st.DrawFn) -> list[Node]:
    if not draw(st.booleans()):
        return []
    entries = draw(st.lists(st.sampled_from(["Section 1", "Section 2", "Sections 3 and 4",
                                             "Section 5"]), unique=True, min_size=1, max_size=3))
    rows = [Row(("Enactment", "Nature of functions"), header=True)]
    rows += [Row((e, draw(texts()))) for e in entries]
    paras: list[Node] = []
    for n in draw(numbers(["1", "2", "2A"], Style.NUMBER, 3)):
        subs = [Provision(Kind.SCHEDULE_SUBPARAGRAPH, d, text=draw(texts()))
                for d in draw(numbers(["1", "2"], Style.NUMBER, 2))]
        paras.append(Provision(Kind.SCHEDULE_PARAGRAPH, n, text=None if subs else draw(texts()),
                               children=subs))
    kids: list[Node] = [Table(rows)]
    if paras and draw(st.booleans()):
        kids.append(Provision(Kind.PART, num("1"), heading="Supplementary", children=paras))
    else:
        kids.extend(paras)
    heading = draw(st.sampled_from(["Functions", "Social services functions"]))
    return [Provision(Kind.SCHEDULE, Designation("1", Style.NUMBER), heading=heading,
                      children=kids)]


@st.composite
def acts(draw: st.DrawFn) -> Act:
    secs = draw(sections())
    layout = draw(st.integers(0, 5))
    body: list[Node]
    if layout == 0 and secs:  # two Parts
        cut = draw(st.integers(0, len(secs)))
        body = [Provision(Kind.PART, num("1"), heading="General", children=secs[:cut]),
                Provision(Kind.PART, num("2"), heading="Other", children=secs[cut:])]
    elif layout == 1 and secs:  # a cross-heading over some sections
        cut = draw(st.integers(0, len(secs)))
        heading = draw(st.sampled_from(["Officers", "Staff"]))
        body = [*secs[:cut], Provision(Kind.CROSSHEADING, None, heading=heading,
                                       children=secs[cut:])]
    else:
        body = list(secs)
    return Act(INFO, [*body, *draw(schedules())])


def provisions_of(a: Act) -> list[tuple[tuple[int, ...], Provision]]:
    return [(p, n) for p, n in a.walk() if isinstance(n, Provision) and n.num is not None]


@st.composite
def fresh(draw: st.DrawFn, kind: Kind, n: Designation) -> Provision:
    """A new provision of this kind and number (leaf-like, sometimes with paragraphs)."""
    if kind in (Kind.SECTION, Kind.SUBSECTION) and draw(st.booleans()):
        kids = draw(paragraphs())
        return Provision(kind, n, text=draw(texts()), children=kids)
    if kind is Kind.PART:
        return Provision(kind, n, heading="New Part")
    if kind is Kind.SCHEDULE:
        return Provision(kind, n, heading="New Schedule")
    return Provision(kind, n, text=draw(texts()))


CHILD_KIND = {Kind.SECTION: Kind.SUBSECTION, Kind.SUBSECTION: Kind.PARAGRAPH,
              Kind.SCHEDULE: Kind.SCHEDULE_PARAGRAPH, Kind.PART: Kind.SECTION,
              Kind.SCHEDULE_PARAGRAPH: Kind.SCHEDULE_SUBPARAGRAPH}
POOLS = {Kind.SUBSECTION: ["A1", "1", "1ZA", "1A", "2", "2A", "4"],
         Kind.PARAGRAPH: ["za", "a", "aa", "b", "ba", "d"],
         Kind.SCHEDULE_PARAGRAPH: ["A1", "1", "1A", "3"], Kind.SECTION: ["A1", "1B", "2A", "4"],
         Kind.SCHEDULE_SUBPARAGRAPH: ["A1", "1", "1A", "3"]}


@st.composite
def random_operation(draw: st.DrawFn, a: Act) -> Operation:
    """One operation on ``a`` (it may not fit: the caller tries it)."""
    targets = provisions_of(a)
    if not targets:
        return InsertProvision(target=Address(()), provisions=(draw(fresh(Kind.SECTION, num("5"))),))
    path, node = draw(st.sampled_from(targets))
    where = address_of(a, path)
    segs = segments(node, "")
    choice = draw(st.sampled_from(["words", "words", "words", "words", "insert", "omit",
                                   "substitute", "heading", "delete", "cell"]))
    if choice == "words" and segs:
        seg = draw(st.sampled_from(segs)).text.split()
        if not seg:
            return OmitProvision(target=where)
        i = draw(st.integers(0, len(seg) - 1))
        j = draw(st.integers(i + 1, min(len(seg), i + 3)))
        quote = " ".join(seg[i:j])
        new = draw(texts())
        occurrence = draw(st.sampled_from([Occurrence(), Occurrence(), Occurrence("each")]))
        what = draw(st.integers(0, 5))
        if what == 0:
            return InsertWords(target=where, words=new, position=Position.AFTER, anchor=quote,
                               occurrence=occurrence)
        if what == 1:
            return InsertWords(target=where, words=new, position=draw(st.sampled_from(
                [Position.AT_END, Position.AT_BEGINNING])))
        if what == 2:
            return OmitWords(target=where, old=Words(quote), occurrence=occurrence)
        return SubstituteWords(target=where, old=Words(quote), new=new, occurrence=occurrence)
    if choice == "insert" and node.kind in CHILD_KIND:
        kind = CHILD_KIND[node.kind]
        style = Style.ALPHA if kind is Kind.PARAGRAPH else Style.NUMBER
        n = Designation(draw(st.sampled_from(POOLS[kind])), style)
        return InsertProvision(target=where if node.kind is not Kind.PART else Address(()),
                               provisions=(draw(fresh(kind, n)),))
    if choice == "omit":
        return OmitProvision(target=where, how=draw(st.sampled_from(["omitted", "repealed"])))
    if choice == "substitute":
        assert node.num is not None
        return SubstituteProvision(target=where, provisions=(draw(fresh(node.kind, node.num)),))
    if choice == "heading":
        return SubstituteProvision(target=where, provisions=(attrs.evolve(node, heading="Renamed"),))
    if choice == "cell":
        tables = [(p, n) for p, n in a.walk() if isinstance(n, Table)]
        if tables:
            tpath, table = draw(st.sampled_from(tables))
            row = draw(st.sampled_from([r for r in table.rows if not r.header] or [table.rows[0]]))
            return EditCell(target=Address(address_of(a, tpath[:-1]).steps, row.entry),
                            column=draw(st.integers(1, 2)), new=draw(texts()))
    return ReplaceChildren(path=path[:-1], start=path[-1], end=path[-1] + 1, nodes=())


@st.composite
def derived_pairs(draw: st.DrawFn) -> tuple[Act, Act]:
    a = draw(acts())
    b = a
    for _ in range(draw(st.integers(1, 5))):
        op = draw(random_operation(b))
        try:
            result = op.attempt(b)
        except LawdiffError:  # attempt() lets InvalidAmendment through (overlapping edits)
            continue
        if isinstance(result, Applied):
            b = result.act
    return a, b


def kind_of(op: Operation) -> str:
    """The operation's type; positional replacements split by what they do."""
    if isinstance(op, ReplaceChildren):
        what = "remove" if not op.nodes else "insert" if op.start == op.end else "replace"
        return f"ReplaceChildren ({what})"
    return type(op).__name__


def check_diff(a: Act, b: Act, record: bool = False) -> tuple[Operation, ...]:
    ops = diff(a, b, fallback=False)
    assert apply_batch(a, ops).act.children == b.children
    for op in ops:
        assert op.provenance == PROVENANCE
        if record:
            event(kind_of(op))
    return ops


# --- properties ------------------------------------------------------------------------------

@given(derived_pairs())
def test_diff_reproduces_a_text_derived_by_operations(pair: tuple[Act, Act]) -> None:
    a, b = pair
    assert diff(a, b) == check_diff(a, b, record=True)  # deterministic; no fallback was needed


@given(acts(), acts())
def test_diff_reproduces_an_independent_text(a: Act, b: Act) -> None:
    check_diff(a, b, record=True)


@given(acts())
def test_diff_of_an_act_with_itself_is_empty(a: Act) -> None:
    assert diff(a, a) == ()
    assert diff(a, a.with_info(attrs.evolve(INFO, title="Other Act 2001"))) == ()


def test_word_ops_quote_unique_words_in_repetitive_text() -> None:
    a = act(section("1", sub("1", "the director of the director of the authority",
                             para("a", "the director of the authority;"))))
    b = act(section("1", sub("1", "the director of the director of Wales authority",
                             para("a", "the director of the authority;"))))
    (op,) = check_diff(a, b)
    assert isinstance(op, SubstituteWords) and str(op.target) == "s. 1(1)"
    # "the" occurs four times in s. 1(1) and its paragraph: the quote grows until unique.
    assert (op.old.text, op.new) == ("of the director of the", "of the director of Wales")
    assert_unique_quotations(a, (op,))


def test_same_insertion_in_three_places_is_one_operation() -> None:
    a = act(section("1", text="a director of x, a director of y and a director of z."))
    b = act(section("1", text="a director of adult x, a director of adult y and a director of "
                              "adult z."))
    (op,) = check_diff(a, b)
    assert isinstance(op, InsertWords) and op.occurrence == Occurrence("each")
    assert (op.anchor, op.words) == ("director of", "adult")


def test_removed_words_are_omitted_not_substituted() -> None:
    """Words removed from repeated text are quoted as an omission of those words.

    In "… adult social services or (as the case may be) social services …"
    two quotations remove the same words; the one opening with "or" is the
    alternative a drafter omits (as S.I. 2016/413 did to LASSA s. 6(2)).
    """
    words = "director of adult social services or (as the case may be) social services"
    a = act(section("6", sub("2", f"the functions of {words}, concur in the appointment of a "
                                  f"person as {words} for both")))
    b = act(section("6", sub("2", "the functions of director of adult social services, concur in "
                                  "the appointment of a person as director of adult social "
                                  "services for both")))
    (op,) = check_diff(a, b)
    assert isinstance(op, OmitWords) and str(op.target) == "s. 6(2)"
    assert (op.old.text, op.occurrence) == ("or (as the case may be) social services",
                                            Occurrence("both"))
    # A single removal with a unique quotation of its own is an omission too.
    c = act(section("6", sub("A1", "A local authority in England shall appoint an officer.")))
    d = act(section("6", sub("A1", "A local authority shall appoint an officer.")))
    (op,) = check_diff(c, d)
    assert isinstance(op, OmitWords) and op.old.text == "in England"


def test_a_provision_that_is_nothing_but_children_is_never_emptied_on_the_way() -> None:
    """Found by hypothesis: s. 1A holds only a placeholder (A1), later only a placeholder (1).

    Removing (A1) first would leave s. 1A with no words, heading or children.
    """
    def only(n: str) -> Provision:
        return Provision(Kind.SECTION, num("1A"), children=(Omitted(Kind.SUBSECTION, num(n)),))

    a = act(section("1", text="the", heading="Directors"), only("A1"))
    b = act(section("1", text="the", heading="Directors"), only("1"))
    assert [type(op).__name__ for op in check_diff(a, b)] == ["SubstituteProvision"]


def test_insertion_at_the_end_and_at_the_beginning() -> None:
    a = act(section("1", para("a", "the director;"), para("b", "the person.")))
    b = act(section("1", para("a", "the director in Wales;"), para("b", "Also the person.")))
    ops = check_diff(a, b)
    assert [(type(o).__name__, getattr(o, "position", None)) for o in ops] == [
        ("InsertWords", Position.AT_END), ("InsertWords", Position.AT_BEGINNING)]


def test_structural_changes_use_provision_operations() -> None:
    a = act(section("1", sub("1", "one"), sub("2", "two"), sub("3", "three"), heading="H"),
            section("2", text="x"))
    b = act(section("1", sub("1", "one"), sub("1A", "new"), sub("2", "two"),
                    Omitted(Kind.SUBSECTION, num("3"), "repealed"), heading="H"),
            section("2", text="x", heading="New heading"))
    ops = check_diff(a, b)
    assert [type(o) for o in ops] == [InsertProvision, OmitProvision, SubstituteProvision]
    assert ops[0].describe() == "insert s. 1(1A) after s. 1(1)"
    assert ops[1].describe() == "repeal s. 1(3)"


def test_positional_changes_are_described_by_citation() -> None:
    a = act(section("1", sub("1", "one"), sub("2", "two")), section("2", text="x"))
    b = act(section("1", sub("1", "one")), section("2", text="x"))
    ops = check_diff(a, b)
    assert positional_changes(a, ops) == ["s. 1(2) removed without a placeholder"]
    assert positional_changes(a, diff(a, a)) == []
    c = act(section("1", sub("1", "one"), Omitted(Kind.SUBSECTION, num("2"), "repealed")),
            section("2", text="x"))
    assert positional_changes(a, check_diff(a, c)) == []  # "repeal s. 1(2)" is an instruction


def test_removal_without_placeholder_is_positional() -> None:
    a = act(section("1", sub("1", "one"), sub("2", "two")))
    b = act(section("1", sub("2", "two")))
    (op,) = check_diff(a, b)
    assert op == ReplaceChildren(path=(0,), start=0, end=1, nodes=(), provenance=PROVENANCE)


def test_table_cells_are_edited_through_the_entry() -> None:
    sched = Provision(Kind.SCHEDULE, num("1"), heading="Functions", children=[Table([
        Row(("Enactment", "Nature"), header=True), Row(("Section 1", "Appointment of staff.")),
        Row(("Section 2", "Appointment of staff."))])])
    new = attrs.evolve(sched, children=[Table([
        Row(("Enactment", "Nature"), header=True), Row(("Section 1", "Appointment of staff.")),
        Row(("Section 2", "Appointment of new staff."))])])
    a, b = Act(INFO, [sched]), Act(INFO, [new])
    (op,) = check_diff(a, b)
    assert op.describe() == ("in Sch. 1 entry for \u201cSection 2\u201d, after \u201cAppointment of\u201d"
                             ", insert \u201cnew\u201d")
    more = attrs.evolve(new, children=[Table([*new.children[0].rows,  # type: ignore[union-attr]
                                              Row(("Section 3", "x"))])])
    (op,) = check_diff(a, Act(INFO, [more]))
    assert isinstance(op, SubstituteProvision) and str(op.target) == "Sch. 1"


def test_act_info_is_not_compared() -> None:
    a = act(section("1", text="x y"))
    b = Act(attrs.evolve(INFO, version_date=date(2010, 1, 1)), [section("1", text="x z")])
    ops = diff(a, b)
    result = apply_batch(a, ops).act
    assert result.info == a.info and result.with_info(b.info) == b


def test_summary_is_one_line_per_operation() -> None:
    a = act(section("1", text="a local authority shall appoint"))
    b = act(section("1", text="a local authority in Wales shall appoint"))
    assert diff_summary(a, b) == [
        "in s. 1, after \u201clocal authority\u201d, insert \u201cin Wales\u201d"]


def test_fallback_is_one_positional_replacement(monkeypatch: pytest.MonkeyPatch) -> None:
    import lawdiff.diff as module

    def broken(self: object, b: Act) -> None:
        raise module.DiffError("planner broken")

    monkeypatch.setattr(module._Planner, "run", broken)
    a, b = act(section("1", text="x")), act(section("2", text="y"))
    assert diff(a, b) == (ReplaceChildren(path=(), start=0, end=1, nodes=b.children,
                                          provenance=PROVENANCE),)
    with pytest.raises(module.DiffError):
        diff(a, b, fallback=False)


# --- the corpus ------------------------------------------------------------------------------

def assert_unique_quotations(a: Act, ops: tuple[Operation, ...]) -> None:
    """Each quoted anchor or old words occurs exactly as often as the occurrence rule says."""
    current = a
    for op in ops:
        quote = None
        if isinstance(op, InsertWords) and op.anchor is not None:
            quote = op.anchor
        elif isinstance(op, (SubstituteWords, OmitWords)):
            quote = op.old.text
        if quote is not None:
            target = op.target
            loc = resolve(current, target)
            segs = segments(loc.node, str(target), row=loc.row)
            rule = op.occurrence
            assert len(select(segs, Words(quote), rule, operation="", provision="")) == (
                1 if rule.rule == "only" else 2 if rule.rule == "both" else
                len(select(segs, Words(quote), Occurrence("each"), operation="", provision="")))
        current = op.apply(current)


def bare(op: Operation) -> Operation:
    return attrs.evolve(op, provenance=Provenance(), commencement=())


CORPUS = pytest.mark.parametrize("statute, amendment", [(LASSA, PARA_2), (LGHA, PARA_3)],
                                 ids=["ukpga-1970-42", "ukpga-1989-42"])


def corpus(statute: Path, amendment: Path) -> tuple[Act, tuple[Operation, ...],
                                                     tuple[Operation, ...]]:
    """The base Act, the enacted operations, and diff(base, consolidated)."""
    base = read_act(statute)
    real = read_amendment(amendment).operations
    ops = check_diff(base, consolidate(base, [read_amendment(amendment)]).act)
    return base, real, ops


@CORPUS
def test_corpus_diff_is_equivalent_to_the_enacted_operations(statute: Path,
                                                             amendment: Path) -> None:
    base, real, ops = corpus(statute, amendment)
    assert_unique_quotations(base, ops)
    # The same types, targets, words and occurrence rules ...
    assert len(ops) == len(real)
    for mine, theirs in zip(ops, real, strict=True):
        assert type(mine) is type(theirs)
        assert mine.target == theirs.target  # type: ignore[attr-defined]
        for field in ("words", "new", "provisions", "occurrence"):
            assert getattr(mine, field, None) == getattr(theirs, field, None), field
    # ... making the same changes in the same places (whatever the quotation).
    assert [step.changes for step in apply_batch(base, ops).steps] == [
        step.changes for step in apply_batch(base, real).steps]


@CORPUS
def test_corpus_diff_quotes_as_the_drafter_did(statute: Path, amendment: Path) -> None:
    """Anchors, old words and placements too: the conventions in docs/diff.md hold here.

    Without the "X of" rule para. 3(c) would anchor on "social services";
    without the article rule para. 2(2)(d) would quote "director of social services".
    """
    _, real, ops = corpus(statute, amendment)
    assert [bare(op) for op in ops] == [bare(op) for op in real]


def test_section_moving_between_parts_is_removed_first_then_inserted() -> None:
    s1, s2 = section("1", text="one"), section("2", text="two")
    part = lambda n, *kids: Provision(Kind.PART, num(n), heading=f"Part {n}",  # noqa: E731
                                      children=kids)
    a = act(part("1", s1), part("2", s2))
    b = act(part("1", s1, s2), part("2"))
    ops = check_diff(a, b)
    assert [type(o) for o in ops] == [ReplaceChildren, InsertProvision]
    assert ops[1].describe() == "insert s. 2 after s. 1"


def test_placeholders() -> None:
    note = "repealed by the Other Act 2001"
    a = act(section("1", sub("1", "one"), sub("2", "two"),
                    Omitted(Kind.SUBSECTION, num("3"), "repealed")))
    b = act(section("1", sub("1", "one"), Omitted(Kind.SUBSECTION, num("2"), "repealed", note),
                    sub("3", "three")))
    ops = check_diff(a, b)
    assert [kind_of(o) for o in ops] == ["OmitProvision", "ReplaceChildren (replace)",
                                         "SubstituteProvision"]


def test_cross_heading_change_is_positional_and_keeps_its_sections() -> None:
    xh = lambda heading, *kids: Provision(Kind.CROSSHEADING, None, heading=heading,  # noqa: E731
                                          children=kids)
    a = act(xh("Officers", section("1", text="x y")))
    b = act(xh("Staff", section("1", text="x z")))
    ops = check_diff(a, b)
    assert [kind_of(o) for o in ops] == ["SubstituteWords", "ReplaceChildren (replace)"]


def test_the_core_diff_does_not_depend_on_the_renderers() -> None:
    imported = imported_modules("lawdiff.diff")
    assert not any(m.startswith("lawdiff.render") for m in imported)
    assert "lawdiff.worddiff" in imported


def _table_align(a: Sequence[Node], b: Sequence[Node]) -> list[tuple[int, int]]:
    """The previous ``_align``: a longest common subsequence of the keys, by a full table."""
    ka, kb = _keys(a), _keys(b)
    n, m = len(ka), len(kb)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (table[i + 1][j + 1] + 1 if ka[i] == kb[j]
                           else max(table[i + 1][j], table[i][j + 1]))
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if ka[i] == kb[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    out: list[tuple[int, int]] = []
    prev = (-1, -1)
    for pair in [*pairs, (n, m)]:
        gap_a = [x for x in range(prev[0] + 1, pair[0]) if _is_crossheading(a[x])]
        gap_b = [y for y in range(prev[1] + 1, pair[1]) if _is_crossheading(b[y])]
        out.extend(zip(gap_a, gap_b, strict=False))
        if pair != (n, m):
            out.append(pair)
        prev = pair
    return out


def _containers(a: Act, b: Act) -> list[tuple[tuple[Node, ...], tuple[Node, ...]]]:
    """The two Acts' children, and the children of each provision the two share by key."""
    out = [(a.children, b.children)]
    queue = [(a.children, b.children)]
    while queue:
        x, y = queue.pop()
        for i, j in _table_align(x, y):
            if isinstance(x[i], Provision) and isinstance(y[j], Provision):
                pair = (x[i].children, y[j].children)  # type: ignore[union-attr]
                out.append(pair)
                queue.append(pair)
    return out


@given(st.one_of(derived_pairs(), st.tuples(acts(), acts())))
def test_children_are_matched_by_key_as_the_full_table_matched_them(pair: tuple[Act, Act]) -> None:
    """Where the shared keys stand in the same order on both sides (the usual case) the match
    is exactly the previous one; otherwise it is as long."""
    for x, y in _containers(*pair):
        new, old = _align(x, y), _table_align(x, y)
        ka, kb = _keys(x), _keys(y)
        where = {key: j for j, key in enumerate(kb)}
        shared = [where[key] for key in ka if key in where]
        if shared == sorted(shared):
            assert new == old
        else:  # as many children matched by key (cross-headings paired in gaps aside)
            assert sum(ka[i] == kb[j] for i, j in new) == sum(ka[i] == kb[j] for i, j in old)
        assert all(x1 < x2 and y1 < y2 for (x1, y1), (x2, y2) in itertools.pairwise(new))


def test_a_moved_cross_heading_keeps_every_section_matched() -> None:
    heading = Provision(Kind.CROSSHEADING, None, heading="General")
    secs = [section(str(k), text=f"Section {k} text.") for k in range(1, 5)]
    a = [heading, *secs]
    b = [*secs[:3], heading, secs[3]]
    assert _align(a, b) == [(1, 0), (2, 1), (3, 2), (4, 4)] == _table_align(a, b)
