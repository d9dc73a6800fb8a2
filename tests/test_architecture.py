"""Data flows one way: the core packages never import Textual (DESIGN §2)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

CORE = [
    "stormdrill.scenarios",
    "stormdrill.scenarios.loader",
    "stormdrill.scenarios.model",
    "stormdrill.simulator",
    "stormdrill.simulator.session",
    "stormdrill.simulator.network",
    "stormdrill.simulator.spread",
    "stormdrill.simulator.bots",
    "stormdrill.simulator.log",
    "stormdrill.simulator.headless",
    "stormdrill.scoring",
    "stormdrill.scoring.rubric",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"


def test_simulator_does_not_import_scoring():
    code = "import sys, stormdrill.simulator.session, stormdrill.simulator.bots, stormdrill.simulator.log; print('stormdrill.scoring' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"
