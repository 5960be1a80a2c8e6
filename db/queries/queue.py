"""The editor's queue: the articles waiting for the desk, with what is open on each and who worked
on it when. One query function for `workbench queue` and the window's Desk queue.

An article waits for the desk until it is signed off. For each: its claims (rejected and weak
proposals not counted, as in the reports), how many are unverified, how many proposals nobody
reviewed, how many the desk queried, how many need attention (the one rule,
`workbench.reports.attention`), and from the audit log who worked on it and when last. On a shared
desk (PostgreSQL) the audit log holds everyone's entries, so the queue shows everyone's work.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.queries.claim_rows import ClaimRow, all_rows, row_attention
from db.session import storage_errors
from workbench.extraction.source_kinds import article_outlet
from workbench.extraction.worth import DEFAULT_THRESHOLD
from workbench.model import Origin, Review
from workbench.reports.attention import OPEN_STATUSES

if TYPE_CHECKING:
    from db.workspace import Workspace

_OPEN = frozenset(s.value for s in OPEN_STATUSES)


@dataclass(frozen=True, slots=True)
class Worker:
    """Someone who worked on an article: how many audited changes, the last one when."""

    user: str
    changes: int
    last_at: str


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One article waiting for the desk."""

    article_id: int
    title: str
    date: str
    outlet: str
    claims: int
    unverified: int
    proposals: int
    queries: int
    attention: int
    workers: tuple[Worker, ...] = ()  # the most recent first

    @property
    def last_at(self) -> str:
        return self.workers[0].last_at if self.workers else ""

    @property
    def last_by(self) -> str:
        return self.workers[0].user if self.workers else ""

    @property
    def open_items(self) -> int:
        """What the desk still has to do here: attention, queries, proposals, unverified claims."""
        return self.attention + self.queries + self.proposals + self.unverified


@storage_errors
def editor_queue(ws: Workspace, *, threshold: int = DEFAULT_THRESHOLD) -> list[QueueItem]:
    """The articles not signed off, most to do first (then the latest worked on)."""
    articles = [s for s in ws.articles.summaries() if not s.signed_off]
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    wanted = {a.id for a in articles}
    for row in all_rows(ws):
        article_id = row[ClaimRow.ARTICLE_ID]
        if article_id not in wanted or _not_counted(row, threshold):
            continue
        c = counts[article_id]
        c[0] += 1
        c[1] += row[ClaimRow.STATUS] in _OPEN
        c[2] += row[ClaimRow.ORIGIN] == Origin.PROPOSED.value
        c[3] += row[ClaimRow.REVIEW] == Review.QUERY.value
        c[4] += row_attention(row).needed
    workers = _workers(ws)
    items = [
        QueueItem(
            article_id=a.id,
            title=a.title,
            date=a.date,
            outlet=article_outlet(a),
            claims=counts[a.id][0],
            unverified=counts[a.id][1],
            proposals=counts[a.id][2],
            queries=counts[a.id][3],
            attention=counts[a.id][4],
            workers=workers.get(a.id, ()),
        )
        for a in articles
    ]
    items.sort(key=lambda i: i.last_at, reverse=True)
    items.sort(key=lambda i: (i.attention, i.queries, i.open_items), reverse=True)
    return items


def _not_counted(row: tuple, threshold: int) -> bool:
    origin, worth = row[ClaimRow.ORIGIN], row[ClaimRow.WORTH]
    if origin == Origin.REJECTED.value:
        return True
    return origin == Origin.PROPOSED.value and worth is not None and worth < threshold


def _workers(ws: Workspace) -> dict[int, tuple[Worker, ...]]:
    rows = ws.db.execute(
        'SELECT article_id, "user", count(*), max(at) FROM audit WHERE article_id IS NOT NULL '
        'GROUP BY article_id, "user"'  # quoted: on PostgreSQL a bare user is current_user
    ).fetchall()
    out: dict[int, list[Worker]] = defaultdict(list)
    for article_id, user, changes, last_at in rows:
        out[article_id].append(Worker(user or "(unknown)", changes, last_at or ""))
    return {aid: tuple(sorted(ws_, key=lambda w: w.last_at, reverse=True)) for aid, ws_ in out.items()}
