"""amip.interrupt (with the entry amip.__main__): SIGINT, SIGTERM and SIGHUP end every phase of a run with
130, one German line that says what was written, no traceback, no temporary file, no old file
half-replaced, no process left behind.

Each run is a subprocess that reaches its phase deterministically and waits there (no timing guesses):
a small prelude, run instead of the console script, pauses at the first import of a named module (the
start-up imports), inside HiGHS's solve, after a named temporary output file is complete (before the
rename), or after the outputs were renamed; Dask's worker start-up and shutdown wait in a worker preload
(``distributed.worker.preload``). The pause touches a marker file; the test then sends the signal."""
from __future__ import annotations

import concurrent.futures as cf
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

PRELUDE = textwrap.dedent('''
    import os, sys, time, pathlib

    kind, what = os.environ["AMIP_TEST_PAUSE"].split(":", 1)
    mark = pathlib.Path(os.environ["AMIP_TEST_MARK"])

    def pause():
        mark.touch()
        time.sleep(120)

    if kind == "import":   # the first import of a module
        class Finder:
            def find_spec(self, name, path=None, target=None):
                if name == what:
                    sys.meta_path.remove(self)
                    pause()
                return None
        sys.meta_path.insert(0, Finder())
    elif kind == "solve":   # inside HiGHS's run of the first solve
        import highspy
        run = highspy.Highs.run
        def paused(self, *a, **k):
            highspy.Highs.run = run
            pause()
            return run(self, *a, **k)
        highspy.Highs.run = paused
    elif kind in ("written", "renamed"):   # temporary file WHAT complete / the group renamed
        import amip.export.files as files
        whole = files.atomic_write_all
        def write_all(items, **kw):
            def late(path, write):
                def w(tmp):
                    write(tmp)
                    if kind == "written" and path.name == what:
                        pause()
                return w
            out = whole([(p, late(p, w)) for p, w in items], **kw)
            if kind == "renamed" and any(p.name == what for p in out):
                pause()
            return out
        files.atomic_write_all = write_all

    sys.argv[0] = "amip"
    from amip.__main__ import run
    run()
''')
PRELUDE = "if __name__ == '__main__':   # not again in a process spawned by Dask\n" + textwrap.indent(PRELUDE, "    ")

#: Dask's worker start-up and shutdown wait here (the main process is inside LocalCluster() / close()).
PRELOAD = textwrap.dedent('''
    import os, pathlib, time

    kind = os.environ["AMIP_TEST_PAUSE"].split(":", 1)[0]

    def dask_setup(worker):
        if kind == "dask-start":
            pathlib.Path(os.environ["AMIP_TEST_MARK"]).touch()
            time.sleep(120)

    def dask_teardown(worker):
        if kind == "dask-stop":
            pathlib.Path(os.environ["AMIP_TEST_MARK"]).touch()
            time.sleep(120)
''')

OPTIMIZE = ["optimize", "--draws", "0", "--output", "plan.xlsx", "--force"]
NATIONAL = ["national", "--search", "Duisburg", "--workers", "1", "--draws", "0", "--quiet", "--output", "out",
            "--force"]
INIT = ["init", "case", "--jobcenter", "Duisburg", "--force"]
SENSITIVITY = ["sensitivity", "--draws", "10", "--points", "3", "--quiet", "--output", "s.xlsx", "--html", "s.html",
               "--force"]
OLD = {"optimize": ["plan.xlsx"], "national": ["out/jobcenters.parquet", "out/national.xlsx"],
       "init": ["case/case.yaml", "case/massnahmen.xlsx", "case/planung.yaml"], "sensitivity": ["s.xlsx", "s.html"]}

#: (id, command, pause, signal, whole process group as a terminal's Ctrl-C, files replaced when it ends)
RUNS = [
    ("start-imports", OPTIMIZE, "import:click", "SIGTERM", False, False),
    ("start-imports-int", OPTIMIZE, "import:click", "SIGINT", False, False),
    ("command-import", OPTIMIZE, "import:highspy", "SIGHUP", False, False),
    ("solve", OPTIMIZE, "solve:", "SIGINT", True, False),
    ("solve-term", OPTIMIZE, "solve:", "SIGTERM", False, False),
    ("writing", OPTIMIZE, "written:plan.xlsx", "SIGHUP", False, False),
    ("writing-int", OPTIMIZE, "written:plan.xlsx", "SIGINT", True, False),
    ("written", OPTIMIZE, "renamed:plan.xlsx", "SIGTERM", False, True),
    ("dask-start", NATIONAL, "dask-start:", "SIGINT", True, False),
    ("dask-start-term", NATIONAL, "dask-start:", "SIGTERM", False, False),
    ("dask-stop", NATIONAL, "dask-stop:", "SIGHUP", False, False),
    ("dask-stop-int", NATIONAL, "dask-stop:", "SIGINT", True, False),
    ("between-files", NATIONAL, "written:jobcenters.parquet", "SIGTERM", False, False),
    ("both-files", NATIONAL, "written:national.xlsx", "SIGINT", True, False),
    ("national-written", NATIONAL, "renamed:national.xlsx", "SIGHUP", False, True),
    ("init-folder", INIT, "written:planung.yaml", "SIGTERM", False, False),   # workbook and planning done
    ("sensitivity-both", SENSITIVITY, "written:s.html", "SIGINT", True, False),  # the workbook done
]


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and p.name not in ("prelude.py", "pause_preload.py", "mark")}


