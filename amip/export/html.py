"""The sensitivity report as one self-contained HTML file (inline SVG charts, inline CSS, no scripts,
no external resources), to be mailed and opened in any browser."""
from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from amip import texts as T
from amip.export.files import write_text
from amip.export.report import group_name, headline, mc_precision, measure_names
from amip.export.templating import Chart, render, shape, svg_part
from amip.export.text import policy_label, policy_total_text
from amip.models.check import BUDGET
from amip.models.fmt import cut_name, eur, fixed, num
from amip.models.sources import for_reader  # seed lines and section numbers as source names
from amip.optimizer.sensitivity import SensitivityReport

if TYPE_CHECKING:
    from markupsafe import Markup

W, H = 760, 340                      #: chart size in px
PAD_L, PAD_R, PAD_T, PAD_B = 78, 20, 30, 48
TORNADO_PAD_L = 240   #: the tornado's bars are labelled with names, not codes

CSS = """
body{font-family:-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em auto;max-width:980px;color:#222}
h1{font-size:1.5em} h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em} td,th{padding:3px 8px;border-bottom:1px solid #eee}
th{background:#DDEBF7;text-align:left} td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
p.glance{font-size:1.05em;line-height:1.5;margin:.4em 0}
.note{color:#555;font-size:.85em} svg{display:block;margin:.5em 0} .est{color:#a33}
"""


def _ticks(lo: float, hi: float, n: int = 6) -> list[float]:
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=10 * mag)
    start = math.ceil(lo / step) * step
    return [start + k * step for k in range(int((hi - start) / step + 1e-9) + 1)]


class _Plot:
    """Linear scales and axes of one chart; its shapes are drawn by the template part svg.html.j2."""

    def __init__(self, x0, x1, y0, y1, *, xlabel: str, ylabel: str, xfmt, yfmt, height: int = H,
                 pad_l: int = PAD_L):
        self.pad_l = pad_l   # room for the labels left of the plot (the tornado's names need more)
        self.x0, self.x1 = x0, x1 if x1 > x0 else x0 + 1
        self.y0, self.y1 = y0, y1 if y1 > y0 else y0 + 1
        self.h = height
        self.chart = Chart((("xmlns", "http://www.w3.org/2000/svg"), ("width", W), ("height", height),
                            ("viewBox", f"0 0 {W} {height}"), ("role", "img")))
        self._axes(xlabel, ylabel, xfmt, yfmt)

    def x(self, v: float) -> float:
        return self.pad_l + (v - self.x0) / (self.x1 - self.x0) * (W - self.pad_l - PAD_R)

    def y(self, v: float) -> float:
        return self.h - PAD_B - (v - self.y0) / (self.y1 - self.y0) * (self.h - PAD_T - PAD_B)

    def _axes(self, xlabel, ylabel, xfmt, yfmt) -> None:
        add, left, bottom = self.add, self.pad_l, self.h - PAD_B
        for t in _ticks(self.y0, self.y1):
            add("line", x1=left, x2=W - PAD_R, y1=f"{self.y(t):.1f}", y2=f"{self.y(t):.1f}", stroke="#eee")
            add("text", x=left - 6, y=f"{self.y(t) + 4:.1f}", font_size=11, text_anchor="end", text=yfmt(t))
        for t in _ticks(self.x0, self.x1):
            add("line", x1=f"{self.x(t):.1f}", x2=f"{self.x(t):.1f}", y1=bottom, y2=bottom + 4, stroke="#333")
            add("text", x=f"{self.x(t):.1f}", y=bottom + 17, font_size=11, text_anchor="middle", text=xfmt(t))
        add("line", x1=left, x2=W - PAD_R, y1=bottom, y2=bottom, stroke="#333")
        add("line", x1=left, x2=left, y1=PAD_T, y2=bottom, stroke="#333")
        add("text", x=(left + W - PAD_R) / 2, y=self.h - 8, font_size=12, text_anchor="middle", text=xlabel)
        mid = (PAD_T + bottom) / 2
        add("text", x=14, y=mid, font_size=12, text_anchor="middle", transform=f"rotate(-90 14 {mid})", text=ylabel)

    def add(self, tag: str, **kw) -> None:
        self.chart.shapes.append(shape(tag, **kw))

    def polyline(self, xs, ys, color: str, width: float = 2) -> None:
        pts = " ".join(f"{self.x(a):.1f},{self.y(b):.1f}" for a, b in zip(xs, ys, strict=True)
                       if a is not None and b is not None and math.isfinite(b))
        self.add("polyline", fill="none", stroke=color, stroke_width=width, points=pts)

    def vline(self, v: float, color: str, label: str = "") -> None:
        self.add("line", x1=f"{self.x(v):.1f}", x2=f"{self.x(v):.1f}", y1=PAD_T, y2=self.h - PAD_B, stroke=color,
                 stroke_dasharray="4 3")
        self.add("text", x=f"{self.x(v) + 3:.1f}", y=PAD_T + 10, font_size=11, fill=color, text=label)

    def svg(self) -> Markup:
        return svg_part("chart", self.chart)


