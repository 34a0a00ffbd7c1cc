"""Legal-level differences: the operations that turn one text of an Act into another.

:func:`diff` compares two :class:`~lawdiff.model.Act` trees and returns
operations of the kinds an amending Act uses -- "in section 6(1), after
“local authority” insert “in Wales”", "before subsection (1) insert (A1)",
"omit subsection (3)" -- such that::

    apply_batch(a, diff(a, b)).act.children == b.children

for *every* pair of Acts.  Only the provisions are compared: the result of
applying the operations keeps ``a.info``; a caller that wants ``b`` itself
re-dates it with ``act.with_info(b.info)``.

How the operations are chosen (see docs/diff.md):

* Provisions are matched by kind and number under the same parent (Parts
  and cross-headings are matched as containers in their own right; a
  cross-heading by its heading, a table by its place among the tables).
* Changed words in a provision's own text or closing words become
  :class:`~lawdiff.operations.InsertWords`, :class:`SubstituteWords` or
  :class:`OmitWords` on that provision, quoting whole words that occur
  exactly once in the provision (its children's text included) at the time
  the operation applies.  One change repeated wherever its anchor occurs
  becomes one operation "in both places" / "in each place".
* Changed table cells become word operations on the entry ("Sch. 1 entry
  for “…”"), else :class:`EditCell`.
* New provisions become :class:`InsertProvision`, provisions that became
  placeholders :class:`OmitProvision`; a changed heading, a provision whose
  opening or closing words appeared or vanished, a table whose rows changed,
  and a placeholder that became a provision become
  :class:`SubstituteProvision`.
* What cannot be said in those terms -- a provision removed with no
  placeholder left, a new placeholder, a changed cross-heading, a changed
  note on a placeholder -- becomes the positional primitive
  :class:`ReplaceChildren`.

Every operation is computed against the Act as the operations before it
left it and is checked by applying it, so the batch always applies in
order.  Should the planner ever fail to express a difference, :func:`diff`
falls back to one :class:`ReplaceChildren` of the whole Act (or raises
:class:`DiffError` with ``fallback=False``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

import attrs

from lawdiff.address import Address, address_of
from lawdiff.errors import LawdiffError
from lawdiff.model import Act, Node, Omitted, Opaque, Path, Provision, Row, Table
from lawdiff.operations import (
    Applied,
    EditCell,
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    Position,
    Provenance,
    ReplaceChildren,
    SubstituteProvision,
    SubstituteWords,
)
from lawdiff.text import (
    Occurrence,
    Segment,
    Words,
    content_end,
    find_phrase,
    segments,
    spaced_omit,
)
from lawdiff.worddiff import longest_ascending, word_changes

__all__ = ["PROVENANCE", "DiffError", "diff", "diff_summary", "positional_changes"]

PROVENANCE = Provenance(citation="lawdiff diff")
"""The provenance every operation :func:`diff` returns carries."""


class DiffError(LawdiffError):
    """The planner could not express a difference (raised only with ``fallback=False``)."""


def diff(a: Act, b: Act, *, fallback: bool = True) -> tuple[Operation, ...]:
    """Operations that turn the provisions of ``a`` into those of ``b``, in the order to apply.

    ``apply_batch(a, diff(a, b)).act.children == b.children`` always holds;
    the Act's :class:`~lawdiff.model.ActInfo` is not compared or changed.
    ``diff(a, a) == ()``.  With ``fallback=False`` a difference the planner
    cannot express raises :class:`DiffError` instead of becoming one
    positional replacement of every provision.
    """
    if a.children == b.children:
        return ()
    planner = _Planner(a)
    try:
        planner.run(b)
        if planner.cur.children != b.children:
            raise DiffError("the planned operations do not reproduce the second text")
    except Exception as exc:  # any failure at all: fall back to the positional replacement
        if not fallback:
            if isinstance(exc, DiffError):
                raise
            raise DiffError(f"{type(exc).__name__}: {exc}") from exc
        return (ReplaceChildren(path=(), start=0, end=len(a.children), nodes=b.children,
                                provenance=PROVENANCE),)
    return tuple(planner.ops)


def positional_changes(a: Act, ops: Sequence[Operation]) -> list[str]:
    """What the positional operations among ``ops`` (applied to ``a`` in order) do, in words.

    These are the differences no amending instruction expresses: a provision
    removed without a placeholder, a new or changed placeholder, a changed
    cross-heading (:class:`~lawdiff.operations.ReplaceChildren`).  Empty when
    every operation is an instruction.
    """
    out: list[str] = []
    act = a
    for op in ops:
        after_act = op.apply(act)
        if isinstance(op, ReplaceChildren):
            before = [_cite_child(act, (*op.path, i)) for i in range(op.start, op.end)]
            after = [_cite_child(after_act, (*op.path, op.start + k)) for k in range(len(op.nodes))]
            if before and after:
                out.append(f"{', '.join(before)} replaced by {', '.join(after)} in place")
            elif before:
                out.append(f"{', '.join(before)} removed without a placeholder")
            else:
                out.append(f"{', '.join(after)} added in place")
        act = after_act
    return out


def _cite_child(act: Act, path: Path) -> str:
    node = act.node_at(path)
    if isinstance(node, Table):
        return f"a table in {address_of(act, path[:-1])}"
    if isinstance(node, Opaque):
        return f"{node.role} content in {address_of(act, path[:-1])}"
    if node.num is None:
        return f"the cross-heading “{node.heading}”"
    what = f"{address_of(act, path)}"
    return f"{what} ({node.how})" if isinstance(node, Omitted) else what


def diff_summary(a: Act, b: Act) -> list[str]:
    """One line per operation of ``diff(a, b)``: its plain-English description."""
    return [op.describe() for op in diff(a, b)]


# --- matching children ---------------------------------------------------------------------

Key = tuple[object, ...]
Container = Act | Provision


def _keys(children: Sequence[Node]) -> list[Key]:
    """Identity of each child among its siblings: kind and number, heading, or table ordinal."""
    out: list[Key] = []
    seen: dict[Key, int] = {}
    for child in children:
        if isinstance(child, Table):
            base: Key = ("table",)
        elif isinstance(child, Opaque):
            base = ("opaque", child.role)
        elif child.num is None or child.kind.content:
            base = ("crossheading", getattr(child, "heading", None))
        else:
            out.append((child.kind, child.num))
            continue
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append((*base, n))
    return out


def _align(a: Sequence[Node], b: Sequence[Node]) -> list[tuple[int, int]]:
    """Matched (index in a, index in b) pairs, ascending in both.

    Keys are unique among siblings, so children are matched by key: every
    child whose key is on both sides, when they stand in the same order (the
    usual case, and then the only longest common subsequence); otherwise the
    longest run of them in the same order on both sides
    (:func:`lawdiff.worddiff.longest_ascending`).
    Then, between two matched children, cross-headings left over on both
    sides are paired in order (a cross-heading whose heading changed).
    """
    ka, kb = _keys(a), _keys(b)
    n, m = len(ka), len(kb)
    where = {key: j for j, key in enumerate(kb)}
    pairs = [(i, where[key]) for i, key in enumerate(ka) if key in where]
    if any(x[1] >= y[1] for x, y in itertools.pairwise(pairs)):
        pairs = longest_ascending(pairs)
    out: list[tuple[int, int]] = []
    prev = (-1, -1)
    for pair in [*pairs, (n, m)]:
        gap_a = [x for x in range(prev[0] + 1, pair[0]) if _is_crossheading(a[x])]
        gap_b = [y for y in range(prev[1] + 1, pair[1]) if _is_crossheading(b[y])]
        out.extend(zip(gap_a, gap_b, strict=False))
        if pair != (n, m):
            out.append(pair)
        prev = pair
    return out


def _is_crossheading(node: Node) -> bool:
    return isinstance(node, Provision) and node.num is None


def _tables(node: Provision) -> list[Table]:
    return [c for c in node.children if isinstance(c, Table)]


def _norm_entry(text: str) -> str:
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"')
    return " ".join(text.replace("\u201d", '"').split())


def _tables_editable(c: Provision, t: Provision) -> bool:
    """True when every table change in ``c`` -> ``t`` is a change of cells in addressable rows."""
    ta, tb = _tables(c), _tables(t)
    if len(ta) != len(tb):
        return False
    entries_a = [_norm_entry(r.entry) for x in ta for r in x.rows if not r.header]
    entries_b = [_norm_entry(r.entry) for x in tb for r in x.rows if not r.header]
    changed = False
    for x, y in zip(ta, tb, strict=True):
        if len(x.rows) != len(y.rows):
            return False
        for rx, ry in zip(x.rows, y.rows, strict=True):
            if rx.header != ry.header or len(rx.cells) != len(ry.cells):
                return False
            if rx != ry:
                if rx.header:
                    return False
                changed = True
    if not changed:
        return True
    if len(set(entries_a)) != len(entries_a) or len(set(entries_b)) != len(entries_b):
        return False
    # While rows are edited one by one, an entry must never take a name another row still has.
    return all(ea == eb or eb not in entries_a for ea, eb in zip(entries_a, entries_b, strict=True))


def _needs_children(p: Provision) -> bool:
    """True when ``p`` cannot stand without children (closing words, or nothing but children)."""
    return p.wrap_up is not None or (p.text is None and p.heading is None)


def _wholesale(c: Node, t: Node) -> bool:
    """True when ``c`` becomes ``t`` by replacing it whole (not by changes inside it)."""
    if not (isinstance(c, Provision) and isinstance(t, Provision)):
        return True
    # Removing every child first would leave ``c`` invalid on the way.
    emptied = _needs_children(c) and bool(c.children) and not _align(c.children, t.children)
    if c.num is None:
        return emptied
    return (c.heading != t.heading or (c.text is None) != (t.text is None)
            or (c.wrap_up is None) != (t.wrap_up is None) or not _tables_editable(c, t)
            or emptied)


# --- words ---------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")
_SOLID_RE = re.compile(r"\w+|[^\w\s]")
_ARTICLES = frozenset({"a", "an", "the"})


@attrs.frozen(slots=True)
class _Tok:
    start: int
    end: int
    word: bool
    text: str


def _solid(text: str) -> list[_Tok]:
    """Words and single punctuation marks of ``text`` with their offsets."""
    return [_Tok(m.start(), m.end(), m.group()[0].isalnum() or m.group()[0] == "_", m.group())
            for m in _SOLID_RE.finditer(text)]


def _lcs_len(a: Sequence[str], b: Sequence[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    row = [0] * (len(b) + 1)
    for x in a:
        diag = 0
        for j, y in enumerate(b):
            up = row[j + 1]
            row[j + 1] = diag + 1 if x == y else max(up, row[j])
            diag = up
    return row[-1]


def _dist(x: str, y: str) -> int:
    """Insertions plus deletions of tokens (words, marks, spaces) that turn ``x`` into ``y``."""
    if x == y:
        return 0
    a, b = _TOKEN_RE.findall(x), _TOKEN_RE.findall(y)
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    j = 0
    while j < len(a) - i and j < len(b) - i and a[-1 - j] == b[-1 - j]:
        j += 1
    a, b = a[i:len(a) - j], b[i:len(b) - j]
    return len(a) + len(b) - 2 * _lcs_len(a, b)


def _common_prefix(x: str, y: str) -> int:
    n = min(len(x), len(y))
    i = 0
    while i < n and x[i] == y[i]:
        i += 1
    return i


def _common_suffix(x: str, y: str) -> int:
    n = min(len(x), len(y))
    i = 0
    while i < n and x[-1 - i] == y[-1 - i]:
        i += 1
    return i


def _first_change(s: str, t: str) -> str:
    """``s`` with only the first changed run of the word diff ``s`` -> ``t`` applied.

    The runs are those of :func:`lawdiff.worddiff.word_changes`; when its
    matching is not a shortest edit (difflib does not promise one), a longest
    common subsequence of the tokens decides instead.
    """
    for runs in (word_changes(s, t), _lcs_changes(s, t)):
        offset = 0
        for changed, old, new in runs:
            if changed:
                e1 = s[:offset] + new + s[offset + len(old):]
                if _dist(s, e1) + _dist(e1, t) == _dist(s, t):
                    return e1
                break
            offset += len(old)
    return t


def _lcs_changes(s: str, t: str) -> list[tuple[bool, str, str]]:
    """Like ``word_changes``, but matching a longest common subsequence of tokens."""
    a, b = _TOKEN_RE.findall(s), _TOKEN_RE.findall(t)
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (table[i + 1][j + 1] + 1 if a[i] == b[j]
                           else max(table[i + 1][j], table[i][j + 1]))
    runs: list[tuple[bool, str, str]] = []
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and a[i] == b[j]:
            runs.append((False, a[i], a[i]))
            i, j = i + 1, j + 1
        elif j < m and (i == n or table[i][j + 1] >= table[i + 1][j]):
            runs.append((True, "", b[j]))
            j += 1
        else:
            runs.append((True, a[i], ""))
            i += 1
    merged: list[tuple[bool, str, str]] = []
    for k, (changed, old, new) in enumerate(runs):
        bridge = (not changed and not old.strip() and 0 < k < len(runs) - 1
                  and runs[k - 1][0] and runs[k + 1][0])
        if merged and merged[-1][0] == (changed or bridge):
            flag, o, nw = merged[-1]
            merged[-1] = (flag, o + old, nw + new)
        else:
            merged.append((changed or bridge, old, new))
    return merged


def _count(segs: Sequence[Segment], words: str) -> int:
    return sum(len(find_phrase(seg.text, words)) for seg in segs)


def _occurrence(count: int) -> Occurrence:
    """The rule for a quotation that occurs ``count`` (at least one) times in the target."""
    return Occurrence() if count == 1 else Occurrence("both" if count == 2 else "each")


_CONJUNCTIONS = frozenset({"and", "or"})


def _omission_windows(s: str, e1: str) -> list[tuple[int, int]]:
    """Every quotation ``s[qs:qe]`` of whole words whose omission turns ``s`` into ``e1``.

    Omitting takes one now-redundant space with the words
    (:func:`lawdiff.text.spaced_omit`), so the quotation is as long as the
    removed text or one character shorter.  In repeated text several
    quotations remove the same words ("adult social services or (as the
    case may be) social services" less "or (as the case may be) social
    services" or less "social services or (as the case may be)"); the one
    that opens with "or"/"and" comes first -- a drafter omits the
    alternative, "or B", not "A or" out of the middle -- then leftmost first.
    """
    removed = len(s) - len(e1)
    if removed <= 0:
        return []
    toks = _solid(s)
    ends = {tok.end for tok in toks}
    out: list[tuple[int, int]] = []
    for tok in toks:
        for qe in (tok.start + removed, tok.start + removed - 1):
            if qe <= tok.start or qe not in ends:
                continue
            quote = s[tok.start:qe]
            if quote != " ".join(quote.split()):
                continue
            start, end, _, _ = spaced_omit(s, tok.start, qe)
            if s[:start] + s[end:] == e1:
                out.append((tok.start, qe))
    return sorted(out, key=lambda w: (s[w[0]:w[1]].split()[0].lower() not in _CONJUNCTIONS, w))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


@attrs.frozen(slots=True)
class _Spot:
    """Where a pure insertion can go: the end of the words before it, the start of those after."""

    left_end: int
    right_start: int
    words: str


def _insertion_spots(s: str, e1: str, pre: int, suf: int) -> list[_Spot]:
    """Every whole-word place (leftmost first) where one insertion turns ``s`` into ``e1``."""
    extra = len(e1) - len(s)
    out: list[_Spot] = []
    seen: set[tuple[int, str]] = set()
    for p in range(max(0, len(s) - suf), min(pre, len(s)) + 1):
        inserted = e1[p:p + extra]
        words = inserted.strip()
        if not words or " ".join(words.split()) != words:
            continue
        if p > 0 and _is_word_char(s[p - 1]) and _is_word_char(inserted[0]):
            continue
        if p < len(s) and _is_word_char(inserted[-1]) and _is_word_char(s[p]):
            continue
        spot = _Spot(len(s[:p].rstrip()), len(s) - len(s[p:].lstrip()), words)
        if (spot.left_end, words) not in seen:
            seen.add((spot.left_end, words))
            out.append(spot)
    return out


# --- units of text: a provision's own words, or a table row --------------------------------

class _Unit:
    """Text segments amended through one address: a provision's own words or one table row."""

    path: Path
    targets: list[str]

    def address(self, act: Act) -> Address:
        raise NotImplementedError

    def own(self, node: Node) -> list[str]:
        raise NotImplementedError

    def seg_index(self, node: Node, segs: Sequence[Segment], g: int) -> int:
        raise NotImplementedError

    def segments(self, node: Node) -> list[Segment]:
        raise NotImplementedError

    def frame_equal(self, old: Node, new: Node) -> bool:
        """True when ``new`` differs from ``old`` at most in this unit's own text."""
        raise NotImplementedError


