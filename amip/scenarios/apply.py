"""Apply a resolved scenario to a Case: a pure function (Case, ResolvedScenario) → new Case.

Selectors (``rates``, ``costs``, ``bounds``, ``objective.weights``) are applied from the least to
the most specific: ``all`` → ``field`` → ``product_category`` → ``instrument_type`` → ``measure``.
A ``multiplier`` multiplies what the earlier steps left; a ``value`` replaces it. So
``instrument_type: {mat: {multiplier: 0.88}}`` plus ``measure: {x: {multiplier: 1.1}}`` gives a MAT
measure x the factor 0.968, and ``measure: {x: {value: 0.3}}`` sets it to 0.3 whatever came before.

Every adjustment is recorded in ``Case.notes`` with the file, line and source that set it, and a
changed rate keeps its ESTIMATE mark (it gains one when the scenario's source says ESTIMATE).
"""
from __future__ import annotations

import math
from dataclasses import replace

from amip import texts as T  # plain strings
from amip.errors import InputError
from amip.models import Case
from amip.models.budget import year_path_of
from amip.models.case import Pool
from amip.models.fmt import eur, fixed, num
from amip.models.measure import Measure, scale_range
from amip.models.pat import PAT
from amip.scenarios.planning import apply_planning
from amip.scenarios.policy import apply_policy
from amip.scenarios.resolver import ResolvedScenario
from amip.scenarios.selectors import check_selector_keys, how, note, steps


# --------------------------------------------------------------------------- measures
def _apply_value(current: float, rec: dict) -> float:
    return rec["value"] if "value" in rec else current * rec["multiplier"]


def _with_new_entries(case: Case, rs: ResolvedScenario, path: tuple[str, ...], selector: str, key: str | None,
                      why: str) -> list[Measure]:
    """The selected measures that have new entries; naming one without them is an error."""
    hit = list(case.select(selector, key))
    if selector == "measure" and not hit[0].budget_basis.has_new_entries:
        raise rs.error(path, T.SC_NO_NEW_ENTRIES.format(id=key, basis=hit[0].budget_basis.value, why=why))
    return [m for m in hit if m.budget_basis.has_new_entries]


def _adjust_measures(case: Case, rs: ResolvedScenario, notes: list[str]) -> tuple[Measure, ...]:
    for section in ("rates", "net_effects", "costs", "bounds", "objective.weights"):
        check_selector_keys(case, rs, section)
    changes: dict[str, dict] = {m.id: {} for m in case.measures}
    by_id = {m.id: m for m in case.measures}

    # Integration rates.
    for path, selector, key, rec in steps(rs, "rates"):
        hit = list(case.select(selector, key))
        for m in hit:
            ch = changes[m.id]
            rate = _apply_value(ch.get("integration_rate", m.integration_rate), rec)
            if rate > 1:
                raise rs.error(path, T.SC_RATE_ABOVE_ONE.format(id=m.id, rate=fixed(rate, 3)))
            src = rec.get("source", "")
            old = ch.get("integration_rate", m.integration_rate)
            ch["rate_range"] = scale_range(*ch.get("rate_range", m.rate_range), old, rate)   # moves with the rate
            ch["integration_rate"] = rate
            ch["rate_source"] = (f"{ch.get('rate_source', m.rate_source)}; scenario {rs.name}: "
                                 f"{'.'.join(path)} {how(rec)} ({rs.where(path)}: {src})")
            est = ch.get("rate_is_estimate", m.rate_is_estimate)
            ch["rate_is_estimate"] = (("ESTIMATE" in src.upper()) if "value" in rec
                                      else (est or "ESTIMATE" in src.upper()))
        notes.append(note(rs, path, rec, len(hit)))

    _adjust_net_effects(case, rs, changes, notes)

    # Costs per new entry (money-only items and places without new entries are not touched).
    for path, selector, key, rec in steps(rs, "costs"):
        hit = _with_new_entries(case, rs, path, selector, key, T.SC_WHY_COST)
        for m in hit:
            ch = changes[m.id]
            ch["cost_per_entry_eur"] = _apply_value(ch.get("cost_per_entry_eur", m.cost_per_entry_eur), rec)
        notes.append(note(rs, path, rec, len(hit), " €"))

    # Bounds on new entries.
    for path, selector, key, rec in steps(rs, "bounds"):
        hit = _with_new_entries(case, rs, path, selector, key, T.SC_WHY_BOUND)
        for m in hit:
            ch = changes[m.id]
            lower = ch.get("lower_entries", m.lower_entries)
            upper = ch.get("upper_entries", m.upper_entries)
            if "fixed" in rec:
                lower = upper = rec["fixed"]
            lower = rec.get("min", lower)
            upper = rec.get("max", upper)
            if "max_multiplier" in rec:
                upper *= rec["max_multiplier"]
            if lower > upper + 1e-9:
                raise rs.error(path, T.SC_BOUNDS_CROSS.format(id=m.id, lower=num(lower), upper=num(upper)))
            ch["lower_entries"], ch["upper_entries"] = lower, upper
            bsrc = T.SRC_SCENARIO_BOUND.format(name=rs.name, key=".".join(path), where=rs.where(path),
                                               source=rec.get("source", ""))
            if any(k in rec for k in ("fixed", "max")):
                ch["upper_source"] = bsrc
            elif "max_multiplier" in rec:   # scales the earlier bound: both sources hold
                ch["upper_source"] = f"{ch.get('upper_source', m.upper_source)}; {bsrc}"
            if any(k in rec for k in ("fixed", "min")):
                ch["lower_source"] = bsrc
        notes.append(note(rs, path, rec, len(hit)))

    # Objective weights (a value each: the most specific selector wins).
    for path, selector, key, rec in steps(rs, "objective.weights"):
        hit = list(case.select(selector, key))
        for m in hit:
            changes[m.id]["objective_weight"] = rec["value"]
            changes[m.id]["weight_source"] = f"{rs.where(path)}: {rec.get('source', '')}"
        notes.append(note(rs, path, rec, len(hit)))

    _adjust_uncertainty(case, rs, changes, notes)
    if not any(changes.values()):
        return case.measures   # the scenario changes no measure: the same tuple (and the case's indexes)
    out = []
    for mid, ch in changes.items():
        if "rate_range" in ch:
            ch["rate_low"], ch["rate_high"] = ch.pop("rate_range")
        try:
            out.append(by_id[mid].evolve(**ch) if ch else by_id[mid])
        except InputError as e:   # pragma: no cover - the checks above catch these first
            raise InputError(T.SC_SCENARIO.format(name=rs.name, error=e), file=rs.file) from None
    return tuple(out)


