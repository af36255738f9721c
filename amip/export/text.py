"""Text renderers: the German table for people, CSV and JSON for machines (dot decimals, plain numbers)."""
from __future__ import annotations

import json
import math
import re
from operator import attrgetter, sub

import orjson

from amip import texts as T  # plain strings
from amip.models.fmt import cut_name, eur, eurs, fixed, num, nums, pct, signed, signed_eur  # noqa: F401  (re-exported for the renderers' callers)
from amip.models.sources import for_reader  # seed lines and section numbers as source names
from amip.optimizer.result import OptimizationResult


def pat_note(r: OptimizationResult) -> str:
    """What the case says of the PAT relief for new § 16i cases: its cap (pat.cap_eur), or the expected figure
    beside the modelled relief (no cap); '' without PAT. The terminal and the workbook's sheet Budget print it."""
    if r.pat_info.get("pat_cap") is not None:
        return T.PAT_CAPPED.format(cap=eur(r.pat_info["pat_cap"]))
    if r.pat_info.get("pat_expected") is not None:
        return T.PAT_BESIDE.format(relief=eur(r.pat_relief), expected=eur(r.pat_info["pat_expected"]))
    return ""


def shadow_price(dual: float | None, unit: str, *, euros: bool = False) -> tuple[float | None, str, int]:
    """A shadow price as the terminal names it: (value, unit, decimals). Integrations per 100.000 € for a
    money limit and per entry otherwise; in goal mode (the model minimises euros) euros per € or per unit.
    The Excel sheets Restriktionen and Schattenpreise print the same (issue i30, finding 16)."""
    if dual is None:
        return None, "", 0
    if euros:
        return dual, T.SHADOW_UNIT_GOAL_EUR if unit == "EUR" else T.SHADOW_UNIT_GOAL, 2
    if unit == "EUR":
        return dual * 100_000, T.SHADOW_UNIT_EUR, 2
    return dual, T.SHADOW_UNIT_ENTRY, 3


def derived_note(r: OptimizationResult, shown: int = 6) -> str:
    """One line naming the measures whose instrument type was derived from the legal reference."""
    from amip import texts as T

    derived = [m for m in r.measures if m.instrument_type_derived]
    if not derived:
        return ""
    items = ", ".join(f"{m.id} → {m.instrument_type}" for m in derived[:shown])
    more = T.INSTRUMENT_DERIVED_MORE if len(derived) > shown else ""
    return T.INSTRUMENT_DERIVED_NOTE.format(n=len(derived), items=items + more)


def _num_or_dash(v) -> str:
    return "–" if v is None else num(v)


def render_headline(r: OptimizationResult, h: dict) -> str:
    """The objective with its P5–P95 from the quick Monte Carlo (issue 14, item 4), P5 and P95 rounded to
    the unit the draws support (JSON ``precision``, amip.optimizer.headline.shown_unit)."""
    name = T.EFFECT_NAMES.get(h["effect"], h["effect"])
    if h.get("p5") is None:   # a goal's objective is euros: the line counts integrations
        why = T.HEADLINE_REASONS.get(h.get("reason_code"), h.get("reason", "")).format(
            modes=", ".join("--" + f for f in h.get("modes", [])))
        return T.HEADLINE_OFF.format(name=name, value=num(r.integrations), reason=why)
    words = T.HEADLINE_EARLY if h.get("stopped_early") else T.HEADLINE
    return words.format(name=name, value=num(r.objective), **shown_range(h, T.HEADLINE_ROUNDED),
                        draws=h["draws"], seed=h["seed"], requested=h.get("draws_requested", h["draws"]))


def shown_range(d: dict, rounded: str = T.RANGE_ROUNDED) -> dict[str, str]:
    """P5 and P95 of a Monte Carlo range (the headline's or ``effects.net``) as shown: rounded outwards to
    its ``precision`` (amip.optimizer.headline.shown_unit), with the words ``rounded`` that say so where
    it is coarser than one decimal; dashes where there is no range."""
    if d.get("p5") is None:
        return {"p5": "–", "p95": "–", "rounded": ""}
    from amip.optimizer.headline import PRECISION, shown_ends  # not at import: the headline's solver modules

    p5, p95, unit = shown_ends(d)
    return {"p5": num(p5), "p95": num(p95),
            "rounded": rounded.format(unit=num(unit)) if unit > PRECISION else ""}


def render_effects(r: OptimizationResult) -> list[str]:
    """The plan under all three effect measures, side by side."""
    if not r.effects:
        return []
    e = r.effects

    def val(k: str) -> str:
        if e[k]["value"] is None:
            return T.EFFECTS_MISSING.format(n=T.counted_noun(len(e[k].get("missing", [])), T.NOUN_MEASURE))
        return num(e[k]["value"])

    return [T.EFFECTS_LINE.format(gross=val("gross"), net=val("net"), **shown_range(e["net"]), kennzahl=val("kennzahl"),
                                  active=T.EFFECT_NAMES.get(r.effect, r.effect)), T.EFFECTS_NOTE]


def render_shifts(rows) -> str:
    """The largest shifts from the plan to the optimum (amip.export.vorlage.shifts), each with its reason."""
    if not rows:
        return ""
    out = [T.EVAL_SHIFTS.format(n=len(rows))]
    out += [T.EVAL_SHIFT.format(name=s.name, id=s.id, before=num(s.before), after=num(s.after),
                                cost=signed_eur(s.delta_cost), why=s.reason) for s in rows]
    return "\n".join(out)


def render_against_optima(by_effect: dict) -> str:
    """`amip evaluate`: the plan against the optimum of each effect measure."""
    out = [T.EVAL_EFFECTS_HEAD]
    for e, d in by_effect.items():
        delta = None if d["gain"] is None else signed(d["gain"])
        out.append(T.EVAL_EFFECTS_ROW.format(name=T.EFFECT_NAMES.get(e, e), plan=_num_or_dash(d["plan"]),
                                             best=_num_or_dash(d["optimum"]), delta=delta or "–"))
    return "\n".join(out)


def _marks(source: str) -> str:
    up = (source or "").upper()
    return " ".join(m for m, key in ((T.MARK_POLICY, "POLICY"), (T.MARK_ESTIMATE, "ESTIMATE")) if key in up)


