"""The sheet 'Mehrjahresplan' of a workbook of ``optimize --horizon N`` (issue 26 item 4): per year its
budget, the cohorts' money and integrations, what 100.000 € more of its money bring (the money row's dual,
with the interval where it holds); per measure the new entries of each cohort and the first
year against the one-year optimum; what the cohorts bind after the horizon; the notes."""
from __future__ import annotations

from amip import texts as T
from amip.models.sources import for_reader  # seed lines and section numbers as source names


def _price_cells(row: dict) -> list:
    """A money row's price per 100.000 € and the interval where it holds (empty with whole entries)."""
    return [row.get("shadow_price_per_100k_eur"), row.get("shadow_price_valid_from_eur"),
            row.get("shadow_price_valid_to_eur")]


def horizon_rows(plan, case) -> tuple[list, list[list]]:
    """(headers, rows): the year block, then the measures (entries per cohort), after the horizon, notes."""
    years = plan.years
    n = len(years)
    # euro columns 13 wide ('35.085.957 €' takes 12 characters); with the three price columns wider than a page:
    # printed at 75 % on pages side by side (xlsx.print_setup), never under 8 pt
    heads = [(T.HORIZON_HEAD[0], 14, "wrap"), ("EGT", 13, "eur"), ("Vorbindungen", 13, "eur"),
             ("feste Posten", 13, "eur"), ("verfügbar", 13, "eur"), ("Kasse Jahrgänge", 13, "eur"),
             ("frei", 13, "eur"), ("Integrationen im Jahr", 13, "num"), ("Integrationen des Jahrgangs", 13, "num"),
             ("Quelle", 28, "wrap"), (T.HORIZON_XL_PRICE, 13, "num"), (T.HORIZON_XL_PRICE_FROM, 13, "eur"),
             (T.HORIZON_XL_PRICE_TO, 13, "eur")]
    rows: list[list] = []
    for y in years:
        rows.append([str(y["year"]), y["egt_eur"], y["prior_commitments_eur"], y["fixed_eur"], y["available_eur"],
                     y["new_cash_eur"], y["free_eur"] if abs(y["free_eur"]) >= 0.5 else 0.0,
                     y["integrations_in_year"], y["cohort_integrations"],
                     for_reader(f"EGT: {y['egt_source']}; Vorbindungen: {y['prior_commitments_source']}")]
                    + _price_cells(y))
    for a in plan.after:
        rows.append([T.HORIZON_XL_AFTER.format(year=a["year"]), None, None, None, a["limit_eur"], a["cash_eur"],
                     max(0.0, round(a["limit_eur"] - a["cash_eur"], 2)), None, None,
                     T.HORIZON_XL_LIMIT.format(orig=a["limit_of_year"])] + _price_cells(a))
    rows.append([T.HORIZON_XL_TOTAL, None, None, None, None, None, None, plan.integrations_after,
                 plan.objective, T.HORIZON_XL_TOTAL_HOW])
    rows.append([None] * len(heads))
    # the measures: new entries of each cohort (one column per year), the one-year optimum, the difference
    rows.append([T.HORIZON_XL_MEASURES] + [(str(y["year"]), "text") for y in years]
                + [(T.HORIZON_XL_ONE_YEAR, "text"), (T.HORIZON_XL_DELTA_EUR, "text")]
                + [None] * (len(heads) - n - 3))
    diff = {d["id"]: d for d in plan.differences or ()}
    for mid in plan.plans[0]:
        d = diff.get(mid)
        cells = [(p.get(mid, 0.0), "num") for p in plan.plans]
        cells += [(d["one_year_entries"], "num") if d else None, (d["delta_eur"], "eur") if d else None]
        rows.append([f"{mid}: {case.measure(mid).name}"] + cells + [None] * (len(heads) - n - 3))
    rows.append([None] * len(heads))
    source = [h[0] for h in heads].index("Quelle")   # the notes stand in the column of the sources
    rows += [[T.HORIZON_XL_NOTE] + [None] * (source - 1) + [for_reader(note)] for note in plan.notes]
    return heads, rows


def write_horizon_sheet(wb, plan, case, fmts, sheet) -> None:
    """Appends the sheet (``sheet`` is xlsx.write_sheet)."""
    heads, rows = horizon_rows(plan, case)
    sheet(wb, T.HORIZON_SHEET, heads, rows, fmts)
