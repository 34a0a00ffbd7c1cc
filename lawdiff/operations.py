"""Amendment operations: frozen values that turn one Act into another.

Each operation has

* :meth:`Operation.attempt` -- returns :class:`Applied` (the new Act, what
  changed, and the inverse operation) or :class:`Failed` (the error, not
  raised), never mutating anything;
* :meth:`Operation.apply` -- the strict form: the new Act, or the error raised;
* :meth:`Operation.invert` -- given the Act *before* the operation, the
  operation that undoes it exactly;
* a JSON form tagged by ``"type"``: each class declares how each of its
  fields is written (:attr:`Operation.JSON_FORMS`, a value form of
  :data:`lawdiff.codec.VALUE_FORMS` per field) and
  :func:`lawdiff.codec.operation_to_json` / :func:`~lawdiff.codec.operation_from_json`
  write and read it.

Word operations (:class:`InsertWords`, :class:`SubstituteWords`,
:class:`OmitWords`) search the target's text under an
:class:`~lawdiff.text.Occurrence` rule; provision operations
(:class:`InsertProvision`, :class:`SubstituteProvision`,
:class:`OmitProvision`) change the tree; :class:`RenumberProvision` gives a
provision a new number and :class:`TextBecomesChild` makes a provision's
existing text its first child; :class:`EditCell` replaces a table cell.
:class:`ReplaceText` and :class:`ReplaceChildren` are positional primitives,
used mainly as exact inverses.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar

import attrs

from lawdiff.address import (
    Address,
    Location,
    address_of,
    child_kind,
    nearest_existing,
    resolve,
)
from lawdiff.commencement import Commencement
from lawdiff.designation import Designation, Style
from lawdiff.errors import (
    AmendmentConflict,
    InvalidAddress,
    InvalidAmendment,
    InvalidPlacement,
    InvalidStatute,
    LawdiffError,
    ProvisionNotFound,
    RangeNotExpressible,
    WordsNotFound,
)
from lawdiff.inline import Marks, map_marks, of_field, slice_marks
from lawdiff.model import (
    _TRANSPARENT,
    AMBIGUOUS,
    Act,
    Kind,
    Node,
    Omitted,
    Opaque,
    Path,
    Provision,
    Table,
    _Container,
    to_nodes,
)
from lawdiff.text import (
    OWN_TEXT,
    Occurrence,
    Segment,
    SegmentRef,
    TextEdit,
    Words,
    apply_edits,
    collapse,
    content_end,
    fold,
    invert_edits,
    may_be_str,
    must_be_str,
    place,
    segments,
    select,
    sole_match,
    spaced_insert,
    spaced_omit,
)


@attrs.frozen(slots=True)
class Provenance:
    """Where an operation comes from: the amending provision and its verbatim words.

    ``citation`` e.g. "Children Act 2004 (c. 31), Sch. 2 para. 2(2)(c)";
    ``text`` the instruction exactly as enacted; ``as_inserted_by`` a
    qualifier of the instruction naming where the words or provision amended
    came from ("as inserted by section 3 of the Children Act 2004"), which
    the operation records but does not check.
    """

    citation: str | None = attrs.field(default=None, validator=may_be_str)
    text: str | None = attrs.field(default=None, validator=may_be_str)
    as_inserted_by: str | None = attrs.field(default=None, validator=may_be_str)


class Position(enum.Enum):
    """Where inserted words go relative to the target's text."""

    BEFORE = "before"
    AFTER = "after"
    AT_BEGINNING = "at_beginning"
    AT_END = "at_end"


@attrs.frozen(slots=True)
class Change:
    """One change an operation made, for annotations and effects tables.

    ``effect`` is legislation.gov.uk's type of effect ("words inserted",
    "words substituted", "words omitted", "inserted", "substituted",
    "omitted", "repealed").  For word changes ``field``/``row``/``cell`` name
    the segment of the provision at ``address`` and ``start``/``end`` the
    span of the new words in the new text (for an omission, an empty span
    where the words were); ``old`` holds the words that went.
    """

    effect: str
    address: Address
    field: str | None = None
    row: int | None = None
    cell: int | None = None
    start: int = 0
    end: int = 0
    old: str | None = None


    def segment(self) -> tuple[Address, str | None, int | None, int | None]:
        """Which run of text the change is in (for mapping positions through later edits)."""
        return (self.address, self.field, self.row, self.cell)


@attrs.frozen(slots=True)
class SpanEdit:
    """A text edit as it was applied, for mapping positions of earlier changes.

    ``[start, end)`` of the segment (owner ``address``, ``field``, ``row``,
    ``cell``) was replaced by ``length`` characters.  The span edits of one
    operation are simultaneous: all offsets refer to the text before it.
    """

    address: Address
    field: str
    row: int | None
    cell: int | None
    start: int
    end: int
    length: int

    def segment(self) -> tuple[Address, str | None, int | None, int | None]:
        """Which run of text was edited."""
        return (self.address, self.field, self.row, self.cell)


def map_offset(offset: int, edits: Sequence[SpanEdit], *, after: bool = True) -> int:
    """Where ``offset`` in a segment lands after simultaneous ``edits`` to that segment.

    An offset inside a replaced span moves to the span's end (``after``) or
    start.
    """
    shift = 0
    for e in edits:
        if e.end <= offset and not (e.start == e.end == offset and not after):
            shift += e.length - (e.end - e.start)
        elif e.start < offset < e.end:
            return e.start + shift + (e.length if after else 0)
    return offset + shift


def map_span(start: int, end: int, edits: Sequence[SpanEdit]) -> tuple[int, int]:
    """Where the words at ``[start, end)`` of a segment stand after simultaneous ``edits``.

    Words an edit replaced are no longer the span's, and the edit's new words
    are not the span's either unless they fall strictly inside it: a span
    whose end (or start) words were replaced ends before (starts after) the
    new words, words inserted right at its edges stay outside it, and a span
    whose words were all replaced becomes empty, where the new words begin.
    """
    shift_start = shift_end = 0
    new_start: int | None = None
    new_end: int | None = None
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        grow = e.length - (e.end - e.start)
        if new_start is None:
            if e.end <= start:  # before the span, or inserted right at its start
                shift_start += grow
            elif e.start <= start < e.end:
                new_start = e.start + shift_start + e.length
        if new_end is None:
            if e.end < end or (e.start == e.end < end):
                shift_end += grow
            elif e.start < end <= e.end:
                new_end = e.start + shift_end
    first = new_start if new_start is not None else start + shift_start
    last = new_end if new_end is not None else end + shift_end
    return (first, last) if first <= last else (last, last)


@attrs.frozen(slots=True)
class Applied:
    """A successful attempt: the new Act, the changes made, the exact inverse and the text edits.

    The inverse is built on first use (most callers never need it).
    """

    act: Act
    changes: tuple[Change, ...]
    make_inverse: Callable[[], Operation] = attrs.field(repr=False)
    edits: tuple[SpanEdit, ...] = ()

    @property
    def inverse(self) -> Operation:
        """The operation that undoes this one exactly."""
        return self.make_inverse()


