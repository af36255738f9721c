"""A jobcenter of the national table (read by ``amip.inputs.national``) and the federal total its
share applies to. ``Jobcenter.egt_estimate_eur``: distributable total × (½ gsq share + ½ lzb share) / 100,
an ESTIMATE until the planner replaces it with the Zuteilungsschreiben."""
from __future__ import annotations

import re
from dataclasses import dataclass

from amip import texts as T

#: Eingliederungsmittel allocated to the 405 jobcenters in 2022 (BIAJ, "Mittel und Ausgaben für
#: Leistungen zur Eingliederung … Jobcenter 2022"; amip/data/national/README.md).
ALLOCATED_TOTAL_2022_EUR = 5.005e9
TABLE_YEAR = 2022


@dataclass(frozen=True)
class Jobcenter:
    traeger_nr: str           #: five digits, as text
    form: str                 #: gE or zkT
    name: str                 #: as printed in the EinglMV
    egl_share_pct_gsq: float  #: EinglMV 2022 Anlage 2
    egl_share_pct_lzb: float  #: EinglMV 2022 Anlage 3
    vk_share_pct: float       #: EinglMV 2022 Anlage 4

    @property
    def egl_share_pct(self) -> float:
        """Share of the Eingliederungsmittel in per cent (the mean of both halves, EinglMV § 1)."""
        return 0.5 * self.egl_share_pct_gsq + 0.5 * self.egl_share_pct_lzb

    @property
    def egt_estimate_eur(self) -> float:
        return ALLOCATED_TOTAL_2022_EUR * self.egl_share_pct / 100.0

    @property
    def egt_source(self) -> str:
        return T.EGT_ESTIMATE_SOURCE.format(share=f"{self.egl_share_pct:.4f}".replace(".", ","),
                                            gsq=f"{self.egl_share_pct_gsq:.4f}".replace(".", ","),
                                            lzb=f"{self.egl_share_pct_lzb:.4f}".replace(".", ","),
                                            nr=self.traeger_nr)

    @property
    def slug(self) -> str:
        """'Bochum, Stadt' → 'bochum'; 'Landkreis Vorpommern-Greifswald Nord' → 'vorpommern-greifswald-nord'."""
        base = re.sub(r",\s*(stadt|landkreis|kreis|kreisfreie stadt)$", "", self.name.strip(), flags=re.I)
        base = base.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
        return re.sub(r"[^a-z0-9]+", "-", base).strip("-") or self.traeger_nr
