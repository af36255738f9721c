"""A jobcenter's own results per measure and year (issue 27): how many left a measure (Austritte) and how
many of them were in a job subject to social insurance six months after leaving (svB 6 Monate nach
Austritt) — the Eingliederungsquote of its Maßnahmecontrolling (domain.md §2.1). Pure data; the file is
read by ``amip.inputs.history`` and the rates are estimated by ``amip.rates.pooling``.
"""
from __future__ import annotations

from dataclasses import dataclass

from amip import texts as T

#: machine key → German header (the template's and the CSV's two spellings; the order of the columns)
COLUMNS = {
    "id": "Maßnahme-ID",
    "year": "Jahr",
    "exits": "Austritte",
    "in_job_6m": "davon in svB 6 Monate nach Austritt",
    "entries": "Eintritte",
    "cost_eur": "Kosten (€)",
}
REQUIRED = ("id", "year", "exits", "in_job_6m")
#: the label every output of the shipped example carries (it is simulated, not a jobcenter's results)
EXAMPLE_LABEL = T.HIST_EXAMPLE_NOTE


@dataclass(frozen=True)
class HistoryRow:
    id: str
    year: int
    exits: float
    in_job: float
    entries: float | None = None
    cost_eur: float | None = None
    where: str = ""   #: the row or sheet/row it was read from


@dataclass(frozen=True)
class History:
    file: str
    sha256: str
    rows: tuple[HistoryRow, ...]
    example: bool = False   #: the shipped simulated example (labelled EXAMPLE_LABEL everywhere)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({r.year for r in self.rows}))

    def totals(self) -> dict[str, tuple[float, float]]:
        """measure id → (exits, in job 6 months after exit) over all years."""
        out: dict[str, tuple[float, float]] = {}
        for r in self.rows:
            e, s = out.get(r.id, (0.0, 0.0))
            out[r.id] = (e + r.exits, s + r.in_job)
        return out

    @property
    def years_text(self) -> str:
        ys = self.years
        return "" if not ys else str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{ys[-1]}"

    @property
    def label(self) -> str:
        """How an output names the file: name, years, hash (and the example's label)."""
        from pathlib import Path

        text = f"{Path(self.file).name}, Jahre {self.years_text}, sha256 {self.sha256[:12]}"
        return f"{text} ({EXAMPLE_LABEL})" if self.example else text
