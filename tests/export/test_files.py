"""The write layer (amip.export.files): temp file + rename, removed on every failure and signal;
inputs of the run are never overwritten, not even with force."""
import errno
import os
import signal

import pytest

from amip.errors import InputError
from amip.export.files import atomic_write, write_text
from amip.inputs import reading
from amip.interrupt import Terminated, interrupting


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_while_writing_leaves_no_temporary_file_and_the_old_file(tmp_path, signame):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"old")

    def write(tmp):
        tmp.write_bytes(b"half")
        os.kill(os.getpid(), getattr(signal, signame))   # arrives in the middle of the write

    with interrupting(), pytest.raises(KeyboardInterrupt) as e:
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


# ---- several files replaced together (amip national --output: Parquet and workbook; issue 29)
def _pair(tmp_path, second):
    from amip.export.files import atomic_write_all

    a, b = tmp_path / "a.parquet", tmp_path / "b.xlsx"
    a.write_text("old a")
    b.write_text("old b")
    return a, b, lambda: atomic_write_all([(a, lambda t: t.write_text("new a")), (b, second)], force=True)


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_while_the_second_file_is_written_keeps_both_old_files(tmp_path, signame):
    def second(t):
        t.write_text("half")
        os.kill(os.getpid(), getattr(signal, signame))

    a, b, run = _pair(tmp_path, second)
    with interrupting(), pytest.raises(KeyboardInterrupt):
        run()
    assert (a.read_text(), b.read_text()) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet", "b.xlsx"]


def test_a_failure_of_the_second_file_keeps_both_old_files(tmp_path):
    def second(t):
        raise OSError(errno.ENOSPC, "No space left on device")

    a, b, run = _pair(tmp_path, second)
    with pytest.raises(InputError, match="b.xlsx"):
        run()
    assert (a.read_text(), b.read_text()) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet", "b.xlsx"]


def test_a_signal_during_the_renames_arrives_after_both_and_is_reported(tmp_path, monkeypatch):
    from amip.export import files

    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGTERM)   # blocked during the renames: delivered after the last
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    files.forget_written()
    a, b, run = _pair(tmp_path, lambda t: t.write_text("new b"))
    with interrupting(), pytest.raises(KeyboardInterrupt):
        run()
    assert (a.read_text(), b.read_text()) == ("new a", "new b")
    assert files.WRITTEN == [a, b]   # the CLI names them after the signal, instead of "nothing written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.parquet", "b.xlsx"]


def test_files_written_together_are_renamed_at_the_end_of_the_block_or_not_at_all(tmp_path):
    """`amip init`, `sensitivity --output --html`, `year --output --html`: separate writers, one step."""
    from amip.export.files import WRITTEN, forget_written, written_together

    a, b = tmp_path / "a.xlsx", tmp_path / "b.html"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    forget_written()
    with pytest.raises(InputError, match="Datenträger voll"), written_together(force=True):
        write_text(a, "new a", force=True)
        assert a.read_bytes() == b"old a" and len(_leftovers(tmp_path)) == 1, "renamed only at the end"
        atomic_write(b, lambda tmp: (_ for _ in ()).throw(OSError(errno.ENOSPC, "voll")), force=True)
    assert (a.read_bytes(), b.read_bytes()) == (b"old a", b"old b") and _leftovers(tmp_path) == [] and WRITTEN == []
    with pytest.raises(KeyboardInterrupt), written_together(force=True):
        write_text(a, "new a", force=True)
        raise KeyboardInterrupt
    assert a.read_bytes() == b"old a" and _leftovers(tmp_path) == [] and WRITTEN == []
    with written_together(force=True):
        write_text(a, "new a", force=True)
        write_text(b, "new b", force=True)
    assert (a.read_text(), b.read_text()) == ("new a", "new b") and _leftovers(tmp_path) == []
    assert WRITTEN == [a, b]
