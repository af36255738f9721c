"""The frame of a case (everything but the measure table) and a case derived for any jobcenter.

- ``FRAME_KEYS``: the flat keys of case.yaml that the Rahmendaten sheet also holds, with their kind;
  ``pools.<id>`` and ``fields.<id>`` are open families, and so are the later years of a horizon plan,
  ``budget.egt_path.<year>`` and ``budget.vorbindungen_path.<year>`` (``year_path_key``).
  ``flatten``/``unflatten`` convert between case.yaml's nested shape and (key, value, source) rows.
- ``derive_frame(jc, base_raw, year)``: the frame of a jobcenter from the national table: its EGT
  estimate, and Vorbindungen, Umschichtung, Rückeinnahmen, PAT and pools from Duisburg's ratios,
  every one marked ESTIMATE.
- ``derive_catalogue(rows, scale)``: Duisburg's measure structure scaled to another budget, one
  pass over the rows (a national run calls it once per jobcenter).
"""
from __future__ import annotations

import math
import re

from amip import texts as T
from amip.models.budget import egt_path_year
from amip.models.horizon import MAX_HORIZON
from amip.models.national import ALLOCATED_TOTAL_2022_EUR, Jobcenter

TEXT, INT, NUM = "text", "int", "num"
#: key → kind, in the order case.yaml and the Rahmendaten sheet show them.
FRAME_KEYS: dict[str, str] = {
    "name": TEXT, "title": TEXT, "year": INT, "jobcenter.traeger_nr": TEXT,
    "budget.egt_zuteilung_eur": NUM, "budget.vorbindungen_eur": NUM, "budget.umschichtung_eur": NUM,
    "budget.rueckeinnahmen_egt_eur": NUM,
    "pat.new_cases_expected_eur": NUM, "pat.months_in_year": NUM,
    "pat.bg_mix.single": NUM, "pat.bg_mix.single_parent": NUM, "pat.bg_mix.other": NUM,
    "kennzahlen.elb_average": NUM,
    "policy.field_min_share": NUM, "policy.upper_multiple": NUM,
    "policy.budget_support_low": NUM, "policy.budget_support_high": NUM, "catalogue.source": TEXT,
    "catalogue.scale": NUM,
}
FAMILIES = {"pools": NUM, "fields": TEXT}   #: pools.<id> (persons), fields.<id> (name)
#: A field's own minimum: fields.<id>.min_entries.
FIELD_MIN = "min_entries"
#: Keys without a source column of their own (plain text, not figures).
PLAIN = ("name", "title", "year", "jobcenter.traeger_nr", "catalogue.source", "catalogue.scale")
#: The amounts of later years for ``amip optimize --horizon`` (budget.<path>.<year>, {value, source}).
YEAR_PATHS = ("egt_path", "vorbindungen_path")


def year_path_key(key: str) -> tuple[str, str] | None:
    """'budget.egt_path.2021' → ('egt_path', '2021'); None for a key of no year path. The year part is
    returned as written ('zwanzig' too): whether it is a year is the reader's check (``egt_path_year``)."""
    head, _, rest = key.partition(".")
    path, _, year = rest.partition(".")
    if head == "budget" and path in YEAR_PATHS and year and "." not in year:
        return path, year
    return None


def year_path_rows(plan_year: int, given: dict[str, tuple[object, str]]) -> list[str]:
    """The keys of the later years' rows a frame sheet offers: for each path, every later year a horizon
    can reach (plan year + 1 … + 4, ``amip optimize --horizon 2..5``) and any other year ``given`` names."""
    out = []
    for path in YEAR_PATHS:
        years = {plan_year + t for t in range(1, MAX_HORIZON)}
        years |= {int(p[1]) for k in given if (p := year_path_key(k)) and p[0] == path and egt_path_year(p[1])}
        out += [f"budget.{path}.{y}" for y in sorted(years)]
    return out


def kind_of(key: str) -> str | None:
    if key in FRAME_KEYS:
        return FRAME_KEYS[key]
    if year_path_key(key):
        return NUM
    head, _, rest = key.partition(".")
    if head == "fields" and rest.endswith("." + FIELD_MIN) and rest.count(".") == 1:
        return NUM
    if head in FAMILIES and rest and "." not in rest:
        return FAMILIES[head]
    return None


