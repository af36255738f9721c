"""The ``amip`` command (console script ``amip.__main__:run`` and ``python -m amip``): the signal handlers
first (amip.interrupt), then the imports and the command (``amip.cli.run``). A signal that reaches this far
— during the start-up imports, or between the command and the exit — is said here and ends the process
with 130."""
import sys

from amip.interrupt import install, say


def run() -> None:
    install(own=True)
    try:
        from amip.cli import run as command

        command()
    except KeyboardInterrupt as e:
        say(e)
        sys.exit(130)


if __name__ == "__main__":
    run()
