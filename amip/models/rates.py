"""RateTable: default integration rates keyed by instrument type or product category.

A measure row may carry its own ``integration_rate`` and ``rate_source``; otherwise the rate comes
from the table by the measure's id (key_type ``measure``, as ``amip rates --output`` writes it), then by
``instrument_type``, then by ``product_category``. Rates marked as estimates stay
marked in every output.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from amip import texts as T
from amip.errors import InputError
from amip.models.fmt import short

KEY_TYPES = ("instrument_type", "product_category", "measure")   #: "measure": one measure's own rate (by its id)


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
            raise InputError(T.RATE_KEY_TYPE.format(options=", ".join(KEY_TYPES), got=self.key_type))
        for name in ("rate", "range_low", "range_high"):
            v = getattr(self, name)
            if not 0 <= v <= 1:
                raise InputError(T.RATE_UNIT.format(key_type=self.key_type, key=self.key, name=name, got=short(v)))
        if not self.range_low <= self.rate <= self.range_high:
            raise InputError(T.RATE_OUTSIDE.format(key_type=self.key_type, key=self.key, rate=short(self.rate),
                                                     low=short(self.range_low), high=short(self.range_high)))
        if not self.source.strip():
            raise InputError(T.RATE_NO_SOURCE.format(key_type=self.key_type, key=self.key))

    @property
    def label(self) -> str:
        mark = " [ESTIMATE]" if self.estimate else ""
        return f"{self.source}{mark}"


def keyed_index(entries) -> dict:
    """(key_type, key) → the first entry with it, for tables keyed like the rate table."""
    index: dict = {}
    for e in entries:
        index.setdefault((e.key_type, e.key), e)
    return index


def keyed_lookup(index: dict, instrument_type: str, product_category: str):
    """The entry for an instrument type, else for its product category, else None (O(1))."""
    return index.get(("instrument_type", instrument_type)) or index.get(("product_category", product_category))


@dataclass(frozen=True)
class RateTable:
    entries: tuple[RateEntry, ...]
    file: str = ""

    @cached_property
    def _index(self) -> dict:
        return keyed_index(self.entries)

    @cached_property
    def has_measure_rates(self) -> bool:
        """Some entries are one measure's own rate (``amip rates --output`` writes such a table)."""
        return any(e.key_type == "measure" for e in self.entries)

    def lookup(self, instrument_type: str, product_category: str, measure_id: str = "") -> RateEntry | None:
        """The measure's own entry, else its instrument type's, else its product category's."""
        own = self._index.get(("measure", measure_id)) if measure_id else None
        return own or keyed_lookup(self._index, instrument_type, product_category)
