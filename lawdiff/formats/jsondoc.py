"""A whole document as JSON, without loss: identity, front matter, body, back matter, history.

The JSON holds everything the model does (inline marks, identifiers,
format extras, opaque content, annotations), so :func:`act_from_json` gives
back an equal Act.  Each numbered provision also carries its AKN ``"eId"``
and the document its AKN ``"frbr"`` work URI, for readers of the JSON; both
are derived, and ignored when read back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from lawdiff.address import Address, Step
from lawdiff.codec import node_from_json, node_to_json
from lawdiff.errors import InvalidAddress, InvalidAmendment, InvalidStatute, LawdiffError
from lawdiff.model import (
    Act,
    ActInfo,
    Commentary,
    Node,
    Omitted,
    Opaque,
    Provision,
    SourceRecord,
    Table,
)

JSON = Any
FORMAT_VERSION = 1


def act_to_json(act: Act) -> dict[str, JSON]:
    """The Act as a JSON-ready dict (see the module docstring)."""
    return {
        "lawdiff": FORMAT_VERSION,
        "info": _info_to_json(act.info),
        "frbr": frbr_work(act.info),
        "front": [node_to_json(n) for n in act.front],
        "children": [_with_eids(n, ()) for n in act.children],
        "back": [node_to_json(n) for n in act.back],
        "commentaries": [{"ident": c.ident, "type": c.type,
                          "body": [node_to_json(n) for n in c.body],
                          **({"extras": [list(p) for p in c.extras]} if c.extras else {})}
                         for c in act.commentaries],
        "meta": [node_to_json(m) for m in act.meta],
        "extras": [list(p) for p in act.extras],
    }


def write_json(act: Act) -> bytes:
    """The Act as UTF-8 JSON text."""
    return (json.dumps(act_to_json(act), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_json(data: bytes, source: str = "<json>") -> Act:
    """Read a document written by :func:`write_json`; InvalidStatute names what is wrong."""
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidStatute(f"not a lawdiff JSON document: {exc}", source=source) from None
    try:
        return act_from_json(obj)
    except (LawdiffError, KeyError, TypeError, ValueError) as exc:
        raise InvalidStatute(f"not a lawdiff JSON document: {exc}", source=source) from None


def act_from_json(obj: JSON) -> Act:
    """The Act :func:`act_to_json` described."""
    if not isinstance(obj, Mapping) or obj.get("lawdiff") != FORMAT_VERSION:
        raise InvalidAmendment(f"expected an object with \"lawdiff\": {FORMAT_VERSION}")
    info = _info_from_json(obj["info"])
    opaques = [node_from_json(m) for m in obj.get("meta", ())]
    if not all(isinstance(m, Opaque) for m in opaques):
        raise InvalidAmendment("\"meta\" holds only opaque content")
    return Act(info, children=tuple(node_from_json(_without_eids(n)) for n in obj["children"]),
               front=tuple(node_from_json(n) for n in obj.get("front", ())),
               back=tuple(node_from_json(n) for n in obj.get("back", ())),
               commentaries=tuple(Commentary(str(c["ident"]), str(c["type"]),
                                             tuple(node_from_json(n) for n in c["body"]),
                                             tuple((str(k), str(v))
                                                   for k, v in c.get("extras", ())))
                                  for c in obj.get("commentaries", ())),
               meta=tuple(m for m in opaques if isinstance(m, Opaque)),
               extras=tuple((str(k), str(v)) for k, v in obj.get("extras", ())))


def document_parts(act: Act) -> dict[str, JSON]:
    """An Act's identity, front and back matter, source metadata and extras as JSON: what a
    format that has no place of its own for them carries (see :func:`apply_parts`)."""
    return {"info": _info_to_json(act.info),
            "front": [node_to_json(n) for n in act.front],
            "back": [node_to_json(n) for n in act.back],
            "meta": [node_to_json(m) for m in act.meta],
            "extras": [list(p) for p in act.extras]}


def parts_from_json(obj: JSON) -> tuple[ActInfo, tuple[Node, ...], tuple[Node, ...],
                                        tuple[Opaque, ...], tuple[tuple[str, str], ...]]:
    """The pieces :func:`document_parts` wrote: info, front, back, meta and extras."""
    meta = tuple(node_from_json(m) for m in obj.get("meta", ()))
    return (_info_from_json(obj["info"]),
            tuple(node_from_json(n) for n in obj.get("front", ())),
            tuple(node_from_json(n) for n in obj.get("back", ())),
            tuple(m for m in meta if isinstance(m, Opaque)),
            tuple((str(k), str(v)) for k, v in obj.get("extras", ())))


def frbr_work(info: ActInfo) -> str:
    """The AKN FRBR work URI of a document, as the AKN writer gives it:
    "/akn/gb/act/ukpga/1998/42"."""
    from lawdiff.formats.akn import work_uri  # the AKN writer reads this module's parts

    return work_uri(info)


def _info_to_json(info: ActInfo) -> dict[str, JSON]:
    out: dict[str, JSON] = {
        "title": info.title, "year": info.year, "chapter": info.chapter, "work": info.work,
        "version_date": info.version_date.isoformat(), "extract": info.extract,
    }
    for name in ("extract_note", "source", "licence", "status", "extent"):
        value = getattr(info, name)
        if value is not None:
            out[name] = value
    if info.made is not None:
        out["made"] = info.made.isoformat()
    if info.language != "en":
        out["language"] = info.language
    if info.dates:
        out["dates"] = {k: v.isoformat() for k, v in info.dates}
    if info.sources:
        out["sources"] = [{"eid": r.eid, "status": r.status, **({"note": r.note} if r.note
                                                                  else {})}
                          for r in info.sources]
    return out


def _info_from_json(d: JSON) -> ActInfo:
    return ActInfo(
        title=str(d["title"]), year=int(d["year"]), chapter=str(d["chapter"]),
        work=str(d["work"]), version_date=date.fromisoformat(d["version_date"]),
        extract=bool(d.get("extract", False)), extract_note=d.get("extract_note"),
        source=d.get("source"), licence=d.get("licence"),
        sources=tuple(SourceRecord(r["eid"], r["status"], r.get("note"))
                      for r in d.get("sources", ())),
        made=date.fromisoformat(d["made"]) if d.get("made") else None,
        status=d.get("status"), extent=d.get("extent"), language=d.get("language", "en"),
        dates=tuple((k, date.fromisoformat(v)) for k, v in d.get("dates", {}).items()))


def _with_eids(node: Node, steps: tuple[Step, ...]) -> dict[str, JSON]:
    """A node's JSON with the AKN eId of it and of every numbered provision inside."""
    out = node_to_json(node)
    if isinstance(node, (Table, Opaque)):
        return out
    here = steps
    if node.num is not None and not node.kind.content and not node.kind.transparent:
        base = () if node.kind.value in _FROM_ACT else steps
        here = (*base, Step(node.kind, node.num))
        try:
            out["eId"] = Address(here).eid
        except InvalidAddress:
            here = steps
    if isinstance(node, Provision) and node.children:
        out["children"] = [_with_eids(c, here) for c in node.children]
    elif isinstance(node, Omitted):
        pass
    return out


_FROM_ACT = frozenset({"section", "article", "regulation", "rule", "schedule", "appendix",
                       "annex"})


def _without_eids(data: JSON) -> JSON:
    if isinstance(data, dict):
        return {k: _without_eids(v) for k, v in data.items() if k != "eId"}
    if isinstance(data, list):
        return [_without_eids(v) for v in data]
    return data


__all__ = ["act_from_json", "act_to_json", "frbr_work", "read_json", "write_json"]
