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

import math
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
    alone_feasible: bool = False        #: a re-solve with this change alone (the others not made) finds a plan
    #: the planner's figure this limit alone would need (a re-solve found a plan with it); None: no value
    #: of this limit alone admits a plan
    alone_needed: float | None = None


@dataclass(frozen=True)
class Diagnosis:
    conflicts: tuple[str, ...]      #: an irreducible set of conflicting constraints
    changes: tuple[Change, ...]     #: the smallest relative changes that make the plan feasible
    findings: tuple[str, ...]       #: what the conflicting limits need, in plain words
    #: a re-solve with all ``changes`` made (their stated figures) finds a plan; None without changes
    changes_together_feasible: bool | None = None
    conflict_labels: tuple[str, ...] = ()   #: the conflicts by their German names (the text; JSON keeps the keys)

    @property
    def changes_head(self) -> str:
        """The line above the changes: whether they are alternatives or work only together."""
        if self.changes_together_feasible is False:
            return T.DG_CHANGES_UNVERIFIED
        if len(self.changes) > 1 and not any(c.alone_feasible for c in self.changes):
            n = len(self.changes)
            return T.DG_CHANGES_TOGETHER.format(together=T.DG_TOGETHER_TWO if n == 2 else T.DG_TOGETHER_N.format(n=n))
        return T.DG_CHANGES_ONE if len(self.changes) == 1 else T.DG_CHANGES

    def to_dict(self) -> dict:
        return {"conflicts": list(self.conflicts), "changes": [asdict(c) for c in self.changes],
                "findings": list(self.findings), "changes_together_feasible": self.changes_together_feasible,
                "changes_head": self.changes_head if self.changes else None,
                "conflict_labels": list(self.conflict_labels or self.conflicts)}

    def text(self) -> str:
        lines = [T.DG_NO_PLAN, T.DG_CONFLICTS.format(items=", ".join(self.conflict_labels or self.conflicts))]
        lines += [f"- {f}" for f in self.findings]
        if self.changes:
            lines.append(self.changes_head)
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
@dataclass(frozen=True)
class _Limit:
    """A limit a planner could move: a named constraint, or a measure's own bound (``mid``)."""

    name: str
    rhs: float              #: the model's right-hand side (fixed items and pre-bought places netted out)
    verb: str               #: "raise" (a ≤ limit) or "lower" (a ≥ minimum)
    mid: str | None = None  #: the measure of a bound on new entries


def _limits(case: Case, built: BuiltModel) -> dict[str, _Limit]:
    out = {}
    for name in built.constraint_names:
        if name not in NOT_RELAXABLE:
            c = built.prob.get_constraint_by_name(name)
            out[name] = _Limit(name, -c.constant, "raise" if c.sense == pulp.LpConstraintLE else "lower")
    for mid in built.x:
        m = case.measure(mid)
        if m.lower_entries > 0:
            out[constraint_name("lower", mid)] = _Limit(constraint_name("lower", mid), m.lower_entries, "lower", mid)
        out[constraint_name("upper", mid)] = _Limit(constraint_name("upper", mid), m.upper_entries, "raise", mid)
    return out