def _meur(v: float) -> str:
    return fixed(v / 1e6, 1) + " Mio. €"


def frontier_svg(rep: SensitivityReport) -> str:
    fr = rep.frontier
    pts = [p for p in fr.points() if p["objective"] is not None]
    if not pts:
        return svg_part("paragraph", "Keine zulässigen Punkte.")
    ys = [p["objective"] for p in pts]
    plot = _Plot(float(fr.budgets[0]), float(fr.budgets[-1]), 0.0, max(ys) * 1.05, xlabel="Neufallbudget",
                 ylabel="Integrationen", xfmt=_meur, yfmt=lambda v: num(v, 0))
    if fr.support is not None:
        a, b = (max(fr.support[0], plot.x0), min(fr.support[1], plot.x1))
        plot.add("rect", x=f"{plot.x(a):.1f}", y=PAD_T, width=f"{plot.x(b) - plot.x(a):.1f}",
                 height=H - PAD_T - PAD_B, fill="#E2F0D9")
        plot.add("text", x=f"{plot.x(a) + 4:.1f}", y=H - PAD_B - 6, font_size=11, fill="#385723",
                 text="datengestützt")
    plot.polyline([p["budget"] for p in pts], ys, "#1F4E79", 2.5)
    for bp in fr.breakpoints:
        v = float(bp["budget"])
        yv = float(_interp(v, [p["budget"] for p in pts], ys))
        plot.add("circle", cx=f"{plot.x(v):.1f}", cy=f"{plot.y(yv):.1f}", r=3, fill="#C55A11",
                 title=f"Knick bei {eur(v)}")
    plot.vline(rep.result.budget_limit, "#555", "Neufallbudget")
    return plot.svg()


def _interp(v: float, xs: list[float], ys: list[float]) -> float:
    for i in range(len(xs) - 1):
        if xs[i] <= v <= xs[i + 1]:
            t = (v - xs[i]) / (xs[i + 1] - xs[i]) if xs[i + 1] > xs[i] else 0
            return ys[i] + t * (ys[i + 1] - ys[i])
    return ys[-1]


def marginal_svg(rep: SensitivityReport) -> str:
    pts = [p for p in rep.frontier.points() if p["marginal_per_100k"] is not None]
    if not pts:
        return ""
    ys = [p["marginal_per_100k"] for p in pts]
    plot = _Plot(pts[0]["budget"], pts[-1]["budget"], 0.0, max(ys) * 1.1, xlabel="Neufallbudget",
                 ylabel="Integrationen je 100.000 €", xfmt=_meur, yfmt=lambda v: fixed(v, 0), height=260)
    plot.polyline([p["budget"] for p in pts], ys, "#C55A11")
    plot.vline(rep.result.budget_limit, "#555", "Neufallbudget")
    return plot.svg()


