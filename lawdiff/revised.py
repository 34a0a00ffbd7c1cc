"""A consolidated Act as a revised text in legislation.gov.uk's form.

legislation.gov.uk publishes revised legislation with its history in the
text: words an amendment inserted are marked ``Addition``, words it
substituted ``Substitution`` (each with a ``ChangeId`` and the
``CommentaryRef`` of its F-note), omitted words are printed as ". . ." after
a reference to their F-note, an inserted or substituted provision has every
run of its words marked, and a repealed provision keeps its number with a
line of dots.  Each amendment gets a ``Commentary Type="F"`` in the site's
wording ("Words in s. 6(1) inserted (1.4.2005) by Children Act 2004 (c. 31),
s. 65(1), Sch. 2 para. 2(2)(b)").

:func:`revised_act` turns a :class:`~lawdiff.engine.Consolidation` into
that form: the Act it returns carries the marks and annotations, and any
writer prints them (the CLML writer as ``Addition``/``Substitution`` and
``Commentaries``).  Annotations the base text already had are kept, and new
ones follow them.
"""

from __future__ import annotations

from collections import defaultdict

from lawdiff.address import Address, resolve
from lawdiff.engine import Consolidation
from lawdiff.errors import LawdiffError
from lawdiff.inline import Mark, Marks, map_marks
from lawdiff.model import Act, Commentary, Kind, Node, Omitted, Path, Provision, Row, Table
from lawdiff.operations import Change
from lawdiff.render.annotated import live_changes, step_wording
from lawdiff.text import spaced_insert

DOTS = ". . ."
PROVISION_DOTS = ". . . . . . ."
_WORD_MARK = {"words inserted": "addition", "words substituted": "substitution"}
_WHOLE_MARK = {"inserted": "addition", "substituted": "substitution"}


def revised_act(cons: Consolidation) -> Act:
    """The consolidated Act with its changes marked and annotated as legislation.gov.uk does.

    Raises LawdiffError if a change cannot be placed (a change's provision
    no longer exists; this does not happen for a consolidation's own steps).
    """
    act = cons.act
    taken = {c.ident for c in act.commentaries}
    ids: dict[int, str] = {}
    notes: list[Commentary] = []
    changes = live_changes(cons)
    for i in sorted({i for i, _ in changes}):
        ident = _fresh(f"key-lawdiff-{i + 1}", taken)
        ids[i] = ident
        wording = step_wording(cons.steps[i], cons.view).full
        notes.append(Commentary(ident, "F", (Provision(Kind.BLOCK, None, text=wording,
                                                       extras=(("@tag", "Para"),)),)))
    words: dict[tuple[Path, str, int | None, int | None], list[tuple[int, Change]]] = \
        defaultdict(list)
    wholes: list[tuple[int, Change]] = []
    for i, change in changes:
        if change.field is None:
            wholes.append((i, change))
            continue
        path = _path(act, change)
        words[(path, change.field, change.row, change.cell)].append((i, change))
    for (path, field, row, cell), group in words.items():
        act = act.replace_node(path, _mark_words(act.node_at(path), field, row, cell, group,
                                                 ids))
    for i, change in wholes:
        path = resolve(act, change.address).path
        node = act.node_at(path)
        act = act.replace_node(path, _mark_whole(node, change.effect, ids[i], f"lawdiff-{i + 1}"))
    return act.with_commentaries((*act.commentaries, *notes))


def _fresh(ident: str, taken: set[str]) -> str:
    candidate, n = ident, 1
    while candidate in taken:
        n += 1
        candidate = f"{ident}-{n}"
    taken.add(candidate)
    return candidate


def _path(act: Act, change: Change) -> Path:
    try:
        loc = resolve(act, change.address)
    except LawdiffError:
        loc = resolve(act, Address(change.address.steps))
    return loc.path