def render_table(r: OptimizationResult, *, compare: OptimizationResult | None = None,
                 headline: dict | None = None, total: int | None = None) -> str:
    from amip.export.terminal import fit, width

    total = total or width()
    out = []
    w = out.append
    w(f"amip {r.version} · Fall {r.case_name} · Szenario {r.scenario} · Jahr {r.year}")
    for note in r.case_notes:   # the markers and seed lines of the case's sources in words (JSON keeps them)
        w(for_reader(note))
    w(f"Status: {T.STATUS_DE.get(r.status.value, r.status.value)} · Löser: {r.solver}")
    if r.violations:   # a plan that breaks a limit says so before any number
        w(T.EVAL_VIOLATED_FIRST.format(n=len(r.violations)))
    if r.effect == "gross":
        w(f"Erwartete Integrationen: {num(r.integrations)}")
    else:
        w(f"{T.EFFECT_LONG[r.effect]}: {num(r.integrations)}")
    if headline is not None:
        w(render_headline(r, headline))
    out += render_effects(r)
    if r.weighted:
        w(f"Zielwert mit den Gewichten des Szenarios: {num(r.objective)}")
    if r.notes:
        w(f"Szenario-Anpassungen: {len(r.notes)} (mit Quelle: amip scenarios show {r.scenario}, "
          "--format json, Excel-Blatt Eingaben)")
    derived = derived_note(r)
    if derived:
        w(derived)
    w(f"Neufallbudget: {eur(r.budget_limit)} · verplant: {eur(r.budget_used)} "
      f"(davon feste Posten {eur(r.fixed_spend)}, PAT-Entlastung {eur(r.pat_relief)})")
    line = voucher_line(r.measures)
    if line:
        w(line)
    if pat_note(r):
        w(pat_note(r))
    out += render_years(r)
    if compare is not None and compare.objective:
        d = r.objective - compare.objective
        w(f"Gegenüber {compare.scenario if compare.status.value != 'evaluated' else 'dem Plan'}: "
          f"{'+' if d >= 0 else ''}{num(d)} Integrationen ({pct(d / compare.objective)})")
    w("")
    out.append(measure_table(r, total))
    w("")
    w("* Quote ist eine Schätzung; Quelle je Maßnahme in --format json/csv und im Excel-Blatt Eingaben.")
    w(T.TAB_INTEGRATIONS_NOTE.format(year=r.year))
    if footnote := later_footnote(r):
        w(footnote)
    if r.effect != "gross":
        w(T.RATE_COLUMN_NOTE[r.effect])
    w("")
    out.append(field_table(r, total))
    w("")
    from amip.optimizer.explain import vacuous  # a PAT limit at 0 ≤ 0 is not shown as binding (here, not at start-up)

    binding = [c for c in r.constraints if c.binding and c.kind != "bound" and not vacuous(c)]
    w("Bindende Restriktionen:" if binding else T.BOUNDS_ONLY)
    for c in binding:
        value, unit, places = shadow_price(c.dual, c.unit, euros=r.modes.goal is not None)
        dual = "" if value is None else f" · Schattenpreis {num(value, places)} {unit}"
        mark = _marks(c.source)
        w(f"  {c.label}{dual}{' ' + mark if mark else ''}")   # the key c.name stays in JSON and the workbook
    bounds = [c for c in r.constraints if c.binding and c.kind == "bound"]
    if bounds:
        w(T.BOUNDS_TERMINAL.format(bounds=r.bounds_at_limit().text()))
        from amip.models.check import constraint_name

        # a bound's name is constraint_name("upper" or "lower", id), i.e. "upper__" + constraint_name(id)
        ids_of = {constraint_name(m.id): m.id for m in r.measures}
        marks = {source: _marks(source) for source in {c.source for c in bounds}}
        by_mark: dict[str, list[str]] = {}
        for c in bounds:
            if mark := marks[c.source]:
                kind, _, name = c.name.partition("__")
                by_mark.setdefault(mark, []).append(
                    ids_of.get(name, c.name) if kind in ("upper", "lower") else c.name)
        for mark, ids in by_mark.items():
            w(T.BOUNDS_MARKED.format(mark=mark, n=num(len(ids)), ids=", ".join(ids)))
    if r.violations:
        w("")
        w("Verletzte Restriktionen:")
        for v in r.violations:
            w(f"  {v['message']}")   # the message names the constraint in German; JSON keeps the key
    out += render_policy(r)
    out += render_planning(r)
    out += render_quota_sources(r)
    return "\n".join([fit(part, total) for part in out])   # part by part: the tables' lines are measured, not walked


def measure_table(r: OptimizationResult, total: int | None = None) -> str:
    """The plan per measure: id and name wrap, the least important numbers go first at a narrow width."""
    from amip.export.terminal import Col, columns_table

    cols = [Col(T.TAB_ID, wrap=True, min_width=20), Col(T.TAB_MEASURE, wrap=True, min_width=20),
            Col(T.TAB_FIELD, priority=4), Col(T.TAB_PLANNED, right=True, priority=3),
            Col(T.TAB_ENTRIES, right=True), Col(T.TAB_DELTA, right=True, priority=2),
            Col(T.TAB_COST_PER_ENTRY, right=True, priority=1),
            Col(T.RATE_COLUMN.get(r.effect, "Quote"), right=True, priority=5),
            Col(T.TAB_COST_YEAR.format(year=r.year), right=True), Col(T.TAB_INTEGRATIONS, right=True),
            Col(T.TAB_IN_YEAR.format(year=r.year), right=True, priority=4),
            Col(T.TAB_TOTAL_COST, right=True, priority=6),
            Col(T.TAB_COST_PER_INTEGRATION_TOTAL, right=True, priority=2)]
    shown = table_measures(r)
    # the fields read in one pass over the measures, then formatted column by column
    (ids, names, fields_, planned, entries, per_entry, rate, basis, estimate, cost, integrations, by_year, total_cost,
     share) = zip(*map(_TABLE_FIELDS, shown)) if shown else [()] * 14
    this_year = str(r.year)
    money_only = [b == "prior_year" for b in basis]   # a money-only item (budget basis prior_year) shows no rate
    rates = _or_dash(nums, [None if m else x * 100 for x, m in zip(rate, money_only)])
    columns = [[i + T.LATER_MARK if s < LATER_SHARE else i for i, s in zip(ids, share)], list(names), list(fields_),
               nums(planned), nums(entries), nums(list(map(sub, entries, planned))),
               _or_dash(eurs, [x or None for x in per_entry]),
               [x + "*" if e and not m else x for x, e, m in zip(rates, estimate, money_only)],
               eurs(cost), nums(integrations), nums([y.get(this_year, 0.0) for y in by_year]), eurs(total_cost),
               _or_dash(eurs, [t / i if i > 1e-9 else None for t, i in zip(total_cost, integrations)])]
    return columns_table(cols, columns, total)


#: what the measure table reads of each measure
_TABLE_FIELDS = attrgetter("id", "name", "field", "planned_entries", "entries", "cost_per_entry", "rate",
                           "budget_basis", "rate_is_estimate", "cost", "integrations", "integrations_by_year",
                           "total_cost_eur", "plan_year_share")
