"""One builder per rule. Each adds named PuLP constraints and returns the names it added.

Names follow ``<rule>__<entity>`` (see ``amip.models.check.constraint_name``) and match the rows of
``amip.models.check.constraint_rows``, so duals, checks and reports share one key.
"""
from __future__ import annotations

import pulp

from amip.errors import InfeasibleError
from amip.models import Case
from amip.models.check import BUDGET, PAT_CAP, PAT_PER_ENTRY, constraint_name, share_cap_limit_eur
from amip.models.rules import EligibilityRule, ShareCap

Vars = dict[str, pulp.LpVariable]


def _add(prob: pulp.LpProblem, expr, name: str) -> str:
    prob += expr, name
    return name


def add_budget(prob: pulp.LpProblem, case: Case, x: Vars, pat: pulp.LpVariable | None) -> list[str]:
    """Σ gross cost × new entries − PAT relief ≤ Neufallbudget − fixed money-only spending."""
    spend = pulp.lpSum(case.measure(mid).cost_per_entry_eur * v for mid, v in x.items())
    if pat is not None:
        spend = spend - pat
    return [_add(prob, spend <= case.budget.neufallbudget_eur - case.fixed_spend_eur, BUDGET)]


def add_pat(prob: pulp.LpProblem, case: Case, x: Vars, pat: pulp.LpVariable) -> list[str]:
    """PAT relief ≤ Σ relief per § 16i entry × entries (never above the subsidy), and ≤ the new-case PAT."""
    relief = {mid: case.pat_relief_per_entry_eur(case.measure(mid)) for mid in x}
    potential = pulp.lpSum(relief[mid] * v for mid, v in x.items() if relief[mid] > 0)
    return [_add(prob, pat - potential <= 0, PAT_PER_ENTRY),
            _add(prob, pat <= case.pat.new_cases_cap_eur, PAT_CAP)]


def _members_total(case: Case, x: Vars, members) -> tuple[object, float]:
    fixed = sum(m.fixed_entries for m in members)
    return pulp.lpSum(x[m.id] for m in members if m.id in x), fixed


def add_field_minimum(prob: pulp.LpProblem, case: Case, x: Vars, field_id: str) -> list[str]:
    """Σ entries of the field (fixed + new) ≥ its minimum."""
    f = case.field_of(field_id)
    members = [m for m in case.measures if m.field == field_id]
    expr, fixed = _members_total(case, x, members)
    name = constraint_name("field_min", field_id)
    if not any(m.id in x for m in members):
        if fixed < f.min_entries:
            raise InfeasibleError(f"{field_id} needs {f.min_entries:,.0f} entries but has only {fixed:,.0f} "
                                  "fixed ones and no measure with new entries", [name])
        return []
    return [_add(prob, expr >= f.min_entries - fixed, name)]


def add_pool(prob: pulp.LpProblem, case: Case, x: Vars, pool_id: str) -> list[str]:
    """Σ entries of measures drawing on a customer pool ≤ the pool."""
    members = [m for m in case.measures if m.pool == pool_id]
    if not any(m.id in x for m in members):
        return []
    expr, fixed = _members_total(case, x, members)
    return [_add(prob, expr <= case.pools[pool_id].size - fixed, constraint_name("pool", pool_id))]


def add_eligibility(prob: pulp.LpProblem, case: Case, x: Vars, rule: EligibilityRule) -> list[str]:
    """Statutory eligibility: Σ entries of the instrument ≤ its eligible pool (named after the paragraph)."""
    members = [m for m in case.measures if m.instrument_type in rule.instrument_types]
    if rule.pool not in case.pools or not any(m.id in x for m in members):
        return []
    expr, fixed = _members_total(case, x, members)
    return [_add(prob, expr <= case.pools[rule.pool].size - fixed, rule.name)]


def add_share_cap(prob: pulp.LpProblem, case: Case, x: Vars, cap: ShareCap) -> list[str]:
    """Statutory spending cap: Σ spending on the instruments ≤ max share × budget base."""
    members = [m for m in case.measures if m.instrument_type in cap.instrument_types]
    if not members:
        return []
    spend = pulp.lpSum(m.cost_per_entry_eur * x[m.id] for m in members if m.id in x)
    fixed = sum(m.fixed_spend_eur for m in members)
    return [_add(prob, spend <= share_cap_limit_eur(case, cap) - fixed, cap.name)]