def tornado_svg(rep: SensitivityReport, top: int = 15) -> str:
    rows = rep.tornado[:top]
    if not rows:
        return ""
    span = max(max(abs(t["delta_low"]), abs(t["delta_high"])) for t in rows) * 1.1 or 1.0
    height = 26 * len(rows) + PAD_T + PAD_B
    plot = _Plot(-span, span, 0, len(rows), xlabel=f"Δ Integrationen bei Quote ±{rep.settings.tornado_pct:g} %",
                 ylabel="", xfmt=lambda v: num(v, 0), yfmt=lambda v: "", height=height, pad_l=TORNADO_PAD_L)
    names = measure_names(rep)
    for k, t in enumerate(rows):
        y_top = plot.y(len(rows) - k) + 3
        bh = plot.y(0) - plot.y(1) - 6
        for delta, color in ((t["delta_low"], "#C00000"), (t["delta_high"], "#2E75B6")):
            a, b = sorted((plot.x(0), plot.x(delta)))
            plot.add("rect", x=f"{a:.1f}", y=f"{y_top:.1f}", width=f"{max(b - a, 0.5):.1f}", height=f"{bh:.1f}",
                     fill=color, title=f"{group_name(t['group'], names)}: {num(delta)}")
        label = group_name(t["group"], names, short=True)   # long names keep their code: two FbW rows differ
        label = label if len(label) <= 36 else label[:max(8, 32 - len(t["group"]))] + f"… ({t['group']})"
        plot.add("text", x=TORNADO_PAD_L - 6, y=f"{y_top + bh / 2 + 4:.1f}", font_size=11, text_anchor="end",
                 text=label)
    plot.vline(0, "#333")
    return plot.svg()


def histogram_svg(rep: SensitivityReport) -> str:
    mc = rep.monte_carlo_dict()
    edges, counts = mc["histogram"]["edges"], mc["histogram"]["counts"]
    plot = _Plot(edges[0], edges[-1], 0, max(counts) * 1.15 or 1, xlabel="Integrationen (Optimum je Ziehung)",
                 ylabel="Ziehungen", xfmt=lambda v: num(v, 0), yfmt=lambda v: num(v, 0))
    for i, c in enumerate(counts):
        a, b = plot.x(edges[i]), plot.x(edges[i + 1])
        plot.add("rect", x=f"{a + 0.5:.1f}", y=f"{plot.y(c):.1f}", width=f"{max(b - a - 1, 0.5):.1f}",
                 height=f"{plot.y(0) - plot.y(c):.1f}", fill="#2E75B6", title=str(c))
    for key, color in (("p5", "#C00000"), ("p50", "#333"), ("p95", "#385723")):
        plot.vline(mc[key], color, key.upper())
    return plot.svg()


def _uncertain(rep: SensitivityReport) -> int:
    """How many measures are funded in some draws but not in all."""
    return sum(1 for p in rep.monte_carlo_dict()["funding_probability"].values() if 0 < p < 1)


def funding_svg(rep: SensitivityReport, top: int = 25) -> str:
    names = measure_names(rep)
    probs = sorted(((mid, p) for mid, p in rep.monte_carlo_dict()["funding_probability"].items() if 0 < p < 1),
                   key=lambda t: -t[1])[:top]
    if not probs:
        return svg_part("paragraph", "Jede Maßnahme wird in allen Ziehungen gefördert oder in keiner.")
    height = 22 * len(probs) + PAD_T + PAD_B
    plot = _Plot(0, 1, 0, len(probs), xlabel="Wahrscheinlichkeit, Neueintritte zu bekommen", ylabel="",
                 xfmt=lambda v: fixed(v * 100, 0) + " %", yfmt=lambda v: "", height=height)
    for k, (mid, p) in enumerate(probs):
        y_top = plot.y(len(probs) - k) + 3
        bh = plot.y(0) - plot.y(1) - 6
        plot.add("rect", x=PAD_L, y=f"{y_top:.1f}", width=f"{plot.x(p) - PAD_L:.1f}", height=f"{bh:.1f}",
                 fill="#8FAADC")
        plot.add("text", x=PAD_L + 4, y=f"{y_top + bh / 2 + 4:.1f}", font_size=11,
                 text=f"{cut_name(names.get(mid, mid), mid, 60)} · {fixed(p * 100, 1)} %")
    return plot.svg()


