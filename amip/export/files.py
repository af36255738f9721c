"""The one write layer: never overwrite without force, never overwrite an input of the same run (not
even with force), never leave a half-written or temporary file.

Every file is written to a temporary file beside the target (``.NAME.XXXX.tmp``) and renamed over it
only when complete. The temporary file is removed on every failure: a full disk (ENOSPC, EFBIG), an
error of the writer, Ctrl-C (SIGINT) and SIGTERM/SIGHUP, which the CLI turns into KeyboardInterrupt
(amip.cli: exit code 130).
"""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from amip import texts as T  # plain strings
from amip.errors import InputError, os_reason
from amip.inputs.reading import input_at, short_path


def _refuse_input(path: Path) -> None:
    source = input_at(path)
    if source is not None:
        raise InputError(T.OUTPUT_IS_INPUT.format(input=source), file=str(path))


def _reason(e: OSError) -> str:
    if e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return f"{T.DISK_FULL} ({os_reason(e)})"
    return os_reason(e)


def check_output_path(path: Path, *, force: bool) -> Path:
    """Refuse before any work is done: a missing folder, a folder, an existing file without force,
    an input of this run, a path the file system cannot hold."""
    path = Path(path)
    try:
        return _check_output_path(path, force=force)
    except OSError as e:   # e.g. ENAMETOOLONG from stat
        if e.errno == errno.ENAMETOOLONG:
            raise InputError(T.PATH_TOO_LONG.format(n=len(str(path))), file=short_path(str(path))) from None
        raise InputError(T.WRITE_FAILED.format(reason=_reason(e)), file=str(path)) from None


def _check_output_path(path: Path, *, force: bool) -> Path:
    _refuse_input(path)
    if path.is_dir():
        raise InputError(T.OUT_IS_DIR, file=str(path))
    if not path.parent.exists() and str(path.parent) not in ("", "."):
        raise InputError(T.OUT_NO_DIR.format(folder=path.parent), file=str(path))
    if path.exists() and not force:
        raise InputError(T.OUT_EXISTS, file=str(path))
    if not os.access(path.parent if str(path.parent) else ".", os.W_OK):
        raise InputError(T.OUT_NOT_WRITABLE.format(folder=path.parent), file=str(path))
    return path


def _file_mode(path: Path) -> int:
    """The mode a plain new file would get (0666 minus the umask), or the replaced file's mode."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


#: The files this run has written (replaced or created), for the message after a signal: what was
#: actually written, not "nothing" (the CLI empties it when a command starts).
WRITTEN: list[Path] = []


def forget_written() -> None:
    WRITTEN.clear()


def atomic_write(path: Path, write: Callable[[Path], None], *, force: bool) -> Path:
    """One file, written to a temporary name beside it and renamed (``atomic_write_all``)."""
    return atomic_write_all([(path, write)], force=force)[0]


def atomic_write_all(items: list[tuple[Path, Callable[[Path], None]]], *, force: bool) -> list[Path]:
    """Files that belong together (`amip national --output`: Parquet and workbook) replaced together or
    not at all: each is written to a temporary name beside it, then all are renamed in one step with
    SIGINT/SIGTERM/SIGHUP blocked (a signal then arrives after the last rename, and WRITTEN says so).
    Any failure or signal before leaves every old file as it was and no temporary file. Inside
    ``written_together`` the renames wait for the end of that block."""
    items = [(Path(p), w) for p, w in items]
    for path, _ in items:
        check_output_path(path, force=force)
    group = _GROUPS[-1] if _GROUPS else _Group(force)
    try:
        for path, write in items:
            group.current = path
            folder = path.parent if str(path.parent) else Path(".")
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            group.pending.append((path, Path(tmp_name)))   # from here on removed unless renamed
            os.close(fd)
            write(group.pending[-1][1])
            os.chmod(group.pending[-1][1], _file_mode(path))   # mkstemp makes 0600; the usual permissions
    except BaseException as e:
        group.discard()
        if isinstance(e, OSError):   # disk full, permissions changed under us …: an input problem, no traceback
            raise InputError(T.WRITE_FAILED.format(reason=_reason(e)), file=str(group.current)) from None
        raise
    if not _GROUPS:
        group.commit()
    return [p for p, _ in items]


class _Group:
    """The temporary files of one step of writing, renamed over their targets together."""

    def __init__(self, force: bool) -> None:
        self.force = force
        self.pending: list[tuple[Path, Path]] = []   # (target, temporary file)
        self.current: Path | None = None

    def commit(self) -> None:
        try:
            with _no_signals():
                for path, _ in self.pending:
                    self.current = path
                    if path.exists() and not self.force:   # appeared while we were writing
                        raise InputError(T.OUT_EXISTS, file=str(path))
                    _refuse_input(path)               # the same check as before the work, now at the moment of truth
                for path, tmp in self.pending:
                    self.current = path
                    os.replace(tmp, path)
                    WRITTEN.append(path)
                self.pending = []
        except OSError as e:
            raise InputError(T.WRITE_FAILED.format(reason=_reason(e)), file=str(self.current)) from None
        finally:   # every failure, also KeyboardInterrupt (SIGINT, SIGTERM, SIGHUP): no partial file stays
            self.discard()

    def discard(self) -> None:
        if self.pending:
            with _no_signals():
                for _, tmp in self.pending:
                    tmp.unlink(missing_ok=True)
            self.pending = []


_GROUPS: list[_Group] = []


@contextlib.contextmanager
def written_together(*, force: bool):
    """The outputs of one command that belong together (`amip init`'s case folder, `sensitivity
    --output --html`): every file written inside the block (``atomic_write``, ``write_text``) stays at its
    temporary name until the block ends; then all are renamed in one step, or, on any failure or signal
    inside, none — every old file as it was, no temporary file left."""
    group = _Group(force)
    _GROUPS.append(group)
    try:
        yield
    except BaseException:
        _GROUPS.remove(group)
        group.discard()
        raise
    _GROUPS.remove(group)
    group.commit()


class _no_signals:
    """Holds SIGINT/SIGTERM/SIGHUP back for a short critical step (the renames of a group of files, the
    clean-up): blocked for this thread, and — since another thread (Dask's, a pool's) may take the
    signal for the process — the Python handlers swapped for a recorder in the main thread. A signal
    that arrived is raised again at the end, with the old handlers back."""

    def __enter__(self):
        import signal
        import threading

        self._sigs = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
        self._got: list[int] = []
        self._handlers = {}
        if threading.current_thread() is threading.main_thread():
            for s in self._sigs:
                self._handlers[s] = signal.signal(s, lambda signum, _frame: self._got.append(signum))
        try:
            self._old = signal.pthread_sigmask(signal.SIG_BLOCK, set(self._sigs))
        except (AttributeError, OSError, ValueError):
            self._old = None
        return self

    def __exit__(self, *exc):
        import signal

        if self._old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self._old)   # a pending signal reaches the recorder
        for s, h in self._handlers.items():
            if h is not None:   # None: a handler not set from Python; the recorder then stays (harmless)
                signal.signal(s, h)
        if self._got:
            signal.raise_signal(self._got[0])   # now, with the run's own handler (exit 130 and its message)
        return False


def write_text(path: Path, text: str, *, force: bool) -> Path:
    """A text file (UTF-8), written atomically like the workbooks."""
    return atomic_write(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"), force=force)
