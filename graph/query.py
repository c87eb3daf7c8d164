"""``run_query()``: SPARQL over a built graph, with the union of all named graphs as the
default graph, answered by pyoxigraph.

A query is a file, a shipped query of the cookbook (:mod:`graph.cookbook`) or SPARQL text;
its parameters (``--param actor=Russia``) are bound with pyoxigraph's ``substitutions``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.cookbook import Header, read_header, recipe
from graph.diskstore import is_store
from graph.errors import DiplographError
from graph.parameters import resolve
from graph.store import graph_file, oxigraph_store
from graph.writers import PREFIXES

QUERY_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
"""The prefixes every query may use without declaring them."""


@dataclass(frozen=True)
class QueryText:
    """A SPARQL query, where it came from (a file, a shipped query, the command line) and
    what its opening comment lines say (its question and parameters)."""

    text: str
    origin: str
    header: Header = field(default_factory=lambda: Header(None, ()))


def query_text(argument: str) -> QueryText:
    """``argument`` read as a file of SPARQL when such a file exists, else as the name of a
    shipped query, else as SPARQL text."""
    path = Path(argument)
    if len(argument) < 4096 and "\n" not in argument and path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DiplographError(f"{path}: cannot be read ({exc})") from exc
        return QueryText(text, str(path), read_header(text, str(path)))
    shipped = recipe(argument)
    if shipped is not None:
        return QueryText(shipped.text, shipped.origin, shipped.header)
    return QueryText(argument, "query", read_header(argument, "query"))


def check_parameters(query: QueryText, params: Mapping[str, str]) -> None:
    """The parameters given must be the ones ``query`` declares (or, when it declares
    none, variables it uses)."""
    declared = {p.name: p for p in query.header.parameters}
    if declared:
        for name in params:
            if name not in declared:
                takes = ", ".join(declared)
                raise DiplographError(f'{query.origin}: takes no parameter "{name}" (its parameters: {takes})')
        for name, parameter in declared.items():
            if name not in params:
                raise DiplographError(f"{query.origin}: needs --param {name}=... ({parameter.description})")
        return
    for name in params:
        if not re.search(rf"[?$]{re.escape(name)}\b", query.text):
            raise DiplographError(f"{query.origin}: has no variable ?{name} to bind (check --param {name}=...)")


def run_query(
    target: str | Path, query: QueryText, params: Mapping[str, str] | None = None
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run ``query`` on the graph at ``target``, its variables bound to the entities
    ``params`` name (see :func:`graph.parameters.resolve`)."""
    params = dict(params or {})
    check_parameters(query, params)
    store = oxigraph_store(target)
    origin = Path(target) if is_store(target) else graph_file(target)
    substitutions = {ox.Variable(name): resolve(store, name, value, origin) for name, value in params.items()}
    try:
        return store.query(
            QUERY_PREFIXES + query.text, use_default_graph_as_union=True, substitutions=substitutions or None
        )
    except SyntaxError as exc:
        raise DiplographError(f"{query.origin}: not valid SPARQL ({' '.join(str(exc).split())})") from exc
    except RuntimeError as exc:
        message = " ".join(str(exc).split())
        hint = "; select each parameter's variable" if substitutions else ""
        raise DiplographError(f"{query.origin}: cannot be run ({message}{hint})") from exc


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
