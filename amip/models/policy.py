"""Commitments (Politik) and linked measures: plain data and arithmetic, no solver.

A **commitment** is a named promise of the plan's owner with its source, e.g. the seed's "bis zu 150
geplanten Neueintritten" plus catching up 2019 for § 16i (seed L2768-2771). It bounds the *new*
entries (or the gross money) of a set of measures, chosen by measure id or instrument type:

- ``min_entries`` / ``max_entries``: Σ new entries ≥ / ≤ a number;
- ``corridor``: Σ new entries within ± ``value`` % of a reference (the prior-year figure if the case
  gives one as ``reference_entries``, else the planned new entries of the measure table);
- ``max_eur``: Σ gross cost per entry × new entries ≤ a sum (a cap for demand-driven instruments).

A **link** says that one measure serves another's participants (§ 16i coaching follows § 16i): its
entries (pre-bought + new) are at most (or exactly) ``ratio`` × the leader's entries. Pre-bought
places of a follower without participants are money without use; ``empty_linked_places`` reports them.

Both come from the case (``policy.commitments`` in case.yaml, ``links`` in the planning file) and from
scenarios (``amip.scenarios.policy``). ``Policy.enabled`` = False (``--no-policy``) drops them all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from amip import texts as T
from amip.errors import InputError

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
KINDS = ("min_entries", "max_entries", "corridor", "max_eur")
TOL = 1e-6   #: relative: a re-planned promise this close to reach is rounding of the actuals, not out of reach
LINK_MODES = ("at_most", "exactly")


@dataclass(frozen=True)
class Commitment:
    name: str                     #: ASCII key; constraint policy__<name>
    label: str                    #: German label for people
    selector: str                 #: "measure" or "instrument_type"
    keys: tuple[str, ...]         #: measure ids or instrument types
    kind: str                     #: one of KINDS
    value: float                  #: entries, EUR, or (corridor) per cent
    source: str
    reference_entries: float | None = None   #: corridor: the prior-year figure, if given
    reference_source: str = ""
    active: bool = True
    origin: str = ""              #: file:line that set it
    #: what earlier entries already contribute (the re-plan of the running year moves the entries to
    #: date out of the new entries): each row bounds Σ new + offset, so its right-hand side is less offset
    offset: float = 0.0

    def __post_init__(self) -> None:
        if not NAME_RE.match(self.name):
            raise InputError(T.COMMIT_NAME.format(name=self.name))
        if self.kind not in KINDS:
            raise InputError(T.COMMIT_KIND.format(name=self.name, kinds=", ".join(KINDS)))
        if self.selector not in ("measure", "instrument_type") or not self.keys:
            raise InputError(T.COMMIT_SELECTOR.format(name=self.name))
        if not self.source:
            raise InputError(T.COMMIT_SOURCE.format(name=self.name))

    def members(self, case) -> list:
        """The selected measures that have new entries (only those a commitment can move). Found once
        per case and selection (the checker asks on every plan it scores; a Case is frozen)."""
        cache = case.__dict__.setdefault("_policy_members", {})
        key = (self.selector, self.keys)
        if key not in cache:
            keys = set(self.keys)
            attr = "id" if self.selector == "measure" else "instrument_type"
            cache[key] = [m for m in case.measures if getattr(m, attr) in keys and m.budget_basis.has_new_entries]
        return cache[key]

    def reference(self, case) -> float:
        """Corridor centre: the given prior-year figure, else the planned new entries."""
        if self.reference_entries is not None:
            return self.reference_entries
        return sum(m.planned_entries for m in self.members(case))

    def bounds(self, case) -> list[tuple[str, str, float]]:
        """(constraint name, sense, right-hand side) of each row this commitment adds."""
        base, off = "policy__" + self.name, self.offset
        if self.kind == "min_entries":
            return [(base, ">=", self.value - off)]
        if self.kind in ("max_entries", "max_eur"):
            return [(base, "<=", self.value - off)]
        ref = self.reference(case)
        return [(base + "__min", ">=", ref * (1 - self.value / 100) - off),
                (base + "__max", "<=", ref * (1 + self.value / 100) - off)]

    def coefficient(self, m) -> float:
        """What one new entry of a member adds to the left-hand side."""
        return m.cost_per_entry_eur if self.kind == "max_eur" else 1.0

    @property
    def unit(self) -> str:
        return "EUR" if self.kind == "max_eur" else "entries"

    @property
    def judgement(self) -> bool:
        """The number is the planner's own judgement (its source starts POLICY or ESTIMATE), not a
        promise printed in the seed or a decision: every output says so beside the price."""
        return self.source.lstrip().upper().startswith(("POLICY", "ESTIMATE"))


@dataclass(frozen=True)
class Link:
    follower: str                 #: measure id of the follower (e.g. hf2-16i-coaching)
    leader: str                   #: measure id it follows (hf2-16i)
    mode: str = "at_most"         #: at_most or exactly
    ratio: float = 1.0            #: follower entries per leader entry
    source: str = ""
    active: bool = True
    origin: str = ""
    #: follower entries allowed above ratio × leader (0; the re-plan of the running year absorbs the
    #: rounding of the actuals with it, see rest_of_year_policy)
    allowance: float = 0.0

    def __post_init__(self) -> None:
        if self.mode not in LINK_MODES:
            raise InputError(T.LINK_BAD_MODE.format(follower=self.follower, allowed=", ".join(LINK_MODES)))
        if not self.ratio > 0:
            raise InputError(T.LINK_BAD_RATIO.format(follower=self.follower))

    @property
    def name(self) -> str:
        return "link__" + self.follower.replace("-", "_")

    def bounds(self) -> list[tuple[str, str]]:
        """(constraint name, sense) of follower − ratio × leader (entries, fixed + new) vs 0."""
        rows = [(self.name, "<=")]
        return rows + [(self.name + "__min", ">=")] if self.mode == "exactly" else rows


@dataclass(frozen=True)
class Policy:
    commitments: tuple[Commitment, ...] = ()
    links: tuple[Link, ...] = ()
    enabled: bool = True
    disabled_by: str = ""          #: why it is off (--no-policy, a scenario's policy.active)

    @property
    def active_commitments(self) -> tuple[Commitment, ...]:
        return tuple(c for c in self.commitments if c.active) if self.enabled else ()

    @property
    def active_links(self) -> tuple[Link, ...]:
        return tuple(lk for lk in self.links if lk.active) if self.enabled else ()

    def off(self, why: str) -> "Policy":
        return Policy(self.commitments, self.links, enabled=False, disabled_by=why)


def commitment_lhs(case, c: Commitment, new_entries: dict[str, float]) -> float:
    return sum(c.coefficient(m) * new_entries.get(m.id, 0.0) for m in c.members(case))


def link_entries(case, lk: Link, new_entries: dict[str, float]) -> tuple[float, float]:
    """(follower entries, leader entries), each fixed + new."""
    f, lead = case.measure(lk.follower), case.measure(lk.leader)
    return f.total_entries(new_entries.get(f.id, 0.0)), lead.total_entries(new_entries.get(lead.id, 0.0))


def empty_linked_places(case, new_entries: dict[str, float]) -> list[dict]:
    """Every declared link (on or off) on a plan: pre-bought places of the follower without a
    participant of the leader, and what they cost (the follower's cost per place, if the table has one)."""
    out = []
    for lk in case.policy.links:
        f = case.measure(lk.follower)
        fe, le = link_entries(case, lk, new_entries)
        served = lk.ratio * le
        empty = max(0.0, min(f.prebought_entries, fe - served))
        price = f.cost_per_entry_eur or (f.fixed_spend_eur / f.prebought_entries if f.prebought_entries else 0.0)
        out.append({"follower": lk.follower, "leader": lk.leader, "mode": lk.mode, "ratio": lk.ratio,
                    "active": lk.active and case.policy.enabled, "source": lk.source,
                    "follower_entries": fe, "leader_entries": le, "prebought_places": f.prebought_entries,
                    "empty_prebought_places": empty, "unused_eur": empty * price if price else None})
    return out


def rest_of_year_policy(case, derived_measures: dict, done: dict[str, float], month: int) -> tuple[Policy, list[str]]:
    """The commitments for the re-plan of the running year (amip replan): the entries to date
    (``done``: measure id → entries made up to ``month``) count towards each commitment, so its rows
    bound the remaining new entries by the promise less what is done (``offset``; a corridor keeps its
    reference). A commitment the rest of the year can no longer keep within the measures' bounds of
    the re-plan (``derived_measures``: id → Measure) is lifted with a note; links need no change (their
    entries are totals)."""
    from amip import texts as T
    from amip.models.fmt import num

    out, notes = [], []
    for c in case.policy.commitments:
        members = c.members(case)
        off = sum(c.coefficient(m) * done.get(m.id, 0.0) for m in members)
        ref = c.reference(case) if c.kind == "corridor" else None
        shifted = Commitment(**{**{f: getattr(c, f) for f in c.__dataclass_fields__},
                                "offset": c.offset + off,
                                "reference_entries": ref if ref is not None else c.reference_entries})
        if c.active and case.policy.enabled:
            dm = [derived_measures[m.id] for m in members if m.id in derived_measures]
            low = sum(c.coefficient(m) * m.lower_entries for m in dm)
            high = sum(c.coefficient(m) * m.upper_entries for m in dm)
            for _name, sense, rhs in shifted.bounds(case):
                short = rhs - high if sense == ">=" else low - rhs   # > 0: out of reach
                if short > TOL * max(1.0, abs(rhs)):
                    notes.append(T.REPLAN_POLICY_LIFTED.format(label=c.label, m=month, done=num(off, 0)))
                    shifted = Commitment(**{**{f: getattr(shifted, f) for f in c.__dataclass_fields__},
                                            "active": False})
                    break
                if short > 0:   # the actuals' rounding: the promise is kept to the last place reachable
                    delta = short if sense == ">=" else -short
                    shifted = Commitment(**{**{f: getattr(shifted, f) for f in c.__dataclass_fields__},
                                            "offset": shifted.offset + delta})
        out.append(shifted)
    links = []
    for lk in case.policy.links:
        f, lead = derived_measures.get(lk.follower), derived_measures.get(lk.leader)
        if lk.active and case.policy.enabled and f is not None and lead is not None:
            most = lk.ratio * (lead.fixed_entries + (lead.upper_entries if lead.budget_basis.has_new_entries else 0.0))
            least = f.fixed_entries
            short = least - most
            if short > TOL * max(1.0, least):
                notes.append(T.REPLAN_LINK_LIFTED.format(follower=lk.follower, leader=lk.leader, m=month,
                                                         most=num(most, 0), least=num(least, 0)))
                lk = Link(lk.follower, lk.leader, lk.mode, lk.ratio, lk.source, False, lk.origin)
            elif short > 0:   # the actuals' rounding
                lk = Link(lk.follower, lk.leader, lk.mode, lk.ratio, lk.source, True, lk.origin, allowance=short)
        links.append(lk)
    return Policy(tuple(out), tuple(links), case.policy.enabled, case.policy.disabled_by), notes
