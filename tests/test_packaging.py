"""The wheel carries the whole app under one import package, and the checkout imports it the same way."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from .conftest import ROOT

TOP = {
    "stormdrill": "stormdrill",
    "simulator": "stormdrill.simulator",
    "scenarios": "stormdrill.scenarios",
    "scoring": "stormdrill.scoring",
}


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_folder_with_code_is_packaged_inside_stormdrill():
    setuptools = _pyproject()["tool"]["setuptools"]
    packaged = set(setuptools["packages"])
    assert all(name == "stormdrill" or name.startswith("stormdrill.") for name in packaged)
    expected = set()
    for folder, package in TOP.items():
        for init in (ROOT / folder).rglob("*.py"):
            parts = init.parent.relative_to(ROOT / folder).parts
            if "__pycache__" not in parts:
                expected.add(".".join((package, *parts)))
    assert expected <= packaged, f"add to [tool.setuptools] packages: {sorted(expected - packaged)}"
    for package, folder in setuptools["package-dir"].items():
        assert (ROOT / folder).is_dir() and package in packaged


def test_the_command_and_python_m_run_the_same_cli():
    assert _pyproject()["project"]["scripts"]["stormdrill"] == "stormdrill.cli:main"
    out = subprocess.run(
        [sys.executable, "-m", "stormdrill", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert out.stdout.startswith("stormdrill ")


def test_hints_name_the_command_the_user_ran():
    from_checkout = subprocess.run(
        [sys.executable, "run.py", "validate", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert from_checkout.stdout.startswith("usage: python run.py validate")
    as_module = subprocess.run(
        [sys.executable, "-m", "stormdrill", "validate", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert as_module.stdout.startswith("usage: stormdrill validate")
