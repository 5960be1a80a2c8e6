"""Read queries for the claims table: one tuple per claim, fast enough for 100,000 rows.

The GUI table keeps these tuples as they come from SQLite and builds display objects lazily;
`ClaimRow` names the positions. Also `generate_claims`, which fills a workspace with many claims
quickly (tests and benchmarks of the table at scale).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from db.session import storage_errors
from db.stores.matches import CONFLICT_SQL, OWN_STORY_SQL, SOURCE_SQL, SUPPORT_SQL
from workbench.model import Claim, Origin, Review, SourceKind, Status
from workbench.reports.attention import Attention, Support, attention

if TYPE_CHECKING:
    from db.workspace import Workspace


class ClaimRow(IntEnum):
    """Positions in a claim row: the tuple the claims table keeps for each claim, as SQLite returns it
    (`row[ClaimRow.SUMMARY]`)."""

    ID = 0
    ARTICLE_ID = 1
    NUMBER = 2  # 1-based position of the claim in its article
    START = 3
    END = 4
    SUMMARY = 5
    TEXT = 6
    SOURCE = 7
    SOURCE_KIND = 8
    VIA = 9
    STATUS = 10
    ORIGIN = 11
    KIND = 12
    MATCHES = 13  # independent corroborating sources (wire copies count once)
    CONFLICTS = 14  # independent conflicting sources
    NOTES = 15
    SOURCE_START = 16
    SOURCE_END = 17
    ARTICLE_TITLE = 18
    REVIEW = 19
    WORTH = 20  # check-worthiness 0-100, or None (not scored)
    WORTH_REASONS = 21  # JSON [[rule, points, text], ...] (db/stores/claim_worth.py)
    EVIDENCE = 22  # notes that are evidence (a URL or a quoted passage)
    ORPHAN = 23  # 1 when the claim lost its place in the text
    PHRASE = 24  # the words naming the source in the article ("" when none)
    REVIEW_COMMENT = 25  # the desk's comment on its review mark
    VERSION = 26  # the claim's row version as shown: an edit from the table names it (db/stores/versions.py)


_COLUMNS = """
           c.start, c."end", c.summary, c.text,
           coalesce(s.name, a.phrase, ''), coalesce(s.kind, a.kind, ''), coalesce(a.via, ''),
           c.status, c.origin, c.kind, {counts},
           a.source_start, a.source_end, ar.title, c.review, c.worth, c.worth_reasons,
           {evidence}, c.orphan, coalesce(a.phrase, ''), c.review_comment, c.version
    FROM claims c
    JOIN articles ar ON ar.id = c.article_id
    LEFT JOIN attributions a ON a.claim_id = c.id
    LEFT JOIN sources s ON s.id = a.source_id
