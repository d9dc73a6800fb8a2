"""Data flows one way: the core packages never import Textual (docs/architecture.md).

Two checks: what a fresh interpreter really loads (below), and the import rules in pyproject.toml
([tool.importlinter]) read from the source by import-linter through `.ci/lint-imports`, which sees
imports inside functions too.
"""

from __future__ import annotations

import shutil
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
    "stormdrill.scoring.scorecard",
    "stormdrill.play",
    "stormdrill.scoring.members",
]
# Team exercises: the authority, the host, the seats' copies and the bots run without a screen.
TEAM_HEADLESS = [
    "stormdrill.team.exercise",
    "stormdrill.team.host",
    "stormdrill.team.mirror",
    "stormdrill.team.bot",
]

LINT = ROOT / ".ci" / "lint-imports"
needs_linter = pytest.mark.skipif(
    shutil.which("lint-imports") is None, reason="import-linter is not installed (the test extra)"
)


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


def _lint(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(root / ".ci" / "lint-imports")],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )


@needs_linter
def test_the_import_rules_hold():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@needs_linter
def test_the_import_rules_see_imports_inside_functions(tmp_path):
    for name in ("stormdrill", "simulator", "scenarios", "scoring", ".ci"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "simulator" / "sneaky.py").write_text(
        "def draw():\n    import textual\n\n    return textual\n", encoding="utf-8"
    )
    (tmp_path / "scenarios" / "upward.py").write_text(
        "def run():\n    from stormdrill.simulator import session\n\n    return session\n",
        encoding="utf-8",
    )
    result = _lint(tmp_path)
    assert result.returncode == 1
    assert "stormdrill.simulator.sneaky -> textual" in result.stdout
    assert "stormdrill.scenarios.upward -> stormdrill.simulator.session" in result.stdout


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_the_network_code(module):
    code = (
        f"import sys, {module}; print('stormdrill.team' in sys.modules or 'asyncio' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"


def test_no_engine_module_is_over_400_lines():
    """The engine stays readable in pieces: the Session is split along its sections
    (docs/architecture.md), and no module of simulator/ grows past 400 lines."""
    long = {
        path.name: lines
        for path in (ROOT / "simulator").glob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
