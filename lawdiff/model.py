"""The statute tree: immutable nodes with tuple children.

An :class:`Act` holds provisions; a :class:`Provision` (Part, cross-heading,
section, subsection, paragraph …, Schedule, schedule paragraph …) holds its
number, heading, text and children; an :class:`Omitted` node stands where a
provision was repealed or omitted (revised legislation prints a line of dots);
a :class:`Table` holds rows of cells.

Nodes are frozen and validated on construction.  Changing a tree means
building new nodes along one path and *sharing* every other subtree with the
old tree (:meth:`Act.replace_node`, :meth:`Act.replace_children`), so many
versions of an Act cost little more than one.

Parts and cross-headings are *transparent* for lookup: "s. 6" names section 6
wherever it sits.  Each container keeps a lazily built lookup table from
(kind, number) to the index path of the provision below it; it is carried
over to the new node when an update cannot have changed it.
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from math import isqrt
from typing import Any, Protocol, Union

import attrs

from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidStatute
from lawdiff.inline import Mark, Marks, check_marks, map_marks, normal_xml, to_marks


class Kind(enum.Enum):
    """The kinds of node, named as legislation.gov.uk cites them.

    Groupings (Group, Part, Chapter, cross-heading, sub-heading) are
    transparent for citation.  The primary unit is a section (Acts), article
    (Orders), regulation, rule, or a Schedule's paragraph; below it come the
    bracketed levels: subsection (1), paragraph (a), sub-paragraph (i), then
    clause (A) and sub-clause (aa) -- in instruments, paragraph (1)
    (:attr:`NUMBERED_PARAGRAPH`) and sub-paragraph (a).  Schedules, appendices
    and annexes hold their own provisions.  ``BLOCK``, ``LIST`` and ``ITEM``
    are unnumbered content: a further paragraph of text, a list (of
    definitions, say) and one of its items; they carry words but are never
    cited by number.
    """

    GROUP = "group"
    PART = "part"
    CHAPTER = "chapter"
    CROSSHEADING = "crossheading"
    SUBHEADING = "subheading"
    SECTION = "section"
    ARTICLE = "article"
    REGULATION = "regulation"
    RULE = "rule"
    SUBSECTION = "subsection"
    NUMBERED_PARAGRAPH = "numbered-paragraph"
    PARAGRAPH = "paragraph"
    SUBPARAGRAPH = "subparagraph"
    CLAUSE = "clause"
    SUBCLAUSE = "subclause"
    SCHEDULE = "schedule"
    APPENDIX = "appendix"
    ANNEX = "annex"
    SCHEDULE_PARAGRAPH = "schedule-paragraph"
    SCHEDULE_SUBPARAGRAPH = "schedule-subparagraph"
    BLOCK = "block"
    LIST = "list"
    ITEM = "item"

    # Members are singletons compared by identity: hash them so too (in C, unlike Enum's own
    # hash of the name, which every lookup keyed by kind would otherwise pay for).
    __hash__ = object.__hash__

    @property
    def transparent(self) -> bool:
        """True for groupings that citations skip over ("s. 6", not "Pt. 1 s. 6")."""
        return self in _TRANSPARENT

    @property
    def content(self) -> bool:
        """True for unnumbered content (blocks, lists, items): never cited by number."""
        return self in (Kind.BLOCK, Kind.LIST, Kind.ITEM)

    @property
    def bracketed(self) -> bool:
        """True for levels printed and cited in brackets: (1), (a), (i)."""
        return self in _BRACKETED

    @property
    def style(self) -> Style | None:
        """How provisions of this kind are numbered (None: unnumbered, or any style)."""
        return _STYLES.get(self)


_TRANSPARENT = frozenset({Kind.GROUP, Kind.PART, Kind.CHAPTER, Kind.CROSSHEADING,
                          Kind.SUBHEADING})
_BRACKETED = frozenset({Kind.SUBSECTION, Kind.NUMBERED_PARAGRAPH, Kind.PARAGRAPH,
                        Kind.SUBPARAGRAPH, Kind.CLAUSE, Kind.SUBCLAUSE,
                        Kind.SCHEDULE_SUBPARAGRAPH})
_STYLES = {
    Kind.SECTION: Style.NUMBER,
    Kind.ARTICLE: Style.NUMBER,
    Kind.REGULATION: Style.NUMBER,
    Kind.RULE: Style.NUMBER,
    Kind.SUBSECTION: Style.NUMBER,
    Kind.NUMBERED_PARAGRAPH: Style.NUMBER,
    Kind.PARAGRAPH: Style.ALPHA,
    Kind.SUBPARAGRAPH: Style.ROMAN,
    Kind.SCHEDULE: Style.NUMBER,
    Kind.SCHEDULE_PARAGRAPH: Style.NUMBER,
    Kind.SCHEDULE_SUBPARAGRAPH: Style.NUMBER,
}
UNNUMBERED = frozenset({Kind.CROSSHEADING, Kind.SUBHEADING, Kind.BLOCK, Kind.LIST, Kind.ITEM})
"""Kinds that may have no number (an item of an ordered list may have one)."""

_CONTENT_KINDS = frozenset({Kind.BLOCK, Kind.LIST, Kind.ITEM})
_SEEN_THROUGH = _TRANSPARENT | _CONTENT_KINDS  # groupings and content
_GROUPS = frozenset({Kind.GROUP, Kind.PART, Kind.CHAPTER, Kind.CROSSHEADING, Kind.SUBHEADING})
_PRIMARY = frozenset({Kind.SECTION, Kind.ARTICLE, Kind.REGULATION, Kind.RULE})
_CONTENT = frozenset({Kind.BLOCK, Kind.LIST})
_ANNEXES = frozenset({Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX})
ROOT_CHILDREN = _GROUPS | _PRIMARY | _ANNEXES | _CONTENT | {Kind.SCHEDULE_PARAGRAPH}
ALLOWED_CHILDREN: dict[Kind, frozenset[Kind]] = {
    Kind.GROUP: _GROUPS | _PRIMARY | _ANNEXES | _CONTENT | {Kind.SCHEDULE_PARAGRAPH},
    Kind.PART: _GROUPS | _PRIMARY | _CONTENT | {Kind.SCHEDULE_PARAGRAPH},
    Kind.CHAPTER: _GROUPS | _PRIMARY | _CONTENT | {Kind.SCHEDULE_PARAGRAPH},
    Kind.CROSSHEADING: frozenset({Kind.SUBHEADING, Kind.CROSSHEADING, Kind.SCHEDULE_PARAGRAPH})
    | _PRIMARY | _CONTENT,
    Kind.SUBHEADING: _PRIMARY | _CONTENT | {Kind.SCHEDULE_PARAGRAPH, Kind.CROSSHEADING},
    Kind.SECTION: frozenset({Kind.SUBSECTION, Kind.PARAGRAPH}) | _CONTENT,
    Kind.ARTICLE: frozenset({Kind.NUMBERED_PARAGRAPH, Kind.PARAGRAPH}) | _CONTENT,
    Kind.REGULATION: frozenset({Kind.NUMBERED_PARAGRAPH, Kind.PARAGRAPH}) | _CONTENT,
    Kind.RULE: frozenset({Kind.NUMBERED_PARAGRAPH, Kind.PARAGRAPH}) | _CONTENT,
    Kind.SUBSECTION: frozenset({Kind.PARAGRAPH}) | _CONTENT,
    Kind.NUMBERED_PARAGRAPH: frozenset({Kind.PARAGRAPH}) | _CONTENT,
    Kind.PARAGRAPH: frozenset({Kind.SUBPARAGRAPH}) | _CONTENT,
    Kind.SUBPARAGRAPH: frozenset({Kind.CLAUSE}) | _CONTENT,
    Kind.CLAUSE: frozenset({Kind.SUBCLAUSE}) | _CONTENT,
    Kind.SUBCLAUSE: frozenset({Kind.SUBCLAUSE}) | _CONTENT,
    Kind.SCHEDULE: _GROUPS | _CONTENT | {Kind.SCHEDULE_PARAGRAPH, Kind.APPENDIX} | _PRIMARY,
    Kind.APPENDIX: _GROUPS | _CONTENT | {Kind.SCHEDULE_PARAGRAPH} | _PRIMARY,
    Kind.ANNEX: _GROUPS | _CONTENT | {Kind.SCHEDULE_PARAGRAPH} | _PRIMARY,
    Kind.SCHEDULE_PARAGRAPH: frozenset({Kind.SCHEDULE_SUBPARAGRAPH, Kind.PARAGRAPH,
                                        Kind.SUBPARAGRAPH}) | _CONTENT,
    Kind.SCHEDULE_SUBPARAGRAPH: frozenset({Kind.PARAGRAPH}) | _CONTENT,
    Kind.BLOCK: _CONTENT | _BRACKETED,
    Kind.LIST: frozenset({Kind.ITEM}),
    Kind.ITEM: _CONTENT | _BRACKETED,
}
TABLE_PARENTS = frozenset(Kind) - {Kind.LIST}


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _clean(value: str | None) -> str | None:
    """Reject text that could not round-trip through the formats."""
    if value is not None and not isinstance(value, str):
        raise InvalidStatute(f"text must be a string, not {value!r}")
    if value is not None and (bad := NOT_XML_CHAR.search(value)) is not None:
        raise InvalidStatute(f"text holds control character U+{ord(bad.group()):04X}, which no "
                             f"document format can carry: {value!r}")
    if value is not None and (value != value.strip() or "\n" in value or "  " in value):
        raise InvalidStatute(f"text must be a single line without stray spaces: {value!r}")
    return value


NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""A character XML 1.0 does not allow (control characters other than tab and line breaks,
non-characters, lone surrogates): no published text holds one, and no format could write it."""


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


