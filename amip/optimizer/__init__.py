"""The allocation LP (PuLP + HiGHS) and its result. Knows nothing of Excel or click."""
from __future__ import annotations

from amip.optimizer.build import BuiltModel, build_model
from amip.optimizer.result import ConstraintResult, FieldResult, MeasureResult, OptimizationResult, Status
from amip.optimizer.solve import evaluate, optimize

__all__ = ["BuiltModel", "ConstraintResult", "FieldResult", "MeasureResult", "OptimizationResult", "Status",
           "build_model", "evaluate", "optimize"]
