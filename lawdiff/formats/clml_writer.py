"""Writing the model as CLML (legislation.gov.uk's XML).

A document read from CLML is written back element for element: nodes
untouched since they were read are copied from their source (``verbatim``),
changed ones are rebuilt from the model -- number, title, words and inline
markup, and the attributes and layout the reader kept in ``extras`` -- and
opaque content is written back as it was read.  Provisions lawdiff created
take CLML's usual shape (``P1group``/``P1``/``P1para``/``Text`` …).

Content read from another format that CLML has no element for (an AKN
element kept opaque) is written in its own namespace: lawdiff reads it back
unchanged, but such a file does not validate against the CLML schema.
"""

from __future__ import annotations

import copy
import json
import zlib
from collections import defaultdict, deque
from collections.abc import Sequence

from lxml import etree

from lawdiff.codec import node_to_json
from lawdiff.formats.clml_names import (
    DC,
    DCT,
    ELEMENT_OF_GROUPING,
    ELEMENT_OF_MARK,
    ID_UNIT,
    LEVELS,
    MAIN_TYPE_OF,
    MATHML,
    NSMAP,
    NUMBER_WORDS,
    PRIMARY_TYPES,
    UKM,
    UNIT_ID,
    C,
)
from lawdiff.formats.clml_names import NS as CLML_NS
from lawdiff.formats.clml_names import (
    XHTML as XHTML_NS,
)
from lawdiff.formats.clml_reader import MODEL_RESOURCE, ClmlSource, primary_unit
from lawdiff.formats.jsondoc import document_parts
from lawdiff.formats.splice import Splices
from lawdiff.formats.xml import append_text, from_canonical, local, namespace
from lawdiff.inline import Mark, Marks, of_field
from lawdiff.model import (
    Act,
    Commentary,
    Extras,
    Kind,
    Node,
    Omitted,
    Opaque,
    Provision,
    Row,
    Table,
    extra,
)
from lawdiff.printing import DOTS

LD = "urn:lawdiff:meta"
_ANNEX_ELEMENT = {Kind.SCHEDULE: "Schedule", Kind.APPENDIX: "Appendix", Kind.ANNEX: "Schedule"}
_ANNEX_BODY = {Kind.SCHEDULE: "ScheduleBody", Kind.APPENDIX: "AppendixBody",
               Kind.ANNEX: "ScheduleBody"}
_UNITS = frozenset({Kind.SECTION, Kind.ARTICLE, Kind.REGULATION, Kind.RULE,
                    Kind.SCHEDULE_PARAGRAPH})


def write_clml(act: Act, *, verbatim: bool = True) -> bytes:
    """The Act as a CLML document (UTF-8 bytes with an XML declaration).

    With ``verbatim`` (the default) provisions unchanged since they were read
    from CLML are copied from their source; ``verbatim=False`` rebuilds every
    one from the model (the two give documents that read back alike).
    """
    if verbatim and act.pristine and act.source is not None and act.source.fmt == "clml":
        root = act.source.element
        assert isinstance(root, etree._Element)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    writer = _Writer(verbatim)
    return writer.splices.join(writer.act(act))


