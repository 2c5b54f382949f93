"""`python -m cli`: the `podium` command without the installed script."""

from cli.main import main

main()
