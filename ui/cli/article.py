"""`workbench article ID`: show or correct an article's metadata after import.

    workbench article ID -w WS                      # title, URL, date, publisher, agency, dateline
    workbench article ID -w WS --url https://… --date "5 March 2024" --title … --publisher …

Each changed field is one audit entry (the History shows it; the app's undo can take it back).
A date is stored as ISO 8601 (a date that cannot be read for certain is refused, with the form to
use); a URL must be http(s).
"""

from __future__ import annotations

import argparse
import sys

from db.stores.articles import META_FIELDS, BadMetadata
from ui.cli.common import CliError, acting_user, add_workspace_arg, open_workspace, print_json


def cmd_article(args: argparse.Namespace) -> int:
    fields = {f: getattr(args, f) for f in META_FIELDS if getattr(args, f) is not None}
    # showing only reads: it works on a read-only workspace as it is
    with open_workspace(args, user=acting_user(args.user), reading=not fields) as ws:
        try:
            # the store reads the article inside the write transaction: nothing between read and
            # write is overwritten (a change made meanwhile is refused as stale)
            old = ws.articles.update_meta(args.article_id, **fields) if fields else {}
            old.pop("if_version", None)
        except BadMetadata as exc:
            raise CliError(str(exc)) from exc
        article = ws.articles.get(args.article_id)
    values = {f: getattr(article, f) for f in META_FIELDS}
    if args.json:
        print_json({"id": article.id, **values, "changed": sorted(old), "encoding": article.encoding})
        return 0
    if fields and not args.quiet:
        for field in sorted(old, key=META_FIELDS.index):
            print(
                f"article {article.id}: {field}: {old[field] or '∅'} → {values[field] or '∅'}",
                file=sys.stderr,
            )
        if not old:
            print(f"article {article.id}: nothing changed (the values were already so)", file=sys.stderr)
    if not fields:
        width = max(len(f) for f in META_FIELDS)
        for field in META_FIELDS:
            print(f"{field:<{width}}  {values[field]}")
        if article.encoding:
            print(
                f"{'encoding':<{width}}  {article.encoding}"
                + (f" ({article.encoding_note})" if article.encoding_note else "")
            )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("article", help="show or correct an article's title, URL, date, publisher")
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    add_workspace_arg(p)
    p.add_argument("--title", metavar="TEXT")
    p.add_argument("--url", metavar="URL", help="the article's web address (http or https)")
    p.add_argument(
        "--date", metavar="DATE", help="stored as ISO 8601 (2024-03-05, 5 March 2024, RFC 2822...)"
    )
    p.add_argument("--publisher", metavar="NAME")
    p.add_argument("--agency", metavar="NAME", help="the wire agency, if it is one")
    p.add_argument("--dateline", metavar="TEXT", help="the place line (BAGHDAD)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--user", metavar="NAME", help="who is correcting (default: settings, else OS user)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_article)