#: the plan year's share of one new entry's money below which a measure is marked T.LATER_MARK
LATER_SHARE = 0.5


def _or_dash(fmt, xs: list) -> list[str]:
    """A column formatted by ``fmt`` (fmt.nums, fmt.eurs), its missing values (None) shown as '–'."""
    given = iter(fmt([x for x in xs if x is not None]))
    return [next(given) if x is not None else "–" for x in xs]


def later_heavy(m) -> bool:
    """Less than half of one new entry's money falls into the plan year (marked T.LATER_MARK)."""
    return m.plan_year_share < LATER_SHARE


def table_measures(r: OptimizationResult) -> list:
    """The measures the table shows: all but those without entries, planned entries and cost."""
    return [m for m in r.measures if not (m.entries == 0 and m.planned_entries == 0 and m.cost == 0)]


def later_footnote(r: OptimizationResult) -> str | None:
    """The footnote of the mark T.LATER_MARK, if a shown measure carries it."""
    return T.LATER_FOOTNOTE if any(map(later_heavy, table_measures(r))) else None


def render_years(r: OptimizationResult) -> list[str]:
    """The cohort's integrations by the year they happen, and the plan's contribution to the year's
    Integrationsquote (§ 48b) beside the published one (amip.models.timing)."""
    out: list[str] = []
    if r.integrations_by_year:
        out.append(T.BY_YEAR_LINE.format(effect=T.EFFECT_NAMES.get(r.effect, r.effect),
                                         items=" · ".join(f"{y} {num(v)}" for y, v in r.integrations_by_year.items())))
    q = r.integration_quota
    if not q:
        return out
    if q.get("quota") is None:
        out.append(T.QUOTA_NO_ELB.format(year=q["year"], n=num(q["integrations_in_year"])))
        return out
    out.append(T.QUOTA_LINE.format(year=q["year"], quota=_share(q["quota"]), n=num(q["integrations_in_year"]),
                                   elb=num(q["elb"], 0)))
    if q.get("published_quota") is not None:
        out.append("  " + T.QUOTA_PUBLISHED.format(pct=_share(q["published_quota"]),
                                                   basis=for_reader(q["published_basis"])))
    return out


def render_quota_sources(r: OptimizationResult) -> list[str]:
    """The sources of the § 48b view's figures (the eLb, the published quota), at the end of the output."""
    q = r.integration_quota
    if not q or q.get("elb") is None:
        return []
    out = ["", T.QUOTA_SOURCES_HEAD + ":", "  " + T.QUOTA_SOURCES.format(elb_source=for_reader(q["elb_source"]))]
    if q.get("published_quota") is not None:
        out.append("  " + T.QUOTA_PUBLISHED_SOURCE.format(source=for_reader(q["published_source"])))
    return out


def field_table(r: OptimizationResult, total: int | None = None) -> str:
    """The plan per Handlungsfeld."""
    from amip.export.terminal import Col, table

    cols = [Col(T.TAB_FIELD), Col(T.TAB_FIELD_NAME, wrap=True, min_width=18),
            Col(T.TAB_MINIMUM, right=True, priority=3), Col(T.TAB_PLANNED, right=True, priority=2),
            Col(T.TAB_ENTRIES, right=True), Col(T.TAB_COST, right=True), Col(T.TAB_INTEGRATIONS, right=True)]
    rows = [[f.id, f.name, num(f.min_entries), num(f.planned_entries), num(f.entries), eur(f.cost),
             num(f.integrations)] for f in r.fields]
    return table(cols, rows, total)


def render_policy(r: OptimizationResult) -> list[str]:
    """Commitments with their price, and linked measures with their empty pre-bought places (German)."""
    from amip import texts as T

    out: list[str] = []
    w = out.append
    if not r.policy and not r.links:
        return out
    w("")
    w(T.POLICY_HEADER + ":")
    if not r.policy_enabled:
        w("  " + T.POLICY_OFF.format(why="--no-policy oder policy.active: false"))
    for p in r.policy:
        if p["kind"] == "link":
            continue
        if not p["active"]:
            state = "eingehalten" if p["kept"] else "verletzt"
            w(f"  [aus] {p['label']}: im Plan {num(p['lhs'], 0)} ({state})")
            continue
        w("  " + priced_sentence(p))
        w(f"      Quelle: {for_reader(p['source'])}")
    t = r.policy_total
    if t and t.get("price_integrations") is not None:
        w("  " + policy_total_text(t))
    if r.policy and r.policy_enabled:
        w("  " + T.POLICY_PRICE_METHOD)
    if r.links:
        w("")
        w(T.LINKS_HEADER + ":")
        for lk in r.links:
            used = lk["prebought_places"] - lk["empty_prebought_places"]
            if lk["empty_prebought_places"] > 1e-6:
                money = T.LINK_EMPTY_MONEY.format(eur=eur(lk["unused_eur"])) if lk["unused_eur"] else ""
                w("  " + T.LINK_EMPTY.format(follower=lk["follower"], places=num(lk["prebought_places"], 0),
                                             used=num(used, 0), leader=lk["leader"],
                                             leader_entries=num(lk["leader_entries"], 0), money=money))
            else:
                w("  " + T.LINK_OK.format(follower=lk["follower"], leader=lk["leader"], used=num(used, 0),
                                          places=num(lk["prebought_places"], 0)))
            if lk.get("text") and lk.get("active"):
                w("    " + priced_sentence(lk))
    return out


def voucher_line(measures) -> str:
    """The vouchers (AVGS) of a plan in one line, "" without any: the rate in the table is applied per
    voucher issued (amip.models.measure.Measure.as_voucher multiplies the rate per participant by the
    Einlösequote), so the line states vouchers × that rate = the table's integrations, and the
    participants with the rate per participant it comes from (trial finding 7)."""
    vouchers = [m for m in measures if m.redemption_share != 1.0]
    if not vouchers:
        return ""
    return T.VOUCHER_LINE.format(items="; ".join(
        T.VOUCHER_ITEM.format(id=m.id, vouchers=num(m.entries, 0), rate=f"{num(m.rate * 100, 1)} %",
                              integrations=num(m.entries * m.rate), participants=num(m.participants, 0),
                              share=num(m.redemption_share, 2),
                              participant_rate=f"{num(m.rate / m.redemption_share * 100, 1)} %")
        for m in vouchers))


def dual_bound(p: dict) -> str:
    """" (Dual × Betrag ≤ 19,4)" after a price: the first-order upper bound of a commitment's, link's or
    limit's price (amip.optimizer.policy); "" where it is 0 or not computed."""
    est = p.get("price_dual_estimate")
    return T.POLICY_DUAL_BOUND.format(bound=num(est, 1)) if est else ""


