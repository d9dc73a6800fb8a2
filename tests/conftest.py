"""Shared fixtures: library scenarios, a private network cache, the real rubric."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (no flaky reds); explore with --hypothesis-profile=explore.
settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "scenarios" / "library"
SCENARIO_FILES = sorted(LIBRARY.glob("*.yaml"))
POLICY_FILES = sorted((LIBRARY / "policies").glob("*.yaml"))

# The tests that judge the whole graded corpus (tests/test_corpus.py, tests/test_detector.py) run on one
# xdist worker (`--dist loadgroup`), where each file is judged once with the committed judge and shared.
CORPUS_FITS = pytest.mark.xdist_group("corpus_fits")


@functools.cache
def _judged_with_rows(path: Path):
    from stormdrill.scoring.refit_detector import judged_with_rows

    return judged_with_rows(path)


def judged_file(path: Path):
    """A graded corpus file judged with the committed rules, detectors and points; shared, read-only."""
    return _judged_with_rows(path)[0]


def detector_rows(path: Path):
    """The same file's rows for refitting the word-level detectors (refit_detector.judged_with_rows), read in
    that one pass; shared, read-only."""
    return _judged_with_rows(path)[1]


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Built networks go to a cache of the test run, not the user's."""
    os.environ["STORMDRILL_CACHE"] = str(tmp_path_factory.mktemp("network-cache"))
    yield


@pytest.fixture(scope="session")
def library():
    from stormdrill.scenarios import load_scenario

    return {path.stem: load_scenario(path) for path in SCENARIO_FILES}


@pytest.fixture(scope="session")
def assess():
    from stormdrill.scoring import assess

    return assess
