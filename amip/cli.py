"""The `amip` command line. It only parses, calls and renders; errors become exit codes in one place:
0 ok, 2 bad input, 3 infeasible, 4 solver failure, 130 interrupted."""
from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path

import click

from amip import __version__
from amip import texts as T  # plain strings, cheap at start-up
from amip.cli_options import (
    EFFECT_CHOICE,
    FilePath,
    case_options,
    check_html_output,
    check_output,
    effect_options,
    euros,
    history_option,
    horizon_option,
    load,
    no_policy_option,
    not_blank,
    parse_elb,
)
from amip.cli_year import register as register_year
from amip.errors import AmipError, InputError, os_reason, path_text
from amip.export.terminal import fit  # stdlib only until a table is drawn
from amip.interrupt import exit_at_once, interrupting, say
from amip.models.planning import TARGETS  # plain data, no solver: cheap at start-up

FORMATS = click.Choice(["table", "csv", "json"])


def _german_click() -> None:
    """click's own words (usage, headings, its error messages) in German: click looks its texts up
    through gettext's ``_``/``ngettext`` in each module; these look them up in texts.CLICK_DE."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types
    import click.utils

    def de(msg: str) -> str:
        return T.CLICK_DE.get(msg, msg)

    def nde(singular: str, plural: str, n: int) -> str:
        return de(singular if n == 1 else plural)

    for mod in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui,
                click.types, click.utils):
        if hasattr(mod, "_"):
            mod._ = de
        if hasattr(mod, "ngettext"):
            mod.ngettext = nde
    # the number types' names appear in messages ("'drei' ist keine gültige Zahl (integer)") and, upper-cased,
    # as the placeholder of an option without its own metavar ("--month INTEGER"): German too
    for kind, name in ((click.types.IntParamType, "integer"), (click.types.FloatParamType, "float"),
                       (click.types.IntRange, "integer"), (click.types.FloatRange, "float")):
        kind.name = T.CLICK_DE[name]


_german_click()
CONTEXT = {"help_option_names": ["--help", "-h"], "max_content_width": 100}


class AmipCommand(click.Command):
    """A command with German placeholders in its usage line."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[OPTIONEN]")
        super().__init__(*args, **kwargs)


def _stdout_failed(e: OSError) -> None:
    """stdout cannot take the output (a full device, a closed pipe): one line on stderr, and stdout is
    pointed at the null device so that the interpreter's last flush does not fail again."""
    import os

    from amip import texts as T

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    with contextlib.suppress(OSError, ValueError):
        click.echo(T.STDOUT_FAILED.format(reason=os_reason(e)), err=True)


class AmipGroup(click.Group):
    """Maps the amip exception tree to exit codes, once for every command; no traceback for users."""

    command_class = AmipCommand
    group_class = type   # subgroups are AmipGroups too

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[OPTIONEN]")
        kwargs.setdefault("subcommand_metavar", "BEFEHL [ARGUMENTE]...")
        super().__init__(*args, **kwargs)

    def make_context(self, *args, **kwargs):
        """A signal while the command line is parsed: the line of amip.interrupt and 130 (click's own
        handler would say "Abgebrochen." and exit with 1)."""
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt as e:
            say(e)
            raise click.exceptions.Exit(130) from None

    def invoke(self, ctx: click.Context):
        from amip.inputs.reading import forget_inputs

        forget_inputs()   # the inputs of this run, which no output may overwrite
        from amip.export.files import forget_written

        forget_written()   # the outputs of this run, named if a signal ends it
        import gc

        # One run builds its case, model and result once and keeps them to the end: reference counting
        # frees what it drops, the cycle collector would only re-scan the live objects (a 10.000-measure
        # optimize: 0 objects collected in the last generation, ~20 % of the CPU time). Off for the run,
        # back on afterwards (tests run many commands in one process); `amip national` switches it on.
        collect = gc.isenabled()
        if collect:
            gc.disable()
        try:
            with interrupting():
                return super().invoke(ctx)
        except AmipError as e:
            click.echo(T.ERROR.format(message=e), err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt as e:   # SIGINT, SIGTERM, SIGHUP (amip.interrupt): what was written, 130
            say(e)
            ctx.exit(130)
        except OSError as e:   # the last net: an I/O failure outside the read/write layers, never a traceback
            import errno

            if e.errno in (errno.EPIPE, errno.ENOSPC, errno.EFBIG) and e.filename is None:
                _stdout_failed(e)
                ctx.exit(2)

            name = str(e.filename or "?")
            name = name if len(name) <= 160 else f"{name[:60]}…{name[-80:]}"
            reason = T.PATH_TOO_LONG.format(n=len(str(e.filename))) if e.errno == errno.ENAMETOOLONG else \
                os_reason(e)
            click.echo(T.ERROR.format(message=T.OS_ERROR.format(file=name, reason=reason)), err=True)
            ctx.exit(2)
        finally:
            if collect:
                gc.enable()

    def main(self, *args, **kwargs):
        """Flushes stdout inside the command's error handling: a full stdout device is exit 2 with a
        message, not an 'Exception ignored' at interpreter exit."""
        # A file name that is not UTF-8 is written as \\udcNN (in JSON: the escape of the same character),
        # never as a crash (strict) nor as raw bytes that make the output invalid UTF-8 (surrogateescape).
        for stream in (sys.stdout, sys.stderr):
            if hasattr(stream, "reconfigure") and stream.errors in ("strict", "surrogateescape"):
                stream.reconfigure(errors="backslashreplace")
        try:
            rv = super().main(*args, **kwargs)
        except SystemExit as e:
            code = e.code
            try:
                sys.stdout.flush()
            except OSError as err:
                _stdout_failed(err)
                code = code or 2
            raise SystemExit(code) from None
        return rv


def run() -> None:
    """The `amip` command (console script and ``python -m amip``): ``main()``, then the process ends
    without the interpreter's teardown, which frees every object one by one (~0,25 s after a
    10.000-measure run) although the operating system takes the memory back anyway. The exit
    handlers still run (worker pools, temporary files) and stdout and stderr are flushed; after an
    interruption, or with another thread or a child process still alive, the ordinary exit. Tests call
    ``main`` and are unaffected."""
    import atexit
    import os
    import threading

    try:
        main()
        code = 0
    except SystemExit as e:
        code = e.code
    except KeyboardInterrupt as e:   # a signal outside the command (parsing, the last flush): said here
        say(e)
        code = 130
    exit_at_once()
    if code is not None and not isinstance(code, int):   # sys.exit("text"), as Python does
        click.echo(code, err=True)
        code = 1
    mp = sys.modules.get("multiprocessing")
    if code == 130 or threading.active_count() > 1 or (mp is not None and mp.active_children()):
        sys.exit(code)   # an interrupted run, or workers or threads still about: the ordinary exit
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or 0)


