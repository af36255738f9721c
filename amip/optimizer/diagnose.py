"""Why a case is infeasible, in plain words with numbers.

Three views, all from the same PuLP model:

1. **Conflict set** (``find_conflicts``): a deletion filter over the named constraints (python-mip's
   ConflictFinder idea). Drop each, re-solve; if the model stays infeasible the constraint is not
   needed. The rest is an irreducible infeasible set. (HiGHS 1.16's ``getIis`` returned an empty
   set on the PuLP-built model when tried, so the filter is used.)
2. **Elastic relaxation** (``smallest_changes``): every limit a planner could change (the budget,
   the PAT cap, field minima, pools, statutory pools and caps, and the measures' own bounds) gets a
   slack variable; minimising the sum of relative slacks gives the smallest set of changes, each in
   percent of its limit, that makes the plan feasible.
3. **What the limits need**: for the budget, the cheapest spend that meets every other limit; for a
   field minimum, the most entries the field can reach under every other limit.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import pulp

from amip.models import Case
from amip.models.check import BUDGET, PAT_CAP, PAT_PER_ENTRY, constraint_name, constraint_rows
from amip.models.fmt import eur, fixed
from amip.optimizer.build import BuiltModel
from amip.optimizer.solve import solve_problem

# Definitions, not limits: relaxing them would not be a change a planner could make.
NOT_RELAXABLE = {PAT_PER_ENTRY}


@dataclass(frozen=True)
class Change:
    """One limit to move: from ``current`` to ``needed`` (in ``unit``)."""

    constraint: str
    kind: str
    unit: str
    current: float
    needed: float
    message: str


@dataclass(frozen=True)
class Diagnosis:
    conflicts: tuple[str, ...]      #: an irreducible set of conflicting constraints
    changes: tuple[Change, ...]     #: the smallest relative changes that make the plan feasible
    findings: tuple[str, ...]       #: what the conflicting limits need, in plain words

    def to_dict(self) -> dict:
        return {"conflicts": list(self.conflicts), "changes": [asdict(c) for c in self.changes],
                "findings": list(self.findings)}

    def text(self) -> str:
        lines = ["no plan satisfies all constraints.", f"Conflicting constraints: {', '.join(self.conflicts)}."]
        lines += [f"- {f}" for f in self.findings]
        if self.changes:
            lines.append("Smallest changes that make a plan feasible:")
            lines += [f"- {c.message}" for c in self.changes]
        return "\n".join(lines)


def _n(x: float) -> str:
    return fixed(x, 0)


def _copy(built: BuiltModel, drop: set[str], sense: int, name: str) -> pulp.LpProblem:
    prob = pulp.LpProblem(name, sense)
    for n in built.constraint_names:
        if n not in drop:
            prob.addConstraint(built.prob.get_constraint_by_name(n), n)
    return prob


# --------------------------------------------------------------------------- 1. conflict set
def find_conflicts(built: BuiltModel) -> list[str]:
    """Deletion filter over the named constraints; variable bounds stay in place."""
    dropped: set[str] = set()
    for name in built.constraint_names:
        if name in NOT_RELAXABLE:
            continue
        prob = _copy(built, dropped | {name}, pulp.LpMaximize, "conflict")
        prob += built.prob.objective
        if solve_problem(prob) == pulp.LpStatusInfeasible:
            dropped.add(name)   # still infeasible without it: not part of this conflict
    return [n for n in built.constraint_names if n not in dropped and n not in NOT_RELAXABLE]


# --------------------------------------------------------------------------- 2. elastic relaxation
def smallest_changes(case: Case, built: BuiltModel, rows: dict) -> list[Change]:
    """Minimise Σ slack / |limit| over every relaxable limit, and report the slacks that are used.
    ``rows``: the constraint rows of the case by name (amip.models.check.constraint_rows)."""
    prob = pulp.LpProblem("elastic", pulp.LpMinimize)
    slack: dict[str, tuple[pulp.LpVariable, float, str, str | None]] = {}   # name → (slack, rhs, verb, measure)
    for name in built.constraint_names:
        c = built.prob.get_constraint_by_name(name)
        rhs = -c.constant
        if name in NOT_RELAXABLE:
            prob.addConstraint(pulp.LpConstraint(c.expr, c.sense, name, rhs))
            continue
        s = prob.add_variable("s__" + name, lowBound=0)
        # ≤: the limit may rise by s; ≥: the minimum may fall by s.
        term = -s if c.sense == pulp.LpConstraintLE else s
        prob.addConstraint(pulp.LpConstraint(c.expr + term, c.sense, name, rhs))
        slack[name] = (s, rhs, "raise" if c.sense == pulp.LpConstraintLE else "lower", None)
    # The measures' own bounds on new entries, as elastic constraints.
    for mid, x in built.x.items():
        m = case.measure(mid)
        x.lowBound, x.upBound = 0, None
        if m.lower_entries > 0:
            s = prob.add_variable("s__lower__" + mid.replace("-", "_"), lowBound=0)
            name = constraint_name("lower", mid)
            prob.addConstraint(pulp.LpConstraint(x + s, pulp.LpConstraintGE, name, m.lower_entries))
            slack[name] = (s, m.lower_entries, "lower", mid)
        s = prob.add_variable("s__upper__" + mid.replace("-", "_"), lowBound=0)
        name = constraint_name("upper", mid)
        prob.addConstraint(pulp.LpConstraint(x - s, pulp.LpConstraintLE, name, m.upper_entries))
        slack[name] = (s, m.upper_entries, "raise", mid)
    prob += pulp.lpSum(s / max(1.0, abs(rhs)) for s, rhs, _, _ in slack.values())
    try:
        status = solve_problem(prob)
    finally:
        for mid, x in built.x.items():   # the variables are shared with the caller's model
            m = case.measure(mid)
            x.lowBound, x.upBound = m.lower_entries, m.upper_entries
    if status != pulp.LpStatusOptimal:
        return []
    out = []
    for name, (s, rhs, verb, mid) in slack.items():
        amount = float(s.value() or 0.0)
        if amount <= 1e-6 * max(1.0, abs(rhs)):
            continue
        needed = rhs + amount if verb == "raise" else rhs - amount
        out.append(_change(rows, name, verb, rhs, needed, amount, mid))
    return sorted(out, key=lambda c: -abs(c.needed - c.current) / max(1.0, abs(c.current)))


def _what(name: str, row) -> str:
    """A constraint in words: 'the minimum entries of HF2' for field_min__hf2."""
    kind = row.kind if row else ""
    return {"budget": "the Neufallbudget", "field_min": f"the minimum entries of {name.split('__')[-1].upper()}",
            "pool": f"the customer pool {name.split('__')[-1]}"}.get(kind, row.label if row else name)


def _change(rows: dict, name: str, verb: str, rhs: float, needed: float, amount: float,
            mid: str | None) -> Change:
    row = rows.get(name)
    if mid is not None:   # a measure's own bound
        kind, unit = "bound", "entries"
        what = f"the {'lower' if name.startswith('lower__') else 'upper'} bound of new entries of '{mid}'"
        rhs_shown, needed_shown = rhs, needed
    else:
        kind, unit = (row.kind, row.unit) if row else ("limit", "")
        what = _what(name, row)
        # Constraint right-hand sides net out fixed items and pre-bought places; show the planner's figures.
        offset = (row.rhs - rhs) if row else 0.0
        rhs_shown, needed_shown = rhs + offset, needed + offset
    fmt = eur if unit == "EUR" else (lambda v: f"{_n(v)} entries")
    message = f"{verb} {what} ({name}) by {fmt(amount)}: from {fmt(rhs_shown)} to {fmt(needed_shown)}"
    return Change(name, kind, unit, rhs_shown, needed_shown, message)


# --------------------------------------------------------------------------- 3. what the limits need
def _min_spend(case: Case, built: BuiltModel, drop: set[str]) -> float | None:
    """The least net spend on new entries that meets every constraint not in ``drop``."""
    prob = _copy(built, drop, pulp.LpMinimize, "min_spend")
    spend = pulp.lpSum(case.measure(mid).cost_per_entry_eur * v for mid, v in built.x.items())
    prob += spend - built.pat if built.pat is not None else spend
    return float(pulp.value(prob.objective) or 0.0) if solve_problem(prob) == pulp.LpStatusOptimal else None


def findings(case: Case, built: BuiltModel, conflicts: list[str], rows: dict) -> list[str]:
    out = []
    if BUDGET in conflicts:
        avail = case.budget.neufallbudget_eur - case.fixed_spend_eur
        others = [n for n in conflicts if n != BUDGET]
        keep_only = set(built.constraint_names) - set(others) - NOT_RELAXABLE   # the conflict alone
        named = " and ".join(f"{_what(n, rows.get(n))} ({n})" for n in others)
        for label, drop in ((named or "the lower bounds of the measures", keep_only | {BUDGET}),
                            ("all limits together", {BUDGET})):
            need = _min_spend(case, built, drop)
            if need is not None:
                out.append(f"{label} need at least {eur(need)} for new entries (net of the PAT relief), but only "
                           f"{eur(avail)} remain of the Neufallbudget of {eur(case.budget.neufallbudget_eur)} "
                           f"after the fixed money-only items of {eur(case.fixed_spend_eur)}; pre-bought places "
                           "are already paid")
    for f in case.fields:
        name = constraint_name("field_min", f.id)
        if name not in conflicts:
            continue
        prob = _copy(built, {name}, pulp.LpMaximize, "max_field")
        members = [m for m in case.measures if m.field == f.id]
        fixed = sum(m.fixed_entries for m in members)
        prob += pulp.lpSum(built.x[m.id] for m in members if m.id in built.x)
        if solve_problem(prob) == pulp.LpStatusOptimal:
            most = float(pulp.value(prob.objective) or 0.0) + fixed
            out.append(f"the minimum of {_n(f.min_entries)} entries in {f.id} cannot be met: within the other "
                       f"limits {f.id} reaches at most {_n(most)} entries ({_n(fixed)} of them pre-bought or "
                       f"financed outside the budget)")
    if PAT_CAP in conflicts and case.pat is not None:
        out.append(f"the PAT relief for new cases is capped at {eur(case.pat.new_cases_cap_eur)}")
    return out


def diagnose(case: Case, built: BuiltModel) -> Diagnosis:
    conflicts = find_conflicts(built)
    rows = {r.name: r for r in constraint_rows(case, {})}   # labels and the planner's right-hand sides
    return Diagnosis(tuple(conflicts), tuple(smallest_changes(case, built, rows)),
                     tuple(findings(case, built, conflicts, rows)))
