"""How often the speaker rule names the right State on UN General Debate speeches.

    python scripts/speaker_accuracy.py FOLDER [--skip NAME ...]

The speeches (``EST_50_1995.txt``) print no speaker; their file names give the State. Each is
read without metadata, and the issuer the extractor finds is compared with the file name's
State: how many speeches the rule decides on, and how many of those it gets right.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from ungd_metadata import NAME, state_id  # noqa: E402

from graph.gazetteer import load_gazetteer  # noqa: E402
from graph.pipeline import Extractor  # noqa: E402
from graph.reader import read_text  # noqa: E402

RULE = "issuer-speaker-state"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--skip", action="append", default=[], help="a file name to leave out (repeatable)")
    args = parser.parse_args(argv)
    gazetteer = load_gazetteer()
    extractor = Extractor(gazetteer)
    speeches = decided = right = 0
    wrong: list[str] = []
    for path in sorted(args.folder.glob("*.txt")):
        match = NAME.match(path.name)
        if match is None or path.name in args.skip:
            continue
        truth = state_id(match["code"])
        if truth is None:
            continue
        speeches += 1
        extraction = extractor(read_text(path.read_text(encoding="utf-8", errors="replace"), name=path.name))
        found = [i.entity_id for i in extraction.issuers if i.rule == RULE]
        if not found:
            continue
        decided += 1
        # a State's historical id (Zaire for the Congo in 1990) is the same State
        same = found[0] == truth or truth in gazetteer[found[0]].replaced_by or found[0] in gazetteer[truth].replaced_by
        if same:
            right += 1
        else:
            wrong.append(f"{path.name}: {found[0]}")
    print(f"{speeches} speeches; the rule decided on {decided} ({decided / max(speeches, 1):.0%}); "
          f"right on {right} ({right / max(decided, 1):.1%})")
    for line in wrong:
        print("  wrong:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
