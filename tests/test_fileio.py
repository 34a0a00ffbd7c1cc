"""lawdiff.fileio: all-or-nothing writes that name the file that failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawdiff.fileio import write_all_atomic


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
