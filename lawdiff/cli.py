"""The ``lawdiff`` command line.

User errors (bad files, amendments that do not fit) print one line to
stderr, ``lawdiff: error: …``, and exit with status 1; nothing is written.
Usage errors exit with status 2, and Ctrl-C with status 130.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import IO, NoReturn, cast

from lawdiff import __version__, apply
from lawdiff.address import Address, resolve
from lawdiff.amendment import Amendment
from lawdiff.codec import node_to_json, operation_to_json
from lawdiff.diff import diff, positional_changes
from lawdiff.engine import consolidate, versions
from lawdiff.errors import InputTooLarge, InvalidView, LawdiffError
from lawdiff.fileio import (
    MAX_INPUT_VARIABLE,
    STDIN,
    LimitedLines,
    max_input_size,
    parse_size,
    read_input,
    source_name,
    stdin_bytes,
    write_all_atomic,
    write_atomic,
)
from lawdiff.formats.akn import act_to_bytes, history
from lawdiff.formats.amendment_file import amendment_from_bytes
from lawdiff.formats.clml_writer import write_clml
from lawdiff.formats.detect import FORMATS, read_document, write_document
from lawdiff.formats.jsondoc import write_json
from lawdiff.instructions import operations_from_text
from lawdiff.model import Act
from lawdiff.parse import parse, run_jsonl
from lawdiff.regenerate import regenerate
from lawdiff.render.annotated import annotated_text
from lawdiff.render.effects import effects_csv, effects_json
from lawdiff.render.html import annotated_html
from lawdiff.render.redline import redline_html, redline_text
from lawdiff.render.text import act_text, node_lines
from lawdiff.revised import revised_act


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line, like every other lawdiff error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"lawdiff: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lawdiff", description="Apply textual amendments to statutes. "
                     "Where a file is named, '-' is standard input (or, for --output, "
                     "standard output). Exit status: 0 done, 1 error, 2 usage error, "
                     "130 interrupted.")
    parser.add_argument("--version", action="version", version=f"lawdiff {__version__}")
    reads = _Parser(add_help=False)
    reads.add_argument("--max-input", type=_size, metavar="SIZE",
                       help="refuse an input file larger than this, e.g. 500M or 2G (default: "
                            f"${MAX_INPUT_VARIABLE}, else 200M)")
    writes = _Parser(add_help=False)
    writes.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write the output to FILE, whole or not at all (default: "
                             "standard output)")
    both = [reads, writes]
    sub = parser.add_subparsers(dest="command", required=True)

    con = sub.add_parser("consolidate", parents=both,
                         help="print an Act with amendments applied")
    con.add_argument("statute", type=Path, help="base text: CLML, Akoma Ntoso, lawdiff JSON or plain text")
    con.add_argument("amendments", type=Path, nargs="*", help="amendment files (TOML)")
    con.add_argument("--format", choices=("text", "akn", "clml", "json", "annotated",
                                           "annotated-html"),
                     default="text",
                     help="text: one provision per line; akn: Akoma Ntoso XML recording the "
                          "changes in its metadata; clml: a revised CLML document in "
                          "legislation.gov.uk's form (Addition/Substitution markup, F-notes); "
                          "json: lawdiff's JSON of the Act; annotated, annotated-html: "
                          "legislation.gov.uk-style revised text with F-notes (default: text)")
    con.add_argument("--provision", metavar="CITATION",
                     help='print only this provision, e.g. "s. 6" or "Sch. 1"')
    _view_options(con)
    con.add_argument("--as-at", type=_date, metavar="YYYY-MM-DD",
                     help="the Act as it stood on this day (default: every dated amendment)")

    formats = {
        "redline": (("text", "html"), "text: the changes marked inline as "
                    "[-omitted-]{+inserted+}; html: <del> and <ins>, each linked to its note "
                    "(default: text)"),
        "effects": (("csv", "json"), "csv: legislation.gov.uk's columns, then lawdiff's; "
                    "json: the same rows as objects (default: csv)"),
    }
    for name, help_text in (("redline", "show the changes between two versions inline"),
                            ("effects", "list the effects between two versions")):
        cmp_ = sub.add_parser(name, parents=both, help=help_text)
        cmp_.add_argument("statute", type=Path,
                          help="base text: CLML, Akoma Ntoso, lawdiff JSON or plain text")
        cmp_.add_argument("amendments", type=Path, nargs="*", help="amendment files (TOML)")
        cmp_.add_argument("--from", dest="from_date", type=_date, metavar="YYYY-MM-DD",
                          help="the earlier version (default: the base text's date)")
        cmp_.add_argument("--to", dest="to_date", type=_date, metavar="YYYY-MM-DD",
                          help="the later version (default: every dated amendment)")
        _view_options(cmp_)
        choices, format_help = formats[name]
        cmp_.add_argument("--format", choices=choices, default=choices[0], help=format_help)

    par = sub.add_parser("parse", parents=both, help="read UK amending instructions")
    par.add_argument("--jsonl", action="store_true",
                     help="one instruction per line on stdin; one JSON object per line out")
    par.add_argument("file", nargs="?", type=Path,
                     help="a file holding one amending provision (default: stdin)")
    par.add_argument("--citation", metavar="CITATION",
                     help='compile to lawdiff operations cited from this, e.g. '
                          '"Children Act 2004 (c. 31), Sch. 2"')
    par.add_argument("--statute", type=Path,
                     help="the amended Act, for changes that need its text to be placed")

    dif = sub.add_parser("diff", parents=both,
                         help="the amendments that turn one text of an Act into another")
    dif.add_argument("old", type=Path, help="the earlier text (any format lawdiff reads)")
    dif.add_argument("new", type=Path, help="the later text of the same Act (any format lawdiff reads)")
    dif.add_argument("--format", choices=("text", "json"), default="text",
                     help="text: one instruction per line; json: the operations")

    ver = sub.add_parser("versions", parents=both,
                         help="list the days on which an Act changes")
    ver.add_argument("statute", type=Path, help="base text: CLML, Akoma Ntoso, lawdiff JSON or plain text")
    ver.add_argument("amendments", type=Path, nargs="*", help="amendment files (TOML)")
    _view_options(ver)

    app = sub.add_parser("apply", parents=[reads],
                         help="amend an Act from the amending instrument's own text")
    app.add_argument("amending", type=Path,
                     help="the amending Act or instrument (CLML or AKN), or the plain text of "
                          "amending provisions as printed")
    app.add_argument("target", type=Path, help="the Act to amend (CLML, AKN or plain text)")
    app.add_argument("--act", metavar="WORK",
                     help='the target\'s work ("ukpga/1970/42") or citation ("Local Authority '
                          'Social Services Act 1970 (c. 42)")')
    app.add_argument("--within", metavar="CITATION",
                     help='where a plain-text extract sits when its first line is a subsection '
                          'or lower, e.g. "s. 6"')
    app.add_argument("--as-at", type=_date, metavar="YYYY-MM-DD",
                     help="the target as it stood on this day (default: amended by every "
                          "instruction)")
    app.add_argument("--format", choices=("text", "clml", "akn", "annotated", "json"),
                     help="how to write the revised target (default: the target's own format)")
    app.add_argument("--report", type=_report_path, metavar="FILE.csv|FILE.json",
                     help="write one row per instruction, in the effects table's shape")
    app.add_argument("--commencement", type=Path, action="append", default=[], metavar="FILE",
                     help="amendment files whose commencement facts date the instructions "
                          "(repeatable)")
    app.add_argument("--citation", metavar="CITATION",
                     help='what plain-text AMENDING is, e.g. "Children Act 2004 (c. 31), Sch. 2"')
    app.add_argument("--output", "-o", type=Path, metavar="FILE",
                     help="write the revised target here (default: standard output)")

    cnv = sub.add_parser("convert", parents=both,
                         help="read a document in one format and write it in another")
    cnv.add_argument("input", type=Path,
                     help="CLML, Akoma Ntoso, lawdiff JSON or plain text ('-': standard input)")
    cnv.add_argument("--to", dest="to", choices=FORMATS, required=True,
                     help="the format to write: clml, akn, text (legislation.gov.uk's plain "
                          "text) or json (lawdiff's JSON of the whole document)")

    reg = sub.add_parser("regenerate", parents=[reads], help="rebuild statutes/consolidated/")
    reg.add_argument("--check", action="store_true",
                     help="write nothing; exit 1 if any output is stale")
    reg.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")

    return parser


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _read_act(args: argparse.Namespace, path: Path) -> Act:
    """The document in the file at ``path`` (``-``: standard input), within the input limit,
    in any format lawdiff reads (chosen from its content)."""
    act = read_document(read_input(path, args.max_input), source_name(path))
    gc.freeze()  # what was read lives as long as the command: keep it out of collections
    return act


def _convert(args: argparse.Namespace) -> bytes:
    return write_document(_read_act(args, args.input), args.to)


def _read_amendments(args: argparse.Namespace) -> list[Amendment]:
    """The amendment files named on the command line, within the input limit."""
    return [amendment_from_bytes(read_input(p, args.max_input), source_name(p))
            for p in args.amendments]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _report_path(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in (".csv", ".json"):
        raise argparse.ArgumentTypeError(f"{text!r}: a report is FILE.csv or FILE.json")
    return path


def _condition(text: str) -> tuple[str, date]:
    name, sep, when = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=YYYY-MM-DD")
    return name.strip(), _date(when.strip())


def _conditions(args: argparse.Namespace) -> dict[str, date]:
    """The --condition options by name; one condition given two days is an error."""
    out: dict[str, date] = {}
    for name, day in args.condition:
        if name in out and out[name] != day:
            raise InvalidView(f"--condition {name} is given twice ({out[name].isoformat()} and "
                              f"{day.isoformat()}): give the day it was met once")
        out[name] = day
    return out


def _view_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extent", metavar="E|W|S|NI",
                        help="the law for one extent (default: the general view)")
    parser.add_argument("--condition", type=_condition, action="append", default=[],
                        metavar="NAME=YYYY-MM-DD",
                        help="a condition met on a day, e.g. dcs-appointed=2006-09-01 (repeatable)")


def _consolidate(args: argparse.Namespace) -> str | bytes:
    base = _read_act(args, args.statute)
    amendments = _read_amendments(args)
    result = consolidate(base, amendments, args.as_at, extent=args.extent,
                         conditions=_conditions(args))
    act = result.act
    for pending in result.pending:
        print(f"lawdiff: note: not applied: {pending.operation.name}: {pending.reason}",
              file=sys.stderr)
    if args.provision:
        loc = resolve(act, Address.parse(args.provision))
        if args.format == "text":
            return "\n".join(node_lines(loc.node)) + "\n"
        if args.format == "json":
            return _json(node_to_json(loc.node))
        raise LawdiffError("--provision works with --format text or json")
    if args.format == "text":
        return act_text(act)
    if args.format == "annotated":
        return annotated_text(result)
    if args.format == "annotated-html":
        return annotated_html(result)
    if args.format == "json":
        return write_json(act).decode("utf-8")
    if args.format == "clml":
        return write_clml(revised_act(result))
    return act_to_bytes(act, history(result.steps, result.view), base.info.version_date,
                        result.view)


def _compare(args: argparse.Namespace) -> str:
    base = _read_act(args, args.statute)
    amendments = _read_amendments(args)
    conditions = _conditions(args)
    if args.from_date and args.to_date and args.from_date > args.to_date:
        raise InvalidView(f"--from {args.from_date} is after --to {args.to_date}")
    before = consolidate(base, amendments, args.from_date or base.info.version_date,
                         extent=args.extent, conditions=conditions)
    after = consolidate(base, amendments, args.to_date, extent=args.extent, conditions=conditions)
    if args.command == "redline":
        return (redline_html if args.format == "html" else redline_text)(before, after)
    return (effects_json if args.format == "json" else effects_csv)(before, after)


def _parse(args: argparse.Namespace) -> str:
    path = args.file or Path("-")
    try:
        text = read_input(path, args.max_input).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LawdiffError(f"{source_name(path)}: not UTF-8 text ({exc.reason} at "
                           f"byte {exc.start})") from None
    if args.citation:
        statute = _read_act(args, args.statute) if args.statute else None
        ops = operations_from_text(text, args.citation, statute)
        return _json([operation_to_json(op) for op in ops])
    return _json([op.to_json() for op in parse(text)])


def _diff(args: argparse.Namespace) -> str:
    old, new = _read_act(args, args.old), _read_act(args, args.new)
    old_name, new_name = source_name(args.old), source_name(args.new)
    if old.info.work != new.info.work:
        raise LawdiffError(f"{old_name} is {old.info.work} but {new_name} is {new.info.work}: "
                           f"diff compares two texts of one Act")
    ops = diff(old, new, fallback=False)
    positional = positional_changes(old, ops)
    if positional:
        raise LawdiffError(f"{new_name} differs from {old_name} in ways no amending instruction "
                           f"expresses: {'; '.join(positional)}")
    if not ops:
        print(f"lawdiff: note: {old_name} and {new_name} have the same text: no amendment turns "
              f"one into the other", file=sys.stderr)
    if args.format == "json":
        return _json([operation_to_json(op) for op in ops])
    return "".join(op.describe() + "\n" for op in ops)


def _versions(args: argparse.Namespace) -> str:
    base = _read_act(args, args.statute)
    amendments = _read_amendments(args)
    days = versions(base, amendments, extent=args.extent, conditions=_conditions(args))
    lines = [f"{base.info.version_date.isoformat()}  base text"]
    lines += [f"{day.isoformat()}  {op.provenance.citation or op.describe()}"
              for day, ops in days for op in ops]
    return "".join(line + "\n" for line in lines)


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _emit(target: Path | None, output: str | bytes) -> None:
    """Write a command's output to ``target`` whole (atomically), or to standard output."""
    data = output.encode("utf-8") if isinstance(output, str) else output
    if target is not None and str(target) != "-":
        if not target.parent.is_dir():
            raise LawdiffError(f"{target}: no folder {target.parent} to write it in")
        write_atomic(target, data)
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text stream put in place of sys.stdout
        sys.stdout.write(data.decode("utf-8"))
        return
    try:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    except OSError:
        _discard_stdout()
        raise


