"""Score the extractors against the gold annotations in tests/data/gold/.

    python scripts/evaluate.py [--corpus DIR] [--details] [--record] [--json]

For every gold file the document is read and extracted as `diplograph build` would, and
compared with the annotation:

- entities (actors and frameworks; persons apart): identity is the gazetteer id, or the class
  and normalised name of an entity outside the gazetteer; each counted once per document;
- actions (parts included): an extracted action matches an expected one when their agent sets
  share a member, their types are equal and every expected key word occurs in the extracted
  object; matching is one-to-one (a maximum bipartite matching);
- the date: right or wrong, over the documents that print one.

Precision, recall and F1 are micro-averaged: over the development documents (01-12 and the
bundled example) and, separately, over the documents set aside while rules were written
(13-16). ``--record`` stores the overall figures in tests/data/gold/scores.json, which a test
keeps as a floor; scripts/readme_tables.py writes the table into README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from graph.inputs import example_paths  # noqa: E402
from graph.pipeline import Extractor  # noqa: E402
from graph.reader import read  # noqa: E402
from graph.records import ActionRecord, Extraction  # noqa: E402

GOLD = ROOT / "tests" / "data" / "gold"
SCORES = GOLD / "scores.json"
HELD_OUT = ("13-", "14-", "15-", "16-")
"""Documents no rule was written from: their scores are reported apart."""


@dataclass
class Counts:
    """True positives, predicted and expected counts."""

    tp: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    name: str
    entities: Counts
    actions: Counts
    date_printed: bool
    date_right: bool
    missed_entities: list[str] = field(default_factory=list)
    extra_entities: list[str] = field(default_factory=list)
    missed_actions: list[str] = field(default_factory=list)
    extra_actions: list[str] = field(default_factory=list)


def normalise_name(name: str) -> str:
    name = " ".join(name.split()).lower()
    return re.sub(r"^the\s+", "", name)


def _entity_key(entry: dict[str, Any], gazetteer: Gazetteer | None = None, date: str | None = None) -> str:
    """A gold entity's identity: its gazetteer id, else class and normalised name. A name the
    gazetteer has come to know since the annotation (as label, acronym or alias, with the
    same class) is that entry's id: the same entity, however it was written down."""
    if "id" in entry:
        return entry["id"]
    if gazetteer is not None:
        known = gazetteer.resolve(" ".join(entry["name"].split()), date)
        if known is not None and entry["class"] in known.classes:
            return known.id
    return f"{entry['class']}:{normalise_name(entry['name'])}"


def predicted_entity_keys(extraction: Extraction) -> set[str]:
    keys = set()
    for entity_id in {m.entity_id for m in extraction.mentions}:
        entity = extraction.entities[entity_id]
        if entity.classes == ("Person",):
            continue
        if entity.local:
            kind = "Organisation" if "Organisation" in entity.classes else entity.classes[0]
            keys.add(f"{kind}:{normalise_name(entity.label)}")
        else:
            keys.add(entity.id)
    return keys


def _agent_keys(extraction: Extraction, agents: Iterable[str]) -> set[str]:
    keys = set()
    for agent in agents:
        entity = extraction.entities.get(agent)
        keys.add(agent)
        if entity is not None:
            keys.update(normalise_name(name) for name in (entity.label, *entity.aliases))
    return keys


def _matches(extraction: Extraction, predicted: ActionRecord, expected: dict[str, Any]) -> bool:
    if predicted.type != expected["type"]:
        return False
    wanted = {a if re.fullmatch(r"[a-z0-9-]+", a) else normalise_name(a) for a in expected["agents"]}
    if not wanted & _agent_keys(extraction, predicted.agents):
        return False
    text = predicted.object.lower()
    return all(k.lower() in text for k in expected["keywords"])


def _max_matching(edges: list[list[int]], right: int) -> int:
    """Size of a maximum bipartite matching (left i may take any right j in edges[i])."""
    owner = [-1] * right

    def augment(i: int, seen: list[bool]) -> bool:
        for j in edges[i]:
            if not seen[j]:
                seen[j] = True
                if owner[j] == -1 or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(1 for i in range(len(edges)) if augment(i, [False] * right))


def _describe(action: dict[str, Any] | ActionRecord) -> str:
    if isinstance(action, ActionRecord):
        return f"{'+'.join(action.agents)} {action.type}: {action.object[:70]!r}"
    return f"{'+'.join(action['agents'])} {action['type']}: {action['keywords']}"


