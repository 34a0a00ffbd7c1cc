"""Amending an Act from the amending instrument itself, with a report of every instruction.

:func:`apply_instrument` is the pipeline behind ``lawdiff apply``: the
instrument's items (:mod:`lawdiff.instrument`) are sorted by the Act they
are aimed at; each one aimed at the target is read by the instruction
parser (:mod:`lawdiff.parse`) and compiled into operations
(:mod:`lawdiff.instructions`), its quoted structures read from their source
XML with their structure and inline markup, its commencement taken from the
facts given (``--commencement``) or else from the instrument's own
commencement provisions; the engine (:func:`lawdiff.engine.consolidate`)
applies them all or none.

Every item gets one :class:`Outcome`: applied; refused (why, where, the
words sought and the places found); aimed at another Act; aimed at a
provision outside the extract held; not a textual amendment (recorded, not
applied); or not in force on the day asked about.  :func:`report_rows` gives
them in the shape of the effects table (:mod:`lawdiff.render.effects`),
with lawdiff's own columns after.

Nothing is applied unless every instruction aimed at the target fits, and
at least one is aimed at it.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import re
from collections.abc import Sequence
from datetime import date

import attrs

from lawdiff.address import Address, Location, resolve
from lawdiff.amendment import Amendment
from lawdiff.citation import parse_citation
from lawdiff.commencement import Commencement
from lawdiff.designation import Designation
from lawdiff.engine import Consolidation, consolidate, select_operations
from lawdiff.errors import (
    AmbiguousWords,
    AmendmentConflict,
    InstructionParseError,
    InvalidAmendment,
    LawdiffError,
    ProvisionNotFound,
)
from lawdiff.formats.akn import act_to_bytes, history
from lawdiff.formats.clml_fragment import Context, read_block_amendment
from lawdiff.formats.clml_writer import write_clml
from lawdiff.formats.detect import format_of, read_document, sniff, write_document
from lawdiff.instructions import to_operation
from lawdiff.instrument import (
    AmendingItem,
    Identity,
    Instrument,
    ItemKind,
    NamedAct,
    compare,
    read_instrument,
    read_instrument_text,
)
from lawdiff.instrument.names import normal_title, work_of
from lawdiff.model import Act, Kind, Node, Provision
from lawdiff.operations import (
    Applied,
    InsertProvision,
    Operation,
    Provenance,
    SubstituteProvision,
)
from lawdiff.parse import parse
from lawdiff.render.annotated import annotated_text
from lawdiff.render.effects import COLUMNS, affecting, effects_rows
from lawdiff.revised import revised_act
from lawdiff.timeline import Revocation, View


class Status(enum.Enum):
    """What became of an instruction."""

    APPLIED = "applied"
    REFUSED = "refused"
    OTHER_ACT = "aimed at another Act"
    OUTSIDE = "outside the extract"
    NOT_TEXTUAL = "not a textual amendment"
    NOT_IN_FORCE = "not in force"
    NOTHING = "nothing amending"


@attrs.frozen(slots=True)
class Outcome:
    """One instruction's result (``item`` is None only for the single "nothing amending" row).

    ``reason`` says why it was not applied; ``where`` names the provision,
    ``words`` the words sought and ``places`` where they (or the nearest
    provisions) were found, when the instruction did not fit; ``note``
    records an assumption made ("no Act named: taken to mean the target").
    """

    item: AmendingItem | None
    status: Status
    reason: str = ""
    operations: tuple[Operation, ...] = ()
    where: str = ""
    words: str = ""
    places: tuple[str, ...] = ()
    note: str = ""


@attrs.frozen(slots=True)
class ApplyResult:
    """The revised target (when every instruction aimed at it applied) and every outcome."""

    instrument: Instrument
    target: Act
    outcomes: tuple[Outcome, ...]
    consolidation: Consolidation | None = None

    @property
    def ok(self) -> bool:
        """True when the target was revised: every instruction aimed at it fitted."""
        return self.consolidation is not None

    def count(self, status: Status) -> int:
        """How many outcomes have ``status``."""
        return sum(1 for o in self.outcomes if o.status is status)


def identity_of(act: Act) -> Identity:
    """What is known of a target to compare names with: its work, title and year."""
    info = act.info
    title = info.title if info.title and info.title != "Untitled" else None
    work = info.work if info.work and not info.work.startswith("unknown") else None
    return Identity(work, title, info.year if info.year > 1 else None)


def apply_instrument(instrument: Instrument, target: Act, *, as_at: date | None = None,
                     facts: Sequence[Amendment] = (), within: Address | None = None
                     ) -> ApplyResult:
    """Apply every instruction of ``instrument`` aimed at ``target``, all or none.

    ``facts`` are amendment files whose operations record commencement facts
    (matched to instructions by citation: the instruction's own, else the
    nearest enclosing one) and whose extent and revocations apply to the
    instructions they cover; without a fact, an instruction takes the day
    its instrument's commencement provisions give it, if any; with neither
    it is undated (shown as amended when ``as_at`` is None, not in force
    otherwise).  ``within`` says where an extract sits (instructions aimed
    under it at a provision it does not hold are outside the extract).
    """
    identity = identity_of(target)
    outcomes: dict[int, Outcome] = {}
    compiled: dict[int, tuple[Operation, ...]] = {}
    notes: dict[int, str] = {}
    unknown_names: dict[str, list[int]] = {}
    for index, item in enumerate(instrument.items):
        if item.kind is ItemKind.NOT_TEXTUAL:
            outcomes[index] = Outcome(item, Status.NOT_TEXTUAL, item.reason or "")
            continue
        verdict, note = _aim(item, instrument, identity)
        if verdict == "other":
            named = item.aimed.describe() if item.aimed is not None else instrument.citation
            outcomes[index] = Outcome(item, Status.OTHER_ACT, f"aimed at {named}")
            continue
        if verdict == "unknown" and item.aimed is not None:
            key = normal_title(item.aimed.title or item.aimed.words)
            unknown_names.setdefault(key, []).append(index)
        notes[index] = note
    if len(unknown_names) > 1:
        listed = ", ".join(sorted({instrument.items[i].aimed.describe()  # type: ignore[union-attr]
                                   for ids in unknown_names.values() for i in ids}))
        for ids in unknown_names.values():
            for i in ids:
                outcomes[i] = Outcome(
                    instrument.items[i], Status.REFUSED,
                    f"cannot tell which of {listed} the target is: give its title and number "
                    f"with --act", note=notes.pop(i))
    for index, note in list(notes.items()):
        item = instrument.items[index]
        try:
            ops = _compile(item, target, facts)
        except InstructionParseError as exc:
            outcomes[index] = Outcome(item, Status.REFUSED, f"cannot read the instruction: {exc}",
                                      words=exc.unparsed, note=note)
            continue
        except LawdiffError as exc:
            outcomes[index] = Outcome(item, Status.REFUSED, str(exc), note=note)
            continue
        outside = [why for why in (_outside(op, target, within) for op in ops) if why]
        if outside and len(outside) == len(ops):
            outcomes[index] = Outcome(item, Status.OUTSIDE, outside[0], ops, note=note)
            continue
        compiled[index] = ops
        rule = item.commencement
        if rule is not None and rule.day is None and not any(op.commencement for op in ops):
            said = f" ({rule.provision})" if rule.provision else ""
            extra = f"comes into force {rule.words}{said}: no day known, so undated"
            notes[index] = f"{note}; {extra}" if note else extra
    amendments = _amendments(instrument, target, compiled, facts)
    view = View(as_at)
    failures = _diagnose(target, amendments, view)
    for index, ops in compiled.items():
        item = instrument.items[index]
        bad = [(op, failures[id(op)]) for op in ops if id(op) in failures]
        if bad:
            op, error = bad[0]
            outcomes[index] = _refusal(item, op, error, ops, notes[index])
    aimed = bool(compiled) or any(o.status is Status.OUTSIDE for o in outcomes.values())
    refused = any(o.status is Status.REFUSED for o in outcomes.values())
    consolidation: Consolidation | None = None
    if aimed and not refused:
        consolidation = consolidate(target, amendments, as_at)
        applied = {id(s.operation) for s in consolidation.steps}
        pending = {id(p.operation): p.reason for p in consolidation.pending}
        for index, ops in compiled.items():
            item = instrument.items[index]
            if all(id(op) in applied for op in ops):
                outcomes[index] = Outcome(item, Status.APPLIED, "", ops, note=notes[index])
            else:
                reason = next((pending[id(op)] for op in ops if id(op) in pending), "")
                outcomes[index] = Outcome(item, Status.NOT_IN_FORCE, reason, ops,
                                          note=notes[index])
    else:
        for index, ops in compiled.items():
            if index not in outcomes:
                outcomes[index] = Outcome(instrument.items[index], Status.NOT_IN_FORCE,
                                          "not applied: other instructions aimed at the "
                                          "target were refused" if refused else "", ops,
                                          note=notes[index])
    ordered = tuple(outcomes[i] for i in sorted(outcomes))
    if not instrument.items:
        ordered = (Outcome(None, Status.NOTHING,
                           f"no amending provision found in {instrument.citation} "
                           f"({instrument.provisions} provisions read)"),)
    return ApplyResult(instrument, target, ordered, consolidation)


def _aim(item: AmendingItem, instrument: Instrument, target: Identity) -> tuple[str, str]:
    """("same" | "other" | "unknown", note): whether ``item`` is aimed at the target."""
    who = target.describe()
    if item.aimed is None:
        if instrument.plain_text:
            return "same", f"no Act named: taken to mean {who}"
        self_act = NamedAct(instrument.identity.title or instrument.citation,
                            instrument.identity.title, None, instrument.identity.year,
                            instrument.identity.work)
        verdict = compare(self_act, target)
        if verdict == "unknown":
            return "unknown", f"no Act named: read as {instrument.citation} itself, which " \
                              f"cannot be told from {who}"
        return verdict, "no Act named: read as the instrument itself"
    verdict = compare(item.aimed, target)
    if verdict == "unknown":
        return "unknown", f"{item.aimed.describe()} ({item.aimed_how}) cannot be identified: " \
                          f"taken to mean {who}"
    return verdict, ""


def _compile(item: AmendingItem, target: Act, facts: Sequence[Amendment]
             ) -> tuple[Operation, ...]:
    """The operations of one item, with their provenance, quoted structures and commencement."""
    parsed = parse(item.text)
    if item.antecedent:
        # The text holds the instruction "that Article" refers to: only this item's changes.
        parsed = tuple(p for p in parsed if p.label[:len(item.label)] == item.label)
    if not parsed:
        raise InvalidAmendment("no change could be read in it (only a lead-in?)")
    commencement = _commencement(item, facts)
    ops: list[Operation] = []
    blocks = [q.xml for q in item.quoted if q.fmt == "clml" and q.xml is not None]
    structural = [p for p in parsed if p.structural and p.action != "omit"]
    for p in parsed:
        op = to_operation(p, item.primary, target)
        op = attrs.evolve(op, provenance=Provenance(op.provenance.citation, item.words),
                          commencement=commencement)
        if blocks and isinstance(op, (InsertProvision, SubstituteProvision)):
            if len(structural) == len(blocks):
                mine = [blocks[structural.index(p)]]
            elif len(structural) == 1:
                mine = blocks
            else:
                raise InvalidAmendment(f"{len(blocks)} quoted structures for "
                                       f"{len(structural)} changes: cannot tell which is which")
            op = _with_quoted(op, mine, target)
        ops.append(op)
    return tuple(ops)


def _with_quoted(op: InsertProvision | SubstituteProvision, blocks: Sequence[bytes],
                 target: Act) -> Operation:
    """``op`` with the provisions it inserts read from the quoted structures' XML (their
    structure and inline markup), checked against what the instruction's text reads."""
    place = op.target if isinstance(op, InsertProvision) else op.target.parent
    try:
        context = _context(target, place)
    except ProvisionNotFound:
        return op  # the change will be refused for its place; keep the text's reading
    unit = _unit(target)
    nodes: list[Node] = []
    for xml in blocks:
        nodes.extend(read_block_amendment(xml, context, unit))
    provisions = tuple(n for n in nodes if isinstance(n, Provision))
    if len(provisions) != len(nodes):
        raise InvalidAmendment("the quoted structure holds content other than provisions, "
                               "which lawdiff cannot insert")
    read = [str(p.num) for p in op.provisions]
    found = [str(p.num) for p in provisions]
    if read != found:
        raise InvalidAmendment(f"the quoted structure holds {', '.join(found) or 'nothing'} "
                               f"but the instruction's text reads {', '.join(read)}")
    if isinstance(op, SubstituteProvision) and len(provisions) == 1:
        # A provision substituted under its own number keeps its identifier in the source.
        old = resolve(target, op.target).node
        new = provisions[0]
        if isinstance(old, Provision) and old.kind is new.kind and old.num == new.num \
                and new.ident is None and old.ident is not None:
            provisions = (attrs.evolve(new, ident=old.ident),)
    return attrs.evolve(op, provisions=provisions)


