"""The README stays true: its commands exist, its generated tables are current."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_docs_every_command_is_in_the_readme(command):
    assert f"`diplograph {command}" in README


def test_docs_first_screen_gives_install_and_test_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).splitlines()
    assert first_block[0] == "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && diplograph build"
    assert first_block[1] == "python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci


@pytest.mark.corpus
def test_docs_generated_tables_are_current(corpus_dir):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_tables.py"), "--check", "--corpus", str(corpus_dir)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
