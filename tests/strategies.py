"""Hypothesis strategies for lawdiff: designations, Acts, texts and operations.

* :func:`designations` draws provision numbers of one :class:`Style`
  ("6", "1A", "1ZA", "A1"; "a", "aa", "za"; "i", "iv", "ia").
* :func:`acts` draws valid Acts: sections with subsections, paragraphs and
  sub-paragraphs, some :class:`Omitted` placeholders, optionally grouped in
  Parts and cross-headings, and optionally Schedules holding either a table
  (with an entry column) or schedule paragraphs.  Designations increase in
  document order across Parts and cross-headings, as in a real Act.
* :func:`texts` draws provision text from a small vocabulary, with an inner
  comma and closing list punctuation ("; and", ";", "." …).
* :func:`applicable_operations` draws operations that fit a given Act (the
  target is drawn from ``act.walk()``, quoted words from its text, numbers
  for new provisions from :func:`~lawdiff.designation.between` …);
  :func:`arbitrary_operations` draws well-formed operations that may not fit;
  :func:`failing_operations` draws operations that cannot fit a given Act.

The ``naive_*`` helpers are deliberately simple re-implementations used to
decide what fits; they do not call the code under test.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

import attrs
from hypothesis import assume
from hypothesis import strategies as st

from lawdiff.address import Address, Step, address_of
from lawdiff.commencement import Commencement
from lawdiff.designation import Designation, Style, between
from lawdiff.errors import InvalidDesignation
from lawdiff.model import (
    NOT_XML_CHAR,
    Act,
    ActInfo,
    Kind,
    Node,
    Omitted,
    Path,
    Provision,
    Row,
    SourceRecord,
    Table,
)
from lawdiff.operations import (
    EditCell,
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    Position,
    Provenance,
    ReplaceChildren,
    ReplaceText,
    SubstituteProvision,
    SubstituteWords,
)
from lawdiff.text import Occurrence, SegmentRef, TextEdit, Words

# Text any document format can carry: no control characters other than tab and line breaks,
# no lone surrogates or non-characters (lawdiff refuses those; see lawdiff.model.NOT_XML_CHAR).
XML_CHARS = st.characters(blacklist_categories=("Cs",)).filter(
    lambda c: NOT_XML_CHAR.match(c) is None)


def xml_text(**kwargs: int) -> st.SearchStrategy[str]:
    """st.text over :data:`XML_CHARS`."""
    return st.text(alphabet=XML_CHARS, **kwargs)

T = TypeVar("T")

# --- designations ---------------------------------------------------------------------------

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ROMAN_NUMERALS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                   (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
STYLES = (Style.NUMBER, Style.ALPHA, Style.ROMAN)


def roman(value: int) -> str:
    """``value`` as a lower-case roman numeral (1 -> "i", 14 -> "xiv")."""
    out = []
    for number, numeral in _ROMAN_NUMERALS:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


@functools.cache
def letter_runs(min_size: int = 0, max_size: int = 3) -> st.SearchStrategy[str]:
    """Upper-case runs of inserted letters, biased towards A, B and the "before" letter Z."""
    return st.text(alphabet=st.one_of(st.sampled_from("ABZ"), st.sampled_from(UPPER)),
                   min_size=min_size, max_size=max_size)


@st.composite
def number_designations(draw: st.DrawFn) -> Designation:
    """Section-style numbers: "6", "1A", "1ZA", "A1", "ZA1", "2AB" …"""
    prefix = draw(st.one_of(st.just(""), st.just(""), letter_runs(1, 2)))
    digits = draw(st.integers(1, 60))
    suffix = draw(st.one_of(st.just(""), letter_runs(1, 3)))
    return Designation(f"{prefix}{digits}{suffix}", Style.NUMBER)


@st.composite
def alpha_designations(draw: st.DrawFn) -> Designation:
    """Lettered numbers: "a", "aa", "za", "zza" …"""
    return Designation(draw(letter_runs(1, 3)).lower(), Style.ALPHA)


@st.composite
def roman_designations(draw: st.DrawFn) -> Designation:
    """Roman numbers, possibly with inserted letters: "i", "iv", "ia", "xiiza" …"""
    numeral = roman(draw(st.integers(1, 40)))
    suffix = draw(st.one_of(st.just(""), letter_runs(1, 2))).lower()
    return Designation(numeral + suffix, Style.ROMAN)


@functools.cache
def designations(style: Style) -> st.SearchStrategy[Designation]:
    """Designations of one style (NUMBER, ALPHA or ROMAN)."""
    return {Style.NUMBER: number_designations(), Style.ALPHA: alpha_designations(),
            Style.ROMAN: roman_designations()}[style]


def styled_designations() -> st.SearchStrategy[tuple[Style, Designation]]:
    """A style and a designation of that style."""
    return st.sampled_from(STYLES).flatmap(lambda s: st.tuples(st.just(s), designations(s)))


@functools.cache
@st.composite
def designation_lists(draw: st.DrawFn, style: Style, min_size: int = 0,
                      max_size: int = 3) -> list[Designation]:
    """Distinct designations of one style in ascending order."""
    found = draw(st.lists(designations(style), min_size=min_size, max_size=max_size,
                          unique=True))
    return sorted(found)


@st.composite
def part_numbers(draw: st.DrawFn, count: int) -> list[Designation]:
    """``count`` ascending Part numbers: "1", "2" … or "I", "II" …"""
    values = sorted(draw(st.sets(st.integers(1, 12), min_size=count, max_size=count)))
    if draw(st.booleans()):
        return [Designation(str(v), Style.NUMBER) for v in values]
    return [Designation(roman(v).upper(), Style.UPPER_ROMAN) for v in values]


# --- texts ----------------------------------------------------------------------------------

VOCABULARY = ("the", "a", "local", "authority", "shall", "appoint", "officer", "of", "social",
              "services", "director", "children", "may", "in", "England", "Wales", "functions",
              "and", "or", "any", "other", "person")
CLOSINGS = ("", "", ".", ";", "; and", "; or", ",", ":", "\u2014")
#: A word that no generated text contains.
ABSENT_WORD = "xylophone"


def texts(closings: Sequence[str] = CLOSINGS, min_words: int = 1,
          max_words: int = 7) -> st.SearchStrategy[str]:
    """A clean one-line text: vocabulary words, maybe an inner comma, closing punctuation."""
    return _texts(tuple(closings), min_words, max_words)


@functools.cache
def maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """None or a value of ``strategy``."""
    return st.none() | strategy


@functools.cache
@st.composite
def _texts(draw: st.DrawFn, closings: tuple[str, ...], min_words: int, max_words: int) -> str:
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=min_words, max_size=max_words))
    if len(words) > 2 and draw(st.booleans()):
        i = draw(st.integers(0, len(words) - 2))
        words[i] += ","
    return " ".join(words) + draw(st.sampled_from(closings))


@functools.cache
def phrases(min_words: int = 1, max_words: int = 3) -> st.SearchStrategy[str]:
    """A few vocabulary words, e.g. as inserted or substituted words."""
    return st.lists(st.sampled_from(VOCABULARY), min_size=min_words,
                    max_size=max_words).map(" ".join)


@functools.cache
def headings() -> st.SearchStrategy[str]:
    """A short heading such as "Director of social services"."""
    return phrases(1, 4).map(lambda s: s[0].upper() + s[1:])


# --- Acts -----------------------------------------------------------------------------------

CHILD_KINDS: dict[Kind, tuple[Kind, ...]] = {
    Kind.SECTION: (Kind.SUBSECTION, Kind.PARAGRAPH),
    Kind.SUBSECTION: (Kind.PARAGRAPH,),
    Kind.PARAGRAPH: (Kind.SUBPARAGRAPH,),
    Kind.SUBPARAGRAPH: (),
    Kind.SCHEDULE_PARAGRAPH: (Kind.SCHEDULE_SUBPARAGRAPH, Kind.PARAGRAPH),
    Kind.SCHEDULE_SUBPARAGRAPH: (Kind.PARAGRAPH,),
}
_HEADED = (Kind.SECTION, Kind.SCHEDULE_PARAGRAPH)


def _style(kind: Kind) -> Style:
    style = kind.style
    assert style is not None
    return style


@st.composite
def act_infos(draw: st.DrawFn) -> ActInfo:
    """Identity and provenance of a test Act."""
    year = draw(st.integers(1900, 2030))
    chapter = draw(st.integers(1, 80))
    records = draw(st.lists(st.builds(
        SourceRecord, eid=st.sampled_from(["sec_1", "sec_2__subsec_1", "sched_1"]),
        status=st.sampled_from(["verbatim", "derived", "reconstructed"]),
        note=maybe(texts())), max_size=2))
    return ActInfo(title=draw(st.sampled_from(["Test Act", "Social Services Act"])) + f" {year}",
                   year=year, chapter=f"c. {chapter}", work=f"ukpga/{year}/{chapter}",
                   version_date=draw(st.dates(date(1970, 1, 1), date(2030, 12, 31))),
                   extract=draw(st.booleans()), extract_note=draw(maybe(texts())),
                   source=draw(maybe(st.just("https://www.legislation.gov.uk/ukpga/1970/42"))),
                   licence=draw(maybe(st.just("Open Government Licence v3.0"))),
                   sources=tuple(records))


@functools.lru_cache(maxsize=4096)
@st.composite
def omitted(draw: st.DrawFn, kind: Kind, num: Designation) -> Omitted:
    """An omitted or repealed provision, maybe with a note."""
    return Omitted(kind, num, draw(st.sampled_from(["omitted", "repealed"])),
                   draw(maybe(texts(max_words=4))))


def provisions(kind: Kind, num: Designation, depth: int, closings: Sequence[str] = CLOSINGS,
               allow_omitted: bool = True) -> st.SearchStrategy[Provision | Omitted]:
    """A provision of ``kind`` numbered ``num`` with up to ``depth`` levels below it."""
    return _provisions(kind, num, depth, tuple(closings), allow_omitted)


@functools.lru_cache(maxsize=4096)
@st.composite
def _provisions(draw: st.DrawFn, kind: Kind, num: Designation, depth: int,
                closings: tuple[str, ...], allow_omitted: bool) -> Provision | Omitted:
    if allow_omitted and draw(st.integers(0, 7)) == 7:
        return draw(omitted(kind, num))
    heading = draw(maybe(headings())) if kind in _HEADED else None
    child_kinds = CHILD_KINDS[kind]
    if depth > 0 and child_kinds and draw(st.booleans()):
        child_kind = draw(st.sampled_from(child_kinds))
        nums = draw(designation_lists(_style(child_kind), 1, 3 if depth >= 2 else 2))
        children = tuple(draw(provisions(child_kind, n, depth - 1, closings, allow_omitted))
                         for n in nums)
        text = draw(maybe(texts(closings)))
        wrap_up = draw(maybe(texts(closings))) if draw(st.integers(0, 3)) == 3 else None
        return Provision(kind, num, heading=heading, text=text, children=children,
                         wrap_up=wrap_up)
    return Provision(kind, num, heading=heading, text=draw(texts(closings)))


@functools.cache
@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A table whose first column names distinct entries; maybe a header row."""
    width = draw(st.integers(1, 3))
    entries = draw(st.lists(texts(("",), max_words=3), min_size=1, max_size=4, unique=True))
    rows = [Row((entry, *(draw(texts(max_words=4)) for _ in range(width - 1))))
            for entry in entries]
    if draw(st.booleans()):
        rows.insert(0, Row(tuple(draw(headings()) for _ in range(width)), header=True))
    return Table(tuple(rows))


