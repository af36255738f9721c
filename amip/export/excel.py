"""Excel export: sheets Allocation, Fields, Budget, Constraints and Inputs, with German headers,
euro formats, frozen headers and autofilters. Text is always written as text, never as a formula."""
from __future__ import annotations

from pathlib import Path

from amip.export.files import atomic_write
from amip.models import Case
from amip.optimizer.result import OptimizationResult

EUR = '#,##0 "€"'
EUR2 = '#,##0.00 "€"'
NUM = "#,##0.0"
RATE = "0.0%"


def _sheet(wb, name: str, headers: list[tuple[str, int, str | None]], rows: list[list], fmts: dict):
    ws = wb.add_worksheet(name)
    for c, (title, width, fmt) in enumerate(headers):
        ws.write_string(0, c, title, fmts["head"])
        ws.set_column(c, c, width, fmts[fmt] if fmt else None)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            fmt = fmts[headers[c][2]] if headers[c][2] else None
            if value is None:
                ws.write_blank(r, c, None, fmt)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value, fmt)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, float(value), fmt)
            else:
                ws.write_string(r, c, str(value), fmt)   # never a formula, whatever it starts with
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    return ws


def _fill(wb, r: OptimizationResult, case: Case) -> None:
    fmts = {"head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"}),
            "eur": wb.add_format({"num_format": EUR}), "eur2": wb.add_format({"num_format": EUR2}),
            "num": wb.add_format({"num_format": NUM}), "rate": wb.add_format({"num_format": RATE}),
            "text": wb.add_format({})}
    _sheet(wb, "Allocation", [
        ("Maßnahme-ID", 30, None), ("Handlungsfeld", 8, None), ("Maßnahme", 48, None), ("Instrument", 36, None),
        ("Produktkategorie", 10, None), ("Budgetbasis", 11, None), ("Netto-Kosten je Eintritt", 14, "eur2"),
        ("Brutto-Kosten je Eintritt", 14, "eur2"), ("PAT je Eintritt", 11, "eur2"), ("Integrationsquote", 10, "rate"),
        ("Quote geschätzt", 9, None), ("Untergrenze Eintritte", 11, "num"), ("Obergrenze Eintritte", 11, "num"),
        ("Plan Eintritte", 11, "num"), ("Optimum Eintritte", 11, "num"), ("davon neu", 11, "num"),
        ("davon vorgebunden", 11, "num"), ("Kosten (Neufallbudget)", 16, "eur"), ("Integrationen", 12, "num"),
        ("Reduzierte Kosten (Integr. je Eintritt)", 14, "num")],
        [[m.id, m.field, m.name, m.instrument, m.product_category, m.budget_basis, m.cost_per_entry,
          m.gross_cost_per_entry, m.pat_relief_per_entry, m.rate, "ja" if m.rate_is_estimate else "nein", m.lower,
          m.upper, m.planned_entries, m.entries, m.new_entries, m.prebought_entries, m.cost, m.integrations,
          m.reduced_cost] for m in r.measures], fmts)
    _sheet(wb, "Fields", [("Handlungsfeld", 10, None), ("Bezeichnung", 60, None), ("Mindesteintritte", 14, "num"),
                          ("Plan Eintritte", 12, "num"), ("Optimum Eintritte", 12, "num"), ("Kosten", 16, "eur"),
                          ("Integrationen", 12, "num"), ("Herkunft des Minimums", 80, None)],
           [[f.id, f.name, f.min_entries, f.planned_entries, f.entries, f.cost, f.integrations, f.min_source]
            for f in r.fields], fmts)
    budget_rows = [[label, value, how] for label, value, how in case.budget.derivation()]
    budget_rows += [["Feste Posten (Kalkulation VJ)", r.fixed_spend, "Summe fixed_spend_eur der Maßnahmentabelle"],
                    ["PAT-Entlastung § 16i (Neufälle)", r.pat_relief, "Modell; Obergrenze laut Falldatei"],
                    ["Brutto verplant", r.gross_spend, "Modell"],
                    ["Netto verplant (gegen Neufallbudget)", r.budget_used, "Modell"],
                    ["Rest", r.budget_limit - r.budget_used, "Modell"]]
    _sheet(wb, "Budget", [("Position", 56, None), ("Betrag", 18, "eur"), ("Herkunft", 60, None)], budget_rows, fmts)
    _sheet(wb, "Constraints", [("Name", 36, None), ("Art", 10, None), ("Bezeichnung", 48, None), ("Sinn", 5, None),
                               ("Linke Seite", 16, "num"), ("Rechte Seite", 16, "num"), ("Schlupf", 14, "num"),
                               ("Einheit", 8, None), ("bindend", 8, None), ("Schattenpreis", 14, None),
                               ("Quelle", 60, None)],
           [[c.name, c.kind, c.label, c.sense, c.lhs, c.rhs, c.slack, c.unit, "ja" if c.binding else "nein", c.dual,
             c.source] for c in r.constraints], fmts)
    inputs = [["Fall", case.title], ["Szenario", r.scenario], ["Jahr / Regeldatei", f"{r.year} / {case.rules.file}"],
              ["Eingabe-Hash", r.input_hash], ["Version", r.version], ["Löser", r.solver],
              ["Zeitstempel (UTC)", r.timestamp], ["Status", r.status.value], ["Zielwert (Integrationen)", r.objective]]
    inputs += [[f"Datei: {role}", path] for role, path in case.files.items()]
    inputs += [["", ""], ["Integrationsquoten je Maßnahme", "Quelle"]]
    inputs += [[f"{m.id}: {m.integration_rate:.3f}", m.rate_source] for m in case.measures]
    _sheet(wb, "Inputs", [("Eingabe", 48, None), ("Wert / Quelle", 110, None)], inputs, fmts)


def write_excel(result: OptimizationResult, case: Case, path: Path, *, force: bool = False) -> Path:
    """Write the workbook atomically: to a temporary file beside it, then rename."""
    import xlsxwriter

    def write(tmp: Path) -> None:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
        _fill(wb, result, case)
        wb.close()

    return atomic_write(Path(path), write, force=force)