class _ProvisionUnit(_Unit):
    def __init__(self, path: Path, target: Provision) -> None:
        self.path = path
        self.fields = [f for f in ("text", "wrap_up") if getattr(target, f) is not None]
        self.targets = [getattr(target, f) for f in self.fields]

    def address(self, act: Act) -> Address:
        return address_of(act, self.path)

    def own(self, node: Node) -> list[str]:
        return [getattr(node, f) for f in self.fields]

    def seg_index(self, node: Node, segs: Sequence[Segment], g: int) -> int:
        return 0 if self.fields[g] == "text" else len(segs) - 1

    def segments(self, node: Node) -> list[Segment]:
        return segments(node, "")

    def frame_equal(self, old: Node, new: Node) -> bool:
        if not (isinstance(old, Provision) and isinstance(new, Provision)):
            return False
        return (old.kind, old.num, old.heading, old.children) == (
            new.kind, new.num, new.heading, new.children) and all(
            getattr(old, f) == getattr(new, f) for f in ("text", "wrap_up")
            if f not in self.fields)


class _RowUnit(_Unit):
    def __init__(self, holder: Path, index: int, row: int, target: Row) -> None:
        self.holder = holder
        self.path = (*holder, index)
        self.row = row
        self.targets = list(target.cells)

    def address(self, act: Act) -> Address:
        table = act.node_at(self.path)
        assert isinstance(table, Table)
        return Address(address_of(act, self.holder).steps, table.rows[self.row].entry)

    def own(self, node: Node) -> list[str]:
        assert isinstance(node, Table)
        return list(node.rows[self.row].cells)

    def seg_index(self, node: Node, segs: Sequence[Segment], g: int) -> int:
        return g

    def segments(self, node: Node) -> list[Segment]:
        return segments(node, "", row=self.row)

    def frame_equal(self, old: Node, new: Node) -> bool:
        if not (isinstance(old, Table) and isinstance(new, Table)) or len(old.rows) != len(new.rows):
            return False
        return all(x == y if i != self.row else (x.header == y.header and len(x.cells) == len(y.cells))
                   for i, (x, y) in enumerate(zip(old.rows, new.rows, strict=True)))