"""
_WINDOW_NUMBER = 'row_number() OVER (PARTITION BY c.article_id ORDER BY c.start, c."end", c.id)'
_COUNTED_NUMBER = """(SELECT count(*) FROM claims o WHERE o.article_id = c.article_id
                AND (o.start < c.start OR (o.start = c.start AND (o."end" < c."end"
                     OR (o."end" = c."end" AND o.id < c.id))))) + 1"""
# Matches and conflicts count independent sources, as `MatchStore.counts` (db/stores/matches.py) does: copies of
# one wire story count once, copies of the claim's own story not at all, and a person's link
# decides whether a match corroborates or conflicts.
_MATCHED = "FROM matches m JOIN articles ma ON ma.id = m.article_id"
_NOT_OWN = f"NOT {OWN_STORY_SQL.format(a='ma', ca='ar')}"
# Per-claim subqueries use idx_matches_claim / idx_notes_claim: cheap for one article's claims.
_SUBQUERY_COUNTS = f"""(SELECT count(DISTINCT {SOURCE_SQL.format(a="ma")}) {_MATCHED}
                WHERE m.claim_id = c.id AND {SUPPORT_SQL} AND {_NOT_OWN}),
           (SELECT count(DISTINCT {SOURCE_SQL.format(a="ma")}) {_MATCHED}
                WHERE m.claim_id = c.id AND {CONFLICT_SQL} AND {_NOT_OWN}),
           (SELECT count(*) FROM notes n WHERE n.claim_id = c.id)"""
_EVIDENCE_NOTE = "(n.url != '' OR n.quote != '')"
_SUBQUERY_EVIDENCE = f"(SELECT count(*) FROM notes n WHERE n.claim_id = c.id AND {_EVIDENCE_NOTE})"
# For the whole workspace, aggregate once instead.
_JOINED_COUNTS = "coalesce(m.corroborating, 0), coalesce(m.conflicts, 0), coalesce(nt.n, 0)"
_JOINED_EVIDENCE = "coalesce(nt.evidence, 0)"
_COUNT_JOINS = f"""
    LEFT JOIN (SELECT m.claim_id,
                      count(DISTINCT CASE WHEN {SUPPORT_SQL} THEN {SOURCE_SQL.format(a="ma")} END)
                          AS corroborating,
                      count(DISTINCT CASE WHEN {CONFLICT_SQL} THEN {SOURCE_SQL.format(a="ma")} END)
                          AS conflicts
               {_MATCHED} JOIN claims mc ON mc.id = m.claim_id JOIN articles mca ON mca.id = mc.article_id
               WHERE NOT {OWN_STORY_SQL.format(a="ma", ca="mca")}
               GROUP BY m.claim_id) m ON m.claim_id = c.id
    LEFT JOIN (SELECT n.claim_id, count(*) AS n, sum(CASE WHEN {_EVIDENCE_NOTE} THEN 1 ELSE 0 END) AS evidence
               FROM notes n GROUP BY n.claim_id) nt ON nt.claim_id = c.id
