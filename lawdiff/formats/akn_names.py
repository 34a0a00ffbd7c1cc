"""Akoma Ntoso vocabulary shared by the AKN reader and writer: namespaces and name mappings.

Akoma Ntoso 3.0 (OASIS LegalDocML) is written by many producers -- Laws.Africa's
Indigo/bluebell/cobalt, legislation.gov.uk, UK Lawmaker -- each with its own habits.
These tables say which AKN element each model construct corresponds to; anything not
listed is kept verbatim (opaque content, or a mark under its qualified name).

Three namespaces of lawdiff's own appear in what the writer produces:

* ``urn:lawdiff:meta`` (prefix ``ld``): lawdiff's metadata (``<ld:statute>``) and the
  control attributes that let a document read back as the model it was written from
  (``ld:ident``, ``ld:kind``, ``ld:extras``, ``ld:mark``, ``ld:block`` …);
* ``urn:lawdiff:akn-attr`` (prefix ``lda``): a source attribute that AKN 3.0 does not
  allow where it stood (an AKN 2.0 ``id``, a duplicated ``eId``), kept under this
  namespace (AKN allows attributes of other namespaces anywhere) and given back unchanged
  when read;
* ``urn:lawdiff:akn-layout``: the namespace of the layout notes the reader keeps in a
  node's ``extras`` (the element it was, its printed number, the attributes of its
  ``<num>``, ``<heading>`` or ``<p>`` …).  They are written as AKN structure, never as
  attributes.
"""

from __future__ import annotations

from lawdiff.model import Kind

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
META_NS = "urn:lawdiff:meta"
ATTR_NS = "urn:lawdiff:akn-attr"
LAYOUT_NS = "urn:lawdiff:akn-layout"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
A = f"{{{AKN_NS}}}"
M = f"{{{META_NS}}}"
ESC = f"{{{ATTR_NS}}}"
L = f"{{{LAYOUT_NS}}}"
NSMAP = {None: AKN_NS, "ld": META_NS}

# Layout notes (keys of a node's extras).
TAG = f"{L}tag"            # the AKN element, where the kind does not imply it
NUM = f"{L}num"            # the number as printed ("1.", "(a)", "PART 2"), where not the default
NUM_ATTRS = f"{L}num.attrs"
HEADING_ATTRS = f"{L}heading.attrs"
SUBHEADING = f"{L}subheading"          # a <subheading>, kept verbatim
TEXT_ATTRS = f"{L}p.attrs"             # the <p> holding the text
WRAP_ATTRS = f"{L}wrap-p.attrs"        # the <p> holding the closing words
INTRO_ATTRS = f"{L}intro.attrs"
CONTENT_ATTRS = f"{L}content.attrs"
WRAPUP_ATTRS = f"{L}wrapUp.attrs"
LIST_INTRO = f"{L}listIntroduction.attrs"
LIST_WRAP = f"{L}listWrapUp.attrs"
IN = f"{L}in"              # the wrapper a provision stood in ("schedules")
DOC = f"{L}doc"            # an attachment's document: "name meta-xml" (JSON)
EIDS = f"{L}eids"          # on an Act: "source" when its identifiers are the source's eIds

# Document-level extras (on the Act).
ACT_TAG = f"{L}act"        # the document element, where not <act>
ACT_ATTRS = f"{L}act.attrs"
SCHEDULES = f"{L}schedules"  # legislation.gov.uk's <hcontainer name="schedules"> (JSON)

# Inline elements and the neutral mark names they carry (the rest keep their qualified name).
MARK_OF = {
    "b": "strong",
    "i": "emphasis",
    "u": "underline",
    "sup": "superscript",
    "sub": "subscript",
    "span": "span",
    "term": "term",
    "def": "definition",
    "abbr": "abbreviation",
    "ref": "citation",
    "noteRef": "footnote-ref",
    "ins": "addition",
    "del": "repeal",
}
ELEMENT_OF_MARK = {mark: name for name, mark in MARK_OF.items()}
# Attributes an element cannot be written without.
REQUIRED = {"ref": ("href",), "noteRef": ("href",), "inline": ("name",), "date": ("date",),
            "def": ("refersTo",), "term": ("refersTo",), "abbr": (), "span": (), "img": ("src",), "mref": (),
            "rref": ("from", "upTo"), "time": ("time",)}

# Elements of hierarchy (containers of numbered provisions).
HIER = frozenset({
    "alinea", "article", "book", "chapter", "clause", "division", "indent", "level", "list",
    "paragraph", "part", "point", "proviso", "rule", "section", "subchapter", "subclause",
    "subdivision", "sublist", "subparagraph", "subpart", "subrule", "subsection", "subtitle",
    "title", "tome", "transitional", "hcontainer",
})
GROUPINGS = {"part": Kind.PART, "chapter": Kind.CHAPTER, "book": Kind.GROUP,
             "title": Kind.GROUP, "tome": Kind.GROUP, "subtitle": Kind.GROUP,
             "division": Kind.GROUP, "subdivision": Kind.GROUP, "subpart": Kind.GROUP,
             "subchapter": Kind.GROUP}
