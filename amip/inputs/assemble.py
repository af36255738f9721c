"""One request, one assembly: what a command asks for (``CaseRequest``) becomes a ``Case`` through
named steps, in the order they apply. This file is the whole path from the command line to the case:

1. ``resolve_scenario``     the scenario file and its ancestors (default: the shipped ``base``)
2. ``tables_of``            which case and which tables: the request's, else the scenario's
3. ``read_case``            the case file (folder, case.yaml or workbook), or the neutral frame of a
                            measure table without a case
4. ``apply_case_policy``    the case file's commitments (case.yaml ``policy.commitments``)
5. ``apply_planning_file``  the case's planning file (durations, classes, limits) and its links
5b. ``apply_history``       ``--history``: the measures with own results at their pooled rates (issue 27)
6. ``apply_scenario``       the scenario's own settings (amip.scenarios.apply)
7. ``override_budget``      ``--budget``
8. ``choose_effect``        ``--effect``, else the scenario's ``effect``, else gross
9. ``switch_on_features``   ``--integer``/``--returns``/``--groups``/``--staff``
10. ``switch_off_policy``   ``--no-policy``
11. ``check_horizon``       ``--horizon``: 2 to 5 years, and an EGT path (budget.egt_path) for each later one

Each step is a small function of the case so far (and the request); a test can call one alone. A new
input is one field of ``CaseRequest`` (its name is the click parameter name of its option in
``amip.cli_options.case_options``) and one step here: the plan workbook records it
(``CaseRequest.options()``) and ``evaluate --plan`` replays it without another line.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from amip import texts as T
from amip.errors import InputError
from amip.inputs.loader import (
    DEFAULT_CASE,
    RULES_DIR,
    is_workbook,
    load_case,
    load_neutral_case,
    load_yaml,
    read_text,
    resolve_case_path,
)
from amip.models import Case
from amip.models.planning import FEATURES
from amip.scenarios.apply import apply_scenario
from amip.scenarios.planning import apply_planning
from amip.scenarios.policy import apply_policy
from amip.scenarios.resolver import SCENARIO_DIR, Origin, ResolvedScenario, line_index, origins_of, resolve
from amip.scenarios.schema import POLICY, Where, validate_node


@dataclass(frozen=True)
class CaseRequest:
    """Everything a command asks of its case; None/False/empty: not asked (the case's or scenario's own)."""

    case_path: Path | None = None     #: --case: a case folder, case.yaml or case workbook
    scenario: str | Path | None = None   #: --scenario: a shipped name or a file (default: base)
    measures: Path | None = None      #: --measures: a CSV or workbook replacing the case's measure table
    sheet: str | None = None          #: --sheet: the sheet of a --measures workbook
    rates: Path | None = None         #: --rates: a rate table replacing the case's
    budget: float | None = None       #: --budget: the Neufallbudget in euros
    features: frozenset[str] = frozenset()   #: planning features switched on (--integer, …)
    effect: str | None = None         #: --effect: gross, net or kennzahl
    effects: Path | None = None       #: --effects: a net-effect table replacing the case's
    no_policy: bool = False           #: --no-policy: commitments and links off
    history: Path | None = None       #: --history: the jobcenter's own results per measure and year (issue 27)
    horizon: int | None = None        #: --horizon: years of a multi-year plan (optimize; issue 26)

    def __post_init__(self) -> None:
        unknown = set(self.features) - set(FEATURES)
        if unknown:   # a programming error, not bad input: the command line offers only FEATURES
            raise ValueError(f"unknown planning features {sorted(unknown)}")
        object.__setattr__(self, "features", frozenset(self.features))

    @classmethod
    def from_options(cls, options: dict) -> "CaseRequest":
        """From command-line values by CASE_OPTIONS name (a feature flag by its own name, true if on);
        names that are not case options are ignored."""
        own = {f.name for f in fields(cls)} - {"features"}
        values = {k: v for k, v in options.items() if k in own}
        return cls(**values, features=frozenset(f for f in FEATURES if options.get(f)))

    def options(self) -> dict:
        """The request as plain JSON values by CASE_OPTIONS name (paths absolute, flags true, unset left
        out): what a plan workbook records."""
        out = {}
        for name in CASE_OPTIONS:
            value = (name in self.features) if name in FEATURES else getattr(self, name)
            if value is None or value is False:
                continue
            out[name] = str(Path(value).resolve()) if isinstance(value, Path) else value
        return out


#: The request's fields as the command line names them (its click parameter names), in the order a
#: plan workbook records them: the fields in their order, ``features`` as one flag each (in the order
#: of their --help).
CASE_OPTIONS = tuple(name for f in fields(CaseRequest)
                     for name in (T.HELP_FEATURE if f.name == "features" else (f.name,)))


def assemble_case(request: CaseRequest) -> Case:
    """The case the request describes (see the module doc for the steps)."""
    rs = resolve_scenario(request)
    tables = tables_of(request, rs)
    case = read_case(tables, rs)
    case = apply_case_policy(case, tables)
    case = apply_planning_file(case, tables)
    case = apply_history(case, request.history)
    case = apply_scenario(case, rs)
    case = override_budget(case, request.budget)
    check_budget_chain(case)
    case = choose_effect(case, request.effect, rs)
    case = switch_on_features(case, request.features)
    case = switch_off_policy(case, request.no_policy)
    check_horizon(case, request.horizon)
    return case


def base_case(request: CaseRequest, rs: ResolvedScenario) -> Case:
    """The case a scenario starts from (steps 2-5): its tables and the case's own files, before the
    scenario's settings (``amip scenarios show`` compares the two)."""
    tables = tables_of(request, rs)
    return apply_planning_file(apply_case_policy(read_case(tables, rs), tables), tables)