def _chunks(draw: st.DrawFn, items: Sequence[Node]) -> list[list[Node]]:
    if len(items) < 2:
        return [list(items)]
    cuts = sorted(draw(st.sets(st.integers(1, len(items) - 1), max_size=2)))
    bounds = [0, *cuts, len(items)]
    return [list(items[a:b]) for a, b in itertools.pairwise(bounds)]


@st.composite
def crossheaded(draw: st.DrawFn, items: Sequence[Node]) -> list[Node]:
    """``items`` with some consecutive runs put under cross-headings."""
    out: list[Node] = []
    for chunk in _chunks(draw, items):
        if draw(st.booleans()):
            heading = draw(st.one_of(headings(), headings(), st.none()))
            out.append(Provision(Kind.CROSSHEADING, None, heading=heading, children=tuple(chunk)))
        else:
            out.extend(chunk)
    return out


@st.composite
def grouped(draw: st.DrawFn, items: Sequence[Node]) -> tuple[Node, ...]:
    """``items`` (ascending) as they are, under cross-headings, or in Parts."""
    mode = draw(st.sampled_from(["flat", "crossheadings", "parts"]))
    if mode == "flat" or not items:
        return tuple(items)
    if mode == "crossheadings":
        return tuple(draw(crossheaded(items)))
    chunks = _chunks(draw, items)
    numbers = draw(part_numbers(len(chunks)))
    out: list[Node] = []
    for number, chunk in zip(numbers, chunks, strict=True):
        if draw(st.integers(0, 4)) == 4:
            out.extend(chunk)  # some provisions stand outside any Part
            continue
        children = draw(crossheaded(chunk)) if draw(st.booleans()) else chunk
        out.append(Provision(Kind.PART, number, heading=draw(maybe(headings())),
                             children=tuple(children)))
    return tuple(out)


