"""The sensitivity report in words: key figures shared by the text table, Excel and HTML, and the
German text rendering for the terminal."""
from __future__ import annotations

from amip import texts as T
from amip.models.check import BUDGET
from amip.models.fmt import cut_name, eur, fixed, num
from amip.models.sources import for_reader  # the data's sources as a reader cites them
from amip.optimizer.sensitivity import SensitivityReport


def measure_names(rep: SensitivityReport) -> dict[str, str]:
    return {m.id: m.name for m in rep.result.measures}


def group_name(group: str, names: dict[str, str] | None = None, *, short: bool = False) -> str:
    """A rate group for people: the instrument type's name from the shipped registry, a measure's name
    (a scenario may draw each measure on its own), else the group itself; the code in brackets unless
    ``short``."""
    from amip.inputs.instruments import lookup

    it = lookup(group)
    name = it.name if it is not None else (names or {}).get(group)
    if name is None:
        return group
    return name if short else f"{name} ({group})"


def _budget_shadow(rep: SensitivityReport) -> dict | None:
    return next((s for s in rep.shadow if s["name"] == BUDGET), None)


def headline(rep: SensitivityReport) -> list[tuple[str, float | str | None, str]]:
    """(label, value, unit) rows: what a planner reads first."""
    r, mc, s = rep.result, rep.monte_carlo_dict(), rep.settings
    b = _budget_shadow(rep)
    rows: list[tuple[str, float | str | None, str]] = [
        ("Fall / Szenario", f"{r.case_name} / {r.scenario}", f"Jahr {r.year}"),
        ("Optimum (erwartete Integrationen)", r.objective, "weighted integrations" if r.weighted else "Integrationen"),
        ("Neufallbudget", r.budget_limit, "€"),
    ]
    if b is not None:
        rows += [("Weitere 100.000 € bringen", b["per_100k_eur"], "Integrationen (Schattenpreis des Budgets)"),
                 ("… gültig für ein Neufallbudget ab", b["valid_from"], "€ (HiGHS-Ranging)"),
                 ("… gültig bis", b["valid_to"], "€")]
    support = rep.frontier.support
    rows += [("Budgetkurve von", float(rep.frontier.budgets[0]), "€"),
             ("Budgetkurve bis", float(rep.frontier.budgets[-1]), f"€ ({len(rep.frontier.budgets)} Punkte)"),
             ("Knickpunkte der Budgetkurve", len(rep.frontier.breakpoints), "Portfolio ändert sich")]
    if support is not None:
        rows += [("Datengestützter Budgetbereich ab", support[0], "€; außerhalb: Extrapolation"),
                 ("Datengestützter Budgetbereich bis", support[1], "€; " + for_reader(rep.frontier.support_source))]
    rows += [(f"Monte Carlo: P5 / P50 / P95 ({mc['draws']} Ziehungen, Startwert {mc['seed']})",
              f"{num(mc['p5'])} / {num(mc['p50'])} / {num(mc['p95'])}", "Integrationen, je Ziehung neu optimiert"),
             ("Nominaler Plan unter den Ziehungen: P5 / P50 / P95",
              f"{num(mc['nominal_plan']['p5'])} / {num(mc['nominal_plan']['p50'])} / {num(mc['nominal_plan']['p95'])}",
              "Integrationen, Plan fest"),
             ("Robuster Plan: P5 / P50 / P95",
              f"{num(mc['robust']['p5'])} / {num(mc['robust']['p50'])} / {num(mc['robust']['p95'])}",
              mc["robust"]["criterion"]),
             *([(T.MC_ERROR_ROW, mc["quantile_error"], T.MC_ERROR_UNIT.format(
                 y="–" if mc["paired_difference_error"] is None else num(mc["paired_difference_error"])))]
               if mc["quantile_error"] is not None else []),
             ("Tornado: Quoten je Gruppe ±", s.tornado_pct, "%"),
             ("Eingabe-Hash", r.input_hash, r.solver)]
    return rows


