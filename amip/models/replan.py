"""The rest of the year as a case of its own: what a re-plan at report month M may still change.
Plain data and arithmetic, no solver (``amip.optimizer.replan`` solves it).

For every measure with new entries:

- the entries to date are fixed (they join the fixed entries);
- what runs goes on: until month s = M + 1 + lead time (planning data ``lead_times``: a voucher
  at once, a tendered group measure after its procurement time) a measure takes entries at its pace
  to date (the contracts and vouchers in force); from month s on up to its upper bound; capacity per
  month follows the profile: capacity = pace × (c(s−1) − c(M)) + upper × (1 − c(s−1)) (the second
  part only if s ≤ 12), never more than the upper bound less the entries so far; lowering is free;
- an entry after month M costs this year only its months in the year: the cost per entry × (paid
  month-units of an entry spread over M+1..12) / (those of one spread over the plan's months), by
  the same month profile as the money bound in later years; its later-year money follows from the
  same profile (and counts against the Verpflichtungsermächtigung);
- the money spent plus the money bound for the rest of the year (Festlegungen) is fixed; money-only
  items run as planned (or as bound, if more).

The Neufallbudget left for new entries is what remains after the fixed money and the PAT relief of
the entries to date (never below 0: money already bound over the budget is an overrun, not a choice).
Recorded later-year bindings reduce each year's commitment limit. Field minima that cannot be
reached any more are lowered to what is still reachable, pools raised to what is already used
(both named in ``notes``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from amip import texts as T
from amip.errors import InputError
from amip.models.actuals import Actuals, MeasureActuals, budget_measures, planned_spend_eur
from amip.models.case import Case, FieldOfAction, Pool
from amip.models.fmt import eur, fixed
from amip.models.forecast import Profile
from amip.models.measure import Measure
from amip.models.planning import CommitmentLimit, month_profile
from amip.models.policy import rest_of_year_policy

MIN_REST_EUR = 1.0   #: the derived Neufallbudget must be > 0: at least this much for new entries


@dataclass(frozen=True)
class MeasureWindow:
    """What the rest of the year allows one measure."""

    id: str
    start_month: int              #: first month new entries can start (13 = not this year)
    capacity_entries: float       #: new entries at most in months start..12
    min_entries: float            #: new entries at least (lower bound left over)
    cost_factor: float            #: this year's money of a late entry / of a plan entry
    committed_eur: float          #: money spent + bound for the rest of the year (fixed)
    lead_time_months: float
    lead_time_source: str
    cost_start_month: int = 13    #: entries after the month are costed as spread over months M+1..12
    baseline_entries: float = 0.0  #: entries after the month if the plan simply runs on (its pace, within capacity)


def year_units(case: Case, m: Measure, start: int) -> list[float]:
    """Paid month-units per entry in the plan year and the later years, entries spread over start..12."""
    mp = case.planning.of(m.id)
    if start > 12:
        return [0.0] * (case.planning.years_ahead + 2)
    sched = case.planning.schedules.get(m.instrument_type)
    return month_profile(mp.duration_months, sched.shares if sched else (), start, case.planning.years_ahead + 1)


def cost_factor(case: Case, m: Measure, start: int) -> float:
    """This year's money of an entry started in start..12, as a share of a plan entry's (1 for
    measures paid within the entry month)."""
    plan = year_units(case, m, case.planning.first_entry_month)[0]
    if plan <= 0:
        return 1.0
    return year_units(case, m, start)[0] / plan


def pat_months(case: Case, m: Measure, start: int) -> float:
    """PAT months in the plan year of a § 16i entry started in start..12 (paid per month)."""
    if start > 12:
        return 0.0
    mp = case.planning.of(m.id)
    if mp.duration_months <= 0:
        return 0.0
    return month_profile(mp.duration_months, (), start, case.planning.years_ahead + 1)[0]


def windows(case: Case, actuals: Actuals, profile: Profile) -> dict[str, MeasureWindow]:
    M = actuals.month
    c = profile.at(M)
    out = {}
    for m in case.measures:
        a = actuals.of(m.id)
        mp = case.planning.of(m.id)
        if not m.budget_basis.has_new_entries:
            if m.fixed_spend_eur > 0:
                out[m.id] = MeasureWindow(m.id, 13, 0.0, 0.0, 1.0,
                                          max(a.spend_to_date_eur + a.committed_rest_eur, planned_spend_eur(m)),
                                          0.0, "", 13, 0.0)
            continue
        e = a.entries_to_date
        pace = e / c if c > 0 else m.planned_entries          # the year's entries as it runs
        start = M + 1 + int(math.ceil(mp.lead_time_months - 1e-9))
        running = pace * (profile.at(min(start - 1, 12)) - c)   # contracted entries until new ones can start
        extra = m.upper_entries * (1.0 - profile.at(start - 1)) if start <= 12 else 0.0
        cap = max(0.0, min(running + extra, m.upper_entries - e))
        low = min(max(0.0, m.lower_entries - e), cap)
        cost_start = min(M + 1, 13)
        out[m.id] = MeasureWindow(m.id, start, cap, low, cost_factor(case, m, cost_start),
                                  a.spend_to_date_eur + a.committed_rest_eur, mp.lead_time_months, mp.lead_time_source,
                                  cost_start, max(0.0, min(pace - e, cap)))
    return out


def relief_to_date_eur(case: Case, actuals: Actuals) -> float:
    """PAT relief of the § 16i entries to date (the plan's months per entry), capped."""
    if case.pat is None:
        return 0.0
    pot = sum(case.pat_relief_per_entry_eur(m) * actuals.of(m.id).entries_to_date for m in case.measures
              if m.budget_basis.has_new_entries)
    return min(pot, case.pat.cap_eur)


def rest_budget_eur(case: Case, actuals: Actuals, win: dict[str, MeasureWindow]) -> float:
    """Money of the Neufallbudget left for new entries after the fixed money (≥ 0)."""
    committed = sum(w.committed_eur for w in win.values())
    return max(0.0, case.budget.neufallbudget_eur + relief_to_date_eur(case, actuals) - committed)


def later_bound_eur(case: Case, actuals: Actuals) -> dict[str, float]:
    keys = case.planning.year_keys(case.year)
    out = dict.fromkeys(keys, 0.0)
    for a in actuals.measures.values():
        for k, v in zip(keys, a.committed_later_eur, strict=False):
            out[k] += v
    return out


def limit_below_done(case: Case, actuals: Actuals, lim: CommitmentLimit, key: str, done: float) -> InputError:
    """The error of a limit below what the entries to date already bind of its year: names the limit's
    file and key, the Ist workbook and the measures that bind the most of that year."""
    k = case.planning.year_keys(case.year).index(key)
    binds = sorted(((a.committed_later_eur[k], mid) for mid, a in actuals.measures.items()
                    if len(a.committed_later_eur) > k and a.committed_later_eur[k] > 0), reverse=True)
    who = ", ".join(f"{mid} {eur(v)}" for v, mid in binds[:3]) + (" …" if len(binds) > 3 else "")
    where = f"{lim.origin} " if lim.origin else ""
    return InputError(f"{where}(commitments.limits.{key}): " + T.LIMIT_BELOW_DONE.format(
        year=key, limit=eur(lim.limit_eur), m=actuals.month, done=eur(done), who=who), file=actuals.file)


def rest_of_year_case(case: Case, actuals: Actuals, profile: Profile) -> tuple[Case, dict[str, MeasureWindow],
                                                                                 list[str]]:
    """The case whose allocation LP is the re-plan: its new entries are the entries after month M."""
    win = windows(case, actuals, profile)
    notes: list[str] = []
    measures, mplan = [], dict(case.planning.measures)
    for m in case.measures:
        w = win.get(m.id)
        if w is None:
            measures.append(m)
            continue
        if not m.budget_basis.has_new_entries:
            measures.append(replace(m, fixed_spend_eur=w.committed_eur, lower_entries=0.0, upper_entries=0.0))
            continue
        e = actuals.of(m.id).entries_to_date
        measures.append(replace(
            m, prebought_entries=m.prebought_entries + e, planned_entries=max(0.0, m.planned_entries - e),
            cost_per_entry_eur=m.cost_per_entry_eur * w.cost_factor, fixed_spend_eur=w.committed_eur,
            lower_entries=w.min_entries, upper_entries=w.capacity_entries,
            upper_source=T.SRC_REPLAN_CAPACITY.format(start=w.start_month, source=m.upper_source)))
        mplan[m.id] = replace(case.planning.of(m.id), first_entry_month=min(w.cost_start_month, 12))
    committed = sum(w.committed_eur for w in win.values())
    rest = rest_budget_eur(case, actuals, win)
    budget = case.budget.with_neufallbudget(committed + max(rest, MIN_REST_EUR),
                                            f"re-plan at month {actuals.month}: money left for new entries")
    pat = case.pat
    if pat is not None:
        p16i = [m for m in case.measures if pat.applies_to(m.instrument_type) and m.id in win
                and m.budget_basis.has_new_entries]
        months = min((pat_months(case, m, win[m.id].cost_start_month) for m in p16i), default=0.0)
        pat = replace(pat, months_in_year=min(12.0, months),
                      new_cases_cap_eur=max(0.0, pat.new_cases_cap_eur - relief_to_date_eur(case, actuals))
                      if pat.capped else None)
    by_id = {m.id: m for m in measures}
    fields = []
    for f in case.fields:
        members = [by_id[m.id] for m in case.measures if m.field == f.id]
        reach = sum(x.fixed_entries + (x.upper_entries if x.budget_basis.has_new_entries else 0.0) for x in members)
        if reach < f.min_entries - 1e-9:
            notes.append(T.REPLAN_NOTE_FIELD.format(field=f.id, min=fixed(f.min_entries, 1), m=actuals.month,
                                                    reach=fixed(reach, 1)))
            f = replace(f, min_entries=reach)
        fields.append(f)
    pools = dict(case.pools)
    for pid, pool in case.pools.items():
        used = [sum(x.fixed_entries for x in measures if x.pool == pid)]
        used += [sum(x.fixed_entries for x in measures if x.instrument_type in r.instrument_types)
                 for r in case.rules.eligibility if r.pool == pid]
        if max(used) > pool.size:
            notes.append(T.REPLAN_NOTE_POOL.format(pool=pid, used=fixed(max(used), 1), size=fixed(pool.size, 1)))
            pools[pid] = Pool(pid, max(used), pool.source)
    later = later_bound_eur(case, actuals)
    limits = []
    for lim in case.planning.commitment_limits:
        key = case.planning.limit_key(case.year, lim.year)
        done = later.get(key, 0.0)
        if lim.limit_eur < done - 0.5:   # the entries to date already bind more than the limit allows
            raise limit_below_done(case, actuals, lim, key, done)
        limits.append(CommitmentLimit(lim.year, max(0.0, lim.limit_eur - done),
                                      T.LIMIT_REPLAN_SOURCE.format(source=lim.source, done=eur(done), m=actuals.month),
                                      lim.origin))
    limits = tuple(limits)
    planning = replace(case.planning, measures=mplan, commitment_limits=limits)
    # commitments (issue 14): the entries to date count towards each promise
    policy, policy_notes = rest_of_year_policy(case, by_id,
                                               {m.id: actuals.of(m.id).entries_to_date for m in case.measures
                                                             if m.id in win and m.budget_basis.has_new_entries},
                                               actuals.month)
    notes += policy_notes
    derived = replace(case, measures=tuple(measures), fields=tuple(fields), budget=budget, pat=pat, pools=pools,
                      planning=planning, policy=policy, notes=case.notes + tuple(notes))
    return derived, win, notes


__all__ = ["FieldOfAction", "MeasureWindow", "rest_of_year_case", "windows", "cost_factor", "year_units",
           "relief_to_date_eur", "rest_budget_eur", "later_bound_eur", "pat_months"]


# --------------------------------------------------------------------------- actuals derived from the plan
def derived_from_plan(case: Case, share: tuple[float, ...], month: int,
                      pace: dict[str, float] | None = None) -> dict[str, tuple[list, list, tuple[float, list[float]]]]:
    """Actuals as the plan would give them (for examples and tests): per measure 12 cumulative entries
    and spending values (None after ``month``), following the cumulative profile ``share``, each
    measure at ``pace`` × the plan (default 1); bound for the rest of the year: the money the pace
    still spends this year less what its later entries will cost (so the re-plan's baseline spends
    what the forecast says); bound in later years: the later-year money of the entries to date."""
    pace = pace or {}
    keys = case.planning.year_keys(case.year)
    out = {}
    for m in budget_measures(case):
        p = pace.get(m.id, 1.0)
        plan_e = m.planned_entries if m.budget_basis.has_new_entries else 0.0
        ent = [round(plan_e * p * share[k], 6) if k < month else None for k in range(12)]
        spd = [round(planned_spend_eur(m) * p * share[k], 2) if k < month else None for k in range(12)]
        e = ent[month - 1] or 0.0
        left = planned_spend_eur(m) * p * (1 - share[month - 1])   # what the pace still spends this year
        if m.budget_basis.has_new_entries and month < 12:        # less what its later entries will cost
            left -= m.cost_per_entry_eur * cost_factor(case, m, month + 1) * plan_e * p * (1 - share[month - 1])
        rest = round(max(0.0, left), 2)
        later = [round(c * e, 2) for c in case.commitment_per_entry_eur(m)] if m.budget_basis.has_new_entries \
            else [0.0] * len(keys)
        out[m.id] = (ent, spd, (rest, later))
    return out


def actuals_of(values: dict[str, tuple[list, list, tuple[float, list[float]]]], month: int,
               file: str = "(derived from the plan)") -> Actuals:
    """The Actuals of ``derived_from_plan`` values, without a workbook."""
    out = {}
    for mid, (ent, spd, (rest, later)) in values.items():
        out[mid] = MeasureActuals(mid, tuple(v or 0.0 for v in ent[:month]), tuple(v or 0.0 for v in spd[:month]),
                                  rest, tuple(later), True)
    return Actuals(file, month, out)