@st.composite
def schedules(draw: st.DrawFn, num: Designation, closings: Sequence[str] = CLOSINGS
              ) -> Provision | Omitted:
    """A Schedule holding only a table, or only (maybe grouped) schedule paragraphs."""
    if draw(st.integers(0, 7)) == 7:
        return draw(omitted(Kind.SCHEDULE, num))
    heading = draw(maybe(headings()))
    if draw(st.booleans()):
        return Provision(Kind.SCHEDULE, num, heading=heading, children=(draw(tables()),))
    nums = draw(designation_lists(Style.NUMBER, 1, 3))
    paragraphs = [draw(provisions(Kind.SCHEDULE_PARAGRAPH, n, 2, closings)) for n in nums]
    return Provision(Kind.SCHEDULE, num, heading=heading, text=draw(maybe(texts(closings))),
                     children=draw(grouped(paragraphs)))


@st.composite
def acts(draw: st.DrawFn, max_sections: int = 4, max_schedules: int = 2,
         closings: Sequence[str] = CLOSINGS) -> Act:
    """A valid Act in a shape the AKN writer supports."""
    info = draw(act_infos())
    numbers = draw(designation_lists(Style.NUMBER, 1, max_sections))
    sections = [draw(provisions(Kind.SECTION, n, 3, closings)) for n in numbers]
    body = list(draw(grouped(sections)))
    for n in draw(designation_lists(Style.NUMBER, 0, max_schedules)):
        body.append(draw(schedules(n, closings)))
    return Act(info, tuple(body))


# --- naive views of a tree ------------------------------------------------------------------

def naive_segments(node: Node) -> list[str]:
    """Every run of words below ``node`` in document order (text, children, closing words)."""
    if isinstance(node, Omitted):
        return []
    if isinstance(node, Table):
        return [cell for row in node.rows for cell in row.cells]
    out = [] if node.text is None else [node.text]
    for child in node.children:
        out.extend(naive_segments(child))
    if node.wrap_up is not None:
        out.append(node.wrap_up)
    return out


