"""Issue 25, item 7: the German handbook builds without a warning, speaks German, and the README is
the small front door that starts with the two commands CI runs."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml

from amip.cli import main
from amip.models.fmt import fixed
from tests.test_cli_terminal import NAMES, english_words, run

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
#: the one page written in English on purpose: it is for contributors
ENGLISH_PAGES = {"architektur.md"}
README_LIMIT = 8 * 1024


def _nav_files(nav) -> list[str]:
    out = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out += _nav_files(value) if isinstance(value, list) else [value]
    return out


def test_the_handbook_builds_strictly(tmp_path):
    """`mkdocs build --strict` fails on any warning: a broken link or anchor, a page outside the nav."""
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
                        "--site-dir", str(site)], capture_output=True, text=True, env=env, timeout=300, check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "WARNING" not in r.stderr, r.stderr
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    pages = _nav_files(nav)
    assert sorted(pages) == sorted(p.name for p in DOCS.glob("*.md"))
    for page in pages:
        built = site / ("index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html")
        assert built.is_file(), page


def test_a_broken_link_fails_the_build(tmp_path):
    """The strict build is a real check: a link to a missing page or anchor makes it fail."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Start\n\n[fehlt](fehlt.md) und [Anker](index.md#nirgends)\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), site_dir=str(tmp_path / "site"), nav=[{"Start": "index.md"}])
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(tmp_path / "mkdocs.yml")]
    r = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert r.returncode != 0
    assert "fehlt.md" in r.stderr and "#nirgends" in r.stderr


#: a word with a letter outside ASCII (ä, ö, ü, ß, é) is never English; the scan's ASCII word pattern
#: would otherwise split "gäbe" into "g" and "be"
NON_ASCII_WORD = re.compile(r"\w*[^\W\d_A-Za-z]\w*")


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md") if p.name not in ENGLISH_PAGES))
def test_every_handbook_page_is_german(page):
    text = NON_ASCII_WORD.sub(" ", (DOCS / page).read_text(encoding="utf-8"))
    assert english_words(text, NAMES) == []


def test_every_picture_is_shown_on_a_page():
    text = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("*.md"))
    pictures = sorted(p.name for p in DOCS.glob("*.png"))
    assert pictures and [p for p in pictures if f"]({p})" not in text] == []


def _ci_command() -> str:
    lines = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    return [ln for ln in lines if ln and not ln.startswith("#") and not ln.startswith(("set ", "cd "))][-1]


def test_readme_is_small_and_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= README_LIMIT
    commands = [ln.strip() for ln in readme.splitlines() if ln.startswith("    ")][:2]
    assert commands == ["python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/amip optimize",
                        _ci_command()]
    assert _ci_command() == ("bash .ci/system-packages && python3 -m venv .venv && .venv/bin/pip install -q -e "
                             "'.[test]' && .venv/bin/python -m pytest -q")
    # both before anything else is explained: within the first 15 lines
    head = "\n".join(readme.splitlines()[:15])
    assert all(c in head for c in commands)
    assert english_words(NON_ASCII_WORD.sub(" ", readme), NAMES) == []   # the front door is German too


def test_readme_links_into_the_handbook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\((docs/[^)#]+)", readme)
    assert links and all((ROOT / link).is_file() for link in links)
    assert "mkdocs build" in readme and "mkdocs serve" in readme


def _options(cmd: click.Command) -> set[str]:
    """The long options of a command; of a group, those of any of its subcommands."""
    if isinstance(cmd, click.Group):
        return set().union(*(_options(sub) for sub in cmd.commands.values()))
    return {o for p in cmd.params for o in p.opts + p.secondary_opts if o.startswith("--")}


def _named_commands():
    """Every `amip COMMAND [SUB] … --option` the README and the handbook show as code, with its page and line."""
    for path in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            # a command in a code block (an indented line) or a code span, not the word in prose
            for m in re.finditer(r"(?:^\s+|`|/)amip ([a-z]+)(?: ([a-z]+))?", line):
                cmd = main.commands.get(m.group(1))
                if cmd is not None and isinstance(cmd, click.Group) and m.group(2) in cmd.commands:
                    cmd = cmd.commands[m.group(2)]
                # the options on the rest of the line (up to a comment or the end of a code span)
                tail = re.split(r"#|`", line[m.end():])[0]
                yield path.name, m.group(1), cmd, re.findall(r"--[a-z][a-z-]*", tail), line.strip()


def test_the_handbook_names_only_commands_and_options_that_exist():
    """No page promises a command or an option the program does not have."""
    wrong = [(page, name, line) for page, name, cmd, _, line in _named_commands() if cmd is None]
    wrong += [(page, option, line) for page, _, cmd, options, line in _named_commands() if cmd is not None
              for option in options if option not in _options(cmd)]
    assert wrong == []


# ------------------------------------------------------------------ figures that move with the data
# The handbook keeps the figures that change with the commitments and rates in two places; these
# tests say when a merge made them stale (re-run the command the page names and copy the figures).

def _code_block_after(page: str, marker: str) -> list[str]:
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if marker in ln)
    block = []
    for ln in lines[start + 1:]:
        if ln.startswith("    "):
            block.append(ln[4:])
        elif block:
            break
    return block


def test_the_tutorial_shows_what_amip_optimize_prints():
    excerpt = _code_block_after("erste-schritte.md", "Terminal 80 Zeichen breit")
    r = run("optimize", width=80)
    assert r.exit_code == 0
    assert len(excerpt) >= 3 and excerpt == r.output.splitlines()[:len(excerpt)]


def test_the_price_table_shows_the_prices_amip_optimize_measures():
    data = json.loads(run("optimize", "--format", "json", "--draws", "0").output)
    prices = {p["name"]: fixed(p["price_integrations"]) for p in data["policy"]}
    commitments = {name for name in prices if not name.startswith("link__")}   # a link is priced with its leader
    text = (DOCS / "zusagen-und-preise.md").read_text(encoding="utf-8")
    rows = [ln for ln in text.splitlines() if ln.startswith("| `") and ln.count("|") == 4]
    # | `name`: what | source | price (…) |  →  name: first word of the last cell
    shown = {re.match(r"\| `(\w+)`", ln).group(1): ln.strip("| ").rsplit("|", 1)[1].split()[0] for ln in rows}
    assert set(shown) == commitments
    assert shown == {name: prices[name] for name in shown}
    total = next(ln for ln in text.splitlines() if ln.startswith("| alle zusammen"))
    for figure in (data["policy_total"]["price_integrations"], data["policy_total"]["objective_without"],
                   data["objective"]):
        assert fixed(figure) in total
