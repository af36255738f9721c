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

from amip import texts as T
from amip.errors import InfeasibleError, SolverError
from amip.models import Case
from amip.models.check import BUDGET, PAT_CAP, PAT_PER_ENTRY, constraint_name, constraint_rows
from amip.models.fmt import eur, fixed
from amip.optimizer.build import BuiltModel
from amip.optimizer.highs import solve_problem

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
    conflict_labels: tuple[str, ...] = ()   #: the conflicts by their German names (the text; JSON keeps the keys)

    def to_dict(self) -> dict:
        return {"conflicts": list(self.conflicts), "changes": [asdict(c) for c in self.changes],
                "findings": list(self.findings), "conflict_labels": list(self.conflict_labels or self.conflicts)}

    def text(self) -> str:
        lines = [T.DG_NO_PLAN, T.DG_CONFLICTS.format(items=", ".join(self.conflict_labels or self.conflicts))]
        lines += [f"- {f}" for f in self.findings]
        if self.changes:
            lines.append(T.DG_CHANGES)
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
        slack[name] = (s, rhs, "raise" if c.sense == pulp.LpConstraintLE else "lower", None)   # verb keys
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
        goal = name.startswith("goal__") and name.split("__", 1)[1] in built.targets
        offset = float(getattr(built.targets[name.split("__", 1)[1]], "constant", 0.0)) if goal else 0.0
        out.append(_change(rows, name, verb, rhs, needed, amount, mid, goal_offset=offset if goal else None))
    return sorted(out, key=lambda c: -abs(c.needed - c.current) / max(1.0, abs(c.current)))


def _what(name: str, row) -> str:
    """A constraint in words: 'the minimum entries of HF2' for field_min__hf2."""
    kind = row.kind if row else ""
    return {"budget": T.DG_WHAT_BUDGET, "field_min": T.DG_WHAT_FIELD_MIN.format(field=name.split("__")[-1].upper()),
            "pool": T.DG_WHAT_POOL.format(pool=name.split("__")[-1])}.get(kind, row.label if row else name)


def _change(rows: dict, name: str, verb: str, rhs: float, needed: float, amount: float,
            mid: str | None, *, goal_offset: float | None = None) -> Change:
    row = rows.get(name)
    if goal_offset is not None:   # --goal: in the target's unit, as typed (the fixed entries' share added back)
        from amip.models.planning import TARGETS

        target = name.split("__", 1)[1]
        unit = TARGETS[target][1]
        fmt = eur if unit == "EUR" else (lambda v: f"{_n(v)} {T.DG_UNIT.get(unit, unit)}")
        message = T.DG_CHANGE.format(what=T.DG_WHAT_GOAL.format(target=TARGETS[target][0]), name=name,
                                     verb=T.DG_RAISE if verb == "raise" else T.DG_LOWER, amount=fmt(amount),
                                     current=fmt(rhs + goal_offset), needed=fmt(needed + goal_offset))
        return Change(name, "goal", unit, rhs + goal_offset, needed + goal_offset, message[0].upper() + message[1:])
    if mid is not None:   # a measure's own bound
        kind, unit = "bound", "entries"
        what = (T.DG_WHAT_LOWER if name.startswith("lower__") else T.DG_WHAT_UPPER).format(id=mid)
        rhs_shown, needed_shown = rhs, needed
    else:
        kind, unit = (row.kind, row.unit) if row else ("limit", "")
        what = _what(name, row)
        # Constraint right-hand sides net out fixed items and pre-bought places; show the planner's figures.
        offset = (row.rhs - rhs) if row else 0.0
        rhs_shown, needed_shown = rhs + offset, needed + offset

    def fmt(v: float, dative: bool = False) -> str:   # "um 378 Eintritte: von 5.109 Eintritten auf 4.731 Eintritte"
        return eur(v) if unit == "EUR" else T.counted_noun(v, T.NOUN_ENTRY, dative=dative, shown=_n(v))

    current = fmt(rhs_shown, dative=True)
    message = T.DG_CHANGE.format(what=what, name=name, verb=T.DG_RAISE if verb == "raise" else T.DG_LOWER,
                                 amount=fmt(amount), current=current, needed=fmt(needed_shown))
    message = message[0].upper() + message[1:]
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
        named = T.DG_AND.join(_what(n, rows.get(n)) for n in others)   # the keys stay in JSON (conflicts)
        for label, drop in ((named or T.DG_LOWER_BOUNDS, keep_only | {BUDGET}), (T.DG_ALL_LIMITS, {BUDGET})):
            need = _min_spend(case, built, drop)
            if need is not None:
                out.append(T.DG_NEED.format(label=label[0].upper() + label[1:], need=eur(need), avail=eur(avail),
                                            budget=eur(case.budget.neufallbudget_eur),
                                            fixed=eur(case.fixed_spend_eur)))
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
            out.append(T.DG_FIELD.format(min=_n(f.min_entries), field=f.id, most=_n(most), fixed=_n(fixed)))
    if PAT_CAP in conflicts and case.pat is not None and case.pat.capped:
        out.append(T.DG_PAT_CAP.format(cap=eur(case.pat.new_cases_cap_eur)))
    return out


def diagnose(case: Case, built: BuiltModel) -> Diagnosis:
    conflicts = find_conflicts(built)
    rows = {r.name: r for r in constraint_rows(case, {})}   # labels and the planner's right-hand sides
    return Diagnosis(tuple(conflicts), tuple(smallest_changes(case, built, rows)),
                     tuple(findings(case, built, conflicts, rows)),
                     tuple(_label(n, rows) for n in conflicts))


def _label(name: str, rows: dict) -> str:
    """A conflicting constraint by its German name: its row's label, a goal by its target's name."""
    from amip.models.planning import TARGETS

    if name in rows:
        return rows[name].label
    kind, _, key = name.partition("__")
    if kind == "goal" and key in TARGETS:
        return T.DG_GOAL_LABEL.format(target=TARGETS[key][0])
    return name


def raise_unless_optimal(case: Case, built: BuiltModel, status: int) -> None:
    """An infeasible model raises InfeasibleError with its diagnosis; any other non-optimal status
    (a MILP stopped early included) SolverError."""
    if status == pulp.LpStatusInfeasible:
        diagnosis = diagnose(case, built)
        raise InfeasibleError(diagnosis.text(), list(diagnosis.conflicts), diagnosis=diagnosis.to_dict())
    # A MILP stopped early still reports "Optimal" in prob.status: check the solution status too.
    if status != pulp.LpStatusOptimal or built.prob.sol_status != pulp.LpSolutionOptimal:
        raise SolverError(T.SOLVE_NOT_OPTIMAL.format(status=pulp.LpStatus.get(status, status)))
