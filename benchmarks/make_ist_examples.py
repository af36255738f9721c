"""Rebuild the shipped Duisburg actuals examples (amip/data/duisburg-2020/ist-2020-06.xlsx and
ist-2020-09.xlsx): derived from the seed's plan along the national spending curve, with these
documented deviations (the same in both months, so that month 9 continues month 6):

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

    python benchmarks/make_ist_examples.py [--force]
"""
from __future__ import annotations

import sys
from pathlib import Path

from amip.export.year import write_actuals_workbook
from amip.inputs.actuals import national_profile
from amip.models.actuals import budget_measures
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


def main(force: bool) -> None:
    case = load_scenario(None)
    share = national_profile().share
    note = __doc__.split("\n\n")[0] + "\n" + "\n".join(
        line for line in __doc__.splitlines() if line.startswith("- ") or line.startswith("  "))
    for month in (6, 9):
        vals = derived_from_plan(case, share, month, deviations(case))
        path = HERE / f"ist-2020-{month:02d}.xlsx"
        write_actuals_workbook(case, path, force=force, entries={k: v[0] for k, v in vals.items()},
                               spend={k: v[1] for k, v in vals.items()},
                               commitments={k: v[2] for k, v in vals.items()},
                               note="Beispiel (abgeleitet aus dem Plan, siehe benchmarks/make_ist_examples.py):\n" + note)
        print(f"written: {path}")


if __name__ == "__main__":
    main("--force" in sys.argv)
