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
#: eLb in the national average stock of 2022: "3,718 M eLb on average" (BIAJ material 1892, as above;
#: amip/data/national/README.md). With a jobcenter's key share it estimates the jobcenter's average eLb.
ELB_NATIONAL_2022 = 3.718e6


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
    def elb_estimate(self) -> float:
        """ESTIMATE of the average eLb: the national 3,718 M × the key share. The key is the eLb share
        adjusted by ¼ of two deviations (EinglMV 2022 § 1 Abs. 4–6), so it is near, not equal to, the
        eLb share (Duisburg: 52.888 against the seed's 47.232 for 2020, L1283-1285)."""
        return ELB_NATIONAL_2022 * self.egl_share_pct / 100.0

    @property
    def elb_source(self) -> str:
        return T.ELB_ESTIMATE_SOURCE.format(share=f"{self.egl_share_pct:.4f}".replace(".", ","), nr=self.traeger_nr)

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