def _adjust_net_effects(case: Case, rs: ResolvedScenario, changes: dict[str, dict], notes: list[str]) -> None:
    """Net effects (``net_effects``, percentage points; a multiplier scales value and range): they act
    when the case is measured as ``net`` (a downturn raises the net effect of training, domain.md §3.2)."""
    for path, selector, key, rec in steps(rs, "net_effects"):
        hit = list(case.select(selector, key))
        for m in hit:
            ch = changes[m.id]
            e = ch.get("effects", m.effects)
            if e is None:
                raise rs.error(path, T.ERR_NET_NO_ROW.format(id=m.id, file=case.files.get("effects", "effects.csv")))
            src = rec.get("source", "")
            if "value" in rec:
                v = rec["value"] / 100
                low, high = min(e.net_low, v), max(e.net_high, v)
            else:
                f = rec["multiplier"]
                v, low, high = e.net * f, e.net_low * f, e.net_high * f
                low, high = min(low, high), max(low, high)
            ch["effects"] = replace(e, net=v, net_low=low, net_high=high,
                                    net_source=f"{e.net_source}; scenario {rs.name}: {'.'.join(path)} {how(rec)} "
                                               f"({rs.where(path)}: {src})",
                                    net_estimate=e.net_estimate or "ESTIMATE" in src.upper())
        notes.append(note(rs, path, rec, len(hit), " pp"))


def _adjust_uncertainty(case: Case, rs: ResolvedScenario, changes: dict[str, dict], notes: list[str]) -> None:
    """The Monte Carlo distribution of each rate, around the rate the scenario left (see UNCERTAINTY)."""
    check_selector_keys(case, rs, "uncertainty.rates")
    group_by = rs.get("uncertainty", "group_by")
    if group_by == "measure":
        for m in case.measures:
            changes[m.id]["rate_group"] = m.id
        notes.append(f"uncertainty.group_by = measure: every rate is drawn on its own "
                     f"[{rs.where(('uncertainty', 'group_by'))}]")
    for path, selector, key, rec in steps(rs, "uncertainty.rates"):
        hit = list(case.select(selector, key))
        for m in hit:
            ch = changes[m.id]
            rate = ch.get("integration_rate", m.integration_rate)
            low, high = ch.get("rate_range", m.rate_range)
            if "spread_pct" in rec:
                low, high = rate * (1 - rec["spread_pct"] / 100), min(1.0, rate * (1 + rec["spread_pct"] / 100))
            low = rec["low"] if "low" in rec else rate * rec["low_factor"] if "low_factor" in rec else low
            high = (rec["high"] if "high" in rec
                    else min(1.0, rate * rec["high_factor"]) if "high_factor" in rec else high)
            if not low <= rate + 1e-12 or not rate <= high + 1e-12:
                raise rs.error(path, T.SC_RANGE_MISSES.format(id=m.id, low=fixed(low, 3), high=fixed(high, 3),
                                                              rate=fixed(rate, 3)))
            ch["rate_range"] = (low, high)
            ch["rate_distribution"] = rec.get("distribution", ch.get("rate_distribution", m.rate_distribution))
            ch["rate_range_source"] = (f"scenario {rs.name}: {'.'.join(path)} "
                                       f"({rs.where(path)}: {rec.get('source', '')})")
        notes.append(note(rs, path, rec, len(hit)))


