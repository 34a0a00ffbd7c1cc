"""Reading and writing a document in any supported format, chosen from its content.

The format of input is decided by what the bytes hold, never by the file
name: XML whose root is CLML's ``Legislation`` is CLML, an ``akomaNtoso``
root is Akoma Ntoso, a JSON object written by lawdiff is lawdiff JSON, and
anything else is read as legislation.gov.uk plain text.
"""

from __future__ import annotations

import codecs
import re

from lawdiff.errors import InvalidStatute
from lawdiff.model import Act

FORMATS = ("clml", "akn", "text", "json")
"""The formats lawdiff reads and writes."""

_XML_START = re.compile(rb"\s*<")
_JSON_START = re.compile(rb"\s*\{")


def sniff(data: bytes) -> str:
    """What a document's bytes hold: "xml", "json" or "text"."""
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    if _XML_START.match(body[:4096]) or data.startswith((codecs.BOM_UTF16_LE,
                                                         codecs.BOM_UTF16_BE)):
        return "xml"
    if _JSON_START.match(body[:64]):
        return "json"
    return "text"


def read_document(data: bytes, source: str = "<input>", *, within: str | None = None) -> Act:
    """Read a document in any supported format (see the module docstring).

    ``within`` says where a plain-text extract sits (its citation, e.g.
    "s. 6") when its first line is a subsection or lower.  Raises
    InvalidStatute, naming ``source``, for anything unreadable.
    """
    kind = sniff(data)
    if kind == "xml":
        from lawdiff.formats.clml_reader import act_from_element, is_clml
        from lawdiff.formats.xml import local, parse_xml

        root = parse_xml(data, source)
        if is_clml(root):
            return act_from_element(root, source)
        if local(root) == "akomaNtoso":
            from lawdiff.formats import akn

            return akn.act_from_bytes(data, source)
        raise InvalidStatute(f"not a document lawdiff reads: the XML root is <{local(root)}> "
                             f"(lawdiff reads CLML <Legislation> and Akoma Ntoso "
                             f"<akomaNtoso>)", source=source, line=root.sourceline)
    if kind == "json":
        from lawdiff.formats.jsondoc import read_json

        return read_json(data, source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidStatute(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                             source=source) from None
    return _read_text(text, source, within)


def _read_text(text: str, source: str, within: str | None) -> Act:
    from lawdiff.formats.text import read_text

    return read_text(text, source, within=within)


def write_document(act: Act, fmt: str) -> bytes:
    """The Act in ``fmt`` ("clml", "akn", "text" or "json") as bytes."""
    if fmt == "clml":
        from lawdiff.formats.clml_writer import write_clml

        return write_clml(act)
    if fmt == "akn":
        from lawdiff.formats.akn import act_to_bytes

        return act_to_bytes(act)
    if fmt == "json":
        from lawdiff.formats.jsondoc import write_json

        return write_json(act)
    if fmt == "text":
        from lawdiff.formats.text import write_text

        return write_text(act).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def format_of(act: Act) -> str:
    """The format an Act was read from ("clml", "akn" …), or "akn" for one built by lawdiff."""
    source = act.source
    return source.fmt if source is not None else "akn"


__all__ = ["FORMATS", "format_of", "read_document", "sniff", "write_document"]
