"""The price of every commitment (Politik) and link: what the optimum loses to it.

Two numbers per commitment, both in the unit of the active objective (integrations unless a scenario
or --objective weights it):

- **exact**: the optimum without the commitment minus the optimum with it. The model PuLP built and
  HiGHS solved is re-solved in place (``prob.solverModel``): the commitment's rows get infinite bounds,
  HiGHS runs from the nominal basis, the bounds are restored. No model is rebuilt, and whatever the
  model optimises (an effect measure, weights) is what the price is measured in.
- **dual**: |shadow price| × the amount the commitment forces (the distance from its right-hand side
  to where the row stops restricting the variables' bounds). The optimum is concave in a right-hand
  side (any optimal dual is a supergradient), so this first-order estimate is an upper bound of the
  exact price.

A commitment whose measure leads a link (§ 16i and its coaching, see ``priced_rows``) may cost nothing
on its own because the link binds in its place (the 198 coaching places hold § 16i at 198, the promise
is 150). Its price is then three re-solves, each a true sentence: without the commitment alone
(``price_integrations``, Duisburg 0), without it and its links together (``price_with_links``, 99,4),
and the difference to the links' own price (``price_after_links``, 70,2: what the commitment costs once
the links are dropped). The link is priced alone (29,1), like a commitment.

The limits on later years' money (Verpflichtungsermächtigungen, ``Planning.commitment_limits``, issue 26)
are priced here the same way, each on its own row ``commitment__<year>`` (``limit_rows``); they are not
part of the total of the commitments (the plan's promises), which stays as it was.

Goal mode (least money for a target) minimises euros; its prices are not computed (None).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from amip import texts as T
from amip.errors import SolverError
from amip.models import Case
from amip.models.check import constraint_name
from amip.optimizer.build import BuiltModel
from amip.optimizer.highs import MAX_SIGN, shadow_price, solver_chatter_to_stderr
from amip.optimizer.reports import PolicyPrice, PolicyPrices, PolicyTotal


def priced_rows(case: Case) -> list[tuple[str, list[str], list[str]]]:
    """(commitment or link name, its constraint names, the links relaxed with it) of every active
    commitment and link. A link whose leader a commitment bounds may force more than the commitment
    (the 198 pre-bought § 16i coaching places hold § 16i at 198, the promise is 150): a commitment is
    priced alone and together with the links of its measures (module doc), the link on its own."""
    links = case.policy.active_links
    out = []
    for c in case.policy.active_commitments:
        ids = {m.id for m in c.members(case)}
        with_links = [lk.name for lk in links if lk.leader in ids]
        rows = [n for n, _, _ in c.bounds(case)] + [n for lk in links if lk.name in with_links for n, _ in lk.bounds()]
        out.append((c.name, rows, with_links))
    return out + [(lk.name, [n for n, _ in lk.bounds()], []) for lk in links]


def limit_rows(case: Case) -> list[tuple[str, list[str], list[str]]]:
    """(row name, [row name], no links) of every limit on a later year's money: each is priced alone."""
    names = [constraint_name("commitment", str(lim.year)) for lim in case.planning.commitment_limits]
    return [(n, [n], []) for n in names]


def _forced(con, sense_ge: bool) -> float:
    """|rhs − the row's extreme over the variables' bounds|: how far the row pushes the plan."""
    lo = hi = con.constant
    for v, a in con.items():
        lb = v.lowBound if v.lowBound is not None else -np.inf
        ub = v.upBound if v.upBound is not None else np.inf
        lo += min(a * lb, a * ub)
        hi += max(a * lb, a * ub)
    # the row is  expr + constant (≥|≤) 0 in PuLP's form
    natural = lo if sense_ge else hi
    return abs(natural) if np.isfinite(natural) else float("nan")


