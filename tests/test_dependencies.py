"""Every third-party package that amip imports at run time is declared in install_requires (or, for the
national run, in the extra 'national'): a fresh `pip install -e .` must run every command. scipy was only
in the test extra while `amip optimize` imported it, and the README's first command failed."""
from __future__ import annotations

import ast
import configparser
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: import name → distribution name, where they differ
DISTRIBUTION = {"yaml": "pyyaml", "dask": "dask", "distributed": "dask", "pyarrow": "pyarrow"}


def declared(section: str) -> set[str]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    text = cfg["options"]["install_requires"] if section == "install" else cfg["options.extras_require"][section]
    return {re.split(r"[<>=\[ ;]", line.strip(), maxsplit=1)[0].lower() for line in text.splitlines() if line.strip()}


def imported() -> dict[str, str]:
    found = {}
    for path in (ROOT / "amip").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                     else [])
            for name in names:
                top = name.split(".")[0]
                if top != "amip" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_run_time_import_is_installed_by_pip_install():
    runtime = declared("install") | declared("national")
    missing = {name: where for name, where in imported().items()
               if DISTRIBUTION.get(name, name).lower() not in runtime}
    assert missing == {}, f"imported but not in install_requires: {missing}"
