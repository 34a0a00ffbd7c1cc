"""Amendment files: an amending provision and its operations, in TOML.

::

    [amendment]
    citation = "Children Act 2004 (c. 31), Sch. 2 para. 2"   # the amending provision
    amends = "ukpga/1970/42"                                 # the amended Act's work id
    text = "…"                                               # the provision verbatim
    source = "…"; licence = "…"

    extent = "E+W"                                            # where the amending provision extends

    [[operation]]
    citation = "Children Act 2004 (c. 31), Sch. 2 para. 2(2)(b)"
    text = "In section 6 (…)— (b) in subsection (1), after “local authority” insert “in Wales”;"
    type = "insert_words"      # then the operation's fields, as in its JSON form
    target = "s. 6(1)"
    position = "after"
    anchor = "local authority"
    words = "in Wales"
    commencement = [{ date = 2008-01-01, authority = "S.I. 2007/1792, art. 2" }]

An amendment that omits or repeals amending provisions themselves lists them::

    [[revocation]]
    target = "Children Act 2004 (c. 31), Sch. 2 para. 2(2)(b)"
    date = 2016-04-06
    by = "S.I. 2016/413, reg. 21"

An operation on quoted words may say which of their occurrences it acts on:
``occurrence = "both"`` (exactly two), ``"each"`` (every one), ``"last"`` (the
last of at least one) or a list of 1-based places such as ``[1, 3]``; without
it the words must occur exactly once.

Every operation needs a ``commencement``: when it takes effect (a prospective
one says so in a note).  Dates, in commencements and revocations alike, are
TOML dates, written unquoted (``date = 2008-01-01``); a quoted date is a
string and is refused (the JSON form, having no dates, writes them as strings).
A file is UTF-8 without a byte-order mark, as TOML requires.

Each operation's ``citation``, ``text`` and (where the instruction has one)
``as_inserted_by`` qualifier become its provenance; the other
keys are read as in :func:`lawdiff.codec.operation_from_json`, with
provisions' kinds inferred from where they go when left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lawdiff.amendment import Amendment
from lawdiff.codec import operation_from_json
from lawdiff.errors import InvalidAmendment
from lawdiff.fileio import NESTED_TOO_DEEPLY, load_toml, read_input
from lawdiff.operations import Operation
from lawdiff.timeline import Revocation

_AMENDMENT_KEYS = {"citation", "amends", "text", "source", "licence", "name", "extent"}
_REVOCATION_KEYS = {"target", "date", "by", "how"}


def read_amendment(path: str | Path, max_bytes: int | None = None) -> Amendment:
    """Read an amendment file; raises InvalidAmendment naming the file (and operation) at fault.

    A file over ``max_bytes`` (default: :func:`lawdiff.fileio.max_input_size`)
    raises InputTooLarge; one that cannot be opened, OSError.
    """
    path = Path(path)
    return amendment_from_bytes(read_input(path, max_bytes), str(path))


def amendment_from_bytes(data: bytes, source: str, default_name: str | None = None
                         ) -> Amendment:
    """Read an amendment from the bytes of a file: UTF-8 TOML (see :func:`amendment_from_toml`).

    ``default_name`` (how messages name the amendment when the file gives
    no ``name``) defaults to ``source``.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidAmendment(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                               source=source) from None
    return amendment_from_toml(text, source, default_name=default_name or source)


def amendment_from_toml(text: str, source: str = "<toml>", default_name: str | None = None
                        ) -> Amendment:
    """Read an amendment from TOML text (see the module documentation for the layout).

    Raises InvalidAmendment naming ``source`` (and the operation) at fault.
    """
    data = load_toml(text, source, InvalidAmendment)
    try:
        return _amendment(data, source, default_name)
    except RecursionError:
        raise InvalidAmendment(NESTED_TOO_DEEPLY, source=source) from None


