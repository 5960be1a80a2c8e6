"""Core value types of the workbench: plain frozen dataclasses and string enums.

Everything here is pure data. `db/` stores and loads these, `ui/` shows them, and the
engines in `workbench/` (extraction, matching, anchoring, reports) produce and consume them.
All offsets are Python code-point offsets into the stored article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SourceKind(StrEnum):
    """What kind of source carries a claim."""

    NAMED = "named"  # a named person: "Mr Ali Mamouri, an analyst"
    ANONYMOUS = "anonymous"  # an unnamed person or group: "a top Iraqi official"
    INSTITUTION = "institution"  # an organisation speaking as such: "the State Department said"
    DOCUMENT = "document"  # a report, tweet, statement, court filing
    AGENCY = "agency"  # the publication's own voice: the claim cites no one


class ClaimKind(StrEnum):
    """What kind of checkable assertion a claim is (see docs/claims.md)."""

    QUANTITY = "quantity"  # carries a number that can be checked: "around 3,000 US troops"
    EVENT = "event"  # something happened: "Pompeo called Saleh"
    QUOTE = "quote"  # quoted speech: '"The Americans aren't just angry..."'
    STATEMENT = "statement"  # any other assertion of fact or position


class Status(StrEnum):
    """The fact-checker's verdict on a claim."""

    UNCHECKED = "unchecked"
    IN_PROGRESS = "in_progress"
    VERIFIED = "verified"
    FALSE = "false"
    MISLEADING = "misleading"
    UNVERIFIABLE = "unverifiable"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Origin(StrEnum):
    """Where a claim came from, and what a person did with a proposal."""

    PROPOSED = "proposed"  # proposed by the extraction engine, not yet reviewed
    ACCEPTED = "accepted"  # proposal accepted by a person
    REJECTED = "rejected"  # proposal rejected by a person (kept, hidden by default)
    MANUAL = "manual"  # created by a person

    @property
    def is_human(self) -> bool:
        """True when a person created or reviewed the claim: never overwrite it."""
        return self is not Origin.PROPOSED


class Review(StrEnum):
    """The desk editor's mark on a claim."""

    NONE = ""
    APPROVED = "approved"
    QUERY = "query"


class ItemKind(StrEnum):
    """What a stored text is."""

    ARTICLE = "article"  # a news story
    STATEMENT = "statement"  # one row of a statements/fact-check archive


class MatchRelation(StrEnum):
    """How a matched sentence relates to a claim."""

    AGREE = "agree"
    CONFLICT = "conflict"
    UNRELATED = "unrelated"


class LinkKind(StrEnum):
    """What a person said a match is."""

    CORROBORATES = "corroborates"
    CONTRADICTS = "contradicts"
    SAME_CLAIM = "same_claim"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of code points into a text."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in a claim: "around 3,000 troops" -> 3000, "troops", approximate.

    `bound` is "exact", "approx", "lower" ("more than 120"), "upper" ("fewer than 50") or "range"
    ("2,500 to 3,000": `low` 2500, `value` 3000).
    Offsets are into the article text.
    """

    text: str
    start: int
    end: int
    value: float
    unit: str | None = None
    approximate: bool = False
    bound: str = "exact"
    low: float | None = None  # a range ("2,500 to 3,000 troops"): low end; value is the high end


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says a claim, and how.

    `source` is the source phrase as written ("a top Iraqi official"); `source_start`/`source_end`
    locate it, or are None when the source is implicit (the agency's own voice). `source_key` names
    the entry in the article's source registry that this phrase resolves to (back-references such as
    "the official" resolve to the diplomat described earlier).
    """

    source: str
    kind: SourceKind
    source_start: int | None = None
    source_end: int | None = None
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    via: str | None = None
    source_key: str | None = None
    description: str = ""
    resolved: str = ""
    unsure: bool = False


@dataclass(frozen=True, slots=True)
class WorthReason:
    """One check-worthiness rule that fired on a claim: "+18 a number with a unit"."""

    rule: str
    points: int
    text: str

    def label(self) -> str:
        sign = "+" if self.points >= 0 else "−"
        return f"{sign}{abs(self.points)} {self.text}"


