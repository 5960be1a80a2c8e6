"""Long CLI work shows progress and Ctrl+C cancels it cleanly (issue 10 item 11): a progress line
on stderr (a terminal, or --progress), then SIGINT: one line, exit 130, nothing half-written."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db import Workspace
from db.flows.importing import import_paths

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "the",
    "minister",
    "told",
    "reporters",
    "on",
    "tuesday",
    "that",
    "the",
    "ministry",
    "would",
    "review",
    "spending",
    "plans",
]


def _words(chars: int) -> str:
    out: list[str] = []
    while sum(len(w) + 1 for w in out[-1:]) * len(out) < chars:
        out.extend(WORDS)
    return " ".join(out)


def _interrupt_after(args: list[str], wanted: str, timeout: float = 120) -> tuple[int, list[str]]:
    """Run `workbench ARGS`, send SIGINT once stderr shows a line containing `wanted`, and return
    the exit status and every stderr line."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stderr is not None
    for line in proc.stderr:
        lines.append(line.rstrip("\n"))
        if wanted in line:
            proc.send_signal(signal.SIGINT)
            break
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"no {wanted!r} on stderr: {lines}")
    else:
        proc.wait()
        pytest.fail(f"finished before {wanted!r} was shown: {lines}")
    lines += [line.rstrip("\n") for line in proc.stderr]
    return proc.wait(timeout=timeout), lines


def _integrity(path: Path) -> str:
    with Workspace.open(path, read_only=True) as ws:  # through the driver, as every opener
        return ws.engine.db.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture
def many(tmp_path) -> Path:
    """A workspace with the twelve test articles, a long one without punctuation, and their
    proposals: the PDF of every article takes many seconds."""
    path = tmp_path / "ws.db"
    long = tmp_path / "long.txt"
    # long enough that the layout is still under way two seconds in, when --progress first shows a
    # percentage (30,000 characters were laid out before that on a quiet machine)
    long.write_text("A long dump\n\n" + _words(100_000), encoding="utf-8")
    with Workspace.open(path) as ws:
        import_paths(ws, [ROOT / "tests" / "data" / "articles", long], propose=True)
    return path


def test_ctrl_c_during_a_pdf_of_every_article_writes_nothing(many, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "report.pdf"
    out.write_bytes(b"%PDF-1.4 last week's report\n%%EOF\n")
    old = out.read_bytes()
    status, lines = _interrupt_after(
        ["export", "-w", str(many), "-f", "pdf", "-o", str(out), "--progress"], "%)"
    )
    assert status == 130, lines
    progress = [line for line in lines if not line.startswith("workbench:")]
    assert progress and all("%)" in line or line == "laying out the pages" for line in progress)
    assert lines[-1] == f"workbench: cancelled by Ctrl+C: no report was written ({out} is as it was)"
    assert not any("Traceback" in line for line in lines)
    assert out.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == ["report.pdf"]  # no temporary file


def test_ctrl_c_while_proposing_a_huge_article_stores_no_proposal(tmp_path):
    """1 MB without punctuation: the import stores the article, then proposing takes seconds;
    Ctrl+C then rolls the proposals back in one piece."""
    article = tmp_path / "dump.txt"
    article.write_text(_words(1_000_000), encoding="utf-8")
    ws = tmp_path / "ws.db"
    status, lines = _interrupt_after(
        ["import", str(article), "-w", str(ws), "--propose", "--progress"], "proposing claims ("
    )
    assert status == 130, lines
    assert lines[-1].startswith("workbench: cancelled by Ctrl+C: stopped while proposing claims: its article")
    assert _integrity(ws) == "ok"
    with Workspace.open(ws, read_only=True) as done:
        articles = done.articles.summaries()
        assert len(articles) == 1 and done.claims.count(articles[0].id) == 0
    assert {p.name for p in tmp_path.iterdir()} <= {
        "dump.txt",
        "ws.db",
        "ws.db-wal",
        "ws.db-shm",
        "ws.db.backups",
    }


def test_ctrl_c_during_an_import_of_many_files_keeps_whole_articles(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # enough files that the import is still under way when the first progress line (after a
    # second) brings the Ctrl+C: 300 were all stored within that second on a fast run
    for i in range(1500):
        (corpus / f"{i:04}.txt").write_text(
            f"Story {i}\n\nThe minister said on Tuesday that spending rose {i} percent in March. "
            "Officials, speaking on condition of anonymity, said more cuts were coming.\n",
            encoding="utf-8",
        )
    ws = tmp_path / "ws.db"
    status, lines = _interrupt_after(
        ["import", str(corpus), "-w", str(ws), "--propose", "--progress"], "files ("
    )
    assert status == 130, lines
    last = lines[-1]
    assert last.startswith("workbench: cancelled by Ctrl+C: stopped at file "), lines
    at = int(last.split("stopped at file ")[1].split()[0])
    assert _integrity(ws) == "ok"
    with Workspace.open(ws, read_only=True) as done:
        stored = done.engine.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        index = done.engine.db.execute("SELECT count(DISTINCT article_id) FROM sentences").fetchone()[0]
    assert at - 1 <= stored <= at  # the files before it, and the one under way whole or not at all
    assert index == stored  # every stored article has its sentence index


class _Terminal:
    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> None:
        self.text += s

    def flush(self) -> None:
        pass


def test_on_a_terminal_one_line_is_rewritten_and_cleared(monkeypatch):
    from ui.cli.progress import StderrProgress

    clock = itertools.chain([0.0, 1.2, 1.3, 2.0], itertools.repeat(9.0))
    monkeypatch.setattr("ui.cli.progress.time.monotonic", lambda: next(clock))
    terminal = _Terminal()
    progress = StderrProgress(stream=terminal)  # no --progress needed on a terminal
    progress.step(10, 100, "page 11 of 100")  # 1.2 s in: shown
    progress.step(11, 100, "page 12 of 100")  # 1.3 s: too soon
    progress.step(50, 100, "page 51 of 100")  # 2.0 s: shown in place of the first
    progress.clear()
    assert terminal.text == "\rpage 11 of 100 (10%)\x1b[K\rpage 51 of 100 (50%)\x1b[K\r\x1b[K"
    assert StderrProgress(quiet=True, stream=_Terminal()).enabled is False


def test_in_a_pipe_progress_needs_the_flag(monkeypatch):
    from ui.cli.progress import StderrProgress

    assert StderrProgress().enabled is False  # pytest's stderr is not a terminal
    assert StderrProgress(force=True).enabled is True


def test_ctrl_c_after_the_work_is_done_still_says_what_was_kept(tmp_path, monkeypatch, capsys):
    """A Ctrl+C that lands after the import has stored everything (while the summary is printed)
    is a bare KeyboardInterrupt: the line must still say something ("cancelled by Ctrl+C: " and
    nothing was printed before)."""
    from ui.cli.main import main

    story = tmp_path / "story.txt"
    story.write_text("Story\n\nThe minister said spending rose 4 percent in March.\n", encoding="utf-8")

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("ui.cli.main.print_json", interrupted)
    assert main(["import", str(story), "-w", str(tmp_path / "ws.db"), "--json"]) == 130
    assert capsys.readouterr().err.strip().endswith("cancelled by Ctrl+C: nothing half-done was kept")