def score_document(extractor: Extractor, path: Path, gold: dict[str, Any]) -> DocumentScore:
    extraction = extractor(read(path))
    predicted_entities = predicted_entity_keys(extraction)
    expected_entities = {_entity_key(e, extractor.gazetteer, gold.get("date")) for e in gold["entities"]}
    entities = Counts(len(predicted_entities & expected_entities), len(predicted_entities), len(expected_entities))
    predicted_actions = [p for a in extraction.actions for p in (a, *a.parts)]
    expected_actions = gold["actions"]
    edges = [[j for j, e in enumerate(expected_actions) if _matches(extraction, p, e)] for p in predicted_actions]
    tp = _max_matching(edges, len(expected_actions))
    matched_expected = {j for row in edges for j in row}
    actions = Counts(tp, len(predicted_actions), len(expected_actions))
    printed = gold.get("date") is not None
    return DocumentScore(
        name=path.stem,
        entities=entities,
        actions=actions,
        date_printed=printed,
        date_right=printed and extraction.document.date == gold["date"],
        missed_entities=sorted(expected_entities - predicted_entities),
        extra_entities=sorted(predicted_entities - expected_entities),
        missed_actions=[_describe(e) for j, e in enumerate(expected_actions) if j not in matched_expected],
        extra_actions=[_describe(p) for p, row in zip(predicted_actions, edges, strict=True) if not row],
    )


def document_path(name: str, corpus: Path) -> Path:
    for path in [corpus / "dev" / f"{name}.txt", *example_paths()]:
        if path.stem == name and path.is_file():
            return path
    raise SystemExit(f"{GOLD / (name + '.json')}: no document {name}.txt in {corpus / 'dev'} or the bundled example")


def evaluate(corpus: Path) -> list[DocumentScore]:
    extractor = Extractor(load_gazetteer())
    scores = []
    for gold_file in sorted(GOLD.glob("*.json")):
        if gold_file == SCORES:
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        scores.append(score_document(extractor, document_path(gold["document"], corpus), gold))
    return scores


def totals(scores: list[DocumentScore]) -> dict[str, float]:
    entities, actions = Counts(), Counts()
    for s in scores:
        entities.add(s.entities)
        actions.add(s.actions)
    printed = [s for s in scores if s.date_printed]
    return {
        "entities_precision": round(entities.precision, 4),
        "entities_recall": round(entities.recall, 4),
        "entities_f1": round(entities.f1, 4),
        "actions_precision": round(actions.precision, 4),
        "actions_recall": round(actions.recall, 4),
        "actions_f1": round(actions.f1, 4),
        "date_accuracy": round(sum(s.date_right for s in printed) / len(printed), 4) if printed else 1.0,
    }


def groups(scores: list[DocumentScore]) -> dict[str, list[DocumentScore]]:
    return {
        "development": [s for s in scores if not s.name.startswith(HELD_OUT)],
        "set aside (13-16)": [s for s in scores if s.name.startswith(HELD_OUT)],
    }


def table(scores: list[DocumentScore]) -> str:
    def cells(c: Counts) -> str:
        return f"{c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f}"

    rows = [
        "| document | entities P | R | F1 | actions P | R | F1 | date |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        date = "right" if s.date_right else ("wrong" if s.date_printed else "none printed")
        rows.append(f"| {s.name} | {cells(s.entities)} | {cells(s.actions)} | {date} |")
    for label, members in groups(scores).items():
        t = totals(members)
        rows.append(
            f"| **{label}** | {t['entities_precision']:.2f} | {t['entities_recall']:.2f} | {t['entities_f1']:.2f} "
            f"| {t['actions_precision']:.2f} | {t['actions_recall']:.2f} | {t['actions_f1']:.2f} "
            f"| {t['date_accuracy']:.0%} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("DIPLOGRAPH_CORPUS", ROOT.parent / "shared" / "corpus")))
    parser.add_argument("--record", action="store_true", help="store the overall figures as the regression floor")
    parser.add_argument("--details", action="store_true", help="list what was missed and what was extra (development documents)")
    parser.add_argument("--details-held-out", action="store_true", help="also for the documents set aside (not for writing rules)")
    parser.add_argument("--json", action="store_true", help="print the overall figures as JSON")
    args = parser.parse_args(argv)
    scores = evaluate(args.corpus)
    overall = {label: totals(members) for label, members in groups(scores).items()}
    if args.json:
        print(json.dumps(overall, indent=2, sort_keys=True))
    else:
        print(table(scores))
    if args.details or args.details_held_out:
        for s in scores:
            if s.name.startswith(HELD_OUT) and not args.details_held_out:
                continue
            for kind, items in (("missed entity", s.missed_entities), ("extra entity", s.extra_entities),
                                ("missed action", s.missed_actions), ("extra action", s.extra_actions)):
                for item in items:
                    print(f"{s.name[:2]} {kind}: {item}")
    if args.record:
        SCORES.write_text(json.dumps(overall, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
