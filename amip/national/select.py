"""Which jobcenters a national run covers, and its tasks (one spec per jobcenter × scenario).

The Träger-Nr carries no Land code of its own; its first digit names the BA region the jobcenter
belongs to (read off the names in the table, ``LAND_GROUPS``). ``--land`` therefore takes a Land
group (NW, BY, BE …; the eastern Länder together as OST, HH with SH, HB with NI, SL with RP) or a
Träger-Nr prefix of one or two digits.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from amip import texts as T
from amip.errors import InputError
from amip.inputs.national import load_jobcenters, search_jobcenters
from amip.models.national import Jobcenter
from amip.national.cases import CaseSpec

#: Land group → first digits of the Träger-Nr (from the names in jobcenters-2022.csv).
LAND_GROUPS: dict[str, tuple[str, ...]] = {
    "OST": ("0",),        # MV, BB, ST, SN, TH
    "SH": ("1",), "HH": ("1",),
    "NI": ("2",), "HB": ("2",),
    "NW": ("3",), "HE": ("4",),
    "RP": ("5",), "SL": ("5",),
    "BW": ("6",), "BY": ("7", "8"), "BE": ("9",),
}


def _prefixes(land: str) -> tuple[str, ...]:
    key = land.strip().upper()
    if key in LAND_GROUPS:
        return LAND_GROUPS[key]
    if key.isdigit() and 1 <= len(key) <= 2:
        return (key,)
    raise InputError(T.NAT_BAD_LAND.format(land=land, known=", ".join(LAND_GROUPS) + " oder 1–2 Ziffern"))


def select_jobcenters(*, lands: tuple[str, ...] = (), form: str | None = None,
                      searches: tuple[str, ...] = ()) -> list[Jobcenter]:
    """The jobcenters that pass every filter given (none: all 405), in table order."""
    rows = list(load_jobcenters())
    if lands:
        prefixes = tuple(p for land in lands for p in _prefixes(land))
        rows = [j for j in rows if j.traeger_nr.startswith(prefixes)]
    if form:
        rows = [j for j in rows if j.form.lower() == form.lower()]
    if searches:
        hits = {j.traeger_nr for s in searches for j in search_jobcenters(s)}
        rows = [j for j in rows if j.traeger_nr in hits]
    if not rows:
        what = "; ".join([f"Land {', '.join(lands)}"] * bool(lands) + [f"Form {form}"] * bool(form)
                         + [f"Suche {', '.join(searches)}"] * bool(searches))
        raise InputError(T.NAT_NO_MATCH.format(what=what))
    return rows


def own_case_folders(folders: tuple[Path, ...]) -> dict[str, str]:
    """Träger-Nr → own case folder (from case.yaml's jobcenter.traeger_nr), each checked to load."""
    from amip.inputs.loader import load_case, read_case_raw, resolve_case_path

    known = {j.traeger_nr for j in load_jobcenters()}
    out: dict[str, str] = {}
    for folder in folders:
        path = resolve_case_path(folder)
        raw, _ = read_case_raw(path)
        nr = str(((raw.get("jobcenter") or {}).get("traeger_nr")) or "").strip()
        if not nr:
            raise InputError(T.NAT_CASE_NO_NR, file=str(path))
        nr = nr.zfill(5)
        if nr not in known:
            raise InputError(T.NAT_CASE_UNKNOWN_NR.format(nr=nr), file=str(path))
        if nr in out:
            raise InputError(T.NAT_CASE_TWICE.format(nr=nr, first=out[nr], second=folder), file=str(path))
        load_case(path)   # bad input is found before any work is spread
        out[nr] = str(folder)
    return out


def make_specs(jobcenters: list[Jobcenter], *, scenarios: tuple[str, ...] = ("base",), draws: int = 0,
               seed: int = 2020, total_eur: float | None = None, folders: dict[str, str] | None = None,
               year: int = 2020, effect: str = "gross", index: str | None = None) -> list[CaseSpec]:
    """One spec per jobcenter × scenario, each with its own seed from SeedSequence(seed).spawn(n):
    a task's draws depend on the task alone, never on the number of workers."""
    folders = folders or {}
    pairs = [(j, s) for j in jobcenters for s in scenarios]
    children = np.random.SeedSequence(seed).spawn(len(pairs))
    return [CaseSpec(traeger_nr=j.traeger_nr, name=j.name, form=j.form, scenario=s, draws=draws,
                     seed=int(child.generate_state(1, dtype=np.uint32)[0]), total_eur=total_eur,
                     folder=folders.get(j.traeger_nr), year=year, effect=effect, index=index)
            for (j, s), child in zip(pairs, children, strict=True)]
