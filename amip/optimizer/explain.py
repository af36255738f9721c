"""`--explain`: why money is left unspent, why a measure gets nothing, what binds. Plain words with
numbers, computed from an optimal result (its duals and reduced costs) and the case."""
from __future__ import annotations

from amip import texts as T
from amip.models import Case
from amip.models.check import BUDGET
from amip.models.fmt import eur, fixed, num
from amip.optimizer.reasons import by_id, origin_of, reasons
from amip.optimizer.result import OptimizationResult

PER = 100_000   #: money is explained per 100.000 €


def vacuous(c) -> bool:
    """Binding at 0 ≤ 0 (the PAT relief without any § 16i entry): nothing to explain."""
    return c.kind == "pat" and abs(c.lhs) < 1e-9 and abs(c.rhs) < 1e-9


def _at_upper(new_entries: float, upper_entries: float, tol: float) -> bool:
    return new_entries >= upper_entries - tol * max(1.0, upper_entries)


def explain(case: Case, r: OptimizationResult, *, tol: float = 1e-6) -> dict:
    """Returns {"unspent": …, "binding": [...], "unfunded": [...], "capped": [...]} as text and numbers."""
    cons = {c.name: c for c in r.constraints}
    budget = cons.get(BUDGET)
    lam = budget.dual if budget is not None and budget.dual is not None else 0.0   # objective per €
    out: dict = {"budget_shadow_price_per_100k": lam * PER}

    # 1. Is money left, and what stops further spending?
    left = r.budget_limit - r.budget_used
    at_upper = [m for m in r.measures if m.budget_basis in ("new", "mixed") and m.rate > 0
                and _at_upper(m.new_entries, case.measure(m.id).upper_entries, tol)]
    blocking = [c for c in r.constraints if c.binding and c.kind in ("field_min", "pool", "statutory", "share_cap")]
    if left > 1.0:
        text = T.EX_UNSPENT.format(left=eur(left), n=len(r.bounds_at_limit().upper))   # the one count (terminal, JSON)
        if blocking:
            text += T.EX_UNSPENT_BINDING.format(items=", ".join(c.label for c in blocking))
        out["unspent"] = {"eur": left, "text": text + ".",
                          "at_upper_bound": [m.id for m in at_upper], "binding": [c.name for c in blocking]}
    else:
        out["unspent"] = {"eur": max(left, 0.0), "text": T.EX_USED.format(price=fixed(lam * PER, 2)),
                          "at_upper_bound": [],
                          "binding": [BUDGET]}

    # 2. What binds, and what it costs.
    binding = []
    for c in r.constraints:
        if not c.binding or c.kind == "bound" or c.dual is None or vacuous(c):
            continue
        if c.unit == "EUR":
            text = T.EX_BINDS_EUR.format(label=c.label, name=c.name, dual=fixed(c.dual * PER, 2))
        else:
            text = T.EX_BINDS_ENTRY.format(label=c.label, name=c.name, dual=fixed(c.dual, 3))
        binding.append({"constraint": c.name, "dual": c.dual, "text": text})
    out["binding"] = binding

    # 3. Measures that get nothing new, and what holds them (amip.optimizer.reasons); how far their
    # rate is from getting money (from the reduced cost)
    rs = reasons(case, r)
    why = by_id(rs)
    out["reasons"] = [x.to_dict() for x in rs]
    unfunded, capped = [], []
    for m in r.measures:
        if m.budget_basis not in ("new", "mixed") or m.reduced_cost is None:
            continue
        cm = case.measure(m.id)
        new_upper = cm.upper_entries
        rc = m.reduced_cost            # objective per extra new entry at its bound
        yield_per_100k = cm.objective_rate / m.cost_per_entry * PER if m.cost_per_entry > 0 else float("inf")
        if m.new_entries <= cm.lower_entries + tol * max(1.0, new_upper) and rc < -tol:
            unfunded.append({
                "id": m.id, "reduced_cost": rc, "rate": m.rate, "needed_rate": m.rate - rc / cm.objective_weight,
                "yield_per_100k": yield_per_100k,
                "cause": why[m.id].cause if m.id in why else None,
                "text": T.EX_REASON.format(name=m.name, id=m.id, text=why[m.id].text)
                if m.id in why and why[m.id].cause not in ("tie", "open") else T.EX_UNFUNDED.format(
                    name=m.name, id=m.id, what=T.EX_NOTHING if cm.lower_entries == 0 else T.EX_ONLY_LOWER,
                    cost=eur(m.cost_per_entry), rate=fixed(m.rate * 100), yield_=fixed(yield_per_100k, 2),
                    price=fixed(lam * PER, 2), points=fixed(-rc / cm.objective_weight * 100, 2),
                    needed=fixed((m.rate - rc / cm.objective_weight) * 100, 2), rc=fixed(rc, 3))})
        elif _at_upper(m.new_entries, new_upper, tol) and rc > tol:
            capped.append({"id": m.id, "reduced_cost": rc,
                           "text": T.EX_CAPPED.format(name=m.name, id=m.id, upper=num(new_upper),
                                                      where=T.RS_ORIGIN[origin_of(cm.upper_source)],
                                                      rc=fixed(rc, 3))})
    out["unfunded"] = sorted(unfunded, key=lambda u: u["reduced_cost"], reverse=True)
    out["capped"] = sorted(capped, key=lambda u: -u["reduced_cost"])
    # the one count of measures at their bounds (terminal, report, JSON): the capped list above is the part
    # of those at their upper bound whose next entry would add to the objective (reduced cost > 0)
    out["bounds_at_limit"] = r.bounds_at_limit().to_dict()
    return out
