"""The sheet 'Zusagen' of a plan workbook: every commitment with its price, then the linked measures."""
from __future__ import annotations

from amip import texts as T
from amip.export.layout import header_height, row_height
from amip.export.text import policy_label, policy_total_text
from amip.models.sources import for_reader  # seed lines and section numbers as source names


def policy_rows(result) -> list[list]:
    """A row per bound of each commitment, then a row per link, priced like a commitment (the columns of
    POLICY_SHEET_COLUMNS). A commitment that shares its price with a link, and a link, show the
    sentence on both prices (JSON ``text``) as their name: the price column holds the own price only."""
    rows: list[list] = []
    for p in result.policy:
        label = policy_label(p)
        bounds = [{"sense": None, "rhs": None}] if p["kind"] == "link" else p["bounds"]
        for b in bounds:
            rows.append([p["name"], label, T.KIND_LABELS.get(p["kind"], p["kind"]), ", ".join(p["keys"]),
                         b["sense"], b["rhs"], p["lhs"], ("ja" if p["binding"] else "nein") if p["active"] else "aus",
                         p["price_integrations"], p["price_dual_estimate"],
                         p["dual"] if not isinstance(p["dual"], list) else None, for_reader(p["source"])])
    t = result.policy_total
    if t and t.get("price_integrations") is not None:
        rows.append(["alle", policy_total_text(t),
                     None, None, None, None, None, None, t["price_integrations"], None, None, T.POLICY_PRICE_METHOD])
    return rows


def link_rows(result) -> list[list]:
    return [[lk["follower"], lk["leader"], T.LINK_MODE_DE.get(lk["mode"], lk["mode"]), lk["ratio"],
             "ja" if lk["active"] else "nein",
             lk["follower_entries"], lk["leader_entries"], lk["prebought_places"], lk["empty_prebought_places"],
             lk["unused_eur"], for_reader(lk["source"])] for lk in result.links]


#: The column of the raw dual, folded in print (the link rows below skip it: their source stands under Quelle).
DUAL_COLUMN = 10


def write_policy_sheet(wb, result, fmts, sheet) -> None:
    """Appends the sheet (``sheet`` is xlsx.write_sheet); nothing if the case has no commitments or links."""
    if not result.policy and not result.links:
        return
    # layout.PRINT_WIDTH characters with the raw dual folded (+ opens it): one page wide at ≥ 8 pt;
    # names, lists and sources wrap
    widths = (14, 22, 11, 14, 5, 10, 10, 9, 11, 11, 11, 26)
    kinds = ("wrap", "wrap", None, "wrap", None, "num", "num", None, "num", "num", "dual", "wrap")
    headers = list(zip(T.POLICY_SHEET_COLUMNS, widths, kinds, strict=True))
    rows = policy_rows(result)
    ws = sheet(wb, T.POLICY_SHEET, headers, rows, fmts, folded=(DUAL_COLUMN,))
    ws.set_column(DUAL_COLUMN, DUAL_COLUMN, widths[DUAL_COLUMN], fmts["dual"], {"level": 1, "hidden": True})
    ws.set_row(0, header_height([h for c, h in enumerate(headers) if c != DUAL_COLUMN]))
    start = len(rows) + 2
    at = [c if c < DUAL_COLUMN else c + 1 for c in range(len(T.LINK_SHEET_COLUMNS))]   # the source under Quelle
    for c, title in zip(at, T.LINK_SHEET_COLUMNS, strict=True):
        ws.write_string(start, c, title, fmts["head"])
    ws.set_row(start, header_height([(t, widths[c], None) for c, t in zip(at, T.LINK_SHEET_COLUMNS, strict=True)]))
    link_kinds = (None, None, None, "num", None, "num", "num", "num", "num", "eur", "wrap")
    for r, row in enumerate(link_rows(result), start=start + 1):
        for k, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(r, at[k], float(v), fmts[link_kinds[k] or "num"])
            else:
                ws.write_string(r, at[k], str(v), fmts["wrap" if link_kinds[k] == "wrap" else "text"])
        ws.set_row(r, row_height([(str(row[-1]), widths[at[-1]])]))
