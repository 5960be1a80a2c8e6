"""`workbench match`: find stored sentences that corroborate or contradict a claim.

workbench match "Pompeo called Saleh" -w WS [--json] [--limit 10]
workbench match --batch FILE -w WS --json      # one claim a line in, one JSON object a line out
workbench match --claim ID -w WS               # match a stored claim and keep its matches
workbench match --article ID -w WS             # the same for every claim of an article
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from db import Workspace
from db.workspace import is_desk, is_own_file
from ui.cli.common import CliError, add_workspace_arg, open_workspace, print_json, text_arg
from workbench.matching import match_note
from workbench.matching.corroboration import fact_checked, role
from workbench.model import MatchResult


def match_json(result: MatchResult, **extra: object) -> dict:
    """One match as JSON: the stored item's `id` (its external id) and `url` come first."""
    names = list(result.extra.get("names", []))
    return {
        "id": result.extra.get("external_id", ""),
        "url": result.article_url,
        "article_id": result.article_id,
        "title": result.article_title,
        "date": result.article_date,
        "publisher": result.publisher,
        "verdict": result.extra.get("verdict", ""),  # a stored fact check's rating, else ""
        "wire_group": result.wire_group,
        "sentence_id": result.sentence_id,
        "start": result.start,
        "end": result.end,
        "text": result.text,
        "score": result.score,
        "relation": result.relation.value,
        "reasons": {
            "names": names,
            "terms": [t for t in result.shared_terms if t not in names],
            "numbers": list(result.shared_numbers),
            "conflicts": list(result.conflicts),
        },
        **extra,
    }


def _print_human(
    query: str, results: list[MatchResult], elapsed_ms: float, own_story: set[int] | None = None
) -> None:
    print(f"{len(results)} matches for {query!r} ({elapsed_ms:.1f} ms)")
    if note := match_note(query):
        print(f"  note: {note}")
    for r in results:
        flag = {"conflict": "CONFLICT", "agree": "agrees"}.get(r.relation.value, "")
        if own_story and r.sentence_id in own_story:
            flag = "copy"
        where = " · ".join(x for x in (r.article_title[:50], r.article_date[:10], r.publisher) if x)
        print(f"  {r.score:5.1f}  {flag:8}  [{r.article_id}] {where}")
        if checked := fact_checked(r):
            print(f"         {checked}")
        print(f"         {r.text[:150]}")
        for conflict in r.conflicts:
            print(f"         conflict: {conflict}")
        if own_story and r.sentence_id in own_story:
            print("         copy of this story (same wire story as the claim's article: not counted)")


