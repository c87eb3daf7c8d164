"""``run_query()``: SPARQL over a built graph, with the union of all named graphs as the
default graph, answered by pyoxigraph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import DiplographError
from graph.store import oxigraph_store
from graph.writers import PREFIXES

QUERY_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
"""The prefixes every query may use without declaring them."""


@dataclass(frozen=True)
class QueryText:
    """A SPARQL query and where it came from (a file, or the command line)."""

    text: str
    origin: str


def query_text(argument: str) -> QueryText:
    """``argument`` read as a file of SPARQL when such a file exists, else as SPARQL text."""
    path = Path(argument)
    if len(argument) < 4096 and "\n" not in argument and path.is_file():
        try:
            return QueryText(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise DiplographError(f"{path}: cannot be read ({exc})") from exc
    return QueryText(argument, "query")


def run_query(target: str | Path, query: QueryText) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run ``query`` on the graph at ``target``."""
    store = oxigraph_store(target)
    try:
        return store.query(QUERY_PREFIXES + query.text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise DiplographError(f"{query.origin}: not valid SPARQL ({' '.join(str(exc).split())})") from exc


def term_text(term: object) -> str:
    """A result term as a table cell: prefixed IRIs where a prefix fits, literal values bare."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        value = term.value
        for prefix, iri in PREFIXES.items():
            if value.startswith(iri) and "/" not in value[len(iri):] and "#" not in value[len(iri):]:
                return f"{prefix}:{value[len(iri):]}"
        return f"<{value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def format_table(solutions: ox.QuerySolutions) -> str:
    """SELECT results as a plain text table (header, rule, one row per solution)."""
    names = [v.value for v in solutions.variables]
    rows = [[term_text(solution[name]) for name in names] for solution in solutions]
    rows = [[" ".join(cell.split()) for cell in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
