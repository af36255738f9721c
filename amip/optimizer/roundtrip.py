"""Score an edited plan workbook against the optimum it came from (`amip evaluate --plan`)."""
from __future__ import annotations

from dataclasses import dataclass

from amip.models import Case
from amip.models.plan_workbook import PlanWorkbook, plan_new_entries
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
            "input_hash_matches": self.hash_matches, "changes": self.changes, "edit_notes": self.notes}
        return d


def score_plan_workbook(case: Case, pw: PlanWorkbook) -> RoundTrip:
    new, notes = plan_new_entries(pw, case)
    result = evaluate(case, new)
    by_id = {m.id: m for m in result.measures}
    changes = []
    for m in case.measures:
        ref = pw.reference.get(m.id)
        x = new.get(m.id, 0.0)
        if ref is None or abs(x - ref) <= 1e-9 * max(1.0, ref):
            continue
        d = x - ref
        changes.append({"id": m.id, "name": m.name, "reference_new_entries": ref, "new_entries": x,
                        "delta_entries": d, "delta_integrations": m.integration_rate * d,
                        "delta_cost": (by_id[m.id].cost_per_entry if m.budget_basis.has_new_entries else 0.0) * d,
                        "cell": pw.cell(m.id, pw.new_col)})
    recorded = pw.inputs.get("Eingabe-Hash")
    return RoundTrip(result, changes, notes, pw.reference_objective, recorded,
                     recorded is not None and _same_data(case, recorded))


def _same_data(case: Case, recorded: str) -> bool:
    """The plan's recorded hash is that of the optimisation; recompute it for this case."""
    from amip import __version__
    from amip.optimizer.solve import SOLVER_OPTIONS

    return case.input_hash(version=__version__, solver=SOLVER_OPTIONS) == recorded