class _Writer:
    def __init__(self, verbatim: bool) -> None:
        self.verbatim = verbatim
        self.splices = Splices()
        self.unit: Kind | None = None  # the kind a reader takes a P1 without a telling id for
        self.act_: Act | None = None
        self.in_annex = 0  # how many Schedules (or other annexes) the node being written is in

    def default_unit(self) -> Kind | None:
        """The kind CLML's reader gives a P1 whose id does not say what it is (None: it
        cannot be told before the document is written)."""
        if self.unit is None and self.act_ is not None:
            act, self.act_ = self.act_, None
            source = act.source
            if source is not None and source.fmt == "clml":
                # Read from CLML: the reader's answer for the source (no walk of the Act).
                assert isinstance(source.element, etree._Element)
                self.unit = primary_unit(source.element, act.info.doc_type)
            else:
                for _, node in act.walk():
                    head = ((node.ident or "").split("-", 1)[0] if isinstance(node, Provision)
                            and node.kind in ID_UNIT.values() else "")
                    if head in ID_UNIT:
                        self.unit = ID_UNIT[head]
                        break
                else:
                    self.unit = Kind.SECTION if act.info.doc_type in PRIMARY_TYPES else None
        return self.unit

    # --- the document -----------------------------------------------------------------

    def act(self, act: Act) -> etree._Element:
        extras = act.extras
        root = etree.Element(f"{C}Legislation", nsmap=NSMAP)
        self.act_ = act
        _set_attrs(root, _own(extras))
        native = extra(extras, "@layout") is not None  # read from CLML
        pending: dict[str, deque[Opaque]] = defaultdict(deque)
        if native:
            for node in (*act.front, *act.back):
                if isinstance(node, Opaque):
                    pending[_local(node.role)].append(node)
        layout = (extra(extras, "@layout") or f"{{{UKM}}}Metadata Primary Commentaries").split()
        if not _own(extras):
            _set_attrs(root, [("DocumentURI", f"http://www.legislation.gov.uk/{act.info.work}"),
                              ("IdURI", f"http://www.legislation.gov.uk/id/{act.info.work}")]
                       + ([("RestrictExtent", act.info.extent)] if act.info.extent else []))
        main_name = extra(extras, "@main") or (
            f"{C}Primary" if act.info.doc_type in _PRIMARY else f"{C}Secondary")
        wrote_main = False
        for name in layout:
            short = _local(name)
            if short == "Metadata":
                root.append(self.metadata(act))
            elif name == main_name or short in ("Primary", "Secondary", "EURetained"):
                root.append(self.main(act, main_name, pending))
                wrote_main = True
            elif short == "Commentaries":
                if act.commentaries:
                    root.append(self.commentaries(act.commentaries))
            elif pending[short]:
                root.append(self.opaque(pending[short].popleft()))
        if not any(_local(n) == "Metadata" for n in layout):
            root.insert(0, self.metadata(act))
        if not wrote_main:
            root.append(self.main(act, main_name, pending))
        if act.commentaries and "Commentaries" not in {_local(n) for n in layout}:
            root.append(self.commentaries(act.commentaries))
        for queue in pending.values():
            while queue:
                root.append(self.opaque(queue.popleft()))
        if not native:
            _carry_model(root, act)
        return root

    def metadata(self, act: Act) -> etree._Element:
        """The document's metadata: as read, with the version date and status brought up to
        date, or made from the Act's identity for a document read from another format."""
        info = act.info
        source = next((m for m in act.meta if m.fmt == "clml"), None)
        if source is not None:
            meta = from_canonical(source.xml)
            valid = meta.find(f"{{{DCT}}}valid")
            if valid is not None and valid.text != info.version_date.isoformat():
                valid.text = info.version_date.isoformat()
            status = meta.find(f".//{{{UKM}}}DocumentStatus")
            if status is not None and info.status and status.get("Value") != _STATUS.get(
                    info.status, info.status):
                status.set("Value", _STATUS.get(info.status, info.status))
            if etree.tostring(meta, method="c14n", exclusive=True) == source.xml:
                return self.splices.placeholder(source.xml)
            return self.splices.standalone(meta)
        meta = etree.Element(f"{{{UKM}}}Metadata", nsmap={"ukm": UKM, "dc": DC, "dct": DCT})
        etree.SubElement(meta, f"{{{DC}}}identifier").text = (
            f"http://www.legislation.gov.uk/{info.work}")
        etree.SubElement(meta, f"{{{DC}}}title").text = info.title
        etree.SubElement(meta, f"{{{DC}}}language").text = info.language
        etree.SubElement(meta, f"{{{DCT}}}valid").text = info.version_date.isoformat()
        primary = info.doc_type in _PRIMARY
        kind = etree.SubElement(meta, f"{{{UKM}}}{'Primary' if primary else 'Secondary'}"
                                      f"Metadata")
        classification = etree.SubElement(kind, f"{{{UKM}}}DocumentClassification")
        etree.SubElement(classification, f"{{{UKM}}}DocumentCategory",
                         Value="primary" if primary else "secondary")
        main_type = MAIN_TYPE_OF.get(info.doc_type)
        if main_type is not None:
            etree.SubElement(classification, f"{{{UKM}}}DocumentMainType", Value=main_type)
        etree.SubElement(classification, f"{{{UKM}}}DocumentStatus",
                         Value=_STATUS.get(info.status or "revised", info.status or "revised"))
        etree.SubElement(kind, f"{{{UKM}}}Year", Value=str(info.year))
        number = info.work.rsplit("/", 1)[-1]
        etree.SubElement(kind, f"{{{UKM}}}Number", Value=number)
        if info.made is not None:
            etree.SubElement(kind, f"{{{UKM}}}{'EnactmentDate' if primary else 'Made'}",
                             Date=info.made.isoformat())
        return self.splices.standalone(meta)

    def main(self, act: Act, name: str, pending: dict[str, deque[Opaque]]) -> etree._Element:
        main = etree.Element(name if name.startswith("{") else f"{C}{name}")
        prefix = f"{_local(name)}/"
        _set_attrs(main, [(k[len(prefix):], v) for k, v in act.extras if k.startswith(prefix)
                          and "/" not in k[len(prefix):]])
        layout = (extra(act.extras, "@main-layout") or f"{C}Body {C}Schedules").split()
        body_kids = [c for c in act.children if not _is_annex(c)]
        annexes = [c for c in act.children if _is_annex(c)]
        for entry in layout:
            short = _local(entry)
            if short in ("Body", "EUBody"):
                body = etree.SubElement(main, entry if entry.startswith("{") else f"{C}{short}")
                _set_attrs(body, _prefixed(act.extras, "Body/"))
                self.children(body, body_kids, 0)
            elif short == "Schedules":
                if not annexes:
                    continue
                schedules = etree.SubElement(main, f"{C}Schedules")
                _set_attrs(schedules, [(k, v) for k, v in _prefixed(act.extras, "Schedules/")
                                       if "@" not in k])
                title = extra(act.extras, "Schedules/Title@xml")
                if title is not None:
                    schedules.append(from_canonical(title.encode("utf-8")))
                self.children(schedules, annexes, 0)
                annexes = []
            elif pending[short]:
                main.append(self.opaque(pending[short].popleft()))
        if not {"Body", "EUBody"} & {_local(e) for e in layout} and body_kids:
            self.children(etree.SubElement(main, f"{C}Body"), body_kids, 0)
        if annexes:
            self.children(etree.SubElement(main, f"{C}Schedules"), annexes, 0)
        return main

    def commentaries(self, items: Sequence[Commentary]) -> etree._Element:
        el = etree.Element(f"{C}Commentaries")
        for item in items:
            c = etree.SubElement(el, f"{C}Commentary", id=item.ident, Type=item.type)
            _set_attrs(c, item.extras, None)
            self.children(c, item.body, 0)
        return el

    # --- nodes ------------------------------------------------------------------------

    def children(self, parent: etree._Element, nodes: Sequence[Node], level: int) -> None:
        for node in nodes:
            parent.append(self.node(node, level))

    def node(self, node: Node, level: int) -> etree._Element:
        """One node as an element; ``level`` is the P-level of the nearest numbered ancestor."""
        if isinstance(node, Opaque):
            return self.opaque(node)
        if isinstance(node, Table):
            return self.table(node)
        if self.verbatim and getattr(node, "pristine", False):
            source = getattr(node, "source", None)
            if source is not None and source.fmt == "clml":
                return self.splices.element(source.element)
        if self.verbatim and isinstance(node, Provision) and node.as_read:
            patched = self.patched(node, level)
            if patched is not None:
                return patched
        if isinstance(node, Omitted):
            return self.omitted(node, level)
        tag = extra(node.extras, "@tag")
        if node.kind in ELEMENT_OF_GROUPING and tag is None:
            return self.grouping(node, ELEMENT_OF_GROUPING[node.kind], level)
        if node.kind is Kind.CROSSHEADING and tag == "P1group":
            return self.grouping(node, "P1group", level)
        if node.kind in _ANNEX_ELEMENT:
            return self.annex(node)
        if node.kind is Kind.LIST:
            el = etree.Element(f"{C}{tag or 'UnorderedList'}")
            _set_attrs(el, _own(node.extras), node.ident)
            self.content(el, node, level, wrapper=None)
            return el
        if node.kind is Kind.ITEM:
            el = etree.Element(f"{C}{tag or 'ListItem'}")
            _set_attrs(el, _own(node.extras), node.ident)
            if node.num is not None:
                el.set("NumberOverride", node.num.value)
            self.content(el, node, level, wrapper=None)
            return el
        if node.kind is Kind.BLOCK and tag not in LEVELS:
            return self.block(node, tag or "P", level)
        return self.level(node, level, tag)

    def patched(self, node: Provision, level: int,
                copied: etree._Element | None = None) -> etree._Element | None:
        """A provision whose own words are as read from CLML, only provisions below it
        changed: its source copied, each changed child written anew in its place; None where
        that cannot be done (the node is then rebuilt from the model).

        ``copied`` is the copy of the source to change in place, when an ancestor made one.
        """
        source = node.source
        if not isinstance(source, ClmlSource) or not source.shaped:
            return None
        items, kids = source.items, node.children
        root = source.element
        below = _child_level(node, root, level)
        if len(items) != len(kids) or below is None:
            return None
        top = copied is None
        if copied is None:
            copied = copy.deepcopy(root)
        for child, item in zip(kids, items, strict=True):
            if not isinstance(child, (Provision, Table)) or child.source is None or \
                    child.source.element is not item:
                pass  # new, or not read from here: written anew
            elif child.pristine:
                continue  # as it stands in the copy
            elif isinstance(child, Provision) and child.as_read and self.patched(
                    child, below, _counterpart(root, copied, item)) is not None:
                continue  # changed in the copy
            new = self.node(child, below)
            if not self.splices.is_placeholder(new):
                new = self.splices.standalone(new)
            old = _counterpart(root, copied, item)
            new.tail = old.tail
            holder = old.getparent()
            assert holder is not None
            holder.replace(old, new)
        return self.splices.standalone(copied) if top else copied

    def opaque(self, node: Opaque) -> etree._Element:
        """Opaque content: as it was read; content read from another format goes inside an
        ``ld:opaque`` that records what it was, so that it reads back as it is."""
        if node.fmt == "clml":
            return self.splices.placeholder(node.xml)
        wrapper = etree.Element(f"{{{LD}}}opaque", nsmap={"ld": LD}, fmt=node.fmt,
                                role=node.role, words=json.dumps(list(node.words),
                                                                 ensure_ascii=False))
        if node.ident is not None:
            wrapper.set("ident", node.ident)
        wrapper.append(self.splices.placeholder(node.xml))
        return wrapper

    def grouping(self, node: Provision, name: str, level: int) -> etree._Element:
        el = etree.Element(f"{C}{name}")
        _set_attrs(el, _own(node.extras), node.ident)
        if node.num is not None:
            self.number(el, node)
        if node.heading is not None or of_field(node.marks, "heading"):
            title = etree.SubElement(el, f"{C}Title")
            _set_attrs(title, _prefixed(node.extras, "Title/"))
            self.inline(title, node.heading, node.marks, "heading")
        if node.text is not None or node.wrap_up is not None:
            self.content(el, node, level, wrapper=None)  # words of a grouping itself
            return el
        self.children(el, node.children, level)
        return el

    def number(self, el: etree._Element, node: Provision) -> None:
        assert node.num is not None
        number = etree.SubElement(el, f"{C}Number")
        _set_attrs(number, [(k, v) for k, v in _prefixed(node.extras, "Number/")
                            if not k.startswith("@")])
        word = extra(node.extras, "Number/@word")
        if word is None:
            word = NUMBER_WORDS.get(node.kind, "").upper()
        value = node.num.value
        marks = of_field(node.marks, "num")
        if word:
            shift = len(word) + 1
            marks = tuple(m.moved(m.start + shift if m.start or not m.is_atom else 0,
                                  m.end + shift if m.start or not m.is_atom else 0)
                          for m in marks)
            value = f"{word} {value}"
        self.inline(number, value, marks, "num")

    def annex(self, node: Provision) -> etree._Element:
        self.in_annex += 1
        try:
            return self.annex_element(node)
        finally:
            self.in_annex -= 1

    def annex_element(self, node: Provision) -> etree._Element:
        el = etree.Element(f"{C}{_ANNEX_ELEMENT[node.kind]}")
        _set_attrs(el, _own(node.extras), node.ident)
        if node.num is not None:
            self.number(el, node)
        layout = extra(node.extras, "@content")
        body = f"{_ANNEX_BODY[node.kind]}:{len(node.children)}"
        tokens = layout.split() if layout is not None else (
            ["TitleBlock+Title:0", body] if node.heading is not None else [body])
        kids = list(node.children)
        if node.text is not None or node.wrap_up is not None or any(
                m.field in ("text", "wrap_up") for m in node.marks):
            # Words of a Schedule itself, read so from another format: CLML has no place
            # for them, so they go in lawdiff's element.
            words = etree.SubElement(el, f"{{{LD}}}words", nsmap={"ld": LD})
            for field, value in (("text", node.text), ("wrap_up", node.wrap_up)):
                part = etree.SubElement(words, f"{{{LD}}}{field}")
                self.inline(part, value, node.marks, field)
        for i, token in enumerate(tokens):
            if token == "-":
                if kids:
                    el.append(self.node(kids.pop(0), 0))
                continue
            name, _, count = token.partition(":")
            wrapper_name = name.split("+")[0]
            wrapper = etree.SubElement(el, f"{C}{wrapper_name}")
            _set_attrs(wrapper, _prefixed(node.extras, f"{wrapper_name}[{i}]/"))
            if name == "TitleBlock+Title":
                title = etree.SubElement(wrapper, f"{C}Title")
                _set_attrs(title, _prefixed(node.extras, "TitleBlock/Title/"))
                self.inline(title, node.heading, node.marks, "heading")
            taken = int(count) if i < len(tokens) - 1 or name.startswith("TitleBlock") \
                else len(kids)
            for _ in range(min(taken, len(kids))):
                wrapper.append(self.node(kids.pop(0), 0))
        for leftover in kids:
            el.append(self.node(leftover, 0))
        return el

    def level(self, node: Provision, level: int, tag: str | None) -> etree._Element:
        if tag is None:
            tag = "P1" if node.kind in _UNITS else LEVELS[min(level, len(LEVELS) - 1)]
        depth = LEVELS.index(tag) + 1 if tag in LEVELS else level + 1
        el = etree.Element(f"{C}{tag}")
        _set_attrs(el, _own(node.extras), node.ident)
        if node.kind in (Kind.SECTION, Kind.ARTICLE, Kind.REGULATION, Kind.RULE) and not (
                node.ident or "").startswith(UNIT_ID[node.kind] + "-") and (
                tag != "P1" or self.in_annex or node.kind is not self.default_unit()):
            el.set(f"{{{LD}}}kind", node.kind.value)  # neither its id nor the document says
        pnumber: etree._Element | None = None
        if node.num is not None:
            pnumber = etree.Element(f"{C}Pnumber")
            _set_attrs(pnumber, _prefixed(node.extras, "Pnumber/"))
            self.inline(pnumber, node.num.value, node.marks, "num")
            if "#" not in (extra(node.extras, "@content") or "").split():
                el.append(pnumber)
                pnumber = None
        self.content(el, node, depth, wrapper=f"{tag}para", number=pnumber)
        in_group = extra(node.extras, "@in") == "P1group" or (
            tag == "P1" and node.heading is not None)
        if not in_group:
            return el
        group = etree.Element(f"{C}P1group")
        # The group's own id, read from CLML, is CLML's id (not another format's).
        _set_attrs(group, [(k, v) for k, v in _prefixed(node.extras, "P1group/") if k != "id"],
                   extra(node.extras, "P1group/id"))
        if node.heading is not None or of_field(node.marks, "heading"):
            title = etree.SubElement(group, f"{C}Title")
            _set_attrs(title, _prefixed(node.extras, "P1group/Title/"))
            self.inline(title, node.heading, node.marks, "heading")
        group.append(el)
        return group

    def block(self, node: Provision, tag: str, level: int) -> etree._Element:
        el = etree.Element(f"{C}{tag}")
        _set_attrs(el, _own(node.extras), node.ident)
        if tag == "Text":
            self.inline(el, node.text, node.marks, "text")
            return el
        if node.heading is not None:  # a heading over unnumbered words, from another format
            self.inline(etree.SubElement(el, f"{C}Title"), node.heading, node.marks, "heading")
        self.content(el, node, level, wrapper=None)
        return el

    def content(self, el: etree._Element, node: Provision, level: int,
                wrapper: str | None, number: etree._Element | None = None) -> None:
        """A node's text, children and closing words, grouped into wrappers as read."""
        items: list[etree._Element] = []
        if node.text is not None or extra(node.extras, "@empty-text") or of_field(
                node.marks, "text"):
            text = etree.Element(f"{C}Text")
            _set_attrs(text, _prefixed(node.extras, "Text/"))
            self.inline(text, node.text, node.marks, "text")
            items.append(text)
        items.extend(self.node(child, level) for child in node.children)
        if node.wrap_up is not None or extra(node.extras, "@empty-wrap") or of_field(
                node.marks, "wrap_up"):
            text = etree.Element(f"{C}Text")
            _set_attrs(text, _prefixed(node.extras, "wrap/Text/"))
            self.inline(text, node.wrap_up, node.marks, "wrap_up")
            items.append(text)
        if wrapper is None:
            el.extend(items)
            return
        layout = extra(node.extras, "@content")
        tokens = layout.split() if layout is not None else [str(len(items))]
        for i, token in enumerate(tokens):
            if token == "#":
                if number is not None:
                    el.append(number)
                continue
            if token == "-":
                if items:
                    el.append(items.pop(0))
                continue
            box = etree.SubElement(el, f"{C}{wrapper}")
            _set_attrs(box, _prefixed(node.extras, f"{wrapper}[{i}]/"))
            count = int(token) if i < len(tokens) - 1 else len(items)
            for _ in range(min(count, len(items))):
                box.append(items.pop(0))
        if items:
            box = etree.SubElement(el, f"{C}{wrapper}")
            box.extend(items)

    def omitted(self, node: Omitted, level: int) -> etree._Element:
        tag = "P1" if node.kind in _UNITS else LEVELS[min(level, len(LEVELS) - 1)]
        el = etree.Element(f"{C}{tag}", nsmap={"ld": LD})
        _set_attrs(el, _own(node.extras), node.ident)
        el.set(f"{{{LD}}}omitted", node.how)  # so that it reads back as omitted, not as dots
        if node.note is not None:
            el.set(f"{{{LD}}}note", node.note)
        if node.kind in _UNITS:
            el.set(f"{{{LD}}}kind", node.kind.value)
        etree.SubElement(el, f"{C}Pnumber").text = node.num.value
        para = etree.SubElement(el, f"{C}{tag}para")
        etree.SubElement(para, f"{C}Text").text = DOTS
        return el

    # --- tables -----------------------------------------------------------------------

    def table(self, table: Table) -> etree._Element:
        source = table.source
        if source is not None and source.fmt == "clml":
            original = source.element
            assert isinstance(original, etree._Element)
            if self.verbatim and table.pristine:
                return self.splices.element(original)
            return self.splices.standalone(self.patched_table(table, original))
        if source is not None:
            # A table read from another format: CLML's table cannot hold all it can (cells of
            # paragraphs, say), so it goes whole in lawdiff's element, with its rows.
            carrier = etree.Element(f"{{{LD}}}table", nsmap={"ld": LD}, fmt=source.fmt)
            carrier.text = json.dumps(node_to_json(table), ensure_ascii=False)
            carrier.append(self.splices.element(source.element))
            return carrier
        el = etree.Element(f"{C}Tabular")
        _set_attrs(el, table.extras, table.ident)
        xt = etree.SubElement(el, "{http://www.w3.org/1999/xhtml}table",
                              nsmap={"xhtml": "http://www.w3.org/1999/xhtml"})
        body = etree.SubElement(xt, "{http://www.w3.org/1999/xhtml}tbody")
        for row in table.rows:
            tr = etree.SubElement(body, "{http://www.w3.org/1999/xhtml}tr")
            for i, cell in enumerate(row.cells):
                td = etree.SubElement(tr, "{http://www.w3.org/1999/xhtml}" +
                                      ("th" if row.header else "td"))
                self.inline(td, cell or None, row.marks, str(i))
        return el

    def patched_table(self, table: Table, original: etree._Element) -> etree._Element:
        """The source table with each row's cells rewritten from the model, rows added or
        removed as the model says (a new row takes the shape of the row it follows)."""
        el = copy.deepcopy(original)
        _set_attrs(el, table.extras, table.ident, replace=True)
        trs = [tr for tr in el.iter("{http://www.w3.org/1999/xhtml}tr")]
        kept: set[int] = set()
        previous: etree._Element | None = None
        for row in table.rows:
            if row.source is not None and row.source < len(trs):
                tr = trs[row.source]
                kept.add(row.source)
                self.fill_row(tr, row)
            else:
                template = previous if previous is not None else (trs[0] if trs else None)
                if template is None:
                    continue
                tr = copy.deepcopy(template)
                self.fill_row(tr, row)
                template.addnext(tr)
            previous = tr
        for i, tr in enumerate(trs):
            if i not in kept:
                parent = tr.getparent()
                if parent is not None:
                    parent.remove(tr)
        return el

    def fill_row(self, tr: etree._Element, row: Row) -> None:
        cells = [c for c in tr if isinstance(c.tag, str)]
        for i, text in enumerate(row.cells):
            if i >= len(cells) or i in row.fixed:
                continue
            cell = cells[i]
            target = cell
            paras = [c for c in cell if isinstance(c.tag, str)]
            if len(paras) == 1 and paras[0].tag == f"{C}Para" and len(paras[0]) == 1 \
                    and paras[0][0].tag == f"{C}Text":
                target = paras[0][0]
            for child in list(target):
                target.remove(child)
            target.text = None
            self.inline(target, text or None, row.marks, str(i))

    # --- inline -----------------------------------------------------------------------

    def inline(self, el: etree._Element, text: str | None, marks: Marks, field: str) -> None:
        """Write ``text`` into ``el`` with the marks of ``field`` as inline elements."""
        ms = [m for m in marks if m.field == field]
        if not ms:
            el.text = text
            return
        _emit(el, text or "", ms)


