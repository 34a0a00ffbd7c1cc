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
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Union

import attrs

from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidStatute


class Kind(enum.Enum):
    """The kinds of provision, named as legislation.gov.uk cites them."""

    PART = "part"
    CROSSHEADING = "crossheading"
    SECTION = "section"
    SUBSECTION = "subsection"
    PARAGRAPH = "paragraph"
    SUBPARAGRAPH = "subparagraph"
    SCHEDULE = "schedule"
    SCHEDULE_PARAGRAPH = "schedule-paragraph"
    SCHEDULE_SUBPARAGRAPH = "schedule-subparagraph"

    @property
    def transparent(self) -> bool:
        """True for groupings that citations skip over ("s. 6", not "Pt. 1 s. 6")."""
        return self in (Kind.PART, Kind.CROSSHEADING)

    @property
    def bracketed(self) -> bool:
        """True for levels printed and cited in brackets: (1), (a), (i)."""
        return self in _BRACKETED

    @property
    def style(self) -> Style | None:
        """How provisions of this kind are numbered (None: unnumbered, or any style)."""
        return _STYLES.get(self)


_BRACKETED = frozenset({Kind.SUBSECTION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH,
                        Kind.SCHEDULE_SUBPARAGRAPH})
_STYLES = {
    Kind.SECTION: Style.NUMBER,
    Kind.SUBSECTION: Style.NUMBER,
    Kind.PARAGRAPH: Style.ALPHA,
    Kind.SUBPARAGRAPH: Style.ROMAN,
    Kind.SCHEDULE: Style.NUMBER,
    Kind.SCHEDULE_PARAGRAPH: Style.NUMBER,
    Kind.SCHEDULE_SUBPARAGRAPH: Style.NUMBER,
}

ROOT_CHILDREN = frozenset({Kind.PART, Kind.CROSSHEADING, Kind.SECTION, Kind.SCHEDULE})
ALLOWED_CHILDREN: dict[Kind, frozenset[Kind]] = {
    Kind.PART: frozenset({Kind.CROSSHEADING, Kind.SECTION, Kind.SCHEDULE_PARAGRAPH}),
    Kind.CROSSHEADING: frozenset({Kind.SECTION, Kind.SCHEDULE_PARAGRAPH}),
    Kind.SECTION: frozenset({Kind.SUBSECTION, Kind.PARAGRAPH}),
    Kind.SUBSECTION: frozenset({Kind.PARAGRAPH}),
    Kind.PARAGRAPH: frozenset({Kind.SUBPARAGRAPH}),
    Kind.SUBPARAGRAPH: frozenset(),
    Kind.SCHEDULE: frozenset({Kind.PART, Kind.CROSSHEADING, Kind.SCHEDULE_PARAGRAPH}),
    Kind.SCHEDULE_PARAGRAPH: frozenset({Kind.SCHEDULE_SUBPARAGRAPH, Kind.PARAGRAPH}),
    Kind.SCHEDULE_SUBPARAGRAPH: frozenset({Kind.PARAGRAPH}),
}
TABLE_PARENTS = frozenset({Kind.SCHEDULE, Kind.SCHEDULE_PARAGRAPH, Kind.SECTION, Kind.SUBSECTION})


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _clean(value: str | None) -> str | None:
    """Reject text that could not round-trip through the formats."""
    if value is not None and not isinstance(value, str):
        raise InvalidStatute(f"text must be a string, not {value!r}")
    if value is not None and (value != value.strip() or "\n" in value or "  " in value):
        raise InvalidStatute(f"text must be a single line without stray spaces: {value!r}")
    return value


@attrs.frozen(slots=True)
class Row:
    """A table row; ``cells`` are plain text.  The first cell names the entry."""

    cells: tuple[str, ...] = attrs.field(converter=_strs)
    header: bool = False

    def __attrs_post_init__(self) -> None:
        if not self.cells:
            raise InvalidStatute("a table row needs at least one cell")
        for cell in self.cells:
            _clean(cell)

    @property
    def entry(self) -> str:
        """The text that names this row in an amendment ("the entry for …")."""
        return self.cells[0]


