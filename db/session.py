"""What every store stands on: the engine (connection, transactions, errors), who acts, the clock.

The stores take a `Session`, never the `Workspace`: the workspace builds the session and the
stores and wires them together (db/workspace.py), so nothing in `db/stores/` imports it back.
Every public store method, query and flow raises `db.errors`, never a driver's exception: the
`storage_errors` decorator (for functions and methods whose first argument has a `session`) and
the `translates_errors` class decorator (for every public method of a store) see to it.
"""

from __future__ import annotations

import contextlib
import functools
import types
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from db.clock import SYSTEM_CLOCK, Clock, iso
from db.engines import Connection, Engine
from db.errors import NotPermitted, ReadOnlyWorkspace

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C", bound=type)


@dataclass(frozen=True, slots=True)
class Session:
    """One connection to a workspace, the person acting through it, and the clock.

    Attributes:
        engine: the database engine holding the connection (db/engines/).
        user: who is making changes: the audit log's "who".
        clock: where timestamps come from.
    """

    engine: Engine
    user: str
    clock: Clock = SYSTEM_CLOCK

    @property
    def db(self) -> Connection:
        """The engine's connection: the stores' SQL runs through it (db/engines/__init__.py)."""
        return self.engine.db

    @property
    def read_only(self) -> bool:
        return self.engine.read_only

    def writable(self) -> None:
        """Raise ReadOnlyWorkspace when nothing may be written through this session."""
        if self.engine.read_only:
            raise ReadOnlyWorkspace(f"{self.engine.location} is open read-only")

    def atomic(self) -> AbstractContextManager[Any]:
        """One transaction (a savepoint inside another) that takes the write lock up front."""
        return self.engine.atomic()

    @contextlib.contextmanager
    def acting(self, doing: str, needs: str) -> Iterator[None]:
        """What the user is doing, for the one line a refusal by the server reads as ("anna is a
        checker: signing off needs the editor role"). Only a desk refuses by role (db/engines/pg_schema.py)."""
        try:
            yield
        except Exception as exc:
            error = self.engine.translate(exc) if isinstance(exc, self.engine.driver_errors) else exc
            if isinstance(error, NotPermitted):
                raise NotPermitted(self.refusal(doing, needs)) from exc
            raise

    def refusal(self, doing: str, needs: str) -> str:
        role = getattr(self.engine, "role", "")
        who = f"{self.user} is {_a(role)} {role}" if role else f"{self.user} has no desk role"
        return f"{who}: {doing} needs the {needs} role"

    def now(self, timespec: str = "seconds") -> str:
        """The session clock's time, ISO 8601 in UTC."""
        return iso(self.clock, timespec)


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def acts(doing: str, needs: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Method decorator: a refusal by the desk's server says what the store method was doing
    (`Session.acting`); the store has a `session`."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with args[0].session.acting(doing, needs):  # type: ignore[attr-defined]
                return fn(*args, **kwargs)

        return wrapper

    return decorate


def storage_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Raise the engine's errors as db.errors; the first argument has a `session` (a store, a workspace)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            engine = args[0].session.engine  # type: ignore[attr-defined]
            if isinstance(exc, engine.driver_errors):
                raise engine.translate(exc) from exc
            raise

    return wrapper


def translates_errors(cls: C) -> C:
    """Class decorator: every public method of the store raises db.errors, never a driver's error."""
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and isinstance(member, types.FunctionType):
            setattr(cls, name, storage_errors(member))
    return cls