def _emit(el: etree._Element, text: str, marks: list[Mark]) -> None:
    """Mixed content: ``text`` with the nested ``marks`` as child elements of ``el``.

    Spans open outer first; an atom at the offset where a span opens goes
    before it when it came first in the marks, else inside it.
    """
    # At each offset: spans outer first, and each atom just before the first span that
    # came after it in the marks (so an atom read inside a span is written inside it).
    by_start: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(marks):
        by_start[m.start].append(i)
    order: list[int] = []
    for start in sorted(by_start):
        group = by_start[start]
        spans = sorted((i for i in group if not marks[i].is_atom),
                       key=lambda i: (-marks[i].end, i))
        atoms = [i for i in group if marks[i].is_atom]
        for span in spans:
            order.extend(a for a in atoms if a < span and a not in order)
            order.append(span)
        order.extend(a for a in atoms if a not in order)

    stack: list[tuple[etree._Element, int]] = [(el, len(text))]
    cursor = 0

    def write(upto: int) -> None:
        nonlocal cursor
        if upto <= cursor:
            return
        append_text(stack[-1][0], text[cursor:upto])
        cursor = upto

    for i in order:
        m = marks[i]
        while len(stack) > 1 and stack[-1][1] <= m.start:
            write(stack[-1][1])
            stack.pop()
        write(m.start)
        child = _mark_element(m, stack[-1][0])
        if not m.is_atom:
            stack.append((child, m.end))
    while len(stack) > 1:
        write(stack[-1][1])
        stack.pop()
    write(len(text))


