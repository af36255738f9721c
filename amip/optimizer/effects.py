"""A plan against the optimum in each effect measure (gross, net, kennzahl; amip.models.effects).

``against_optima`` solves the case once per effect measure (the case switched with
``Case.with_effect``) and sets the plan's value in that measure beside the optimum's; each optimum is
also scored in the other two measures, which shows where the money moves between them.
"""
from __future__ import annotations

from amip.errors import InfeasibleError, InputError
from amip.models import Case
from amip.models.check import plan_effects
from amip.models.effects import EFFECTS


def against_optima(case: Case, new_entries: dict[str, float]) -> dict:
    """{effect: {plan, optimum, gain, gain_pct, optimum_scored: {gross, net, kennzahl}}} (None where the
    case cannot be measured in that effect or has no feasible plan)."""
    from amip.optimizer.solve import optimize

    plan = plan_effects(case, new_entries)
    out = {}
    for e in EFFECTS:
        entry = {"plan": plan[e]["value"], "optimum": None, "gain": None, "gain_pct": None, "optimum_scored": None}
        try:
            best = optimize(case.with_effect(e))
        except (InputError, InfeasibleError) as err:
            entry["status"] = type(err).__name__
            out[e] = entry
            continue
        entry["optimum"] = best.integrations
        if entry["plan"] is not None:
            entry["gain"] = best.integrations - entry["plan"]
            entry["gain_pct"] = entry["gain"] / entry["plan"] * 100 if entry["plan"] else None
        entry["optimum_scored"] = {k: v["value"] for k, v in best.effects.items()}
        out[e] = entry
    return out