def policy_label(p: dict) -> str:
    """The name of a commitment or link in a table of prices: its label, or, where its price is shared
    with a link (a link, or a commitment relaxed with one), the sentence on both prices (JSON ``text``),
    since the price column holds only its own."""
    shared = p["kind"] == "link" or p.get("price_with_links_integrations") is not None
    return p["text"] if shared and p.get("price_integrations") is not None else p["label"]


def priced_sentence(p: dict) -> str:
    """A commitment's or link's sentence (JSON ``text``, amip.optimizer.result.policy_sentence) with its
    dual bound right after its own price, before the clause on the price it shares with a link."""
    head, sep, tail = p["text"].partition(T.POLICY_CLAUSE)
    return head + dual_bound(p) + sep + tail


def limit_sentence(r: OptimizationResult, year: str, p: dict) -> str:
    """One limit on a later year's money with its price, in German."""
    price = p.get("price_integrations")
    if price is not None and price > 0:
        effect = "" if r.effect == "gross" else f" ({T.EFFECT_NAMES.get(r.effect, r.effect)})"
        return T.LIMIT_PRICE.format(year=year, limit=eur(p["limit"]), price=num(price, 1), effect=effect)
    if price is not None:
        return T.LIMIT_PRICE_NONE.format(year=year, limit=eur(p["limit"]))
    if p["bound_eur"] > p["limit"] + 0.5:   # a plan scored, not optimised (evaluate): no price, kept or not
        return T.LIMIT_BROKEN.format(year=year, limit=eur(p["limit"]), over=eur(p["bound_eur"] - p["limit"]))
    return (T.LIMIT_BINDS_UNPRICED if p["binding"] else T.LIMIT_KEPT).format(year=year, limit=eur(p["limit"]))


def render_limits(r: OptimizationResult) -> list[str]:
    """Each limit on a later year's money: its price, what the plan binds of that year, and its source."""
    prices = r.commitments.get("prices") or {}
    if not prices:
        return ["  " + T.LIMIT_NONE]
    out = []
    for year, p in prices.items():
        out.append(f"  {limit_sentence(r, year, p)}{dual_bound(p)}; die Neueintritte binden {eur(p['bound_eur'])}")
        out.append(f"      Quelle: {for_reader(p['source'])}")
    return out


def _share(x: float) -> str:
    return f"{fixed(x * 100, 1)} %"


def _target_amount(t: str, v: float) -> str:
    return eur(v) if t == "llu" else num(v)


def render_planning(r: OptimizationResult) -> list[str]:
    """Goal, targets, money bound in later years, whole places, target groups and staff (issue 7)."""
    from amip.models.planning import STAFF_CLASSES, target_label

    out: list[str] = [""]
    w = out.append
    ex = r.modes
    if ex.goal is not None:
        g = ex.goal
        mc = g.marginal_cost_eur
        marginal = (f" · Grenzkosten {eur(mc) if abs(mc) >= 100 else fixed(mc, 2) + ' €'} "
                    f"je weitere Einheit ({T.TARGET_SHORT.get(g.target, g.target)})" if mc is not None else "")
        w(T.DG_GOAL_LABEL.format(target=target_label(g.target, r.effect))
          + f" ≥ {_target_amount(g.target, g.minimum)}: geringste Netto-Ausgabe "
          f"{eur(g.cost_eur)} (inkl. fester Posten; Neufallbudget {eur(g.neufallbudget_eur)}: "
          f"{'reicht' if g.fits_budget else 'reicht nicht'}){marginal}")
    if ex.lexicographic is not None:
        w("Lexikographisch: " + " → ".join(f"{T.TARGET_SHORT.get(s.target, s.target)} "
                                             f"{_target_amount(s.target, s.achieved)} "
                                             f"(Optimum {_target_amount(s.target, s.optimum)})"
                                             for s in ex.lexicographic))
    elif ex.objective_spec is not None:
        w("Zielfunktion: " + " + ".join(f"{wt:g}".replace(".", ",") + f" × {T.TARGET_SHORT.get(t, t)}"
                                        for t, wt in ex.objective_spec["weights"].items()))
    if r.targets:
        w(T.TARGETS_HEAD + ": " + " · ".join(f"{target_label(t, r.effect)} {_target_amount(t, v['value'])}"
                                               for t, v in r.targets.items())
          + "  (LZB/LLU je Integration: Schätzungen, Quelle je Maßnahme in --format json)")
    if r.commitments:
        years = r.commitments["years"]
        limits = r.commitments.get("limits", {})
        parts = [f"{y} {eur(v)}" + (f" (VE {eur(limits[y]['limit'])})" if y in limits else "")
                 for y, v in years.items()]
        w("Vorbindungen der Neueintritte (Geld in Folgejahren): " + " · ".join(parts))
        out += render_limits(r)
    if ex.integer is not None:
        i = ex.integer
        rnd = i.rounded_lp
        rounded = ("" if rnd is None else f" · gerundeter LP-Plan {num(rnd.objective, 2)}"
                   + (f" ({len(rnd.violations)} Verletzungen)" if rnd.violations else " (zulässig)"))
        w(f"Ganze Plätze (MILP): {num(i.objective, 2)} · LP-Schranke {num(i.lp_bound, 2)} "
          f"(Abstand {num(i.gap_to_lp, 2)} = {num(i.gap_to_lp_pct, 3)} %) · MIP-Gap "
          f"{num((i.mip_gap or 0) * 100, 4)} %{rounded}")
        if i.lots:
            w(f"  {len(i.lots)} Maßnahmen in Klassen: " + ", ".join(
                f"{lot.measure} {num(lot.new_entries)} = {lot.classes} × {lot.class_min}–{lot.lot_size}"
                for lot in i.lots if lot.new_entries > 0))
    if r.groups:
        w("Zielgruppen (Anteil an allen Eintritten): " + " · ".join(
            f"{g['label']} {_share(g['share'])}"
            + (f" (Minimum {_share(g['min_share'])}{', aktiv' if g['limit_active'] else ', nicht aktiv: --groups'})"
               if g["min_share"] else "")
            for g in r.groups.values()))
    for s in r.staff:
        state = (f"überschritten um {num(s['over'])} Eintritte" if s["over"] > 1e-6 else "hält")
        w(f"Steuerungskapazität {STAFF_CLASSES.get(s['class'], s['class'])}: {num(s['entries'])} Eintritte, "
          f"Kapazität {num(s['capacity'])} "
          f"({num(s['fte'], 1)} VZÄ, Betreuungsschlüssel 1:{s['caseload']:g}) – {state}"
          + (f"; Strafe {num(s['over'] * s['penalty'], 1)} Integrationen" if s["active"] and s["over"] > 1e-6
             else "" if s["active"] else " (nicht aktiv: --staff)"))
    if r.features:
        w("Aktiv: " + ", ".join("--" + f for f in r.features))
    return out


