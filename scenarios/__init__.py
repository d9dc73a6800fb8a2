"""The scenario and policy formats: typed models, a loader with precise errors, the library."""

from .errors import InvalidFile, Problem
from .loader import (
    DEFAULT_SCENARIO,
    LIBRARY,
    dump_scenario,
    load_policy,
    load_scenario,
    load_scenario_text,
    scenario_from_dict,
    scenario_hash,
    validate_file,
)
from .model import Policy, Scenario

__all__ = [
    "DEFAULT_SCENARIO",
    "LIBRARY",
    "InvalidFile",
    "Policy",
    "Problem",
    "Scenario",
    "dump_scenario",
    "load_policy",
    "load_scenario",
    "load_scenario_text",
    "scenario_from_dict",
    "scenario_hash",
    "validate_file",
]