Extras = tuple[tuple[str, str], ...]
"""Format-specific attributes of a node, kept for the writers: (key, value) pairs.

A key is an attribute's qualified name ("{namespace}name", or a bare name
for attributes in no namespace) on the node's own element, or
"child/attribute" for an attribute of one of its parts (e.g.
"Pnumber/PuncAfter"); "@tag" records the source element's qualified name
where the model's kind does not say it (a CLML P1group holding several
sections, say).  Only the writer of that format reads them.
"""


def _extras(value: Iterable[tuple[str, str]]) -> Extras:
    return tuple((str(k), str(v)) for k, v in value)


def extra(extras: Extras, key: str) -> str | None:
    """The value of one extra, or None."""
    for k, v in extras:
        if k == key:
            return v
    return None


class SourceRef(Protocol):
    """Where a node read from a document came from (see the formats).

    ``fmt`` names the format ("clml", "akn"); ``element`` is the parsed
    element (never mutated: every version that shares the node shares it);
    :meth:`read_children` builds the node's children on first use.
    """

    @property
    def fmt(self) -> str:
        """The format read ("clml", "akn")."""
        ...

    @property
    def element(self) -> object:
        """The element the node was read from."""
        ...

    def read_children(self) -> tuple[Node, ...]:
        """The children of the node read from ``element``."""
        ...

    def read_details(self) -> tuple[str | None, str | None, str | None, Marks, Extras]:
        """The node's heading, text, closing words, marks and extras, read from ``element``."""
        ...


@attrs.frozen(slots=True)
class Row:
    """A table row; ``cells`` are their words.  The first cell names the entry.

    ``marks`` are the cells' inline markup (:class:`~lawdiff.inline.Mark`,
    whose ``field`` is the cell's index as a string).  ``fixed`` lists cells
    whose content has structure of its own (several paragraphs, a list): their
    words can be searched but not amended.  ``source`` is the row's index in
    the table it was read from, for the writers (not part of equality).
    """

    cells: tuple[str, ...] = attrs.field(converter=_strs)
    header: bool = False
    marks: Marks = attrs.field(default=(), converter=to_marks)
    fixed: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    source: int | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.cells:
            raise InvalidStatute("a table row needs at least one cell")
        for cell in self.cells:
            _clean(cell)
        if self.marks:
            check_marks(self.marks, {str(i): c for i, c in enumerate(self.cells)}, "table row")

    @property
    def entry(self) -> str:
        """The text that names this row in an amendment ("the entry for …")."""
        return self.cells[0]

    def with_cell(self, index: int, text: str, marks: Marks) -> Row:
        """This row with one cell's words (and that cell's marks) replaced."""
        field = str(index)
        kept = tuple(m for m in self.marks if m.field != field)
        return Row((*self.cells[:index], text, *self.cells[index + 1:]), self.header,
                   kept + marks, self.fixed, self.source)


