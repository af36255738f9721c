"""Round an LP plan to whole places and whole classes: the greedy heuristic of ``--integer``
(``targets.discrete_allocation``), incremental so that it stays near-linear in the number of measures.

The heuristic (like PyPortfolioOpt's greedy DiscreteAllocation):

1. each measure goes down to the nearest allowed value (whole places; for a measure bought in
   classes, a number of places that splits into classes of class_min..lot_size);
2. while a minimum is missed (field minimum, group share …), the one-step increase that repairs the
   most is taken;
3. then, while money is left, the one-step increase with the most objective per euro that keeps
   every limit is taken.

"How much is missed" is Σ violation / max(1, |limit|) over the hard limits, the measure of
``amip.models.check`` (violations below 1e-6 of the limit count as none). The limits are the named
rows of the allocation model (``amip.optimizer.build``) that act on new entries alone; a row is
kept as its coefficients per measure, so one step changes only the rows of its measure
(O(rows of the measure), not a re-check of the whole plan). Rows with their own helper columns are
met by those columns' values and left out: the PAT relief (taken as min(potential, new-case cap),
which the budget row then uses), diminishing returns, classes and the soft staff limit. Each
limit's scale is its right-hand side in the checker at the rounded-down plan; the checker's own
verdict on the finished plan is what the report shows.

Step 3 keeps the candidates in a heap by objective per euro; a step that no longer fits is set
aside and offered again after the next step taken, and dropped for good when a limit that can only
tighten (a ≤ row whose coefficients are all ≥ 0, such as the budget) stops it.
"""
from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Sequence

import pulp

from amip import texts as T
from amip.errors import InputError
from amip.models import Case
from amip.models.check import constraint_rows, measure_integrations
from amip.models.objective import Objective
from amip.models.planning import TARGETS, feasible_entries

TOL = 1e-6   #: as amip.models.check.ConstraintRow.violation


def allowed_steps(case: Case, mid: str) -> Sequence[int]:
    """The whole numbers of new entries a measure may take, sorted: within its bounds, whole classes.
    Places bought one by one: a ``range`` (O(1), not a list of every number up to the bound; bisect
    and indexing work on it alike)."""
    m, mp = case.measure(mid), case.planning.of(mid)
    if not mp.in_lots:   # every value of the range is ≥ ceil(lower − 1e-9) ≥ lower − 1e-9
        return range(int(math.ceil(m.lower_entries - 1e-9)), int(math.floor(m.upper_entries + 1e-9)) + 1)
    return [v for v in feasible_entries(mp.lot_size, mp.class_min, m.upper_entries) if v >= m.lower_entries - 1e-9]


