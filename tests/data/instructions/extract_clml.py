"""Copy the amending instructions out of one CLML document, one JSON line each.

Usage::

    python extract_clml.py FILE --prefix ID_PREFIX --instrument "Title (c. 29)" \
        --source "owner/repo@commit:path/to/file.xml" [--uri-base URI] [--first N]

FILE is a CLML document (the XML that legislation.gov.uk publishes, or the
CLML written by an AKN-to-CLML transformation).  The lines written to standard
output are ``{"id", "citation", "source", "text"}`` objects, in document order.

What is taken:

* every provision of the body and the Schedules (a ``P1`` outside any
  ``BlockAmendment``) that makes or introduces an amendment: one holding a
  ``BlockAmendment`` or ``InlineAmendment``, or whose words (outside
  quotations) use an amending verb ("insert", "substitute", "omit", "is
  repealed", "is amended", "there shall be substituted", ...);
* inside such a provision, each lowest-level item (a ``P2``…``P6`` with no
  items of its own), or the provision itself when it has no items.  Each is
  composed with its lead-ins: the words of every enclosing item, each
  followed by the number of the next item down, in brackets.  The number of
  the outermost item whose words are used is left out (it is in the
  citation).  An item with words after its own items (closing words) is
  taken whole instead, with its items.  Items that a file places after
  their lead-in item instead of inside it are put back inside it first.

How the words are copied: the text of the elements, white space collapsed to
single spaces.  Commentary, footnote and margin-note markers are dropped.
Quotation marks in the text are kept as printed; white space just inside the
marks of an ``InlineAmendment`` is removed.  A ``BlockAmendment`` is written
as printed text inside “ ”: numbers of quoted provisions as printed
("(1)", "(a)", "71K"), a section's number before its heading, list items and
table cells in order, and the block's ``AppendText`` after the closing mark.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator

from lxml import etree

ITEM_TAGS = ("P2", "P3", "P4", "P5", "P6")
PARA_TAGS = {"P1para", "P2para", "P3para", "P4para", "P5para", "P6para"}
DROP_TAGS = {"CommentaryRef", "FootnoteRef", "MarginNoteRef", "Commentary", "Footnote",
             "MarginNote", "IncludedDocument"}
BLOCK_TAGS = {"Text", "Para", "BlockAmendment", "UnorderedList", "OrderedList", "ListItem",
              "Tabular", "table", "tbody", "thead", "tr", "td", "th", "Title", "Number",
              "Pnumber", "P", "P1", "P2", "P3", "P4", "P5", "P6", "P1group", "P2group",
              "P3group", "Pblock", "PsubBlock", "Part", "Chapter", "Schedule", "ScheduleBody",
              "BlockText", "AppendText", "Reference", "Formula", "Figure", "BlockExtract",
              "Division", "Group"} | PARA_TAGS

STRUCTURE = (r"(?:“|the\b|sections?\b|subsections?\b|paragraphs?\b|sub-paragraphs?\b|"
             r"regulations?\b|articles?\b|rules?\b|Schedules?\b|Parts?\b|Chapters?\b|entr|"
             r"definitions?\b|items?\b|columns?\b|rows?\b|headings?\b|cross-headings?\b|"
             r"words?\b|notes?\b|tables?\b)")
AMENDING = re.compile(
    r"(?:\b(?:after|before|for|at the end|at the beginning|at the appropriate place)\b[^.;]*"
    r"\b(?:insert|substitute)\b"
    r"|\b(?:insert|substitute|add)\s*(?:—|“|the following)"
    r"|\bomit\s+" + STRUCTURE +
    r"|\b(?:is|are)\s+(?:hereby\s+)?(?:repealed|revoked|amended|renumbered)\b"
    r"|\bshall\s+be\s+(?:substituted|inserted|omitted|added|repealed|revoked|amended)\b"
    r"|\bthere\s+(?:is|are|shall\s+be)\s+(?:substituted|inserted|added)\b"
    r"|\bceases?\s+to\s+have\s+effect\b|\bshall\s+cease\s+to\s+have\s+effect\b"
    r"|\bleave\s+out\b|\bbecomes?\s+(?:sub-?)?(?:section|paragraph|regulation|article)\b)",
    re.IGNORECASE)
# non-textual companions of amendments, kept when they stand among them
COMPANION = re.compile(
    r"\bas if\b|\bmodifications?\b|\bamendments?\s+made\s+by\b|\brepeals?\s+made\s+by\b|"
    r"\bin accordance with (?:Schedule|Part)\b", re.IGNORECASE)
QUOTED = re.compile(r"“[^“”]*(?:“[^“”]*”[^“”]*)*”")


def local(tag: object) -> str:
    """The element name without its namespace ('' for comments and the like)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def collapse(text: str) -> str:
    """White space collapsed to single spaces, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def inline_text(el: etree._Element) -> str:
    """The text of an element flowing inline, markers dropped, not collapsed."""
    parts: list[str] = []
    if el.text:
        parts.append(el.text)
    for child in el:
        name = local(child.tag)
        if name not in DROP_TAGS and name:
            inner = inline_text(child)
            if name == "InlineAmendment":
                inner = re.sub(r"^(\s*“)\s+", r"\1", inner)
                inner = re.sub(r"\s+(”\s*)$", r"\1", inner)
            parts.append(inner)
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def pnumber(el: etree._Element) -> str:
    """The printed number of a provision element: '(1)', '(a)', '71K' ('' if none)."""
    num = next((c for c in el if local(c.tag) == "Pnumber"), None)
    if num is None:
        return ""
    text = collapse(inline_text(num))
    if not text:
        return ""
    before = num.get("PuncBefore")
    after = num.get("PuncAfter")
    if before is not None or after is not None:
        return f"{before or ''}{text}{after or ''}"
    if local(el.tag) == "P1" or text.startswith("("):
        return text
    return f"({text})"


def render(el: etree._Element) -> str:
    """The printed text of a block element (provisions, lists, tables), collapsed."""
    name = local(el.tag)
    if name in DROP_TAGS or not name:
        return ""
    if name in {"Text", "Title", "Number", "AppendText", "BlockText"} or name not in BLOCK_TAGS:
        return collapse(inline_text(el))
    if name == "Pnumber":
        return ""
    if name == "BlockAmendment":
        return quote_block(el)
    pieces: list[str] = []
    if name in {"P1", "P2", "P3", "P4", "P5", "P6"}:
        pieces.append(pnumber(el))
    if name == "P1group":
        title = next((c for c in el if local(c.tag) == "Title"), None)
        p1s = [c for c in el if local(c.tag) == "P1"]
        if len(p1s) == 1 and title is not None:
            # a section prints its number, then its heading, then its text
            pieces.append(pnumber(p1s[0]))
            pieces.append(render(title))
            pieces.extend(render(c) for c in p1s[0] if local(c.tag) != "Pnumber")
            pieces.extend(render(c) for c in el if c is not title and c is not p1s[0])
            return collapse(" ".join(p for p in pieces if p))
    for child in el:
        pieces.append(render(child))
    return collapse(" ".join(p for p in pieces if p))


def quote_block(block: etree._Element) -> str:
    """A BlockAmendment as printed: its text inside “ ”."""
    inner = " ".join(p for p in (render(c) for c in block) if p)
    return f"“{collapse(inner)}”"


def own_and_items(node: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The content elements of a provision's own words, and its items (P2..P6)."""
    own: list[etree._Element] = []
    items: list[etree._Element] = []
    for child in node:
        name = local(child.tag)
        if name in PARA_TAGS:
            for c in child:
                cname = local(c.tag)
                if cname in ITEM_TAGS or cname in {"P2group", "P3group"}:
                    if cname.endswith("group"):
                        items.extend(x for x in c if local(x.tag) in ITEM_TAGS)
                    else:
                        items.append(c)
                else:
                    own.append(c)
        elif name in ITEM_TAGS:
            items.append(child)
    return own, items


