"""lawdiff.fileio: all-or-nothing writes that name the file that failed."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lawdiff.errors import InputTooLarge, LawdiffError
from lawdiff.fileio import (
    DEFAULT_MAX_INPUT,
    finish_interrupted,
    max_input_size,
    parse_size,
    read_input,
    read_limited,
    stray_temporaries,
    write_all_atomic,
)


def test_all_files_are_written(tmp_path: Path) -> None:
    files = {tmp_path / "a.txt": b"one", tmp_path / "sub" / "b.txt": b"two"}
    write_all_atomic(files)
    assert {p: p.read_bytes() for p in files} == files
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.txt", "b.txt", "sub"]


def test_a_failure_names_the_target_and_touches_nothing(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_bytes(b"old")
    (tmp_path / "plain").write_bytes(b"")
    blocked = tmp_path / "plain" / "blocked.txt"  # its folder is a file: it cannot be written
    with pytest.raises(OSError) as info:
        write_all_atomic({first: b"new", blocked: b"data"})
    assert info.value.filename == str(blocked)
    assert first.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.txt", "plain"]


def test_a_failed_rename_names_the_target_not_the_temporary(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked.txt"
    blocked.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError) as info:
        write_all_atomic({blocked: b"data"})
    assert info.value.filename == str(blocked)
    assert [p.name for p in tmp_path.iterdir()] == ["blocked.txt"]  # no temporary left


class Endless(io.RawIOBase):
    """A stream that never ends (like /dev/zero), counting what was read from it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = len(buffer)
        buffer[:size] = b"\0" * size
        self.given += size
        return size


def test_an_endless_stream_stops_at_the_limit() -> None:
    stream = Endless()
    with pytest.raises(InputTooLarge, match="standard input: more than the input limit of "
                                            "1 MB") as info:
        read_limited(stream, "standard input", 1_000_000)
    assert info.value.limit == 1_000_000
    assert stream.given <= 1_000_000 + (1 << 20)  # read in bounded chunks, not all at once


def test_input_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_bytes(b"x" * 1000)
    assert read_input(path, 1000) == b"x" * 1000
    with pytest.raises(InputTooLarge, match=f"{path}: more than the input limit of 999 bytes"):
        read_input(path, 999)


def test_a_missing_file_is_an_os_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(OSError) as info:
        read_input(tmp_path / "missing.xml", 10)
    assert info.value.filename == str(tmp_path / "missing.xml")


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"from stdin\xff"))
    monkeypatch.setattr("sys.stdin", fake)
    assert read_input(Path("-"), 100) == b"from stdin\xff"


@pytest.mark.parametrize("text, size", [
    ("200M", 200_000_000), ("200 MB", 200_000_000), ("1G", 1_000_000_000), ("1gb", 10**9),
    ("500k", 500_000), ("4096", 4096), ("1.5M", 1_500_000),
])
def test_sizes_read(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "M", "-1M", "0", "lots", "1T", "nanM"])
def test_bad_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a size"):
        parse_size(text)


def test_the_limit_comes_from_the_environment_or_defaults_to_200_mb() -> None:
    assert DEFAULT_MAX_INPUT == 200_000_000
    assert max_input_size({}) == DEFAULT_MAX_INPUT
    assert max_input_size({"LAWDIFF_MAX_INPUT": "1G"}) == 10**9
    with pytest.raises(ValueError, match="LAWDIFF_MAX_INPUT"):
        max_input_size({"LAWDIFF_MAX_INPUT": "big"})


# A child process that writes a set of files through a journal and is killed
# (os._exit: no clean-up runs) at the Nth call of one os function.
_KILLED_WRITER = """
import os, sys
from pathlib import Path
import lawdiff.fileio as fileio

folder, function, calls = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
real = getattr(os, function)
made = 0

def dying(*args, **kwargs):
    global made
    if made == calls:
        os._exit(9)
    made += 1
    return real(*args, **kwargs)

setattr(os, function, dying)
files = {folder / f"{n}.txt": f"new {n}\\n".encode() for n in range(5)}
fileio.write_all_atomic(files, remove=[folder / "gone.txt"], journal=folder / ".journal")
"""


def _killed_writer(folder: Path, function: str, calls: int) -> None:
    done = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(folder), function,
                           str(calls)], capture_output=True, check=False)
    assert done.returncode == 9, done.stderr


def _old_set(folder: Path) -> dict[str, bytes]:
    for n in range(5):
        (folder / f"{n}.txt").write_bytes(f"old {n}\n".encode())
    (folder / "gone.txt").write_bytes(b"gone\n")
    return _visible(folder)


def _visible(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


NEW_SET = {f"{n}.txt": f"new {n}\n".encode() for n in range(5)}


@pytest.mark.parametrize("calls", [0, 2, 4])
def test_a_write_killed_before_its_journal_changes_nothing(tmp_path: Path, calls: int) -> None:
    """Killed while writing temporaries (the fifth fsync is the journal's): the old set
    stands, and only stray temporaries are left, which stray_temporaries finds."""
    before = _old_set(tmp_path)
    _killed_writer(tmp_path, "fsync", calls)
    assert _visible(tmp_path) == before
    assert not (tmp_path / ".journal").exists()
    strays = stray_temporaries(tmp_path)
    assert strays and all(p.name.startswith(".") and p.name.endswith(".tmp") for p in strays)
    assert finish_interrupted(tmp_path / ".journal") == []


@pytest.mark.parametrize("function, calls, left", [
    ("replace", 1, 6), ("replace", 2, 5), ("replace", 5, 2), ("unlink", 0, 1), ("unlink", 1, 0)])
def test_a_write_killed_after_its_journal_is_completed_from_it(
        tmp_path: Path, function: str, calls: int, left: int) -> None:
    """os.replace call 1 commits the journal and each later one renames an output into
    place; then os.unlink removes gone.txt, then the journal.  Wherever the writer is
    killed, finish_interrupted makes the rest of the set (``left`` files) appear."""
    _old_set(tmp_path)
    _killed_writer(tmp_path, function, calls)
    assert (tmp_path / ".journal").exists()
    assert len(finish_interrupted(tmp_path / ".journal")) == left
    assert _visible(tmp_path) == NEW_SET
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NEW_SET)  # no journal, no .tmp


def test_a_journal_that_is_not_one_is_refused(tmp_path: Path) -> None:
    journal = tmp_path / ".journal"
    for text in ("not json", '{"format": "lawdiff write journal 1", "replace": [["../x", "y"]], '
                             '"remove": []}'):
        journal.write_text(text, "utf-8")
        with pytest.raises(LawdiffError, match="not a lawdiff write journal"):
            finish_interrupted(journal)
