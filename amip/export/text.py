"""Text renderers: the German table for people, CSV and JSON for machines (dot decimals, plain numbers)."""
from __future__ import annotations

import csv
import io
import json

from amip.optimizer.result import OptimizationResult


def eur(x: float) -> str:
    """1234567.8 → '1.234.568 €' (German-facing output)."""
    return f"{x:,.0f}".replace(",", ".") + " €"


def num(x: float, decimals: int = 1) -> str:
    """German number; whole numbers without decimals: 1617.4 → '1.617,4', 850.0 → '850'."""
    if abs(x - round(x)) < 1e-6:
        return f"{round(x):,}".replace(",", ".")
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "X").replace(".", ",").replace("X", ".")


def pct(x: float) -> str:
    return f"{x:+.1%}".replace(".", ",")


STATUS_DE = {"optimal": "optimal", "evaluated": "bewertet (gegebener Plan)", "infeasible": "unzulässig"}


def render_table(r: OptimizationResult, *, compare: OptimizationResult | None = None) -> str:
    out = []
    w = out.append
    w(f"amip {r.version} · Fall {r.case_name} · Szenario {r.scenario} · Jahr {r.year}")
    w(f"Status: {STATUS_DE.get(r.status.value, r.status.value)} · Löser: {r.solver}")
    w(f"Erwartete Integrationen: {num(r.objective)}")
    w(f"Neufallbudget: {eur(r.budget_limit)} · verplant: {eur(r.budget_used)} "
      f"(davon feste Posten {eur(r.fixed_spend)}, PAT-Entlastung {eur(r.pat_relief)})")
    if compare is not None and compare.objective:
        d = r.objective - compare.objective
        w(f"Gegenüber {compare.scenario if compare.status.value != 'evaluated' else 'dem Plan'}: "
          f"{'+' if d >= 0 else ''}{num(d)} Integrationen ({pct(d / compare.objective)})")
    w("")
    head = f"{'Maßnahme':<44} {'HF':<4} {'Plan':>7} {'Eintritte':>9} {'Δ':>8} {'€/Eintritt':>11} {'Quote':>6} " \
           f"{'Kosten':>14} {'Integr.':>8}"
    w(head)
    w("-" * len(head))
    for m in r.measures:
        if m.entries == 0 and m.planned_entries == 0 and m.cost == 0:
            continue
        est = "*" if m.rate_is_estimate else " "
        rate = "–" if m.budget_basis == "prior_year" else num(m.rate * 100, 1) + est   # money-only item
        name = (m.name[:42] + "…") if len(m.name) > 43 else m.name
        w(f"{name:<44} {m.field:<4} {num(m.planned_entries):>7} {num(m.entries):>9} "
          f"{num(m.entries - m.planned_entries):>8} {eur(m.cost_per_entry) if m.cost_per_entry else '–':>11} "
          f"{rate:>6} {eur(m.cost):>14} {num(m.integrations):>8}")
    w("")
    w("* Quote ist eine Schätzung [ESTIMATE]; Quelle je Maßnahme in --format json/csv und im Excel-Blatt Inputs.")
    w("")
    w(f"{'Handlungsfeld':<70} {'Minimum':>8} {'Plan':>8} {'Eintritte':>9} {'Kosten':>14} {'Integr.':>8}")
    for f in r.fields:
        w(f"{(f.id + ' ' + f.name)[:70]:<70} {num(f.min_entries):>8} {num(f.planned_entries):>8} "
          f"{num(f.entries):>9} {eur(f.cost):>14} {num(f.integrations):>8}")
    w("")
    binding = [c for c in r.constraints if c.binding and c.kind != "bound"]
    w("Bindende Restriktionen:" if binding else "Keine bindende Restriktion außer Maßnahmengrenzen.")
    for c in binding:
        dual = ""
        if c.dual is not None:
            dual = (f" · Schattenpreis {num(c.dual * 100_000, 2)} Integrationen je 100.000 €" if c.unit == "EUR"
                    else f" · Schattenpreis {num(c.dual, 3)} Integrationen je Eintritt")
        w(f"  {c.name}: {c.label}{dual}")
    nb = sum(1 for c in r.constraints if c.binding and c.kind == "bound")
    if nb:
        w(f"  dazu {nb} Maßnahmengrenzen (Ober-/Untergrenzen; Liste in --format json und im Excel-Blatt Constraints)")
    if r.violations:
        w("")
        w("Verletzte Restriktionen:")
        for v in r.violations:
            w(f"  {v['constraint']}: {v['message']}")
    return "\n".join(out)


CSV_COLUMNS = ("id", "field", "name", "instrument", "instrument_type", "product_category", "budget_basis",
               "cost_per_entry", "gross_cost_per_entry", "pat_relief_per_entry", "rate", "rate_is_estimate",
               "rate_source", "lower", "upper", "planned_entries", "entries", "new_entries", "prebought_entries",
               "cost", "integrations", "reduced_cost")


def render_csv(r: OptimizationResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for m in r.measures:
        w.writerow(["" if getattr(m, c) is None else getattr(m, c) for c in CSV_COLUMNS])
    return buf.getvalue()


def render_json(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False)
