"""scripts/bench.py and scripts/peak_memory.py: table, sampler, text, README block."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402
import peak_memory  # noqa: E402


def _samples(documents, megabytes, seconds, peaks, triples=(), against_floor=False):
    return bench.Samples(
        documents, megabytes, against_floor, list(seconds), list(peaks), list(triples)
    )


def test_bench_table_formats_fixed_numbers_exactly():
    samples = {
        "floor": _samples(
            1729, 31.1, [10.0, 12.0, 11.0], [300_000_000] * 3, against_floor=True
        ),
        "build -j 1": _samples(
            1729, 31.1, [30.0, 29.0, 40.0], [900_000_000] * 3, [2_500_000] * 3, True
        ),
        "example (cold)": _samples(1, 0.002019, [1.25], [150_500_000], [545]),
        "rebuild, one file changed": _samples(
            None, None, [2.0], [400_000_000], [2_500_000]
        ),
    }
    assert bench.markdown_table(bench.rows(samples)) == "\n".join([
        "| | seconds (median) | documents/s | MB/s | triples/s | × floor "
        "| peak memory (MB) |",
        "|---|--:|--:|--:|--:|--:|--:|",
        "| floor | 11.00 | 157.18 | 2.83 | - | 1.00 | 300.00 |",
        "| build -j 1 | 30.00 | 57.63 | 1.04 | 83,333 | 2.73 | 900.00 |",
        "| example (cold) | 1.25 | 0.80 | 0.00 | 436.00 | - | 150.50 |",
        "| rebuild, one file changed | 2.00 | - | - | 1,250,000 | - | 400.00 |",
    ])  # fmt: skip


def test_bench_targets_say_which_are_met():
    table = [
        bench.Row("build -j 1", 30.0, None, None, None, 2.73, 900.0),
        bench.Row("build -j 2", 20.0, None, None, None, 1.82, 1600.0),
        bench.Row("example (cold)", 1.25, None, None, None, None, 150.0),
        bench.Row("build -j 2, cache on (first)", 20.0, None, None, None, None, 900.0),
        bench.Row("rebuild, one file changed", 1.0, None, None, None, None, 400.0),
    ]
    assert bench.targets(table) == [
        "- build -j 1: 2.73 × floor (target ≤ 3.0): met",
        "- build -j 2: 1.82 × floor (target ≤ 1.8): NOT met",
        "- peak memory of a corpus build: 1,600 MB (target < 1,500 MB): NOT met",
        "- the bundled example, cold: 1.25 s (target < 1.5 s): met",
        "- rebuild with one file changed: 5.0 % of the first build "
        "(target < 10 %): met",
    ]


def test_bench_parses_the_build_summary():
    printed = "Built 3 documents into out (1 skipped)\n  entities  7\n  triples   545\n"
    assert bench.parse_build_output(printed) == bench.BuildCounts(3, 545)
    with pytest.raises(ValueError):
        bench.parse_build_output("Error: nothing built\n")


def test_bench_sampler_sums_the_memory_of_the_process_tree():
    # the 200 MB are allocated by a grandchild: only the whole tree sees them
    grandchild = "import time; b = bytearray(200_000_000); time.sleep(0.5)"
    child = (
        "import subprocess, sys; "
        f"subprocess.run([sys.executable, '-c', {grandchild!r}])"
    )
    result = bench.run_measured([sys.executable, "-c", child])
    assert result.returncode == 0
    assert result.peak_bytes >= 190_000_000
    assert result.seconds >= 0.5


def test_bench_sampler_stops_a_tree_over_the_limit():
    grandchild = "import time; b = bytearray(200_000_000); time.sleep(30)"
    child = (
        "import subprocess, sys; "
        f"subprocess.run([sys.executable, '-c', {grandchild!r}])"
    )
    result = bench.run_measured([sys.executable, "-c", child], limit_bytes=100_000_000)
    assert result.over_limit and result.returncode != 0
    assert result.seconds < 20
    with pytest.raises(RuntimeError, match="over the limit"):
        bench.checked(result, ["python"])


def test_bench_sampler_reports_a_failure():
    failing = "import sys; print('oops', file=sys.stderr); sys.exit(3)"
    result = bench.run_measured([sys.executable, "-c", failing])
    assert result.returncode == 3 and "oops" in result.stderr
    with pytest.raises(RuntimeError, match="exited 3"):
        bench.checked(result, ["python"])


def test_peak_memory_text_has_the_exact_size_and_is_deterministic():
    text = peak_memory.generate_text(200_000)
    assert len(text.encode("utf-8")) == 200_000 and text.isascii()
    assert text == peak_memory.generate_text(200_000)
    assert text != peak_memory.generate_text(200_000, seed=1)
    assert "\n\n  1. Both the Alliance" in text and text.endswith("\n")
    sizes = [len(peak_memory.generate_text(n)) for n in (1, 10, 60, 61)]
    assert sizes == [1, 10, 60, 61]


def test_bench_readme_block_replaces_only_between_the_markers(tmp_path):
    text = (
        "# Title\n<!-- bench:start -->\nold\n<!-- bench:end -->\nafter\n"
        "<!-- other:start -->\nkeep\n<!-- other:end -->\n"
    )
    assert bench.replace_block(text, "bench", "| new |") == (
        "# Title\n<!-- bench:start -->\n| new |\n<!-- bench:end -->\nafter\n"
        "<!-- other:start -->\nkeep\n<!-- other:end -->\n"
    )
    with pytest.raises(SystemExit, match="peak-memory:start"):
        bench.replace_block(text, "peak-memory", "x")
    readme = tmp_path / "README.md"
    readme.write_text(text, encoding="utf-8")
    bench.write_readme_block("other", "new", readme)
    new = readme.read_text(encoding="utf-8")
    assert new == text.replace("keep", "new")
