"""Typed reports of the optimiser's modes and of a run (frozen records; ``to_dict`` gives the JSON keys of
the project's JSON contract, unchanged since they were dicts):

- ``IntegerReport``: whole places (--integer): the whole-places optimum beside its LP bound and a
  rounded LP plan, and how it was found (HiGHS's MILP or the rounded plan within the MILP's gap);
- ``GoalReport``: --goal: the least net money that reaches a target, and its marginal cost;
- ``LexStage``: one stage of a lexicographic --objective;
- ``ModeReports``: the reports of one result (none, one or several of the above and the weights);
- ``Optimum``: ``evaluate``: the optimum beside the evaluated plan;
- ``RunReport``: what a command adds to the result's payload (headline, explain, optimum).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from amip.optimizer.cost_only import CostOnlyChoices


@dataclass(frozen=True)
class RoundedPlan:
    """An LP plan rounded to whole places by the greedy heuristic (amip.optimizer.rounding)."""

    objective: float
    new_entries: dict[str, float]
    spend: float
    violations: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"objective": self.objective, "new_entries": self.new_entries, "spend": self.spend,
                "violations": list(self.violations)}


@dataclass(frozen=True)
class Lot:
    """A measure planned in classes: its entries, classes and the class sizes."""

    measure: str
    new_entries: float
    classes: int
    lot_size: int
    class_min: int
    lp_entries: float
    source: str

    def to_dict(self) -> dict:
        return {"measure": self.measure, "new_entries": self.new_entries, "classes": self.classes,
                "lot_size": self.lot_size, "class_min": self.class_min, "lp_entries": self.lp_entries,
                "source": self.source}


@dataclass(frozen=True)
class IntegerReport:
    """Whole places: the optimum beside its LP relaxation (the bound) and the rounded LP plan."""

    objective: float
    lp_bound: float
    mip_gap: float | None
    dual_bound: float | None
    gap_to_lp: float
    gap_to_lp_pct: float
    lp_new_entries: dict[str, float]
    #: the greedy rounding fills the budget by integrations per euro: a comparison for the
    #: maximisation only (a goal asks for the least money, which the greedy fill does not seek)
    rounded_lp: RoundedPlan | None
    lots: tuple[Lot, ...]
    #: how the whole-places optimum was found: HiGHS's MILP ("milp"), or the rounded LP plan within its gap
    solved_by: str

    def to_dict(self) -> dict:
        return {"objective": self.objective, "lp_bound": self.lp_bound, "mip_gap": self.mip_gap,
                "dual_bound": self.dual_bound, "gap_to_lp": self.gap_to_lp, "gap_to_lp_pct": self.gap_to_lp_pct,
                "lp_new_entries": self.lp_new_entries,
                "rounded_lp": None if self.rounded_lp is None else self.rounded_lp.to_dict(),
                "lots": [lot.to_dict() for lot in self.lots], "solved_by": self.solved_by}


@dataclass(frozen=True)
class GoalReport:
    """--goal: the least net money (fixed items included) that reaches ``minimum`` of ``target``."""

    target: str
    minimum: float
    unit: str
    reached: float
    cost_eur: float
    neufallbudget_eur: float
    fits_budget: bool
    marginal_cost_eur: float | None   #: euros per one more unit of the target (LP only)

    def to_dict(self) -> dict:
        return {"target": self.target, "minimum": self.minimum, "unit": self.unit, "reached": self.reached,
                "cost_eur": self.cost_eur, "neufallbudget_eur": self.neufallbudget_eur,
                "fits_budget": self.fits_budget, "marginal_cost_eur": self.marginal_cost_eur}


@dataclass(frozen=True)
class LexStage:
    """One stage of a lexicographic objective: its optimum, the floor kept after it, what the final plan achieves."""

    target: str
    optimum: float
    kept_at_least: float
    achieved: float

    def to_dict(self) -> dict:
        return {"target": self.target, "optimum": self.optimum, "kept_at_least": self.kept_at_least,
                "achieved": self.achieved}


@dataclass(frozen=True)
class ModeReports:
    """The reports of a result's mode; the JSON keys (``lexicographic``, ``objective_spec``, ``goal``,
    ``integer``) appear only for the modes in use."""

    lexicographic: tuple[LexStage, ...] | None = None
    objective_spec: dict | None = None   #: the weights of a non-default --objective (Objective.to_dict)
    goal: GoalReport | None = None
    integer: IntegerReport | None = None

    @property
    def plain(self) -> bool:
        """The default mode: expected integrations maximised as an LP (no weights, goal, stages or whole places)."""
        return self.lexicographic is None and self.objective_spec is None and self.goal is None and self.integer is None

    def to_dict(self) -> dict:
        out: dict = {}
        if self.lexicographic is not None:
            out["lexicographic"] = [s.to_dict() for s in self.lexicographic]
        if self.objective_spec is not None:
            out["objective_spec"] = self.objective_spec
        if self.goal is not None:
            out["goal"] = self.goal.to_dict()
        if self.integer is not None:
            out["integer"] = self.integer.to_dict()
        return out


@dataclass(frozen=True)
class Optimum:
    """``evaluate``: the optimum of the same case beside the evaluated plan (or why there is none)."""

    objective: float | None = None
    gain: float | None = None
    gain_pct: float | None = None
    budget_used: float | None = None
    effects: dict | None = None          #: the plan and the optima in each effect measure
    infeasible_message: str | None = None   #: the case has no feasible plan: the diagnosis in words
    reasons: list | None = None          #: the optimum's checked reasons (amip.optimizer.reasons), as dicts

    def to_dict(self) -> dict:
        if self.infeasible_message is not None:
            return {"status": "infeasible", "message": self.infeasible_message}
        out = {"objective": self.objective, "gain": self.gain, "gain_pct": self.gain_pct,
               "budget_used": self.budget_used}
        if self.effects is not None:
            out["effects"] = self.effects
        if self.reasons is not None:
            out["reasons"] = self.reasons
        return out


@dataclass(frozen=True)
class RunReport:
    """What a command adds to the result's JSON payload: the headline range of ``optimize``, its
    ``--explain`` and ``evaluate``'s optimum (each key only when present)."""

    headline: dict | None = None
    explain: dict | None = None
    optimum: Optimum | None = None
    cost_only: CostOnlyChoices | None = None   #: choices resting on cost alone (amip.optimizer.cost_only), issue 27
    horizon: object | None = None   #: the multi-year plan (amip.optimizer.horizon.HorizonPlan), issue 26

    def to_dict(self) -> dict:
        out: dict = {}
        if self.cost_only is not None:
            out.update(self.cost_only.to_dict())
        if self.headline is not None:
            out["headline"] = self.headline
        if self.explain is not None:
            out["explain"] = self.explain
        if self.optimum is not None:
            out["optimum"] = self.optimum.to_dict()
        if self.horizon is not None:
            out.update(self.horizon.to_dict())
        return out