def help_of(key: str) -> tuple[str, str, str]:
    """(label, unit, where to find it) for a frame key."""
    if key in T.FRAME_HELP:
        return T.FRAME_HELP[key]
    if (p := year_path_key(key)) is not None:
        label, unit, where = T.FRAME_HELP["budget." + p[0]]
        return f"{label} {p[1]}", unit, where
    head, _, rest = key.partition(".")
    if head == "fields" and rest.endswith("." + FIELD_MIN):
        label, unit, where = T.FRAME_HELP["fields.min_entries"]
        return f"{label} {rest.split('.')[0]}", unit, where
    label, unit, where = T.FRAME_HELP[head]
    return f"{label} {rest}", unit, where


def flatten(raw: dict) -> list[tuple[str, object, str]]:
    """case.yaml's nested frame → [(key, value, source)] in FRAME_KEYS order, then pools and fields."""
    out = []

    def item(v) -> tuple[object, str]:
        return (v.get("value"), str(v.get("source") or "")) if isinstance(v, dict) else (v, "")

    for key in FRAME_KEYS:
        node = raw
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            out.append((key, *item(node)))
    budget = raw.get("budget") if isinstance(raw.get("budget"), dict) else {}
    for path in YEAR_PATHS:
        if isinstance(budget.get(path), dict):
            out += [(f"budget.{path}.{year}", *item(v)) for year, v in budget[path].items()]
    for pid, v in (raw.get("pools") or {}).items():
        out.append((f"pools.{pid}", *item(v)))
    for fid, v in (raw.get("fields") or {}).items():
        v = v if isinstance(v, dict) else {"name": v}
        out.append((f"fields.{fid}", v.get("name", fid), str(v.get("source") or "")))
        if v.get(FIELD_MIN) is not None:
            out.append((f"fields.{fid}.{FIELD_MIN}", *item(v[FIELD_MIN])))
    return out


def unflatten(rows: list[tuple[str, object, str]]) -> dict:
    """[(key, value, source)] → case.yaml's nested shape (figures as {value, source})."""
    raw: dict = {}
    for key, value, source in rows:
        parts = key.split(".")
        if parts[0] == "fields":
            f = raw.setdefault("fields", {}).setdefault(parts[1], {})
            if len(parts) == 3:
                f[FIELD_MIN] = {"value": value, "source": source}
            else:
                f["name"], f["source"] = value, source
            continue
        node = raw
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value if key in PLAIN else {"value": value, "source": source}
    return raw


# --------------------------------------------------------------------------- a derived case
def ratio_text(x: float) -> str:
    return f"{x:.4f}".replace(".", ",")


#: Share of the allocated Eingliederungsmittel the jobcenters moved to administration, nationally:
#: "2017: 911 M€ (20,5 %) shifted to Verwaltungskosten" (domain.md §7.3 [WELL]; BIAJ materials,
#: BT-Drs. 19/2334). A derived case takes it instead of Duisburg's own 2,27 % (seed L262).
NATIONAL_UMSCHICHTUNG_SHARE = 0.205


