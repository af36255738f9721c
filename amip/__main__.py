"""The ``amip`` command (console script ``amip.__main__:run`` and ``python -m amip``): the signal handlers
first (amip.interrupt), then the imports and the command (``amip.cli.run``). A signal that reaches this far
— during the start-up imports, or between the command and the exit — is said here and ends the process
with 130."""
import os
import sys

from amip.interrupt import install, say

#: BLAS threads: one. The matrices amip hands to BLAS are small (the headline's re-solves: a few rows ×
#: the measures, m × m inverses); with more threads OpenBLAS spends longer starting and syncing them
#: than computing (at 10.000 measures 1,73 → 1,37 s CPU and wall for `amip optimize --format json`,
#: paired runs on 2 cores). Set before numpy is first imported; a value the caller set is kept.
BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1"}


def run() -> None:
    for key, value in BLAS_THREADS.items():
        os.environ.setdefault(key, value)
    install(own=True)
    try:
        from amip.cli import run as command

        command()
    except KeyboardInterrupt as e:
        say(e)
        sys.exit(130)


if __name__ == "__main__":
    run()