def _rows(value: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Table:
    """A table of rows, e.g. the two-column Schedule 1 of the 1970 Act."""

    rows: tuple[Row, ...] = attrs.field(converter=_rows)

    def __attrs_post_init__(self) -> None:
        widths = {len(r.cells) for r in self.rows}
        if len(widths) > 1:
            raise InvalidStatute(f"table rows have different numbers of cells: {sorted(widths)}")


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

    def __attrs_post_init__(self) -> None:
        if self.how not in ("repealed", "omitted"):
            raise InvalidStatute(f"Omitted.how must be 'repealed' or 'omitted', not {self.how!r}")
        _check_num(self.kind, self.num)


def _check_num(kind: Kind, num: Designation | None) -> None:
    if num is None:
        if kind not in (Kind.CROSSHEADING,):
            raise InvalidStatute(f"a {kind.value} needs a number")
        return
    if kind is Kind.CROSSHEADING:
        raise InvalidStatute("a cross-heading has no number")
    style = kind.style
    if style is not None and num.style is not style:
        raise InvalidStatute(f"a {kind.value} is numbered in {style.value} style, "
                             f"not {num.style.value} ({num.value!r})")


Node = Union["Provision", Omitted, Table]


def to_nodes(value: Iterable[Node]) -> tuple[Node, ...]:
    """Converter: any iterable of nodes as a tuple."""
    return tuple(value)


Path = tuple[int, ...]
LookupKey = tuple[Kind, str]


def _node_kind(node: Node) -> Kind | None:
    return None if isinstance(node, Table) else node.kind


def _validate_children(parent: Kind | None, children: tuple[Node, ...]) -> None:
    allowed = ROOT_CHILDREN if parent is None else ALLOWED_CHILDREN[parent]
    where = "an Act" if parent is None else f"a {parent.value}"
    last: dict[Kind, Designation] = {}
    for child in children:
        if isinstance(child, Table):
            if parent not in TABLE_PARENTS:
                raise InvalidStatute(f"{where} cannot hold a table")
            continue
        if not isinstance(child, (Provision, Omitted)):
            raise InvalidStatute(f"{where} cannot hold {type(child).__name__}")
        if child.kind not in allowed:
            raise InvalidStatute(f"{where} cannot hold a {child.kind.value}")
        if child.num is None:
            continue
        previous = last.get(child.kind)
        if previous is not None and previous == child.num:
            raise InvalidStatute(f"{where} holds two of {child.kind.value} {child.num}")
        if previous is not None and not previous < child.num:
            raise InvalidStatute(f"{where}: {child.kind.value} {child.num} stands after "
                                 f"{child.kind.value} {previous} but must come before it in "
                                 f"designation order")
        last[child.kind] = child.num


class _Container:
    """Shared behaviour of :class:`Act` and :class:`Provision`: children and lookup."""

    __slots__ = ()
    children: tuple[Node, ...]
    _lookup: dict[LookupKey, Path] | None

    def lookup(self) -> dict[LookupKey, Path]:
        """Map (kind, number) to the index path of every provision findable from here.

        Children are findable, and so are the descendants of transparent
        children (Parts, cross-headings).  Built once per node.
        """
        table = self._lookup
        if table is None:
            table = {}
            _fill_lookup(table, self.children, ())
            object.__setattr__(self, "_lookup", table)
        return table

    def find(self, kind: Kind, num: Designation) -> Path | None:
        """The relative index path of the provision with this kind and number, or None."""
        return self.lookup().get((kind, num.value))

    def node_at(self, path: Path) -> Node:
        """The node at an index path below this one (``()`` is invalid: use self)."""
        node: Node | _Container = self
        for i in path:
            if not isinstance(node, _Container):
                raise IndexError(f"path {path} runs through a leaf")
            node = node.children[i]
        assert not isinstance(node, _Container) or isinstance(node, Provision)
        return node


def _fill_lookup(table: dict[LookupKey, Path], children: tuple[Node, ...], prefix: Path) -> None:
    for i, child in enumerate(children):
        if isinstance(child, Table):
            continue
        path = (*prefix, i)
        if child.num is not None:
            key = (child.kind, child.num.value)
            if key in table:
                raise InvalidStatute(f"two provisions are numbered {child.kind.value} {child.num}")
            table[key] = path
        if isinstance(child, Provision) and child.kind.transparent:
            _fill_lookup(table, child.children, path)


def _clean_text(value: str | None) -> str | None:
    """Provision text: as :func:`_clean`, and never empty (no words is None)."""
    if value is not None and not any(ch.isalnum() for ch in value):
        raise InvalidStatute(f"a provision's text needs words, not {value!r}: leave it out, or "
                             f"omit the provision instead of all of its words")
    return _clean(value)


@attrs.frozen(slots=True, repr=False)
class Provision(_Container):
    """A numbered (or, for cross-headings, headed) provision and its children.

    ``text`` is the provision's own words: the whole content of a leaf, or the
    opening words before its children.  ``wrap_up`` holds closing words after
    the children.  Children are ordered by designation.
    """

    kind: Kind
    num: Designation | None
    heading: str | None = attrs.field(default=None, converter=_clean_text)
    text: str | None = attrs.field(default=None, converter=_clean_text)
    children: tuple[Node, ...] = attrs.field(default=(), converter=to_nodes)
    wrap_up: str | None = attrs.field(default=None, converter=_clean_text)
    _lookup: dict[LookupKey, Path] | None = attrs.field(
        default=None, init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _check_num(self.kind, self.num)
        if self.wrap_up is not None and not self.children:
            raise InvalidStatute(f"{self.label()}: closing words need children before them")
        if self.text is None and self.heading is None and not self.children:
            raise InvalidStatute(f"{self.label()} has no words, heading or children")
        _validate_children(self.kind, self.children)

    def label(self) -> str:
        """A short human label, e.g. "section 6", "paragraph (za)", "cross-heading"."""
        if self.num is None:
            return f"cross-heading {self.heading!r}" if self.heading else "cross-heading"
        return f"{self.kind.value} {self.num}"

    def __repr__(self) -> str:
        return f"<Provision {self.label()} ({len(self.children)} children)>"

    def with_children(self, children: tuple[Node, ...]) -> Provision:
        """This provision with other children (validated)."""
        return attrs.evolve(self, children=children)

    def with_text(self, field: str, text: str) -> Provision:
        """This provision with its ``"text"`` or ``"wrap_up"`` replaced (children shared, lookup kept)."""
        if field not in ("text", "wrap_up"):
            raise ValueError(f"no text field {field!r}")
        _clean_text(text)
        new = object.__new__(Provision)
        for name in ("kind", "num", "heading", "text", "children", "wrap_up", "_lookup"):
            object.__setattr__(new, name, getattr(self, name))
        object.__setattr__(new, field, text)
        return new

    def _with_child_trusted(self, index: int, child: Node, keep_lookup: bool) -> Provision:
        """Replace one child by a node of the same kind and number, skipping validation."""
        new = object.__new__(Provision)
        for name in ("kind", "num", "heading", "text", "wrap_up"):
            object.__setattr__(new, name, getattr(self, name))
        kids = self.children
        object.__setattr__(new, "children", (*kids[:index], child, *kids[index + 1:]))
        object.__setattr__(new, "_lookup", self._lookup if keep_lookup else None)
        return new


def _same_slot(old: Node, new: Node) -> bool:
    if isinstance(old, Table) or isinstance(new, Table):
        return isinstance(old, Table) and isinstance(new, Table)
    return old.kind is new.kind and old.num == new.num


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


@attrs.frozen(slots=True)
class ActInfo:
    """Identity and provenance of an Act text.

    ``work`` is the legislation.gov.uk-style identifier ("ukpga/1970/42");
    ``version_date`` the date the text speaks from; ``extract`` is True when
    only some provisions are held, explained by ``extract_note``.
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

    @property
    def citation(self) -> str:
        """e.g. "Local Authority Social Services Act 1970 (c. 42)"."""
        return f"{self.title} ({self.chapter})"

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


@attrs.frozen(slots=True, repr=False)
class Act(_Container):
    """An Act: its identity and its top-level provisions (Parts, sections, Schedules)."""

    info: ActInfo
    children: tuple[Node, ...] = attrs.field(default=(), converter=to_nodes)
    _lookup: dict[LookupKey, Path] | None = attrs.field(
        default=None, init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _validate_children(None, self.children)

    def __repr__(self) -> str:
        return f"<Act {self.info.citation} ({len(self.children)} top-level provisions)>"

    def replace_node(self, path: Path, new: Node) -> Act:
        """A new Act with the node at ``path`` replaced by ``new``.

        ``new`` must have the same kind and number as the node it replaces (use
        :meth:`replace_children` to change structure).  Every subtree off the
        path is shared with this Act.
        """
        if not path:
            raise ValueError("the root is not a node; build a new Act instead")
        old = self.node_at(path)
        if not _same_slot(old, new):
            raise InvalidStatute("replace_node keeps kind and number; use replace_children")
        structural = isinstance(old, Provision) and old.kind.transparent and (
            not isinstance(new, Provision) or new.lookup() != old.lookup())
        return self._rebuild(path, new, structural)

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
        new_kids = (*kids[:start], *nodes, *kids[end:])
        if isinstance(parent, Act):
            act = attrs.evolve(self, children=new_kids)
            act.lookup()  # detect duplicates now, not at the next lookup
            return act
        new_parent = parent.with_children(new_kids)
        new_parent.lookup()
        return self._rebuild(path, new_parent, structural=new_parent.kind.transparent)

    def _rebuild(self, path: Path, new: Node, structural: bool) -> Act:
        # Walk down collecting ancestors, then rebuild upwards.
        ancestors: list[Provision] = []
        node: _Container = self
        for i in path[:-1]:
            child = node.children[i]
            assert isinstance(child, Provision)
            ancestors.append(child)
            node = child
        replacement: Node = new
        for depth in range(len(path) - 1, 0, -1):
            holder = ancestors[depth - 1]
            replacement = holder._with_child_trusted(path[depth], replacement,
                                                     keep_lookup=not structural)
            structural = structural and holder.kind.transparent
        kids = self.children
        i = path[0]
        act = object.__new__(Act)
        object.__setattr__(act, "info", self.info)
        object.__setattr__(act, "children", (*kids[:i], replacement, *kids[i + 1:]))
        object.__setattr__(act, "_lookup", None if structural else self._lookup)
        if structural:
            act.lookup()
        return act

    def with_info(self, info: ActInfo) -> Act:
        """The same provisions under other metadata (children are shared)."""
        return attrs.evolve(self, info=info)

    def walk(self) -> Iterator[tuple[Path, Node]]:
        """Every node with its index path, in document order (parents before children)."""
        stack: list[tuple[Path, Node]] = [((i,), c) for i, c in enumerate(self.children)]
        stack.reverse()
        while stack:
            path, node = stack.pop()
            yield path, node
            if isinstance(node, Provision):
                stack.extend(((*path, i), c) for i, c in reversed(list(enumerate(node.children))))
