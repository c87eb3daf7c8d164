"""Write graph/data/gazetteer/states.jsonl from pycountry and the hand-written overrides and adjectives.

Every current country (ISO 3166-1) and every former country (ISO 3166-3) that
pycountry knows becomes a State entry. Ids are the lowercased alpha-3 codes
(alpha-4 for former countries). pycountry's names become the label and aliases
(inverted names such as "Korea, Republic of" are turned round), then
scripts/data/states-overrides.jsonl fixes labels and adds the names, dates and
successors that texts of the 1990s need. scripts/data/state-adjectives.jsonl gives the
adjectives that name a state in front of a head such as "Government" ("the Estonian
Government"); they go into a field of their own, "adjectives", never into the aliases.

Example:
    python scripts/make_states.py           # rewrite the file
    python scripts/make_states.py --check   # exit 1 if the committed file is stale
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "scripts" / "data" / "states-overrides.jsonl"
ADJECTIVES = ROOT / "scripts" / "data" / "state-adjectives.jsonl"
OUTPUT = ROOT / "graph" / "data" / "gazetteer" / "states.jsonl"
OVERRIDE_FIELDS = (
    "id",
    "label",
    "acronym",
    "aliases",
    "drop",
    "valid_from",
    "valid_to",
    "replaced_by",
    "wikidata",
    "note",
)
KEY_ORDER = ("id", "class", "label", "acronym", "aliases", "adjectives", "valid_from", "valid_to", "replaced_by", "wikidata", "note")


class OverrideError(Exception):
    """A bad line in the overrides or adjectives file; the message reads ``file:line: problem``."""


def plain_name(name: str) -> str | None:
    """A pycountry name as a text would write it, or None when it cannot be used.

    "Korea, Republic of" becomes "Republic of Korea", "Congo, The Democratic Republic
    of the" becomes "Democratic Republic of the Congo"; other names with commas (lists,
    "Virgin Islands, British") are dropped. A leading "the " is removed.
    """
    if name.count(",") == 1:
        head, tail = (part.strip() for part in name.split(","))
        if not tail.endswith((" of", " of the")):
            return None
        name = f"{tail} {head}"
    elif "," in name:
        return None
    for article in ("The ", "the "):
        name = name.removeprefix(article)
    return name


def pycountry_states() -> dict[str, dict[str, Any]]:
    """id -> {"names": [usable pycountry names, preferred first], "note": str}."""
    states: dict[str, dict[str, Any]] = {}
    for country in pycountry.countries:
        fields = ("common_name", "name", "official_name")
        names = [getattr(country, field, None) for field in fields]
        states[country.alpha_3.lower()] = {"names": names, "note": ""}
    for former in pycountry.historic_countries:
        note = f"ISO 3166-3 former country; code withdrawn {former.withdrawal_date}"
        states[former.alpha_4.lower()] = {"names": [former.name], "note": note}
    for state in states.values():
        usable = (plain_name(name) for name in state["names"] if name)
        state["names"] = list(dict.fromkeys(name for name in usable if name))
    return states


def json_lines(path: Path) -> Iterator[tuple[str, Any]]:
    """Yield ("file:line", parsed value) for each line of a JSON Lines file; ``#`` comments allowed."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.relative_to(ROOT)}:{number}"
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            yield where, json.loads(line)
        except json.JSONDecodeError as exc:
            raise OverrideError(f"{where}: invalid JSON: {exc.msg} at column {exc.colno}") from None


def read_overrides(path: Path, known: set[str]) -> dict[str, dict[str, Any]]:
    """Parse the overrides file: one JSON object per line, ``#`` comments allowed."""
    overrides: dict[str, dict[str, Any]] = {}
    for where, raw in json_lines(path):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise OverrideError(f'{where}: expected a JSON object with a string "id"')
        unknown = sorted(set(raw) - set(OVERRIDE_FIELDS))
        if unknown:
            allowed = ", ".join(OVERRIDE_FIELDS)
            raise OverrideError(f'{where}: unknown field "{unknown[0]}" (allowed: {allowed})')
        if raw["id"] not in known:
            raise OverrideError(f'{where}: no pycountry state has id "{raw["id"]}"')
        if raw["id"] in overrides:
            raise OverrideError(f'{where}: second override for "{raw["id"]}"; merge the two lines')
        overrides[raw["id"]] = raw
    return overrides


