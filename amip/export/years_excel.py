"""The sheet 'Integrationen nach Jahr' of a plan workbook (issue 26): each measure's integrations of the
entry cohort split by the year they happen, with a totals row, and under it the § 48b view (the plan's
contribution to the year's Integrationsquote beside the published one, with their sources)."""
from __future__ import annotations

from amip import texts as T
from amip.export.text import render_years
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
    """The § 48b block: (label, value, source) rows; the terminal's sentences (not its source lines,
    which stand in the rows) as the last rows."""
    q = result.integration_quota
    if not q:
        return []
    rows: list[list] = [[T.XL_QUOTA_HEAD, None, None]]
    rows.append([T.XL_QUOTA_IN_YEAR.format(year=q["year"]), q["integrations_in_year"], T.XL_QUOTA_COUNT])
    if q.get("elb") is not None:
        rows.append([T.XL_QUOTA_ELB, q["elb"], for_reader(q["elb_source"])])
        rows.append([T.XL_QUOTA_SHARE.format(year=q["year"]), (q["quota"], "pct"), T.XL_QUOTA_BASIS])
    if q.get("published_quota") is not None:
        rows.append([T.XL_QUOTA_PUBLISHED, (q["published_quota"], "pct"),
                     for_reader(q["published_basis"]) + ": " + for_reader(q["published_source"])])
    rows += [[line, None, None] for line in render_years(result) if not line.startswith(" ")]   # the sentences
    return rows


def write_years_sheet(wb, result, fmts, sheet, totals_row) -> None:
    """Appends the sheet (``sheet`` is xlsx.write_sheet, ``totals_row`` excel.totals_row); nothing
    without a split."""
    if not result.integrations_by_year:
        return
    labels, rows = years_rows(result)
    headers = [("Maßnahme-ID", 19, "wrap"), ("HF", 4, None), ("Maßnahme", 24, "wrap"),
               (T.XL_YEARS_COHORT.format(year=result.year), 16, "num")]
    headers += [(year_header(y), 12, "num") for y in labels]
    ws = sheet(wb, T.SHEET_YEARS, headers, rows, fmts)
    totals_row(ws, rows, range(3, 4 + len(labels)), fmts)
    start = len(rows) + 3
    for k, (label, value, source) in enumerate(quota_rows(result)):
        ws.write_string(start + k, 0, label)
        if isinstance(value, tuple):
            ws.write_number(start + k, 3, value[0], fmts["pct"])
        elif value is not None:
            ws.write_number(start + k, 3, value, fmts["num"])
        if source:
            ws.write_string(start + k, 4, source)