def _rows(value: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(value)


@attrs.frozen(slots=True, eq=False)
class Table:
    """A table of rows, e.g. the two-column Schedule 1 of the 1970 Act.

    A table read from a document keeps its source (``source``, not part of
    equality) so that the writer of that format gives back its full structure
    (captions, column widths, spans, header groups) with only the amended
    cells and rows changed.  Rows may hold different numbers of cells (a cell
    spanning columns).
    """

    rows: tuple[Row, ...] = attrs.field(converter=_rows)
    extras: Extras = attrs.field(default=(), converter=_extras)
    ident: str | None = None
    source: SourceRef | None = attrs.field(default=None, repr=False)
    _pristine: bool = attrs.field(default=False, init=False, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return (self.rows, self.extras, self.ident) == (other.rows, other.extras, other.ident)

    def __hash__(self) -> int:
        return hash((self.rows, self.extras, self.ident))

    @property
    def pristine(self) -> bool:
        """True for a table exactly as read from its source."""
        return self._pristine

    def with_rows(self, rows: tuple[Row, ...]) -> Table:
        """This table with other rows (its source kept, to write the rest back)."""
        return Table(rows, self.extras, self.ident, self.source)


@attrs.frozen(slots=True, eq=False)
class Opaque:
    """Content the model keeps verbatim: a formula, an image, a quoted structure, prelims …

    ``fmt`` is the format it was read from ("clml", "akn"), ``xml`` its
    element serialised canonically (exclusive C14N), ``role`` what it is
    ("formula", "figure", "block-amendment", "prelims", "signatures",
    "explanatory-notes", "footnotes", …, or "other").  ``words`` are its words
    as plain text, one entry per block of text, for plain-text output and for
    reading; ``ident`` its identifier in the source, if any.  Opaque content
    is never amended; its writer gives back ``xml`` unchanged.
    """

    fmt: str
    xml: bytes
    role: str = "other"
    words: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    ident: str | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Opaque):
            return NotImplemented
        if (self.fmt, self.role, self.words, self.ident) != (
                other.fmt, other.role, other.words, other.ident):
            return False
        return self.xml == other.xml or _normal_xml(self.xml) == _normal_xml(other.xml)

    def __hash__(self) -> int:
        return hash((self.fmt, self.role, self.words, self.ident, _normal_xml(self.xml)))


_normal_xml = normal_xml


@attrs.frozen(slots=True)
class Omitted:
    """Where a provision used to be: repealed or omitted, kept for its number.

    ``how`` is "repealed" or "omitted"; ``note`` is a free-text annotation
    (e.g. the repealing enactment), or None.
    """

    kind: Kind
    num: Designation
    how: str = "omitted"
    note: str | None = None
    extras: Extras = attrs.field(default=(), converter=_extras, repr=False)
    ident: str | None = attrs.field(default=None, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.how not in ("repealed", "omitted"):
            raise InvalidStatute(f"Omitted.how must be 'repealed' or 'omitted', not {self.how!r}")
        _check_num(self.kind, self.num)


def _check_num(kind: Kind, num: Designation | None) -> None:
    if num is None:
        if kind not in UNNUMBERED:
            raise InvalidStatute(f"a {kind.value} needs a number")
        return
    if kind in (Kind.CROSSHEADING, Kind.SUBHEADING, Kind.BLOCK, Kind.LIST):
        raise InvalidStatute(f"a {kind.value} has no number")
    style = kind.style
    if style is not None and num.style is not style and num.style is not Style.OTHER:
        raise InvalidStatute(f"a {kind.value} is numbered in {style.value} style, "
                             f"not {num.style.value} ({num.value!r})")


Node = Union["Provision", Omitted, Table, Opaque]


def to_nodes(value: Iterable[Node]) -> tuple[Node, ...]:
    """Converter: any iterable of nodes as a tuple."""
    return tuple(value)


def _maybe_nodes(value: Iterable[Node] | None) -> tuple[Node, ...] | None:
    if type(value) is _Chunks:  # a version's children kept in pieces (attrs.evolve passes them)
        return value.tuple()
    return None if value is None else tuple(value)


Path = tuple[int, ...]
LookupKey = tuple[Kind, str]


def validate_children(parent: Kind | None, children: tuple[Node, ...]) -> None:
    """Raise InvalidStatute unless ``children`` may stand under ``parent`` as the model builds
    them: kinds that can stand there, numbers in designation order and none twice."""
    _validate_children(parent, children)


def _validate_children(parent: Kind | None, children: tuple[Node, ...]) -> None:
    allowed = ROOT_CHILDREN if parent is None else ALLOWED_CHILDREN[parent]
    where = "an Act" if parent is None else f"a {parent.value}"
    last: dict[Kind, Designation] = {}
    for child in children:
        _check_child(parent, allowed, where, child, last)


def _check_child(parent: Kind | None, allowed: frozenset[Kind], where: str, child: Node,
                 last: dict[Kind, Designation]) -> None:
    """Check one child in turn: its type and kind, and its number against ``last``, the last
    number of each kind before it (which it then becomes)."""
    if isinstance(child, Table):
        if parent not in TABLE_PARENTS:
            raise InvalidStatute(f"{where} cannot hold a table")
        return
    if isinstance(child, Opaque):
        return
    if not isinstance(child, (Provision, Omitted)):
        raise InvalidStatute(f"{where} cannot hold {type(child).__name__}")
    if child.kind not in allowed:
        raise InvalidStatute(f"{where} cannot hold a {child.kind.value}")
    if child.num is None or child.kind.content:
        return
    previous = last.get(child.kind)
    if previous is not None and previous == child.num:
        raise InvalidStatute(f"{where} holds two of {child.kind.value} {child.num}")
    if (previous is not None and previous.style is child.num.style
            and previous.style is not Style.OTHER and not previous < child.num):
        raise InvalidStatute(f"{where}: {child.kind.value} {child.num} stands after "
                             f"{child.kind.value} {previous} but must come before it in "
                             f"designation order")
    last[child.kind] = child.num


def _numbered_kind(node: Node) -> Kind | None:
    """The kind whose designation order a child takes part in (None: it takes part in none)."""
    if not isinstance(node, (Provision, Omitted)) or node.num is None or node.kind.content:
        return None
    return node.kind


def _validate_splice(parent: Kind | None, kids: tuple[Node, ...], start: int, end: int,
                     nodes: tuple[Node, ...]) -> None:
    """Raise what :func:`_validate_children` would raise for ``kids`` with ``start:end``
    replaced by ``nodes``, given that ``kids`` pass it: only the new nodes and their nearest
    numbered neighbours of the same kind are looked at."""
    allowed = ROOT_CHILDREN if parent is None else ALLOWED_CHILDREN[parent]
    where = "an Act" if parent is None else f"a {parent.value}"
    kinds = {k for k in map(_numbered_kind, (*kids[start:end], *nodes)) if k is not None}
    last: dict[Kind, Designation] = {}
    for kind in kinds:  # the last number of each kind before the change
        for i in range(start - 1, -1, -1):
            before = kids[i]
            if _numbered_kind(before) is kind:
                assert before.num is not None  # type: ignore[union-attr]
                last[kind] = before.num  # type: ignore[union-attr]
                break
    for node in nodes:
        _check_child(parent, allowed, where, node, last)
    # After the change, only the first of each kind can meet a new neighbour; children after
    # it passed before and meet the same ones.
    firsts: list[int] = []
    for kind in kinds:
        for i in range(end, len(kids)):
            if _numbered_kind(kids[i]) is kind:
                firsts.append(i)
                break
    for i in sorted(firsts):
        _check_child(parent, allowed, where, kids[i], last)


def check_kinds(parent: Kind | None, children: Iterable[Node]) -> None:
    """Raise InvalidStatute unless every child is of a kind that can stand under ``parent``.

    Readers check what they read with this: the structure must be one the model holds,
    while numbering as real texts print it (a number repeated, say) is read as it stands.
    """
    allowed = ROOT_CHILDREN if parent is None else ALLOWED_CHILDREN[parent]
    where = "an Act" if parent is None else f"a {parent.value}"
    for child in children:
        if isinstance(child, Table):
            if parent not in TABLE_PARENTS:
                raise InvalidStatute(f"{where} cannot hold a table")
        elif isinstance(child, (Provision, Omitted)) and child.kind not in allowed:
            raise InvalidStatute(f"{where} cannot hold a {child.kind.value}")


class _Container:
    """Shared behaviour of :class:`Act` and :class:`Provision`: children and lookup."""

    __slots__ = ()
    _lookup: _Index | None

    @property
    def children(self) -> tuple[Node, ...]:
        raise NotImplementedError

    _kids: tuple[Node, ...] | _Chunks | None

    def _child(self, i: int) -> Node:
        """Child ``i`` (from 0), without listing the children of a long run kept in pieces."""
        kids = self._kids
        if type(kids) is _Chunks:
            return kids.at(i)
        return self.children[i]

    def _kids_now(self) -> tuple[Node, ...] | _Chunks:
        """The children as kept (in pieces for a long run), read first if need be."""
        kids = self._kids
        return self.children if kids is None else kids

    def _index(self) -> _Index:
        """This container's index, built on first use (see :class:`_Index`)."""
        index = self._lookup
        if index is None:
            index = _Index(_build_index(self.children))
            object.__setattr__(self, "_lookup", index)
        return index

    def lookup(self) -> dict[LookupKey, Path]:
        """Map (kind, number) to the index path of every provision findable from here.

        Children are findable, and so are the descendants of transparent
        children (Parts, cross-headings) and of unnumbered content.  A number
        found in more than one place maps to :data:`AMBIGUOUS`.  A new dict on
        each call, made from the container's index (built once per node, and
        carried over to new versions of it).
        """
        kids = self.children
        table: dict[LookupKey, Path] = {}
        for key, i in self._index().items():
            if i < 0:
                table[key] = AMBIGUOUS
                continue
            child = kids[i]
            if _own_key(child) == key:
                table[key] = (i,)
                continue
            assert isinstance(child, Provision)
            below = child._find(key)
            table[key] = AMBIGUOUS if not below else (i, *below)
        return table

    def find(self, kind: Kind, num: Designation) -> Path | None:
        """The relative index path of the provision with this kind and number, or None.

        :data:`AMBIGUOUS` (the empty path) when provisions in different
        groupings below share the number.
        """
        return self._find((kind, num.value))

    def _find(self, key: LookupKey) -> Path | None:
        found = self._locate(key)
        return None if found is None else found[0]

    def _locate(self, key: LookupKey) -> tuple[Path, Node | None] | None:
        """The relative index path of the provision numbered ``key`` and that provision, or
        ``(AMBIGUOUS, None)`` (see :meth:`find`), or None; one walk down the indexes."""
        kind, value = key
        rel: list[int] = []
        node: _Container = self
        while True:
            index = node._lookup
            if index is None:
                kids = node.children
                if len(kids) <= _SCAN:
                    # A few children, none of them a grouping: look, rather than keep a table.
                    found: tuple[Path, Node | None] | None = None
                    for i, child in enumerate(kids):
                        if isinstance(child, (Table, Opaque)):
                            continue
                        if child.kind in _SEEN_THROUGH:
                            break
                        if child.kind is kind and child.num is not None and \
                                child.num.value == value:
                            found = ((*rel, i), child)
                    else:
                        return found
                index = node._index()
            at = index.get(key)
            if at is None or at < 0:
                return None if at is None else (AMBIGUOUS, None)
            held = node._kids
            child = held.at(at) if type(held) is _Chunks else node.children[at]
            rel.append(at)
            if not isinstance(child, Provision) or (
                    child.kind is kind and child.num is not None and child.num.value == value
                    and kind not in _CONTENT_KINDS):  # the provision itself (its own key)
                return (tuple(rel), child)
            node = child

    def node_at(self, path: Path) -> Node:
        """The node at an index path below this one (``()`` is invalid: use self)."""
        node: Node | _Container = self
        for i in path:
            if not isinstance(node, _Container):
                raise IndexError(f"path {path} runs through a leaf")
            node = node._child(i)
        assert not isinstance(node, _Container) or isinstance(node, Provision)
        return node

    def paths_of(self, kind: Kind) -> list[Path]:
        """The index path of every provision of ``kind`` findable from here, in no set order
        (:data:`AMBIGUOUS` for each number found in more than one place): the entries of
        :meth:`lookup` of that kind."""
        kids = self.children
        out: list[Path] = []
        for key, i in self._index().items():
            if key[0] is not kind:
                continue
            if i < 0:
                out.append(AMBIGUOUS)
                continue
            child = kids[i]
            if _own_key(child) == key:
                out.append((i,))
                continue
            assert isinstance(child, Provision)
            below = child._find(key)
            out.append(AMBIGUOUS if not below else (i, *below))
        return out

    def first_of(self, kind: Kind) -> Path | None:
        """The index path of the first provision of ``kind`` findable from here (document
        order), or None."""
        return _first_path(self.children, range(len(self.children)), kind)

    def last_below(self, kind: Kind, num: Designation) -> Path | None:
        """The index path of the last findable provision of ``kind`` numbered before ``num``,
        or None; for a container whose provisions of ``kind`` are :meth:`ordered`, and ``num``
        of their style."""
        kids = self.children
        lo, hi, best = 0, len(kids), -1
        while lo < hi:
            mid = (lo + hi) // 2
            at = mid
            first = None
            while at < hi and first is None:
                first = _first_of_kind(kids, range(at, at + 1), kind)
                at += 1
            if first is None:
                hi = mid
            elif first.num < num:
                best, lo = at - 1, at
            else:
                hi = mid
        if best < 0:
            return None
        child = kids[best]
        if _see_through(child):
            assert isinstance(child, Provision)
            below = child.last_below(kind, num)
            if below is not None:
                return (best, *below)
        return (best,)

    def ordered(self, kind: Kind) -> bool:
        """True when this container's findable provisions of ``kind`` are known to be numbered
        in one style (not OTHER), none twice, each after the one before in document order (a
        fact remembered by :meth:`mark_ordered` and carried over to new versions)."""
        index = self._lookup
        return index is not None and kind in index.ordered

    def mark_ordered(self, kind: Kind) -> None:
        """Remember that the findable provisions of ``kind`` are numbered in one style (not
        OTHER), none twice, in designation order (the caller has checked it)."""
        index = self._index()
        if kind not in index.ordered:
            index.ordered = index.ordered | {kind}


AMBIGUOUS: Path = ()
"""The lookup's entry for a number that two provisions share: schedule paragraphs numbered
afresh in each Part (such a provision is cited through its grouping, "Sch. 1 Pt. 2 para.
1"), or a slip in a real text.  Lawdiff's own changes never make one (inserting a provision
whose number is taken is refused); a citation of it is refused as ambiguous."""

_SCAN = 12  # containers with at most this many children are searched, not indexed
_LONG = 16  # runs of at least this many children are kept in pieces by versions derived


class _Chunks(tuple):  # type: ignore[type-arg]
    """A long run of children kept as pieces of equal length (the last may be shorter), so
    that a version with one child replaced shares every other piece with the version it came
    from.  The run as one tuple is made when first asked for and kept (``flat``)."""

    flat: tuple[Node, ...]

    @classmethod
    def of(cls, kids: tuple[Node, ...]) -> _Chunks:
        """``kids`` in pieces of about the square root of their number."""
        size = max(6, isqrt(len(kids)))
        return cls(kids[i:i + size] for i in range(0, len(kids), size))

    def length(self) -> int:
        """How many children the run holds."""
        return (len(self) - 1) * len(self[0]) + len(self[-1])

    def at(self, i: int) -> Node:
        """Child ``i`` (from 0)."""
        if i < 0:
            return self.tuple()[i]
        size = len(self[0])
        return self[i // size][i % size]  # type: ignore[no-any-return]

    def tuple(self) -> tuple[Node, ...]:
        """The run as one tuple."""
        try:
            return self.flat
        except AttributeError:
            self.flat = tuple(itertools.chain.from_iterable(self))
            return self.flat

    def replaced(self, i: int, node: Node) -> _Chunks:
        """The run with child ``i`` replaced by ``node``: one new piece, the rest shared."""
        p, o = divmod(i, len(self[0]))
        part = self[p]
        return _Chunks((*self[:p], (*part[:o], node, *part[o + 1:]), *self[p + 1:]))


def _with_kid(kids: tuple[Node, ...] | _Chunks, i: int, node: Node) -> tuple[Node, ...] | _Chunks:
    """``kids`` with child ``i`` replaced by ``node`` (a long run kept in pieces)."""
    if type(kids) is _Chunks:
        return kids.replaced(i, node)
    assert isinstance(kids, tuple)
    if len(kids) >= _LONG:
        return _Chunks.of(kids).replaced(i, node)
    return (*kids[:i], node, *kids[i + 1:])
_MANY = -1  # an index entry for a number found in more than one place
_GONE = object()


class _Index:
    """Where each number findable from a container is: (kind, number) -> the index of the
    child that is that provision or holds it (a Part, cross-heading or unnumbered content
    that it stands in), or ``_MANY`` when the number is found in more than one place.

    An index is shared by every version of its container whose findable provisions stand
    where they stood.  When children are inserted or removed, entries are not rewritten:
    ``log`` records the moves since ``base`` was built (``(start, end, delta)``: indices from
    ``end`` on moved by ``delta``), and ``overlay`` the entries changed since, in the indices
    of now (None: gone).  Once they grow past about the square root of the table, a new
    index is built.  ``ordered`` holds the kinds whose findable provisions are known to stand
    in designation order with no number shared (see :meth:`_Container.ordered`).
    """

    __slots__ = ("base", "log", "ordered", "overlay")

    def __init__(self, base: dict[LookupKey, int], log: tuple[tuple[int, int, int], ...] = (),
                 overlay: dict[LookupKey, int | None] | None = None,
                 ordered: frozenset[Kind] = frozenset()) -> None:
        self.base = base
        self.log = log
        self.overlay = overlay
        self.ordered = ordered

    def get(self, key: LookupKey) -> int | None:
        """The index of the child holding the provision numbered ``key``, ``_MANY``, or None."""
        overlay = self.overlay
        if overlay:
            value = overlay.get(key, _GONE)
            if value is not _GONE:
                return value  # type: ignore[return-value]
        found = self.base.get(key)
        if found is None or found < 0:
            return found
        for _, end, delta in self.log:
            if found >= end:
                found += delta
        return found

    def items(self) -> Iterator[tuple[LookupKey, int]]:
        """Every entry, in the indices of now."""
        overlay = self.overlay or {}
        log = self.log
        for key, found in self.base.items():
            if key in overlay:
                continue
            if found >= 0:
                for _, end, delta in log:
                    if found >= end:
                        found += delta
            yield key, found
        for key, value in overlay.items():
            if value is not None:
                yield key, value

    def updated(self, removed: Sequence[tuple[int, dict[LookupKey, int]]],
                move: tuple[int, int, int] | None,
                added: Sequence[tuple[int, dict[LookupKey, int]]]) -> _Index | None:
        """This index after the children at ``removed`` (old index, and what each made
        findable: number -> 1, or 2 for more than once) go, indices move by ``move``, and
        ``added`` children come (new index, what each makes findable).  None when it is
        cheaper, or only possible, to build a new one (a number found in several places loses
        one of them; the log has grown)."""
        overlay: dict[LookupKey, int | None] = dict(self.overlay) if self.overlay else {}
        log = self.log
        base = self.base

        def now(key: LookupKey) -> int | None:
            value = overlay.get(key, _GONE)
            if value is not _GONE:
                return value  # type: ignore[return-value]
            found = base.get(key)
            if found is None or found < 0:
                return found
            for _, end, delta in log:
                if found >= end:
                    found += delta
            return found

        for at, counts in removed:
            for key in counts:
                if now(key) != at:
                    return None  # in several places (or not where expected): count afresh
                overlay[key] = None
        if move is not None and move[2]:
            _, end, delta = move
            for key, value in overlay.items():
                if value is not None and value >= end:
                    overlay[key] = value + delta
            log = (*log, move)
        for at, counts in added:
            for key, count in counts.items():
                overlay[key] = at if count == 1 and now(key) is None else _MANY
        limit = 16 + isqrt(len(base))
        if len(log) > limit or len(overlay) > 4 * limit:
            return None
        return _Index(base, log, overlay)


def _own_key(node: Node) -> LookupKey | None:
    """The key a node is found by in its container's lookup, or None."""
    if isinstance(node, (Table, Opaque)) or node.num is None or node.kind in _CONTENT_KINDS:
        return None
    return (node.kind, node.num.value)


def _see_through(node: Node) -> bool:
    """True for a node whose descendants are found from its container (groupings, content)."""
    return isinstance(node, Provision) and node.kind in _SEEN_THROUGH


def _below(node: Provision) -> dict[LookupKey, int]:
    """What is findable from ``node``: number -> 1, or 2 for more than once."""
    index = node._lookup
    if index is None:
        kids = node.children
        if len(kids) <= _SCAN and not any(_see_through(c) for c in kids):
            counts: dict[LookupKey, int] = {}
            for child in kids:
                key = _own_key(child)
                if key is not None:
                    counts[key] = 2 if key in counts else 1
            return counts
        index = node._index()
    return {key: 2 if found < 0 else 1 for key, found in index.items()}


def _findable(node: Node) -> dict[LookupKey, int]:
    """What a child makes findable from its container: its own number and what is findable
    below it when it is a grouping or content (number -> 1, or 2 for more than once)."""
    counts = _below(node) if _see_through(node) else {}  # type: ignore[arg-type]
    key = _own_key(node)
    if key is not None:
        counts[key] = 2 if key in counts else 1
    return counts


def _build_index(children: tuple[Node, ...]) -> dict[LookupKey, int]:
    table: dict[LookupKey, int] = {}
    for i, child in enumerate(children):
        if isinstance(child, (Table, Opaque)):
            continue
        if _see_through(child):
            for key, count in _below(child).items():  # type: ignore[arg-type]
                # A number two provisions share (afresh in each Part, or a slip in a real
                # text) names neither: citations of it are refused as ambiguous, never guessed.
                table[key] = _MANY if count > 1 or key in table else i
        if child.num is not None and not child.kind.content:
            key = (child.kind, child.num.value)
            table[key] = _MANY if key in table else i
    return table


def _fill_lookup(table: dict[LookupKey, Path], children: tuple[Node, ...], prefix: Path) -> None:
    """The lookup built afresh from the children (what the index must agree with)."""
    for i, child in enumerate(children):
        if isinstance(child, (Table, Opaque)):
            continue
        path = (*prefix, i)
        if child.num is not None and not child.kind.content:
            key = (child.kind, child.num.value)
            table[key] = AMBIGUOUS if key in table else path
        if isinstance(child, Provision) and (child.kind.transparent or child.kind.content):
            _fill_lookup(table, child.children, path)


def _sat(found: int | None) -> int:
    """How many places an index entry stands for: 0, 1, or 2 for more than one."""
    return 0 if found is None else 2 if found < 0 else 1


def _count(container: Provision, key: LookupKey) -> int:
    """How many places ``key`` is found in from ``container``: 0, 1, or 2 for more than one."""
    index = container._lookup
    if index is not None:
        return _sat(index.get(key))
    return _below(container).get(key, 0)


def _findable_changes(old: Node, new: Node) -> dict[LookupKey, tuple[int, int]]:
    """The numbers a container finds through ``old`` a different number of times through
    ``new``: number -> (old count, new count)."""
    before, after = _findable(old), _findable(new)
    return {key: (before.get(key, 0), after.get(key, 0)) for key in before.keys() | after.keys()
            if before.get(key, 0) != after.get(key, 0)}


def _replaced(index: _Index, at: int, changes: dict[LookupKey, tuple[int, int]]) -> _Index | None:
    """``index`` after the child at ``at`` was replaced by one making ``changes`` (a new
    index, knowing no order: what it found may have moved), or None to build one afresh."""
    if not changes:
        return _Index(index.base, index.log, index.overlay)
    return index.updated([(at, {k: old for k, (old, _) in changes.items() if old})], None,
                         [(at, {k: new for k, (_, new) in changes.items() if new})])


def _spliced(index: _Index, kids: tuple[Node, ...], start: int, end: int,
             nodes: tuple[Node, ...]) -> _Index | None:
    """``index`` after children ``start:end`` became ``nodes``, or None to build one afresh."""
    removed = [(start + k, found) for k, child in enumerate(kids[start:end])
               if (found := _findable(child))]
    added = [(start + k, found) for k, child in enumerate(nodes) if (found := _findable(child))]
    return index.updated(removed, (start, end, len(nodes) - (end - start)), added)


def _carry_order(old: _Index | None, new: _Index | None, chain: Sequence[_Container],
                 rel: Path, start: int, count: int) -> None:
    """Keep on ``new`` each kind ``old`` knew in designation order that still is after
    children ``start:start + count`` of the container at ``rel`` became new ones.

    ``chain`` holds the containers from the one indexed down to the changed one (the changed
    one new; the others' children off the path are the same in both versions).  Only the new
    provisions of a kind, and the nearest of that kind before and after them, are compared:
    the rest stood in order before.  (Each after the one before, in one style, none can share
    a number.)
    """
    if old is None or new is None or not old.ordered:
        return
    new.ordered = frozenset(kind for kind in old.ordered
                            if _order_holds(chain, rel, start, count, kind))


def _order_holds(chain: Sequence[_Container], rel: Path, start: int, count: int,
                 kind: Kind) -> bool:
    holder = chain[-1]
    kids = holder.children
    run = list(_of_kind(kids[start:start + count], kind))
    before = _last_of_kind(kids, range(start - 1, -1, -1), kind)
    after = _first_of_kind(kids, range(start + count, len(kids)), kind)
    for level in range(len(rel) - 1, -1, -1):
        if before is not None and after is not None:
            break
        inner, outer, at = chain[level + 1], chain[level], rel[level]
        outer_kids = outer.children
        if before is None:
            if isinstance(inner, Provision) and _numbered_kind(inner) is kind:
                before = inner
            else:
                before = _last_of_kind(outer_kids, range(at - 1, -1, -1), kind)
        if after is None:
            after = _first_of_kind(outer_kids, range(at + 1, len(outer_kids)), kind)
    return _ascending([n.num for n in (before, *run, after) if n is not None])


def _ascending(nums: Sequence[Designation | None]) -> bool:
    """True when ``nums`` are of one style (not OTHER) and each comes after the one before."""
    if not nums:
        return True
    style = nums[0].style if nums[0] is not None else None
    if style is None or style is Style.OTHER:
        return False
    return all(n is not None and n.style is style for n in nums) and all(
        a < b for a, b in itertools.pairwise(nums))  # type: ignore[operator]


def _of_kind(nodes: Iterable[Node], kind: Kind) -> Iterator[Provision | Omitted]:
    """The provisions of ``kind`` findable among ``nodes``, in document order."""
    for node in nodes:
        if _numbered_kind(node) is kind:
            yield node  # type: ignore[misc]
        if _see_through(node):
            yield from _of_kind(node.children, kind)  # type: ignore[union-attr]


def _last_of_kind(kids: tuple[Node, ...], order: range, kind: Kind) -> Provision | Omitted | None:
    for i in order:
        node = kids[i]
        if _see_through(node):
            below = node.children  # type: ignore[union-attr]
            found = _last_of_kind(below, range(len(below) - 1, -1, -1), kind)
            if found is not None:
                return found
        if _numbered_kind(node) is kind:
            return node  # type: ignore[return-value]
    return None


def _first_path(kids: tuple[Node, ...], order: range, kind: Kind) -> Path | None:
    for i in order:
        node = kids[i]
        if _numbered_kind(node) is kind:
            return (i,)
        if _see_through(node):
            below = node.children  # type: ignore[union-attr]
            found = _first_path(below, range(len(below)), kind)
            if found is not None:
                return (i, *found)
    return None


def _first_of_kind(kids: tuple[Node, ...], order: range, kind: Kind) -> Provision | Omitted | None:
    for i in order:
        node = kids[i]
        if _numbered_kind(node) is kind:
            return node  # type: ignore[return-value]
        if _see_through(node):
            below = node.children  # type: ignore[union-attr]
            found = _first_of_kind(below, range(len(below)), kind)
            if found is not None:
                return found
    return None


def _clean_text(value: str | None) -> str | None:
    """Provision text: as :func:`_clean`, and never empty (no text is None)."""
    if value is not None and not value:
        raise InvalidStatute("a provision's text needs words, not '': leave it out, or omit the "
                             "provision instead of all of its words")
    return _clean(value)


def _needs_words(value: str | None) -> None:
    """A numbered provision's text has words, or is the dots of repealed words (". . .")."""
    if value is not None and not value[:1].isalnum() and not any(
            ch.isalnum() for ch in value) and (
            value.strip(". \u2026") or value.count(".") < 2):
        raise InvalidStatute(f"a provision's text needs words, not {value!r}: leave it out, or "
                             f"omit the provision instead of all of its words")


_UNREAD: tuple[Node, ...] | None = None

# A provision's or Act's ``_state``: bits saying what is known of it.
_PRISTINE = 1  # exactly as read from its source
_AS_READ = 2  # its own details as read from its source (children may have changed)
_VALID = 4  # its children passed the model's rules (validate_children)


class _Pending:
    """The value of a field not read yet from a provision's source."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<not read yet>"


PENDING: object = _Pending()
_DRESSED = frozenset({"_heading", "_wrap_up", "_marks", "_extras"})

Details = tuple[str | None, str | None, str | None, Marks, Extras]
"""A provision's details as a reader gives them: heading, text, closing words, marks, extras."""


Dress = tuple[str | None, str | None, Marks, Extras, str | None, "SourceRef | None"]
"""A provision's heading, closing words, marks, extras, identifier and source, kept together
(what copies of a provision mostly share)."""

_NO_DRESS: Dress = (None, None, (), (), None, None)
_UNSET: Any = object()  # an argument not given


class _Unread:
    """The dress of a provision whose details are not read yet: its identifier and source."""

    __slots__ = ("ident", "source")

    def __init__(self, ident: str | None, source: SourceRef) -> None:
        self.ident = ident
        self.source = source


@attrs.frozen(slots=True, init=False, repr=False, eq=False, weakref_slot=False)
class Provision(_Container):
    """A numbered (or, for groupings and content, unnumbered) provision and its children.

    ``text`` is the provision's own words: the whole content of a leaf, or the
    opening words before its children.  ``wrap_up`` holds closing words after
    the children.  Children are ordered by designation.  ``marks`` hold the
    inline markup of ``num``, ``heading``, ``text`` and ``wrap_up``
    (:mod:`lawdiff.inline`); ``ident`` is the provision's identifier in its
    source (an eId, a CLML id), kept through amendments; ``extras`` are
    format-specific attributes for the writers.

    A provision read from a document may read its details (heading, words,
    marks, extras) and its children only when they are first used
    (``source``); that is invisible to users: every field gives its value.
    The heading, closing words, marks, extras, identifier and source are kept
    in one tuple (``dress``), which new versions of the provision share.
    """

    kind: Kind
    num: Designation | None
    _text: str | None = attrs.field(alias="text")
    _kids: tuple[Node, ...] | _Chunks | None = attrs.field(alias="children")
    _dress: Dress | _Unread = attrs.field(alias="dress", repr=False)
    _lookup: _Index | None = attrs.field(init=False, repr=False)
    _state: int = attrs.field(init=False, repr=False)

    def __init__(self, kind: Kind, num: Designation | None, heading: str | None = _UNSET,
                 text: str | None = None, children: Iterable[Node] | None = (),
                 wrap_up: str | None = _UNSET, marks: Iterable[Mark] = _UNSET,
                 extras: Iterable[tuple[str, str]] = _UNSET, ident: str | None = _UNSET,
                 source: SourceRef | None = _UNSET, dress: Dress | _Unread | None = None) -> None:
        if dress is not None:  # attrs.evolve: the dress of the provision evolved, then changes
            if not isinstance(dress, tuple):
                read = dress.source.read_details()
                dress = (read[0], read[2], read[3], read[4], dress.ident, dress.source)
                if text is PENDING:
                    text = read[1]
            base = dress
        else:
            base = _NO_DRESS
        heading = _clean_text(base[0] if heading is _UNSET else heading)
        text = _clean_text(text)
        wrap_up = _clean_text(base[1] if wrap_up is _UNSET else wrap_up)
        marks = base[2] if marks is _UNSET else to_marks(marks)
        extras = base[3] if extras is _UNSET else _extras(extras)
        ident = base[4] if ident is _UNSET else ident
        source = base[5] if source is _UNSET else source
        kids = _maybe_nodes(children)
        made = (heading, wrap_up, marks, extras, ident, source)
        for name, value in (("kind", kind), ("num", num), ("_text", text), ("_kids", kids),
                            ("_dress", _NO_DRESS if made == _NO_DRESS else made),
                            ("_lookup", None), ("_state", 0)):
            object.__setattr__(self, name, value)
        _check_num(kind, num)
        if kids is None:
            if source is None:
                raise InvalidStatute(f"{self.label()}: no children and no source to read them from")
            return
        if wrap_up is not None and not kids:
            raise InvalidStatute(f"{self.label()}: closing words need children before them")
        if text is None and heading is None and not kids and not marks \
                and not (kind.content and extras):
            raise InvalidStatute(f"{self.label()} has no words, heading or children")
        if not kind.content:
            for value in (heading, text, wrap_up):
                _needs_words(value)
        _validate_children(kind, kids)
        if marks:
            check_marks(marks, self.texts(), self.label())
        object.__setattr__(self, "_state", _VALID)

    def _read(self) -> None:
        """Read the details a reader left for later (see :func:`unread_provision`)."""
        unread = self._dress
        assert isinstance(unread, _Unread)
        heading, text, wrap_up, marks, extras = unread.source.read_details()
        object.__setattr__(self, "_text", text)
        object.__setattr__(self, "_dress",
                           (heading, wrap_up, marks, extras, unread.ident, unread.source))

    def _details(self) -> Dress:
        dress = self._dress
        if isinstance(dress, _Unread):
            self._read()
            dress = self._dress
        return dress  # type: ignore[return-value]

    @property
    def heading(self) -> str | None:
        """The provision's heading (a section's title, a Part's name), or None."""
        return self._details()[0]

    @property
    def text(self) -> str | None:
        """The provision's own words: a leaf's whole text, or the opening words, or None."""
        if self._text is PENDING:
            self._read()
        return self._text

    @property
    def wrap_up(self) -> str | None:
        """The closing words after the children, or None."""
        return self._details()[1]

    @property
    def marks(self) -> Marks:
        """The inline markup of the number, heading, text and closing words."""
        return self._details()[2]

    @property
    def extras(self) -> Extras:
        """Format-specific attributes, for the writers."""
        return self._details()[3]

    @property
    def ident(self) -> str | None:
        """The provision's identifier in its source (an eId, a CLML id), or None."""
        dress = self._dress
        return dress.ident if isinstance(dress, _Unread) else dress[4]

    @property
    def _src(self) -> SourceRef | None:
        dress = self._dress
        return dress.source if isinstance(dress, _Unread) else dress[5]

    @property
    def children(self) -> tuple[Node, ...]:
        """The provisions (and tables, content) below this one, in document order."""
        kids = self._kids
        if kids is None:
            assert self._src is not None
            kids = self._src.read_children()
            object.__setattr__(self, "_kids", kids)
        elif type(kids) is _Chunks:
            return kids.tuple()
        return kids

    @property
    def source(self) -> SourceRef | None:
        """Where this provision was read from, or None for one built by lawdiff."""
        return self._src

    @property
    def pristine(self) -> bool:
        """True for a provision exactly as read from its source (its writer may copy it)."""
        return bool(self._state & _PRISTINE)

    @property
    def as_read(self) -> bool:
        """True for a provision whose own number, heading, words, marks and extras are as read
        from its source, though provisions below it may have changed (its writer may copy its
        source, writing only the changed children anew)."""
        return bool(self._state & _AS_READ)

    def texts(self) -> dict[str, str | None]:
        """The provision's text fields by name (the fields marks lie on)."""
        return {"num": self.num.value if self.num is not None else None,
                "heading": self.heading, "text": self.text, "wrap_up": self.wrap_up}

    def _key(self) -> tuple[object, ...]:
        return (self.kind, self.num, self.heading, self.text, self.children, self.wrap_up,
                self.marks, self.extras, self.ident)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Provision):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def label(self) -> str:
        """A short human label, e.g. "section 6", "paragraph (za)", "cross-heading"."""
        if self.num is None:
            name = self.kind.value.replace("crossheading", "cross-heading")
            return f"{name} {self.heading!r}" if self.heading else name
        return f"{self.kind.value} {self.num}"

    def __repr__(self) -> str:
        count = "unread" if self._kids is None else len(self.children)
        return f"<Provision {self.label()} ({count} children)>"

    def evolve(self, **changes: object) -> Provision:
        """This provision with some fields changed (validated; the result is not pristine)."""
        fields: dict[str, object] = {
            "kind": self.kind, "num": self.num, "heading": self.heading, "text": self.text,
            "children": self.children, "wrap_up": self.wrap_up, "marks": self.marks,
            "extras": self.extras, "ident": self.ident, "source": self._src}
        fields.update(changes)
        return Provision(**fields)  # type: ignore[arg-type]

    def with_children(self, children: tuple[Node, ...]) -> Provision:
        """This provision with other children (validated)."""
        return self.evolve(children=children)

    def _copy(self, **fields: object) -> Provision:
        """A copy with some slots replaced, skipping validation; never pristine.

        Details not read yet stay so unless one of them is replaced.
        """
        if self._text is PENDING and not fields.keys() <= {"_kids", "_lookup"}:
            self._read()
        dress = self._dress
        if fields.keys() & _DRESSED:
            heading, wrap_up, marks, extras, ident, source = dress  # type: ignore[misc]
            dress = (fields.get("_heading", heading), fields.get("_wrap_up", wrap_up),  # type: ignore[assignment]
                     fields.get("_marks", marks), fields.get("_extras", extras), ident, source)
        return _made(self.kind, self.num, fields.get("_text", self._text),
                     fields.get("_kids", self._kids), dress,  # type: ignore[arg-type]
                     fields.get("_lookup", self._lookup),  # type: ignore[arg-type]
                     0 if "_kids" in fields else self._state & _VALID)

    def with_text(self, field: str, text: str,
                  edits: Sequence[tuple[int, int, int]] = (),
                  inserted: Sequence[Marks] = ()) -> Provision:
        """This provision with its ``"text"``, ``"wrap_up"`` or ``"heading"`` replaced.

        ``edits`` say how the new text came from the old (``(start, end,
        length)`` each, see :func:`lawdiff.inline.map_marks`), so that the
        field's marks follow their words; ``inserted`` gives marks of the new
        words.  Without edits the field's marks must still fit the new text.
        Children are shared and the lookup is kept.
        """
        if field not in ("text", "wrap_up", "heading"):
            raise ValueError(f"no text field {field!r}")
        _clean_text(text)
        if self.kind not in _CONTENT_KINDS:
            _needs_words(text)
        old = self.marks  # (reads the details, if not read yet)
        if not old and not any(inserted):
            # No marks before and none brought: none after (what map_marks would give).
            dress = self._dress
            if field != "text":
                assert isinstance(dress, tuple)
                dress = (text, *dress[1:]) if field == "heading" else (
                    dress[0], text, *dress[2:])
            return _made(self.kind, self.num, text if field == "text" else self._text,
                         self._kids, dress, self._lookup, self._state & _VALID)
        marks = map_marks(old, field, edits, inserted, text) if edits else old
        # Marks that come out the same are shared (with the rest of the dress).
        new = self._copy(**{f"_{field}": text}) if marks == old else self._copy(
            **{f"_{field}": text, "_marks": marks})
        check_marks(marks, new.texts(), new.label())
        return new

    def _with_child_trusted(self, index: int, child: Node,
                            lookup: _Index | None) -> Provision:
        """Replace one child by a node of the same kind and number, skipping validation;
        ``lookup`` is the new node's index (this one's, when nothing findable moved)."""
        kids = self._kids
        if kids is None:
            kids = self.children
        return _made(self.kind, self.num, self._text, _with_kid(kids, index, child),
                     self._dress, lookup, self._state & (_VALID | _AS_READ))


_set = object.__setattr__
# Provision's slots, set directly (faster than object.__setattr__ by name, for trusted copies).
_SET_KIND, _SET_NUM, _SET_TEXT, _SET_KIDS, _SET_DRESS, _SET_LOOKUP, _SET_STATE = (
    getattr(Provision, name).__set__
    for name in ("kind", "num", "_text", "_kids", "_dress", "_lookup", "_state"))
_new_object = object.__new__


def _made(kind: Kind, num: Designation | None, text: object,
          kids: tuple[Node, ...] | _Chunks | None, dress: Dress | _Unread,
          lookup: _Index | None, state: int) -> Provision:
    """A provision with these slots, trusted (no validation)."""
    new = _new_object(Provision)
    _SET_KIND(new, kind)
    _SET_NUM(new, num)
    _SET_TEXT(new, text)
    _SET_KIDS(new, kids)
    _SET_DRESS(new, dress)
    _SET_LOOKUP(new, lookup)
    _SET_STATE(new, state)
    return new


def read_node(node: Provision | Table | Act, source: SourceRef) -> None:
    """Mark a node a reader has just built as pristine, read from ``source``.

    For readers only: a pristine node's writer may copy its source verbatim.
    """
    if isinstance(node, Act):
        object.__setattr__(node, "_parts", attrs.evolve(node._parts, source=source))
        object.__setattr__(node, "_state", node._state | _PRISTINE | _AS_READ)
    elif isinstance(node, Provision):
        object.__setattr__(node, "_dress", (*node._details()[:5], source))
        object.__setattr__(node, "_state", node._state | _PRISTINE | _AS_READ)
    else:
        object.__setattr__(node, "_pristine", True)


def unread_provision(kind: Kind, num: Designation | None, ident: str | None,
                     source: SourceRef, details: Details | None = None) -> Provision:
    """A pristine provision read from ``source``, its details and children on first use.

    For readers only: ``details`` (heading, text, closing words, marks,
    extras) when the reader has them already, else they come from
    ``source.read_details()`` when first asked for; children always come from
    ``source.read_children()`` when first asked for.  The fields are trusted
    (a reader validates what it reads).
    """
    new = object.__new__(Provision)
    dress: Dress | _Unread
    if details is None:
        text: object = PENDING
        dress = _Unread(ident, source)
    else:
        heading, text, wrap_up, marks, extras = details
        dress = (heading, wrap_up, marks, extras, ident, source)
    for name, value in (("kind", kind), ("num", num), ("_text", text), ("_kids", _UNREAD),
                        ("_dress", dress), ("_lookup", None), ("_state", _PRISTINE | _AS_READ)):
        object.__setattr__(new, name, value)
    return new


def _same_slot(old: Node, new: Node) -> bool:
    if isinstance(old, (Table, Opaque)) or isinstance(new, (Table, Opaque)):
        return type(old) is type(new)
    return old.kind is new.kind and (old.num is new.num or old.num == new.num)


@attrs.frozen(slots=True)
class SourceRecord:
    """Where the words of one provision of a base text come from.

    ``status`` is "verbatim" (identical to the published revised text),
    "derived" (published text with later recorded amendments reversed) or
    "reconstructed" (our best reading where no source could be consulted).
    """

    eid: str
    status: str
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.status not in ("verbatim", "derived", "reconstructed"):
            raise InvalidStatute(f"source status must be verbatim, derived or reconstructed, "
                                 f"not {self.status!r} (for {self.eid})")


def _sources(value: Iterable[SourceRecord]) -> tuple[SourceRecord, ...]:
    return tuple(value)


def _dates(value: Iterable[tuple[str, date]]) -> tuple[tuple[str, date], ...]:
    return tuple((str(k), v) for k, v in value)


@attrs.frozen(slots=True)
class ActInfo:
    """Identity and provenance of an Act's (or instrument's) text.

    ``work`` is the legislation.gov.uk identifier ("ukpga/1970/42",
    "uksi/2020/52", "asp/2021/11"); ``chapter`` the number as cited ("c. 42",
    "S.I. 2020/52", "asp 11"); ``version_date`` the date the text speaks from;
    ``made`` the day it was enacted or made (the FRBR work date), when known;
    ``status`` "enacted", "made", "revised" …, when known; ``extent`` where it
    extends ("E+W+S+N.I."); ``dates`` further named days of an instrument
    ("laid", "coming-into-force" …); ``extract`` is True when only some
    provisions are held, explained by ``extract_note``.
    """

    title: str
    year: int
    chapter: str
    work: str
    version_date: date
    extract: bool = False
    extract_note: str | None = None
    source: str | None = None
    licence: str | None = None
    sources: tuple[SourceRecord, ...] = attrs.field(default=(), converter=_sources)
    made: date | None = None
    status: str | None = None
    extent: str | None = None
    language: str = "en"
    dates: tuple[tuple[str, date], ...] = attrs.field(default=(), converter=_dates)

    @property
    def citation(self) -> str:
        """e.g. "Local Authority Social Services Act 1970 (c. 42)"."""
        return f"{self.title} ({self.chapter})"

    @property
    def doc_type(self) -> str:
        """The legislation.gov.uk type of document ("ukpga", "uksi", "asp" …)."""
        return self.work.split("/", 1)[0]

    def source_of(self, eid: str) -> SourceRecord | None:
        """The source record for a provision's eId, or for its nearest recorded ancestor."""
        records = {r.eid: r for r in self.sources}
        probe = eid
        while True:
            if probe in records:
                return records[probe]
            if "__" not in probe:
                return None
            probe = probe.rsplit("__", 1)[0]


@attrs.frozen(slots=True)
class Commentary:
    """One of a revised text's annotations: an F (textual amendment), C, I, E, M, P or X note.

    ``ident`` is its identifier (what ``commentary-ref`` marks and change
    marks point at); ``type`` its letter; ``body`` its paragraphs (blocks with
    their marks: citations of the amending provision, say); ``extras`` its
    source's other attributes, in order (CLML's ``Source="EU"``).
    """

    ident: str
    type: str
    body: tuple[Node, ...] = attrs.field(converter=to_nodes)
    extras: Extras = attrs.field(default=(), converter=_extras)

    @property
    def words(self) -> str:
        """The annotation's words as one line."""
        return " ".join(_words(n) for n in self.body if _words(n))


def _words(node: Node) -> str:
    if isinstance(node, Opaque):
        return " ".join(node.words)
    if isinstance(node, Table):
        return " ".join(c for r in node.rows for c in r.cells if c)
    if isinstance(node, Omitted):
        return ""
    parts = [node.heading, node.text]
    parts.extend(_words(c) for c in node.children)
    parts.append(node.wrap_up)
    return " ".join(p for p in parts if p)


def _opaques(value: Iterable[Opaque]) -> tuple[Opaque, ...]:
    return tuple(value)


def _commentaries(value: Iterable[Commentary]) -> tuple[Commentary, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class _ActParts:
    """What an Act holds besides its provisions (shared by its versions)."""

    info: ActInfo
    front: tuple[Node, ...]
    back: tuple[Node, ...]
    commentaries: tuple[Commentary, ...]
    meta: tuple[Opaque, ...]
    extras: Extras
    source: SourceRef | None


@attrs.frozen(slots=True, init=False, repr=False, eq=False, weakref_slot=False)
class Act(_Container):
    """An Act or instrument: its identity, its body's top-level provisions, and the rest.

    ``children`` are the body (Parts, sections …) and then the Schedules;
    ``front`` is what comes before the body (title, long title, enacting
    words; an instrument's made/laid/coming-into-force lines), ``back`` what
    comes after it (signatures, explanatory notes, footnotes); ``commentaries``
    a revised text's annotations; ``meta`` the source document's metadata,
    kept verbatim for its format's writer; ``extras`` format-specific
    attributes of the document.  Front and back matter are kept, never amended.
    """

    # One object per version: its provisions, its index and state here, the rest shared.
    _parts: _ActParts
    _kids: tuple[Node, ...] | _Chunks | None
    _lookup: _Index | None
    _state: int

    def __init__(self, info: ActInfo, children: Iterable[Node] | None = (),
                 front: Iterable[Node] = (), back: Iterable[Node] = (),
                 commentaries: Iterable[Commentary] = (), meta: Iterable[Opaque] = (),
                 extras: Iterable[tuple[str, str]] = (), source: SourceRef | None = None) -> None:
        kids = _maybe_nodes(children)
        parts = _ActParts(info, to_nodes(front), to_nodes(back), _commentaries(commentaries),
                          _opaques(meta), _extras(extras), source)
        for name, value in (("_parts", parts), ("_kids", kids), ("_lookup", None),
                            ("_state", 0)):
            object.__setattr__(self, name, value)
        if kids is None:
            if source is None:
                raise InvalidStatute("an Act needs its provisions or a source to read them from")
            return
        _validate_children(None, kids)
        object.__setattr__(self, "_state", _VALID)

    @property
    def info(self) -> ActInfo:
        """The Act's identity and provenance."""
        return self._parts.info

    @property
    def front(self) -> tuple[Node, ...]:
        """What comes before the body: title, long title, enacting words …"""
        return self._parts.front

    @property
    def back(self) -> tuple[Node, ...]:
        """What comes after the body: signatures, explanatory notes, footnotes …"""
        return self._parts.back

    @property
    def commentaries(self) -> tuple[Commentary, ...]:
        """A revised text's annotations."""
        return self._parts.commentaries

    @property
    def meta(self) -> tuple[Opaque, ...]:
        """The source document's metadata, kept verbatim for its format's writer."""
        return self._parts.meta

    @property
    def extras(self) -> Extras:
        """Format-specific attributes of the document."""
        return self._parts.extras

    @property
    def children(self) -> tuple[Node, ...]:
        """The body's top-level provisions and the Schedules, in document order."""
        kids = self._kids
        if kids is None:
            source = self._parts.source
            assert source is not None
            kids = source.read_children()
            object.__setattr__(self, "_kids", kids)
        elif type(kids) is _Chunks:
            return kids.tuple()
        return kids

    @property
    def source(self) -> SourceRef | None:
        """Where this Act was read from, or None."""
        return self._parts.source

    @property
    def pristine(self) -> bool:
        """True for an Act exactly as read from its source (its writer may copy it whole)."""
        return bool(self._state & _PRISTINE) and (self._kids is None or all(
            getattr(c, "pristine", True) for c in self.children))

    def _key(self) -> tuple[object, ...]:
        return (self.info, self.children, self.front, self.back, self.commentaries, self.meta,
                self.extras)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Act):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        count = "unread" if self._kids is None else len(self.children)
        return f"<Act {self.info.citation} ({count} top-level provisions)>"

    def replace_node(self, path: Path, new: Node) -> Act:
        """A new Act with the node at ``path`` replaced by ``new``.

        ``new`` must have the same kind and number as the node it replaces (use
        :meth:`replace_children` to change structure).  Every subtree off the
        path is shared with this Act.
        """
        if not path:
            raise ValueError("the root is not a node; build a new Act instead")
        ancestors = self._ancestors(path)
        old = ancestors[-1]._child(path[-1])
        if not _same_slot(old, new):
            raise InvalidStatute("replace_node keeps kind and number; use replace_children")
        return self._rebuild(path, old, new, None, ancestors)

    def replace_children(self, path: Path, start: int, end: int,
                         nodes: tuple[Node, ...]) -> Act:
        """A new Act where children ``start:end`` of the container at ``path`` become ``nodes``.

        ``path`` ``()`` means the Act's own children.  The changed container is
        validated (kinds, designation order, duplicates).
        """
        parent: _Container = self if not path else self.node_at(path)  # type: ignore[assignment]
        if not isinstance(parent, (Act, Provision)):
            raise InvalidStatute("only an Act or a provision has children")
        kids = parent.children
        if not 0 <= start <= end <= len(kids):
            raise IndexError(f"children slice {start}:{end} out of range 0:{len(kids)}")
        nodes = tuple(nodes)
        new_kids = (*kids[:start], *nodes, *kids[end:])
        if isinstance(parent, Act):
            # Children known to pass the rules need only the change checked.
            if self._state & _VALID:
                _validate_splice(None, kids, start, end, nodes)
            else:
                _validate_children(None, new_kids)
            act = self._derived(new_kids)
            object.__setattr__(act, "_state", _VALID)
            if self._lookup is not None:
                index = _spliced(self._lookup, kids, start, end, nodes) or _Index(
                    _build_index(new_kids))
                object.__setattr__(act, "_lookup", index)
                _carry_order(self._lookup, index, (act,), (), start, len(nodes))
            return act
        new_parent = parent.with_children(new_kids)
        if parent._lookup is not None:
            index = _spliced(parent._lookup, kids, start, end, nodes) or _Index(
                _build_index(new_kids))
            object.__setattr__(new_parent, "_lookup", index)
            _carry_order(parent._lookup, index, (new_parent,), (), start, len(nodes))
        return self._rebuild(path, parent, new_parent, (start, len(nodes)))

    def _derived(self, kids: tuple[Node, ...] | _Chunks) -> Act:
        """This Act with other children (trusted), not pristine, its index not carried."""
        act = object.__new__(Act)
        _set(act, "_parts", self._parts)
        _set(act, "_kids", kids)
        _set(act, "_lookup", None)
        _set(act, "_state", self._state & _VALID)
        return act

    def _ancestors(self, path: Path) -> list[_Container]:
        """The Act and the provisions on ``path`` down to the parent of its last node."""
        ancestors: list[_Container] = [self]
        node: _Container = self
        for i in path[:-1]:
            child = node._child(i)
            if not isinstance(child, Provision):
                raise IndexError(f"path {path} runs through a leaf")
            ancestors.append(child)
            node = child
        return ancestors

    def _rebuild(self, path: Path, old: Node, new: Node,
                 splice: tuple[int, int] | None,
                 ancestors: list[_Container] | None = None) -> Act:
        """The Act with ``new`` for ``old`` at ``path`` (same kind and number), its ancestors
        copied.  Their indexes are kept, or updated when what is findable from them changed
        (``old`` or ``new`` is a grouping or content); ``splice`` (start, count) says which
        children of ``new`` are new, when only those changed.  ``ancestors`` are this Act and
        the provisions on the path (:meth:`_ancestors`), when the caller has them."""
        if ancestors is None:
            ancestors = self._ancestors(path)
        # Findable numbers (and their order) change in the ancestors up to the first that is
        # not a grouping or content: ``changes`` maps each number whose count changed to its
        # (old, new) count (0, 1, or 2 for more than once).
        reach = _see_through(old) or _see_through(new)
        if not reach:
            # Nothing findable moved: every ancestor keeps its index.
            node_new: Node = new
            for depth in range(len(path) - 1, 0, -1):
                above = ancestors[depth]
                assert isinstance(above, Provision)
                node_new = above._with_child_trusted(path[depth], node_new, above._lookup)
            act = self._derived(_with_kid(self._kids_now(), path[0], node_new))
            _set(act, "_lookup", self._lookup)
            return act
        changes = _findable_changes(old, new)
        replacement: Node = new
        for depth in range(len(path) - 1, -1, -1):
            holder, at = ancestors[depth], path[depth]
            new_holder: Act | Provision
            if isinstance(holder, Act):
                new_holder = self._derived(_with_kid(holder._kids_now(), at, replacement))
            else:
                assert isinstance(holder, Provision)
                new_holder = holder._with_child_trusted(at, replacement, None)
            lookup = holder._lookup
            if reach and lookup is not None:
                index = _replaced(lookup, at, changes) or _Index(
                    _build_index(new_holder.children))
                object.__setattr__(new_holder, "_lookup", index)
                if splice is not None:
                    assert isinstance(new, Provision)
                    _carry_order(lookup, index, (*ancestors[depth:], new), path[depth:], *splice)
            else:
                object.__setattr__(new_holder, "_lookup", lookup)
            if isinstance(new_holder, Act):
                return new_holder
            if reach:
                assert isinstance(holder, Provision)
                changes = {key: counts for key, counts in (
                    (key, (_count(holder, key), _count(new_holder, key))) for key in changes)
                    if counts[0] != counts[1]}
                reach = _see_through(holder)
            replacement = new_holder
        raise AssertionError("unreachable")  # pragma: no cover

    def with_info(self, info: ActInfo) -> Act:
        """The same provisions under other metadata (children are shared)."""
        return self._with_parts(attrs.evolve(self._parts, info=info))

    def with_commentaries(self, commentaries: tuple[Commentary, ...]) -> Act:
        """The same Act with other annotations (children are shared)."""
        return self._with_parts(attrs.evolve(self._parts, commentaries=tuple(commentaries)))

    def _with_parts(self, parts: _ActParts) -> Act:
        act = object.__new__(Act)
        for name, value in (("_parts", parts), ("_kids", self._kids), ("_lookup", self._lookup),
                            ("_state", self._state & _VALID)):
            object.__setattr__(act, name, value)
        return act

    def walk(self) -> Iterator[tuple[Path, Node]]:
        """Every node of the body with its index path, in document order (parents first)."""
        stack: list[tuple[Path, Node]] = [((i,), c) for i, c in enumerate(self.children)]
        stack.reverse()
        while stack:
            path, node = stack.pop()
            yield path, node
            if isinstance(node, Provision):
                stack.extend(((*path, i), c) for i, c in reversed(list(enumerate(node.children))))


def words_of(node: Node) -> str:
    """All the words of a node and everything below it, as one line (for messages and search)."""
    return _words(node)
