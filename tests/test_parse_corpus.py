"""The parser against the corpus of real UK amending instructions.

Each line of ``tests/parse_corpus/uk_instructions.jsonl`` gives an
instruction and the machine-interface result expected for it.  Entries the
parser cannot yet read are listed in KNOWN_GAPS with the reason; they are
strict xfails, so one that starts passing fails the run until it is removed
from the list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lawdiff.parse.coverage import (
    READ,
    READ_INSTEAD,
    REFUSED,
    REFUSED_OTHER_SPAN,
    REFUSED_WITH_SPAN,
    V1_KEYS,
    V2_KEYS,
    WRONG,
    judge,
    measure,
)

CORPUS = Path(__file__).resolve().parent / "parse_corpus" / "uk_instructions.jsonl"

KNOWN_GAPS: dict[str, str] = {
    "uksi-2012-1866-resolution": (
        "a Commons resolution, not an amending instruction: the change sits inside "
        "'Resolved, pursuant to …, that the following shall be substituted for paragraph (6) "
        "of the Resolution of this House of 7 March 2005 with effect from April 2012:', whose "
        "preamble, document name and commencement words the grammar does not read"),
}


def _entries() -> list[Any]:
    if not CORPUS.exists():
        return [pytest.param(None, marks=pytest.mark.skip(
            reason=f"corpus file {CORPUS.relative_to(CORPUS.parents[2])} is not present"),
            id="corpus-missing")]
    params = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            entry = json.loads(line)
            marks = []
            if entry["id"] in KNOWN_GAPS:
                marks.append(pytest.mark.xfail(reason=KNOWN_GAPS[entry["id"]], strict=True))
            params.append(pytest.param(entry, marks=marks, id=entry["id"]))
    return params


@pytest.mark.parametrize("entry", _entries())
def test_corpus_entry(entry: dict[str, Any]) -> None:
    result = judge(entry)
    assert result.correct, (result.outcome, result.got, entry["expected"])
    if "error" in entry["expected"]:
        assert result.got["unparsed"], result.got


def test_known_gaps_are_in_the_corpus() -> None:
    if not CORPUS.exists():
        pytest.skip("corpus file is not present")
    with open(CORPUS, encoding="utf-8") as fh:
        ids = {json.loads(line)["id"] for line in fh if line.strip()}
    assert set(KNOWN_GAPS) <= ids


def test_coverage_helper_counts() -> None:
    entries = [
        {"id": "ok", "text": "omit “X”", "expected": {"ops": [
            {"action": "omit", "position": None, "anchor": None, "old": "X", "new": None,
             "occurrence": None, "target": None, "range": False}]}},
        {"id": "err", "text": "Section 5 applies with modifications.",
         "expected": {"error": True}},
        {"id": "wrong", "text": "omit “Y”", "expected": {"error": True}},
        {"id": "span", "text": "Section 5 applies with modifications.",
         "expected": {"error": True, "unparsed": "Section 5 applies with modifications"}},
        {"id": "other-span", "text": "Section 5 applies with modifications.",
         "expected": {"error": True, "unparsed": "applies with modifications"}},
    ]
    result = measure(entries)
    assert (result.total, result.correct, result.wrong) == (5, 3, ("wrong", "other-span"))
    assert (result.amending, result.amending_correct) == (1, 1)
    assert result.summary() == ("parsed correctly: 3/5 (60.0%); amending instructions read: 1/1 "
                                "(100.0%); expected refusals with their span: 2/4")
    assert [r.outcome for r in result.results] == [READ, REFUSED_WITH_SPAN, READ_INSTEAD,
                                                   REFUSED_WITH_SPAN, REFUSED_OTHER_SPAN]


def _v2(action: str, **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(V2_KEYS)
    out.update(action=action, range=False, **fields)
    return out


def test_coverage_scores_version_2_entries_read_refused_and_read_wrongly() -> None:
    entries = [
        # read exactly, every key of version 2 compared
        {"id": "both", "text": "omit “X”, in both places",
         "expected": {"ops": [_v2("omit", old="X", occurrence="all", places="both")]}},
        # "in each place" is not "in both places": read wrongly, not exactly
        {"id": "each-not-both", "text": "omit “X”, in each place",
         "expected": {"ops": [_v2("omit", old="X", occurrence="all", places="both")]}},
        # an instruction the parser refuses
        {"id": "refused", "text": "omit “X”, in the first and last places",
         "expected": {"ops": [_v2("omit", old="X", occurrence=[1], places=[1])]}},
        # version 1: only the eight keys are compared
        {"id": "v1", "text": "In the X Act 1990, omit “X”, in each place",
         "expected": {"ops": [dict(zip(V1_KEYS, ["omit", None, None, "X", None, "all", None,
                                                 False], strict=True))]}},
    ]
    result = measure(entries)
    assert [r.outcome for r in result.results] == [READ, WRONG, REFUSED, READ]
    assert result.ids(WRONG) == ("each-not-both",)
    assert ("occurrence", 1) in result.refused_by_family()
    report = result.report()
    assert "read exactly: 2/4 (50.0%)" in report
    assert "refused: 1/4 (25.0%)" in report and "read wrongly: 1/4 (25.0%)" in report
    assert judge(entries[0]).families == ("occurrence", "words")


def test_coverage_refuses_ops_of_neither_version_or_of_both(tmp_path: Path) -> None:
    from lawdiff.parse.coverage import CorpusError, read_corpus

    half = {k: None for k in (*V1_KEYS, "places")}
    mixed = [dict.fromkeys(V1_KEYS), dict.fromkeys(V2_KEYS)]
    for ops, reason in ((([half]), "neither version 1"), (mixed, "mix version 1 and version 2")):
        path = tmp_path / "c.jsonl"
        path.write_text(json.dumps({"id": "a", "text": "x", "expected": {"ops": ops}}) + "\n",
                        encoding="utf-8")
        with pytest.raises(CorpusError, match=reason):
            read_corpus(path)


def test_every_expected_error_in_the_corpus_names_its_span() -> None:
    if not CORPUS.exists():
        pytest.skip("corpus file is not present")
    with open(CORPUS, encoding="utf-8") as fh:
        entries = [json.loads(line) for line in fh if line.strip()]
    for entry in entries:
        if "error" in entry["expected"]:
            unparsed = entry["expected"].get("unparsed")
            assert unparsed and unparsed in entry["text"], entry["id"]


# --- python -m lawdiff.parse.coverage on a corpus it cannot read -----------------------------

_GOOD = '{"id": "a", "text": "omit “X”", "expected": {"error": true}}\n'


@pytest.mark.parametrize(("content", "where", "reason"), [
    (_GOOD + "not json\n", ":2: ", "not JSON (Expecting value at column 1)"),
    (_GOOD + "\n" + '{"id": "b", "text": "omit “X”"}\n', ":3: ",
     'no "expected" (an object with "ops" or "error")'),
    ('{"id": "b", "expected": {"error": true}}\n', ":1: ", 'no "text" (the instruction, a string)'),
    ('[1, 2]\n', ":1: ", "not a JSON object"),
    ('{"id": "b", "text": "x", "expected": {"opz": []}}\n', ":1: ",
     '"expected" has neither "ops" (a list) nor "error"'),
    ('{"id": "b", "text": "x", "expected": "yes"}\n', ":1: ",
     'no "expected" (an object with "ops" or "error")'),
    (_GOOD.encode("utf-8") + b'{"id": "\xff"}\n', ":2: ", "not UTF-8 text (byte 9 of the line)"),
], ids=["not-json", "no-expected", "no-text", "not-object", "no-ops-or-error",
        "expected-not-object", "not-utf8"])
def test_coverage_reports_an_unreadable_corpus_on_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes, where: str,
        reason: str) -> None:
    from lawdiff.parse.coverage import main

    path = tmp_path / "corpus.jsonl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert main([str(path)]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == f"lawdiff.parse.coverage: error: {path}{where}{reason}\n"


def test_coverage_reports_a_missing_file_on_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lawdiff.parse.coverage import main

    missing = tmp_path / "nope.jsonl"
    assert main([str(missing)]) == 1
    assert capsys.readouterr().err == (f"lawdiff.parse.coverage: error: {missing}: "
                                       f"No such file or directory\n")
    assert main([str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"lawdiff.parse.coverage: error: {tmp_path}: ") and err.count("\n") == 1


def test_coverage_usage_errors_exit_2_and_a_readable_corpus_0(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lawdiff.parse.coverage import main

    assert main([]) == 2
    assert main(["a.jsonl", "b.jsonl"]) == 2
    capsys.readouterr()
    path = tmp_path / "corpus.jsonl"
    # a byte-order mark, a blank line and a "\r\n" line end are read
    path.write_bytes(b"\xef\xbb\xbf" + _GOOD.encode("utf-8").replace(b"\n", b"\r\n") + b"\n")
    assert main([str(path)]) == 0
    assert capsys.readouterr().out.startswith("parsed correctly: 0/1")


def test_read_corpus_names_the_line() -> None:
    from lawdiff.parse.coverage import CorpusError, read_corpus

    with pytest.raises(CorpusError) as info:
        read_corpus(Path(__file__))  # Python, not JSON lines
    assert info.value.line == 1 and info.value.path == str(Path(__file__))
