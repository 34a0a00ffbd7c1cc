import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lawdiff.cli import main
from lawdiff.codec import operation_from_json
from lawdiff.engine import apply_batch
from lawdiff.formats.akn import read_act
from tests.helpers import LASSA, PARA_2, PARA_3, ROOT


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_consolidate_prints_one_provision_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "consolidate", str(LASSA), str(PARA_2), "--provision", "s. 6")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "6 The director of social services"
    assert lines[1].startswith("(A1) A local authority in England shall appoint an officer")
    assert lines[2].startswith("(1) A local authority in Wales shall")


def test_consolidate_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "consolidate", str(LASSA), str(PARA_2), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["work"] == "ukpga/1970/42" and data["version_date"] == "2008-01-01"
    code, out, _ = run(capsys, "consolidate", str(LASSA), str(PARA_2), "--format", "akn")
    assert code == 0 and "sec_6__subsec_A1" in out
    assert out == (ROOT / "statutes/consolidated/ukpga-1970-42.xml").read_text("utf-8")


@pytest.mark.parametrize("args, message", [
    (["consolidate", "missing.xml"], "missing.xml"),
    (["consolidate", str(LASSA), str(PARA_3)], "amends ukpga/1989/42"),
    (["consolidate", str(LASSA), "--provision", "s. 9"], "s. 9 does not exist"),
    (["consolidate", str(LASSA), "--provision", "s. nine"], "cannot read the address"),
    (["consolidate", str(LASSA), "--provision", "Sch. 1 entry for Sections"],
     "a table entry is cited by its first column"),
])
def test_user_errors_are_one_line_without_traceback(capsys: pytest.CaptureFixture[str],
                                                    args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("lawdiff: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


def _project_copy(tmp_path: Path) -> Path:
    for name in ("statutes", "amendments"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_wrong_quotation_gives_one_error_and_changes_no_file(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    amendment = root / "amendments" / PARA_2.name
    text = amendment.read_text("utf-8").replace('anchor = "local authority"',
                                                'anchor = "local authorities"')
    amendment.write_text(text, "utf-8")
    before = _snapshot(root / "statutes")
    done = subprocess.run([sys.executable, "-m", "lawdiff", "regenerate", "--root", str(root)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "Sch. 2 para. 2(2)(b)" in line and "“local authorities”" in line and "s. 6(1)" in line
    assert _snapshot(root / "statutes") == before


def test_regenerate_check_detects_stale_outputs(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = _project_copy(tmp_path)
    assert run(capsys, "regenerate", "--check", "--root", str(root))[0] == 0
    txt = root / "statutes" / "consolidated" / "ukpga-1970-42.txt"
    txt.write_text("stale\n", "utf-8")
    code, _, err = run(capsys, "regenerate", "--check", "--root", str(root))
    assert code == 1 and "ukpga-1970-42.txt" in err
    assert txt.read_text("utf-8") == "stale\n"
    assert run(capsys, "regenerate", "--root", str(root))[0] == 0
    assert run(capsys, "regenerate", "--check", "--root", str(root))[0] == 0


def test_point_in_time_and_conditions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "consolidate", str(LASSA), str(PARA_2), "--as-at", "2005-06-01",
                         "--provision", "s. 6(1)")
    assert code == 0 and out.startswith("(1) A local authority shall")
    assert "not applied" in err and "in force from 2008-01-01" in err
    code, out, _ = run(capsys, "consolidate", str(LASSA), str(PARA_2), "--as-at", "2007-01-01",
                       "--condition", "dcs-appointed=2006-09-01", "--provision", "s. 6(1)")
    assert out.startswith("(1) A local authority in Wales shall")
    code, out, _ = run(capsys, "versions", str(LASSA), str(PARA_2))
    assert out.splitlines() == [
        "2004-11-14  base text",
        "2005-04-01  Children Act 2004 (c. 31), Sch. 2 para. 2(3)",
        *[f"2008-01-01  Children Act 2004 (c. 31), Sch. 2 para. 2(2)({x})" for x in "abcd"]]


@pytest.mark.parametrize("args", [["--as-at", "2005-13-01"], ["--condition", "dcs-appointed"]])
def test_bad_view_options_are_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["consolidate", str(LASSA), str(PARA_2), *args])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_annotated_redline_and_effects(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "consolidate", str(LASSA), str(PARA_2), "--format", "annotated")
    assert code == 0 and "(1) A local authority [F2in Wales] shall" in out
    assert "Textual Amendments" in out
    code, out, _ = run(capsys, "redline", str(LASSA), str(PARA_2), "--format", "html")
    assert code == 0 and "<ins" in out and "in Wales" in out
    code, out, _ = run(capsys, "effects", str(LASSA), str(PARA_2), "--from", "2004-11-14",
                       "--to", "2005-06-01", "--format", "json")
    rows = json.loads(out)
    applied = [r for r in rows if r["applied"] is True]
    assert [r["changed_provision"] for r in applied] == ["Sch. 1"]
    assert {r["applied"] for r in rows} == {True, False}


def test_parse_compiles_to_operations(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "para3.txt"
    source.write_text("3 In section 2 of the Local Government and Housing Act 1989 (politically "
                      "restricted posts), in subsection (6)— (b) in paragraph (a), at the end "
                      "insert “(in the case of a local authority in Wales)”;", "utf-8")
    code, out, _ = run(capsys, "parse", str(source), "--citation", "Children Act 2004 (c. 31), Sch. 2")
    assert code == 0
    (op,) = json.loads(out)
    assert op["type"] == "insert_words" and op["target"] == "s. 2(6)(a)"
    assert op["provenance"]["citation"] == "Children Act 2004 (c. 31), Sch. 2 para. 3(b)"


def test_regenerate_without_statutes_is_an_error(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "regenerate", "--check", "--root", str(tmp_path))
    assert code == 1 and "no statutes to consolidate" in err


_HEAD = '[amendment]\ncitation = "X"\namends = "ukpga/1970/42"\n[[operation]]\n'
BAD_TOML = {
    "target-number": 'type = "omit_provision"\ntarget = 5\n',
    "words-number": 'type = "insert_words"\ntarget = "s. 6(1)"\nposition = "at_end"\nwords = 5\n',
    "anchor-number": ('type = "insert_words"\ntarget = "s. 6(1)"\nposition = "after"\nanchor = 7\n'
                      'words = "x"\n'),
    "range-numbers": ('type = "omit_words"\ntarget = "s. 6(1)"\nold = { from = 5, to = 6 }\n'),
    "provision-text-number": ('type = "insert_provision"\ntarget = "s. 6"\n'
                              'provisions = [{ num = "9", text = 5 }]\n'),
    "provision-num-number": ('type = "insert_provision"\ntarget = "s. 6"\n'
                             'provisions = [{ num = 9, text = "x" }]\n'),
    "extent-number": ('type = "omit_provision"\ntarget = "s. 6(1)"\n'
                      'commencement = [{ date = 2008-01-01, extent = 5 }]\n'),
    "extent-unknown": ('type = "omit_provision"\ntarget = "s. 6(1)"\n'
                       'commencement = [{ date = 2008-01-01, extent = "Q" }]\n'),
    "citation-number": 'citation = 5\ntype = "omit_provision"\ntarget = "s. 6(1)"\n',
    "path-text": 'type = "replace_children"\npath = ["a"]\nstart = 0\nend = 0\nnodes = []\n',
}


@pytest.mark.parametrize("name", sorted(BAD_TOML))
def test_badly_typed_amendment_files_are_one_line_errors(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.toml"
    path.write_text(_HEAD + BAD_TOML[name], "utf-8")
    done = subprocess.run([sys.executable, "-m", "lawdiff", "consolidate", str(LASSA), str(path),
                           "--format", "annotated", "--extent", "E"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("lawdiff: error: ")


UTF16_DTD = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE akomaNtoso [<!ENTITY c "x">]>\n'
             '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&c;</akomaNtoso>')


@pytest.mark.parametrize("case", ["utf16-dtd", "parse-latin1", "as-at-before-base",
                                  "condition-before-base", "from-after-to", "unknown-extent"])
def test_more_user_errors_without_traceback(tmp_path: Path, case: str) -> None:
    evil = tmp_path / "u16.xml"
    evil.write_bytes(UTF16_DTD.encode("utf-16"))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("omit \xabx\xbb".encode("latin-1"))
    args = {
        "utf16-dtd": ["consolidate", str(evil)],
        "parse-latin1": ["parse", str(latin)],
        "as-at-before-base": ["consolidate", str(LASSA), str(PARA_2), "--as-at", "1990-01-01"],
        "condition-before-base": ["versions", str(LASSA), str(PARA_2),
                                  "--condition", "dcs-appointed=1900-01-01"],
        "from-after-to": ["redline", str(LASSA), str(PARA_2), "--from", "2010-01-01",
                          "--to", "2005-01-01"],
        "unknown-extent": ["consolidate", str(LASSA), str(PARA_2), "--extent", "Q"],
    }[case]
    done = subprocess.run([sys.executable, "-m", "lawdiff", *args], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 1 and done.stdout == ""
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("lawdiff: error: ")
    if case == "parse-latin1":
        assert f"{latin}: not UTF-8 text" in line


def test_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full here")
    with full.open("wb") as sink:
        done = subprocess.run([sys.executable, "-m", "lawdiff", "consolidate", str(LASSA)],
                              stdout=sink, stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr == "lawdiff: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", [
    ["consolidate", str(LASSA), "--as-at", "2001-13-01"],
    ["frobnicate"],
    [],
    ["parse", "--jsonl", "instructions.txt"],
    ["parse", "--jsonl", "--citation", "Children Act 2004 (c. 31), Sch. 2"],
    ["parse", "--statute", str(LASSA)],
])
def test_usage_errors_are_one_line_with_status_2(capsys: pytest.CaptureFixture[str],
                                                 args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    assert info.value.code == 2 and out == ""
    assert err.startswith("lawdiff: error: ") and "--help" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["consolidate", "versions", "redline", "effects"])
def test_every_command_builds_the_versions_it_reports(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path, command: str) -> None:
    """An operation that does not fit is an error even where no text is printed."""
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(PARA_2.read_text("utf-8").replace('anchor = "local authority"',
                                                       'anchor = "local authorty"'), "utf-8")
    code, out, err = run(capsys, command, str(LASSA), str(wrong))
    assert code == 1 and out == ""
    assert f"operation 2 of {wrong} failed, nothing was changed" in err
    assert len(err.strip().splitlines()) == 1


def test_one_condition_given_two_days_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "consolidate", str(LASSA), str(PARA_2), "--as-at", "2006-10-01",
                         "--condition", "dcs-appointed=2006-09-01",
                         "--condition", "dcs-appointed=2007-01-01")
    assert code == 1 and out == ""
    assert "--condition dcs-appointed is given twice" in err


def test_a_failed_batch_names_the_file_and_the_operation_in_it(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(PARA_2.read_text("utf-8").replace('anchor = "local authority"',
                                                       'anchor = "local authorty"'), "utf-8")
    code, out, err = run(capsys, "consolidate", str(LASSA), str(wrong))
    assert code == 1 and out == ""
    assert f"operation 2 of {wrong} failed, nothing was changed" in err
    assert "the words “local authorty” do not occur" in err
    assert "similar words found at: s. 6(1): “A [local authority] shall" in err


def test_diff_gives_back_the_enacted_instructions(capsys: pytest.CaptureFixture[str]) -> None:
    consolidated = ROOT / "statutes/consolidated/ukpga-1970-42.xml"
    code, out, err = run(capsys, "diff", str(LASSA), str(consolidated))
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "insert s. 6(A1) before s. 6(1)",
        "in s. 6(1), after “local authority”, insert “in Wales”",
        "in s. 6(2), after “director of”, in both places, insert “adult social services or "
        "(as the case may be)”",
        "in s. 6(6), for “a director of social services”, substitute “a person under this section”",
        "in Sch. 1 entry for “Sections 6 and 7B of this Act”, after “Appointment of”, insert "
        "“director of adult social services or”",
    ]
    code, out, _ = run(capsys, "diff", str(LASSA), str(consolidated), "--format", "json")
    assert code == 0
    ops = [operation_from_json(o) for o in json.loads(out)]
    assert apply_batch(read_act(LASSA), ops).act.children == read_act(consolidated).children
    code, out, _ = run(capsys, "diff", str(LASSA), str(LASSA))
    assert (code, out) == (0, "")


def test_diff_refuses_what_no_instruction_expresses(capsys: pytest.CaptureFixture[str]) -> None:
    """Backwards, (A1) vanishes without a placeholder: no amendment does that."""
    consolidated = ROOT / "statutes/consolidated/ukpga-1970-42.xml"
    code, out, err = run(capsys, "diff", str(consolidated), str(LASSA))
    assert code == 1 and out == ""
    assert err.strip().endswith("in ways no amending instruction expresses: s. 6(A1) removed "
                                "without a placeholder")


def test_diff_refuses_texts_of_two_different_acts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", str(LASSA), str(ROOT / "statutes/ukpga-1989-42.xml"))
    assert code == 1 and out == ""
    assert err.startswith("lawdiff: error: ") and "two texts of one Act" in err
