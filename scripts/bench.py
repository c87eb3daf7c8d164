"""Time ``diplograph build`` against a floor: spaCy's tokenizer alone on the same texts.

    python scripts/bench.py [--corpus DIR] [--runs 3] [--jobs 1,2] [--quick]
                            [--write-readme]

Every measurement runs in a fresh subprocess, so start-up and imports count. Each run
does, interleaved: the floor (``spacy.blank("en").tokenizer.pipe`` over every file of
the corpus, one core, only the tokenizing loop timed); ``diplograph build CORPUS
--no-page --store DIR -q --no-cache -j N`` for each ``--jobs`` value (graph.ttl,
graph.trig, graph.nq and a store); the bundled example built into a fresh folder
(cold), then again into the same folder (warm cache). Then a copy of the corpus is
built once with the cache on and rebuilt ``--runs`` times into the same folder, each
time after appending a sentence to one file.

Figures are medians over the runs. Peak memory is the resident memory (RSS) summed
over the process and all its descendants, sampled every 50 ms: a peak shorter than
that can be missed, and pages shared between processes count once per process.
MB are 10^6 bytes.

The report is printed on stdout, progress on stderr; ``--write-readme`` also puts the
report into README.md between ``<!-- bench:start -->`` and ``<!-- bench:end -->``.
``--quick`` (one run, the first 100 files) is a smoke test. The default corpus is
``$DIPLOGRAPH_CORPUS/ungd-1990s``, ``DIPLOGRAPH_CORPUS`` defaulting to
``../shared/corpus`` beside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # graph.inputs, when run from a checkout

MB = 1_000_000
SAMPLE_SECONDS = 0.05
QUICK_FILES = 100
FLOOR_TARGETS = {1: 3.0, 2: 1.8}
"""The most ``× floor`` the issue allows a build with that many workers."""
MEMORY_TARGET_MB = 1500.0
EXAMPLE_TARGET_SECONDS = 1.5
REBUILD_TARGET = 0.10
CHANGE = "\n\nThe Assembly agreed to meet again in the coming year.\n"
"""Appended to one file before each rebuild."""
REBUILD = "rebuild, one file changed"

FLOOR_SNIPPET = """\
import json, sys, time
from pathlib import Path
import spacy
paths = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
tokenizer = spacy.blank("en").tokenizer
start = time.perf_counter()
tokens = sum(len(doc) for doc in tokenizer.pipe(texts))
print(json.dumps({"seconds": time.perf_counter() - start, "tokens": tokens}))
"""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Measurement:
    """One subprocess: wall seconds from start to exit, peak RSS of its tree, output."""

    seconds: float
    peak_bytes: int
    returncode: int
    stdout: str
    stderr: str
    over_limit: bool = False
    """The tree went over ``limit_bytes`` and was killed."""

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / MB


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of ``process`` and all its descendants (0 once it is gone)."""
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:  # ended between listing and reading
            pass
    return total


def kill_tree(process: psutil.Process) -> None:
    """Kill ``process`` and its descendants (the ones still running)."""
    try:
        members = [*process.children(recursive=True), process]
    except psutil.Error:
        return
    for member in members:
        try:
            member.kill()
        except psutil.Error:
            pass


