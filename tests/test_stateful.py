"""A state machine amending an Act alongside a naive model of its text.

The model is a dict from key (the eId, or a made-up key for cross-headings
and tables) to an :class:`Entry` holding the printed number, heading, words
and child keys, plus the top-level keys.  Each rule draws an operation from
the *model* (a provision, words that occur in it, a free number between two
neighbours), applies it to the lawdiff Act and makes the same change to the
model with plain string and list edits.  Invariants: the Act's plain-text
lines equal the model's, every key resolves; undoing the last operation with
its inverse gives back the previous Act exactly; a failing operation or
batch leaves everything unchanged.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from lawdiff.address import Address, address_of, resolve
from lawdiff.designation import Designation
from lawdiff.engine import apply_batch
from lawdiff.errors import BatchError, WordsNotFound
from lawdiff.model import Act, Kind, Node, Omitted, Path, Provision, Table
from lawdiff.operations import (
    Applied,
    Failed,
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    Position,
    SubstituteProvision,
    SubstituteWords,
)
from lawdiff.render.text import act_lines
from lawdiff.text import Words
from tests.strategies import (
    ABSENT_WORD,
    CHILD_KINDS,
    CLOSINGS,
    acts,
    fitting_between,
    fitting_occurrences,
    has_words,
    headings,
    naive_content_end,
    naive_matches,
    phrases,
    texts,
)

DOTS = ". . . . . . ."
_BRACKETED = (Kind.SUBSECTION, Kind.PARAGRAPH, Kind.SUBPARAGRAPH, Kind.SCHEDULE_SUBPARAGRAPH)
_NO_SPACE_BEFORE = ",.;:)\u2014"  # closing punctuation, and a closing dash ("means—")


def label(kind: Kind, num: Designation | None) -> str:
    """The printed number: "6", "(1)", "(a)", "Schedule 1", "Part 2", "" for cross-headings."""
    if num is None:
        return ""
    if kind in _BRACKETED:
        return f"({num})"
    if kind is Kind.SCHEDULE:
        return f"Schedule {num}"
    if kind is Kind.PART:
        return f"Part {num}"
    return str(num)


@attrs.define
class Entry:
    """One node of the model: a provision (maybe omitted) or a table (``rows``)."""

    kind: Kind | None
    num: Designation | None = None
    address: Address | None = None
    heading: str | None = None
    text: str | None = None
    wrap_up: str | None = None
    omitted: bool = False
    children: list[str] = attrs.Factory(list)
    rows: list[list[str]] | None = None


Segment = tuple[str, str, int, int]  # key, field ("text", "wrap_up", "cell"), row, cell


@attrs.define
class Model:
    """The naive model: entries by key, the top-level keys, and each key's parent."""

    entries: dict[str, Entry] = attrs.Factory(dict)
    root: list[str] = attrs.Factory(list)
    parent: dict[str, str | None] = attrs.Factory(dict)
    made_up: int = 0

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def of(cls, act: Act) -> Model:
        """The model of an Act (built once, at the start)."""
        model = cls()
        model.root = [model._add(act, (i,), child, None) for i, child in enumerate(act.children)]
        return model

    def _add(self, act: Act, path: Path, node: Node, parent: str | None) -> str:
        if isinstance(node, Table):
            key = self._made_up()
            self.entries[key] = Entry(None, rows=[list(r.cells) for r in node.rows])
        elif node.num is None:
            key = self._made_up()
            self.entries[key] = Entry(node.kind, heading=node.heading)
        else:
            address = address_of(act, path)
            key = address.eid
            self.entries[key] = Entry(node.kind, node.num, address)
        self.parent[key] = parent
        entry = self.entries[key]
        if isinstance(node, Omitted):
            entry.omitted = True
        elif isinstance(node, Provision):
            entry.heading, entry.text, entry.wrap_up = node.heading, node.text, node.wrap_up
            entry.children = [self._add(act, (*path, i), c, key)
                              for i, c in enumerate(node.children)]
        return key

    def _made_up(self) -> str:
        self.made_up += 1
        return f"#{self.made_up}"

    # --- reading ----------------------------------------------------------------------------

    def lines(self) -> list[str]:
        """The plain text: one line per provision, "number heading — text", tables by row."""
        out: list[str] = []

        def visit(key: str) -> None:
            e = self.entries[key]
            if e.rows is not None:
                out.extend(" | ".join(row) for row in e.rows)
                return
            assert e.kind is not None
            if e.omitted:
                out.append(f"{label(e.kind, e.num)} {DOTS}")
                return
            words = [w for w in (label(e.kind, e.num), e.heading) if w]
            if e.text is not None:
                if e.heading:
                    words.append("\u2014")
                words.append(e.text)
            if words:
                out.append(" ".join(words))
            for child in e.children:
                visit(child)
            if e.wrap_up is not None:
                out.append(e.wrap_up)

        for key in self.root:
            visit(key)
        return out

    def children_of(self, key: str | None) -> list[str]:
        """The child keys of an entry (or the top-level keys for None)."""
        return self.root if key is None else self.entries[key].children

    def findable(self, key: str | None) -> Iterator[str]:
        """Numbered keys findable from ``key``, through Parts and cross-headings."""
        for child in self.children_of(key):
            e = self.entries[child]
            if e.kind is None:
                continue
            if e.num is not None:
                yield child
            if e.kind.transparent and not e.omitted:
                yield from self.findable(child)

    def segments(self, key: str) -> list[Segment]:
        """Every run of words below ``key`` in document order."""
        e = self.entries[key]
        if e.omitted:
            return []
        if e.rows is not None:
            return [(key, "cell", r, c) for r, row in enumerate(e.rows) for c in range(len(row))]
        out: list[Segment] = [(key, "text", 0, 0)] if e.text is not None else []
        for child in e.children:
            out.extend(self.segments(child))
        if e.wrap_up is not None:
            out.append((key, "wrap_up", 0, 0))
        return out

    def get(self, seg: Segment) -> str:
        """The words of one segment."""
        key, field, row, cell = seg
        e = self.entries[key]
        if field == "cell":
            assert e.rows is not None
            return e.rows[row][cell]
        value = e.text if field == "text" else e.wrap_up
        assert value is not None
        return value

    def set(self, seg: Segment, value: str) -> None:
        """Change the words of one segment."""
        key, field, row, cell = seg
        e = self.entries[key]
        if field == "cell":
            assert e.rows is not None
            e.rows[row][cell] = value
        elif field == "text":
            e.text = value
        else:
            e.wrap_up = value

    def numbered(self, live: bool = True) -> list[str]:
        """Keys of numbered provisions (only those not omitted when ``live``)."""
        return [k for k, e in self.entries.items()
                if e.num is not None and not (live and e.omitted)]

    # --- changing ---------------------------------------------------------------------------

    def drop_below(self, key: str) -> None:
        """Forget everything below ``key``."""
        for child in self.entries[key].children:
            self.drop_below(child)
            del self.entries[child]
            del self.parent[child]
        self.entries[key].children = []


