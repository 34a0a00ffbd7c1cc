from collections.abc import Callable

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from lawdiff.address import Address, resolve
from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidStatute, ProvisionNotFound
from lawdiff.model import (
    AMBIGUOUS,
    Act,
    Kind,
    Node,
    Omitted,
    Opaque,
    Provision,
    Row,
    Table,
    _validate_splice,
    validate_children,
)
from tests.helpers import act, alpha, num, para, section, sub
from tests.strategies import provisions, texts


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

# --- the incremental paths refuse and find exactly what the full ones do -------------------

_NUMS = {Style.NUMBER: ("1", "2", "2A", "3", "10"), Style.OTHER: ("x", "1.1"),
         Style.UPPER_ROMAN: ("I", "II"), Style.ALPHA: ("a", "b")}
_SHAPES = (  # (kind, styles it may be numbered in; () for unnumbered)
    (Kind.SECTION, (Style.NUMBER, Style.OTHER)), (Kind.SCHEDULE, (Style.NUMBER,)),
    (Kind.PART, (Style.NUMBER, Style.UPPER_ROMAN, Style.OTHER)), (Kind.CROSSHEADING, ()),
    (Kind.BLOCK, ()), (Kind.SUBSECTION, (Style.NUMBER,)), (Kind.PARAGRAPH, (Style.ALPHA,)))


@st.composite
def _loose_nodes(draw: st.DrawFn) -> object:
    """Any node a container might be offered, fitting or not: numbered and unnumbered
    provisions (sections most often), omitted ones, tables, opaque content, and now and then
    something else."""
    what = draw(st.integers(0, 15))
    if what == 0:
        return Table((Row(("a", "b")),))
    if what == 1:
        return Opaque("clml", b"<x/>")
    if what == 2:
        return "not a node"
    kind, styles = _SHAPES[0] if what > 9 else draw(st.sampled_from(_SHAPES))
    if not styles:
        if kind is Kind.CROSSHEADING:
            return Provision(kind, None, heading="Heading")
        return Provision(kind, None, text="Words.")
    style = draw(st.sampled_from(styles)) if what < 13 else styles[0]
    designation = Designation(draw(st.sampled_from(_NUMS[style])), style)
    if what % 2:
        return Omitted(kind, designation)
    if kind in (Kind.PART, Kind.SCHEDULE):
        return Provision(kind, designation, heading="Heading")
    return Provision(kind, designation, text="Words.")


def _sec(value: str, style: Style = Style.NUMBER) -> Omitted:
    return Omitted(Kind.SECTION, Designation(value, style))


@pytest.mark.parametrize(("kids", "start", "end", "nodes", "error"), [
    # a new number after a later one
    ((_sec("1"), _sec("3")), 1, 1, (_sec("5"),), "section 3 stands after section 5"),
    # taking away what stood between two numbers that may not meet
    ((_sec("1"), _sec("x", Style.OTHER), _sec("1")), 1, 2, (), "holds two of section 1"),
    ((_sec("2"), _sec("x", Style.OTHER), _sec("1")), 1, 2, (), "section 1 stands after "
                                                               "section 2"),
    # the first error in document order wins
    ((_sec("1"), _sec("3")), 1, 1, (_sec("5"), sub("1", "x")), "cannot hold a subsection"),
    ((_sec("1"), _sec("3")), 1, 1, (_sec("4"), Table((Row(("a",)),))), "cannot hold a table"),
])
def test_a_splice_is_checked_around_its_neighbours(kids: tuple[Node, ...], start: int, end: int,
                                                   nodes: tuple[Node, ...], error: str) -> None:
    whole = (*kids[:start], *nodes, *kids[end:])
    with pytest.raises(InvalidStatute, match=error):
        validate_children(None, whole)
    with pytest.raises(InvalidStatute, match=error):
        _validate_splice(None, kids, start, end, nodes)


def _outcome(check: Callable[[], None]) -> str | None:
    try:
        check()
    except InvalidStatute as exc:
        return str(exc)
    return None


@given(st.sampled_from([None, Kind.PART, Kind.SECTION, Kind.SCHEDULE]),
       st.lists(_loose_nodes(), max_size=16), st.data())
