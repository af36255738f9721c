"""Excel export: sheets Zuteilung, Handlungsfelder, Budget, Restriktionen and Eingaben (texts.SHEET_*),
with German headers, euro formats, frozen headers and autofilters. Every sheet prints (landscape, one
page wide, header row repeated, a footer naming case, scenario, date and input hash: print_setup),
the allocation recalculates (formulas with their values, a totals row: allocation_sheet). Text is
always written as text, never as a formula."""
from __future__ import annotations

from pathlib import Path

from amip import texts as T
from amip.errors import path_text
from amip.export.layout import PRINT_WIDTH, header_height, once, row_height
from amip.export.xlsx import (
    CHART_FONT,
    CHART_TITLE_FONT,
    cell_formats,
    footer_for,
    whole_format,
    write_cell,
    write_sheet,
    write_workbook,
)
from amip.models import Case
from amip.models.effects import EFFECTS
from amip.models.fmt import fixed
from amip.models.measure import BUDGET_BASIS_GERMAN  # the words the template's dropdown offers (read back)
from amip.models.sources import for_reader, shown_path  # seed lines and section numbers as source names
from amip.optimizer.compare import Comparison
from amip.optimizer.result import OptimizationResult

#: The columns that print (the folded DETAIL_COLUMNS aside) add up to PRINT_WIDTH characters at most, so the
#: sheet prints one page wide at ≥ 8 pt (layout.PRINT_WIDTH); long names and ids wrap, and every header word
#: fits its column whole.
ALLOCATION_HEADERS = [
    ("Maßnahme-ID", 19, "wrap"), ("HF", 4, None), ("Maßnahme", 18, "wrap"), ("Instrument", 36, None),
    ("Produktkategorie", 10, None), ("Budgetbasis", 14, None), ("Netto-Kosten je Eintritt", 12, "eur2"),
    ("Brutto-Kosten je Eintritt", 14, "eur2"), ("PAT je Eintritt", 11, "eur2"), ("Quote", 7, "rate"),
    ("Quote geschätzt", 10, None), ("Eintritte min.", 11, "num"), ("Eintritte max.", 11, "num"),
    ("Plan Eintritte", 11, "num"), ("Optimum Eintritte", 11, "num"), ("davon neu", 11, "num"),
    ("davon vorgebunden", 12, "num"), ("Kosten", 13, "eur"), ("Integrationen", 15, "num"),
    ("Reduzierte Kosten (Integr. je Eintritt)", 14, "num")]
#: The three effect measures per measure (issue 14), appended so the columns above keep their places.
EFFECT_HEADERS = [(f"{T.EFFECT_NAMES[e]} je Eintritt", 11, "num3") for e in EFFECTS] + [
    (f"Integrationen {T.EFFECT_NAMES[e]}", 14, "num") for e in EFFECTS]
#: Money over all years (issue 26), appended after the folded effect columns, so it prints beside the plan
#: year's cost and integrations: the whole cost, the cost per integration on it, the plan year's share.
TOTAL_COST_HEADERS = [(T.XL_TOTAL_COST, 13, "eur"), (T.XL_COST_PER_INTEGRATION_TOTAL, 11, "eur"),
                      (T.XL_PLAN_YEAR_SHARE, 13, "pct")]


def _allocation_rows(r: OptimizationResult) -> list[list]:
    return [[m.id, m.field, m.name, m.instrument, m.product_category,
             BUDGET_BASIS_GERMAN.get(m.budget_basis, m.budget_basis), m.cost_per_entry,
             m.gross_cost_per_entry, m.pat_relief_per_entry, m.rate, "ja" if m.rate_is_estimate else "nein", m.lower,
             m.upper, m.planned_entries, m.entries, m.new_entries, m.prebought_entries, m.cost, m.integrations,
             m.reduced_cost] + _effect_cells(m) + _total_cost_cells(m) for m in r.measures]


def pct_text(x: float) -> str:
    return f"{fixed(x * 100, 1)} %"


def _total_cost_cells(m) -> list:
    per_integration = m.total_cost_eur / m.integrations if m.integrations > 1e-9 else None
    return [m.total_cost_eur, per_integration, m.plan_year_share if m.budget_basis != "prebought" else None]


def _col(c: int) -> str:
    from amip.inputs.workbook import column_letter

    return column_letter(c)


#: Columns of ALLOCATION_HEADERS + EFFECT_HEADERS the formulas refer to (0-based).
_C = {h[0]: i for i, h in enumerate(ALLOCATION_HEADERS + EFFECT_HEADERS + TOTAL_COST_HEADERS)}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def totals_row(ws, rows: list[list], columns, fmts: dict, *, eur_columns=()) -> None:
    """A 'Summe' row under ``rows`` (data from sheet row 2): SUM formulas with their values cached."""
    last, srow = len(rows) + 1, len(rows) + 1
    ws.write_string(srow, 0, T.XL_TOTAL, fmts["sum"])
    for c in columns:
        numbers = [row[c] for row in rows if isinstance(row[c], (int, float)) and not isinstance(row[c], bool)]
        value = sum(numbers)
        whole = all(abs(v - round(v)) < 1e-9 for v in numbers)   # planned entries: '15.812', not '15.812,0'
        fmt = fmts["sum_eur"] if c in eur_columns else fmts["sum_int"] if whole else fmts["sum_num"]
        ws.write_formula(srow, c, f"=SUM({_col(c)}2:{_col(c)}{last})", fmt, value)


