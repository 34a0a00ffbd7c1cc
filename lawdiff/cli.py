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

from lawdiff.address import Address, resolve
from lawdiff.codec import node_to_json
from lawdiff.engine import consolidate, versions
from lawdiff.errors import LawdiffError
from lawdiff.formats.akn import act_to_bytes, history, read_act
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.model import Act
from lawdiff.regenerate import dated, regenerate
from lawdiff.render.text import act_text, node_lines


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lawdiff", description="Apply textual amendments to statutes.")
    sub = parser.add_subparsers(dest="command", required=True)

    con = sub.add_parser("consolidate", help="print an Act with amendments applied")
    con.add_argument("statute", type=Path, help="base text (Akoma Ntoso XML)")
    con.add_argument("amendments", type=Path, nargs="*", help="amendment files (TOML)")
    con.add_argument("--format", choices=("text", "akn", "json"), default="text")
    con.add_argument("--provision", metavar="CITATION",
                     help='print only this provision, e.g. "s. 6" or "Sch. 1"')
    _view_options(con)
    con.add_argument("--as-at", type=_date, metavar="YYYY-MM-DD",
                     help="the Act as it stood on this day (default: every dated amendment)")

    ver = sub.add_parser("versions", help="list the days on which an Act changes")
    ver.add_argument("statute", type=Path, help="base text (Akoma Ntoso XML)")
    ver.add_argument("amendments", type=Path, nargs="*", help="amendment files (TOML)")
    _view_options(ver)

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
                         conditions=dict(args.condition))
    act = dated(result)
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
    elif args.format == "json":
        sys.stdout.write(json.dumps(act_json(act), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.buffer.write(act_to_bytes(act, history(result.steps), base.info.version_date))
    return 0


def _versions(args: argparse.Namespace) -> int:
    base = read_act(args.statute)
    amendments = [read_amendment(p) for p in args.amendments]
    print(f"{base.info.version_date.isoformat()}  base text")
    for day, ops in versions(base, amendments, extent=args.extent,
                             conditions=dict(args.condition)):
        for op in ops:
            print(f"{day.isoformat()}  {op.provenance.citation or op.describe()}")
    return 0


def act_json(act: Act) -> dict[str, object]:
    """An Act as JSON: identity and provisions."""
    info = act.info
    return {"title": info.title, "chapter": info.chapter, "work": info.work,
            "version_date": info.version_date.isoformat(), "extract": info.extract,
            "provisions": [node_to_json(c) for c in act.children]}


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
        print(f"wrote {p}")
    if not changed:
        print("consolidated outputs are up to date")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    handler = {"consolidate": _consolidate, "regenerate": _regenerate, "versions": _versions}
    try:
        return handler[args.command](args)
    except LawdiffError as exc:
        print(f"lawdiff: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"lawdiff: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
