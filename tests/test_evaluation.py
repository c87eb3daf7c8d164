"""Extraction quality never drops below the figures last recorded (scripts/evaluate.py --record)."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def evaluate(corpus_dir):
    sys.path.insert(0, str(ROOT / "scripts"))
    import evaluate as module

    return module, module.evaluate(corpus_dir)


def test_evaluation_scores_do_not_drop_below_the_recorded_floor(evaluate):
    module, scores = evaluate
    recorded = json.loads((ROOT / "tests" / "data" / "gold" / "scores.json").read_text(encoding="utf-8"))
    for group, members in module.groups(scores).items():
        current = module.totals(members)
        for name, floor in recorded[group].items():
            assert current[name] >= floor - 1e-9, f"{group} {name}: {current[name]} < recorded {floor}"


def test_evaluation_matching_is_one_to_one():
    sys.path.insert(0, str(ROOT / "scripts"))
    import evaluate as module

    assert module._max_matching([[0], [0]], 1) == 1
    assert module._max_matching([[0, 1], [0]], 2) == 2
    assert module._max_matching([[], [1]], 2) == 1


def test_evaluation_gold_names_the_gazetteer_knows_are_its_entries():
    sys.path.insert(0, str(ROOT / "scripts"))
    import evaluate as module
    from graph.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert module._entity_key({"class": "Organisation", "name": "North Atlantic  Council"}, gazetteer) == "nac"
    assert module._entity_key({"class": "Framework", "name": "Russia"}, gazetteer) == "Framework:russia"
    assert module._entity_key({"class": "Organisation", "name": "the Balkan Liaison Group"}, gazetteer) == "Organisation:balkan liaison group"
    assert module._entity_key({"id": "pfp"}, gazetteer) == "pfp"


def test_evaluation_every_gold_file_names_a_document(corpus_dir):
    sys.path.insert(0, str(ROOT / "scripts"))
    import evaluate as module

    for gold_file in sorted((ROOT / "tests" / "data" / "gold").glob("*.json")):
        if gold_file.name == "scores.json":
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        assert gold_file.stem == gold["document"]
        assert module.document_path(gold["document"], corpus_dir).is_file()
        for action in gold["actions"]:
            assert action["keywords"] and action["agents"] and action["type"]


def test_evaluation_ungd_sample_is_judged_and_matches_the_readme():
    import csv
    import re

    path = ROOT / "tests" / "data" / "ungd-sample.tsv"
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) == 30
    assert {r["correct"] for r in rows} <= {"yes", "no"}
    assert all(r["note"] for r in rows if r["correct"] == "no")
    right = sum(r["correct"] == "yes" for r in rows)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"(\d+) of 30 are right \(precision ([01]\.\d+)\)", readme)
    assert match and int(match.group(1)) == right and float(match.group(2)) == round(right / 30, 2)