def run_measured(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    interval: float = SAMPLE_SECONDS,
    limit_bytes: int | None = None,
) -> Measurement:
    """Run ``command`` while a thread samples its tree's RSS every ``interval`` s;
    the tree is killed once it holds more than ``limit_bytes``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(command), cwd=cwd, stdout=out, stderr=err)
        peak = 0
        over = False
        done = threading.Event()

        def sample() -> None:
            nonlocal peak, over
            try:
                root = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not done.is_set():
                peak = max(peak, tree_rss(root))
                if limit_bytes is not None and peak > limit_bytes and not over:
                    over = True
                    kill_tree(root)
                done.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = proc.wait()
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    return Measurement(seconds, peak, returncode, stdout, stderr, over)


def checked(measurement: Measurement, command: Sequence[str]) -> Measurement:
    """``measurement``, or a RuntimeError with the end of its stderr if it failed."""
    if measurement.over_limit:
        mb = measurement.peak_mb
        raise RuntimeError(
            f"{' '.join(command)} stopped: over the limit at {mb:.0f} MB"
        )
    if measurement.returncode != 0:
        tail = "\n".join(measurement.stderr.strip().splitlines()[-15:])
        code = measurement.returncode
        raise RuntimeError(f"{' '.join(command)} exited {code}:\n{tail}")
    return measurement


def diplograph() -> list[str]:
    """This interpreter's ``diplograph`` console script, else ``python -m graph``."""
    here = str(Path(sys.executable).parent)
    search = os.pathsep.join([here, os.environ.get("PATH", os.defpath)])
    found = shutil.which("diplograph", path=search)
    return [found] if found else [sys.executable, "-m", "graph"]


@dataclass(frozen=True)
class BuildCounts:
    """What ``diplograph build`` printed: documents built and triples written."""

    documents: int
    triples: int


def parse_build_output(stdout: str) -> BuildCounts:
    """The counts in ``Built N documents ...`` and ``  triples   N``."""
    built = re.search(r"^Built (\d+) documents?", stdout, re.M)
    triples = re.search(r"^\s+triples\s+(\d+)", stdout, re.M)
    if not built or not triples:
        raise ValueError(
            f"no document or triple count in the build's output:\n{stdout}"
        )
    return BuildCounts(int(built.group(1)), int(triples.group(1)))


# ---------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Corpus:
    """The folder built, the files in it (as the build finds them), their size."""

    folder: Path
    label: str
    files: tuple[Path, ...]
    bytes: int
    words: int

    @property
    def megabytes(self) -> float:
        return self.bytes / MB


def default_corpus() -> Path:
    shared = os.environ.get("DIPLOGRAPH_CORPUS") or ROOT.parent / "shared" / "corpus"
    return Path(shared) / "ungd-1990s"


def document_files(folder: Path) -> list[Path]:
    """The files ``diplograph build FOLDER`` reads, in its order."""
    from graph.inputs import discover

    found, _skipped = discover([folder])
    return [item.path for item in found]


def copy_files(files: Sequence[Path], source: Path, target: Path) -> list[Path]:
    """Copies of ``files`` (under ``source``) at the same places under ``target``."""
    copies = []
    for path in files:
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
        copies.append(copy)
    return copies


def load_corpus(folder: Path, *, limit: int | None = None, work: Path) -> Corpus:
    """The corpus under ``folder``; with ``limit``, its first files copied into
    ``work/corpus``."""
    files = document_files(folder)
    label = folder.name
    if limit is not None and limit < len(files):
        files = copy_files(files[:limit], folder, work / "corpus")
        folder, label = work / "corpus", f"{label} (first {limit} files)"
    texts = (p.read_text(encoding="utf-8", errors="replace") for p in files)
    words = sum(len(text.split()) for text in texts)
    size = sum(p.stat().st_size for p in files)
    return Corpus(folder, label, tuple(files), size, words)


# ---------------------------------------------------------------------- the runs


@dataclass
class Samples:
    """The measurements of one row of the table.

    ``documents`` and ``megabytes`` (None: no rate) are what one run processes;
    ``against_floor`` says the row is over the same texts as the floor.
    """

    documents: int | None
    megabytes: float | None
    against_floor: bool = False
    seconds: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    triples: list[int] = field(default_factory=list)

    def add(self, seconds: float, peak: int, triples: int | None = None) -> None:
        self.seconds.append(seconds)
        self.peaks.append(peak)
        if triples is not None:
            self.triples.append(triples)


def _report(name: str, seconds: float, peak: int) -> None:
    log(f"{name}: {seconds:.2f} s, peak {peak / MB:.0f} MB")


