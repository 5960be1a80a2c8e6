"""A failed import never deletes a workspace: it creates none when nothing can be imported, so a
workspace another process fills meanwhile survives (issue 10, item 4)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ui.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_49799be3d89e085a.txt"

# `workbench import`, held up just before it reads its first file until GO exists: the moment a
# fast import by another process can create and fill the same new workspace.
HELD_IMPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import db.flows.importing as importing
    from ui.cli.main import main

    go, argv = Path(sys.argv[1]), sys.argv[2:]
    read_items = importing.read_items

    def held(path):
        print("reading", flush=True)
        while not go.exists():
            time.sleep(0.05)
        return read_items(path)

    importing.read_items = held
    sys.exit(main(argv))
    """
)


def _articles(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX processes")
def test_a_failed_import_leaves_the_workspace_another_process_filled(tmp_path):
    workspace = tmp_path / "new.db"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    go = tmp_path / "go"
    failing = subprocess.Popen(
        [sys.executable, "-c", HELD_IMPORT, str(go), "import", str(bad), "-w", str(workspace)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert failing.stdout is not None
        assert failing.stdout.readline().strip() == "reading", failing.stderr.read()
        # Meanwhile another process imports a real article into the same new path.
        filling = subprocess.run(
            [sys.executable, "-m", "ui.cli", "import", str(SEED), "-w", str(workspace)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert filling.returncode == 0, filling.stderr
        assert _articles(workspace) == 1
        go.touch()
        _, err = failing.communicate(timeout=120)
    finally:
        failing.kill()
        failing.wait()
    assert failing.returncode == 1
    assert err.strip().splitlines()[-1] == "0 added, 0 duplicate, 1 failed (from 1 path)"
    assert workspace.exists() and _articles(workspace) == 1


def test_an_import_with_nothing_importable_creates_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    annotations = tmp_path / "claims.jsonld"
    annotations.write_text('{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}')
    workspace = tmp_path / "new.db"
    assert main(["import", str(bad), str(annotations), "-w", str(workspace)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt" in err and "claims.jsonld" in err and "2 failed" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "claims.jsonld"]


def test_a_workspace_is_created_once_something_is_importable(tmp_path, capsys):
    bad = tmp_path / "a-bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    workspace = tmp_path / "new.db"
    started = time.monotonic()
    assert main(["import", str(bad), str(SEED), "-w", str(workspace)]) == 1  # one failed: status 1
    assert time.monotonic() - started < 60
    assert "1 added, 0 duplicate, 1 failed" in capsys.readouterr().err
    assert _articles(workspace) == 1


def test_an_existing_empty_file_is_never_removed(tmp_path, capsys):
    """A zero-byte file at the path may be another process's workspace being created: left alone."""
    workspace = tmp_path / "new.db"
    workspace.touch()
    assert main(["import", str(tmp_path / "missing.txt"), "-w", str(workspace)]) == 1
    assert workspace.exists()
