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
    "stormdrill.simulator.live_inject",
    "stormdrill.scoring",
    "stormdrill.scoring.rubric",
    "stormdrill.scoring.members",
]
# Team exercises: the authority, the host, the seats' copies and the bots run without a screen.
TEAM_HEADLESS = [
    "stormdrill.team.exercise",
    "stormdrill.team.host",
    "stormdrill.team.mirror",
    "stormdrill.team.bot",
]


@pytest.mark.parametrize("module", CORE + TEAM_HEADLESS)
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


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_the_network_code(module):
    code = (
        f"import sys, {module}; print('stormdrill.team' in sys.modules or 'asyncio' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"
