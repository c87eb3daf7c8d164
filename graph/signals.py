"""Stopping a build cleanly on SIGINT or SIGTERM.

The handler raises :class:`Interrupted` at once, and also remembers the signal: an
exception raised while Python runs a destructor or a callback is printed and dropped, so
the build checks :func:`check` after every document and before it replaces any output.
"""

from __future__ import annotations


class Interrupted(BaseException):
    """A SIGINT or SIGTERM during a build (a BaseException, so no library code swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_received: list[int] = []


def reset() -> None:
    """Forget signals received before this build."""
    _received.clear()


def request_stop(signum: int) -> None:
    """Record ``signum`` and stop (called by the signal handler)."""
    _received.append(signum)
    raise Interrupted(signum)


def check() -> None:
    """Stop if a signal arrived and its exception was lost."""
    if _received:
        raise Interrupted(_received[0])
