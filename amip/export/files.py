"""Safe output files: never overwrite without force, never leave a half-written file."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from amip.errors import InputError


def check_output_path(path: Path, *, force: bool) -> Path:
    """Refuse before any work is done: a missing folder, a folder, an existing file without force."""
    path = Path(path)
    if path.is_dir():
        raise InputError("output path is a folder, not a file", file=str(path))
    if not path.parent.exists() and str(path.parent) not in ("", "."):
        raise InputError(f"output folder '{path.parent}' does not exist", file=str(path))
    if path.exists() and not force:
        raise InputError("output file exists; use --force to overwrite it", file=str(path))
    if not os.access(path.parent if str(path.parent) else ".", os.W_OK):
        raise InputError(f"output folder '{path.parent}' is not writable", file=str(path))
    return path


def _file_mode(path: Path) -> int:
    """The mode a plain new file would get (0666 minus the umask), or the replaced file's mode."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, write: Callable[[Path], None], *, force: bool) -> Path:
    check_output_path(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"cannot write into folder '{folder}': {e.strerror}", file=str(path)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, _file_mode(path))   # mkstemp makes 0600; give the file the usual permissions
        if path.exists() and not force:   # appeared while we were writing
            raise InputError("output file exists; use --force to overwrite it", file=str(path))
        os.replace(tmp, path)
    except OSError as e:   # disk full, permissions changed under us …: an input problem, no traceback
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write the output file: {e.strerror or e}", file=str(path)) from None
    except BaseException:   # also KeyboardInterrupt: no partial file stays behind
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str, *, force: bool) -> Path:
    """A text file (UTF-8), written atomically like the workbooks."""
    return atomic_write(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"), force=force)