def _mark_element(mark: Mark, holder: etree._Element) -> etree._Element:
    """The element of a mark, appended to ``holder``."""
    if mark.payload is not None:
        el = from_canonical(mark.payload)
        if namespace(el) not in (CLML_NS, MATHML, XHTML_NS):
            # Another format's inline content: kept whole, as an atom, when read back.
            carrier = etree.SubElement(holder, f"{{{LD}}}atom", nsmap={"ld": LD})
            carrier.append(el)
            return carrier
        holder.append(el)
        return el
    name = mark.name
    tag = name if name.startswith("{") else f"{C}{ELEMENT_OF_MARK.get(name, 'Span')}"
    return child_element(holder, tag, mark.attrs)


_XML_NS = "{http://www.w3.org/XML/1998/namespace}"  # the xml: prefix is always declared
_PREFIXES = {"http://docs.oasis-open.org/legaldocml/ns/akn/3.0": "akn",
             "http://www.w3.org/1999/xhtml": "xhtml", "http://www.w3.org/1998/Math/MathML": "m",
             "http://www.legislation.gov.uk/namespaces/legislation": "leg"}


def child_element(holder: etree._Element, tag: str,
                  attributes: Sequence[tuple[str, str]] = ()) -> etree._Element:
    """A new child of ``holder``, declaring its namespace where ``holder``'s default differs.

    (lxml would otherwise reuse an ancestor's default-namespace declaration that a nearer
    one shadows, e.g. a CLML element inside an XHTML table cell.)
    """
    ns = tag[1:tag.index("}")] if tag.startswith("{") else None
    nsmap: dict[str | None, str] = {}
    if ns is not None and holder.nsmap.get(None) not in (ns,):
        # A prefix, never a default namespace of its own: the elements lawdiff builds are
        # moved into the document later, and a default declaration that shadows an
        # ancestor's can be lost in the move.
        nsmap[_PREFIXES.get(ns, f"n{zlib.crc32(ns.encode()) % 100000}")] = ns
    for key, _ in attributes:
        if key.startswith("{") and not key.startswith(_XML_NS):
            # A prefix of the attribute's own, declared here: one an ancestor declared for
            # another namespace could otherwise be taken.
            uri = key[1:key.index("}")]
            nsmap[f"a{zlib.crc32(uri.encode()) % 100000}"] = uri
    el = etree.SubElement(holder, tag, nsmap=nsmap) if nsmap else etree.SubElement(holder, tag)
    for key, value in attributes:
        el.set(key, value)
    return el


