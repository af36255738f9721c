"""The --jobs worker pool stops quietly: Ctrl-C (SIGINT to the whole process group, as a terminal sends
it), SIGTERM or SIGHUP to the parent end the run with exit 130, one line, no worker traceback, no
worker left behind, no output or temporary file."""
import concurrent.futures as cf
import os
import signal
import subprocess
import sys
import time

import pytest

SIGNALS = [("SIGINT", True), ("SIGTERM", False), ("SIGHUP", False)]


def _interrupt(folder, signame: str, group: bool):
    folder.mkdir()
    p = subprocess.Popen([sys.executable, "-m", "amip", "sensitivity", "--jobs", "2", "--draws", "40000", "--quiet",
                          "--output", "out.xlsx"], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True)
    _wait_for_workers(p.pid)   # inside the sweep or the draws, the workers running
    if group:
        os.killpg(p.pid, getattr(signal, signame))
    else:
        p.send_signal(getattr(signal, signame))
    try:
        out, err = p.communicate(timeout=30)
    finally:
        time.sleep(1.0)   # the workers notice their parent is gone within 0.25 s
        left = subprocess.run(["ps", "-o", "pid=", "-g", str(p.pid)], capture_output=True, text=True).stdout.split()
        alive = [pid for pid in left if _alive(int(pid))]
        for pid in alive:
            os.kill(int(pid), signal.SIGKILL)
    return p.returncode, err.decode(), alive, sorted(x.name for x in folder.iterdir())


def _wait_for_workers(pid: int, workers: int = 2, timeout: float = 60.0) -> None:
    """Until the parent's process group holds its worker processes (plus a moment for them to take
    work), so the signal always lands inside the pool, however slow the machine is."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        group = subprocess.run(["ps", "-o", "pid=", "-g", str(pid)], capture_output=True, text=True).stdout.split()
        if sum(_is_worker(int(g)) for g in group if int(g) != pid) >= workers:
            time.sleep(1.5)
            return
        time.sleep(0.2)
    raise AssertionError(f"the --jobs workers of process {pid} did not start within {timeout:g} s")


def _is_worker(pid: int) -> bool:
    """A spawned pool worker (not multiprocessing's resource tracker), alive."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"spawn_main" in f.read() and _alive(pid)
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"   # a zombie is already dead
    except OSError:
        return False


@pytest.fixture(scope="module")
def interrupted(tmp_path_factory):
    root = tmp_path_factory.mktemp("signals")
    with cf.ThreadPoolExecutor(3) as pool:
        futures = {s: pool.submit(_interrupt, root / s, s, g) for s, g in SIGNALS}
        return {s: f.result() for s, f in futures.items()}


@pytest.mark.parametrize("signame", [s for s, _ in SIGNALS])
def test_the_pool_stops_quietly(interrupted, signame):
    code, err, alive, files = interrupted[signame]
    assert code == 130, err
    assert "Traceback" not in err and err.count("\n") == 1 and "Abgebrochen" in err, err
    assert alive == []
    assert files == []
