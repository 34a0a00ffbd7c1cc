import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lawdiff.cli import main
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
