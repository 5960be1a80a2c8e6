"""No output lands on the workspace: export (every format), the window's screenshot and the export
dialog refuse the workspace and its files under any name, before any work (issue 10, item 2)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from report_seed import seed_claims

from ui.app.main_window import MainWindow
from ui.app.panels.export_dialog import ExportDialog
from ui.app.settings import Settings
from ui.cli.main import main
from ui.export.service import FORMATS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def ws_file(seed_ws, ws_path):
    seed_claims(seed_ws)
    seed_ws.backup_now(reason="manual")
    seed_ws.close()
    return ws_path


def _fingerprint(path: Path) -> tuple[int, int, int]:
    """Inode, size and article count: replacing or rewriting the file changes one of them."""
    info = os.stat(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    return info.st_ino, info.st_size, articles


def _export(capsys, ws: Path, fmt: str, out: Path) -> tuple[int, str]:
    code = main(["export", "-w", str(ws), "--format", fmt, "-o", str(out), "--article", "1"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_onto_the_workspace_is_refused_in_every_format(ws_file, fmt, capsys, qapp):
    before = _fingerprint(ws_file)
    code, err = _export(capsys, ws_file, fmt, ws_file)
    assert code == 1
    assert err == f"workbench: error: refusing to write {ws_file}: it is the workspace {ws_file}\n"
    assert _fingerprint(ws_file) == before


def _names(ws: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    """Other names of the workspace's files, and what the refusal says each is."""
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "report.html").symlink_to(ws)
    os.link(ws, elsewhere / "report.md")
    (tmp / "alias").symlink_to(tmp, target_is_directory=True)
    (backup,) = sorted((tmp / f"{ws.name}.backups").iterdir())
    os.link(backup, elsewhere / "old-report.csv")
    return {
        "symlink": (elsewhere / "report.html", f"the workspace {ws}"),
        "hard link": (elsewhere / "report.md", f"the workspace {ws}"),
        "folder alias": (tmp / "alias" / ws.name, f"the workspace {ws}"),
        "dot-dot": (elsewhere / ".." / ws.name, f"the workspace {ws}"),
        "wal": (tmp / f"{ws.name}-wal", f"{ws.name}-wal, a file of the workspace {ws}"),
        "shm": (tmp / f"{ws.name}-shm", f"{ws.name}-shm, a file of the workspace {ws}"),
        "journal": (tmp / f"{ws.name}-journal", f"{ws.name}-journal, a file of the workspace {ws}"),
        "a backup": (backup, f"in {ws.name}.backups, the backups of the workspace {ws}"),
        "new file in backups": (
            tmp / f"{ws.name}.backups" / "x.md",
            f"in {ws.name}.backups, the backups of the workspace {ws}",
        ),
        "backup by hard link": (
            elsewhere / "old-report.csv",
            f"in {ws.name}.backups, the backups of the workspace {ws}",
        ),
    }


NAMES = [
    "symlink",
    "hard link",
    "folder alias",
    "dot-dot",
    "wal",
    "shm",
    "journal",
    "a backup",
    "new file in backups",
    "backup by hard link",
]


@pytest.mark.parametrize("name", NAMES)
def test_every_other_name_of_a_workspace_file_is_refused(ws_file, tmp_path, name, capsys):
    out, what = _names(ws_file, tmp_path)[name]
    backups = sorted((tmp_path / f"{ws_file.name}.backups").iterdir())
    contents = {p: p.read_bytes() for p in backups}
    before = _fingerprint(ws_file)
    code, err = _export(capsys, ws_file, "md", out)
    assert code == 1
    assert err == f"workbench: error: refusing to write {out}: it is {what}\n"
    assert _fingerprint(ws_file) == before
    assert {p: p.read_bytes() for p in sorted((tmp_path / f"{ws_file.name}.backups").iterdir())} == contents


def test_the_backups_folder_as_output_folder_is_refused(ws_file, tmp_path, capsys):
    folder = tmp_path / f"{ws_file.name}.backups"
    code, err = _export(capsys, ws_file, "html", folder)
    assert code == 1 and "refusing to write" in err and "the backups of the workspace" in err
    assert not list(folder.glob("*.html"))


def test_a_workspace_opened_through_a_symlink_is_refused_by_its_real_name(ws_file, tmp_path, capsys):
    link = tmp_path / "link.db"
    link.symlink_to(ws_file)
    code, err = _export(capsys, link, "csv", ws_file)
    assert code == 1 and f"refusing to write {ws_file}: it is the workspace {link}" in err
    code, err = _export(capsys, link, "csv", tmp_path / "ws.db-wal")  # SQLite may put its log there
    assert code == 1 and "ws.db-wal, a file of the workspace" in err


def test_other_files_beside_the_workspace_are_written(ws_file, tmp_path, capsys):
    for out in (tmp_path / "ws.db.md", tmp_path / "ws.md", tmp_path / "ws.db-report.md"):
        code, err = _export(capsys, ws_file, "md", out)
        assert code == 0, err
        assert out.read_text(encoding="utf-8").startswith("#")


def test_a_screenshot_onto_the_workspace_is_refused(ws_file, tmp_path):
    link = tmp_path / "shot.png"
    os.link(ws_file, link)
    before = _fingerprint(ws_file)
    for out in (ws_file, link):
        result = subprocess.run(
            [sys.executable, "-m", "ui.cli", "open", str(ws_file), "--screenshot", str(out)],
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1
        assert result.stderr == f"workbench: error: refusing to write {out}: it is the workspace {ws_file}\n"
        assert _fingerprint(ws_file) == before


def test_the_export_dialog_refuses_the_workspace_before_any_work(qtbot, seed_ws, tmp_path, monkeypatch):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(seed_ws, settings)
    qtbot.addWidget(window)
    window.open_article(1)
    inode = os.stat(seed_ws.path).st_ino
    for fmt in ("md", "pdf"):
        dialog = ExportDialog(window)
        qtbot.addWidget(dialog)
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        dialog.path.setText(str(seed_ws.path))
        dialog.start()
        assert dialog.task is None and dialog.export_button.isEnabled()
        assert f"refusing to write {seed_ws.path}: it is the workspace {seed_ws.path}" in dialog.status.text()
        assert dialog.result() == 0  # still open, nothing accepted
    qtbot.wait(200)  # a worker, had one started, would have written by now
    assert os.stat(seed_ws.path).st_ino == inode
    assert seed_ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert seed_ws.articles.get(1).id == 1
