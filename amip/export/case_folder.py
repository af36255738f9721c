"""`amip init`: a case folder a planner fills in — case.yaml (every value commented in German with
its meaning, unit and where to find it) and the measure workbook (sheets Maßnahmen, Rahmendaten,
Erläuterung). Existing files are never overwritten without ``force``."""
from __future__ import annotations

import json
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.models.frame import help_of

CASE_FILE = "case.yaml"
WORKBOOK = "massnahmen.xlsx"


def _q(v) -> str:
    """A YAML scalar: numbers as they are, None as null, text quoted (JSON strings are YAML)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v) if isinstance(v, float) and not float(v).is_integer() else str(int(v))
    return json.dumps(str(v), ensure_ascii=False)


def _item(v: dict) -> str:
    return "{value: " + _q(v.get("value")) + ", source: " + _q(v.get("source") or "") + "}"


def _comment(key: str, indent: str) -> str:
    label, unit, where = help_of(key)
    return f"{indent}# {label} ({unit}): {where}"


def render_case_yaml(raw: dict) -> str:
    """case.yaml text for the frame ``raw`` (case.yaml's nested shape); loading it gives ``raw`` back."""
    out = [f"# {raw.get('title', raw['name'])}",
           "# Geschrieben von `amip init`. Jeder Betrag als {value: Zahl, source: \"Fundstelle\"}.",
           "# ESTIMATE = geschätzt (aus den Bundesdaten oder den Verhältnissen Duisburgs 2020): durch eigene Werte",
           "# ersetzen und die Quelle nennen. POLICY = eine Planungsentscheidung, keine Rechtsvorschrift.",
           "# Rechnen: amip optimize --case DIESER-ORDNER",
           "",
           _comment("name", ""), f"name: {_q(raw['name'])}",
           _comment("title", ""), f"title: {_q(raw.get('title', raw['name']))}",
           _comment("year", ""), f"year: {_q(raw['year'])}",
           "# Maßnahmentabelle: die Arbeitsmappe dieses Ordners (Blatt Maßnahmen) oder eine CSV",
           f"measures: {_q(raw.get('measures', WORKBOOK))}",
           "# Eigene Ratentabelle (CSV, Format wie amip/data/rates.csv); ohne Angabe die mitgelieferte",
           "# rates: quoten.csv",
           "# Planungsdaten (Klassengrößen, Dauer, abnehmender Ertrag, Zielgruppen, Personal/VZÄ):",
           "# eine Datei im Szenarioformat (amip scenarios new), z. B.:",
           "# planning: planung.yaml"]
    jc = raw.get("jobcenter")
    if jc:
        out += [_comment("jobcenter.traeger_nr", ""),
                "jobcenter: {" + ", ".join(f"{k}: {_q(v)}" for k, v in jc.items()) + "}"]
    cat = raw.get("catalogue")
    if cat:
        out += ["# Die Maßnahmentabelle ist abgeleitet (ESTIMATE); mit eigenen Maßnahmen diese Zeile löschen",
                "catalogue: {derived: true, scale: " + _q(round(float(cat['scale']), 6)) + ", source: "
                + _q(cat.get("source", "")) + "}"]
    out += ["", "budget:", "  # Budgetkette: EGT-Zuteilung − Vorbindungen − Umschichtung + Rückeinnahmen = Neufallbudget"]
    for k, v in raw["budget"].items():
        out += [_comment(f"budget.{k}", "  "), f"  {k}: {_item(v)}"]
    pat = raw.get("pat")
    if pat:
        out += ["", "pat:", "  # Passiv-Aktiv-Transfer für § 16i (Pauschalen je BG-Klasse aus der Regeldatei des Jahres)"]
        for k in [k for k in ("new_cases_expected_eur", "cap_eur", "new_cases_cap_eur", "months_in_year") if k in pat]:
            out += [_comment(f"pat.{k}", "  "), f"  {k}: {_item(pat[k])}"]
        out += ["  bg_mix:"]
        for k, v in pat["bg_mix"].items():
            out += [_comment(f"pat.bg_mix.{k}", "    "), f"    {k}: {_item(v)}"]
    out += ["", "pools:", _comment("pools", "  ").replace("Kundenpool ", "Kundenpools ")]
    if not raw.get("pools"):
        out[-1] = out[-1] + "  (ohne Pools: pools: {})"
        out[-2] = "pools: {}"
    for k, v in (raw.get("pools") or {}).items():
        out += [f"  {k}: {_item(v)}"]
    out += ["", "fields:", "  # Handlungsfelder (Name aus dem eigenen AmIp); ein eigenes Minimum mit",
            "  #   min_entries: {value: Eintritte, source: \"…\"}, sonst gilt policy.field_min_share"]
    for k, v in raw["fields"].items():
        extra = f", min_entries: {_item(v['min_entries'])}" if v.get("min_entries") else ""
        out += [f"  {k}: {{name: {_q(v.get('name', k))}, source: {_q(v.get('source') or '')}{extra}}}"]
    out += ["", "policy:", "  # Planungsentscheidungen (POLICY). Politische Vorgaben (Zusagen) gehören ebenfalls hierher."]
    for k, v in raw["policy"].items():
        out += [_comment(f"policy.{k}", "  "), f"  {k}: {_item(v)}"]
    return "\n".join(out) + "\n"


def write_case_folder(folder: Path, raw: dict, header: list[str], rows: list[dict], *, force: bool = False,
                      template_case=None) -> list[Path]:
    """Write case.yaml and the measure workbook into ``folder`` (created if missing). Refuses, before
    writing anything, when either file exists and ``force`` is not set."""
    from amip.export.files import write_text
    from amip.export.template_excel import write_template

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(T.INIT_NOT_FOLDER.format(path=folder), file=str(folder))
    targets = [folder / CASE_FILE, folder / WORKBOOK]
    for t in targets:
        if t.exists() and not force:
            raise InputError(T.INIT_EXISTS.format(path=t), file=str(t))
    folder.mkdir(parents=True, exist_ok=True)
    raw = dict(raw, measures=WORKBOOK)
    write_template(template_case, targets[1], force=force, rows=rows, frame=raw, title=raw.get("title"))
    write_text(targets[0], render_case_yaml(raw), force=force)
    return targets