def allocation_sheet(wb, name: str, r: OptimizationResult, fmts: dict, fixed_spend: dict[str, float] | None = None,
                     later: dict[str, float] | None = None):
    """The plan per measure, with formulas for the derived columns (total entries = fixed + new, cost
    = new entries × cost per entry + fixed spend, integrations = rate × entries, the cost over all years = cost
    + new entries × what one binds in later years (``later``: id → euros, Case.commitment_per_entry_eur), its
    cost per integration) and a totals row, so an edit of 'davon neu' recalculates in Excel and LibreOffice.
    Each formula is written with its value (readers without a calculation engine see numbers), and only where it
    reproduces that value
    (diminishing returns, for one, are no product): there the value stays a plain number."""
    headers = ALLOCATION_HEADERS + EFFECT_HEADERS + TOTAL_COST_HEADERS
    rows = _allocation_rows(r)
    ws = write_sheet(wb, name, headers, rows, fmts, folded=tuple(_C[h] for h in DETAIL_COLUMNS))
    L = {k: _col(i) for k, i in _C.items()}
    new, total = L["davon neu"], L["Optimum Eintritte"]
    for k, m in enumerate(r.measures):
        row, n = k + 1, k + 2          # 0-based sheet row, 1-based Excel row
        fixed = m.entries - m.new_entries
        if abs(fixed - m.prebought_entries) < 1e-9:
            f_total = f"={L['davon vorgebunden']}{n}+{new}{n}" if fixed else f"={new}{n}"
        else:
            f_total = f"={new}{n}+{fixed!r}"
        ws.write_formula(row, _C["Optimum Eintritte"], f_total, whole_format(fmts, "num", m.entries), m.entries)
        if fixed_spend is not None:
            fs = fixed_spend.get(m.id, 0.0)
            relief = m.pat_relief_per_entry * m.new_entries
            share = (m.gross_cost_per_entry * m.new_entries + fs - m.cost) / relief if relief > 1e-9 else 1.0
            tail = f"+{fs!r}" if fs else ""
            if abs(share - 1.0) < 1e-9:
                f_cost, v = f"={new}{n}*{L['Netto-Kosten je Eintritt']}{n}{tail}", m.new_entries * m.cost_per_entry + fs
            else:
                f_cost = f"={new}{n}*({L['Brutto-Kosten je Eintritt']}{n}-{L['PAT je Eintritt']}{n}*{share!r}){tail}"
                v = m.new_entries * (m.gross_cost_per_entry - m.pat_relief_per_entry * share) + fs
            if _close(v, m.cost):
                ws.write_formula(row, _C["Kosten"], f_cost, fmts["eur"], m.cost)
        if _close(m.rate * m.entries, m.integrations):
            ws.write_formula(row, _C["Integrationen"], f"={L['Quote']}{n}*{total}{n}", fmts["num"],
                             m.integrations)
        if later is not None:   # trial finding 10: these two stayed at the optimum's figures after an edit
            total_cost = L[T.XL_TOTAL_COST]
            binds = later.get(m.id, 0.0)
            if _close(m.cost + m.new_entries * binds, m.total_cost_eur):
                f_total_cost = f"={L['Kosten']}{n}+{new}{n}*{binds!r}" if binds else f"={L['Kosten']}{n}"
                ws.write_formula(row, _C[T.XL_TOTAL_COST], f_total_cost, fmts["eur"], m.total_cost_eur)
                integ = L["Integrationen"]
                ws.write_formula(row, _C[T.XL_COST_PER_INTEGRATION_TOTAL],
                                 f'=IF({integ}{n}>0,{total_cost}{n}/{integ}{n},"")', fmts["eur"],
                                 m.total_cost_eur / m.integrations if m.integrations > 1e-9 else "")
        for e, (per_h, int_h) in zip(EFFECTS, zip(EFFECT_HEADERS[:3], EFFECT_HEADERS[3:]), strict=True):
            v = m.effects.get(e)
            if v is not None:
                ws.write_formula(row, _C[int_h[0]], f"={L[per_h[0]]}{n}*{total}{n}", fmts["num"], v * m.entries)
    summed = ("Plan Eintritte", "Optimum Eintritte", "davon neu", "davon vorgebunden", "Kosten",
              "Integrationen") + tuple(h[0] for h in EFFECT_HEADERS[3:]) + (T.XL_TOTAL_COST,)
    totals_row(ws, rows, [_C[h] for h in summed], fmts, eur_columns=(_C["Kosten"], _C[T.XL_TOTAL_COST]))
    ws.write_comment(0, _C["Kosten"], T.XL_FORMULA_NOTE)
    ws.write_comment(0, _C[T.XL_TOTAL_COST], T.LATER_FOOTNOTE)
    from amip.export.text import later_heavy

    for k, m in enumerate(r.measures):
        if m.budget_basis != "prebought" and later_heavy(m):
            share = pct_text(m.plan_year_share)
            ws.write_comment(k + 1, _C[T.XL_TOTAL_COST], T.XL_LATER_CELL.format(share=share))
    # Details a reader rarely needs on paper are grouped and folded (the + above the columns opens them),
    # so the printed page, one page wide, stays legible.
    for h in DETAIL_COLUMNS:
        c = _C[h]
        title, width, fmt = headers[c]
        ws.set_column(c, c, width, fmts[fmt] if fmt else None, {"level": 1, "hidden": True})
    ws.set_row(0, header_height([h for h in headers if h[0] not in DETAIL_COLUMNS]))   # the printed headers
    return ws


