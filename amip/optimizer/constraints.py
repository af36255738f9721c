"""One builder per rule. Each adds named PuLP constraints and returns the names it added.

Names follow ``<rule>__<entity>`` (see ``amip.models.check.constraint_name``) and match the rows of
``amip.models.check.constraint_rows``, so duals, checks and reports share one key.
"""
from __future__ import annotations

import pulp

from amip import texts as T
from amip.errors import InfeasibleError
from amip.models import Case
from amip.models.check import BUDGET, PAT_CAP, PAT_PER_ENTRY, constraint_name, share_cap_limit_eur
from amip.models.fmt import num
from amip.models.objective import Goal
from amip.models.planning import CommitmentLimit, GroupLimit, MeasurePlanning, StaffClass
from amip.models.policy import Commitment, Link
from amip.models.rules import EligibilityRule, ShareCap

Vars = dict[str, pulp.LpVariable]


def _add(prob: pulp.LpProblem, expr, name: str) -> str:
    prob += expr, name
    return name


def add_budget(prob: pulp.LpProblem, case: Case, x: Vars, pat: pulp.LpVariable | None) -> list[str]:
    """Σ gross cost × new entries − PAT relief ≤ Neufallbudget − fixed money-only spending."""
    cost = {m.id: m.cost_per_entry_eur for m in case.measures}   # by the id as x holds it: no id_key per variable
    spend = pulp.LpAffineExpression([(v, cost[mid]) for mid, v in x.items()])
    if pat is not None:
        spend = spend - pat
    return [_add(prob, spend <= case.budget.neufallbudget_eur - case.fixed_spend_eur, BUDGET)]


def add_pat(prob: pulp.LpProblem, case: Case, x: Vars, pat: pulp.LpVariable) -> list[str]:
    """PAT relief ≤ Σ relief per § 16i entry × entries (never above the subsidy), and ≤ the case's own
    cap for new cases if it sets one (``pat.cap_eur``; PAT money is no local allotment, domain.md §1.5)."""
    relief = {mid: case.pat_relief_per_entry_eur(case.measure(mid)) for mid in x}
    potential = pulp.lpSum(relief[mid] * v for mid, v in x.items() if relief[mid] > 0)
    rows = [_add(prob, pat - potential <= 0, PAT_PER_ENTRY)]
    if case.pat.capped:
        rows.append(_add(prob, pat <= case.pat.new_cases_cap_eur, PAT_CAP))
    return rows


def _members_total(case: Case, x: Vars, members) -> tuple[object, float]:
    fixed = sum(m.fixed_entries for m in members)
    return pulp.LpAffineExpression([(x[m.id], 1) for m in members if m.id in x]), fixed


def add_field_minimum(prob: pulp.LpProblem, case: Case, x: Vars, field_id: str) -> list[str]:
    """Σ entries of the field (fixed + new) ≥ its minimum."""
    f = case.field_of(field_id)
    members = case.select("field", field_id)   # in table order, from the case's index
    expr, fixed = _members_total(case, x, members)
    name = constraint_name("field_min", field_id)
    if not any(m.id in x for m in members):
        if fixed < f.min_entries:
            raise InfeasibleError(T.FIELD_MIN_UNREACHABLE.format(field=field_id, need=num(f.min_entries),
                                                                 fixed=num(fixed)), [name])
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


# --------------------------------------------------------------------------- planning realism (issue 7)
def add_lots(prob: pulp.LpProblem, measure_id: str, x: pulp.LpVariable, classes: pulp.LpVariable,
             mp: MeasurePlanning) -> list[str]:
    """Whole classes: class_min × classes ≤ new entries ≤ lot_size × classes (classes integer)."""
    lo, hi = constraint_name("lot_min", measure_id), constraint_name("lot_max", measure_id)
    return [_add(prob, x - mp.class_min * classes >= 0, lo), _add(prob, x - mp.lot_size * classes <= 0, hi)]


def add_returns_segment(prob: pulp.LpProblem, m, x: pulp.LpVariable, excess: pulp.LpVariable, multiple: float,
                        k: int) -> str:
    """Diminishing returns: excess_k ≥ entries (fixed + new) − multiple × planned entries."""
    rhs = multiple * m.planned_total_entries - m.fixed_entries
    return _add(prob, excess - x >= -rhs, constraint_name("returns", m.id, str(k)))


def add_commitment_limit(prob: pulp.LpProblem, case: Case, x: Vars, lim: CommitmentLimit) -> list[str]:
    """Verpflichtungsermächtigung: Σ money one entry binds in that year × new entries ≤ the limit."""
    k = case.planning.limit_index(case.year, lim.year)
    terms = [(case.commitment_per_entry_eur(case.measure(mid))[k], v) for mid, v in x.items()]
    bound = pulp.lpSum(c * v for c, v in terms if c)
    names = []
    if case.pat is not None and case.pat.capped:
        # the case's PAT cap holds in that year too: relief above it is paid from the year's own money
        relief = [(case.later_pat_relief_per_entry_eur(case.measure(mid))[k], v) for mid, v in x.items()]
        relief = [(r, v) for r, v in relief if r]
        if relief:
            over = prob.add_variable(f"pat_over__{lim.year}", lowBound=0)
            name = constraint_name("pat_cap", str(lim.year))
            names.append(_add(prob, over - pulp.lpSum(r * v for r, v in relief) >= -case.pat.new_cases_cap_eur, name))
            bound = bound + over
    return names + [_add(prob, bound <= lim.limit_eur, constraint_name("commitment", str(lim.year)))]


