"""The grammar of UK amending instructions.

:func:`parse` reads a whole amending provision ("2 (1) The X Act 1970 is
amended as follows. (2) In section 6— (a) …; (b) …") or a single
instruction ("in subsection (1), after “X” insert “Y”") into
:class:`~lawdiff.parse.model.ParsedOp` records.

It works on a skeleton of the text (quotations masked, see
:mod:`lawdiff.parse.quotes`): the numbered items are found and nested
(:mod:`lawdiff.parse.markers`), then each item is read with a hand-written
scanner.  An item with sub-items must be a lead-in ("In section 6—", "The
X Act is amended as follows."), which passes its context (the Act, the
provision) down; an item without sub-items is a list of clauses, each an
optional run of locating phrases ("in subsection (1),") followed by one
change.  Whatever cannot be read raises InstructionParseError naming the
span; nothing is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, NamedTuple

import attrs

from lawdiff.errors import InstructionParseError
from lawdiff.parse.markers import Item, build_items, find_markers
from lawdiff.parse.model import (
    ParsedOp,
    QuotedProvision,
)
from lawdiff.parse.quoted import parse_quoted, starts_with_provision
from lawdiff.parse.quotes import Q_OPEN, QUOTE, Quote, collapse, curly, scan_quotes
from lawdiff.parse.refs import (
    AS_INSERTED,
    DASH,
    DESIG_LIST,
    Comp,
    Ref,
    compose,
    level_target,
    nest,
    read_act,
    read_glosses,
    read_ref,
    ref_levels,
    render,
    render_ref,
)

_I = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


_ORD = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
_ORDINALS = {w: i + 1 for i, w in enumerate(_ORD.split("|")[:-2])}
# "it", "they", "those words", "that word", "the number", "those figures": what an
# occurrence qualifier speaks of.
_THE_WORDS = (r"(?:it|they|(?:those|these|the)\s+(?:words|figures|numbers|references"
              r"|expressions|terms|dates|sums|amounts)"
              r"|(?:that|this|the)\s+(?:word|figure|number|reference|expression|term|phrase"
              r"|date|sum|amount|year|letter|name))")
# Quoted words, with what they are: "the words", "the figure", "the words and figures",
# "the sum", "the date" …
_WORDS_ARE = (r"(?:words?(?:\s+and\s+(?:figures?|letters?|numbers?))?|figures?(?:\s+and\s+words?)?"
              r"|letters?|numbers?|sums?|amounts?|dates?|years?|expressions?|phrases?)")
_OCCURS = r"(?:occurs?|appears?|occurring|appearing)"
_IT_OCCURS = rf"(?:\s+(?:where\s+|in\s+which\s+|that\s+)?{_THE_WORDS}\s+{_OCCURS})?"
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10}
# The words of an occurrence qualifier, wherever it stands.
_OCC_WORDS = (
    rf"(?P<both>in\s+both\s+(?:the\s+)?places{_IT_OCCURS})"
    rf"|(?P<each>in\s+(?:each|every|all(?:\s+the)?)\s+places?{_IT_OCCURS}"
    rf"|in\s+each\s+of\s+the\s+places{_IT_OCCURS}"
    rf"|wherever\s+(?:occurring|appearing|{_THE_WORDS}\s+{_OCCURS})"
    rf"|on\s+(?:each|every)\s+occasion(?:\s+(?:(?:on\s+which|where|when|that)\s+)?"
    rf"{_THE_WORDS}\s+{_OCCURS})?"
    rf"|(?:each|every)\s+time\s+{_THE_WORDS}\s+{_OCCURS}"
    r"|(?P<case>in\s+each\s+case))"
    rf"|where\s+{_THE_WORDS}\s+(?P<o1>{_ORD})\s+{_OCCURS}"
    rf"|where\s+{_THE_WORDS}\s+{_OCCURS}\s+for\s+the\s+(?P<o2>{_ORD})\s+time"
    rf"|in\s+the\s+first\s+(?P<count>{'|'.join(_COUNTS)})\s+places{_IT_OCCURS}"
    rf"|in\s+(?:the\s+)?(?P<olist>(?:{_ORD})(?:(?:\s*,\s*|\s+and\s+)(?:the\s+)?(?:{_ORD}))*)"
    rf"\s+places?{_IT_OCCURS}")
# A qualifier after quoted words: between commas, in brackets or after a space.
_OCC = _rx(rf"(?P<lead>\s*+[,(]\s*+|\s++)(?:{_OCC_WORDS})(?P<close>\s*+\))?")
# A qualifier before the words it speaks of, as a locating phrase: "in each place where it
# occurs, for “X” substitute “Y”".
_OCC_BEFORE = _rx(rf"(?:{_OCC_WORDS})(?=\s*+,)")
_ORD_WORD = _rx(_ORD)
# What an occurrence qualifier or "in REF" after quoted words may start with.
_MAY_QUALIFY = _rx(r"\s*+(?:[,(]|wh|in\s|on\s|each\s|every\s)")
_SECOND_WORD = re.compile(r"\s++([A-Za-z]+)")
# The words after "in" that may open an occurrence qualifier ("in both places", "in the
# first place", "in second place", "in each case").
_OCC_SECOND = frozenset(_ORD.split("|")) | {"both", "each", "every", "all", "the"}
# Quoted words with their place attached: "the second “X”", "the last occurrence of “X”",
# "every reference to “X”", "each occurrence of the words “X”".
_PLACED_WORDS = _rx(
    rf"(?:(?:the\s+)?(?P<ord>{_ORD})|(?P<every>each|every)(?=\s+(?:occurrence|reference)))"
    rf"\s+(?:(?:occurrence\s+of|reference\s+to)\s+)?(?:the\s+words?\s+)?(?P<q>{QUOTE})")
# The words a level of a reference may be named by when its word cannot be told.
_MAYBE_PARAGRAPH = ("paragraph", "subparagraph", "subsubparagraph")

_WORDS = _rx(rf"(?:the\s+(?:{_WORDS_ARE}\s+)?)?(?P<q>{QUOTE})")
# A range: its first words (their place may be attached: "from the second “A”"), then,
# after any occurrence qualifier of those words, where it ends.
_RANGE_FROM = _rx(rf"(?:the\s+words?\s+)?(?:from|beginning\s+with)\s+"
                  rf"(?:(?P<the>the)\s+(?P<ord>{_ORD})\s+)?"
                  rf"(?P<a>{QUOTE})")
# A range from the beginning of the provision's text: "the words from the beginning to “B”".
_RANGE_BEGINNING = _rx(rf"(?:the\s+words?\s+)?from\s+the\s+beginning\s+to\s+"
                       rf"(?:the\s+words?\s+)?(?P<b>{QUOTE})")
# "the words after “X”", "the words before “X”": the words beside X, X left out.
_WORDS_BESIDE = _rx(rf"the\s+words\s+(?P<rel>after|following|before|preceding)\s+(?P<a>{QUOTE})")
# A range named by its first words alone, with no "from": "for “A” to the end substitute",
# "omit the words “A” onwards".  Only a range to the end: "“A” to “B”" is not read.
_RANGE_BARE = _rx(rf"(?:the\s+words?\s+)?(?P<a>{QUOTE})"
                  r"(?=\s*+(?:,\s*+)?(?:to\s+the\s+end|onwards)(?!\w))")
_RANGE_TO = _rx(
    rf"\s*+(?:,\s*+)?(?:(?:to|and\s+ending\s+with(?=\s+(?:the\s+[a-z]+\s+)?{QUOTE}))\s+"
    rf"(?:(?:(?P<bord>the\s+(?:{_ORD}))\s+)?(?P<b>{QUOTE})|(?P<end>the\s+end)"
    r"(?P<endof>\s+of\s+(?:(?:the\s+|that\s+)?(?:sub-?sections?|sub-?paragraphs?|paragraphs?"
    rf"|sections?|definitions?|sentences?|entry|items?|regulations?|articles?|rules?)"
    rf"(?:\s+{DESIG_LIST})?|(?:[^\s,;:\ue001\u2014\u2013]++"
    r"|\s++(?!(?:substitute|insert|omit|there|shall|is|are)\b))+))?)"
    r"|(?P<onwards>onwards))")
_INCLUSIVE = _rx(r"\s*+(?:\(\s*+(?:both\s+)?inclusive\s*+\)|(?:both\s+)?inclusive(?!\w))")
_OF = re.compile(r"\s+of\s+")
_THE_WORD = _rx(r"the\s+(?P<w>sub-?sections?|sub-?paragraphs?|paragraphs?|sections?|schedules?"
                r"|regulations?|articles?|rules?)(?!\w)")
_AND_WORDS = _rx(rf"(?:\s*+,\s*+(?:and\s++)?|\s++and\s++)(?:the\s+words?\s+)?(?P<q>{QUOTE})")
_LIST_SEP = _rx(rf"\s*+(?:,\s*+(?:and\s++)?|and\s++)(?=(?:the\s+words?\s+)?{QUOTE})")
_COMMA = re.compile(r"\s*+(?:,\s*+)?")
_NEXT_QUOTE = re.compile(rf"\s*+(?P<q>{QUOTE})")
_BLOCK = f"(?P<dash>\\s*+(?::\\s*+)?(?:{DASH})|\\s*+:)?\\s*+"
_DESCRIPTOR = (r"(?P<desc>\s++the\s++following"
               r"(?:\s++(?:new\s++)?(?!(?:for|at|in|after|before)(?![\w-]))[a-z-]+)?"
               rf"|\s++the\s++{_WORDS_ARE})?")
_RESP = r"(?P<resp>\s++respectively(?!\w))?"
# "after subsection (2) the following subsection is (shall be) inserted—": the new text
# described before the passive verb, after the place.
_FOLLOWING_PRE = r"(?P<pre>the\s+following(?:\s+(?:new\s+)?[a-z-]+)?\s+)?"
_INSERT_VERB = _rx(
    r"\s*+(?:,\s*+)?(?:insert|add|there\s+(?:shall\s+be|is|are)\s+(?:inserted|added)"
    rf"|{_FOLLOWING_PRE}(?:shall\s+be|is|are)\s+(?:inserted|added)){_RESP}{_DESCRIPTOR}{_BLOCK}")
_SUBST_VERB = _rx(
    r"\s*+(?:,\s*+)?(?:substitute|there\s+(?:shall\s+be|is|are)\s+substituted"
    rf"|{_FOLLOWING_PRE}(?:shall\s+be|is|are)\s+substituted){_RESP}{_DESCRIPTOR}{_BLOCK}")
_RESPECTIVELY = _rx(r"\s*+(?:,\s*+)?respectively(?!\w)")
_DESCRIBED = _rx(_DESCRIPTOR)
_BLOCK_RX = _rx(_BLOCK)
_SPACE_COMMA = _rx(r"\s*+(?:,\s*+)?")
# The verb-first old form: "There shall be inserted after section 5 the following section—".
_VERB_FIRST = _rx(r"there\s+(?:shall\s+be|is|are)\s+(?P<v>inserted|added|substituted)"
                  r"\s*+(?:,\s*+)?")
# "there shall be omitted (from subsection (2)) the words “X”", "there are repealed …".
_FROM_PLACE = _rx(r"from\s+(?!“|\")")
_NOTHING = _rx(r"")
_VERB_FIRST_OMIT = _rx(r"there\s+(?:shall\s+be|is|are)\s+(?P<v>omitted|repealed)\s*+(?:,\s*+)?")
# What stands for the verb after the place in that form: "the following section—", "the words".
_VERB_FIRST_OBJECT = _rx(
    rf"\s*+(?:,\s*+)?(?P<desc>the\s+following(?:\s+(?:new\s+)?[a-z-]+)?|the\s+{_WORDS_ARE})?"
    f"{_BLOCK}")
# A passage named by its place, with no number of its own: "the unnumbered paragraph",
# "the second sentence", "the fifth indent".
_PASSAGE = _rx(r"the\s+(?:[a-z]+\s+)?(?:unnumbered\s+)?(?:sub-?paragraphs?|paragraphs?"
               r"|sentences?|indents?)$")
_AFTER_BEFORE = _rx(r"(?:immediately\s+)?(?P<pos>after|before)\s+")
# "the" is left to the reference in "at the end of the definition of “X”" (or entry, or a
# passage: "of the first subparagraph").
_AT_END = _rx(r"at\s+(?:the\s+)?(?P<w>end|beginning)"
              r"(?P<of>\s+of\s+(?:the\s+(?!(?:definitions?|entry|entries|unnumbered|first|second"
              r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|penultimate"
              r"|single|only)\s))?)?")
_APPROPRIATE = _rx(r"(?:at|in)\s+the\s+appropriate\s+(?P<pl>places?)"
                   r"(?:\s+in\s+(?:alphabetical|numerical)\s+order)?(?P<in>\s+in\s+)?")
# After "at the end of paragraph (b)": the words there are omitted.
_THEN_OMIT = _rx(r"\s*+(?:,\s*+)?omit\s+")
# Between entries inserted at the appropriate place: "“A”; “B”; and “C”".
_SEMI_QUOTE = _rx(rf"\s*+;\s*+(?:and\s++)?(?P<q>{QUOTE})")
_THEN_FOR = _rx(r"\s*+(?:,\s*+)?(?=for\s)")
# "in the list of sections beginning with “22B,”": where words are, not a provision.
_IN_LIST = _rx(rf"in\s+the\s+list\s+of\s+[a-z -]+?\s+(?:beginning|starting)\s+with\s+{QUOTE}")
_LEAVE_OUT = _rx(r"leave\s+out\s+")
_REPEAL = _rx(r"repeal\s+")
_AND_INSERT = _rx(rf"\s*+(?:,\s*+)?and\s+insert{_DESCRIPTOR}{_BLOCK}")
# "the following subsection is inserted after subsection (2)—": the new text described
# first, the place after the verb.
_FOLLOWING_IS = _rx(r"the\s+following(?:\s+(?:new\s+)?[a-z-]+)?\s+(?:shall\s+be|is|are)\s+"
                    r"(?P<v>inserted|added|substituted)\s*+(?:,\s*+)?")
_PASSIVE_INSERT = _rx(r"\s*+(?:,\s*+)?(?:shall\s+be|is|are)\s+(?:inserted|added)\s*+(?:,\s*+)?")
# A provision, or the existing text of one, given a new number; a heading given new words.
_BECOMES = _rx(r"\s+(?:becomes?|shall\s+become|is\s+to\s+become"
               r"|(?:is|are|shall\s+be|is\s+to\s+be)\s+(?:re-?numbered|re-?designated)(?:\s+as)?"
               r"|(?:is|shall\s+be|is\s+to\s+be)\s+numbered\s+as)\s+")
_EXISTING = _rx(r"the\s+existing\s+(?:text|words|provision)(?:\s+of\s+)?")
_RENUMBER = _rx(r"re-?number\s+")
# "number the existing text as subsection (1)", "make the existing provision paragraph (1)":
# the verb goes with the existing text only.
_NUMBER_EXISTING = _rx(r"(?:number|make)\s+(?=the\s+existing\s)")
_AS = _rx(r"\s+as\s+")
_SPACE = _rx(r"\s+")
_EACH_OF = _rx(r"(?:each|both)\s+of\s+(?!the\s+following)")
# "in (each of) the following provisions": the change is made in each provision listed
# in the items below.
_IN_FOLLOWING = _rx(r"in\s+(?:each\s+of\s+)?the\s+following\s+(?:provisions|places)(?!\w)"
                   r"(?=\s*+,)")
_LIST_END = _rx(f"\\s*+(?:,\\s*+)?(?:in\\s+(?:each\\s+of\\s+)?the\\s+following\\s+"
                f"(?:provisions|places)(?!\\w))?\\s*+(?::\\s*+)?(?:{DASH}|:)\\s*+")
_FOR = _rx(r"for\s+")
# "substitute “Y” for “X”": the verb first, the new text, then "for" and what it replaces.
_SUBST_FIRST = _rx(r"substitute(?!\w)")
_FOR_AFTER = _rx(r"\s*+(?:,\s*+)?for\s+")
_OMIT = _rx(r"omit\s+")
_BARE_INSERT = _rx(r"(?:insert|add)(?!\w)")
_SUBSTITUTING = _rx(r"substituting\s+for\s+")
_INSERTING = _rx(r"(?:inserting|adding)\s+(?:(?P<pos>after|before)\s+|(?P<end>at\s+the\s+end\s+))")
_OMITTING = _rx(r"omitting\s+")
_PASSIVE_OMIT = _rx(
    r"\s*+(?:,\s*+)?(?:(?:shall\s+be|is|are)\s+(?:hereby\s+)?(?P<omitted>omitted|repealed|revoked)"
    r"|(?:shall\s+|do\s+|does\s+)?(?:cease|ceases)\s+to\s+have\s+effect)")
_PASSIVE_SUBST = _rx(r"\s+(?:shall\s+be|is|are)\s+substituted\s+for\s+")
_AND_WORD_IT = _rx(
    rf"(?:\s*+,)?\s++(?:and|together\s++with)\s++(?:the\s+(?:words?\s+)?)?(?P<q>{QUOTE})\s++"
    r"(?:immediately\s++)?"
    r"(?P<rel>before|preceding|after|following)\s+(?:it|them)")
# The same in brackets: "paragraph (b) (and the word “and” immediately preceding it)".
_AND_WORD_IT_BRACKETED = _rx(
    rf"\s*+\(\s*+and\s++(?:the\s+(?:words?\s+)?)?(?P<q>{QUOTE})\s++(?:immediately\s++)?"
    r"(?P<rel>before|preceding|after|following)\s+(?:it|them)\s*+\)")
_AND_WORD_AT_END = _rx(
    rf"(?:\s*+,)?\s++(?:and|together\s++with)\s++(?:the\s+(?:words?\s+)?)?(?P<q>{QUOTE})\s++at\s+the\s+end\s+of\s+")
_AND = _rx(r"(?:\s*+,)?\s++and\s++")
_WORD_POSITION = _rx(r"\s++(?:immediately\s++)?(?P<rel>before|preceding|after|following)\s++"
                     r"|\s++at\s+the\s+end\s+of\s++(?:the\s++)?")
_IN = _rx(r"(?:in|within)\s+")
_IN_AFTER_WORDS = _rx(r"\s*+(?:,\s*+)?in\s+")
_THAT_NEAR = _rx(r"that|same")
_OF_THAT = _rx(r"\s+of\s+(?P<that>(?:that|the\s+same)\s+(?P<w>sub-?sections?|sub-?paragraphs?"
               r"|paragraphs?|sections?|schedules?|parts?|chapters?|regulations?|articles?|rules?"
               r"|points?|annex|tables?|forms?)(?!\w))")
_THAT = _rx(r"(?:that|the\s+same)\s+(?P<w>sub-?sections?|sub-?paragraphs?|paragraphs?|sections?"
            r"|schedules?|parts?|chapters?|regulations?|articles?|rules?|points?|annex"
            r"|tables?|forms?|definitions?|entry)(?!\w)")
_WORDS_BEFORE = _rx(r"the\s+(?:(?P<oc>opening|closing|introductory|concluding)\s+)?words\s+"
                    r"(?P<rel>before|after|preceding|following)\s+")
_OPENING_WORDS = _rx(r"the\s+(?:(?P<oc>opening|closing|introductory|concluding)\s+words"
                     r"|(?P<oc2>tailpiece|chapeau))(?!\w)(?P<of>\s+of\s+(?:the\s+)?)?")
# "the concluding words “X”": opening or closing words quoted to say what they are.
_OPENING_WORDS_QUOTED = _rx(r"the\s+(?:(?P<oc>opening|closing|introductory|concluding)\s+words"
                            rf"|(?P<oc2>tailpiece|chapeau))\s++(?P<q>{QUOTE})")
# New words that begin with a number, as a provision does: "1. The Secretary of State …".
_NUMBERED_START = re.compile(r"(?:\([0-9A-Za-z]{1,5}\)|[0-9]+[A-Z]*\.?)\s")
# Punctuation named, not quoted: "for the full stop at the end substitute a semi-colon".
_PUNCT_OLD = _rx(r"the\s+(?P<pn>full[\s-]?stop|comma|semi-?colon|colon)(?![\w-])")
_PUNCT_NEW = _rx(r"\s*+an?\s+(?P<pn>full[\s-]?stop|comma|semi-?colon|colon)(?![\w-])")
_PUNCT_MARK = {"fullstop": ".", "comma": ",", "semicolon": ";", "colon": ":"}
# The words a provision's opening or closing words are also called by.
_PART_WORD = {"opening": "opening", "introductory": "opening", "chapeau": "opening",
              "closing": "closing", "concluding": "closing", "tailpiece": "closing"}
_UNDER_HEADING = _rx(rf"under\s+the\s+(?:italic\s+)?(?:cross-?)?heading\s+{QUOTE}")
_AT_END_OF = _rx(r"at\s+the\s+(?:end|beginning)\s+of\s+(?:the\s+)?")
_POSITION_FOLLOWS = _rx(r"\s*+(?:,\s*+)?(?:after|before)\s")
_ACCORDINGLY = _rx(r"accordingly\s*,\s*")
_AMENDED_BY = _rx(r"\s+(?:is|are|shall\s+be)\s+(?:hereby\s+)?amended\s+by\s+")
_PREFIX_SEP = re.compile(r"\s*+(?:,\s*+)?")
_INTRO_END = _rx(f"\\s*+(?::\\s*+)?(?:{DASH})\\s*+|\\s*+:\\s*+")
# A run of full stops, colons and dashes ending a lead-in, each character read once.
_PUNCT_RUN = "[.:\u2014\u2013\u2012\u2010\u2011\u2212-]*+"
_LEADIN = _rx(
    r"\s+(?:is|are|shall\s+be)\s+(?:further\s+|hereby\s+)?amended\s+(?:as\s+follows"
    r"|in\s+accordance\s+with\s+(?:the\s+following\s+(?:provisions|sub-?sections|paragraphs"
    r"|sub-?paragraphs)(?:\s+of\s+this\s+\w+)?|(?:sub-?sections?|paragraphs?|sub-?paragraphs?)"
    rf"\s+{DESIG_LIST}(?:\s+(?:of\s+this\s+\w+|below))?)"
    r"|as\s+(?:is\s+)?set\s+out\s+in\s+(?:sub-?sections?|paragraphs?|sub-?paragraphs?)"
    rf"\s+{DESIG_LIST}(?:\s+(?:of\s+this\s+\w+|below))?)\s*+{_PUNCT_RUN}\s*+")
_THE = _rx(r"the\s+")
# The provisions numbered through a whole Act or instrument, not within its Parts.
_NUMBERED_THROUGH = frozenset({"section", "regulation", "article", "rule"})
# A lead-in whose sub-items list whole provisions to go: "The following provisions are
# repealed—", "The following provisions of the 1930 Act are revoked—", "The following
# enactments shall cease to have effect—".
_FOLLOWING_PROVISIONS = _rx(r"the\s+following\s+(?:provisions|enactments)(?P<of>\s+of\s+)?")
_LISTED_GO = _rx(r"\s*+(?:,\s*+)?(?:(?:are|shall\s+be)\s+(?:hereby\s+)?"
                 r"(?P<how>repealed|revoked|omitted)|(?:shall\s+)?cease\s+to\s+have\s+effect)")
#: What ``act`` is for "in any enactment".
ANY_ENACTMENT = "any enactment"
_ANY_ENACTMENT = _rx(r"any\s+enactment(?=\s*+[,(\u2014\u2013-]|\s++(?:for|after|before|omit"
                     r"|at|there|the|in)\b)")
_ENACTMENTS = _rx(rf"\s+in\s+the\s+following\s+(?:enactments|provisions|instruments){_BLOCK}")
_LEAD_NUM = re.compile("\\s*(?P<n>\\d{1,3}[A-Z]{0,2})(?:\\.\\s*(?:[\u2014\u2013-]\\s*)?|\\s+)"
                       "(?=\\(|[A-Z])")
_SEPARATOR = _rx(r"\s*+(?:;\s*+(?:(?:and|or)\s++)?|,\s*+(?:(?:and|or)\s*+(?:,\s*+)?)?"
                 r"|(?:and|or)\s*+(?:,\s*+)?)")
_TAIL_CHARS = frozenset(" \t\r\n\f\v\u00a0.,;:")
_INTRO_TAIL_CHARS = _TAIL_CHARS | frozenset("\u2014\u2013-")
# List words that may end an item after "," or ";" ("…; and"); "but" qualifies what
# follows it, so an item ending in "but" is not read.
_TAIL_WORDS = ("and", "or")
_COMMA_NEXT = re.compile(r"\s*,")
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_ACTION_WORDS = frozenset({"after", "before", "for", "omit", "insert", "substitute"})
_REF_INITIALS = frozenset("sSpPrRaAcCnNiItTfF")
_ENACTMENT_SEP = _rx(r"\s*+,\s*+")


class Ctx(NamedTuple):
    """What the instruction is about so far: the Act, and the innermost reference
    (``own``, placed in ``base``) with the text it was written as; ``part``
    narrows it to the provision's opening or closing words."""

    act: str | None = None
    base: tuple[Comp, ...] = ()
    own: tuple[Comp, ...] = ()
    more: tuple[tuple[str, tuple[Comp, ...]], ...] = ()
    target: str | None = None
    #: "opening" or "closing" when only the provision's words before (or after) its
    #: children are meant: "in the words before paragraph (a)", "in the closing words".
    part: str | None = None
    #: The child named with the part ("paragraph (a)" in "the words before paragraph (a)").
    beside: tuple[Comp, ...] = ()
    #: The words of an "(as inserted by …)" qualifier after a reference in context.
    inserted_by: str | None = None

    @property
    def comps(self) -> tuple[Comp, ...]:
        """The address components of the whole context."""
        return compose(self.base, self.own)

    def with_ref(self, ref: Ref) -> Ctx:
        """This context narrowed to ``ref``."""
        act: str | None
        if ref.act_named and ref.act:
            act, own, more = ref.act, ref.comps, ref.more
        else:
            base = self.comps
            act, own = self.act, nest(base, ref.comps)
            more = ref.more
            if own is not ref.comps:
                more = tuple((sep, nest(base, comps)) for sep, comps in ref.more)
        return Ctx(act, self.comps, own, more, ref.target,
                   inserted_by=ref.inserted_by or self.inserted_by)

    def hint(self) -> str | None:
        """What unbracketed numbers in a quoted structure would be, going by the
        innermost provision: "section", "paragraph" or "part"."""
        own = self.own
        if not own:
            return None
        kind = own[-1].kind
        if kind in ("section", "regulation", "article", "rule"):
            return "section"
        if kind == "sch_para":
            return "paragraph"
        if kind in ("part", "chapter"):
            return "part"
        return None


