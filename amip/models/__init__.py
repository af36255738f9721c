"""Domain data and validation. Plain Python: no solver, no click, no Excel, no numpy, and no file is
opened here (the readers that fill these records: ``amip.inputs``; tests/test_architecture.py checks it)."""
from __future__ import annotations

from amip.models.budget import Budget
from amip.models.case import Case, FieldOfAction, Pool
from amip.models.check import Violation, check_allocation, score_plan
from amip.models.measure import BudgetBasis, Measure
from amip.models.pat import PAT
from amip.models.rates import RateEntry, RateTable
from amip.models.rules import EligibilityRule, RuleSet, ShareCap

__all__ = [
    "Budget", "BudgetBasis", "Case", "EligibilityRule", "FieldOfAction", "Measure", "PAT", "Pool",
    "RateEntry", "RateTable", "RuleSet", "ShareCap", "Violation", "check_allocation",
    "score_plan",
]
