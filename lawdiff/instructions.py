"""From amending text to operations: the parser's records compiled into lawdiff operations.

:func:`operations_from_text` reads an amending provision as legislation
prints it (see :mod:`lawdiff.parse`) and returns the operations it makes,
each with its provenance: the citation of the item it came from (built from
``citation`` and the item's numbers, e.g. "Children Act 2004 (c. 31), Sch. 2"
plus (2, 2, b) gives "…, Sch. 2 para. 2(2)(b)") and the item's verbatim text.

A change that needs the amended text to be placed -- "omit paragraph (c)
and the word “and” before it" -- needs ``act``; without it the change is an
:class:`~lawdiff.errors.InvalidAmendment`, never a guess.

A change "in any enactment" names no Act: it compiles to operations on
``act`` only when the caller says that Act is in scope (``any_enactment=True``),
one operation per section or Schedule where the words are, placed by the
instruction's occurrence rule over the whole Act.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from lawdiff.address import Address, child_kind, resolve
from lawdiff.citation import parse_citation
from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidAddress, InvalidAmendment, InvalidDesignation, InvalidStatute
from lawdiff.model import Act, Kind, Omitted, Provision
from lawdiff.operations import (
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    Position,
    Provenance,
    RenumberProvision,
    SubstituteProvision,
    SubstituteWords,
    TextBecomesChild,
    child_label,
)
from lawdiff.parse import ParsedOp, QuotedProvision, parse
from lawdiff.parse.grammar import ANY_ENACTMENT
from lawdiff.text import (
    Occurrence,
    Segment,
    SegmentRef,
    Words,
    find_phrase,
    find_words,
    segments,
    select,
)

_SCHEDULE_END_RE = re.compile(r"Sch\. \d+[A-Z]*$")


def item_citation(citation: str, label: Sequence[str]) -> str:
    """The citation of an amending item from its enactment (or Schedule) and its numbers.

    "Children Act 2004 (c. 31), Sch. 2" + (2, 2, b) gives "Children Act 2004
    (c. 31), Sch. 2 para. 2(2)(b)"; an Act citation + (5, 1) gives "…, s. 5(1)";
    a citation that already names the item ("…, reg. 21") takes the numbers
    below it ("…, reg. 21(a)" from (21, a)).  An instrument's citation with no
    provision raises InvalidAmendment: whether its items are articles,
    regulations or rules is not known, and lawdiff does not guess.
    """
    if not label:
        return citation
    head, rest = label[0], "".join(f"({x})" for x in label[1:])
    parsed = parse_citation(citation)
    if parsed.provision and _SCHEDULE_END_RE.search(parsed.provision):
        return f"{citation} para. {head}{rest}"
    if parsed.provision:
        if re.search(rf"\b{re.escape(head)}$", parsed.provision):
            return f"{citation}{rest}"
        return f"{citation}({head}){rest}"
    if parsed.kind == "act":
        return f"{citation}, s. {head}{rest}"
    raise InvalidAmendment(f"say which provision of {citation} the text is (e.g. "
                           f"\"{citation}, reg. {head}\"): its numbering is not known")


def _address(p: ParsedOp) -> Address:
    if p.address is None:
        raise InvalidAmendment(f"{p.text!r} names no provision to amend (nor does its context)")
    try:
        return Address.parse(p.address)
    except InvalidAddress as exc:
        raise InvalidAmendment(str(exc)) from None


def _occurrence(p: ParsedOp) -> Occurrence:
    """The core rule for a parsed qualifier: "only", "both", "each" and "last" map to the
    rules of those names, "nth" to :meth:`Occurrence.nth` of its places."""
    if p.occurrence_rule == "nth":
        return Occurrence.nth(*p.occurrence_indices)
    return Occurrence(p.occurrence_rule)


_PRIMARY = (Kind.SECTION, Kind.REGULATION, Kind.ARTICLE, Kind.RULE)


def _provision(q: QuotedProvision, parent: Kind | None, beside: Kind | None = None
               ) -> Provision:
    """A quoted provision as a model provision under a ``parent`` of that kind (None: the
    Act, where it is a section, or, beside a regulation, article or rule, one of those)."""
    if parent is None:
        kind = beside if beside in _PRIMARY else Kind.SECTION
    elif parent is Kind.SCHEDULE:
        kind = Kind.SCHEDULE_PARAGRAPH
    else:
        style = Style.ROMAN if parent is Kind.PARAGRAPH else (
            Style.NUMBER if any(c.isdigit() for c in q.num) else Style.ALPHA)
        try:
            kind = child_kind(parent, style)
        except InvalidAddress as exc:
            raise InvalidAmendment(f"quoted provision ({q.num}): {exc}") from None
    try:
        num = Designation.parse(q.num, kind.style)
        return Provision(kind, num, heading=q.heading, text=q.text,
                         children=tuple(_provision(c, kind) for c in q.children),
                         wrap_up=q.wrap_up)
    except (InvalidDesignation, InvalidStatute) as exc:
        raise InvalidAmendment(f"quoted provision ({q.num}): {exc}") from None


def _words(p: ParsedOp) -> Words:
    if p.words_side is not None:  # "the words after (before) “X”", X left out
        anchor = p.words_from if p.words_side == "after" else p.words_to
        if anchor is None:
            raise InvalidAmendment(f"no quoted words in {p.text!r}")
        return Words(anchor, after=p.words_side == "after", before=p.words_side == "before")
    if p.range:
        if p.words_from is None and p.words_to is not None:
            return Words(p.words_to, from_start=True)  # "from the beginning to “B”"
        if p.words_from is None:
            raise InvalidAmendment(f"range without start words in {p.text!r}")
        end_of = Address.parse(p.range_end_address) if p.range_end_address is not None else None
        return Words(p.words_from, p.words_to, to_end=p.words_to is None, end_of=end_of)
    if p.old is None:
        raise InvalidAmendment(f"no quoted words in {p.text!r}")
    return Words(p.old)


def _word_before(p: ParsedOp, address: Address, act: Act | None, provenance: Provenance
                 ) -> Operation:
    """"… and the word “and” before it": the word ends the provision just before the target."""
    if act is None:
        raise InvalidAmendment(f"placing the word \u201c{p.old}\u201d before {address} needs the "
                               f"amended Act")
    loc = resolve(act, address)
    holder = act if len(loc.path) == 1 else act.node_at(loc.path[:-1])
    index = loc.path[-1]
    if index == 0:
        raise InvalidAmendment(f"no provision stands before {address} to hold \u201c{p.old}\u201d")
    previous = holder.children[index - 1]  # type: ignore[union-attr]
    if not isinstance(previous, Provision) or previous.num is None:
        raise InvalidAmendment(f"the provision before {address} has no words")
    target = address.parent.child(previous.kind, previous.num)
    count = sum(len(find_phrase(s.text, p.old or "")) for s in segments(previous, str(target)))
    if count == 0:
        raise InvalidAmendment(f"\u201c{p.old}\u201d does not occur in {target}, before {address}")
    return OmitWords(target=target, old=Words(p.old or ""), occurrence=Occurrence.nth(count),
                     provenance=provenance)


def _whole_part(p: ParsedOp, address: Address, act: Act | None) -> ParsedOp:
    """``p``, a substitution of the whole of a provision's opening (closing) words, with
    those words as they stand in ``act`` as the words replaced.

    Raises InvalidAmendment without the Act or when the provision has no such words.
    """
    where = f"the {p.words_part} words of {address}"
    if act is None:
        raise InvalidAmendment(f"replacing {where} needs the amended Act")
    node = resolve(act, address).node
    words = None
    if isinstance(node, Provision) and node.children:
        words = node.text if p.words_part == "opening" else node.wrap_up
    if words is None or not words.strip():
        raise InvalidAmendment(f"{address} has no {p.words_part} words (words "
                               f"{'before' if p.words_part == 'opening' else 'after'} "
                               f"its provisions)")
    return attrs.evolve(p, old=words)


def _part_occurrence(p: ParsedOp, address: Address, act: Act | None) -> Occurrence:
    """For a change limited to a provision's opening or closing words ("in the words
    before paragraph (a)"): the occurrences, counted over the whole provision, that
    lie in those words.

    Operations search all of a provision's text, so the limit is expressed
    exactly as the places of the words in ``act``: the instruction's own
    occurrence rule is applied to the matches inside the opening (or closing)
    words, and the chosen ones become an "nth" rule over every match.
    Raises InvalidAmendment without the Act, when the provision has no such
    words, when the child named is not its first (for "before") or last (for
    "after") provision, or when the words do not fit the rule there.
    """
    part = p.words_part
    where = f"the {part} words of {address}"
    if act is None:
        raise InvalidAmendment(f"changing words only in {where} needs the amended Act")
    node = resolve(act, address).node
    field = "text" if part == "opening" else "wrap_up"
    if not isinstance(node, Provision) or not node.children or getattr(node, field) is None:
        raise InvalidAmendment(f"{address} has no {part} words (words "
                               f"{'before' if part == 'opening' else 'after'} its provisions)")
    if p.beside is not None:
        numbered = [c for c in node.children if isinstance(c, (Provision, Omitted))
                    and c.num is not None and not c.kind.transparent]
        edge = (numbered[0] if part == "opening" else numbered[-1]) if numbered else None
        if edge is not None and edge.num is not None \
                and address.child(edge.kind, edge.num) != Address.parse(p.beside):
            raise InvalidAmendment(
                f"{p.beside} is not the {'first' if part == 'opening' else 'last'} "
                f"provision of {address}, so the words "
                f"{'before' if part == 'opening' else 'after'} it are not its {part} words")
    segs = segments(node, str(address), child_label=child_label)
    index = next(i for i, seg in enumerate(segs) if seg.ref == SegmentRef((), field))
    if p.action == "insert":
        if p.anchor is None:
            how = {"at_end": "at the end", "at_beginning": "at the beginning"}.get(
                p.position or "", "at the appropriate place")
            raise InvalidAmendment(f"words inserted {how} cannot be limited to {where}: {p.text!r}")
        words = Words(p.anchor)
    else:
        words = _words(p)
    matches, _ = find_words(segs, words)
    inside = [k for k, m in enumerate(matches) if m.segment == index]
    chosen = _occurrence(p).select(len(inside))
    if isinstance(chosen, str):
        raise InvalidAmendment(f"{words.subject()} in {where}: {chosen}")
    return Occurrence.nth(*(inside[i] + 1 for i in chosen))


def to_operation(p: ParsedOp, citation: str, act: Act | None = None, *,
                 any_enactment: bool = False) -> Operation:
    """The operation for one parsed change; raises InvalidAmendment when it cannot be expressed
    as one (see :func:`to_operations`)."""
    ops = to_operations(p, citation, act, any_enactment=any_enactment)
    if len(ops) != 1:
        raise InvalidAmendment(f"{p.text!r} makes {len(ops)} operations, not one")
    return ops[0]


def to_operations(p: ParsedOp, citation: str, act: Act | None = None, *,
                  any_enactment: bool = False) -> tuple[Operation, ...]:
    """The operations for one parsed change; raises InvalidAmendment when it cannot be
    expressed.

    ``act`` is the Act as it stands when the change is made; it is needed only
    for changes placed by the amended text ("and the word “and” before it",
    "in the words before paragraph (a)", a range "from “A” to “B”" with an
    occurrence qualifier) and for changes "in any enactment", which compile
    only when ``any_enactment`` says that ``act`` is one of the enactments
    meant.  An "(as inserted by …)" qualifier narrows nothing lawdiff can
    check: the change is compiled by its occurrence rule as it would be
    without it, and the qualifier is kept in the operation's provenance.
    """
    provenance = Provenance(item_citation(citation, p.label), p.instruction or p.text or None,
                            p.as_inserted_by)
    if p.act == ANY_ENACTMENT:
        return _any_enactment(p, act, any_enactment, provenance)
    return (_operation(p, act, provenance),)


def _operation(p: ParsedOp, act: Act | None, provenance: Provenance) -> Operation:
    """The one operation for ``p``, in the provision it names."""
    address = _address(p)
    if p.action in ("omit", "substitute") and p.anchor is not None:
        raise InvalidAmendment(f"words placed {p.position} other words "
                               f"(\u201c{p.anchor}\u201d) are not compiled: {p.text!r}")
    if p.words_part is not None:
        if p.old is None and not p.range and not p.structural and p.action == "substitute":
            p = _whole_part(p, address, act)
        if p.structural:
            if not (p.words_part == "opening" and p.action == "insert" and p.anchor is not None):
                raise InvalidAmendment(f"whole provisions cannot be changed in the "
                                       f"{p.words_part} words of {address}: {p.text!r}")
        elif p.action == "insert" and p.position == "at_beginning" and p.words_part == "opening":
            pass  # the opening words begin the provision
        elif p.action == "insert" and p.position == "at_end" and p.words_part == "closing":
            pass  # the closing words end it
        else:
            return _word_op(p, address, _part_occurrence(p, address, act), provenance)
    if p.action == "renumber":
        return _renumber(p, address, provenance)
    if p.action == "omit" and p.position == "before" and not p.structural:
        return _word_before(p, address, act, provenance)
    if p.action in ("omit", "substitute") and p.position in ("at_end", "at_beginning") \
            and not p.structural:
        return _word_op(p, address, _edge_occurrence(p, address, act), provenance)
    if p.structural:
        if p.action == "omit":
            return OmitProvision(target=address, how=p.omit_how or "omitted", provenance=provenance)
        if p.action == "substitute":
            parent = address.parent.steps[-1].kind if address.parent.steps else None
            own = address.steps[-1].kind if address.steps else None
            return SubstituteProvision(target=address, provenance=provenance,
                                       provisions=tuple(_provision(q, parent, own)
                                                        for q in p.provisions))
        if p.position in ("before", "after") and p.anchor is None:
            # "before subsection (1) insert—": the address names the sibling.
            parent_address = address.parent
            parent = parent_address.steps[-1].kind if parent_address.steps else None
            sibling = address.steps[-1].num
            provisions = tuple(_provision(q, parent, address.steps[-1].kind)
                               for q in p.provisions)
            if p.position == "before":
                return InsertProvision(target=parent_address, provisions=provisions,
                                       before=sibling, provenance=provenance)
            return InsertProvision(target=parent_address, provisions=provisions, after=sibling,
                                   provenance=provenance)
        parent = address.steps[-1].kind if address.steps else None
        provisions = tuple(_provision(q, parent) for q in p.provisions)
        if p.anchor is not None:
            if p.position != "after":
                raise InvalidAmendment(f"provisions go after opening words, not "
                                       f"{p.position} them: {p.text!r}")
            return InsertProvision(target=address, provisions=provisions, after_words=p.anchor,
                                   provenance=provenance)
        return InsertProvision(target=address, provisions=provisions, provenance=provenance)
    if p.range and p.words_from is not None and p.words_to is not None and \
            p.occurrence_rule != "only":
        _check_range_places(p, address, act)
    return _word_op(p, address, _occurrence(p), provenance)


def _renumber(p: ParsedOp, address: Address, provenance: Provenance) -> Operation:
    """"subsection (3) becomes subsection (4)": :class:`RenumberProvision`; "the existing
    text of section 5 becomes subsection (1)": :class:`TextBecomesChild`."""
    if p.new_address is None:
        raise InvalidAmendment(f"{p.text!r} names no new number")
    try:
        new = Address.parse(p.new_address)
    except InvalidAddress as exc:
        raise InvalidAmendment(str(exc)) from None
    last = new.steps[-1] if new.steps else None
    if p.old is not None:
        # "the words from “X” to the end become paragraph (a)": a child of their provision.
        if last is None or new.parent != address:
            raise InvalidAmendment(f"{p.new_address} is not a child of {address}, where the "
                                   f"words are: {p.text!r}")
        return TextBecomesChild(target=address, num=last.num, words=_words(p),
                                provenance=provenance)
    if last is not None and new.parent == address:
        return TextBecomesChild(target=address, num=last.num, provenance=provenance)
    if last is not None and address.steps and new.parent == address.parent \
            and last.kind is address.steps[-1].kind:
        return RenumberProvision(target=address, to=last.num, provenance=provenance)
    raise InvalidAmendment(f"{p.new_address} is neither a number for {address} nor its first "
                           f"child: {p.text!r}")


