"""What every `workbench` sub-command shares: the one-line error, opening the workspace, JSON out."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from db import Workspace
from db.workspace import default_user


class CliError(Exception):
    """An error to report in one line (exit status 1)."""


# --- helpers ------------------------------------------------------------------------------------


def worth_arg(value: str) -> int:
    """The argparse `type` of a worth threshold: a whole number from 0 to 100."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number from 0 to 100") from None
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"{number} is not between 0 and 100")
    return number


def text_arg(value: str) -> str:
    """The argparse `type` of a text argument (a note, a search, a name; not a path).

    Python decodes the command line with `surrogateescape`: bytes that are not UTF-8 (a Latin-1
    terminal, a script with the wrong encoding) arrive as lone surrogates that no file, database
    or terminal can take. Refuse them here, saying which byte, instead of failing later with a
    codec error.
    """
    for i, ch in enumerate(value):
        if "\ud800" <= ch <= "\udfff":
            byte = f"the byte 0x{ord(ch) - 0xDC00:02x}" if ch >= "\udc80" else "a lone surrogate"
            raise argparse.ArgumentTypeError(
                f"is not UTF-8 text ({byte} at character {i + 1}); type it again in a UTF-8 terminal "
                "(check LANG / LC_ALL) or pass the text in UTF-8"
            )
    return value


def open_workspace(
    args: argparse.Namespace, *, must_exist: bool = True, user: str | None = None, reading: bool = False
) -> Workspace:
    """The one way a command opens its workspace (`Workspace.open`: its backup rule, its checks),
    printing what did not stop the opening (a failed daily backup) as warnings.

    A command that only reads (`reading`) works on a read-only file, folder or mount as it is:
    it opens read-only when the workspace cannot be written, with no flag to pass.
    """
    path = Path(args.workspace).expanduser()
    if must_exist and not path.exists():
        raise CliError(
            f"no workspace at {path} (import something into it first: workbench import FILE -w {path})"
        )
    ws = Workspace.open(
        path, user=user, read_only=getattr(args, "read_only", False), read_only_if_needed=reading
    )
    for warning in ws.warnings:
        print(f"workbench: warning: {warning}", file=sys.stderr)
    return ws


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_workspace_arg(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "-w", "--workspace", required=required, metavar="WORKSPACE", help="the workspace file (SQLite)"
    )


def add_progress_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--progress",
        action="store_true",
        help="show progress on stderr also when it is not a terminal (a log, a pipe)",
    )


def settings_value(name: str) -> str:
    """A value from the GUI's settings ("user_name", "organisation"), or "" when unavailable."""
    try:
        from ui.app.settings import Settings

        return str(getattr(Settings(), name, "") or "")
    except Exception:  # settings are a convenience: a broken or missing store must not stop the CLI
        return ""


def acting_user(explicit: str | None = None) -> str:
    return (explicit or "").strip() or settings_value("user_name") or default_user()
