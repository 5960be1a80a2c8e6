"""`workbench queue -w WS [--json]`: the editor's queue, the articles waiting for the desk.

    workbench queue -w WS                 # one line per article not signed off, most to do first
    workbench queue -w WS --json          # the same as JSON objects (db/queries/queue.py)

For each article: claims counted, how many need attention (the rule of the reports and the app),
open desk queries, proposals nobody reviewed, unverified claims, and who worked on it when last
(the audit log; on a shared desk, everyone's). The window's Desk queue shows the same rows.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict

from db.queries.queue import editor_queue
from ui.cli.common import add_workspace_arg, open_workspace, print_json, worth_arg
from workbench.extraction.worth import DEFAULT_THRESHOLD


def cmd_queue(args: argparse.Namespace) -> int:
    with open_workspace(args, reading=True) as ws:
        items = editor_queue(ws, threshold=args.threshold)
    if args.json:
        print_json([{**asdict(i), "last_by": i.last_by, "last_at": i.last_at} for i in items])
        return 0
    if not items:
        print("no article is waiting for the desk (every article is signed off)")
        return 0
    print(
        f"{'id':>5}  {'claims':>6}  {'⚑':>3}  {'query':>5}  {'prop':>4}  {'unver':>5}  "
        f"{'last worked on':16}  {'by':12}  title"
    )
    for i in items:
        print(
            f"{i.article_id:>5}  {i.claims:>6}  {i.attention:>3}  {i.queries:>5}  {i.proposals:>4}  "
            f"{i.unverified:>5}  {i.last_at[:16].replace('T', ' ') or '-':16}  {i.last_by[:12] or '-':12}  "
            f"{i.title[:60]}"
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("queue", help="the articles waiting for the desk: open questions, who worked on each")
    add_workspace_arg(p)
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--threshold",
        type=worth_arg,
        default=DEFAULT_THRESHOLD,
        metavar="N",
        help=f"proposals below this worth are weak and not counted (default {DEFAULT_THRESHOLD})",
    )
    p.set_defaults(func=cmd_queue)