def _edge_occurrence(p: ParsedOp, address: Address, act: Act | None) -> Occurrence:
    """Words "at the end of paragraph (b)" (or at its beginning): the place of the last
    (first) occurrence of the words in the provision, which must end (start) its text,
    closing punctuation aside.  Raises InvalidAmendment without the Act or when the words
    do not stand there."""
    where = "end" if p.position == "at_end" else "beginning"
    if act is None:
        raise InvalidAmendment(f"finding the words at the {where} of {address} needs the amended "
                               f"Act: {p.text!r}")
    if p.old is None:
        raise InvalidAmendment(f"no quoted words in {p.text!r}")
    node = resolve(act, address).node
    segs = segments(node, str(address), child_label=child_label)
    matches = find_words(segs, Words(p.old))[0]
    if matches and segs:
        if where == "end":
            m = matches[-1]
            seg = segs[m.segment]
            if m.segment == len(segs) - 1 and not seg.text[m.end:].strip(" .,;:\u2014"):
                return Occurrence.nth(len(matches))
        else:
            m = matches[0]
            if m.segment == 0 and not segs[0].text[:m.start].strip():
                return Occurrence.nth(1)
    raise InvalidAmendment(f"\u201c{p.old}\u201d does not stand at the {where} of {address}")


def _check_range_places(p: ParsedOp, address: Address, act: Act | None) -> None:
    """A range "from “A” to “B”" with an occurrence qualifier: the qualifier counts the
    places of “A”, the core counts ranges, and the two agree only when every “A” has a
    “B” after it.  Raises InvalidAmendment without the Act or when they do not agree."""
    assert p.words_from is not None and p.words_to is not None
    if act is None:
        raise InvalidAmendment(f"the places of the range in {p.text!r} are those of its first "
                               f"words; telling them from the places of the range needs the "
                               f"amended Act")
    node = resolve(act, address).node
    segs = segments(node, str(address), child_label=child_label)
    starts = sum(len(find_phrase(seg.text, p.words_from)) for seg in segs)
    ranges = len(find_words(segs, Words(p.words_from, p.words_to))[0])
    if starts != ranges:
        raise InvalidAmendment(f"\u201c{p.words_from}\u201d occurs {starts} times in {address} "
                               f"but {ranges} of them have \u201c{p.words_to}\u201d after them: "
                               f"the places the qualifier counts are not the places of the range")


