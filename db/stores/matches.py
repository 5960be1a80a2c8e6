"""Stored matches between claims and sentences of other stored texts, and what they add up to.

A match row ties a claim to a sentence of another article (its offsets and text are copied so
the match survives edits), with the rerank score, the number relation (agree / conflict /
unrelated), the reasons it matched (JSON) and a person's link (corroborates / contradicts /
same claim, or "" while unreviewed).

Counting is by *independent source*: copies of one wire story (articles sharing a
`wire_group`) count once, as do the versions of one article; copies of the claim's *own* story
(same wire group as the claim's article) not at all. workbench/matching/corroboration.py has the rules
(`role`); `MatchStore.counts`, `MatchStore.roles` and db/queries/claim_rows.py run them in SQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from db.session import Session, acts, translates_errors
from db.stores import versions
from db.stores.articles import ArticleStore
from db.stores.audit import AuditLog
from db.stores.claims import ClaimStore
from db.stores.search import SentenceSearch
from workbench.matching.corroboration import MatchRole
from workbench.matching.rerank import (
    Corroboration,
    PreparedQuery,
    SentenceWords,
    StoredMatch,
    corroboration,
    explain,
    hit_terms,
    is_conflict,
    query_terms,
    rerank,
    to_result,
)
from workbench.model import LinkKind, MatchRelation, MatchResult, SentenceHit

# The rules of workbench/matching/corroboration.py in SQL, over `matches m`, the matched article (alias
# {a}) and the claim's own article (alias {ca}); db/queries/claim_rows.py uses them too, so the claims
# table counts the same way. A person's link decides; unreviewed, the relation does.
CONFLICT_SQL = "(m.link = 'contradicts' OR (m.link = '' AND m.relation = 'conflict'))"
SUPPORT_SQL = "(m.link IN ('corroborates', 'same_claim') OR (m.link = '' AND m.relation = 'agree'))"
# One independent source: the wire group of the matched article, else the article itself.
SOURCE_SQL = "coalesce({a}.wire_group, -{a}.id)"
# A copy of the claim's own story (same wire group as the claim's article): never counted.
# (never NULL: `NOT` of it must be true for a story with no group; `=` rather than SQLite's `IS`)
OWN_STORY_SQL = (
    "({a}.wire_group IS NOT NULL AND {ca}.wire_group IS NOT NULL AND {a}.wire_group = {ca}.wire_group)"
)
_SOURCE_SQL = SOURCE_SQL.format(a="a")
_OWN_STORY_SQL = OWN_STORY_SQL.format(a="a", ca="ca")


# --- matching and storing -----------------------------------------------------------------------

MATCHES_KEPT = 10  # matches stored per claim by `match_claim`
STORE_MIN_SCORE = 40.0  # weaker matches are shown on demand but not stored (they would count as sources)
# ...unless they agree or conflict: a long claim with two facts scores low against a sentence
# stating one of them ("...3,000 troops..." vs "The US has about 5,200 troops": 37).
STORE_MIN_SCORE_RELATED = 30.0


def worth_storing(result: MatchResult) -> bool:
    """Whether a match is kept: a good score, or a fair one with a relation to the claim."""
    if result.relation is MatchRelation.UNRELATED:
        return result.score >= STORE_MIN_SCORE
    return result.score >= STORE_MIN_SCORE_RELATED


@dataclass(frozen=True, slots=True)
class MatchRun:
    """What `match_article` did."""

    claims: int
    matches: int
    conflicts: int
    cancelled: bool = False


class MatchNotFound(LookupError):
    def __init__(self, match_id: int) -> None:
        super().__init__(f"no match with id {match_id}")
        self.match_id = match_id


_SELECT = f"""
    SELECT m.id, m.claim_id, m.article_id, m.sentence_id, m.start, m."end", m.text, m.score, m.relation,
           m.link, m.reasons, a.title, a.date, a.url, coalesce(nullif(a.publisher, ''), a.agency), a.wire_group,
           a.external_id, {_SOURCE_SQL}, {_OWN_STORY_SQL}, a.verdict, m.version
    FROM matches m JOIN articles a ON a.id = m.article_id
    JOIN claims c ON c.id = m.claim_id JOIN articles ca ON ca.id = c.article_id
