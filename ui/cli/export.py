"""`workbench export`, `workbench review` and `workbench signoff`: reports out, desk decisions in.

    workbench export -w WS [--article ID] --format html|pdf|md|csv|json|claimreview|w3c|audit -o OUT
    workbench review CLAIM_ID -w WS --approve|--query|--clear [--comment TEXT]
    workbench verdict CLAIM_ID STATUS -w WS [--note TEXT]   # STATUS: unchecked, in_progress, verified, ...
    workbench signoff ARTICLE_ID -w WS [--comment TEXT] [--force] [--withdraw]

A desk mark or a verdict on a proposal accepts it (origin → accepted), as in the app.
`signoff` refuses an article with open questions (unverified claims, proposals nobody reviewed,
claims needing attention): it prints the counts and signs off only with `--force`.

Who is acting (the audit log's "who") is `--user`, else the user name in the workbench's
settings, else the OS user. The reviewing organisation (ClaimReview author, report colophon) is
`--organisation`, else the one in settings.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from db import Workspace
from db.queries.report_data import load_report_data, open_questions
from ui.cli.common import (
    CliError,
    acting_user,
    add_progress_arg,
    add_workspace_arg,
    open_workspace,
    settings_value,
    text_arg,
    worth_arg,
)
from ui.cli.progress import Interrupted, StderrProgress
from ui.export.service import EXTENSIONS, FORMATS, check_output, export
from workbench.extraction.worth import DEFAULT_THRESHOLD
from workbench.model import Origin, Review, Status
from workbench.progress import Steps


def _open(args: argparse.Namespace, *, reading: bool = False) -> Workspace:
    return open_workspace(args, user=acting_user(getattr(args, "user", None)), reading=reading)


# --- commands -----------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    out = None if args.output == "-" else Path(args.output).expanduser()
    if out is not None and out.is_dir():
        name = f"article-{args.article}" if args.article else "workspace"
        out = out / f"{name}{EXTENSIONS[args.format]}"
    organisation = args.organisation if args.organisation is not None else settings_value("organisation")
    organisation_url = (
        args.organisation_url if args.organisation_url is not None else settings_value("organisation_url")
    )
    claim_path = args.claim_path if args.claim_path is not None else settings_value("claim_path")
    if out is not None:  # before the workspace opens: a report must never replace it
        check_output(out, Path(args.workspace).expanduser())
    progress = StderrProgress(args.quiet or out is None, force=args.progress)
    with _open(args, reading=True) as ws:
        try:
            result = export(
                ws,
                args.format,
                out,
                article_id=args.article,
                organisation=organisation,
                organisation_url=organisation_url,
                claim_path=claim_path,
                include_rejected=args.include_rejected,
                include_proposed=args.include_proposed,
                threshold=None if args.include_weak else args.threshold,
                steps=Steps(progress.step),
            )
        except KeyboardInterrupt:
            kept = f"{out} is as it was" if out is not None and out.exists() else "no file was made"
            raise Interrupted(f"no report was written ({kept})") from None
        finally:
            progress.clear()
        if args.format == "claimreview" and not args.quiet:
            from workbench.reports.claimreview import claimreview_warnings

            data = load_report_data(
                ws,
                args.article,
                organisation=organisation,
                organisation_url=organisation_url,
                claim_path=claim_path,
                threshold=None if args.include_weak else args.threshold,
            )
            for line in claimreview_warnings(data, include_proposed=args.include_proposed):
                print(f"workbench: note: {line}", file=sys.stderr)
    if out is None:
        sys.stdout.write(str(result))
    elif not args.quiet:
        what = f"{result} pages" if args.format == "pdf" else f"{args.format}"
        print(f"wrote {out} ({what})", file=sys.stderr)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    mark = Review.APPROVED if args.approve else Review.QUERY if args.query else Review.NONE
    with _open(args) as ws:
        claim = ws.claims.get(args.claim_id)
        comment = (
            args.comment
            if args.comment is not None
            else ("" if mark is Review.NONE else claim.review_comment)
        )
        fields = {
            "review": mark,
            "reviewer": ws.user if mark is not Review.NONE else "",
            "review_comment": comment,
        }
        accepted = mark is not Review.NONE and claim.origin is Origin.PROPOSED
        if accepted:  # a desk mark on a proposal accepts it, as in the app (ui/commands.judging)
            fields["origin"] = Origin.ACCEPTED
        # from the claim as read above: a change made since is refused, never written over
        ws.claims.update(claim.id, if_version=claim.version, **fields)
        if not args.quiet:
            done = {Review.APPROVED: "approved", Review.QUERY: "queried"}.get(mark, "review cleared")
            label = f"{done} by {ws.user}" + (" (proposal accepted)" if accepted else "")
            what = claim.summary or claim.text
            what = what if len(what) <= 80 else what[:79] + "…"
            note = f" — “{comment}”" if comment and mark is not Review.NONE else ""
            print(f"claim #{claim.id} “{what}” ({claim.status.label}): {label}{note}", file=sys.stderr)
    return 0


def cmd_verdict(args: argparse.Namespace) -> int:
    """Set a claim's verdict (status); a verdict on a proposal accepts it, as in the app."""
    status = Status(args.status)
    with _open(args) as ws:
        claim = ws.claims.get(args.claim_id)
        fields: dict[str, object] = {"status": status}
        accepted = status is not Status.UNCHECKED and claim.origin is Origin.PROPOSED
        if accepted:
            fields["origin"] = Origin.ACCEPTED
        with ws.atomic():
            ws.claims.update(claim.id, if_version=claim.version, **fields)  # refused if changed since
            if args.note and args.note.strip():
                ws.notes.add(claim.id, body=args.note.strip())
        if not args.quiet:
            what = claim.summary or claim.text
            what = what if len(what) <= 80 else what[:79] + "…"
            was = f" (was {claim.status.label})" if claim.status is not status else ""
            extra = " (proposal accepted)" if accepted else ""
            print(f"claim #{claim.id} “{what}”: {status.label}{was}{extra}", file=sys.stderr)
    return 0


