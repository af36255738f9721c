"""Scenario files (YAML): a named variant of a case.

Supported keys (the Foundation subset; inheritance and the downturn library come with the scenario issue):

    name: str                      # required
    description: str
    case: path to a case.yaml      # default: the shipped Duisburg 2020 case
    year: int                      # selects amip/rules/<year>.yaml
    measures: path to a measure CSV; rates: path to a rate table CSV (relative to the scenario file)
    budget: {neufallbudget_eur: number, source: str}
    fields: {min_share: number in [0, 1], source: str}

An unknown key or a wrong type is an error naming the file, the key path and its line.
"""
from __future__ import annotations

from pathlib import Path

from amip.errors import InputError
from amip.models import Case
from amip.models.loader import DEFAULT_CASE, load_case, read_text

SCENARIO_DIR = Path(__file__).resolve().parent

SCHEMA: dict = {
    "name": str, "description": str, "case": str, "year": int, "measures": str, "rates": str,
    "budget": {"neufallbudget_eur": (int, float), "source": str},
    "fields": {"min_share": (int, float), "source": str},
}


def list_scenarios() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))


def resolve_scenario_path(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        if not p.exists():
            raise InputError("scenario file not found", file=str(p))
        return p
    shipped = SCENARIO_DIR / f"{name_or_path}.yaml"
    if shipped.exists():
        return shipped
    raise InputError(f"unknown scenario '{name_or_path}'; shipped: {', '.join(list_scenarios())}")


def _line_index(text: str) -> dict[tuple[str, ...], int]:
    """Key path → line number, from the YAML node tree."""
    import yaml

    out: dict[tuple[str, ...], int] = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = path + (str(k.value),)
                out[key] = k.start_mark.line + 1
                walk(v, key)

    try:
        walk(yaml.compose(text), ())
    except yaml.YAMLError:
        pass
    return out


def _validate(data: dict, schema: dict, path: tuple[str, ...], lines: dict, file: str) -> None:
    for key, value in data.items():
        kp = path + (str(key),)
        where = f"line {lines.get(kp, '?')}: '{'.'.join(kp)}'"
        if key not in schema:
            raise InputError(f"{where}: unknown key; allowed here: {', '.join(schema)}", file=file)
        expected = schema[key]
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                raise InputError(f"{where}: must be a mapping", file=file)
            _validate(value, expected, kp, lines, file)
        elif isinstance(value, bool) or not isinstance(value, expected):
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise InputError(f"{where}: must be {names}, got {type(value).__name__} {value!r}", file=file)


def load_scenario(name_or_path: str | None = None, *, measures: Path | None = None, rates: Path | None = None,
                  budget_eur: float | None = None) -> Case:
    """Load a scenario (default: the shipped 'base') into a Case; CLI overrides apply last."""
    from dataclasses import replace

    from amip.models.loader import load_yaml

    path = resolve_scenario_path(name_or_path or "base")
    file = str(path)
    data = load_yaml(path, "scenario file")
    _validate(data, SCHEMA, (), _line_index(read_text(path, "scenario file")), file)
    if "name" not in data:
        raise InputError("missing key 'name'", file=file)
    here = path.parent
    case_file = here / data["case"] if "case" in data else DEFAULT_CASE
    case = load_case(case_file,
                     measures=measures or (here / data["measures"] if "measures" in data else None),
                     rates=rates or (here / data["rates"] if "rates" in data else None),
                     year=data.get("year"),
                     field_min_share=(data.get("fields") or {}).get("min_share"))
    budget = case.budget
    b = data.get("budget") or {}
    if "neufallbudget_eur" in b:
        try:
            budget = budget.with_neufallbudget(b["neufallbudget_eur"], f"{file}: {b.get('source', 'scenario')}")
        except InputError as e:
            raise InputError(f"'budget.neufallbudget_eur': {e}", file=file) from None
    if budget_eur is not None:
        budget = budget.with_neufallbudget(budget_eur, "--budget")
    files = dict(case.files, scenario=file)
    return replace(case, budget=budget, scenario=data["name"], files=files)
