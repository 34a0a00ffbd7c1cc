"""CLML vocabulary shared by the CLML reader and writer: namespaces and name mappings.

CLML is legislation.gov.uk's XML (Crown Legislation Markup Language).  These
tables say which CLML element each model construct corresponds to; anything
not listed is kept verbatim (opaque content, or a mark under its qualified
name) and written back unchanged.
"""

from __future__ import annotations

from lawdiff.model import Kind

NS = "http://www.legislation.gov.uk/namespaces/legislation"
UKM = "http://www.legislation.gov.uk/namespaces/metadata"
DC = "http://purl.org/dc/elements/1.1/"
DCT = "http://purl.org/dc/terms/"
ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
MATHML = "http://www.w3.org/1998/Math/MathML"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ERR = "http://www.legislation.gov.uk/namespaces/error"

C = f"{{{NS}}}"

NSMAP = {None: NS, "ukm": UKM, "dc": DC, "dct": DCT, "atom": ATOM, "xsi": XSI}

# Inline elements and the neutral mark names they carry (the rest keep their qualified name).
MARK_OF = {
    "Emphasis": "emphasis",
    "Strong": "strong",
    "Underline": "underline",
    "SmallCaps": "smallcaps",
    "Superior": "superscript",
    "Inferior": "subscript",
    "Citation": "citation",
    "CitationSubRef": "citation-ref",
    "Term": "term",
    "Definition": "definition",
    "Abbreviation": "abbreviation",
    "Acronym": "acronym",
    "InlineAmendment": "inline-amendment",
    "Addition": "addition",
    "Substitution": "substitution",
    "Repeal": "repeal",
    "Span": "span",
    "FootnoteRef": "footnote-ref",
    "CommentaryRef": "commentary-ref",
    "MarginNoteRef": "margin-note-ref",
    "Character": "character",
}
ELEMENT_OF_MARK = {mark: name for name, mark in MARK_OF.items()}

# Groupings and what they are in the model.
GROUPING = {
    "Group": Kind.GROUP,
    "Part": Kind.PART,
    "Chapter": Kind.CHAPTER,
    "Pblock": Kind.CROSSHEADING,
    "PsubBlock": Kind.SUBHEADING,
}
ELEMENT_OF_GROUPING = {kind: name for name, kind in GROUPING.items()}

# Numbered levels: the element and its wrapper of content.
LEVELS = ("P1", "P2", "P3", "P4", "P5", "P6", "P7")

# Words printed before a grouping's or annex's number ("PART 2", "SCHEDULE 1").
NUMBER_WORDS = {
    Kind.PART: "Part",
    Kind.CHAPTER: "Chapter",
    Kind.SCHEDULE: "Schedule",
    Kind.APPENDIX: "Appendix",
    Kind.ANNEX: "Annex",
    Kind.GROUP: "Group",
}

# legislation.gov.uk document types: (DocumentMainType, URI type, how the number is cited).
DOC_TYPES = {
    "UnitedKingdomPublicGeneralAct": ("ukpga", "c. {n}"),
    "UnitedKingdomLocalAct": ("ukla", "c. {n}"),
    "UnitedKingdomPrivateOrPersonalAct": ("ukppa", "c. {n}"),
    "UnitedKingdomChurchMeasure": ("ukcm", "No. {n}"),
    "UnitedKingdomChurchInstrument": ("ukci", "No. {n}"),
    "ScottishAct": ("asp", "asp {n}"),
    "ScottishOldAct": ("aosp", "c. {n}"),
    "EnglandAct": ("aep", "c. {n}"),
    "GreatBritainAct": ("apgb", "c. {n}"),
    "IrelandAct": ("aip", "c. {n}"),
    "NorthernIrelandAct": ("nia", "c. {n}"),
    "NorthernIrelandAssemblyMeasure": ("mnia", "c. {n}"),
    "NorthernIrelandParliamentAct": ("apni", "c. {n}"),
    "WelshAssemblyMeasure": ("mwa", "nawm {n}"),
    "WelshNationalAssemblyAct": ("anaw", "anaw {n}"),
    "WelshParliamentAct": ("asc", "asc {n}"),
    "UnitedKingdomStatutoryInstrument": ("uksi", "S.I. {y}/{n}"),
    "UnitedKingdomDraftStatutoryInstrument": ("ukdsi", "S.I. {y}/{n}"),
    "UnitedKingdomMinisterialOrder": ("ukmo", "No. {n}"),
    "UnitedKingdomMinisterialDirection": ("ukmd", "No. {n}"),
    "ScottishStatutoryInstrument": ("ssi", "S.S.I. {y}/{n}"),
    "ScottishDraftStatutoryInstrument": ("sdsi", "S.S.I. {y}/{n}"),
    "WelshStatutoryInstrument": ("wsi", "S.I. {y}/{n}"),
    "WelshDraftStatutoryInstrument": ("wdsi", "S.I. {y}/{n}"),
    "NorthernIrelandStatutoryRule": ("nisr", "S.R. {y}/{n}"),
    "NorthernIrelandDraftStatutoryRule": ("nidsr", "S.R. {y}/{n}"),
    "NorthernIrelandOrderInCouncil": ("nisi", "S.I. {y}/{n}"),
    "NorthernIrelandStatutoryRuleOrOrder": ("nisro", "S.R. & O. {y}/{n}"),
    "UnitedKingdomStatutoryRuleOrOrder": ("uksro", "S.R. & O. {y}/{n}"),
    "EuropeanUnionRegulation": ("eur", "No. {n}"),
    "EuropeanUnionDecision": ("eudn", "No. {n}"),
    "EuropeanUnionDirective": ("eudr", "No. {n}"),
    "EuropeanUnionTreaty": ("eut", "No. {n}"),
}
MAIN_TYPE_OF = {uri: main for main, (uri, _) in DOC_TYPES.items()}
PRIMARY_TYPES = frozenset({"ukpga", "ukla", "ukppa", "ukcm", "asp", "aosp", "aep", "apgb",
                           "aip", "nia", "mnia", "apni", "mwa", "anaw", "asc"})

# Where each document type's primary unit is an article, regulation or rule (else a section).
MINOR_UNIT = {"order": Kind.ARTICLE, "regulation": Kind.REGULATION, "rule": Kind.RULE}
ID_UNIT = {"section": Kind.SECTION, "article": Kind.ARTICLE, "regulation": Kind.REGULATION,
           "rule": Kind.RULE}
UNIT_ID = {Kind.SECTION: "section", Kind.ARTICLE: "article", Kind.REGULATION: "regulation",
           Kind.RULE: "rule", Kind.SCHEDULE_PARAGRAPH: "paragraph"}
