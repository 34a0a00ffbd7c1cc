"""An amended Act marked up as legislation.gov.uk's revised CLML marks its changes.

Revised CLML shows each textual amendment in the text and in a note: the
words an amendment inserted or substituted are wrapped in an ``Addition`` or
``Substitution`` element (``ChangeId``, ``CommentaryRef``), a
``CommentaryRef`` stands where the change is (where omitted words were, for
an omission), and the document's ``Commentaries`` hold an F-note (``Type="F"``)
saying what changed and by what provision.  :func:`mark_changes` lays the
same markup over an Act: the marks "addition", "substitution" and
"commentary-ref" (which the CLML writer writes as those elements) and one
:class:`~lawdiff.model.Commentary` per note.

What each note says is the caller's (the annotated renderer's wording);
this module only places it.  A change whose words cannot take a mark (a
table cell, a provision that is now omitted, a span that would cross other
markup) still gets its note, with a reference at the start of the provision
where there is one.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from lawdiff.address import Address, resolve
from lawdiff.errors import LawdiffError
from lawdiff.inline import Mark
from lawdiff.model import Act, Commentary, Kind, Provision

_SPAN_OF = {"words inserted": "addition", "inserted": "addition",
            "words substituted": "substitution", "substituted": "substitution"}


@attrs.frozen(slots=True)
class MarkedChange:
    """One change to mark: the provision (``address``), the field and span of its new words
    in the Act (``field`` None for a whole provision), its type of effect ("words inserted",
    "substituted" …), and the note's ``key`` (an F-note identifier)."""

    address: Address
    field: str | None
    start: int
    end: int
    effect: str
    key: str


def mark_changes(act: Act, changes: Sequence[MarkedChange], notes: Sequence[tuple[str, str]]
                 ) -> Act:
    """``act`` with each change marked and each note (key, words) added as an F-note.

    Marks go after the provision's own marks, a reference before the span it
    refers to.  Notes are added after the Act's own commentaries.
    """
    for change in changes:
        act = _mark(act, change)
    body = tuple(Commentary(key, "F", (Provision(Kind.BLOCK, None, text=words,
                                                 extras=(("@tag", "Para"),)),))
                 for key, words in notes)
    return act.with_commentaries((*act.commentaries, *body))


def _mark(act: Act, change: MarkedChange) -> Act:
    try:
        loc = resolve(act, change.address)
    except LawdiffError:
        return act
    node = loc.node
    if not isinstance(node, Provision) or not loc.path:
        return act
    _ = node.children  # read them: marks are checked against a provision read in full
    ref = {"Ref": change.key}
    change_id = (("ChangeId", f"{change.key}-1"), ("CommentaryRef", change.key))
    span = _SPAN_OF.get(change.effect)
    new: list[Mark] = []
    if change.field is not None:
        if change.field not in ("text", "heading", "wrap_up"):
            return act
        new.append(Mark(change.field, change.start, change.start, "commentary-ref",
                        tuple(ref.items())))
        if span is not None and change.end > change.start:
            new.append(Mark(change.field, change.start, change.end, span, change_id))
    else:
        texts = node.texts()
        first = next((f for f in ("num", "heading", "text") if texts.get(f)), None)
        if first is None:
            return act
        new.append(Mark(first, 0, 0, "commentary-ref", tuple(ref.items())))
        if span is not None:
            for name in ("num", "heading", "text", "wrap_up"):
                value = texts.get(name)
                if value:
                    new.append(Mark(name, 0, len(value), span, change_id))
    try:
        marked = attrs.evolve(node, marks=(*node.marks, *new))
    except LawdiffError:
        # A span crossing other markup: the reference alone still points at the note.
        try:
            marked = attrs.evolve(node, marks=(*node.marks, new[0]))
        except LawdiffError:
            return act
    return act.replace_node(loc.path, marked)


__all__ = ["MarkedChange", "mark_changes"]
