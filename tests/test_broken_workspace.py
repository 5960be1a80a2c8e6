"""Broken workspaces: each gets a clear message, and the user's file is never overwritten or deleted."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from db import (
    NewerWorkspace,
    NotAWorkspace,
    ReadOnlyWorkspace,
    Workspace,
    WorkspaceError,
    WorkspaceLocked,
    migrations,
)
from db.flows.importing import import_paths
from db.workspace import APPLICATION_ID, BACKUPS_KEPT

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("workbench: error: ")
    for word in words:
        assert word in lines[0]


def make_workspace(path: Path) -> Path:
    with Workspace.open(path) as ws:
        import_paths(ws, [SEED])
    return path


# --- files that are not workspaces ----------------------------------------------------------------

NOT_WORKSPACES = {
    "notes.txt": b"My notes about the Baghdad story.\n",
    "image.png": b"\x89PNG\r\n\x1a\n" + bytes(200),
    "tiny": b"SQLite",
    "header_only.db": b"SQLite format 3\x00" + bytes(40),
}


@pytest.mark.parametrize("name", sorted(NOT_WORKSPACES))
def test_a_file_that_is_not_a_workspace_is_left_untouched(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(NOT_WORKSPACES[name])
    before = digest(path)
    with pytest.raises(NotAWorkspace) as info:
        Workspace.open(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    assert digest(path) == before
    assert siblings(path) == {name}  # no -wal, -shm or backup folder left beside it


def test_cli_refuses_a_text_file_as_workspace(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("not a database\n", encoding="utf-8")
    before = digest(path)
    result = run_cli("import", str(SEED), "-w", str(path))
    assert_one_line_error(result, "is not a workspace", "left untouched")
    assert digest(path) == before


def test_another_programs_sqlite_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Jane')")
    conn.close()
    before = digest(path)
    with pytest.raises(NotAWorkspace, match="not a workbench workspace"):
        Workspace.open(path)
    assert digest(path) == before


def test_a_folder_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspace, match="is a folder"):
        Workspace.open(tmp_path)


# --- damaged workspaces ---------------------------------------------------------------------------


def corrupt(path: Path) -> None:
    """Overwrite every page after the first with garbage; the SQLite header stays valid.

    (Every page: since migration 6 rebuilds tables, a new workspace has free pages that nothing reads.)
    """
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    assert len(data) >= 4 * page
    data[page:] = (b"\xde\xad\xbe\xef" * (len(data) // 4))[: len(data) - page]
    path.write_bytes(bytes(data))


def test_a_damaged_workspace_gets_a_clear_message_and_keeps_its_backups(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    with Workspace.open(path) as ws:
        (made,) = ws.backups()  # today's, made by this first open of the day
    good = made.with_name(made.name.replace(made.name.split("-")[1], "19991231", 1))  # an older backup
    made.rename(good)
    corrupt(path)
    before = digest(path)
    with pytest.raises(NotAWorkspace) as info:  # found by the daily backup's check
        Workspace.open(path)
    message = str(info.value)
    assert "damaged" in message and "left untouched" in message and ".backups" in message
    assert digest(path) == before
    backups = sorted(p.name for p in (tmp_path / "ws.db.backups").iterdir())
    assert backups == [good.name]  # the damaged copy was not kept, the good one not removed


def test_cli_on_a_damaged_workspace(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    corrupt(path)
    before = digest(path)
    result = run_cli("articles", "-w", str(path))
    assert_one_line_error(result, "damaged")
    assert digest(path) == before


def test_damage_after_todays_backup_is_reported_when_met(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    Workspace.open(path).close()  # today's backup is made
    corrupt(path)
    before = digest(path)
    result = run_cli("show", "1", "-w", str(path))
    assert_one_line_error(result, "damaged", "left untouched", "ws.db.backups")
    assert digest(path) == before


def test_a_restored_backup_opens(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    with Workspace.open(path) as ws:
        good = ws.backup_now("manual")
    corrupt(path)
    shutil.copy(good, tmp_path / "restored.db")
    with Workspace.open(tmp_path / "restored.db") as ws:
        assert ws.articles.count() == 1


# --- newer, read-only ---------------------------------------------------------------------------


def test_a_workspace_from_a_newer_version(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 7}")
    conn.close()
    before, names = digest(path), siblings(path)
    with pytest.raises(NewerWorkspace) as info:
        Workspace.open(path)
    assert "newer version" in str(info.value) and "update the workbench" in str(info.value)
    assert digest(path) == before
    assert siblings(path) == names
    result = run_cli("articles", "-w", str(path))
    assert_one_line_error(result, "newer version")
    assert digest(path) == before


def test_read_only_mode_never_writes(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    before = digest(path)
    with Workspace.open(path, read_only=True) as ws:
        assert ws.articles.count() == 1
        with pytest.raises(ReadOnlyWorkspace):
            ws.claims.add(1, 0, 7)
        with pytest.raises(ReadOnlyWorkspace):
            import_paths(ws, [SEED])
    assert digest(path) == before


def test_a_read_only_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_workspace(tmp_path / "ws.db")
    path.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything: make the permission check answer as for a user

        def no_write(target: object, mode: int) -> bool:
            return not (mode & os.W_OK and Path(target) == path)

        monkeypatch.setattr("db.workspace.os.access", no_write)
    before = digest(path)
    with pytest.raises(ReadOnlyWorkspace) as info:
        Workspace.open(path)
    assert "is read-only (the file cannot be written): make it writable" in str(info.value)
    assert "--read-only" not in str(info.value)  # no flag named: not every command has one
    assert digest(path) == before
    with Workspace.open(path, read_only=True) as ws:  # ...and it can still be read
        assert ws.articles.count() == 1
    assert digest(path) == before


def test_read_only_cannot_upgrade(tmp_path: Path) -> None:
    path = old_workspace(tmp_path / "old.db")
    before = digest(path)
    with pytest.raises(ReadOnlyWorkspace, match="needs upgrading"):
        Workspace.open(path, read_only=True)
    assert digest(path) == before


# --- locked by another writer -------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO meta (key, value) VALUES ('holder', 'was here')")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    print("released", flush=True)
    """
)


