"""The commands of the running year (issue 18): `amip ist` (Hochrechnung) and `amip replan`
(re-plan the rest of the year), registered on the `amip` group by ``register``. Like cli.py they
only parse, call and render; the case options and loading are shared with cli.py (amip.cli_options),
so every way of naming a case works here too."""
from __future__ import annotations

from pathlib import Path

import click

from amip import texts as T
from amip.cli_options import FilePath, case_options, check_html_output, check_output, load
from amip.errors import InputError, path_text
from amip.export.terminal import fit


def _year_options(f):
    f = click.option("--force", is_flag=True, help=T.HELP_FORCE_FILES)(f)
    f = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
                     help=T.HELP_FORMAT_TABLE_JSON)(f)
    f = click.option("--html", "html_out", type=FilePath(path_type=Path),
                     help=T.HELP_HTML)(f)
    f = click.option("--output", type=FilePath(path_type=Path),
                     help=T.HELP_OUTPUT)(f)
    f = click.option("--curve", type=FilePath(dir_okay=False, path_type=Path), default=None,
                     help=T.HELP_CURVE)(f)
    f = click.option("--history", type=FilePath(dir_okay=False, path_type=Path), multiple=True,
                     help=T.HELP_HISTORY)(f)
    f = click.option("--month", type=int, default=None,
                     help=T.HELP_MONTH)(f)
    f = click.option("--actuals", type=FilePath(dir_okay=False, path_type=Path), required=True,
                     help=T.HELP_ACTUALS)(f)
    return f


def _prepare(request, actuals, month, history, output, html_out, force, curve=None):
    """Checks the outputs first (nothing is written on bad input), then loads the case of the shared
    case options (one CaseRequest, whatever options it holds), the spending profile and the actuals."""
    if month is not None and not 1 <= month <= 12:
        raise InputError(T.ACT_OPTION_MONTH.format(month=month))
    if curve is not None and history:
        raise InputError(T.CURVE_AND_HISTORY)
    check_output(output, force)
    check_html_output(html_out, force)
    case = load(request)
    from amip.inputs.actuals import CURVE_FILE, national_profile, read_actuals
    from amip.models.forecast import profile_from_history

    profile = national_profile(curve or CURVE_FILE) if not history else None   # a bad curve file fails first
    act = read_actuals(actuals, case, month=month)
    profile = profile or profile_from_history([read_actuals(h, case) for h in history])
    return case, act, profile


def _write(case, fc, output, html_out, force, replan=None):
    from amip.export.files import written_together

    with written_together(force=force):   # the workbook and the page replaced together or not at all
        if output is not None:
            from amip.export.year import write_year_workbook

            write_year_workbook(case, fc, output, replan=replan, force=force)
        if html_out is not None:
            from amip.export.year import write_year_html

            write_year_html(case, fc, html_out, replan=replan, force=force)
    if output is not None:
        click.echo(T.WRITTEN_XLSX.format(path=path_text(output)), err=True)
    if html_out is not None:
        click.echo(T.WRITTEN_HTML.format(path=path_text(html_out)), err=True)


