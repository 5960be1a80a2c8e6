"""Where the stores get the time from: one clock per session (a fixed one in tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, timezone-aware."""
        ...


@dataclass(frozen=True, slots=True)
class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class FixedClock:
    """Always the same instant (tests, reproducible fixtures)."""

    at: dt.datetime

    def now(self) -> dt.datetime:
        return self.at


SYSTEM_CLOCK = SystemClock()


def iso(clock: Clock, timespec: str = "seconds") -> str:
    """The clock's time as ISO 8601 in UTC ("2026-11-30T10:42:00+00:00")."""
    return clock.now().astimezone(dt.UTC).isoformat(timespec=timespec)


def local_time(stamp: str) -> str:
    """An ISO 8601 stamp as the reader's local wall-clock time ("10:42"); the date too when not today."""
    try:
        at = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    local = at.astimezone()
    if local.date() == dt.datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")