@attrs.define(slots=True)
class _Draft:
    action: str
    ctx: Ctx
    position: str | None = None
    anchor: Quote | None = None
    old: Quote | None = None
    old_to: Quote | None = None
    ranged: bool = False
    new: tuple[Quote, ...] = ()
    rule: str = "only"
    indices: tuple[int, ...] = ()
    obj_ref: bool = False
    block: bool = False
    #: The words of an "(as inserted by …)" qualifier after the quoted words.
    inserted_by: str | None = None
    omit_how: str | None = None
    structural: bool = False
    pending: bool = False
    start: int = 0
    #: Where an "in each case" qualifier was (see _Occ.case_span).
    case_span: tuple[int, int] | None = None
    #: For a renumbering: the provision as it is to be numbered.
    renumbered: Ctx | None = None
    #: The provision a range runs "to the end of", when one is named, and where the
    #: words naming it (" of paragraph (b)") are.
    end_of: Ctx | None = None
    end_of_span: tuple[int, int] = (0, 0)
    #: Where punctuation named in words ("the full stop") stands for ``old``: it must be
    #: placed "at the end", where only the provision's closing mark can be meant.
    punct_span: tuple[int, int] | None = None
    #: Provisions inserted with no place named ("insert— “(A1) …”").
    unplaced: bool = False
    #: A range "from the beginning to “B”": ``old`` holds “B”, where it ends.
    from_start: bool = False
    #: Where the words of a change the machine reading has no form for are (see
    #: ParsedOp.inexpressible); None for any other change.
    inexpressible: tuple[int, int] | None = None
    #: "after" or "before" for "the words after (before) “X”": ``old`` holds “X”.
    side: str | None = None


