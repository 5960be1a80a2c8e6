"""`workbench desk`: setting up a shared desk on a PostgreSQL server (issue 12).

    workbench desk init URL                                   # schema, extensions, group roles (the DBA, once)
    workbench desk grant LOGIN_ROLE checker|editor|viewer -w URL
    workbench desk push LOCAL.db -w URL [--leave-out-review] [--json]   # a workspace file into the desk
    workbench desk pull -w URL --article ID [--article ID ...] -o LOCAL.db [--json]   # stories offline

URL is a libpq address: `postgresql://HOST/DATABASE`, `postgresql:///DATABASE?service=NAME`
(service files and `.pgpass` are honoured; `sslmode=verify-full` and the other TLS settings pass
through). The workbench never asks for, prints or keeps a password.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from db import Workspace
from db.desk import ROLES, grant_role, init_desk
from db.errors import NotPermitted, WorkspaceLocked
from db.flows.transfer import TransferReport, transfer
from db.workspace import is_desk
from ui.cli.common import CliError, acting_user, print_json

# How long `pull` waits for a workspace file another program is writing before it says it is in use.
PULL_BUSY_TIMEOUT_S = 5.0


def cmd_desk_init(args: argparse.Namespace) -> int:
    done = init_desk(args.url)
    if args.json:
        print_json(
            {
                "location": done.location,
                "schema": done.version,
                "applied": list(done.applied),
                "extensions": list(done.extensions),
                "roles": list(done.roles),
            }
        )
        return 0
    what = f"migrations {', '.join(done.applied)} applied" if done.applied else "schema already up to date"
    print(f"desk {done.location}: schema {done.version} ({what})", file=sys.stderr)
    print(f"roles: {', '.join(done.roles)}", file=sys.stderr)
    if done.extensions:
        print(f"extensions: {', '.join(done.extensions)}", file=sys.stderr)
    print("next: workbench desk grant LOGIN_ROLE checker|editor|viewer -w URL", file=sys.stderr)
    return 0


def cmd_desk_grant(args: argparse.Namespace) -> int:
    group = grant_role(args.workspace, args.login, args.role)
    article = "an" if args.role[0] in "aeiou" else "a"
    print(f"{args.login} is now {article} {args.role} on the desk ({group})", file=sys.stderr)
    return 0


def _desk_url(value: str, what: str) -> str:
    if not is_desk(value):
        raise CliError(f"{what} takes a desk's postgresql:// address, not {value!r}")
    return value


def _report(report: TransferReport, args: argparse.Namespace, verb: str) -> int:
    if args.json:
        print_json(report.to_json())
    else:
        print(f"{verb} {report.source} -> {report.target}", file=sys.stderr)
        for line in [*report.lines(), *report.notes]:
            print(f"  {line}", file=sys.stderr)
    return 0


def cmd_desk_push(args: argparse.Namespace) -> int:
    url = _desk_url(args.workspace, "-w")
    if is_desk(args.local):
        raise CliError(f"push copies a workspace file into the desk: {args.local!r} is a desk (use pull)")
    local = Path(args.local).expanduser()
    if not local.is_file():
        raise CliError(f"no workspace file at {local}")
    with Workspace.open(local, read_only_if_needed=True) as source, Workspace.open(url) as desk:
        try:
            report = transfer(source, desk, with_marks=not args.leave_out_review)
        except NotPermitted as exc:
            hint = (
                "" if args.leave_out_review else " (nothing was copied; --leave-out-review pushes the rest)"
            )
            raise NotPermitted(f"{exc}{hint}") from exc
    return _report(report, args, "pushed")


def cmd_desk_pull(args: argparse.Namespace) -> int:
    url = _desk_url(args.workspace, "-w")
    if is_desk(args.output):
        raise CliError(
            f"-o is the desk {args.output!r}: pull writes a workspace file (push copies into a desk)"
        )
    out = Path(args.output).expanduser()
    if out.is_dir():
        raise CliError(f"-o {out} is a folder: name the workspace file to write")
    with Workspace.open(url, read_only=True) as desk:
        pull = _pull_into if out.exists() else _pull_new
        report = pull(desk, out, args.article)
    return _report(report, args, "pulled")


def _pull_into(desk: Workspace, out: Path, articles: list[int]) -> TransferReport:
    """Into an existing workspace file: through SQLite, in one transaction (a window that has it
    open sees the stories arrive); a file another program is writing is refused as in use."""
    try:
        local = Workspace.open(out, user=acting_user(), busy_timeout=PULL_BUSY_TIMEOUT_S)
    except WorkspaceLocked as exc:
        raise CliError(
            f"{out} is in use by another program that is writing to it ({exc}); nothing was pulled"
        ) from exc
    with local:
        try:
            return transfer(desk, local, article_ids=articles)
        except WorkspaceLocked as exc:
            raise CliError(
                f"{out} is in use by another program that is writing to it; nothing was pulled"
            ) from exc


def _pull_new(desk: Workspace, out: Path, articles: list[int]) -> TransferReport:
    """Into a new workspace file: written whole beside it, then given its name (never over a file
    that appeared meanwhile)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".{out.name}.pull-{os.getpid()}")
    try:
        with Workspace.open(temp, user=acting_user()) as local:
            report = transfer(desk, local, article_ids=articles)
        try:
            os.link(temp, out)  # fails when `out` exists: a file made meanwhile is never replaced
        except FileExistsError:
            raise CliError(f"{out} was created by another program meanwhile; nothing was pulled") from None
        report.target = str(out)
        return report
    finally:
        for path in (temp, *(temp.with_name(temp.name + s) for s in ("-wal", "-shm", "-journal"))):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def register(sub: argparse._SubParsersAction) -> None:
    desk = sub.add_parser("desk", help="set up a shared desk on a PostgreSQL server")
    desk_sub = desk.add_subparsers(dest="desk_command", metavar="ACTION", required=True)

    p = desk_sub.add_parser("init", help="create or upgrade a desk: schema, extensions, group roles")
    p.add_argument("url", metavar="URL", help="postgresql://HOST/DATABASE (or ?service=NAME)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_desk_init)

    p = desk_sub.add_parser("grant", help="give a login role a desk role")
    p.add_argument("login", metavar="LOGIN_ROLE", help="an existing PostgreSQL login role (anna)")
    p.add_argument("role", choices=ROLES, help="checker, editor or viewer")
    p.add_argument("-w", "--workspace", metavar="URL", required=True, help="the desk (postgresql://...)")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_desk_grant)

    p = desk_sub.add_parser(
        "push", help="copy a workspace file's work into the desk (twice: nothing changes)"
    )
    p.add_argument("local", metavar="LOCAL.db", help="the workspace file to copy from")
    p.add_argument("-w", "--workspace", metavar="URL", required=True, help="the desk (postgresql://...)")
    p.add_argument(
        "--leave-out-review",
        action="store_true",
        help="copy the work without the editor's reviews and sign-offs (a checker pushing reviewed work)",
    )
    p.add_argument("--json", action="store_true", help="the report as JSON on stdout")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_desk_push)

    p = desk_sub.add_parser("pull", help="take stories from the desk into a workspace file (new or existing)")
    p.add_argument("-w", "--workspace", metavar="URL", required=True, help="the desk (postgresql://...)")
    p.add_argument(
        "--article",
        metavar="ID",
        type=int,
        action="append",
        required=True,
        help="a story to take (repeatable)",
    )
    p.add_argument("-o", "--output", metavar="LOCAL.db", required=True, help="the workspace file to write")
    p.add_argument("--json", action="store_true", help="the report as JSON on stdout")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_desk_pull)
