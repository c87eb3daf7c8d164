"""Rewrite the generated tables of README.md from a build of the dev corpus.

    python scripts/readme_tables.py [--corpus DIR] [--check]

Each table sits between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->`` markers.
``--check`` exits 1 when the README is out of date instead of writing it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.gazetteer import load_gazetteer  # noqa: E402
from graph.pipeline import Extractor  # noqa: E402
from graph.reader import read  # noqa: E402


@lru_cache(maxsize=1)
def shared_extractor() -> Extractor:
    """One extractor for every table (building it loads the gazetteer and spaCy)."""
    return Extractor(load_gazetteer())


def default_corpus() -> Path:
    return Path(os.environ.get("DIPLOGRAPH_CORPUS", ROOT.parent / "shared" / "corpus"))


def entities_table(corpus: Path) -> str:
    """Per dev document: date, issuer and the entities found (gazetteer ids)."""
    extractor = shared_extractor()
    rows = ["| document | date | issued by | entities found |", "|---|---|---|---|"]
    for path in sorted((corpus / "dev").glob("*.txt")):
        extraction = extractor(read(path))
        names = sorted({extraction.entities[m.entity_id].label for m in extraction.mentions})
        issuers = sorted({extraction.entities[i.entity_id].label for i in extraction.issuers})
        rows.append(
            f"| {path.stem} | {extraction.document.date or '-'} | {', '.join(issuers) or '-'} | {', '.join(names)} |"
        )
    return "\n".join(rows)


def _agents(extraction, action) -> str:  # type: ignore[no-untyped-def]
    return " + ".join(extraction.entities[a].acronym or extraction.entities[a].label for a in action.agents)


def _cell(text: str, limit: int = 90) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def actions_table(corpus: Path) -> str:
    """Per dev document: actions by type, then its first five actions."""
    from collections import Counter

    extractor = shared_extractor()
    out = ["| document | actions | by type |", "|---|---|---|"]
    firsts = []
    for path in sorted((corpus / "dev").glob("*.txt")):
        extraction = extractor(read(path))
        counts = Counter(a.type for a in extraction.actions)
        parts = sum(len(a.parts) for a in extraction.actions)
        by_type = ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))
        out.append(f"| {path.stem} | {sum(counts.values())}{f' (+{parts} parts)' if parts else ''} | {by_type} |")
        for action in extraction.actions[:5]:
            negated = "not " if action.negated else ""
            firsts.append(f"| {path.stem[:2]} | {_agents(extraction, action)} | {negated}{action.type} | {_cell(action.object)} |")
    out += ["", "The first five actions of each document:", "", "| doc | agents | type | object |", "|---|---|---|---|"]
    return "\n".join(out + firsts)


def seed_actions_table() -> str:
    """The bundled example's actions, parts indented."""
    from graph.inputs import example_paths

    extractor = shared_extractor()
    extraction = extractor(read(example_paths()[0]))
    rows = ["| ¶ | agents | type | object | frameworks | topics |", "|---|---|---|---|---|---|"]
    for action in extraction.actions:
        for item, indent in [(action, "")] + [(p, "↳ ") for p in action.parts]:
            frameworks = ", ".join(extraction.entities[f].acronym or extraction.entities[f].label for f in item.frameworks)
            rows.append(
                f"| {item.paragraph or ''} | {_agents(extraction, item)} | {item.type} | {indent}{_cell(item.object, 120)} "
                f"| {frameworks} | {', '.join(item.topics)} |"
            )
    return "\n".join(rows)


def seed_build_output() -> str:
    """What ``diplograph build`` prints for the bundled example, as a console block."""
    from click.testing import CliRunner

    from graph.cli import cli

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "diplograph-out"
        result = CliRunner().invoke(cli, ["build", "-o", str(out)])
        printed = result.output.replace(str(out), "diplograph-out")
    return "```console\n$ diplograph build\n" + printed + "```"


def replace_block(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md: markers <!-- {name}:start --> / <!-- {name}:end --> not found")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = replace_block(text, "dev-entities", entities_table(args.corpus))
    new = replace_block(new, "seed-build", seed_build_output())
    new = replace_block(new, "dev-actions", actions_table(args.corpus))
    new = replace_block(new, "seed-actions", seed_actions_table())
    if "<!-- evaluation:start -->" in new:
        sys.path.insert(0, str(ROOT / "scripts"))
        import evaluate

        new = replace_block(new, "evaluation", evaluate.table(evaluate.evaluate(args.corpus)))
    if args.check:
        if new != text:
            print("README.md tables are out of date: run python scripts/readme_tables.py")
            return 1
        return 0
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=ROOT, delete=False) as handle:
        handle.write(new)
    os.replace(handle.name, readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