def naive_matches(text: str, words: str) -> list[tuple[int, int]]:
    """Non-overlapping [start, end) of ``words`` standing on word boundaries."""
    pattern = rf"(?<![0-9A-Za-z]){re.escape(words)}(?![0-9A-Za-z])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def naive_content_end(text: str) -> int:
    """Where words "at the end" go: before closing ".", ";", "; and", ", or", ":" or a dash."""
    m = re.search(r"(?:[;,] (?:and|or)|[.;,:]|\u2014)$", text)
    return m.start() if m else len(text)


def naive_findable(container: Act | Provision) -> list[tuple[Path, Provision | Omitted]]:
    """Numbered provisions findable from ``container`` (through Parts and cross-headings)."""
    out: list[tuple[Path, Provision | Omitted]] = []
    for i, child in enumerate(container.children):
        if isinstance(child, Table):
            continue
        if child.num is not None:
            out.append(((i,), child))
        if isinstance(child, Provision) and child.kind.transparent:
            out.extend(((i, *p), n) for p, n in naive_findable(child))
    return out


def container_children(container: Act | Provision, rel: Path) -> tuple[Node, ...]:
    """The children of the provision at ``rel`` below ``container`` (its own for ``()``)."""
    node: Act | Provision = container
    for i in rel:
        child = node.children[i]
        assert isinstance(child, Provision)
        node = child
    return node.children


def numbered_nodes(act: Act) -> list[tuple[Path, Provision | Omitted]]:
    """Every numbered (so addressable) node with its path."""
    return [(p, n) for p, n in act.walk() if not isinstance(n, Table) and n.num is not None]


# --- operations that fit --------------------------------------------------------------------

@st.composite
def provenances(draw: st.DrawFn) -> Provenance:
    """Where an operation comes from (fields may be None)."""
    return Provenance(draw(maybe(xml_text(min_size=1, max_size=30))),
                      draw(maybe(xml_text(max_size=60))))


def _valid_commencement(c: dict[str, object]) -> bool:
    return any(c[k] is not None for k in ("date", "condition", "note"))


def commencement_values() -> st.SearchStrategy[Commencement]:
    """Valid :class:`Commencement` values."""
    fields = st.fixed_dictionaries({
        "date": st.none() | st.dates(date(1990, 1, 1), date(2030, 12, 31)),
        "extent": st.none() | st.sampled_from(["E", "W", "E+W", "E+W+S"]),
        "authority": st.none() | xml_text(min_size=1, max_size=20),
        "power": st.none() | xml_text(min_size=1, max_size=20),
        "note": st.none() | xml_text(min_size=1, max_size=30),
        "condition": st.none() | st.sampled_from(["dcs-appointed", "x"]),
    })
    return fields.filter(_valid_commencement).map(lambda f: Commencement(**f))  # type: ignore[arg-type]


@st.composite
def with_metadata(draw: st.DrawFn, op: Operation) -> Operation:
    """``op``, sometimes with provenance and commencement added."""
    if draw(st.booleans()):
        return op
    return attrs.evolve(op, provenance=draw(provenances()),
                        commencement=tuple(draw(st.lists(commencement_values(), max_size=2))))


def fitting_occurrences(count: int) -> st.SearchStrategy[Occurrence]:
    """Occurrence rules that select among ``count`` (>= 1) matches without failing."""
    options: list[st.SearchStrategy[Occurrence]] = [st.just(Occurrence("each")),
                                                     st.just(Occurrence("last"))]
    if count == 1:
        options.append(st.just(Occurrence("only")))
    if count == 2:
        options.append(st.just(Occurrence("both")))
    options.append(st.lists(st.integers(1, count), min_size=1, max_size=count, unique=True)
                   .map(lambda xs: Occurrence.nth(*sorted(xs))))
    return st.one_of(options)


def has_words(text: str) -> bool:
    """The model's rule for provision text: it keeps at least one letter or digit."""
    return any(ch.isalnum() for ch in text)


def _leaves_words(segments: Sequence[str], quoted: str, occurrence: Occurrence) -> bool:
    """True when omitting ``quoted`` under ``occurrence`` leaves words in every segment."""
    spans = [(i, m) for i, text in enumerate(segments) for m in naive_matches(text, quoted)]
    if occurrence.rule == "nth":
        chosen = [spans[k - 1] for k in occurrence.indices]
    elif occurrence.rule == "last":
        chosen = spans[-1:]
    else:
        chosen = spans
    for i, text in enumerate(segments):
        kept = list(text)
        for j, (start, end) in chosen:
            if j == i:
                kept[start:end] = [" "] * (end - start)
        if not has_words("".join(kept)):
            return False
    return True


WORD_SHAPES = ("before", "after", "beginning", "end", "substitute", "omit", "to_end", "until",
               "after_words")