# --- naive word edits -----------------------------------------------------------------------

def insert_at(text: str, at: int, words: str) -> str:
    """``words`` put in at ``at`` with one space each side, none before closing punctuation."""
    left, right = text[:at], text[at:]
    lead = " " if left and not left.endswith((" ", "(")) else ""
    trail = " " if right and right[0] not in " " + _NO_SPACE_BEFORE else ""
    return f"{left}{lead}{words}{trail}{right}"


def omit_span(text: str, start: int, end: int) -> str:
    """``text`` without ``[start, end)``, spaces tidied: single, none before punctuation."""
    out = re.sub(" {2,}", " ", text[:start] + text[end:]).strip()
    return re.sub(f" (?=[{re.escape(_NO_SPACE_BEFORE)}])", "", out)


class AmendingMachine(RuleBasedStateMachine):
    """Random amendments applied to a lawdiff Act and to a naive model side by side."""

    def __init__(self) -> None:
        super().__init__()
        self.act: Act | None = None
        self.model = Model()
        self.history: list[tuple[Act, Model, Operation]] = []

    @initialize(act=acts(max_sections=3, closings=CLOSINGS))
    def start(self, act: Act) -> None:
        """Begin with a generated Act and its model."""
        self.act = act
        self.model = Model.of(act)

    def _apply(self, op: Operation, change: Callable[[Model], None]) -> None:
        """Apply ``op`` to the Act (it must fit) and ``change`` to the model; keep the undo."""
        assert self.act is not None
        result = op.attempt(self.act)
        assert isinstance(result, Applied), (op, result)
        self.history.append((self.act, copy.deepcopy(self.model), result.inverse))
        self.act = result.act
        change(self.model)

    # --- words ------------------------------------------------------------------------------

    @rule(data=st.data(), what=st.sampled_from(["before", "after", "substitute", "omit"]))
    def amend_words(self, data: st.DataObject, what: str) -> None:
        """Insert words before/after, substitute or omit quoted words that occur in a provision."""
        options = [k for k in self.model.numbered()
                   if any(re.search("[A-Za-z]", self.model.get(s))
                          for s in self.model.segments(k))]
        if not options:
            return
        key = data.draw(st.sampled_from(sorted(options)))
        segs = self.model.segments(key)
        words = sorted({w for s in segs for w in re.findall("[A-Za-z]+", self.model.get(s))})
        quoted = data.draw(st.sampled_from(words))
        matches = [(s, a, b) for s in segs for a, b in naive_matches(self.model.get(s), quoted)]
        occurrence = data.draw(fitting_occurrences(len(matches)))
        if occurrence.rule == "nth":
            chosen = [i - 1 for i in occurrence.indices]
        elif occurrence.rule == "last":
            chosen = [len(matches) - 1]
        else:
            chosen = list(range(len(matches)))
        new = data.draw(phrases())
        target = self.model.entries[key].address
        assert target is not None
        op: Operation
        if what in ("before", "after"):
            op = InsertWords(target=target, words=new, anchor=quoted, occurrence=occurrence,
                             position=Position.BEFORE if what == "before" else Position.AFTER)
        elif what == "substitute":
            op = SubstituteWords(target=target, old=Words(quoted), new=new, occurrence=occurrence)
        else:
            op = OmitWords(target=target, old=Words(quoted), occurrence=occurrence)

        def change(model: Model) -> None:
            for seg, start, end in reversed([matches[i] for i in chosen]):
                text = model.get(seg)
                if what == "before":
                    model.set(seg, insert_at(text, start, new))
                elif what == "after":
                    model.set(seg, insert_at(text, end, new))
                elif what == "substitute":
                    model.set(seg, text[:start] + new + text[end:])
                else:
                    model.set(seg, omit_span(text, start, end))

        if what == "omit":
            trial = copy.deepcopy(self.model)
            change(trial)
            if any(not has_words(trial.get(seg)) for seg in segs if seg[1] != "cell"):
                # Every word of a provision's text would go: refused, and nothing changes.
                before = self.act
                assert before is not None and isinstance(op.attempt(before), Failed)
                assert self.act is before
                return
        self._apply(op, change)

    @rule(data=st.data(), at_end=st.booleans())
    def insert_at_beginning_or_end(self, data: st.DataObject, at_end: bool) -> None:
        """Insert words at the beginning of a provision, or at its end before closing punctuation."""
        options = [k for k in self.model.numbered() if self.model.segments(k)]
        if not options:
            return
        key = data.draw(st.sampled_from(sorted(options)))
        seg = self.model.segments(key)[-1 if at_end else 0]
        new = data.draw(phrases())
        target = self.model.entries[key].address
        assert target is not None
        op = InsertWords(target=target, words=new,
                         position=Position.AT_END if at_end else Position.AT_BEGINNING)

        def change(model: Model) -> None:
            text = model.get(seg)
            model.set(seg, insert_at(text, naive_content_end(text) if at_end else 0, new))

        self._apply(op, change)

    # --- provisions -------------------------------------------------------------------------

    def _insertable(self, key: str | None) -> list[Kind]:
        if key is None:
            return [Kind.SECTION, Kind.SCHEDULE]
        e = self.model.entries[key]
        if e.kind is None or e.kind.transparent or e.omitted or any(
                self.model.entries[c].rows is not None for c in e.children):
            return []
        if e.kind is Kind.SCHEDULE:
            return [Kind.SCHEDULE_PARAGRAPH]
        present = sorted({self.model.entries[k].kind.value  # type: ignore[union-attr]
                          for k in self.model.findable(key)})
        return [Kind(k) for k in present] or list(CHILD_KINDS[e.kind])

    @rule(data=st.data(), placement=st.sampled_from(["order", "named"]))
    def insert_provision(self, data: st.DataObject, placement: str) -> None:
        """Insert a new provision numbered between two neighbours (or at either end)."""
        containers: list[str | None] = [None, *sorted(self.model.numbered())]
        options = [(c, k) for c in containers for k in self._insertable(c)]
        container, kind = data.draw(st.sampled_from(options))
        siblings = [k for k in self.model.findable(container)
                    if self.model.entries[k].kind is kind]
        gap = data.draw(st.integers(0, len(siblings)))
        before = siblings[gap - 1] if gap else None
        after = siblings[gap] if gap < len(siblings) else None
        num = fitting_between(self.model.entries[before].num if before else None,
                              self.model.entries[after].num if after else None)
        if num is None:
            return
        heading = data.draw(st.none() | headings()) if kind is Kind.SECTION else None
        text = data.draw(texts(CLOSINGS))
        new = Provision(kind, num, heading=heading, text=text)
        parent = Address(()) if container is None else self.model.entries[container].address
        assert parent is not None
        extra: dict[str, Designation | None] = {}
        if placement == "named" and before is not None:
            extra["after"] = self.model.entries[before].num
        elif placement == "named" and after is not None:
            extra["before"] = self.model.entries[after].num
        op = InsertProvision(target=parent, provisions=(new,), **extra)  # type: ignore[arg-type]
        address = Address(()).child(kind, num) if kind in (Kind.SECTION, Kind.SCHEDULE) \
            else parent.child(kind, num)

        def change(model: Model) -> None:
            key = address.eid
            model.entries[key] = Entry(kind, num, address, heading=heading, text=text)
            if before is not None:
                holder = model.parent[before]
                siblings = model.children_of(holder)
                siblings.insert(siblings.index(before) + 1, key)
            elif after is not None:
                holder = model.parent[after]
                siblings = model.children_of(holder)
                siblings.insert(siblings.index(after), key)
            else:
                holder = container
                model.children_of(holder).append(key)
            model.parent[key] = holder

        self._apply(op, change)

    @rule(data=st.data(), how=st.sampled_from(["omitted", "repealed"]))
    def omit_provision(self, data: st.DataObject, how: str) -> None:
        """Omit (or repeal) a provision: it prints as its number and dots."""
        options = self.model.numbered()
        if not options:
            return
        key = data.draw(st.sampled_from(sorted(options)))
        target = self.model.entries[key].address
        assert target is not None

        def change(model: Model) -> None:
            model.drop_below(key)
            model.entries[key].omitted = True

        self._apply(OmitProvision(target=target, how=how), change)

    @rule(data=st.data())
    def substitute_provision(self, data: st.DataObject) -> None:
        """Substitute a new text for a provision (omitted ones included), keeping its number."""
        options = [k for k in self.model.numbered(live=False)
                   if self.model.entries[k].kind in CHILD_KINDS]
        if not options:
            return
        key = data.draw(st.sampled_from(sorted(options)))
        e = self.model.entries[key]
        assert e.kind is not None and e.address is not None
        heading = data.draw(st.none() | headings()) if e.kind is Kind.SECTION else None
        text = data.draw(texts(CLOSINGS))
        op = SubstituteProvision(target=e.address,
                                 provisions=(Provision(e.kind, e.num, heading=heading, text=text),))

        def change(model: Model) -> None:
            model.drop_below(key)
            entry = model.entries[key]
            entry.omitted, entry.heading, entry.text, entry.wrap_up = False, heading, text, None

        self._apply(op, change)

    # --- failures and undo ------------------------------------------------------------------

    @rule(data=st.data(), batched=st.booleans())
    def words_not_found(self, data: st.DataObject, batched: bool) -> None:
        """Words that do not occur: the operation (or a batch ending in it) changes nothing."""
        assert self.act is not None
        if not self.model.numbered(live=False):
            return
        key = data.draw(st.sampled_from(sorted(self.model.numbered(live=False))))
        target = self.model.entries[key].address
        assert target is not None
        op = SubstituteWords(target=target, old=Words(ABSENT_WORD), new="x")
        before, children = self.act, self.act.children
        if not batched:
            result = op.attempt(self.act)
            assert isinstance(result, Failed) and isinstance(result.error, WordsNotFound)
        else:
            first = InsertWords(target=target, words="y", position=Position.AT_BEGINNING)
            good = [first] if isinstance(first.attempt(self.act), Applied) else []
            try:
                apply_batch(self.act, [*good, op])
            except BatchError as exc:
                assert exc.index == len(good)
            else:
                raise AssertionError("the batch should have failed")
        assert self.act is before and self.act.children is children

    @precondition(lambda self: bool(self.history))
    @rule()
    def undo(self) -> None:
        """Applying the inverse of the last operation gives back the previous Act exactly."""
        assert self.act is not None
        previous, model, inverse = self.history.pop()
        restored = inverse.apply(self.act)
        assert restored == previous
        self.act, self.model = restored, model

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def text_agrees(self) -> None:
        """The Act prints exactly the model's lines."""
        if self.act is not None:
            assert act_lines(self.act) == self.model.lines()

    @invariant()
    def every_provision_resolves(self) -> None:
        """Every numbered key of the model resolves to a node of that kind, number and state."""
        if self.act is None:
            return
        for key in self.model.numbered(live=False):
            e = self.model.entries[key]
            assert e.address is not None
            node = resolve(self.act, e.address).node
            assert not isinstance(node, Table)
            assert (node.kind, node.num, isinstance(node, Omitted)) == (e.kind, e.num, e.omitted)


AmendingMachine.TestCase.settings = settings(stateful_step_count=25)
TestAmending = AmendingMachine.TestCase
