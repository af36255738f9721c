"""Load a scenario into a Case: resolve the file and its ancestors, load the case's tables, apply.

The schema (every key, its type and limits) is in ``amip/scenarios/schema.py``; inheritance and
provenance in ``resolver.py``; how each setting changes the case in ``apply.py``. A commented
example of every key is what ``amip scenarios new NAME`` writes (``template.py``).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.models import Case
from amip.models.loader import DEFAULT_CASE, RULES_DIR, load_case, load_neutral_case, resolve_case_path
from amip.scenarios.apply import apply_scenario
from amip.scenarios.planning import apply_planning
from amip.scenarios.resolver import SCENARIO_DIR, ResolvedScenario, resolve


def case_for(rs: ResolvedScenario, *, measures: Path | None = None, rates: Path | None = None,
             budget_eur: float | None = None, case: Path | None = None, effects: Path | None = None,
             effect: str | None = None) -> Case:
    """The Case a resolved scenario describes. CLI overrides (case, tables, --budget) apply last; the
    effect measure (``effect``, else the scenario's ``effect``, else gross) is switched on at the very
    end, after the scenario's gross rates and net-effect multipliers have acted."""
    year = rs.get("year")
    if year is not None and not (RULES_DIR / f"{year}.yaml").is_file():
        known = sorted(p.stem for p in RULES_DIR.glob("*.yaml"))
        raise rs.error(("year",), T.RULES_NO_YEAR.format(year=year, known=", ".join(known)))
    case = apply_scenario(unadjusted_case(rs, measures=measures, rates=rates, case=case, budget_eur=budget_eur,
                                          effects=effects), rs)
    if budget_eur is not None:
        case = replace(case, budget=case.budget.with_neufallbudget(budget_eur, "--budget"),
                       notes=case.notes + (f"--budget: Neufallbudget set to {budget_eur:,.0f} €",))
    chosen = effect or rs.get("effect") or "gross"
    try:
        return case.with_effect(chosen)
    except InputError as e:
        if effect is None and rs.get("effect"):
            raise rs.error(("effect",), str(e)) from None
        raise InputError(f"--effect {chosen}: {e}", file=case.files.get("effects")) from None


def unadjusted_case(rs: ResolvedScenario, *, measures: Path | None = None, rates: Path | None = None,
                    case: Path | None = None, budget_eur: float | None = None,
                    effects: Path | None = None) -> Case:
    """The case a scenario starts from: its tables and the case's planning file, before its own settings.

    The case: ``case`` (--case), else the scenario's ``case:`` (a folder, a case.yaml or a workbook),
    else Duisburg 2020 — unless a measure table is given without a case: then the neutral frame
    (no silent Duisburg frame), which needs a Neufallbudget (--budget or the scenario's). ``effects``
    (else the scenario's ``effect_table``) replaces the case's net-effect table."""
    case_ref = case or rs.get("case")
    measures = measures or rs.get("measures")
    rates = rates or rs.get("rate_table")
    effects = effects or rs.get("effect_table")
    if case_ref is None and measures is not None:
        budget = budget_eur or rs.get("budget", "neufallbudget_eur", "value")
        if budget is None:
            raise InputError(T.NO_FRAME)
        return load_neutral_case(Path(measures), budget_eur=float(budget), rates=rates, year=rs.get("year"),
                                 effects=effects)
    path = resolve_case_path(case_ref, what="case") if case_ref else DEFAULT_CASE
    year = rs.get("year")
    o = rs.origin(("year",))
    if case is not None and o is not None and Path(o.file) == SCENARIO_DIR / "base.yaml":
        year = None   # --case with the default scenario: the case's own year (base only states Duisburg's)
    case = load_case(path, measures=measures, rates=rates, year=year, effects=effects)
    from amip.scenarios.policy import apply_policy, case_file_policy

    # The case's commitments and links are promises about its own measure table: with another table
    # (--measures, a scenario's measures:) they are not applied (a scenario's own policy still is).
    own_table = measures is None
    if own_table:
        case = case_file_policy(case)   # the case's commitments (case.yaml policy.commitments)
    if "planning" in case.files:   # the planning file's notes stay out of the scenario's notes
        planning_rs = resolve(Path(case.files["planning"]))
        case = apply_planning(case, planning_rs, [], planning_file=True)
        if own_table:
            case = apply_policy(case, planning_rs, [], base=True)   # its links
    if not own_table:
        case = replace(case, notes=case.notes + (T.POLICY_OTHER_TABLE,))
    return case


def load_scenario(name_or_path: str | Path | None = None, *, measures: Path | None = None,
                  rates: Path | None = None, budget_eur: float | None = None, case: Path | None = None,
                  effects: Path | None = None, effect: str | None = None) -> Case:
    """Load a scenario (default: the shipped 'base') into a Case, measured in ``effect``; ``case``: a
    case folder, case.yaml or case workbook replacing the scenario's case."""
    return case_for(resolve(name_or_path or "base"), measures=measures, rates=rates, budget_eur=budget_eur,
                    case=case, effects=effects, effect=effect)


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
                        "before": None if o is None else f"{o.mode} {o.ratio:g} × {o.leader}{'' if o.active else ' (aus)'}",
                        "after": f"{lk.mode} {lk.ratio:g} × {lk.leader}{'' if lk.active else ' (aus)'}", "unit": "text"})
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
    for lim in pa.commitment_limits:
        if lim.year not in lb:   # no limit before: nothing to subtract from
            out.append({"what": f"Verpflichtungsermächtigung {lim.year}", "before": None, "after": lim.limit_eur,
                        "unit": "EUR"})
        else:
            add(f"Verpflichtungsermächtigung {lim.year}", lb[lim.year], lim.limit_eur, "EUR")
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
    after = case_for(rs)
    before = unadjusted_case(rs)
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
