"""Safe XML in and out, shared by the formats (the only place lxml parsing is set up).

Untrusted input is parsed defensively: a document with a DTD (and so any
entity declaration) is refused before parsing, entities are never resolved,
the network is never used, and a document nested deeper than libxml2's
default limit is refused with a message a user can act on.
"""

from __future__ import annotations

import re

from lxml import etree

from lawdiff.errors import InvalidStatute, UnsafeXML
from lawdiff.inline import Mark, collapse_space

_DTD_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DEPTH_RE = re.compile(r"(?i)excessive depth|huge input lookup|XML_PARSE_HUGE")


def parse_xml(data: bytes, source: str) -> etree._Element:
    """Parse untrusted XML; raises UnsafeXML for DTDs/entities, InvalidStatute if malformed.

    The error is one line naming ``source`` and the line where parsing
    stopped.  Comments and processing instructions are dropped (they carry no
    words of the law).
    """
    if _DTD_RE.search(data):
        raise UnsafeXML("the document declares a DTD or entities, which lawdiff refuses to read",
                        source=source)
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise InvalidStatute("malformed XML: the file contains a NUL byte (it is binary, or "
                             "UTF-16/32 without a byte-order mark)", source=source, line=line)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = " ".join(str(exc.msg).split())
        if _DEPTH_RE.search(message):
            message = ("the document is nested too deeply (more than 256 levels), which "
                       "lawdiff refuses as a safeguard against hostile input")
        # libxml2 ends some messages with the place again ("…, line 3, column 8").
        message = re.sub(r",?\s*line \d+, column \d+$", "", message)
        column = f" (column {exc.position[1]})" if exc.position and exc.position[1] else ""
        raise InvalidStatute(f"malformed XML: {message}{column}", source=source,
                             line=exc.lineno) from None
    except ValueError as exc:  # lxml refuses some inputs before libxml2 sees them
        raise InvalidStatute(f"malformed XML: {' '.join(str(exc).split())}",
                             source=source) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        # Reached only by encodings the byte scan cannot see (e.g. UTF-16).
        raise UnsafeXML("the document declares a DTD or entities, which lawdiff refuses to read",
                        source=source)
    return root


def canonical(el: etree._Element) -> bytes:
    """An element serialised canonically (exclusive C14N), without its tail.

    Two copies of the same content serialise alike whatever namespace
    prefixes their documents declared, so opaque content compares by value.
    """
    try:
        return etree.tostring(el, method="c14n", exclusive=True, with_comments=False)
    except (etree.C14NError, ValueError):
        # C14N refuses relative namespace URIs (xmlns:local="#local", left by some
        # publishing pipelines): serialise a copy without unused declarations instead.
        copy = _detached(el)
        etree.cleanup_namespaces(copy)
        return etree.tostring(copy, encoding="utf-8", with_tail=False)


def _detached(el: etree._Element) -> etree._Element:
    import copy as copying

    return copying.deepcopy(el)


def from_canonical(data: bytes) -> etree._Element:
    """The element :func:`canonical` serialised (a fresh copy, safe to attach anywhere)."""
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True,
                                                  load_dtd=False))


def local(el: etree._Element) -> str:
    """An element's local name ("" for comments and the like)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def namespace(el: etree._Element) -> str | None:
    """An element's namespace URI, or None."""
    tag = el.tag
    if not isinstance(tag, str) or not tag.startswith("{"):
        return None
    return tag[1:tag.index("}")]


def words(el: etree._Element) -> str:
    """All the text inside an element, white space collapsed."""
    return collapse_space("".join(el.itertext()))


class InlineText:
    """Gathers an element's text and the marks of its inline markup at raw offsets.

    A format's reader subclasses it with ``element``, which reads one child
    element (its words through ``add`` or ``gather``, its marks into ``marks``).
    """

    __slots__ = ("field", "length", "marks", "parts")

    def __init__(self, field: str) -> None:
        self.field = field
        self.parts: list[str] = []
        self.marks: list[Mark] = []
        self.length = 0

    def add(self, text: str | None) -> None:
        """Append words (None or empty: nothing)."""
        if text:
            self.parts.append(text)
            self.length += len(text)

    def gather(self, el: etree._Element) -> None:
        """Append ``el``'s text, each child element as ``element`` reads it, and its tail."""
        self.add(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child)
            self.add(child.tail)

    def element(self, child: etree._Element) -> None:
        raise NotImplementedError


def append_text(holder: etree._Element, chunk: str) -> None:
    """Append ``chunk`` after everything ``holder`` holds (its last child's tail, or its text)."""
    if len(holder):
        holder[-1].tail = (holder[-1].tail or "") + chunk
    else:
        holder.text = (holder.text or "") + chunk
