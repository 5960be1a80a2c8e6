"""A throwaway PostgreSQL server for the desk tests (issue 12, item 8).

Loaded as a pytest plugin by tests/conftest.py. Fixtures:

- ``pg_server`` (session): a ``PgServer`` started once per test session with ``initdb`` + ``pg_ctl`` in a
  temporary folder, listening on a Unix socket in that folder only (no TCP), ``trust`` authentication,
  durability switched off for speed. As root it runs as the ``postgres`` system user through
  ``runuser -u postgres --`` (``initdb`` refuses root); otherwise as the current user. Stopped
  (``pg_ctl -m fast stop``) and the folder removed at session end, also when tests fail.
- ``pg_database`` (function): the URL (str) of a new empty database, superuser ``postgres``; dropped after
  the test, together with every role the test created (roles belong to the whole server).
- ``pg_login_role`` (function): ``make(name, *, superuser=False, in_roles=()) -> str`` creates a LOGIN role
  and returns the URL of the test's database as that user.

When no server can be started the fixtures skip with the reason and the apt line; with
``WORKBENCH_REQUIRE_PG=1`` (set by .ci/run) they fail instead. ``WORKBENCH_PG_BINDIR`` names the folder
holding ``initdb`` and ``pg_ctl`` when the usual lookup (``pg_config --bindir``, /usr/lib/postgresql/*/bin,
PATH) is not wanted; ``WORKBENCH_PG_TMPDIR`` where the server's folder goes (default /dev/shm when it is a
tmpfs with 1 GiB free, else the temp folder).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

APT_LINE = "sudo apt-get update && sudo apt-get install -y postgresql"
ENV_BINDIR = "WORKBENCH_PG_BINDIR"
ENV_REQUIRE = "WORKBENCH_REQUIRE_PG"
ENV_TMPDIR = "WORKBENCH_PG_TMPDIR"
SUPERUSER = "postgres"
PORT = 5432  # only names the socket file (.s.PGSQL.5432) in our private folder: no TCP, no clash
DIR_PREFIX = "workbench-pg-"
# sun_path holds 107 bytes; the server also makes "<dir>/.s.PGSQL.5432.lock".
_MAX_SOCKET_DIR = 107 - len("/.s.PGSQL.5432.lock")
_MIN_SHM_FREE = 1 << 30

SERVER_SETTINGS = {
    "listen_addresses": "''",  # Unix socket only
    "port": str(PORT),
    # Throwaway data: durability off for speed.
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "logging_collector": "off",
    "timezone": "'UTC'",
}


class PgUnavailable(Exception):
    """No server could be started here; the message says why and what to install."""


def require_pg() -> bool:
    return os.environ.get(ENV_REQUIRE, "").strip().lower() in {"1", "true", "yes", "on"}


def _server_env() -> dict[str, str]:
    # PGDATA, PGPORT, PGOPTIONS... of the caller must not steer the throwaway server.
    return {k: v for k, v in os.environ.items() if not k.startswith("PG")}


def _is_server_bindir(folder: Path) -> bool:
    return all(os.access(folder / exe, os.X_OK) for exe in ("initdb", "pg_ctl", "postgres"))


def find_bindir() -> Path:
    """The folder holding initdb, pg_ctl and postgres; raises PgUnavailable naming where it looked."""
    override = os.environ.get(ENV_BINDIR)
    if override is not None:
        if _is_server_bindir(Path(override)):
            return Path(override)
        raise PgUnavailable(
            f"{ENV_BINDIR}={override} holds no PostgreSQL server (initdb, pg_ctl, postgres). "
            f"Unset it, or install the server: {APT_LINE}"
        )
    looked: list[str] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
            if out:
                looked.append(out)
                if _is_server_bindir(Path(out)):
                    return Path(out)

    def version_key(p: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", p.parent.name)) or (0,)

    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version_key, reverse=True):
        looked.append(str(folder))
        if _is_server_bindir(folder):
            return folder
    initdb = shutil.which("initdb")
    if initdb and _is_server_bindir(Path(initdb).parent):
        return Path(initdb).parent
    looked.append("PATH")
    raise PgUnavailable(
        f"no PostgreSQL server binaries (initdb, pg_ctl) found (looked in: {', '.join(looked)}). "
        f"Install them with: {APT_LINE}"
    )


def _run_as() -> list[str]:
    """The prefix that runs a server command as an unprivileged user: runuser as root, nothing otherwise."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise PgUnavailable(
            f"running as root, initdb refuses root, and there is no '{SUPERUSER}' system user to run it "
            f"as (the Debian package creates it): {APT_LINE}"
        ) from None
    runuser = shutil.which("runuser") or (
        "/usr/sbin/runuser" if os.access("/usr/sbin/runuser", os.X_OK) else None
    )
    if runuser is None:
        raise PgUnavailable("running as root and runuser (util-linux) is missing: cannot drop to 'postgres'")
    return [runuser, "-u", SUPERUSER, "--"]


