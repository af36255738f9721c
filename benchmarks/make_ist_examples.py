"""Rebuild the shipped Duisburg actuals examples (amip/data/duisburg-2020/ist-2020-06.xlsx and
ist-2020-09.xlsx): derived from the seed's plan along a pace of their own, *not* the national curve the
forecast assumes (so the forecast's error and range can be seen against a known year-end):

- timing (every measure): the monthly pace rises evenly from 90 % of an average month in January to
  110 % in November (a slow spring, the 2020 lockdown, and a catch-up in the autumn); December is
  12,5 % of the year (2014: ≈ 10 of 79,7 pp, domain.md §7.3). By the end of June 45,3 % of the year is
  spent, by the end of September 70,2 % (the forecast's curve: 48,1 % and 72,7 %; the workbooks' note
  prints both from the numbers);

and these documented deviations from the plan's volume (the same in both months, so that month 9
continues month 6):

- provider group measures (instrument type mat bought from a provider, every HF): 80 % of the plan's
  pace: classes were closed in the spring 2020 lockdown and restarted with fewer places;
- AVGS-MAT voucher (hf1-avgs-mat): 70 %: vouchers are issued, but fewer are redeemed with a provider;
- Eingliederungszuschuss (hf1-egz): 85 %: employers hire less in the 2020 downturn (seed 5.6 risk case);
- FbW Umschulung (hf1-fbw-umschulung): 90 %: fewer course starts;
- AGH (hf2-agh): 105 %: more work opportunities for customers far from the market while jobs are scarce
  (over plan: it needs money);
- everything else on plan. Bound for the rest of the year (Festlegungen): the money the pace still
  spends this year less what its later entries will cost (the running entries' months to December);
  bound in later years: the money its entries to date bind in 2021/2022/2023+.

The true year-end of the examples is each measure's planned money × its deviation (``true_year_end``);
tests/models/test_forecast.py checks that the forecast's range holds it.

    python benchmarks/make_ist_examples.py [--force]
"""
from __future__ import annotations

import sys
from pathlib import Path

from amip.export.year import write_actuals_workbook
from amip.inputs.actuals import national_profile
from amip.models.actuals import budget_measures, planned_spend_eur
from amip.models.fmt import pct
from amip.models.replan import derived_from_plan
from amip.scenarios import load_scenario

HERE = Path(__file__).resolve().parent.parent / "amip" / "data" / "duisburg-2020"


def deviations(case) -> dict[str, float]:
    pace = {}
    for m in budget_measures(case):
        if m.instrument_type == "mat" and m.id != "hf1-avgs-mat" and m.budget_basis.has_new_entries:
            pace[m.id] = 0.80
    pace.update({"hf1-avgs-mat": 0.70, "hf1-egz": 0.85, "hf1-fbw-umschulung": 0.90, "hf2-agh": 1.05})
    return pace


#: the examples' pace: monthly steps 0,90 … 1,10 × the average January–November, December 12,5 %
DECEMBER_SHARE = 0.125
_STEPS = [0.90 + 0.02 * k for k in range(11)]
EXAMPLE_SHARE = tuple((1 - DECEMBER_SHARE) * sum(_STEPS[:m]) / sum(_STEPS) for m in range(1, 12)) + (1.0,)


def true_year_end(case) -> dict[str, tuple[float, float]]:
    """Per measure paid from the Neufallbudget: (new entries, gross spending) of the examples' whole year."""
    pace = deviations(case)
    return {m.id: ((m.planned_entries if m.budget_basis.has_new_entries else 0.0) * pace.get(m.id, 1.0),
                   planned_spend_eur(m) * pace.get(m.id, 1.0)) for m in budget_measures(case)}


#: the note in the workbooks (German: a user reads it)
NOTE = """Beispiel (abgeleitet aus dem Plan, siehe benchmarks/make_ist_examples.py), mit bekanntem Jahresende.
Zeitlicher Verlauf (alle Maßnahmen), bewusst NICHT die bundesweite Kurve der Hochrechnung: das Monatstempo
  steigt gleichmäßig von 90 % eines durchschnittlichen Monats im Januar auf 110 % im November (langsames
  Frühjahr 2020 im Lockdown, Nachholen im Herbst); der Dezember bringt 12,5 % des Jahres (2014: ≈ 10 von
  79,7 Prozentpunkten, domain.md §7.3). Ende Juni sind {jun} des Jahres ausgegeben, Ende September {sep}
  (die Kurve der Hochrechnung: {cjun} und {csep}).
Abweichungen vom Planvolumen (in beiden Monaten gleich):
- Gruppenmaßnahmen bei Trägern (Instrumenttyp mat, alle Handlungsfelder): 80 % (Lockdown im Frühjahr 2020)
- AVGS-MAT (hf1-avgs-mat): 70 % (Gutscheine ausgegeben, weniger eingelöst)
- Eingliederungszuschuss (hf1-egz): 85 % (Arbeitgeber stellen 2020 weniger ein)
- FbW Umschulung (hf1-fbw-umschulung): 90 % (weniger Kursstarts)
- AGH (hf2-agh): 105 % (mehr Arbeitsgelegenheiten, solange Stellen fehlen)
- alles andere nach Plan.
Wahres Jahresende: je Maßnahme Planmittel × Abweichung."""


def _pc(x: float) -> str:
    return pct(x).lstrip("+")


def main(force: bool) -> None:
    case = load_scenario(None)
    share = EXAMPLE_SHARE
    curve = national_profile()
    note = NOTE.format(jun=_pc(share[5]), sep=_pc(share[8]), cjun=_pc(curve.at(6)), csep=_pc(curve.at(9)))
    for month in (6, 9):
        vals = derived_from_plan(case, share, month, deviations(case))
        path = HERE / f"ist-2020-{month:02d}.xlsx"
        write_actuals_workbook(case, path, force=force, entries={k: v[0] for k, v in vals.items()},
                               spend={k: v[1] for k, v in vals.items()},
                               commitments={k: v[2] for k, v in vals.items()},
                               note=note)
        print(f"written: {path}")


if __name__ == "__main__":
    main("--force" in sys.argv)