def _context(target: Act, place: Address) -> Context:
    if not place.steps:
        return ()
    loc: Location = resolve(target, place)
    out: list[tuple[Kind, Designation | None]] = []
    node: Act | Node = target
    for i in loc.path:
        assert isinstance(node, (Act, Provision))
        node = node.children[i]
        if isinstance(node, Provision) and node.num is not None and not node.kind.transparent \
                and not node.kind.content:
            out.append((node.kind, node.num))
    return tuple(out)


def _unit(act: Act) -> Kind:
    """The primary unit of an Act's body: section, article, regulation or rule."""
    for _, node in act.walk():
        if isinstance(node, Provision) and node.kind in (Kind.SECTION, Kind.ARTICLE,
                                                         Kind.REGULATION, Kind.RULE):
            return node.kind
    return Kind.SECTION


def _commencement(item: AmendingItem, facts: Sequence[Amendment]) -> tuple[Commencement, ...]:
    """The facts recorded for the item (its citation, else the nearest enclosing one), else
    the day its instrument's own commencement provisions give, else none."""
    best: tuple[int, tuple[Commencement, ...]] | None = None
    for amendment in facts:
        for op in amendment.operations:
            cite = op.provenance.citation
            if cite and _encloses(cite, item.citation) and (best is None or len(cite) > best[0]):
                best = (len(cite), op.commencement)
    if best is not None:
        return best[1]
    rule = item.commencement
    if rule is not None and rule.day is not None:
        return (Commencement(date=rule.day, power=rule.provision or None),)
    return ()