def price_policy(case: Case, built: BuiltModel) -> PolicyPrices:
    """The price of every active commitment and link, and of all together, on a solved model (see
    module doc)."""
    import highspy
    import pulp

    known = set(built.constraint_names)
    limit_groups = limit_rows(case)
    limits = {name for name, _, _ in limit_groups}
    groups = [(name, [n for n in names if n in known], w) for name, names, w in priced_rows(case) + limit_groups]
    groups = [(name, names, w) for name, names, w in groups if names]
    if not groups:
        return PolicyPrices({})
    own = {name: [n for n in names if not n.startswith("link__")] or names for name, names, _ in groups}
    prob = built.prob
    con = prob.get_constraint_by_name
    maximise = prob.sense == pulp.LpMaximize
    out: dict[str, PolicyPrice] = {}
    for name, _names, with_links in groups:
        names = own[name]   # the dual estimate is the commitment's own (its links are priced apart)
        duals = [shadow_price(prob, con(n).pi) if not built.integer else None for n in names]
        est = None
        if not built.integer:
            est = sum(abs(d or 0.0) * _forced(con(n), con(n).sense == pulp.LpConstraintGE)
                      if abs(d or 0.0) > 1e-12 else 0.0 for n, d in zip(names, duals, strict=True))
        out[name] = PolicyPrice(constraints=tuple(names), dual=duals[0] if len(duals) == 1 else duals,
                                price_dual_estimate=est, relaxed_with=tuple(with_links))
    every = tuple(sorted({n for name, names, _ in groups if name not in limits for n in names}))
    if not maximise:
        return PolicyPrices(out, PolicyTotal(None, None, every))
    h: highspy.Highs = prob.solverModel
    optimal = highspy.HighsModelStatus.kOptimal
    inf = highspy.kHighsInf
    lp = h.getLp()
    row_lo, row_hi = np.asarray(lp.row_lower_), np.asarray(lp.row_upper_)
    basis = None if built.integer else h.getBasis()
    with solver_chatter_to_stderr():
        base = _run(h, basis, optimal)
        if base is None:
            raise SolverError(T.POLICY_NO_RESOLVE)
        def solve_without(names) -> float | None:
            """The optimum with these rows free (their bounds restored afterwards)."""
            idx = [con(n).index for n in names]
            for i in idx:
                h.changeRowBounds(i, -inf, inf)
            relaxed = _run(h, basis, optimal)
            for i in idx:
                h.changeRowBounds(i, row_lo[i], row_hi[i])
            return relaxed

        def price(names, start: float | None = None) -> tuple[float | None, float | None]:
            """(the price of relaxing these rows from ``start``, the optimum without them); None, None if
            no optimum."""
            start = base if start is None else start
            relaxed = solve_without(names)
            if relaxed is None:
                return None, None
            return (max(0.0, relaxed - start) if abs(relaxed - start) > 1e-9 else 0.0,
                    float(pulp.value(prob.objective)) + relaxed - base)

        for name, names, with_links in groups:
            alone = price(own[name])[0]   # the re-solve without this commitment (or link) alone
            links = [n for n in names if n.startswith("link__")] if with_links else []
            if links:   # and without it and its links together: where its price may only appear
                both = price(names)[0]
                link_alone = price(links)[0]
                after = (max(0.0, both - link_alone) if both is not None and link_alone is not None else None)
                out[name] = replace(out[name], price_integrations=alone, price_with_links=both,
                                    price_after_links=after,
                                    price_without_links=bool(after is not None and alone is not None
                                                             and after > alone + 1e-6))
            else:
                out[name] = replace(out[name], price_integrations=alone)
        total = PolicyTotal(*price(every), every) if every else None
        _run(h, basis, optimal)   # leave the solver at the nominal optimum
    return PolicyPrices(out, total)


def _run(h, basis, optimal) -> float | None:
    h.clearSolver()
    if basis is not None:
        h.setBasis(basis)
    h.run()
    if h.getModelStatus() != optimal:
        return None
    return MAX_SIGN * h.getInfo().objective_function_value
