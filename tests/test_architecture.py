"""The shape of the package, read from the source (every import, those inside functions included):
no import cycle between modules, no underscore name taken from another module, and a pure domain
(``amip/models`` imports no file reader, no numerical library and no solver)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "amip"
#: what amip/models may not import: file readers, numerical libraries, solvers, the user interface
NOT_IN_MODELS = ("yaml", "openpyxl", "xlsxwriter", "numpy", "pandas", "scipy", "pulp", "highspy", "click", "csv")


def _modules(root: Path = PACKAGE) -> dict[str, Path]:
    out = {}
    for path in sorted(root.rglob("*.py")):
        name = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module an import names: the longest known prefix (``amip.models.case.Case`` → ``amip.models.case``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports(modules: dict[str, Path] | None = None) -> list[tuple[str, str, str]]:
    """(importing module, imported name with its module path, the module it resolves to or '' for a
    third-party one) for every import statement of the package, at any depth of the syntax tree."""
    modules = modules or _modules()
    out = []
    for mod, path in modules.items():
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out += [(mod, a.name, _resolve(a.name, modules) or "") for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:   # relative import: from the package of this module
                    parts = mod.split(".") if is_pkg else mod.split(".")[:-1]
                    parts = parts[: len(parts) - (node.level - 1)]
                    base = ".".join(parts + ([base] if base else []))
                for a in node.names:
                    full = f"{base}.{a.name}"
                    target = full if full in modules else _resolve(base, modules) or ""
                    out.append((mod, full, target))
    return out


def graph(modules: dict[str, Path] | None = None) -> dict[str, set[str]]:
    """Module → the package modules it imports. A package's ``__init__`` importing its own submodules is
    its facade, not a dependency of design, and is left out."""
    modules = modules or _modules()
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for mod, _, target in imports(modules):
        if target and target != mod and not target.startswith(mod + "."):
            edges[mod].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out = []
    counter = 0
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on.add(start)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def test_no_import_cycle():
    found = cycles(graph())
    assert found == [], "modules that import each other (move the shared part to a module both import): " \
                        + "; ".join(" ↔ ".join(c) for c in found)


def test_no_underscore_name_imported_from_another_module():
    bad = [f"{mod} takes {full.rpartition('.')[2]} from {target}" for mod, full, target in imports()
           if target.startswith("amip") and target != mod
           and full.rpartition(".")[2].startswith("_") and not full.rpartition(".")[2].startswith("__")]
    assert bad == [], "private names used across modules (give them a public name in a shared home): " \
                      + "; ".join(bad)


def test_the_domain_reads_no_file_and_solves_nothing():
    bad = [f"{mod} imports {full}" for mod, full, target in imports()
           if mod.startswith("amip.models") and not target
           and full.split(".")[0] in NOT_IN_MODELS]
    assert bad == [], "amip/models is the pure domain (readers: amip/inputs; numpy and solvers: amip/optimizer): " \
                      + "; ".join(bad)


def test_the_domain_opens_no_file():
    """No ``open(...)``, ``read_text``/``read_bytes``, ``load_workbook`` or ``safe_load`` call in amip/models."""
    bad = []
    for mod, path in _modules().items():
        if not mod.startswith("amip.models"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                if name in ("open", "read_text", "read_bytes", "load_workbook", "safe_load"):
                    bad.append(f"{mod}:{node.lineno} {name}()")
    assert bad == [], "file reading in the domain package: " + "; ".join(bad)


@pytest.mark.parametrize("source, expected", [
    ({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
])
def test_the_cycle_finder_finds_cycles(source, expected):
    assert sorted(cycles(source)) == expected


def test_the_import_reader_sees_imports_inside_functions(tmp_path):
    pkg = tmp_path / "p"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from p.b import _hidden\n")
    (pkg / "b.py").write_text("import p.a\n")
    (pkg / "sub" / "c.py").write_text("from .. import a\nfrom ..b import thing\n")
    mods = _modules(pkg)
    edges = graph(mods)
    assert edges["p.a"] == {"p.b"} and edges["p.b"] == {"p.a"} and edges["p.sub.c"] == {"p.a", "p.b"}
    assert cycles(edges) == [["p.a", "p.b"]]
    assert ("p.a", "p.b._hidden", "p.b") in imports(mods)
