"""Reading an amending instrument into its amending items.

:func:`read_instrument` takes an amending Act or instrument as any reader
gives it (an :class:`~lawdiff.model.Act`); :func:`read_instrument_text`
takes amending provisions printed as plain text.  Both return an
:class:`Instrument`: one :class:`AmendingItem` per amending instruction, in
document order, each with

* its citation ("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(b)");
* the text the instruction parser reads: the item with its number and the
  numbers and lead-ins above it, the lead-ins before it that set its context
  ("(1) The … Act 1970 is amended as follows."), and its quoted structures as
  printed;
* its words as printed with the lead-ins enclosing it (the operation's
  verbatim text);
* the Act it is aimed at as the instrument names it (in the item, its
  lead-ins, an earlier instruction it refers back to with "that Act", an
  earlier "… is amended as follows" provision, or a heading), resolved
  through the abbreviations the instrument defines;
* its quoted structures with their source XML;
* whether it is a textual amendment, or a provision that is not one
  (commencement, modification, saving or transitional provision, expiry:
  recorded, never applied), and the instrument's own commencement rule for
  it.

A provision of a document is read for instructions when it amends: it has a
lead-in, or an instruction's verb with quoted words or a provision as its
object; inside it, an item is an instruction when it says so itself or
stands under such a lead-in (a provision that only partly amends keeps its
other words out of the report).  Every item of plain text is an instruction
unless it is a lead-in or a definition.

Nothing here parses an instruction or touches the amended Act: that is
:mod:`lawdiff.apply`'s work.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import date

import attrs

from lawdiff.address import Address, Step
from lawdiff.citation import parse_citation
from lawdiff.errors import InvalidAmendment
from lawdiff.instructions import item_citation
from lawdiff.instrument.commencement import CommencementRule, read_rules, rule_for
from lawdiff.instrument.names import (
    TITLE,
    ActRegistry,
    Identity,
    NamedAct,
    find_act_name,
    read_abbreviations,
    strip_quotations,
    titles_with_numbers,
)
from lawdiff.instrument.pieces import (
    Piece,
    Quoted,
    pieces_of_provision,
    pieces_of_text,
    spaced,
)
from lawdiff.model import Act, ActInfo, Kind, Node, Provision

_PRIMARY = frozenset({Kind.SECTION, Kind.ARTICLE, Kind.REGULATION, Kind.RULE,
                      Kind.SCHEDULE_PARAGRAPH})
_ANNEXES = frozenset({Kind.SCHEDULE, Kind.APPENDIX, Kind.ANNEX})
_I = re.IGNORECASE
_QUOTED = "\u201c\u2026\u201d"  # what strip_quotations leaves of a quotation

_LEAD_IN = re.compile(r"^(?P<subject>.*?)\s+(?:is|are|shall\s+be|be)\s+(?:further\s+|hereby\s+)?"
                      r"(?P<verb>amended|modified)(?P<how>\b[^\u201c\u201d\"]*)?$", _I | re.DOTALL)
_MODAL = r"(?<!\bmay\s)(?<!\bto\s)(?<!\bnot\s)(?<!\bmust\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcan\s)"
_ACTION = re.compile(
    rf"{_MODAL}\b(?:insert|omit|leave\s+out)\b"
    # "substitute" and "add" are verbs of an instruction only before what they put in: not
    # in "substitute calculations", "add an office".
    rf"|{_MODAL}\b(?:substitute|add)\b(?!\s+(?!the\b|for\b|that\b|those\b|in\b|at\b|after\b"
    r"|before\b|as\b|words?\b|following\b)[a-z])"
    r"|\b(?:is|are|shall\s+be)\s+(?:hereby\s+)?(?:repealed|revoked|omitted|inserted|substituted"
    r"|added)\b"
    r"|\bthere\s+(?:shall\s+be|is|are)\s+(?:inserted|substituted|added)\b"
    r"|^(?:\(\w+\)\s*)?(?:sections?|subsections?|paragraphs?|sub-paragraphs?|schedules?"
    r"|regulations?|articles?|rules?|parts?|chapters?|in)\b[^.]*\bceases?\s+to\s+have\s+effect\b",
    _I)
_UNITS = (r"(?:sections?|subsections?|paragraphs?|sub-paragraphs?|schedules?|parts?|chapters?"
          r"|regulations?|articles?|rules?|points?|definitions?|entry|entries|items?|heading"
          r"|cross-heading|table|column|annex)")
_DESIGNATION = r"(?:\([0-9A-Za-z]|(?-i:[0-9A-Z]))"  # "(c)", "(1)", "5", "A1": not "the"
_OBJECT = re.compile(
    r"\b(?:insert|substitute|omit|leave\s+out|add|repeal|revoke|inserted|substituted|omitted"
    rf"|added)\s+(?:the\s+)?(?:words?\s+|first\s+|second\s+|third\s+|last\s+)?{_UNITS}\b"
    rf"|\b(?:for|after|before)\s+(?:the\s+)?(?:words?\s+)?{_UNITS}\s+{_DESIGNATION}"
    rf"|^(?:\(\w+\)\s*)?(?:in\s+)?(?:the\s+)?{_UNITS}\s+{_DESIGNATION}"
    r"|\b(?:Act|Regulations|Order|Rules|Measure)(?:\s+\([^)]*\))?\s+\d{4}\b[^.;]*\b(?:is|are"
    r"|shall\s+be)\s+(?:hereby\s+)?(?:repealed|revoked|amended)\b",
    _I)
_LOCATING = re.compile(rf"^(?:in|within)\s+(?:the\s+)?(?:{_UNITS}|(?-i:[A-Z]))", _I)
_MODIFIED_AS_FOLLOWS = re.compile(
    r"\b(?:modified|modifications?)\s+(?:as\s+follows|set\s+out\s+in|specified\s+in"
    r"|in\s+the\s+following)\b|\bwith\s+the\s+following\s+modifications?\b"
    r"|\bas\s+if\b[^.]*\bmodified\s+as\s+follows\b", _I)
_COMMENCEMENT = re.compile(r"\b(?:comes?|shall\s+come)\s+into\s+(?:force|operation)\b", _I)
_MODIFICATION = re.compile(
    r"\bha(?:s|ve)\s+effect\s+as\s+if\b|\b(?:is|are)\s+to\s+(?:be\s+)?(?:read|treated|construed)"
    r"\s+as\s+if\b|\bappl(?:y|ies)\s+as\s+if\b|\bwith\s+the\s+following\s+modifications?\b"
    r"|\bha(?:s|ve)\s+effect\s+(?:subject\s+to|with)\s+(?:the\s+)?(?:following\s+)?"
    r"modifications?\b|\b(?:is|are)\s+modified\b|\bas\s+if\b[^.]*\b(?:were|had\s+been)\s+"
    r"(?:inserted|substituted|omitted)\b", _I)
_SAVING = re.compile(r"\btransitional\b|\bsavings?\b|\bdo(?:es)?\s+not\s+affect\b"
                     r"|\bcontinues?\s+to\s+(?:have\s+effect|apply)\b", _I)
_TITLE_RE = re.compile(TITLE)
_THAT = re.compile(r"\b(?:that|the\s+said)\s+(?:Act|Order|Measure|instrument|Article|article|section"
                   r"|regulation|rule|Schedule|Part|Chapter)\b|\bthose\s+(?:Regulations|Rules)\b")
_BY_SCHEDULE = re.compile(
    r"\b(?:referred\s+to|specified|listed|mentioned|set\s+out)\s+in\s+(?:the\s+)?(?:first\s+"
    r"column\s+of\s+)?(?:Part\s+\w+\s+of\s+)?Schedule\s*\w*\b[^.]*\b(?:is|are)\s+(?:hereby\s+)?"
    r"(?:repealed|revoked)\b|\bSchedule\s*\w*\s+(?:contains|makes|has\s+effect)\b[^.]*"
    r"\b(?:repeals|revocations|amendments)\b", _I)
_TRANSITIONAL_HEADING = re.compile(r"\btransitional\b|\bsavings?\b|\btransitory\b", _I)
_EXPIRY = re.compile(r"\bceases?\s+to\s+have\s+effect\s+(?:at|on|after|before|from|when|with)\b",
                     _I)
_DEFINITION = re.compile("^\\s*(?:In\\s+this\\s+[\\w-]+,?\\s+)?(?:the\\s+)?\u201c[^\u201d]+\u201d\\s+"
                         "(?:means|has\\s+the\\s+(?:same\\s+)?meaning)\\b")
_PROVISION_SUBJECT = re.compile(r"^(?:the\s+)?(?:sections?|subsections?|paragraphs?"
                                r"|sub-paragraphs?|schedules?|regulations?|articles?|rules?"
                                r"|parts?|chapters?|the\s+table|table|entry|definition)\b", _I)
_SCOTTISH = frozenset({"asp", "ssi", "sdsi"})
_ANNEX_WORDS = frozenset({"SCHEDULE", "APPENDIX", "ANNEX"})  # a lone annex read as its number
_NUMBER_LABEL = re.compile(r"\(?[0-9A-Za-z]+\)?")


class ItemKind(enum.Enum):
    """What an amending item is: a textual amendment, or a provision that is not one."""

    INSTRUCTION = "instruction"
    NOT_TEXTUAL = "not textual"


@attrs.frozen(slots=True)
class AmendingItem:
    """One amending instruction of an instrument (see the module documentation).

    ``citation`` cites the item; ``primary`` the provision it is in (the
    base its sub-items' numbers are cited from); ``text`` is what the
    instruction parser reads; ``words`` the item as printed with the
    lead-ins enclosing it; ``aimed`` the Act it is aimed at as named (None
    when nothing names one) and ``aimed_how`` where that name was found;
    ``quoted`` its quoted structures; ``reason`` why a NOT_TEXTUAL item is
    not a textual amendment ("commencement", "modification", "saving or
    transitional provision", "expiry"); ``commencement`` the instrument's own
    rule for it; ``part`` the Part of the instrument it stands in ("Pt. 3");
    ``label`` its numbers from its provision's down, as the parser labels the
    changes it reads in ``text``.  ``antecedent`` is True when ``text`` also
    holds the instruction before it, which its "that Article" refers to: only
    the changes labelled with ``label`` are the item's.
    """

    citation: str
    primary: str
    text: str
    words: str
    kind: ItemKind
    aimed: NamedAct | None = None
    aimed_how: str = "none named"
    quoted: tuple[Quoted, ...] = ()
    reason: str | None = None
    commencement: CommencementRule | None = None
    part: str | None = None
    label: tuple[str, ...] = ()
    antecedent: bool = False

    @property
    def provision(self) -> str:
        """The item's provision within the instrument ("Sch. 2 para. 2(2)(b)"), or ""."""
        return parse_citation(self.citation).provision or ""


@attrs.frozen(slots=True)
class Instrument:
    """An amending instrument read into its items (see :func:`read_instrument`).

    ``citation`` cites the instrument ("Children Act 2004 (c. 31)"; for
    plain text, the enactment the text was said to come from); ``identity``
    its work, title and year as far as known; ``made`` the day it was passed
    or made; ``provisions`` how many provisions were read; ``lead_ins`` how
    many items only set context ("… is amended as follows");
    ``abbreviations`` the names of Acts it defines; ``rules`` its
    commencement rules.
    """

    citation: str
    identity: Identity
    items: tuple[AmendingItem, ...]
    provisions: int = 0
    lead_ins: int = 0
    made: date | None = None
    plain_text: bool = False
    abbreviations: tuple[tuple[str, NamedAct], ...] = ()
    rules: tuple[CommencementRule, ...] = ()


@attrs.define(slots=True)
class _Context:
    """What earlier provisions in the same grouping said: "The X Act 1974 is amended as
    follows." names the Act of the provisions after it; "Schedule 2 to the X Act is amended
    as follows." also their place (``prefix``, "In Schedule 2 to the X Act,"); "… has effect
    as if it were modified as follows." makes them modifications (``modifying``, citing the
    provision that said so)."""

    named: NamedAct | None = None
    prefix: str | None = None
    modifying: str | None = None


@attrs.frozen(slots=True)
class _Primary:
    piece: Piece
    citation: str
    provision: str
    part: str | None
    headings: tuple[str, ...]
    group: tuple[int, ...] = ()


@attrs.define(slots=True)
class _Contexts:
    """Lead-in contexts by the grouping they were set in: a lead-in applies to what follows it
    in its grouping, groupings inside it included."""

    by_group: dict[tuple[int, ...], _Context] = attrs.field(factory=dict)

    def at(self, group: tuple[int, ...]) -> _Context:
        """The context in force for a provision in ``group``."""
        for depth in range(len(group), -1, -1):
            found = self.by_group.get(group[:depth])
            if found is not None:
                return found
        return _Context()

    def set(self, group: tuple[int, ...], context: _Context) -> None:
        """A lead-in in ``group``: it replaces what was said before in that grouping."""
        for key in [k for k in self.by_group if k[:len(group)] == group]:
            del self.by_group[key]
        self.by_group[group] = context


def instrument_citation(info: ActInfo) -> str:
    """How to cite a document: "Children Act 2004 (c. 31)"; "The … Regulations 2016 (S.I.
    2016/413)"."""
    if info.chapter and info.chapter != info.work:
        return f"{info.title} ({info.chapter})"
    return info.title


def read_instrument(act: Act, citation: str | None = None) -> Instrument:
    """Read an amending Act or instrument, as any reader gives it, into its amending items.

    ``citation`` overrides how the instrument is cited (default: its title
    and number, :func:`instrument_citation`).
    """
    info = act.info
    cite = citation or instrument_citation(info)
    primaries: list[_Primary] = []
    _collect(act.children, (), None, (), primaries)
    identity = Identity(info.work, info.title, info.year)
    in_force = next((day for name, day in info.dates if name == "coming-into-force"), None)
    number = info.chapter if info.chapter and info.chapter != info.work else None
    return _read(cite, identity, primaries, info.made, plain=False, in_force=in_force,
                 scottish=info.doc_type in _SCOTTISH, number=number)


def read_instrument_text(text: str, citation: str) -> Instrument:
    """Read amending provisions printed as plain text (numbering and lead-ins included).

    ``citation`` says what the text is: "Children Act 2004 (c. 31), Sch. 2"
    for paragraphs of that Schedule, "Children Act 2004 (c. 31)" for its
    sections, "S.I. 2016/413, reg. 21" for that regulation.  Raises
    InvalidAmendment for a text with no words, or a citation that does not
    say how the provisions of an instrument are numbered.
    """
    if not text.strip():
        raise InvalidAmendment("the amending text is empty")
    parsed = parse_citation(citation)
    identity = Identity(None, parsed.title if parsed.kind != "other" else None, parsed.year)
    primaries: list[_Primary] = []
    for piece in pieces_of_text(text):
        bare = piece.num is not None and piece.bare
        cite = item_citation(citation, (piece.num,)) if bare and piece.num else citation
        headings = (piece.heading,) if piece.heading else ()
        piece.heading = None
        primaries.append(_Primary(piece, cite, parse_citation(cite).provision or "", None,
                                  headings))
    enactment = parsed.enactment if parsed.kind != "other" else citation
    number = parsed.instrument_number if parsed.kind == "si" else parsed.number
    return _read(enactment, identity, primaries, None, plain=True, in_force=None,
                 scottish=False, number=number or None)


def _collect(nodes: Iterable[Node], steps: tuple[Step, ...] | None, part: str | None,
             headings: tuple[str, ...], out: list[_Primary], group: tuple[int, ...] = ()
             ) -> None:
    """Every primary provision (section, article, regulation, rule, Schedule paragraph), with
    the groupings it stands in."""
    for index, node in enumerate(nodes):
        if not isinstance(node, Provision):
            continue
        if node.kind in _PRIMARY and node.num is not None:
            if steps is None:  # in an annex with no number ("SCHEDULE"): "Sch. para. 1"
                provision = f"Sch. para. {node.num.value}"
            else:
                provision = str(Address((*steps, Step(node.kind, node.num))))
            out.append(_Primary(pieces_of_provision(node), "", provision, part, headings,
                                group))
        elif node.kind in _ANNEXES:
            heads = (node.heading, *headings) if node.heading else headings
            numbered = node.num is not None and node.num.value.upper() not in _ANNEX_WORDS
            inner = (*steps, Step(node.kind, node.num)) if numbered and node.num is not None \
                and steps is not None else None
            _collect(node.children, inner, None, heads, out, (*group, index))
        elif node.kind.transparent:
            heads = (node.heading, *headings) if node.heading else headings
            if node.kind is Kind.PART and node.num is not None and steps == ():
                inner_part: str | None = f"Pt. {node.num.value}"
            else:
                inner_part = part
            _collect(node.children, steps, inner_part, heads, out, (*group, index))


def _read(citation: str, identity: Identity, primaries: list[_Primary], made: date | None,
          plain: bool, in_force: date | None, scottish: bool, number: str | None
          ) -> Instrument:
    texts = [p.piece.words() for p in primaries] + [h for p in primaries for h in p.headings]
    abbreviations = read_abbreviations(texts)
    registry = ActRegistry(self_act=NamedAct(identity.title or citation, identity.title,
                                             number, identity.year, identity.work))
    for named in titles_with_numbers(texts):
        registry.add(named)
    for named in abbreviations.values():
        registry.add(named)
    reader = _Reader(abbreviations, registry, plain, made, scottish)
    contexts = _Contexts()
    for primary in primaries:
        if not primary.citation:
            primary = attrs.evolve(primary, citation=f"{citation}, {primary.provision}")
        reader.primary(primary, contexts)
    rules = list(reader.rules)
    if in_force is not None and not any(not r.scopes and not r.partial for r in rules):
        rules.insert(0, CommencementRule((), in_force, "on the day its front page gives "
                                         "(coming into force)", ""))
    items = tuple(attrs.evolve(item, commencement=rule_for(rules, item.provision, item.part))
                  for item in reader.items)
    return Instrument(citation, identity, items, provisions=len(primaries),
                      lead_ins=reader.lead_ins, made=made, plain_text=plain,
                      abbreviations=tuple(sorted(abbreviations.items())), rules=tuple(rules))


Trail = list[tuple[Piece, list[Piece]]]
"""The items above one: each with the lead-ins that stood before the next one down."""


class _Reader:
    def __init__(self, abbreviations: dict[str, NamedAct], registry: ActRegistry, plain: bool,
                 made: date | None, scottish: bool) -> None:
        self.abbreviations = abbreviations
        self.registry = registry
        self.plain = plain
        self.made = made
        self.scottish = scottish
        self.items: list[AmendingItem] = []
        self.rules: list[CommencementRule] = []
        self.lead_ins = 0
        self.last_named: NamedAct | None = None
        # The item that last named an Act in its own words, with what stands above it.
        self.antecedent: tuple[str, tuple[int, ...], Piece] | None = None

    def name(self, text: str) -> NamedAct | None:
        named = find_act_name(text, self.abbreviations)
        return self.registry.resolve(named) if named is not None else None

    def lead_in(self, words: str) -> bool:
        return is_lead_in(words, modified=self.scottish)

    # --- provisions -------------------------------------------------------------------

    def primary(self, primary: _Primary, contexts: _Contexts) -> None:
        piece = primary.piece
        words = piece.own_words()
        if not piece.children and not piece.quoted and self.lead_in(words):
            self.lead_ins += 1
            subject = lead_in_subject(words)
            prefix = None
            if _PROVISION_SUBJECT.match(subject) and _ACTION.search(subject) is None:
                prefix = f"In {subject},"
            contexts.set(primary.group, _Context(self.name(subject), prefix))
            return
        context = contexts.at(primary.group)
        plain = strip_quotations(piece.words())
        if _MODIFIED_AS_FOLLOWS.search(plain) and not piece.children:
            # "… has effect as if it were modified as follows.": what follows modifies.
            contexts.set(primary.group, _Context(self.name(plain), None, primary.citation))
            context = contexts.at(primary.group)
        amending = self.plain or context.named is not None or context.modifying is not None \
            or mentions_amendment(piece.words())
        self.visit(piece, [], primary, context, amending)

    def visit(self, piece: Piece, trail: Trail, primary: _Primary, context: _Context,
              amending: bool) -> None:
        own = strip_quotations(piece.own_words())
        special = _COMMENCEMENT.search(own) or _MODIFICATION.search(own)
        if piece.children and not piece.quoted and not special and _ACTION.search(own) is None:
            leadins: list[Piece] = []
            for child in piece.children:
                if not child.children and not child.quoted and self.lead_in(child.own_words()):
                    self.lead_ins += 1
                    leadins.append(child)
                    continue
                self.visit(child, [*trail, (piece, list(leadins))], primary, context, amending)
            return
        self.item(piece, trail, primary, context, amending)

    def item(self, piece: Piece, trail: Trail, primary: _Primary, context: _Context,
             amending: bool) -> None:
        whole = piece.words(numbered=False)
        plain = strip_quotations(whole)
        kind = ItemKind.INSTRUCTION
        reason: str | None = None
        headings = (primary.piece.heading, *primary.headings)
        if context.modifying is not None and context.modifying != primary.citation:
            kind, reason = ItemKind.NOT_TEXTUAL, f"modification (see {context.modifying})"
        elif any(_TRANSITIONAL_HEADING.search(_TITLE_RE.sub("", h or "")) for h in headings):
            kind, reason = ItemKind.NOT_TEXTUAL, "saving or transitional provision"
        elif _EXPIRY.search(plain):
            kind, reason = ItemKind.NOT_TEXTUAL, "expiry"
        elif _BY_SCHEDULE.search(plain):
            kind, reason = ItemKind.NOT_TEXTUAL, "amendment by reference to a Schedule"
        elif _COMMENCEMENT.search(plain):
            kind, reason = ItemKind.NOT_TEXTUAL, "commencement"
            self.read_commencement(piece, trail, primary)
        elif _MODIFICATION.search(plain):
            kind, reason = ItemKind.NOT_TEXTUAL, "modification"
        elif _SAVING.search(plain) and _ACTION.search(plain) is None:
            kind, reason = ItemKind.NOT_TEXTUAL, "saving or transitional provision"
        elif self.lead_in(whole) and not piece.children:
            self.lead_ins += 1
            return
        elif (_DEFINITION.match(whole) and _ACTION.search(plain) is None) or not amending:
            return
        elif not self.plain and not mentions_amendment(whole) \
                and not self.under_lead_in(trail, context):
            return  # words of a provision that amends elsewhere, not an instruction
        named, how = self.aimed(piece, trail, primary, context)
        if kind is ItemKind.NOT_TEXTUAL and reason != "commencement" and not amending \
                and named is None:
            return
        labels = [p.num for p, _ in trail if p.num is not None]
        if piece.num is not None:
            labels.append(piece.num)
        citation = _cite(primary, labels)
        prefix = context.prefix if how == "named in an earlier provision" else None
        place = (primary.citation, tuple(id(p) for p, _ in trail))
        before = None
        if how.startswith("named in an earlier instruction") and self.antecedent is not None \
                and self.antecedent[:2] == place:
            before = self.antecedent[2]
        if how == "named in the instruction":
            self.antecedent = (*place, piece)
        text = self.compose(piece, trail, prefix, before)
        words = " ".join([*_intros(trail), piece.words(numbered=bool(_intros(trail)))])
        quoted = [q for p in _descendants(piece) for q in p.quoted]
        self.items.append(AmendingItem(
            citation=citation, primary=primary.citation, text=text, words=spaced(words),
            kind=kind, aimed=named, aimed_how=how, quoted=tuple(quoted), reason=reason,
            part=primary.part, label=tuple(labels), antecedent=before is not None))

    def under_lead_in(self, trail: Trail, context: _Context) -> bool:
        """True when an item stands under words that make what follows amendments: an earlier
        provision's lead-in, a lead-in or locating words ("In section 6—") above it."""
        if context.named is not None or context.prefix is not None:
            return True
        for anc, leadins in trail:
            if leadins:
                return True
            own = anc.own_words()
            if own and (self.lead_in(own) or _LOCATING.match(own)):
                return True
        return False

    def aimed(self, piece: Piece, trail: Trail, primary: _Primary, context: _Context
              ) -> tuple[NamedAct | None, str]:
        """The Act an item is aimed at, and where it is named."""
        words = piece.words(numbered=False)
        found = self.name(words)
        if found is not None:
            self.last_named = found
            return found, "named in the instruction"
        for anc, leadins in reversed(trail):
            for leadin in reversed(leadins):
                found = self.name(lead_in_subject(leadin.own_words()))
                if found is not None:
                    return found, "named in its lead-in"
            if anc.own_words():
                subject = anc.own_words()
                if self.lead_in(subject):
                    subject = lead_in_subject(subject)
                found = self.name(subject)
                if found is not None:
                    return found, "named in its lead-in"
        if self.last_named is not None and _THAT.search(strip_quotations(words)):
            return self.last_named, "named in an earlier instruction (\u201cthat\u201d)"
        if context.named is not None:
            return context.named, "named in an earlier provision"
        for heading in (primary.piece.heading, *primary.headings):
            if heading:
                found = self.name(heading)
                if found is not None:
                    return found, "named in a heading"
        return None, "none named"

    def compose(self, piece: Piece, trail: Trail, prefix: str | None,
                before: Piece | None = None) -> str:
        """The text the parser reads for ``piece``: the numbers and lead-ins above it, the
        lead-ins before it at each level, the instruction it refers back to (``before``), then
        the item itself."""
        parts: list[str] = []
        for anc, leadins in trail:
            parts.append(anc.label())
            own = anc.own_words()
            if own:
                parts.append(own)
            for leadin in leadins:
                parts.append(leadin.label())
                parts.append(normal_lead_in(leadin.own_words()))
        if before is not None:
            parts.append(before.label())
            parts.append(before.words(numbered=False))
        parts.append(piece.label())
        parts.append(piece.words(numbered=False))
        parts = [p for p in parts if p]
        if prefix is not None:
            for i, part in enumerate(parts):
                if part[:1].isalpha() and not _NUMBER_LABEL.fullmatch(part):
                    if not self.lead_in(part):
                        parts[i] = f"{prefix} {part[:1].lower()}{part[1:]}"
                    break
        return spaced(" ".join(parts))

    def read_commencement(self, piece: Piece, trail: Trail, primary: _Primary) -> None:
        labels = [p.num for p, _ in trail if p.num is not None]
        if piece.num is not None:
            labels.append(piece.num)
        where = primary.provision
        if len(labels) > 1:
            where += "".join(f"({x})" for x in labels[1:])
        listed = [child.words(numbered=False) for child in piece.children]
        self.rules.extend(read_rules(piece.own_words(), listed, where, self.made,
                                     own=primary.provision or None))


def _cite(primary: _Primary, labels: list[str]) -> str:
    """An item's citation: its provision's, then the numbers below it in brackets."""
    if not labels:
        return primary.citation
    if primary.piece.num is not None and labels[0] == primary.piece.num:
        return primary.citation + "".join(f"({x})" for x in labels[1:])
    return item_citation(primary.citation, tuple(labels))


def _intros(trail: Trail) -> list[str]:
    """The words of the items above one, as an instruction's text gives them: the first
    without its number, the ones below it with theirs ("In section 69— (a) in subsection
    (2)(a)—")."""
    out: list[str] = []
    for anc, _ in trail:
        own = anc.own_words()
        if own:
            out.append(f"{anc.label()} {own}" if out and anc.num is not None else own)
    return out


def _descendants(piece: Piece) -> list[Piece]:
    out = [piece]
    for child in piece.children:
        out.extend(_descendants(child))
    return out


def is_lead_in(words: str, modified: bool = False) -> bool:
    """True for words that only set context: "The X Act 1970 is amended as follows.",
    "Schedule 3 is amended in accordance with the following paragraphs."; with ``modified``
    (Scottish drafting) also "The 2005 Act is modified as follows."."""
    plain = strip_quotations(words)
    m = _LEAD_IN.match(plain)
    if m is None or (m.group("verb").lower() == "modified" and not modified):
        return False
    return _ACTION.search(m.group("subject")) is None and _ACTION.search(m.group("how") or "") \
        is None


def lead_in_subject(words: str) -> str:
    """What a lead-in says is amended ("Section 204 of this Act (…)"), or the words whole."""
    m = _LEAD_IN.match(" ".join(words.split()))
    return m.group("subject").strip() if m is not None else words


def normal_lead_in(words: str) -> str:
    """A lead-in as the parser reads it: "<subject> is amended as follows." (remarks after
    "as follows", and the provisions "in accordance with" which it is amended, left out)."""
    m = _LEAD_IN.match(" ".join(words.split()))
    if m is None:
        return words
    verb = "are" if re.search(r"\bare\s+(?:further\s+|hereby\s+)?(?:amended|modified)", words,
                              _I) else "is"
    return f"{m.group('subject').strip()} {verb} amended as follows."


def mentions_amendment(words: str) -> bool:
    """True when a provision's words amend: a lead-in ("… is amended as follows"), or an
    instruction's verb with quoted words or a provision or enactment as its object ("omit
    paragraph (c)", "for “X” substitute “Y”"); quoted words themselves are not looked at."""
    plain = strip_quotations(words)
    if _BY_SCHEDULE.search(plain):
        return True
    if re.search(r"\b(?:is|are|shall\s+be)\s+(?:further\s+|hereby\s+)?amended\s+"
                 r"(?:as\s+follows|as\s+provided|in\s+accordance\s+with|by)\b", plain, _I):
        return True
    return any(_instruction_like(clause) for clause in re.split(r"(?<=[.;:\u2014])\s+", plain))


def _instruction_like(clause: str) -> bool:
    if _ACTION.search(clause) is None:
        return False
    return _QUOTED in clause or _OBJECT.search(clause) is not None


__all__ = ["AmendingItem", "Instrument", "ItemKind", "instrument_citation", "is_lead_in",
           "lead_in_subject", "mentions_amendment", "normal_lead_in", "read_instrument",
           "read_instrument_text"]
