"""Why a measure moves or stops: the cause that actually holds it at the optimum, one record each.

For every measure with new entries whose plan differs from the measure table's own plan (it *moves*)
or that gets no new money (it *stops*), ``reasons`` names what holds it, in this order:

1. **its own bound**: at its upper bound with a positive reduced cost (another entry would raise the
   objective; only the bound stops it), or at a positive lower bound with a negative one. The record
   keeps where the bound comes from (``Measure.upper_source``/``lower_source``: the POLICY default
   of the case, the planner's table, a scenario).
2. **a binding row**: a commitment, a link, a field minimum, a pool, a statutory limit, the PAT cap
   that contains the measure and binds with a nonzero shadow price. Each such row is relaxed once
   on the warm model (``amip.optimizer.warm.WarmModel.solve_with``: a commitment or link dropped, any
   other row opened by its own size) and the row that moves the measure most is named, with the
   direction it moves the measure in.
3. **the budget**: the Neufallbudget +1 % moves the measure (it takes or gives the last money), or
   the measure stops because its reduced cost is negative while no binding row of its own moves
   it: its yield per 100.000 € against the budget's shadow price. Then the rate it would need is
   stated (from the reduced cost), which is what a re-solve checks.
4. otherwise **a tie**: nothing single moves it; the LP has other plans of the same value and the
   choice between them is not a reason (said so). Where no warm model can be had (whole places,
   diminishing returns, staff limits, weighted objectives, goals) only the own bounds speak and
   the rest is **open**, said so too.

Every sentence of a reason is built here from amip.texts; the Vorlage, --explain, the sensitivity
report, replan and evaluate render these records. ``relax`` says how a test re-solves to check the
claim, ``moves`` the direction the measure then goes ("up"/"down").
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from amip import texts as T
from amip.models import Case
from amip.models.check import BUDGET
from amip.models.fmt import fixed, num
from amip.optimizer.result import OptimizationResult

PER = 100_000.0
BUDGET_STEP = 0.01       #: the budget is relaxed by 1 %
TOL = 1e-6

#: the kinds of cause a reason names
CAUSES = ("upper", "lower", "commitment", "link", "row", "budget", "price", "tie", "open")


@dataclass(frozen=True)
class Reason:
    id: str
    name: str
    change: str            #: "more", "less" (against the table's plan) or "stops" (no new entries)
    before: float          #: new entries in the table's plan
    after: float           #: new entries in the optimum
    cause: str             #: one of CAUSES
    constraint: str        #: the holding row or bound ("policy__egz_nachfrage", "upper__hf1_egz", "budget__neufall")
    label: str             #: its German label
    source: str            #: where the bound or commitment comes from (quoted source)
    origin: str            #: "POLICY", "ESTIMATE", "Planungstabelle", "Szenario", "Regel" or ""
    per_100k: float | None  #: the measure's yield per 100.000 € (in the optimised measure)
    budget_per_100k: float  #: what the last 100.000 € bring (budget shadow price)
    needed_rate: float | None  #: price causes: the rate at which the measure would get money
    relax: str             #: how a re-solve relaxes the cause: upper, lower, drop, widen, budget, rate, none
    moves: str             #: the direction the measure moves then: "up", "down" or "" (tie)
    text: str              #: the reason in one German sentence (without the measure's name)

    def to_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self)


def origin_of(source: str) -> str:
    """Where a bound or commitment comes from, as a key of texts.RS_ORIGIN."""
    s = source or ""
    if s.startswith(T.SRC_REPLAN_CAPACITY.split(":", 1)[0]):
        return "Kapazität"
    if "POLICY" in s:
        return "POLICY"
    if "ESTIMATE" in s:
        return "ESTIMATE"
    if s.startswith("scenario") or "Szenario" in s:
        return "Szenario"
    return "Planungstabelle" if s else ""


def _kind_of(row) -> str:
    return {"policy": "commitment", "link": "link"}.get(row.kind, "row")


def reasons(case: Case, result: OptimizationResult, *, model=None, reference: dict[str, float] | None = None,
            tol: float = TOL) -> tuple[Reason, ...]:
    """One Reason per measure that moves against ``reference`` (default: each result's planned new
    entries, the table's own plan) or stops. ``model``: a solved amip.optimizer.warm.WarmModel of
    the same case (built here when None and the case allows one; without it only the reduced costs
    speak: own bounds and prices, the rest is said to be open)."""
    if not result.is_optimal:
        return ()
    # the warm model solves the default objective as an LP: other objectives, goals, whole places and
    # lexicographic stages keep to what their own reduced costs say (own bounds), the rest stays open
    own_lp = result.modes.plain
    if model is None and own_lp:
        model = _warm(case)
    if not own_lp:
        model = None
    rows = {c.name: c for c in result.constraints}
    budget = rows.get(BUDGET)
    lam = budget.dual if budget is not None and budget.dual else 0.0
    marg = lam * PER
    ref = reference if reference is not None else {m.id: m.planned_new_entries for m in result.measures}
    todo = []
    for m in result.measures:
        if m.budget_basis not in ("new", "mixed"):
            continue
        before, after = ref.get(m.id, 0.0), m.new_entries
        stops = after <= tol and (case.measure(m.id).upper_entries > tol)
        if not stops and abs(after - before) <= tol * max(1.0, abs(before)):
            continue
        todo.append((m, before, after, "stops" if stops else ("more" if after > before else "less")))
    if not todo:
        return ()
    moved = _row_moves(case, result, model, [m.id for m, *_ in todo], tol) if model is not None else {}
    out = []
    for m, before, after, change in todo:
        cm = case.measure(m.id)
        rc = m.reduced_cost or 0.0
        value = m.effects.get(result.effect, m.rate) if m.effects else m.rate
        per = value / m.cost_per_entry * PER if m.cost_per_entry > 0 and value is not None else None
        common = {"id": m.id, "name": m.name, "change": change, "before": before, "after": after,
                  "per_100k": per, "budget_per_100k": marg}
        at_upper = after >= cm.upper_entries - tol * max(1.0, cm.upper_entries)
        at_lower = after <= cm.lower_entries + tol * max(1.0, cm.lower_entries)
        if at_upper and rc > tol:
            out.append(_bound(common, "upper", m.id, cm.upper_entries, cm.upper_source))
            continue
        if at_lower and cm.lower_entries > tol and rc < -tol:
            out.append(_bound(common, "lower", m.id, cm.lower_entries, cm.lower_source))
            continue
        best = None
        for name, delta in moved.get(m.id, []):
            if best is None or abs(delta) > abs(best[1]) + tol:
                best = (name, delta)
        if best is not None and best[0] != BUDGET:
            row = rows[best[0]]
            out.append(_row(common, row, best[1], _kind_of(row)))
            continue
        if best is not None:
            out.append(_budget(common, best[1]))
            continue
        if model is None:
            out.append(Reason(**common, cause="open", constraint="", label="", source="", origin="",
                              needed_rate=None, relax="none", moves="", text=T.RS_OPEN.format(dir=_dir(change))))
            continue
        if at_lower and rc < -tol and cm.objective_weight:
            needed = m.rate - rc / cm.objective_weight
            out.append(_price(common, needed, result.effect))
            continue
        out.append(Reason(**common, cause="tie", constraint="", label="", source="", origin="", needed_rate=None,
                          relax="none", moves="", text=T.RS_TIE))
    return tuple(out)


def by_id(rs) -> dict[str, Reason]:
    return {r.id: r for r in rs}


# ---------------------------------------------------------------------- the re-solves
def _warm(case: Case):
    """A WarmModel of the case, or None where the case needs what it does not model (whole
    places, diminishing returns, staff limits) or other objective weights."""
    from amip.errors import InputError, SolverError
    from amip.optimizer.warm import WarmModel

    try:
        return WarmModel(case)
    except (InputError, SolverError):
        return None


def relaxed_rows(model, row) -> dict[str, tuple[float, float]]:
    """The bounds a re-solve gives a binding row to relax it: a commitment or link dropped; any other
    row opened on its restricting side by the larger of its own size and 1 (a field minimum to 0
    and below, a pool doubled …)."""
    lo, hi = model.row_bounds(row.name)
    if row.kind in ("policy", "link"):
        return {row.name: (-np.inf, np.inf)}
    if row.sense == "<=":
        return {row.name: (lo, hi + max(abs(hi), 1.0))}
    return {row.name: (lo - max(abs(lo), 1.0), hi)}


def _row_moves(case: Case, result: OptimizationResult, model, ids: list[str], tol: float
               ) -> dict[str, list[tuple[str, float]]]:
    """measure id → [(binding row, change of its new entries when the row is relaxed)] for the rows
    that contain it, and the budget +1 % for every measure: one re-solve per binding row."""
    base = model.solve_with()
    if not base.optimal:
        return {}
    col = {mid: k for k, mid in enumerate(model.ids)}
    want = {mid for mid in ids if mid in col}
    members = _members(model, want)
    out: dict[str, list[tuple[str, float]]] = {}
    binding = [c for c in result.constraints if c.binding and c.kind not in ("bound", "budget")
               and c.dual is not None and abs(c.dual) > 1e-12 and c.name in members]
    for c in binding:
        s = model.solve_with(rows=relaxed_rows(model, c))
        if not s.optimal:
            continue
        for mid in members[c.name]:
            d = float(s.x[col[mid]] - base.x[col[mid]])
            if abs(d) > tol * max(1.0, abs(float(base.x[col[mid]]))):
                out.setdefault(mid, []).append((c.name, d))
    s = model.solve_with(budget_eur=case.budget.neufallbudget_eur * (1 + BUDGET_STEP))
    if s.optimal:
        for mid in want:
            d = float(s.x[col[mid]] - base.x[col[mid]])
            if abs(d) > tol * max(1.0, abs(float(base.x[col[mid]]))):
                out.setdefault(mid, []).append((BUDGET, d))
    return out


def _members(model, ids: set[str]) -> dict[str, set[str]]:
    """row name → the measures of ``ids`` with a nonzero coefficient in it."""
    var = {model.built.x[mid].name: mid for mid in ids}
    out: dict[str, set[str]] = {}
    for name in model.built.constraint_names:
        con = model.built.prob.get_constraint_by_name(name)
        hit = {var[v.name] for v, a in con.items() if a and v.name in var}
        if hit:
            out[name] = hit
    return out


# ---------------------------------------------------------------------- the records
def _dir(change: str) -> str:
    return {"more": T.RS_MORE, "less": T.RS_LESS, "stops": T.RS_STOPS}[change]


def _then(change: str, moves: str) -> str:
    """What the measure would get once its cause is relaxed ("mehr", "weniger"), with "noch" where that
    goes on the way the measure moved against the plan (more → still more, less → still less): the
    direction word and the reason then read as one (trial finding 13)."""
    return T.RS_THEN[(moves, (change == "more") == (moves == "up"))]


def _bound(common: dict, which: str, mid: str, value: float, source: str) -> Reason:
    from amip.models.measure import name_key

    origin = origin_of(source)
    where = T.RS_ORIGIN.get(origin, T.RS_ORIGIN[""])
    if which == "upper":
        text = T.RS_UPPER.format(dir=_dir(common["change"]), value=num(value), where=where,
                                 per=_per(common["per_100k"]), marg=fixed(common["budget_per_100k"], 2))
    else:
        text = T.RS_LOWER.format(dir=_dir(common["change"]), value=num(value), where=where,
                                 per=_per(common["per_100k"]), marg=fixed(common["budget_per_100k"], 2))
    label = (T.RS_UPPER_LABEL if which == "upper" else T.RS_LOWER_LABEL).format(id=mid)
    return Reason(**common, cause=which, constraint=f"{which}__{name_key(mid)}", label=label, source=source,
                  origin=origin, needed_rate=None, relax=which, moves="up" if which == "upper" else "down", text=text)


def _row(common: dict, row, delta: float, cause: str) -> Reason:
    moves = "up" if delta > 0 else "down"
    template = {("commitment", "up"): T.RS_COMMITMENT_UP, ("commitment", "down"): T.RS_COMMITMENT_DOWN,
                ("link", "up"): T.RS_LINK_UP, ("link", "down"): T.RS_LINK_DOWN,
                ("row", "up"): T.RS_ROW_UP, ("row", "down"): T.RS_ROW_DOWN}[(cause, moves)]
    label = T.commitment_named(row.label) if cause == "commitment" else row.label
    text = template.format(dir=_dir(common["change"]), label=label, then=_then(common["change"], moves))
    return Reason(**common, cause=cause, constraint=row.name, label=row.label, source=row.source,
                  origin=origin_of(row.source), needed_rate=None, relax="drop" if cause != "row" else "widen",
                  moves=moves, text=text)


def _budget(common: dict, delta: float) -> Reason:
    moves = "up" if delta > 0 else "down"
    per, marg = common["per_100k"], common["budget_per_100k"]
    same = per is not None and fixed(per, 2) == fixed(marg, 2)
    if moves == "down":   # more than planned yet less with more budget: "gibt Geld ab" would contradict "Mehr"
        template = T.RS_BUDGET_DOWN_MORE if common["change"] == "more" else T.RS_BUDGET_DOWN
    elif common["change"] == "stops":
        template = T.RS_BUDGET_STOPS if same else T.RS_BUDGET_STOPS_ROWS
    else:
        template = T.RS_BUDGET_UP if same else T.RS_BUDGET_UP_ROWS
    text = template.format(dir=_dir(common["change"]), per=_per(common["per_100k"]),
                           marg=fixed(common["budget_per_100k"], 2), then=_then(common["change"], moves))
    return Reason(**common, cause="budget", constraint=BUDGET, label=T.RS_BUDGET_LABEL, source="", origin="",
                  needed_rate=None, relax="budget", moves=moves, text=text)


def _price(common: dict, needed: float, effect: str) -> Reason:
    per = common["per_100k"]
    template = T.RS_PRICE if per is not None and per < common["budget_per_100k"] else T.RS_PRICE_ROWS
    text = template.format(dir=_dir(common["change"]), per=_per(common["per_100k"]),
                             marg=fixed(common["budget_per_100k"], 2), needed=fixed(needed * 100, 2),
                             rate_word=T.RS_RATE_WORD.get(effect, T.RS_RATE_WORD["gross"]))
    return Reason(**common, cause="price", constraint=BUDGET, label=T.RS_BUDGET_LABEL, source="", origin="",
                  needed_rate=needed, relax="rate", moves="up", text=text)


def _per(v: float | None) -> str:
    return "–" if v is None else fixed(v, 2)