"""
_ORDER = ' ORDER BY c.article_id, c.start, c."end", c.id'


def _select(number: str, counts: str, evidence: str = _SUBQUERY_EVIDENCE) -> str:
    return f"SELECT c.id, c.article_id, {number}," + _COLUMNS.format(counts=counts, evidence=evidence)


def row_claim(row: tuple) -> Claim:
    """The `Claim` a table row stands for, with what `attention` reads (no numbers, no spans of
    the cue): the row query holds the same facts the stores give the reports."""
    return Claim(
        id=row[ClaimRow.ID],
        article_id=row[ClaimRow.ARTICLE_ID],
        start=row[ClaimRow.START],
        end=row[ClaimRow.END],
        text=row[ClaimRow.TEXT],
        status=Status(row[ClaimRow.STATUS]),
        origin=Origin(row[ClaimRow.ORIGIN]),
        source_name=row[ClaimRow.SOURCE],
        source_phrase=row[ClaimRow.PHRASE],
        source_kind=SourceKind(row[ClaimRow.SOURCE_KIND] or SourceKind.AGENCY.value),
        orphan=bool(row[ClaimRow.ORPHAN]),
        review=Review(row[ClaimRow.REVIEW] or ""),
        review_comment=row[ClaimRow.REVIEW_COMMENT] or "",
    )


def row_attention(row: tuple) -> Attention:
    """The one needs-attention rule (`workbench.reports.attention`) applied to a table row."""
    support = Support(
        corroborating=row[ClaimRow.MATCHES],
        conflicting=row[ClaimRow.CONFLICTS],
        evidence=row[ClaimRow.EVIDENCE],
    )
    return attention(row_claim(row), support)


@storage_errors
def article_rows(ws: Workspace, article_id: int) -> list[tuple]:
    """Every claim of one article (rejected included), in text order."""
    sql = _select(_WINDOW_NUMBER, _SUBQUERY_COUNTS) + " WHERE c.article_id = ?" + _ORDER
    return ws.db.execute(sql, [article_id]).fetchall()


@storage_errors
def all_rows(ws: Workspace) -> list[tuple]:
    """Every claim in the workspace, article by article."""
    return ws.db.execute(
        _select(_WINDOW_NUMBER, _JOINED_COUNTS, _JOINED_EVIDENCE) + _COUNT_JOINS + _ORDER
    ).fetchall()


@storage_errors
def rows_for_ids(ws: Workspace, claim_ids: Iterable[int]) -> dict[int, tuple]:
    """The rows of the given claims that still exist, by id."""
    ids = list(dict.fromkeys(claim_ids))
    out: dict[int, tuple] = {}
    for i in range(0, len(ids), 500):  # stay under SQLite's parameter limit
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for row in ws.db.execute(
            _select(_COUNTED_NUMBER, _SUBQUERY_COUNTS) + f" WHERE c.id IN ({marks})", chunk
        ).fetchall():
            out[row[ClaimRow.ID]] = row
    return out


@storage_errors
def claim_ids_of_article(ws: Workspace, article_id: int) -> list[int]:
    return [r[0] for r in ws.db.execute("SELECT id FROM claims WHERE article_id = ?", [article_id])]


@storage_errors
def generate_claims(
    ws: Workspace, claims: int, *, articles: int = 500, seed: int = 1, sentence: str | None = None
) -> int:
    """Fill `ws` with `articles` synthetic articles holding `claims` claims in total, fast.

    Bypasses the stores (one executemany per table, no audit entries): this builds fixtures for
    tests and benchmarks, never user data. Returns the id of the first generated article.
    """
    rng = random.Random(seed)
    words = [
        "officials",
        "ministry",
        "said",
        "troops",
        "rockets",
        "embassy",
        "government",
        "sources",
        "reported",
        "according",
        "percent",
        "million",
        "border",
        "talks",
        "ceasefire",
        "election",
        "vote",
        "court",
        "ruling",
        "report",
        "figures",
        "budget",
        "water",
        "power",
    ]
    sentence = sentence or "The {w1} {w2} {n} {w3} near the {w4}, a {w5} said."
    per_article = max(1, claims // articles)
    now = ws.session.now()
    conn = ws.db.conn
    first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
    first_claim = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM claims").fetchone()[0]
    article_rows_: list[Sequence] = []
    claim_rows_: list[Sequence] = []
    attribution_rows: list[Sequence] = []
    made = 0
    for a in range(articles):
        article_id = first_id + a
        count = per_article if a < articles - 1 else claims - made
        parts: list[str] = []
        offset = 0
        for _ in range(count):
            s = sentence.format(
                w1=rng.choice(words),
                w2=rng.choice(words),
                n=rng.randint(2, 90000),
                w3=rng.choice(words),
                w4=rng.choice(words),
                w5=rng.choice(words),
            )
            claim_id = first_claim + made
            status = rng.choice(("unchecked", "unchecked", "in_progress", "verified", "false", "misleading"))
            origin = rng.choice(("proposed", "accepted", "manual"))
            claim_rows_.append(
                (
                    claim_id,
                    article_id,
                    offset,
                    offset + len(s),
                    s,
                    " ".join(s.split()[:6]),
                    status,
                    origin,
                    now,
                )
            )
            cue = s.rfind(", a ")
            attribution_rows.append(
                (claim_id, s[cue + 4 : -6], offset + cue + 4, offset + len(s) - 6, "anonymous")
            )
            parts.append(s)
            offset += len(s) + 2
            made += 1
        text = "\n\n".join(parts) or "(empty)"
        article_rows_.append(
            (
                article_id,
                f"Generated article {a + 1}",
                f"2024-01-{a % 28 + 1:02d}",
                "TEST AGENCY",
                text,
                f"gen{article_id}",
                now,
            )
        )
    with ws.db.atomic():
        conn.executemany(
            "INSERT INTO articles (id, title, date, agency, text, text_hash, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            article_rows_,
        )
        conn.executemany(
            'INSERT INTO claims (id, article_id, start, "end", text, summary, status, origin, created_at) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            claim_rows_,
        )
        conn.executemany(
            "INSERT INTO attributions (claim_id, phrase, source_start, source_end, kind) VALUES (?, ?, ?, ?, ?)",
            attribution_rows,
        )
    return first_id


@storage_errors
def claims_citing(ws: Workspace, source_id: int) -> list[int]:
    """Ids of the claims attributed to a registry source."""
    return [r[0] for r in ws.db.execute("SELECT claim_id FROM attributions WHERE source_id = ?", [source_id])]
