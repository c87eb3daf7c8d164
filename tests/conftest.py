"""Shared fixtures of the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def unavailable(message: str) -> None:
    """Skip the test for want of something outside the repository; on CI (``CI=true``) fail."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus folder (``DIPLOGRAPH_CORPUS``, default ``../shared/corpus``).

    Tests that need it are skipped when it is absent, except on CI (``CI=true``),
    where its absence is a failure.
    """
    path = Path(os.environ.get("DIPLOGRAPH_CORPUS") or REPO_ROOT.parent / "shared" / "corpus")
    if not (path / "dev").is_dir():
        message = f"the shared corpus is not at {path} (set DIPLOGRAPH_CORPUS)"
        unavailable(message)
    return path


@pytest.fixture(scope="session")
def jena(corpus_dir: Path) -> Path:
    """The shared ``jena`` tool (Apache Jena's command line, needs Java and Debian's
    libapache-jena-java). Skipped with a reason when missing, except on CI (``CI=true``)."""
    import shutil

    tool = corpus_dir.parent / "tools" / "jena"
    missing = []
    if not tool.is_file():
        missing.append(f"no {tool}")
    if shutil.which("java") is None:
        missing.append("no java (apt-get install default-jre-headless)")
    if not Path("/usr/share/java/jena-core.jar").is_file():
        missing.append("no Apache Jena jars (apt-get install libapache-jena-java)")
    if missing:
        message = "Apache Jena is not available: " + "; ".join(missing)
        unavailable(message)
    return tool


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> str:
    """The base URL (``http://127.0.0.1:PORT``) of an Oxigraph server started for the session.

    ``oxigraph serve`` (PyPI package ``oxigraph``, pinned in the ``test`` extra) runs on a
    free port with its data in a temporary folder and the union of the named graphs as
    default graph; it is stopped by its process id at the end. Without the ``oxigraph``
    command the tests are skipped with a reason, except on CI (``CI=true``), where they fail.
    """
    from tests.loadserver import OxigraphServer, oxigraph_command

    command = oxigraph_command()
    if command is None:
        message = "the oxigraph server command is missing (pip install -e '.[test]')"
        unavailable(message)
    server = OxigraphServer(command, tmp_path_factory.mktemp("oxigraph") / "store").start()
    request.addfinalizer(server.stop)
    return server.base


@pytest.fixture()
def oxigraph_store(oxigraph_server: str) -> str:
    """The session's Oxigraph server, emptied for this test: its base URL."""
    from tests.loadserver import clear

    clear(oxigraph_server)
    return oxigraph_server


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> str:
    """The base URL (``http://127.0.0.1:PORT``) of a Virtuoso server started for the session.

    Debian's ``virtuoso-t`` (``apt-get install virtuoso-opensource``; its packaged service is
    not used) runs with a new database in a temporary folder, on free ports of 127.0.0.1,
    user ``dba`` with password ``dba``; it is stopped by its process id at the end. Without
    ``virtuoso-t`` the tests are skipped with a reason, except on CI (``CI=true``), where they fail.
    """
    from tests.virtuoso import VirtuosoServer, virtuoso_command

    command = virtuoso_command()
    if command is None:
        message = "virtuoso-t is missing (apt-get install virtuoso-opensource)"
        unavailable(message)
    server = VirtuosoServer(command, tmp_path_factory.mktemp("virtuoso") / "db")
    request.addfinalizer(server.stop)
    server.start()
    return server.base


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium: the browser tests drive it, and never download one of their own."""

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """A headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright, for the session.

    Skipped with a reason when the browser or the ``playwright`` package is missing, except
    on CI (``CI=true``), where that is a failure.
    """
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"no {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing.append("no playwright package (pip install -e '.[test]')")
    if missing:
        message = "the browser tests cannot run: " + "; ".join(missing)
        unavailable(message)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
