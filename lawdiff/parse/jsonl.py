"""The machine interface: one instruction per line in, one JSON object per line out."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import IO, Any, cast

from lawdiff.errors import InstructionParseError
from lawdiff.parse.grammar import parse

_BOM = b"\xef\xbb\xbf"


def parse_instruction_line(text: str) -> dict[str, Any]:
    """Parse one line for the machine interface; never raises for text it cannot read.

    Returns ``{"ops": [op, …]}`` with each op as :meth:`ParsedOp.to_json`
    gives it, or ``{"error": message, "unparsed": span_text}``.  A blank line
    gives ``{"ops": []}``.  A change the machine reading has no form for
    (``ParsedOp.inexpressible``) is an error whose ``unparsed`` is its words.
    A line that reads but makes no change (only a
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
    for op in ops:
        if op.inexpressible is not None:
            start, end = op.inexpressible
            return {"error": "this change (words that become a numbered provision, or the "
                             "words after or before “…”, those words left out) has no form "
                             "in the machine reading (version 2); the library applies it",
                    "unparsed": text[start:end]}
    return {"ops": [op.to_json() for op in ops]}


def parse_jsonl_line(raw: bytes, number: int) -> dict[str, Any]:
    """The machine-interface result for line ``number`` (1-based), given as bytes.

    The line's end ("\\n" or "\\r\\n") is dropped, and on line 1 a UTF-8
    byte-order mark.  A line that is not UTF-8 gives ``{"error": "line N is
    not UTF-8 text", "unparsed": …}`` with the line decoded with U+FFFD for
    each bad byte; any other line is :func:`parse_instruction_line`'s result.
    """
    if raw.endswith(b"\n"):
        raw = raw[:-1]
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    if number == 1 and raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"error": f"line {number} is not UTF-8 text",
                "unparsed": raw.decode("utf-8", errors="replace")}
    return parse_instruction_line(text)


def run_jsonl(stdin: IO[bytes] | IO[str], stdout: IO[bytes] | IO[str]) -> int:
    """Read one instruction per line from ``stdin`` and write one JSON object per line.

    Both streams are used as bytes: a binary stream as it is, a text stream
    through its ``buffer`` (``sys.stdin``, ``sys.stdout``).  A text stream
    with no ``buffer`` (``io.StringIO``) is read as text already decoded, its
    lines encoded back to UTF-8, and written as text.  Input lines are split
    at "\\n" only; each one, blank ones included, gives exactly one output
    line, in order: :func:`parse_jsonl_line`'s result as UTF-8 JSON
    (``ensure_ascii=False``).  A line that is not UTF-8 is an error line and
    the lines after it are still read.  Returns 0 when every line parsed and
    1 when some did not.
    """
    write = _writer(stdout)
    status = 0
    for number, raw in enumerate(_raw_lines(stdin), start=1):
        result = parse_jsonl_line(raw, number)
        if "error" in result:
            status = 1
        write((json.dumps(result, ensure_ascii=False) + "\n").encode("utf-8"))
    return status


def _raw_lines(stream: IO[bytes] | IO[str]) -> Iterator[bytes]:
    """The lines of ``stream`` as bytes, each with its "\\n" (the last may lack it)."""
    binary = _binary(stream)
    if binary is not None:
        yield from binary
        return
    for line in cast("IO[str]", stream):
        # A lone surrogate cannot be UTF-8: it becomes bytes that fail to decode.
        yield line.encode("utf-8", errors="surrogatepass")


def _writer(stream: IO[bytes] | IO[str]) -> Callable[[bytes], None]:
    """A function writing one line of UTF-8 bytes to ``stream``: to its bytes (after
    flushing text already written), or, for a text stream without bytes, as text."""
    binary = _binary(stream)
    if binary is None:
        text = cast("IO[str]", stream)

        def write_text(data: bytes) -> None:
            text.write(data.decode("utf-8"))
        return write_text
    if binary is not stream:
        stream.flush()

    def write_bytes(data: bytes) -> None:
        binary.write(data)
        binary.flush()
    return write_bytes


def _binary(stream: IO[bytes] | IO[str]) -> IO[bytes] | None:
    """The bytes under ``stream``: its ``buffer`` when it is a text stream that has
    one (``sys.stdin``), None for one that has not (``io.StringIO``), else the
    stream itself."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return cast("IO[bytes]", buffer)
    if isinstance(stream, io.TextIOBase):
        return None
    return cast("IO[bytes]", stream)