# --- the planner ---------------------------------------------------------------------------

@attrs.frozen(slots=True)
class _Expected:
    """An Act with children ``start:end`` of the container at ``path`` replaced by ``nodes``.

    Never built: :meth:`matches` compares a result with it directly, so a
    planned change costs no more than the path to it (building the Act would
    validate and index every provision of the container again).
    """

    act: Act
    path: Path
    start: int
    end: int
    nodes: tuple[Node, ...]

    def matches(self, other: Act) -> bool:
        """True when ``other``'s provisions are those of the expected Act."""
        before: tuple[Node, ...] = self.act.children
        after: tuple[Node, ...] = other.children
        for i in self.path:
            if len(after) != len(before) or after[:i] != before[:i] \
                    or after[i + 1:] != before[i + 1:]:
                return False
            old, new = before[i], after[i]
            if not (isinstance(old, Provision) and isinstance(new, Provision)):
                return False
            if (old.kind, old.num, old.heading, old.text, old.wrap_up) != (
                    new.kind, new.num, new.heading, new.text, new.wrap_up):
                return False
            before, after = old.children, new.children
        return after == (*before[:self.start], *self.nodes, *before[self.end:])



class _Planner:
    """Builds the operations against an evolving copy of the first Act."""

    def __init__(self, act: Act) -> None:
        self.cur = act
        self.ops: list[Operation] = []

    # applying --------------------------------------------------------------------------

    def _attempt(self, op: Operation) -> Applied | None:
        try:
            result = op.attempt(self.cur)
        except LawdiffError:  # e.g. "in each place" where the places overlap
            return None
        return result if isinstance(result, Applied) else None

    def _expect(self, path: Path, start: int, end: int, nodes: tuple[Node, ...]) -> _Expected:
        """The current Act with children ``start:end`` at ``path`` replaced by ``nodes``."""
        return _Expected(self.cur, path, start, end, nodes)

    def _emit_expecting(self, op: Operation, expected: _Expected) -> bool:
        """Apply ``op`` if it turns the current Act into ``expected``; report whether it did."""
        result = self._attempt(op)
        if result is None or not expected.matches(result.act):
            return False
        self.ops.append(op)
        self.cur = result.act
        return True

    def _must(self, op: Operation, expected: _Expected) -> None:
        if not self._emit_expecting(op, expected):
            raise DiffError(f"could not apply the planned operation: {op.describe()}")

    def _container(self, path: Path) -> Container:
        if not path:
            return self.cur
        node = self.cur.node_at(path)
        if not isinstance(node, Provision):
            raise DiffError(f"node {list(path)} is not a provision")
        return node

    def run(self, b: Act) -> None:
        self._prune((), b.children)
        self._sync_children((), b.children)

    # phase 1: remove what has no counterpart ------------------------------------------

    def _prune(self, path: Path, target: Sequence[Node]) -> None:
        """Delete, below ``path``, every child with no counterpart in ``target``.

        Done for the whole Act before anything is inserted, so a provision
        that moves between Parts never exists twice.  Non-transparent
        provisions that will be replaced whole are left alone.
        """
        kids = self._container(path).children
        pairs = _align(kids, target)
        for i, j in pairs:
            c, t = kids[i], target[j]
            if not isinstance(c, Provision) or c == t:
                continue
            if c.kind.transparent or not _wholesale(c, t):
                self._prune((*path, i), t.children if isinstance(t, Provision) else ())
        matched = {i for i, _ in pairs}
        doomed = [i for i in range(len(kids)) if i not in matched]
        holder = self._container(path)
        if doomed and len(doomed) == len(kids) and isinstance(holder, Provision) \
                and _needs_children(holder):
            doomed = doomed[1:]  # the holder cannot be emptied; it is replaced whole
        for start, end in reversed(_runs(doomed)):
            expected = self._expect(path, start, end, ())
            self._must(ReplaceChildren(path=path, start=start, end=end, nodes=(),
                                       provenance=PROVENANCE), expected)

    # phase 2: change and insert ----------------------------------------------------------

    def _sync_children(self, path: Path, target: Sequence[Node]) -> None:
        pairs = _align(self._container(path).children, target)
        matched = {j for _, j in pairs}
        j = 0
        while j < len(target):
            t = target[j]
            if j in matched:
                if isinstance(t, Table):
                    self._sync_table(path, j, t)
                else:
                    self._sync_node((*path, j), t)
                if self._container(path).children[j] != t:
                    raise DiffError(f"child {j} of node {list(path)} did not come out as planned")
                j += 1
                continue
            k = j + 1
            if isinstance(t, Provision) and t.num is not None:
                while k < len(target) and k not in matched:
                    nxt = target[k]
                    if not (isinstance(nxt, Provision) and nxt.kind is t.kind
                            and nxt.num is not None):
                        break
                    k += 1
            self._insert(path, j, tuple(target[j:k]))
            j = k

    def _sync_node(self, path: Path, t: Node) -> None:
        c = self.cur.node_at(path)
        if c == t:
            return
        if _wholesale(c, t):
            self._replace_whole(path, c, t)
            return
        assert isinstance(c, Provision) and isinstance(t, Provision)
        if c.num is not None:
            unit = _ProvisionUnit(path, t)
            if unit.fields:
                self._edit_unit(unit)
        self._sync_children(path, t.children)
        if c.num is None:  # a cross-heading cannot be cited: change its words in place
            now = self.cur.node_at(path)
            assert isinstance(now, Provision)
            if now != t:
                expected = self._expect(path[:-1], path[-1], path[-1] + 1, (t,))
                self._must(ReplaceChildren(path=path[:-1], start=path[-1], end=path[-1] + 1,
                                           nodes=(t,), provenance=PROVENANCE), expected)

    def _replace_whole(self, path: Path, c: Node, t: Node) -> None:
        parent, index = path[:-1], path[-1]
        expected = self._expect(parent, index, index + 1, (t,))
        positional = ReplaceChildren(path=parent, start=index, end=index + 1, nodes=(t,),
                                     provenance=PROVENANCE)
        if isinstance(c, (Table, Opaque)) or isinstance(t, (Table, Opaque)) or c.num is None \
                or c.kind.content:
            self._must(positional, expected)
            return
        address = address_of(self.cur, path)
        if isinstance(t, Provision):
            if not self._emit_expecting(SubstituteProvision(target=address, provisions=(t,),
                                                            provenance=PROVENANCE), expected):
                self._must(positional, expected)
            return
        if isinstance(c, Provision) and isinstance(t, Omitted):
            omitted = self._expect(parent, index, index + 1, (Omitted(t.kind, t.num, t.how),))
            if self._emit_expecting(OmitProvision(target=address, how=t.how,
                                                  provenance=PROVENANCE), omitted):
                if expected.matches(self.cur):
                    return
                expected = self._expect(parent, index, index + 1, (t,))
        self._must(positional, expected)

    def _sync_table(self, holder: Path, index: int, t: Table) -> None:
        table = self.cur.node_at((*holder, index))
        assert isinstance(table, Table)
        for r, (old, new) in enumerate(zip(table.rows, t.rows, strict=True)):
            if old != new:
                self._edit_unit(_RowUnit(holder, index, r, new))

    # inserting provisions --------------------------------------------------------------

    def _scope_address(self, path: Path) -> Address:
        """The citation of the nearest ancestor (or the Act) that is not a Part or cross-heading."""
        for k in range(len(path), 0, -1):
            node = self.cur.node_at(path[:k])
            if isinstance(node, Provision) and not node.kind.transparent:
                return address_of(self.cur, path[:k])
        return Address(())

    def _insert(self, path: Path, j: int, nodes: tuple[Node, ...]) -> None:
        expected = self._expect(path, j, j, nodes)
        if all(isinstance(n, Provision) and n.num is not None for n in nodes):
            provisions = tuple(n for n in nodes if isinstance(n, Provision))
            for op in self._insert_options(path, j, provisions):
                if self._emit_expecting(op, expected):
                    return
        self._must(ReplaceChildren(path=path, start=j, end=j, nodes=nodes,
                                   provenance=PROVENANCE), expected)

    def _insert_options(self, path: Path, j: int,
                        provisions: tuple[Provision, ...]) -> Iterator[InsertProvision]:
        container = self._container(path)
        kind = provisions[0].kind
        targets = [self._scope_address(path)]
        if isinstance(container, Provision) and container.kind.transparent \
                and container.num is not None:
            targets.append(address_of(self.cur, path))
        kids = container.children
        prev = kids[j - 1] if j > 0 else None
        nxt = kids[j] if j < len(kids) else None
        for target in targets:
            if j == 0 and isinstance(container, Provision) and not container.kind.transparent \
                    and container.text and container.text.split():
                yield InsertProvision(target=target, provisions=provisions,
                                      after_words=container.text.split()[-1],
                                      provenance=PROVENANCE)
            if isinstance(prev, (Provision, Omitted)) and prev.kind is kind and prev.num is not None:
                yield InsertProvision(target=target, provisions=provisions, after=prev.num,
                                      provenance=PROVENANCE)
            if isinstance(nxt, (Provision, Omitted)) and nxt.kind is kind and nxt.num is not None:
                yield InsertProvision(target=target, provisions=provisions, before=nxt.num,
                                      provenance=PROVENANCE)
            yield InsertProvision(target=target, provisions=provisions, provenance=PROVENANCE)

    # changing words --------------------------------------------------------------------

    def _edit_unit(self, unit: _Unit) -> None:
        """Word operations, one changed run at a time, until the unit's text is the target."""
        while True:
            node = self.cur.node_at(unit.path)
            current = unit.own(node)
            if current == unit.targets:
                return
            g = next(i for i, (x, y) in enumerate(zip(current, unit.targets, strict=True))
                     if x != y)
            before = sum(_dist(x, y) for x, y in zip(current, unit.targets, strict=True))
            segs = unit.segments(node)
            k = unit.seg_index(node, segs, g)
            for op in self._word_options(unit, segs, k, current[g], unit.targets[g]):
                if self._try_words(op, unit, node, current, before):
                    break
            else:
                self._unit_fallback(unit)
                return

    def _try_words(self, op: Operation, unit: _Unit, node: Node, current: list[str],
                   before: int) -> bool:
        """Accept ``op`` if it changes only the unit's text and every change is one it needs.

        "Needed" means the text after ``op`` lies on a shortest word-level edit
        path from the current text to the target, so no operation undoes or
        redoes what another did, and each accepted one brings the text closer.
        """
        result = self._attempt(op)
        if result is None:
            return False
        new = result.act.node_at(unit.path)
        if not unit.frame_equal(node, new):
            return False
        after = unit.own(new)
        done = sum(_dist(x, y) for x, y in zip(current, after, strict=True))
        left = sum(_dist(x, y) for x, y in zip(after, unit.targets, strict=True))
        if done == 0 or done + left != before:
            return False
        self.ops.append(op)
        self.cur = result.act
        return True

    def _word_options(self, unit: _Unit, segs: list[Segment], k: int, s: str,
                      t: str) -> Iterator[Operation]:
        """Candidate word operations for the first change in ``s`` -> ``t``, most natural first."""
        target = unit.address(self.cur)
        e1 = _first_change(s, t)
        pre, suf = _common_prefix(s, e1), _common_suffix(s, e1)
        region_old = s[pre:len(s) - min(suf, len(s) - pre, len(e1) - pre)]
        region_new = e1[pre:len(e1) - min(suf, len(s) - pre, len(e1) - pre)]
        insertion = not region_old.strip() and bool(region_new.strip())
        substitution = bool(region_old.strip()) and bool(region_new.strip())
        if insertion:
            yield from self._insert_word_options(target, segs, k, s, e1, pre, suf)
        yield from self._quote_options(target, segs, s, t, e1, pre, suf, articles=substitution)

    def _insert_word_options(self, target: Address, segs: list[Segment], k: int, s: str,
                             e1: str, pre: int, suf: int) -> Iterator[Operation]:
        spots = _insertion_spots(s, e1, pre, suf)
        end = content_end(s)
        if k == len(segs) - 1:
            for spot in spots:
                if spot.left_end <= end <= spot.right_start:
                    yield InsertWords(target=target, words=spot.words, position=Position.AT_END,
                                      provenance=PROVENANCE)
                    break
        if k == 0:
            for spot in spots:
                if spot.left_end == 0:
                    yield InsertWords(target=target, words=spot.words,
                                      position=Position.AT_BEGINNING, provenance=PROVENANCE)
                    break
        for spot in spots:
            for anchor, occurrence in _anchors(segs, s[:spot.left_end], after=True):
                yield InsertWords(target=target, words=spot.words, position=Position.AFTER,
                                  anchor=anchor, occurrence=occurrence, provenance=PROVENANCE)
        for spot in spots:
            for anchor, occurrence in _anchors(segs, s[spot.right_start:], after=False):
                yield InsertWords(target=target, words=spot.words, position=Position.BEFORE,
                                  anchor=anchor, occurrence=occurrence, provenance=PROVENANCE)

    def _quote_options(self, target: Address, segs: list[Segment], s: str, t: str, e1: str,
                       pre: int, suf: int, articles: bool) -> Iterator[Operation]:
        """Quote the changed words, then more and more of their neighbours, until unique.

        A change that only removes words is first offered as an omission of
        exactly those words (:func:`_omission_windows`); quoting neighbours
        too makes it a substitution.
        """
        offered: set[tuple[str, Occurrence]] = set()
        for qs, qe in _omission_windows(s, e1):
            quote = s[qs:qe]
            count = _count(segs, quote)
            if count:
                occurrence = _occurrence(count)
                offered.add((quote, occurrence))
                yield OmitWords(target=target, old=Words(quote), occurrence=occurrence,
                                provenance=PROVENANCE)
        extra = len(e1) - len(s)
        toks = _solid(s)
        starts = [tok for tok in reversed(toks) if tok.start <= pre]
        ends = [tok for tok in toks if tok.end >= len(s) - suf]
        order: list[tuple[int, int]] = []
        if articles and len(starts) > 1 and starts[1].text.lower() in _ARTICLES \
                and s[starts[1].end:starts[0].start] == " ":
            order.append((1, 0))  # "for “a director of …”": quote the article with its noun
        for total in range(len(starts) + len(ends) - 1):
            for left in range(min(total, len(starts) - 1), -1, -1):
                if total - left < len(ends) and (left, total - left) not in order:
                    order.append((left, total - left))
        for left, right in order:
            qs, qe = starts[left].start, ends[right].end
            if qs >= qe or qe + extra < qs:
                continue
            quote, new = s[qs:qe], e1[qs:qe + extra]
            count = _count(segs, quote)
            if count == 0:
                continue
            occurrence = _occurrence(count)
            if not new.strip():
                if (quote, occurrence) in offered:
                    continue
                yield OmitWords(target=target, old=Words(quote), occurrence=occurrence,
                                provenance=PROVENANCE)
            elif new == " ".join(new.split()):
                yield SubstituteWords(target=target, old=Words(quote), new=new,
                                      occurrence=occurrence, provenance=PROVENANCE)
        if s.strip() and t.strip() and _count(segs, s) == 1:  # the whole text, in one go
            yield SubstituteWords(target=target, old=Words(s), new=t, provenance=PROVENANCE)

    def _unit_fallback(self, unit: _Unit) -> None:
        """No quotation works: substitute the provision (or edit the cells) with the new words."""
        node = self.cur.node_at(unit.path)
        if isinstance(unit, _ProvisionUnit):
            assert isinstance(node, Provision)
            values = dict(zip(unit.fields, unit.targets, strict=True))
            new = node.evolve(text=values.get("text", node.text),
                               wrap_up=values.get("wrap_up", node.wrap_up))
            self._replace_whole(unit.path, node, new)
            return
        assert isinstance(unit, _RowUnit) and isinstance(node, Table)
        for column, text in enumerate(unit.targets, start=1):
            table = self.cur.node_at(unit.path)
            assert isinstance(table, Table)
            row = table.rows[unit.row]
            if row.cells[column - 1] == text:
                continue
            cells = (*row.cells[:column - 1], text, *row.cells[column:])
            rows = (*table.rows[:unit.row], Row(cells, row.header), *table.rows[unit.row + 1:])
            expected = self._expect(unit.path[:-1], unit.path[-1], unit.path[-1] + 1, (Table(rows),))
            if text.strip() and self._emit_expecting(
                    EditCell(target=unit.address(self.cur), column=column, new=text,
                             provenance=PROVENANCE), expected):
                continue
            holder = self.cur.node_at(unit.holder)
            assert isinstance(holder, Provision)
            index = unit.path[-1]
            kids = holder.children
            self._replace_whole(unit.holder, holder,
                                holder.with_children((*kids[:index], Table(rows), *kids[index + 1:])))


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted indices as [start, end) ranges."""
    out: list[tuple[int, int]] = []
    for i in indices:
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _anchors(segs: Sequence[Segment], side: str, after: bool) -> Iterator[tuple[str, Occurrence]]:
    """Anchor words next to an insertion, at least two words, lengthened until unique.

    ``side`` is the text before the insertion (``after=True``) or after it.
    A quotation that occurs in several places is offered with "in both
    places" / "in each place" first (the caller checks that every place takes
    the same words).  When the words before the anchor are "X of", the
    anchor takes them in too, as a drafter quotes "director of social
    services" rather than "social services".
    """
    toks = _solid(side)
    if not toks:
        return
    words = [i for i, tok in enumerate(toks) if tok.word]
    if not words:
        quotes = [side[toks[0].start:toks[-1].end]]
    elif after:
        limit = toks[-1].end
        quotes = [side[toks[words[-n]].start:limit] for n in range(min(2, len(words)), len(words) + 1)]
    else:
        quotes = [side[:toks[words[n - 1]].end] for n in range(min(2, len(words)), len(words) + 1)]
    for n, quote in enumerate(quotes):
        count = _count(segs, quote)
        if count == 0:
            continue
        if count > 1:
            yield quote, Occurrence("both" if count == 2 else "each")
            continue
        if after and words:
            taken = min(2, len(words)) + n
            if taken + 2 <= len(words):
                of = toks[words[-taken - 1]]
                first = words[-taken]
                if of.text.lower() == "of" and words[-taken - 1] == first - 1:
                    yield side[toks[words[-taken - 2]].start:toks[-1].end], Occurrence()
        yield quote, Occurrence()
        return
