"""Running :func:`graph.work.process` over many documents: in this process, or in a pool.

Results always come back in the order of the inputs, so what is written does not depend
on how many processes ran or which finished first. At most a few documents per worker
are in flight, so memory follows the largest documents, not the number of documents.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from graph.inputs import InputFile, SkippedInput
from graph.work import Outcome, Settings, process, worker

if TYPE_CHECKING:
    from graph.metadata import MetadataRow

IN_FLIGHT_PER_WORKER = 4
"""Documents handed to each worker ahead of the one the writer waits for."""


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start_worker(settings: Settings) -> None:
    """In each pool process: leave Ctrl-C to the main process (it stops the pool) and load
    the extractor before the first document."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    worker(settings)


def _context() -> Any:
    # fork: workers start at once and share the loaded modules; elsewhere the platform's default.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


Task = tuple[InputFile, "MetadataRow | None"]
"""A file to build and its metadata row."""


class Outcomes(Protocol):
    """The outcomes of tasks, in order; ``close`` stops whatever still computes them."""

    def __iter__(self) -> Iterator[Outcome]: ...

    def __next__(self) -> Outcome: ...

    def close(self) -> None: ...


def run(
    tasks: Sequence[Task], settings: Settings, *, jobs: int = 1, spill: str | None = None, alone: bool = True
) -> Outcomes:
    """The outcome of every task, in order; ``jobs`` processes (one: in this process).
    Large graphs are serialised into files in the folder ``spill``.

    With two or more tasks and ``jobs`` above one, the pool starts at once, before the
    first outcome is asked for. A single task runs in this process when it is ``alone``
    (the build has one document); in a larger build (``alone=False``: the others come
    from the cache) it gets a worker of its own, which loads the extractor while this
    process reads the cached outcomes."""
    if jobs <= 1 or len(tasks) < 2 and alone or not tasks:
        return (process(item, settings, row, None, spill) for item, row in tasks)
    return _Pooled(tasks, settings, min(jobs, len(tasks)), spill)


class _Pooled:
    """The outcomes of tasks computed by a pool of worker processes, in order. The pool
    starts when this is made; it is stopped when the outcomes run out or on :meth:`close`."""

    def __init__(self, tasks: Sequence[Task], settings: Settings, workers: int, spill: str | None) -> None:
        self._pool = _context().Pool(workers, initializer=_start_worker, initargs=(settings,))
        self._outcomes = _in_order(
            tasks, lambda task: self._pool.apply_async(process, (task[0], settings, task[1], None, spill)),
            lambda pending: pending.get(), workers * IN_FLIGHT_PER_WORKER,
        )

    def __iter__(self) -> _Pooled:
        return self

    def __next__(self) -> Outcome:
        try:
            return next(self._outcomes)
        except StopIteration:
            self._pool.close()
            self._pool.join()
            raise
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stop the workers (those still running are killed)."""
        self._pool.terminate()


def _in_order(
    tasks: Sequence[Task], submit: Callable[[Task], Any], result: Callable[[Any], Outcome], window: int
) -> Iterator[Outcome]:
    """Submit ``tasks`` keeping at most ``window`` in flight, and give their results in order."""
    waiting: deque[Any] = deque()
    upcoming = iter(tasks)
    for task in upcoming:
        waiting.append(submit(task))
        if len(waiting) >= window:
            break
    while waiting:
        outcome = result(waiting.popleft())
        following = next(upcoming, None)
        if following is not None:
            waiting.append(submit(following))
        yield outcome


def run_on_dask(tasks: Sequence[Task], settings: Settings, address: str) -> Generator[Outcome, None, None]:
    """The outcome of every task, in order, computed as tasks on the Dask cluster at ``address``.

    Files are read here and their bytes travel with the tasks, so the workers need the
    same diplograph installed but not the files. At most a few tasks per worker thread
    are in flight.
    """
    from graph.errors import DiplographError, InputError, UsageError
    from graph.reader import load_bytes

    try:
        from distributed import Client
    except ImportError as exc:
        raise UsageError("build --dask needs dask.distributed: pip install 'diplograph[dask]'") from exc
    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DiplographError(f"{address}: no Dask scheduler answers there ({exc})") from exc
    try:
        threads = sum(client.nthreads().values()) or 1

        def submit(task: Task) -> Any:
            item, row = task
            try:
                data = load_bytes(item.path)
            except InputError as exc:
                return SkippedInput(str(item.path), exc.reason)  # unreadable here: no task
            return client.submit(process, item, settings, row, data, pure=False)

        def result(pending: Any) -> Outcome:
            if isinstance(pending, SkippedInput):
                return pending
            outcome: Outcome = pending.result()
            pending.release()
            return outcome

        yield from _in_order(tasks, submit, result, threads * IN_FLIGHT_PER_WORKER)
    finally:
        client.close()
