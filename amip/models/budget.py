"""Budget: the derivation Globalbudget → EGT → Neufallbudget, in euros, as in seed section 2.

Only printed figures go in. The chain (seed L233-334):

    Verwaltung Bundesmittel = Verwaltung gesamt − KFA − Umschichtung − Rückeinnahmen Verwaltung
    EGT-Zuteilung           = Globalbudget − Verwaltung Bundesmittel
    EGT verfügbar           = EGT-Zuteilung − Vorbindungen − Umschichtung
    Neufallbudget           = EGT verfügbar + Rückeinnahmen EGT

A case of another jobcenter may start the chain at the EGT-Zuteilung (``egt_zuteilung_given_eur``):
the Globalbudget/Verwaltung lines are Duisburg's seed arithmetic. ``sources`` (key → source) names
where each figure of the case came from; the derivation rows show them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from amip import texts as T
from amip.errors import InputError


@dataclass(frozen=True)
class YearAmount:
    """An amount of a later year for a horizon plan (``budget.egt_path``: the year's EGT;
    ``budget.vorbindungen_path``: what contracts before the plan year bind of it; issue 26), with its
    source and the file (and line) that set it."""

    year: int
    eur: float
    source: str
    where: str = ""


def egt_path_year(key) -> int | None:
    """A key of ``budget.egt_path`` as a year ('2021' or 2021), None if it is none."""
    text = str(key).strip()
    return int(text) if text.isdigit() and len(text) == 4 else None


def year_path_of(raw, file: str, where: str | None = None, *, key: str = "egt_path") -> tuple[YearAmount, ...]:
    """``budget.<key>`` {year: {value, source} or a number} (egt_path, vorbindungen_path): amounts of later
    years for ``--horizon`` (issue 26), sorted by year; a key that is no year or a value that is no sum
    of at least 0 € is bad input naming ``file`` and the key. ``where``: the file (and line) shown as
    the path's origin; an item's own ``where`` (the workbook cell of the Rahmendaten sheet it was read
    from; case.yaml and scenarios do not accept the key) names it instead."""
    path_key = key
    if raw in (None, {}):
        return ()
    if not isinstance(raw, dict):
        raise InputError(T.EGT_PATH_MAPPING.format(path=path_key), file=file)
    out = []
    for key, item in raw.items():
        year = egt_path_year(key)
        if year is None:
            raise InputError(T.EGT_PATH_YEAR.format(path=path_key, key=key), file=file)
        given = item.get("value") if isinstance(item, dict) else item
        try:
            if isinstance(given, bool):
                raise TypeError
            value = float(given)
        except (TypeError, ValueError):
            raise InputError(T.EGT_PATH_VALUE.format(path=path_key, year=key, got=repr(given)), file=file) from None
        if not value >= 0 or value == float("inf"):
            raise InputError(T.EGT_PATH_NEGATIVE.format(path=path_key, year=key, got=repr(given)), file=file)
        source = str(item.get("source") or "") if isinstance(item, dict) else ""
        written = str(item.get("where") or "") if isinstance(item, dict) else ""
        out.append(YearAmount(year, value, source or T.EGT_PATH_NO_SOURCE, written or where or file))
    return tuple(sorted(out, key=lambda e: e.year))


@dataclass(frozen=True)
class Budget:
    globalbudget_eur: float = 0.0
    verwaltung_gesamt_eur: float = 0.0
    kfa_eur: float = 0.0
    rueckeinnahmen_verwaltung_eur: float = 0.0
    umschichtung_eur: float = 0.0
    vorbindungen_eur: float = 0.0
    rueckeinnahmen_egt_eur: float = 0.0
    override_neufallbudget_eur: float | None = None  #: set by --budget or a scenario
    override_source: str = ""
    #: Budgets the unit costs and rates are taken to hold for, as shares of the Neufallbudget; a budget
    #: frontier marks points outside as extrapolation. None = the case names no range.
    support_low_share: float | None = None
    support_high_share: float | None = None
    support_source: str = ""
    #: The chain starts here when given (a case without Duisburg's Globalbudget/Verwaltung lines).
    egt_zuteilung_given_eur: float | None = None
    #: (key, source) of each figure, as the case file names them; empty = Duisburg's seed lines.
    sources: tuple[tuple[str, str], ...] = ()
    #: The EGT of later years for a horizon plan (POLICY or sourced); empty: flat, the plan year's EGT.
    egt_path: tuple[YearAmount, ...] = ()
    #: What contracts before the plan year bind of later years (Vorbindungen); a year not named: 0 €.
    vorbindungen_path: tuple[YearAmount, ...] = ()

    def __post_init__(self) -> None:
        for name, v in self.__dict__.items():
            if name in ("override_neufallbudget_eur", "egt_zuteilung_given_eur") and v is None:
                continue
            if name.endswith("_eur") and name != "override_neufallbudget_eur" and (v != v or v < 0):
                raise InputError(T.BUDGET_NEGATIVE.format(name=name, got=repr(v)))
        lo, hi = self.support_low_share, self.support_high_share
        if (lo is None) != (hi is None) or (lo is not None and not 0 <= lo <= 1 <= hi):
            raise InputError(T.BUDGET_SUPPORT.format(low=repr(lo), high=repr(hi)))
        o = self.override_neufallbudget_eur
        if o is not None and not (o > 0):
            raise InputError(T.BUDGET_NEUFALL.format(got=repr(self.override_neufallbudget_eur)))
        for key in ("egt_path", "vorbindungen_path"):
            for e in getattr(self, key):
                if not (e.eur >= 0):   # NaN too
                    raise InputError(T.EGT_PATH_NEGATIVE.format(path=key, year=e.year, got=repr(e.eur)),
                                     file=e.where or None)

    @property
    def verwaltung_bundesmittel_eur(self) -> float:
        return (self.verwaltung_gesamt_eur - self.kfa_eur - self.umschichtung_eur
                - self.rueckeinnahmen_verwaltung_eur)

    @property
    def egt_zuteilung_eur(self) -> float:
        if self.egt_zuteilung_given_eur is not None:
            return self.egt_zuteilung_given_eur
        return self.globalbudget_eur - self.verwaltung_bundesmittel_eur

    @property
    def egt_verfuegbar_eur(self) -> float:
        return self.egt_zuteilung_eur - self.vorbindungen_eur - self.umschichtung_eur

    @property
    def derived_neufallbudget_eur(self) -> float:
        return self.egt_verfuegbar_eur + self.rueckeinnahmen_egt_eur

    @property
    def neufallbudget_eur(self) -> float:
        """The money the LP may allocate to new entries (and fixed money-only items)."""
        if self.override_neufallbudget_eur is not None:
            return self.override_neufallbudget_eur
        return self.derived_neufallbudget_eur

    def with_neufallbudget(self, eur: float, source: str) -> "Budget":
        return replace(self, override_neufallbudget_eur=float(eur), override_source=source)

    def derivation(self) -> list[tuple[str, float, str]]:
        """Rows (label, euros, how) for reports: the whole chain, top to bottom."""
        if self.egt_zuteilung_given_eur is not None:
            rows = self._derivation_from_egt()
        else:
            rows = self._derivation_duisburg()
        if self.override_neufallbudget_eur is not None:
            rows.append(("Neufallbudget (vorgegeben)", self.override_neufallbudget_eur, self.override_source))
        return rows

    def _derivation_from_egt(self) -> list[tuple[str, float, str]]:
        from amip import texts as T

        src = dict(self.sources)
        return [
            (T.CHAIN_EGT, self.egt_zuteilung_eur, src.get("egt_zuteilung_eur", "")),
            (T.CHAIN_VORBINDUNGEN, self.vorbindungen_eur, src.get("vorbindungen_eur", "")),
            (T.CHAIN_UMSCHICHTUNG, self.umschichtung_eur, src.get("umschichtung_eur", "")),
            (T.CHAIN_EGT_VERFUEGBAR, self.egt_verfuegbar_eur, T.CHAIN_DERIVED),
            (T.CHAIN_RUECKEINNAHMEN, self.rueckeinnahmen_egt_eur, src.get("rueckeinnahmen_egt_eur", "")),
            (T.CHAIN_NEUFALLBUDGET, self.derived_neufallbudget_eur, T.CHAIN_DERIVED),
        ]

    def _derivation_duisburg(self) -> list[tuple[str, float, str]]:
        rows = [
            ("Globalbudget (Bundesmittel)", self.globalbudget_eur, "Seed L233"),
            ("Verwaltung gesamt", self.verwaltung_gesamt_eur, "Seed L334"),
            ("− Kommunaler Finanzierungsanteil (KFA)", self.kfa_eur, "Seed L319"),
            ("− Umschichtung EGT → Verwaltung", self.umschichtung_eur, "Seed L262, L326"),
            ("− Rückeinnahmen Verwaltung", self.rueckeinnahmen_verwaltung_eur, "Seed L318"),
            ("= Verwaltung Bundesmittel", self.verwaltung_bundesmittel_eur, "abgeleitet"),
            ("EGT-Zuteilung = Globalbudget − Verwaltung Bundesmittel", self.egt_zuteilung_eur, "abgeleitet"),
            ("− Vorbindungen", self.vorbindungen_eur, "Seed L250"),
            ("− Umschichtung", self.umschichtung_eur, "Seed L262"),
            ("= EGT verfügbar", self.egt_verfuegbar_eur, "abgeleitet; Seed L272: 34.685.957 €"),
            ("+ Rückeinnahmen EGT", self.rueckeinnahmen_egt_eur, "Seed L261, L274"),
            ("= Neufallbudget", self.derived_neufallbudget_eur, "abgeleitet; Seed L294: 35.085.957 €"),
        ]
        return rows
