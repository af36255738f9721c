from amip.cli import run

run()
