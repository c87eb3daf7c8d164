"""``python -m graph``: the diplograph command."""

from graph.cli import main

main()
