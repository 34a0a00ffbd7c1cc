"""Reading Akoma Ntoso 3.0 from any producer into the model, lazily and without loss.

Every element of an AKN document ends up in the model: the hierarchy (Parts,
Chapters, cross-headings, sections/articles/regulations/rules, their numbered levels
whatever element holds them -- ``subsection``, ``paragraph``, ``level``, ``point`` …),
``intro``/``content``/``wrapUp`` as a provision's words, closing words and content
blocks, lists (``blockList``), tables, Schedules (legislation.gov.uk's ``hcontainer``,
or an ``attachment`` of a Laws.Africa document) as nodes; inline markup as marks on
the words (:mod:`lawdiff.inline`); each element's attributes and layout as the node's
``extras``; the rest -- preface, preamble, conclusions, metadata, notes, quoted
structures, formulae, anything the model does not name -- as
:class:`~lawdiff.model.Opaque` content kept verbatim.  Words where AKN allows none
are refused with their line, never dropped.

A document's identity comes from lawdiff's ``<ld:statute>`` when it has one, else from
its FRBR metadata (legislation.gov.uk's, Laws.Africa's, Lawmaker's).  Source eIds are
kept as each node's ``ident``.  In lawdiff's own documents (``<ld:statute>`` without
``eids="source"``) eIds are built from the numbers, so a duplicated eId, or one that
names another number than its element's ``<num>``, is refused with its line.

Children are read on first use, like the CLML reader's.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from datetime import date

from lxml import etree

from lawdiff.address import EID_PREFIX, child_kind
from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidAddress, InvalidDesignation, InvalidStatute
from lawdiff.formats.akn_names import (
    ACT_ATTRS,
    ACT_TAG,
    AKN_NS,
    ANNEX_OF_DOC,
    ATTR_NS,
    BLOCKS,
    CONTENT_ATTRS,
    DOC,
    EIDS,
    ELEMENT_OF_KIND,
    GROUPINGS,
    HCONTAINER_KIND,
    HEADING_ATTRS,
    HIER,
    IN,
    INTRO_ATTRS,
    LIST_INTRO,
    LIST_WRAP,
    MARK_OF,
    META_NS,
    META_ORDER,
    NUM,
    NUM_ATTRS,
    SCHEDULES,
    SUBFLOWS,
    SUBHEADING,
    TAG,
    TEXT_ATTRS,
    UNITS,
    WRAP_ATTRS,
    WRAPUP_ATTRS,
    A,
    M,
)
from lawdiff.formats.clml_names import DOC_TYPES, MAIN_TYPE_OF, PRIMARY_TYPES
from lawdiff.formats.xml import InlineText, canonical, local, namespace, parse_xml
from lawdiff.inline import ATOMS, Mark, Marks, collapse_marked
from lawdiff.model import (
    ALLOWED_CHILDREN,
    ROOT_CHILDREN,
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
    SourceRecord,
    Table,
    check_kinds,
    read_node,
    unread_provision,
    validate_children,
)
from lawdiff.printing import num_text

FORMAT = "akn"
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
_ESC = f"{{{ATTR_NS}}}"
_ANNEXES = frozenset({Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX})
_NUM_WORDS = re.compile(r"^(part|chapter|schedule|appendix|annex|annexure|article|section|"
                        r"regulation|rule|group|title|book|division|paragraph)\s+(?=\S)",
                        re.IGNORECASE)
_LGU_RE = re.compile(r"legislation\.gov\.uk/(?:id/)?([a-z]+)/((?:[A-Za-z0-9-]+/)*?\d+(?:-\d+)?)"
                     r"/(\d+|[ivxlcdm]+)(?=/|$)")
_OWN_AKN_RE = re.compile(r"^/akn/gb/act/(?:([a-z]+)/)?((?:[A-Za-z0-9-]+/)*?\d{4})/([^/!@]+)")


class AknSource:
    """Where a node was read from: the element, and how to read its children on demand."""

    __slots__ = ("element", "in_annex", "items", "kind", "reader")
    fmt = FORMAT

    def __init__(self, element: etree._Element, reader: _Reader, kind: Kind | None,
                 in_annex: bool, items: tuple[etree._Element, ...] = ()) -> None:
        self.element = element
        self.reader = reader
        self.kind = kind
        self.in_annex = in_annex
        self.items = items

    def read_children(self) -> tuple[Node, ...]:
        """The node's children, built from its child elements (and checked to stand there)."""
        return self.reader.children(self.items, self.kind, self.in_annex, self.element)

    def read_details(self) -> Details:  # pragma: no cover - the reader gives details at once
        raise NotImplementedError("an AKN node's details are read with it")


def is_akn(root: etree._Element) -> bool:
    """True when ``root`` is an Akoma Ntoso 3.0 document."""
    return root.tag == f"{A}akomaNtoso"


def read_akn(data: bytes, source: str = "<akn>") -> Act:
    """Read an Akoma Ntoso 3.0 document (any producer) into an Act.

    Raises UnsafeXML or InvalidStatute (with the source and line) for XML that is
    unsafe, malformed, not AKN, or holds what lawdiff cannot keep.
    """
    return act_from_element(parse_xml(data, source), source)


