"""The Entscheidungsvorlage (`amip report`): one or two A4 pages for the Trägerversammlung, in plain
German, as one self-contained HTML file (inline CSS and SVG, no scripts, no external resources) or
as PDF printed from that HTML by WeasyPrint.

It reads only results: the optimum, the measure table's own plan (the previous plan), the headline
range (key ``headline``), the three effect measures (``effects``) and, when the case has them, the
commitments with their price (``policy``). Every sentence comes from amip.texts (section "Excel,
CSV and the decision paper"); every number is formatted by amip.models.fmt. The page is the Jinja2
template ``templates/vorlage.html.j2`` (autoescaped; every number in it through the one filter ``n``,
``number`` of amip.export.templating); this module computes what it shows.

Contents: the plan in one sentence with its range; plan against previous plan per Handlungsfeld
(table and bar chart); the ten largest shifts, each with its reason (amip.optimizer.reasons: what
binds, checked by a re-solve); what each commitment costs; which inputs are estimates; how robust the
plan is and what binds besides the budget.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from amip import texts as T
from amip.export.files import atomic_write
from amip.export.herkunft import box_content
from amip.export.templating import render
from amip.models.check import BUDGET
from amip.models.fmt import cut_name, eur, fixed, num, signed
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
"""  # noqa: E501 (CSS rules one a line, as the browser reads them)
TOP = 10


@dataclass(frozen=True)
class Shift:
    id: str
    name: str
    before: float       #: entries in the previous plan
    after: float        #: entries in the plan
    delta_cost: float
    reason: str


def marginal_per_100k(plan: OptimizationResult) -> float:
    """What the last 100.000 € of the budget bring (its dual): the yardstick every measure is held against."""
    budget = next((c for c in plan.constraints if c.name == BUDGET), None)
    return (budget.dual or 0.0) * 1e5 if budget is not None else 0.0


def shifts(plan: OptimizationResult, previous: OptimizationResult, top: int = TOP, *,
           reasons=()) -> list[Shift]:
    """The measures whose money moves most against the previous plan, each with its reason: the
    record of amip.optimizer.reasons for it (what binds, checked by a re-solve), the plain words
    for entries without new money, or that no single cause was found."""
    before = {m.id: m for m in previous.measures}
    why_of = {r.id: r for r in reasons}
    rows = []
    for m in plan.measures:
        b = before.get(m.id)
        if b is None:
            continue
        d_cost, d_entries = m.cost - b.cost, m.entries - b.entries
        if abs(d_entries) < 1e-6 and abs(d_cost) < 1.0:
            continue
        word = T.REPORT_MORE if d_entries > 0 else T.REPORT_LESS
        r = why_of.get(m.id)
        if m.budget_basis not in ("new", "mixed"):
            why = T.REPORT_WHY_FIXED.format(dir=word)
        elif r is not None:
            why = r.text
        else:
            why = T.RS_OPEN.format(dir=word)
        rows.append(Shift(m.id, m.name, b.entries, m.entries, d_cost, why))
    rows.sort(key=lambda s: -abs(s.delta_cost))
    return rows[:top]


def _bars_chart(rows: list[tuple[str, float, float]], *, width: int = 680) -> dict:
    """Horizontal bars, two per row (previous light, plan dark), labelled by name: the geometry the
    template draws."""
    label_w, bar_h, gap = 250, 8, 6
    height = len(rows) * (2 * bar_h + gap) + 24
    top = max((max(a, b) for _, a, b in rows), default=1.0) or 1.0
    scale = (width - label_w - 90) / top
    out, y = [], 4
    for name, a, b in rows:
        bars = [{"y": y + k * bar_h, "w": max(v * scale, 0.5), "tx": label_w + v * scale + 4, "value": v, "color": c}
                for k, (v, c) in enumerate(((a, "#A9C4E6"), (b, "#2F6DB5")))]
        out.append({"y": y, "label": _short(name, 40), "bars": bars})
        y += 2 * bar_h + gap
    return {"width": width, "height": height, "label_w": label_w, "bar_h": bar_h, "rows": out}


