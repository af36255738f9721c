"""Resolve a scenario: read its file, validate it, follow ``extends`` and merge, remembering where
each value came from.

``extends`` names one parent or a list of parents. A bare name (``base``) is a shipped scenario; a
path (``./mine.yaml``, ``../x/other.yaml``) is a file relative to the scenario that names it.
Parents merge left to right, then the file itself: sections and tables key by key, records (a
``{multiplier, source}`` pair, a bound …) as a whole. ``name``, ``description`` and ``extends``
belong to each file and are not inherited. A cycle is an error naming the whole chain.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from amip import texts as T  # plain strings
from amip.errors import InputError
from amip.inputs.loader import load_yaml, read_text
from amip.inputs.reading import line_index
from amip.scenarios.schema import OWN_KEYS, SCHEMA, Record, Section, Table, Where, nearest, node_at, validate

SCENARIO_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Origin:
    """Where a value was set: the file and the line of its key."""

    file: str
    line: int | None

    @property
    def short(self) -> str:
        name = Path(self.file).name
        return f"{name}:{self.line}" if self.line else name


@dataclass(frozen=True)
class ResolvedScenario:
    name: str
    description: str
    file: str                              #: the scenario's own file
    chain: tuple[str, ...]                 #: every file that contributed, ancestors first
    data: dict                             #: merged, normalised settings (no name/description/extends)
    origins: dict                          #: key path (tuple) → Origin, for every record and leaf

    def origin(self, path: tuple[str, ...]) -> Origin | None:
        return nearest(self.origins, path)

    def where(self, path: tuple[str, ...]) -> str:
        """'file.yaml:12' of the value at the key path, for notes and provenance strings. Computed
        once per key path: a selector's provenance is asked for once per measure it selects."""
        cache = self._where_cache
        if path not in cache:
            o = self.origin(path)
            cache[path] = o.short if o else Path(self.file).name
        return cache[path]

    @cached_property
    def _where_cache(self) -> dict[tuple[str, ...], str]:
        return {}

    def error(self, path: tuple[str, ...], problem: str) -> InputError:
        """An error about a merged value, pointing at the file and line that set it."""
        o = self.origin(path)
        at = f"Zeile {o.line}: " if o and o.line else ""
        return InputError(f"{at}'{'.'.join(path)}': {problem}", file=o.file if o else self.file)

    def get(self, *path: str, default=None):
        node = self.data
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node


# --------------------------------------------------------------------------- files and names
def list_scenarios() -> list[str]:
    """Names of the shipped scenarios."""
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))


def is_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def resolve_scenario_path(ref: str, *, relative_to: Path | None = None) -> Path:
    """A shipped name → its file; a path → the file (relative to ``relative_to`` if given)."""
    if is_path(ref) or (relative_to is None and Path(ref).is_file()):
        p = Path(ref)
        if relative_to is not None and not p.is_absolute():
            p = relative_to / p
        if not p.is_file():
            if p.exists() and not p.is_dir():   # a FIFO or a device: named, and never opened
                from amip.inputs.reading import check_regular

                check_regular(p, "scenario file")
            raise InputError(T.SCEN_NOT_FOUND if not p.is_dir() else T.SCEN_IS_DIR,
                             file=str(p))
        return p.resolve()
    shipped = SCENARIO_DIR / f"{ref}.yaml"
    if shipped.is_file():
        return shipped
    raise InputError(T.SCN_UNKNOWN.format(ref=ref, names=", ".join(list_scenarios())))


@dataclass(frozen=True)
class ScenarioFile:
    path: Path
    data: dict          #: validated and normalised
    where: Where


def read_scenario_file(path: Path) -> ScenarioFile:
    file = str(path)
    raw = load_yaml(path, "scenario file")
    where = Where(file, line_index(read_text(path, "scenario file"), file))
    return ScenarioFile(path, validate(raw, where, base_dir=path.parent), where)


# --------------------------------------------------------------------------- merge
def origins_of(data: dict, where: Where, path: tuple[str, ...] = ()) -> dict:
    out = {}
    for key, value in data.items():
        kp = path + (key,)
        out[kp] = Origin(where.file, where.line(kp))
        if isinstance(value, dict):
            out.update(origins_of(value, where, kp))
    return out


