"""Re-planning the rest of the year (issue 18): the independent checker with the actuals fixed, a
second path to the optimum (scipy's HiGHS on a model written from the case and the actuals), and
re-planning at month 12 with the plan's own actuals changes nothing."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import linprog

from amip.inputs.actuals import national_profile, read_actuals
from amip.inputs.loader import DATA_DIR
from amip.models.check import check_allocation, check_replan
from amip.models.planning import month_profile
from amip.models.replan import actuals_of, derived_from_plan
from amip.optimizer.replan import replan
from amip.scenarios import load_scenario
from tests.conftest import scipy_optimum

EXAMPLES = DATA_DIR / "duisburg-2020"


@pytest.fixture(scope="module")
def ycase():
    return load_scenario(None)


@pytest.fixture(scope="module")
def profile():
    return national_profile()


@pytest.fixture(scope="module", params=[6, 9])
def example(request, ycase, profile):
    a = read_actuals(EXAMPLES / f"ist-2020-{request.param:02d}.xlsx", ycase, month=request.param)
    return a, replan(ycase, a, profile)


def year_entries(case, rp) -> dict[str, float]:
    return {a.id: a.entries for a in rp.actions if case.measure(a.id).budget_basis.has_new_entries}


def scipy_replan(case, actuals, profile) -> float:
    """The re-plan written from the case and the actuals alone (README method) and solved by
    scipy.optimize.linprog(method='highs'): variables = new entries after month M, then the PAT."""
    M = actuals.month
    p = case.planning
    ms = [m for m in case.measures if m.budget_basis.has_new_entries]

    def units(m, start):
        sched = p.schedules.get(m.instrument_type)
        return month_profile(p.of(m.id).duration_months, sched.shares if sched else (), start, p.years_ahead + 1)

    cost, lo, hi, pat_coef = [], [], [], []
    for m in ms:
        e = actuals.of(m.id).entries_to_date
        u_plan = units(m, p.first_entry_month)[0]
        cost.append(m.cost_per_entry_eur * (units(m, M + 1)[0] / u_plan if u_plan > 0 else 1.0))
        s = M + 1 + math.ceil(p.of(m.id).lead_time_months)
        c = profile.at
        run = (e / c(M)) * (c(min(s - 1, 12)) - c(M))
        extra = m.upper_entries * (1 - c(s - 1)) if s <= 12 else 0.0
        hi.append(max(0.0, min(run + extra, m.upper_entries - e)))
        lo.append(min(max(0.0, m.lower_entries - e), hi[-1]))
        if case.pat is not None and case.pat.applies_to(m.instrument_type):
            months = month_profile(p.of(m.id).duration_months, (), M + 1, p.years_ahead + 1)[0]
            pat_coef.append(min(months * case.pat.mean_rate_eur_per_month, cost[-1]))
        else:
            pat_coef.append(0.0)
    n = len(ms) + 1
    fixed = {m.id: m.fixed_entries + (actuals.of(m.id).entries_to_date if m.budget_basis.has_new_entries else 0.0)
             for m in case.measures}
    committed = sum(actuals.of(m.id).spend_to_date_eur + actuals.of(m.id).committed_rest_eur for m in ms)
    committed += sum(max(actuals.of(m.id).spend_to_date_eur + actuals.of(m.id).committed_rest_eur, m.fixed_spend_eur)
                     for m in case.measures if not m.budget_basis.has_new_entries and m.fixed_spend_eur > 0)
    rtd = min(case.pat.cap_eur, sum(case.pat_relief_per_entry_eur(m) * actuals.of(m.id).entries_to_date
                                              for m in ms))
    A, b = [], []
    A.append(cost + [-1.0]), b.append(max(0.0, case.budget.neufallbudget_eur + rtd - committed))
    A.append([-c for c in pat_coef] + [1.0]), b.append(0.0)
    if case.pat.capped:
        A.append([0.0] * len(ms) + [1.0]), b.append(max(0.0, case.pat.new_cases_cap_eur - rtd))
    for f in case.fields:
        members = [m for m in case.measures if m.field == f.id]
        fx = sum(fixed[m.id] for m in members)
        reach = fx + sum(h for m, h in zip(ms, hi, strict=True) if m.field == f.id)
        A.append([-1.0 if m.field == f.id else 0.0 for m in ms] + [0.0]), b.append(-(min(f.min_entries, reach) - fx))
    groups = [(pool.id, [m for m in case.measures if m.pool == pool.id]) for pool in case.pools.values()]
    groups += [(r.pool, [m for m in case.measures if m.instrument_type in r.instrument_types])
               for r in case.rules.eligibility]
    for pid, members in groups:
        if not members:
            continue
        size = max([case.pools[pid].size] + [sum(fixed[m.id] for m in ms_) for q, ms_ in groups if q == pid])
        ids = {m.id for m in members}
        A.append([1.0 if m.id in ids else 0.0 for m in ms] + [0.0]), b.append(size - sum(fixed[m.id] for m in members))
    # Commitments (issue 14): the entries to date count towards each promise; one the rest of the year
    # cannot keep within [lo, hi] is lifted. Links on totals (pre-bought + to date + new).
    pol = case.policy
    for cm in (pol.commitments if pol.enabled else ()):
        if not cm.active:
            continue
        attr = "id" if cm.selector == "measure" else "instrument_type"
        idx = [i for i, m in enumerate(ms) if getattr(m, attr) in cm.keys]
        coef = {i: (ms[i].cost_per_entry_eur if cm.kind == "max_eur" else 1.0) for i in idx}
        done = sum(coef[i] * actuals.of(ms[i].id).entries_to_date for i in idx)
        lo_sum, hi_sum = sum(coef[i] * lo[i] for i in idx), sum(coef[i] * hi[i] for i in idx)
        ref = cm.reference_entries if cm.reference_entries is not None else sum(ms[i].planned_entries for i in idx)
        rows = {"min_entries": [(">=", cm.value)], "max_entries": [("<=", cm.value)], "max_eur": [("<=", cm.value)],
                "corridor": [(">=", ref * (1 - cm.value / 100)), ("<=", ref * (1 + cm.value / 100))]}[cm.kind]
        rows = [(sense, rhs - done) for sense, rhs in rows]
        tol = [1e-6 * max(1.0, abs(rhs)) for _, rhs in rows]
        if any((rhs - hi_sum if sense == ">=" else lo_sum - rhs) > t
               for (sense, rhs), t in zip(rows, tol, strict=True)):
            continue   # out of reach: lifted
        rows = [(sense, min(rhs, hi_sum) if sense == ">=" else max(rhs, lo_sum)) for sense, rhs in rows]   # rounding
        for sense, rhs in rows:
            vec = [coef.get(i, 0.0) for i in range(len(ms))] + [0.0]
            A.append(vec if sense == "<=" else [-v for v in vec]), b.append(rhs if sense == "<=" else -rhs)
    # Limits on later years' money (issue 26): the entries after the month bind no more of a later year than
    # the limit less what the entries to date bind (the Ist workbook's Festlegungen for that year).
    keys = p.year_keys(case.year)
    for lim in p.commitment_limits:
        k = lim.year - case.year
        done = sum(a.committed_later_eur[k - 1] for a in actuals.measures.values() if len(a.committed_later_eur) >= k)
        coef = []
        for m in ms:
            u_plan = units(m, p.first_entry_month)[0]
            gross = m.cost_per_entry_eur * units(m, M + 1)[k] / u_plan if u_plan > 0 else 0.0
            if case.pat is not None and case.pat.applies_to(m.instrument_type):
                r = case.pat.mean_rate_eur_per_month * month_profile(p.of(m.id).duration_months, (), M + 1,
                                                                      p.years_ahead + 1)[k]
                gross -= min(gross, r) if case.pat.cap_at_subsidy else r
            coef.append(gross)
        assert keys[k - 1] in (str(lim.year), f"{lim.year}+")
        A.append(coef + [0.0]), b.append(lim.limit_eur - done)
    for lk in (pol.links if pol.enabled else ()):
        if not lk.active:
            continue
        li = next((i for i, m in enumerate(ms) if m.id == lk.leader), None)
        most = lk.ratio * (fixed[lk.leader] + (hi[li] if li is not None else 0.0))
        short = fixed[lk.follower] - most
        if short > 1e-6 * max(1.0, fixed[lk.follower]):
            continue   # lifted: the leader cannot reach the pre-bought places any more
        vec = [0.0] * n
        if li is not None:
            vec[li] = -lk.ratio
        A.append(vec), b.append(lk.ratio * fixed[lk.leader] - fixed[lk.follower] + max(0.0, short))
    c = np.array([-m.objective_rate for m in ms] + [0.0])
    res = linprog(c, A_ub=np.array(A), b_ub=np.array(b), bounds=list(zip(lo, hi, strict=True)) + [(0, None)],
                  method="highs")
    assert res.status == 0, res.message
    return -res.fun + sum(m.objective_rate * fixed[m.id] for m in case.measures)


def test_examples_pass_the_independent_checker_with_the_actuals_fixed(ycase, profile, example):
    a, rp = example
    assert check_replan(ycase, a, profile, year_entries(ycase, rp)) == []
    assert check_allocation(rp.derived, rp.result.new_entries) == []
    for act in rp.actions:
        assert act.entries >= a.of(act.id).entries_to_date - 1e-9


def test_examples_objective_equals_scipy(ycase, profile, example):
    a, rp = example
    assert rp.objective == pytest.approx(scipy_replan(ycase, a, profile), rel=1e-7)
    assert rp.objective == pytest.approx(scipy_optimum(rp.derived), rel=1e-7)


def test_examples_gain_and_money(ycase, example):
    a, rp = example
    assert rp.objective >= rp.baseline_objective - 1e-6      # continuing the plan is one feasible choice
    assert rp.lapse_eur <= rp.baseline_lapse_eur + 1e-6
    assert sum(x.delta_integrations for x in rp.actions) == pytest.approx(rp.gain, abs=1e-6)
    assert {x.action for x in rp.actions} <= {"raise", "lower", "hold", "stop"}
    assert all(x.reason for x in rp.actions)
    # the split of the gain: the lapsing money buys something, and so does reallocating the same money
    assert rp.gain_from_lapse >= -1e-6 and rp.same_money_objective >= rp.baseline_objective - 1e-6


def test_replan_at_month_12_with_the_plans_own_actuals_changes_nothing(ycase, profile):
    a = actuals_of(derived_from_plan(ycase, profile.share, 12), 12)
    rp = replan(ycase, a, profile)
    assert rp.objective == pytest.approx(rp.baseline_objective, rel=1e-9)
    assert {x.action for x in rp.actions} == {"hold"}
    assert all(abs(x.delta_entries) < 1e-6 and abs(x.delta_eur) < 1e-6 for x in rp.actions)
    assert check_replan(ycase, a, profile, year_entries(ycase, rp)) == []


def test_checker_catches_what_the_replan_may_not_do(ycase, profile, example):
    a, rp = example
    plan = year_entries(ycase, rp)
    below = dict(plan, **{"hf1-egz": a.of("hf1-egz").entries_to_date - 5})
    assert "lower__hf1_egz" in {v.constraint for v in check_replan(ycase, a, profile, below)}
    lead = next(x for x in rp.actions if x.start_month > 12 and rp.windows[x.id].capacity_entries > 0)
    over = dict(plan, **{lead.id: a.of(lead.id).entries_to_date + rp.windows[lead.id].capacity_entries + 10})
    assert f"upper__{lead.id.replace('-', '_')}" in {v.constraint for v in check_replan(ycase, a, profile, over)}
    rich = dict(plan, **{"hf1-avgs-mat": plan["hf1-avgs-mat"] + 0})
    rich = {k: v + (rp.windows[k].capacity_entries - (v - a.of(k).entries_to_date)) for k, v in rich.items()}
    names = {v.constraint for v in check_replan(ycase, a, profile, rich)}   # every measure at its capacity
    assert "budget__neufall" in names


def test_commitment_limits_still_hold(tmp_path, ycase, profile):
    """A VE for 2021 a little above what the entries to date bind: the new entries' 2021 money must fit."""
    from amip.models.replan import later_bound_eur
    from tests.conftest import write_scenario

    a = actuals_of(derived_from_plan(ycase, profile.share, 6), 6)
    bound = later_bound_eur(ycase, a)["2021"]
    f = write_scenario(tmp_path, "ve.yaml", f"""
        name: ve-test
        extends: base
        commitments:
          limits:
            2021: {{value: {bound + 12_000_000:.0f}, source: "test: 12 M€ above the bindings to date"}}
        policy: {{active: false}}   # the seed's commitments need more 2021 money than this VE (see commitments-capped)
        """)
    case = load_scenario(str(f))
    rp = replan(case, a, profile)
    assert check_replan(case, a, profile, year_entries(case, rp)) == []
    row = next(c for c in rp.result.constraints if c.name == "commitment__2021")
    assert row.rhs == pytest.approx(12_000_000, abs=1.0)
    from dataclasses import replace

    free = replan(replace(ycase, policy=ycase.policy.off("test")), a, profile)   # the same case without the VE
    assert rp.objective <= free.objective + 1e-6


