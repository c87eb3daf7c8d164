"""The wheel carries the ontology and data files, and works installed on its own."""

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )
    (path,) = dist.glob("diplograph-*.whl")
    return path


@pytest.mark.slow
def test_packaging_wheel_contains_ontology_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "graph/ontology/diplograph.ttl", "graph/ontology/shapes.ttl", "graph/data/gazetteer/states.jsonl",
        "graph/data/issuer-patterns.jsonl", "graph/data/example/nato-russia-summary-1994-06-22.txt", "graph/py.typed",
    ):
        assert required in names, required


@pytest.mark.slow
def test_packaging_installed_wheel_builds_and_validates(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    # dependencies come from this environment; the package itself only from the wheel
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        check=True, capture_output=True,
    )
    work = tmp_path / "work"
    work.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import graph; print(graph.__file__)"], cwd=work, check=True, capture_output=True, text=True
    ).stdout
    assert where.startswith(site)
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts) for p in (ROOT / "graph").rglob("*.py")
        if p.name != "__main__.py"
    )
    imported = subprocess.run(
        [str(python), "-c", "import importlib, sys; [importlib.import_module(m) for m in sys.argv[1:]]", *modules],
        cwd=work, capture_output=True, text=True,
    )
    assert imported.returncode == 0, imported.stderr
    diplograph = venv / "bin" / "diplograph"
    built = subprocess.run([str(diplograph), "build", "-o", "out"], cwd=work, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built 1 document into out (0 skipped)")
    checked = subprocess.run([str(diplograph), "validate", "out"], cwd=work, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("out: valid (")
