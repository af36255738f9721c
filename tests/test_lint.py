"""The house's linter (issue 25): `ruff check` passes on the whole repository with the configuration in
pyproject.toml (line length 120; pycodestyle, pyflakes, import order). CI runs the test command only, so
the linter runs here."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ruff() -> list[str]:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    return [found] if found else [sys.executable, "-m", "ruff"]


def test_ruff_check_passes():
    r = subprocess.run([*ruff(), "check", "--no-cache", str(ROOT)], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]


def test_ruff_is_configured_with_line_length_120():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.ruff]" in text and "line-length = 120" in text
