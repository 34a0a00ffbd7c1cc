"""lawdiff: apply textual amendments to statutes.

The public API in brief::

    from lawdiff import read_act, read_amendment, consolidate, act_text
    act = read_act("statutes/ukpga-1970-42.xml")
    result = consolidate(act, [read_amendment("amendments/children-act-2004-sch-2-para-2.toml")])
    print(act_text(result.act))

Published legislation in any format (CLML, Akoma Ntoso, plain text, lawdiff
JSON): ``read_document(data)`` and ``write_document(act, "clml")``.
Point in time: ``consolidate(act, amendments, as_at=date(2005, 6, 1))``; annotated
text, redlines and effects tables: ``annotated_text``, ``redline_html``,
``effects_csv``; amending text: ``operations_from_text`` (the grammar is
``lawdiff.parse.parse``); diffs: ``lawdiff.diff.diff``.
See ``docs/`` for the model, the operations, the errors and a tutorial.

``__all__`` is what a user of the library needs: reading and writing Acts and
amendment files, the amending operations, consolidation, the renderings and
the main errors.  Everything else is imported from its own module
(``lawdiff.model.Kind``, ``lawdiff.errors.WordsNotFound``, …).  The names are
loaded when first used, so ``import lawdiff`` (and the ``lawdiff`` command's
start) stays quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lawdiff.address import Address
    from lawdiff.amendment import Amendment
    from lawdiff.commencement import Commencement
    from lawdiff.engine import Consolidation, apply_batch, consolidate, versions
    from lawdiff.errors import AmendmentConflict, BatchError, InvalidAmendment, InvalidStatute, LawdiffError
    from lawdiff.formats.akn import act_from_bytes, act_to_bytes, read_act, write_act
    from lawdiff.formats.amendment_file import amendment_from_toml, read_amendment
    from lawdiff.formats.detect import read_document, write_document
    from lawdiff.instructions import operations_from_text
    from lawdiff.model import Act, Provision
    from lawdiff.operations import (
        EditCell,
        InsertProvision,
        InsertWords,
        OmitProvision,
        OmitWords,
        Operation,
        Position,
        Provenance,
        RenumberProvision,
        SubstituteProvision,
        SubstituteWords,
        TextBecomesChild,
    )
    from lawdiff.render.annotated import annotated_text
    from lawdiff.render.effects import effects_csv, effects_json
    from lawdiff.render.html import annotated_html
    from lawdiff.render.redline import redline_html, redline_text
    from lawdiff.render.text import act_text
    from lawdiff.text import Occurrence, Words
    from lawdiff.timeline import Revocation

_HOMES: dict[str, str] = {
    "Act": "lawdiff.model",
    "Provision": "lawdiff.model",
    "Address": "lawdiff.address",
    "Amendment": "lawdiff.amendment",
    "Commencement": "lawdiff.commencement",
    "Revocation": "lawdiff.timeline",
    "Consolidation": "lawdiff.engine",
    "apply_batch": "lawdiff.engine",
    "consolidate": "lawdiff.engine",
    "versions": "lawdiff.engine",
    "EditCell": "lawdiff.operations",
    "InsertProvision": "lawdiff.operations",
    "InsertWords": "lawdiff.operations",
    "OmitProvision": "lawdiff.operations",
    "OmitWords": "lawdiff.operations",
    "Operation": "lawdiff.operations",
    "Position": "lawdiff.operations",
    "Provenance": "lawdiff.operations",
    "SubstituteProvision": "lawdiff.operations",
    "SubstituteWords": "lawdiff.operations",
    "RenumberProvision": "lawdiff.operations",
    "TextBecomesChild": "lawdiff.operations",
    "Occurrence": "lawdiff.text",
    "Words": "lawdiff.text",
    "act_from_bytes": "lawdiff.formats.akn",
    "act_to_bytes": "lawdiff.formats.akn",
    "read_act": "lawdiff.formats.akn",
    "write_act": "lawdiff.formats.akn",
    "read_document": "lawdiff.formats.detect",
    "write_document": "lawdiff.formats.detect",
    "amendment_from_toml": "lawdiff.formats.amendment_file",
    "read_amendment": "lawdiff.formats.amendment_file",
    "operations_from_text": "lawdiff.instructions",
    "act_text": "lawdiff.render.text",
    "annotated_text": "lawdiff.render.annotated",
    "annotated_html": "lawdiff.render.html",
    "redline_html": "lawdiff.render.redline",
    "redline_text": "lawdiff.render.redline",
    "effects_csv": "lawdiff.render.effects",
    "effects_json": "lawdiff.render.effects",
    "AmendmentConflict": "lawdiff.errors",
    "BatchError": "lawdiff.errors",
    "InvalidAmendment": "lawdiff.errors",
    "InvalidStatute": "lawdiff.errors",
    "LawdiffError": "lawdiff.errors",
}

__all__ = [
    "Act",
    "Address",
    "Amendment",
    "AmendmentConflict",
    "BatchError",
    "Commencement",
    "Consolidation",
    "EditCell",
    "InsertProvision",
    "InsertWords",
    "InvalidAmendment",
    "InvalidStatute",
    "LawdiffError",
    "Occurrence",
    "OmitProvision",
    "OmitWords",
    "Operation",
    "Position",
    "Provenance",
    "Provision",
    "RenumberProvision",
    "Revocation",
    "SubstituteProvision",
    "SubstituteWords",
    "TextBecomesChild",
    "Words",
    "act_from_bytes",
    "act_text",
    "act_to_bytes",
    "amendment_from_toml",
    "annotated_html",
    "annotated_text",
    "apply_batch",
    "consolidate",
    "effects_csv",
    "effects_json",
    "operations_from_text",
    "read_act",
    "read_amendment",
    "read_document",
    "redline_html",
    "redline_text",
    "versions",
    "write_act",
    "write_document",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'lawdiff' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
