"""User metadata: a CSV that gives, per input file, what its text does not say.

Columns (a header row is required; every column but ``file`` is optional):
``file`` (the file's name, or its path relative to the folder it is found under),
``date`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), ``issuer`` (gazetteer ids, separated by
``;``), ``title``, ``identifier``, ``type``, ``source`` (a URL). A value given here overrides
what the reader found in the text; an empty cell leaves it alone.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from graph.errors import DataError

COLUMNS = ("file", "date", "issuer", "title", "identifier", "type", "source")
_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


@dataclass(frozen=True)
class MetadataRow:
    """The overrides for one file (``None``: keep what the text says)."""

    file: str
    date: str | None = None
    issuer: tuple[str, ...] = ()
    title: str | None = None
    identifier: str | None = None
    doc_type: str | None = None
    source: str | None = None
    origin: str = ""
    """The metadata file the row comes from, and its line, for messages."""
    line: int = 0


def read_metadata(path: str | Path) -> dict[str, MetadataRow]:
    """The rows of a metadata CSV, keyed by their ``file`` column (with ``/`` separators)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, 0, f"cannot be read as UTF-8 CSV ({exc})") from exc
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    if "file" not in header:
        raise DataError(path, 1, f'the header needs a "file" column (columns: {", ".join(COLUMNS)})')
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise DataError(path, 1, f'unknown column "{unknown[0]}" (allowed: {", ".join(COLUMNS)})')
    rows: dict[str, MetadataRow] = {}
    for number, raw in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        file = values.get("file", "").replace("\\", "/")
        if not file:
            raise DataError(path, number, 'empty "file" cell')
        if file in rows:
            raise DataError(path, number, f'"{file}" is listed twice (first at line {rows[file].line})')
        date = values.get("date") or None
        if date and not _DATE.match(date):
            raise DataError(path, number, f'"date" {date} is not YYYY-MM-DD, YYYY-MM or YYYY')
        issuer = tuple(i.strip() for i in (values.get("issuer") or "").split(";") if i.strip())
        for ident in issuer:
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ident):
                raise DataError(path, number, f'"issuer" {ident} is not a gazetteer id (like "est" or "nato")')
        source = values.get("source") or None
        if source and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source):
            raise DataError(path, number, f'"source" {source} is not a URL')
        rows[file] = MetadataRow(
            file=file,
            date=date,
            issuer=issuer,
            title=values.get("title") or None,
            identifier=values.get("identifier") or None,
            doc_type=values.get("type") or None,
            source=source,
            origin=str(path),
            line=number,
        )
    return rows


def merge_metadata(paths: list[str | Path]) -> dict[str, MetadataRow]:
    """All rows of several metadata files; a later file overrides an earlier one."""
    merged: dict[str, MetadataRow] = {}
    for path in paths:
        merged.update(read_metadata(path))
    return merged


def row_for(rows: dict[str, MetadataRow], relative: str, name: str) -> MetadataRow | None:
    """The row for a file, by its relative path or, failing that, its name."""
    return rows.get(relative.replace("\\", "/")) or rows.get(name)