# --------------------------------------------------------------------------- 1. the scenario
def resolve_scenario(request: CaseRequest) -> ResolvedScenario:
    """The scenario and its ancestors; a ``year`` needs a rule file."""
    rs = resolve(request.scenario or "base")
    year = rs.get("year")
    if year is not None and not (RULES_DIR / f"{year}.yaml").is_file():
        known = sorted(p.stem for p in RULES_DIR.glob("*.yaml"))
        raise rs.error(("year",), T.RULES_NO_YEAR.format(year=year, known=", ".join(known)))
    return rs


# --------------------------------------------------------------------------- 2. the files
@dataclass(frozen=True)
class Tables:
    """The case and the tables a request and its scenario name (the request's first)."""

    case_ref: Path | str | None   #: the case given, else the scenario's ``case:``; None: Duisburg or neutral
    measures: Path | str | None   #: a measure table replacing the case's (``file.xlsx#sheet`` for a sheet)
    rates: Path | str | None
    effects: Path | str | None
    year: int | None              #: the rule year to read the case with (None: the case's own)
    neutral_budget: float | None  #: the Neufallbudget of the neutral frame (--budget, else the scenario's)

    @property
    def own_table(self) -> bool:
        """The case's own measure table: its commitments and links apply."""
        return self.measures is None


def tables_of(request: CaseRequest, rs: ResolvedScenario) -> Tables:
    """The case: ``--case``, else the scenario's ``case:``, else Duisburg 2020 (or the neutral frame
    of a measure table without a case, which needs a Neufallbudget). ``--sheet`` needs a workbook."""
    measures = request.measures
    if request.sheet is not None:
        if measures is None or not is_workbook(measures):
            raise InputError(T.ERR_SHEET_NEEDS_XLSX)
        measures = Path(f"{measures}#{request.sheet}")
    year = rs.get("year")
    o = rs.origin(("year",))
    if request.case_path is not None and o is not None and Path(o.file) == SCENARIO_DIR / "base.yaml":
        year = None   # --case with the default scenario: the case's own year (base only states Duisburg's)
    return Tables(case_ref=request.case_path or rs.get("case"), measures=measures or rs.get("measures"),
                  rates=request.rates or rs.get("rate_table"), effects=request.effects or rs.get("effect_table"),
                  year=year, neutral_budget=request.budget or rs.get("budget", "neufallbudget_eur", "value"))


