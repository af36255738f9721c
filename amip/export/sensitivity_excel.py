"""The sensitivity workbook: one sheet per analysis, with native Excel charts (frontier line, tornado
bars, Monte Carlo histogram). Numbers stay numbers with euro/percent formats; text is never a formula."""
from __future__ import annotations

from pathlib import Path

from amip import texts as T
from amip.export.report import group_name, headline, mc_precision, measure_names
from amip.export.xlsx import (
    CHART_FONT,
    CHART_TITLE_FONT,
    cell_formats,
    footer_for,
    write_cell,
    write_sheet,
    write_workbook,
)
from amip.models.sources import for_reader  # seed lines and section numbers as source names
from amip.optimizer.sensitivity import SensitivityReport

#: Axis numbers and names at the cells' 11 pt: ≥ 8 pt on a page scaled to fit (xlsxwriter's 10 pt printed at 7,4)
AXIS_FONTS = {"num_font": CHART_FONT, "name_font": CHART_FONT}
STATE_DE = {"at upper bound": "an der Obergrenze", "unfunded": "ohne Mittel", "at lower bound": "an der Untergrenze",
            "between bounds": "zwischen den Grenzen"}


def _overview(wb, rep: SensitivityReport, fmts) -> None:
    from amip.export.html import describe_de, unit_de

    mc = rep.monte_carlo_dict()
    rows = [[label, *_value_and_unit(value, unit_de(unit, mc))] for label, value, unit in headline(rep)]
    rows += [["", None, ""], ["Verteilungen der Integrationsquoten (Monte Carlo)", None, ""]]
    names = measure_names(rep)
    rows += [[f"{group_name(u['group'], names)} ({T.counted_noun(u['measures'], T.NOUN_MEASURE)}): {describe_de(u)}",
              (u["mean"], "pct"), f"Mittelwert · {for_reader(u['source'])}"] for u in rep.uncertainty]
    # Wert wide enough for 'P5 / P50 / P95' as text ('4.380,2 / 4.700,4 / 5.010,9') and the input hash on two lines
    write_sheet(wb, "Übersicht", [("Kennzahl", 62, None), ("Wert", 38, "num"), ("Einheit / Quelle", 100, None)], rows,
                fmts)


def _value_and_unit(value, unit: str) -> list:
    """The cells Wert and Einheit of a key figure: an amount in euros formatted as one ('35.085.957 €'), its unit
    then without the '€' it already shows (it printed '35.085.957 € €'); a text too long for the column (the
    input hash) wraps in it."""
    import re

    if unit.startswith("€") and isinstance(value, (int, float)) and not isinstance(value, bool):
        rest = re.sub(r"^€\s*[;,]?\s*", "", unit)
        return [(value, "eur"), rest[1:-1] if rest.startswith("(") and rest.endswith(")") else rest]
    if isinstance(value, str) and len(value) > 30:
        return [(value, "wrap"), unit]
    return [value, unit]


def _shadow(wb, rep: SensitivityReport, fmts) -> None:
    """Shadow prices in the terminal's unit (integrations per 100.000 € or per entry: excel.shadow_cells); the
    constraint's key, the range of its right side (sheet Ranging Grenzen has it too) and the raw dual per unit
    folded (the + above the columns opens them)."""
    from amip.export.excel import shadow_cells
    from amip.export.layout import header_height

    headers = [("Restriktion", 24, "wrap"), ("Bezeichnung", 26, "wrap"), ("Art", 12, "wrap"), ("Einheit", 9, None),
               (T.XL_SHADOW_PRICE, 10, "num"), (T.XL_SHADOW_UNIT, 14, "wrap"), ("bindend", 8, None),
               ("Schlupf", 12, "num"), ("rechte Seite", 13, "num"), ("gültig ab", 13, "num"), ("gültig bis", 13, "num"),
               ("Quelle", 24, "wrap"), (T.XL_SHADOW_RAW, 12, "dual")]
    folded = (0, 9, 10, len(headers) - 1)   # key, the right side's range (also in Ranging Grenzen), raw dual
    ws = write_sheet(wb, "Schattenpreise", headers,
                     [[s["name"], s["label"], T.CONSTRAINT_KIND_DE.get(s["kind"], s["kind"]),
                       T.UNIT_DE.get(s["unit"], s["unit"]), *shadow_cells(s["value"], s["unit"], rep.result),
                       "ja" if s["binding"] else "nein", s["slack"], s["rhs"], s["valid_from"], s["valid_to"],
                       for_reader(s["source"]), s["value"]] for s in rep.shadow], fmts, folded=folded)
    for c in folded:
        ws.set_column(c, c, headers[c][1], fmts[headers[c][2]], {"level": 1, "hidden": True})
    ws.set_row(0, header_height([h for c, h in enumerate(headers) if c not in folded]))


