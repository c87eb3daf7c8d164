"""Progress of a build on stderr: a bar on a terminal, plain lines otherwise, or nothing."""

from __future__ import annotations

import sys
import time
from typing import Any, Literal, TextIO

Mode = Literal["bar", "lines", "quiet"]

LINE_EVERY = 10.0
"""Seconds between two plain progress lines."""


def default_mode(stream: TextIO = sys.stderr) -> Mode:
    """A bar when ``stream`` is a terminal, plain lines when it is a file or a pipe."""
    return "bar" if stream.isatty() else "lines"


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    """Counts documents as they are done (built, skipped or read from the cache)."""

    def __init__(
        self, total: int, mode: Mode = "quiet", *, stream: TextIO = sys.stderr, every: float = LINE_EVERY,
        clock: Any = time.monotonic,
    ) -> None:
        self.total = total
        self.mode = mode
        self.stream = stream
        self.every = every
        self.clock = clock
        self.done = 0
        self.started = clock()
        self.last_line = self.started
        self._bar: Any = None
        if mode == "bar" and total:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", file=stream, dynamic_ncols=True, leave=False, desc="diplograph")

    def update(self) -> None:
        """One more document is done."""
        self.done += 1
        if self._bar is not None:
            self._bar.update(1)
        elif self.mode == "lines":
            now = self.clock()
            if now - self.last_line >= self.every and self.done < self.total:
                self.last_line = now
                self.stream.write(self.line(now) + "\n")
                self.stream.flush()

    def line(self, now: float) -> str:
        """Like ``diplograph: 20/120 documents (17%), 2.0 documents/s, about 50 s left``."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        share = self.done / self.total if self.total else 1.0
        left = f", about {_duration((self.total - self.done) / rate)} left" if rate > 0 else ""
        return f"diplograph: {self.done}/{self.total} documents ({share:.0%}), {rate:.1f} documents/s{left}"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