def _session(sid: int) -> list[int]:
    """The processes of a session still alive (zombies are dead)."""
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                out.append(int(d.name))
    return out


def _run(root: Path, run_id: str, argv: list[str], pause: str, signame: str, group: bool) -> dict:
    d = root / run_id
    d.mkdir()
    (d / "prelude.py").write_text(PRELUDE)
    (d / "pause_preload.py").write_text(PRELOAD)
    for name in OLD[argv[0]]:
        (d / name).parent.mkdir(exist_ok=True)
        (d / name).write_bytes(b"old " + name.encode())
    before = _digest(d)
    mark = d / "mark"
    env = dict(os.environ, AMIP_TEST_PAUSE=pause, AMIP_TEST_MARK=str(mark),
               DASK_DISTRIBUTED__WORKER__PRELOAD=f'["{d / "pause_preload.py"}"]')
    p = subprocess.Popen([sys.executable, str(d / "prelude.py"), *argv], cwd=d, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 180
    while not mark.exists() and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    reached = mark.exists()
    if reached:
        time.sleep(0.2)   # well inside the pause
        (os.killpg if group else os.kill)(p.pid, getattr(signal, signame))
    try:
        out, err = p.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
    time.sleep(1.0)   # Dask's worker processes notice their parent is gone
    alive = _session(p.pid)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    return {"code": p.returncode, "err": err.decode("utf-8", "replace"), "reached": reached, "before": before,
            "after": _digest(d), "files": sorted(x.name for x in d.rglob("*")), "alive": alive}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("interrupt")
    with cf.ThreadPoolExecutor(2) as pool:
        futures = {r[0]: pool.submit(_run, root, r[0], r[1], r[2], r[3], r[4]) for r in RUNS}
        return {k: f.result() for k, f in futures.items()}


@pytest.mark.slow
@pytest.mark.parametrize("run_id,argv,pause,signame,group,replaced", RUNS, ids=[r[0] for r in RUNS])
def test_a_signal_in_every_phase_exits_130_and_says_what_was_written(runs, run_id, argv, pause, signame, group,
                                                                     replaced):
    r = runs[run_id]
    assert r["reached"], r["err"]
    assert r["code"] == 130, (r["code"], r["err"])
    assert "Traceback" not in r["err"] and "Error" not in r["err"], r["err"]
    assert not [n for n in r["files"] if n.endswith(".tmp")], r["files"]
    assert r["alive"] == [], "a process of the run outlived it"
    name = "SIGINT, Strg+C" if signame == "SIGINT" else signame
    lines = r["err"].strip().splitlines()
    assert lines[-1].startswith(f"Abgebrochen ({name})"), r["err"]
    changed = {k for k in r["before"] if r["after"].get(k) != r["before"][k]}
    assert set(r["after"]) == set(r["before"]), (r["before"], r["after"])
    if replaced:   # every file of the group new, and the line names them
        assert changed == set(r["before"]), changed
        assert "geschrieben wurde(n) vor dem Abbruch" in lines[-1]
        assert all(Path(k).name in lines[-1] for k in changed), lines[-1]
    else:          # every old file as it was
        assert changed == set(), changed
        assert "keine Ausgabedatei geschrieben" in lines[-1], lines[-1]


def test_a_signal_while_the_command_line_is_parsed_is_130_with_the_line_not_clicks_abort(monkeypatch):
    """click's own handler would print "Abgebrochen." and exit 1; the group's parsing says the line and 130."""
    import click
    from click.testing import CliRunner

    from amip.cli import main

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(click.Group, "parse_args", interrupted)
    r = CliRunner().invoke(main, ["optimize", "--draws", "0"])
    assert r.exit_code == 130, r.output
    assert r.stderr.strip() == "Abgebrochen (SIGINT, Strg+C); keine Ausgabedatei geschrieben, keine temporäre Datei " \
                               "zurückgelassen.", r.stderr


def test_the_console_script_sets_the_handlers_before_the_imports():
    """`amip` starts at amip.__main__:run (the handlers, then amip.cli), as `python -m amip` does."""
    import configparser

    cfg = configparser.ConfigParser()
    cfg.read(Path(__file__).resolve().parent.parent / "setup.cfg", encoding="utf-8")
    assert cfg["options.entry_points"]["console_scripts"].split() == ["amip", "=", "amip.__main__:run"]
    main_py = (Path(__file__).resolve().parent.parent / "amip" / "__main__.py").read_text(encoding="utf-8")
    assert main_py.index("install(own=True)") < main_py.index("from amip.cli import")
