"""`amip init`: a case folder a planner fills in — the measure workbook (sheets Maßnahmen, Erläuterung
and Rahmendaten, the one frame of the case: every key with its meaning, unit and where to find it) and a
case.yaml that only points to it (``frame: massnahmen.xlsx``). Existing files are never overwritten
without ``force``."""
from __future__ import annotations

import contextlib
from pathlib import Path

from amip import texts as T
from amip.errors import InputError

CASE_FILE = "case.yaml"
WORKBOOK = "massnahmen.xlsx"
PLANNING = "planung.yaml"


def render_case_yaml(raw: dict, *, planning: bool = False) -> str:
    """case.yaml of an `amip init` folder: only pointers. The frame (budget chain, PAT, pools, fields,
    policy) stands in one place, the sheet Rahmendaten of the workbook, with each key's meaning, unit
    and where to find it; case.yaml names that workbook (``frame:``) and the optional own tables."""
    out = [f"# {raw.get('title', raw['name'])}",
           "# Geschrieben von `amip init`. Der Rahmen dieses Falls (Budgetkette, PAT, Kundenpools,",
           f"# Handlungsfelder, Politik) steht an EINER Stelle: im Blatt Rahmendaten von {WORKBOOK}.",
           "# Dort ändern; diese Datei verweist nur darauf. Ein Rahmenwert hier neben 'frame:' ist ein Fehler.",
           "# ESTIMATE = geschätzt (durch eigene Werte ersetzen, Quelle nennen); POLICY = eine Planungsentscheidung.",
           "# Rechnen: amip optimize --case DIESER-ORDNER",
           "",
           "# Rahmen des Falls: Blatt Rahmendaten dieser Arbeitsmappe",
           f"frame: {WORKBOOK}",
           "# Maßnahmentabelle: ohne Angabe das Blatt Maßnahmen derselben Arbeitsmappe; sonst eine CSV",
           "# measures: massnahmen.csv",
           "# Eigene Ratentabelle (CSV, Format wie amip/data/rates.csv); ohne Angabe die mitgelieferte",
           "# rates: quoten.csv",
           "# Planungsdaten (Klassengrößen, Dauer, abnehmender Ertrag, Zielgruppen, Personal/VZÄ):",
           "# eine Datei im Szenarioformat (amip scenarios new), z. B.:",
           "# planning: planung.yaml"]
    if planning:
        out[-2:] = ["# eine Datei im Szenarioformat; hier die aus der Vorlage übernommene (jede Quelle sagt es):",
                    f"planning: {PLANNING}"]
    return "\n".join(out) + "\n"


def write_case_folder(folder: Path, raw: dict, header: list[str], rows: list[dict], *, force: bool = False,
                      template_case=None, planning: dict | None = None) -> list[Path]:
    """Write case.yaml and the measure workbook (and the carried planning file, if given) into
    ``folder`` (created if missing). Refuses, before writing anything, when any of them exists and
    ``force`` is not set."""
    import yaml

    from amip.export.files import write_text, written_together
    from amip.export.template_excel import write_template

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(T.INIT_NOT_FOLDER.format(path=folder), file=str(folder))
    targets = [folder / CASE_FILE, folder / WORKBOOK] + [folder / PLANNING] * (planning is not None)
    for t in targets:
        if t.exists() and not force:
            raise InputError(T.INIT_EXISTS.format(path=t), file=str(t))
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with written_together(force=force):   # the folder's files replaced together or not at all
            write_template(template_case, targets[1], force=force, rows=rows, frame=raw, title=raw.get("title"))
            if planning is not None:
                head = f"# {planning.get('description', '')}\n# Geschrieben von `amip init`.\n"
                write_text(targets[2], head + yaml.safe_dump(planning, allow_unicode=True, sort_keys=False, width=120),
                           force=force)
            write_text(targets[0], render_case_yaml(raw, planning=planning is not None), force=force)
    except BaseException:
        if created:
            with contextlib.suppress(OSError):   # the folder this call made, empty again
                folder.rmdir()
        raise
    return targets
