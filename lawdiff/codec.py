"""JSON forms of nodes and operations.

Each operation becomes an object tagged by ``"type"`` (``"insert_words"``,
``"substitute_provision"`` …) whose other keys are its fields.  Each
operation class says how its fields are written (``JSON_FORMS``: a field's
value form, such as "address" or "words"); the value forms
(:data:`VALUE_FORMS`) are here, as are nodes' JSON.
:func:`operation_from_json` reads an object back to an equal operation and
rejects anything malformed with :class:`~lawdiff.errors.InvalidAmendment`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import attrs

from lawdiff.address import Address, child_kind
from lawdiff.commencement import Commencement
from lawdiff.designation import Designation, Style
from lawdiff.errors import InvalidAddress, InvalidAmendment, InvalidDesignation, InvalidStatute
from lawdiff.inline import Mark
from lawdiff.model import Extras, Kind, Node, Omitted, Opaque, Provision, Row, Table
from lawdiff.operations import OPERATION_TYPES, Operation, Position, Provenance
from lawdiff.text import Occurrence, SegmentRef, TextEdit, Words

JSON = Any


# --- nodes ---------------------------------------------------------------------------------

def node_to_json(node: Node) -> dict[str, JSON]:
    """A node as JSON: provisions nest their children; tables list rows; nothing is lost.

    Keys with default values are left out: a plain provision is ``{"kind",
    "num", "heading", "text", "wrap_up", "children"}`` as before; inline
    markup adds ``"marks"``, a source identifier ``"ident"``, format-specific
    attributes ``"extras"``, and a number whose style its kind does not imply
    ``"num_style"``.  Opaque content is ``{"opaque": role, "format", "xml",
    "words"}``.
    """
    if isinstance(node, Table):
        table: dict[str, JSON] = {"table": [_row_to_json(r) for r in node.rows]}
        _common(table, node.ident, node.extras)
        return table
    if isinstance(node, Opaque):
        opaque: dict[str, JSON] = {"opaque": node.role, "format": node.fmt,
                                   "xml": node.xml.decode("utf-8"), "words": list(node.words)}
        if node.ident is not None:
            opaque["ident"] = node.ident
        return opaque
    if isinstance(node, Omitted):
        out: dict[str, JSON] = {"kind": node.kind.value, "num": node.num.value, "omitted": node.how}
        _num_style(out, node.kind, node.num)
        if node.note is not None:
            out["note"] = node.note
        _common(out, node.ident, node.extras)
        return out
    out = {"kind": node.kind.value, "num": node.num.value if node.num else None}
    if node.num is not None:
        _num_style(out, node.kind, node.num)
    for name in ("heading", "text", "wrap_up"):
        value = getattr(node, name)
        if value is not None:
            out[name] = value
    if node.children:
        out["children"] = [node_to_json(c) for c in node.children]
    if node.marks:
        out["marks"] = [mark_to_json(m) for m in node.marks]
    _common(out, node.ident, node.extras)
    return out


def _num_style(out: dict[str, JSON], kind: Kind, num: Designation) -> None:
    if _default_style(kind, num.value) is not num.style:
        out["num_style"] = num.style.value


def _default_style(kind: Kind, value: str) -> Style | None:
    if kind.style is not None:
        return kind.style
    try:
        return Designation.parse(value).style
    except InvalidDesignation:
        return None


def _common(out: dict[str, JSON], ident: str | None, extras: Extras) -> None:
    if ident is not None:
        out["ident"] = ident
    if extras:
        out["extras"] = [list(pair) for pair in extras]


def _row_to_json(row: Row) -> dict[str, JSON]:
    out: dict[str, JSON] = {"cells": list(row.cells)}
    if row.header:
        out["header"] = True
    if row.marks:
        out["marks"] = [mark_to_json(m) for m in row.marks]
    if row.fixed:
        out["fixed"] = list(row.fixed)
    return out


def mark_to_json(mark: Mark) -> dict[str, JSON]:
    """A mark as JSON: ``{"field", "start", "end", "name"}``, with ``"attrs"`` and ``"payload"``
    (serialised XML, as text) when it has them."""
    out: dict[str, JSON] = {"field": mark.field, "start": mark.start, "end": mark.end,
                            "name": mark.name}
    if mark.attrs:
        out["attrs"] = [list(pair) for pair in mark.attrs]
    if mark.payload is not None:
        out["payload"] = mark.payload.decode("utf-8")
    return out


def mark_from_json(data: JSON) -> Mark:
    """Read a mark written by :func:`mark_to_json` (InvalidAmendment if malformed)."""
    if not isinstance(data, Mapping):
        raise InvalidAmendment(f"a mark must be an object, not {_short(data)}")
    unknown = set(data) - {"field", "start", "end", "name", "attrs", "payload"}
    if unknown:
        raise InvalidAmendment(f"unknown mark field(s): {', '.join(sorted(unknown))}")
    try:
        start, end = data["start"], data["end"]
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) \
                or isinstance(end, bool):
            raise InvalidAmendment(f"a mark's start and end must be whole numbers: {_short(data)}")
        payload = data.get("payload")
        if payload is not None and not isinstance(payload, str):
            raise InvalidAmendment(f"a mark's payload must be text: {_short(data)}")
        return Mark(str(data["field"]), start, end, data["name"], _pairs(data.get("attrs", ())),
                    payload.encode("utf-8") if payload is not None else None)
    except (InvalidStatute, KeyError, TypeError) as exc:
        raise InvalidAmendment(f"malformed mark {_short(data)}: {exc}") from None


def _pairs(value: JSON) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, (list, tuple)) or not all(
            isinstance(p, (list, tuple)) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in value):
        raise InvalidAmendment(f"expected a list of [name, value] pairs, not {_short(value)}")
    return tuple((p[0], p[1]) for p in value)


def _kind(value: object) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        raise InvalidAmendment(f"unknown provision kind {value!r}; one of "
                               f"{', '.join(k.value for k in Kind)}") from None


def designation_for(kind: Kind, value: object) -> Designation:
    """Read ``value`` as the number of a provision of ``kind``."""
    if not isinstance(value, str):
        raise InvalidAmendment(f"a {kind.value} number must be a string, not {value!r}")
    try:
        return Designation.parse(value, kind.style)
    except InvalidDesignation as exc:
        raise InvalidAmendment(str(exc)) from None


def node_from_json(data: JSON, parent: Kind | None = None) -> Node:
    """Read a node written by :func:`node_to_json`.

    ``kind`` may be left out when ``parent`` is given: it is then inferred
    from the parent and the number ("A1" under a section is a subsection,
    "za" under a subsection a paragraph).
    """
    if not isinstance(data, Mapping):
        raise InvalidAmendment(f"a provision must be an object, not {data!r}")
    try:
        if "table" in data:
            _only(data, {"table", "ident", "extras"}, "table")
            return Table(tuple(_row_from_json(r) for r in data["table"]),
                         _pairs(data.get("extras", ())), _ident(data))
        if "opaque" in data:
            _only(data, {"opaque", "format", "xml", "words", "ident"}, "opaque content")
            xml, fmt = data["xml"], data["format"]
            if not isinstance(xml, str) or not isinstance(fmt, str):
                raise InvalidAmendment("opaque content needs its format and xml as text")
            return Opaque(fmt, xml.encode("utf-8"), str(data["opaque"]),
                          tuple(str(w) for w in data.get("words", ())), _ident(data))
        kind = _infer_kind(data, parent)
        num = None if data.get("num") is None else _designation(kind, data)
        if "omitted" in data:
            assert num is not None
            _only(data, {"kind", "num", "num_style", "omitted", "note", "ident", "extras"},
                  "omitted provision")
            return Omitted(kind, num, data["omitted"], data.get("note"),
                           _pairs(data.get("extras", ())), _ident(data))
        _only(data, {"kind", "num", "num_style", "heading", "text", "wrap_up", "children",
                     "marks", "ident", "extras"}, "provision")
        children = tuple(node_from_json(c, kind) for c in data.get("children", ()))
        return Provision(kind, num, heading=data.get("heading"), text=data.get("text"),
                         children=children, wrap_up=data.get("wrap_up"),
                         marks=tuple(mark_from_json(m) for m in data.get("marks", ())),
                         extras=_pairs(data.get("extras", ())), ident=_ident(data))
    except (InvalidStatute, KeyError, TypeError, AttributeError) as exc:
        raise InvalidAmendment(f"malformed provision {_short(data)}: {exc}") from None


def _only(data: Mapping[str, JSON], allowed: set[str], what: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        field = "field" if len(unknown) == 1 else "fields"
        raise InvalidAmendment(f"unknown {what} {field}: {', '.join(sorted(unknown))}")


def _ident(data: Mapping[str, JSON]) -> str | None:
    value = data.get("ident")
    if value is not None and not isinstance(value, str):
        raise InvalidAmendment(f"an ident must be text, not {value!r}")
    return value


def _designation(kind: Kind, data: Mapping[str, JSON]) -> Designation:
    style_name = data.get("num_style")
    if style_name is None:
        return designation_for(kind, data["num"])
    try:
        style = Style(style_name)
        return Designation.parse(str(data["num"]), style)
    except (ValueError, InvalidDesignation) as exc:
        raise InvalidAmendment(f"bad number {data['num']!r} ({style_name}): {exc}") from None


def _row_from_json(data: JSON) -> Row:
    if not isinstance(data, Mapping):
        raise InvalidAmendment(f"a table row must be an object, not {_short(data)}")
    _only(data, {"cells", "header", "marks", "fixed"}, "table row")
    return Row(tuple(data["cells"]), bool(data.get("header", False)),
               tuple(mark_from_json(m) for m in data.get("marks", ())),
               tuple(int(i) for i in data.get("fixed", ())))


def _infer_kind(data: Mapping[str, JSON], parent: Kind | None) -> Kind:
    if "kind" in data:
        return _kind(data["kind"])
    if parent is None:
        raise InvalidAmendment(f"provision {_short(data)} needs a kind")
    num = data.get("num")
    if num is None:
        raise InvalidAmendment(f"provision {_short(data)} needs a number")
    if not isinstance(num, str):
        raise InvalidAmendment(f"provision {_short(data)}: the number must be text, e.g. \"2A\"")
    style = Style.ROMAN if parent is Kind.PARAGRAPH else (
        Style.NUMBER if any(c.isdigit() for c in num) else Style.ALPHA)
    try:
        return child_kind(parent, style)
    except InvalidAddress as exc:
        raise InvalidAmendment(str(exc)) from None


def _short(data: object) -> str:
    text = repr(data)
    return text if len(text) < 80 else text[:77] + "..."


# --- operations ----------------------------------------------------------------------------

def _words_to_json(w: Words) -> JSON:
    if w.from_start:
        return {"from_start": True, "to": w.text}
    if w.after or w.before:
        return {"after" if w.after else "before": w.text}
    if w.until is not None:
        return {"from": w.text, "to": w.until}
    if w.to_end:
        if w.end_of is not None:
            return {"from": w.text, "to_end": True, "end_of": str(w.end_of)}
        return {"from": w.text, "to_end": True}
    return w.text


def _words_from_json(data: JSON) -> Words:
    if isinstance(data, str):
        return Words(data)
    if isinstance(data, Mapping) and ("after" in data or "before" in data):
        side = "after" if "after" in data else "before"
        if set(data) != {side} or not isinstance(data[side], str):
            raise InvalidAmendment(f"the words {side} given words are {{\"{side}\": \"…\"}}, "
                                   f"not {_short(data)}")
        return Words(data[side], after=side == "after", before=side == "before")
    if isinstance(data, Mapping) and "from_start" in data:
        unknown = set(data) - {"from_start", "to"}
        if unknown:
            raise InvalidAmendment(f"unknown range field(s): {', '.join(sorted(unknown))}")
        if data["from_start"] is not True or not isinstance(data.get("to"), str):
            raise InvalidAmendment(f"a range from the beginning is {{\"from_start\": true, "
                                   f"\"to\": \"…\"}}, not {_short(data)}")
        return Words(data["to"], from_start=True)
    if isinstance(data, Mapping) and "from" in data:
        unknown = set(data) - {"from", "to", "to_end", "end_of"}
        if unknown:
            raise InvalidAmendment(f"unknown range field(s): {', '.join(sorted(unknown))}")
        end_of = data.get("end_of")
        if end_of is not None and not isinstance(end_of, str):
            raise InvalidAmendment(f"end_of must be a citation such as \"s. 4(2)(b)\", "
                                   f"not {end_of!r}")
        to_end = data.get("to_end", False)
        if not isinstance(to_end, bool):
            raise InvalidAmendment(f"to_end must be true or false, not {to_end!r}")
        return Words(data["from"], data.get("to"), to_end,
                     Address.parse(end_of) if end_of is not None else None)
    raise InvalidAmendment(f"words must be a string or {{\"from\": …, \"to\": …}}, not {data!r}")


def _occurrence_to_json(o: Occurrence) -> JSON:
    """The JSON form of an occurrence rule: "only", "both", "each" or "last", or the
    list of 1-based indices for "nth"."""
    return list(o.indices) if o.rule == "nth" else o.rule


def _occurrence_from_json(data: JSON) -> Occurrence:
    """Read an occurrence rule written by :func:`_occurrence_to_json`; anything else is
    an InvalidAmendment."""
    if isinstance(data, list):
        if not all(isinstance(i, int) and not isinstance(i, bool) for i in data):
            raise InvalidAmendment(f"occurrence indices must be integers: {data!r}")
        return Occurrence("nth", tuple(data))
    if isinstance(data, str):
        return Occurrence(data)
    raise InvalidAmendment(f"occurrence must be only/both/each/last or a list of indices, "
                           f"not {data!r}")


def _commencement_to_json(c: Commencement) -> JSON:
    out = {k: v for k, v in attrs.asdict(c).items() if v is not None}
    if c.date is not None:
        out["date"] = c.date.isoformat()
    return out


def _commencement_from_json(data: JSON) -> Commencement:
    if not isinstance(data, Mapping):
        raise InvalidAmendment(f"a commencement must be an object, not {data!r}")
    fields = dict(data)
    unknown = set(fields) - {"date", "extent", "authority", "power", "note", "condition", "basis"}
    if unknown:
        raise InvalidAmendment(f"unknown commencement field(s): {', '.join(sorted(unknown))}")
    when = fields.get("date")
    if isinstance(when, str):
        try:
            fields["date"] = date.fromisoformat(when)
        except ValueError:
            raise InvalidAmendment(f"commencement date {when!r} is not YYYY-MM-DD") from None
    return Commencement(**fields)


def _edit_to_json(e: TextEdit) -> JSON:
    out: dict[str, JSON] = {"path": list(e.ref.path), "field": e.ref.field, "start": e.start,
                            "end": e.end, "new": e.new, "core": list(e.core)}
    if e.ref.row is not None:
        out["row"], out["cell"] = e.ref.row, e.ref.cell
    if e.marks:
        out["marks"] = [mark_to_json(m) for m in e.marks]
    return out


def _edit_from_json(d: JSON) -> TextEdit:
    ref = SegmentRef(tuple(d["path"]), d["field"], d.get("row"), d.get("cell"))
    return TextEdit(ref, d["start"], d["end"], d["new"], tuple(d.get("core", (0, 0))),
                    tuple(mark_from_json(m) for m in d.get("marks", ())))


@attrs.frozen
class _Decoding:
    """What reading one operation knows so far: its type tag and class, and the target
    and provisions once read (other fields depend on them)."""

    tag: str
    cls: type[Operation]
    target: Address | None = None
    provisions: tuple[Node, ...] = ()


@attrs.frozen
class ValueForm:
    """How one kind of field value is written in JSON and read back.

    ``decode`` gets the field's name, its JSON value and what is known of the
    operation so far; ``stage`` orders the reading (the target first, then
    provisions, then the fields that depend on them).
    """

    encode: Callable[[Any], JSON]
    decode: Callable[[str, JSON, _Decoding], Any]
    stage: int = 2


def _decode_address(name: str, value: JSON, d: _Decoding) -> Address:
    if not isinstance(value, str):
        raise InvalidAmendment(f"{d.tag}: the {name} must be a citation such as \"s. 6(1)\", "
                               f"not {value!r}")
    return Address.parse(value)


def _decode_nodes(parent: Callable[[_Decoding], Kind | None]
                  ) -> Callable[[str, JSON, _Decoding], tuple[Node, ...]]:
    """Provisions (or nodes) read with their kinds inferred under ``parent(d)``."""
    def decode(_name: str, value: JSON, d: _Decoding) -> tuple[Node, ...]:
        kind = parent(d)
        return tuple(node_from_json(v, kind) for v in value)
    return decode


def _decode_sibling(name: str, value: JSON, d: _Decoding) -> Designation:
    """The number of the provision new ones go before or after, in their kind."""
    first = d.provisions[0] if d.provisions else None
    kind = first.kind if isinstance(first, (Provision, Omitted)) else None
    if kind is None:
        raise InvalidAmendment(f"{d.tag}: '{name}' needs the provisions to be inserted")
    return designation_for(kind, value)


def _decode_number(name: str, value: JSON, d: _Decoding) -> Designation:
    """A provision's new number, in the style of the target's kind."""
    if d.target is None or not d.target.steps:
        raise InvalidAmendment(f"{d.tag}: '{name}' needs the target provision")
    return designation_for(d.target.steps[-1].kind, value)


def _decode_child_number(name: str, value: JSON, d: _Decoding) -> Designation:
    """The number of a new first child, in the style its level under the target uses."""
    if d.target is None or not d.target.steps:
        raise InvalidAmendment(f"{d.tag}: '{name}' needs the target provision")
    if not isinstance(value, str):
        raise InvalidAmendment(f"{d.tag}: {name} must be a string such as \"1\", not {value!r}")
    parent = d.target.steps[-1].kind
    style = Style.ROMAN if parent is Kind.PARAGRAPH else (
        Style.NUMBER if any(c.isdigit() for c in value) else Style.ALPHA)
    try:
        return Designation.parse(value, style)
    except InvalidDesignation as exc:
        raise InvalidAmendment(f"{d.tag}: {exc}") from None


def _position(tag: str, value: JSON) -> Position:
    try:
        return Position(value)
    except ValueError:
        raise InvalidAmendment(f"{tag}: position {value!r} is not one of "
                               f"{', '.join(p.value for p in Position)}") from None


def _as_is(value: Any) -> JSON:
    return value


def _read_as_is(_name: str, value: JSON, _d: _Decoding) -> JSON:
    return value


#: Every value form an operation's field may have (see ``Operation.JSON_FORMS``).
VALUE_FORMS: dict[str, ValueForm] = {
    "address": ValueForm(str, _decode_address, stage=0),
    "text": ValueForm(_as_is, _read_as_is),
    "int": ValueForm(_as_is, _read_as_is),
    "position": ValueForm(lambda p: p.value, lambda _n, v, d: _position(d.cls.TYPE, v)),
    "occurrence": ValueForm(_occurrence_to_json, lambda _n, v, _d: _occurrence_from_json(v)),
    "words": ValueForm(_words_to_json, lambda _n, v, _d: _words_from_json(v)),
    # Provisions put into the target, or in its place, and nodes put at an index path.
    "provisions": ValueForm(lambda ps: [node_to_json(p) for p in ps],
                            _decode_nodes(lambda d: _parent_kind(d.target)
                                          if d.target is not None else None), stage=1),
    "replacing_provisions": ValueForm(lambda ps: [node_to_json(p) for p in ps],
                                      _decode_nodes(lambda d: _parent_kind(d.target.parent)
                                                    if d.target is not None else None),
                                      stage=1),
    "nodes": ValueForm(lambda ps: [node_to_json(p) for p in ps], _decode_nodes(lambda d: None),
                       stage=1),
    "sibling": ValueForm(lambda d: d.value, _decode_sibling),
    # A provision's new number, and the number of a new first child below it.
    "number": ValueForm(lambda d: d.value, _decode_number),
    "child_number": ValueForm(lambda d: d.value, _decode_child_number),
    "path": ValueForm(list, lambda _n, v, _d: tuple(v)),
    "edits": ValueForm(lambda es: [_edit_to_json(e) for e in es],
                       lambda _n, v, _d: tuple(_edit_from_json(e) for e in v)),
    "provenance": ValueForm(lambda p: {k: v for k, v in attrs.asdict(p).items() if v is not None},
                            lambda _n, v, _d: Provenance(**v)),
    "commencement": ValueForm(lambda cs: [_commencement_to_json(c) for c in cs],
                              lambda _n, v, _d: tuple(_commencement_from_json(c) for c in v)),
}


def operation_to_json(op: Operation) -> dict[str, JSON]:
    """The JSON object of an operation, tagged by its ``"type"``; defaults are left out.

    Each field is written in the value form its class declares
    (``Operation.JSON_FORMS``), in field order.
    """
    out: dict[str, JSON] = {"type": op.TYPE}
    forms = type(op).json_forms()
    for field in attrs.fields(type(op)):
        value = getattr(op, field.name)
        factory = getattr(field.default, "factory", None)
        default = factory() if callable(factory) else field.default
        if default is not attrs.NOTHING and value == default:
            continue
        out[field.name] = VALUE_FORMS[forms[field.name]].encode(value)
    return out


def _parent_kind(target: Address) -> Kind | None:
    return target.steps[-1].kind if target.steps else None


def operation_from_json(data: JSON) -> Operation:
    """Read an operation written by :func:`operation_to_json`; raises InvalidAmendment."""
    if not isinstance(data, Mapping):
        raise InvalidAmendment(f"an operation must be an object, not {_short(data)}")
    tag = data.get("type")
    cls = OPERATION_TYPES.get(tag) if isinstance(tag, str) else None
    if cls is None:
        raise InvalidAmendment(f"unknown operation type {tag!r}; one of "
                               f"{', '.join(sorted(OPERATION_TYPES))}")
    forms = cls.json_forms()
    unknown = set(data) - set(forms) - {"type"}
    if unknown:
        raise InvalidAmendment(f"{tag}: unknown field(s) {', '.join(sorted(unknown))}")
    missing = [f.name for f in attrs.fields(cls)
               if f.default is attrs.NOTHING and f.name not in data]
    if missing:
        raise InvalidAmendment(f"{tag} needs {' and '.join(map(repr, missing))}")
    for key in ("provisions", "nodes", "edits", "commencement"):
        if key in data and not isinstance(data[key], list | tuple):
            example = " (e.g. [{ date = 2008-01-01 }])" if key == "commencement" else ""
            raise InvalidAmendment(f"{tag}: {key} must be a list of entries{example}, "
                                   f"not {_short(data[key])}")
    d = _Decoding(cls.TYPE, cls)
    kwargs: dict[str, Any] = {}
    keys = sorted((k for k in data if k != "type"), key=lambda k: VALUE_FORMS[forms[k]].stage)
    try:
        for key in keys:
            form = forms[key]
            kwargs[key] = VALUE_FORMS[form].decode(key, data[key], d)
            if form == "address" and key == "target":
                d = attrs.evolve(d, target=kwargs[key])
            elif VALUE_FORMS[form].stage == 1:
                d = attrs.evolve(d, provisions=kwargs[key])
        return cls(**kwargs)
    except InvalidAddress as exc:
        raise InvalidAmendment(f"{tag}: {exc}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, InvalidAmendment):
            raise
        raise InvalidAmendment(f"{tag}: malformed operation ({type(exc).__name__}: {exc})") from None