@pytest.fixture
def locked(tmp_path: Path):
    """A workspace another process is writing to (it holds the write lock until told to stop)."""
    path = make_workspace(tmp_path / "ws.db")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"

    def release() -> None:
        if holder.poll() is None:
            holder.stdin.write("\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "released"
            holder.wait(timeout=10)

    yield path, release
    release()


def test_writing_to_a_locked_workspace_waits_then_says_so(locked, tmp_path: Path) -> None:
    path, release = locked
    story = tmp_path / "story.txt"
    story.write_text("The mayor said 12 bridges were repaired in 2023.\n", encoding="utf-8")
    with Workspace.open(path, busy_timeout=0.4) as ws:
        assert ws.articles.count() == 1  # reading works while the other program writes (WAL)
        started = time.monotonic()
        with pytest.raises(WorkspaceLocked) as info:
            import_paths(ws, [story])
        waited = time.monotonic() - started
        assert waited >= 0.35  # the busy timeout was honoured before giving up
        assert "locked by another program" in str(info.value) and "try again" in str(info.value)
        release()
        report = import_paths(ws, [story])  # once the other writer is done, the same import works
        assert len(report.added) == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT value FROM meta WHERE key = 'holder'").fetchone()[0] == "was here"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_cli_on_a_locked_workspace(locked, tmp_path: Path) -> None:
    path, _release = locked
    story = tmp_path / "story.txt"
    story.write_text("The mayor said 12 bridges were repaired in 2023.\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("import", str(story), "-w", str(path), env={"WORKBENCH_BUSY_TIMEOUT": "0.5"})
    assert time.monotonic() - started >= 0.5
    assert_one_line_error(result, "locked by another program", "try again")


def test_upgrading_a_locked_workspace_fails_cleanly(tmp_path: Path) -> None:
    path = old_workspace(tmp_path / "old.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(WorkspaceLocked):
            Workspace.open(path, busy_timeout=0.2)
    finally:
        conn.execute("ROLLBACK")
        conn.close()
    with Workspace.open(path) as ws:  # the next try upgrades it
        assert migrations.current_version(ws.db) == migrations.latest_version()
        assert ws.articles.count() == 1


# --- backups --------------------------------------------------------------------------------------


def old_workspace(path: Path) -> Path:
    """A workspace as the first release made it (schema version 1), holding one article."""
    db = Database(path)
    with db.atomic():
        migrations.MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "INSERT INTO articles (title, text, text_hash, imported_at) VALUES ('Old story', 'It rained.', 'x', 'then')"
    )
    db.conn.commit()
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    return path


def test_backup_before_migration(tmp_path: Path) -> None:
    path = old_workspace(tmp_path / "old.db")
    with Workspace.open(path) as ws:
        assert migrations.current_version(ws.db) == migrations.latest_version()
        (backup,) = ws.backups()
    assert f"before-v{migrations.latest_version()}" in backup.name
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT title FROM articles").fetchone()[0] == "Old story"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "md", "-o", "{out}"],
        ["export", "--format", "json", "-o", "{out}", "--article", "1"],
        ["articles"],
        ["show", "1"],
        ["match", "rained"],
        ["verdict", "1", "verified"],
    ],
    ids=lambda c: " ".join(c[:3]),
)
def test_every_command_backs_up_an_old_workspace_before_upgrading_it(tmp_path: Path, command) -> None:
    path = old_workspace(tmp_path / "old.db")
    if command[0] == "verdict":
        with sqlite3.connect(path) as conn:
            conn.execute("INSERT INTO claims (article_id, start, \"end\", text) VALUES (1, 0, 2, 'It')")
        conn.close()
    args = [part.format(out=tmp_path / "out") for part in command]
    result = run_cli(*args, "-w", str(path))
    assert result.returncode == 0, result.stderr
    (backup,) = (tmp_path / "old.db.backups").glob(f"old-*-before-v{migrations.latest_version()}.db")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT title FROM articles").fetchone()[0] == "Old story"
    conn.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
    conn.close()


