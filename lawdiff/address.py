"""Addresses of provisions: legislation.gov.uk citations and Akoma Ntoso eIds.

An :class:`Address` is a path of (kind, number) steps from the Act down, with
Parts and cross-headings left out as citations leave them out, and optionally
a table entry ("the entry for …") at the end.  It prints and parses both
forms:

>>> a = Address.parse("s. 2(6)(za)")
>>> a.eid
'sec_2__subsec_6__para_za'
>>> str(Address.from_eid("sched_1__para_2__subpara_3"))
'Sch. 1 para. 2(3)'

:func:`resolve` finds the addressed node in an Act or raises
:class:`~lawdiff.errors.ProvisionNotFound` naming the nearest provisions that
do exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidAddress, InvalidDesignation, InvalidStatute, ProvisionNotFound
from lawdiff.model import (
    ALLOWED_CHILDREN,
    AMBIGUOUS,
    ROOT_CHILDREN,
    Act,
    Kind,
    Node,
    Omitted,
    Opaque,
    Path,
    Provision,
    Table,
    _Container,
)

EID_PREFIX = {
    Kind.GROUP: "group",
    Kind.PART: "part",
    Kind.CHAPTER: "chp",
    Kind.SECTION: "sec",
    Kind.ARTICLE: "art",
    Kind.REGULATION: "reg",
    Kind.RULE: "rule",
    Kind.SUBSECTION: "subsec",
    Kind.NUMBERED_PARAGRAPH: "para",
    Kind.PARAGRAPH: "para",
    Kind.SUBPARAGRAPH: "subpara",
    Kind.CLAUSE: "clause",
    Kind.SUBCLAUSE: "subclause",
    Kind.SCHEDULE: "sched",
    Kind.APPENDIX: "app",
    Kind.ANNEX: "annex",
    Kind.SCHEDULE_PARAGRAPH: "para",
    Kind.SCHEDULE_SUBPARAGRAPH: "subpara",
    Kind.ITEM: "item",
}
_PRIMARY = (Kind.ARTICLE, Kind.REGULATION, Kind.RULE)


def child_kind(parent: Kind | None, style: Style, bracketed: bool = True) -> Kind:
    """The kind of a bracketed number under ``parent``: "(6)" under a section is a subsection.

    Raises InvalidAddress when such a number cannot stand there.
    """
    if parent in (Kind.SECTION,):
        if style is Style.NUMBER:
            return Kind.SUBSECTION
        if style is Style.ALPHA:
            return Kind.PARAGRAPH
    elif parent in _PRIMARY:
        if style is Style.NUMBER:
            return Kind.NUMBERED_PARAGRAPH
        if style is Style.ALPHA:
            return Kind.PARAGRAPH
    elif parent in (Kind.SUBSECTION, Kind.SCHEDULE_SUBPARAGRAPH, Kind.NUMBERED_PARAGRAPH):
        if style is Style.ALPHA:
            return Kind.PARAGRAPH
    elif parent is Kind.PARAGRAPH:
        if style in (Style.ROMAN, Style.ALPHA):
            return Kind.SUBPARAGRAPH
    elif parent is Kind.SUBPARAGRAPH:
        return Kind.CLAUSE
    elif parent in (Kind.CLAUSE, Kind.SUBCLAUSE):
        return Kind.SUBCLAUSE
    elif parent is Kind.SCHEDULE_PARAGRAPH:
        if style is Style.NUMBER:
            return Kind.SCHEDULE_SUBPARAGRAPH
        if style is Style.ALPHA:
            return Kind.PARAGRAPH
    where = parent.value if parent else "an Act"
    raise InvalidAddress(f"a {style.value}-numbered provision cannot stand directly under {where}")


@attrs.frozen(slots=True)
class Step:
    """One level of an address: a kind and a number."""

    kind: Kind
    num: Designation


def _normalise_entry(text: str) -> str:
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"')
    return " ".join(text.replace("\u201d", '"').split())


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(value)


@attrs.frozen(slots=True)
class Address:
    """Where a provision (or a table entry in it) is, independent of any one Act's layout."""

    steps: tuple[Step, ...] = attrs.field(converter=_steps)
    entry: str | None = None
    #: True when ``entry`` is how the entry begins ("the entry beginning “X”"), not its
    #: whole first column: the one entry beginning so is meant.
    entry_beginning: bool = False

    def __attrs_post_init__(self) -> None:
        parent: Kind | None = None
        for step in self.steps:
            if step.kind is Kind.CROSSHEADING:
                raise InvalidAddress("cross-headings cannot be addressed")
            allowed = ROOT_CHILDREN if parent is None else ALLOWED_CHILDREN[parent]
            if step.kind not in allowed:
                # Real texts put numbered paragraphs inside unnumbered content (a paragraph
                # of text holding (a), (b) …), which citations pass over.
                if not (step.kind.bracketed and Kind.BLOCK in allowed):
                    raise InvalidAddress(f"a {step.kind.value} cannot stand under "
                                         f"{'a ' + parent.value if parent else 'an Act'}")
            elif step.kind.bracketed and step.num.style is not Style.OTHER and child_kind(
                    parent, step.num.style) is not step.kind:
                raise InvalidAddress(f"a {step.kind.value} cannot stand under "
                                     f"{parent.value if parent else 'an Act'}")
            parent = step.kind
        if self.entry is not None and not self.steps:
            raise InvalidAddress("a table entry needs the provision that holds the table")
        if self.entry_beginning and self.entry is None:
            raise InvalidAddress("entry_beginning goes with the words an entry begins with")

    # --- reading -------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Address:
        """Read a citation: "s. 6(A1)", "s. 2(6)(za)", "Sch. 1", "Sch. 1 para. 2(3)(a)",
        "Pt. 2", "Sch. 1 entry for “X”", "Sch. 1 entry beginning “X”", or the long forms "section 6(1)",
        "Schedule 1 paragraph 2".  An eId ("sec_6__subsec_A1") is accepted too.
        The empty string is the whole Act.  Raises InvalidAddress.
        """
        source = text
        text = " ".join(text.split())
        if text and "_" in text and " " not in text:
            return cls.from_eid(text)
        steps: list[Step] = []
        entry: str | None = None
        beginning = False
        pos = 0
        in_schedule = False
        while pos < len(text):
            m = _HEAD_RE.match(text, pos)
            if m is None:
                raise InvalidAddress(f"cannot read the address {source!r} at {text[pos:]!r}")
            word = m.group("word").lower().rstrip(".")
            pos = m.end()
            if word == "entry":
                if m.group("entry") is None:
                    raise InvalidAddress(f"cannot read the address {source!r}: a table entry is "
                                         f"cited by its first column in quotation marks, "
                                         f"e.g. Sch. 1 entry for \u201cSections 6 and 7B\u201d")
                entry = " ".join(m.group("entry").split())
                beginning = m.group("beg") is not None
                if pos != len(text):
                    raise InvalidAddress(f"nothing may follow the entry in {source!r}")
                break
            kind = _WORDS[word]
            if kind in (Kind.SECTION, *_PRIMARY) and (in_schedule or steps) and not all(
                    s.kind.transparent for s in steps):
                raise InvalidAddress(f"a {kind.value} cannot stand inside another provision: "
                                     f"{source!r}")
            if kind is Kind.SCHEDULE_PARAGRAPH and not in_schedule:
                raise InvalidAddress(f"'para.' needs a Schedule before it: {source!r}")
            if kind in (Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX):
                in_schedule = True
            num = m.group("num")
            try:
                steps.append(Step(kind, Designation.parse(num, kind.style or _guess_style(num))))
            except InvalidDesignation as exc:
                raise InvalidAddress(f"cannot read the address {source!r}: {exc}") from None
            while pos < len(text) and text[pos] == "(":
                close = text.find(")", pos)
                if close < 0:
                    raise InvalidAddress(f"unclosed bracket in {source!r}")
                raw = text[pos + 1:close]
                parent = steps[-1].kind
                style = _bracket_style(parent, raw)
                try:
                    num_d = Designation.parse(raw, style)
                    steps.append(Step(child_kind(parent, style), num_d))
                except (InvalidDesignation, InvalidAddress) as exc:
                    raise InvalidAddress(f"cannot read the address {source!r}: {exc}") from None
                pos = close + 1
            while pos < len(text) and text[pos] == " ":
                pos += 1
        return cls(tuple(steps), entry, beginning)

    @classmethod
    def from_eid(cls, eid: str) -> Address:
        """Read an Akoma Ntoso eId such as "sec_2__subsec_6__para_za" or "sched_1__para_2"."""
        steps: list[Step] = []
        for part in eid.split("__"):
            prefix, sep, value = part.partition("_")
            if not sep or not value:
                raise InvalidAddress(f"cannot read eId {eid!r} at {part!r}")
            parent = steps[-1].kind if steps else None
            in_schedule = any(s.kind in (Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX) for s in steps)
            kind = _eid_kind(prefix, parent, in_schedule, eid)
            style = kind.style or _guess_style(value)
            if kind.bracketed or (kind is Kind.PARAGRAPH and parent is not None):
                style = _bracket_style(parent, value) if parent else style
                kind = child_kind(parent, style)
            try:
                steps.append(Step(kind, Designation.parse(value, style)))
            except InvalidDesignation as exc:
                raise InvalidAddress(f"in eId {eid!r}: {exc}") from None
        return cls(tuple(steps))

    # --- printing ------------------------------------------------------------------------

    def __str__(self) -> str:
        out = ""
        for step in self.steps:
            kind = step.kind
            if kind in _BRACKETED:
                out += f"({step.num})"
                continue
            out += f"{' ' if out else ''}{_CITE_WORD[kind]} {step.num}"
        if self.entry is not None:
            how = "beginning" if self.entry_beginning else "for"
            out += f" entry {how} \u201c{self.entry}\u201d"
        return out

    @property
    def eid(self) -> str:
        """The Akoma Ntoso eId ("sec_6__subsec_A1"); a table entry has none."""
        if self.entry is not None:
            raise InvalidAddress(f"{self} is a table entry, which has no eId")
        return "__".join(f"{EID_PREFIX[s.kind]}_{s.num}" for s in self.steps)

    def child(self, kind: Kind, num: Designation) -> Address:
        """The address of a provision directly below this one."""
        return Address((*self.steps, Step(kind, num)))

    @property
    def parent(self) -> Address:
        """The address one level up (the entry dropped first, if any)."""
        if self.entry is not None:
            return Address(self.steps)
        if not self.steps:
            raise InvalidAddress("the whole Act has no parent")
        return Address(self.steps[:-1])


