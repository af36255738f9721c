from amip.cli import main

main()
