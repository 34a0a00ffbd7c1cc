"""lawdiff.fileio: all-or-nothing writes that name the file that failed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from lawdiff.errors import InputTooLarge
from lawdiff.fileio import (
    DEFAULT_MAX_INPUT,
    max_input_size,
    parse_size,
    read_input,
    read_limited,
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