#: Allocation columns folded away (outline level 1) so the printed sheet keeps names and numbers legible.
DETAIL_COLUMNS = ("Instrument", "Produktkategorie", "Budgetbasis", "Brutto-Kosten je Eintritt", "PAT je Eintritt",
                  "davon vorgebunden", "Quote geschätzt", "Eintritte min.", "Eintritte max.", T.XL_PLAN_YEAR_SHARE,
                  "Reduzierte Kosten (Integr. je Eintritt)") + tuple(h[0] for h in EFFECT_HEADERS)


def _effect_cells(m) -> list:
    per = [m.effects.get(e) for e in EFFECTS]
    return per + [None if v is None else v * m.entries for v in per]


def _effect_summary(r: OptimizationResult) -> list[list]:
    """Rows for the Inputs sheet: the plan under all three effect measures, the net one with P5–P95."""
    if not r.effects:
        return []
    from amip.export.text import shown_range

    rows = [["", ""], [T.EXCEL_EFFECTS_HEAD, f"optimiert: {T.EFFECT_NAMES.get(r.effect, r.effect)}"]]
    for e in EFFECTS:
        d = r.effects[e]
        rng = " (P5–P95 {p5} bis {p95}{rounded})".format(**shown_range(d)) if d.get("p5") is not None else ""
        rows.append([T.EFFECT_LONG[e], ("–" if d["value"] is None else fixed(d["value"], 1)) + rng])
    return rows


def _reference_sheet(wb, reference: OptimizationResult, fmts) -> None:
    """The optimum this workbook comes from, for `amip evaluate --plan` after hand edits (protected)."""
    from amip.inputs.plan_workbook import REFERENCE, REFERENCE_HEADERS

    ws = write_sheet(wb, REFERENCE, [(REFERENCE_HEADERS[0], 30, None), (REFERENCE_HEADERS[1], 14, "num"),
                                (REFERENCE_HEADERS[2], 14, "num"), (REFERENCE_HEADERS[3], 16, "eur"),
                                (REFERENCE_HEADERS[4], 14, "num")],
                [["Zielwert (Optimum)", reference.objective, None, reference.budget_used, reference.integrations]]
                + [[m.id, m.new_entries, m.entries, m.cost, m.integrations] for m in reference.measures], fmts)
    ws.protect()


def _recorded_inputs(r: OptimizationResult, case: Case, run_options: dict | None) -> list[list]:
    """Every data file with its sha256 and the run's options, so `evaluate --plan` can re-apply them."""
    from amip.inputs.loader import split_sheet
    from amip.inputs.plan_workbook import FILE_PREFIX, file_checksum

    rows = []
    for role, path in case.files.items():
        book, sheet = split_sheet(Path(path))
        checksum = file_checksum(book) if book.is_file() else None
        shown = f"{book.resolve()}#{sheet}" if checksum and sheet else str(book.resolve()) if checksum else path
        rows.append([f"{FILE_PREFIX}{T.ROLE_DE.get(role, role)}", path_text(shown)])
        if checksum:
            rows.append([T.INPUTS_CHECKSUM.format(role=T.ROLE_DE.get(role, role)), checksum])
    rows.append([T.INPUTS_BUDGET, r.budget_limit])
    if run_options is not None:
        import json

        rows.append([T.INPUTS_OPTIONS, json.dumps(run_options, ensure_ascii=False, sort_keys=True)])
    return rows


