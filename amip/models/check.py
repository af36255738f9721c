"""A solver-independent checker and scorer of a plan (new entries per measure).

``constraint_rows`` evaluates every constraint of the model from the input data alone, under the
same names the optimiser gives them; ``check_allocation`` keeps the violated ones. It is the
counterpart of python-mip's ``check_optimization_results``.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import mul

from amip import texts as T
from amip.models.case import Case
from amip.models.fmt import eur, fixed
from amip.models.measure import name_key
from amip.models.plain import unchecked_maker
from amip.models.planning import GROUPS, STAFF_CLASSES, TARGETS, classes_for, month_profile, yield_factor_integral
from amip.models.policy import commitment_lhs, link_entries

BUDGET = "budget__neufall"
PAT_PER_ENTRY = "pat__per_entry"
PAT_CAP = "pat__new_cases_cap"


def constraint_name(*parts: str) -> str:
    """ASCII, lowercase, underscores: the shared key of model, duals, checks and reports."""
    return "__".join(p.lower().replace("-", "_").replace(" ", "_") for p in parts)


@dataclass(frozen=True)
class ConstraintRow:
    name: str
    kind: str          #: budget, pat, field_min, pool, statutory, share_cap, bound
    sense: str         #: "<=" or ">="
    lhs: float
    rhs: float
    unit: str          #: "EUR" or "entries"
    label: str         #: German label for reports
    source: str = ""

    @property
    def slack(self) -> float:
        return self.rhs - self.lhs if self.sense == "<=" else self.lhs - self.rhs

    def binding(self, tol: float = 1e-6) -> bool:
        return abs(self.slack) <= tol * max(1.0, abs(self.rhs))

    def violation(self, tol: float = 1e-6) -> float:
        return max(0.0, -self.slack) if -self.slack > tol * max(1.0, abs(self.rhs)) else 0.0


@dataclass(frozen=True)
class Violation:
    constraint: str
    amount: float     #: by how much the constraint is violated, in `unit`
    unit: str         #: "EUR" or "entries"
    message: str


@dataclass(frozen=True)
class PlanScore:
    integrations: float
    objective: float          #: weighted integrations (= integrations unless the scenario sets weights)
    spend_eur: float          #: net spend against the Neufallbudget incl. fixed money-only items
    gross_spend_eur: float
    pat_relief_eur: float
    entries: float
    per_measure: dict[str, dict[str, float]]
    targets: dict[str, float] | None = None   #: target → amount (integrations are weighted if weights are set)
    staff_penalty: float = 0.0                #: integrations the objective loses to entries above staff capacity


def pat_relief_eur(case: Case, new_entries: dict[str, float]) -> tuple[float, float]:
    """(relief the plan uses, relief it could use without the cap): capped at the new-case PAT."""
    if case.pat is None:
        return 0.0, 0.0
    potential = sum(case.pat_relief_per_entry_eur(m) * new_entries.get(m.id, 0.0) for m in case.measures)
    return min(potential, case.pat.cap_eur), potential


def measure_integrations(case: Case, m, total: float) -> float:
    """Expected integrations of ``total`` entries: the rate × entries, or with diminishing returns
    (when switched on) the rate × the concave curve of the planning data."""
    return m.integration_rate * effective_entries(case, m, total)


def effective_entries(case: Case, m, total: float) -> float:
    """Entries weighted by the yield curve: ``total`` itself, or with diminishing returns (when
    switched on) the integral of the concave curve of the planning data. Every effect measure's value
    per entry multiplies this."""
    mp = case.planning.of(m.id)
    if case.planning.uses("returns") and mp.returns:
        return yield_factor_integral(total, m.planned_total_entries, mp.returns)
    return total


def plan_effects(case: Case, new_entries: dict[str, float], *, net_groups: dict | None = None) -> dict[str, dict]:
    """The plan scored under all three effect measures (amip.models.effects), from the input data
    alone: Σ value per entry × (effective) entries. ``missing``: measures without a row in the
    net-effect table (their measure's total is then None). ``net_groups``, if given, receives the
    (effective) entries per (uncertainty group, net value, low, high, distribution): what the net
    P5/P95 of a fixed plan draws over (amip.optimizer.result.effects_report), from the same pass."""
    from amip.models.effects import EFFECTS

    memo: dict[tuple, tuple] = {}   # the values of one table row's measures, computed once
    returns_on = case.planning.uses("returns")
    get = new_entries.get
    c = case.columns
    per_entry, weights = [], []   # per measure: its values per entry and its (effective) entries
    for m, mid, variable, pre, effects, effect, rate, low, high, dist, group, itype in zip(
            case.measures, c["id"], c["has_new_entries"], c["fixed_entries"], c["effects"], c["effect"],
            c["integration_rate"], c["rate_low"], c["rate_high"], c["rate_distribution"], c["rate_group"],
            c["instrument_type"]):
        total = pre + (get(mid, 0.0) if variable else 0.0)   # Measure.total_entries
        entries = effective_entries(case, m, total) if returns_on else total
        key = (id(effects), effect, rate, low, high, dist)
        values = memo.get(key)
        if values is None:
            net, span = m.effect_range_and_value("net")
            net_low, net_high = span if span is not None else (None, None)   # no row in the net-effect table
            values = memo[key] = (tuple(m.effect_value(e) for e in EFFECTS),
                                  (net, net_low, net_high, dist if effect == "net" else "triangular"))
        per_entry.append(values[0])
        weights.append(entries)
        if net_groups is not None:
            g = (group or itype,) + values[1]   # Measure.uncertainty_group
            net_groups[g] = net_groups.get(g, 0.0) + entries
    ids = c["id"]
    out = {}
    for k, e in enumerate(EFFECTS):
        column = [v[k] for v in per_entry]
        if None in column:
            out[e] = {"value": None, "missing": [i for i, v in zip(ids, column, strict=True) if v is None]}
        else:   # Σ value × entries in table order, one product after the other
            out[e] = {"value": sum(map(mul, column, weights), 0.0), "missing": []}
    return out


def staff_load(case: Case, per: dict[str, dict[str, float]]) -> list[dict]:
    """Entries per staff class against its capacity; ``over`` = entries above it (the soft part)."""
    out = []
    for sc in case.planning.staff:
        entries = sum(per[m.id]["entries"] for m in case.measures if case.planning.of(m.id).staff_class == sc.id)
        out.append({"class": sc.id, "entries": entries, "capacity": sc.capacity_entries,
                    "over": max(0.0, entries - sc.capacity_entries), "penalty": sc.penalty, "fte": sc.fte,
                    "caseload": sc.caseload, "source": sc.source})
    return out


def score_plan(case: Case, new_entries: dict[str, float]) -> PlanScore:
    """Integrations, targets and spending of a plan, computed from the input data alone."""
    per, gross, integ, entries, objective = {}, 0.0, 0.0, 0.0, 0.0
    targets = dict.fromkeys(TARGETS, 0.0)
    others = [t for t in targets if t != "integrations"]
    planning = case.planning
    returns_on = planning.uses("returns")
    # measures with amounts per integration (the others add 0 to the other targets)
    targeted = {mid for mid, mp in planning.measures.items() if mp.per_integration}
    get = new_entries.get
    c = case.columns
    for m, mid, variable, cpe, pre, fixed_spend, rate, weight in zip(
            case.measures, c["id"], c["has_new_entries"], c["cost_per_entry_eur"], c["fixed_entries"],
            c["fixed_spend_eur"], c["integration_rate"], c["objective_weight"]):
        x = get(mid, 0.0) if variable else 0.0
        cost = cpe * x if variable else 0.0
        total = pre + (x if variable else 0.0)   # Measure.total_entries
        i = measure_integrations(case, m, total) if returns_on else rate * total
        spend = cost + fixed_spend
        per[mid] = {"new_entries": x, "entries": total, "gross_cost_eur": spend, "integrations": i}
        gross += spend
        integ += i
        objective += weight * i   # the weighted integrations are also the target "integrations"
        entries += total
        if mid in targeted:
            mp = planning.of(mid)
            for t in others:
                targets[t] += mp.target_factor(t) * i
    targets["integrations"] = objective
    penalty = 0.0
    if planning.uses("staff"):
        penalty = sum(s["penalty"] * s["over"] for s in staff_load(case, per))
    pat, _ = pat_relief_eur(case, new_entries)
    return PlanScore(integrations=integ, objective=objective - penalty, spend_eur=gross - pat, gross_spend_eur=gross,
                     pat_relief_eur=pat, entries=entries, per_measure=per, targets=targets, staff_penalty=penalty)


def commitments_eur(case: Case, new_entries: dict[str, float]) -> dict:
    """Money the plan's new entries bind in each later year (Vorbindungen), total and per measure."""
    keys = case.planning.year_keys(case.year)
    total = dict.fromkeys(keys, 0.0)
    relief = dict.fromkeys(keys, 0.0)
    per: dict[str, dict[str, float]] = {}
    get, per_entry = new_entries.get, case._commitments_per_entry   # the tuples commitment_per_entry_eur copies
    later_pat = case._later_pat_relief   # the tuples later_pat_relief_per_entry_eur gives
    for mid, variable in zip(case.columns["id"], case.columns["has_new_entries"]):
        x = get(mid, 0.0)
        if not variable or x <= 0:
            continue
        amounts = [c * x for c in per_entry[mid]]
        later_relief = later_pat[mid]
        if any(later_relief):     # adding 0.0 × x changes no sum: skipped for measures without PAT
            for k, r in zip(keys, later_relief, strict=True):
                relief[k] += r * x
        if any(amounts):
            per[mid] = dict(zip(keys, amounts, strict=True))
            for k, a in zip(keys, amounts, strict=True):
                total[k] += a
    if case.pat is not None and case.pat.capped:
        # the case's own cap holds in every year: relief above it is money the later year pays itself
        cap = case.pat.new_cases_cap_eur
        for k in keys:
            over = max(0.0, relief[k] - cap)
            if over > 0:
                share = {mid: case.later_pat_relief_per_entry_eur(case.measure(mid))[keys.index(k)]
                         * new_entries.get(mid, 0.0) / relief[k] for mid in per}
                for mid, sh in share.items():
                    per[mid][k] += over * sh
                total[k] += over
                relief[k] = cap
    return {"years": total, "per_measure": per, "pat_relief": relief}


def group_entries(case: Case, per: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Entries per target group (share × entries of each measure) and their share of all entries."""
    if not any(mp.group_shares for mp in case.planning.measures.values()):
        return {}   # no measure has target-group shares
    all_entries = sum(p["entries"] for p in per.values())
    out = {}
    for g in GROUPS:
        if not any(case.planning.of(m.id).group_share(g) is not None for m in case.measures):
            continue
        n = sum((case.planning.of(m.id).group_share(g) or 0.0) * per[m.id]["entries"] for m in case.measures)
        out[g] = {"entries": n, "share": n / all_entries if all_entries else 0.0,
                  "population_share": case.planning.population.get(g, (None, ""))[0]}
    return out


def share_cap_limit_eur(case: Case, cap) -> float:
    base = case.budget.egt_zuteilung_eur if cap.base == "egt_zuteilung" else case.budget.neufallbudget_eur
    return cap.max_share * base


def constraint_rows(case: Case, new_entries: dict[str, float], *, score: PlanScore | None = None,
                    all_bounds: bool = True) -> list[ConstraintRow]:
    """Every constraint of the model, evaluated on a plan from the input data. ``score``: the plan's
    score_plan, if already computed; ``all_bounds=False`` keeps only the per-measure bounds that bind
    or are violated (what a result reports and check_allocation needs: the others hold with slack)."""
    score = score or score_plan(case, new_entries)
    per = score.per_measure
    rows = [ConstraintRow(BUDGET, "budget", "<=", score.spend_eur, case.budget.neufallbudget_eur, "EUR",
                          "Neufallbudget", "; ".join(s for _, _, s in case.budget.derivation()[-1:]))]
    if case.pat is not None:
        used, potential = pat_relief_eur(case, new_entries)
        rows.append(ConstraintRow(PAT_PER_ENTRY, "pat", "<=", used, potential, "EUR",
                                  "PAT-Entlastung ≤ Σ Pauschale je § 16i-Eintritt", "rule file: " + case.rules.file))
        if case.pat.capped:
            rows.append(ConstraintRow(PAT_CAP, "pat", "<=", used, case.pat.new_cases_cap_eur, "EUR",
                                      "PAT für Neufälle (Obergrenze des Falls)", "case file: pat.cap_eur"))
    for f in case.fields:
        total = sum(per[m.id]["entries"] for m in case.select("field", f.id))   # in table order
        rows.append(ConstraintRow(constraint_name("field_min", f.id), "field_min", ">=", total, f.min_entries,
                                  "entries", f"Mindesteintritte {f.id}", f.min_source))
    for pool in case.pools.values():
        members = [m for m in case.measures if m.pool == pool.id]
        if members:
            rows.append(ConstraintRow(constraint_name("pool", pool.id), "pool", "<=",
                                      sum(per[m.id]["entries"] for m in members), pool.size, "entries",
                                      f"Kundenpool {pool.id}", pool.source))
    for rule in case.rules.eligibility:
        members = [m for m in case.measures if m.instrument_type in rule.instrument_types]
        if members and rule.pool in case.pools:
            rows.append(ConstraintRow(rule.name, "statutory", "<=", sum(per[m.id]["entries"] for m in members),
                                      case.pools[rule.pool].size, "entries",
                                      f"{rule.paragraph}: Zugangspool {rule.pool}", rule.source))
    for cap in case.rules.share_caps:
        spend = sum(per[m.id]["gross_cost_eur"] for m in case.measures if m.instrument_type in cap.instrument_types)
        rows.append(ConstraintRow(cap.name, "statutory", "<=", spend, share_cap_limit_eur(case, cap), "EUR",
                                  f"{cap.paragraph}: Anteil ≤ {cap.max_share:.0%}", cap.source))
    rows += policy_rows(case, new_entries)
    if case.planning.commitment_limits:
        years = commitments_eur(case, new_entries)["years"]
        for lim in case.planning.commitment_limits:
            key = case.planning.limit_key(case.year, lim.year)
            rows.append(ConstraintRow(constraint_name("commitment", str(lim.year)), "commitment", "<=",
                                      years.get(key, 0.0), lim.limit_eur, "EUR",
                                      T.LIMIT_ROW_LABEL.format(year=key), lim.source))
    if case.planning.uses("groups"):
        all_entries = sum(p["entries"] for p in per.values())
        groups = group_entries(case, per)
        for lim in case.planning.group_limits:
            n = groups.get(lim.group, {}).get("entries", 0.0)
            rows.append(ConstraintRow(constraint_name("group", lim.group), "group", ">=", n,
                                      lim.min_share * all_entries, "entries",
                                      f"{GROUPS[lim.group]}: Anteil an allen "
                                      f"Eintritten ≥ {fixed(lim.min_share * 100, 1)} %",
                                      f"{lim.basis}; {lim.source}"))
    if case.planning.uses("staff"):
        for s in staff_load(case, per):
            rows.append(ConstraintRow(constraint_name("staff", s["class"]), "soft", "<=", s["entries"], s["capacity"],
                                      "entries", f"Steuerungskapazität {STAFF_CLASSES[s['class']]} (weich, "
                                                 f"{fixed(s['penalty'], 2)} Integrationen je Eintritt darüber)",
                                      s["source"]))
    rows += bound_rows(case, new_entries, all_bounds=all_bounds)
    return rows


def bound_rows(case: Case, new_entries: dict[str, float], *, all_bounds: bool = True,
               tol: float = 1e-6) -> list[ConstraintRow]:
    """The bounds on each measure's new entries (upper, lower; new entries of a measure without any:
    upper 0). ``all_bounds=False``: only those within ``tol`` of binding or violated."""
    rows = []
    get = new_entries.get
    row = unchecked_maker(ConstraintRow)   # one row per measure and bound: all fields given, no __init__
    c = case.columns
    for mid, variable, up, lo, up_source, lo_source, basis in zip(
            c["id"], c["has_new_entries"], c["upper_entries"], c["lower_entries"], c["upper_source"],
            c["lower_source"], c["budget_basis"]):
        x = get(mid, 0.0)
        if variable:
            if all_bounds or up - x <= tol * max(1.0, abs(up)):   # constraint_name("upper", mid):
                rows.append(row(("upper__" + name_key(mid), "bound", "<=", x, up, "entries",
                                 f"Obergrenze Neueintritte {mid}", up_source)))
            if all_bounds or x - lo <= tol * max(1.0, abs(lo)):
                rows.append(row(("lower__" + name_key(mid), "bound", ">=", x, lo, "entries",
                                 f"Untergrenze Neueintritte {mid}", lo_source)))
        elif x:
            rows.append(row((constraint_name("upper", mid), "bound", "<=", x, 0.0, "entries",
                             f"{mid} hat keine Neueintritte ({basis.value})", "")))
    return rows


def policy_rows(case: Case, new_entries: dict[str, float]) -> list[ConstraintRow]:
    """The active commitments and links of the case on a plan (kinds "policy" and "link")."""
    rows = []
    for c in case.policy.active_commitments:
        lhs = commitment_lhs(case, c, new_entries)
        for name, sense, rhs in c.bounds(case):
            rows.append(ConstraintRow(name, "policy", sense, lhs, rhs, c.unit, T.policy_row_label(c.label),
                                      c.source))
    for lk in case.policy.active_links:
        fe, le = link_entries(case, lk, new_entries)
        for name, sense in lk.bounds():
            rows.append(ConstraintRow(name, "link", sense, fe - lk.ratio * le, lk.allowance if sense == "<=" else 0.0,
                                      "entries",
                                      T.LINK_ROW_LABEL.format(follower=lk.follower, leader=lk.leader,
                                                              ratio=fixed(lk.ratio, 2)), lk.source))
    return rows


def check_allocation(case: Case, new_entries: dict[str, float], *, tol: float = 1e-6,
                     rows: list[ConstraintRow] | None = None) -> list[Violation]:
    """The violated constraints of a plan; [] for a feasible plan. ``tol`` is relative to each RHS.
    ``rows`` may pass in ``constraint_rows(case, new_entries)`` already computed."""
    out = [Violation(constraint_name("unknown", mid), float("nan"), "", f"unknown measure '{mid}'")
           for mid in sorted(set(new_entries) - {m.id for m in case.measures})]
    if case.planning.uses("integer"):
        out += lot_violations(case, new_entries)
    for r in rows if rows is not None else constraint_rows(case, new_entries):
        if r.kind == "soft":      # a soft limit is paid for in the objective, not violated
            continue
        v = r.violation(tol)
        if v:
            amount = eur(v) if r.unit == "EUR" else f"{fixed(v, 1)} Eintritte"
            verb = "überschritten um" if r.sense == "<=" else "unterschritten um"
            out.append(Violation(r.name, v, r.unit, f"{r.label}: {verb} {amount}"))
    return out


def lot_violations(case: Case, new_entries: dict[str, float]) -> list[Violation]:
    """Whole places and whole classes: every measure's new entries are a whole number and, for a
    measure bought in classes, split into classes of class_min..lot_size places."""
    out = []
    for m in case.measures:
        x = new_entries.get(m.id, 0.0)
        if not m.budget_basis.has_new_entries:
            continue
        mp = case.planning.of(m.id)
        if abs(x - round(x)) > 1e-6:
            out.append(Violation(constraint_name("integer", m.id), abs(x - round(x)), "entries",
                                 f"{m.name}: {fixed(x, 2)} Eintritte sind keine ganzen Plätze"))
        elif mp.in_lots and classes_for(x, mp.lot_size, mp.class_min) is None:
            out.append(Violation(constraint_name("lots", m.id), x, "entries",
                                 f"{m.name}: {fixed(x, 0)} Plätze lassen sich nicht in Klassen zu "
                                 f"{mp.class_min}–{mp.lot_size} Plätzen teilen"))
    return out


# --------------------------------------------------------------------------- re-plan of the running year (issue 18)
def replan_rows(case: Case, actuals, profile, year_new_entries: dict[str, float]) -> list[ConstraintRow]:
    """Every constraint of the re-plan at the actuals' report month, evaluated on the year's new
    entries (to date + after the month) from the original case and the actuals alone, under the
    names of the re-plan model (``amip.models.replan``)."""
    from amip.models.replan import later_bound_eur, pat_months, relief_to_date_eur, windows, year_units

    win = windows(case, actuals, profile)
    M = actuals.month
    rows: list[ConstraintRow] = []
    after: dict[str, float] = {}
    for m in case.measures:
        w = win.get(m.id)
        if w is None or not m.budget_basis.has_new_entries:
            continue
        e = actuals.of(m.id).entries_to_date
        x = year_new_entries.get(m.id, 0.0)
        after[m.id] = x - e
        rows.append(ConstraintRow(constraint_name("lower", m.id), "bound", ">=", x, e + w.min_entries, "entries",
                                  f"Eintritte {m.id} bis Monat {M} (Ist, fest)", actuals.file))
        rows.append(ConstraintRow(constraint_name("upper", m.id), "bound", "<=", x - e, w.capacity_entries,
                                  "entries", f"Kapazität {m.id} nach Monat {M} "
                                             f"(laufendes Tempo, ab Monat {w.start_month} mehr; Profil)",
                                  w.lead_time_source))
    committed = sum(w.committed_eur for w in win.values())
    rtd = relief_to_date_eur(case, actuals)
    plan_units = {mid: year_units(case, case.measure(mid), case.planning.first_entry_month) for mid in after}

    def late_cost(mid: str, k: int) -> float:
        """Money one entry after the month binds in year k (0 = this year), from the month profile."""
        m = case.measure(mid)
        u0 = plan_units[mid][0]
        units = year_units(case, m, win[mid].cost_start_month)
        if u0 <= 0:
            return m.cost_per_entry_eur if k == 0 else 0.0
        return m.cost_per_entry_eur * units[k] / u0

    new_cost = sum(late_cost(mid, 0) * y for mid, y in after.items())
    pat_new = 0.0
    if case.pat is not None:
        rate = case.pat.mean_rate_eur_per_month
        p16i = [mid for mid in after if case.pat.applies_to(case.measure(mid).instrument_type)]
        months = min((pat_months(case, case.measure(mid), win[mid].cost_start_month) for mid in p16i), default=0.0)
        potential = sum(min(months * rate, late_cost(mid, 0)) * after[mid] for mid in p16i)
        pat_new = min(potential, max(0.0, case.pat.cap_eur - rtd))
    rows.append(ConstraintRow(BUDGET, "budget", "<=", committed - rtd + new_cost - pat_new,
                              max(case.budget.neufallbudget_eur, committed - rtd), "EUR",
                              f"Neufallbudget (Ist bis Monat {M} + Festlegungen + neue Eintritte)"))
    total = {m.id: m.fixed_entries + (year_new_entries.get(m.id, 0.0) if m.budget_basis.has_new_entries else 0.0)
             for m in case.measures}
    for f in case.fields:
        members = [m for m in case.measures if m.field == f.id]
        reach = sum(m.fixed_entries + (actuals.of(m.id).entries_to_date + win[m.id].capacity_entries
                                       if m.id in after else 0.0) for m in members)
        rows.append(ConstraintRow(constraint_name("field_min", f.id), "field_min", ">=",
                                  sum(total[m.id] for m in members), min(f.min_entries, reach), "entries",
                                  f"Mindesteintritte {f.id} (soweit nach Monat {M} erreichbar)", f.min_source))
    for pool in case.pools.values():
        fixed_use = [m for m in case.measures if m.pool == pool.id]
        rule_use = [[m for m in case.measures if m.instrument_type in r.instrument_types]
                    for r in case.rules.eligibility if r.pool == pool.id]
        for name, members in ([(constraint_name("pool", pool.id), fixed_use)] if fixed_use else []) + \
                [(r.name, ms) for r, ms in zip([r for r in case.rules.eligibility if r.pool == pool.id], rule_use,
                                               strict=True) if ms]:
            to_date = sum(m.fixed_entries + actuals.of(m.id).entries_to_date * (m.id in after) for m in members)
            used_all = [sum(m.fixed_entries + actuals.of(m.id).entries_to_date * (m.id in after) for m in ms)
                        for ms in [fixed_use] + rule_use]
            rows.append(ConstraintRow(name, "pool", "<=", sum(total[m.id] for m in members),
                                      max(pool.size, max(used_all), to_date), "entries", f"Kundenpool {pool.id}",
                                      pool.source))
    if case.planning.commitment_limits:
        keys = case.planning.year_keys(case.year)
        bound = later_bound_eur(case, actuals)
        for lim in case.planning.commitment_limits:
            key = case.planning.limit_key(case.year, lim.year)
            k = keys.index(key) + 1
            money = 0.0
            for mid, y in after.items():
                m = case.measure(mid)
                g = late_cost(mid, k)
                if case.pat is not None and case.pat.applies_to(m.instrument_type):
                    mp = case.planning.of(mid)
                    later = month_profile(mp.duration_months, (), win[mid].cost_start_month,
                                          case.planning.years_ahead + 1)[k] if win[mid].cost_start_month <= 12 else 0.0
                    r = case.pat.mean_rate_eur_per_month * later
                    g = g - min(g, r) if case.pat.cap_at_subsidy else g - r
                money += g * y
            rows.append(ConstraintRow(constraint_name("commitment", str(lim.year)), "commitment", "<=",
                                      bound.get(key, 0.0) + money,
                                      max(lim.limit_eur, bound.get(key, 0.0)), "EUR",
                                      T.LIMIT_ROW_LABEL_REPLAN.format(year=key),
                                      lim.source))
    return rows


def check_replan(case: Case, actuals, profile, year_new_entries: dict[str, float], *,
                 tol: float = 1e-6) -> list[Violation]:
    """The violated constraints of a re-plan (year's new entries per measure); [] if it holds."""
    out = []
    for r in replan_rows(case, actuals, profile, year_new_entries):
        v = r.violation(tol)
        if v:
            out.append(Violation(r.name, v, r.unit,
                                 f"{r.label}: {'überschritten' if r.sense == '<=' else 'unterschritten'} "
                                                    f"um {eur(v) if r.unit == 'EUR' else fixed(v, 1)}"))
    return out