@st.composite
def word_operations(draw: st.DrawFn, act: Act, shapes: Sequence[str] = WORD_SHAPES
                    ) -> Operation:
    """An InsertWords/SubstituteWords/OmitWords whose quoted words occur in the target.

    ``shapes`` limits what is drawn: inserting "before"/"after" quoted words or at the
    "beginning"/"end", "substitute" or "omit" quoted words, or a range ("to_end",
    "until", "after_words": the words after the quoted words) to omit or substitute.
    """
    candidates = [(p, n) for p, n in numbered_nodes(act)
                  if any(re.search("[A-Za-z]", s) for s in naive_segments(n))]
    assume(candidates)
    path, node = draw(st.sampled_from(candidates))
    target = address_of(act, path)
    segments = naive_segments(node)
    words = sorted({w for s in segments for w in re.findall("[A-Za-z]+", s)})
    pairs = sorted({f"{a} {b}" for s in segments
                    for a, b in re.findall(r"(?=\b([A-Za-z]+) ([A-Za-z]+)\b)", s) if a != b})
    quoted = draw(st.sampled_from(words) | (st.sampled_from(pairs) if pairs else st.nothing()))
    count = sum(len(naive_matches(s, quoted)) for s in segments)
    assert count >= 1
    occurrence = draw(fitting_occurrences(count))
    new = draw(phrases())
    what = draw(st.sampled_from(list(shapes)))
    if what in ("before", "after"):
        position = Position.BEFORE if what == "before" else Position.AFTER
        return InsertWords(target=target, words=new, position=position, anchor=quoted,
                           occurrence=occurrence)
    if what in ("beginning", "end"):
        position = Position.AT_BEGINNING if what == "beginning" else Position.AT_END
        return InsertWords(target=target, words=new, position=position)
    if what == "substitute":
        assume(new != quoted)
        return SubstituteWords(target=target, old=Words(quoted), new=new, occurrence=occurrence)
    if what == "omit":
        # A provision's text may not be left empty (omit the provision instead).
        assume(_leaves_words(segments, quoted, occurrence))
        return OmitWords(target=target, old=Words(quoted), occurrence=occurrence)
    # Ranges only where the opening words occur once: one match, known to fit.
    assume(count == 1)
    index, text = next((i, s) for i, s in enumerate(segments) if naive_matches(s, quoted))
    start, end = naive_matches(text, quoted)[0]
    if what == "to_end":
        # "To the end" of the target: only from its last text (else it would run on).
        assume(index == len(segments) - 1)
        old = Words(quoted, to_end=True)
        end = max(end, naive_content_end(text))
    elif what == "after_words":
        # The words after the quoted words, to the end of the target's last text.
        assume(index == len(segments) - 1)
        old = Words(quoted, after=True)
        start = end + len(text[end:]) - len(text[end:].lstrip())
        end = naive_content_end(text)
        assume(start < end)
    else:
        later = sorted({w for w in re.findall("[A-Za-z]+", text[end:])})
        assume(later)
        until = draw(st.sampled_from(later))
        old = Words(quoted, until=until)
        end += naive_matches(text[end:], until)[0][1]
    if draw(st.booleans()):
        assume(has_words(text[:start] + text[end:]))
        return OmitWords(target=target, old=old)
    assume(new != text[start:end])
    return SubstituteWords(target=target, old=old, new=new)


def _insertable_kinds(container: Act | Provision) -> list[Kind]:
    if isinstance(container, Act):
        return [Kind.SECTION, Kind.SCHEDULE]
    if container.kind.transparent or any(isinstance(c, Table) for c in container.children):
        return []
    if container.kind is Kind.SCHEDULE:
        return [Kind.SCHEDULE_PARAGRAPH]
    present = sorted({n.kind.value for _, n in naive_findable(container)})
    return [Kind(k) for k in present] or list(CHILD_KINDS[container.kind])


def _fresh(draw: st.DrawFn, kind: Kind, num: Designation) -> Provision:
    if kind is Kind.SCHEDULE:
        return Provision(kind, num, heading=draw(maybe(headings())), text=draw(texts()))
    if kind is Kind.PART:
        return Provision(kind, num, heading=draw(headings()))
    node = draw(provisions(kind, num, 1, allow_omitted=False))
    assert isinstance(node, Provision)
    return node


def _fits(before: Designation | None, new: Designation, after: Designation | None) -> bool:
    return (before is None or before < new) and (after is None or new < after)


def fitting_between(before: Designation | None, after: Designation | None) -> Designation | None:
    """``between``, or None where it finds no number that sorts between the neighbours.

    (Results outside the neighbours are checked for by
    test_properties.test_between_never_answers_outside_its_neighbours.)
    """
    try:
        new = between(before, after)
    except InvalidDesignation:
        return None
    return new if _fits(before, new, after) else None