def _table(head: list[str], rows: list[list], numeric: set[int] = frozenset()) -> dict:
    """A table for the macro ``table`` of sensitivity.html.j2: head, rows of cells, the numeric columns."""
    return {"head": head, "rows": rows, "numeric": numeric}


def _fmt(v, unit: str) -> str:
    if isinstance(v, str):
        return v
    if v is None:
        return "–"
    return eur(v) if unit.startswith("€") else num(v, 2)


def _criterion(rep: SensitivityReport) -> str:
    alpha = rep.monte_carlo_dict()["robust"].get("alpha", 0.05)
    return T.ROBUST_CRITERION.format(alpha=fixed(alpha * 100, 0) + " %")


def unit_de(unit: str, mc: dict) -> str:
    """The unit column of the key figures in German (the robust plan's criterion was English)."""
    if unit == mc["robust"]["criterion"]:
        return "Integrationen, " + T.ROBUST_CRITERION.split(":")[0].format(
            alpha=fixed(mc["robust"].get("alpha", 0.05) * 100, 0) + " %")
    return {"weighted integrations": "gewichtete Integrationen"}.get(unit, unit)


def describe_de(u: dict) -> str:
    """A rate's distribution in German with German decimals: 'Dreiecksverteilung 15,0 % bis 25,0 % (Modus 20,0 %)'."""
    name = T.DISTRIBUTION.get(u["distribution"], u["distribution"])

    def p(v: float) -> str:
        return fixed(v * 100, 1) + " %"

    if u["distribution"] == "fixed" or u["high"] - u["low"] <= 1e-12:
        return f"{name} {p(u['rate'])}"
    text = (T.DIST_NORMAL if u["distribution"] == "normal" else T.DIST_RANGE).format(name=name, low=p(u["low"]),
                                                                                      high=p(u["high"]))
    if u["distribution"] == "normal":
        text += T.DIST_MEAN.format(c=p(u["rate"]))
    elif u["distribution"] != "uniform":
        text += T.DIST_CENTRE.format(c=p(u["rate"]))
    return text


def glance(rep: SensitivityReport) -> list[str]:
    """'Auf einen Blick' in plain German: the plan, the budget's price, the range, the weakest link."""
    r, mc = rep.result, rep.monte_carlo_dict()
    share = r.budget_used / r.budget_limit if r.budget_limit else 0.0
    used = T.SENS_USED_ALL if share > 0.9995 else T.SENS_USED_PART.format(share=fixed(share * 100, 1) + " %")
    out = [T.SENS_GLANCE_PLAN.format(value=num(r.objective), budget=eur(r.budget_limit), used=used)]
    b = next((s for s in rep.shadow if s["name"] == BUDGET), None)
    if b is not None and b["per_100k_eur"]:
        out.append(T.SENS_GLANCE_BUDGET.format(per=fixed(b["per_100k_eur"], 1), low=eur(b["valid_from"] or 0),
                                               high=eur(b["valid_to"]) if b["valid_to"] is not None
                                               else T.SENS_UNBOUNDED))
    out.append(T.SENS_GLANCE_MC.format(p5=num(mc["p5"]), p95=num(mc["p95"]), n5=num(mc["nominal_plan"]["p5"]),
                                       n95=num(mc["nominal_plan"]["p95"])))
    if rep.tornado:
        t = rep.tornado[0]
        out.append(T.SENS_GLANCE_TORNADO.format(group=group_name(t["group"], measure_names(rep)),
                                                pct=num(rep.settings.tornado_pct),
                                                low=num(t["delta_low"]), high=num(t["delta_high"])))
    held = held_words(rep.reasons)
    if held:
        out.append(held)
    unsure = sum(1 for p in mc["funding_probability"].values() if 0 < p < 1)
    if unsure:
        out.append(T.SENS_GLANCE_UNSURE[unsure == 1].format(n=T.counted_noun(unsure, T.NOUN_MEASURE)))
    return out


