import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lawdiff.cli import main
from lawdiff.codec import operation_from_json
from lawdiff.engine import apply_batch
from lawdiff.formats.akn import read_act
from tests.helpers import LASSA, LGHA, PARA_2, PARA_3, ROOT


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
    assert data["info"]["work"] == "ukpga/1970/42" and data["info"]["version_date"] == "2008-01-01"
    # the whole model, with eIds and the FRBR work URI, and it reads back
    assert data["frbr"] == "/akn/gb/act/ukpga/1970/42"
    assert data["children"][0]["eId"] == "sec_6"
    assert data["children"][0]["children"][0]["eId"] == "sec_6__subsec_A1"
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
    (tmp_path / "statutes").mkdir()
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


BAD_TOML["nested-arrays"] = "x = " + "[" * 5000 + "]" * 5000 + "\n"


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


def _lawdiff(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command line in a child process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "lawdiff", *args], input=stdin,
                          capture_output=True, check=False, env=full_env)


def _one_error_line(done: subprocess.CompletedProcess[bytes]) -> str:
    assert done.returncode == 1 and done.stdout == b""
    return _error_line(done.stderr.decode("utf-8"))


def _error_line(err: str) -> str:
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert line.startswith("lawdiff: error: ")
    return line


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> Callable[[bytes], None]:
    """Give the command line these bytes on standard input."""
    def give(data: bytes) -> None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    return give