class _Limits:
    """The hard limits as rows over the new entries, with the plan's left-hand sides kept up to date."""

    def __init__(self, case: Case, plan: dict[str, float], built=None):
        from amip.optimizer.build import build_model

        built = built if built is not None else build_model(case, integer=False)
        var_of = {v.name: mid for mid, v in built.x.items()}
        pat_name = built.pat.name if built.pat is not None else None
        checked = {r.name: r for r in constraint_rows(case, plan)}
        self.case = case
        self.relief = {mid: case.pat_relief_per_entry_eur(case.measure(mid)) for mid in plan}
        self.pat_cap = case.pat.cap_eur if case.pat is not None else 0.0
        self.potential = sum(self.relief[mid] * x for mid, x in plan.items())
        self.rows: list[dict] = []
        self.of: dict[str, list[tuple[int, float]]] = {mid: [] for mid in plan}
        taken = set()
        for name in built.constraint_names:
            row = checked.get(name)
            if row is None or row.kind in ("soft", "pat", "bound"):
                continue
            c = built.prob.get_constraint_by_name(name)
            coef, pat_coef, other = {}, 0.0, False
            for var, a in c.items():
                if var.name in var_of:
                    coef[var_of[var.name]] = a
                elif var.name == pat_name:
                    pat_coef = a
                else:
                    other = True
            if other:        # returns, classes or staff columns: met by their own values
                continue
            k = len(self.rows)
            lhs = c.constant + sum(a * plan.get(mid, 0.0) for mid, a in coef.items())
            # a ≤ row whose coefficients are all ≥ 0 only tightens as steps add entries (the budget:
            # the PAT relief a § 16i step adds never exceeds its cost where it is capped at the subsidy)
            tightens = (c.sense == pulp.LpConstraintLE and all(a >= 0 for a in coef.values())
                        and (not pat_coef or (case.pat is not None and case.pat.cap_at_subsidy)))
            self.rows.append({"name": name, "sense": c.sense, "lhs": lhs, "pat": pat_coef,
                              "scale": max(1.0, abs(row.rhs)), "tightens": tightens})
            for mid, a in coef.items():
                self.of[mid].append((k, a))
            taken.add(name)
        # limits of the checker the model has no row for (nothing of theirs can move): a constant
        self.fixed_bad = sum(r.violation() / max(1.0, abs(r.rhs)) for n, r in checked.items()
                             if n not in taken and r.kind not in ("soft", "pat", "bound")
                             and built.prob.get_constraint_by_name(n) is None)

    def _pat(self, potential: float) -> float:
        return min(potential, self.pat_cap) if self.case.pat is not None else 0.0

    def _term(self, row: dict, lhs: float, pat: float) -> float:
        value = lhs + row["pat"] * pat
        slack = -value if row["sense"] == pulp.LpConstraintLE else value if row["sense"] == pulp.LpConstraintGE \
            else -abs(value)
        v = max(0.0, -slack)
        return v / row["scale"] if v > TOL * row["scale"] else 0.0

    def badness(self) -> float:
        pat = self._pat(self.potential)
        return self.fixed_bad + sum(self._term(r, r["lhs"], pat) for r in self.rows)

    def change(self, mid: str, delta: float) -> tuple[float, bool]:
        """(badness after a step of ``delta`` new entries of ``mid``, whether a limit that can only
        tighten is broken by it), without taking the step."""
        pat_before = self._pat(self.potential)
        pat_after = self._pat(self.potential + self.relief[mid] * delta)
        bad = self.badness_cached
        touched = {k: a for k, a in self.of[mid]}
        if pat_after != pat_before:   # the PAT relief moves the rows that use it
            touched.update({k: touched.get(k, 0.0) for k, r in enumerate(self.rows) if r["pat"]})
        hard = False
        for k, a in touched.items():
            r = self.rows[k]
            old = self._term(r, r["lhs"], pat_before)
            new = self._term(r, r["lhs"] + a * delta, pat_after)
            bad += new - old
            if new > old and r["tightens"]:
                hard = True
        return bad, hard

    def take(self, mid: str, delta: float) -> None:
        for k, a in self.of[mid]:
            self.rows[k]["lhs"] += a * delta
        self.potential += self.relief[mid] * delta
        self.badness_cached = self.badness()

    def start(self) -> float:
        self.badness_cached = self.badness()
        return self.badness_cached


class _Objective:
    """The objective's change when one measure's new entries change (per measure, plus the staff penalty)."""

    def __init__(self, case: Case, objective: Objective, plan: dict[str, float]):
        weights = {objective.lexicographic[0]: 1.0} if objective.lexicographic else dict(objective.weights)
        self.case = case
        self.coef = {}
        for mid in plan:
            m, mp = case.measure(mid), case.planning.of(mid)
            self.coef[mid] = sum(w * (m.objective_weight if t == "integrations" else mp.target_factor(t))
                                 for t, w in weights.items() if t in TARGETS)
        self.staff = case.planning.uses("staff")
        self.class_of = {mid: case.planning.of(mid).staff_class for mid in plan}
        self.staff_classes = {sc.id: sc for sc in case.planning.staff} if self.staff else {}
        self.class_entries = {c: 0.0 for c in self.staff_classes}
        if self.staff:
            for m in case.measures:
                c = case.planning.of(m.id).staff_class
                if c in self.class_entries:
                    self.class_entries[c] += m.total_entries(plan.get(m.id, 0.0))

    def gain(self, mid: str, x_old: float, x_new: float) -> float:
        m = self.case.measure(mid)
        g = self.coef[mid] * (measure_integrations(self.case, m, m.total_entries(x_new))
                              - measure_integrations(self.case, m, m.total_entries(x_old)))
        c = self.class_of[mid]
        if self.staff and c in self.staff_classes:
            sc = self.staff_classes[c]
            before = self.class_entries[c]
            after = before + (x_new - x_old)
            g -= sc.penalty * (max(0.0, after - sc.capacity_entries) - max(0.0, before - sc.capacity_entries))
        return g

    def take(self, mid: str, x_old: float, x_new: float) -> None:
        c = self.class_of[mid]
        if c in self.class_entries:
            self.class_entries[c] += x_new - x_old


