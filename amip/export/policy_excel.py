"""The sheet 'Zusagen' of a plan workbook: every commitment with its price, then the linked measures."""
from __future__ import annotations

from amip.models.sources import for_reader   # seed lines and section numbers as source names
from amip import texts as T
from amip.export.text import policy_total_text


def policy_rows(result) -> list[list]:
    """Commitment rows, an empty row, then one row per link (the columns of POLICY_SHEET_COLUMNS)."""
    rows: list[list] = []
    for p in result.policy:
        if p["kind"] == "link":
            continue
        for b in p["bounds"]:
            rows.append([p["name"], p["label"], T.KIND_LABELS.get(p["kind"], p["kind"]), ", ".join(p["keys"]),
                         b["sense"], b["rhs"], p["lhs"], ("ja" if p["binding"] else "nein") if p["active"] else "aus",
                         p["price_integrations"], p["price_dual_estimate"],
                         p["dual"] if not isinstance(p["dual"], list) else None, for_reader(p["source"])])
    t = result.policy_total
    if t and t.get("price_integrations") is not None:
        rows.append(["alle", policy_total_text(t),
                     None, None, None, None, None, None, t["price_integrations"], None, None, T.POLICY_PRICE_METHOD])
    return rows


def link_rows(result) -> list[list]:
    return [[lk["follower"], lk["leader"], lk["mode"], lk["ratio"], "ja" if lk["active"] else "nein",
             lk["follower_entries"], lk["leader_entries"], lk["prebought_places"], lk["empty_prebought_places"],
             lk["unused_eur"], for_reader(lk["source"])] for lk in result.links]


def write_policy_sheet(wb, result, fmts, sheet) -> None:
    """Appends the sheet (``sheet`` is xlsx.write_sheet); nothing if the case has no commitments or links."""
    if not result.policy and not result.links:
        return
    widths = (24, 48, 12, 36, 5, 12, 12, 8, 14, 14, 10, 80)
    kinds = (None, None, None, None, None, "num", "num", None, "num", "num", None, None)
    headers = list(zip(T.POLICY_SHEET_COLUMNS, widths, kinds, strict=True))
    rows = policy_rows(result)
    ws = sheet(wb, T.POLICY_SHEET, headers, rows, fmts)
    start = len(rows) + 2
    for c, title in enumerate(T.LINK_SHEET_COLUMNS):
        ws.write_string(start, c, title, fmts["head"])
    for r, row in enumerate(link_rows(result), start=start + 1):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(r, c, float(v))
            else:
                ws.write_string(r, c, str(v))
