"""Apply the planning-realism sections (``use``, ``lots``, ``durations``, ``commitments``, ``returns``,
``targets``, ``groups``, ``staff``) of a resolved file to a Case's :class:`Planning`.

The case's planning file (named by ``planning:`` in case.yaml) is applied first, then the scenario,
with the same selectors and the same order as ``apply.py`` (all → field → product category →
instrument type → measure; the most specific wins). A duration in the measure table wins over the
planning file's selectors; a scenario's ``durations`` win over both. The planning file describes the
case's own measures: with another measure table (--measures) its unknown ids and keys are skipped.
"""
from __future__ import annotations

from dataclasses import replace

from amip import texts as T
from amip.models import Case
from amip.models.fmt import eur, fixed
from amip.models.planning import (
    GROUPS,
    STAFF_CLASSES,
    TARGETS,
    CommitmentLimit,
    GroupLimit,
    MeasurePlanning,
    Planning,
    StaffClass,
)
from amip.scenarios.resolver import ResolvedScenario
from amip.scenarios.selectors import check_selector_keys, note, steps


def _src(rs: ResolvedScenario, path: tuple[str, ...], rec: dict, section_source: str = "") -> str:
    return f"{rs.where(path)}: {rec.get('source') or section_source or 'no source given'}"


def _per_measure(case: Case, rs: ResolvedScenario, planning: Planning, notes: list[str], *,
                 planning_file: bool) -> dict[str, MeasurePlanning]:
    mp = {m.id: planning.of(m.id) for m in case.measures}

    def each(section: str):
        if not planning_file:   # a scenario names this case's measures; the planning file may
            check_selector_keys(case, rs, section)   # name Duisburg's while another table is loaded

        for path, selector, key, rec in steps(rs, section):
            hit = list(case.select(selector, key))
            notes.append(note(rs, path, rec, len(hit)))
            yield path, selector, hit, rec

    for path, _sel, hit, rec in each("lots"):
        size = int(rec.get("lot_size", 1))
        low = int(rec.get("class_min", size))
        if low > size:
            raise rs.error(path, T.SC_CLASS_MIN.format(low=low, size=size))
        for m in hit:
            mp[m.id] = replace(mp[m.id], lot_size=size, class_min=low, lot_source=_src(rs, path, rec))
    for path, selector, hit, rec in each("durations"):
        for m in hit:
            if planning_file and m.duration_months is not None and selector != "measure":
                continue
            sched = planning.schedules.get(m.instrument_type)
            from amip.inputs.loader import MAX_DURATION_MONTHS

            if rec["months"] > MAX_DURATION_MONTHS:   # also keeps the month loop short
                raise rs.error(path, T.DURATION_TOO_LONG.format(value=rec["months"], limit=MAX_DURATION_MONTHS))
            if sched and rec["months"] > sched.max_months:
                raise rs.error(path, T.DURATION_ABOVE_STATUTE.format(months=f"{rec['months']:g}".replace(".", ","),
                                                                     max=f"{sched.max_months:g}", id=m.id,
                                                                     paragraph=sched.paragraph))
            mp[m.id] = replace(mp[m.id], duration_months=float(rec["months"]), duration_source=_src(rs, path, rec))
    for path, _sel, hit, rec in each("lead_times"):
        for m in hit:
            mp[m.id] = replace(mp[m.id], lead_time_months=float(rec["months"]), lead_time_source=_src(rs, path, rec))
    for path, _sel, hit, rec in each("returns"):
        bps = tuple((float(a), float(b)) for a, b in rec["breakpoints"])
        for m in hit:
            mp[m.id] = replace(mp[m.id], returns=bps, returns_source=_src(rs, path, rec))
    for target in (t for t in TARGETS if t != "integrations"):
        for path, _sel, hit, rec in each(f"targets.{target}"):
            for m in hit:
                cur = mp[m.id]
                mp[m.id] = replace(cur, per_integration=_set(cur.per_integration, target, float(rec["value"])),
                                   target_sources=_set(cur.target_sources, target, _src(rs, path, rec)))
    for group in GROUPS:
        for path, _sel, hit, rec in each(f"groups.shares.{group}"):
            for m in hit:
                cur = mp[m.id]
                mp[m.id] = replace(cur, group_shares=_set(cur.group_shares, group, float(rec["value"])),
                                   group_sources=_set(cur.group_sources, group, _src(rs, path, rec)))
    for path, _sel, hit, rec in each("staff.assign"):
        for m in hit:
            mp[m.id] = replace(mp[m.id], staff_class=rec["class"], staff_source=_src(rs, path, rec))
    return mp