def mc_precision(mc: dict) -> str | None:
    """The Monte Carlo section's sentence on its precision: how far each quantile may be off (the
    largest and smallest error over P5, P50, P95 of the three plans, rounded up to the table's 0,1), and
    whether the plans' per-draw differences are more precise; below the headline's MIN_DRAWS draws, that
    too few were made to say (quantile_error None)."""
    from amip.optimizer.headline import MIN_DRAWS, PRECISION, to_unit

    x = mc.get("quantile_error")
    if x is None:
        return T.MC_PRECISION_TOO_FEW.format(draws=num(mc["draws"]), min=num(MIN_DRAWS))
    errors = [e for s in (mc, mc["nominal_plan"], mc["robust"]) for e in s["mc_error"].values()]
    low, y = min(errors), mc.get("paired_difference_error")

    def shown(v: float) -> str:
        return num(to_unit(v, PRECISION, "up"))

    if y is None:
        return T.MC_PRECISION_ALONE.format(x=shown(x), low=shown(low))
    words = T.MC_PRECISION if y < x else T.MC_PRECISION_NOT_FINER
    return words.format(x=shown(x), low=shown(low), y=shown(y))


def _rate(v: float | None) -> str:
    if v is None:
        return "–"
    return "nie (> 100 %)" if v > 1 else fixed(v * 100, 1) + " %"


def render_value_of_information(rep: SensitivityReport, names: dict, top: int) -> list[str]:
    """Where better data pay most: per uncertainty group (its measures named), the expected gain if its
    rate were known, largest first."""
    by_group: dict[str, tuple[float, list[str]]] = {}
    for v in rep.value_of_information:
        gain, ids = by_group.get(v["group"], (v["integrations"], []))
        by_group[v["group"]] = (gain, ids + [v["id"]])
    if not by_group:
        return []
    rows = sorted(by_group.items(), key=lambda kv: -kv[1][0])
    lines = [T.VOI_TITLE.format(shown=T.counted(len(rows), top))]
    for g, (gain, ids) in rows[:top]:
        n = T.counted_noun(len(ids), T.NOUN_MEASURE)   # a group by its German name, cut with its code
        who = (cut_name(names.get(ids[0], ids[0]), ids[0], 44) if len(ids) == 1
               else T.VOI_GROUP.format(group=cut_name(group_name(g, names, short=True), g, 44 - len(n) - 3), n=n))
        lines.append(f"  {who:<44} {fixed(gain, 2):>8} Integrationen")
    return lines + [T.VOI_NOTE, ""]


