"""Shared fixtures of the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus folder (``DIPLOGRAPH_CORPUS``, default ``../shared/corpus``).

    Tests that need it are skipped when it is absent, except on CI (``CI=true``),
    where its absence is a failure.
    """
    path = Path(os.environ.get("DIPLOGRAPH_CORPUS") or REPO_ROOT.parent / "shared" / "corpus")
    if not (path / "dev").is_dir():
        message = f"the shared corpus is not at {path} (set DIPLOGRAPH_CORPUS)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
