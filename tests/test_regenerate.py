"""lawdiff.regenerate: every output computed first, written together, strays removed."""

from __future__ import annotations

import shutil
import subprocess
import sys
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


def _generated(root: Path) -> dict[str, bytes]:
    folder = root / "statutes" / "consolidated"
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_stray_temporaries_are_reported_by_check_and_removed_by_every_run(tmp_path: Path) -> None:
    root = project(tmp_path)
    folder = root / "statutes" / "consolidated"
    stray = folder / ".ukpga-1970-42.txt.k3x_9q2a.tmp"
    stray.write_bytes(b"half a file")
    assert regenerate(root, check=True) == [stray]
    assert stray.exists()
    assert regenerate(root) == [stray]
    assert not stray.exists()
    assert regenerate(root, check=True) == []


# regenerate in a child process killed (os._exit: no clean-up runs) at the Nth call of
# one os function.
_KILLED_REGENERATE = """
import os, sys
from lawdiff.cli import main

root, function, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
real = getattr(os, function)
made = 0

def dying(*args, **kwargs):
    global made
    if made == calls:
        os._exit(9)
    made += 1
    return real(*args, **kwargs)

setattr(os, function, dying)
main(["regenerate", "--root", root])
"""


def _amend_and_kill(root: Path, function: str, calls: int) -> None:
    """Change the 1970 Act's amendments (so many outputs change) and kill a regenerate."""
    amendment = root / "amendments" / "children-act-2004-sch-2-para-2.toml"
    amendment.write_text(amendment.read_text("utf-8").replace('words = "in Wales"',
                                                              'words = "in Cymru"'), "utf-8")
    done = subprocess.run([sys.executable, "-c", _KILLED_REGENERATE, str(root), function,
                           str(calls)], capture_output=True, check=False)
    assert done.returncode == 9, done.stderr


@pytest.mark.parametrize("function, calls", [("fsync", 3), ("replace", 1), ("replace", 4)])
def test_a_killed_regenerate_is_finished_or_undone_by_the_next(tmp_path: Path, function: str,
                                                               calls: int) -> None:
    """Killed while writing its temporaries, regenerate leaves the old outputs as they were;
    killed between its renames, it leaves a journal that --check reports and the next run
    completes.  Either way the next run leaves no temporary file behind."""
    root = project(tmp_path)
    before = _generated(root)
    _amend_and_kill(root, function, calls)
    after_kill = _generated(root)
    leftovers = sorted(name for name in after_kill if name.startswith("."))
    assert leftovers and all(n.endswith(".tmp") or n == ".regenerate-unfinished.json"
                             for n in leftovers)
    if function == "fsync":  # killed before the set was committed: nothing visible changed
        assert ".regenerate-unfinished.json" not in after_kill
        assert {n: b for n, b in after_kill.items() if not n.startswith(".")} == before
    else:
        assert ".regenerate-unfinished.json" in after_kill
    stale_now = regenerate(root, check=True)
    assert {p.name for p in stale_now} >= set(leftovers)
    assert _generated(root) == after_kill  # --check wrote nothing
    regenerate(root)
    assert not any(name.startswith(".") for name in _generated(root))
    assert regenerate(root, check=True) == []
    assert "in Cymru" in (root / "statutes/consolidated/ukpga-1970-42.txt").read_text("utf-8")


def test_an_interrupted_set_is_completed_as_it_was_committed(tmp_path: Path) -> None:
    """The journal makes the killed run's whole set appear, even when the inputs have
    changed back since: the next run then rewrites what is stale against them."""
    root = project(tmp_path)
    before = _generated(root)
    _amend_and_kill(root, "replace", 2)
    from lawdiff.fileio import finish_interrupted

    folder = root / "statutes" / "consolidated"
    finish_interrupted(folder / ".regenerate-unfinished.json")
    assert "in Cymru" in (folder / "ukpga-1970-42.txt").read_text("utf-8")
    assert "in Cymru" in (folder / "ukpga-1970-42.annotated.html").read_text("utf-8")
    assert stale(root, build_outputs(root)) == []
    shutil.copy(ROOT / "amendments" / "children-act-2004-sch-2-para-2.toml",
                root / "amendments")
    regenerate(root)
    assert _generated(root) == before


@pytest.mark.parametrize("name", ["ukpga-1970-42", "ukpga-1989-42"])
def test_the_consolidated_act_is_also_written_as_revised_clml(name: str) -> None:
    import json

    from lawdiff.formats.clml_reader import read_clml

    folder = ROOT / "statutes" / "consolidated"
    act = read_clml((folder / f"{name}.clml.xml").read_bytes(), f"{name}.clml.xml")
    assert act.info.status == "revised"
    notes = [c.words for c in act.commentaries if c.type == "F"
             and c.ident.startswith("key-lawdiff-")]
    effects = json.loads((folder / f"{name}.effects.json").read_text("utf-8"))
    assert sorted(notes) == sorted(e["annotation"] for e in effects if e["applied"])