def _encloses(outer: str, inner: str) -> bool:
    return inner == outer or inner.startswith((f"{outer}(", f"{outer} "))


def _amendments(instrument: Instrument, target: Act, compiled: dict[int, tuple[Operation, ...]],
                facts: Sequence[Amendment]) -> list[Amendment]:
    """The compiled operations as amendments of the target: one per facts file that covers
    some of them (its extent and revocations apply), and one for the rest."""
    groups: dict[int, list[Operation]] = {}
    for index in sorted(compiled):
        item = instrument.items[index]
        owner = next((i for i, a in enumerate(facts) if _encloses(a.citation, item.citation)), -1)
        groups.setdefault(owner, []).extend(compiled[index])
    revocations: list[Revocation] = [r for a in facts for r in a.revocations]
    out: list[Amendment] = []
    for owner, ops in groups.items():
        if owner >= 0:
            fact = facts[owner]
            out.append(Amendment(fact.citation, target.info.work, ops, extent=fact.extent,
                                 revocations=fact.revocations, name=fact.name))
        else:
            out.append(Amendment(instrument.citation, target.info.work, ops,
                                 revocations=tuple(revocations)))
    return out


def _diagnose(target: Act, amendments: Sequence[Amendment], view: View
              ) -> dict[int, LawdiffError]:
    """Try every operation in force in ``view``, in order, skipping the ones that fail, and
    return each failure (keyed by the operation's id): one refusal does not hide another."""
    chosen, _ = select_operations(target, amendments, view)
    failures: dict[int, LawdiffError] = {}
    act = target
    for _, op in chosen:
        result = op.attempt(act)
        if isinstance(result, Applied):
            act = result.act
        else:
            failures[id(op)] = result.error
    return failures


