"""Describe scenarios: each setting with its origin, what a scenario changes in its case, the list
of the shipped ones. (A scenario becomes a case in ``amip.inputs.assemble``.)

The schema (every key, its type and limits) is in ``amip/scenarios/schema.py``; inheritance and
provenance in ``resolver.py``; how each setting changes the case in ``apply.py``. A commented
example of every key is what ``amip scenarios new NAME`` writes (``template.py``).
"""
from __future__ import annotations

from pathlib import Path

from amip.inputs.assemble import CaseRequest, assemble_case, base_case, load_scenario  # noqa: F401 (its old home)
from amip.models import Case
from amip.scenarios.resolver import ResolvedScenario, resolve


def settings_of(rs: ResolvedScenario) -> list[dict]:
    """Each setting of the resolved scenario (a record or a leaf) with its value, source and origin."""
    from amip.scenarios.resolver import is_record

    out: list[dict] = []

    def walk(d: dict, path: tuple[str, ...]) -> None:
        for k, v in d.items():
            kp = path + (k,)
            if isinstance(v, dict) and not is_record(kp):
                walk(v, kp)
                continue
            if kp[-1] == "source" and not isinstance(v, dict):
                continue   # a section's default source: shown with the values it describes
            value = {a: b for a, b in v.items() if a != "source"} if isinstance(v, dict) else v
            if isinstance(value, dict) and list(value) == ["value"]:
                value = value["value"]
            o = rs.origin(kp)
            source = v.get("source") if isinstance(v, dict) else None
            out.append({"key": ".".join(kp), "value": value, "source": source or d.get("source"),
                        "file": o.file if o else rs.file, "line": o.line if o else None})

    walk(rs.data, ())
    return out


def changes_between(before: Case, after: Case) -> list[dict]:
    """What a scenario changed in the case: budget, PAT, pools, field minima, and per measure the
    rate, cost, bounds and objective weight. Numbers stay numbers (``unit`` says how to read them)."""
    out: list[dict] = []

    def add(what: str, b: float, a: float, unit: str) -> None:
        if abs(a - b) > 1e-9 * max(1.0, abs(b)):
            out.append({"what": what, "before": b, "after": a, "unit": unit})

    add("Neufallbudget", before.budget.neufallbudget_eur, after.budget.neufallbudget_eur, "EUR")
    if before.pat and after.pat:
        for k in sorted(before.pat.rates_eur_per_month):
            add(f"PAT-Pauschale {k} (je Monat)", before.pat.rates_eur_per_month[k],
                after.pat.rates_eur_per_month[k], "EUR")
            add(f"PAT BG-Anteil {k}", before.pat.bg_mix.get(k, 0.0), after.pat.bg_mix.get(k, 0.0), "share")
        add("PAT Monate im Jahr", before.pat.months_in_year, after.pat.months_in_year, "months")
        if before.pat.capped or after.pat.capped:   # no cap on either side: nothing changed
            add("PAT-Obergrenze Neufälle", before.pat.cap_eur, after.pat.cap_eur, "EUR")
    for pid, pool in before.pools.items():
        add(f"Kundenpool {pid}", pool.size, after.pools[pid].size, "persons")
    for f in before.fields:
        add(f"Mindesteintritte {f.id}", f.min_entries, after.field_of(f.id).min_entries, "entries")
    for m in before.measures:
        n = after.measure(m.id)
        add(f"{m.id}: Integrationsquote", m.integration_rate, n.integration_rate, "rate")
        if m.effects is not None and n.effects is not None:   # net_effects act in --effect net
            add(f"{m.id}: Nettoeffekt je Eintritt", m.effects.net, n.effects.net, "rate")
        add(f"{m.id}: Kosten je Eintritt", m.cost_per_entry_eur, n.cost_per_entry_eur, "EUR")
        add(f"{m.id}: Untergrenze neue Eintritte", m.lower_entries, n.lower_entries, "entries")
        add(f"{m.id}: Obergrenze neue Eintritte", m.upper_entries, n.upper_entries, "entries")
        add(f"{m.id}: Zielgewicht", m.objective_weight, n.objective_weight, "weight")
    out += _planning_changes(before, after, add)
    out += _policy_changes(before, after)
    return out