_BRACKETED = frozenset(kind for kind in Kind if kind.bracketed)
_CITE_WORD = {Kind.SECTION: "s.", Kind.SCHEDULE: "Sch.", Kind.PART: "Pt.",
              Kind.SCHEDULE_PARAGRAPH: "para.", Kind.ARTICLE: "art.", Kind.REGULATION: "reg.",
              Kind.RULE: "r.", Kind.CHAPTER: "Ch.", Kind.GROUP: "Group", Kind.APPENDIX: "App.",
              Kind.ANNEX: "Annex"}
_HEAD_RE = re.compile(
    r"(?P<word>s\.|sch\.|pt\.|para\.|art\.|reg\.|r\.|ch\.|app\.|section|schedule|part|"
    r"paragraph|article|regulation|rule|chapter|group|appendix|annex|entry)\s*"
    r"(?:(?:for|(?P<beg>beginning))\s+[\u201c\"](?P<entry>[^\u201d\"]+)[\u201d\"]"
    r"|(?P<num>[0-9A-Za-z]+))",
    re.IGNORECASE)
_WORDS = {"s": Kind.SECTION, "section": Kind.SECTION, "sch": Kind.SCHEDULE,
          "schedule": Kind.SCHEDULE, "pt": Kind.PART, "part": Kind.PART,
          "para": Kind.SCHEDULE_PARAGRAPH, "paragraph": Kind.SCHEDULE_PARAGRAPH,
          "art": Kind.ARTICLE, "article": Kind.ARTICLE, "reg": Kind.REGULATION,
          "regulation": Kind.REGULATION, "r": Kind.RULE, "rule": Kind.RULE,
          "ch": Kind.CHAPTER, "chapter": Kind.CHAPTER, "group": Kind.GROUP,
          "app": Kind.APPENDIX, "appendix": Kind.APPENDIX, "annex": Kind.ANNEX}