# --------------------------------------------------------------------------- 3. the case
def read_case(tables: Tables, rs: ResolvedScenario) -> Case:
    """The case file with the tables; a measure table without a case: the neutral frame."""
    if tables.case_ref is None and tables.measures is not None:
        if tables.neutral_budget is None:
            raise InputError(T.NO_FRAME)
        return load_neutral_case(Path(tables.measures), budget_eur=float(tables.neutral_budget), rates=tables.rates,
                                 year=rs.get("year"), effects=tables.effects)
    path = resolve_case_path(tables.case_ref, what="case") if tables.case_ref else DEFAULT_CASE
    return load_case(path, measures=tables.measures, rates=tables.rates, year=tables.year, effects=tables.effects)


def _neutral(case: Case) -> bool:
    return "case" not in case.files


# --------------------------------------------------------------------------- 4. the case file's commitments
def apply_case_policy(case: Case, tables: Tables) -> Case:
    """The commitments of the case file (case.yaml ``policy.commitments``), checked against the same
    schema as a scenario's and reported with the case file's line numbers. They are promises about
    the case's own measure table: with another table (--measures, a scenario's ``measures:``) they
    are not applied (a scenario's own policy still is), and the case says so."""
    if _neutral(case):
        return case
    if not tables.own_table:
        return case
    if Path(case.files["case"]).suffix.lower() not in (".yaml", ".yml"):
        return case   # a case workbook: no commitments of its own (a scenario may add them)
    path = Path(case.files["case"])
    raw = load_yaml(path, "case file")
    commitments = (raw.get("policy") or {}).get("commitments")
    if commitments is None:
        return case
    file = str(path)
    where = Where(file, line_index(read_text(path, "case file"), file))
    data = {"policy": {"commitments": validate_node(commitments, POLICY.fields["commitments"],
                                                    ("policy", "commitments"), where, None)}}
    origins = origins_of(data, where)
    origins[("policy",)] = Origin(file, where.line(("policy",)))
    rs = ResolvedScenario(name=case.name, description="", file=file, chain=(file,), data=data, origins=origins)
    return apply_policy(case, rs, [], base=True)


# --------------------------------------------------------------------------- 5. the planning file
def apply_planning_file(case: Case, tables: Tables) -> Case:
    """The case's planning file (``planning:`` in case.yaml), read as a scenario: its planning data and,
    with the case's own table, its links. Its notes stay out of the scenario's notes."""
    if _neutral(case):
        return case
    if "planning" in case.files:
        planning_rs = resolve(Path(case.files["planning"]))
        case = apply_planning(case, planning_rs, [], planning_file=True)
        if tables.own_table:
            case = apply_policy(case, planning_rs, [], base=True)   # its links
    if not tables.own_table:
        case = replace(case, notes=case.notes + (T.POLICY_OTHER_TABLE,))
    return case


# --------------------------------------------------------------------------- 5b. the own results
def apply_history(case: Case, history: Path | None) -> Case:
    """``--history``: each measure with own results at its pooled rate, the 90 % interval its range
    (``amip.rates``: beta-binomial partial pooling with the case's rate table as the prior); before
    the scenario, which may still scale the rates, and in gross rates (what the history counts)."""
    if history is None:
        return case
    from amip.inputs.history import read_history
    from amip.rates.estimate import estimate_rates, with_history

    return with_history(case, estimate_rates(case, read_history(Path(history), case)))


# --------------------------------------------------------------------------- 7.-10. the command line's last word
def override_budget(case: Case, budget_eur: float | None) -> Case:
    """``--budget``: the Neufallbudget, whatever the case and the scenario say."""
    if budget_eur is None:
        return case
    return replace(case, budget=case.budget.with_neufallbudget(budget_eur, "--budget"),
                   notes=case.notes + (f"--budget: Neufallbudget set to {budget_eur:,.0f} €",))