def _policy_changes(before: Case, after: Case) -> list[dict]:
    """Commitments and links a scenario added, changed or switched off (issue 14)."""
    out: list[dict] = []
    pb, pa = before.policy, after.policy
    if pb.enabled != pa.enabled:
        out.append({"what": "Zusagen und Verknüpfungen", "before": "an" if pb.enabled else "aus",
                    "after": "an" if pa.enabled else "aus", "unit": "text"})
    old = {c.name: c for c in pb.commitments}
    for c in pa.commitments:
        o = old.get(c.name)
        if o is None or (o.kind, o.value, o.active, o.keys) != (c.kind, c.value, c.active, c.keys):
            out.append({"what": f"Zusage {c.name}", "before": None if o is None else
                        f"{o.label}{'' if o.active else ' (aus)'}", "after": f"{c.label}{'' if c.active else ' (aus)'}",
                        "unit": "text"})
    old_links = {lk.follower: lk for lk in pb.links}
    for lk in pa.links:
        o = old_links.get(lk.follower)
        if o is None or (o.leader, o.mode, o.ratio, o.active) != (lk.leader, lk.mode, lk.ratio, lk.active):
            out.append({"what": f"Verknüpfung {lk.follower}",
                        "before": None if o is None else
                        f"{o.mode} {o.ratio:g} × {o.leader}{'' if o.active else ' (aus)'}",
                        "after": f"{lk.mode} {lk.ratio:g} × {lk.leader}{'' if lk.active else ' (aus)'}",
                        "unit": "text"})
    return out


def _planning_changes(before: Case, after: Case, add) -> list[dict]:
    """Changes of the planning data (issue 7): features, commitment limits, group limits, staff and per
    measure classes, durations, returns."""
    out: list[dict] = []
    pb, pa = before.planning, after.planning
    if pb.features != pa.features:
        out.append({"what": "aktive Planungsteile", "before": ", ".join(pb.features) or "–",
                    "after": ", ".join(pa.features) or "–", "unit": "text"})
    lb = {lim.year: lim.limit_eur for lim in pb.commitment_limits}
    la = {lim.year: lim.limit_eur for lim in pa.commitment_limits}

    def key(year: int) -> str:   # "2023+" for the last bucket (issue 26)
        try:
            return pa.limit_key(after.year, year)
        except ValueError:
            return str(year)

    for year, value in la.items():
        if year not in lb:   # no limit before: nothing to subtract from
            out.append({"what": f"Verpflichtungsermächtigung {key(year)}", "before": None, "after": value,
                        "unit": "EUR"})
        else:
            add(f"Verpflichtungsermächtigung {key(year)}", lb[year], value, "EUR")
    out += [{"what": f"Verpflichtungsermächtigung {key(year)}", "before": value, "after": None, "unit": "EUR"}
            for year, value in lb.items() if year not in la]   # switched off by the scenario
    gb = {lim.group: lim.min_share for lim in pb.group_limits}
    for lim in pa.group_limits:
        add(f"Mindestanteil {lim.group}", gb.get(lim.group, 0.0), lim.min_share, "share")
    sb = {sc.id: sc for sc in pb.staff}
    for sc in pa.staff:
        if sc.id in sb:
            add(f"Steuerungskapazität {sc.id}", sb[sc.id].capacity_entries, sc.capacity_entries, "entries")
    for m in before.measures:
        b, a = pb.of(m.id), pa.of(m.id)
        add(f"{m.id}: Klassengröße", b.lot_size, a.lot_size, "entries")
        add(f"{m.id}: Mindestklasse", b.class_min, a.class_min, "entries")
        add(f"{m.id}: Dauer", b.duration_months, a.duration_months, "months")
        if b.returns != a.returns:
            out.append({"what": f"{m.id}: abnehmender Ertrag", "before": str(b.returns), "after": str(a.returns),
                        "unit": "text"})
    return out


def describe_scenario(ref: str | Path) -> dict:
    """`amip scenarios show`: the resolved scenario, where each value came from, and what it changes."""
    rs = resolve(ref)
    request = CaseRequest(scenario=ref)
    after = assemble_case(request)
    before = base_case(request, rs)
    return {"name": rs.name, "description": rs.description, "file": rs.file, "chain": list(rs.chain),
            "settings": settings_of(rs), "changes": changes_between(before, after), "notes": list(after.notes)}


def scenario_rows() -> list[dict]:
    """`amip scenarios list`: the shipped scenarios with their description and parents."""
    from amip.scenarios.resolver import SCENARIO_DIR, list_scenarios, read_scenario_file

    rows = []
    for name in list_scenarios():
        sf = read_scenario_file(SCENARIO_DIR / f"{name}.yaml")
        rows.append({"name": name, "description": sf.data.get("description", ""),
                     "extends": list(sf.data.get("extends", [])), "file": str(sf.path)})
    return rows
