"""Every output is written whole or not at all: a kill, a full disk, a size limit or an error leaves
the old file as it was and no temporary file, and the message names the file (issue 10, item 3)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from report_seed import seed_claims

from ui.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
OLD = b"the old, good report\n"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals, tmpfs, rlimits")


@pytest.fixture
def ws_file(seed_ws, ws_path):
    seed_claims(seed_ws)
    seed_ws.backup_now(reason="daily")  # today's backup is made: opening it writes nothing more
    seed_ws.close()
    return ws_path


@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


def _export(ws: Path, fmt: str, out: Path) -> list[str]:
    return ["export", "-w", str(ws), "--format", fmt, "-o", str(out), "--article", "1"]


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *argv], cwd=ROOT, env=env, capture_output=True, text=True, **kwargs
    )


# --- killed in the middle -------------------------------------------------------------------------

# Exports a PDF as the CLI does, and stops for good at one point: while painting page 2, or with
# the whole PDF written to its temporary file, just before it would replace the old one.
KILLED_DRIVER = textwrap.dedent(
    """
    import sys, time
    import ui.export.output as output
    import ui.export.pdf as pdf
    from ui.cli.main import main

    point, argv = sys.argv[1], sys.argv[2:]

    def stop(message):
        print(message, flush=True)
        time.sleep(120)

    furniture = pdf._furniture

    def slow_page(painter, writer, page, data, number, pages, margins):
        furniture(painter, writer, page, data, number, pages, margins)
        if number == 2 and point == "painting":
            stop("stopped")

    commit = output.PendingFile.commit

    def slow_commit(self):
        if point == "renaming":
            stop("stopped")
        commit(self)

    pdf._furniture = slow_page
    output.PendingFile.commit = slow_commit
    sys.exit(main(argv))
    """
)


@pytest.mark.parametrize("point", ["painting", "renaming"])
def test_sigkill_during_a_pdf_export_keeps_the_old_report_and_leaves_nothing(ws_file, out_dir, point):
    report = out_dir / "report.pdf"
    report.write_bytes(OLD)
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_DRIVER, point, *_export(ws_file, "pdf", report)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "stopped", proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert report.read_bytes() == OLD
    assert sorted(p.name for p in out_dir.iterdir()) == ["report.pdf"]


# --- a full disk ------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A 400 KB tmpfs (a whole PDF report fits) (mounting needs root: skipped otherwise)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip() or 'not permitted'}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path, leave: int = 4096) -> None:
    """Fill the disk but for `leave` bytes (one tmpfs page)."""
    vfs = os.statvfs(disk)
    free = vfs.f_bavail * vfs.f_frsize
    with open(disk / "filler", "wb") as f:
        f.write(b"\0" * max(0, free - leave))


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_a_full_disk_names_the_file_and_keeps_the_old_one(ws_file, small_disk, fmt, capsys, qapp):
    report = small_disk / f"report.{fmt}"
    report.write_bytes(OLD)
    _fill(small_disk)
    assert main(_export(ws_file, fmt, report)) == 1
    err = capsys.readouterr().err
    assert err == f"workbench: error: cannot write {report}: No space left on device\n"
    assert report.read_bytes() == OLD
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", report.name]
    (small_disk / "filler").unlink()  # room again: the same export now succeeds, and says so
    assert main(_export(ws_file, fmt, report)) == 0
    assert report.stat().st_size > 1000 and "wrote" in capsys.readouterr().err


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_file_size_limit_names_the_file_and_keeps_the_old_one(ws_file, out_dir):
    """Where no tmpfs can be mounted: RLIMIT_FSIZE makes the same failure (EFBIG) for any user."""
    report = out_dir / "report.pdf"
    report.write_bytes(OLD)
    # room for SQLite's 32 KB -shm, not for the report (about 200 KB)
    result = _run(_export(ws_file, "pdf", report), preexec_fn=_limit_file_size(40_000), timeout=120)
    assert result.returncode == 1
    assert result.stderr == f"workbench: error: cannot write {report}: File too large\n"
    assert report.read_bytes() == OLD
    assert sorted(p.name for p in out_dir.iterdir()) == [report.name]


# --- errors while writing, and what a good write keeps ---------------------------------------------


def test_an_error_while_painting_the_pdf_keeps_the_old_file(ws_file, out_dir, monkeypatch, qapp):
    import ui.export.pdf as pdf

    def broken(*args):
        raise RuntimeError("painting failed")

    monkeypatch.setattr(pdf, "_furniture", broken)
    report = out_dir / "report.pdf"
    report.write_bytes(OLD)
    with pytest.raises(RuntimeError, match="painting failed"):
        main([*_export(ws_file, "pdf", report), "--debug"])
    assert report.read_bytes() == OLD
    assert sorted(p.name for p in out_dir.iterdir()) == ["report.pdf"]


@pytest.mark.parametrize("anonymous", [True, False], ids=["o_tmpfile", "mkstemp"])
def test_a_failed_write_leaves_no_debris_with_either_kind_of_temporary_file(out_dir, monkeypatch, anonymous):
    from ui.export import output

    if not anonymous:  # as on a file system without O_TMPFILE
        monkeypatch.setattr(output, "PROC_FD", out_dir / "no-proc")
    report = out_dir / "report.md"
    report.write_bytes(OLD)
    with pytest.raises(KeyError), output.atomic_output(report) as pending:
        pending.write(b"half a report")
        assert (pending.name is None) is anonymous
        raise KeyError("stop")
    assert report.read_bytes() == OLD and sorted(p.name for p in out_dir.iterdir()) == ["report.md"]
    output.write_atomically(report, b"new report\n")
    assert report.read_bytes() == b"new report\n" and sorted(p.name for p in out_dir.iterdir()) == [
        "report.md"
    ]


def test_a_rewrite_keeps_the_mode_and_writes_through_a_symlink(ws_file, out_dir, capsys):
    real = out_dir / "shared" / "report.html"
    real.parent.mkdir()
    real.write_bytes(OLD)
    real.chmod(0o640)
    link = out_dir / "report.html"
    link.symlink_to(real)
    assert main(_export(ws_file, "html", link)) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in real.parent.iterdir()) == ["report.html"]


def test_a_new_file_gets_the_usual_mode(ws_file, out_dir, capsys):
    report = out_dir / "report.csv"
    old = os.umask(0o022)
    try:
        assert main(_export(ws_file, "csv", report)) == 0
    finally:
        os.umask(old)
    assert oct(report.stat().st_mode & 0o777) == oct(0o644)


def test_a_screenshot_that_cannot_be_written_names_the_file_and_keeps_the_old_one(ws_file, out_dir):
    shot = out_dir / "window.png"
    shot.write_bytes(OLD)
    result = _run(
        ["open", str(ws_file), "--screenshot", str(shot)], preexec_fn=_limit_file_size(40_000), timeout=120
    )
    assert result.returncode == 1
    assert f"workbench: cannot write {shot}: File too large" in result.stderr
    assert shot.read_bytes() == OLD and sorted(p.name for p in out_dir.iterdir()) == ["window.png"]
    result = _run(["open", str(ws_file), "--screenshot", str(shot)], timeout=120)
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes().startswith(b"\x89PNG") and sorted(p.name for p in out_dir.iterdir()) == [
        "window.png"
    ]


def test_a_device_is_written_to_not_replaced(ws_file, capsys):
    """`-o /dev/null` (run as root, a rename would replace the device with a file)."""
    assert main(_export(ws_file, "md", Path("/dev/null"))) == 0
    assert Path("/dev/null").is_char_device()