def _base_folder() -> Path:
    """Where the server's folder goes: $WORKBENCH_PG_TMPDIR, else /dev/shm when it is a roomy tmpfs, else TMPDIR.

    On this machine's disk CREATE DATABASE takes ~300 ms and initdb ~2 s; on tmpfs ~15 ms and ~1 s.
    """
    override = os.environ.get(ENV_TMPDIR)
    if override:
        return Path(override)
    shm = Path("/dev/shm")
    with contextlib.suppress(OSError):
        st = os.statvfs(shm)
        if os.access(shm, os.W_OK | os.X_OK) and st.f_bavail * st.f_frsize >= _MIN_SHM_FREE:
            return shm
    tmp = Path(tempfile.gettempdir())
    if len(os.fsencode(str(tmp))) + len(DIR_PREFIX) + 10 > _MAX_SOCKET_DIR:
        tmp = Path("/tmp")  # the socket path must fit in sun_path
    return tmp


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reap_stale(base: Path, bindir: Path, run_as: Sequence[str]) -> None:
    """Stop servers left by test sessions that died without teardown (SIGKILL); never touches live ones."""
    for folder in base.glob(DIR_PREFIX + "*"):
        try:
            owner = int((folder / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        if _pid_alive(owner):
            continue
        if (folder / "data" / "postmaster.pid").exists():
            subprocess.run(
                [
                    *run_as,
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(folder / "data"),
                    "-m",
                    "immediate",
                    "-s",
                    "stop",
                ],
                capture_output=True,
                timeout=30,
                cwd="/",
                env=_server_env(),
            )
        shutil.rmtree(folder, ignore_errors=True)


def _tail(path: Path, lines: int = 8) -> str:
    try:
        return " | ".join(path.read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


def _quote_setting(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass
class PgServer:
    """A running throwaway server. ``url`` is the superuser's URL to the ``postgres`` database."""

    bindir: Path
    base: Path  # the temporary folder: data/, server.log, and the socket
    run_as: list[str]
    version: str = ""
    version_num: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    _created_dbs: int = 0
    _stopped: bool = False
    _admin: Any = None  # one autocommit superuser connection to 'postgres' for the fixtures' DDL

    @property
    def socket_dir(self) -> Path:
        return self.base

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    @property
    def log_path(self) -> Path:
        return self.base / "server.log"

    @property
    def url(self) -> str:
        return self.url_for(SUPERUSER)

    def url_for(self, dbname: str, user: str = SUPERUSER) -> str:
        """``postgresql://USER@/DBNAME?host=SOCKET_DIR&port=5432`` (port given so PGPORT cannot redirect it)."""
        return (
            f"postgresql://{quote(user, safe='')}@/{quote(dbname, safe='')}"
            f"?host={quote(str(self.socket_dir), safe='/')}&port={PORT}"
        )

    # -- life cycle --------------------------------------------------------------------------------

    def _pg(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.run_as, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=str(self.base),  # a folder the server user can enter (runuser keeps the cwd)
            env=_server_env(),
        )

    def start(self) -> None:
        t0 = time.perf_counter()
        initdb = [str(self.bindir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER, "-A", "trust"]
        initdb += ["-E", "UTF8", "--no-sync"]
        initdb += ["--locale=C.UTF-8"] if sys.platform.startswith("linux") else ["--no-locale"]
        done = self._pg(*initdb)
        if done.returncode != 0:
            output = " | ".join((done.stderr or done.stdout).strip().splitlines())  # one line in pytest -rs
            hint = (
                f"; set {ENV_TMPDIR} to a folder it can enter and write"
                if "ermission denied" in output
                else ""
            )
            raise PgUnavailable(
                f"initdb failed (as {'postgres via runuser' if self.run_as else pwd.getpwuid(os.getuid()).pw_name}"
                f", in {self.base}): {output[-600:]}{hint}"
            )
        settings = dict(SERVER_SETTINGS, unix_socket_directories=_quote_setting(str(self.socket_dir)))
        with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# tests/pg_server.py: throwaway test server\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        t1 = time.perf_counter()
        done = self._pg(
            str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_path), "-w", "-t", "60",
            "-s", "start",
        )  # fmt: skip
        if done.returncode != 0:
            raise PgUnavailable(
                f"pg_ctl start failed: {' | '.join((done.stderr or done.stdout).strip().splitlines())[-300:]}; "
                f"server log: {_tail(self.log_path)}"
            )
        t2 = time.perf_counter()
        self.timings.update(initdb=t1 - t0, start=t2 - t1)
        row = self.admin().execute(
            "SELECT current_setting('server_version'), current_setting('server_version_num')"
        )
        self.version, num = row.fetchone()
        self.version_num = int(num)

    def stop(self) -> None:
        """Stop the server (fast, then immediate) and remove the folder. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
        t0 = time.perf_counter()
        try:
            if (self.data_dir / "postmaster.pid").exists():
                pg_ctl = str(self.bindir / "pg_ctl")
                done = self._pg(
                    pg_ctl, "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "30", "-s", "stop"
                )
                if done.returncode != 0:
                    self._pg(pg_ctl, "-D", str(self.data_dir), "-m", "immediate", "-w", "-s", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
            self.timings["stop"] = time.perf_counter() - t0

    # -- databases and roles -----------------------------------------------------------------------

    def connect(self, dbname: str = "postgres", user: str = SUPERUSER):
        """A new autocommit connection (close it: ``with server.connect(...) as conn``)."""
        import psycopg

        return psycopg.connect(self.url_for(dbname, user), autocommit=True)

    def admin(self):
        """The server's own superuser connection to ``postgres`` (kept open; do not close it)."""
        if self._admin is None or self._admin.closed:
            self._admin = self.connect()
        return self._admin

    def create_database(self, hint: str = "") -> str:
        """Create a new empty database (from template0) and return its name."""
        self._created_dbs += 1
        slug = re.sub(r"[^a-z0-9]+", "_", hint.lower()).strip("_")
        name = f"wb{self._created_dbs:04d}_{slug}"[:63].rstrip("_")
        from psycopg import sql

        # FILE_COPY (PostgreSQL 15+; older servers only copy files) beats WAL_LOG for a small template.
        strategy = " STRATEGY FILE_COPY" if self.version_num >= 150000 else ""
        self.admin().execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0" + strategy).format(sql.Identifier(name))
        )
        return name

    def drop_database(self, name: str) -> None:
        from psycopg import sql

        self.admin().execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def role_names(self) -> set[str]:
        return {r[0] for r in self.admin().execute("SELECT rolname FROM pg_roles")}

    def create_role(
        self, name: str, *, login: bool = True, superuser: bool = False, in_roles: Sequence[str] = ()
    ) -> str:
        """CREATE ROLE name [LOGIN] [SUPERUSER] [IN ROLE ...]; returns the name."""
        from psycopg import sql

        parts = [sql.SQL("CREATE ROLE {}").format(sql.Identifier(name))]
        parts.append(sql.SQL("LOGIN" if login else "NOLOGIN"))
        if superuser:
            parts.append(sql.SQL("SUPERUSER"))
        if in_roles:
            parts.append(sql.SQL("IN ROLE {}").format(sql.SQL(", ").join(map(sql.Identifier, in_roles))))
        self.admin().execute(sql.SQL(" ").join(parts))
        return name

    def drop_roles(self, names: Sequence[str], dbname: str | None = None) -> None:
        """Drop roles; first, in ``dbname``, whatever they own or were granted there (DROP OWNED BY)."""
        from psycopg import sql

        if not names:
            return
        idents = sql.SQL(", ").join(map(sql.Identifier, names))
        if dbname is not None:
            with self.connect(dbname) as conn:
                conn.execute(sql.SQL("DROP OWNED BY {}").format(idents))
        for name in names:
            self.admin().execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


def start_pg_server() -> PgServer:
    """Start a throwaway server or raise PgUnavailable; the caller must call ``stop()``."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise PgUnavailable("psycopg is not installed in this environment: run ./dev setup") from None
    bindir = find_bindir()
    run_as = _run_as()
    tmp = _base_folder()
    _reap_stale(tmp, bindir, run_as)
    try:
        base = Path(tempfile.mkdtemp(prefix=DIR_PREFIX, dir=tmp))
    except OSError as exc:
        raise PgUnavailable(
            f"cannot make the server's folder in {tmp} ({exc.strerror}): set {ENV_TMPDIR} to a writable folder"
        ) from None
    (base / "owner.pid").write_text(str(os.getpid()))
    if run_as:
        entry = pwd.getpwnam(SUPERUSER)
        os.chown(base, entry.pw_uid, entry.pw_gid)
    server = PgServer(bindir=bindir, base=base, run_as=run_as)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    return server


# -- pytest wiring -----------------------------------------------------------------------------------

_started: list[PgServer] = []


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = start_pg_server()
    except (PgUnavailable, OSError, subprocess.SubprocessError) as exc:
        reason = f"PostgreSQL desk tests need a server: {exc}"
        if require_pg():
            pytest.fail(f"{ENV_REQUIRE} is set and {reason}", pytrace=False)
        pytest.skip(reason)
    _started.append(server)
    atexit.register(server.stop)  # in case the session dies before teardown
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def _pg_test_db(pg_server: PgServer, request: pytest.FixtureRequest) -> Iterator[str]:
    roles_before = pg_server.role_names()
    name = pg_server.create_database(request.node.name)
    try:
        yield name
    finally:
        new_roles = sorted(pg_server.role_names() - roles_before)
        try:
            pg_server.drop_roles(new_roles, dbname=name)
        finally:
            pg_server.drop_database(name)


@pytest.fixture
def pg_database(pg_server: PgServer, _pg_test_db: str) -> str:
    """URL of a new empty database (user postgres, a superuser); dropped after the test."""
    return pg_server.url_for(_pg_test_db)


@pytest.fixture
def pg_login_role(pg_server: PgServer, _pg_test_db: str) -> Callable[..., str]:
    """``make(name, *, superuser=False, in_roles=()) -> URL``: a LOGIN role and the test database's URL as it."""

    def make(name: str, *, superuser: bool = False, in_roles: Sequence[str] = ()) -> str:
        pg_server.create_role(name, login=True, superuser=superuser, in_roles=in_roles)
        return pg_server.url_for(_pg_test_db, user=name)

    return make


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "pg: uses the throwaway PostgreSQL server (set on every test needing pg_server)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pg)


def pytest_terminal_summary(terminalreporter) -> None:
    for server in _started:
        t = server.timings
        terminalreporter.write_line(
            f"postgresql {server.version} test server (bin {server.bindir}"
            f"{', as postgres via runuser' if server.run_as else ''}): initdb {t.get('initdb', 0):.2f} s, "
            f"start {t.get('start', 0):.2f} s, stop {t.get('stop', 0):.2f} s"
        )
