"""The gazetteer: the states, bodies and frameworks that diplograph can name.

Entries live in JSON Lines files, one object per line (``graph/data/gazetteer/*.jsonl``
in the package, plus any user files). Each entry has a stable ``id``, one or more
classes, a preferred ``label`` and every other surface form under which texts name it.
Dates of validity let a name be resolved to the right entity for the date of a document
("CSCE" in 1994, "OSCE" from 1995). A state may also carry ``adjectives`` ("Estonian"):
they are not names, and name the state only in front of a head that stands for it ("the
Estonian Government"; see ``graph/extractors/entities.py``).

Bad lines raise :class:`graph.errors.DataError` with a ``file:line: problem`` message.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from graph.errors import DataError

EntityClass = Literal["State", "Organisation", "Framework", "Person"]

ENTITY_CLASSES: tuple[str, ...] = get_args(EntityClass)
ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*"
FIELDS: tuple[str, ...] = (
    "id",
    "class",
    "label",
    "aliases",
    "adjectives",
    "acronym",
    "wikidata",
    "valid_from",
    "valid_to",
    "replaced_by",
    "part_of",
    "context_aliases",
    "context",
    "note",
)
PACKAGE_DIR = Path(__file__).parent / "data" / "gazetteer"

_ID_RE = re.compile(rf"{ID_PATTERN}\Z")
_WIKIDATA_RE = re.compile(r"Q[1-9][0-9]*\Z")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_PARTIAL_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")


@dataclass(frozen=True)
class GazetteerEntry:
    """One state, body, framework or person, with the names texts use for it.

    ``aliases`` hold the surface forms other than the label and the acronym;
    ``adjectives`` (states only) are no names: "Estonian" names Estonia only in
    "the Estonian Government" and the like;
    ``valid_from``/``valid_to`` are ISO dates, both inclusive; ``origin`` is the
    ``file:line`` the entry came from and is not compared.
    """

    id: str
    classes: tuple[EntityClass, ...]
    label: str
    aliases: tuple[str, ...] = ()
    acronym: str | None = None
    adjectives: tuple[str, ...] = ()
    wikidata: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    replaced_by: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    context_aliases: tuple[str, ...] = ()
    """Names that mean this entry only in a document that names one of ``context``
    ("Permanent Council": the WEU's where WEU is named, the OSCE's where the OSCE is)."""
    context: tuple[str, ...] = ()
    origin: str = field(default="", compare=False)

    @property
    def is_actor(self) -> bool:
        """True for states and organisations (who can act in a text)."""
        return "State" in self.classes or "Organisation" in self.classes

    def names(self) -> tuple[str, ...]:
        """The label, the acronym (if any), the aliases and the context aliases, in that order."""
        head = (self.label,) if self.acronym is None else (self.label, self.acronym)
        return head + self.aliases + self.context_aliases

    def means(self, surface: str, named: Collection[str]) -> bool:
        """Whether a document that names the entities ``named`` may mean this entry by ``surface``."""
        return surface not in self.context_aliases or any(other in named for other in self.context)

    def valid_on(self, date: str | None) -> bool:
        """Whether the entry existed on ``date`` ("1994-06-22", "1994-11", "1994" or None).

        A year-month or a year counts as valid when any day of it is; None is always valid.
        Raises ValueError for any other form of date.
        """
        if date is None:
            return True
        start, end = _date_span(date)
        low, high = self._interval()
        return start <= high and low <= end

    def _interval(self) -> tuple[dt.date, dt.date]:
        low = dt.date.fromisoformat(self.valid_from) if self.valid_from else dt.date.min
        high = dt.date.fromisoformat(self.valid_to) if self.valid_to else dt.date.max
        return low, high

    def _width(self) -> int:
        low, high = self._interval()
        return (high - low).days

    def _distance(self, date: str) -> int:
        start, end = _date_span(date)
        low, high = self._interval()
        if end < low:
            return (low - end).days
        if start > high:
            return (start - high).days
        return 0


def _date_span(date: str) -> tuple[dt.date, dt.date]:
    """The first and last day that a full or partial ISO date denotes."""
    match = _PARTIAL_DATE_RE.match(date)
    if match is None:
        raise ValueError(f"not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY): {date!r}")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    if month_text is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(month_text)
    if day_text is None:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    full = dt.date(year, month, int(day_text))
    return full, full


class Gazetteer:
    """An immutable set of entries, indexed by id and by surface form."""

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        by_id: dict[str, GazetteerEntry] = {}
        for entry in entries:
            if entry.id in by_id:
                raise ValueError(f"duplicate gazetteer id {entry.id!r}")
            by_id[entry.id] = entry
        self._by_id = dict(sorted(by_id.items()))
        self._by_name: dict[str, list[GazetteerEntry]] = {}
        self._by_adjective: dict[str, list[GazetteerEntry]] = {}
        for entry in self._by_id.values():
            for name in dict.fromkeys(entry.names()):
                self._by_name.setdefault(name, []).append(entry)
            for adjective in entry.adjectives:
                self._by_adjective.setdefault(adjective, []).append(entry)

    def __getitem__(self, id: str) -> GazetteerEntry:
        return self._by_id[id]

    def __contains__(self, id: object) -> bool:
        return id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self._by_id.values())

    def __repr__(self) -> str:
        return f"<Gazetteer of {len(self)} entries>"

    def names(self) -> Iterator[tuple[str, str]]:
        """Every (surface form, entry id) pair: labels, acronyms and aliases, sorted."""
        pairs = {(name, entry.id) for name, found in self._by_name.items() for entry in found}
        return iter(sorted(pairs))

    def adjectives(self) -> Iterator[tuple[str, str]]:
        """Every (adjective, entry id) pair, sorted; adjectives are not among the ``names()``."""
        return iter(sorted((adjective, entry.id) for adjective, found in self._by_adjective.items() for entry in found))

    def candidates(self, surface: str) -> list[GazetteerEntry]:
        """The entries that have exactly this surface form, sorted by id."""
        return list(self._by_name.get(surface, ()))

    def resolve(self, surface: str, date: str | None, named: Mapping[str, int] | None = None) -> GazetteerEntry | None:
        """The entry a text of ``date`` means by ``surface``, or None if no entry has it.

        A context alias counts only when the text names one of the entry's ``context``
        (``named``: how often the text names each id); when it counts for several entries,
        those whose context the text names most often are kept. Entries valid on the date
        are preferred, then the narrowest validity interval. When none is valid on the date,
        the one whose interval lies nearest to it wins: an entity named by a historical name
        stays itself. Ties go to the smallest id.
        """
        named = named or {}
        found = [entry for entry in self.candidates(surface) if entry.means(surface, named)]
        weights = {entry.id: max((named.get(i, 0) for i in entry.context), default=0) for entry in found}
        if any(weights.values()):
            best = max(weights.values())
            found = [entry for entry in found if weights[entry.id] == best or surface not in entry.context_aliases]
        return _pick(found, date)

    def contextual(self, surface: str) -> bool:
        """Whether some entry has ``surface`` as a context alias (its meaning depends on the text)."""
        return any(surface in entry.context_aliases for entry in self.candidates(surface))

    def resolve_adjective(self, adjective: str, date: str | None) -> GazetteerEntry | None:
        """The state a text of ``date`` means by ``adjective`` ("Estonian"), chosen as
        :meth:`resolve` chooses among the entries that have it; None if none has it."""
        return _pick(self._by_adjective.get(adjective, []), date)

    def with_entries(self, entries: Iterable[GazetteerEntry]) -> Gazetteer:
        """A new gazetteer with ``entries`` added; one with an existing id replaces it."""
        merged = dict(self._by_id)
        for entry in entries:
            merged[entry.id] = entry
        return Gazetteer(merged.values())


def _pick(found: Sequence[GazetteerEntry], date: str | None) -> GazetteerEntry | None:
    """The entry of ``found`` a text of ``date`` means (see :meth:`Gazetteer.resolve`)."""
    if not found:
        return None
    valid = [entry for entry in found if entry.valid_on(date)]
    if valid:
        return min(valid, key=lambda entry: (entry._width(), entry.id))
    assert date is not None  # every entry is valid on an unknown date
    return min(found, key=lambda entry: (entry._distance(date), entry._width(), entry.id))


def read_entries(path: str | Path, text: str | None = None) -> list[GazetteerEntry]:
    """Parse and validate one JSON Lines gazetteer file (``text``: its content, read elsewhere).

    Blank lines and lines starting with ``#`` are skipped. References between
    entries (``replaced_by``) are checked by :func:`load_gazetteer`, once every
    file is read.
    """
    path = Path(path)
    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(path, 0, f"cannot read the file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise DataError(path, 0, f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from exc
    entries: list[GazetteerEntry] = []
    seen: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            entry = _parse_entry(line, f"{path}:{number}")
        except _Problem as problem:
            raise DataError(path, number, str(problem)) from None
        if entry.id in seen:
            raise DataError(path, number, f'duplicate id "{entry.id}" (first defined at {seen[entry.id]})')
        seen[entry.id] = entry.origin
        entries.append(entry)
    return entries


def load_gazetteer(extra: Sequence[str | Path] = (), *, texts: Mapping[str, str] | None = None) -> Gazetteer:
    """The package gazetteer, with the entries of each file in ``extra`` added on top.

    A user entry whose id is already defined replaces that entry. The package files
    are read once per process; user files are read on every call, unless ``texts``
    gives their content (by path as given in ``extra``).
    """
    gazetteer = _package_gazetteer()
    if not extra:
        return gazetteer
    for path in extra:
        gazetteer = gazetteer.with_entries(read_entries(path, (texts or {}).get(str(path))))
    _check_references(gazetteer)
    return gazetteer


@functools.lru_cache(maxsize=1)
def _package_gazetteer() -> Gazetteer:
    """Read every package file in sorted order; an id may be defined in one file only."""
    entries: dict[str, GazetteerEntry] = {}
    for path in sorted(PACKAGE_DIR.glob("*.jsonl")):
        for entry in read_entries(path):
            if entry.id in entries:
                file, line = _split_origin(entry.origin)
                first = entries[entry.id].origin
                raise DataError(file, line, f'duplicate id "{entry.id}" (first defined at {first})')
            entries[entry.id] = entry
    gazetteer = Gazetteer(entries.values())
    _check_references(gazetteer)
    return gazetteer


def _check_references(gazetteer: Gazetteer) -> None:
    """Every id named in ``replaced_by``, ``part_of`` or ``context`` must be defined (``part_of``: a Framework)."""
    for entry in gazetteer:
        for key, ids in (("replaced_by", entry.replaced_by), ("part_of", entry.part_of), ("context", entry.context)):
            for other in ids:
                file, line = _split_origin(entry.origin)
                if other not in gazetteer:
                    raise DataError(file, line, f'{key} names "{other}", which no entry defines')
                if key == "part_of" and "Framework" not in gazetteer[other].classes:
                    raise DataError(file, line, f'part_of names "{other}", which is not a Framework')


def _split_origin(origin: str) -> tuple[str, int]:
    """("file", line) from "file:line"; entries built in code have no origin (line 0)."""
    file, _, line = origin.rpartition(":")
    if not file or not line.isdigit():
        return origin or "<gazetteer>", 0
    return file, int(line)


class _Problem(Exception):
    """What is wrong with one line; turned into a DataError by the caller."""


def _parse_entry(line: str, origin: str) -> GazetteerEntry:
    """Build an entry from one line of JSON, or raise _Problem saying what to fix."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Problem(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(raw, dict):
        raise _Problem(f"expected one JSON object per line, got {_show(raw)}")
    for key in raw:
        if key not in FIELDS:
            raise _Problem(f'unknown field "{key}" (allowed: {", ".join(FIELDS)})')
    for key in ("id", "class", "label"):
        if key not in raw:
            raise _Problem(f'missing field "{key}" (every entry needs id, class and label)')
    entry_id = _string(raw, "id")
    if not _ID_RE.match(entry_id):
        raise _Problem(f'"id" must match {ID_PATTERN}, got "{entry_id}"')
    classes = _classes(raw["class"])
    label = _string(raw, "label")
    acronym = _string(raw, "acronym") if "acronym" in raw else None
    aliases = _aliases(raw.get("aliases", []), label, acronym)
    adjectives = _adjectives(raw.get("adjectives", []), (label, acronym, *aliases))
    if adjectives and classes != ("State",):
        raise _Problem('"adjectives" are for states only ("Estonian" for Estonia); remove them or make the class ["State"]')
    wikidata = _string(raw, "wikidata") if "wikidata" in raw else None
    if wikidata is not None and not _WIKIDATA_RE.match(wikidata):
        raise _Problem(f'"wikidata" must look like Q123, got "{wikidata}"')
    valid_from = _date(raw, "valid_from")
    valid_to = _date(raw, "valid_to")
    if valid_from and valid_to and valid_from > valid_to:
        raise _Problem(f"valid_from is after valid_to ({valid_from} > {valid_to}); swap or correct them")
    replaced_by = _id_list(raw.get("replaced_by", []), entry_id, "replaced_by")
    part_of = _id_list(raw.get("part_of", []), entry_id, "part_of")
    context_aliases = tuple(alias for _position, alias in _strings(raw.get("context_aliases", []), "context_aliases"))
    for alias in context_aliases:
        if alias in (label, acronym, *aliases):
            raise _Problem(f'context alias "{alias}" is a name of the entry already (label, acronym or alias); remove it')
    context = _id_list(raw.get("context", []), entry_id, "context")
    if bool(context_aliases) != bool(context):
        raise _Problem('"context_aliases" and "context" go together: the names, and the ids a document must name for them to count')
    if "note" in raw and not isinstance(raw["note"], str):
        raise _Problem(f'"note" must be a string, got {_show(raw["note"])}')
    return GazetteerEntry(
        id=entry_id,
        classes=classes,
        label=label,
        aliases=aliases,
        acronym=acronym,
        adjectives=adjectives,
        wikidata=wikidata,
        valid_from=valid_from,
        valid_to=valid_to,
        replaced_by=replaced_by,
        part_of=part_of,
        context_aliases=context_aliases,
        context=context,
        origin=origin,
    )


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _string(raw: dict[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f'"{key}" must be a non-empty string, got {_show(value)}')
    if value != value.strip():
        raise _Problem(f'"{key}" has spaces at its start or end: {_show(value)}')
    return value


def _classes(value: Any) -> tuple[EntityClass, ...]:
    if not isinstance(value, list) or not value or any(item not in ENTITY_CLASSES for item in value):
        raise _Problem(f'"class" must be a non-empty list of {", ".join(ENTITY_CLASSES)}, got {_show(value)}')
    if len(set(value)) != len(value):
        raise _Problem(f'"class" lists a class twice: {_show(value)}')
    if len(value) > 1 and ("State" in value or "Person" in value):
        raise _Problem(
            f'"class" {_show(value)} cannot be combined: a State or a Person stands alone; '
            "only Organisation and Framework go together (a body that meets and decides)"
        )
    return tuple(value)


def _strings(value: Any, field: str) -> list[tuple[int, str]]:
    """The items of a list of non-empty strings without spaces at their ends, with their positions."""
    if not isinstance(value, list):
        raise _Problem(f'"{field}" must be a list of strings, got {_show(value)}')
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise _Problem(f'"{field}" must be a list of strings, item {position} is {_show(item)}')
        if not item.strip():
            raise _Problem(f'"{field}" item {position} is empty; remove it')
        if item != item.strip():
            raise _Problem(f'"{field}" item {position} has spaces at its start or end: {_show(item)}')
    return list(enumerate(value, start=1))


def _aliases(value: Any, label: str, acronym: str | None) -> tuple[str, ...]:
    seen: set[str] = set()
    for _position, alias in _strings(value, "aliases"):
        if alias in (label, acronym):
            raise _Problem(f'alias "{alias}" repeats the label or the acronym; remove it')
        if alias in seen:
            raise _Problem(f'alias "{alias}" is given twice; remove one')
        seen.add(alias)
    return tuple(value)


def _adjectives(value: Any, names: tuple[str | None, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for position, adjective in _strings(value, "adjectives"):
        if not adjective[0].isupper():
            raise _Problem(f'"adjectives" item {position} must start with a capital letter, as texts write it: {_show(adjective)}')
        if adjective in names:
            raise _Problem(f'adjective "{adjective}" is a name of the entry (label, acronym or alias), matched already; remove it')
        if adjective in seen:
            raise _Problem(f'adjective "{adjective}" is given twice; remove one')
        seen.add(adjective)
    return tuple(value)


def _date(raw: dict[str, Any], key: str) -> str | None:
    if key not in raw:
        return None
    value = raw[key]
    shown = value if isinstance(value, str) else _show(value)
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise _Problem(f'"{key}" {shown} is not an ISO date (YYYY-MM-DD)')
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise _Problem(f'"{key}" {shown} is not an ISO date (YYYY-MM-DD)') from None
    return value


def _id_list(value: Any, entry_id: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or any(not isinstance(item, str) for item in value):
        raise _Problem(f'"{key}" must be a list of entry ids, got {_show(value)}')
    for item in value:
        if not _ID_RE.match(item):
            raise _Problem(f'"{key}" ids must match {ID_PATTERN}, got "{item}"')
        if item == entry_id:
            raise _Problem(f'"{key}" names the entry itself ("{item}")')
    if len(set(value)) != len(value):
        raise _Problem(f'"{key}" names an id twice: {_show(value)}')
    return tuple(value)