def act_from_element(root: etree._Element, source: str) -> Act:
    """Read a parsed AKN document (see :func:`read_akn`)."""
    if not is_akn(root):
        raise InvalidStatute(f"not an Akoma Ntoso 3.0 document (root is {root.tag!s})",
                             source=source, line=root.sourceline)
    return _Reader(source).act(root)


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.unit = Kind.SECTION
        self.strict = False          # lawdiff's own profile: eIds built from numbers
        self.source_eids = True      # idents are the elements' eIds
        self.omitted_notes: dict[str, tuple[str, str | None]] = {}
        self.escaped = False
        self.commentaries: tuple[Commentary, ...] = ()

    def fail(self, message: str, el: etree._Element) -> InvalidStatute:
        return InvalidStatute(f"{message} (in <{local(el)}>)", source=self.source,
                              line=el.sourceline)

    # --- the document -----------------------------------------------------------------

    def act(self, root: etree._Element) -> Act:
        self.escaped = any(ATTR_NS in str(k) for el in root.iter(f"{A}*") for k in el.attrib
                           if "{" in str(k))
        self.no_text(root)
        docs = [c for c in root if isinstance(c.tag, str)]
        doc = next((c for c in docs if namespace(c) == AKN_NS and local(c) in (
            "act", "bill", "doc", "statement", "portion")), None)
        if doc is None:
            raise InvalidStatute("no <act> element", source=self.source, line=root.sourceline)
        self.no_text(doc)
        extras: list[tuple[str, str]] = [(k, v) for k, v in _attrs(root)]
        if local(doc) != "act":
            extras.append((ACT_TAG, local(doc)))
        doc_attrs = [(k, v) for k, v in _attrs(doc) if not (k == "name" and v == "act")]
        if doc_attrs:
            extras.append((ACT_ATTRS, json.dumps(doc_attrs)))
        meta_el = doc.find(f"{A}meta")
        statute = meta_el.find(f"{A}proprietary/{M}statute") if meta_el is not None else None
        if statute is not None:
            self.source_eids = statute.get("eids") == "source"
            self.strict = not self.source_eids and statute.get("numbering") != "as-read"
            if self.source_eids:
                extras.append((EIDS, "source"))
        else:
            extras.append((EIDS, "source"))
        info = self.info(doc, meta_el, statute)
        self.unit = self.primary_unit(doc, info)
        meta = self.meta(meta_el) if meta_el is not None else []
        front: list[Node] = []
        back: list[Node] = []
        items: list[etree._Element] = []
        body_seen = False
        for child in doc:
            if not isinstance(child.tag, str) or child is meta_el:
                continue
            name = local(child)
            if namespace(child) == AKN_NS and name in ("body", "mainBody", "judgmentBody",
                                                      "debateBody"):
                self.no_text(child)
                extras.extend(self.body_items(child, items, extras))
                body_seen = True
            elif namespace(child) == AKN_NS and name == "attachments":
                self.no_text(child)
                items.extend(c for c in child if isinstance(c.tag, str))
            elif body_seen:
                back.extend(self.wrapped(child))
            else:
                front.extend(self.wrapped(child))
        if not body_seen:
            raise self.fail("a document needs a <body>", doc)
        for child in docs:
            if child is not doc:
                back.extend(self.wrapped(child))
        if self.strict:
            self.check_eids(doc)
        recorded = statute.find(f"{M}extras") if statute is not None else None
        if recorded is not None:
            extras = [(str(k), str(v)) for k, v in json.loads(recorded.text or "[]")]
        act_source = AknSource(doc, self, None, False, tuple(items))
        act = Act(info, children=None, front=tuple(front), back=tuple(back), meta=tuple(meta),
                  extras=tuple(extras), commentaries=self.commentaries, source=act_source)
        read_node(act, act_source)
        if self.strict:
            # lawdiff's own documents are small: read whole, so that every error shows now.
            for _path, _node in act.walk():
                pass
        return act

    def body_items(self, body: etree._Element, items: list[etree._Element],
                   extras: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The body's children; legislation.gov.uk's Schedules wrapper is opened up (its
        attributes and heading kept on the Act)."""
        out: list[tuple[str, str]] = []
        if _attrs(body):
            out.append((f"{ACT_ATTRS}.body", json.dumps(list(_attrs(body)))))
        for child in body:
            if not isinstance(child.tag, str):
                continue
            if local(child) == "hcontainer" and child.get("name") == "schedules" and child.find(
                    f"{A}num") is None and not any(k == SCHEDULES for k, _ in extras + out):
                parts = [c for c in child if isinstance(c.tag, str)]
                heading = [canonical(c).decode() for c in parts if local(c) in (
                    "heading", "subheading")]
                members = [c for c in parts if local(c) not in ("heading", "subheading")]
                self.no_text(child)
                out.append((SCHEDULES, json.dumps({"attrs": list(_attrs(child)),
                                                   "heading": heading})))
                items.extend(members)
            else:
                items.append(child)
        return out

    def wrapped(self, el: etree._Element) -> list[Node]:
        """Front or back matter: one Opaque, or the opaque content lawdiff wrapped in it."""
        if el.get(f"{M}wrap") is not None:
            return [self.unwrapped(c) for c in el if isinstance(c.tag, str)]
        return [self.opaque(el, local(el))]

    def unwrapped(self, el: etree._Element) -> Opaque:
        """Content of another format the writer put in a ``<foreign>``: its Opaque again."""
        inner = [c for c in el if isinstance(c.tag, str)]
        fmt = el.get(f"{M}fmt") or FORMAT
        role = el.get(f"{M}role") or "other"
        words = tuple(json.loads(el.get(f"{M}words") or "[]"))
        ident = el.get(f"{M}ident")
        if len(inner) == 1 and local(inner[0]) == "verbatim" and namespace(inner[0]) == META_NS:
            xml = (inner[0].text or "").encode("utf-8")
        elif len(inner) == 1:
            xml = canonical(inner[0])
        else:
            raise self.fail("lawdiff's wrapper of foreign content holds more than one element", el)
        return Opaque(fmt, xml, role, words, ident)

    def check_eids(self, doc: etree._Element) -> None:
        """lawdiff's own documents: every eId of the hierarchy once, built from its number."""
        seen: dict[str, int] = {}
        for el in doc.iter(*(f"{A}{n}" for n in HIER)):
            eid = el.get("eId")
            if eid is None:
                continue
            if eid in seen:
                raise self.fail(f"duplicate eId {eid!r} (also on line {seen[eid]})", el)
            seen[eid] = el.sourceline or 0

    # --- metadata ---------------------------------------------------------------------

    def meta(self, meta_el: etree._Element) -> list[Opaque]:
        """The source's metadata sections, verbatim (lawdiff's own are rebuilt when written)."""
        self.no_text(meta_el)
        kept: list[Opaque] = []
        native: list[Opaque] = []
        moved: list[Opaque] = []
        for child in meta_el:
            if not isinstance(child.tag, str):
                continue
            if child.get("source") == "#lawdiff":
                if local(child) == "notes":
                    self.commentaries = tuple(self.commentary(n) for n in child
                                              if isinstance(n.tag, str))
                if local(child) == "proprietary":
                    for part in child.iterfind(f"{M}statute/{M}kept"):
                        if part.get(f"{M}native") == "true":
                            moved.append(self.unwrapped(part))
                        else:
                            kept.append(self.unwrapped(part))
                continue
            native.append(self.opaque(child, local(child)))
        # A section the writer kept in its own block (an empty one the schema does not
        # allow) goes back in its place among the others.
        for opaque in moved:
            at = META_ORDER.index(opaque.role)
            i = next((i for i, o in enumerate(native)
                      if o.role in META_ORDER and META_ORDER.index(o.role) > at), len(native))
            native.insert(i, opaque)
        return kept + native

    def commentary(self, note: etree._Element) -> Commentary:
        """One of lawdiff's notes: a revised text's annotation."""
        ident = note.get(f"{M}ident")
        body = tuple(self.node(c, Kind.BLOCK, False) for c in note
                     if isinstance(c.tag, str) and not _empty(c))
        extras = json.loads(note.get(f"{M}extras") or "[]")
        return Commentary(ident if ident is not None else note.get("eId", ""),
                          note.get(f"{M}type", ""), body,
                          tuple((str(k), str(v)) for k, v in extras))

    def info(self, doc: etree._Element, meta: etree._Element | None,
             statute: etree._Element | None) -> ActInfo:
        if statute is not None:
            return self.statute_info(doc, meta, statute)
        return self.frbr_info(doc, meta)

    def statute_info(self, doc: etree._Element, meta: etree._Element | None,
                     statute: etree._Element) -> ActInfo:
        expr_date = meta.find(f"{A}identification/{A}FRBRExpression/{A}FRBRdate") \
            if meta is not None else None
        if expr_date is None:
            raise self.fail("no FRBRExpression/FRBRdate", doc)
        try:
            version = date.fromisoformat(expr_date.get("date", ""))
            year = int(statute.get("year", ""))
        except ValueError:
            raise self.fail("bad expression date or year", statute) from None
        for attr in ("title", "work", "chapter"):
            if not statute.get(attr):
                raise self.fail(f"<ld:statute> needs a {attr!r} attribute", statute)
        sources = [SourceRecord(el.get("eId", ""), el.get("status", ""), _text(el) or None)
                   for el in statute.findall(f"{M}provision")]
        for el in statute.findall(f"{M}omitted"):
            self.omitted_notes[el.get("eId", "")] = (el.get("how", "omitted"), _text(el) or None)

        def child(name: str) -> str | None:
            found = statute.find(f"{M}{name}")
            return _text(found) if found is not None else None

        dates = []
        for el in statute.findall(f"{M}date"):
            day = _day(el.get("date"))
            if day is not None:
                dates.append((el.get("name", ""), day))
        try:
            return ActInfo(title=statute.get("title", ""), year=year,
                           chapter=statute.get("chapter", ""), work=statute.get("work", ""),
                           version_date=version, extract=statute.get("extract") == "true",
                           extract_note=child("extractNote"), source=child("source"),
                           licence=child("licence"), sources=tuple(sources),
                           made=_day(statute.get("made")), status=statute.get("status"),
                           extent=statute.get("extent"),
                           language=statute.get("language", "en"), dates=tuple(dates))
        except InvalidStatute as exc:
            raise self.fail(str(exc), statute) from None

    def frbr_info(self, doc: etree._Element, meta: etree._Element | None) -> ActInfo:
        """Identity from FRBR metadata, as legislation.gov.uk, Laws.Africa or Lawmaker give it."""
        def find(path: str) -> etree._Element | None:
            return meta.find(path) if meta is not None else None

        def value(path: str, attr: str = "value") -> str:
            el = find(path)
            found = (el.get(attr) or "").strip() if el is not None else ""
            return "" if found.startswith("#") else found  # Lawmaker's "#varWork" placeholders

        work_this = value(f"{A}identification/{A}FRBRWork/{A}FRBRthis")
        work_uri = value(f"{A}identification/{A}FRBRWork/{A}FRBRuri")
        work_date_el = find(f"{A}identification/{A}FRBRWork/{A}FRBRdate")
        expr_date_el = find(f"{A}identification/{A}FRBRExpression/{A}FRBRdate")
        number = value(f"{A}identification/{A}FRBRWork/{A}FRBRnumber")
        work, doc_type, year = _work_of(work_this, work_uri)
        made = _real_day(work_date_el)
        expr_day = _real_day(expr_date_el, allow_generation=True)
        if not work:
            doc_type = doc.get("name") or "act"
            made = made or _made_date(doc)
            year = made.year if made else _year_in(_text_of(doc, "docNumber")) or _year_in(
                _text_of(doc, "docTitle")) or 1
            digits = re.findall(r"No\.\s*(\d+)", _text_of(doc, "docNumber"))
            work = f"{doc_type}/{year}/{digits[0] if digits else 'unknown'}"
        title = (self.title_alias(meta) or _dc_title(meta) or _text_of(doc, "docTitle")
                 or value(f"{A}identification/{A}FRBRWork/{A}FRBRname") or "Untitled")
        main = MAIN_TYPE_OF.get(doc_type)
        tail = work.rsplit("/", 1)[-1]
        pattern = DOC_TYPES[main][1] if main is not None else "No. {n}"
        chapter = pattern.format(n=tail if main is not None else number or tail, y=year)
        status = None
        if expr_date_el is not None:
            status = {"enacted": "enacted", "made": "made", "validFrom": "revised",
                      "draft": "draft"}.get(expr_date_el.get("name", ""))
        language = value(f"{A}identification/{A}FRBRExpression/{A}FRBRlanguage", "language")
        version = expr_day or made or date(max(year, 1), 1, 1)
        official = "legislation.gov.uk" in work_this
        try:
            return ActInfo(title=title, year=year, chapter=chapter, work=work,
                           version_date=version, made=made, status=status,
                           language=language or "en", source=work_this or work_uri or None,
                           licence=OGL if official else None)
        except InvalidStatute as exc:
            raise self.fail(str(exc), meta if meta is not None else doc) from None

    def title_alias(self, meta: etree._Element | None) -> str | None:
        if meta is None:
            return None
        for alias in meta.iterfind(f"{A}identification/{A}FRBRWork/{A}FRBRalias"):
            if alias.get("name") in (None, "title", "short") and alias.get("value") and not str(
                    alias.get("value")).startswith("#"):
                return str(alias.get("value")).strip()
        return None

    def primary_unit(self, doc: etree._Element, info: ActInfo) -> Kind:
        """Sections for Acts; articles, regulations or rules for instruments."""
        if info.doc_type in PRIMARY_TYPES or info.doc_type in ("act", "akn"):
            return Kind.SECTION
        if doc.find(f".//{A}article") is not None:
            return Kind.ARTICLE
        if doc.find(f".//{A}hcontainer[@name='regulation']") is not None:
            return Kind.REGULATION
        if doc.find(f".//{A}rule") is not None:
            return Kind.RULE
        return Kind.SECTION

    # --- nodes ------------------------------------------------------------------------

    def children(self, items: tuple[etree._Element, ...], parent: Kind | None,
                 in_annex: bool, holder: etree._Element) -> tuple[Node, ...]:
        out = tuple(self.node(el, parent, in_annex) for el in items if not _empty(el))
        try:
            # lawdiff's own documents keep the model's rules whole (numbers in order, none
            # twice); another producer's are read as they stand, numbering and all.
            (validate_children if self.strict else check_kinds)(parent, out)
        except InvalidStatute as exc:
            raise self.fail(str(exc), holder) from None
        return out

    def node(self, el: etree._Element, parent: Kind | None, in_annex: bool) -> Node:
        name = local(el)
        if namespace(el) != AKN_NS:
            return self.opaque(el, _qualified(el))
        wrap = el.get(f"{M}wrap")
        if wrap in ("block", "hier", "heading"):
            holder = el.find(f"{A}content") if wrap == "block" else el.find(
                f"{A}subFlow") if wrap == "hier" else el
            inner = [c for c in (holder if holder is not None else ()) if isinstance(c.tag, str)]
            if len(inner) != 1:
                raise self.fail("lawdiff's wrapper holds more than one element", el)
            return self.node(inner[0], parent, in_annex)
        if name == "attachment":
            return self.attachment(el)
        if name in HIER or name == "crossHeading":
            return self.hier(el, parent, in_annex)
        if name == "p" and el.get(f"{M}wrap") is None:
            return self.paragraph(el)
        if name == "blockList":
            return self.block_list(el, in_annex)
        if name == "blockContainer" and el.find(f"{A}num") is None:
            return self.container(el, in_annex)
        if name == "table":
            return self.table(el)
        if name == "foreign" and el.get(f"{M}fmt") is not None:
            return self.unwrapped(el)
        return self.opaque(el, name)

    def hier(self, el: etree._Element, parent: Kind | None, in_annex: bool) -> Node:
        """An element of the hierarchy: number, heading, its words, its children."""
        name = local(el)
        num_el = el.find(f"{A}num")
        raw: str | None = None
        num_marks: Marks = ()
        if num_el is not None:
            raw, num_marks = self.inline(num_el, "num")
        forced = el.get(f"{M}kind")
        kind: Kind | None
        num: Designation | None = None
        if name == "crossHeading":
            kind = Kind.CROSSHEADING
        elif raw:
            choice = self.numbered(el, raw, parent, in_annex, forced)
            if choice is None:
                return self.opaque(el, name)
            kind, num = choice
        else:
            kind = self.unnumbered(el, forced)
        if kind is None:
            return self.opaque(el, name)
        in_annex = in_annex or kind in _ANNEXES
        if num is not None and num_marks:
            num_marks = _shift_num_marks(num_marks, raw or "", num.value)
        ident = self.ident(el)
        if self.strict and num is not None and el.get("eId") is not None \
                and el.get(f"{M}ident") is None:
            self.check_eid(el, kind, num)
        if el.get("status") == "removed" and num is not None and el.get(f"{M}extras") is None:
            return self.omitted(el, kind, num, ident)
        if name == "crossHeading":
            heading, heading_only = self.inline(el, "heading")
            extras = self.extras(el, kind, num)
            node = Provision(kind, None, heading=heading, marks=heading_only, extras=extras, ident=ident)
            read_node(node, AknSource(el, self, kind, in_annex))
            return node
        heading = None
        marks = list(num_marks)
        heading_el = el.find(f"{A}heading")
        if heading_el is not None:
            heading, heading_marks = self.inline(heading_el, "heading")
            marks.extend(heading_marks)
        text, text_marks, wrap, closing_marks, items = self.parts(el)
        marks.extend(text_marks)
        marks.extend(closing_marks)
        if kind.content and not forced and any(_numbered(i) for i in items):
            return self.opaque(el, name)  # numbered provisions under unnumbered content
        extras = self.extras(el, kind, num)
        order = el.get(f"{M}fields")
        if order is not None:
            rank = {f: i for i, f in enumerate(order.split())}
            marks.sort(key=lambda m: rank.get(m.field, len(rank)))
        return unread_provision(kind, num, ident, AknSource(el, self, kind, in_annex, tuple(items)),
                                (heading, text, wrap, tuple(marks), extras))

    def parts(self, el: etree._Element) -> tuple[str | None, Marks, str | None, Marks,
                                                 list[etree._Element]]:
        """A hierarchy element's words (first <p> of intro/content), closing words (last
        <p> of wrapUp) and the elements of its children, in document order."""
        text = wrap = None
        text_marks: Marks = ()
        wrap_marks: Marks = ()
        items: list[etree._Element] = []
        self.no_text(el)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            cname = local(child)
            if namespace(child) == AKN_NS and cname in ("num", "heading", "subheading"):
                continue
            if namespace(child) == AKN_NS and cname in ("intro", "content", "wrapUp"):
                self.no_text(child)
                blocks = [c for c in child if isinstance(c.tag, str)]
                if cname in ("intro", "content") and blocks and _text_p(blocks[0]):
                    text, text_marks = self.inline(blocks[0], "text")
                    blocks = blocks[1:]
                if cname == "content" and blocks and blocks[-1].get(f"{M}closing") is not None:
                    wrap, wrap_marks = self.inline(blocks[-1], "wrap_up")
                    blocks = blocks[:-1]
                if cname == "wrapUp" and blocks and _text_p(blocks[-1]):
                    wrap, wrap_marks = self.inline(blocks[-1], "wrap_up")
                    blocks = blocks[:-1]
                items.extend(blocks)
            else:
                items.append(child)
        return text, text_marks, wrap, wrap_marks, items

    def numbered(self, el: etree._Element, raw: str, parent: Kind | None, in_annex: bool,
                 forced: str | None) -> tuple[Kind, Designation] | None:
        """The kind and number of a numbered element under ``parent`` (the kind and number
        lawdiff recorded, when it did)."""
        num_el = el.find(f"{A}num")
        value = num_el.get(f"{M}value") if num_el is not None else None
        if value is None:
            value = _num_value(raw)
        style = num_el.get(f"{M}style") if num_el is not None else None
        if forced:
            kind = Kind(forced)
            found: tuple[Kind, Designation] | None = (kind, _designation(value, kind))
        else:
            found = numbered_kind(el, value, parent, in_annex, self.unit, None)
        if found is not None and style is not None:
            return found[0], Designation(value, Style(style))
        return found

    def unnumbered(self, el: etree._Element, forced: str | None) -> Kind | None:
        if forced:
            return Kind(forced)
        if local(el) == "hcontainer":
            kind = HCONTAINER_KIND.get(el.get("name") or "")
            if kind in (Kind.CROSSHEADING, Kind.SUBHEADING):
                return kind
        return Kind.BLOCK

    def check_eid(self, el: etree._Element, kind: Kind, num: Designation) -> None:
        eid = el.get("eId") or ""
        own = f"{EID_PREFIX.get(kind, local(el))}_{eid_token(num.value)}"
        last = eid.rsplit("__", 1)[-1]
        if last != own and not re.fullmatch(re.escape(own) + r"_\d+", last):
            raise self.fail(f"eId {eid!r} does not match its number {num.value!r} "
                            f"(expected it to end in {own!r})", el)

    def omitted(self, el: etree._Element, kind: Kind, num: Designation,
                ident: str | None) -> Omitted:
        how, note = self.omitted_notes.get(el.get("eId", ""), ("omitted", None))
        extras = tuple((k, v) for k, v in self.extras(el, kind, num) if k != "status")
        try:
            return Omitted(kind, num, how, note, extras, ident)
        except InvalidStatute as exc:
            raise self.fail(str(exc), el) from None

    def ident(self, el: etree._Element) -> str | None:
        given = el.get(f"{M}ident")
        if given is not None:
            return given or None
        return el.get("eId") if self.source_eids else None

    def extras(self, el: etree._Element, kind: Kind, num: Designation | None) -> Extras:
        """The node's extras: lawdiff's record of them, or what its element shows."""
        recorded = el.get(f"{M}extras")
        if recorded is not None:
            return tuple((str(k), str(v)) for k, v in json.loads(recorded))
        return derived_extras(el, kind, num)

    def attachment(self, el: etree._Element) -> Node:
        """A Laws.Africa Schedule: ``attachment`` (heading) holding a ``doc`` (its body)."""
        doc = next((c for c in el if isinstance(c.tag, str) and local(c) in (
            "doc", "act", "bill", "statement")), None)
        main = doc.find(f"{A}mainBody") if doc is not None else None
        if doc is None or main is None or any(
                isinstance(c.tag, str) and local(c) not in ("meta", "mainBody") for c in doc):
            return self.opaque(el, "attachment")
        self.no_text(el)
        self.no_text(doc)
        self.no_text(main)
        kind = Kind(el.get(f"{M}kind")) if el.get(f"{M}kind") else ANNEX_OF_DOC.get(
            doc.get("name") or "", Kind.SCHEDULE)
        num_el = el.find(f"{A}num")
        marks: list[Mark] = []
        if num_el is not None:
            raw, num_marks = self.inline(num_el, "num")
            value = _num_value(raw or "")
            num = _designation(value, kind)
            marks.extend(_shift_num_marks(num_marks, raw or "", value))
        else:
            num = _designation(_attachment_number(el, doc) or "1", kind)
        heading = None
        heading_el = el.find(f"{A}heading")
        if heading_el is not None:
            heading, heading_marks = self.inline(heading_el, "heading")
            marks.extend(heading_marks)
        extras = self.extras(el, kind, num)
        items = tuple(c for c in main if isinstance(c.tag, str))
        return unread_provision(kind, num, self.ident(el),
                                AknSource(el, self, kind, True, items),
                                (heading, None, None, tuple(marks), extras))

    def paragraph(self, el: etree._Element) -> Provision:
        """A <p> standing among other content: a block of words."""
        text, marks = self.inline(el, "text")
        extras = tuple((k, v) for k, v in _attrs(el) if k != f"{M}block")
        recorded = el.get(f"{M}extras")
        if recorded is not None:
            extras = tuple((str(k), str(v)) for k, v in json.loads(recorded))
        if text is None and not marks and not extras:
            extras = ((f"{TAG}", "p"),)
        node = Provision(Kind.BLOCK, None, text=text, marks=marks, extras=extras,
                         ident=el.get(f"{M}ident") or None)
        read_node(node, AknSource(el, self, Kind.BLOCK, False))
        return node

    def block_list(self, el: etree._Element, in_annex: bool) -> Provision:
        """A ``blockList``: its introduction as text, its items, its closing words."""
        text = wrap = None
        marks: list[Mark] = []
        items: list[etree._Element] = []
        self.no_text(el)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if local(child) == "listIntroduction" and text is None and not items:
                text, intro_marks = self.inline(child, "text")
                marks.extend(intro_marks)
            elif local(child) == "listWrapUp":
                wrap, wrap_marks = self.inline(child, "wrap_up")
                marks.extend(wrap_marks)
            else:
                items.append(child)
        extras = self.extras(el, Kind.LIST, None)
        return unread_provision(Kind.LIST, None, self.ident(el),
                                _ListSource(el, self, Kind.LIST, in_annex, tuple(items)),
                                (None, text, wrap, tuple(marks), extras))

    def item(self, el: etree._Element, in_annex: bool) -> Provision:
        """An ``item`` of a list: optional number, its first <p> as its words, the rest."""
        num: Designation | None = None
        marks: list[Mark] = []
        num_el = el.find(f"{A}num")
        if num_el is not None:
            raw, num_marks = self.inline(num_el, "num")
            value = _num_value(raw or "")
            if value:
                num = _designation(value, Kind.ITEM)
                marks.extend(_shift_num_marks(num_marks, raw or "", value))
        text = None
        items: list[etree._Element] = []
        self.no_text(el)
        for child in el:
            if not isinstance(child.tag, str) or child is num_el:
                continue
            if text is None and not items and _text_p(child):
                text, text_marks = self.inline(child, "text")
                marks.extend(text_marks)
            else:
                items.append(child)
        extras = self.extras(el, Kind.ITEM, num)
        return unread_provision(Kind.ITEM, num, self.ident(el),
                                AknSource(el, self, Kind.ITEM, in_annex, tuple(items)),
                                (None, text, None, tuple(marks), extras))

    def container(self, el: etree._Element, in_annex: bool) -> Node:
        """A ``blockContainer``: a block of blocks (its first <p> as its words)."""
        text = None
        marks: list[Mark] = []
        items: list[etree._Element] = []
        heading = None
        wrap = None
        self.no_text(el)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.get(f"{M}block") == "closing":
                wrap, wrap_marks = self.inline(child, "wrap_up")
                marks.extend(wrap_marks)
            elif local(child) == "heading" and heading is None and not items and text is None:
                heading, heading_marks = self.inline(child, "heading")
                marks.extend(heading_marks)
            elif text is None and not items and _text_p(child):
                text, text_marks = self.inline(child, "text")
                marks.extend(text_marks)
            else:
                items.append(child)
        if any(local(i) == "subheading" for i in items):
            return self.opaque(el, "blockContainer")
        extras = self.extras(el, Kind.BLOCK, None)
        if text is None and heading is None and not items and not marks and not extras:
            return self.opaque(el, "blockContainer")
        return unread_provision(Kind.BLOCK, None, self.ident(el),
                                AknSource(el, self, Kind.BLOCK, in_annex, tuple(items)),
                                (heading, text, wrap, tuple(marks), extras))

    # --- tables -----------------------------------------------------------------------

    def table(self, el: etree._Element) -> Table:
        """An AKN table: its rows modelled (cells' words and marks), the rest kept by its source."""
        rows: list[Row] = []
        for index, tr in enumerate(tr for tr in el if isinstance(tr.tag, str) and local(tr) == "tr"):
            rows.append(self.row(tr, index))
        recorded = el.get(f"{M}extras")
        extras = tuple((str(k), str(v)) for k, v in json.loads(recorded)) if recorded else \
            tuple((k, v) for k, v in _attrs(el) if k != "eId")
        node = Table(tuple(rows), extras, self.ident(el), AknSource(el, self, None, False))
        read_node(node, AknSource(el, self, None, False))
        return node

    def row(self, tr: etree._Element, index: int) -> Row:
        cells: list[str] = []
        marks: list[Mark] = []
        fixed: list[int] = []
        tds = [c for c in tr if isinstance(c.tag, str) and local(c) in ("td", "th")]
        for i, td in enumerate(tds):
            blocks = [c for c in td if isinstance(c.tag, str)]
            if len(blocks) == 1 and local(blocks[0]) == "p" and not (td.text or "").strip() \
                    and not (blocks[0].tail or "").strip():
                text, cell_marks = self.inline(blocks[0], str(i))
            elif not blocks or all(local(b) not in BLOCKS for b in blocks):
                text, cell_marks = self.inline(td, str(i))
            else:
                text, cell_marks = " ".join("".join(td.itertext()).split()) or None, ()
                fixed.append(i)
            cells.append(text or "")
            marks.extend(cell_marks)
        if not cells:
            cells, fixed = [""], [0]
        if tr.get(f"{M}fixed") is not None:
            fixed = [int(i) for i in (tr.get(f"{M}fixed") or "").split()]
        header = bool(tds) and all(local(c) == "th" for c in tds)
        return Row(tuple(cells), header, tuple(marks), tuple(fixed), index)

    # --- inline -----------------------------------------------------------------------

    def inline(self, el: etree._Element, field: str) -> tuple[str | None, Marks]:
        """An element's words (white space collapsed) and the marks of its inline markup."""
        return inline_text(el, field, self.escaped)

    def opaque(self, el: etree._Element, role: str) -> Opaque:
        xml = canonical(restored(el) if self.escaped else el)
        ident = el.get("eId") if self.source_eids else el.get(f"{M}ident")
        return Opaque(FORMAT, xml, role, _block_words(el), ident)

    def no_text(self, el: etree._Element) -> None:
        """Refuse words where AKN has only structure (they would otherwise be lost)."""
        if el.text and el.text.strip():
            raise self.fail(f"unexpected text {el.text.strip()[:40]!r}", el)
        for child in el:
            if child.tail and child.tail.strip():
                raise self.fail(f"unexpected text {child.tail.strip()[:40]!r} after "
                                f"<{local(child)}>", el)


class _ListSource(AknSource):
    """A list's items: each ``item`` is an item node."""

    __slots__ = ()

    def read_children(self) -> tuple[Node, ...]:
        out: list[Node] = []
        for el in self.items:
            if _empty(el):
                continue
            if local(el) == "item" and namespace(el) == AKN_NS:
                out.append(self.reader.item(el, self.in_annex))
            else:
                out.append(self.reader.node(el, Kind.LIST, self.in_annex))
        try:
            check_kinds(Kind.LIST, tuple(out))
        except InvalidStatute as exc:
            raise self.reader.fail(str(exc), self.element) from None
        return tuple(out)


class _Inline(InlineText):
    """Gathers an element's text and the marks of its inline markup at raw offsets."""

    __slots__ = ("escaped",)

    def __init__(self, field: str, escaped: bool) -> None:
        super().__init__(field)
        self.escaped = escaped

    def element(self, child: etree._Element) -> None:
        start = self.length
        ns = namespace(child)
        name = local(child)
        control = child.get(f"{M}mark")
        if control == "object":
            payload = next((c for c in child.iter() if c is not child and isinstance(
                c.tag, str) and local(c) != "foreign"), None)
            data = canonical(payload) if payload is not None else b""
            self.marks.append(Mark(self.field, start, start, "object", (), data))
            return
        if ns != AKN_NS or (name in SUBFLOWS and control is None) or (
                control is None and not _has_text(child) and name not in MARK_OF):
            self.marks.append(Mark(self.field, start, start, "object", (),
                                  canonical(restored(child) if self.escaped else child)))
            return
        index = len(self.marks)
        first_part = len(self.parts)
        self.gather(child)
        if self.length > start and not "".join(self.parts[first_part:]).strip():
            # Only white space around what it holds: kept whole, as an atom.
            del self.parts[first_part:]
            self.length = start
        attrs = _mark_attrs(child, control is not None)
        mark_name = control or MARK_OF.get(name) or f"{{{AKN_NS}}}{name}"
        if self.length > start or (mark_name in ATOMS and len(self.marks) == index):
            mark = Mark(self.field, start, self.length, mark_name, attrs)
        else:
            mark = Mark(self.field, start, start, "object", (), canonical(child))
            del self.marks[index:]
        self.marks.insert(index, mark)


# --- layout: what a written element shows (shared with the writer) ---------------------

def inline_text(el: etree._Element, field: str, escaped: bool = False
                ) -> tuple[str | None, Marks]:
    """An element's words (white space collapsed) and the marks of its inline markup."""
    acc = _Inline(field, escaped)
    acc.gather(el)
    text, mapped = collapse_marked("".join(acc.parts), tuple(acc.marks), field)
    return (text or None), mapped


def derived_extras(el: etree._Element, kind: Kind, num: Designation | None,
                   context: Extras = ()) -> Extras:
    """The extras a node read from ``el`` gets: its attributes and its layout notes.

    The writer checks its elements against this: where the result differs from the node's
    extras it records them (``ld:extras``).
    """
    out: list[tuple[str, str]] = []
    name = local(el)
    default_tag, default_name = ELEMENT_OF_KIND.get(kind, (name, None))
    for key, value in _attrs(el):
        if key == "eId" or (key == "name" and name == default_tag == "hcontainer"
                            and value == default_name):
            continue
        out.append((key, value))
    if name != default_tag and not (name == "crossHeading" and kind is Kind.CROSSHEADING):
        out.append((TAG, name))
    if name == "crossHeading":
        out.append((TAG, name))
    if name == "attachment":
        doc = next((c for c in el if isinstance(c.tag, str) and local(c) in (
            "doc", "act", "bill", "statement")), None)
        if doc is not None:
            meta = doc.find(f"{A}meta")
            main = doc.find(f"{A}mainBody")
            out.append((DOC, json.dumps({
                "tag": local(doc), "attrs": list(_attrs(doc)),
                "meta": canonical(meta).decode() if meta is not None else None,
                "main": list(_attrs(main)) if main is not None else []})))
        if el.find(f"{A}num") is None:
            out.append((NUM, ""))
    num_el = el.find(f"{A}num")
    if num_el is not None and num is not None:
        printed = inline_text(num_el, "num")[0] or ""
        if printed != num_text(kind, num):
            out.append((NUM, printed))
    elif num_el is not None and kind in (Kind.LIST, Kind.ITEM, Kind.BLOCK):
        out.append((NUM, inline_text(num_el, "num")[0] or ""))
    for part, key in (("num", NUM_ATTRS), ("heading", HEADING_ATTRS)):
        sub = el.find(f"{A}{part}")
        if sub is not None and _attrs(sub):
            out.append((key, json.dumps(list(_attrs(sub)))))
    subheading = el.find(f"{A}subheading")
    if subheading is not None:
        out.append((SUBHEADING, canonical(subheading).decode()))
    for part, key in (("intro", INTRO_ATTRS), ("content", CONTENT_ATTRS),
                      ("wrapUp", WRAPUP_ATTRS), ("listIntroduction", LIST_INTRO),
                      ("listWrapUp", LIST_WRAP)):
        sub = el.find(f"{A}{part}")
        if sub is None:
            continue
        if _attrs(sub):
            out.append((key, json.dumps(list(_attrs(sub)))))
        blocks = [c for c in sub if isinstance(c.tag, str)]
        if part in ("intro", "content") and blocks and _text_p(blocks[0]) and _attrs(blocks[0]):
            out.append((TEXT_ATTRS, json.dumps(list(_attrs(blocks[0])))))
        if part == "wrapUp" and blocks and _text_p(blocks[-1]) and _attrs(blocks[-1]):
            out.append((WRAP_ATTRS, json.dumps(list(_attrs(blocks[-1])))))
    if kind in (Kind.ITEM, Kind.BLOCK) and name in ("item", "blockContainer"):
        first = next((c for c in el if isinstance(c.tag, str) and local(c) not in (
            "num", "heading")), None)
        if first is not None and _text_p(first) and _attrs(first):
            out.append((TEXT_ATTRS, json.dumps(list(_attrs(first)))))
    parent = el.getparent()
    if parent is not None and local(parent) == "hcontainer" and parent.get("name") == "schedules":
        out.append((IN, "schedules"))
    out.extend(context)
    return tuple(out)


def eid_token(value: str) -> str:
    """A number as it stands in an eId: white space and unsafe characters become "-"."""
    return re.sub(r"[^A-Za-z0-9.\-]+", "-", value).strip("-") or "x"


def restored(el: etree._Element) -> etree._Element:
    """A copy of ``el`` with every attribute the writer kept in the lda namespace given back."""
    import copy

    out = copy.deepcopy(el)
    for node in out.iter():
        if not isinstance(node.tag, str):
            continue
        moved = [(k, v) for k, v in node.attrib.items() if str(k).startswith(_ESC)]
        if not moved:
            continue
        items = [(str(k)[len(_ESC):] if str(k).startswith(_ESC) else str(k), v)
                 for k, v in node.attrib.items()]
        node.attrib.clear()
        for k, v in items:
            node.set(k, v)
    etree.cleanup_namespaces(out)
    return out


def _attrs(el: etree._Element) -> tuple[tuple[str, str], ...]:
    """An element's attributes in order, lawdiff's control attributes left out and the
    attributes it kept in the lda namespace given back."""
    out = []
    for k, v in el.attrib.items():
        key = str(k)
        if key.startswith(f"{{{META_NS}}}"):
            continue
        if key.startswith(_ESC):
            key = key[len(_ESC):]
        out.append((key, str(v)))
    return tuple(out)


def _mark_attrs(el: etree._Element, written: bool) -> tuple[tuple[str, str], ...]:
    attrs = _attrs(el)
    if written and local(el) == "inline":
        attrs = tuple((k, v) for k, v in attrs if k != "name") if el.get(
            f"{M}named") is None else attrs
    return attrs


def _empty(el: etree._Element) -> bool:
    """A placeholder the writer put where AKN requires an element and the model has none."""
    return "empty" in (el.get(f"{M}wrap"), el.get(f"{M}block"))


def _text_p(el: etree._Element) -> bool:
    """A <p> holding a provision's words (not one lawdiff marked as a block of its own)."""
    return local(el) == "p" and namespace(el) == AKN_NS and el.get(f"{M}block") is None \
        and el.get(f"{M}wrap") is None


def _numbered(el: etree._Element) -> bool:
    return local(el) in HIER and el.find(f"{A}num") is not None and bool(
        " ".join("".join(el.find(f"{A}num").itertext()).split()))  # type: ignore[union-attr]


def numbered_kind(el: etree._Element, value: str, parent: Kind | None, in_annex: bool,
                  unit: Kind, forced: str | None) -> tuple[Kind, Designation] | None:
    """The kind and number of a numbered element (number ``value``) under ``parent``: the
    kind its element names where it may stand there, else what its number's style makes it
    (a "(1)" under a section is a subsection); None where no numbered kind may stand."""
    style = _guess(value)
    candidates: list[Kind] = []
    if forced:
        candidates.append(Kind(forced))
    natural = _natural_kind(el, parent, in_annex, unit)
    if natural is not None:
        candidates.append(natural)
    with contextlib.suppress(InvalidAddress):
        candidates.append(child_kind(parent, style))
    if parent is None or parent.transparent or parent in _ANNEXES:
        candidates.append(Kind.SCHEDULE_PARAGRAPH if in_annex else unit)
    allowed = ROOT_CHILDREN if parent is None else ALLOWED_CHILDREN[parent]
    for kind in candidates:
        if kind in allowed and not kind.content:
            return kind, _designation(value, kind)
    return None


def _natural_kind(el: etree._Element, parent: Kind | None, in_annex: bool,
                  unit: Kind) -> Kind | None:
    name = local(el)
    if name == "hcontainer":
        return HCONTAINER_KIND.get(el.get("name") or "")
    if name in GROUPINGS:
        return GROUPINGS[name]
    if name in UNITS:
        return UNITS[name]
    if name == "subsection":
        return Kind.SUBSECTION
    if name == "paragraph":
        if parent is None or parent.transparent or parent in _ANNEXES:
            return Kind.SCHEDULE_PARAGRAPH if in_annex else unit
        return None
    if name == "subparagraph":
        return Kind.SCHEDULE_SUBPARAGRAPH if parent is Kind.SCHEDULE_PARAGRAPH else None
    if name == "clause":
        return Kind.CLAUSE
    if name == "subclause":
        return Kind.SUBCLAUSE
    return None


def _num_value(raw: str) -> str:
    """ "(a)" → "a", "1." → "1", "PART 2" → "2", "Kwanza" → "Kwanza"."""
    value = raw.strip()
    value = _NUM_WORDS.sub("", value)
    if len(value) > 2 and value.startswith("(") and value.endswith(")"):
        value = value[1:-1]
    elif len(value) > 1 and value.endswith((".", ")")) and value[:-1].strip():
        value = value[:-1]
    return value.strip()


def _shift_num_marks(marks: Marks, raw: str, value: str) -> Marks:
    """Marks of a printed number moved onto the number itself (atoms kept at its edges)."""
    start = raw.find(value)
    if start < 0:
        start = 0
    out = []
    for m in marks:
        a = min(max(m.start - start, 0), len(value))
        b = min(max(m.end - start, 0), len(value))
        if m.is_atom:
            out.append(m.moved(a, a))
        elif a < b:
            out.append(m.moved(a, b))
    return tuple(out)


def _designation(value: str, kind: Kind) -> Designation:
    if kind.style is None and not kind.bracketed:
        try:
            return Designation.parse(value)
        except InvalidDesignation:
            return Designation(value, Style.OTHER)
    if any(c.isdigit() for c in value):
        style = Style.NUMBER
    elif kind.style is not None and kind.style is not Style.NUMBER and _fits(kind.style, value):
        style = kind.style
    else:
        style = _guess(value)
    try:
        num = Designation.parse(value, style)
    except InvalidDesignation:
        num = Designation(value, Style.OTHER)
    if kind.style is not None and num.style is not kind.style:
        num = Designation(value, Style.OTHER)
    return num


def _fits(style: Style, value: str) -> bool:
    try:
        Designation.parse(value, style)
    except InvalidDesignation:
        return False
    return True


def _guess(value: str) -> Style:
    if any(c.isdigit() for c in value):
        return Style.NUMBER
    if value.islower() and value.isalpha():
        return Style.ROMAN if _fits(Style.ROMAN, value) and value not in ("i", "v", "x") \
            and len(value) > 1 and set(value) <= set("ivxl") else Style.ALPHA
    if value.isupper() and value.isalpha():
        return Style.UPPER_ALPHA
    return Style.OTHER


def _attachment_number(el: etree._Element, doc: etree._Element) -> str | None:
    this = doc.find(f"{A}meta/{A}identification/{A}FRBRWork/{A}FRBRthis")
    for text in ((this.get("value") if this is not None else None), el.get("eId")):
        if text:
            m = re.search(r"[_!](\d+)$", text)
            if m:
                return m.group(1)
    return None


def _work_of(this: str, uri: str) -> tuple[str, str, int]:
    """(work, document type, year) from FRBR work identifiers, or ("", "", 0)."""
    for text in (this, uri):
        m = _LGU_RE.search(text)
        if m:
            work = f"{m.group(1)}/{m.group(2)}/{m.group(3)}"
            return work, m.group(1), _year_of(m.group(2))
        m = _OWN_AKN_RE.match(text)
        if m:
            doc_type = m.group(1) or "ukpga"
            return f"{doc_type}/{m.group(2)}/{m.group(3)}", doc_type, _year_of(m.group(2))
    for text in (uri, this):
        if text.startswith("/akn/"):
            parts = [p for p in text.split("/") if p]
            core = []
            for p in parts:
                if p.startswith("!") or "@" in p:
                    break
                core.append(p)
            if core and core[-1] == "main":
                core.pop()
            year = next((int(p[:4]) for p in core if re.fullmatch(r"\d{4}(-\d\d){0,2}", p)), 1)
            return "/".join(core), core[1] if len(core) > 1 else "akn", year
    return "", "", 0


def _year_of(text: str) -> int:
    m = re.search(r"\d{4}", text)
    return int(m.group(0)) if m else 1


def _year_in(text: str) -> int | None:
    m = re.search(r"\b(1[5-9]\d\d|2\d\d\d)\b", text)
    return int(m.group(1)) if m else None


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _real_day(el: etree._Element | None, allow_generation: bool = False) -> date | None:
    """A FRBRdate that is a real day (not an estimate, a year, or a placeholder)."""
    if el is None or el.get("name") in ("estimated", "year"):
        return None
    day = _day(el.get("date"))
    if day is None or day.year >= 9999 or day.year < 2 or len(el.get("date", "")) < 10:
        return None
    return day


def _made_date(doc: etree._Element) -> date | None:
    """The day an instrument was made as its preface prints it (Lawmaker's drafts)."""
    for block in doc.iterfind(f"{A}preface//{A}block[@name='madeDate']"):
        found = block.find(f".//{A}docDate")
        if found is not None:
            return _day(found.get("date"))
    return None


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _text_of(doc: etree._Element, name: str) -> str:
    found = doc.find(f".//{A}{name}")
    return _text(found) if found is not None else ""


def _dc_title(meta: etree._Element | None) -> str | None:
    if meta is None:
        return None
    found = meta.find(".//{http://purl.org/dc/elements/1.1/}title")
    return _text(found) or None if found is not None else None


def _has_text(el: etree._Element) -> bool:
    return any(t.strip() for t in el.itertext())


def _qualified(el: etree._Element) -> str:
    ns = namespace(el)
    return f"{{{ns}}}{local(el)}" if ns else local(el)


_BREAKS = frozenset({"p", "heading", "num", "tr", "td", "th", "item", "listIntroduction",
                     "listWrapUp", "docTitle", "docNumber", "longTitle", "block", "subheading",
                     "note", "authorialNote", "FRBRthis", "blockContainer", "formula", "intro",
                     "wrapUp", "content"})


def _block_words(el: etree._Element) -> tuple[str, ...]:
    """An element's words, one string per block of text inside it."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        text = " ".join("".join(pending).split())
        if text:
            out.append(text)
        pending.clear()

    def walk(node: etree._Element) -> None:
        block = isinstance(node.tag, str) and local(node) in _BREAKS
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


def _iter_eids(el: etree._Element) -> Iterator[str]:
    for node in el.iter():
        if isinstance(node.tag, str):
            eid = node.get("eId")
            if eid is not None:
                yield eid


__all__ = ["AknSource", "act_from_element", "derived_extras", "eid_token", "is_akn",
           "read_akn", "restored"]
