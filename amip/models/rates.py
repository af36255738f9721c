"""RateTable: default integration rates keyed by instrument type or product category.

A measure row may carry its own ``integration_rate`` and ``rate_source``; otherwise the rate comes
from the table by ``instrument_type``, then by ``product_category``. Rates marked as estimates stay
marked in every output.
"""
from __future__ import annotations

from dataclasses import dataclass

from amip.errors import InputError

KEY_TYPES = ("instrument_type", "product_category")


@dataclass(frozen=True)
class RateEntry:
    key_type: str
    key: str
    rate: float
    range_low: float
    range_high: float
    estimate: bool
    definition: str
    source: str

    def __post_init__(self) -> None:
        if self.key_type not in KEY_TYPES:
            raise InputError(f"rate table: key_type must be one of {KEY_TYPES}, got '{self.key_type}'")
        for name in ("rate", "range_low", "range_high"):
            v = getattr(self, name)
            if not 0 <= v <= 1:
                raise InputError(f"rate table: {self.key_type} '{self.key}': {name} must lie in [0, 1], got {v}")
        if not self.range_low <= self.rate <= self.range_high:
            raise InputError(f"rate table: {self.key_type} '{self.key}': rate {self.rate} lies outside "
                             f"its range [{self.range_low}, {self.range_high}]")
        if not self.source.strip():
            raise InputError(f"rate table: {self.key_type} '{self.key}': every rate needs a source")

    @property
    def label(self) -> str:
        mark = " [ESTIMATE]" if self.estimate else ""
        return f"{self.source}{mark}"


@dataclass(frozen=True)
class RateTable:
    entries: tuple[RateEntry, ...]
    file: str = ""

    def lookup(self, instrument_type: str, product_category: str) -> RateEntry | None:
        for key_type, key in (("instrument_type", instrument_type), ("product_category", product_category)):
            for e in self.entries:
                if e.key_type == key_type and e.key == key:
                    return e
        return None
