"""Writing the model as Akoma Ntoso 3.0, from any source, valid against the OASIS schema.

A document read from AKN is written back element for element: nodes untouched since they
were read are copied from their source, changed ones are rebuilt from the model (number,
heading, words and inline markup, and the attributes and layout the reader kept in
``extras``), opaque content is written back as it was read.  Provisions lawdiff created,
and documents read from another format, take AKN's usual shape.

Whatever the model holds reads back the same: where a node's kind, identifier or extras
are not what its written element would show, lawdiff records them in its own namespace
(``ld:kind``, ``ld:ident``, ``ld:extras``); marks AKN has no element for are written as
``<inline ld:mark="…">``; content of another format is kept verbatim in ``<foreign>``;
an attribute AKN does not allow where it stood is kept in the ``lda`` namespace.

Identifiers: a document read from AKN keeps its source eIds (``ld:statute eids="source"``);
otherwise eIds are built per the AKN naming convention from the numbers ("sec_6__subsec_1",
"sched_1__para_2"; Parts and cross-headings are left out, as citations leave them out;
where two provisions would share an eId, the groupings above are put in, then a count).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from lxml import etree

from lawdiff.address import EID_PREFIX
from lawdiff.formats.akn_names import (
    ACT_ATTRS,
    ACT_TAG,
    AKN_ATTRIBUTES,
    AKN_NS,
    ATTR_NS,
    CONTENT_ATTRS,
    DOC,
    EID_ABBR,
    EIDS,
    ELEMENT_OF_KIND,
    ELEMENT_OF_MARK,
    FRONT_ORDER,
    HEADING_ATTRS,
    HIER,
    IN,
    INTRO_ATTRS,
    LAYOUT_NS,
    LIST_INTRO,
    LIST_WRAP,
    META_NS,
    META_ORDER,
    NSMAP,
    NUM,
    NUM_ATTRS,
    REQUIRED,
    SCHEDULES,
    SUBHEADING,
    TAG,
    TEXT_ATTRS,
    UNIQUE_ATTRIBUTES,
    WRAP_ATTRS,
    WRAPUP_ATTRS,
    A,
    M,
)
from lawdiff.formats.akn_reader import (
    _designation,
    _num_value,
    derived_extras,
    eid_token,
    restored,
)
from lawdiff.formats.splice import Splices
from lawdiff.formats.xml import append_text, from_canonical, local, namespace
from lawdiff.inline import Mark, Marks, of_field
from lawdiff.model import (
    ALLOWED_CHILDREN,
    ROOT_CHILDREN,
    Act,
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
from lawdiff.printing import DOTS, num_text

_ESC = f"{{{ATTR_NS}}}"
_L = f"{{{LAYOUT_NS}}}"
_ANNEXES = frozenset({Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX})
_EID_RE = re.compile(rb'\beId="([^"]+)"')
_HIER_KIDS = frozenset(Kind) - {Kind.BLOCK, Kind.LIST, Kind.ITEM}


class BodyWriter:
    """Writes an Act's provisions (and its front and back matter) as AKN elements.

    ``source_eids``: nodes keep their identifiers as eIds (a document read from AKN);
    else eIds are built from the numbers and an identifier is kept in ``ld:ident``.
    """

    def __init__(self, act: Act, verbatim: bool = True) -> None:
        self.act = act
        self.verbatim = verbatim
        self.splices = Splices()
        self.used: set[str] = set()
        self.source_eids = extra(act.extras, EIDS) == "source"
        self.attachment_meta: Callable[[Provision], etree._Element] | None = None

    # --- nodes ------------------------------------------------------------------------

    def children(self, parent: etree._Element, nodes: Sequence[Node], ctx: _Context) -> None:
        """Write ``nodes`` into ``parent`` (a hierarchy element or the body)."""
        hier = [i for i, n in enumerate(nodes) if _is_hier(n)]
        first = hier[0] if hier else len(nodes)
        last = hier[-1] if hier else -1
        counts: dict[str, int] = {}
        for i, node in enumerate(nodes):
            if _is_hier(node) or i in range(first, last + 1) or parent.tag == f"{A}body":
                parent.append(self.node(node, ctx, counts, boxed=not _is_hier(node)))
            else:
                parent.append(self.block(node, ctx, counts))

    def node(self, node: Node, ctx: _Context, counts: dict[str, int],
             boxed: bool = False) -> etree._Element:
        """A node standing in the hierarchy (``boxed``: a block wrapped in an hcontainer)."""
        if boxed:
            box = etree.Element(f"{A}hcontainer", name="wrapper")
            box.set(f"{M}wrap", "block")
            content = etree.SubElement(box, f"{A}content")
            content.append(self.block(node, ctx, counts))
            return box
        if isinstance(node, Opaque):
            return self.opaque(node)
        assert isinstance(node, (Provision, Omitted))
        copied = self.copied(node)
        if copied is not None:
            return copied
        if isinstance(node, Omitted):
            return self.omitted(node, ctx, counts)
        return self.provision(node, ctx, counts)

    def copied(self, node: Node) -> etree._Element | None:
        """A placeholder for a pristine node's source element, when it can stand as it is."""
        if not (self.verbatim and self.source_eids and getattr(node, "pristine", False)):
            return None
        if isinstance(node, Provision) and extra(node.extras, TAG) == "attachment":
            return None  # its document's metadata is written afresh
        source = getattr(node, "source", None)
        if source is None or source.fmt != "akn":
            return None
        element = source.element
        assert isinstance(element, etree._Element)
        if not self.clean(element):
            return None
        return self.splices.element(element)

    def clean(self, element: etree._Element) -> bool:
        """True when an element can be copied as it is: only attributes AKN allows, no
        lawdiff control attributes, and no eId already written."""
        eids: list[str] = []
        for el in element.iter():
            if not isinstance(el.tag, str):
                continue
            if namespace(el) == AKN_NS:
                for key in el.attrib:
                    k = str(k_ := key)
                    if not k.startswith("{") and k not in AKN_ATTRIBUTES:
                        return False
                    if k.startswith(f"{{{META_NS}}}") or k.startswith(_ESC) or k_ is None:
                        return False
            eid = el.get("eId")
            if eid is not None:
                eids.append(eid)
        if len(set(eids)) != len(eids) or any(e in self.used for e in eids):
            return False
        self.used.update(eids)
        return True

    def provision(self, node: Provision, ctx: _Context, counts: dict[str, int]) -> etree._Element:
        tag = extra(node.extras, TAG)
        if tag == "attachment":
            return self.attachment(node, ctx)
        default, hname = ELEMENT_OF_KIND[node.kind]
        if node.kind is Kind.BLOCK and tag is None:
            default, hname = ("hcontainer", "block")
        name = tag or default
        el = etree.Element(f"{A}{name}")
        if name == "hcontainer" and hname is not None and extra(node.extras, "name") is None:
            el.set("name", hname)
        eid, child_ctx = self.eid(node, name, ctx, counts)
        if eid is not None:
            el.set("eId", eid)
        self.attributes(el, node.extras)
        if name == "crossHeading":
            self.inline(el, node.heading, node.marks, "heading")
            return self.finish(el, node, eid, ctx)
        self.number(el, node)
        if node.heading is not None or of_field(node.marks, "heading"):
            heading = etree.SubElement(el, f"{A}heading")
            self.attributes(heading, _json(node.extras, HEADING_ATTRS))
            self.inline(heading, node.heading, node.marks, "heading")
        sub = extra(node.extras, SUBHEADING)
        if sub is not None:
            el.append(from_canonical(sub.encode("utf-8")))
        self.body(el, node, child_ctx)
        return self.finish(el, node, eid, ctx)

    def finish(self, el: etree._Element, node: Provision | Omitted, eid: str | None,
               ctx: _Context) -> etree._Element:
        """Set the identifiers, and record what the element does not show."""
        if node.ident is not None and node.ident != eid:
            el.set(f"{M}ident", node.ident)
        elif node.ident is None and self.source_eids and eid is not None:
            el.set(f"{M}ident", "")
        if isinstance(node, Provision) and node.marks:
            order = _field_order(node.marks)
            if order is not None:
                el.set(f"{M}fields", order)
        inferred = _inferred_kind(el, node, ctx)
        if inferred is None:
            inferred = _contextual_kind(el, node, ctx)
        allowed = ROOT_CHILDREN if ctx.parent is None else ALLOWED_CHILDREN[ctx.parent]
        if inferred is not node.kind or node.kind not in allowed or (
                isinstance(node, Provision) and node.kind.content
                and any(_is_hier(c) for c in node.children)):
            el.set(f"{M}kind", node.kind.value)
        context = ((IN, "schedules"),) if ctx.schedules and extra(node.extras, IN) else ()
        shown = derived_extras(el, node.kind, node.num, context)
        if isinstance(node, Omitted):
            shown = tuple((k, v) for k, v in shown if k != "status")
        if shown != node.extras:
            el.set(f"{M}extras", json.dumps([list(p) for p in node.extras]))
        return el

    def body(self, el: etree._Element, node: Provision, ctx: _Context) -> None:
        """Words, children and closing words: ``content``, or ``intro``/children/``wrapUp``."""
        kids = node.children
        hier = [i for i, n in enumerate(kids) if _is_hier(n)]
        if not hier:
            content = etree.SubElement(el, f"{A}content")
            self.attributes(content, _json(node.extras, CONTENT_ATTRS))
            if node.text is not None or of_field(node.marks, "text"):
                self.text_p(content, node, "text", TEXT_ATTRS)
            elif kids and _is_text_block(kids[0]):
                pass
            counts: dict[str, int] = {}
            for i, kid in enumerate(kids):
                block = self.block(kid, ctx, counts)
                if i == 0 and node.text is None and block.tag == f"{A}p":
                    block.set(f"{M}block", "true")
                content.append(block)
            if node.wrap_up is not None or of_field(node.marks, "wrap_up"):
                self.text_p(content, node, "wrap_up", WRAP_ATTRS).set(f"{M}closing", "true")
            if not len(content):
                etree.SubElement(content, f"{A}p")
            return
        first, last = hier[0], hier[-1]
        if node.text is not None or of_field(node.marks, "text") or first > 0:
            intro = etree.SubElement(el, f"{A}intro")
            self.attributes(intro, _json(node.extras, INTRO_ATTRS))
            if node.text is not None or of_field(node.marks, "text"):
                self.text_p(intro, node, "text", TEXT_ATTRS)
            counts = {}
            for i in range(first):
                block = self.block(kids[i], ctx, counts)
                if i == 0 and node.text is None and block.tag == f"{A}p":
                    block.set(f"{M}block", "true")
                intro.append(block)
        counts = {}
        for i in range(first, last + 1):
            el.append(self.node(kids[i], ctx, counts, boxed=not _is_hier(kids[i])))
        if node.wrap_up is not None or of_field(node.marks, "wrap_up") or last < len(kids) - 1:
            wrap = etree.SubElement(el, f"{A}wrapUp")
            self.attributes(wrap, _json(node.extras, WRAPUP_ATTRS))
            counts = {}
            trailing = [self.block(k, ctx, counts) for k in kids[last + 1:]]
            for block in trailing:
                wrap.append(block)
            if node.wrap_up is not None or of_field(node.marks, "wrap_up"):
                self.text_p(wrap, node, "wrap_up", WRAP_ATTRS)
            elif trailing and trailing[-1].tag == f"{A}p":
                trailing[-1].set(f"{M}block", "true")

    def text_p(self, holder: etree._Element, node: Provision, field: str,
               attrs_key: str) -> etree._Element:
        p = etree.SubElement(holder, f"{A}p")
        self.attributes(p, _json(node.extras, attrs_key))
        self.inline(p, getattr(node, field), node.marks, field)
        return p

    def number(self, el: etree._Element, node: Provision | Omitted) -> None:
        printed = extra(node.extras, NUM)
        if node.num is None and printed is None:
            return
        if printed == "":
            return
        value = node.num.value if node.num is not None else ""
        text = printed if printed is not None else num_text(node.kind, node.num)
        num = etree.SubElement(el, f"{A}num")
        self.attributes(num, _json(node.extras, NUM_ATTRS))
        marks = of_field(node.marks, "num") if isinstance(node, Provision) else ()
        at = text.find(value) if value else 0
        shift = max(at, 0)
        moved = tuple(m.moved(m.start + shift, m.end + shift) for m in marks)
        self.inline(num, text, moved, "num")
        if value and _num_value(text) != value:
            num.set(f"{M}value", value)
        if node.num is not None and _designation(value, node.kind) != node.num:
            num.set(f"{M}style", node.num.style.value)

    def omitted(self, node: Omitted, ctx: _Context, counts: dict[str, int]) -> etree._Element:
        name = extra(node.extras, TAG) or ELEMENT_OF_KIND[node.kind][0]
        el = etree.Element(f"{A}{name}")
        hname = ELEMENT_OF_KIND[node.kind][1]
        if name == "hcontainer" and hname and extra(node.extras, "name") is None:
            el.set("name", hname)
        eid, _ = self.eid(node, name, ctx, counts)
        if eid is not None:
            el.set("eId", eid)
        self.attributes(el, node.extras)
        el.set("status", "removed")
        self.number(el, node)
        content = etree.SubElement(el, f"{A}content")
        etree.SubElement(content, f"{A}p").text = DOTS
        return self.finish(el, node, eid, ctx)

    def attachment(self, node: Provision, ctx: _Context) -> etree._Element:
        el = etree.Element(f"{A}attachment")
        eid, child_ctx = self.eid(node, "attachment", ctx, {})
        if eid is not None:
            el.set("eId", eid)
        self.attributes(el, node.extras)
        self.number(el, node)
        if node.heading is not None or of_field(node.marks, "heading"):
            heading = etree.SubElement(el, f"{A}heading")
            self.attributes(heading, _json(node.extras, HEADING_ATTRS))
            self.inline(heading, node.heading, node.marks, "heading")
        sub = extra(node.extras, SUBHEADING)
        if sub is not None:
            el.append(from_canonical(sub.encode("utf-8")))
        record = json.loads(extra(node.extras, DOC) or "{}")
        doc = etree.SubElement(el, f"{A}{record.get('tag', 'doc')}")
        self.attributes(doc, [tuple(p) for p in record.get("attrs", [["name", "schedule"]])])
        if doc.get("name") is None:
            doc.set("name", "schedule")
        if self.attachment_meta is not None:
            doc.append(self.attachment_meta(node))
        main = etree.SubElement(doc, f"{A}mainBody")
        self.attributes(main, [tuple(p) for p in record.get("main", [])])
        counts: dict[str, int] = {}
        for kid in node.children:
            main.append(self.node(kid, child_ctx, counts) if _is_hier(kid)
                        else self.block(kid, child_ctx, counts))
        return self.finish(el, node, eid, ctx)

    # --- blocks -----------------------------------------------------------------------

    def block(self, node: Node, ctx: _Context, counts: dict[str, int]) -> etree._Element:
        """A node standing among blocks (in ``content``, ``intro`` or ``wrapUp``)."""
        if isinstance(node, Opaque):
            return self.opaque(node)
        if isinstance(node, Table):
            return self.table(node, ctx, counts)
        if _is_hier(node):
            return self.hier_in_block(self.node(node, ctx, counts))
        assert isinstance(node, Provision)
        copied = self.copied(node)
        if copied is not None:
            return copied
        tag = extra(node.extras, TAG)
        if node.kind is Kind.LIST:
            return self.block_list(node, ctx)
        if node.kind is Kind.ITEM:
            return self.item(node, ctx)
        if tag in (None, "p") and not node.children and node.heading is None \
                and node.wrap_up is None:
            p = etree.Element(f"{A}p")
            self.attributes(p, node.extras if tag is None else ())
            self.inline(p, node.text, node.marks, "text")
            return self.finish_block(p, node, [(k, v) for k, v in node.extras])
        if tag in (None, "blockContainer"):
            el = etree.Element(f"{A}blockContainer")
            self.attributes(el, node.extras)
            if node.heading is not None:
                heading = etree.SubElement(el, f"{A}heading")
                self.inline(heading, node.heading, node.marks, "heading")
            if node.text is not None or of_field(node.marks, "text"):
                self.text_p(el, node, "text", TEXT_ATTRS)
            for i, kid in enumerate(node.children):
                block = self.block(kid, ctx, {})
                if i == 0 and node.text is None and block.tag == f"{A}p":
                    block.set(f"{M}block", "true")
                el.append(block)
            if node.wrap_up is not None:
                self.text_p(el, node, "wrap_up", WRAP_ATTRS).set(f"{M}block", "closing")
            if not len(el):
                etree.SubElement(el, f"{A}p")
            return self.finish_container(el, node)
        # Another element of the hierarchy read as unnumbered content (an hcontainer).
        return self.hier_in_block(self.provision(node, ctx, counts))

    def hier_in_block(self, el: etree._Element) -> etree._Element:
        """An element of the hierarchy where only blocks may stand, in a sub-flow of a <p>."""
        holder = etree.Element(f"{A}p")
        holder.set(f"{M}wrap", "hier")
        etree.SubElement(holder, f"{A}subFlow", name="provision").append(el)
        return holder

    def finish_block(self, p: etree._Element, node: Provision,
                     extras: list[tuple[str, str]]) -> etree._Element:
        shown = tuple((k, v) for k, v in _attr_pairs(p))
        if node.text is None and not node.marks and not node.extras:
            shown = ()
        if node.text is None and not node.marks and shown == () and node.extras == ((TAG, "p"),):
            return p
        return _keep_model(p, node, shown)

    def finish_container(self, el: etree._Element, node: Provision,
                         kind: Kind = Kind.BLOCK) -> etree._Element:
        """``el``, written as a ``kind``, keeping what its markup does not show of ``node``."""
        return _keep_model(el, node, derived_extras(el, kind, None))

    def block_list(self, node: Provision, ctx: _Context) -> etree._Element:
        el = etree.Element(f"{A}blockList")
        self.attributes(el, node.extras)
        if node.text is not None or of_field(node.marks, "text"):
            intro = etree.SubElement(el, f"{A}listIntroduction")
            self.attributes(intro, _json(node.extras, LIST_INTRO))
            self.inline(intro, node.text, node.marks, "text")
        for kid in node.children:
            if isinstance(kid, Provision) and kid.kind is Kind.ITEM:
                el.append(self.item(kid, ctx))
            else:
                el.append(self.block(kid, ctx, {}))
        if not any(local(c) == "item" for c in el):
            etree.SubElement(el, f"{A}item").append(etree.Element(f"{A}p"))
            el[-1].set(f"{M}wrap", "empty")
        if node.wrap_up is not None or of_field(node.marks, "wrap_up"):
            wrap = etree.SubElement(el, f"{A}listWrapUp")
            self.attributes(wrap, _json(node.extras, LIST_WRAP))
            self.inline(wrap, node.wrap_up, node.marks, "wrap_up")
        return self.finish_container(el, node, Kind.LIST)

    def item(self, node: Provision, ctx: _Context) -> etree._Element:
        el = etree.Element(f"{A}item")
        self.attributes(el, node.extras)
        self.number(el, node)
        if node.text is not None or of_field(node.marks, "text"):
            self.text_p(el, node, "text", TEXT_ATTRS)
        for i, kid in enumerate(node.children):
            block = self.block(kid, ctx, {})
            if i == 0 and node.text is None and block.tag == f"{A}p":
                block.set(f"{M}block", "true")
            el.append(block)
        if len(el) == (1 if el.find(f"{A}num") is not None else 0):
            etree.SubElement(el, f"{A}p").set(f"{M}block", "empty")
        shown = derived_extras(el, Kind.ITEM, node.num)
        if shown != node.extras:
            el.set(f"{M}extras", json.dumps([list(x) for x in node.extras]))
        if node.ident is not None:
            el.set(f"{M}ident", node.ident)
        return el

    def table(self, table: Table, ctx: _Context, counts: dict[str, int]) -> etree._Element:
        counts["table"] = counts.get("table", 0) + 1
        eid = self.unique(f"{ctx.prefix}__table_{counts['table']}" if ctx.prefix
                          else f"table_{counts['table']}", ctx)
        source = table.source
        if source is not None and source.fmt == "akn" and self.source_eids:
            original = source.element
            assert isinstance(original, etree._Element)
            if self.verbatim and table.pristine and self.source_eids and self.clean(original):
                return self.splices.element(original)
            return self.patched_table(table, original, eid)
        el = etree.Element(f"{A}table")
        self.attributes(el, table.extras)
        el.set("eId", eid)
        self.table_ident(el, table, eid)
        for r, row in enumerate(table.rows, 1):
            tr = etree.SubElement(el, f"{A}tr", eId=self.unique(f"{eid}__tr_{r}", ctx))
            for i, cell in enumerate(row.cells):
                td = etree.SubElement(tr, f"{A}th" if row.header else f"{A}td")
                p = etree.SubElement(td, f"{A}p")
                self.inline(p, cell or None, row.marks, str(i))
            if row.fixed:
                tr.set(f"{M}fixed", " ".join(str(i) for i in row.fixed))
        if _attr_pairs(el, skip=("eId",)) != table.extras:
            el.set(f"{M}extras", json.dumps([list(x) for x in table.extras]))
        return el

    def table_ident(self, el: etree._Element, table: Table, eid: str) -> None:
        if table.ident is not None and table.ident != eid:
            el.set(f"{M}ident", table.ident)
        elif table.ident is None and self.source_eids:
            el.set(f"{M}ident", "")

    def patched_table(self, table: Table, original: etree._Element, eid: str) -> etree._Element:
        """The source table with each row's cells rewritten from the model, rows added or
        removed as the model says (a new row takes the shape of the row it follows)."""
        import copy

        el = restored(original)
        for key in list(el.attrib):
            del el.attrib[key]
        self.attributes(el, table.extras)
        if self.source_eids and table.ident is not None and table.ident not in self.used:
            el.set("eId", table.ident)
            self.used.add(table.ident)
        else:
            el.set("eId", eid)
            self.table_ident(el, table, eid)
        for node in el.iter():
            if node is not el and isinstance(node.tag, str):
                self.escape(node)
        trs = [tr for tr in el if isinstance(tr.tag, str) and local(tr) == "tr"]
        kept: set[int] = set()
        previous: etree._Element | None = None
        for row in table.rows:
            if row.source is not None and row.source < len(trs):
                tr = trs[row.source]
                kept.add(row.source)
            else:
                template = previous if previous is not None else (trs[0] if trs else None)
                if template is None:
                    continue
                tr = copy.deepcopy(template)
                for node in tr.iter():
                    if isinstance(node.tag, str) and node.get("eId") is not None:
                        del node.attrib["eId"]
                template.addnext(tr)
            self.fill_row(tr, row)
            previous = tr
        for i, tr in enumerate(trs):
            if i not in kept:
                el.remove(tr)
        return self.splices.standalone(el)

    def fill_row(self, tr: etree._Element, row: Row) -> None:
        cells = [c for c in tr if isinstance(c.tag, str)]
        for i, text in enumerate(row.cells):
            if i >= len(cells) or i in row.fixed:
                continue
            cell = cells[i]
            blocks = [c for c in cell if isinstance(c.tag, str)]
            target = blocks[0] if len(blocks) == 1 and local(blocks[0]) == "p" else cell
            for child in list(target):
                target.remove(child)
            target.text = None
            self.inline(target, text or None, row.marks, str(i))

    def opaque(self, node: Opaque) -> etree._Element:
        """Opaque content: AKN blocks as they were; anything else in a ``<foreign>``."""
        if node.fmt == "akn" and node.role not in ("staticContent", "components") \
                and node.xml.startswith(b"<") and _root_ns(node.xml) == AKN_NS:
            return self.splices.placeholder(self.escaped(node.xml))
        return self.foreign(node)

    def foreign(self, node: Opaque) -> etree._Element:
        el = etree.Element(f"{A}foreign")
        el.set(f"{M}fmt", node.fmt)
        el.set(f"{M}role", node.role)
        el.set(f"{M}words", json.dumps(list(node.words)))
        if node.ident is not None:
            el.set(f"{M}ident", node.ident)
        if _root_ns(node.xml) in (AKN_NS, None):
            etree.SubElement(el, f"{M}verbatim").text = node.xml.decode("utf-8")
        else:
            el.append(self.splices.placeholder(node.xml))
        return el

    def escaped(self, xml: bytes) -> bytes:
        """AKN content with attributes AKN does not allow (and eIds already used) moved into
        the lda namespace; unchanged when there are none."""
        root = from_canonical(xml)
        changed = False
        for el in root.iter():
            if isinstance(el.tag, str) and namespace(el) == AKN_NS:
                changed = self.escape(el) or changed
        if not changed:
            return xml
        return etree.tostring(root, encoding="utf-8")

    def escape(self, el: etree._Element) -> bool:
        """Move one element's disallowed or duplicated attributes into the lda namespace."""
        items = list(el.attrib.items())
        out = []
        changed = False
        for key, value in items:
            k = str(key)
            if (not k.startswith("{") and k not in AKN_ATTRIBUTES) or (
                    k in UNIQUE_ATTRIBUTES and value in self.used):
                out.append((f"{_ESC}{k}", value))
                changed = True
            else:
                if k in UNIQUE_ATTRIBUTES:
                    self.used.add(value)
                out.append((k, value))
        if changed:
            el.attrib.clear()
            for k, v in out:
                el.set(k, v)
        return changed

    # --- identifiers ------------------------------------------------------------------

    def eid(self, node: Provision | Omitted, name: str, ctx: _Context,
            counts: dict[str, int]) -> tuple[str | None, _Context]:
        """The eId of a node, and the context its children are written in."""
        if self.source_eids and node.ident is not None and node.ident not in self.used \
                and re.fullmatch(r"\S+", node.ident):
            self.used.add(node.ident)
            mine = node.ident
        else:
            if node.num is not None and not node.kind.content:
                own = f"{EID_PREFIX.get(node.kind, name)}_{eid_token(node.num.value)}"
            else:
                abbr = EID_ABBR.get(name, name)
                counts[abbr] = counts.get(abbr, 0) + 1
                own = f"{abbr}_{counts[abbr]}"
            short = f"{ctx.prefix}__{own}" if ctx.prefix else own
            full = f"{ctx.full}__{own}" if ctx.full else own
            mine = self.unique(short, ctx, full)
        in_annex = ctx.in_annex or node.kind in _ANNEXES
        if node.kind.transparent:
            return mine, _Context(ctx.prefix, mine, False, node.kind, in_annex)
        return mine, _Context(mine, mine, False, node.kind, in_annex)

    def unique(self, short: str, ctx: _Context, full: str | None = None) -> str:
        for candidate in (short, full):
            if candidate is not None and candidate not in self.used:
                self.used.add(candidate)
                return candidate
        base = full or short
        n = 2
        while f"{base}_{n}" in self.used:
            n += 1
        self.used.add(f"{base}_{n}")
        return f"{base}_{n}"

    # --- attributes and inline --------------------------------------------------------

    def attributes(self, el: etree._Element, pairs: Sequence[tuple[str, str]]) -> None:
        """Set the attribute-like extras on ``el`` (layout notes are not attributes)."""
        for key, value in pairs:
            if key.startswith("@") or key.startswith(_L) or "/" in key.rpartition("}")[2]:
                continue
            if not key.startswith("{") and not re.fullmatch(r"[A-Za-z_][\w.\-]*", key):
                continue
            if key.startswith("{") and key.startswith(f"{{{AKN_NS}}}"):
                continue
            if key in UNIQUE_ATTRIBUTES and value in self.used:
                el.set(f"{_ESC}{key}", value)
                continue
            if not key.startswith("{") and key not in AKN_ATTRIBUTES:
                el.set(f"{_ESC}{key}", value)
                continue
            if key in UNIQUE_ATTRIBUTES:
                self.used.add(value)
            el.set(key, value)

    def inline(self, el: etree._Element, text: str | None, marks: Marks, field: str) -> None:
        """Write ``text`` into ``el`` with the marks of ``field`` as inline elements."""
        ms = [m for m in marks if m.field == field]
        if not ms:
            el.text = text
            return
        _emit(el, text or "", ms, self)

    def mark_element(self, mark: Mark, holder: etree._Element) -> etree._Element:
        """The element of a mark, appended to ``holder``."""
        if mark.payload is not None:
            if _root_ns(mark.payload) == AKN_NS:
                el = self.splices.placeholder(self.escaped(mark.payload))
                holder.append(el)
                return el
            flow = etree.SubElement(holder, f"{A}subFlow", name="object")
            flow.set(f"{M}mark", "object")
            foreign = etree.SubElement(flow, f"{A}foreign")
            foreign.append(self.splices.placeholder(mark.payload))
            return flow
        name = mark.name
        keys = {k for k, _ in mark.attrs}
        if name.startswith(f"{{{AKN_NS}}}"):
            tag = name[len(AKN_NS) + 2:]
            if all(r in keys for r in REQUIRED.get(tag, ())):
                el = etree.SubElement(holder, f"{A}{tag}")
                self.attributes(el, mark.attrs)
                return el
        elif name in ELEMENT_OF_MARK:
            tag = ELEMENT_OF_MARK[name]
            if all(r in keys for r in REQUIRED.get(tag, ())):
                el = etree.SubElement(holder, f"{A}{tag}")
                self.attributes(el, mark.attrs)
                return el
        el = etree.SubElement(holder, f"{A}inline")
        given = dict(mark.attrs).get("name")
        el.set("name", given if given is not None else "lawdiff")
        if given is not None:
            el.set(f"{M}named", "true")
        el.set(f"{M}mark", name)
        self.attributes(el, [(k, v) for k, v in mark.attrs if k != "name"])
        return el


