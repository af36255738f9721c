"""Scenario files: a schema, inheritance (``extends``), the shipped library and how a scenario changes a
case. A scenario becomes a case in ``amip.inputs.assemble`` (``load_scenario`` is its shorthand)."""
from __future__ import annotations

from amip.scenarios.apply import apply_scenario
from amip.scenarios.resolver import SCENARIO_DIR, ResolvedScenario, list_scenarios, resolve, resolve_scenario_path

__all__ = ["SCENARIO_DIR", "ResolvedScenario", "apply_scenario", "list_scenarios", "load_scenario", "resolve",
           "resolve_scenario_path"]


def __getattr__(name: str):
    """``amip.scenarios.load_scenario``: the assembly's shorthand, imported on first use (the assembly
    imports this package's modules, so it cannot be imported while the package initialises)."""
    if name == "load_scenario":
        from amip.inputs.assemble import load_scenario

        return load_scenario
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
