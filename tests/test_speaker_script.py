"""scripts/speaker_accuracy.py: the speaker rule scored against file names, on speeches of our own."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import speaker_accuracy  # noqa: E402

SPEECH = (
    "I wish to congratulate you, Mr. President. {state} has followed the work of the Assembly.\n\n"
    "We in {state} remember the support of {other}. {state} also thanks the Secretary-General.\n\n"
    "My delegation welcomes the report.\n"
)


def test_speaker_accuracy_counts_decided_and_right(tmp_path, capsys):
    (tmp_path / "LVA_50_1995.txt").write_text(SPEECH.format(state="Latvia", other="Estonia"), encoding="utf-8")
    # a speech mostly about a neighbour: the rule names the neighbour, which is wrong
    (tmp_path / "EST_50_1995.txt").write_text(SPEECH.format(state="Finland", other="Latvia"), encoding="utf-8")
    # no first person singular: the rule does not decide
    (tmp_path / "LTU_50_1995.txt").write_text("Lithuania, Lithuania and Lithuania met.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a speech\n", encoding="utf-8")
    assert speaker_accuracy.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == (
        "3 speeches; the rule decided on 2 (67%); right on 1 (50.0%)\n"
        "  wrong: EST_50_1995.txt: fin\n"
    )


def test_speaker_accuracy_skips_named_files(tmp_path, capsys):
    (tmp_path / "LVA_50_1995.txt").write_text(SPEECH.format(state="Latvia", other="Estonia"), encoding="utf-8")
    assert speaker_accuracy.main([str(tmp_path), "--skip", "LVA_50_1995.txt"]) == 0
    assert capsys.readouterr().out == "0 speeches; the rule decided on 0 (0%); right on 0 (0.0%)\n"