def _any_enactment(p: ParsedOp, act: Act | None, in_scope: bool, provenance: Provenance
                   ) -> tuple[Operation, ...]:
    """A change "in any enactment": in ``act`` (when the caller says it is in scope), one
    operation per section or Schedule holding the words the occurrence rule chooses over
    the whole Act, each naming its places exactly."""
    if act is None or not in_scope:
        raise InvalidAmendment(f"{p.text!r} is made in any enactment: it compiles to operations "
                               f"on an Act only when the caller gives the Act and says it is in "
                               f"scope (any_enactment=True)")
    if p.address is not None or p.structural or p.words_part is not None or \
            (p.action == "insert" and p.anchor is None) or \
            (p.range and (p.words_to is None or p.words_from is None)):
        raise InvalidAmendment(f"in any enactment, lawdiff changes quoted words (or a range "
                               f"to given words) only: {p.text!r}")
    words = Words(p.anchor) if p.action == "insert" and p.anchor is not None else _words(p)
    units: list[Address] = []
    segs: list[Segment] = []
    owner: list[int] = []
    for _, node in act.walk():
        if isinstance(node, Provision) and node.num is not None and \
                node.kind in (Kind.SECTION, Kind.SCHEDULE):
            unit = Address(()).child(node.kind, node.num)
            found = segments(node, str(unit), child_label=child_label)
            segs.extend(found)
            owner.extend([len(units)] * len(found))
            units.append(unit)
    chosen = select(segs, words, _occurrence(p), operation=provenance.citation or p.text,
                    provision="the Act")
    # Each match's place counted within its own section or Schedule.
    local: dict[tuple[int, int], int] = {}
    seen: dict[int, int] = {}
    for m in find_words(segs, words)[0]:
        seen[owner[m.segment]] = seen.get(owner[m.segment], 0) + 1
        local[(m.segment, m.start)] = seen[owner[m.segment]]
    places: dict[int, list[int]] = {}
    for m in chosen:
        places.setdefault(owner[m.segment], []).append(local[(m.segment, m.start)])
    return tuple(_word_op(p, units[u], Occurrence.nth(*nth), provenance)
                 for u, nth in sorted(places.items()))


