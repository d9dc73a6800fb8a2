"""`.ci/typecheck` checks the whole package: the top-level folders as the subpackages they are."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import ROOT

FOLDERS = ("stormdrill", "simulator", "scenarios", "scoring")


@pytest.mark.slow  # mypy over the package: about 20 s without its cache
def test_typecheck_checks_every_module_and_names_the_checkouts_files():
    result = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "typecheck")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    out = result.stdout + result.stderr
    assert result.returncode in (0, 1), (
        out
    )  # 0: clean, 1: type errors (CI fails on those); 2: broken
    assert "No parent module" not in out and "Cannot find implementation" not in out, out
    checked = int(re.search(r"(\d+) source files?\)?$", out.strip()).group(1))
    modules = [p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py")]
    assert checked >= len(modules), out
    reported = re.findall(r"^([^:\s]+\.py):\d+:", result.stdout, re.MULTILINE)
    assert [path for path in reported if not (ROOT / path).is_file()] == []