def cmd_signoff(args: argparse.Namespace) -> int:
    with _open(args) as ws:
        article = ws.articles.get(args.article_id)
        signed_by, signed_at, _ = ws.articles.sign_off(article.id)
        if args.withdraw:
            if not signed_by:
                print(f"article {article.id}: not signed off, nothing to withdraw", file=sys.stderr)
                return 0
            ws.articles.set_sign_off(article.id, "", args.comment or "", if_version=article.version)
            if not args.quiet:
                print(f"article {article.id}: sign-off by {signed_by} withdrawn", file=sys.stderr)
            return 0
        when = (signed_at or "")[:16].replace("T", " ")
        if signed_by:
            print(f"article {article.id}: already signed off by {signed_by} on {when}", file=sys.stderr)
            return 0
        still_open = open_questions(ws, article.id)
        if still_open:
            listed = ", ".join(still_open.short())
            print(f"workbench: warning: article {article.id} has open questions: {listed}", file=sys.stderr)
            if not args.force:
                raise CliError(
                    f"article {article.id} not signed off: resolve them, or sign off anyway with --force"
                )
        # from the article as read above (its open questions too): a change since is refused
        ws.articles.set_sign_off(article.id, ws.user, args.comment or "", if_version=article.version)
        if not args.quiet:
            print(f"article {article.id}: signed off by {ws.user}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="export a verification report (html, pdf, md, csv, json, claimreview, w3c, audit)"
    )
    add_workspace_arg(p)
    p.add_argument("--article", type=int, metavar="ID", help="one article (default: every article)")
    p.add_argument("--format", "-f", required=True, choices=FORMATS)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file or folder; - for stdout")
    p.add_argument(
        "--organisation",
        metavar="NAME",
        type=text_arg,
        help="reviewing organisation (default: from settings)",
    )
    p.add_argument(
        "--organisation-url",
        metavar="URL",
        type=text_arg,
        help="its web site, where the reviews are published (ClaimReview url; default: from settings)",
    )
    p.add_argument(
        "--claim-path",
        metavar="TEMPLATE",
        type=text_arg,
        help="a review's page under that site, with {claim} and {article} "
        "(default: from settings, else /fact-checks/claim-{claim})",
    )
    p.add_argument("--include-rejected", action="store_true", help="also list rejected proposals")
    p.add_argument(
        "--threshold",
        type=worth_arg,
        default=DEFAULT_THRESHOLD,
        metavar="N",
        help=f"leave out weak proposals: unreviewed, worth below N (default {DEFAULT_THRESHOLD})",
    )
    p.add_argument("--include-weak", action="store_true", help="also list weak proposals")
    p.add_argument(
        "--include-proposed",
        action="store_true",
        help="claimreview: also publish verdicts on proposals nobody has accepted yet",
    )
    p.add_argument("--user", metavar="NAME", type=text_arg, help=argparse.SUPPRESS)
    p.add_argument("-q", "--quiet", action="store_true")
    add_progress_arg(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("review", help="desk review: approve or query a claim")
    p.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    add_workspace_arg(p)
    mark = p.add_mutually_exclusive_group(required=True)
    mark.add_argument("--approve", action="store_true")
    mark.add_argument("--query", action="store_true")
    mark.add_argument("--clear", action="store_true", help="remove the mark")
    p.add_argument("--comment", metavar="TEXT", type=text_arg)
    p.add_argument(
        "--user", metavar="NAME", type=text_arg, help="who is reviewing (default: settings, else OS user)"
    )
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("verdict", help="set a claim's verdict (accepts a proposal)")
    p.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    p.add_argument(
        "status", choices=[s.value for s in Status], metavar="STATUS", help=", ".join(s.value for s in Status)
    )
    add_workspace_arg(p)
    p.add_argument(
        "--note", metavar="TEXT", type=text_arg, help="add a note to the claim (the reasoning, a source)"
    )
    p.add_argument(
        "--user",
        metavar="NAME",
        type=text_arg,
        help="who gives the verdict (default: settings, else OS user)",
    )
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_verdict)

    p = sub.add_parser("signoff", help="desk sign-off of an article")
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    add_workspace_arg(p)
    p.add_argument("--comment", metavar="TEXT", type=text_arg)
    p.add_argument("--withdraw", action="store_true", help="withdraw the sign-off")
    p.add_argument(
        "--force",
        action="store_true",
        help="sign off although claims are unverified, proposals unreviewed or claims need attention",
    )
    p.add_argument(
        "--user", metavar="NAME", type=text_arg, help="who signs off (default: settings, else OS user)"
    )
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_signoff)