class _Context:
    """Where a node is written: the eId prefix of its nearest numbered ancestor, the full
    path of groupings above it, and whether the Schedules wrapper is open."""

    __slots__ = ("full", "in_annex", "parent", "prefix", "schedules")

    def __init__(self, prefix: str = "", full: str = "", schedules: bool = False,
                 parent: Kind | None = None, in_annex: bool = False) -> None:
        self.prefix = prefix
        self.full = full
        self.schedules = schedules
        self.parent = parent
        self.in_annex = in_annex


ROOT = _Context()
_INSIDE_ONLY = frozenset({"quotedStructure", "embeddedStructure"})


def _emit(el: etree._Element, text: str, marks: list[Mark], writer: BodyWriter) -> None:
    """Mixed content: ``text`` with the nested ``marks`` as child elements of ``el``."""
    def key(i: int) -> tuple[int, int, int]:
        m = marks[i]
        if m.is_atom:
            # Inside the spans opening here that come before it, before those after it.
            after = next((s for s in marks[i + 1:] if not s.is_atom and s.start == m.start), None)
            return (m.start, -after.end if after is not None else 1, i)
        return (m.start, -m.end, i)

    stack: list[tuple[etree._Element, int, bool]] = [(el, len(text), False)]
    cursor = 0

    def write(upto: int) -> None:
        nonlocal cursor
        if upto <= cursor:
            return
        append_text(stack[-1][0], text[cursor:upto])
        cursor = upto

    for i in sorted(range(len(marks)), key=key):
        m = marks[i]
        while len(stack) > 1 and stack[-1][1] <= m.start and not (
                m.is_atom and m.payload is not None and stack[-1][1] == m.start
                and _root_local(m.payload) in _INSIDE_ONLY and stack[-1][2]):
            write(stack[-1][1])
            stack.pop()
        write(m.start)
        child = writer.mark_element(m, stack[-1][0])
        if not m.is_atom:
            stack.append((child, m.end, local(child) == "mod"))
    while len(stack) > 1:
        write(stack[-1][1])
        stack.pop()
    write(len(text))