def test_a_scenario_lead_time_holds_a_voucher_at_its_pace(tmp_path, profile):
    from tests.conftest import write_scenario

    f = write_scenario(tmp_path, "lead.yaml", """
        name: lead-test
        extends: base
        lead_times:
          measure:
            hf1-avgs-mat: {months: 12, source: "test: no new vouchers this year"}
        """)
    case = load_scenario(str(f))
    assert case.planning.of("hf1-avgs-mat").lead_time_months == 12
    a = read_actuals(EXAMPLES / "ist-2020-06.xlsx", case, month=6)
    rp = replan(case, a, profile)
    w = rp.windows["hf1-avgs-mat"]
    e = a.of("hf1-avgs-mat").entries_to_date
    assert w.start_month == 19 and w.capacity_entries == pytest.approx(e / profile.at(6) * (1 - profile.at(6)))
    assert rp.result.new_entries["hf1-avgs-mat"] <= w.capacity_entries + 1e-6
    assert check_replan(case, a, profile, year_entries(case, rp)) == []


def test_the_entries_to_date_count_towards_the_commitments(ycase, profile):
    """Re-planned at month 6 along the plan: § 16i's entries to date count towards its promise (≥ 150,
    seed L2768-2771), so the rest of the year needs only what is missing; a promise the rest of the year
    cannot keep is lifted with a note."""
    a = actuals_of(derived_from_plan(ycase, profile.share, 6), 6)
    rp = replan(ycase, a, profile)
    c = next(c for c in rp.derived.policy.commitments if c.name == "p16i_zusage")
    done = a.of("hf2-16i").entries_to_date
    assert done > 0 and c.offset == pytest.approx(done)
    row = next(r for r in rp.result.constraints if r.name == "policy__p16i_zusage") if c.active else None
    if row is not None:
        assert row.rhs == pytest.approx(c.value - done)
        assert rp.result.new_entries["hf2-16i"] + done >= c.value - 1e-6
    else:
        assert any("hf2-16i" in n or "§ 16i" in n for n in rp.notes)
    assert rp.objective == pytest.approx(scipy_replan(ycase, a, profile), rel=1e-7)