def cmd_match(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    chosen = [x for x in (args.text, args.batch, args.claim, args.article) if x is not None]
    if len(chosen) != 1:
        raise CliError("give one of: TEXT, --batch FILE, --claim ID, --article ID")
    if args.text is not None and not args.text.strip():
        raise CliError("the claim to match is empty: give the text of a claim")
    if args.batch is not None and is_own_file(Path(args.workspace).expanduser(), args.batch):
        # never read by anything but SQLite: closing our descriptor would drop this process's locks
        raise CliError(f"{args.batch} is the workspace itself, not a file of claims (one a line)")
    # TEXT and --batch only read: they work on a read-only workspace; --claim and --article store matches.
    with open_workspace(args, reading=args.claim is None and args.article is None) as ws:
        if args.claim is not None:
            return _match_stored_claim(ws, args)
        if args.article is not None:
            run = ws.matches.match_article(args.article)
            summary = {
                "article_id": args.article,
                "claims": run.claims,
                "matches": run.matches,
                "conflicts": run.conflicts,
            }
            if args.json:
                print_json(summary)
            else:
                print(
                    f"{run.claims} claims matched: {run.matches} matches stored, {run.conflicts} conflicting"
                )
            return 0
        queries = [args.text] if args.text is not None else _read_batch(args.batch)
        for query, results, elapsed in _matched(ws, args, queries):
            row = {
                "query": query,
                "matches": [match_json(r) for r in results],
                "elapsed_ms": elapsed,
                "note": match_note(query),  # "" unless the claim is too short to match well
            }
            if args.batch is not None and args.json:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            elif args.json:
                print_json(row)
            else:
                _print_human(query, results, elapsed)
    return 0


# A long batch on a workspace file is matched on two connections at once: SQLite runs a query
# (most of a claim's time at 1M sentences) without holding Python's lock, so on two cores the
# second connection's claims are matched beside the first's. The output keeps the input order.
BATCH_CONNECTIONS = 2
BATCH_SPLIT_FROM = 16  # claims: a shorter batch is not worth opening a second connection


def _matched(ws: Workspace, args: argparse.Namespace, queries: Sequence[str]) -> Iterator[tuple]:
    """(query, results, elapsed ms) for each query, in order."""
    if len(queries) < BATCH_SPLIT_FROM or is_desk(args.workspace) or ws.path is None:
        for query in queries:
            yield _timed(ws.search, query, args)
        return
    others = [Workspace.open(ws.path, read_only=True) for _ in range(BATCH_CONNECTIONS - 1)]
    free: queue.SimpleQueue = queue.SimpleQueue()  # each connection serves one claim at a time
    for search in [ws.search, *(o.search for o in others)]:
        free.put(search)

    def run(query: str) -> tuple:
        search = free.get()
        try:
            return _timed(search, query, args)
        finally:
            free.put(search)

    pool = ThreadPoolExecutor(BATCH_CONNECTIONS)
    try:
        yield from pool.map(run, queries)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # (an interrupt does not wait for the rest)
        for other in others:
            other.close()


def _timed(search, query: str, args: argparse.Namespace) -> tuple:
    started = time.perf_counter()
    results = search.match(query, limit=args.limit, exclude_article=args.exclude_article)
    return query, results, round((time.perf_counter() - started) * 1000, 2)


def _match_stored_claim(ws, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    stored = ws.matches.match_claim(args.claim, limit=args.limit)
    elapsed = round((time.perf_counter() - started) * 1000, 2)
    summary = ws.matches.corroboration(args.claim)
    support, conflict = summary.counts
    if args.json:
        print_json(
            {
                "claim_id": args.claim,
                "query": ws.claims.get(args.claim).text,
                "matches": [
                    match_json(
                        m.result, match_id=m.id, link=m.link.value if m.link else "", role=role(m).value
                    )
                    for m in stored
                ],
                "independent_sources": support,
                "conflicting_sources": conflict,
                "copies_of_this_story": len(summary.copies),
                "elapsed_ms": elapsed,
                "note": match_note(ws.claims.get(args.claim).text),
            }
        )
    else:
        own = {m.result.sentence_id for m in stored if m.own_story}
        _print_human(ws.claims.get(args.claim).text, [m.result for m in stored], elapsed, own)
        line = f"independent sources: {support} corroborating, {conflict} conflicting"
        if summary.copies:
            line += f" ({len(summary.copies)} in copies of this story, not counted)"
        print(line)
    return 0


def _read_batch(name: str) -> list[str]:
    try:
        raw = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"no such file: {name}") from None
    except UnicodeDecodeError:
        raise CliError(f"{name} is not UTF-8 text (one claim a line)") from None
    return [line.strip() for line in raw.splitlines() if line.strip()]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("match", help="find stored sentences that corroborate or contradict a claim")
    p.add_argument("text", nargs="?", metavar="TEXT", type=text_arg, help="the claim to match")
    add_workspace_arg(p)
    p.add_argument(
        "--batch", metavar="FILE", help="match each line of FILE (- for stdin); JSON lines with --json"
    )
    p.add_argument("--claim", type=int, metavar="ID", help="match a stored claim and keep its matches")
    p.add_argument(
        "--article", type=int, metavar="ID", help="match every claim of an article and keep the matches"
    )
    p.add_argument(
        "--exclude-article", type=int, metavar="ID", help="leave this article (and its versions) out"
    )
    p.add_argument("--limit", type=int, default=10, help="matches per claim (default 10)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_match)
