"""Every output parses in Apache Jena's strict parser (riot --validate), the strictest of the three."""

import os
import subprocess
import zipfile

import pytest

import graph

pytestmark = [pytest.mark.jena, pytest.mark.corpus]

HOSTILE = (
    "3 March 1995\n\n1. The Alliance and Russia agreed to <script>alert('x')</script> \"\"\" \\ back \u2028 line "
    "and control \x01 char, and {braces} | pipes ^ carets `ticks`.\n"
)


def test_jena_validates_every_output_format(jena, corpus_dir, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile name é.txt").write_text(HOSTILE, encoding="utf-8")
    for path in sorted((corpus_dir / "dev").glob("*.txt")):
        (tmp_path / "in" / path.name).write_bytes(path.read_bytes())
    result = graph.build([tmp_path / "in"], outdir=tmp_path / "out", formats=["jsonld"], page=False)
    assert len(result.documents) == 17
    files = [str(tmp_path / "out" / name) for name in ("graph.ttl", "graph.trig", "graph.nq")]
    run = subprocess.run([str(jena), "riot", "--validate", *files], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ERROR" not in run.stdout + run.stderr and "WARN" not in run.stdout + run.stderr
    # JSON-LD: Debian's Jena 4.5 has no JSON-P implementation for its JSON-LD 1.1 parser, so
    # graph.jsonld goes through its JSON-LD 1.0 parser (jsonld-java), which needs the Apache
    # HttpClient cache classes the tool leaves off its classpath: they are put in the folder
    # the tool puts first on it (JENA_FIX_DIR).
    fix = tmp_path / "jena-fix"
    with zipfile.ZipFile("/usr/share/java/httpclient-cache.jar") as jar:
        jar.extractall(fix, [n for n in jar.namelist() if n.startswith("org/")])
    env = {**os.environ, "JENA_FIX_DIR": str(fix)}
    jsonld = str(tmp_path / "out" / "graph.jsonld")
    run = subprocess.run([str(jena), "riot", "--validate", "--syntax=jsonld10", jsonld], capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ERROR" not in run.stdout + run.stderr and "Exception" not in run.stdout + run.stderr
