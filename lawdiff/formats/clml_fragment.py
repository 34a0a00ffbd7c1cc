"""Quoted structures of a CLML amending instrument (``BlockAmendment``) read as model nodes.

An amending instrument quotes the provisions it inserts or substitutes; the
CLML reader keeps each quotation whole, as an :class:`~lawdiff.model.Opaque`
node (role "BlockAmendment") holding its canonical XML.  What the quoted
provisions *are* -- sections, subsections, paragraphs, Schedule paragraphs --
depends on where they go in the amended Act, which only the instruction
says.  :func:`read_block_amendment` reads the quotation as the children of a
given place in the amended Act: it builds a small CLML document in which the
quoted elements stand inside that place's ancestors and reads it with
:func:`~lawdiff.formats.clml_reader.act_from_element`, so the kinds,
numbers, text and inline markup come out exactly as the reader gives them for
provisions standing there.

:func:`quoted_words` gives the quotation as it is printed, for an
instruction's text: "(a) a person registered …;", "6A Heading (1) …".
"""

from __future__ import annotations

import re

import attrs
from lxml import etree

from lawdiff.designation import Designation
from lawdiff.errors import InvalidAmendment, LawdiffError
from lawdiff.formats.clml_names import LEVELS, NS, UKM, UNIT_ID, C
from lawdiff.formats.clml_reader import act_from_element
from lawdiff.formats.xml import from_canonical, local, namespace
from lawdiff.model import Act, Kind, Node, Omitted, Opaque, Provision, Table

_ANNEX_ELEMENT = {Kind.SCHEDULE: ("Schedule", "ScheduleBody"),
                  Kind.APPENDIX: ("Appendix", "AppendixBody")}
_PRIMARY = frozenset({Kind.SECTION, Kind.ARTICLE, Kind.REGULATION, Kind.RULE,
                      Kind.SCHEDULE_PARAGRAPH})
_BREAK_BEFORE = frozenset({"Pnumber", "Title", "Text", "P", "Para", "BlockText", "ListItem",
                           "tr"})
_SOURCE = "<quoted structure>"
_XML_SPACE = re.compile(r"[ \t\r\n]+")  # a no-break space is a character of the text
_MINOR_TYPE = {Kind.ARTICLE: "order", Kind.REGULATION: "regulation", Kind.RULE: "rule"}

Context = tuple[tuple[Kind, Designation | None], ...]
"""The place quoted provisions go: the kinds and numbers of the provisions around it, outermost
first (groupings left out), e.g. ((SECTION, 204), (SUBSECTION, 2)); () for the Act's body."""


def is_block_amendment(node: Node) -> bool:
    """True for a CLML quoted structure kept by the reader (an Opaque "BlockAmendment")."""
    return isinstance(node, Opaque) and node.fmt == "clml" and node.role == "BlockAmendment"


def quoted_words(xml: bytes) -> str:
    """The words of a quoted structure as printed: numbers in brackets below a section's level
    ("(a) a person …;"), a section's or Schedule paragraph's number bare ("6A Heading (1) …"),
    one space between blocks, without the quotation marks."""
    root = from_canonical(xml)
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        name = local(el)
        if namespace(el) == NS and name == "P1group":
            # Printed as "6A Heading (1) …": the section's number before its heading.
            title = el.find(f"{C}Title")
            p1s = [c for c in el if isinstance(c.tag, str) and local(c) == "P1"]
            pnumber = p1s[0].find(f"{C}Pnumber") if len(p1s) == 1 else None
            if title is not None and pnumber is not None:
                parts.append(" " + "".join(pnumber.itertext()) + " ")
                parts.append("".join(title.itertext()) + " ")
                for child in p1s[0]:
                    if isinstance(child.tag, str) and child is not pnumber:
                        walk(child)
                return
        if namespace(el) == NS and name == "Reference":
            # The margin reference of a quoted Schedule ("Section 6A"): not printed in the text.
            if el.tail:
                parts.append(el.tail)
            return
        if namespace(el) == NS and name == "Pnumber":
            number = _XML_SPACE.sub(" ", "".join(el.itertext())).strip(" \t\r\n")
            parent = el.getparent()
            if el.get("PuncBefore") is not None or el.get("PuncAfter") is not None:
                number = f"{el.get('PuncBefore') or ''}{number}{el.get('PuncAfter') or ''}"
                parts.append(f" {number} ")
            elif parent is not None and local(parent) == "P1":
                parts.append(f" {number} ")
            else:
                parts.append(f" ({number}) ")
            if el.tail:
                parts.append(el.tail)
            return
        if name in _BREAK_BEFORE:
            parts.append(" ")
        if el.text:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            elif child.tail:
                parts.append(child.tail)
        if name in _BREAK_BEFORE:
            parts.append(" ")
        if el is not root and el.tail:
            parts.append(el.tail)

    walk(root)
    return _XML_SPACE.sub(" ", "".join(parts)).strip(" \t\r\n")