def _shift_chart(rows: list[Shift], *, width: int = 680) -> dict:
    """Diverging bars of the cost shifts, labelled by the measures' names (cut ones with their id)."""
    label_w, bar_h = 260, 9
    height = len(rows) * (bar_h + 3) + 8
    span = max((abs(s.delta_cost) for s in rows), default=1.0) or 1.0
    mid = label_w + (width - label_w) / 2
    scale = ((width - label_w) / 2 - 80) / span      # room for the amount beside the longest bar
    out = []
    for i, s in enumerate(rows):
        w = s.delta_cost * scale
        out.append({"y": 4 + i * (bar_h + 3), "label": cut_name(s.name, s.id, 42), "x": mid if w >= 0 else mid + w,
                    "w": max(abs(w), .5), "color": "#2F6DB5" if w >= 0 else "#C0504D",
                    "tx": mid + w + 3 if w >= 0 else mid + w - 3, "anchor": "start" if w >= 0 else "end",
                    "value": s.delta_cost})
    return {"width": width, "height": height, "label_w": label_w, "bar_h": bar_h, "mid": mid, "rows": out}


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def policy_items(policy: list[dict] | None, policy_off: bool, total: dict | None = None) -> dict:
    """Each commitment and link (JSON ``policy``) with the one sentence on its price (``text``, the
    sentence the terminal and JSON give: its own price, and where it shares one with a link, the price
    of both), dearest first, and their sum; or the one sentence why there are none."""
    if policy_off:
        return {"text": T.REPORT_POLICY_OFF, "rows": []}
    priced = [c for c in policy or [] if c.get("active", True)]
    if not any(c.get("kind") != "link" for c in priced):
        return {"text": T.REPORT_POLICY_NONE, "rows": []}

    def dearest(c: dict) -> float:   # a commitment that costs only together with its link ranks by both
        return -max(c.get("price_integrations") or 0.0, c.get("price_with_links_integrations") or 0.0)

    # a link's own price stands in the sentence of the commitment it shares a price with; a judgement is
    # said by its source beside it ("Festlegung (Annahme der Planung …)"): the paper keeps to two pages
    shown = [c for c in priced if c.get("kind") != "link" or not any(
        c.get("name") in (x.get("relaxed_with") or ()) for x in priced)]
    items = [{"text": (c.get("text") or c.get("label") or c.get("name", "")).removesuffix(T.POLICY_JUDGEMENT),
              "source": _short(for_reader(str(c.get("source", ""))), 110)} for c in sorted(shown, key=dearest)]
    out = None
    if total and total.get("price_integrations") is not None:
        out = T.REPORT_POLICY_TOTAL.format(price=num(total["price_integrations"]), free=num(total["objective_without"]))
    return {"rows": items, "total": out}


def _limits_part(plan: OptimizationResult) -> str:
    """One sentence on the limits of later years' money: each with its price (issue 26); "" without limits."""
    prices = plan.commitments.get("prices") or {}
    if not prices:
        return ""
    items = []
    for year, p in prices.items():
        price = p.get("price_integrations")
        cost = (T.REPORT_LIMIT_PRICE.format(price=num(price, 1)) if price else T.REPORT_LIMIT_FREE)
        items.append(T.REPORT_LIMIT_ITEM.format(year=year, limit=eur(p["limit"]), bound=eur(p["bound_eur"]), cost=cost))
    return T.REPORT_LIMITS.format(items="; ".join(items))


def _estimates_part(plan: OptimizationResult) -> list[str]:
    est = [m for m in plan.measures if m.rate_is_estimate]
    if not est:
        return [T.REPORT_ESTIMATES_NONE]
    share = sum(m.integrations for m in est) / plan.integrations if plan.integrations else 0.0
    top = sorted(est, key=lambda m: -m.integrations)[:4]
    names = ", ".join(f"{m.name} ({num(m.integrations)})" for m in top)
    text = T.REPORT_ESTIMATES.format(n=len(est), total=len(plan.measures), share=fixed(share * 100, 1) + " %",
                                     top=names)
    return [text, T.REPORT_NET_ESTIMATE]


def cost_only_lines(choices, plan: OptimizationResult) -> list[str]:
    """The choices that rest on cost alone (amip.optimizer.cost_only.CostOnlyChoices or None), one line
    per instrument type with the measures' names."""
    if not choices:
        return []
    names = {m.id: m.name for m in plan.measures}

    def listed(ids) -> str:   # at most COST_ONLY_NAMED names, the rest counted (the JSON lists every measure)
        shown = ", ".join(names.get(i, i) for i in ids[:COST_ONLY_NAMED])
        more = len(ids) - COST_ONLY_NAMED
        return T.COST_ONLY_MORE.format(names=shown, more=more) if more > 0 else shown

    lines = [T.COST_ONLY_TITLE.format(n=num(choices.total))]
    for itype, (up, down, _n) in choices.by_type.items():
        lines.append(T.COST_ONLY_LINE.format(itype=itype.upper(), up=listed(list(up)), down=listed(list(down))))
    return lines


#: Names the Vorlage gives per side of an instrument type's cost-only choices (two pages for the whole paper)
COST_ONLY_NAMED = 4


def _robust_part(plan: OptimizationResult, headline: dict | None) -> list[str]:
    from amip.export.text import shown_range

    parts = []
    e = plan.effects or {}
    if e:
        net = e.get("net", {})
        rng = T.REPORT_NET_RANGE.format(**shown_range(net)) if net.get("p5") is not None else ""
        val = {k: ("–" if e.get(k, {}).get("value") is None else num(e[k]["value"]))
               for k in ("gross", "net", "kennzahl")}
        parts.append(T.REPORT_EFFECTS.format(gross=val["gross"], net=val["net"], kennzahl=val["kennzahl"],
                                             net_range=rng, active=T.EFFECT_LONG.get(plan.effect, plan.effect))
                     + (" " + quota_sentence(plan) if quota_sentence(plan) else ""))
    if headline and headline.get("p5") is not None:
        from amip.optimizer.headline import PRECISION, shown_ends

        p5, p95, unit = shown_ends(headline)
        about = T.REPORT_ABOUT if unit > PRECISION else ""
        parts.append(T.REPORT_HEADLINE_ROBUST.format(p5=num(p5), p95=num(p95), about=about))
    budget = next((c for c in plan.constraints if c.name == BUDGET), None)
    if budget is not None and budget.dual:
        parts.append(T.REPORT_BUDGET.format(per=fixed(budget.dual * 1e5, 1), names=binding_words(plan)))
    return parts