def test_a_splice_is_refused_exactly_as_the_whole_list_would_be(
        parent: Kind | None, pool: list[object], data: st.DataObject) -> None:
    # Children that pass, then any change to them: checking only the change around its
    # neighbours must give the very error (or none) that checking the whole list gives.
    kids: list[Node] = []
    for node in pool:
        if _outcome(lambda n=node: validate_children(parent, (*kids, n))) is None:  # type: ignore[misc]
            kids.append(node)  # type: ignore[arg-type]
    start = data.draw(st.integers(0, len(kids)))
    end = data.draw(st.integers(start, len(kids)))
    nodes = tuple(data.draw(st.lists(_loose_nodes(), max_size=3)))
    before = tuple(kids)
    whole = _outcome(lambda: validate_children(
        parent, (*before[:start], *nodes, *before[end:])))  # type: ignore[arg-type]
    event("accepted" if whole is None else "refused: " + whole.split(" ")[-1])
    assert _outcome(lambda: _validate_splice(parent, before, start, end, nodes)) == whole  # type: ignore[arg-type]


def _naive_lookup(container: Act | Provision) -> dict[tuple[Kind, str], tuple[int, ...]]:
    table: dict[tuple[Kind, str], tuple[int, ...]] = {}

    def visit(children: tuple[Node, ...], prefix: tuple[int, ...]) -> None:
        for i, child in enumerate(children):
            if isinstance(child, (Table, Opaque)):
                continue
            if child.num is not None and not child.kind.content:
                key = (child.kind, child.num.value)
                table[key] = AMBIGUOUS if key in table else (*prefix, i)
            if isinstance(child, Provision) and (child.kind.transparent or child.kind.content):
                visit(child.children, (*prefix, i))
    visit(container.children, ())
    return table


def _grouping(kind: Kind, number: str | None, *kids: Node) -> Provision:
    return Provision(kind, None if number is None else num(number), heading="Heading",
                     children=kids)


@st.composite
def _grouped_acts(draw: st.DrawFn) -> Act:
    """Acts of sections in Parts, Chapters, cross-headings and unnumbered blocks, numbers
    now and then repeated in another grouping (so found in more than one place)."""
    def sections(low: int) -> list[Node]:
        numbers = sorted(set(draw(st.lists(st.integers(low, low + 6), max_size=4))))
        return [section(str(n), text=f"Section {n}.") for n in numbers]

    top: list[Node] = []
    for p in range(1, draw(st.integers(0, 4)) + 1):
        kids: list[Node] = sections(p * 3)
        if draw(st.booleans()):
            kids.append(_grouping(Kind.CROSSHEADING, None, *sections(p * 3 + 7)))
        if draw(st.booleans()):
            kids.append(Provision(Kind.BLOCK, None, text="Words.", children=(
                sub("1", "Sub."), sub("2", "Sub."))))
        top.append(_grouping(Kind.PART, str(p), *kids) if kids else
                   _grouping(Kind.PART, str(p)))
    top.extend(sections(30))
    return act(*top)


def _containers(a: Act) -> list[tuple[tuple[int, ...], Act | Provision]]:
    return [((), a), *((p, n) for p, n in a.walk() if isinstance(n, Provision))]


_OFFERED = {  # what each kind of container is offered: mostly what it can hold
    None: [section(str(n), text="New.") for n in (1, 4, 5, 9, 12, 40)] + [
        _grouping(Kind.CROSSHEADING, None, section("8", text="Eight.")),
        Provision(Kind.BLOCK, None, text="Words.", children=(sub("3", "Sub."),)),
        _grouping(Kind.PART, "7", section("50", text="Fifty.")), sub("4", "Sub.")],
    Kind.BLOCK: [sub(str(n), "Sub.") for n in (1, 2, 3, 5)] + [
        Provision(Kind.BLOCK, None, text="Words.", children=(sub("4", "Sub."),))],
}