def _guess_style(value: str) -> Style:
    if any(c.isdigit() for c in value):
        return Style.NUMBER
    return Style.UPPER_ROMAN if value.isupper() else Style.ALPHA


def _bracket_style(parent: Kind | None, raw: str) -> Style:
    """How a bracketed number under ``parent`` is numbered: digits, roman under a paragraph, else letters."""
    raw = raw.strip()
    if any(c.isdigit() for c in raw):
        return Style.NUMBER
    if parent is Kind.PARAGRAPH:
        return Style.ROMAN
    if parent in (Kind.SUBPARAGRAPH, Kind.CLAUSE) and raw.isupper():
        return Style.UPPER_ALPHA
    return Style.ALPHA


def _eid_kind(prefix: str, parent: Kind | None, in_schedule: bool, eid: str) -> Kind:
    """The kind an eId component names, given its parent and whether a Schedule is above it."""
    table = {
        "part": Kind.PART, "sec": Kind.SECTION, "sched": Kind.SCHEDULE,
        "subsec": Kind.SUBSECTION, "chp": Kind.CHAPTER, "group": Kind.GROUP,
        "art": Kind.ARTICLE, "reg": Kind.REGULATION, "rule": Kind.RULE,
        "app": Kind.APPENDIX, "annex": Kind.ANNEX,
        "para": Kind.SCHEDULE_PARAGRAPH if (
            parent in (Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX) or (
                parent is not None and parent.transparent and in_schedule))
        else Kind.NUMBERED_PARAGRAPH if parent in _PRIMARY else Kind.PARAGRAPH,
        "subpara": Kind.SCHEDULE_SUBPARAGRAPH if parent is Kind.SCHEDULE_PARAGRAPH
        else Kind.SUBPARAGRAPH,
        "clause": Kind.CLAUSE, "subclause": Kind.SUBCLAUSE,
    }
    if prefix not in table:
        raise InvalidAddress(f"unknown eId component {prefix!r} in {eid!r}")
    return table[prefix]