def _refusal(item: AmendingItem, op: Operation, error: LawdiffError,
             ops: tuple[Operation, ...], note: str) -> Outcome:
    where = words = ""
    places: tuple[str, ...] = ()
    if isinstance(error, AmendmentConflict):
        where = error.provision or ""
        words = getattr(error, "words", "") or ""
        if isinstance(error, AmbiguousWords):
            places = error.places
        elif isinstance(error, ProvisionNotFound):
            where = error.address
            places = error.nearest
    return Outcome(item, Status.REFUSED, f"{op.describe()}: {error}", ops, where, words, places,
                   note)


def _outside(op: Operation, target: Act, within: Address | None) -> str | None:
    """Why ``op`` is aimed outside the extract held, or None."""
    if not (target.info.extract or within is not None):
        return None
    address = getattr(op, "target", None)
    if not isinstance(address, Address) or not address.steps:
        return None
    first = Address(address.steps[:1])
    try:
        resolve(target, first)
    except ProvisionNotFound:
        return f"{first} is not in the extract held"
    if within is not None and address.steps[:len(within.steps)] == within.steps:
        try:
            resolve(target, address)
        except ProvisionNotFound:
            return f"{address} is not in the extract held (of {within})"
    return None


# --- reading and writing documents ----------------------------------------------------------

FORMATS = ("text", "clml", "akn", "annotated", "json")
"""The forms the revised target is written in."""