def words(parts: list[etree._Element]) -> str:
    """The words of content elements joined as printed: AppendText sticks to a block."""
    out = ""
    for el in parts:
        text = render(el)
        if not text:
            continue
        if local(el.tag) == "AppendText" or not out:
            out += text
        else:
            out += " " + text
    return collapse(out)


def has_closing_words(node: etree._Element) -> bool:
    """True when content follows the provision's items inside its para element."""
    for child in node:
        if local(child.tag) in PARA_TAGS:
            seen_item = False
            for c in child:
                if local(c.tag) in ITEM_TAGS:
                    seen_item = True
                elif seen_item and local(c.tag) not in DROP_TAGS and render(c):
                    return True
    return False


def whole(node: etree._Element) -> str:
    """A provision's own words, its items (numbered), then any words after its items."""
    before: list[etree._Element] = []
    after: list[etree._Element] = []
    items: list[etree._Element] = []
    for child in node:
        name = local(child.tag)
        if name in PARA_TAGS:
            for c in child:
                if local(c.tag) in ITEM_TAGS:
                    items.append(c)
                elif items:
                    after.append(c)
                else:
                    before.append(c)
        elif name in ITEM_TAGS:
            items.append(child)
    parts = [words(before)] if before else []
    for item in items:
        parts.append(f"{pnumber(item)} {whole(item)}")
    if after:
        parts.append(words(after))
    return collapse(" ".join(p for p in parts if p))