class _Occ(NamedTuple):
    rule: str
    indices: tuple[int, ...]
    #: Where "in each case" was said: after a list of provisions it may mean "in each of
    #: them" rather than "in each place", so it is refused there.
    case_span: tuple[int, int] | None = None


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.sk, quotes = scan_quotes(text)
        for q in quotes:
            if not q.words:
                # No change is made of no words: "for “” substitute “b”", "omit “ ”", and
                # no entry, definition or heading is named by them.
                raise InstructionParseError("a quotation with no words in it", text=text,
                                            span=(q.start, q.end))
        self.quotes = {q.start: q for q in quotes}
        # Every reference applied, with the context before and after it, for "in that
        # paragraph" (read back only when such words occur).
        self.applied: list[tuple[Ref, Ctx, Ctx]] = []
        self.ops: list[ParsedOp] = []
        # The lead-ins ("In section 6 (director of social services)—") of the items
        # around the one being read, for each op's standalone instruction text.
        self.intros: list[str] = []
        self.refs: dict[int, Ref | None] = {}
        self.last_ctx = Ctx()
        # True while reading the place of a verb-first clause ("There shall be inserted
        # after section 5 the following section—"): the verb has been read already.
        self.verb_first = False
        # An occurrence qualifier read before the words it speaks of ("in each place where
        # it occurs, for “X” …"), with where it is, until the clause after it is read.
        self.lead_occ: tuple[_Occ, int, int] | None = None
        # Where "in each of the following provisions," was read before the change, until the
        # item's list of provisions is read.
        self.listed: tuple[int, int] | None = None
        # How the provisions listed under "The following provisions are repealed—" go
        # ("repealed" or "omitted"), one entry per such lead-in being read.
        self.going: list[str] = []

    # --- errors and small helpers ------------------------------------------------------

    def error(self, message: str, start: int, end: int) -> InstructionParseError:
        """An InstructionParseError for ``text[start:end]``, white space trimmed off."""
        start, end = self.trim(start, max(end, start))
        return InstructionParseError(message, text=self.text, span=(start, end))

    def quote(self, start: int) -> Quote:
        return self.quotes[start]

    def punct(self, m: re.Match[str]) -> Quote:
        """The punctuation mark named by ``m`` ("the full stop", "a semi-colon") as the
        words it stands for, spanning its name."""
        mark = _PUNCT_MARK[m.group("pn").lower().replace("-", "").replace(" ", "")]
        return Quote(m.start("pn"), m.end(), mark, mark)

    def content_end(self, start: int, end: int, tail: frozenset[str] = _TAIL_CHARS) -> int:
        """``end`` moved back over closing punctuation ("; and", ".", ",") and space."""
        sk = self.sk
        while end > start:
            if sk[end - 1] in tail:
                end -= 1
                continue
            for word in _TAIL_WORDS:
                n = len(word)
                if (end - n > start and sk[end - n:end].lower() == word
                        and sk[end - n - 1] in _TAIL_CHARS
                        and self._after_punct(start, end - n - 1)):
                    end -= n
                    break
            else:
                return end
        return end

    def _after_punct(self, start: int, end: int) -> bool:
        """True when the text before ``end`` (after space) ends with "," or ";"."""
        j = end
        while j > start and self.sk[j - 1].isspace():
            j -= 1
        return j > start and self.sk[j - 1] in ",;"

    def trim(self, start: int, end: int) -> tuple[int, int]:
        sk = self.sk
        while start < end and sk[start].isspace():
            start += 1
        while end > start and sk[end - 1].isspace():
            end -= 1
        return start, end

    def occ(self, pos: int) -> tuple[_Occ | None, int]:
        """An optional occurrence qualifier at ``pos`` (", in both places,", "(wherever it
        occurs)", "where it first occurs"); returns it (or None) and the position after."""
        if not self.may_qualify(pos):
            return None, pos
        m = _OCC.match(self.sk, pos)
        if m is None:
            return None, pos
        if "(" in m.group("lead") and not m.group("close"):
            return None, pos
        # The qualifier's span, without a closing bracket ("(in the first place)").
        q_start, q_end = m.end("lead"), m.start("close") if m.group("close") else m.end()
        return self.occ_of(m, q_start, q_end), m.end()

    def occ_of(self, m: re.Match[str], q_start: int, q_end: int) -> _Occ:
        """The rule an occurrence qualifier (matched by ``m``, at ``q_start``..``q_end``)
        gives; raises InstructionParseError for places that cannot be told apart."""
        if m.group("both"):
            return _Occ("both", ())
        if m.group("each"):
            return _Occ("each", (), (q_start, q_end) if m.group("case") else None)
        if m.group("count"):
            return _Occ("nth", tuple(range(1, _COUNTS[m.group("count").lower()] + 1)))
        return self.ordinals(m.group("o1") or m.group("o2") or m.group("olist"), q_start, q_end)

    def ordinals(self, words: str, q_start: int, q_end: int) -> _Occ:
        """The rule for ordinals ("first", "second and third", "last") said at
        ``q_start``..``q_end``."""
        named = [w.lower().replace("final", "last") for w in _ORD_WORD.findall(words)]
        if "last" in named:
            if len(named) > 1:
                # "in the first and last places": no single rule says which matches.
                raise self.error("the last occurrence cannot be combined with others",
                                 q_start, q_end)
            return _Occ("last", ())
        places = [_ORDINALS[w] for w in named]
        if len(set(places)) != len(places):
            # "in the first and first places": a slip for some other place, which cannot
            # be told.
            raise self.error("the same place is named twice", q_start, q_end)
        # "in the third and first places" names the same places as "in the first and
        # third places": the order they are listed in does not change which they are.
        return _Occ("nth", tuple(sorted(places)))

    def ref(self, pos: int) -> Ref | None:
        # The same place is often tried as a prefix, an object and a passive subject.
        if pos in self.refs:
            return self.refs[pos]
        if pos >= len(self.sk) or self.sk[pos] not in _REF_INITIALS:
            got = None
        else:
            got = read_ref(self.sk, self.text, pos, self.quotes)
            if got is not None and got.act is None and \
                    _THAT_NEAR.search(self.sk, got.chain_end, got.chain_end + 24) and \
                    (m := _OF_THAT.match(self.sk, got.chain_end)) is not None:
                # "paragraph (1) of that Article": resolved when applied (apply_ref).
                word = _singular_word(m.group("w"))
                end, inserted_by = read_glosses(self.sk, self.text, m.end())
                got = got._replace(
                    end=end, of_that=(word, m.start("that"), m.end()),
                    target=curly(collapse(self.text[pos:m.end()])),
                    inserted_by=inserted_by or got.inserted_by)
        self.refs[pos] = got
        return got

    def apply_ref(self, ctx: Ctx, ref: Ref) -> Ctx:
        """``ctx`` narrowed to ``ref``; remembers the provision for "that paragraph"."""
        if ctx.part is not None:
            raise self.error(f"a provision cannot be named inside the {ctx.part} words of "
                             f"another", ref.start, ref.end)
        if ref.of_that is not None:
            word, start, end = ref.of_that
            found = self.named(word)
            if found is None:
                raise self.error(f"no single {word} was named before for this to refer to",
                                 start, end)
            ctx = found
        out = ctx.with_ref(ref)
        self.applied.append((ref, ctx, out))
        return out

    def named(self, word: str) -> Ctx | None:
        """The provision last named by ``word`` ("subsection"), for "in that subsection":
        the level of the last reference that used the word, when that reference named
        exactly one provision with it; else None.

        "subsection (1)(b)" names the subsection (1) and the paragraph (b); a
        Schedule's "paragraph 4(2)(b)" two paragraphs, so neither is "that
        paragraph"; a level whose word is unknown ("sub-paragraph (a)(i)")
        may be any kind of paragraph.
        """
        for ref, before, out in reversed(self.applied):
            levels = ref_levels(ref, self.text, self.quotes)
            found = [lv for lv in levels
                     if lv.word == word or (lv.word is None and word in _MAYBE_PARAGRAPH)]
            if not found:
                continue
            level = found[0]
            if len(found) > 1 or level.word is None or not level.single:
                return None
            if level.comps == ref.comps and not ref.more:
                return out
            target = level_target(ref, level, self.text, self.quotes)
            return Ctx(out.act, before.comps, level.comps, (), target,
                       inserted_by=out.inserted_by)
        return None

    def place(self, pos: int, ctx: Ctx) -> tuple[Ctx, int] | None:
        """A provision named at ``pos`` -- a reference ("subsection (2)") or "that
        paragraph" -- as the context narrowed to it and the position after it; None when
        neither is there."""
        r = self.ref(pos)
        if r is not None:
            return self.apply_ref(ctx, r), r.end
        return self.that(pos, ctx)

    def that(self, pos: int, ctx: Ctx) -> tuple[Ctx, int] | None:
        """"that paragraph" / "the same subsection" at ``pos``: the provision last named
        by that word, or None when the words are not there.

        Raises InstructionParseError when no such provision was named, when
        the last one named was not a single provision of that kind ("subsections
        (2) and (3)", or the subsection of "subsection (1)(b)"), or when it lies
        outside the provision in context.
        """
        m = _THAT.match(self.sk, pos)
        if m is None:
            return None
        word = _singular_word(m.group("w"))
        found = self.named(word)
        if found is None:
            raise self.error(f"no single {word} was named before for this to refer to",
                             m.start(), m.end())
        if not _nested(found.comps, ctx.comps):
            raise self.error(f"the {word} last named is not in the provision this refers to",
                             m.start(), m.end())
        return found, m.end()

    def in_ref(self, pos: int, ctx: Ctx) -> tuple[Ctx, int]:
        """An optional ", in paragraph (a)" / "in that paragraph" after quoted words."""
        if not self.may_qualify(pos):
            return ctx, pos
        m = _IN_AFTER_WORDS.match(self.sk, pos)
        if m is None:
            return ctx, pos
        t = self.that(m.end(), ctx)
        if t is not None:
            return t
        each = _EACH_OF.match(self.sk, m.end())
        r = self.ref(each.end() if each is not None else m.end())
        if r is None:
            return ctx, pos
        if each is not None and each.group().lower().startswith("both") and len(r.more) != 1:
            raise self.error(f"“both” names {len(r.more) + 1} provisions", each.start(), r.end)
        return self.apply_ref(ctx, r), r.end

    # --- quoted material ---------------------------------------------------------------

    def may_qualify(self, pos: int) -> bool:
        """A cheap look ahead: can an occurrence qualifier or "in REF" start at ``pos``?"""
        return _MAY_QUALIFY.match(self.sk, pos) is not None

    def new_quotes(self, pos: int, plural: bool = False) -> tuple[tuple[Quote, ...], int]:
        """The quotation(s) after a verb: one, or several in a row."""
        sk = self.sk
        m = _NEXT_QUOTE.match(sk, pos)
        if m is None:
            return (), pos
        found = [self.quote(m.start("q"))]
        pos = m.end()
        while sk.find(Q_OPEN, pos, pos + 8) >= 0:
            m = _NEXT_QUOTE.match(sk, pos)
            if m is None:
                break
            found.append(self.quote(m.start("q")))
            pos = m.end()
        if plural:
            while True:
                s = _LIST_SEP.match(sk, pos)
                if s is None:
                    break
                w = _WORDS.match(sk, s.end())
                if w is None:
                    break
                found.append(self.quote(w.start("q")))
                pos = w.end()
        return tuple(found), pos

    def semi_quotes(self, pos: int) -> tuple[tuple[Quote, ...], int]:
        """Further entries after inserted text, each set off by a semicolon ("“A”; “B”;
        and “C”"): separate entries, each inserted at its appropriate place."""
        found: list[Quote] = []
        while (m := _SEMI_QUOTE.match(self.sk, pos)) is not None:
            found.append(self.quote(m.start("q")))
            pos = m.end()
        return tuple(found), pos

    # --- lead-ins ----------------------------------------------------------------------

    def prefixes(self, pos: int, ctx: Ctx, end: int) -> tuple[int, Ctx, bool]:
        """Locating phrases ("In section 6 (heading), in subsection (1),") at ``pos``.

        Returns the new position, the narrowed context, and whether a "REF is
        hereby amended by" prefix was read (gerund forms follow it).
        """
        sk = self.sk
        gerund = False
        after_comma = False
        base_len = len(ctx.comps)
        while pos < end:
            start = pos
            before = ctx
            first = _FIRST_WORD.match(sk, pos)
            word = first.group().lower() if first is not None else ""
            if word in _ACTION_WORDS:
                break
            if word == "accordingly":
                m = _ACCORDINGLY.match(sk, pos)
                if m is not None:
                    pos = m.end()
                    continue
            # The word after "in" says which phrases may start here ("in each place", "in
            # the list of …", "in the following provisions"); most are references.
            nxt = _SECOND_WORD.match(sk, first.end()) if word == "in" and first else None
            second = nxt.group(1).lower() if nxt is not None else ""
            if (word in ("wherever", "where", "on", "each") or second in _OCC_SECOND) and \
                    (o := _OCC_BEFORE.match(sk, pos)) is not None:
                if self.lead_occ is not None:
                    raise self.error("the place of the words is named twice", pos, o.end())
                self.lead_occ = (self.occ_of(o, pos, o.end()), pos, o.end())
                pos = o.end()
            elif second == "the" and (f := _IN_LIST.match(sk, pos)) is not None:
                pos = f.end()
            elif second in ("the", "each") and (f := _IN_FOLLOWING.match(sk, pos)) is not None:
                self.listed = (pos, f.end())
                pos = f.end()
            elif word in ("in", "within"):
                q = _IN.match(sk, pos)
                if q is not None:
                    pos = self.in_prefix(q.end(), ctx, pos)
                    if pos != start:
                        ctx = self.last_ctx
            elif word == "under":
                m = _UNDER_HEADING.match(sk, pos)
                if m is not None:
                    pos = m.end()
            elif word == "at":
                m = _AT_END_OF.match(sk, pos)
                if m is not None:
                    r = self.ref(m.end())
                    if r is not None and _POSITION_FOLLOWS.match(sk, r.end):
                        ctx, pos = self.apply_ref(ctx, r), r.end
            elif (r := self.ref(pos)) is not None:
                if (a2 := _AMENDED_BY.match(sk, r.end)) is not None:
                    ctx, pos, gerund = self.apply_ref(ctx, r), a2.end(), True
                elif after_comma and _COMMA_NEXT.match(sk, r.end):
                    ctx, pos = self.apply_ref(ctx, r), r.end
            if pos == start:
                break
            if ctx is not before:
                self.check_nested(before, ctx, base_len, start, pos)
            sep = _PREFIX_SEP.match(sk, pos)
            assert sep is not None
            after_comma = "," in sep.group()
            pos = sep.end()
        return pos, ctx, gerund

    def check_nested(self, before: Ctx, after: Ctx, base_len: int, start: int,
                     end: int) -> None:
        """Raise InstructionParseError when the phrase at ``start``..``end`` would
        replace a provision an earlier phrase of the same run named instead of going
        inside it: "in item 14 in column (2)" and "in paragraph (a) in subsection (2)"
        (inner first: reading the second as a replacement drops the first, as the
        container is a guess), and nestings lawdiff's addresses cannot hold ("in
        Schedule 5, in rule 18", "in Article 2, in paragraph 2")."""
        old, new = before.comps, after.comps
        if old and old[-1].kind == "definition":
            # "in the definition of “X”, in paragraph (b)": the definition's paragraphs
            # are the provision's own, so the address needs no definition.
            old = old[:-1]
        if old and new and new[0].kind in _NUMBERED_THROUGH and \
                all(c.kind in ("part", "chapter") for c in old):
            # "In Part 12, in section 187": sections (regulations, articles, rules) are
            # numbered through the whole Act, so the Part only says where section 187 is.
            return
        if len(old) > base_len and new[:len(old)] != old and after.act == before.act:
            raise self.error(f"{after.target or 'this'} is not read as inside "
                             f"{before.target or 'the provision'} named just before it, "
                             f"and lawdiff does not drop the one or guess the nesting",
                             start, end)

    def in_prefix(self, q: int, ctx: Ctx, start: int) -> int:
        """What follows "in" in a locating phrase; sets ``last_ctx`` and returns the new
        position (``start`` when nothing could be read)."""
        sk = self.sk
        self.last_ctx = ctx
        each = _EACH_OF.match(sk, q)
        if each is not None:
            q = each.end()  # "in each of subsections (1) and (3)": the list, as one target
        r = self.ref(q)
        if r is not None:
            if each is not None and each.group().lower().startswith("both") and len(r.more) != 1:
                raise self.error(f"“both” names {len(r.more) + 1} provisions", each.start(), r.end)
            self.last_ctx = self.apply_ref(ctx, r)
            return r.end
        if each is not None:
            return start
        t = self.that(q, ctx)
        if t is not None:
            self.last_ctx, pos = t
            return pos
        w = _WORDS_BEFORE.match(sk, q)
        if w is not None and (r2 := self.ref(w.end())) is not None:
            return self.words_beside(w, r2, ctx)
        w = _OPENING_WORDS.match(sk, q)
        if w is not None:
            return self.opening_words(w, ctx)
        a = read_act(sk, self.text, q)
        if a is not None and a[0] is not None:
            self.last_ctx = ctx._replace(act=a[0])
            return a[1]
        m = _ANY_ENACTMENT.match(sk, q)
        if m is not None:
            self.last_ctx = ctx._replace(act=ANY_ENACTMENT)
            return m.end()
        return start

    def words_beside(self, w: re.Match[str], r: Ref, ctx: Ctx) -> int:
        """"the words before paragraph (a)" / "the words after paragraph (c)": the opening
        (or closing) words of the provision that holds the child named; sets
        ``last_ctx`` and returns the position after the reference.

        Raises InstructionParseError for "the opening words after …" and the like,
        and when the reference names no child (a list, or nothing below the
        bracketed provision).  With no context the provision that holds the
        child is unknown and the address is None, as for any unnamed target.
        """
        rel = w.group("rel").lower()
        part = "opening" if rel in ("before", "preceding") else "closing"
        if w.group("oc") and _PART_WORD[w.group("oc").lower()] != part:
            raise self.error(f"the {w.group('oc').lower()} words are not {rel} a provision",
                             w.start(), r.end)
        child = compose(ctx.comps, r.comps)
        if r.more or child[-1].kind != "bracket":
            raise self.error("cannot tell which provision's words these are",
                             w.start(), r.end)
        target = curly(collapse(self.text[w.start():w.end()])) + " " + r.target
        self.last_ctx = Ctx(ctx.act, (), child[:-1], (), target, part, child, ctx.inserted_by)
        return r.end

    def opening_words(self, w: re.Match[str], ctx: Ctx) -> int:
        """"the opening words", "the closing words (of subsection (2))": sets ``last_ctx``
        and returns the position after them."""
        part = _PART_WORD[(w.group("oc") or w.group("oc2")).lower()]
        if w.group("of"):
            r = self.ref(w.end())
            if r is None:
                raise self.error(f"cannot read which provision's {part} words are meant",
                                 w.start(), w.end())
            narrowed = self.apply_ref(ctx, r)
            target = curly(collapse(self.text[w.start():w.end()])) + " " + r.target
            self.last_ctx = narrowed._replace(target=target, part=part)
            return r.end
        self.last_ctx = ctx._replace(target=collapse(self.text[w.start():w.end()]), part=part)
        return w.end()

    def leadin(self, start: int, end: int, ctx: Ctx) -> Ctx | None:
        """A sentence that only sets context: "The X Act 1970 is amended as follows."."""
        sk = self.sk
        if sk.find("amended", start, end) < 0:
            return None
        pos = start
        r = self.ref(pos)
        if r is not None:
            new = self.apply_ref(ctx, r)
            pos = r.end
        else:
            a = read_act(sk, self.text, pos)
            if a is None:
                return None
            new = Ctx(a[0] or ctx.act)
            pos = a[1]
        m = _LEADIN.match(sk, pos, end)
        if m is None or m.end() != end:
            return None
        return new

    def going_list(self, start: int, end: int, ctx: Ctx) -> tuple[Ctx, str] | None:
        """"The following provisions (of the X Act 1930) are repealed—": the context for
        the provisions listed after it, and how they go ("repealed" or "omitted")."""
        sk = self.sk
        m = _FOLLOWING_PROVISIONS.match(sk, start, end)
        if m is None:
            return None
        new, pos = ctx, m.end()
        if m.group("of"):
            a = read_act(sk, self.text, pos)
            if a is None or a[0] is None:
                return None
            new, pos = Ctx(a[0]), a[1]
        g = _LISTED_GO.match(sk, pos, end)
        if g is None:
            return None
        t = _INTRO_END.match(sk, g.end(), end)
        if t is None or t.end() != end:
            return None
        return new, "omitted" if (g.group("how") or "").lower() == "omitted" else "repealed"

    def intro(self, start: int, end: int, ctx: Ctx) -> Ctx | None:
        """The words before sub-items: "In section 6 (heading)—" or a lead-in sentence."""
        pos, new, _ = self.prefixes(start, ctx, end)
        if self.lead_occ is not None or self.listed is not None:
            # A qualifier speaks of words, and a list of provisions follows a change: neither
            # is a lead-in.
            self.lead_occ = self.listed = None
            return None
        if pos > start:
            m = _INTRO_END.match(self.sk, pos, end)
            if m is not None and m.end() == end:
                return new
        return self.leadin(start, end, ctx)

    # --- items -------------------------------------------------------------------------

    def run(self) -> tuple[ParsedOp, ...]:
        text = self.text
        root_start, _ = self.trim(0, len(text))
        lead = _LEAD_NUM.match(self.sk)
        root = Item(lead.group("n") if lead else None, "root", root_start,
                    lead.end() if lead else root_start)
        build_items(root, find_markers(self.sk, root.own_start, len(text)), len(text))
        self.item(root, Ctx(), ())
        return tuple(self.ops)

    def item(self, item: Item, ctx: Ctx, label: tuple[str, ...]) -> Ctx:
        """Read one item; return the context for the items after it."""
        if item.num is not None:
            label = (*label, item.num)
        s, e = self.trim(item.own_start, item.own_end)
        if item.children:
            child_ctx = ctx
            going = self.going_list(s, e, ctx) if s < e and not self.going else None
            if going is not None:
                self.going.append(going[1])
                self.intros.append(self.text[s:e])
                child_ctx = going[0]
                for kid in item.children:
                    child_ctx = self.item(kid, child_ctx, label)
                self.intros.pop()
                self.going.pop()
                return ctx
            if s < e:
                got = self.intro(s, e, ctx)
                if got is None:
                    if self.leaf(item, s, e, ctx, label, enactments=True):
                        return ctx
                    p, _, _ = self.prefixes(s, ctx, e)
                    stop = self.content_end(s, e, _INTRO_TAIL_CHARS)
                    raise self.error("cannot read the lead-in", p if p < stop else s, stop)
                child_ctx = got
                self.intros.append(self.text[s:e])
            for kid in item.children:
                child_ctx = self.item(kid, child_ctx, label)
            if s < e:
                self.intros.pop()
            return ctx
        if s >= e:
            raise self.error("an item with no text", item.start, item.end)
        if self.going:
            self.gone(item, s, e, ctx, label)
            return ctx
        got = self.leadin(s, e, ctx)
        if got is not None:
            return got
        self.leaf(item, s, e, ctx, label)
        return ctx

    def gone(self, item: Item, start: int, end: int, ctx: Ctx, label: tuple[str, ...]) -> None:
        """An item listed under "The following provisions are repealed—": whole
        provisions ("section 5 of the X Act 1990;", "in Schedule 3, paragraphs 31 and
        32;"), each omitted.  Anything else (a whole Act or instrument, words) is refused."""
        stop = self.content_end(start, end)
        pos, c, gerund = self.prefixes(start, ctx, stop)
        got = None if gerund or self.lead_occ is not None or self.listed is not None \
            else self.omit_refs(pos, c, self.going[-1], pos)
        if got is None or got[1] < stop:
            at = pos if got is None else got[1]
            raise self.error("cannot read the provision listed", at, stop)
        span = (item.start, self.trim(item.start, end)[1])
        text = self.text[span[0]:span[1]]
        for d in got[0]:
            self.emit(d, item, label, span, text, tuple(self.intros))

    def leaf(self, item: Item, start: int, end: int, ctx: Ctx, label: tuple[str, ...],
             enactments: bool = False) -> bool:
        """Read the clauses of an item and emit their ops.

        With ``enactments`` the item's sub-items must be a list of enactments
        the change applies in ("… in the following enactments— (a) the X Act
        1926, section 9; …"); returns False when the item is not of that form.
        """
        sk = self.sk
        stop = self.content_end(start, end)
        pos = start
        drafts: list[_Draft] = []
        pending: list[_Draft] = []
        listed = False
        provisions = False
        self.listed = None
        while True:
            pos, ctx, gerund = self.prefixes(pos, ctx, stop)
            clause = self.gerund(pos, ctx) if gerund else self.action(pos, ctx)
            if clause is None:
                if enactments:
                    return False
                raise self.error("cannot read the instruction", pos, stop)
            if (drafts or pending) and any(d.unplaced for d in clause[0]):
                # "for “.” substitute “;” and insert— “(c) …”": beside the provision
                # changed first, or into the one in context?
                raise self.error("provisions inserted with no place named after another "
                                 "change: cannot tell which provision they go into",
                                 pos, clause[1])
            got, pos = clause
            if self.lead_occ is not None:
                self.place_lead_occ(got)
            for d in got:
                if d.pending:
                    pending.append(d)
                    continue
                if pending and d.action == "substitute" and d.old is not None:
                    for p in pending:
                        p.new, p.pending = d.new, False
                    drafts.extend(pending)
                    pending = []
                drafts.append(d)
            if enactments and (m := _ENACTMENTS.match(sk, pos)) is not None and \
                    self.trim(m.end(), end)[0] >= end:
                # "… in the following provisions— (a) section 2(1);" lists provisions of the
                # Act amended; "(a) the A Act 1926, section 9;" lists enactments.
                first = item.children[0]
                if "provision" in m.group().lower() and \
                        self.ref(self.trim(first.own_start, first.own_end)[0]) is not None:
                    provisions = True
                else:
                    listed = True
                pos = end
            elif enactments and (m := _LIST_END.match(sk, pos)) is not None and \
                    m.end() >= end and (self.listed is not None or "following" in m.group()):
                # "In each of the following provisions, for “X” substitute “Y”— (a) …;"
                provisions = True
                pos = end
            if pos >= stop:
                break
            sep = _SEPARATOR.match(sk, pos, stop)
            if sep is None or sep.end() == pos:
                if enactments:
                    return False
                raise self.error("cannot read the instruction", pos, stop)
            if sep.end() >= stop:
                if enactments:
                    return False
                raise self.error("nothing follows the list word", pos, stop)
            pos = sep.end()
        if pending:
            if enactments:
                return False
            raise self.error("no substituted words follow", pending[0].start, stop)
        if self.listed is not None and not provisions:
            raise self.error("the provisions meant are not listed after the instruction",
                             *self.listed)
        if provisions:
            self.each_listed(item, start, end, drafts, label)
            return True
        if enactments:
            if not listed:
                return False
            for kid in item.children:
                self.enactment(kid)
            for d in drafts:
                d.ctx = Ctx()
        span = (item.start, self.trim(item.start, item.end if enactments else end)[1])
        text = self.text[span[0]:span[1]]
        lead_ins = tuple(self.intros)
        for d in drafts:
            self.emit(d, item, label, span, text, lead_ins)
        return True

    def each_listed(self, item: Item, start: int, end: int, drafts: list[_Draft],
                    label: tuple[str, ...]) -> None:
        """Emit the drafts of an item that makes its change "in each of the following
        provisions", once in each provision its sub-items list ("(a) section 2(1); (b)
        section 5"), in order, each sub-item as the op's item."""
        self.intros.append(self.text[start:end])
        for kid in item.children:
            s, e = self.trim(kid.own_start, kid.own_end)
            stop = self.content_end(s, e)
            if kid.children or s >= stop:
                raise self.error("cannot read the provision listed", s, max(stop, kid.end))
            span = (kid.start, self.trim(kid.start, kid.end)[1])
            text = self.text[span[0]:span[1]]
            lead_ins = tuple(self.intros)
            for d in drafts:
                placed = self.place(s, d.ctx)
                if placed is None or placed[1] < stop:
                    at = placed[1] if placed is not None else s
                    raise self.error("cannot read the provision listed", at, stop)
                self.emit(attrs.evolve(d, ctx=placed[0]), kid, (*label, kid.num or ""), span,
                          text, lead_ins)
        self.intros.pop()

    def place_lead_occ(self, drafts: list[_Draft]) -> None:
        """Give the drafts of one clause the qualifier read before it ("in each place where it
        occurs, for “X” substitute “Y”"); an error when a draft has no words for it to speak
        of, or already has a qualifier of its own."""
        assert self.lead_occ is not None
        occ, start, end = self.lead_occ
        self.lead_occ = None
        for d in drafts:
            if d.old is None and d.anchor is None:
                raise self.error("an occurrence qualifier needs quoted words to speak of",
                                 start, end)
            if d.rule != "only":
                raise self.error("the place of the words is named twice", start, end)
            _set_occ(d, occ)

    def enactment(self, item: Item) -> None:
        """Check one entry of an enactment list: "the X Act 1926, section 4(1) and (2);"."""
        s, e = self.trim(item.own_start, item.own_end)
        stop = self.content_end(s, e)
        a = read_act(self.sk, self.text, s)
        pos = a[1] if a is not None and a[0] is not None else s
        ok = pos > s and not item.children
        while ok and pos < stop:
            sep = _ENACTMENT_SEP.match(self.sk, pos)
            r = None if sep is None else read_ref(self.sk, self.text, sep.end(), self.quotes,
                                                  with_act=False)
            if r is None:
                raise self.error("cannot read the enactment's provisions", pos, stop)
            pos = r.end
        if not ok:
            raise self.error("cannot read the enactment", s, max(stop, item.end))

    # --- clauses -----------------------------------------------------------------------

    def action(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """One change at ``pos``: the active and passive forms of insert, substitute, omit."""
        first = _FIRST_WORD.match(self.sk, pos)
        word = first.group().lower() if first is not None else ""
        if word == "there":
            got = self.verb_first_clause(pos, ctx)
            if got is not None:
                return got
        reader = _READERS.get(word)
        got = reader(self, pos, ctx) if reader is not None else None
        if got is None:
            got = self.passive(pos, ctx)
        if got is not None:
            for d in got[0]:
                if d.side is not None and d.inexpressible is None:
                    d.inexpressible = (pos, got[1])
        return got

    def verb_first_clause(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """The verb-first old form: "There shall be inserted after section 5 the following
        section— “5A …”", "There shall be substituted for subsection (2) the following
        subsection— …", "There shall be added at the end of subsection (3) the words
        “…”".  The place is read as in the other forms; what would be the verb after it
        is the description of the new text ("the following section—", "the words")."""
        m = _VERB_FIRST.match(self.sk, pos)
        if m is None:
            return self.verb_first_omit(pos, ctx)
        substitute = m.group("v").lower() == "substituted"
        self.verb_first = True
        try:
            got = (self.substitute_for if substitute else self.insert_at)(m.end(), ctx)
        finally:
            self.verb_first = False
        if got is not None:
            for d in got[0]:
                d.start = pos
        return got

    def verb_first_omit(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """"There shall be omitted (repealed) the words “X”", with the provision first or
        not ("there shall be omitted from subsection (2) the words “X”").  Words only:
        "there shall be omitted subsection (3)" is not read."""
        sk = self.sk
        o = _VERB_FIRST_OMIT.match(sk, pos)
        if o is None:
            return None
        p, c2 = o.end(), ctx
        f = _FROM_PLACE.match(sk, p)
        if f is not None:
            placed = self.place(f.end(), ctx)
            if placed is None:
                return None
            c2, p = placed
            p = _SPACE_COMMA.match(sk, p).end()  # type: ignore[union-attr]
        if self.old_words(p, c2) is None:
            return None
        got = self.omit(p, c2, _NOTHING, o.group("v").lower())
        if got is not None:
            got[0][0].start = pos
        return got

    def words_then(self, pos: int, ctx: Ctx) -> tuple[Quote, _Occ | None, Ctx, int] | None:
        """Quoted words with an optional occurrence and "in REF" after them; the place may
        be attached to the words instead ("the second “X”", "every reference to “X”")."""
        w = _WORDS.match(self.sk, pos)
        placed = None
        if w is None:
            w = _PLACED_WORDS.match(self.sk, pos)
            if w is None:
                return None
            if w.group("every"):
                placed = _Occ("each", ())
            else:
                placed = self.ordinals(w.group("ord"), w.start(), w.start("q"))
        p = w.end()
        q = AS_INSERTED.match(self.sk, p) if self.sk.find("(", p, p + 4) >= 0 else None
        if q is not None:
            # "for “X” (as inserted by …)": the qualifier goes with the words' context.
            ctx = ctx._replace(inserted_by=collapse(self.text[q.start("q"):q.end("q")]))
            p = q.end()
        occ, p = self.occ(p)
        ctx, p = self.in_ref(p, ctx)
        if occ is None:
            occ, p = self.occ(p)
        if placed is not None:
            if occ is not None:
                start = w.end()
                while start < p and self.sk[start] in " ,(\t\n\r":
                    start += 1
                raise self.error("the place of the words is named twice", start,
                                 p - 1 if self.sk[p - 1] == ")" else p)
            occ = placed
        return self.quote(w.start("q")), occ, ctx, p

    def verb_match(self, verb: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """The verb (``verb``) before new text at ``pos``; in a verb-first clause, the
        description that stands for it, which must say something ("the following
        section", "the words", or a dash)."""
        if not self.verb_first:
            return verb.match(self.sk, pos)
        v = _VERB_FIRST_OBJECT.match(self.sk, pos)
        if v is None or not (v.group("desc") or (v.group("dash") or "").strip()):
            return None
        return v

    def insert_verb(self, pos: int, plural: bool = False
                    ) -> tuple[tuple[Quote, ...], bool, int] | None:
        v = self.verb_match(_INSERT_VERB, pos)
        if v is None:
            return None
        news, p = self.new_quotes(v.end(), plural)
        if not news:
            return None
        if v.groupdict().get("pre") and v.group("desc"):
            return None  # "the following subsection is inserted the following …"
        block = bool((v.group("dash") or "").strip()) or "following" in (v.group("desc") or "") \
            or bool(v.groupdict().get("pre"))
        return news, block, p

    def subst_verb(self, pos: int, plural: bool = False
                   ) -> tuple[tuple[Quote, ...], bool, int] | None:
        v = self.verb_match(_SUBST_VERB, pos)
        if v is None:
            return None
        news, p = self.new_quotes(v.end(), plural)
        if not news and not plural and (mark := _PUNCT_NEW.match(self.sk, v.end())) is not None \
                and not (v.group("desc") or (v.group("dash") or "").strip()):
            news, p = (self.punct(mark),), mark.end()  # "substitute a semi-colon"
        if not news:
            return None
        if v.groupdict().get("pre") and v.group("desc"):
            return None  # "the following subsection is inserted the following …"
        block = bool((v.group("dash") or "").strip()) or "following" in (v.group("desc") or "") \
            or bool(v.groupdict().get("pre"))
        return news, block, p

    def insert_at(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        sk = self.sk
        m = _AFTER_BEFORE.match(sk, pos)
        if m is not None:
            position = m.group("pos").lower()
            wt = self.words_then(m.end(), ctx)
            if wt is not None:
                anchor, occ, c2, p = wt
                d = _Draft("insert", c2, position=position, anchor=anchor, start=pos)
                _set_occ(d, occ)
                more, p = self.more_words(d, p)
                if more:
                    for o in more:
                        o.position, o.anchor, o.old = position, o.old, None
                    return self.respectively([d, *more], p, _INSERT_VERB)
                got = self.insert_verb(p)
                if got is None:
                    return self.words_after_words(p, c2, position, anchor, occ, pos)
                d.new, d.block, p = got
                if occ is None:
                    occ, p = self.occ(p)
                    _set_occ(d, occ)
                return [d], p
            placed = self.place(m.end(), ctx)
            if placed is None:
                return None
            c2, p = placed
            if ctx.target is not None and _PASSAGE.match(ctx.target):
                # "In the unnumbered paragraph after paragraph 1 …": the place may say
                # which passage is meant, or where in it the change is made.
                raise self.error(f"“{position} …” after {ctx.target} may say which passage "
                                 f"is meant or where the change is made: cannot tell which",
                                 pos, p)
            got = self.insert_verb(p)
            if got is None:
                return self.words_at_place(p, c2, position, pos)
            news, block, p = got
            return [_Draft("insert", c2, position=position, new=news, obj_ref=True,
                           block=block, start=pos)], p
        m = _AT_END.match(sk, pos)
        if m is not None:
            position = "at_end" if m.group("w").lower() == "end" else "at_beginning"
            c2, p, obj = ctx, m.end(), False
            if m.group("of"):
                placed = self.place(m.end(), ctx)
                if placed is None:
                    return None
                c2, p = placed
                obj = True
            beside = self.words_at_place(p, c2, position, pos)
            if beside is not None:
                return beside
            got = self.insert_verb(p)
            if got is None:
                return None
            news, block, p = got
            return [_Draft("insert", c2, position=position, new=news, obj_ref=obj, block=block,
                           start=pos)], p
        m = _APPROPRIATE.match(sk, pos)
        if m is not None:
            c2, p = ctx, m.end()
            if m.group("in"):
                r = self.ref(p)
                if r is None:
                    return None
                c2, p = self.apply_ref(ctx, r), r.end
            plural = m.group("pl").lower() == "places"
            got = self.insert_verb(p, plural)
            if got is None:
                return None
            news, block, p = got
            entries, p = self.semi_quotes(p)
            if plural or entries:
                news += entries
                return [_Draft("insert", c2, new=(q,), start=pos) for q in news], p
            return [_Draft("insert", c2, new=news, block=block, start=pos)], p
        return None

    def omit_or_substitute_one(self, pos: int, ctx: Ctx
                               ) -> tuple[_Draft, int] | Literal[False] | None:
        """One change of quoted words with its verb first: "omit “X”" or "for “X”
        substitute “Y”" read from ``pos`` in ``ctx``.  False when neither verb starts at
        ``pos``; None when one does but what follows is not one such change."""
        om = _THEN_OMIT.match(self.sk, pos)
        if om is not None:
            ow = self.old_words(om.end(), ctx)
            if ow is None:
                return None
            d, p = ow
            d.action, d.omit_how = "omit", "omitted"
            return d, p
        sf = _THEN_FOR.match(self.sk, pos)
        if sf is None:
            return False
        got = self.substitute_for(sf.end(), ctx)
        if got is None or len(got[0]) != 1:
            return None
        (d,), p = got
        return d, p

    def words_after_words(self, pos: int, ctx: Ctx, position: str, anchor: Quote,
                          occ: _Occ | None, start: int) -> tuple[list[_Draft], int] | None:
        """Words changed where they stand next to other words named first: "after “X”
        omit “Y”", "before the words “X”, for “Y” substitute “Z”": one op with the place
        as ``position`` and the locating words as ``anchor``.  Only quoted words, one
        change, with no place of their own, and no qualifier on the locating words (an op
        has one occurrence, of the words changed)."""
        if occ is not None:
            return None
        one = self.omit_or_substitute_one(pos, ctx)
        if not one:
            return None
        d, p = one
        if d.ranged or d.old is None or d.pending or d.position is not None or \
                d.ctx is not ctx or d.rule != "only":
            return None
        d.position, d.anchor, d.start = position, anchor, start
        return [d], p

    def words_at_place(self, pos: int, ctx: Ctx, position: str, start: int
                       ) -> tuple[list[_Draft], int] | None:
        """Words changed where they stand beside a provision named first (``ctx``, with
        ``position``): "at the end of paragraph (b) omit “and”", "after paragraph (a), for
        “and” substitute “or”", "after paragraph (2)(d) “or” shall be omitted", "before
        paragraph (c), the word “and” is repealed".  One change of quoted words only: not
        a range, not a list, and no other provision named with the words."""
        sk = self.sk
        one = self.omit_or_substitute_one(pos, ctx)
        if one is None:
            return None
        if one:
            d, p = one
        else:
            sep = _PREFIX_SEP.match(sk, pos)
            assert sep is not None
            ow = self.old_words(sep.end(), ctx)
            if ow is None:
                return None
            d, p = ow
            m = _PASSIVE_OMIT.match(sk, p)
            if m is None:
                return None
            d.action = "omit"
            d.omit_how = "omitted" if (m.group("omitted") or "").lower() == "omitted" \
                else "repealed"
            p = m.end()
        if d.ranged or d.old is None or d.pending or d.position is not None or d.ctx is not ctx:
            return None
        d.position, d.start = position, start
        return [d], p

    def insert_in_place(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """"insert" (or "add") with the new text first and the place after it ("insert “and”
        after paragraph (a)", "insert “X” at the end of subsection (2)", "insert the
        following definition at the appropriate place— …"), or the place between verb and
        text ("insert at the appropriate place “, 71S”", "insert at the end— …").  With no
        place named, "insert— “(A1) …”": numbered provisions go into the provision in
        context at the place their numbers give; words need a place, so anything but a
        block of bracketed provisions is not read then."""
        sk = self.sk
        m = _BARE_INSERT.match(sk, pos)
        if m is None or self.verb_first:
            return None
        desc = _DESCRIBED.match(sk, m.end())
        assert desc is not None
        p = desc.end()
        # "insert the following after subsection (2)— …": a place before the new text only
        # after "the following" (else "insert “X” after …" has its words first).
        following = (desc.group("desc") or "").strip().lower().startswith("the following")
        where = self.insert_place(_SPACE_COMMA.match(sk, p).end(), ctx,  # type: ignore[union-attr]
                                  first=not following)
        if where is not None:
            p = where[-1]
        blk = _BLOCK_RX.match(sk, p)
        assert blk is not None
        plural = where is not None and where[0] == "places"
        news, p = self.new_quotes(blk.end(), plural)
        if not news:
            return None
        more: tuple[Quote, ...] = ()
        if where is not None and where[0] in ("place", "places"):
            more, p = self.semi_quotes(p)
        block = bool((blk.group("dash") or "").strip()) or "following" in (desc.group("desc") or "")
        if where is None:
            q = _SPACE_COMMA.match(sk, p)
            assert q is not None
            where = self.insert_place(q.end(), ctx, first=False)
            if where is not None:
                p = where[-1]
                plural = where[0] == "places" and not block
        if where is None:
            if not block or not starts_with_provision(news[0], None):
                return None
            return [_Draft("insert", ctx, new=news, block=True, start=pos, unplaced=True)], p
        kind, c2, anchor, occ, _ = where
        if kind in ("place", "places"):
            if plural or more:
                news += more
                return [_Draft("insert", c2, new=(q,), start=pos) for q in news], p
            return [_Draft("insert", c2, new=news, block=block, start=pos)], p
        d = _Draft("insert", c2, position=kind, anchor=anchor, new=news, block=block,
                   obj_ref=(anchor is None and kind in ("before", "after")) or c2 is not ctx,
                   start=pos)
        _set_occ(d, occ)
        return [d], p

    def insert_place(self, pos: int, ctx: Ctx, first: bool
                     ) -> tuple[str, Ctx, Quote | None, _Occ | None, int] | None:
        """Where inserted text goes, when named apart from the verb: (kind, context, anchor
        words, their qualifier, position after).  ``kind`` is "before" or "after" (given
        words or a provision), "at_end" or "at_beginning" (of the provision in context or a
        named one), "place" or "places" (at the appropriate place).  Before the new text
        (``first``) only the last two are read."""
        sk = self.sk
        m = _APPROPRIATE.match(sk, pos)
        if m is not None:
            c2, p = ctx, m.end()
            if m.group("in"):
                placed = self.place(p, ctx)
                if placed is None:
                    return None
                c2, p = placed
            return ("places" if m.group("pl").lower() == "places" else "place"), c2, None, None, p
        m = _AT_END.match(sk, pos)
        if m is not None:
            c2, p = ctx, m.end()
            if m.group("of"):
                placed = self.place(m.end(), ctx)
                if placed is None:
                    return None
                c2, p = placed
            return ("at_end" if m.group("w").lower() == "end" else "at_beginning"), c2, None, None, p
        if first:
            return None
        m = _AFTER_BEFORE.match(sk, pos)
        if m is None:
            return None
        position = m.group("pos").lower()
        wt = self.words_then(m.end(), ctx)
        if wt is not None:
            anchor, occ, c2, p = wt
            return position, c2, anchor, occ, p
        placed = self.place(m.end(), ctx)
        if placed is None:
            return None
        c2, p = placed
        return position, c2, None, None, p

    def old_words(self, pos: int, ctx: Ctx) -> tuple[_Draft, int] | None:
        """The words a substitution or omission works on: a range or quoted words."""
        sk = self.sk
        rf = _RANGE_FROM.match(sk, pos) or _RANGE_BARE.match(sk, pos)
        if rf is not None:
            return self.range_words(rf, ctx)
        named = _OPENING_WORDS_QUOTED.match(sk, pos)
        if named is not None:
            return self.part_words(named, ctx)
        fb = _RANGE_BEGINNING.match(sk, pos)
        if fb is not None:
            return self.range_from_beginning(fb, ctx)
        side = _WORDS_BESIDE.match(sk, pos)
        if side is not None:
            return self.words_beside_quoted(side, ctx)
        mark = _PUNCT_OLD.match(sk, pos)
        if mark is not None:
            d = _Draft("?", ctx, old=self.punct(mark), start=pos, punct_span=mark.span())
            return d, mark.end()
        wt = self.words_then(pos, ctx)
        if wt is None:
            return None
        old, occ, c2, p = wt
        d = _Draft("?", c2, old=old, start=pos)
        _set_occ(d, occ)
        return d, p

    def range_from_beginning(self, m: re.Match[str], ctx: Ctx) -> tuple[_Draft, int]:
        """"the words from the beginning to “B”": a range from the start of the provision's
        own text to “B”, with an optional "in REF" after it.  A qualifier on “B” is
        refused: the range runs to the one “B” in the provision's own words."""
        p = m.end()
        inc = _INCLUSIVE.match(self.sk, p)
        if inc is not None:
            p = inc.end()
        occ, q = self.occ(p)
        if occ is not None:
            raise self.error("a range from the beginning runs to the one “…” in the "
                             "provision's own words: its place cannot be given",
                             self.skip_lead(p, q), q)
        d = _Draft("?", ctx, old=self.quote(m.start("b")), ranged=True, from_start=True,
                   start=m.start())
        d.ctx, p = self.in_ref(p, ctx)
        return d, p

    def words_beside_quoted(self, m: re.Match[str], ctx: Ctx) -> tuple[_Draft, int]:
        """"the words after “X”" (to the end of the provision's text) or "the words before
        “X”" (from the start of its own text), “X” left out, with an optional "in REF"
        after.  A qualifier on “X” is refused: the words run from (to) the one “X”."""
        occ, q = self.occ(m.end())
        if occ is not None:
            raise self.error("the words after (before) “…” run from (to) the one “…” in the "
                             "provision: its place cannot be given", self.skip_lead(m.end(), q),
                             q)
        rel = m.group("rel").lower()
        d = _Draft("?", ctx, old=self.quote(m.start("a")), ranged=True,
                   side="after" if rel in ("after", "following") else "before", start=m.start())
        d.ctx, p = self.in_ref(m.end(), ctx)
        if d.ctx.part is not None:
            raise self.error(f"the words after (before) “…” named in the {d.ctx.part} words: "
                             f"where they end (begin) is not said", m.start(), p)
        return d, p

    def part_words(self, m: re.Match[str], ctx: Ctx) -> tuple[_Draft, int]:
        """"the concluding words “X”", "the opening words “X”": the words ``X`` as they
        stand in the provision's closing (opening) words, quoted to say what those words
        are.  A provision named after them, or opening or closing words already in
        context, is refused: which words are meant could not be told for certain."""
        part = _PART_WORD[(m.group("oc") or m.group("oc2")).lower()]
        if ctx.part is not None:
            raise self.error(f"the {part} words are named inside the {ctx.part} words",
                             m.start(), m.end())
        c1 = ctx._replace(target=collapse(self.text[m.start():m.start("q")]), part=part)
        wt = self.words_then(m.start("q"), c1)
        assert wt is not None  # a quotation is there
        old, occ, c2, p = wt
        if c2 is not c1:
            raise self.error(f"a provision named after the {part} words “…”: cannot tell "
                             f"whose {part} words are meant", m.start(), p)
        d = _Draft("?", c1, old=old, start=m.start())
        _set_occ(d, occ)
        return d, p

    def range_words(self, rf: re.Match[str], ctx: Ctx) -> tuple[_Draft, int] | None:
        """A range from its first words (matched by ``rf``) to given words, "to the end"
        (of a provision) or "onwards", with the place of its first words, given before
        them ("from the second “A”"), after them ("from “A”, where it first occurs, to …")
        or after "to the end"; the place of the range's last words is refused, since the
        range runs to the first of them after its first words."""
        sk = self.sk
        ordinal = rf.groupdict().get("ord")
        first = self.ordinals(ordinal, rf.start("the"), rf.end("ord")) if ordinal else None
        after_a, p = self.occ(rf.end())
        if first is not None and after_a is not None:
            raise self.error("the place of the words is named twice", rf.start("the"), p)
        rg = _RANGE_TO.match(sk, p)
        if rg is None:
            return None
        if rg.group("bord"):
            raise self.error("a range runs to the first of its last words after its first "
                             "words: their place cannot be given", *rg.span("bord"))
        end_of = self.range_end(rg.start("endof"), rg.end("endof"), ctx) \
            if rg.group("endof") else None
        to = self.quote(rg.start("b")) if rg.group("b") else None
        rg_end = rg.end()
        if to is not None:
            # "to “B” (inclusive)": a range takes in its first and last words anyway.
            inc = _INCLUSIVE.match(sk, rg_end)
            if inc is not None:
                rg_end = inc.end()
        d = _Draft("?", ctx, old=self.quote(rf.start("a")), old_to=to, ranged=True,
                   start=rf.start(), end_of=end_of, end_of_span=rg.span("endof"))
        occ = first or after_a
        after_range, p = self.occ(rg_end)
        if after_range is not None:
            q_start = self.skip_lead(rg_end, p)
            if to is not None:
                # "to “B”, where it first occurs": of “B”, or of the whole range?
                raise self.error("after a range's last words, an occurrence qualifier may speak "
                                 "of those words or of the range: it cannot be told which",
                                 q_start, p)
            if occ is not None:
                raise self.error("the place of the words is named twice", q_start, p)
            occ = after_range
        _set_occ(d, occ)
        d.ctx, p = self.in_ref(p, ctx)
        return d, p

    def skip_lead(self, start: int, end: int) -> int:
        """``start`` moved past the comma, bracket and space before a qualifier."""
        while start < end and self.sk[start] in " ,(\t\n\r\f\v\u00a0":
            start += 1
        return start

    def range_end(self, start: int, end: int, ctx: Ctx) -> Ctx:
        """The provision in " of the subsection", " of that paragraph", " of paragraph (b)"
        (``start``..``end``), for a range "to the end of" it.

        "The subsection" is the subsection last named, as "that subsection" is,
        and must enclose or lie within the provision in context.  A sentence,
        definition or entry is no provision a range can end with: an error.
        """
        m = _OF.match(self.sk, start, end)
        assert m is not None
        pos = m.end()
        the = _THE_WORD.match(self.sk, pos, end)
        if the is not None and the.end() == end:
            word = the.group("w").lower().replace("-", "")
            found = self.named(word)
            if found is None:
                raise self.error(f"no single {word} was named for “the {word}” to refer to",
                                 pos, end)
            if not _nested(found.comps, ctx.comps):
                raise self.error(f"the {word} last named is not in the provision amended",
                                 pos, end)
            return found
        that = self.that(pos, ctx)
        if that is not None and that[1] == end:
            return that[0]
        ref = self.ref(pos)
        if ref is not None and ref.end == end and not ref.more:
            return self.apply_ref(ctx, ref)
        raise self.error("a range can end only at the end of a provision named on its own "
                         "(“to the end of paragraph (b)”, “… of the subsection”), not of a "
                         "sentence, definition or entry", start, end)

    def check_range_end(self, end_of: Ctx, span: tuple[int, int], ctx: Ctx) -> None:
        """Refuse a range "to the end of" a provision (``end_of``, named at ``span``) that
        neither lies within nor encloses each provision the change is made in (``ctx``,
        the op's own context, after any "in paragraph (a)" before or after the range).

        "In section 1(2), in paragraph (a), omit the words from “X” to the end of
        paragraph (b)" would run from paragraph (a) into paragraph (b): no range in
        the provision amended ends there.  Only the context as a whole is known when
        the op is made, so this is checked then, not where the range is read.
        """
        end = end_of.comps
        full = ctx.comps
        places = [full, *(compose(full, comps) for _, comps in ctx.more)]
        for place in places:
            if not _nested(end, place):
                which = "one of the provisions" if ctx.more else "the provision"
                raise self.error(f"the range would end outside {render(place)}, {which} "
                                 f"amended", *span)

    def substitute_for(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        m = _FOR.match(self.sk, pos)
        if m is None:
            return None
        ow = self.old_words(m.end(), ctx)
        if ow is not None:
            d, p = ow
            d.action = "substitute"
            more, p = self.more_words(d, p)
            if more:
                return self.respectively([d, *more], p, _SUBST_VERB)
            if not d.ranged:
                # "for the “or” after sub-paragraph (iv) substitute “and”".
                p = self.word_position([d], p)
            got = self.subst_verb(p)
            if got is None:
                if self.verb_first:
                    return None
                c = _COMMA.match(self.sk, p)
                assert c is not None
                d.pending = True
                return [d], p
            d.new, d.block, p = got
            if d.rule == "only" and not d.ranged:
                occ, p = self.occ(p)
                _set_occ(d, occ)
            return [d], p
        whole = self.whole_part(m.end(), ctx, pos)
        if whole is not None:
            return whole
        placed = self.place(m.end(), ctx)
        if placed is None:
            return None
        c2, p = placed
        got = self.subst_verb(p)
        if got is None:
            return None
        news, block, p = got
        return [_Draft("substitute", c2, new=news, obj_ref=True, block=block, start=pos)], p

    def whole_part(self, pos: int, ctx: Ctx, start: int) -> tuple[list[_Draft], int] | None:
        """"for the opening words substitute “Y”", "for the words before point (a)
        substitute “Y”", "for the closing words of subsection (2) substitute “Y”": the
        whole of a provision's opening (closing) words replaced by words.  New text that
        begins like a provision is refused, and so is a part named inside a part."""
        sk = self.sk
        w = _WORDS_BEFORE.match(sk, pos)
        r = self.ref(w.end()) if w is not None else None
        o = _OPENING_WORDS.match(sk, pos) if r is None else None
        if r is None and o is None:
            return None
        if ctx.part is not None:
            raise self.error(f"a provision's {ctx.part} words hold no opening or closing words",
                             pos, r.end if r is not None else o.end())  # type: ignore[union-attr]
        if w is not None and r is not None:
            p = self.words_beside(w, r, ctx)
        else:
            assert o is not None
            p = self.opening_words(o, ctx)
        c2 = self.last_ctx
        got = self.subst_verb(p)
        if got is None:
            return None
        news, block, p = got
        if len(news) != 1 or starts_with_provision(news[0], None) or \
                _NUMBERED_START.match(news[0].words) is not None:
            raise self.error(f"the {c2.part} words replaced by what reads as provisions or "
                             f"several quotations: cannot tell how they fit", news[0].start,
                             news[-1].end)
        return [_Draft("substitute", c2, new=news, block=block, start=start)], p

    def more_words(self, first: _Draft, pos: int) -> tuple[list[_Draft], int]:
        """Further quoted words after ``first`` ("for “A” and “B” substitute …"), each with
        its own qualifier, as drafts like ``first``."""
        out: list[_Draft] = []
        if first.ranged or self.verb_first:
            # In the verb-first form "the words “Y”" after the old words is the new text.
            return out, pos
        while (sep := _LIST_SEP.match(self.sk, pos)) is not None:
            wt = self.words_then(sep.end(), first.ctx)
            if wt is None:
                break
            words, occ, ctx, pos = wt
            d = _Draft(first.action, ctx, old=words, start=words.start)
            _set_occ(d, occ)
            out.append(d)
        return out, pos

    def respectively(self, olds: list[_Draft], pos: int, verb: re.Pattern[str]
                     ) -> tuple[list[_Draft], int] | None:
        """"for “A” and “B” substitute “C” and “D” respectively" (or "substitute respectively
        “C” and “D”"): one draft per pair, in order.  Several words with one new text, or
        new texts that do not pair off, are an error."""
        sk = self.sk
        v = self.verb_match(verb, pos)
        if v is None:
            return None
        news, p = self.new_quotes(v.end(), plural=True)
        if not news:
            return None
        said = _RESPECTIVELY.match(sk, p)
        if said is not None:
            p = said.end()
        elif not v.groupdict().get("resp"):
            second = olds[1].old or olds[1].anchor
            assert second is not None
            raise self.error("several words are named with new words but not “respectively”: "
                             "cannot tell which new words go for which", second.start,
                             news[-1].end)
        if len(news) != len(olds):
            raise self.error(f"{len(olds)} sets of words but {len(news)} new texts to put in "
                             f"their places “respectively”", news[0].start, news[-1].end)
        for d, new in zip(olds, news, strict=True):
            d.new = (new,)
        return olds, p

    def substitute_first(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """"substitute" with the new text before what it replaces: "substitute “Y” for
        “X”", "substitute the following for subsection (2)— “(2) …”", "substitute for
        subsection (2)— “(2) …”" (the place first, then new text set off by a dash or
        described as "the following").  One set of old words or one provision."""
        sk = self.sk
        m = _SUBST_FIRST.match(sk, pos)
        if m is None:
            return None
        desc = _DESCRIBED.match(sk, m.end())
        assert desc is not None
        described = (desc.group("desc") or "").strip().lower()
        f = _FOR_AFTER.match(sk, desc.end())
        if f is not None:
            # The place first: the new text must be set off or described as following.
            placed = self.place(f.end(), ctx)
            if placed is None:
                return None
            c2, p = placed
            blk = _BLOCK_RX.match(sk, p)
            assert blk is not None
            if not ((blk.group("dash") or "").strip() or described.startswith("the following")):
                return None
            news, p = self.new_quotes(blk.end())
            if not news:
                return None
            return [_Draft("substitute", c2, new=news, obj_ref=True, block=True, start=pos)], p
        blk = _BLOCK_RX.match(sk, desc.end())
        assert blk is not None
        news, p = self.new_quotes(blk.end())
        if not news:
            return None
        block = bool((blk.group("dash") or "").strip()) or "following" in described
        f = _FOR_AFTER.match(sk, p)
        if f is None:
            return None
        ow = self.old_words(f.end(), ctx)
        if ow is not None:
            d, p = ow
            d.action, d.new, d.block, d.start = "substitute", news, block, pos
            return [d], p
        placed = self.place(f.end(), ctx)
        if placed is None:
            return None
        c2, p = placed
        return [_Draft("substitute", c2, new=news, obj_ref=True, block=block, start=pos)], p

    def leave_out(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """"leave out “X” and insert “Y”" (a substitution), or "leave out “X”" (an
        omission)."""
        m = _LEAVE_OUT.match(self.sk, pos)
        if m is None:
            return None
        ow = self.old_words(m.end(), ctx)
        if ow is not None:
            d, p = ow
            a = _AND_INSERT.match(self.sk, p)
            if a is not None:
                news, p = self.new_quotes(a.end())
                if not news:
                    return None
                d.action, d.new = "substitute", news
                d.block = bool((a.group("dash") or "").strip())
                return [d], p
        return self.omit(pos, ctx, _LEAVE_OUT)

    def repeal(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """"repeal the words “X”", "repeal subsection (3)": omissions (repeals)."""
        return self.omit(pos, ctx, _REPEAL, "repealed")

    def omit(self, pos: int, ctx: Ctx, verb: re.Pattern[str] = _OMIT, how: str = "omitted"
             ) -> tuple[list[_Draft], int] | None:
        sk = self.sk
        m = verb.match(sk, pos)
        if m is None:
            return None
        p = m.end()
        ow = self.old_words(p, ctx)
        if ow is not None:
            first, p = ow
            first.action, first.omit_how = "omit", how
            drafts = [first]
            while not first.ranged:
                a = _AND_WORDS.match(sk, p)
                if a is None:
                    break
                d = _Draft("omit", first.ctx, old=self.quote(a.start("q")), omit_how=how,
                           start=a.start("q"))
                occ, p = self.occ(a.end())
                _set_occ(d, occ)
                drafts.append(d)
            if not first.ranged:
                p = self.word_position(drafts, p)
            return drafts, p
        return self.omit_refs(p, ctx, how, pos)

    def word_position(self, drafts: list[_Draft], pos: int) -> int:
        """An optional "(immediately) before paragraph (c)" / "at the end of paragraph (b)"
        after omitted words; sets the drafts' position and context."""
        wp = _WORD_POSITION.match(self.sk, pos)
        if wp is None:
            return pos
        placed = self.place(wp.end(), drafts[0].ctx)
        if placed is None:
            return pos
        rel = (wp.group("rel") or "end").lower()
        position = {"preceding": "before", "following": "after", "end": "at_end"}.get(rel, rel)
        c2, end = placed
        for d in drafts:
            d.ctx, d.position = c2, position
        return end

    def omit_refs(self, pos: int, ctx: Ctx, how: str, start: int) -> tuple[list[_Draft], int] | None:
        """Whole provisions, and words "before it", for omit or "… are repealed"."""
        sk = self.sk
        placed = self.place(pos, ctx)
        if placed is None:
            return None
        c1, p = placed
        drafts = [_Draft("omit", c1, obj_ref=True, structural=True, omit_how=how, start=start)]
        while True:
            a = _AND_WORD_IT.match(sk, p) or _AND_WORD_IT_BRACKETED.match(sk, p)
            if a is not None:
                rel = a.group("rel").lower()
                position = {"preceding": "before", "following": "after"}.get(rel, rel)
                drafts.append(_Draft("omit", drafts[-1].ctx, position=position,
                                     old=self.quote(a.start("q")), omit_how=how,
                                     start=a.start("q")))
                p = a.end()
                continue
            a = _AND_WORD_AT_END.match(sk, p)
            if a is not None:
                r2 = self.ref(a.end())
                if r2 is None:
                    break
                drafts.append(_Draft("omit", self.apply_ref(ctx, r2), position="at_end",
                                     old=self.quote(a.start("q")), omit_how=how,
                                     start=a.start("q")))
                p = r2.end
                continue
            a = _AND.match(sk, p)
            if a is not None and (r2 := self.ref(a.end())) is not None:
                drafts.append(_Draft("omit", self.apply_ref(ctx, r2), obj_ref=True,
                                     structural=True, omit_how=how, start=a.end()))
                p = r2.end
                continue
            break
        return drafts, p

    def passive(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """"the words “X” shall be omitted", "“Y” shall be substituted for “X”", "“Y” is
        inserted after “X”", "the following subsection is inserted after subsection (2)—",
        "subsection (3) shall cease to have effect", "section 5 is repealed", and a new
        number or heading: "subsection (3) becomes subsection (4)", "the existing text
        becomes subsection (1)", "the heading of section 8 becomes “X”"."""
        sk = self.sk
        m = _FOLLOWING_IS.match(sk, pos)
        if m is not None:
            return self.described_first(m, pos, ctx)
        got = self.becomes(pos, ctx)
        if got is not None:
            return got
        th = _THE.match(sk, pos)
        ow = self.old_words(pos, ctx)
        if ow is not None:
            d, p = ow
            if not d.ranged and _AND_WORDS.match(sk, p) is not None:
                return self.passive_omit_list(d, p, ctx)
            if d.punct_span is not None:
                # "the full stop at the end of paragraph (a) is omitted"; as new text it
                # would be "a full stop", and its place would be lost
                p = self.word_position([d], p)
                m = _PASSIVE_OMIT.match(sk, p)
                if m is None:
                    return None
                d.action = "omit"
                d.omit_how = "omitted" if (m.group("omitted") or "").lower() == "omitted" \
                    else "repealed"
                return [d], m.end()
            b = _BECOMES.match(sk, p)
            if b is not None:
                return self.words_become(d, b.end(), pos)
            m = _PASSIVE_INSERT.match(sk, p)
            if m is not None and not d.ranged and d.old is not None and d.rule == "only":
                return self.inserted(d.old, m.end(), ctx, pos)
            if not d.ranged:
                p = self.word_position([d], p)
            m = _PASSIVE_OMIT.match(sk, p)
            if m is not None:
                d.action = "omit"
                d.omit_how = "omitted" if (m.group("omitted") or "").lower() == "omitted" \
                    else "repealed"
                p = m.end()
                if not d.ranged and d.rule == "only" and d.position is None:
                    # "the word “X” shall be omitted wherever it occurs"
                    occ, p = self.occ(p)
                    _set_occ(d, occ)
                return [d], p
            m = _PASSIVE_SUBST.match(sk, p)
            if m is not None and not d.ranged and d.old is not None and d.position is None:
                new = d.old
                target = self.old_words(m.end(), d.ctx)
                if target is not None:
                    t, p = target
                    t.action, t.new = "substitute", (new,)
                    if t.rule == "only" and d.rule != "only":
                        t.rule, t.indices = d.rule, d.indices
                    t.start = pos
                    return [t], p
                r = self.ref(m.end())
                if r is None:
                    return None
                return [_Draft("substitute", self.apply_ref(d.ctx, r), new=(new,), obj_ref=True,
                               start=pos)], r.end
            return None
        candidates = [pos] if th is None else [pos, th.end()]
        for p0 in candidates:
            got = self.omit_refs(p0, ctx, "omitted", pos)
            if got is None:
                continue
            drafts, p = got
            m = _PASSIVE_OMIT.match(sk, p)
            if m is None:
                continue
            how = "omitted" if (m.group("omitted") or "").lower() == "omitted" else "repealed"
            for d in drafts:
                d.omit_how = how
            return drafts, m.end()
        return None

    def passive_omit_list(self, first: _Draft, pos: int, ctx: Ctx
                          ) -> tuple[list[_Draft], int] | None:
        """"the words “X” and “Y” are omitted": one omission each, as "omit “X” and “Y”"
        reads; a list of words is read only before a verb of omission, and not when the
        first words name a provision of their own ("“X” in paragraph (a) and “Y”": are
        the later words in it too?)."""
        sk = self.sk
        if first.ctx is not ctx:
            return None
        drafts = [first]
        p = pos
        while (a := _AND_WORDS.match(sk, p)) is not None:
            d = _Draft("omit", first.ctx, old=self.quote(a.start("q")), start=a.start("q"))
            occ, p = self.occ(a.end())
            _set_occ(d, occ)
            drafts.append(d)
        p = self.word_position(drafts, p)
        m = _PASSIVE_OMIT.match(sk, p)
        if m is None:
            return None
        how = "omitted" if (m.group("omitted") or "").lower() == "omitted" else "repealed"
        for d in drafts:
            d.action, d.omit_how = "omit", how
        return drafts, m.end()

    def described_first(self, m: re.Match[str], pos: int, ctx: Ctx
                        ) -> tuple[list[_Draft], int] | None:
        """"The following subsection is inserted after subsection (2)— “(2A) …”": the place
        is read as in the other forms, then the dash and the new text (as in the
        verb-first form)."""
        substitute = m.group("v").lower() == "substituted"
        self.verb_first = True
        try:
            got = (self.substitute_for if substitute else self.insert_at)(m.end(), ctx)
        finally:
            self.verb_first = False
        if got is not None:
            for d in got[0]:
                d.start = pos
        return got

    def inserted(self, new: Quote, pos: int, ctx: Ctx, start: int
                 ) -> tuple[list[_Draft], int] | None:
        """After "“Y” is inserted": the place (before or after words or a provision, at the
        beginning or end)."""
        sk = self.sk
        m = _AFTER_BEFORE.match(sk, pos)
        if m is not None:
            position = m.group("pos").lower()
            wt = self.words_then(m.end(), ctx)
            if wt is not None:
                anchor, occ, c2, p = wt
                d = _Draft("insert", c2, position=position, anchor=anchor, new=(new,),
                           start=start)
                _set_occ(d, occ)
                return [d], p
            placed = self.place(m.end(), ctx)
            if placed is None:
                return None
            c2, p = placed
            return [_Draft("insert", c2, position=position, new=(new,), obj_ref=True,
                           start=start)], p
        m = _AT_END.match(sk, pos)
        if m is None:
            return None
        c2, p = ctx, m.end()
        if m.group("of"):
            placed = self.place(m.end(), ctx)
            if placed is None:
                return None
            c2, p = placed
        position = "at_end" if m.group("w").lower() == "end" else "at_beginning"
        return [_Draft("insert", c2, position=position, new=(new,), obj_ref=bool(m.group("of")),
                       start=start)], p

    def becomes(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """A provision (or the existing text of one) given a new number -- "subsection (3)
        becomes subsection (4)", "is renumbered as", "the existing text of section 5 becomes
        subsection (1) of that section" -- or a heading given new words ("the heading of
        section 8 becomes “X”")."""
        sk = self.sk
        m = _EXISTING.match(sk, pos)
        if m is not None:
            if m.group().rstrip().lower().endswith("of"):
                placed = self.place(m.end(), ctx)
                if placed is None:
                    return None
                c1, p = placed
            else:
                c1, p = ctx, m.end()
            b = _BECOMES.match(sk, p)
            if b is None:
                return None
            return self.renumbered(c1, b.end(), pos)
        r = self.ref(pos)
        t = _THAT.match(sk, pos) if r is None else None
        if r is None and t is None:
            return None
        b = _BECOMES.match(sk, r.end if r is not None else t.end())  # type: ignore[union-attr]
        if b is None:
            return None
        placed = self.place(pos, ctx)
        assert placed is not None
        c1, _ = placed
        q = _NEXT_QUOTE.match(sk, b.end())
        if q is not None and b.group().strip().lower().startswith("become"):
            # "the heading of section 8 becomes “X”": the heading's new words.
            return [_Draft("substitute", c1, new=(self.quote(q.start("q")),), obj_ref=True,
                           start=pos)], q.end()
        return self.renumbered(c1, b.end(), pos)

    def words_become(self, d: _Draft, pos: int, start: int) -> tuple[list[_Draft], int] | None:
        """"the words from “X” to the end become paragraph (a)", "the words “X” become
        sub-paragraph (i)": the words named (``d``) become a new child of the provision
        they are in, numbered as cited at ``pos``.  A place given to the words, or a range
        to the end of another provision, is refused: the words moved are the one run of
        them that ends the provision's own text."""
        if d.rule != "only" or d.position is not None:
            raise self.error("words given a place become a numbered provision: the words "
                             "moved are the one run of them ending the provision's text",
                             start, pos)
        if d.end_of is not None:
            raise self.error("a range to the end of another provision becomes a numbered "
                             "provision: only the provision's own words can", *d.end_of_span)
        if not d.ctx.comps:
            raise self.error("words become a numbered provision, but no provision they are in "
                             "is named", start, pos)
        if d.ctx.part is not None:
            raise self.error(f"words in the {d.ctx.part} words become a numbered provision: "
                             f"only a provision's text with no provisions below it can be "
                             f"split so", start, pos)
        got = self.renumbered(d.ctx, pos, start)
        if got is None:
            return None
        (r,), p = got
        assert r.renumbered is not None
        old, new = d.ctx.comps, r.renumbered.comps
        if len(new) != len(old) + 1 or new[:len(old)] != old:
            raise self.error("the words become a provision that is not a child of the one "
                             "they are in", start, p)
        r.old, r.old_to, r.ranged, r.from_start = d.old, d.old_to, d.ranged, d.from_start
        r.side = d.side
        r.inexpressible = (start, p)
        return [r], p

    def renumber(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """"renumber subsection (3) as subsection (4)"; the existing text given a number by
        the verb: "renumber (number) the existing text of section 5 as subsection (1)",
        "make the existing provision paragraph (1)" (no "as" after "make")."""
        sk = self.sk
        m = _RENUMBER.match(sk, pos) or _NUMBER_EXISTING.match(sk, pos)
        if m is None:
            return None
        e = _EXISTING.match(sk, m.end())
        placed: tuple[Ctx, int] | None
        if e is None:
            placed = self.place(m.end(), ctx)
        elif e.group().rstrip().lower().endswith("of"):
            placed = self.place(e.end(), ctx)
        else:
            placed = (ctx, e.end())
        if placed is None:
            return None
        c1, p = placed
        # "make the existing provision paragraph (1)" has no "as".
        a = (_SPACE if m.group().lower().startswith("make") else _AS).match(sk, p)
        if a is None:
            return None
        return self.renumbered(c1, a.end(), pos)

    def renumbered(self, old: Ctx, pos: int, start: int) -> tuple[list[_Draft], int] | None:
        """The new number of ``old`` at ``pos`` ("subsection (4)", "subsection (1) of that
        section"): a renumber draft.  A list, on either side, is refused: renumbering
        several provisions one after another may take a number still in use."""
        r = self.ref(pos)
        if r is None:
            return None
        if old.more or r.more:
            raise self.error("several provisions renumbered at once: the order they are "
                             "renumbered in is not said", start, r.end)
        # The new number as cited, without "of that section".
        cited = curly(collapse(self.text[r.start:r.chain_end]))
        if r.of_that is not None:
            new = self.apply_ref(old, r)
        else:
            new = Ctx(old.act, old.comps, r.comps, (), cited)
            self.applied.append((r, old, new))
        d = _Draft("renumber", old, start=start, renumbered=new._replace(target=cited))
        return [d], r.end

    def gerund(self, pos: int, ctx: Ctx) -> tuple[list[_Draft], int] | None:
        """After "… is hereby amended by": "substituting for “X” the words “Y”",
        "inserting after “X” the words “Y”", "omitting “X”"."""
        sk = self.sk
        m = _SUBSTITUTING.match(sk, pos)
        if m is not None:
            ow = self.old_words(m.end(), ctx)
            if ow is None:
                return None
            d, p = ow
            news, p2 = self._gerund_new(p)
            if not news:
                return None
            d.action, d.new = "substitute", news
            return [d], p2
        m = _INSERTING.match(sk, pos)
        if m is not None:
            if m.group("end"):
                news, p2 = self._gerund_new(m.end())
                if not news:
                    return None
                return [_Draft("insert", ctx, position="at_end", new=news, start=pos)], p2
            wt = self.words_then(m.end(), ctx)
            if wt is None:
                return None
            anchor, occ, c2, p = wt
            news, p2 = self._gerund_new(p)
            if not news:
                return None
            d = _Draft("insert", c2, position=m.group("pos").lower(), anchor=anchor, new=news,
                       start=pos)
            _set_occ(d, occ)
            return [d], p2
        m = _OMITTING.match(sk, pos)
        if m is not None:
            ow = self.old_words(m.end(), ctx)
            if ow is None:
                return None
            d, p = ow
            d.action, d.omit_how = "omit", "omitted"
            return [d], p
        return None

    def _gerund_new(self, pos: int) -> tuple[tuple[Quote, ...], int]:
        c = _COMMA.match(self.sk, pos)
        assert c is not None
        w = _WORDS.match(self.sk, c.end())
        if w is None:
            return (), pos
        return self.new_quotes(w.start("q"))

    # --- output ------------------------------------------------------------------------

    def emit(self, d: _Draft, item: Item, label: tuple[str, ...], span: tuple[int, int],
             text: str, lead_ins: tuple[str, ...]) -> None:
        """Turn a draft into a ParsedOp, parsing any quoted structure; ``span`` and ``text``
        are the item's, ``lead_ins`` the lead-ins around it (shared by every op of the item,
        never copied per op)."""
        ctx = d.ctx
        if d.punct_span is not None and d.position != "at_end":
            raise self.error("punctuation named in words is read only “at the end”, where "
                             "the provision's closing mark is meant: which one is meant here "
                             "cannot be told", *d.punct_span)
        if d.end_of is not None:
            self.check_range_end(d.end_of, d.end_of_span, ctx)
        if d.case_span is not None and ctx.more:
            raise self.error("after a list of provisions, “in each case” may mean in each of "
                             "them rather than in each place the words occur", *d.case_span)
        provisions: tuple[QuotedProvision, ...] = ()
        structural = d.structural
        if d.new and d.action in ("insert", "substitute"):
            hint = ctx.hint() if d.obj_ref else None
            if (d.obj_ref or d.block) and starts_with_provision(d.new[0], hint):
                parsed: list[QuotedProvision] = []
                for q in d.new:
                    parsed.extend(parse_quoted(q, self.text, hint))
                provisions = tuple(parsed)
                structural = True
        if len(d.new) > 1 and not structural:
            # Words are one quotation; quoted provisions may follow one another.
            second = d.new[1]
            raise self.error("a second quotation follows the first: cannot tell how they "
                             "join", second.start, second.end)
        old: str | None = None
        words_from = words_to = None
        if d.side is not None and d.old is not None:
            old = d.old.words
            if d.side == "after":
                words_from = old
            else:
                words_to = old
        elif d.from_start and d.old is not None:
            words_to = d.old.words
            old = f"\u2026 {words_to}"
        elif d.ranged and d.old is not None:
            words_from = d.old.words
            words_to = d.old_to.words if d.old_to is not None else None
            old = f"{words_from} \u2026 {words_to}" if words_to is not None \
                else f"{words_from} \u2026"
        elif d.old is not None:
            old = d.old.words
        new = " ".join(q.words for q in d.new) if d.new else None
        new_address = None
        if d.renumbered is not None:
            new, new_address = d.renumbered.target, render(d.renumbered.comps)
        self.ops.append(ParsedOp(
            action=d.action,  # type: ignore[arg-type]
            position=d.position,  # type: ignore[arg-type]
            anchor=d.anchor.words if d.anchor is not None else None,
            old=old,
            new=new,
            target=ctx.target,
            range=d.ranged,
            occurrence_rule=d.rule,  # type: ignore[arg-type]
            occurrence_indices=d.indices,
            words_from=words_from,
            words_to=words_to,
            structural=structural,
            provisions=provisions,
            omit_how=d.omit_how,  # type: ignore[arg-type]
            address=render_ref(ctx.base, ctx.own, ctx.more),
            words_part=ctx.part,  # type: ignore[arg-type]
            as_inserted_by=ctx.inserted_by,
            new_address=new_address,
            range_end=d.end_of.target if d.end_of is not None else None,
            range_end_address=render(d.end_of.comps) if d.end_of is not None else None,
            beside=render(ctx.beside),
            act=ctx.act,
            label=label,
            text=text,
            span=span,
            lead_ins=lead_ins,
            number_end=item.own_start - item.start,
            inexpressible=d.inexpressible if d.inexpressible is not None or d.side is None
            else span,
            words_side=d.side,  # type: ignore[arg-type]
        ))


_READERS: dict[str, Callable[[_Parser, int, Ctx], tuple[list[_Draft], int] | None]] = {
    "after": _Parser.insert_at, "before": _Parser.insert_at, "at": _Parser.insert_at,
    "for": _Parser.substitute_for, "omit": _Parser.omit, "in": _Parser.insert_at,
    "insert": _Parser.insert_in_place, "add": _Parser.insert_in_place,
    "immediately": _Parser.insert_at, "leave": _Parser.leave_out, "repeal": _Parser.repeal,
    "renumber": _Parser.renumber, "re-number": _Parser.renumber,
    "number": _Parser.renumber, "make": _Parser.renumber,
    "substitute": _Parser.substitute_first,
}


def _singular_word(word: str) -> str:
    """"sub-sections" as "subsection": the singular, lower case, without hyphens."""
    word = word.lower().replace("-", "")
    if word == "annexes":
        return "annex"
    return word[:-1] if word.endswith("s") and word != "s" else word


def _nested(a: tuple[Comp, ...], b: tuple[Comp, ...]) -> bool:
    """True when one address lies within the other (or they are the same)."""
    return a[:len(b)] == b or b[:len(a)] == a


def _set_occ(d: _Draft, occ: _Occ | None) -> None:
    if occ is not None:
        d.rule, d.indices, d.case_span = occ.rule, occ.indices, occ.case_span


def parse(text: str) -> tuple[ParsedOp, ...]:
    """Read an amending provision, or a single instruction, into its textual changes.

    ``text`` may be a whole provision with its numbered items ("2 (1) The X
    Act 1970 is amended as follows. (2) In section 6— (a) …") or one
    instruction ("in subsection (1), after “X” insert “Y”"), with straight or
    curly quotes, any dash, and line breaks wherever white space may be.
    Context (the Act, the provision) carries down from lead-ins to the items
    below them.  Returns the ops in text order; a text that only sets
    context ("The X Act is amended as follows.") gives none.  Raises
    InstructionParseError, with ``span`` naming exactly the part that could
    not be read, for anything outside the grammar, including non-textual
    provisions ("shall have effect as if …").  An empty or blank ``text`` is
    an InstructionParseError too ("no instruction given: the input is
    empty"), with the empty span (0, 0).
    """
    if not text.strip():
        why = "the input is empty" if not text else "the input is blank (white space only)"
        raise InstructionParseError(f"no instruction given: {why}", text=text, span=(0, 0))
    return _Parser(text).run()


__all__ = ["parse"]
