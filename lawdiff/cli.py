"""The ``lawdiff`` command line.

User errors (bad files, amendments that do not fit) print one line to
stderr, ``lawdiff: error: …``, and exit with status 1; nothing is written.
Usage errors exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from lawdiff.address import Address, resolve
from lawdiff.codec import node_to_json, operation_to_json
from lawdiff.diff import diff, positional_changes
from lawdiff.engine import consolidate, versions
from lawdiff.errors import InvalidView, LawdiffError
from lawdiff.fileio import write_atomic
from lawdiff.formats.akn import act_to_bytes, history, read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.formats.clml_writer import write_clml
from lawdiff.formats.detect import FORMATS, read_document, write_document
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
    parser = _Parser(prog="lawdiff", description="Apply textual amendments to statutes.")
    sub = parser.add_subparsers(dest="command", required=True)

    con = sub.add_parser("consolidate", help="print an Act with amendments applied")
    con.add_argument("statute", type=Path, help="base text (Akoma Ntoso XML)")
    con.add_argument("amendments", type=Path, nargs="*", help="amendment files (TOML)")
    con.add_argument("--format", choices=("text", "akn", "clml", "json", "annotated",
                                           "annotated-html"),
                     default="text",
                     help="annotated: legislation.gov.uk-style revised text with F-notes; "
                          "clml: a revised CLML document in legislation.gov.uk's form")
    con.add_argument("--provision", metavar="CITATION",
                     help='print only this provision, e.g. "s. 6" or "Sch. 1"')
    _view_options(con)
    con.add_argument("--as-at", type=_date, metavar="YYYY-MM-DD",
                     help="the Act as it stood on this day (default: every dated amendment)")

    for name, help_text in (("redline", "show the changes between two versions inline"),
                            ("effects", "list the effects between two versions")):
        cmp_ = sub.add_parser(name, help=help_text)
        cmp_.add_argument("statute", type=Path, help="base text (Akoma Ntoso XML)")
        cmp_.add_argument("amendments", type=Path, nargs="*", help="amendment files (TOML)")
        cmp_.add_argument("--from", dest="from_date", type=_date, metavar="YYYY-MM-DD",
                          help="the earlier version (default: the base text's date)")
        cmp_.add_argument("--to", dest="to_date", type=_date, metavar="YYYY-MM-DD",
                          help="the later version (default: every dated amendment)")
        _view_options(cmp_)
        cmp_.add_argument("--format", choices=("text", "html") if name == "redline"
                          else ("csv", "json"), default="text" if name == "redline" else "csv")

    par = sub.add_parser("parse", help="read UK amending instructions")
    par.add_argument("--jsonl", action="store_true",
                     help="one instruction per line on stdin; one JSON object per line out")
    par.add_argument("file", nargs="?", type=Path,
                     help="a file holding one amending provision (default: stdin)")
    par.add_argument("--citation", metavar="CITATION",
                     help='compile to lawdiff operations cited from this, e.g. '
                          '"Children Act 2004 (c. 31), Sch. 2"')
    par.add_argument("--statute", type=Path,
                     help="the amended Act, for changes that need its text to be placed")

    dif = sub.add_parser("diff", help="the amendments that turn one text of an Act into another")
    dif.add_argument("old", type=Path, help="the earlier text (Akoma Ntoso XML)")
    dif.add_argument("new", type=Path, help="the later text of the same Act (Akoma Ntoso XML)")
    dif.add_argument("--format", choices=("text", "json"), default="text",
                     help="text: one instruction per line; json: the operations")

    ver = sub.add_parser("versions", help="list the days on which an Act changes")
    ver.add_argument("statute", type=Path, help="base text (Akoma Ntoso XML)")
    ver.add_argument("amendments", type=Path, nargs="*", help="amendment files (TOML)")
    _view_options(ver)

    cnv = sub.add_parser("convert", help="read a document in one format and write it in another")
    cnv.add_argument("input", help="CLML, Akoma Ntoso, lawdiff JSON or plain text ('-': stdin)")
    cnv.add_argument("--to", dest="to", choices=FORMATS, required=True,
                     help="the format to write")
    cnv.add_argument("-o", "--output", metavar="OUT",
                     help="where to write (default or '-': standard output)")

    reg = sub.add_parser("regenerate", help="rebuild statutes/consolidated/")
    reg.add_argument("--check", action="store_true",
                     help="write nothing; exit 1 if any output is stale")
    reg.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")

    return parser


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


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


def _consolidate(args: argparse.Namespace) -> int:
    base = read_act(args.statute)
    amendments = [read_amendment(p) for p in args.amendments]
    result = consolidate(base, amendments, args.as_at, extent=args.extent,
                         conditions=_conditions(args))
    act = result.act
    for pending in result.pending:
        print(f"lawdiff: note: not applied: {pending.operation.name}: {pending.reason}",
              file=sys.stderr)
    if args.provision:
        loc = resolve(act, Address.parse(args.provision))
        if args.format == "text":
            sys.stdout.write("\n".join(node_lines(loc.node)) + "\n")
        elif args.format == "json":
            sys.stdout.write(json.dumps(node_to_json(loc.node), ensure_ascii=False, indent=2) + "\n")
        else:
            raise LawdiffError("--provision works with --format text or json")
        return 0
    if args.format == "text":
        sys.stdout.write(act_text(act))
    elif args.format == "annotated":
        sys.stdout.write(annotated_text(result))
    elif args.format == "annotated-html":
        sys.stdout.write(annotated_html(result))
    elif args.format == "json":
        sys.stdout.write(json.dumps(act_json(act), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "clml":
        sys.stdout.buffer.write(write_clml(revised_act(result)))
    else:
        sys.stdout.buffer.write(act_to_bytes(act, history(result.steps, result.view),
                                             base.info.version_date, result.view))
    return 0


def _compare(args: argparse.Namespace) -> int:
    base = read_act(args.statute)
    amendments = [read_amendment(p) for p in args.amendments]
    conditions = _conditions(args)
    if args.from_date and args.to_date and args.from_date > args.to_date:
        raise InvalidView(f"--from {args.from_date} is after --to {args.to_date}")
    before = consolidate(base, amendments, args.from_date or base.info.version_date,
                         extent=args.extent, conditions=conditions)
    after = consolidate(base, amendments, args.to_date, extent=args.extent, conditions=conditions)
    if args.command == "redline":
        sys.stdout.write((redline_html if args.format == "html" else redline_text)(before, after))
    else:
        sys.stdout.write((effects_json if args.format == "json" else effects_csv)(before, after))
    return 0


def _parse(args: argparse.Namespace) -> int:
    if args.jsonl:
        return run_jsonl(sys.stdin, sys.stdout)
    try:
        text = args.file.read_text(encoding="utf-8") if args.file else sys.stdin.read()
    except UnicodeDecodeError as exc:
        raise LawdiffError(f"{args.file or 'standard input'}: not UTF-8 text ({exc.reason} at "
                           f"byte {exc.start})") from None
    if args.citation:
        statute = read_act(args.statute) if args.statute else None
        ops = operations_from_text(text, args.citation, statute)
        out = [operation_to_json(op) for op in ops]
    else:
        out = [op.to_json() for op in parse(text)]
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    return 0


def _diff(args: argparse.Namespace) -> int:
    old, new = read_act(args.old), read_act(args.new)
    if old.info.work != new.info.work:
        raise LawdiffError(f"{args.old} is {old.info.work} but {args.new} is {new.info.work}: "
                           f"diff compares two texts of one Act")
    ops = diff(old, new, fallback=False)
    positional = positional_changes(old, ops)
    if positional:
        raise LawdiffError(f"{args.new} differs from {args.old} in ways no amending instruction "
                           f"expresses: {'; '.join(positional)}")
    if args.format == "json":
        out = [operation_to_json(op) for op in ops]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.writelines(op.describe() + "\n" for op in ops)
    return 0


def _versions(args: argparse.Namespace) -> int:
    base = read_act(args.statute)
    amendments = [read_amendment(p) for p in args.amendments]
    days = versions(base, amendments, extent=args.extent, conditions=_conditions(args))
    print(f"{base.info.version_date.isoformat()}  base text")
    for day, ops in days:
        for op in ops:
            print(f"{day.isoformat()}  {op.provenance.citation or op.describe()}")
    return 0


def act_json(act: Act) -> dict[str, object]:
    """An Act as JSON: identity and provisions."""
    info = act.info
    return {"title": info.title, "chapter": info.chapter, "work": info.work,
            "version_date": info.version_date.isoformat(), "extract": info.extract,
            "provisions": [node_to_json(c) for c in act.children]}


def _convert(args: argparse.Namespace) -> int:
    if args.input == "-":
        data, source = sys.stdin.buffer.read(), "standard input"
    else:
        data, source = Path(args.input).read_bytes(), args.input
    out = write_document(read_document(data, source), args.to)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    else:
        write_atomic(Path(args.output), out)
    return 0


def _regenerate(args: argparse.Namespace) -> int:
    changed = regenerate(args.root, check=args.check)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "parse":
        if args.jsonl and (args.file or args.citation or args.statute):
            parser.error("parse --jsonl reads instructions from standard input and takes no "
                         "FILE, --citation or --statute")
        if args.statute and not args.citation:
            parser.error("parse --statute needs --citation (it places compiled operations)")
    handler = {"consolidate": _consolidate, "regenerate": _regenerate, "versions": _versions,
               "redline": _compare, "effects": _compare, "parse": _parse, "diff": _diff,
               "convert": _convert}
    try:
        return handler[args.command](args)
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
