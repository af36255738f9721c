"""amip.__main__.run: one BLAS thread for the command unless the caller chose otherwise (issue 29: OpenBLAS's
threads cost more than they bring on amip's small matrices)."""
from __future__ import annotations

import pytest

import amip.__main__ as entry
import amip.cli


@pytest.mark.parametrize("given, expected", [(None, "1"), ("3", "3")])
def test_blas_threads_one_unless_set(monkeypatch, given, expected):
    seen = {}
    monkeypatch.setattr(entry, "install", lambda own: None)
    monkeypatch.setattr(amip.cli, "run", lambda: seen.update(v=entry.os.environ.get("OPENBLAS_NUM_THREADS")))
    if given is None:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", given)
    entry.run()
    assert seen == {"v": expected}
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)   # the test's change, undone