FEATURE_HELP = T.HELP_FEATURE
#: option → the case.files role of the file it names, where the two differ (a case folder: its case.yaml)
OPTION_ROLES = {"case_path": "case"}


def _dialect_option(f):
    """--dialect plain|de of --format csv, kept in ctx.meta (every CSV renderer reads it from there)."""
    def keep(ctx: click.Context, _param, value: str) -> str:
        ctx.meta["amip_csv_dialect"] = value
        return value

    return click.option("--dialect", type=click.Choice(["plain", "de"]), default="plain", show_default=True,
                        expose_value=False, callback=keep, is_eager=True, help=T.HELP_DIALECT)(f)


def _dialect() -> str:
    return click.get_current_context().meta.get("amip_csv_dialect", "plain")


def _output_options(f):
    f = _dialect_option(f)
    f = click.option("--force", is_flag=True, help=T.HELP_FORCE_OUTPUT)(f)
    f = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help=T.HELP_FORMAT)(f)
    f = click.option("--output", type=FilePath(path_type=Path), help=T.HELP_OUTPUT_XLSX)(f)
    return f


def _text_stdout():
    """stdout for the JSON writer, which writes in pieces: ``sys.stdout`` (as click.echo writes it, and
    what click's test runner captures), made UTF-8 where the environment declares plain ASCII (click's
    own streams do the same)."""
    import codecs

    out = sys.stdout
    if codecs.lookup(getattr(out, "encoding", None) or "utf-8").name == "ascii" and hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    return out


def _emit(result, case, request, fmt: str, output: Path | None, force: bool, *, extra=None,
          compare=None) -> None:
    """The result (with the command's ``extra``, a RunReport) to the workbook and stdout."""
    from amip.export import text

    if output is not None:
        from amip.export.excel import write_excel

        write_excel(result, case, output, force=force, run_options=request.options(),
                    horizon=extra.horizon if extra is not None else None)
        click.echo(T.WRITTEN_XLSX.format(path=path_text(output)), err=True)
    if fmt == "json":
        payload = result.json_payload()
        payload.update(extra.to_dict() if extra is not None else {})
        text.write_json(payload, _text_stdout())
    elif fmt == "csv":
        click.echo(text.render_csv(result, _dialect()), nl=False)
    else:
        click.echo(text.render_table(result, compare=compare, headline=extra.headline if extra else None))
        from amip.rates.estimate import history_notes

        for note in history_notes(case):
            click.echo(fit(note))
        if extra is not None and extra.cost_only:
            from amip.export.vorlage import cost_only_lines

            click.echo("")
            click.echo(fit("\n".join(cost_only_lines(extra.cost_only, result))))
        if extra is not None and extra.explain is not None:
            click.echo("")
            click.echo(fit(text.render_explain(extra.explain)))


def _emit_infeasible(e, case, fmt: str, output: Path | None, force: bool) -> None:
    """The diagnosis of an infeasible run goes to every output the user asked for; the exit code stays 3."""
    from amip.optimizer.highs import SOLVER_OPTIONS, solver_label

    meta = {"status": "infeasible", "case": case.name, "scenario": case.scenario, "year": case.year,
            "input_hash": case.input_hash(version=__version__, solver=SOLVER_OPTIONS), "version": __version__,
            "solver": solver_label()}
    if output is not None:
        from amip.export.excel import write_diagnosis_excel

        write_diagnosis_excel(e.diagnosis, case, output, force=force, meta=meta)
        click.echo(T.WRITTEN_DIAGNOSIS_XLSX.format(path=path_text(output)), err=True)
    if fmt == "json":
        from amip.export import text

        click.echo(text.render_json(dict(meta, message=str(e), diagnosis=e.diagnosis)))


@click.group(cls=AmipGroup, help=T.HELP_MAIN, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="amip", help=T.CLICK_DE["Show the version and exit."])
def main() -> None:
    pass


@main.command(help=T.HELP_OPTIMIZE)
@case_options
@horizon_option
@_output_options
@click.option("--explain", is_flag=True, help=T.HELP_EXPLAIN)
@click.option("--goal", metavar="ZIEL>=N", help=T.HELP_GOAL)
@click.option("--objective", "objective_spec", metavar="SPEC", help=T.HELP_OBJECTIVE)
@click.option("--tolerance", type=click.FloatRange(0, 1, max_open=True), default=0.01, show_default=True,
              help=T.HELP_TOLERANCE)
@click.option("--draws", type=click.IntRange(0, 100_000), default=300, show_default=True,
              help=T.HELP_DRAWS_HEADLINE)