def _set(pairs: tuple, key: str, value) -> tuple:
    return tuple(sorted({**dict(pairs), key: value}.items()))


def _commitments(case: Case, rs: ResolvedScenario, planning: Planning, notes: list[str]) -> dict:
    c = rs.get("commitments") or {}
    out: dict = {}
    if "first_entry_month" in c:
        rec = c["first_entry_month"]
        out["first_entry_month"] = int(rec["value"])
        out["first_entry_source"] = _src(rs, ("commitments", "first_entry_month"), rec, c.get("source", ""))
        notes.append(f"commitments.first_entry_month = {rec['value']:g} [{out['first_entry_source']}]")
    limits = {lim.year: lim for lim in planning.commitment_limits}
    keys = planning.year_keys(case.year)
    for key, rec in (c.get("limits") or {}).items():
        path = ("commitments", "limits", key)
        year = _limit_year(key, case.year, keys)
        if year is None:
            raise rs.error(path, T.SC_LIMIT_YEAR.format(years=" oder ".join(keys), got=key))
        source = _src(rs, path, rec, c.get("source", ""))
        if rec.get("active") is False:
            if limits.pop(year, None) is not None:
                notes.append(f"commitments.limits.{key} off [{source}]")
            continue
        if "share_of_vorbindungen" in rec:
            vb = case.budget.vorbindungen_eur
            if not vb:
                raise rs.error(path, T.LIMIT_NEEDS_VORBINDUNGEN)
            share = float(rec["share_of_vorbindungen"])
            value = share * vb
            vb_source = dict(case.budget.sources).get("vorbindungen_eur", "case.yaml")
            source = T.LIMIT_SHARE_SOURCE.format(share=fixed(share, 3), vorbindungen=eur(vb), vb_source=vb_source,
                                                 source=source)
        elif "value" in rec:
            value = float(rec["value"])
        elif year in limits:   # {active: true} alone: the limit as it is
            continue
        else:
            raise rs.error(path, T.SCHEMA_AT_LEAST_ONE.format(options="value, share_of_vorbindungen"))
        limits[year] = CommitmentLimit(year, value, source, rs.where(path))
        notes.append(f"commitments.limits.{key} = {value:,.0f} € [{source}]")
    if limits or planning.commitment_limits:
        out["commitment_limits"] = tuple(limits[y] for y in sorted(limits))
    return out


def _limit_year(key: str, plan_year: int, keys: list[str]) -> int | None:
    """The year of a limit's key: a later year of the plan ("2021", "2022", "2023+" or "2023" for the last,
    which collects all years after), or counted from the plan year ("+1", "+2", "+3+"), so a planning file
    keeps its rule when a scenario moves the plan to another year. None: no later year of the plan."""
    bare = key.rstrip("+")
    if bare.startswith("+") and bare[1:].isdigit():
        year = plan_year + int(bare[1:])
    elif bare.isdigit():
        year = int(bare)
    else:
        return None
    last = key.endswith("+") and bare != key
    if str(year) in keys and not last:
        return year
    return year if f"{year}+" in keys else None


def _groups(case: Case, rs: ResolvedScenario, planning: Planning, notes: list[str]) -> dict:
    g = rs.get("groups") or {}
    population = dict(planning.population)
    for group, rec in (g.get("population") or {}).items():
        population[group] = (float(rec["value"]), _src(rs, ("groups", "population", group), rec, g.get("source", "")))
    limits = {lim.group: lim for lim in planning.group_limits}
    for group, rec in (g.get("limits") or {}).items():
        path = ("groups", "limits", group)
        if "min_share" in rec:
            share = float(rec["min_share"])
            basis = T.GROUP_BASIS_SHARE.format(share=fixed(share * 100, 1) + " %")
        else:
            if group not in population:
                raise rs.error(path, T.SC_RATIO_NEEDS_POP.format(group=group))
            pop = population[group][0]
            share = rec["min_ratio_to_population"] * pop
            basis = T.GROUP_BASIS_RATIO.format(ratio=fixed(rec["min_ratio_to_population"], 2),
                                               pop=fixed(pop * 100, 1) + " %", source=population[group][1])
        if share > 1:
            raise rs.error(path, T.SC_SHARE_ABOVE_ALL.format(share=fixed(share * 100, 1) + " %"))
        limits[group] = GroupLimit(group, share, _src(rs, path, rec, g.get("source", "")), basis)
        notes.append(f"groups.limits.{group}: ≥ {share:.1%} of entries ({basis}) [{limits[group].source}]")
    return {"population": population, "group_limits": tuple(limits[k] for k in GROUPS if k in limits)}