def held_words(reasons) -> str:
    """What holds the plan, counted from the reasons (amip.optimizer.reasons): how many measures
    sit at their own upper bound, which commitments hold measures, how many get nothing because their
    rate is too low, how many take the last money."""
    if not reasons:
        return ""
    upper = sum(1 for r in reasons if r.cause == "upper")
    price = sum(1 for r in reasons if r.cause == "price")
    budget = sum(1 for r in reasons if r.cause == "budget")
    rows: dict[str, int] = {}
    for r in reasons:
        if r.cause in ("commitment", "link", "row"):
            rows[r.label] = rows.get(r.label, 0) + 1
    other = len(reasons) - upper - price - budget - sum(rows.values())
    def say(texts: tuple[str, str], n: int, **kw) -> str:
        return texts[n != 1].format(n=n, **kw)

    parts = [say(T.SENS_HELD_UPPER, upper)] if upper else []
    parts += [say(T.SENS_HELD_ROW, n, label=label) for label, n in rows.items()]
    parts += [say(texts, n) for texts, n in ((T.SENS_HELD_BUDGET, budget), (T.SENS_HELD_PRICE, price),
                                             (T.SENS_HELD_OTHER, other)) if n]
    return T.SENS_GLANCE_HELD.format(n=len(reasons), parts="; ".join(parts))


def render_html(rep: SensitivityReport) -> str:
    """The page from the template sensitivity.html.j2 (amip.export.templating: autoescaped)."""
    r, mc = rep.result, rep.monte_carlo_dict()
    names = measure_names(rep)
    reduced = rep.reduced_costs()
    return render(
        "sensitivity.html.j2", css=CSS, case=r.case_name, scenario=r.scenario, year=r.year, version=r.version,
        solver=r.solver, input_hash=r.input_hash, glance=glance(rep),
        figures=_table(["Kennzahl", "Wert", "Einheit / Quelle"],
                       [[a, _fmt(b, c), unit_de(c, mc)] for a, b, c in headline(rep)], {1}),
        frontier=frontier_svg(rep), marginal=marginal_svg(rep),
        breakpoints=_table(["Knick bei", "Grenzertrag davor", "danach", "Portfolio ändert sich"],
                           [[eur(b["budget"]), fixed(b["marginal_before_per_100k"], 2),
                             fixed(b["marginal_after_per_100k"], 2),
                             "; ".join(f"{names.get(c['measure'], c['measure'])}: {c['from']} → {c['to']}"
                                       for c in b["changes"][:6])] for b in rep.frontier.breakpoints], {1, 2}),
        shadow=_table(["Restriktion", "Bezeichnung", "je Einheit", "je 100.000 €", "bindend", "gültig ab",
                       "gültig bis"],
                      [[s["name"], s["label"], fixed(s["value"], 6), "–" if s["per_100k_eur"] is None else
                        fixed(s["per_100k_eur"], 2), "ja" if s["binding"] else "nein",
                        _fmt(T.SENS_UNBOUNDED if s["valid_from"] is None else s["valid_from"],
                             "€" if s["unit"] == "EUR" else ""),
                        _fmt(T.SENS_UNBOUNDED if s["valid_to"] is None else s["valid_to"],
                             "€" if s["unit"] == "EUR" else "")] for s in rep.shadow], {2, 3, 5, 6}),
        ranging=_table(["Maßnahme", "Lage", "Quote", "ab", "bis", "Reduzierte Kosten"],
                       [[names.get(mid, mid) + (" *" if x["rate_is_estimate"] else ""),
                         T.RANGING_STATE.get(x["state"], x["state"]),
                         _pct(x["rate"]), _pct(x["low"]), _pct(x["high"]),
                         "–" if reduced.get(mid) is None else fixed(reduced[mid], 4)]
                        for mid, x in rep.ranging["rates"].items()], {2, 3, 4, 5}),
        policy=policy_part(rep), tornado_pct=f"{rep.settings.tornado_pct:g}", tornado=tornado_svg(rep),
        draws=mc["draws"], seed=mc["seed"], histogram=histogram_svg(rep),
        monte_carlo=_table(["", "P5", "P50", "P95", "Mittel", "CVaR 5 %"],
                           [[label, num(s["p5"]), num(s["p50"]), num(s["p95"]), num(s["mean"]), num(s["cvar"])]
                            for label, s in (("Optimum je Ziehung", mc), ("Nominaler Plan", mc["nominal_plan"]),
                                             ("Robuster Plan", mc["robust"]))],
                           {1, 2, 3, 4, 5}),
        mc_precision=mc_precision(mc),
        criterion=_criterion(rep), funding_count=T.counted(_uncertain(rep), 25), funding=funding_svg(rep),
        distributions=_table(["Gruppe", "Maßnahmen", "Verteilung", "Mittel", "Quelle"],
                             [[group_name(u["group"], names), u["measures"], describe_de(u),
                               fixed(u["mean"] * 100, 1) + " %",
                               for_reader(u["source"])] for u in rep.uncertainty], {1, 3}))