def _solve_moved(case: Case, built: BuiltModel, limits: dict[str, _Limit], moved: dict[str, float],
                 elastic: set[str]) -> tuple[int, dict[str, pulp.LpVariable]]:
    """Solve the model with the limits in ``moved`` set to new right-hand sides (model units) and the
    limits in ``elastic`` given a slack (minimising Σ slack / |limit|; without any, a feasibility check).
    The variables are shared with the caller's model: their bounds are restored."""
    prob = pulp.LpProblem("elastic" if elastic else "moved", pulp.LpMinimize)
    slack: dict[str, pulp.LpVariable] = {}

    def row(name: str, expr, sense: int, rhs: float) -> None:
        if name in elastic:
            s = slack[name] = prob.add_variable("s__" + name, lowBound=0)
            expr = expr + (-s if sense == pulp.LpConstraintLE else s)   # ≤: the limit may rise; ≥: fall
        prob.addConstraint(pulp.LpConstraint(expr, sense, name, rhs))

    for name in built.constraint_names:
        c = built.prob.get_constraint_by_name(name)
        # the row's variable part against its right-hand side: PuLP keeps a constant of the expression (a
        # goal's fixed integrations) in ``c.expr`` as well as in ``c.constant`` — taken once, here
        expr = c.expr - c.expr.constant if c.expr.constant else c.expr
        row(name, expr, c.sense, moved.get(name, -c.constant))
    bounds = {mid: (x.lowBound, x.upBound) for mid, x in built.x.items()}
    try:
        for lim in limits.values():
            if lim.mid is None or (lim.name not in moved and lim.name not in elastic):
                continue
            x, rhs = built.x[lim.mid], moved.get(lim.name, lim.rhs)
            if lim.verb == "lower":
                x.lowBound = 0
                row(lim.name, x + 0, pulp.LpConstraintGE, rhs)
            else:
                x.upBound = None
                row(lim.name, x + 0, pulp.LpConstraintLE, rhs)
        # Without slack a feasibility check: Σ new entries (≥ 0) is bounded, whatever limit was moved.
        prob += (pulp.lpSum(s / max(1.0, abs(limits[n].rhs)) for n, s in slack.items()) if slack
                 else pulp.lpSum(built.x.values()))
        status = solve_problem(prob)
    finally:
        for mid, x in built.x.items():
            x.lowBound, x.upBound = bounds[mid]
    return status, slack


def _elastic(case: Case, built: BuiltModel, limits: dict[str, _Limit], names: set[str]) -> dict[str, float] | None:
    """The smallest relative moves of the limits ``names`` (every other limit held) that admit a plan:
    name → model right-hand side needed, for the limits that move; None if no such moves exist."""
    status, slack = _solve_moved(case, built, limits, {}, names)
    if status == pulp.LpStatusInfeasible:
        return None
    if status != pulp.LpStatusOptimal:
        raise SolverError(T.SOLVE_NOT_OPTIMAL.format(status=pulp.LpStatus.get(status, status)))
    out = {}
    for name, s in slack.items():
        lim, amount = limits[name], float(s.value() or 0.0)
        if amount > 1e-6 * max(1.0, abs(lim.rhs)):
            out[name] = lim.rhs + amount if lim.verb == "raise" else lim.rhs - amount
    return out


def feasible_with(case: Case, built: BuiltModel, moved: dict[str, float]) -> bool:
    """Does a plan exist with the limits in ``moved`` (name → model right-hand side) moved, every
    other limit as it is? A re-solve."""
    status, _ = _solve_moved(case, built, _limits(case, built), moved, set())
    return status == pulp.LpStatusOptimal


def _goal(built: BuiltModel, name: str) -> str | None:
    """The target of a --goal row (goal__<target>), else None."""
    target = name.split("__", 1)[1] if name.startswith("goal__") else None
    return target if target in built.targets else None


def _offset(built: BuiltModel, rows: dict, lim: _Limit) -> float:
    """What the planner's figure adds to the model's right-hand side: a goal's fixed share, the fixed
    items and pre-bought places a constraint row nets out; none for a measure's bound."""
    if lim.mid is not None:
        return 0.0
    if (target := _goal(built, lim.name)) is not None:
        return float(getattr(built.targets[target], "constant", 0.0))
    row = rows.get(lim.name)
    return (row.rhs - lim.rhs) if row else 0.0


def _shown(lim: _Limit, needed: float, offset: float) -> float:
    """The planner's figure of a needed limit, rounded outwards to the whole unit the text shows (up
    for a limit to raise, down for a minimum to lower), so the stated figure is the one re-solved."""
    v = round(needed + offset, 6)
    return float(math.ceil(v) if lim.verb == "raise" else math.floor(v))