def _is_hier(node: Node) -> bool:
    """True for a node that stands in the hierarchy (not among blocks)."""
    if isinstance(node, Omitted):
        return True
    if isinstance(node, Opaque):
        return node.fmt == "akn" and _root_local(node.xml) in HIER
    if not isinstance(node, Provision):
        return False
    tag = extra(node.extras, TAG)
    if node.kind in _HIER_KIDS:
        return tag not in ("p", "blockContainer", "blockList", "item")
    return tag in HIER


def _root_local(xml: bytes) -> str:
    m = re.match(rb"\s*<(?:[\w.\-]+:)?([\w.\-]+)", xml)
    return m.group(1).decode("utf-8") if m else ""


def _is_text_block(node: Node) -> bool:
    return isinstance(node, Provision) and node.kind is Kind.BLOCK


def _inferred_kind(el: etree._Element, node: Provision | Omitted, ctx: _Context) -> Kind | None:
    """The kind the reader gives ``el`` wherever it stands (None: it depends on where)."""
    name = local(el)
    if name == "crossHeading":
        return Kind.CROSSHEADING
    if name == "attachment":
        return None
    if node.num is None or node.kind.content:
        if name == "hcontainer" and el.get("name") in ("crossheading", "subheading"):
            return Kind.CROSSHEADING if el.get("name") == "crossheading" else Kind.SUBHEADING
        return Kind.BLOCK
    return _FIXED_KIND.get((name, el.get("name") if name == "hcontainer" else None))


