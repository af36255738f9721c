"""The write layer (amip.export.files): temp file + rename, removed on every failure and signal;
inputs of the run are never overwritten, not even with force."""
import errno
import os
import signal

import pytest

from amip.cli import Terminated, _signals_interrupt
from amip.errors import InputError
from amip.export.files import atomic_write, write_text
from amip.inputs import reading


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_while_writing_leaves_no_temporary_file_and_the_old_file(tmp_path, signame):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"old")

    def write(tmp):
        tmp.write_bytes(b"half")
        os.kill(os.getpid(), getattr(signal, signame))   # arrives in the middle of the write

    with _signals_interrupt(), pytest.raises(KeyboardInterrupt) as e:
        atomic_write(out, write, force=True)
    assert isinstance(e.value, Terminated) == (signame != "SIGINT")
    assert out.read_bytes() == b"old" and _leftovers(tmp_path) == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG])
def test_a_full_disk_is_an_input_error_without_a_temporary_file(tmp_path, code):
    def write(tmp):
        tmp.write_bytes(b"part")
        raise OSError(code, os.strerror(code))

    with pytest.raises(InputError, match="Datenträger voll"):
        atomic_write(tmp_path / "o.xlsx", write, force=False)
    assert list(tmp_path.iterdir()) == []


def test_an_input_of_the_run_is_never_overwritten_even_with_force(tmp_path):
    src = tmp_path / "mine.yaml"
    src.write_text("name: mine\n", encoding="utf-8")
    reading.forget_inputs()
    reading.read_text(src, "scenario file")
    try:
        with pytest.raises(InputError, match="Eingabe dieses Laufs"):
            write_text(src, "replaced", force=True)
        os.link(src, tmp_path / "link.yaml")
        with pytest.raises(InputError, match="Eingabe dieses Laufs"):
            write_text(tmp_path / "link.yaml", "replaced", force=True)
        assert src.read_text(encoding="utf-8") == "name: mine\n"
        write_text(tmp_path / "other.yaml", "new", force=False)   # any other file is fine
    finally:
        reading.forget_inputs()
    assert _leftovers(tmp_path) == []
