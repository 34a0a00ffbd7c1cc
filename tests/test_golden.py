"""Golden cases: base text + one corpus instruction -> the text the instruction's words imply.

Each case in tests/golden/corpus.toml gives the lines of a provision before
and after one operation; only the lines the case lists are compared (they
are the lines the instruction speaks about, in order, as a contiguous run).
The whole consolidated Acts are compared with tests/golden/*.expected.txt.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from lawdiff.address import Address, resolve
from lawdiff.engine import consolidate
from lawdiff.formats.akn import read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.render.text import act_text, node_lines
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3, ROOT

GOLDEN = Path(__file__).parent / "golden"
CASES: list[dict[str, Any]] = tomllib.loads((GOLDEN / "corpus.toml").read_text("utf-8"))["case"]
STATUTE = {"children-act-2004-sch-2-para-2.toml": LASSA, "children-act-2004-sch-2-para-3.toml": LGHA}


def _lines(text: str) -> list[str]:
    return [line for line in text.strip().splitlines() if line]


def _contains_run(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['amendment'][-11:-5]}-op{c['operation']}")
def test_each_corpus_instruction(case: dict[str, Any]) -> None:
    base = read_act(STATUTE[case["amendment"]])
    op = read_amendment(ROOT / "amendments" / case["amendment"]).operations[case["operation"] - 1]
    address = Address.parse(case["provision"])
    before = node_lines(resolve(base, address).node)
    assert _contains_run(before, _lines(case["before"])), before
    after = node_lines(resolve(op.apply(base), address).node)
    assert _contains_run(after, _lines(case["after"])), after
    assert not _contains_run(after, _lines(case["before"])) or case["before"] == case["after"]


def test_golden_cases_cover_every_corpus_instruction() -> None:
    covered = {(c["amendment"], c["operation"]) for c in CASES}
    for path in (PARA_2, PARA_3):
        count = len(read_amendment(path).operations)
        assert {(path.name, i) for i in range(1, count + 1)} <= covered


@pytest.mark.parametrize("statute, amendment", [(LASSA, PARA_2), (LGHA, PARA_3)],
                         ids=["ukpga-1970-42", "ukpga-1989-42"])
def test_consolidated_acts(statute: Path, amendment: Path) -> None:
    result = consolidate(read_act(statute), [read_amendment(amendment)])
    expected = (GOLDEN / f"{statute.stem}.expected.txt").read_text("utf-8")
    assert act_text(result.act) == expected
