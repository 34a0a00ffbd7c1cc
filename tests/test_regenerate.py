"""lawdiff.regenerate: every output computed first, written together, strays removed."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from lawdiff.errors import BatchError, InvalidStatute
from lawdiff.regenerate import build_outputs, regenerate, stale, version_dates
from tests.helpers import ROOT


def project(tmp_path: Path) -> Path:
    """A copy of the project's statutes and amendments."""
    for name in ("statutes", "amendments"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_committed_outputs_are_what_regenerate_builds() -> None:
    outputs = build_outputs(ROOT)
    assert stale(ROOT, outputs) == []
    names = {p.name for p in outputs}
    for act in ("ukpga-1970-42", "ukpga-1989-42"):
        assert {f"{act}.xml", f"{act}.txt", f"{act}.diff", f"{act}.wdiff.txt",
                f"{act}.annotated.txt", f"{act}.annotated.html", f"{act}.redline.html",
                f"{act}.redline.txt", f"{act}.effects.csv", f"{act}.effects.json"} <= names
        for day in version_dates(ROOT):
            assert f"{act}@{day.isoformat()}.xml" in names


def test_check_writes_nothing_and_writing_makes_it_current(tmp_path: Path) -> None:
    root = project(tmp_path)
    target = root / "statutes" / "consolidated" / "ukpga-1970-42.txt"
    target.write_text("edited by hand\n", "utf-8")
    stray = root / "statutes" / "consolidated" / "ukpga-2099-1.txt"
    stray.write_text("output of a statute that is gone\n", "utf-8")
    keep = root / "statutes" / "consolidated" / "NOTES.md"
    keep.write_text("not a generated kind of file\n", "utf-8")
    assert regenerate(root, check=True) == [target, stray]
    assert target.read_text("utf-8") == "edited by hand\n" and stray.exists()
    assert regenerate(root) == [target, stray]
    assert not stray.exists() and keep.exists()
    assert target.read_bytes() == (ROOT / "statutes/consolidated/ukpga-1970-42.txt").read_bytes()
    assert regenerate(root, check=True) == []


def test_a_bad_amendment_leaves_every_output_as_it_was(tmp_path: Path) -> None:
    root = project(tmp_path)
    amendment = root / "amendments" / "children-act-2004-sch-2-para-3.toml"
    amendment.write_text(amendment.read_text("utf-8").replace(
        'anchor = "director of social services"', 'anchor = "director of sorcery"'), "utf-8")
    folder = root / "statutes" / "consolidated"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    (folder / "ukpga-1970-42.txt").write_text("stale\n", "utf-8")
    before["ukpga-1970-42.txt"] = b"stale\n"
    with pytest.raises(BatchError, match="director of sorcery"):
        regenerate(root)
    # not even the 1970 Act's outputs, which the bad file does not touch, were rewritten
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_version_dates_are_read_strictly(tmp_path: Path) -> None:
    (tmp_path / "statutes").mkdir()
    assert version_dates(tmp_path) == []
    listing = tmp_path / "statutes" / "versions.toml"
    listing.write_text("dates = [2008-01-01, 2004-11-14]\n", "utf-8")
    assert version_dates(tmp_path) == [date(2004, 11, 14), date(2008, 1, 1)]
    listing.write_text('dates = ["2008-01-01"]\n', "utf-8")
    with pytest.raises(InvalidStatute, match="list of dates"):
        version_dates(tmp_path)
    listing.write_text("dates = [\n", "utf-8")
    with pytest.raises(InvalidStatute, match="not valid TOML"):
        version_dates(tmp_path)


def test_a_deeply_nested_version_list_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "statutes").mkdir()
    listing = tmp_path / "statutes" / "versions.toml"
    listing.write_text("dates = " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    with pytest.raises(InvalidStatute, match="nested too deeply") as info:
        version_dates(tmp_path)
    assert str(info.value).startswith(f"{listing}: ")
