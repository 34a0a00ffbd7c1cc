"""References to provisions ("section 12(3) of the X Act 1990 (heading)") and their addresses.

A reference is read from the skeleton as a *chain* of cores joined by "of" or
"to" ("paragraph 4(2)(b) of Schedule 1"), then optionally the enactment ("of
the Local Government and Housing Act 1989") and parenthetical headings
(:func:`skip_glosses`: a parenthesis that is an item number or holds a quoted
change is an error, never skipped).  Each core becomes address components; the components of a whole context
compose into a lawdiff citation ("s. 2(6)(a)", "Sch. 1 para. 4(2)(b)").
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from lawdiff.errors import InstructionParseError
from lawdiff.parse.quotes import Q_OPEN, QUOTE, Quote, collapse, curly

_I = re.IGNORECASE
DASH = "[\u2014\u2013\u2012\u2010\u2011\u2212]|-{1,2}"
# Numbers ("6", "1A", "A1"), retained EU law's "13a", roman numbers ("IV") and letters
# ("Part A", "Annex IC").
_SIMPLE_DESIG = (r"(?-i:\d+(?:[A-Z]{1,3}|[a-z]{1,2})?|[A-Z]{1,2}\d+[A-Z]{0,3}"
                 r"|(?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})|[A-Z]{1,2})(?![A-Za-z0-9])")
_BRACKETS = r"(?:\([A-Za-z0-9]{1,6}\))"
DESIG = f"(?:{_SIMPLE_DESIG}{_BRACKETS}*|{_BRACKETS}+)"
DESIG_LIST = f"{DESIG}(?:(?:\\s*,\\s*|\\s+(?:and|or|to)\\s+){DESIG})*"
_WORD = (r"(?P<word>sub-sub-paragraphs?|sub-?paragraphs?|sub-?sections?|sections?|paragraphs?"
         r"|schedules?|parts?|chapters?|regulations?|articles?|rules?|notes?|items?|points?"
         r"|annex(?:es)?|forms?|tables?|columns?)")
# Ordinals that name a passage by its place: "the second sentence", "the first unnumbered
# paragraph", "the fifth indent", "the last subparagraph".
_PLACE_ORDINAL = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
                  r"|last|final|penultimate|single|only)")
# The ordinals of a list of passages: "the first and second subparagraphs", "the fourth and
# fifth indents".
_LIST_ORDINAL = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
                 r"|last|penultimate)")
_LIST_ORDINAL_SPLIT = re.compile(r"\s*,\s*(?:the\s+)?|\s+and\s+(?:the\s+)?", re.IGNORECASE)
# Unquoted names of table entries and notes run to the next verb or punctuation.
# Each character is read once: a run of white space is taken whole, then must not be
# followed by a verb; a full stop must not end a sentence.
_UNQUOTED = (r"(?:[^\s.,;:\u2014\u2013\ue001\ue002(]++|\.(?!\s|$)"
             r"|\s++(?!(?:insert|substitute|omit|there|add|is|are|shall|and\s+the)\b))+")
_CORE = re.compile(
    # "Regulation (EU) No 648/2012" is an instrument (see ACT), not regulation "(EU)".
    r"(?!(?-i:Regulations?|Decisions?)\s+\((?-i:EU|EC|EEC|Euratom)\))"
    f"{_WORD}\\s+(?P<desig>{DESIG_LIST})"
    f"|(?P<sole>(?:the\\s+)?(?-i:[Ss]chedule|[Tt]able)|the\\s+(?-i:Annex))(?![\\w-])"
    f"(?!\\s+{_SIMPLE_DESIG})"
    f"|(?P<entry>the\\s+(?:entry|entries)\\s+(?:for|relating\\s+to|in\\s+respect\\s+of)\\s+)"
    f"(?:(?P<entry_q>{QUOTE})|(?P<entry_u>{_UNQUOTED}))"
    f"|(?P<entrybeg>the\\s+entry\\s+(?:beginning|starting|which\\s+begins)(?:\\s+with)?\\s+)"
    f"(?P<entrybeg_q>{QUOTE})"
    f"|(?P<defn>the\\s+definitions?\\s+of\\s+)(?P<defn_q>{QUOTE}(?:\\s*(?:,|and)\\s*{QUOTE})*)"
    f"|(?P<ordentry>the\\s+(?:first|final|last)\\s+entry)"
    f"|(?P<passages>the\\s+(?P<pl_ords>{_LIST_ORDINAL}(?:\\s*,\\s*(?:the\\s+)?{_LIST_ORDINAL})*"
    f"\\s+and\\s+(?:the\\s+)?{_LIST_ORDINAL})\\s+(?P<pl_un>unnumbered\\s+)?"
    f"(?P<pl_noun>sub-?paragraphs?|paragraphs?|sentences?|indents?)(?![\\w-])(?!\\s*+\\())"
    f"|(?P<passage>the\\s+(?:{_PLACE_ORDINAL}\\s+(?:unnumbered\\s+)?|unnumbered\\s+)"
    f"(?:sub-?paragraphs?|paragraphs?|sentences?|indents?)(?![\\w-])(?!\\s*+\\())"
    f"|(?P<note>the\\s+notes?\\s+(?:about|relating\\s+to|on)\\s+{_UNQUOTED})"
    f"|(?P<xhead>the\\s+(?:italic\\s+)?(?:cross-?heading|heading)\\s+"
    f"(?:before|preceding|above|after|to|of)\\s+{_WORD.replace('?P<word>', '?:')}\\s+{DESIG})"
    f"|(?P<title>the\\s+(?:italic\\s+)?(?:cross-?heading|heading|sidenote"
    f"|(?:long\\s+|short\\s+)?title))(?![\\w-])",
    _I)
_CHAIN = re.compile(r"\s+(?:of|to)\s+(?:the\s+)?(?=\w)", _I)
_LOCATOR_CHAIN = re.compile(r"\s+(?:in|at\s+the\s+end\s+of)\s+(?:the\s+)?(?=\w)", _I)
# An instrument named after its Act keeps the Act's name and year inside its own: "the
# Financial Services and Markets Act 2000 (Regulated Activities) (Amendment) Order 2003".
_ACT_NAME = (r"(?-i:[A-Z][\w\u2019'.,&()\-]*(?:\s+[\w\u2019'.,&()\-]+)*?\s+"
             r"(?:Act|Measure|Order|Regulations|Regulation|Rules)(?:\s+\((?:Northern\s+Ireland|Scotland"
             r"|Wales)\))?\s+\d{4}"
             r"(?:(?:\s++\([^()]*+\))++\s++(?:Order|Regulations|Rules|Scheme)"
             r"(?:\s+\((?:Northern\s+Ireland|Scotland|Wales)\))?\s+\d{4})?)")
_KINDS = r"(?:Act|Measure|Order|Regulations|Rules|Scheme)"
# A short title without a year, as instruments name the enactments they amend ("the
# Decisions and Appeals Regulations", "the Contributions and Benefits Act"): capitalised
# words (and the small words between them), at most eight, then the kind.
_SHORT_NAME = (r"(?-i:[A-Z][\w\u2019'\-]*(?:\s+(?:[A-Z(][\w\u2019'.&()\-]*|and|of|for|the|on|in"
               rf"|to|etc\.)){{0,7}}?\s+{_KINDS})(?![\w\u2019'])(?!\s*\d)")
# Retained EU law named by its number ("Regulation (EU) No 648/2012", "Commission Delegated
# Regulation (EU) 2017/565"), which is its name; the long title that may follow it ("of the
# European Parliament and of the Council of 4 July 2012 on OTC derivatives, central
# counterparties and trade repositories") is read as a gloss and left out of the name.  The
# title stops before a parenthesis (read as a heading after it, or refused), a dash, "is
# amended" or "are revoked", or a comma and a change or a locator; a title holding a
# provision's name ("Article 5", "point", "paragraph" …) is not read, lest a locator after
# it be swallowed.
_EU_NAME = (r"(?-i:(?:(?:Commission|Council)\s+(?:(?:Delegated|Implementing)\s+)?)?"
            r"(?:Regulation|Decision)\s+\((?:EU|EC|EEC|Euratom)\)\s+(?:No\s+)?\d{1,4}/\d{1,4})"
            r"(?![\w/])")
_EU_TITLE = (r"(?P<eu_title>\s+(?-i:of\s+the\s+European\s+Parliament|of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"
             r"|on|laying\s+down|amending|establishing|supplementing|implementing|concerning"
             r"|repealing|setting|specifying|with\s+regard\s+to|as\s+regards)\b"
             rf"(?:\s+{_EU_NAME}|(?!(?-i:Article|Articles|Annex|Annexes|Schedule|Part|Title|Chapter|Section)\s"
             r"|(?-i:point|points|paragraph|paragraphs|subparagraph|section|indent)\s)"
             r"[^()\u2014\u2013\u201c\u201d\"\u2026]){0,600}?"
             r"(?=\s*+[(\u2014\u2013]|\s+(?:is|are|shall\s+be)\s+(?:amended|revoked|repealed)\b"
             r"|\s*+,\s*+(?:in|after|before|for|omit|insert|at|leave|substitute|renumber)\b"
             r"|\s*+[.;]?\s*+$))?")
ACT = re.compile(
    rf"(?P<eu>{_EU_NAME}){_EU_TITLE}|"
    rf"(?:the\s+)?(?P<act>(?:1[0-9]|20)\d{{2}}\s+(?-i:{_KINDS})"
    rf"|principal\s+{_KINDS}|(?-i:Act)\s+of\s+\d{{4}}"
    f"|{_ACT_NAME}"
    r"|(?-i:[A-Z](?:[A-Z]|\(No\.\s?\d+\))*A\s+\d{4})"
    rf"|{_SHORT_NAME}|(?-i:{_KINDS})(?![\w\u2019']))"
    rf"|(?P<that>(?:that|this|those|these)\s+(?:{_KINDS}|Instrument))(?!\w)",
    _I)
_OF_ACT = re.compile(r"\s+(?:of|to|in)\s+(?=\w)", _I)
HEADING = re.compile(r"\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)")
# A parenthesis that is an item number ("(b)", "(2A)", "(iv)"), not a heading.
_BARE_DESIG = re.compile(r"\s*\(\s*(?-i:\d{1,3}[A-Z]{0,3}|[A-Z]{1,2}\d{1,3}[A-Z]{0,2}|[a-z]{1,3}"
                         r"|(?=[ivxl])x{0,3}(?:ix|iv|v?i{0,3})|[A-Z]{1,2})\s*\)$")
# A qualifier naming where a provision or words came from: "(as inserted by section 3 of the
# Children Act 2004)"; the group is its words without the brackets.
AS_INSERTED = re.compile(r"\s*+\(\s*+(?P<q>(?:as\s+)?(?:inserted|substituted|added)\s+by\s"
                         r"(?:[^()]++|\((?:[^()]++|\([^()]*+\))*+\))*+)\)", re.IGNORECASE)
# ", as so numbered" (or "renumbered") after a reference, set off by commas: only a note.
_AS_SO_NUMBERED = re.compile(r"\s*+,\s*+as\s+so\s+(?:re-?)?numbered(?=\s*+,)", re.IGNORECASE)
# A parenthesis that begins with "and" (or "or", "but", "together with", "including",
# "excluding", "in the", "in each" …) goes on with the instruction, limits it or says
# where in the provision it applies: never a heading.
_AND_FIRST = re.compile(r"\s*\(\s*(?:(?:and|or|but|together\s+with|including|excluding)"
                        r"(?![\w-])|in\s+(?:the|each|both|every|all)\s)",
                        re.IGNORECASE)
# Words that make a change: a parenthesis holding one of them with a quotation is no heading.
_CHANGE_WORD = re.compile(r"\b(?:insert(?:ed|ing)?|add(?:ed|ing)?|substitut(?:e|ed|ing)"
                          r"|omit(?:s|ted|ting)?|repeal(?:s|ed|ing)?|cease[sd]?|leave\s+out"
                          r"|left\s+out|amend(?:s|ed|ing)?)\b", re.IGNORECASE)
# A parenthesis limiting how far a provision is affected: "(so far as extending to
# Scotland)", "(except subsection (3))".  Skipping it as a heading would widen the change.
_EXTENT = re.compile(r"\s*\(\s*(?:(?:in\s+)?so\s+far\s+as|insofar\s+as|except\b|excepting"
                     r"|other\s+than|save\s+(?:as|for|in|that)\b|to\s+the\s+extent"
                     r"|only\s+(?:so\s+far|as|in|for|to)\b|as\s+it\s+(?:has\s+effect|applies"
                     r"|extends|relates)|as\s+(?:applied|extended|modified)\b"
                     r"|in\s+(?:its|their)\s+application|where\s+it\s+(?:applies|extends)"
                     r"|for\s+the\s+purposes\s+of)", re.IGNORECASE)

_SECTION_LIKE = {"section": "s.", "regulation": "reg.", "article": "art.", "rule": "r."}
_RANK_BRACKET = {"num": 20, "alpha": 30, "roman": 40, "upper": 50}
_ROMAN_LOWER = re.compile(r"(?=[ivxl])x{0,3}(?:ix|iv|v?i{0,3})$")
_FIRST_DESIG = re.compile(r"([^()\s,]*)((?:\([A-Za-z0-9]+\))*)")
_BRACKET_RAW = re.compile(r"\(([A-Za-z0-9]+)\)")
_CHAIN_INITIALS = frozenset("oOtTiIaA")
_LIST_SPLIT = re.compile(r"(\s*,\s*|\s+(?:and|or|to)\s+)", re.IGNORECASE)


class Comp(NamedTuple):
    """One address component: ``kind`` is section, regulation, article, rule, schedule,
    part, chapter, sch_para, bracket, entry, entry_beginning, definition or locator."""

    kind: str
    value: str
    rank: int


class Ref(NamedTuple):
    """A reference as read.

    ``target`` is its text as written (for the machine ``target``);
    ``comps`` the address components of its first designation, outermost
    first; ``more`` the further designations of a list ("subsections (6)
    and (8)"), each with its joining word and its own components (relative
    to the first); ``word`` the singular word that named it ("paragraph");
    ``act`` the enactment named with it; ``start`` and ``end`` where it
    began and ended in the skeleton; ``own`` the components of the first
    designation alone, before the chain ("of Schedule 1") is composed in;
    ``cores`` the matches of the chain's cores, innermost (first written)
    first, and ``chain_end`` where the chain ends (before the enactment and
    any heading); ``inserted_by`` the words of an "(as inserted by …)"
    qualifier after it, without the brackets.
    """

    target: str
    comps: tuple[Comp, ...]
    more: tuple[tuple[str, tuple[Comp, ...]], ...]
    word: str | None
    act: str | None
    end: int
    act_named: bool = False
    start: int = 0
    own: tuple[Comp, ...] = ()
    cores: tuple[re.Match[str], ...] = ()
    chain_end: int = 0
    inserted_by: str | None = None
    #: For "paragraph (1) of that Article": the word after "that" ("article") and where
    #: "that Article" is, for the parser to resolve.
    of_that: tuple[str, int, int] | None = None


class Level(NamedTuple):
    """One level a reference names, for "that subsection": "subsection (1)(b)" names
    the subsection (1) and the paragraph (b) below it.

    ``word`` is the singular word for the level ("subsection"), or None when
    it cannot be told ("sub-paragraph (a)(i)": the second level); ``comps``
    are the reference's components down to this level (outermost first);
    ``single`` is False when the reference is a list whose items differ at
    or above this level ("subsections (1) and (2)"), so the level is no one
    provision.  ``core`` (the core's index in :attr:`Ref.cores`) and ``keep``
    (how many of its first designation's components) say where the level
    is written, for :func:`level_target`.
    """

    word: str | None
    comps: tuple[Comp, ...]
    single: bool
    core: int
    keep: int


def _bracket_comps(brackets: str, word: str) -> list[Comp]:
    out: list[Comp] = []
    for raw in _BRACKET_RAW.findall(brackets):
        out.append(_bracket_comp(raw, word if not out else ""))
    return out


def _bracket_comp(raw: str, word: str) -> Comp:
    if raw[0].isdigit() or (raw[0].isupper() and any(c.isdigit() for c in raw)):
        kind = "num"
    elif raw[0].isupper():
        kind = "upper"
    elif _ROMAN_LOWER.match(raw) and (len(raw) > 1 or word.startswith("sub")):
        kind = "roman"
    else:
        kind = "alpha"
    return Comp("bracket", raw, _RANK_BRACKET[kind])


@functools.lru_cache(maxsize=256)
def _singular(word: str) -> str:
    word = word.lower().replace("-", "")
    return word[:-1] if word.endswith("s") else word


@functools.lru_cache(maxsize=4096)
def _desig_comps(desig: str, word: str) -> tuple[Comp, ...]:
    """Address components (outermost first) of one designation such as "4(2)(b)"."""
    first = _FIRST_DESIG.match(desig)
    assert first is not None
    head, brackets = first.group(1), first.group(2)
    comps: list[Comp] = []
    if head:
        if word in _SECTION_LIKE:
            comps.append(Comp(word, head, 2))
        elif word == "schedule":
            comps.append(Comp("schedule", head, 0))
        elif word in ("part", "chapter"):
            comps.append(Comp(word, head, 1))
        elif word in ("paragraph", "subparagraph"):
            comps.append(Comp("sch_para", head, 10))
        else:
            comps.append(Comp("locator", f"{word.capitalize()} {desig}", 90))
            return tuple(comps)
    comps.extend(_bracket_comps(brackets, word))
    return tuple(comps)


_More = tuple[tuple[str, tuple[Comp, ...]], ...]


@functools.lru_cache(maxsize=4096)
def _list_comps(word: str, desig: str) -> tuple[tuple[Comp, ...], _More]:
    """Components of "subsections (6) and (8)": the first designation's, and each further
    one's with the word joining it ("and", "or", "to" or ",")."""
    singular = _singular(word)
    pieces = _LIST_SPLIT.split(desig)
    more = tuple((pieces[i].strip() or ",", _desig_comps(pieces[i + 1], singular))
                 for i in range(1, len(pieces) - 1, 2))
    return _desig_comps(pieces[0], singular), more


def _core_comps(m: re.Match[str], quotes: dict[int, Quote], text: str
                ) -> tuple[tuple[Comp, ...], _More]:
    """Address components of one core, and of any further designations it lists
    (each with the word joining it: "and", "or", "to" or ",")."""
    desig = m.group("desig")
    if desig:
        return _list_comps(m.group("word"), desig)
    if m.group("sole"):
        if m.group("sole").lower().endswith("schedule"):
            return (Comp("schedule", "", 0),), ()
        if m.group("sole").endswith("Annex"):
            # "the Annex" (the only one) is the Annex, as "Annex 1" is that Annex: a
            # passage named after it ("the fifth indent") lies inside it.
            return (Comp("locator", "Annex", 90),), ()
        return (Comp("locator", collapse(text[m.start():m.end()]), 90),), ()
    if m.group("passages"):
        # "the fourth and fifth indents": the passages "the fourth indent" and "the fifth
        # indent", each as one passage is named.
        ords = [o.lower() for o in _LIST_ORDINAL_SPLIT.split(m.group("pl_ords"))]
        noun = m.group("pl_noun").lower()
        noun = noun[:-1] if noun.endswith("s") else noun
        kind = f"{'unnumbered ' if m.group('pl_un') else ''}{noun}"
        joins = [j.strip() or "," for j in _LIST_ORDINAL_SPLIT.findall(m.group("pl_ords"))]
        first = (Comp("locator", f"the {ords[0]} {kind}", 90),)
        more = tuple((("and" if "and" in j.lower() else ","),
                      (Comp("locator", f"the {o} {kind}", 90),))
                     for j, o in zip(joins, ords[1:], strict=True))
        return first, more
    if m.group("entry"):
        if m.group("entry_q"):
            return (Comp("entry", quotes[m.start("entry_q")].words, 90),), ()
        return (Comp("entry", collapse(text[m.start("entry_u"):m.end("entry_u")]), 90),), ()
    if m.group("entrybeg"):
        return (Comp("entry_beginning", quotes[m.start("entrybeg_q")].words, 90),), ()
    if m.group("defn"):
        return (Comp("definition", quotes[m.start("defn_q")].words, 90),), ()
    return (Comp("locator", curly(collapse(text[m.start():m.end()])), 90),), ()


def read_ref(sk: str, text: str, pos: int, quotes: dict[int, Quote], *,
             with_act: bool = True, with_heading: bool = True) -> Ref | None:
    """Read a reference at ``pos`` in the skeleton ``sk``, or return None.

    The target is the chain as written (white space collapsed, quotation
    marks made curly), without the enactment or any heading.
    """
    m = _CORE.match(sk, pos)
    if m is None:
        return None
    if m.group("passages"):
        ords = [o.lower() for o in _LIST_ORDINAL_SPLIT.split(m.group("pl_ords"))]
        if len(set(ords)) != len(ords):
            return None  # "the first and first sentences": a slip for which, cannot be told
    cores = [m]
    end = m.end()
    # Headings inside the chain ("paragraph 12 (additional room) of Schedule 4"), left out
    # of the target as the one after it is.
    inner: list[tuple[int, int]] = []
    inserted_by = None
    # Most references end at a comma or a verb: peek before trying the longer patterns.
    while True:
        at = end
        if with_heading and _next_char(sk, end) == "(" and HEADING.match(sk, end):
            after, qualifier = read_glosses(sk, text, end)
            if _next_char(sk, after) not in _CHAIN_INITIALS or not (
                    _CHAIN.match(sk, after) or (with_act and _OF_ACT.match(sk, after))):
                break
            inner.append((end, after))
            inserted_by = inserted_by or qualifier
            at = after
        if _next_char(sk, at) not in _CHAIN_INITIALS:
            break
        locator = not m.group("desig") and not (m.group("sole") or "").lower().endswith("schedule")
        c = _CHAIN.match(sk, at)
        if c is None and locator:
            c = _LOCATOR_CHAIN.match(sk, at)
        nxt = _CORE.match(sk, c.end()) if c is not None else None
        if nxt is None:
            end = at  # a heading before "of the … Act": read below
            break
        m = nxt
        cores.append(m)
        end = m.end()
    chain_end = end
    target = curly(collapse(_without(text, pos, end, inner)))
    first, more = _core_comps(cores[0], quotes, text)
    own = first
    if len(cores) > 1:
        outer: list[Comp] = []
        for core in reversed(cores[1:]):
            outer.extend(_core_comps(core, quotes, text)[0])
        first = compose(tuple(outer), first)
    word_m = cores[0].group("word")
    word = _singular(word_m) if word_m else None
    act: str | None = None
    act_named = False
    nxt_char = _next_char(sk, end)
    if with_act and nxt_char in _CHAIN_INITIALS:
        a = _OF_ACT.match(sk, end)
        if a is not None:
            am = ACT.match(sk, a.end())
            if am is not None:
                end = am.end()
                act_named = True
                act = act_name(am)
                nxt_char = _next_char(sk, end)
    if with_heading and nxt_char == "(":
        end, qualifier = read_glosses(sk, text, end)
        inserted_by = inserted_by or qualifier
    if with_heading and nxt_char == ",":
        # "after sub-paragraph (1), as so numbered, insert": a note, like "(as so numbered)".
        s = _AS_SO_NUMBERED.match(sk, end)
        if s is not None:
            end = s.end()
    return Ref(target, first, more, word, act, end, act_named, pos, own, tuple(cores),
               chain_end, inserted_by)


def _without(text: str, start: int, end: int, gaps: list[tuple[int, int]]) -> str:
    """``text[start:end]`` without the spans ``gaps`` (in order, inside it)."""
    out, at = [], start
    for s, e in gaps:
        out.append(text[at:s])
        at = e
    out.append(text[at:end])
    return "".join(out)


def skip_glosses(sk: str, text: str, pos: int) -> int:
    """The position after any parenthetical headings at ``pos`` (see :func:`read_glosses`)."""
    return read_glosses(sk, text, pos)[0]


def read_glosses(sk: str, text: str, pos: int) -> tuple[int, str | None]:
    """The position after any parenthetical headings at ``pos`` ("(interpretation)",
    "(meaning of “X”)", "(c. 70)"), and the words of an "(as inserted by …)" qualifier
    among them, collapsed and without the brackets (None when there is none).

    A parenthesis that is an item number ("(b)": "subsection (1) (b)") or
    that holds a quotation together with a word that makes a change ("(omit
    “X”)") is not a heading, and skipping it would drop what it says: it
    raises InstructionParseError naming the parenthesis.  So do two
    qualifiers naming where the provision came from.
    """
    inserted_by: str | None = None
    while True:
        q = AS_INSERTED.match(sk, pos)
        if q is not None:
            if inserted_by is not None:
                raise InstructionParseError("two qualifiers say where the provision came from",
                                            text=text, span=_trimmed(sk, q.start(), q.end()))
            inserted_by = collapse(text[q.start("q"):q.end("q")])
            pos = q.end()
            continue
        h = HEADING.match(sk, pos)
        if h is None:
            return pos, inserted_by
        body = sk[h.start():h.end()]
        if _AND_FIRST.match(body):
            # "paragraph (b) (and the word “and” before it)", "(but not the “and” after it)":
            # no heading; left for the grammar to read (or refuse), never dropped.
            return pos, inserted_by
        if _BARE_DESIG.match(body):
            raise InstructionParseError(
                "a bracketed number after a reference is not a heading (write “(1)(b)”)",
                text=text, span=_trimmed(sk, h.start(), h.end()))
        if _EXTENT.match(body):
            inner = body.index("(") + 1
            raise InstructionParseError(
                "a parenthesis after a reference limits how far the provision is "
                "affected; lawdiff does not apply part of a provision's extent or "
                "application", text=text, span=_trimmed(sk, h.start() + inner, h.end() - 1))
        if Q_OPEN in body and _CHANGE_WORD.search(body):
            raise InstructionParseError(
                "a parenthesis after a reference holds quoted words and a change; "
                "only a heading may follow a reference in brackets",
                text=text, span=_trimmed(sk, h.start(), h.end()))
        pos = h.end()


def _trimmed(sk: str, start: int, end: int) -> tuple[int, int]:
    while start < end and sk[start].isspace():
        start += 1
    return start, end


# The words for the levels below the one a reference's word names: "section 2(1)(b)" is a
# section, a subsection and a paragraph; a Schedule's "paragraph 4(2)(b)" a paragraph, a
# sub-paragraph and a paragraph.
_LEVELS_BELOW = {
    "section": ("subsection", "paragraph", "subparagraph"),
    "regulation": ("paragraph", "subparagraph"),
    "article": ("paragraph", "subparagraph"),
    "rule": ("paragraph", "subparagraph"),
    "subsection": ("paragraph", "subparagraph"),
    "paragraph": ("subparagraph",),
}
_SCHEDULE_PARAGRAPH_LEVELS = ("subparagraph", "paragraph", "subparagraph")


def _level_words(word: str | None, own: tuple[Comp, ...]) -> tuple[str | None, ...]:
    """The word naming each of the components ``own`` of one designation named by
    ``word``, outermost first.

    "subsection (1)(b)" gives ("subsection", "paragraph"), "section 2" gives
    ("section",), a Schedule's "paragraph 4(2)" ("paragraph", "subparagraph");
    a level whose word cannot be told ("sub-paragraph (a)(i)") is None.  A
    designation named by no such word (an entry, a definition) gives ().
    """
    if word is None or not own:
        return ()
    if own[0].kind == "sch_para":
        below: tuple[str, ...] = _SCHEDULE_PARAGRAPH_LEVELS
    elif own[0].kind == "locator":
        return (word,)
    else:
        below = _LEVELS_BELOW.get(word, ())
    return (word, *(below[i] if i < len(below) else None for i in range(len(own) - 1)))


def ref_levels(ref: Ref, text: str, quotes: dict[int, Quote]) -> tuple[Level, ...]:
    """Every level ``ref`` names with a word: the chain's cores in the order written,
    each core's levels outermost first.  "paragraph (b) of subsection (1)" gives the
    paragraph (b), then the subsection (1); "subsection (1)(b)" the subsection (1),
    then the paragraph (b).

    A core named by no such word (an entry, a definition, "the Schedule")
    gives no level.  A level is not ``single`` when the reference lists
    several provisions that differ at or above it: "subsections (1) and
    (2)", "paragraph 1(a) of Schedules 5 and 6".
    """
    cores = ref.cores
    if not cores:
        return ()
    full = ref.comps
    others = [compose(full, comps) for _, comps in ref.more]
    out: list[Level] = []
    # Levels at or inside an outer core that lists several provisions are none of them.
    listed_to = -1
    for k in range(len(cores) - 1, 0, -1):
        if _core_comps(cores[k], quotes, text)[1]:
            listed_to = k
            break
    for k, core in enumerate(cores):
        word_m = core.group("word")
        if not word_m:
            continue
        own = _core_comps(core, quotes, text)[0]
        outer: list[Comp] = []
        for c in reversed(cores[k + 1:]):
            outer.extend(_core_comps(c, quotes, text)[0])
        words = _level_words(_singular(word_m), own)
        for i, word in enumerate(words):
            comps = compose(tuple(outer), own[:i + 1])
            single = (k > listed_to and full[:len(comps)] == comps
                      and all(o[:len(comps)] == comps for o in others))
            out.append(Level(word, comps, single, k, i + 1))
    return tuple(out)


def level_target(ref: Ref, level: Level, text: str, quotes: dict[int, Quote]) -> str:
    """The text of ``ref`` narrowed to ``level``, with the rest of the chain after it:
    "subsection (1)" from "subsection (1)(b)", "paragraph 4(2) of Schedule 1" from
    "paragraph 4(2)(b) of Schedule 1", "subsection (1) of section 2" from "paragraph
    (b) of subsection (1) of section 2"."""
    core = ref.cores[level.core]
    keep, chain_end = level.keep, ref.chain_end
    total = len(_core_comps(core, quotes, text)[0])
    desig = core.group("desig")
    listed = _LIST_SPLIT.search(desig) is not None
    if keep == total and not listed:
        return curly(collapse(text[core.start():chain_end]))
    first = _FIRST_DESIG.match(desig)
    assert first is not None
    head, brackets = first.group(1), first.group(2)
    raws = _BRACKET_RAW.findall(brackets)
    if head and total == 1 + len(raws):
        narrowed = head + "".join(f"({r})" for r in raws[:keep - 1])
    elif not head:
        narrowed = "".join(f"({r})" for r in raws[:keep])
    else:
        narrowed = head + brackets  # a locator ("note 3(a)") is one level
    word = core.group("word")
    if listed and word[-1] in "sS":
        word = word[:-1]  # "subsections (1) and (2)" narrowed is "subsection (1)"
    between = text[core.end("word"):core.start("desig")]
    tail = text[core.end("desig"):chain_end]
    return curly(collapse(word + between + narrowed + tail))


_NEXT = re.compile(r"\s*+(.)", re.DOTALL)


def _next_char(sk: str, pos: int) -> str:
    """The first character at or after ``pos`` that is not white space ("" at the end)."""
    m = _NEXT.match(sk, pos)
    return m.group(1) if m is not None else ""


def read_act(sk: str, text: str, pos: int) -> tuple[str | None, int] | None:
    """Read an enactment's name at ``pos`` (with any parenthetical headings after it,
    see :func:`skip_glosses`; ``text`` is the input, for error spans)."""
    am = ACT.match(sk, pos)
    if am is None:
        return None
    return act_name(am), skip_glosses(sk, text, am.end())


def act_name(am: re.Match[str]) -> str:
    """The name an :data:`ACT` match gives, as written without a leading "the": "Local
    Government Act 1972", "1970 Act", "principal Regulations", "Act", "that Act"."""
    return collapse(am.group("act") or am.group("that") or am.group("eu"))


def compose(base: tuple[Comp, ...], comps: tuple[Comp, ...]) -> tuple[Comp, ...]:
    """The components of ``comps`` (a reference) placed in the context ``base``.

    The reference's outermost component replaces everything in ``base`` at
    its level or below; a section or Schedule starts afresh.
    """
    if not comps:
        return base
    first = comps[0]
    if first.kind in ("schedule",) or first.kind in _SECTION_LIKE:
        kept: tuple[Comp, ...] = ()
    elif first.kind == "locator":
        # "in Annex 2, in point 4": a locator goes inside the provision in context,
        # and replaces only one named with the same word ("point 4", then "point 5").
        word = first.value.split(" ", 1)[0]
        cut = next((i for i, c in enumerate(base)
                    if c.kind == "locator" and c.value.split(" ", 1)[0] == word), len(base))
        kept = base[:cut]
    else:
        kept = tuple(c for c in base if c.rank < first.rank)
        if first.kind == "sch_para":
            kept = tuple(c for c in kept if c.kind not in _SECTION_LIKE)
    return kept + comps


def nest(base: tuple[Comp, ...], comps: tuple[Comp, ...]) -> tuple[Comp, ...]:
    """``comps`` (a reference of the instruction's own enactment) as they sit in the
    context ``base``: a rule, regulation or article named in a Schedule is that
    Schedule's numbered paragraph (legislation.gov.uk numbers it so), and an
    unbracketed "paragraph 2" named in an Article is the Article's paragraph 2;
    other references are unchanged."""
    if not comps or not base:
        return comps
    first = comps[0]
    if first.kind in ("rule", "regulation", "article"):
        last_sch = max((i for i, c in enumerate(base) if c.kind == "schedule"), default=-1)
        if last_sch >= 0 and not any(c.kind in _SECTION_LIKE for c in base[last_sch:]):
            return (Comp("sch_para", first.value, 10), *comps[1:])
    elif first.kind == "sch_para" and base[-1].kind == "article" and \
            not any(c.kind == "schedule" for c in base):
        return (Comp("bracket", first.value, _RANK_BRACKET["num"]), *comps[1:])
    return comps


@functools.lru_cache(maxsize=4096)
def render_ref(base: tuple[Comp, ...], ref_comps: tuple[Comp, ...], more: _More) -> str | None:
    """The address of a reference in context; a list reference gives each address,
    joined as written ("s. 28(3) and s. 28(4)", "Sch. 11 para. 5 to Sch. 11 para. 7")."""
    full = compose(base, ref_comps)
    first = render(full)
    if not more or first is None:
        return first
    parts = [first]
    for sep, comps in more:
        other = render(compose(full, comps))
        parts.append(("," if sep == "," else f" {sep}") + f" {other}")
    return "".join(parts)


def render(comps: tuple[Comp, ...]) -> str | None:
    """A lawdiff citation for ``comps``: "s. 6(1)", "Sch. 1 para. 4(2)(b)", "Pt. 2",
    "Sch. 1 entry for “X”"; None when nothing is named."""
    if not comps:
        return None
    out = ""
    n = len(comps)
    for i, c in enumerate(comps):
        later = comps[i + 1:]
        if c.kind == "bracket":
            out += f"({c.value})"
            continue
        if c.kind in ("part", "chapter"):
            if any(x.kind not in ("entry", "entry_beginning", "definition", "locator")
                   for x in later):
                continue
            piece = ("Pt. " if c.kind == "part" else "Ch. ") + c.value
        elif c.kind in _SECTION_LIKE:
            piece = f"{_SECTION_LIKE[c.kind]} {c.value}"
        elif c.kind == "schedule":
            piece = f"Sch. {c.value}" if c.value else "Sch."
        elif c.kind == "sch_para":
            piece = f"para. {c.value}"
        elif i != n - 1:
            continue
        elif c.kind == "entry":
            piece = f"entry for \u201c{c.value}\u201d"
        elif c.kind == "entry_beginning":
            piece = f"entry beginning \u201c{c.value}\u201d"
        elif c.kind == "definition":
            piece = f"definition of \u201c{c.value}\u201d"
        else:
            piece = c.value
        out += (" " if out else "") + piece
    return out or None
