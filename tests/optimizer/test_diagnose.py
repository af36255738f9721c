"""Infeasibility diagnosis and --explain, each claim re-checked by solving again."""
from dataclasses import replace

import pytest

from amip.errors import InfeasibleError
from amip.models import check_allocation
from amip.optimizer import build_model, optimize
from amip.optimizer.diagnose import diagnose
from amip.optimizer.explain import explain
from amip.scenarios import load_scenario


def _apply(case, changes):
    """The case with the diagnosis' changes made."""
    budget, fields, measures = case.budget, list(case.fields), {m.id: m for m in case.measures}
    for c in changes:
        if c["constraint"] == "budget__neufall":
            budget = budget.with_neufallbudget(c["needed"], "diagnosis")
        elif c["constraint"].startswith("field_min__"):
            fid = c["constraint"].split("__")[1].upper()
            fields = [replace(f, min_entries=c["needed"]) if f.id == fid else f for f in fields]
        elif c["constraint"].startswith(("lower__", "upper__")):
            side, mid = c["constraint"].split("__", 1)
            m = next(m for m in case.measures if m.id.replace("-", "_") == mid)
            measures[m.id] = replace(m, **{f"{side}_entries": c["needed"]})
        else:
            raise AssertionError(f"unexpected change {c}")
    return replace(case, budget=budget, fields=tuple(fields), measures=tuple(measures.values()))


@pytest.mark.parametrize("budget", [5e6, 10e6, 15e6])
def test_the_smallest_changes_make_the_plan_feasible(case, budget):
    bad = replace(case, budget=case.budget.with_neufallbudget(budget, "test"))
    with pytest.raises(InfeasibleError) as e:
        optimize(bad)
    d = e.value.diagnosis
    assert "budget__neufall" in d["conflicts"] and d["changes"]
    fixed = _apply(bad, d["changes"])
    r = optimize(fixed)
    assert check_allocation(fixed, r.new_entries, tol=1e-6) == []


def test_the_conflict_set_is_irreducible(case):
    bad = replace(case, budget=case.budget.with_neufallbudget(5e6, "test"))
    built = build_model(bad)
    d = diagnose(bad, built)
    assert set(d.conflicts) == {"budget__neufall", "field_min__hf2"}
    # Dropping any one member makes the rest feasible.
    for name in d.conflicts:
        if name == "budget__neufall":
            relaxed = replace(bad, budget=bad.budget.with_neufallbudget(1e9, "test"))
        else:
            relaxed = replace(bad, fields=tuple(replace(f, min_entries=0) if f.id == "HF2" else f for f in bad.fields))
            relaxed = replace(relaxed, fields=tuple(replace(f, min_entries=0) if f.id != "HF2" else f
                                                    for f in relaxed.fields))
        assert optimize(relaxed).is_optimal


def test_the_needed_budget_is_exact(case):
    """'brauchen mindestens X €': with X (+ fixed items) the plan is feasible, with 1 % less it is not."""
    bad = replace(case, budget=case.budget.with_neufallbudget(5e6, "test"))
    with pytest.raises(InfeasibleError) as e:
        optimize(bad)
    text = next(f for f in e.value.diagnosis["findings"] if f.startswith("Alle Grenzen zusammen"))
    need = float(text.split("brauchen mindestens ")[1].split(" €")[0].replace(".", ""))
    enough = need + case.fixed_spend_eur + 1
    assert optimize(replace(case, budget=case.budget.with_neufallbudget(enough, "t"))).is_optimal
    with pytest.raises(InfeasibleError):
        optimize(replace(case, budget=case.budget.with_neufallbudget(0.99 * enough, "t")))


def test_shipped_infeasible_example():
    c = load_scenario("tests/data/infeasible.yaml")
    with pytest.raises(InfeasibleError) as e:
        optimize(c)
    assert {"budget__neufall", "field_min__hf1"} <= set(e.value.conflicts)
    assert "erreicht HF1 höchstens" in str(e.value)