def render_tradeoff(case, a: str, b: str, points, total: int | None = None) -> str:
    from amip.export.terminal import Col, fit, table, width
    from amip.models.planning import target_label

    total = total or width()
    out = [T.TRADEOFF_TITLE.format(a=target_label(a, case.effect), b=target_label(b, case.effect), case=case.name,
                                   scenario=case.scenario), ""]
    rows, prev = [], None
    for k, p in enumerate(points):
        rate = ""
        if prev is not None and abs(p.a - prev.a) > 1e-9:
            rate = num((p.b - prev.b) / (p.a - prev.a), 3)
        rows.append([str(k + 1), _target_amount(a, p.a), _target_amount(b, p.b), rate])
        prev = p
    sa, sb = T.TARGET_SHORT.get(a, a), T.TARGET_SHORT.get(b, b)
    out.append(table([Col(T.TRADEOFF_POINT, right=True), Col(sa, right=True), Col(sb, right=True),
                      Col(T.TRADEOFF_SLOPE, right=True)], rows, total))
    out.append("")
    out.append(T.TRADEOFF_NOTE.format(a=sa, b=sb))
    return fit("\n".join(out), total)


def render_tradeoff_csv(a: str, b: str, points, dialect: str = "plain") -> str:
    from amip.export.csv_table import render_rows

    return render_rows(["point", a, b], ([k + 1, p.a, p.b] for k, p in enumerate(points)), dialect)


CSV_COLUMNS = ("id", "field", "name", "instrument", "instrument_type", "product_category", "budget_basis",
               "cost_per_entry", "gross_cost_per_entry", "pat_relief_per_entry", "rate", "rate_is_estimate",
               "rate_source", "lower", "upper", "planned_entries", "entries", "new_entries", "prebought_entries",
               "cost", "integrations", "reduced_cost", "integrations_in_year")


def render_csv(r: OptimizationResult, dialect: str = "plain") -> str:
    """One row per measure (amip.export.csv_table: rounded numbers, formula-like text neutralised). The
    plain dialect keeps the machine keys and values; ``de`` is for people: German column titles, the budget
    basis in the template's words and the rate's source as a reader cites it (for_reader)."""
    from amip.export.csv_table import render_rows
    from amip.models.measure import BUDGET_BASIS_GERMAN

    def value(m, c: str):
        if c == "integrations_in_year":   # of the cohort's integrations, those in the plan year (issue 26)
            return m.integrations_by_year.get(str(r.year), 0.0)
        v = getattr(m, c)
        if dialect == "de" and c == "budget_basis":
            return BUDGET_BASIS_GERMAN.get(v, v)
        return for_reader(v) if dialect == "de" and c == "rate_source" else v

    return render_rows(CSV_COLUMNS, ([value(m, c) for c in CSV_COLUMNS] for m in r.measures), dialect)


