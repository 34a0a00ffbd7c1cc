"""The machine interface: one instruction per line in, one JSON object per line out."""

from __future__ import annotations

import json
from typing import Any, TextIO

from lawdiff.errors import InstructionParseError
from lawdiff.parse.grammar import parse


def parse_instruction_line(text: str) -> dict[str, Any]:
    """Parse one line for the machine interface; never raises for text it cannot read.

    Returns ``{"ops": [op, …]}`` with each op as :meth:`ParsedOp.to_json`
    gives it, or ``{"error": message, "unparsed": span_text}``.  A blank line
    gives ``{"ops": []}``.  A line that reads but makes no change (only a
    lead-in such as "The X Act is amended as follows.") is an error here,
    because a line of this interface is meant to be an amendment; its
    ``unparsed`` is the whole line.
    """
    if not text.strip():
        return {"ops": []}
    try:
        ops = parse(text)
    except InstructionParseError as exc:
        return {"error": str(exc), "unparsed": exc.unparsed}
    if not ops:
        return {"error": "the text makes no amendment (it only sets context)",
                "unparsed": text.strip()}
    return {"ops": [op.to_json() for op in ops]}


def run_jsonl(stdin: TextIO, stdout: TextIO) -> int:
    """Read one instruction per line from ``stdin`` and write one JSON object per line.

    Every input line, blank ones included, gives exactly one output line, in
    order, written with ``json.dumps(..., ensure_ascii=False)``.  Returns 0
    when every non-blank line parsed and 1 when some did not.
    """
    status = 0
    for line in stdin:
        line = line.rstrip("\r\n")
        result = parse_instruction_line(line)
        if "error" in result:
            status = 1
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return status
