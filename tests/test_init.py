"""lawdiff's public names: a short list, loaded on first use, the rest in their modules."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import lawdiff


def test_the_public_names_are_few_and_each_is_its_module_s_own() -> None:
    assert len(lawdiff.__all__) <= 45 and len(set(lawdiff.__all__)) == len(lawdiff.__all__)
    assert set(lawdiff.__all__) == set(lawdiff._HOMES)
    for name in lawdiff.__all__:
        home = importlib.import_module(lawdiff._HOMES[name])
        assert getattr(lawdiff, name) is getattr(home, name)
    assert {"read_act", "read_amendment", "consolidate", "act_text", "InsertWords",
            "LawdiffError", "BatchError"} <= set(lawdiff.__all__)


@pytest.mark.parametrize("module, name", [
    ("lawdiff.model", "Kind"), ("lawdiff.designation", "Designation"),
    ("lawdiff.errors", "WordsNotFound"), ("lawdiff.codec", "operation_to_json"),
    ("lawdiff.engine", "AppliedStep"), ("lawdiff.address", "resolve"),
])
def test_other_names_are_imported_from_their_own_modules(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name)
    assert name not in lawdiff.__all__
    with pytest.raises(AttributeError, match=f"module 'lawdiff' has no attribute '{name}'"):
        getattr(lawdiff, name)


def test_star_import_gives_the_public_names() -> None:
    namespace: dict[str, object] = {}
    exec("from lawdiff import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(lawdiff.__all__)


def test_importing_lawdiff_loads_nothing_until_a_name_is_used() -> None:
    code = ("import sys, lawdiff; print(sorted(m for m in sys.modules if m.startswith('lawdiff')));"
            "lawdiff.consolidate; print('lawdiff.engine' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["['lawdiff']", "True"]