def read_block_amendment(xml: bytes, context: Context, unit: Kind = Kind.SECTION
                         ) -> tuple[Node, ...]:
    """The provisions a quoted structure holds, as children of the place ``context`` names.

    ``unit`` is the amended Act's primary unit (sections, articles,
    regulations or rules), for provisions quoted at its top level.  The
    nodes are built afresh (never copied from the instrument's XML by a
    writer) and keep their words, numbers, headings and inline markup.
    Raises InvalidAmendment when the quotation cannot stand there (a
    paragraph quoted where a section belongs, say).
    """
    block = from_canonical(xml)
    if namespace(block) != NS or local(block) != "BlockAmendment":
        raise InvalidAmendment(f"not a CLML BlockAmendment: <{local(block)}>")
    content = [child for child in block if isinstance(child.tag, str)]
    if not content:
        raise InvalidAmendment("the quoted structure is empty")
    root, holder = _document(context, unit)
    for child in content:
        holder.append(child)
    try:
        act = act_from_element(root, _SOURCE)
        nodes = _children_at(act, context)
        return tuple(_fresh(n) for n in nodes)
    except LawdiffError as exc:
        where = _where(context)
        raise InvalidAmendment(f"the quoted structure cannot stand in {where}: {exc}") from None


def _document(context: Context, unit: Kind) -> tuple[etree._Element, etree._Element]:
    """A CLML document whose innermost element is the place ``context`` names."""
    root = etree.Element(f"{C}Legislation", nsmap={None: NS, "ukm": UKM})
    if unit is Kind.SECTION:
        root.set("DocumentURI", "http://www.legislation.gov.uk/ukpga/2000/1")
    else:
        # The reader takes an instrument's primary unit from its minor type.
        root.set("DocumentURI", "http://www.legislation.gov.uk/uksi/2000/1")
        meta = etree.SubElement(root, f"{{{UKM}}}Metadata")
        secondary = etree.SubElement(meta, f"{{{UKM}}}SecondaryMetadata")
        classification = etree.SubElement(secondary, f"{{{UKM}}}DocumentClassification")
        minor = etree.SubElement(classification, f"{{{UKM}}}DocumentMinorType")
        minor.set("Value", _MINOR_TYPE.get(unit, "order"))
    main = etree.SubElement(root, f"{C}Primary" if unit is Kind.SECTION else f"{C}Secondary")
    steps = list(context)
    if steps and steps[0][0] in _ANNEX_ELEMENT:
        kind, num = steps.pop(0)
        annex_name, body_name = _ANNEX_ELEMENT[kind]
        schedules = etree.SubElement(main, f"{C}Schedules")
        annex = etree.SubElement(schedules, f"{C}{annex_name}")
        number = etree.SubElement(annex, f"{C}Number")
        number.text = f"{annex_name} {num.value if num is not None else ''}".strip()
        holder = etree.SubElement(annex, f"{C}{body_name}")
    else:
        holder = etree.SubElement(main, f"{C}Body")
    for depth, (kind, num) in enumerate(steps):
        if depth >= len(LEVELS) or num is None:
            raise InvalidAmendment(f"quoted provisions cannot be placed in {_where(context)}")
        name = LEVELS[depth]
        level = etree.SubElement(holder, f"{C}{name}")
        if depth == 0 and kind in UNIT_ID and kind is not Kind.SCHEDULE_PARAGRAPH:
            level.set("id", f"{UNIT_ID[kind]}-{num.value}")
        pnumber = etree.SubElement(level, f"{C}Pnumber")
        pnumber.text = num.value
        holder = etree.SubElement(level, f"{C}{name}para")
    return root, holder


def _children_at(act: Act, context: Context) -> tuple[Node, ...]:
    nodes: tuple[Node, ...] = act.children
    for kind, num in context:
        found = [n for n in nodes if isinstance(n, Provision) and n.num == num]
        if len(found) != 1 or found[0].kind is not kind:
            got = found[0].kind.value if found else "nothing"
            raise InvalidAmendment(f"the place read as {got}, not a {kind.value}")
        nodes = found[0].children
    return nodes


def _fresh(node: Node) -> Node:
    """A node built from the model alone: no source to copy, and no element name that only
    the instrument's nesting gave it (a P4 quoted for a paragraph of a subsection)."""
    if isinstance(node, Provision):
        extras = tuple((k, v) for k, v in node.extras
                       if not (k == "@tag" and v in LEVELS))
        return Provision(node.kind, node.num, heading=node.heading, text=node.text,
                         children=tuple(_fresh(c) for c in node.children),
                         wrap_up=node.wrap_up, marks=node.marks, extras=extras,
                         ident=node.ident)
    if isinstance(node, Table):
        return Table(node.rows, node.extras, node.ident, node.source)
    if isinstance(node, (Omitted, Opaque)):
        return node
    return attrs.evolve(node)


def _where(context: Context) -> str:
    if not context:
        return "the body of the Act"
    return ", ".join(f"{kind.value} {num}" if num is not None else kind.value
                     for kind, num in context)


__all__ = ["Context", "is_block_amendment", "quoted_words", "read_block_amendment"]