@given(_grouped_acts(), st.data())
def test_indexes_carried_through_changes_agree_with_fresh_ones(
        a: Act, data: st.DataObject) -> None:
    for container in (a, *(n for _, n in a.walk() if isinstance(n, Provision))):
        container.lookup()  # indexes built, so that changes carry them over
    for _ in range(data.draw(st.integers(1, 8))):
        places = [(p, c) for p, c in _containers(a) if isinstance(c, Act) or c.kind in (
            Kind.PART, Kind.CROSSHEADING, Kind.BLOCK)]
        path, container = data.draw(st.sampled_from(places))
        kids = container.children
        start = data.draw(st.integers(0, len(kids)))
        end = data.draw(st.integers(start, min(len(kids), start + 2)))
        offered = _OFFERED[Kind.BLOCK if getattr(container, "kind", None) is Kind.BLOCK else None]
        nodes = data.draw(st.lists(st.sampled_from(offered), max_size=2))
        try:
            a = a.replace_children(path, start, end, tuple(nodes))
        except InvalidStatute:
            event("refused")
            continue
        event("a number found in two places" if AMBIGUOUS in _naive_lookup(a).values()
              else "every number in one place")
        for where, container in _containers(a):
            expected = _naive_lookup(container)
            assert container.lookup() == expected, where
            for key, at in expected.items():
                assert container.find(key[0], Designation(key[1], Style.NUMBER)) == at
            for kind in {k for k, _ in expected}:
                assert sorted(container.paths_of(kind)) == sorted(
                    p for (k, _), p in expected.items() if k is kind)
        if data.draw(st.booleans()):  # a grouping replaced whole, keeping its number
            groupings = [(p, n) for p, n in a.walk()
                         if isinstance(n, Provision) and n.kind is Kind.PART and n.children]
            if groupings:
                where, old = data.draw(st.sampled_from(groupings))
                a = a.replace_node(where, old.with_children(old.children[1:]))
                for _, container in _containers(a):
                    assert container.lookup() == _naive_lookup(container)


def test_a_change_inside_unnumbered_content_updates_the_lookup_through_it() -> None:
    block = Provision(Kind.BLOCK, None, text="Opening words.",
                      children=(para("a", "A."),))
    a = act(Provision(Kind.SECTION, num("1"), children=(block,)))
    assert a.children[0].find(Kind.PARAGRAPH, alpha("a")) == (0, 0)  # type: ignore[union-attr]
    b = a.replace_children((0, 0), 1, 1, (para("b", "B."),))
    assert b.children[0].find(Kind.PARAGRAPH, alpha("b")) == (0, 1)  # type: ignore[union-attr]
    assert b.children[0].lookup() == _naive_lookup(b.children[0])  # type: ignore[union-attr]


def test_versions_of_a_long_run_of_children_share_its_pieces() -> None:
    sections = [section(str(n), text=f"Section {n}.") for n in range(1, 41)]
    part = Provision(Kind.PART, num("1"), heading="One", children=sections)
    a = act(part)
    b = a.replace_node((0, 7), section("8", text="Changed."))
    c = b.replace_node((0, 30), section("31", text="Changed too."))
    for version, changed in ((b, {7}), (c, {7, 30})):
        kids = version.children[0].children  # type: ignore[union-attr]
        assert [k.text for k in kids] == [  # type: ignore[union-attr]
            "Changed." if i == 7 else "Changed too." if i == 30 and 30 in changed
            else f"Section {i + 1}." for i in range(40)]
        assert all(kids[i] is sections[i] for i in range(40) if i not in changed)
    # the same values as the run built whole, and attrs.evolve still sees a tuple
    assert c.children[0] == Provision(Kind.PART, num("1"), heading="One",
                                      children=c.children[0].children)  # type: ignore[union-attr]
    assert attrs.evolve(c.children[0], heading="Renamed").children == c.children[0].children  # type: ignore[union-attr]
    assert c.find(Kind.SECTION, num("31")) == (0, 30)