def optimize(request, output, fmt, force, explain, goal, objective_spec, tolerance, draws):
    from amip.models.objective import Goal, Objective

    goal = Goal.parse(goal) if goal is not None else None
    objective = Objective.parse(objective_spec, tolerance)
    if goal is not None and objective_spec:
        raise InputError(T.ERR_GOAL_AND_OBJECTIVE)
    check_output(output, force)
    if request.horizon is not None:
        return _optimize_horizon(request, output, fmt, force, goal, objective, explain)
    case = load(request)
    from amip.errors import InfeasibleError
    from amip.optimizer import optimize as run

    solved = []   # the solved model, for the headline's warm start
    try:
        result = run(case, objective=objective, goal=goal, solved=solved)
    except InfeasibleError as e:
        _emit_infeasible(e, case, fmt, output, force)
        raise
    from amip.optimizer.headline import headline
    from amip.optimizer.reports import RunReport

    why_not = "goal" if goal is not None else None if objective.is_default else "objective"
    from amip.optimizer.cost_only import cost_only_choices

    head = headline(case, draws=draws, unsupported=why_not, built=next(iter(solved), None))
    if explain:   # imported only then (its reasons module is ~10 ms of start-up)
        from amip.optimizer.explain import explain as why
    extra = RunReport(headline=head.to_dict(), explain=why(case, result) if explain else None,
                      cost_only=cost_only_choices(case, result))
    _emit(result, case, request, fmt, output, force, extra=extra)


def _optimize_horizon(request, output, fmt, force, goal, objective, explain) -> None:
    """``optimize --horizon N``: the multi-year plan; the result describes its first year (the
    recommendation), the JSON key ``horizon`` and the section Mehrjahresplan every year."""
    if explain:
        raise InputError(T.HORIZON_MODE.format(option="--explain"))
    if goal is not None or not objective.is_default:
        raise InputError(T.HORIZON_MODE.format(option="--goal" if goal is not None else "--objective"))
    case = load(request)
    from amip.errors import InfeasibleError
    from amip.optimizer import optimize as run
    from amip.optimizer.horizon import optimize_horizon
    from amip.optimizer.reports import RunReport

    try:
        one_year = run(case)
    except InfeasibleError:
        one_year = None
    try:
        result, plan = optimize_horizon(case, request.horizon, one_year=one_year)
    except InfeasibleError as e:
        _emit_infeasible(e, case, fmt, output, force)
        raise
    extra = RunReport(horizon=plan)
    _emit(result, case, request, fmt, output, force, extra=extra)
    if fmt == "table":
        from amip.export.text import render_horizon

        click.echo("")
        click.echo(fit(render_horizon(plan)))


@main.command(help=T.HELP_EVALUATE)
@case_options
@horizon_option
@_output_options
@click.option("--plan", type=FilePath(dir_okay=False, path_type=Path), help=T.HELP_PLAN)
@click.option("--accept-changed", is_flag=True, help=T.HELP_ACCEPT_CHANGED)
def evaluate(request, output, fmt, force, plan, accept_changed):
    check_output(output, force)
    if request.horizon is not None and plan is None:
        raise InputError(T.HORIZON_EVALUATE)
    if plan is not None:
        return _evaluate_plan(request, plan, output, fmt, force, accept_changed)
    if accept_changed:
        raise InputError(T.ACCEPT_CHANGED_NEEDS_PLAN)
    case = load(request)
    from amip.errors import InfeasibleError
    from amip.optimizer import evaluate as score
    from amip.optimizer import optimize as run
    from amip.optimizer.effects import against_optima
    from amip.optimizer.reports import Optimum, RunReport

    result = score(case)
    try:
        best = run(case)
    except InfeasibleError as e:
        best, optimum = None, Optimum(infeasible_message=str(e))
    else:
        from amip.export.vorlage import shifts
        from amip.optimizer.reasons import reasons

        gain = best.objective - result.objective
        why = reasons(case, best)
        optimum = Optimum(objective=best.objective, gain=gain,
                          gain_pct=gain / result.objective * 100 if result.objective else None,
                          budget_used=best.budget_used, effects=against_optima(case, result.new_entries),
                          reasons=[r.to_dict() for r in why])
        moves = shifts(best, result, reasons=why)
    _emit(result, case, request, fmt, output, force, extra=RunReport(optimum=optimum))
    if fmt == "table" and best is not None:
        from amip.export.text import eur, num, pct, render_against_optima, render_shifts

        click.echo("")
        click.echo(fit(T.EVAL_OPTIMUM.format(best=num(best.objective), plan=num(result.objective),
                                             gain=("+" if gain >= 0 else "") + num(gain),
                                             pct=pct(gain / result.objective) if result.objective else "–",
                                             best_used=eur(best.budget_used), used=eur(result.budget_used),
                                             budget=eur(result.budget_limit))))
        click.echo(fit(render_against_optima(optimum.effects)))
        click.echo(fit(render_shifts(moves)))