def render_sensitivity(rep: SensitivityReport, *, top: int = 12) -> str:
    r, mc = rep.result, rep.monte_carlo_dict()
    names = measure_names(rep)
    out: list[str] = []
    w = out.append
    w(f"Sensitivität · Fall {r.case_name} · Szenario {r.scenario} · Jahr {r.year}")
    w(f"Optimum: {num(r.objective)} Integrationen · Neufallbudget {eur(r.budget_limit)}")
    from amip.export.text import render_effects

    out += render_effects(r)[:1]   # which effect measure is analysed, and the plan in all three
    from amip.rates.estimate import history_notes

    out += history_notes(r)   # --history: the file, its years and hash (the example labelled)
    b = _budget_shadow(rep)
    if b is not None:
        w(f"Weitere 100.000 € bringen {fixed(b['per_100k_eur'], 2)} Integrationen "
          f"(gültig für ein Neufallbudget von {eur(b['valid_from'] or 0)} bis "
          f"{eur(b['valid_to']) if b['valid_to'] is not None else 'unbegrenzt'}).")
    w("")
    w("Schattenpreise (Integrationen je Einheit der rechten Seite):")
    for s in rep.shadow:
        if not s["binding"] and abs(s["value"]) < 1e-12:
            continue
        per = f"{fixed(s['per_100k_eur'], 2)} je 100.000 €" if s["per_100k_eur"] is not None else \
            f"{fixed(s['value'], 3)} je Eintritt"
        w(f"  {s['name']:<28} {s['label'][:48]:<48} {per}")
    w("")
    unfunded = [(mid, x) for mid, x in rep.ranging["rates"].items() if x["state"] == "unfunded"]
    w(f"Ohne Mittel ({T.counted(len(unfunded), top)}): ab welcher Quote die Maßnahme Geld bekäme (HiGHS-Ranging):")
    for mid, x in sorted(unfunded, key=lambda t: (t[1]["high"] or 9) - t[1]["rate"])[:top]:
        w(f"  {cut_name(names.get(mid, mid), mid, 44):<44} Quote {_rate(x['rate']):>8} → {_rate(x['high']):>13}")
    w("")
    funded = [(mid, x) for mid, x in rep.ranging["rates"].items() if x["state"] != "unfunded" and x["low"] is not None]
    w(f"Knappste Förderungen ({T.counted(len(funded), top)}): so weit darf die Quote fallen, bevor sich der Plan "
      "ändert:")
    for mid, x in sorted(funded, key=lambda t: (t[1]["rate"] - t[1]["low"]) / max(t[1]["rate"], 1e-9))[:top]:
        w(f"  {cut_name(names.get(mid, mid), mid, 44):<44} Quote {_rate(x['rate']):>8} → {_rate(x['low']):>8}")
    w("")
    pts = rep.frontier.points()
    step = max(1, (len(pts) - 1) // 10)
    every = f", jeder {step}. gezeigt" if step > 1 else ""
    w(f"Budgetkurve ({len(rep.frontier.budgets)} Punkte{every}, {len(rep.frontier.breakpoints)} Knickpunkte; "
      "E = Extrapolation außerhalb des datengestützten Bereichs):")
    for p in pts[::step]:
        mark = "E" if p["extrapolation"] else " "
        if p["status"] != "optimal":
            w(f"  {eur(p['budget']):>16} {mark} unzulässig")
            continue
        w(f"  {eur(p['budget']):>16} {mark} {num(p['objective']):>9} Integrationen · "
          f"Grenzertrag {fixed(p['marginal_per_100k'], 2):>6} je 100.000 €"
          + (f" · {eur(p['unspent'])} nicht verplant" if p["unspent"] > 1 else ""))
    w("")
    w(f"Tornado ({T.counted(len(rep.tornado), top)}; Quoten je Instrumentengruppe ±{rep.settings.tornado_pct:g} %, "
      "neu optimiert):")
    names = measure_names(rep)
    for t in rep.tornado[:top]:   # the group by its German name (the code stays in JSON and in the cut name)
        group = cut_name(group_name(t["group"], names, short=True), t["group"], 40)
        w(f"  {group:<40} {T.counted_noun(t['measures'], T.NOUN_MEASURE):>13} · −: {num(t['delta_low']):>7} · "
          f"+: {num(t['delta_high']):>7}")
    w("")
    w(f"Monte Carlo ({mc['draws']} Ziehungen, Startwert {mc['seed']}):")
    for label, s in (("Optimum je Ziehung", mc), ("Nominaler Plan", mc["nominal_plan"]),
                     ("Robuster Plan", mc["robust"])):
        cvar = f" · CVaR 5 % {num(s['cvar'])}"
        w(f"  {label:<20} P5 {num(s['p5']):>8} · P50 {num(s['p50']):>8} · P95 {num(s['p95']):>8}{cvar}")
    precision = mc_precision(mc)
    if precision is not None:
        w(f"  {precision}")
    uncertain = [(mid, p) for mid, p in mc["funding_probability"].items() if 0 < p < 1]
    w(f"  Förderung unsicher ({T.counted(len(uncertain), top)}; Wahrscheinlichkeit, Neueintritte zu bekommen):")
    for mid, p in sorted(uncertain, key=lambda t: -t[1])[:top]:
        w(f"    {cut_name(names.get(mid, mid), mid, 44):<44} {fixed(p * 100, 1):>6} %")
    changes = mc["robust"]["changes"]
    if changes:
        w(f"  Robuster Plan verschiebt ({T.counted(len(changes), top)}; Neueintritte robust − nominal):")
        for c in changes[:top]:
            w(f"    {cut_name(names.get(c['measure'], c['measure']), c['measure'], 44):<44} {num(c['change']):>8}")
    w("")
    out += render_value_of_information(rep, names, top)
    w("Quoten sind Schätzungen, wo die Ratentabelle es sagt; Verteilungen und Quellen: --format json "
      "(monte_carlo.distributions), Excel-Blatt Übersicht.")
    from amip.export.text import render_policy

    out += render_policy(r)   # commitments with their price (issue 14)
    return "\n".join(out)
