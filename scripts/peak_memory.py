"""Peak memory of ``diplograph build`` on one large plain-text document (issue #7).

    python scripts/peak_memory.py [--mb 50] [--keep FILE] [--write-readme]

Writes a document of exactly ``--mb`` MB (10^6 bytes; ASCII numbered paragraphs of
communiqué prose, the same bytes every time), runs ``diplograph build FILE -o DIR
-q --no-page --no-cache`` in a fresh subprocess and samples the resident memory of
its whole process tree every 50 ms (``scripts/bench.py``). spaCy refuses texts over
its ``max_length`` of 1,000,000 characters, so the build parses the document in
blocks; this shows that memory stays bounded. ``--write-readme`` puts the report into
README.md between ``<!-- peak-memory:start -->`` and ``<!-- peak-memory:end -->``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402

HEADER = "22 June 1994\n\nJoint statement of the Ministers\n\n"
PARAGRAPHS = (
    "Both the Alliance and Russia have contributions to make to European stability "
    "and security. Constructive relations of mutual respect, benefit and friendship "
    "are a key element for security and stability in Europe.",
    "Both the Alliance and Russia welcome the progress already made in their "
    "relations, including within the framework of the NACC, and seek to strengthen "
    "them further.",
    "The signature of Partnership for Peace by Russia opens a further important "
    "opportunity to develop relations through practical cooperation.",
    "The Alliance and Russia agreed to develop an extensive individual Partnership "
    "Programme corresponding to Russia's size, importance and capabilities.",
    "They agreed to pursue a broad, enhanced dialogue and cooperation in areas where "
    "Russia has unique and important contributions to make, through political "
    "consultations, as appropriate, on issues of common concern.",
)
ACTORS = (
    "NATO", "Russia", "Ukraine", "Poland", "Hungary", "Romania", "Estonia", "Latvia",
    "Lithuania", "the European Union", "the United States", "France", "Germany",
)  # fmt: skip
VERBS = (
    "agreed to",
    "decided to",
    "welcomed the decision to",
    "called on all parties to",
)
OBJECTS = (
    "strengthen cooperation in peacekeeping",
    "hold regular consultations on security matters",
    "support the work of the CSCE",
    "implement the Partnership for Peace Framework Document",
    "reduce conventional armed forces in Europe",
    "exchange information on defence planning",
)


def paragraphs(seed: int = 1994) -> Iterator[str]:
    """Endless numbered paragraphs: one of the statement's, then a sentence composed
    from the lists above (seeded)."""
    rng = random.Random(seed)
    number = 0
    while True:
        for text in PARAGRAPHS:
            number += 1
            first, second = rng.sample(ACTORS, 2)
            verb, thing = rng.choice(VERBS), rng.choice(OBJECTS)
            composed = f"{first[0].upper()}{first[1:]} and {second} {verb} {thing}."
            yield f"  {number}. {text} {composed}\n\n"


def generate_text(size: int, *, seed: int = 1994) -> str:
    """An ASCII document of exactly ``size`` bytes (deterministic for a given seed)."""
    if size < 1:
        raise ValueError("size must be at least one byte")
    parts = [HEADER[:size]]
    left = size - len(parts[0])
    for paragraph in paragraphs(seed):
        if left <= 0:
            break
        if len(paragraph) > left:
            paragraph = paragraph[: left - 1] + "\n"  # the last one, cut to fit
        parts.append(paragraph)
        left -= len(paragraph)
    return "".join(parts)


def measure(
    document: Path, work: Path, *, limit_mb: float | None = None
) -> tuple[bench.Measurement, bench.BuildCounts | None]:
    """Build ``document`` alone in a subprocess: wall time, peak memory, counts (None
    when the build was stopped for holding more than ``limit_mb``)."""
    command = [*bench.diplograph(), "build", str(document), "-o", str(work / "out")]
    command += ["-q", "--no-page", "--no-cache"]
    limit = None if limit_mb is None else round(limit_mb * bench.MB)
    result = bench.run_measured(command, cwd=work, limit_bytes=limit)
    if result.over_limit:
        return result, None
    bench.checked(result, command)
    return result, bench.parse_build_output(result.stdout)


def report(
    size: int, result: bench.Measurement, counts: bench.BuildCounts | None
) -> str:
    """The Markdown block: one row, what it measured, the machine."""
    mb = size / bench.MB
    if counts is None:  # stopped at the memory limit
        cells = ["-", "-", f"> {bench.number(result.peak_mb)} (stopped)"]
    else:
        rate = bench.number(mb / result.seconds)
        cells = [rate, f"{counts.triples:,}", bench.number(result.peak_mb)]
    row = [f"{bench.number(mb)} MB", bench.number(result.seconds), *cells]
    return "\n".join([
        "| document | seconds | MB/s | triples | peak memory (MB) |",
        "|---|--:|--:|--:|--:|",
        "| " + " | ".join(row) + " |",
        "",
        f"`python scripts/peak_memory.py --mb {mb:g}`: one generated "
        "plain-text document, `diplograph build FILE -q --no-page --no-cache`; peak "
        "memory is RSS summed over the process tree, sampled every 50 ms. "
        f"Machine: {bench.machine()}.",
    ])  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    add = parser.add_argument
    add("--mb", type=float, default=50.0, help="Size of the document (default: 50).")
    add("--max-mb", type=float, help="Stop the build once it holds more memory (MB).")
    add("--keep", type=Path, help="Also keep the generated document here.")
    add("--write-readme", action="store_true", help="Write the report into README.md.")
    args = parser.parse_args(argv)
    size = round(args.mb * bench.MB)
    if size < 1:
        parser.error("--mb must be positive")
    with tempfile.TemporaryDirectory(prefix="diplograph-peak-") as tmp:
        work = Path(tmp)
        document = work / "large-communique.txt"
        document.write_text(generate_text(size), encoding="ascii")
        if args.keep:
            args.keep.write_bytes(document.read_bytes())
        bench.log(f"building {document.name}, {size / bench.MB:.2f} MB")
        result, counts = measure(document, work, limit_mb=args.max_mb)
    seconds, peak = result.seconds, result.peak_mb
    if counts is None:
        bench.log(f"stopped after {seconds:.2f} s: over {args.max_mb:g} MB")
    else:
        bench.log(f"{seconds:.2f} s, peak {peak:.0f} MB, {counts.triples} triples")
    text = report(size, result, counts)
    print(text)
    if args.write_readme:
        bench.write_readme_block("peak-memory", text)
        bench.log("README.md: the peak-memory block is written")
    return 0 if counts is not None else 1


if __name__ == "__main__":
    sys.exit(main())
