"""Word-level differences of two texts: the runs that changed and the runs that did not.

Shared by the diff planner (:mod:`lawdiff.diff`), the redline
(:mod:`lawdiff.render.redline`) and the word diff for people
(:mod:`lawdiff.render.diff`).  Texts are compared as tokens (words, single
punctuation marks and runs of white space) with
:class:`difflib.SequenceMatcher`.
"""

from __future__ import annotations

import difflib
import re

TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")
"""Words, single punctuation marks and runs of white space."""


def tokens(text: str) -> list[str]:
    """The tokens of ``text``: words, single punctuation marks and runs of white space."""
    return TOKEN_RE.findall(text)


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
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        runs.append((tag != "equal", "".join(a[i1:i2]), "".join(b[j1:j2])))
    merged: list[tuple[bool, str, str]] = []
    for i, run in enumerate(runs):
        changed, old, new = run
        bridge = (not changed and not old.strip() and 0 < i < len(runs) - 1
                  and runs[i - 1][0] and runs[i + 1][0])
        if (changed or bridge) and merged and merged[-1][0]:
            _, o, n = merged[-1]
            merged[-1] = (True, o + old, n + new)
        else:
            merged.append((changed or bridge, old, new))
    return merged