def _word_op(p: ParsedOp, address: Address, occurrence: Occurrence, provenance: Provenance
             ) -> Operation:
    """The word-level operation (insert, substitute or omit words) for ``p``."""
    if p.action == "insert":
        if p.new is None:
            raise InvalidAmendment(f"nothing to insert in {p.text!r}")
        if p.position is None:
            raise InvalidAmendment(f"words cannot be inserted \u201cat the appropriate place\u201d: "
                                   f"{p.text!r}")
        return InsertWords(target=address, words=p.new, position=Position(p.position),
                           anchor=p.anchor, occurrence=occurrence, provenance=provenance)
    if p.action == "substitute":
        if p.new is None:
            raise InvalidAmendment(f"no new words in {p.text!r}")
        return SubstituteWords(target=address, old=_words(p), new=p.new,
                               occurrence=occurrence, provenance=provenance)
    return OmitWords(target=address, old=_words(p), occurrence=occurrence,
                     provenance=provenance)


def operations_from_text(text: str, citation: str, act: Act | None = None, *,
                         any_enactment: bool = False) -> tuple[Operation, ...]:
    """Parse an amending provision and compile it into operations, in text order.

    ``citation`` cites the provision the text is (or the enactment or
    Schedule it belongs to; the item numbers the parser reads are appended).
    ``act`` and ``any_enactment`` are as for :func:`to_operations`.  Raises
    InstructionParseError for text it cannot read and InvalidAmendment for
    changes it cannot express.
    """
    return tuple(o for p in parse(text)
                 for o in to_operations(p, citation, act, any_enactment=any_enactment))