def _counterpart(root: etree._Element, copied: etree._Element,
                 el: etree._Element) -> etree._Element:
    """The element of ``copied`` (a deep copy of ``root``) that stands where ``el`` stands
    in ``root``."""
    steps: list[int] = []
    while el is not root:
        parent = el.getparent()
        assert parent is not None
        steps.append(parent.index(el))
        el = parent
    for i in reversed(steps):
        copied = copied[i]
    return copied


_PLAIN_BLOCKS = frozenset({"P", "Para", "BlockText", "UnorderedList", "OrderedList", "ListItem"})


def _child_level(node: Provision, root: etree._Element, level: int) -> int | None:
    """The P-level the writer gives ``node``'s children, ``node`` read from ``root`` and
    standing at ``level`` (see ``_Writer.node``); None where ``root`` is not the element the
    writer would make for it."""
    if namespace(root) != CLML_NS:
        return None
    name = local(root)
    if name in LEVELS:
        return LEVELS.index(name) + 1
    if name == "P1group":
        return level if node.kind is Kind.CROSSHEADING else 1
    if name in ("Schedule", "Appendix") and node.kind in _ANNEX_ELEMENT:
        return 0
    if ELEMENT_OF_GROUPING.get(node.kind) == name or (
            node.kind in (Kind.BLOCK, Kind.LIST, Kind.ITEM) and name in _PLAIN_BLOCKS):
        return level
    return None


