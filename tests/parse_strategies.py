"""Hypothesis strategies that build amending instructions from the grammar, with the
machine reading each must give.

:func:`instructions` draws one instruction as a drafter might write it -- a
run of locating phrases ("In section 6 (heading), in subsection (2),"), then
one change in one of the grammar's forms (insert before or after words, at
the beginning or end, substitute words or a range, omit words, a list of
words or provisions, the passive and older forms, whole provisions) with its
occurrence qualifier where one may stand, in curly or straight quotation
marks and with any white space -- together with the ops the parser must
return for it, written here from the form's rules, not by the parser.

The words quoted are drawn so that they cannot be read as anything but words
(the grammar never looks inside a quotation anyway).
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import strategies as st

#: Words inside curly quotation marks: any text without quotation marks.
CURLY_WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Co", "Cc"),
                                             blacklist_characters="“”\"\u2028\u2029\x85"),
                      min_size=1, max_size=30).filter(lambda s: s.strip() != "")
#: Words inside straight quotation marks: letters and the punctuation statutes quote.
STRAIGHT_WORDS = st.from_regex(r"[A-Za-z][A-Za-z0-9 ,.;()£'’—-]{0,25}[A-Za-z0-9.)]",
                               fullmatch=True)

@attrs.frozen
class Locator:
    """Locating phrases, the ``target`` and ``act`` the machine reading gives for them, and
    the ``address`` they name (None when none is named)."""

    text: str
    target: str | None = None
    address: str | None = None
    act: str | None = None


LOCATORS: list[Locator] = [
    Locator(""),
    Locator("In section 6, ", "section 6", "s. 6"),
    Locator("in subsection (2), ", "subsection (2)", "(2)"),
    Locator("In section 6 (director of social services), in subsection (2), ", "subsection (2)",
            "s. 6(2)"),
    Locator("In section 12(3)(b), ", "section 12(3)(b)", "s. 12(3)(b)"),
    Locator("In paragraph 4(2)(b) of Schedule 1, ", "paragraph 4(2)(b) of Schedule 1",
            "Sch. 1 para. 4(2)(b)"),
    Locator("In Schedule 2, in paragraph 3, ", "paragraph 3", "Sch. 2 para. 3"),
    Locator("In section 12 of the Finance Act 1990 (heading), ", "section 12", "s. 12",
            "Finance Act 1990"),
    Locator("In the Children Act 1989, in section 17(10), ", "section 17(10)", "s. 17(10)",
            "Children Act 1989"),
    Locator("In regulation 4(2), ", "regulation 4(2)", "reg. 4(2)"),
    Locator("In article 7, in paragraph (1), ", "paragraph (1)", "art. 7(1)"),
    Locator("In rule 3, ", "rule 3", "r. 3"),
]

#: (qualifier text, version-1 occurrence, version-2 places) for a qualifier after the
#: quoted words.
OCCURRENCES: list[tuple[str, Any, Any]] = [
    ("", None, None),
    (", in both places,", "all", "both"),
    (" in both places", "all", "both"),
    (" (in both places)", "all", "both"),
    (", in each place,", "all", "each"),
    (" wherever occurring", "all", "each"),
    (" (wherever it occurs)", "all", "each"),
    (", in each place where it occurs,", "all", "each"),
    (", where it first occurs,", "first", [1]),
    (" where it first appears", "first", [1]),
    (" in the second place where it occurs", "second", [2]),
    (", in the third place,", "third", [3]),
    (", where it last occurs,", "last", "last"),
    (" in the first and third places", [1, 3], [1, 3]),
    (" (in the fourth place where it occurs)", [4], [4]),
    (", on each occasion on which it occurs,", "all", "each"),
    (" (in each case)", "all", "each"),
    (", in each of the places where it occurs,", "all", "each"),
    (", in the first two places where it occurs,", [1, 2], [1, 2]),
    (", where it occurs for the last time,", "last", "last"),
]
#: Qualifiers said before the words, as a locating phrase ("in each place where it occurs,
#: for “X” …"), and qualifiers attached to the words ("the second “X”").
OCCURRENCES_BEFORE: list[tuple[str, Any, Any]] = [
    ("in each place where it occurs, ", "all", "each"),
    ("wherever occurring, ", "all", "each"),
    ("in both places, ", "all", "both"),
    ("in the second place where it occurs, ", "second", [2]),
    ("on each occasion, ", "all", "each"),
]
OCCURRENCES_ATTACHED: list[tuple[str, Any, Any]] = [
    ("the second ", "second", [2]),
    ("the last ", "last", "last"),
    ("the first occurrence of ", "first", [1]),
    ("every reference to ", "all", "each"),
    ("each occurrence of ", "all", "each"),
]

ENDINGS = ["", ";", ".", "; and", ", and", "; or"]
#: The words of a quoted provision: a sentence that cannot be read as a list.
PROVISION_WORDS = st.from_regex(r"[A-Z][a-z]{1,8}(?: [a-z]{1,8}){0,4}\.", fullmatch=True)


def op(action: str, **fields: Any) -> dict[str, Any]:
    """A machine-reading op (version 2) with every key not given at its default."""
    out: dict[str, Any] = {"action": action, "position": None, "anchor": None, "old": None,
                           "new": None, "occurrence": None, "target": None, "range": False,
                           "places": None, "range_end": None, "words_part": None,
                           "as_inserted_by": None, "act": None}
    out.update(fields)
    return out


@attrs.frozen
class Drawn:
    """An instruction drawn from the grammar: its ``text``, the ``ops`` it must read as,
    and the ``address`` of its target in lawdiff's citation syntax (None when no
    provision is named)."""

    text: str
    ops: list[dict[str, Any]]
    address: str | None
    form: str


def _collapse(words: str) -> str:
    return " ".join(words.split())


@st.composite
def instructions(draw: st.DrawFn, forms: tuple[str, ...] | None = None) -> Drawn:
    """One instruction in one of the grammar's forms (all of them unless ``forms``)."""
    curly = draw(st.booleans())
    words = CURLY_WORDS if curly else STRAIGHT_WORDS

    def q(w: str) -> str:
        return f"“{w}”" if curly else f'"{w}"'

    a, b = draw(words), draw(words)
    ca, cb = _collapse(a), _collapse(b)
    locator = draw(st.sampled_from(LOCATORS))
    prefix, target, address = locator.text, locator.target, locator.address
    occ_text, occ, places = draw(st.sampled_from(OCCURRENCES))
    form = draw(st.sampled_from(forms or FORMS))
    # Where a qualifier of the first quoted words stands: after them, before the change
    # ("in both places, for “X” …") or attached to them ("the second “X”").
    attached = ""
    if form in ("after", "before", "for", "omit") and occ_text:
        style = draw(st.sampled_from(["after", "after", "before", "attached"]))
        if style == "before":
            occ_text, occ, places = draw(st.sampled_from(OCCURRENCES_BEFORE))
            prefix, occ_text = prefix + occ_text, ""
        elif style == "attached":
            attached, occ, places = draw(st.sampled_from(OCCURRENCES_ATTACHED))
            occ_text = ""
    ops: list[dict[str, Any]]
    if form in ("after", "before"):
        where = draw(st.sampled_from(["anchor", "new"]))
        if where == "anchor":
            body = f"{form} {attached}{q(a)}{occ_text} insert {q(b)}"
        else:
            body = f"{form} {attached}{q(a)} insert {q(b)}{occ_text.rstrip(',')}"
        ops = [op("insert", position=form, anchor=ca, new=cb, occurrence=occ, places=places)]
    elif form == "after-the-words":
        body = f"after the words {q(a)}{occ_text} there shall be inserted the words {q(b)}"
        ops = [op("insert", position="after", anchor=ca, new=cb, occurrence=occ, places=places)]
    elif form == "at_end":
        end = draw(st.sampled_from(["end", "beginning"]))
        verb = draw(st.sampled_from(["insert", "there shall be inserted", "add"]))
        if verb == "add" and end == "beginning":
            verb = "insert"
        body = f"at the {end} {verb} {q(b)}"
        ops = [op("insert", position="at_end" if end == "end" else "at_beginning", new=cb)]
    elif form == "for":
        verb = draw(st.sampled_from(["substitute", "there shall be substituted",
                                     "there is substituted"]))
        body = f"for {attached}{q(a)}{occ_text} {verb} {q(b)}"
        ops = [op("substitute", old=ca, new=cb, occurrence=occ, places=places)]
    elif form == "for-the-words":
        body = f"for the words {q(a)}{occ_text} there shall be substituted the words {q(b)}"
        ops = [op("substitute", old=ca, new=cb, occurrence=occ, places=places)]
    elif form == "passive-substitute":
        body = f"the words {q(b)} shall be substituted for the words {q(a)}{occ_text}"
        ops = [op("substitute", old=ca, new=cb, occurrence=occ, places=places)]
    elif form == "omit":
        body = f"omit {attached}{q(a)}{occ_text}"
        ops = [op("omit", old=ca, occurrence=occ, places=places)]
    elif form == "omit-list":
        body = f"omit {q(a)} and {q(b)}"
        ops = [op("omit", old=ca), op("omit", old=cb)]
    elif form == "passive-omit":
        verb = draw(st.sampled_from(["shall be omitted", "are omitted", "shall cease to have "
                                     "effect", "are repealed"]))
        body = f"the words {q(a)}{occ_text} {verb}"
        ops = [op("omit", old=ca, occurrence=occ, places=places)]
    elif form == "range":
        end = draw(st.sampled_from(["to", "to the end", "onwards"]))
        verb = draw(st.sampled_from(["substitute", "omit"]))
        if end == "to":
            words_text, old = f"the words from {q(a)} to {q(b)}", f"{ca} … {cb}"
        elif end == "to the end":
            words_text, old = f"the words from {q(a)} to the end", f"{ca} …"
        else:
            words_text, old = f"the words from {q(a)} onwards", f"{ca} …"
        if verb == "omit":
            body = f"omit {words_text}"
            ops = [op("omit", old=old, range=True)]
        else:
            body = f"for {words_text} substitute {q(b)}"
            ops = [op("substitute", old=old, new=cb, range=True)]
    elif form == "provision":
        which = draw(st.sampled_from(["omit", "substitute", "insert", "repealed"]))
        num = draw(st.sampled_from(["3", "4A", "10"]))
        a = draw(PROVISION_WORDS)
        locator = Locator("In section 6, ", "section 6", f"s. 6({num})")
        prefix, target, address = locator.text, locator.target, locator.address
        if which == "omit":
            body = f"omit subsection ({num})"
            ops = [op("omit", target=f"subsection ({num})")]
        elif which == "repealed":
            body = f"subsection ({num}) is repealed"
            ops = [op("omit", target=f"subsection ({num})")]
        elif which == "substitute":
            body = f"for subsection ({num}) substitute— {q(f'({num}) {a}')}"
            ops = [op("substitute", new=_collapse(f"({num}) {a}"), target=f"subsection ({num})")]
        else:
            body = f"after subsection ({num}) insert— {q(f'({num}A) {a}')}"
            ops = [op("insert", position="after", new=_collapse(f"({num}A) {a}"),
                      target=f"subsection ({num})")]
    elif form == "leave-out":
        if draw(st.booleans()):
            body = f"leave out {q(a)}{occ_text} and insert {q(b)}"
            ops = [op("substitute", old=ca, new=cb, occurrence=occ, places=places)]
        else:
            body = f"leave out {q(a)}{occ_text}"
            ops = [op("omit", old=ca, occurrence=occ, places=places)]
    elif form == "passive-insert":
        where = draw(st.sampled_from(["after", "before", "immediately after"]))
        verb = draw(st.sampled_from(["is inserted", "shall be inserted", "are inserted"]))
        body = f"the words {q(b)} {verb} {where} {q(a)}{occ_text}"
        ops = [op("insert", position=where.split()[-1], anchor=ca, new=cb, occurrence=occ,
                  places=places)]
    elif form == "insert-then-place":
        where = draw(st.sampled_from(["after", "before", "immediately after"]))
        body = f"insert {q(b)} {where} {q(a)}{occ_text}"
        ops = [op("insert", position=where.split()[-1], anchor=ca, new=cb, occurrence=occ,
                  places=places)]
    elif form == "end-words":
        end = draw(st.sampled_from(["end", "beginning"]))
        which = draw(st.sampled_from(["(a)", "(b)(ii)"]))
        verb = draw(st.sampled_from(["omit", "insert"]))
        position = "at_end" if end == "end" else "at_beginning"
        if verb == "omit":
            body = f"at the {end} of paragraph {which} omit {q(a)}"
            ops = [op("omit", position=position, old=ca, target=f"paragraph {which}")]
        else:
            body = f"insert {q(b)} at the {end} of paragraph {which}"
            ops = [op("insert", position=position, new=cb, target=f"paragraph {which}")]
    elif form == "respectively":
        c = draw(words)
        body = f"for {q(a)} and {q(c)} substitute {q(b)} and {q(a)} respectively"
        ops = [op("substitute", old=ca, new=cb), op("substitute", old=_collapse(c), new=ca)]
    elif form == "renumber":
        old_num, new_num = draw(st.sampled_from([("3", "4"), ("2A", "3"), ("1", "1A")]))
        verb = draw(st.sampled_from(["is renumbered as", "becomes", "shall become"]))
        locator = Locator("In section 6, ", "section 6", f"s. 6({old_num})")
        prefix, address = locator.text, locator.address
        body = f"subsection ({old_num}) {verb} subsection ({new_num})"
        ops = [op("renumber", target=f"subsection ({old_num})", new=f"subsection ({new_num})")]
    else:  # pragma: no cover - FORMS lists every form
        raise AssertionError(form)
    for o in ops:
        if o["target"] is None:
            o["target"] = target
        o["act"] = locator.act
    space = draw(st.sampled_from([" ", " ", " ", "\n", "  "]))
    text = (prefix + body.rstrip(",")).replace(" ", space)
    return Drawn(text + draw(st.sampled_from(ENDINGS)), ops, address, form)


FORMS = ("after", "before", "after-the-words", "at_end", "for", "for-the-words",
         "passive-substitute", "omit", "omit-list", "passive-omit", "range", "provision",
         "leave-out", "passive-insert", "insert-then-place", "end-words", "respectively",
         "renumber")