def derive_frame(jc: Jobcenter, base_raw: dict, base_neufallbudget_eur: float, *, year: int,
                 total_eur: float | None = None) -> tuple[dict, float]:
    """The frame of jobcenter ``jc`` in case.yaml's shape, and the scale of its catalogue.

    ``base_raw`` is Duisburg's case.yaml (the seed chain). The EGT-Zuteilung is the national
    estimate; the Umschichtung the national share (``NATIONAL_UMSCHICHTUNG_SHARE``, ESTIMATE);
    Vorbindungen keep Duisburg's share (POLICY: no national figure found) and Rückeinnahmen too
    (ESTIMATE); the scale is the ratio of the Neufallbudgets; PAT cap and pools scale with it.
    Everything derived says ESTIMATE and how it was made. ``total_eur``: another federal total
    than the 2022 allocation (``amip national --total``); the shares stay those of the EinglMV 2022."""
    b = base_raw["budget"]
    v = {k: float(b[k]["value"]) for k in ("globalbudget_eur", "verwaltung_gesamt_eur", "kfa_eur",
                                            "rueckeinnahmen_verwaltung_eur", "umschichtung_eur",
                                            "vorbindungen_eur", "rueckeinnahmen_egt_eur")}
    base_egt = v["globalbudget_eur"] - (v["verwaltung_gesamt_eur"] - v["kfa_eur"] - v["umschichtung_eur"]
                                        - v["rueckeinnahmen_verwaltung_eur"])
    egt, egt_source = jc.egt_estimate_eur, jc.egt_source
    if total_eur is not None and total_eur != ALLOCATED_TOTAL_2022_EUR:
        egt = total_eur * jc.egl_share_pct / 100.0
        egt_source = T.EGT_TOTAL_SOURCE.format(total=f"{total_eur:,.0f}".replace(",", "."), source=egt_source)
    budget = {"egt_zuteilung_eur": {"value": round(egt), "source": egt_source}}
    for key, what, lines in (("vorbindungen_eur", "Vorbindungen", "L250"),
                             ("rueckeinnahmen_egt_eur", "Rückeinnahmen EGT", "L261")):
        share = v[key] / base_egt
        text = T.VORBINDUNGEN_POLICY_SOURCE if key == "vorbindungen_eur" else T.RATIO_SOURCE
        budget[key] = {"value": round(egt * share), "source": text.format(
            share=f"{share:.2%}".replace(".", ","), what=what, lines=lines)}
    budget["umschichtung_eur"] = {"value": round(egt * NATIONAL_UMSCHICHTUNG_SHARE),
                                  "source": T.UMSCHICHTUNG_NATIONAL_SOURCE.format(
                                      share=f"{NATIONAL_UMSCHICHTUNG_SHARE * 100:.1f} %".replace(".", ","),
                                      duisburg=f"{v['umschichtung_eur'] / base_egt * 100:.2f} %".replace(".", ","))}
    budget = {k: budget[k] for k in ("egt_zuteilung_eur", "vorbindungen_eur", "umschichtung_eur",
                                     "rueckeinnahmen_egt_eur")}
    nfb = (budget["egt_zuteilung_eur"]["value"] - budget["vorbindungen_eur"]["value"]
           - budget["umschichtung_eur"]["value"] + budget["rueckeinnahmen_egt_eur"]["value"])
    scale = nfb / base_neufallbudget_eur

    def scaled(item: dict, what: str, digits: int = 0) -> dict:
        value = float(item["value"]) * scale
        return {"value": round(value, digits) if digits else round(value),
                "source": T.SCALED_SOURCE.format(base=f"{what} {item['value']:,}".replace(",", "."),
                                                 scale=ratio_text(scale))}

    p = base_raw["pat"]
    pat = {"new_cases_expected_eur": scaled(p["new_cases_expected_eur"], "PAT Neufälle (erwartet)"),
           "months_in_year": dict(p["months_in_year"]),
           "bg_mix": {k: dict(x) for k, x in p["bg_mix"].items()}}
    pools = {k: scaled(x, k) for k, x in (base_raw.get("pools") or {}).items()}
    fields = {k: {"name": x["name"], "source": "Struktur Duisburg 2020 (" + x.get("source", "") + "); "
                                               "durch die Handlungsfelder des eigenen AmIp ersetzen"}
              for k, x in base_raw["fields"].items()}
    policy = {k: dict(base_raw["policy"][k]) for k in ("field_min_share", "upper_multiple", "budget_support_low",
                                                        "budget_support_high") if k in base_raw["policy"]}
    raw = {"name": f"{jc.slug}-{year}", "title": f"Jobcenter {jc.name} – AmIp {year} (abgeleitet)", "year": year,
           "jobcenter": {"traeger_nr": jc.traeger_nr, "name": jc.name, "form": jc.form},
           "budget": budget, "pat": pat, "pools": pools, "fields": fields, "policy": policy,
           "kennzahlen": {"elb_average": {"value": round(jc.elb_estimate), "source": jc.elb_source}},
           "catalogue": {"derived": True, "scale": scale,
                         "source": T.CATALOGUE_NOTE.format(scale=ratio_text(scale))}}
    return raw, scale


#: Columns of a measure row that scale with the budget (entries and money); costs and rates stay.
SCALED_COLUMNS = ("planned_entries", "prebought_entries", "fixed_spend_eur", "planned_budget_eur", "lower", "upper")
#: Entry columns: whole people, so whole numbers after scaling.
ENTRY_COLUMNS = ("planned_entries", "prebought_entries", "lower", "upper")
#: The template case every derived case is made from, and its city (removed from measure names).
TEMPLATE_CASE, TEMPLATE_CITY = "Duisburg 2020", "Duisburg"
_CITY_IN_NAME = re.compile(rf"\s*\b(?:in\s+)?{TEMPLATE_CITY}\b", re.IGNORECASE)


def neutral_name(name: str) -> str:
    """A template measure's name without the template's city: 'Neustart in Duisburg Ü25 SOE' →
    'Neustart Ü25 SOE' (a derived case must not carry another city's name)."""
    return re.sub(r"\s{2,}", " ", _CITY_IN_NAME.sub("", name)).strip() or name


def _whole(x: float, was: float) -> int:
    """Scaled entries as whole people: half up, and at least one where the template plans any."""
    n = math.floor(x + 0.5)
    return max(n, 1) if was > 0 else n