def check_budget_chain(case: Case) -> None:
    """A Neufallbudget the budget chain makes negative (Vorbindungen above the EGT-Zuteilung, issue 29) is
    bad input naming the chain's keys and values, not an infeasible plan: no plan can spend less than
    nothing. A --budget or a scenario's neufallbudget_eur replaces the chain and is checked by Budget."""
    from amip.models.fmt import eur

    b = case.budget
    if b.override_neufallbudget_eur is not None or b.derived_neufallbudget_eur >= 0:
        return
    if b.egt_zuteilung_given_eur is not None:
        terms = [("", "egt_zuteilung_eur", b.egt_zuteilung_given_eur)]
    else:
        terms = [("", "globalbudget_eur", b.globalbudget_eur), ("− ", "verwaltung_gesamt_eur", b.verwaltung_gesamt_eur),
                 ("+ ", "kfa_eur", b.kfa_eur), ("+ ", "rueckeinnahmen_verwaltung_eur", b.rueckeinnahmen_verwaltung_eur),
                 ("+ ", "umschichtung_eur", b.umschichtung_eur)]
    terms += [("− ", "vorbindungen_eur", b.vorbindungen_eur), ("− ", "umschichtung_eur", b.umschichtung_eur),
              ("+ ", "rueckeinnahmen_egt_eur", b.rueckeinnahmen_egt_eur)]
    chain = " ".join(f"{sign}budget.{key} ({eur(v)})" for sign, key, v in terms)
    raise InputError(T.BUDGET_CHAIN_NEGATIVE.format(got=eur(b.derived_neufallbudget_eur), chain=chain),
                     file=case.files.get("case"))


def choose_effect(case: Case, effect: str | None, rs: ResolvedScenario) -> Case:
    """The effect measure (``effect``, else the scenario's ``effect``, else gross), switched on after the
    scenario's gross rates and net-effect multipliers have acted."""
    chosen = effect or T.EFFECT_CODES.get(rs.get("effect"), rs.get("effect")) or "gross"   # 'netto' → net
    try:
        return case.with_effect(chosen)
    except InputError as e:
        if effect is None and rs.get("effect"):
            raise rs.error(("effect",), str(e)) from None
        raise InputError(f"--effect {chosen}: {e}", file=case.files.get("effects")) from None


def switch_on_features(case: Case, features: frozenset[str]) -> Case:
    """The planning features the command line switches on, on top of the case's and scenario's."""
    if not features:
        return case
    flags = ", ".join("--" + f for f in sorted(features))
    return replace(case, planning=replace(case.planning, features=case.planning.switched_on(features)),
                   notes=case.notes + (T.FEATURES_NOTE.format(flags=flags),))


def switch_off_policy(case: Case, no_policy: bool) -> Case:
    """``--no-policy``: every commitment and link off (the plan's price of them is then zero)."""
    if not no_policy:
        return case
    return replace(case, policy=case.policy.off("--no-policy"), notes=case.notes + (T.NO_POLICY_NOTE,))


def check_horizon(case: Case, horizon: int | None) -> None:
    """``--horizon N``: N from 2 to 5, and the case's EGT path (if it has one) names each later year."""
    if horizon is None:
        return
    from amip.models.horizon import check_egt_path
    from amip.models.horizon import check_horizon as check_years

    check_years(horizon)
    check_egt_path(case, horizon)


def load_scenario(name_or_path: str | Path | None = None, *, measures: Path | None = None,
                  rates: Path | None = None, budget_eur: float | None = None, case: Path | None = None,
                  effects: Path | None = None, effect: str | None = None) -> Case:
    """A scenario (default: the shipped 'base') as a Case, measured in ``effect``: ``assemble_case``
    with these fields of the request (for library use and tests)."""
    return assemble_case(CaseRequest(scenario=name_or_path, measures=measures, rates=rates, budget=budget_eur,
                                     case_path=case, effects=effects, effect=effect))
