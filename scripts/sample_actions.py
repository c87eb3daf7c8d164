"""Draw a random sample of the actions found in a corpus, for judging precision by hand.

    python scripts/sample_actions.py FOLDER --metadata ungd.csv --seed 0 -n 30 > sample.tsv

Prints a TSV: document, agents, type, object, evidence, and an empty ``correct`` column to
fill in (yes/no) and a ``note``. Also prints, on stderr, the number of words, documents and
actions, and actions per 1,000 words.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.errors import InputError  # noqa: E402
from graph.gazetteer import load_gazetteer  # noqa: E402
from graph.inputs import discover  # noqa: E402
from graph.metadata import merge_metadata, row_for  # noqa: E402
from graph.pipeline import Extractor, apply_metadata  # noqa: E402
from graph.reader import read  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--metadata", type=Path, action="append", default=[])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-n", type=int, default=30)
    args = parser.parse_args(argv)
    inputs, _ = discover([args.folder])
    rows = merge_metadata(list(args.metadata))
    extractor = Extractor(load_gazetteer())
    found = []
    words = 0
    for item in inputs:
        try:
            document = read(item.path, doc_id=item.doc_id)
        except InputError as exc:
            print(f"{item.path}: skipped ({exc.reason})", file=sys.stderr)
            continue
        row = row_for(rows, item.relative, item.path.name)
        if row is not None:
            document = apply_metadata(document, row)
        extraction = extractor(document, issuers=row.issuer if row else ())
        words += len(document.text.split())
        for action in extraction.actions:
            for each in (action, *action.parts):
                found.append((item.doc_id, each))
    sample = random.Random(args.seed).sample(found, min(args.n, len(found)))
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["document", "agents", "type", "negated", "object", "evidence", "correct", "note"])
    for doc_id, action in sample:
        writer.writerow([doc_id, "+".join(action.agents), action.type, "yes" if action.negated else "",
                         " ".join(action.object.split()), " ".join(action.evidence.split()), "", ""])
    print(f"{len(inputs)} documents, {words} words, {len(found)} actions, "
          f"{1000 * len(found) / max(words, 1):.2f} actions per 1,000 words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