def _mark_words(node: Node, field: str, row: int | None, cell: int | None,
                group: list[tuple[int, Change]], ids: dict[int, str]) -> Node:
    """``node`` with the words changes made in one text field marked, omissions dotted."""
    if isinstance(node, Table):
        assert row is not None and cell is not None
        the_row = node.rows[row]
        text = the_row.cells[cell]
        new_text, marks = _marked(text, field=str(cell), group=group, ids=ids,
                                  existing=tuple(m for m in the_row.marks
                                                 if m.field == str(cell)))
        rows = list(node.rows)
        rows[row] = the_row.with_cell(cell, new_text, marks)
        return node.with_rows(tuple(rows))
    assert isinstance(node, Provision)
    text = getattr(node, field) or ""
    own = tuple(m for m in node.marks if m.field == field)
    new_text, marks = _marked(text, field=field, group=group, ids=ids, existing=own)
    others = tuple(m for m in node.marks if m.field != field)
    changed = node._copy(**{f"_{field}": new_text or None, "_marks": others + marks})
    return changed


def _marked(text: str, *, field: str, group: list[tuple[int, Change]], ids: dict[int, str],
            existing: Marks) -> tuple[str, Marks]:
    """Text with each change's words marked and each omission printed as dots."""
    marks = list(existing)
    for i, change in group:
        if change.effect in _WORD_MARK and change.start < change.end:
            marks.append(Mark(field, change.start, change.end, _WORD_MARK[change.effect],
                              (("ChangeId", f"lawdiff-{i + 1}"), ("CommentaryRef", ids[i]))))
    gaps = sorted({(c.start, i) for i, c in group if c.effect in ("words omitted",
                                                                     "words repealed")})
    if not gaps:
        return text, tuple(marks)
    edits: list[tuple[int, int, int]] = []
    pieces: list[str] = []
    atoms: list[Mark] = []
    cursor = 0
    shift = 0
    for at, i in gaps:
        start, end, new, _ = spaced_insert(text, at, DOTS)
        pieces.append(text[cursor:start])
        pieces.append(new)
        lead = len(new) - len(new.lstrip(" "))
        atoms.append(Mark(field, start + shift + lead, start + shift + lead, "commentary-ref",
                          (("Ref", ids[i]),)))
        edits.append((start, end, len(new)))
        shift += len(new) - (end - start)
        cursor = end
    pieces.append(text[cursor:])
    new_text = "".join(pieces)
    mapped = map_marks(tuple(marks), field, edits, text=new_text)
    return new_text, mapped + tuple(atoms)


def _mark_whole(node: Node, effect: str, ident: str, change_id: str) -> Node:
    """A provision put in or taken out whole, marked as legislation.gov.uk marks it."""
    ref = Mark("num", 0, 0, "commentary-ref", (("Ref", ident),))
    if isinstance(node, Omitted):
        return Provision(node.kind, node.num, text=PROVISION_DOTS, marks=(ref,),
                         extras=node.extras, ident=node.ident)
    if effect not in _WHOLE_MARK:
        return node
    name = _WHOLE_MARK[effect]
    attrs = (("ChangeId", change_id), ("CommentaryRef", ident))
    marked = _mark_all(node, name, attrs)
    if isinstance(marked, Provision) and marked.num is not None:
        return marked._copy(_marks=(ref, *marked.marks))
    return marked


def _mark_all(node: Node, name: str, attrs: tuple[tuple[str, str], ...]) -> Node:
    if isinstance(node, Table):
        rows = tuple(Row(r.cells, r.header,
                         (*r.marks, *(Mark(str(c), 0, len(cell), name, attrs)
                                      for c, cell in enumerate(r.cells) if cell)),
                         r.fixed, r.source) for r in node.rows)
        return node.with_rows(rows)
    if not isinstance(node, Provision):
        return node
    extra: list[Mark] = []
    for field, value in node.texts().items():
        if value:
            extra.append(Mark(field, 0, len(value), name, attrs))
    kids = tuple(_mark_all(c, name, attrs) for c in node.children)
    return node._copy(_marks=(*extra, *node.marks), _kids=kids)


__all__ = ["revised_act"]