@dataclass(frozen=True, slots=True)
class ProposedClaim:
    """A claim proposed by the extraction engine: an exact span with its attribution.

    `worth` is its check-worthiness, 0–100, and `reasons` the rules that decided it, strongest
    first (workbench.extraction.worth); a proposal below the threshold is weak (hidden by default).
    """

    start: int
    end: int
    text: str
    summary: str
    kind: ClaimKind
    numbers: tuple[NumberMention, ...] = ()
    attribution: Attribution | None = None
    worth: int | None = None
    reasons: tuple[WorthReason, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One distinct source of an article, aliases merged."""

    key: str
    name: str
    kind: SourceKind
    aliases: tuple[str, ...] = ()
    description: str = ""
    claims: int = 0


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extraction engine proposes for one article."""

    claims: tuple[ProposedClaim, ...]
    sources: tuple[SourceEntry, ...]


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Metadata of a text as read from a file, before it is stored."""

    title: str = ""
    url: str = ""
    date: str = ""
    dateline: str = ""
    agency: str = ""
    publisher: str = ""
    verdict: str = ""
    external_id: str = ""


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One text read from a file, ready to be stored (an article or one statement row)."""

    text: str
    meta: ArticleMeta
    kind: ItemKind = ItemKind.ARTICLE
    origin_path: str = ""
    encoding: str = "utf-8"
    encoding_note: str = ""  # "" when the encoding is certain; else why not (import summary)


@dataclass(frozen=True, slots=True)
class Article:
    """A stored text (article or statement)."""

    id: int
    title: str
    text: str
    url: str = ""
    date: str = ""
    dateline: str = ""
    agency: str = ""
    publisher: str = ""
    verdict: str = ""
    external_id: str = ""
    kind: ItemKind = ItemKind.ARTICLE
    text_hash: str = ""
    origin_path: str = ""
    imported_at: str = ""
    version_of: int | None = None  # the previous version of this article, if it was updated
    wire_group: int | None = None  # articles sharing long verbatim passages share a group
    encoding: str = ""  # the encoding its file was read with ("utf-8", "cp1251", "mixed utf-8/cp1252")
    encoding_note: str = ""  # "" when that encoding is certain; else why it is a guess
    version: int = 1  # the stored row's version: an edit of its details or sign-off names it


@dataclass(frozen=True, slots=True)
class Source:
    """A stored speaker or outlet in the workspace's source registry."""

    id: int
    name: str
    kind: SourceKind
    description: str = ""
    aliases: tuple[str, ...] = ()
    version: int = 1  # the stored row's version: an edit names it, and is refused when it is stale


@dataclass(frozen=True, slots=True)
class Claim:
    """A stored claim with its attribution (flattened: one attribution per claim)."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    summary: str = ""
    kind: ClaimKind = ClaimKind.STATEMENT
    status: Status = Status.UNCHECKED
    origin: Origin = Origin.MANUAL
    numbers: tuple[NumberMention, ...] = ()
    source_id: int | None = None
    source_name: str = ""
    source_kind: SourceKind | None = None
    source_phrase: str = ""
    source_unsure: bool = False  # the engine's resolution of the phrase ("he") rests on weak evidence
    source_start: int | None = None
    source_end: int | None = None
    cue: str = ""
    via: str = ""
    prefix: str = ""
    suffix: str = ""
    orphan: bool = False
    reviewer: str = ""
    review: Review = Review.NONE
    review_comment: str = ""
    created_by: str = ""
    created_at: str = ""
    updated_by: str = ""
    updated_at: str = ""
    worth: int | None = None  # check-worthiness 0–100 (None: not scored); below the threshold: weak
    worth_reasons: tuple[WorthReason, ...] = ()
    version: int = 1  # the stored row's version: an edit names it, and is refused when it is stale

    def weak(self, threshold: int) -> bool:
        """A proposal nobody reviewed whose worth is below `threshold` (hidden by default)."""
        return self.origin is Origin.PROPOSED and self.worth is not None and self.worth < threshold


@dataclass(frozen=True, slots=True)
class Note:
    """A note or a piece of evidence (URL + quoted passage) on a claim."""

    id: int
    claim_id: int
    body: str = ""
    url: str = ""
    quote: str = ""
    author: str = ""
    created_at: str = ""
    version: int = 1  # the stored row's version (db/stores/versions.py)

    @property
    def is_evidence(self) -> bool:
        return bool(self.url or self.quote)


@dataclass(frozen=True, slots=True)
class SentenceHit:
    """A stored sentence found by the full-text index."""

    sentence_id: int
    article_id: int
    start: int
    end: int
    text: str
    rank: float = 0.0
    title: str = ""  # the title of a stored statement, indexed with its sentences (else "")
    terms: str = ""  # the text's index terms as stored (matching.index_text), "" when not read
    title_terms: str = ""  # the title's index terms as stored


@dataclass(frozen=True, slots=True)
class MatchResult:
    """A stored sentence ranked against a claim, with the reasons it matched."""

    article_id: int
    start: int
    end: int
    text: str
    score: float
    relation: MatchRelation = MatchRelation.UNRELATED
    shared_terms: tuple[str, ...] = ()
    shared_numbers: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    article_title: str = ""
    article_date: str = ""
    article_url: str = ""
    publisher: str = ""
    wire_group: int | None = None
    sentence_id: int | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)
