"""Reading input within safe limits, and writing files so that a failure never leaves one
half-written."""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, cast

from lawdiff.errors import InputTooLarge, LawdiffError

NESTED_TOO_DEEPLY = "arrays or tables nested too deeply to read"

DEFAULT_MAX_INPUT = 200_000_000
"""The input limit when none is set: 200 MB, above the largest Acts' XML (tens of MB)."""

MAX_INPUT_VARIABLE = "LAWDIFF_MAX_INPUT"
"""The environment variable that sets the input limit, e.g. ``LAWDIFF_MAX_INPUT=1G``."""

STDIN = "standard input"
"""How messages name standard input (given as ``-`` where a file is named)."""

_CHUNK = 1 << 20
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}
_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """A size in bytes from "200M", "200 MB", "1G", "500k" or "4096" (units of 1,000).

    Raises ValueError for anything else, and for a size under one byte.
    """
    match = _SIZE_RE.fullmatch(text)
    size = round(float(match[1]) * _UNITS[match[2].lower()]) if match else 0
    if size < 1:
        raise ValueError(f"{text!r} is not a size (e.g. 200M, 1G or 500k)")
    return size


def format_size(size: int) -> str:
    """A size as messages print it: "200 MB", "1.5 GB", "999 bytes"."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def max_input_size(environ: Mapping[str, str] = os.environ) -> int:
    """The input limit ``environ`` sets in ``LAWDIFF_MAX_INPUT``, else :data:`DEFAULT_MAX_INPUT`.

    Raises ValueError naming the variable when its value is not a size.
    """
    text = environ.get(MAX_INPUT_VARIABLE)
    if text is None:
        return DEFAULT_MAX_INPUT
    try:
        return parse_size(text)
    except ValueError as exc:
        raise ValueError(f"{MAX_INPUT_VARIABLE}: {exc}") from None


def read_limited(stream: IO[bytes], source: str, limit: int) -> bytes:
    """All of ``stream``, read in bounded chunks; InputTooLarge as soon as it passes ``limit``.

    An endless stream stops being read just past the limit.
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit - total + 1))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise InputTooLarge(f"more than the input limit of {format_size(limit)}",
                                source=source, limit=limit)
        chunks.append(chunk)


def read_input(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the file at ``path`` (``-``: standard input), at most ``limit`` of them.

    ``limit`` defaults to :func:`max_input_size`.  Raises InputTooLarge past
    the limit and OSError (naming the file) when it cannot be read.
    """
    limit = max_input_size() if limit is None else limit
    if str(path) == "-":
        return read_limited(stdin_bytes(), STDIN, limit)
    with open(path, "rb") as stream:
        return read_limited(stream, str(path), limit)


def stdin_bytes() -> IO[bytes]:
    """The bytes of ``sys.stdin``: its buffer, or, for a text stream without one (an
    ``io.StringIO`` put in its place), its text encoded back to UTF-8."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return cast("IO[bytes]", buffer)
    return cast("IO[bytes]", _EncodedText(sys.stdin))


class _EncodedText(io.RawIOBase):
    """A text stream read as UTF-8 bytes (bytes undecodable on the way in stay so)."""

    def __init__(self, text: IO[str]):
        super().__init__()
        self._text = text

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._text.read(size).encode("utf-8", errors="surrogateescape")


def source_name(path: Path) -> str:
    """How messages name the input at ``path``: its path, or "standard input" for ``-``."""
    return STDIN if str(path) == "-" else str(path)


class LimitedLines(io.BufferedIOBase):
    """The lines of a binary stream, each refused (InputTooLarge) beyond ``limit`` bytes.

    Only ``readline`` and iteration are offered; a line is read no further
    than just past the limit, so an endless line stops there too.
    """

    def __init__(self, stream: IO[bytes], source: str, limit: int):
        super().__init__()
        self._stream = stream
        self._source = source
        self._limit = limit
        self._number = 0

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> bytes:
        line = self._stream.readline(self._limit + 2)
        self._number += 1
        content = line[:-1] if line.endswith(b"\n") else line
        if len(content) > self._limit:
            raise InputTooLarge(f"more than the input limit of {format_size(self._limit)}",
                                source=f"line {self._number} of {self._source}",
                                limit=self._limit)
        return line


def load_toml(text: str, source: str, error: Callable[..., LawdiffError]) -> dict[str, Any]:
    """The TOML document ``text``; raises ``error(message, source=source)`` if it cannot be read.

    Malformed TOML and nesting too deep for Python's stack (which ``tomllib``
    would report as a RecursionError) are both one-line errors naming ``source``.
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"not valid TOML: {exc}", source=source) from None
    except RecursionError:
        raise error(NESTED_TOO_DEEPLY, source=source) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    write_all_atomic({path: data})


def write_all_atomic(files: Mapping[Path, bytes]) -> None:
    """Write several files, all or none as far as the file system allows.

    Every file is first written in full to a temporary file beside its
    target; only when all are written are they renamed into place.  If
    writing any of them fails, the temporaries are removed and no target is
    touched; if a rename fails part-way, the remaining temporaries are
    removed (the renames already made stand).  Files get the usual
    permissions for the current umask.
    """
    staged: list[tuple[str, Path]] = []
    mode = _default_mode()
    try:
        for path, data in files.items():
            with _naming(path):
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                           dir=path.parent)
                staged.append((tmp, path))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.chmod(tmp, mode)
        while staged:
            tmp, path = staged[0]
            with _naming(path):
                os.replace(tmp, path)
            staged.pop(0)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Report an OSError against ``path``, not the temporary file beside it."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None


def _default_mode() -> int:
    """The mode a new file gets under the current umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
