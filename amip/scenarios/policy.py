"""Apply commitments (``policy.commitments``) and linked measures (``links``) of a file to a Case.

Three files contribute, in this order: the case file (case.yaml ``policy.commitments``), the case's
planning file (``links``), then the scenario. A scenario record for a commitment the case already has
changes only the keys it gives (``{active: false}`` switches it off, ``{min_entries: 150, source: …}``
changes its number); a new name needs a selector (``measure`` or ``instrument_type``), one of
``min_entries``, ``max_entries``, ``corridor_pct``, ``max_eur``, and a source. ``policy.active: false``
switches every commitment and link off (as ``--no-policy`` does).

The case and planning files describe the case's own measures: with another measure table
(--measures) a commitment or link whose measures are missing is skipped with a note; in a scenario it
is an error naming the file, line and key.
"""
from __future__ import annotations

from dataclasses import replace

from amip import texts as T
from amip.models import Case
from amip.models.fmt import eur, num
from amip.models.policy import NAME_RE, Commitment, Link, Policy
from amip.scenarios.resolver import ResolvedScenario

KIND_KEYS = {"min_entries": "min_entries", "max_entries": "max_entries", "corridor_pct": "corridor",
             "max_eur": "max_eur"}


def _label(selector: str, keys: tuple[str, ...], kind: str, value: float) -> str:
    what = ", ".join(keys)
    if kind == "min_entries":
        return f"{what} ≥ {num(value, 0)} Neueintritte"
    if kind == "max_entries":
        return f"{what} ≤ {num(value, 0)} Neueintritte"
    if kind == "max_eur":
        return f"{what} ≤ {eur(value)}"
    return f"{what} ± {num(value, 0)} % um den Vorjahreswert"


def _commitments(case: Case, rs: ResolvedScenario, pol: Policy, notes: list[str], base: bool) -> tuple:
    commits = {c.name: c for c in pol.commitments}
    ids = {m.id for m in case.measures}
    types = {m.instrument_type for m in case.measures}
    for name, rec in (rs.get("policy", "commitments") or {}).items():
        path = ("policy", "commitments", name)
        if not NAME_RE.match(name):
            raise rs.error(path, T.SC_COMMIT_NAME)
        old = commits.get(name)
        kinds = [k for k in KIND_KEYS if k in rec]
        sel = next((s for s in ("measure", "instrument_type") if s in rec), None)
        if old is None:
            if sel is None:
                raise rs.error(path, T.SC_COMMIT_NEEDS_TARGET)
            if not kinds:
                raise rs.error(path, T.SC_COMMIT_NEEDS_KIND)
            if not rec.get("source"):
                raise rs.error(path, T.SC_COMMIT_NEEDS_SOURCE)
        selector = sel or old.selector
        keys = tuple(rec[sel] if isinstance(rec[sel], list) else [rec[sel]]) if sel else old.keys
        if selector == "measure":
            missing = [k for k in keys if k not in ids]
        else:   # a type must be one the case knows (its table or its rate table: no typo passes), and the
            # commitment must reach one of its types in the table (an older table may lack a newer type)
            known = types | {e.key for e in case.rates.entries if e.key_type == "instrument_type"}
            missing = [k for k in keys if k not in known] or ([] if types.intersection(keys) else list(keys))
        if missing:   # every id a commitment names must exist, in the case file as in a scenario (issue 29)
            raise rs.error(path + (selector,), T.SC_COMMIT_UNKNOWN.format(
                what=T.SC_SELECTOR.get(selector, selector), keys=", ".join(missing)))
        kind = KIND_KEYS[kinds[0]] if kinds else old.kind
        value = float(rec[kinds[0]]) if kinds else old.value
        c = Commitment(
            name=name,
            label=rec.get("label") or (old.label if old and not kinds else _label(selector, keys, kind, value)),
            selector=selector, keys=keys, kind=kind, value=value,
            source=rec.get("source") or old.source,
            reference_entries=rec.get("reference_entries", old.reference_entries if old else None),
            reference_source=rec.get("reference_source", old.reference_source if old else ""),
            active=rec.get("active", old.active if old else True), origin=rs.where(path))
        if not c.members(case) and base:   # e.g. FbW referred to the Agentur für Arbeit (rules 2025)
            notes.append(f"policy.commitments.{name} skipped: {', '.join(keys)} has no new entries in this case")
            commits.pop(name, None)
            continue
        if not c.members(case):
            raise rs.error(path, T.SC_COMMIT_NO_NEW.format(keys=", ".join(keys)))
        commits[name] = c
        state = "" if c.active else " (aus)"
        notes.append(f"policy.commitments.{name}{state}: {c.label} [{rs.where(path)}; {c.source}]")
    return tuple(commits.values())


def _links(case: Case, rs: ResolvedScenario, pol: Policy, notes: list[str], base: bool) -> tuple:
    links = {lk.follower: lk for lk in pol.links}
    ids = {m.id for m in case.measures}
    for follower, rec in (rs.get("links") or {}).items():
        path = ("links", follower)
        old = links.get(follower)
        leader = rec.get("follows") or (old.leader if old else None)
        if leader is None:
            raise rs.error(path, T.SC_LINK_NEEDS_FOLLOWS)
        missing = [k for k in (follower, leader) if k not in ids]
        if missing:   # every id a link names must exist (issue 29)
            raise rs.error(path, T.SC_LINK_UNKNOWN.format(keys=", ".join(missing)))
        if follower == leader:
            raise rs.error(path, T.SC_LINK_SELF)
        if not rec.get("source") and old is None:
            raise rs.error(path, T.SC_LINK_NEEDS_SOURCE)
        lk = Link(follower=follower, leader=leader, mode=rec.get("mode", old.mode if old else "at_most"),
                  ratio=float(rec.get("ratio", old.ratio if old else 1.0)), source=rec.get("source") or old.source,
                  active=rec.get("active", old.active if old else True), origin=rs.where(path))
        links[follower] = lk
        notes.append(f"links.{follower}: follows {leader} ({lk.mode}, ratio {lk.ratio:g})"
                     f"{'' if lk.active else ' (aus)'} "
                     f"[{rs.where(path)}; {lk.source}]")
    return tuple(links.values())


def apply_policy(case: Case, rs: ResolvedScenario, notes: list[str], *, base: bool = False) -> Case:
    """The case with the file's commitments and links applied (see module doc)."""
    pol = case.policy
    commitments = _commitments(case, rs, pol, notes, base)
    links = _links(case, rs, pol, notes, base)
    enabled, why = pol.enabled, pol.disabled_by
    if rs.get("policy", "active") is not None:
        enabled = bool(rs.get("policy", "active"))
        why = "" if enabled else f"policy.active: false [{rs.where(('policy', 'active'))}]"
        notes.append(f"policy.active = {str(enabled).lower()} [{rs.where(('policy', 'active'))}]")
    return replace(case, policy=Policy(commitments, links, enabled=enabled, disabled_by=why))