_FIXED_KIND: dict[tuple[str, str | None], Kind] = {("part", None): Kind.PART, ("chapter", None): Kind.CHAPTER,
               ("section", None): Kind.SECTION, ("article", None): Kind.ARTICLE,
               ("rule", None): Kind.RULE, ("subsection", None): Kind.SUBSECTION,
               ("clause", None): Kind.CLAUSE, ("subclause", None): Kind.SUBCLAUSE,
               **{("hcontainer", n): k for n, k in (
                   ("schedule", Kind.SCHEDULE), ("appendix", Kind.APPENDIX),
                   ("annex", Kind.ANNEX), ("regulation", Kind.REGULATION),
                   ("group", Kind.GROUP))}}


def _contextual_kind(el: etree._Element, node: Provision | Omitted, ctx: _Context) -> Kind | None:
    """The kind the reader gives a numbered ``paragraph``, ``level`` … under a parent of
    kind ``ctx.parent`` (None where the document's primary unit would decide)."""
    from lawdiff.formats.akn_reader import numbered_kind

    if node.num is None or ((ctx.parent is None or ctx.parent.transparent
                            or ctx.parent in _ANNEXES) and not ctx.in_annex):
        return None
    found = numbered_kind(el, node.num.value, ctx.parent, ctx.in_annex, Kind.SECTION, None)
    return found[0] if found is not None else None


