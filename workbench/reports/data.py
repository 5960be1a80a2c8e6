"""The plain data a report is made from: one bundle per article, loaded by `db/queries/report_data.py`.

Every exporter (html, pdf, md, csv, json, ClaimReview, W3C) reads these dataclasses and
nothing else, so a report can be built in a test without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.matching.corroboration import MatchRole, conflicts, supports
from workbench.model import Article, Claim, LinkKind, MatchRelation, Note, Source


@dataclass(frozen=True, slots=True)
class StoredMatch:
    """A stored match of a claim: a sentence of another text, with what a person said of it."""

    id: int
    claim_id: int
    article_id: int
    start: int
    end: int
    text: str
    score: float = 0.0
    relation: MatchRelation = MatchRelation.UNRELATED
    link: LinkKind | None = None  # None while nobody has reviewed the match
    reasons: dict = field(default_factory=dict, compare=False, hash=False)
    article_title: str = ""
    article_date: str = ""
    article_url: str = ""
    publisher: str = ""
    wire_group: int | None = None
    created_at: str = ""
    role: MatchRole | None = (
        None  # as the workspace counts it (db.stores.matches.match_roles); None: work it out
    )

    @property
    def own_story(self) -> bool:
        """A copy of the claim's own story: shown, never counted."""
        return self.role is MatchRole.OWN_STORY

    @property
    def conflicting(self) -> bool:
        """Linked as contradicting, or (unreviewed) it conflicts with the claim."""
        if self.role is not None:
            return self.role is MatchRole.CONFLICTS
        return conflicts(self.link, self.relation)

    @property
    def corroborating(self) -> bool:
        """Linked as corroborating or the same claim, or (unreviewed) it agrees with the claim.

        The same rule as the app's counts (workbench/matching/corroboration.py, db/stores/matches.py).
        """
        if self.role is not None:
            return self.role is MatchRole.CORROBORATES
        return supports(self.link, self.relation)

    @property
    def independent_key(self) -> int:
        """Copies of one wire story count once: the wire group, else the article."""
        return self.wire_group if self.wire_group is not None else -self.article_id


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One audit log entry: who changed what, when, old -> new (values as stored, JSON text)."""

    id: int
    at: str
    user: str
    action: str
    entity: str
    entity_id: int | None = None
    article_id: int | None = None
    claim_id: int | None = None
    field: str = ""
    old: str | None = None
    new: str | None = None
    origin_user: str = ""  # the author in the workspace the entry was copied from ("": written here)
    origin_at: str = ""

    @property
    def who(self) -> str:
        """The entry's author as a person reads it: "anna (copied by ben)" for copied history."""
        if self.origin_user and self.origin_user != self.user:
            return f"{self.origin_user} (copied by {self.user})"
        return self.origin_user or self.user

    @property
    def when(self) -> str:
        """When the entry was first written (copied history: its time where it was written)."""
        return self.origin_at or self.at

    # Worded for people by workbench.reports.history.describe ("Status: Unchecked → Verified").


@dataclass(frozen=True, slots=True)
class SignOff:
    """The desk editor's sign-off of an article ("" editor: not signed off)."""

    editor: str = ""
    at: str = ""
    comment: str = ""

    @property
    def signed(self) -> bool:
        return bool(self.editor)


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """Everything known about one article: its claims with their sources, notes, matches and history."""

    article: Article
    claims: tuple[Claim, ...] = ()
    sources: tuple[Source, ...] = ()  # the sources its claims resolve to
    notes: dict[int, tuple[Note, ...]] = field(default_factory=dict)  # claim id -> notes and evidence
    matches: dict[int, tuple[StoredMatch, ...]] = field(default_factory=dict)  # claim id -> matches
    audit: tuple[AuditRecord, ...] = ()  # oldest first; the article's and its claims' entries
    sign_off: SignOff = SignOff()

    def source(self, source_id: int | None) -> Source | None:
        for source in self.sources:
            if source.id == source_id:
                return source
        return None

    def claim_notes(self, claim_id: int) -> tuple[Note, ...]:
        return self.notes.get(claim_id, ())

    def claim_matches(self, claim_id: int) -> tuple[StoredMatch, ...]:
        return self.matches.get(claim_id, ())

    def claim_audit(self, claim_id: int) -> tuple[AuditRecord, ...]:
        return tuple(e for e in self.audit if e.claim_id == claim_id)


@dataclass(frozen=True, slots=True)
class ReportData:
    """A report: one or more articles, who made it and when."""

    articles: tuple[ArticleReport, ...]
    generated_at: str = ""
    generated_by: str = ""
    organisation: str = ""
    organisation_url: str = ""
    claim_path: str = ""  # the review's page under organisation_url ("/fact-checks/claim-{claim}")
    workspace: str = ""  # the workspace file name, shown in the report's colophon

    @property
    def title(self) -> str:
        if len(self.articles) == 1:
            return self.articles[0].article.title or f"Article {self.articles[0].article.id}"
        return f"Verification report: {len(self.articles)} articles"