def read_adjectives(path: Path, known: set[str]) -> dict[str, tuple[list[str], str]]:
    """Parse the adjectives file: id -> (adjectives, "file:line"); ``#`` comments allowed.

    Lines are sorted by id, and an adjective stands under one id only: one that could mean
    two states is left out of the file, not resolved.
    """
    adjectives: dict[str, tuple[list[str], str]] = {}
    owner: dict[str, str] = {}
    previous = ""
    for where, raw in json_lines(path):
        if not isinstance(raw, dict) or set(raw) != {"id", "adjectives"} or not isinstance(raw["id"], str):
            raise OverrideError(f'{where}: expected {{"id": "<state id>", "adjectives": ["<adjective>", ...]}}')
        state_id, words = raw["id"], raw["adjectives"]
        if state_id not in known:
            raise OverrideError(f'{where}: no pycountry state has id "{state_id}"')
        if state_id <= previous:
            raise OverrideError(f'{where}: "{state_id}" is out of order or given twice; keep the lines sorted by id, one per state')
        previous = state_id
        if not isinstance(words, list) or not words:
            raise OverrideError(f'{where}: "adjectives" must be a non-empty list of strings')
        for word in words:
            if not isinstance(word, str) or not word.strip() or word != word.strip():
                raise OverrideError(f'{where}: bad adjective {json.dumps(word, ensure_ascii=False)}: a non-empty string without spaces at its ends')
            if word in owner:
                raise OverrideError(
                    f'{where}: "{word}" is also an adjective of "{owner[word]}"; an adjective that could mean two states is left out'
                )
            owner[word] = state_id
        adjectives[state_id] = (words, where)
    return adjectives


def build_entry(state_id: str, state: dict[str, Any], override: dict[str, Any], adjectives: Sequence[str] = ()) -> dict[str, Any]:
    """One gazetteer entry as a dict whose keys are in the file's order."""
    dropped = set(override.get("drop", []))
    names = [name for name in state["names"] if name not in dropped]
    label = override.get("label") or (names[0] if names else None)
    if not label:
        raise OverrideError(f'"{state_id}": pycountry gives no usable name; add a "label" override')
    acronym = override.get("acronym")
    aliases = {name for name in names + list(override.get("aliases", [])) if name not in (label, acronym)}
    entry: dict[str, Any] = {
        "id": state_id,
        "class": ["State"],
        "label": label,
        "acronym": acronym,
        "aliases": sorted(aliases, key=lambda name: (name.casefold(), name)),
        "adjectives": list(adjectives),
        "valid_from": override.get("valid_from"),
        "valid_to": override.get("valid_to"),
        "replaced_by": override.get("replaced_by"),
        "wikidata": override.get("wikidata"),
        "note": "; ".join(note for note in (state["note"], override.get("note")) if note),
    }
    return {key: entry[key] for key in KEY_ORDER if entry[key]}


def _names(entry: dict[str, Any]) -> list[str]:
    """The label, acronym and aliases of a built entry."""
    return [entry["label"], *([entry["acronym"]] if "acronym" in entry else []), *entry.get("aliases", [])]


def render() -> str:
    """The full text of states.jsonl."""
    states = pycountry_states()
    overrides = read_overrides(OVERRIDES, set(states))
    adjectives = read_adjectives(ADJECTIVES, set(states))
    version = importlib.metadata.version("pycountry")
    lines = [
        f"# Generated by scripts/make_states.py from pycountry {version} (ISO 3166-1 and 3166-3),",
        "# scripts/data/states-overrides.jsonl and scripts/data/state-adjectives.jsonl.",
        "# Do not edit: change the overrides or the adjectives and rerun.",
    ]
    entries = [
        build_entry(state_id, states[state_id], overrides.get(state_id, {}), adjectives.get(state_id, ([], ""))[0])
        for state_id in sorted(states)
    ]
    names = {name for entry in entries for name in _names(entry)}
    for words, where in adjectives.values():
        for word in words:
            if word in names:
                raise OverrideError(f'{where}: "{word}" is the name of a state, matched already; adjectives are never names, remove it')
    lines += [json.dumps(entry, ensure_ascii=False) for entry in entries]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the file, or with --check compare it; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs from what would be written")
    args = parser.parse_args(argv)
    try:
        text = render()
    except OverrideError as exc:
        print(f"make_states: {exc}", file=sys.stderr)
        return 2
    target = OUTPUT.relative_to(ROOT)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python scripts/make_states.py", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({sum(1 for line in text.splitlines() if not line.startswith('#'))} states)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
