"""Outputs of the running year (issue 18): the actuals workbook (empty template or filled, for the
shipped examples), the workbook of `amip ist` / `amip replan` with the Mittelabfluss as a native
Excel line chart, the German table and a self-contained HTML report (inline SVG, no scripts)."""
from __future__ import annotations

from pathlib import Path

from amip import texts as T
from amip.export.files import write_text
from amip.export.templating import Chart, render, shape
from amip.export.xlsx import CHART_FONT, CHART_TITLE_FONT, PAGE_TEXT_WIDTH, cell_formats, write_lines, write_workbook
from amip.models import Case
from amip.models.actuals import (
    MONTHS,
    NAME_HEADER,
    PLAN_ENTRIES_HEADER,
    PLAN_SPEND_HEADER,
    REST_HEADER,
    SHEET_COMMIT,
    SHEET_ENTRIES,
    SHEET_SPEND,
    budget_measures,
    later_headers,
    planned_spend_eur,
)
from amip.models.fmt import cut_name, eur, num, pct, signed
from amip.models.forecast import Forecast
from amip.models.sources import for_reader  # the data's sources as a reader cites them


# --------------------------------------------------------------------------- the actuals workbook
def write_actuals_workbook(case: Case, path: Path, *, force: bool = False, entries: dict | None = None,
                           spend: dict | None = None, commitments: dict | None = None, note: str = "") -> Path:
    """One row per measure paid from the Neufallbudget. ``entries``/``spend``: id → 12 cumulative
    values (None = empty); ``commitments``: id → (rest of year, [later years]). Empty = a template."""
    ms = budget_measures(case)

    def fill(wb) -> None:
        f = cell_formats(wb)
        for sheet, values, fmt, plan_head, plan_of in (
                (SHEET_ENTRIES, entries or {}, "num", PLAN_ENTRIES_HEADER,
                 lambda m: m.planned_entries if m.budget_basis.has_new_entries else 0.0),
                (SHEET_SPEND, spend or {}, "eur", PLAN_SPEND_HEADER, planned_spend_eur)):
            ws = wb.add_worksheet(sheet)
            for c, (h, w) in enumerate([("Maßnahme-ID", 30), (NAME_HEADER, 44), (plan_head, 14)]
                                       + [(mo, 12) for mo in MONTHS]):
                ws.write_string(0, c, h, f["head"])
                ws.set_column(c, c, w, f[fmt] if c >= 2 else None)
            for r, m in enumerate(ms, start=1):
                ws.write_string(r, 0, m.id)
                ws.write_string(r, 1, m.name)
                ws.write_number(r, 2, plan_of(m), f[fmt])
                for k, v in enumerate(values.get(m.id, [None] * 12)):
                    if v is not None:
                        ws.write_number(r, 3 + k, v, f[fmt])
            ws.data_validation(1, 3, len(ms), 14, {"validate": "decimal", "criteria": ">=", "value": 0,
                                                   "error_message": "Eine Zahl ≥ 0 (kumuliert bis Monatsende)"})
            ws.freeze_panes(1, 2)
        ws = wb.add_worksheet(SHEET_COMMIT)
        heads = [("Maßnahme-ID", 30), (NAME_HEADER, 44), (REST_HEADER, 18)] + [(h, 16) for h in later_headers(case)]
        for c, (h, w) in enumerate(heads):
            ws.write_string(0, c, h, f["head"])
            ws.set_column(c, c, w, f["eur"] if c >= 2 else None)
        for r, m in enumerate(ms, start=1):
            ws.write_string(r, 0, m.id)
            ws.write_string(r, 1, m.name)
            if commitments and m.id in commitments:
                rest, later = commitments[m.id]
                for c, v in enumerate([rest, *later], start=2):
                    ws.write_number(r, c, v, f["eur"])
        ws.freeze_panes(1, 2)
        hs = wb.add_worksheet(T.ACTUALS_HELP_SHEET)
        hs.set_column(0, 0, 16)
        hs.write_string(0, 0, f"Fall: {case.title}", f["title"])
        for r, (a, _) in enumerate(T.ACTUALS_HELP, start=2):
            hs.write_string(r, 0, a, f["bold"])
        write_lines(hs, 2, 1, [b for _, b in T.ACTUALS_HELP] + [""] + note.splitlines(), PAGE_TEXT_WIDTH, f)

    return write_workbook(Path(path), fill, force=force)