def test_every_changed_action_gives_the_checked_reason_of_the_rest_of_year_lp(ycase, example):
    """raise/lower/stop: the reason is the record of amip.optimizer.reasons on the rest-of-year case
    (its cause relaxed in a re-solve moves the measure as stated)."""
    from amip.optimizer.reasons import reasons, relaxed_rows
    from amip.optimizer.warm import WarmModel

    _, rp = example
    ref = {mid: w.baseline_entries for mid, w in rp.windows.items()}
    why = {r.id: r for r in reasons(rp.derived, rp.result, reference=ref)}
    model = WarmModel(rp.derived)
    rows = {c.name: c for c in rp.result.constraints}
    changed = [a for a in rp.actions if a.action in ("raise", "lower", "stop")]
    assert changed
    for a in changed:
        r = why[a.id]
        assert a.reason.lower().startswith(r.text[:30].lower()), (a.id, a.reason, r.text)
        after = rp.result.new_entries[a.id]
        col = model.ids.index(a.id)
        if r.relax == "upper":
            s = model.solve_with(cols={a.id: (rp.derived.measure(a.id).lower_entries, after * 1.5 + 1)})
        elif r.relax in ("drop", "widen"):
            s = model.solve_with(rows=relaxed_rows(model, rows[r.constraint]))
        elif r.relax == "budget":
            s = model.solve_with(budget_eur=rp.derived.budget.neufallbudget_eur * 1.01)
        else:
            continue
        assert s.optimal
        moved = float(s.x[col]) - after
        assert moved > 1e-6 if r.moves == "up" else moved < -1e-6, (a.id, r.cause, moved)
    # the direction word and the reason agree: "Mehr" never with "gibt Geld ab" (trial finding 13, § 16e at month 6)
    from tests.optimizer.test_reasons import check_direction_words

    assert check_direction_words(why.values()) > 0
    e = why.get("hf2-16e")
    if e is not None and e.cause == "budget" and e.change == "more" and e.moves == "down":
        assert e.text.startswith("mehr, solange das Budget knapp ist") and "bekäme sie weniger" in e.text


