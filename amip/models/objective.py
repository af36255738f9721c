"""What to optimise: one target, a weighted sum of targets, targets in lexicographic order, or a goal
(the least money that reaches a target). Parsed from the CLI's --objective and --goal text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from amip import texts as T
from amip.errors import InputError
from amip.models.planning import TARGETS

_NUM = r"[0-9]+(?:[.,][0-9]+)?(?:e[+-]?[0-9]+)?"   #: a weight with a dot or a German decimal comma
#: targets are separated by a comma followed by a target name, so 'llu=0,0002' keeps its decimal comma
_SPLIT = re.compile(r",(?=\s*[A-Za-z_])")


def _target(name: str, spec: str, option: str) -> str:
    t = name.strip().lower()
    if t not in TARGETS:
        raise InputError(T.OBJ_UNKNOWN_TARGET.format(option=option, spec=spec, name=name.strip(),
                                                     known=", ".join(TARGETS)))
    return t


MAX_OPTION_NUMBER = 1e15   #: a weight or a goal beyond this is a typing error (and breaks the solver)


MIN_OPTION_NUMBER = 1e-9   #: a weight or goal closer to 0 than this (1e-308) is one too, and breaks it as well


def _number(text: str, option: str, spec: str) -> float:
    """A number of --goal or --objective; one out of range is an error naming the option and its value."""
    from amip import texts as T

    v = float(text.replace(",", "."))
    if not v <= MAX_OPTION_NUMBER:   # also inf (1e999)
        raise InputError(f"{option} '{spec[:80]}': " + T.NUMBER_TOO_LARGE.format(
            value=text[:40], limit=f"{MAX_OPTION_NUMBER:g}", unit="").replace(" )", ")"))
    if v != 0 and abs(v) < MIN_OPTION_NUMBER:
        raise InputError(f"{option} '{spec[:80]}': " + T.NUMBER_TOO_SMALL.format(value=text[:40],
                                                                                 limit=f"{MIN_OPTION_NUMBER:g}"))
    return v


@dataclass(frozen=True)
class Objective:
    """``weights``: target → weight (per unit of the target). ``lexicographic``: stages in order,
    each later stage keeps the earlier targets within ``tolerance`` (relative) of their optimum."""

    weights: tuple[tuple[str, float], ...] = (("integrations", 1.0),)
    lexicographic: tuple[str, ...] = ()
    tolerance: float = 0.0

    @property
    def is_default(self) -> bool:
        return not self.lexicographic and self.weights == (("integrations", 1.0),)

    def value(self, score) -> float:
        """The objective of a scored plan (amip.models.check.PlanScore): Σ weight × target, less the
        staff penalty. Lexicographic: the first stage's target."""
        weights = {self.lexicographic[0]: 1.0} if self.lexicographic else dict(self.weights)
        return sum(w * score.targets[t] for t, w in weights.items()) - score.staff_penalty

    def describe(self) -> str:
        if self.lexicographic:
            return " > ".join(self.lexicographic) + f" (tolerance {self.tolerance:.2%})"
        return " + ".join(f"{w:g}×{t}" for t, w in self.weights)

    def to_dict(self) -> dict:
        return {"weights": dict(self.weights), "lexicographic": list(self.lexicographic), "tolerance": self.tolerance}

    @classmethod
    def parse(cls, spec: str | None, tolerance: float = 0.0) -> "Objective":
        """``integrations`` | ``integrations=1,llu=0.0002`` | ``integrations>lzb>llu``."""
        if spec is None or not spec.strip():
            return cls()
        if not 0 <= tolerance < 1:
            raise InputError(T.OBJ_TOLERANCE.format(v=f"{tolerance:g}"))
        if ">" in spec:
            stages = tuple(_target(p, spec, "--objective") for p in spec.split(">"))
            if len(set(stages)) != len(stages):
                raise InputError(T.OBJ_TWICE.format(spec=spec))
            return cls(weights=((stages[0], 1.0),), lexicographic=stages, tolerance=tolerance)
        weights: dict[str, float] = {}
        for part in _SPLIT.split(spec):
            name, _, w = part.partition("=")
            t = _target(name, spec, "--objective")
            if w.strip():
                if not re.fullmatch(_NUM, w.strip()):
                    raise InputError(T.OBJ_WEIGHT.format(spec=spec, w=w.strip(), t=t))
                weights[t] = _number(w.strip(), "--objective", spec)
            else:
                weights[t] = 1.0
        if not any(weights.values()):
            raise InputError(T.OBJ_ZERO.format(spec=spec))
        return cls(weights=tuple(weights.items()))


@dataclass(frozen=True)
class Goal:
    """Reach ``minimum`` of ``target`` at the least net cost (the Neufallbudget does not bind)."""

    target: str
    minimum: float

    @classmethod
    def parse(cls, spec: str) -> "Goal":
        m = re.fullmatch(rf"\s*([A-Za-z_]+)\s*>=\s*({_NUM})\s*", spec or "")
        if not m:
            raise InputError(T.GOAL_FORMAT.format(spec=spec, targets=", ".join(TARGETS)))
        return cls(_target(m.group(1), spec, "--goal"), _number(m.group(2), "--goal", spec))
