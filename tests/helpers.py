"""Small builders shared by the unit tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lawdiff.designation import Designation, Style
from lawdiff.model import Act, ActInfo, Kind, Node, Provision

ROOT = Path(__file__).resolve().parent.parent
LASSA = ROOT / "statutes" / "ukpga-1970-42.xml"
LGHA = ROOT / "statutes" / "ukpga-1989-42.xml"
PARA_2 = ROOT / "amendments" / "children-act-2004-sch-2-para-2.toml"
PARA_3 = ROOT / "amendments" / "children-act-2004-sch-2-para-3.toml"


def num(value: str) -> Designation:
    """A section-style number."""
    return Designation(value, Style.NUMBER)


def alpha(value: str) -> Designation:
    """A lettered number."""
    return Designation(value, Style.ALPHA)


def sub(n: str, text: str, *children: Node) -> Provision:
    """A subsection."""
    return Provision(Kind.SUBSECTION, num(n), text=text, children=children)


def para(n: str, text: str) -> Provision:
    """A paragraph (a), (b) …"""
    return Provision(Kind.PARAGRAPH, alpha(n), text=text)


def section(n: str, *children: Node, heading: str | None = None, text: str | None = None
            ) -> Provision:
    """A section."""
    return Provision(Kind.SECTION, num(n), heading=heading, text=text, children=children)


def act(*children: Node, work: str = "ukpga/2000/1") -> Act:
    """An Act called the Test Act 2000."""
    return Act(ActInfo("Test Act 2000", 2000, "c. 1", work, date(2000, 1, 1)), children)


def rebuilt(a: Act) -> Act:
    """The same Act built anew from its values: no index, or order it remembers, carried over."""
    def again(node: Node) -> Node:
        if not isinstance(node, Provision):
            return node
        return Provision(node.kind, node.num, heading=node.heading, text=node.text,
                         children=tuple(again(c) for c in node.children),
                         wrap_up=node.wrap_up, marks=node.marks, extras=node.extras,
                         ident=node.ident)
    return Act(a.info, children=tuple(again(c) for c in a.children), front=a.front,
               back=a.back, commentaries=a.commentaries, meta=a.meta, extras=a.extras)
