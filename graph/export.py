"""Event data: the actions of a built graph as a CSV or TSV table, one row per action and agent.

This is the dyadic form of event-data work (pandas, R, Stata): each row has the agent, the
other agents of the same action, the action type with its CAMEO code, the object, the
frameworks and topics, and where the text says so.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox

from graph.errors import DiplographError
from graph.namespaces import DG
from graph.store import oxigraph_store

COLUMNS = (
    "date", "document", "identifier", "action", "agent_id", "agent_label", "co_agents", "type", "cameo",
    "object", "frameworks", "topics", "negated", "paragraph", "evidence", "start", "end", "part_of",
)
_QUERY = f"""
PREFIX dg: <{DG._NS}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?action ?document ?doc_id ?date ?identifier ?agent ?agent_id ?agent_label ?type ?cameo ?object
       ?negated ?paragraph ?evidence ?start ?end ?parent
WHERE {{
  ?action a dg:AgreedAction ; dg:statedIn ?document ; dg:agent ?agent ; dg:actionType ?typeIri ;
          dg:object ?object ; dg:evidence ?evidence ; dg:start ?start ; dg:end ?end .
  ?typeIri skos:prefLabel ?type .
  OPTIONAL {{ ?typeIri skos:notation ?cameo }}
  OPTIONAL {{ ?agent dcterms:identifier ?agent_id }}
  OPTIONAL {{ ?agent rdfs:label ?agent_label }}
  OPTIONAL {{ ?document dcterms:date ?date }}
  OPTIONAL {{ ?document dcterms:identifier ?identifier }}
  OPTIONAL {{ ?action dg:negated ?negated }}
  OPTIONAL {{ ?action dg:paragraph ?paragraph }}
  OPTIONAL {{ ?parent dg:hasPart ?action }}
}}
"""
_DIGITS = re.compile(r"(\d+)")


def _value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _ids(store: ox.Store, action: ox.NamedNode, predicate: str) -> str:
    """The ids (or IRIs) of the frameworks or topics of an action, sorted, ";"-separated."""
    ids = []
    for quad in store.quads_for_pattern(action, ox.NamedNode(predicate), None, None):
        target = quad.object
        found = list(store.quads_for_pattern(target, ox.NamedNode("http://purl.org/dc/terms/identifier"), None, None))
        ids.append(found[0].object.value if found else _value(target))
    return ";".join(sorted(set(ids)))


def _rank(iri: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in _DIGITS.split(iri))


def action_rows(target: str | Path) -> list[dict[str, str]]:
    """One row per action and agent of the graph at ``target``, by document and action rank."""
    store = oxigraph_store(target)
    rows: dict[tuple[str, str], dict[str, str]] = {}
    agents: dict[str, set[str]] = {}
    results = store.query(_QUERY, use_default_graph_as_union=True)
    assert isinstance(results, ox.QuerySolutions)
    for solution in results:
        action = _value(solution["action"])
        agent_id = _value(solution["agent_id"]) or _value(solution["agent"])
        agents.setdefault(action, set()).add(agent_id)
        key = (action, agent_id)
        if key in rows:
            continue
        rows[key] = {
            "date": _value(solution["date"]),
            "document": _value(solution["document"]).rsplit("/", 1)[-1],
            "identifier": _value(solution["identifier"]),
            "action": action,
            "agent_id": agent_id,
            "agent_label": _value(solution["agent_label"]),
            "type": _value(solution["type"]),
            "cameo": _value(solution["cameo"]),
            "object": _value(solution["object"]),
            "frameworks": _ids(store, solution["action"], str(DG.framework)),
            "topics": _ids(store, solution["action"], str(DG.topic)),
            "negated": "true" if _value(solution["negated"]) == "true" else "false",
            "paragraph": _value(solution["paragraph"]),
            "evidence": _value(solution["evidence"]),
            "start": _value(solution["start"]),
            "end": _value(solution["end"]),
            "part_of": _value(solution["parent"]),
        }
    for (action, agent_id), row in rows.items():
        row["co_agents"] = ";".join(sorted(agents[action] - {agent_id}))
    return [rows[k] for k in sorted(rows, key=lambda k: (rows[k]["document"], _rank(k[0]), k[1]))]


def export_actions(target: str | Path, path: str | Path) -> int:
    """Write the action rows of ``target`` to ``path`` (``.tsv``: tab-separated, else CSV),
    atomically. Returns the number of rows."""
    path = Path(path)
    rows = action_rows(target)
    tsv = path.suffix.lower() == ".tsv"
    folder = path.resolve().parent
    if not folder.is_dir():
        raise DiplographError(f"{path}: the folder {folder} does not exist")
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=folder, prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            writer = csv.DictWriter(
                handle, fieldnames=COLUMNS, delimiter="\t" if tsv else ",", lineterminator="\n",
                quoting=csv.QUOTE_MINIMAL,
            )
            writer.writeheader()
            for row in rows:
                if tsv:
                    row = {k: " ".join(v.split()) if k in ("object", "evidence") else v for k, v in row.items()}
                writer.writerow(row)
        os.replace(handle.name, path)
    except OSError as exc:
        Path(handle.name).unlink(missing_ok=True)
        raise DiplographError(f"{path}: cannot be written ({exc.strerror or exc})") from exc
    return len(rows)