UNITS = {"section": Kind.SECTION, "article": Kind.ARTICLE, "rule": Kind.RULE}
HCONTAINER_KIND = {"crossheading": Kind.CROSSHEADING, "subheading": Kind.SUBHEADING,
                   "schedule": Kind.SCHEDULE, "appendix": Kind.APPENDIX, "annex": Kind.ANNEX,
                   "regulation": Kind.REGULATION, "group": Kind.GROUP,
                   "article": Kind.ARTICLE, "rule": Kind.RULE, "section": Kind.SECTION}
ANNEX_OF_DOC = {"schedule": Kind.SCHEDULE, "appendix": Kind.APPENDIX, "annex": Kind.ANNEX,
                "annexure": Kind.ANNEX}

# The element each kind is written as: (element, hcontainer name or None).
ELEMENT_OF_KIND: dict[Kind, tuple[str, str | None]] = {
    Kind.GROUP: ("hcontainer", "group"),
    Kind.PART: ("part", None),
    Kind.CHAPTER: ("chapter", None),
    Kind.CROSSHEADING: ("hcontainer", "crossheading"),
    Kind.SUBHEADING: ("hcontainer", "subheading"),
    Kind.SECTION: ("section", None),
    Kind.ARTICLE: ("article", None),
    Kind.REGULATION: ("hcontainer", "regulation"),
    Kind.RULE: ("rule", None),
    Kind.SUBSECTION: ("subsection", None),
    Kind.NUMBERED_PARAGRAPH: ("paragraph", None),
    Kind.PARAGRAPH: ("paragraph", None),
    Kind.SUBPARAGRAPH: ("subparagraph", None),
    Kind.CLAUSE: ("clause", None),
    Kind.SUBCLAUSE: ("subclause", None),
    Kind.SCHEDULE: ("hcontainer", "schedule"),
    Kind.APPENDIX: ("hcontainer", "appendix"),
    Kind.ANNEX: ("hcontainer", "annex"),
    Kind.SCHEDULE_PARAGRAPH: ("paragraph", None),
    Kind.SCHEDULE_SUBPARAGRAPH: ("subparagraph", None),
    Kind.BLOCK: ("p", None),
    Kind.LIST: ("blockList", None),
    Kind.ITEM: ("item", None),
}

# eId abbreviations of unnumbered elements (AKN naming convention, section 5.3).
EID_ABBR = {"hcontainer": "hcontainer", "blockList": "list", "item": "item",
            "attachment": "att", "table": "table", "crossHeading": "crossHeading",
            "blockContainer": "blockContainer", "p": "p", "level": "level"}

# Meta sections in schema order; lawdiff writes identification itself.
META_ORDER = ("identification", "publication", "classification", "lifecycle", "workflow",
              "analysis", "temporalData", "references", "notes", "proprietary", "presentation")
FRONT_ORDER = ("coverPage", "preface", "preamble")

# Attributes AKN 3.0 defines (on some element); any other unqualified attribute is kept
# under the lda namespace when written.
AKN_ATTRIBUTES = frozenset({
    "eId", "wId", "GUID", "class", "style", "title", "status", "refersTo", "period", "href",
    "showAs", "shortForm", "name", "date", "time", "contains", "alternativeTo", "for", "by",
    "as", "marker", "placement", "placementBase", "src", "alt", "width", "height", "value",
    "source", "language", "from", "upTo", "type", "number", "breakat", "breakWith", "level",
    "colspan", "rowspan", "border", "cellspacing", "cellpadding", "pos", "exclusion",
    "incomplete", "originalText", "actor", "modType", "outcome", "start", "end", "duration",
    "frequency", "dictionary", "include", "empowered", "includedIn", "ordered",
    "normalized", "currency", "unit", "link", "endTime", "startTime", "chamber", "lawyer",
    "contentName", "startQuote", "endQuote", "inlineQuote", "authorialNote",
})
UNIQUE_ATTRIBUTES = ("eId", "wId", "GUID")

# Elements of inline content that hold blocks or stand for whole structures (kept whole as
# atoms: their words are not the words of the sentence around them).
SUBFLOWS = frozenset({"authorialNote", "quotedStructure", "embeddedStructure", "subFlow",
                      "foreign", "note", "documentRef", "fillIn", "omissis"})
BLOCKS = frozenset({"p", "blockList", "table", "foreign", "blockContainer", "tblock", "toc",
                    "ul", "ol", "formula", "container", "block", "crossHeading"})