def _replay(ctx: click.Context, request, pw, plan: Path, accept_changed: bool) -> tuple:
    """The request to load the case with: the recorded one, each option replaced by the one given on
    the command line (with a notice), recorded files found again and checked by checksum.
    Returns (request, replayed, notices, inputs)."""
    from dataclasses import replace

    from click.core import ParameterSource

    from amip.inputs.assemble import CASE_OPTIONS
    from amip.inputs.plan_workbook import locate_inputs, recorded_case

    given = {n for n in CASE_OPTIONS if n not in FEATURE_HELP and n != "no_policy"
             and ctx.get_parameter_source(n) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)}
    recorded = pw.recorded_options()
    if recorded is None:   # a workbook from before the round trip re-applied everything
        scenario, measures = recorded_case(pw)
        case_path = request.case_path
        recorded_case_file = pw.recorded_file("case")
        if case_path is None and recorded_case_file and Path(recorded_case_file).is_file():
            case_path = Path(recorded_case_file)   # the case the plan was made with, not a default
        return (replace(request, scenario=request.scenario or scenario, measures=request.measures or measures,
                        case_path=case_path), {}, [T.RT_OLD_WORKBOOK], {})
    path_options = {p.name for p in ctx.command.params if isinstance(p.type, click.Path)}
    skip = {OPTION_ROLES.get(n, n) for n in given}
    if "case_path" in given:   # another case: the recorded case's own files are not used
        skip |= {"case", "measures", "rates", "planning"}
    found, notices = locate_inputs(pw, plan, accept_changed=accept_changed, skip=skip,
                                   options={OPTION_ROLES.get(n, n): _flag(n)[2:] for n in CASE_OPTIONS})
    changes, features, replayed = {}, set(request.features), {}
    for name, value in recorded.items():
        if name not in CASE_OPTIONS:   # recorded by a newer version: said, not silently dropped
            notices.append(T.RT_UNKNOWN_OPTION.format(option=_flag(name)[2:],
                                                      value=_shown_option(name, value, bare=True)))
            continue
        f = found.get(OPTION_ROLES.get(name, name))
        if name in FEATURE_HELP:
            features.add(name)
        elif name == "no_policy":   # the plan was made without the commitments: so is its score
            changes[name] = True
        elif name in given:
            if str(getattr(request, name)) != str(value):
                notices.append(T.RT_OVERRIDE.format(option=_flag(name)[2:],
                                                    value=_shown_option(name, getattr(request, name), bare=True),
                                                    recorded=_shown_option(name, value, bare=True)))
            continue
        elif name in ("effect", "effects"):
            value = str(Path(f.used)) if f is not None else value   # a file option, found again
            changes[name] = Path(value) if name == "effects" else value
        elif f is not None and Path(f.recorded.split("#")[0]).name == Path(str(value)).name:
            changes[name] = Path(f.used)                    # the file, found again (maybe beside the workbook)
        elif f is not None and Path(f.recorded.split("#")[0]).parent.name == Path(str(value)).name:
            changes[name] = Path(f.used).parent             # a case folder, found again by its case.yaml
        else:
            changes[name] = Path(value) if name in path_options else value
        replayed[name] = str(changes.get(name, value)) if name in path_options else value
    request = replace(request, **changes, features=frozenset(features))
    return request, replayed, notices, {role: f.to_dict() for role, f in found.items()}


def _flag(name: str) -> str:
    """The command-line flag of an option by its parameter name: 'case_path' → '--case'."""
    for p in click.get_current_context().command.params:
        if p.name == name and p.opts:
            return next((o for o in p.opts if o.startswith("--")), p.opts[0])
    return "--" + name.replace("_", "-")


def _shown_option(name: str, value, *, bare: bool = False) -> str:
    """'--budget 5.000.000' (German numbers); with ``bare`` only the value."""
    flag = _flag(name)
    if value is True:
        return "ja" if bare else flag
    if isinstance(value, float):
        from amip.models.fmt import num

        value = num(value, 2)
    return str(value) if bare else f"{flag} {value}"


def _evaluate_plan(request, plan, output, fmt, force, accept_changed):
    """`evaluate --plan`: the case the workbook records, re-applied (options given again replace the
    recorded ones, with a notice), the edited plan scored, its changes against the recorded optimum
    and every broken limit."""
    from amip.inputs.plan_workbook import read_plan, recorded_effect
    from amip.optimizer.roundtrip import score_plan_workbook

    ctx = click.get_current_context()
    pw = read_plan(plan)
    if request.horizon is not None and not (pw.recorded_options() or {}).get("horizon"):
        raise InputError(T.HORIZON_ONE_YEAR_PLAN.format(n=request.horizon), file=str(plan))
    request, replayed, notices, inputs = _replay(ctx, request, pw, plan, accept_changed)
    if request.effect is None and recorded_effect(pw):   # the measure the plan was optimised in
        from dataclasses import replace

        request = replace(request, effect=recorded_effect(pw))
    case = load(request)
    rt = score_plan_workbook(case, pw, inputs=inputs, replayed=replayed, warnings=tuple(notices))
    if replayed:
        click.echo(T.RT_REPLAYED.format(items=", ".join(_shown_option(k, v) for k, v in replayed.items())), err=True)
    if fmt != "table":   # the table shows them under its title line
        for w in rt.warnings:
            click.echo(w, err=True)
    if not rt.hash_matches:
        click.echo(T.RT_HASH_DIFFERS, err=True)
    if output is not None:
        from amip.export.excel import write_plan_excel

        write_plan_excel(rt, case, output, force=force, run_options=request.options())
        click.echo(T.WRITTEN_XLSX.format(path=path_text(output)), err=True)
    from amip.export import text

    if fmt == "json":
        click.echo(text.render_json(rt.to_dict()))
    elif fmt == "csv":
        click.echo(text.render_csv(rt.result, _dialect()), nl=False)
    else:
        click.echo(fit(text.render_roundtrip(rt)))


@main.command(help=T.HELP_COMPARE)
@click.argument("scenarios", nargs=-1, required=True, metavar="SZENARIO SZENARIO...", callback=not_blank)
@click.option("--output", type=FilePath(path_type=Path), help=T.HELP_COMPARE_OUTPUT)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help=T.HELP_FORMAT_TABLE_JSON)
@click.option("--force", is_flag=True, help=T.HELP_FORCE_OUTPUT)
@no_policy_option
@click.option("--case", "case_path", type=FilePath(path_type=Path), metavar="ORDNER|DATEI.xlsx",
              help=T.HELP_CASE_COMPARE)