def _is_annex(node: Node) -> bool:
    """Whether ``node``, a child of the Act, belongs in ``Schedules`` (an ``Abstract``, which
    lawdiff keeps as it was read, stands nowhere else)."""
    if isinstance(node, Opaque):
        return node.fmt == "clml" and node.role == "Abstract"
    return isinstance(node, Provision) and node.kind in _ANNEX_ELEMENT and extra(
        node.extras, "@tag") is None


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _is_attribute(key: str) -> bool:
    """True for an extra that is an attribute name ("id", "{ns}lang"), not a path or a note."""
    return not key.startswith("@") and "/" not in key.rpartition("}")[2] and "@" not in key


def _own(extras: Extras) -> list[tuple[str, str]]:
    """The extras that are attributes of the node's own element."""
    return [(k, v) for k, v in extras if _is_attribute(k)]


def _prefixed(extras: Extras, prefix: str) -> list[tuple[str, str]]:
    """The attributes recorded for a part of the node ("Title/", "Pnumber/" …)."""
    n = len(prefix)
    return [(k[n:], v) for k, v in extras if k.startswith(prefix) and _is_attribute(k[n:])]


def _set_attrs(el: etree._Element, pairs: Sequence[tuple[str, str]], ident: str | None = None,
               replace: bool = False) -> None:
    if replace:
        for key in list(el.attrib):
            del el.attrib[key]
    for key, value in pairs:
        # An "id" among the extras is another format's attribute: CLML's id is the ident.
        el.set(f"{{{LD}}}id" if key == "id" else key, value)
    if ident is not None:
        el.set("id", ident)