_FIELD_RANK = {"num": 0, "heading": 1, "text": 2, "wrap_up": 3}


def _field_order(marks: Marks) -> str | None:
    """The order of a node's mark fields where it is not the reader's (num, heading, text,
    closing words), for the reader to restore; None where it is."""
    fields: list[str] = []
    for m in marks:
        if not fields or fields[-1] != m.field:
            fields.append(m.field)
    if fields == sorted(fields, key=lambda f: _FIELD_RANK.get(f, 4)) or len(set(fields)) != len(
            fields):
        return None
    return " ".join(fields)


def _keep_model(el: etree._Element, node: Provision, shown: Extras) -> etree._Element:
    """``el`` with what its markup does not show of ``node`` kept in lawdiff's attributes:
    its extras, where they differ from ``shown``, and its identifier."""
    if shown != node.extras:
        el.set(f"{M}extras", json.dumps([list(x) for x in node.extras]))
    if node.ident is not None:
        el.set(f"{M}ident", node.ident)
    return el


def _json(extras: Extras, key: str) -> list[tuple[str, str]]:
    value = extra(extras, key)
    return [(str(k), str(v)) for k, v in json.loads(value)] if value else []


def _attr_pairs(el: etree._Element, skip: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    out = []
    for k, v in el.attrib.items():
        key = str(k)
        if key.startswith(f"{{{META_NS}}}") or key in skip:
            continue
        if key.startswith(_ESC):
            key = key[len(_ESC):]
        out.append((key, str(v)))
    return tuple(out)


def _root_ns(xml: bytes) -> str | None:
    m = re.match(rb"\s*<([\w.\-]+:)?[\w.\-]+", xml)
    if m is None:
        return None
    prefix = (m.group(1) or b"")[:-1]
    decl = rb'xmlns' + (b":" + prefix if prefix else b"") + rb'="([^"]*)"'
    found = re.search(decl, xml[:xml.find(b">") + 1])
    return found.group(1).decode("utf-8") if found else None


__all__ = [
    "ACT_ATTRS",
    "ACT_TAG",
    "FRONT_ORDER",
    "META_ORDER",
    "NSMAP",
    "ROOT",
    "SCHEDULES",
    "BodyWriter",
]
