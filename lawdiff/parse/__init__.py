"""Read UK amending instructions into textual changes.

>>> [op.to_json()["new"] for op in parse("in subsection (1), after “local authority” insert “in Wales”")]
['in Wales']

See ``docs/parsing.md`` for the grammar, the machine interface and the API.
"""

from lawdiff.parse.grammar import parse
from lawdiff.parse.jsonl import parse_instruction_line, parse_jsonl_line, run_jsonl
from lawdiff.parse.model import ParsedOp, QuotedProvision

__all__ = ["ParsedOp", "QuotedProvision", "parse", "parse_instruction_line", "parse_jsonl_line",
           "run_jsonl"]