def forecast_to_dict(case, fc) -> dict:
    from amip.models.forecast import shares_of_year

    return {
        "case": case.name, "scenario": case.scenario, "year": case.year, "month": fc.month,
        "profile": {"source": fc.profile.source, "estimate": fc.profile.estimate, "share": list(fc.profile.share),
                    "low": list(fc.profile.low), "high": list(fc.profile.high),
                    "points": [{"month": p.month, "share_of_allocation": p.share_of_allocation, "years": p.years,
                                "share_of_year": v, "kind": p.kind, "source": p.source}
                               for p, v in zip(fc.profile.points, shares_of_year(fc.profile.points), strict=True)],
                    "pace": list(fc.profile.pace), "year_factors": list(fc.profile.year_factors)},
        "forecast": {"spend_eur": fc.spend_eur, "spend_low_eur": fc.spend_low_eur, "spend_high_eur": fc.spend_high_eur,
                     "lapse_eur": fc.lapse_eur, "lapse_low_eur": fc.lapse_low_eur, "lapse_high_eur": fc.lapse_high_eur,
                     "overrun_eur": fc.overrun_eur, "overrun_low_eur": fc.overrun_low_eur,
                     "overrun_high_eur": fc.overrun_high_eur, "integrations": fc.integrations,
                     "integrations_low": fc.integrations_low, "integrations_high": fc.integrations_high,
                     "planned_integrations": fc.planned_integrations, "planned_spend_eur": fc.planned_spend_eur,
                     "actual_spend_eur": fc.actual_spend_eur, "budget_eur": fc.budget_eur,
                     "pat_relief_eur": fc.pat_relief_eur, "carry_over": False,
                     "carry_over_note": T.IST_CARRY_OVER},
        "measures": [{"id": r.id, "planned_entries": r.planned_entries, "actual_entries": r.actual_entries,
                      "forecast_entries": r.forecast_entries, "forecast_entries_low": r.forecast_entries_low,
                      "forecast_entries_high": r.forecast_entries_high, "planned_spend_eur": r.planned_spend_eur,
                      "actual_spend_eur": r.actual_spend_eur, "committed_rest_eur": r.committed_rest_eur,
                      "forecast_spend_eur": r.forecast_spend_eur, "forecast_spend_low_eur": r.forecast_spend_low_eur,
                      "forecast_spend_high_eur": r.forecast_spend_high_eur, "frees_eur": r.frees_eur,
                      "planned_integrations": r.planned_integrations,
                      "forecast_integrations": r.forecast_integrations} for r in fc.measures],
        "monthly": fc.monthly(case),
    }


def register(main: click.Group) -> None:
    @main.command()
    @case_options(history=False)
    @_year_options
    def ist(request, actuals, month, history, curve, output, html_out, fmt, force):
        """Hochrechnung zum Jahresende aus dem Ist: Ausgaben und Eintritte je Maßnahme und gesamt, mit Spanne;
        verfallende Mittel; Maßnahmen unter und über Plan; Integrationen."""
        case, act, profile = _prepare(request, actuals, month, history, output, html_out, force, curve)
        from amip.models.forecast import forecast

        fc = forecast(case, act, profile)
        _write(case, fc, output, html_out, force)
        from amip.export import text

        if fmt == "json":
            click.echo(text.render_json(forecast_to_dict(case, fc)))
        else:
            from amip.export.year import render_forecast

            click.echo(fit(render_forecast(case, fc)))

    @main.command()
    @case_options(history=False)
    @_year_options
    def replan(request, actuals, month, history, curve, output, html_out, fmt, force):
        """Neuplanung des restlichen Jahres mit dem verbleibenden Geld: Eintritte und Festlegungen bis heute
        fest, Vorlaufzeiten und Monatskapazität beachtet; Aktionen je Maßnahme mit Begründung."""
        if month is None:
            raise InputError(T.REPLAN_NEEDS_MONTH)
        case, act, profile = _prepare(request, actuals, month, history, output, html_out, force, curve)
        from amip.optimizer.replan import replan as run
        from amip.optimizer.replan import replan_to_dict

        rp = run(case, act, profile)
        _write(case, rp.forecast, output, html_out, force, replan=rp)
        from amip.export import text

        if fmt == "json":
            payload = replan_to_dict(rp)
            payload["forecast"] = forecast_to_dict(case, rp.forecast)["forecast"]
            payload["monthly_replan"] = rp.monthly()
            click.echo(text.render_json(payload))
        else:
            from amip.export.year import render_replan

            click.echo(fit(render_replan(case, rp)))


def write_actuals_template(output: Path, force: bool, case=None) -> None:
    """The empty actuals workbook of ``case`` (default: the shipped Duisburg case)."""
    from amip.export.year import write_actuals_workbook
    from amip.inputs.loader import load_case

    write_actuals_workbook(case if case is not None else load_case(), output, force=force)
    click.echo(T.ACTUALS_TEMPLATE_WRITTEN.format(path=path_text(output)), err=True)
