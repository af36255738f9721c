"""Build the allocation model of a case: variables, objective and every named constraint, in one place.

The plain model is an LP: new entries per measure, maximise expected integrations. The planning
features of the case (``case.planning.features``) add to it:

- ``integer``: entries are whole places; a measure bought in classes gets a whole number of classes
  with class_min..lot_size places each (a MILP);
- ``returns``: a concave piecewise-linear yield per measure, one "excess" column per breakpoint
  (still an LP);
- ``groups``: a minimum share of the entries per target group;
- ``staff``: entries per staff class above its capacity cost a penalty (a soft constraint).

Commitment limits (Verpflichtungsermächtigungen) act whenever the case has them. ``objective``
chooses the targets and their weights; ``goal`` turns the model round: the least net money that
reaches a target, with the Neufallbudget left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pulp

from amip import texts as T
from amip.errors import InputError
from amip.models import Case
from amip.models.check import measure_integrations
from amip.models.measure import name_key
from amip.models.objective import Goal, Objective
from amip.models.planning import TARGETS
from amip.optimizer import constraints as C


def var_name(measure_id: str) -> str:
    return "x__" + name_key(measure_id)   # lowercase like constraint names; the loader rejects collisions


@dataclass
class BuiltModel:
    prob: pulp.LpProblem
    x: dict[str, pulp.LpVariable]          #: new entries per measure id
    pat: pulp.LpVariable | None            #: PAT relief used, euros
    constraint_names: list[str]
    targets: dict[str, object] = field(default_factory=dict)   #: target → affine expression (incl. constants)
    classes: dict[str, pulp.LpVariable] = field(default_factory=dict)   #: classes per lot measure
    over: dict[str, pulp.LpVariable] = field(default_factory=dict)      #: entries above staff capacity
    integer: bool = False


def _target_exprs(case: Case, prob: pulp.LpProblem, x: dict, names: list[str]) -> dict:
    """Each target (integrations weighted by the objective weights, lzb, llu) as one affine expression
    of the new entries, built term by term from the data (no expression per measure). A measure's
    expected integrations are rate × (new + fixed entries); with diminishing returns each breakpoint
    adds an excess column e ≥ total − breakpoint, e ≥ 0, at the rate lost beyond it: concave, so the
    LP fills in order. Measures without new entries add their fixed integrations as constants."""
    returns_on = case.planning.uses("returns")
    terms = {t: [] for t in TARGETS}
    const = dict.fromkeys(TARGETS, 0.0)
    others = [t for t in TARGETS if t != "integrations"]
    for m in case.measures:
        mp = case.planning.of(m.id)
        coefs = [("integrations", m.objective_weight)]   # the other targets only where the planning gives amounts
        if mp.per_integration:
            coefs += [(t, mp.target_factor(t)) for t in others]
        if m.id not in x:
            fixed = measure_integrations(case, m, m.fixed_entries)
            for t, c in coefs:
                if c:
                    const[t] += c * fixed
            continue
        rate, v = m.integration_rate, x[m.id]
        segments = []
        if returns_on:
            prev = 1.0
            for k, (multiple, factor) in enumerate(mp.returns):
                e = prob.add_variable(f"excess__{m.id.replace('-', '_')}__{k + 1}", lowBound=0)
                names.append(C.add_returns_segment(prob, m, v, e, multiple, k + 1))
                segments.append((e, 0 - rate * (prev - factor)))
                prev = factor
        fixed = rate * m.fixed_entries
        for t, c in coefs:
            if c:
                terms[t].append((v, c * rate))
                if segments:
                    terms[t] += [(e, c * a) for e, a in segments]
                const[t] += c * fixed
    return {t: pulp.LpAffineExpression(terms[t], constant=const[t]) for t in TARGETS}


def build_model(case: Case, *, objective: Objective | None = None, goal: Goal | None = None,
                integer: bool | None = None) -> BuiltModel:
    """Variables are the new entries per measure; the objective is expected integrations (weighted
    by each measure's objective weight) unless ``objective`` or ``goal`` say otherwise."""
    objective = objective or Objective()
    integer = case.planning.uses("integer") if integer is None else integer
    if goal is not None and case.planning.uses("staff"):
        raise InputError(T.GOAL_WITH_STAFF)
    sense = pulp.LpMinimize if goal is not None else pulp.LpMaximize
    prob = pulp.LpProblem("amip_allocation", sense)
    cat = pulp.LpInteger if integer else pulp.LpContinuous
    x = {m.id: prob.add_variable(var_name(m.id), lowBound=m.lower_entries, upBound=m.upper_entries, cat=cat)
         for m in case.measures if m.budget_basis.has_new_entries}
    pat = prob.add_variable("pat_relief_eur", lowBound=0) if case.pat is not None else None
    names: list[str] = []
    targets = _target_exprs(case, prob, x, names)
    over: dict[str, pulp.LpVariable] = {}
    if case.planning.uses("staff"):
        for sc in case.planning.staff:
            over[sc.id] = prob.add_variable(f"over__{sc.id}", lowBound=0)
            names += C.add_staff(prob, case, x, sc, over[sc.id])
    if goal is not None:   # the net spend incl. the fixed money-only items, euros
        prob += (pulp.lpSum(case.measure(mid).cost_per_entry_eur * v for mid, v in x.items())
                 - (pat if pat is not None else 0) + case.fixed_spend_eur)
        names += C.add_goal(prob, targets[goal.target], goal)
    else:
        weights = dict(objective.weights)
        prob += (pulp.lpSum(w * targets[t] for t, w in weights.items() if w)
                 - pulp.lpSum(sc.penalty * over[sc.id] for sc in case.planning.staff if sc.id in over))
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
    for lim in case.planning.commitment_limits:
        names += C.add_commitment_limit(prob, case, x, lim)
    for c in case.policy.active_commitments:
        names += C.add_commitment(prob, case, x, c)
    for lk in case.policy.active_links:
        names += C.add_link(prob, case, x, lk)
    if case.planning.uses("groups"):
        for lim in case.planning.group_limits:
            names += C.add_group_share(prob, case, x, lim)
    classes: dict[str, pulp.LpVariable] = {}
    if integer:
        for mid, v in x.items():
            mp = case.planning.of(mid)
            if mp.in_lots:
                classes[mid] = prob.add_variable(f"classes__{mid.replace('-', '_')}", lowBound=0, cat=pulp.LpInteger)
                names += C.add_lots(prob, mid, v, classes[mid], mp)
    return BuiltModel(prob, x, pat, names, targets=targets, classes=classes, over=over, integer=integer)