def test_a_provision_keeps_its_other_fields_together_and_shares_them_across_versions() -> None:
    s1 = section("1", sub("1", "One words here."), heading="Heading")
    a = act(s1)
    b = a.replace_node((0, 0), a.node_at((0, 0)).with_text("text", "One other words."))  # type: ignore[union-attr]
    new = b.node_at((0, 0))
    assert isinstance(new, Provision) and new.text == "One other words."
    assert new.heading is None and new.marks == () and new.extras == () and new.ident is None
    assert b.children[0].heading == "Heading"  # type: ignore[union-attr]
    # the same values as built whole, and attrs.evolve keeps every field it is not given
    assert b.children[0] == section("1", sub("1", "One other words."), heading="Heading")
    moved = attrs.evolve(s1, wrap_up="Closing words.", ident="section-1")
    assert (moved.heading, moved.wrap_up, moved.ident, moved.children) == (
        "Heading", "Closing words.", "section-1", s1.children)
    assert attrs.evolve(moved, heading=None).heading is None
    with pytest.raises(InvalidStatute, match="closing words need children"):
        attrs.evolve(sub("2", "Two."), wrap_up="Closing.")


_BAD_TEXTS = ("", " padded", "two  spaces", ",", "bad\x01char", "line\nbreak")


@given(provisions(Kind.SECTION, num("1"), 2, allow_omitted=False),
       st.sampled_from(["text", "heading", "wrap_up"]),
       texts() | st.sampled_from(_BAD_TEXTS))
def test_with_text_of_a_provision_without_marks_is_what_evolve_builds(
        p: Node, field: str, text: str) -> None:
    # with_text takes a short path when there are no marks to carry: the same provision (or
    # the same error) as building it anew, sharing the children and the index.
    assert isinstance(p, Provision) and not p.marks
    if field == "wrap_up" and not p.children:
        field = "text"
    old = getattr(p, field) or ""
    try:
        expected: Provision | str = p.evolve(**{field: text})
    except InvalidStatute as exc:
        expected = str(exc)
    try:
        got: Provision | str = p.with_text(field, text, [(0, len(old), len(text))], [()])
    except InvalidStatute as exc:
        got = str(exc)
    assert got == expected
    if isinstance(got, Provision):
        assert got.children is p.children or got.children == p.children
        assert got._kids is p._kids and got._lookup is p._lookup
        assert got.marks == () and not got.pristine


def _rebuilt_whole(a: Act, path: tuple[int, ...], new: Node) -> Act:
    """``a`` with ``new`` at ``path``, every container on the way built anew and validated."""
    def along(kids: tuple[Node, ...], rest: tuple[int, ...]) -> tuple[Node, ...]:
        i = rest[0]
        if len(rest) == 1:
            return (*kids[:i], new, *kids[i + 1:])
        holder = kids[i]
        assert isinstance(holder, Provision)
        return (*kids[:i], holder.evolve(children=along(holder.children, rest[1:])),
                *kids[i + 1:])
    return Act(a.info, along(a.children, path))


@given(_grouped_acts(), st.data())
def test_a_node_replaced_where_nothing_findable_moves_is_the_tree_built_anew(
        a: Act, data: st.DataObject) -> None:
    # replace_node's short path (the node is no grouping or content, so every index on the
    # way is kept): the same Act as one built anew, its lookups those of a fresh Act, and
    # every subtree off the path shared.
    for container in (a, *(n for _, n in a.walk() if isinstance(n, Provision))):
        if data.draw(st.booleans()):
            container.lookup()
    for _ in range(data.draw(st.integers(1, 4))):
        places = [(p, n) for p, n in a.walk() if isinstance(n, Provision)
                  and n.kind is Kind.SECTION]
        if not places:
            return
        path, old = data.draw(st.sampled_from(places))
        new = old.with_text("text", data.draw(st.sampled_from(["Changed.", "Other words."])))
        b = a.replace_node(path, new)
        fresh = _rebuilt_whole(a, path, new)
        assert b == fresh and b.node_at(path) is new
        for (where, container), (_, rebuilt) in zip(_containers(b), _containers(fresh),
                                                    strict=True):
            assert container.lookup() == rebuilt.lookup() == _naive_lookup(rebuilt), where
        for where, node in a.walk():
            if where[:len(path)] != path and path[:len(where)] != where:
                assert b.node_at(where) is node
        a = b