"""


def _stored(row: tuple) -> StoredMatch:
    reasons = json.loads(row[10] or "{}")
    result = MatchResult(
        article_id=row[2],
        start=row[4],
        end=row[5],
        text=row[6],
        score=row[7],
        relation=MatchRelation(row[8]),
        shared_terms=tuple(reasons.get("names", [])) + tuple(reasons.get("terms", [])),
        shared_numbers=tuple(reasons.get("numbers", [])),
        conflicts=tuple(reasons.get("conflicts", [])),
        article_title=row[11],
        article_date=row[12],
        article_url=row[13],
        publisher=row[14] or "",
        wire_group=row[15],
        sentence_id=row[3],
        extra={"external_id": row[16], "names": reasons.get("names", []), "verdict": row[19] or ""},
    )
    link = LinkKind(row[9]) if row[9] else None
    return StoredMatch(row[0], row[1], result, link, row[17], bool(row[18]), row[20])


def _reasons_json(result: MatchResult) -> str:
    names = list(result.extra.get("names", []))
    return json.dumps(
        {
            "names": names,
            "terms": [t for t in result.shared_terms if t not in names],
            "numbers": list(result.shared_numbers),
            "conflicts": list(result.conflicts),
        },
        ensure_ascii=False,
    )


@translates_errors
class MatchStore:
    """The stored matches of claims (the workspace's `ws.matches`): counting, matching, linking."""

    def __init__(
        self,
        session: Session,
        audit: AuditLog,
        articles: ArticleStore,
        claims: ClaimStore,
        search: SentenceSearch,
    ) -> None:
        self.session = session
        self.db = session.db
        self.audit = audit
        self.articles = articles
        self.claims = claims
        self.search = search

    def counts(self, article_id: int) -> dict[int, tuple[int, int]]:
        """Per claim of an article: (independent corroborating sources, independent conflicting sources).

        Used by the claims table's "matches" column. Claims without stored matches are absent.
        Copies of the claim's own story count in neither.

        Args:
            article_id: the article whose claims are counted.

        Returns:
            {claim_id: (matches, conflicts)}; wire copies of one story count once in each.
        """
        rows = self.db.execute(
            f"""
            SELECT m.claim_id,
                   count(DISTINCT CASE WHEN {SUPPORT_SQL} THEN {_SOURCE_SQL} END),
                   count(DISTINCT CASE WHEN {CONFLICT_SQL} THEN {_SOURCE_SQL} END)
            FROM matches m
            JOIN claims c ON c.id = m.claim_id
            JOIN articles ca ON ca.id = c.article_id
            JOIN articles a ON a.id = m.article_id
            WHERE c.article_id = ? AND NOT {_OWN_STORY_SQL}
            GROUP BY m.claim_id
            """,
            [article_id],
        ).fetchall()
        return {claim_id: (supporting, conflicting) for claim_id, supporting, conflicting in rows}

    def roles(self, article_id: int) -> dict[int, MatchRole]:
        """The role of every stored match of an article's claims, by match id (reports read this).

        `MatchRole.OWN_STORY` marks a match in a copy of the claim's own story (same wire group as
        the claim's article): leave it out of corroboration; `CORROBORATES` / `CONFLICTS` count, one
        per independent source (the matched article's wire group, else the article: `SOURCE_SQL`);
        `UNRELATED` is shown, not counted.
        """
        rows = self.db.execute(
            f"""
            SELECT m.id, {_OWN_STORY_SQL}, {CONFLICT_SQL}, {SUPPORT_SQL}
            FROM matches m
            JOIN claims c ON c.id = m.claim_id
            JOIN articles ca ON ca.id = c.article_id
            JOIN articles a ON a.id = m.article_id
            WHERE c.article_id = ?
            """,
            [article_id],
        ).fetchall()
        roles = {}
        for match_id, own, conflict, support in rows:
            if own:
                roles[match_id] = MatchRole.OWN_STORY
            elif conflict:
                roles[match_id] = MatchRole.CONFLICTS
            elif support:
                roles[match_id] = MatchRole.CORROBORATES
            else:
                roles[match_id] = MatchRole.UNRELATED
        return roles

    def for_claim(self, claim_id: int) -> list[StoredMatch]:
        """The stored matches of a claim, best first; copies of the claim's own story last (they never
        count, however high they score)."""
        rows = self.db.execute(
            _SELECT + " WHERE m.claim_id = ? ORDER BY m.score DESC, m.id", [claim_id]
        ).fetchall()
        return sorted((_stored(r) for r in rows), key=lambda m: m.own_story)

    def get(self, match_id: int) -> StoredMatch:
        row = self.db.execute(_SELECT + " WHERE m.id = ?", [match_id]).fetchone()
        if row is None:
            raise MatchNotFound(match_id)
        return _stored(row)

    def corroboration(self, claim_id: int) -> Corroboration:
        """A claim's independent corroborating and conflicting sources (wire copies count once; copies
        of the claim's own story not at all: they are in `copies`)."""
        return corroboration(self.for_claim(claim_id))

    @acts("storing matches", "checker")
    def match_claim(self, claim_id: int, *, limit: int = MATCHES_KEPT) -> list[StoredMatch]:
        """Match one claim against every other stored text and keep the good matches.

        Unreviewed matches of an earlier run are replaced; linked ones are kept as they are.
        The claim's own article (and its versions) is left out.
        """
        self.session.writable()
        claim = self.claims.get(claim_id)
        results = self.search.match(claim.text, limit=limit, exclude_article=claim.article_id)
        with self.db.atomic():
            self.db.execute("DELETE FROM matches WHERE claim_id = ? AND link = ''", [claim_id])
            linked = {
                r[0]
                for r in self.db.execute("SELECT sentence_id FROM matches WHERE claim_id = ?", [claim_id])
            }
            keep = [r for r in results if worth_storing(r) and r.sentence_id not in linked]
            self._insert(claim_id, keep, self.session.now())
            self.audit.record(
                "match",
                "claim",
                claim_id,
                field="matches",
                new=len(keep),
                claim_id=claim_id,
                article_id=claim.article_id,
            )
        return self.for_claim(claim_id)

    def match_article(
        self,
        article_id: int,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> MatchRun:
        """`match_claim` for every claim of an article (rejected proposals left out)."""
        claims = self.claims.for_article(article_id, include_rejected=False)
        stored = conflicts = 0
        for done, claim in enumerate(claims):
            if cancelled():
                return MatchRun(done, stored, conflicts, cancelled=True)
            if progress:
                progress(done, len(claims))
            matches = self.match_claim(claim.id)
            stored += len(matches)
            conflicts += sum(is_conflict(m) for m in matches)
        if progress:
            progress(len(claims), len(claims))
        return MatchRun(len(claims), stored, conflicts)

    @acts("linking matches", "checker")
    def set_link(
        self, match_id: int, link: LinkKind | None, *, if_version: int | None = None
    ) -> LinkKind | None:
        """A person says what a match is (None clears it). Returns the previous link, for undo.

        The match's version moves by one (an edit from `if_version=v` leaves `v + 1`).

        Raises:
            MatchNotFound: the match is gone (matching again replaced it).
            StaleEdit: the match is not at `if_version` any more; nothing was written.
        """
        self.session.writable()
        with self.db.atomic():
            old = self.get(match_id)
            versions.check(self.session, "match", match_id, if_version, old.version)
            versions.bump(self.session, "match", match_id, old.version)
            self.db.execute(
                "UPDATE matches SET link = ? WHERE id = ?", [link.value if link else "", match_id]
            )
            self.audit.record(
                "link",
                "match",
                match_id,
                field="link",
                old=old.link.value if old.link else "",
                new=link.value if link else "",
                claim_id=old.claim_id,
                article_id=old.result.article_id,
            )
        return old.link

    def match_new_articles(self, article_ids: Sequence[int]) -> int:
        """Match the stored claims of other articles against newly imported ones. Returns matches stored.

        Runs after an import so that a new article contradicting an old claim flags it at once. It
        compares each claim only with the new articles' sentences (an in-memory word index of them),
        so its cost grows with the claims, not with the whole store.
        """
        ids = sorted(set(article_ids))
        if not ids or self.session.read_only:
            return 0
        marks = ",".join("?" * len(ids))
        claims = self.db.execute(
            f"""SELECT c.id, c.article_id, c.text FROM claims c JOIN articles a ON a.id = c.article_id
                WHERE c.origin != 'rejected' AND a.superseded_by IS NULL AND c.article_id NOT IN ({marks})""",
            ids,
        ).fetchall()
        if not claims:
            return 0
        rows = self.db.execute(
            f"""SELECT s.id, s.article_id, s.start, s."end", s.text, s.title, s.terms, s.title_terms
                FROM sentences s JOIN articles a ON a.id = s.article_id
                WHERE s.article_id IN ({marks}) AND a.superseded_by IS NULL""",
            ids,
        ).fetchall()
        index = SentenceWords([SentenceHit(*r[:5], 0.0, *r[5:]) for r in rows])
        search = self.search
        total = search.total()
        found: list[tuple[int, list[MatchResult]]] = []
        for claim_id, claim_article, text in claims:
            terms = query_terms(text)
            hits = index.candidates(terms)
            if not hits:
                continue
            versions = set(self.articles.versions(claim_article))
            hits = [h for h in hits if h.article_id not in versions]
            query = PreparedQuery.build(text, search.doc_freq(terms), total, terms)
            ranked = [(h, v) for h, v in rerank(query, hits, MATCHES_KEPT) if v >= STORE_MIN_SCORE_RELATED]
            if ranked:
                articles = search.articles(h.article_id for h, _ in ranked)
                results = [
                    to_result(h, v, explain(text, h.text, query, hit_terms(h)[0]), articles.get(h.article_id))
                    for h, v in ranked
                ]
                if keep := [r for r in results if worth_storing(r)]:
                    found.append((claim_id, keep))
        stored = 0
        if found:
            now = self.session.now()
            with self.db.atomic():
                for claim_id, results in found:
                    have = {
                        r[0]
                        for r in self.db.execute(
                            "SELECT sentence_id FROM matches WHERE claim_id = ?", [claim_id]
                        )
                    }
                    fresh = [r for r in results if r.sentence_id not in have]
                    stored += self._insert(claim_id, fresh, now)
                    if fresh:
                        self.audit.record(
                            "match", "claim", claim_id, field="matches", new=len(fresh), claim_id=claim_id
                        )
        return stored

    def _insert(self, claim_id: int, results: Sequence[MatchResult], now: str) -> int:
        rows = [
            (
                claim_id,
                r.article_id,
                r.sentence_id,
                r.start,
                r.end,
                r.text,
                r.score,
                r.relation.value,
                _reasons_json(r),
                now,
            )
            for r in results
        ]
        self.db.executemany(
            'INSERT INTO matches (claim_id, article_id, sentence_id, start, "end", text, score, relation, reasons, '
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return len(rows)
