"""The PostgreSQL engine (db/engines/postgres.py) against the throwaway server: no mocks."""

from __future__ import annotations

import pytest

from db.engines.postgres import PostgresEngine, is_desk_url, public_location, to_pyformat
from db.errors import NotAWorkspace, NotPermitted, ReadOnlyWorkspace, UnstorableValue


@pytest.mark.parametrize(
    ("name", "desk"),
    [
        ("postgresql://anna@db.example/desk", True),
        ("postgresql:///desk?service=newsroom", True),
        ("POSTGRES://x/y", True),
        ("workspace/seed.db", False),
        ("postgresql.db", False),
    ],
)
def test_desk_urls_are_told_from_files(name: str, desk: bool) -> None:
    assert is_desk_url(name) is desk


def test_location_never_shows_a_password() -> None:
    shown = public_location("postgresql://anna:s3cret@db.example:5433/desk?sslmode=verify-full")
    assert "s3cret" not in shown
    assert "user=anna" in shown and "sslmode=verify-full" in shown


def test_placeholders_outside_literals_become_pyformat() -> None:
    statement = "SELECT '?', \"a?\", x % 2 FROM t WHERE a = ? -- why?\n AND b = ?"
    assert to_pyformat(statement) == "SELECT '?', \"a?\", x %% 2 FROM t WHERE a = %s -- why?\n AND b = %s"
    assert to_pyformat("SELECT 1 WHERE v LIKE 'a%' AND w = ?") == "SELECT 1 WHERE v LIKE 'a%%' AND w = %s"


def test_a_percent_in_a_literal_survives_a_query_with_parameters(pg_database: str) -> None:
    engine = PostgresEngine.connect(pg_database)
    try:
        row = engine.db.execute("SELECT 'a%' LIKE 'a%', ?::int", [7]).fetchone()
        assert tuple(row) == (True, 7)
    finally:
        engine.close()


def test_rows_commit_and_roll_back_with_ids_returned(pg_database: str) -> None:
    engine = PostgresEngine.connect(pg_database)
    db = engine.db
    db.execute(
        "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text CHECK (v <> 'bad'))"
    )
    with engine.atomic():
        first = db.insert_returning_id("t", {"v": "one"})
    with pytest.raises(RuntimeError), engine.atomic():
        db.insert_returning_id("t", {"v": "lost"})
        raise RuntimeError("undone")
    with engine.atomic():
        db.executemany("INSERT INTO t (v) VALUES (?)", [("two",), ("three",)])
    assert [r["v"] for r in db.query("SELECT v FROM t WHERE id >= ? ORDER BY id", (first,))] == [
        "one",
        "two",
        "three",
    ]
    with pytest.raises(Exception) as caught:
        db.execute("INSERT INTO t (v) VALUES (?)", ("bad",))
    assert isinstance(engine.translate(caught.value), UnstorableValue)
    assert engine.session_user() == "postgres"
    engine.close()


def test_a_login_role_without_grants_is_refused_clearly(pg_database: str, pg_login_role) -> None:
    owner = PostgresEngine.connect(pg_database)
    owner.db.execute("CREATE TABLE audit (who text)")
    anna = PostgresEngine.connect(pg_login_role("anna"))
    assert anna.session_user() == "anna"
    with pytest.raises(Exception) as caught:
        anna.db.execute("INSERT INTO audit VALUES (?)", ("anna",))
    refused = anna.translate(caught.value)
    assert isinstance(refused, NotPermitted) and "audit" in str(refused)
    anna.close()
    owner.close()


def test_read_only_session_is_refused_by_the_server(pg_database: str) -> None:
    PostgresEngine.connect(pg_database).db.execute("CREATE TABLE t (v text)")
    reader = PostgresEngine.connect(pg_database, read_only=True)
    with pytest.raises(Exception) as caught, reader.atomic():
        reader.db.execute("INSERT INTO t VALUES (?)", ("x",))
    assert isinstance(reader.translate(caught.value), ReadOnlyWorkspace)
    reader.close()


def test_server_down_is_one_clear_error(tmp_path) -> None:
    with pytest.raises(NotAWorkspace, match="cannot reach the desk"):
        PostgresEngine.connect(f"postgresql://nobody@/desk?host={tmp_path}&connect_timeout=2")