def _amendment(data: dict[str, Any], source: str, default_name: str | None) -> Amendment:
    unknown = set(data) - {"amendment", "operation", "revocation"}
    if unknown:
        raise InvalidAmendment(f"unknown top-level key(s): {', '.join(sorted(unknown))}",
                               source=source)
    head = data.get("amendment")
    if not isinstance(head, dict):
        raise InvalidAmendment("missing the [amendment] table", source=source)
    bad = set(head) - _AMENDMENT_KEYS
    if bad:
        raise InvalidAmendment(f"unknown [amendment] key(s): {', '.join(sorted(bad))}",
                               source=source)
    for key in ("citation", "amends"):
        if not isinstance(head.get(key), str) or not head[key].strip():
            raise InvalidAmendment(f"[amendment] needs a {key!r} string", source=source)
    for key in ("text", "source", "licence", "name", "extent"):
        if key in head and not isinstance(head[key], str):
            raise InvalidAmendment(f"[amendment] {key!r} must be a string, not {head[key]!r}",
                                   source=source)
    raw_ops = data.get("operation", [])
    raw_revocations = data.get("revocation", [])
    if not isinstance(raw_ops, list) or not isinstance(raw_revocations, list) or not (
            raw_ops or raw_revocations):
        raise InvalidAmendment("no [[operation]] or [[revocation]] entries", source=source)
    ops = [_operation(entry, i, source) for i, entry in enumerate(raw_ops, 1)]
    revocations = [_revocation(entry, i, source) for i, entry in enumerate(raw_revocations, 1)]
    text_value = head.get("text")
    try:
        return Amendment(citation=head["citation"], amends=head["amends"], operations=tuple(ops),
                         text=text_value.strip() if isinstance(text_value, str) else None,
                         source=head.get("source"), licence=head.get("licence"),
                         name=head.get("name", default_name), revocations=tuple(revocations),
                         extent=head.get("extent"))
    except InvalidAmendment as exc:  # only the extent is left to check
        raise InvalidAmendment(f"[amendment] extent: {exc}", source=source) from None


def _revocation(entry: Any, index: int, source: str) -> Revocation:
    """A [[revocation]]: an amending provision omitted or repealed by this amendment."""
    where = f"revocation {index}"
    if not isinstance(entry, dict):
        raise InvalidAmendment(f"{where} is not a table", source=source)
    unknown = set(entry) - _REVOCATION_KEYS
    if unknown:
        raise InvalidAmendment(f"{where}: unknown key(s) {', '.join(sorted(unknown))}",
                               source=source)
    missing = [key for key in ("target", "date", "by") if key not in entry]
    if missing:
        raise InvalidAmendment(f"{where} needs {', '.join(map(repr, missing))}", source=source)
    try:
        return Revocation(entry["target"], entry["date"], entry["by"], entry.get("how", "omitted"))
    except InvalidAmendment as exc:
        raise InvalidAmendment(f"{where}: {exc}", source=source) from None


def _operation(entry: Any, index: int, source: str) -> Operation:
    where = f"operation {index}"
    if not isinstance(entry, dict):
        raise InvalidAmendment(f"{where} is not a table", source=source)
    fields = dict(entry)
    citation = fields.pop("citation", None)
    if citation:
        where = f"{where} ({citation})"
    entries = fields.get("commencement")
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("date"), str):
            raise InvalidAmendment(f"{where}: commencement date must be a day (YYYY-MM-DD, "
                                   f"unquoted in TOML), not {entry['date']!r}", source=source)
    provenance = {"citation": citation, "text": fields.pop("text", None),
                  "as_inserted_by": fields.pop("as_inserted_by", None)}
    fields["provenance"] = {k: v for k, v in provenance.items() if v is not None}
    try:
        op = operation_from_json(fields)
    except InvalidAmendment as exc:
        raise InvalidAmendment(f"{where}: {exc}", source=source) from None
    if not op.commencement:
        raise InvalidAmendment(f"{where} needs a commencement: when it takes effect, or a note "
                               f"saying why no date is known (e.g. {{ note = \"prospective\" }})",
                               source=source)
    return op
