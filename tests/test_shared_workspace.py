"""One process holds the workspace open while others write: nothing lost, nothing corrupted.

The window keeps its own connection and keeps opening worker connections (All articles, proposals,
exports, matching) while CLI commands run beside it. On POSIX, closing *any* descriptor of the
database file drops every SQLite lock the process holds on it; a CLI command that then closes
believes it is the last user, checkpoints and deletes `-wal`/`-shm`, and the window's later
writes go to a deleted file. So the workspace is never opened by anything but SQLite.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import Workspace
from db.flows.importing import import_paths

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"
ROUNDS = 4


def cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ui.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "WORKBENCH_BUSY_TIMEOUT": "30"},
    )


# Python's audit events for everything that opens, renames, removes or truncates a file by name.
FILE_EVENTS = {"open", "os.rename", "os.remove", "os.truncate", "shutil.copyfile", "shutil.move"}


@pytest.fixture
def file_events() -> Iterator[list[tuple[str, str]]]:
    """(event, path) of every file access made from Python (SQLite's own, in C, are not seen)."""
    seen: list[tuple[str, str]] = []
    listening = [True]

    def hook(event: str, args: tuple) -> None:
        if listening[0] and event in FILE_EVENTS:
            for arg in args[:2]:
                if isinstance(arg, str | bytes | os.PathLike):
                    seen.append((event, os.fsdecode(arg)))

    sys.addaudithook(hook)  # hooks cannot be removed: this one stops listening after the test
    yield seen
    listening[0] = False


def test_nothing_but_sqlite_touches_an_open_workspace(tmp_path: Path, file_events, capsys) -> None:
    from ui.cli.main import main

    path = tmp_path / "ws.txt"  # named like an article, so an import of its folder meets it
    with Workspace.open(path, user="window") as window:
        import_paths(window, [SEED])
        file_events.clear()
        with Workspace.open(path) as worker:  # a worker connection beside the window's
            worker.claims.add(1, 0, 7)
        Workspace.open(path, read_only=True).close()
        window.backup_now("manual")
        import_paths(window, [tmp_path])
        assert main(["match", "--batch", str(path), "-w", str(path)]) == 1
        assert "is the workspace itself" in capsys.readouterr().err
        assert main(["export", "-w", str(path), "--format", "md", "-o", str(tmp_path / "out.md"), "-q"]) == 0
        touched = [(event, name) for event, name in file_events if window.is_own_file(name)]
    assert touched == []


def test_a_window_holding_the_workspace_and_cli_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ws.db"
    window = Workspace.open(path, user="window")
    import_paths(window, [SEED])
    claims = [window.claims.add(1, 10 * i, 10 * i + 8).id for i in range(2 * ROUNDS)]
    stories = []
    for n in range(ROUNDS):
        story = tmp_path / f"story{n}.txt"
        story.write_text(
            f"Update {n}\n\nThe ministry said {n + 3} bridges were repaired.\n", encoding="utf-8"
        )
        stories.append(story)
    try:
        for n in range(ROUNDS):
            # The window's workers open their own connections, read, write and close them...
            for _ in range(2):
                with Workspace.open(path, read_only=True) as reader:
                    assert reader.claims.count() == len(claims)
            with Workspace.open(path, user="worker") as worker:
                worker.notes.add(claims[n], body=f"worker {n}")
            # ...while CLI commands write from other processes...
            procs = [
                cli("verdict", str(claims[ROUNDS + n]), "verified", "-w", str(path), "--note", f"cli {n}"),
                cli("import", str(stories[n]), "-w", str(path), "-q"),
                cli("review", str(claims[n]), "-w", str(path), "--approve", "--user", "editor"),
            ]
            for proc in procs:
                _out, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, err
            # ...and the window goes on editing on the connection it kept.
            window.claims.update(claims[n], summary=f"window {n}")
            window.notes.add(claims[ROUNDS + n], body=f"window {n}")
    finally:
        window.close()

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Workspace.open(path, read_only=True) as ws:
        assert ws.articles.count() == 1 + ROUNDS
        for n in range(ROUNDS):
            mine, theirs = ws.claims.get(claims[n]), ws.claims.get(claims[ROUNDS + n])
            assert mine.summary == f"window {n}"
            assert mine.review.value == "approved" and mine.reviewer == "editor"
            assert theirs.status.value == "verified"
            assert [note.body for note in ws.notes.for_claim(claims[n])] == [f"worker {n}"]
            assert sorted(note.body for note in ws.notes.for_claim(claims[ROUNDS + n])) == [
                f"cli {n}",
                f"window {n}",
            ]


def test_importing_a_folder_that_holds_the_workspace_never_reads_the_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    path = folder / "desk.txt"  # a workspace named like an article: the folder walk finds it
    (folder / "story.txt").write_text("Update\n\nThe port said 12 ships were delayed.\n", encoding="utf-8")
    window = Workspace.open(path, user="window")
    try:
        report = import_paths(window, [folder])
        assert len(report.added) == 1
        (problem,) = report.failed
        assert problem.path == str(path) and "workspace's own file" in problem.reason
        claim = window.claims.add(1, 0, 6).id
        for n in range(3):  # the CLI and the window take turns
            proc = cli("verdict", str(claim), "verified", "-w", str(path), "--note", f"cli {n}")
            _out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            window.notes.add(claim, body=f"window {n}")
    finally:
        window.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = sorted(r[0] for r in conn.execute("SELECT body FROM notes"))
    conn.close()
    assert notes == sorted([f"cli {n}" for n in range(3)] + [f"window {n}" for n in range(3)])
