"""Smoke tests of the throwaway PostgreSQL server (tests/pg_server.py): a real server, no mocks."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pg_server as pg
import psycopg
import pytest

TESTS = Path(__file__).resolve().parent


def test_database_has_contrib_and_english_full_text_search(pg_database: str) -> None:
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION pg_trgm")
        conn.execute("CREATE EXTENSION unaccent")
        conn.execute("CREATE TABLE sentence (id int PRIMARY KEY, body text NOT NULL)")
        conn.execute(
            "INSERT INTO sentence VALUES (1, 'About 3,000 troops were deployed to the région'), "
            "(2, 'The minister denied the report')"
        )
        hits = conn.execute(
            "SELECT id FROM sentence WHERE to_tsvector('english', unaccent(body)) @@ plainto_tsquery('english', %s)",
            ("troops withdrawn from the region",),
        ).fetchall()
        assert hits == []  # plainto_tsquery ANDs the words, and 'withdrawn' is in neither sentence
        hits = conn.execute(
            "SELECT id FROM sentence WHERE to_tsvector('english', unaccent(body)) @@ plainto_tsquery('english', %s)",
            ("troop deployed region",),
        ).fetchall()
        assert hits == [(1,)]  # stemming (troops/troop) and unaccent (région/region)
        (sim,) = conn.execute(
            "SELECT similarity('minister denied', 'The minister denied the report')"
        ).fetchone()
        assert sim > 0.3
        assert conn.execute("SELECT current_database(), current_user").fetchone() == (
            conn.info.dbname,
            "postgres",
        )


def test_each_test_gets_a_fresh_empty_database(pg_database: str) -> None:
    with psycopg.connect(pg_database) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
        extensions = conn.execute("SELECT array_agg(extname) FROM pg_extension").fetchone()
    assert tables == (0,)
    assert extensions == (["plpgsql"],)


def test_login_role_connects_with_the_same_url(pg_database: str, pg_login_role) -> None:
    anna_url = pg_login_role("anna")
    with psycopg.connect(anna_url) as conn:
        assert conn.execute("SELECT session_user, current_database()").fetchone() == (
            "anna",
            psycopg.conninfo.conninfo_to_dict(pg_database)["dbname"],
        )
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = 'anna'").fetchone() == (False,)
    # The same URL with user= overriding the superuser.
    with psycopg.connect(pg_database, user="anna") as conn:
        assert conn.execute("SELECT session_user").fetchone() == ("anna",)


def test_roles_made_by_a_test_are_dropped_after_it(pg_server: pg.PgServer, pg_database: str) -> None:
    # The previous test made 'anna'; roles are server-wide, so pg_database must have dropped her.
    assert "anna" not in pg_server.role_names()


def test_server_listens_on_its_private_socket_only(pg_server: pg.PgServer, pg_database: str) -> None:
    with psycopg.connect(pg_database) as conn:
        assert conn.execute("SHOW listen_addresses").fetchone() == ("",)
        assert conn.execute("SHOW unix_socket_directories").fetchone() == (str(pg_server.socket_dir),)
        assert conn.execute("SHOW fsync").fetchone() == ("off",)
        assert conn.info.host == str(pg_server.socket_dir)
    assert (pg_server.socket_dir / f".s.PGSQL.{pg.PORT}").exists()


def _run_pytest_with(env_update: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run an inner pytest session whose single test needs pg_server, under a changed environment."""
    test = tmp_path / "test_inner.py"
    test.write_text(
        textwrap.dedent(
            """
            def test_needs_server(pg_database):
                pass
            """
        )
    )
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["pg_server"]\n')
    # Only pg_server is needed: no pytest-qt or hypothesis plugin start-up.
    path = os.pathsep.join(p for p in (str(TESTS), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, **env_update, "PYTHONPATH": path, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(test)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )


def test_missing_server_skips_with_the_apt_line(tmp_path: Path) -> None:
    env = {pg.ENV_BINDIR: str(tmp_path / "no-such-bin"), pg.ENV_REQUIRE: "0"}
    done = _run_pytest_with(env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout
    assert "sudo apt-get install -y postgresql" in done.stdout
    assert str(tmp_path / "no-such-bin") in done.stdout


def test_missing_server_fails_when_required(tmp_path: Path) -> None:
    env = {pg.ENV_BINDIR: str(tmp_path / "no-such-bin"), pg.ENV_REQUIRE: "1"}
    done = _run_pytest_with(env, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 error" in done.stdout
    assert f"{pg.ENV_REQUIRE} is set" in done.stdout
    assert "sudo apt-get install -y postgresql" in done.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="checks that the root path runs the server as 'postgres'")
def test_as_root_the_server_runs_as_postgres(pg_server: pg.PgServer, pg_database: str) -> None:
    assert pg_server.run_as[-3:] == ["-u", "postgres", "--"]
    assert pg_server.data_dir.stat().st_uid == pg.pwd.getpwnam("postgres").pw_uid
