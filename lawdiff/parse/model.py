"""The records the instruction parser produces: :class:`ParsedOp` and :class:`QuotedProvision`."""

from __future__ import annotations

from typing import Any, Literal

import attrs

Action = Literal["insert", "substitute", "omit"]
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

    The first eight fields are the machine interface (see :meth:`to_json`);
    ``occurrence`` is derived from ``occurrence_rule`` and
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

    ``range_end`` is the address of the provision a range runs "to the end
    of" ("s. 4(2)(b)" for "to the end of paragraph (b)"), when one is named.

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
    act: str | None = None
    label: tuple[str, ...] = ()
    text: str = ""
    span: tuple[int, int] = (0, 0)
    lead_ins: tuple[str, ...] = ()
    number_end: int = 0

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

    def to_json(self) -> dict[str, Any]:
        """The machine-interface op object, with exactly its eight keys in a fixed order."""
        return {
            "action": self.action,
            "position": self.position,
            "anchor": self.anchor,
            "old": self.old,
            "new": self.new,
            "occurrence": self.occurrence,
            "target": self.target,
            "range": self.range,
        }
