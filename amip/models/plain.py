"""A tree of dataclasses as plain JSON-able data, linear in its size.

``dataclasses.asdict`` deep-copies every leaf and recurses through ``copy.deepcopy``: at 10.000
measures it was the largest single cost of a run (input hash and JSON result). ``plain`` walks the
same tree and builds the same structure (field order kept, tuples as lists) without copying leaves,
so ``json.dumps(plain(x)) == json.dumps(asdict(x))``.
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import lru_cache

_LEAVES = frozenset({str, int, float, bool, type(None)})


@lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, None for any other type (asked once per type)."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None


def plain(obj):
    """Dataclasses → dicts (field order), dicts and lists/tuples walked, other values as they are."""
    t = type(obj)
    if t in _LEAVES:
        return obj
    if t is dict:
        return {k: plain(v) for k, v in obj.items()}
    if t is list or t is tuple:
        return [plain(v) for v in obj]
    names = _field_names(t)
    if names is not None:
        return {name: plain(getattr(obj, name)) for name in names}
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    return obj


def shallow(obj) -> dict:
    """One dataclass as a dict of its fields; nested containers are walked with ``plain``."""
    return {name: plain(getattr(obj, name)) for name in _field_names(type(obj))}


def unchecked_maker(cls: type):
    """``values -> instance``: an instance of a (frozen) dataclass from all its field values in field
    order, without running ``__init__``, the field names looked up once: for result records built in
    bulk from computed values, one per measure (a frozen dataclass's ``__init__`` sets each field
    through ``object.__setattr__``, ~6 µs for 30 fields). Only for classes without ``__post_init__``
    or slots; the instance stays frozen."""
    names = _field_names(cls)
    n, new, set_dict = len(names), object.__new__, object.__setattr__

    def make(values) -> object:
        if len(values) != n:
            raise TypeError(f"{cls.__name__}: {len(values)} values for {n} fields")
        obj = new(cls)
        set_dict(obj, "__dict__", dict(zip(names, values)))
        return obj

    return make


def unchecked(cls: type, values) -> object:
    """One instance as ``unchecked_maker(cls)(values)``."""
    return unchecked_maker(cls)(values)


def record(obj) -> dict:
    """A dataclass record whose fields are plain data already (numbers, texts, dicts of those) as a
    dict of its fields: one shallow copy, no walk (``plain`` for anything nested deeper)."""
    return dict(obj.__dict__)


class Records:
    """A read-only sequence of JSON records made on demand from result rows (``make(row) -> dict``):
    the JSON writer takes them in slices, so only one slice of dicts lives at a time."""

    def __init__(self, rows, make) -> None:
        self._rows, self._make = rows, make

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._make(r) for r in self._rows[i]]
        return self._make(self._rows[i])

    def __iter__(self):
        return map(self._make, self._rows)

    def json_text(self, a: int, b: int) -> str | None:
        """The JSON text of records a..b-1 without the brackets, if these records can give it without being
        made (amip.optimizer.result.MeasureRecords); None: the writer encodes ``self[a:b]``."""
        return None