# --------------------------------------------------------------------------- table
def render_forecast(case: Case, fc: Forecast) -> str:
    M = fc.month
    lines = [T.IST_TITLE.format(year=case.year, month=MONTHS[M - 1], m=M),
             T.IST_PROFILE.format(profile=for_reader(fc.profile.source)), "",
             T.IST_SPEND.format(m=M, actual=eur(fc.actual_spend_eur), spend=eur(fc.spend_eur),
                                low=eur(fc.spend_low_eur), high=eur(fc.spend_high_eur), plan=eur(fc.planned_spend_eur),
                                budget=eur(fc.budget_eur)),
             T.IST_LAPSE.format(lapse=eur(fc.lapse_eur), low=eur(fc.lapse_low_eur), high=eur(fc.lapse_high_eur))]
    if fc.overrun_high_eur > 0:   # the forecast or its range spends more than the Neufallbudget
        lines.append(T.IST_OVERRUN.format(overrun=eur(fc.overrun_eur), low=eur(fc.overrun_low_eur),
                                          high=eur(fc.overrun_high_eur)))
    d = fc.integrations - fc.planned_integrations
    lines.append(T.IST_INTEGRATIONS.format(fc=num(fc.integrations), low=num(fc.integrations_low),
                                           high=num(fc.integrations_high), plan=num(fc.planned_integrations),
                                           delta=pct(d / fc.planned_integrations) if fc.planned_integrations else "–"))
    share = fc.profile.at(M)
    lo, hi = fc.profile.band(M)
    lines.append(T.IST_METHOD.format(m=M, share=pct(share).lstrip("+"), low=pct(lo).lstrip("+"),
                                     high=pct(hi).lstrip("+")))
    for title, sel in ((T.IST_UNDER, lambda r: r.frees_eur > 0.5), (T.IST_OVER, lambda r: r.frees_eur < -0.5)):
        lines += ["", title]
        rows = sorted((r for r in fc.measures if sel(r)), key=lambda r: -abs(r.frees_eur))
        lines += [T.IST_MEASURE_LINE.format(name=r.name, fc=num(r.forecast_entries), plan=num(r.planned_entries),
                                            spend=eur(r.forecast_spend_eur), pspend=eur(r.planned_spend_eur),
                                            sign="frei " if r.frees_eur > 0 else "Bedarf ", money=eur(abs(r.frees_eur)))
                  for r in rows] or [T.IST_NONE]
    return "\n".join(lines)


