"""Self-contained HTML pages: the annotated Act, and the building blocks the redline shares.

Pages are plain strings built with :func:`html.escape`: inline CSS, no
scripts, no images, fonts or other network resources, and a
Content-Security-Policy that forbids loading anything.  The only links are
``#F1``-style links from footnote markers to their notes on the same page.

:func:`annotated_html` prints the same layout as
:func:`lawdiff.render.annotated.annotated_text`: markers are
``<sup class="fn"><a href="#F1">F1</a></sup>`` (the first of each note also
``id="ref-F1"``), inserted words are in ``<span class="ins">``, with their
square brackets bold (``<b class="bracket">[</b>``) as legislation.gov.uk
prints them, notes are ``<dl class="notes">`` lists (``<dt id="F1">``, whose
marker links back to ``#ref-F1`` in the text) after each section and
Schedule, each followed by lawdiff's editorial note, if any, in
``<span class="editorial">``; a "Source of this text
(editorial notes)" ``<aside class="sources editorial">`` lists provisions
whose base text is derived or reconstructed.  A header gives the Act's title,
the version date and the view (extent, conditions); a footer gives the base
text's provenance.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from lawdiff.commencement import lgu_date
from lawdiff.engine import Consolidation
from lawdiff.model import Act
from lawdiff.printing import DOTS
from lawdiff.render.annotated import (
    SOURCES_HEADING,
    Line,
    Note,
    Piece,
    Wording,
    annotate,
    editorial_legend,
    has_editorial,
    version_date,
    version_when,
)

CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:52em;margin:1.5em auto;padding:0 1em;
line-height:1.45;color:#111;background:#fff}
header.doc{border-bottom:2px solid #333;margin-bottom:1em}
header.doc h1{font-size:1.5em;margin:.2em 0}
dl.view{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.5em 0}
dl.view dt{font-weight:bold}dl.view dd{margin:0}
.extract{font-style:italic;color:#444}
section.unit{margin:1.2em 0;padding-bottom:.6em;border-bottom:1px solid #ccc}
h2.line{font-size:1.1em;margin:.6em 0 .3em}h3.line{font-size:1em;margin:.5em 0 .2em}
p.line{margin:.25em 0}
.d1{padding-left:1.5em}.d2{padding-left:3em}.d3{padding-left:4.5em}.d4{padding-left:6em}
.d5{padding-left:7.5em}.d6{padding-left:9em}
table.act.d1,table.act.d2,table.act.d3{padding-left:0;margin-left:1.5em}
.ins{background:#eef6ee}
.prov-ins{background:#f4faf4}
sup.fn{font-size:.7em;font-weight:bold;color:#05a}sup.fn a{color:inherit;text-decoration:none}
b.bracket{font-weight:bold}
dl.notes dt a.back{color:inherit;text-decoration:none}
.dots,.omitted{letter-spacing:.05em}
table.act{border-collapse:collapse;margin:.4em 0}
table.act td,table.act th{border:1px solid #999;padding:.2em .5em;vertical-align:top;text-align:left}
aside{font-size:.9em;margin:.8em 0 0;padding:.4em .8em;background:#f6f6f6;border-left:3px solid #999}
aside h2,aside h3{font-size:1em;margin:.2em 0}
dl.notes{display:grid;grid-template-columns:max-content auto;gap:.2em .8em;margin:.3em 0}
dl.notes dt{font-weight:bold}dl.notes dd{margin:0}
ul.pending,ul.sources{margin:.3em 0;padding-left:1.2em}
.editorial{font-style:italic;color:#5a3a00}
aside.editorial{background:#fdf8ec;border-left-color:#b08a3a}
ins,.sample-ins{background:#dff3df;text-decoration:underline;text-decoration-color:#2a2}
del,.sample-del{background:#f8dede;text-decoration:line-through;text-decoration-color:#a22}
del+ins{margin-left:.25em}
table.versions{border-collapse:collapse;margin:.5em 0}
table.versions th,table.versions td{padding:.1em .8em .1em 0;text-align:left}
.legend{font-size:.9em}
.nochange{font-style:italic}
footer{margin-top:2em;padding-top:.5em;border-top:2px solid #333;font-size:.85em;color:#333}
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


def esc(text: str) -> str:
    """HTML-escape text (quotes too, so it is safe in attributes)."""
    return html.escape(text, quote=True)


def page(title: str, body: str) -> str:
    """A complete self-contained HTML page."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(CSP)}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
            f"{body}\n</body>\n</html>\n")