@effect_options
@history_option
def compare(scenarios, output, fmt, force, case_path, effect, effects, no_policy, history):
    if len(scenarios) < 2:
        raise InputError(T.ERR_COMPARE_TWO)
    check_output(output, force)
    from amip.errors import InfeasibleError
    from amip.inputs.assemble import CaseRequest
    from amip.optimizer import optimize as run
    from amip.optimizer.compare import Comparison, check_same_effect

    # every input is checked before any solve
    cases = [load(CaseRequest(scenario=s, case_path=case_path, effect=effect, effects=effects, no_policy=no_policy,
                              history=history))
             for s in scenarios]
    names = [c.scenario for c in cases]
    if len(set(names)) < len(names):
        names = list(scenarios)
    check_same_effect(names, cases)
    results = []
    for name, case in zip(names, cases, strict=True):
        try:
            results.append(run(case))
        except InfeasibleError as e:
            raise InfeasibleError(T.ERR_COMPARE_SCENARIO.format(name=name, message=e), e.conflicts,
                                  diagnosis=e.diagnosis) from None
    cmp = Comparison(tuple(names), tuple(results))
    if output is not None:
        from amip.export.excel import write_compare_excel

        write_compare_excel(cmp, output, force=force)
        click.echo(T.WRITTEN_XLSX.format(path=path_text(output)), err=True)
    from amip.export import text

    click.echo(text.render_json(cmp.to_dict()) if fmt == "json" else fit(text.render_compare(cmp)))
    if fmt != "json":
        from amip.rates.estimate import history_notes

        for note in history_notes(cases[0]):
            click.echo(fit(note))


@main.command(help=T.HELP_TRADEOFF)
@click.argument("target_a", metavar="ZIEL_A", type=click.Choice(list(TARGETS)))
@click.argument("target_b", metavar="ZIEL_B", type=click.Choice(list(TARGETS)))
@case_options
@click.option("--points", type=click.IntRange(2, 1001), default=11, show_default=True, help=T.HELP_POINTS_TRADEOFF)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help=T.HELP_FORMAT)
@_dialect_option
@click.option("--output", type=FilePath(path_type=Path), help=T.HELP_TRADEOFF_OUTPUT)
@click.option("--force", is_flag=True, help=T.HELP_FORCE_OUTPUT)
def tradeoff(target_a, target_b, request, points, fmt, output, force):
    check_output(output, force)
    case = load(request)
    from amip.export import text
    from amip.optimizer.targets import tradeoff as frontier

    pts = frontier(case, target_a, target_b, points=points)
    if output is not None:
        from amip.export.tradeoff_excel import write_tradeoff_excel

        write_tradeoff_excel(case, target_a, target_b, pts, output, force=force)
        click.echo(T.WRITTEN_XLSX.format(path=path_text(output)), err=True)
    if fmt == "json":
        click.echo(text.render_json({"case": case.name, "scenario": case.scenario, "a": target_a, "b": target_b,
                                     "features": list(case.planning.features), "effect": case.effect,
                                     "points": [{target_a: p.a, target_b: p.b, "new_entries": p.new_entries}
                                                for p in pts]}))
    elif fmt == "csv":
        click.echo(text.render_tradeoff_csv(target_a, target_b, pts, _dialect()), nl=False)
    else:
        click.echo(fit(text.render_tradeoff(case, target_a, target_b, pts)))


@main.command(help=T.HELP_REPORT)
@case_options
@click.option("--output", required=True, type=FilePath(path_type=Path), metavar="VORLAGE.html|VORLAGE.pdf",
              help=T.HELP_REPORT_OUTPUT)
@click.option("--force", is_flag=True, help=T.HELP_REPORT_FORCE)
@click.option("--draws", type=click.IntRange(0, 100_000), default=300, show_default=True,
              help=T.HELP_DRAWS_HEADLINE)
def report(request, output, force, draws):
    from amip.export.vorlage import check_output, render_vorlage, write_vorlage

    check_output(output, force=force)
    case = load(request)
    from amip.optimizer import evaluate as score
    from amip.optimizer import optimize as run
    from amip.optimizer.headline import headline

    plan = run(case)   # infeasible: InfeasibleError, exit 3, nothing written
    previous = score(case)
    payload = plan.to_dict()
    policy_off = request.no_policy
    from amip.optimizer.cost_only import cost_only_choices
    from amip.optimizer.reasons import reasons
    from amip.rates.estimate import history_notes

    html = render_vorlage(plan, previous, headline=headline(case, draws=draws).to_dict(), policy=payload.get("policy"),
                          policy_total=payload.get("policy_total"), policy_off=policy_off, case_title=case.title,
                          reasons=reasons(case, plan), derivation=case.derivation,
                          cost_only=cost_only_choices(case, plan), notes=history_notes(case))
    write_vorlage(html, output, force=force)
    click.echo(T.REPORT_DONE.format(path=path_text(output)), err=True)


def _parse_range(_ctx, _param, value: str) -> tuple[float, float]:
    """'50:150' (per cent of the Neufallbudget)."""
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*[:\-–]\s*(\d+(?:[.,]\d+)?)\s*%?\s*", value)
    if not m:
        raise click.BadParameter(T.ERR_RANGE.format(value=value))
    lo, hi = (float(g.replace(",", ".")) for g in m.groups())
    if not 0 < lo < hi <= 1000:
        raise click.BadParameter(T.ERR_RANGE_ORDER.format(value=value))
    return lo, hi


@contextlib.contextmanager
def _progress_bar(enabled: bool):
    """A rich progress bar on stderr (only on a terminal); yields (stage, advance) callbacks."""
    if not enabled or not sys.stderr.isatty():
        yield None, None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    labels = {"frontier": "Budgetkurve", "tornado": "Tornado", "monte_carlo": "Monte Carlo"}
    with Progress(TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=False) as bar:
        current = {}

        def stage(name: str, total: int) -> None:
            current["task"] = bar.add_task(labels.get(name, name), total=total or None)

        def advance(n: int) -> None:
            bar.advance(current["task"], n)

        yield stage, advance


