"""lawdiff: apply textual amendments to statutes.

The public API in brief::

    from lawdiff import read_act, read_amendment, consolidate, act_text
    act = read_act("statutes/ukpga-1970-42.xml")
    result = consolidate(act, [read_amendment("amendments/children-act-2004-sch-2-para-2.toml")])
    print(act_text(result.act))

See ``docs/`` for the model, the operations, the errors and a tutorial.
"""

from lawdiff.address import Address, Location, Step, address_of, resolve
from lawdiff.amendment import Amendment
from lawdiff.codec import node_from_json, node_to_json, operation_from_json, operation_to_json
from lawdiff.commencement import Commencement
from lawdiff.designation import Designation, Style, between
from lawdiff.engine import AppliedStep, Consolidation, apply_all, apply_batch, consolidate
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
    UnsafeXML,
    WordsNotFound,
)
from lawdiff.formats.akn import act_from_bytes, act_to_bytes, read_act, write_act
from lawdiff.formats.amendment_file import amendment_from_toml, read_amendment
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
    ReplaceChildren,
    ReplaceText,
    SubstituteProvision,
    SubstituteWords,
)
from lawdiff.render.text import act_text
from lawdiff.text import Occurrence, Words

__all__ = [
    "Act", "ActInfo", "Address", "AmbiguousWords", "Amendment", "AmendmentConflict", "Applied",
    "AppliedStep", "BatchError", "Change", "Commencement", "ConflictingAmendments",
    "Consolidation", "Designation", "EditCell", "Failed", "InsertProvision", "InsertWords",
    "InstructionParseError", "InvalidAddress", "InvalidAmendment", "InvalidDesignation",
    "InvalidPlacement", "InvalidStatute", "Kind", "LawdiffError", "Location", "Occurrence",
    "OmitProvision", "OmitWords", "Omitted", "Operation", "Position", "Provenance", "Provision",
    "ProvisionNotFound", "ReplaceChildren", "ReplaceText", "Row", "SourceRecord", "Step", "Style",
    "SubstituteProvision", "SubstituteWords", "Table", "UnsafeXML", "Words", "WordsNotFound",
    "act_from_bytes", "act_text", "act_to_bytes", "address_of", "amendment_from_toml",
    "apply_all", "apply_batch", "between", "consolidate", "node_from_json", "node_to_json",
    "operation_from_json", "operation_to_json", "read_act", "read_amendment", "resolve",
    "write_act",
]
__version__ = "0.1.0"