# --------------------------------------------------------------------------- pools, fields, budget, PAT
def _adjust_pools(case: Case, rs: ResolvedScenario, notes: list[str]) -> dict[str, Pool]:
    pools = dict(case.pools)
    for key, rec in (rs.get("pools") or {}).items():
        path = ("pools", key)
        if key not in pools:
            raise rs.error(path, T.LD_UNKNOWN_POOL.format(v=key, known=", ".join(sorted(pools))))
        old = pools[key]
        size = _apply_value(old.size, rec)
        pools[key] = Pool(key, size, f"{old.source}; scenario {rs.name}: {how(rec)} → {size:,.0f} "
                                     f"({rs.where(path)}: {rec.get('source', '')})")
        notes.append(f"pools.{key} {how(rec)}: {old.size:,.0f} → {size:,.0f} persons "
                     f"[{rs.where(path)}; {rec.get('source', 'no source given')}]")
    return pools


def _adjust_fields(case: Case, rs: ResolvedScenario, notes: list[str]):
    fields = list(case.fields)
    share = rs.get("fields", "min_share")
    if share is not None:
        src = share.get("source") or rs.get("fields", "source") or "scenario"
        fields = [replace(f, min_entries=math.floor(share["value"] * f.planned_entries + 1e-9),
                          min_source=f"{share['value']:.0%} of the planned {f.planned_entries:,.0f} entries, "
                                     f"rounded down; {rs.where(('fields', 'min_share'))}: {src}")
                  for f in fields]
        notes.append(f"fields.min_share = {share['value']:g} [{rs.where(('fields', 'min_share'))}; {src}]")
    known = {f.id: i for i, f in enumerate(fields)}
    for fid, rec in (rs.get("fields", "field") or {}).items():
        path = ("fields", "field", fid)
        if fid not in known:
            raise rs.error(path, T.LD_UNKNOWN_FIELD.format(v=fid, known=", ".join(known)))
        f = fields[known[fid]]
        where = f"{rs.where(path)}: {rec.get('source', '')}"
        if "min_entries" in rec:
            f = replace(f, min_entries=rec["min_entries"], min_source=f"set by scenario {rs.name} ({where})")
        else:
            f = replace(f, min_entries=math.floor(rec["min_share"] * f.planned_entries + 1e-9),
                        min_source=f"{rec['min_share']:.0%} of the planned {f.planned_entries:,.0f} entries "
                                   f"({where})")
        fields[known[fid]] = f
        notes.append(f"fields.field.{fid}: minimum {f.min_entries:,.0f} entries [{where}]")
    return tuple(fields)


def _adjust_budget(case: Case, rs: ResolvedScenario, notes: list[str]):
    b = rs.get("budget") or {}
    budget = case.budget
    try:
        for key in ("vorbindungen_eur", "rueckeinnahmen_egt_eur"):
            if key in b:
                budget = replace(budget, **{key: float(b[key]["value"])})
                notes.append(f"budget.{key} = {b[key]['value']:,.0f} € [{rs.where(('budget', key))}; "
                             f"{b[key].get('source') or b.get('source', 'no source given')}]")
        for key in ("egt_path", "vorbindungen_path"):   # later years for --horizon: replace the case's
            if key not in b:
                continue
            where = rs.where(("budget", key))
            o = rs.origin(("budget", key))
            path = year_path_of(b[key], o.file if o else rs.file, where, key=key)
            budget = replace(budget, **{key: path})
            notes.append(f"budget.{key} = " + ", ".join(f"{e.year}: {eur(e.eur)}" for e in path) + f" [{where}]")
        if "egt_change_pct" in b:
            # The EGT-Zuteilung changes; Verwaltung and Vorbindungen stay, so the Neufallbudget absorbs it.
            pct = b["egt_change_pct"]["value"]
            delta = budget.egt_zuteilung_eur * pct / 100
            if budget.egt_zuteilung_given_eur is not None:   # a chain that starts at the EGT-Zuteilung
                budget = replace(budget, egt_zuteilung_given_eur=budget.egt_zuteilung_given_eur + delta)
            else:
                budget = replace(budget, globalbudget_eur=budget.globalbudget_eur + delta)
            notes.append(f"budget.egt_change_pct {pct:+g} %: EGT-Zuteilung {delta:+,.0f} € "
                         f"[{rs.where(('budget', 'egt_change_pct'))}; "
                         f"{b['egt_change_pct'].get('source') or b.get('source', '')}]")
        if "neufallbudget_eur" in b:
            src = b["neufallbudget_eur"].get("source") or b.get("source", "scenario")
            budget = budget.with_neufallbudget(b["neufallbudget_eur"]["value"],
                                               f"{rs.where(('budget', 'neufallbudget_eur'))}: {src}")
        if "change_pct" in b:
            pct = b["change_pct"]["value"]
            src = b["change_pct"].get("source") or b.get("source", "scenario")
            budget = budget.with_neufallbudget(budget.neufallbudget_eur * (1 + pct / 100),
                                               f"{pct:+g} % on {budget.neufallbudget_eur:,.0f} € "
                                               f"({rs.where(('budget', 'change_pct'))}: {src})")
    except InputError as e:
        raise rs.error(("budget",), str(e)) from None
    same_paths = {"egt_path": case.budget.egt_path, "vorbindungen_path": case.budget.vorbindungen_path}
    if replace(budget, **same_paths) != case.budget:   # the paths of later years leave the year's chain
        notes.append(f"budget: Neufallbudget {case.budget.neufallbudget_eur:,.0f} € → "
                     f"{budget.neufallbudget_eur:,.0f} € [{budget.override_source or 'derived'}]")
    return budget


