"""Reading input within safe limits, and writing files so that a failure never leaves one
half-written."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
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

    Malformed TOML, a leading byte-order mark and nesting too deep for
    Python's stack (which ``tomllib`` would report as a RecursionError) are
    one-line errors naming ``source``.
    """
    if text.startswith("\ufeff"):
        raise error("starts with a byte-order mark, which TOML does not allow: save the file "
                    "as UTF-8 without a BOM", source=source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"not valid TOML: {exc}", source=source) from None
    except RecursionError:
        raise error(NESTED_TOO_DEEPLY, source=source) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    write_all_atomic({path: data})


def write_all_atomic(files: Mapping[Path, bytes], remove: Iterable[Path] = (),
                     journal: Path | None = None) -> None:
    """Write several files (and remove others), all or none as far as the file system allows.

    Every file is first written in full to a temporary file beside its
    target (``.NAME.xxxxxxxx.tmp``); only when all are written are they
    renamed into place, and then the files in ``remove`` are deleted.  If
    writing any of them fails, the temporaries are removed and no target is
    touched.  Files get the usual permissions for the current umask.

    Without a ``journal``, a rename that fails part-way removes the
    remaining temporaries (the renames already made stand).  With one, the
    set survives even the process being killed: once every temporary is
    written (and synced), the journal file records the renames and removals
    still to make, and is deleted when they are all made.  A run killed
    before that point leaves only stray temporaries (see
    :func:`stray_temporaries`); one killed after it, or a rename that fails,
    leaves the journal, and :func:`finish_interrupted` completes the set.
    """
    staged: list[tuple[Path, Path]] = []
    removals = list(remove)
    committed = False
    mode = _default_mode()
    try:
        for path, data in files.items():
            with _naming(path):
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                           dir=path.parent)
                staged.append((Path(tmp), path))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    if journal is not None:
                        handle.flush()
                        os.fsync(handle.fileno())
                os.chmod(tmp, mode)
        if journal is not None:
            _write_journal(journal, staged, removals)
            committed = True
        _finish(staged, removals)
        if journal is not None:
            journal.unlink()
    finally:
        if not committed:
            for leftover, _ in staged:
                with contextlib.suppress(OSError):
                    os.unlink(leftover)


_JOURNAL_FORMAT = "lawdiff write journal 1"
_TEMPORARY_RE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def _write_journal(journal: Path, staged: list[tuple[Path, Path]], removals: list[Path]) -> None:
    """Record the renames and removals still to make, atomically, relative to the journal."""
    def rel(path: Path) -> str:
        return os.path.relpath(path, journal.parent)
    record = {"format": _JOURNAL_FORMAT,
              "replace": [[rel(tmp), rel(target)] for tmp, target in staged],
              "remove": [rel(p) for p in removals]}
    data = json.dumps(record, indent=1).encode("utf-8")
    with _naming(journal):
        fd, tmp = tempfile.mkstemp(prefix=f".{journal.name}.", suffix=".tmp", dir=journal.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, journal)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _sync_folder(journal.parent)


def _finish(staged: list[tuple[Path, Path]], removals: list[Path]) -> None:
    """Make the renames (popping each from ``staged`` once made), then the removals."""
    while staged:
        tmp, path = staged[0]
        with _naming(path):
            os.replace(tmp, path)
        staged.pop(0)
    for path in removals:
        with _naming(path):
            path.unlink(missing_ok=True)


def finish_interrupted(journal: Path) -> list[Path]:
    """Complete the set of writes an interrupted :func:`write_all_atomic` recorded in ``journal``.

    Each recorded temporary still present is renamed into place (the others
    were renamed before the interruption), the recorded removals are made
    and the journal is deleted.  Returns the files renamed or removed now
    (none if there is no journal).  Raises LawdiffError for a journal that
    is not one, and OSError (naming the file) when a rename fails.
    """
    if not journal.exists():
        return []
    try:
        record = json.loads(journal.read_bytes())
        if record.get("format") != _JOURNAL_FORMAT:
            raise ValueError
        moves = [(_inside(journal, tmp), _inside(journal, target))
                 for tmp, target in record["replace"]]
        removals = [_inside(journal, p) for p in record["remove"]]
    except (ValueError, TypeError, KeyError, AttributeError):
        raise LawdiffError(f"{journal}: not a lawdiff write journal; remove it if nothing "
                           f"else wrote it") from None
    done = [target for tmp, target in moves if tmp.exists()]
    done += [p for p in removals if p.exists()]
    _finish([(tmp, target) for tmp, target in moves if tmp.exists()], removals)
    journal.unlink()
    return done


def _inside(journal: Path, name: object) -> Path:
    """A path the journal records, which must lie in or below the journal's folder."""
    if not isinstance(name, str) or os.path.isabs(name) or ".." in Path(name).parts:
        raise ValueError(name)
    return journal.parent / name


def stray_temporaries(folder: Path) -> list[Path]:
    """The temporary files (``.NAME.xxxxxxxx.tmp``) an interrupted write left in ``folder``."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _TEMPORARY_RE.fullmatch(p.name) and p.is_file())


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (new names) to disk, where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