def csv_safe(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP); numbers
    stay numbers. The one rule of amip.export.csv_table.neutralise, for callers writing their own CSV."""
    from amip.export.csv_table import neutralise

    return neutralise(value) if isinstance(value, str) else value


def policy_total_text(t: dict) -> str:
    """The sentence on the price of all commitments together, in the unit of the optimised objective."""
    price, free, unit = num(t["price_integrations"]), num(t["objective_without"]), t.get("price_unit", "integrations")
    if unit == "integrations":
        return T.POLICY_TOTAL.format(price=price, free=free)
    effect = unit[len("integrations ("):-1] if unit.startswith("integrations (") else None
    if effect in T.EFFECT_NAMES:
        return T.POLICY_TOTAL_EFFECT.format(price=price, free=free, effect=T.EFFECT_NAMES[effect])
    return T.POLICY_TOTAL_UNIT.format(price=price, free=free, unit=T.objective_unit_de(unit))


#: orjson's options: dataclasses and datetimes are not encoded by orjson itself but handed on (and so
#: to the json fallback, which refuses them as it always did).
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


def _float_sum(value) -> float:
    """The sum of every float in a tree of dicts, lists and tuples: not finite if any float is NaN or
    ±inf (or, harmlessly, if the sum of large floats overflows). One pass, no copies."""
    total = 0.0
    for v in value.values() if type(value) is dict else value:
        t = type(v)
        if t is float:
            total += v
        elif t is dict or t is list or t is tuple:
            total += _float_sum(v)
    return total


#: a key written without escapes: the quote before ``:null`` closes a key, not a string
_PLAIN_KEY = re.compile(rb"[A-Za-z0-9_]+")


def _nulls_are_nones(value, out: bytes) -> bool:
    """True if every ``null`` in ``out`` (orjson's text of ``value``) stands for a None, not for a NaN or
    ±inf (which orjson writes as null too): each null is the value of a plainly named key, and under each
    such key the dicts of ``value``'s first three levels (a result, its sections and the records of its
    lists; a list's records) hold as many Nones as there are nulls. The Nones anywhere are at least those,
    so no null is left to a float. False says only "not shown so": the caller then walks the floats. A
    few string searches over ``out`` and one look per record and key, not a walk over every value."""
    keyed: dict[bytes, int] = {}   # the keys before the nulls: how many nulls each
    at = out.find(b"null")
    while at != -1:
        if out[at - 2:at] != b'":':   # a null in a list, or "null" in a text or a key
            return False
        key = out[out.rfind(b'"', 0, at - 2) + 1:at - 2]
        keyed[key] = keyed.get(key, 0) + 1
        at = out.find(b"null", at + 4)
    if not all(map(_PLAIN_KEY.fullmatch, keyed)):   # an escaped quote: the null may be inside a text
        return False
    counts = [(k.decode(), n) for k, n in keyed.items()]
    level, dicts = [value], []
    for _ in range(3):
        dicts += [v for v in level if type(v) is dict]
        if all(sum(d.get(k, 0) is None for d in dicts) == n for k, n in counts):
            return True
        level = [x for v in level if type(v) in (dict, list) for x in (v.values() if type(v) is dict else v)
                 if type(x) in (dict, list)]
    return False


def render_json(payload) -> str:
    """One JSON value on one line, compact (no spaces after ``,`` and ``:``), encoded by orjson (at
    10.000 measures ~6× faster than json's C encoder). The same document as ``json.dumps(payload,
    ensure_ascii=False, allow_nan=False)``, parsed: orjson writes a float in its shortest round-trip
    form, as json does, only some spelt otherwise (``1e-05`` as ``0.00001``). json's encoder (compact
    too) takes over where orjson would write something json would not: a value orjson cannot encode
    (numpy scalars, non-string keys, integers beyond 64 bits, lone surrogates) and any NaN or ±inf,
    which orjson would write as ``null`` and json refuses with ValueError, as it always did. Whether a
    null is a float's is told from orjson's text where it can be (``_nulls_are_nones``), else by
    summing every float of the payload (``_float_sum``)."""
    try:
        out = orjson.dumps(payload, option=_ORJSON_OPTIONS)
    except TypeError:   # orjson.JSONEncodeError
        out = None
    if out is None or (type(payload) in (dict, list, tuple) and not _nulls_are_nones(payload, out)
                       and not math.isfinite(_float_sum(payload))) or (
            type(payload) is float and not math.isfinite(payload)):
        return json.dumps(payload, ensure_ascii=False, sort_keys=False, allow_nan=False, separators=(",", ":"))
    return out.decode()


JSON_CHUNK = 2000   #: records per piece when a long list is written in pieces


def write_json(payload: dict, out) -> None:
    """The same line as ``render_json(payload)`` plus a line end, written to ``out`` in pieces: each
    long list (the records of the measures, the constraints; a sequence, possibly built lazily, see
    OptimizationResult.json_payload) by JSON_CHUNK records at a time, each piece by ``render_json``.
    So the whole text (135 MB at 100.000 measures) never exists at once, nor the list of all records."""
    from amip.models.plain import Records

    dumps = render_json
    out.write("{")
    for i, (key, value) in enumerate(payload.items()):
        out.write(("," if i else "") + dumps(key) + ":")
        if isinstance(value, (list, tuple, Records)) and len(value) > JSON_CHUNK:
            out.write("[")
            for start in range(0, len(value), JSON_CHUNK):
                # records that can be encoded from their columns (Records.json_text), else each piece's list
                piece = value.json_text(start, start + JSON_CHUNK) if isinstance(value, Records) else None
                if piece is None:
                    piece = dumps(list(value[start:start + JSON_CHUNK]))[1:-1]
                out.write(("," if start else "") + piece)
            out.write("]")
        else:
            out.write(dumps(list(value) if isinstance(value, Records) else value))
    out.write("}\n")


# --------------------------------------------------------------------------- amip compare
def _signed(x: float, fmt) -> str:
    s = fmt(x)
    return s if s.startswith("-") or abs(x) < 1e-9 else "+" + s


def _euros(x: float) -> str:
    """Whole euros without the unit (the row or column header says €)."""
    return num(round(x))


def render_compare(cmp, *, top: int = 15, total: int | None = None) -> str:
    """Scenarios side by side (German tables at the terminal's width); deltas against the first scenario.
    Money in whole euros, the unit in the row title, so five scenarios fit in 80 columns."""
    from amip.export.terminal import Col, fit, table, width

    total = total or width()
    names, ref = cmp.names, cmp.names[0]
    out = []
    w = out.append
    r0 = cmp.reference

    def side_by_side(lead: Col, rows: list[list[str]]) -> str:
        return table([lead] + [Col(n, right=True) for n in names], rows, total)

    w(f"amip {r0.version} · Szenarienvergleich · Fall {r0.case_name} · Δ gegen {ref}")
    w("")
    summary = cmp.summary()
    rows = [["Integrationen", *(num(s["integrations"]) for s in summary)],
            ["Δ Integrationen", *("–" if i == 0 else _signed(s["delta_integrations"], num)
                                  for i, s in enumerate(summary))],
            ["Δ in %", *("–" if i == 0 else pct(s["delta_pct"] / 100) for i, s in enumerate(summary))],
            ["Neufallbudget €", *(_euros(s["budget_limit"]) for s in summary)],
            ["verplant (netto) €", *(_euros(s["budget_used"]) for s in summary)],
            ["PAT-Entlastung €", *(_euros(s["pat_relief"]) for s in summary)],
            ["Eintritte", *(num(s["entries"]) for s in summary)]]
    if all(r.effects for r in cmp.results):
        rows += [[T.EFFECT_NAMES[e], *(_num_or_dash(r.effects[e]["value"]) for r in cmp.results)]
                 for e in ("gross", "net", "kennzahl")]
        shown = [shown_range(r.effects["net"]) for r in cmp.results]   # rounded as each run shows it
        rows += [["netto P5", *(s["p5"] for s in shown)], ["netto P95", *(s["p95"] for s in shown)]]
    if all(r.effects for r in cmp.results):
        w(T.COMPARE_EFFECTS_HEAD.format(active=", ".join(sorted({T.EFFECT_NAMES[r.effect] for r in cmp.results}))))
    w(side_by_side(Col("", wrap=True, min_width=14), rows))
    w("")
    w("Bindende Restriktionen:")
    for s, r in zip(summary, cmp.results, strict=True):
        w(f"  {s['name']}: {', '.join(cmp.binding_labels(r)) or '–'} "
          f"(+{T.BOUNDS_COMPARE.format(n=T.counted_noun(cmp.bounds_at_limit(r), T.NOUN_MEASURE))})")
    w("")
    w("Handlungsfelder: Integrationen, darunter Δ gegen " + ref)
    rows = []
    for f in cmp.field_rows():
        b = f["by_scenario"]
        rows.append([f["id"], *(num(b[n]["integrations"]) for n in names)])
        rows.append(["", "", *(_signed(b[n]["delta_integrations"], num) for n in names[1:])])
    w(side_by_side(Col("HF"), rows))
    w("")
    w("Handlungsfelder: Kosten in €, Δ gegen " + ref)
    rows = []
    for f in cmp.field_rows():
        b = f["by_scenario"]
        rows.append([f["id"], _euros(b[ref]["cost"])] + [_signed(round(b[n]["delta_cost"]), num)
                                                         for n in names[1:]])
    w(side_by_side(Col("HF"), rows))
    movers = cmp.movers(top)
    w("")
    if not movers:
        w("Keine Maßnahme ändert ihre Mittel.")
        return fit("\n".join(out), total)
    w(f"Größte Verschiebungen der Mittel (neue Eintritte; darunter Kosten in €, Δ gegen {ref}; alle Maßnahmen "
      "in --format json und im Excel-Blatt 'Vergleich Maßnahmen'):")
    rows = []
    for m in movers:
        b = m["by_scenario"]
        rows.append([m["id"], *(num(b[n]["new_entries"]) for n in names)])
        rows.append(["", _euros(b[ref]["cost"]), *(_signed(round(b[n]["delta_cost"]), num) for n in names[1:])])
    w(side_by_side(Col("ID", wrap=True, min_width=12), rows))
    return fit("\n".join(out), total)


# --------------------------------------------------------------------------- amip scenarios
def render_scenario_list(rows: list[dict]) -> str:
    from amip.models.sources import for_reader

    width = max(len(r["name"]) for r in rows) + 2
    out = [f"{'Szenario':<{width}}{'erbt von':<28}Beschreibung"]
    for r in rows:
        out.append(f"{r['name']:<{width}}{', '.join(r['extends']) or '–':<28}{for_reader(r['description'])}")
    return "\n".join(out)


def _setting(v) -> str:
    """{multiplier: 0.88} → '×0.88', {value: 0.3} → '= 0.3', {max_multiplier: 0.95} → 'max ×0.95'."""
    if isinstance(v, dict):
        parts = []
        prefix = {"multiplier": "×", "value": "= ", "max_multiplier": "max ×"}
        for k, x in v.items():
            shown = (f"{x:g}".replace(".", ",") if isinstance(x, (int, float)) and not isinstance(x, bool)
                     else str(x))
            parts.append(prefix[k] + shown if k in prefix else f"{k} {shown}")
        return ", ".join(parts)
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v)


def _unit(x: float | str | None, unit: str) -> str:
    if x is None:
        return "–"
    if isinstance(x, str):
        return x
    if unit == "EUR":
        return eur(x)
    if unit in ("rate", "share"):
        return f"{x:.4f}".replace(".", ",")
    return num(x, 2)


def render_scenario(info: dict) -> str:
    """The resolved scenario: each setting with the file and line it came from, then its effect."""
    from amip.models.sources import for_reader

    out = [f"Szenario {info['name']}: {for_reader(info['description'])}", f"Datei: {info['file']}"]
    if len(info["chain"]) > 1:
        out.append("Vererbung: " + " → ".join(c.rsplit("/", 1)[-1] for c in info["chain"]))
    out.append("")
    if not info["settings"]:
        out.append("Keine Einstellungen: der Fall gilt wie geladen.")
    else:
        out.append("Aufgelöste Einstellungen (Wert · Herkunft):")
        width = min(60, max(len(s["key"]) for s in info["settings"]) + 2)
        for s in info["settings"]:
            value = _setting(s["value"])
            where = f"{s['file'].rsplit('/', 1)[-1]}:{s['line']}" if s.get("line") else s["file"].rsplit("/", 1)[-1]
            out.append(f"  {s['key']:<{width}} {value:<16} {where}")
            if s.get("source"):
                out.append(f"  {'':<{width}}   Quelle: {for_reader(s['source'])}")
    out.append("")
    if info["changes"]:
        out.append("Wirkung auf den Fall (vorher → nachher):")
        for c in info["changes"]:
            out.append(f"  {c['what']:<58} {_unit(c['before'], c['unit']):>14} → {_unit(c['after'], c['unit'])}")
    else:
        out.append("Wirkung auf den Fall: keine Änderung.")
    return "\n".join(out)


# --------------------------------------------------------------------------- --explain
def render_explain(ex: dict, *, top: int = 12) -> str:
    """The explanation; a list cut at ``top`` says how many it shows of how many."""
    lines = [T.EX_HEAD, "  " + ex["unspent"]["text"]]
    lines += ["  " + b["text"] for b in ex["binding"] if b["constraint"] != "budget__neufall"]
    for items, head, head_all in ((ex["unfunded"], T.EX_UNFUNDED_HEAD, T.EX_UNFUNDED_HEAD_ALL),
                                  (ex["capped"], T.EX_CAPPED_HEAD, T.EX_CAPPED_HEAD_ALL)):
        if items:
            shown = min(top, len(items))
            upper = len(ex.get("bounds_at_limit", {}).get("upper", items))
            lines.append("  " + (head if len(items) > shown else head_all).format(n=len(items), shown=shown,
                                                                                 upper=upper))
            lines += ["  - " + u["text"] for u in items[:top]]
    if len(ex["unfunded"]) > top or len(ex["capped"]) > top:
        lines.append("  " + T.EX_MORE)
    return "\n".join(lines)


# --------------------------------------------------------------------------- amip evaluate --plan
def render_roundtrip(rt) -> str:
    """The edited plan in German: what it reaches, what the edits cost, what they break."""
    r = rt.result
    out = [f"Bearbeiteter Plan · Fall {r.case_name} · Szenario {r.scenario} · Jahr {r.year}"]
    out += list(rt.warnings)
    if r.violations:   # what the plan breaks comes before what it reaches
        out.append(f"Verletzte Grenzen ({len(r.violations)}):")
        out += [f"  {v['message']}" for v in r.violations]
    out += [
           f"Erwartete Integrationen: {num(r.integrations)} · verplant {eur(r.budget_used)} "
           f"(Neufallbudget {eur(r.budget_limit)})"]
    if rt.reference_objective is not None:
        d = rt.delta_objective
        out.append(f"Gegenüber dem Optimum ({num(rt.reference_objective)}): {'+' if d >= 0 else ''}{num(d)} "
                   f"Integrationen ({pct(d / rt.reference_objective) if rt.reference_objective else '–'})")
    out.append("")
    if rt.changes:
        out.append(f"Geänderte Maßnahmen ({len(rt.changes)}):")
        out.append(f"  {'Maßnahme':<44} {'Optimum':>9} {'Plan':>9} {'Δ Eintr.':>9} {'Δ Integr.':>10} {'Δ Kosten':>14}")
        for c in sorted(rt.changes, key=lambda c: c["delta_integrations"]):
            out.append(f"  {cut_name(c['name'], c['id'], 44):<44} {num(c['reference_new_entries']):>9} "
                       f"{num(c['new_entries']):>9} "
                       f"{num(c['delta_entries']):>9} {num(c['delta_integrations'], 2):>10} {eur(c['delta_cost']):>14}")
    else:
        out.append("Keine Änderung gegenüber dem Optimum.")
    if not r.violations:
        out.append("")
        out.append("Der Plan hält alle Grenzen ein.")
    return "\n".join(out)


def render_jobcenters(rows, fmt: str, dialect: str = "plain") -> str:
    """`amip jobcenters`: Träger-Nr, form, name, share of the Eingliederungsmittel and the EGT estimate."""
    if fmt == "json":
        return render_json({"source": "EinglMV 2022, Anlagen 2-4 (amip/data/national/README.md)",
                            "egt_estimate_basis_eur": 5.005e9, "estimate": True,
                            "jobcenters": [{"traeger_nr": j.traeger_nr, "form": j.form, "name": j.name,
                                            "egl_share_pct": j.egl_share_pct, "egt_estimate_eur": j.egt_estimate_eur}
                                           for j in rows]})
    if fmt == "csv":
        from amip.export.csv_table import render_rows

        return render_rows(["traeger_nr", "form", "name", "egl_share_pct", "egt_estimate_eur"],
                           ([j.traeger_nr, j.form, j.name, round(j.egl_share_pct, 5), float(round(j.egt_estimate_eur))]
                            for j in rows), dialect)
    head = T.JC_LIST_COLUMNS
    out = [T.JC_LIST_HEAD.format(n=len(rows)), "",
           f"{head[0]:<10} {head[1]:<5} {head[2]:<44} {head[3]:>12} {head[4]:>14}"]
    out.append("-" * len(out[-1]))
    for j in rows:
        out.append(f"{j.traeger_nr:<10} {j.form:<5} {j.name[:44]:<44} {fixed(j.egl_share_pct, 4):>12} "
                   f"{eur(j.egt_estimate_eur):>14}")
    return "\n".join(out)


def render_horizon(plan, *, total: int | None = None) -> str:
    """`optimize --horizon N`: the section Mehrjahresplan — per year EGT, Vorbindungen, fixed items, the
    cohorts' money, what is left, integrations in the year and of the year's cohort; what the cohorts
    bind after the horizon against the shifted limits; the first year against the one-year optimum."""
    from amip.export.terminal import Col, table, width

    total = total or width()
    years = plan.years
    target = T.EFFECT_LONG.get(plan.effect, plan.effect)
    out = [T.HORIZON_TITLE.format(n=plan.n, first=years[0]["year"], last=years[-1]["year"], target=target)]
    cols = [Col(T.HORIZON_HEAD[0])] + [Col(h, right=True) for h in T.HORIZON_HEAD[1:]]
    rows = [[str(y["year"]), eur(y["egt_eur"]), eur(y["prior_commitments_eur"]), eur(y["fixed_eur"]),
             eur(y["new_cash_eur"]), eur(y["free_eur"] if abs(y["free_eur"]) >= 0.5 else 0.0),
             num(y["integrations_in_year"]), num(y["cohort_integrations"]),
             _share(y["integration_quota"]["quota"]) if y["integration_quota"]["quota"] is not None else "–"]
            for y in years]
    out.append(table(cols, rows, total))
    if plan.after:
        out.append(T.HORIZON_AFTER.format(items="; ".join(
            T.HORIZON_AFTER_ITEM.format(year=a["year"], cash=eur(a["cash_eur"]), limit=eur(a["limit_eur"]))
            for a in plan.after)))
    out += horizon_price_lines(plan)
    first = years[0]["cohort_objective"]
    out.append(T.HORIZON_OBJECTIVE.format(total=num(plan.objective), target=target, first=years[0]["year"],
                                          first_value=num(first), after=num(plan.integrations_after),
                                          last=years[-1]["year"]))
    out.append("")
    if plan.differences is None:
        out.append(T.HORIZON_DIFF_NO_OPTIMUM)
    elif not plan.differences:
        out.append(T.HORIZON_DIFF_NONE)
    else:
        out.append(T.HORIZON_DIFF_TITLE)
        out += ["  " + T.HORIZON_DIFF_LINE.format(id=d["id"], name=d["name"], one=num(d["one_year_entries"], 0),
                                                  horizon=num(d["first_year_entries"], 0),
                                                  delta=signed(d["delta_entries"], 0), eur=signed_eur(d["delta_eur"]))
                for d in plan.differences]
    out.append("")
    flat = {y["egt_source"] for y in years[1:]}
    notes = ([T.HORIZON_NOTE_EGT.format(year=f"{years[1]['year']}–{years[-1]['year']}", source=flat.pop())]
             if len(flat) == 1 else [T.HORIZON_NOTE_EGT.format(year=y["year"], source=y["egt_source"])
                                     for y in years[1:]])
    prior = {y["prior_commitments_source"] for y in years[1:]}
    notes += ([T.HORIZON_NOTE_PRIOR.format(year=f"{years[1]['year']}–{years[-1]['year']}", source=prior.pop())]
              if len(prior) == 1 else [T.HORIZON_NOTE_PRIOR.format(year=y["year"], source=y["prior_commitments_source"])
                                       for y in years[1:]])
    out += [f"- {for_reader(n)}" for n in notes + list(plan.notes)]
    return "\n".join(out)


def _price_range(low: float | None, high: float | None) -> str:
    """The interval over which a money row's price holds, in words."""
    if low is not None and high is not None:
        return T.HORIZON_PRICE_RANGE.format(low=eur(low), high=eur(high))
    if low is not None:
        return T.HORIZON_PRICE_FROM.format(low=eur(low))
    return T.HORIZON_PRICE_TO.format(high=eur(high)) if high is not None else T.HORIZON_PRICE_POINT


def horizon_price_lines(plan) -> list[str]:
    """Per year of the horizon and per shifted limit after it: what 100.000 € more of its money bring
    (the money row's dual) and over which interval; where money is left (frei), that this is why the
    price is 0."""
    years = plan.years
    if not plan.priced:
        return [T.HORIZON_PRICE_INTEGER] if plan.integer else []
    out = [T.HORIZON_PRICE_TITLE.format(name=T.EFFECT_LONG.get(plan.effect, plan.effect).split(" (")[0])]
    for y in years:
        if y["binding"]:
            out.append("  " + T.HORIZON_PRICE_BINDS.format(
                year=y["year"], per=fixed(y["shadow_price_per_100k_eur"], 2),
                range=_price_range(y["shadow_price_valid_from_eur"], y["shadow_price_valid_to_eur"])))
        else:
            out.append("  " + T.HORIZON_PRICE_FREE.format(year=y["year"], free=eur(y["free_eur"]),
                                                          low=eur(y["shadow_price_valid_from_eur"])))
    if plan.after:
        out.append(T.HORIZON_PRICE_AFTER_TITLE)
    for a in plan.after:
        if a["free_eur"] < 0.5:
            out.append("  " + T.HORIZON_PRICE_AFTER_BINDS.format(
                year=a["year"], orig=a["limit_of_year"], per=fixed(a["shadow_price_per_100k_eur"], 2),
                range=_price_range(a["shadow_price_valid_from_eur"], a["shadow_price_valid_to_eur"])))
        else:
            out.append("  " + T.HORIZON_PRICE_AFTER_FREE.format(year=a["year"], orig=a["limit_of_year"],
                                                                free=eur(a["free_eur"]),
                                                                low=eur(a["shadow_price_valid_from_eur"])))
    return out
