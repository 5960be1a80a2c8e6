"""Read-only and full media: a workspace on a read-only mount reads without a flag, a full disk
never locks the person out.

Root writes through any permission, so these tests use real mounts: a tmpfs remounted read-only
(or a small tmpfs filled up). Where mounting is not permitted they are skipped, saying so.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import ReadOnlyWorkspace, Workspace, WorkspaceError, migrations
from db.flows.importing import import_paths

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def _mount(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip() or 'mount failed'}): needs root")


def _remount(folder: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True, capture_output=True)


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    """A writable 8 MB tmpfs folder; `_remount(folder, "ro")` makes it read-only."""
    folder = tmp_path / "media"
    _mount(folder, "8m")
    yield folder
    _unmount(folder)


def fill(folder: Path) -> None:
    """Fill the file system holding `folder` to the last byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError:
        pass
    try:
        while True:
            os.write(fd, b"\0")
    except OSError:
        pass
    finally:
        os.close(fd)


def make_workspace(path: Path) -> Path:
    with Workspace.open(path) as ws:
        import_paths(ws, [SEED])
        ws.claims.add(1, 0, 7)
    return path


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    for word in words:
        assert word in line


# --- a read-only mount ---------------------------------------------------------------------------


def test_reading_commands_work_on_a_read_only_mount_without_a_flag(mount: Path, tmp_path: Path) -> None:
    path = make_workspace(mount / "ws.db")
    _remount(mount, "ro")
    assert sorted(p.name for p in mount.iterdir()) == ["ws.db"]  # no -wal or -shm to read through
    for command in (
        ["articles"],
        ["articles", "--json"],
        ["show", "1"],
        ["export", "--format", "md", "-o", str(tmp_path / "report.md")],
        ["match", "3,000 troops"],
    ):
        result = run_cli(*command, "-w", str(path))
        assert result.returncode == 0, (command, result.stderr)
        assert "--read-only" not in result.stderr
    assert "Enraged" in (tmp_path / "report.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in mount.iterdir()) == ["ws.db"]


def test_writing_commands_on_a_read_only_mount_say_so_in_one_line(mount: Path) -> None:
    path = make_workspace(mount / "ws.db")
    _remount(mount, "ro")
    result = run_cli("verdict", "1", "verified", "-w", str(path))
    assert_one_line_error(result, "is read-only", "make it writable")
    assert "--read-only" not in result.stderr  # verdict has no such flag: it is not suggested
    with pytest.raises(ReadOnlyWorkspace, match="is read-only"):
        Workspace.open(path)


def test_open_read_only_on_a_read_only_mount(mount: Path, tmp_path: Path) -> None:
    path = make_workspace(mount / "ws.db")
    _remount(mount, "ro")
    with Workspace.open(path, read_only=True) as ws:  # -shm cannot be created: SQLite's immutable mode
        assert ws.read_only and ws.claims.count() == 1
        assert ws.data_version() == ws.data_version()
    shot = tmp_path / "shot.png"
    result = run_cli("open", str(path), "--read-only", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert shot.stat().st_size > 0
    result = run_cli("open", str(path), "--screenshot", str(shot))  # no flag: say which one exists
    assert result.returncode == 1
    assert f"workbench open --read-only {path}" in result.stderr


CRASH = textwrap.dedent(
    """
    import os, sys
    from db import Workspace
    ws = Workspace.open(sys.argv[1])
    ws.db.execute("PRAGMA wal_autocheckpoint = 0")
    ws.claims.add(1, 10, 20)
    os._exit(0)  # killed: the claim is committed in -wal, not yet in the file
    """
)


def test_a_read_only_mount_with_changes_still_in_the_wal(mount: Path) -> None:
    path = make_workspace(mount / "ws.db")
    subprocess.run([sys.executable, "-c", CRASH, str(path)], cwd=ROOT, check=True)
    shm = mount / "ws.db-shm"
    assert (mount / "ws.db-wal").stat().st_size > 0 and shm.exists()
    _remount(mount, "ro")
    with Workspace.open(path, read_only=True) as ws:  # read through the existing -shm: nothing missed
        assert ws.claims.count() == 2
    assert run_cli("articles", "-w", str(path)).returncode == 0
    _remount(mount, "rw")
    shm.unlink()
    _remount(mount, "ro")
    # Without -shm only immutable mode could read it, and it would miss the committed claim.
    with pytest.raises(ReadOnlyWorkspace, match="ws.db-wal holds changes not yet in the file"):
        Workspace.open(path, read_only=True)
    assert_one_line_error(run_cli("show", "1", "-w", str(path)), "ws.db-wal", "writable folder")


# --- a full disk -----------------------------------------------------------------------------------


@pytest.fixture
def full_backups(tmp_path: Path) -> Iterator[Path]:
    """A workspace folder whose backups folder is a full file system (the workspace's is not)."""
    folder = tmp_path / "ws.db.backups"
    _mount(folder, "64k")
    fill(folder)
    yield folder
    _unmount(folder)


def test_a_daily_backup_on_a_full_disk_is_a_warning_not_a_lockout(tmp_path: Path, full_backups: Path) -> None:
    path = make_workspace(tmp_path / "ws.db")
    with Workspace.open(path) as ws:
        assert ws.claims.count() == 1
        (warning,) = ws.warnings
        assert "daily backup" in warning and "full" in warning
        ws.claims.add(1, 20, 30)  # the workspace's own disk has room: work goes on
    result = run_cli("articles", "-w", str(path))
    assert result.returncode == 0, result.stderr
    assert "workbench: warning: the daily backup" in result.stderr and "full" in result.stderr
    assert sorted(p.name for p in full_backups.iterdir()) == ["filler"]  # no partial copy left


def old_workspace(path: Path) -> Path:
    with Workspace.open(path):
        pass
    with sqlite3.connect(path) as conn:  # as a version one schema older would have left it
        conn.execute(f"PRAGMA user_version = {migrations.latest_version() - 1}")
    conn.close()
    return path


def test_an_upgrade_without_room_for_its_backup_changes_nothing(tmp_path: Path, full_backups: Path) -> None:
    path = old_workspace(tmp_path / "ws.db")
    with pytest.raises(WorkspaceError, match="no backup could be made first") as info:
        Workspace.open(path)
    assert "full" in str(info.value)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version() - 1
    conn.close()


def test_a_write_on_a_full_disk_says_so(mount: Path) -> None:
    path = make_workspace(mount / "ws.db")
    with Workspace.open(path) as ws:
        fill(mount)
        result = run_cli("verdict", "1", "verified", "--note", "x" * 100_000, "-w", str(path))
        assert_one_line_error(result, "disk holding", "is full", "free some space")
        assert ws.claims.get(1).status.value == "unchecked"  # the refused write changed nothing


def test_the_window_shows_a_failed_daily_backup(
    tmp_path: Path, full_backups: Path, qtbot, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.app import run

    path = make_workspace(tmp_path / "ws.db")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    ws = run.open_workspace_gui(path, False, None, interactive=True)
    assert ws is not None and not ws.read_only
    ws.close()
    (text,) = shown
    assert "daily backup" in text and "full" in text and "opens as usual" in text