def document_format(data: bytes, act: Act | None = None) -> str:
    """"clml", "akn", "json" or "text": what a file holds (by its content, see
    :mod:`lawdiff.formats.detect`); ``act`` is the document read from it, if it was."""
    kind = sniff(data)
    if kind in ("text", "json"):
        return kind
    return format_of(act) if act is not None else "xml"


def read_amending(data: bytes, source: str, citation: str | None = None) -> Instrument:
    """An amending instrument from a CLML or AKN document, or from the plain text of amending
    provisions (which needs ``citation``: what the text is, e.g. "Children Act 2004 (c. 31),
    Sch. 2")."""
    if sniff(data) == "text":
        if citation is None:
            raise LawdiffError(f"{source}: plain-text amending provisions need --citation, saying "
                               f"what they are (e.g. \"Children Act 2004 (c. 31), Sch. 2\")")
        return read_instrument_text(_utf8(data, source), citation)
    return read_instrument(read_document(data, source), citation)


def read_target(data: bytes, source: str, act: str | None = None, within: str | None = None
                ) -> tuple[Act, str]:
    """The Act to amend and its format: a CLML or AKN document, or plain text (read by
    ``lawdiff.formats.text``, with ``within`` saying where an extract sits).

    ``act`` names the target's work ("ukpga/1970/42") or cites it ("Local
    Authority Social Services Act 1970 (c. 42)"): it identifies a text that
    does not say what it is, and must agree with a document that does.
    """
    if within is not None and sniff(data) != "text":
        raise LawdiffError("--within is for plain-text extracts: a document says where its "
                           "provisions sit")
    target = read_document(data, source, within=within)
    fmt = document_format(data, target)
    if act is not None:
        target = _identified(target, act, source)
    return target, fmt


def _identified(target: Act, act: str, source: str) -> Act:
    given = parse_act_option(act)
    info = target.info
    known = identity_of(target)
    if known.work is not None and given.work is not None and known.work != given.work:
        raise LawdiffError(f"{source} is {known.work} ({info.title}), not {given.work} as --act "
                           f"says")
    if given.work is None:
        raise LawdiffError(f"--act {act!r}: give a work (\"ukpga/1970/42\") or a citation with "
                           f"its number (\"Local Authority Social Services Act 1970 (c. 42)\")")
    year = given.year or _year(given.work) or info.year
    new = attrs.evolve(info, work=given.work, year=year,
                       title=given.title or info.title,
                       chapter=given.number or info.chapter)
    return target.with_info(new)


def parse_act_option(text: str) -> NamedAct:
    """``--act``: a work identifier ("ukpga/1970/42") or a citation ("Local Authority Social
    Services Act 1970 (c. 42)", "The … Regulations 2016 (S.I. 2016/413)")."""
    text = " ".join(text.split())
    if re.fullmatch(r"[a-z]+(?:/[A-Za-z0-9-]+)+", text):
        return NamedAct(text, work=text, year=_year(text))
    cited = parse_citation(text)
    if cited.kind == "other" or cited.provision:
        return NamedAct(text)
    number = cited.instrument_number if cited.kind == "si" else cited.number
    title = cited.title if not cited.title.startswith(("S.I.", "S.S.I.", "S.R.")) else None
    return NamedAct(text, title, number, cited.year, work_of(title, number, cited.year))


def _year(work: str) -> int | None:
    return next((int(p) for p in work.split("/")[1:] if p.isdigit() and len(p) == 4), None)


def _utf8(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LawdiffError(f"{source}: not UTF-8 text ({exc.reason} at byte {exc.start})") \
            from None


def render(result: ApplyResult, fmt: str) -> bytes:
    """The revised target in ``fmt`` (one of :data:`FORMATS`); raises LawdiffError when the
    target was not revised."""
    cons = result.consolidation
    if cons is None:
        raise LawdiffError("nothing to write: the target was not revised")
    if fmt == "clml":
        return write_clml(revised_act(cons))
    if fmt == "akn":
        return act_to_bytes(cons.act, history(cons.steps, cons.view), cons.base.info.version_date,
                            cons.view)
    if fmt == "annotated":
        return annotated_text(cons).encode("utf-8")
    if fmt == "json":
        return write_document(cons.act, "json")
    if fmt == "text":
        return write_document(cons.act, "text")
    raise LawdiffError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


# --- the report ----------------------------------------------------------------------------

REPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    *COLUMNS,
    ("outcome", "Outcome"),
    ("instruction", "Instruction"),
    ("reason", "Reason"),
    ("where", "Where"),
    ("words_sought", "Words Sought"),
    ("places_found", "Places Found"),
    ("aimed_at", "Aimed At"),
    ("named", "Named"),
    ("instruction_note", "Instruction Note"),
)
"""The report's columns: the effects table's (:data:`lawdiff.render.effects.COLUMNS`), then
the outcome of each instruction and, for those not applied, why."""


