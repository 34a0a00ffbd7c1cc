"""lawdiff.printing: provision numbers and the line of dots, shared by every output."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from lawdiff.designation import Designation, Style
from lawdiff.model import Kind
from lawdiff.printing import DOTS, num_text


@pytest.mark.parametrize(("kind", "num", "printed"), [
    (Kind.SECTION, Designation("6", Style.NUMBER), "6"),
    (Kind.SUBSECTION, Designation("A1", Style.NUMBER), "(A1)"),
    (Kind.PARAGRAPH, Designation("za", Style.ALPHA), "(za)"),
    (Kind.SUBPARAGRAPH, Designation("iv", Style.ROMAN), "(iv)"),
    (Kind.SCHEDULE, Designation("1", Style.NUMBER), "Schedule 1"),
    (Kind.PART, Designation("2", Style.NUMBER), "Part 2"),
    (Kind.CROSSHEADING, None, ""),
])
def test_numbers_print_as_legislation_prints_them(kind: Kind, num: Designation | None,
                                                  printed: str) -> None:
    assert num_text(kind, num) == printed


def test_an_omitted_provision_prints_a_line_of_dots() -> None:
    assert DOTS == ". . . . . . ."


def imported_modules(module: str) -> set[str]:
    """Every module ``module``'s source imports (``from x import y`` counts as ``x``)."""
    source = importlib.import_module(module).__file__
    assert source is not None
    tree = ast.parse(Path(source).read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


RENDERERS = ("lawdiff.render.annotated", "lawdiff.render.html", "lawdiff.render.redline",
             "lawdiff.render.text", "lawdiff.render.diff", "lawdiff.render.effects")


@pytest.mark.parametrize("module", RENDERERS)
def test_renderers_take_numbers_from_here_not_from_the_akn_reader(module: str) -> None:
    assert not any(m.startswith("lawdiff.formats") for m in imported_modules(module))


def test_the_akn_writer_prints_numbers_and_dots_the_same_way() -> None:
    from lawdiff.formats import akn

    assert akn.num_text is num_text and akn.DOTS is DOTS
