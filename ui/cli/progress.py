"""Progress and Ctrl+C for long CLI work: imports of many files or of a huge article, proposals,
exports of every article (issue 10 item 11).

A progress line goes to stderr when stderr is a terminal (one line rewritten in place), or with
`--progress` (in a log or a pipe: a plain line now and then); never with `-q` or `--json`. It
starts only once the work has taken a second, at most twice a second.

Ctrl+C stops the work where it is: the transaction under way rolls back, an output file is never
renamed into place (its nameless temporary file goes with it), and `main` prints one line and
exits 130. `Interrupted` carries what that line says about the work: what was kept, what not.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

INTERRUPTED_EXIT = 130  # 128 + SIGINT, as shells report it


class Interrupted(KeyboardInterrupt):
    """Ctrl+C, with what the one line says about the work it stopped."""


class StderrProgress:
    """A progress line on stderr; see the module docstring.

    Call it as an import's file progress (`progress(done, total, current_file)`), or use `step` as a
    `workbench.progress.Steps` report (`step(done, total, what)`, total 0 when not known).
    """

    def __init__(self, quiet: bool = False, *, force: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = _isatty(self.stream)
        self.enabled = not quiet and (self.tty or force)
        self.interval = 0.5 if self.tty else 2.0
        self.started = time.monotonic()
        self.last = float("-inf")
        self.shown = False
        self.pending = False  # a terminal line without its newline yet
        self.done = 0  # the last figures reported, for the Ctrl+C line
        self.total = 0
        self.current = ""  # the file under way
        self.doing = ""  # the step under way in it ("proposing claims")

    def __call__(self, done: int, total: int, current: str) -> None:
        """An import's progress: files done of files total."""
        self.done, self.total, self.current, self.doing = done, total, current, ""
        if total < 2:
            return
        self.show(f"importing {done}/{total} files ({100 * done // max(total, 1)}%)", final=done == total)

    def step(self, done: int, total: int, what: str) -> None:
        """A long step's progress (Steps.report)."""
        self.doing = what
        line = f"{what} ({100 * done // total}%)" if total > 0 else what
        self.show(line, final=False)

    def show(self, line: str, *, final: bool) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if final and not self.shown:
            return  # a quick job: its summary line says it all
        if not final and (now - self.started < 1.0 or now - self.last < self.interval):
            return
        self.last = now
        self.shown = True
        if self.tty:
            self.stream.write(f"\r{line}\x1b[K" + ("\n" if final else ""))
            self.pending = not final
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def clear(self) -> None:
        """Take a terminal line away (before the summary, an error, or the Ctrl+C line)."""
        if self.pending:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.pending = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
