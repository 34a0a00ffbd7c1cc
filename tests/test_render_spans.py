"""lawdiff.render.spans: change spans mapped into the final text, as the engine maps them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lawdiff.address import Address
from lawdiff.engine import Consolidation, apply_batch
from lawdiff.model import Act
from lawdiff.operations import (
    Applied,
    Change,
    InsertWords,
    OmitWords,
    Operation,
    Position,
    ReplaceText,
    SubstituteWords,
)
from lawdiff.render.annotated import live_changes
from lawdiff.render.spans import final_changes
from lawdiff.text import SegmentRef, TextEdit, Words
from tests import render_reference
from tests.helpers import act, section, sub
from tests.strategies import acts, applicable_operations, arbitrary_operations, word_operations


def reference(cons: Consolidation) -> list[tuple[int, Change]]:
    """The engine's mapping, then each omission placed exactly, one later step at a time (the
    code :func:`final_changes` replaced)."""
    return render_reference._fix_omissions(cons, cons.final_changes())


@st.composite
def histories(draw: st.DrawFn) -> Consolidation:
    """A small Act and up to 8 operations that fit it in turn, most of them word operations
    (so several hit the same text), some positional text edits (whose edits may touch)."""
    base = draw(acts(max_sections=2, max_schedules=1))
    ops: list[Operation] = []
    current = base
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["words", "words", "words", "any", "positional"]))
        op = draw(word_operations(current) if kind == "words"
                  else applicable_operations(current) if kind == "any"
                  else arbitrary_operations(current, well_formed=True))
        result = op.attempt(current)
        if not isinstance(result, Applied):
            continue
        ops.append(op)
        current = result.act
    return apply_batch(base, ops)


@given(histories())
def test_final_changes_are_the_engines_with_omissions_placed(cons: Consolidation) -> None:
    assert final_changes(cons) == reference(cons)
    # and the annotations drawn from them are the previous code's
    assert live_changes(cons) == render_reference.live_changes(cons)


def _act(text: str) -> Act:
    return act(section("1", sub("1", text)))


S1 = Address.parse("s. 1(1)")


def test_many_operations_on_one_provision() -> None:
    words = [f"w{k}" for k in range(60)]
    base = _act(" ".join(words) + ".")
    ops: list[Operation] = []
    for k in range(0, 60, 3):
        ops.append(SubstituteWords(target=S1, old=Words(f"w{k}"), new=f"s{k} t{k}"))
        ops.append(InsertWords(target=S1, position=Position.AFTER, anchor=f"w{k + 1}",
                               words=f"i{k}"))
        ops.append(OmitWords(target=S1, old=Words(f"w{k + 2}")))
    ops.append(SubstituteWords(target=S1, old=Words("s0 t0 w1 i0"), new="whole"))
    cons = apply_batch(base, ops)
    assert final_changes(cons) == reference(cons)
    text = cons.act.children[0].children[0].text  # type: ignore[union-attr]
    first = final_changes(cons)[0][1]
    assert (first.start, first.end) == (0, 0)  # its words all went: empty where "whole" begins
    last = final_changes(cons)[-1][1]
    assert text[last.start:last.end] == "whole"


def test_touching_positional_edits_are_mapped_as_the_engine_maps_them() -> None:
    base = _act("alpha beta gamma delta.")
    ref = SegmentRef((0,), "text", None, None)
    ops: list[Operation] = [
        SubstituteWords(target=S1, old=Words("beta"), new="BETA"),
        ReplaceText(path=(0,), edits=(TextEdit(ref, 0, 6, "A ", (0, 2)),
                                      TextEdit(ref, 6, 6, "x ", (0, 2)))),
    ]
    cons = apply_batch(base, ops)
    assert final_changes(cons) == reference(cons)