@st.composite
def insert_provision_operations(draw: st.DrawFn, act: Act) -> Operation:
    """An InsertProvision with a fresh number that fits between its neighbours."""
    containers: list[tuple[Path, Act | Provision]] = [((), act)]
    containers += [(p, n) for p, n in act.walk() if isinstance(n, Provision)]
    options = [(p, c, k) for p, c in containers for k in _insertable_kinds(c)]
    path, container, kind = draw(st.sampled_from(options))
    siblings = [n.num for _, n in naive_findable(container) if n.kind is kind]
    gaps = []
    for i in range(len(siblings) + 1):
        before = siblings[i - 1] if i else None
        after = siblings[i] if i < len(siblings) else None
        new = fitting_between(before, after)
        if new is not None:
            gaps.append((before, new, after))
    assume(gaps)
    before, num, after = draw(st.sampled_from(gaps))
    new_nodes = [_fresh(draw, kind, num)]
    if draw(st.booleans()):
        second = fitting_between(num, after)
        if second is not None:
            new_nodes.append(_fresh(draw, kind, second))
    target = address_of(act, path) if path else Address(())
    placements = ["order"]
    if before is not None:
        placements.append("after")
    if after is not None:
        placements.append("before")
    if (before is None and isinstance(container, Provision) and container.text
            and not container.kind.transparent):
        placements.append("after_words")
    placement = draw(st.sampled_from(placements))
    extra: dict[str, object] = {}
    if placement == "after":
        extra["after"] = before
    elif placement == "before":
        extra["before"] = after
    elif placement == "after_words":
        assert isinstance(container, Provision) and container.text
        extra["after_words"] = container.text.split(" ")[-1]
    return InsertProvision(target=target, provisions=tuple(new_nodes), **extra)  # type: ignore[arg-type]


@st.composite
def substitute_provision_operations(draw: st.DrawFn, act: Act) -> Operation:
    """A SubstituteProvision keeping the number (maybe adding the next inserted number)."""
    assume(numbered_nodes(act))
    path, node = draw(st.sampled_from(numbered_nodes(act)))
    assert node.num is not None
    target = address_of(act, path)
    new = _fresh(draw, node.kind, node.num)
    assume(new != node)
    nodes = [new]
    if node.kind is not Kind.PART and draw(st.booleans()):
        parent = Address(target.steps[:-1])
        scope = act if not parent.steps else _resolve_container(act, path, len(parent.steps))
        later = [n.num for _, n in naive_findable(scope)
                 if n.kind is node.kind and n.num is not None and node.num < n.num]
        second = fitting_between(node.num, min(later) if later else None)
        if second is not None:
            nodes.append(_fresh(draw, node.kind, second))
    return SubstituteProvision(target=target, provisions=tuple(nodes))


def _resolve_container(act: Act, path: Path, depth: int) -> Provision:
    """The provision that is the ``depth``-th addressed step on ``path`` (Parts skipped)."""
    node: Act | Provision = act
    steps = 0
    for i in path:
        child = node.children[i]
        assert isinstance(child, Provision)
        node = child
        if child.num is not None and not child.kind.transparent:
            steps += 1
            if steps == depth:
                return child
    raise AssertionError("path is not that deep")


@st.composite
def omit_provision_operations(draw: st.DrawFn, act: Act) -> Operation:
    """An OmitProvision of a provision that is not already omitted."""
    candidates = [(p, n) for p, n in numbered_nodes(act) if isinstance(n, Provision)]
    assume(candidates)
    path, _ = draw(st.sampled_from(candidates))
    return OmitProvision(target=address_of(act, path),
                         how=draw(st.sampled_from(["omitted", "repealed"])))


@st.composite
def edit_cell_operations(draw: st.DrawFn, act: Act) -> Operation:
    """An EditCell of a uniquely named table entry."""
    candidates = []
    for path, node in act.walk():
        if not isinstance(node, Provision) or node.num is None:
            continue
        rows = [r for t in node.children if isinstance(t, Table) for r in t.rows if not r.header]
        entries = [r.entry for r in rows]
        candidates += [(path, r) for r in rows if entries.count(r.entry) == 1]
    assume(candidates)
    path, row = draw(st.sampled_from(candidates))
    column = draw(st.integers(1, len(row.cells)))
    new = draw(phrases())
    assume(new != row.cells[column - 1])
    target = Address(address_of(act, path).steps, row.entry)
    return EditCell(target=target, column=column, new=new)


@st.composite
def applicable_operations(draw: st.DrawFn, act: Act) -> Operation:
    """An operation that fits ``act`` (it applies without error)."""
    kind = draw(st.sampled_from(["words", "words", "insert", "substitute", "omit", "cell"]))
    strategy = {"words": word_operations, "insert": insert_provision_operations,
                "substitute": substitute_provision_operations,
                "omit": omit_provision_operations, "cell": edit_cell_operations}[kind]
    return draw(with_metadata(draw(strategy(act))))


@st.composite
def failing_operations(draw: st.DrawFn, act: Act) -> Operation:
    """An operation that cannot fit ``act``: absent words, a missing or duplicate provision."""
    numbered = numbered_nodes(act)
    sections = [n for _, n in naive_findable(act) if n.kind is Kind.SECTION]
    what = draw(st.sampled_from(["words", "missing", "duplicate", "omitted"]))
    if what == "words" and numbered:
        path, _ = draw(st.sampled_from(numbered))
        return SubstituteWords(target=address_of(act, path), old=Words(ABSENT_WORD), new="x")
    if what == "missing" or not sections:
        return OmitProvision(target=Address((Step(Kind.SECTION, Designation("999",
                                                                              Style.NUMBER)),)))
    if what == "omitted":
        gone = [(p, n) for p, n in numbered if isinstance(n, Omitted)]
        if gone:
            return OmitProvision(target=address_of(act, draw(st.sampled_from(gone))[0]))
    existing = draw(st.sampled_from(sections))
    assert existing.num is not None
    return InsertProvision(target=Address(()),
                           provisions=(Provision(Kind.SECTION, existing.num, text="x"),))


