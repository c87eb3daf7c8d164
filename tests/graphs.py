"""Graph comparison for golden tests: isomorphism, with a readable diff on failure."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic


def assert_isomorphic(expected: Graph, got: Graph) -> None:
    """Fail with the triples found only on one side, sorted, in N-Triples."""
    iso_expected, iso_got = to_isomorphic(expected), to_isomorphic(got)
    if iso_expected == iso_got:
        return
    _both, only_expected, only_got = graph_diff(iso_expected, iso_got)

    def lines(g: Graph) -> str:
        return "\n".join(sorted(f"  {s.n3()} {p.n3()} {o.n3()} ." for s, p, o in g)) or "  (none)"

    raise AssertionError(f"graphs differ\nonly in expected:\n{lines(only_expected)}\nonly in built:\n{lines(only_got)}")
