"""List the agreed actions found in documents, one line each (for reading rules' results).

    python scripts/list_actions.py FILE_OR_FOLDER... [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.gazetteer import load_gazetteer  # noqa: E402
from graph.inputs import discover  # noqa: E402
from graph.pipeline import Extractor  # noqa: E402
from graph.reader import read  # noqa: E402


def describe(extraction, action, indent: str = "") -> str:  # type: ignore[no-untyped-def]
    agents = "+".join(extraction.entities[a].acronym or extraction.entities[a].label for a in action.agents)
    flags = " NOT" if action.negated else ""
    frameworks = f" [{', '.join(action.frameworks)}]" if action.frameworks else ""
    topics = f" {{{', '.join(action.topics)}}}" if action.topics else ""
    return f"{indent}{action.paragraph or '-':>3} {agents} {action.type}{flags}: {action.object[:110]!r}{frameworks}{topics} <{action.rule}>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="at most N actions per document")
    args = parser.parse_args(argv)
    inputs, _ = discover(args.paths)
    extractor = Extractor(load_gazetteer())
    total: Counter[str] = Counter()
    for item in inputs:
        extraction = extractor(read(item.path, doc_id=item.doc_id))
        counts = Counter(a.type for a in extraction.actions)
        total.update(counts)
        print(f"== {item.doc_id}: {sum(counts.values())} actions, {extraction.unresolved} unresolved")
        for n, action in enumerate(extraction.actions):
            if args.limit and n >= args.limit:
                break
            print(describe(extraction, action))
            for part in action.parts:
                print(describe(extraction, part, "      part"))
    print("== by type: " + ", ".join(f"{t} {n}" for t, n in sorted(total.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