def test_no_backup_no_upgrade(tmp_path: Path) -> None:
    path = old_workspace(tmp_path / "old.db")
    (tmp_path / "old.db.backups").write_text("a file where the backup folder should be")
    before = digest(path)
    with pytest.raises(WorkspaceError, match="no backup could be made first"):
        Workspace.open(path)
    assert digest(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1


def test_one_daily_backup_per_day(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    for _ in range(3):
        Workspace.open(path).close()
    with Workspace.open(path) as ws:
        (daily,) = ws.backups()
        assert daily.name.endswith("-daily.db")
        yesterday = daily.with_name(daily.name.replace(daily.name.split("-")[1], "19991231", 1))
        daily.rename(yesterday)
    with Workspace.open(path) as ws:
        names = [p.name for p in ws.backups()]
    assert len(names) == 2 and names[0] == yesterday.name


def test_a_failed_daily_backup_is_a_warning_not_a_lockout(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    (tmp_path / "ws.db.backups").write_text("not a folder")
    with Workspace.open(path) as ws:
        assert ws.articles.count() == 1
        assert len(ws.warnings) == 1 and "daily backup" in ws.warnings[0]
    result = run_cli("articles", "-w", str(path))
    assert result.returncode == 0
    assert "workbench: warning: the daily backup" in result.stderr


def test_only_the_last_backups_are_kept(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    with Workspace.open(path) as ws:
        made = [ws.backup_now(f"n{i}") for i in range(BACKUPS_KEPT + 3)]
        kept = ws.backups()
    assert kept == made[-BACKUPS_KEPT:]
    for backup in kept:
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert not list((tmp_path / "ws.db.backups").glob("*.partial"))


def test_backup_includes_uncheckpointed_changes(tmp_path: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    with Workspace.open(path) as ws:
        claim = ws.claims.add(1, 0, 7)
        backup = ws.backup_now()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT text FROM claims WHERE id = ?", [claim.id]).fetchone()[0] == "Enraged"