def _merge(target: dict, origins: dict, src: dict, src_origins: dict, path: tuple[str, ...] = ()) -> None:
    for key, value in src.items():
        kp = path + (key,)
        node = node_at(kp, SCHEMA)
        if isinstance(node, (Section, Table)) and isinstance(target.get(key), dict):
            origins[kp] = src_origins[kp]
            _merge(target[key], origins, value, src_origins, kp)
            continue
        for p in [p for p in origins if p[:len(kp)] == kp]:   # replace the record or leaf as a whole
            del origins[p]
        target[key] = _copy(value)
        origins.update({p: o for p, o in src_origins.items() if p[:len(kp)] == kp})


def _copy(value):
    return {k: _copy(v) for k, v in value.items()} if isinstance(value, dict) else value


# --------------------------------------------------------------------------- resolve
#: Inheritance limits (issue 29): a chain deeper than this, or a file naming more parents, is refused;
#: each file is read and resolved once per run (a 12-level diamond took 18,5 s resolved per path).
MAX_EXTENDS_DEPTH = 16
MAX_PARENTS = 16
MAX_SCENARIO_FILES = 100


def resolve(ref: str | Path) -> ResolvedScenario:
    """Read a scenario and all its ancestors; merge them. ``ref``: a shipped name or a file."""
    path = resolve_scenario_path(str(ref)) if not isinstance(ref, Path) else ref.resolve()
    return _resolve(path, (), {})


def _resolve(path: Path, stack: tuple[Path, ...], memo: dict[Path, ResolvedScenario]) -> ResolvedScenario:
    """One file of the inheritance graph, resolved once (``memo``) whatever the number of paths to it."""
    if path in memo:
        return memo[path]
    sf = read_scenario_file(path)
    data: dict = {}
    origins: dict = {}
    chain: list[str] = []
    parents = sf.data.get("extends", [])
    if len(parents) > MAX_PARENTS:
        raise InputError(T.SCN_TOO_MANY_PARENTS.format(line=sf.where.line(("extends",)), n=len(parents),
                                                       limit=MAX_PARENTS), file=str(path))
    stack = stack + (path,)
    for i, parent in enumerate(parents):
        line = sf.where.line(("extends", str(i))) or sf.where.line(("extends",))
        try:
            ppath = resolve_scenario_path(parent, relative_to=path.parent)
        except InputError as e:
            raise InputError(T.SCN_MISSING_PARENT.format(line=line, parent=parent, error=e), file=str(path)) from None
        if len(stack) >= MAX_EXTENDS_DEPTH and ppath not in stack:
            raise InputError(T.SCN_TOO_DEEP.format(line=line, limit=MAX_EXTENDS_DEPTH,
                                                   chain=" → ".join(p.name for p in stack[:3])), file=str(path))
        if ppath in stack:
            cycle = " → ".join(p.name for p in stack[stack.index(ppath):] + (ppath,))
            raise InputError(T.SCN_CYCLE.format(line=line, cycle=cycle), file=str(path))
        if ppath not in memo and len(memo) >= MAX_SCENARIO_FILES:
            raise InputError(T.SCN_TOO_MANY_FILES.format(line=line, limit=MAX_SCENARIO_FILES), file=str(path))
        p = _resolve(ppath, stack, memo)
        _merge(data, origins, p.data, p.origins)
        chain += [c for c in p.chain if c not in chain]
    own = {k: v for k, v in sf.data.items() if k not in OWN_KEYS}
    _merge(data, origins, own, origins_of(own, sf.where))
    memo[path] = ResolvedScenario(name=sf.data["name"], description=sf.data.get("description", ""), file=str(path),
                                  chain=tuple(chain + [str(path)]), data=data, origins=origins)
    return memo[path]


def is_record(path: tuple[str, ...]) -> bool:
    try:
        return isinstance(node_at(path, SCHEMA), Record)
    except KeyError:
        return False