def round_plan(case: Case, lp_plan: dict[str, float], objective: Objective | None = None, *,
               built=None) -> dict[str, float]:
    """The LP plan rounded to whole places and classes by the greedy heuristic (module doc).
    ``built``: the case's LP model with the default objective (``build_model(case, integer=False)``)
    if the caller has it already; its rows are read, not solved."""
    objective = objective or Objective()
    steps = {mid: allowed_steps(case, mid) for mid in lp_plan}
    for mid, vals in steps.items():
        if not vals:
            raise InputError(T.ROUND_NO_STEP.format(id=mid))
    plan = {}
    for mid, x in lp_plan.items():
        i = bisect.bisect_right(steps[mid], x + 1e-6)
        plan[mid] = float(steps[mid][i - 1] if i else steps[mid][0])

    def up(mid: str) -> float | None:
        i = bisect.bisect_right(steps[mid], plan[mid] + 1e-9)
        return float(steps[mid][i]) if i < len(steps[mid]) else None

    limits = _Limits(case, plan, built)
    obj = _Objective(case, objective, plan)

    def take(mid: str, v: float) -> None:
        obj.take(mid, plan[mid], v)
        limits.take(mid, v - plan[mid])
        plan[mid] = v

    bad = limits.start()
    while bad > 1e-9:                                       # 2. repair the minima
        best = None
        for mid in plan:
            v = up(mid)
            if v is None:
                continue
            b, _ = limits.change(mid, v - plan[mid])
            if b < bad - 1e-12 and (best is None or b < best[0]):
                best = (b, mid, v)
        if best is None:
            break   # no single step repairs more: reported as violations of the rounded plan
        _, mid, v = best
        take(mid, v)
        bad = limits.badness_cached

    version = dict.fromkeys(plan, 0)   # a heap entry is current while its measure's version is

    def candidate(mid: str):
        version[mid] += 1
        v = up(mid)
        if v is None:
            return None
        gain = obj.gain(mid, plan[mid], v)
        if gain <= 1e-12:
            return None
        cost = case.measure(mid).cost_per_entry_eur * (v - plan[mid])
        # ties by id, as a sort of (−ratio, id) would break them
        return (-(gain / cost) if cost > 0 else -math.inf, mid, v, version[mid])

    heap = [c for c in map(candidate, list(plan)) if c is not None]
    heapq.heapify(heap)
    waiting: list = []
    while heap:                                             # 3. fill by objective per euro
        item = heapq.heappop(heap)
        _, mid, v, ver = item
        if ver != version[mid]:            # outdated: the measure (or its staff class) moved since
            continue
        b, hard = limits.change(mid, v - plan[mid])
        if b > bad + 1e-12:
            if not hard:
                waiting.append(item)       # may fit again once another step has moved the limits
            continue
        take(mid, v)
        bad = limits.badness_cached
        # the stepped measure gets its next step; with a staff penalty every gain may have moved
        for c in map(candidate, list(plan) if obj.staff else [mid]):
            if c is not None:
                heapq.heappush(heap, c)
        for w in waiting:
            if w[3] == version[w[1]]:
                heapq.heappush(heap, w)
        waiting.clear()
    return plan
