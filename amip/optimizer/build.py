"""Build the allocation LP of a case: variables, objective and every named constraint, in one place."""
from __future__ import annotations

from dataclasses import dataclass

import pulp

from amip.models import Case
from amip.optimizer import constraints as C


def var_name(measure_id: str) -> str:
    return "x__" + measure_id.replace("-", "_")


@dataclass
class BuiltModel:
    prob: pulp.LpProblem
    x: dict[str, pulp.LpVariable]          #: new entries per measure id
    pat: pulp.LpVariable | None            #: PAT relief used, euros
    constraint_names: list[str]
    objective_constant: float              #: integrations of fixed entries


def build_model(case: Case) -> BuiltModel:
    """Variables are the new entries per measure; the objective is expected integrations, each
    weighted by its measure's objective weight (1 unless a scenario sets weights)."""
    prob = pulp.LpProblem("amip_allocation", pulp.LpMaximize)
    x = {m.id: prob.add_variable(var_name(m.id), lowBound=m.lower_entries, upBound=m.upper_entries)
         for m in case.measures if m.budget_basis.has_new_entries}
    pat = prob.add_variable("pat_relief_eur", lowBound=0) if case.pat is not None else None
    constant = sum(m.objective_rate * m.fixed_entries for m in case.measures)
    prob += pulp.lpSum(case.measure(mid).objective_rate * v for mid, v in x.items()) + constant
    names: list[str] = []
    names += C.add_budget(prob, case, x, pat)
    if pat is not None:
        names += C.add_pat(prob, case, x, pat)
    for f in case.fields:
        names += C.add_field_minimum(prob, case, x, f.id)
    for pool_id in case.pools:
        names += C.add_pool(prob, case, x, pool_id)
    for rule in case.rules.eligibility:
        names += C.add_eligibility(prob, case, x, rule)
    for cap in case.rules.share_caps:
        names += C.add_share_cap(prob, case, x, cap)
    return BuiltModel(prob, x, pat, names, constant)
