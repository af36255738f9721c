"""Several optimal plans side by side: per measure, per field and in total, with deltas against the
first scenario and the constraints that bind in each. Pure data; the renderers live in amip.export."""
from __future__ import annotations

from dataclasses import dataclass

from amip import texts as T
from amip.errors import InputError
from amip.optimizer.result import OptimizationResult

TOL = 1e-6


def check_same_effect(names, cases) -> None:
    """Plans optimised in different effect measures (a scenario's ``effect: netto`` beside a gross base)
    count different integrations: their difference would subtract net from gross. Refused before any solve."""
    effects = {c.effect for c in cases}
    if len(effects) > 1:
        raise InputError(T.ERR_COMPARE_EFFECTS.format(effects=", ".join(
            f"{n}: {T.EFFECT_NAMES.get(c.effect, c.effect)}" for n, c in zip(names, cases, strict=True))))


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, ...]
    results: tuple[OptimizationResult, ...]

    def __post_init__(self) -> None:
        if len(self.names) != len(self.results) or not self.results:
            raise InputError(T.COMPARE_EMPTY)
        if len(set(self.names)) != len(self.names):
            raise InputError(T.COMPARE_SAME_NAMES.format(names=", ".join(self.names)))

    @property
    def reference(self) -> OptimizationResult:
        return self.results[0]

    def summary(self) -> list[dict]:
        """One row per scenario: totals and their delta against the first."""
        ref = self.reference
        out = []
        for name, r in zip(self.names, self.results, strict=True):
            out.append({
                "name": name, "objective": r.objective, "integrations": r.integrations,
                "delta_integrations": r.integrations - ref.integrations,
                "delta_pct": (r.integrations - ref.integrations) / ref.integrations * 100 if ref.integrations else None,
                "budget_limit": r.budget_limit, "budget_used": r.budget_used, "pat_relief": r.pat_relief,
                "entries": sum(m.entries for m in r.measures),
                "binding": self.binding(r),
            })
        return out

    @staticmethod
    def binding(r: OptimizationResult) -> list[str]:
        """Binding constraints other than measure bounds (those are counted in ``bounds_at_limit``)."""
        return [c.name for c in r.constraints if c.binding and c.kind != "bound"]

    @staticmethod
    def binding_labels(r: OptimizationResult) -> list[str]:
        """``binding`` by the constraints' German names, for people (the keys stay in JSON)."""
        return [c.label for c in r.constraints if c.binding and c.kind != "bound"]

    @staticmethod
    def bounds_at_limit(r: OptimizationResult) -> int:
        """Measures at one of their own bounds (OptimizationResult.bounds_at_limit, the count of every output)."""
        return r.bounds_at_limit().measures

    def _rows(self, items_of, key: str, values: tuple[str, ...]) -> list[dict]:
        order: list[str] = []
        table: dict[str, dict] = {}
        for name, r in zip(self.names, self.results, strict=True):
            for item in items_of(r):
                k = getattr(item, key)
                if k not in table:
                    order.append(k)
                    table[k] = {"id": k, "name": item.name, "field": getattr(item, "field", k), "by_scenario": {}}
                table[k]["by_scenario"][name] = {v: getattr(item, v) for v in values}
        ref = self.names[0]
        for row in table.values():
            base = row["by_scenario"].get(ref, {v: 0.0 for v in values})
            for name in self.names:
                cell = row["by_scenario"].setdefault(name, {v: 0.0 for v in values})
                for v in values:
                    cell[f"delta_{v}"] = cell[v] - base[v]
            row["max_abs_delta_cost"] = max(abs(c["delta_cost"]) for c in row["by_scenario"].values())
            row["changed"] = any(abs(c[f"delta_{v}"]) > TOL * max(1.0, abs(c[v]))
                                 for c in row["by_scenario"].values() for v in values)
        return [table[k] for k in order]

    def measure_rows(self) -> list[dict]:
        """Per measure: entries, new entries, cost, integrations and rate in each scenario, with deltas."""
        return self._rows(lambda r: r.measures, "id", ("entries", "new_entries", "cost", "integrations", "rate"))

    def field_rows(self) -> list[dict]:
        return self._rows(lambda r: r.fields, "id", ("entries", "cost", "integrations", "min_entries"))

    def movers(self, n: int = 10) -> list[dict]:
        """The measures whose funding moves the most against the first scenario (by |Δ cost|)."""
        rows = [r for r in self.measure_rows() if r["max_abs_delta_cost"] > 0.5]
        return sorted(rows, key=lambda r: -r["max_abs_delta_cost"])[:n]

    def to_dict(self) -> dict:
        """The `amip compare --format json` contract: ``scenarios`` holds, per scenario, the keys of
        `amip optimize --format json` plus ``name``; ``comparison`` the side-by-side tables."""
        return {
            "scenarios": [dict(r.to_dict(), name=name) for name, r in zip(self.names, self.results, strict=True)],
            "comparison": {
                "reference": self.names[0],
                "summary": self.summary(),
                "fields": self.field_rows(),
                "measures": self.measure_rows(),
                "movers": [{"id": m["id"], "name": m["name"], "max_abs_delta_cost": m["max_abs_delta_cost"]}
                           for m in self.movers()],
            },
        }