def render_replan(case: Case, rp) -> str:
    from amip.optimizer.replan import ACTIONS, describe

    lines = [render_forecast(case, rp.forecast), "", describe(rp)]
    c = rp.commitments
    if c:
        lines.append(T.REPLAN_COMMITMENTS.format(m=rp.month, years=" · ".join(
            T.REPLAN_COMMITMENT_YEAR.format(year=k, total=eur(v), done=eur(c["to_date"].get(k, 0.0)),
                                            limit=(T.REPLAN_COMMITMENT_LIMIT.format(limit=eur(c["limits"][k]["limit"]))
                                                   if k in c["limits"] else ""))
            for k, v in c["years"].items())))
    lines.append("")
    w = [34, 9, 11, 11, 10, 14]
    head = T.REPLAN_HEADERS
    lines.append("  ".join(h.ljust(n) for h, n in zip(head[:-1], w, strict=True)) + "  " + head[-1])
    for a in sorted(rp.actions, key=lambda a: (a.action == "hold", -abs(a.delta_integrations))):
        cells = [cut_name(a.name, a.id, 34), ACTIONS[a.action], num(a.baseline_entries), num(a.entries),
                 signed(a.delta_entries), eur(a.delta_eur)]
        lines.append("  ".join(str(c).ljust(n) for c, n in zip(cells, w, strict=True)) + "  " + a.reason)
    lines += [""] + list(rp.notes)
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- workbook with the chart
def write_year_workbook(case: Case, fc: Forecast, path: Path, *, replan=None, force: bool = False) -> Path:
    flow = fc.monthly(case)
    flow["replan"] = replan.monthly() if replan is not None else [None] * 12

    def fill(wb) -> None:
        f = cell_formats(wb)
        ws = wb.add_worksheet(T.IST_SHEET_SUMMARY)
        text = render_replan(case, replan) if replan is not None else render_forecast(case, fc)
        write_lines(ws, 0, 0, text.splitlines(), PAGE_TEXT_WIDTH, f, first="title")
        ms = wb.add_worksheet(T.IST_SHEET_MEASURES)
        heads = ["Maßnahme-ID", "Maßnahme", "Plan Eintritte", "Ist Eintritte", "Hochrechnung Eintritte",
                 "HR niedrig", "HR hoch", "Plan Ausgaben (€)", "Ist Ausgaben (€)", "Festgelegt Rest (€)",
                 "Hochrechnung Ausgaben (€)", "HR niedrig (€)", "HR hoch (€)", "frei (+) / Bedarf (−) (€)"]
        if replan is not None:
            heads += ["Aktion", "Eintritte Neuplanung", "Δ Eintritte", "Δ €", "Grund"]
        for c, h in enumerate(heads):
            ms.write_string(0, c, h, f["head"])
            ms.set_column(c, c, 44 if h in ("Maßnahme", "Grund") else 14)
        acts = {a.id: a for a in replan.actions} if replan is not None else {}
        from amip.optimizer.replan import ACTIONS

        for r, x in enumerate(fc.measures, start=1):
            vals = [x.id, x.name, x.planned_entries, x.actual_entries, x.forecast_entries, x.forecast_entries_low,
                    x.forecast_entries_high, x.planned_spend_eur, x.actual_spend_eur, x.committed_rest_eur,
                    x.forecast_spend_eur, x.forecast_spend_low_eur, x.forecast_spend_high_eur, x.frees_eur]
            if x.id in acts:
                a = acts[x.id]
                vals += [ACTIONS[a.action], a.entries, a.delta_entries, a.delta_eur, a.reason]
            for c, v in enumerate(vals):
                if isinstance(v, str):
                    ms.write_string(r, c, v)
                else:
                    ms.write_number(r, c, v, f["eur"] if "€" in heads[c] else f["num"])
        ms.freeze_panes(1, 2)
        ms.autofilter(0, 0, len(fc.measures), len(heads) - 1)
        fl = wb.add_worksheet(T.IST_SHEET_FLOW)
        for c, h in enumerate(T.IST_FLOW_HEADERS):
            fl.write_string(0, c, h, f["head"])
            fl.set_column(c, c, 8 if c == 0 else 18)
        keys = ["plan", "actual", "forecast", "low", "high", "replan"]
        for k in range(12):
            fl.write_string(k + 1, 0, MONTHS[k])
            for c, key in enumerate(keys, start=1):
                v = flow[key][k]
                if v is not None:
                    fl.write_number(k + 1, c, v, f["eur"])
        chart = wb.add_chart({"type": "line"})
        styles = {"plan": {"color": "#7F7F7F", "dash_type": "dash"}, "actual": {"color": "#1F4E79", "width": 2.5},
                  "forecast": {"color": "#C55A11", "width": 2}, "low": {"color": "#F4B183", "dash_type": "round_dot"},
                  "high": {"color": "#F4B183", "dash_type": "round_dot"}, "replan": {"color": "#548235", "width": 2}}
        for c, key in enumerate(keys, start=1):
            if replan is None and key == "replan":
                continue
            chart.add_series({"name": [T.IST_SHEET_FLOW, 0, c], "categories": [T.IST_SHEET_FLOW, 1, 0, 12, 0],
                              "values": [T.IST_SHEET_FLOW, 1, c, 12, c], "line": styles[key]})
        chart.set_title({"name": T.IST_CHART_TITLE.format(year=case.year), "name_font": CHART_TITLE_FONT})
        chart.set_x_axis({"num_font": CHART_FONT})
        chart.set_y_axis({"name": T.IST_CHART_Y, "num_format": '#,##0 "€"', "num_font": CHART_FONT,
                          "name_font": CHART_FONT})
        chart.set_legend({"position": "bottom", "font": CHART_FONT})
        chart.set_size({"width": 900, "height": 460})
        chart.show_blanks_as("gap")
        fl.insert_chart(14, 0, chart)   # under the table: beside it, both printed at 7,5 pt

    return write_workbook(Path(path), fill, force=force)