def policy_part(rep: SensitivityReport) -> dict | None:
    """Commitments (Politik) with their price, and the linked measures (issue 14); None without either."""
    r = rep.result
    if not r.policy and not r.links:
        return None
    # five columns, so the table fits a 1.000 px window (the sheet 'Zusagen' has every column)
    rows = [[policy_label(p), ("ja" if p["binding"] else "nein") if p["active"] else "aus",
             _fmt(p["price_integrations"], ""), _fmt(p["price_dual_estimate"], ""), for_reader(p["source"])]
            for p in r.policy]
    t = r.policy_total
    if t and t.get("price_integrations") is not None:
        rows.append([policy_total_text(t),
                     "", _fmt(t["price_integrations"], ""), "", ""])
    # the limits on later years' money (issue 26), priced the same way; not part of the commitments' total
    rows += [[f"{T.LIMIT_ROW_LABEL.format(year=y)} ≤ {eur(p['limit'])}", "ja" if p["binding"] else "nein",
              _fmt(p["price_integrations"], ""), _fmt(p["price_dual_estimate"], ""), for_reader(p["source"])]
             for y, p in (r.commitments.get("prices") or {}).items()]
    links = [[lk["follower"], lk["leader"], _fmt(lk["prebought_places"], ""), _fmt(lk["empty_prebought_places"], ""),
              for_reader(lk["source"])] for lk in r.links]
    heads = [T.LINK_SHEET_COLUMNS[i] for i in (0, 1, 7, 8, 10)]
    return {"off": "" if r.policy_enabled else T.POLICY_OFF.format(why="--no-policy"),
            "commitments": _table(list(T.POLICY_COLUMNS), rows, {2, 3}),
            "links": _table(heads, links, {2, 3}) if links else None}


def _pct(v: float | None) -> str:
    if v is None:
        return "–"
    return "> 100 %" if v > 1 else fixed(v * 100, 1) + " %"


def write_html(rep: SensitivityReport, path: Path, *, force: bool = False) -> Path:
    return write_text(Path(path), render_html(rep), force=force)