def _ranging(wb, rep: SensitivityReport, fmts) -> None:
    names = measure_names(rep)
    reduced = rep.reduced_costs()
    rows = [[mid, names.get(mid, ""), STATE_DE.get(r["state"], r["state"]), r["new_entries"], r["rate"], r["low"],
             r["high"], reduced.get(mid), "ja" if r["rate_is_estimate"] else "nein"]
            for mid, r in rep.ranging["rates"].items()]
    write_sheet(wb, "Ranging Quoten", [
        ("Maßnahme-ID", 30, None), ("Maßnahme", 40, None), ("Lage", 18, None), ("Neueintritte", 12, "num"),
        ("Quote", 9, "rate"), ("Plan bleibt ab Quote", 12, "rate"), ("Plan bleibt bis Quote", 12, "rate"),
        ("Reduzierte Kosten (Integr. je Eintritt)", 14, "num"), ("Quote geschätzt", 9, None)], rows, fmts)
    rows = [[mid, "Obergrenze" if b["bound"] == "upper" else "Untergrenze", b["value"], b["low"], b["high"],
             b["objective_low"], b["objective_high"]] for mid, b in rep.ranging["bounds"].items()]
    rows += [[name, "rechte Seite", r["rhs"], r["low"], r["high"], r["objective_low"], r["objective_high"]]
             for name, r in rep.ranging["rhs"].items()]
    write_sheet(wb, "Ranging Grenzen", [
        ("Maßnahme / Restriktion", 32, None), ("Grenze", 14, None), ("Wert", 16, "num"), ("Basis gültig ab", 16, "num"),
        ("Basis gültig bis", 16, "num"), ("Zielwert ab", 12, "num"), ("Zielwert bis", 12, "num")], rows, fmts)


def _frontier(wb, rep: SensitivityReport, fmts) -> None:
    pts = rep.frontier.points()
    ws = write_sheet(wb, "Budgetkurve", [
        ("Neufallbudget", 16, "eur"), ("Optimum (Integrationen)", 14, "num"), ("Grenzertrag je 100.000 €", 14, "num"),
        ("verplant", 16, "eur"), ("nicht verplant", 14, "eur"), ("Status", 10, None), ("Extrapolation", 12, None)],
        [[p["budget"], p["objective"], p["marginal_per_100k"], p["spent"], p["unspent"],
          T.STATUS_DE.get(p["status"], p["status"]),
          "ja" if p["extrapolation"] else "nein"] for p in pts], fmts)
    n = len(pts)

    def line(col: int, title: str, yname: str, yfmt: str, color: str, height: int):
        chart = wb.add_chart({"type": "scatter", "subtype": "straight"})
        chart.add_series({"name": title, "categories": ["Budgetkurve", 1, 0, n, 0],
                          "values": ["Budgetkurve", 1, col, n, col], "line": {"color": color, "width": 2.25}})
        chart.set_title({"name": title, "name_font": CHART_TITLE_FONT})
        chart.set_x_axis({"name": "Neufallbudget (€)", "num_format": '#,##0 "€"', **AXIS_FONTS})
        chart.set_y_axis({"num_format": yfmt, **AXIS_FONTS, **({"name": yname} if yname else {})})
        chart.set_legend({"none": True})
        chart.set_size({"width": 760, "height": height})
        return chart

    # under the table on a page of their own, not beside it: beside, table and charts together were too wide to
    # print at ≥ 8 pt. The second chart's unit stands in its title (a rotated axis name printed its '€' small).
    ws.set_h_pagebreaks([n + 2])
    ws.insert_chart(n + 2, 0, line(1, "Budgetkurve: Integrationen je Neufallbudget", "Integrationen", "#,##0",
                                   "#1F4E79", 340))
    ws.insert_chart(n + 2 + 18, 0, line(2, "Grenzertrag je weitere 100.000 € (Integrationen)", "", "#,##0.0",
                                        "#C55A11", 300))
    bp = [[b["budget"], b["marginal_before_per_100k"], b["marginal_after_per_100k"],
           "; ".join(f"{c['measure']}: {c['from']} → {c['to']}" for c in b["changes"])]
          for b in rep.frontier.breakpoints]
    write_sheet(wb, "Knickpunkte", [("Neufallbudget am Knick", 16, "eur"), ("Grenzertrag davor", 14, "num"),
                               ("Grenzertrag danach", 14, "num"), ("Portfolio ändert sich", 140, None)], bp, fmts)