def binding_words(plan: OptimizationResult) -> str:
    """What binds besides the budget, in words: every binding row with a shadow price (commitments,
    links, field minimums, pools, statutory caps, the PAT cap) by its label, and how many measures
    sit at their own bounds; "nur das Budget" only when nothing else binds."""
    from amip.optimizer.explain import vacuous

    names = [c.label for c in plan.constraints
             if c.binding and c.kind not in ("bound", "budget") and not vacuous(c)
             and c.dual is not None and abs(c.dual) > 1e-12]
    bounds = plan.bounds_at_limit().text()
    out = ", ".join(names)
    if bounds:
        out = (out + "; " if out else "") + T.REPORT_BOUNDS.format(bounds=bounds)
    return out or T.REPORT_NO_BINDING


def _effect_value(r: OptimizationResult) -> float:
    """Integrations in the measure the plan was optimised in (the headline's measure), else gross."""
    v = (r.effects or {}).get(r.effect, {}).get("value")
    return r.integrations if v is None else v


def render_vorlage(plan: OptimizationResult, previous: OptimizationResult, *, headline: dict | None = None,
                   policy: list[dict] | None = None, policy_total: dict | None = None, policy_off: bool = False,
                   case_title: str = "", reasons=(),
                   today: str | None = None, derivation=None, cost_only=None, notes=()) -> str:
    """The decision paper as one self-contained HTML document; ``reasons``: the records of
    amip.optimizer.reasons for the plan (the shifts' reasons come from them); ``derivation``: a derived
    case's origin (Case.derivation), said in a box on the first page; ``cost_only``: the choices that
    rest on cost alone (amip.optimizer.cost_only), said beside the estimates; ``notes``: what the
    rates rest on beyond the table (the --history file, its years, hash and the example's label)."""
    today = today or _dt.date.today().strftime("%d.%m.%Y")
    title = T.REPORT_TITLE.format(year=plan.year, case=case_title or plan.case_name)
    rng = ""
    if headline and headline.get("p5") is not None:
        from amip.export.text import shown_range

        # rounded as far as the draws support (amip.optimizer.headline)
        rng = T.REPORT_RANGE.format(**shown_range(headline), draws=num(headline["draws"]))
    funded = sum(1 for m in plan.measures if m.entries > 1e-6)
    now, before_value = _effect_value(plan), _effect_value(previous)
    delta = now - before_value
    lead = T.REPORT_PLAN.format(budget=eur(plan.budget_limit), entries=num(sum(m.entries for m in plan.measures)),
                                n=funded, integrations=num(now), range=rng,
                                effect=T.EFFECT_NAMES.get(plan.effect, plan.effect),
                                delta=signed(delta) + " Integrationen", planned=num(before_value))
    before = {f.id: f for f in previous.fields}
    fields, bars = [], []
    for f in plan.fields:
        b = before.get(f.id)
        if b is None:
            continue
        fields.append({"name": f.name, "id": f.id, "cost_before": b.cost, "cost": f.cost, "delta": f.cost - b.cost,
                       "integrations_before": b.integrations, "integrations": f.integrations})
        bars.append((f"{f.id} {f.name}", b.cost, f.cost))
    sh = shifts(plan, previous, reasons=reasons)
    return render(
        "vorlage.html.j2", T=T, css=CSS, title=title, lead=lead, fields=fields, bars=_bars_chart(bars), shifts=sh,
        shift_chart=_shift_chart(sh), sub=T.REPORT_SUB.format(scenario=plan.scenario, date=today, version=plan.version),
        policy=policy_items(policy, policy_off, policy_total), limits=_limits_part(plan),
        estimates=list(notes) + _estimates_part(plan) + cost_only_lines(cost_only, plan),
        robust=_robust_part(plan, headline), input_hash=plan.input_hash, box=box_content(derivation))


def quota_sentence(plan: OptimizationResult) -> str:
    """One sentence after the lead (which names the cohort's integrations): how many of them fall in
    the plan year, and the plan's contribution to the year's Integrationsquote (§ 48b) beside the
    published one; "" without an eLb."""
    q = plan.integration_quota
    by_year = plan.integrations_by_year
    if not q or q.get("quota") is None or not by_year:
        return ""
    published = (T.REPORT_QUOTA_PUBLISHED.format(pct=fixed(q["published_quota"] * 100, 1),
                                                 basis=for_reader(q["published_basis"]))
                 if q.get("published_quota") is not None else "")
    return T.REPORT_QUOTA.format(year=q["year"],
                                 in_year=num(by_year.get(str(q["year"]), 0.0)), share=fixed(q["quota"] * 100, 1),
                                 n=num(q["integrations_in_year"]), elb=num(q["elb"], 0), published=published)


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
