"""Load the data a report is made from (`workbench.reports.data.ReportData`) out of a workspace.

One article, or every current article of the workspace. Claims come with their sources, notes
and evidence, stored matches (the `matches` table, joined to the matched article) and the audit
log; the article with its desk sign-off.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from db.session import storage_errors
from workbench.extraction.worth import DEFAULT_THRESHOLD
from workbench.model import ItemKind, LinkKind, MatchRelation, Note
from workbench.progress import NO_STEPS, Steps
from workbench.reports.data import ArticleReport, AuditRecord, ReportData, SignOff, StoredMatch
from workbench.reports.signoff import OpenQuestions
from workbench.reports.signoff import open_questions as open_questions_of

if TYPE_CHECKING:
    from db.workspace import Workspace

_MATCHES_SQL = """
    SELECT m.*, a.title AS article_title, a.date AS article_date, a.url AS article_url,
           coalesce(nullif(a.publisher, ''), a.agency) AS publisher, a.wire_group
    FROM matches m
    JOIN claims c ON c.id = m.claim_id
    JOIN articles a ON a.id = m.article_id
    WHERE c.article_id = ?
    ORDER BY m.claim_id, m.score DESC, m.id
"""


@storage_errors
def load_report_data(
    ws: Workspace,
    article_id: int | None = None,
    *,
    include_rejected: bool = False,
    threshold: int | None = DEFAULT_THRESHOLD,
    organisation: str = "",
    organisation_url: str = "",
    claim_path: str = "",
    generated_at: str = "",
    steps: Steps = NO_STEPS,
) -> ReportData:
    """The report bundle for one article (or, with `article_id` None, every current article).

    Args:
        ws: the open workspace.
        article_id: the article; None for the whole workspace (current versions of articles,
            not archive statements).
        include_rejected: keep rejected proposals (hidden in reports by default).
        threshold: leave out weak proposals, those nobody reviewed whose worth is below this
            (issue 17); None keeps them. Accepted and hand-made claims are always reported.
        organisation: the reviewing organisation (ClaimReview author, report colophon).
        organisation_url: its web address, if any.
        claim_path: where a claim's review sits under it (ClaimReview url; see claimreview.py).
        generated_at: the timestamp to print (defaults to now, UTC).
        steps: told of each article read; Cancelled stops between articles.

    Raises:
        ArticleNotFound: no article with that id.
    """
    if article_id is not None:
        ids = [ws.articles.get(article_id).id]
    else:
        ids = [s.id for s in reversed(ws.articles.summaries(ItemKind.ARTICLE, current_only=True))]
    reports = []
    for done, i in enumerate(ids):
        steps.step(done, len(ids), f"reading article {done + 1} of {len(ids)}")
        reports.append(load_article_report(ws, i, include_rejected=include_rejected, threshold=threshold))
    return ReportData(
        articles=tuple(reports),
        generated_at=generated_at or ws.session.now(),
        generated_by=ws.user,
        organisation=organisation,
        organisation_url=organisation_url,
        claim_path=claim_path,
        workspace=ws.path.name if ws.path else "",
    )


@storage_errors
def load_article_report(
    ws: Workspace,
    article_id: int,
    *,
    include_rejected: bool = False,
    threshold: int | None = DEFAULT_THRESHOLD,
) -> ArticleReport:
    """Everything a report shows about one article (weak proposals left out unless `threshold` is None)."""
    article = ws.articles.get(article_id)
    claims = tuple(
        c
        for c in ws.claims.for_article(article_id, include_rejected=include_rejected)
        if threshold is None or not c.weak(threshold)
    )
    claim_ids = [c.id for c in claims]
    source_ids = sorted({c.source_id for c in claims if c.source_id is not None})
    sources = tuple(ws.sources.get(i) for i in source_ids)
    editor, at, comment = ws.articles.sign_off(article_id)
    return ArticleReport(
        article=article,
        claims=claims,
        sources=sources,
        notes=_notes(ws, claim_ids),
        matches=_matches(ws, article_id, set(claim_ids)),
        audit=_audit(ws, article_id, claim_ids),
        sign_off=SignOff(editor=editor or "", at=at or "", comment=comment or ""),
    )


@storage_errors
def open_questions(ws: Workspace, article_id: int, threshold: int = DEFAULT_THRESHOLD) -> OpenQuestions:
    """What is still open on a stored article before the desk signs it off (weak proposals are
    not: the report leaves them out)."""
    return open_questions_of(load_article_report(ws, article_id, threshold=threshold))


def _notes(ws: Workspace, claim_ids: Iterable[int]) -> dict[int, tuple[Note, ...]]:
    ids = list(claim_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    grouped: dict[int, list[Note]] = {}
    for row in ws.db.query(f"SELECT * FROM notes WHERE claim_id IN ({marks}) ORDER BY id", ids):
        grouped.setdefault(row["claim_id"], []).append(Note(**row))
    return {k: tuple(v) for k, v in grouped.items()}


def _matches(ws: Workspace, article_id: int, claim_ids: set[int]) -> dict[int, tuple[StoredMatch, ...]]:
    roles = ws.matches.roles(article_id)  # the app's counting rules: copies of this story never count
    grouped: dict[int, list[StoredMatch]] = {}
    for row in ws.db.query(_MATCHES_SQL, [article_id]):
        if row["claim_id"] not in claim_ids:
            continue
        match = replace(match_from_row(row), role=roles.get(row["id"]))
        grouped.setdefault(row["claim_id"], []).append(match)
    return {k: tuple(v) for k, v in grouped.items()}


def match_from_row(row: dict) -> StoredMatch:
    """A `matches` row (joined with its article's title, date, url, publisher, wire group)."""
    try:
        reasons = json.loads(row.get("reasons") or "{}")
    except json.JSONDecodeError:
        reasons = {}
    relation = row.get("relation") or MatchRelation.UNRELATED.value
    link = row.get("link") or ""
    return StoredMatch(
        id=row["id"],
        claim_id=row["claim_id"],
        article_id=row["article_id"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        score=float(row.get("score") or 0.0),
        relation=MatchRelation(relation)
        if relation in MatchRelation._value2member_map_
        else MatchRelation.UNRELATED,
        link=LinkKind(link) if link in LinkKind._value2member_map_ else None,
        reasons=reasons if isinstance(reasons, dict) else {},
        article_title=row.get("article_title") or "",
        article_date=row.get("article_date") or "",
        article_url=row.get("article_url") or "",
        publisher=row.get("publisher") or "",
        wire_group=row.get("wire_group"),
        created_at=row.get("created_at") or "",
    )


def _audit(ws: Workspace, article_id: int, claim_ids: list[int]) -> tuple[AuditRecord, ...]:
    """The article's entries and its claims' (notes carry only a claim id), oldest first."""
    params: list[object] = [article_id]
    sql = "SELECT * FROM audit WHERE article_id = ?"
    if claim_ids:
        sql += f" OR claim_id IN ({','.join('?' * len(claim_ids))})"
        params += claim_ids
    return tuple(AuditRecord(**row) for row in ws.db.query(sql + " ORDER BY id", params))


@storage_errors
def audit_records(
    ws: Workspace, *, article_id: int | None = None, claim_id: int | None = None
) -> list[AuditRecord]:
    """Audit entries as report records: all, one article's (with its claims'), or one claim's."""
    if article_id is not None:
        claim_ids = [r[0] for r in ws.db.execute("SELECT id FROM claims WHERE article_id = ?", [article_id])]
        return list(_audit(ws, article_id, claim_ids))
    return [AuditRecord(**vars_of(e)) for e in ws.audit.entries(claim_id=claim_id)]


def vars_of(entry: object) -> dict:
    return {name: getattr(entry, name) for name in AuditRecord.__slots__}