@attrs.frozen(slots=True)
class Location:
    """A resolved address: the index path in one Act, the node there, and the row for an entry."""

    address: Address
    path: Path
    node: Node
    row: int | None = None


def nearest_existing(container: _Container, kind: Kind, num: Designation, base: Address
                     ) -> list[str]:
    """Citations of the provisions of ``kind`` just below and above ``num`` among ``container``'s.

    ``base`` is the container's address.  Parts and cross-headings are looked
    through; at most two citations, the lower first.
    """
    siblings = [c.num for c in _findable(container) if c.kind is kind and c.num is not None]
    siblings = [d for d in siblings if d.style is num.style]
    below = [d for d in siblings if d < num]
    above = [d for d in siblings if num < d]
    out = []
    for d in (max(below, key=lambda d: d.key) if below else None,
              min(above, key=lambda d: d.key) if above else None):
        if d is not None:
            out.append(_join(base, kind, d))
    return out


def _findable(container: _Container) -> list[Provision | Omitted]:
    out: list[Provision | Omitted] = []
    for child in container.children:
        if isinstance(child, (Table, Opaque)):
            continue
        if not child.kind.content:
            out.append(child)
        if isinstance(child, Provision) and (child.kind.transparent or child.kind.content):
            out.extend(_findable(child))
    return out


def _holders(container: _Container, kind: Kind, num: Designation, base: Address) -> list[str]:
    """Citations of the groupings below ``container`` that each hold ``kind`` ``num``."""
    out: list[str] = []

    def visit(node: _Container, trail: Address) -> None:
        for child in node.children:
            if not isinstance(child, Provision):
                continue
            if child.kind is kind and child.num == num:
                out.append(str(trail) if trail.steps else "the Act")
            elif child.kind.transparent:
                here = trail.child(child.kind, child.num) if child.num is not None else trail
                visit(child, here)
    visit(container, base)
    return out


def _join(base: Address, kind: Kind, num: Designation) -> str:
    return str(base.child(kind, num))