def _adjust_pat(case: Case, rs: ResolvedScenario, notes: list[str]) -> PAT | None:
    p = rs.get("pat")
    if not p:
        return case.pat
    if case.pat is None:
        raise rs.error(("pat",), T.SC_NO_PAT.format(year=case.year, file=case.rules.file))
    rates = dict(case.pat.rates_eur_per_month)
    mix = dict(case.pat.bg_mix)
    for key, target in (("rates_eur_per_month", rates), ("bg_mix", mix)):
        for cls, rec in (p.get(key) or {}).items():
            if cls not in case.pat.rates_eur_per_month:
                raise rs.error(("pat", key, cls), T.SC_PAT_UNKNOWN.format(
                    cls=cls, known=", ".join(sorted(case.pat.rates_eur_per_month))))
            target[cls] = float(rec["value"])
            notes.append(f"pat.{key}.{cls} = {rec['value']:g} [{rs.where(('pat', key, cls))}; "
                         f"{rec.get('source', 'no source given')}]")
    months = p["months_in_year"]["value"] if "months_in_year" in p else case.pat.months_in_year
    cap = case.pat.new_cases_cap_eur
    if "new_cases_cap_eur" in p:
        rec = p["new_cases_cap_eur"]
        if cap is None and "value" not in rec:   # nothing to scale: the case sets no cap (PAT is no allotment)
            notes.append(f"pat.new_cases_cap_eur {how(rec)}: the case sets no PAT cap, nothing to scale "
                         f"[{rs.where(('pat', 'new_cases_cap_eur'))}]")
        else:
            cap = _apply_value(cap if cap is not None else 0.0, rec)
            notes.append(f"pat.new_cases_cap_eur {how(rec)} → {cap:,.0f} € [{rs.where(('pat', 'new_cases_cap_eur'))}; "
                         f"{rec.get('source', 'no source given')}]")
    if "months_in_year" in p:
        notes.append(f"pat.months_in_year = {months:g} [{rs.where(('pat', 'months_in_year'))}; "
                     f"{p['months_in_year'].get('source', 'no source given')}]")
    try:
        return replace(case.pat, rates_eur_per_month=rates, bg_mix=mix, months_in_year=months, new_cases_cap_eur=cap)
    except InputError as e:
        raise rs.error(("pat", "bg_mix") if "bg_mix" in str(e) else ("pat",), str(e)) from None


# --------------------------------------------------------------------------- entry point
def apply_scenario(case: Case, rs: ResolvedScenario) -> Case:
    """The case as the scenario describes it. Raises InputError pointing at the offending key."""
    notes: list[str] = []
    measures = _adjust_measures(case, rs, notes)
    pools = _adjust_pools(case, rs, notes)
    fields = _adjust_fields(case, rs, notes)
    budget = _adjust_budget(case, rs, notes)
    pat = _adjust_pat(case, rs, notes)
    adjusted = case if measures is case.measures else replace(case, measures=measures)
    planned = apply_planning(adjusted, rs, notes)
    policy = apply_policy(adjusted, rs, notes).policy
    files = dict(case.files, scenario=rs.file)
    if len(rs.chain) > 1:
        files["scenario_chain"] = " → ".join(rs.chain)
    return replace(case, measures=measures, pools=pools, fields=fields, budget=budget, pat=pat,
                   scenario=rs.name, files=files, notes=case.notes + tuple(notes),
                   planning=planned.planning, policy=policy)
