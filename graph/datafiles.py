"""Reading the package's JSON Lines data files, with ``file:line`` errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.errors import DataError

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_jsonl(path: str | Path, *, required: tuple[str, ...] = ("id",), allowed: tuple[str, ...] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each entry of a JSON Lines file.

    Blank lines and lines starting with ``#`` are comments. Every object must have the
    ``required`` keys and, when ``allowed`` is given, no other key; ids must be unique.
    Problems raise :class:`DataError` naming the file and line.
    """
    path = Path(path)
    seen: dict[str, int] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, 0, f"cannot be read ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            obj = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise DataError(path, number, f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
        if not isinstance(obj, dict):
            raise DataError(path, number, "each line must be one JSON object")
        for key in required:
            if key not in obj:
                raise DataError(path, number, f'missing field "{key}"')
        if allowed is not None:
            for key in obj:
                if key not in allowed:
                    raise DataError(path, number, f'unknown field "{key}" (allowed: {", ".join(allowed)})')
        if "id" in obj:
            ident = obj["id"]
            if ident in seen:
                raise DataError(path, number, f'duplicate id "{ident}" (first defined at line {seen[ident]})')
            seen[ident] = number
        yield number, obj