@main.command(help=T.HELP_SENSITIVITY)
@case_options
@click.option("--output", type=FilePath(path_type=Path), help=T.HELP_SENS_OUTPUT)
@click.option("--html", "html_out", type=FilePath(path_type=Path), help=T.HELP_SENS_HTML)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help=T.HELP_FORMAT_TABLE_JSON)
@click.option("--draws", type=click.IntRange(1, 1_000_000), default=1000, show_default=True, help=T.HELP_DRAWS_MC)
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=2020, show_default=True, help=T.HELP_SEED)
@click.option("--jobs", type=click.IntRange(1, 256), default=1, show_default=True, help=T.HELP_JOBS)
@click.option("--points", type=click.IntRange(2, 100_000), default=101, show_default=True,
              help=T.HELP_POINTS_FRONTIER)
@click.option("--budget-range", "budget_range", default="50:150", show_default=True, callback=_parse_range,
              metavar="VON:BIS", help=T.HELP_BUDGET_RANGE)
@click.option("--tornado-pct", type=click.FloatRange(0, 100, min_open=True), default=10.0, show_default=True,
              help=T.HELP_TORNADO_PCT)
@click.option("--force", is_flag=True, help=T.HELP_FORCE_FILES)
@click.option("--quiet", is_flag=True, help=T.HELP_QUIET)
def sensitivity(request, output, html_out, fmt, draws, seed, jobs, points, budget_range, tornado_pct, force, quiet):
    check_output(output, force)
    check_html_output(html_out, force)
    case = load(request)
    from amip.optimizer.sensitivity import Settings, analyse

    settings = Settings(budget_from_pct=budget_range[0], budget_to_pct=budget_range[1], points=points,
                        tornado_pct=tornado_pct, draws=draws, seed=seed, jobs=jobs)
    with _progress_bar(not quiet) as (stage, advance):
        report = analyse(case, settings, progress=advance, stage=stage)
    from amip.export.files import written_together

    with written_together(force=force):   # the workbook and the page replaced together or not at all
        if output is not None:
            from amip.export.sensitivity_excel import write_sensitivity_excel

            write_sensitivity_excel(report, output, force=force)
        if html_out is not None:
            from amip.export.html import write_html

            write_html(report, html_out, force=force)
    if output is not None:
        click.echo(T.WRITTEN_XLSX.format(path=path_text(output)), err=True)
    if html_out is not None:
        click.echo(T.WRITTEN_HTML.format(path=path_text(html_out)), err=True)
    from amip.export import text

    if fmt == "json":
        click.echo(text.render_json(report.to_dict()))
    else:
        from amip.export.report import render_sensitivity

        click.echo(fit(render_sensitivity(report)))


@main.command(help=T.HELP_RATES_CMD)
@case_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help=T.HELP_FORMAT)
@click.option("--output", type=FilePath(path_type=Path), metavar="QUOTEN.csv", help=T.HELP_RATES_OUTPUT)
@click.option("--force", is_flag=True, help=T.HELP_FORCE_FILE)
def rates(request, fmt, output, force):
    """Issue 27: the pooled rates of the measures with history (table, JSON, --output as a rate table)."""
    from amip.export import text
    from amip.export.rates import rate_table_csv, render_rates_table
    from amip.inputs.history import read_history
    from amip.rates.estimate import estimate_rates

    if output is not None:
        from amip.export.files import check_output_path

        if output.suffix.lower() != ".csv":
            raise InputError(T.RATES_OUTPUT_CSV, file=str(output))
        check_output_path(output, force=force)
    from dataclasses import replace as _replace

    if request.history is None:
        raise InputError(T.RATES_NEEDS_HISTORY)
    case = load(_replace(request, history=None, effect="gross"))   # the prior: the case's own rates, gross
    estimate = estimate_rates(case, read_history(request.history, case))
    if output is not None:
        from amip.export.files import write_text

        write_text(output, rate_table_csv(case, estimate), force=force)
        click.echo(T.RATES_WRITTEN.format(path=path_text(output)), err=True)
    if fmt == "json":
        click.echo(text.render_json(estimate.payload()))
    else:
        click.echo(render_rates_table(estimate, {m.id: m.name for m in case.measures}))


@main.command(help=T.HELP_TEMPLATE)
@click.option("--output", type=FilePath(path_type=Path), default=Path("measures.xlsx"), show_default=True,
              help=T.HELP_TEMPLATE_OUTPUT)
@click.option("--force", is_flag=True, help=T.HELP_FORCE_FILE)
@click.option("--actuals", is_flag=True, help=T.HELP_TEMPLATE_ACTUALS)
@click.option("--history", is_flag=True, help=T.HELP_TEMPLATE_HISTORY)
@click.option("--case", "case_path", type=FilePath(path_type=Path), metavar="ORDNER|DATEI.xlsx",
              help=T.HELP_TEMPLATE_ACTUALS_CASE)
def template(output, force, actuals, history, case_path):
    if history and actuals:
        raise InputError(T.TEMPLATE_HISTORY_OR_ACTUALS)
    if history:   # issue 27: the jobcenter's own results per measure and year; default file historie.xlsx
        from click.core import ParameterSource

        from amip.export.history_template import write_history_template
        from amip.inputs.assemble import CaseRequest

        if click.get_current_context().get_parameter_source("output") is ParameterSource.DEFAULT:
            output = Path("historie.xlsx")
        check_output(output, force)
        write_history_template(load(CaseRequest(case_path=case_path)), output, force=force)
        click.echo(T.HIST_TEMPLATE_WRITTEN.format(path=path_text(output)), err=True)
        return
    if actuals:   # the running year (issue 18): default file ist.xlsx
        from click.core import ParameterSource

        if click.get_current_context().get_parameter_source("output") is ParameterSource.DEFAULT:
            output = Path("ist.xlsx")
        check_output(output, force)
        from amip.cli_year import write_actuals_template
        from amip.inputs.assemble import CaseRequest

        return write_actuals_template(output, force, load(CaseRequest(case_path=case_path))
                                      if case_path is not None else None)
    if case_path is not None:
        raise InputError(T.TEMPLATE_CASE_NEEDS_ACTUALS)
    check_output(output, force)
    from amip.export.template_excel import write_template
    from amip.inputs.loader import load_case

    write_template(load_case(), output, force=force)
    click.echo(T.TEMPLATE_WRITTEN.format(path=path_text(output)), err=True)


