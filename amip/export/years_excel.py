"""The sheets 'Integrationen nach Jahr' and 'Integrationsquote' of a plan workbook (issue 26): each
measure's integrations of the entry cohort split by the year they happen, with a totals row; and the
§ 48b view (the plan's contribution to the year's Integrationsquote beside the published one, with
their sources)."""
from __future__ import annotations

from amip import texts as T
from amip.models.sources import for_reader  # seed lines and section numbers as source names


def year_header(label: str) -> str:
    """'2021' → 'im Jahr 2021'; '2023+' → '2023 und später'."""
    return T.XL_YEARS_LATER.format(year=label[:-1]) if label.endswith("+") else T.TAB_IN_YEAR.format(year=label)


def years_rows(result) -> tuple[list[str], list[list]]:
    """(year labels, one row per measure with integrations: id, HF, name, cohort total, each year)."""
    labels = list(result.integrations_by_year)
    rows = [[m.id, m.field, m.name, m.integrations] + [m.integrations_by_year.get(y, 0.0) for y in labels]
            for m in result.measures if m.integrations]
    return labels, rows


def quota_rows(result) -> list[list]:
    """The § 48b rows: (label, value, source); a share as (value, "pct")."""
    q = result.integration_quota
    if not q:
        return []
    rows: list[list] = [[T.XL_QUOTA_IN_YEAR.format(year=q["year"]), q["integrations_in_year"], T.XL_QUOTA_COUNT]]
    rows += [[T.XL_QUOTA_BY_YEAR.format(year=year_header(y)), v, T.XL_QUOTA_COUNT] for y, v in q["by_year"].items()
             if y != str(q["year"])]
    if q.get("elb") is None:
        rows.append([T.XL_QUOTA_ELB, None, T.FRAME_HELP["kennzahlen.elb_average"][2]])
        return rows
    rows.append([T.XL_QUOTA_ELB, q["elb"], for_reader(q["elb_source"])])
    rows.append([T.XL_QUOTA_SHARE.format(year=q["year"]), (q["quota"], "pct"), T.XL_QUOTA_BASIS])
    if q.get("published_quota") is not None:
        rows.append([T.XL_QUOTA_PUBLISHED, (q["published_quota"], "pct"),
                     for_reader(q["published_basis"]) + ": " + for_reader(q["published_source"])])
    return rows


def write_years_sheet(wb, result, fmts, sheet, totals_row) -> None:
    """Appends the sheets 'Integrationen nach Jahr' and 'Integrationsquote' (``sheet`` is
    xlsx.write_sheet, ``totals_row`` excel.totals_row); nothing without a split."""
    if not result.integrations_by_year:
        return
    labels, rows = years_rows(result)
    headers = [("Maßnahme-ID", 19, "wrap"), ("HF", 4, None), ("Maßnahme", 24, "wrap"),
               (T.XL_YEARS_COHORT.format(year=result.year), 16, "num")]
    headers += [(year_header(y), 12, "num") for y in labels]
    ws = sheet(wb, T.SHEET_YEARS, headers, rows, fmts)
    totals_row(ws, rows, range(3, 4 + len(labels)), fmts)
    quota = quota_rows(result)
    if quota:   # like the Budget sheet: 44 + 14 + 86 characters, one page wide
        sheet(wb, T.SHEET_QUOTA, [("Position", 44, "wrap"), ("Wert", 14, "num"), ("Herkunft", 86, "wrap")],
              quota, fmts)