def _tornado(wb, rep: SensitivityReport, fmts) -> None:
    rows = [[t["group"], t["measures"], t["rate"], t["pct"], t["delta_low"], t["delta_high"], t["objective_low"],
             t["objective_high"], "ja" if t["rate_is_estimate"] else "nein", for_reader(t["rate_source"]),
             group_name(t["group"], measure_names(rep))] for t in rep.tornado]
    ws = write_sheet(wb, "Tornado", [
        ("Quotengruppe", 14, None), ("Maßnahmen", 10, None), ("Quote", 9, "rate"), ("± %", 6, None),
        ("Δ Optimum bei −", 12, "num"), ("Δ Optimum bei +", 12, "num"), ("Optimum bei −", 12, "num"),
        ("Optimum bei +", 12, "num"), ("geschätzt", 9, None), ("Quelle", 60, "wrap"), ("Bezeichnung", 40, "wrap")],
        rows, fmts)
    n = len(rows)
    bar = wb.add_chart({"type": "bar"})   # labelled by the groups' names (column K), not their codes
    pct = rep.settings.tornado_pct
    for col, name, color in ((4, f"Quote −{pct:g} %", "#C00000"), (5, f"Quote +{pct:g} %", "#2E75B6")):
        bar.add_series({"name": name, "categories": ["Tornado", 1, 10, n, 10], "values": ["Tornado", 1, col, n, col],
                        "fill": {"color": color}, "overlap": 100, "gap": 40})
    bar.set_title({"name": f"Tornado: Δ Integrationen bei Quote ±{pct:g} %", "name_font": CHART_TITLE_FONT})
    bar.set_x_axis({"name": "Δ Integrationen gegenüber dem Optimum", "num_format": "#,##0", **AXIS_FONTS})
    bar.set_y_axis({"reverse": True, "num_font": CHART_FONT})
    bar.set_legend({"position": "bottom", "font": CHART_FONT})
    bar.set_size({"width": 760, "height": 28 * n + 140})
    ws.insert_chart(n + 3, 0, bar)