@main.command(help=T.HELP_INIT)
@click.argument("folder", metavar="ORDNER", type=FilePath(path_type=Path))
@click.option("--jobcenter", metavar="NAME|TRÄGER-NR", callback=not_blank, help=T.HELP_INIT_JOBCENTER)
@click.option("--year", type=click.IntRange(1990, 2100), default=2020, show_default=True, help=T.HELP_INIT_YEAR)
@click.option("--elb", callback=parse_elb, metavar="PERSONEN", help=T.HELP_INIT_ELB)
@click.option("--force", is_flag=True, help=T.HELP_INIT_FORCE)
def init(folder, jobcenter, year, elb, force):
    from amip.export.case_folder import write_case_folder
    from amip.inputs.loader import load_case, load_rules
    from amip.models.fmt import eur

    load_rules(year)   # the year needs a rule file
    if jobcenter:
        from amip.inputs.derived import derived_case_data
        from amip.inputs.national import find_jobcenter

        jc = find_jobcenter(jobcenter)   # an ambiguous name is an error listing the candidates, never a guess
        raw, header, rows, planning = derived_case_data(jc, year)
    else:
        from amip.inputs.derived import skeleton_frame

        raw, header, rows, planning = skeleton_frame(year), [], [], None
    if elb is not None:
        raw["kennzahlen"] = {"elb_average": {"value": elb, "source": T.ELB_FROM_OPTION}}
    written = write_case_folder(folder, raw, header, rows, force=force, template_case=load_case(), planning=planning)
    if jobcenter:
        from amip.models.frame import ratio_text

        case = load_case(written[0])
        egt, nfb = eur(case.budget.egt_zuteilung_eur), eur(case.budget.neufallbudget_eur)
        click.echo(T.INIT_JOBCENTER.format(name=jc.name, nr=jc.traeger_nr, form=jc.form, egt=egt,
                                           scale=ratio_text(raw["catalogue"]["scale"])), err=True)
    else:
        egt = nfb = "–"
    if raw.get("kennzahlen"):
        from amip.models.fmt import num

        click.echo(T.INIT_ELB.format(elb=num(raw["kennzahlen"]["elb_average"]["value"], 0),
                                     how=T.INIT_ELB_GIVEN if elb is not None else T.INIT_ELB_ESTIMATED), err=True)
    click.echo(T.INIT_WRITTEN.format(folder=folder, files=", ".join(p.name for p in written), egt=egt, nfb=nfb),
               err=True)


@main.command(help=T.HELP_JOBCENTERS)
@click.argument("search", metavar="[SUCHE]", required=False, callback=not_blank)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help=T.HELP_FORMAT)
@_dialect_option
def jobcenters(search, fmt):
    from amip.export import text
    from amip.inputs.national import search_jobcenters

    rows = search_jobcenters(search)
    if not rows:
        raise InputError(T.JC_NONE_FOUND.format(query=search))
    click.echo(fit(text.render_jobcenters(rows, fmt, _dialect())) if fmt == "table" else
               text.render_jobcenters(rows, fmt, _dialect()), nl=fmt == "table")


def _parse_total(_ctx, _param, value: str | None) -> float | None:
    """--total: the federal total in euros, written like --budget (5005000000 or 5.005.000.000)."""
    if value is None:
        return None
    try:
        v = euros(value)
    except ValueError:
        raise click.BadParameter(T.NAT_BAD_TOTAL.format(value=value)) from None
    if not (0 < v < 1e13):   # also NaN and inf
        raise click.BadParameter(T.NAT_BAD_TOTAL.format(value=value))
    return v


@main.command(help=T.HELP_NATIONAL)
@click.option("--workers", type=click.IntRange(0, 1024), default=None, help=T.HELP_NAT_WORKERS)
@click.option("--scheduler", metavar="ADRESSE", help=T.HELP_NAT_SCHEDULER)
@click.option("--draws", type=click.IntRange(0, 100_000), default=0, show_default=True, help=T.HELP_NAT_DRAWS)
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=2020, show_default=True, help=T.HELP_NAT_SEED)
@click.option("--output", type=FilePath(path_type=Path), metavar="ORDNER", help=T.HELP_NAT_OUTPUT)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help=T.HELP_FORMAT_TABLE_JSON)
@click.option("--total", "total_eur", callback=_parse_total, metavar="EUR", help=T.HELP_NAT_TOTAL)
@click.option("--land", "lands", multiple=True, metavar="LAND", callback=not_blank, help=T.HELP_NAT_LAND)
@click.option("--form", type=click.Choice(["gE", "zkT"], case_sensitive=False), help=T.HELP_NAT_FORM)
@click.option("--search", "searches", multiple=True, metavar="TEXT", callback=not_blank, help=T.HELP_NAT_SEARCH)
@click.option("--cases", "case_folders", multiple=True, type=FilePath(path_type=Path), metavar="ORDNER",
              help=T.HELP_NAT_CASES)
@click.option("--scenario", "scenario_names", multiple=True, metavar="NAME|DATEI", callback=not_blank,
              help=T.HELP_NAT_SCENARIO)