def marker_html(marker: str, title: str | None = None, anchored: set[str] | None = None) -> str:
    """A footnote marker linking to its note: ``<sup class="fn"><a href="#F1">F1</a></sup>``.

    With ``anchored`` (the markers given a place on the page so far), the
    first marker of each note also gets ``id="ref-F1"``, the place its note
    links back to (see :func:`note_term`).
    """
    tip = f" title=\"{esc(title)}\"" if title else ""
    ident = ""
    if anchored is not None and marker not in anchored:
        anchored.add(marker)
        ident = f" id=\"ref-{esc(marker)}\""
    return (f"<sup class=\"fn\"><a href=\"#{esc(marker)}\"{ident}{tip}>{esc(marker)}</a>"
            "</sup>")


def note_term(marker: str, ident: bool = True) -> str:
    """A note's marker in a notes list, linking back to its first place in the text:
    ``<dt id="F1"><a href="#ref-F1" title="Back to the text">F1</a></dt>``
    (``ident`` False: no ``id``, for a note listed again)."""
    own = f" id=\"{esc(marker)}\"" if ident else ""
    return (f"<dt{own}><a class=\"back\" href=\"#ref-{esc(marker)}\" title=\"Back to the text\">"
            f"{esc(marker)}</a></dt>")


def view_list(items: Sequence[tuple[str, str]]) -> str:
    """A ``<dl class="view">`` of (label, value) pairs."""
    inner = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items)
    return f"<dl class=\"view\">{inner}</dl>"


def view_items(cons: Consolidation) -> list[tuple[str, str]]:
    """(label, value) pairs describing a consolidation's version and view."""
    view = cons.view
    items = [("Version", lgu_date(version_date(cons)) if view.as_at or cons.steps
              else f"{lgu_date(cons.base.info.version_date)} (base text)")]
    if view.as_at is None and cons.steps:
        items[0] = ("Version", f"every amendment in force (latest {lgu_date(version_date(cons))})")
    items.append(("Extent", view.extent or "all extents"))
    items.append(("Conditions", ", ".join(f"{name} met on {lgu_date(day)}"
                                          for name, day in view.conditions) or "none"))
    return items


def footer(act: Act, editorial: bool = False) -> str:
    """The base text's provenance: date, extract note, editorial legend, source, licence."""
    info = act.info
    parts = [f"<p>Base text: {esc(info.citation)} as it stood on {esc(lgu_date(info.version_date))}"
             f"{' (extract)' if info.extract else ''}.</p>"]
    if info.extract and info.extract_note:
        parts.append(f"<p class=\"extract\">{esc(info.extract_note)}</p>")
    legend = editorial_legend(act, editorial)
    if legend:
        parts.append(f"<p class=\"editorial\">{esc(legend)}</p>")
    if info.source:
        parts.append(f"<p>Source: {esc(info.source)}</p>")
    if info.licence:
        parts.append(f"<p>{esc(info.licence)}</p>")
    return "<footer>\n" + "\n".join(parts) + "\n</footer>"


OPEN = "<b class=\"bracket\">[</b>"
CLOSE = "<b class=\"bracket\">]</b>"


def _pieces_html(pieces: Iterable[Piece], titles: dict[str, str], anchored: set[str]) -> str:
    out = []
    for p in pieces:
        marks = "".join(marker_html(m, titles.get(m), anchored) for m in p.markers)
        if p.kind == "text":
            out.append(esc(p.text))
        elif p.kind == "open":
            out.append(f"<span class=\"ins\">{OPEN}{marks}")
        elif p.kind == "close":
            out.append(f"{CLOSE}</span>")
        elif p.kind == "popen":
            out.append(f"{OPEN}{marks}")
        elif p.kind == "pclose":
            out.append(CLOSE)
        elif p.kind == "gap":
            out.append(f"{marks}<span class=\"omitted\">...</span>")
        elif p.kind == "mark":
            out.append(marks)
        elif p.kind == "dots":
            out.append(f"{marks}<span class=\"dots\">{esc(DOTS)}</span>")
    return "".join(out)


_HEADINGS = {"section": "h2", "schedule": "h2", "part": "h2", "crossheading": "h3"}


