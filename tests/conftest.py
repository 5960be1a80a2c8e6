"""Shared fixtures. Qt runs offscreen unless told otherwise (without a display pytest-qt aborts).

The PostgreSQL fixtures (pg_server, pg_database, pg_login_role) live in tests/pg_server.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from db import Workspace  # noqa: E402

pytest_plugins = ["pg_server"]

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@dataclass
class EngineUnderTest:
    """A new, empty workspace on one engine: `name` "sqlite" (a file) or "postgresql" (a desk).

    `open(user)` opens it as `user`: on a desk that is a login role of its own with the editor
    role (the server's session user is the workspace's user), on SQLite the same file for everyone.
    `location(user)` is what `-w` takes for that user.
    """

    name: str
    location: Callable[[str], str]

    def open(self, user: str = "tester", **kwargs: object) -> Workspace:
        return Workspace.open(self.location(user), user=user, **kwargs)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> EngineUnderTest:
    """Each store or CLI test taking it runs on both engines (issue 12 item 8)."""
    if request.param == "sqlite":
        path = str(tmp_path / "engine-ws.db")  # not `ws_path`: a test may hold both
        return EngineUnderTest("sqlite", lambda user: path)
    from db.desk import grant_role, init_desk

    url = request.getfixturevalue("pg_database")
    make_login = request.getfixturevalue("pg_login_role")
    init_desk(url)
    logins: dict[str, str] = {}

    def location(user: str) -> str:
        if user not in logins:
            logins[user] = make_login(user)
            grant_role(url, user, "editor")
        return logins[user]

    return EngineUnderTest("postgresql", location)


@pytest.fixture
def any_ws(engine: EngineUnderTest) -> Workspace:
    """A new workspace on each engine, opened by "tester"."""
    ws = engine.open("tester")
    yield ws
    ws.close()


@pytest.fixture
def seed_any(engine: EngineUnderTest) -> Workspace:
    """`seed_ws` on each engine: the seed article (id 1), without proposals, opened by "tester"."""
    from db.flows.importing import import_paths

    ws = engine.open("tester")
    import_paths(ws, [SEED])
    yield ws
    ws.close()


@pytest.fixture
def fresh_ws() -> Workspace:
    ws = Workspace.memory()
    yield ws
    ws.close()


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    return tmp_path / "ws.db"


@pytest.fixture
def seed_ws(ws_path: Path) -> Workspace:
    """A workspace file holding the seed article (id 1), without proposals."""
    from db.flows.importing import import_paths

    ws = Workspace.open(ws_path)
    import_paths(ws, [SEED])
    yield ws
    ws.close()