_STATUS = {"enacted": "final", "made": "final"}
_PRIMARY = frozenset({"ukpga", "ukla", "ukppa", "ukcm", "asp", "aosp", "aep", "apgb", "aip",
                      "nia", "mnia", "apni", "mwa", "anaw", "asc"})


__all__ = ["write_clml"]



def _carry_model(root: etree._Element, act: Act) -> None:
    """Keep what CLML has no place for (the identity and front and back matter of a document
    read from another format) in lawdiff's own element, read back as it was.

    It goes where CLML keeps foreign XML that is not parsed -- a ``Resource`` whose
    ``XMLcontent`` holds it -- so the document stays valid against the CLML schema.
    """
    model = etree.Element(f"{{{LD}}}model", nsmap={"ld": LD})
    model.text = json.dumps(document_parts(act), ensure_ascii=False)
    resources = root.find(f"{C}Resources")
    if resources is None:
        resources = etree.Element(f"{C}Resources")
        later = [i for i, child in enumerate(root)
                 if child.tag in (f"{C}Commentaries", f"{C}CitationLists")]
        root.insert(later[0] if later else len(root), resources)
    resource = etree.SubElement(resources, f"{C}Resource", id=MODEL_RESOURCE)
    etree.SubElement(etree.SubElement(resource, f"{C}InternalVersion"),
                     f"{C}XMLcontent").append(model)
