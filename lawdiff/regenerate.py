"""``lawdiff regenerate``: rebuild (or check) everything under ``statutes/consolidated/``.

For each base text ``statutes/NAME.xml`` and the amendment files in
``amendments/`` that amend it, the outputs are:

* ``NAME.xml`` -- the consolidated Act as Akoma Ntoso;
* ``NAME.clml.xml`` -- the consolidated Act as CLML, in legislation.gov.uk's form of
  revised legislation (``Addition``/``Substitution`` markup, F-notes);
* ``NAME.txt`` -- the consolidated Act as plain text;
* ``NAME.diff`` -- a unified diff of the plain text, base to consolidated;
* ``NAME.wdiff.txt`` -- the same changes word by word;
* ``NAME.annotated.txt`` / ``.annotated.html`` -- the text as legislation.gov.uk
  prints revised legislation: bracketed changes, F-notes, "Textual Amendments";
* ``NAME.redline.html`` / ``.redline.txt`` -- the changes from the base text inline;
* ``NAME.effects.csv`` / ``.effects.json`` -- one row per effect, base to latest;
* ``NAME@DATE.xml``, ``.clml.xml``, ``.txt``, ``.annotated.txt``, ``.annotated.html`` --
  the Act as it stood on each day listed in ``statutes/versions.toml`` (``dates = […]``).

All outputs are computed in memory first and written together, so an error
in any amendment leaves every file as it was; a run that is killed leaves a
journal or temporary files that ``--check`` reports and the next run completes
or removes (see :func:`regenerate`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lawdiff.amendment import Amendment
from lawdiff.engine import consolidate
from lawdiff.errors import InvalidStatute
from lawdiff.fileio import (
    finish_interrupted,
    load_toml,
    read_input,
    stray_temporaries,
    write_all_atomic,
)
from lawdiff.formats.akn import act_from_bytes, act_to_bytes, history
from lawdiff.formats.amendment_file import read_amendment
from lawdiff.formats.clml_writer import write_clml
from lawdiff.render.annotated import annotated_text
from lawdiff.render.diff import unified_diff, word_diff
from lawdiff.render.effects import effects_csv, effects_json
from lawdiff.render.html import annotated_html
from lawdiff.render.redline import redline_html, redline_text
from lawdiff.render.text import act_text
from lawdiff.revised import revised_act


def load_amendments(folder: Path, max_input: int | None = None) -> list[Amendment]:
    """Every amendment file in ``folder``, in file-name order (each at most ``max_input`` bytes)."""
    return [read_amendment(p, max_input) for p in sorted(folder.glob("*.toml"))]


def version_dates(root: Path, max_input: int | None = None) -> list[date]:
    """The days listed in ``statutes/versions.toml`` (none if the file is absent)."""
    path = root / "statutes" / "versions.toml"
    if not path.exists():
        return []
    try:
        text = read_input(path, max_input).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidStatute(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                             source=str(path)) from None
    data = load_toml(text, str(path), InvalidStatute)
    days = data.get("dates", [])
    if not isinstance(days, list) or not all(isinstance(d, date) for d in days):
        raise InvalidStatute("'dates' must be a list of dates (YYYY-MM-DD, unquoted)",
                             source=str(path))
    return sorted(days)


def build_outputs(root: Path, max_input: int | None = None) -> dict[Path, bytes]:
    """Every consolidated output for the project at ``root``, as bytes by path.

    Each input file may hold at most ``max_input`` bytes (default:
    :func:`lawdiff.fileio.max_input_size`).
    """
    amendments = load_amendments(root / "amendments", max_input)
    out_dir = root / "statutes" / "consolidated"
    outputs: dict[Path, bytes] = {}
    if not (root / "statutes").is_dir():
        raise InvalidStatute(f"{root.resolve()} is not a lawdiff project: it has no statutes/ folder; run "
                             f"lawdiff regenerate in the project folder, or give --root DIR")
    statutes = sorted((root / "statutes").glob("*.xml"))
    if not statutes:
        raise InvalidStatute(f"no statutes to consolidate: {root / 'statutes'} holds no *.xml "
                             f"files (is --root DIR the project folder?)")
    days = version_dates(root, max_input)
    for path in statutes:
        base = act_from_bytes(read_input(path, max_input), str(path))
        mine = [a for a in amendments if a.amends == base.info.work]
        result = consolidate(base, mine)
        final = result.act
        name = path.stem
        base_text, final_text = act_text(base), act_text(final)
        outputs[out_dir / f"{name}.xml"] = act_to_bytes(final, history(result.steps, result.view),
                                                        base.info.version_date, result.view)
        outputs[out_dir / f"{name}.clml.xml"] = write_clml(revised_act(result))
        outputs[out_dir / f"{name}.txt"] = final_text.encode("utf-8")
        outputs[out_dir / f"{name}.diff"] = unified_diff(
            base_text, final_text, f"{name} (base, {base.info.version_date.isoformat()})",
            f"{name} (consolidated, {final.info.version_date.isoformat()})").encode("utf-8")
        outputs[out_dir / f"{name}.wdiff.txt"] = word_diff(base_text, final_text).encode("utf-8")
        outputs[out_dir / f"{name}.annotated.txt"] = annotated_text(result).encode("utf-8")
        outputs[out_dir / f"{name}.annotated.html"] = annotated_html(result).encode("utf-8")
        original = consolidate(base, mine, base.info.version_date)
        outputs[out_dir / f"{name}.redline.html"] = redline_html(original, result).encode("utf-8")
        outputs[out_dir / f"{name}.redline.txt"] = redline_text(original, result).encode("utf-8")
        outputs[out_dir / f"{name}.effects.csv"] = effects_csv(original, result).encode("utf-8")
        outputs[out_dir / f"{name}.effects.json"] = effects_json(original, result).encode("utf-8")
        for day in days:
            version = consolidate(base, mine, day)
            stem = f"{name}@{day.isoformat()}"
            outputs[out_dir / f"{stem}.xml"] = act_to_bytes(
                version.act, history(version.steps, version.view), base.info.version_date,
                version.view)
            outputs[out_dir / f"{stem}.clml.xml"] = write_clml(revised_act(version))
            outputs[out_dir / f"{stem}.txt"] = act_text(version.act).encode("utf-8")
            outputs[out_dir / f"{stem}.annotated.txt"] = annotated_text(version).encode("utf-8")
            outputs[out_dir / f"{stem}.annotated.html"] = annotated_html(version).encode("utf-8")
    return outputs


_GENERATED_SUFFIXES = (".xml", ".txt", ".diff", ".html", ".csv", ".json")


JOURNAL = ".regenerate-unfinished.json"
"""The journal a regenerate killed between its renames leaves in ``statutes/consolidated/``."""


def stale(root: Path, outputs: dict[Path, bytes]) -> list[Path]:
    """The outputs whose file is missing or differs, and stray generated files.

    A stray is a file in ``statutes/consolidated/`` of a kind regenerate
    writes (.xml, .txt, .diff, .html, .csv, .json) that it no longer
    produces, e.g. the outputs of a removed statute; other files are left alone.
    """
    out = [p for p, data in outputs.items() if not p.exists() or p.read_bytes() != data]
    folder = root / "statutes" / "consolidated"
    if folder.exists():
        out.extend(p for p in sorted(folder.iterdir()) if p.is_file() and p not in outputs
                   and p.suffix in _GENERATED_SUFFIXES and not p.name.startswith("."))
    return out


def regenerate(root: Path, check: bool = False, max_input: int | None = None) -> list[Path]:
    """Write the outputs (or, with ``check``, only compare); returns the paths changed or stale.

    The outputs appear together or not at all: they are written with
    :func:`lawdiff.fileio.write_all_atomic` and a journal
    (``statutes/consolidated/.regenerate-unfinished.json``).  Every run first
    completes a set a killed run left unfinished (its journal) and removes
    the temporary files one killed earlier left behind; with ``check`` those
    are reported (as stale) and left as they are.  Stray generated files
    (see :func:`stale`) are removed when writing.  ``max_input`` limits each
    input file, as in :func:`build_outputs`.
    """
    folder = root / "statutes" / "consolidated"
    journal = folder / JOURNAL
    if check:
        unfinished = [journal] if journal.exists() else []
        return unfinished + stray_temporaries(folder) + stale(root, build_outputs(root, max_input))
    changed = finish_interrupted(journal)
    for temporary in stray_temporaries(folder):
        temporary.unlink()
        changed.append(temporary)
    outputs = build_outputs(root, max_input)
    out_of_date = stale(root, outputs)
    if out_of_date:
        write_all_atomic({p: outputs[p] for p in out_of_date if p in outputs},
                         remove=[p for p in out_of_date if p not in outputs], journal=journal)
    return changed + [p for p in out_of_date if p not in changed]
