"""Word-level differences of two texts: the runs that changed and the runs that did not.

Shared by the diff planner (:mod:`lawdiff.diff`), the redline
(:mod:`lawdiff.render.redline`) and the word diff for people
(:mod:`lawdiff.render.diff`).

Texts are compared as tokens: words, single punctuation marks and runs of
white space.  The matching is :class:`difflib.SequenceMatcher`'s whenever that
is cheap.  For two long texts it is not: its cost grows with the square of
the number of times the commonest tokens (the spaces between words, "the",
"of") occur.  Then the texts are first cut at tokens that occur exactly once
in each, in the same order (as patience diff does), and at a common start and
end, and each piece between those cuts is matched on its own, in the same
way, so the time stays about linear in the length of the texts.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")
"""Words, single punctuation marks and runs of white space."""

COST_LIMIT = 250_000
"""Above this estimated cost (the sum, over each distinct token, of its count in
one text times its count in the other) a pair of token runs is cut before
matching; a provision of about 500 words reaches it."""

Block = tuple[int, int, int]
Opcode = tuple[str, int, int, int, int]


def tokens(text: str) -> list[str]:
    """The tokens of ``text``: words, single punctuation marks and runs of white space."""
    return TOKEN_RE.findall(text)


def _cost(a: Sequence[str], b: Sequence[str]) -> int:
    counts = Counter(b)
    return sum(n * counts.get(token, 0) for token, n in Counter(a).items())


def _matcher_blocks(a: Sequence[str], b: Sequence[str], alo: int, blo: int) -> list[Block]:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [(alo + i, blo + j, n) for i, j, n in matcher.get_matching_blocks() if n]


def longest_ascending(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (ascending in their first item) ascending in the second too.

    Among runs as long, the one whose last item comes earliest on the second
    side (patience sorting, in time n log n).
    """
    tails: list[int] = []  # the smallest second item ending an ascending run of each length
    tail_at: list[int] = []
    back: list[int] = []
    for k, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[length] = j
            tail_at[length] = k
        back.append(tail_at[length - 1] if length else -1)
    out: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def matching_blocks(a: Sequence[str], b: Sequence[str], cost_limit: int = COST_LIMIT
                    ) -> list[Block]:
    """Matching runs ``(i, j, n)`` (``a[i:i+n] == b[j:j+n]``), ascending in both, none touching.

    :class:`difflib.SequenceMatcher`'s blocks when matching the whole is cheap
    (its estimated cost is at most ``cost_limit``, :data:`COST_LIMIT` unless
    given); otherwise the texts are cut at a common start and end and at
    tokens that occur once in each (the longest run of those in the same
    order), and each piece between is matched the same way.
    """
    blocks: list[Block] = []
    # Work in the order it is to be done, last first: a range still to match,
    # (True, alo, ahi, blo, bhi), or a block found, (False, i, j, n, 0).
    work: list[tuple[bool, int, int, int, int]] = [(True, 0, len(a), 0, len(b))]
    while work:
        is_range, alo, ahi, blo, bhi = work.pop()
        if not is_range:
            blocks.append((alo, ahi, blo))
            continue
        if alo >= ahi or blo >= bhi:
            continue
        sa, sb = a[alo:ahi], b[blo:bhi]
        if _cost(sa, sb) <= cost_limit:
            blocks.extend(_matcher_blocks(sa, sb, alo, blo))
            continue
        head = 0
        while head < len(sa) and head < len(sb) and sa[head] == sb[head]:
            head += 1
        tail = 0
        while (tail < len(sa) - head and tail < len(sb) - head
               and sa[len(sa) - 1 - tail] == sb[len(sb) - 1 - tail]):
            tail += 1
        if head or tail:
            if tail:
                work.append((False, ahi - tail, bhi - tail, tail, 0))
            work.append((True, alo + head, ahi - tail, blo + head, bhi - tail))
            if head:
                work.append((False, alo, blo, head, 0))
            continue
        count_a, count_b = Counter(sa), Counter(sb)
        where_b = {token: j for j, token in enumerate(sb) if count_b[token] == 1}
        pairs = [(i, where_b[token]) for i, token in enumerate(sa)
                 if count_a[token] == 1 and token in where_b]
        anchors = longest_ascending(pairs)
        if not anchors:  # nothing to cut at: match the whole, however long it takes
            blocks.extend(_matcher_blocks(sa, sb, alo, blo))
            continue
        pieces: list[tuple[bool, int, int, int, int]] = []
        i0, j0 = alo, blo
        for i, j in anchors:
            pieces.append((True, i0, alo + i, j0, blo + j))
            pieces.append((False, alo + i, blo + j, 1, 0))
            i0, j0 = alo + i + 1, blo + j + 1
        pieces.append((True, i0, ahi, j0, bhi))
        work.extend(reversed(pieces))
    merged: list[Block] = []
    for i, j, n in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            mi, mj, mn = merged[-1]
            merged[-1] = (mi, mj, mn + n)
        else:
            merged.append((i, j, n))
    return merged


def opcodes(a: Sequence[str], b: Sequence[str], cost_limit: int = COST_LIMIT) -> list[Opcode]:
    """``(tag, i1, i2, j1, j2)`` turning ``a`` into ``b``, as
    :meth:`difflib.SequenceMatcher.get_opcodes` gives them, from :func:`matching_blocks`."""
    out: list[Opcode] = []
    i = j = 0
    for ai, bj, size in [*matching_blocks(a, b, cost_limit), (len(a), len(b), 0)]:
        tag = ("replace" if i < ai and j < bj else "delete" if i < ai
               else "insert" if j < bj else "")
        if tag:
            out.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            out.append(("equal", ai, i, bj, j))
    return out


def word_changes(before: str, after: str) -> list[tuple[bool, str, str]]:
    """The two texts as runs of (changed, old, new), word by word.

    Tokens are words, single punctuation marks and white space; a change
    separated from the next one only by white space is merged with it, so
    "a director of social services" -> "a person under this section" is one
    change, not four.  The old runs joined give ``before``, the new ones
    ``after``.
    """
    a = tokens(before)
    b = tokens(after)
    runs: list[tuple[bool, str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        runs.append((tag != "equal", "".join(a[i1:i2]), "".join(b[j1:j2])))
    merged: list[tuple[bool, list[str], list[str]]] = []
    for i, (changed, old, new) in enumerate(runs):
        bridge = (not changed and not old.strip() and 0 < i < len(runs) - 1
                  and runs[i - 1][0] and runs[i + 1][0])
        if (changed or bridge) and merged and merged[-1][0]:
            merged[-1][1].append(old)
            merged[-1][2].append(new)
        else:
            merged.append((changed or bridge, [old], [new]))
    return [(changed, "".join(old), "".join(new)) for changed, old, new in merged]
