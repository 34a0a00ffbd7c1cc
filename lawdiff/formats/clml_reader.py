"""Reading CLML (legislation.gov.uk's XML) into the model, lazily and without loss.

Every element of a CLML document ends up in the model: the legal structure
(Parts, Chapters, cross-headings, sections/articles/regulations/rules,
Schedules and their numbered levels P1-P7, unnumbered paragraphs and lists,
tables) as nodes; inline markup as marks on the words (:mod:`lawdiff.inline`);
each element's attributes as the node's ``extras``; the rest -- prelims,
formulae, figures, quoted structures of an amending instrument, signatures,
explanatory notes, footnotes, the table of contents, anything unknown -- as
:class:`~lawdiff.model.Opaque` content kept verbatim.  Non-white-space text
where CLML allows none is refused with its line, never dropped.

Children are read on first use: reading a large Act parses it once and
builds objects only for the provisions a caller walks into (see
:class:`~lawdiff.model.SourceRef`).  White space inside text is collapsed as
legislation.gov.uk prints it.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from lxml import etree

from lawdiff.address import child_kind
from lawdiff.codec import node_from_json
from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidAddress, InvalidDesignation, InvalidStatute, LawdiffError
from lawdiff.formats.clml_names import (
    DC,
    DCT,
    DOC_TYPES,
    GROUPING,
    ID_UNIT,
    LEVELS,
    MARK_OF,
    MATHML,
    MINOR_UNIT,
    NS,
    NUMBER_WORDS,
    PRIMARY_TYPES,
    UKM,
    XHTML,
    C,
)
from lawdiff.formats.jsondoc import parts_from_json
from lawdiff.formats.xml import InlineText, canonical, local, namespace, parse_xml
from lawdiff.inline import Mark, Marks, collapse_marked, collapse_space
from lawdiff.model import (
    Act,
    ActInfo,
    Commentary,
    Details,
    Extras,
    Kind,
    Node,
    Omitted,
    Opaque,
    Provision,
    Row,
    Table,
    check_kinds,
    read_node,
    unread_provision,
)

FORMAT = "clml"
LD = "urn:lawdiff:meta"
_CARRIED = f"{{{LD}}}opaque"
_LD_ID = f"{{{LD}}}id"
_ATOM = f"{{{LD}}}atom"
_CARRIED_TABLE = f"{{{LD}}}table"
_WORDS = f"{{{LD}}}words"
_LD_KIND = f"{{{LD}}}kind"
_LD_OMITTED = f"{{{LD}}}omitted"
_LD_NOTE = f"{{{LD}}}note"
_LEVEL_INDEX = {name: i for i, name in enumerate(LEVELS)}
_PARA_OF = {name: f"{name}para" for name in LEVELS}
_GROUP_OF = {name: f"{name}group" for name in LEVELS}
_ANNEX = {"Schedule": Kind.SCHEDULE, "Appendix": Kind.APPENDIX}
_ANNEX_BODY = {"Schedule": "ScheduleBody", "Appendix": "AppendixBody"}
_TEXT_BLOCKS = frozenset({"P", "Para", "BlockText"})
_LISTS = frozenset({"UnorderedList", "OrderedList"})
_MATH = f"{{{MATHML}}}math"


class ClmlSource:
    """Where a node was read from: its element, and how to read its details and children.

    ``element`` is what a verbatim copy takes (a section's P1group, say);
    ``build`` reads the node's details and the elements of its children
    (see :class:`_Built`) when they are first asked for.
    """

    __slots__ = ("build", "element", "in_annex", "items", "kind", "list_items", "reader", "shaped")
    fmt = FORMAT

    def __init__(self, element: etree._Element, reader: _Reader, kind: Kind | None,
                 in_annex: bool, build: Callable[[bool], _Built] | None = None,
                 items: tuple[etree._Element, ...] = ()) -> None:
        self.element = element
        self.reader = reader
        self.kind = kind
        self.in_annex = in_annex
        self.build = build
        self.items = items
        self.list_items = False
        self.shaped = build is None  # whether ``items`` (the children's elements) are known

    def read_details(self) -> Details:
        """The node's heading, text, closing words, marks and extras."""
        assert self.build is not None
        built = self.build(False)
        self.items, self.kind, self.list_items = built.items, built.kind, built.list_items
        self.shaped = True
        return built.details

    def read_children(self) -> tuple[Node, ...]:
        """The node's children, built from its child elements (of kinds that can stand there).

        Which elements they are is worked out without reading the node's own words.
        """
        if not self.shaped:
            assert self.build is not None
            built = self.build(True)
            self.items, self.list_items = built.items, built.list_items
            self.kind = built.kind or self.kind
            self.shaped = True
        if self.list_items:
            out: list[Node] = []
            for el in self.items:
                if local(el) == "ListItem" and namespace(el) == NS:
                    out.append(self.reader.item_stub(el, self.in_annex))
                else:
                    out.extend(self.reader.node(el, Kind.LIST, self.in_annex))
            kids = tuple(out)
        else:
            kids = tuple(self.reader.nodes(self.items, self.kind, self.in_annex))
        try:
            check_kinds(self.kind, kids)
        except InvalidStatute as exc:
            raise self.reader.fail(str(exc), self.element) from None
        return kids


class _Built:
    """What a reader works out about a provision's element: its kind and number, its details
    (heading, text, closing words, marks, extras) and the elements of its children."""

    __slots__ = ("details", "items", "kind", "list_items", "num")

    def __init__(self, kind: Kind | None, num: Designation | None, details: Details,
                 items: tuple[etree._Element, ...], list_items: bool = False) -> None:
        self.kind = kind
        self.num = num
        self.details = details
        self.items = items
        self.list_items = list_items


_SKIMMED: Details = (None, None, None, (), ())  # what a skimming build gives: never used


class _ActSource:
    """The body and Schedules of a CLML document, read on first use."""

    __slots__ = ("element", "items", "reader")
    fmt = FORMAT

    def __init__(self, element: etree._Element, reader: _Reader,
                 items: tuple[etree._Element, ...]) -> None:
        self.element = element
        self.reader = reader
        self.items = items

    def read_children(self) -> tuple[Node, ...]:
        kids = tuple(self.reader.nodes(self.items, None, False))
        try:
            check_kinds(None, kids)
        except InvalidStatute as exc:
            raise self.reader.fail(str(exc), self.element) from None
        return kids

    def read_details(self) -> Details:  # pragma: no cover - an Act has no details to read
        raise NotImplementedError


def is_clml(root: etree._Element) -> bool:
    """True when ``root`` is a CLML document (a ``Legislation`` element in the CLML namespace)."""
    return root.tag == f"{C}Legislation"


def read_clml(data: bytes, source: str = "<clml>") -> Act:
    """Read a CLML document (any legislation.gov.uk type, enacted/made or revised).

    Raises InvalidStatute (with the source and line) for XML that is
    malformed, unsafe, not CLML, or holds text where CLML allows none.
    """
    return act_from_element(parse_xml(data, source), source)


def act_from_element(root: etree._Element, source: str) -> Act:
    """Read a parsed CLML document (see :func:`read_clml`)."""
    if not is_clml(root):
        raise InvalidStatute(f"not a CLML document (root is {root.tag!s})", source=source,
                             line=root.sourceline)
    reader = _Reader(source)
    return reader.act(root)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.unit = Kind.SECTION  # the primary unit of the document's body
        # Designations are values: one per (printed number, kind, parent kind) serves all.
        self.designations: dict[tuple[str, Kind, Kind | None], tuple[Kind, Designation]] = {}

    def fail(self, message: str, el: etree._Element) -> InvalidStatute:
        return InvalidStatute(f"{message} (in <{local(el)}>)", source=self.source,
                              line=el.sourceline)

    # --- the document -----------------------------------------------------------------

    def act(self, root: etree._Element) -> Act:
        self.no_text(root)
        meta_el = root.find(f"{{{UKM}}}Metadata")
        info = self.info(root, meta_el)
        self.unit = self.primary_unit(root, info)
        layout: list[str] = []
        front: list[Node] = []
        back: list[Node] = []
        commentaries: tuple[Commentary, ...] = ()
        meta: list[Opaque] = []
        main: etree._Element | None = None
        carried, resources = _carried_model(root)
        for child in root:
            if not isinstance(child.tag, str) or child is carried:
                continue
            if child is resources:
                # Resources held only lawdiff's own; what else they hold is kept as it was.
                child = copy.deepcopy(child)
                for resource in child.findall(f"{C}Resource[@id='{MODEL_RESOURCE}']"):
                    child.remove(resource)
                if not len(child):
                    continue
            name = local(child)
            ns = namespace(child)
            layout.append(_qualified(child))
            if ns == UKM and name == "Metadata":
                meta.append(self.opaque(child, "metadata"))
            elif ns == NS and name in ("Primary", "Secondary", "EURetained"):
                main = child
            elif ns == NS and name == "Commentaries":
                commentaries = tuple(self.commentary(c) for c in child if isinstance(c.tag, str))
                self.no_text(child)
            elif main is None:
                front.append(self.opaque(child, name))
            else:
                back.append(self.opaque(child, name))
        if main is None:
            raise self.fail("a CLML document needs a Primary, Secondary or EURetained part", root)
        self.no_text(main)
        items: list[etree._Element] = []
        main_layout: list[str] = []
        in_body = False
        after_body: list[Node] = []
        schedules_extras: list[tuple[str, str]] = []
        for child in main:
            if not isinstance(child.tag, str):
                continue
            name = local(child)
            main_layout.append(_qualified(child))
            if namespace(child) == NS and name in ("Body", "EUBody"):
                self.no_text(child)
                items.extend(c for c in child if isinstance(c.tag, str))
                in_body = True
            elif namespace(child) == NS and name == "Schedules":
                self.no_text(child)
                schedules_extras.extend((f"Schedules/{k}", v) for k, v in _attrs(child))
                for part in child:
                    if isinstance(part.tag, str) and local(part) == "Title" and namespace(
                            part) == NS:
                        schedules_extras.append(("Schedules/Title@xml",
                                                 canonical(part).decode("utf-8")))
                    elif isinstance(part.tag, str):
                        items.append(part)
            elif not in_body:
                front.append(self.opaque(child, name))
            else:
                after_body.append(self.opaque(child, name))
        extras = [*_attrs(root), ("@layout", " ".join(layout)),
                  ("@main", _qualified(main)), ("@main-layout", " ".join(main_layout)),
                  *((f"{local(main)}/{k}", v) for k, v in _attrs(main))]
        body = main.find(f"{C}Body") if main.find(f"{C}Body") is not None else main.find(
            f"{C}EUBody")
        if body is not None:
            extras.extend((f"Body/{k}", v) for k, v in _attrs(body))
        extras.extend(schedules_extras)
        act_source = _ActSource(root, self, tuple(items))
        if carried is not None:
            # Written from another format: what CLML had no place for comes back as it was.
            try:
                info, front_, back_, meta_, extras_ = parts_from_json(json.loads(
                    carried.text or ""))
            except (ValueError, KeyError, TypeError, LawdiffError) as exc:
                raise self.fail(f"lawdiff's carried document parts cannot be read: {exc}",
                                carried) from None
            act = Act(info, children=None, front=front_, back=back_, commentaries=commentaries,
                      meta=meta_, extras=extras_, source=act_source)
            read_node(act, act_source)
            return act
        act = Act(info, children=None, front=tuple(front), back=(*after_body, *back),
                  commentaries=commentaries, meta=tuple(meta), extras=tuple(extras),
                  source=act_source)
        read_node(act, act_source)
        return act

    def info(self, root: etree._Element, meta: etree._Element | None) -> ActInfo:
        def find(path: str) -> etree._Element | None:
            return meta.find(path) if meta is not None else None

        def value(path: str) -> str | None:
            el = find(path)
            if el is None:
                return None
            return el.get("Value") or el.get("Date") or collapse_space("".join(el.itertext())) \
                or None

        title = value(f"{{{DC}}}title") or "Untitled"
        primary = find(f"{{{UKM}}}PrimaryMetadata")
        secondary = find(f"{{{UKM}}}SecondaryMetadata")
        eu = find(f"{{{UKM}}}EUMetadata")
        kind_el = primary if primary is not None else secondary if secondary is not None else eu
        main_type = status = year_text = number = None
        made: date | None = None
        dates: list[tuple[str, date]] = []
        if kind_el is not None:
            main_type = _attr(kind_el, f"{{{UKM}}}DocumentClassification/{{{UKM}}}DocumentMainType")
            status = _attr(kind_el, f"{{{UKM}}}DocumentClassification/{{{UKM}}}DocumentStatus")
            year_text = _attr(kind_el, f"{{{UKM}}}Year")
            number = _attr(kind_el, f"{{{UKM}}}Number")
            for name in ("EnactmentDate", "Made"):
                day = _day(_attr(kind_el, f"{{{UKM}}}{name}", "Date"))
                if day is not None:
                    made = day
            for name, key in (("Laid", "laid"), ("ComingIntoForce", "coming-into-force")):
                el = kind_el.find(f"{{{UKM}}}{name}")
                if el is None:
                    continue
                day = _day(el.get("Date"))
                if day is None:
                    day = _day(_attr(el, f"{{{UKM}}}DateTime", "Date"))
                if day is not None:
                    dates.append((key, day))
        uri = root.get("DocumentURI") or root.get("IdURI") or ""
        work = _work_from_uri(uri)
        doc_type = work.split("/")[0] if work else DOC_TYPES.get(main_type or "", ("", ""))[0]
        if not work:
            work = "/".join(p for p in (doc_type or "unknown", year_text or "", number or "") if p)
        year = int(year_text) if year_text and year_text.isdigit() else _year_of(work)
        pattern = DOC_TYPES.get(main_type or "", ("", "No. {n}"))[1]
        chapter = pattern.format(n=number or "?", y=year) if number else work
        valid = _day(value(f"{{{DCT}}}valid"))
        version = valid or made or _day(value(f"{{{DC}}}modified")) or date(max(year, 1), 1, 1)
        language = (value(f"{{{DC}}}language") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
                    or "en")
        try:
            return ActInfo(title=title, year=year, chapter=chapter, work=work,
                           version_date=version, made=made,
                           status=_status(status, doc_type),
                           extent=root.get("RestrictExtent"), language=language,
                           dates=tuple(dates), source=uri or None,
                           licence="Contains public sector information licensed under the "
                                   "Open Government Licence v3.0.")
        except InvalidStatute as exc:
            raise self.fail(str(exc), meta if meta is not None else root) from None

    def primary_unit(self, root: etree._Element, info: ActInfo) -> Kind:
        """Sections for Acts; articles, regulations or rules for instruments (by their ids)."""
        return primary_unit(root, info.doc_type)

    # --- nodes ------------------------------------------------------------------------

    def nodes(self, items: Iterable[etree._Element], parent: Kind | None,
              in_annex: bool) -> Iterator[Node]:
        for el in items:
            yield from self.node(el, parent, in_annex)

    def node(self, el: etree._Element, parent: Kind | None, in_annex: bool) -> Iterator[Node]:
        tag = el.tag
        if tag == _CARRIED:
            yield self.carried(el)
            return
        if tag == _CARRIED_TABLE:
            yield self.carried_table(el)
            return
        if not isinstance(tag, str) or not tag.startswith(C):  # not a CLML element
            yield self.opaque(el, _qualified(el))
            return
        name = tag[len(C):]
        if name in GROUPING:
            kind = GROUPING[name]
            num = self.number(el, kind, [])[0]
            yield self.stub(kind, num, el, el, parent, in_annex,
                            lambda skim: self.grouping(el, kind, parent, in_annex, skim))
        elif name in _ANNEX:
            kind = _ANNEX[name]
            num = self.number(el, kind, [])[0]
            yield self.stub(kind, num, el, el, parent, True,
                            lambda skim: self.annex(el, kind, skim))
        elif name == "P1group":
            single = _single_p1(el)
            if single is None:
                yield self.stub(Kind.CROSSHEADING, None, el, el, parent, in_annex,
                                lambda skim: self.p1group(el, parent, in_annex, skim))
            else:
                kind, num = self.level_head(single, "P1", parent, in_annex)
                yield self.stub(kind, num, single, el, parent, in_annex,
                                lambda skim: self.p1group(el, parent, in_annex, skim))
        elif name in _LEVEL_INDEX and el.get(_LD_OMITTED) is not None:
            yield self.omitted(el, name, parent, in_annex)
        elif name in _LEVEL_INDEX:
            kind, num = self.level_head(el, name, parent, in_annex)
            yield self.stub(kind, num, el, el, parent, in_annex,
                            lambda skim: self.level(el, name, parent, in_annex, (), skim=skim))
        elif name == "Text":
            yield self.text_block(el, in_annex)
        elif name in _TEXT_BLOCKS:
            yield self.stub(Kind.BLOCK, None, el, el, parent, in_annex,
                            lambda skim: self.block(el, parent, in_annex, skim))
        elif name in _LISTS:
            yield self.stub(Kind.LIST, None, el, el, parent, in_annex,
                            lambda skim: self.list_node(el, in_annex, skim))
        elif name == "Tabular":
            yield self.table(el)
        elif el.tag == _CARRIED_TABLE:
            yield self.carried_table(el)
        else:
            yield self.opaque(el, name)

    def stub(self, kind: Kind, num: Designation | None, el: etree._Element,
             outer: etree._Element, parent: Kind | None, in_annex: bool,
             build: Callable[[bool], _Built]) -> Provision:
        """A pristine provision whose details and children are read when first asked for
        (``build(skim)``: with ``skim``, only which elements hold its children)."""
        source = ClmlSource(outer, self, kind, in_annex)

        def checked(skim: bool) -> _Built:
            built = build(skim)
            if built.kind is not None and (  # pragma: no cover - reader invariant
                    built.kind, built.num) != (kind, num):
                raise self.fail(f"read as {kind.value} {num} and then as {built.kind.value} "
                                f"{built.num}", el)
            return built

        source.build = checked
        source.shaped = False
        return unread_provision(kind, num, el.get("id"), source)

    def item_stub(self, el: etree._Element, in_annex: bool) -> Provision:
        number = el.get("NumberOverride")
        num = _item_number(number) if number else None
        return self.stub(Kind.ITEM, num, el, el, Kind.LIST, in_annex,
                         lambda skim: self.item(el, in_annex, num, skim))

    def omitted(self, el: etree._Element, name: str, parent: Kind | None,
                in_annex: bool) -> Omitted:
        """A provision lawdiff wrote as omitted (``ld:omitted``): its number over dots."""
        kind, num = self.level_head(el, name, parent, in_annex)
        if num is None:
            raise self.fail("an omitted provision needs its number", el)
        extras = tuple((k, v) for k, v in _attrs(el)
                       if k not in ("id", _LD_OMITTED, _LD_NOTE, _LD_KIND))
        try:
            return Omitted(kind, num, el.get(_LD_OMITTED) or "omitted", el.get(_LD_NOTE),
                           extras, el.get("id"))
        except InvalidStatute as exc:
            raise self.fail(str(exc), el) from None

    def level_head(self, el: etree._Element, name: str, parent: Kind | None,
                   in_annex: bool) -> tuple[Kind, Designation | None]:
        """The kind and number of a numbered level element, read cheaply."""
        kind = self.level_kind(name, parent, in_annex, el)
        pnumber = el.find(_PNUMBER)
        if pnumber is None:
            return Kind.BLOCK, None
        raw = pnumber.text if len(pnumber) == 0 else self.inline(pnumber, "num")[0]
        return self.designation(collapse_space(raw or ""), kind, parent, pnumber)

    def grouping(self, el: etree._Element, kind: Kind, parent: Kind | None,
                 in_annex: bool, skim: bool = False) -> _Built:
        extras = list(_attrs(el))
        num, num_marks = self.number(el, kind, extras)
        items: list[etree._Element] = []
        heading: str | None = None
        marks: list[Mark] = list(num_marks)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            cname = local(child)
            if cname == "Number" and namespace(child) == NS:
                continue
            if cname == "Title" and namespace(child) == NS and heading is None and not items:
                # (read even when skimming: an empty title leaves the next one the heading)
                heading, title_marks = self.inline(child, "heading")
                marks.extend(title_marks)
                extras.extend((f"Title/{k}", v) for k, v in _attrs(child))
                continue
            items.append(child)
        self.no_text(el)
        if (items and _is_text(items[0])) or (len(items) > 1 and _is_text(items[-1])):
            # Words standing in a grouping itself (written so from another format).
            return self.content_node(kind, num, heading, tuple(marks), tuple(extras), el, items,
                                     skim)
        return self.built(kind, num, heading, None, None, tuple(marks), tuple(extras), el,
                          tuple(items))

    def annex(self, el: etree._Element, kind: Kind, skim: bool = False) -> _Built:
        """A Schedule or Appendix: number, title, and its body (how its children were grouped
        into TitleBlock, ScheduleBody and so on is recorded in ``@content``)."""
        extras = list(_attrs(el))
        num, num_marks = self.number(el, kind, extras)
        marks: list[Mark] = list(num_marks)
        heading: str | None = None
        items: list[etree._Element] = []
        tokens: list[str] = []
        text = wrap_up = None
        for child in el:
            if not isinstance(child.tag, str):
                continue
            cname = local(child)
            if namespace(child) == NS and cname == "Number":
                continue
            if child.tag == _WORDS:  # a Schedule's own words, from another format
                for part in child:
                    if part.tag == f"{{{LD}}}text":
                        text, text_marks = self.words(part, "text", skim)
                        marks.extend(text_marks)
                    elif part.tag == f"{{{LD}}}wrap_up":
                        wrap_up, wrap_marks = self.words(part, "wrap_up", skim)
                        marks.extend(wrap_marks)
                continue
            wrapper = namespace(child) == NS and (cname == "TitleBlock" or cname.endswith("Body"))
            if not wrapper:
                tokens.append("-")
                items.append(child)
                continue
            inner = [c for c in child if isinstance(c.tag, str)]
            self.no_text(child)
            extras.extend((f"{cname}[{len(tokens)}]/{k}", v) for k, v in _attrs(child))
            if cname == "TitleBlock" and heading is None:
                title = child.find(f"{C}Title")
                if title is not None and inner and inner[0] is title:
                    heading, title_marks = self.inline(title, "heading")  # even when skimming
                    marks.extend(title_marks)
                    extras.extend((f"TitleBlock/Title/{k}", v) for k, v in _attrs(title))
                    inner = inner[1:]
                    cname = "TitleBlock+Title"
            tokens.append(f"{cname}:{len(inner)}")
            items.extend(inner)
        self.no_text(el)
        body = f"{_ANNEX_BODY[local(el)]}:{len(items)}"
        if tokens != (["TitleBlock+Title:0", body] if heading is not None else [body]):
            extras.append(("@content", " ".join(tokens)))  # not the usual layout: say how
        return self.built(kind, num, heading, text, wrap_up, tuple(marks), tuple(extras), el,
                          tuple(items))

    def p1group(self, el: etree._Element, parent: Kind | None, in_annex: bool,
                skim: bool = False) -> _Built:
        """A heading over one P1 (the section's heading) or over several (a grouping)."""
        self.no_text(el)
        single = _single_p1(el)
        title = el.find(f"{C}Title")
        if single is not None and title is not None:
            heading, marks = self.words(title, "heading", skim)
            group = (*((f"P1group/{k}", v) for k, v in _attrs(el)),
                     *((f"P1group/Title/{k}", v) for k, v in _attrs(title)))
            return self.level(single, "P1", parent, in_annex, group, heading, marks, skim)
        extras: list[tuple[str, str]] = [*_attrs(el), ("@tag", "P1group")]
        heading = None
        marks_: Marks = ()
        members = [c for c in el if isinstance(c.tag, str)]
        if title is not None and members and members[0] is title:
            heading, marks_ = self.words(title, "heading", skim)
            extras.extend((f"Title/{k}", v) for k, v in _attrs(title))
            members = members[1:]
        return self.built(Kind.CROSSHEADING, None, heading, None, None, marks_, tuple(extras),
                          el, tuple(members))

    def level_kind(self, name: str, parent: Kind | None, in_annex: bool,
                   el: etree._Element) -> Kind:
        """The default kind of a numbered level element under ``parent``."""
        said = el.get(_LD_KIND)
        if said is not None:
            try:
                return Kind(said)
            except ValueError:
                raise self.fail(f"unknown kind {said!r} in ld:kind", el) from None
        if name == "P1":
            if in_annex:
                return Kind.SCHEDULE_PARAGRAPH
            head = (el.get("id") or "").split("-", 1)[0]
            return ID_UNIT.get(head, self.unit)
        return _DEFAULT_LEVEL.get((name, parent), _FALLBACK_LEVEL[name])

    def level(self, el: etree._Element, name: str, parent: Kind | None, in_annex: bool,
              group: Extras, heading: str | None = None,
              heading_marks: Marks = (), skim: bool = False) -> _Built:
        """A numbered provision (P1-P7): its number, its content wrapper(s), its content."""
        if skim:
            return self.level_shape(el, name)
        kind = self.level_kind(name, parent, in_annex, el)
        extras = [(k, v) for k, v in (*_attrs(el), *group) if k != _LD_KIND]
        if name != _expected_level(el):
            extras.append(("@tag", name))
        pnumber = el.find(_PNUMBER)
        num: Designation | None = None
        marks: list[Mark] = list(heading_marks)
        if pnumber is not None:
            raw, num_marks = self.inline(pnumber, "num")
            extras.extend((f"Pnumber/{k}", v) for k, v in _attrs(pnumber))
            kind, num = self.designation(raw, kind, parent, pnumber)
            marks.extend(num_marks)
        else:
            kind = Kind.BLOCK
            if ("@tag", name) not in extras:
                extras.append(("@tag", name))
        content: list[etree._Element] = []
        wrappers: list[str] = []
        para = f"{C}{_PARA_OF[name]}"
        for child in el:
            if child is pnumber:
                if wrappers:  # something stands before the number: say where the number is
                    wrappers.append("#")
                continue
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == para:
                inner = [c for c in child if isinstance(c.tag, str)]
                self.no_text(child)
                extras.extend((f"{local(child)}[{len(wrappers)}]/{k}", v)
                              for k, v in _attrs(child))
                wrappers.append(str(len(inner)))
                content.extend(inner)
            else:
                wrappers.append("-")
                content.append(child)
        self.no_text(el)
        if wrappers != [str(len(content))] and not (not content and not wrappers):
            # Not the usual single wrapper holding everything: say how content was grouped
            # ("-" is an element standing directly in the provision).
            extras.append(("@content", " ".join(wrappers)))
        return self.content_node(kind, num, heading, tuple(marks), tuple(extras), el, content,
                                 skim)

    def level_shape(self, el: etree._Element, name: str) -> _Built:
        """Which elements of a numbered provision are its children: what :meth:`level` finds,
        without reading its number, words or attributes (its kind is the stub's)."""
        pnumber = el.find(_PNUMBER)
        para = f"{C}{_PARA_OF[name]}"
        content: list[etree._Element] = []
        for child in el:
            if child is pnumber or not isinstance(child.tag, str):
                continue
            if child.tag == para:
                self.no_text(child)
                content.extend(c for c in child if isinstance(c.tag, str))
            else:
                content.append(child)
        self.no_text(el)
        if content and _is_text(content[0]):
            del content[0]
        if len(content) > 1 and _is_text(content[-1]):
            del content[-1]
        return _Built(None, None, _SKIMMED, tuple(content))

    def content_node(self, kind: Kind, num: Designation | None, heading: str | None,
                     marks: Marks, extras: Extras, el: etree._Element,
                     content: list[etree._Element], skim: bool = False) -> _Built:
        """A node whose content is a run of Text and block elements: first Text is its text,
        a last Text after other content its closing words, the rest children (with
        ``skim``, only which elements the children are: the words are not read)."""
        text = wrap_up = None
        all_marks = list(marks)
        items = list(content)
        more: list[tuple[str, str]] = []
        if items and _is_text(items[0]):
            text, text_marks = self.words(items[0], "text", skim)
            all_marks.extend(text_marks)
            more.extend((f"Text/{k}", v) for k, v in _attrs(items[0]))
            items = items[1:]
            if text is None and not text_marks:
                more.append(("@empty-text", "1"))
        if len(items) > 1 and _is_text(items[-1]):
            wrap_up, wrap_marks = self.words(items[-1], "wrap_up", skim)
            all_marks.extend(wrap_marks)
            more.extend((f"wrap/Text/{k}", v) for k, v in _attrs(items[-1]))
            items = items[:-1]
            if wrap_up is None and not wrap_marks:
                more.append(("@empty-wrap", "1"))
        return self.built(kind, num, heading, text, wrap_up, tuple(all_marks),
                          (*extras, *more), el, tuple(items))

    def designation(self, raw: str | None, kind: Kind, parent: Kind | None,
                    el: etree._Element) -> tuple[Kind, Designation]:
        """A Pnumber's designation, and the kind its style makes the provision under ``parent``."""
        value = (raw or "").strip()
        if not value:
            raise self.fail("an empty number", el)
        key = (value, kind, parent)
        known = self.designations.get(key)
        if known is None:
            known = self.designations[key] = self._designation(value, kind, parent)
        return known

    def _designation(self, value: str, kind: Kind,
                     parent: Kind | None) -> tuple[Kind, Designation]:
        style = _style_for(kind, value)
        if parent is not None and kind.bracketed and not parent.transparent \
                and not parent.content:
            try:
                better = child_kind(parent, style)
            except InvalidAddress:
                better = kind
            if better is not kind:
                kind, style = better, _style_for(better, value)
        try:
            num = Designation.parse(value, style)
        except InvalidDesignation:
            num = Designation(value, Style.OTHER)
        if kind.style is not None and num.style is not kind.style:
            num = Designation(value, Style.OTHER)
        return kind, num

    def number(self, el: etree._Element, kind: Kind,
               extras: list[tuple[str, str]]) -> tuple[Designation | None, Marks]:
        """A grouping's or Schedule's number: "PART 2" is Part 2; the printed word is kept."""
        number_el = el.find(f"{C}Number")
        if number_el is None:
            return None, ()
        raw, marks = self.inline(number_el, "num")
        extras.extend((f"Number/{k}", v) for k, v in _attrs(number_el))
        value = raw or ""
        word = NUMBER_WORDS.get(kind, "")
        m = re.match(rf"({re.escape(word)})\s+(\S.*)$", value, re.IGNORECASE) if word else None
        if m is not None and not any(mk.start < m.start(2) and not mk.is_atom for mk in marks):
            if m.group(1) != word.upper():  # CLML prints "PART 2": say only when it does not
                extras.append(("Number/@word", m.group(1)))
            cut = m.start(2)
            value = m.group(2)
            marks = tuple(mk.moved(max(mk.start - cut, 0), max(mk.end - cut, 0)) for mk in marks)
        else:
            extras.append(("Number/@word", ""))
        style = Style.NUMBER if any(c.isdigit() for c in value) else (
            Style.UPPER_ROMAN if _is_roman(value) else Style.OTHER)
        try:
            num = Designation.parse(value, style)
        except InvalidDesignation:
            num = Designation(value, Style.OTHER)
        if kind.style is not None and num.style is not kind.style:
            num = Designation(value, Style.OTHER)
        return num, marks

    def text_block(self, el: etree._Element, in_annex: bool) -> Provision:
        """A Text standing on its own among other content."""
        extras = [*_attrs(el), ("@tag", "Text")]
        text, marks = self.inline(el, "text")
        if text is None and not marks:
            extras.append(("@empty-text", "1"))
        node = Provision(Kind.BLOCK, None, text=text, marks=marks, extras=tuple(extras))
        read_node(node, ClmlSource(el, self, Kind.BLOCK, in_annex))
        return node

    def block(self, el: etree._Element, parent: Kind | None, in_annex: bool,
              skim: bool = False) -> _Built:
        """An unnumbered paragraph (P, Para, BlockText)."""
        extras = [*_attrs(el), *((("@tag", local(el)),) if local(el) != "P" else ())]
        content = [c for c in el if isinstance(c.tag, str)]
        self.no_text(el)
        heading: str | None = None
        marks: Marks = ()
        if content and content[0].tag == _TITLE:  # written so from another format
            heading, marks = self.words(content[0], "heading", skim)
            content = content[1:]
        return self.content_node(Kind.BLOCK, None, heading, marks, tuple(extras), el, content,
                                 skim)

    def list_node(self, el: etree._Element, in_annex: bool, skim: bool = False) -> _Built:
        extras = [*_attrs(el), *((("@tag", local(el)),) if local(el) != "UnorderedList" else ())]
        items = [c for c in el if isinstance(c.tag, str)]
        self.no_text(el)
        built = self.content_node(Kind.LIST, None, None, (), tuple(extras), el, items, skim)
        built.list_items = True
        return built

    def item(self, el: etree._Element, in_annex: bool,
             num: Designation | None = None, skim: bool = False) -> _Built:
        extras = [(k, v) for k, v in _attrs(el) if k != "NumberOverride"]
        content = [c for c in el if isinstance(c.tag, str)]
        self.no_text(el)
        return self.content_node(Kind.ITEM, num, None, (), tuple(extras), el, content, skim)

    def built(self, kind: Kind, num: Designation | None, heading: str | None,
              text: str | None, wrap_up: str | None, marks: Marks, extras: Extras,
              el: etree._Element, items: tuple[etree._Element, ...]) -> _Built:
        """What was read of a provision (its identifier is kept apart from its extras)."""
        if el.get("id") is not None:
            extras = tuple((k, v) for k, v in extras if k != "id")
        return _Built(kind, num, (heading, text, wrap_up, marks, extras), items)

    # --- tables -----------------------------------------------------------------------

    def table(self, el: etree._Element) -> Table:
        """A Tabular: its rows modelled (cells' words and marks), the rest kept by its source."""
        rows: list[Row] = []
        index = 0
        table = el.find(f"{{{XHTML}}}table")
        if table is not None:
            for group in table:
                if not isinstance(group.tag, str):
                    continue
                gname = local(group)
                trs = [group] if gname == "tr" else [r for r in group if local(r) == "tr"] \
                    if gname in ("thead", "tbody", "tfoot") else []
                for tr in trs:
                    rows.append(self.row(tr, gname == "thead", index))
                    index += 1
        ident = el.get("id")
        node = Table(tuple(rows), tuple((k, v) for k, v in _attrs(el) if k != "id"), ident,
                     ClmlSource(el, self, None, False))
        read_node(node, node.source)  # type: ignore[arg-type]
        return node

    def row(self, tr: etree._Element, head: bool, index: int) -> Row:
        cells: list[str] = []
        marks: list[Mark] = []
        fixed: list[int] = []
        tds = [c for c in tr if isinstance(c.tag, str) and local(c) in ("td", "th")]
        for i, td in enumerate(tds):
            blocks = [c for c in td if isinstance(c.tag, str) and _is_block(c)]
            nested = any(_is_block(d) for d in td.iterdescendants() if isinstance(d.tag, str))
            if not nested:
                text, cell_marks = self.inline(td, str(i))
            elif len(blocks) == 1 and len(td) == 1 and local(blocks[0]) == "Para" and len(
                    blocks[0]) == 1 and _is_text(blocks[0][0]) and not (td.text or "").strip() \
                    and not (blocks[0].text or "").strip():
                text, cell_marks = self.inline(blocks[0][0], str(i))
            else:
                text, cell_marks = collapse_space("".join(td.itertext())) or None, ()
                fixed.append(i)
            cells.append(text or "")
            marks.extend(cell_marks)
        if not cells:
            cells, fixed = [""], [0]
        header = head or (bool(tds) and all(local(c) == "th" for c in tds))
        return Row(tuple(cells), header, tuple(marks), tuple(fixed), index)

    # --- inline -----------------------------------------------------------------------

    def words(self, el: etree._Element, field: str, skim: bool) -> tuple[str | None, Marks]:
        """As :meth:`inline`, or nothing when only the shape of a provision is wanted."""
        return (None, ()) if skim else self.inline(el, field)

    def inline(self, el: etree._Element, field: str) -> tuple[str | None, Marks]:
        """An element's words (white space collapsed) and the marks of its inline markup."""
        acc = _Inline(field)
        acc.gather(el)
        text, mapped = collapse_marked("".join(acc.parts), tuple(acc.marks), field)
        return (text or None), mapped

    # --- opaque, commentaries -------------------------------------------------------------

    def carried_table(self, el: etree._Element) -> Table:
        """A table from another format that lawdiff wrote into CLML (``ld:table``): its rows,
        and its own element, which that format's writer can give back."""
        inner = [c for c in el if isinstance(c.tag, str)]
        try:
            table = node_from_json(json.loads(el.text or ""))
            if not isinstance(table, Table) or len(inner) != 1:
                raise ValueError("it must hold a table and one element")
        except (ValueError, LawdiffError) as exc:
            raise self.fail(f"lawdiff's carried table cannot be read: {exc}", el) from None
        source = _Carried(el.get("fmt") or FORMAT, inner[0])
        node = Table(table.rows, table.extras, table.ident, source)
        read_node(node, source)
        return node

    def carried(self, el: etree._Element) -> Opaque:
        """Content from another format that lawdiff wrote into CLML (``ld:opaque``)."""
        inner = [c for c in el if isinstance(c.tag, str)]
        try:
            words = json.loads(el.get("words") or "[]")
            if len(inner) != 1 or not isinstance(words, list):
                raise ValueError("it must hold one element and a list of words")
            return Opaque(el.get("fmt") or FORMAT, canonical(inner[0]), el.get("role") or "other",
                          tuple(str(w) for w in words), el.get("ident"))
        except ValueError as exc:
            raise self.fail(f"lawdiff's carried content cannot be read: {exc}", el) from None

    def opaque(self, el: etree._Element, role: str) -> Opaque:
        return Opaque(FORMAT, canonical(el), role, _block_words(el), el.get("id"))

    def commentary(self, el: etree._Element) -> Commentary:
        if local(el) != "Commentary" or namespace(el) != NS:
            raise self.fail(f"unexpected <{local(el)}> among the commentaries", el)
        self.no_text(el)
        body = tuple(n for c in el if isinstance(c.tag, str)
                     for n in self.node(c, Kind.BLOCK, False))
        extras = tuple((k, v) for k, v in _attrs(el) if k not in ("id", "Type"))
        return Commentary(el.get("id") or "", el.get("Type") or "", body, extras)

    def no_text(self, el: etree._Element) -> None:
        """Refuse words where CLML has only structure (they would otherwise be lost)."""
        if el.text and el.text.strip():
            raise self.fail(f"unexpected text {el.text.strip()[:40]!r}", el)
        for child in el:
            if child.tail and child.tail.strip():
                raise self.fail(f"unexpected text {child.tail.strip()[:40]!r} after "
                                f"<{local(child)}>", el)


class _Inline(InlineText):
    """Gathers an element's text and the marks of its inline markup at raw offsets."""

    __slots__ = ()

    def element(self, child: etree._Element) -> None:
        start = self.length
        ns = namespace(child)
        name = local(child)
        if child.tag == _ATOM:
            inner = [c for c in child if isinstance(c.tag, str)]
            if len(inner) == 1:
                self.marks.append(Mark(self.field, start, start, "object", (),
                                       canonical(inner[0])))
                return
        if child.tag == _MATH or ns == XHTML or (ns == NS and name in _BLOCKS) or (
                ns != NS and not _has_text(child)):
            # Formulae and anything with structure of its own stay whole, as an atom.
            self.marks.append(Mark(self.field, start, start, "object", (), canonical(child)))
            return
        index = len(self.marks)
        self.gather(child)
        mark_name = MARK_OF.get(name) if ns == NS else None
        attrs = _attrs(child)
        if mark_name is not None and (self.length > start or mark_name in _ATOM_NAMES):
            mark = Mark(self.field, start, self.length, mark_name, attrs)
        elif self.length > start:
            mark = Mark(self.field, start, self.length, _qualified(child), attrs)
        else:
            mark = Mark(self.field, start, start, "object", (), canonical(child))
            del self.marks[index:]
        self.marks.insert(index, mark)


_ATOM_NAMES = frozenset({"footnote-ref", "commentary-ref", "margin-note-ref", "character"})
_BLOCKS = frozenset({"P", "Para", "BlockText", "Text", "UnorderedList", "OrderedList", "Tabular",
                     "Figure", "Formula", "BlockAmendment", "P1", "P2", "P3", "P4", "P5", "P6",
                     "P7", "KeyList", "Where", "AppendText", "BlockExtract"})

_DEFAULT_LEVEL: dict[tuple[str, Kind | None], Kind] = {
    ("P2", Kind.SECTION): Kind.SUBSECTION,
    ("P2", Kind.ARTICLE): Kind.NUMBERED_PARAGRAPH,
    ("P2", Kind.REGULATION): Kind.NUMBERED_PARAGRAPH,
    ("P2", Kind.RULE): Kind.NUMBERED_PARAGRAPH,
    ("P2", Kind.SCHEDULE_PARAGRAPH): Kind.SCHEDULE_SUBPARAGRAPH,
    ("P3", Kind.PARAGRAPH): Kind.SUBPARAGRAPH,
    ("P4", Kind.PARAGRAPH): Kind.SUBPARAGRAPH,
    ("P4", Kind.SUBPARAGRAPH): Kind.CLAUSE,
    ("P5", Kind.SUBPARAGRAPH): Kind.CLAUSE,
    ("P5", Kind.CLAUSE): Kind.SUBCLAUSE,
    ("P6", Kind.CLAUSE): Kind.SUBCLAUSE,
    ("P6", Kind.SUBCLAUSE): Kind.SUBCLAUSE,
    ("P7", Kind.SUBCLAUSE): Kind.SUBCLAUSE,
}
_FALLBACK_LEVEL = {"P1": Kind.SECTION, "P2": Kind.SUBSECTION, "P3": Kind.PARAGRAPH,
                   "P4": Kind.SUBPARAGRAPH, "P5": Kind.CLAUSE, "P6": Kind.SUBCLAUSE,
                   "P7": Kind.SUBCLAUSE}


_TITLE = f"{C}Title"
_P1 = f"{C}P1"
_PNUMBER = f"{C}Pnumber"


def _item_number(value: str) -> Designation:
    """A list item's printed number: a designation where it reads as one, else as printed."""
    try:
        num = Designation.parse(value)
    except InvalidDesignation:
        return Designation(value, Style.OTHER)
    return num if num.value == value else Designation(value, Style.OTHER)


class _Carried:
    """The source of a node another format's reader read, carried in a CLML document."""

    __slots__ = ("element", "fmt")

    def __init__(self, fmt: str, element: etree._Element) -> None:
        self.fmt = fmt
        self.element = element

    def read_children(self) -> tuple[Node, ...]:  # pragma: no cover - tables have no children
        return ()

    def read_details(self) -> Details:  # pragma: no cover - tables have no details
        raise NotImplementedError


def _single_p1(group: etree._Element) -> etree._Element | None:
    """The P1 of a P1group that is one section's heading (Title first, then one P1), else None."""
    if len(group) == 2 and group[0].tag == _TITLE and group[1].tag == _P1:
        return group[1]
    if len(group) < 2:
        return None
    members = [c for c in group if isinstance(c.tag, str)]
    if len(members) == 2 and members[0].tag == _TITLE and members[1].tag == _P1:
        return members[1]
    return None


def _expected_level(el: etree._Element) -> str:
    """The level a numbered element has under its nearest numbered ancestor: P1 at the top."""
    parent = el.getparent()
    while parent is not None:
        tag = parent.tag
        if isinstance(tag, str):
            name = tag.rpartition("}")[2]  # its local name
            if name in _LEVEL_INDEX and tag.startswith(C):  # (a CLML element)
                return LEVELS[min(_LEVEL_INDEX[name] + 1, len(LEVELS) - 1)]
            if name in ("BlockAmendment", "Body", "ScheduleBody", "AppendixBody", "Schedule"):
                break
        parent = parent.getparent()
    return "P1"


def _style_for(kind: Kind, value: str) -> Style:
    if any(c.isdigit() for c in value):
        return Style.NUMBER
    if kind.style is not None and kind.style is not Style.NUMBER:
        return kind.style if _fits(kind.style, value) else _guess(value)
    return _guess(value)


def _fits(style: Style, value: str) -> bool:
    try:
        Designation.parse(value, style)
    except InvalidDesignation:
        return False
    return True


def _guess(value: str) -> Style:
    if value.islower() and value.isalpha():
        return Style.ALPHA
    if value.isupper() and value.isalpha():
        return Style.UPPER_ALPHA
    return Style.OTHER


def _is_roman(value: str) -> bool:
    return bool(value) and value.isupper() and _fits(Style.UPPER_ROMAN, value)


_TEXT_TAG = f"{C}Text"


def _is_text(el: etree._Element) -> bool:
    return el.tag == _TEXT_TAG


def _is_block(el: etree._Element) -> bool:
    tag = el.tag
    return isinstance(tag, str) and tag.startswith(C) and tag[len(C):] in _BLOCKS


def _has_text(el: etree._Element) -> bool:
    return any(t.strip() for t in el.itertext())


def primary_unit(root: etree._Element, doc_type: str) -> Kind:
    """The kind of a CLML document's ``P1`` whose id does not say what it is: that of the
    first ``P1`` (outside quoted amendments) whose id does; else sections for Acts, and for
    instruments what their minor type names (articles by default)."""
    for el in root.iter(f"{C}P1"):
        head = (el.get("id") or "").split("-", 1)[0]
        if head in ID_UNIT and not _inside(el, "BlockAmendment"):
            return ID_UNIT[head]
    if doc_type in PRIMARY_TYPES:
        return Kind.SECTION
    minor = root.find(f".//{{{UKM}}}DocumentMinorType")
    if minor is not None:
        return MINOR_UNIT.get(minor.get("Value", ""), Kind.ARTICLE)
    return Kind.ARTICLE


def _inside(el: etree._Element, name: str) -> bool:
    parent = el.getparent()
    while parent is not None:
        if local(parent) == name:
            return True
        parent = parent.getparent()
    return False


def _qualified(el: etree._Element) -> str:
    ns = namespace(el)
    return f"{{{ns}}}{local(el)}" if ns else local(el)


def _attrs(el: etree._Element) -> tuple[tuple[str, str], ...]:
    """An element's attributes as extras (lawdiff's ``ld:id`` is an ``id`` attribute of a
    document read from another format, which CLML's own ``id`` would have taken)."""
    items = el.items()  # (name, value) pairs, both strings
    if not items:
        return ()
    if el.get(_LD_ID) is None:
        return tuple(items)
    return tuple(("id" if k == _LD_ID else k, v) for k, v in items)


def _attr(el: etree._Element, path: str, name: str = "Value") -> str | None:
    found = el.find(path)
    return found.get(name) if found is not None else None


def _status(value: str | None, doc_type: str) -> str | None:
    """legislation.gov.uk's DocumentStatus in words: "final" is the text as enacted or made."""
    if not value:
        return None
    if value.lower() == "final":
        return "enacted" if doc_type in PRIMARY_TYPES else "made"
    return value.lower()


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_WORK_RE = re.compile(r"legislation\.gov\.uk/(?:id/)?([a-z]+)/((?:[A-Za-z0-9-]+/)*?\d+(?:-\d+)?)"
                      r"/(\d+|[ivxlcdm]+)(?=/|$)")


def _work_from_uri(uri: str) -> str:
    """ "http://www.legislation.gov.uk/ukpga/1998/42/body" → "ukpga/1998/42"."""
    m = _WORK_RE.search(uri)
    if m is None:
        return ""
    return f"{m.group(1)}/{m.group(2)}/{m.group(3)}"


def _year_of(work: str) -> int:
    for part in work.split("/")[1:]:
        if part.isdigit() and len(part) == 4:
            return int(part)
    return 1


def _block_words(el: etree._Element) -> tuple[str, ...]:
    """An element's words, one string per block of text inside it."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        text = collapse_space("".join(pending))
        if text:
            out.append(text)
        pending.clear()

    def walk(node: etree._Element) -> None:
        block = isinstance(node.tag, str) and (
            _is_block(node) or local(node) in _BREAKS)
        if block:
            flush()
        if node.text:
            pending.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                pending.append(child.tail)
        if block:
            flush()

    walk(el)
    flush()
    return tuple(out)


_BREAKS = frozenset({"Title", "Number", "Pnumber", "tr", "td", "th", "Footnote", "Commentary",
                     "LongTitle", "DateOfEnactment", "EnactingText", "MadeDate", "LaidDate",
                     "ComingIntoForce", "Signee", "PersonName", "JobTitle", "Department",
                     "DateSigned", "Address", "AddressLine", "Subject", "ContentsItem",
                     "ContentsTitle", "ContentsNumber", "IntroductoryText", "SubjectInformation",
                     "Resolution", "RoyalPresence", "Correction", "Draft", "MarginNote",
                     "Reference", "Subtitle", "Comment", "Heading"})


__all__ = ["ClmlSource", "act_from_element", "is_clml", "read_clml"]


MODEL_RESOURCE = "r00000"  # CLML resource ids are r + five digits; lawdiff takes r00000


def _carried_model(root: etree._Element) -> tuple[etree._Element | None, etree._Element | None]:
    """lawdiff's own model element, written by lawdiff for a document read from another
    format, and the ``Resources`` element that holds it (None for one at the top, the
    form lawdiff wrote before it kept the document valid CLML)."""
    at_top = root.find(f"{{{LD}}}model")
    if at_top is not None:
        return at_top, None
    for resources in root.findall(f"{C}Resources"):
        model = resources.find(f"{C}Resource[@id='{MODEL_RESOURCE}']/{C}InternalVersion/"
                               f"{C}XMLcontent/{{{LD}}}model")
        if model is not None:
            return model, resources
    return None, None
