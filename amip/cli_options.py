"""The options every case command shares (cli.py and cli_year.py): the case options become one
``CaseRequest`` (``case_options``), the output checks run before any work, and ``load`` turns the
request into the case (``amip.inputs.assemble``) and says which frame a bare measure table gets."""
from __future__ import annotations

import functools
from pathlib import Path

import click

from amip import texts as T  # plain strings, cheap at start-up
from amip.errors import InputError


class _EffectChoice(click.Choice):
    """--effect: the German names a planner reads everywhere (brutto, netto, kennzahl) and the codes JSON keeps
    (gross, net, kennzahl); the value passed on is always the code."""

    def convert(self, value, param, ctx):
        value = super().convert(value, param, ctx)
        return T.EFFECT_CODES.get(value, value)


EFFECT_CHOICE = _EffectChoice(["brutto", "netto", "kennzahl", "gross", "net"])


def not_blank(_ctx, param, value):
    """The callback of every text option and argument that names something (a scenario, a sheet, a
    jobcenter, a search): an empty or blank value is refused, not taken as "none given" (`--scenario ""`
    ran the base scenario, `compare base ""` compared base with itself, `national --search ""` ran all
    405 jobcenters)."""
    for v in value if isinstance(value, tuple) else (value,):
        if isinstance(v, str) and not v.strip():
            raise click.BadParameter(T.TEXT_EMPTY, param=param)
    return value


class FilePath(click.Path):
    """click.Path for every file and folder option and argument, refusing an empty or blank value: Path('')
    is '.', the current folder, so `amip init ""` wrote a case folder into it, `national --output ""` its
    files, and `--measures ""` was "'.': ist ein Ordner"."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail(T.PATH_EMPTY, param, ctx)
        return super().convert(value, param, ctx)


def euros(value: str) -> float:
    """'35085957', '35085957.5', '35.085.957' or '35.085.957,50' (with or without €) → float; ValueError else."""
    import re

    t = value.replace("€", "").replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+,\d+", t):
        t = t.replace(".", "").replace(",", ".")
    return float(t)


def parse_eur(_ctx, _param, value: str | None) -> float | None:
    """Accepts 35085957, 35085957.5, 35.085.957 or 35.085.957,50 (with or without €)."""
    if value is None:
        return None
    try:
        v = euros(value)
    except ValueError:
        raise click.BadParameter(T.ERR_NOT_EUR.format(value=value)) from None
    if not 0 < v < 1e12:
        raise click.BadParameter(T.ERR_NOT_PLAUSIBLE_BUDGET.format(value=value))
    return v


def parse_elb(_ctx, _param, value: str | None) -> float | None:
    """--elb: eLb in the year's average, written as 47232 or 47.232; a number > 0 (below 10 million)."""
    if value is None:
        return None
    try:
        v = euros(value)
    except ValueError:
        raise click.BadParameter(T.INIT_BAD_ELB.format(value=value)) from None
    if not 0 < v < 1e7:   # also NaN and inf
        raise click.BadParameter(T.INIT_BAD_ELB.format(value=value))
    return v


def no_policy_option(f):
    return click.option("--no-policy", "no_policy", is_flag=True, help=T.NO_POLICY_HELP)(f)


def history_option(f):
    return click.option("--history", type=FilePath(dir_okay=False, path_type=Path), metavar="DATEI",
                        help=T.HELP_HISTORY_RESULTS)(f)


def _horizon_years(_ctx, _param, value: int | None) -> int | None:
    if value is not None and not 2 <= value <= 5:
        raise click.BadParameter(T.ERR_HORIZON_RANGE.format(got=value))
    return value


def horizon_option(f):
    """--horizon N (optimize, evaluate): a multi-year plan; put below @case_options."""
    return click.option("--horizon", type=int, callback=_horizon_years, metavar="N", help=T.HELP_HORIZON)(f)


def effect_options(f):
    f = click.option("--effects", type=FilePath(dir_okay=False, path_type=Path), help=T.HELP_EFFECTS)(f)
    f = click.option("--effect", type=EFFECT_CHOICE, help=T.HELP_EFFECT)(f)
    return f


def case_options(f=None, *, history: bool = True):
    """The case options (--case, --scenario, --measures, --sheet, --rates, --budget, the planning flags,
    --effect, --effects, --no-policy, --history); the command gets them as one ``request`` (a CaseRequest).
    ``history=False``: without --history (the year commands' own --history names earlier Ist workbooks)."""
    if f is None:
        return functools.partial(case_options, history=history)

    @functools.wraps(f)
    def command(*args, **kwargs):
        from amip.inputs.assemble import CASE_OPTIONS, CaseRequest

        # --horizon only where the command offers it (horizon_option)
        values = {name: kwargs.pop(name) for name in CASE_OPTIONS
                  if (history or name != "history") and (name != "horizon" or name in kwargs)}
        return f(*args, request=CaseRequest.from_options(values), **kwargs)

    g = no_policy_option(command)
    if history:
        g = history_option(g)
    g = effect_options(g)
    for name, text in T.HELP_FEATURE.items():
        g = click.option(f"--{name}", is_flag=True, help=text)(g)
    g = click.option("--budget", callback=parse_eur, metavar="EUR", help=T.HELP_BUDGET)(g)
    g = click.option("--rates", type=FilePath(dir_okay=False, path_type=Path), help=T.HELP_RATES)(g)
    g = click.option("--sheet", metavar="NAME", callback=not_blank, help=T.HELP_SHEET)(g)
    g = click.option("--measures", type=FilePath(dir_okay=False, path_type=Path), help=T.HELP_MEASURES)(g)
    g = click.option("--scenario", metavar="NAME|DATEI", callback=not_blank, help=T.HELP_SCENARIO)(g)
    g = click.option("--case", "case_path", type=FilePath(path_type=Path), metavar="ORDNER|DATEI.xlsx",
                     help=T.HELP_CASE)(g)
    return g


def load(request):
    """The case of a request (``amip.inputs.assemble.assemble_case``); the neutral frame of --measures
    without a case says on stderr which frame it uses."""
    from amip.inputs.assemble import assemble_case

    case = assemble_case(request)
    if "case" not in case.files:
        for note in case.frame_notes:
            click.echo(note, err=True)
    return case


def check_output(output: Path | None, force: bool) -> None:
    """An --output workbook path: ending in .xlsx and writable, checked before any work."""
    if output is None:
        return
    from amip.export.files import check_output_path

    if output.suffix.lower() != ".xlsx":
        raise InputError(T.ERR_OUTPUT_XLSX, file=str(output))
    check_output_path(output, force=force)


def check_html_output(html_out: Path | None, force: bool) -> None:
    """An --html report path: ending in .html (or .htm) and writable, checked before any work."""
    if html_out is None:
        return
    from amip.export.files import check_output_path

    if html_out.suffix.lower() not in (".html", ".htm"):
        raise InputError(T.ERR_HTML_SUFFIX, file=str(html_out))
    check_output_path(html_out, force=force)