def resolve(act: Act, address: Address) -> Location:
    """Find the node an address names.

    Raises ProvisionNotFound naming the nearest existing provisions at the
    level where the search failed, and InvalidAddress if the address runs
    through an omitted provision or names an entry where there is no table.
    """
    container: _Container = act
    path: Path = ()
    node: Node | None = None
    for depth, step in enumerate(address.steps):
        hit = container._locate((step.kind, step.num.value))
        if hit is not None and hit[0] == AMBIGUOUS:
            done = Address(address.steps[:depth])
            holders = _holders(container, step.kind, step.num, done)
            raise ProvisionNotFound(f"{address} is ambiguous: {step.kind.value} {step.num} "
                                    f"stands in {' and in '.join(holders)}; cite it through "
                                    f"the grouping that holds it", address=str(address),
                                    nearest=holders)
        if hit is None:
            done = Address(address.steps[:depth])
            nearest = nearest_existing(container, step.kind, step.num, done)
            where = f" in {done}" if done.steps else ""
            raise ProvisionNotFound(f"{address} does not exist: there is no {step.kind.value} "
                                    f"{step.num}{where}", address=str(address), nearest=nearest)
        rel, node = hit
        path = (*path, *rel)
        if depth + 1 < len(address.steps) or address.entry is not None:
            if isinstance(node, Omitted):
                raise ProvisionNotFound(f"{address} does not exist: {Address(address.steps[:depth + 1])}"
                                        f" is {node.how}", address=str(address))
            assert isinstance(node, Provision)
            container = node
    if node is None:
        raise InvalidAddress("the empty address names the whole Act, not a provision")
    if address.entry is None:
        return Location(address, path, node)
    assert isinstance(node, Provision)
    wanted = _normalise_entry(address.entry)
    found: list[tuple[int, int]] = []
    entries: list[str] = []
    for i, child in enumerate(node.children):
        if isinstance(child, Table):
            for r, row in enumerate(child.rows):
                if row.header:
                    continue
                entries.append(row.entry)
                have = _normalise_entry(row.entry)
                if have == wanted or (address.entry_beginning and _begins(have, wanted)):
                    found.append((i, r))
    how = "beginning" if address.entry_beginning else "for"
    if not found:
        raise ProvisionNotFound(f"{address} does not exist: no entry {how} "
                                f"\u201c{address.entry}\u201d", address=str(address),
                                nearest=[f"entry for \u201c{e}\u201d" for e in entries[:5]])
    if len(found) > 1:
        verb = "begin with" if address.entry_beginning else "read"
        places = "; ".join(f"\u201c{node.children[i].rows[r].entry}\u201d"  # type: ignore[union-attr]
                           for i, r in found)
        raise ProvisionNotFound(f"{address} is ambiguous: {len(found)} entries {verb} "
                                f"\u201c{address.entry}\u201d: {places}", address=str(address))
    table_index, row_index = found[0]
    return Location(address, (*path, table_index), node.children[table_index], row_index)


def _begins(entry: str, words: str) -> bool:
    """Whether ``entry`` begins with ``words`` on a word boundary (quotes folded)."""
    return entry.startswith(words) and (len(entry) == len(words) or not (
        words[-1].isalnum() and entry[len(words)].isalnum()))


def address_of(act: Act, path: Path) -> Address:
    """The citation address of the node at ``path``.

    Parts and cross-headings on the way are skipped, as citations skip them,
    unless the provision's number is shared by provisions in other groupings
    below the same provision (schedule paragraphs numbered afresh in each
    Part): then the groupings are cited too ("Sch. 1 Pt. 2 para. 1").  A Part
    at the end of the path is kept ("Pt. 2").  A table's address is that of
    the provision holding it.
    """
    steps: list[Step] = []
    node: _Container = act
    scope: _Container = act  # the nearest cited container: its lookup decides ambiguity
    groupings: list[Step] = []
    for depth, i in enumerate(path):
        child = node.children[i]
        if isinstance(child, (Table, Opaque)):
            break
        last = depth == len(path) - 1
        if child.num is not None and not child.kind.content:
            if child.kind.transparent and not last:
                groupings.append(Step(child.kind, child.num))
            else:
                if groupings and scope.find(child.kind, child.num) == AMBIGUOUS:
                    steps.extend(groupings)
                steps.append(Step(child.kind, child.num))
                groupings = []
                if isinstance(child, Provision):
                    scope = child
        if not isinstance(child, Provision):
            break
        node = child
    try:
        return Address(tuple(steps))
    except InvalidAddress as exc:  # pragma: no cover - the model forbids such trees
        raise InvalidStatute(str(exc)) from None