def leaves(node: etree._Element, lead: list[str], path: list[str]
           ) -> Iterator[tuple[list[str], str, etree._Element]]:
    """Each lowest-level item under node: (number path, composed text, element)."""
    own, items = own_and_items(node)
    if not items or has_closing_words(node):
        yield path, collapse(" ".join([*lead, whole(node)])), node
        return
    own_words = words(own)
    for item in items:
        num = pnumber(item)
        next_lead = [*lead, own_words, num] if own_words else (
            [*lead, num] if lead else [])
        yield from leaves(item, next_lead, [*path, num.strip("()")])


def masked(el: etree._Element) -> str:
    """All the words under el, with every quotation emptied."""
    return QUOTED.sub("“”", collapse(inline_text_all(el)))


def is_amending(el: etree._Element) -> bool:
    """True when the provision holds an amendment or uses an amending verb."""
    for sub in el.iter():
        if local(sub.tag) in {"BlockAmendment", "InlineAmendment"}:
            return True
    return bool(AMENDING.search(masked(el)))


def amending_parts(p1: etree._Element) -> list[etree._Element]:
    """The parts of an amending P1 to take: itself, or those of its P2s that amend.

    A P2 that neither amends nor is a non-textual companion of an amendment
    (a modification, or words about the amendments made) is left out: it is
    substantive law that happens to sit in the same section.
    """
    own, items = own_and_items(p1)
    if not items or own or has_closing_words(p1):
        return [p1]
    keep = [i for i in items if is_amending(i) or COMPANION.search(masked(i))]
    return keep


def inline_text_all(el: etree._Element) -> str:
    """All text under el, block elements separated by spaces."""
    return " ".join(t for t in el.itertext())


def reattach_stray_items(root: etree._Element) -> None:
    """Put items that the file places after their lead-in back inside it.

    Some revised files close an item ("(12) In paragraph 33(a), … and in the
    substituted paragraph (b)—") and then give its own items ((a), (b)) as
    its following siblings.  An item one level deeper than the item before
    it, with that item having no items of its own, is moved into it.
    """
    for para in [el for el in root.iter() if local(el.tag) in PARA_TAGS]:
        receiver: etree._Element | None = None
        for child in list(para):
            name = local(child.tag)
            if name not in ITEM_TAGS:
                continue
            if receiver is not None and name > local(receiver.tag):
                target = next((c for c in receiver if local(c.tag) in PARA_TAGS), None)
                if target is not None:
                    target.append(child)
                    continue
            receiver = child if not own_and_items(child)[1] else None


