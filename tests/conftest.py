"""Shared fixtures. Qt runs offscreen unless told otherwise (without a display pytest-qt aborts).

The PostgreSQL fixtures (pg_server, pg_database, pg_login_role) live in tests/pg_server.py.
"""

from __future__ import annotations

import os
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