def run_status(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Like ``run``, with a usage error's exit status returned rather than raised."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_endless_input_is_refused_at_the_limit() -> None:
    """In a real process: /dev/zero is read only as far as the limit."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    line = _one_error_line(_lawdiff("consolidate", "/dev/zero", "--max-input", "1M"))
    assert line == ("lawdiff: error: /dev/zero: more than the input limit of 1 MB (raise it "
                    "with --max-input SIZE or LAWDIFF_MAX_INPUT)")


@pytest.mark.parametrize("args, env", [
    (["consolidate", str(LASSA), "/dev/zero"], {"LAWDIFF_MAX_INPUT": "1M"}),
    (["diff", str(LASSA), "/dev/zero", "--max-input", "2MB"], {}),
    (["parse", "/dev/zero", "--max-input", "1M"], {}),
    (["regenerate", "--check", "--root", str(ROOT), "--max-input", "5k"], {}),
])
def test_huge_or_endless_input_is_refused_at_the_limit(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str],
        env: dict[str, str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_status(capsys, *args)
    assert code == 1 and out == ""
    line = _error_line(err)
    assert "more than the input limit of" in line and "--max-input" in line


def test_the_limit_applies_to_standard_input_and_to_each_jsonl_line(
        capsys: pytest.CaptureFixture[str], stdin: Callable[[bytes], None]) -> None:
    big = b"a" * 1_500_000
    stdin(big)
    code, out, err = run_status(capsys, "parse", "-", "--max-input", "1M")
    assert code == 1 and out == ""
    assert _error_line(err).startswith("lawdiff: error: standard input: more than the input "
                                       "limit of 1 MB")
    stdin(b"omit subsection (2)\n" + big + b"\n")
    code, out, err = run_status(capsys, "parse", "--jsonl", "--max-input", "1M")
    assert code == 1
    assert json.loads(out.splitlines()[0])["ops"]
    assert "line 2 of standard input: more than the input limit" in _error_line(err)


@pytest.mark.parametrize("args, env", [
    (["consolidate", str(LASSA), "--max-input", "lots"], {}),
    (["consolidate", str(LASSA)], {"LAWDIFF_MAX_INPUT": "lots"}),
])
def test_a_bad_input_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch, args: list[str],
                                            env: dict[str, str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_status(capsys, *args)
    assert code == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith("lawdiff: error: ") and "is not a size" in line


LATIN_1 = "in subsection (1), omit \xablocal\xbb".encode("latin-1")


@pytest.mark.parametrize("args", [["parse"], ["parse", "-"],
                                  ["parse", "--citation", "Children Act 2004 (c. 31), Sch. 2"]])
def test_parse_refuses_non_utf8_standard_input_as_it_refuses_such_a_file(
        capsys: pytest.CaptureFixture[str], stdin: Callable[[bytes], None], args: list[str]
) -> None:
    stdin(LATIN_1)
    code, out, err = run_status(capsys, *args)
    assert code == 1 and out == ""
    assert _error_line(err).startswith("lawdiff: error: standard input: not UTF-8 text")


def test_non_utf8_standard_input_is_refused_in_the_c_locale_too() -> None:
    """Where Python would read standard input with errors escaped rather than refused."""
    done = _lawdiff("parse", stdin=LATIN_1,
                    env={"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""})
    assert _one_error_line(done).startswith("lawdiff: error: standard input: not UTF-8 text")


def test_an_amendment_file_named_twice_is_one_error_not_applied_twice(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "consolidate", str(LASSA), str(PARA_2), str(PARA_2))
    assert code == 1 and out == ""
    (line,) = err.strip().splitlines()
    assert f"operation 1 of {PARA_2} (amendment 1) and operation 1 of {PARA_2} (amendment 2)" \
        in line


def test_an_interrupt_is_one_line_and_status_130(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr("lawdiff.cli.consolidate", interrupted)
    code, out, err = run(capsys, "consolidate", str(LASSA), str(PARA_2))
    assert (code, out, err) == (130, "", "lawdiff: interrupted\n")


# A child process that runs the ``lawdiff`` command and sends itself SIGINT (Ctrl-C) at
# a chosen moment: while lawdiff's modules load, or in the middle of a command.
_SELF_INTERRUPTING = """
import builtins, os, signal, sys

moment = sys.argv.pop(1)
real_import = builtins.__import__

def ctrl_c_while_loading(name, *args, **kwargs):
    if name == "lawdiff.parse.grammar":
        os.kill(os.getpid(), signal.SIGINT)
    return real_import(name, *args, **kwargs)

if moment == "loading":
    builtins.__import__ = ctrl_c_while_loading
else:
    import lawdiff.engine
    real_consolidate = lawdiff.engine.consolidate

    def ctrl_c_while_working(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return real_consolidate(*args, **kwargs)
    lawdiff.engine.consolidate = ctrl_c_while_working

from lawdiff.__main__ import run
run()
"""


@pytest.mark.parametrize("moment", ["loading", "working"])
def test_ctrl_c_at_any_moment_is_one_line_and_status_130(moment: str) -> None:
    done = subprocess.run([sys.executable, "-c", _SELF_INTERRUPTING, moment, "consolidate",
                           str(LASSA), str(PARA_2)], capture_output=True, check=False)
    assert done.returncode == 130, done.stderr
    assert done.stdout == b"" and done.stderr == b"lawdiff: interrupted\n"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    import lawdiff
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"lawdiff {lawdiff.__version__}\n"
    assert lawdiff.__version__ == version("lawdiff")


# Children Act 2004 (c. 31), Sch. 2 para. 3(b), as enacted
# (https://www.legislation.gov.uk/ukpga/2004/31/schedule/2/enacted).
# Contains public sector information licensed under the Open Government Licence v3.0.
PARA_3_TEXT = ("3 In section 2 of the Local Government and Housing Act 1989 (politically "
               "restricted posts), in subsection (6)— (b) in paragraph (a), at the end insert "
               "“(in the case of a local authority in Wales)”;\n")
INSTRUCTION = "{instruction}"  # replaced by a file holding PARA_3_TEXT


@pytest.fixture
def instruction(tmp_path: Path) -> Path:
    path = tmp_path / "instruction.txt"
    path.write_text(PARA_3_TEXT, "utf-8")
    return path


def _filled(args: list[str], instruction: Path) -> list[str]:
    return [str(instruction) if a == INSTRUCTION else a for a in args]


@pytest.mark.parametrize("args, source", [
    (["consolidate", "-", str(PARA_2), "--format", "akn"], LASSA),
    (["consolidate", str(LASSA), "-", "--format", "akn"], PARA_2),
    (["versions", str(LASSA), "-"], PARA_2),
    (["redline", "-", str(PARA_2)], LASSA),
    (["effects", str(LASSA), "-"], PARA_2),
    (["diff", "-", str(ROOT / "statutes/consolidated/ukpga-1970-42.xml")], LASSA),
    (["parse", "-"], INSTRUCTION),
    (["parse", "-", "--citation", "Children Act 2004 (c. 31), Sch. 2"], INSTRUCTION),
    (["parse", INSTRUCTION, "--citation", "Children Act 2004 (c. 31), Sch. 2",
      "--statute", "-"], LGHA),
])
def test_a_dash_names_standard_input(capsys: pytest.CaptureFixture[str],
                                     stdin: Callable[[bytes], None], args: list[str],
                                     source: Path | str, instruction: Path) -> None:
    """``-`` in place of any one input file reads standard input, with the same result."""
    args = _filled(args, instruction)
    source = instruction if source == INSTRUCTION else Path(source)
    stdin(source.read_bytes())
    code, out, err = run(capsys, *args)
    assert code == 0 and err == "", err
    assert run(capsys, *[str(source) if a == "-" else a for a in args]) == (0, out, "")


def test_standard_input_can_be_named_once(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["consolidate", "-", "-"])
    assert info.value.code == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "standard input ('-') can be read only once" in line


@pytest.mark.parametrize("args", [
    ["consolidate", str(LASSA), str(PARA_2), "--format", "akn"],
    ["consolidate", str(LASSA), str(PARA_2), "--format", "annotated"],
    ["versions", str(LASSA), str(PARA_2)],
    ["redline", str(LASSA), str(PARA_2), "--format", "html"],
    ["effects", str(LASSA), str(PARA_2)],
    ["diff", str(LASSA), str(ROOT / "statutes/consolidated/ukpga-1970-42.xml")],
    ["parse", INSTRUCTION],
])
def test_output_goes_to_a_named_file_or_to_standard_output_for_a_dash(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], instruction: Path
) -> None:
    args = _filled(args, instruction)
    code, printed, _ = run(capsys, *args)
    assert code == 0 and printed
    assert run(capsys, *args, "--output", "-") == (0, printed, "")
    target = tmp_path / "out"
    assert run(capsys, *args, "-o", str(target)) == (0, "", "")
    assert target.read_text("utf-8") == printed


def test_a_failed_command_leaves_its_output_file_as_it_was(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Unlike ``> FILE``, which empties the file before lawdiff runs."""
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(PARA_2.read_text("utf-8").replace('anchor = "local authority"',
                                                       'anchor = "local authorty"'), "utf-8")
    target = tmp_path / "consolidated.txt"
    target.write_text("the last good output\n", "utf-8")
    code, out, err = run(capsys, "consolidate", str(LASSA), str(wrong), "-o", str(target))
    assert code == 1 and out == "" and "local authorty" in err
    assert target.read_text("utf-8") == "the last good output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["consolidated.txt", "wrong.toml"]
    code, _, err = run(capsys, "consolidate", str(LASSA), "-o", str(tmp_path / "no" / "x.txt"))
    assert code == 1 and err.startswith(f"lawdiff: error: {tmp_path / 'no' / 'x.txt'}: ")


@pytest.mark.parametrize("command", ["redline", "effects"])
def test_redline_and_effects_help_explains_every_option(capsys: pytest.CaptureFixture[str],
                                                        command: str) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for option in ("--from", "--to", "--extent", "--condition", "--format", "--output"):
        assert option in text
    explained = {"redline": "text: the changes marked inline as [-omitted-]{+inserted+}; "
                            "html: <del> and <ins>",
                 "effects": "csv: legislation.gov.uk's columns, then lawdiff's; json: the "
                            "same rows as objects"}[command]
    assert explained in text


@pytest.mark.parametrize("layout", ["empty", "no-xml"])
def test_regenerate_outside_a_project_suggests_root(tmp_path: Path, layout: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    if layout == "no-xml":
        (tmp_path / "statutes").mkdir()
    code, out, err = run(capsys, "regenerate", "--root", str(tmp_path))
    assert code == 1 and out == ""
    (line,) = err.strip().splitlines()
    assert str(tmp_path) in line and "--root DIR" in line
    assert ("is not a lawdiff project" in line) == (layout == "empty")


def test_diff_of_identical_texts_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", str(LASSA), str(LASSA))
    assert (code, out) == (0, "")
    assert err == (f"lawdiff: note: {LASSA} and {LASSA} have the same text: no amendment turns "
                   f"one into the other\n")
    code, out, err = run(capsys, "diff", str(LASSA), str(LASSA), "--format", "json")
    assert (code, out) == (0, "[]\n") and "the same text" in err


def test_binary_or_control_characters_are_one_line_errors(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    zipped = tmp_path / "act.zip"
    zipped.write_bytes(b"PK\x03\x04binary")
    code, out, err = run(capsys, "convert", str(zipped), "--to", "akn")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "control character U+0003" in err
    toml = PARA_2.read_text("utf-8").replace('words = "in Wales"', 'words = "in \\u0003Wales"')
    assert toml != PARA_2.read_text("utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(toml, encoding="utf-8")
    code, out, err = run(capsys, "consolidate", str(LASSA), str(bad), "--format", "clml")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "control character U+0003" in err