# --------------------------------------------------------------------------- HTML with inline SVG
def _svg_flow(case: Case, flow: dict[str, list[float | None]]) -> Chart:
    W, H, L, R, TOP, B = 860, 380, 90, 20, 20, 50
    peak = max(v for s in flow.values() for v in s if v is not None) or 1.0
    step = 10 ** int(f"{peak / 4:e}".split("e")[1])
    step *= next(k for k in (1, 2, 5, 10) if k * step * 4 >= peak)   # 4 gridlines at a round step
    top = 4 * step

    def xy(k, v):
        return L + k * (W - L - R) / 11, TOP + (1 - v / top) * (H - TOP - B)

    def points(pts) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)

    chart = Chart((("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", f"0 0 {W} {H}"), ("role", "img"),
                   ("aria-label", T.IST_CHART_TITLE.format(year=case.year))))
    add = chart.shapes.append
    for g in range(5):
        v = step * g
        _, y = xy(0, v)
        add(shape("line", x1=L, x2=W - R, y1=f"{y:.1f}", y2=f"{y:.1f}", stroke="#ddd"))
        add(shape("text", x=L - 6, y=f"{y + 4:.1f}", font_size=11, text_anchor="end", text=eur(v)))
    for k, mo in enumerate(MONTHS):
        x, _ = xy(k, 0)
        add(shape("text", x=f"{x:.1f}", y=H - B + 18, font_size=11, text_anchor="middle", text=mo))
    band = [(k, flow["low"][k], flow["high"][k]) for k in range(12) if flow["low"][k] is not None]
    if len(band) > 1:
        pts = [xy(k, hi) for k, _, hi in band] + [xy(k, lo) for k, lo, _ in reversed(band)]
        add(shape("polygon", fill="#F4B183", fill_opacity="0.35", stroke="none", points=points(pts)))
    styles = {"plan": ('#7F7F7F', '6 4', "Plan"), "actual": ('#1F4E79', '', "Ist"),
              "forecast": ('#C55A11', '', "Hochrechnung (Spanne)"), "replan": ('#548235', '', "Neuplanung")}
    for i, (key, (color, dash, label)) in enumerate(styles.items()):
        pts = [xy(k, v) for k, v in enumerate(flow.get(key, [])) if v is not None]
        if len(pts) < 1:
            continue
        add(shape("polyline", fill="none", stroke=color, stroke_width="2.5", stroke_dasharray=dash,
                  points=points(pts)))
        lx = L + i * 200
        add(shape("line", x1=lx, x2=lx + 24, y1=H - 12, y2=H - 12, stroke=color, stroke_width=3,
                  stroke_dasharray=dash))
        add(shape("text", x=lx + 30, y=H - 8, font_size=12, text=label))
    return chart


def render_year_html(case: Case, fc: Forecast, *, replan=None) -> str:
    """The page from the template year.html.j2 (amip.export.templating: autoescaped): the chart, then the
    text report line by line."""
    flow = fc.monthly(case)
    if replan is not None:
        flow["replan"] = replan.monthly()
    text = render_replan(case, replan) if replan is not None else render_forecast(case, fc)
    lines = [line for line in text.splitlines()[1:] if line.strip()]
    page = render("year.html.j2", title=T.IST_HTML_TITLE.format(year=case.year, m=fc.month),
                  flow=_svg_flow(case, flow), lines=lines)
    return page + "\n"   # the file ends with a newline (Jinja drops the template's last one)


def write_year_html(case: Case, fc: Forecast, path: Path, *, replan=None, force: bool = False) -> Path:
    return write_text(Path(path), render_year_html(case, fc, replan=replan), force=force)
