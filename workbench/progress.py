"""Long work that says how far it is and can be cancelled (issue 10 items 11 and 12).

A long job (an export of every article, a PDF's layout) takes a `Steps` and calls `step()` at
each point where stopping leaves nothing half-written: before any output is written, between
articles, between pages. `step()` reports progress and raises `Cancelled` once the person asked
to stop. The GUI's workers and the CLI pass their own; `NO_STEPS` reports nothing and never stops.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Report = Callable[[int, int, str], None]  # (done, total, what is being done)


class Cancelled(Exception):
    """The person cancelled the work; it stopped where nothing was half-written."""

    def __init__(self, message: str = "cancelled: nothing was written") -> None:
        super().__init__(message)


def _never() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Steps:
    """Where long work reports to, and how it learns that it should stop."""

    report: Report | None = None
    cancelled: Callable[[], bool] = _never

    def step(self, done: int, total: int, what: str = "") -> None:
        """Report `done` of `total`; raise Cancelled if the person asked to stop."""
        if self.cancelled():
            raise Cancelled()
        if self.report is not None:
            self.report(done, total, what)

    def check(self) -> None:
        """Raise Cancelled if the person asked to stop (reports nothing)."""
        if self.cancelled():
            raise Cancelled()


NO_STEPS = Steps()