@st.composite
def named_place_insertions(draw: st.DrawFn, act: Act) -> Operation:
    """An InsertProvision "before"/"after" an existing sibling with any number (may not fit)."""
    containers: list[tuple[Path, Act | Provision]] = [((), act)]
    containers += [(p, n) for p, n in act.walk() if isinstance(n, Provision)]
    options = [(p, c, rel, n) for p, c in containers if _insertable_kinds(c)
               for rel, n in naive_findable(c) if n.kind in _insertable_kinds(c)]
    assume(options)
    # Siblings first or last in a Part or under a cross-heading are the telling ones.
    edges = [o for o in options if len(o[2]) > 1 and (
        o[2][-1] == 0 or o[2][-1] == len(container_children(o[1], o[2][:-1])) - 1)]
    use_edges: bool = draw(st.booleans())
    pool = edges if edges and use_edges else options
    path, container, _, sibling = draw(st.sampled_from(pool))
    assert sibling.num is not None
    kin = [n.num for _, n in naive_findable(container) if n.kind is sibling.kind]
    i = kin.index(sibling.num)
    # Numbers just past the next sibling (or before the previous one) are out of order
    # next to ``sibling``, most tellingly when that sibling is in another Part.
    near = [fitting_between(sibling.num, None), fitting_between(None, sibling.num)]
    if i + 1 < len(kin):
        near.append(fitting_between(kin[i + 1], None))
    if i > 0:
        near.append(fitting_between(None, kin[i - 1]))
    num = draw(st.one_of(designations(_style(sibling.kind)),
                         st.sampled_from([n for n in near if n is not None] or [sibling.num])))
    where = draw(st.sampled_from(["before", "after"]))
    target = address_of(act, path) if path else Address(())
    return InsertProvision(target=target, provisions=(_fresh(draw, sibling.kind, num),),
                           **{where: sibling.num})  # type: ignore[arg-type]


# --- operations that may not fit ------------------------------------------------------------

@st.composite
def addresses(draw: st.DrawFn, act: Act | None = None) -> Address:
    """An address of a provision: from ``act`` when given (sometimes), else made up."""
    if act is not None and numbered_nodes(act) and draw(st.booleans()):
        path, _ = draw(st.sampled_from(numbered_nodes(act)))
        return address_of(act, path)
    small = st.sampled_from(["1", "2", "3", "4"])
    letters = st.sampled_from(["a", "b", "c"])
    if draw(st.booleans()):
        levels = [(Kind.SECTION, small), (Kind.SUBSECTION, small), (Kind.PARAGRAPH, letters),
                  (Kind.SUBPARAGRAPH, st.sampled_from(["i", "ii"]))]
    else:
        levels = [(Kind.SCHEDULE, small), (Kind.SCHEDULE_PARAGRAPH, small),
                  (Kind.SCHEDULE_SUBPARAGRAPH, small), (Kind.PARAGRAPH, letters)]
    return Address(tuple(Step(kind, Designation(draw(values), _style(kind)))
                         for kind, values in levels[:draw(st.integers(1, 4))]))


def _any_words() -> st.SearchStrategy[str]:
    return st.one_of(phrases(), xml_text(min_size=1, max_size=20).filter(str.strip))


def occurrences() -> st.SearchStrategy[Occurrence]:
    """Any occurrence rule."""
    return st.one_of(st.sampled_from([Occurrence("only"), Occurrence("both"), Occurrence("each"),
                                      Occurrence("last")]),
                     st.lists(st.integers(1, 4), min_size=1, max_size=3, unique=True)
                     .map(lambda xs: Occurrence.nth(*sorted(xs))))


@st.composite
def quoted_words(draw: st.DrawFn) -> Words:
    """Quoted words: a phrase, a range to other words, or a range to the end."""
    text = draw(_any_words())
    shape = draw(st.sampled_from(["phrase", "phrase", "until", "to_end"]))
    if shape == "until":
        return Words(text, until=draw(_any_words()))
    return Words(text, to_end=shape == "to_end")


@st.composite
def new_provisions(draw: st.DrawFn, kind: Kind | None = None) -> tuple[Provision, ...]:
    """One or two fresh numbered provisions of one kind (in order)."""
    kind = kind or draw(st.sampled_from(list(CHILD_KINDS)))
    nums = draw(designation_lists(_style(kind), 1, 2))
    return tuple(_fresh(draw, kind, n) for n in nums)


@st.composite
def text_edits(draw: st.DrawFn, disjoint: bool = False) -> tuple[TextEdit, ...]:
    """Positional text edits; ``disjoint`` keeps edits of one segment from overlapping."""
    out = []
    used: dict[SegmentRef, int] = {}
    for _ in range(draw(st.integers(1, 3))):
        path = tuple(draw(st.lists(st.integers(0, 2), max_size=2)))
        field = draw(st.sampled_from(["text", "wrap_up", "cell"]))
        row = cell = None
        if field == "cell":
            row, cell = draw(st.integers(0, 2)), draw(st.integers(0, 1))
        ref = SegmentRef(path, field, row, cell)
        lowest = used.get(ref, 0) if disjoint else 0
        start = draw(st.integers(lowest, lowest + 30))
        end = draw(st.integers(start, start + 10))
        if disjoint:
            used[ref] = end + 1
        new = draw(st.text(max_size=10))
        out.append(TextEdit(ref, start, end, new, (0, len(new))))
    return tuple(out)


