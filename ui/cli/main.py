"""The `workbench` command line.

Errors print one line on stderr and exit non-zero; `--debug` shows the traceback. `--json`
prints machine-readable JSON on stdout. Sub-commands that live in other modules register
themselves through `COMMAND_MODULES` (each module has `register(subparsers)`).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from db import Workspace, WorkspaceError
from db.errors import StaleEdit
from db.flows.annotations import ANNOTATION_IMPORTERS
from db.flows.importing import import_paths, propose_claims
from db.queries.report_data import load_article_report
from db.stores.articles import ArticleNotFound
from db.workspace import is_desk
from ui.cli.common import (
    CliError,
    add_progress_arg,
    add_workspace_arg,
    open_workspace,
    print_json,
    text_arg,
    worth_arg,
)
from ui.cli.progress import INTERRUPTED_EXIT, Interrupted, StderrProgress
from workbench.extraction.source_kinds import article_outlet
from workbench.extraction.worth import DEFAULT_THRESHOLD
from workbench.progress import Steps
from workbench.reports.sourcing import claim_attention
from workbench.text.importers import ImportProblem, iter_files, read_items

# Modules adding sub-commands: each defines register(subparsers) and sets `func` on its parsers.
COMMAND_MODULES: list[str] = [
    "ui.cli.match",
    "ui.cli.export",
    "ui.cli.article",
    "ui.cli.queue",
    "ui.cli.desk",
]


# --- commands -----------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    progress = StderrProgress(args.quiet or args.json, force=args.progress)
    if (
        is_desk(args.workspace)
        or Path(args.workspace).expanduser().exists()
        or _anything_importable(args.paths)
    ):
        with open_workspace(args, must_exist=False) as ws:
            try:
                report = import_paths(
                    ws, args.paths, progress=progress, propose=args.propose, steps=Steps(progress.step)
                )
            except KeyboardInterrupt:
                raise Interrupted(_import_stopped(progress)) from None
            finally:
                progress.clear()
    else:
        # Nothing here can be stored: learn why from a scratch workspace in memory and create no
        # file. A file this process never creates is one it never has to delete — and deleting
        # one would destroy whatever another process stored in it meanwhile (issue 10, item 4).
        with Workspace.memory(user="import") as scratch:
            report = import_paths(scratch, args.paths, progress=progress)
    # paths that are neither files nor folders failed too: count them with the files read
    paths = report.files + sum(1 for p in report.failed if not Path(p.path).is_file())
    for problem in (*report.failed, *report.skipped):  # a bad file, or one bad row of a file
        print(f"workbench: skipped {problem}", file=sys.stderr)
    for note in report.notes:
        print(f"workbench: note: {note}", file=sys.stderr)
    if not args.json:
        for path, note in report.unsure:  # imported, but a person should look at the text
            print(f"workbench: note: {path}: {note}", file=sys.stderr)
    if args.json:
        print_json(
            {
                "added": [r.article_id for r in report.added],
                "duplicates": [{"article_id": r.article_id} for r in report.duplicates],
                "updated": [
                    {"article_id": r.article_id, "previous_id": r.previous_id} for r in report.updated
                ],
                "failed": [{"path": p.path, "reason": p.reason} for p in report.failed],
                "skipped": [{"path": p.path, p.noun: p.row, "reason": p.reason} for p in report.skipped],
                "claims_added": report.claims_added,
                "claims_existing": report.claims_existing,
                "notes": report.notes,
                "unsure_encodings": [{"path": path, "note": note} for path, note in report.unsure],
                "files": report.files,
                "paths": paths,
            }
        )
    elif not args.quiet:
        print(report.summary(paths), file=sys.stderr)
    if report.files == 0 and not report.failed:
        raise CliError("no importable files found (supported: .txt .md .html .htm .jsonl .csv .tsv .json)")
    return 0 if report.ok else 1


def _import_stopped(progress: StderrProgress) -> str:
    """What the Ctrl+C line says about an import: what is stored and what is not."""
    where = f"at file {progress.done + 1} of {progress.total}" if progress.total > 1 else ""
    before = "the files before it are stored; " if progress.total > 1 and progress.done else ""
    if progress.doing == "proposing claims":
        return (
            f"stopped {where + ' ' if where else ''}while proposing claims: {before}its article is "
            "stored without proposals (propose them in the window, or: workbench extract ID -w WS)"
        )
    if where:
        return f"stopped {where}: {before}the one under way is not (the same import again stores the rest)"
    return "the file under way was not stored (an article is stored whole or not at all)"


def cmd_articles(args: argparse.Namespace) -> int:
    from workbench.model import ItemKind

    with open_workspace(args, reading=True) as ws:
        kind = None if args.all else ItemKind.ARTICLE
        rows = ws.articles.summaries(kind, current_only=not args.versions, search=args.search or "")
    if args.json:
        print_json([{**asdict(r), "signed_off": r.signed_off} for r in rows])
        return 0
    if not rows:
        print("no articles", file=sys.stderr)
        return 0
    print(f"{'id':>5}  {'date':10}  {'agency':22}  {'claims':>6}  {'open':>4}  {'signed off':12}  title")
    for r in rows:
        print(
            f"{r.id:>5}  {r.date[:10]:10}  {article_outlet(r)[:22]:22}  {r.claims:>6}  "
            f"{r.open_claims:>4}  {r.signed_off_by[:12] or '-':12}  {r.title[:70]}"
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_workspace(args, reading=True) as ws:
        article = ws.articles.get(args.article_id)
        claims = ws.claims.for_article(article.id)
        signed_by, signed_at, sign_comment = ws.articles.sign_off(article.id)
        # the one needs-attention rule (workbench.reports.attention), as the app and the reports apply it
        report = load_article_report(ws, article.id, include_rejected=True, threshold=None)
        attention = {c.id: claim_attention(report, c) for c in report.claims}
    sign_off = {"by": signed_by, "at": signed_at or "", "comment": sign_comment or ""}
    if args.json:
        print_json(
            {
                "article": asdict(article),
                "sign_off": sign_off,
                "claims": [
                    {
                        **asdict(c),
                        "needs_attention": attention[c.id].needed,
                        "attention_reasons": list(attention[c.id].reasons),
                    }
                    for c in claims
                ],
            }
        )
        return 0
    print(article.title)
    body = article.text
    first_line, _, rest = body.lstrip().partition("\n")
    if article.title and first_line.strip().lstrip("#").strip() == article.title.strip():
        body = rest.lstrip("\n")  # the text opens with its title: print it once
    meta = " · ".join(x for x in (article.date, article.dateline, article_outlet(article), article.url) if x)
    if meta:
        print(meta)
    if article.encoding_note:  # a person should check that the text reads right
        print(f"read from {article.origin_path or 'its file'}: {article.encoding_note}")
    if signed_by:
        when = (signed_at or "")[:16].replace("T", " ")
        print(f"signed off by {signed_by} on {when}" + (f" — “{sign_comment}”" if sign_comment else ""))
    else:
        print("not signed off")
    print()
    print(body)
    if claims:
        print(f"\n{len(claims)} claims:")
        for c in claims:
            source = c.source_name or "(agency)"
            print(f"  #{c.id:<5} [{c.status.value:12}] {c.summary[:60]:60}  — {source} ({c.origin.value})")
            if c.orphan:  # carried over from an older version whose passage is gone from this one
                print(f"         orphan, no longer in this version; it read: {c.text[:100]}")
            if attention[c.id].needed:
                print(f"         ⚑ needs attention: {'; '.join(attention[c.id].reasons)}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from workbench.extraction.engine import extract, extraction_to_json
    from workbench.model import ArticleMeta
    from workbench.text.importers import read_items

    target = args.target
    if args.workspace and target.isdigit():
        progress = StderrProgress(args.json, force=args.progress)
        with open_workspace(args) as ws:
            try:
                count = propose_claims(ws, int(target), Steps(progress.step))
            except KeyboardInterrupt:
                raise Interrupted("no proposal was stored (the article's claims are as they were)") from None
            finally:
                progress.clear()
            article = ws.articles.get(int(target))
            if args.json:
                meta = ArticleMeta(
                    title=article.title,
                    date=article.date,
                    dateline=article.dateline,
                    agency=article.agency,
                    url=article.url,
                )
                print_json(
                    extraction_to_json(
                        article.text,
                        meta,
                        extract(
                            article.text, agency=article.agency or article.publisher, title=article.title
                        ),
                        threshold=args.threshold,
                    )
                )
            else:
                print(f"{count} claims proposed for article {target}", file=sys.stderr)
        return 0
    path = Path(target)
    if not path.exists() and target.isdigit():
        raise CliError(f"to extract article {target} from a workspace, pass -w WORKSPACE")
    contents = read_items(path)
    for problem in contents.skipped:
        print(f"workbench: skipped {problem}", file=sys.stderr)
    items = contents.items
    results = []
    for item in items:
        extraction = extract(item.text, agency=item.meta.agency or item.meta.publisher, title=item.meta.title)
        results.append(extraction_to_json(item.text, item.meta, extraction, threshold=args.threshold))
    if args.json:
        print_json(results[0] if len(results) == 1 else results)
        return 0
    for result in results:
        for claim in result["claims"]:
            a = claim.get("attribution") or {}
            weak = " weak" if claim["weak"] else ""
            print(
                f"{claim['start']:>6}-{claim['end']:<6} {claim['worth']:>3}{weak:5} {claim['kind']:9} "
                f"{claim['summary'][:60]:60}  — {a.get('source') or '?'} ({a.get('kind') or '?'})"
            )
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    from ui.app.run import run_app

    return run_app(
        args.workspace,
        screenshot=args.screenshot,
        read_only=args.read_only,
        size=args.size,
        create=args.create,
        theme=args.theme,
        layout=args.layout,
    )


def _anything_importable(paths: Sequence[str]) -> bool:
    """Whether any of `paths` holds an item an empty workspace could store.

    Reads files only until the first that parses. Annotation files never count: they add claims
    to stored articles, and a new workspace has none (unless another path brings them).
    """
    for found in iter_files(paths):
        if not isinstance(found, Path) or found.suffix.lower() in ANNOTATION_IMPORTERS:
            continue
        try:
            if read_items(found).items:  # one good row is enough (bad rows are only skipped)
                return True
        except (ImportProblem, MemoryError, RecursionError, ValueError, LookupError, TypeError):
            continue  # import_paths reports it, in the same words
    return False


# --- the parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description="Claim-and-source verification workbench.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    original_add_parser = sub.add_parser

    def add_parser(name: str, **kwargs: object) -> argparse.ArgumentParser:
        # --debug is accepted after the sub-command too: `workbench import x -w ws --debug`.
        child = original_add_parser(name, **kwargs)
        child.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return child

    sub.add_parser = add_parser  # type: ignore[method-assign]

    p = sub.add_parser("open", help="open the desktop workbench on a workspace")
    p.add_argument("workspace", nargs="?", help="the workspace file (default: one in your data folder)")
    p.add_argument("--screenshot", metavar="OUT.png", help="save a PNG of the window and exit")
    p.add_argument("--size", metavar="WxH", default="1400x900", help="window size for --screenshot")
    p.add_argument(
        "--theme",
        choices=["system", "light", "dark"],
        default="system",
        help="colours: follow the system's light or dark scheme (default), or force one",
    )
    p.add_argument(
        "--layout",
        choices=["auto", "side", "stacked"],
        default=None,
        help="the article beside the claims (side), above them (stacked), or by the window's width (auto);"
        " a window remembers it, as View → Layout does",
    )
    p.add_argument("--read-only", action="store_true", help="open without changing anything")
    p.add_argument(
        "--create",
        action="store_true",
        help="make a new, empty workspace if there is none at that path (else the window asks, "
        "and --screenshot refuses)",
    )
    p.set_defaults(func=cmd_open)

    p = sub.add_parser("import", help="import articles, statements or annotations (files or folders)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    add_workspace_arg(p)
    p.add_argument("--propose", action="store_true", help="propose claims for each new article")
    p.add_argument("--json", action="store_true", help="print what was imported as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")
    add_progress_arg(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("articles", help="list the articles in a workspace")
    add_workspace_arg(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="statements too, not only articles")
    p.add_argument("--versions", action="store_true", help="older versions of updated articles too")
    p.add_argument(
        "--search", metavar="TEXT", type=text_arg, help="only titles, agencies or datelines containing TEXT"
    )
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("show", help="show one article with its claims")
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    add_workspace_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("extract", help="propose claims and attributions for a file or a stored article")
    p.add_argument("target", metavar="FILE|ARTICLE_ID")
    add_workspace_arg(p, required=False)
    p.add_argument(
        "--json", action="store_true", help="claims with worth, reasons and weak (below --threshold)"
    )
    p.add_argument(
        "--threshold",
        type=worth_arg,
        default=DEFAULT_THRESHOLD,
        metavar="N",
        help=f"a proposal below this worth is weak (default {DEFAULT_THRESHOLD})",
    )
    add_progress_arg(p)
    p.set_defaults(func=cmd_extract)

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _errors() -> tuple[type[BaseException], ...]:
    return (
        CliError,
        WorkspaceError,
        ImportProblem,
        ArticleNotFound,
        LookupError,
        ValueError,
        OSError,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt as exc:  # Ctrl+C: the work under way was rolled back or never written
        # a bare Ctrl+C (outside the work that says what it kept) reads as an empty string
        print(f"workbench: cancelled by Ctrl+C: {str(exc) or 'nothing half-done was kept'}", file=sys.stderr)
        return INTERRUPTED_EXIT
    except BrokenPipeError:
        return 0
    except StaleEdit as exc:  # another session changed the row between this command's read and write
        if args.debug:
            raise
        print(f"workbench: error: {exc} — nothing was written: run the command again", file=sys.stderr)
        return 1
    except _errors() as exc:
        if args.debug:
            raise
        message = str(exc) or exc.__class__.__name__
        print(f"workbench: error: {message}", file=sys.stderr)
        return 1
    except Exception as exc:  # the last guard: never a traceback unless --debug
        if args.debug:
            raise
        print(
            f"workbench: internal error: {exc.__class__.__name__}: {exc} (run with --debug for details)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