def report_rows(result: ApplyResult) -> list[dict[str, str]]:
    """One row per instruction (per operation, for instructions applied or pending), in the
    effects table's shape; see :data:`REPORT_COLUMNS`."""
    effect_rows: dict[int, dict[str, str]] = {}
    cons = result.consolidation
    if cons is not None:
        base = Consolidation(cons.base, cons.base, (), view=cons.view)
        rows = effects_rows(base, cons)
        ops = [s.operation for s in cons.steps] + [p.operation for p in cons.pending]
        effect_rows = {id(op): row for op, row in zip(ops, rows, strict=True)}
    out: list[dict[str, str]] = []
    info = result.target.info
    for outcome in result.outcomes:
        item = outcome.item
        title, number, provision = affecting(item.citation if item else None)
        common = {
            "outcome": outcome.status.value,
            "instruction": item.words if item else "",
            "reason": outcome.reason,
            "where": outcome.where,
            "words_sought": outcome.words,
            "places_found": "; ".join(outcome.places),
            "aimed_at": item.aimed.describe() if item and item.aimed else "",
            "named": item.aimed_how if item else "",
            "instruction_note": outcome.note,
        }
        rows_here = [effect_rows[id(op)] for op in outcome.operations if id(op) in effect_rows]
        if not rows_here:
            row = {key: "" for key, _ in COLUMNS}
            aimed_here = outcome.status not in (Status.OTHER_ACT, Status.NOT_TEXTUAL,
                                                Status.NOTHING)
            if aimed_here:
                row["changed_legislation"] = info.title
                row["changed_year_and_number"] = f"{info.year} {info.chapter}"
            elif item is not None and item.aimed is not None:
                row["changed_legislation"] = item.aimed.title or item.aimed.words
                if item.aimed.year and item.aimed.number:
                    row["changed_year_and_number"] = f"{item.aimed.year} {item.aimed.number}"
            if outcome.operations:
                row["changed_provision"] = "; ".join(str(getattr(op, "target", ""))
                                                     for op in outcome.operations)
            row.update({"affecting_legislation": title, "affecting_year_and_number": number,
                        "affecting_provision": provision, "applied": "no",
                        "status": outcome.reason})
            rows_here = [row]
        for row in rows_here:
            out.append({**row, **common})
    return out


def report_csv(result: ApplyResult) -> str:
    """The report as CSV with a header row (:data:`REPORT_COLUMNS`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([heading for _, heading in REPORT_COLUMNS])
    for row in report_rows(result):
        writer.writerow([row.get(key, "") for key, _ in REPORT_COLUMNS])
    return buffer.getvalue()


def report_json(result: ApplyResult) -> str:
    """The report as a JSON list of objects keyed as in :data:`REPORT_COLUMNS`."""
    rows = [{key: row.get(key, "") for key, _ in REPORT_COLUMNS} for row in report_rows(result)]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def summary_lines(result: ApplyResult) -> list[str]:
    """The summary for standard error: the counts, then one line per instruction aimed at the
    target and not applied (and per assumption made)."""
    target = result.target.info.citation
    counts = ", ".join(f"{result.count(status)} {status.value}" for status in Status
                       if status is not Status.NOTHING and result.count(status))
    lines = [f"{result.instrument.citation} \u2192 {target}: {counts or 'no instructions'}"]
    for outcome in result.outcomes:
        item = outcome.item
        cite = item.citation if item else result.instrument.citation
        if outcome.status in (Status.REFUSED, Status.OUTSIDE, Status.NOTHING) or (
                outcome.status is Status.NOT_IN_FORCE and outcome.reason):
            lines.append(f"{outcome.status.value}: {cite}: {outcome.reason}")
        if outcome.note and outcome.status is not Status.OTHER_ACT:
            lines.append(f"note: {cite}: {outcome.note}")
    return lines


__all__ = ["FORMATS", "REPORT_COLUMNS", "ApplyResult", "Outcome", "Status", "apply_instrument",
           "document_format", "identity_of", "parse_act_option", "read_amending", "read_target",
           "render", "report_csv", "report_json", "report_rows", "summary_lines"]