def measure_floor(corpus: Corpus, work: Path) -> tuple[float, int]:
    """Seconds of the tokenizing loop, and the peak RSS of its process."""
    listing = work / "floor-files.json"
    listing.write_text(json.dumps([str(p) for p in corpus.files]), encoding="utf-8")
    command = [sys.executable, "-c", FLOOR_SNIPPET, str(listing)]
    result = checked(run_measured(command, cwd=work), command)
    return float(json.loads(result.stdout)["seconds"]), result.peak_bytes


def measure_build(
    paths: Sequence[Path],
    out: Path,
    *,
    work: Path,
    jobs: int | None = None,
    cache: bool = True,
    store: Path | None = None,
    page: bool = True,
) -> tuple[Measurement, BuildCounts]:
    """``diplograph build PATHS -o OUT -q`` with these options, in a subprocess."""
    command = [*diplograph(), "build", *map(str, paths), "-o", str(out), "-q"]
    command += [] if page else ["--no-page"]
    command += [] if store is None else ["--store", str(store)]
    command += [] if cache else ["--no-cache"]
    command += [] if jobs is None else ["-j", str(jobs)]
    result = checked(run_measured(command, cwd=work), command)
    return result, parse_build_output(result.stdout)


def run_benchmark(
    corpus: Corpus, work: Path, *, runs: int, jobs: Sequence[int]
) -> dict[str, Samples]:
    """Every measurement, by row name, in the order of the table."""
    from graph.inputs import example_paths

    example = example_paths()
    example_mb = sum(p.stat().st_size for p in example) / MB
    files, mb = len(corpus.files), corpus.megabytes
    samples = {"floor": Samples(files, mb, against_floor=True)}
    for n in jobs:
        samples[f"build -j {n}"] = Samples(files, mb, against_floor=True)
    samples["example (cold)"] = Samples(len(example), example_mb)
    samples["example (warm cache)"] = Samples(len(example), example_mb)
    for run in range(1, runs + 1):
        log(f"run {run}/{runs}")
        seconds, peak = measure_floor(corpus, work)
        samples["floor"].add(seconds, peak)
        _report("floor", seconds, peak)
        for n in jobs:
            name, folder = f"build -j {n}", work / f"j{n}-run{run}"
            result, counts = measure_build(
                [corpus.folder], folder / "out", work=work, jobs=n, cache=False,
                store=folder / "store", page=False,
            )  # fmt: skip
            samples[name].documents = counts.documents
            samples[name].add(result.seconds, result.peak_bytes, counts.triples)
            _report(name, result.seconds, result.peak_bytes)
            shutil.rmtree(folder)
        folder = work / f"example-run{run}"
        for name in ("example (cold)", "example (warm cache)"):
            result, counts = measure_build([], folder, work=work)
            samples[name].add(result.seconds, result.peak_bytes, counts.triples)
            _report(name, result.seconds, result.peak_bytes)
        shutil.rmtree(folder)
    samples.update(measure_rebuilds(corpus, work, runs=runs, jobs=max(jobs)))
    return samples