def _fill(wb, r: OptimizationResult, case: Case, reference: OptimizationResult | None = None,
          run_options: dict | None = None, horizon=None) -> None:
    fmts = cell_formats(wb)
    allocation_sheet(wb, T.SHEET_ALLOCATION, r, fmts, {m.id: m.fixed_spend_eur for m in case.measures},
                     {m.id: sum(case.commitment_per_entry_eur(m)) for m in case.measures})
    field_rows = [[f.id, f.name, f.min_entries, f.planned_entries, f.entries, f.cost, f.integrations,
                   for_reader(f.min_source)]
                  for f in r.fields]
    ws = write_sheet(wb, T.SHEET_FIELDS, [("HF", 4, None), ("Bezeichnung", 26, "wrap"),
                                     ("Mindesteintritte", 18, "num"), ("Plan Eintritte", 11, "num"),
                                     ("Optimum Eintritte", 11, "num"), ("Kosten", 13, "eur"),
                                     ("Integrationen", 15, "num"), ("Herkunft des Minimums", 44, "wrap")], field_rows,
                fmts)
    totals_row(ws, field_rows, (3, 4, 5, 6), fmts, eur_columns=(5,))
    from amip.export.text import pat_note

    budget_rows = [[label, value, for_reader(how)] for label, value, how in case.budget.derivation()]
    budget_rows += [["Feste Posten (Kalkulation VJ)", r.fixed_spend, "Summe fixed_spend_eur der Maßnahmentabelle"],
                    ["PAT-Entlastung § 16i (Neufälle)", r.pat_relief, T.XL_PAT_HOW.format(note=pat_note(r) or
                                                                                          T.XL_PAT_NONE)],
                    ["Brutto verplant", r.gross_spend, "Modell"],
                    ["Netto verplant (gegen Neufallbudget)", r.budget_used, "Modell"],
                    ["Rest", r.budget_limit - r.budget_used, "Modell"]]
    write_sheet(wb, T.SHEET_BUDGET, [("Position", 44, "wrap"), ("Betrag", 16, "eur"), ("Herkunft", 86, "wrap")],
                budget_rows, fmts)
    write_constraints_sheet(wb, r, fmts)
    inputs = [["Fall", case.title], ["Szenario", r.scenario],
              ["Jahr / Regeldatei", f"{r.year} / {shown_path(case.rules.file)}"],
              ["Eingabe-Hash", r.input_hash], ["Version", r.version], ["Löser", r.solver],
              ["Zeitstempel (UTC)", r.timestamp], ["Status", T.STATUS_DE.get(r.status.value, r.status.value)],
              ["Zielwert (Integrationen)", r.objective]]
    inputs += [["Fall (Kennung)", case.name]] + [["Rahmen", for_reader(note)] for note in case.frame_notes]
    from amip.inputs.plan_workbook import EFFECT_ROW

    inputs += [[EFFECT_ROW, T.EFFECT_NAMES.get(r.effect, r.effect)]]   # read back by evaluate --plan
    inputs += _effect_summary(r)
    inputs += _recorded_inputs(r, case, run_options)
    inputs += [["", ""], ["Integrationsquoten je Maßnahme", "Quelle"]]
    inputs += [[f"{m.id}: {m.integration_rate:.3f}", for_reader(m.rate_source)] for m in case.measures]
    derived = [m for m in case.measures if m.instrument_type_derived]
    if derived:


        inputs += [["", ""], [T.INPUTS_DERIVED_HEADER, T.INPUTS_DERIVED_COLUMN]]
        inputs += [[f"{m.id}: {m.instrument_type}", f"{m.instrument} · {m.instrument_type_derived}"] for m in derived]
    if case.notes:
        inputs += [["", ""], ["Anpassungen durch das Szenario", "Schlüssel, Wirkung [Datei:Zeile; Quelle]"]]
        inputs += [[f"Anpassung {i}", note] for i, note in enumerate(case.notes, start=1)]
    write_sheet(wb, T.SHEET_INPUTS, [("Eingabe", 40, "wrap"), ("Wert / Quelle", 106, "wrap")], inputs, fmts)
    if reference is not None:
        _reference_sheet(wb, reference, fmts)
    _planning_sheet(wb, r, case, fmts)   # last: the earlier sheets keep their positions
    from amip.export.policy_excel import write_policy_sheet

    write_policy_sheet(wb, r, fmts, write_sheet)   # commitments and links (issue 14), after Planung
    from amip.export.herkunft import write_herkunft_sheet

    write_herkunft_sheet(wb, case.derivation, fmts, write_sheet)   # a derived case's origin (issue 28)
    from amip.export.years_excel import write_years_sheet

    write_years_sheet(wb, r, fmts, write_sheet, totals_row)   # integrations by year, § 48b view (issue 26)
    if horizon is not None:   # optimize --horizon N (issue 26): the multi-year plan, last
        from amip.export.horizon_excel import write_horizon_sheet

        write_horizon_sheet(wb, horizon, case, fmts, write_sheet)


def shadow_cells(dual: float | None, unit: str, r: OptimizationResult) -> list:
    """The shadow price as the terminal prints it (its value with the terminal's decimals, its unit:
    text.shadow_price); the raw dual per unit of the constraint goes to a folded column."""
    from amip.export.text import shadow_price

    value, shown_unit, places = shadow_price(dual, unit, euros=r.modes.goal is not None)
    return [None if value is None else (value, "num2" if places == 2 else "num3"), shown_unit or None]


def write_constraints_sheet(wb, r: OptimizationResult, fmts) -> None:
    """Sheet Restriktionen: every constraint with its sides, slack and shadow price in the terminal's unit
    (its key and the raw dual per € or per entry folded: the + opens them)."""
    headers = [("Bezeichnung", 20, "wrap"), ("Schlüssel", 16, "wrap"), ("Art", 12, "wrap"), ("Sinn", 5, None),
               ("Linke Seite", 11, "num"), ("Rechte Seite", 11, "num"), ("Schlupf", 11, "num"), ("Einheit", 9, "wrap"),
               ("bindend", 9, None), (T.XL_SHADOW_PRICE, 10, "num"), (T.XL_SHADOW_UNIT, 14, "wrap"),
               ("Quelle", 23, "wrap"), (T.XL_SHADOW_RAW, 15, "dual")]
    raw = len(headers) - 1
    folded = (1, raw)    # the machine key (JSON's name) and the raw dual: the + opens them
    rows = [[c.label, c.name, T.CONSTRAINT_KIND_DE.get(c.kind, c.kind), c.sense, c.lhs, c.rhs, c.slack,
             T.UNIT_DE.get(c.unit, c.unit), "ja" if c.binding else "nein", *shadow_cells(c.dual, c.unit, r), source,
             c.dual]
            for c, source in zip(r.constraints, once([for_reader(c.source) for c in r.constraints], T.XL_SAME_SOURCE),
                                 strict=True)]
    ws = write_sheet(wb, T.SHEET_CONSTRAINTS, headers, rows, fmts, folded=folded)
    for c in folded:
        ws.set_column(c, c, headers[c][1], fmts[headers[c][2]], {"level": 1, "hidden": True})
    ws.set_row(0, header_height([h for c, h in enumerate(headers) if c not in folded]))