@click.option("--effect", type=EFFECT_CHOICE, default="brutto", show_default=True, help=T.HELP_EFFECT)
@click.option("--index", "index_table", type=FilePath(path_type=Path), metavar="CSV", help=T.HELP_NAT_INDEX)
@click.option("--no-joint", is_flag=True, help=T.HELP_NAT_NO_JOINT)
@click.option("--force", is_flag=True, help=T.HELP_NAT_FORCE)
@click.option("--quiet", is_flag=True, help=T.HELP_NAT_QUIET)
def national(workers, scheduler, draws, seed, output, fmt, total_eur, lands, form, searches, case_folders,
             scenario_names, effect, index_table, no_joint, force, quiet):
    import gc
    import os

    gc.enable()   # a cluster client creates and drops many futures: the cycle collector stays on
    from amip.national.run import dask_missing

    missing = dask_missing()
    if missing:
        raise InputError(T.NAT_EXTRA_MISSING.format(missing=missing))
    if scheduler and workers is not None:
        raise InputError(T.NAT_BAD_WORKERS)
    if scheduler:
        from amip.national.run import check_scheduler

        check_scheduler(scheduler)
    if output is not None:
        from amip.export.national import check_output_dir

        check_output_dir(output, force=force)
    from amip.models.national import ALLOCATED_TOTAL_2022_EUR
    from amip.national.run import run_national
    from amip.national.select import make_specs, own_case_folders, select_jobcenters
    from amip.scenarios import resolve

    scenario_names = tuple(scenario_names) or ("base",)
    for name in scenario_names:
        resolve(name)   # a bad scenario is bad input, before any work is spread
    jcs = select_jobcenters(lands=lands, form=form, searches=searches)
    folders = own_case_folders(tuple(case_folders))
    from amip.national.index import load_index

    index = str(index_table) if index_table is not None else None
    load_index(index)   # a bad index table is bad input, before any work is spread
    specs = make_specs(jcs, scenarios=scenario_names, draws=draws, seed=seed, total_eur=total_eur, folders=folders,
                       effect=effect, index=index)
    engine = "sequential" if workers == 0 else "dask"
    n_workers = None if scheduler else (workers or os.cpu_count() or 1)
    settings = {"total_eur": total_eur or ALLOCATED_TOTAL_2022_EUR, "draws": draws, "seed": seed,
                "workers": n_workers, "scheduler": scheduler, "tasks": len(specs), "effect": effect}
    with _progress_bar(not quiet) as (stage, advance):
        if stage:
            stage("Jobcenter", len(specs))
        run = run_national(specs, scenarios=scenario_names, engine=engine, workers=n_workers, scheduler=scheduler,
                           with_joint=not no_joint, progress=advance, settings=settings)
    from amip.export import national as out

    if output is not None:
        written = out.write_outputs(run, output, force=force)
        click.echo(T.NAT_WRITTEN.format(files=", ".join(path_text(p) for p in written)), err=True)
    failed = [r for r in run["results"] if r["status"] != "ok"]
    if failed:
        click.echo(T.NAT_FAILED.format(n=len(failed), names=", ".join(f"{r['name']} ({r['traeger_nr']})"
                                                                      for r in failed)), err=True)
    from amip.export import text

    click.echo(text.render_json(out.payload(run)) if fmt == "json" else fit(out.render_table(run)))


@main.group(help=T.HELP_SCENARIOS)
def scenarios() -> None:
    pass


@scenarios.command("list", help=T.HELP_SCENARIOS_LIST)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help=T.HELP_FORMAT_TABLE_JSON)
def scenarios_list(fmt):
    from amip.export import text
    from amip.scenarios.loader import scenario_rows

    rows = scenario_rows()
    click.echo(text.render_json({"scenarios": rows}) if fmt == "json" else fit(text.render_scenario_list(rows)))


@scenarios.command("show", help=T.HELP_SCENARIOS_SHOW)
@click.argument("scenario", metavar="NAME|DATEI", callback=not_blank)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help=T.HELP_FORMAT_TABLE_JSON)
def scenarios_show(scenario, fmt):
    from amip.export import text
    from amip.scenarios.loader import describe_scenario

    info = describe_scenario(scenario)
    click.echo(text.render_json(info) if fmt == "json" else fit(text.render_scenario(info)))


@scenarios.command("new", help=T.HELP_SCENARIOS_NEW)
@click.argument("name", callback=not_blank)
@click.option("--from", "parent", default="base", show_default=True, metavar="NAME|DATEI", help=T.HELP_SCEN_FROM)
@click.option("--output", type=FilePath(path_type=Path), help=T.HELP_SCEN_OUTPUT)
@click.option("--description", help=T.HELP_SCEN_DESCRIPTION)
@click.option("--force", is_flag=True, help=T.HELP_FORCE_FILE)
def scenarios_new(name, parent, output, description, force):
    import os

    from amip.export.files import check_output_path, write_text
    from amip.scenarios import SCENARIO_DIR, resolve
    from amip.scenarios.template import render_template

    output = output or Path(f"{name}.yaml")
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(T.ERR_SCENARIO_SUFFIX, file=str(output))
    check_output_path(output, force=force)
    parent_rs = resolve(parent)   # the parent must exist and be valid
    ref = parent   # a shipped name stays a name; a file becomes a path relative to the new file
    if parent_rs.file != str(SCENARIO_DIR / f"{parent}.yaml"):
        ref = os.path.relpath(parent_rs.file, output.resolve().parent)
        ref = ref if ref.startswith(".") else "./" + ref
    write_text(output, render_template(name, ref, str(output),
                                       description or T.SCENARIO_VARIANT.format(parent=parent_rs.name)),
               force=force)
    click.echo(T.WRITTEN_SCENARIO.format(path=path_text(output), ref=ref), err=True)


register_year(main)   # the running year: ist, replan

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
