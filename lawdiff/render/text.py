"""Plain text: one provision per line, its number first.

::

    6 The director of social services
    (A1) A local authority in England shall appoint an officer, …
    (1) A local authority in Wales shall appoint an officer, …
    (3) . . . . . . .

Tables print one row per line with cells separated by " | ".  Parts and
Schedules print "Part 2 …", "Schedule 1 …"; cross-headings print their
heading alone.
"""

from __future__ import annotations

from lawdiff.model import Act, Node, Omitted, Opaque, Table
from lawdiff.printing import DOTS, num_text


def node_lines(node: Node) -> list[str]:
    """The lines of one node and everything below it."""
    out: list[str] = []
    _lines(node, out)
    return out


def _lines(node: Node, out: list[str]) -> None:
    if isinstance(node, Table):
        out.extend(" | ".join(row.cells) for row in node.rows)
        return
    if isinstance(node, Opaque):
        out.extend(node.words)
        return
    number = num_text(node.kind, node.num)
    if isinstance(node, Omitted):
        out.append(f"{number} {DOTS}")
        return
    words = [w for w in (number, node.heading) if w]
    if node.text is not None:
        if node.heading:
            words.append("\u2014")
        words.append(node.text)
    if words:
        out.append(" ".join(words))
    for child in node.children:
        _lines(child, out)
    if node.wrap_up is not None:
        out.append(node.wrap_up)


def act_lines(act: Act) -> list[str]:
    """The lines of an Act's provisions (no title)."""
    out: list[str] = []
    for child in act.children:
        _lines(child, out)
    return out


def act_text(act: Act) -> str:
    """The Act as plain text: a title line, a blank line, then one provision per line."""
    title = act.info.citation
    if act.info.extract:
        title += " [extract]"
    return "\n".join([title, "", *act_lines(act)]) + "\n"
