"""Differences between two texts of an Act, for people: unified and word-level.

The word runs come from :func:`lawdiff.worddiff.word_changes`.
"""

from __future__ import annotations

import difflib

from lawdiff.worddiff import TOKEN_RE, word_changes


def unified_diff(before: str, after: str, before_name: str, after_name: str) -> str:
    """A unified diff of two plain texts (three lines of context)."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=before_name, tofile=after_name)
    return "".join(lines)


def _slide_left(runs: list[tuple[bool, str, str]]) -> list[tuple[bool, str, str]]:
    """Pure insertions and deletions moved as far left as the text allows.

    In repeated text an insertion can be shown in several places:
    "Appointment of director of {+adult social services or director of+} social
    services" and "Appointment of {+director of adult social services or+}
    director of social services" are the same change.  A reader (and the
    drafter, who inserts after "Appointment of") expects the leftmost.
    """
    out = list(runs)
    for i in range(1, len(out)):
        changed, old, new = out[i]
        before_changed, equal, _ = out[i - 1]
        if not changed or before_changed or (old and new):
            continue
        moved = TOKEN_RE.findall(old or new)
        kept = TOKEN_RE.findall(equal)
        shift = 0
        while shift < len(kept) and shift < len(moved) and kept[-1 - shift] == moved[-1 - shift]:
            shift += 1
        if not shift:
            continue
        tail = "".join(moved[len(moved) - shift:])
        body = "".join(kept[len(kept) - shift:]) + "".join(moved[:len(moved) - shift])
        head = "".join(kept[:len(kept) - shift])
        out[i - 1] = (False, head, head)
        out[i] = (True, body if old else "", body if new else "")
        if i + 1 < len(out) and not out[i + 1][0]:
            following = tail + out[i + 1][1]
            out[i + 1] = (False, following, following)
        else:
            out.insert(i + 1, (False, tail, tail))
    return out


def word_diff_line(before: str, after: str) -> str:
    """One line with deletions as ``[-words-]`` and insertions as ``{+words+}``.

    A pure insertion or deletion is shown at its leftmost place (see :func:`_slide_left`).
    """
    out = []
    for changed, old, new in _slide_left(word_changes(before, after)):
        if not changed:
            out.append(old)
            continue
        core_old, core_new = old.strip(), new.strip()
        edge = old if core_old else new
        out.append(edge[: len(edge) - len(edge.lstrip())])
        if core_old:
            out.append(f"[-{core_old}-]")
        if core_new:
            out.append(f"{{+{core_new}+}}")
        out.append(edge[len(edge.rstrip()):])
    return "".join(out)


def _number(line: str) -> str:
    return line.split(" ", 1)[0]


def word_diff(before: str, after: str) -> str:
    """Changed lines only, each marked word by word; whole new or removed lines marked entire.

    Lines are matched first (as in a unified diff); inside a changed block a
    new line is paired with the old line that has the same leading number
    ("(1)" with "(1)"), so an inserted "(A1)" shows as new rather than as a
    rewrite of "(1)".  Returns "" when the texts are equal.
    """
    a, b = before.splitlines(), after.splitlines()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        used = [False] * len(olds)
        for new in news:
            match = next((k for k, old in enumerate(olds)
                          if not used[k] and _number(old) == _number(new)), None)
            if match is None:
                out.append(f"{{+{new}+}}")
                continue
            out.extend(f"[-{olds[k]}-]" for k in range(match) if not used[k])
            for k in range(match):
                used[k] = True
            used[match] = True
            out.append(word_diff_line(olds[match], new))
        out.extend(f"[-{old}-]" for k, old in enumerate(olds) if not used[k])
    return "\n".join(out) + ("\n" if out else "")