@attrs.frozen(slots=True)
class Failed:
    """A failed attempt: the error that :meth:`Operation.apply` would raise."""

    error: LawdiffError


def _commencements(value: Iterable[Commencement]) -> tuple[Commencement, ...]:
    return tuple(value)


def _provisions(value: Iterable[Provision]) -> tuple[Provision, ...]:
    return tuple(value)


def _path(value: Iterable[int]) -> Path:
    path = tuple(value)
    if not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in path):
        raise InvalidAmendment(f"an index path is a list of whole numbers, not {list(path)!r}")
    return path


def _edits(value: Iterable[TextEdit]) -> tuple[TextEdit, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Operation:
    """Base of all operations: provenance and commencement, apply/attempt/invert."""

    TYPE: ClassVar[str] = ""
    #: How each field this class adds is written in JSON: the field's name, then the
    #: name of its value form in :data:`lawdiff.codec.VALUE_FORMS` ("address", "words",
    #: "occurrence" …).  :meth:`json_forms` gathers them with the base classes'.
    JSON_FORMS: ClassVar[Mapping[str, str]] = {"provenance": "provenance",
                                               "commencement": "commencement"}
    provenance: Provenance = attrs.field(factory=Provenance)
    commencement: tuple[Commencement, ...] = attrs.field(default=(), converter=_commencements)

    @classmethod
    def json_forms(cls) -> dict[str, str]:
        """The JSON value form of every field, in field order (base classes' first)."""
        forms: dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            forms.update(vars(klass).get("JSON_FORMS", {}))
        return {f.name: forms[f.name] for f in attrs.fields(cls)}

    def attempt(self, act: Act) -> Applied | Failed:
        """Apply to ``act`` without raising: :class:`Applied` or :class:`Failed`.

        Every :class:`~lawdiff.errors.LawdiffError` the operation meets becomes
        the ``Failed`` error, named by the operation where it did not say so.
        """
        try:
            return self._plan(act)
        except AmendmentConflict as exc:
            return Failed(exc)
        except (InvalidStatute, InvalidAddress) as exc:
            return Failed(InvalidPlacement(str(exc), operation=self.name))
        except LawdiffError as exc:
            return Failed(InvalidAmendment(f"{self.name}: {exc}"))

    def apply(self, act: Act) -> Act:
        """The amended Act; raises AmendmentConflict if the operation does not fit ``act``."""
        result = self.attempt(act)
        if isinstance(result, Failed):
            raise result.error
        return result.act

    def invert(self, act_before: Act) -> Operation:
        """The operation that turns ``self.apply(act_before)`` back into ``act_before``."""
        result = self.attempt(act_before)
        if isinstance(result, Failed):
            raise result.error
        return result.inverse

    @property
    def name(self) -> str:
        """How errors name this operation: its citation and a description."""
        what = self.describe()
        return f"{self.provenance.citation} ({what})" if self.provenance.citation else what

    def describe(self) -> str:
        """A short plain-English description of the operation."""
        raise NotImplementedError

    def _plan(self, act: Act) -> Applied:
        raise NotImplementedError

    def _resolve(self, act: Act, address: Address) -> Location:
        try:
            return resolve(act, address)
        except ProvisionNotFound as exc:
            raise ProvisionNotFound(exc.detail, address=exc.address, nearest=exc.nearest,
                                    operation=self.name) from None


def _may_be_designation(attribute: Any, value: object) -> None:
    if value is not None and not isinstance(value, Designation):
        raise InvalidAmendment(f"{attribute.name} must be a Designation (e.g. "
                               f"Designation.parse(\"1\", Style.NUMBER)), not {value!r}")


def _require_address(value: object) -> None:
    if not isinstance(value, Address):
        raise InvalidAmendment(f"expected an Address, got {type(value).__name__}")


def child_label(label: str, child: Provision) -> str:
    """The citation of ``child`` given its parent's citation ``label``."""
    if child.num is None or child.kind.transparent:
        return label
    if child.kind is Kind.SCHEDULE_PARAGRAPH:
        return f"{label} para. {child.num}"
    if child.kind is Kind.SECTION:
        return f"s. {child.num}"
    if child.kind is Kind.SCHEDULE:
        return f"Sch. {child.num}"
    return f"{label}({child.num})"


def _segments_of(loc: Location, op: Operation) -> list[Segment]:
    """The text segments below ``loc``; an omitted provision or empty one is an error."""
    if isinstance(loc.node, Omitted):
        raise WordsNotFound(f"{loc.address} is {loc.node.how} and has no words to amend",
                            words="", operation=op.name, provision=str(loc.address))
    segs = segments(loc.node, str(loc.address.parent if loc.row is not None else loc.address),
                    row=loc.row, child_label=child_label)
    if not segs:
        raise WordsNotFound(f"{loc.address} has no words to amend", words="",
                            operation=op.name, provision=str(loc.address))
    return segs


def _own_words(loc: Location) -> str | None:
    """The words of a target that are its own text alone -- a provision with no children and
    no closing words, not a table entry -- else None.  Its one segment is
    :data:`~lawdiff.text.OWN_TEXT`, which the general search would find as the only one."""
    node = loc.node
    if type(node) is not Provision or loc.row is not None:
        return None
    if node.children or node.wrap_up is not None:
        return None
    return node.text


def _segment_marks(node: Node, ref: SegmentRef) -> Marks:
    """The inline marks of the segment at ``ref`` (relative to ``node``)."""
    for i in ref.path:
        assert isinstance(node, Provision)
        node = node.children[i]
    if isinstance(node, Table):
        assert ref.row is not None and ref.cell is not None
        return of_field(node.rows[ref.row].marks, str(ref.cell))
    assert isinstance(node, Provision)
    return of_field(node.marks, ref.field)


def _set_segment(node: Node, ref: SegmentRef, text: str,
                 edits: Sequence[tuple[int, int, int]] = (),
                 inserted: Sequence[Marks] = (), depth: int = 0) -> Node:
    """``node`` with the segment at ``ref`` (relative to ``node``) replaced by ``text``.

    ``edits`` (``(start, end, length)`` each) say how ``text`` came from the
    segment's old text, so that inline marks follow their words.
    """
    if depth < len(ref.path):
        assert isinstance(node, Provision)
        i = ref.path[depth]
        kids = node.children
        return node._with_child_trusted(
            i, _set_segment(kids[i], ref, text, edits, inserted, depth + 1), node._lookup)
    if isinstance(node, Table):
        assert ref.row is not None and ref.cell is not None
        row = node.rows[ref.row]
        if ref.cell in row.fixed:
            raise InvalidPlacement(f"the cell {ref.cell + 1} of the entry for \u201c{row.entry}"
                                   f"\u201d holds paragraphs or lists of its own, whose words "
                                   f"lawdiff can find but not change")
        field = str(ref.cell)
        marks = map_marks(of_field(row.marks, field), field, edits, inserted, text) if edits \
            else of_field(row.marks, field)
        new_row = row.with_cell(ref.cell, text, marks)
        return node.with_rows((*node.rows[:ref.row], new_row, *node.rows[ref.row + 1:]))
    assert isinstance(node, Provision)
    return node.with_text(ref.field, text, edits, inserted)


def _segment_text(node: Node, ref: SegmentRef) -> str:
    for i in ref.path:
        assert isinstance(node, Provision)
        node = node.children[i]
    if isinstance(node, Table):
        assert ref.row is not None and ref.cell is not None
        return node.rows[ref.row].cells[ref.cell]
    assert isinstance(node, Provision)
    value = node.text if ref.field == "text" else node.wrap_up
    if value is None:
        raise InvalidAmendment(f"segment {ref} has no text")
    return value


_CITED_FROM_ACT = frozenset({Kind.SECTION, Kind.ARTICLE, Kind.REGULATION, Kind.RULE,
                             Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX})


def _change_address(act: Act, loc: Location, ref: SegmentRef) -> Address:
    """The citation of the provision (or entry) that owns a segment below ``loc``.

    Canonical whatever the operation's target was: a change made through a
    Part ("Sch. 1 Pt. I") cites the paragraph as the statute book does
    ("Sch. 1 para. 1"), as :func:`~lawdiff.address.address_of` would.
    """
    if loc.row is not None:
        return loc.address
    address = loc.address
    steps = address.steps
    for i in range(len(steps) - 1):
        if steps[i].kind in _TRANSPARENT:
            address = address_of(act, loc.path)  # rare: a target cited through a Part
            break
    if not ref.path:
        return address
    if address.steps and address.steps[-1].kind.transparent:
        address = Address(address.steps[:-1])  # a Part is not cited in its provisions' names
    node: Node = loc.node
    for i in ref.path:
        assert isinstance(node, Provision)
        node = node.children[i]
        if isinstance(node, (Table, Opaque)):
            break
        if node.num is not None and not node.kind.transparent and not node.kind.content:
            # Sections and Schedules are cited from the Act, whatever Part holds them.
            base = Address(()) if node.kind in _CITED_FROM_ACT else address
            address = base.child(node.kind, node.num)
    if isinstance(node, Table) and ref.row is not None:
        return Address(address.steps, node.rows[ref.row].entry)
    return address


def _span_key(e: TextEdit) -> tuple[int, int]:
    return (e.start, e.end)


def _edit_text(op: Operation, act: Act, loc: Location, edits: list[TextEdit], effect: str,
               old_words: Callable[[TextEdit, str], str | None]) -> Applied:
    """Apply segment edits below ``loc``; build the changes and the positional inverse."""
    groups: Iterable[tuple[SegmentRef, list[TextEdit]]]
    if len(edits) == 1:
        groups = ((edits[0].ref, edits),)
    else:
        by_ref: dict[SegmentRef, list[TextEdit]] = {}
        for e in edits:
            by_ref.setdefault(e.ref, []).append(e)
        groups = by_ref.items()
    node = loc.node
    # (the node before the group's edits, its segment, the text before, the edits): the
    # inverse reads the segment's marks from that node when it is first asked for.
    inverse: list[tuple[Node, SegmentRef, str, list[TextEdit]]] = []
    changes: list[Change] = []
    spans: list[SpanEdit] = []
    for ref, group in groups:
        before = _segment_text(node, ref)
        if len(group) == 1:
            ordered = group
            only = group[0]
            after = f"{before[:only.start]}{only.new}{before[only.end:]}"
            spliced: Sequence[tuple[int, int, int]] = ((only.start, only.end, len(only.new)),)
            inserted: Sequence[Marks] = (only.marks,)
        else:
            ordered = sorted(group, key=_span_key)
            after = apply_edits(before, ordered)
            spliced = tuple((e.start, e.end, len(e.new)) for e in ordered)
            inserted = [e.marks for e in ordered]
        inverse.append((node, ref, before, group))
        node = _set_segment(node, ref, after, spliced, inserted)
        owner = _change_address(act, loc, ref)
        field, row, cell = ref.field, ref.row, ref.cell
        delta = 0
        for e in ordered:
            length = len(e.new)
            spans.append(SpanEdit(owner, field, row, cell, e.start, e.end, length))
            # In the new text: the amending words, or for an omission where the words were.
            start = e.start + delta + (e.core[0] if length else 0)
            end = e.start + delta + (e.core[1] if length else 0)
            changes.append(Change(effect, owner, field, row, cell, start, end,
                                  old_words(e, before)))
            delta += length - (e.end - e.start)
    try:
        new_act = act.replace_node(loc.path, node)
    except InvalidStatute as exc:
        raise InvalidPlacement(str(exc), operation=op.name) from None
    path = loc.path

    def make_inverse() -> Operation:
        return ReplaceText(path=path, edits=tuple(
            e for held, ref, before, group in inverse
            for e in invert_edits(before, group, _segment_marks(held, ref))))

    return Applied(new_act, tuple(changes), make_inverse, tuple(spans))


@attrs.frozen(kw_only=True)
class InsertWords(Operation):
    """Insert words before or after given words, at the beginning, or at the end.

    "At the end" of a list item goes before its closing ";", "; and", ", or" or
    full stop.  ``anchor`` is required for BEFORE/AFTER and forbidden otherwise.
    """

    TYPE: ClassVar[str] = "insert_words"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {
        "target": "address", "words": "text", "position": "position", "anchor": "text",
        "occurrence": "occurrence"}
    target: Address = attrs.field(validator=lambda _s, _a, v: _require_address(v))
    words: str = attrs.field(validator=must_be_str)
    position: Position = attrs.field(validator=attrs.validators.instance_of(Position))
    anchor: str | None = attrs.field(default=None, validator=may_be_str)
    occurrence: Occurrence = attrs.field(factory=Occurrence)

    def __attrs_post_init__(self) -> None:
        if not self.words.strip():
            raise InvalidAmendment("inserted words must not be empty")
        needs_anchor = self.position in (Position.BEFORE, Position.AFTER)
        if needs_anchor != (self.anchor is not None):
            raise InvalidAmendment(f"inserting words {self.position.value} "
                                   f"{'needs' if needs_anchor else 'takes no'} anchor words")
        if not needs_anchor and self.occurrence.rule != "only":
            raise InvalidAmendment("an occurrence rule needs anchor words")
        if self.anchor is not None and not self.anchor.strip():
            raise InvalidAmendment("anchor words must not be empty")

    def describe(self) -> str:
        where = {Position.BEFORE: f"before \u201c{self.anchor}\u201d",
                 Position.AFTER: f"after \u201c{self.anchor}\u201d",
                 Position.AT_BEGINNING: "at the beginning",
                 Position.AT_END: "at the end"}[self.position]
        occ = self.occurrence.describe()
        return f"in {self.target}, {where}{', ' + occ if occ else ''}, insert \u201c{self.words}\u201d"

    def _plan(self, act: Act) -> Applied:
        loc = self._resolve(act, self.target)
        edits = self._sole_edits(loc)
        if edits is None:
            edits = self._edits(loc)
        return _edit_text(self, act, loc, edits, "words inserted", lambda e, t: None)

    def _sole_edits(self, loc: Location) -> list[TextEdit] | None:
        """The edits :meth:`_edits` makes, found directly when the target's words are its own
        text alone and the anchor (if any) stands there once under the rule "only"; else
        None."""
        text = _own_words(loc)
        if text is None:
            return None
        if self.position is Position.AT_BEGINNING:
            at = 0
        elif self.position is Position.AT_END:
            at = content_end(text)
        else:
            assert self.anchor is not None
            if self.occurrence.rule != "only":
                return None
            found = sole_match(text, Words(self.anchor))
            if found is None:
                return None
            at = found[1] if self.position is Position.AFTER else found[0]
        start, end, new, core = spaced_insert(text, at, self.words)
        return [TextEdit(OWN_TEXT, start, end, new, core)]

    def _edits(self, loc: Location) -> list[TextEdit]:
        """The edits, found through every segment of the target."""
        segs = _segments_of(loc, self)
        edits: list[TextEdit] = []
        if self.position in (Position.BEFORE, Position.AFTER):
            assert self.anchor is not None
            for m in select(segs, Words(self.anchor), self.occurrence, operation=lambda: self.name,
                            provision=lambda: str(self.target)):
                text = segs[m.segment].text
                at = m.end if self.position is Position.AFTER else m.start
                start, end, new, core = spaced_insert(text, at, self.words)
                edits.append(TextEdit(segs[m.segment].ref, start, end, new, core))
        else:
            seg = segs[0] if self.position is Position.AT_BEGINNING else segs[-1]
            at = 0 if self.position is Position.AT_BEGINNING else content_end(seg.text)
            start, end, new, core = spaced_insert(seg.text, at, self.words)
            edits.append(TextEdit(seg.ref, start, end, new, core))
        return edits


def _check_words(value: object) -> None:
    if not isinstance(value, Words):
        raise InvalidAmendment(f"expected Words, got {type(value).__name__}")


def _check_range_end(target: Address, old: Words) -> None:
    """A range "to the end of" a provision names the target, a provision within it, or one
    that holds it ("in paragraph (b), … to the end of the subsection")."""
    end = old.end_of
    if end is None:
        return
    if target.entry is not None or end.entry is not None:
        raise InvalidAmendment(f"a range in a table entry ends at the end of the entry: "
                               f"{old.describe()} cannot be read there")
    if any(s.kind.transparent for s in (*end.steps, *target.steps)):
        return  # whether a Part holds a section shows only in the Act: checked when applied
    n = min(len(end.steps), len(target.steps))
    if end.steps[:n] != target.steps[:n]:
        raise InvalidAmendment(f"a range to the end of {end} must end within {target}, the "
                               f"provision amended, or at the end of a provision holding it")


def _range_scope(op: Operation, act: Act, loc: Location, old: Words) -> Path:
    """Where a range "to the end" ends, as a path below ``loc`` (``()``: ``loc`` itself).

    When the range runs to the end of a provision holding the target, the
    target's text must be where that provision's text ends; otherwise the
    range would run on beyond the target, and RangeNotExpressible says so.
    """
    if old.end_of is None:
        return ()
    end = op._resolve(act, old.end_of)
    if end.path[:len(loc.path)] == loc.path:
        return end.path[len(loc.path):]
    if loc.path[:len(end.path)] != end.path:
        raise RangeNotExpressible(f"the range cannot end at the end of {old.end_of}, which "
                                  f"neither holds nor lies within {loc.address}",
                                  words=old.describe(), operation=op.name,
                                  provision=str(loc.address))
    outer = _segments_of(end, op)
    inside = loc.path[len(end.path):]
    mine = [i for i, seg in enumerate(outer) if seg.ref.path[:len(inside)] == inside]
    if mine and mine[-1] < len(outer) - 1:
        raise RangeNotExpressible(f"the range cannot be changed as one run of words: from "
                                  f"{loc.address} it would run on through "
                                  f"{outer[mine[-1] + 1].label}: lawdiff changes words within "
                                  f"one provision's text, so amend the provisions in between "
                                  f"by name", words=old.describe(), operation=op.name,
                                  provision=str(loc.address))
    return ()


@attrs.frozen(kw_only=True)
class SubstituteWords(Operation):
    """For the given words (or range of words) substitute new words."""

    TYPE: ClassVar[str] = "substitute_words"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {
        "target": "address", "old": "words", "new": "text", "occurrence": "occurrence"}
    target: Address = attrs.field(validator=lambda _s, _a, v: _require_address(v))
    old: Words = attrs.field(validator=lambda _s, _a, v: _check_words(v))
    new: str = attrs.field(validator=must_be_str)
    occurrence: Occurrence = attrs.field(factory=Occurrence)

    def __attrs_post_init__(self) -> None:
        if not self.new.strip():
            raise InvalidAmendment("substituted words must not be empty; use OmitWords")
        _check_range_end(self.target, self.old)

    def describe(self) -> str:
        occ = self.occurrence.describe()
        return (f"in {self.target}, for {self.old.describe()}{', ' + occ if occ else ''}, "
                f"substitute \u201c{self.new}\u201d")

    def _plan(self, act: Act) -> Applied:
        loc = self._resolve(act, self.target)
        edits = self._sole_edits(loc)
        if edits is None:
            edits = self._edits(act, loc)
        return _edit_text(self, act, loc, edits, "words substituted",
                          lambda e, t: t[e.start:e.end])

    def _sole_edits(self, loc: Location) -> list[TextEdit] | None:
        """The edits :meth:`_edits` makes, found directly when the target's words are its own
        text alone and the words (not a range) stand there once under the rule "only"; else
        None."""
        if self.occurrence.rule != "only":
            return None
        text = _own_words(loc)
        found = None if text is None else sole_match(text, self.old)
        if found is None:
            return None
        new = collapse(self.new)
        return [TextEdit(OWN_TEXT, found[0], found[1], new, (0, len(new)))]

    def _edits(self, act: Act, loc: Location) -> list[TextEdit]:
        """The edits, found through every segment of the target."""
        segs = _segments_of(loc, self)
        new = collapse(self.new)
        return [TextEdit(segs[m.segment].ref, m.start, m.end, new, (0, len(new)))
                for m in select(segs, self.old, self.occurrence, operation=lambda: self.name,
                                provision=lambda: str(self.target),
                                end_scope=_range_scope(self, act, loc, self.old))]


@attrs.frozen(kw_only=True)
class OmitWords(Operation):
    """Omit the given words (or range of words), with one now-redundant space."""

    TYPE: ClassVar[str] = "omit_words"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {
        "target": "address", "old": "words", "occurrence": "occurrence"}
    target: Address = attrs.field(validator=lambda _s, _a, v: _require_address(v))
    old: Words = attrs.field(validator=lambda _s, _a, v: _check_words(v))
    occurrence: Occurrence = attrs.field(factory=Occurrence)

    def __attrs_post_init__(self) -> None:
        _check_range_end(self.target, self.old)

    def describe(self) -> str:
        occ = self.occurrence.describe()
        return f"in {self.target}, omit {self.old.describe()}{', ' + occ if occ else ''}"

    def _plan(self, act: Act) -> Applied:
        loc = self._resolve(act, self.target)
        edits = self._sole_edits(loc)
        if edits is None:
            edits = self._edits(act, loc)
        return _edit_text(self, act, loc, edits, "words omitted",
                          lambda e, t: t[e.start + e.core[0]:e.start + e.core[1]])

    def _sole_edits(self, loc: Location) -> list[TextEdit] | None:
        """The edits :meth:`_edits` makes, found directly when the target's words are its own
        text alone and the words (not a range) stand there once under the rule "only"; else
        None."""
        if self.occurrence.rule != "only":
            return None
        text = _own_words(loc)
        found = None if text is None else sole_match(text, self.old)
        if found is None:
            return None
        assert text is not None
        start, end, new, core = spaced_omit(text, found[0], found[1])
        return [TextEdit(OWN_TEXT, start, end, new, core)]

    def _edits(self, act: Act, loc: Location) -> list[TextEdit]:
        """The edits, found through every segment of the target."""
        segs = _segments_of(loc, self)
        spans: list[tuple[int, int, int]] = []
        for m in select(segs, self.old, self.occurrence, operation=lambda: self.name,
                        provision=lambda: str(self.target),
                        end_scope=_range_scope(self, act, loc, self.old)):
            text = segs[m.segment].text
            last = spans[-1] if spans else None
            # Words omitted next to each other ("the the") go as one run, spaced once.
            if last and last[0] == m.segment and not text[last[2]:m.start].strip():
                spans[-1] = (m.segment, last[1], m.end)
            else:
                spans.append((m.segment, m.start, m.end))
        edits = []
        for index, first, last_end in spans:
            start, end, new, core = spaced_omit(segs[index].text, first, last_end)
            edits.append(TextEdit(segs[index].ref, start, end, new, core))
        return edits


def _check_provisions(value: tuple[Node, ...]) -> None:
    if not value:
        raise InvalidAmendment("at least one provision is needed")
    for node in value:
        if not isinstance(node, Provision):
            raise InvalidAmendment(f"expected provisions, got {type(node).__name__}")
        if node.num is None:
            raise InvalidAmendment("inserted provisions need numbers")


def _container_and_index(path: Path) -> tuple[Path, int]:
    """The index path of a node's container and the node's index in it."""
    return path[:-1], path[-1]


def _container(act: Act, path: Path) -> _Container:
    return act if not path else act.node_at(path)  # type: ignore[return-value]


def _place_by_order(parent_path: Path, parent: _Container, new: Provision) -> tuple[Path, int]:
    """Where designation order puts ``new`` among the provisions findable from ``parent``.

    Right after the nearest lower-numbered provision of its kind (inside the
    same Part or cross-heading), else right before the nearest higher one,
    else at the end of ``parent``.
    """
    assert new.num is not None
    if parent.ordered(new.kind):
        # One style, ascending in document order: search, rather than look at every one.
        first = parent.first_of(new.kind)
        if first is None or parent.node_at(first).num.style is not new.num.style:  # type: ignore[union-attr]
            return parent_path, len(parent.children)
        last = parent.last_below(new.kind, new.num)
        if last is not None:
            return (*parent_path, *last[:-1]), last[-1] + 1
        return (*parent_path, *first[:-1]), first[-1]
    before: tuple[Designation, Path] | None = None
    after: tuple[Designation, Path] | None = None
    for rel in parent.paths_of(new.kind):
        if rel == AMBIGUOUS:
            continue
        node = parent.node_at(rel)
        assert not isinstance(node, (Table, Opaque)) and node.num is not None
        if node.num.style is not new.num.style:
            continue
        if node.num < new.num and (before is None or before[0] < node.num):
            before = (node.num, rel)
        if new.num < node.num and (after is None or node.num < after[0]):
            after = (node.num, rel)
    if before is not None:
        rel = before[1]
        return (*parent_path, *rel[:-1]), rel[-1] + 1
    if after is not None:
        rel = after[1]
        return (*parent_path, *rel[:-1]), rel[-1]
    return parent_path, len(parent.children)


@attrs.frozen(kw_only=True)
class InsertProvision(Operation):
    """Insert whole provisions into ``target`` (the parent; the empty address is the Act).

    Placement: ``before`` or ``after`` a named sibling; ``after_words``, the
    closing words of the parent's opening text (e.g. "means—"), puts them at
    the head of the list that follows; otherwise designation order decides.
    In every case designation order must hold afterwards.
    """

    TYPE: ClassVar[str] = "insert_provision"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {
        "target": "address", "provisions": "provisions", "before": "sibling",
        "after": "sibling", "after_words": "text"}
    target: Address = attrs.field(validator=lambda _s, _a, v: _require_address(v))
    provisions: tuple[Provision, ...] = attrs.field(converter=_provisions)
    before: Designation | None = attrs.field(default=None,
                                             validator=lambda _s, a, v: _may_be_designation(a, v))
    after: Designation | None = attrs.field(default=None,
                                            validator=lambda _s, a, v: _may_be_designation(a, v))
    after_words: str | None = attrs.field(default=None, validator=may_be_str)

    def __attrs_post_init__(self) -> None:
        _check_provisions(self.provisions)
        given = [x for x in (self.before, self.after, self.after_words) if x is not None]
        if len(given) > 1:
            raise InvalidAmendment("give at most one of before, after and after_words")
        if self.target.entry is not None:
            raise InvalidAmendment("provisions cannot be inserted into a table entry")

    def describe(self) -> str:
        nums = ", ".join(_cite(self.target, p) for p in self.provisions)
        kind = self.provisions[0].kind
        if self.before is not None:
            where = f" before {_cite_address(self.target, Omitted(kind, self.before))}"
        elif self.after is not None:
            where = f" after {_cite_address(self.target, Omitted(kind, self.after))}"
        elif self.after_words is not None:
            where = f" after \u201c{self.after_words}\u201d in {self.target}"
        else:
            where = ""
        return f"insert {nums}{where}"

    def _plan(self, act: Act) -> Applied:
        if self.target.steps:
            loc = self._resolve(act, self.target)
            if not isinstance(loc.node, Provision):
                raise ProvisionNotFound(f"{self.target} is {getattr(loc.node, 'how', 'not a provision')}"
                                        f" and cannot take new provisions",
                                        address=str(self.target), operation=self.name)
            parent: _Container = loc.node
            parent_path = loc.path
        else:
            parent, parent_path = act, ()
        first = self.provisions[0]
        for p in self.provisions:
            assert p.num is not None
            if parent.find(p.kind, p.num) is not None:
                raise InvalidPlacement(f"{_cite(self.target, p)} already exists",
                                       operation=self.name, provision=str(self.target))
        if self.before is not None or self.after is not None:
            sibling = self.before if self.before is not None else self.after
            assert sibling is not None
            rel = parent.find(first.kind, sibling)
            if rel == AMBIGUOUS:
                raise ProvisionNotFound(
                    f"{first.kind.value} {sibling} is ambiguous: several groupings "
                    f"(Parts, Chapters) hold one; name the grouping in the target",
                    address=str(self.target.child(first.kind, sibling)), operation=self.name)
            if rel is None:
                base = Address(()) if first.kind in (Kind.SECTION, Kind.SCHEDULE) else self.target
                raise ProvisionNotFound(
                    f"there is no {first.kind.value} {sibling} to insert {_cite(self.target, first)}"
                    f" {'before' if self.before is not None else 'after'}",
                    address=str(self.target.child(first.kind, sibling)),
                    nearest=nearest_existing(parent, first.kind, sibling, base),
                    operation=self.name)
            holder = (*parent_path, *rel[:-1])
            index = rel[-1] + (1 if self.after is not None else 0)
        elif self.after_words is not None:
            text = parent.text if isinstance(parent, Provision) else None
            if text is None or not fold(collapse(text)).endswith(fold(collapse(self.after_words))):
                found = f"its opening words end \u201c{(text or '')[-40:]}\u201d" if text else \
                    "it has no opening words"
                raise WordsNotFound(f"new provisions go after \u201c{self.after_words}\u201d, but "
                                    f"{found}", words=self.after_words, operation=self.name,
                                    provision=str(self.target))
            holder, index = parent_path, 0
        else:
            holder, index = _place_by_order(parent_path, parent, first)
        try:
            new_act = act.replace_children(holder, index, index, self.provisions)
        except InvalidStatute as exc:
            raise InvalidPlacement(f"{_cite(self.target, first)} cannot go there: {exc}",
                                   operation=self.name, provision=str(self.target)) from None
        _check_order(new_act, parent_path, first.kind, str(self.target) or "the Act", self)
        changes = tuple(Change("inserted", _cite_address(self.target, p)) for p in self.provisions)
        end = index + len(self.provisions)
        inverse = ReplaceChildren(path=holder, start=index, end=end, nodes=())
        return Applied(new_act, changes, lambda: inverse)


def _cite_address(parent: Address, p: Provision | Omitted) -> Address:
    """The address a provision would have under ``parent``; InvalidAddress if it cannot stand there."""
    assert p.num is not None
    if p.kind in (Kind.SECTION, Kind.SCHEDULE):
        return Address(()).child(p.kind, p.num)
    return parent.child(p.kind, p.num)


def _cite(parent: Address, p: Provision | Omitted) -> str:
    """Like :func:`_cite_address`, as text, and readable even where it cannot stand."""
    try:
        return str(_cite_address(parent, p))
    except InvalidAddress:
        return f"{p.kind.value} ({p.num}) in {parent or 'the Act'}"


def _check_order(act: Act, parent_path: Path, kind: Kind, where: str, op: Operation) -> None:
    """Designation order of ``kind`` must hold across Parts and cross-headings under a parent.

    Once it is found to hold with every number of one style and none shared, the parent's
    index remembers it, and later changes carry that over when the provisions they bring
    stand in order with their neighbours (:meth:`lawdiff.model._Container.ordered`).
    """
    parent = _container(act, parent_path)
    if parent.ordered(kind):
        return
    paths = parent.paths_of(kind)
    shared = AMBIGUOUS in paths
    if shared:
        # Numbered afresh in each grouping: order holds within each grouping only.
        runs: dict[Path, list[Path]] = {}
        for path in paths:
            if path != AMBIGUOUS:
                runs.setdefault(path[:-1], []).append(path)
        groups = [sorted(run) for run in runs.values()]
    else:
        groups = [sorted(paths)]
    for run in groups:
        nums = [parent.node_at(path).num for path in run]  # type: ignore[union-attr]
        for a, b in itertools.pairwise(nums):
            if a is not None and b is not None and a.style is b.style \
                    and a.style is not Style.OTHER and not a < b:
                raise InvalidPlacement(f"{kind.value} {b} would follow {kind.value} {a} in "
                                       f"{where}, against designation order", operation=op.name)
    if not shared and len(groups[0]) == len(nums):  # then ``nums`` is the whole run
        styles = {n.style for n in nums if n is not None}
        if len(styles) <= 1 and Style.OTHER not in styles and None not in nums:
            parent.mark_ordered(kind)


@attrs.frozen(kw_only=True)
class SubstituteProvision(Operation):
    """Replace the provision at ``target`` (which may be an omitted one) by ``provisions``."""

    TYPE: ClassVar[str] = "substitute_provision"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {
        "target": "address", "provisions": "replacing_provisions"}
    target: Address = attrs.field(validator=lambda _s, _a, v: _require_address(v))
    provisions: tuple[Provision, ...] = attrs.field(converter=_provisions)

    def __attrs_post_init__(self) -> None:
        _check_provisions(self.provisions)
        if not self.target.steps or self.target.entry is not None:
            raise InvalidAmendment("substitute a provision, not the whole Act or a table entry")

    def describe(self) -> str:
        new = ", ".join(_cite(self.target.parent, p) for p in self.provisions)
        return f"for {self.target} substitute {new}"

    def _plan(self, act: Act) -> Applied:
        loc = self._resolve(act, self.target)
        holder, index = _container_and_index(loc.path)
        old = loc.node
        try:
            new_act = act.replace_children(holder, index, index + 1, self.provisions)
        except InvalidStatute as exc:
            raise InvalidPlacement(f"the new provisions cannot replace {self.target}: {exc}",
                                   operation=self.name, provision=str(self.target)) from None
        changes = tuple(Change("substituted", _cite_address(self.target.parent, p))
                        for p in self.provisions)
        inverse = ReplaceChildren(path=holder, start=index, end=index + len(self.provisions),
                                  nodes=(old,))
        return Applied(new_act, changes, lambda: inverse)


@attrs.frozen(kw_only=True)
class OmitProvision(Operation):
    """Omit or repeal the provision at ``target``, leaving an :class:`Omitted` placeholder."""

    TYPE: ClassVar[str] = "omit_provision"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {"target": "address", "how": "text"}
    target: Address = attrs.field(validator=lambda _s, _a, v: _require_address(v))
    how: str = "omitted"

    def __attrs_post_init__(self) -> None:
        if self.how not in ("omitted", "repealed"):
            raise InvalidAmendment(f"how must be 'omitted' or 'repealed', not {self.how!r}")
        if not self.target.steps or self.target.entry is not None:
            raise InvalidAmendment("omit a provision, not the whole Act or a table entry")

    def describe(self) -> str:
        return f"{'repeal' if self.how == 'repealed' else 'omit'} {self.target}"

    def _plan(self, act: Act) -> Applied:
        loc = self._resolve(act, self.target)
        node = loc.node
        if isinstance(node, Omitted):
            raise ProvisionNotFound(f"{self.target} is already {node.how}",
                                    address=str(self.target), operation=self.name)
        assert isinstance(node, Provision) and node.num is not None
        holder, index = _container_and_index(loc.path)
        new_act = act.replace_node(loc.path, Omitted(node.kind, node.num, self.how))
        inverse = ReplaceChildren(path=holder, start=index, end=index + 1, nodes=(node,))
        return Applied(new_act, (Change(self.how, self.target),), lambda: inverse)


@attrs.frozen(kw_only=True)
class EditCell(Operation):
    """Replace the text of one cell (``column``, from 1) of a table entry."""

    TYPE: ClassVar[str] = "edit_cell"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {"target": "address", "column": "int", "new": "text"}
    target: Address = attrs.field(validator=lambda _s, _a, v: _require_address(v))
    column: int = attrs.field(validator=attrs.validators.instance_of(int))
    new: str = attrs.field(validator=must_be_str)

    def __attrs_post_init__(self) -> None:
        if self.target.entry is None:
            raise InvalidAmendment(f"{self.target} is not a table entry")
        if self.column < 1:
            raise InvalidAmendment("columns are numbered from 1")
        if not self.new.strip():
            raise InvalidAmendment("a cell's new text must not be empty")

    def describe(self) -> str:
        return f"in {self.target}, column {self.column}, substitute \u201c{self.new}\u201d"

    def _plan(self, act: Act) -> Applied:
        loc = self._resolve(act, self.target)
        assert isinstance(loc.node, Table) and loc.row is not None
        cells = loc.node.rows[loc.row].cells
        if self.column > len(cells):
            raise ProvisionNotFound(f"the entry has {len(cells)} columns, not {self.column}",
                                    address=str(self.target), operation=self.name)
        old = cells[self.column - 1]
        new = collapse(self.new)
        edit = TextEdit(SegmentRef((), "cell", loc.row, self.column - 1), 0, len(old), new,
                        (0, len(new)))
        return _edit_text(self, act, loc, [edit], "words substituted", lambda e, t: t)


@attrs.frozen(kw_only=True)
class ReplaceText(Operation):
    """Positional primitive: apply exact text edits below the node at index ``path``."""

    TYPE: ClassVar[str] = "replace_text"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {"path": "path", "edits": "edits"}
    path: Path = attrs.field(converter=_path)
    edits: tuple[TextEdit, ...] = attrs.field(converter=_edits)

    def describe(self) -> str:
        return f"replace text at node {list(self.path)} ({len(self.edits)} edits)"

    def _plan(self, act: Act) -> Applied:
        try:
            node = act.node_at(self.path)
        except (IndexError, AttributeError):
            raise ProvisionNotFound(f"there is no node at index path {list(self.path)}",
                                    address=str(list(self.path)), operation=self.name) from None
        addr = address_of(act, self.path)
        loc = Location(addr, self.path, node)
        for e in self.edits:
            try:
                text = _segment_text(node, e.ref)
            except (AssertionError, IndexError, InvalidAmendment):
                raise ProvisionNotFound(f"no text segment {e.ref}", address=str(addr),
                                        operation=self.name) from None
            if not 0 <= e.start <= e.end <= len(text):
                raise WordsNotFound(f"edit {e.start}:{e.end} is outside the text (length {len(text)})",
                                    words="", operation=self.name, provision=str(addr))
        edits = list(self.edits)
        return _edit_text(self, act, loc, edits, "words substituted",
                          lambda e, t: t[e.start:e.end])


@attrs.frozen(kw_only=True)
class ReplaceChildren(Operation):
    """Positional primitive: children ``start:end`` of the container at ``path`` become ``nodes``."""

    TYPE: ClassVar[str] = "replace_children"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {
        "path": "path", "start": "int", "end": "int", "nodes": "nodes"}
    path: Path = attrs.field(converter=_path)
    start: int = attrs.field(validator=attrs.validators.instance_of(int))
    end: int = attrs.field(validator=attrs.validators.instance_of(int))
    nodes: tuple[Node, ...] = attrs.field(converter=to_nodes)

    def describe(self) -> str:
        return (f"replace children {self.start}:{self.end} of node {list(self.path)} "
                f"with {len(self.nodes)} nodes")

    def _plan(self, act: Act) -> Applied:
        try:
            parent = _container(act, self.path)
            old = parent.children[self.start:self.end]
            if not 0 <= self.start <= self.end <= len(parent.children):
                raise IndexError
        except (IndexError, AttributeError):
            raise ProvisionNotFound(f"there is no child range {self.start}:{self.end} at node "
                                    f"{list(self.path)}", address=str(list(self.path)),
                                    operation=self.name) from None
        new_act = act.replace_children(self.path, self.start, self.end, self.nodes)
        inverse = ReplaceChildren(path=self.path, start=self.start,
                                  end=self.start + len(self.nodes), nodes=old)
        return Applied(new_act, (), lambda: inverse)


def _live_provision(op: Operation, act: Act, target: Address) -> tuple[Location, Provision]:
    """The provision at ``target`` (``op``'s); ProvisionNotFound when it is omitted or not
    one."""
    loc = op._resolve(act, target)
    if not isinstance(loc.node, Provision) or loc.node.num is None:
        how = loc.node.how if isinstance(loc.node, Omitted) else "not a numbered provision"
        raise ProvisionNotFound(f"{target} is {how}", address=str(target), operation=op.name)
    return loc, loc.node


@attrs.frozen(kw_only=True)
class RenumberProvision(Operation):
    """Give the provision at ``target`` the number ``to`` ("subsection (3) is renumbered as
    subsection (4)"): it stays where it is, with its heading, words and children.

    Refused, as :class:`InvalidPlacement`, when another provision of its kind
    already has that number where it is cited from, or when the new number would
    break designation order among its neighbours.  Markup on the old number is
    dropped with it.
    """

    TYPE: ClassVar[str] = "renumber_provision"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {"target": "address", "to": "number"}
    target: Address = attrs.field(validator=lambda _s, _a, v: _require_address(v))
    to: Designation = attrs.field(validator=lambda _s, a, v: _must_be_designation(a, v))

    def __attrs_post_init__(self) -> None:
        if not self.target.steps or self.target.entry is not None:
            raise InvalidAmendment("renumber a provision, not the whole Act or a table entry")

    def describe(self) -> str:
        step = self.target.steps[-1]
        try:
            new = str(self.target.parent.child(step.kind, self.to)) if step.kind not in (
                Kind.SECTION, Kind.SCHEDULE) else str(Address(()).child(step.kind, self.to))
        except InvalidAddress:
            new = f"{step.kind.value} {self.to}"
        return f"renumber {self.target} as {new}"

    def _plan(self, act: Act) -> Applied:
        loc, node = _live_provision(self, act, self.target)
        assert node.num is not None
        if node.kind.style is not None and self.to.style is not node.kind.style:
            raise InvalidPlacement(f"a {node.kind.value} is numbered in {node.kind.style.value} "
                                   f"style, not {self.to.style.value} ({self.to})",
                                   operation=self.name, provision=str(self.target))
        if self.to == node.num:
            raise InvalidPlacement(f"{self.target} is already numbered {self.to}",
                                   operation=self.name, provision=str(self.target))
        renumbered = node.evolve(num=self.to, marks=tuple(m for m in node.marks
                                                          if m.field != "num"))
        new_address = _cite_address(self.target.parent, renumbered)
        parent_address = self.target.parent
        parent: _Container = act if not parent_address.steps else \
            self._resolve(act, parent_address).node  # type: ignore[assignment]
        if parent.find(node.kind, self.to) is not None:
            raise InvalidPlacement(f"{new_address} already exists", operation=self.name,
                                   provision=str(self.target))
        holder, index = _container_and_index(loc.path)
        try:
            new_act = act.replace_children(holder, index, index + 1, (renumbered,))
        except InvalidStatute as exc:
            raise InvalidPlacement(f"{self.target} cannot be renumbered {self.to}: {exc}",
                                   operation=self.name, provision=str(self.target)) from None
        parent_path = () if not parent_address.steps else loc.path[:len(loc.path) - 1]
        if parent_address.steps:
            parent_path = self._resolve(act, parent_address).path
        _check_order(new_act, parent_path, node.kind, str(parent_address) or "the Act", self)
        inverse = ReplaceChildren(path=holder, start=index, end=index + 1, nodes=(node,))
        return Applied(new_act, (Change("renumbered", new_address),), lambda: inverse)


@attrs.frozen(kw_only=True)
class TextBecomesChild(Operation):
    """The existing text of the provision at ``target`` becomes its first child, numbered
    ``num`` one level down ("the existing text of section 5 becomes subsection (1)").

    The provision's own words, its children and its closing words move into the
    new child; the provision keeps its number, heading and place.  Refused, as
    :class:`InvalidPlacement`, when the provision already has children of the new
    child's level, has no words to move, or a child of that number cannot stand
    there (a number of the wrong style).
    """

    TYPE: ClassVar[str] = "text_becomes_child"
    JSON_FORMS: ClassVar[Mapping[str, str]] = {"target": "address", "num": "child_number",
                                               "words": "words"}
    target: Address = attrs.field(validator=lambda _s, _a, v: _require_address(v))
    num: Designation = attrs.field(validator=lambda _s, a, v: _must_be_designation(a, v))
    words: Words | None = attrs.field(default=None, validator=lambda _s, _a, v: _may_be_words(v))

    def __attrs_post_init__(self) -> None:
        if not self.target.steps or self.target.entry is not None:
            raise InvalidAmendment("the existing text of a provision, not of the whole Act or "
                                   "a table entry, becomes its first child")

    def describe(self) -> str:
        if self.words is not None:
            return f"{self.words.subject()} in {self.target} become ({self.num})"
        return f"the existing text of {self.target} becomes ({self.num})"

    def _plan(self, act: Act) -> Applied:
        if self.words is not None:
            return self._plan_words(act)
        loc, node = _live_provision(self, act, self.target)
        try:
            kind = child_kind(node.kind, self.num.style)
        except InvalidAddress as exc:
            raise InvalidPlacement(f"({self.num}) cannot be the first child of {self.target}: "
                                   f"{exc}", operation=self.name,
                                   provision=str(self.target)) from None
        if any(isinstance(c, (Provision, Omitted)) and c.kind is kind for c in node.children):
            raise InvalidPlacement(f"{self.target} already has {kind.value}s: only a provision "
                                   f"without them can have its existing text numbered",
                                   operation=self.name, provision=str(self.target))
        if node.text is None and not node.children:
            raise InvalidPlacement(f"{self.target} has no text to become ({self.num})",
                                   operation=self.name, provision=str(self.target))
        moved = tuple(m for m in node.marks if m.field in ("text", "wrap_up"))
        kept = tuple(m for m in node.marks if m.field not in ("text", "wrap_up"))
        try:
            child = Provision(kind, self.num, text=node.text, children=node.children,
                              wrap_up=node.wrap_up, marks=moved)
            parent = node.evolve(text=None, children=(child,), wrap_up=None, marks=kept)
            new_act = act.replace_node(loc.path, parent)
        except InvalidStatute as exc:
            raise InvalidPlacement(f"the existing text of {self.target} cannot become "
                                   f"({self.num}): {exc}", operation=self.name,
                                   provision=str(self.target)) from None
        holder, index = _container_and_index(loc.path)
        inverse = ReplaceChildren(path=holder, start=index, end=index + 1, nodes=(node,))
        return Applied(new_act, (Change("renumbered", self.target.child(kind, self.num)),),
                       lambda: inverse)

    def _plan_words(self, act: Act) -> Applied:
        """The words named, which must run to the end of the provision's own text, become
        its only child; the words before them stay as the provision's opening words."""
        assert self.words is not None
        loc, node = _live_provision(self, act, self.target)
        where = str(self.target)
        try:
            kind = child_kind(node.kind, self.num.style)
        except InvalidAddress as exc:
            raise InvalidPlacement(f"({self.num}) cannot be a child of {where}: {exc}",
                                   operation=self.name, provision=where) from None
        if node.children or node.wrap_up is not None:
            raise InvalidPlacement(f"{where} already has provisions or closing words below its "
                                   f"text: words become a numbered child only of a provision "
                                   f"with text alone", operation=self.name, provision=where)
        text = node.text
        if text is None:
            raise InvalidPlacement(f"{where} has no text whose words could become ({self.num})",
                                   operation=self.name, provision=where)
        seg = Segment(OWN_TEXT, text, where)
        (match,) = select([seg], self.words, Occurrence(), operation=self.name, provision=where)
        if match.end < content_end(text):
            raise InvalidPlacement(f"{self.words.subject()} are followed in {where} by "
                                   f"\u201c{text[match.end:]}\u201d: words left both before and "
                                   f"after a new ({self.num}) would not be well formed; found at: "
                                   f"{place(seg, match.start, match.end)}",
                                   operation=self.name, provision=where)
        head = text[:match.start].rstrip()
        start, end = match.start, len(text.rstrip())
        kept = tuple(m for m in node.marks if m.field != "text") + \
            slice_marks(node.marks, "text", 0, len(head))
        try:
            child = Provision(kind, self.num, text=text[start:end],
                              marks=slice_marks(node.marks, "text", start, end))
            parent = node.evolve(text=head or None, children=(child,), marks=kept)
            new_act = act.replace_node(loc.path, parent)
        except InvalidStatute as exc:
            raise InvalidPlacement(f"{self.words.subject()} in {where} cannot become "
                                   f"({self.num}): {exc}", operation=self.name,
                                   provision=where) from None
        holder, index = _container_and_index(loc.path)
        inverse = ReplaceChildren(path=holder, start=index, end=index + 1, nodes=(node,))
        return Applied(new_act, (Change("renumbered", self.target.child(kind, self.num)),),
                       lambda: inverse)


def _may_be_words(value: object) -> None:
    if value is not None and not isinstance(value, Words):
        raise InvalidAmendment(f"words must be Words (e.g. Words(\"X\", to_end=True)), "
                               f"not {value!r}")


def _must_be_designation(attribute: Any, value: object) -> None:
    if not isinstance(value, Designation):
        raise InvalidAmendment(f"{attribute.name} must be a Designation (e.g. "
                               f"Designation.parse(\"4\", Style.NUMBER)), not {value!r}")


AnyOperation = (InsertWords | SubstituteWords | OmitWords | InsertProvision | SubstituteProvision
                | OmitProvision | EditCell | ReplaceText | ReplaceChildren | RenumberProvision
                | TextBecomesChild)
OPERATION_TYPES: dict[str, type[Operation]] = {
    cls.TYPE: cls for cls in (InsertWords, SubstituteWords, OmitWords, InsertProvision,
                              SubstituteProvision, OmitProvision, EditCell, ReplaceText,
                              ReplaceChildren, RenumberProvision, TextBecomesChild)
}
