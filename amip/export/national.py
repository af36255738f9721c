"""Outputs of `amip national`: the JSON payload, the German table, ``jobcenters.parquet`` (one row per
jobcenter and scenario) and the German Excel summary ``national.xlsx`` with a map-free chart
(integrations per 100.000 € by jobcenter, sorted). Every file is written under a temporary name and
renamed (``amip.export.files.atomic_write``): no partial Parquet or workbook is ever left."""
from __future__ import annotations

import math
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.export.files import atomic_write_all
from amip.export.layout import row_height
from amip.export.xlsx import CHART_FONT, CHART_TITLE_FONT, EUR, NUM, write_cell, write_sheet
from amip.models.fmt import eur, fixed, num
from amip.models.sources import (
    for_reader,  # the markers ESTIMATE/POLICY as a reader sees them
)
from amip.national.run import public

PARQUET = "jobcenters.parquet"
WORKBOOK = "national.xlsx"
OUTPUT_FILES = (PARQUET, WORKBOOK)
TOP_MOVES = 10


def check_output_dir(folder: Path, *, force: bool) -> None:
    """Refuse before any work: a file in place of the folder, or existing outputs without --force."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(T.NAT_OUTPUT_NOT_DIR, file=str(folder))
    for name in OUTPUT_FILES:
        if (folder / name).exists() and not force:
            raise InputError(T.NAT_OUTPUT_EXISTS.format(path=folder / name), file=str(folder / name))


def per_1000(r: dict) -> float | None:
    return r["integrations"] / r["budget_eur"] * 1000 if r.get("budget_eur") else None


def per_100k(r: dict) -> float | None:
    """Integrations per 100.000 € of the Neufallbudget, as every other amip output shows a yield (12,4 rather
    than 0,1 per 1.000 € at one decimal)."""
    v = per_1000(r)
    return None if v is None else v * 100


def payload(run: dict) -> dict:
    """The JSON contract: jobcenters, totals, per_jobcenter, joint (plus notes, failures, settings)."""
    t = run["totals"][run["scenarios"][0]]
    per = [{"traeger_nr": r["traeger_nr"], "name": r["name"], "form": r["form"], "scenario": r["scenario"],
            "status": r["status"], "source": r.get("source"),
            "budget_eur": r.get("budget_eur"), "integrations": r.get("integrations"),
            "effect": r.get("effect"), "objective": r.get("objective"), "effects": r.get("effects"),
            "spend_eur": r.get("spend_eur"), "unspent_eur": r.get("unspent_eur"),
            "integrations_per_1000_eur": per_1000(r) if r["status"] == "ok" else None,
            "integrations_per_100k_eur": per_100k(r) if r["status"] == "ok" else None,
            "ratio_lzb_gsq": r.get("ratio_lzb_gsq"), "rate_factor": r.get("rate_factor"),
            "index_k2_pct": r.get("index_k2_pct"), "index_k2_bund_pct": r.get("index_k2_bund_pct"),
            "index_basis": r.get("index_basis"), "index_source": r.get("index_source"),
            "monte_carlo": r.get("mc"), "violations": r.get("violations"), "error": r.get("error")}
           for r in run["results"]]
    out = {"jobcenters": t["jobcenters"],
           "totals": {k: t[k] for k in ("integrations", "spend_eur", "unspent_eur", "budget_eur", "objective",
                                         "effects", "monte_carlo")},
           "effect": run["settings"].get("effect", "gross"),
           "per_jobcenter": per,
           "joint": run["joint"],
           "scenarios": {s: run["totals"][s] for s in run["scenarios"]},
           "failed": [{"traeger_nr": r["traeger_nr"], "name": r["name"], "scenario": r["scenario"],
                       "error": r["error"]} for r in run["results"] if r["status"] != "ok"],
           "settings": run["settings"], "notes": run["notes"], "catalogues": "derived (ESTIMATE)"}
    return out


def _clean(v):
    return None if isinstance(v, float) and not math.isfinite(v) else v


def frame(results: list[dict]):
    """One row per jobcenter and scenario, flat columns (pandas)."""
    import pandas as pd

    rows = []
    for r in results:
        p = public(r)
        mc = p.pop("mc", None) or {}
        eff = p.pop("effects", None) or {}
        p["violations"] = len(p.get("violations") or [])
        for k in ("p5", "p50", "p95", "mean"):
            p[f"mc_{k}"] = mc.get(k)
        for k in ("gross", "net", "kennzahl"):
            p[f"effect_{k}"] = eff.get(k)
        p["integrations_per_1000_eur"] = per_1000(r) if r["status"] == "ok" else None
        rows.append({k: _clean(v) for k, v in p.items()})
    cols = ["traeger_nr", "name", "form", "scenario", "status", "error", "source", "folder", "case", "effect",
            "ratio_lzb_gsq", "rate_factor", "index_k2_pct", "index_k2_bund_pct", "egt_eur", "budget_eur",
            "integrations", "objective", "effect_gross",
            "effect_net", "effect_kennzahl", "spend_eur", "unspent_eur", "entries", "integrations_per_1000_eur",
            "violations", "draws", "seed", "mc_p5", "mc_p50", "mc_p95", "mc_mean", "seconds"]
    df = pd.DataFrame(rows).reindex(columns=cols)
    for c in cols[10:]:
        df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


def write_outputs(run: dict, folder: Path, *, force: bool) -> list[Path]:
    folder = Path(folder)
    check_output_dir(folder, force=force)
    folder.mkdir(parents=True, exist_ok=True)
    df = frame(run["results"])
    df.attrs = {"notes": run["notes"], "catalogues": "derived (ESTIMATE)"}   # kept in the Parquet metadata
    return atomic_write_all([(folder / PARQUET, lambda tmp: df.to_parquet(tmp, engine="pyarrow", index=False)),
                             (folder / WORKBOOK, lambda tmp: write_workbook(run, tmp))], force=force)


def write_workbook(run: dict, path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    fmts = {"head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True}),
            "eur": wb.add_format({"num_format": EUR}), "num": wb.add_format({"num_format": NUM}),
            "ratio": wb.add_format({"num_format": "0.000"}), "bold": wb.add_format({"bold": True}),
            "wrap": wb.add_format({"text_wrap": True, "valign": "top"})}
    s = run["scenarios"][0]
    t, j = run["totals"][s], run["joint"]
    mc = t.get("monte_carlo") or {}
    ws = wb.add_worksheet(T.NAT_SHEET_SUMMARY)
    ws.set_column(0, 0, 44)
    ws.set_column(1, 1, 22)
    values = [t["jobcenters"], s, run["settings"]["total_eur"], run["settings"]["draws"], t["budget_eur"],
              t["integrations"], t["spend_eur"], t["unspent_eur"], mc.get("p5"), mc.get("p50"), mc.get("p95"),
              j["objective"] if j else None, j["separate_objective"] if j else None, j["gain"] if j else None]
    kinds = [None, None, "eur", None, "eur", "num", "eur", "eur", "num", "num", "num", "num", "num", "num"]
    for r, (label, v, k) in enumerate(zip(T.NAT_SUMMARY_ROWS, values, kinds, strict=True)):
        ws.write_string(r, 0, label, fmts["bold"])
        write_cell(ws, r, 1, v, fmts[k] if k else None)
    for r, note in enumerate(run["notes"], start=len(values) + 1):   # wrapped across both columns
        text = for_reader(note)
        ws.merge_range(r, 0, r, 1, text, fmts["wrap"])
        ws.set_row(r, row_height([(text, 66)]))
    ok = sorted((r for r in run["results"] if r["status"] == "ok" and r["scenario"] == s),
                key=lambda r: -(per_1000(r) or 0))
    # layout.PRINT_WIDTH characters without the Monte Carlo columns (folded when no draws ran): one page wide
    # at ≥ 8 pt, names wrap
    heads = [(h, w, f) for h, w, f in zip(T.NAT_XLS_COLUMNS,
                                          (9, 17, 6, 6, 10, 10, 8, 8, 15, 11, 13, 12, 11, 8, 8, 8),
                                          (None, "wrap", None, None, "wrap", "wrap", "ratio", "ratio", "eur", "num",
                                           "eur", "eur", "num", "num", "num", "num"), strict=True)]
    from amip.national.select import LAND_GROUPS

    def land(nr: str) -> str:
        return "/".join(k for k, v in LAND_GROUPS.items() if nr.startswith(v))

    rows = [[r["traeger_nr"], r["name"], r["form"], land(r["traeger_nr"]), r["scenario"],
             T.NAT_SOURCE_OWN if r["source"] == "own" else T.NAT_SOURCE_DERIVED, r["ratio_lzb_gsq"],
             r["rate_factor"], r["budget_eur"], r["integrations"], r["spend_eur"], r["unspent_eur"], per_100k(r),
             *((r["mc"] or {}).get(k) for k in ("p5", "p50", "p95"))] for r in ok]
    rows += [[r["traeger_nr"], r["name"], r["form"], land(r["traeger_nr"]), r["scenario"], r["status"]]
             + [None] * 10 for r in run["results"] if r["status"] == "ok" and r["scenario"] != s]
    draws = any(r[13] is not None for r in rows)
    jc = write_sheet(wb, T.NAT_SHEET_JC, heads, rows, fmts, folded=() if draws else (13, 14, 15))
    if not draws:   # no draws: the three Monte Carlo columns folded away
        jc.set_column(13, 15, 8, fmts["num"], {"level": 1, "hidden": True})
    if ok:
        # Up to 30 jobcenters: horizontal bars named at the left (whole names, ≥ 9 pt); more: the bars alone
        # show the spread, the names stand sorted in the sheet Jobcenter. On a page of its own.
        few = len(ok) <= 30
        chart = wb.add_chart({"type": "bar" if few else "column"})
        chart.add_series({"name": T.NAT_CHART_TITLE, "categories": [T.NAT_SHEET_JC, 1, 1, len(ok), 1],
                          "values": [T.NAT_SHEET_JC, 1, 12, len(ok), 12], "gap": 30 if few else 10})
        chart.set_title({"name": T.NAT_CHART_TITLE, "name_font": CHART_TITLE_FONT})
        chart.set_legend({"none": True})
        value_axis = {"num_format": "#,##0.0", "num_font": CHART_FONT}
        if few:
            chart.set_x_axis(value_axis)
            chart.set_y_axis({"reverse": True, "num_font": CHART_FONT})
            chart.set_size({"width": 900, "height": 120 + 22 * len(ok)})
        else:
            chart.set_x_axis({"label_position": "none", "name": T.NAT_CHART_AXIS, "name_font": CHART_FONT})
            chart.set_y_axis(value_axis)
            chart.set_size({"width": 1000, "height": 460})
        at = len(values) + len(run["notes"]) + 2
        ws.set_h_pagebreaks([at])
        ws.insert_chart(at, 0, chart)
    if j:
        mheads = [(h, w, f) for h, w, f in zip(T.NAT_MOVE_COLUMNS, (10, 36, 16, 18, 16, 14, 14),
                                               (None, None, "eur", "eur", "eur", "num", "num"), strict=True)]
        write_sheet(wb, T.NAT_SHEET_MOVES, mheads, [[m["traeger_nr"], m["name"], m["budget_eur"], m["joint_spend_eur"],
                                                m["move_eur"], m["separate_objective"], m["joint_objective"]]
                                               for m in j["budget_moves"]], fmts)
    failed = [r for r in run["results"] if r["status"] != "ok"]
    if failed:
        write_sheet(wb, T.NAT_SHEET_FAILED, [("Träger-Nr", 10, None), ("Jobcenter", 36, None), ("Szenario", 14, None),
                                        ("Problem", 90, None)],
               [[r["traeger_nr"], r["name"], r["scenario"], r["error"]] for r in failed], fmts)
    from amip.export.xlsx import print_setup

    print_setup(wb)   # every sheet prints like every other amip workbook (footer: date)
    wb.close()


def render_table(run: dict) -> str:
    s = run["scenarios"][0]
    t, j, st = run["totals"][s], run["joint"], run["settings"]
    effect = T.EFFECT_NAMES.get(st.get("effect", "gross"), st.get("effect"))   # the code stays in JSON
    lines = [T.NAT_HEAD.format(n=t["jobcenters"], scenario=", ".join(run["scenarios"]), total=eur(st["total_eur"]),
                               draws=st["draws"], engine=st["engine"], seconds=fixed(st["seconds"], 1)), ""]
    for note in run["notes"]:   # the markers ESTIMATE/POLICY in words (JSON keeps them)
        lines.append(for_reader(note))
    lines.append("")
    for name in run["scenarios"]:
        tt = run["totals"][name]
        lines.append(f"[{name}] " + T.NAT_TOTALS.format(integrations=num(tt["integrations"]),
                                                       spend=eur(tt["spend_eur"]), unspent=eur(tt["unspent_eur"]),
                                                       budget=eur(tt["budget_eur"])))
        eff = tt.get("effects") or {}
        if eff:
            lines.append(T.NAT_EFFECTS.format(effect=effect, **{e: "–" if eff.get(e) is None else num(eff[e])
                                                                for e in ("gross", "net", "kennzahl")}))
        if tt.get("monte_carlo"):
            m = tt["monte_carlo"]
            lines.append("    " + T.NAT_BAND.format(effect=effect, p5=num(m["p5"]), p50=num(m["p50"]),
                                                    p95=num(m["p95"])))
    ok = sorted((r for r in run["results"] if r["status"] == "ok" and r["scenario"] == s),
                key=lambda r: -(per_1000(r) or 0))
    from amip.export.terminal import Col, table

    show = ok if len(ok) <= 20 else ok[:10] + [None] + ok[-10:]
    rows = [["…", "", "", "", "", ""] if r is None else
            [r["traeger_nr"], r["name"], eur(r["budget_eur"]), num(r["integrations"]), eur(r["spend_eur"]),
             fixed(per_100k(r), 1)] for r in show]
    head = T.NAT_TABLE_COLUMNS
    lines += ["", table([Col(head[0]), Col(head[1], wrap=True, min_width=16), Col(head[2], right=True, priority=2),
                         Col(head[3], right=True), Col(head[4], right=True, priority=1), Col(head[5], right=True)],
                        rows)]
    if j:
        lines += ["", T.NAT_JOINT.format(effect=effect, joint=num(j["objective"]),
                                         separate=num(j["separate_objective"]),
                                         gain=num(j["gain"]), gain_pct=fixed(j["gain_pct"] or 0, 2) + " %"),
                  T.NAT_MOVES_HEAD]
        moves = j["budget_moves"]
        big = sorted(moves, key=lambda m: -abs(m["move_eur"]))[:TOP_MOVES]
        for m in big:
            sign = "+" if m["move_eur"] >= 0 else "−"
            lines.append(f"  {m['traeger_nr']}  {m['name'][:36]:<36}  {sign}{eur(abs(m['move_eur'])):>14}  "
                         f"({eur(m['budget_eur'])} → {eur(m['joint_spend_eur'])})")
    failed = [r for r in run["results"] if r["status"] != "ok"]
    if failed:
        lines += ["", T.NAT_FAILED.format(n=len(failed), names=", ".join(f"{r['name']} ({r['traeger_nr']})"
                                                                         for r in failed))]
        lines += ["  " + T.NAT_FAILED_ONE.format(name=r["name"], nr=r["traeger_nr"], scenario=r["scenario"],
                                                 problem=r["error"]) for r in failed]
    return "\n".join(lines)