def _planning_sheet(wb, r: OptimizationResult, case: Case, fmts) -> None:
    """Money bound in later years per measure, the targets, target groups, staff and the mode's report."""
    from amip.models.planning import STAFF_CLASSES

    years = list(r.commitments.get("years", {}))
    rows: list[list] = [["Vorbindungen (Geld der Neueintritte in Folgejahren, netto nach PAT)", None, None]
                        + [None] * 2]
    rows.append(["Summe", None, None] + [r.commitments["years"][y] for y in years])
    prices = r.commitments.get("prices", {})
    for y, lim in r.commitments.get("limits", {}).items():
        rows.append([f"Verpflichtungsermächtigung {y}", for_reader(lim["source"]), None]
                    + [lim["limit"] if yy == y else None for yy in years])
        p = prices.get(y)
        if p is not None and p.get("price_integrations") is not None:
            rows.append([T.XL_LIMIT_PRICE.format(year=y), T.XL_BINDS if p["binding"] else T.XL_BINDS_NOT,
                         (p["price_integrations"], "num")] + [None] * len(years))
    for mid, per in r.commitments.get("per_measure", {}).items():
        mp = case.planning.of(mid)
        rows.append([mid, for_reader(mp.duration_source), mp.duration_months] + [per[y] for y in years])
    rows.append([None] * (3 + len(years)))
    rows.append([T.TARGETS_HEAD, "Einheit", None] + [None] * len(years))
    rows += [[v["label"], T.UNIT_DE.get(v["unit"], v["unit"]), v["value"]] + [None] * len(years)
             for v in r.targets.values()]
    for g in r.groups.values():
        rows.append([f"Zielgruppe {g['label']}: Anteil an Eintritten", for_reader(g["limit_basis"]) or "kein Minimum",
                     (g["share"], "pct")] + [None] * len(years))
    for st in r.staff:
        rows.append([f"Steuerungskapazität {STAFF_CLASSES.get(st['class'], st['class'])}: Eintritte / Kapazität",
                     for_reader(st["source"]), (st["entries"], "num")] + [(st["capacity"], "num")]
                    + [None] * (len(years) - 1))
    if r.modes.integer is not None:
        i = r.modes.integer
        rows += [["Ganze Plätze: MILP-Optimum", "LP-Schranke, MIP-Gap, gerundeter LP-Plan", i.objective,
                  i.lp_bound, i.mip_gap, None if i.rounded_lp is None else i.rounded_lp.objective]]
    if r.modes.goal is not None:
        g = r.modes.goal
        rows += [[f"Ziel {g.target} ≥ {g.minimum:g}: geringste Netto-Ausgabe / Grenzkosten", "EUR",
                  g.cost_eur, g.marginal_cost_eur] + [None] * (len(years) - 1)]
    width = max(len(row) for row in rows)
    rows = [row + [None] * (width - len(row)) for row in rows]
    headers = [("Position", 36, "wrap"), ("Quelle / Einheit", 50, "wrap"), ("Monate / Wert", 12, "num")]
    headers += [(y, 14, "eur") for y in years] + [("", 12, None)] * (width - 3 - len(years))
    write_sheet(wb, "Planung", headers, rows, fmts)


# --------------------------------------------------------------------------- comparison workbook
def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique worksheet name: ≤ 31 characters, none of []:*?/\\, case-insensitively unique."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'")[:31] or "Szenario"
    candidate, i = base, 2
    while candidate.lower() in used:
        suffix = f"~{i}"
        candidate, i = base[:31 - len(suffix)] + suffix, i + 1
    used.add(candidate.lower())
    return candidate