def add_group_share(prob: pulp.LpProblem, case: Case, x: Vars, lim: GroupLimit) -> list[str]:
    """Σ (group share − minimum share) × entries ≥ 0 over all measures: the group's share of all
    entries (new + fixed) is at least the minimum. Measures without a share count as 0."""
    def d(m) -> float:
        return (case.planning.of(m.id).group_share(lim.group) or 0.0) - lim.min_share

    fixed = sum(d(m) * m.fixed_entries for m in case.measures)
    expr = pulp.lpSum(d(case.measure(mid)) * v for mid, v in x.items())
    return [_add(prob, expr >= -fixed, constraint_name("group", lim.group))]


def add_staff(prob: pulp.LpProblem, case: Case, x: Vars, sc: StaffClass, over: pulp.LpVariable) -> list[str]:
    """Soft staff capacity: Σ entries of the class − entries above capacity ≤ capacity."""
    members = [m for m in case.measures if case.planning.of(m.id).staff_class == sc.id]
    expr, fixed = _members_total(case, x, members)
    return [_add(prob, expr - over <= sc.capacity_entries - fixed, constraint_name("staff", sc.id))]


def add_goal(prob: pulp.LpProblem, target_expr, goal: Goal) -> list[str]:
    """Goal mode: the target reaches at least its minimum (its dual is the marginal cost)."""
    return [_add(prob, target_expr >= goal.minimum, constraint_name("goal", goal.target))]


# --------------------------------------------------------------------------- commitments and links (issue 14)
def _commitment_expr(case: Case, x: Vars, c: Commitment):
    return pulp.LpAffineExpression([(x[m.id], c.coefficient(m)) for m in c.members(case) if m.id in x])


def add_policy_min(prob: pulp.LpProblem, case: Case, x: Vars, c: Commitment) -> list[str]:
    """Commitment: Σ new entries of the selected measures ≥ the promised number."""
    (name, _, rhs), = c.bounds(case)
    return [_add(prob, _commitment_expr(case, x, c) >= rhs, name)]


def add_policy_max(prob: pulp.LpProblem, case: Case, x: Vars, c: Commitment) -> list[str]:
    """Commitment or demand cap: Σ new entries (max_entries) or Σ gross cost × new entries (max_eur) ≤ the cap."""
    (name, _, rhs), = c.bounds(case)
    return [_add(prob, _commitment_expr(case, x, c) <= rhs, name)]


def add_policy_corridor(prob: pulp.LpProblem, case: Case, x: Vars, c: Commitment) -> list[str]:
    """Corridor around the reference (prior year or plan): (1 − p) × ref ≤ Σ new entries ≤ (1 + p) × ref."""
    (lo_name, _, lo), (hi_name, _, hi) = c.bounds(case)
    expr = _commitment_expr(case, x, c)
    return [_add(prob, expr >= lo, lo_name), _add(prob, expr <= hi, hi_name)]


POLICY_BUILDERS = {"min_entries": add_policy_min, "max_entries": add_policy_max, "max_eur": add_policy_max,
                   "corridor": add_policy_corridor}


def add_commitment(prob: pulp.LpProblem, case: Case, x: Vars, c: Commitment) -> list[str]:
    """One commitment, built by the builder of its kind."""
    return POLICY_BUILDERS[c.kind](prob, case, x, c)


def add_link(prob: pulp.LpProblem, case: Case, x: Vars, lk: Link) -> list[str]:
    """Linked measure: follower entries − ratio × leader entries ≤ 0 (fixed + new each; = 0 for 'exactly')."""
    f, lead = case.measure(lk.follower), case.measure(lk.leader)
    pairs = [(x[f.id], 1.0)] if f.id in x else []
    pairs += [(x[lead.id], -lk.ratio)] if lead.id in x else []
    const = f.fixed_entries - lk.ratio * lead.fixed_entries
    names = []
    for name, sense in lk.bounds():
        if not pairs:
            continue
        expr = pulp.LpAffineExpression(pairs)
        names.append(_add(prob, expr <= lk.allowance - const if sense == "<=" else expr >= -const, name))
    return names


# --------------------------------------------------------------------------- horizon plan (issue 26 item 4)
def add_horizon_cash(prob: pulp.LpProblem, key: str, own, later: list[tuple[pulp.LpVariable, float, float]],
                     limit: float, *, kind: str = "horizon_budget", own_pat: pulp.LpVariable | None = None,
                     pat_cap: float | None = None) -> list[str]:
    """One year of a horizon plan: the money the cohorts spend in it ≤ ``limit``. ``own``: the entry year's
    spend of the cohort entering in that year (gross cost × entries − its PAT relief ``own_pat``, as
    the one-year budget row); ``later``: (entries of an earlier cohort, gross money per entry in this
    year, PAT relief per entry in this year). The later relief used is a column ≤ its potential and,
    with a PAT cap, together with ``own_pat`` ≤ the cap (the cap holds in every year).
    ``kind``: horizon_budget (a year of the horizon: ≤ its EGT less the fixed items) or
    horizon_commitment (a year after it: ≤ the shifted later-year limit)."""
    names = []
    spend = pulp.LpAffineExpression(own) if own is not None else pulp.LpAffineExpression()
    spend = spend + pulp.LpAffineExpression([(v, g) for v, g, _ in later if g])
    relief = [(v, r) for v, _, r in later if r]
    if relief:
        used = prob.add_variable(f"pat_later__{key}", lowBound=0)
        names.append(_add(prob, used - pulp.LpAffineExpression(relief) <= 0, constraint_name("pat_later", key)))
        if pat_cap is not None:
            capped = used + own_pat if own_pat is not None else used
            names.append(_add(prob, capped <= pat_cap, constraint_name("pat_cap_year", key)))
        spend = spend - used
    return names + [_add(prob, spend <= limit, constraint_name(kind, key))]
