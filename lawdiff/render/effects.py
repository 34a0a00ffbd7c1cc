"""Effects tables: what changed between two versions, as legislation.gov.uk's "Changes to legislation".

One row per operation (an "effect") that has effect in the later version and
not the earlier, then one per operation the later version does not apply
(``Consolidation.pending``: prospective, not yet in force, not in force in
its view, or revoked before it took effect), which are marked ``applied``
"no".

The first nine columns are legislation.gov.uk's, in its order and with its
headings (its results table: Changed Legislation | Year and Number | Changed
Provision | Type of effect | Affecting Legislation Title | Year and Number |
Affecting Provision | Applied | Note); lawdiff's own columns follow.
legislation.gov.uk shows "Year and Number" twice; the CSV names the two
"Changed Year and Number" and "Affecting Year and Number", so that every
heading is unique (a CSV reader keys columns by heading).  JSON keys are
distinct snake_case names; in JSON ``applied`` is ``true`` or ``false`` and
an empty column is ``null``:

========================== ============================ ==========================================
key                        CSV heading                  example
========================== ============================ ==========================================
changed_legislation        Changed Legislation          Local Authority Social Services Act 1970
changed_year_and_number    Changed Year and Number      1970 c. 42
changed_provision          Changed Provision            s. 6(A1)
type_of_effect             Type of effect               inserted (or words inserted, words
                                                        substituted, words omitted, substituted,
                                                        omitted, repealed)
affecting_legislation      Affecting Legislation Title  Children Act 2004
affecting_year_and_number  Affecting Year and Number    2004 c. 31 (a UK S.I.: 2016 No. 413)
affecting_provision        Affecting Provision          Sch. 2 para. 2(2)(a)
applied                    Applied                      yes / no (JSON: true / false)
note                       Note                         what legislation.gov.uk's Note column
                                                        holds: the commencement note ("with
                                                        effect in accordance with s. 18(9)(10) of
                                                        the amending Act"), or ""
annotation                 Annotation                   the whole annotation, worded as in the
                                                        annotated text (with any editorial note)
in_force                   In Force                     2008-01-01 (ISO dates, "; "-separated;
                                                        "prospective")
effective                  Effective in Later Version   the day it has effect in the later
                                                        version (ISO), or ""
extent                     Extent                       E
condition                  Condition                    dcs-appointed
commencing_authority       Commencing Authority         S.I. 2007/1792, art. 2
enabling_power             Enabling Power               s. 67(2)
commencement_note          Commencement Note            the same as ``note``
basis                      Basis                        "" when every commencement fact is an
                                                        official record; else where it comes from
                                                        ("inferred: …"), lawdiff's, not
                                                        legislation.gov.uk's
status                     Status                       "" or why it is not applied ("in force
                                                        from 2008-01-01")
========================== ============================ ==========================================

The affecting legislation's title, year and number come from the
operation's provenance citation ("Children Act 2004 (c. 31), Sch. 2 para.
2(2)(a)"; "The … Regulations 2016 (S.I. 2016/413), reg. 21(c)"; "S.I.
2016/413, reg. 21(c)"), read by :func:`affecting`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from lawdiff.citation import parse_citation
from lawdiff.commencement import Commencement
from lawdiff.engine import AppliedStep, Consolidation, Pending
from lawdiff.render.annotated import (
    commencement_entries,
    join_addresses,
    operation_effect,
    pending_note,
    step_note,
)
from lawdiff.timeline import View

COLUMNS: tuple[tuple[str, str], ...] = (
    # legislation.gov.uk's "Changes to legislation" columns, in its order
    ("changed_legislation", "Changed Legislation"),
    ("changed_year_and_number", "Changed Year and Number"),
    ("changed_provision", "Changed Provision"),
    ("type_of_effect", "Type of effect"),
    ("affecting_legislation", "Affecting Legislation Title"),
    ("affecting_year_and_number", "Affecting Year and Number"),
    ("affecting_provision", "Affecting Provision"),
    ("applied", "Applied"),
    ("note", "Note"),
    # lawdiff's own
    ("annotation", "Annotation"),
    ("in_force", "In Force"),
    ("effective", "Effective in Later Version"),
    ("extent", "Extent"),
    ("condition", "Condition"),
    ("commencing_authority", "Commencing Authority"),
    ("enabling_power", "Enabling Power"),
    ("commencement_note", "Commencement Note"),
    ("basis", "Basis"),
    ("status", "Status"),
)
LGU_COLUMNS = 9
"""How many of :data:`COLUMNS` are legislation.gov.uk's (the rest are lawdiff's)."""


def affecting(citation: str | None) -> tuple[str, str, str]:
    """(title, year and number, provision) of an amending provision's citation.

    >>> affecting("Children Act 2004 (c. 31), Sch. 2 para. 2(2)(a)")
    ('Children Act 2004', '2004 c. 31', 'Sch. 2 para. 2(2)(a)')
    >>> affecting("S.I. 2016/413, reg. 21(c)")
    ('S.I. 2016/413', '2016 No. 413', 'reg. 21(c)')
    >>> affecting("The Social Services and Well-being (Wales) Act 2014 (Consequential "
    ...           "Amendments) Regulations 2016 (S.I. 2016/413), reg. 21(a)")[1:]
    ('2016 No. 413', 'reg. 21(a)')

    Text in none of the shapes :func:`lawdiff.citation.parse_citation` reads is
    kept whole as the title.
    """
    if not citation:
        return "", "", ""
    parsed = parse_citation(citation)
    if parsed.kind in ("act", "si"):
        return parsed.title, parsed.year_and_number, parsed.provision or ""
    return parsed.title, "", ""


def _join(values: Sequence[str | None], sep: str = "; ") -> str:
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return sep.join(seen)


def _commencement_columns(entries: Sequence[Commencement]) -> dict[str, str]:
    in_force = _join([c.date.isoformat() if c.date else "prospective" for c in entries])
    return {
        "in_force": in_force,
        "extent": _join([c.extent for c in entries]),
        "condition": _join([c.condition for c in entries]),
        "commencing_authority": _join([c.authority for c in entries]),
        "enabling_power": _join([c.power for c in entries]),
        "commencement_note": _join([c.note for c in entries]),
        "note": _join([c.note for c in entries]),
        "basis": _join([c.basis for c in entries]),
    }


def _row(cons: Consolidation, op_citation: str | None, effect: str, provision: str,
         entries: Sequence[Commencement]) -> dict[str, str]:
    info = cons.act.info
    title, number, where = affecting(op_citation)
    row = {key: "" for key, _ in COLUMNS}
    row.update({
        "changed_legislation": info.title,
        "changed_year_and_number": f"{info.year} {info.chapter}",
        "changed_provision": provision,
        "type_of_effect": effect,
        "affecting_legislation": title,
        "affecting_year_and_number": number,
        "affecting_provision": where,
    })
    row.update(_commencement_columns(entries))
    return row


def _step_row(cons: Consolidation, step: AppliedStep) -> dict[str, str]:
    op = step.operation
    if step.changes:
        effect = step.changes[0].effect
        addresses = [c.address for c in step.changes]
    else:
        effect, addresses = operation_effect(op)
    entries = commencement_entries(op, cons.view, step.effective)
    row = _row(cons, op.provenance.citation, effect, join_addresses(addresses), entries)
    row["effective"] = step.effective.isoformat() if step.effective else ""
    row["applied"] = "yes"
    row["annotation"] = step_note(step, cons.view)
    return row


def _pending_row(cons: Consolidation, pending: Pending, view: View) -> dict[str, str]:
    op = pending.operation
    effect, addresses = operation_effect(op)
    entries = commencement_entries(op, view)
    row = _row(cons, op.provenance.citation, effect, join_addresses(addresses), entries)
    row["applied"] = "no"
    row["status"] = pending.reason
    row["annotation"] = pending_note(pending, view)
    return row


def effects_rows(before: Consolidation, after: Consolidation) -> list[dict[str, str]]:
    """The effects between two versions of one Act (see the module documentation).

    Raises ValueError when the two consolidations are of different Acts.
    """
    if before.act.info.work != after.act.info.work:
        raise ValueError(f"cannot compare versions of different Acts: {before.act.info.work} "
                         f"and {after.act.info.work}")
    earlier = {s.operation for s in before.steps}
    rows = [_step_row(after, step) for step in after.steps if step.operation not in earlier]
    rows.extend(_pending_row(after, p, after.view) for p in after.pending)
    return rows


def effects_csv(before: Consolidation, after: Consolidation) -> str:
    """The effects as CSV with a header row: legislation.gov.uk's nine headings, then lawdiff's."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([header for _, header in COLUMNS])
    for row in effects_rows(before, after):
        writer.writerow([row[key] for key, _ in COLUMNS])
    return out.getvalue()


JsonValue = str | bool | None


def effects_records(before: Consolidation, after: Consolidation) -> list[dict[str, JsonValue]]:
    """The effects as :func:`effects_rows` gives them, typed for JSON: ``applied`` is True or
    False, and a column with nothing in it is None."""
    return [{key: (value == "yes") if key == "applied" else (value or None)
             for key, value in row.items()}
            for row in effects_rows(before, after)]


def effects_json(before: Consolidation, after: Consolidation) -> str:
    """The effects as a JSON list of objects keyed as in :data:`COLUMNS` (see
    :func:`effects_records`: booleans for ``applied``, null for an empty column)."""
    return json.dumps(effects_records(before, after), ensure_ascii=False, indent=2) + "\n"
