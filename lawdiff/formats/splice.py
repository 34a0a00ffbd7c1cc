"""Writing documents by splicing: content kept verbatim goes in as its own bytes.

Writers build the new parts of a document as an element tree and put a
placeholder where content is copied unchanged (a provision untouched since
it was read, opaque content); :meth:`Splices.join` serialises the tree and
puts each piece's bytes in its placeholder's place.  This is faster than
copying subtrees, and it keeps each piece exactly as its own document
declared it: moving a subtree between lxml documents can misplace a default
namespace that an element inside the piece shadows (a CLML element inside an
XHTML table cell, say).
"""

from __future__ import annotations

import re

from lxml import etree

_TAG = "lawdiff-splice-4b1d"
_PLACE = re.compile(rb"<" + _TAG.encode() + rb'(?: xmlns="")? n="(\d+)"/>')


class Splices:
    """The pieces spliced into one document being written."""

    def __init__(self) -> None:
        self.pieces: list[bytes] = []

    def placeholder(self, data: bytes) -> etree._Element:
        """A placeholder element for ``data`` (one serialised element, as its own document)."""
        el = etree.Element(_TAG, n=str(len(self.pieces)))
        self.pieces.append(data)
        return el

    def element(self, source: object) -> etree._Element:
        """A placeholder for an element of a parsed document, copied as it stands there."""
        assert isinstance(source, etree._Element)
        return self.placeholder(etree.tostring(source, with_tail=False, encoding="utf-8"))

    def standalone(self, el: etree._Element) -> etree._Element:
        """A placeholder for an element built apart (serialised now, in its own document; the
        placeholders in it are filled now)."""
        data = etree.tostring(el, with_tail=False, encoding="utf-8")
        if self.pieces:
            data = _PLACE.sub(lambda m: self.pieces[int(m.group(1))], data)
        return self.placeholder(data)

    def is_placeholder(self, el: etree._Element) -> bool:
        """True for an element :meth:`placeholder` made."""
        return el.tag == _TAG

    def join(self, root: etree._Element) -> bytes:
        """The document: ``root`` serialised with every placeholder replaced by its piece."""
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        if not self.pieces:
            return data
        return _PLACE.sub(lambda m: self.pieces[int(m.group(1))], data)
