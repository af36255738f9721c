"""SIGINT (Ctrl-C), SIGTERM and SIGHUP: exit code 130 in every phase of a run, one German line that says
what was written, no traceback, nothing half-written (issue 29). One mechanism, in this module:

- ``amip.__main__.run``, the console entry (``amip``, ``python -m amip``), calls ``install`` before
  anything else is imported (click, pandas, the solver, Dask): from then on the first of the three signals raises
  KeyboardInterrupt (SIGINT) or ``Terminated`` (SIGTERM, SIGHUP) in the main thread, wherever the run
  is — importing, reading, solving, writing a file, starting or stopping Dask's cluster.
- The first signal is the last one that raises: every further one is held while the run winds down
  (the write layer removes its temporary files, Dask's cluster is closed), so no second exception cuts
  a clean-up short or turns into a traceback.
- ``say()`` writes the one line (``texts.INTERRUPTED`` / ``INTERRUPTED_WRITTEN``: the files this run
  replaced, from ``amip.export.files.WRITTEN``) and then lets any further signal end the process with
  130 at once. The command's handler (``amip.cli``) and the net around the whole process
  (``amip.__main__.run``) both call it; it speaks once.
- ``interrupting()``: the same handlers for the time of one command, for callers inside another
  program (tests call ``amip.cli.main``), with that program's handlers back afterwards.

Standard library only: this module runs before the heavy imports it guards.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
import threading

NAMES = ("SIGINT", "SIGTERM", "SIGHUP")
SIGNALS = tuple(getattr(signal, n) for n in NAMES if hasattr(signal, n))


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: handled like Ctrl-C (temporary files removed, exit 130)."""


class _State:
    fired: int | None = None   #: the first signal of this process (None: none yet)
    said = False               #: the line after a signal is out
    own = False                #: the handlers are this process's own (``run``), not a host program's
    held: list[int] = []       #: signals that came after the first


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _hold(signum, _frame) -> None:
    _State.held.append(signum)


def _raise(signum, _frame) -> None:
    """The first signal: every further one is held from now on, then the run is interrupted here."""
    _State.fired = signum
    for s in SIGNALS:
        signal.signal(s, _hold)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signal.Signals(signum).name)


def install(*, own: bool = False) -> None:
    """SIGINT, SIGTERM and SIGHUP interrupt the run (main thread only; elsewhere Python cannot).
    ``own``: the process is the ``amip`` command itself (its entry), not a program that hosts it."""
    if own and not _State.own and _main_thread():
        atexit.register(_ignore_in_teardown)   # the first registered: the last exit handler to run
    _State.own = _State.own or own
    if _main_thread():
        for s in SIGNALS:
            signal.signal(s, _raise)


def _ignore_in_teardown() -> None:
    """After the last exit handler the interpreter's teardown puts the operating system's default
    handlers back (all but ignored signals), and a late Ctrl-C then killed the process (exit −2, after
    a Dask run had written and said its files). By then everything is written, said and cleaned up:
    the three signals are ignored for the last moments of the ordinary exit."""
    if _main_thread():
        for s in SIGNALS:
            with contextlib.suppress(OSError, ValueError):
                signal.signal(s, signal.SIG_IGN)


@contextlib.contextmanager
def interrupting():
    """The handlers of ``install`` for the time of a command, the caller's back afterwards — unless the
    process's own (``run``) were set and a signal came: then further signals stay held until ``say``."""
    if not _main_thread():
        yield
        return
    old = {s: signal.getsignal(s) for s in SIGNALS}
    _State.fired, _State.said = None, False   # a new command (a host program runs many)
    install()
    try:
        yield
    finally:
        for s, h in old.items():
            if not (h is _raise and _State.fired is not None):
                signal.signal(s, h if h is not None else signal.SIG_DFL)


def signal_name(e: BaseException) -> str:
    """The signal an interruption came from, as the message names it."""
    return str(e) if isinstance(e, Terminated) else "SIGINT, Strg+C"


def say(e: BaseException) -> None:
    """The one line after a signal: the files this run replaced, or that none was written. Said once;
    afterwards any further signal ends the process with 130 at once."""
    if _State.own and _main_thread():
        for s in SIGNALS:   # held while the line is written
            signal.signal(s, _hold)
    if not _State.said:
        _State.said = True
        from amip import texts as T

        files = sys.modules.get("amip.export.files")   # not imported yet: nothing was written
        written = list(files.WRITTEN) if files is not None else []
        with contextlib.suppress(OSError, ValueError):
            if written:
                from amip.errors import path_text

                names = ", ".join(path_text(p) for p in written)
                print(T.INTERRUPTED_WRITTEN.format(signal=signal_name(e), files=names), file=sys.stderr, flush=True)
            else:
                print(T.INTERRUPTED.format(signal=signal_name(e)), file=sys.stderr, flush=True)
    if _State.own:   # the process ends now: a further signal only makes it quicker
        exit_at_once()


def _bye(_signum, _frame) -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(130)


def exit_at_once() -> None:
    """From now on SIGINT, SIGTERM and SIGHUP end the process with 130 at once (after the command, or
    after the line of ``say``: what was written is written and said). Python's own handler would raise
    a KeyboardInterrupt that nothing catches any more while worker threads are joined, and the
    interpreter then kills itself with SIGINT (exit −2)."""
    if _main_thread():
        for s in SIGNALS:
            with contextlib.suppress(OSError, ValueError):
                signal.signal(s, _bye)