@pytest.fixture(scope="module")
def explained(case):
    r = optimize(case)
    return r, explain(case, r)


def test_explain_names_the_budget_and_the_binding_minimum(case, explained):
    r, ex = explained
    assert ex["unspent"]["eur"] < 1 and "ganz verplant" in ex["unspent"]["text"]
    assert any(b["constraint"] == "field_min__hf2" for b in ex["binding"])
    # the shadow price per 100.000 €, checked by solving again with a little more money (no pinned figure)
    more = optimize(replace(case, budget=case.budget.with_neufallbudget(case.budget.neufallbudget_eur + 1_000, "test")))
    assert ex["budget_shadow_price_per_100k"] == pytest.approx((more.objective - r.objective) * 100, rel=1e-3)


@pytest.mark.parametrize("mid", ["hf2-16e", "hf1-fbw-teilqualifizierung", "hf2-16i"])
def test_the_rate_a_measure_needs_is_verified_by_solving_again(case, explained, mid):
    """The needed rate from the reduced cost: a little above it the measure gets money, below it not."""
    _, ex = explained
    u = next(u for u in ex["unfunded"] if u["id"] == mid)
    for delta, funded in ((+0.01, True), (-0.01, False)):
        ms = tuple(m.with_rate(u["needed_rate"] + delta) if m.id == mid else m for m in case.measures)
        got = {m.id: m.new_entries for m in optimize(replace(case, measures=ms)).measures}[mid]
        assert (got > 1e-6) is funded, (mid, delta, got)


def test_explain_reports_unspent_money_and_what_stops_it(case):
    rich = replace(case, budget=case.budget.with_neufallbudget(80e6, "test"))
    r = optimize(rich)
    ex = explain(rich, r)
    assert ex["unspent"]["eur"] == pytest.approx(r.budget_limit - r.budget_used)
    assert ex["unspent"]["eur"] > 1e6 and "bleiben ungenutzt" in ex["unspent"]["text"]
    assert len(ex["unspent"]["at_upper_bound"]) > 10


# --------------------------------------------------------------------------- alone or only together
def _moved(case, constraint: str, value: float | None):
    """The case with the limit ``constraint`` at ``value`` (the planner's figure); None drops the limit."""
    if constraint == "budget__neufall":
        return replace(case, budget=case.budget.with_neufallbudget(1e12 if value is None else value, "test"))
    if constraint.startswith("field_min__"):
        fid = constraint.split("__")[1].upper()
        return replace(case, fields=tuple(replace(f, min_entries=value or 0) if f.id == fid else f
                                          for f in case.fields))
    if constraint.startswith("policy__") and constraint.endswith("__min"):
        # a corridor's lower side: the same corridor as two rows, the lower one moved (or dropped)
        name = constraint[len("policy__"):-len("__min")]
        c = next(c for c in case.policy.commitments if c.name == name)
        assert c.kind == "corridor" and c.offset == 0
        high = replace(c, name=name + "_max", kind="max_entries", value=c.reference(case) * (1 + c.value / 100))
        low = [] if value is None else [replace(c, name=name + "_min", kind="min_entries", value=value)]
        others = tuple(k for k in case.policy.commitments if k.name != name)
        return replace(case, policy=replace(case.policy, commitments=others + (high, *low)))
    return _apply(case, [{"constraint": constraint, "needed": value}])


def _feasible(case) -> bool:
    try:
        return optimize(case).is_optimal
    except InfeasibleError:
        return False