def _fill_compare(wb, cmp: Comparison) -> None:
    fmts = cell_formats(wb)
    names, ref = cmp.names, cmp.names[0]
    others = names[1:]
    used = {"vergleich", "vergleich maßnahmen"}
    ws = wb.add_worksheet("Vergleich")
    # ≈ 18 + 20 + 8 × 12 characters for two scenarios (layout.PRINT_WIDTH): one page wide at ≥ 8 pt; labels wrap
    last_col = max(2 + len(names) - 1, 2 + 3 * len(names) + 2 * len(others) - 1)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 20)
    ws.set_column(2, last_col, 13)
    ws.write_string(0, 0, f"Szenarienvergleich · Δ gegen {ref}", fmts["title"])

    # Summary: one column per scenario.
    r = 2
    ws.write_string(r, 0, "Kennzahl", fmts["head"])
    ws.write_blank(r, 1, None, fmts["head"])
    for j, name in enumerate(names):
        ws.write_string(r, 2 + j, name, fmts["head"])
    ws.set_row(r, header_height([(n, 13, None) for n in names]))
    summary = cmp.summary()
    lines = [("Erwartete Integrationen", "integrations", "num"), ("Δ Integrationen", "delta_integrations", "num"),
             ("Δ Integrationen in %", "delta_pct", "num"), ("Neufallbudget", "budget_limit", "eur"),
             ("verplant (netto)", "budget_used", "eur"), ("PAT-Entlastung", "pat_relief", "eur"),
             ("Eintritte", "entries", "num")]
    # a label spans the columns A and B (38 characters): in A alone 'Erwartete Integrationen' took two lines in
    # a row of one and ran into the next row's label
    for label, key, fmt in lines:
        r += 1
        ws.merge_range(r, 0, r, 1, label, fmts["wrap"])
        for j, row in enumerate(summary):
            write_cell(ws, r, 2 + j, row[key], whole_format(fmts, fmt, row[key]))
    if all(res.effects for res in cmp.results):   # each plan in all three effect measures
        for e in EFFECTS:
            r += 1
            ws.merge_range(r, 0, r, 1, T.EFFECT_LONG[e], fmts["wrap"])
            ws.set_row(r, row_height([(T.EFFECT_LONG[e], 38)]))
            for j, res in enumerate(cmp.results):
                write_cell(ws, r, 2 + j, res.effects[e]["value"], fmts["num"])
        for key, label in (("p5", "P5"), ("p95", "P95")):
            r += 1
            ws.merge_range(r, 0, r, 1, f"{T.EFFECT_LONG['net']}, {label}", fmts["wrap"])
            ws.set_row(r, row_height([(f"{T.EFFECT_LONG['net']}, {label}", 38)]))
            for j, res in enumerate(cmp.results):
                write_cell(ws, r, 2 + j, res.effects["net"].get(key), fmts["num"])
    # What binds, by its German name, one row per scenario across the table's width (a list does not fit
    # a number column).
    # across the columns of the first printed page only (with many scenarios the sheet prints on pages side by side)
    text_end = min(last_col, 1 + int((PRINT_WIDTH - 18 - 20) // 13))
    width = 20 + 13 * (text_end - 1)
    for row, res, name in zip(summary, cmp.results, names, strict=True):
        r += 1
        text = T.XL_COMPARE_BINDING.format(names=", ".join(cmp.binding_labels(res)) or "–",
                                           bounds=cmp.bounds_at_limit(res))
        ws.write_string(r, 0, f"Bindende Restriktionen {name}", fmts["wrap"])
        ws.merge_range(r, 1, r, text_end, text, fmts["wrap"])
        ws.set_row(r, row_height([(text, width), (f"Bindende Restriktionen {name}", 18)]))

    # Fields: entries, cost, integrations per scenario; deltas against the reference.
    r += 3
    ws.write_string(r - 1, 0, "Handlungsfelder", fmts["bold"])
    head = ["HF", "Bezeichnung"] + [f"Integr. {n}" for n in names] \
        + [f"Eintritte {n}" for n in names] + [f"Kosten {n}" for n in names] \
        + [f"Δ Integr. {n}" for n in others] + [f"Δ Kosten {n}" for n in others]
    for c, h in enumerate(head):
        ws.write_string(r, c, h, fmts["head"])
    ws.set_row(r, header_height([(h, 18 if c == 0 else 20 if c == 1 else 13, None) for c, h in enumerate(head)]))
    field_rows = cmp.field_rows()
    first_field_row = r + 1
    for f in field_rows:
        r += 1
        cells = [f["id"], f["name"]] + [(f["by_scenario"][n]["integrations"], "num") for n in names] \
            + [(f["by_scenario"][n]["entries"], "num") for n in names] \
            + [(f["by_scenario"][n]["cost"], "eur") for n in names] \
            + [(f["by_scenario"][n]["delta_integrations"], "num") for n in others] \
            + [(f["by_scenario"][n]["delta_cost"], "eur") for n in others]
        for c, cell in enumerate(cells):
            value, fmt = cell if isinstance(cell, tuple) else (cell, "wrap")
            write_cell(ws, r, c, value, whole_format(fmts, fmt, value))
        ws.set_row(r, row_height([(f["name"], 20)]))
    last_field_row = r

    # A native chart: integrations per field, one series per scenario; horizontal bars, so the fields' names
    # stand whole at the left and no label runs into a bar.
    chart = wb.add_chart({"type": "bar"})
    for j, name in enumerate(names):
        chart.add_series({"name": name,   # labelled by the fields' names (column B), not their ids
                          "categories": ["Vergleich", first_field_row, 1, last_field_row, 1],
                          "values": ["Vergleich", first_field_row, 2 + j, last_field_row, 2 + j]})
    chart.set_title({"name": "Erwartete Integrationen je Handlungsfeld", "name_font": CHART_TITLE_FONT})
    chart.set_x_axis({"name": "Integrationen", "num_format": "#,##0", "num_font": CHART_FONT, "name_font": CHART_FONT})
    chart.set_y_axis({"reverse": True, "label_position": "low", "num_font": CHART_FONT})
    chart.set_legend({"position": "bottom", "font": CHART_FONT})
    chart.set_size({"width": 560, "height": 60 * len(field_rows) + 140})
    ws.insert_chart(r + 2, 0, chart)

    # The measures whose funding moves most, with a bar chart of the cost deltas.
    movers = cmp.movers()
    r += 4 + (60 * len(field_rows) + 140) // 20
    ws.write_string(r - 1, 0, "Größte Verschiebungen (Kosten gegenüber " + ref + ")", fmts["bold"])
    head = ["Maßnahme", "Bezeichnung"] + [f"Δ Kosten {n}" for n in others] + [f"Δ Eintritte {n}" for n in others]
    for c, h in enumerate(head):
        ws.write_string(r, c, h, fmts["head"])
    ws.set_row(r, header_height([(h, 18 if c == 0 else 20 if c == 1 else 13, None) for c, h in enumerate(head)]))
    first_mover_row = r + 1
    for m in movers:
        r += 1
        cells = [m["id"], m["name"]] + [(m["by_scenario"][n]["delta_cost"], "eur") for n in others] \
            + [(m["by_scenario"][n]["delta_entries"], "num") for n in others]
        for c, cell in enumerate(cells):
            value, fmt = cell if isinstance(cell, tuple) else (cell, "wrap")
            write_cell(ws, r, c, value, whole_format(fmts, fmt, value))
        ws.set_row(r, row_height([(m["name"], 20), (m["id"], 18)]))
    if movers and others:
        bar = wb.add_chart({"type": "bar"})
        for j, name in enumerate(others):
            bar.add_series({"name": f"Δ Kosten {name}",
                            "categories": ["Vergleich", first_mover_row, 1, r, 1],
                            "values": ["Vergleich", first_mover_row, 2 + j, r, 2 + j]})
        bar.set_title({"name": f"Größte Verschiebungen gegenüber {ref}", "name_font": CHART_TITLE_FONT})
        bar.set_x_axis({"name": "Δ Kosten (€)", "num_format": '#,##0 "€"', "num_font": CHART_FONT,
                        "name_font": CHART_FONT})
        bar.set_y_axis({"reverse": True, "label_position": "low", "num_font": CHART_FONT})   # names left of the bars
        bar.set_legend({"position": "bottom", "font": CHART_FONT})
        bar.set_size({"width": 560, "height": 40 * len(movers) + 120})
        ws.insert_chart(r + 2, 0, bar)

    # Every measure side by side.
    # ≈ 43 + 35 per scenario + 35 per other (layout.PRINT_WIDTH for two scenarios); the rates are folded
    headers = [("Maßnahme-ID", 15, "wrap"), ("HF", 4, None), ("Maßnahme", 18, "wrap")]
    headers += [(f"Quote {n}", 8, "rate") for n in names] + [(f"Eintritte {n}", 11, "num") for n in names]
    headers += [(f"Kosten {n}", 13, "eur") for n in names] + [(f"Integr. {n}", 11, "num") for n in names]
    headers += [(f"Δ Eintritte {n}", 11, "num") for n in others] + [(f"Δ Kosten {n}", 13, "eur") for n in others]
    headers += [(f"Δ Integr. {n}", 11, "num") for n in others]
    rows = []
    for m in cmp.measure_rows():
        b = m["by_scenario"]
        rows.append([m["id"], m["field"], m["name"]] + [b[n]["rate"] for n in names]
                    + [b[n]["entries"] for n in names] + [b[n]["cost"] for n in names]
                    + [b[n]["integrations"] for n in names] + [b[n]["delta_entries"] for n in others]
                    + [b[n]["delta_cost"] for n in others] + [b[n]["delta_integrations"] for n in others])
    ws = write_sheet(wb, "Vergleich Maßnahmen", headers, rows, fmts, folded=tuple(range(3, 3 + len(names))))
    ws.set_column(3, 2 + len(names), 8, fmts["rate"], {"level": 1, "hidden": True})   # the rates, folded (+ opens)
    ws.set_row(0, header_height([h for c, h in enumerate(headers) if not 3 <= c <= 2 + len(names)]))

    # One allocation sheet per scenario.
    for name, res in zip(names, cmp.results, strict=True):
        allocation_sheet(wb, sheet_name(name, used), res, fmts)


def write_compare_excel(cmp: Comparison, path: Path, *, force: bool = False) -> Path:
    """The comparison workbook, written atomically like write_excel."""
    r0 = cmp.reference
    footer = footer_for(r0.case_name, " / ".join(cmp.names), r0.timestamp, r0.input_hash)
    return write_workbook(Path(path), lambda wb: _fill_compare(wb, cmp), force=force, footer=footer)


def _constraint_words(name: str, labels: dict[str, str]) -> str:
    """A constraint by its German name, as the terminal and the sensitivity table give it ('Zusage: AGH im
    Korridor ± 15 % um die Planung'; the key policy__agh_korridor__min stays in JSON); a key without a row
    of the case: 'field_min__hf1' → 'Mindesteintritte HF1'."""
    if name in labels:
        return labels[name]
    kind, _, key = name.partition("__")
    words = {"budget": T.CON_BUDGET, "field_min": T.CON_FIELD_MIN.format(field=key.upper()),
             "pool": T.CON_POOL.format(pool=key), "upper": T.CON_UPPER.format(measure=key),
             "lower": T.CON_LOWER.format(measure=key)}.get(kind)
    return words or (T.CONSTRAINT_KIND_DE.get(kind, kind) + " " + key).strip()


def write_diagnosis_excel(diagnosis: dict, case: Case, path: Path, *, force: bool = False, meta: dict) -> Path:
    """An infeasible run's report: the conflicting constraints, what they need, the smallest changes."""
    from amip.models.check import constraint_rows

    labels = {row.name: row.label for row in constraint_rows(case, {})}

    def fill(wb) -> None:
        fmts = cell_formats(wb)
        rows = [["Status", T.XL_DIAG_STATUS]]
        rows += [["Konflikt", _constraint_words(name, labels)] for name in diagnosis["conflicts"]]
        rows += [["Befund", f] for f in diagnosis["findings"]]
        rows += [[T.XL_DIAG_CHANGES, diagnosis["changes_head"]]] if diagnosis.get("changes_head") else []
        rows += [["Kleinste Änderung", c["message"]] for c in diagnosis["changes"]]
        write_sheet(wb, "Diagnose", [("Art", 20, None), ("Text", 106, "wrap")], rows, fmts)
        write_sheet(wb, "Änderungen", [("Restriktion", 26, "wrap"), ("Art", 13, None), ("Einheit", 10, None),
                                  ("heute", 13, "num"), ("nötig", 13, "num"), (T.XL_DIAG_ALONE, 9, None),
                                  (T.XL_DIAG_ALONE_NEED, 13, "num"), ("Text", 60, "wrap")],
               [[_constraint_words(c["constraint"], labels), T.CONSTRAINT_KIND_DE.get(c["kind"], c["kind"]),
                 T.UNIT_DE.get(c["unit"], c["unit"]), c["current"], c["needed"],
                 T.XL_YES_NO[bool(c.get("alone_feasible"))],
                 T.XL_DIAG_NONE if c.get("alone_needed") is None else c["alone_needed"], c["message"]]
                for c in diagnosis["changes"]], fmts)
        inputs = [[T.META_DE.get(k, k), T.STATUS_DE.get(v, v) if k == "status" else v] for k, v in meta.items()]
        inputs += [[f"Datei: {T.ROLE_DE.get(role, role)}", path_text(p)] for role, p in case.files.items()]
        inputs += [[f"Anpassung {i}", for_reader(note)] for i, note in enumerate(case.notes, start=1)]
        write_sheet(wb, T.SHEET_INPUTS, [("Eingabe", 30, None), ("Wert / Quelle", 106, "wrap")], inputs, fmts)

    footer = footer_for(case.name, str(meta.get("scenario", meta.get("Szenario", ""))), str(meta.get("timestamp", "")),
                        str(meta.get("input_hash", meta.get("Eingabe-Hash", ""))))
    return write_workbook(Path(path), fill, force=force, footer=footer)


def write_excel(result: OptimizationResult, case: Case, path: Path, *, force: bool = False,
                run_options: dict | None = None, horizon=None) -> Path:
    """Write the workbook atomically: to a temporary file beside it, then rename. An optimum also
    gets its protected Referenz sheet, so the plan can be edited and scored back (`evaluate --plan`)."""
    reference = result if result.is_optimal else None
    return write_workbook(Path(path), lambda wb: _fill(wb, result, case, reference, run_options, horizon), force=force,
                           footer=_footer(result))


def _footer(r: OptimizationResult) -> str:
    return footer_for(r.case_name, r.scenario, r.timestamp, r.input_hash)


def write_plan_excel(rt, case: Case, path: Path, *, reference: OptimizationResult | None = None,
                     force: bool = False, run_options: dict | None = None) -> Path:
    """A scored edited plan (amip.optimizer.roundtrip.RoundTrip): the usual sheets, its changes against
    the reference optimum, and every violated constraint."""
    def fill(wb) -> None:
        _fill(wb, rt.result, case, run_options=run_options)
        fmts = cell_formats(wb)
        write_sheet(wb, "Änderungen", [("Maßnahme-ID", 30, None), ("Maßnahme", 44, None),
                                  ("Neueintritte Optimum", 14, "num"),
                                  ("Neueintritte Plan", 14, "num"), ("Δ Eintritte", 12, "num"),
                                  ("Δ Integrationen", 12, "num"), ("Δ Kosten", 14, "eur"), ("Zelle", 14, None)],
               [[c["id"], c["name"], c["reference_new_entries"], c["new_entries"], c["delta_entries"],
                 c["delta_integrations"], c["delta_cost"], c["cell"]] for c in rt.changes], fmts)
        write_sheet(wb, "Verletzungen", [("Restriktion", 36, None), ("Betrag", 16, "num"), ("Einheit", 10, None),
                                    ("Text", 100, None)],
               [[v["constraint"], v["amount"], T.UNIT_DE.get(v["unit"], v["unit"]), v["message"]]
                for v in rt.result.violations], fmts)

    return write_workbook(Path(path), fill, force=force, footer=_footer(rt.result))