@st.composite
def any_nodes(draw: st.DrawFn) -> Node:
    """A provision subtree, an omitted provision or a table."""
    what = draw(st.sampled_from(["provision", "omitted", "table"]))
    if what == "table":
        return draw(tables())
    kind = draw(st.sampled_from(list(CHILD_KINDS)))
    num = draw(designations(_style(kind)))
    if what == "omitted":
        return draw(omitted(kind, num))
    return draw(provisions(kind, num, 2))


def _child_kinds_of(parent: Address) -> list[Kind]:
    """Kinds of provision that may be inserted directly into ``parent``."""
    if not parent.steps:
        return [Kind.SECTION, Kind.SCHEDULE]
    kind = parent.steps[-1].kind
    if kind is Kind.PART:
        in_schedule = parent.steps[0].kind is Kind.SCHEDULE
        return [Kind.SCHEDULE_PARAGRAPH if in_schedule else Kind.SECTION]
    if kind is Kind.SCHEDULE:
        return [Kind.SCHEDULE_PARAGRAPH]
    return list(CHILD_KINDS.get(kind, ())) or [Kind.PARAGRAPH]


@st.composite
def arbitrary_operations(draw: st.DrawFn, act: Act | None = None,
                         well_formed: bool = False) -> Operation:
    """A well-formed operation of any type that may or may not fit ``act``.

    ``well_formed`` keeps new provisions to kinds that may stand under the
    target and positional edits of one text from overlapping (both are
    malformed whatever the text).
    """
    target = draw(addresses(act))
    occurrence = draw(occurrences())
    kind = draw(st.sampled_from(["insert_words", "substitute_words", "omit_words",
                                 "insert_provision", "substitute_provision", "omit_provision",
                                 "edit_cell", "replace_text", "replace_children"]))
    op: Operation
    if kind == "insert_words":
        position = draw(st.sampled_from(list(Position)))
        anchored = position in (Position.BEFORE, Position.AFTER)
        op = InsertWords(target=target, words=draw(_any_words()), position=position,
                         anchor=draw(_any_words()) if anchored else None,
                         occurrence=occurrence if anchored else Occurrence())
    elif kind == "substitute_words":
        op = SubstituteWords(target=target, old=draw(quoted_words()), new=draw(_any_words()),
                             occurrence=occurrence)
    elif kind == "omit_words":
        op = OmitWords(target=target, old=draw(quoted_words()), occurrence=occurrence)
    elif kind == "insert_provision":
        parent = Address(target.steps[:-1]) if draw(st.booleans()) else target
        if well_formed and parent.steps and parent.steps[-1].kind is Kind.SUBPARAGRAPH:
            parent = parent.parent  # nothing stands below a sub-paragraph
        kinds = _child_kinds_of(parent)
        nodes = draw(new_provisions(draw(st.sampled_from(kinds))))
        where = draw(st.sampled_from(["order", "before", "after", "after_words"]))
        extra: dict[str, object] = {}
        if where in ("before", "after"):
            extra[where] = draw(designations(_style(nodes[0].kind)))
        elif where == "after_words":
            extra[where] = draw(_any_words())
        op = InsertProvision(target=parent, provisions=nodes, **extra)  # type: ignore[arg-type]
    elif kind == "substitute_provision":
        last = target.steps[-1]
        nodes = (_fresh(draw, last.kind, last.num),) if well_formed or draw(st.booleans()) \
            else draw(new_provisions())
        op = SubstituteProvision(target=target, provisions=nodes)
    elif kind == "omit_provision":
        op = OmitProvision(target=target, how=draw(st.sampled_from(["omitted", "repealed"])))
    elif kind == "edit_cell":
        entry = draw(texts(("",), max_words=3))
        op = EditCell(target=Address(target.steps[:1], entry), column=draw(st.integers(1, 3)),
                      new=draw(_any_words()))
    else:
        op = draw(positional_operations(well_formed, replace_text=kind == "replace_text"))
    return draw(with_metadata(op))


@st.composite
def positional_operations(draw: st.DrawFn, well_formed: bool = False,
                          replace_text: bool | None = None) -> Operation:
    """A ReplaceText (edits at index paths) or ReplaceChildren (nodes for a slice of children)."""
    if replace_text is None:
        replace_text = draw(st.booleans())
    if replace_text:
        return ReplaceText(path=tuple(draw(st.lists(st.integers(0, 3), min_size=1, max_size=3))),
                           edits=draw(text_edits(disjoint=well_formed)))
    start = draw(st.integers(0, 3))
    return ReplaceChildren(path=tuple(draw(st.lists(st.integers(0, 3), max_size=2))),
                           start=start, end=draw(st.integers(start, start + 2)),
                           nodes=tuple(draw(st.lists(any_nodes(), max_size=2))))