def lines_html(lines: Sequence[Line], titles: dict[str, str], anchored: set[str]) -> str:
    """Lines as HTML: headings, paragraphs and tables (consecutive rows of one table).

    ``anchored`` holds the markers already given their ``ref-`` place on the
    page (see :func:`marker_html`); this adds those it places.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        cls = f"line {line.role} d{min(line.depth, 6)}" + (" prov-ins" if line.inserted else "")
        if line.role == "row":
            rows = []
            while i < len(lines) and lines[i].role == "row" and lines[i].table == line.table:
                row = lines[i]
                tag = "th" if row.header else "td"
                cells = "".join(f"<{tag}>{_pieces_html(c, titles, anchored)}</{tag}>"
                                for c in row.cells)
                row_cls = " class=\"prov-ins\"" if row.inserted else ""
                rows.append(f"<tr{row_cls}>{cells}</tr>")
                i += 1
            out.append(f"<table class=\"act d{min(line.depth, 6)}\">\n" + "\n".join(rows)
                       + "\n</table>")
            continue
        tag = _HEADINGS.get(line.role, "p")
        ident = f" id=\"{esc(line.eid)}\"" if line.eid else ""
        out.append(f"<{tag} class=\"{cls}\"{ident}>{_pieces_html(line.pieces, titles, anchored)}"
                   f"</{tag}>")
        i += 1
    return "\n".join(out)


def editorial_html(editorial: str | None) -> str:
    """lawdiff's editorial note beside a note, apart from legislation.gov.uk's wording:
    `` <span class="editorial">[Editorial note: …]</span>`` (empty when there is none)."""
    return f" <span class=\"editorial\">[{esc(editorial)}]</span>" if editorial else ""


def note_html(text: str, editorial: str | None = None) -> str:
    """A note's wording, then its editorial note in its own element."""
    return esc(text) + editorial_html(editorial)


def notes_html(notes: Sequence[Note], heading: str, emitted: set[str]) -> str:
    """A notes block; each marker's ``id`` is given only once per page, and each marker links
    back to the note's first place in the text."""
    items = []
    for n in notes:
        term = note_term(n.marker, ident=n.marker not in emitted)
        emitted.add(n.marker)
        items.append(f"{term}<dd>{note_html(n.text, n.editorial)}</dd>")
    return (f"<aside class=\"notes\"><h3>{esc(heading)}</h3>\n<dl class=\"notes\">\n"
            + "\n".join(items) + "\n</dl></aside>")


def pending_html(notes: Sequence[Wording]) -> str:
    """The "Amendments not applied to this text" block."""
    items = "\n".join(f"<li>{note_html(n.text, n.editorial)}</li>" for n in notes)
    return (f"<aside class=\"pending\"><h3>Amendments not applied to this text</h3>\n"
            f"<ul class=\"pending\">\n{items}\n</ul></aside>")


def sources_html(lines: Sequence[str]) -> str:
    """The "Source of this text (editorial notes)" block: provisions whose base text is
    derived or reconstructed (see :func:`lawdiff.render.annotated.source_notes`)."""
    items = "\n".join(f"<li>{esc(line)}</li>" for line in lines)
    return (f"<aside class=\"sources editorial\"><h3>{esc(SOURCES_HEADING)}</h3>\n"
            f"<ul class=\"sources\">\n{items}\n</ul></aside>")


def annotated_html(cons: Consolidation) -> str:
    """The annotated Act (see :func:`lawdiff.render.annotated.annotated_text`) as an HTML page."""
    doc = annotate(cons)
    info = cons.act.info
    titles = {n.marker: n.full for n in doc.notes}
    head = [f"<header class=\"doc\">\n<h1>{esc(doc.title)}</h1>",
            f"<p class=\"version\">Revised version {esc(version_when(cons))}</p>",
            view_list(view_items(cons))]
    if info.extract:
        head.append("<p class=\"extract\">This is an extract: only some provisions are held.</p>")
    head.append("</header>")
    body = ["\n".join(head), "<main>"]
    emitted: set[str] = set()
    anchored: set[str] = set()
    for unit in doc.units:
        ident = f" id=\"unit-{esc(unit.eid)}\"" if unit.eid else ""
        parts = [f"<section class=\"unit\"{ident}>", lines_html(unit.lines, titles, anchored)]
        if unit.notes:
            parts.append(notes_html(unit.notes, "Textual Amendments", emitted))
        if unit.pending:
            parts.append(pending_html(unit.pending))
        if unit.sources:
            parts.append(sources_html(unit.sources))
        parts.append("</section>")
        body.append("\n".join(parts))
    if doc.pending:
        body.append(f"<section class=\"unit\">{pending_html(doc.pending)}</section>")
    body.append("</main>")
    body.append(footer(cons.base, has_editorial(doc)))
    title = f"{doc.title} \u2014 revised version {doc.version}"
    return page(title, "\n".join(body))
