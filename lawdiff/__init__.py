"""lawdiff: apply textual amendments to statutes.

The public API in brief::

    from lawdiff import read_act, read_amendment, consolidate, act_text
    act = read_act("statutes/ukpga-1970-42.xml")
    result = consolidate(act, [read_amendment("amendments/children-act-2004-sch-2-para-2.toml")])
    print(act_text(result.act))

Point in time: ``consolidate(act, amendments, as_at=date(2005, 6, 1))``; annotated
text, redlines and effects tables: ``annotated_text``, ``redline_html``,
``effects_csv``; amending text: ``operations_from_text`` (the grammar is
``lawdiff.parse.parse``); diffs: ``lawdiff.diff.diff``.
See ``docs/`` for the model, the operations, the errors and a tutorial.
"""

from lawdiff.address import Address, Location, Step, address_of, resolve
from lawdiff.amendment import Amendment
from lawdiff.codec import node_from_json, node_to_json, operation_from_json, operation_to_json
from lawdiff.commencement import Commencement
from lawdiff.designation import Designation, Style, between
from lawdiff.engine import (
    AppliedStep,
    Consolidation,
    Pending,
    apply_all,
    apply_batch,
    consolidate,
    versions,
)
from lawdiff.errors import (
    AmbiguousWords,
    AmendmentConflict,
    BatchError,
    ConflictingAmendments,
    InstructionParseError,
    InvalidAddress,
    InvalidAmendment,
    InvalidDesignation,
    InvalidPlacement,
    InvalidStatute,
    LawdiffError,
    ProvisionNotFound,
    RangeNotExpressible,
    UnsafeXML,
    WordsNotFound,
)
from lawdiff.formats.akn import act_from_bytes, act_to_bytes, read_act, write_act
from lawdiff.formats.amendment_file import amendment_from_toml, read_amendment
from lawdiff.instructions import operations_from_text
from lawdiff.model import Act, ActInfo, Kind, Omitted, Provision, Row, SourceRecord, Table
from lawdiff.operations import (
    Applied,
    Change,
    EditCell,
    Failed,
    InsertProvision,
    InsertWords,
    OmitProvision,
    OmitWords,
    Operation,
    Position,
    Provenance,
    RenumberProvision,
    ReplaceChildren,
    ReplaceText,
    SubstituteProvision,
    SubstituteWords,
    TextBecomesChild,
)
from lawdiff.render.annotated import annotated_text
from lawdiff.render.effects import effects_csv, effects_json, effects_rows
from lawdiff.render.html import annotated_html
from lawdiff.render.redline import redline_html, redline_text
from lawdiff.render.text import act_text
from lawdiff.text import Occurrence, Words
from lawdiff.timeline import Revocation, View

__all__ = [
    "Act",
    "ActInfo",
    "Address",
    "AmbiguousWords",
    "Amendment",
    "AmendmentConflict",
    "Applied",
    "AppliedStep",
    "BatchError",
    "Change",
    "Commencement",
    "ConflictingAmendments",
    "Consolidation",
    "Designation",
    "EditCell",
    "Failed",
    "InsertProvision",
    "InsertWords",
    "InstructionParseError",
    "InvalidAddress",
    "InvalidAmendment",
    "InvalidDesignation",
    "InvalidPlacement",
    "InvalidStatute",
    "Kind",
    "LawdiffError",
    "Location",
    "Occurrence",
    "OmitProvision",
    "OmitWords",
    "Omitted",
    "Operation",
    "Pending",
    "Position",
    "Provenance",
    "Provision",
    "ProvisionNotFound",
    "RangeNotExpressible",
    "RenumberProvision",
    "ReplaceChildren",
    "ReplaceText",
    "Revocation",
    "Row",
    "SourceRecord",
    "Step",
    "Style",
    "SubstituteProvision",
    "SubstituteWords",
    "Table",
    "TextBecomesChild",
    "UnsafeXML",
    "View",
    "Words",
    "WordsNotFound",
    "act_from_bytes",
    "act_text",
    "act_to_bytes",
    "address_of",
    "amendment_from_toml",
    "annotated_html",
    "annotated_text",
    "apply_all",
    "apply_batch",
    "between",
    "consolidate",
    "effects_csv",
    "effects_json",
    "effects_rows",
    "node_from_json",
    "node_to_json",
    "operation_from_json",
    "operation_to_json",
    "operations_from_text",
    "read_act",
    "read_amendment",
    "redline_html",
    "redline_text",
    "resolve",
    "versions",
    "write_act",
]
__version__ = "0.1.0"
