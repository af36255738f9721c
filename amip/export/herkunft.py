"""Where a derived case comes from, wherever it is shown (issue 28): the Excel sheet 'Herkunft' of a
plan workbook and the box on the Vorlage's first page (its words; the template piece is
templates/herkunft_box.html.j2). Both read ``Case.derivation`` only: the
template case, the scale of its catalogue, each estimated or set frame value with its source and
where the planner finds the own figure, and what is carried from the template."""
from __future__ import annotations

from amip import texts as T
from amip.models.case import Derivation
from amip.models.frame import ratio_text
from amip.models.sources import for_reader


def herkunft_rows(d: Derivation) -> list[list]:
    """Rows of the sheet Herkunft (columns T.HERKUNFT_COLUMNS)."""
    rows: list[list] = [[T.HERKUNFT_TEMPLATE, d.template, T.HERKUNFT_TEMPLATE_WHY, ""],
                        [T.HERKUNFT_SCALE, ratio_text(d.scale) if d.scale else "–", T.HERKUNFT_SCALE_WHY, ""]]
    rows += [[label, value, for_reader(source), for_reader(where)] for label, value, source, where in d.estimated]
    rows += [[T.HERKUNFT_CARRIED, text, "", ""] for text in d.carried]
    return rows


def write_herkunft_sheet(wb, d: Derivation | None, fmts, sheet) -> None:
    """Appends the sheet (``sheet`` is excel._sheet); nothing for the planner's own case."""
    if d is None:
        return
    headers = list(zip(T.HERKUNFT_COLUMNS, (40, 22, 90, 60), (None, None, None, None), strict=True))
    sheet(wb, T.SHEET_HERKUNFT, headers, herkunft_rows(d), fmts)


def box_content(d: Derivation | None) -> dict | None:
    """What the box on the Vorlage's first page says (templates/herkunft_box.html.j2): what is derived,
    what is estimated, what to replace (the values that share where to find them in one line); None
    for the planner's own case."""
    if d is None:
        return None
    by_where: dict[str, list[str]] = {}
    for label, _, _, where in d.estimated:
        if where:
            by_where.setdefault(where, []).append(label)
    return {"head": T.VORLAGE_DERIVED_HEAD.format(template=d.template, scale=ratio_text(d.scale) if d.scale else "–"),
            "carried": list(d.carried),
            "estimated": " · ".join(f"{label} {value}" for label, value, *_ in d.estimated),
            "replace": [f"{', '.join(labels)}: {where}" for where, labels in by_where.items()]}
