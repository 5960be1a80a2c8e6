"""The CLI never overwrites a change made between its read and its write (issue 12 item 5).

Two processes: Ben (this test) changes a claim inside a transaction that holds the write lock;
Anna's `workbench verdict` process reads the claim as committed (before Ben's change) and then
waits for the lock to write. When Ben commits, her write finds the claim at another version than
the one she read and is refused with one line naming Ben; nothing of hers is written. Run again,
her command applies to the claim as it is now.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from db import Workspace
from workbench.model import Status

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "ui.cli", *args]


def _waiting_for_the_lock(proc: subprocess.Popen, db: Path, timeout: float = 60.0) -> None:
    """Return once `proc` has the workspace open and sleeps in SQLite's busy handler (Linux
    /proc; elsewhere after a fixed pause)."""
    fds, wchan = Path(f"/proc/{proc.pid}/fd"), Path(f"/proc/{proc.pid}/wchan")
    if not wchan.exists():
        time.sleep(5)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            opened = any(os.readlink(fd) == str(db) for fd in fds.iterdir())
            sleeping = "nanosleep" in wchan.read_text()
        except OSError:  # a descriptor closed while we looked
            opened = sleeping = False
        if opened and sleeping:
            return
        time.sleep(0.02)
    raise AssertionError("the CLI process never waited for the write lock")


def test_a_verdict_never_overwrites_a_change_made_between_its_read_and_its_write(seed_ws):
    claim = seed_ws.claims.add(1, 0, 20)
    path = seed_ws.path.resolve()
    env = {**os.environ, "WORKBENCH_BUSY_TIMEOUT": "60"}
    ben = Workspace.open(path, user="ben")
    try:
        with ben.atomic():  # holds the write lock until the block ends
            ben.claims.update(claim.id, status=Status.VERIFIED)
            anna = subprocess.Popen(
                _cli("verdict", str(claim.id), "false", "-w", str(path), "--user", "anna"),
                cwd=ROOT,
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            _waiting_for_the_lock(anna, path)  # she read the claim; Ben's change is not committed
        _, err = anna.communicate(timeout=120)
    finally:
        ben.close()
    assert anna.returncode == 1, err
    assert re.fullmatch(
        rf"workbench: error: claim #{claim.id} was changed by ben at \d\d:\d\d — nothing was written: "
        r"run the command again\n",
        err,
    ), err
    stored = seed_ws.claims.get(claim.id)
    assert (stored.status, stored.updated_by, stored.version) == (Status.VERIFIED, "ben", 2)
    assert not [e for e in seed_ws.audit.entries(claim_id=claim.id) if e.user == "anna"]

    again = subprocess.run(
        _cli("verdict", str(claim.id), "false", "-w", str(path), "--user", "anna"),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert "False (was Verified)" in again.stderr  # applied to the claim as it is now
    stored = seed_ws.claims.get(claim.id)
    assert (stored.status, stored.version) == (Status.FALSE, 3)