def _staff(case: Case, rs: ResolvedScenario, planning: Planning, mp: dict[str, MeasurePlanning],
           raw: dict, notes: list[str]) -> tuple[StaffClass, ...]:
    """Capacity per staff class: FTE in post (customers / caseload × staff in post / planned staff) ×
    entries one FTE steers. Without entries_per_fte that is the seed plan's entries per planned FTE:
    the planned staffing is taken to be sized for the planned measures."""
    s = rs.get("staff") or {}
    for cid, rec in (s.get("classes") or {}).items():   # a scenario may change one key of a class
        raw.setdefault("classes", {}).setdefault(cid, {}).update(
            {k: v for k, v in rec.items() if k != "source"},
            source=_src(rs, ("staff", "classes", cid), rec, s.get("source", "")))
    for key in ("staffing_ratio", "penalty"):
        if key in s:
            raw[key] = (float(s[key]["value"]), _src(rs, ("staff", key), s[key], s.get("source", "")))
    notes += [f"staff.{key} set [{rs.where(('staff', key))}]" for key in ("classes", "staffing_ratio", "penalty")
              if key in s]
    if not raw.get("classes"):
        return planning.staff
    ratio, ratio_src = raw.get("staffing_ratio", (1.0, "no staffing ratio given: staff in post = plan"))
    penalty, pen_src = raw.get("penalty", (0.0, "no penalty given"))
    out = []
    for cid in STAFF_CLASSES:
        c = raw["classes"].get(cid)
        if not c:
            continue
        for need in ("caseload", "customers"):
            if need not in c:
                raise rs.error(("staff", "classes", cid), T.SC_STAFF_NEEDS.format(need=need))
        members = [m for m in case.measures if mp[m.id].staff_class == cid]
        planned = sum(m.planned_total_entries for m in members)
        fte_plan = c["customers"] / c["caseload"]
        per_fte = c.get("entries_per_fte", planned / fte_plan if fte_plan else 0.0)
        how = ("given" if "entries_per_fte" in c else
               f"ESTIMATE: the planned {planned:,.0f} entries / {fte_plan:,.1f} planned FTE")
        out.append(StaffClass(id=cid, caseload=c["caseload"], customers=c["customers"], staffing_ratio=ratio,
                              entries_per_fte=per_fte, capacity_entries=fte_plan * ratio * per_fte,
                              penalty=penalty,
                              source=f"{c['source']}; staffing ratio: {ratio_src}; entries per FTE: {how}; "
                                     f"penalty: {pen_src}"))
    return tuple(out)


def apply_planning(case: Case, rs: ResolvedScenario, notes: list[str], *, planning_file: bool = False) -> Case:
    """The case with the file's planning sections applied (see module doc)."""
    planning = case.planning
    mp = _per_measure(case, rs, planning, notes, planning_file=planning_file)
    changes: dict = {"measures": mp}
    changes |= _commitments(case, rs, planning, notes)
    changes |= _groups(case, rs, planning, notes)
    staff_raw = {k: ({c: dict(r) for c, r in v.items()} if k == "classes" else v)
                 for k, v in planning.staff_settings.items()}
    changes["staff"] = _staff(case, rs, planning, mp, staff_raw, notes)
    changes["staff_settings"] = staff_raw
    if rs.get("use"):
        notes.append(f"use: {', '.join(rs.get('use'))} [{rs.where(('use',))}]")
    changes["features"] = planning.switched_on(rs.get("use") or ())
    if planning_file:
        changes["file"] = rs.file
    return replace(case, planning=replace(planning, **changes))
