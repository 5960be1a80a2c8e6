"""`workbench desk`: setting up a shared desk on a PostgreSQL server (issue 12).

    workbench desk init URL                                   # schema, extensions, group roles (the DBA, once)
    workbench desk grant LOGIN_ROLE checker|editor|viewer -w URL

URL is a libpq address: `postgresql://HOST/DATABASE`, `postgresql:///DATABASE?service=NAME`
(service files and `.pgpass` are honoured; `sslmode=verify-full` and the other TLS settings pass
through). The workbench never asks for, prints or keeps a password.
"""

from __future__ import annotations

import argparse
import sys

from db.desk import ROLES, grant_role, init_desk
from ui.cli.common import print_json


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