@dataclass(frozen=True)
class PolicyPrice:
    """What one commitment or link costs the optimum (amip.optimizer.policy.price_policy): exact (the
    optimum without it minus the optimum with it, in the objective's unit) and the dual estimate."""

    constraints: tuple[str, ...] = ()
    dual: float | list | None = None            #: the shadow price of its row (a list for several rows)
    price_dual_estimate: float | None = None    #: |dual| × what the row forces: an upper bound of the price
    price_integrations: float | None = None     #: exact; None where no re-solve was made (goal mode)
    relaxed_with: tuple[str, ...] = ()          #: the links relaxed together with a commitment
    #: the commitment costs more once those links are dropped than alone (price_after_links > price)
    price_without_links: bool = False
    price_with_links: float | None = None       #: the commitment and its links relaxed together (None: no links)
    price_after_links: float | None = None      #: price_with_links − the links' own price


@dataclass(frozen=True)
class PolicyTotal:
    """All commitments and links together: their price and the optimum without any of them."""

    price_integrations: float | None
    objective_without: float | None
    constraints: tuple[str, ...]


@dataclass(frozen=True)
class PolicyPrices:
    """The prices of a solved model's commitments and links, by name, and of all of them together."""

    prices: dict[str, PolicyPrice]
    total: PolicyTotal | None = None

    def of(self, name: str) -> PolicyPrice:
        """The price of ``name`` (an empty record for a commitment that is not priced)."""
        return self.prices.get(name, PolicyPrice())