def _check_every_claim(bad, d: dict) -> None:
    """Re-solve every stated change: all together, each alone at its stated figure, and each limit alone
    at the figure stated for it alone (and a little less of a change there: then no plan)."""
    together = bad
    for c in d["changes"]:
        together = _moved(together, c["constraint"], c["needed"])
    assert d["changes_together_feasible"] is True and _feasible(together)
    for c in d["changes"]:
        assert _feasible(_moved(bad, c["constraint"], c["needed"])) is c["alone_feasible"], c
        assert ("reicht allein" in c["message"]) is c["alone_feasible"]
        if c["alone_needed"] is None:   # no figure: even without the limit there is no plan
            assert not _feasible(_moved(bad, c["constraint"], None)), c
            assert "auch ganz ohne diese Grenze gibt es keinen Plan" in c["message"]
            continue
        assert _feasible(_moved(bad, c["constraint"], c["alone_needed"])), c
        short = c["current"] + 0.99 * (c["alone_needed"] - c["current"])   # 1 % less of the change
        assert not _feasible(_moved(bad, c["constraint"], short)), c
    several_needed = len(d["changes"]) > 1 and not any(c["alone_feasible"] for c in d["changes"])
    assert ("nur zusammen" in d["changes_head"]) is several_needed


def test_changes_that_only_work_together_say_so_and_each_alone_figure_is_resolved(tmp_path):
    """The trial's case (finding 2): the Duisburg scenario with 10 M€. Three changes work only together;
    the budget alone needs its own figure, fixed items included (the trial found the combined
    22.056.976 € infeasible alone, 23.402.200 € feasible)."""
    (tmp_path / "inf.yaml").write_text('name: inf\ndescription: "zu wenig Geld"\nextends: base\n'
                                       'budget:\n  neufallbudget_eur: {value: 10000000, source: "Test"}\n')
    bad = load_scenario(str(tmp_path / "inf.yaml"))
    with pytest.raises(InfeasibleError) as e:
        optimize(bad)
    d = e.value.diagnosis
    assert len(d["changes"]) > 1 and "nur zusammen" in str(e.value)
    budget = next(c for c in d["changes"] if c["constraint"] == "budget__neufall")
    assert budget["alone_feasible"] is False and budget["alone_needed"] > budget["needed"]
    need = next(f for f in d["findings"] if f.startswith("Alle Grenzen zusammen"))
    need = float(need.split("brauchen mindestens ")[1].split(" €")[0].replace(".", ""))
    assert budget["alone_needed"] == pytest.approx(need + bad.fixed_spend_eur, abs=1.5)
    _check_every_claim(bad, d)


@pytest.mark.parametrize("budget", [5e6, 10e6, 15e6])
def test_every_change_claim_is_resolved(case, budget):
    bad = replace(case, budget=case.budget.with_neufallbudget(budget, "test"))
    with pytest.raises(InfeasibleError) as e:
        optimize(bad)
    _check_every_claim(bad, e.value.diagnosis)


def test_shipped_infeasible_example_claims_are_resolved():
    bad = load_scenario("tests/data/infeasible.yaml")
    with pytest.raises(InfeasibleError) as e:
        optimize(bad)
    _check_every_claim(bad, e.value.diagnosis)


def test_the_head_line_says_alone_together_or_unverified():
    """The line above the changes follows the re-solves: one change; several with none enough alone
    ('nur zusammen'); several where one suffices alone (alternatives); a combination the re-solve
    did not confirm (said, not hidden)."""
    from amip import texts as T
    from amip.optimizer.diagnose import Change, Diagnosis

    def ch(alone):
        return Change("budget__neufall", "budget", "EUR", 1.0, 2.0, "m", alone_feasible=alone)

    assert Diagnosis((), (ch(True),), (), True).changes_head == T.DG_CHANGES_ONE
    two = Diagnosis((), (ch(False), ch(False)), (), True).changes_head
    assert "nur zusammen: mit beiden zusammen gibt es einen Plan" in two and "allen 2" not in two
    assert "mit allen 3 zusammen" in Diagnosis((), (ch(False),) * 3, (), True).changes_head
    assert Diagnosis((), (ch(True), ch(False)), (), True).changes_head == T.DG_CHANGES
    assert Diagnosis((), (ch(False), ch(False)), (), False).changes_head == T.DG_CHANGES_UNVERIFIED
    d = Diagnosis((), (ch(False), ch(False)), (), True)
    assert d.to_dict()["changes_head"] in d.text() and "nur zusammen" in d.text()
