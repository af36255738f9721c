"""Scenario files: a schema, inheritance (``extends``), the shipped library and the loader."""
from __future__ import annotations

from amip.scenarios.apply import apply_scenario
from amip.scenarios.loader import case_for, load_scenario
from amip.scenarios.resolver import SCENARIO_DIR, ResolvedScenario, list_scenarios, resolve, resolve_scenario_path

__all__ = ["SCENARIO_DIR", "ResolvedScenario", "apply_scenario", "case_for", "list_scenarios", "load_scenario",
           "resolve", "resolve_scenario_path"]