def measure_rebuilds(
    corpus: Corpus, work: Path, *, runs: int, jobs: int
) -> dict[str, Samples]:
    """A copy of the corpus built once with the cache on, then rebuilt ``runs`` times
    into the same folder, each time after appending a sentence to another file."""
    copy = work / "rebuild-corpus"
    files = copy_files(corpus.files, corpus.folder, copy)
    out, store = work / "rebuild-out", work / "rebuild-store"
    name = f"build -j {jobs}, cache on (first)"
    first = Samples(len(files), corpus.megabytes)
    result, counts = measure_build(
        [copy], out, work=work, jobs=jobs, store=store, page=False
    )
    first.add(result.seconds, result.peak_bytes, counts.triples)
    _report(name, result.seconds, result.peak_bytes)
    again = Samples(None, None)
    for run in range(runs):
        changed = files[run * len(files) // runs]
        with changed.open("a", encoding="utf-8") as handle:
            handle.write(CHANGE)
        result, counts = measure_build(
            [copy], out, work=work, jobs=jobs, store=store, page=False
        )
        again.add(result.seconds, result.peak_bytes, counts.triples)
        _report(f"rebuild, {changed.name} changed", result.seconds, result.peak_bytes)
    for folder in (copy, out, store):
        shutil.rmtree(folder, ignore_errors=True)
    return {name: first, REBUILD: again}


# ---------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Row:
    """One line of the table; None prints as ``-``."""

    name: str
    seconds: float
    documents_per_s: float | None
    mb_per_s: float | None
    triples_per_s: float | None
    floor_ratio: float | None
    peak_mb: float


def _rate(quantity: float | None, seconds: float) -> float | None:
    return None if quantity is None else quantity / seconds


def rows(samples: dict[str, Samples]) -> list[Row]:
    """Medians per row; a rate is the quantity over the median seconds."""
    floor = statistics.median(samples["floor"].seconds)
    out = []
    for name, sample in samples.items():
        seconds = statistics.median(sample.seconds)
        triples = statistics.median(sample.triples) if sample.triples else None
        out.append(Row(
            name,
            seconds,
            _rate(sample.documents, seconds),
            _rate(sample.megabytes, seconds),
            _rate(triples, seconds),
            seconds / floor if sample.against_floor else None,
            statistics.median(sample.peaks) / MB,
        ))  # fmt: skip
    return out


def number(value: float | None) -> str:
    """Two decimals below 1,000; whole numbers with thousands separators above."""
    if value is None:
        return "-"
    return f"{value:.2f}" if abs(value) < 1000 else f"{value:,.0f}"


HEADER = (
    "| | seconds (median) | documents/s | MB/s | triples/s | × floor "
    "| peak memory (MB) |\n|---|--:|--:|--:|--:|--:|--:|"
)


def markdown_table(table: Sequence[Row]) -> str:
    lines = [HEADER]
    for row in table:
        cells = (
            row.seconds, row.documents_per_s, row.mb_per_s, row.triples_per_s,
            row.floor_ratio, row.peak_mb,
        )  # fmt: skip
        lines.append(f"| {row.name} | " + " | ".join(map(number, cells)) + " |")
    return "\n".join(lines)


def _target(what: str, measured: str, limit: str, met: bool) -> str:
    return f"- {what}: {measured} (target {limit}): {'met' if met else 'NOT met'}"


def targets(table: Sequence[Row]) -> list[str]:
    """The issue's targets, each with the figure measured and whether it is met."""
    by_name = {row.name: row for row in table}
    out = []
    for n, limit in FLOOR_TARGETS.items():
        row = by_name.get(f"build -j {n}")
        if row is not None and row.floor_ratio is not None:
            ratio = row.floor_ratio
            measured = f"{number(ratio)} × floor"
            out.append(_target(f"build -j {n}", measured, f"≤ {limit}", ratio <= limit))
    builds = [row.peak_mb for row in table if row.name.startswith("build")]
    if builds:
        peak, limit = max(builds), MEMORY_TARGET_MB
        what = "peak memory of a corpus build"
        out.append(
            _target(what, f"{number(peak)} MB", f"< {limit:,.0f} MB", peak < limit)
        )
    cold = by_name.get("example (cold)")
    if cold is not None:
        seconds, limit = cold.seconds, EXAMPLE_TARGET_SECONDS
        what = "the bundled example, cold"
        out.append(
            _target(what, f"{number(seconds)} s", f"< {limit} s", seconds < limit)
        )
    first = next((row for row in table if row.name.endswith("(first)")), None)
    again = by_name.get(REBUILD)
    if first is not None and again is not None:
        ratio = again.seconds / first.seconds
        measured = f"{ratio * 100:.1f} % of the first build"
        limit_text = f"< {REBUILD_TARGET * 100:.0f} %"
        what = "rebuild with one file changed"
        out.append(_target(what, measured, limit_text, ratio < REBUILD_TARGET))
    return out


def machine() -> str:
    """Cores, RAM, Python and spaCy versions of this machine."""
    ram = psutil.virtual_memory().total / 1e9
    python = platform.python_version()
    return f"{os.cpu_count()} cores, {ram:.1f} GB RAM, Python {python}, " + (
        f"spaCy {metadata.version('spacy')}"
    )


def report(
    table: Sequence[Row], corpus: Corpus, *, runs: int, machine_line: str
) -> str:
    """The Markdown block: what was measured, on what, the table, the targets."""
    median = f"medians of {runs} interleaved runs" if runs > 1 else "one run"
    files, mb, words = len(corpus.files), corpus.megabytes, corpus.words
    head = [
        f"Machine: {machine_line}. Corpus: {corpus.label}, {files:,} files, "
        f"{mb:.2f} MB, {words:,} words.",
        "",
        f"`python scripts/bench.py`, {median}. The floor is spaCy's tokenizer alone "
        '(`spacy.blank("en").tokenizer.pipe`, one core, tokenizing loop only). The '
        "builds run `diplograph build CORPUS --no-page --store DIR -q --no-cache -j N` "
        "(graph.ttl, graph.trig, graph.nq and a store, no page); the example rows "
        "build the bundled example, page included; the rebuild row is the median of "
        "rebuilds with the cache after one file changed. Peak memory: RSS summed over "
        "the process tree, sampled every 50 ms.",
        "",
    ]
    return "\n".join([*head, markdown_table(table), "", *targets(table)])


# ---------------------------------------------------------------------- README


def replace_block(text: str, name: str, body: str) -> str:
    """``text``, what lies between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``
    replaced by ``body``; SystemExit if the markers are missing."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    pattern = re.compile(rf"({re.escape(start)}\n).*?({re.escape(end)})", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md: markers {start} / {end} not found")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text, count=1)


def write_readme_block(name: str, body: str, readme: Path = README) -> None:
    """Replace one marked block of ``readme``: read just before, replaced atomically."""
    new = replace_block(readme.read_text(encoding="utf-8"), name, body)
    folder = readme.parent
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=folder, delete=False
    ) as handle:
        handle.write(new)
    os.chmod(handle.name, readme.stat().st_mode & 0o777)  # keep the README's permissions
    os.replace(handle.name, readme)


# ---------------------------------------------------------------------- main


def job_list(text: str) -> list[int]:
    """``"1,2"`` -> ``[1, 2]``, for ``--jobs``."""
    try:
        jobs = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        jobs = []
    if not jobs or any(n < 1 for n in jobs):
        message = f"not a comma-separated list of worker counts >= 1: {text!r}"
        raise argparse.ArgumentTypeError(message)
    return jobs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    add = parser.add_argument
    add("--corpus", type=Path, help="Folder to build (default: ungd-1990s).")
    add("--runs", type=int, default=3, help="Interleaved runs (default: 3).")
    add("--jobs", type=job_list, default=[1, 2], help="Workers (default: 1,2).")
    add("--quick", action="store_true", help=f"One run, first {QUICK_FILES} files.")
    add("--write-readme", action="store_true", help="Write the report into README.md.")
    args = parser.parse_args(argv)
    folder = args.corpus or default_corpus()
    if not folder.is_dir():
        parser.error(f"no corpus at {folder} (use --corpus or set DIPLOGRAPH_CORPUS)")
    runs = 1 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as tmp:
        work = Path(tmp)
        limit = QUICK_FILES if args.quick else None
        corpus = load_corpus(folder, limit=limit, work=work)
        if not corpus.files:
            parser.error(f"no documents under {folder}")
        log(f"{corpus.label}: {len(corpus.files)} files, {corpus.megabytes:.2f} MB")
        samples = run_benchmark(corpus, work, runs=runs, jobs=args.jobs)
    text = report(rows(samples), corpus, runs=runs, machine_line=machine())
    print(text)
    if args.write_readme:
        write_readme_block("bench", text)
        log("README.md: the bench block is written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
