"""The cookbook: named SPARQL queries shipped as package data (``<name>.rq``).

Each file opens with ``# Question: ...`` and one ``# Parameter: <name> - <what it is>``
line per variable the caller binds; :mod:`graph.cookbook` reads them.
"""
