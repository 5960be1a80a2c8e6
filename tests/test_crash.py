"""Crash safety: a bulk import killed with SIGKILL leaves a sound workspace holding everything it committed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from db import Workspace

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

ROOT = Path(__file__).resolve().parent.parent
FILES = 1500

# Imports the folder with the same import_paths the CLI and GUI use. The progress callback is
# called before each file, when every earlier file is committed: it prints that count.
DRIVER = textwrap.dedent(
    """
    import sys
    from db import Workspace
    from db.flows.importing import import_paths

    def progress(done, total, current):
        print(done, flush=True)

    with Workspace.open(sys.argv[1]) as ws:
        import_paths(ws, [sys.argv[2]], progress=progress)
    print("finished", flush=True)
    """
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bulk")
    for i in range(FILES):
        body = " ".join(
            f"Officials in district {i} said {i * 7 + j} homes were inspected on day {j}." for j in range(12)
        )
        (folder / f"story_{i:05d}.txt").write_text(f"Story number {i}\n\n{body}\n", encoding="utf-8")
    return folder


def _kill_after(cmd: list[str], committed_at_least: int) -> int:
    """Run `cmd`, SIGKILL it once it reports `committed_at_least` commits; return the last count reported."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    last = 0
    deadline = time.monotonic() + 120
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip().isdigit():
                last = int(line)
            if last >= committed_at_least or time.monotonic() > deadline:
                break
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    return last


def _check_sound(path: Path) -> int:
    """The file passes SQLite's and FTS5's integrity checks; returns how many articles it holds."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
        # Every stored article has its whole sentence index: nothing half-written.
        half = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        assert half == 0
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("kill_at", [1, 137, 600])
def test_sigkill_during_bulk_import(corpus: Path, tmp_path: Path, kill_at: int) -> None:
    ws_path = tmp_path / "ws.db"
    Workspace.open(ws_path).close()  # created beforehand, so the kill lands in the import itself
    reported = _kill_after([sys.executable, "-c", DRIVER, str(ws_path), str(corpus)], kill_at)
    assert reported >= kill_at
    stored = _check_sound(ws_path)
    # Everything reported committed is there; the import ran on while the test read the pipe,
    # so a few more may have landed before the kill.
    assert stored >= reported
    titles = {row[0] for row in sqlite3.connect(ws_path).execute("SELECT title FROM articles").fetchall()}
    assert {f"Story number {i}" for i in range(reported)} <= titles
    # The workspace opens normally afterwards, and the interrupted import can simply be run again.
    with Workspace.open(ws_path) as ws:
        from db.flows.importing import import_paths

        report = import_paths(ws, [corpus])
        assert len(report.added) + len(report.duplicates) == FILES
        assert len(report.duplicates) == stored
    assert _check_sound(ws_path) == FILES


def test_sigkill_of_the_cli(corpus: Path, tmp_path: Path) -> None:
    """The real command, killed mid-import: the file is sound and the next import completes it."""
    ws_path = tmp_path / "ws.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "import", str(corpus), "-w", str(ws_path), "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until it has committed something
        if ws_path.exists():
            try:
                with sqlite3.connect(f"file:{ws_path}?mode=ro", uri=True, timeout=5) as conn:
                    if conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 50:
                        break
            except sqlite3.OperationalError:
                pass  # schema not created yet
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert 50 <= _check_sound(ws_path) < FILES
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "import", str(corpus), "-w", str(ws_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert _check_sound(ws_path) == FILES
