"""Score an edited plan workbook against the optimum it came from (`amip evaluate --plan`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from amip.inputs.plan_workbook import PlanWorkbook, plan_new_entries
from amip.models import Case
from amip.optimizer.result import OptimizationResult
from amip.optimizer.solve import evaluate


@dataclass(frozen=True)
class RoundTrip:
    result: OptimizationResult            #: the edited plan, scored from the input data
    changes: list[dict]                   #: measures whose new entries differ from the reference
    notes: list[str]                      #: which column each edit was read from
    reference_objective: float | None     #: the optimum recorded in the workbook
    reference_hash: str | None
    hash_matches: bool
    recorded_budget: float | None = None   #: the Neufallbudget the plan was optimised with
    inputs: dict = field(default_factory=dict)     #: role → LocatedFile.to_dict() (where each input was found)
    replayed: dict = field(default_factory=dict)   #: the options re-applied from the workbook
    warnings: tuple[str, ...] = ()                 #: German, for people (also on stderr)

    @property
    def budget_matches(self) -> bool | None:
        if self.recorded_budget is None:
            return None
        return abs(self.result.budget_limit - self.recorded_budget) <= 0.5   # euros, as written to the sheet

    @property
    def delta_objective(self) -> float | None:
        return None if self.reference_objective is None else self.result.objective - self.reference_objective

    def to_dict(self) -> dict:
        """`amip optimize --format json` keys (with `violations`), plus the comparison with the reference."""
        d = self.result.to_dict()
        d["plan"] = {
            "reference_objective": self.reference_objective, "delta_objective": self.delta_objective,
            "delta_integrations": sum(c["delta_integrations"] for c in self.changes),
            "delta_cost": sum(c["delta_cost"] for c in self.changes), "reference_input_hash": self.reference_hash,
            "input_hash_matches": self.hash_matches, "changes": self.changes, "edit_notes": self.notes,
            "recorded_budget_limit": self.recorded_budget, "budget_matches": self.budget_matches,
            "recorded_inputs": self.inputs, "replayed_options": self.replayed, "warnings": list(self.warnings)}
        return d


def score_plan_workbook(case: Case, pw: PlanWorkbook, *, inputs: dict | None = None, replayed: dict | None = None,
                        warnings: tuple[str, ...] = ()) -> RoundTrip:
    """The edited plan scored against ``case`` (the case the workbook records, re-applied by the caller).
    A budget other than the recorded one adds a warning: a plan is never scored against another
    budget without saying so."""
    new, notes = plan_new_entries(pw, case)
    result = evaluate(case, new)
    by_id = {m.id: m for m in result.measures}
    changes = []
    for m in case.measures:
        ref = pw.reference_of(m.id)
        x = new.get(m.id, 0.0)
        if ref is None or abs(x - ref) <= 1e-9 * max(1.0, ref):
            continue
        d = x - ref
        changes.append({"id": m.id, "name": m.name, "reference_new_entries": ref, "new_entries": x,
                        "delta_entries": d, "delta_integrations": m.integration_rate * d,
                        "delta_cost": (by_id[m.id].cost_per_entry if m.budget_basis.has_new_entries else 0.0) * d,
                        "cell": pw.cell(m.id, pw.new_col)})
    recorded = pw.inputs.get("Eingabe-Hash")
    warn = list(warnings)
    if pw.budget_limit is not None and abs(result.budget_limit - pw.budget_limit) > 0.5:
        from amip import texts as T
        from amip.models.fmt import eur

        warn.append(T.RT_OTHER_BUDGET.format(now=eur(result.budget_limit), then=eur(pw.budget_limit)))
    return RoundTrip(result, changes, notes, pw.reference_objective, recorded,
                     recorded is not None and _same_data(case, recorded), recorded_budget=pw.budget_limit,
                     inputs=inputs or {}, replayed=replayed or {}, warnings=tuple(warn))


def _same_data(case: Case, recorded: str) -> bool:
    """The plan's recorded hash is that of the optimisation; recompute it for this case."""
    from amip import __version__
    from amip.optimizer.highs import SOLVER_OPTIONS

    return case.input_hash(version=__version__, solver=SOLVER_OPTIONS) == recorded
