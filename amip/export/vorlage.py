"""The Entscheidungsvorlage (`amip report`): one or two A4 pages for the Trägerversammlung, in plain
German, as one self-contained HTML file (inline CSS and SVG, no scripts, no external resources) or
as PDF printed from that HTML by WeasyPrint.

It reads only results: the optimum, the measure table's own plan (the previous plan), the headline
range (key ``headline``), the three effect measures (``effects``) and, when the case has them, the
commitments with their price (``policy``). Every sentence comes from amip.texts (section "Excel,
CSV and the decision paper"); every number is formatted by amip.models.fmt.

Contents: the plan in one sentence with its range; plan against previous plan per Handlungsfeld
(table and bar chart); the ten largest shifts, each with its reason from the reduced costs and the
duals; what each commitment costs; which inputs are estimates; how robust the plan is.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

from amip import texts as T
from amip.export.files import atomic_write
from amip.models.check import BUDGET
from amip.models.fmt import eur, fixed, num
from amip.models.sources import for_reader  # the data's sources as a reader cites them
from amip.optimizer.result import OptimizationResult

CSS = """
@page{size:A4;margin:11mm 13mm 12mm 13mm;@bottom-right{content:counter(page) " / " counter(pages);font-size:8pt;color:#666}}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:8.6pt;line-height:1.3;color:#222;margin:0 auto;max-width:182mm}
h1{font-size:14pt;margin:0 0 1mm} .sub{color:#555;font-size:8pt;margin:0 0 3mm}
h2{font-size:10pt;margin:2.6mm 0 .8mm;border-bottom:1px solid #bbb;break-after:avoid}
p{margin:1mm 0} .lead{font-size:10.5pt;background:#EEF4FB;padding:2mm 3mm;border-left:3px solid #2F6DB5}
table{border-collapse:collapse;width:100%;font-size:7.6pt;margin:1mm 0} tr{break-inside:avoid}
td,th{padding:.6mm 1.4mm;border-bottom:1px solid #e3e3e3;vertical-align:top;text-align:left}
th{background:#DDEBF7;font-weight:bold} td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.id{color:#777;font-size:7pt} .note{color:#555;font-size:7.5pt} svg{display:block;max-width:100%;height:auto}
table.shifts td:nth-child(1){width:30%} table.shifts td:nth-child(4){width:48%}
.cols{display:flex;gap:4mm} .cols>div{flex:1;min-width:0} ul{margin:1mm 0;padding-left:5mm} li{margin:.4mm 0}
"""
TOP = 10


@dataclass(frozen=True)
class Shift:
    id: str
    name: str
    before: float       #: entries in the previous plan
    after: float        #: entries in the plan
    delta_cost: float
    reason: str


def _per_100k(rate: float, cost: float) -> float | None:
    return rate / cost * 1e5 if cost > 0 else None


def marginal_per_100k(plan: OptimizationResult) -> float:
    """What the last 100.000 € of the budget bring (its dual): the yardstick every measure is held against."""
    budget = next((c for c in plan.constraints if c.name == BUDGET), None)
    return (budget.dual or 0.0) * 1e5 if budget is not None else 0.0


def shifts(plan: OptimizationResult, previous: OptimizationResult, top: int = TOP) -> list[Shift]:
    """The measures whose money moves most against the previous plan, each with its reason in words
    from the LP's prices: integrations per 100.000 € against what the budget's last 100.000 € bring
    (its dual), the bound the reduced cost pushes a measure to, a binding field minimum (its dual)."""
    before = {m.id: m for m in previous.measures}
    marg = marginal_per_100k(plan)
    binding_fields = {c.name.split("__", 1)[1] for c in plan.constraints
                      if c.binding and c.name.startswith("field_min__")}
    field_names = {c.name.split("__", 1)[1]: c.label for c in plan.constraints if c.name.startswith("field_min__")}
    rows = []
    for m in plan.measures:
        b = before.get(m.id)
        if b is None:
            continue
        d_cost, d_entries = m.cost - b.cost, m.entries - b.entries
        if abs(d_entries) < 1e-6 and abs(d_cost) < 1.0:
            continue
        # per euro in the measure the LP maximised (gross, net or Kennzahl), as the budget's dual is
        per = _per_100k(m.effects.get(plan.effect, m.rate) if m.effects else m.rate, m.cost_per_entry)
        fmt = dict(per=fixed(per, 2) if per is not None else "–", marg=fixed(marg, 2), lower=num(m.lower))
        word = T.REPORT_MORE if d_entries > 0 else T.REPORT_LESS
        if per is None:
            why = T.REPORT_WHY_FIXED.format(dir=word)
        elif d_entries > 0 and m.field.lower() in binding_fields and per < marg - 1e-9:
            why = T.REPORT_WHY_BOUND_BY.format(dir=word, names=field_names[m.field.lower()], per=fmt["per"])
        elif d_entries > 0:
            at_upper = m.entries >= m.upper - 1e-6 and (m.reduced_cost or 0.0) > 1e-12
            why = (T.REPORT_WHY_MORE_BOUND if at_upper else T.REPORT_WHY_MORE).format(**fmt)
        else:
            at_lower = m.entries <= m.lower + 1e-6
            why = (T.REPORT_WHY_LESS_FLOOR if at_lower else T.REPORT_WHY_LESS).format(**fmt)
        rows.append(Shift(m.id, m.name, b.entries, m.entries, d_cost, why))
    rows.sort(key=lambda s: -abs(s.delta_cost))
    return rows[:top]


def _bars_svg(rows: list[tuple[str, float, float]], *, width: int = 680) -> str:
    """Horizontal bars, two per row (previous light, plan dark), labelled by name."""
    label_w, bar_h, gap = 250, 8, 6
    height = len(rows) * (2 * bar_h + gap) + 24
    top = max((max(a, b) for _, a, b in rows), default=1.0) or 1.0
    scale = (width - label_w - 90) / top
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{escape(T.REPORT_CHART_FIELDS)}">']
    y = 4
    for name, a, b in rows:
        out.append(f'<text x="{label_w - 6}" y="{y + bar_h + 3}" font-size="10" text-anchor="end">'
                   f'{escape(_short(name, 40))}</text>')
        for k, (v, color) in enumerate(((a, "#A9C4E6"), (b, "#2F6DB5"))):
            yy = y + k * bar_h
            out.append(f'<rect x="{label_w}" y="{yy}" width="{max(v * scale, 0.5):.1f}" height="{bar_h - 1}" '
                       f'fill="{color}"/><text x="{label_w + v * scale + 4:.1f}" y="{yy + bar_h - 1.5}" '
                       f'font-size="8.5">{escape(_meur(v))}</text>')
        y += 2 * bar_h + gap
    out.append(f'<text x="{label_w}" y="{height - 4}" font-size="9" fill="#555">'
               f'{escape(T.REPORT_PREVIOUS)} (hell) · {escape(T.REPORT_PLAN_WORD)} (dunkel)</text></svg>')
    return "".join(out)


def _shift_svg(rows: list[Shift], *, width: int = 680) -> str:
    """Diverging bars of the cost shifts, labelled by the measures' names."""
    label_w, bar_h = 260, 9
    height = len(rows) * (bar_h + 3) + 8
    span = max((abs(s.delta_cost) for s in rows), default=1.0) or 1.0
    mid = label_w + (width - label_w) / 2
    scale = ((width - label_w) / 2 - 80) / span      # room for the amount beside the longest bar
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img"><line x1="{mid}" x2="{mid}" y1="0" y2="{height}" stroke="#999"/>']
    for i, s in enumerate(rows):
        y = 4 + i * (bar_h + 3)
        w = s.delta_cost * scale
        x = mid if w >= 0 else mid + w
        color = "#2F6DB5" if w >= 0 else "#C0504D"
        out.append(f'<text x="{label_w - 6}" y="{y + bar_h - 3}" font-size="9.5" text-anchor="end">'
                   f'{escape(_short(s.name, 42))}</text><rect x="{x:.1f}" y="{y}" width="{max(abs(w), .5):.1f}" '
                   f'height="{bar_h}" fill="{color}"/>')
        tx, anchor = (mid + w + 3, "start") if w >= 0 else (mid + w - 3, "end")
        out.append(f'<text x="{tx:.1f}" y="{y + bar_h - 3}" font-size="8.5" text-anchor="{anchor}">'
                   f'{escape(_signed_eur(s.delta_cost))}</text>')
    out.append(f"<title>{escape(T.REPORT_CHART_SHIFTS)}</title>")
    return "".join(out) + "</svg>"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _meur(v: float) -> str:
    return fixed(v / 1e6, 2) + " Mio. €"


def _signed_eur(v: float) -> str:
    return ("+" if v > 0.5 else "") + eur(v)


def _signed(v: float) -> str:
    return ("+" if v > 1e-9 else "") + num(v)


def _table(head, rows, numeric: set[int], cls: str = "") -> str:
    h = "".join(f'<th class="{"n" if i in numeric else ""}">{escape(x)}</th>' for i, x in enumerate(head))
    body = "".join("<tr>" + "".join(f'<td class="{"n" if i in numeric else ""}">{c}</td>' for i, c in enumerate(r))
                   + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>'


def _policy_part(policy: list[dict] | None, policy_off: bool, total: dict | None = None) -> str:
    """Each commitment (JSON ``policy``) with its price in integrations, dearest first, and their sum."""
    if policy_off:
        return f"<p>{escape(T.REPORT_POLICY_OFF)}</p>"
    commitments = [c for c in policy or [] if c.get("kind") != "link" and c.get("active", True)]
    if not commitments:
        return f"<p>{escape(T.REPORT_POLICY_NONE)}</p>"
    items = []
    for c in sorted(commitments, key=lambda c: -(c.get("price_integrations") or 0.0)):
        price = c.get("price_integrations") or 0.0
        binding = T.REPORT_POLICY_BINDING if c.get("binding") else T.REPORT_POLICY_FREE
        row = T.REPORT_POLICY_ROW.format(name=c.get("label") or c.get("name", ""), price=num(price), binding=binding)
        items.append(f'<li>{escape(row)} <span class="note">{escape(_short(for_reader(str(c.get("source", ""))), 110))}</span></li>')
    out = "<ul>" + "".join(items) + "</ul>"
    if total and total.get("price_integrations") is not None:
        out += "<p>" + escape(T.REPORT_POLICY_TOTAL.format(price=num(total["price_integrations"]),
                                                            free=num(total["objective_without"]))) + "</p>"
    return out


def _estimates_part(plan: OptimizationResult) -> str:
    est = [m for m in plan.measures if m.rate_is_estimate]
    if not est:
        return f"<p>{escape(T.REPORT_ESTIMATES_NONE)}</p>"
    share = sum(m.integrations for m in est) / plan.integrations if plan.integrations else 0.0
    top = sorted(est, key=lambda m: -m.integrations)[:4]
    names = ", ".join(f"{m.name} ({num(m.integrations)})" for m in top)
    text = T.REPORT_ESTIMATES.format(n=len(est), total=len(plan.measures), share=fixed(share * 100, 1) + " %",
                                     top=names)
    return f"<p>{escape(text)}</p><p>{escape(T.REPORT_NET_ESTIMATE)}</p>"


def _robust_part(plan: OptimizationResult, headline: dict | None) -> str:
    parts = []
    e = plan.effects or {}
    if e:
        net = e.get("net", {})
        rng = T.REPORT_NET_RANGE.format(p5=num(net["p5"]), p95=num(net["p95"])) if net.get("p5") is not None else ""
        val = {k: ("–" if e.get(k, {}).get("value") is None else num(e[k]["value"])) for k in ("gross", "net", "kennzahl")}
        parts.append(T.REPORT_EFFECTS.format(gross=val["gross"], net=val["net"], kennzahl=val["kennzahl"],
                                             net_range=rng, active=T.EFFECT_LONG.get(plan.effect, plan.effect)))
    if headline and headline.get("p5") is not None:
        parts.append(T.REPORT_HEADLINE_ROBUST.format(p5=num(headline["p5"]), p95=num(headline["p95"])))
    budget = next((c for c in plan.constraints if c.name == BUDGET), None)
    if budget is not None and budget.dual:
        # the commitments are priced above; here the rules of the case (field minimums, caps, targets)
        names = [c.label for c in plan.constraints
                 if c.binding and c.kind not in ("bound", "budget", "pat", "policy", "link")]
        parts.append(T.REPORT_BUDGET.format(per=fixed(budget.dual * 1e5, 1),
                                            names=", ".join(names) or T.REPORT_NO_BINDING))
    return "".join(f"<p>{escape(p)}</p>" for p in parts)


def _effect_value(r: OptimizationResult) -> float:
    """Integrations in the measure the plan was optimised in (the headline's measure), else gross."""
    v = (r.effects or {}).get(r.effect, {}).get("value")
    return r.integrations if v is None else v


def render_vorlage(plan: OptimizationResult, previous: OptimizationResult, *, headline: dict | None = None,
                   policy: list[dict] | None = None, policy_total: dict | None = None, policy_off: bool = False,
                   case_title: str = "",
                   today: str | None = None) -> str:
    """The decision paper as one self-contained HTML document."""
    today = today or _dt.date.today().strftime("%d.%m.%Y")
    title = T.REPORT_TITLE.format(year=plan.year, case=case_title or plan.case_name)
    rng = ""
    if headline and headline.get("p5") is not None:
        rng = T.REPORT_RANGE.format(p5=num(headline["p5"]), p95=num(headline["p95"]), draws=num(headline["draws"]))
    funded = sum(1 for m in plan.measures if m.entries > 1e-6)
    now, before_value = _effect_value(plan), _effect_value(previous)
    delta = now - before_value
    lead = T.REPORT_PLAN.format(budget=eur(plan.budget_limit), entries=num(sum(m.entries for m in plan.measures)),
                                n=funded, integrations=num(now), range=rng,
                                effect=T.EFFECT_NAMES.get(plan.effect, plan.effect),
                                delta=_signed(delta) + " Integrationen", planned=num(before_value))
    before = {f.id: f for f in previous.fields}
    field_rows, bars = [], []
    for f in plan.fields:
        b = before.get(f.id)
        if b is None:
            continue
        field_rows.append([f"{escape(f.name)} <span class=id>{escape(f.id)}</span>", escape(eur(b.cost)),
                           escape(eur(f.cost)), escape(_signed_eur(f.cost - b.cost)), escape(num(b.integrations)),
                           escape(num(f.integrations))])
        bars.append((f"{f.id} {f.name}", b.cost, f.cost))
    sh = shifts(plan, previous)
    shift_rows = [[f"{escape(s.name)} <span class=id>{escape(s.id)}</span>",
                   escape(f"{num(s.before)} → {num(s.after)}"), escape(_signed_eur(s.delta_cost)), escape(s.reason)]
                  for s in sh]
    html = [
        "<!DOCTYPE html>", '<html lang="de"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{escape(T.REPORT_SUB.format(scenario=plan.scenario, date=today, version=plan.version))}</p>',
        f"<h2>{escape(T.REPORT_H_PLAN)}</h2>", f'<p class="lead">{escape(lead)}</p>',
        f"<h2>{escape(T.REPORT_H_FIELDS)}</h2>",
        _table(T.REPORT_FIELD_COLS, field_rows, {1, 2, 3, 4, 5}), _bars_svg(bars),
        f"<h2>{escape(T.REPORT_H_SHIFTS.format(n=len(sh)))}</h2>",
        _table(T.REPORT_SHIFT_COLS, shift_rows, {1, 2}, "shifts"), _shift_svg(sh),
        f"<h2>{escape(T.REPORT_H_POLICY)}</h2>", _policy_part(policy, policy_off, policy_total),
        f"<h2>{escape(T.REPORT_H_ESTIMATES)}</h2>", _estimates_part(plan),
        f"<h2>{escape(T.REPORT_H_ROBUST)}</h2>", _robust_part(plan, headline),
        f'<p class="note">{escape(T.REPORT_FOOT.format(hash=plan.input_hash))}</p>',
        "</body></html>"]
    return "\n".join(html)


def write_vorlage(html: str, path: Path, *, force: bool = False) -> Path:
    """The HTML itself, or (for .pdf) the PDF WeasyPrint prints from it; written atomically."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        return atomic_write(path, lambda tmp: _pdf(html, tmp), force=force)
    return atomic_write(path, lambda tmp: tmp.write_text(html, encoding="utf-8"), force=force)


def check_output(path: Path, *, force: bool) -> Path:
    """Refuse before any work: a suffix other than .html/.pdf, a bad path (files.check_output_path), a
    PDF without its engine."""
    from amip.errors import InputError
    from amip.export.files import check_output_path

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise InputError(T.ERR_REPORT_SUFFIX.format(suffix=path.suffix or "ohne Endung"), file=str(path))
    check_output_path(path, force=force)
    if suffix == ".pdf":
        try:
            import weasyprint  # noqa: F401
        except (ImportError, OSError) as e:   # OSError: WeasyPrint is there, Pango is not
            raise InputError(T.ERR_PDF_ENGINE.format(why=f"{type(e).__name__}: {e}"[:200]), file=str(path)) from None
    return path


def _pdf(html: str, out: Path) -> None:
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)   # no font-config chatter on stderr
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    weasyprint.HTML(string=html).write_pdf(str(out))