def _monte_carlo(wb, rep: SensitivityReport, fmts) -> None:
    mc = rep.monte_carlo_dict()
    h = mc["histogram"]
    edges, counts = h["edges"], h["counts"]
    rows = [[(edges[i] + edges[i + 1]) / 2, edges[i], edges[i + 1], counts[i]] for i in range(len(counts))]
    ws = write_sheet(wb, "Monte Carlo", [("Klassenmitte (Integrationen)", 14, "num"), ("von", 12, "num"),
                                    ("bis", 12, "num"), ("Ziehungen", 10, None)], rows, fmts)
    n = len(rows)
    col = wb.add_chart({"type": "column"})
    col.add_series({"name": "Ziehungen", "categories": ["Monte Carlo", 1, 0, n, 0],
                    "values": ["Monte Carlo", 1, 3, n, 3],
                    "gap": 5, "fill": {"color": "#2E75B6"}})
    col.set_title({"name": f"Monte Carlo: Optimum in {mc['draws']} Ziehungen (Startwert {mc['seed']})",
                   "name_font": CHART_TITLE_FONT})
    col.set_x_axis({"name": "Integrationen", "num_format": "#,##0", **AXIS_FONTS})
    col.set_y_axis({"name": "Ziehungen", **AXIS_FONTS})
    col.set_legend({"none": True})
    col.set_size({"width": 620, "height": 360})   # beside the table: together one page wide (layout.PRINT_WIDTH)
    ws.insert_chart(1, 5, col)
    r = n + 3
    ws.write_string(r, 0, "Perzentile der Integrationen", fmts["bold"])
    head = ["", "P5", "P50", "P95", "Mittel", "CVaR 5 %"] + [T.MC_XL_ERROR.format(q=q) for q in ("P5", "P50", "P95")]
    for c, t in enumerate(head):
        ws.write_string(r + 1, c, t, fmts["head"])
    for k, (label, s) in enumerate((("Optimum je Ziehung", mc), ("Nominaler Plan", mc["nominal_plan"]),
                                    ("Robuster Plan", mc["robust"]))):
        ws.write_string(r + 2 + k, 0, label)
        for c, key in enumerate(("p5", "p50", "p95", "mean"), start=1):
            write_cell(ws, r + 2 + k, c, s[key], fmts["num"])
        write_cell(ws, r + 2 + k, 5, s.get("cvar"), fmts["num"])
        for c, key in enumerate(("p5", "p50", "p95"), start=6):
            write_cell(ws, r + 2 + k, c, s["mc_error"][key], fmts["num"])
    precision = mc_precision(mc)
    if precision is not None:
        ws.write_string(r + 5, 0, precision)

    names = measure_names(rep)
    robust = mc["robust"]["new_entries"]
    nominal = dict(zip(rep.monte_carlo.ids, (float(v) for v in rep.monte_carlo.nominal_x), strict=True))
    rows = [[mid, names.get(mid, ""), p, mc["at_upper_probability"][mid], nominal[mid], robust[mid],
             robust[mid] - nominal[mid]] for mid, p in mc["funding_probability"].items()]
    write_sheet(wb, "Förderung & robuster Plan", [
        ("Maßnahme-ID", 30, None), ("Maßnahme", 40, None), ("Wahrscheinlichkeit Förderung", 14, "rate"),
        ("Wahrscheinlichkeit an der Obergrenze", 14, "rate"), ("Neueintritte nominal", 12, "num"),
        ("Neueintritte robust", 12, "num"), ("Δ robust − nominal", 12, "num")], rows, fmts)


def _value_of_information(wb, rep: SensitivityReport, fmts: dict) -> None:
    """Where better data pay most (issue 27): one row per measure with a rate range, largest gain first."""
    if not rep.value_of_information:
        return
    names = measure_names(rep)
    rows = [[v["id"], names.get(v["id"], ""), v["group"], v["integrations"]] for v in rep.value_of_information]
    write_sheet(wb, T.VOI_SHEET, [("Maßnahme-ID", 30, None), ("Maßnahme", 40, None),
                                  ("Gruppe (gemeinsam gezogen)", 16, None),
                                  ("Erwarteter Gewinn an Integrationen bei bekannter Quote", 18, "num")], rows, fmts)


def write_sensitivity_excel(rep: SensitivityReport, path: Path, *, force: bool = False) -> Path:
    def fill(wb) -> None:
        fmts = cell_formats(wb)
        _overview(wb, rep, fmts)
        _shadow(wb, rep, fmts)
        _ranging(wb, rep, fmts)
        _frontier(wb, rep, fmts)
        _tornado(wb, rep, fmts)
        _monte_carlo(wb, rep, fmts)
        _value_of_information(wb, rep, fmts)
        from amip.export.policy_excel import write_policy_sheet

        write_policy_sheet(wb, rep.result, fmts, write_sheet)   # commitments with their price (issue 14)

    r = rep.result
    return write_workbook(Path(path), fill, force=force,
                           footer=footer_for(r.case_name, r.scenario, r.timestamp, r.input_hash))