def derive_catalogue(rows: list[dict[str, str]], scale: float) -> list[dict[str, object]]:
    """Measure rows (text cells as in measures.csv) scaled to another budget.

    Entries and money-only amounts are multiplied by ``scale`` (entries to whole people, at least one
    where the template plans any; euros to the cent); cost per entry, rates, instruments and fields
    stay; names lose the template's city. Each row is marked in ``confidence`` (ESTIMATE) and
    ``note`` ("abgeleiteter Katalog – durch eigene Maßnahmen ersetzen"); the seed lines of Duisburg
    move into the note. One pass, linear in the rows."""
    if not (scale > 0 and math.isfinite(scale)):
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    note = T.CATALOGUE_NOTE.format(scale=ratio_text(scale))
    out = []
    for r in rows:
        d: dict[str, object] = dict(r)
        for c in SCALED_COLUMNS:
            t = str(r.get(c, "") or "").strip()
            if t:
                x = float(t) * scale
                d[c] = round(x, 2) if c.endswith("_eur") else _whole(x, float(t))
        if d.get("name"):
            d["name"] = neutral_name(str(d["name"]))
        lines = str(r.get("seed_lines", "") or "")
        d["seed_lines"] = ""
        d["confidence"] = "ESTIMATE"
        d["note"] = note + (f"; Vorlage Duisburg L{lines}" if lines else "")
        out.append(d)
    return out


def derive_planning(base: dict, scale: float, *, name: str) -> dict:
    """The template's planning file (scenario format) carried over to a derived case: durations, lead
    times, class sizes, returns, LZB/LLU per integration, target groups, links (§ 16i coaching follows
    § 16i) and the first entry month kept; the customers of each staff class × ``scale``. Every source
    says it is the template's (ESTIMATE, to be replaced by the jobcenter's own figures)."""
    import copy

    out = copy.deepcopy(base)
    out["name"] = name
    from amip.models.sources import for_reader

    out["description"] = T.PLANNING_DERIVED_DESCRIPTION.format(template=TEMPLATE_CASE, scale=ratio_text(scale))

    def mark(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("source"), str):
                # German words and the AmIp's lines for the planner who edits the file; the markers stay
                node["source"] = T.PLANNING_CARRIED_SOURCE.format(template=TEMPLATE_CASE,
                                                                  source=for_reader(node["source"], markers=False))
            for v in node.values():
                mark(v)
        elif isinstance(node, list):
            for v in node:
                mark(v)

    for key, item in out.items():
        if key not in ("name", "description"):
            mark(item)
    for cls in ((out.get("staff") or {}).get("classes") or {}).values():
        if isinstance(cls, dict) and isinstance(cls.get("customers"), (int, float)):
            base_customers = cls["customers"]
            cls["customers"] = round(base_customers * scale)
            cls["source"] = T.PLANNING_SCALED_SOURCE.format(template=TEMPLATE_CASE, base=base_customers,
                                                            scale=ratio_text(scale),
                                                            source=for_reader(cls.get("source", ""), markers=False))
    return out


def _shown(key: str, value) -> str:
    from amip.models.fmt import eur, num

    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value)
    if key.endswith("_eur"):
        return eur(value)
    return num(float(value), 4 if abs(value) < 10 else 0)


def derivation_of(raw: dict, *, planning: bool, measures: int):
    """A derived case's origin from its frame (case.yaml's shape, from the file or the Rahmendaten
    sheet): None unless the catalogue says it is derived. Each frame value whose source says ESTIMATE
    or POLICY is listed with where the planner finds the own figure (``help_of``)."""
    from amip.models.case import Derivation

    cat = raw.get("catalogue")
    if not isinstance(cat, dict) or not (cat.get("derived") is True or cat.get("source")):
        return None
    scale = cat.get("scale")
    scale = float(scale["value"] if isinstance(scale, dict) else scale) if scale is not None else None
    estimated = []
    for key, value, source in flatten(raw):
        if key in PLAIN or value is None:
            continue
        if "ESTIMATE" in source.upper() or "POLICY" in source.upper():
            label, _, where = help_of(key)
            estimated.append((label, _shown(key, value), source, where))
    carried = [T.DERIVED_CATALOGUE.format(n=measures, template=TEMPLATE_CASE,
                                          scale=ratio_text(scale) if scale else "–")]
    if planning:
        carried.append(T.DERIVED_PLANNING.format(template=TEMPLATE_CASE))
    carried.append(T.COMMITMENTS_NOT_CARRIED)
    return Derivation(template=TEMPLATE_CASE, scale=scale, estimated=tuple(estimated), carried=tuple(carried))