def top_provisions(root: etree._Element) -> Iterator[etree._Element]:
    """Every P1 of the document that is not inside a BlockAmendment."""
    for el in root.iter():
        if local(el.tag) != "P1":
            continue
        anc = el.getparent()
        quoted = False
        while anc is not None:
            if local(anc.tag) in {"BlockAmendment", "Commentary", "Footnote"}:
                quoted = True
                break
            anc = anc.getparent()
        if not quoted:
            yield el


def schedule_of(p1: etree._Element) -> str | None:
    """The number of the Schedule holding p1 ('2', '' for an unnumbered one), or None."""
    anc = p1.getparent()
    while anc is not None:
        if local(anc.tag) == "Schedule":
            num = next((c for c in anc if local(c.tag) == "Number"), None)
            text = collapse(inline_text(num)) if num is not None else ""
            m = re.search(r"(?i)schedule\s+(\S+)", text)
            return m.group(1) if m else ""
        anc = anc.getparent()
    return None


def citation_for(p1: etree._Element, path: list[str], kind: str) -> tuple[str, str]:
    """(citation tail, id tail) for an item of p1, e.g. ('Sch. 2 para. 5(2)(a)', 'sch2-p5-2-a')."""
    num = pnumber(p1).rstrip(".")
    sched = schedule_of(p1)
    brackets = "".join(f"({p})" for p in path)
    dashes = "".join(f"-{p}" for p in path)
    if sched is not None:
        label = f"Sch. {sched} para. {num}{brackets}" if sched else f"Sch. para. {num}{brackets}"
        ident = f"sch{sched}-p{num}{dashes}" if sched else f"sch-p{num}{dashes}"
        return label, ident.lower()
    abbrev = {"section": "s.", "regulation": "reg.", "article": "art.", "rule": "rule",
              "paragraph": "para."}[kind]
    short = {"section": "s", "regulation": "r", "article": "a", "rule": "rule",
             "paragraph": "p"}[kind]
    return f"{abbrev} {num}{brackets}", f"{short}{num}{dashes}".lower()


def main(argv: list[str] | None = None) -> int:
    """Write the instructions of one CLML file as JSON lines; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--prefix", required=True, help="id prefix, e.g. ukpga-2023-29")
    ap.add_argument("--instrument", required=True, help="citation of the instrument")
    ap.add_argument("--source", required=True, help="repository@commit:path or URL")
    ap.add_argument("--kind", default="section",
                    choices=["section", "regulation", "article", "rule", "paragraph"],
                    help="what the body's P1 provisions are called")
    args = ap.parse_args(argv)
    root = etree.parse(args.file).getroot()
    reattach_stray_items(root)
    seen: set[str] = set()
    for p1 in top_provisions(root):
        if not is_amending(p1):
            continue
        for part in amending_parts(p1):
            if part is p1:
                found = leaves(p1, [], [])
            else:
                num = pnumber(part)
                found = leaves(part, [], [num.strip("()")])
            for path, text, el in found:
                if not text or re.fullmatch(r"[.\s]*", text):
                    continue
                label, ident = citation_for(p1, path, args.kind)
                ident = f"{args.prefix}-{ident}"
                while ident in seen:
                    ident += "x"
                seen.add(ident)
                element_id = el.get("id") or p1.get("id") or ""
                entry = {
                    "id": ident,
                    "citation": f"{args.instrument}, {label}",
                    "source": args.source + (f" (element {element_id})" if element_id else ""),
                    "text": text,
                }
                sys.stdout.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
