"""Concurrent use: two windows, or the window and the CLI, on one workspace file (WAL + busy timeout)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from test_gui_helpers import settings

from db import Workspace
from db.engines.sqlite import DataVersionFeed
from db.flows.importing import import_paths
from ui.app.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_the_workspace_is_in_wal_mode_with_a_busy_timeout(seed_ws: Workspace) -> None:
    assert seed_ws.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert seed_ws.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_two_connections_see_each_others_commits(seed_ws: Workspace) -> None:
    with Workspace.open(seed_ws.path, user="second") as other:
        mine, theirs = seed_ws.data_version(), other.data_version()
        claim = other.claims.add(1, 0, 7)
        assert other.data_version() == theirs  # its own commit does not count as an outside change
        assert seed_ws.data_version() != mine
        assert seed_ws.claims.get(claim.id).text == "Enraged"
        mine = seed_ws.data_version()
        seed_ws.notes.add(claim.id, body="checked")
        assert other.data_version() != theirs
        assert [n.body for n in other.notes.for_claim(claim.id)] == ["checked"]
        assert seed_ws.data_version() == mine


def test_interleaved_writes_from_two_threads(seed_ws: Workspace) -> None:
    path = seed_ws.path
    errors: list[BaseException] = []
    per_thread = 150

    def writer(user: str, offset: int) -> None:
        try:
            with Workspace.open(path, user=user) as ws:
                for i in range(per_thread):
                    claim = ws.claims.add(1, offset + i, offset + i + 5)
                    ws.claims.update(claim.id, summary=f"{user} {i}")
                    ws.notes.add(claim.id, body=user)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(name, n * 400)) for n, name in enumerate(("ann", "bob"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert seed_ws.claims.count(1) == 2 * per_thread
    users = seed_ws.db.execute(
        "SELECT user, count(*) FROM audit WHERE entity = 'note' GROUP BY user"
    ).fetchall()
    assert dict(users) == {"ann": per_thread, "bob": per_thread}
    assert _integrity(path) == "ok"


WRITER = textwrap.dedent(
    """
    import sys
    from db import Workspace
    with Workspace.open(sys.argv[1], user=sys.argv[2]) as ws:
        for i in range(int(sys.argv[3])):
            claim = ws.claims.add(1, i, i + 3)
            ws.claims.update(claim.id, status="in_progress")
    """
)


def test_two_processes_and_a_cli_import_at_once(seed_ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        (folder / f"s{i}.txt").write_text(
            f"Story {i}\n\nThe agency said {i} people were hurt.\n", encoding="utf-8"
        )
    path = str(seed_ws.path)
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, path, user, "120"], cwd=ROOT, stderr=subprocess.PIPE)
        for user in ("ann", "bob")
    ]
    procs.append(
        subprocess.Popen(
            [sys.executable, "-m", "ui.cli", "import", str(folder), "-w", path, "-q"],
            cwd=ROOT,
            stderr=subprocess.PIPE,
        )
    )
    # ...while this connection (the window's) keeps writing too.
    for i in range(50):
        seed_ws.notes.add(seed_ws.claims.add(1, 100 + i, 110 + i).id, body="from the window")
    for proc in procs:
        _out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err.decode()
    assert seed_ws.claims.count(1) == 2 * 120 + 50
    assert seed_ws.articles.count() == 61
    assert _integrity(seed_ws.path) == "ok"


def test_a_long_read_does_not_block_a_writer(seed_ws: Workspace, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("The port said 12 ships were delayed.\n", encoding="utf-8")
    reader = sqlite3.connect(seed_ws.path, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1  # a read snapshot is held
    result = subprocess.run(
        [sys.executable, "-m", "ui.cli", "import", str(story), "-w", str(seed_ws.path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "WORKBENCH_BUSY_TIMEOUT": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1  # its snapshot is stable
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    reader.close()


def test_a_short_write_elsewhere_is_waited_for(seed_ws: Workspace) -> None:
    holder = sqlite3.connect(seed_ws.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    claim = seed_ws.claims.add(1, 0, 7)  # waits for the other writer rather than failing
    release.join()
    holder.close()
    assert seed_ws.claims.get(claim.id).text == "Enraged"


def test_window_shows_a_cli_import_made_underneath_it(seed_ws: Workspace, tmp_path: Path, qtbot) -> None:
    """The window polls PRAGMA data_version: an update imported by the CLI shows up on its own."""
    seed_ws.claims.add(1, 0, 7)
    win = MainWindow(seed_ws, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    assert win.article_list.model.rowCount() == 1
    raw = SEED.read_text(encoding="utf-8").replace("In a new escalation,", "In a fresh escalation,")
    (tmp_path / "v2.txt").write_text(raw, encoding="utf-8")
    (tmp_path / "other.txt").write_text("The mayor said 4 roads closed.\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.cli",
            "import",
            str(tmp_path / "v2.txt"),
            str(tmp_path / "other.txt"),
            "-w",
            str(seed_ws.path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "1 updated" in result.stderr
    # The old version is superseded: the list shows the new version and the other story.
    qtbot.waitUntil(
        lambda: sorted(win.article_list.model.ids()) == [2, 3], timeout=5 * DataVersionFeed.poll_ms
    )
    win.open_article(2)
    assert win.claims_model.rowCount() == 1  # the claim followed the story to its new version


def test_window_and_a_second_window_on_one_file(seed_ws: Workspace, tmp_path: Path, qtbot) -> None:
    with Workspace.open(seed_ws.path, user="second") as other_ws:
        first = MainWindow(seed_ws, settings(tmp_path / "a"))
        second = MainWindow(other_ws, settings(tmp_path / "b"))
        for win in (first, second):
            qtbot.addWidget(win)
            win.show()
        other_ws.claims.add(1, 0, 7)
        second.reload_all()
        qtbot.waitUntil(lambda: first.claims_model.rowCount() == 1, timeout=5 * DataVersionFeed.poll_ms)
        seed_ws.claims.add(1, 8, 10)
        first.reload_all()
        qtbot.waitUntil(lambda: second.claims_model.rowCount() == 2, timeout=5 * DataVersionFeed.poll_ms)
        second.close()
        first.close()
    import_paths(seed_ws, [SEED])  # still writable after both windows are gone
    assert _integrity(seed_ws.path) == "ok"