def test_the_summary_says_why_the_forecast_lapse_and_the_baseline_lapse_differ(example):
    from amip.models.fmt import eur
    from amip.optimizer.replan import describe

    _, rp = example
    text = describe(rp)
    if eur(rp.forecast.lapse_eur) != eur(rp.baseline_lapse_eur):
        assert eur(rp.forecast.lapse_eur) in text and eur(rp.baseline_lapse_eur) in text
        assert "Ausgabenprofil" in text


def test_the_shipped_september_replan_breaks_no_limit_on_later_years(ycase, profile):
    """Issue 26: `amip replan --month 9` with the shipped Ist workbook adds nothing that breaks a limit: what
    the entries to date bind (Festlegungen) plus what the new entries after September bind, recomputed
    from the data alone, stays within each year's limit; each action says what it binds."""
    a = read_actuals(EXAMPLES / "ist-2020-09.xlsx", ycase, month=9)
    rp = replan(ycase, a, profile)
    p = ycase.planning
    assert p.commitment_limits
    after = {x.id: x.entries - x.actual_entries for x in rp.actions}
    for lim in p.commitment_limits:
        k = lim.year - ycase.year
        done = sum(m.committed_later_eur[k - 1] for m in a.measures.values() if len(m.committed_later_eur) >= k)
        new = 0.0
        for m in ycase.measures:
            if not m.budget_basis.has_new_entries or after.get(m.id, 0.0) <= 0:
                continue
            sched = p.schedules.get(m.instrument_type)
            units = month_profile(p.of(m.id).duration_months, sched.shares if sched else (), 10, p.years_ahead + 1)
            u_plan = month_profile(p.of(m.id).duration_months, sched.shares if sched else (),
                                   p.start_month(m.id), p.years_ahead + 1)[0]
            gross = m.cost_per_entry_eur * units[k] / u_plan
            if ycase.pat is not None and ycase.pat.applies_to(m.instrument_type):
                r = ycase.pat.mean_rate_eur_per_month * month_profile(p.of(m.id).duration_months, (), 10,
                                                                       p.years_ahead + 1)[k]
                gross -= min(gross, r)
            new += gross * after[m.id]
        key = p.limit_key(ycase.year, lim.year)
        assert done + new <= lim.limit_eur + 1.0, key
        assert rp.commitments["years"][key] == pytest.approx(done + new, abs=1.0)
        assert rp.commitments["to_date"][key] == pytest.approx(done, abs=1e-6)
        assert rp.commitments["prices"][key]["limit"] == lim.limit_eur
    for x in rp.actions:
        later = {k: v for k, v in x.binds_later_eur.items() if v > 0.5}
        assert (("binden von den Folgejahren" in x.reason) == bool(later)), x.id
    assert check_replan(ycase, a, profile, year_entries(ycase, rp)) == []


def test_a_limit_below_what_the_entries_to_date_bind_is_bad_input(tmp_path, ycase, profile):
    from amip.errors import InputError
    from tests.conftest import write_scenario

    f = write_scenario(tmp_path, "tight.yaml", """
        name: tight
        extends: base
        commitments:
          limits:
            2021: {value: 1000000, source: "test"}
        """)
    case = load_scenario(str(f))
    a = read_actuals(EXAMPLES / "ist-2020-09.xlsx", case, month=9)
    with pytest.raises(InputError) as e:
        replan(case, a, profile)
    text = str(e.value)
    assert "tight.yaml" in text and "commitments.limits.2021" in text and "ist-2020-09.xlsx" in text
    assert "1.000.000 €" in text and "bis Monat 9" in text and "hf" in text   # names what binds it
