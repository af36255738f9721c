"""Shipped scenario files and their loader."""
from __future__ import annotations

from amip.scenarios.loader import SCENARIO_DIR, list_scenarios, load_scenario, resolve_scenario_path

__all__ = ["SCENARIO_DIR", "list_scenarios", "load_scenario", "resolve_scenario_path"]
