"""Where a derived case comes from, wherever it is shown (issue 28): the Excel sheet 'Herkunft' of a
plan workbook and the box on the Vorlage's first page. Both read ``Case.derivation`` only: the
template case, the scale of its catalogue, each estimated or set frame value with its source and
where the planner finds the own figure, and what is carried from the template."""
from __future__ import annotations

from html import escape

from amip import texts as T
from amip.models.case import Derivation
from amip.models.frame import ratio_text
from amip.models.sources import for_reader


def herkunft_rows(d: Derivation) -> list[list]:
    """Rows of the sheet Herkunft (columns T.HERKUNFT_COLUMNS)."""
    rows: list[list] = [[T.HERKUNFT_TEMPLATE, d.template, T.HERKUNFT_TEMPLATE_WHY, ""],
                        [T.HERKUNFT_SCALE, ratio_text(d.scale) if d.scale else "–", T.HERKUNFT_SCALE_WHY, ""]]
    rows += [[label, value, for_reader(source), where] for label, value, source, where in d.estimated]
    rows += [[T.HERKUNFT_CARRIED, text, "", ""] for text in d.carried]
    return rows


def write_herkunft_sheet(wb, d: Derivation | None, fmts, sheet) -> None:
    """Appends the sheet (``sheet`` is excel._sheet); nothing for the planner's own case."""
    if d is None:
        return
    headers = list(zip(T.HERKUNFT_COLUMNS, (40, 22, 90, 60), (None, None, None, None), strict=True))
    sheet(wb, T.SHEET_HERKUNFT, headers, herkunft_rows(d), fmts)


def vorlage_box(d: Derivation | None) -> str:
    """The box on the Vorlage's first page: what is derived, what is estimated, what to replace (the
    values that share where to find them in one line), compact enough for the first page."""
    if d is None:
        return ""
    scale = ratio_text(d.scale) if d.scale else "–"
    estimated = " · ".join(f"{escape(label)} {escape(value)}" for label, value, *_ in d.estimated)
    carried = "".join(f"<li>{escape(text)}</li>" for text in d.carried)
    by_where: dict[str, list[str]] = {}
    for label, _, _, where in d.estimated:
        if where:
            by_where.setdefault(where, []).append(label)
    replace = "".join(f"<li>{escape(', '.join(labels))}: {escape(where)}</li>" for where, labels in by_where.items())
    return ('<div class="derived note" style="border:1.5px solid #C0504D;background:#FDF1F0;padding:1mm 2.5mm;'
            'margin:1.5mm 0">'
            f"<p><b>{escape(T.VORLAGE_DERIVED_HEAD.format(template=d.template, scale=scale))}</b></p>"
            f"<p><b>{escape(T.VORLAGE_DERIVED_CARRIED)}</b></p><ul>{carried}</ul>"
            f"<p><b>{escape(T.VORLAGE_DERIVED_ESTIMATED)}</b> {estimated}</p>"
            f"<p><b>{escape(T.VORLAGE_DERIVED_REPLACE)}</b></p><ul>{replace}</ul></div>")
