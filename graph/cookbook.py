"""The cookbook: named SPARQL queries shipped in ``graph/queries/<name>.rq``.

A query file opens with comment lines that say what it is for::

    # Question: Which actions did an actor take ...?
    # Parameter: actor - the actor: an id, a label, an acronym or an <IRI>

``# Parameter:`` lines name the variables a caller binds (``--param actor=Russia``).
The same header is read from any ``.rq`` file a user passes to ``diplograph query``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from graph.errors import DiplographError

_QUESTION = re.compile(r"#\s*Question:\s*(?P<question>\S.*)$")
_PARAMETER = re.compile(r"#\s*Parameter:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+-\s+(?P<what>\S.*)$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Parameter:
    """A variable the caller binds, and what it stands for."""

    name: str
    description: str


@dataclass(frozen=True)
class Header:
    """What the opening comment lines of a query say."""

    question: str | None
    parameters: tuple[Parameter, ...]


@dataclass(frozen=True)
class Recipe:
    """A shipped query: its name (the file name without ``.rq``), header and text."""

    name: str
    header: Header
    text: str
    origin: str


def read_header(text: str, origin: str) -> Header:
    """The ``# Question:`` and ``# Parameter:`` lines among the comment lines opening ``text``.

    A ``# Parameter:`` line that does not read ``name - what it is`` is an error naming
    ``origin`` and the line.
    """
    question: str | None = None
    parameters: list[Parameter] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        if found := _QUESTION.match(line):
            question = found["question"].strip()
        elif line.lstrip("# ").startswith("Parameter:"):
            found = _PARAMETER.match(line)
            if found is None:
                raise DiplographError(f'{origin}:{number}: write the parameter line as "# Parameter: <name> - <what it is>"')
            parameters.append(Parameter(found["name"], found["what"].strip()))
    return Header(question, tuple(parameters))


def recipe_names() -> list[str]:
    """The names of the shipped queries, sorted."""
    folder = resources.files("graph.queries")
    return sorted(item.name[: -len(".rq")] for item in folder.iterdir() if item.name.endswith(".rq"))


def recipe(name: str) -> Recipe | None:
    """The shipped query called ``name``, or None when there is none."""
    if not _NAME.match(name) or name not in recipe_names():
        return None
    origin = f"graph/queries/{name}.rq"
    text = resources.files("graph.queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
    return Recipe(name=name, header=read_header(text, origin), text=text, origin=origin)


def recipes() -> list[Recipe]:
    """Every shipped query, by name."""
    found = [recipe(name) for name in recipe_names()]
    return [item for item in found if item is not None]


def listing() -> str:
    """The cookbook as ``diplograph queries`` prints it: each name with its question,
    then one indented line per parameter."""
    shipped = recipes()
    width = max(len(item.name) for item in shipped)
    lines: list[str] = []
    for item in shipped:
        lines.append(f"{item.name.ljust(width)}  {item.header.question or ''}".rstrip())
        for parameter in item.header.parameters:
            lines.append(f"{'':{width}}    --param {parameter.name}=...  {parameter.description}")
    return "\n".join(lines)