def _discard_stdout() -> None:
    """Send what is left in standard output's buffers nowhere, after it failed (a full disk,
    a closed pipe), so that Python's final flush does not fail again with a traceback."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _apply(args: argparse.Namespace) -> int:
    instrument = apply.read_amending(read_input(args.amending, args.max_input),
                                     source_name(args.amending), args.citation)
    target, fmt = apply.read_target(read_input(args.target, args.max_input),
                                    source_name(args.target), args.act, args.within)
    gc.freeze()  # what was read lives as long as the command: keep it out of collections
    facts = [amendment_from_bytes(read_input(p, args.max_input), source_name(p))
             for p in args.commencement]
    within = Address.parse(args.within) if args.within else None
    result = apply.apply_instrument(instrument, target, as_at=args.as_at, facts=facts,
                                    within=within)
    files: dict[Path, bytes] = {}
    if args.report is not None:
        report = apply.report_json if args.report.suffix.lower() == ".json" else apply.report_csv
        files[args.report] = report(result).encode("utf-8")
    revised = apply.render(result, args.format or fmt) if result.ok else None
    if revised is not None and args.output is not None and str(args.output) != "-":
        files[args.output] = revised
    write_all_atomic(files)
    for line in apply.summary_lines(result):
        print(f"lawdiff: apply: {line}", file=sys.stderr)
    if revised is None:
        aimed = sum(1 for o in result.outcomes if o.status in (
            apply.Status.APPLIED, apply.Status.REFUSED, apply.Status.NOT_IN_FORCE))
        why = (f"{result.count(apply.Status.REFUSED)} of the {aimed} instructions aimed at "
               f"{target.info.citation} were refused" if aimed else
               f"no instruction of {instrument.citation} is aimed at {target.info.citation}")
        print(f"lawdiff: error: {why}; nothing was written", file=sys.stderr)
        return 1
    if args.output is None or str(args.output) == "-":
        _emit(None, revised)
    return 0


def _regenerate(args: argparse.Namespace) -> int:
    changed = regenerate(args.root, check=args.check, max_input=args.max_input)
    if args.check:
        if changed:
            for p in changed:
                print(f"stale: {p}", file=sys.stderr)
            print("lawdiff: consolidated outputs are stale; run 'lawdiff regenerate'",
                  file=sys.stderr)
            return 1
        print("consolidated outputs are up to date")
        return 0
    for p in changed:
        print(f"wrote {p}" if p.exists() else f"removed {p}")
    if not changed:
        print("consolidated outputs are up to date")
    return 0


INTERRUPTED = 130
"""The exit status after Ctrl-C (128 + SIGINT), as shells report it."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    0 success, 1 a user error (one line on stderr), 2 a usage error, 130
    interrupted (Ctrl-C: one line, ``lawdiff: interrupted``).
    """
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("lawdiff: interrupted", file=sys.stderr)
        return INTERRUPTED


_COMMANDS: dict[str, Callable[[argparse.Namespace], str | bytes]] = {
    "consolidate": _consolidate, "versions": _versions, "redline": _compare,
    "effects": _compare, "parse": _parse, "diff": _diff, "convert": _convert}


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors argparse cannot see (each exits with status 2)."""
    if args.command == "parse":
        if args.jsonl and (args.file or args.citation or args.statute or args.output):
            parser.error("parse --jsonl reads instructions from standard input and writes to "
                         "standard output; it takes no FILE, --citation, --statute or --output")
        if args.statute and not args.citation:
            parser.error("parse --statute needs --citation (it places compiled operations)")
    inputs = [getattr(args, name, None) for name in ("statute", "old", "new", "input",
                                                     "amending", "target")]
    inputs += getattr(args, "amendments", [])
    if args.command == "parse" and not args.jsonl:
        inputs.append(args.file or Path("-"))
    if sum(str(p) == "-" for p in inputs if p is not None) > 1:
        parser.error("standard input ('-') can be read only once")
    if args.max_input is None:
        try:
            args.max_input = max_input_size()
        except ValueError as exc:
            parser.error(str(exc))


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _check_usage(parser, args)
    try:
        if args.command == "regenerate":
            return _regenerate(args)
        if args.command == "apply":
            return _apply(args)
        if args.command == "parse" and args.jsonl:
            lines = LimitedLines(stdin_bytes(), STDIN, args.max_input)
            return run_jsonl(cast("IO[bytes]", lines), sys.stdout)
        _emit(args.output, _COMMANDS[args.command](args))
        return 0
    except InputTooLarge as exc:
        print(f"lawdiff: error: {exc} (raise it with --max-input SIZE or {MAX_INPUT_VARIABLE})",
              file=sys.stderr)
        return 1
    except LawdiffError as exc:
        print(f"lawdiff: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
        print(f"lawdiff: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as exc:
        print(f"lawdiff: error: the input is not UTF-8 text ({exc.reason})", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