def smallest_changes(case: Case, built: BuiltModel, rows: dict) -> tuple[list[Change], bool | None]:
    """Minimise Σ slack / |limit| over every relaxable limit and report the limits that move, each
    checked by re-solving: all moves together, each move alone, and the smallest move of that limit
    alone that admits a plan. Returns the changes and whether all of them together admit a plan
    (None without changes). ``rows``: the constraint rows of the case by name
    (amip.models.check.constraint_rows)."""
    limits = _limits(case, built)
    needed = _elastic(case, built, limits, set(limits))
    if not needed:
        return [], None
    offsets = {n: _offset(built, rows, limits[n]) for n in needed}
    shown = {n: _shown(limits[n], v, offsets[n]) for n, v in needed.items()}
    moved = {n: shown[n] - offsets[n] for n in needed}
    together = feasible_with(case, built, moved)
    out = []
    for name in needed:
        lim = limits[name]
        alone_ok = together if len(needed) == 1 else feasible_with(case, built, {name: moved[name]})
        alone = _elastic(case, built, limits, {name})
        alone_shown = None
        if alone is not None:
            alone_shown = _shown(lim, alone.get(name, lim.rhs), offsets[name])
            if not feasible_with(case, built, {name: alone_shown - offsets[name]}):
                alone_shown = None   # not confirmed by the re-solve: no figure is stated
        out.append(_change(rows, lim, offsets[name], shown[name], alone_ok, alone_shown, goal=_goal(built, name),
                           effect=case.effect))
    return sorted(out, key=lambda c: -abs(c.needed - c.current) / max(1.0, abs(c.current))), together


def _what(name: str, row) -> str:
    """A constraint in words: 'the minimum entries of HF2' for field_min__hf2."""
    kind = row.kind if row else ""
    return {"budget": T.DG_WHAT_BUDGET, "field_min": T.DG_WHAT_FIELD_MIN.format(field=name.split("__")[-1].upper()),
            "pool": T.DG_WHAT_POOL.format(pool=name.split("__")[-1])}.get(kind, row.label if row else name)


def _change(rows: dict, lim: _Limit, offset: float, needed: float, alone_ok: bool, alone: float | None, *,
            goal: str | None, effect: str = "gross") -> Change:
    """One move in words, in the planner's figures (the fixed share, items and places added back)."""
    name, current = lim.name, lim.rhs + offset
    row = rows.get(name)
    if goal is not None:   # --goal: in the target's unit, as typed
        from amip.models.planning import TARGETS, target_label

        kind, unit, what = "goal", TARGETS[goal][1], T.DG_WHAT_GOAL.format(target=target_label(goal, effect))
    elif lim.mid is not None:   # a measure's own bound
        kind, unit = "bound", "entries"
        what = (T.DG_WHAT_LOWER if name.startswith("lower__") else T.DG_WHAT_UPPER).format(id=lim.mid)
    else:
        kind, unit = (row.kind, row.unit) if row else ("limit", "")
        what = _what(name, row)

    def fmt(v: float, dative: bool = False) -> str:   # "um 378 Eintritte: von 5.109 Eintritten auf 4.731 Eintritte"
        if unit == "EUR":
            return eur(v)
        if goal is None:
            return T.counted_noun(v, T.NOUN_ENTRY, dative=dative, shown=_n(v))
        return f"{_n(v)} {T.DG_UNIT.get(unit, unit)}"

    message = T.DG_CHANGE.format(what=what, name=name, verb=T.DG_RAISE if lim.verb == "raise" else T.DG_LOWER,
                                 amount=fmt(abs(needed - current)), current=fmt(current, dative=True),
                                 needed=fmt(needed))
    if alone_ok:
        verdict = T.DG_ALONE_OK
    elif alone is not None:
        verdict = T.DG_ALONE_NEED.format(needed=fmt(alone), move=T.DG_UP if lim.verb == "raise" else T.DG_DOWN)
    else:
        verdict = T.DG_ALONE_NONE
    message = f"{message[0].upper()}{message[1:]} – {verdict}"
    return Change(name, kind, unit, current, needed, message, alone_feasible=alone_ok, alone_needed=alone)


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
    changes, together = smallest_changes(case, built, rows)
    return Diagnosis(tuple(conflicts), tuple(changes), tuple(findings(case, built, conflicts, rows)), together,
                     tuple(conflict_label(n, rows, case.effect) for n in conflicts))


def conflict_label(name: str, rows: dict, effect: str = "gross") -> str:
    """A conflicting constraint by its German name: its row's label (``rows``: constraint_rows by name),
    a goal by its target's name (the integrations in the run's effect measure)."""
    from amip.models.planning import TARGETS, target_label

    if name in rows:
        return rows[name].label
    kind, _, key = name.partition("__")
    if kind == "goal" and key in TARGETS:
        return T.DG_GOAL_LABEL.format(target=target_label(key, effect))
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
