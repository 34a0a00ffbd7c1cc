"""The records the instruction parser produces: :class:`ParsedOp` and :class:`QuotedProvision`."""

from __future__ import annotations

from typing import Any, Literal

import attrs

Action = Literal["insert", "substitute", "omit", "renumber"]
PositionName = Literal["before", "after", "at_end", "at_beginning"]
OccurrenceRule = Literal["only", "both", "each", "last", "nth"]
OmitHow = Literal["omitted", "repealed"]
WordsPart = Literal["opening", "closing"]

_ORDINAL_NAMES = {1: "first", 2: "second", 3: "third"}


@attrs.frozen(slots=True)
class QuotedProvision:
    """One provision of a quoted structure, e.g. the "(A1) …" inserted by an instruction.

    ``num`` is the number as printed without brackets ("A1", "za", "2A", "6A");
    ``heading`` the heading of a section (or of a Schedule paragraph that has
    one); ``text`` the words before any children, or the whole text of a
    leaf; ``children`` the provisions below it; ``wrap_up`` closing words
    after the children.  All text has its white space collapsed and keeps
    the provision's own closing punctuation (";", "; and", ".").
    """

    num: str
    heading: str | None = None
    text: str | None = None
    children: tuple[QuotedProvision, ...] = ()
    wrap_up: str | None = None


@attrs.frozen(slots=True)
class ParsedOp:
    """One textual change read from an amending instruction.

    The machine reading (:meth:`to_json`, version 2) is made of ``action``,
    ``position``, ``anchor``, ``old``, ``new``, :attr:`occurrence`,
    ``target``, ``range``, then :attr:`places`, ``range_end``,
    ``words_part``, ``as_inserted_by`` and ``act``; ``occurrence`` and
    ``places`` are derived from ``occurrence_rule`` and
    ``occurrence_indices``.  The rest give the library what it needs to
    apply the change: the composed ``address``, the ``act`` named in
    context, the parsed ``provisions`` of a structural change, and where in
    the input the amending item (``label``, ``text``, ``span``) came from.
    :attr:`instruction` is the item as a standalone instruction, white space
    collapsed: the lead-ins of the items around it (``lead_ins``, outermost
    first, as written), then the item with its number ("In section 6
    (director of social services)— (b) in subsection (1), after …"), or the
    item alone, without its number (which ends at ``number_end`` in
    ``text``), when no lead-in encloses it.

    ``range_end`` is the provision a range runs "to the end of" as the text
    cites it ("paragraph (b)"; "the subsection" or "that paragraph" resolved
    to what it refers to, "subsection (2)"), and ``range_end_address`` its
    address ("s. 4(2)(b)"), when one is named.

    ``as_inserted_by`` holds the words of a qualifier naming where earlier
    words or a provision came from, without its brackets ("as inserted by
    section 3 of the Children Act 2004").  ``act`` is the Act or instrument
    amended as the text or a lead-in names it, without a leading "the"
    ("Local Authority Social Services Act 1970", "1970 Act"), or "any
    enactment" for "in any enactment".

    A ``renumber`` op gives a provision (``target``, ``address``) a new
    designation (``new``, as cited: "subsection (4)"; ``new_address``
    its address): the same level, or the first child one level down when
    "the existing text" of the provision becomes it.

    ``inexpressible`` is, for a change the library applies but the machine
    reading (version 2) has no form for -- words that become a numbered
    provision ("the words from “X” to the end become paragraph (a)"), or the
    words after (before) “X” with “X” left out (``words_side``) -- the
    (start, end) of its words in the string given to the parser: the machine
    interface refuses it with that span (see
    :func:`lawdiff.parse.jsonl.parse_instruction_line`).

    ``words_part`` narrows the change to the addressed provision's own words
    before its children ("opening": "in the opening words", "in the words
    before paragraph (a)") or after them ("closing": "in the closing words",
    "in the words after paragraph (c)"); ``beside`` is then the address of the
    child named ("s. 2(5)(a)"), or None when none was.
    """

    action: Action
    position: PositionName | None = None
    anchor: str | None = None
    old: str | None = None
    new: str | None = None
    target: str | None = None
    range: bool = False
    occurrence_rule: OccurrenceRule = "only"
    occurrence_indices: tuple[int, ...] = ()
    words_from: str | None = None
    words_to: str | None = None
    structural: bool = False
    provisions: tuple[QuotedProvision, ...] = ()
    omit_how: OmitHow | None = None
    address: str | None = None
    words_part: WordsPart | None = None
    beside: str | None = None
    range_end: str | None = None
    range_end_address: str | None = None
    as_inserted_by: str | None = None
    new_address: str | None = None
    act: str | None = None
    label: tuple[str, ...] = ()
    text: str = ""
    span: tuple[int, int] = (0, 0)
    lead_ins: tuple[str, ...] = ()
    number_end: int = 0
    inexpressible: tuple[int, int] | None = None
    words_side: Literal["after", "before"] | None = None

    @property
    def instruction(self) -> str:
        """The item as a standalone instruction (see the class documentation); built when
        asked for, so that many ops under one long lead-in cost no more than it."""
        if self.lead_ins:
            return " ".join(" ".join((*self.lead_ins, self.text)).split())
        return " ".join(self.text[self.number_end:].split())

    @property
    def occurrence(self) -> str | list[int] | None:
        """The machine form of the occurrence qualifier.

        None without a qualifier; "all" for "in both places" and "in each
        place"; "first", "second" or "third" for one of those places; "last"
        for "where it last occurs"; a list of 1-based indices for any other
        ordinal or for several places.
        """
        if self.occurrence_rule in ("both", "each"):
            return "all"
        if self.occurrence_rule == "last":
            return "last"
        if self.occurrence_rule == "nth":
            if len(self.occurrence_indices) == 1 and self.occurrence_indices[0] in _ORDINAL_NAMES:
                return _ORDINAL_NAMES[self.occurrence_indices[0]]
            return list(self.occurrence_indices)
        return None

    @property
    def places(self) -> str | list[int] | None:
        """The occurrence qualifier exactly (version 2): None without one; "both" for "in
        both places"; "each" for "in each place", "wherever occurring", "for every
        reference to “X”" and the like; "last"; or the list of 1-based places ("where it
        first occurs" is [1], "the first two" [1, 2])."""
        if self.occurrence_rule == "only":
            return None
        if self.occurrence_rule == "nth":
            return list(self.occurrence_indices)
        return self.occurrence_rule

    def to_json(self) -> dict[str, Any]:
        """The machine reading of the op (version 2): the eight keys of version 1, then
        ``places``, ``range_end``, ``words_part``, ``as_inserted_by`` and ``act``, all
        always present, in that order."""
        return {
            "action": self.action,
            "position": self.position,
            "anchor": self.anchor,
            "old": self.old,
            "new": self.new,
            "occurrence": self.occurrence,
            "target": self.target,
            "range": self.range,
            "places": self.places,
            "range_end": self.range_end,
            "words_part": self.words_part,
            "as_inserted_by": self.as_inserted_by,
            "act": self.act,
        }
